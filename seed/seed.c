#include "seed/seed.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/i18n.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "db/choices.h"
#include "db/connect.h"
#include "db/migrate.h"
#include "seed/gen_model.h"
#include "seed/gen_story.h"
#include "seed/seed_ddl.h"
#include "seed/seed_demo.h"
#include "seed/seed_reserve.h"
#include "seed/seed_tables.h"

/* The demo is always the same run of the generator. */
#define DEMO_SEED 20261120u

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;

	(void)clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* One seed at a time: the demo's check for itself must not race another demo. */
static int lock_seed(PGconn *c, char **err)
{
	PGresult *r = db_exec(c, "SELECT pg_advisory_xact_lock(hashtext('backdesk.seed'))", 0, NULL,
			      PGRES_TUPLES_OK, err);

	if (r == NULL)
		return -1;
	PQclear(r);
	return 0;
}

static void rollback(PGconn *c)
{
	PQclear(PQexec(c, "ROLLBACK"));
}

/* The generator models the closed lists it writes (seed/gen_names.c, with weights
 * and words per code); the database keeps them (0015).  A code the database lacks
 * would be refused by a foreign key at the end of a long load: say so now, by name. */
static int check_lists(PGconn *c, char **err)
{
	static const struct {
		const char *list, *table;
		const char *const *codes;
		size_t n;
	} gen[] = {
		{ DB_LIST_TICKET_CATEGORY, "ticket_categories", gen_category_name, TC_N },
		{ DB_LIST_TICKET_CHANNEL, "ticket_channels", gen_channel_name, CH_N },
		{ DB_LIST_TICKET_PRIORITY, "ticket_priorities", gen_priority_name, PR_N },
		{ DB_LIST_TICKET_STATUS, "ticket_statuses", gen_tstatus_name, TS_N },
	};
	struct db_choices *lists = db_choices_read_all(c, err);

	if (lists == NULL)
		return -1;
	for (size_t i = 0; i < sizeof gen / sizeof gen[0]; i++) {
		const char *const *have = db_choices_get(lists, gen[i].list);

		for (size_t k = 0; k < gen[i].n; k++) {
			bool found = false;

			for (size_t h = 0; have != NULL && have[h] != NULL && !found; h++)
				found = strcmp(have[h], gen[i].codes[k]) == 0;
			if (!found) {
				*err = xasprintf(_("the generator writes %s '%s', which backdesk.%s does not "
						   "have: add it there, or take it out of seed/gen_names.c"),
						 gen[i].list, gen[i].codes[k], gen[i].table);
				db_choices_free(lists);
				return -1;
			}
		}
	}
	db_choices_free(lists);
	return 0;
}

/* The schema is the one this program writes, and we may write it directly. */
static int check_ready(PGconn *c, char **err)
{
	PGresult *r;
	int v = migrate_db_version(c, err);

	if (v < 0)
		return -1;
	if (v == 0) {
		*err = xstrdup(_("this database has no backdesk schema yet: run 'backdesk migrate' first"));
		return -1;
	}
	if (v != migrate_latest()) {
		*err = xasprintf(_("the database schema is version %d and this program writes version %d: "
				   "run 'backdesk migrate', or use the backdesk that matches the database"),
				 v, migrate_latest());
		return -1;
	}
	r = db_exec(c,
		    "SELECT r.rolsuper OR pg_has_role(current_user, 'backdesk_owner', 'USAGE'), current_user "
		    "FROM pg_roles r WHERE r.rolname = current_user",
		    0, NULL, PGRES_TUPLES_OK, err);
	if (r == NULL)
		return -1;
	if (PQntuples(r) != 1 || strcmp(PQgetvalue(r, 0, 0), "t") != 0) {
		*err = xasprintf(_("seed writes the tables directly, so it needs a superuser or the owner of "
				   "the backdesk schema (a member of backdesk_owner), and %s is neither.\n"
				   "Connect as the user that ran 'backdesk migrate' (on the private cluster: "
				   "PGUSER=postgres)."),
				 PQntuples(r) == 1 ? PQgetvalue(r, 0, 1) : "this user");
		PQclear(r);
		return -1;
	}
	PQclear(r);
	return check_lists(c, err);
}

/* The data's "now": the start of the server's current hour.  Which orders are
 * late depends on where midnight falls, so two runs with one seed give the same
 * rows only with the same "now"; an hour apart they may differ. */
