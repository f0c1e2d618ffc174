#ifndef BACKDESK_VIEWS_TICKET_VIEW_H
#define BACKDESK_VIEWS_TICKET_VIEW_H
/* The ticket screen's state, shared by views/ticket.c (showing it) and
 * views/ticket_actions.c (changing it). */
#include <stdbool.h>

#include "db/session.h"
#include "tui/tui.h"

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
	char customer_name[160];
	/* The newest message's id: with version, what a draft was written against
	 * (views/ticket_watch.h compares them). */
	char newest_message[24];
	/* One line under the title, kept for a banner ("changed while you were
	 * typing", presence); empty: a blank line. */
	char banner[256];
	struct ticket_action_state act[TA_COUNT];
};

extern const struct tui_binding ticket_action_bindings[TA_COUNT];
unsigned ticket_actions_request(struct ticket_view *v, int request);
bool ticket_actions_unsaved(const struct ticket_view *v);
/* The drafts quitting would lose, or NULL; caller frees. */
char *ticket_actions_lost(struct ticket_view *v);
void ticket_actions_free(struct ticket_view *v);

/* Where issue 12's collision and time modules hook in (views/presence.h,
 * views/ticket_watch.h, views/time_spent.h, written apart):
 *   ticket_view_new   presence_new + presence_viewing; time_spent starts
 *   show()            after each load: ticket_watch compares version and
 *                     newest_message with the draft's, ticket_view_banner() says so
 *   show_form()       (ticket_actions.c) for TA_REPLY/TA_NOTE: ticket_watch starts
 *   submit()          a changed watch asks a second time before sending
 *   destroy()         presence_left, time_spent flushes
 * The listen side (presence NOTIFYs) reaches the pane through views_live_add. */

/* Loads (again); the screen keeps its place and the drafts. */
void ticket_view_reload(struct ticket_view *v);

#endif
