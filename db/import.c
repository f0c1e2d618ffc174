#include "db/import.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/connect.h"

/* Lines sent and not yet answered.  Enough to keep the server busy over a slow
 * network; each costs only its line number here (libpq holds the text). */
enum { WINDOW = 256 };

#define STMT "backdesk_import_order"

int line_next(struct line_reader *lr, size_t max, size_t *len)
{
	size_t n = 0;
	bool any = false;

	if (lr->cap == 0) {
		lr->cap = 4096;
		lr->line = xmalloc(lr->cap);
	}
	lr->line[0] = '\0';
	for (;;) {
		const char *from, *nl;
		size_t take;

		if (lr->pos == lr->end) {
			ssize_t got;

			if (lr->eof)
				break;
			do
				got = read(lr->fd, lr->block, sizeof lr->block);
			while (got < 0 && errno == EINTR);
			if (got < 0)
				return -1;
			if (got == 0) {
				lr->eof = true;
				break;
			}
			lr->pos = 0;
			lr->end = (size_t)got;
		}
		any = true;
		from = lr->block + lr->pos;
		nl = memchr(from, '\n', lr->end - lr->pos);
		take = nl != NULL ? (size_t)(nl - from) : lr->end - lr->pos;
		if (n + take <= max) {
			if (n + take + 1 > lr->cap)
				lr->line = xgrow(lr->line, &lr->cap, n + take + 1, 1);
			memcpy(lr->line + n, from, take);
			lr->line[n + take] = '\0';
		} else {
			lr->line[0] = '\0';
		}
		n += take;
		lr->pos += take;
		if (nl != NULL) {
			lr->pos++;
			*len = n;
			return 1;
		}
	}
	if (!any)
		return 0;
	*len = n;
	return 1;
}

void line_reader_free(struct line_reader *lr)
{
	free(lr->line);
	lr->line = NULL;
	lr->cap = 0;
}

struct importer {
	PGconn *c;
	const char *name;
	import_problem_fn problem;
	void *arg;
	struct import_stats *st;
	long long queue[WINDOW];   /* line numbers in flight, oldest first */
	int head, count;
	bool failed;               /* the oldest line in flight was refused */
	bool stop;                 /* no more lines: the login may not import */
	char stop_state[6];
	char *err;
};

static void problem(struct importer *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void problem(struct importer *im, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	im->problem(msg, im->arg);
	free(msg);
}

/* Checks a line without asking the server; 0 when it may be sent. */
static int check_json(struct importer *im, long long lineno, const char *line, size_t len)
{
	json_error_t e;
	json_t *doc = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL, &e);

	if (doc == NULL) {
		problem(im, _("%s:%lld:%d: malformed JSON: %s"), im->name, lineno, e.column, e.text);
		return -1;
	}
	if (!json_is_object(doc)) {
		problem(im, _("%s:%lld: an order document must be a JSON object {...}, not an array"),
			im->name, lineno);
		json_decref(doc);
		return -1;
	}
	json_decref(doc);
	return 0;
}

static bool is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

/* Handles the results that have arrived; -1 when the connection is gone. */
static int drain(struct importer *im)
{
	while (im->count > 0 && !PQisBusy(im->c)) {
		PGresult *r = PQgetResult(im->c);
		long long lineno = im->queue[im->head];

		if (r == NULL)
			continue; /* the end of one query's results; its sync comes next */
		switch (PQresultStatus(r)) {
		case PGRES_TUPLES_OK:
			break;
		case PGRES_PIPELINE_SYNC:
			if (im->failed)
				im->st->refused++;
			else
				im->st->imported++;
			im->failed = false;
			im->head = (im->head + 1) % WINDOW;
			im->count--;
			break;
		default: {
			const char *state = db_sqlstate(r);
			char *msg = db_result_message(r);

			im->failed = true;
			/* A login that may not import gets the reason once, not once a line. */
			if (!(im->stop && strcmp(state, im->stop_state) == 0))
				problem(im, "%s:%lld: %s", im->name, lineno, msg);
			if (strcmp(state, "BD001") == 0 || strcmp(state, "42501") == 0 ||
			    strncmp(state, "08", 2) == 0) {
				if (!im->stop)
					im->err = xasprintf(_("stopped at %s:%lld: no further line can go in "
							      "with this login or connection (see above)"),
							    im->name, lineno);
				im->stop = true;
				(void)snprintf(im->stop_state, sizeof im->stop_state, "%s", state);
			}
			free(msg);
			break;
		}
		}
		PQclear(r);
	}
	if (PQstatus(im->c) == CONNECTION_BAD)
		return -1;
	return 0;
}

/* Why the import stopped, when the connection went away. */
static char *lost_message(const struct importer *im)
{
	if (im->count == 0)
		return xasprintf(_("lost the connection to the database after line %lld: %s"), im->st->lines,
				 PQerrorMessage(im->c));
	return xasprintf(_("lost the connection to the database: lines %lld to %lld of %s were sent but "
			   "not answered, so they may or may not be in; send them again (the same order "
			   "number again updates the order): %s"),
			 im->queue[im->head], im->queue[(im->head + im->count - 1) % WINDOW], im->name,
			 PQerrorMessage(im->c));
}

