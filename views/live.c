#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "views/views.h"

struct live {
	struct tui_pane *pane;
	char *channel;
	view_live_fn fn;
};

static struct live *lives;
static size_t nlives, cap;

void views_live_add(struct tui_pane *p, const char *channel, view_live_fn fn)
{
	lives = xgrow(lives, &cap, nlives + 1, sizeof *lives);
	lives[nlives].pane = p;
	lives[nlives].channel = xstrdup(channel);
	lives[nlives].fn = fn;
	nlives++;
}

void views_live_remove(struct tui_pane *p)
{
	size_t j = 0;

	for (size_t i = 0; i < nlives; i++) {
		if (lives[i].pane == p)
			free(lives[i].channel);
		else
			lives[j++] = lives[i];
	}
	nlives = j;
	if (nlives == 0) {
		free(lives);
		lives = NULL;
		cap = 0;
	}
}

static void notify(const char *channel)
{
	/* A callback may open or close panes: walk a copy. */
	size_t n = nlives;
	struct live *copy = xcalloc(n + 1, sizeof *copy);

	memcpy(copy, lives, n * sizeof *copy);
	for (size_t i = 0; i < n; i++) {
		bool still = false;

		for (size_t k = 0; k < nlives; k++)
			still = still || (lives[k].pane == copy[i].pane && lives[k].fn == copy[i].fn);
		if (still && (channel == NULL || strcmp(copy[i].channel, channel) == 0))
			copy[i].fn(copy[i].pane);
	}
	free(copy);
}

void views_notify(const char *channel)
{
	notify(channel);
}

void views_notify_all(void)
{
	notify(NULL);
}

tui_caps views_caps_for_role(const char *role)
{
	if (strcmp(role, "admin") == 0)
		return CAP_VIEW_ORDERS | CAP_VIEW_PAYMENTS | CAP_EXPORT | CAP_ORDER_WRITE;
	if (strcmp(role, "supervisor") == 0)
		return CAP_VIEW_ORDERS | CAP_VIEW_PAYMENTS | CAP_EXPORT;
	if (strcmp(role, "agent") == 0)
		return CAP_VIEW_ORDERS | CAP_VIEW_PAYMENTS | CAP_ORDER_WRITE;
	if (strcmp(role, "warehouse") == 0)
		return CAP_VIEW_ORDERS;
	return 0;
}
