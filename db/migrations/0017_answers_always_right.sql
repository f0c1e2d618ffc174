-- 0017 an answer template is sent only when the order gives it every value, and
-- never promises a date in the past.
--
-- What was wrong: api.render_template left a placeholder it had no value for as it
-- was, so "Parcel on its way" rendered for a late, unshipped order put "{carrier}",
-- "{tracking_no}" and "{tracking_url}" into a queued e-mail; "Not shipped yet"
-- promised shipping "by {ship_by}" after that day had passed; "Refund issued" and
-- "Shipping fee refunded" were offered for orders nothing had been refunded on; and
-- nothing stopped a template from using a placeholder no function fills.
--
-- What holds now:
-- * backdesk.template_placeholders() is the list of placeholders the renderer knows,
--   and backdesk.answer_values(order, locale) gives each of them for one order: a
--   value, or the reason there is none ("not shipped yet", "the ship-by date
--   2026-11-24 is past").  A value that would promise a day before the shop's today
--   is no value.
-- * A template whose body uses a placeholder not in that list is refused by a trigger
--   on backdesk.templates (BD005, naming it), for the rows already there too.
-- * Every template exists in every language the templates are written in, with the
--   same placeholders in each (templates of one `key`; a deferred constraint trigger
--   checks it at commit), so what is offered never depends on the language.  Today
--   en and tr; a locale added later (hu) must bring every template at once.
-- * api.order_answers offers a template only when the order gives it every value:
--   the others follow, without a body, with why_not saying why (an agent looking for
--   "Parcel on its way" learns "not shipped yet" instead of wondering where it went).
--   api.render_template (and so api.queue_template) refuses the same with BD002,
--   naming the missing value, so nobody can queue a broken e-mail from psql either.
-- * Late orders get apology templates with a new date, and the apology has a variant
--   mentioning the order's most recent compensation (a gift code or a goodwill refund),
--   offered only when there is one.
-- * Placeholders are filled in one pass: a value that itself looks like "{carrier}" (a
--   customer's name) is not filled again.
--
-- The new dates, in the shop's calendar (backdesk.shop_date, Istanbul), never before
-- its today and never today itself (a promise has to be keepable):
-- * {new_ship_by}, for an order late to ship (backdesk.late_to_ship): today plus the
--   handling time the shop promised this order when it was placed (ship_by minus the
--   day it was placed, at least one day).  The warehouse gets the same time again that
--   it was given, counted from today.
-- * {new_deliver_by}, for a shipped order whose promised delivery day is past: the
--   carrier's own expected delivery (the newest parcel's expected_delivery) when it is
--   after today; else today plus the transit time promised for this order (the end of
--   the promised window minus the day it shipped, at least one day).
-- * {promised_from} is never before today: a window already begun says "from today".

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

------------------------------------------------------------------------------
-- What the renderer knows.
------------------------------------------------------------------------------
CREATE FUNCTION backdesk.template_placeholders() RETURNS TABLE (name text, about text)
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    VALUES ('customer_name', 'the customer''s name'),
           ('order_number', 'the order''s number'),
           ('total', 'the order''s total with its currency, written for the template''s language'),
           ('currency', 'the order''s currency code'),
           ('carrier', 'the carrier of the newest parcel; only once the order has shipped'),
           ('tracking_no', 'the newest parcel''s tracking number; only once the order has shipped'),
           ('tracking_url', 'the carrier''s public tracking page for it; only for carriers that have one'),
           ('promised_from', 'the first day of the promised delivery window, never before today; only while a shipped order is on time'),
           ('promised_to', 'the last day of the promised delivery window; only while a shipped order is on time'),
           ('ship_by', 'the day the order will have shipped by; only for a paid or packed order that is not late'),
           ('new_ship_by', 'a new ship-by day for an order late to ship (0017 says how it is computed)'),
           ('new_deliver_by', 'a new delivery day for a shipped order whose promised day is past (0017 says how)'),
           ('return_until', 'the last day to return the items (14 days after delivery); only while it is not past'),
           ('refunded_amount', 'everything refunded on the order, with its currency; only when something was'),
           ('fee_refunded', 'the shipping fee refunded, with its currency; only when it was'),
           ('gift_code', 'the gift code of the order''s most recent compensation, when that is an unexpired gift code'),
           ('gift_amount', 'its value, with its currency'),
           ('gift_expires', 'the last day it can be used'),
           ('refund_amount', 'the goodwill refund of the order''s most recent compensation, with its currency, when that is a refund');
$$;

-- The placeholders a text uses, each once, in order of name.
CREATE FUNCTION backdesk.template_uses(p_body text) RETURNS text[]
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    SELECT coalesce(array_agg(DISTINCT m[1] ORDER BY m[1]), '{}')
    FROM regexp_matches(p_body, '\{([A-Za-z0-9_]+)\}', 'g') AS m;
$$;

-- An amount as a customer reads it in the template's language: 1,234.50 TRY (en),
-- 1.234,50 TRY (tr), 1 234,50 HUF (hu); the currency's own number of decimals.
CREATE FUNCTION backdesk.money_words(p_amount numeric, p_currency text, p_locale text) RETURNS text
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    SELECT translate(to_char(round(p_amount, c.minor_units),
                             'FM999,999,999,999,990' || CASE WHEN c.minor_units > 0
                                                             THEN '.' || repeat('0', c.minor_units) ELSE '' END),
                     ',.', CASE backdesk.message_locale(p_locale) WHEN 'tr' THEN '.,' WHEN 'hu' THEN ' ,' ELSE ',.' END)
           || ' ' || c.code
    FROM backdesk.currencies c WHERE c.code = p_currency;
$$;

-- {name} placeholders filled from p_values in one pass over the text: a value is never
-- read again for placeholders, and one without a value stays as it is (the callers
-- refuse those before filling).
CREATE OR REPLACE FUNCTION backdesk.fill_placeholders(p_text text, p_values jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
    SELECT CASE WHEN p_text IS NOT NULL THEN
        coalesce((SELECT string_agg(coalesce(CASE WHEN t.m[1] ~ '^\{[A-Za-z0-9_]+\}$'
                                                  THEN p_values ->> substr(t.m[1], 2, length(t.m[1]) - 2) END,
                                             t.m[1]), '' ORDER BY t.n)
                  FROM regexp_matches(p_text, '\{[A-Za-z0-9_]+\}|\{|[^{]+', 'g') WITH ORDINALITY AS t(m, n)), '')
    END;
$$;

------------------------------------------------------------------------------
-- Every placeholder, for one order: its value, or why there is none.
------------------------------------------------------------------------------
CREATE FUNCTION backdesk.answer_values(p_order_id bigint, p_locale text)
    RETURNS TABLE (name text, value text, why_not text)
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    o backdesk.orders;
    v_cust text;
    s backdesk.shipments;
    v_today date := backdesk.shop_date(now());
    v_first date;
    v_from date;
    v_to date;
    v_delivered date;
    v_refunded numeric;
    v_fee numeric;
    c record;
    v_why_ship text;     -- why there is no parcel to speak of
    v_why_window text;   -- why there is no delivery window to promise
    v_why_late text;     -- why there is no new delivery day
BEGIN
    SELECT * INTO o FROM backdesk.orders x WHERE x.id = p_order_id;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    SELECT x.name INTO v_cust FROM backdesk.customers x WHERE x.id = o.customer_id;
    SELECT * INTO s FROM backdesk.shipments x WHERE x.order_id = o.id ORDER BY x.shipped_at DESC, x.id DESC LIMIT 1;
    SELECT backdesk.shop_date(min(x.shipped_at)), backdesk.shop_date(max(x.delivered_at))
    INTO v_first, v_delivered FROM backdesk.shipments x WHERE x.order_id = o.id;
    SELECT w.promised_from, w.promised_to INTO v_from, v_to
    FROM backdesk.promised_window(o.deliver_from, o.deliver_to,
                                  (SELECT min(x.shipped_at) FROM backdesk.shipments x WHERE x.order_id = o.id)) w;
    SELECT coalesce(sum(r.amount), 0), coalesce(sum(r.amount) FILTER (WHERE r.kind = 'shipping_fee'), 0)
    INTO v_refunded, v_fee FROM backdesk.refunds r WHERE r.order_id = o.id;
    -- The most recent compensation: a gift code or a goodwill refund on this order.
    SELECT * INTO c FROM (
        SELECT 'gift_code' AS kind, g.created_at, g.id, g.amount, g.currency::text AS currency, g.code, g.expires_at
        FROM backdesk.gift_codes g WHERE g.order_id = o.id
        UNION ALL
        SELECT 'refund', r.created_at, r.id, r.amount, r.currency::text, NULL, NULL
        FROM backdesk.refunds r WHERE r.order_id = o.id AND r.kind = 'goodwill') x
    ORDER BY x.created_at DESC, x.id DESC LIMIT 1;

    v_why_ship := CASE WHEN o.status = 'cancelled' THEN 'the order was cancelled'
                       WHEN s.id IS NULL AND o.status = 'pending' THEN 'the payment is not confirmed yet'
                       WHEN s.id IS NULL THEN 'not shipped yet' END;
    v_why_window := CASE WHEN o.status = 'cancelled' THEN 'the order was cancelled'
                         WHEN o.status = 'delivered' THEN 'already delivered'
                         WHEN s.id IS NULL THEN 'not shipped yet'
                         WHEN v_to IS NULL THEN 'no delivery window is known'
                         WHEN v_to < v_today THEN format('the promised delivery day %s is past', v_to) END;
    v_why_late := CASE WHEN o.status = 'cancelled' THEN 'the order was cancelled'
                       WHEN o.status = 'delivered' THEN 'already delivered'
                       WHEN s.id IS NULL THEN 'not shipped yet'
                       WHEN v_to IS NULL OR v_to >= v_today THEN 'the delivery is not late' END;

    RETURN QUERY
    SELECT p.name, CASE WHEN v.why IS NULL THEN v.value END, v.why
    FROM backdesk.template_placeholders() p
    LEFT JOIN (VALUES
        ('customer_name', v_cust, NULL),
        ('order_number', o.number, NULL),
        ('total', backdesk.money_words(o.total, o.currency, p_locale), NULL),
        ('currency', o.currency::text, NULL),
        ('carrier', s.carrier, v_why_ship),
        ('tracking_no', s.tracking_no, v_why_ship),
        ('tracking_url', backdesk.tracking_url(s.carrier, s.tracking_no),
         coalesce(v_why_ship, CASE WHEN backdesk.tracking_url(s.carrier, s.tracking_no) IS NULL
                                   THEN format('carrier %s has no tracking page', s.carrier) END)),
        ('promised_from', greatest(v_from, v_today)::text, v_why_window),
        ('promised_to', v_to::text, v_why_window),
        ('ship_by', o.ship_by::text,
         CASE WHEN o.status = 'cancelled' THEN 'the order was cancelled'
              WHEN o.status IN ('shipped', 'delivered') OR s.id IS NOT NULL THEN 'already shipped'
              WHEN o.status = 'pending' THEN 'the payment is not confirmed yet'
              WHEN o.ship_by < v_today THEN format('the ship-by date %s is past', o.ship_by) END),
        ('new_ship_by', (v_today + greatest(1, o.ship_by - backdesk.shop_date(o.placed_at)))::text,
         CASE WHEN o.status = 'cancelled' THEN 'the order was cancelled'
              WHEN o.status IN ('shipped', 'delivered') OR s.id IS NOT NULL THEN 'already shipped'
              WHEN o.status = 'pending' THEN 'the payment is not confirmed yet'
              WHEN NOT backdesk.late_to_ship(o.status, o.ship_by) THEN 'not late to ship' END),
        ('new_deliver_by', (CASE WHEN s.expected_delivery > v_today THEN s.expected_delivery
                                 ELSE v_today + greatest(1, v_to - v_first) END)::text,
         v_why_late),
        ('return_until', (v_delivered + 14)::text,
         CASE WHEN o.status <> 'delivered' THEN 'not delivered yet'
              WHEN v_delivered IS NULL THEN 'the delivery day is not recorded'
              WHEN v_delivered + 14 < v_today THEN format('the return period ended on %s', v_delivered + 14) END),
        ('refunded_amount', backdesk.money_words(v_refunded, o.currency, p_locale),
         CASE WHEN v_refunded <= 0 THEN 'nothing refunded yet' END),
        ('fee_refunded', backdesk.money_words(v_fee, o.currency, p_locale),
         CASE WHEN v_fee <= 0 THEN 'no shipping fee refunded' END),
        ('gift_code', c.code, NULL),
        ('gift_amount', backdesk.money_words(c.amount, c.currency, p_locale), NULL),
        ('gift_expires', c.expires_at::text, NULL),
        ('refund_amount', backdesk.money_words(c.amount, c.currency, p_locale), NULL)
    ) v0(name, value, why) ON v0.name = p.name
    CROSS JOIN LATERAL (SELECT v0.value,
        CASE
            WHEN v0.name IS NULL THEN 'backdesk does not fill it'
            WHEN v0.name IN ('gift_code', 'gift_amount', 'gift_expires') THEN
                CASE WHEN c.kind IS NULL THEN 'no compensation given on this order'
                     WHEN c.kind <> 'gift_code' THEN 'the latest compensation was a refund'
                     WHEN c.expires_at < v_today THEN format('gift code %s expired on %s', c.code, c.expires_at) END
            WHEN v0.name = 'refund_amount' THEN
                CASE WHEN c.kind IS NULL THEN 'no compensation given on this order'
                     WHEN c.kind <> 'refund' THEN 'the latest compensation was a gift code' END
            WHEN v0.why IS NULL AND v0.value IS NULL THEN 'no value'
            ELSE v0.why
        END AS why) v;
END
$$;

-- One template filled for one order, or BD002 naming the first value the order does
-- not have.  p_locale is the template's, for the amounts.
CREATE FUNCTION backdesk.answer_fill(p_template backdesk.templates, p_order backdesk.orders) RETURNS text
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_values jsonb;
    r record;
BEGIN
    SELECT u AS name, coalesce(v.why_not, 'backdesk does not fill it') AS why_not INTO r
    FROM unnest(backdesk.template_uses(p_template.body)) u
    LEFT JOIN backdesk.answer_values(p_order.id, p_template.locale) v ON v.name = u
    WHERE v.value IS NULL
    ORDER BY u LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('the answer "%s" needs {%s}, which order %s does not have: %s',
                             p_template.title, r.name, p_order.number, r.why_not),
            HINT = 'Use one of the answers offered for this order (api.order_answers, w on the order).';
    END IF;
    SELECT jsonb_object_agg(v.name, v.value) INTO v_values
    FROM backdesk.answer_values(p_order.id, p_template.locale) v WHERE v.value IS NOT NULL;
    RETURN backdesk.fill_placeholders(p_template.body, v_values);
END
$$;

------------------------------------------------------------------------------
-- The templates: one key per template, in every language, only known placeholders.
------------------------------------------------------------------------------
CREATE FUNCTION backdesk.templates_known_placeholders() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    v_unknown text;
BEGIN
    SELECT string_agg('{' || u || '}', ', ' ORDER BY u COLLATE "C") INTO v_unknown
    FROM unnest(backdesk.template_uses(NEW.body)) u
    WHERE u NOT IN (SELECT p.name FROM backdesk.template_placeholders() p);
    IF v_unknown IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('template "%s" (%s) uses %s, which backdesk does not fill', NEW.title, NEW.locale, v_unknown),
            HINT = format('The placeholders are: %s (SELECT * FROM backdesk.template_placeholders()).',
                          (SELECT string_agg('{' || p.name || '}', ', ') FROM backdesk.template_placeholders() p));
    END IF;
    RETURN NEW;
END
$$;

-- At commit: every key in every locale present, with one category and the same
-- placeholders in each.
CREATE FUNCTION backdesk.templates_every_language() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    r record;
BEGIN
    SELECT k.key, l.locale, (SELECT string_agg(DISTINCT t.locale, ', ') FROM backdesk.templates t) AS locales INTO r
    FROM (SELECT DISTINCT t.key FROM backdesk.templates t) k
    CROSS JOIN (SELECT DISTINCT t.locale FROM backdesk.templates t) l
    WHERE NOT EXISTS (SELECT FROM backdesk.templates t WHERE t.key = k.key AND t.locale = l.locale)
    ORDER BY k.key, l.locale LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('template %s has no %s version', r.key, r.locale),
            HINT = format('Every template is written in every language the templates have (%s): add it, or remove the template in all of them.',
                          r.locales);
    END IF;
    SELECT t.key INTO r FROM backdesk.templates t GROUP BY t.key
    HAVING count(DISTINCT t.category) > 1 OR count(DISTINCT backdesk.template_uses(t.body)) > 1
    ORDER BY t.key LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('template %s differs between its languages in category or placeholders', r.key),
            HINT = 'Every language of a template has the same category and uses the same placeholders, so it is offered for the same orders.';
    END IF;
    RETURN NULL;
END
$$;

ALTER TABLE backdesk.templates ADD COLUMN key text
    CONSTRAINT templates_key_check CHECK (length(key) <= 64 AND key ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
COMMENT ON COLUMN backdesk.templates.key IS
'One template in all its languages: every key exists in every locale the templates have, using the same placeholders (checked at commit).';

-- The templates so far, by what they were; a template added by hand gets a key of
-- its own (and must then exist in every language, or this migration stops naming it).
UPDATE backdesk.templates t SET key = k.key
FROM (VALUES ('where-is-my-order', 'Parcel on its way', 'Kargo yolda', 'parcel-on-its-way'),
             ('where-is-my-order', 'Not shipped yet', 'Henüz kargoya verilmedi', 'not-shipped-yet'),
             ('delay', 'Sorry for the delay', 'Gecikme için özür', 'late-delivery'),
             ('damaged', 'Arrived damaged', 'Hasarlı teslimat', 'damaged'),
             ('wrong-item', 'Wrong item', 'Yanlış ürün', 'wrong-item'),
             ('return', 'How to return', 'İade nasıl yapılır', 'how-to-return'),
             ('refund', 'Refund issued', 'İade yapıldı', 'refund-issued'),
             ('shipping-fee', 'Shipping fee refunded', 'Kargo ücreti iadesi', 'shipping-fee-refunded'))
     AS k(category, en, tr, key)
WHERE t.category = k.category AND t.title = CASE t.locale WHEN 'tr' THEN k.tr ELSE k.en END;
UPDATE backdesk.templates SET key = 'template-' || id WHERE key IS NULL;
ALTER TABLE backdesk.templates ALTER COLUMN key SET NOT NULL,
    ADD CONSTRAINT templates_key_locale_key UNIQUE (key, locale);

-- {total} now carries its currency.
UPDATE backdesk.templates SET body = replace(body, '{total} {currency}', '{total}');

-- The bodies that change: a new date where the old one could be past, the amounts
-- that were really refunded, the last day to return.
UPDATE backdesk.templates t SET body = b.body
FROM (VALUES
('late-delivery', 'en', E'Hello {customer_name},\n\nwe are sorry that your order {order_number} is taking longer than promised. It is with {carrier} (tracking number {tracking_no}, {tracking_url}); we are in touch with them and now expect it to reach you by {new_deliver_by}. As an apology we would like to offer you a compensation.\n\nKind regards'),
('late-delivery', 'tr', E'Merhaba {customer_name},\n\n{order_number} numaralı siparişinizin söz verdiğimizden geç ulaştığı için özür dileriz. Kargonuz {carrier} firmasında (takip numarası {tracking_no}, {tracking_url}); firmayla iletişim halindeyiz ve kargonuzun en geç {new_deliver_by} tarihinde size ulaşmasını bekliyoruz. Özür olarak size bir telafi sunmak isteriz.\n\nSaygılarımızla'),
('how-to-return', 'en', E'Hello {customer_name},\n\nyou can return items from order {order_number} until {return_until} (14 days after delivery). Pack them in their original packaging; we will send you a return code for the carrier. Your refund follows as soon as we have checked the items.\n\nKind regards'),
('how-to-return', 'tr', E'Merhaba {customer_name},\n\n{order_number} numaralı siparişinizdeki ürünleri {return_until} tarihine kadar (teslimattan itibaren 14 gün) iade edebilirsiniz. Ürünleri orijinal ambalajında paketleyin; size kargo için bir iade kodu göndereceğiz. Ürünleri kontrol eder etmez ücret iadeniz yapılır.\n\nSaygılarımızla'),
('refund-issued', 'en', E'Hello {customer_name},\n\nwe have refunded {refunded_amount} for your order {order_number}. Depending on your bank it reaches your account within 3 to 10 working days.\n\nKind regards'),
('refund-issued', 'tr', E'Merhaba {customer_name},\n\n{order_number} numaralı siparişiniz için {refunded_amount} iade ettik. Bankanıza bağlı olarak tutar 3 ile 10 iş günü içinde hesabınıza geçer.\n\nSaygılarımızla'),
('shipping-fee-refunded', 'en', E'Hello {customer_name},\n\nyour order {order_number} qualified for free shipping, so we have refunded the shipping fee of {fee_refunded} you were charged. Sorry for the trouble.\n\nKind regards'),
('shipping-fee-refunded', 'tr', E'Merhaba {customer_name},\n\n{order_number} numaralı siparişiniz ücretsiz kargo kapsamındaydı; sizden alınan {fee_refunded} kargo ücretini iade ettik. Yaşadığınız sorun için özür dileriz.\n\nSaygılarımızla')
) AS b(key, locale, body)
WHERE t.key = b.key AND t.locale = b.locale;

-- The apologies: late to ship and late to arrive, each plain and with the most
-- recent compensation (offered only when the order has one).
INSERT INTO backdesk.templates (key, category, locale, title, body) VALUES
('late-delivery-gift', 'delay', 'en', 'Sorry for the delay, with the gift code',
 E'Hello {customer_name},\n\nwe are sorry that your order {order_number} is taking longer than promised. It is with {carrier} (tracking number {tracking_no}, {tracking_url}); we are in touch with them and now expect it to reach you by {new_deliver_by}. As an apology we have given you the gift code {gift_code}, worth {gift_amount} and valid until {gift_expires}.\n\nKind regards'),
('late-delivery-gift', 'delay', 'tr', 'Gecikme için özür, hediye kodu ile',
 E'Merhaba {customer_name},\n\n{order_number} numaralı siparişinizin söz verdiğimizden geç ulaştığı için özür dileriz. Kargonuz {carrier} firmasında (takip numarası {tracking_no}, {tracking_url}); firmayla iletişim halindeyiz ve kargonuzun en geç {new_deliver_by} tarihinde size ulaşmasını bekliyoruz. Özür olarak size {gift_amount} değerinde {gift_code} hediye kodunu tanımladık; kod {gift_expires} tarihine kadar geçerlidir.\n\nSaygılarımızla'),
('late-delivery-refund', 'delay', 'en', 'Sorry for the delay, with the refund',
 E'Hello {customer_name},\n\nwe are sorry that your order {order_number} is taking longer than promised. It is with {carrier} (tracking number {tracking_no}, {tracking_url}); we are in touch with them and now expect it to reach you by {new_deliver_by}. As an apology we have refunded {refund_amount} to you; depending on your bank it reaches your account within 3 to 10 working days.\n\nKind regards'),
('late-delivery-refund', 'delay', 'tr', 'Gecikme için özür, iade ile',
 E'Merhaba {customer_name},\n\n{order_number} numaralı siparişinizin söz verdiğimizden geç ulaştığı için özür dileriz. Kargonuz {carrier} firmasında (takip numarası {tracking_no}, {tracking_url}); firmayla iletişim halindeyiz ve kargonuzun en geç {new_deliver_by} tarihinde size ulaşmasını bekliyoruz. Özür olarak size {refund_amount} iade ettik; bankanıza bağlı olarak tutar 3 ile 10 iş günü içinde hesabınıza geçer.\n\nSaygılarımızla'),
('late-shipping', 'delay', 'en', 'Sorry, not shipped yet',
 E'Hello {customer_name},\n\nwe are sorry that your order {order_number} did not leave us on the day we promised. It will be shipped by {new_ship_by}; as soon as it leaves us we send you the carrier and the tracking number. As an apology we would like to offer you a compensation.\n\nKind regards'),
('late-shipping', 'delay', 'tr', 'Kargo gecikmesi için özür',
 E'Merhaba {customer_name},\n\n{order_number} numaralı siparişinizi söz verdiğimiz tarihte kargoya veremediğimiz için özür dileriz. Siparişiniz en geç {new_ship_by} tarihinde kargoya verilecek; kargoya verildiğinde kargo firmasını ve takip numarasını size ileteceğiz. Özür olarak size bir telafi sunmak isteriz.\n\nSaygılarımızla'),
('late-shipping-gift', 'delay', 'en', 'Sorry, not shipped yet, with the gift code',
 E'Hello {customer_name},\n\nwe are sorry that your order {order_number} did not leave us on the day we promised. It will be shipped by {new_ship_by}; as soon as it leaves us we send you the carrier and the tracking number. As an apology we have given you the gift code {gift_code}, worth {gift_amount} and valid until {gift_expires}.\n\nKind regards'),
('late-shipping-gift', 'delay', 'tr', 'Kargo gecikmesi için özür, hediye kodu ile',
 E'Merhaba {customer_name},\n\n{order_number} numaralı siparişinizi söz verdiğimiz tarihte kargoya veremediğimiz için özür dileriz. Siparişiniz en geç {new_ship_by} tarihinde kargoya verilecek; kargoya verildiğinde kargo firmasını ve takip numarasını size ileteceğiz. Özür olarak size {gift_amount} değerinde {gift_code} hediye kodunu tanımladık; kod {gift_expires} tarihine kadar geçerlidir.\n\nSaygılarımızla'),
('late-shipping-refund', 'delay', 'en', 'Sorry, not shipped yet, with the refund',
 E'Hello {customer_name},\n\nwe are sorry that your order {order_number} did not leave us on the day we promised. It will be shipped by {new_ship_by}; as soon as it leaves us we send you the carrier and the tracking number. As an apology we have refunded {refund_amount} to you; depending on your bank it reaches your account within 3 to 10 working days.\n\nKind regards'),
('late-shipping-refund', 'delay', 'tr', 'Kargo gecikmesi için özür, iade ile',
 E'Merhaba {customer_name},\n\n{order_number} numaralı siparişinizi söz verdiğimiz tarihte kargoya veremediğimiz için özür dileriz. Siparişiniz en geç {new_ship_by} tarihinde kargoya verilecek; kargoya verildiğinde kargo firmasını ve takip numarasını size ileteceğiz. Özür olarak size {refund_amount} iade ettik; bankanıza bağlı olarak tutar 3 ile 10 iş günü içinde hesabınıza geçer.\n\nSaygılarımızla');

CREATE TRIGGER templates_known_placeholders BEFORE INSERT OR UPDATE OF body ON backdesk.templates
    FOR EACH ROW EXECUTE FUNCTION backdesk.templates_known_placeholders();
CREATE CONSTRAINT TRIGGER templates_every_language AFTER INSERT OR UPDATE OR DELETE ON backdesk.templates
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION backdesk.templates_every_language();
-- The rows already there pass the same checks (a hand-made template with an unknown
-- placeholder stops this migration, naming it).
UPDATE backdesk.templates SET body = body;

------------------------------------------------------------------------------
-- The api.
------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION api.render_template(template_id bigint, order_number text) RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_template_id ALIAS FOR $1;
    p_number ALIAS FOR $2;
    v_template backdesk.templates;
    v_order backdesk.orders;
BEGIN
    PERFORM backdesk.require_role('using answer templates', 'agent', 'admin');
    SELECT * INTO v_template FROM backdesk.templates t WHERE t.id = p_template_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no template with id %s', coalesce(p_template_id::text, 'NULL')),
            HINT = 'Pick a template from backdesk.templates.';
    END IF;
    SELECT * INTO v_order FROM backdesk.orders o WHERE o.number = btrim(p_number);
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no order %s', coalesce(quote_literal(p_number), 'NULL')),
            HINT = 'Check the order number (search with g).';
    END IF;
    RETURN backdesk.answer_fill(v_template, v_order);
END
$$;

-- The return type changes (why_not): drop and create.
DROP FUNCTION api.order_answers(text);
CREATE FUNCTION api.order_answers(order_number text)
    RETURNS TABLE (template_id bigint, category text, title text, body text, why_not text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    p_number ALIAS FOR $1;
    v_order backdesk.orders;
    v_locale text;
    v_values jsonb;
BEGIN
    PERFORM backdesk.require_role('using answer templates', 'agent', 'admin');
    SELECT * INTO v_order FROM backdesk.orders o WHERE o.number = btrim(p_number);
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003', MESSAGE = format('no order %L', p_number),
            HINT = 'Check the order number (search with g).';
    END IF;
    SELECT left(c.locale, 2) INTO v_locale FROM backdesk.customers c WHERE c.id = v_order.customer_id;
    IF NOT EXISTS (SELECT FROM backdesk.templates t WHERE t.locale = v_locale) THEN
        v_locale := 'en';
    END IF;
    RETURN QUERY
    WITH v AS (SELECT * FROM backdesk.answer_values(v_order.id, v_locale)),
    t AS (SELECT x.id, x.category, x.title, x.body, backdesk.template_uses(x.body) AS uses
          FROM backdesk.templates x WHERE x.locale = v_locale),
    g AS (SELECT t.id, string_agg(DISTINCT coalesce(v.why_not, 'backdesk does not fill {' || u.u || '}'), '; ') AS why
          FROM t CROSS JOIN LATERAL unnest(t.uses) AS u(u) LEFT JOIN v ON v.name = u.u
          WHERE v.value IS NULL GROUP BY t.id)
    SELECT t.id, t.category, t.title,
           CASE WHEN g.why IS NULL
                THEN backdesk.fill_placeholders(t.body, (SELECT jsonb_object_agg(v.name, v.value) FROM v
                                                         WHERE v.value IS NOT NULL)) END,
           g.why
    FROM t LEFT JOIN g ON g.id = t.id
    ORDER BY g.why IS NOT NULL,
             array_position(ARRAY['where-is-my-order', 'delay', 'shipping-fee', 'damaged',
                                  'wrong-item', 'return', 'refund'], t.category) NULLS LAST,
             t.category, cardinality(t.uses) DESC, t.title;
END
$$;

GRANT EXECUTE ON FUNCTION api.order_answers(text)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;

COMMENT ON FUNCTION api.render_template(bigint, text) IS
$$An answer template (backdesk.templates) filled with one order's values, in the template's language (amounts written for it). The placeholders are those of backdesk.template_placeholders(): {customer_name}, {order_number}, {total}, {currency}, {carrier}, {tracking_no}, {tracking_url}, {promised_from}, {promised_to}, {ship_by}, {new_ship_by}, {new_deliver_by}, {return_until}, {refunded_amount}, {fee_refunded}, {gift_code}, {gift_amount}, {gift_expires}, {refund_amount}; backdesk.answer_values(order, locale) says which the order has, and why not the others. No date it fills is before the shop's today. Reads only.
Who: agent, admin.
Refuses: BD001 any other role; BD003 no such template or order; BD002 the order does not give a value the template uses (the message names it and says why: not shipped yet, the ship-by date is past, no compensation given ...).$$;

COMMENT ON FUNCTION api.order_answers(text) IS
$$Every answer template in the language of the order's customer (English when there is none in it): rows of (template_id, category, title, body, why_not). The templates the order gives every value come first, filled for it (body), the categories most asked about first and the more specific variant first (the apology mentioning the gift code before the plain one); then the others, with body NULL and why_not saying why they do not fit this order ("not shipped yet", "the ship-by date 2026-11-24 is past"). Reads only.
Who: agent, admin.
Refuses: BD001 any other role; BD003 no such order.$$;

COMMENT ON FUNCTION api.queue_template(bigint, text) IS
$$Sends an answer template filled for the order (as api.render_template) to the order's customer by e-mail, through the outbox; returns the outbox id. Audited (outbox.template).
Who: agent, admin.
Refuses: BD001 any other role; BD003 no such order or template; BD002 the customer has no e-mail address, or the order does not give a value the template uses (as api.render_template: the message names it).$$;

------------------------------------------------------------------------------
-- The order confirmation and tracking e-mails (api.queue_message) promised the same
-- past days: "We will ship it by 2026-11-24" after that day, "Expected delivery:
-- between 2026-11-24 and 2026-11-26" for a parcel still on its way on the 27th.  They
-- now take their days from backdesk.answer_values as well: the ship-by day while it
-- holds, else the apology and the new ship-by day; the delivery window from today on,
-- else the new delivery day; no window for an order late to ship (its new ship-by day
-- is the promise).  Everything else is as in 0006.
------------------------------------------------------------------------------
-- The delivery days to promise for an order, never before today: the window of a
-- parcel on time (from today at the earliest), the new day of a late one, or the
-- shop's window of an order not shipped yet and not late; else none.
CREATE FUNCTION backdesk.delivery_promise(p_order_id bigint, OUT promise_from date, OUT promise_to date)
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    o backdesk.orders;
    v_today date := backdesk.shop_date(now());
    v jsonb;
BEGIN
    SELECT * INTO o FROM backdesk.orders x WHERE x.id = p_order_id;
    SELECT jsonb_object_agg(a.name, a.value) INTO v
    FROM backdesk.answer_values(p_order_id, 'en') a WHERE a.value IS NOT NULL;
    IF v ? 'promised_to' THEN
        promise_from := (v ->> 'promised_from')::date;
        promise_to := (v ->> 'promised_to')::date;
    ELSIF v ? 'new_deliver_by' THEN
        promise_from := (v ->> 'new_deliver_by')::date;
        promise_to := promise_from;
    ELSIF o.status IN ('pending', 'paid', 'packed') AND NOT backdesk.late_to_ship(o.status, o.ship_by)
          AND NOT EXISTS (SELECT FROM backdesk.shipments x WHERE x.order_id = o.id)
          AND o.deliver_to >= v_today THEN
        promise_from := greatest(coalesce(o.deliver_from, o.deliver_to), v_today);
        promise_to := o.deliver_to;
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION api.queue_message(order_number text, kind text, p_channel text DEFAULT 'email')
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk, pg_temp
AS $$
DECLARE
    p_number ALIAS FOR $1;
    p_kind ALIAS FOR $2;
    v_order backdesk.orders;
    v_cust backdesk.customers;
    v_lang text;
    v_to text;
    v_window text;
    v_ship text;
    v_parcels text;
    v_lines text;
    v_subject text;
    v_body text;
    v_id bigint;
    v_from date;
    v_until date;
    v_values jsonb;
BEGIN
    PERFORM backdesk.require_role('sending messages to customers', 'agent', 'admin');
    PERFORM backdesk.need_one_of(p_kind, 'kind', ARRAY['order_confirmation', 'tracking']);
    PERFORM backdesk.need_one_of(coalesce(p_channel, 'email'), 'channel', ARRAY['email', 'sms']);

    -- Read, not changed: no lock, no version.
    SELECT * INTO v_order FROM backdesk.orders WHERE number = btrim(p_number);
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no order %s', coalesce(quote_literal(p_number), 'NULL')),
            HINT = 'Check the order number (search with g).';
    END IF;
    SELECT * INTO v_cust FROM backdesk.customers WHERE id = v_order.customer_id;
    v_lang := backdesk.message_locale(v_cust.locale);

    IF coalesce(p_channel, 'email') = 'email' THEN
        v_to := v_cust.email;
        IF v_to IS NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('customer %s has no e-mail address', v_cust.name),
                HINT = 'Read the details out on the phone, or send them by SMS (channel sms).';
        END IF;
    ELSE
        v_to := v_cust.phone;
        IF v_to IS NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('customer %s has no phone number', v_cust.name),
                HINT = 'Send the details by e-mail (channel email).';
        END IF;
    END IF;

    SELECT p.promise_from, p.promise_to INTO v_from, v_until FROM backdesk.delivery_promise(v_order.id) p;
    IF v_from IS NOT NULL AND v_from < v_until THEN
        v_window := CASE v_lang
            WHEN 'tr' THEN format('Tahmini teslimat: %s – %s arası.', v_from, v_until)
            WHEN 'hu' THEN format('Várható kézbesítés: %s és %s között.', v_from, v_until)
            ELSE format('Expected delivery: between %s and %s.', v_from, v_until) END;
    ELSIF v_until IS NOT NULL THEN
        v_window := CASE v_lang
            WHEN 'tr' THEN format('Tahmini teslimat: en geç %s.', v_until)
            WHEN 'hu' THEN format('Várható kézbesítés: legkésőbb %s.', v_until)
            ELSE format('Expected delivery: by %s.', v_until) END;
    END IF;

    IF p_kind = 'tracking' THEN
        IF v_order.status = 'cancelled' THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('order %s was cancelled; there is nothing to track', v_order.number),
                HINT = 'Tell the customer about the cancellation and its refund instead.';
        END IF;
        SELECT string_agg(
                   format('%s: %s%s', s.carrier, s.tracking_no,
                          coalesce(E'\n  ' || backdesk.tracking_url(s.carrier, s.tracking_no), '')),
                   E'\n' ORDER BY s.shipped_at, s.id)
        INTO v_parcels
        FROM backdesk.shipments s WHERE s.order_id = v_order.id;
        IF v_parcels IS NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('order %s has not shipped yet; there are no tracking details to send', v_order.number),
                HINT = format('It is due to ship by %s.', v_order.ship_by);
        END IF;
        v_subject := CASE v_lang
            WHEN 'tr' THEN format('%s numaralı siparişiniz yola çıktı', v_order.number)
            WHEN 'hu' THEN format('A(z) %s számú rendelése úton van', v_order.number)
            ELSE format('Your order %s is on its way', v_order.number) END;
        v_body := CASE v_lang
            WHEN 'tr' THEN format(E'Merhaba %s,\n\n%s numaralı siparişiniz kargoya verildi. Kargo takip bilgileri:\n%s\n%s\n\nBizi tercih ettiğiniz için teşekkür ederiz.',
                                  v_cust.name, v_order.number, v_parcels, coalesce(v_window, ''))
            WHEN 'hu' THEN format(E'Kedves %s!\n\nA(z) %s számú rendelését feladtuk. Csomagkövetés:\n%s\n%s\n\nKöszönjük, hogy nálunk vásárolt!',
                                  v_cust.name, v_order.number, v_parcels, coalesce(v_window, ''))
            ELSE format(E'Hello %s,\n\nyour order %s has been shipped. Tracking:\n%s\n%s\n\nThank you for shopping with us.',
                        v_cust.name, v_order.number, v_parcels, coalesce(v_window, '')) END;
    ELSE
        IF v_order.status = 'cancelled' THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('order %s was cancelled; a confirmation would mislead the customer', v_order.number),
                HINT = 'Tell the customer about the cancellation and its refund instead.';
        END IF;
        SELECT jsonb_object_agg(a.name, a.value) INTO v_values
        FROM backdesk.answer_values(v_order.id, v_lang) a WHERE a.value IS NOT NULL;
        -- When it ships: the ship-by day while it holds; a late order's apology and new
        -- day; after the payment; or that it has shipped.
        v_ship := CASE
            WHEN v_values ? 'ship_by' THEN CASE v_lang
                WHEN 'tr' THEN format('Siparişinizi en geç %s tarihinde kargoya vereceğiz.', v_values ->> 'ship_by')
                WHEN 'hu' THEN format('Legkésőbb %s-ig feladjuk.', v_values ->> 'ship_by')
                ELSE format('We will ship it by %s.', v_values ->> 'ship_by') END
            WHEN v_values ? 'new_ship_by' THEN CASE v_lang
                WHEN 'tr' THEN format('Siparişinizi söz verdiğimiz tarihte kargoya veremediğimiz için özür dileriz; en geç %s tarihinde kargoya vereceğiz.', v_values ->> 'new_ship_by')
                WHEN 'hu' THEN format('Sajnáljuk, hogy nem adtuk fel az ígért napon; legkésőbb %s-ig feladjuk.', v_values ->> 'new_ship_by')
                ELSE format('We are sorry that it did not leave us on the day we promised; we will ship it by %s.', v_values ->> 'new_ship_by') END
            WHEN v_order.status = 'pending' THEN CASE v_lang
                WHEN 'tr' THEN 'Ödemeniz onaylanır onaylanmaz siparişinizi kargoya vereceğiz.'
                WHEN 'hu' THEN 'A fizetés visszaigazolása után azonnal feladjuk.'
                ELSE 'We will ship it as soon as the payment is confirmed.' END
            ELSE CASE v_lang
                WHEN 'tr' THEN 'Siparişiniz kargoya verildi.'
                WHEN 'hu' THEN 'A rendelését már feladtuk.'
                ELSE 'It has been shipped.' END
            END;
        SELECT string_agg(format('%s × %s  %s %s', l.qty, l.name, l.line_total, v_order.currency), E'\n'
                          ORDER BY l.line_no)
        INTO v_lines FROM backdesk.order_lines l WHERE l.order_id = v_order.id;
        v_subject := CASE v_lang
            WHEN 'tr' THEN format('%s numaralı siparişiniz için teşekkür ederiz', v_order.number)
            WHEN 'hu' THEN format('Köszönjük a rendelését (%s)', v_order.number)
            ELSE format('Thank you for your order %s', v_order.number) END;
        v_body := CASE v_lang
            WHEN 'tr' THEN format(E'Merhaba %s,\n\n%s numaralı siparişinizi aldık.\n%s\nToplam: %s %s\n\n%s\n\nBizi tercih ettiğiniz için teşekkür ederiz.',
                                  v_cust.name, v_order.number, coalesce(v_lines, ''), v_order.total, v_order.currency,
                                  concat_ws(' ', v_ship, v_window))
            WHEN 'hu' THEN format(E'Kedves %s!\n\nMegkaptuk a(z) %s számú rendelését.\n%s\nÖsszesen: %s %s\n\n%s\n\nKöszönjük, hogy nálunk vásárolt!',
                                  v_cust.name, v_order.number, coalesce(v_lines, ''), v_order.total, v_order.currency,
                                  concat_ws(' ', v_ship, v_window))
            ELSE format(E'Hello %s,\n\nthank you for your order %s.\n%s\nTotal: %s %s\n\n%s\n\nThank you for shopping with us.',
                        v_cust.name, v_order.number, coalesce(v_lines, ''), v_order.total, v_order.currency,
                        concat_ws(' ', v_ship, v_window)) END;
    END IF;

    INSERT INTO backdesk.outbox (kind, channel, customer_id, order_id, recipient, subject, body)
    VALUES (p_kind, coalesce(p_channel, 'email'), v_cust.id, v_order.id, v_to, v_subject, v_body)
    RETURNING id INTO v_id;
    PERFORM backdesk.audit('message.queue', 'order', v_order.id,
        jsonb_build_object('number', v_order.number, 'outbox_id', v_id, 'kind', p_kind,
                           'channel', coalesce(p_channel, 'email'), 'locale', v_lang));
    RETURN v_id;
END
$$;

COMMENT ON FUNCTION api.queue_message(text, text, text) IS
$$Puts the order confirmation (kind order_confirmation) or the tracking details (kind tracking) into the outbox again, in the customer's language (tr, hu, else en), by e-mail or SMS (p_channel email, the default, or sms). Returns the outbox id. The days it promises are never before the shop's today: the ship-by day while it holds, else (late to ship) an apology and a new day; the delivery window from today on, else (delivery late) a new day (backdesk.answer_values, 0017). Audited (message.queue).
Who: agent, admin.
Refuses: BD001 any other role; BD005 another kind or channel; BD003 no such order; BD002 the customer has no e-mail address (no phone, for sms), the order was cancelled, or tracking for an order that has not shipped.$$;
