#include "views/detail.h"

#include <stdlib.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "views/labels.h"
#include "views/views.h"

struct change {
	unsigned query;
	char *what;
};

struct detail {
	struct db_session *db;
	const struct detail_ops *ops;
	char *key;
	void *view;
	struct tui_pane *pane;
	unsigned query;
	json_t *doc;
	struct change *changes;
	size_t nchanges, cap;
};

static void on_load(const PGresult *res, const char *error, void *arg)
{
	struct detail *d = arg;
	json_t *doc;

	d->query = 0;
	doc = views_json_result(d->pane, res, error, d->doc != NULL, _(d->ops->what));
	if (doc == NULL)
		return;
	json_decref(d->doc);
	d->doc = doc;
	tui_doc_clear(tui_doc_pane_doc(d->pane));
	d->ops->show(d->view, tui_doc_pane_doc(d->pane), doc);
	tui_pane_dirty(d->pane);
}

void detail_reload(struct detail *d)
{
	if (d->query != 0)
		db_session_cancel(d->db, d->query);
	/* The same doc is filled again, so the pane keeps its scroll position. */
	d->query = d->ops->load(d->db, d->key, on_load, d);
}

static void on_change(struct tui_pane *p)
{
	detail_reload(tui_pane_data(p));
}

struct detail *detail_new(struct db_session *db, const struct detail_ops *ops, const char *key,
			  const struct tui_pane_ops *pane_ops, void *view)
{
	struct detail *d = xcalloc(1, sizeof *d);
	struct tui_doc *doc = tui_doc_new();

	d->db = db;
	d->ops = ops;
	d->key = xstrdup(key);
	d->view = view;
	tui_doc_text(doc, TUI_ATTR_MUTED, _("loading…"));
	d->pane = tui_doc_pane_new(doc, pane_ops, d);
	if (ops->screen != NULL)
		views_live_follow(d->pane, ops->screen, on_change);
	return d;
}

void detail_free(struct detail *d)
{
	if (d == NULL)
		return;
	views_live_remove(d->pane);
	if (d->query != 0)
		db_session_cancel(d->db, d->query);
	/* The screen goes; its changes go on, and the console reports them. */
	for (size_t i = 0; i < d->nchanges; i++) {
		db_session_detach(d->db, d->changes[i].query, d->changes[i].what);
		free(d->changes[i].what);
	}
	free(d->changes);
	json_decref(d->doc);
	free(d->key);
	free(d);
}

struct tui_pane *detail_pane(const struct detail *d)
{
	return d->pane;
}

void *detail_view(const struct tui_pane *p)
{
	return ((struct detail *)tui_pane_data(p))->view;
}

json_t *detail_doc(const struct detail *d)
{
	return d->doc;
}

unsigned detail_request(struct detail *d, int req)
{
	if (req != TUI_REQ_REFRESH)
		return TUI_IGNORED;
	detail_reload(d);
	return TUI_HANDLED;
}

unsigned detail_on_request(struct tui_pane *p, int req)
{
	struct detail *d = tui_pane_data(p);
	unsigned r = detail_request(d, req);

	return r != TUI_IGNORED || d->ops->request == NULL ? r : d->ops->request(d->view, req);
}

char *detail_lost(struct tui_pane *p)
{
	struct detail *d = tui_pane_data(p);

	return d->ops->lost != NULL ? d->ops->lost(d->view) : NULL;
}

bool detail_unsaved(struct tui_pane *p)
{
	struct detail *d = tui_pane_data(p);

	return d->ops->unsaved != NULL && d->ops->unsaved(d->view);
}

bool detail_available(struct tui_pane *p, int request)
{
	struct detail *d = tui_pane_data(p);

	return d->ops->available == NULL || d->ops->available(d->view, request);
}

/* A request kept off the bar never reaches on_request (its key does nothing), so
 * its key is seen here first, to say why. */
unsigned detail_on_key(struct tui_pane *p, tui_key key)
{
	struct detail *d = tui_pane_data(p);
	int req = tui_pane_key_request(p, key);

	if (req == TUI_REQ_NONE || d->ops->refused_key == NULL)
		return TUI_IGNORED;
	return d->ops->refused_key(d->view, req);
}

void detail_destroy(struct tui_pane *p)
{
	struct detail *d = tui_pane_data(p);

	if (d->ops->destroy != NULL)
		d->ops->destroy(d->view);
	detail_free(d);
}

void detail_track(struct detail *d, unsigned query, const char *what)
{
	d->changes = xgrow(d->changes, &d->cap, d->nchanges + 1, sizeof *d->changes);
	d->changes[d->nchanges].query = query;
	d->changes[d->nchanges].what = xstrdup(what);
	d->nchanges++;
}

void detail_untrack(struct detail *d, unsigned query)
{
	for (size_t i = 0; i < d->nchanges; i++)
		if (d->changes[i].query == query) {
			free(d->changes[i].what);
			d->changes[i] = d->changes[--d->nchanges];
			return;
		}
}

void detail_note(struct tui_doc *d, json_t *note)
{
	const char *at = json_string_value(json_object_get(note, "created_at"));
	const char *by = json_string_value(json_object_get(note, "author"));
	const char *body = json_string_value(json_object_get(note, "body"));
	char label[192];
	const struct tui_doc_cell head[1] = {
		{ label_written(at, by, label, sizeof label), 0, TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
	};
	const struct tui_doc_cell text[2] = {
		{ "", 1, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
		{ body != NULL ? body : "", 0, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
	};

	tui_doc_cells(d, head, 1);
	tui_doc_cells(d, text, 2);
}
