-- The schema as a contract: migrations recorded, keys, ownership, SECURITY DEFINER
-- with a pinned search_path, money as numeric, the constraints that keep data sane.
BEGIN;

-- Refused with this SQLSTATE (and, when given, a constraint of this name).
CREATE FUNCTION public.t_schema_refused(p_sql text, p_code text, p_constraint text, p_descr text)
    RETURNS text LANGUAGE plpgsql
AS $$
DECLARE
    v_constraint text;
BEGIN
    EXECUTE p_sql;
    RETURN ok(false, p_descr) || E'\n' || diag(format('      caught: no exception, wanted %s %s', p_code, p_constraint));
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS v_constraint = CONSTRAINT_NAME;
    IF SQLSTATE = p_code AND (p_constraint IS NULL OR v_constraint = p_constraint) THEN
        RETURN ok(true, p_descr);
    END IF;
    RETURN ok(false, p_descr) || E'\n'
        || diag(format(E'      caught: %s: %s (constraint %s)\n      wanted: %s %s', SQLSTATE, SQLERRM,
                       coalesce(v_constraint, 'none'), p_code, coalesce(p_constraint, '')));
END
$$;

-- The api's reference is its comments (0016): what each function does, a line "Who:"
-- and a line "Refuses:".  The api functions whose comment is missing or lacks them:
CREATE FUNCTION public.t_schema_uncommented() RETURNS SETOF text LANGUAGE sql
AS $$
    SELECT p.oid::regprocedure::text
    FROM pg_proc p CROSS JOIN LATERAL (SELECT coalesce(obj_description(p.oid, 'pg_proc'), '') AS c) d
    WHERE p.pronamespace = 'api'::regnamespace
      AND (d.c !~ '(?n)^Who: .+$' OR d.c !~ '(?n)^Refuses: .+$'
           OR length(split_part(d.c, E'\nWho:', 1)) < 40)
$$;

SELECT plan(78);

------------------------------------------------------------------------------
-- Migrations recorded.
------------------------------------------------------------------------------
SELECT has_table('backdesk', 'schema_migrations', 'backdesk.schema_migrations exists');
SELECT results_eq($$
    SELECT count(*)::int, count(DISTINCT version)::int, min(version), max(version) FROM backdesk.schema_migrations
$$, $$
    SELECT max(version), max(version), 1, max(version) FROM backdesk.schema_migrations
$$, 'schema_migrations holds versions 1..N, each once, without gaps');
SELECT cmp_ok((SELECT max(version) FROM backdesk.schema_migrations), '>=', 2, 'at least the first two migrations are applied');
-- The migration files next to this test, as psql sees them (tests/run starts us in the
-- project's root and exports BACKDESK_ROOT).
\set files `cd "${BACKDESK_ROOT:-.}/db/migrations" && ls *.sql | tr '\n' ' '`
SELECT set_eq($$SELECT format('%s_%s.sql', lpad(version::text, 4, '0'), name) FROM backdesk.schema_migrations$$,
    array_remove(string_to_array(:'files', ' '), ''),
    'schema_migrations records exactly the files in db/migrations, by number and name');
-- What was applied is what the files say, byte for byte (0016; the program carries
-- the files and their SHA-256, and recorded them, trusting those applied before).
\set sums `cd "${BACKDESK_ROOT:-.}/db/migrations" && sha256sum *.sql | awk '{ printf "%s:%s ", $2, $1 }'`
SELECT set_eq($$SELECT format('%s_%s.sql:%s', lpad(version::text, 4, '0'), name, checksum) FROM backdesk.schema_migrations$$,
    array_remove(string_to_array(:'sums', ' '), ''),
    'every applied migration''s recorded checksum is the SHA-256 of its file');
SELECT results_eq($$SELECT version, name FROM backdesk.schema_migrations WHERE version <= 2 ORDER BY version$$,
    $$VALUES (1, 'foundation'), (2, 'api_import_find_staff')$$, 'migrations 1 and 2 are recorded by name');
SELECT is_empty($$SELECT version FROM backdesk.schema_migrations
                  WHERE name !~ '^[a-z0-9_]+$' OR applied_at IS NULL OR applied_at > now() OR applied_by = ''$$,
    'every migration has a name, a time and who applied it');

------------------------------------------------------------------------------
-- Structure.
------------------------------------------------------------------------------
SELECT is_empty($$
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'backdesk' AND c.relkind IN ('r', 'p')
      AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p')
$$, 'every table in backdesk has a primary key');

SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'api' AND NOT p.prosecdef
$$, 'every function in api is SECURITY DEFINER');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text, p.proconfig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE (n.nspname = 'api' OR (n.nspname = 'backdesk' AND p.prosecdef))
      AND NOT coalesce('search_path=pg_catalog, backdesk, pg_temp' = ANY (p.proconfig), false)
