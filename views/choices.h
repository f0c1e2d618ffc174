#ifndef BACKDESK_VIEWS_CHOICES_H
#define BACKDESK_VIEWS_CHOICES_H
/* The database's closed lists (db/choices.h) as the forms offer them: loaded once
 * per connection (the console calls choices_load when the session is ready), kept
 * until the next load answers, so a reconnect never empties a form. */
#include <stddef.h>

#include "db/session.h"
#include "tui/form.h"

void choices_load(struct db_session *db);
void choices_free(void);

/* Gives field i of the form the list's codes, shown through `text`.  Returns false
 * while the lists are loading or when the database has no such list; then *why says
 * so (translated; the caller frees) and a new load is under way when one can help. */
bool choices_fill(struct tui_form *f, size_t i, const char *list, tui_choice_text_fn text,
		  char **why);
/* One list's codes as last loaded, NULL-terminated; NULL while none are loaded
 * (a new load is then under way). */
const char *const *choices_codes(const char *list);

#endif
