-- 0047 A reply to a customer threads under the customer's own mail (issue 16).
--
-- 0045 gave each outgoing mail of a ticket References to the ticket's earlier
-- outgoing mails only, so In-Reply-To named our last mail even when the customer had
-- written since: their mail program then showed our answer under our own mail, not
-- under the one it answers.  Now the thread is every mail of the ticket, ours
-- (backdesk.outbox) and theirs (backdesk.inbound_mail, 0046: the ones that became the
-- ticket or a reply on it; auto-replies and bounces are no part of the conversation),
-- in the order they were written or received, up to this mail; the newest is
-- In-Reply-To.  At most the last 20 (RFC 5322 lets a References list be shortened; a
-- ticket with hundreds of messages would otherwise make a header of kilobytes).
SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

CREATE OR REPLACE FUNCTION backdesk.outbox_references(p_id bigint) RETURNS text[]
    LANGUAGE sql STABLE SET search_path = pg_catalog, backdesk, pg_temp
RETURN (SELECT coalesce(array_agg(t.message_id ORDER BY t.at, t.ord), '{}')
        FROM (SELECT r.message_id, r.at, r.ord
              FROM backdesk.outbox o,
                   LATERAL (SELECT e.message_id, e.created_at AS at, e.id AS ord
                            FROM backdesk.outbox e
                            WHERE e.ticket_id = o.ticket_id AND e.id < o.id
                            UNION ALL
                            SELECT i.message_id, i.received_at, 0
                            FROM backdesk.inbound_mail i
                            WHERE i.ticket_id = o.ticket_id AND i.outcome IN ('reply', 'new_ticket')
                              AND i.received_at <= o.created_at) r
              WHERE o.id = p_id AND o.ticket_id IS NOT NULL
              ORDER BY r.at DESC, r.ord DESC
              LIMIT 20) t);
