/* tui/edit and tui/form: UTF-8 editing keys, field checks and their messages, and
 * values that survive hiding the form. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <cmocka.h>
#include <locale.h>

#include "common/xalloc.h"
#include "tui/edit.h"
#include "tui/form.h"
#include "tui/prompt.h"
#include "tui/confirm.h"
#include "tui/ui.h"

static void type(struct tui_edit *e, const char *utf8)
{
	size_t i = 0, n = strlen(utf8);

	while (i < n) {
		unsigned cp;

		i += tui_utf8_decode(utf8 + i, n - i, &cp);
		assert_true(tui_edit_key(e, cp));
	}
}

static void edits_utf8_text(void **state)
{
	struct tui_edit e;

	(void)state;
	tui_edit_init(&e, false, 0);
	type(&e, "Şükrü Öztürk");
	assert_string_equal(tui_edit_text(&e), "Şükrü Öztürk");
	assert_true(tui_edit_key(&e, TUI_KEYCODE(KEY_BACKSPACE)));
	assert_string_equal(tui_edit_text(&e), "Şükrü Öztür");
	/* Ctrl-W: the word before the cursor. */
	assert_true(tui_edit_key(&e, TUI_KEY_CTRL('W')));
	assert_string_equal(tui_edit_text(&e), "Şükrü ");
	assert_true(tui_edit_key(&e, TUI_KEYCODE(KEY_HOME)));
	assert_true(tui_edit_key(&e, TUI_KEYCODE(KEY_DC)));
	assert_string_equal(tui_edit_text(&e), "ükrü ");
	assert_true(tui_edit_key(&e, TUI_KEYCODE(KEY_RIGHT)));
	type(&e, "ş");
	assert_string_equal(tui_edit_text(&e), "üşkrü ");
	assert_true(tui_edit_key(&e, TUI_KEYCODE(KEY_END)));
	type(&e, "Árvíztűrő");
	assert_true(tui_edit_key(&e, TUI_KEYCODE(KEY_LEFT)));
	assert_true(tui_edit_key(&e, TUI_KEYCODE(KEY_LEFT)));
	/* Ctrl-U: everything before the cursor; Ctrl-K: everything after. */
	assert_true(tui_edit_key(&e, TUI_KEY_CTRL('U')));
	assert_string_equal(tui_edit_text(&e), "rő");
	assert_true(tui_edit_key(&e, TUI_KEY_CTRL('K')));
	assert_string_equal(tui_edit_text(&e), "");
	assert_true(tui_edit_empty(&e));
	/* Control characters are never typed in; other keys are not editing keys. */
	assert_false(tui_edit_key(&e, TUI_KEY_ESC));
	assert_false(tui_edit_key(&e, TUI_KEYCODE(KEY_F(2))));
	/* Pasted text is sanitized. */
	tui_edit_set(&e, "a\x1b[2Jb");
	assert_string_equal(tui_edit_text(&e), "a\xe2\x90\x9b[2Jb");
	tui_edit_free(&e);
}

static void the_view_scrolls_with_the_cursor(void **state)
{
	struct tui_edit e;
	struct tui_wtext v = TUI_WTEXT_INIT;
	int cx;

	(void)state;
	tui_edit_init(&e, false, 0);
	type(&e, "田中太郎田中太郎");
	tui_edit_view(&e, 6, &v, &cx);
	/* The cursor (at the end) needs a cell of its own. */
	assert_true(cx <= 5);
	assert_true(v.cells <= 6);
	assert_true(v.s[v.len - 1] == L'郎');
	assert_true(tui_edit_key(&e, TUI_KEYCODE(KEY_HOME)));
	tui_edit_view(&e, 6, &v, &cx);
	assert_int_equal(cx, 0);
	assert_true(v.s[0] == L'田');
	tui_wtext_free(&v);
	tui_edit_free(&e);
}

