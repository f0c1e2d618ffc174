/* The Tickets pane (tab 2): the open tickets of one view at a time (mine,
 * unassigned, unanswered, all open, a category, a channel, waiting on the
 * customer, due within the hour, breached), soonest due first, a page at a time.
 * The views sit on a strip above the list with their counts.  Live: a NOTIFY on
 * the tickets channel reloads the page (the cursor stays on its ticket) and the
 * counts.  Enter opens a ticket, N takes the next one from the queue. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/choices.h"
#include "db/tickets_list.h"
#include "views/choices.h"
#include "views/keytables.h"
#include "views/labels.h"
#include "views/queue_strip.h"
#include "views/registry.h"
#include "views/tickets_chooser.h"
#include "views/tickets_source.h"
#include "views/views.h"

enum { REQ_TAKE = TUI_REQ_VIEW, REQ_VIEWS, REQ_NEXT_VIEW, REQ_PREV_VIEW, REQ_SHIFT };

static const struct tui_binding bindings[] = {
	{ TUI_REQ_ENTER, "Enter", N_("Open"), N_("Open the selected ticket"), 0 },
	{ REQ_TAKE, "N F7", N_("Take next"),
	  N_("Take the most urgent ticket nobody has, and open it"), CAP_ORDER_WRITE },
	{ REQ_VIEWS, "v F8", N_("Views"),
	  N_("Choose a view: mine, unassigned, unanswered, a category, a channel…"), 0 },
	{ REQ_NEXT_VIEW, "Right ]", N_("Next view"), N_("The next view on the strip"), 0 },
	{ REQ_PREV_VIEW, "Left [", N_("Previous view"), N_("The previous view on the strip"), 0 },
	{ REQ_SHIFT, "W", N_("Shift"),
	  N_("Go on shift or off it: on shift, new tickets may be given to you when automatic "
	     "assignment is on"),
	  CAP_ORDER_WRITE },
};

const struct view_keytable tickets_keytable = VIEW_KEYTABLE("tickets", bindings, true);

/* What the strip calls each view. */
static const char *const view_names[TICKETS_VIEW_COUNT] = {
	[TICKETS_MINE] = NC_("queue view", "Mine"),
	[TICKETS_UNASSIGNED] = NC_("queue view", "Unassigned"),
	[TICKETS_UNANSWERED] = NC_("queue view", "Unanswered"),
	[TICKETS_OPEN] = NC_("queue view", "Open"),
	[TICKETS_CATEGORY] = NC_("queue view", "Category"),
	[TICKETS_CHANNEL] = NC_("queue view", "Channel"),
	[TICKETS_WAITING] = NC_("queue view", "Waiting"),
	[TICKETS_SOON] = NC_("queue view", "Due soon"),
	[TICKETS_BREACHED] = NC_("queue view", "Breached"),
};

_Static_assert(TICKETS_VIEW_COUNT <= QUEUE_STRIP_MAX, "the strip holds every view");

struct tickets_pane {
	struct db_session *db;
	struct tui_pane *pane;
	struct tickets_source *src;
	struct queue_strip strip;
	/* The category and channel the views of those show (NULL: none chosen yet). */
	char *category, *channel;
	unsigned take_query, shift_query;
	bool on_shift; /* as the counts or the last change said */
	char csat[32]; /* "4.6 12": the user's score of 30 days and its answers; "": none */
};

/* On shift or not, and the agent's own satisfaction score, in the pane's title:
 * seen whenever the tab is up. */
static void show_title(struct tickets_pane *v)
{
	char title[160];
	const char *count = strchr(v->csat, ' ');

	(void)snprintf(title, sizeof title, "%s", _("Tickets"));
	if (v->on_shift)
		(void)snprintf(title + strlen(title), sizeof title - strlen(title), " · %s", _("on shift"));
	/* The average as the database wrote it (no locale's decimal comma to parse). */
	if (count != NULL)
		(void)snprintf(title + strlen(title), sizeof title - strlen(title),
			       _(" · your satisfaction %.*s/5 (%s)"), (int)(count - v->csat), v->csat,
			       count + 1);
	tui_pane_set_title(v->pane, title);
}

