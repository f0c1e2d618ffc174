/* db/conn_failure: which failed connections the console waits out and which end it.
 * The messages are libpq's own, as PQerrorMessage gives them (verbose, as the
 * session asks for, and plain). */
#include <libintl.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db/conn_failure.h"

static void expect(const char *message, bool final, const char *sqlstate, const char *reason)
{
	struct db_conn_failure f;

	db_conn_failure_classify(message, &f);
	assert_int_equal(f.final, final);
	assert_string_equal(f.sqlstate, sqlstate);
	if (reason != NULL)
		assert_string_equal(f.reason, reason);
	free(f.reason);
}

static void refusals_by_sqlstate_are_final(void **state)
{
	(void)state;
	expect("connection to server at \"db1\" (10.0.0.5), port 5432 failed: FATAL:  28P01: password "
	       "authentication failed for user \"ayse\"\nLOCATION:  auth_failed, auth.c:326\n",
	       true, "28P01",
	       "connection to server at \"db1\" (10.0.0.5), port 5432 failed: FATAL:  password "
	       "authentication failed for user \"ayse\"");
	expect("connection to server on socket \"/tmp/.s.PGSQL.5432\" failed: FATAL:  28000: role "
	       "\"nobody\" does not exist\nLOCATION:  InitializeSessionUserId, miscinit.c:694\n",
	       true, "28000",
	       "connection to server on socket \"/tmp/.s.PGSQL.5432\" failed: FATAL:  role \"nobody\" "
	       "does not exist");
	expect("connection to server at \"db1\", port 5432 failed: FATAL:  3D000: database \"bakdesk\" "
	       "does not exist\nLOCATION:  InitPostgres, postinit.c:941\n",
	       true, "3D000", NULL);
	expect("connection to server at \"db1\", port 5432 failed: FATAL:  28000: no pg_hba.conf entry "
	       "for host \"10.0.0.9\", user \"ayse\", database \"backdesk\", no encryption\n",
	       true, "28000", NULL);
	expect("connection to server at \"db1\", port 5432 failed: FATAL:  42501: permission denied for "
	       "database \"backdesk\"\nDETAIL:  User does not have CONNECT privilege.\n",
	       true, "42501",
	       "connection to server at \"db1\", port 5432 failed: FATAL:  permission denied for "
	       "database \"backdesk\"\nDETAIL:  User does not have CONNECT privilege.");
}

static void a_server_that_may_come_back_is_retried(void **state)
{
	(void)state;
	expect("connection to server at \"db1\", port 5432 failed: FATAL:  57P03: the database system "
	       "is starting up\n",
	       false, "57P03", NULL);
	expect("connection to server at \"db1\", port 5432 failed: FATAL:  53300: sorry, too many "
	       "clients already\n",
	       false, "53300", NULL);
	expect("connection to server on socket \"/tmp/.s.PGSQL.5432\" failed: No such file or "
	       "directory\n\tIs the server running locally and accepting connections on that socket?\n",
	       false, "", NULL);
	expect("connection to server at \"127.0.0.1\", port 5999 failed: Connection refused\n"
	       "\tIs the server running on that host and accepting TCP/IP connections?\n",
	       false, "", NULL);
	expect("could not translate host name \"db1\" to address: Temporary failure in name resolution\n",
	       false, "", NULL);
	expect("server closed the connection unexpectedly\n", false, "", NULL);
}

/* In Turkish (LANG=tr_TR.UTF-8) glibc says the resolver's failure in Turkish inside
 * libpq's English sentence: still a hiccup to wait out, not a wrong host name. */
static void a_resolver_hiccup_in_the_users_language_is_retried(void **state)
{
	const char *tr;
	char *m;

	(void)state;
	if (setlocale(LC_MESSAGES, "tr_TR.UTF-8") == NULL) {
		skip();
		return;
	}
	tr = dgettext("libc", "Temporary failure in name resolution");
	if (strcmp(tr, "Temporary failure in name resolution") == 0) {
		(void)setlocale(LC_MESSAGES, "C");
		skip(); /* glibc's Turkish messages (libc-l10n) are not installed */
		return;
	}
	m = malloc(strlen(tr) + 64);
	assert_non_null(m);
	strcpy(m, "could not translate host name \"db1\" to address: ");
	strcat(m, tr);
	strcat(m, "\n");
	expect(m, false, "", NULL);
	free(m);
	(void)setlocale(LC_MESSAGES, "C");
}

static void client_side_mistakes_are_final(void **state)
{
	(void)state;
	expect("could not translate host name \"db-typo\" to address: Name or service not known\n",
	       true, "", "could not translate host name \"db-typo\" to address: Name or service not known");
	expect("invalid connection option \"hots\"\n", true, "", "invalid connection option \"hots\"");
	expect("missing \"=\" after \"backdesk\" in connection info string\n", true, "", NULL);
	expect("invalid URI query parameter: \"x\"\n", true, "", NULL);
	expect("invalid sslmode value: \"always\"\n", true, "", NULL);
	expect("definition of service \"prod\" not found\n", true, "", NULL);
	expect("connection to server at \"db1\", port 5432 failed: fe_sendauth: no password supplied\n",
	       true, "", NULL);
	/* Not verbose (another client's message): the words still tell. */
	expect("connection to server at \"db1\", port 5432 failed: FATAL:  password authentication "
	       "failed for user \"ayse\"\n",
	       true, "", NULL);
}

static void an_empty_message_still_says_something(void **state)
{
	struct db_conn_failure f;

	(void)state;
	db_conn_failure_classify("", &f);
	assert_false(f.final);
	assert_true(f.reason[0] != '\0');
	free(f.reason);
	db_conn_failure_classify(NULL, &f);
	assert_false(f.final);
	free(f.reason);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(refusals_by_sqlstate_are_final),
		cmocka_unit_test(a_server_that_may_come_back_is_retried),
		cmocka_unit_test(a_resolver_hiccup_in_the_users_language_is_retried),
		cmocka_unit_test(client_side_mistakes_are_final),
		cmocka_unit_test(an_empty_message_still_says_something),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
