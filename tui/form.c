#include "tui/form.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "common/xalloc.h"
#include "tui/edit.h"
#include "tui/form_internal.h"

static void free_choices(struct field *fl)
{
	for (size_t c = 0; c < fl->nchoices; c++)
		free(fl->choices[c]);
	free(fl->choices);
	fl->choices = NULL;
	fl->nchoices = 0;
}

static void copy_choices(struct field *fl, const char *const *choices)
{
	size_t n = 0;

	while (choices != NULL && choices[n] != NULL)
		n++;
	fl->choices = xcalloc(n + 1, sizeof *fl->choices);
	for (size_t c = 0; c < n; c++)
		fl->choices[c] = xstrdup(choices[c]);
	fl->nchoices = n;
}

struct tui_form *tui_form_new(const char *title, const struct tui_field_spec *specs, size_t n,
			      void *check_arg)
{
	struct tui_form *f = xcalloc(1, sizeof *f);

	f->title = xstrdup(title != NULL ? title : "");
	f->specs = specs;
	f->n = n;
	f->check_arg = check_arg;
	f->fields = xcalloc(n, sizeof *f->fields);
	for (size_t i = 0; i < n; i++) {
		tui_edit_init(&f->fields[i].edit, specs[i].type == TUI_FIELD_MULTILINE,
			      specs[i].max_len);
		if (specs[i].type == TUI_FIELD_CHOICE)
			copy_choices(&f->fields[i], specs[i].choices);
	}
	return f;
}

void tui_form_free(struct tui_form *f)
{
	if (f == NULL)
		return;
	tui_form_hide(f);
	for (size_t i = 0; i < f->n; i++) {
		tui_edit_free(&f->fields[i].edit);
		free_choices(&f->fields[i]);
		free(f->fields[i].error);
	}
	free(f->fields);
	free(f->title);
	free(f->action);
	tui_wtext_free(&f->view);
	free(f);
}

size_t tui_form_nfields(const struct tui_form *f)
{
	return f->n;
}

const char *tui_form_value(struct tui_form *f, size_t i)
{
	if (i >= f->n)
		return "";
	if (f->specs[i].type == TUI_FIELD_CHOICE) {
		const struct field *fl = &f->fields[i];

		return fl->nchoices > 0 ? fl->choices[(size_t)fl->choice % fl->nchoices] : "";
	}
	return tui_edit_text(&f->fields[i].edit);
}

void tui_form_set_choices(struct tui_form *f, size_t i, const char *const *choices,
			  tui_choice_text_fn text)
{
	struct field *fl;
	char *was;

	if (i >= f->n || f->specs[i].type != TUI_FIELD_CHOICE)
		return;
	fl = &f->fields[i];
	was = xstrdup(tui_form_value(f, i));
	free_choices(fl);
	copy_choices(fl, choices);
	fl->choice_text = text;
	fl->choice = 0;
	tui_form_set_value(f, i, was);
	free(was);
}

int tui_form_choice(const struct tui_form *f, size_t i)
{
	return i < f->n ? f->fields[i].choice : -1;
}

/* "too long" for a value past the field's limit (set from elsewhere: it is kept
 * whole, never cut unseen), else NULL. */
static char *over_limit(const struct tui_form *f, size_t i)
{
	size_t max = f->specs[i].max_len, len;

	if (f->specs[i].type == TUI_FIELD_CHOICE || max == 0)
		return NULL;
	len = tui_edit_len(&f->fields[i].edit);
	if (len <= max)
		return NULL;
	return xasprintf(_("%zu characters, at most %zu here: shorten it, please"), len, max);
}

void tui_form_set_value(struct tui_form *f, size_t i, const char *value)
{
	char *over;

	if (i >= f->n)
		return;
	if (f->specs[i].type == TUI_FIELD_CHOICE) {
		struct field *fl = &f->fields[i];

		for (size_t c = 0; c < fl->nchoices; c++)
			if (value != NULL && strcmp(fl->choices[c], value) == 0)
				fl->choice = (int)c;
		fl->nfilter = 0;
	} else {
		tui_edit_set(&f->fields[i].edit, value);
	}
	over = over_limit(f, i);
	tui_form_set_error(f, i, over);
	free(over);
}

