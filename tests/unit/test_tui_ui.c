/* tui/ui without a terminal: keys in, requests to the right pane, refusals for
 * what the role may not do, tabs, pushed panes, dialogs, quitting, the status
 * line and the message line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <locale.h>

#include "common/xalloc.h"
#include "tui/confirm.h"
#include "tui/doc.h"
#include "tui/help.h"
#include "tui/msglog.h"
#include "tui/prompt.h"
#include "tui/statusline.h"
#include "tui/table_pane.h"
#include "tui/toast.h"
#include "tui/ui.h"

#define CAP_REFUND 4ull

enum { REQ_REFUND = TUI_REQ_VIEW, REQ_NOTE };

static const struct tui_binding view_keys[] = {
	{ REQ_REFUND, "F9 r", "Refund", "Refund the selected entry", CAP_REFUND },
	{ REQ_NOTE, "n", "Note", "Write a note", 0 },
};

struct view {
	int last_req, requests, destroyed, focus_changes;
	bool unsaved;
};

static unsigned v_request(struct tui_pane *p, int req)
{
	struct view *v = tui_pane_data(p);

	if (req == REQ_REFUND || req == REQ_NOTE || req == TUI_REQ_ENTER) {
		v->last_req = req;
		v->requests++;
		return TUI_HANDLED;
	}
	return TUI_IGNORED;
}

static void v_focus(struct tui_pane *p, bool on)
{
	(void)on;
	((struct view *)tui_pane_data(p))->focus_changes++;
}

static bool v_unsaved(struct tui_pane *p)
{
	return ((struct view *)tui_pane_data(p))->unsaved;
}

static void v_destroy(struct tui_pane *p)
{
	((struct view *)tui_pane_data(p))->destroyed++;
}

static const struct tui_pane_ops view_ops = {
	.kind = "test",
	.bindings = view_keys,
	.nbindings = 2,
	.keys_title = "Test",
	.on_request = v_request,
	.on_focus = v_focus,
	.unsaved = v_unsaved,
	.destroy = v_destroy,
};

static int quits, last_signo;
static char *last_command;
static int app_requests;

static void on_quit(struct tui_ui *ui, int signo, void *arg)
{
	(void)ui;
	(void)arg;
	quits++;
	last_signo = signo;
}

static void on_command(struct tui_ui *ui, const char *line, void *arg)
{
	(void)ui;
	(void)arg;
	free(last_command);
	last_command = xstrdup(line);
}

static unsigned on_app_request(struct tui_ui *ui, int req, void *arg)
{
	(void)ui;
	(void)arg;
	if (req == TUI_REQ_LOOKUP) {
		app_requests++;
		return TUI_HANDLED;
	}
	return TUI_IGNORED;
}

/* What the app (not a pane) would lose: a call in progress, in the console. */
static const char *app_would_lose;
static char *app_lost(struct tui_ui *ui, void *arg)
{
	(void)ui;
	(void)arg;
	return app_would_lose != NULL ? xstrdup(app_would_lose) : NULL;
}

static const struct tui_ui_hooks hooks = { on_app_request, on_command, on_quit, NULL, app_lost };

static void keys(struct tui_ui *ui, const char *s)
{
	for (; *s != '\0'; s++)
		tui_ui_key(ui, (tui_key)(unsigned char)*s);
}

