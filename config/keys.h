#ifndef BACKDESK_CONFIG_KEYS_H
#define BACKDESK_CONFIG_KEYS_H
/* The keys backdesk.ini knows and how their values are read; private to config/.
 * config.c finds and parses the file, this file gives the values meaning. */
#include <stdbool.h>

#include "config/config.h"

enum config_key_result {
	CONFIG_KEY_OK,
	CONFIG_KEY_UNKNOWN_SECTION,
	CONFIG_KEY_UNKNOWN_KEY,
	CONFIG_KEY_BAD_VALUE,
};

void config_defaults(struct config *cfg);

/* Applies `name = value` of [section].  `continued`: the value is an indented line
 * that continues the key before it.  On CONFIG_KEY_BAD_VALUE, *hint says what a
 * valid value looks like (translated). */
enum config_key_result config_apply_key(struct config *cfg, const char *section,
					const char *name, const char *value,
					bool continued, const char **hint);

#endif
