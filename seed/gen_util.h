#ifndef BACKDESK_SEED_GEN_UTIL_H
#define BACKDESK_SEED_GEN_UTIL_H
/* Small helpers shared by the generator's files (gen_*.c); not for elsewhere. */
#include <stdint.h>

#include "seed/gen_model.h"
#include "seed/gen_rng.h"

enum { HOUR = 3600, DAY = 86400 };

/* Each kind of thing draws from a stream of its own. */
enum { STREAM_PRODUCT = 1, STREAM_CUSTOMER, STREAM_ORDER };

static inline int64_t min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

static inline int64_t max64(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

/* A moment in [lo, hi], or lo when the range is empty. */
static inline int64_t between(struct rng *r, int64_t lo, int64_t hi)
{
	return hi > lo ? rng_range(r, lo, hi) : lo;
}

/* One of n staff members, or -1 when there are none.  Always one draw, so that
 * how many staff there are changes who did things, never what was done. */
static inline int32_t slot(struct rng *r, uint32_t n)
{
	uint32_t v = rng_below(r, 1u << 30);

	return n > 0 ? (int32_t)(v % n) : -1;
}

/* The last second of day `day` in Istanbul, as epoch seconds. */
static inline int64_t day_end(int64_t day)
{
	return (day + 1) * DAY - 3 * HOUR - 1;
}

/* The forced case of order i, or NULL (gen_cases.c). */
const struct gen_case *gen_case_of(const struct gen_plan *p, uint64_t i);

/* The tickets an order brings (gen_ticket.c). */
void gen_tickets(struct rng *r, const struct gen_plan *p, struct gen_order *o, bool late_to_ship,
		 bool shipped_late, bool fee_wrong, const struct gen_case *kc, const char *subject);

#endif
