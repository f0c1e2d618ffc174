#include "db/shipments_list.h"

#include <stdio.h>

/* A parcel is final once nothing more will happen to it: the predicate of the
 * partial indexes (0001's shipments_due and the pane's), written the same way
 * so the planner matches them. */
#define FINAL "('DELIVERED', 'RETURNED', 'CANCELLED', 'EXPIRED')"
#define NOT_FINAL "s.status NOT IN " FINAL
#define NEWS "coalesce(s.last_event_at, s.shipped_at)"
#define STALE_DAYS \
	"coalesce((SELECT x.value::integer FROM backdesk.settings x WHERE x.key = 'parcel_stale_days'), 3)"

/* Which statuses the views read one status at a time: the one list the pages
 * and the counts read, so a view and its count never disagree. */
static const char *const view_statuses[SHIPMENTS_VIEW_COUNT] = {
	[SHIPMENTS_IN_TRANSIT] = "{UNKNOWN,PRE_TRANSIT,IN_TRANSIT,OUT_FOR_DELIVERY,AVAILABLE_FOR_PICKUP}",
	[SHIPMENTS_EXCEPTION] = "{EXCEPTION,DELIVERY_ATTEMPTED}",
	[SHIPMENTS_RETURNED] = "{RETURNING,RETURNED}",
};

bool db_shipments_newest_first(enum shipments_view v)
{
	return v == SHIPMENTS_DELIVERED || v == SHIPMENTS_RETURNED;
}

/* Parameters:  $1 anchor key or NULL   $2 anchor id   $3 limit
 *              $4 carrier or NULL (not To pack)   $5 the statuses (merged views) */
#define ANCHOR(SORT, TYPE, CMP) \
	"AND ($1::text IS NULL OR (" SORT ", s.id) " CMP " ($1::" TYPE ", $2::bigint)) "
#define CARRIER "AND ($4::text IS NULL OR s.carrier = $4::text) "
#define S_COLS "s.id, s.tracking_no, s.carrier, s.status, s.order_id, s.last_event_at, s.shipped_at, s.promised_to"

/* What a row shows, for the page's rows only.  A parcel final before 0042 has no
 * last_event_at or promised_to (0042 filled in only the moving ones): its row
 * works them out, as api.parcel_detail does. */
#define OUTER(INNER, SHOW) \
	"SELECT p.id, p.k::text, p.tracking_no, p.carrier, p.status, o.number, coalesce(c.name, ''), " \
	"floor(extract(epoch FROM now() - coalesce(p.last_event_at, " \
	"(SELECT max(e.occurred_at) FROM backdesk.shipment_events e WHERE e.shipment_id = p.id), " \
	"p.shipped_at)))::bigint, " \
	"coalesce(coalesce(p.promised_to, " \
	"(backdesk.promised_window(o.deliver_from, o.deliver_to, p.shipped_at)).promised_to)::text, ''), " \
	"coalesce(p.status NOT IN " FINAL " AND p.promised_to < backdesk.shop_date(now()), false), " \
	"p.order_id, 0, 0 " \
	"FROM (" INNER ") p JOIN backdesk.orders o ON o.id = p.order_id " \
	"LEFT JOIN backdesk.customers c ON c.id = o.customer_id " \
	"ORDER BY p.k " SHOW ", p.id " SHOW

/* One range of one index: (sort, id) under the view's predicate. */
#define PLAIN(CMP, SCAN, SHOW, WHERE, SORT, TYPE) \
	OUTER("SELECT " S_COLS ", " SORT " AS k FROM backdesk.shipments s WHERE " WHERE " " \
	      ANCHOR(SORT, TYPE, CMP) CARRIER "ORDER BY " SORT " " SCAN ", s.id " SCAN " LIMIT $3", SHOW)

/* A view of several statuses is read one status at a time and merged: each is
 * one range of (status, shipped_at, id), so a page reads about `limit` index
 * entries per status and sorts nothing big (as the Returns pane does). */
