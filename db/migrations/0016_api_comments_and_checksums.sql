-- 0016 the api says what it does, and migrations keep their checksums.
--
-- Every api function gets a COMMENT (`\df+ api.*` in psql is the reference a shop's
-- developer reads): what it does and returns, then a line "Who:" (the roles that may
-- call it) and a line "Refuses:" (each SQLSTATE it refuses with, and when).
-- tests/sql/schema.sql fails for an api function without one, for a "Who:" that is not
-- what the function's role check allows, and for a BD code the function raises that
-- its comment does not name.  Every refusal also has a message and a hint in words;
-- the codes are those of docs/ARCHITECTURE.md ("Error codes").
--
-- backdesk.schema_migrations.checksum: the SHA-256 of each migration file, which
-- `backdesk migrate` records (from the program, which carries the files) and compares:
-- a database whose applied migration differs from the program's is refused.  Rows
-- applied before this column existed are filled by the next migrate with the
-- program's checksums, trusted on first use.

SET LOCAL ROLE backdesk_owner;
SET LOCAL search_path = pg_catalog, backdesk, pg_temp;

ALTER TABLE backdesk.schema_migrations
    ADD COLUMN checksum text CONSTRAINT schema_migrations_checksum_check CHECK (checksum ~ '^[0-9a-f]{64}$');
COMMENT ON COLUMN backdesk.schema_migrations.checksum IS
'SHA-256 of the migration file as applied (sha256sum of db/migrations/NNNN_name.sql). backdesk migrate refuses a database whose checksum differs from its own file''s. NULL only until the next migrate after 0016: rows applied before then are given the program''s checksum, trusted on first use.';

------------------------------------------------------------------------------
-- Who the caller is.
------------------------------------------------------------------------------
COMMENT ON FUNCTION api.whoami() IS
$$Who is calling: one row (login, full_name, role, active). role is agent, warehouse, supervisor, admin, shop, disabled (a staff login that was disabled) or none (in no backdesk group); a superuser counts as admin. The console reads it to show the user and hide what the role may not do.
Who: every staff group and the shop, and a disabled login too, so a program can say why everything else refuses.
Refuses: nothing (a login in no backdesk group has no USAGE on schema api: 42501).$$;

------------------------------------------------------------------------------
-- Staff and limits (administrators).
------------------------------------------------------------------------------
COMMENT ON FUNCTION api.staff_add(text, text, text, text) IS
$$Adds a person: the LOGIN role p_login in group backdesk_<p_role>, and a row in backdesk.staff; returns the staff id. p_password, when given, must be a SCRAM-SHA-256 verifier made by the client (backdesk staff add --password-stdin makes one), never the password itself; without one the login uses whatever else the server allows (peer, certificates). Audited (staff.add).
Who: admin.
Refuses: BD001 any other role; BD005 a login that is not lower-case letters, digits, "_", "." or "-" starting with a letter (at most 63), a reserved login (backdesk_*, pg_*, public, none, ...), a role other than agent, warehouse, supervisor or admin, no name, or a password in clear text; BD007 a database role with that name exists already.$$;

COMMENT ON FUNCTION api.staff_disable(text) IS
$$Disables a staff login: NOLOGIN, its staff row inactive, and its open sessions ended. From then on every api function but whoami refuses it (role 'disabled'). Audited (staff.disable, with the number of sessions ended).
Who: admin.
Refuses: BD001 any other role; BD003 no staff member with that login; BD002 already disabled, or the caller's own login.$$;

COMMENT ON FUNCTION api.set_amount_limit(text, text, text, numeric, numeric, numeric) IS
$$Sets what a role may give on its own in one currency, for one kind (backdesk.amount_limits): p_max_amount per refund or gift code, p_max_per_order in total on one order, p_max_per_day per login and shop day. NULL leaves that dimension uncapped, 0 allows nothing; a kind and currency without a row allows nothing at all. Example: SELECT api.set_amount_limit('agent', 'goodwill', 'PLN', 200, 200, 600). Audited (limits.set, with the old and the new values).
Who: admin.
Refuses: BD001 any other role; BD005 a role other than agent or admin, a kind other than return, shipping_fee, goodwill or gift_code, a currency backdesk does not know (backdesk.currencies), or a negative limit.$$;

------------------------------------------------------------------------------
-- The shop.
------------------------------------------------------------------------------
COMMENT ON FUNCTION api.import_order(jsonb) IS
$$The shop pushes an order: one JSON document (number, placed_at, currency, customer, shipping_address, lines, shipping_fee, free_shipping, payment, ship_by, deliver_between; see docs/DESIGN.md). A new number creates the order, the same number again updates it; returns the order id. The customer is found by e-mail or phone, else created. Once an order has refunds, gift codes, a parcel or a change made in backdesk, its currency, placed_at, customer, lines, amounts and payment method are frozen and paid may only go up; an address an agent changed is kept (a NOTICE and an audit row order.reimport_kept say so).
Who: the shop, admin.
Refuses: BD001 any other role; BD005 a document that is not as described (the message names the field: missing, wrong type, not a date, an unknown currency or payment method, text too long, ...); BD002 an order that has shipped or was cancelled, one with a return on its lines, or a frozen field that differs (the message names it with both values).$$;