/* Waits until the server answers or takes more; -1 when the connection is gone. */
static int wait_io(struct importer *im, bool want_write)
{
	struct pollfd pfd = { PQsocket(im->c), (short)(POLLIN | (want_write ? POLLOUT : 0)), 0 };

	if (pfd.fd < 0)
		return -1;
	if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
		return -1;
	if ((pfd.revents & (POLLIN | POLLERR | POLLHUP)) != 0 && PQconsumeInput(im->c) == 0)
		return -1;
	return 0;
}

static int send_line(struct importer *im, long long lineno, const char *line)
{
	if (PQsendQueryPrepared(im->c, STMT, 1, &line, NULL, NULL, 0) == 0 || PQpipelineSync(im->c) == 0)
		return -1;
	im->queue[(im->head + im->count) % WINDOW] = lineno;
	im->count++;
	return 0;
}

static int prepare(PGconn *c, char **err)
{
	PGresult *r = PQprepare(c, STMT, "SELECT api.import_order($1::jsonb)", 1, NULL);

	if (r == NULL || PQresultStatus(r) != PGRES_COMMAND_OK) {
		char *m = r != NULL ? db_result_message(r) : xstrdup(PQerrorMessage(c));

		*err = xasprintf(_("cannot prepare the import: %s"), m);
		free(m);
		PQclear(r);
		return -1;
	}
	PQclear(r);
	return 0;
}

int import_stream(PGconn *c, int fd, const char *name, import_problem_fn on_problem, void *arg,
		  struct import_stats *st, char **err)
{
	struct importer im = { .c = c, .name = name, .problem = on_problem, .arg = arg, .st = st };
	struct line_reader lr = { .fd = fd };
	size_t len;
	bool eof = false, lost = false;
	int rc = 0;

	memset(st, 0, sizeof *st);
	if (PQsetClientEncoding(c, "UTF8") != 0) {
		*err = xasprintf(_("cannot use UTF-8 with the server: %s"), PQerrorMessage(c));
		return -1;
	}
	if (prepare(c, err) < 0)
		return -1;
	if (PQsetnonblocking(c, 1) != 0 || PQenterPipelineMode(c) == 0) {
		*err = xasprintf(_("cannot start the import: %s"), PQerrorMessage(c));
		return -1;
	}
	for (;;) {
		int flushed;

		/* Read and send while there is room in the window. */
		while (!eof && !im.stop && im.count < WINDOW) {
			int got = line_next(&lr, IMPORT_MAX_LINE, &len);
			char *line = lr.line;

			if (got <= 0) {
				eof = true;
				if (got < 0) {
					im.err = xasprintf(_("cannot read %s after line %lld: %s"), name, st->lines,
							   strerror(errno));
					im.stop = true;
				}
				break;
			}
			st->lines++;
			if (len > IMPORT_MAX_LINE) {
				problem(&im, _("%s:%lld: the line is %zu bytes long, more than the %d allowed: "
					       "is it one order?"),
					name, st->lines, len, IMPORT_MAX_LINE);
				st->refused++;
				continue;
			}
			if (st->lines == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
				line += 3; /* a byte order mark */
				len -= 3;
			}
			if (len > 0 && line[len - 1] == '\r')
				line[--len] = '\0';
			if (is_blank(line, len))
				continue;
			if (memchr(line, '\0', len) != NULL) {
				problem(&im, _("%s:%lld: the line holds a NUL byte: not a JSON text"), name,
					st->lines);
				st->refused++;
				continue;
			}
			if (check_json(&im, st->lines, line, len) < 0) {
				st->refused++;
				continue;
			}
			if (send_line(&im, st->lines, line) < 0) {
				lost = true;
				break;
			}
		}
		if (lost)
			break;
		flushed = PQflush(c);
		if (flushed < 0) {
			lost = true;
			break;
		}
		if (PQconsumeInput(c) == 0 || drain(&im) < 0) {
			lost = true;
			break;
		}
		if (im.count == 0 && flushed == 0 && (eof || im.stop))
			break;
		/* Wait only when nothing else can be done: the window is full, the input
		 * is finished, or libpq still has bytes to send. */
		if (flushed == 1 || im.count >= WINDOW || eof || im.stop) {
			if (wait_io(&im, flushed == 1) < 0 || drain(&im) < 0) {
				lost = true;
				break;
			}
		}
	}
	line_reader_free(&lr);
	if (lost) {
		free(im.err);
		*err = lost_message(&im);
		return -1;
	}
	if (PQexitPipelineMode(c) == 0 || PQsetnonblocking(c, 0) != 0) {
		free(im.err);
		*err = xasprintf(_("cannot end the import: %s"), PQerrorMessage(c));
		return -1;
	}
	if (im.err != NULL) {
		*err = im.err;
		rc = -1;
	}
	return rc;
}
