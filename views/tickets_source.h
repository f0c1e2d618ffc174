#ifndef BACKDESK_VIEWS_TICKETS_SOURCE_H
#define BACKDESK_VIEWS_TICKETS_SOURCE_H
/* The Tickets list's rows: a keyset source (views/keyset_source.h) over
 * db_tickets_page, for one view at a time (mine, unassigned, ...), soonest due
 * first, with the due date as a countdown coloured by the SLA state. */
#include "db/session.h"
#include "db/tickets_list.h"
#include "tui/table.h"
#include "views/keyset_source.h"

enum {
	TICKETS_VCOL_NUMBER,
	TICKETS_VCOL_PRIORITY,
	TICKETS_VCOL_STATUS,
	TICKETS_VCOL_CUSTOMER,
	TICKETS_VCOL_SUBJECT,
	TICKETS_VCOL_CHANNEL,
	TICKETS_VCOL_ASSIGNEE,
	TICKETS_VCOL_DUE,
	TICKETS_VCOL_AGE,
	TICKETS_VCOL_COUNT
};

extern const struct tui_column tickets_columns[TICKETS_VCOL_COUNT];

struct tickets_source {
	struct keyset_source ks; /* first: the table's source */
	enum tickets_view view;
	char *arg; /* the category or channel of those views, or NULL */
	/* Optional: told after each page (error NULL) or failure (the view says why). */
	void (*answered)(void *arg, const PGresult *res, const char *error);
	void *answered_arg;
	char *error; /* the words of the last refusal (error_text) */
};

/* For a table over keyset_source_ops (its src is the struct). */
struct tickets_source *tickets_source_new(struct db_session *db);
void tickets_source_free(struct tickets_source *src);
/* The view the next fetch reads (arg is copied; the caller refreshes the table). */
void tickets_source_set_view(struct tickets_source *src, enum tickets_view v, const char *arg);

/* The ticket behind a row key (for opening it). */
const char *tickets_key_id(const void *key);
const char *tickets_key_number(const void *key);

#endif
