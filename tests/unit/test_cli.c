/* The command line: what parses, what is refused, and that refusals say why. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "app/cli.h"

static char err[256];

#define PARSE(out, ...) parse_argv((out), (const char *[]){ "backdesk", __VA_ARGS__, NULL })

static int parse_argv(struct cli *out, const char *argv[])
{
	int argc = 0;

	while (argv[argc] != NULL)
		argc++;
	return cli_parse(argc, argv, out, err, sizeof err);
}

static void no_arguments_opens_the_console(void **state)
{
	struct cli c;
	const char *argv[] = { "backdesk", NULL };

	(void)state;
	assert_int_equal(cli_parse(1, argv, &c, err, sizeof err), EXIT_OK);
	assert_int_equal(c.cmd, CMD_CONSOLE);
	assert_null(c.config_path);
	assert_null(c.dsn);
}

static void global_options_in_both_spellings(void **state)
{
	struct cli c;

	(void)state;
	assert_int_equal(PARSE(&c, "--config", "/tmp/a.ini", "--dsn=dbname=x", "migrate"), EXIT_OK);
	assert_string_equal(c.config_path, "/tmp/a.ini");
	assert_string_equal(c.dsn, "dbname=x");
	assert_null(c.listen_dsn);
	assert_int_equal(c.cmd, CMD_MIGRATE);

	assert_int_equal(PARSE(&c, "--dsn", "port=6432", "--listen-dsn=port=5432"), EXIT_OK);
	assert_string_equal(c.dsn, "port=6432");
	assert_string_equal(c.listen_dsn, "port=5432");
	assert_int_equal(c.cmd, CMD_CONSOLE);
	assert_false(c.migrate_status);

	assert_int_equal(PARSE(&c, "--config=/etc/b.ini", "migrate", "--status"), EXIT_OK);
	assert_string_equal(c.config_path, "/etc/b.ini");
	assert_true(c.migrate_status);
}

static void help_and_version(void **state)
{
	struct cli c;

	(void)state;
	assert_int_equal(PARSE(&c, "--help"), EXIT_OK);
	assert_int_equal(c.cmd, CMD_HELP);
	assert_int_equal(PARSE(&c, "-h"), EXIT_OK);
	assert_int_equal(c.cmd, CMD_HELP);
	assert_int_equal(PARSE(&c, "help"), EXIT_OK);
	assert_int_equal(c.cmd, CMD_HELP);
	assert_int_equal(PARSE(&c, "--version"), EXIT_OK);
	assert_int_equal(c.cmd, CMD_VERSION);
	assert_int_equal(PARSE(&c, "-V"), EXIT_OK);
	assert_int_equal(c.cmd, CMD_VERSION);
}

static void seed_forms(void **state)
{
	struct cli c;

	(void)state;
	assert_int_equal(PARSE(&c, "seed", "--demo"), EXIT_OK);
	assert_int_equal(c.cmd, CMD_SEED);
	assert_true(c.seed_demo);
	assert_int_equal(c.seed_orders, 0);

	assert_int_equal(PARSE(&c, "seed", "--orders", "1000000", "--seed", "42"), EXIT_OK);
	assert_false(c.seed_demo);
	assert_int_equal(c.seed_orders, 1000000);
	assert_int_equal(c.seed, 42);

	assert_int_equal(PARSE(&c, "seed", "--orders=5"), EXIT_OK);
	assert_int_equal(c.seed_orders, 5);
	assert_int_equal(c.seed, 1); /* the default seed: deterministic without one */
}

