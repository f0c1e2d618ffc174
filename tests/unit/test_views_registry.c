/* views/registry: the table of screens holds together.  Tab digits and commands
 * are unique, every kind of hit api.find returns opens something, every channel
 * a screen follows is one a migration NOTIFYs, and the help lists what the
 * console dispatches.  A new entry that breaks one of these fails here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <locale.h>

#include "db/migrations.h"
#include "views/registry.h"
#include "views/views.h"

#define ALL_CAPS (~(tui_caps)0)

/* The kinds api.find returns (db/migrations/0002_api_import_find_staff.sql). */
static const char *const find_kinds[] = { "customer", "order", "shipment", "ticket", "return" };
#define NKINDS (sizeof find_kinds / sizeof find_kinds[0])

static void names_are_unique_and_every_screen_has_a_way_in(void **state)
{
	(void)state;
	assert_true(views_registry_count > 0);
	for (size_t i = 0; i < views_registry_count; i++) {
		const struct view_screen *s = &views_registry[i];
		bool way_in = s->tab > 0 || s->cmd.word != NULL || s->from != NULL ||
			      (s->hits != NULL && s->hits[0].kind != NULL);

		assert_non_null(s->name);
		assert_non_null(s->title);
		assert_non_null(s->help);
		assert_true(way_in);
		assert_ptr_equal(views_screen(s->name), s);
		for (size_t j = i + 1; j < views_registry_count; j++)
			assert_string_not_equal(s->name, views_registry[j].name);
	}
	assert_null(views_screen("no such screen"));
}

static void tabs_are_digits_one_to_n_with_a_root_list(void **state)
{
	bool seen[10] = { false };
	int ntabs = 0;
	bool gated = false;

	(void)state;
	for (int digit = 1; digit <= 9; digit++) {
		for (size_t i = 0; i < views_registry_count; i++) {
			const struct view_screen *s = &views_registry[i];

			if (s->tab != digit)
				continue;
			assert_false(seen[digit]); /* one screen per digit */
			seen[digit] = true;
			ntabs++;
			assert_non_null(s->root);
			/* Tabs some roles do not see come after those everyone sees: they are
			 * added once the role is known, at the end. */
			if (s->caps != 0)
				gated = true;
			else
				assert_false(gated);
		}
	}
	for (size_t i = 0; i < views_registry_count; i++)
		assert_in_range(views_registry[i].tab, 0, 9);
	/* No gaps: digit n is the n-th tab. */
	for (int d = 1; d <= 9; d++)
		assert_int_equal(seen[d], d <= ntabs);
	assert_true(ntabs >= 1);
	assert_string_equal(views_registry[0].name, "orders");
	assert_int_equal(views_registry[0].tab, 1);
}

static bool word_taken(const char *w, size_t skip_screen, size_t skip_builtin)
{
	for (size_t i = 0; i < views_registry_count; i++)
		if (i != skip_screen && views_registry[i].cmd.word != NULL &&
		    strcmp(views_registry[i].cmd.word, w) == 0)
			return true;
	for (size_t i = 0; i < views_builtins_count; i++)
		if (i != skip_builtin && (strcmp(views_builtins[i].word, w) == 0 ||
					  (views_builtins[i].alias != NULL &&
					   strcmp(views_builtins[i].alias, w) == 0)))
			return true;
	return false;
}

static void commands_are_unique_and_can_run(void **state)
{
	(void)state;
	for (size_t i = 0; i < views_registry_count; i++) {
		const struct view_command *c = &views_registry[i].cmd;

		if (c->word == NULL)
			continue;
		assert_false(word_taken(c->word, i, SIZE_MAX));
		assert_null(strchr(c->word, ' '));
		assert_non_null(c->arg_name);
		if (c->arg == VIEW_ARG_TEXT) {
			assert_non_null(views_registry[i].dialog);
		} else {
			assert_non_null(views_registry[i].open);
			assert_non_null(c->usage);
		}
		if (c->arg == VIEW_ARG_NUMBER) {
			assert_non_null(c->resolve);
			assert_non_null(c->not_found);
		}
	}
	for (size_t i = 0; i < views_builtins_count; i++) {
		assert_false(word_taken(views_builtins[i].word, SIZE_MAX, i));
		assert_non_null(views_builtins[i].run);
	}
	/* Today's commands, as the e2e tests and people type them. */
	assert_int_equal(views_screen("order")->cmd.arg, VIEW_ARG_NUMBER);
	assert_string_equal(views_screen("order")->cmd.word, "order");
	assert_int_equal(views_screen("customer")->cmd.arg, VIEW_ARG_ID);
	assert_string_equal(views_screen("customer")->cmd.word, "customer");
	assert_string_equal(views_screen("lookup")->cmd.word, "find");
}

