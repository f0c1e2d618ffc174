#include "config/dsn.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

#include <libpq-fe.h>

#include "common/xalloc.h"

/* A string libpq cannot read: guess on the safe side. */
static bool mentions_password(const char *s)
{
	for (; *s != '\0'; s++)
		if (strncasecmp(s, "password", 8) == 0)
			return true;
	return false;
}

/* libpq's own parser reads the string exactly as a connection would (keyword=value,
 * quotes, backslashes, URIs with user:password@ and %-escaped query parameters). */
bool config_dsn_has_password(const char *dsn)
{
	char *err = NULL;
	PQconninfoOption *opts = PQconninfoParse(dsn, &err);
	bool found = false;

	if (opts == NULL) {
		PQfreemem(err);
		return mentions_password(dsn);
	}
	for (PQconninfoOption *o = opts; o->keyword != NULL; o++) {
		if ((strcmp(o->keyword, "password") == 0 || strcmp(o->keyword, "sslpassword") == 0) &&
		    o->val != NULL && o->val[0] != '\0') {
			found = true;
			explicit_bzero(o->val, strlen(o->val));
		}
	}
	PQconninfoFree(opts);
	return found;
}