$$, 'every api function and every SECURITY DEFINER helper pins search_path = pg_catalog, backdesk, pg_temp');
-- Without pg_temp named last, the session's temporary schema is searched FIRST for
-- relations and types: a caller's temp view named pg_roles or staff would be read by
-- the function as its owner.  A helper that pins its own path runs with that path
-- even when a definer function calls it, so it is held to the same rule.
SELECT is_empty($$
    SELECT p.oid::regprocedure::text, c FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace,
           unnest(p.proconfig) c
    WHERE n.nspname IN ('api', 'backdesk') AND c LIKE 'search\_path=%' AND c !~ ', pg_temp$'
$$, 'every function in api or backdesk that pins a search_path ends it with pg_temp');
-- Every text a row can carry is bounded (0014): by a length CHECK, a closed list or an
-- anchored pattern, or by a foreign key to a closed list's table (0015), so a new text
-- column without one fails here.
SELECT is_empty($$
    SELECT c.relname || '.' || a.attname FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'backdesk' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
      AND a.atttypid = 'text'::regtype AND a.attgenerated = ''
      AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype IN ('c', 'f')
                      AND a.attnum = ANY (k.conkey))
$$, 'every text column in backdesk has a CHECK or a foreign key that bounds it');
SELECT is_empty($$
    SELECT k.conrelid::regclass::text, k.conname FROM pg_constraint k
    JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = ANY (k.confkey)
    WHERE k.contype = 'f' AND k.connamespace = 'backdesk'::regnamespace AND a.atttypid = 'text'::regtype
      AND NOT EXISTS (SELECT FROM pg_constraint x WHERE x.conrelid = k.confrelid AND x.contype = 'c'
                      AND a.attnum = ANY (x.conkey))
$$, 'a text column bounded by its foreign key references one that is bounded itself');
SELECT t_schema_refused($$INSERT INTO backdesk.notes (entity, entity_id, body) VALUES ('order', -1, repeat('x', 10001))$$,
    '23514', 'notes_body_length', 'a note of 10001 characters is refused by the table itself');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname IN ('api', 'backdesk') AND p.prosecdef
      AND NOT EXISTS (SELECT FROM unnest(p.proconfig) c WHERE c LIKE 'search\_path=%')
$$, 'every SECURITY DEFINER function in api or backdesk pins a search_path');

------------------------------------------------------------------------------
-- Every api function says what it does, who may call it and how it refuses (0016),
-- for `\df+ api.*`.
------------------------------------------------------------------------------
SET LOCAL ROLE backdesk_owner;
CREATE FUNCTION api.t_schema_probe() RETURNS int LANGUAGE sql SECURITY DEFINER
    SET search_path = pg_catalog, backdesk, pg_temp RETURN 1;
RESET ROLE;
SELECT is(ARRAY(SELECT * FROM t_schema_uncommented()), ARRAY['api.t_schema_probe()'],
    'a new api function without a comment is caught');
SET LOCAL ROLE backdesk_owner;
DROP FUNCTION api.t_schema_probe();
RESET ROLE;
SELECT is_empty($$SELECT * FROM t_schema_uncommented()$$,
    'every api function has a COMMENT: what it does, then "Who:" and "Refuses:" lines');