------------------------------------------------------------------------------
-- Finding and reading.
------------------------------------------------------------------------------
COMMENT ON FUNCTION api.find(text, integer) IS
$$One search box for everything: order, ticket and return numbers (also their digits alone: "100234" finds SO-100234), tracking numbers, a phone in any spacing with or without +90, 0 or 06, an e-mail, a name in any case with or without accents ("sukru ozturk" finds Şükrü Öztürk). Returns up to lim rows (1 to 200, default 20) of (kind, id, label, detail, rank), best first; kind is customer, order, shipment, ticket or return, and only kinds whose table the caller may read (no tickets for the warehouse). An empty q finds nothing.
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 any other role (the shop, a disabled login).$$;

COMMENT ON FUNCTION api.find_target(text, bigint) IS
$$Where a hit of api.find leads: for its (kind, id), the order (order_id, order_number) and the customer (customer_id, customer_name) to open; a part with nothing behind it is NULL (a customer hit has no order).
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 any other role, and a ticket hit for a role that may not read tickets (the warehouse); BD005 a kind that api.find does not return.$$;

COMMENT ON FUNCTION api.order_detail(bigint) IS
$$One order as a JSON document, for the order screen: number, status, amounts, lines, address, customer, ship_by and late (late to ship: backdesk.late_to_ship, the shop's calendar), the promised delivery window and delivery_late, plain_status (where it is, in one sentence to read out), parcels (each with its window, lateness and plain status), tickets, returns, refunds, gift codes, notes and the version to pass to the actions. payment, refunded, tickets, refunds, gift_codes and notes are null for the warehouse.
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 any other role; BD003 no order with that id.$$;

COMMENT ON FUNCTION api.customer_360(bigint) IS
$$One customer as a JSON document, for the customer screen: contact details, addresses, the newest 100 orders (each with late, as api.order_detail says it, and its newest parcel), returns, open and recent tickets, satisfaction scores, refunds, gift codes (valid, redeemed or expired by the shop's calendar), what they paid and got back per currency, and notes. For the warehouse, restricted is true and tickets, satisfaction, refunds, gift codes, spent and notes are null.
Who: agent, warehouse, supervisor, admin.
Refuses: BD001 any other role; BD003 no customer with that id.$$;

------------------------------------------------------------------------------
-- Changing an order.  Each takes p_version, the order's version as the caller read
-- it (NULL: no check), locks the order, and bumps its version.
------------------------------------------------------------------------------
COMMENT ON FUNCTION api.cancel_order(text, text, integer) IS
$$Cancels an order before it ships, and refunds what was paid and not yet refunded (one refund of kind cancellation). p_version is the order's version as the caller read it (NULL: no check). Audited (order.cancel, with the new version).
Who: agent, admin.
Refuses: BD001 any other role; BD005 no reason, or one over 500 characters; BD003 no such order; BD004 the order changed since p_version (the message says who changed it and when); BD002 the order was cancelled already, or has shipped.$$;

COMMENT ON FUNCTION api.change_address(text, jsonb, integer) IS
$$Ships an order to another address: a new address of the customer, set on the order; returns its id. address is {"line1", "line2", "city", "postcode", "country"}: line1, city and a two-letter country are required. p_version as in api.cancel_order. A later re-import of the order keeps this address. Audited (order.change_address).
Who: agent, admin.
Refuses: BD001 any other role; BD005 not a JSON object, a required part missing, a part that is not text or is too long, a country that is not two letters; BD003 no such order; BD004 the order changed since p_version; BD002 the order was cancelled or has shipped.$$;

COMMENT ON FUNCTION api.issue_refund(text, numeric, text, text, uuid, integer) IS
$$Gives money back on an order; returns the refund id. kind: return (up to the value of the returned lines of a return whose goods are back, not yet refunded; the refund names that return), shipping_fee (up to the fee charged), goodwill (within the role's caps) or cancellation (only on a cancelled order). Never more than was paid in total, whatever runs at the same time. idempotency_key: one per refund; the same key again returns the first refund and changes nothing (also after a lost answer). p_version as in api.cancel_order. Audited (order.refund).
Who: agent, admin.
Refuses: BD001 any other role; BD005 an unknown kind, no reason (or over 500 characters), no key, an amount not above 0, with more decimals than the currency has, or too large; BD003 no such order; BD007 the key was used for another refund or a gift code; BD004 the order changed since p_version; BD002 nothing was paid, a cancellation refund on an order not cancelled, a fee refund where no fee was charged, a return refund with no return whose goods are back; BD006 more than was paid, than the fee or the return has left, than the role's limits allow, or no limit is set for the role, kind and currency (api.set_amount_limit).$$;

COMMENT ON FUNCTION api.refund_shipping_fee(text, text, uuid, integer) IS
$$Refunds the whole shipping fee charged on a free-shipping order, once; returns the refund id. The same idempotency_key again returns the first refund. p_version as in api.cancel_order. Audited (order.refund_shipping_fee).
Who: agent, admin.
Refuses: BD001 any other role; BD005 no reason (or over 500 characters), no key; BD003 no such order; BD007 the key was used for something else; BD004 the order changed since p_version; BD002 the order was cancelled (its cancellation refund covered the fee), no fee was charged, it was not a free-shipping order, the fee was refunded already, or nothing was paid; BD006 more than is left to refund, or no shipping_fee limit is set for the role and currency.$$;

COMMENT ON FUNCTION api.compensate_delay(text, text, numeric, text, uuid, integer) IS
$$Compensates a late delivery, how = 'refund' (a goodwill refund; returns its id, as text) or 'gift_code' (a code for the customer, valid for a year; returns the code). Within the role's limits per action, per order and per login and day. The same idempotency_key again returns the first answer. p_version as in api.cancel_order. Audited (order.compensate).
Who: agent, admin.
Refuses: BD001 any other role; BD005 how is neither refund nor gift_code, no reason (or over 500 characters), no key, an amount not above 0 or with more decimals than the currency has; BD003 no such order; BD007 the key was used for something else; BD004 the order changed since p_version; BD002 the order was cancelled, or (refund) nothing was paid; BD006 over a limit, no limit set for the role and currency, or (refund) more than was paid.$$;

------------------------------------------------------------------------------
-- Notes, messages, tickets, calls and answers.
------------------------------------------------------------------------------
COMMENT ON FUNCTION api.add_note(text, bigint, text) IS
$$An internal note on an order or a customer (entity 'order' or 'customer', entity_id its id): for staff who talk to customers, never sent to anyone, not shown to the warehouse. Returns the note id. Audited (note.add).
Who: agent, admin.
Refuses: BD001 any other role; BD005 another entity, an empty note, or one over 10000 characters; BD003 no such order or customer.$$;

COMMENT ON FUNCTION api.queue_message(text, text, text) IS
$$Puts the order confirmation (kind order_confirmation) or the tracking details (kind tracking) into the outbox again, in the customer's language (tr, hu, else en), by e-mail or SMS (p_channel email, the default, or sms). Returns the outbox id. Audited (message.queue).
Who: agent, admin.
Refuses: BD001 any other role; BD005 another kind or channel; BD003 no such order; BD002 the customer has no e-mail address (no phone, for sms), the order was cancelled, or tracking for an order that has not shipped.$$;

COMMENT ON FUNCTION api.open_ticket(bigint, text, text, text, text, text, text) IS
$$Opens a ticket for a customer, about one of their orders (order_number) or none (NULL or empty); returns its number (T-...). channel, category and priority are codes offered by backdesk.ticket_channels, backdesk.ticket_categories and backdesk.ticket_priorities (priority NULL: normal); the first-response and resolve times follow the priority; body, when given, is its first note. Audited (ticket.open).
Who: agent, admin.
Refuses: BD001 any other role; BD005 a channel, category or priority its table does not offer, no subject (or one too long), or an order of another customer; BD003 no such customer or order.$$;

COMMENT ON FUNCTION api.log_call(bigint, text, text, text, text, integer) IS
$$Logs a phone call with a customer as a call message on a ticket: on ticket_number, or (NULL or empty) on a new phone ticket of category, assigned to the caller, high priority when escalated. outcome is a code offered by backdesk.call_outcomes: resolved solves the ticket, any other (re)opens it. note is added to the message; seconds is how long the call took (0 to 86400). Returns the ticket number. Audited (ticket.call).
Who: agent, admin.
Refuses: BD001 any other role; BD005 an outcome (or, for a new ticket, a category) its table does not offer, seconds out of range, or a ticket of another customer; BD003 no such customer or ticket.$$;

COMMENT ON FUNCTION api.render_template(bigint, text) IS
$$An answer template (backdesk.templates) filled with one order's values: {customer_name}, {order_number}, {carrier}, {tracking_no}, {tracking_url}, {promised_from}, {promised_to}, {total}, {currency}, {ship_by}. A placeholder without a value stays as it is. Reads only.
Who: agent, admin.
Refuses: BD001 any other role; BD003 no such template or order.$$;

COMMENT ON FUNCTION api.order_answers(text) IS
$$Every answer template in the language of the order's customer (English when there is none in it), filled for the order, the categories most asked about first: rows of (template_id, category, title, body). Reads only.
Who: agent, admin.
Refuses: BD001 any other role; BD003 no such order.$$;

COMMENT ON FUNCTION api.queue_template(bigint, text) IS
$$Sends an answer template filled for the order (as api.render_template) to the order's customer by e-mail, through the outbox; returns the outbox id. Audited (outbox.template).
Who: agent, admin.
Refuses: BD001 any other role; BD003 no such order or template; BD002 the customer has no e-mail address.$$;
