/* The data generator without a database: COPY escaping, dates, ASCII folding,
 * phone formats, and the model's promises (deterministic, every state covered by
 * the first orders, amounts and times that make sense). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "carrier/carriers.h"
#include "common/phone.h"
#include "seed/gen_copy.h"
#include "seed/gen_model.h"
#include "seed/gen_story.h"
#include "seed/gen_text.h"
#include "seed/gen_words.h"
#include "seed/seed_tables.h"

static void escapes_what_copy_text_format_needs(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "", "" },
		{ "plain", "plain" },
		{ "a\\b", "a\\\\b" },
		{ "a\tb", "a\\tb" },
		{ "a\nb", "a\\nb" },
		{ "a\rb", "a\\rb" },
		{ "\\.", "\\\\." }, /* never the end-of-data marker */
		{ "\\N", "\\\\N" }, /* never NULL */
		{ "\r\n\t\\", "\\r\\n\\t\\\\" },
		{ "Şükrü Öztürk", "Şükrü Öztürk" }, /* UTF-8 passes as it is */
		{ "tab\tat end\t", "tab\\tat end\\t" },
	};
	char out[64];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t n = copy_escape(out, cases[i].in, strlen(cases[i].in));

		out[n] = '\0';
		assert_string_equal(out, cases[i].out);
	}
}

static void escape_needs_at_most_twice_the_room(void **state)
{
	char in[32], out[64 + 1];
	size_t n;

	(void)state;
	memset(in, '\\', sizeof in);
	memset(out, 'x', sizeof out);
	n = copy_escape(out, in, sizeof in);
	assert_int_equal(n, 64);
	assert_int_equal(out[64], 'x');
}

static void civil_dates(void **state)
{
	static const struct {
		int64_t days;
		int y, m, d;
	} cases[] = {
		{ 0, 1970, 1, 1 },     { -1, 1969, 12, 31 }, { 19782, 2024, 2, 29 },
		{ 20415, 2025, 11, 23 }, { 11016, 2000, 2, 29 }, { 10957, 2000, 1, 1 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int y, m, d;

		copy_civil(cases[i].days, &y, &m, &d);
		assert_int_equal(y, cases[i].y);
		assert_int_equal(m, cases[i].m);
		assert_int_equal(d, cases[i].d);
	}
}

static void folds_turkish_and_hungarian_letters(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "Şükrü Öztürk", "sukruozturk" },
		{ "Árvíztűrő Tünde", "arvizturotunde" },
		{ "İsmail Işık", "ismailisik" },
		{ "Gülşen Çağlar", "gulsencaglar" },
		{ "Szőke Erzsébet", "szokeerzsebet" },
		{ "Tűzoltó Ödön", "tuzoltoodon" },
		{ "Çağla Ağaoğlu", "caglaagaoglu" },
		{ "O'Brien-Smith 2", "obriensmith2" },
		{ "日本", "" },
		{ "\xff\xfe bad", "bad" },
	};
	char out[64], small[4];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		text_fold_ascii(cases[i].in, out, sizeof out);
		assert_string_equal(out, cases[i].out);
	}
	assert_int_equal(text_fold_ascii("Şükrü", small, sizeof small), 3);
	assert_string_equal(small, "suk");
}

/* Every way a number is written normalizes to the same digits, the way the
 * database stores them for search. */