static void keys_reach_the_focused_pane_and_the_role_is_checked(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, &hooks);
	struct view a = { 0 }, b = { 0 };
	struct tui_pane *pa = tui_pane_new(&view_ops, &a), *pb = tui_pane_new(&view_ops, &b);

	(void)state;
	assert_int_equal(tui_ui_add_tab(ui, "Orders", pa), 0);
	assert_int_equal(tui_ui_add_tab(ui, "Tickets", pb), 1);
	keys(ui, "n");
	assert_int_equal(a.last_req, REQ_NOTE);
	/* Refund needs a capability this user lacks: refused, the view never hears. */
	keys(ui, "r");
	tui_ui_key(ui, tui_key_f(9));
	assert_int_equal(a.requests, 1);
	assert_string_equal(tui_ui_message_text(ui), "not allowed for your role: Refund");
	tui_ui_set_caps(ui, CAP_REFUND);
	keys(ui, "r");
	assert_int_equal(a.last_req, REQ_REFUND);
	/* Digits and Tab switch tabs; focus is told. */
	keys(ui, "2");
	assert_int_equal(tui_ui_tab(ui), 1);
	assert_ptr_equal(tui_ui_focus(ui), pb);
	keys(ui, "n");
	assert_int_equal(b.last_req, REQ_NOTE);
	tui_ui_key(ui, TUI_KEY_TAB);
	assert_int_equal(tui_ui_tab(ui), 0);
	keys(ui, "7"); /* no seventh tab */
	assert_int_equal(tui_ui_tab(ui), 0);
	assert_true(a.focus_changes >= 2);
	/* Requests nobody in the tui takes go to the app. */
	keys(ui, "g");
	assert_int_equal(app_requests, 1);
	tui_ui_free(ui);
	assert_int_equal(a.destroyed, 1);
	assert_int_equal(b.destroyed, 1);
	tui_loop_free(loop);
}

static void enter_opens_and_esc_goes_back(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, &hooks);
	struct view root = { 0 }, detail = { 0 };
	struct tui_pane *pr = tui_pane_new(&view_ops, &root), *pd = tui_pane_new(&view_ops, &detail);

	(void)state;
	(void)tui_ui_add_tab(ui, "Orders", pr);
	tui_ui_push(ui, pd);
	assert_ptr_equal(tui_ui_current(ui), pd);
	tui_ui_key(ui, TUI_KEY_ESC);
	assert_ptr_equal(tui_ui_current(ui), pr);
	/* Freed later, never inside a handler. */
	assert_int_equal(detail.destroyed, 0);
	tui_ui_render(ui);
	assert_int_equal(detail.destroyed, 1);
	/* Esc on the root of a tab does not close it. */
	tui_ui_key(ui, TUI_KEY_ESC);
	tui_ui_render(ui);
	assert_ptr_equal(tui_ui_current(ui), pr);
	assert_int_equal(root.destroyed, 0);
	tui_ui_free(ui);
	tui_loop_free(loop);
}

static void help_and_dialogs_take_the_keys(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, &hooks);
	struct view a = { 0 };
	struct tui_pane *pa = tui_pane_new(&view_ops, &a);

	(void)state;
	(void)tui_ui_add_tab(ui, "Orders", pa);
	keys(ui, "?");
	assert_ptr_not_equal(tui_ui_focus(ui), pa);
	/* 'n' is the view's key, but the help has the keyboard now. */
	keys(ui, "n");
	assert_int_equal(a.requests, 0);
	keys(ui, "q");
	assert_ptr_equal(tui_ui_focus(ui), pa);
	assert_int_equal(quits, 0);
	/* ':' prompts for a command. */
	keys(ui, ":");
	keys(ui, "ship SO-1");
	tui_ui_key(ui, TUI_KEY_ENTER);
	assert_string_equal(last_command, "ship SO-1");
	assert_ptr_equal(tui_ui_focus(ui), pa);
	/* q quits at once when nothing is unsaved... */
	keys(ui, "q");
	assert_int_equal(quits, 1);
	assert_int_equal(last_signo, 0);
	/* ...and asks first when something is. */
	a.unsaved = true;
	keys(ui, "q");
	assert_int_equal(quits, 1);
	keys(ui, "n");
	assert_int_equal(quits, 1);
	assert_ptr_equal(tui_ui_focus(ui), pa);
	tui_ui_key(ui, tui_key_f(10));
	keys(ui, "y");
	assert_int_equal(quits, 2);
	tui_ui_free(ui);
	free(last_command);
	last_command = NULL;
	tui_loop_free(loop);
}

