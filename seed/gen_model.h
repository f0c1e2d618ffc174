#ifndef BACKDESK_SEED_GEN_MODEL_H
#define BACKDESK_SEED_GEN_MODEL_H
/* The data generator's model: what customer i and order i are, derived from
 * (seed, i) alone, with numbers only (indexes into the word lists, amounts in minor
 * units, times in seconds since the epoch).  The table writers (seed_tables.c) turn
 * it into rows; ids are given there, from ranges reserved in the database, so
 * nothing here depends on what the database already holds.
 *
 * Everything about an order hangs off it: its lines, payment, parcel and tracking
 * events, tickets with their messages, return, refunds and gift code.  Each table's
 * pass walks the orders in the same order and counts ids as it goes, so a row can
 * refer to another table's row without any of them being kept in memory.
 *
 * The first orders of every run are forced through a fixed list of cases (every
 * order status, every parcel status, every return status, every refund kind, every
 * ticket category/channel/status/priority, late shipping, a free-shipping order
 * charged a fee, gift codes), so even a small run covers every state.  The demo's
 * story orders (gen_story.c) come before them.
 *
 * Files: gen_names.c (the schema's value lists), gen_cases.c (the forced cases),
 * gen_catalog.c, gen_customer.c, gen_order.c, gen_ticket.c; gen_util.h holds
 * their shared helpers. */
#include <stdbool.h>
#include <stdint.h>

#include "carrier/carriers.h"
#include "seed/gen_rng.h"

enum { GEN_MAX_ADDR = 3, GEN_MAX_LINES = 4, GEN_MAX_EVENTS = 6, GEN_MAX_TICKETS = 2,
       GEN_MAX_MSGS = 6, GEN_MAX_REFUNDS = 3, GEN_NPRODUCTS = 500 };

/* The value lists of the schema's check constraints, in the order they are written
 * there; the *_name arrays spell them. */
enum gen_currency { CUR_TRY, CUR_HUF, CUR_EUR, CUR_N };
enum gen_ostatus { OS_PENDING, OS_PAID, OS_PACKED, OS_SHIPPED, OS_DELIVERED, OS_CANCELLED, OS_N };
enum gen_sstatus {
	SS_UNKNOWN, SS_PRE_TRANSIT, SS_IN_TRANSIT, SS_OUT_FOR_DELIVERY, SS_AVAILABLE_FOR_PICKUP,
	SS_DELIVERY_ATTEMPTED, SS_DELIVERED, SS_EXCEPTION, SS_RETURNING, SS_RETURNED, SS_CANCELLED,
	SS_EXPIRED, SS_N
};
/* The carriers parcels go with: the first six of carrier/carriers.h, whose codes,
 * names and tracking numbers they use.  The four Turkish ones come first, then the
 * two the Hungarian customers get (gen_order.c's weights rely on that order). */
enum gen_carrier {
	CA_YURTICI = CARRIER_YURTICI, CA_ARAS = CARRIER_ARAS, CA_MNG = CARRIER_MNG, CA_PTT = CARRIER_PTT,
	CA_DHL = CARRIER_DHL, CA_UPS = CARRIER_UPS, CA_N
};
_Static_assert((int)CA_N <= (int)CARRIER_N, "the generator's carriers are carrier/carriers.h's");
enum gen_method { PM_CARD, PM_BANK, PM_COD, PM_WALLET, PM_GIFT, PM_OTHER, PM_N };
enum gen_channel { CH_PHONE, CH_EMAIL, CH_CHAT, CH_SOCIAL, CH_WEB, CH_N };
enum gen_category {
	TC_WHERE, TC_DELAY, TC_DAMAGED, TC_WRONG_ITEM, TC_NOT_AS_DESCRIBED, TC_RETURN, TC_REFUND,
	TC_SHIPPING_FEE, TC_WARRANTY, TC_TECHNICAL, TC_PAYMENT, TC_CANCELLATION, TC_ADDRESS,
	TC_COMPLAINT, TC_SUGGESTION, TC_PRAISE, TC_OTHER, TC_N
};
enum gen_priority { PR_URGENT, PR_HIGH, PR_NORMAL, PR_LOW, PR_N };
enum gen_tstatus { TS_NEW, TS_OPEN, TS_PENDING, TS_ON_HOLD, TS_SOLVED, TS_CLOSED, TS_N };
enum gen_mkind { MK_NOTE, MK_REPLY, MK_CALL, MK_SYSTEM, MK_CUSTOMER, MK_N };
enum gen_rstatus {
	RS_REQUESTED, RS_APPROVED, RS_REJECTED, RS_IN_TRANSIT, RS_RECEIVED, RS_INSPECTED,
	RS_REFUNDED, RS_CLOSED, RS_N
};
enum gen_rkind { RK_RETURN, RK_EXCHANGE, RK_WARRANTY, RK_N };
enum gen_condition { CO_NONE, CO_UNOPENED, CO_GOOD, CO_DAMAGED, CO_MISSING, CO_N };
enum gen_refkind { RF_RETURN, RF_SHIPPING_FEE, RF_GOODWILL, RF_CANCELLATION, RF_N };
/* What happened to a parcel, one tracking event each. */
enum gen_event {
	EV_ACCEPTED, EV_TRANSFER, EV_AT_BRANCH, EV_OUT, EV_DELIVERED, EV_ATTEMPT, EV_PICKUP,
	EV_EXCEPTION, EV_RETURNING, EV_RETURNED, EV_CANCELLED, EV_N
};
enum gen_gift_reason { GR_DELAY, GR_DAMAGED, GR_FEEDBACK, GR_THANKS, GR_N };