-- The "Who:" line names exactly the roles the function's role check allows.
SELECT is_empty($$
    SELECT p.oid::regprocedure::text, w.who, r.roles
    FROM pg_proc p
    CROSS JOIN LATERAL (SELECT array_agg(DISTINCT m[1] ORDER BY m[1]) AS roles
                        FROM regexp_matches(substring(p.prosrc FROM
                                 'backdesk\.require_role\(\s*''[^'']*''((\s*,\s*''[a-z]+'')+)\s*\)'),
                             '''([a-z]+)''', 'g') m) r
    CROSS JOIN LATERAL (SELECT array_agg(DISTINCT m[1] ORDER BY m[1]) AS who
                        FROM regexp_matches(substring(obj_description(p.oid, 'pg_proc') FROM '(?n)^Who:(.*)$'),
                             '\m(agent|warehouse|supervisor|admin|shop)\M', 'g') m) w
    WHERE p.pronamespace = 'api'::regnamespace AND p.prosrc ~ 'backdesk\.require_role\('
      AND w.who IS DISTINCT FROM r.roles
$$, 'every api function''s "Who:" names the roles its require_role() allows, and no other');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p
    WHERE p.pronamespace = 'api'::regnamespace AND p.prosrc !~ 'backdesk\.require_role\('
      AND p.oid <> 'api.whoami()'::regprocedure
$$, 'every api function but whoami checks the caller''s role first (require_role)');
-- Every BD code the function raises itself (and BD001, from its role check) is named.
SELECT is_empty($$
    SELECT p.oid::regprocedure::text, x.code FROM pg_proc p,
    LATERAL (SELECT DISTINCT m[1] AS code
             FROM regexp_matches(p.prosrc, 'ERRCODE\s*=\s*''(BD[0-9]{3})''', 'g') m
             UNION SELECT 'BD001' WHERE p.prosrc ~ 'backdesk\.require_role\(') x
    WHERE p.pronamespace = 'api'::regnamespace
      AND coalesce(substring(obj_description(p.oid, 'pg_proc') FROM '(?n)^Refuses:(.*)$'), '') NOT LIKE '%' || x.code || '%'
$$, 'every BD code an api function raises is named on its "Refuses:" line');

-- Ownership.
SELECT is_empty($$
    SELECT n.nspname, c.relname, c.relkind, pg_get_userbyid(c.relowner)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ('backdesk', 'api') AND pg_get_userbyid(c.relowner) <> 'backdesk_owner'
$$, 'every table, sequence, index and view in backdesk and api is owned by backdesk_owner');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text, pg_get_userbyid(p.proowner)
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname IN ('backdesk', 'api') AND pg_get_userbyid(p.proowner) <> 'backdesk_owner'
$$, 'every function in backdesk and api is owned by backdesk_owner');
SELECT is_empty($$
    SELECT t.typname, pg_get_userbyid(t.typowner) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname IN ('backdesk', 'api') AND pg_get_userbyid(t.typowner) <> 'backdesk_owner'
$$, 'every type in backdesk and api is owned by backdesk_owner');
SELECT results_eq($$
    SELECT nspname::text COLLATE "default", pg_get_userbyid(nspowner)::text COLLATE "default"
    FROM pg_namespace WHERE nspname IN ('api', 'backdesk', 'ext') ORDER BY nspname
$$, $$VALUES ('api', 'backdesk_owner'), ('backdesk', 'backdesk_owner'), ('ext', 'backdesk_owner')$$,
    'the schemas api, backdesk and ext are owned by backdesk_owner');
SELECT results_eq($$
    SELECT extname::text COLLATE "default", extnamespace::regnamespace::text COLLATE "default"
    FROM pg_extension WHERE extname IN ('pg_trgm', 'unaccent') ORDER BY extname
$$, $$VALUES ('pg_trgm', 'ext'), ('unaccent', 'ext')$$, 'pg_trgm and unaccent live in schema ext');

-- Roles.
SELECT results_eq($$
    SELECT rolname::text COLLATE "default", rolcanlogin, rolsuper
    FROM pg_roles WHERE rolname LIKE 'backdesk\_%' ORDER BY rolname
$$, $$VALUES ('backdesk_admin', false, false), ('backdesk_agent', false, false), ('backdesk_disabled', false, false),
             ('backdesk_owner', false, false),
             ('backdesk_pooler', false, false), ('backdesk_shop', false, false), ('backdesk_supervisor', false, false), ('backdesk_warehouse', false, false)$$,
    'the owner, the five groups and the disabled logins'' group exist, NOLOGIN, none a superuser');
