/* A letter means one thing on every screen.  The tables are read as the console
 * dispatches them: each screen's own table (views/keytables.h), a list's table
 * keys (s sorts, / finds), and the toolkit's global keys (q, g, j, k, G).  When
 * one letter leads to two different requests on two screens (f: "refund the fee"
 * on the order, "jump to the refunds" on the customer), this fails and says where.
 *
 * A toolkit request is the same request everywhere; a view's own requests are
 * numbered per view, so across screens one is known by its label (what the bar
 * and the help say).  Dialogs that take typed text or y/n (the prompt, yes/no,
 * forms, the lookup box) are not screens and are not checked here.
 *
 * Overlays that only show or pick (the help, the message log, a customer's orders
 * to pick from) are checked against the screens: a letter means there what it
 * means on the screens (no g for "top" while g looks up everywhere), except q,
 * which closes every overlay (as in less) instead of quitting from under it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui/array_source.h"
#include "tui/help.h"
#include "tui/keymap.h"
#include "tui/msglog.h"
#include "tui/pane.h"
#include "tui/table.h"
#include "tui/table_pane.h"
#include "views/keytables.h"

struct use {
	const char *screen;
	const struct tui_binding *b;
};

/* Per key press: every screen's binding for it. */
#define NKEYS 128
static struct use uses[NKEYS][32];
static size_t nuses[NKEYS];

static bool same_meaning(const struct tui_binding *a, const struct tui_binding *b)
{
	if (a->request < TUI_REQ_VIEW || b->request < TUI_REQ_VIEW)
		return a->request == b->request;
	return strcmp(a->label, b->label) == 0;
}

/* Each letter of b's keys ("x F8" → x), remembered for screen. */
static void add_table(const char *screen, const struct tui_binding *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *s = t[i].keys;

		while (s != NULL && *s != '\0') {
			size_t len;

			while (*s == ' ')
				s++;
			len = strcspn(s, " ");
			if (len == 1 && ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))) {
				unsigned char k = (unsigned char)*s;
				bool seen = false;

				/* Within one table the first binding of a key wins (tui/keymap.c). */
				for (size_t u = 0; u < nuses[k]; u++)
					if (strcmp(uses[k][u].screen, screen) == 0)
						seen = true;
				if (!seen && nuses[k] < sizeof uses[k] / sizeof uses[k][0])
					uses[k][nuses[k]++] = (struct use){ screen, &t[i] };
			}
			s += len;
		}
	}
}

static size_t count(void *items)
{
	(void)items;
	return 0;
}

static struct tui_row *row(void *items, size_t i)
{
	(void)items;
	(void)i;
	return NULL;
}

static const struct tui_array_ops no_items = { count, row, NULL };
static const struct tui_column one_col[] = { { "Item", 10, 1, TUI_ALIGN_LEFT, 0 } };

static void every_letter_means_one_thing_on_every_screen(void **state)
{
	struct tui_array_source src = { &no_items, NULL };
	struct tui_pane *list = tui_table_pane_new(tui_table_new(one_col, 1, &tui_array_source_ops, &src),
						   NULL, NULL);
	const struct tui_keymap *maps[2];
	const struct tui_binding *b;
	struct tui_keymap *global = tui_keymap_global();
	size_t nmaps = tui_pane_keymaps(list, maps), n, wrong = 0;

	(void)state;
	memset(nuses, 0, sizeof nuses);
	n = tui_keymap_bindings(global, &b);
	add_table("every screen", b, n);
	assert_true(views_keytables_count >= 6);
	for (size_t i = 0; i < views_keytables_count; i++) {
		const struct view_keytable *kt = views_keytables[i];

		if (kt->overlay)
			continue; /* below */
		add_table(kt->screen, kt->b, kt->n);
		/* A list's own keys first, then its table's (tui_table_pane). */
		for (size_t m = 0; kt->list && m < nmaps; m++) {
			n = tui_keymap_bindings(maps[m], &b);
			add_table(kt->screen, b, n);
		}
	}
	for (size_t k = 0; k < NKEYS; k++)
		for (size_t u = 1; u < nuses[k]; u++)
			if (!same_meaning(uses[k][0].b, uses[k][u].b)) {
				print_error("%c is \"%s\" on %s but \"%s\" on %s\n", (int)k, uses[k][0].b->label,
					    uses[k][0].screen, uses[k][u].b->label, uses[k][u].screen);
				wrong++;
			}
	assert_int_equal(wrong, 0);
	/* The check reads what it should: the order's actions and the list's sort (the
	 * customer's orders, a list too, are an overlay: checked below). */
	assert_true(nuses['x'] >= 1 && nuses['s'] >= 1 && nuses['c'] >= 2);
	tui_keymap_free(global);
	tui_pane_free(list);
}

