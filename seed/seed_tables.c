#include "seed/seed_tables.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "carrier/carriers.h"
#include "seed/gen_story.h"
#include "seed/gen_text.h"
#include "seed/gen_words.h"

/* ---------------------------------------------------------------------------
 * Numbers and codes made from ids
 * ------------------------------------------------------------------------- */

/* A bijection of [0, mod) when mod is a power of two and mul is odd: codes look
 * random, yet never repeat. */
static uint64_t scramble(uint64_t id, uint64_t mul, uint64_t add, uint64_t mod)
{
	return (id % mod * mul + add) % mod;
}

/* Carriers hand out their numbers in sequence, and so does this: the carrier's
 * own format (carrier/carriers.c) around the parcel's id, doubled, plus one for a
 * return parcel.  Sequential numbers are also what keeps the unique index on them
 * cheap to fill. */
void seed_tracking(char *out, size_t len, unsigned carrier, int64_t id, bool ret)
{
	/* seed_run() checked the ids against seed_tracking_ids(); an empty number
	 * would be refused by the table's check, never stored. */
	if (id < 0 || !carrier_tracking_example((enum carrier_id)carrier, 2 * (uint64_t)id + (ret ? 1u : 0u), out, len))
		out[0] = '\0';
}

int64_t seed_tracking_ids(void)
{
	uint64_t n = UINT64_MAX;

	for (unsigned ca = 0; ca < CA_N; ca++)
		if (carrier_get((enum carrier_id)ca)->examples / 2 < n)
			n = carrier_get((enum carrier_id)ca)->examples / 2;
	return n > INT64_MAX ? INT64_MAX : (int64_t)n;
}

