/* The order screen's refunds, each with who gave it and why, from api.order_detail
 * (whose refunds say who since 0039). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/locale_fmt.h"
#include "db/sentence.h"
#include "tui/doc.h"
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
	char money[64], when[LF_BUFSZ];
	struct tui_doc_cell c[4] = {
		{ lf_when(at, when, sizeof when), 16, TUI_ALIGN_LEFT, TUI_ATTR_MUTED },
		{ label_refund_kind(kind), 12, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
		{ money, 14, TUI_ALIGN_RIGHT, TUI_ATTR_NORMAL },
		{ by, 0, TUI_ALIGN_LEFT, TUI_ATTR_NORMAL },
	};

	label_money(amount, currency, money, sizeof money);
	tui_doc_cells(d, c, 4);
	/* Why, under it, with the width of the value column: a reason is a sentence. */
	tui_doc_pair(d, "", reason, TUI_ATTR_MUTED);
}

void order_refunds_render(struct tui_doc *d, json_t *doc)
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
	/* Newest first, as the ledger of the day lists them. */
	for (i = json_array_size(refunds); i-- > 0;) {
		f = json_array_get(refunds, i);
		char *reason = db_sentence_of_return(str(f, "reason"));

		line(d, str(f, "created_at"), str(f, "kind"), str(f, "amount"), cur, str(f, "by"), reason);
		free(reason);
	}
}
