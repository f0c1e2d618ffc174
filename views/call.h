#ifndef BACKDESK_VIEWS_CALL_H
#define BACKDESK_VIEWS_CALL_H
/* The phone call: c starts it (a timer on the status line), c again hangs up and
 * asks what it was about; the answer becomes a call message on a ticket of that
 * customer (a new one, or the one named), with the time spent.  One call at a time. */
#include "db/session.h"
#include "tui/tui.h"

/* Starts a call with a customer, or hangs up the one running (then the form). */
void call_toggle(struct tui_ui *ui, struct db_session *db, const char *customer_id,
		 const char *customer_name, const char *order_number);
bool call_running(void);
/* What quitting now would lose of the call (running, or hung up and not logged), in
 * a few translated words (caller frees), or NULL. */
char *call_lost(void);
/* Frees what the call keeps (at the end of the program). */
void call_free(void);

#endif
