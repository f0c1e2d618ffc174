/* The "changed while you were typing" state machine: see views/ticket_watch.h. */
#include "views/ticket_watch.h"

#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/strbuf.h"
#include "common/xalloc.h"

/* What the banner names: the newest message wins over a change of fields. */
enum what { WHAT_NONE, WHAT_FIELDS, WHAT_CUSTOMER, WHAT_REPLY, WHAT_NOTE, WHAT_CALL, WHAT_MESSAGE };

struct ticket_watch {
	char *ticket;
	enum ticket_watch_state state;
	int version;              /* last seen */
	long long newest;         /* the newest message id seen */
	enum what what;
	char *who;                /* for the banner; NULL: someone */
};

struct ticket_watch *ticket_watch_new(const char *ticket_number)
{
	struct ticket_watch *w = xcalloc(1, sizeof *w);

	w->ticket = xstrdup(ticket_number);
	w->version = -1;
	return w;
}

void ticket_watch_free(struct ticket_watch *w)
{
	if (w == NULL)
		return;
	free(w->who);
	free(w->ticket);
	free(w);
}

static void forget_change(struct ticket_watch *w)
{
	w->what = WHAT_NONE;
	free(w->who);
	w->who = NULL;
}

static enum what message_what(const char *kind)
{
	if (kind == NULL)
		return WHAT_MESSAGE;
	if (strcmp(kind, "customer") == 0)
		return WHAT_CUSTOMER;
	if (strcmp(kind, "reply") == 0)
		return WHAT_REPLY;
	if (strcmp(kind, "note") == 0)
		return WHAT_NOTE;
	if (strcmp(kind, "call") == 0)
		return WHAT_CALL;
	return WHAT_MESSAGE;
}

static void set_change(struct ticket_watch *w, enum what what, const char *who)
{
	free(w->who);
	w->who = who != NULL && *who != '\0' ? xstrdup(who) : NULL;
	w->what = what;
}

static bool same(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

bool ticket_watch_seen(struct ticket_watch *w, const struct ticket_watch_seen *now)
{
	/* While writing, the last state seen is the one the reply was begun on (any
	 * other leads to CHANGED), so news is what differs from the last seen. */
	bool new_message = now->newest_message_id > w->newest;
	bool new_version = now->version != w->version;
	enum ticket_watch_state was = w->state;
	enum what what_was = w->what;
	char *who_was = w->who != NULL ? xstrdup(w->who) : NULL;
	bool redraw;

	w->version = now->version;
	if (new_message)
		w->newest = now->newest_message_id;
	/* The user's own change is not news to them; in IDLE nothing is news. */
	if (w->state == WATCH_IDLE || now->by_me || (!new_message && !new_version)) {
		free(who_was);
		return false;
	}
	if (new_message)
		set_change(w, message_what(now->newest_kind),
			   now->newest_kind != NULL && strcmp(now->newest_kind, "customer") == 0
				   ? NULL : now->newest_author);
	else if (w->what == WHAT_NONE || w->what == WHAT_FIELDS)
		set_change(w, WHAT_FIELDS, now->changed_by);
	w->state = WATCH_CHANGED;
	redraw = was != w->state || what_was != w->what || !same(who_was, w->who);
	free(who_was);
	return redraw;
}

void ticket_watch_begin(struct ticket_watch *w)
{
	w->state = WATCH_WRITING;
	forget_change(w);
}

enum ticket_watch_send ticket_watch_send(struct ticket_watch *w)
{
	if (w->state == WATCH_CHANGED) {
		w->state = WATCH_ARMED;
		return WATCH_CONFIRM;
	}
	return WATCH_SEND;
}

void ticket_watch_sent(struct ticket_watch *w)
{
	w->state = WATCH_IDLE;
	forget_change(w);
}

void ticket_watch_end(struct ticket_watch *w)
{
	ticket_watch_sent(w);
}

enum ticket_watch_state ticket_watch_state(const struct ticket_watch *w)
{
	return w->state;
}

int ticket_watch_version(const struct ticket_watch *w)
{
	return w->version;
}

size_t ticket_watch_banner(const struct ticket_watch *w, char *buf, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	const char *who = w->who != NULL ? w->who : _("someone");
	size_t len;

	if (w->state == WATCH_CHANGED || w->state == WATCH_ARMED) {
		switch (w->what) {
		case WHAT_CUSTOMER:
			sb_printf(&sb, _("%s changed while you were typing: the customer wrote again. "
					 "Read it before you send; send again to confirm."), w->ticket);
			break;
		case WHAT_REPLY:
			sb_printf(&sb, _("%s changed while you were typing: %s added a reply. "
					 "Read it before you send; send again to confirm."), w->ticket, who);
			break;
		case WHAT_NOTE:
			sb_printf(&sb, _("%s changed while you were typing: %s added a note. "
					 "Read it before you send; send again to confirm."), w->ticket, who);
			break;
		case WHAT_CALL:
			sb_printf(&sb, _("%s changed while you were typing: %s logged a call. "
					 "Read it before you send; send again to confirm."), w->ticket, who);
			break;
		case WHAT_MESSAGE:
			sb_printf(&sb, _("%s changed while you were typing: a new message arrived. "
					 "Read it before you send; send again to confirm."), w->ticket);
			break;
		case WHAT_FIELDS:
		case WHAT_NONE:
			sb_printf(&sb, _("%s changed while you were typing: %s changed the ticket. "
					 "Read it before you send; send again to confirm."), w->ticket, who);
			break;
		}
	}
	len = sb_copy_utf8(&sb, buf, n);
	sb_free(&sb);
	return len;
}
