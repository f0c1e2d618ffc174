#include "db/sentence.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/locale_fmt.h"
#include "common/strbuf.h"
#include "common/xalloc.h"

static const struct refusal_text catalog[] = {
#include "db/sentence_texts.inc"
};

/* A plain decimal the database wrote ("1490.00", numeric::text): an amount. */
static bool plain_decimal(const char *s)
{
	const char *dot;

	s += *s == '-';
	dot = strchr(s, '.');
	if (dot == NULL || dot == s || dot[1] == '\0')
		return false;
	for (const char *c = s; *c != '\0'; c++)
		if ((*c < '0' || *c > '9') && c != dot)
			return false;
	return true;
}

/* The functions pass dates as date::text and amounts as numeric::text: shown as
 * the screens show them.  Whole numbers stay as they are (a tracking number is
 * one). */
static void locale_arg(struct strbuf *sb, const char *s, size_t len)
{
	char *a = xstrndup(s, len), out[LF_BUFSZ];

	if (len >= LF_BUFSZ)
		sb_puts(sb, a);
	else if (plain_decimal(a))
		sb_puts(sb, lf_number(a, out, sizeof out));
	else
		sb_puts(sb, lf_when(a, out, sizeof out));
	free(a);
}

static const char *translate_gettext(const char *msgid)
{
	return i18n_pgettext("db", msgid);
}

/* The answers' reasons come joined ("a; b": backdesk.answer_gaps' string_agg):
 * a text no pattern made whole is translated part by part. */
char *db_sentence_with(const struct refusal_text *cat, size_t n, const char *english,
		       const char *(*translate)(const char *msgid))
{
	static const char sep[] = "; ";
	char *whole = refusal_translate_args(cat, n, english, translate, locale_arg);
	struct strbuf sb = STRBUF_INIT;
	const char *s = english, *end;

	if (whole == NULL || english == NULL || strcmp(whole, english) != 0 || strstr(english, sep) == NULL)
		return whole;
	free(whole);
	for (;;) {
		char *part, *t;

		end = strstr(s, sep);
		part = end != NULL ? xstrndup(s, (size_t)(end - s)) : xstrdup(s);
		t = refusal_translate_args(cat, n, part, translate, locale_arg);
		sb_puts(&sb, t != NULL ? t : part);
		free(t);
		free(part);
		if (end == NULL)
			break;
		sb_puts(&sb, sep);
		s = end + strlen(sep);
	}
	return sb_take(&sb);
}

char *db_sentence(const char *english)
{
	return db_sentence_with(catalog, sizeof(catalog) / sizeof(catalog[0]), english, translate_gettext);
}

char *db_sentence_head(const char *text)
{
	const char *nl;
	char *head, *out;
	struct strbuf sb = STRBUF_INIT;

	if (text == NULL)
		return NULL;
	nl = strchr(text, '\n');
	if (nl == NULL)
		return db_sentence(text);
	head = xstrndup(text, (size_t)(nl - text));
	out = db_sentence(head);
	free(head);
	sb_puts(&sb, out);
	sb_puts(&sb, nl);
	free(out);
	return sb_take(&sb);
}

bool db_sentence_from_return(const char *s)
{
	size_t n = strlen(s), digits = 0;

	if (n > 0 && s[n - 1] == ')')
		n--;
	while (n > 0 && s[n - 1] >= '0' && s[n - 1] <= '9') {
		n--;
		digits++;
	}
	if (digits == 0 || n < 2 || s[n - 2] != 'R' || s[n - 1] != '-')
		return false;
	n -= 2;
	return n == 0 || s[n - 1] == ' ' || s[n - 1] == '(';
}

char *db_sentence_of_return(const char *reason)
{
	if (reason == NULL)
		return NULL;
	return db_sentence_from_return(reason) ? db_sentence(reason) : xstrdup(reason);
}

const struct refusal_text *db_sentence_catalog(size_t *n)
{
	*n = sizeof(catalog) / sizeof(catalog[0]);
	return catalog;
}
