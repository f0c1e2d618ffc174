#ifndef BACKDESK_SEED_GEN_WORDS_H
#define BACKDESK_SEED_GEN_WORDS_H
/* The word lists the data generator draws from: Turkish and Hungarian names,
 * cities, streets, the product catalogue's parts, and the texts of parcels,
 * tickets and returns.  Data only; gen_customer.c, gen_order.c and the
 * table writers decide how they are combined. */
#include <stddef.h>
#include <stdint.h>

#define WORDS_N(a) (sizeof(a) / sizeof((a)[0]))

/* Two languages, two countries: index 0 is Turkish / Turkey, 1 Hungarian / Hungary. */
enum { LANG_TR, LANG_HU, LANG_N };

struct words {
	const char *const *w;
	size_t n;
};

extern const struct words words_given_male[LANG_N];
extern const struct words words_given_female[LANG_N];
extern const struct words words_family[LANG_N];
extern const struct words words_mail_domain[LANG_N];

struct city {
	const char *city;     /* the city field */
	const char *district; /* line2, or NULL */
	const char *postcode;
	uint16_t weight;      /* how many people live there, roughly, in tenths of % */
};
extern const struct city *const words_city[LANG_N];
extern const size_t words_ncity[LANG_N];
extern const struct words words_street[LANG_N];
extern const struct words words_quarter; /* Turkish "mahalle" names */

struct category {
	const char *prefix;   /* SKU prefix, three letters */
	const char *noun;     /* what it is, in Turkish */
	int64_t price_lo;     /* price range in kuruş (TRY minor units) */
	int64_t price_hi;
	uint16_t tax_bp[LANG_N]; /* VAT in basis points: Turkey, Hungary */
	uint8_t warranty_months;
};
extern const struct category words_category[];
extern const size_t words_ncategory;
extern const struct words words_product_adj;
extern const struct words words_product_variant;

/* Ticket texts by category (the order of enum gen_category) and language. */
extern const char *const words_ticket_subject[][LANG_N][2];
extern const char *const words_ticket_first[][LANG_N];
/* Agents' replies; the first of them fits the ticket's category
 * (words_reply_for[category]), later ones are the general 0 and 3. */
extern const struct words words_reply[LANG_N];
extern const unsigned char words_reply_for[];
extern const struct words words_customer_followup[LANG_N];
extern const struct words words_note[LANG_N];
extern const struct words words_cancel_reason;
extern const struct words words_return_reason[LANG_N];
extern const struct words words_rejection_reason;
extern const struct words words_inspection_note;
extern const struct words words_goodwill_reason;

#endif