/* q asks whenever anything would be lost, a pane's or the app's, and asks once. */
static void quit_asks_when_anything_would_be_lost(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, &hooks);
	struct view a = { 0 };
	struct tui_pane *pa = tui_pane_new(&view_ops, &a);
	int before = quits;

	(void)state;
	(void)tui_ui_add_tab(ui, "Orders", pa);
	app_would_lose = "the call with Ayşe (in progress)";
	keys(ui, "q");
	assert_int_equal(quits, before);
	assert_ptr_not_equal(tui_ui_focus(ui), pa);
	/* q again is not a yes; n stays. */
	keys(ui, "q");
	assert_int_equal(quits, before);
	keys(ui, "n");
	assert_ptr_equal(tui_ui_focus(ui), pa);
	assert_int_equal(quits, before);
	/* F10 twice (close a dialog, then quit) is not a yes either. */
	tui_ui_key(ui, tui_key_f(10));
	tui_ui_key(ui, tui_key_f(10));
	assert_int_equal(quits, before);
	tui_ui_key(ui, tui_key_f(10));
	keys(ui, "y");
	assert_int_equal(quits, before + 1);
	app_would_lose = NULL;
	tui_ui_free(ui);
	tui_loop_free(loop);
}

static int answers_yes, answers_no;
static void on_answer(void *arg, bool yes)
{
	(void)arg;
	if (yes)
		answers_yes++;
	else
		answers_no++;
}

static char *prompt_answer;
static int prompt_calls;
static void on_prompt(void *arg, const char *text)
{
	(void)arg;
	prompt_calls++;
	free(prompt_answer);
	prompt_answer = text != NULL ? xstrdup(text) : NULL;
}

static void dialogs_answer_exactly_once(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, &hooks);

	(void)state;
	tui_confirm(ui, "Cancel order?", false, on_answer, NULL);
	tui_ui_key(ui, TUI_KEY_ENTER); /* the default is "no" */
	assert_int_equal(answers_no, 1);
	tui_confirm(ui, "Cancel order?", false, on_answer, NULL);
	tui_ui_key(ui, TUI_KEYCODE(KEY_LEFT));
	tui_ui_key(ui, TUI_KEY_ENTER);
	assert_int_equal(answers_yes, 1);
	tui_prompt(ui, "Find:", "SO-", NULL, on_prompt, NULL);
	keys(ui, "42");
	tui_ui_key(ui, TUI_KEY_ENTER);
	assert_string_equal(prompt_answer, "SO-42");
	tui_prompt(ui, "Find:", NULL, NULL, on_prompt, NULL);
	tui_ui_key(ui, TUI_KEY_ESC);
	assert_null(prompt_answer);
	/* Still open when the ui goes: answered as cancelled, once. */
	tui_confirm(ui, "Quit?", true, on_answer, NULL);
	tui_prompt(ui, "Find:", NULL, NULL, on_prompt, NULL);
	tui_ui_free(ui);
	assert_int_equal(answers_no, 2);
	assert_int_equal(prompt_calls, 3);
	tui_loop_free(loop);
}

/* The find, filter and : prompts keep every character typed or pasted: they have
 * no limit, so nothing is dropped past 200 as the lookup box would refuse it. */
static void the_prompt_keeps_every_character(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, &hooks);
	char typed[301], pasted[601];

	(void)state;
	memset(typed, 'a', 300);
	typed[300] = '\0';
	memset(pasted, 'b', 600);
	pasted[600] = '\0';
	tui_prompt(ui, "Find:", NULL, NULL, on_prompt, NULL);
	keys(ui, typed);
	tui_ui_paste(ui, pasted);
	tui_ui_key(ui, TUI_KEY_ENTER);
	assert_non_null(prompt_answer);
	assert_int_equal(strlen(prompt_answer), 900);
	assert_memory_equal(prompt_answer, typed, 300);
	assert_memory_equal(prompt_answer + 300, pasted, 600);
	tui_ui_free(ui);
	tui_loop_free(loop);
}

