/* The product catalogue: the same GEN_NPRODUCTS products for every seed. */
#include "seed/gen_model.h"

#include <stdio.h>

#include "seed/gen_util.h"
#include "seed/gen_words.h"

enum { PER_CATEGORY = 20 };

/* 8690, eight digits of the catalogue index, and the GS1 check digit (weights 1 3 1 3
 * from the left): one barcode per product, the same in every seed. */
static void make_ean(unsigned i, char out[14])
{
	int sum = 0;

	(void)snprintf(out, 14, "8690%08u", 10000u + i);
	for (int k = 0; k < 12; k++)
		sum += (out[k] - '0') * (k % 2 == 1 ? 3 : 1);
	out[12] = (char)('0' + (10 - sum % 10) % 10);
	out[13] = '\0';
}

void gen_product(unsigned i, struct gen_product *p)
{
	unsigned cat = (i / PER_CATEGORY) % (unsigned)words_ncategory, j = i % PER_CATEGORY;
	const struct category *c = &words_category[cat];
	struct rng r;
	int64_t x;

	rng_init(&r, 0x6b61747a, STREAM_PRODUCT, i);
	(void)snprintf(p->sku, sizeof p->sku, "%s-%03u", c->prefix, j + 1);
	make_ean(i, p->ean);
	(void)snprintf(p->name, sizeof p->name, "%s %s %s",
		       words_product_adj.w[(j * 7 + cat) % words_product_adj.n], c->noun,
		       words_product_variant.w[(j * 3 + cat * 5) % words_product_variant.n]);
	x = between(&r, c->price_lo, c->price_hi);
	p->price_try = x / 1000 * 1000 + 990; /* prices end in 9.90 */
	if (i == 0)
		p->price_try = 14990;         /* KUP-001, DESIGN.md's "Kupa" at 149.90 */
	p->tax_bp[LANG_TR] = c->tax_bp[LANG_TR];
	p->tax_bp[LANG_HU] = c->tax_bp[LANG_HU];
	p->warranty_months = c->warranty_months;
	p->stock = rng_permille(&r, 50) ? 0 : (int)rng_below(&r, 400) + 1;
	if (i == 245)
		p->stock = 0;         /* SO-100302's second item: why it has not shipped */
}

void gen_catalog(struct gen_product catalog[GEN_NPRODUCTS])
{
	for (unsigned i = 0; i < GEN_NPRODUCTS; i++)
		gen_product(i, &catalog[i]);
}

int64_t gen_price(const struct gen_product *p, unsigned currency)
{
	int64_t v;

	switch (currency) {
	case CUR_HUF: /* about 11 forints a lira, ending in 90 forints */
		v = p->price_try * 11 / 100;
		return (v / 100 * 100 + 90) * 100;
	case CUR_EUR: /* about 35 lira a euro, ending in .99 */
		v = p->price_try / 35;
		return v / 100 * 100 + 99;
	default:
		return p->price_try;
	}
}