static void show_shift(struct tickets_pane *v, bool on)
{
	v->on_shift = on;
	show_title(v);
}

static void on_shift_set(const PGresult *res, const char *error, void *arg)
{
	struct tickets_pane *v = arg;
	struct tui_ui *ui = tui_pane_ui(v->pane);
	bool on;

	v->shift_query = 0;
	if (error != NULL || PQntuples(res) != 1) {
		if (ui != NULL)
			tui_ui_message(ui, TUI_MSG_ERROR, "%s", error != NULL ? error : _("no answer"));
		return;
	}
	on = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	show_shift(v, on);
	if (ui != NULL)
		tui_ui_message(ui, TUI_MSG_SUCCESS, "%s",
			       on ? _("you are on shift: new tickets may be given to you")
				  : _("you are off shift: no new ticket is given to you"));
}

/* The category or channel a view shows (NULL: none chosen, or a view without). */
static const char *chosen_code(const struct tickets_pane *v, size_t which)
{
	return which == TICKETS_CATEGORY ? v->category : which == TICKETS_CHANNEL ? v->channel : NULL;
}

static void strip_show(void *arg, size_t which)
{
	struct tickets_pane *v = arg;

	tickets_source_set_view(v->src, (enum tickets_view)which, chosen_code(v, which));
}

static unsigned strip_count(void *arg, db_result_fn done, void *done_arg)
{
	struct tickets_pane *v = arg;

	return db_tickets_counts(v->db, v->category, v->channel, done, done_arg);
}

static void strip_counted(void *arg, const PGresult *res)
{
	struct tickets_pane *v = arg;

	(void)snprintf(v->csat, sizeof v->csat, "%s", PQgetvalue(res, 0, TICKETS_COL_CSAT));
	show_shift(v, strcmp(PQgetvalue(res, 0, TICKETS_COL_ON_SHIFT), "t") == 0);
}

/* A category or channel view goes by the one chosen, and has no count without. */
static const char *strip_name(void *arg, size_t which, bool *counted)
{
	struct tickets_pane *v = arg;
	const char *code = chosen_code(v, which);

	if (which != TICKETS_CATEGORY && which != TICKETS_CHANNEL)
		return NULL;
	*counted = code != NULL;
	if (code == NULL)
		return NULL;
	return which == TICKETS_CATEGORY ? label_ticket_category(code) : label_ticket_channel(code);
}

static const struct queue_strip_ops strip_ops = {
	.names = view_names,
	.n = TICKETS_VIEW_COUNT,
	.cap = DB_TICKETS_COUNT_CAP,
	.extra_cols = 2, /* TICKETS_COL_CSAT, TICKETS_COL_ON_SHIFT */
	.show = strip_show,
	.count = strip_count,
	.counted = strip_counted,
	.name = strip_name,
};

static void show_view(struct tickets_pane *v, enum tickets_view which, const char *arg)
{
	char **slot = which == TICKETS_CATEGORY ? &v->category
		      : which == TICKETS_CHANNEL ? &v->channel : NULL;

	if (slot != NULL && arg != NULL && (*slot == NULL || strcmp(*slot, arg) != 0)) {
		free(*slot);
		*slot = xstrdup(arg);
		queue_strip_load_counts(&v->strip); /* a count of its own */
	}
	queue_strip_show(&v->strip, which);
}

static void on_chosen(void *arg, enum tickets_view which, const char *view_arg)
{
	show_view(arg, which, view_arg);
}

/* The category and channel views need one picked: the first of the database's
 * list until one is chosen (v). */
