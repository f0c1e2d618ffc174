#ifndef BACKDESK_DB_WHOAMI_H
#define BACKDESK_DB_WHOAMI_H
/* Who the console's login is (api.whoami) and which schema version the database
 * has, in one round trip after every connect. */
#include "db/session.h"

/* Columns of db_whoami's one row, in this order (all text). */
enum {
	WHOAMI_COL_LOGIN,
	WHOAMI_COL_NAME,    /* the staff member's full name */
	WHOAMI_COL_ROLE,    /* agent, warehouse, supervisor, admin, shop, disabled or none */
	WHOAMI_COL_VERSION, /* the newest applied migration, 0 for none */
	WHOAMI_NCOLS
};

unsigned db_whoami(struct db_session *s, db_result_fn cb, void *arg);

#endif
