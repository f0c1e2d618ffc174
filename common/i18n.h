#ifndef BACKDESK_I18N_H
#define BACKDESK_I18N_H
/* Every user-visible string goes through _() from the first line: English is the
 * source language, the translations live in po/. */
#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
#define ngettext_(one, many, n) ngettext((one), (many), (n))
/* A word English uses for two things ("Open": the key that opens, the view of open
 * tickets) gets a context, so each language can say them apart: NC_ marks it,
 * i18n_pgettext (glibc has no pgettext) translates it with the same context; with
 * no translation in that context, the plain one. */
#define NC_(ctx, s) (s)
const char *i18n_pgettext(const char *ctx, const char *msgid);

void i18n_init(void);

#endif
