-- 0002 api: who am I, staff logins, the shop's order import, and the one search box.
--
-- Every function here is SECURITY DEFINER with a pinned search_path, checks the
-- caller's group, and refuses with a SQLSTATE of class BD (see docs/ARCHITECTURE.md):
--   BD001 not allowed for your role   BD002 not in this state   BD003 not found
--   BD004 changed by someone else     BD005 invalid input       BD006 over a limit
--   BD007 already exists / already used

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk;

------------------------------------------------------------------------------
-- api.whoami: what the program shows on its status line.
------------------------------------------------------------------------------
CREATE FUNCTION api.whoami(OUT login text, OUT full_name text, OUT role text, OUT active boolean)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk
AS $$
    SELECT session_user::text,
           coalesce(s.full_name, session_user::text),
           backdesk.caller_role(),
           coalesce(s.active, true)
    FROM (SELECT 1) one
    LEFT JOIN backdesk.staff s ON s.login = session_user;
$$;

------------------------------------------------------------------------------
-- Staff: each person gets a LOGIN role in one backdesk group.
------------------------------------------------------------------------------
CREATE FUNCTION api.staff_add(p_login text, p_full_name text, p_role text,
                              p_password text DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    v_id bigint;
BEGIN
    PERFORM backdesk.require_role('adding staff', 'admin');
    IF p_login IS NULL OR p_login !~ '^[a-z_][a-z0-9_.-]{0,62}$' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('login %L is not valid', p_login),
            HINT = 'Use lower-case letters, digits, "_", "." or "-", starting with a letter, at most 63 characters.';
    END IF;
    IF p_login LIKE 'backdesk\_%' OR p_login LIKE 'pg\_%'
       OR p_login IN ('public', 'none', 'current_user', 'session_user', 'current_role') THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('login %L is reserved', p_login),
            HINT = 'Choose a login that does not start with "backdesk_" or "pg_".';
    END IF;
    IF p_role IS NULL OR p_role NOT IN ('agent', 'warehouse', 'supervisor', 'admin') THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = format('role %L is not valid', p_role),
            HINT = 'Use agent, warehouse, supervisor or admin.';
    END IF;
    IF p_full_name IS NULL OR btrim(p_full_name) = '' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005', MESSAGE = 'a staff member needs a name',
            HINT = 'Give the person''s full name with --name.';
    END IF;
    IF EXISTS (SELECT FROM backdesk.staff WHERE login = p_login)
       OR EXISTS (SELECT FROM pg_roles WHERE rolname = p_login) THEN
        RAISE EXCEPTION USING ERRCODE = 'BD007',
            MESSAGE = format('a database role named %s already exists', p_login),
            HINT = 'Choose another login, or ask the database administrator about the existing role.';
    END IF;

    -- Only a SCRAM verifier made by the client (PQencryptPasswordConn) is taken, so
    -- the clear text never reaches the server, its logs or this audit trail.
    IF p_password IS NOT NULL AND p_password !~ '^SCRAM-SHA-256\$[0-9]+:' THEN
        RAISE EXCEPTION USING ERRCODE = 'BD005',
            MESSAGE = 'the password must arrive as a SCRAM-SHA-256 verifier, not as clear text',
            HINT = 'Use `backdesk staff add --password-stdin`, which hashes it before sending.';
    END IF;
    IF p_password IS NULL THEN
        EXECUTE format('CREATE ROLE %I LOGIN IN ROLE %I', p_login, 'backdesk_' || p_role);
    ELSE
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', p_login, p_password,
                       'backdesk_' || p_role);
    END IF;
    INSERT INTO backdesk.staff (login, full_name, role) VALUES (p_login, btrim(p_full_name), p_role)
    RETURNING id INTO v_id;
    PERFORM backdesk.audit('staff.add', 'staff', v_id,
                           jsonb_build_object('login', p_login, 'role', p_role,
                                              'password', p_password IS NOT NULL));
    RETURN v_id;
END
$$;

