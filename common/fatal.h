#ifndef BACKDESK_FATAL_H
#define BACKDESK_FATAL_H
/* Fatal errors end the program, but only after the registered cleanup (the
 * terminal's restore, above all) has run. */
#include <stdnoreturn.h>

typedef void (*fatal_cleanup_fn)(void);

/* One cleanup at a time: the console registers the terminal restore. */
void fatal_set_cleanup(fatal_cleanup_fn fn);
void fatal_run_cleanup(void);
noreturn void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