static void seed_refusals_say_why(void **state)
{
	struct cli c;

	(void)state;
	assert_int_equal(PARSE(&c, "seed"), EXIT_USAGE);
	assert_non_null(strstr(err, "--demo or --orders"));
	assert_int_equal(PARSE(&c, "seed", "--demo", "--orders", "3"), EXIT_USAGE);
	assert_int_equal(PARSE(&c, "seed", "--orders", "ten"), EXIT_USAGE);
	assert_non_null(strstr(err, "'ten'"));
	assert_int_equal(PARSE(&c, "seed", "--orders", "-3"), EXIT_USAGE);
	assert_int_equal(PARSE(&c, "seed", "--orders", "0"), EXIT_USAGE);
	assert_int_equal(PARSE(&c, "seed", "--orders", "12x"), EXIT_USAGE);
	assert_int_equal(PARSE(&c, "seed", "--orders", "99999999999999999999999"), EXIT_USAGE);
	assert_int_equal(PARSE(&c, "seed", "--orders"), EXIT_USAGE);
	assert_non_null(strstr(err, "needs a value"));
	assert_int_equal(PARSE(&c, "seed", "--orders="), EXIT_USAGE);
	assert_int_equal(PARSE(&c, "seed", "--demo", "--fast"), EXIT_USAGE);
	assert_non_null(strstr(err, "--fast"));
}

static void import_takes_one_file(void **state)
{
	struct cli c;

	(void)state;
	assert_int_equal(PARSE(&c, "import", "orders.jsonl"), EXIT_OK);
	assert_int_equal(c.cmd, CMD_IMPORT);
	assert_string_equal(c.import_file, "orders.jsonl");
	assert_int_equal(PARSE(&c, "import", "-"), EXIT_OK);
	assert_string_equal(c.import_file, "-");
	assert_int_equal(PARSE(&c, "import"), EXIT_USAGE);
	assert_int_equal(PARSE(&c, "import", "a", "b"), EXIT_USAGE);
	assert_non_null(strstr(err, "'b'"));
}

static void staff_commands(void **state)
{
	struct cli c;

	(void)state;
	assert_int_equal(PARSE(&c, "staff", "add", "ayse", "--name", "Ayşe Yılmaz", "--role", "agent"),
			 EXIT_OK);
	assert_int_equal(c.cmd, CMD_STAFF_ADD);
	assert_string_equal(c.staff_login, "ayse");
	assert_string_equal(c.staff_name, "Ayşe Yılmaz");
	assert_string_equal(c.staff_role, "agent");
	assert_false(c.password_stdin);

	assert_int_equal(PARSE(&c, "staff", "add", "z", "--role=supervisor", "--name=Zsófia Nagy",
			       "--password-stdin"),
			 EXIT_OK);
	assert_true(c.password_stdin);

	assert_int_equal(PARSE(&c, "staff", "list"), EXIT_OK);
	assert_int_equal(c.cmd, CMD_STAFF_LIST);
	assert_int_equal(PARSE(&c, "staff", "disable", "ayse"), EXIT_OK);
	assert_int_equal(c.cmd, CMD_STAFF_DISABLE);
	assert_string_equal(c.staff_login, "ayse");
}

static void tickets_autoclose(void **state)
{
	struct cli c;

	(void)state;
	assert_int_equal(PARSE(&c, "tickets", "autoclose"), EXIT_OK);
	assert_int_equal(c.cmd, CMD_TICKETS_AUTOCLOSE);
	assert_int_equal(PARSE(&c, "tickets"), EXIT_USAGE);
	assert_non_null(strstr(err, "autoclose"));
	assert_int_equal(PARSE(&c, "tickets", "close"), EXIT_USAGE);
	assert_int_equal(PARSE(&c, "tickets", "autoclose", "now"), EXIT_USAGE);
	assert_non_null(strstr(err, "'now'"));
}

static void returns_autoclose(void **state)
{
	struct cli c;

	(void)state;
	assert_int_equal(PARSE(&c, "returns", "autoclose"), EXIT_OK);
	assert_int_equal(c.cmd, CMD_RETURNS_AUTOCLOSE);
	assert_int_equal(PARSE(&c, "returns"), EXIT_USAGE);
	assert_non_null(strstr(err, "returns wants autoclose"));
	assert_int_equal(PARSE(&c, "returns", "autoclose", "now"), EXIT_USAGE);
	assert_non_null(strstr(err, "returns autoclose takes nothing more, not 'now'"));
}

