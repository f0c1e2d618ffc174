-- 0026 an index on an expression matches in every session, whoever touched the
-- table first (issue 11: a lookup of an order number took 46 s at 10M orders in
-- the console and 10 ms in psql).
--
-- PostgreSQL inlines a SQL function only for a user who may EXECUTE it, and a
-- session keeps an index's expressions as it first read them.  The console's
-- first query reads backdesk.orders as the staff login (the orders list), which
-- may not execute backdesk.number_key: orders_number_norm stays
-- "backdesk.number_key(number)" for that session.  api.find, planned later as its
-- owner, inlines its own backdesk.number_key(o.number) to upper(regexp_replace(…)),
-- which no longer matches the index, and no statistics match it either: a
-- sequential scan of every order instead of one index probe.  The same held for
-- backdesk.digits (0001) and backdesk.priority_rank (the ticket queue).
--
-- They are pure text functions that read no table: every staff role, which reads the
-- tables, may execute them, so every session reads the expressions alike (the shop
-- reads no table: it still may execute no helper, grants.sql).
-- tests/sql/schema.sql keeps it so for any index added later.
SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

GRANT EXECUTE ON FUNCTION backdesk.number_key(text), backdesk.digits(text),
                          backdesk.priority_rank(text)
    TO backdesk_agent, backdesk_warehouse, backdesk_supervisor, backdesk_admin;
