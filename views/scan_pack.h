#ifndef BACKDESK_VIEWS_SCAN_PACK_H
#define BACKDESK_VIEWS_SCAN_PACK_H
/* One order being packed at the scanner: its lines, what was scanned of each, the
 * carrier chosen.  Item scans count here, on the console, with no round trip (a
 * picker scans faster than a database answers); api.ship_parcel checks the whole
 * at the end (p_items).  Pure, for unit tests. */
#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

struct scan_line {
	int line_no;
	char *sku, *ean, *name; /* ean may be NULL: the line is picked by its SKU */
	int qty, got;
};

struct scan_pack {
	char *number, *version, *customer, *ship_by;
	bool late;
	struct scan_line *lines;
	size_t n;
	int carrier; /* enum carrier_id, or -1 until chosen */
};

enum scan_pick {
	SCAN_PICK_COUNTED,   /* one more of a line that wants more */
	SCAN_PICK_LINE_DONE, /* ... and that line is complete */
	SCAN_PICK_ALL_DONE,  /* ... and so is the whole order */
	SCAN_PICK_EXTRA,     /* a line of the order, already complete */
	SCAN_PICK_NOT_HERE,  /* no line of the order is this code */
};

/* The order object of api.scan_resolve's {"kind":"order"}; 0, or -1 when it lacks
 * a number, a version or its lines (p is then empty). */
int scan_pack_load(struct scan_pack *p, const json_t *order);
void scan_pack_clear(struct scan_pack *p);
bool scan_pack_active(const struct scan_pack *p);
/* Counts code (an EAN, or a line's SKU in any case) against the first line it
 * names that wants more; *line: that line's index (the full one for EXTRA). */
enum scan_pick scan_pack_pick(struct scan_pack *p, const char *code, size_t *line);
bool scan_pack_complete(const struct scan_pack *p);
/* Units wanted and scanned, over every line. */
int scan_pack_units(const struct scan_pack *p, int *got);
/* p_items for api.ship_parcel: [{"line_no":1,"qty":2}, ...] as scanned.  Caller frees. */
char *scan_pack_items_json(const struct scan_pack *p);

#endif
