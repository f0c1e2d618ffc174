#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "tui/doc.h"
#include "views/views.h"

const char *views_error(const PGresult *res, const char *error)
{
	(void)res;
	/* The user pressed Esc; a server time-out (the same SQLSTATE) says so itself. */
	if (db_session_error_is_esc(error))
		return _("cancelled; F5 loads it again");
	return error;
}

json_t *views_json_result(struct tui_pane *p, const PGresult *res, const char *error,
			  bool shown, const char *what)
{
	struct tui_doc *d = tui_doc_pane_doc(p);
	json_error_t jerr;
	json_t *doc;

	if (error != NULL) {
		error = views_error(res, error);
		/* A reload that fails keeps what is on screen. */
		if (!shown) {
			tui_doc_clear(d);
			tui_doc_text(d, TUI_ATTR_ERROR, error);
		}
		tui_pane_message(p, true, error);
		tui_pane_dirty(p);
		return NULL;
	}
	doc = json_loads(PQgetvalue(res, 0, 0), 0, &jerr);
	if (doc == NULL) {
		char *m = xasprintf(_("%s could not be read: %s"), what, jerr.text);

		tui_pane_message(p, true, m);
		free(m);
	}
	return doc;
}
