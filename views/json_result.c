#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "tui/doc.h"
#include "views/views.h"

const char *views_error(const PGresult *res, const char *error)
{
	const char *state = res != NULL ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

	/* 57014: the user pressed Esc (db_session_interrupt). */
	if (state != NULL && strcmp(state, "57014") == 0)
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
