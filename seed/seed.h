#ifndef BACKDESK_SEED_SEED_H
#define BACKDESK_SEED_SEED_H
/* `backdesk seed`: generated data, written straight into the tables with COPY in
 * one transaction.  `--orders N` makes N orders and everything around them;
 * `--demo` is a small fixed run of the same generator plus the story customers of
 * gen_story.c and the demo staff.  Needs the owner of the schema or a superuser:
 * it writes the tables, not the api. */
#include <stdbool.h>
#include <stdint.h>

#include <libpq-fe.h>

struct seed_opts {
	bool demo;
	uint64_t norders;  /* bulk: how many orders */
	uint64_t seed;     /* bulk: the seed; the same seed gives the same data */
};

struct seed_hooks {
	/* After each table: its name, the rows stored, the seconds it took. */
	void (*table)(const char *name, long long rows, double seconds, void *arg);
	/* After the indexes and foreign keys set aside for the load are back: how
	 * many, and the seconds it took. */
	void (*rebuilt)(int n, double seconds, void *arg);
	/* Something the person running the seed should know. */
	void (*note)(const char *msg, void *arg);
	void *arg;
};

struct seed_result {
	long long rows;        /* rows stored, all tables */
	long long orders, customers;
	double seconds;        /* the whole seed, until the commit */
	double analyze_seconds;
};

/* Returns 0, or -1 with *err set (caller frees); nothing is stored then. */
int seed_run(PGconn *c, const struct seed_opts *opt, const struct seed_hooks *hooks,
	     struct seed_result *res, char **err);

/* The demo's size. */
enum { SEED_DEMO_CUSTOMERS = 300, SEED_DEMO_ORDERS = 900 };

#endif
