#ifndef BACKDESK_VIEWS_GIFT_CODE_H
#define BACKDESK_VIEWS_GIFT_CODE_H
/* Giving a gift code (key C on the order screen and the customer 360): a form of
 * an amount or a percent, a reason code and the reason, sent to
 * api.issue_gift_code.  The screen that offers it owns one per order: the form
 * and its idempotency key live until the code is given, so a refused or lost
 * attempt is tried again with what was typed and cannot give two codes. */
#include <stdbool.h>

#include "db/session.h"
#include "tui/tui.h"

struct gift_code;

/* For the order `number` in `currency` (for the question before it is given);
 * `done(arg)` runs after a code was given (the screen loads again to show it),
 * may be NULL. */
struct gift_code *gift_code_new(struct db_session *db, const char *number, const char *currency,
				void (*done)(void *arg), void *arg);
/* The form for the order, as it was left. */
void gift_code_show(struct gift_code *g, struct tui_ui *ui);
const char *gift_code_order(const struct gift_code *g);
/* Something typed and not given yet. */
bool gift_code_unsaved(const struct gift_code *g);
/* For "quit anyway?" (tui_form_draft_note): all, with this draft added. */
char *gift_code_lost(char *all, const struct gift_code *g);
/* A request still running goes on; the console says how it ended. */
void gift_code_free(struct gift_code *g);

/* The exactly-one rule of api.issue_gift_code, before asking it: NULL when one
 * of amount and percent is given, else what to do (translated). */
const char *gift_code_one_of(const char *amount, const char *percent);

#endif
