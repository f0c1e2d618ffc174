#ifndef BACKDESK_VIEWS_MESSAGE_PREVIEW_H
#define BACKDESK_VIEWS_MESSAGE_PREVIEW_H
/* A notice shown as the customer will get it before it is queued: the row of a
 * database preview (api.preview_message, api.preview_delay_notice: recipient,
 * lang, subject, message, channel, vars as text or ''), an e-mail rendered from
 * its template file as the sender will (outbox_render), in a dialog like
 * :outbox's message: what the action does, To, Language, Subject, the text
 * (scrolled when longer than the screen); F2 or y sends, Esc or q goes back. */
#include <stdbool.h>

#include <libpq-fe.h>

#include "tui/ui.h"
#include "views/keytables.h"

extern const struct view_keytable message_preview_keytable;

typedef void (*message_preview_send_fn)(void *arg);

/* Shows it over the screen; send(arg) runs when the agent sends.  false, with
 * nothing shown, when the database gave no row. */
bool message_preview_show(struct tui_ui *ui, const char *title, const char *intro, const PGresult *res,
			  const char *kind, message_preview_send_fn send, void *arg);

#endif
