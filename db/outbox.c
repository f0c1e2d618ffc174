#include "db/outbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "db/connect.h"

static const char claim_sql[] =
	"SELECT id, kind, recipient, subject, body, lang, vars::text, message_id, "
	"array_to_json(refs)::text, attempts, claim::text "
	"FROM api.outbox_claim($1::integer, $2::integer)";

static char *opt(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? NULL : xstrdup(PQgetvalue(r, row, col));
}

int db_outbox_may_send(PGconn *c, char **err)
{
	return db_bool(c,
		       "SELECT pg_has_role(session_user, 'backdesk_admin', 'MEMBER') "
		       "OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)",
		       err);
}

int db_outbox_claim(PGconn *c, int limit, int lease_seconds, struct db_outbox_msg **out, char **err)
{
	char a[16], b[16];
	const char *params[2] = { a, b };
	PGresult *r;
	int n, i;

	*out = NULL;
	(void)snprintf(a, sizeof a, "%d", limit);
	(void)snprintf(b, sizeof b, "%d", lease_seconds);
	r = db_exec(c, claim_sql, 2, params, PGRES_TUPLES_OK, err);
	if (r == NULL)
		return -1;
	n = PQntuples(r);
	if (n > 0)
		*out = xcalloc((size_t)n, sizeof **out);
	for (i = 0; i < n; i++) {
		struct db_outbox_msg *m = &(*out)[i];

		m->id = atoll(PQgetvalue(r, i, 0));
		m->kind = opt(r, i, 1);
		m->recipient = opt(r, i, 2);
		m->subject = opt(r, i, 3);
		m->body = opt(r, i, 4);
		m->lang = opt(r, i, 5);
		m->vars = opt(r, i, 6);
		m->message_id = opt(r, i, 7);
		m->refs = opt(r, i, 8);
		m->attempts = atoi(PQgetvalue(r, i, 9));
		m->claim = opt(r, i, 10);
	}
	PQclear(r);
	return n;
}

void db_outbox_free(struct db_outbox_msg *m, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(m[i].kind);
		free(m[i].recipient);
		free(m[i].subject);
		free(m[i].body);
		free(m[i].lang);
		free(m[i].vars);
		free(m[i].message_id);
		free(m[i].refs);
		free(m[i].claim);
	}
	free(m);
}

int db_outbox_mark_sent(PGconn *c, const struct db_outbox_msg *m, char **err)
{
	char id[24];
	const char *params[2] = { id, m->claim };
	PGresult *r;

	(void)snprintf(id, sizeof id, "%lld", m->id);
	r = db_exec(c, "SELECT api.outbox_mark_sent($1::bigint, $2::uuid)", 2, params, PGRES_TUPLES_OK, err);
	if (r == NULL)
		return -1;
	PQclear(r);
	return 0;
}

int db_outbox_mark_failed(PGconn *c, const struct db_outbox_msg *m, const char *why,
			  enum db_outbox_failure how, int max_attempts, char **err)
{
	char id[24], max[16];
	const char *params[6] = { id, m->claim, why, how == DB_OUTBOX_PERMANENT ? "true" : "false", max,
				  how == DB_OUTBOX_SERVER_DOWN ? "true" : "false" };
	PGresult *r;
	int parked;

	(void)snprintf(id, sizeof id, "%lld", m->id);
	(void)snprintf(max, sizeof max, "%d", max_attempts);
	r = db_exec(c, "SELECT api.outbox_mark_failed($1::bigint, $2::uuid, $3, $4::boolean, $5::integer, $6::boolean)", 6,
		    params, PGRES_TUPLES_OK, err);
	if (r == NULL)
		return -1;
	parked = strcmp(PQgetvalue(r, 0, 0), "failed") == 0;
	PQclear(r);
	return parked;
}
