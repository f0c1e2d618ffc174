#include "common/i18n.h"

#include <locale.h>

void i18n_init(void)
{
	/* Without a locale, wcwidth() and ncursesw treat Ş and ő as garbage. */
	if (setlocale(LC_ALL, "") == NULL)
		(void)setlocale(LC_CTYPE, "C.UTF-8");
	(void)bindtextdomain("backdesk", LOCALEDIR);
	(void)bind_textdomain_codeset("backdesk", "UTF-8");
	(void)textdomain("backdesk");
}
