#ifndef BACKDESK_APP_MAIL_SERVICE_H
#define BACKDESK_APP_MAIL_SERVICE_H
/* The console's background fetch of the support mailbox ([mail] fetch = on):
 * every fetch_every seconds, one fetch (app/mail_fetch.c) on a thread of its own
 * with its own database connection; a word on the status line while it runs. */
#include "app/commands.h"
#include "tui/loop.h"
#include "tui/ui.h"

struct mail_service;

/* NULL when [mail] fetch is off (or not set up: said once as a warning). */
struct mail_service *mail_service_start(struct tui_loop *loop, struct tui_ui *ui, const struct app *app,
					int status_slot);
/* Asks a running fetch to stop after its current command and waits for it. */
void mail_service_stop(struct mail_service *s);

#endif
