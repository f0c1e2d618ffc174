-- The storefront's "tell me when it is back in stock" (0051, issue 16): the shop's
-- login may ask api.add_stock_alert, for a customer the shop knows only (no new
-- customer, nothing sent to a stranger's address), the same alert again for a
-- repeated request (no second row or audit row), at most 20 waiting per customer
-- from the shop (staff are not held to it), malformed input refused as such.
-- The preview of a reply says its channel (0051).
BEGIN;
SELECT plan(22);

CREATE ROLE t_sa_shop LOGIN IN ROLE backdesk_shop;
DO $$ BEGIN
    PERFORM api.staff_add('t_sa_agent', 'Deniz Stok', 'agent');
END $$;

INSERT INTO backdesk.customers (name, email, locale) VALUES ('Kovács Stok', 'sa-hu@example.com', 'hu'),
                                                              ('Ayşe Stok', 'sa-tr@example.com', 'tr');
INSERT INTO backdesk.products (sku, name, stock)
SELECT 'SA-' || i, 'Termék ' || i, 0 FROM generate_series(1, 25) i;
INSERT INTO backdesk.products (sku, name, stock) VALUES ('SA-IN', 'Raktáron', 4);
CREATE TEMP TABLE t_sa (what text PRIMARY KEY, v bigint);
GRANT ALL ON t_sa TO PUBLIC;

SET SESSION AUTHORIZATION t_sa_shop;
INSERT INTO t_sa SELECT 'first', api.add_stock_alert('SA-HU@example.com ', 'SA-1');
SELECT ok((SELECT v FROM t_sa WHERE what = 'first') IS NOT NULL, 'the shop asks for an alert for a known customer');
SELECT is(api.add_stock_alert('sa-hu@example.com', 'SA-1'), (SELECT v FROM t_sa WHERE what = 'first'),
    'asked again (a reload, a double click): the same alert');
SELECT refused($$SELECT api.add_stock_alert('stranger@example.com', 'SA-1')$$, 'BD003',
    'no customer with the e-mail address stranger@example.com', 'an address the shop does not know: refused (BD003)',
    'Give the e-mail address of a known customer%');
SELECT refused($$SELECT api.add_stock_alert('sa-hu@example.com', 'SA-NONE')$$, 'BD003', 'no product SA-NONE',
    'an unknown product (BD003)');
SELECT refused($$SELECT api.add_stock_alert('sa-hu@example.com', 'SA-IN')$$, 'BD002', 'Raktáron (SA-IN) is in stock (4)',
    'a product in stock (BD002)', 'Tell the customer it can be ordered now.');
SELECT refused($$SELECT api.add_stock_alert(NULL, 'SA-1')$$, 'BD005', 'an e-mail address is needed',
    'no address: malformed (BD005)');
SELECT refused($$SELECT api.add_stock_alert('   ', 'SA-1')$$, 'BD005', 'an e-mail address is needed',
    'a blank address: malformed (BD005)');
SELECT refused(format($$SELECT api.add_stock_alert(%L, 'SA-1')$$, repeat('a', 250) || '@example.com'), 'BD005',
    'the e-mail address is too long (262 characters, at most 254)', 'an overlong address (BD005)');
SELECT refused($$SELECT api.add_stock_alert('sa-hu@example.com', '')$$, 'BD005', 'a SKU is needed',
    'no SKU: malformed (BD005)');
SELECT refused(format($$SELECT api.add_stock_alert('sa-hu@example.com', %L)$$, repeat('X', 101)), 'BD005',
    'the SKU is too long (101 characters, at most 100)', 'an overlong SKU (BD005)');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM backdesk.customers WHERE email = 'stranger@example.com'), 0::bigint,
    'no customer was made for the stranger''s address');
SELECT results_eq($$SELECT count(*), min(created_by) FROM backdesk.stock_alerts$$, $$VALUES (1::bigint, 't_sa_shop'::text)$$,
    'one alert, made by the shop''s login');
SELECT results_eq($$SELECT actor, detail ->> 'sku', detail ->> 'by' FROM backdesk.audit_log WHERE action = 'stock_alert.add'$$,
    $$VALUES ('t_sa_shop'::text, 'SA-1', 'shop')$$, 'audited once, naming the shop');

-- Twenty waiting for one customer: the twenty-first is refused, the others still
-- answer with their alert, another customer is not held back.
SET SESSION AUTHORIZATION t_sa_shop;
SELECT count(api.add_stock_alert('sa-hu@example.com', 'SA-' || i)) FROM generate_series(2, 20) i \g /dev/null
SELECT refused($$SELECT api.add_stock_alert('sa-hu@example.com', 'SA-21')$$, 'BD006',
    'customer sa-hu@example.com has 20 back-in-stock alerts waiting already (at most 20 from the shop)',
    'the 21st alert waiting for one customer from the shop: refused (BD006)', 'The customer is told when one%');
SELECT is(api.add_stock_alert('sa-hu@example.com', 'SA-1'), (SELECT v FROM t_sa WHERE what = 'first'),
    'at the limit, one asked again still gives its alert');
SELECT ok(api.add_stock_alert('sa-tr@example.com', 'SA-21') IS NOT NULL, 'another customer''s alert is not held back');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM backdesk.stock_alerts a JOIN backdesk.customers c ON c.id = a.customer_id
           WHERE c.email = 'sa-hu@example.com'), 20::bigint, 'twenty waiting for the customer, no more');

-- Staff on the phone are not held to the shop's limit.
SET SESSION AUTHORIZATION t_sa_agent;
SELECT ok(api.add_stock_alert('sa-hu@example.com', 'SA-21') IS NOT NULL, 'an agent may ask a 21st for the customer');
RESET SESSION AUTHORIZATION;

-- One comes back: the customer is told, and the shop may ask once more.
UPDATE backdesk.products SET stock = 2 WHERE sku = 'SA-5';
SELECT is((SELECT count(*) FROM backdesk.outbox o JOIN backdesk.customers c ON c.id = o.customer_id
           WHERE o.kind = 'back_in_stock' AND c.email = 'sa-hu@example.com'), 1::bigint, 'SA-5 back: the customer is told');
UPDATE backdesk.stock_alerts SET notified_at = now()
WHERE product_id = (SELECT id FROM backdesk.products WHERE sku = 'SA-21')
  AND customer_id = (SELECT id FROM backdesk.customers WHERE email = 'sa-hu@example.com');
SET SESSION AUTHORIZATION t_sa_shop;
SELECT ok(api.add_stock_alert('sa-hu@example.com', 'SA-22') IS NOT NULL,
    'with fewer than 20 waiting again, the shop may ask once more');
RESET SESSION AUTHORIZATION;

-- The shop still reads nothing, and calls nothing else of the outbox.
SELECT function_privs_are('api', 'add_stock_alert', ARRAY['text', 'text'], 'backdesk_shop', ARRAY['EXECUTE'],
    'backdesk_shop may EXECUTE api.add_stock_alert(text, text)');
SELECT function_privs_are('api', 'outbox_retry', ARRAY['bigint'], 'backdesk_shop', '{}'::name[],
    'backdesk_shop may not EXECUTE api.outbox_retry');

SELECT * FROM finish();
ROLLBACK;
