#ifndef BACKDESK_APP_SAY_H
#define BACKDESK_APP_SAY_H
/* How the commands print a message that holds text they did not write: a server
 * error echoes what people typed (an order number, a login), a config warning
 * echoes the file.  The formatted text goes through common/textsafe.h, the same
 * sanitizer as the console, so no ESC reaches the terminal and no invisible
 * character hides in an identifier. */
#include <stdio.h>

/* One message: line breaks inside it become spaces (one problem, one line), a
 * line break at the end stays. */
void app_say(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The same, keeping every line break: for messages written on several lines. */
void app_say_lines(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
