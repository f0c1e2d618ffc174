#include "views/choices.h"

#include <stdlib.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/choices.h"

static struct {
	struct db_session *db;
	struct db_choices *lists; /* the last answer, or NULL */
	unsigned query;
	char *error;              /* why the last load failed */
} st;

static void on_loaded(const PGresult *res, const char *error, void *arg)
{
	(void)arg;
	st.query = 0;
	free(st.error);
	st.error = NULL;
	if (error != NULL) {
		/* What was loaded before stays: still the lists of this database. */
		st.error = xstrdup(error);
		return;
	}
	db_choices_free(st.lists);
	st.lists = db_choices_parse(res);
}

void choices_load(struct db_session *db)
{
	st.db = db;
	if (st.query == 0)
		st.query = db_choices_load(db, on_loaded, NULL);
}

void choices_free(void)
{
	if (st.query != 0)
		db_session_cancel(st.db, st.query);
	db_choices_free(st.lists);
	free(st.error);
	st.db = NULL;
	st.lists = NULL;
	st.query = 0;
	st.error = NULL;
}

const char *const *choices_codes(const char *list)
{
	const char *const *codes = db_choices_get(st.lists, list);

	if (codes == NULL && st.db != NULL)
		choices_load(st.db);
	return codes;
}

bool choices_fill(struct tui_form *f, size_t i, const char *list, tui_choice_text_fn text,
		  char **why)
{
	const char *const *codes = db_choices_get(st.lists, list);

	if (codes != NULL) {
		tui_form_set_choices(f, i, codes, text);
		return true;
	}
	if (st.lists == NULL && st.query != 0)
		*why = xstrdup(_("the lists are still loading from the database; try again in a moment"));
	else if (st.lists == NULL && st.error != NULL)
		*why = xasprintf(_("could not load the lists from the database: %s"), st.error);
	else
		*why = xasprintf(_("the database offers nothing in its list %s (backdesk.choices): "
				   "ask an administrator"),
				 list);
	/* A failed load, or a list added since: ask again. */
	if (st.db != NULL)
		choices_load(st.db);
	return false;
}
