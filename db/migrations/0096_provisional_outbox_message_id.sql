-- 0096 PROVISIONAL STAND-IN, part inbox of issue 16: DELETE AT MERGE.
--
-- Part outbox's 0045 gives backdesk.outbox a message_id (UNIQUE NOT NULL, set by a
-- trigger).  Until that is merged, 0046 (inbound mail) needs the column to thread a
-- customer's answer onto the ticket our mail was about; this adds it, nullable and
-- unset, so the inbox tests can write one.  With 0045 merged the column already
-- exists and this file must go (the lead deletes it).
SET LOCAL ROLE backdesk_owner;
ALTER TABLE backdesk.outbox ADD COLUMN IF NOT EXISTS message_id text CHECK (length(message_id) <= 998);
CREATE UNIQUE INDEX IF NOT EXISTS outbox_message_id_provisional ON backdesk.outbox (message_id);