static void multi_line_editing(void **state)
{
	struct tui_edit e;
	struct tui_wtext v = TUI_WTEXT_INIT;
	int cx;

	(void)state;
	tui_edit_init(&e, true, 0);
	type(&e, "first");
	assert_true(tui_edit_key(&e, TUI_KEY_ENTER));
	type(&e, "2nd");
	assert_string_equal(tui_edit_text(&e), "first\n2nd");
	assert_int_equal(tui_edit_nlines(&e), 2);
	assert_int_equal(tui_edit_cursor_line(&e), 1);
	assert_true(tui_edit_key(&e, TUI_KEYCODE(KEY_UP)));
	assert_int_equal(tui_edit_cursor_line(&e), 0);
	tui_edit_set_width(&e, 10);
	tui_edit_row_view(&e, 0, &v, &cx);
	assert_int_equal(cx, 3);
	tui_edit_row_view(&e, 1, &v, &cx);
	assert_int_equal(cx, -1);
	assert_int_equal(v.cells, 3);
	tui_wtext_free(&v);
	tui_edit_free(&e);
}

/* Multi-line text wraps at words, never scrolls sideways; Up/Down go through the
 * rows shown. */
static void multi_line_wraps_words(void **state)
{
	struct tui_edit e;
	struct tui_wtext v = TUI_WTEXT_INIT;
	int cx;

	(void)state;
	tui_edit_init(&e, true, 0);
	tui_edit_set_width(&e, 10);
	type(&e, "the quick brown fox jumps");
	assert_int_equal(tui_edit_nlines(&e), 1);
	assert_int_equal(tui_edit_rows(&e), 3);
	tui_edit_row_view(&e, 0, &v, &cx);
	assert_true(wcscmp(v.s, L"the quick ") == 0);
	assert_int_equal(cx, -1);
	tui_edit_row_view(&e, 1, &v, &cx);
	assert_true(wcscmp(v.s, L"brown fox ") == 0);
	tui_edit_row_view(&e, 2, &v, &cx);
	assert_true(wcscmp(v.s, L"jumps") == 0);
	assert_int_equal(cx, 5); /* after "jumps", on the third row */
	assert_int_equal(tui_edit_cursor_row(&e), 2);
	/* Up: the same column one row up, inside "brown". */
	assert_true(tui_edit_key(&e, TUI_KEYCODE(KEY_UP)));
	assert_int_equal(tui_edit_cursor_row(&e), 1);
	tui_edit_row_view(&e, 1, &v, &cx);
	assert_int_equal(cx, 5);
	assert_true(tui_edit_key(&e, TUI_KEYCODE(KEY_UP)));
	assert_false(tui_edit_key(&e, TUI_KEYCODE(KEY_UP)));
	assert_true(tui_edit_key(&e, TUI_KEYCODE(KEY_DOWN)));
	assert_true(tui_edit_key(&e, TUI_KEYCODE(KEY_DOWN)));
	assert_int_equal(tui_edit_cursor_row(&e), 2);
	assert_false(tui_edit_key(&e, TUI_KEYCODE(KEY_DOWN)));
	/* Two rows shown: the cursor's row is one of them. */
	assert_int_equal(tui_edit_first_row(&e, 2), 1);
	/* A word longer than a row is cut where the row ends. */
	tui_edit_set(&e, "abcdefghijkl");
	assert_int_equal(tui_edit_rows(&e), 2);
	tui_edit_row_view(&e, 0, &v, &cx);
	assert_int_equal(v.cells, 10);
	/* A row filled to its end leaves the cursor a row of its own. */
	tui_edit_set(&e, "abcdefghij");
	assert_int_equal(tui_edit_rows(&e), 2);
	assert_int_equal(tui_edit_cursor_row(&e), 1);
	tui_edit_row_view(&e, 1, &v, &cx);
	assert_int_equal(cx, 0);
	/* Kept text shown again: the cursor at its end, on the last rows. */
	tui_edit_set(&e, "one\ntwo\nthree\nfour\nfive\nsix");
	assert_int_equal(tui_edit_first_row(&e, 4), 2);
	tui_wtext_free(&v);
	tui_edit_free(&e);
}

