#include "views/tickets_source.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "db/connect.h"
#include "views/labels.h"
#include "views/tickets_time.h"

const struct tui_column tickets_columns[TICKETS_VCOL_COUNT] = {
	[TICKETS_VCOL_NUMBER] = { N_("Ticket"), 8, 0, TUI_ALIGN_LEFT, 0 },
	[TICKETS_VCOL_PRIORITY] = { NC_("column", "Priority"), 8, 0, TUI_ALIGN_LEFT, 0 },
	[TICKETS_VCOL_STATUS] = { N_("Status"), 8, 0, TUI_ALIGN_LEFT, 0 },
	[TICKETS_VCOL_CUSTOMER] = { N_("Customer"), 10, 1, TUI_ALIGN_LEFT, 0 },
	[TICKETS_VCOL_SUBJECT] = { N_("Subject"), 12, 3, TUI_ALIGN_LEFT, 0 },
	[TICKETS_VCOL_CHANNEL] = { NC_("column", "Channel"), 7, 0, TUI_ALIGN_LEFT, TUI_COL_OPTIONAL },
	[TICKETS_VCOL_ASSIGNEE] = { N_("Assignee"), 10, 1, TUI_ALIGN_LEFT, TUI_COL_OPTIONAL },
	[TICKETS_VCOL_DUE] = { N_("Due"), 9, 0, TUI_ALIGN_RIGHT, 0 },
	[TICKETS_VCOL_AGE] = { N_("Age"), 4, 0, TUI_ALIGN_RIGHT, TUI_COL_OPTIONAL },
};

/* A row's place in the keyset: the id and sla_next_due as the database wrote them,
 * and the number, for opening it. */
struct tickets_key {
	struct keyset_key head;
	char *id, *key, *number;
};

static const struct keyset_key_def key_def = {
	sizeof(struct tickets_key), 1, 3, {
		{ TICKETS_COL_ID, offsetof(struct tickets_key, id) },
		{ TICKETS_COL_KEY, offsetof(struct tickets_key, key) },
		{ TICKETS_COL_NUMBER, offsetof(struct tickets_key, number) } },
};

const char *tickets_key_id(const void *key)
{
	return ((const struct tickets_key *)key)->id;
}

const char *tickets_key_number(const void *key)
{
	return ((const struct tickets_key *)key)->number;
}

static void fill(void *ctx, struct tui_row *r, const PGresult *res, int i)
{
	const char *sla = PQgetvalue(res, i, TICKETS_COL_SLA);
	const char *prio = PQgetvalue(res, i, TICKETS_COL_PRIORITY);
	char due[32], age[32];

	(void)ctx;
	tui_row_set(r, TICKETS_VCOL_NUMBER, PQgetvalue(res, i, TICKETS_COL_NUMBER));
	tui_row_set(r, TICKETS_VCOL_PRIORITY, label_ticket_priority(prio));
	tui_row_set(r, TICKETS_VCOL_STATUS, label_ticket_status(PQgetvalue(res, i, TICKETS_COL_STATUS)));
	tui_row_set(r, TICKETS_VCOL_CUSTOMER, PQgetvalue(res, i, TICKETS_COL_CUSTOMER));
	tui_row_set(r, TICKETS_VCOL_SUBJECT, PQgetvalue(res, i, TICKETS_COL_SUBJECT));
	tui_row_set(r, TICKETS_VCOL_CHANNEL, label_ticket_channel(PQgetvalue(res, i, TICKETS_COL_CHANNEL)));
	tui_row_set(r, TICKETS_VCOL_ASSIGNEE, PQgetvalue(res, i, TICKETS_COL_ASSIGNEE));
	if (strcmp(sla, "paused") == 0) {
		tui_row_set(r, TICKETS_VCOL_DUE, _("paused"));
		tui_row_set_cell_role(r, TICKETS_VCOL_DUE, TUI_ATTR_MUTED);
	} else {
		tickets_countdown(strtoll(PQgetvalue(res, i, TICKETS_COL_DUE_SECS), NULL, 10), due,
				  sizeof due);
		tui_row_set(r, TICKETS_VCOL_DUE, due);
	}
	tickets_age(strtoll(PQgetvalue(res, i, TICKETS_COL_AGE_SECS), NULL, 10), age, sizeof age);
	tui_row_set(r, TICKETS_VCOL_AGE, age);
	if (strcmp(sla, "breached") == 0) {
		tui_row_set_cell_role(r, TICKETS_VCOL_NUMBER, TUI_ATTR_LATE);
		tui_row_set_cell_role(r, TICKETS_VCOL_DUE, TUI_ATTR_LATE);
	} else if (strcmp(sla, "soon") == 0) {
		tui_row_set_cell_role(r, TICKETS_VCOL_DUE, TUI_ATTR_WARNING);
	}
	if (strcmp(prio, "urgent") == 0)
		tui_row_set_cell_role(r, TICKETS_VCOL_PRIORITY, TUI_ATTR_WARNING);
}