/* One overlay's letters against the screens' (uses[] as the test above left it). */
static size_t overlay_wrong(const char *name, const struct tui_binding *t, size_t n, bool *closes)
{
	size_t wrong = 0;

	for (size_t i = 0; i < n; i++) {
		const char *s = t[i].keys;

		while (s != NULL && *s != '\0') {
			size_t len;

			while (*s == ' ')
				s++;
			len = strcspn(s, " ");
			if (len == 1 && *s == 'q') {
				*closes = t[i].request == TUI_REQ_BACK;
				if (!*closes) {
					print_error("q is \"%s\" on %s, not what closes it\n", t[i].label, name);
					wrong++;
				}
			} else if (len == 1 && ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))) {
				unsigned char k = (unsigned char)*s;

				if (nuses[k] > 0 && !same_meaning(uses[k][0].b, &t[i])) {
					print_error("%c is \"%s\" on %s but \"%s\" on %s\n", (int)k, t[i].label,
						    name, uses[k][0].b->label, uses[k][0].screen);
					wrong++;
				}
			}
			s += len;
		}
	}
	return wrong;
}

static void overlays_keep_the_letters_and_q_closes_them(void **state)
{
	struct tui_array_source src = { &no_items, NULL };
	struct tui_pane *list = tui_table_pane_new(tui_table_new(one_col, 1, &tui_array_source_ops, &src),
						   NULL, NULL);
	const struct tui_keymap *maps[2];
	const struct tui_binding *b;
	struct tui_keymap *global = tui_keymap_global();
	size_t nmaps = tui_pane_keymaps(list, maps), n, wrong = 0, overlays = 0;
	bool closes;

	(void)state;
	/* The screens' letters, as the test above reads them. */
	memset(nuses, 0, sizeof nuses);
	n = tui_keymap_bindings(global, &b);
	add_table("every screen", b, n);
	for (size_t i = 0; i < views_keytables_count; i++) {
		const struct view_keytable *kt = views_keytables[i];

		if (kt->overlay)
			continue;
		add_table(kt->screen, kt->b, kt->n);
		for (size_t m = 0; kt->list && m < nmaps; m++) {
			n = tui_keymap_bindings(maps[m], &b);
			add_table(kt->screen, b, n);
		}
	}
	closes = false;
	wrong += overlay_wrong("the help", tui_help_keys, tui_help_nkeys, &closes);
	assert_true(closes);
	closes = false;
	wrong += overlay_wrong("the messages", tui_msglog_keys, tui_msglog_nkeys, &closes);
	assert_true(closes);
	for (size_t i = 0; i < views_keytables_count; i++) {
		const struct view_keytable *kt = views_keytables[i];

		if (!kt->overlay)
			continue;
		closes = false;
		wrong += overlay_wrong(kt->screen, kt->b, kt->n, &closes);
		assert_true(closes);
		for (size_t m = 0; kt->list && m < nmaps; m++) {
			n = tui_keymap_bindings(maps[m], &b);
			wrong += overlay_wrong(kt->screen, b, n, &closes);
		}
		overlays++;
	}
	assert_int_equal(wrong, 0);
	assert_true(overlays >= 1); /* the customer's orders */
	tui_keymap_free(global);
	tui_pane_free(list);
}

/* The check itself: the help's old g (top) is caught. */
static void the_old_help_g_would_fail(void **state)
{
	static const struct tui_binding lookup[] = {
		{ TUI_REQ_LOOKUP, "g", "Lookup", "", 0 },
	};
	static const struct tui_binding help[] = {
		{ TUI_REQ_BACK, "q", "Close", "", 0 },
		{ TUI_REQ_HOME, "Home g", "Top", "", 0 },
	};
	bool closes = false;

	(void)state;
	memset(nuses, 0, sizeof nuses);
	add_table("every screen", lookup, 1);
	assert_int_equal(overlay_wrong("help", help, 2, &closes), 1);
	assert_true(closes);
}

/* The check itself: the customer screen's old section letters are caught. */
static void the_old_customer_letters_would_fail(void **state)
{
	static const struct tui_binding order[] = {
		{ TUI_REQ_VIEW + 12, "f", "Refund fee", "", 0 },
	};
	static const struct tui_binding customer[] = {
		{ TUI_REQ_VIEW + 5, "f", "Refunds", "", 0 },
	};

	(void)state;
	memset(nuses, 0, sizeof nuses);
	add_table("order", order, 1);
	add_table("customer", customer, 1);
	assert_int_equal(nuses['f'], 2);
	assert_false(same_meaning(uses['f'][0].b, uses['f'][1].b));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_letter_means_one_thing_on_every_screen),
		cmocka_unit_test(the_old_customer_letters_would_fail),
		cmocka_unit_test(overlays_keep_the_letters_and_q_closes_them),
		cmocka_unit_test(the_old_help_g_would_fail),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
