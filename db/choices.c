#include "db/choices.h"

#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "db/connect.h"

struct db_list {
	char *name;
	char **codes; /* NULL-terminated */
	size_t n;
};

struct db_choices {
	struct db_list *lists;
	size_t n;
};

unsigned db_choices_load(struct db_session *s, db_result_fn cb, void *arg)
{
	return db_session_query(s,
				"SELECT list, code FROM backdesk.choices WHERE active "
				"ORDER BY list, position, code",
				0, NULL, DB_Q_READ | DB_Q_BACKGROUND, cb, arg);
}

struct db_choices *db_choices_read_all(PGconn *c, char **err)
{
	PGresult *r = db_exec(c, "SELECT list, code FROM backdesk.choices ORDER BY list, position, code",
			      0, NULL, PGRES_TUPLES_OK, err);
	struct db_choices *lists;

	if (r == NULL)
		return NULL;
	lists = db_choices_parse(r);
	PQclear(r);
	return lists;
}

static struct db_list *find(const struct db_choices *c, const char *list)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->lists[i].name, list) == 0)
			return &c->lists[i];
	return NULL;
}

struct db_choices *db_choices_parse(const PGresult *res)
{
	struct db_choices *c = xcalloc(1, sizeof *c);
	int rows = PQntuples(res);

	/* At most one list per row: enough room without growing. */
	c->lists = xcalloc((size_t)rows + 1, sizeof *c->lists);
	for (int r = 0; r < rows; r++) {
		const char *name = PQgetvalue(res, r, 0);
		struct db_list *l = find(c, name);

		if (l == NULL) {
			l = &c->lists[c->n++];
			l->name = xstrdup(name);
			l->codes = xcalloc((size_t)rows + 1, sizeof *l->codes);
		}
		l->codes[l->n++] = xstrdup(PQgetvalue(res, r, 1));
	}
	return c;
}

const char *const *db_choices_get(const struct db_choices *c, const char *list)
{
	const struct db_list *l = c != NULL ? find(c, list) : NULL;

	return l != NULL ? (const char *const *)l->codes : NULL;
}

void db_choices_free(struct db_choices *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++) {
		for (size_t k = 0; k < c->lists[i].n; k++)
			free(c->lists[i].codes[k]);
		free(c->lists[i].codes);
		free(c->lists[i].name);
	}
	free(c->lists);
	free(c);
}