static int64_t server_now(PGconn *c, char **err)
{
	PGresult *r = db_exec(c, "SELECT floor(extract(epoch FROM now()) / 3600)::bigint * 3600", 0, NULL,
			      PGRES_TUPLES_OK, err);
	int64_t now;

	if (r == NULL)
		return -1;
	now = atoll(PQgetvalue(r, 0, 0));
	PQclear(r);
	return now;
}

/* Who answers tickets and who ships, for the generated rows to name. */
struct staff {
	PGresult *res;
	struct seed_person *agents, *warehouse;
	uint32_t nagents, nwarehouse;
};

static int load_staff(PGconn *c, struct staff *s, char **err)
{
	int n;

	s->res = db_exec(c,
			 "SELECT id, login, role FROM backdesk.staff "
			 "WHERE active AND role IN ('agent', 'warehouse') ORDER BY id",
			 0, NULL, PGRES_TUPLES_OK, err);
	if (s->res == NULL)
		return -1;
	n = PQntuples(s->res);
	s->agents = xcalloc((size_t)n + 1, sizeof *s->agents);
	s->warehouse = xcalloc((size_t)n + 1, sizeof *s->warehouse);
	for (int i = 0; i < n; i++) {
		bool agent = strcmp(PQgetvalue(s->res, i, 2), "agent") == 0;
		struct seed_person *p = agent ? &s->agents[s->nagents++] : &s->warehouse[s->nwarehouse++];

		p->id = atoll(PQgetvalue(s->res, i, 0));
		p->login = PQgetvalue(s->res, i, 1);
	}
	return 0;
}

static void free_staff(struct staff *s)
{
	PQclear(s->res);
	free(s->agents);
	free(s->warehouse);
}

/* The catalogue's products that are already there keep their ids; the others get
 * ids from the reserved range. */
static int map_products(PGconn *c, const struct gen_product *catalog, int64_t first, int64_t *ids,
			bool *is_new, char **err)
{
	struct strbuf sb = STRBUF_INIT;
	const char *param;
	PGresult *r;

	sb_putc(&sb, '{');
	for (unsigned i = 0; i < GEN_NPRODUCTS; i++) {
		sb_puts(&sb, i > 0 ? "," : "");
		sb_puts(&sb, catalog[i].sku); /* letters, digits and '-': nothing to quote */
		ids[i] = first + (int64_t)i;
		is_new[i] = true;
	}
	sb_putc(&sb, '}');
	param = sb.s;
	r = db_exec(c, "SELECT sku, id FROM backdesk.products WHERE sku = ANY ($1::text[])", 1, &param,
		    PGRES_TUPLES_OK, err);
	sb_free(&sb);
	if (r == NULL)
		return -1;
	for (int k = 0; k < PQntuples(r); k++) {
		for (unsigned i = 0; i < GEN_NPRODUCTS; i++) {
			if (strcmp(catalog[i].sku, PQgetvalue(r, k, 0)) == 0) {
				ids[i] = atoll(PQgetvalue(r, k, 1));
				is_new[i] = false;
				break;
			}
		}
	}
	PQclear(r);
	return 0;
}

static int audit(PGconn *c, const struct seed_opts *opt, const struct seed_result *res, char **err)
{
	char orders[24], customers[24], seed[24], rows[24];
	const char *params[5] = { opt->demo ? "seed.demo" : "seed.bulk", orders, customers, seed, rows };
	PGresult *r;

	(void)snprintf(orders, sizeof orders, "%lld", res->orders);
	(void)snprintf(customers, sizeof customers, "%lld", res->customers);
	(void)snprintf(seed, sizeof seed, "%" PRIu64, opt->demo ? (uint64_t)DEMO_SEED : opt->seed);
	(void)snprintf(rows, sizeof rows, "%lld", res->rows);
	r = db_exec(c,
		    "SELECT backdesk.audit($1, 'seed', NULL, jsonb_build_object('orders', $2::bigint, "
		    "'customers', $3::bigint, 'seed', $4::numeric, 'rows', $5::bigint))",
		    5, params, PGRES_TUPLES_OK, err);
	if (r == NULL)
		return -1;
	PQclear(r);
	return 0;
}

static int refuse_if_demo_loaded(PGconn *c, char **err)
{
	char *what = NULL;
	int rc = seed_demo_loaded(c, &what, err);

	if (rc < 0)
		return -1;
	if (rc == 0)
		return 0;
	*err = xasprintf(_("the demo data is already in this database (%s exists), and seed --demo "
			   "loads it only once.\nTo start again, drop and re-create the database, then "
			   "run 'backdesk migrate' and 'backdesk seed --demo'."),
			 what);
	free(what);
	return -1;
}

