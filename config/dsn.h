#ifndef BACKDESK_CONFIG_DSN_H
#define BACKDESK_CONFIG_DSN_H
/* What a [database] dsn says about secrets; private to config/. */
#include <stdbool.h>

/* Whether a libpq connection string or URI carries a password: a password or
 * sslpassword keyword (in a URI also a query parameter), or user:password@ in a
 * URI.  Read by libpq's own parser (PQconninfoParse).  A string that
 * cannot be read counts as carrying one if "password" appears in it at all: a
 * wrong guess costs a chmod, a missed password costs the password. */
bool config_dsn_has_password(const char *dsn);

#endif
