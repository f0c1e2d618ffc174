#include "seed/gen_copy.h"

#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/connect.h"

/* Big enough that a send is rare, small enough that the server is never idle for
 * long while the next chunk is formatted. */
enum { COPY_CHUNK = 256 * 1024 };

size_t copy_escape(char *dst, const char *s, size_t n)
{
	char *d = dst;

	for (size_t i = 0; i < n; i++) {
		char ch = s[i];

		switch (ch) {
		case '\\':
			*d++ = '\\';
			*d++ = '\\';
			break;
		case '\t':
			*d++ = '\\';
			*d++ = 't';
			break;
		case '\n':
			*d++ = '\\';
			*d++ = 'n';
			break;
		case '\r':
			*d++ = '\\';
			*d++ = 'r';
			break;
		default:
			*d++ = ch;
			break;
		}
	}
	return (size_t)(d - dst);
}

/* Howard Hinnant's days_from_civil, inverted. */
void copy_civil(int64_t days, int *year, int *month, int *day)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;

	*year = (int)(yoe + era * 400 + (m <= 2));
	*month = (int)m;
	*day = (int)d;
}

int copy_begin(struct copy_out *o, PGconn *c, const char *sql, char **err)
{
	PGresult *r = PQexec(c, sql);

	memset(o, 0, sizeof *o);
	if (r == NULL || PQresultStatus(r) != PGRES_COPY_IN) {
		*err = r != NULL ? db_result_message(r) : xstrdup(PQerrorMessage(c));
		PQclear(r);
		return -1;
	}
	PQclear(r);
	o->c = c;
	o->cap = COPY_CHUNK + 64 * 1024;
	o->buf = xmalloc(o->cap);
	o->at_row_start = true;
	return 0;
}

static void flush(struct copy_out *o)
{
	if (o->len > 0 && !o->failed && PQputCopyData(o->c, o->buf, (int)o->len) != 1)
		o->failed = true;
	o->len = 0;
}

/* Room for n more bytes and the separator before them. */
static char *room(struct copy_out *o, size_t n)
{
	if (o->len + n + 1 > o->cap)
		o->buf = xgrow(o->buf, &o->cap, o->len + n + 1, 1);
	if (!o->at_row_start)
		o->buf[o->len++] = '\t';
	o->at_row_start = false;
	return o->buf + o->len;
}

void copy_textn(struct copy_out *o, const char *s, size_t n)
{
	char *d = room(o, 2 * n);

	o->len += copy_escape(d, s, n);
}

void copy_text(struct copy_out *o, const char *s)
{
	if (s == NULL)
		copy_null(o);
	else
		copy_textn(o, s, strlen(s));
}

void copy_null(struct copy_out *o)
{
	char *d = room(o, 2);

	d[0] = '\\';
	d[1] = 'N';
	o->len += 2;
}

/* Digits of v, right to left, ending at end; returns where they start. */
static char *digits(char *end, uint64_t v)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	return end;
}

void copy_i64(struct copy_out *o, int64_t v)
{
	char tmp[24], *p;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	size_t n;

	p = digits(tmp + sizeof tmp, u);
	if (v < 0)
		*--p = '-';
	n = (size_t)(tmp + sizeof tmp - p);
	memcpy(room(o, n), p, n);
	o->len += n;
}

void copy_bool(struct copy_out *o, bool v)
{
	*room(o, 1) = v ? 't' : 'f';
	o->len++;
}

static void fixed(struct copy_out *o, int64_t v, int decimals)
{
	char tmp[32], *end = tmp + sizeof tmp, *p = end;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	size_t n;

	for (int i = 0; i < decimals; i++) {
		*--p = (char)('0' + u % 10);
		u /= 10;
	}
	*--p = '.';
	p = digits(p, u);
	if (v < 0)
		*--p = '-';
	n = (size_t)(end - p);
	memcpy(room(o, n), p, n);
	o->len += n;
}

void copy_money(struct copy_out *o, int64_t minor)
{
	fixed(o, minor, 2);
}

void copy_bp(struct copy_out *o, int bp)
{
	fixed(o, bp, 4);
}

static char *put2(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
	return p + 2;
}

static char *put_date(char *p, int64_t days)
{
	int y, m, d;

	copy_civil(days, &y, &m, &d);
	p = put2(p, y / 100);
	p = put2(p, y % 100);
	*p++ = '-';
	p = put2(p, m);
	*p++ = '-';
	return put2(p, d);
}

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

void copy_ts(struct copy_out *o, int64_t epoch)
{
	int64_t days = floor_div(epoch, 86400), sec = epoch - days * 86400;
	char *start = room(o, 32), *p;

	p = put_date(start, days);
	*p++ = ' ';
	p = put2(p, (int)(sec / 3600));
	*p++ = ':';
	p = put2(p, (int)(sec / 60 % 60));
	*p++ = ':';
	p = put2(p, (int)(sec % 60));
	memcpy(p, "+00", 3);
	p += 3;
	o->len += (size_t)(p - start);
}

void copy_date(struct copy_out *o, int64_t days)
{
	char *start = room(o, 16);

	o->len += (size_t)(put_date(start, days) - start);
}

void copy_row_end(struct copy_out *o)
{
	if (o->len + 1 > o->cap)
		o->buf = xgrow(o->buf, &o->cap, o->len + 1, 1);
	o->buf[o->len++] = '\n';
	o->at_row_start = true;
	o->rows++;
	if (o->len >= COPY_CHUNK)
		flush(o);
}

long long copy_finish(struct copy_out *o, char **err)
{
	PGresult *r;
	long long n = -1;
	char *e = NULL;

	flush(o);
	free(o->buf);
	o->buf = NULL;
	/* A row that could not be sent fails the COPY rather than leave it short. */
	if (PQputCopyEnd(o->c, o->failed ? _("backdesk could not send every row") : NULL) != 1) {
		*err = xasprintf(_("cannot end the COPY: %s"), PQerrorMessage(o->c));
		return -1;
	}
	/* The COPY's result, then NULL. */
	while ((r = PQgetResult(o->c)) != NULL) {
		if (PQresultStatus(r) == PGRES_COMMAND_OK && n < 0)
			n = atoll(PQcmdTuples(r));
		else if (e == NULL)
			e = db_result_message(r);
		PQclear(r);
	}
	if (e != NULL) {
		*err = e;
		return -1;
	}
	if (n < 0) {
		*err = xasprintf(_("the COPY ended without a result: %s"), PQerrorMessage(o->c));
		return -1;
	}
	return n;
}

void copy_abort(struct copy_out *o)
{
	PGresult *r;

	free(o->buf);
	o->buf = NULL;
	if (o->c == NULL)
		return;
	(void)PQputCopyEnd(o->c, _("aborted by backdesk"));
	while ((r = PQgetResult(o->c)) != NULL)
		PQclear(r);
}
