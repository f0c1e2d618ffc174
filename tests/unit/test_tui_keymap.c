/* tui/keymap: one table dispatches the keys, writes the help and the F-key bar;
 * capabilities hide bindings and refuse their keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <locale.h>

#include "tui/fkeybar.h"
#include "tui/help.h"
#include "tui/keymap.h"

#define CAP_CANCEL 2ull

enum { REQ_CANCEL_IT = TUI_REQ_VIEW, REQ_SHIP };

static const struct tui_binding view_keys[] = {
	{ REQ_CANCEL_IT, "F8 c", "Cancel", "Cancel the selected entry", CAP_CANCEL },
	{ REQ_SHIP, "F7 s", "Ship", "Ship the selected entry", 0 },
};

static tui_key key(const char *name)
{
	return tui_key_parse(name, strlen(name));
}

static int resolve(const struct tui_keyctx *ctx, const char *name, bool *allowed)
{
	struct tui_resolved r;

	if (!tui_keys_resolve(ctx, key(name), &r))
		return TUI_REQ_NONE;
	if (allowed != NULL)
		*allowed = r.allowed;
	return r.request;
}

static void parses_and_names_keys(void **state)
{
	char buf[32];

	(void)state;
	assert_int_equal(key("q"), 'q');
	assert_int_equal(key("C-l"), 12);
	assert_int_equal(key("c-L"), 12);
	assert_int_equal(key("\\"), '\\');
	assert_int_equal(key("ş"), 0x15F);
	assert_int_equal(key("F10"), tui_key_f(10));
	assert_int_equal(tui_key_fnum(key("F10")), 10);
	assert_int_equal(key("Foo"), TUI_KEY_NONE);
	assert_int_equal(key("F13"), TUI_KEY_NONE);
	assert_int_equal(key(""), TUI_KEY_NONE);
	tui_key_name(key("C-l"), buf, sizeof buf);
	assert_string_equal(buf, "Ctrl-L");
	tui_key_name(key("S-Tab"), buf, sizeof buf);
	assert_string_equal(buf, "S-Tab");
	tui_key_name(key("F3"), buf, sizeof buf);
	assert_string_equal(buf, "F3");
	tui_key_name(key("ş"), buf, sizeof buf);
	assert_string_equal(buf, "ş");
	/* What the terminal sends. */
	assert_int_equal(tui_key_from_wch(0, '\n'), TUI_KEY_ENTER);
	assert_int_equal(tui_key_from_wch(0, 127), TUI_KEYCODE(KEY_BACKSPACE));
	assert_int_equal(tui_key_from_wch(KEY_CODE_YES, KEY_UP), TUI_KEYCODE(KEY_UP));
	/* U+0102 is a letter, not KEY_DOWN (0402). */
	assert_true(tui_key_from_wch(0, 0x102) != TUI_KEYCODE(KEY_DOWN));
	assert_true(tui_key_is_text(0x102));
	assert_false(tui_key_is_text(TUI_KEY_ESC));
}