SELECT is_empty($$
    SELECT g.rolname, u.rolname FROM pg_auth_members m
    JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
    WHERE g.rolname = 'backdesk_owner' AND NOT u.rolsuper
      AND u.rolname IN ('backdesk_agent', 'backdesk_warehouse', 'backdesk_supervisor', 'backdesk_admin', 'backdesk_shop')
$$, 'no group is a member of backdesk_owner');

-- The names integrations rely on (DESIGN.md).
SELECT is(pg_get_function_result('api.import_order(jsonb)'::regprocedure), 'bigint', 'api.import_order(jsonb) → bigint');
SELECT is(pg_get_function_result('api.find(text, integer)'::regprocedure),
    'TABLE(kind text, id bigint, label text, detail text, rank real, how text)',
    'api.find(text, integer) → TABLE(kind, id, label, detail, rank real, how text) (how since 0024)');
SELECT is(pg_get_function_arguments('api.find(text, integer)'::regprocedure), 'q text, lim integer DEFAULT 20',
    'api.find(q, lim DEFAULT 20)');
SELECT is(pg_get_function_arguments('api.issue_refund(text, numeric, text, text, uuid, integer)'::regprocedure),
    'order_number text, amount numeric, kind text, reason text, idempotency_key uuid, p_version integer DEFAULT NULL::integer',
    'api.issue_refund(order_number, amount, kind, reason, idempotency_key), a version optional after them');
SELECT is(pg_get_function_arguments('api.cancel_order(text, text, integer)'::regprocedure),
    'order_number text, reason text, p_version integer DEFAULT NULL::integer',
    'api.cancel_order(order_number, reason), a version optional after them');
SELECT is(pg_get_function_result('api.issue_refund(text, numeric, text, text, uuid, integer)'::regprocedure)
          || ' ' || pg_get_function_result('api.cancel_order(text, text, integer)'::regprocedure), 'bigint void',
    'api.issue_refund → bigint (the refund), api.cancel_order → void');

------------------------------------------------------------------------------
-- Money is never a float.
------------------------------------------------------------------------------
SELECT is_empty($$
    SELECT table_name, column_name, data_type FROM information_schema.columns
    WHERE table_schema IN ('backdesk', 'api') AND data_type IN ('real', 'double precision', 'money')
$$, 'no float, double or money column in backdesk');
SELECT is_empty($$
    SELECT table_name, column_name, data_type FROM information_schema.columns
    WHERE table_schema = 'backdesk'
      AND (column_name IN ('amount', 'paid', 'total', 'unit_price', 'shipping_fee') OR column_name LIKE '%\_total')
      AND (data_type <> 'numeric' OR numeric_scale IS DISTINCT FROM 2)
$$, 'every money column (amount, paid, *_total, unit_price, shipping_fee) is numeric with 2 decimals');
SELECT col_type_is('backdesk', 'orders', 'total', 'numeric(14,2)', 'orders.total is numeric(14,2)');
SELECT col_type_is('backdesk', 'payments', 'paid', 'numeric(14,2)', 'payments.paid is numeric(14,2)');
SELECT col_type_is('backdesk', 'refunds', 'amount', 'numeric(14,2)', 'refunds.amount is numeric(14,2)');
SELECT col_type_is('backdesk', 'order_lines', 'unit_price', 'numeric(14,2)', 'order_lines.unit_price is numeric(14,2)');
SELECT col_not_null('backdesk', 'orders', 'currency', 'every order has a currency');
SELECT fk_ok('backdesk', 'orders', 'currency', 'backdesk', 'currencies', 'code', 'orders.currency references currencies');
SELECT is_empty($$SELECT code FROM backdesk.currencies WHERE minor_units > 2$$,
    'no currency has more decimals than the money columns can hold');

------------------------------------------------------------------------------
-- Constraints, tried as the superuser (nobody else can write a table).
------------------------------------------------------------------------------
-- One order to hang things on.
INSERT INTO backdesk.customers (id, name, email, phone) VALUES (-1, 'Şema Test', 'schema@example.com', '+90 532 000 00 01');
INSERT INTO backdesk.addresses (id, customer_id, line1, city, country) VALUES (-1, -1, 'Bağdat Cd. 1', 'İstanbul', 'TR');
INSERT INTO backdesk.orders (id, number, customer_id, shipping_address_id, placed_at, status, currency,
                             lines_total, tax_total, ship_by)