/* A document has no selected line: its help does not offer Enter ("Open the
 * selected line") unless the screen binds Enter itself. */
static void a_document_does_not_offer_enter(void **state)
{
	static const struct tui_binding opens[] = {
		{ TUI_REQ_ENTER, "Enter", "Open", "Open the order", 0 },
	};
	static const struct tui_pane_ops plain = { .kind = "doc-view" };
	static const struct tui_pane_ops with_enter = { .kind = "doc-view", .bindings = opens,
							 .nbindings = 1 };
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, &hooks);
	struct tui_pane *doc = tui_doc_pane_new(tui_doc_new(), &plain, NULL);
	struct tui_pane *doc2 = tui_doc_pane_new(tui_doc_new(), &with_enter, NULL);
	struct tui_keyctx ctx;
	struct tui_resolved r;

	(void)state;
	(void)tui_ui_add_tab(ui, "Order", doc);
	tui_ui_keyctx(ui, &ctx);
	assert_false(tui_keys_resolve(&ctx, TUI_KEY_ENTER, &r));
	assert_true(tui_keys_resolve(&ctx, TUI_KEY_ESC, &r));
	assert_int_equal(r.request, TUI_REQ_BACK);
	tui_ui_push(ui, doc2);
	tui_ui_keyctx(ui, &ctx);
	assert_true(tui_keys_resolve(&ctx, TUI_KEY_ENTER, &r));
	assert_int_equal(r.request, TUI_REQ_ENTER);
	tui_ui_free(ui);
	tui_loop_free(loop);
}

/* A synchronous source of 100 rows for the table pane. */
static char *seen_seek;
static void src_fetch(void *src, struct tui_table *t, const struct tui_fetch *f)
{
	struct tui_row *rows[64];
	size_t n = 0;
	long from = 0;

	(void)src;
	if (f->dir == TUI_FETCH_SEEK) {
		free(seen_seek);
		seen_seek = xstrdup(f->seek);
		from = strtol(f->seek, NULL, 10);
	} else if (f->dir == TUI_FETCH_AFTER) {
		from = *(const long *)f->anchor + 1;
	}
	if (f->dir == TUI_FETCH_BEFORE || f->dir == TUI_FETCH_LAST) {
		long to = f->dir == TUI_FETCH_LAST ? 100 : *(const long *)f->anchor;
		long cnt = (long)(f->count < 64 ? f->count : 64);

		from = to > cnt ? to - cnt : 0;
		for (long i = from; i < to; i++) {
			long *k = xmalloc(sizeof *k);

			*k = i;
			rows[n] = tui_row_new(1);
			tui_row_set_key(rows[n++], k);
		}
		tui_table_deliver(t, f->id, rows, n, from == 0);
		return;
	}
	for (long i = from; i < 100 && n < f->count && n < 64; i++) {
		long *k = xmalloc(sizeof *k);

		*k = i;
		rows[n] = tui_row_new(1);
		tui_row_take(rows[n], 0, xasprintf("row %ld", i));
		tui_row_set_key(rows[n], k);
		n++;
	}
	tui_table_deliver(t, f->id, rows, n, from + (long)n >= 100);
}

static bool same(const void *a, const void *b)
{
	return *(const long *)a == *(const long *)b;
}

static const struct tui_source_ops src_ops = { src_fetch, NULL, same, free };
static const struct tui_column one_col[] = { { "Row", 10, 1, TUI_ALIGN_LEFT, 0 } };