static char *check_amount(const char *v, void *arg)
{
	(void)arg;
	return strcmp(v, "999.99") == 0 ? xstrdup("over your limit") : NULL;
}

static const char *const kinds[] = { "call", "e-mail", "chat", NULL };

static const struct tui_field_spec fields[] = {
	{ TUI_FIELD_TEXT, "Subject", true, 20, 0, 0, NULL, 0, NULL },
	{ TUI_FIELD_NUMBER, "Minutes", false, 0, 1, 600, NULL, 0, NULL },
	{ TUI_FIELD_MONEY, "Amount", false, 12, 0, 0, NULL, 0, check_amount },
	{ TUI_FIELD_DATE, "Call back", false, 10, 0, 0, NULL, 0, NULL },
	{ TUI_FIELD_CHOICE, "Kind", false, 0, 0, 0, kinds, 0, NULL },
	{ TUI_FIELD_MULTILINE, "Text", false, 0, 0, 0, NULL, 3, NULL },
};

static void feed(struct tui_form *f, const char *utf8)
{
	size_t i = 0, n = strlen(utf8);

	while (i < n) {
		unsigned cp;

		i += tui_utf8_decode(utf8 + i, n - i, &cp);
		assert_int_equal(tui_form_key(f, cp), TUI_FORM_CHANGED);
	}
}

static void fields_are_checked(void **state)
{
	struct tui_form *f = tui_form_new("Note", fields, 6, NULL);
	char *m;

	(void)state;
	/* Required. */
	assert_false(tui_form_validate(f));
	assert_string_equal(tui_form_error(f, 0), "required");
	assert_int_equal(tui_form_focus(f), 0);
	feed(f, "Kargo gecikti");
	assert_null(tui_form_error(f, 0));
	assert_true(tui_form_modified(f));
	/* Tab checks the field it leaves. */
	assert_int_equal(tui_form_request(f, TUI_REQ_NEXT_FIELD), TUI_FORM_CHANGED);
	feed(f, "12a");
	assert_int_equal(tui_form_request(f, TUI_REQ_NEXT_FIELD), TUI_FORM_CHANGED);
	assert_string_equal(tui_form_error(f, 1), "a whole number, please");
	assert_int_equal(tui_form_focus(f), 2);
	tui_form_set_value(f, 1, "601");
	feed(f, "999.99");
	assert_false(tui_form_validate(f));
	assert_string_equal(tui_form_error(f, 1), "between 1 and 600, please");
	assert_string_equal(tui_form_error(f, 2), "over your limit");
	/* The focus goes to the first field in error. */
	assert_int_equal(tui_form_focus(f), 1);
	tui_form_set_value(f, 1, "15");
	tui_form_set_value(f, 2, "12.50");
	tui_form_set_value(f, 3, "2026-02-29");
	assert_false(tui_form_validate(f));
	assert_string_equal(tui_form_error(f, 3), "no such date");
	tui_form_set_value(f, 3, "2028-02-29");
	assert_true(tui_form_validate(f));
	/* Choices cycle; the value is the untranslated choice. */
	tui_form_set_focus(f, 4);
	assert_string_equal(tui_form_value(f, 4), "call");
	assert_int_equal(tui_form_key(f, TUI_KEYCODE(KEY_LEFT)), TUI_FORM_CHANGED);
	assert_string_equal(tui_form_value(f, 4), "chat");
	assert_int_equal(tui_form_key(f, ' '), TUI_FORM_CHANGED);
	assert_string_equal(tui_form_value(f, 4), "call");
	/* Enter moves on; in the multi-line field it breaks the line; on the last
	 * single-line field it submits. */
	assert_int_equal(tui_form_key(f, TUI_KEY_ENTER), TUI_FORM_CHANGED);
	assert_int_equal(tui_form_focus(f), 5);
	feed(f, "a");
	assert_int_equal(tui_form_key(f, TUI_KEY_ENTER), TUI_FORM_CHANGED);
	feed(f, "b");
	assert_string_equal(tui_form_value(f, 5), "a\nb");
	assert_int_equal(tui_form_request(f, TUI_REQ_SUBMIT), TUI_FORM_SUBMIT);
	assert_int_equal(tui_form_request(f, TUI_REQ_CANCEL), TUI_FORM_CANCEL);
	/* A refusal from elsewhere lands next to its field. */
	tui_form_set_error(f, 2, "refund exceeds payment");
	assert_string_equal(tui_form_error(f, 2), "refund exceeds payment");
	tui_form_free(f);

	m = tui_check_date("2026-13-01");
	assert_string_equal(m, "no such date");
	free(m);
	m = tui_check_date("26-1-1");
	assert_non_null(m);
	free(m);
	assert_null(tui_check_date("2024-02-29"));
	assert_null(tui_check_number("-5", 0, 0));
	m = tui_check_number("", 0, 0);
	assert_non_null(m);
	free(m);
}