static void phone_styles_normalize_to_one_number(void **state)
{
	char raw[40], norm[PHONE_BUFSZ];

	(void)state;
	for (unsigned s = 0; s < PHONE_STYLES_TR; s++) {
		text_phone(raw, sizeof raw, LANG_TR, s, 532, 1234567);
		assert_true(phone_normalize(raw, norm, sizeof norm));
		if (strcmp(norm, "905321234567") != 0)
			fail_msg("style %u: \"%s\" -> %s", s, raw, norm);
	}
	for (unsigned s = 0; s < PHONE_STYLES_HU; s++) {
		text_phone(raw, sizeof raw, LANG_HU, s, 30, 1234567);
		assert_true(phone_normalize(raw, norm, sizeof norm));
		if (strcmp(norm, "36301234567") != 0)
			fail_msg("style %u: \"%s\" -> %s", s, raw, norm);
		text_phone(raw, sizeof raw, LANG_HU, s, 1, 2345678);
		assert_true(phone_normalize(raw, norm, sizeof norm));
		if (strcmp(norm, "3612345678") != 0)
			fail_msg("Budapest style %u: \"%s\" -> %s", s, raw, norm);
	}
	text_phone(raw, sizeof raw, LANG_TR, 0, 532, 1234567);
	assert_string_equal(raw, "+90 532 123 45 67");
	text_phone(raw, sizeof raw, LANG_HU, 1, 30, 1234567);
	assert_string_equal(raw, "06 30 123 4567");
}

static struct gen_product catalog[GEN_NPRODUCTS];

static struct gen_plan plan(uint64_t seed, uint64_t norders, bool demo)
{
	struct gen_plan p = { 0 };

	p.seed = seed;
	p.now = 1795000000; /* 2026-11-18 */
	p.norders = norders;
	p.ncust = (norders + 2) / 3;
	p.nagents = 3;
	p.nwarehouse = 1;
	p.catalog = catalog;
	if (demo) {
		p.nstory_cust = story_ncustomers;
		p.nstory_orders = story_norders;
	}
	return p;
}

static void catalogue_is_fixed(void **state)
{
	(void)state;
	assert_string_equal(catalog[0].sku, "KUP-001");
	assert_int_equal(catalog[0].price_try, 14990);
	for (unsigned i = 0; i < GEN_NPRODUCTS; i++)
		for (unsigned j = i + 1; j < GEN_NPRODUCTS; j++)
			if (strcmp(catalog[i].sku, catalog[j].sku) == 0)
				fail_msg("SKU %s twice", catalog[i].sku);
}

static void same_seed_same_data(void **state)
{
	struct gen_plan a = plan(7, 2000, false), b = plan(7, 2000, false), c = plan(8, 2000, false);
	struct gen_order x, y;
	struct gen_customer u, v;
	unsigned differ = 0;

	(void)state;
	for (uint64_t i = 0; i < 2000; i += 13) {
		gen_order(&a, i, &x);
		gen_order(&b, i, &y);
		assert_memory_equal(&x, &y, sizeof x);
		gen_order(&c, i, &y);
		differ += memcmp(&x, &y, sizeof x) != 0;
		gen_customer(&a, i % a.ncust, &u);
		gen_customer(&b, i % b.ncust, &v);
		assert_memory_equal(&u, &v, sizeof u);
	}
	assert_true(differ > 100);
}

/* Staff change who did things, never what was done (the counts are taken before
 * the staff are known). */
static void staff_do_not_change_the_counts(void **state)
{
	struct gen_plan a = plan(3, 3000, false), b = plan(3, 3000, false);
	struct gen_counts na = { 0 }, nb = { 0 };
	struct gen_order o;

	(void)state;
	b.nagents = 0;
	b.nwarehouse = 0;
	for (uint64_t i = 0; i < 3000; i++) {
		gen_order(&a, i, &o);
		gen_count_order(&o, &na);
		gen_order(&b, i, &o);
		gen_count_order(&o, &nb);
	}
	assert_memory_equal(&na, &nb, sizeof na);
}

