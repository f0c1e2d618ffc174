#include "views/returns_words.h"

#include <stdio.h>

#include "common/i18n.h"

void returns_what(long long lines, long long order_lines, const char *first_name, char *out,
		  size_t outlen)
{
	/* One line in the order: its name says more than "1 of 1 line". */
	if (order_lines == 1 && lines == 1 && first_name != NULL && *first_name != '\0')
		(void)snprintf(out, outlen, "%s", first_name);
	else
		(void)snprintf(out, outlen, ngettext("%lld of %lld line", "%lld of %lld lines",
						     (unsigned long)order_lines),
			       lines, order_lines);
}
