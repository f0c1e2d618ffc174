/* Reads api.order_detail documents, one JSON per line, and prints for each the
 * order screen's "Where is it" sentence (views/order_plain.c) in the environment's
 * locale, one per line, for tests/shell/order_plain.t, with the catalogs of the
 * build in $BACKDESK_BUILD (tests/run sets it).  A line that is no JSON object
 * prints "(bad document)". */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "common/i18n.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "views/order_plain.h"

int main(void)
{
	const char *build = getenv("BACKDESK_BUILD");
	char *line = NULL;
	size_t cap = 0;

	i18n_init();
	if (build != NULL) {
		char *dir = xasprintf("%s/locale", build);

		if (bindtextdomain("backdesk", dir) == NULL) {
			free(dir);
			return 1;
		}
		free(dir);
	}
	while (getline(&line, &cap, stdin) >= 0) {
		json_t *doc = json_loads(line, 0, NULL);
		struct strbuf sb = STRBUF_INIT;

		if (json_is_object(doc))
			order_plain(doc, &sb);
		else
			sb_puts(&sb, "(bad document)");
		if (printf("%s\n", sb.s != NULL ? sb.s : "") < 0) {
			sb_free(&sb);
			json_decref(doc);
			free(line);
			return 1;
		}
		sb_free(&sb);
		json_decref(doc);
	}
	free(line);
	return fflush(stdout) == 0 && !ferror(stdin) ? 0 : 1;
}
