#include "carrier/track.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"

static const char *const status_codes[CS_N] = {
	[CS_UNKNOWN] = "UNKNOWN",
	[CS_PRE_TRANSIT] = "PRE_TRANSIT",
	[CS_IN_TRANSIT] = "IN_TRANSIT",
	[CS_OUT_FOR_DELIVERY] = "OUT_FOR_DELIVERY",
	[CS_AVAILABLE_FOR_PICKUP] = "AVAILABLE_FOR_PICKUP",
	[CS_DELIVERY_ATTEMPTED] = "DELIVERY_ATTEMPTED",
	[CS_DELIVERED] = "DELIVERED",
	[CS_EXCEPTION] = "EXCEPTION",
	[CS_RETURNING] = "RETURNING",
	[CS_RETURNED] = "RETURNED",
	[CS_CANCELLED] = "CANCELLED",
	[CS_EXPIRED] = "EXPIRED",
};

const char *carrier_status_code(enum carrier_status s)
{
	return (unsigned)s < CS_N ? status_codes[s] : status_codes[CS_UNKNOWN];
}

enum carrier_status carrier_status_from_code(const char *code)
{
	if (code != NULL)
		for (int i = 0; i < CS_N; i++)
			if (strcmp(code, status_codes[i]) == 0)
				return (enum carrier_status)i;
	return CS_N;
}

bool carrier_status_final(enum carrier_status s)
{
	return s == CS_DELIVERED || s == CS_RETURNED || s == CS_CANCELLED || s == CS_EXPIRED;
}

void carrier_result_init(struct carrier_result *r)
{
	memset(r, 0, sizeof *r);
	r->outcome = CARRIER_OK;
	r->status = CS_UNKNOWN;
}

static void free_events(struct carrier_result *r)
{
	for (size_t i = 0; i < r->nevents; i++) {
		free(r->events[i].code);
		free(r->events[i].text);
		free(r->events[i].location);
	}
	free(r->events);
	r->events = NULL;
	r->nevents = 0;
}

void carrier_result_clear(struct carrier_result *r)
{
	free(r->error);
	free(r->code);
	free(r->text);
	free_events(r);
	carrier_result_init(r);
}

void carrier_result_fail(struct carrier_result *r, enum carrier_outcome outcome, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	free(r->error);
	r->error = xvasprintf(fmt, ap);
	va_end(ap);
	r->outcome = outcome;
}

/* ---------------------------------------------------------------------------
 * Times, by our own arithmetic: the process's TZ belongs to whoever runs the
 * console, not to the carrier, and setenv("TZ") is not thread-safe.
 * ------------------------------------------------------------------------- */

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (Howard
 * Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int64_t y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dm[m - 1];
}

/* n digits at s[*i] as a number, or -1. */
static int num(const char *s, size_t len, size_t *i, int n)
{
	int v = 0;

	if (*i + (size_t)n > len)
		return -1;
	for (int k = 0; k < n; k++) {
		char c = s[*i + (size_t)k];

		if (c < '0' || c > '9')
			return -1;
		v = v * 10 + (c - '0');
	}
	*i += (size_t)n;
	return v;
}

static bool parse_day(const char *s, size_t n, size_t *i, int *y, int *m, int *d)
{
	*y = num(s, n, i, 4);
	if (*y < 1970 || *i >= n || s[(*i)++] != '-')
		return false;
	*m = num(s, n, i, 2);
	if (*m < 1 || *m > 12 || *i >= n || s[(*i)++] != '-')
		return false;
	*d = num(s, n, i, 2);
	return *d >= 1 && *d <= days_in_month(*y, *m);
}

/* The last Sunday of month m of year y, as days from 1970. */
static int64_t last_sunday(int64_t y, int m)
{
	int64_t last = days_from_civil(y, m, days_in_month(y, m));
	/* 1970-01-01 was a Thursday: weekday 0 = Sunday is (days + 4) % 7. */
	int64_t wd = ((last + 4) % 7 + 7) % 7;

	return last - wd;
}

/* Istanbul's offset for a local time (seconds since 1970 as if it were UTC).
 * +03 all year since 2016-09-07; before, EET with the EU's summer time (from the
 * last Sunday of March, 03:00, to the last Sunday of October, 04:00).  tzdata's
 * few one-off shifted days before 2016 are left out: no parcel is that old. */