void tui_form_set_error(struct tui_form *f, size_t i, const char *msg)
{
	if (i >= f->n)
		return;
	free(f->fields[i].error);
	f->fields[i].error = msg != NULL ? xstrdup(msg) : NULL;
	tui_form_changed(f);
}

const char *tui_form_error(const struct tui_form *f, size_t i)
{
	return i < f->n ? f->fields[i].error : NULL;
}

bool tui_form_modified(const struct tui_form *f)
{
	return f->modified;
}

void tui_form_mark_saved(struct tui_form *f)
{
	f->modified = false;
}

size_t tui_form_focus(const struct tui_form *f)
{
	return f->focus;
}

void tui_form_set_focus(struct tui_form *f, size_t i)
{
	if (i < f->n)
		f->focus = i;
	tui_form_changed(f);
}

static bool leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

char *tui_check_date(const char *v)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	long y, m, d;

	if (strlen(v) != 10 || v[4] != '-' || v[7] != '-')
		return xstrdup(_("a date like 2026-11-24, please"));
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)v[i]))
			return xstrdup(_("a date like 2026-11-24, please"));
	y = strtol(v, NULL, 10);
	m = strtol(v + 5, NULL, 10);
	d = strtol(v + 8, NULL, 10);
	if (y < 1900 || m < 1 || m > 12 || d < 1 ||
	    d > days[m - 1] + (m == 2 && leap(y) ? 1 : 0))
		return xstrdup(_("no such date"));
	return NULL;
}

char *tui_check_number(const char *v, long long min, long long max)
{
	char *end;
	long long x;

	errno = 0;
	x = strtoll(v, &end, 10);
	if (v[0] == '\0' || isspace((unsigned char)v[0]) || *end != '\0' || errno != 0)
		return xstrdup(_("a whole number, please"));
	if (min < max && (x < min || x > max))
		return xasprintf(_("between %lld and %lld, please"), min, max);
	return NULL;
}

/* Without the app's check, an amount is digits with at most two decimals. */
static char *check_money(const char *v)
{
	size_t i = 0, dec = 0;
	bool sep = false;

	if (v[0] == '\0')
		return xstrdup(_("an amount like 149.90, please"));
	for (; v[i] != '\0'; i++) {
		if (isdigit((unsigned char)v[i])) {
			if (sep)
				dec++;
		} else if ((v[i] == '.' || v[i] == ',') && !sep && i > 0) {
			sep = true;
		} else {
			return xstrdup(_("an amount like 149.90, please"));
		}
	}
	if (dec > 2)
		return xstrdup(_("at most two decimals, please"));
	return NULL;
}

/* Sets (or clears) field i's message; true when the value is fine. */
static bool check_field(struct tui_form *f, size_t i)
{
	const struct tui_field_spec *s = &f->specs[i];
	const char *v = tui_form_value(f, i);
	char *msg = NULL;

	if (s->type == TUI_FIELD_CHOICE) {
		msg = NULL;
	} else if ((msg = over_limit(f, i)) != NULL) {
		/* said above */
	} else if (v[0] == '\0') {
		if (s->required)
			msg = xstrdup(_("required"));
	} else {
		switch (s->type) {
		case TUI_FIELD_NUMBER:
			msg = tui_check_number(v, s->min, s->max);
			break;
		case TUI_FIELD_DATE:
			msg = tui_check_date(v);
			break;
		case TUI_FIELD_MONEY:
			if (s->check == NULL)
				msg = check_money(v);
			break;
		case TUI_FIELD_TEXT:
		case TUI_FIELD_MULTILINE:
		case TUI_FIELD_CHOICE:
		default:
			break;
		}
		if (msg == NULL && s->check != NULL)
			msg = s->check(v, f->check_arg);
	}
	free(f->fields[i].error);
	f->fields[i].error = msg;
	return msg == NULL;
}

bool tui_form_validate(struct tui_form *f)
{
	bool ok = true;
	size_t first = f->n;

	for (size_t i = 0; i < f->n; i++)
		if (!check_field(f, i)) {
			ok = false;
			if (first == f->n)
				first = i;
		}
	if (!ok)
		f->focus = first;
	tui_form_changed(f);
	return ok;
}

