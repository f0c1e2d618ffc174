/* Order i and everything that hangs off it: lines, payment, parcel and its
 * tracking events, return, refunds, gift code (and, through gen_ticket.c, the
 * tickets).  See gen_model.h. */
#include "seed/gen_model.h"

#include <string.h>

#include "seed/gen_story.h"
#include "seed/gen_util.h"
#include "seed/gen_words.h"

/* Parcel journeys: the events of a parcel that ends in each status.  A negative
 * entry happens only half the time. */
static const int8_t journey[SS_N][GEN_MAX_EVENTS + 1] = {
	[SS_UNKNOWN] = { 0 },
	[SS_PRE_TRANSIT] = { 1, EV_ACCEPTED },
	[SS_IN_TRANSIT] = { 3, EV_ACCEPTED, EV_TRANSFER, -EV_AT_BRANCH },
	[SS_OUT_FOR_DELIVERY] = { 4, EV_ACCEPTED, EV_TRANSFER, -EV_AT_BRANCH, EV_OUT },
	[SS_AVAILABLE_FOR_PICKUP] = { 4, EV_ACCEPTED, EV_TRANSFER, -EV_AT_BRANCH, EV_PICKUP },
	[SS_DELIVERY_ATTEMPTED] = { 4, EV_ACCEPTED, EV_TRANSFER, EV_OUT, EV_ATTEMPT },
	[SS_DELIVERED] = { 4, EV_ACCEPTED, EV_TRANSFER, -EV_OUT, EV_DELIVERED },
	[SS_EXCEPTION] = { 3, EV_ACCEPTED, EV_TRANSFER, EV_EXCEPTION },
	[SS_RETURNING] = { 5, EV_ACCEPTED, EV_TRANSFER, EV_OUT, EV_ATTEMPT, EV_RETURNING },
	[SS_RETURNED] = { 5, EV_ACCEPTED, EV_TRANSFER, EV_ATTEMPT, EV_RETURNING, EV_RETURNED },
	[SS_CANCELLED] = { 2, EV_ACCEPTED, EV_CANCELLED },
	[SS_EXPIRED] = { 1, EV_ACCEPTED },
};
/* clang-format on */