/* Eight characters of Crockford's base 32 (no I, L, O, U), unique below 2^40. */
static void code32(char *out, uint64_t id)
{
	static const char a[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	uint64_t v = scramble(id, 0x5DEECE66DULL, 0xB16B00B5ULL, 1ULL << 40);

	for (int k = 7; k >= 0; k--) {
		out[k] = a[v & 31];
		v >>= 5;
	}
	out[8] = '\0';
}

static void uuid_of(char *out, size_t len, uint64_t seed, int64_t id)
{
	uint64_t a = rng_mix(seed ^ rng_mix((uint64_t)id * 0x9E3779B97F4A7C15ULL));
	uint64_t b = rng_mix(a ^ 0xC2B2AE3D27D4EB4FULL);

	a = (a & ~0xF000ULL) | 0x4000ULL;                /* version 4 */
	b = (b & ~(3ULL << 62)) | (2ULL << 62);         /* RFC 4122 variant */
	(void)snprintf(out, len, "%08" PRIx64 "-%04" PRIx64 "-%04" PRIx64 "-%04" PRIx64 "-%012" PRIx64,
		       a >> 32, (a >> 16) & 0xFFFF, a & 0xFFFF, b >> 48, b & (uint64_t)0xFFFFFFFFFFFF);
}

static void order_number(char *out, size_t len, const struct gen_order *o, int64_t id)
{
	if (o->number != NULL)
		(void)snprintf(out, len, "%s", o->number);
	else
		(void)snprintf(out, len, "BK-%07" PRId64, id);
}

static const char *agent_login(const struct seed_ctx *x, int32_t slot)
{
	return slot >= 0 && (uint32_t)slot < x->plan->nagents ? x->agents[slot].login : x->me;
}

/* ---------------------------------------------------------------------------
 * Customers and addresses
 * ------------------------------------------------------------------------- */

static const char *given_name(const struct gen_customer *c)
{
	return (c->female ? words_given_female : words_given_male)[c->lang].w[c->given];
}

static void customer_name(char *out, size_t len, const struct gen_customer *c)
{
	const char *g = given_name(c), *f = words_family[c->lang].w[c->family];

	if (c->story != NULL)
		(void)snprintf(out, len, "%s", c->story->name);
	else if (c->lang == LANG_HU) /* Hungarians write the family name first */
		(void)snprintf(out, len, "%s %s", f, g);
	else
		(void)snprintf(out, len, "%s %s", g, f);
}

static void customer_email(char *out, size_t len, const struct gen_customer *c, int64_t id)
{
	char g[64], f[64];
	const char *dom = words_mail_domain[c->lang].w[c->mail_domain];

	(void)text_fold_ascii(given_name(c), g, sizeof g);
	(void)text_fold_ascii(words_family[c->lang].w[c->family], f, sizeof f);
	/* The id keeps every address unique, also across runs on one database. */
	switch (c->mail_style) {
	case 0: (void)snprintf(out, len, "%s.%s%" PRId64 "@%s", g, f, id, dom); break;
	case 1: (void)snprintf(out, len, "%s%s%" PRId64 "@%s", g, f, id, dom); break;
	case 2: (void)snprintf(out, len, "%s.%s%" PRId64 "@%s", f, g, id, dom); break;
	case 3: (void)snprintf(out, len, "%c%s%" PRId64 "@%s", g[0], f, id, dom); break;
	default: (void)snprintf(out, len, "%s_%s%" PRId64 "@%s", g, f, id, dom); break;
	}
}

static void write_customers(const struct seed_ctx *x, struct copy_out *o)
{
	const struct gen_plan *p = x->plan;
	struct gen_customer c;
	char buf[160];

	for (uint64_t i = 0; i < p->ncust; i++) {
		int64_t id = x->first.customer + (int64_t)i;

		gen_customer(p, i, &c);
		copy_i64(o, id);
		customer_name(buf, sizeof buf, &c);
		copy_text(o, buf);
		if (c.story != NULL) {
			copy_text(o, c.story->email);
			copy_text(o, c.story->phone);
		} else {
			if (c.has_email) {
				customer_email(buf, sizeof buf, &c, id);
				copy_text(o, buf);
			} else {
				copy_null(o);
			}
			if (c.has_phone) {
				text_phone(buf, sizeof buf, c.lang, c.phone_style, c.phone_area, c.phone_sub);
				copy_text(o, buf);
			} else {
				copy_null(o);
			}
		}
		copy_text(o, c.lang == LANG_HU ? "hu" : "tr");
		copy_text(o, "");
		copy_ts(o, c.created);
		copy_ts(o, c.created);
		copy_row_end(o);
	}
}

static void write_addresses(const struct seed_ctx *x, struct copy_out *o)
{
	const struct gen_plan *p = x->plan;
	struct gen_customer c;
	char buf[200];
	int64_t id = x->first.address;

	for (uint64_t i = 0; i < p->ncust; i++) {
		gen_customer(p, i, &c);
		for (unsigned a = 0; a < c.naddr; a++) {
			const struct gen_address *ad = &c.addr[a];
			const struct city *city = &words_city[c.lang][ad->city];

			copy_i64(o, id++);
			copy_i64(o, x->first.customer + (int64_t)i);
			if (c.story != NULL) {
				copy_text(o, c.story->line1);
				copy_text(o, c.story->line2);
				copy_text(o, c.story->line2); /* the district, kept in line2 too */
				copy_text(o, c.story->city);
				copy_text(o, c.story->postcode);
			} else {
				if (c.lang == LANG_TR)
					(void)snprintf(buf, sizeof buf, "%s %s No:%u D:%u", words_quarter.w[ad->quarter],
						       words_street[LANG_TR].w[ad->street], ad->no, ad->door);
				else if (ad->floor > 0)
					(void)snprintf(buf, sizeof buf, "%s %u. %u. em. %u.",
						       words_street[LANG_HU].w[ad->street], ad->no, ad->floor,
						       ad->door);
				else
					(void)snprintf(buf, sizeof buf, "%s %u.", words_street[LANG_HU].w[ad->street],
						       ad->no);
				copy_text(o, buf);
				copy_text(o, city->district);
				/* The district has its own column since 0018; line2 keeps it for
				 * the screens that do not show the district yet. */
				copy_text(o, city->district);
				copy_text(o, city->city);
				copy_text(o, city->postcode);
			}
			copy_text(o, c.lang == LANG_HU ? "HU" : "TR");
			copy_ts(o, c.created + (int64_t)a * 86400 * 40);
			copy_row_end(o);
		}
	}
}

static void write_products(const struct seed_ctx *x, struct copy_out *o)
{
	for (unsigned i = 0; i < GEN_NPRODUCTS; i++) {
		const struct gen_product *pr = &x->plan->catalog[i];

		if (!x->product_new[i])
			continue;
		copy_i64(o, x->product_id[i]);
		copy_text(o, pr->sku);
		copy_text(o, pr->ean);
		copy_text(o, pr->name);
		copy_i64(o, pr->stock);
		copy_i64(o, pr->warranty_months);
		/* Out of stock: expected back within four weeks of the data's today. */
		if (pr->stock == 0)
			copy_date(o, gen_day(x->plan->now) + 3 + (int64_t)(i * 7 % 25));
		else
			copy_null(o);
		copy_row_end(o);
	}
}

/* ---------------------------------------------------------------------------
 * Orders, payments, lines
 * ------------------------------------------------------------------------- */

static void write_orders(const struct seed_ctx *x, struct copy_out *o)
{
	const struct gen_plan *p = x->plan;
	struct gen_order g;
	char buf[80];

	for (uint64_t i = 0; i < p->norders; i++) {
		int64_t id = x->first.order + (int64_t)i;

		gen_order(p, i, &g);
		copy_i64(o, id);
		order_number(buf, sizeof buf, &g, id);
		copy_text(o, buf);
		copy_i64(o, x->first.customer + (int64_t)g.customer);
		copy_i64(o, x->first.address + (int64_t)(x->addr_first[g.customer] + g.addr));
		copy_ts(o, g.placed);
		copy_text(o, gen_ostatus_name[g.status]);
		copy_text(o, gen_currency_name[g.currency]);
		copy_money(o, g.lines_total);
		copy_money(o, g.tax_total);
		copy_money(o, g.fee);
		copy_bool(o, g.free_shipping);
		copy_date(o, g.ship_by);
		if (g.has_window) {
			copy_date(o, g.deliver_from);
			copy_date(o, g.deliver_to);
		} else {
			copy_null(o);
			copy_null(o);
		}
		copy_text(o, g.status == OS_CANCELLED ? words_cancel_reason.w[g.cancel_reason] : NULL);
		copy_i64(o, g.status == OS_CANCELLED ? 2 : 1 + (g.status > OS_PENDING) + (g.status > OS_PAID) +
								(g.status > OS_PACKED) + (g.status > OS_SHIPPED));
		copy_ts(o, g.placed);
		copy_ts(o, g.updated);
		copy_row_end(o);
	}
}

static void write_payments(const struct seed_ctx *x, struct copy_out *o)
{
	const struct gen_plan *p = x->plan;
	struct gen_order g;
	char buf[64];

	for (uint64_t i = 0; i < p->norders; i++) {
		int64_t id = x->first.order + (int64_t)i;
		uint64_t h = rng_mix(p->seed ^ (uint64_t)id);

		gen_order(p, i, &g);
		copy_i64(o, id);
		copy_text(o, gen_method_name[g.method]);
		copy_money(o, g.paid);
		if (g.pay_ref != NULL) {
			copy_text(o, g.pay_ref);
		} else {
			switch (g.method) {
			case PM_CARD: (void)snprintf(buf, sizeof buf, "pay_%08" PRIx64, h >> 32); break;
			case PM_BANK: (void)snprintf(buf, sizeof buf, "EFT%010" PRIu64, h % (uint64_t)10000000000); break;
			case PM_WALLET: (void)snprintf(buf, sizeof buf, "wal_%012" PRIx64, h >> 16); break;
			case PM_GIFT: (void)snprintf(buf, sizeof buf, "GC-%06" PRIX64, h >> 40); break;
			case PM_COD: (void)snprintf(buf, sizeof buf, "cod_%08" PRIx64, h >> 32); break;
			default: buf[0] = '\0'; break;
			}
			copy_text(o, buf[0] != '\0' && (g.paid > 0 || g.method != PM_COD) ? buf : NULL);
		}
		if (g.paid > 0)
			copy_ts(o, g.paid_at);
		else
			copy_null(o);
		copy_row_end(o);
	}
}

static void write_lines(const struct seed_ctx *x, struct copy_out *o)
{
	const struct gen_plan *p = x->plan;
	struct gen_order g;
	int64_t id = x->first.line;

	for (uint64_t i = 0; i < p->norders; i++) {
		gen_order(p, i, &g);
		for (unsigned k = 0; k < g.nlines; k++) {
			const struct gen_line *l = &g.line[k];
			const struct gen_product *pr = &p->catalog[l->product];

			copy_i64(o, id++);
			copy_i64(o, x->first.order + (int64_t)i);
			copy_i64(o, k + 1);
			copy_i64(o, x->product_id[l->product]);
			copy_text(o, pr->sku);
			copy_text(o, l->name != NULL ? l->name : pr->name);
			copy_i64(o, l->qty);
			copy_money(o, l->price);
			copy_bp(o, l->tax_bp);
			copy_row_end(o);
		}
	}
}

/* Why a late order that has not shipped waits (the order screen's "why"): a packed
 * one for the carrier's pickup; a paid one for a product out of stock (that shows
 * from the stock itself), else for a payment check or an address the carrier could
 * not verify.  An unpaid order waits for its payment without a hold. */
static void write_holds(const struct seed_ctx *x, struct copy_out *o)
{
	const struct gen_plan *p = x->plan;
	static const char *const address_note[2] = {
		"Kargo firması adresi doğrulayamadı: kapı numarası eksik",
		"A futárszolgálat nem tudta ellenőrizni a címet: hiányzik a házszám",
	};
	struct gen_order g;
	int64_t today = gen_day(p->now);

	for (uint64_t i = 0; i < p->norders; i++) {
		int64_t id = x->first.order + (int64_t)i;
		bool short_of_stock = false;
		const char *reason;
		const char *note = NULL;

		gen_order(p, i, &g);
		if (g.shipped || g.ship_by >= today || (g.status != OS_PAID && g.status != OS_PACKED))
			continue;
		for (unsigned k = 0; k < g.nlines; k++)
			short_of_stock |= p->catalog[g.line[k].product].stock < (int)g.line[k].qty;
		if (g.status == OS_PACKED) {
			reason = "awaiting_pickup";
		} else if (short_of_stock) {
			continue;
		} else if (rng_mix(p->seed ^ (uint64_t)id ^ 0x686f6c64) % 2 == 0) {
			reason = "payment_unconfirmed";
		} else {
			reason = "address_problem";
			note = address_note[g.lang == LANG_HU];
		}
		copy_i64(o, id);
		copy_text(o, reason);
		copy_text(o, note);
		copy_ts(o, g.placed + 86400);
		copy_row_end(o);
	}
}

/* ---------------------------------------------------------------------------
 * Parcels and their tracking events
 * ------------------------------------------------------------------------- */

/* clang-format off */
static const char *const ev_text_tr[EV_N] = {
	"Gönderi kabul edildi", "Transfer merkezinde", "Teslimat şubesine ulaştı",
	"Dağıtıma çıkarıldı", "Teslim edildi", "Alıcı adreste bulunamadı",
	"Şubeden teslim alınmayı bekliyor", "Hasarlı gönderi tutanağı tutuldu",
	"Göndericiye iade ediliyor", "Göndericiye iade edildi", "Gönderi iptal edildi" };
static const char *const ev_text_en[EV_N] = {
	"Shipment picked up", "Processed at hub", "Arrived at delivery facility",
	"Out for delivery", "Delivered", "Delivery attempted: recipient not at home",
	"Available for pickup at the service point", "Shipment damaged: exception",
	"Returning to sender", "Returned to sender", "Shipment cancelled" };
static const char *const ev_code[CA_N][EV_N] = {
	[CA_YURTICI] = { "NOP", "IND", "IND", "ISR", "DLV", "BI", "BI", "ISC", "ISC", "ISC", "CNL" },
	[CA_ARAS] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11" },
	[CA_MNG] = { "KABUL", "AKTARMA", "SUBE", "DAGITIMDA", "TESLIM", "TESLIM_EDILEMEDI",
		     "SUBEDE", "HASARLI", "IADE", "IADE_TESLIM", "IPTAL" },
	[CA_PTT] = { "KABUL", "SEVK", "VARIS", "DAGITIM", "TESLIM", "ADRESTE_YOK", "GISEDE",
		     "HASAR", "IADE", "IADE_TESLIM", "IPTAL" },
	[CA_DHL] = { "PU", "PL", "AR", "WC", "OK", "NH", "SP", "DM", "RT", "RD", "CA" },
	[CA_UPS] = { "MP", "OR", "AR", "OT", "D", "X1", "AP", "X2", "RS", "RD", "VD" },
};
/* clang-format on */

static const char *ev_text(unsigned carrier, unsigned kind)
{
	return carrier >= CA_DHL ? ev_text_en[kind] : ev_text_tr[kind];
}

/* Where an event happened: the shop's warehouse, a hub, the customer's town. */
static void ev_location(char *out, size_t len, const struct gen_order *g, const struct gen_customer *c,
			unsigned kind)
{
	const char *city, *district;
	bool intl = g->carrier >= CA_DHL;

	if (c->story != NULL) {
		city = c->story->city;
		district = c->story->line2 != NULL ? c->story->line2 : c->story->city;
	} else {
		const struct city *ct = &words_city[c->lang][c->addr[g->addr].city];

		city = ct->city;
		district = ct->district != NULL ? ct->district : ct->city;
	}
	switch (kind) {
	case EV_ACCEPTED:
	case EV_RETURNED:
	case EV_CANCELLED:
		(void)snprintf(out, len, "%s", intl ? "Istanbul, TR" : "İstanbul Tuzla Depo");
		break;
	case EV_TRANSFER:
	case EV_EXCEPTION:
	case EV_RETURNING:
		if (intl)
			(void)snprintf(out, len, "%s", g->carrier == CA_DHL ? "Leipzig Hub, DE" : "Köln, DE");
		else
			(void)snprintf(out, len, "%s Aktarma Merkezi", city);
		break;
	case EV_DELIVERED:
	case EV_ATTEMPT:
		if (intl)
			(void)snprintf(out, len, "%s, %s", city, c->lang == LANG_HU ? "HU" : "TR");
		else
			(void)snprintf(out, len, "%s / %s", district, city);
		break;
	default:
		if (intl)
			(void)snprintf(out, len, "%s, %s", city, c->lang == LANG_HU ? "HU" : "TR");
		else
			(void)snprintf(out, len, "%s Şube", district);
		break;
	}
}

/* What a failed lookup leaves on a parcel (the sentences carrier/client.c writes). */
static const char *seed_lookup_error(int64_t id)
{
	static const char *const errors[] = {
		"the carrier did not answer within 20 seconds",
		"the carrier answered 503 Service Unavailable three times",
		"the carrier's answer was not JSON",
	};

	return errors[id / 23 % 3];
}

static void write_shipments(const struct seed_ctx *x, struct copy_out *o)
{
	const struct gen_plan *p = x->plan;
	struct gen_order g;
	char buf[48];
	int64_t id = x->first.shipment;

	for (uint64_t i = 0; i < p->norders; i++) {
		gen_order(p, i, &g);
		if (!g.shipped)
			continue;
		copy_i64(o, id);
		copy_i64(o, x->first.order + (int64_t)i);
		copy_text(o, carrier_get((enum carrier_id)g.carrier)->code);
		if (g.tracking != NULL) {
			copy_text(o, g.tracking);
		} else {
			seed_tracking(buf, sizeof buf, g.carrier, id, false);
			copy_text(o, buf);
		}
		copy_text(o, gen_sstatus_name[g.sstatus]);
		if (g.nevents > 0) {
			unsigned k = g.ev[g.nevents - 1].kind;

			copy_text(o, ev_code[g.carrier][k]);
			copy_text(o, ev_text(g.carrier, k));
		} else {
			copy_null(o);
			copy_null(o);
		}
		if (g.expected_day != 0)
			copy_date(o, g.expected_day);
		else
			copy_null(o);
		copy_ts(o, g.shipped_at);
		if (g.delivered_at != 0)
			copy_ts(o, g.delivered_at);
		else
			copy_null(o);
		copy_ts(o, g.last_checked);
		/* Some parcels on their way are due for a lookup (api.tracking_due) and some
		 * failed their last one: by the id, so the rest of the data stays as it was. */
		if (g.next_check != 0 && id % 23 == 0)
			copy_ts(o, p->now - 3600 - id % 3000);
		else if (g.next_check != 0 && id % 5 == 0)
			copy_ts(o, p->now - id % 1800);
		else if (g.next_check != 0)
			copy_ts(o, g.next_check);
		else
			copy_null(o);
		copy_text(o, g.shipped_by >= 0 ? x->warehouse[g.shipped_by].login : x->me);
		copy_i64(o, 1 + g.nevents);
		if (g.nevents > 0)
			copy_ts(o, g.ev[g.nevents - 1].at);
		else
			copy_null(o);
		/* The promised window's end (backdesk.promised_window): the order's, else five
		 * days after shipping. */
		copy_date(o, g.has_window ? g.deliver_to : gen_day(g.shipped_at) + 5);
		copy_text(o, g.next_check != 0 && id % 23 == 0 ? seed_lookup_error(id) : NULL);
		copy_row_end(o);
		id++;
	}
}

static void write_events(const struct seed_ctx *x, struct copy_out *o)
{
	const struct gen_plan *p = x->plan;
	struct gen_order g;
	struct gen_customer c;
	char loc[96];
	int64_t id = x->first.event, ship = x->first.shipment;

	for (uint64_t i = 0; i < p->norders; i++) {
		gen_order(p, i, &g);
		if (!g.shipped)
			continue;
		if (g.nevents > 0)
			gen_customer(p, g.customer, &c);
		for (unsigned k = 0; k < g.nevents; k++) {
			unsigned kind = g.ev[k].kind;

			copy_i64(o, id++);
			copy_i64(o, ship);
			copy_ts(o, g.ev[k].at);
			copy_text(o, gen_sstatus_name[gen_event_status[kind]]);
			copy_text(o, ev_code[g.carrier][kind]);
			copy_text(o, ev_text(g.carrier, kind));
			ev_location(loc, sizeof loc, &g, &c, kind);
			copy_text(o, loc);
			copy_row_end(o);
		}
		ship++;
	}
}

/* ---------------------------------------------------------------------------
 * Tickets and their messages
 * ------------------------------------------------------------------------- */

static void write_tickets(const struct seed_ctx *x, struct copy_out *o)
{
	const struct gen_plan *p = x->plan;
	struct gen_order g;
	char buf[32];
	int64_t id = x->first.ticket, no = x->first.ticket_no;

	for (uint64_t i = 0; i < p->norders; i++) {
		gen_order(p, i, &g);
		for (unsigned k = 0; k < g.ntickets; k++) {
			const struct gen_ticket *t = &g.t[k];

			copy_i64(o, id++);
			(void)snprintf(buf, sizeof buf, "T-%" PRId64, no++);
			copy_text(o, buf);
			copy_text(o, gen_channel_name[t->channel]);
			copy_text(o, gen_category_name[t->category]);
			copy_text(o, gen_priority_name[t->priority]);
			copy_text(o, gen_tstatus_name[t->status]);
			copy_text(o, t->subject_text != NULL ? t->subject_text
							     : words_ticket_subject[t->category][g.lang][t->subject]);
			copy_i64(o, x->first.customer + (int64_t)g.customer);
			if (t->with_order)
				copy_i64(o, x->first.order + (int64_t)i);
			else
				copy_null(o);
			if (t->assignee >= 0)
				copy_i64(o, x->agents[t->assignee].id);
			else
				copy_null(o);
			copy_text(o, t->channel == CH_PHONE || t->channel == CH_CHAT ? agent_login(x, t->assignee)
										   : "system");
			copy_ts(o, t->first_due);
			copy_ts(o, t->resolve_due);
			if (t->first_response != 0)
				copy_ts(o, t->first_response);
			else
				copy_null(o);
			if (t->solved != 0)
				copy_ts(o, t->solved);
			else
				copy_null(o);
			if (t->satisfaction != 0)
				copy_i64(o, t->satisfaction);
			else
				copy_null(o);
			copy_i64(o, t->nmsg);
			copy_ts(o, t->created);
			copy_ts(o, t->updated);
			copy_row_end(o);
		}
	}
}

static const char *message_body(const struct gen_order *g, const struct gen_ticket *t, const struct gen_msg *m)
{
	const struct words *w;

	switch (m->kind) {
	case MK_CALL:
		return words_ticket_first[t->category][g->lang];
	case MK_CUSTOMER:
		if (m == &t->msg[0])
			return words_ticket_first[t->category][g->lang];
		w = &words_customer_followup[g->lang];
		return w->w[m->text % w->n];
	case MK_REPLY:
		w = &words_reply[g->lang];
		for (const struct gen_msg *e = &t->msg[0]; e < m; e++)
			if (e->kind == MK_REPLY) /* not the first reply: a general one */
				return w->w[m->text % 2 == 0 ? 0 : 3];
		return w->w[words_reply_for[t->category] % w->n];
	case MK_NOTE:
		w = &words_note[g->lang];
		return w->w[m->text % w->n];
	default:
		return "Closed automatically three days after it was solved.";
	}
}

static void write_messages(const struct seed_ctx *x, struct copy_out *o)
{
	const struct gen_plan *p = x->plan;
	struct gen_order g;
	struct gen_customer c;
	char name[160];
	int64_t id = x->first.message, ticket = x->first.ticket;

	for (uint64_t i = 0; i < p->norders; i++) {
		gen_order(p, i, &g);
		if (g.ntickets > 0) {
			gen_customer(p, g.customer, &c);
			customer_name(name, sizeof name, &c);
		}
		for (unsigned k = 0; k < g.ntickets; k++, ticket++) {
			const struct gen_ticket *t = &g.t[k];

			for (unsigned j = 0; j < t->nmsg; j++) {
				const struct gen_msg *m = &t->msg[j];

				copy_i64(o, id++);
				copy_i64(o, ticket);
				copy_text(o, gen_mkind_name[m->kind]);
				copy_text(o, m->kind == MK_CUSTOMER ? name
					     : m->kind == MK_SYSTEM ? "system"
								    : agent_login(x, t->assignee));
				copy_text(o, message_body(&g, t, m));
				if (m->kind == MK_CALL)
					copy_i64(o, m->call_seconds);
				else
					copy_null(o);
				copy_ts(o, m->at);
				copy_row_end(o);
			}
		}
	}
}

/* ---------------------------------------------------------------------------
 * Returns, refunds, gift codes
 * ------------------------------------------------------------------------- */

static void write_returns(const struct seed_ctx *x, struct copy_out *o)
{
	const struct gen_plan *p = x->plan;
	struct gen_order g;
	char buf[48];
	int64_t id = x->first.ret, no = x->first.return_no;

	for (uint64_t i = 0; i < p->norders; i++) {
		const struct gen_return *r = &g.ret;

		gen_order(p, i, &g);
		if (!g.has_return)
			continue;
		copy_i64(o, id);
		(void)snprintf(buf, sizeof buf, "R-%" PRId64, no++);
		copy_text(o, buf);
		copy_i64(o, x->first.order + (int64_t)i);
		copy_text(o, gen_rkind_name[r->kind]);
		copy_text(o, gen_rstatus_name[r->status]);
		copy_text(o, words_return_reason[g.lang].w[r->reason]);
		if (r->status >= RS_IN_TRANSIT) {
			copy_text(o, carrier_get((enum carrier_id)r->carrier)->code);
			seed_tracking(buf, sizeof buf, r->carrier, id, true);
			copy_text(o, buf);
		} else {
			copy_null(o);
			copy_null(o);
		}
		copy_ts(o, r->requested);
		if (r->received != 0)
			copy_ts(o, r->received);
		else
			copy_null(o);
		if (r->inspected != 0) {
			copy_ts(o, r->inspected);
			copy_text(o, words_inspection_note.w[r->note]);
		} else {
			copy_null(o);
			copy_null(o);
		}
		copy_text(o, agent_login(x, r->created_by));
		copy_i64(o, 1 + r->status);
		if (r->status > RS_REQUESTED) {
			copy_ts(o, r->requested + 600);
			copy_text(o, agent_login(x, r->created_by));
		} else {
			copy_null(o);
			copy_null(o);
		}
		if (r->status == RS_REJECTED)
			copy_text(o, words_rejection_reason.w[r->reason % words_rejection_reason.n]);
		else
			copy_null(o);
		copy_row_end(o);
		id++;
	}
}

static void write_return_lines(const struct seed_ctx *x, struct copy_out *o)
{
	const struct gen_plan *p = x->plan;
	struct gen_order g;
	int64_t id = x->first.return_line, ret = x->first.ret, line = x->first.line;

	for (uint64_t i = 0; i < p->norders; i++) {
		gen_order(p, i, &g);
		if (g.has_return) {
			for (unsigned k = 0; k < g.ret.nlines; k++) {
				copy_i64(o, id++);
				copy_i64(o, ret);
				copy_i64(o, line + g.ret.line[k]);
				copy_i64(o, g.ret.qty[k]);
				copy_text(o, gen_condition_name[g.ret.cond[k]]);
				copy_text(o, gen_return_reason_code[g.ret.reason % GEN_RETURN_REASONS]);
				if (g.ret.cond[k] != CO_NONE) {
					copy_i64(o, g.ret.qty[k]);
					copy_text(o, g.ret.cond[k] == CO_UNOPENED || g.ret.cond[k] == CO_GOOD ? "restock"
													 : "write_off");
				} else {
					copy_null(o);
					copy_null(o);
				}
				copy_row_end(o);
			}
			ret++;
		}
		line += g.nlines;
	}
}

static void write_refunds(const struct seed_ctx *x, struct copy_out *o)
{
	const struct gen_plan *p = x->plan;
	struct gen_order g;
	char buf[160];
	int64_t id = x->first.refund, ret = x->first.ret, ret_no = x->first.return_no;

	for (uint64_t i = 0; i < p->norders; i++) {
		gen_order(p, i, &g);
		for (unsigned k = 0; k < g.nrefunds; k++) {
			const struct gen_refund *f = &g.ref[k];

			copy_i64(o, id);
			copy_i64(o, x->first.order + (int64_t)i);
			if (f->of_return)
				copy_i64(o, ret);
			else
				copy_null(o);
			copy_text(o, gen_refkind_name[f->kind]);
			copy_money(o, f->amount);
			copy_text(o, gen_currency_name[g.currency]);
			switch (f->kind) {
			case RF_CANCELLATION:
				(void)snprintf(buf, sizeof buf, "order cancelled: %s", words_cancel_reason.w[g.cancel_reason]);
				break;
			case RF_SHIPPING_FEE:
				(void)snprintf(buf, sizeof buf, "shipping fee charged on a free-shipping order");
				break;
			case RF_RETURN:
				(void)snprintf(buf, sizeof buf, "return R-%" PRId64, ret_no);
				break;
			default:
				(void)snprintf(buf, sizeof buf, "%s", words_goodwill_reason.w[f->reason]);
				break;
			}
			copy_text(o, buf);
			uuid_of(buf, sizeof buf, p->seed, id);
			copy_text(o, buf);
			copy_text(o, agent_login(x, f->created_by));
			copy_ts(o, f->at);
			copy_row_end(o);
			id++;
		}
		if (g.has_return) {
			ret++;
			ret_no++;
		}
	}
}

static void write_gifts(const struct seed_ctx *x, struct copy_out *o)
{
	static const char *const prefix[GR_N][LANG_N] = {
		{ "OZUR", "BOCSANAT" }, { "OZUR", "BOCSANAT" }, { "TESEKKUR", "KOSZONJUK" },
		{ "HOSGELDIN", "UDVOZOLJUK" } };
	static const char *const reason[GR_N] = {
		"goodwill: sorry for the late delivery", "goodwill: sorry for the damaged item",
		"thank you for your feedback", "thank you for your order" };
	const struct gen_plan *p = x->plan;
	struct gen_order g;
	char code[40], c32[9];
	int64_t id = x->first.gift;

	for (uint64_t i = 0; i < p->norders; i++) {
		const struct gen_gift *gf = &g.gift;

		gen_order(p, i, &g);
		if (!g.has_gift)
			continue;
		code32(c32, (uint64_t)id);
		(void)snprintf(code, sizeof code, "%s-%s", prefix[gf->reason][g.lang], c32);
		copy_i64(o, id);
		copy_text(o, code);
		copy_i64(o, x->first.customer + (int64_t)g.customer);
		if (gf->with_order)
			copy_i64(o, x->first.order + (int64_t)i);
		else
			copy_null(o);
		copy_money(o, gf->amount);
		copy_text(o, gen_currency_name[g.currency]);
		copy_text(o, reason[gf->reason]);
		copy_date(o, gf->expires_day);
		if (gf->redeemed != 0)
			copy_ts(o, gf->redeemed);
		else
			copy_null(o);
		copy_text(o, x->me);
		copy_ts(o, gf->at);
		copy_row_end(o);
		id++;
	}
}

/* In this order every referenced row is already there.  Generated columns
 * (customers' phone_norm and name keys, orders.total, order_lines.line_total) are
 * left to the server. */
const struct seed_table seed_tables[] = {
	{ "customers", "backdesk.customers",
	  "COPY backdesk.customers (id, name, email, phone, locale, notes, created_at, updated_at) "
	  "FROM STDIN",
	  write_customers },
	{ "addresses", "backdesk.addresses",
	  "COPY backdesk.addresses (id, customer_id, line1, line2, district, city, postcode, country, created_at) "
	  "FROM STDIN",
	  write_addresses },
	{ "products", "backdesk.products",
	  "COPY backdesk.products (id, sku, ean, name, stock, warranty_months, expected_back) FROM STDIN",
	  write_products },
	{ "orders", "backdesk.orders",
	  "COPY backdesk.orders (id, number, customer_id, shipping_address_id, placed_at, status, "
	  "currency, lines_total, tax_total, shipping_fee, free_shipping, ship_by, deliver_from, "
	  "deliver_to, cancel_reason, version, created_at, updated_at) FROM STDIN",
	  write_orders },
	{ "payments", "backdesk.payments", "COPY backdesk.payments (order_id, method, paid, reference, paid_at) FROM STDIN",
	  write_payments },
	{ "order_lines", "backdesk.order_lines",
	  "COPY backdesk.order_lines (id, order_id, line_no, product_id, sku, name, qty, unit_price, "
	  "tax_rate) FROM STDIN",
	  write_lines },
	{ "shipments", "backdesk.shipments",
	  "COPY backdesk.shipments (id, order_id, carrier, tracking_no, status, carrier_code, "
	  "carrier_text, expected_delivery, shipped_at, delivered_at, last_checked_at, next_check_at, "
	  "shipped_by, version, last_event_at, promised_to, last_error) FROM STDIN",
	  write_shipments },
	{ "shipment_events", "backdesk.shipment_events",
	  "COPY backdesk.shipment_events (id, shipment_id, occurred_at, status, carrier_code, "
	  "description, location) FROM STDIN",
	  write_events },
	{ "tickets", "backdesk.tickets",
	  "COPY backdesk.tickets (id, number, channel, category, priority, status, subject, "
	  "customer_id, order_id, assignee_id, created_by, first_response_due, resolve_due, "
	  "first_response_at, solved_at, satisfaction, version, created_at, updated_at) FROM STDIN",
	  write_tickets },
	{ "ticket_messages", "backdesk.ticket_messages",
	  "COPY backdesk.ticket_messages (id, ticket_id, kind, author, body, call_seconds, created_at) "
	  "FROM STDIN",
	  write_messages },
	{ "returns", "backdesk.returns",
	  "COPY backdesk.returns (id, number, order_id, kind, status, reason, carrier, tracking_no, "
	  "requested_at, received_at, inspected_at, inspection_note, created_by, version, "
	  "decided_at, decided_by, rejection_reason) FROM STDIN",
	  write_returns },
	{ "return_lines", "backdesk.return_lines",
	  "COPY backdesk.return_lines (id, return_id, order_line_id, qty, condition, reason_code, "
	  "accepted_qty, disposition) FROM STDIN",
	  write_return_lines },
	{ "refunds", "backdesk.refunds",
	  "COPY backdesk.refunds (id, order_id, return_id, kind, amount, currency, reason, idempotency_key, "
	  "created_by, created_at) FROM STDIN",
	  write_refunds },
	{ "gift_codes", "backdesk.gift_codes",
	  "COPY backdesk.gift_codes (id, code, customer_id, order_id, amount, currency, reason, "
	  "expires_at, redeemed_at, created_by, created_at) FROM STDIN",
	  write_gifts },
	{ "order_holds", "backdesk.order_holds", "COPY backdesk.order_holds (order_id, reason, note, since) FROM STDIN",
	  write_holds },
};
const size_t seed_ntables = sizeof seed_tables / sizeof seed_tables[0];
