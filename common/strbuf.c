#include "common/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/fatal.h"
#include "common/i18n.h"
#include "common/xalloc.h"

void sb_add(struct strbuf *sb, const char *s, size_t n)
{
	sb->s = xgrow(sb->s, &sb->cap, sb->len + n + 1, 1);
	memcpy(sb->s + sb->len, s, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void sb_puts(struct strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void sb_putc(struct strbuf *sb, char c)
{
	sb_add(sb, &c, 1);
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	sb_puts(sb, s);
	free(s);
}

void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->s != NULL)
		sb->s[0] = '\0';
}

char *sb_take(struct strbuf *sb)
{
	char *s = sb->s != NULL ? sb->s : xstrdup("");

	sb->s = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void sb_free(struct strbuf *sb)
{
	free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
}

size_t sb_copy_utf8(const struct strbuf *sb, char *buf, size_t n)
{
	size_t len = sb->len, k;

	if (n == 0)
		return len;
	k = len < n - 1 ? len : n - 1;
	while (k < len && k > 0 && ((unsigned char)sb->s[k] & 0xC0) == 0x80)
		k--;
	if (k > 0)
		memcpy(buf, sb->s, k);
	buf[k] = '\0';
	return len;
}
