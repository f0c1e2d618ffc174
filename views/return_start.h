#ifndef BACKDESK_VIEWS_RETURN_START_H
#define BACKDESK_VIEWS_RETURN_START_H
/* "Start a return" (key R on the order screen and the customer 360): pick lines of
 * a delivered order (api.returnable_lines), a quantity and a reason code for each,
 * the customer's words and any evidence, then api.request_return.  One object per
 * order: it keeps what was typed until the return is requested, so Esc, a refusal
 * or a colleague's change lose nothing and R brings it back. */
#include <stdbool.h>
#include <stddef.h>

#include "db/session.h"
#include "tui/form.h"
#include "tui/ui.h"
#include "views/keytables.h"

struct return_start;

/* done(arg) runs after a return was requested (the owner reloads); may be NULL. */
struct return_start *return_start_new(struct db_session *db, const char *order_number,
				      void (*done)(void *arg), void *arg);
/* The order it is for. */
const char *return_start_order(const struct return_start *rs);
/* R: loads what can be returned now and shows the lines to pick from, or says
 * why nothing can be (and opens nothing). */
void return_start_open(struct return_start *rs, struct tui_ui *ui);
/* Typed and not requested yet. */
bool return_start_unsaved(const struct return_start *rs);
/* all followed by the draft, as tui_form_draft_note does; caller frees. */
char *return_start_lost(char *all, const struct return_start *rs);
/* A change still under way goes on and is reported by the console. */
void return_start_free(struct return_start *rs);

/* Why nothing can be returned ("not_delivered", "window_over", "all_returned", as
 * db_returnables_why_not says), in words. */
const char *return_start_why(const char *code);

/* The rules of the form, apart from the terminal (tests/unit):
 * a quantity field still showing its default takes the first digit typed over it:
 * the new value for `now`, or NULL when it stays as it is. */
const char *return_start_typed_over(const char *now, const char *dflt);
/* Reason field `changed` (an index into reason_fields) was set by the agent: the
 * reasons of the lines after it that the agent has not set follow it. */
void return_start_reasons_follow(struct tui_form *f, const size_t *reason_fields, bool *set,
				 size_t n, size_t changed);

extern const struct view_keytable return_lines_keytable;

#endif