static void every_kind_of_hit_opens_something(void **state)
{
	enum view_via via;
	const struct view_screen *s;

	(void)state;
	for (size_t k = 0; k < NKINDS; k++) {
		/* For every login, whatever api.find_target gave it. */
		for (int order = 0; order <= 1; order++) {
			s = views_hit_target(find_kinds[k], order, true, 0, &via);
			assert_non_null(s);
			assert_non_null(s->open);
			s = views_hit_target(find_kinds[k], order, true, ALL_CAPS, &via);
			assert_non_null(s);
		}
		/* Every kind a screen opens is one api.find returns. */
	}
	for (size_t i = 0; i < views_registry_count; i++) {
		for (const struct view_hit *h = views_registry[i].hits; h != NULL && h->kind != NULL;
		     h++) {
			bool known = false;

			for (size_t k = 0; k < NKINDS; k++)
				known = known || strcmp(h->kind, find_kinds[k]) == 0;
			assert_true(known);
			assert_non_null(views_registry[i].open);
		}
	}
}

static void hits_open_their_own_screen_else_their_order_else_their_customer(void **state)
{
	enum view_via via = VIA_CUSTOMER;

	(void)state;
	assert_ptr_equal(views_hit_target("customer", false, false, 0, &via), views_screen("customer"));
	assert_int_equal(via, VIA_HIT);
	assert_ptr_equal(views_hit_target("order", true, true, 0, &via), views_screen("order"));
	assert_int_equal(via, VIA_HIT);
	/* Tickets have their own screen, whatever they belong to... */
	assert_ptr_equal(views_hit_target("ticket", true, true, 0, &via), views_screen("ticket"));
	assert_int_equal(via, VIA_HIT);
	assert_ptr_equal(views_hit_target("ticket", false, false, 0, &via), views_screen("ticket"));
	assert_int_equal(via, VIA_HIT);
	/* ...and so do returns (issue 13)... */
	assert_ptr_equal(views_hit_target("return", true, true, 0, &via), views_screen("return"));
	assert_int_equal(via, VIA_HIT);
	assert_ptr_equal(views_hit_target("return", false, false, 0, &via), views_screen("return"));
	assert_int_equal(via, VIA_HIT);
	/* ...and so do parcels (issue 14), not their order nor their customer. */
	assert_ptr_equal(views_hit_target("shipment", true, true, 0, &via), views_screen("parcel"));
	assert_int_equal(via, VIA_HIT);
	assert_ptr_equal(views_hit_target("shipment", false, false, 0, &via), views_screen("parcel"));
	assert_int_equal(via, VIA_HIT);
	assert_null(views_hit_target("nonsense", true, true, ALL_CAPS, &via));
}

/* Whether some migration NOTIFYs `channel`: through backdesk.notify_change('x')
 * (which sends backdesk_x) or pg_notify('channel', ...). */
static bool notified(const char *channel)
{
	const char *prefix = "backdesk_";
	char *via_trigger = NULL, *direct;
	bool found = false;

	if (strncmp(channel, prefix, strlen(prefix)) == 0) {
		size_t n = strlen(channel) + 32;

		via_trigger = malloc(n);
		assert_non_null(via_trigger);
		(void)snprintf(via_trigger, n, "notify_change('%s')", channel + strlen(prefix));
	}
	direct = malloc(strlen(channel) + 32);
	assert_non_null(direct);
	(void)snprintf(direct, strlen(channel) + 32, "pg_notify('%s'", channel);
	for (int i = 0; i < migrations_count && !found; i++)
		found = (via_trigger != NULL && strstr(migrations[i].sql, via_trigger) != NULL) ||
			strstr(migrations[i].sql, direct) != NULL;
	free(via_trigger);
	free(direct);
	return found;
}

static void every_channel_is_one_a_migration_notifies(void **state)
{
	size_t n = 0;

	(void)state;
	for (size_t i = 0; i < views_registry_count; i++) {
		for (const char *const *c = views_registry[i].channels; c != NULL && *c != NULL; c++) {
			if (!notified(*c))
				fail_msg("%s follows %s, which no migration NOTIFYs", views_registry[i].name, *c);
			n++;
		}
	}
	assert_true(n > 0);
	/* The check itself sees a channel nobody sends. */
	assert_false(notified("backdesk_nonsense"));
	assert_true(notified("backdesk_orders"));
}

struct lines {
	char v[64][160];
	size_t n;
};

static void collect(void *arg, const char *group, const char *keys, const char *text)
{
	struct lines *l = arg;

	assert_true(l->n < 64);
	(void)snprintf(l->v[l->n++], sizeof l->v[0], "%s|%s|%s", group, keys, text);
}

static bool has(const struct lines *l, const char *prefix)
{
	for (size_t i = 0; i < l->n; i++)
		if (strncmp(l->v[i], prefix, strlen(prefix)) == 0)
			return true;
	return false;
}