/* Every table, one COPY each, in one transaction. */
static int write_all(PGconn *c, struct seed_ctx *x, const struct gen_counts *n, const struct seed_hooks *h,
		     struct seed_result *res, char **err)
{
	long long want[] = { (long long)n->customers, (long long)n->addresses, 0,
			     (long long)n->orders, (long long)n->orders, (long long)n->lines,
			     (long long)n->shipments, (long long)n->events, (long long)n->tickets,
			     (long long)n->messages, (long long)n->returns, (long long)n->return_lines,
			     (long long)n->refunds, (long long)n->gifts };
	const char *names[sizeof want / sizeof want[0]];
	struct timespec t0;
	int aside;

	for (unsigned i = 0; i < GEN_NPRODUCTS; i++)
		want[2] += x->product_new[i];
	for (size_t t = 0; t < seed_ntables && t < sizeof want / sizeof want[0]; t++)
		names[t] = seed_tables[t].qualified;
	aside = seed_ddl_set_aside(c, names, want, sizeof want / sizeof want[0], err);
	if (aside < 0)
		return -1;

	for (size_t t = 0; t < seed_ntables; t++) {
		struct copy_out o;
		long long rows;

		(void)clock_gettime(CLOCK_MONOTONIC, &t0);
		if (copy_begin(&o, c, seed_tables[t].copy, err) < 0)
			return -1;
		seed_tables[t].write(x, &o);
		rows = copy_finish(&o, err);
		if (rows < 0)
			return -1;
		if (t < sizeof want / sizeof want[0] && rows != want[t]) {
			*err = xasprintf(_("internal error: %s got %lld rows instead of %lld"), seed_tables[t].name,
					 rows, want[t]);
			return -1;
		}
		res->rows += rows;
		if (h->table != NULL)
			h->table(seed_tables[t].name, rows, seconds_since(&t0), h->arg);
	}
	if (aside > 0) {
		(void)clock_gettime(CLOCK_MONOTONIC, &t0);
		if (seed_ddl_restore(c, err) < 0)
			return -1;
		if (h->rebuilt != NULL)
			h->rebuilt(aside, seconds_since(&t0), h->arg);
	}
	return 0;
}