/* The limit: typing stops with a message, a paste goes in whole or not at all,
 * a value from elsewhere is kept whole and refused on submit. */
static void limits_are_said_not_cut(void **state)
{
	static const struct tui_field_spec lim[] = {
		{ TUI_FIELD_TEXT, "Street", true, 10, 0, 0, NULL, 0, NULL },
		{ TUI_FIELD_MULTILINE, "Note", false, 20, 0, 0, NULL, 3, NULL },
	};
	struct tui_form *f = tui_form_new("Address", lim, 2, NULL);
	char *long_street = xcalloc(601, 1);

	(void)state;
	feed(f, "Bağdat Cd.");
	assert_null(tui_form_error(f, 0));
	/* The 11th character: refused, said, and the key does not fall through. */
	assert_int_equal(tui_form_key(f, 'x'), TUI_FORM_CHANGED);
	assert_string_equal(tui_form_value(f, 0), "Bağdat Cd.");
	assert_non_null(tui_form_error(f, 0));
	assert_non_null(strstr(tui_form_error(f, 0), "at most 10"));
	/* Backspace makes room and clears the message. */
	assert_int_equal(tui_form_key(f, TUI_KEYCODE(KEY_BACKSPACE)), TUI_FORM_CHANGED);
	assert_null(tui_form_error(f, 0));
	/* A paste that does not fit: nothing of it goes in, and the message says so. */
	assert_int_equal(tui_form_paste(f, "No 12 / 4"), TUI_FORM_CHANGED);
	assert_string_equal(tui_form_value(f, 0), "Bağdat Cd");
	assert_non_null(strstr(tui_form_error(f, 0), "nothing pasted"));
	/* One that fits: its line break is a space in a one-line field. */
	tui_form_set_value(f, 0, "");
	assert_int_equal(tui_form_paste(f, "No\n12"), TUI_FORM_CHANGED);
	assert_string_equal(tui_form_value(f, 0), "No 12");
	assert_null(tui_form_error(f, 0));
	/* Set from elsewhere (a draft, a prefill): kept whole, refused on submit. */
	memset(long_street, 'a', 600);
	tui_form_set_value(f, 0, long_street);
	assert_int_equal(strlen(tui_form_value(f, 0)), 600);
	assert_non_null(strstr(tui_form_error(f, 0), "600 characters"));
	assert_false(tui_form_validate(f));
	assert_int_equal(tui_form_focus(f), 0);
	/* Multi-line: a line break stays one, CR LF is one, Esc is spelled, not a key. */
	tui_form_set_value(f, 0, "ok");
	tui_form_set_focus(f, 1);
	assert_int_equal(tui_form_paste(f, "a\r\nb\x1b:q"), TUI_FORM_CHANGED);
	assert_string_equal(tui_form_value(f, 1), "a\nb\xe2\x90\x9b:q");
	/* Enter at the limit says so too. */
	tui_form_set_value(f, 1, "");
	feed(f, "12345678901234567890");
	assert_int_equal(tui_form_key(f, TUI_KEY_ENTER), TUI_FORM_CHANGED);
	assert_string_equal(tui_form_value(f, 1), "12345678901234567890");
	assert_non_null(tui_form_error(f, 1));
	assert_true(tui_form_validate(f));
	free(long_street);
	tui_form_free(f);
}

