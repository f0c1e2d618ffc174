#include "views/keyset_source.h"

#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "views/views.h"

/* Members are reached by offset; memcpy keeps that free of alignment casts. */
static char *field(const void *key, const struct keyset_field *f)
{
	char *s;

	memcpy(&s, (const char *)key + f->offset, sizeof s);
	return s;
}

void *keyset_key_new(const struct keyset_key_def *def, const PGresult *res, int i)
{
	struct keyset_key *k = xcalloc(1, def->size);

	k->def = def;
	for (size_t j = 0; j < def->nfields; j++) {
		const struct keyset_field *f = &def->fields[j];
		char *s = xstrdup(f->col < PQnfields(res) ? PQgetvalue(res, i, f->col) : "");

		memcpy((char *)k + f->offset, &s, sizeof s);
	}
	return k;
}

static void free_key(void *key)
{
	const struct keyset_key *k = key;

	if (k == NULL)
		return;
	for (size_t j = 0; j < k->def->nfields; j++)
		free(field(k, &k->def->fields[j]));
	free(key);
}

static bool same_key(const void *a, const void *b)
{
	const struct keyset_key *k = a;

	for (size_t j = 0; j < k->def->nsame; j++)
		if (strcmp(field(a, &k->def->fields[j]), field(b, &k->def->fields[j])) != 0)
			return false;
	return true;
}

void keyset_source_stop(struct keyset_source *ks)
{
	if (ks->query == 0)
		return;
	if (ks->list->cancel != NULL)
		ks->list->cancel(ks->db, ks->query);
	else
		db_session_cancel(ks->db, ks->query);
	ks->query = 0;
	ks->again = false;
}

bool keyset_source_again(struct keyset_source *ks)
{
	if (ks->query == 0 || !ks->list->one_page)
		return false;
	ks->again = true;
	return true;
}

static void start_page(struct keyset_source *ks);

static void answered(struct keyset_source *ks, const PGresult *res, const char *error)
{
	if (ks->list->answered != NULL)
		ks->list->answered(ks->ctx, res, error);
}

static void on_page(const PGresult *res, const char *error, void *arg)
{
	struct keyset_source *ks = arg;
	struct tui_row **rows;
	int n;

	ks->query = 0;
	if (ks->again) {
		/* An answer to words no longer typed: neither its rows nor its error. */
		ks->again = false;
		start_page(ks);
		return;
	}
	if (error != NULL) {
		const char *text = ks->list->error_text != NULL ? ks->list->error_text(ks->ctx, res, error) : NULL;

		tui_table_fail(ks->table, ks->fetch_id, text != NULL ? text : views_error(res, error));
		answered(ks, res, error);
		return;
	}
	n = PQntuples(res);
	rows = xcalloc((size_t)n + 1, sizeof *rows);
	for (int i = 0; i < n; i++) {
		rows[i] = tui_row_new(ks->list->ncols);
		tui_row_set_key(rows[i], keyset_key_new(ks->list->key, res, i));
		ks->list->fill(ks->ctx, rows[i], res, i);
	}
	/* A short page is the last one. */
	tui_table_deliver(ks->table, ks->fetch_id, rows, (size_t)n, ks->list->one_page || n < ks->req.limit);
	free(rows);
	answered(ks, res, NULL);
}

static void start_page(struct keyset_source *ks)
{
	const char *refusal = NULL;

	ks->query = ks->list->page(ks->ctx, ks->db, &ks->req, on_page, ks, &refusal);
	if (ks->query != 0)
		return;
	if (refusal != NULL)
		tui_table_fail(ks->table, ks->fetch_id, refusal);
	else
		tui_table_deliver(ks->table, ks->fetch_id, NULL, 0, true);
}

/* The list's sentence with the text where its %s is: the sentence is data, not
 * a printf format. */
static char *not_found(const char *sentence, const char *text)
{
	const char *at = strstr(sentence, "%s");

	if (at == NULL)
		return xstrdup(sentence);
	return xasprintf("%.*s%s%s", (int)(at - sentence), sentence, text, at + 2);
}

