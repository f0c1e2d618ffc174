/* Customer i: a Turkish or Hungarian name, e-mail and phone styles, addresses. */
#include "seed/gen_model.h"

#include <string.h>

#include "seed/gen_story.h"
#include "seed/gen_text.h"
#include "seed/gen_util.h"
#include "seed/gen_words.h"

static const uint16_t tr_areas[] = { 530, 531, 532, 533, 535, 536, 537, 538, 539, 541, 542, 543,
				     544, 545, 546, 549, 551, 552, 553, 554, 555, 505, 506, 507, 501 };
static const uint16_t hu_areas[] = { 20, 30, 70, 20, 30, 70, 31, 50, 1 };

static uint8_t pick_city(struct rng *r, unsigned lang)
{
	const struct city *c = words_city[lang];
	size_t n = words_ncity[lang];
	uint32_t total = 0, x;

	for (size_t i = 0; i < n; i++)
		total += c[i].weight;
	x = rng_below(r, total);
	for (size_t i = 0; i < n; i++) {
		if (x < c[i].weight)
			return (uint8_t)i;
		x -= c[i].weight;
	}
	return 0;
}

void gen_customer(const struct gen_plan *p, uint64_t i, struct gen_customer *c)
{
	struct rng r;

	memset(c, 0, sizeof *c);
	rng_init(&r, p->seed, STREAM_CUSTOMER, i);
	c->created = p->now - (int64_t)(400 + rng_below(&r, 3 * 365)) * DAY - rng_below(&r, DAY);
	if (i < p->nstory_cust && i < story_ncustomers) {
		c->story = &story_customers[i];
		c->lang = c->story->lang;
		c->has_email = c->has_phone = true;
		c->naddr = 1;
		return;
	}
	c->lang = rng_permille(&r, 700) ? LANG_TR : LANG_HU;
	c->female = rng_permille(&r, 520);
	c->given = (uint16_t)rng_below(&r, (uint32_t)(c->female ? words_given_female : words_given_male)[c->lang].n);
	c->family = (uint16_t)rng_below(&r, (uint32_t)words_family[c->lang].n);
	c->has_email = !rng_permille(&r, 40);
	c->has_phone = !c->has_email || !rng_permille(&r, 60);
	c->mail_style = (uint8_t)rng_below(&r, 5);
	c->mail_domain = (uint8_t)rng_below(&r, (uint32_t)words_mail_domain[c->lang].n);
	if (c->lang == LANG_TR) {
		c->phone_style = (uint8_t)rng_below(&r, PHONE_STYLES_TR);
		c->phone_area = tr_areas[rng_below(&r, sizeof tr_areas / sizeof tr_areas[0])];
		c->phone_sub = 1000000 + rng_below(&r, 9000000);
	} else {
		c->phone_style = (uint8_t)rng_below(&r, PHONE_STYLES_HU);
		c->phone_area = hu_areas[rng_below(&r, sizeof hu_areas / sizeof hu_areas[0])];
		c->phone_sub = 1000000 + rng_below(&r, 9000000);
	}
	c->naddr = (uint8_t)(1 + rng_permille(&r, 250) + rng_permille(&r, 60));
	for (unsigned a = 0; a < c->naddr; a++) {
		struct gen_address *ad = &c->addr[a];

		ad->city = pick_city(&r, c->lang);
		ad->street = (uint8_t)rng_below(&r, (uint32_t)words_street[c->lang].n);
		ad->quarter = (uint8_t)rng_below(&r, (uint32_t)words_quarter.n);
		ad->no = (uint16_t)(1 + rng_below(&r, 180));
		ad->floor = (uint8_t)rng_below(&r, 12);
		ad->door = (uint8_t)(1 + rng_below(&r, 40));
	}
}