/* Typing into a choice field picks by the words shown, or goes on: "50" typed on
 * the compensation form's first field lands in the amount. */
/* Left or Right that leaves a choice as it was (a list of one) is no draft: quitting
 * does not ask about it. */
static void a_choice_that_stays_is_no_draft(void **state)
{
	static const char *const one[] = { "order_confirmation", NULL };
	static const char *const two[] = { "tracking", "order_confirmation", NULL };
	static const struct tui_field_spec send[] = {
		{ TUI_FIELD_CHOICE, "Send", true, 0, 0, 0, one, 0, NULL },
	};
	struct tui_form *f = tui_form_new("Send again", send, 1, NULL);

	(void)state;
	assert_int_equal(tui_form_key(f, TUI_KEYCODE(KEY_RIGHT)), TUI_FORM_CHANGED);
	assert_int_equal(tui_form_key(f, TUI_KEYCODE(KEY_LEFT)), TUI_FORM_CHANGED);
	assert_string_equal(tui_form_value(f, 0), "order_confirmation");
	assert_false(tui_form_modified(f));
	tui_form_set_choices(f, 0, two, NULL);
	assert_int_equal(tui_form_key(f, TUI_KEYCODE(KEY_RIGHT)), TUI_FORM_CHANGED);
	assert_true(tui_form_modified(f));
	tui_form_free(f);
}

static void typing_into_a_choice(void **state)
{
	static const char *const how[] = { "gift_code", "refund", NULL };
	static const struct tui_field_spec comp[] = {
		{ TUI_FIELD_CHOICE, "As", true, 0, 0, 0, how, 0, NULL },
		{ TUI_FIELD_MONEY, "Amount", true, 16, 0, 0, NULL, 0, NULL },
		{ TUI_FIELD_TEXT, "Reason", true, 200, 0, 0, NULL, 0, NULL },
	};
	struct tui_form *f = tui_form_new("Compensate", comp, 3, NULL);

	(void)state;
	feed(f, "50");
	assert_int_equal(tui_form_focus(f), 1);
	assert_string_equal(tui_form_value(f, 1), "50");
	assert_string_equal(tui_form_value(f, 0), "gift_code");
	tui_form_set_focus(f, 0);
	feed(f, "r");
	assert_string_equal(tui_form_value(f, 0), "refund");
	assert_int_equal(tui_form_focus(f), 0);
	/* "code" is a word of "gift_code": a new search from that key. */
	feed(f, "c");
	assert_string_equal(tui_form_value(f, 0), "gift_code");
	/* No list is open on a short list: Esc is the dialog's. */
	assert_int_equal(tui_form_key(f, TUI_KEY_ESC), TUI_FORM_NONE);
	/* A paste into it is typing too: here it goes on to the amount. */
	tui_form_set_value(f, 1, "");
	assert_int_equal(tui_form_paste(f, "75"), TUI_FORM_CHANGED);
	assert_int_equal(tui_form_focus(f), 1);
	assert_string_equal(tui_form_value(f, 1), "75");
	tui_form_free(f);
}

static const char *const categories[] = {
	"delivery_delay", "damaged_item", "wrong_item", "missing_item", "refund_request",
	"return_request", "exchange", "payment_problem", "invoice_request", "address_change",
	"cancellation", "gift_wrap", "product_question", "stock_question", "complaint",
	"praise", "other", NULL,
};

