#ifndef BACKDESK_TUI_FORM_H
#define BACKDESK_TUI_FORM_H
/* A form: labelled fields, each checked when left and all checked on submit, with
 * the message next to the field.  The form is the view's object and outlives its
 * dialog: hiding it (Esc, a lost connection, a conflict) keeps every value, and
 * showing it again brings them back as they were typed.
 *
 *   Tab / Shift-Tab (or Down / Up)  next / previous field
 *   Enter                           next field; on the last one, submit
 *   F2, Ctrl-S                      submit (named by tui_form_set_action)
 *   Esc, F10                        back (values kept)
 *   Left/Right/Space                change a choice
 *   letters in a choice field       pick the choice whose words start so; a key
 *                                   no choice starts with goes to the next field
 *                                   (typing is never lost); a long list (more
 *                                   than 8) shows the matches under the field:
 *                                   Up/Down pick, Enter takes, Esc goes back
 *
 * A field with a limit (max_len) shows "183/200" once 80% full, and refuses more
 * with a message: typing, pasting, and a value set from elsewhere (kept whole and
 * refused on submit) are never cut unseen.  Multi-line fields wrap words.
 *
 * The logic (tui_form_key, tui_form_validate, values) needs no terminal. */
#include <stdbool.h>
#include <stddef.h>

#include "tui/key.h"
#include "tui/ui.h"

enum tui_field_type {
	TUI_FIELD_TEXT,
	TUI_FIELD_NUMBER,    /* a whole number, optionally within [min, max] */
	TUI_FIELD_MONEY,     /* checked by `check` (amounts are the app's business) */
	TUI_FIELD_DATE,      /* YYYY-MM-DD, a real calendar date */
	TUI_FIELD_CHOICE,    /* one of `choices` */
	TUI_FIELD_MULTILINE, /* Enter breaks the line */
};

/* NULL when value is fine, else a translated message the form frees. */
typedef char *(*tui_check_fn)(const char *value, void *arg);
/* What people read for a choice (translated); the choice itself is the value. */
typedef const char *(*tui_choice_text_fn)(const char *choice);

struct tui_field_spec {
	enum tui_field_type type;
	const char *label;          /* N_() */
	bool required;
	size_t max_len;             /* characters; 0: no limit */
	long long min, max;         /* NUMBER: a range when min < max */
	const char *const *choices; /* CHOICE: N_() strings, NULL-terminated (or set later) */
	int lines;                  /* MULTILINE: rows shown (0: 3) */
	tui_check_fn check;         /* extra check, for non-empty values */
};

enum tui_form_action { TUI_FORM_NONE, TUI_FORM_CHANGED, TUI_FORM_SUBMIT, TUI_FORM_CANCEL };

struct tui_form;

/* specs must outlive the form; check_arg is passed to every check. */
struct tui_form *tui_form_new(const char *title, const struct tui_field_spec *specs, size_t n,
			      void *check_arg);
/* Closes its dialog first when shown. */
void tui_form_free(struct tui_form *f);

size_t tui_form_nfields(const struct tui_form *f);
/* The value as UTF-8 (a CHOICE gives its untranslated choice string); valid until
 * the field changes. */
const char *tui_form_value(struct tui_form *f, size_t i);
int tui_form_choice(const struct tui_form *f, size_t i);
void tui_form_set_value(struct tui_form *f, size_t i, const char *value);
/* A CHOICE field's choices from elsewhere (a list the database keeps): copied, so
 * `choices` (NULL-terminated) need not outlive the call.  The current choice stays
 * when it is still there, else the first is chosen.  text NULL shows _(choice). */
void tui_form_set_choices(struct tui_form *f, size_t i, const char *const *choices,
			  tui_choice_text_fn text);
/* A message from elsewhere (the server refused the value); NULL clears. */
void tui_form_set_error(struct tui_form *f, size_t i, const char *msg);
const char *tui_form_error(const struct tui_form *f, size_t i);
/* Checks every field; false when any is wrong (the focus goes to the first). */
bool tui_form_validate(struct tui_form *f);
/* Something was typed since the form was made or last marked saved. */
bool tui_form_modified(const struct tui_form *f);
void tui_form_mark_saved(struct tui_form *f);
size_t tui_form_focus(const struct tui_form *f);
void tui_form_set_focus(struct tui_form *f, size_t i);

/* Keys and requests as the dialog feeds them. */
enum tui_form_action tui_form_key(struct tui_form *f, tui_key key);
/* Pasted text into the focused field, as text (tui_edit_paste): all of it or,
 * when it does not fit, none of it with a message.  Into a choice field it is
 * typed (and may go on to the next field). */
enum tui_form_action tui_form_paste(struct tui_form *f, const char *utf8);
enum tui_form_action tui_form_request(struct tui_form *f, int request);

/* The built-in checks, for the app's own use too (messages translated; the
 * caller frees; NULL when fine). */
char *tui_check_date(const char *value);
char *tui_check_number(const char *value, long long min, long long max);

struct tui_form_hooks {
	/* The values passed every check.  Return true to close the dialog. */
	bool (*submit)(struct tui_form *f, void *arg);
	/* Esc: the dialog closes; the values stay in the form. */
	void (*cancel)(struct tui_form *f, void *arg);
	void *arg;
	/* A key or a paste went into a field (the user is typing); NULL: nobody asks.
	 * Last, so the older three-part initializers read as before. */
	void (*changed)(struct tui_form *f, void *arg);
};

/* What F2 does, in the F-key bar and the help ("Cancel the order"; translated,
 * copied).  Without one it says "Save". */
void tui_form_set_action(struct tui_form *f, const char *label);
/* Asked once the values passed every check, before submit: the effect of the
 * action in words ("Cancel SO-…: refund 52,480.00 HUF to the card"), which the
 * user confirms (y, Enter) or not (n, Esc: back to the form, values kept).  It
 * returns a translated text the form frees, or NULL to submit without asking.
 * arg is the hooks' arg. */
typedef char *(*tui_form_confirm_fn)(struct tui_form *f, void *arg);
void tui_form_set_confirm(struct tui_form *f, tui_form_confirm_fn fn);

void tui_form_show(struct tui_ui *ui, struct tui_form *f, const struct tui_form_hooks *hooks);
/* Closes the dialog, keeping the values. */
void tui_form_hide(struct tui_form *f);
bool tui_form_shown(const struct tui_form *f);
/* For "quit anyway?": all (may be NULL; taken) followed by "the draft of “title”
 * on where" when f holds typed text and is off screen (a form on screen answers
 * for itself).  Returns the list, or NULL when there is nothing; caller frees. */
char *tui_form_draft_note(char *all, const struct tui_form *f, const char *title, const char *where);

#endif