#define MERGED(CMP, SCAN, SHOW) \
	OUTER("SELECT m.* FROM unnest($5::text[]) AS v(status) CROSS JOIN LATERAL (" \
	      "SELECT " S_COLS ", s.shipped_at AS k FROM backdesk.shipments s WHERE s.status = v.status " \
	      ANCHOR("s.shipped_at", "timestamptz", CMP) CARRIER \
	      "ORDER BY s.shipped_at " SCAN ", s.id " SCAN " LIMIT $3) m " \
	      "ORDER BY m.k " SCAN ", m.id " SCAN " LIMIT $3", SHOW)

/* Orders without a parcel: (ship_by, id) of those paid or packed; the late ones
 * come first because their ship_by is the oldest. */
#define TO_PACK_WHERE \
	"o.status IN ('paid', 'packed') AND NOT EXISTS (SELECT FROM backdesk.shipments s WHERE s.order_id = o.id)"
#define TO_PACK(CMP, SCAN, SHOW) \
	"SELECT p.id, p.ship_by::text, p.number, '', p.status, p.number, coalesce(c.name, ''), " \
	"floor(extract(epoch FROM now() - p.placed_at))::bigint, p.ship_by::text, " \
	"backdesk.late_to_ship(p.status, p.ship_by), p.id, l.n, l.units " \
	"FROM (SELECT o.id, o.number, o.status, o.ship_by, o.placed_at, o.customer_id " \
	"FROM backdesk.orders o WHERE " TO_PACK_WHERE " " \
	"AND ($1::text IS NULL OR (o.ship_by, o.id) " CMP " ($1::date, $2::bigint)) " \
	"ORDER BY o.ship_by " SCAN ", o.id " SCAN " LIMIT $3) p " \
	"LEFT JOIN backdesk.customers c ON c.id = p.customer_id " \
	"LEFT JOIN LATERAL (SELECT count(*) AS n, coalesce(sum(ol.qty), 0) AS units " \
	"FROM backdesk.order_lines ol WHERE ol.order_id = p.id) l ON true " \
	"ORDER BY p.ship_by " SHOW ", p.id " SHOW

#define STALE_WHERE NOT_FINAL " AND " NEWS " < now() - make_interval(days => " STALE_DAYS ")"
#define LATE_WHERE NOT_FINAL " AND s.promised_to < backdesk.shop_date(now())"
#define DELIVERED_WHERE "s.status = 'DELIVERED'"
#define DELIVERED_SORT "coalesce(s.delivered_at, s.shipped_at)"

/* [backward][inclusive]: reading against the shown order is how a page before
 * the anchor is fetched. */
#define ASC4(G, ...) \
	{ { G(">", "ASC", "ASC", __VA_ARGS__), G(">=", "ASC", "ASC", __VA_ARGS__) }, \
	  { G("<", "DESC", "ASC", __VA_ARGS__), G("<=", "DESC", "ASC", __VA_ARGS__) } }
#define DESC4(G, ...) \
	{ { G("<", "DESC", "DESC", __VA_ARGS__), G("<=", "DESC", "DESC", __VA_ARGS__) }, \
	  { G(">", "ASC", "DESC", __VA_ARGS__), G(">=", "ASC", "DESC", __VA_ARGS__) } }
#define TO_PACK_(CMP, SCAN, SHOW, unused) TO_PACK(CMP, SCAN, SHOW)
#define MERGED_(CMP, SCAN, SHOW, unused) MERGED(CMP, SCAN, SHOW)

static const char *const page_sql[SHIPMENTS_VIEW_COUNT][2][2] = {
	[SHIPMENTS_TO_PACK] = ASC4(TO_PACK_, 0),
	[SHIPMENTS_IN_TRANSIT] = ASC4(MERGED_, 0),
	[SHIPMENTS_EXCEPTION] = ASC4(MERGED_, 0),
	[SHIPMENTS_STALE] = ASC4(PLAIN, STALE_WHERE, NEWS, "timestamptz"),
	[SHIPMENTS_LATE] = ASC4(PLAIN, LATE_WHERE, "s.promised_to", "date"),
	[SHIPMENTS_DELIVERED] = DESC4(PLAIN, DELIVERED_WHERE, DELIVERED_SORT, "timestamptz"),
	[SHIPMENTS_RETURNED] = DESC4(MERGED_, 0),
};

