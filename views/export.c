/* The console's export (`:export [LIST [SINCE [UNTIL]]]`): a form asks which list,
 * the shop days and the file, then the export runs on a thread of its own with a
 * connection of its own (db/export.c blocks, the loop must not), writing FILE.part
 * and renaming it when whole.  The thread tells the loop through a pipe, at most a
 * few times a second, and a dialog shows the rows so far; Esc cancels (the .part
 * goes).  One export at a time: a second :export while one runs shows it again. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/i18n.h"
#include "common/locale_fmt.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "db/export.h"
#include "views/views.h"

enum { EF_LIST, EF_SINCE, EF_UNTIL, EF_FILE, EF_COUNT };
enum { POKE_MS = 250 };

static const char *const lists[] = { N_("tickets"), N_("orders"), N_("returns"), N_("refunds"), N_("shipments"), NULL };

static char *check_file(const char *value, void *arg);

static const struct tui_field_spec fields[EF_COUNT] = {
	[EF_LIST] = { TUI_FIELD_CHOICE, N_("List"), true, 0, 0, 0, lists, 0, NULL },
	[EF_SINCE] = { TUI_FIELD_DATE, N_("Since (day)"), false, 10, 0, 0, NULL, 0, NULL },
	[EF_UNTIL] = { TUI_FIELD_DATE, N_("Until (day)"), false, 10, 0, 0, NULL, 0, NULL },
	[EF_FILE] = { TUI_FIELD_TEXT, N_("File"), true, 1024, 0, 0, NULL, 0, check_file },
};

/* One export under way: what the thread reads (set before it starts), what it
 * writes (rows, then the outcome before `done`), and the loop's side. */
struct run {
	enum export_kind kind;
	char since[11], until[11];
	char **keys, **vals;
	char *file, *part;
	FILE *out;
	int pipe[2], wake[2];
	volatile sig_atomic_t cancel;
	atomic_llong rows;
	atomic_int done;
	long long poked_ms; /* the thread's */
	enum export_result res;
	long long final_rows;
	char *err;
	pthread_t thread;
	struct tui_ui *ui;
	struct tui_pane *dialog;
	unsigned long watch, work;
};

static struct {
	struct tui_form *form;
	struct tui_ui *ui;
	struct db_session *db;
	char *auto_file; /* the file name we put in the field, while unchanged */
	struct run *run;
} ex;

static char *expand(const char *path)
{
	const char *home = getenv("HOME");

	if (path[0] == '~' && (path[1] == '/' || path[1] == '\0') && home != NULL && home[0] != '\0')
		return xasprintf("%s%s", home, path + 1);
	return xstrdup(path);
}

/* The folder must exist and take a new file; the file, if it exists, must be a
 * file.  Said before anything starts, next to the field. */
static char *check_file(const char *value, void *arg)
{
	char *path = expand(value), *dir, *slash, *msg = NULL;
	struct stat st;
	size_t len = strlen(path);

	(void)arg;
	if (len == 0 || path[len - 1] == '/' || (stat(path, &st) == 0 && S_ISDIR(st.st_mode))) {
		free(path);
		return xstrdup(_("that is a folder: add a file name, like backdesk.csv"));
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		free(path);
		return xstrdup(_("that is not a regular file"));
	}
	slash = strrchr(path, '/');
	dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") : xasprintf("%.*s", (int)(slash - path), path);
	if (stat(dir, &st) != 0)
		msg = errno == ENOENT ? xasprintf(_("the folder %s does not exist"), dir)
				      : xasprintf(_("cannot reach the folder %s: %s"), dir, strerror(errno));
	else if (!S_ISDIR(st.st_mode))
		msg = xasprintf(_("%s is not a folder"), dir);
	else if (access(dir, W_OK | X_OK) != 0)
		msg = xasprintf(_("cannot write in the folder %s: %s"), dir, strerror(errno));
	free(dir);
	free(path);
	return msg;
}

static char *default_file(const char *list)
{
	time_t now = time(NULL);
	struct tm tm;
	char day[16] = "today";

	if (localtime_r(&now, &tm) != NULL)
		(void)strftime(day, sizeof day, "%Y-%m-%d", &tm);
	return xasprintf("~/backdesk-%s-%s.csv", list, day);
}

/* ---- The thread. ---- */

