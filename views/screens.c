/* What the console, the lookup box and the help do with the table of screens
 * (views/registry.c): tabs, :commands, LISTEN, where a hit leads, the help's
 * lines.  Nothing here names a screen. */
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "views/registry.h"

/* An id the database could hold (bigint), before asking it. */
#define MAX_ID_DIGITS 18

static bool sees(const struct view_screen *s, tui_caps caps)
{
	return (s->caps & caps) == s->caps;
}

const struct view_screen *views_screen(const char *name)
{
	for (size_t i = 0; i < views_registry_count; i++)
		if (strcmp(views_registry[i].name, name) == 0)
			return &views_registry[i];
	return NULL;
}

static bool opens(const struct view_screen *s, const char *kind, enum view_via via)
{
	for (const struct view_hit *h = s->hits; h != NULL && h->kind != NULL; h++)
		if (h->via == via && strcmp(h->kind, kind) == 0)
			return true;
	return false;
}

const struct view_screen *views_hit_target(const char *kind, bool has_order, bool has_customer,
					   tui_caps caps, enum view_via *via)
{
	/* The best way first: the hit's own screen, then its order's, its customer's. */
	static const enum view_via ways[] = { VIA_HIT, VIA_ORDER, VIA_CUSTOMER };

	for (size_t w = 0; w < sizeof ways / sizeof ways[0]; w++) {
		if ((ways[w] == VIA_ORDER && !has_order) || (ways[w] == VIA_CUSTOMER && !has_customer))
			continue;
		for (size_t i = 0; i < views_registry_count; i++) {
			const struct view_screen *s = &views_registry[i];

			if (sees(s, caps) && opens(s, kind, ways[w])) {
				*via = ways[w];
				return s;
			}
		}
	}
	return NULL;
}

/* ---- the help ---- */

/* The digit a role presses for a tab: a tab it does not see moves the later ones
 * down (views_shell_tabs), so the dashboard is 5 for a supervisor (no Scan) and
 * 6 for an admin. */
static int tab_digit(const struct view_screen *s, tui_caps caps)
{
	int digit = 1;

	for (size_t i = 0; i < views_registry_count; i++)
		if (views_registry[i].tab > 0 && views_registry[i].tab < s->tab && sees(&views_registry[i], caps))
			digit++;
	return digit;
}

/* How people reach a screen without typing a command: "1", "w on an order". */
static char *ways_in(const struct view_screen *s, tui_caps caps)
{
	struct strbuf sb = STRBUF_INIT;

	if (s->tab > 0)
		sb_printf(&sb, "%d", tab_digit(s, caps));
	if (s->from != NULL)
		sb_printf(&sb, "%s%s", sb.len > 0 ? ", " : "", _(s->from));
	return sb_take(&sb);
}

void views_registry_help(void *arg, tui_caps caps, tui_help_fn add, void *add_arg)
{
	(void)arg;
	/* The screens by their keys, then every command typed at ':' (a screen's,
	 * then the builtins). */
	for (size_t i = 0; i < views_registry_count; i++) {
		const struct view_screen *s = &views_registry[i];
		char *keys;

		if (!sees(s, caps))
			continue;
		keys = ways_in(s, caps);
		if (keys[0] != '\0')
			add(add_arg, _("Screens"), keys, _(s->help));
		free(keys);
	}
	for (size_t i = 0; i < views_registry_count; i++) {
		const struct view_screen *s = &views_registry[i];
		char *keys;

		if (!sees(s, caps) || s->cmd.word == NULL)
			continue;
		keys = xasprintf(":%s %s", s->cmd.word, _(s->cmd.arg_name));
		add(add_arg, _("Commands"), keys, _(s->help));
		free(keys);
	}
	for (size_t i = 0; i < views_builtins_count; i++) {
		const struct view_builtin *b = &views_builtins[i];
		char *keys = b->alias != NULL ? xasprintf(":%s, :%s", b->word, b->alias)
					      : xasprintf(":%s", b->word);

		add(add_arg, _("Commands"), keys, _(b->help));
		free(keys);
	}
}

/* ---- the console's side ---- */

/* A command waiting for the database to resolve its number: which screen opens
 * it.  One per entry, living as long as the shell, so nothing is allocated per
 * query (the session drops queued answers when it is freed). */
struct slot {
	struct views_shell *sh;
	const struct view_screen *s;
};

struct views_shell {
	struct tui_ui *ui;
	struct db_session *db;
	bool *tab_added;
	struct slot *slots;
};

struct views_shell *views_shell_new(struct tui_ui *ui, struct db_session *db)
{
	struct views_shell *sh = xcalloc(1, sizeof *sh);

