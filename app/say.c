#include "app/say.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "common/textsafe.h"
#include "common/xalloc.h"

static void say(FILE *f, bool keep_lines, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

static void say(FILE *f, bool keep_lines, const char *fmt, va_list ap)
{
	char *raw = xvasprintf(fmt, ap);
	size_t len = strlen(raw);
	bool newline = len > 0 && raw[len - 1] == '\n';
	char *safe;

	if (newline)
		raw[len - 1] = '\0';
	safe = keep_lines ? textsafe_lines(raw) : textsafe(raw);
	/* A failed write shows in ferror(), which main() checks for stdout. */
	(void)fputs(safe, f);
	if (newline)
		(void)fputc('\n', f);
	free(safe);
	free(raw);
}

void app_say(FILE *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(f, false, fmt, ap);
	va_end(ap);
}

void app_say_lines(FILE *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(f, true, fmt, ap);
	va_end(ap);
}
