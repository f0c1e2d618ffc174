#ifndef BACKDESK_VIEWS_ORDER_VIEW_H
#define BACKDESK_VIEWS_ORDER_VIEW_H
/* The order screen's state, shared by views/order.c (showing it) and
 * views/order_actions.c (changing it). */
#include <stdbool.h>

#include <jansson.h>

#include "common/uuid.h"
#include "db/session.h"
#include "tui/doc.h"
#include "tui/tui.h"

enum order_action {
	OA_CANCEL,
	OA_ADDRESS,
	OA_REFUND_FEE,
	OA_COMPENSATE,
	OA_NOTE,
	OA_MESSAGE,
	OA_TICKET,
	OA_CALL,    /* no form of its own here: views/call.c */
	OA_ANSWERS, /* views/answers.c */
	OA_RETURN,  /* views/order_return.c */
	OA_GIFT,    /* views/gift_code.c */
	OA_COUNT
};

struct order_view;
struct detail;
struct return_start;

/* One action's form and its idempotency key: both live until the action succeeds,
 * so a refused or interrupted save keeps what was typed and cannot pay twice. */
struct order_action_state {
	struct order_view *v;
	enum order_action which;
	struct tui_form *form;
	char key[UUID_STRLEN];
	/* The order's version when the agent opened the form: what they decided on. */
	char version[16];
	unsigned query;
	bool anyway; /* OA_TICKET: the agent saw the open one of the category */
};

struct order_view {
	struct db_session *db;
	struct tui_pane *pane;
	char *id;
	char *number;
	struct detail *detail; /* loading, reloading, closing: views/detail.c */
	bool loaded;
	/* From the last load: what the actions need. */
	char version[16];
	char customer_id[24];
	char customer_name[160];
	char currency[4];
	/* The shipping address (a JSON object, owned): the address form's first values. */
	struct json_t *address;
	/* Why an action does not apply to the order now (api.order_detail's cannot, one
	 * code such as "delivered"); empty: it applies. */
	char cannot[OA_COUNT][24];
	bool shipped; /* a parcel has left: there are tracking details to send */
	struct order_action_state act[OA_COUNT];
	/* Starting a return (views/order_return.c): the dialog with its draft, and the
	 * read of what can be returned, which says whether R applies. */
	struct return_start *ret;
	unsigned ret_query;
	struct gift_code *gift; /* C: made at the first press, kept until the screen closes */
};

/* The view's key table entries for the actions, and their handling. */
/* The actions' entry points taking `void *view` (a struct order_view) are the
 * screen's detail_ops hooks (views/detail.h), called by detail's pane operations. */
extern const struct tui_binding order_action_bindings[OA_COUNT];
unsigned order_actions_request(void *view, int request);
/* What the action will do with the values of f, in words, before it runs
 * (views/order_effects.c); NULL when it needs no question.  Caller frees. */
char *order_effect(struct order_view *v, enum order_action which, struct tui_form *f);
/* True while a form of this order holds a draft not sent yet: the screen is not
 * thrown away under it (a new lookup, q asks). */
bool order_actions_unsaved(const void *view);
/* A loaded document: what the actions take from it (the address, can/cannot). */
void order_actions_loaded(struct order_view *v, struct json_t *doc);
/* False for an action the database would refuse for this order: off the F-key bar
 * and the help. */
bool order_actions_available(const void *view, int request);
/* The key of such an action says why, in one line (TUI_HANDLED); else TUI_IGNORED. */
unsigned order_actions_refused_key(void *view, int request);
void order_actions_free(struct order_view *v);
/* The drafts quitting would lose (typed, kept off screen), or NULL; caller frees. */
char *order_actions_lost(void *view);

/* R on the order screen (views/order_return.c): the dialog; after each load, the
 * question whether anything can be returned (cannot[OA_RETURN]); the end. */
unsigned order_return_request(struct order_view *v);
void order_return_loaded(struct order_view *v);
void order_return_free(struct order_view *v);

/* Loads (again) from the database; the screen keeps its place. */
void order_view_reload(struct order_view *v);

/* The refunds part (views/order_refunds.c), with who gave each. */
void order_refunds_render(struct tui_doc *d, json_t *doc);

#endif
