#ifndef BACKDESK_VIEWS_DASHBOARD_MODEL_H
#define BACKDESK_VIEWS_DASHBOARD_MODEL_H
/* The supervisor dashboard's pure parts, without a terminal or a database (so
 * tests/unit/test_views_dashboard.c holds them): api.dashboard()'s document
 * parsed, where each section goes at a size, how the highlight moves over the
 * numbers, and when a NOTIFY may load the document again. */
#include <stdbool.h>
#include <stddef.h>

#include "tui/draw.h"

#define DASH_HOURS 24
#define DASH_DAYS 14

struct dash_agent {
	char *login, *name;
	long long open, resolved;
	long long first_response; /* minutes; -1: none in the last 7 days */
	double csat;              /* < 0: no score in the last 30 days */
	long long csat_count;
};

struct dash_refund {
	char *kind, *currency, *sum;
	long long count;
};

struct dash_doc {
	char *today;
	int hour; /* the hour of "at" (shop time): per_hour's last one */
	long long open, grid[4][4], soon, breached, unassigned, waiting;
	char *oldest_id, *oldest_number, *oldest_subject; /* NULL: nobody waits */
	long long oldest_minutes;
	long long per_hour[DASH_HOURS];
	struct dash_agent *agents;
	size_t nagents;
	long long late_to_ship, exception, stale, to_inspect;
	struct dash_refund *refunds;
	size_t nrefunds;
	double csat_avg[DASH_DAYS];
	bool csat_have[DASH_DAYS];
	long long csat_count[DASH_DAYS];
};

/* The grid's order (the document's, status-major). */
extern const char *const dash_statuses[4];
extern const char *const dash_priorities[4];

/* 0, or -1 when text is not the CONTRACT's document (d is then empty). */
int dash_doc_parse(struct dash_doc *d, const char *text);
void dash_doc_free(struct dash_doc *d);

/* ---- layout ---- */

enum dash_section { DASH_GRID, DASH_QUEUE, DASH_OPS, DASH_REFUNDS, DASH_TRENDS, DASH_AGENTS, DASH_NSECTIONS };

struct dash_layout {
	bool wide; /* two columns (120x40 and larger); else the compact 80x24 one */
	struct tui_rect sec[DASH_NSECTIONS]; /* relative to the pane; h 0: not shown */
};

/* Where each section goes in a pane of h x w. */
void dash_layout(int h, int w, struct dash_layout *out);

/* ---- the numbers one can pick ---- */

/* A number on the screen: where it is, and what Enter opens (the rows behind
 * it, by metric and key; or, for the oldest waiting ticket, that ticket). */
struct dash_pick {
	int y, x, w;
	const char *metric; /* api.dashboard_list's; NULL: open open_id as a ticket */
	char key[64];       /* "" : no key */
	long long count;
	char what[96];      /* the drill-down's title, without its count */
	bool hidden;        /* an agent's row scrolled out of sight */
};

enum dash_move { DASH_UP, DASH_DOWN, DASH_LEFT, DASH_RIGHT, DASH_NEXT, DASH_PREV };

/* The pick a move leads to from cur (n > 0); cur when there is none that way. */
size_t dash_nav(const struct dash_pick *p, size_t n, size_t cur, enum dash_move m);
/* The pick with the same metric and key as want (after a refresh), or n. */
size_t dash_find(const struct dash_pick *p, size_t n, const char *metric, const char *key);

/* ---- live ---- */

/* A change heard at now (ms); the last load was sent at last (< 0: never).  The
 * first change after a quiet second loads at once (0); a later one waits until
 * a second has passed since the last load (the ms to wait). */
long dash_refresh_delay(long long now, long long last);

#endif
