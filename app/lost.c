#include "app/lost.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/strbuf.h"
#include "common/xalloc.h"

/* libpq's reasons span lines ("failed: No such file or directory\n\tIs the
 * server running ...?"): runs of white space become one space, none at the ends. */
static char *one_line(const char *s)
{
	struct strbuf b = { 0 };
	bool space = false;

	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = b.len > 0;
			continue;
		}
		if (space)
			sb_putc(&b, ' ');
		space = false;
		sb_putc(&b, *s);
	}
	return sb_take(&b);
}

char *lost_message(struct lost_said *said, const char *reason, bool ever)
{
	char *why = one_line(reason != NULL ? reason : "");
	size_t n = strlen(why);
	char *text;

	if (said->last != NULL && strcmp(said->last, why) == 0) {
		free(why);
		return NULL;
	}
	/* A reason that ends a sentence ("...on that socket?") gets no second stop. */
	if (!ever && n == 0)
		text = xstrdup(_("cannot reach the database. Trying again."));
	else if (!ever)
		text = xasprintf(strchr(".?!", why[n - 1]) != NULL ? _("cannot reach the database: %s Trying again.")
								  : _("cannot reach the database: %s. Trying again."),
				 why);
	else if (n == 0)
		text = xstrdup(_("lost the database. Reconnecting; what you typed is kept."));
	else if (strchr(".?!", why[n - 1]) != NULL)
		text = xasprintf(_("lost the database: %s Reconnecting; what you typed is kept."), why);
	else
		text = xasprintf(_("lost the database: %s. Reconnecting; what you typed is kept."), why);
	free(said->last);
	said->last = why;
	return text;
}

void lost_reset(struct lost_said *said)
{
	free(said->last);
	said->last = NULL;
}
