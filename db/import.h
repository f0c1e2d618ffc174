#ifndef BACKDESK_DB_IMPORT_H
#define BACKDESK_DB_IMPORT_H
/* `backdesk import`: order documents, one JSON object a line, each sent to
 * api.import_order as its own transaction.  A malformed line is caught here (with
 * its column) and never sent; a line the server refuses is reported with the
 * server's reason; every other line goes in.  Lines travel in a libpq pipeline, so
 * a file of many small orders does not wait one round trip per line. */
#include <stdbool.h>
#include <stddef.h>

#include <libpq-fe.h>

/* The longest line taken: an order of 500 lines is far below it. */
#define IMPORT_MAX_LINE (1024 * 1024)

struct import_stats {
	long long lines;     /* lines read, blank ones too */
	long long imported;  /* accepted by the server */
	long long refused;   /* malformed, too long, or refused by the server */
};

/* Called for each problem with a whole message, "NAME:LINE[:COLUMN]: ...". */
typedef void (*import_problem_fn)(const char *msg, void *arg);

/* Reads the file descriptor `fd` (shown as `name` in messages) to its end.
 * Returns 0 when every line was read and answered (some may have been refused: see
 * *st), or -1 with *err set when the import had to stop: the connection was lost,
 * reading failed, or the login may not import at all. */
int import_stream(PGconn *c, int fd, const char *name, import_problem_fn problem, void *arg,
		  struct import_stats *st, char **err);

/* Lines of a file descriptor, read as they come (a line is handled as soon as it
 * has arrived, not when a buffer is full). */
struct line_reader {
	int fd;
	char block[65536];
	size_t pos, end;
	bool eof;
	char *line;          /* the current line, NUL-terminated, without its newline */
	size_t cap;
};

/* The next line, of at most `max` bytes, in lr->line.  Returns 1 for a line, 0 at
 * the end of the input, -1 on a read error (errno set).  A longer line is consumed
 * whole but not kept: *len is then larger than max and lr->line is empty. */
int line_next(struct line_reader *lr, size_t max, size_t *len);
void line_reader_free(struct line_reader *lr);

#endif
