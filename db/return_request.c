#include "db/return_request.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"

#define Q(sql, flags, ...) \
	db_session_query(s, (sql), (int)(sizeof((const char *[]){ __VA_ARGS__ }) / sizeof(const char *)), \
			 (const char *[]){ __VA_ARGS__ }, (flags), cb, arg)

unsigned db_returnable_lines(struct db_session *s, const char *number, db_result_fn cb, void *arg)
{
	/* The version comes with the lines: the agent decides on these, so these are
	 * what a colleague's change is checked against. */
	return Q("SELECT (SELECT o.version FROM backdesk.orders o WHERE o.number = btrim($1)), "
		 "r.line_no, r.sku, r.name, r.qty, r.returnable, r.return_until, r.warranty_until, r.window "
		 "FROM api.returnable_lines($1) r ORDER BY r.line_no",
		 DB_Q_READ, number);
}

static void copy(char *dst, size_t size, const PGresult *res, int row, int col)
{
	(void)snprintf(dst, size, "%s", PQgetisnull(res, row, col) ? "" : PQgetvalue(res, row, col));
}

struct db_returnables *db_returnables_parse(const PGresult *res)
{
	struct db_returnables *r;
	int n;

	if (res == NULL || PQresultStatus(res) != PGRES_TUPLES_OK || PQnfields(res) != 9)
		return NULL;
	n = PQntuples(res);
	r = xcalloc(1, sizeof *r);
	r->lines = xcalloc(n > 0 ? (size_t)n : 1, sizeof *r->lines);
	r->n = (size_t)n;
	if (n > 0)
		copy(r->version, sizeof r->version, res, 0, 0);
	for (int i = 0; i < n; i++) {
		struct db_returnable *l = &r->lines[i];

		l->line_no = atoi(PQgetvalue(res, i, 1));
		l->sku = xstrdup(PQgetvalue(res, i, 2));
		l->name = xstrdup(PQgetvalue(res, i, 3));
		l->qty = atoi(PQgetvalue(res, i, 4));
		l->returnable = atoi(PQgetvalue(res, i, 5));
		copy(l->return_until, sizeof l->return_until, res, i, 6);
		copy(l->warranty_until, sizeof l->warranty_until, res, i, 7);
		copy(l->window, sizeof l->window, res, i, 8);
	}
	return r;
}

void db_returnables_free(struct db_returnables *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->lines[i].sku);
		free(r->lines[i].name);
	}
	free(r->lines);
	free(r);
}

bool db_returnable_open(const struct db_returnable *l)
{
	return l->returnable > 0 && l->window[0] != '\0' && strcmp(l->window, "none") != 0;
}

const char *db_returnables_why_not(const struct db_returnables *r)
{
	bool delivered = false, in_window = false;

	for (size_t i = 0; r != NULL && i < r->n; i++) {
		const struct db_returnable *l = &r->lines[i];

		if (db_returnable_open(l))
			return NULL;
		/* Only a delivered order has a day its window ends. */
		if (l->return_until[0] != '\0')
			delivered = true;
		if (strcmp(l->window, "none") != 0)
			in_window = true;
	}
	if (!delivered)
		return "not_delivered";
	return in_window ? "all_returned" : "window_over";
}

unsigned db_return_reasons(struct db_session *s, db_result_fn cb, void *arg)
{
	return db_session_query(s, "SELECT code, label FROM backdesk.return_reasons ORDER BY sort, code", 0,
				NULL, DB_Q_READ, cb, arg);
}

unsigned db_return_request(struct db_session *s, const char *number, const char *lines_json,
			   const char *reason, const char *kind, const char *evidence,
			   const char *version, db_result_fn cb, void *arg)
{
	return Q("SELECT api.request_return($1, $2::jsonb, $3, $4, $5, $6::int)", 0, number, lines_json,
		 reason, kind, evidence, version);
}

unsigned db_return_id(struct db_session *s, const char *number, db_result_fn cb, void *arg)
{
	return Q("SELECT id FROM backdesk.returns WHERE number = $1", DB_Q_READ, number);
}