static void table_pane_finds_through_the_prompt(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, &hooks);
	struct view a = { 0 };
	struct tui_table *t = tui_table_new(one_col, 1, &src_ops, NULL);
	struct tui_pane *p = tui_table_pane_new(t, &view_ops, &a);

	(void)state;
	(void)tui_ui_add_tab(ui, "Rows", p);
	assert_non_null(tui_table_selected(t));
	keys(ui, "jj");
	assert_int_equal(*(const long *)tui_table_selected_key(t), 2);
	keys(ui, "/");
	keys(ui, "42");
	tui_ui_key(ui, TUI_KEY_ENTER);
	assert_string_equal(seen_seek, "42");
	assert_int_equal(*(const long *)tui_table_selected_key(t), 42);
	{
		/* Find is on the bar of a list, and only there. */
		struct tui_keyctx ctx;
		struct tui_pane *plain = tui_pane_new(&view_ops, &a);
		const struct tui_binding *f3;

		tui_ui_keyctx(ui, &ctx);
		f3 = tui_keys_fkey(&ctx, 3);
		assert_non_null(f3);
		assert_int_equal(f3->request, TUI_REQ_FIND);
		/* No sortable column in this table: no Sort on its bar either. */
		assert_null(tui_keys_fkey(&ctx, 6));
		tui_ui_push(ui, plain);
		tui_ui_keyctx(ui, &ctx);
		assert_null(tui_keys_fkey(&ctx, 3));
		tui_ui_key(ui, TUI_KEY_ESC);
		assert_ptr_equal(tui_ui_focus(ui), p);
	}
	/* Enter goes to the view (it opens things); the table moves. */
	tui_ui_key(ui, TUI_KEY_ENTER);
	assert_int_equal(a.last_req, TUI_REQ_ENTER);
	tui_ui_key(ui, TUI_KEYCODE(KEY_HOME));
	assert_int_equal(*(const long *)tui_table_selected_key(t), 0);
	keys(ui, "\\");
	keys(ui, "late");
	tui_ui_key(ui, TUI_KEY_ENTER);
	assert_string_equal(tui_table_filter(t), "late");
	assert_non_null(tui_pane_info(p));
	tui_ui_free(ui);
	free(seen_seek);
	tui_loop_free(loop);
}

static void status_line_and_messages(void **state)
{
	struct tui_status *st = tui_status_new();
	struct tui_toast toast = { 0 };
	int user = tui_status_add(st, TUI_SIDE_LEFT), conn = tui_status_add(st, TUI_SIDE_RIGHT);
	int call = tui_status_add(st, TUI_SIDE_RIGHT);
	char *s;

	(void)state;
	tui_status_set(st, user, "ayse (agent)", TUI_ATTR_STATUS);
	tui_status_set(st, conn, "connection lost", TUI_ATTR_STATUS_ALERT);
	assert_int_equal(tui_status_period(st), 0);
	tui_status_spinner(st, conn, true);
	assert_int_equal(tui_status_period(st), 100);
	s = tui_status_text(st, conn, 0);
	assert_true(strstr(s, "connection lost") != NULL);
	assert_true(strlen(s) > strlen("connection lost"));
	free(s);
	tui_status_spinner(st, conn, false);
	tui_status_set(st, call, "call", TUI_ATTR_STATUS);
	tui_status_stopwatch(st, call, 1000);
	assert_int_equal(tui_status_period(st), 1000);
	s = tui_status_text(st, call, 1000 + 125000);
	assert_string_equal(s, "call 02:05");
	free(s);
	s = tui_status_text(st, call, 1000 + 3725000);
	assert_string_equal(s, "call 1:02:05");
	free(s);
	tui_status_free(st);

	tui_toast_set(&toast, TUI_MSG_ERROR, "not allowed", 1000);
	assert_false(tui_toast_expire(&toast, 1000 + tui_toast_ttl(TUI_MSG_ERROR) - 1));
	assert_true(tui_toast_expire(&toast, 1000 + tui_toast_ttl(TUI_MSG_ERROR)));
	assert_null(toast.text);
	assert_int_equal(tui_toast_role(TUI_MSG_SUCCESS), TUI_ATTR_OK);
}

