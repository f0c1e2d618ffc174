#include "db/connect.h"

#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "db/refusal.h"

PGconn *db_connect(const struct db_target *t, char **err)
{
	const char *keys[4];
	const char *vals[4];
	int n = 0;
	PGconn *c;

	/* dbname is expanded as a connection string when it holds one; anything not
	 * given falls back to PGHOST, PGDATABASE, PGSERVICE and ~/.pgpass as usual. */
	if (t != NULL && t->service != NULL) {
		keys[n] = "service";
		vals[n++] = t->service;
	}
	if (t != NULL && t->dsn != NULL) {
		keys[n] = "dbname";
		vals[n++] = t->dsn;
	}
	keys[n] = "application_name";
	vals[n++] = "backdesk";
	keys[n] = NULL;
	vals[n] = NULL;

	c = PQconnectdbParams(keys, vals, 1);
	if (c == NULL) {
		*err = xstrdup(_("cannot connect to the database: out of memory"));
		return NULL;
	}
	if (PQstatus(c) != CONNECTION_OK) {
		const char *m = PQerrorMessage(c);
		size_t len = strlen(m);

		while (len > 0 && (m[len - 1] == '\n' || m[len - 1] == ' '))
			len--;
		*err = xasprintf(_("cannot connect to the database: %.*s\n"
				   "Set [database] dsn in the config file, or PGHOST/PGDATABASE/PGUSER "
				   "(for the private demo cluster: eval \"$(db/devdb env)\")."),
				 (int)len, m);
		PQfinish(c);
		return NULL;
	}
	return c;
}

static void add_trimmed(struct strbuf *sb, const char *s)
{
	size_t len = strlen(s);

	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == ' '))
		len--;
	sb_add(sb, s, len);
}

char *db_result_message(const PGresult *res)
{
	struct strbuf sb = STRBUF_INIT;
	char *m, *d, *h;

	if (res == NULL)
		return xstrdup(_("no answer from the database (connection lost?)"));
	m = db_error_text(res, PG_DIAG_MESSAGE_PRIMARY);
	d = db_error_text(res, PG_DIAG_MESSAGE_DETAIL);
	h = db_error_text(res, PG_DIAG_MESSAGE_HINT);
	if (m == NULL)
		add_trimmed(&sb, PQresultErrorMessage(res));
	else
		sb_puts(&sb, m);
	if (d != NULL) {
		sb_puts(&sb, " (");
		sb_puts(&sb, d);
		sb_puts(&sb, ")");
	}
	if (h != NULL) {
		sb_puts(&sb, ". ");
		sb_puts(&sb, h);
	}
	free(m);
	free(d);
	free(h);
	return sb_take(&sb);
}

const char *db_sqlstate(const PGresult *res)
{
	const char *s = res != NULL ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

	return s != NULL ? s : "";
}

PGresult *db_exec(PGconn *c, const char *sql, int nparams, const char *const *params,
		  ExecStatusType want, char **err)
{
	PGresult *res = PQexecParams(c, sql, nparams, NULL, params, NULL, NULL, 0);

	if (res == NULL || PQresultStatus(res) != want) {
		*err = res != NULL ? db_result_message(res) : xstrdup(PQerrorMessage(c));
		PQclear(res);
		return NULL;
	}
	return res;
}

int db_command(PGconn *c, const char *sql, char **err)
{
	PGresult *r = db_exec(c, sql, 0, NULL, PGRES_COMMAND_OK, err);

	if (r == NULL)
		return -1;
	PQclear(r);
	return 0;
}

int db_bool(PGconn *c, const char *sql, char **err)
{
	PGresult *r = db_exec(c, sql, 0, NULL, PGRES_TUPLES_OK, err);
	int v;

	if (r == NULL)
		return -1;
	v = PQntuples(r) == 1 && PQgetvalue(r, 0, 0)[0] == 't';
	PQclear(r);
	return v;
}