VALUES (-1, 'SO-T-SCHEMA', -1, -1, now(), 'paid', 'TRY', 100, 16.67, current_date + 2);
INSERT INTO backdesk.order_lines (id, order_id, line_no, sku, name, qty, unit_price)
VALUES (-1, -1, 1, 'KUP-001', 'Kupa', 2, 50);
INSERT INTO backdesk.shipments (id, order_id, carrier, tracking_no) VALUES (-1, -1, 'yurtici', 'YT-T-SCHEMA-1');
INSERT INTO backdesk.tickets (id, number, channel, category, subject, first_response_due, resolve_due)
VALUES (-1, 'T-T-SCHEMA', 'phone', 'delay', 'Gecikme', now(), now() + interval '1 day');
INSERT INTO backdesk.returns (id, number, order_id, reason, tracking_no) VALUES (-1, 'R-T-SCHEMA', -1, 'test', 'RT-T-SCHEMA');

SELECT is((SELECT total FROM backdesk.orders WHERE id = -1), 100.00::numeric, 'orders.total is lines_total + shipping_fee, computed');
SELECT is((SELECT line_total FROM backdesk.order_lines WHERE id = -1), 100.00::numeric, 'order_lines.line_total is qty × unit_price, computed');

SELECT t_schema_refused($$INSERT INTO backdesk.order_lines (order_id, line_no, sku, name, qty, unit_price) VALUES (-1, 2, 'X', 'X', 0, 1)$$,
    '23514', 'order_lines_qty_check', 'order_lines.qty must be > 0');
SELECT t_schema_refused($$INSERT INTO backdesk.order_lines (order_id, line_no, sku, name, qty, unit_price) VALUES (-1, 2, 'X', 'X', 1, -1)$$,
    '23514', 'order_lines_unit_price_check', 'order_lines.unit_price must be >= 0');
SELECT t_schema_refused($$INSERT INTO backdesk.order_lines (order_id, line_no, sku, name, qty, unit_price, tax_rate) VALUES (-1, 2, 'X', 'X', 1, 1, 1)$$,
    '23514', 'order_lines_tax_rate_check', 'order_lines.tax_rate must be a fraction below 1');
SELECT t_schema_refused($$INSERT INTO backdesk.order_lines (order_id, line_no, sku, name, qty, unit_price) VALUES (-1, 1, 'X', 'X', 1, 1)$$,
    '23505', 'order_lines_order_id_line_no_key', 'order_lines (order_id, line_no) is unique');
SELECT t_schema_refused($$INSERT INTO backdesk.refunds (order_id, kind, amount, reason, idempotency_key) VALUES (-1, 'goodwill', 0, 'x', gen_random_uuid())$$,
    '23514', 'refunds_amount_check', 'refunds.amount must be > 0');
SELECT t_schema_refused($$INSERT INTO backdesk.refunds (order_id, kind, amount, reason, idempotency_key) VALUES (-1, 'goodwill', -5, 'x', gen_random_uuid())$$,
    '23514', 'refunds_amount_check', 'a negative refund is refused');
SELECT t_schema_refused($$INSERT INTO backdesk.refunds (order_id, kind, amount, reason, idempotency_key) VALUES (-1, 'bonus', 5, 'x', gen_random_uuid())$$,
    '23514', 'refunds_kind_check', 'refunds.kind is one of return, shipping_fee, goodwill, cancellation');
SELECT lives_ok($$INSERT INTO backdesk.refunds (order_id, kind, amount, reason, idempotency_key) VALUES (-1, 'goodwill', 5, 'x', '00000000-0000-0000-0000-00000000c0de')$$,
    'a refund with a key');
SELECT t_schema_refused($$INSERT INTO backdesk.refunds (order_id, kind, amount, reason, idempotency_key) VALUES (-1, 'goodwill', 5, 'x', '00000000-0000-0000-0000-00000000c0de')$$,
    '23505', 'refunds_idempotency_key_key', 'refunds.idempotency_key is unique');
