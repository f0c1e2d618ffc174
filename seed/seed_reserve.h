#ifndef BACKDESK_SEED_SEED_RESERVE_H
#define BACKDESK_SEED_SEED_RESERVE_H
/* Id ranges for the generated rows, taken from the tables' own identity sequences
 * (and the ticket and return number sequences) so that they can never collide with
 * rows that others insert, before, during or after the seed. */
#include <libpq-fe.h>

#include "seed/gen_model.h"
#include "seed/seed_tables.h"

/* Reserves n consecutive values of each sequence with
 * setval(seq, nextval(seq) + n - 1), in a short transaction of its own that holds
 * the tables against inserts meanwhile (an insert draws its id from the sequence,
 * so none can slip into a range between the nextval and the setval).  The ranges
 * are committed at once: a seed that fails later only leaves a gap, as a rolled
 * back insert does.  Fills *first; returns 0, or -1 with *err set. */
int seed_reserve(PGconn *c, const struct gen_counts *n, long long nproducts, struct seed_ids *first,
		 char **err);

#endif