static const char *first_code(const char *list)
{
	const char *const *codes = choices_codes(list);

	return codes != NULL ? codes[0] : NULL;
}

static void step_view(struct tickets_pane *v, int by)
{
	enum tickets_view next =
		(enum tickets_view)queue_strip_next(v->strip.current, TICKETS_VIEW_COUNT, by);
	const char *arg = NULL;

	if (next == TICKETS_CATEGORY && v->category == NULL)
		arg = first_code(DB_LIST_TICKET_CATEGORY);
	else if (next == TICKETS_CHANNEL && v->channel == NULL)
		arg = first_code(DB_LIST_TICKET_CHANNEL);
	show_view(v, next, arg);
}

/* labels[] owns what c[] lends. */
static void add_choice(struct tickets_choice *c, char **labels, size_t *n, enum tickets_view view,
		       const char *arg, char *label)
{
	c[*n].view = view;
	c[*n].arg = arg;
	c[*n].label = labels[*n] = label;
	(*n)++;
}

/* Every view, then each category and each channel the database lists. */
static void choose(struct tickets_pane *v, struct tui_ui *ui)
{
	const char *const *cats = choices_codes(DB_LIST_TICKET_CATEGORY);
	const char *const *chans = choices_codes(DB_LIST_TICKET_CHANNEL);
	size_t max = TICKETS_VIEW_COUNT, n = 0, current = 0;
	struct tickets_choice *c;
	char **labels, text[96];

	for (size_t i = 0; cats != NULL && cats[i] != NULL; i++)
		max++;
	for (size_t i = 0; chans != NULL && chans[i] != NULL; i++)
		max++;
	c = xcalloc(max, sizeof *c);
	labels = xcalloc(max, sizeof *labels);
	for (int i = 0; i < TICKETS_VIEW_COUNT; i++) {
		if (i == TICKETS_CATEGORY || i == TICKETS_CHANNEL)
			continue;
		if (i == (int)v->strip.current)
			current = n;
		queue_strip_text(&v->strip, (size_t)i, text, sizeof text);
		add_choice(c, labels, &n, (enum tickets_view)i, NULL, xstrdup(text));
	}
	for (size_t i = 0; cats != NULL && cats[i] != NULL; i++) {
		if (v->strip.current == TICKETS_CATEGORY && v->category != NULL && strcmp(v->category, cats[i]) == 0)
			current = n;
		add_choice(c, labels, &n, TICKETS_CATEGORY, cats[i],
			   xasprintf(_("Category: %s"), label_ticket_category(cats[i])));
	}
	for (size_t i = 0; chans != NULL && chans[i] != NULL; i++) {
		if (v->strip.current == TICKETS_CHANNEL && v->channel != NULL && strcmp(v->channel, chans[i]) == 0)
			current = n;
		add_choice(c, labels, &n, TICKETS_CHANNEL, chans[i],
			   xasprintf(_("Channel: %s"), label_ticket_channel(chans[i])));
	}
	if (cats == NULL || chans == NULL)
		tui_pane_message(v->pane, false,
				 _("the categories and channels are still loading; v again shows them"));
	tickets_chooser_open(ui, c, n, current, on_chosen, v);
	for (size_t i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	free(c);
}

static void open_ticket(struct tickets_pane *v, const char *id, const char *number)
{
	const struct view_screen *s = views_screen("ticket");
	struct tui_ui *ui = tui_pane_ui(v->pane);

	if (ui == NULL)
		return;
	if (s == NULL || s->open == NULL) {
		tui_ui_message(ui, TUI_MSG_INFO, _("%s: this build has no ticket screen yet"), number);
		return;
	}
	tui_ui_push(ui, s->open(v->db, id, number));
}

static void on_taken(const PGresult *res, const char *error, void *arg)
{
	struct tickets_pane *v = arg;
	struct tui_ui *ui = tui_pane_ui(v->pane);

	v->take_query = 0;
	if (error != NULL) {
		if (ui != NULL)
			tui_ui_message(ui, TUI_MSG_ERROR, "%s", error);
		return;
	}
	if (PQntuples(res) != 1 || PQgetisnull(res, 0, 0)) {
		if (ui != NULL)
			tui_ui_message(ui, TUI_MSG_INFO, "%s", _("the queue is empty: no new or open ticket is unassigned"));
		return;
	}
	if (ui != NULL)
		tui_ui_message(ui, TUI_MSG_SUCCESS, _("%s is yours now"), PQgetvalue(res, 0, 1));
	open_ticket(v, PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1));
}

