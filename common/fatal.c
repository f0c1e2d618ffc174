#include "common/fatal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "common/i18n.h"

static fatal_cleanup_fn cleanup;

void fatal_set_cleanup(fatal_cleanup_fn fn)
{
	cleanup = fn;
}

void fatal_run_cleanup(void)
{
	fatal_cleanup_fn fn = cleanup;

	cleanup = NULL; /* never twice, even if the cleanup itself fails */
	if (fn != NULL)
		fn();
}

void fatal(const char *fmt, ...)
{
	va_list ap;

	fatal_run_cleanup();
	(void)fprintf(stderr, "backdesk: ");
	va_start(ap, fmt);
	(void)vfprintf(stderr, fmt, ap);
	va_end(ap);
	(void)fputc('\n', stderr);
	exit(70); /* EX_SOFTWARE */
}
