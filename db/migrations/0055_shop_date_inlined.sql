-- 0055 The shop's date is inlined into the queries that use it (issue 11: the
-- console's start).  The orders list marks an order late with late_to_ship (0015),
-- which is inlined, but it calls shop_date, whose SET search_path kept it a
-- function call: for every row of every page, a call that sets and restores the
-- search path, and in a new server process (the console's first screen) the
-- function is looked up and made ready first.  At 10M orders the first page took
-- 6.8 ms in a new server process where the same page without it took 4.4.
--
-- Without the SET it is safe all the same: its body is SQL-standard (RETURN),
-- parsed when the function was made, so the AT TIME ZONE and the cast are bound
-- to pg_catalog's by their identity and nothing is looked up by name when it runs;
-- a caller's search path or pg_temp has nothing to shadow.  late_to_ship is made
-- the same way (tests/sql/late_to_ship.sql checks both).

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

ALTER FUNCTION backdesk.shop_date(timestamptz) RESET search_path;