static const char *category_text(const char *c)
{
	/* What people read: words with spaces, capitalised first. */
	static char buf[64];
	size_t i;

	for (i = 0; c[i] != '\0' && i + 1 < sizeof buf; i++)
		buf[i] = c[i] == '_' ? ' ' : c[i];
	buf[i] = '\0';
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
	return buf;
}

/* 17 categories: typing filters, Up/Down pick among the matches, Enter takes,
 * Esc goes back to what was chosen before. */
static void long_choice_lists_filter(void **state)
{
	static const struct tui_field_spec t[] = {
		{ TUI_FIELD_CHOICE, "Category", true, 0, 0, 0, NULL, 0, NULL },
		{ TUI_FIELD_TEXT, "Subject", true, 200, 0, 0, NULL, 0, NULL },
	};
	struct tui_form *f = tui_form_new("Ticket", t, 2, NULL);

	(void)state;
	tui_form_set_choices(f, 0, categories, category_text);
	feed(f, "re");
	/* "refund request", "return request": both start a word with "re". */
	assert_string_equal(tui_form_value(f, 0), "refund_request");
	assert_int_equal(tui_form_key(f, TUI_KEYCODE(KEY_DOWN)), TUI_FORM_CHANGED);
	assert_string_equal(tui_form_value(f, 0), "return_request");
	assert_int_equal(tui_form_key(f, TUI_KEYCODE(KEY_DOWN)), TUI_FORM_CHANGED);
	assert_string_equal(tui_form_value(f, 0), "invoice_request"); /* "...request" */
	assert_int_equal(tui_form_key(f, TUI_KEYCODE(KEY_UP)), TUI_FORM_CHANGED);
	assert_int_equal(tui_form_focus(f), 0);
	/* A key that matches nothing while the list is open: refused, said. */
	assert_int_equal(tui_form_key(f, 'z'), TUI_FORM_CHANGED);
	assert_non_null(tui_form_error(f, 0));
	assert_int_equal(tui_form_focus(f), 0);
	/* Esc: back to the first category, the dialog stays. */
	assert_int_equal(tui_form_key(f, TUI_KEY_ESC), TUI_FORM_CHANGED);
	assert_string_equal(tui_form_value(f, 0), "delivery_delay");
	/* With nothing typed, Esc is the dialog's. */
	assert_int_equal(tui_form_key(f, TUI_KEY_ESC), TUI_FORM_NONE);
	feed(f, "da");
	assert_string_equal(tui_form_value(f, 0), "damaged_item");
	/* Backspace widens the search again; the choice stays while it matches. */
	assert_int_equal(tui_form_key(f, TUI_KEYCODE(KEY_BACKSPACE)), TUI_FORM_CHANGED);
	assert_string_equal(tui_form_value(f, 0), "damaged_item");
	feed(f, "el");
	assert_string_equal(tui_form_value(f, 0), "delivery_delay");
	assert_int_equal(tui_form_key(f, TUI_KEY_ENTER), TUI_FORM_CHANGED);
	assert_int_equal(tui_form_focus(f), 1);
	assert_string_equal(tui_form_value(f, 0), "delivery_delay");
	tui_form_free(f);
}

static int submitted, cancelled;

static bool on_submit(struct tui_form *f, void *arg)
{
	(void)f;
	(void)arg;
	submitted++;
	return true;
}

static void on_cancel(struct tui_form *f, void *arg)
{
	(void)f;
	(void)arg;
	cancelled++;
}