/* The long message of the walkthrough, cut at 80 columns then. */
static const char long_msg[] =
	"SO-100302 was handed to the carrier this morning, so cancelling it is no longer "
	"possible. After it arrives the customer may send it back within 14 days.";

static void long_messages_get_two_rows_and_the_log_keeps_them(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, &hooks);
	struct view a = { 0 };
	struct tui_pane *pa = tui_pane_new(&view_ops, &a);
	const struct tui_msglog *log = tui_ui_messages(ui);
	time_t when;
	int h;

	(void)state;
	(void)tui_ui_add_tab(ui, "Orders", pa);
	h = tui_pane_rect(pa).h;
	tui_ui_message(ui, TUI_MSG_INFO, "short");
	assert_int_equal(tui_ui_message_rows(ui), 1);
	assert_int_equal(tui_pane_rect(pa).h, h);
	/* Wider than the 80 columns: the message area takes a second row from the pane. */
	tui_ui_message(ui, TUI_MSG_ERROR, "%s", long_msg);
	assert_int_equal(tui_ui_message_rows(ui), 2);
	assert_int_equal(tui_pane_rect(pa).h, h - 1);
	/* The prompt sits on the message line: one row while it is open. */
	keys(ui, ":");
	assert_int_equal(tui_ui_message_rows(ui), 1);
	tui_ui_key(ui, TUI_KEY_ESC);
	assert_int_equal(tui_ui_message_rows(ui), 2);
	tui_ui_clear_message(ui);
	assert_int_equal(tui_ui_message_rows(ui), 1);
	assert_int_equal(tui_pane_rect(pa).h, h);
	/* The log has both, newest first, whole. */
	assert_int_equal(tui_msglog_count(log), 2);
	assert_string_equal(tui_msglog_get(log, 0, NULL, &when), long_msg);
	assert_true(when > 0);
	assert_string_equal(tui_msglog_get(log, 1, NULL, NULL), "short");
	assert_null(tui_msglog_get(log, 2, NULL, NULL));
	/* F2 opens it over the screen; Esc closes it. */
	tui_ui_key(ui, tui_key_f(2));
	assert_ptr_not_equal(tui_ui_focus(ui), pa);
	tui_ui_key(ui, TUI_KEY_ESC);
	assert_ptr_equal(tui_ui_focus(ui), pa);
	/* In a dialog F2 is its own (a form's Save): Ctrl-P opens the log there. */
	tui_confirm(ui, "Cancel order?", false, on_answer, NULL);
	{
		struct tui_pane *dlg = tui_ui_focus(ui);

		tui_ui_key(ui, TUI_KEY_CTRL('P'));
		assert_ptr_not_equal(tui_ui_focus(ui), dlg);
		tui_ui_key(ui, TUI_KEY_ESC);
		assert_ptr_equal(tui_ui_focus(ui), dlg);
	}
	tui_ui_free(ui);
	tui_loop_free(loop);
}

static void the_log_keeps_the_last_fifty(void **state)
{
	struct tui_msglog *log = tui_msglog_new(TUI_MSGLOG_MAX);
	enum tui_severity sev;

	(void)state;
	for (int i = 0; i < 60; i++) {
		char *s = xasprintf("message %d", i);

		tui_msglog_add(log, i == 59 ? TUI_MSG_ERROR : TUI_MSG_INFO, s, 1000 + i);
		free(s);
	}
	assert_int_equal(tui_msglog_count(log), 50);
	assert_string_equal(tui_msglog_get(log, 0, &sev, NULL), "message 59");
	assert_int_equal(sev, TUI_MSG_ERROR);
	assert_string_equal(tui_msglog_get(log, 49, NULL, NULL), "message 10");
	tui_msglog_free(log);
}

