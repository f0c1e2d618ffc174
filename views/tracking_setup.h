#ifndef BACKDESK_VIEWS_TRACKING_SETUP_H
#define BACKDESK_VIEWS_TRACKING_SETUP_H
/* From backdesk.ini to the tracking client's settings: which services are set up,
 * their keys (read from their secret files now, so a bad file is said once, at
 * start, not as every lookup failing), the concurrency and whether the console
 * asks in the background.  Shared by the console's tracking service and
 * `backdesk track`. */
#include <stdbool.h>

#include "carrier/client.h"
#include "config/config.h"

struct tracking_setup {
	/* base_url points into the struct config given: it must outlive this. */
	struct carrier_client_config client;
	bool background;
	char *dhl_key, *aftership_key; /* owned; wiped by tracking_setup_free() */
};

/* 0, or -1 with *err (caller frees): a service with a base_url but no
 * api_key_file, or a key file that config_read_secret() refuses.  A service
 * without a base_url is simply not set up (its lookups end CARRIER_NOT_SET_UP). */
int tracking_setup_load(const struct config *cfg, struct tracking_setup *out, char **err);
void tracking_setup_free(struct tracking_setup *s);

#endif
