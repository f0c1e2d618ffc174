#ifndef BACKDESK_VIEWS_TICKETS_CHOOSER_H
#define BACKDESK_VIEWS_TICKETS_CHOOSER_H
/* The Tickets pane's view chooser: every view, every category, every channel, in
 * one list over the pane; Enter picks one. */
#include <stddef.h>

#include "db/tickets_list.h"
#include "tui/tui.h"

struct tickets_choice {
	enum tickets_view view;
	const char *arg;   /* its category or channel, or NULL; copied */
	const char *label; /* what the line says (with its count); copied */
};

typedef void (*tickets_chosen_fn)(void *arg, enum tickets_view view, const char *view_arg);

/* Opens over what ui shows, the line `current` selected; fn runs once when one is
 * picked (never when the chooser is closed without). */
void tickets_chooser_open(struct tui_ui *ui, const struct tickets_choice *choices, size_t n,
			  size_t current, tickets_chosen_fn fn, void *arg);

#endif
