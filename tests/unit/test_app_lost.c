/* What the console says while the database is away: libpq's reason in one line,
 * one full stop, and the same reason once per outage however often a retry fails. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "app/lost.h"

static const char *const no_socket =
	"connection to server on socket \"/tmp/x/.s.PGSQL.5432\" failed: No such file or directory\n"
	"\tIs the server running locally and accepting connections on that socket?\n";

static void a_reason_on_two_lines_reads_as_one(void **state)
{
	struct lost_said said = { 0 };
	char *m = lost_message(&said, no_socket, true);

	(void)state;
	assert_string_equal(m, "lost the database: connection to server on socket \"/tmp/x/.s.PGSQL.5432\" "
			       "failed: No such file or directory Is the server running locally and "
			       "accepting connections on that socket? Reconnecting; what you typed is kept.");
	free(m);
	lost_reset(&said);
}

static void a_reason_without_a_stop_gets_one(void **state)
{
	struct lost_said said = { 0 };
	char *m = lost_message(&said, "server closed the connection unexpectedly\n", true);

	(void)state;
	assert_string_equal(m, "lost the database: server closed the connection unexpectedly. "
			       "Reconnecting; what you typed is kept.");
	free(m);
	lost_reset(&said);
}

static void each_reason_once_per_outage(void **state)
{
	struct lost_said said = { 0 };
	char *m;

	(void)state;
	m = lost_message(&said, "FATAL:  the database system is shutting down\n", true);
	assert_non_null(m);
	free(m);
	m = lost_message(&said, no_socket, true);
	assert_non_null(m);
	free(m);
	/* The retries every few seconds with the same reason: nothing more. */
	for (int i = 0; i < 100; i++)
		assert_null(lost_message(&said, no_socket, true));
	/* Back, and gone again: told again. */
	lost_reset(&said);
	m = lost_message(&said, no_socket, true);
	assert_non_null(m);
	free(m);
	lost_reset(&said);
}

static void no_reason_still_says_it(void **state)
{
	struct lost_said said = { 0 };
	char *m = lost_message(&said, NULL, true);

	(void)state;
	assert_string_equal(m, "lost the database. Reconnecting; what you typed is kept.");
	free(m);
	lost_reset(&said);
}

/* Never connected: nothing was lost, and nothing typed is at stake yet. */
static void never_connected_is_not_lost(void **state)
{
	struct lost_said said = { 0 };
	char *m = lost_message(&said, "connection to server at \"127.0.0.1\", port 5432 failed: Connection refused\n"
				      "\tIs the server running on that host and accepting TCP/IP connections?\n",
			       false);

	(void)state;
	assert_string_equal(m, "cannot reach the database: connection to server at \"127.0.0.1\", port 5432 "
			       "failed: Connection refused Is the server running on that host and accepting "
			       "TCP/IP connections? Trying again.");
	free(m);
	lost_reset(&said);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_reason_on_two_lines_reads_as_one),
		cmocka_unit_test(a_reason_without_a_stop_gets_one),
		cmocka_unit_test(each_reason_once_per_outage),
		cmocka_unit_test(no_reason_still_says_it),
		cmocka_unit_test(never_connected_is_not_lost),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