static int64_t istanbul_offset(int64_t local)
{
	int64_t y;
	int m, d;

	if (local >= days_from_civil(2016, 9, 7) * 86400)
		return 3 * 3600;
	civil_from_days(local >= 0 ? local / 86400 : (local - 86399) / 86400, &y, &m, &d);
	int64_t start = last_sunday(y, 3) * 86400 + 3 * 3600;
	int64_t end = last_sunday(y, 10) * 86400 + 4 * 3600;
	return local >= start && local < end ? 3 * 3600 : 2 * 3600;
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

bool carrier_time_utc(const char *s, size_t n, enum carrier_zone zone, char out[32])
{
	size_t i = 0;
	int y, mo, d, h, mi, sec = 0;
	int64_t offset;

	out[0] = '\0';
	if (s == NULL || !parse_day(s, n, &i, &y, &mo, &d))
		return false;
	if (i >= n || (s[i] != 'T' && s[i] != 't' && s[i] != ' '))
		return false;
	i++;
	h = num(s, n, &i, 2);
	if (h < 0 || h > 23 || i >= n || s[i++] != ':')
		return false;
	mi = num(s, n, &i, 2);
	if (mi < 0 || mi > 59)
		return false;
	if (i < n && s[i] == ':') {
		i++;
		sec = num(s, n, &i, 2);
		if (sec < 0 || sec > 60)
			return false;
		if (sec == 60) /* a leap second: the minute's last one will do */
			sec = 59;
		if (i < n && (s[i] == '.' || s[i] == ',')) {
			size_t start = ++i;

			while (i < n && s[i] >= '0' && s[i] <= '9')
				i++;
			if (i == start)
				return false;
		}
	}
	int64_t t = (days_from_civil(y, mo, d) * 24 + h) * 3600 + mi * 60 + sec;

	if (i == n) {
		offset = zone == CARRIER_ZONE_ISTANBUL ? istanbul_offset(t) : 0;
	} else if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == n) {
		offset = 0;
	} else if (s[i] == '+' || s[i] == '-') {
		int sign = s[i++] == '-' ? -1 : 1;
		int oh = num(s, n, &i, 2), om = 0;

		if (oh < 0 || oh > 18)
			return false;
		if (i < n && s[i] == ':')
			i++;
		if (i < n) {
			om = num(s, n, &i, 2);
			if (om < 0 || om > 59)
				return false;
		}
		if (i != n || (s[i - 1] == ':'))
			return false;
		offset = sign * (oh * 3600 + om * 60);
	} else {
		return false;
	}
	t -= offset;

	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int64_t rest = t - days * 86400, yy;
	int mm, dd;

	civil_from_days(days, &yy, &mm, &dd);
	if (yy < 1970 || yy > 9999)
		return false;
	(void)snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ", (int)yy, mm, dd, (int)(rest / 3600),
		       (int)(rest / 60 % 60), (int)(rest % 60));
	return true;
}

bool carrier_date(const char *s, size_t n, char out[11])
{
	size_t i = 0;
	int y, m, d;

	out[0] = '\0';
	if (s == NULL || !parse_day(s, n, &i, &y, &m, &d))
		return false;
	if (i < n && s[i] != 'T' && s[i] != 't' && s[i] != ' ')
		return false;
	(void)snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return true;
}

char *carrier_text(const char *s, size_t max)
{
	size_t n;

	if (s == NULL)
		return xstrdup("");
	n = strnlen(s, max + 1);
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	return xstrndup(s, n);
}

bool carrier_words(const char *text, const char *word)
{
	size_t wn = strlen(word);

	if (text == NULL || wn == 0)
		return false;
	for (const char *p = text; *p != '\0'; p++) {
		size_t k = 0;

		while (k < wn && p[k] != '\0' && ascii_lower(p[k]) == ascii_lower(word[k]))
			k++;
		if (k == wn)
			return true;
	}
	return false;
}

void carrier_result_reset(struct carrier_result *r)
{
	int http_status = r->http_status, tries = r->tries;

	carrier_result_clear(r);
	r->http_status = http_status;
	r->tries = tries;
}

/* ---------------------------------------------------------------------------
 * Events
 * ------------------------------------------------------------------------- */

