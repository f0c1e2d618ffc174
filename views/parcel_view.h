#ifndef BACKDESK_VIEWS_PARCEL_VIEW_H
#define BACKDESK_VIEWS_PARCEL_VIEW_H
/* The parcel screen's state, shared by views/parcel.c (showing it) and
 * views/parcel_actions.c (its keys). */
#include <jansson.h>
#include <stdbool.h>

#include "common/uuid.h"
#include "db/session.h"
#include "tui/tui.h"

enum parcel_key { PK_DELAY, PK_ORDER, PK_ASK, PK_COUNT };

struct detail;

struct parcel_view {
	struct db_session *db;
	struct tui_pane *pane;
	char *id;
	char *number; /* the tracking number */
	struct detail *detail;
	bool loaded;
	/* From the last load. */
	char order_id[24];
	char order_number[72];
	char carrier[16];       /* backdesk's code: which service to ask */
	bool asking;            /* U: the carrier is being asked */
	bool can_delay;
	char notice_id[24];     /* empty: no delay notice */
	char notice_status[16];
	char notice_how[16];
	char notice_amount[32];
	char notice_currency[8];
	char notice_by[72];
	/* The delay notice's form: it lives until its decision succeeds. */
	struct tui_form *form;
	unsigned query;
	bool approving;
	/* One idempotency key per attempt to send, kept until it succeeds. */
	char key[UUID_STRLEN];
};

extern const struct tui_binding parcel_bindings[PK_COUNT];
/* detail_ops hooks (views/detail.h); view is a struct parcel_view. */
unsigned parcel_actions_request(void *view, int request);
bool parcel_actions_available(const void *view, int request);
unsigned parcel_actions_refused_key(void *view, int request);
bool parcel_actions_unsaved(const void *view);
char *parcel_actions_lost(void *view);
void parcel_actions_loaded(struct parcel_view *v, json_t *doc);
void parcel_actions_free(struct parcel_view *v);

void parcel_view_reload(struct parcel_view *v);

#endif