/* The seek found where the text leads: the page from that row on, inclusive. */
static void on_seek(const PGresult *res, const char *error, void *arg)
{
	struct keyset_source *ks = arg;
	void *key;
	char *msg;

	ks->query = 0;
	if (error == NULL && PQntuples(res) == 0 && ks->list->not_found == NULL) {
		tui_table_deliver(ks->table, ks->fetch_id, NULL, 0, true); /* the table says so */
		answered(ks, res, NULL);
		return;
	}
	if (error != NULL || PQntuples(res) == 0) {
		msg = error != NULL ? xstrdup(views_error(res, error))
				    : not_found(_(ks->list->not_found), ks->seek);
		tui_table_fail(ks->table, ks->fetch_id, msg);
		free(msg);
		answered(ks, res, error);
		return;
	}
	key = keyset_key_new(ks->list->key, res, 0);
	ks->req.anchor = key;
	ks->req.inclusive = true;
	start_page(ks);
	ks->req.anchor = NULL;
	free_key(key);
}

static void fetch(void *src, struct tui_table *t, const struct tui_fetch *f)
{
	struct keyset_source *ks = src;
	enum tui_fetch_dir dir = f->dir;

	keyset_source_stop(ks);
	ks->table = t;
	ks->fetch_id = f->id;
	free(ks->filter);
	ks->filter = f->filter != NULL ? xstrdup(f->filter) : NULL;
	memset(&ks->req, 0, sizeof ks->req);
	ks->req.limit = (int)f->count;
	ks->req.filter = ks->filter;
	ks->req.sort_col = f->sort_col;
	ks->req.sort_desc = f->sort_desc;
	ks->req.hidden = f->hidden;
	if (f->anchor == NULL && (dir == TUI_FETCH_AFTER || dir == TUI_FETCH_BEFORE || dir == TUI_FETCH_AT))
		dir = TUI_FETCH_FIRST;
	/* The screen's rows alone, from a list that pages; a one-page list brings all
	 * its rows at once, since nothing reads ahead there. */
	if ((dir == TUI_FETCH_FIRST || dir == TUI_FETCH_LAST) && !ks->list->one_page && f->shown > 0)
		ks->req.limit = (int)f->shown;
	if ((ks->list->one_page && dir != TUI_FETCH_FIRST) ||
	    (dir == TUI_FETCH_SEEK && ks->list->seek == NULL)) {
		tui_table_deliver(t, f->id, NULL, 0, true);
		return;
	}
	if (dir == TUI_FETCH_SEEK) {
		free(ks->seek);
		ks->seek = xstrdup(f->seek != NULL ? f->seek : "");
		ks->query = ks->list->seek(ks->ctx, ks->db, ks->seek, &ks->req, on_seek, ks);
		return;
	}
	if (dir != TUI_FETCH_FIRST && dir != TUI_FETCH_LAST)
		ks->req.anchor = f->anchor;
	ks->req.backward = dir == TUI_FETCH_LAST || dir == TUI_FETCH_BEFORE;
	ks->req.inclusive = dir == TUI_FETCH_AT;
	start_page(ks);
	ks->req.anchor = NULL; /* lent for the call only */
}

static void cancel(void *src, unsigned long id)
{
	struct keyset_source *ks = src;

	if (ks->fetch_id == id)
		keyset_source_stop(ks);
}

const struct tui_source_ops keyset_source_ops = { fetch, cancel, same_key, free_key };

void keyset_source_init(struct keyset_source *ks, struct db_session *db,
			const struct keyset_list *list, void *ctx)
{
	memset(ks, 0, sizeof *ks);
	ks->db = db;
	ks->list = list;
	ks->ctx = ctx;
}

void keyset_source_fini(struct keyset_source *ks)
{
	keyset_source_stop(ks);
	free(ks->filter);
	free(ks->seek);
	ks->filter = ks->seek = NULL;
}

struct keyset_source *keyset_source_new(struct db_session *db, const struct keyset_list *list,
					void *ctx)
{
	struct keyset_source *ks = xmalloc(sizeof *ks);

	keyset_source_init(ks, db, list, ctx);
	return ks;
}

void keyset_source_free(struct keyset_source *ks)
{
	if (ks == NULL)
		return;
	keyset_source_fini(ks);
	free(ks);
}
