/* The tickets an order brings: why its customer got in touch, through which
 * channel, how it went, and the messages on the way. */
#include "seed/gen_model.h"

#include <string.h>

#include "seed/gen_util.h"

static const uint16_t w_channel[CH_N] = { 350, 250, 200, 80, 120 };
static const uint16_t w_category[TC_N] = { 250, 80, 60, 40, 40, 80, 60, 20, 30,
					   50, 50, 50, 50, 50, 30, 30, 30 };
static const uint16_t w_satisfaction[5] = { 100, 80, 120, 250, 450 };
/* Ticket status by the age of the ticket: under a day, under a week, older. */
static const uint16_t w_tstatus[3][TS_N] = {
	{ 350, 350, 150, 50, 100, 0 },
	{ 20, 200, 200, 60, 400, 120 },
	{ 0, 20, 10, 10, 100, 860 },
};
/* First response and resolution targets by priority, in hours. */
static const int64_t sla_response[PR_N] = { 1, 4, 8, 24 };
static const int64_t sla_resolve[PR_N] = { 8, 24, 72, 168 };

static void make_messages(struct rng *r, const struct gen_plan *p, const struct gen_order *o,
			  struct gen_ticket *t)
{
	static const uint8_t lo[TS_N] = { 1, 2, 2, 2, 3, 3 }, hi[TS_N] = { 1, 3, 4, 3, 5, 6 };
	unsigned n = lo[t->status] + rng_below(r, (uint32_t)(hi[t->status] - lo[t->status] + 1));
	int64_t from = t->first_response != 0 ? t->first_response : t->created;
	int64_t end = t->solved != 0 ? t->solved : p->now - 60;

	t->nmsg = (uint8_t)n;
	for (unsigned k = 0; k < n; k++) {
		struct gen_msg *m = &t->msg[k];

		if (k == 0) {
			m->kind = t->channel == CH_PHONE ? MK_CALL : MK_CUSTOMER;
			m->at = t->created;
		} else {
			if (t->status == TS_CLOSED && k + 1 == n)
				m->kind = MK_SYSTEM;
			else if (rng_permille(r, 150))
				m->kind = MK_NOTE;
			else
				m->kind = k % 2 == 1 ? MK_REPLY : MK_CUSTOMER;
			m->at = n == 2 ? from : from + (end - from) * (int64_t)(k - 1) / (int64_t)(n - 2);
		}
		if (m->kind == MK_CALL)
			m->call_seconds = (uint16_t)between(r, 45, 900);
		m->text = (uint8_t)rng_below(r, 6);
		if (k > 0 && m->at <= t->msg[k - 1].at)
			m->at = t->msg[k - 1].at + 30;
	}
	(void)o;
}

static void make_ticket(struct rng *r, const struct gen_plan *p, struct gen_order *o, unsigned category,
			int64_t earliest, const struct gen_case *kc, const char *subject)
{
	struct gen_ticket *t = &o->t[o->ntickets++];
	int64_t age;
	unsigned status;
	bool assigned;

	memset(t, 0, sizeof *t);
	t->category = (uint8_t)category;
	t->subject_text = subject;
	t->subject = (uint8_t)rng_below(r, 2);
	t->with_order = !(category == TC_TECHNICAL || category == TC_SUGGESTION ||
			  category == TC_PRAISE || category == TC_OTHER) || rng_permille(r, 500);
	if (kc != NULL) {
		t->channel = (uint8_t)kc->tchannel;
		t->priority = (uint8_t)kc->tpriority;
	} else {
		t->channel = (uint8_t)rng_weighted(r, w_channel, CH_N);
		if (category == TC_DAMAGED || category == TC_PAYMENT)
			t->priority = rng_permille(r, 600) ? PR_HIGH : PR_NORMAL;
		else if (category == TC_COMPLAINT)
			t->priority = rng_permille(r, 400) ? PR_HIGH : PR_NORMAL;
		else if (category >= TC_SUGGESTION)
			t->priority = PR_LOW;
		else
			t->priority = (uint8_t)rng_weighted(r, (const uint16_t[]){ 40, 160, 700, 100 }, PR_N);
	}
	earliest = max64(earliest, o->placed + 60);
	t->created = between(r, earliest, min64(p->now - 120, earliest + 5 * DAY));
	age = p->now - t->created;
	status = kc != NULL ? (unsigned)kc->tstatus
			    : rng_weighted(r, w_tstatus[age < DAY ? 0 : age < 7 * DAY ? 1 : 2], TS_N);
	t->status = (uint8_t)status;
	if (status == TS_NEW)
		t->created = max64(o->placed + 60, p->now - between(r, 300, 6 * HOUR));
	else if (status >= TS_SOLVED)
		t->created = max64(o->placed + 60, min64(t->created, p->now - 3 * HOUR));
	if (t->created > p->now - 60)
		t->created = p->now - 60;
	t->first_due = t->created + sla_response[t->priority] * HOUR;
	t->resolve_due = t->created + sla_resolve[t->priority] * HOUR;
	if (status != TS_NEW) {
		if (rng_permille(r, 850))
			t->first_response = t->created + between(r, 300, sla_response[t->priority] * HOUR);
		else
			t->first_response = t->first_due + between(r, 600, DAY);
		t->first_response = min64(t->first_response, p->now - 30);
		if (t->first_response <= t->created)
			t->first_response = t->created + 15;
	}
	if (status >= TS_SOLVED) {
		t->solved = min64(p->now - 20, t->first_response + between(r, 600, 3 * DAY));
		if (t->solved <= t->first_response)
			t->solved = t->first_response + 5;
		if (rng_permille(r, 600))
			t->satisfaction = (uint8_t)(1 + rng_weighted(r, w_satisfaction, 5));
	}
	assigned = rng_permille(r, 900);
	t->assignee = slot(r, p->nagents);
	if (status == TS_NEW || !assigned)
		t->assignee = -1;
	make_messages(r, p, o, t);
	t->updated = max64(t->msg[t->nmsg - 1].at, max64(t->solved, t->first_response));
}

