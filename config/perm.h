#ifndef BACKDESK_CONFIG_PERM_H
#define BACKDESK_CONFIG_PERM_H
/* Who may read a file that holds a secret; private to config/.  One rule, the one
 * libpq applies to ~/.pgpass: nobody but the owner.  A secret file (secret.c) and
 * an INI file with a password in it (config.c) are refused alike, naming the file
 * and the chmod that fixes it. */
#include <stdbool.h>
#include <sys/types.h>

enum config_perm_kind {
	CONFIG_PERM_SECRET_FILE, /* a file that is only a secret */
	CONFIG_PERM_INI,         /* backdesk.ini, with a password in it */
};

/* NULL when `mode` keeps group and others out; else why the file at `path` may
 * not be used (translated; the caller frees). */
char *config_perm_refusal(const char *path, mode_t mode, enum config_perm_kind kind);

#endif
