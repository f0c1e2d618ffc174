/* Presence on a ticket: see views/presence.h.  Peers are kept in the order they
 * were first heard, so the names do not jump around while people come and go. */
#include "views/presence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "tui/loop.h"

struct peer {
	char *login, *name;
	enum db_presence_state state;
	long long heard; /* when it was last said */
};

struct presence {
	struct presence_ops ops;
	char *ticket;
	int state; /* an enum db_presence_state, or -1 before anything was said */
	long long said_at, typed_at;
	struct peer *peers;
	size_t npeers, cap;
};

/* Every live tracker, for presence_dispatch. */
static struct presence **trackers;
static size_t ntrackers, trackers_cap;

static long long loop_now(void *arg)
{
	(void)arg;
	return tui_loop_now();
}

static const char *session_self(void *arg)
{
	return db_session_user(arg);
}

static bool session_send(void *arg, const char *ticket, enum db_presence_state state)
{
	return db_presence_send(arg, ticket, state);
}

struct presence *presence_new(struct db_session *db, const char *ticket_number)
{
	const struct presence_ops ops = { loop_now, session_self, session_send, db };

	return presence_new_with(&ops, ticket_number);
}

struct presence *presence_new_with(const struct presence_ops *ops, const char *ticket_number)
{
	struct presence *p = xcalloc(1, sizeof *p);

	p->ops = *ops;
	p->ticket = xstrdup(ticket_number);
	p->state = -1;
	trackers = xgrow(trackers, &trackers_cap, ntrackers + 1, sizeof *trackers);
	trackers[ntrackers++] = p;
	return p;
}

static void peer_remove(struct presence *p, size_t i)
{
	free(p->peers[i].login);
	free(p->peers[i].name);
	memmove(&p->peers[i], &p->peers[i + 1], (p->npeers - i - 1) * sizeof *p->peers);
	p->npeers--;
}

void presence_free(struct presence *p)
{
	size_t j = 0;

	if (p == NULL)
		return;
	presence_left(p);
	for (size_t i = 0; i < ntrackers; i++)
		if (trackers[i] != p)
			trackers[j++] = trackers[i];
	ntrackers = j;
	if (ntrackers == 0) {
		free(trackers);
		trackers = NULL;
		trackers_cap = 0;
	}
	while (p->npeers > 0)
		peer_remove(p, p->npeers - 1);
	free(p->peers);
	free(p->ticket);
	free(p);
}

/* Says state if it is news, or if it was last said long enough ago.  A send that
 * could not go (no connection) counts as said: it is tried again a period later. */
static void say(struct presence *p, enum db_presence_state state, long long now)
{
	if (p->state == (int)state && now - p->said_at < PRESENCE_ANNOUNCE_MS)
		return;
	(void)p->ops.send(p->ops.arg, p->ticket, state);
	p->state = (int)state;
	p->said_at = now;
}

void presence_viewing(struct presence *p)
{
	long long now = p->ops.now_ms(p->ops.arg);

	/* Still typing is more than viewing: a redraw must not hide it. */
	if (p->state == DB_PRESENCE_TYPING && now - p->typed_at < PRESENCE_TYPING_IDLE_MS)
		say(p, DB_PRESENCE_TYPING, now);
	else
		say(p, DB_PRESENCE_VIEWING, now);
}

void presence_typing(struct presence *p)
{
	long long now = p->ops.now_ms(p->ops.arg);

	p->typed_at = now;
	say(p, DB_PRESENCE_TYPING, now);
}

void presence_typing_done(struct presence *p)
{
	if (p->state != DB_PRESENCE_TYPING)
		return;
	p->typed_at = p->ops.now_ms(p->ops.arg) - PRESENCE_TYPING_IDLE_MS;
	say(p, DB_PRESENCE_VIEWING, p->ops.now_ms(p->ops.arg));
}

void presence_left(struct presence *p)
{
	if (p->state < 0 || p->state == DB_PRESENCE_LEFT)
		return;
	(void)p->ops.send(p->ops.arg, p->ticket, DB_PRESENCE_LEFT);
	p->state = DB_PRESENCE_LEFT;
	p->said_at = p->ops.now_ms(p->ops.arg);
}

