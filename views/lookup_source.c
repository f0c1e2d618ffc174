#include "views/lookup_source.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/locale_fmt.h"
#include "common/money.h"
#include "common/phone.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "db/lookup.h"
#include "views/labels.h"
#include "views/match.h"

const struct tui_column lookup_columns[LOOKUP_VCOL_COUNT] = {
	[LOOKUP_VCOL_KIND] = { N_("Kind"), 8, 0, TUI_ALIGN_LEFT, 0 },
	[LOOKUP_VCOL_FOUND] = { N_("Found"), 14, 1, TUI_ALIGN_LEFT, 0 },
	[LOOKUP_VCOL_DETAIL] = { N_("Detail"), 16, 3, TUI_ALIGN_LEFT, TUI_COL_OPTIONAL },
};

const char *lookup_kind_label(const char *kind)
{
	static const struct {
		const char *kind, *label;
	} kinds[] = {
		{ "customer", N_("customer") }, { "order", N_("order") },
		{ "shipment", N_("parcel") },   { "ticket", N_("ticket") },
		{ "return", N_("return") },
	};

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].kind, kind) == 0)
			return _(kinds[i].label);
	return kind;
}

/* A hit's kind and id say which it is. */
static const struct keyset_key_def key_def = {
	sizeof(struct lookup_key), 2, 3, {
		{ LOOKUP_COL_KIND, offsetof(struct lookup_key, kind) },
		{ LOOKUP_COL_ID, offsetof(struct lookup_key, id) },
		{ LOOKUP_COL_LABEL, offsetof(struct lookup_key, label) } },
};

/* "81270.00 HUF" (an amount and a currency code, as api.find writes a total) as the
 * screens show money, in the locale's way; false when the part is something else. */
static bool money_part(const char *part, size_t len, struct strbuf *out)
{
	char amount[48], code[4], m[LF_BUFSZ];
	const char *sp = memchr(part, ' ', len);
	size_t alen = sp != NULL ? (size_t)(sp - part) : 0;
	int minor;
	int64_t v;

	if (sp == NULL || alen == 0 || alen >= sizeof amount || len - alen - 1 != 3)
		return false;
	memcpy(amount, part, alen);
	amount[alen] = '\0';
	memcpy(code, sp + 1, 3);
	code[3] = '\0';
	if (strspn(amount, "-0123456789.") != alen || (minor = currency_minor_units(code)) < 0 ||
	    money_parse(amount, minor, &v) != 0)
		return false;
	sb_puts(out, lf_money(v, code, minor, m, sizeof m));
	return true;
}

/* Which part of api.find's detail ("a · b · c") is a status, counted from the
 * end, and the words for it: the screens never show a status's code. */
static const struct {
	const char *kind;
	size_t from_end; /* 1: the last part */
	const char *(*words)(const char *code);
} status_part[] = {
	{ "order", 2, label_order_status },	/* name · status · total */
	{ "shipment", 1, label_parcel_status }, /* carrier · order · status */
	{ "ticket", 1, label_ticket_status },	/* subject · status */
	{ "return", 1, label_return_status },	/* [order ·] status */
};

static const char *(*status_words(const char *kind, size_t from_end))(const char *)
{
	for (size_t i = 0; kind != NULL && i < sizeof status_part / sizeof status_part[0]; i++)
		if (strcmp(status_part[i].kind, kind) == 0 && status_part[i].from_end == from_end)
			return status_part[i].words;
	return NULL;
}

char *lookup_detail_text(const char *kind, const char *detail)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s = detail != NULL ? detail : "", *sep = " · ";
	bool order = kind != NULL && strcmp(kind, "order") == 0;
	bool customer = kind != NULL && strcmp(kind, "customer") == 0;
	size_t nparts = 1;

	for (const char *p = strstr(s, sep); p != NULL; p = strstr(p + strlen(sep), sep))
		nparts++;
	for (size_t i = 0;; i++) {
		const char *end = strstr(s, sep);
		size_t len = end != NULL ? (size_t)(end - s) : strlen(s);
		char *part = xstrndup(s, len);
		char phone[PHONE_BUFSZ + 16];
		const char *(*words)(const char *) = status_words(kind, nparts - i);

		/* An order's total, a customer's phone, a status: as every other screen
		 * writes them. */
		if (words != NULL) {
			sb_puts(&sb, words(part));
		} else if (!(order && end == NULL && money_part(part, len, &sb))) {
			if (customer && phone_looks_like(part)) {
				label_phone(part, phone, sizeof phone);
				sb_puts(&sb, phone);
			} else {
				sb_puts(&sb, part);
			}
		}
		free(part);
		if (end == NULL)
			break;
		sb_puts(&sb, sep);
		s = end + strlen(sep);
	}
	return sb_take(&sb);
}

