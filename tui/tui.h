#ifndef BACKDESK_TUI_TUI_H
#define BACKDESK_TUI_TUI_H
/* The terminal toolkit, in one include.  It knows nothing of shops or databases:
 * views (views/) put their columns, keys and row sources on it.  tui/README.md
 * walks through a whole view; in short:
 *
 *   static const struct tui_column cols[] = {
 *           { N_("Number"), 10, 0, TUI_ALIGN_LEFT, TUI_COL_SORTABLE },
 *           { N_("Customer"), 12, 2, TUI_ALIGN_LEFT, 0 },      // flexible
 *   };
 *   enum { REQ_CANCEL = TUI_REQ_VIEW };
 *   static const struct tui_binding keys[] = {
 *           { REQ_CANCEL, "F8 c", N_("Cancel"), N_("Cancel the selected entry"), CAP_CANCEL },
 *   };
 *   static unsigned on_request(struct tui_pane *p, int req)
 *   {
 *           if (req == REQ_CANCEL) { ...; return TUI_HANDLED; }
 *           return TUI_IGNORED;             // the table takes arrows, /, \, sort
 *   }
 *   static const struct tui_pane_ops ops = { .kind = "x", .bindings = keys,
 *           .nbindings = 1, .on_request = on_request };
 *
 *   struct tui_table *t = tui_table_new(cols, 2, &my_source_ops, my_source);
 *   tui_ui_add_tab(ui, _("Things"), tui_table_pane_new(t, &ops, my_view));
 *
 * and the row source answers each fetch later with tui_table_deliver().
 *
 * Layers: loop (poll, timers, signals) < input (keys) < screen (ncurses, theme)
 * < draw/utf8 (the only way text reaches the terminal) < keymap < pane < widgets
 * (table, form, prompt, confirm, help) < ui (tabs, dialogs, bars, dispatch). */

#include "tui/confirm.h"
#include "tui/draw.h"
#include "tui/edit.h"
#include "tui/fkeybar.h"
#include "tui/form.h"
#include "tui/help.h"
#include "tui/input.h"
#include "tui/key.h"
#include "tui/keymap.h"
#include "tui/loop.h"
#include "tui/msglog.h"
#include "tui/pane.h"
#include "tui/prompt.h"
#include "tui/screen.h"
#include "tui/statusline.h"
#include "tui/table.h"
#include "tui/table_pane.h"
#include "tui/theme.h"
#include "tui/toast.h"
#include "tui/ui.h"
#include "tui/utf8.h"

#endif