bool presence_tick(struct presence *p)
{
	long long now = p->ops.now_ms(p->ops.arg);
	bool changed = false;

	if (p->state == DB_PRESENCE_TYPING && now - p->typed_at >= PRESENCE_TYPING_IDLE_MS)
		say(p, DB_PRESENCE_VIEWING, now);
	else if (p->state == DB_PRESENCE_TYPING || p->state == DB_PRESENCE_VIEWING)
		say(p, (enum db_presence_state)p->state, now);
	for (size_t i = p->npeers; i-- > 0;) {
		if (now - p->peers[i].heard >= PRESENCE_EXPIRE_MS) {
			peer_remove(p, i);
			changed = true;
		}
	}
	return changed;
}

static bool heard(struct presence *p, const struct db_presence_msg *m)
{
	const char *self = p->ops.self(p->ops.arg);
	size_t i;
	struct peer *peer;

	if (strcmp(m->ticket, p->ticket) != 0 || (self != NULL && strcmp(m->login, self) == 0))
		return false;
	for (i = 0; i < p->npeers && strcmp(p->peers[i].login, m->login) != 0; i++)
		;
	if (m->state == DB_PRESENCE_LEFT) {
		if (i == p->npeers)
			return false;
		peer_remove(p, i);
		return true;
	}
	if (i == p->npeers) {
		p->peers = xgrow(p->peers, &p->cap, p->npeers + 1, sizeof *p->peers);
		peer = &p->peers[p->npeers++];
		peer->login = xstrdup(m->login);
		peer->name = xstrdup(m->name);
		peer->state = m->state;
		peer->heard = p->ops.now_ms(p->ops.arg);
		/* A newcomer has not heard us yet: say it again at the next tick, not
		 * up to PRESENCE_ANNOUNCE_MS later. */
		p->said_at = peer->heard - PRESENCE_ANNOUNCE_MS;
		return true;
	}
	peer = &p->peers[i];
	peer->heard = p->ops.now_ms(p->ops.arg);
	if (peer->state == m->state && strcmp(peer->name, m->name) == 0)
		return false;
	peer->state = m->state;
	free(peer->name);
	peer->name = xstrdup(m->name);
	return true;
}

bool presence_on_notify(struct presence *p, const char *payload)
{
	struct db_presence_msg m;
	bool changed;

	if (db_presence_parse(payload, &m) != 0)
		return false;
	changed = heard(p, &m);
	db_presence_msg_clear(&m);
	return changed;
}

bool presence_dispatch(const char *channel, const char *payload, bool *changed)
{
	struct db_presence_msg m;

	*changed = false;
	if (strcmp(channel, DB_PRESENCE_CHANNEL) != 0)
		return false;
	if (db_presence_parse(payload, &m) != 0)
		return true;
	for (size_t i = 0; i < ntrackers; i++)
		*changed = heard(trackers[i], &m) || *changed;
	db_presence_msg_clear(&m);
	return true;
}

/* One sentence for the peers in `state`; nothing when there are none. */
static void describe_group(const struct presence *p, enum db_presence_state state,
			   struct strbuf *sb)
{
	const char *first = NULL, *second = NULL;
	int n = 0;

	for (size_t i = 0; i < p->npeers; i++) {
		if (p->peers[i].state != state)
			continue;
		if (n == 0)
			first = p->peers[i].name;
		else if (n == 1)
			second = p->peers[i].name;
		n++;
	}
	if (n == 0)
		return;
	if (sb->len > 0)
		sb_puts(sb, _(", "));
	if (state == DB_PRESENCE_TYPING) {
		if (n == 1)
			sb_printf(sb, _("%s is typing"), first);
		else if (n == 2)
			sb_printf(sb, _("%s and %s are typing"), first, second);
		else
			sb_printf(sb, ngettext("%d person is typing", "%d people are typing",
					       (unsigned long)n), n);
	} else {
		if (n == 1)
			sb_printf(sb, _("%s is viewing"), first);
		else if (n == 2)
			sb_printf(sb, _("%s and %s are viewing"), first, second);
		else
			sb_printf(sb, ngettext("%d person is viewing", "%d people are viewing",
					       (unsigned long)n), n);
	}
}

size_t presence_describe(const struct presence *p, char *buf, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len;

	describe_group(p, DB_PRESENCE_TYPING, &sb);
	describe_group(p, DB_PRESENCE_VIEWING, &sb);
	len = sb_copy_utf8(&sb, buf, n);
	sb_free(&sb);
	return len;
}
