#ifndef BACKDESK_TUI_LOOP_SIGNAL_H
#define BACKDESK_TUI_LOOP_SIGNAL_H
/* The signal self-pipe behind tui_loop_signal() (internal to tui/loop.c).  The
 * handler only writes the signal's number as one byte; everything else happens in
 * the loop.  One pipe per process. */

/* Creates the pipe (non-blocking, close-on-exec) once; returns its read end. */
int tui_sigpipe_open(void);
void tui_sigpipe_close(void);
/* Installs the byte-writing handler for signo, remembering the old disposition. */
void tui_sigpipe_catch(int signo);
/* Puts back what was there before tui_sigpipe_catch(signo). */
void tui_sigpipe_release(int signo);
/* Reads pending signal numbers into sigs (at most max); returns how many. */
int tui_sigpipe_read(int fd, int *sigs, int max);

#endif
