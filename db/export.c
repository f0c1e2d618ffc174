#include "db/export.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "common/csv.h"
#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/connect.h"

/* The function is called in a select list: its last SELECT then runs a row per
 * call instead of being collected on the server first (0044). */
static const char *const export_sql[EXPORT_KINDS] = {
	[EXPORT_TICKETS] = "SELECT (e).* FROM (SELECT api.export_tickets($1::date, $2::date) AS e OFFSET 0) s",
	[EXPORT_ORDERS] = "SELECT (e).* FROM (SELECT api.export_orders($1::date, $2::date) AS e OFFSET 0) s",
	[EXPORT_RETURNS] = "SELECT (e).* FROM (SELECT api.export_returns($1::date, $2::date) AS e OFFSET 0) s",
	[EXPORT_REFUNDS] = "SELECT (e).* FROM (SELECT api.export_refunds($1::date, $2::date) AS e OFFSET 0) s",
	[EXPORT_SHIPMENTS] = "SELECT (e).* FROM (SELECT api.export_shipments($1::date, $2::date) AS e OFFSET 0) s",
};

static const char *const kind_names[EXPORT_KINDS] = {
	[EXPORT_TICKETS] = "tickets", [EXPORT_ORDERS] = "orders",       [EXPORT_RETURNS] = "returns",
	[EXPORT_REFUNDS] = "refunds", [EXPORT_SHIPMENTS] = "shipments",
};

/* Column types written without the formula guard (common/csv.h): numbers, days,
 * booleans.  OIDs from pg_type.h, stable across PostgreSQL versions. */
static bool not_text(Oid t)
{
	switch (t) {
	case 16:   /* bool */
	case 20:   /* int8 */
	case 21:   /* int2 */
	case 23:   /* int4 */
	case 700:  /* float4 */
	case 701:  /* float8 */
	case 1082: /* date */
	case 1700: /* numeric */
		return true;
	default:
		return false;
	}
}

enum { PROGRESS_EVERY = 1000 };

const char *export_kind_name(enum export_kind k)
{
	return (unsigned)k < EXPORT_KINDS ? kind_names[k] : "?";
}

int export_kind_parse(const char *s, enum export_kind *out)
{
	for (int k = 0; k < EXPORT_KINDS; k++) {
		if (s != NULL && strcmp(s, kind_names[k]) == 0) {
			*out = (enum export_kind)k;
			return 0;
		}
	}
	return -1;
}

bool export_day_ok(const char *s)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

static char *write_error(void)
{
	return xasprintf(_("writing the file failed: %s"), strerror(errno));
}

static int write_header(FILE *out, const PGresult *r)
{
	int n = PQnfields(r);

	for (int i = 0; i < n; i++)
		if (csv_field(out, PQfname(r, i), i == 0, 0) < 0)
			return -1;
	return csv_end_row(out);
}

static int write_row(FILE *out, const PGresult *r)
{
	int n = PQnfields(r);

	for (int i = 0; i < n; i++) {
		const char *v = PQgetisnull(r, 0, i) ? NULL : PQgetvalue(r, 0, i);

		if (csv_field(out, v, i == 0, not_text(PQftype(r, i)) ? 0 : CSV_TEXT) < 0)
			return -1;
	}
	return csv_end_row(out);
}

/* Asks the server to stop, then reads what is left so the connection is idle. */
static void cancel_and_drain(PGconn *c)
{
	PGcancel *pc = PQgetCancel(c);
	PGresult *r;
	char buf[256];

	if (pc != NULL) {
		(void)PQcancel(pc, buf, (int)sizeof buf);
		PQfreeCancel(pc);
	}
	while ((r = PQgetResult(c)) != NULL)
		PQclear(r);
}

static bool cancelled(const struct export_job *job)
{
	return job->cancel != NULL && *job->cancel;
}

/* The next result, waiting in poll() rather than in libpq, so that a cancel is
 * seen while the server is still working on a row.  NULL at the end, or with
 * *stop set when the cancel flag was seen. */