static unsigned on_request(struct tui_pane *p, int req)
{
	struct tickets_pane *v = tui_pane_data(p);
	struct tui_table *t = tui_table_pane_table(p);
	const void *key;

	switch (req) {
	case TUI_REQ_ENTER:
		key = tui_table_selected_key(t);
		if (key != NULL)
			open_ticket(v, tickets_key_id(key), tickets_key_number(key));
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_TAKE:
		/* One at a time: a second N while the first is out would take two. */
		if (v->take_query == 0)
			v->take_query = db_tickets_take_next(v->db, on_taken, v);
		return TUI_HANDLED;
	case REQ_SHIFT:
		if (v->shift_query == 0)
			v->shift_query = db_tickets_set_shift(v->db, !v->on_shift, on_shift_set, v);
		return TUI_HANDLED;
	case REQ_VIEWS:
		if (tui_pane_ui(p) != NULL)
			choose(v, tui_pane_ui(p));
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_NEXT_VIEW:
	case REQ_PREV_VIEW:
		step_view(v, req == REQ_NEXT_VIEW ? 1 : -1);
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_REQ_REFRESH:
		queue_strip_load_counts(&v->strip);
		return TUI_IGNORED; /* and the table loads its page */
	default:
		return TUI_IGNORED;
	}
}

/* The first time the tab is opened: the counts (the table pane asks for its
 * rows then too), and each minute on, for the countdowns, "due soon" and
 * "breached". */
static void on_focus(struct tui_pane *p, bool focused)
{
	struct tickets_pane *v = tui_pane_data(p);

	queue_strip_focus(&v->strip, focused);
}

static void on_change(struct tui_pane *p)
{
	struct tickets_pane *v = tui_pane_data(p);

	queue_strip_changed(&v->strip);
}

static void destroy(struct tui_pane *p)
{
	struct tickets_pane *v = tui_pane_data(p);

	views_live_remove(p);
	queue_strip_fini(&v->strip);
	if (v->take_query != 0)
		db_session_detach(v->db, v->take_query, _("Taking the next ticket"));
	if (v->shift_query != 0)
		db_session_detach(v->db, v->shift_query, _("Going on or off shift"));
	tickets_source_free(v->src);
	free(v->category);
	free(v->channel);
	free(v);
}

static const struct tui_pane_ops ops = {
	.kind = "tickets",
	.bindings = bindings,
	.nbindings = sizeof bindings / sizeof bindings[0],
	.keys_title = N_("Tickets"),
	.on_request = on_request,
	.on_focus = on_focus,
	.destroy = destroy,
};

struct tui_pane *tickets_view_new(struct db_session *db)
{
	struct tickets_pane *v = xcalloc(1, sizeof *v);
	struct tui_table *t;

	v->db = db;
	v->src = tickets_source_new(db);
	t = tui_table_new(tickets_columns, TICKETS_VCOL_COUNT, &keyset_source_ops, v->src);
	v->pane = tui_table_pane_new(t, &ops, v);
	tui_pane_set_title(v->pane, _("Tickets"));
	tui_table_pane_set_lazy(v->pane);
	queue_strip_init(&v->strip, &strip_ops, v, db, v->pane, (size_t)v->src->view);
	views_live_follow(v->pane, "tickets", on_change);
	return v->pane;
}