static void mark(struct tui_row *r, size_t col, const char *text, const char *typed)
{
	struct match_span sp[8];
	size_t n = match_find(text, typed, sp, sizeof sp / sizeof sp[0]);

	for (size_t i = 0; i < n; i++)
		tui_row_add_mark(r, col, sp[i].start, sp[i].len);
}

static void fill(void *ctx, struct tui_row *r, const PGresult *res, int i)
{
	struct lookup_source *src = ctx;
	const struct lookup_key *k = tui_row_key(r);
	/* Groups: the kind stands out on a group's first row only. */
	bool first = i == 0 || strcmp(k->kind, PQgetvalue(res, i - 1, LOOKUP_COL_KIND)) != 0;
	char *detail = lookup_detail_text(k->kind, PQgetvalue(res, i, LOOKUP_COL_DETAIL));

	/* A name only like what was typed (a letter lost, swapped or doubled) must not
	 * read as the caller. */
	if (strcmp(PQgetvalue(res, i, LOOKUP_COL_HOW), "similar") == 0) {
		struct strbuf sb = STRBUF_INIT;

		sb_puts(&sb, _("similar name"));
		if (detail[0] != '\0') {
			sb_puts(&sb, " · ");
			sb_puts(&sb, detail);
		}
		free(detail);
		detail = sb_take(&sb);
	}

	tui_row_set(r, LOOKUP_VCOL_KIND, lookup_kind_label(k->kind));
	tui_row_set(r, LOOKUP_VCOL_FOUND, k->label);
	tui_row_set(r, LOOKUP_VCOL_DETAIL, detail);
	free(detail);
	tui_row_set_cell_role(r, LOOKUP_VCOL_KIND, first ? TUI_ATTR_TITLE : TUI_ATTR_MUTED);
	mark(r, LOOKUP_VCOL_FOUND, k->label, src->text);
	mark(r, LOOKUP_VCOL_DETAIL, tui_row_cell(r, LOOKUP_VCOL_DETAIL), src->text);
}

static void targets_clear(struct lookup_source *src)
{
	for (size_t i = 0; i < src->ntargets; i++) {
		struct lookup_target *t = &src->targets[i];

		free(t->kind);
		free(t->id);
		free(t->order_id);
		free(t->order_number);
		free(t->customer_id);
		free(t->customer_name);
	}
	free(src->targets);
	src->targets = NULL;
	src->ntargets = 0;
	free(src->want_kinds);
	free(src->want_ids);
	src->want_kinds = src->want_ids = NULL;
	src->targets_state = LOOKUP_TARGETS_NONE;
}

static void on_targets(const PGresult *res, const char *error, void *arg)
{
	struct lookup_source *src = arg;
	int n;

	src->targets_query = 0;
	if (src->targets_state != LOOKUP_TARGETS_WAITING)
		return; /* for hits replaced since */
	if (error != NULL) {
		free(src->error);
		src->error = xstrdup(error);
		src->targets_state = LOOKUP_TARGETS_FAILED;
	} else {
		n = PQntuples(res);
		src->targets = xcalloc(n > 0 ? (size_t)n : 1, sizeof *src->targets);
		for (int i = 0; i < n; i++) {
			struct lookup_target *t = &src->targets[i];

			t->kind = xstrdup(PQgetvalue(res, i, TARGET_COL_KIND));
			t->id = xstrdup(PQgetvalue(res, i, TARGET_COL_ID));
			t->order_id = xstrdup(PQgetvalue(res, i, TARGET_COL_ORDER_ID));
			t->order_number = xstrdup(PQgetvalue(res, i, TARGET_COL_ORDER_NUMBER));
			t->customer_id = xstrdup(PQgetvalue(res, i, TARGET_COL_CUSTOMER_ID));
			t->customer_name = xstrdup(PQgetvalue(res, i, TARGET_COL_CUSTOMER_NAME));
		}
		src->ntargets = (size_t)n;
		src->targets_state = LOOKUP_TARGETS_DONE;
	}
	if (src->answered != NULL)
		src->answered(src->arg);
}

/* Where the hits lead, asked for once they are drawn (lookup_source_send_targets):
 * the agent sees them one server call after the key, and the server's work for
 * this second call does not share the cores with the frame. */
