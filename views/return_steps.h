#ifndef BACKDESK_VIEWS_RETURN_STEPS_H
#define BACKDESK_VIEWS_RETURN_STEPS_H
/* What the return screen decides without a terminal or a database, so it can be
 * tested on its own: which next steps api.return_detail's can{} allows, in
 * lifecycle order, and the inspection form (one condition, accepted quantity and
 * disposition per line, then a note) with its defaults. */
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "tui/form.h"

enum return_step {
	RS_APPROVE,
	RS_REJECT,
	RS_PARCEL,
	RS_RECEIVE,
	RS_INSPECT,
	RS_REFUND,
	RS_EXCHANGE,
	RS_REPAIR,
	RS_STORE_CREDIT,
	RS_CLOSE,
	RS_COUNT
};

/* can{}'s key of each step ("approve", …, "store_credit", "close"). */
extern const char *const return_step_code[RS_COUNT];
/* The step of a code, or -1. */
int return_step_of(const char *code);
/* What the menu says for a step's code ("Approve", "Reject…"); translated. */
const char *return_step_label(const char *code);
/* The codes can{} says true for, in lifecycle order, into out (room for
 * RS_COUNT + 1), NULL-terminated; returns how many. */
size_t return_steps_allowed(json_t *can, const char *out[RS_COUNT + 1]);

/* Conditions and dispositions, as the api names them (NULL-terminated). */
extern const char *const return_conditions[];
extern const char *const return_dispositions[];
/* The condition the form starts at for a line's reason code: damaged for what
 * came broken, else as new. */
const char *return_condition_default(const char *reason);
/* What becomes of goods in this condition unless the warehouse says otherwise. */
const char *return_disposition_for(const char *condition);

/* Whole days from a "YYYY-MM-DD…" time to now (local calendar days); -1 when it
 * reads as no date. */
long return_age_days(const char *when, time_t now);

/* The inspection form of a return's lines (api.return_detail's lines[]): for line
 * i, fields 3i (condition), 3i+1 (accepted qty, 0..qty, default qty) and 3i+2
 * (disposition); the note is the last field. */
struct return_inspect;
struct return_inspect *return_inspect_new(json_t *lines);
void return_inspect_free(struct return_inspect *in);
struct tui_form *return_inspect_form(const struct return_inspect *in);
size_t return_inspect_nlines(const struct return_inspect *in);
/* After a change: a line whose condition changed takes that condition's
 * disposition, unless its disposition was chosen by hand. */
void return_inspect_follow(struct return_inspect *in);
/* The lines for api.inspect_return, as JSON text (caller frees); NULL on no memory. */
char *return_inspect_json(struct return_inspect *in);
/* The note (the last field). */
const char *return_inspect_note(struct return_inspect *in);

#endif
