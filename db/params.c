#include "db/params.h"

#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "common/i18n.h"
#include "common/xalloc.h"

int db_params_over(const char *const *keys, const char *const *vals, const char *dsn,
		   const char *name, char ***okeys, char ***ovals, char **err)
{
	PQconninfoOption *opts = NULL;
	char **k, **v;
	int n = 0, m = 0;

	while (keys[n] != NULL)
		n++;
	if (dsn != NULL) {
		char *perr = NULL;

		opts = PQconninfoParse(dsn, &perr);
		if (opts == NULL) {
			*err = xasprintf(_("%s cannot be read: %s"), name,
					 perr != NULL ? perr : _("out of memory"));
			PQfreemem(perr);
			return -1;
		}
		for (PQconninfoOption *o = opts; o->keyword != NULL; o++)
			if (o->val != NULL && o->val[0] != '\0')
				m++;
	}
	k = xcalloc((size_t)(n + m) + 1, sizeof *k);
	v = xcalloc((size_t)(n + m) + 1, sizeof *v);
	for (int i = 0; i < n; i++) {
		k[i] = xstrdup(keys[i]);
		v[i] = vals[i] != NULL ? xstrdup(vals[i]) : NULL;
	}
	m = n;
	for (PQconninfoOption *o = opts; o != NULL && o->keyword != NULL; o++) {
		if (o->val == NULL || o->val[0] == '\0')
			continue;
		k[m] = xstrdup(o->keyword);
		v[m++] = xstrdup(o->val);
		explicit_bzero(o->val, strlen(o->val));
	}
	PQconninfoFree(opts);
	*okeys = k;
	*ovals = v;
	return 0;
}

void db_params_free(char **keys, char **vals)
{
	if (keys == NULL)
		return;
	for (size_t i = 0; keys[i] != NULL; i++) {
		free(keys[i]);
		if (vals[i] != NULL)
			explicit_bzero(vals[i], strlen(vals[i]));
		free(vals[i]);
	}
	free(keys);
	free(vals);
}
