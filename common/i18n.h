#ifndef BACKDESK_I18N_H
#define BACKDESK_I18N_H
/* Every user-visible string goes through _() from the first line: English is the
 * source language, the translations live in po/. */
#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
#define ngettext_(one, many, n) ngettext((one), (many), (n))

void i18n_init(void);

#endif
