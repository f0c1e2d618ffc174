#include "db/tracking.h"

#include <jansson.h>
#include <stdlib.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/connect.h"

int db_tracking_due(PGconn *c, int limit, struct db_tracking_due **out, size_t *n, char **err)
{
	char lim[16];
	const char *params[1] = { lim };
	PGresult *r;

	*out = NULL;
	*n = 0;
	(void)snprintf(lim, sizeof lim, "%d", limit);
	r = db_exec(c, DB_TRACKING_DUE_SQL, 1,
		    params, PGRES_TUPLES_OK, err);
	if (r == NULL)
		return -1;
	*n = (size_t)PQntuples(r);
	*out = xcalloc(*n ? *n : 1, sizeof **out);
	for (size_t i = 0; i < *n; i++) {
		(*out)[i].id = atoll(PQgetvalue(r, (int)i, 0));
		(*out)[i].carrier = xstrdup(PQgetvalue(r, (int)i, 1));
		(*out)[i].tracking_no = xstrdup(PQgetvalue(r, (int)i, 2));
	}
	PQclear(r);
	return 0;
}

void db_tracking_due_free(struct db_tracking_due *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++) {
		free(rows[i].carrier);
		free(rows[i].tracking_no);
	}
	free(rows);
}

int db_record_tracking(PGconn *c, const char *tracking_no, const char *doc, int *changed,
		       int *new_events, char **err)
{
	const char *params[2] = { tracking_no, doc };
	PGresult *r = db_exec(c, DB_RECORD_TRACKING_SQL, 2, params,
			      PGRES_TUPLES_OK, err);
	json_t *ans;

	*changed = 0;
	*new_events = 0;
	if (r == NULL)
		return -1;
	ans = json_loads(PQgetvalue(r, 0, 0), 0, NULL);
	PQclear(r);
	if (!json_is_object(ans)) {
		json_decref(ans);
		*err = xstrdup(_("api.record_tracking answered something that is not an object"));
		return -1;
	}
	*changed = json_is_true(json_object_get(ans, "changed"));
	*new_events = (int)json_integer_value(json_object_get(ans, "new_events"));
	json_decref(ans);
	return 0;
}

int db_record_tracking_failure(PGconn *c, const char *tracking_no, const char *error, char **err)
{
	const char *params[2] = { tracking_no, error };
	PGresult *r = db_exec(c, DB_RECORD_TRACKING_FAILURE_SQL, 2, params,
			      PGRES_TUPLES_OK, err);

	if (r == NULL)
		return -1;
	PQclear(r);
	return 0;
}

long long db_propose_delay_notices(PGconn *c, char **err)
{
	PGresult *r = db_exec(c, "SELECT api.propose_delay_notices()", 0, NULL, PGRES_TUPLES_OK, err);
	long long n;

	if (r == NULL)
		return -1;
	n = atoll(PQgetvalue(r, 0, 0));
	PQclear(r);
	return n;
}

int db_parcel_by_tracking(PGconn *c, const char *tracking_no, char **json, char **err)
{
	const char *params[1] = { tracking_no };
	PGresult *r = db_exec(c,
			      "SELECT d FROM api.find($1, 5) f CROSS JOIN LATERAL api.parcel_detail(f.id) d "
			      "WHERE f.kind = 'shipment' AND d->>'tracking_no' = $1 LIMIT 1",
			      1, params, PGRES_TUPLES_OK, err);
	int found;

	*json = NULL;
	if (r == NULL)
		return -1;
	found = PQntuples(r) > 0;
	if (found)
		*json = xstrdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	return found;
}
