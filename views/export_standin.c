/* PROVISIONAL stand-in for part export's export_open (issue 15), so that the
 * dashboard's E key links and says something until that part is merged.  Weak:
 * the real one wins; the lead deletes this file at merge. */
#include "common/i18n.h"
#include "views/views.h"

__attribute__((weak)) void export_open(struct tui_ui *ui, struct db_session *db, const char *text)
{
	(void)db;
	(void)text;
	tui_ui_message(ui, TUI_MSG_INFO, "%s", _("export is not in this build yet"));
}
