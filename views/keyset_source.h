#ifndef BACKDESK_VIEWS_KEYSET_SOURCE_H
#define BACKDESK_VIEWS_KEYSET_SOURCE_H
/* The row source every database list shares: the tui_table asks (first, last,
 * after or before a key, at a key for a refresh, seek), this source turns the
 * request into the list's page query, keyset only (never OFFSET), drops the query
 * in flight when the table asks anew, builds each row and its key from the
 * result, and answers the table.  A list writes only what is its own:
 *
 *   struct tickets_key { struct keyset_key head; char *id, *key, *number; };
 *   static const struct keyset_key_def key_def = {
 *           sizeof(struct tickets_key), 1, 3, {          // the first field says which row
 *                   { TICKETS_COL_ID, offsetof(struct tickets_key, id) },
 *                   { TICKETS_COL_KEY, offsetof(struct tickets_key, key) },
 *                   { TICKETS_COL_NUMBER, offsetof(struct tickets_key, number) } } };
 *   static const struct keyset_list list = {
 *           .ncols = TICKETS_VCOL_COUNT, .key = &key_def,
 *           .page = page,        // calls db_tickets_page(): the anchor is a tickets_key
 *           .seek = seek, .not_found = N_("no ticket numbered %s"),
 *           .fill = fill,        // one result row into the row's cells
 *   };
 *   struct keyset_source *src = keyset_source_new(db, &list, NULL);
 *   struct tui_table *t = tui_table_new(cols, TICKETS_VCOL_COUNT, &keyset_source_ops, src);
 *
 * A list with state of its own embeds struct keyset_source as its first member
 * and hands the table a pointer to its struct (views/lookup_source.c). */
#include <stdbool.h>
#include <stddef.h>

#include "db/session.h"
#include "tui/table.h"

/* A key struct is `struct keyset_key head` followed by `char *` members, each
 * copied from one result column; the source copies, compares and frees it. */
struct keyset_field {
	int col;       /* the result column */
	size_t offset; /* of its `char *` member in the key struct */
};

#define KEYSET_MAX_FIELDS 8

struct keyset_key_def {
	size_t size;    /* of the key struct */
	size_t nsame;   /* the first nsame fields say which row it is (a refresh finds it again) */
	size_t nfields;
	struct keyset_field fields[KEYSET_MAX_FIELDS];
};

/* The first member of every key struct: the table frees keys without a source at
 * hand, so a key carries its own layout. */
struct keyset_key {
	const struct keyset_key_def *def;
};

/* What one page query is asked for. */
struct keyset_page {
	const void *anchor;   /* the list's key of the row to page from, or NULL: from the
			       * start (backward: the end); lent for the call only */
	bool inclusive;       /* the anchor row itself is part of the page (refresh, seek) */
	bool backward;        /* rows before the anchor, still answered in display order */
	int limit;
	const char *filter;   /* what was typed after \, or NULL */
	int sort_col;         /* the table's sort column; -1: the list's natural order */
	bool sort_desc;
	unsigned long hidden; /* columns not on screen (struct tui_fetch) */
};

struct keyset_list {
	size_t ncols;                     /* cells of a row: the table's columns */
	const struct keyset_key_def *key;
	/* Starts the page query and returns its id; 0 when there is nothing to ask
	 * (an empty page), and 0 with *refusal set when the request cannot be met (a
	 * filter the list does not know): refusal is told to the user. */
	unsigned (*page)(void *ctx, struct db_session *db, const struct keyset_page *p,
			 db_result_fn cb, void *arg, const char **refusal);
	/* Optional (find answers "not found" without it): at most one row for where
	 * `text` leads, whose first columns are a page row's, as many as the page
	 * query's anchor needs; p says the sort.  The page from that row on follows. */
	unsigned (*seek)(void *ctx, struct db_session *db, const char *text,
			 const struct keyset_page *p, db_result_fn cb, void *arg);
	/* N_() with one %s for the text: the seek found no row (an error); NULL: the
	 * table's own "not found". */
	const char *not_found;
	/* Fills row r's cells from result row i; r's key is already set. */
	void (*fill)(void *ctx, struct tui_row *r, const PGresult *res, int i);
	/* Optional: the words for a failed page (lent until the next call); NULL or
	 * no hook: views_error's. */
	const char *(*error_text)(void *ctx, const PGresult *res, const char *error);
	/* Optional: after each answer, rows delivered (error NULL) or failed. */
	void (*answered)(void *ctx, const PGresult *res, const char *error);
	/* Every row comes in the first answer (a search): no page before or after it. */
	bool one_page;
	/* How a query is dropped; NULL: db_session_cancel (tests put a fake here). */
	void (*cancel)(struct db_session *db, unsigned query);
};

/* The fields are the source's own. */
struct keyset_source {
	struct db_session *db;
	const struct keyset_list *list;
	void *ctx;
	/* The one fetch in flight (the table never has two): whose, which, and the
	 * query that works on it now (the seek, then its page). */
	struct tui_table *table;
	unsigned long fetch_id;
	unsigned query;
	struct keyset_page req;
	char *filter, *seek;
	bool again; /* the answer in flight is stale: ask the page again instead */
};

/* src: a struct keyset_source, or a struct that starts with one. */
extern const struct tui_source_ops keyset_source_ops;

/* ctx is handed to the list's functions. */
void keyset_source_init(struct keyset_source *ks, struct db_session *db,
			const struct keyset_list *list, void *ctx);
/* Drops the query in flight; the table is freed first, or never asks again. */
void keyset_source_fini(struct keyset_source *ks);
struct keyset_source *keyset_source_new(struct db_session *db, const struct keyset_list *list,
					void *ctx);
void keyset_source_free(struct keyset_source *ks);
/* Drops the query in flight (its answer is of no use any more); the table gets
 * no answer to that fetch until it asks again. */
void keyset_source_stop(struct keyset_source *ks);

/* A one-page list's words changed (a search typed into) while its query is in
 * flight: that query runs to its end, its answer is thrown away unseen and the
 * page is asked again then, with whatever the list's state is by that time; so
 * keys typed during one round trip cost one more query, not one each, and no
 * cancel (a round trip of its own on the other connection).  Returns false when
 * nothing is in flight (or the list pages): the caller asks for the page itself
 * (tui_table_refresh). */
bool keyset_source_again(struct keyset_source *ks);

/* A key of def's layout from result row i (columns the result lacks are ""). */
void *keyset_key_new(const struct keyset_key_def *def, const PGresult *res, int i);

#endif
