#include "db/whoami.h"

#include <stddef.h>

unsigned db_whoami(struct db_session *s, db_result_fn cb, void *arg)
{
	return db_session_query(s,
				"SELECT w.login, w.full_name, w.role, "
				"(SELECT coalesce(max(version), 0) FROM backdesk.schema_migrations) "
				"FROM api.whoami() w",
				0, NULL, DB_Q_READ | DB_Q_BACKGROUND, cb, arg);
}
