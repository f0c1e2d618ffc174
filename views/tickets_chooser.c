/* The view chooser: a list in memory (tui/array_source.h) in a dialog, like the
 * customer's order picker.  The categories and channels are the database's closed
 * lists as the console loaded them (views/choices.h). */
#include "views/tickets_chooser.h"

#include <stdlib.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "tui/array_source.h"
#include "views/keytables.h"
#include "views/match.h"

static const struct tui_column columns[] = {
	{ N_("View"), 20, 1, TUI_ALIGN_LEFT, 0 },
};

static const struct tui_binding bindings[] = {
	{ TUI_REQ_ENTER, "Enter", N_("Show"), N_("Show the tickets of the selected view"), 0 },
	{ TUI_REQ_BACK, "Esc q", N_("Back"), N_("Back to the tickets, as they were"), 0 },
	{ TUI_REQ_HELP, "F1", N_("Help"), N_("Show these keys"), 0 },
	{ TUI_REQ_UP, "Up k", N_("Up"), N_("Move up one line"), 0 },
	{ TUI_REQ_DOWN, "Down j", N_("Down"), N_("Move down one line"), 0 },
	{ TUI_REQ_PAGE_UP, "PgUp", N_("PgUp"), N_("Move up one page"), 0 },
	{ TUI_REQ_PAGE_DOWN, "PgDn", N_("PgDn"), N_("Move down one page"), 0 },
	{ TUI_REQ_HOME, "Home", N_("First"), N_("Go to the first view"), 0 },
	{ TUI_REQ_END, "End G", N_("Last"), N_("Go to the last view"), 0 },
};

const struct view_keytable tickets_chooser_keytable =
	VIEW_OVERLAY_KEYTABLE("ticket views", bindings, true);

struct item {
	enum tickets_view view;
	char *arg, *label;
};

struct chooser {
	struct item *items;
	size_t n;
	struct tui_array_source src;
	tickets_chosen_fn fn;
	void *arg;
};

static size_t count(void *items)
{
	return ((struct chooser *)items)->n;
}

static struct tui_row *make_row(void *items, size_t i)
{
	struct tui_row *r = tui_row_new(1);

	tui_row_set(r, 0, ((struct chooser *)items)->items[i].label);
	return r;
}

/* / and \ go by the words on the line, any case. */
static bool matches(void *items, size_t i, const char *text)
{
	struct match_span sp[1];

	return match_find(((struct chooser *)items)->items[i].label, text, sp, 1) > 0;
}

static const struct tui_array_ops rows_ops = { count, make_row, matches };

static unsigned on_request(struct tui_pane *p, int req)
{
	struct chooser *ch = tui_pane_data(p);
	const void *k = tui_table_selected_key(tui_table_pane_table(p));
	struct tui_ui *ui = tui_pane_ui(p);
	const struct item *it;

	switch (req) {
	case TUI_REQ_BACK:
		return TUI_HANDLED | TUI_CLOSE;
	case TUI_REQ_HELP:
		if (ui != NULL)
			tui_ui_help(ui);
		return TUI_HANDLED;
	case TUI_REQ_ENTER:
		if (k == NULL)
			return TUI_HANDLED;
		it = &ch->items[tui_array_key_index(k)];
		ch->fn(ch->arg, it->view, it->arg);
		return TUI_HANDLED | TUI_CLOSE;
	default:
		return TUI_IGNORED; /* moving: the table's */
	}
}

static void destroy(struct tui_pane *p)
{
	struct chooser *ch = tui_pane_data(p);

	for (size_t i = 0; i < ch->n; i++) {
		free(ch->items[i].arg);
		free(ch->items[i].label);
	}
	free(ch->items);
	free(ch);
}

static const struct tui_pane_ops ops = {
	.kind = "ticket-views",
	.bindings = bindings,
	.nbindings = sizeof bindings / sizeof bindings[0],
	.keys_title = N_("Views"),
	.on_request = on_request,
	.destroy = destroy,
};

void tickets_chooser_open(struct tui_ui *ui, const struct tickets_choice *choices, size_t n,
			  size_t current, tickets_chosen_fn fn, void *arg)
{
	struct chooser *ch = xcalloc(1, sizeof *ch);
	struct tui_pane *p;

	ch->items = xcalloc(n > 0 ? n : 1, sizeof *ch->items);
	ch->n = n;
	for (size_t i = 0; i < n; i++) {
		ch->items[i].view = choices[i].view;
		ch->items[i].arg = choices[i].arg != NULL ? xstrdup(choices[i].arg) : NULL;
		/* The view on screen now is marked. */
		ch->items[i].label = xasprintf("%s %s", i == current ? "•" : " ", choices[i].label);
	}
	ch->fn = fn;
	ch->arg = arg;
	ch->src.ops = &rows_ops;
	ch->src.items = ch;
	p = tui_table_pane_new(tui_table_new(columns, 1, &tui_array_source_ops, &ch->src), &ops, ch);
	tui_pane_set_title(p, _("Ticket views"));
	tui_pane_set_flags(p, TUI_PANE_MODAL_KEYS | TUI_PANE_BAR_KEYS);
	tui_pane_set_size(p, (int)(n < 3 ? 3 : n) + 1, 44);
	tui_ui_dialog(ui, p);
}
