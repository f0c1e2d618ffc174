#ifndef BACKDESK_VIEWS_SCAN_VIEW_H
#define BACKDESK_VIEWS_SCAN_VIEW_H
/* The warehouse scan pane's parts (views/scan.c: the pane, its input and its
 * queue; views/scan_flow.c: what each scan does; views/scan_draw.c: the screen). */
#include <stdbool.h>
#include <stddef.h>

#include "db/session.h"
#include "tui/tui.h"
#include "views/scan_code.h"
#include "views/scan_pack.h"

/* The last scans kept on screen, newest first. */
enum { SCAN_HISTORY = 20, SCAN_TO_PACK_MAX = 50 };

enum scan_tone {
	SCAN_TONE_OK,   /* green: done, counted, shipped, received */
	SCAN_TONE_BAD,  /* red: refused; says why and what to do */
	SCAN_TONE_INFO, /* neither: what the code is, nothing done */
};

struct scan_entry {
	enum scan_tone tone;
	char *code;  /* as scanned */
	char *brief; /* a few words for the list of last scans */
	char *head;  /* the large line */
	char *why;   /* what happened, or why not */
	char *advice;  /* what to do now */
};

/* What the query in flight is for. */
enum scan_wait {
	SCAN_WAIT_NONE,
	SCAN_WAIT_RESOLVE, /* api.scan_resolve of .code */
	SCAN_WAIT_RECEIVE, /* api.receive_return of .ret */
	SCAN_WAIT_SHIP,    /* api.ship_parcel of the pack, label .code */
};

struct scan_to_pack {
	char *number, *ship_by, *customer;
	bool late;
	int lines, units;
};

struct scan_view {
	struct db_session *db;
	struct tui_pane *pane;
	struct tui_edit edit;
	struct tui_wtext view;
	/* Scans not handled yet, oldest first: a burst waits here, whole and in order. */
	char **queue;
	size_t qhead, qlen, qcap;
	/* One call at a time: the next scan waits for its answer. */
	enum scan_wait wait;
	unsigned query;
	struct scan_code code; /* the scan the query is for */
	char *ret, *ret_order; /* SCAN_WAIT_RECEIVE: the return, its order */
	struct scan_pack pack;
	struct scan_entry hist[SCAN_HISTORY];
	size_t nhist;
	size_t scans; /* scans handled since the pane opened */
	struct scan_to_pack to_pack[SCAN_TO_PACK_MAX];
	size_t nto_pack;
	unsigned to_pack_query;
	char *to_pack_error;
	bool to_pack_loaded;
	bool bell;
};

/* views/scan_flow.c */
/* Handles one scanned line; may start the one query (v->wait). */
void scan_flow_take(struct scan_view *v, const char *line);
/* The carrier key: the next carrier for the order being packed. */
void scan_flow_next_carrier(struct scan_view *v);
/* The stop key: as the CANCEL barcode. */
void scan_flow_stop(struct scan_view *v);
/* A new result, newest first; tone BAD rings the bell when it is on.  Takes the
 * strings (each may be NULL but head). */
void scan_flow_say(struct scan_view *v, enum scan_tone tone, const char *code, char *brief,
		   char *head, char *why, char *advice);
void scan_entry_clear(struct scan_entry *e);
/* What the worker is to scan next, one line. */
char *scan_flow_next_step(const struct scan_view *v);

/* views/scan.c */
/* Handles what is queued until a scan waits for the database. */
void scan_pump(struct scan_view *v);
/* Loads the orders to pack today again. */
void scan_load_to_pack(struct scan_view *v);

/* views/scan_draw.c */
void scan_draw(struct scan_view *v, struct tui_canvas *c);

#endif
