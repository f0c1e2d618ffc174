#include "db/tickets_list.h"

#include <stdio.h>

/* What each view shows, as SQL over the ticket `t`.  Every view is of open tickets
 * (backdesk.ticket_is_open, inlined).  The page query names the view in $1: the
 * statement is unnamed, so PostgreSQL plans it with the value and the other
 * views' conditions fold away, leaving one condition an index can serve (0034's
 * partial indexes, one per view).
 *
 * Due: tickets.sla_next_due (0034), the first response's due time while the
 * customer has had no answer, else the resolution's.  The colour is
 * backdesk.ticket_sla_state (0029), the one rule for it; "due soon" and "breached"
 * are its live clock as ranges an index can read.
 *
 * Unanswered: the newest message to or from the customer is theirs
 * (tickets.last_message_kind, kept by 0028's trigger). */
#define OPEN "backdesk.ticket_is_open(t.status)"
#define MINE "t.assignee_id = (SELECT s.id FROM backdesk.staff s WHERE s.login = session_user)"
#define UNASSIGNED "t.assignee_id IS NULL"
#define UNANSWERED "t.last_message_kind = 'customer'"
#define WAITING "t.status = 'pending'"
#define SOON "t.status <> 'pending' AND t.sla_next_due >= now() AND t.sla_next_due < now() + interval '1 hour'"
#define BREACHED "t.status <> 'pending' AND t.sla_next_due < now()"
#define SLA_STATE "backdesk.ticket_sla_state(t)"

static const char *const view_codes[TICKETS_VIEW_COUNT] = {
	[TICKETS_MINE] = "mine",		[TICKETS_UNASSIGNED] = "unassigned",
	[TICKETS_UNANSWERED] = "unanswered",	[TICKETS_OPEN] = "open",
	[TICKETS_CATEGORY] = "category",	[TICKETS_CHANNEL] = "channel",
	[TICKETS_WAITING] = "waiting",		[TICKETS_SOON] = "soon",
	[TICKETS_BREACHED] = "breached",
};

const char *db_tickets_view_code(enum tickets_view v)
{
	return (unsigned)v < TICKETS_VIEW_COUNT ? view_codes[v] : "open";
}

/* Parameters of every page query:
 *   $1 view   $2 its category or channel   $3 priority or NULL
 *   $4 anchor key or NULL   $5 anchor id   $6 limit */
#define TICKETS_SELECT \
	"SELECT t.id, t.sla_next_due::text, t.number, t.priority, t.status, " \
	"coalesce(c.name, ''), t.subject, t.channel, coalesce(s.full_name, ''), " \
	"floor(extract(epoch FROM t.sla_next_due - now()))::bigint, " \
	"floor(extract(epoch FROM now() - t.created_at))::bigint, " SLA_STATE ", " \
	"t.sla_next_due AS sort_key " \
	"FROM backdesk.tickets t LEFT JOIN backdesk.customers c ON c.id = t.customer_id " \
	"LEFT JOIN backdesk.staff s ON s.id = t.assignee_id " \
	"WHERE " OPEN " AND ($3::text IS NULL OR t.priority = $3) AND (" \
	"($1::text = 'mine' AND " MINE ") " \
	"OR ($1::text = 'unassigned' AND " UNASSIGNED ") " \
	"OR ($1::text = 'unanswered' AND " UNANSWERED ") " \
	"OR $1::text = 'open' " \
	"OR ($1::text = 'category' AND t.category = $2::text) " \
	"OR ($1::text = 'channel' AND t.channel = $2::text) " \
	"OR ($1::text = 'waiting' AND " WAITING ") " \
	"OR ($1::text = 'soon' AND " SOON ") " \
	"OR ($1::text = 'breached' AND " BREACHED ")) "

/* SCAN is the order rows are read in, SHOW the order they are shown in; reading
 * against the shown order is how a page before the anchor is fetched. */
