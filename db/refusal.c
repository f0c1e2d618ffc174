#include "db/refusal.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/strbuf.h"
#include "common/xalloc.h"

static const struct refusal_text catalog[] = {
#include "db/refusal_texts.inc"
};

enum {
	MAX_CAPS = 16,
	/* A refusal is a sentence or two: no pattern needs more tries than this, and a
	 * pathological text must not stall the screen. */
	MAX_STEPS = 20000,
	/* An argument may itself be a refusal's fragment (a clause made by a format()
	 * inside the message's arguments): looked up this deep. */
	MAX_DEPTH = 2,
};

struct cap {
	const char *s;
	size_t len;
	char kind;     /* 's' or 'L' */
	bool adjacent; /* beside another placeholder: where it ends is a guess */
};

struct lookup {
	const struct refusal_text *catalog;
	size_t n;
	const char *(*translate)(const char *msgid);
	void (*arg)(struct strbuf *sb, const char *s, size_t len);
};

struct walk {
	const struct lookup *lk;
	const char *pattern;
	int depth;
	bool adjacent; /* two placeholders side by side: the split is chosen by score */
	bool stop;
	long steps;
	struct cap caps[MAX_CAPS];
	struct cap best[MAX_CAPS];
	int nbest;
	long best_score;
};

static long best_entry(const struct lookup *lk, const char *s, size_t len, int depth, struct cap *caps,
		       int *ncaps, size_t *entry);

static size_t literal_chars(const char *p)
{
	size_t n = 0;

	while (*p != '\0') {
		if (p[0] == '%' && (p[1] == 's' || p[1] == 'L')) {
			p += 2;
		} else {
			p += p[0] == '%' && p[1] == '%' ? 2 : 1;
			n++;
		}
	}
	return n;
}

/* How much of the guessed arguments are themselves known fragments. */
static long captures_score(struct walk *w, int n)
{
	long score = 0;

	for (int i = 0; i < n; i++) {
		struct cap sub[MAX_CAPS];
		int nsub;
		size_t entry;

		if (w->caps[i].kind == 's' && w->caps[i].adjacent && w->depth < MAX_DEPTH) {
			long s = best_entry(w->lk, w->caps[i].s, w->caps[i].len, w->depth + 1, sub, &nsub, &entry);

			if (s > 0)
				score += s;
		}
	}
	return score;
}

static void candidate(struct walk *w, int n)
{
	long score = w->adjacent ? captures_score(w, n) : 0;

	if (score > w->best_score) {
		w->best_score = score;
		memcpy(w->best, w->caps, sizeof(w->caps[0]) * (size_t)n);
		w->nbest = n;
	}
	if (!w->adjacent)
		w->stop = true;
}

/* Every way the text s..end splits along the pattern p, shortest arguments first. */
static void walk(struct walk *w, const char *p, const char *s, const char *end, int n)
{
	while (!w->stop && ++w->steps < MAX_STEPS) {
		if (*p == '\0') {
			if (s == end)
				candidate(w, n);
			return;
		}
		if (p[0] == '%' && p[1] == '%') {
			if (s == end || *s != '%')
				return;
			p += 2;
			s++;
		} else if (p[0] == '%' && p[1] == 'L') {
			/* format('%L') quotes the argument, doubling its quotes, or says NULL */
			if (n == MAX_CAPS)
				return;
			if (end - s >= 4 && memcmp(s, "NULL", 4) == 0) {
				w->caps[n] = (struct cap){ s, 4, 'L', false };
				walk(w, p + 2, s + 4, end, n + 1);
			}
			if (s < end && *s == '\'') {
				const char *q = s + 1;

				while (q < end) {
					if (*q == '\'' && q + 1 < end && q[1] == '\'')
						q += 2;
					else if (*q == '\'')
						break;
					else
						q++;
				}
				if (q < end) {
					w->caps[n] = (struct cap){ s, (size_t)(q + 1 - s), 'L', false };
					walk(w, p + 2, q + 1, end, n + 1);
				}
			}
			return;
		} else if (p[0] == '%' && p[1] == 's') {
			char next = p[2] == '%' ? '\0' : p[2];
			bool adjacent = (p[2] == '%' && (p[3] == 's' || p[3] == 'L')) ||
					(p - w->pattern >= 2 && p[-2] == '%' && (p[-1] == 's' || p[-1] == 'L') &&
					 (p - w->pattern < 3 || p[-3] != '%'));

			if (n == MAX_CAPS)
				return;
			for (const char *e = s; e <= end && !w->stop; e++) {
				if (next != '\0' && e < end && *e != next)
					continue;
				w->caps[n] = (struct cap){ s, (size_t)(e - s), 's', adjacent };
				walk(w, p + 2, e, end, n + 1);
			}
			return;
		} else {
			if (s == end || *p != *s)
				return;
			p++;
			s++;
		}
	}
}

/* The literal text before the pattern's first placeholder starts s..s+len. */
static bool prefix_fits(const char *p, const char *s, size_t len)
{
	for (size_t i = 0; p[0] != '\0'; p++, i++) {
		if (p[0] == '%')
			return p[1] == '%' ? i < len && s[i] == '%' : true;
		if (i >= len || s[i] != p[0])
			return false;
	}
	return true;
}