static enum shipments_view known(enum shipments_view v)
{
	return (unsigned)v < SHIPMENTS_VIEW_COUNT ? v : SHIPMENTS_IN_TRANSIT;
}

unsigned db_shipments_page(struct db_session *s, enum shipments_view v, const char *carrier,
			   const struct shipments_anchor *anchor, bool backward, int limit,
			   db_result_fn cb, void *arg)
{
	char lim[16];
	const char *params[5];
	int n;

	v = known(v);
	(void)snprintf(lim, sizeof lim, "%d", limit > 0 ? limit : 1);
	params[0] = anchor != NULL ? anchor->key : NULL;
	params[1] = anchor != NULL ? anchor->id : NULL;
	params[2] = lim;
	params[3] = carrier;
	params[4] = view_statuses[v];
	/* Each query names exactly the parameters it reads. */
	n = v == SHIPMENTS_TO_PACK ? 3 : view_statuses[v] != NULL ? 5 : 4;
	return db_session_query(s, page_sql[v][backward][anchor != NULL && anchor->inclusive], n, params,
				DB_Q_READ, cb, arg);
}

/* $1 the text typed   $2 the statuses (merged views) */
#define SEEK(WHERE, SORT) \
	"SELECT s.id, (" SORT ")::text FROM backdesk.shipments s " \
	"WHERE s.tracking_no IN ($1, upper($1)) AND " WHERE " LIMIT 1"

static const char *const seek_sql[SHIPMENTS_VIEW_COUNT] = {
	[SHIPMENTS_TO_PACK] = "SELECT o.id, o.ship_by::text FROM backdesk.orders o "
			      "WHERE o.number IN ($1, upper($1)) AND " TO_PACK_WHERE " LIMIT 1",
	[SHIPMENTS_IN_TRANSIT] = SEEK("s.status = ANY ($2::text[])", "s.shipped_at"),
	[SHIPMENTS_EXCEPTION] = SEEK("s.status = ANY ($2::text[])", "s.shipped_at"),
	[SHIPMENTS_STALE] = SEEK(STALE_WHERE, NEWS),
	[SHIPMENTS_LATE] = SEEK(LATE_WHERE, "s.promised_to"),
	[SHIPMENTS_DELIVERED] = SEEK(DELIVERED_WHERE, DELIVERED_SORT),
	[SHIPMENTS_RETURNED] = SEEK("s.status = ANY ($2::text[])", "s.shipped_at"),
};

unsigned db_shipments_seek(struct db_session *s, enum shipments_view v, const char *text,
			   db_result_fn cb, void *arg)
{
	const char *params[2];

	v = known(v);
	params[0] = text;
	params[1] = view_statuses[v];
	return db_session_query(s, seek_sql[v], view_statuses[v] != NULL ? 2 : 1, params, DB_Q_READ, cb,
				arg);
}

#define STR_(x) #x
#define STR(x) STR_(x)
/* Counting stops at the cap: each count reads at most that many index entries. */
#define CAPPED(FROM_WHERE) "(SELECT count(*) FROM (SELECT 1 FROM " FROM_WHERE " LIMIT " STR(DB_SHIPMENTS_COUNT_CAP) ") x)"
#define BY_STATUS(N) CAPPED("backdesk.shipments s WHERE s.status = ANY ($" #N "::text[])")

unsigned db_shipments_counts(struct db_session *s, db_result_fn cb, void *arg)
{
	const char *params[3] = {
		view_statuses[SHIPMENTS_IN_TRANSIT],
		view_statuses[SHIPMENTS_EXCEPTION],
		view_statuses[SHIPMENTS_RETURNED],
	};

	/* In enum shipments_view's order. */
	return db_session_query(s,
				"SELECT " CAPPED("backdesk.orders o WHERE " TO_PACK_WHERE) ", " BY_STATUS(1) ", "
				BY_STATUS(2) ", " CAPPED("backdesk.shipments s WHERE " STALE_WHERE) ", "
				CAPPED("backdesk.shipments s WHERE " LATE_WHERE) ", "
				CAPPED("backdesk.shipments s WHERE " DELIVERED_WHERE) ", " BY_STATUS(3),
				3, params, DB_Q_READ | DB_Q_BACKGROUND, cb, arg);
}