#define PAGE_SQL(CMP, SCAN, SHOW) \
	"SELECT * FROM (" TICKETS_SELECT \
	"AND ($4::text IS NULL OR (t.sla_next_due, t.id) " CMP " ($4::timestamptz, $5::bigint)) " \
	"ORDER BY t.sla_next_due " SCAN ", t.id " SCAN " LIMIT $6) page " \
	"ORDER BY sort_key " SHOW ", id " SHOW

/* [backward][inclusive] */
static const char *const page_sql[2][2] = {
	{ PAGE_SQL(">", "ASC", "ASC"), PAGE_SQL(">=", "ASC", "ASC") },
	{ PAGE_SQL("<", "DESC", "ASC"), PAGE_SQL("<=", "DESC", "ASC") },
};

unsigned db_tickets_page(struct db_session *s, enum tickets_view v, const char *arg,
			 const char *priority, const struct tickets_anchor *anchor, bool backward,
			 int limit, db_result_fn cb, void *arg_cb)
{
	char lim[16];
	const char *params[6];

	(void)snprintf(lim, sizeof lim, "%d", limit > 0 ? limit : 1);
	params[0] = db_tickets_view_code(v);
	params[1] = arg;
	params[2] = priority;
	params[3] = anchor != NULL ? anchor->key : NULL;
	params[4] = anchor != NULL ? anchor->id : NULL;
	params[5] = lim;
	return db_session_query(s, page_sql[backward][anchor != NULL && anchor->inclusive], 6, params,
				DB_Q_READ, cb, arg_cb);
}

unsigned db_tickets_seek(struct db_session *s, const char *number, db_result_fn cb, void *arg)
{
	const char *params[1] = { number };

	return db_session_query(s,
				"SELECT id, sla_next_due::text FROM backdesk.tickets "
				"WHERE number IN ($1, upper($1)) LIMIT 1",
				1, params, DB_Q_READ, cb, arg);
}

#define STR_(x) #x
#define STR(x) STR_(x)
/* Counting stops at the cap: each count reads at most that many index entries,
 * however many tickets there are. */
#define COUNT(COND) \
	"(SELECT count(*) FROM (SELECT 1 FROM backdesk.tickets t WHERE " OPEN " AND " COND \
	" LIMIT " STR(DB_TICKETS_COUNT_CAP) ") x)"

unsigned db_tickets_counts(struct db_session *s, const char *category, const char *channel,
			   db_result_fn cb, void *arg)
{
	const char *params[2] = { category, channel };

	/* In enum tickets_view's order. */
	return db_session_query(s,
				"SELECT " COUNT(MINE) ", " COUNT(UNASSIGNED) ", " COUNT(UNANSWERED) ", "
				COUNT("true") ", " COUNT(WAITING) ", " COUNT(SOON) ", " COUNT(BREACHED) ", "
				COUNT("t.category = $1::text") ", " COUNT("t.channel = $2::text") ", "
				"coalesce((SELECT s.on_shift FROM backdesk.staff s WHERE s.login = session_user), false), "
				"(SELECT round(avg(r.satisfaction), 1) || ' ' || count(*) FROM backdesk.tickets r "
				" WHERE r.assignee_id = (SELECT s.id FROM backdesk.staff s WHERE s.login = session_user) "
				" AND r.satisfaction IS NOT NULL AND r.satisfaction_at > now() - interval '30 days' "
				" HAVING count(*) > 0)",
				2, params, DB_Q_READ | DB_Q_BACKGROUND, cb, arg);
}

unsigned db_tickets_take_next(struct db_session *s, db_result_fn cb, void *arg)
{
	/* In FROM, so the function runs once. */
	return db_session_query(s,
				"SELECT n.id, t.number FROM api.take_next_ticket() AS n(id) "
				"LEFT JOIN backdesk.tickets t ON t.id = n.id",
				0, NULL, 0, cb, arg);
}

unsigned db_tickets_set_shift(struct db_session *s, bool on, db_result_fn cb, void *arg)
{
	const char *params[1] = { on ? "true" : "false" };

	return db_session_query(s, "SELECT api.set_on_shift($1::boolean)", 1, params, 0, cb, arg);
}
