#include "db/lookup.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"

/* Only api.find on the way to the screen, as an agent would type it in psql:
 * where each hit leads (api.find_targets) costs as much again on the server
 * and is asked once the hits are shown (db_lookup_targets).  The hits come in
 * api.find's order (WITH ORDINALITY: a function's rows have no order of their
 * own) and are grouped here (db_lookup_arrange): a window and a sort of twenty
 * rows in the statement cost the server 50-100 us a call, which is a fifth of
 * an order number's whole lookup. */
static const char find_sql[] =
	"SELECT f.kind, f.id::text, f.label, f.detail, f.how, f.rank "
	"FROM api.find($1, $2::int) WITH ORDINALITY f "
	"ORDER BY f.ordinality";

/* Kinds in a fixed order break ties between groups; a kind not listed goes last. */
static int kind_order(const char *kind)
{
	static const char *const kinds[] = { "customer", "order", "shipment", "ticket", "return" };

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kind, kinds[i]) == 0)
			return (int)i;
	return (int)(sizeof kinds / sizeof kinds[0]);
}

struct hit_place {
	int row;       /* in api.find's order: the last tie-breaker */
	int kind;
	double rank, best; /* the hit's, its group's best */
};

static int hit_cmp(const void *a, const void *b)
{
	const struct hit_place *x = a, *y = b;

	if (x->best > y->best || x->best < y->best)
		return x->best > y->best ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->rank > y->rank || x->rank < y->rank)
		return x->rank > y->rank ? -1 : 1;
	return (x->row > y->row) - (x->row < y->row);
}

PGresult *db_lookup_arrange(const PGresult *res)
{
	int n = PQntuples(res), ncols = PQnfields(res);
	struct hit_place *p;
	PGresult *out;
	bool moved = false;

	if (n < 2 || ncols < LOOKUP_NCOLS)
		return NULL;
	p = xcalloc((size_t)n, sizeof *p);
	for (int i = 0; i < n; i++) {
		p[i].row = i;
		p[i].kind = kind_order(PQgetvalue(res, i, LOOKUP_COL_KIND));
		p[i].rank = strtod(PQgetvalue(res, i, LOOKUP_COL_RANK), NULL);
	}
	for (int i = 0; i < n; i++) {
		p[i].best = p[i].rank;
		for (int j = 0; j < n; j++)
			if (p[j].rank > p[i].best &&
			    strcmp(PQgetvalue(res, i, LOOKUP_COL_KIND), PQgetvalue(res, j, LOOKUP_COL_KIND)) == 0)
				p[i].best = p[j].rank;
	}
	qsort(p, (size_t)n, sizeof *p, hit_cmp);
	for (int i = 0; i < n && !moved; i++)
		moved = p[i].row != i;
	out = moved ? PQcopyResult(res, PG_COPYRES_ATTRS) : NULL;
	for (int i = 0; out != NULL && i < n; i++)
		for (int c = 0; c < ncols; c++) {
			int r = p[i].row;
			/* PQsetvalue copies; -1 is NULL. */
			int len = PQgetisnull(res, r, c) ? -1 : PQgetlength(res, r, c);

			if (PQsetvalue(out, i, c, PQgetvalue(res, r, c), len) != 1) {
				PQclear(out);
				out = NULL;
			}
		}
	free(p);
	return out;
}

unsigned db_lookup_find(struct db_session *s, const char *text, int limit, db_result_fn cb,
			void *arg)
{
	char lim[16];
	const char *params[2] = { text, lim };

	(void)snprintf(lim, sizeof lim, "%d", limit > 0 ? limit : DB_LOOKUP_LIMIT);
	return db_session_query(s, find_sql, 2, params, DB_Q_READ, cb, arg);
}

/* Kinds are api.find's words and ids its numbers: neither holds a comma. */
unsigned db_lookup_targets(struct db_session *s, const char *kinds, const char *ids,
			   db_result_fn cb, void *arg)
{
	const char *params[2] = { kinds, ids };

	return db_session_query(s,
				"SELECT t.kind, t.id::text, t.order_id::text, t.order_number, "
				"t.customer_id::text, t.customer_name "
				"FROM api.find_targets(string_to_array($1, ','), "
				"string_to_array($2, ',')::bigint[]) t",
				2, params, DB_Q_READ, cb, arg);
}

unsigned db_lookup_order(struct db_session *s, const char *number, db_result_fn cb, void *arg)
{
	const char *params[1] = { number };

	return db_session_query(s,
				"SELECT id::text, number FROM backdesk.orders "
				"WHERE number IN ($1, upper($1)) LIMIT 1",
				1, params, DB_Q_READ, cb, arg);
}
