#ifndef BACKDESK_VIEWS_RETURN_VIEW_H
#define BACKDESK_VIEWS_RETURN_VIEW_H
/* The return screen's state, shared by views/return.c (showing it) and
 * views/return_actions.c (its next steps). */
#include <jansson.h>
#include <stdbool.h>

#include "common/uuid.h"
#include "db/session.h"
#include "tui/tui.h"
#include "views/return_steps.h"

/* The keys of the screen. */
enum return_key { RK_STEP, RK_INSPECT, RK_PARCEL, RK_ORDER, RK_COUNT };

/* The forms: the next-step menu, and the steps that ask for more. */
enum return_form { RF_STEP, RF_REJECT, RF_PARCEL, RF_INSPECT, RF_REPAIR, RF_COUNT };

struct return_view;
struct detail;
struct return_inspect;

/* A form lives until its step succeeds: Esc, a refusal, a lost connection or a
 * colleague's change (BD004) only hide it, and its key brings back what was typed. */
struct return_action_state {
	struct return_view *v;
	enum return_form which;
	struct tui_form *form;
	struct return_inspect *inspect; /* RF_INSPECT: owns form */
	/* The return's version when the form was last shown: what the user decided on. */
	char version[16];
	unsigned query;
	int step; /* RF_STEP: the step running (enum return_step) */
	/* RF_STEP: one idempotency key per attempt of a step that pays, kept until it
	 * succeeds, so a retry after a lost answer cannot pay twice. */
	char refund_key[UUID_STRLEN];
	char credit_key[UUID_STRLEN];
};

struct return_view {
	struct db_session *db;
	struct tui_pane *pane;
	char *id;
	char *number;
	struct detail *detail;
	bool loaded;
	/* From the last load. */
	char version[16];
	char status[24];
	char order_id[24];
	char order_number[72];
	char currency[8];
	char due[32];
	bool can[RS_COUNT];
	json_t *lines; /* api.return_detail's lines (owned): the inspection form's rows */
	struct return_action_state act[RF_COUNT];
};

extern const struct tui_binding return_bindings[RK_COUNT];
/* The actions' entry points taking `void *view` (a struct return_view) are the
 * screen's detail_ops hooks (views/detail.h), called by detail's pane operations. */
unsigned return_actions_request(void *view, int request);
void return_actions_loaded(struct return_view *v, json_t *doc);
bool return_actions_available(const void *view, int request);
unsigned return_actions_refused_key(void *view, int request);
bool return_actions_unsaved(const void *view);
char *return_actions_lost(void *view);
void return_actions_free(struct return_view *v);

void return_view_reload(struct return_view *v);

#endif