static void first_orders_cover_every_state(void **state)
{
	struct gen_plan p = plan(1, 60, false);
	bool os[OS_N] = { 0 }, ss[SS_N] = { 0 }, rs[RS_N] = { 0 }, rk[RK_N] = { 0 }, rf[RF_N] = { 0 };
	bool tc[TC_N] = { 0 }, ch[CH_N] = { 0 }, ts[TS_N] = { 0 }, pr[PR_N] = { 0 }, pm[PM_N] = { 0 };
	bool fee_wrong = false, late = false, gift = false;
	struct gen_order o;

	(void)state;
	for (uint64_t i = 0; i < gen_ncases(); i++) {
		gen_order(&p, i, &o);
		os[o.status] = true;
		pm[o.method] = true;
		if (o.shipped)
			ss[o.sstatus] = true;
		if (o.has_return) {
			rs[o.ret.status] = true;
			rk[o.ret.kind] = true;
		}
		for (unsigned k = 0; k < o.nrefunds; k++)
			rf[o.ref[k].kind] = true;
		for (unsigned k = 0; k < o.ntickets; k++) {
			tc[o.t[k].category] = ch[o.t[k].channel] = ts[o.t[k].status] = pr[o.t[k].priority] = true;
		}
		fee_wrong = fee_wrong || (o.free_shipping && o.fee > 0);
		late = late || ((o.status == OS_PAID || o.status == OS_PACKED) && o.ship_by < gen_day(p.now));
		gift = gift || o.has_gift;
	}
	for (int i = 0; i < OS_N; i++)
		if (!os[i])
			fail_msg("no order %s", gen_ostatus_name[i]);
	for (int i = 0; i < SS_N; i++)
		if (!ss[i])
			fail_msg("no parcel %s", gen_sstatus_name[i]);
	for (int i = 0; i < RS_N; i++)
		if (!rs[i])
			fail_msg("no return %s", gen_rstatus_name[i]);
	for (int i = 0; i < RK_N; i++)
		if (!rk[i])
			fail_msg("no return kind %s", gen_rkind_name[i]);
	for (int i = 0; i < RF_N; i++)
		if (!rf[i])
			fail_msg("no refund %s", gen_refkind_name[i]);
	for (int i = 0; i < TC_N; i++)
		if (!tc[i])
			fail_msg("no ticket category %s", gen_category_name[i]);
	for (int i = 0; i < CH_N; i++)
		if (!ch[i])
			fail_msg("no ticket channel %s", gen_channel_name[i]);
	for (int i = 0; i < TS_N; i++)
		if (!ts[i])
			fail_msg("no ticket status %s", gen_tstatus_name[i]);
	for (int i = 0; i < PR_N; i++)
		if (!pr[i])
			fail_msg("no ticket priority %s", gen_priority_name[i]);
	for (int i = 0; i < PM_N; i++)
		if (!pm[i])
			fail_msg("no payment method %s", gen_method_name[i]);
	assert_true(fee_wrong);
	assert_true(late);
	assert_true(gift);
}