static void the_global_keys(void **state)
{
	struct tui_keymap *g = tui_keymap_global();
	struct tui_keyctx ctx = { { g }, 1, 0, NULL, NULL, false };
	static const struct {
		const char *key;
		int req;
	} want[] = {
		{ "q", TUI_REQ_QUIT },       { "F10", TUI_REQ_QUIT },     { "?", TUI_REQ_HELP },
		{ "F1", TUI_REQ_HELP },      { "Up", TUI_REQ_UP },        { "k", TUI_REQ_UP },
		{ "j", TUI_REQ_DOWN },       { "PgDn", TUI_REQ_PAGE_DOWN }, { "Home", TUI_REQ_HOME },
		{ "End", TUI_REQ_END },      { "Enter", TUI_REQ_ENTER },  { "Esc", TUI_REQ_BACK },
		{ "Tab", TUI_REQ_NEXT_PANE },
		{ ":", TUI_REQ_COMMAND },    { "C-l", TUI_REQ_REDRAW },   { "g", TUI_REQ_LOOKUP },
		{ "1", TUI_REQ_PANE_1 },     { "5", TUI_REQ_PANE_5 },     { "F5", TUI_REQ_REFRESH },
	};

	(void)state;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		assert_int_equal(resolve(&ctx, want[i].key, NULL), want[i].req);
	assert_int_equal(resolve(&ctx, "x", NULL), TUI_REQ_NONE);
	/* Find, filter and sort belong to lists: the table pane binds them, not the
	 * global map, so a detail screen shows no Find on its bar. */
	assert_int_equal(resolve(&ctx, "/", NULL), TUI_REQ_NONE);
	assert_int_equal(resolve(&ctx, "\\", NULL), TUI_REQ_NONE);
	assert_int_equal(resolve(&ctx, "F6", NULL), TUI_REQ_NONE);
	assert_non_null(tui_keymap_find(g, TUI_REQ_QUIT));
	/* Re-binding (the config's job later). */
	assert_int_equal(tui_keymap_bind(g, 'x', TUI_REQ_QUIT), 0);
	assert_int_equal(resolve(&ctx, "x", NULL), TUI_REQ_QUIT);
	assert_int_equal(tui_keymap_bind(g, 'x', 4242), -1);
	tui_keymap_free(g);
}

/* A pane that types every printable key (the scan pane): no letter or digit
 * reaches a binding, and the help lists only the keys that still act. */
static void help_line(void *arg, const char *group, const char *keys, const char *help)
{
	(void)group;
	(void)help;
	strncat(arg, keys, 255 - strlen(arg));
	strncat(arg, ";", 255 - strlen(arg));
}

static void a_pane_that_types_letters(void **state)
{
	struct tui_keymap *g = tui_keymap_global();
	struct tui_keyctx ctx = { { g }, 1, 0, NULL, NULL, true };
	char seen[256] = "";

	(void)state;
	assert_int_equal(resolve(&ctx, "q", NULL), TUI_REQ_NONE);
	assert_int_equal(resolve(&ctx, "g", NULL), TUI_REQ_NONE);
	assert_int_equal(resolve(&ctx, "5", NULL), TUI_REQ_NONE);
	assert_int_equal(resolve(&ctx, ":", NULL), TUI_REQ_NONE);
	assert_int_equal(resolve(&ctx, "F10", NULL), TUI_REQ_QUIT);
	assert_int_equal(resolve(&ctx, "C-c", NULL), TUI_REQ_QUIT);
	assert_int_equal(resolve(&ctx, "Enter", NULL), TUI_REQ_ENTER);
	assert_int_equal(resolve(&ctx, "Tab", NULL), TUI_REQ_NEXT_PANE);
	tui_keys_help(&ctx, help_line, seen);
	assert_non_null(strstr(seen, ";F10, Ctrl-C;"));
	assert_null(strstr(seen, "q"));
	assert_null(strstr(seen, ":;"));
	tui_keymap_free(g);
}

static void view_keys_come_first_and_capabilities_refuse(void **state)
{
	struct tui_keymap *g = tui_keymap_global();
	struct tui_keymap *v = tui_keymap_new(view_keys, 2, "Orders");
	struct tui_keyctx ctx = { { v, g }, 2, 0, NULL, NULL, false };
	struct tui_resolved r;
	char *msg;
	bool ok = true;

	(void)state;
	/* 's' is the view's "Ship", not the global "Sort". */
	assert_int_equal(resolve(&ctx, "s", &ok), REQ_SHIP);
	assert_true(ok);
	/* Without the capability: found, but refused; never the global meaning. */
	assert_int_equal(resolve(&ctx, "c", &ok), REQ_CANCEL_IT);
	assert_false(ok);
	assert_true(tui_keys_resolve(&ctx, key("F8"), &r));
	assert_false(r.allowed);
	msg = tui_keys_refusal(r.binding);
	assert_string_equal(msg, "not allowed for your role: Cancel");
	free(msg);
	ctx.caps = CAP_CANCEL | 8;
	assert_int_equal(resolve(&ctx, "c", &ok), REQ_CANCEL_IT);
	assert_true(ok);
	tui_keymap_free(v);
	tui_keymap_free(g);
}

