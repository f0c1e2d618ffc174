#ifndef BACKDESK_VIEWS_DETAIL_H
#define BACKDESK_VIEWS_DETAIL_H
/* The path every detail screen shares (an order, a customer, the answers for an
 * order): one JSON document from one query, shown in a tui_doc pane.
 *
 * "loading…" until the first answer, then the document; a failed first load
 * shows why in its place, a failed reload says so on the message line and keeps
 * what is shown (views_json_result's wording).  F5 and the NOTIFY channels the
 * screen follows load it again at the same scroll position.  Closing drops the
 * load and detaches the changes the screen started: they go on, and the console
 * reports how they ended.  A screen gives only its query and how to show:
 *
 *   static const struct detail_ops ops = { N_("the ticket"), "ticket", db_ticket_detail, show };
 *   v->detail = detail_new(db, &ops, id, &pane_ops, v);    // pane_ops: keys, requests
 *   tui_pane_set_title(detail_pane(v->detail), ...);
 *   detail_reload(v->detail);
 *
 * and in its pane operations: detail_view(p) for its data, detail_request() first
 * in on_request, detail_free() in destroy. */
#include <jansson.h>

#include "db/session.h"
#include "tui/doc.h"
#include "tui/pane.h"

struct detail_ops {
	const char *what;   /* N_(): the document in messages ("the order") */
	/* Its entry in views/registry.c, whose NOTIFY channels reload it; NULL: none. */
	const char *screen;
	/* One row, one column: the document as JSON text, for `key` (detail_new's). */
	unsigned (*load)(struct db_session *db, const char *key, db_result_fn cb, void *arg);
	/* Shows a document, the first or a reload's, on d (cleared); view is detail_new's. */
	void (*show)(void *view, struct tui_doc *d, json_t *doc);
};

struct detail;

/* The pane shows "loading…"; nothing is loaded before detail_reload(). */
struct detail *detail_new(struct db_session *db, const struct detail_ops *ops, const char *key,
			  const struct tui_pane_ops *pane_ops, void *view);
/* From the pane's destroy: everything above, and d itself. */
void detail_free(struct detail *d);
struct tui_pane *detail_pane(const struct detail *d);
/* The view given to detail_new, from its pane (the pane's data is the detail). */
void *detail_view(const struct tui_pane *p);
/* Loads (again); a load still running is dropped. */
void detail_reload(struct detail *d);
/* The document shown, or NULL while there is none yet. */
json_t *detail_doc(const struct detail *d);
/* An internal note of a document ({body, author, created_at}): what it is, when and
 * by whom on one line ("written 2026-11-23 10:00 by Ayşe Yılmaz"), its text under
 * it, wrapped under itself. */
void detail_note(struct tui_doc *d, json_t *note);
/* TUI_REQ_REFRESH (F5) loads again; anything else is TUI_IGNORED. */
unsigned detail_request(struct detail *d, int req);

/* A change the screen started (`what` names it for the console, if the screen
 * closes first), and its end (from its callback). */
void detail_track(struct detail *d, unsigned query, const char *what);
void detail_untrack(struct detail *d, unsigned query);

#endif