/* What any order must look like, whatever chance made of it. */
static void check_order(const struct gen_plan *p, const struct gen_order *o)
{
	int64_t refunded = 0, lines = 0, t;

	assert_in_range(o->nlines, 1, GEN_MAX_LINES);
	for (unsigned k = 0; k < o->nlines; k++) {
		assert_true(o->line[k].qty >= 1);
		assert_true(o->line[k].price > 0);
		lines += o->line[k].price * o->line[k].qty;
		for (unsigned j = 0; j < k; j++)
			assert_int_not_equal(o->line[j].product, o->line[k].product);
	}
	assert_int_equal(lines, o->lines_total);
	assert_true(o->tax_total >= 0 && o->tax_total < o->lines_total);
	assert_true(o->paid >= 0 && o->paid <= o->lines_total + o->fee);
	assert_true(o->placed <= p->now);
	assert_true(o->ship_by >= gen_day(o->placed));
	for (unsigned k = 0; k < o->nrefunds; k++) {
		assert_true(o->ref[k].amount > 0);
		assert_true(o->ref[k].at <= p->now);
		refunded += o->ref[k].amount;
	}
	if (refunded > o->paid)
		fail_msg("order %llu: refunded %lld of %lld paid", (unsigned long long)o->index,
			 (long long)refunded, (long long)o->paid);
	assert_int_equal(o->shipped, o->status == OS_SHIPPED || o->status == OS_DELIVERED);
	if (o->shipped) {
		assert_true(o->shipped_at >= o->placed && o->shipped_at <= p->now);
		assert_int_equal(o->sstatus == SS_DELIVERED, o->status == OS_DELIVERED);
		t = o->shipped_at;
		for (unsigned k = 0; k < o->nevents; k++) {
			assert_true(o->ev[k].at >= t);
			assert_true(k == 0 || o->ev[k].at > o->ev[k - 1].at);
			t = o->ev[k].at;
		}
		assert_true(t <= p->now);
		if (o->status == OS_DELIVERED)
			assert_true(o->delivered_at > o->shipped_at && o->delivered_at <= p->now);
	}
	if (o->has_return) {
		assert_int_equal(o->status, OS_DELIVERED);
		assert_true(o->ret.requested >= o->delivered_at && o->ret.requested <= p->now);
		for (unsigned k = 0; k < o->ret.nlines; k++) {
			assert_true(o->ret.line[k] < o->nlines);
			assert_true(o->ret.qty[k] >= 1 && o->ret.qty[k] <= o->line[o->ret.line[k]].qty);
			for (unsigned j = 0; j < k; j++)
				assert_int_not_equal(o->ret.line[j], o->ret.line[k]);
		}
		if (o->ret.received != 0)
			assert_true(o->ret.received > o->ret.requested && o->ret.received <= p->now);
		if (o->ret.inspected != 0)
			assert_true(o->ret.inspected > o->ret.received && o->ret.inspected <= p->now);
	}
	for (unsigned k = 0; k < o->ntickets; k++) {
		const struct gen_ticket *tk = &o->t[k];

		assert_true(tk->created >= o->placed && tk->created <= p->now);
		assert_true(tk->nmsg >= 1 && tk->nmsg <= GEN_MAX_MSGS);
		assert_int_equal(tk->first_response == 0, tk->status == TS_NEW);
		assert_int_equal(tk->solved != 0, tk->status == TS_SOLVED || tk->status == TS_CLOSED);
		if (tk->first_response != 0)
			assert_true(tk->first_response > tk->created);
		if (tk->solved != 0)
			assert_true(tk->solved > tk->first_response);
		for (unsigned j = 1; j < tk->nmsg; j++)
			assert_true(tk->msg[j].at > tk->msg[j - 1].at);
		assert_true(tk->assignee < (int32_t)p->nagents);
	}
	if (o->has_gift)
		assert_true(o->gift.amount > 0 && o->gift.at <= p->now);
}

static void every_order_makes_sense(void **state)
{
	struct gen_plan p = plan(42, 20000, false);
	struct gen_order o;
	struct gen_counts n = { 0 };
	int64_t last = 0;

	(void)state;
	for (uint64_t i = 0; i < p.norders; i++) {
		gen_order(&p, i, &o);
		check_order(&p, &o);
		gen_count_order(&o, &n);
		/* After the fixed cases, orders are placed in the order of their ids. */
		if (i > gen_ncases()) {
			assert_true(o.placed >= last);
		}
		last = o.placed;
	}
	/* Proportions: tickets about a tenth of the orders, returns about a fiftieth. */
	assert_in_range(n.tickets, p.norders / 20, p.norders / 5);
	assert_in_range(n.returns, p.norders / 100, p.norders / 25);
	assert_in_range(n.lines, p.norders, p.norders * 3);
}

