#ifndef BACKDESK_SEED_GEN_RNG_H
#define BACKDESK_SEED_GEN_RNG_H
/* The data generator's own pseudo-random numbers: splitmix64, integer-only, so the
 * same seed gives the same data on every machine, compiler and libc (rand() would
 * not).  Every generated thing (customer i, order i, the catalogue) has a stream of
 * its own, keyed by (seed, stream, index), so any table's pass can re-create any
 * row without remembering it and without depending on the order of the passes. */
#include <stdbool.h>
#include <stdint.h>

struct rng {
	uint64_t s;
};

static inline uint64_t rng_mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static inline void rng_init(struct rng *r, uint64_t seed, uint64_t stream, uint64_t index)
{
	r->s = rng_mix(rng_mix(seed + 0x9E3779B97F4A7C15ULL) ^ rng_mix(stream * 0xD6E8FEB86659FD93ULL) ^
		       (index * 0xA0761D6478BD642FULL));
}

static inline uint64_t rng_next(struct rng *r)
{
	r->s += 0x9E3779B97F4A7C15ULL;
	return rng_mix(r->s);
}

/* Uniform in [0, n) for n <= 2^32 (multiply-shift: no division, no modulo bias
 * worth speaking of at these sizes). */
static inline uint32_t rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in [lo, hi]. */
static inline int64_t rng_range(struct rng *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

/* True with a probability of permille/1000. */
static inline bool rng_permille(struct rng *r, unsigned permille)
{
	return rng_below(r, 1000) < permille;
}

/* An index drawn by the weights w[0..n-1] (any positive scale). */
static inline unsigned rng_weighted(struct rng *r, const uint16_t *w, unsigned n)
{
	uint32_t total = 0, x;
	unsigned i;

	for (i = 0; i < n; i++)
		total += w[i];
	x = rng_below(r, total);
	for (i = 0; i + 1 < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

#endif