extern const char *const gen_currency_name[CUR_N];
extern const int64_t gen_currency_unit[CUR_N]; /* minor units of one "whole" of money */
extern const char *const gen_ostatus_name[OS_N];
extern const char *const gen_sstatus_name[SS_N];
extern const char *const gen_method_name[PM_N];
extern const char *const gen_channel_name[CH_N];
extern const char *const gen_category_name[TC_N];
extern const char *const gen_priority_name[PR_N];
extern const char *const gen_tstatus_name[TS_N];
extern const char *const gen_mkind_name[MK_N];
extern const char *const gen_rstatus_name[RS_N];
extern const char *const gen_rkind_name[RK_N];
extern const char *const gen_condition_name[CO_N];
#define GEN_RETURN_REASONS 6
extern const char *const gen_return_reason_code[GEN_RETURN_REASONS];
extern const char *const gen_refkind_name[RF_N];
extern const enum gen_sstatus gen_event_status[EV_N];

/* A forced case: the state an order must end up in (-1: as chance has it). */
struct gen_case {
	int8_t status;               /* enum gen_ostatus */
	int8_t sstatus;              /* the parcel's status; -1 by the order status */
	int16_t age_hours;           /* placed this long ago */
	bool late;                   /* shipped, or still waiting, after its ship-by date */
	bool cancel_paid;            /* cancelled after payment, and refunded */
	bool fee_wrong;              /* free shipping, and yet a fee charged */
	bool fee_refunded;           /* ... and the fee refunded */
	bool goodwill;               /* a goodwill refund */
	bool gift;                   /* a gift code */
	int8_t rstatus, rkind;       /* a return; rstatus -1: none */
	int8_t method;               /* payment method */
	int8_t tcategory;            /* a ticket; -1: none */
	int8_t tchannel, tstatus, tpriority;
};

struct story_customer;
struct story_order;
struct gen_product;

struct gen_plan {
	uint64_t seed;
	int64_t now;                 /* the data's "now", seconds since the epoch */
	uint64_t norders, ncust;
	uint32_t nstory_cust;        /* the first customers are the story's (demo) */
	uint32_t nstory_orders;      /* the first orders are the story's (demo) */
	uint32_t nagents;            /* staff who answer tickets (0: none assigned) */
	uint32_t nwarehouse;         /* staff who ship and inspect */
	const struct gen_product *catalog; /* GEN_NPRODUCTS, from gen_catalog() */
};

/* A number of days since 1970-01-01 in Istanbul (UTC+3 all year), the shop's date. */
static inline int64_t gen_day(int64_t epoch)
{
	int64_t t = epoch + 3 * 3600;

	return t / 86400 - (t % 86400 < 0);
}

struct gen_address {
	uint8_t city, street, quarter, floor, door;
	uint16_t no;
};

struct gen_customer {
	uint8_t lang;                /* LANG_TR or LANG_HU: country, locale, names */
	bool female;
	uint16_t given, family;
	bool has_email, has_phone;
	uint8_t mail_style, mail_domain, phone_style;
	uint16_t phone_area;
	uint32_t phone_sub;
	int64_t created;
	uint8_t naddr;
	struct gen_address addr[GEN_MAX_ADDR];
	const struct story_customer *story; /* the demo's fixed texts, or NULL */
};