static void the_help_lists_the_screens_and_commands(void **state)
{
	struct lines l = { .n = 0 };

	(void)state;
	views_registry_help(NULL, 0, collect, &l);
	assert_true(has(&l, "Screens|1|Every order"));
	assert_true(has(&l, "Screens|w on an order|"));
	assert_true(has(&l, "Screens|g|Find a customer"));
	/* Every command typed at ':' is under Commands, so :help shows them together. */
	assert_true(has(&l, "Commands|:order NUMBER|"));
	assert_true(has(&l, "Commands|:customer ID|"));
	assert_true(has(&l, "Commands|:find TEXT|"));
	assert_true(has(&l, "Commands|:quit, :q|"));
	assert_true(has(&l, "Commands|:help|"));
	assert_true(has(&l, "Commands|:messages|"));
	/* Screens first, then commands, so each group is one block. */
	for (size_t i = 1; i < l.n; i++)
		assert_false(strncmp(l.v[i - 1], "Commands|", 9) == 0 &&
			     strncmp(l.v[i], "Screens|", 8) == 0);
	assert_string_equal(l.v[0], "Screens|1|Every order, newest first; Enter opens one");
	assert_true(strncmp(l.v[l.n - 1], "Commands|", 9) == 0);
}

/* The help says the digit the role presses: a supervisor has no Scan tab, so
 * the dashboard is its fifth; an admin's sixth; an agent has none. */
static void the_help_numbers_the_tabs_a_role_sees(void **state)
{
	struct lines sup = { .n = 0 }, adm = { .n = 0 }, agent = { .n = 0 };

	(void)state;
	views_registry_help(NULL, views_caps_for_role("supervisor"), collect, &sup);
	views_registry_help(NULL, views_caps_for_role("admin"), collect, &adm);
	views_registry_help(NULL, views_caps_for_role("agent"), collect, &agent);
	assert_true(has(&sup, "Screens|5|Queues, late work"));
	assert_false(has(&sup, "Screens|5|Scan"));
	assert_true(has(&adm, "Screens|5|Scan"));
	assert_true(has(&adm, "Screens|6|Queues, late work"));
	assert_false(has(&agent, "Screens|5|Queues") || has(&agent, "Screens|6|Queues"));
	assert_true(has(&agent, "Screens|4|Orders to pack"));
}

/* What the console does with a typed line, up to where the database would be
 * asked (the e2e tests go on from there). */
static void the_shell_runs_builtins_and_refuses_bad_arguments(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, NULL);
	struct views_shell *sh = views_shell_new(ui, NULL);

	(void)state;
	views_shell_command(sh, "  nonsense here");
	assert_string_equal(tui_ui_message_text(ui), "unknown command 'nonsense here': try :help or :quit");
	views_shell_command(sh, "customer abc");
	assert_string_equal(tui_ui_message_text(ui),
			    "usage: :customer ID (a number; g looks customers up by name)");
	views_shell_command(sh, "customer 1234567890123456789"); /* too long for a bigint id */
	assert_string_equal(tui_ui_message_text(ui),
			    "usage: :customer ID (a number; g looks customers up by name)");
	views_shell_command(sh, "order");
	assert_string_equal(tui_ui_message_text(ui), "usage: :order NUMBER");
	/* "orders" is not "order" with an argument. */
	views_shell_command(sh, "orders 1");
	assert_string_equal(tui_ui_message_text(ui), "unknown command 'orders 1': try :help or :quit");
	assert_null(tui_ui_focus(ui));
	views_shell_command(sh, "help");
	assert_non_null(tui_ui_focus(ui)); /* the help, as a dialog */
	tui_ui_key(ui, TUI_KEY_ESC);
	tui_ui_render(ui);
	assert_null(tui_ui_focus(ui));
	assert_false(tui_loop_quitting(loop));
	views_shell_command(sh, " q");
	assert_true(tui_loop_quitting(loop));
	views_shell_free(sh);
	tui_ui_free(ui);
	tui_loop_free(loop);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_are_unique_and_every_screen_has_a_way_in),
		cmocka_unit_test(tabs_are_digits_one_to_n_with_a_root_list),
		cmocka_unit_test(commands_are_unique_and_can_run),
		cmocka_unit_test(every_kind_of_hit_opens_something),
		cmocka_unit_test(hits_open_their_own_screen_else_their_order_else_their_customer),
		cmocka_unit_test(every_channel_is_one_a_migration_notifies),
		cmocka_unit_test(the_help_lists_the_screens_and_commands),
		cmocka_unit_test(the_help_numbers_the_tabs_a_role_sees),
		cmocka_unit_test(the_shell_runs_builtins_and_refuses_bad_arguments),
	};

	(void)setlocale(LC_ALL, "C.UTF-8");
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