static void want_targets(struct lookup_source *src, const PGresult *res)
{
	struct strbuf kinds = STRBUF_INIT, ids = STRBUF_INIT;
	int n = PQntuples(res);

	for (int i = 0; i < n; i++) {
		if (i > 0) {
			sb_puts(&kinds, ",");
			sb_puts(&ids, ",");
		}
		sb_puts(&kinds, PQgetvalue(res, i, LOOKUP_COL_KIND));
		sb_puts(&ids, PQgetvalue(res, i, LOOKUP_COL_ID));
	}
	src->want_kinds = sb_take(&kinds);
	src->want_ids = sb_take(&ids);
	src->targets_state = LOOKUP_TARGETS_WAITING;
}

void lookup_source_send_targets(struct lookup_source *src)
{
	if (src->want_kinds == NULL || src->targets_query != 0)
		return;
	src->targets_query = db_lookup_targets(src->ks.db, src->want_kinds, src->want_ids,
					       on_targets, src);
	free(src->want_kinds);
	free(src->want_ids);
	src->want_kinds = src->want_ids = NULL;
}

const struct lookup_target *lookup_source_target(const struct lookup_source *src,
						 const char *kind, const char *id)
{
	for (size_t i = 0; i < src->ntargets; i++)
		if (strcmp(src->targets[i].kind, kind) == 0 && strcmp(src->targets[i].id, id) == 0)
			return &src->targets[i];
	return NULL;
}

/* The hits in the box's order, then to the keyset source (one search in flight
 * at a time: keyset_source_again). */
static void arranged(const PGresult *res, const char *error, void *arg)
{
	struct lookup_source *src = arg;
	PGresult *sorted = res != NULL && error == NULL ? db_lookup_arrange(res) : NULL;

	src->find_cb(sorted != NULL ? sorted : res, error, src->find_arg);
	PQclear(sorted);
}

static unsigned page(void *ctx, struct db_session *db, const struct keyset_page *p,
		     db_result_fn cb, void *arg, const char **refusal)
{
	struct lookup_source *src = ctx;

	(void)p;
	(void)refusal;
	if (src->text[0] == '\0') {
		src->state = LOOKUP_EMPTY;
		return 0;
	}
	src->state = LOOKUP_WAITING;
	/* Targets still in flight are for the hits being replaced: their answer is
	 * dropped when it comes (the search waits behind it a fraction of its time,
	 * where a cancel would cost a round trip). */
	targets_clear(src);
	free(src->asked);
	src->asked = xstrdup(src->text);
	src->find_cb = cb;
	src->find_arg = arg;
	return db_lookup_find(db, src->text, DB_LOOKUP_LIMIT, arranged, src);
}

static void answered(void *ctx, const PGresult *res, const char *error)
{
	struct lookup_source *src = ctx;

	/* Only the answer to the newest text gets here (keyset_source_again). */
	free(src->shown);
	src->shown = xstrdup(src->asked != NULL ? src->asked : src->text);
	if (error != NULL) {
		free(src->error);
		src->error = xstrdup(error);
		src->state = LOOKUP_FAILED;
	} else {
		src->found = PQntuples(res);
		src->state = LOOKUP_DONE;
		if (src->found > 0)
			want_targets(src, res);
		/* A new search starts on its best hit, whatever line was selected before. */
		if (src->found > 0)
			(void)tui_table_home(src->ks.table);
	}
	if (src->answered != NULL)
		src->answered(src->arg);
}

static const struct keyset_list lookup_list = {
	.ncols = LOOKUP_VCOL_COUNT,
	.key = &key_def,
	.page = page,
	.fill = fill,
	.answered = answered,
	.one_page = true,
};

struct lookup_source *lookup_source_new(struct db_session *db)
{
	struct lookup_source *src = xcalloc(1, sizeof *src);

	keyset_source_init(&src->ks, db, &lookup_list, src);
	src->text = xstrdup("");
	return src;
}

void lookup_source_free(struct lookup_source *src)
{
	if (src == NULL)
		return;
	keyset_source_fini(&src->ks);
	if (src->targets_query != 0)
		db_session_cancel(src->ks.db, src->targets_query);
	targets_clear(src);
	free(src->text);
	free(src->shown);
	free(src->asked);
	free(src->error);
	free(src);
}

bool lookup_source_set_text(struct lookup_source *src, const char *text)
{
	free(src->text);
	src->text = xstrdup(text != NULL ? text : "");
	src->state = src->text[0] == '\0' ? LOOKUP_EMPTY : LOOKUP_WAITING;
	return !keyset_source_again(&src->ks);
}