static void poke(struct run *r)
{
	char b = 'x';

	/* Full pipe: the loop has a wake-up waiting already. */
	if (write(r->pipe[1], &b, 1) < 0 && errno != EAGAIN)
		return;
}

static void on_rows(void *arg, long long rows)
{
	struct run *r = arg;
	long long now = tui_loop_now();

	atomic_store(&r->rows, rows);
	if (now - r->poked_ms >= POKE_MS) {
		r->poked_ms = now;
		poke(r);
	}
}

static void *run_thread(void *arg)
{
	struct run *r = arg;
	struct export_job job = { 0 };
	long long rows = 0;
	char *err = NULL;
	PGconn *c = db_export_connect((const char *const *)r->keys, (const char *const *)r->vals, &err);

	r->res = EXPORT_FAILED;
	if (c != NULL) {
		job.conn = c;
		job.kind = r->kind;
		job.since = r->since[0] != '\0' ? r->since : NULL;
		job.until = r->until[0] != '\0' ? r->until : NULL;
		job.out = r->out;
		job.progress = on_rows;
		job.arg = r;
		job.cancel = &r->cancel;
		job.wake_fd = r->wake[0];
		r->res = db_export_run(&job, &rows, &err);
		PQfinish(c);
	} else if (r->cancel) {
		r->res = EXPORT_CANCELLED;
	}
	r->err = err;
	r->final_rows = rows;
	atomic_store(&r->done, 1);
	poke(r);
	return NULL;
}

/* ---- The loop's side. ---- */