SELECT t_schema_refused($$INSERT INTO backdesk.shipments (order_id, carrier, tracking_no) VALUES (-1, 'aras', 'YT-T-SCHEMA-1')$$,
    '23505', 'shipments_tracking_no_key', 'shipments.tracking_no is unique');
SELECT t_schema_refused($$INSERT INTO backdesk.shipments (order_id, carrier, tracking_no) VALUES (-1, 'aras', 'bad tracking!')$$,
    '23514', 'shipments_tracking_no_check', 'a tracking number with spaces or punctuation is refused');
SELECT t_schema_refused($$INSERT INTO backdesk.shipments (order_id, carrier, tracking_no, status) VALUES (-1, 'aras', 'AR-T-SCHEMA-2', 'LOST')$$,
    '23514', 'shipments_status_check', 'shipments.status is one of the normalized statuses');
SELECT t_schema_refused($$INSERT INTO backdesk.tickets (number, channel, category, subject, first_response_due, resolve_due) VALUES ('T-T-SCHEMA', 'phone', 'delay', 'x', now(), now())$$,
    '23505', 'tickets_number_key', 'tickets.number is unique');
SELECT t_schema_refused($$INSERT INTO backdesk.tickets (channel, category, subject, first_response_due, resolve_due) VALUES ('fax', 'delay', 'x', now(), now())$$,
    '23503', 'tickets_channel_fkey', 'tickets.channel is one of backdesk.ticket_channels');
SELECT t_schema_refused($$INSERT INTO backdesk.tickets (channel, category, subject, first_response_due, resolve_due) VALUES ('web', 'lost', 'x', now(), now())$$,
    '23503', 'tickets_category_fkey', 'tickets.category is one of backdesk.ticket_categories');
SELECT t_schema_refused($$DELETE FROM backdesk.ticket_categories WHERE code = 'delay'$$,
    '23503', NULL, 'a category in use (by a ticket and templates) cannot be deleted: set active = false instead');
SELECT t_schema_refused($$INSERT INTO backdesk.tickets (channel, category, subject, first_response_due, resolve_due, satisfaction) VALUES ('web', 'praise', 'x', now(), now(), 6)$$,
    '23514', 'tickets_satisfaction_check', 'tickets.satisfaction is 1 to 5');
SELECT t_schema_refused($$INSERT INTO backdesk.returns (number, order_id, reason) VALUES ('R-T-SCHEMA', -1, 'x')$$,
    '23505', 'returns_number_key', 'returns.number is unique');
SELECT t_schema_refused($$INSERT INTO backdesk.returns (order_id, reason, tracking_no) VALUES (-1, 'x', 'RT-T-SCHEMA')$$,
    '23505', 'returns_tracking_no_key', 'returns.tracking_no is unique');
SELECT t_schema_refused($$INSERT INTO backdesk.orders (number, customer_id, shipping_address_id, placed_at, status, currency, lines_total, tax_total, ship_by)
                          VALUES ('SO-T-SCHEMA', -1, -1, now(), 'paid', 'TRY', 1, 0, current_date)$$,
    '23505', 'orders_number_key', 'orders.number is unique');
SELECT t_schema_refused($$INSERT INTO backdesk.orders (number, customer_id, shipping_address_id, placed_at, status, currency, lines_total, tax_total, ship_by)
                          VALUES ('SO-T-SCHEMA-2', -1, -1, now(), 'paid', 'XXX', 1, 0, current_date)$$,
    '23503', 'orders_currency_fkey', 'orders.currency must be a known currency');
SELECT t_schema_refused($$INSERT INTO backdesk.orders (number, customer_id, shipping_address_id, placed_at, status, currency, lines_total, tax_total, ship_by)
                          VALUES ('SO-T-SCHEMA-3', -1, -1, now(), 'lost', 'TRY', 1, 0, current_date)$$,
    '23514', 'orders_status_check', 'orders.status is one of the known states');
SELECT t_schema_refused($$INSERT INTO backdesk.orders (number, customer_id, shipping_address_id, placed_at, status, currency, lines_total, tax_total, ship_by, deliver_from, deliver_to)
                          VALUES ('SO-T-SCHEMA-4', -1, -1, now(), 'paid', 'TRY', 1, 0, current_date, current_date + 5, current_date + 3)$$,
    '23514', 'orders_check', 'a delivery window cannot end before it starts');
