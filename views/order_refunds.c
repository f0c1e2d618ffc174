/* The order screen's refunds, each with who gave it and why.  api.order_detail's
 * refunds do not say who (its entries have no created_by), so the screen asks
 * api.refunds_ledger once the order is shown with refunds, and draws the part
 * again when the answer comes; until then the order's own entries stand, with
 * "…" for who. */
#include <jansson.h>
#include <string.h>

#include "common/i18n.h"
#include "db/refunds_ledger.h"
#include "tui/doc.h"
#include "views/detail.h"
#include "views/labels.h"
#include "views/order_view.h"

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

static void line(struct tui_doc *d, const char *at, const char *kind, const char *amount,
		 const char *currency, const char *by, const char *reason)
{
	char money[64];
	struct tui_doc_cell c[4] = {
		{ at, 16, TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
		{ label_refund_kind(kind), 12, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
		{ money, 14, TUI_ALIGN_RIGHT, TUI_ATTR_NORMAL },
		{ by, 0, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
	};

	label_money(amount, currency, money, sizeof money);
	tui_doc_cells(d, c, 4);
	/* Why, under it, with the width of the value column: a reason is a sentence. */
	tui_doc_pair(d, "", reason, TUI_ATTR_MUTED);
}

void order_refunds_render(struct order_view *v, struct tui_doc *d, json_t *doc)
{
	json_t *refunds = json_object_get(doc, "refunds"), *f;
	const char *cur = str(doc, "currency");
	size_t i;

	/* null: the role sees no money (the warehouse). */
	if (!json_is_array(refunds))
		return;
	(void)tui_doc_heading(d, _("Refunds"));
	if (json_array_size(refunds) == 0) {
		tui_doc_text(d, TUI_ATTR_MUTED, _("none"));
		return;
	}
	if (v->ledger != NULL) {
		for (int r = 0; r < PQntuples(v->ledger); r++)
			line(d, PQgetvalue(v->ledger, r, DB_RLED_COL_AT), PQgetvalue(v->ledger, r, DB_RLED_COL_KIND),
			     PQgetvalue(v->ledger, r, DB_RLED_COL_AMOUNT), PQgetvalue(v->ledger, r, DB_RLED_COL_CURRENCY),
			     PQgetvalue(v->ledger, r, DB_RLED_COL_NAME), PQgetvalue(v->ledger, r, DB_RLED_COL_REASON));
		return;
	}
	/* The ledger is newest first: so are these, while it loads. */
	for (i = json_array_size(refunds); i-- > 0;) {
		f = json_array_get(refunds, i);
		line(d, str(f, "created_at"), str(f, "kind"), str(f, "amount"), cur, "…", str(f, "reason"));
	}
}

static void on_ledger(const PGresult *res, const char *error, void *arg)
{
	struct order_view *v = arg;
	json_t *doc = detail_doc(v->detail);

	v->ledger_query = 0;
	if (error != NULL) {
		/* The order stands without the names; say why they are missing. */
		tui_pane_message(v->pane, true, error);
		return;
	}
	PQclear(v->ledger);
	v->ledger = PQcopyResult(res, PG_COPYRES_ATTRS | PG_COPYRES_TUPLES);
	if (v->ledger == NULL || doc == NULL)
		return;
	order_view_render(v, tui_doc_pane_doc(v->pane), doc);
	tui_pane_dirty(v->pane);
}

void order_refunds_load(struct order_view *v, json_t *doc)
{
	if (v->ledger_query != 0) {
		db_session_cancel(v->db, v->ledger_query);
		v->ledger_query = 0;
	}
	/* Shown again from the new document: the old names may be of fewer refunds. */
	PQclear(v->ledger);
	v->ledger = NULL;
	if (json_array_size(json_object_get(doc, "refunds")) > 0)
		v->ledger_query = db_refunds_ledger(v->db, v->number, on_ledger, v);
}

void order_refunds_free(struct order_view *v)
{
	if (v->ledger_query != 0)
		db_session_cancel(v->db, v->ledger_query);
	v->ledger_query = 0;
	PQclear(v->ledger);
	v->ledger = NULL;
}
