#include "views/message_preview.h"

#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"
#include "tui/doc.h"
#include "tui/pane.h"
#include "views/registry.h"
#include "views/views.h"

enum { REQ_SEND = TUI_REQ_VIEW };

static const struct tui_binding bindings[] = {
	{ REQ_SEND, "F2 y", N_("Send"), N_("Queue this message to the customer, as shown"), 0 },
	{ TUI_REQ_BACK, "Esc q", N_("Back"), N_("Back to the form, nothing sent"), 0 },
	{ TUI_REQ_UP, "Up k", N_("Up"), N_("Scroll up"), 0 },
	{ TUI_REQ_DOWN, "Down j", N_("Down"), N_("Scroll down"), 0 },
};

const struct view_keytable message_preview_keytable = VIEW_OVERLAY_KEYTABLE("message preview", bindings, false);

struct preview {
	message_preview_send_fn send;
	void *arg;
};

static unsigned on_request(struct tui_pane *p, int req)
{
	struct preview *s = tui_pane_data(p);

	if (req == TUI_REQ_BACK)
		return TUI_HANDLED | TUI_CLOSE;
	if (req == REQ_SEND) {
		s->send(s->arg);
		return TUI_HANDLED | TUI_CLOSE;
	}
	return TUI_IGNORED;
}

static void destroy(struct tui_pane *p)
{
	free(tui_pane_data(p));
}

static const struct tui_pane_ops ops = {
	.kind = "message preview",
	.bindings = bindings,
	.nbindings = sizeof bindings / sizeof bindings[0],
	.keys_title = N_("Message"),
	.on_request = on_request,
	.destroy = destroy,
};

/* One doc line per line of text: an empty line stays. */
static void text_lines(struct tui_doc *d, const char *text)
{
	const char *p = text, *nl;
	char *line;

	for (;;) {
		nl = strchr(p, '\n');
		line = nl != NULL ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
		tui_doc_text(d, TUI_ATTR_NORMAL, line);
		free(line);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

bool message_preview_show(struct tui_ui *ui, const char *title, const char *intro, const PGresult *res,
			  const char *kind, message_preview_send_fn send, void *arg)
{
	struct tui_doc *d;
	struct preview *s;
	struct tui_pane *p;
	char *subject, *body;

	if (PQntuples(res) != 1 || PQnfields(res) < 6 || PQgetisnull(res, 0, 0))
		return false;
	outbox_render(PQgetvalue(res, 0, 1), kind, PQgetvalue(res, 0, 5), PQgetvalue(res, 0, 2),
		      PQgetvalue(res, 0, 3), &subject, &body);
	d = tui_doc_new();
	if (intro != NULL) {
		text_lines(d, intro);
		tui_doc_blank(d);
	}
	tui_doc_pair(d, strcmp(PQgetvalue(res, 0, 4), "sms") == 0 ? _("SMS to") : _("To"), PQgetvalue(res, 0, 0),
		     TUI_ATTR_NORMAL);
	tui_doc_pair(d, _("Language"), PQgetvalue(res, 0, 1), TUI_ATTR_NORMAL);
	if (strcmp(PQgetvalue(res, 0, 4), "sms") != 0)
		tui_doc_pair(d, _("Subject"), subject, TUI_ATTR_TITLE);
	tui_doc_blank(d);
	text_lines(d, body);
	free(subject);
	free(body);
	s = xcalloc(1, sizeof *s);
	s->send = send;
	s->arg = arg;
	p = tui_doc_pane_new(d, &ops, s);
	tui_pane_set_title(p, title);
	tui_pane_set_flags(p, TUI_PANE_MODAL_KEYS | TUI_PANE_BAR_KEYS);
	/* Tall enough for the wrapped lines too: a long subject must not push the end out. */
	tui_pane_set_size(p, (int)tui_doc_rows(d, tui_ui_dialog_width(ui)) + 1, 0);
	tui_ui_dialog(ui, p);
	return true;
}