static void go(struct tui_form *f, int dir)
{
	if (f->n == 0)
		return;
	f->fields[f->focus].nfilter = 0;
	(void)check_field(f, f->focus);
	if (dir > 0)
		f->focus = (f->focus + 1) % f->n;
	else
		f->focus = (f->focus + f->n - 1) % f->n;
}

enum tui_form_action tui_form_request(struct tui_form *f, int req)
{
	switch (req) {
	case TUI_REQ_NEXT_FIELD:
		go(f, 1);
		return TUI_FORM_CHANGED;
	case TUI_REQ_PREV_FIELD:
		go(f, -1);
		return TUI_FORM_CHANGED;
	case TUI_REQ_SUBMIT:
		return tui_form_validate(f) ? TUI_FORM_SUBMIT : TUI_FORM_CHANGED;
	case TUI_REQ_CANCEL:
		return TUI_FORM_CANCEL;
	default:
		return TUI_FORM_NONE;
	}
}

/* Enter, Down and Up outside a text area: the next or previous field (Enter on the
 * last one submits). */
static enum tui_form_action navigate(struct tui_form *f, tui_key key)
{
	if (key == TUI_KEY_ENTER) {
		if (f->focus + 1 == f->n)
			return tui_form_request(f, TUI_REQ_SUBMIT);
		go(f, 1);
		return TUI_FORM_CHANGED;
	}
	if (key == TUI_KEYCODE(KEY_DOWN))
		return tui_form_request(f, TUI_REQ_NEXT_FIELD);
	if (key == TUI_KEYCODE(KEY_UP))
		return tui_form_request(f, TUI_REQ_PREV_FIELD);
	return TUI_FORM_NONE;
}

static void set_message(struct field *fl, char *msg)
{
	free(fl->error);
	fl->error = msg;
}

const char *tui_form_choice_shown(const struct field *fl, size_t c)
{
	if (c >= fl->nchoices)
		return "";
	return fl->choice_text != NULL ? fl->choice_text(fl->choices[c]) : _(fl->choices[c]);
}

/* t (n bytes) starts with the filter, case aside. */
static bool starts_with(const char *t, size_t n, const wchar_t *filter, size_t nf)
{
	size_t i = 0;

	for (size_t k = 0; k < nf; k++) {
		unsigned cp;

		if (i >= n)
			return false;
		i += tui_utf8_decode(t + i, n - i, &cp);
		if ((wchar_t)towlower((wint_t)cp) != filter[k])
			return false;
	}
	return true;
}

bool tui_form_choice_matches(const struct field *fl, size_t c)
{
	const char *t = tui_form_choice_shown(fl, c);
	size_t n = strlen(t), i = 0;
	bool word_start = true;

	if (fl->nfilter == 0)
		return true;
	while (i < n) {
		unsigned cp;
		size_t used = tui_utf8_decode(t + i, n - i, &cp);

		if (word_start && iswalnum((wint_t)cp) &&
		    starts_with(t + i, n - i, fl->filter, fl->nfilter))
			return true;
		word_start = !iswalnum((wint_t)cp);
		i += used;
	}
	return false;
}

bool tui_form_filtering(const struct field *fl)
{
	return fl->nfilter > 0 && fl->nchoices > FORM_LONG_CHOICES;
}

/* The current choice when it matches the filter, else the first that does; false
 * when none does. */
static bool pick_match(struct field *fl)
{
	if (fl->choice >= 0 && (size_t)fl->choice < fl->nchoices &&
	    tui_form_choice_matches(fl, (size_t)fl->choice))
		return true;
	for (size_t c = 0; c < fl->nchoices; c++)
		if (tui_form_choice_matches(fl, c)) {
			fl->choice = (int)c;
			return true;
		}
	return false;
}

/* Up/Down in the filter list: the previous or next choice that matches. */
static void step_match(struct field *fl, int dir)
{
	int nc = (int)fl->nchoices;

	for (int c = fl->choice + dir; c >= 0 && c < nc; c += dir)
		if (tui_form_choice_matches(fl, (size_t)c)) {
			fl->choice = c;
			return;
		}
}

static void set_filter(struct field *fl, size_t n, wchar_t add)
{
	if (add != 0)
		fl->filter[n++] = add;
	fl->nfilter = n;
	fl->filter[n] = L'\0';
}

