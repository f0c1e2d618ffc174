#ifndef BACKDESK_CARRIER_REQUEST_H
#define BACKDESK_CARRIER_REQUEST_H
/* What the adapters share when making a request: the account checked before
 * anything is sent, and the number put into a URL safely. */
#include "carrier/adapter.h"

/* 0 when acct has a base URL and a key fit for a header and number is a
 * tracking number's length; else -1 with r failed (NOT_SET_UP naming the
 * configuration section [carrier.SECTION], or BAD_REQUEST). */
int request_check(const struct carrier_account *acct, const char *service, const char *section,
		  const char *number, struct carrier_result *r);
/* base (its trailing slashes dropped) + path + the percent-encoded number. */
char *request_url(const char *base, const char *path, const char *number);

#endif
