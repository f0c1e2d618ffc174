#include "tui/toast.h"

#include <stdlib.h>

#include "common/xalloc.h"

void tui_toast_set(struct tui_toast *t, enum tui_severity sev, const char *text, long long now)
{
	free(t->text);
	t->text = xstrdup(text);
	t->sev = sev;
	t->until = now + tui_toast_ttl(sev);
}

bool tui_toast_expire(struct tui_toast *t, long long now)
{
	if (t->text == NULL || now < t->until)
		return false;
	tui_toast_clear(t);
	return true;
}

void tui_toast_clear(struct tui_toast *t)
{
	free(t->text);
	t->text = NULL;
}

long tui_toast_ttl(enum tui_severity sev)
{
	/* Errors stay long enough to be read aloud to a caller on the phone. */
	switch (sev) {
	case TUI_MSG_SUCCESS:
		return 3000;
	case TUI_MSG_WARNING:
		return 6000;
	case TUI_MSG_ERROR:
		return 10000;
	case TUI_MSG_INFO:
	default:
		return 4000;
	}
}

enum tui_role tui_toast_role(enum tui_severity sev)
{
	switch (sev) {
	case TUI_MSG_SUCCESS:
		return TUI_ATTR_OK;
	case TUI_MSG_WARNING:
		return TUI_ATTR_WARNING;
	case TUI_MSG_ERROR:
		return TUI_ATTR_ERROR;
	case TUI_MSG_INFO:
	default:
		return TUI_ATTR_NORMAL;
	}
}