static char *filter_utf8(const struct field *fl)
{
	return tui_wcs_to_utf8(fl->filter, fl->nfilter);
}

static enum tui_form_action picked(struct tui_form *f, struct field *fl, int before)
{
	fl->before_filter = before;
	set_message(fl, NULL);
	f->modified = true;
	return TUI_FORM_CHANGED;
}

/* A character typed into a choice field: it picks the choice whose words start
 * with what was typed; a key that matches nothing is no choice's, and goes on to
 * the next field as typed (never dropped). */
static enum tui_form_action choice_type(struct tui_form *f, struct field *fl, tui_key key)
{
	size_t was = fl->nfilter;
	int before = was > 0 ? fl->before_filter : fl->choice;
	wchar_t lk = (wchar_t)towlower((wint_t)key);
	char u[5];

	if (was < FORM_FILTER_MAX) {
		set_filter(fl, was, lk);
		if (pick_match(fl))
			return picked(f, fl, before);
		set_filter(fl, was, 0);
	}
	if (was > 0 && fl->nchoices > FORM_LONG_CHOICES) {
		/* The list is open and shows what was typed: say so, keep it. */
		char *typed, *msg;

		set_filter(fl, was, lk);
		typed = filter_utf8(fl);
		set_filter(fl, was, 0);
		msg = xasprintf(_("nothing here matches \"%s\" (Backspace corrects, Esc closes "
				  "the list)"),
				typed);
		free(typed);
		set_message(fl, msg);
		return TUI_FORM_CHANGED;
	}
	if (was > 0) {
		/* A short list: a new search from this key. */
		set_filter(fl, 0, lk);
		if (pick_match(fl))
			return picked(f, fl, before);
	}
	set_filter(fl, 0, 0);
	if (f->focus + 1 < f->n) {
		enum tui_form_action a;

		go(f, 1);
		a = tui_form_key(f, key);
		return a == TUI_FORM_NONE ? TUI_FORM_CHANGED : a;
	}
	u[tui_utf8_encode(key, u)] = '\0';
	set_message(fl, xasprintf(_("nothing here matches \"%s\""), u));
	return TUI_FORM_CHANGED;
}

static enum tui_form_action choice_key(struct tui_form *f, struct field *fl, tui_key key)
{
	int nc = (int)fl->nchoices;

	if (key == TUI_KEY_ESC) {
		/* Esc closes an open list first, back to what was chosen before; a
		 * short list shows none, and Esc is the dialog's. */
		if (!tui_form_filtering(fl))
			return TUI_FORM_NONE;
		fl->choice = fl->before_filter;
		set_filter(fl, 0, 0);
		set_message(fl, NULL);
		return TUI_FORM_CHANGED;
	}
	if (tui_form_filtering(fl) &&
	    (key == TUI_KEYCODE(KEY_UP) || key == TUI_KEYCODE(KEY_DOWN))) {
		step_match(fl, key == TUI_KEYCODE(KEY_DOWN) ? 1 : -1);
		f->modified = true;
		return TUI_FORM_CHANGED;
	}
	if (key == TUI_KEY_ENTER || key == TUI_KEYCODE(KEY_UP) || key == TUI_KEYCODE(KEY_DOWN)) {
		set_filter(fl, 0, 0);
		return navigate(f, key);
	}
	if (key == TUI_KEYCODE(KEY_BACKSPACE)) {
		if (fl->nfilter == 0)
			return TUI_FORM_NONE;
		set_filter(fl, fl->nfilter - 1, 0);
		(void)pick_match(fl);
		set_message(fl, NULL);
		return TUI_FORM_CHANGED;
	}
	if (nc > 0 && (key == TUI_KEYCODE(KEY_LEFT) || key == TUI_KEYCODE(KEY_RIGHT) ||
		       (key == ' ' && fl->nfilter == 0))) {
		int was = fl->choice;

		if (key == TUI_KEYCODE(KEY_LEFT))
			fl->choice = (fl->choice + nc - 1) % nc;
		else
			fl->choice = (fl->choice + 1) % nc;
		set_filter(fl, 0, 0);
		/* A list of one goes round to itself: no draft to ask about on quitting. */
		if (fl->choice != was)
			f->modified = true;
		return TUI_FORM_CHANGED;
	}
	if (tui_key_is_text(key))
		return choice_type(f, fl, key);
	return TUI_FORM_NONE;
}

