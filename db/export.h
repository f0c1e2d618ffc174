#ifndef BACKDESK_DB_EXPORT_H
#define BACKDESK_DB_EXPORT_H
/* One export (api.export_tickets and its kin) streamed as CSV into a FILE: rows
 * come in single-row mode, so memory stays the same for ten rows or ten million.
 * Blocking: for `backdesk export` and for the console's export thread, each with
 * a connection of its own. */
#include <libpq-fe.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

enum export_kind { EXPORT_TICKETS, EXPORT_ORDERS, EXPORT_RETURNS, EXPORT_REFUNDS, EXPORT_SHIPMENTS, EXPORT_KINDS };

/* "tickets", "orders", ... */
const char *export_kind_name(enum export_kind k);
/* 0 and *out, or -1 for a word that names no list. */
int export_kind_parse(const char *s, enum export_kind *out);

/* Whether s is a day as the exports take it: YYYY-MM-DD, a real date. */
bool export_day_ok(const char *s);

/* Told the rows written so far, every few thousand rows and at the end. */
typedef void (*export_progress_fn)(void *arg, long long rows);

struct export_job {
	PGconn *conn;
	enum export_kind kind;
	const char *since, *until; /* YYYY-MM-DD, or NULL for open-ended */
	FILE *out;
	export_progress_fn progress; /* may be NULL */
	void *arg;
	/* Set (from another thread or a signal handler) to stop: seen between rows
	 * and while waiting for one (a signal interrupts the wait; another thread
	 * writes a byte to wake_fd), then the query is cancelled on the server. */
	volatile sig_atomic_t *cancel;
	int wake_fd; /* -1: none */
};

enum export_result { EXPORT_DONE = 0, EXPORT_FAILED = -1, EXPORT_CANCELLED = 1 };

/* Runs the export: a header row with the column names, then every row.  *rows is
 * the rows written (not counting the header).  EXPORT_FAILED sets *err (caller
 * frees): the server's refusal, a broken connection, or a write error. */
enum export_result db_export_run(const struct export_job *job, long long *rows, char **err);

/* A blocking connection of the export's own from keys/vals as for
 * PQconnectdbParams (the console's, db_session_conn_params), with a connect
 * time-out; NULL with *err (caller frees). */
PGconn *db_export_connect(const char *const *keys, const char *const *vals, char **err);

#endif