/* Why this order's customer would get in touch, if they would. */
void gen_tickets(struct rng *r, const struct gen_plan *p, struct gen_order *o, bool late_to_ship,
		 bool shipped_late, bool fee_wrong, const struct gen_case *kc, const char *subject)
{
	bool stuck = o->shipped && (o->sstatus == SS_EXCEPTION || o->sstatus == SS_RETURNING ||
				    o->sstatus == SS_RETURNED || o->sstatus == SS_EXPIRED ||
				    o->sstatus == SS_DELIVERY_ATTEMPTED ||
				    (o->sstatus == SS_UNKNOWN && p->now - o->shipped_at > 2 * DAY));
	unsigned permille = 40, category;
	int64_t earliest = o->placed;

	if (kc != NULL) {
		if (kc->tcategory >= 0) {
			category = (unsigned)kc->tcategory;
			if (o->has_return)
				earliest = o->ret.requested;
			else if (o->shipped)
				earliest = o->shipped_at;
			make_ticket(r, p, o, category, earliest, kc, subject);
		}
		return;
	}
	if (late_to_ship || stuck)
		permille += 400;
	if (fee_wrong)
		permille += 500;
	if (o->has_return)
		permille += 400;
	if (o->status == OS_CANCELLED)
		permille += 250;
	if (shipped_late)
		permille += 200;
	if (!rng_permille(r, permille > 950 ? 950 : permille))
		return;

	if (fee_wrong) {
		category = TC_SHIPPING_FEE;
		earliest = o->shipped ? o->shipped_at : o->placed;
	} else if (late_to_ship) {
		category = rng_permille(r, 600) ? TC_DELAY : TC_WHERE;
		earliest = day_end(o->ship_by);
	} else if (stuck) {
		category = o->sstatus == SS_EXCEPTION && rng_permille(r, 500) ? TC_DAMAGED
			   : o->sstatus == SS_RETURNED                   ? TC_REFUND
									 : TC_WHERE;
		earliest = o->shipped_at + DAY;
	} else if (o->has_return) {
		static const uint16_t w[] = { 500, 200, 150, 100, 50 };
		static const uint8_t c[] = { TC_RETURN, TC_REFUND, TC_DAMAGED, TC_WRONG_ITEM, TC_NOT_AS_DESCRIBED };

		category = o->ret.kind == RK_WARRANTY ? TC_WARRANTY : c[rng_weighted(r, w, 5)];
		earliest = o->ret.requested - HOUR;
	} else if (o->status == OS_CANCELLED) {
		category = rng_permille(r, 600) ? TC_CANCELLATION : TC_REFUND;
	} else if (shipped_late) {
		category = TC_DELAY;
		earliest = day_end(o->ship_by);
	} else {
		category = rng_weighted(r, w_category, TC_N);
	}
	make_ticket(r, p, o, category, earliest, NULL, NULL);
	if (rng_permille(r, 100))
		make_ticket(r, p, o, rng_weighted(r, w_category, TC_N), o->placed, NULL, NULL);
}
