-- A reply's References (0047): the ticket's mails both ways, oldest first, the
-- customer's newest last when they wrote since our last; auto-replies left out; at
-- most 20.
BEGIN;
SELECT plan(4);

CREATE TEMP TABLE t_tr (ticket bigint, customer bigint);
WITH c AS (INSERT INTO backdesk.customers (name, email) VALUES ('Thread Test', 'tr@example.com') RETURNING id),
     t AS (INSERT INTO backdesk.tickets (channel, category, subject, customer_id, first_response_due, resolve_due)
           SELECT 'email', 'other', 'Thread', c.id, now() + interval '1 day', now() + interval '2 days' FROM c
           RETURNING id, customer_id)
INSERT INTO t_tr SELECT id, customer_id FROM t;

-- Ours, an hour ago; theirs, half an hour ago; an auto-reply since; then our answer.
INSERT INTO backdesk.outbox (kind, customer_id, ticket_id, recipient, subject, body, created_at)
SELECT 'reply', customer, ticket, 'tr@example.com', 'Re', 'first', now() - interval '1 hour' FROM t_tr;
INSERT INTO backdesk.inbound_mail (message_id, outcome, ticket_id, received_at)
SELECT '<theirs@mail.example>', 'reply', ticket, now() - interval '30 minutes' FROM t_tr;
INSERT INTO backdesk.inbound_mail (message_id, outcome, ticket_id, received_at)
SELECT '<away@mail.example>', 'auto_reply', ticket, now() - interval '20 minutes' FROM t_tr;
INSERT INTO backdesk.outbox (kind, customer_id, ticket_id, recipient, subject, body)
SELECT 'reply', customer, ticket, 'tr@example.com', 'Re', 'second' FROM t_tr;

CREATE TEMP TABLE t_tr_refs AS
SELECT backdesk.outbox_references(max(id)) AS refs FROM backdesk.outbox WHERE ticket_id = (SELECT ticket FROM t_tr);

SELECT is((SELECT refs[array_length(refs, 1)] FROM t_tr_refs), '<theirs@mail.example>',
    'the customer''s mail, the newest before our answer, is what it answers (In-Reply-To)');
SELECT is((SELECT refs[array_length(refs, 1) - 1] FROM t_tr_refs),
    (SELECT message_id FROM backdesk.outbox WHERE ticket_id = (SELECT ticket FROM t_tr) AND body = 'first'),
    'our earlier mail comes before it');
SELECT ok((SELECT NOT ('<away@mail.example>' = ANY (refs)) FROM t_tr_refs),
    'an auto-reply is no part of the thread');

-- A long conversation: only the last 20.
INSERT INTO backdesk.inbound_mail (message_id, outcome, ticket_id, received_at)
SELECT format('<many%s@mail.example>', g), 'reply', ticket, now() - interval '2 hours' + g * interval '1 second'
FROM t_tr, generate_series(1, 30) g;
INSERT INTO backdesk.outbox (kind, customer_id, ticket_id, recipient, subject, body)
SELECT 'reply', customer, ticket, 'tr@example.com', 'Re', 'third' FROM t_tr;
SELECT is((SELECT cardinality(backdesk.outbox_references(max(id))) FROM backdesk.outbox
           WHERE ticket_id = (SELECT ticket FROM t_tr)), 20, 'at most the last 20');

SELECT * FROM finish();
ROLLBACK;
