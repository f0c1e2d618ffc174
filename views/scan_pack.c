#include "views/scan_pack.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/fatal.h"
#include "common/xalloc.h"

static char *dup_string(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? xstrdup(s) : NULL;
}

void scan_pack_clear(struct scan_pack *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->lines[i].sku);
		free(p->lines[i].ean);
		free(p->lines[i].name);
	}
	free(p->lines);
	free(p->number);
	free(p->version);
	free(p->customer);
	free(p->ship_by);
	memset(p, 0, sizeof *p);
	p->carrier = -1;
}

int scan_pack_load(struct scan_pack *p, const json_t *order)
{
	const json_t *lines = json_object_get(order, "lines");
	const json_t *version = json_object_get(order, "version");
	size_t i;
	const json_t *l;

	scan_pack_clear(p);
	if (json_string_value(json_object_get(order, "number")) == NULL || !json_is_integer(version) ||
	    !json_is_array(lines))
		return -1;
	p->number = dup_string(order, "number");
	p->version = xasprintf("%lld", (long long)json_integer_value(version));
	p->customer = dup_string(order, "customer_name");
	p->ship_by = dup_string(order, "ship_by");
	p->late = json_is_true(json_object_get(order, "late"));
	p->lines = xcalloc(json_array_size(lines) + 1, sizeof *p->lines);
	json_array_foreach(lines, i, l) {
		struct scan_line *sl = &p->lines[p->n];

		if (!json_is_integer(json_object_get(l, "line_no")) ||
		    !json_is_integer(json_object_get(l, "qty")) ||
		    json_string_value(json_object_get(l, "sku")) == NULL) {
			scan_pack_clear(p);
			return -1;
		}
		sl->line_no = (int)json_integer_value(json_object_get(l, "line_no"));
		sl->qty = (int)json_integer_value(json_object_get(l, "qty"));
		sl->sku = dup_string(l, "sku");
		sl->ean = dup_string(l, "ean");
		sl->name = dup_string(l, "name");
		if (sl->name == NULL)
			sl->name = xstrdup(sl->sku);
		p->n++;
	}
	return 0;
}

bool scan_pack_active(const struct scan_pack *p)
{
	return p->number != NULL;
}

static bool names(const struct scan_line *l, const char *code)
{
	return (l->ean != NULL && strcmp(l->ean, code) == 0) || strcasecmp(l->sku, code) == 0;
}

enum scan_pick scan_pack_pick(struct scan_pack *p, const char *code, size_t *line)
{
	bool seen = false;

	for (size_t i = 0; i < p->n; i++) {
		struct scan_line *l = &p->lines[i];

		if (!names(l, code))
			continue;
		if (!seen)
			*line = i;
		seen = true;
		if (l->got >= l->qty)
			continue;
		*line = i;
		l->got++;
		if (scan_pack_complete(p))
			return SCAN_PICK_ALL_DONE;
		return l->got == l->qty ? SCAN_PICK_LINE_DONE : SCAN_PICK_COUNTED;
	}
	return seen ? SCAN_PICK_EXTRA : SCAN_PICK_NOT_HERE;
}

bool scan_pack_complete(const struct scan_pack *p)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->lines[i].got < p->lines[i].qty)
			return false;
	return true;
}

int scan_pack_units(const struct scan_pack *p, int *got)
{
	int want = 0;

	*got = 0;
	for (size_t i = 0; i < p->n; i++) {
		want += p->lines[i].qty;
		*got += p->lines[i].got;
	}
	return want;
}

/* Out of memory is fatal here as in xalloc: the document is a few bytes. */
char *scan_pack_items_json(const struct scan_pack *p)
{
	json_t *a = json_array();
	char *s;

	if (a == NULL)
		fatal("out of memory");
	for (size_t i = 0; i < p->n; i++) {
		json_t *o = json_pack("{s:I, s:I}", "line_no", (json_int_t)p->lines[i].line_no, "qty",
				      (json_int_t)p->lines[i].got);

		if (o == NULL || json_array_append_new(a, o) < 0)
			fatal("out of memory");
	}
	s = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	if (s == NULL)
		fatal("out of memory");
	return s;
}