CREATE FUNCTION api.staff_disable(p_login text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    v_staff backdesk.staff;
BEGIN
    PERFORM backdesk.require_role('disabling staff', 'admin');
    SELECT * INTO v_staff FROM backdesk.staff WHERE login = p_login FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'BD003',
            MESSAGE = format('no staff member with login %L', p_login),
            HINT = 'See `backdesk staff list` for the logins.';
    END IF;
    IF NOT v_staff.active THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002',
            MESSAGE = format('%s is already disabled (since %s)', p_login,
                             to_char(v_staff.disabled_at, 'YYYY-MM-DD HH24:MI'));
    END IF;
    IF p_login = session_user THEN
        RAISE EXCEPTION USING ERRCODE = 'BD002', MESSAGE = 'you cannot disable your own login',
            HINT = 'Ask another administrator.';
    END IF;
    EXECUTE format('ALTER ROLE %I NOLOGIN', p_login);
    UPDATE backdesk.staff SET active = false, disabled_at = now() WHERE id = v_staff.id;
    PERFORM backdesk.audit('staff.disable', 'staff', v_staff.id, jsonb_build_object('login', p_login));
END
$$;

------------------------------------------------------------------------------
-- api.import_order: the shop pushes an order; the same number again replaces it
-- while nothing has shipped.  Every refusal names the field and what was wrong.
------------------------------------------------------------------------------
CREATE FUNCTION backdesk.bad_doc(p_field text, p_problem text, p_hint text DEFAULT NULL)
    RETURNS void LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'BD005',
        MESSAGE = format('order document: %s %s', p_field, p_problem),
        HINT = coalesce(p_hint, 'Fix the field in the order document and send it again.');
END
$$;

-- A required string member, trimmed; refuses a missing, empty or non-string value.
CREATE FUNCTION backdesk.doc_text(p_doc jsonb, p_key text, p_path text, p_required boolean DEFAULT true)
    RETURNS text LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
    v jsonb := p_doc -> p_key;
BEGIN
    IF v IS NULL OR jsonb_typeof(v) = 'null' THEN
        IF p_required THEN
            PERFORM backdesk.bad_doc(p_path, 'is missing');
        END IF;
        RETURN NULL;
    END IF;
    IF jsonb_typeof(v) <> 'string' THEN
        PERFORM backdesk.bad_doc(p_path, format('must be a string, got %s', v));
    END IF;
    IF btrim(v #>> '{}') = '' THEN
        IF p_required THEN
            PERFORM backdesk.bad_doc(p_path, 'is empty');
        END IF;
        RETURN NULL;
    END IF;
    RETURN btrim(v #>> '{}');
END
$$;

-- Money arrives as a decimal string ("149.90") or a JSON number; never negative,
-- never more decimals than the currency has.
CREATE FUNCTION backdesk.doc_money(p_doc jsonb, p_key text, p_path text, p_minor smallint,
                                   p_default numeric DEFAULT NULL)
    RETURNS numeric LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
    v jsonb := p_doc -> p_key;
    s text;
    n numeric;
BEGIN
    IF v IS NULL OR jsonb_typeof(v) = 'null' THEN
        IF p_default IS NULL THEN
            PERFORM backdesk.bad_doc(p_path, 'is missing');
        END IF;
        RETURN p_default;
    END IF;
    IF jsonb_typeof(v) NOT IN ('string', 'number') THEN
        PERFORM backdesk.bad_doc(p_path, format('must be an amount like "149.90", got %s', v));
    END IF;
    s := btrim(v #>> '{}');
    IF s !~ '^-?[0-9]+(\.[0-9]+)?$' THEN
        PERFORM backdesk.bad_doc(p_path, format('must be an amount like "149.90", got %s', v));
    END IF;
    n := s::numeric;
    IF n < 0 THEN
        PERFORM backdesk.bad_doc(p_path, format('must not be negative, got %s', s));
    END IF;
    IF round(n, p_minor) <> n THEN
        PERFORM backdesk.bad_doc(p_path, format('has more than %s decimals: %s', p_minor, s));
    END IF;
    IF n >= 1e12 THEN
        PERFORM backdesk.bad_doc(p_path, format('is too large: %s', s));
    END IF;
    RETURN n;
END
$$;

CREATE FUNCTION backdesk.doc_date(p_doc jsonb, p_key text, p_path text) RETURNS date
    LANGUAGE plpgsql STABLE
AS $$
DECLARE
    s text := backdesk.doc_text(p_doc, p_key, p_path, false);
BEGIN
    IF s IS NULL THEN
        RETURN NULL;
    END IF;
    IF s !~ '^\d{4}-\d{2}-\d{2}$' THEN
        PERFORM backdesk.bad_doc(p_path, format('must be a date like 2026-11-24, got %L', s));
    END IF;
    RETURN s::date;
EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
    PERFORM backdesk.bad_doc(p_path, format('is not a real date: %L', s));
    RETURN NULL;
END
$$;

CREATE FUNCTION api.import_order(doc jsonb) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    v_number      text;
    v_placed      timestamptz;
    v_currency    text;
    v_minor       smallint;
    v_cust        jsonb;
    v_addr        jsonb;
    v_pay         jsonb;
    v_email       text;
    v_phone       text;
    v_name        text;
    v_locale      text;
    v_customer_id bigint;
    v_address_id  bigint;
    v_order       backdesk.orders;
    v_order_id    bigint;
    v_line        jsonb;
    v_i           integer := 0;
    v_qty         jsonb;
    v_price       numeric;
    v_rate        numeric;
    v_lines_total numeric := 0;
    v_tax_total   numeric := 0;
    v_fee         numeric;
    v_free        boolean;
    v_paid        numeric;
    v_method      text;
    v_ship_by     date;
    v_from        date;
    v_to          date;
    v_window      jsonb;
    v_status      text;
    v_product_id  bigint;
    v_placed_txt  text;
BEGIN
    PERFORM backdesk.require_role('importing orders', 'shop', 'admin');

    IF doc IS NULL OR jsonb_typeof(doc) <> 'object' THEN
        PERFORM backdesk.bad_doc('the document', 'must be a JSON object',
                                 'Send one order as {"number": ..., "lines": [...], ...}.');
    END IF;

    v_number := backdesk.doc_text(doc, 'number', '"number"');
    IF v_number !~ '^[A-Za-z0-9][A-Za-z0-9_./-]{0,63}$' THEN
        PERFORM backdesk.bad_doc('"number"', format('%L has characters an order number cannot have', v_number),
                                 'Use letters, digits, "-", "_", "." or "/", at most 64 characters.');
    END IF;

    v_placed_txt := backdesk.doc_text(doc, 'placed_at', '"placed_at"');
    BEGIN
        v_placed := v_placed_txt::timestamptz;
    EXCEPTION WHEN OTHERS THEN
        PERFORM backdesk.bad_doc('"placed_at"', format('is not a timestamp: %L', v_placed_txt),
                                 'Use ISO 8601 with an offset, like 2026-11-20T14:03:00+03:00.');
    END;
    -- "now", "infinity" and friends parse, but are not when anybody ordered anything.
    IF NOT isfinite(v_placed) OR v_placed_txt !~ '^\d{4}-\d{2}-\d{2}' THEN
        PERFORM backdesk.bad_doc('"placed_at"', format('is not a timestamp: %L', v_placed_txt),
                                 'Use ISO 8601 with an offset, like 2026-11-20T14:03:00+03:00.');
    END IF;

    v_currency := upper(backdesk.doc_text(doc, 'currency', '"currency"'));
    SELECT minor_units INTO v_minor FROM backdesk.currencies WHERE code = v_currency;
    IF NOT FOUND THEN
        PERFORM backdesk.bad_doc('"currency"', format('%L is not a currency backdesk knows', v_currency),
                                 (SELECT 'Known currencies: ' || string_agg(code, ', ' ORDER BY code)
                                  FROM backdesk.currencies) || '.');
    END IF;

    -- Customer: found by e-mail, else by phone; their details follow the newest order.
    v_cust := doc -> 'customer';
    IF v_cust IS NULL OR jsonb_typeof(v_cust) <> 'object' THEN
        PERFORM backdesk.bad_doc('"customer"', 'is missing or not an object');
    END IF;
    v_name := backdesk.doc_text(v_cust, 'name', '"customer.name"');
    v_email := lower(backdesk.doc_text(v_cust, 'email', '"customer.email"', false));
    v_phone := backdesk.doc_text(v_cust, 'phone', '"customer.phone"', false);
    v_locale := coalesce(backdesk.doc_text(v_cust, 'locale', '"customer.locale"', false), 'tr');
    IF v_email IS NULL AND v_phone IS NULL THEN
        PERFORM backdesk.bad_doc('"customer"', 'needs an "email" or a "phone"',
                                 'Without either, nobody could find this customer again.');
    END IF;
    IF v_email IS NOT NULL AND v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' THEN
        PERFORM backdesk.bad_doc('"customer.email"', format('%L is not an e-mail address', v_email));
    END IF;
    IF v_phone IS NOT NULL AND length(backdesk.digits(v_phone)) NOT BETWEEN 7 AND 15 THEN
        PERFORM backdesk.bad_doc('"customer.phone"', format('%L is not a phone number', v_phone),
                                 'Give 7 to 15 digits, like +90 532 123 45 67.');
    END IF;
    IF v_locale !~ '^[a-z]{2}(_[A-Z]{2})?$' THEN
        PERFORM backdesk.bad_doc('"customer.locale"', format('%L is not a locale like "tr" or "hu"', v_locale));
    END IF;

    v_addr := doc -> 'shipping_address';
    IF v_addr IS NULL OR jsonb_typeof(v_addr) <> 'object' THEN
        PERFORM backdesk.bad_doc('"shipping_address"', 'is missing or not an object');
    END IF;
    PERFORM backdesk.doc_text(v_addr, 'line1', '"shipping_address.line1"');
    PERFORM backdesk.doc_text(v_addr, 'city', '"shipping_address.city"');
    IF upper(backdesk.doc_text(v_addr, 'country', '"shipping_address.country"')) !~ '^[A-Z]{2}$' THEN
        PERFORM backdesk.bad_doc('"shipping_address.country"', 'must be a two-letter country code like "TR"');
    END IF;

    IF jsonb_typeof(doc -> 'lines') IS DISTINCT FROM 'array' OR jsonb_array_length(doc -> 'lines') = 0 THEN
        PERFORM backdesk.bad_doc('"lines"', 'must be a non-empty array of order lines');
    END IF;
    IF jsonb_array_length(doc -> 'lines') > 500 THEN
        PERFORM backdesk.bad_doc('"lines"', 'has more than 500 lines');
    END IF;
    FOR v_line IN SELECT value FROM jsonb_array_elements(doc -> 'lines') LOOP
        v_i := v_i + 1;
        IF jsonb_typeof(v_line) <> 'object' THEN
            PERFORM backdesk.bad_doc(format('"lines[%s]"', v_i), 'must be an object');
        END IF;
        PERFORM backdesk.doc_text(v_line, 'sku', format('"lines[%s].sku"', v_i));
        PERFORM backdesk.doc_text(v_line, 'name', format('"lines[%s].name"', v_i));
        v_qty := v_line -> 'qty';
        IF v_qty IS NULL OR jsonb_typeof(v_qty) <> 'number' OR (v_qty #>> '{}') !~ '^-?[0-9]+$'
           OR (v_qty #>> '{}')::numeric <= 0 OR (v_qty #>> '{}')::numeric > 100000 THEN
            PERFORM backdesk.bad_doc(format('"lines[%s].qty"', v_i),
                                     format('must be a whole number from 1 to 100000, got %s',
                                            coalesce(v_qty::text, 'nothing')));
        END IF;
        v_price := backdesk.doc_money(v_line, 'unit_price', format('"lines[%s].unit_price"', v_i), v_minor);
        v_rate := 0;
        IF v_line ? 'tax_rate' THEN
            IF jsonb_typeof(v_line -> 'tax_rate') NOT IN ('string', 'number')
               OR (v_line ->> 'tax_rate') !~ '^[0-9]+(\.[0-9]+)?$'
               OR (v_line ->> 'tax_rate')::numeric >= 1
               OR round((v_line ->> 'tax_rate')::numeric, 4) <> (v_line ->> 'tax_rate')::numeric THEN
                PERFORM backdesk.bad_doc(format('"lines[%s].tax_rate"', v_i),
                                         format('must be a fraction like "0.20", got %s', v_line -> 'tax_rate'));
            END IF;
            v_rate := (v_line ->> 'tax_rate')::numeric;
        END IF;
        v_lines_total := v_lines_total + (v_qty #>> '{}')::integer * v_price;
        -- Prices are gross: the tax is the part of the line total above its net.
        v_tax_total := v_tax_total
            + round((v_qty #>> '{}')::integer * v_price * v_rate / (1 + v_rate), v_minor);
    END LOOP;

    v_fee := backdesk.doc_money(doc, 'shipping_fee', '"shipping_fee"', v_minor, 0);
    IF v_lines_total + v_fee >= 1e12 THEN
        PERFORM backdesk.bad_doc('"lines"', 'add up to more than an order can hold (1,000,000,000,000)');
    END IF;
    IF doc ? 'free_shipping' AND jsonb_typeof(doc -> 'free_shipping') <> 'boolean' THEN
        PERFORM backdesk.bad_doc('"free_shipping"', 'must be true or false');
    END IF;
    v_free := coalesce((doc ->> 'free_shipping')::boolean, false);

    v_pay := doc -> 'payment';
    IF v_pay IS NULL OR jsonb_typeof(v_pay) <> 'object' THEN
        PERFORM backdesk.bad_doc('"payment"', 'is missing or not an object');
    END IF;
    v_method := backdesk.doc_text(v_pay, 'method', '"payment.method"');
    IF v_method NOT IN ('card', 'bank_transfer', 'cash_on_delivery', 'wallet', 'gift_code', 'other') THEN
        PERFORM backdesk.bad_doc('"payment.method"', format('%L is not a payment method backdesk knows', v_method),
                                 'Use card, bank_transfer, cash_on_delivery, wallet, gift_code or other.');
    END IF;
    v_paid := backdesk.doc_money(v_pay, 'paid', '"payment.paid"', v_minor, 0);
    IF v_paid > v_lines_total + v_fee THEN
        PERFORM backdesk.bad_doc('"payment.paid"',
            format('is %s %s, more than the order total of %s %s', v_paid, v_currency,
                   v_lines_total + v_fee, v_currency),
            'An order cannot be paid more than its lines and shipping fee add up to.');
    END IF;

    v_ship_by := coalesce(backdesk.doc_date(doc, 'ship_by', '"ship_by"'),
                          (v_placed AT TIME ZONE 'Europe/Istanbul')::date + 2);
    IF doc ? 'deliver_between' THEN
        v_window := doc -> 'deliver_between';
        IF jsonb_typeof(v_window) <> 'array' OR jsonb_array_length(v_window) <> 2 THEN
            PERFORM backdesk.bad_doc('"deliver_between"', 'must be two dates, ["from", "to"]');
        END IF;
        v_from := backdesk.doc_date(jsonb_build_object('d', v_window -> 0), 'd', '"deliver_between[0]"');
        v_to := backdesk.doc_date(jsonb_build_object('d', v_window -> 1), 'd', '"deliver_between[1]"');
        IF v_from > v_to THEN
            PERFORM backdesk.bad_doc('"deliver_between"', format('ends (%s) before it starts (%s)', v_to, v_from));
        END IF;
    END IF;

    v_status := CASE WHEN v_paid >= v_lines_total + v_fee OR v_method = 'cash_on_delivery'
                     THEN 'paid' ELSE 'pending' END;

    -- Two imports of the same new order, or of two orders of the same new customer, at
    -- once: the loser waits here, then finds what the winner made.
    PERFORM pg_advisory_xact_lock(hashtext('backdesk.import_order'), hashtext(v_number));
    PERFORM pg_advisory_xact_lock(hashtext('backdesk.customer'),
                                  hashtext(coalesce(v_email, backdesk.normalize_phone(v_phone))));

    SELECT * INTO v_order FROM backdesk.orders WHERE number = v_number FOR UPDATE;
    IF FOUND THEN
        IF v_order.status IN ('shipped', 'delivered')
           OR EXISTS (SELECT FROM backdesk.shipments WHERE order_id = v_order.id) THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('order %s has already shipped; the shop can no longer change it', v_number),
                HINT = 'Changes after shipping are made in backdesk as returns or refunds.';
        END IF;
        IF v_order.status = 'cancelled' THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('order %s was cancelled; the shop can no longer change it', v_number),
                HINT = 'Send the order under a new number.';
        END IF;
        IF v_order.status = 'packed' THEN
            v_status := 'packed';
        END IF;
    END IF;

    IF v_email IS NOT NULL THEN
        SELECT id INTO v_customer_id FROM backdesk.customers
        WHERE lower(email) COLLATE "C" = v_email FOR UPDATE;
    END IF;
    IF v_customer_id IS NULL AND v_phone IS NOT NULL THEN
        -- A phone alone identifies a customer only when no different e-mail says
        -- otherwise: people share phones, and one must never take another's orders.
        SELECT id INTO v_customer_id FROM backdesk.customers
        WHERE phone_norm COLLATE "C" = backdesk.normalize_phone(v_phone)
          AND (v_email IS NULL OR email IS NULL)
        ORDER BY (email IS NULL) DESC, id LIMIT 1 FOR UPDATE;
    END IF;
    IF v_customer_id IS NULL THEN
        INSERT INTO backdesk.customers (name, email, phone, locale)
        VALUES (v_name, v_email, v_phone, v_locale) RETURNING id INTO v_customer_id;
    ELSE
        UPDATE backdesk.customers
        SET name = v_name, email = coalesce(v_email, email), phone = coalesce(v_phone, phone),
            locale = v_locale, updated_at = now()
        WHERE id = v_customer_id;
    END IF;

    SELECT id INTO v_address_id FROM backdesk.addresses
    WHERE customer_id = v_customer_id
      AND line1 = btrim(v_addr ->> 'line1') AND city = btrim(v_addr ->> 'city')
      AND coalesce(line2, '') = coalesce(btrim(v_addr ->> 'line2'), '')
      AND coalesce(postcode, '') = coalesce(btrim(v_addr ->> 'postcode'), '')
      AND country = upper(btrim(v_addr ->> 'country'))
    LIMIT 1;
    IF v_address_id IS NULL THEN
        INSERT INTO backdesk.addresses (customer_id, line1, line2, city, postcode, country)
        VALUES (v_customer_id, btrim(v_addr ->> 'line1'), nullif(btrim(v_addr ->> 'line2'), ''),
                btrim(v_addr ->> 'city'), nullif(btrim(v_addr ->> 'postcode'), ''),
                upper(btrim(v_addr ->> 'country')))
        RETURNING id INTO v_address_id;
    END IF;

    IF v_order.id IS NULL THEN
        INSERT INTO backdesk.orders (number, customer_id, shipping_address_id, placed_at, status,
                                     currency, lines_total, tax_total, shipping_fee, free_shipping,
                                     ship_by, deliver_from, deliver_to)
        VALUES (v_number, v_customer_id, v_address_id, v_placed, v_status, v_currency,
                v_lines_total, v_tax_total, v_fee, v_free, v_ship_by, v_from, v_to)
        RETURNING id INTO v_order_id;
    ELSE
        v_order_id := v_order.id;
        UPDATE backdesk.orders
        SET customer_id = v_customer_id, shipping_address_id = v_address_id, placed_at = v_placed,
            status = v_status, currency = v_currency, lines_total = v_lines_total,
            tax_total = v_tax_total, shipping_fee = v_fee, free_shipping = v_free,
            ship_by = v_ship_by, deliver_from = v_from, deliver_to = v_to,
            version = version + 1, updated_at = now()
        WHERE id = v_order_id;
        IF EXISTS (SELECT FROM backdesk.return_lines rl JOIN backdesk.order_lines ol ON ol.id = rl.order_line_id
                   WHERE ol.order_id = v_order_id) THEN
            RAISE EXCEPTION USING ERRCODE = 'BD002',
                MESSAGE = format('order %s has a return on its lines; the shop can no longer change them', v_number);
        END IF;
        DELETE FROM backdesk.order_lines WHERE order_id = v_order_id;
    END IF;

    v_i := 0;
    FOR v_line IN SELECT value FROM jsonb_array_elements(doc -> 'lines') LOOP
        v_i := v_i + 1;
        INSERT INTO backdesk.products (sku, name) VALUES (btrim(v_line ->> 'sku'), btrim(v_line ->> 'name'))
        ON CONFLICT (sku) DO NOTHING;
        SELECT id INTO v_product_id FROM backdesk.products WHERE sku = btrim(v_line ->> 'sku');
        INSERT INTO backdesk.order_lines (order_id, line_no, product_id, sku, name, qty, unit_price, tax_rate)
        VALUES (v_order_id, v_i, v_product_id, btrim(v_line ->> 'sku'), btrim(v_line ->> 'name'),
                (v_line ->> 'qty')::integer, (v_line ->> 'unit_price')::numeric,
                coalesce((v_line ->> 'tax_rate')::numeric, 0));
    END LOOP;

    INSERT INTO backdesk.payments (order_id, method, paid, reference, paid_at)
    VALUES (v_order_id, v_method, v_paid, backdesk.doc_text(v_pay, 'reference', '"payment.reference"', false),
            CASE WHEN v_paid > 0 THEN v_placed END)
    ON CONFLICT (order_id) DO UPDATE
        SET method = EXCLUDED.method, paid = EXCLUDED.paid, reference = EXCLUDED.reference,
            paid_at = EXCLUDED.paid_at;

    PERFORM backdesk.audit(CASE WHEN v_order.id IS NULL THEN 'order.import' ELSE 'order.reimport' END,
                           'order', v_order_id,
                           jsonb_build_object('number', v_number, 'total', v_lines_total + v_fee,
                                              'currency', v_currency, 'paid', v_paid));
    RETURN v_order_id;
END
$$;

------------------------------------------------------------------------------
-- api.find: one search box for everything.  Exact identifiers first, then phone and
-- e-mail, then names by prefix (btree over the stored keys), then names containing
-- the words (trigram index), only while there is room left under the limit.
------------------------------------------------------------------------------
CREATE FUNCTION backdesk.like_escape(t text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN replace(replace(replace(t, '\', '\\'), '%', '\%'), '_', '\_');

-- The smallest string greater than every string starting with t (in "C" order), so
-- that a prefix search is an index range scan with a parameter.
CREATE FUNCTION backdesk.prefix_end(t text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN t || chr(1114111);

CREATE FUNCTION api.find(q text, lim integer DEFAULT 20)
    RETURNS TABLE (kind text, id bigint, label text, detail text, rank real)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, backdesk
AS $$
DECLARE
    v_q      text := btrim(coalesce(q, ''));
    v_key    text := backdesk.search_key(btrim(coalesce(q, '')));
    v_digits text := backdesk.digits(coalesce(q, ''));
    v_lim    integer := least(greatest(coalesce(lim, 20), 1), 200);
    v_phone  text;
    v_email  text;
BEGIN
    PERFORM backdesk.require_role('searching', 'agent', 'warehouse', 'supervisor', 'admin');
    IF v_q = '' THEN
        RETURN;
    END IF;
    IF v_q ~ '^[+0-9 ()./-]+$' AND length(v_digits) BETWEEN 7 AND 15 THEN
        v_phone := backdesk.normalize_phone(v_q);
    END IF;
    IF v_q LIKE '%@%' THEN
        v_email := lower(v_q);
    END IF;

    -- One statement, planned afresh for each call (EXECUTE … USING, values never
    -- spliced in), so branches whose guard is false are pruned at plan time and the
    -- trigram index is chosen only when it sees the words.
    --   $1 query  $2 query upper-cased  $3 digits  $4 phone  $5 e-mail  $6 name key
    --   $7 limit  $8 digits-only?  $9 partial order number?  $10 name search?
    RETURN QUERY EXECUTE $sql$
    WITH hits (kind, id, label, detail, rank) AS (
        SELECT 'order', o.id, o.number, c.name || ' · ' || o.status || ' · ' || o.total || ' ' || o.currency, 1.0::real
        FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
        WHERE o.number IN ($1, $2)
      UNION ALL
        SELECT 'ticket', t.id, t.number, t.subject || ' · ' || t.status, 1.0
        FROM backdesk.tickets t WHERE t.number IN ($1, $2)
      UNION ALL
        SELECT 'return', r.id, r.number, o.number || ' · ' || r.status, 1.0
        FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id
        WHERE r.number IN ($1, $2)
      UNION ALL
        SELECT 'return', r.id, r.number, o.number || ' · ' || r.status, 1.0
        FROM backdesk.returns r JOIN backdesk.orders o ON o.id = r.order_id
        WHERE r.tracking_no IN ($1, $2)
      UNION ALL
        SELECT 'shipment', s.id, s.tracking_no, s.carrier || ' · ' || o.number || ' · ' || s.status, 1.0
        FROM backdesk.shipments s JOIN backdesk.orders o ON o.id = s.order_id
        WHERE s.tracking_no IN ($1, $2)
      UNION ALL
        -- "100234" for SO-100234 or T-100234: numbers are read out without their prefix.
        SELECT 'order', o.id, o.number, c.name || ' · ' || o.status || ' · ' || o.total || ' ' || o.currency, 0.9
        FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
        WHERE $8 AND backdesk.digits(o.number) COLLATE "C" = $3
      UNION ALL
        SELECT 'ticket', t.id, t.number, t.subject || ' · ' || t.status, 0.9
        FROM backdesk.tickets t WHERE $8 AND backdesk.digits(t.number) COLLATE "C" = $3
      UNION ALL
        SELECT 'return', r.id, r.number, r.status, 0.9
        FROM backdesk.returns r WHERE $8 AND backdesk.digits(r.number) COLLATE "C" = $3
      UNION ALL
        (SELECT 'customer', c.id, c.name, concat_ws(' · ', c.phone, c.email), 0.95
         FROM backdesk.customers c WHERE c.phone_norm COLLATE "C" = $4 LIMIT $7)
      UNION ALL
        (SELECT 'customer', c.id, c.name, concat_ws(' · ', c.email, c.phone),
                CASE WHEN lower(c.email) = $5 THEN 0.95 ELSE 0.7 END
         FROM backdesk.customers c
         WHERE lower(c.email) COLLATE "C" >= $5 AND lower(c.email) COLLATE "C" < backdesk.prefix_end($5)
         ORDER BY lower(c.email) COLLATE "C" LIMIT $7)
      UNION ALL
        -- Order numbers typed in part: "SO-1002" lists SO-100200 … SO-100299.
        (SELECT 'order', o.id, o.number, c.name || ' · ' || o.status || ' · ' || o.total || ' ' || o.currency, 0.6
         FROM backdesk.orders o JOIN backdesk.customers c ON c.id = o.customer_id
         WHERE $9 AND o.number COLLATE "C" >= $2 AND o.number COLLATE "C" < backdesk.prefix_end($2)
         ORDER BY o.number COLLATE "C" LIMIT $7)
      UNION ALL
        (SELECT 'customer', c.id, c.name, concat_ws(' · ', c.phone, c.email),
                CASE WHEN c.name_key = $6 THEN 0.9 ELSE 0.8 END
         FROM backdesk.customers c
         WHERE $10 AND c.name_key COLLATE "C" >= $6 AND c.name_key COLLATE "C" < backdesk.prefix_end($6)
         ORDER BY c.name_key COLLATE "C" LIMIT $7)
      UNION ALL
        (SELECT 'customer', c.id, c.name, concat_ws(' · ', c.phone, c.email),
                CASE WHEN c.name_key_rev = $6 THEN 0.9 ELSE 0.8 END
         FROM backdesk.customers c
         WHERE $10 AND c.name_key_rev COLLATE "C" >= $6 AND c.name_key_rev COLLATE "C" < backdesk.prefix_end($6)
         ORDER BY c.name_key_rev COLLATE "C" LIMIT $7)
      UNION ALL
        (SELECT 'customer', c.id, c.name, concat_ws(' · ', c.phone, c.email),
                (0.3 + 0.4 * ext.similarity(c.name_key, $6))::real
         FROM backdesk.customers c
         -- Words in order with anything between: "ayse yilmaz" finds "Ayşe Nur Yılmaz".
         WHERE $10 AND length($6) >= 3
           AND c.name_key LIKE '%' || replace(backdesk.like_escape($6), ' ', '%') || '%'
         LIMIT $7)
    )
    SELECT kind, id, label, detail, rank FROM (
        SELECT DISTINCT ON (h.kind, h.id) h.kind, h.id, h.label, h.detail, h.rank
        FROM hits h ORDER BY h.kind, h.id, h.rank DESC
    ) best
    ORDER BY rank DESC, label, id
    LIMIT $7
    $sql$
    USING v_q, upper(v_q), v_digits, v_phone, v_email, v_key, v_lim,
          v_q ~ '^[0-9]{3,}$',
          v_q !~ '\s' AND v_q ~ '[0-9]' AND v_q ~ '^[A-Za-z0-9_./-]+$',
          length(v_key) >= 2 AND v_phone IS NULL AND v_email IS NULL;
END
$$;

------------------------------------------------------------------------------
-- Who may call what.  Staff groups may call every api function: the function itself
-- refuses by role with BD001 and a message that says why, which reads better in the
-- console than "permission denied for function".  The shop's feed calls only
-- import_order (and whoami); PUBLIC calls nothing.
------------------------------------------------------------------------------
GRANT EXECUTE ON FUNCTION api.whoami(), api.staff_add(text, text, text, text),
                          api.staff_disable(text), api.import_order(jsonb), api.find(text, integer)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;
GRANT EXECUTE ON FUNCTION api.whoami(), api.import_order(jsonb) TO backdesk_shop;
