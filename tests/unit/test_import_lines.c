/* The import's line reader: lines as they come from a pipe or a file, however
 * long, with or without a final newline, NUL bytes and all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "db/import.h"

/* A reader over `data`, written into a pipe by a child process. */
static int feed(const char *data, size_t len)
{
	int fd[2];
	pid_t pid;

	if (pipe(fd) != 0)
		fail_msg("pipe");
	pid = fork();
	if (pid < 0)
		fail_msg("fork");
	if (pid == 0) {
		size_t off = 0;

		(void)close(fd[0]);
		while (off < len) {
			ssize_t n = write(fd[1], data + off, len - off > 1000 ? 1000 : len - off);

			if (n <= 0)
				_exit(1);
			off += (size_t)n;
		}
		_exit(0);
	}
	(void)close(fd[1]);
	return fd[0];
}

static void reads_lines(void **state)
{
	static const char data[] = "first\nsecond\r\n\n  \nlast without newline";
	struct line_reader lr = { .fd = feed(data, sizeof data - 1) };
	size_t len;

	(void)state;
	assert_int_equal(line_next(&lr, 100, &len), 1);
	assert_string_equal(lr.line, "first");
	assert_int_equal(len, 5);
	assert_int_equal(line_next(&lr, 100, &len), 1);
	assert_string_equal(lr.line, "second\r"); /* the importer drops the \r */
	assert_int_equal(line_next(&lr, 100, &len), 1);
	assert_int_equal(len, 0);
	assert_int_equal(line_next(&lr, 100, &len), 1);
	assert_string_equal(lr.line, "  ");
	assert_int_equal(line_next(&lr, 100, &len), 1);
	assert_string_equal(lr.line, "last without newline");
	assert_int_equal(line_next(&lr, 100, &len), 0);
	assert_int_equal(line_next(&lr, 100, &len), 0);
	(void)close(lr.fd);
	line_reader_free(&lr);
}

static void a_long_line_is_measured_not_kept(void **state)
{
	size_t big = 300000, len;
	char *data = malloc(big + 16);
	struct line_reader lr;

	(void)state;
	assert_non_null(data);
	memset(data, 'x', big);
	memcpy(data + big, "\nok\n", 4);
	lr = (struct line_reader){ .fd = feed(data, big + 4) };
	assert_int_equal(line_next(&lr, 1000, &len), 1);
	assert_int_equal(len, big);
	assert_string_equal(lr.line, "");
	assert_int_equal(line_next(&lr, 1000, &len), 1);
	assert_string_equal(lr.line, "ok");
	/* Exactly at the limit is fine. */
	(void)close(lr.fd);
	memset(data, 'y', 1000);
	data[1000] = '\n';
	lr.fd = feed(data, 1001);
	lr.pos = lr.end = 0;
	lr.eof = false;
	assert_int_equal(line_next(&lr, 1000, &len), 1);
	assert_int_equal(len, 1000);
	assert_int_equal(strlen(lr.line), 1000);
	(void)close(lr.fd);
	line_reader_free(&lr);
	free(data);
}

static void keeps_nul_bytes(void **state)
{
	static const char data[] = "a\0b\nc\n";
	struct line_reader lr = { .fd = feed(data, sizeof data - 1) };
	size_t len;

	(void)state;
	assert_int_equal(line_next(&lr, 100, &len), 1);
	assert_int_equal(len, 3);
	assert_memory_equal(lr.line, "a\0b", 3);
	assert_int_equal(line_next(&lr, 100, &len), 1);
	assert_string_equal(lr.line, "c");
	(void)close(lr.fd);
	line_reader_free(&lr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_lines),
		cmocka_unit_test(a_long_line_is_measured_not_kept),
		cmocka_unit_test(keeps_nul_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