static const uint16_t w_nlines[] = { 500, 280, 140, 80 };
static const uint16_t w_qty[] = { 780, 150, 50, 10, 6, 4 };
static const uint16_t w_method[2][PM_N] = {
	{ 680, 80, 120, 80, 20, 20 }, /* Turkey: cards, and cash on delivery is common */
	{ 750, 100, 80, 50, 0, 20 },  /* Hungary */
};
/* Order status by age: under a day, 1-3 days, 3-10 days, older. */
static const uint16_t w_status[4][OS_N] = {
	{ 120, 500, 200, 100, 0, 80 },
	{ 30, 100, 100, 600, 100, 70 },
	{ 10, 20, 10, 250, 640, 70 },
	{ 5, 3, 2, 15, 900, 75 },
};
/* A moving parcel's status by the hours since it was handed over. */
static const uint16_t w_sstatus[4][SS_N] = {
	/* UNK  PRE   IN  OUT  PICK ATT  DLV  EXC  RING RED  CAN  EXP */
	{ 50, 500, 450, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
	{ 20, 30, 550, 200, 80, 80, 0, 40, 0, 0, 0, 0 },
	{ 0, 0, 300, 100, 150, 150, 0, 150, 150, 0, 0, 0 },
	{ 100, 0, 0, 0, 0, 0, 0, 250, 150, 250, 100, 150 },
};
static const uint16_t w_carrier[2][CA_N] = {
	{ 300, 250, 200, 120, 50, 80 },
	{ 0, 0, 0, 0, 600, 400 },
};
static const uint16_t w_rkind[RK_N] = { 800, 120, 80 };
static const uint16_t w_condition[CO_N] = { 0, 400, 350, 200, 50 };
/* Return status by the days since it was asked for. */
static const uint16_t w_rstatus[4][RS_N] = {
	{ 600, 300, 100, 0, 0, 0, 0, 0 },
	{ 0, 150, 50, 400, 250, 150, 0, 0 },
	{ 0, 0, 50, 0, 100, 150, 550, 150 },
	{ 0, 0, 50, 0, 0, 0, 400, 550 },
};

static int64_t free_threshold(unsigned currency)
{
	return currency == CUR_HUF ? 2000000 : currency == CUR_EUR ? 5000 : 50000;
}

static int64_t standard_fee(unsigned currency)
{
	return currency == CUR_HUF ? 149000 : currency == CUR_EUR ? 499 : 4990;
}

/* Tax inside a gross amount: amount * rate / (1 + rate), rounded half away from
 * zero to minor units, as api.import_order computes it. */
static int64_t tax_of(int64_t gross, unsigned bp)
{
	int64_t num = gross * (int64_t)bp, den = 10000 + (int64_t)bp;

	return (2 * num + den) / (2 * den);
}

static uint64_t isqrt(uint64_t x)
{
	uint64_t r = 0, bit = (uint64_t)1 << 62;

	while (bit > x)
		bit >>= 2;
	while (bit != 0) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

/* The orders after the fixed ones are placed in the order of their numbers, over
 * the past year, more of them lately (the shop grows: the density rises linearly,
 * so order j of m is placed at YEAR * sqrt(j / m) from the start).  Ids then rise
 * with time, as they do in a real shop, and the time-ordered indexes are filled
 * from one end instead of all over. */
static int64_t random_age(const struct gen_plan *p, uint64_t i, struct rng *r)
{
	__extension__ typedef unsigned __int128 u128;
	const uint64_t year = 365 * DAY;
	uint64_t fixed = (uint64_t)p->nstory_orders + gen_ncases();
	uint64_t m = p->norders > fixed ? p->norders - fixed : 1;
	uint64_t j = i >= fixed ? i - fixed : 0;
	uint64_t x = j << 16 | (rng_next(r) >> 48);   /* j plus a random fraction */
	uint64_t t = isqrt((uint64_t)((u128)year * year * x / (m << 16)));

	return (int64_t)(year - (t < year ? t : year)) + 60;
}

static void make_lines(struct rng *r, const struct gen_product *catalog, struct gen_order *o,
		       const struct story_order *s)
{
	if (s != NULL) {
		o->nlines = s->nlines;
		for (unsigned k = 0; k < s->nlines; k++) {
			struct gen_line *l = &o->line[k];
			const struct gen_product *prod = &catalog[s->line[k].product];

			l->product = s->line[k].product;
			l->qty = s->line[k].qty;
			l->price = s->line[k].price != 0 ? s->line[k].price : gen_price(prod, o->currency);
			l->name = s->line[k].name;
			l->tax_bp = prod->tax_bp[o->lang];
		}
		return;
	}
	o->nlines = (uint8_t)(1 + rng_weighted(r, w_nlines, 4));
	for (unsigned k = 0; k < o->nlines; k++) {
		struct gen_line *l = &o->line[k];
		unsigned pi;
		bool dup;

		/* Popular products first: the square of a uniform draw. */
		do {
			uint32_t u = rng_below(r, GEN_NPRODUCTS);

			pi = (unsigned)((uint64_t)u * u / GEN_NPRODUCTS);
			dup = false;
			for (unsigned j = 0; j < k; j++)
				dup = dup || o->line[j].product == pi;
		} while (dup);
		l->product = (uint16_t)pi;
		l->qty = (uint16_t)(1 + rng_weighted(r, w_qty, 6));
		l->price = gen_price(&catalog[pi], o->currency);
		l->tax_bp = catalog[pi].tax_bp[o->lang];
		l->name = NULL;
	}
}

static void make_events(struct rng *r, const struct gen_plan *p, struct gen_order *o)
{
	const int8_t *j = journey[o->sstatus];
	int64_t t0 = o->shipped_at, end, span;
	unsigned n = 0;

	for (int k = 1; k <= j[0]; k++) {
		if (j[k] < 0 && rng_permille(r, 500))
			continue;
		o->ev[n++].kind = (uint8_t)(j[k] < 0 ? -j[k] : j[k]);
	}
	o->nevents = (uint8_t)n;
	if (n == 0)
		return;
	if (o->sstatus == SS_DELIVERED)
		end = o->delivered_at;
	else
		end = t0 + min64(p->now - 600 - t0, between(r, 6 * HOUR, 6 * DAY));
	span = max64(end - t0, (int64_t)(n - 1) * 60);
	for (unsigned k = 0; k < n; k++) {
		int64_t at = n == 1 ? t0 : t0 + span * (int64_t)k / (int64_t)(n - 1);

		if (k > 0 && k + 1 < n)
			at += between(r, -span / (4 * (int64_t)n), span / (4 * (int64_t)n));
		if (k > 0 && at <= o->ev[k - 1].at)
			at = o->ev[k - 1].at + 60;
		o->ev[k].at = at;
	}
}

/* The moving parcel of a shipped or delivered order. */
static void make_parcel(struct rng *r, const struct gen_plan *p, struct gen_order *o,
			const struct gen_case *kc, const struct story_order *s, bool late)
{
	int64_t hs;

	o->shipped = true;
	o->carrier = s != NULL ? s->carrier : (uint8_t)rng_weighted(r, w_carrier[o->lang], CA_N);
	if (late)
		o->shipped_at = day_end(o->ship_by) + between(r, 2 * HOUR, 50 * HOUR);
	else
		o->shipped_at = o->placed + between(r, 2 * HOUR, 40 * HOUR);
	if (o->shipped_at > p->now - 1800)
		o->shipped_at = o->placed + (p->now - o->placed) / 2;
	o->shipped_by = slot(r, p->nwarehouse);
	hs = (p->now - o->shipped_at) / HOUR;
	if (o->status == OS_DELIVERED) {
		o->sstatus = SS_DELIVERED;
		o->delivered_at = o->shipped_at + between(r, 18 * HOUR, 100 * HOUR);
		if (o->delivered_at > p->now - 600)
			o->delivered_at = o->shipped_at + (p->now - o->shipped_at) * 2 / 3;
	} else if (kc != NULL && kc->sstatus >= 0) {
		o->sstatus = (uint8_t)kc->sstatus;
	} else {
		o->sstatus = (uint8_t)rng_weighted(r, w_sstatus[hs < 12 ? 0 : hs < 48 ? 1 : hs < 240 ? 2 : 3],
						   SS_N);
	}
	o->expected_day = o->sstatus == SS_UNKNOWN ? 0
			  : gen_day(o->shipped_at) + (o->lang == LANG_TR ? 3 : 5);
	make_events(r, p, o);
	switch (o->sstatus) {
	case SS_DELIVERED:
	case SS_RETURNED:
	case SS_CANCELLED:
	case SS_EXPIRED:
		o->last_checked = min64(p->now - 60, (o->nevents > 0 ? o->ev[o->nevents - 1].at
								     : o->shipped_at) + between(r, 600, 7200));
		o->next_check = 0;
		break;
	default:
		o->last_checked = p->now - between(r, 60, 50 * 60);
		o->next_check = p->now + between(r, 5 * 60, 60 * 60);
		break;
	}
}

static void make_return(struct rng *r, const struct gen_plan *p, struct gen_order *o,
			const struct gen_case *kc, bool one_line)
{
	struct gen_return *rt = &o->ret;
	int64_t dr;
	unsigned k, start;

	o->has_return = true;
	rt->kind = kc != NULL && kc->rstatus >= 0 ? (uint8_t)kc->rkind : (uint8_t)rng_weighted(r, w_rkind, RK_N);
	rt->requested = o->delivered_at + (rt->kind == RK_WARRANTY ? between(r, 20 * DAY, 200 * DAY)
								    : between(r, DAY, 12 * DAY));
	if (rt->requested > p->now - 1800)
		rt->requested = o->delivered_at + (p->now - o->delivered_at) / 2;
	dr = (p->now - rt->requested) / DAY;
	if (kc != NULL && kc->rstatus >= 0)
		rt->status = (uint8_t)kc->rstatus;
	else
		rt->status = (uint8_t)rng_weighted(r, w_rstatus[dr < 2 ? 0 : dr < 7 ? 1 : dr < 20 ? 2 : 3], RS_N);
	if (rt->kind != RK_RETURN && rt->status == RS_REFUNDED)
		rt->status = RS_CLOSED;
	rt->reason = (uint8_t)rng_below(r, (uint32_t)words_return_reason[o->lang].n);
	rt->created_by = slot(r, p->nagents);
	k = one_line ? 1 : 1 + rng_below(r, o->nlines);
	start = rng_below(r, o->nlines);
	rt->nlines = (uint8_t)k;
	for (unsigned j = 0; j < k; j++) {
		unsigned li = (start + j) % o->nlines;

		rt->line[j] = (uint8_t)li;
		rt->qty[j] = (uint16_t)(1 + rng_below(r, o->line[li].qty));
		rt->cond[j] = rt->status >= RS_INSPECTED ? (uint8_t)rng_weighted(r, w_condition, CO_N)
							  : (uint8_t)CO_NONE;
	}
	if (rt->status >= RS_IN_TRANSIT)
		rt->carrier = o->lang == LANG_TR ? (uint8_t)rng_below(r, 4) : (uint8_t)(CA_DHL + rng_below(r, 2));
	if (rt->status >= RS_RECEIVED)
		rt->received = min64(p->now - 1200, rt->requested + between(r, 2 * DAY, 5 * DAY));
	if (rt->status >= RS_INSPECTED) {
		rt->inspected = min64(p->now - 600, rt->received + between(r, 4 * HOUR, 2 * DAY));
		rt->note = (uint8_t)rng_below(r, (uint32_t)words_inspection_note.n);
	}
	if (rt->received != 0 && rt->received <= rt->requested)
		rt->received = rt->requested + 60;
	if (rt->inspected != 0 && rt->inspected <= rt->received)
		rt->inspected = rt->received + 60;
}

static void add_refund(struct rng *r, const struct gen_plan *p, struct gen_order *o, unsigned kind,
		       int64_t amount, int64_t at, int64_t *left)
{
	struct gen_refund *f;

	amount = min64(amount, *left);
	if (amount <= 0 || o->nrefunds >= GEN_MAX_REFUNDS)
		return;
	f = &o->ref[o->nrefunds++];
	f->kind = (uint8_t)kind;
	f->amount = amount;
	f->at = min64(at, p->now - 60);
	f->of_return = kind == RF_RETURN;
	f->reason = (uint8_t)rng_below(r, (uint32_t)words_goodwill_reason.n);
	f->created_by = slot(r, p->nagents);
	*left -= amount;
}

static void make_gift(struct rng *r, const struct gen_plan *p, struct gen_order *o, unsigned reason)
{
	static const int64_t amounts[CUR_N][3] = {
		{ 5000, 10000, 15000 }, { 200000, 300000, 500000 }, { 500, 1000, 1500 } };
	struct gen_gift *g = &o->gift;

	o->has_gift = true;
	g->reason = (uint8_t)reason;
	g->amount = amounts[o->currency][rng_below(r, 3)];
	g->with_order = reason != GR_FEEDBACK;
	switch (reason) {
	case GR_DELAY:
	case GR_DAMAGED:
		g->at = (o->shipped ? o->shipped_at : o->placed) + between(r, DAY, 2 * DAY);
		break;
	case GR_FEEDBACK:
		g->at = (o->ntickets > 0 && o->t[0].solved != 0 ? o->t[0].solved : o->placed) + HOUR;
		break;
	default:
		g->at = o->placed + between(r, HOUR, DAY);
		break;
	}
	g->at = min64(g->at, p->now - 60);
	g->expires_day = gen_day(g->at) + 90;
	if (g->at < p->now - 10 * DAY && rng_permille(r, 300))
		g->redeemed = min64(p->now - 60, g->at + between(r, DAY, 30 * DAY));
}

void gen_order(const struct gen_plan *p, uint64_t i, struct gen_order *o)
{
	const struct story_order *s = NULL;
	const struct gen_case *kc = NULL;
	struct gen_customer c;
	struct rng r;
	int64_t age, total, left;
	bool late, fee_wrong, late_to_ship, shipped_late;
	unsigned method;

	memset(o, 0, sizeof *o);
	rng_init(&r, p->seed, STREAM_ORDER, i);
	o->index = i;
	if (i < p->nstory_orders && i < story_norders) {
		s = &story_orders[i];
		kc = &s->kase;
	} else {
		kc = gen_case_of(p, i);
	}

	/* Who, where, what. */
	if (s != NULL)
		o->customer = s->customer;
	else if (p->ncust > p->nstory_cust)
		o->customer = p->nstory_cust + rng_next(&r) % (p->ncust - p->nstory_cust);
	gen_customer(p, o->customer, &c);
	o->lang = c.lang;
	o->addr = (uint8_t)rng_below(&r, c.naddr);
	if (s != NULL)
		o->currency = s->currency;
	else if (c.lang == LANG_TR)
		o->currency = rng_permille(&r, 970) ? CUR_TRY : CUR_EUR;
	else
		o->currency = rng_permille(&r, 900) ? CUR_HUF : CUR_EUR;
	make_lines(&r, p->catalog, o, s);
	for (unsigned k = 0; k < o->nlines; k++) {
		int64_t gross = o->line[k].price * o->line[k].qty;

		o->lines_total += gross;
		o->tax_total += tax_of(gross, o->line[k].tax_bp);
	}
	o->free_shipping = o->lines_total >= free_threshold(o->currency);
	o->fee = o->free_shipping ? 0 : standard_fee(o->currency);
	fee_wrong = kc != NULL ? kc->fee_wrong : o->free_shipping && rng_permille(&r, 15);
	if (fee_wrong) {
		o->free_shipping = true;
		o->fee = standard_fee(o->currency);
	}
	if (s != NULL && s->fee >= 0) {
		o->fee = s->fee;
		o->free_shipping = s->free_shipping;
	}
	total = o->lines_total + o->fee;

	/* When, and how far it got. */
	if (kc != NULL) {
		age = (int64_t)kc->age_hours * HOUR + between(&r, 0, 1800);
		o->status = (uint8_t)kc->status;
	} else {
		int64_t h;

		age = random_age(p, i, &r);
		h = age / HOUR;
		o->status = (uint8_t)rng_weighted(&r, w_status[h < 24 ? 0 : h < 72 ? 1 : h < 240 ? 2 : 3], OS_N);
	}
	o->placed = p->now - age;
	o->ship_by = gen_day(o->placed) + 2;
	o->has_window = kc != NULL || rng_permille(&r, 900);
	if (o->has_window) {
		o->deliver_from = o->ship_by + 1;
		o->deliver_to = o->ship_by + (o->lang == LANG_TR ? 4 : 6);
	}
	late = kc != NULL ? kc->late : rng_permille(&r, 60);
	if (kc != NULL && kc->method >= 0)
		method = (unsigned)kc->method;
	else
		method = rng_weighted(&r, w_method[o->lang], PM_N);
	if (o->status == OS_PENDING && method == PM_COD)
		method = PM_BANK;
	o->method = (uint8_t)method;
	o->updated = o->placed;

	switch (o->status) {
	case OS_PENDING:
		break;
	case OS_CANCELLED:
		o->cancelled = min64(p->now - 60, o->placed + between(&r, HOUR, 30 * HOUR));
		o->cancel_reason = (uint8_t)rng_below(&r, (uint32_t)words_cancel_reason.n);
		if (method != PM_COD && (kc != NULL ? kc->cancel_paid : rng_permille(&r, 650)))
			o->paid = total;
		o->updated = o->cancelled;
		break;
	default:
		if (method != PM_COD)
			o->paid = total;
		if (o->status >= OS_SHIPPED) {
			make_parcel(&r, p, o, kc, s, late);
			o->updated = o->status == OS_DELIVERED ? o->delivered_at : o->shipped_at;
		}
		if (method == PM_COD && o->status == OS_DELIVERED)
			o->paid = total;
		break;
	}
	if (o->paid > 0) {
		if (method == PM_COD)
			o->paid_at = o->delivered_at;
		else if (method == PM_BANK)
			o->paid_at = o->placed + between(&r, 2 * HOUR, 20 * HOUR);
		else
			o->paid_at = o->placed + between(&r, 20, 300);
		o->paid_at = min64(o->paid_at, p->now - 30);
	}
	late_to_ship = (o->status == OS_PAID || o->status == OS_PACKED) && o->ship_by < gen_day(p->now);
	shipped_late = o->shipped && o->shipped_at > day_end(o->ship_by);

	/* What came after. */
	if (o->status == OS_DELIVERED && (kc != NULL ? kc->rstatus >= 0 : rng_permille(&r, 23)))
		make_return(&r, p, o, kc, s != NULL);
	left = o->paid;
	if (o->status == OS_CANCELLED && o->paid > 0)
		add_refund(&r, p, o, RF_CANCELLATION, o->paid, o->cancelled + between(&r, 600, 2 * HOUR), &left);
	if (fee_wrong && (kc != NULL ? kc->fee_refunded : age > 7 * DAY && rng_permille(&r, 600)))
		add_refund(&r, p, o, RF_SHIPPING_FEE, o->fee,
			   (o->shipped ? o->shipped_at : o->placed) + between(&r, DAY, 3 * DAY), &left);
	if (o->shipped && (kc != NULL ? kc->goodwill
				      : (shipped_late || o->sstatus == SS_EXCEPTION || o->sstatus == SS_RETURNED) &&
						rng_permille(&r, 250))) {
		int64_t unit = gen_currency_unit[o->currency];
		int64_t amount = max64(unit, o->lines_total / 10 / unit * unit);

		add_refund(&r, p, o, RF_GOODWILL, amount, o->shipped_at + between(&r, DAY, 3 * DAY), &left);
	}
	if (o->has_return && (o->ret.status == RS_REFUNDED || (o->ret.status == RS_CLOSED && o->ret.kind == RK_RETURN))) {
		int64_t amount = 0;

		for (unsigned k = 0; k < o->ret.nlines; k++)
			amount += o->line[o->ret.line[k]].price * o->ret.qty[k];
		add_refund(&r, p, o, RF_RETURN, amount, o->ret.inspected + between(&r, HOUR, DAY), &left);
	}
	gen_tickets(&r, p, o, late_to_ship, shipped_late, fee_wrong, kc, s != NULL ? s->ticket_subject : NULL);
	if (kc != NULL ? kc->gift : (shipped_late || o->sstatus == SS_EXCEPTION) && rng_permille(&r, 200))
		make_gift(&r, p, o, o->ntickets > 0 && o->t[0].category == TC_DAMAGED ? GR_DAMAGED : GR_DELAY);
	else if (kc == NULL && o->ntickets > 0 && o->t[0].satisfaction >= 4 && rng_permille(&r, 100))
		make_gift(&r, p, o, GR_FEEDBACK);
	else if (kc == NULL && o->status == OS_DELIVERED && rng_permille(&r, 8))
		make_gift(&r, p, o, GR_THANKS);

	if (s != NULL) {
		o->number = s->number;
		o->tracking = s->tracking;
		o->pay_ref = s->pay_ref;
	}
}

void gen_count_order(const struct gen_order *o, struct gen_counts *n)
{
	n->orders++;
	n->lines += o->nlines;
	n->shipments += o->shipped;
	n->events += o->nevents;
	n->tickets += o->ntickets;
	for (unsigned k = 0; k < o->ntickets; k++)
		n->messages += o->t[k].nmsg;
	n->returns += o->has_return;
	n->return_lines += o->has_return ? o->ret.nlines : 0;
	n->refunds += o->nrefunds;
	n->gifts += o->has_gift;
}
