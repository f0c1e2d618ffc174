#ifndef BACKDESK_DB_CHOICES_H
#define BACKDESK_DB_CHOICES_H
/* The closed lists the database keeps (migration 0015, view backdesk.choices): ticket
 * categories, channels, priorities and statuses, call outcomes.  The database is
 * their one source: the api accepts what is there and the forms offer it.  Codes
 * only, in the database's order; what people read for a code is views/labels.c's. */
#include <libpq-fe.h>

#include "db/session.h"

#define DB_LIST_TICKET_CATEGORY "ticket_category"
#define DB_LIST_TICKET_CHANNEL "ticket_channel"
#define DB_LIST_TICKET_PRIORITY "ticket_priority"
#define DB_LIST_TICKET_STATUS "ticket_status"
#define DB_LIST_CALL_OUTCOME "call_outcome"

/* Rows (list, code) of every code new rows may take, by list and position. */
unsigned db_choices_load(struct db_session *s, db_result_fn cb, void *arg);
/* The same on a blocking connection, retired codes too (what existing rows may
 * hold: the generator's check); NULL with *err set when it cannot be read. */
struct db_choices *db_choices_read_all(PGconn *c, char **err);

struct db_choices;

/* The lists in a db_choices_load result; the caller owns them. */
struct db_choices *db_choices_parse(const PGresult *res);
/* One list's codes, NULL-terminated; NULL when the database has no such list (or
 * offers nothing in it).  Valid until db_choices_free. */
const char *const *db_choices_get(const struct db_choices *c, const char *list);
void db_choices_free(struct db_choices *c);

#endif
