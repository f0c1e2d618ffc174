/* tui/form's question before an action (tui_form_set_confirm) and its F-key words
 * (tui_form_set_action): asked only once the values pass their checks, no and Esc
 * go back to the form with what was typed, yes submits; the bar says what F2 does
 * and that F10 goes back; a form that goes while it asks takes its question along. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/xalloc.h"
#include "tui/form.h"
#include "tui/keymap.h"
#include "tui/ui.h"

static const struct tui_field_spec reason[] = {
	{ TUI_FIELD_TEXT, "Reason", true, 200, 0, 0, NULL, 0, NULL },
};

static int submitted, asked;

static bool on_submit(struct tui_form *f, void *arg)
{
	(void)f;
	(void)arg;
	submitted++;
	return true;
}

static char *effect(struct tui_form *f, void *arg)
{
	assert_ptr_equal(arg, &asked);
	asked++;
	return xasprintf("Cancel SO-1 (%s): refund 10.00 TRY to the card.", tui_form_value(f, 0));
}

/* What F<n> says right now, or "" when it is not on the bar. */
static const char *fkey(struct tui_ui *ui, int n)
{
	struct tui_keyctx ctx;
	const struct tui_binding *b;

	tui_ui_keyctx(ui, &ctx);
	b = tui_keys_fkey(&ctx, n);
	return b != NULL ? b->label : "";
}

static struct tui_form *form(void)
{
	struct tui_form *f = tui_form_new("Cancel order", reason, 1, NULL);

	tui_form_set_action(f, "Cancel the order");
	tui_form_set_confirm(f, effect);
	return f;
}

static void asks_once_the_values_are_right(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, NULL);
	struct tui_form *f = form();
	struct tui_form_hooks h = { on_submit, NULL, &asked, NULL };

	(void)state;
	submitted = asked = 0;
	tui_form_show(ui, f, &h);
	assert_string_equal(fkey(ui, 2), "Cancel the order");
	assert_string_equal(fkey(ui, 10), "Back");
	/* An empty reason: the check says so, nothing is asked. */
	tui_ui_key(ui, tui_key_f(2));
	assert_int_equal(asked, 0);
	tui_ui_key(ui, 'x');
	tui_ui_key(ui, tui_key_f(2));
	assert_int_equal(asked, 1);
	assert_int_equal(submitted, 0);
	/* The question's own keys say the same. */
	assert_string_equal(fkey(ui, 2), "Cancel the order");
	assert_string_equal(fkey(ui, 10), "Back");
	/* n: back in the form, as typed. */
	tui_ui_key(ui, 'n');
	assert_int_equal(submitted, 0);
	assert_true(tui_form_shown(f));
	assert_string_equal(fkey(ui, 2), "Cancel the order");
	tui_ui_key(ui, '!');
	assert_string_equal(tui_form_value(f, 0), "x!");
	/* Esc at the question: the same. */
	tui_ui_key(ui, tui_key_f(2));
	tui_ui_key(ui, TUI_KEY_ESC);
	assert_int_equal(submitted, 0);
	assert_true(tui_form_shown(f));
	/* y: done. */
	tui_ui_key(ui, tui_key_f(2));
	tui_ui_key(ui, 'y');
	assert_int_equal(asked, 3);
	assert_int_equal(submitted, 1);
	assert_false(tui_form_shown(f));
	/* Enter takes the answer offered first, Back: an Enter too many (Enter also
	 * sends the form) never does it... */
	tui_form_show(ui, f, &h);
	tui_ui_key(ui, tui_key_f(2));
	tui_ui_key(ui, TUI_KEY_ENTER);
	assert_int_equal(submitted, 1);
	assert_true(tui_form_shown(f));
	/* ...F2 twice does: the key that asked answers yes. */
	tui_ui_key(ui, tui_key_f(2));
	tui_ui_key(ui, tui_key_f(2));
	assert_int_equal(submitted, 2);
	tui_form_free(f);
	tui_ui_free(ui);
	tui_loop_free(loop);
}

static void a_form_that_goes_takes_its_question(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, NULL);
	struct tui_form *f = form();
	struct tui_form_hooks h = { on_submit, NULL, &asked, NULL };

	(void)state;
	submitted = asked = 0;
	tui_form_set_value(f, 0, "x");
	/* Hidden while it asks (a reconnect, a conflict): the question goes, unanswered. */
	tui_form_show(ui, f, &h);
	tui_ui_key(ui, tui_key_f(2));
	assert_int_equal(asked, 1);
	tui_form_hide(f);
	tui_ui_render(ui);
	assert_null(tui_ui_focus(ui));
	assert_int_equal(submitted, 0);
	/* Freed while it asks. */
	tui_form_show(ui, f, &h);
	tui_ui_key(ui, tui_key_f(2));
	tui_form_free(f);
	tui_ui_render(ui);
	assert_null(tui_ui_focus(ui));
	/* The ui goes while a form asks: nothing runs, nothing is used after it is freed. */
	f = form();
	tui_form_set_value(f, 0, "x");
	tui_form_show(ui, f, &h);
	tui_ui_key(ui, tui_key_f(2));
	tui_ui_free(ui);
	assert_int_equal(submitted, 0);
	tui_form_free(f);
	tui_loop_free(loop);
}

/* Without a question the form submits at once, and F2 says Save. */
static void no_question_no_asking(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, NULL);
	struct tui_form *f = tui_form_new("Note", reason, 1, NULL);
	struct tui_form_hooks h = { on_submit, NULL, NULL, NULL };

	(void)state;
	submitted = 0;
	tui_form_show(ui, f, &h);
	assert_string_equal(fkey(ui, 2), "Save");
	assert_string_equal(fkey(ui, 10), "Back");
	tui_ui_key(ui, 'x');
	tui_ui_key(ui, tui_key_f(2));
	assert_int_equal(submitted, 1);
	tui_form_free(f);
	tui_ui_free(ui);
	tui_loop_free(loop);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(asks_once_the_values_are_right),
		cmocka_unit_test(a_form_that_goes_takes_its_question),
		cmocka_unit_test(no_question_no_asking),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