	sh->ui = ui;
	sh->db = db;
	sh->tab_added = xcalloc(views_registry_count, sizeof *sh->tab_added);
	sh->slots = xcalloc(views_registry_count, sizeof *sh->slots);
	for (size_t i = 0; i < views_registry_count; i++) {
		sh->slots[i].sh = sh;
		sh->slots[i].s = &views_registry[i];
	}
	return sh;
}

void views_shell_free(struct views_shell *sh)
{
	if (sh == NULL)
		return;
	free(sh->tab_added);
	free(sh->slots);
	free(sh);
}

void views_shell_listen(struct views_shell *sh)
{
	/* The session ignores a channel it already listens to. */
	for (size_t i = 0; i < views_registry_count; i++)
		for (const char *const *c = views_registry[i].channels; c != NULL && *c != NULL; c++)
			db_session_listen(sh->db, *c);
}

void views_shell_tabs(struct views_shell *sh)
{
	tui_caps caps = tui_ui_caps(sh->ui);

	for (int digit = 1; digit <= 9; digit++) {
		for (size_t i = 0; i < views_registry_count; i++) {
			const struct view_screen *s = &views_registry[i];

			if (s->tab != digit || sh->tab_added[i] || !sees(s, caps))
				continue;
			sh->tab_added[i] = true;
			(void)tui_ui_add_tab(sh->ui, _(s->title), s->root(sh->db));
		}
	}
}

static void on_resolved(const PGresult *res, const char *error, void *arg)
{
	const struct slot *slot = arg;
	struct views_shell *sh = slot->sh;

	if (error != NULL)
		tui_ui_message(sh->ui, TUI_MSG_ERROR, "%s", error);
	else if (PQntuples(res) == 0)
		tui_ui_message(sh->ui, TUI_MSG_ERROR, "%s", _(slot->s->cmd.not_found));
	else
		/* Found: a fresh look-up, like g, does not pile onto the last one. */
		tui_ui_replace(sh->ui,
			       slot->s->open(sh->db, PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1)));
	tui_ui_dirty(sh->ui);
}

/* "find", "find TEXT": the argument after a command word, or NULL when the line
 * is another command. */
static const char *argument(const char *line, const char *word)
{
	size_t n = strlen(word);

	if (strncmp(line, word, n) != 0 || (line[n] != '\0' && line[n] != ' '))
		return NULL;
	line += n;
	while (*line == ' ')
		line++;
	return line;
}

static void run(struct views_shell *sh, size_t i, const char *a)
{
	const struct view_screen *s = &views_registry[i];
	bool valid = a[0] != '\0';

	if (!sees(s, tui_ui_caps(sh->ui))) {
		char *what = xasprintf(":%s", s->cmd.word);

		tui_ui_message(sh->ui, TUI_MSG_ERROR, _("not allowed for your role: %s"), what);
		free(what);
		return;
	}
	switch (s->cmd.arg) {
	case VIEW_ARG_TEXT:
		s->dialog(sh->ui, sh->db, a);
		return;
	case VIEW_ARG_ID:
		valid = valid && strspn(a, "0123456789") == strlen(a) && strlen(a) <= MAX_ID_DIGITS;
		/* Opened before the database says whether the id exists: over the
		 * current screen, so a wrong id leaves it one Esc away. */
		if (valid)
			tui_ui_push(sh->ui, s->open(sh->db, a, NULL));
		break;
	case VIEW_ARG_NUMBER:
		if (valid)
			(void)s->cmd.resolve(sh->db, a, on_resolved, &sh->slots[i]);
		break;
	}
	if (!valid)
		tui_ui_message(sh->ui, TUI_MSG_ERROR, "%s", _(s->cmd.usage));
}

void views_shell_command(struct views_shell *sh, const char *line)
{
	const char *a;

	while (*line == ' ')
		line++;
	for (size_t i = 0; i < views_builtins_count; i++) {
		const struct view_builtin *b = &views_builtins[i];

		if (strcmp(line, b->word) == 0 || (b->alias != NULL && strcmp(line, b->alias) == 0)) {
			b->run(sh->ui);
			return;
		}
	}
	for (size_t i = 0; i < views_registry_count; i++) {
		if (views_registry[i].cmd.word != NULL &&
		    (a = argument(line, views_registry[i].cmd.word)) != NULL) {
			run(sh, i, a);
			return;
		}
	}
	if (*line != '\0')
		tui_ui_message(sh->ui, TUI_MSG_ERROR, _("unknown command '%s': try :help or :quit"), line);
}
