#include "tui/form.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

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

void tui_form_set_value(struct tui_form *f, size_t i, const char *value)
{
	if (i >= f->n)
		return;
	if (f->specs[i].type == TUI_FIELD_CHOICE) {
		struct field *fl = &f->fields[i];

		for (size_t c = 0; c < fl->nchoices; c++)
			if (value != NULL && strcmp(fl->choices[c], value) == 0)
				fl->choice = (int)c;
	} else {
		tui_edit_set(&f->fields[i].edit, value);
	}
	tui_form_set_error(f, i, NULL);
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

static enum tui_form_action choice_key(struct tui_form *f, struct field *fl, tui_key key)
{
	int nc = (int)fl->nchoices;

	if (nc == 0)
		return TUI_FORM_NONE;
	if (key == TUI_KEYCODE(KEY_LEFT))
		fl->choice = (fl->choice + nc - 1) % nc;
	else if (key == TUI_KEYCODE(KEY_RIGHT) || key == ' ')
		fl->choice = (fl->choice + 1) % nc;
	else
		return TUI_FORM_NONE;
	f->modified = true;
	return TUI_FORM_CHANGED;
}

enum tui_form_action tui_form_key(struct tui_form *f, tui_key key)
{
	struct field *fl;
	const struct tui_field_spec *s;
	size_t before;

	if (f->n == 0)
		return TUI_FORM_NONE;
	fl = &f->fields[f->focus];
	s = &f->specs[f->focus];
	if (key == TUI_KEY_ENTER && s->type != TUI_FIELD_MULTILINE) {
		if (f->focus + 1 == f->n)
			return tui_form_request(f, TUI_REQ_SUBMIT);
		go(f, 1);
		return TUI_FORM_CHANGED;
	}
	if (s->type != TUI_FIELD_MULTILINE) {
		if (key == TUI_KEYCODE(KEY_DOWN))
			return tui_form_request(f, TUI_REQ_NEXT_FIELD);
		if (key == TUI_KEYCODE(KEY_UP))
			return tui_form_request(f, TUI_REQ_PREV_FIELD);
	}
	if (s->type == TUI_FIELD_CHOICE)
		return choice_key(f, fl, key);
	before = fl->edit.len;
	if (!tui_edit_key(&fl->edit, key))
		return TUI_FORM_NONE;
	if (fl->edit.len != before || tui_key_is_text(key)) {
		f->modified = true;
		/* The old message no longer describes what is there. */
		free(fl->error);
		fl->error = NULL;
	}
	return TUI_FORM_CHANGED;
}