static void values_survive_hiding(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, NULL);
	struct tui_form *f = tui_form_new("Note", fields, 6, NULL);
	struct tui_form_hooks h = { on_submit, on_cancel, NULL, NULL };

	(void)state;
	tui_form_show(ui, f, &h);
	assert_true(tui_form_shown(f));
	for (const char *s = "Kargo"; *s != '\0'; s++)
		tui_ui_key(ui, (tui_key)*s);
	/* Esc: closed, the values kept. */
	tui_ui_key(ui, TUI_KEY_ESC);
	assert_false(tui_form_shown(f));
	assert_int_equal(cancelled, 1);
	tui_ui_render(ui);
	assert_string_equal(tui_form_value(f, 0), "Kargo");
	/* Shown again (say after a reconnect): the same text, the same field. */
	tui_form_show(ui, f, &h);
	tui_ui_key(ui, '!');
	assert_string_equal(tui_form_value(f, 0), "Kargo!");
	/* F2 submits once every field passes. */
	tui_ui_key(ui, tui_key_f(2));
	assert_int_equal(submitted, 1);
	assert_false(tui_form_shown(f));
	/* The view frees its form while the dialog is open: the dialog goes too. */
	tui_form_show(ui, f, &h);
	tui_form_free(f);
	tui_ui_render(ui);
	assert_null(tui_ui_focus(ui));
	tui_ui_free(ui);
	tui_loop_free(loop);
}

static int answers;

static void on_answer(void *arg, bool yes)
{
	(void)arg;
	(void)yes;
	answers++;
}

/* A paste containing Esc and line breaks goes into the note as text: the dialog
 * stays, nothing after the Esc runs.  Where no field takes it, nothing runs. */
static void a_paste_never_acts_as_keys(void **state)
{
	static const struct tui_field_spec note[] = {
		{ TUI_FIELD_MULTILINE, "Note", true, 2000, 0, 0, NULL, 4, NULL },
	};
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, NULL);
	struct tui_form *f = tui_form_new("Internal note", note, 1, NULL);
	struct tui_form_hooks h = { on_submit, on_cancel, NULL, NULL };
	int was_submitted = submitted, was_cancelled = cancelled;

	(void)state;
	tui_form_show(ui, f, &h);
	tui_ui_paste(ui, "called back\x1b\nq:quit\n");
	assert_true(tui_form_shown(f));
	assert_int_equal(submitted, was_submitted);
	assert_int_equal(cancelled, was_cancelled);
	assert_string_equal(tui_form_value(f, 0), "called back\xe2\x90\x9b\nq:quit\n");
	/* The typed keys still work as keys. */
	tui_ui_key(ui, TUI_KEY_ESC);
	assert_false(tui_form_shown(f));
	/* A yes/no question takes no paste: "y" pasted answers nothing. */
	tui_confirm(ui, "Quit?", false, on_answer, NULL);
	tui_ui_paste(ui, "y\n");
	assert_int_equal(answers, 0);
	assert_non_null(strstr(tui_ui_message_text(ui), "nothing was run"));
	tui_ui_key(ui, 'n');
	assert_int_equal(answers, 1);
	tui_form_free(f);
	tui_ui_free(ui);
	tui_loop_free(loop);
}

static int typed;

static void on_changed(struct tui_form *f, void *arg)
{
	(void)f;
	*(int *)arg += 1;
}

/* The changed hook hears every key and paste that went into a field (the ticket
 * screen says "typing" from it), and nothing else: not F2, not Esc. */
static void changed_hears_typing(void **state)
{
	static const struct tui_field_spec reply[] = {
		{ TUI_FIELD_MULTILINE, "Reply", true, 5000, 0, 0, NULL, 4, NULL },
	};
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, NULL);
	struct tui_form *f = tui_form_new("Reply", reply, 1, NULL);
	struct tui_form_hooks h = { on_submit, on_cancel, &typed, on_changed };

	(void)state;
	tui_form_show(ui, f, &h);
	tui_ui_key(ui, 'M');
	tui_ui_key(ui, 'e');
	assert_int_equal(typed, 2);
	tui_ui_paste(ui, "rhaba, siparişiniz yolda.");
	assert_int_equal(typed, 3);
	assert_string_equal(tui_form_value(f, 0), "Merhaba, siparişiniz yolda.");
	tui_ui_key(ui, TUI_KEY_ESC);
	assert_false(tui_form_shown(f));
	assert_int_equal(typed, 3);
	tui_form_free(f);
	tui_ui_free(ui);
	tui_loop_free(loop);
}