/* "\" narrows a view to one priority, by its code or by what people call it. */
static const char *parse_filter(const char **priority, const char *f)
{
	static const char *const priorities[] = { "urgent", "high", "normal", "low" };

	*priority = NULL;
	if (f == NULL || *f == '\0')
		return NULL;
	for (size_t i = 0; i < sizeof priorities / sizeof priorities[0]; i++)
		if (strcmp(f, priorities[i]) == 0 || strcmp(f, label_ticket_priority(priorities[i])) == 0) {
			*priority = priorities[i];
			return NULL;
		}
	return _("filter by priority: urgent, high, normal or low");
}

static unsigned page(void *ctx, struct db_session *db, const struct keyset_page *p,
		     db_result_fn cb, void *arg, const char **refusal)
{
	struct tickets_source *src = ctx;
	const struct tickets_key *k = p->anchor;
	struct tickets_anchor a = { NULL, NULL, p->inclusive };
	const char *priority;

	*refusal = parse_filter(&priority, p->filter);
	if (*refusal != NULL)
		return 0;
	if (k != NULL) {
		a.key = k->key;
		a.id = k->id;
	}
	return db_tickets_page(db, src->view, src->arg, priority, k != NULL ? &a : NULL, p->backward,
			       p->limit, cb, arg);
}

/* db_tickets_seek answers (id, key): a page row's first columns. */
static unsigned seek(void *ctx, struct db_session *db, const char *text, const struct keyset_page *p,
		     db_result_fn cb, void *arg)
{
	(void)ctx;
	(void)p;
	return db_tickets_seek(db, text, cb, arg);
}

/* A role the database does not let read tickets (the warehouse) is told so in
 * words, with the database's own after them. */
static const char *error_text(void *ctx, const PGresult *res, const char *error)
{
	struct tickets_source *src = ctx;

	if (strcmp(db_sqlstate(res), "42501") != 0)
		return NULL;
	free(src->error);
	src->error = xasprintf(_("tickets are not shown to your role: %s"), error);
	return src->error;
}

static void answered(void *ctx, const PGresult *res, const char *error)
{
	struct tickets_source *src = ctx;

	if (src->answered != NULL)
		src->answered(src->answered_arg, res, error);
}

static const struct keyset_list tickets_list = {
	.ncols = TICKETS_VCOL_COUNT,
	.key = &key_def,
	.page = page,
	.seek = seek,
	.not_found = N_("no ticket numbered %s"),
	.fill = fill,
	.error_text = error_text,
	.answered = answered,
};

struct tickets_source *tickets_source_new(struct db_session *db)
{
	struct tickets_source *src = xcalloc(1, sizeof *src);

	keyset_source_init(&src->ks, db, &tickets_list, src);
	src->view = TICKETS_OPEN;
	return src;
}

void tickets_source_free(struct tickets_source *src)
{
	if (src == NULL)
		return;
	keyset_source_fini(&src->ks);
	free(src->arg);
	free(src->error);
	free(src);
}

void tickets_source_set_view(struct tickets_source *src, enum tickets_view v, const char *arg)
{
	char *copy = arg != NULL ? xstrdup(arg) : NULL;

	free(src->arg);
	src->arg = copy;
	src->view = v;
}
