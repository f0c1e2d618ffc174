#ifndef BACKDESK_VIEWS_DASHBOARD_VIEW_H
#define BACKDESK_VIEWS_DASHBOARD_VIEW_H
/* The dashboard pane's state, shared by its files: views/dashboard.c (loading,
 * live, keys), views/dashboard_draw.c (the screen and its numbers) and
 * views/dashboard_list.c (the rows behind a number). */
#include "views/dashboard_model.h"
#include "views/views.h"

struct dash_view {
	struct db_session *db;
	struct tui_pane *pane;
	struct dash_doc doc;
	bool loaded;
	char *error;            /* the last load's failure, shown until one succeeds */
	unsigned query;         /* the load in flight, or 0 */
	struct db_session *query_db; /* the session it runs on (views_reads may change) */
	bool again;             /* a change was heard while it ran */
	bool changed;           /* the next load is for a change heard (NOTIFY) */
	bool follow;            /* the load in flight is for a change and reads a replica */
	bool focused, stale;    /* shown; a change was heard while hidden */
	long long last_load;    /* when the last load was sent (ms); -1: never */
	unsigned long timer;    /* a load waiting for its second, or 0 */
	/* The numbers as last drawn; the highlight is remembered by what it is, so a
	 * refresh that moves things keeps it on the same number. */
	struct dash_pick *picks;
	size_t npicks, pcap, sel;
	const char *sel_metric;
	char sel_key[64];
	size_t agents_top;      /* the first agent row shown */
};

/* Draws v's document into c, and records its numbers in v->picks. */
void dash_draw(struct dash_view *v, struct tui_canvas *c);
/* The rows behind pick, over the current screen. */
void dash_list_open(struct tui_ui *ui, struct db_session *db, const struct dash_pick *pick);

#endif
