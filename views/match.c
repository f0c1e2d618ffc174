#include "views/match.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "common/xalloc.h"
#include "tui/utf8.h"

/* U+00C0 … U+017F without their accents, lower-case ('?': no such letter).  The
 * same letters unaccent folds for the search keys; ı and İ both become i. */
static const char latin_fold[] =
	"aaaaaaaceeeeiiiidnooooo?ouuuuytsaaaaaaaceeeeiiiidnooooo?ouuuuyty"
	"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
	"lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/* One character of a folded string, and the bytes it came from. */
struct unit {
	unsigned cp;
	size_t start, end;
};

static unsigned fold_cp(unsigned cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
	if (cp >= 0xC0 && cp < 0x180 && latin_fold[cp - 0xC0] != '?')
		return (unsigned char)latin_fold[cp - 0xC0];
	return (unsigned)towlower((wint_t)cp);
}

static bool is_space(unsigned cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
}

static size_t fold(const char *s, struct unit **out)
{
	size_t n = strlen(s), i = 0, k = 0;
	struct unit *u = xcalloc(n + 1, sizeof *u);

	while (i < n) {
		unsigned cp;
		size_t len = tui_utf8_decode(s + i, n - i, &cp);

		u[k].cp = fold_cp(cp);
		u[k].start = i;
		u[k].end = i + len;
		k++;
		i += len;
	}
	*out = u;
	return k;
}

/* The first place at or after `from` where needle[0..m) occurs in hay[0..n). */
static long find(const struct unit *hay, size_t n, const unsigned *needle, size_t m, size_t from)
{
	for (size_t i = from; m > 0 && i + m <= n; i++) {
		size_t j = 0;

		while (j < m && hay[i + j].cp == needle[j])
			j++;
		if (j == m)
			return (long)i;
	}
	return -1;
}

static bool overlaps(const struct match_span *sp, size_t n, size_t start, size_t end)
{
	for (size_t i = 0; i < n; i++)
		if (start < sp[i].start + sp[i].len && sp[i].start < end)
			return true;
	return false;
}

static int by_start(const void *a, const void *b)
{
	const struct match_span *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* A phone number: only digits and the usual separators, at least seven digits. */
static size_t phone_digits(const struct unit *q, size_t m, unsigned *digits)
{
	size_t nd = 0;

	for (size_t i = 0; i < m; i++) {
		if (q[i].cp >= '0' && q[i].cp <= '9')
			digits[nd++] = q[i].cp;
		else if (q[i].cp >= 0x80 || q[i].cp == 0 || strchr("+ ()./-", (int)q[i].cp) == NULL)
			return 0;
	}
	return nd >= 7 ? nd : 0;
}

/* The typed number the way the database normalizes phones (backdesk.normalize_phone):
 * with its country code, without a trunk 0 or 00.  Rewrites digits[]; returns the
 * new count. */
static size_t normalize_phone(unsigned *digits, size_t nd, bool intl)
{
	static const unsigned tr[2] = { '9', '0' }, hu[2] = { '3', '6' };
	const unsigned *cc = NULL;
	size_t drop = 0;

	if (intl)
		return nd;
	if (nd > 2 && digits[0] == '0' && digits[1] == '0')
		drop = 2;
	else if ((nd == 10 || nd == 11) && digits[0] == '0' && digits[1] == '6')
		drop = 2, cc = hu;
	else if (nd == 11 && digits[0] == '0')
		drop = 1, cc = tr;
	else if (nd == 10 && digits[0] >= '2' && digits[0] <= '5')
		cc = tr;
	memmove(digits + (cc != NULL ? 2 : 0), digits + drop, (nd - drop) * sizeof *digits);
	if (cc != NULL)
		memcpy(digits, cc, 2 * sizeof *digits);
	return nd - drop + (cc != NULL ? 2 : 0);
}

/* The typed number among the text's digits, however either is grouped: whole,
 * else without its country code (a text written the national way), else with
 * fewer leading digits down to seven. */
static size_t match_phone(const struct unit *t, size_t n, const unsigned *digits, size_t nd,
			  struct match_span *out)
{
	struct unit *td = xcalloc(n + 1, sizeof *td);
	size_t ntd = 0, found = 0;

	for (size_t i = 0; i < n; i++)
		if (t[i].cp >= '0' && t[i].cp <= '9')
			td[ntd++] = t[i];
	for (size_t skip = 0; nd - skip >= 7 && !found; skip++) {
		long at = find(td, ntd, digits + skip, nd - skip, 0);

		if (at >= 0) {
			out->start = td[at].start;
			out->len = td[(size_t)at + nd - skip - 1].end - td[at].start;
			found = 1;
		}
	}
	free(td);
	return found;
}

size_t match_find(const char *text, const char *typed, struct match_span *out, size_t max)
{
	struct unit *t, *q;
	size_t n = fold(text != NULL ? text : "", &t), m = fold(typed != NULL ? typed : "", &q);
	unsigned *word = xcalloc(m + 3, sizeof *word); /* + a country code */
	size_t a = 0, b = m, count = 0, nd;
	long at;

	while (a < b && is_space(q[a].cp))
		a++;
	while (b > a && is_space(q[b - 1].cp))
		b--;
	if (a == b || max == 0 || n == 0)
		goto done;
	for (size_t i = a; i < b; i++)
		word[i - a] = q[i].cp;
	/* The whole of it first: "SO-100234" marks one span, not two words. */
	at = find(t, n, word, b - a, 0);
	if (at >= 0) {
		out[count].start = t[at].start;
		out[count++].len = t[(size_t)at + (b - a) - 1].end - t[at].start;
		goto done;
	}
	nd = phone_digits(q + a, b - a, word);
	if (nd > 0) {
		nd = normalize_phone(word, nd, q[a].cp == '+');
		count = match_phone(t, n, word, nd, out);
		goto done;
	}
	for (size_t i = a; i < b && count < max;) {
		size_t len = 0, end, from = 0;

		while (i < b && is_space(q[i].cp))
			i++;
		while (i < b && !is_space(q[i].cp))
			word[len++] = q[i++].cp;
		while (len > 0 && (at = find(t, n, word, len, from)) >= 0) {
			end = t[(size_t)at + len - 1].end;
			if (!overlaps(out, count, t[at].start, end)) {
				out[count].start = t[at].start;
				out[count++].len = end - t[at].start;
				break;
			}
			from = (size_t)at + 1;
		}
	}
	qsort(out, count, sizeof *out, by_start);
done:
	free(word);
	free(t);
	free(q);
	return count;
}
