#ifndef BACKDESK_SEED_GEN_STORY_H
#define BACKDESK_SEED_GEN_STORY_H
/* The demo's story: a few fixed customers and orders that tests, demos and the
 * documentation rely on.  They go through the same generator as everything else
 * (gen_customer.c, gen_order.c), with their texts and states fixed here.  See
 * gen_story.c for who they are. */
#include <stdbool.h>
#include <stdint.h>

#include "seed/gen_model.h"

struct story_customer {
	const char *name, *email, *phone, *locale;
	uint8_t lang;
	const char *line1, *line2, *city, *postcode;
};

struct story_line {
	uint16_t product;            /* catalogue index */
	uint16_t qty;
	int64_t price;               /* 0: the catalogue's price */
	const char *name;            /* NULL: the catalogue's name */
};

struct story_order {
	const char *number;
	uint32_t customer;           /* index into story_customers */
	struct gen_case kase;
	uint8_t currency, carrier, nlines;
	struct story_line line[GEN_MAX_LINES];
	int64_t fee;                 /* -1: by the shop's rule */
	bool free_shipping;
	const char *pay_ref, *tracking, *ticket_subject;
};

extern const struct story_customer story_customers[];
extern const unsigned story_ncustomers;
extern const struct story_order story_orders[];
extern const unsigned story_norders;

/* The order numbers and e-mail addresses that show the demo is already loaded. */
extern const char *const story_numbers[];
extern const char *const story_emails[];

#endif
