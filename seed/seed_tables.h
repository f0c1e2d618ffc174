#ifndef BACKDESK_SEED_SEED_TABLES_H
#define BACKDESK_SEED_SEED_TABLES_H
/* The generated data as COPY rows, one writer per table, in an order where every
 * row's references are already stored.  Each writer walks the model (gen_model.h)
 * from the first order to the last and numbers its rows from the range reserved for
 * its table, so the writers agree on every id without sharing state. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "seed/gen_copy.h"
#include "seed/gen_model.h"

/* The first id of the range reserved for each table (and the two number
 * sequences). */
struct seed_ids {
	int64_t customer, address, product, order, line, shipment, event, ticket, message, ret,
		return_line, refund, gift, ticket_no, return_no;
};

struct seed_person {
	int64_t id;
	const char *login;
};

struct seed_ctx {
	const struct gen_plan *plan;
	struct seed_ids first;
	const uint64_t *addr_first;     /* customer i's addresses start at address i */
	const int64_t *product_id;      /* GEN_NPRODUCTS ids, found or new */
	const bool *product_new;        /* which products this run adds */
	const struct seed_person *agents;    /* plan->nagents */
	const struct seed_person *warehouse; /* plan->nwarehouse */
	const char *me;                 /* session_user: rows made "by the system" */
};

struct seed_table {
	const char *name;   /* the table, for progress lines */
	const char *qualified; /* backdesk.name */
	const char *copy;   /* COPY backdesk.table (columns) FROM STDIN */
	void (*write)(const struct seed_ctx *x, struct copy_out *o);
};

extern const struct seed_table seed_tables[];
extern const size_t seed_ntables;

/* Tracking number of a parcel (or, with ret, of a return parcel) with this id, in
 * the carrier's format: unique for every id below seed_tracking_ids(), never one of
 * another carrier's, and never one of the demo story's fixed numbers (gen_story.c). */
void seed_tracking(char *out, size_t len, unsigned carrier, int64_t id, bool ret);
int64_t seed_tracking_ids(void);

#endif
