/* The demo's story customers and orders.  Tests, demos and docs rely on them, so
 * change them only together with those.  Times are relative to the moment the demo
 * is loaded.
 *
 *   Şükrü Öztürk       sukru@example.com, +90 532 123 45 67, Bağdat Cd. 12/3, Kadıköy,
 *                      İstanbul.  SO-100234 (DESIGN.md's sample order: 2 × KUP-001
 *                      "Kupa" at 149.90 TRY, free shipping, paid 299.80 by card,
 *                      pay_8812) shipped with Yurtiçi Kargo, tracking 701234567890,
 *                      IN_TRANSIT; an open phone ticket "Kargom nerede?".
 *                      SO-100120, three items, delivered ten days ago; he wants to
 *                      send one back: a return requested and an open chat ticket.
 *   Árvíztűrő Tünde    arvizturo.tunde@example.com, +36 30 123 4567, Andrássy út 45.,
 *                      Budapest.  SO-100301 in HUF: free shipping and yet charged a
 *                      1,490 HUF fee, delivered by DHL (JJD000390007771234); a new
 *                      e-mail ticket about the fee.  SO-100304, an older order whose
 *                      return was refunded.
 *   İsmail Işık        ismail.isik@example.com, 0532 987 6543, Beşiktaş, İstanbul.
 *                      SO-100302 paid five days ago and still not shipped (late to
 *                      ship); an open high-priority phone ticket about the delay.
 *   Gülşen Çağlar      gulsen.caglar@example.org, 0555 444 33 22, Konak, İzmir.
 *                      SO-100303 delivered two days ago with a broken item; an open
 *                      social-media ticket and a goodwill gift code.
 */
#include "seed/gen_story.h"

#include <stddef.h>

#include "seed/gen_words.h"

/* clang-format off */
const struct story_customer story_customers[] = {
	{ "Şükrü Öztürk", "sukru@example.com", "+90 532 123 45 67", "tr", LANG_TR,
	  "Bağdat Cd. 12/3", "Kadıköy", "İstanbul", "34710" },
	{ "Árvíztűrő Tünde", "arvizturo.tunde@example.com", "+36 30 123 4567", "hu", LANG_HU,
	  "Andrássy út 45. 2. em. 7.", "VI. kerület", "Budapest", "1061" },
	{ "İsmail Işık", "ismail.isik@example.com", "0532 987 6543", "tr", LANG_TR,
	  "Cumhuriyet Mah. Ihlamur Sk. No:8 D:4", "Beşiktaş", "İstanbul", "34353" },
	{ "Gülşen Çağlar", "gulsen.caglar@example.org", "0555 444 33 22", "tr", LANG_TR,
	  "Alsancak Mah. Kıbrıs Şehitleri Cd. No:20", "Konak", "İzmir", "35220" },
};
const unsigned story_ncustomers = sizeof story_customers / sizeof story_customers[0];

#define NO_RETURN -1, 0
#define NO_TICKET -1, 0, 0, 0

const struct story_order story_orders[] = {
	{ "SO-100234", 0,
	  { OS_SHIPPED, SS_IN_TRANSIT, 40, false, false, false, false, false, false, NO_RETURN,
	    PM_CARD, TC_WHERE, CH_PHONE, TS_OPEN, PR_NORMAL },
	  CUR_TRY, CA_YURTICI, 1, { { 0, 2, 14990, "Kupa" } }, 0, true,
	  "pay_8812", "701234567890", "Kargom nerede?" },
	{ "SO-100120", 0,
	  { OS_DELIVERED, -1, 300, false, false, false, false, false, false, RS_REQUESTED, RK_RETURN,
	    PM_CARD, TC_RETURN, CH_CHAT, TS_OPEN, PR_NORMAL },
	  CUR_TRY, CA_ARAS, 3, { { 21, 1, 0, NULL }, { 160, 2, 0, NULL }, { 300, 1, 0, NULL } }, -1, false,
	  NULL, "361234567890", "Üç üründen birini iade etmek istiyorum" },
	{ "SO-100301", 1,
	  { OS_DELIVERED, -1, 150, false, false, true, false, false, false, NO_RETURN,
	    PM_CARD, TC_SHIPPING_FEE, CH_EMAIL, TS_NEW, PR_NORMAL },
	  CUR_HUF, CA_DHL, 2, { { 440, 1, 0, NULL }, { 181, 1, 0, NULL } }, 149000, true,
	  NULL, "JJD000390007771234", "Ingyenes szállítás, mégis felszámolták" },
	{ "SO-100302", 2,
	  { OS_PAID, -1, 120, true, false, false, false, false, false, NO_RETURN,
	    PM_CARD, TC_DELAY, CH_PHONE, TS_OPEN, PR_HIGH },
	  CUR_TRY, CA_YURTICI, 2, { { 100, 1, 0, NULL }, { 245, 1, 0, NULL } }, -1, false,
	  NULL, NULL, "Siparişim 5 gündür kargoya verilmedi" },
	{ "SO-100303", 3,
	  { OS_DELIVERED, -1, 60, false, false, false, false, false, true, NO_RETURN,
	    PM_WALLET, TC_DAMAGED, CH_SOCIAL, TS_OPEN, PR_HIGH },
	  CUR_TRY, CA_MNG, 2, { { 20, 1, 0, NULL }, { 60, 1, 0, NULL } }, -1, false,
	  NULL, "801234567890123", "Ürün kırık geldi" },
	{ "SO-100304", 1,
	  { OS_DELIVERED, -1, 1100, false, false, false, false, false, false, RS_REFUNDED, RK_RETURN,
	    PM_CARD, NO_TICKET },
	  CUR_HUF, CA_UPS, 2, { { 380, 1, 0, NULL }, { 400, 2, 0, NULL } }, -1, false,
	  NULL, "1Z999AA10123456784", NULL },
};
const unsigned story_norders = sizeof story_orders / sizeof story_orders[0];

const char *const story_numbers[] = { "SO-100234", "SO-100120", "SO-100301", "SO-100302",
				      "SO-100303", "SO-100304", NULL };
const char *const story_emails[] = { "sukru@example.com", "arvizturo.tunde@example.com",
				     "ismail.isik@example.com", "gulsen.caglar@example.org", NULL };
/* clang-format on */