static void demo_story_is_fixed(void **state)
{
	struct gen_plan p = plan(20261120, 900, true);
	struct gen_customer c;
	struct gen_order o;

	(void)state;
	gen_customer(&p, 0, &c);
	assert_non_null(c.story);
	assert_string_equal(c.story->name, "Şükrü Öztürk");
	assert_string_equal(c.story->email, "sukru@example.com");
	assert_string_equal(c.story->phone, "+90 532 123 45 67");
	gen_order(&p, 0, &o);
	assert_string_equal(o.number, "SO-100234");
	assert_int_equal(o.customer, 0);
	assert_int_equal(o.lines_total, 29980);
	assert_int_equal(o.paid, 29980);
	assert_int_equal(o.fee, 0);
	assert_true(o.free_shipping);
	assert_int_equal(o.status, OS_SHIPPED);
	assert_int_equal(o.sstatus, SS_IN_TRANSIT);
	assert_string_equal(o.tracking, "701234567890");
	for (unsigned i = 0; i < story_norders; i++) {
		gen_order(&p, i, &o);
		check_order(&p, &o);
		assert_non_null(o.number);
	}
	/* Nobody else gets the story customers' orders. */
	for (uint64_t i = story_norders; i < p.norders; i++) {
		gen_order(&p, i, &o);
		assert_true(o.customer >= story_ncustomers);
	}
}

static int by_text(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void tracking_numbers_never_collide(void **state)
{
	enum { N = 3000 };
	static char seen[2 * CA_N * N + 8][48];
	size_t n = 0;

	(void)state;
	for (unsigned ret = 0; ret < 2; ret++)
		for (unsigned ca = 0; ca < CA_N; ca++)
			for (int64_t id = 1; id <= N; id++) {
				seed_tracking(seen[n], sizeof seen[0], ca, id * 977, ret != 0);
				if (!carrier_tracking_valid((enum carrier_id)ca, seen[n]))
					fail_msg("%s is not a %s number", seen[n], carrier_get((enum carrier_id)ca)->code);
				n++;
			}
	for (unsigned i = 0; i < story_norders; i++)
		if (story_orders[i].tracking != NULL)
			(void)snprintf(seen[n++], sizeof seen[0], "%s", story_orders[i].tracking);
	qsort(seen, n, sizeof seen[0], by_text);
	for (size_t i = 1; i < n; i++)
		if (strcmp(seen[i - 1], seen[i]) == 0)
			fail_msg("tracking number %s twice", seen[i]);
	/* 2 * 123456789 = 246913578: account BD000O (24 is O in base 36), service 11,
	 * package 6913578, check digit 4. */
	seed_tracking(seen[0], sizeof seen[0], CA_UPS, 123456789, false);
	assert_string_equal(seen[0], "1ZBD000O11" "69135784");
	/* The largest id that seed_tracking_ids() allows still makes a number. */
	seed_tracking(seen[0], sizeof seen[0], CA_DHL, seed_tracking_ids() - 1, true);
	assert_true(carrier_tracking_valid(CARRIER_DHL, seen[0]));
	seed_tracking(seen[0], sizeof seen[0], CA_DHL, seed_tracking_ids(), true);
	assert_string_equal(seen[0], "");
}

/* The story's fixed numbers are real-looking numbers of their carriers. */
static void story_tracking_numbers_have_their_carriers_shape(void **state)
{
	(void)state;
	for (unsigned i = 0; i < story_norders; i++)
		if (story_orders[i].tracking != NULL &&
		    !carrier_tracking_valid((enum carrier_id)story_orders[i].carrier, story_orders[i].tracking))
			fail_msg("%s is not a %s number", story_orders[i].tracking,
				 carrier_get((enum carrier_id)story_orders[i].carrier)->code);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escapes_what_copy_text_format_needs),
		cmocka_unit_test(escape_needs_at_most_twice_the_room),
		cmocka_unit_test(civil_dates),
		cmocka_unit_test(folds_turkish_and_hungarian_letters),
		cmocka_unit_test(phone_styles_normalize_to_one_number),
		cmocka_unit_test(catalogue_is_fixed),
		cmocka_unit_test(same_seed_same_data),
		cmocka_unit_test(staff_do_not_change_the_counts),
		cmocka_unit_test(first_orders_cover_every_state),
		cmocka_unit_test(every_order_makes_sense),
		cmocka_unit_test(demo_story_is_fixed),
		cmocka_unit_test(tracking_numbers_never_collide),
		cmocka_unit_test(story_tracking_numbers_have_their_carriers_shape),
	};

	gen_catalog(catalog);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
