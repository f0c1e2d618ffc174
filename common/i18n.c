#include "common/i18n.h"

#include "common/locale_fmt.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* A program run from its build folder (build/backdesk) reads that build's catalogs
 * (build/locale, made next to it by the Makefile), so a test or a developer sees
 * today's translations without installing; an installed one has no locale/ folder
 * beside it and reads LOCALEDIR. */
static const char *catalog_dir(char *buf, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", buf, size - 1);
	struct stat st;
	char *slash;

	if (n <= 0 || (size_t)n >= size - 1)
		return LOCALEDIR;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (slash == NULL || (size_t)(slash - buf) + sizeof "/locale" > size)
		return LOCALEDIR;
	memcpy(slash, "/locale", sizeof "/locale");
	if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))
		return LOCALEDIR;
	return buf;
}

const char *i18n_pgettext(const char *ctx, const char *msgid)
{
	char key[256];
	const char *t;
	int n = snprintf(key, sizeof key, "%s\004%s", ctx, msgid);

	if (n < 0 || (size_t)n >= sizeof key)
		return gettext(msgid);
	t = gettext(key);
	return t != key ? t : gettext(msgid);
}

static int codeset_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

void i18n_init(void)
{
	static char dir[PATH_MAX];

	/* Without a locale, wcwidth() and ncursesw treat Ş and ő as garbage. */
	if (setlocale(LC_ALL, "") == NULL)
		(void)setlocale(LC_CTYPE, "C.UTF-8");
	/* The language is the user's (messages); the letters' rules are not: Turkish
	 * case mapping makes strcasecmp("INI", "ini") fail and towlower('I') 'ı', which
	 * would break every ASCII keyword, key name and config value compared without
	 * case.  C.UTF-8 has the same characters and widths without that (names fold
	 * ı and İ on purpose, views/match.c).  Numbers stay C: the program sends and
	 * parses them ("12.50"); common/locale_fmt.c shows them the locale's way,
	 * with the environment's conventions read apart from the program's. */
	(void)locale_fmt_init("");
	if (codeset_is_utf8())
		(void)setlocale(LC_CTYPE, "C.UTF-8");
	(void)setlocale(LC_NUMERIC, "C");
	(void)bindtextdomain("backdesk", catalog_dir(dir, sizeof dir));
	(void)bind_textdomain_codeset("backdesk", "UTF-8");
	(void)textdomain("backdesk");
}
