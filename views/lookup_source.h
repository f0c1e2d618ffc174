#ifndef BACKDESK_VIEWS_LOOKUP_SOURCE_H
#define BACKDESK_VIEWS_LOOKUP_SOURCE_H
/* The lookup box's rows: what was typed goes to db_lookup_find, its hits come back
 * as table rows with the matching parts marked.  All hits arrive in one answer:
 * a keyset source (views/keyset_source.h) of one page. */
#include <stdbool.h>

#include "db/session.h"
#include "tui/table.h"
#include "views/keyset_source.h"

enum { LOOKUP_VCOL_KIND, LOOKUP_VCOL_FOUND, LOOKUP_VCOL_DETAIL, LOOKUP_VCOL_COUNT };

extern const struct tui_column lookup_columns[LOOKUP_VCOL_COUNT];
/* keyset_source_ops, under the name views/lookup.c knows; its src is a
 * struct lookup_source. */
#define lookup_source_ops keyset_source_ops

/* A hit: what it is. */
struct lookup_key {
	struct keyset_key head;
	char *kind, *id, *label;
};

/* Where Enter takes a hit (empty strings where there is none). */
struct lookup_target {
	char *kind, *id;
	char *order_id, *order_number;
	char *customer_id, *customer_name;
};

/* Where the hits on screen lead is asked once they are shown. */
enum lookup_targets_state {
	LOOKUP_TARGETS_NONE,     /* no hits, or they are being replaced */
	LOOKUP_TARGETS_WAITING,
	LOOKUP_TARGETS_DONE,
	LOOKUP_TARGETS_FAILED,   /* `error` says why */
};

enum lookup_state {
	LOOKUP_EMPTY,     /* nothing typed */
	LOOKUP_WAITING,   /* typed; its search is running, or runs when the one in
			   * flight is back; the rows shown are for `shown` */
	LOOKUP_DONE,      /* answered: `found` hits for `text` */
	LOOKUP_FAILED,    /* the search failed: `error` */
};

struct lookup_source {
	struct keyset_source ks; /* first: the table's source */
	char *text;       /* what the table's next fetch searches for */
	char *shown;      /* what the rows on screen were found for */
	char *asked;      /* what the last query sent searches for */
	enum lookup_state state;
	int found;
	char *error;
	enum lookup_targets_state targets_state;
	struct lookup_target *targets; /* of the hits on screen, ntargets */
	size_t ntargets;
	unsigned targets_query;        /* in flight, or 0 */
	char *want_kinds, *want_ids;   /* to ask for (lookup_source_send_targets), or NULL */
	db_result_fn find_cb;            /* the keyset source's, for the hits arranged */
	void *find_arg;
	/* Called after each answer, hits or targets (the view may open the first hit). */
	void (*answered)(void *arg);
	void *arg;
};

struct lookup_source *lookup_source_new(struct db_session *db);
void lookup_source_free(struct lookup_source *src);
/* What to search for.  True: nothing is in flight, and the caller starts the
 * search (tui_table_refresh).  False: a search is in flight; it is left
 * to end (cancelling it would cost a round trip of its own), its answer is never
 * shown, and the newest text is searched when it is back. */
bool lookup_source_set_text(struct lookup_source *src, const char *text);

/* Asks where the hits just answered lead (targets_state is WAITING from the
 * answer on): called once their frame is drawn.  Nothing when there is nothing
 * to ask or it is asked already. */
void lookup_source_send_targets(struct lookup_source *src);

/* Where the hit (kind, id) on screen leads, or NULL while that is not known
 * (targets_state says why). */
const struct lookup_target *lookup_source_target(const struct lookup_source *src,
						 const char *kind, const char *id);

/* api.find's detail for a hit of `kind` as the screens write it: an order's total
 * "81270.00 HUF" as money ("81,270.00 HUF"), a customer's phone in one form
 * ("+90 552 387 29 50"); the rest as it is.  Caller frees. */
char *lookup_detail_text(const char *kind, const char *detail);

/* The translated word for a kind ("parcel" for shipment). */
const char *lookup_kind_label(const char *kind);

#endif
