#include "db/presence.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "common/xalloc.h"

static const char *const words[] = {
	[DB_PRESENCE_VIEWING] = "viewing",
	[DB_PRESENCE_TYPING] = "typing",
	[DB_PRESENCE_LEFT] = "left",
};

const char *db_presence_state_word(enum db_presence_state state)
{
	return words[state];
}

bool db_presence_send(struct db_session *s, const char *ticket, enum db_presence_state state)
{
	const char *params[] = { ticket, words[state] };

	if (s == NULL || db_session_state(s) != DB_READY)
		return false;
	/* No callback: the tracker may be gone before the answer, and there is
	 * nothing to do with one. */
	(void)db_session_query(s, "SELECT api.ticket_presence($1, $2)", 2, params,
			       DB_Q_BACKGROUND, NULL, NULL);
	return true;
}

static const char *text(json_t *doc, const char *key)
{
	const char *v = json_string_value(json_object_get(doc, key));

	return v != NULL && *v != '\0' ? v : NULL;
}

int db_presence_parse(const char *payload, struct db_presence_msg *m)
{
	json_t *doc;
	const char *ticket, *login, *name, *state;
	int st = -1;

	memset(m, 0, sizeof *m);
	if (payload == NULL)
		return -1;
	doc = json_loads(payload, JSON_REJECT_DUPLICATES, NULL);
	if (doc == NULL)
		return -1;
	ticket = text(doc, "ticket");
	login = text(doc, "login");
	name = text(doc, "name");
	state = text(doc, "state");
	for (int i = 0; state != NULL && i < (int)(sizeof words / sizeof *words); i++)
		if (strcmp(state, words[i]) == 0)
			st = i;
	if (ticket == NULL || login == NULL || st < 0) {
		json_decref(doc);
		return -1;
	}
	m->ticket = xstrdup(ticket);
	m->login = xstrdup(login);
	m->name = xstrdup(name != NULL ? name : login);
	m->state = (enum db_presence_state)st;
	json_decref(doc);
	return 0;
}

void db_presence_msg_clear(struct db_presence_msg *m)
{
	free(m->ticket);
	free(m->login);
	free(m->name);
	memset(m, 0, sizeof *m);
}
