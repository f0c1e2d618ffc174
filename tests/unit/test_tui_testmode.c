/* tui/testmode: the lines a harness waits on.  One idle line per quiet spell in
 * which something happened, a busy line when the reason changes, every key
 * counted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unistd.h>

#include "tui/testmode.h"

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	static char buf[4096];
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void idle_after_every_key(void **state)
{
	char path[] = "/tmp/bd-testmode-XXXXXX";
	int fd = mkstemp(path);
	struct tui_testmode *t;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(close(fd), 0);
	t = tui_testmode_open(path);
	/* Starting up: connecting, then quiet. */
	tui_testmode_sleep(t, "database", 80, 24, false);
	tui_testmode_sleep(t, "database", 80, 24, false);
	tui_testmode_drawn(t);
	tui_testmode_sleep(t, NULL, 80, 24, false);
	/* A wake-up with nothing new (a heartbeat) says nothing. */
	tui_testmode_sleep(t, NULL, 80, 24, false);
	tui_testmode_key(t, 'g');
	tui_testmode_key(t, TUI_KEY_ENTER);
	tui_testmode_sleep(t, "timer", 80, 24, false);
	tui_testmode_sleep(t, "database", 80, 24, false);
	tui_testmode_drawn(t);
	tui_testmode_sleep(t, NULL, 132, 43, false);
	/* A key that changes nothing on the screen is still answered. */
	tui_testmode_key(t, 'x');
	tui_testmode_sleep(t, NULL, 132, 43, false);
	/* A bracketed paste is one key, whatever its length. */
	tui_testmode_paste(t, 1234);
	tui_testmode_sleep(t, NULL, 132, 43, false);
	tui_testmode_free(t);
	assert_string_equal(slurp(path), "busy database\n"
					 "idle 1 keys 0 size 80x24\n"
					 "key 1 g\n"
					 "key 2 Enter\n"
					 "busy timer\n"
					 "busy database\n"
					 "idle 2 keys 2 size 132x43\n"
					 "key 3 x\n"
					 "idle 3 keys 3 size 132x43\n"
					 "key 4 paste 1234\n"
					 "idle 4 keys 4 size 132x43\n");
	assert_int_equal(unlink(path), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(idle_after_every_key),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