static bool two_tabs(int req, void *arg)
{
	(void)arg;
	return req < TUI_REQ_PANE_3 || req > TUI_REQ_PANE_9;
}

static bool has_line(char **lines, size_t n, const char *want)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(lines[i], want) == 0)
			return true;
	return false;
}

static void free_lines(char **lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* What a list widget binds (the table pane has the same). */
static const struct tui_binding list_keys[] = {
	{ TUI_REQ_FILTER, "\\ F4", "Filter", "Show only the lines that match", 0 },
	{ TUI_REQ_SORT, "F6 s", "Sort", "Sort by the next column", 0 },
};

static void help_is_written_from_the_same_table(void **state)
{
	struct tui_keymap *g = tui_keymap_global();
	struct tui_keymap *v = tui_keymap_new(view_keys, 2, "Orders");
	struct tui_keymap *l = tui_keymap_new(list_keys, 2, "List");
	struct tui_keyctx ctx = { { v, l, g }, 3, 0, two_tabs, NULL, false };
	char **lines;
	size_t n;

	(void)state;
	n = tui_help_lines(&ctx, NULL, &lines);
	assert_true(n > 20);
	/* The view's part first. */
	assert_string_equal(lines[0], "Orders:");
	assert_string_equal(lines[1], "F7, s  Ship the selected entry");
	/* No capability: not in the help at all. */
	assert_false(has_line(lines, n, "F8, c  Cancel the selected entry"));
	/* 's' reaches "Ship" here, so the list's Sort lists only F6. */
	assert_true(has_line(lines, n, "F6  Sort by the next column"));
	assert_true(has_line(lines, n, "q, F10, Ctrl-C  Quit (asks first when something is unsaved)"));
	assert_true(has_line(lines, n, "\\, F4  Show only the lines that match"));
	assert_true(has_line(lines, n, "General:"));
	/* Tabs that do not exist are not offered; dialog-only requests have no keys. */
	assert_true(has_line(lines, n, "2  Go to the second tab"));
	assert_false(has_line(lines, n, "3  Go to the third tab"));
	assert_int_equal(resolve(&ctx, "3", NULL), TUI_REQ_NONE);
	assert_false(has_line(lines, n, "Dialogs:"));
	free_lines(lines, n);

	ctx.caps = CAP_CANCEL;
	n = tui_help_lines(&ctx, NULL, &lines);
	assert_string_equal(lines[1], "F8, c  Cancel the selected entry");
	free_lines(lines, n);
	tui_keymap_free(l);
	tui_keymap_free(v);
	tui_keymap_free(g);
}

/* The program's own lines (its screens), after the keys and for the role. */
static void more_screens(void *arg, tui_caps caps, tui_help_fn add, void *add_arg)
{
	assert_string_equal(arg, "app");
	add(add_arg, "Screens", "1", "Every order");
	if (caps & CAP_CANCEL)
		add(add_arg, "Screens", ":refunds", "Refunds to approve");
}

static void the_help_ends_with_what_the_program_adds(void **state)
{
	struct tui_keymap *g = tui_keymap_global();
	struct tui_keyctx ctx = { { g }, 1, 0, two_tabs, NULL, false };
	static char app[] = "app";
	const struct tui_help_more more = { more_screens, app };
	char **lines;
	size_t n;

	(void)state;
	n = tui_help_lines(&ctx, &more, &lines);
	assert_string_equal(lines[n - 3], "");
	assert_string_equal(lines[n - 2], "Screens:");
	assert_string_equal(lines[n - 1], "1  Every order");
	free_lines(lines, n);
	ctx.caps = CAP_CANCEL;
	n = tui_help_lines(&ctx, &more, &lines);
	assert_string_equal(lines[n - 1], ":refunds  Refunds to approve");
	free_lines(lines, n);
	tui_keymap_free(g);
}

static void fkey_bar_follows_the_keymap(void **state)
{
	struct tui_keymap *g = tui_keymap_global();
	struct tui_keymap *v = tui_keymap_new(view_keys, 2, "Orders");
	struct tui_keyctx ctx = { { v, g }, 2, 0, NULL, NULL, false };
	struct tui_fkey_slot slots[10];
	size_t n;
	bool f8 = false;

	(void)state;
	assert_null(tui_keys_fkey(&ctx, 8));
	assert_non_null(tui_keys_fkey(&ctx, 7));
	assert_string_equal(tui_keys_fkey(&ctx, 1)->label, "Help");
	n = tui_fkeybar_layout(&ctx, 80, slots);
	for (size_t i = 0; i < n; i++) {
		assert_true(slots[i].x + slots[i].w <= 80);
		if (slots[i].fnum == 8)
			f8 = true;
		/* A click on a label is its key. */
		assert_int_equal(tui_fkeybar_hit(slots, n, slots[i].x), slots[i].fnum);
	}
	assert_false(f8);
	assert_int_equal(slots[0].fnum, 1);
	assert_int_equal(slots[n - 1].fnum, 10);
	ctx.caps = CAP_CANCEL;
	n = tui_fkeybar_layout(&ctx, 60, slots);
	for (size_t i = 0; i < n; i++)
		if (slots[i].fnum == 8)
			f8 = true;
	assert_true(f8);
	assert_true(slots[n - 1].x + slots[n - 1].w <= 60);
	assert_int_equal(tui_fkeybar_hit(slots, n, 79), 0);
	tui_keymap_free(v);
	tui_keymap_free(g);
}

/* A list to pick from leads the bar with its Enter and Esc, named; a click on one
 * presses that key.  Keys with no label there are left off. */
static void a_picker_leads_the_bar_with_enter_and_esc(void **state)
{
	static const struct tui_binding pick[] = {
		{ TUI_REQ_ENTER, "Enter", "Open", "Open the selected order", 0 },
		{ TUI_REQ_BACK, "Esc q", "Back", "Back to the customer", 0 },
		{ TUI_REQ_FIND, "F3", "Find", "Find", 0 },
	};
	static const tui_key lead[2] = { TUI_KEY_ENTER, TUI_KEY_ESC };
	struct tui_keymap *v = tui_keymap_new(pick, 3, "Orders");
	struct tui_keyctx ctx = { { v }, 1, 0, NULL, NULL, false };
	struct tui_fkey_slot slots[TUI_FKEYBAR_MAX];
	size_t n;

	(void)state;
	n = tui_fkeybar_layout_lead(&ctx, lead, 2, 80, slots);
	assert_int_equal(n, 3);
	assert_int_equal(slots[0].fnum, 0);
	assert_int_equal(slots[0].key, TUI_KEY_ENTER);
	assert_string_equal(slots[0].label, "Open");
	assert_int_equal(slots[1].key, TUI_KEY_ESC);
	assert_string_equal(slots[1].label, "Back");
	assert_int_equal(slots[2].fnum, 3);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(tui_fkeybar_hit_key(slots, n, slots[i].x), slots[i].key);
		if (i > 0)
			assert_int_equal(slots[i].x, slots[i - 1].x + slots[i - 1].w);
	}
	/* "Enter Open" needs its 10 cells and a space after it. */
	assert_true(slots[0].w >= 11);
	assert_int_equal(tui_fkeybar_hit(slots, n, slots[0].x), 0);
	assert_int_equal(tui_fkeybar_hit_key(slots, n, 79), TUI_KEY_NONE);
	/* Without the lead, the bar is as it always was. */
	assert_int_equal(tui_fkeybar_layout(&ctx, 80, slots), 1);
	assert_int_equal(slots[0].fnum, 3);
	tui_keymap_free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_and_names_keys),
		cmocka_unit_test(the_global_keys),
		cmocka_unit_test(a_pane_that_types_letters),
		cmocka_unit_test(view_keys_come_first_and_capabilities_refuse),
		cmocka_unit_test(help_is_written_from_the_same_table),
		cmocka_unit_test(the_help_ends_with_what_the_program_adds),
		cmocka_unit_test(fkey_bar_follows_the_keymap),
		cmocka_unit_test(a_picker_leads_the_bar_with_enter_and_esc),
	};

	(void)setlocale(LC_ALL, "C.UTF-8");
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