/* 1234567 as 1,234,567: a count read at a glance. */
static void grouped(long long n, char *buf, size_t size)
{
	char digits[32];
	size_t len, o = 0;

	(void)snprintf(digits, sizeof digits, "%lld", n < 0 ? 0 : n);
	len = strlen(digits);
	for (size_t i = 0; i < len && o + 2 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}


static void free_strv(char **v)
{
	if (v == NULL)
		return;
	for (size_t i = 0; v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		(void)close(*fd);
	*fd = -1;
}

/* Makes the file whole on disk, then names it; 0, or -1 with *err. */
static int finish_file(struct run *r, char **err)
{
	FILE *f = r->out;

	r->out = NULL;
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		*err = xasprintf(_("writing %s failed: %s"), r->part, strerror(errno));
		(void)fclose(f);
		return -1;
	}
	if (fclose(f) != 0) {
		*err = xasprintf(_("writing %s failed: %s"), r->part, strerror(errno));
		return -1;
	}
	if (rename(r->part, r->file) != 0) {
		*err = xasprintf(_("cannot rename %s to %s: %s"), r->part, r->file, strerror(errno));
		return -1;
	}
	return 0;
}

/* The thread has ended (or is joined now): the file is named or removed, the
 * message says how it went, and the run is freed. */
static void run_end(struct run *r, bool say)
{
	struct tui_loop *loop = tui_ui_loop(r->ui);
	char *err = NULL;

	(void)pthread_join(r->thread, NULL);
	tui_loop_remove(loop, r->watch);
	tui_loop_remove(loop, r->work);
	if (r->res == EXPORT_DONE && finish_file(r, &err) == 0) {
		char n[40];

		grouped(r->final_rows, n, sizeof n);
		if (say)
			tui_ui_message(r->ui, TUI_MSG_SUCCESS, _("Exported %s %s to %s"), n,
				       _(export_kind_name(r->kind)), r->file);
	} else {
		if (r->out != NULL)
			(void)fclose(r->out);
		(void)unlink(r->part);
		if (say && r->res == EXPORT_CANCELLED)
			tui_ui_message(r->ui, TUI_MSG_WARNING, _("Export cancelled; %s was not written"), r->file);
		else if (say)
			tui_ui_message(r->ui, TUI_MSG_ERROR, _("Export failed; %s was not written: %s"), r->file,
				       err != NULL ? err : r->err != NULL ? r->err : "?");
	}
	free(err);
	close_fd(&r->pipe[0]);
	close_fd(&r->pipe[1]);
	close_fd(&r->wake[0]);
	close_fd(&r->wake[1]);
	free_strv(r->keys);
	free_strv(r->vals);
	free(r->err);
	free(r->file);
	free(r->part);
	if (ex.run == r)
		ex.run = NULL;
	free(r);
}

static void run_cancel(struct run *r)
{
	char b = 'c';

	r->cancel = 1;
	if (write(r->wake[1], &b, 1) < 0 && errno != EAGAIN)
		return;
}

static void on_pipe(int fd, int revents, void *arg)
{
	struct run *r = arg;
	char buf[64];

	(void)revents;
	while (read(fd, buf, sizeof buf) > 0)
		;
	if (atomic_load(&r->done)) {
		struct tui_pane *d = r->dialog;

		r->dialog = NULL;
		if (d != NULL) {
			tui_pane_set_data(d, NULL);
			tui_ui_close(r->ui, d);
		}
		run_end(r, true);
		return;
	}
	if (r->dialog != NULL)
		tui_pane_dirty(r->dialog);
}

/* Work in flight for the test mode's idle (tui/testmode.h) while the thread runs:
 * a one-shot timer that keeps itself pending. */
static void keep_busy(void *arg)
{
	struct run *r = arg;

	r->work = tui_loop_timer(tui_ui_loop(r->ui), 60000, keep_busy, r);
}

/* ---- The progress dialog. ---- */

static const struct tui_binding dialog_keys[] = {
	{ TUI_REQ_CANCEL, "Esc F10", N_("Cancel"), N_("Stop the export; the file is not written"), 0 },
};

/* The end of s in at most w cells, "…" before it when cut (on a character's start). */
static char *tail_fit(const char *s, int w)
{
	const char *t = s;

	if (tui_text_width(s) <= w)
		return xstrdup(s);
	while (*t != '\0' && (tui_text_width(t) > w - 1 || ((unsigned char)*t & 0xC0) == 0x80))
		t++;
	return xasprintf("…%s", t);
}

static void dialog_draw(struct tui_pane *p, struct tui_canvas *cv)
{
	struct run *r = tui_pane_data(p);
	char *line, n[40];
	int w = cv->r.w - 2;

	if (r == NULL)
		return;
	line = xasprintf(_("Exporting %s to"), _(export_kind_name(r->kind)));
	tui_draw_text(cv->win, cv->r.y, cv->r.x + 1, w, line, TUI_ALIGN_LEFT, TUI_ATTR_DIALOG);
	free(line);
	/* The end of a long name is the part that tells files apart. */
	line = tail_fit(r->file, w);
	tui_draw_text(cv->win, cv->r.y + 1, cv->r.x + 1, w, line, TUI_ALIGN_LEFT, TUI_ATTR_DIALOG);
	free(line);
	grouped(atomic_load(&r->rows), n, sizeof n);
	if (r->cancel)
		line = xstrdup(_("cancelling…"));
	else if (atomic_load(&r->rows) == 0)
		/* A plan with hash joins sends its first row only once it has them all. */
		line = xstrdup(_("the database is gathering the rows…"));
	else
		line = xasprintf(_("%s rows so far"), n);
	tui_draw_text(cv->win, cv->r.y + 3, cv->r.x + 1, w, line, TUI_ALIGN_LEFT, TUI_ATTR_DIALOG);
	free(line);
}

static unsigned dialog_request(struct tui_pane *p, int req)
{
	struct run *r = tui_pane_data(p);

	/* Closing is the thread's business: the dialog goes when it has ended. */
	if ((req != TUI_REQ_CANCEL && req != TUI_REQ_BACK) || r == NULL)
		return TUI_IGNORED;
	run_cancel(r);
	return TUI_HANDLED | TUI_REDRAW;
}

static char *dialog_lost(struct tui_pane *p)
{
	struct run *r = tui_pane_data(p);

	return r == NULL ? NULL : xasprintf(_("the export to %s, under way"), r->file);
}

/* Closed by anything but the end of the export (the console quits): stop it and
 * wait for the thread, which sees the cancel at once. */
static void dialog_destroy(struct tui_pane *p)
{
	struct run *r = tui_pane_data(p);

	if (r == NULL)
		return;
	r->dialog = NULL;
	run_cancel(r);
	run_end(r, false);
}

static const struct tui_pane_ops dialog_ops = {
	.kind = "export",
	.bindings = dialog_keys,
	.nbindings = sizeof dialog_keys / sizeof dialog_keys[0],
	.keys_title = N_("Export"),
	.draw = dialog_draw,
	.on_request = dialog_request,
	.lost = dialog_lost,
	.destroy = dialog_destroy,
};

static void show_dialog(struct run *r)
{
	r->dialog = tui_pane_new(&dialog_ops, r);
	tui_pane_set_title(r->dialog, _("Export"));
	tui_pane_set_size(r->dialog, 4, 76);
	tui_pane_set_flags(r->dialog, TUI_PANE_MODAL_KEYS);
	tui_ui_dialog(r->ui, r->dialog);
}

static char **copy_strv(const char *const *v)
{
	size_t n = 0;
	char **c;

	while (v[n] != NULL)
		n++;
	c = xcalloc(n + 1, sizeof *c);
	for (size_t i = 0; i < n; i++)
		c[i] = xstrdup(v[i]);
	return c;
}

static int open_pipe(int fds[2])
{
	if (pipe(fds) != 0)
		return -1;
	for (int i = 0; i < 2; i++)
		if (fcntl(fds[i], F_SETFL, O_NONBLOCK) != 0 || fcntl(fds[i], F_SETFD, FD_CLOEXEC) != 0)
			return -1;
	return 0;
}

/* Starts the export the form describes; false (with the reason said) when it
 * could not start. */
static bool start(struct tui_form *f)
{
	struct run *r = xcalloc(1, sizeof *r);
	const char *const *keys, *const *vals;
	char *msg = NULL;
	int fd;

	r->ui = ex.ui;
	r->pipe[0] = r->pipe[1] = r->wake[0] = r->wake[1] = -1;
	(void)export_kind_parse(tui_form_value(f, EF_LIST), &r->kind);
	(void)snprintf(r->since, sizeof r->since, "%s", tui_form_value(f, EF_SINCE));
	(void)snprintf(r->until, sizeof r->until, "%s", tui_form_value(f, EF_UNTIL));
	r->file = expand(tui_form_value(f, EF_FILE));
	r->part = xasprintf("%s.part", r->file);
	db_session_conn_params(ex.db, &keys, &vals);
	r->keys = copy_strv(keys);
	r->vals = copy_strv(vals);
	/* Its owner's only: it holds customers' names. */
	fd = open(r->part, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || (r->out = fdopen(fd, "w")) == NULL) {
		msg = xasprintf(_("cannot write %s: %s"), r->file, strerror(errno));
		if (fd >= 0) {
			(void)close(fd);
			(void)unlink(r->part);
		}
	} else if (open_pipe(r->pipe) != 0 || open_pipe(r->wake) != 0) {
		msg = xasprintf(_("cannot start the export: %s"), strerror(errno));
	} else {
		(void)setvbuf(r->out, NULL, _IOFBF, 1 << 16);
		r->watch = tui_loop_add_fd(tui_ui_loop(r->ui), r->pipe[0], TUI_IO_IN, on_pipe, r);
		r->work = tui_loop_timer(tui_ui_loop(r->ui), 60000, keep_busy, r);
		if (pthread_create(&r->thread, NULL, run_thread, r) == 0) {
			ex.run = r;
			show_dialog(r);
			return true;
		}
		msg = xstrdup(_("cannot start the export: no thread"));
		tui_loop_remove(tui_ui_loop(r->ui), r->watch);
		tui_loop_remove(tui_ui_loop(r->ui), r->work);
	}
	tui_form_set_error(f, EF_FILE, msg);
	free(msg);
	if (r->out != NULL) {
		(void)fclose(r->out);
		(void)unlink(r->part);
	}
	close_fd(&r->pipe[0]);
	close_fd(&r->pipe[1]);
	close_fd(&r->wake[0]);
	close_fd(&r->wake[1]);
	free_strv(r->keys);
	free_strv(r->vals);
	free(r->file);
	free(r->part);
	free(r);
	return false;
}

/* ---- The form. ---- */

static bool range_ok(struct tui_form *f)
{
	const char *since = tui_form_value(f, EF_SINCE), *until = tui_form_value(f, EF_UNTIL);

	return since[0] == '\0' || until[0] == '\0' || strcmp(since, until) <= 0;
}

static bool submit(struct tui_form *f, void *arg)
{
	(void)arg;
	if (!range_ok(f)) {
		tui_form_set_error(f, EF_UNTIL, _("the last day is before the first"));
		tui_form_set_focus(f, EF_UNTIL);
		return false;
	}
	if (ex.run != NULL)
		return false;
	return start(f);
}

static void cancelled(struct tui_form *f, void *arg)
{
	(void)f;
	(void)arg;
}

/* A file that is there already is replaced only when the user says so. */
static char *replace_question(struct tui_form *f, void *arg)
{
	char *path = expand(tui_form_value(f, EF_FILE)), *q = NULL;
	struct stat st;

	(void)arg;
	/* A wrong range is said by submit, next to the field, before any question. */
	if (range_ok(f) && stat(path, &st) == 0)
		q = xasprintf(_("%s exists. Replace it?"), path);
	free(path);
	return q;
}

/* While the file is still the name we made, it follows the list. */
static void changed(struct tui_form *f, void *arg)
{
	const char *file = tui_form_value(f, EF_FILE);

	(void)arg;
	if (ex.auto_file != NULL && strcmp(file, ex.auto_file) == 0) {
		char *d = default_file(tui_form_value(f, EF_LIST));

		if (strcmp(d, file) != 0) {
			tui_form_set_value(f, EF_FILE, d);
			free(ex.auto_file);
			ex.auto_file = d;
		} else {
			free(d);
		}
	}
}

/* `tickets 2026-11-01 2026-11-30`: the list, then since, then until. */
static int preset(struct tui_form *f, const char *text)
{
	char *copy = xstrdup(text != NULL ? text : ""), *save = NULL;
	const char *w[4] = { NULL };
	size_t n = 0;
	enum export_kind k;
	int rc = 0;

	for (char *t = strtok_r(copy, " \t", &save); t != NULL; t = strtok_r(NULL, " \t", &save)) {
		if (n == 3) {
			rc = -1;
			break;
		}
		w[n++] = t;
	}
	if (rc == 0 && w[0] != NULL && export_kind_parse(w[0], &k) != 0)
		rc = -1;
	if (rc == 0 && ((w[1] != NULL && !export_day_ok(w[1])) || (w[2] != NULL && !export_day_ok(w[2]))))
		rc = -1;
	if (rc == 0 && w[0] != NULL) {
		tui_form_set_value(f, EF_LIST, w[0]);
		tui_form_set_value(f, EF_SINCE, w[1] != NULL ? w[1] : "");
		tui_form_set_value(f, EF_UNTIL, w[2] != NULL ? w[2] : "");
	}
	free(copy);
	return rc;
}

void export_open(struct tui_ui *ui, struct db_session *db, const char *text)
{
	struct tui_form_hooks hooks = { 0 };
	char rows[LF_BUFSZ];

	if (ex.run != NULL) {
		tui_ui_message(ui, TUI_MSG_INFO, _("An export is under way (%s rows so far)"),
			       lf_count((long long)atomic_load(&ex.run->rows), rows, sizeof rows));
		return;
	}
	ex.ui = ui;
	ex.db = db;
	if (ex.form == NULL) {
		ex.form = tui_form_new(_("Export to CSV"), fields, EF_COUNT, NULL);
		tui_form_set_action(ex.form, _("Export"));
		tui_form_set_confirm(ex.form, replace_question);
	}
	if (text != NULL && text[strspn(text, " ")] != '\0' && preset(ex.form, text) != 0) {
		tui_ui_message(ui, TUI_MSG_ERROR, "%s",
			       _("usage: :export [tickets|orders|returns|refunds|shipments [SINCE [UNTIL]]], days as YYYY-MM-DD"));
		return;
	}
	{
		const char *file = tui_form_value(ex.form, EF_FILE);

		/* A name we made earlier (or none) is made again: today may have changed. */
		if (file[0] == '\0' || (ex.auto_file != NULL && strcmp(file, ex.auto_file) == 0)) {
			free(ex.auto_file);
			ex.auto_file = default_file(tui_form_value(ex.form, EF_LIST));
			tui_form_set_value(ex.form, EF_FILE, ex.auto_file);
		}
	}
	tui_form_set_focus(ex.form, EF_LIST);
	hooks.submit = submit;
	hooks.cancel = cancelled;
	hooks.changed = changed;
	tui_form_show(ui, ex.form, &hooks);
}

void export_free(void)
{
	if (ex.run != NULL) {
		struct run *r = ex.run;

		if (r->dialog != NULL)
			tui_pane_set_data(r->dialog, NULL);
		run_cancel(r);
		run_end(r, false);
	}
	tui_form_free(ex.form);
	free(ex.auto_file);
	memset(&ex, 0, sizeof ex);
}
