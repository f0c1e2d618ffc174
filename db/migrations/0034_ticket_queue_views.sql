-- 0034 the Tickets pane's views read one index each (issue 12).
--
-- The pane lists open tickets soonest due first, in nine views (mine, unassigned,
-- unanswered, all open, by category, by channel, waiting on the customer, due
-- within the hour, breached), a page at a time by keyset, with a count on each.
--
-- * tickets.sla_next_due: what the clock runs towards now, the first response's
--   due time while the customer has had no answer, else the resolution's; NULL once
--   resolved.  A generated column, the rule of backdesk.ticket_sla_next_due (0029;
--   tests/sql/ticket_queues.sql holds them equal), so an index can be ordered by it: a new
--   ticket whose first answer is due in 30 minutes comes before one resolved in a
--   day, where sorting by resolve_due put it days down the list.
-- * One partial index per view over open tickets, (view's key, sla_next_due, id),
--   which is the pane's keyset.  Measured at 1,000,126 tickets (50,021 open), the
--   first page of a view took 99-292 ms with 0001's indexes and 0.2-1.0 ms with
--   these (EXPLAIN ANALYZE, best of 3); the nine counts, each stopped at 1000
--   rows, 542 ms and under 80.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

ALTER TABLE backdesk.tickets
    ADD COLUMN sla_next_due timestamptz GENERATED ALWAYS AS (
        CASE WHEN status IN ('solved', 'closed') THEN NULL
             WHEN first_response_at IS NULL THEN least(first_response_due, resolve_due)
             ELSE resolve_due END) STORED;
COMMENT ON COLUMN backdesk.tickets.sla_next_due IS
    'The due time the SLA clock runs towards: the first response''s while unanswered, else the resolution''s; NULL when resolved or closed (0034).';

CREATE INDEX tickets_open_due ON backdesk.tickets (sla_next_due, id)
    WHERE status NOT IN ('solved', 'closed');
CREATE INDEX tickets_open_unassigned_due ON backdesk.tickets (sla_next_due, id)
    WHERE assignee_id IS NULL AND status NOT IN ('solved', 'closed');
CREATE INDEX tickets_open_unanswered_due ON backdesk.tickets (sla_next_due, id)
    WHERE last_message_kind = 'customer' AND status NOT IN ('solved', 'closed');
CREATE INDEX tickets_open_assignee_due ON backdesk.tickets (assignee_id, sla_next_due, id)
    WHERE status NOT IN ('solved', 'closed');
CREATE INDEX tickets_open_category_due ON backdesk.tickets (category, sla_next_due, id)
    WHERE status NOT IN ('solved', 'closed');
CREATE INDEX tickets_open_channel_due ON backdesk.tickets (channel, sla_next_due, id)
    WHERE status NOT IN ('solved', 'closed');
CREATE INDEX tickets_open_status_due ON backdesk.tickets (status, sla_next_due, id)
    WHERE status NOT IN ('solved', 'closed');

-- The pane's title gives the agent their own satisfaction score of the last 30 days;
-- api.csat_by_agent (0030) gives everyone's.  Only rated tickets are in it.
CREATE INDEX tickets_rated_by_assignee ON backdesk.tickets (assignee_id, satisfaction_at)
    WHERE satisfaction IS NOT NULL;

ANALYZE backdesk.tickets;