struct gen_product {
	char sku[8];
	char ean[14];                /* EAN-13, Turkish GS1 prefix 869 */
	char name[96];
	int64_t price_try;           /* in kuruş; the other currencies are derived */
	uint16_t tax_bp[2];
	uint8_t warranty_months;
	int stock;
};

struct gen_line {
	uint16_t product;            /* catalogue index */
	uint16_t qty;
	uint16_t tax_bp;
	int64_t price;               /* gross unit price in the order's minor units */
	const char *name;            /* NULL: the product's name */
};

struct gen_ev {
	int64_t at;
	uint8_t kind;                /* enum gen_event */
};

struct gen_msg {
	int64_t at;
	uint8_t kind;                /* enum gen_mkind */
	uint8_t text;
	uint16_t call_seconds;
};

struct gen_ticket {
	uint8_t channel, category, priority, status, satisfaction, nmsg, subject;
	bool with_order;
	int32_t assignee;            /* agent slot, or -1 */
	int64_t created, first_due, resolve_due, first_response, solved, updated;
	struct gen_msg msg[GEN_MAX_MSGS];
	const char *subject_text;    /* NULL: from the word lists */
};

struct gen_return {
	uint8_t status, kind, reason, carrier, note, nlines;
	int32_t created_by;          /* agent slot, or -1 */
	int64_t requested, received, inspected;
	uint8_t line[GEN_MAX_LINES]; /* indexes of the order's lines */
	uint16_t qty[GEN_MAX_LINES];
	uint8_t cond[GEN_MAX_LINES];
};

struct gen_refund {
	uint8_t kind, reason;
	bool of_return;
	int32_t created_by;
	int64_t amount, at;
};

struct gen_gift {
	uint8_t reason;
	bool with_order;
	int64_t amount, at, expires_day, redeemed;
};

struct gen_order {
	uint64_t index;
	uint64_t customer;           /* customer index */
	uint8_t addr;                /* which of the customer's addresses */
	uint8_t lang;
	uint8_t currency, status, method, cancel_reason;
	int64_t placed, updated, paid_at, cancelled;
	uint8_t nlines;
	struct gen_line line[GEN_MAX_LINES];
	int64_t lines_total, tax_total, fee, paid;
	bool free_shipping, has_window;
	int64_t ship_by, deliver_from, deliver_to; /* days */

	bool shipped;                /* has a parcel */
	uint8_t carrier, sstatus, nevents;
	int32_t shipped_by;          /* warehouse slot, or -1 */
	int64_t shipped_at, delivered_at, expected_day, last_checked, next_check;
	struct gen_ev ev[GEN_MAX_EVENTS];

	uint8_t ntickets;
	struct gen_ticket t[GEN_MAX_TICKETS];
	bool has_return;
	struct gen_return ret;
	uint8_t nrefunds;
	struct gen_refund ref[GEN_MAX_REFUNDS];
	bool has_gift;
	struct gen_gift gift;

	const char *number;          /* the story's order number, or NULL ("BK-" + id) */
	const char *tracking;        /* the story's tracking number, or NULL */
	const char *pay_ref;         /* the story's payment reference, or NULL */
};

/* How many rows of each table a run makes. */
struct gen_counts {
	uint64_t customers, addresses, orders, lines, shipments, events, tickets, messages,
		returns, return_lines, refunds, gifts;
};

/* The fixed catalogue: GEN_NPRODUCTS products, the same for every seed (so a second
 * run finds them already there), KUP-001 "Porselen Kupa ..." first. */
void gen_product(unsigned i, struct gen_product *p);
void gen_catalog(struct gen_product catalog[GEN_NPRODUCTS]);

/* A product's gross unit price in a currency, in that currency's minor units. */
int64_t gen_price(const struct gen_product *p, unsigned currency);

void gen_customer(const struct gen_plan *p, uint64_t i, struct gen_customer *c);
void gen_order(const struct gen_plan *p, uint64_t i, struct gen_order *o);

/* Adds order o's rows to *n (not customers and addresses). */
void gen_count_order(const struct gen_order *o, struct gen_counts *n);

/* The number of forced cases at the start of every run (after the story). */
unsigned gen_ncases(void);

#endif