static void staff_refusals_say_why(void **state)
{
	struct cli c;

	(void)state;
	assert_int_equal(PARSE(&c, "staff"), EXIT_USAGE);
	assert_int_equal(PARSE(&c, "staff", "fire", "x"), EXIT_USAGE);
	assert_non_null(strstr(err, "'fire'"));
	assert_int_equal(PARSE(&c, "staff", "add", "--name", "X"), EXIT_USAGE);
	assert_non_null(strstr(err, "LOGIN"));
	assert_int_equal(PARSE(&c, "staff", "add", "x", "--role", "agent"), EXIT_USAGE);
	assert_non_null(strstr(err, "--name"));
	assert_int_equal(PARSE(&c, "staff", "add", "x", "--name", "X"), EXIT_USAGE);
	assert_non_null(strstr(err, "--role"));
	assert_int_equal(PARSE(&c, "staff", "add", "x", "--name", "X", "--role", "boss"), EXIT_USAGE);
	assert_non_null(strstr(err, "'boss'"));
	assert_int_equal(PARSE(&c, "staff", "list", "--all"), EXIT_USAGE);
	assert_int_equal(PARSE(&c, "staff", "disable"), EXIT_USAGE);
}

static void csat_record(void **state)
{
	struct cli c;

	(void)state;
	assert_int_equal(PARSE(&c, "csat", "record", "T-100004", "4", "Hızlıydı"), EXIT_OK);
	assert_int_equal(c.cmd, CMD_CSAT_RECORD);
	assert_string_equal(c.csat_ticket, "T-100004");
	assert_int_equal(c.csat_score, 4);
	assert_string_equal(c.csat_comment, "Hızlıydı");
	assert_int_equal(PARSE(&c, "csat", "record", "T-100004", "5"), EXIT_OK);
	assert_null(c.csat_comment);

	assert_int_equal(PARSE(&c, "csat"), EXIT_USAGE);
	assert_int_equal(PARSE(&c, "csat", "show", "T-1"), EXIT_USAGE);
	assert_int_equal(PARSE(&c, "csat", "record"), EXIT_USAGE);
	assert_int_equal(PARSE(&c, "csat", "record", "T-1"), EXIT_USAGE);
	assert_non_null(strstr(err, "SCORE from 1 to 5"));
	assert_int_equal(PARSE(&c, "csat", "record", "T-1", "6"), EXIT_USAGE);
	assert_non_null(strstr(err, "from 1 to 5, not '6'"));
	assert_int_equal(PARSE(&c, "csat", "record", "T-1", "0"), EXIT_USAGE);
	assert_int_equal(PARSE(&c, "csat", "record", "T-1", "45"), EXIT_USAGE);
	assert_int_equal(PARSE(&c, "csat", "record", "T-1", "five"), EXIT_USAGE);
	assert_int_equal(PARSE(&c, "csat", "record", "T-1", "4", "good", "service"), EXIT_USAGE);
	assert_non_null(strstr(err, "one COMMENT (quote it)"));
}

static void queue_json(void **state)
{
	struct cli c;

	(void)state;
	assert_int_equal(PARSE(&c, "queue", "--json"), EXIT_OK);
	assert_int_equal(c.cmd, CMD_QUEUE_JSON);
	assert_int_equal(PARSE(&c, "queue"), EXIT_USAGE);
	assert_non_null(strstr(err, "--json"));
	assert_int_equal(PARSE(&c, "queue", "--csv"), EXIT_USAGE);
	assert_int_equal(PARSE(&c, "queue", "--json", "tickets"), EXIT_USAGE);
	assert_non_null(strstr(err, "'tickets'"));
}

