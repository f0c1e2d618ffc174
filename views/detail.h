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
 *   static const struct detail_ops ops = { .what = N_("the customer"), .screen = "customer",
 *                                          .load = db_customer_360, .show = show };
 *   v->detail = detail_new(db, &ops, id, &pane_ops, v);    // pane_ops: keys, requests
 *   tui_pane_set_title(detail_pane(v->detail), ...);
 *   detail_reload(v->detail);
 *
 * and in its pane operations: detail_view(p) for its data, detail_request() first
 * in on_request, detail_free() in destroy.
 *
 * A screen with actions (an order, a return, a ticket) gives them as hooks in
 * its detail_ops instead, and its pane operations are detail's:
 *
 *   .request = order_actions_request, ..., .destroy = destroy_view,   // detail_ops
 *   .on_request = detail_on_request, .lost = detail_lost, .unsaved = detail_unsaved,
 *   .available = detail_available, .on_key = detail_on_key, .destroy = detail_destroy,
 *
 * The hooks take detail_new's view as void *, as show does, since detail serves
 * every screen's view: each converts it back in its first line (`struct
 * order_view *v = view;`), so no function pointer is cast to another type. */
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

	/* The screen's actions, for detail's pane operations below; NULL: none. */
	/* A request F5 left (detail_on_request): TUI_IGNORED when not the screen's. */
	unsigned (*request)(void *view, int request);
	/* The drafts quitting would lose, or NULL (tui_pane_ops.lost). */
	char *(*lost)(void *view);
	bool (*unsaved)(const void *view);
	/* False keeps an action that does not apply now off the bar and the help... */
	bool (*available)(const void *view, int request);
	/* ...and its key, still bound, says why (TUI_HANDLED), else TUI_IGNORED. */
	unsigned (*refused_key)(void *view, int request);
	/* Frees the view, before detail_destroy frees the detail. */
	void (*destroy)(void *view);
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

/* Pane operations for a screen whose actions are detail_ops hooks: each calls its
 * hook with the view (on_request after detail_request; on_key with the request
 * the key is bound to, tui_pane_key_request), or does nothing without one. */
unsigned detail_on_request(struct tui_pane *p, int req);
char *detail_lost(struct tui_pane *p);
bool detail_unsaved(struct tui_pane *p);
bool detail_available(struct tui_pane *p, int request);
unsigned detail_on_key(struct tui_pane *p, tui_key key);
/* The destroy hook, then detail_free. */
void detail_destroy(struct tui_pane *p);

/* A change the screen started (`what` names it for the console, if the screen
 * closes first), and its end (from its callback). */
void detail_track(struct detail *d, unsigned query, const char *what);
void detail_untrack(struct detail *d, unsigned query);

#endif