/* The literal text after the pattern's last placeholder ends s..s+len. */
static bool suffix_fits(const char *p, const char *s, size_t len)
{
	const char *tail = p;
	size_t n = 0;

	for (const char *c = p; *c != '\0'; c++) {
		if (c[0] == '%' && (c[1] == 's' || c[1] == 'L'))
			tail = c + 2;
		if (c[0] == '%' && c[1] != '\0')
			c++;
	}
	for (const char *c = tail; *c != '\0'; c += c[0] == '%' && c[1] != '\0' ? 2 : 1)
		n++;
	if (n > len)
		return false;
	s += len - n;
	for (const char *c = tail; *c != '\0'; c += c[0] == '%' && c[1] != '\0' ? 2 : 1, s++)
		if (*s != *c)
			return false;
	return true;
}

/* The catalog entry the text was made from, by the most literal characters; its
 * score (literal characters, -1 for none) and arguments. */
static long best_entry(const struct lookup *lk, const char *s, size_t len, int depth, struct cap *caps,
		       int *ncaps, size_t *entry)
{
	long best = -1;

	for (size_t i = 0; i < lk->n; i++) {
		const char *p = lk->catalog[i].pattern;
		long lit = (long)literal_chars(p);
		struct walk *w;

		if (lit <= best || (depth > 0 && lit < 4) || !prefix_fits(p, s, len) || !suffix_fits(p, s, len))
			continue;
		w = xcalloc(1, sizeof(*w));
		w->lk = lk;
		w->pattern = p;
		w->depth = depth;
		w->adjacent = strstr(p, "%s%s") != NULL || strstr(p, "%s%L") != NULL ||
			      strstr(p, "%L%s") != NULL;
		w->best_score = -1;
		walk(w, p, s, s + len, 0);
		if (w->best_score >= 0) {
			best = lit;
			*entry = i;
			*ncaps = w->nbest;
			memcpy(caps, w->best, sizeof(caps[0]) * (size_t)w->nbest);
		}
		free(w);
	}
	return best;
}

static void put_text(const struct lookup *lk, struct strbuf *sb, const char *s, size_t len, int depth);

/* The translation, its %s (in order) and %N$s (by number) filled with the arguments,
 * each translated too when it is a known fragment. */
static void expand(const struct lookup *lk, struct strbuf *sb, const char *tr, const struct cap *caps,
		   int ncaps, int depth)
{
	int next = 0;

	while (*tr != '\0') {
		int k = -1;

		if (tr[0] == '%' && tr[1] == '%') {
			sb_putc(sb, '%');
			tr += 2;
			continue;
		}
		if (tr[0] == '%' && tr[1] == 's') {
			k = next++;
			tr += 2;
		} else if (tr[0] == '%' && tr[1] >= '1' && tr[1] <= '9') {
			char *e;
			long v = strtol(tr + 1, &e, 10);

			if (e[0] == '$' && e[1] == 's') {
				k = (int)v - 1;
				tr = e + 2;
			}
		}
		if (k < 0) {
			sb_putc(sb, *tr++);
			continue;
		}
		if (k < ncaps) {
			if (caps[k].kind == 's' && depth < MAX_DEPTH)
				put_text(lk, sb, caps[k].s, caps[k].len, depth + 1);
			else
				sb_add(sb, caps[k].s, caps[k].len);
		}
	}
}

static void put_text(const struct lookup *lk, struct strbuf *sb, const char *s, size_t len, int depth)
{
	struct cap caps[MAX_CAPS];
	int ncaps = 0;
	size_t entry = 0;
	char *tr;

	if (best_entry(lk, s, len, depth, caps, &ncaps, &entry) < 0) {
		if (depth > 0 && lk->arg != NULL)
			lk->arg(sb, s, len);
		else
			sb_add(sb, s, len);
		return;
	}
	/* The arguments' own look-ups call translate again: keep this one's answer. */
	tr = xstrdup(lk->translate(lk->catalog[entry].msgid));
	expand(lk, sb, tr, caps, ncaps, depth);
	free(tr);
}

char *refusal_translate_with(const struct refusal_text *cat, size_t n, const char *english,
			     const char *(*translate)(const char *msgid))
{
	return refusal_translate_args(cat, n, english, translate, NULL);
}

char *refusal_translate_args(const struct refusal_text *cat, size_t n, const char *english,
			     const char *(*translate)(const char *msgid),
			     void (*arg)(struct strbuf *sb, const char *s, size_t len))
{
	struct lookup lk = { cat, n, translate, arg };
	struct strbuf sb = STRBUF_INIT;

	if (english == NULL)
		return NULL;
	put_text(&lk, &sb, english, strlen(english), 0);
	return sb_take(&sb);
}

static const char *translate_gettext(const char *msgid)
{
	return i18n_pgettext("refusal", msgid);
}

const struct refusal_text *refusal_catalog(size_t *n)
{
	*n = sizeof(catalog) / sizeof(catalog[0]);
	return catalog;
}

char *refusal_translate(const char *english)
{
	return refusal_translate_with(catalog, sizeof(catalog) / sizeof(catalog[0]), english, translate_gettext);
}

char *db_error_text(const PGresult *res, int field)
{
	const char *s = res != NULL ? PQresultErrorField(res, field) : NULL;
	char *t;
	size_t len;

	if (s == NULL)
		return NULL;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == ' '))
		len--;
	t = xstrndup(s, len);
	{
		char *out = refusal_translate(t);

		free(t);
		return out;
	}
}