static void a_stale_message_goes_when_the_screen_changes(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, &hooks);
	struct view root = { 0 }, d1 = { 0 }, d2 = { 0 };
	struct tui_pane *pr = tui_pane_new(&view_ops, &root);

	(void)state;
	(void)tui_ui_add_tab(ui, "Orders", pr);
	/* Said, then a key, then another screen: it was about the screen before. */
	tui_ui_message(ui, TUI_MSG_ERROR, "about the previous caller");
	keys(ui, "n");
	tui_ui_push(ui, tui_pane_new(&view_ops, &d1));
	assert_null(tui_ui_message_text(ui));
	/* Said by what opened the screen (after the last key): it stays. */
	tui_ui_message(ui, TUI_MSG_INFO, "opened the order");
	tui_ui_push(ui, tui_pane_new(&view_ops, &d2));
	assert_string_equal(tui_ui_message_text(ui), "opened the order");
	/* Going back is a change too. */
	tui_ui_key(ui, TUI_KEY_ESC);
	assert_null(tui_ui_message_text(ui));
	/* A dialog is not: the message stays under it. */
	tui_ui_message(ui, TUI_MSG_WARNING, "check the address");
	keys(ui, "?");
	tui_ui_key(ui, TUI_KEY_ESC);
	assert_string_equal(tui_ui_message_text(ui), "check the address");
	tui_ui_free(ui);
	tui_loop_free(loop);
}

static void a_fresh_lookup_replaces_the_previous_callers_screens(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, &hooks);
	struct view root = { 0 }, a = { 0 }, a_order = { 0 }, b = { 0 }, c = { 0 }, d = { 0 };
	struct tui_pane *pr = tui_pane_new(&view_ops, &root);
	struct tui_pane *pb = tui_pane_new(&view_ops, &b), *pc, *pd;

	(void)state;
	(void)tui_ui_add_tab(ui, "Orders", pr);
	tui_ui_push(ui, tui_pane_new(&view_ops, &a));
	tui_ui_push(ui, tui_pane_new(&view_ops, &a_order));
	tui_ui_replace(ui, pb);
	assert_ptr_equal(tui_ui_current(ui), pb);
	tui_ui_render(ui);
	assert_int_equal(a.destroyed, 1);
	assert_int_equal(a_order.destroyed, 1);
	/* Esc from the new caller: the list, not the previous caller. */
	tui_ui_key(ui, TUI_KEY_ESC);
	assert_ptr_equal(tui_ui_current(ui), pr);
	/* A screen with unsaved typing is not thrown away: it stays under the new one. */
	c.unsaved = true;
	pc = tui_pane_new(&view_ops, &c);
	tui_ui_push(ui, pc);
	pd = tui_pane_new(&view_ops, &d);
	tui_ui_replace(ui, pd);
	assert_ptr_equal(tui_ui_current(ui), pd);
	tui_ui_key(ui, TUI_KEY_ESC);
	assert_ptr_equal(tui_ui_current(ui), pc);
	assert_int_equal(c.destroyed, 0);
	tui_ui_free(ui);
	tui_loop_free(loop);
}

static int help_more_calls;
static void help_more(void *arg, tui_caps caps, tui_help_fn add, void *add_arg)
{
	(void)arg;
	(void)caps;
	help_more_calls++;
	add(add_arg, "Commands", ":order NUMBER",
	    "One order: lines, parcels, payments, history, actions, and a text long enough "
	    "to need a second row in any dialog of eighty columns");
}

static void the_help_fits_and_offers_no_dead_keys(void **state)
{
	struct tui_keymap *g = tui_keymap_global();
	struct tui_keyctx ctx = { { g }, 1, 0, NULL, NULL, false };
	const struct tui_help_more more = { help_more, NULL };
	char **rows;
	size_t n = tui_help_rows(&ctx, &more, 76, &rows);
	bool wrapped = false, left = false, messages = false;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		/* The dialog's inside at 80 columns: nothing wider, so nothing cut. */
		assert_true(tui_text_width(rows[i]) <= 76);
		if (strstr(rows[i], "eighty columns") != NULL && strstr(rows[i], ":order") == NULL)
			wrapped = true;
		if (strstr(rows[i], "Move left") != NULL || strstr(rows[i], "Move right") != NULL)
			left = true;
		if (strstr(rows[i], "F2, Ctrl-P") != NULL)
			messages = true;
		free(rows[i]);
	}
	free(rows);
	assert_true(wrapped);  /* the long text went on under itself */
	assert_false(left);    /* Left/Right move nothing in a list or a detail screen */
	assert_true(messages); /* the log's key is in the help */
	tui_keymap_free(g);
}

