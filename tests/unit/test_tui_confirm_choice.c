/* tui_confirm_choice: two things to do and Back.  Enter alone goes back (it starts on
 * Back), Tab moves to the next button, y/F2 take the first, n, Esc and F10 go back;
 * the bar says what F2 and F10 do; the answer comes once, Back when the dialog goes
 * any other way. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tui/confirm.h"
#include "tui/keymap.h"
#include "tui/ui.h"

static int answers;
static enum tui_choice last;

static void on_choice(void *arg, enum tui_choice choice)
{
	assert_ptr_equal(arg, &answers);
	answers++;
	last = choice;
}

static const char *fkey(struct tui_ui *ui, int n)
{
	struct tui_keyctx ctx;
	const struct tui_binding *b;

	tui_ui_keyctx(ui, &ctx);
	b = tui_keys_fkey(&ctx, n);
	return b != NULL ? b->label : "";
}

/* Asks, presses keys, and says what was answered (after exactly one answer). */
static enum tui_choice ask(struct tui_ui *ui, const tui_key *keys, size_t n)
{
	answers = 0;
	(void)tui_confirm_choice(ui, "T-1 (Where?) is already open. Log the call on it?", "Log it on T-1",
				 "Open another ticket", "Back", on_choice, &answers);
	for (size_t i = 0; i < n; i++)
		tui_ui_key(ui, keys[i]);
	assert_int_equal(answers, 1);
	return last;
}

static void enter_goes_back_until_a_button_is_chosen(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, NULL);
	const tui_key enter[] = { TUI_KEY_ENTER };
	const tui_key first[] = { TUI_KEY_TAB, TUI_KEY_ENTER };
	const tui_key second[] = { TUI_KEY_TAB, TUI_KEY_TAB, TUI_KEY_ENTER };
	const tui_key round[] = { TUI_KEY_TAB, TUI_KEY_TAB, TUI_KEY_TAB, TUI_KEY_ENTER };

	(void)state;
	assert_int_equal(ask(ui, enter, 1), TUI_CHOICE_BACK);
	assert_int_equal(ask(ui, first, 2), TUI_CHOICE_FIRST);
	assert_int_equal(ask(ui, second, 3), TUI_CHOICE_SECOND);
	assert_int_equal(ask(ui, round, 4), TUI_CHOICE_BACK);
	tui_ui_free(ui);
	tui_loop_free(loop);
}

static void keys_answer_at_once(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, NULL);
	const tui_key y[] = { 'y' }, f2[] = { tui_key_f(2) }, n[] = { 'n' };
	const tui_key esc[] = { TUI_KEY_ESC }, f10[] = { tui_key_f(10) };
	const tui_key moved_esc[] = { TUI_KEY_TAB, TUI_KEY_TAB, TUI_KEY_ESC };

	(void)state;
	assert_int_equal(ask(ui, y, 1), TUI_CHOICE_FIRST);
	assert_int_equal(ask(ui, f2, 1), TUI_CHOICE_FIRST);
	assert_int_equal(ask(ui, n, 1), TUI_CHOICE_BACK);
	assert_int_equal(ask(ui, esc, 1), TUI_CHOICE_BACK);
	assert_int_equal(ask(ui, f10, 1), TUI_CHOICE_BACK);
	/* Esc goes back even from the second button. */
	assert_int_equal(ask(ui, moved_esc, 3), TUI_CHOICE_BACK);
	tui_ui_free(ui);
	tui_loop_free(loop);
}

static void the_bar_says_it_and_a_closed_dialog_goes_back(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, NULL);
	struct tui_pane *p;

	(void)state;
	answers = 0;
	p = tui_confirm_choice(ui, "Which?", "Log it on T-1", "Open another ticket", "Back", on_choice,
			       &answers);
	assert_string_equal(fkey(ui, 2), "Log it on T-1");
	assert_string_equal(fkey(ui, 10), "Back");
	tui_ui_close(ui, p);
	/* Closed once the handler returns; freed with the ui here. */
	tui_ui_free(ui);
	assert_int_equal(answers, 1);
	assert_int_equal(last, TUI_CHOICE_BACK);
	tui_loop_free(loop);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(enter_goes_back_until_a_button_is_chosen),
		cmocka_unit_test(keys_answer_at_once),
		cmocka_unit_test(the_bar_says_it_and_a_closed_dialog_goes_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
