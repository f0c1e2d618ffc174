#ifndef BACKDESK_APP_READS_H
#define BACKDESK_APP_READS_H
/* The supervisor dashboard's reads on a replica ([database] dashboard_dsn): a
 * session of its own, lent to the views through views_reads_set() while it is
 * up; while it is not, the dashboard reads from the primary and the message line
 * says so.  LISTEN stays on the primary (a standby cannot LISTEN). */
#include <stdbool.h>

#include "db/session.h"
#include "tui/tui.h"

struct dash_reads;

/* keys/vals: the work connection's; dsn: what differs (applied on top).  A dsn
 * libpq cannot read is said on the message line, and the dashboard reads from the
 * primary. */
struct dash_reads *dash_reads_start(struct tui_ui *ui, const struct db_io *io,
				    const char *const *keys, const char *const *vals,
				    const char *dsn);
/* Whether a read on the replica is under way (r may be NULL): the test mode's
 * "is anything still on its way?" asks it too. */
bool dash_reads_busy(const struct dash_reads *r);
/* After the panes that read through it are gone. */
void dash_reads_stop(struct dash_reads *r);

#endif
