#ifndef BACKDESK_DB_RETURN_REQUEST_H
#define BACKDESK_DB_RETURN_REQUEST_H
/* Starting a return (RMA) of some of an order's lines: what can still be returned
 * (api.returnable_lines), the reason codes (backdesk.return_reasons), the request
 * itself (api.request_return) and the new return's id, for opening it.  The parsing
 * and the rules read from the answers need no terminal (tests/unit). */
#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

#include "db/session.h"

/* One order line as api.returnable_lines gives it. */
struct db_returnable {
	int line_no;
	char *sku, *name;
	int qty, returnable;
	char return_until[11], warranty_until[11]; /* YYYY-MM-DD or "" */
	char window[10];                           /* return, warranty, none */
};

struct db_returnables {
	struct db_returnable *lines;
	size_t n;
	char version[16]; /* the order's version with these lines: what request_return checks */
};

/* Rows (version, line_no, sku, name, qty, returnable, return_until, warranty_until,
 * window) of the order `number`, by line. */
unsigned db_returnable_lines(struct db_session *s, const char *number, db_result_fn cb, void *arg);
/* NULL when res is not such an answer; the caller frees with db_returnables_free. */
struct db_returnables *db_returnables_parse(const PGresult *res);
void db_returnables_free(struct db_returnables *r);

/* Why nothing of the order can be returned now: "not_delivered", "window_over",
 * "all_returned"; NULL when some line can be. */
const char *db_returnables_why_not(const struct db_returnables *r);
/* A line that can be returned now (window open, something left). */
bool db_returnable_open(const struct db_returnable *l);

/* Rows (code, label) of the reasons a line can be returned for, in their order. */
unsigned db_return_reasons(struct db_session *s, db_result_fn cb, void *arg);

/* api.request_return; lines_json as the api takes it.  One row: the number. */
unsigned db_return_request(struct db_session *s, const char *number, const char *lines_json,
			   const char *reason, const char *kind, const char *evidence,
			   const char *version, db_result_fn cb, void *arg);
/* One row (id) for the return called `number`, or none. */
unsigned db_return_id(struct db_session *s, const char *number, db_result_fn cb, void *arg);

#endif
