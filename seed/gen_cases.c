/* The fixed cases every run starts with (after the demo's story): one order for
 * each state the data must have, so that even the smallest run covers them all. */
#include "seed/gen_model.h"

#include <stddef.h>

#include "seed/gen_util.h"

/* clang-format off */
/* Every run starts with these orders (after the demo's story), so that even a small
 * run has every state.  Columns: order status, parcel status, age in hours, late,
 * cancelled after payment, fee wrongly charged, fee refunded, goodwill refund, gift
 * code, return status and kind, payment method, ticket category, channel, status,
 * priority. */
#define NR -1, 0
#define NT -1, 0, 0, 0
static const struct gen_case cases[] = {
	{ OS_PENDING, -1, 5, false, false, false, false, false, false, NR, PM_BANK,
	  TC_PAYMENT, CH_WEB, TS_NEW, PR_NORMAL },
	{ OS_PAID, -1, 3, false, false, false, false, false, false, NR, PM_CARD,
	  TC_ADDRESS, CH_PHONE, TS_OPEN, PR_HIGH },
	{ OS_PACKED, -1, 20, false, false, false, false, false, false, NR, PM_CARD,
	  TC_CANCELLATION, CH_CHAT, TS_PENDING, PR_LOW },
	{ OS_PAID, -1, 100, true, false, false, false, false, false, NR, PM_CARD,
	  TC_DELAY, CH_PHONE, TS_OPEN, PR_HIGH },
	{ OS_PACKED, -1, 80, true, false, false, false, false, false, NR, PM_WALLET,
	  TC_WHERE, CH_EMAIL, TS_ON_HOLD, PR_NORMAL },
	{ OS_CANCELLED, -1, 200, false, false, false, false, false, false, NR, PM_BANK,
	  TC_CANCELLATION, CH_WEB, TS_CLOSED, PR_LOW },
	{ OS_CANCELLED, -1, 300, false, true, false, false, false, false, NR, PM_CARD,
	  TC_REFUND, CH_EMAIL, TS_SOLVED, PR_NORMAL },
	{ OS_SHIPPED, SS_UNKNOWN, 30, false, false, false, false, false, false, NR, PM_CARD, NT },
	{ OS_SHIPPED, SS_PRE_TRANSIT, 10, false, false, false, false, false, false, NR, PM_COD, NT },
	{ OS_SHIPPED, SS_IN_TRANSIT, 40, false, false, false, false, false, false, NR, PM_CARD,
	  TC_WHERE, CH_CHAT, TS_NEW, PR_NORMAL },
	{ OS_SHIPPED, SS_OUT_FOR_DELIVERY, 48, false, false, false, false, false, false, NR, PM_CARD, NT },
	{ OS_SHIPPED, SS_AVAILABLE_FOR_PICKUP, 72, false, false, false, false, false, false, NR,
	  PM_CARD, NT },
	{ OS_SHIPPED, SS_DELIVERY_ATTEMPTED, 70, false, false, false, false, false, false, NR, PM_CARD,
	  TC_COMPLAINT, CH_SOCIAL, TS_OPEN, PR_NORMAL },
	{ OS_SHIPPED, SS_EXCEPTION, 150, false, false, false, false, false, true, NR, PM_CARD,
	  TC_DAMAGED, CH_PHONE, TS_OPEN, PR_URGENT },
	{ OS_SHIPPED, SS_RETURNING, 200, false, false, false, false, false, false, NR, PM_CARD, NT },
	{ OS_SHIPPED, SS_RETURNED, 400, false, false, false, false, true, false, NR, PM_CARD, NT },
	{ OS_SHIPPED, SS_CANCELLED, 300, false, false, false, false, false, false, NR, PM_CARD, NT },
	{ OS_SHIPPED, SS_EXPIRED, 900, false, false, false, false, false, false, NR, PM_CARD, NT },
	{ OS_DELIVERED, -1, 120, false, false, false, false, false, false, NR, PM_CARD,
	  TC_PRAISE, CH_SOCIAL, TS_CLOSED, PR_LOW },
	{ OS_DELIVERED, -1, 240, true, false, false, false, true, false, NR, PM_CARD,
	  TC_DELAY, CH_EMAIL, TS_SOLVED, PR_NORMAL },
	{ OS_DELIVERED, -1, 150, false, false, true, false, false, false, NR, PM_CARD,
	  TC_SHIPPING_FEE, CH_EMAIL, TS_OPEN, PR_NORMAL },
	{ OS_DELIVERED, -1, 500, false, false, true, true, false, false, NR, PM_CARD,
	  TC_SHIPPING_FEE, CH_PHONE, TS_CLOSED, PR_NORMAL },
	{ OS_DELIVERED, -1, 200, false, false, false, false, false, false, RS_REQUESTED, RK_RETURN,
	  PM_CARD, TC_RETURN, CH_WEB, TS_OPEN, PR_NORMAL },
	{ OS_DELIVERED, -1, 240, false, false, false, false, false, false, RS_APPROVED, RK_RETURN,
	  PM_CARD, NT },
	{ OS_DELIVERED, -1, 300, false, false, false, false, false, false, RS_REJECTED, RK_RETURN,
	  PM_CARD, TC_NOT_AS_DESCRIBED, CH_EMAIL, TS_SOLVED, PR_NORMAL },
	{ OS_DELIVERED, -1, 300, false, false, false, false, false, false, RS_IN_TRANSIT, RK_RETURN,
	  PM_CARD, NT },
	{ OS_DELIVERED, -1, 400, false, false, false, false, false, false, RS_RECEIVED, RK_EXCHANGE,
	  PM_CARD, NT },
	{ OS_DELIVERED, -1, 450, false, false, false, false, false, false, RS_INSPECTED, RK_RETURN,
	  PM_CARD, TC_WRONG_ITEM, CH_CHAT, TS_PENDING, PR_NORMAL },
	{ OS_DELIVERED, -1, 600, false, false, false, false, false, false, RS_REFUNDED, RK_RETURN,
	  PM_CARD, TC_REFUND, CH_PHONE, TS_SOLVED, PR_NORMAL },
	{ OS_DELIVERED, -1, 800, false, false, false, false, false, false, RS_CLOSED, RK_EXCHANGE,
	  PM_CARD, NT },
	{ OS_DELIVERED, -1, 2000, false, false, false, false, false, false, RS_CLOSED, RK_WARRANTY,
	  PM_CARD, TC_WARRANTY, CH_EMAIL, TS_CLOSED, PR_NORMAL },
	{ OS_DELIVERED, -1, 300, false, false, false, false, false, false, NR, PM_COD, NT },
	{ OS_DELIVERED, -1, 700, false, false, false, false, false, true, NR, PM_GIFT, NT },
	{ OS_DELIVERED, -1, 350, false, false, false, false, false, false, NR, PM_OTHER,
	  TC_TECHNICAL, CH_CHAT, TS_ON_HOLD, PR_LOW },
	{ OS_DELIVERED, -1, 260, false, false, false, false, false, false, NR, PM_CARD,
	  TC_SUGGESTION, CH_WEB, TS_NEW, PR_LOW },
	{ OS_DELIVERED, -1, 1500, false, false, false, false, false, false, NR, PM_CARD,
	  TC_OTHER, CH_SOCIAL, TS_PENDING, PR_NORMAL },
};
#undef NR
#undef NT

unsigned gen_ncases(void)
{
	return (unsigned)(sizeof cases / sizeof cases[0]);
}

const struct gen_case *gen_case_of(const struct gen_plan *p, uint64_t i)
{
	if (i < p->nstory_orders || i - p->nstory_orders >= gen_ncases())
		return NULL;
	return &cases[i - p->nstory_orders];
}
