#ifndef BACKDESK_APP_OUTBOX_BG_H
#define BACKDESK_APP_OUTBOX_BG_H
/* The console's background sender ([mail] send = on): the rounds of
 * `backdesk notify --send` on a thread of its own with its own blocking
 * connection, every minute (the first 3 s after start), so neither SMTP nor the
 * claims ever hold the console's loop.  What it did comes back through a pipe
 * the loop watches, said on the message line.
 *
 * A thread, not libcurl multi in the loop as carrier/client.c: a round is
 * claim, send, mark, one message after another, on a connection that must not
 * share the console's pipeline; as a thread it is the command's code path
 * unchanged, which the SMTP sink tests cover. */
#include "config/config.h"
#include "tui/tui.h"

struct outbox_bg;

/* Starts it, or NULL with *err (the set-up is wrong: said once, the console goes
 * on without sending).  dsn and service as the console connects. */
struct outbox_bg *outbox_bg_start(const struct config *cfg, const char *dsn, const char *service,
				  struct tui_loop *loop, struct tui_ui *ui, char **err);
/* Ends a message in flight, waits for the thread, frees everything. */
void outbox_bg_stop(struct outbox_bg *b);

#endif
