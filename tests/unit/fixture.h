/* The carrier answers under tests/fakes/fixtures, read into a buffer of exactly
 * their length (no NUL after it), so ASan sees a parser that reads past the end. */
#ifndef BACKDESK_TEST_FIXTURE_H
#define BACKDESK_TEST_FIXTURE_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline char *fixture(const char *rel, size_t *len)
{
	const char *root = getenv("BACKDESK_ROOT");
	char path[4096];
	char *buf;
	long n;
	FILE *f;

	(void)snprintf(path, sizeof path, "%s/tests/fakes/fixtures/%s", root != NULL ? root : ".", rel);
	f = fopen(path, "rb");
	if (f == NULL) {
		fprintf(stderr, "cannot open %s\n", path);
		abort();
	}
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		abort();
	buf = malloc(n > 0 ? (size_t)n : 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n)
		abort();
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* A copy of s without its NUL. */
static inline char *bytes(const char *s, size_t *len)
{
	char *b;

	*len = strlen(s);
	b = malloc(*len > 0 ? *len : 1);
	if (b == NULL)
		abort();
	memcpy(b, s, *len);
	return b;
}

#endif