static void help_from_the_prompt_is_the_screens(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, &hooks);
	struct view a = { 0 };
	struct tui_pane *pa = tui_pane_new(&view_ops, &a);
	int calls;

	(void)state;
	(void)tui_ui_add_tab(ui, "Orders", pa);
	tui_prompt(ui, ":", NULL, NULL, on_prompt, NULL);
	calls = prompt_calls;
	/* :help typed at the prompt: the prompt goes (answered once, as cancelled) and
	 * the help is for the screen, so one Esc leads back to it. */
	tui_ui_help_at(ui, "Commands");
	assert_ptr_not_equal(tui_ui_focus(ui), pa);
	tui_ui_render(ui);
	assert_int_equal(prompt_calls, calls + 1);
	tui_ui_key(ui, TUI_KEY_ESC);
	assert_ptr_equal(tui_ui_focus(ui), pa);
	tui_ui_free(ui);
	tui_loop_free(loop);
}

static void esc_takes_the_filter_away_first(void **state)
{
	struct tui_loop *loop = tui_loop_new();
	struct tui_ui *ui = tui_ui_new(loop, &hooks);
	struct view root = { 0 }, a = { 0 };
	struct tui_pane *pr = tui_pane_new(&view_ops, &root);
	struct tui_table *t = tui_table_new(one_col, 1, &src_ops, NULL);
	struct tui_pane *p = tui_table_pane_new(t, &view_ops, &a);

	(void)state;
	(void)tui_ui_add_tab(ui, "Orders", pr);
	tui_ui_push(ui, p);
	keys(ui, "\\");
	keys(ui, "late");
	tui_ui_key(ui, TUI_KEY_ENTER);
	assert_string_equal(tui_table_filter(t), "late");
	tui_ui_key(ui, TUI_KEY_ESC);
	assert_null(tui_table_filter(t));
	assert_null(tui_pane_info(p));
	assert_ptr_equal(tui_ui_current(ui), p);
	/* Without a filter, Esc goes back. */
	tui_ui_key(ui, TUI_KEY_ESC);
	assert_ptr_equal(tui_ui_current(ui), pr);
	tui_ui_free(ui);
	tui_loop_free(loop);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keys_reach_the_focused_pane_and_the_role_is_checked),
		cmocka_unit_test(enter_opens_and_esc_goes_back),
		cmocka_unit_test(help_and_dialogs_take_the_keys),
		cmocka_unit_test(dialogs_answer_exactly_once),
		cmocka_unit_test(the_prompt_keeps_every_character),
		cmocka_unit_test(a_document_does_not_offer_enter),
		cmocka_unit_test(quit_asks_when_anything_would_be_lost),
		cmocka_unit_test(table_pane_finds_through_the_prompt),
		cmocka_unit_test(status_line_and_messages),
		cmocka_unit_test(long_messages_get_two_rows_and_the_log_keeps_them),
		cmocka_unit_test(the_log_keeps_the_last_fifty),
		cmocka_unit_test(a_stale_message_goes_when_the_screen_changes),
		cmocka_unit_test(a_fresh_lookup_replaces_the_previous_callers_screens),
		cmocka_unit_test(the_help_fits_and_offers_no_dead_keys),
		cmocka_unit_test(help_from_the_prompt_is_the_screens),
		cmocka_unit_test(esc_takes_the_filter_away_first),
	};

	(void)setlocale(LC_ALL, "C.UTF-8");
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