void carrier_result_add_event(struct carrier_result *r, const char *at, enum carrier_status status,
			      const char *code, const char *text, const char *location)
{
	struct carrier_event *e;

	size_t n = r->nevents;

	/* Room for 4, 8, 16...: doubling without a capacity field in the result. */
	if (n == 0 || (n >= 4 && (n & (n - 1)) == 0))
		r->events = xrealloc(r->events, (n != 0 ? n * 2 : 4) * sizeof *r->events);
	e = &r->events[r->nevents++];
	memset(e, 0, sizeof *e);
	(void)snprintf(e->at, sizeof e->at, "%s", at != NULL ? at : "");
	e->status = status;
	e->code = carrier_text(code, CARRIER_CODE_MAX);
	e->text = carrier_text(text, CARRIER_TEXT_MAX);
	e->location = carrier_text(location, CARRIER_LOCATION_MAX);
}

/* Two orders: repeats side by side (time, code, place, then as they came), and
 * the one people read (newest first, equal times as they came). */
struct ranked {
	struct carrier_event e;
	size_t idx;
};

static int by_key(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	int c = strcmp(y->e.at, x->e.at);

	if (c == 0)
		c = strcmp(x->e.code, y->e.code);
	if (c == 0)
		c = strcmp(x->e.location, y->e.location);
	if (c != 0)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int newest_first(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	int c = strcmp(y->e.at, x->e.at);

	if (c != 0)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static bool same_event(const struct carrier_event *a, const struct carrier_event *b)
{
	return strcmp(a->at, b->at) == 0 && strcmp(a->code, b->code) == 0 &&
	       strcmp(a->location, b->location) == 0;
}

static void free_event(struct carrier_event *e)
{
	free(e->code);
	free(e->text);
	free(e->location);
}

void carrier_result_sort_events(struct carrier_result *r)
{
	struct ranked *v;
	size_t n = r->nevents, kept = 0;

	if (n == 0)
		return;
	v = xmalloc(n * sizeof *v);
	for (size_t i = 0; i < n; i++) {
		v[i].e = r->events[i];
		v[i].idx = i;
	}
	/* Sorting twice keeps it O(n log n) whatever a carrier sends. */
	qsort(v, n, sizeof *v, by_key);
	for (size_t i = 0; i < n; i++) {
		if (kept > 0 && same_event(&v[kept - 1].e, &v[i].e))
			free_event(&v[i].e); /* the first one given stays */
		else
			v[kept++] = v[i];
	}
	qsort(v, kept, sizeof *v, newest_first);
	for (size_t i = CARRIER_EVENTS_MAX; i < kept; i++)
		free_event(&v[i].e);
	if (kept > CARRIER_EVENTS_MAX)
		kept = CARRIER_EVENTS_MAX;
	for (size_t i = 0; i < kept; i++)
		r->events[i] = v[i].e;
	free(v);
	r->nevents = kept;
}

void carrier_result_set_latest(struct carrier_result *r, enum carrier_status status, const char *code,
			       const char *text)
{
	free(r->code);
	free(r->text);
	r->status = status;
	r->code = carrier_text(code, CARRIER_CODE_MAX);
	r->text = carrier_text(text, CARRIER_TEXT_MAX);
}

/* ---------------------------------------------------------------------------
 * The document for api.record_tracking
 * ------------------------------------------------------------------------- */

static int put_str(json_t *o, const char *key, const char *s)
{
	return json_object_set_new(o, key, json_string(s != NULL ? s : ""));
}

char *carrier_result_json(const struct carrier_result *r)
{
	json_t *doc, *events;
	char *out = NULL;
	int bad = 0;

	if (r->outcome != CARRIER_OK)
		return NULL;
	doc = json_object();
	events = json_array();
	if (doc == NULL || events == NULL) {
		json_decref(doc);
		json_decref(events);
		return NULL;
	}
	bad |= put_str(doc, "status", carrier_status_code(r->status));
	bad |= put_str(doc, "code", r->code);
	bad |= put_str(doc, "text", r->text);
	bad |= json_object_set_new(doc, "expected_delivery",
				   r->expected[0] != '\0' ? json_string(r->expected) : json_null());
	for (size_t i = 0; i < r->nevents && !bad; i++) {
		const struct carrier_event *e = &r->events[i];
		json_t *o = json_object();

		if (o == NULL) {
			bad = 1;
			break;
		}
		bad |= put_str(o, "at", e->at);
		bad |= put_str(o, "status", carrier_status_code(e->status));
		bad |= put_str(o, "code", e->code);
		bad |= put_str(o, "text", e->text);
		bad |= put_str(o, "location", e->location);
		bad |= json_array_append_new(events, o);
	}
	bad |= json_object_set_new(doc, "events", events);
	if (!bad)
		out = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	return out;
}
