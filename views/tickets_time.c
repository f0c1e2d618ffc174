#include "views/tickets_time.h"

#include <limits.h>
#include <stdio.h>

#include "common/i18n.h"

/* Rounded down, so "in 59m" is never really an hour away and "1h late" has been
 * late for a whole hour. */
static void span(long long secs, char *out, size_t outlen)
{
	if (secs < 60)
		(void)snprintf(out, outlen, "%s", _("<1m"));
	else if (secs < 3600)
		(void)snprintf(out, outlen, _("%lldm"), secs / 60);
	else if (secs < 48 * 3600)
		(void)snprintf(out, outlen, _("%lldh"), secs / 3600);
	else
		(void)snprintf(out, outlen, _("%lldd"), secs / 86400);
}

void tickets_countdown(long long secs, char *out, size_t outlen)
{
	char s[32];

	if (secs >= 0) {
		span(secs, s, sizeof s);
		(void)snprintf(out, outlen, _("in %s"), s);
	} else {
		span(secs < -LLONG_MAX ? LLONG_MAX : -secs, s, sizeof s);
		(void)snprintf(out, outlen, _("%s late"), s);
	}
}

void tickets_age(long long secs, char *out, size_t outlen)
{
	span(secs < 0 ? 0 : secs, out, outlen);
}