/* At the limit a key that would add a character says so instead of vanishing. */
static enum tui_form_action at_limit(struct field *fl, const struct tui_field_spec *s)
{
	set_message(fl, xasprintf(_("at most %zu characters here: no more go in"), s->max_len));
	return TUI_FORM_CHANGED;
}

static bool full(const struct field *fl, const struct tui_field_spec *s)
{
	return s->max_len > 0 && tui_edit_len(&fl->edit) >= s->max_len;
}

enum tui_form_action tui_form_key(struct tui_form *f, tui_key key)
{
	struct field *fl;
	const struct tui_field_spec *s;
	size_t before;
	bool was_full;

	if (f->n == 0)
		return TUI_FORM_NONE;
	fl = &f->fields[f->focus];
	s = &f->specs[f->focus];
	if (s->type == TUI_FIELD_CHOICE)
		return choice_key(f, fl, key);
	if (s->type != TUI_FIELD_MULTILINE &&
	    (key == TUI_KEY_ENTER || key == TUI_KEYCODE(KEY_DOWN) || key == TUI_KEYCODE(KEY_UP)))
		return navigate(f, key);
	if (key == TUI_KEY_ESC)
		return TUI_FORM_NONE;
	before = tui_edit_len(&fl->edit);
	was_full = full(fl, s);
	if (!tui_edit_key(&fl->edit, key))
		return tui_key_is_text(key) && was_full ? at_limit(fl, s) : TUI_FORM_NONE;
	if (key == TUI_KEY_ENTER && was_full && tui_edit_len(&fl->edit) == before)
		return at_limit(fl, s);
	if (tui_edit_len(&fl->edit) != before || tui_key_is_text(key)) {
		size_t i = f->focus;

		f->modified = true;
		/* The old message no longer describes what is there. */
		set_message(fl, over_limit(f, i));
	}
	return TUI_FORM_CHANGED;
}

enum tui_form_action tui_form_paste(struct tui_form *f, const char *utf8)
{
	size_t n = utf8 != NULL ? strlen(utf8) : 0, i = 0, chars;
	struct field *fl;
	const struct tui_field_spec *s;

	if (f->n == 0 || n == 0)
		return TUI_FORM_NONE;
	/* Into a choice field it is typing (which may move on to a text field). */
	while (i < n && f->specs[f->focus].type == TUI_FIELD_CHOICE) {
		unsigned cp;

		i += tui_utf8_decode(utf8 + i, n - i, &cp);
		if (cp == '\n' || cp == '\r' || cp == '\t')
			cp = ' ';
		if (!tui_key_is_text(cp) || (cp == ' ' && f->fields[f->focus].nfilter == 0))
			continue;
		(void)choice_type(f, &f->fields[f->focus], cp);
		if (f->fields[f->focus].error != NULL &&
		    f->specs[f->focus].type == TUI_FIELD_CHOICE)
			return TUI_FORM_CHANGED; /* matched nothing, said so */
	}
	if (i >= n)
		return TUI_FORM_CHANGED;
	fl = &f->fields[f->focus];
	s = &f->specs[f->focus];
	if (!tui_edit_paste(&fl->edit, utf8 + i, &chars)) {
		size_t len = tui_edit_len(&fl->edit);

		set_message(fl, xasprintf(_("nothing pasted: %zu characters, room for %zu (%zu at most)"),
					  chars, len < s->max_len ? s->max_len - len : 0, s->max_len));
		return TUI_FORM_CHANGED;
	}
	f->modified = true;
	set_message(fl, over_limit(f, f->focus));
	return TUI_FORM_CHANGED;
}

char *tui_form_draft_note(char *all, const struct tui_form *f, const char *title, const char *where)
{
	char *one, *both;

	if (f == NULL || tui_form_shown(f) || !tui_form_modified(f))
		return all;
	one = xasprintf(_("the draft of “%s” on %s"), title, where);
	if (all == NULL)
		return one;
	both = xasprintf("%s, %s", all, one);
	free(all);
	free(one);
	return both;
}
