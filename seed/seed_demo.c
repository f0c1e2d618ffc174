#include "seed/seed_demo.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "db/connect.h"
#include "db/staff.h"
#include "seed/gen_story.h"

static const struct {
	const char *login, *name, *role;
} demo_staff[] = {
	{ "ayse", "Ayşe Yılmaz", "agent" },       { "can", "Can Arslan", "agent" },
	{ "eszter", "Szabó Eszter", "agent" },    { "mehmet", "Mehmet Demir", "warehouse" },
	{ "zsofia", "Zsófia Nagy", "supervisor" }, { "admin", "Deniz Kaya", "admin" },
};

/* A text[] literal of constants that need no quoting. */
static char *array_literal(const char *const *items)
{
	struct strbuf sb = STRBUF_INIT;

	sb_putc(&sb, '{');
	for (size_t i = 0; items[i] != NULL; i++) {
		if (i > 0)
			sb_putc(&sb, ',');
		sb_puts(&sb, items[i]);
	}
	sb_putc(&sb, '}');
	return sb_take(&sb);
}

int seed_demo_loaded(PGconn *c, char **what, char **err)
{
	char *numbers = array_literal(story_numbers), *emails = array_literal(story_emails);
	const char *params[2] = { numbers, emails };
	PGresult *r;
	int rc;

	r = db_exec(c,
		    "SELECT 'order ' || number FROM backdesk.orders WHERE number = ANY ($1::text[]) "
		    "UNION ALL "
		    "SELECT 'customer ' || email FROM backdesk.customers "
		    "WHERE lower(email) COLLATE \"C\" = ANY ($2::text[]) LIMIT 1",
		    2, params, PGRES_TUPLES_OK, err);
	free(numbers);
	free(emails);
	if (r == NULL)
		return -1;
	rc = PQntuples(r) > 0;
	if (rc)
		*what = xstrdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	return rc;
}

/* 1 when the query with one parameter returns a row, 0 when not, -1 on error. */
static int exists(PGconn *c, const char *sql, const char *param, char **err)
{
	PGresult *r = db_exec(c, sql, 1, &param, PGRES_TUPLES_OK, err);
	int rc;

	if (r == NULL)
		return -1;
	rc = PQntuples(r) > 0;
	PQclear(r);
	return rc;
}

/* A login through api.staff_add: 0 when made, 1 when a role of that name appeared
 * since we looked (roles belong to the whole server: a demo loading into another
 * database at the same time makes the same ones), -1 on any other error. */
static int add_login(PGconn *c, const char *login, const char *name, const char *role, char **err)
{
	char *e = NULL;

	if (db_command(c, "SAVEPOINT backdesk_staff", err) < 0)
		return -1;
	if (db_staff_add(c, login, name, role, NULL, &e) >= 0)
		return db_command(c, "RELEASE SAVEPOINT backdesk_staff", err);
	if (db_command(c, "ROLLBACK TO SAVEPOINT backdesk_staff", err) < 0) {
		free(e);
		return -1;
	}
	if (exists(c, "SELECT FROM pg_roles WHERE rolname = $1", login, err) == 1) {
		free(e);
		return 1;
	}
	*err = e;
	return -1;
}

int seed_demo_staff(PGconn *c, seed_note_fn note, void *arg, char **err)
{
	for (size_t i = 0; i < sizeof demo_staff / sizeof demo_staff[0]; i++) {
		const char *params[3] = { demo_staff[i].login, demo_staff[i].name, demo_staff[i].role };
		PGresult *r;
		int rc;
		char *msg;

		rc = exists(c, "SELECT FROM backdesk.staff WHERE login = $1", params[0], err);
		if (rc != 0) {
			if (rc < 0)
				return -1;
			continue;
		}
		rc = exists(c, "SELECT FROM pg_roles WHERE rolname = $1", params[0], err);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			rc = add_login(c, params[0], params[1], params[2], err);
			if (rc < 0)
				return -1;
			if (rc == 0)
				continue;
			/* Another database's demo made the role meanwhile. */
		}
		r = db_exec(c, "INSERT INTO backdesk.staff (login, full_name, role) VALUES ($1, $2, $3)", 3,
			    params, PGRES_COMMAND_OK, err);
		if (r == NULL)
			return -1;
		PQclear(r);
		msg = xasprintf(_("login %s already exists on this server: added its staff row (%s, %s) "
				  "and left its group membership as it is"),
				params[0], params[1], params[2]);
		if (note != NULL)
			note(msg, arg);
		free(msg);
	}
	return 0;
}
