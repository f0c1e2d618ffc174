#ifndef BACKDESK_VIEWS_REGISTRY_H
#define BACKDESK_VIEWS_REGISTRY_H
/* The screens, as data (like tig's view table or tmux's command table).  One
 * entry per screen says how people reach it (a tab digit, a :command, a lookup
 * hit, a key on another screen), which NOTIFY channels it follows and which
 * roles see it.  The console builds its tabs, its commands and its LISTEN set
 * from it (views/screens.c), the lookup box opens hits with it, and the help
 * lists it.  A new screen is its view file plus one entry in views/registry.c. */
#include <stdbool.h>
#include <stddef.h>

#include "db/session.h"
#include "tui/tui.h"

/* What a :command takes after its word. */
enum view_arg {
	VIEW_ARG_TEXT,   /* any text, or none: handed to the dialog */
	VIEW_ARG_ID,     /* a database id (digits): opened as it is */
	VIEW_ARG_NUMBER, /* a number people use (SO-100234): resolved to an id first */
};

struct view_command {
	const char *word;     /* "order" for :order; NULL: no command */
	enum view_arg arg;
	const char *arg_name; /* N_(): what to type after the word ("NUMBER") */
	const char *usage;    /* N_(): said when the argument is missing or is not one */
	/* VIEW_ARG_NUMBER: one row (id, label) for what was typed, or no row. */
	unsigned (*resolve)(struct db_session *db, const char *arg, db_result_fn cb, void *cb_arg);
	const char *not_found; /* N_(): said when resolve finds no row */
};

/* How a lookup hit of a kind reaches a screen.  For each hit the best way wins:
 * a screen for the hit itself, else the screen of its order, else of its
 * customer; so a parcel opens its order until a parcel screen says VIA_HIT. */
enum view_via {
	VIA_HIT,      /* the hit itself: open(its id, its label) */
	VIA_ORDER,    /* the order it belongs to */
	VIA_CUSTOMER, /* its customer, when it belongs to no order */
};

struct view_hit {
	const char *kind; /* as api.find names it: customer, order, shipment, ticket, return */
	enum view_via via;
};

struct view_screen {
	const char *name;  /* how code names it; its pane's kind ("order") */
	const char *title; /* N_(): the tab's label */
	const char *help;  /* N_(): what it shows, one line of the help */
	tui_caps caps;     /* a role needs all of these to see it (0: every login) */
	int tab;           /* its digit, 1..9; 0: not a tab */
	struct view_command cmd;
	const char *const *channels; /* the NOTIFYs it follows, NULL-terminated; or NULL */
	const struct view_hit *hits; /* the lookup hits it opens, ended by { NULL }; or NULL */
	const char *from;  /* N_(): the key on another screen that opens it, for the help */
	/* How it opens: a tab's own list; one object over the current screen (the id as
	 * the database has it, a label for the title until the data arrives, may be
	 * NULL); or a dialog over the current screen, with the text after the command. */
	struct tui_pane *(*root)(struct db_session *db);
	struct tui_pane *(*open)(struct db_session *db, const char *id, const char *label);
	void (*dialog)(struct tui_ui *ui, struct db_session *db, const char *text);
};

extern const struct view_screen views_registry[];
extern const size_t views_registry_count;

/* The console's own commands, which open no screen. */
struct view_builtin {
	const char *word, *alias; /* alias may be NULL */
	const char *help;         /* N_() */
	void (*run)(struct tui_ui *ui);
};

extern const struct view_builtin views_builtins[];
extern const size_t views_builtins_count;

/* The entry called `name`, or NULL. */
const struct view_screen *views_screen(const char *name);

/* Where a lookup hit of `kind` leads for a role with `caps` (has_order and
 * has_customer: whether api.find_target gave it an order, a customer): the
 * screen, and in *via how; or NULL when nothing opens it. */
const struct view_screen *views_hit_target(const char *kind, bool has_order, bool has_customer,
					   tui_caps caps, enum view_via *via);

/* The help's lines for the screens and commands a role with `caps` sees (the
 * signature of tui_help_more's fn; arg is unused). */
void views_registry_help(void *arg, tui_caps caps, tui_help_fn add, void *add_arg);

/* The console's side of the registry: the tabs it has added, the commands
 * waiting for the database.  The console owns it, and frees it after the
 * database session (whose answers it may still be waiting for). */
struct views_shell;

struct views_shell *views_shell_new(struct tui_ui *ui, struct db_session *db);
void views_shell_free(struct views_shell *sh);
/* LISTENs to every channel a screen follows (the session keeps them across
 * reconnects). */
void views_shell_listen(struct views_shell *sh);
/* Adds, in digit order, the tabs the ui's capabilities now show and that are
 * not there yet: once at start (the tabs every login sees), again when the
 * role is known.  A tab a role does not see moves the later ones down. */
void views_shell_tabs(struct views_shell *sh);
/* Runs a line typed at ':' (a builtin, or a screen's command), or says it is
 * unknown. */
void views_shell_command(struct views_shell *sh, const char *line);

#endif
