#ifndef BACKDESK_VIEWS_TICKET_VIEW_H
#define BACKDESK_VIEWS_TICKET_VIEW_H
/* The ticket screen's state, shared by views/ticket.c (showing it) and
 * views/ticket_actions.c (changing it). */
#include <stdbool.h>

#include "db/session.h"
#include "tui/tui.h"

struct presence;
struct time_spent;
struct ticket_watch;

enum ticket_action {
	TA_REPLY,
	TA_NOTE,
	TA_CALL,
	TA_STATUS,
	TA_PRIORITY,
	TA_CATEGORY,
	TA_MACRO,
	TA_ASSIGN,
	TA_MERGE,
	TA_LINK,
	TA_TIME,
	TA_PREVIEW, /* no form of its own: shows TA_REPLY's draft as it will go */
	TA_COUNT
};

struct ticket_view;
struct detail;

/* One action's form: it lives until the action succeeds, so a refusal, a lost
 * connection or a colleague's change (BD004) never loses what was typed. */
struct ticket_action_state {
	struct ticket_view *v;
	enum ticket_action which;
	struct tui_form *form;
	/* The ticket's version when the form was last shown: what the agent decided on. */
	char version[16];
	unsigned query;
	/* TA_ASSIGN, TA_MACRO: what the chooser's entries stand for (logins, macro
	 * codes), in the order of its choices; owned. */
	char **codes;
	size_t ncodes;
	unsigned list_query; /* loading them */
	char *macro;         /* TA_MACRO: the code being previewed / applied */
};

struct ticket_view {
	struct db_session *db;
	struct tui_pane *pane;
	char *id;
	char *number;
	struct detail *detail;
	bool loaded;
	/* From the last load. */
	char version[16];
	char status[16];
	char priority[16];
	char category[64];
	/* Minutes spent, as the database had them: the time form starts there. */
	char time_minutes[24];
	char customer_name[160];
	/* The newest message's id: with version, what a draft was written against
	 * (views/ticket_watch.h compares them). */
	char newest_message[24];
	/* One line under the title, kept for a banner ("changed while you were
	 * typing", presence); empty: a blank line. */
	char banner[256];
	struct ticket_action_state act[TA_COUNT];
	/* Issue 12's collision and time modules, made at the first load (they need
	 * the ticket's number, which a lookup hit's label may not be). */
	struct presence *presence;
	struct time_spent *time;
	struct ticket_watch *watch;
	struct tui_loop *loop;    /* the tick's, once the pane is shown */
	unsigned long tick;       /* every PRESENCE_TICK_MS while the screen exists */
	bool shown;               /* the tab's top pane (dialogs over it count as shown) */
	char presence_text[160];  /* presence_describe's last text */
	/* What this screen's own actions made, so their echo is not "changed while
	 * you were typing": the version one answered, the message one added. */
	char own_version[16];
	long long own_message;
};

extern const struct tui_binding ticket_action_bindings[TA_COUNT];
/* The actions' entry points taking `void *view` (a struct ticket_view) are the
 * screen's detail_ops hooks (views/detail.h), called by detail's pane operations. */
unsigned ticket_actions_request(void *view, int request);
bool ticket_actions_unsaved(const void *view);
/* The drafts quitting would lose, or NULL; caller frees. */
char *ticket_actions_lost(void *view);
void ticket_actions_free(struct ticket_view *v);

/* How issue 12's collision and time modules hook in (views/presence.h,
 * views/ticket_watch.h, views/time_spent.h):
 *   first load        presence_new + presence_viewing, time_spent_new,
 *                     ticket_watch_new, and one tui_loop_every(PRESENCE_TICK_MS)
 *   every load        ticket_watch_seen (version, newest message, by_me); banner
 *   the tick          shown = the pane is its tab's top pane (a dialog over it,
 *                     the reply form, still counts; another screen pushed over
 *                     it or another tab does not): time_spent_active(shown), and
 *                     presence "left" when covered, "viewing" when shown again;
 *                     presence_tick, time_spent_tick, the presence text redrawn
 *   show_form()       TA_REPLY/TA_NOTE: ticket_watch_begin; keys: presence_typing
 *   submit()          WATCH_CONFIRM shows the banner and sends nothing; the next
 *                     sends with the version the user was last shown
 *   destroy()         presence_free (says "left"), time_spent_free (flushes)
 * Presence NOTIFYs reach the trackers through presence_dispatch (app/console.c);
 * the tick redraws the banner when the text changed. */

/* Loads (again); the screen keeps its place and the drafts. */
void ticket_view_reload(struct ticket_view *v);
/* The banner line again: the watch's "changed" text, else who else is here. */
void ticket_view_banner_update(struct ticket_view *v);

#endif