int seed_run(PGconn *c, const struct seed_opts *opt, const struct seed_hooks *h, struct seed_result *res,
	     char **err)
{
	struct gen_plan plan = { 0 };
	struct gen_counts n = { 0 };
	struct seed_ctx x = { 0 };
	struct staff staff = { 0 };
	struct gen_product *catalog = NULL;
	uint64_t *addr_first = NULL;
	int64_t *product_id = NULL;
	bool *product_new = NULL, in_tx = false;
	struct gen_customer cust;
	struct gen_order ord;
	struct timespec t0;
	PGresult *r = NULL;
	char *e = NULL;
	int rc = -1;

	memset(res, 0, sizeof *res);
	(void)clock_gettime(CLOCK_MONOTONIC, &t0);
	if (PQsetClientEncoding(c, "UTF8") != 0) {
		*err = xasprintf(_("cannot use UTF-8 with the server: %s"), PQerrorMessage(c));
		return -1;
	}
	if (check_ready(c, err) < 0)
		return -1;
	if (opt->demo && refuse_if_demo_loaded(c, err) < 0)
		return -1;
	plan.now = server_now(c, err);
	if (plan.now < 0)
		return -1;
	if (opt->demo) {
		plan.seed = DEMO_SEED;
		plan.norders = SEED_DEMO_ORDERS;
		plan.ncust = SEED_DEMO_CUSTOMERS;
		plan.nstory_cust = story_ncustomers;
		plan.nstory_orders = story_norders;
	} else {
		plan.seed = opt->seed;
		plan.norders = opt->norders;
		plan.ncust = opt->norders / 3 > 0 ? (opt->norders + 2) / 3 : 1;
	}
	catalog = xmalloc(GEN_NPRODUCTS * sizeof *catalog);
	gen_catalog(catalog);
	plan.catalog = catalog;

	/* How many rows of each table, so that their ids can be reserved first. */
	addr_first = xmalloc((plan.ncust + 1) * sizeof *addr_first);
	addr_first[0] = 0;
	for (uint64_t i = 0; i < plan.ncust; i++) {
		gen_customer(&plan, i, &cust);
		addr_first[i + 1] = addr_first[i] + cust.naddr;
	}
	n.customers = plan.ncust;
	n.addresses = addr_first[plan.ncust];
	for (uint64_t i = 0; i < plan.norders; i++) {
		gen_order(&plan, i, &ord);
		gen_count_order(&ord, &n);
	}
	if (seed_reserve(c, &n, GEN_NPRODUCTS, &x.first, err) < 0)
		goto out;
	if (x.first.shipment + (int64_t)n.shipments > seed_tracking_ids() ||
	    x.first.ret + (int64_t)n.returns > seed_tracking_ids()) {
		*err = xasprintf(_("the parcels' ids have grown past %lld, where the generated tracking "
				   "numbers would repeat: seed a fresh database"),
				 (long long)seed_tracking_ids());
		goto out;
	}

	if (db_command(c, "BEGIN", err) < 0)
		goto out;
	in_tx = true;
	/* Nothing is lost if the machine dies before the commit is on disk: the seed
	 * is simply not there, as if it had failed. */
	if (db_command(c, "SET LOCAL synchronous_commit = off", err) < 0 || lock_seed(c, err) < 0)
		goto out;
	/* The bulk load keeps the generator's due dates: the SLA trigger (0029) would
	 * look up every ticket's calendar in tables whose indexes are set aside. */
	if (!opt->demo && db_command(c, "SET LOCAL backdesk.bulk_load = on", err) < 0)
		goto out;
	if (opt->demo) {
		if (refuse_if_demo_loaded(c, err) < 0 || seed_demo_staff(c, h->note, h->arg, err) < 0)
			goto out;
	}
	if (load_staff(c, &staff, err) < 0)
		goto out;
	plan.nagents = staff.nagents;
	plan.nwarehouse = staff.nwarehouse;
	product_id = xmalloc(GEN_NPRODUCTS * sizeof *product_id);
	product_new = xmalloc(GEN_NPRODUCTS * sizeof *product_new);
	if (map_products(c, catalog, x.first.product, product_id, product_new, err) < 0)
		goto out;
	x.plan = &plan;
	x.addr_first = addr_first;
	x.product_id = product_id;
	x.product_new = product_new;
	x.agents = staff.agents;
	x.warehouse = staff.warehouse;
	x.me = PQuser(c);
	res->orders = (long long)plan.norders;
	res->customers = (long long)plan.ncust;
	if (write_all(c, &x, &n, h, res, err) < 0 || audit(c, opt, res, err) < 0)
		goto out;
	if (db_command(c, "COMMIT", err) < 0)
		goto out;
	in_tx = false;
	res->seconds = seconds_since(&t0);

	/* The demo's late parcels come with their delay notices to approve, as
	 * `backdesk track --due` would propose them; the one rule is the api's. */
	if (opt->demo && (r = db_exec(c, "SELECT api.propose_delay_notices()", 0, NULL, PGRES_TUPLES_OK, &e)) == NULL) {
		char *msg = xasprintf(_("the data is stored, but proposing the delay notices of late parcels "
					"failed (backdesk track --due will do it): %s"), e);

		if (h->note != NULL)
			h->note(msg, h->arg);
		free(msg);
		free(e);
		e = NULL;
	}
	PQclear(r);

	/* Fresh statistics, or the planner guesses from an empty table. */
	(void)clock_gettime(CLOCK_MONOTONIC, &t0);
	if (db_command(c,
		"ANALYZE backdesk.customers, backdesk.addresses, backdesk.products, backdesk.orders, "
		"backdesk.payments, backdesk.order_lines, backdesk.shipments, backdesk.shipment_events, "
		"backdesk.tickets, backdesk.ticket_messages, backdesk.returns, backdesk.return_lines, "
		"backdesk.refunds, backdesk.gift_codes",
		&e) < 0) {
		char *msg = xasprintf(_("the data is stored, but updating the planner's statistics failed "
					"(autovacuum will do it later): %s"), e);

		if (h->note != NULL)
			h->note(msg, h->arg);
		free(msg);
		free(e);
	}
	res->analyze_seconds = seconds_since(&t0);
	rc = 0;
out:
	if (in_tx)
		rollback(c);
	free_staff(&staff);
	free(product_id);
	free(product_new);
	free(addr_first);
	free(catalog);
	return rc;
}