static PGresult *next_result(const struct export_job *job, bool *stop)
{
	PGconn *c = job->conn;

	while (PQisBusy(c)) {
		struct pollfd fds[2] = { { PQsocket(c), POLLIN, 0 }, { job->wake_fd, POLLIN, 0 } };
		int n;

		if (cancelled(job)) {
			*stop = true;
			return NULL;
		}
		if (fds[0].fd < 0)
			break;
		n = poll(fds, job->wake_fd >= 0 ? 2 : 1, -1);
		if (n < 0 && errno != EINTR)
			break;
		/* A broken connection: PQgetResult says so. */
		if (n > 0 && fds[0].revents != 0 && !PQconsumeInput(c))
			break;
	}
	return PQgetResult(c);
}

enum export_result db_export_run(const struct export_job *job, long long *rows, char **err)
{
	const char *params[2] = { job->since, job->until };
	enum export_result res = EXPORT_DONE;
	bool header = false, stopped = false, stop = false;
	PGresult *r;

	*rows = 0;
	*err = NULL;
	if ((unsigned)job->kind >= EXPORT_KINDS) {
		*err = xstrdup(_("no such export"));
		return EXPORT_FAILED;
	}
	if (!PQsendQueryParams(job->conn, export_sql[job->kind], 2, NULL, params, NULL, NULL, 0) ||
	    !PQsetSingleRowMode(job->conn)) {
		*err = xstrdup(PQerrorMessage(job->conn));
		while ((r = PQgetResult(job->conn)) != NULL)
			PQclear(r);
		return EXPORT_FAILED;
	}
	while ((r = next_result(job, &stop)) != NULL || stop) {
		ExecStatusType st;

		if (stop || (!stopped && cancelled(job))) {
			PQclear(r);
			cancel_and_drain(job->conn);
			return EXPORT_CANCELLED;
		}
		st = PQresultStatus(r);
		if (stopped) {
			PQclear(r);
			continue;
		}
		if (st == PGRES_SINGLE_TUPLE || st == PGRES_TUPLES_OK) {
			/* The header comes from the first result, which for no rows at
			 * all is the final TUPLES_OK with the columns and no row. */
			if (!header) {
				header = true;
				if (write_header(job->out, r) < 0) {
					*err = write_error();
					res = EXPORT_FAILED;
				}
			}
			if (res == EXPORT_DONE && st == PGRES_SINGLE_TUPLE) {
				if (write_row(job->out, r) < 0) {
					*err = write_error();
					res = EXPORT_FAILED;
				} else if (++*rows % PROGRESS_EVERY == 0 && job->progress != NULL) {
					job->progress(job->arg, *rows);
				}
			}
			if (res != EXPORT_DONE) {
				PQclear(r);
				cancel_and_drain(job->conn);
				return res;
			}
		} else {
			if (cancelled(job))
				res = EXPORT_CANCELLED;
			else {
				*err = db_result_message(r);
				res = EXPORT_FAILED;
			}
			stopped = true;
		}
		PQclear(r);
	}
	if (res == EXPORT_DONE && !header) {
		*err = xstrdup(PQerrorMessage(job->conn));
		res = EXPORT_FAILED;
	}
	if (res == EXPORT_DONE && fflush(job->out) != 0) {
		*err = write_error();
		res = EXPORT_FAILED;
	}
	if (res == EXPORT_DONE && job->progress != NULL)
		job->progress(job->arg, *rows);
	return res;
}

PGconn *db_export_connect(const char *const *keys, const char *const *vals, char **err)
{
	const char *k[32], *v[32];
	int n = 0;
	PGconn *c;

	for (; keys[n] != NULL && n < 30; n++) {
		k[n] = keys[n];
		v[n] = vals[n];
	}
	/* A server that does not answer is said, not waited for. */
	k[n] = "connect_timeout";
	v[n++] = "10";
	k[n] = NULL;
	v[n] = NULL;
	c = PQconnectdbParams(k, v, 1);
	if (c == NULL) {
		*err = xstrdup(_("cannot connect to the database: out of memory"));
		return NULL;
	}
	if (PQstatus(c) != CONNECTION_OK) {
		const char *m = PQerrorMessage(c);
		size_t len = strlen(m);

		while (len > 0 && (m[len - 1] == '\n' || m[len - 1] == ' '))
			len--;
		*err = xasprintf(_("cannot connect to the database: %.*s"), (int)len, m);
		PQfinish(c);
		return NULL;
	}
	return c;
}
