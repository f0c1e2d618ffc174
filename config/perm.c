#include "config/perm.h"

#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/strbuf.h"
#include "common/xalloc.h"

/* The path as it must be typed into a shell, for the chmod hint. */
static char *shell_quote(const char *s)
{
	static const char safe[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				   "0123456789/._-+,:@%=";
	struct strbuf sb = STRBUF_INIT;

	if (*s != '\0' && s[strspn(s, safe)] == '\0')
		return xstrdup(s);
	sb_putc(&sb, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			sb_puts(&sb, "'\\''");
		else
			sb_putc(&sb, *s);
	}
	sb_putc(&sb, '\'');
	return sb_take(&sb);
}

char *config_perm_refusal(const char *path, mode_t mode, enum config_perm_kind kind)
{
	unsigned m = (unsigned)(mode & 07777);
	bool readable = (m & 044) != 0;
	char *quoted, *msg;

	if ((m & 077) == 0)
		return NULL;
	quoted = shell_quote(path);
	/* Whole sentences, one per case, so that each can be translated as one. */
	if (kind == CONFIG_PERM_INI)
		msg = readable ? xasprintf(_("config file %s holds a password and is readable by "
					     "group or others (mode %04o); run: chmod 600 %s"),
					   path, m, quoted)
			       : xasprintf(_("config file %s holds a password and is open to group "
					     "or others (mode %04o); run: chmod 600 %s"),
					   path, m, quoted);
	else
		msg = readable ? xasprintf(_("secret file %s is readable by group or others (mode "
					     "%04o); run: chmod 600 %s"),
					   path, m, quoted)
			       : xasprintf(_("secret file %s is open to group or others (mode %04o); "
					     "run: chmod 600 %s"),
					   path, m, quoted);
	free(quoted);
	return msg;
}