/* Choices from elsewhere (a list the database keeps): the form keeps its own copy,
 * and keeps the choice made when the list changes and it is still there. */
static void choices_set_later_are_the_forms_own(void **state)
{
	static const struct tui_field_spec about[] = {
		{ TUI_FIELD_CHOICE, "About", true, 0, 0, 0, NULL, 0, NULL },
	};
	struct tui_form *f = tui_form_new("Call", about, 1, NULL);
	char *list[] = { xstrdup("delay"), xstrdup("gift-wrap"), xstrdup("other"), NULL };
	const char *const shorter[] = { "other", "gift-wrap", NULL };
	const char *const gone[] = { "praise", "delay", NULL };

	(void)state;
	assert_string_equal(tui_form_value(f, 0), ""); /* nothing to choose yet */
	assert_int_equal(tui_form_key(f, TUI_KEYCODE(KEY_RIGHT)), TUI_FORM_NONE);
	tui_form_set_choices(f, 0, (const char *const *)list, NULL);
	for (size_t i = 0; list[i] != NULL; i++)
		free(list[i]); /* copied: the caller's list may go */
	assert_string_equal(tui_form_value(f, 0), "delay");
	assert_int_equal(tui_form_key(f, TUI_KEYCODE(KEY_RIGHT)), TUI_FORM_CHANGED);
	assert_string_equal(tui_form_value(f, 0), "gift-wrap");
	/* A new list with the chosen code elsewhere in it: still chosen. */
	tui_form_set_choices(f, 0, shorter, NULL);
	assert_string_equal(tui_form_value(f, 0), "gift-wrap");
	assert_int_equal(tui_form_choice(f, 0), 1);
	/* Without it: the first. */
	tui_form_set_choices(f, 0, gone, NULL);
	assert_string_equal(tui_form_value(f, 0), "praise");
	assert_int_equal(tui_form_key(f, TUI_KEYCODE(KEY_LEFT)), TUI_FORM_CHANGED);
	assert_string_equal(tui_form_value(f, 0), "delay");
	tui_form_set_value(f, 0, "praise");
	assert_string_equal(tui_form_value(f, 0), "praise");
	tui_form_free(f);
}

static void prompt_history(void **state)
{
	struct tui_history *h = tui_history_new(2);

	(void)state;
	tui_history_add(h, "a");
	tui_history_add(h, "a");
	tui_history_add(h, "");
	assert_int_equal(tui_history_len(h), 1);
	tui_history_add(h, "b");
	tui_history_add(h, "c");
	assert_int_equal(tui_history_len(h), 2);
	assert_string_equal(tui_history_get(h, 0), "b");
	assert_string_equal(tui_history_get(h, 1), "c");
	assert_null(tui_history_get(h, 2));
	tui_history_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(edits_utf8_text),
		cmocka_unit_test(the_view_scrolls_with_the_cursor),
		cmocka_unit_test(multi_line_editing),
		cmocka_unit_test(multi_line_wraps_words),
		cmocka_unit_test(limits_are_said_not_cut),
		cmocka_unit_test(a_choice_that_stays_is_no_draft),
		cmocka_unit_test(typing_into_a_choice),
		cmocka_unit_test(long_choice_lists_filter),
		cmocka_unit_test(fields_are_checked),
		cmocka_unit_test(values_survive_hiding),
		cmocka_unit_test(a_paste_never_acts_as_keys),
		cmocka_unit_test(changed_hears_typing),
		cmocka_unit_test(choices_set_later_are_the_forms_own),
		cmocka_unit_test(prompt_history),
	};

	(void)setlocale(LC_ALL, "C.UTF-8");
	tui_text_locale_changed();
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
