#include "common/csv.h"

#include <string.h>

bool csv_formula_risk(const char *s)
{
	return s != NULL && s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

int csv_field(FILE *f, const char *s, bool first, unsigned flags)
{
	bool guard = (flags & CSV_TEXT) != 0 && csv_formula_risk(s);
	bool quote;

	if (!first && putc(',', f) == EOF)
		return -1;
	if (s == NULL)
		return 0;
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote && putc('"', f) == EOF)
		return -1;
	if (guard && putc('\'', f) == EOF)
		return -1;
	for (const char *p = s; *p != '\0';) {
		size_t n = quote ? strcspn(p, "\"") : strlen(p);

		if (n > 0 && fwrite(p, 1, n, f) != n)
			return -1;
		p += n;
		if (*p == '"') {
			if (fputs("\"\"", f) == EOF)
				return -1;
			p++;
		}
	}
	if (quote && putc('"', f) == EOF)
		return -1;
	return 0;
}

int csv_end_row(FILE *f)
{
	return fputs("\r\n", f) == EOF ? -1 : 0;
}