static void export_forms(void **state)
{
	struct cli c;

	(void)state;
	assert_int_equal(PARSE(&c, "export", "tickets", "--csv", "t.csv"), EXIT_OK);
	assert_int_equal(c.cmd, CMD_EXPORT);
	assert_string_equal(c.export_what, "tickets");
	assert_string_equal(c.export_file, "t.csv");
	assert_null(c.export_since);
	assert_null(c.export_until);
	assert_int_equal(PARSE(&c, "export", "orders", "--csv", "--since", "2024-02-29", "--until=2024-03-01"), EXIT_OK);
	assert_null(c.export_file);
	assert_string_equal(c.export_since, "2024-02-29");
	assert_string_equal(c.export_until, "2024-03-01");
	assert_int_equal(PARSE(&c, "export", "refunds", "--until", "2026-11-30", "--csv", "-"), EXIT_OK);
	assert_null(c.export_file);
	assert_int_equal(PARSE(&c, "export", "shipments", "--csv=s.csv", "--since", "2026-11-30", "--until", "2026-11-30"),
			 EXIT_OK);
	assert_string_equal(c.export_file, "s.csv");
}

static void export_refusals_say_why(void **state)
{
	static const struct {
		const char *argv[10];
		const char *says;
	} cases[] = {
		{ { "backdesk", "export", NULL }, "tickets, orders, returns, refunds or shipments" },
		{ { "backdesk", "export", "customers", "--csv", NULL }, "not 'customers'" },
		{ { "backdesk", "export", "tickets", NULL }, "CSV only" },
		{ { "backdesk", "export", "tickets", "--json", NULL }, "does not know '--json'" },
		{ { "backdesk", "export", "tickets", "--since", "2023-02-29", "--csv", NULL }, "--since wants a day" },
		{ { "backdesk", "export", "tickets", "--until", "2026-11-5", "--csv", NULL }, "--until wants a day" },
		{ { "backdesk", "export", "tickets", "--until", "2026-13-01", "--csv", NULL }, "not '2026-13-01'" },
		{ { "backdesk", "export", "tickets", "--since", "--csv", NULL }, "--since wants a day" },
		{ { "backdesk", "export", "tickets", "--since", "2026-11-02", "--until", "2026-11-01", "--csv", NULL },
		  "after --until" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct cli c;
		const char *argv[10];

		memcpy(argv, cases[i].argv, sizeof argv);
		if (parse_argv(&c, argv) != EXIT_USAGE || strstr(err, cases[i].says) == NULL)
			fail_msg("case %zu: got '%s', want it to say '%s'", i, err, cases[i].says);
	}
}

static void unknown_things_are_usage_errors(void **state)
{
	struct cli c;

	(void)state;
	assert_int_equal(PARSE(&c, "frobnicate"), EXIT_USAGE);
	assert_non_null(strstr(err, "'frobnicate'"));
	assert_int_equal(PARSE(&c, "--verbose"), EXIT_USAGE);
	assert_non_null(strstr(err, "'--verbose'"));
	assert_int_equal(PARSE(&c, "--config"), EXIT_USAGE);
	assert_int_equal(PARSE(&c, "--configx=1"), EXIT_USAGE);
	assert_int_equal(PARSE(&c, "migrate", "now"), EXIT_USAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_arguments_opens_the_console),
		cmocka_unit_test(global_options_in_both_spellings),
		cmocka_unit_test(help_and_version),
		cmocka_unit_test(seed_forms),
		cmocka_unit_test(seed_refusals_say_why),
		cmocka_unit_test(import_takes_one_file),
		cmocka_unit_test(staff_commands),
		cmocka_unit_test(staff_refusals_say_why),
		cmocka_unit_test(tickets_autoclose),
		cmocka_unit_test(returns_autoclose),
		cmocka_unit_test(csat_record),
		cmocka_unit_test(queue_json),
		cmocka_unit_test(export_forms),
		cmocka_unit_test(export_refusals_say_why),
		cmocka_unit_test(unknown_things_are_usage_errors),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
