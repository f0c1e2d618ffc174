#ifndef BACKDESK_TUI_PROMPT_H
#define BACKDESK_TUI_PROMPT_H
/* A one-line question on the message line: "Find: ____".  Editing as in
 * tui/edit.h; Up/Down walk the history when one is given; Enter answers, Esc
 * cancels.  The callback runs exactly once: with the text, or with NULL when the
 * prompt was cancelled or closed (also when the ui is freed). */
#include <stddef.h>

#include "tui/ui.h"

typedef void (*tui_prompt_fn)(void *arg, const char *text);

/* Remembered answers, newest last; at most `max`. */
struct tui_history;
struct tui_history *tui_history_new(size_t max);
void tui_history_free(struct tui_history *h);
void tui_history_add(struct tui_history *h, const char *text);
size_t tui_history_len(const struct tui_history *h);
/* 0 is the oldest. */
const char *tui_history_get(const struct tui_history *h, size_t i);

/* label and initial are copied; history (may be NULL) must outlive the prompt. */
void tui_prompt(struct tui_ui *ui, const char *label, const char *initial,
		struct tui_history *history, tui_prompt_fn fn, void *arg);

#endif
