#ifndef BACKDESK_TUI_PANE_H
#define BACKDESK_TUI_PANE_H
/* A pane is one screen or dialog: a table of operations (tig's view_ops, htop's
 * Panel class) and the view's own data.  Handlers return what must happen next
 * (htop's HandlerResult): TUI_HANDLED, TUI_REDRAW, TUI_CLOSE, ...
 *
 * A pane may sit on a widget ("base"): the table and the form are such widgets.
 * For every operation the view's own handler runs first; when it has none or
 * returns TUI_IGNORED, the base's runs.  So a list view handles Enter and its own
 * keys, and leaves arrows, paging, find, filter and sort to the table. */
#include <stdbool.h>
#include <stddef.h>

#include "tui/draw.h"
#include "tui/key.h"
#include "tui/keymap.h"

enum {
	TUI_IGNORED = 0,
	TUI_HANDLED = 1 << 0,    /* the key or request was used */
	TUI_REDRAW = 1 << 1,     /* draw the screen again */
	TUI_CLOSE = 1 << 2,      /* close this pane (a detail view, a dialog) */
	TUI_REDRAW_ALL = 1 << 3, /* forget what the terminal shows (Ctrl-L) */
};

struct tui_pane;
struct tui_ui;

struct tui_pane_ops {
	const char *kind; /* for messages and debugging */
	/* The pane's own keys (numbered from TUI_REQ_VIEW, or toolkit requests it
	 * re-binds), shown first in help and on the F-key bar. */
	const struct tui_binding *bindings;
	size_t nbindings;
	const char *keys_title; /* N_(): the help screen's heading for them */

	void (*draw)(struct tui_pane *p, struct tui_canvas *c);
	/* Every key first, before the keymap: for panes that take text. */
	unsigned (*on_key)(struct tui_pane *p, tui_key key);
	unsigned (*on_request)(struct tui_pane *p, int request);
	/* A click inside the pane, relative to its rectangle. */
	unsigned (*on_click)(struct tui_pane *p, int y, int x);
	void (*on_resize)(struct tui_pane *p, struct tui_rect r);
	void (*on_focus)(struct tui_pane *p, bool focused);
	/* True when closing would lose what the user typed: q asks first. */
	bool (*unsaved)(struct tui_pane *p);
	/* What quitting now would lose, as a short translated noun phrase ("the draft
	 * of Internal note"), newly allocated; NULL: nothing.  Also what the view keeps
	 * off screen (a hidden form with typed values).  Without it, unsaved() says
	 * "what you typed". */
	char *(*lost)(struct tui_pane *p);
	/* False hides a request that makes no sense here now (sorting a list without a
	 * sortable column): off the bar, out of the help, its key does nothing. */
	bool (*available)(struct tui_pane *p, int request);
	/* Frees the view's data (not the pane). */
	void (*destroy)(struct tui_pane *p);
	/* Pasted text (UTF-8, lent; line breaks and anything else still in it): for
	 * panes with a field or a prompt.  Never keys: a pasted Esc or Enter must
	 * not act. */
	unsigned (*on_paste)(struct tui_pane *p, const char *utf8);
};

/* Flags for tui_pane_set_flags. */
enum {
	TUI_PANE_MODAL_KEYS = 1, /* only its own keys (plus Ctrl-L): dialogs, prompts */
	TUI_PANE_BAR_KEYS = 2,   /* its Enter and Esc lead the F-key bar (a list to pick from) */
	TUI_PANE_TEXT_KEYS = 4,  /* a screen that types every printable key (a scanner's
				  * input line): no letter or digit reaches a binding, so
				  * the help and the bar leave those keys out */
};

struct tui_pane *tui_pane_new(const struct tui_pane_ops *ops, void *data);
/* Puts the pane on a widget; base_free(base_data) runs before ops->destroy, so the
 * widget is gone before what the view lent it (a row source) is freed. */
void tui_pane_set_base(struct tui_pane *p, const struct tui_pane_ops *base, void *base_data,
		       void (*base_free)(void *));
/* Frees a pane that was never handed to a tui_ui (the ui frees its own). */
void tui_pane_free(struct tui_pane *p);

/* Says what one of the pane's own keys does here (a form's F2: "Cancel the
 * order"): label and help (translated, copied; NULL keeps the table's) for
 * every binding of request, on the F-key bar and in the help. */
void tui_pane_relabel(struct tui_pane *p, int request, const char *label, const char *help);

void *tui_pane_data(const struct tui_pane *p);
void tui_pane_set_data(struct tui_pane *p, void *data);
void *tui_pane_base_data(const struct tui_pane *p);
struct tui_ui *tui_pane_ui(const struct tui_pane *p); /* NULL until shown */
struct tui_rect tui_pane_rect(const struct tui_pane *p);
/* The view's keymap, then its widget's: at most two, into out[]. */
size_t tui_pane_keymaps(const struct tui_pane *p, const struct tui_keymap **out);
/* The request key is bound to on this pane, whatever the role or the state allow
 * (for a screen that says why a key it keeps off the bar does nothing), or
 * TUI_REQ_NONE. */
int tui_pane_key_request(const struct tui_pane *p, tui_key key);

/* The title (tab bar, right side) and a short note after it ("filter: late"). */
void tui_pane_set_title(struct tui_pane *p, const char *title);
void tui_pane_set_info(struct tui_pane *p, const char *info);
const char *tui_pane_title(const struct tui_pane *p);
const char *tui_pane_info(const struct tui_pane *p);
void tui_pane_set_flags(struct tui_pane *p, unsigned flags);
unsigned tui_pane_flags(const struct tui_pane *p);
/* For dialogs: the size wanted (0: as large as the body). */
void tui_pane_set_size(struct tui_pane *p, int h, int w);
void tui_pane_size(const struct tui_pane *p, int *h, int *w);

/* Something changed outside a handler (a delivery, a timer): draw again. */
void tui_pane_dirty(struct tui_pane *p);
/* A message on the message line (through the ui; dropped when not shown). */
void tui_pane_message(struct tui_pane *p, bool error, const char *text);

/* Calls the operations, view first, then base (tui/ui.c uses these). */
void tui_pane_draw(struct tui_pane *p, struct tui_canvas *c);
unsigned tui_pane_key(struct tui_pane *p, tui_key key);
unsigned tui_pane_request(struct tui_pane *p, int request);
unsigned tui_pane_click(struct tui_pane *p, int y, int x);
unsigned tui_pane_paste(struct tui_pane *p, const char *utf8);
void tui_pane_resize(struct tui_pane *p, struct tui_rect r);
void tui_pane_focus(struct tui_pane *p, bool focused);
bool tui_pane_unsaved(struct tui_pane *p);
/* The view's and the base's lost() phrases joined, or "what you typed" for an
 * unsaved() pane that has no lost(); NULL when nothing would be lost.  Caller frees. */
char *tui_pane_lost(struct tui_pane *p);
/* Both the view's and the base's answer must be yes (a missing answer is yes). */
bool tui_pane_available(struct tui_pane *p, int request);
/* For tui/ui.c only: who shows the pane. */
void tui_pane_attach(struct tui_pane *p, struct tui_ui *ui);

#endif