SELECT t_schema_refused($$INSERT INTO backdesk.orders (number, customer_id, shipping_address_id, placed_at, status, currency, lines_total, tax_total, ship_by)
                          VALUES ('SO-T-SCHEMA-5', -1, -1, now(), 'paid', 'TRY', -1, 0, current_date)$$,
    '23514', 'orders_lines_total_check', 'orders.lines_total is never negative');
SELECT t_schema_refused($$INSERT INTO backdesk.payments (order_id, method, paid) VALUES (-1, 'card', -1)$$,
    '23514', 'payments_paid_check', 'payments.paid is never negative');
SELECT t_schema_refused($$INSERT INTO backdesk.customers (name) VALUES ('Nobody')$$,
    '23514', 'customers_check', 'a customer needs an e-mail or a phone');
SELECT t_schema_refused($$INSERT INTO backdesk.customers (name, email) VALUES ('Şema Test 2', 'SCHEMA@Example.com')$$,
    '23505', 'customers_email_key', 'a customer e-mail is unique whatever its case');
SELECT t_schema_refused($$INSERT INTO backdesk.gift_codes (code, customer_id, amount, currency, reason, expires_at) VALUES ('abc', -1, 10, 'TRY', 'x', current_date)$$,
    '23514', 'gift_codes_code_check', 'gift codes are 6-32 upper-case letters, digits or dashes');
SELECT t_schema_refused($$INSERT INTO backdesk.gift_codes (code, customer_id, amount, currency, reason, expires_at) VALUES ('GIFT-T-SCHEMA', -1, 0, 'TRY', 'x', current_date)$$,
    '23514', 'gift_codes_amount_check', 'gift_codes.amount must be > 0');
SELECT t_schema_refused($$INSERT INTO backdesk.return_lines (return_id, order_line_id, qty) VALUES (-1, -1, 0)$$,
    '23514', 'return_lines_qty_check', 'return_lines.qty must be > 0');
SELECT t_schema_refused($$INSERT INTO backdesk.staff (login, full_name, role) VALUES ('t_schema_x', 'X', 'shop')$$,
    '23514', 'staff_role_check', 'staff.role is agent, warehouse, supervisor or admin');
SELECT t_schema_refused($$INSERT INTO backdesk.audit_log (id, action, entity) VALUES (1, 'x', 'y')$$,
    '428C9', NULL, 'audit_log.id is GENERATED ALWAYS: nobody picks their own');
SELECT t_schema_refused($$INSERT INTO backdesk.ticket_messages (ticket_id, kind, body, call_seconds) VALUES (-1, 'note', 'x', 30)$$,
    '23514', 'ticket_messages_check', 'only a call has a duration');

-- A SQL function is inlined only for a user who may execute it, and a session keeps
-- an index's expressions as first read: if the staff login that touches a table
-- first may not execute a function in its index, api functions (planned as their
-- owner) no longer match that index (0026: a 46 s lookup at 10M orders).
SELECT is_empty($$
    SELECT DISTINCT p.oid::regprocedure::text || ' in ' || i.indexrelid::regclass::text || ' for ' || g.r
    FROM pg_catalog.pg_index i
    JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'backdesk'
    CROSS JOIN LATERAL regexp_matches(coalesce(pg_get_expr(i.indexprs, i.indrelid), '') || ' ' ||
                                      coalesce(pg_get_expr(i.indpred, i.indrelid), ''),
                                      'backdesk\.(\w+)\(', 'g') f(m)
    JOIN pg_catalog.pg_proc p ON p.proname = f.m[1] AND p.pronamespace = n.oid
    CROSS JOIN unnest(ARRAY['backdesk_agent', 'backdesk_warehouse', 'backdesk_supervisor',
                            'backdesk_admin', 'backdesk_shop']) g(r)
    WHERE p.prolang = (SELECT l.oid FROM pg_catalog.pg_language l WHERE l.lanname = 'sql')
      AND has_table_privilege(g.r, t.oid, 'SELECT')
      AND NOT has_function_privilege(g.r, p.oid, 'EXECUTE')
$$, 'every SQL function in an index on a backdesk table may be executed by every role that reads the table');

SELECT * FROM finish();
ROLLBACK;
