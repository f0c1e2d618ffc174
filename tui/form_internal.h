#ifndef BACKDESK_TUI_FORM_INTERNAL_H
#define BACKDESK_TUI_FORM_INTERNAL_H
/* Shared by tui/form.c (the logic) and tui/form_pane.c (the dialog) only. */
#include "tui/edit.h"
#include "tui/form.h"

/* A choice list longer than this filters as one types, in a list under the field;
 * a shorter one takes the first choice that matches at once. */
#define FORM_LONG_CHOICES 8
#define FORM_FILTER_MAX 40

struct field {
	struct tui_edit edit;
	/* CHOICE: the form's own copy of the choices, and how to show one. */
	char **choices;
	size_t nchoices;
	tui_choice_text_fn choice_text;
	int choice;
	/* CHOICE: what was typed to find one, and the choice before the typing (Esc
	 * goes back to it). */
	wchar_t filter[FORM_FILTER_MAX + 1];
	size_t nfilter;
	int before_filter;
	char *error;
};

struct tui_form {
	char *title;
	const struct tui_field_spec *specs;
	size_t n, focus;
	struct field *fields;
	void *check_arg;
	bool modified;
	/* The dialog, while shown. */
	struct tui_pane *pane;
	struct tui_form_hooks hooks;
	int scroll;
	struct tui_wtext view;
	/* What submitting does (tui_form_set_action), and the question before it. */
	char *action;
	tui_form_confirm_fn confirm;
	struct form_asking *asking; /* the question while it is open */
};

/* Something to redraw (a no-op while hidden). */
void tui_form_changed(struct tui_form *f);
/* What people read for choice c. */
const char *tui_form_choice_shown(const struct field *fl, size_t c);
/* Whether choice c matches the field's filter: it starts a word of what is shown
 * (case aside). */
bool tui_form_choice_matches(const struct field *fl, size_t c);
/* The filter list is open: a long choice list with something typed. */
bool tui_form_filtering(const struct field *fl);

#endif
