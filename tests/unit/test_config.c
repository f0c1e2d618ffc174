/* backdesk.ini: search order, values, and what people are told when it is wrong.
 * Every test runs in a fresh temporary directory with HOME and XDG_CONFIG_HOME
 * pointing into it, so the machine's own files never take part. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/xalloc.h"
#include "config/config.h"
#include "config/dsn.h"


static char *tmp; /* this test's directory */

static void must(int ok, const char *what)
{
	if (!ok)
		fail_msg("%s: %s", what, strerror(errno));
}

static void write_all(int fd, const char *s, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, s, len);

		must(n > 0, "write");
		s += n;
		len -= (size_t)n;
	}
}

/* A file under tmp with exactly `len` bytes and `mode`; caller frees the path. */
static char *put_bytes(const char *rel, const char *s, size_t len, mode_t mode)
{
	char *path = xasprintf("%s/%s", tmp, rel);
	char *slash;
	int fd;

	/* Create the parent directories one by one. */
	for (slash = strchr(path + strlen(tmp) + 1, '/'); slash != NULL;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		must(mkdir(path, 0700) == 0 || errno == EEXIST, "mkdir");
		*slash = '/';
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	must(fd >= 0, "open");
	write_all(fd, s, len);
	must(fchmod(fd, mode) == 0, "fchmod");
	must(close(fd) == 0, "close");
	return path;
}

static char *put(const char *rel, const char *s)
{
	return put_bytes(rel, s, strlen(s), 0644);
}

/* An INI file with a name of its own (mkstemp); caller frees the path. */
static char *put_tmp(const char *s)
{
	char *path = xasprintf("%s/ini-XXXXXX", tmp);
	int fd = mkstemp(path);

	must(fd >= 0, "mkstemp");
	write_all(fd, s, strlen(s));
	must(close(fd) == 0, "close");
	return path;
}

static void assert_msg(const char *got, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void assert_msg(const char *got, const char *fmt, ...)
{
	va_list ap;
	char *want;
	int same;

	va_start(ap, fmt);
	want = xvasprintf(fmt, ap);
	va_end(ap);
	same = got != NULL && strcmp(got, want) == 0;
	if (!same)
		print_error("got:  %s\nwant: %s\n", got != NULL ? got : "(null)", want);
	free(want);
	assert_true(same);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static char *sysconf_dir;

static int setup(void **state)
{
	const char *base = getenv("TMPDIR");
	char *home, *xdg;

	(void)state;
	tmp = xasprintf("%s/test_config-XXXXXX", base != NULL && *base != '\0' ? base : "/tmp");
	if (mkdtemp(tmp) == NULL)
		return -1;
	home = xasprintf("%s/home", tmp);
	xdg = xasprintf("%s/xdg", tmp);
	if (setenv("HOME", home, 1) != 0 || setenv("XDG_CONFIG_HOME", xdg, 1) != 0 ||
	    unsetenv("BACKDESK_CONFIG") != 0 || unsetenv("NO_COLOR") != 0)
		return -1;
	free(home);
	free(xdg);
	/* The machine's own /etc/backdesk must not leak into the tests. */
	free(sysconf_dir);
	sysconf_dir = xasprintf("%s/etc", tmp);
	config_sysconfdir = sysconf_dir;
	return 0;
}

static int teardown(void **state)
{
	int rc = nftw(tmp, rm_one, 16, FTW_DEPTH | FTW_PHYS);

	(void)state;
	free(tmp);
	tmp = NULL;
	config_sysconfdir = "/nonexistent";
	free(sysconf_dir);
	sysconf_dir = NULL;
	return rc;
}

static void defaults_without_a_file(void **state)
{
	struct config cfg;
	struct config_diag d;

	(void)state;
	assert_null(config_find_path(NULL));
	assert_int_equal(config_load(&cfg, NULL, &d), 0);
	assert_null(cfg.source);
	assert_null(cfg.dsn);
	assert_null(cfg.service);
	assert_false(cfg.mouse);
	assert_int_equal(cfg.theme, THEME_DEFAULT);
	assert_int_equal(d.nwarnings, 0);
	assert_null(d.error);
	config_free(&cfg);
	config_diag_free(&d);
}

static void reads_every_key(void **state)
{
	char *path = put_tmp("; backdesk.ini\n"
			     "# comments of both kinds\n"
			     "[database]\n"
			     "dsn = host=db.example dbname=shop ; an inline comment\n"
			     "service = backoffice\n"
			     "\n"
			     "[UI]\n"
			     "Mouse = ON\n"
			     "theme = high-contrast\n");
	struct config cfg;
	struct config_diag d;

	(void)state;
	assert_int_equal(config_load(&cfg, path, &d), 0);
	assert_null(d.error);
	assert_int_equal(d.nwarnings, 0);
	assert_string_equal(cfg.source, path);
	assert_string_equal(cfg.dsn, "host=db.example dbname=shop");
	assert_string_equal(cfg.service, "backoffice");
	assert_true(cfg.mouse);
	assert_int_equal(cfg.theme, THEME_HIGH_CONTRAST);
	config_free(&cfg);
	config_diag_free(&d);
	free(path);
}

/* [ui] scan_bell: off unless asked for; the same spellings as mouse. */
static void scan_bell_setting(void **state)
{
	static const struct {
		const char *text;
		bool bell;
	} cases[] = {
		{ "[ui]\nmouse = on\n", false },
		{ "[ui]\nscan_bell = on\n", true },
		{ "[ui]\nscan_bell = yes\nmouse = off\n", true },
		{ "[ui]\nscan_bell = 1\nscan_bell = off\n", false },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *path = put_tmp(cases[i].text);
		struct config cfg;
		struct config_diag d;

		assert_int_equal(config_load(&cfg, path, &d), 0);
		if (cfg.scan_bell != cases[i].bell)
			fail_msg("case %zu: scan_bell %d", i, cfg.scan_bell);
		config_free(&cfg);
		config_diag_free(&d);
		free(path);
	}
	{
		char *path = put_tmp("[ui]\nscan_bell = loud\n");
		struct config cfg;
		struct config_diag d;

		assert_int_equal(config_load(&cfg, path, &d), -1);
		assert_non_null(strstr(d.error, "use on or off"));
		config_free(&cfg);
		config_diag_free(&d);
		free(path);
	}
}

static void mouse_and_theme_spellings(void **state)
{
	static const struct {
		const char *text;
		bool mouse;
		enum config_theme theme;
	} cases[] = {
		{ "[ui]\nmouse = on\n", true, THEME_DEFAULT },
		{ "[ui]\nmouse = off\n", false, THEME_DEFAULT },
		{ "[ui]\nmouse = true\ntheme = monochrome\n", true, THEME_MONOCHROME },
		{ "[ui]\nmouse = false\n", false, THEME_DEFAULT },
		{ "[ui]\nmouse = yes\n", true, THEME_DEFAULT },
		{ "[ui]\nmouse = no\n", false, THEME_DEFAULT },
		{ "[ui]\nmouse = 1\n", true, THEME_DEFAULT },
		{ "[ui]\nmouse = 0\n", false, THEME_DEFAULT },
		{ "[ui]\nmouse = on\nmouse = off\n", false, THEME_DEFAULT }, /* last wins */
		{ "[ui]\ntheme = high-contrast\ntheme = default\n", false, THEME_DEFAULT },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *path = put_tmp(cases[i].text);
		struct config cfg;
		struct config_diag d;

		assert_int_equal(config_load(&cfg, path, &d), 0);
		if (cfg.mouse != cases[i].mouse || cfg.theme != cases[i].theme || cfg.scan_bell)
			fail_msg("case %zu: mouse %d theme %d", i, cfg.mouse, (int)cfg.theme);
		config_free(&cfg);
		config_diag_free(&d);
		free(path);
	}
}

static void unknown_keys_are_warnings_with_file_and_line(void **state)
{
	char *path = put_tmp("[ui]\n"
			     "mouse = on\n"
			     "colour = red\n"
			     "   and blue\n" /* a continuation: no second warning */
			     "[fancy]\n"
			     "a = 1\n"
			     "b = 2\n"
			     "   more\n"
			     "[ui]\n"
			     "\n"
			     "refund_limit = 5\n");
	struct config cfg;
	struct config_diag d;

	(void)state;
	assert_int_equal(config_load(&cfg, path, &d), 0);
	assert_null(d.error);
	assert_int_equal(d.nwarnings, 3);
	assert_msg(d.warnings[0], "%s:3: unknown key 'colour' in [ui]; it is ignored", path);
	assert_msg(d.warnings[1], "%s:6: unknown section [fancy]; it is ignored", path);
	assert_msg(d.warnings[2], "%s:11: unknown key 'refund_limit' in [ui]; it is ignored",
		   path);
	assert_true(cfg.mouse); /* the rest of the file still counts */
	assert_string_equal(cfg.source, path);
	config_free(&cfg);
	config_diag_free(&d);
	free(path);
}

static void key_before_any_section_is_a_warning(void **state)
{
	char *path = put_tmp("mouse = on\n  still the same key\n[ui]\ntheme = monochrome\n");
	struct config cfg;
	struct config_diag d;

	(void)state;
	assert_int_equal(config_load(&cfg, path, &d), 0);
	assert_int_equal(d.nwarnings, 1);
	assert_msg(d.warnings[0], "%s:1: key outside any [section]; it is ignored", path);
	assert_false(cfg.mouse);
	assert_int_equal(cfg.theme, THEME_MONOCHROME);
	config_free(&cfg);
	config_diag_free(&d);
	free(path);
}

static void bad_values_are_errors_with_file_and_line(void **state)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "[ui]\n\nmouse = maybe\n",
		  ":3: [ui] mouse = 'maybe' is not valid: use on or off" },
		{ "[ui]\nmouse =\n", ":2: [ui] mouse = '' is not valid: use on or off" },
		{ "[ui]\ntheme = dark\n",
		  ":2: [ui] theme = 'dark' is not valid: use default, monochrome or "
		  "high-contrast" },
		{ "[database]\nservice = a\n   b\n",
		  ":3: [database] service = 'b' is not valid: write the value on one line" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *path = put_tmp(cases[i].text);
		struct config cfg;
		struct config_diag d;

		assert_int_equal(config_load(&cfg, path, &d), -1);
		assert_msg(d.error, "%s%s", path, cases[i].want);
		config_free(&cfg);
		config_diag_free(&d);
		free(path);
	}
}

static void empty_string_value_means_unset(void **state)
{
	char *path = put_tmp("[database]\ndsn = host=x\nservice = shop\ndsn =\n");
	struct config cfg;
	struct config_diag d;

	(void)state;
	assert_int_equal(config_load(&cfg, path, &d), 0);
	assert_null(cfg.dsn);
	assert_string_equal(cfg.service, "shop");
	config_free(&cfg);
	config_diag_free(&d);
	free(path);
}

static void binary_file_is_refused(void **state)
{
	char *path = put_bytes("nul.ini", "[ui]\nmouse = on\0\n", 17, 0644);
	struct config cfg;
	struct config_diag d;

	(void)state;
	assert_int_equal(config_load(&cfg, path, &d), -1);
	assert_msg(d.error, "%s:2: the line holds a NUL byte; is this a text file?", path);
	config_free(&cfg);
	config_diag_free(&d);
	free(path);
}

static void failed_load_leaves_defaults(void **state)
{
	char *path = put_tmp("[database]\ndsn = host=x\n[ui]\nmouse = on\ntheme = dark\n");
	struct config cfg;
	struct config_diag d;

	(void)state;
	assert_int_equal(config_load(&cfg, path, &d), -1);
	assert_null(cfg.source);
	assert_null(cfg.dsn);
	assert_false(cfg.mouse);
	config_free(&cfg);
	config_diag_free(&d);
	free(path);
}

static void syntax_errors_name_the_line(void **state)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "[ui]\nmouse = on\nthis is not a key\n",
		  ":3: expected [section] or name = value" },
		{ "[ui\nmouse = on\n", ":1: expected [section] or name = value" },
		/* The first error in the file is the one reported, whatever its kind. */
		{ "[ui]\noops\nmouse = maybe\n", ":2: expected [section] or name = value" },
		{ "[ui]\nmouse = maybe\noops\n",
		  ":2: [ui] mouse = 'maybe' is not valid: use on or off" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *path = put_tmp(cases[i].text);
		struct config cfg;
		struct config_diag d;

		assert_int_equal(config_load(&cfg, path, &d), -1);
		assert_msg(d.error, "%s%s", path, cases[i].want);
		config_free(&cfg);
		config_diag_free(&d);
		free(path);
	}
}

static void line_numbers_survive_bom_crlf_and_long_lines(void **state)
{
	char *path = put_tmp("\xEF\xBB\xBF[ui]\r\nmouse = on\r\n\r\ncolour = red\r\n");
	char *text, *long_path;
	struct config cfg;
	struct config_diag d;
	char filler[400];

	(void)state;
	assert_int_equal(config_load(&cfg, path, &d), 0);
	assert_true(cfg.mouse);
	assert_int_equal(d.nwarnings, 1);
	assert_msg(d.warnings[0], "%s:4: unknown key 'colour' in [ui]; it is ignored", path);
	config_free(&cfg);
	config_diag_free(&d);

	/* A line too long for the parser is refused, not silently cut in two. */
	memset(filler, 'a', sizeof filler - 1);
	filler[sizeof filler - 1] = '\0';
	text = xasprintf("[database]\ndsn = host=%s\n[ui]\nmouse = on\n", filler);
	long_path = put_tmp(text);
	assert_int_equal(config_load(&cfg, long_path, &d), -1);
	assert_non_null(d.error);
	assert_non_null(strstr(d.error, ":2: the line is longer than "));
	assert_true(strncmp(d.error, long_path, strlen(long_path)) == 0);
	config_free(&cfg);
	config_diag_free(&d);
	free(text);
	free(long_path);
	free(path);
}

static void dsn_may_continue_on_indented_lines(void **state)
{
	char *path = put_tmp("[database]\n"
			     "dsn = host=db.example\n"
			     "      dbname=shop\n"
			     "\n"
			     "      sslmode=verify-full\n"
			     "[ui]\n"
			     "    mouse = on\n"); /* indented, but the first key of its section */
	struct config cfg;
	struct config_diag d;

	(void)state;
	assert_int_equal(config_load(&cfg, path, &d), 0);
	assert_int_equal(d.nwarnings, 0);
	assert_string_equal(cfg.dsn, "host=db.example dbname=shop sslmode=verify-full");
	assert_true(cfg.mouse);
	config_free(&cfg);
	config_diag_free(&d);
	free(path);
}

static void explicit_missing_file_is_an_error(void **state)
{
	char *missing = xasprintf("%s/nope.ini", tmp);
	struct config cfg;
	struct config_diag d;

	(void)state;
	assert_int_equal(config_load(&cfg, missing, &d), -1);
	assert_msg(d.error, "cannot open %s: %s", missing, strerror(ENOENT));
	assert_null(cfg.source);
	config_free(&cfg);
	config_diag_free(&d);

	/* The same through the environment. */
	assert_int_equal(setenv("BACKDESK_CONFIG", missing, 1), 0);
	assert_int_equal(config_load(&cfg, NULL, &d), -1);
	assert_msg(d.error, "cannot open %s: %s", missing, strerror(ENOENT));
	config_free(&cfg);
	config_diag_free(&d);
	free(missing);
}

static void assert_found(const char *override_path, const char *want,
			 enum config_theme theme)
{
	char *found = config_find_path(override_path);
	struct config cfg;
	struct config_diag d;

	assert_non_null(found);
	assert_string_equal(found, want);
	free(found);
	assert_int_equal(config_load(&cfg, override_path, &d), 0);
	assert_string_equal(cfg.source, want);
	assert_int_equal(cfg.theme, theme);
	config_free(&cfg);
	config_diag_free(&d);
}

static void search_order(void **state)
{
	char *home_file = put("home/.config/backdesk/backdesk.ini", "[ui]\ntheme = monochrome\n");
	char *xdg_file = put("xdg/backdesk/backdesk.ini", "[ui]\ntheme = high-contrast\n");
	char *env_file = put("env.ini", "[ui]\ntheme = default\n");
	char *cli_file = put("cli.ini", "[ui]\ntheme = monochrome\nmouse = on\n");

	(void)state;
	assert_found(NULL, xdg_file, THEME_HIGH_CONTRAST);
	/* A relative XDG_CONFIG_HOME is ignored (XDG base directory spec). */
	assert_int_equal(setenv("XDG_CONFIG_HOME", "xdg", 1), 0);
	assert_found(NULL, home_file, THEME_MONOCHROME);
	assert_int_equal(unsetenv("XDG_CONFIG_HOME"), 0);
	assert_found(NULL, home_file, THEME_MONOCHROME);
	/* An XDG_CONFIG_HOME without the file falls through, not back to ~/.config. */
	assert_int_equal(setenv("XDG_CONFIG_HOME", tmp, 1), 0);
	assert_null(config_find_path(NULL));
	{
		/* Only then the system-wide file. */
		char *sys_file = put("etc/backdesk/backdesk.ini", "[ui]\ntheme = high-contrast\n");

		assert_found(NULL, sys_file, THEME_HIGH_CONTRAST);
		must(unlink(sys_file) == 0, "unlink");
		free(sys_file);
	}
	assert_int_equal(setenv("XDG_CONFIG_HOME", "", 1), 0);
	assert_found(NULL, home_file, THEME_MONOCHROME);

	assert_int_equal(setenv("BACKDESK_CONFIG", env_file, 1), 0);
	assert_found(NULL, env_file, THEME_DEFAULT);
	assert_found(cli_file, cli_file, THEME_MONOCHROME); /* --config beats all */
	assert_int_equal(setenv("BACKDESK_CONFIG", "", 1), 0); /* empty: not set */
	assert_found(NULL, home_file, THEME_MONOCHROME);
	free(home_file);
	free(xdg_file);
	free(env_file);
	free(cli_file);
}

/* A file that is there but cannot be read is reported, not skipped for the next
 * one in the search order. */
static void broken_file_in_the_search_path_is_an_error(void **state)
{
	char *other = put("xdg/backdesk/other.ini", "");
	char *loop = xasprintf("%s/xdg/backdesk/backdesk.ini", tmp);
	char *home_file = put("home/.config/backdesk/backdesk.ini", "[ui]\nmouse = on\n");
	char *found;
	struct config cfg;
	struct config_diag d;

	(void)state;
	must(symlink(loop, loop) == 0, "symlink");
	found = config_find_path(NULL);
	assert_non_null(found);
	assert_string_equal(found, loop);
	free(found);
	assert_int_equal(config_load(&cfg, NULL, &d), -1);
	assert_msg(d.error, "cannot open %s: %s", loop, strerror(ELOOP));
	assert_false(cfg.mouse);
	config_free(&cfg);
	config_diag_free(&d);

	/* But a path through a plain file (ENOTDIR) is simply not there. */
	assert_int_equal(setenv("XDG_CONFIG_HOME", home_file, 1), 0);
	assert_null(config_find_path(NULL));
	assert_int_equal(config_load(&cfg, NULL, &d), 0);
	assert_null(cfg.source);
	assert_null(d.error);
	config_free(&cfg);
	config_diag_free(&d);
	free(other);
	free(loop);
	free(home_file);
}

static void no_color_forces_monochrome(void **state)
{
	char *path = put_tmp("[ui]\ntheme = high-contrast\n");
	struct config cfg;
	struct config_diag d;

	(void)state;
	assert_int_equal(setenv("NO_COLOR", "1", 1), 0);
	assert_int_equal(config_load(&cfg, path, &d), 0);
	assert_int_equal(cfg.theme, THEME_MONOCHROME);
	config_free(&cfg);
	config_diag_free(&d);

	/* no-color.org: an empty NO_COLOR does not count. */
	assert_int_equal(setenv("NO_COLOR", "", 1), 0);
	assert_int_equal(config_load(&cfg, path, &d), 0);
	assert_int_equal(cfg.theme, THEME_HIGH_CONTRAST);
	config_free(&cfg);
	config_diag_free(&d);

	/* And without any file. */
	assert_int_equal(setenv("NO_COLOR", "0", 1), 0);
	assert_int_equal(setenv("XDG_CONFIG_HOME", tmp, 1), 0);
	assert_int_equal(config_load(&cfg, NULL, &d), 0);
	assert_int_equal(cfg.theme, THEME_MONOCHROME);
	config_free(&cfg);
	config_diag_free(&d);
	free(path);
}

static void assert_secret_refused(const char *path, const char *want)
{
	static char sentinel[] = "untouched";
	char *out = sentinel, *err = NULL;

	assert_int_equal(config_read_secret(path, &out, &err), -1);
	assert_null(out);
	assert_msg(err, "%s", want);
	free(err);
}

static void secret_readable_by_others_is_refused(void **state)
{
	char *p644 = put_bytes("api.key", "s3cret\n", 7, 0644);
	char *p640 = put_bytes("group.key", "s3cret\n", 7, 0640);
	char *p620 = put_bytes("gw.key", "s3cret\n", 7, 0620);
	char *spaced = put_bytes("my keys/it's.key", "s3cret\n", 7, 0604);
	char *want;

	(void)state;
	want = xasprintf("secret file %s is readable by group or others (mode 0644); "
			 "run: chmod 600 %s", p644, p644);
	assert_secret_refused(p644, want);
	free(want);
	want = xasprintf("secret file %s is readable by group or others (mode 0640); "
			 "run: chmod 600 %s", p640, p640);
	assert_secret_refused(p640, want);
	free(want);
	want = xasprintf("secret file %s is open to group or others (mode 0620); "
			 "run: chmod 600 %s", p620, p620);
	assert_secret_refused(p620, want);
	free(want);
	/* The hint can be pasted into a shell as it is. */
	want = xasprintf("secret file %s is readable by group or others (mode 0604); "
			 "run: chmod 600 '%s/my keys/it'\\''s.key'", spaced, tmp);
	assert_secret_refused(spaced, want);
	free(want);
	free(p644);
	free(p640);
	free(p620);
	free(spaced);
}

static void assert_secret(const char *path, const char *want)
{
	static char sentinel[] = "untouched";
	char *out = NULL, *err = sentinel;

	assert_int_equal(config_read_secret(path, &out, &err), 0);
	assert_null(err);
	assert_string_equal(out, want);
	free(out);
}

static void private_secret_is_read_without_newlines(void **state)
{
	char *p = put_bytes("api.key", "s3cret\r\n\n", 9, 0600);
	char *inner = put_bytes("inner.key", "  two words  \n", 14, 0400);
	char *link = xasprintf("%s/link.key", tmp);
	char *open_target = put_bytes("open.key", "x\n", 2, 0644);
	char *open_link = xasprintf("%s/open-link.key", tmp);
	char *want;

	(void)state;
	assert_secret(p, "s3cret");
	assert_secret(inner, "  two words  "); /* only line ends are dropped */
	/* A link is followed, and the file it leads to is what is judged. */
	must(symlink(p, link) == 0, "symlink");
	assert_secret(link, "s3cret");
	must(symlink(open_target, open_link) == 0, "symlink");
	want = xasprintf("secret file %s is readable by group or others (mode 0644); "
			 "run: chmod 600 %s", open_link, open_link);
	assert_secret_refused(open_link, want);
	free(want);
	free(p);
	free(inner);
	free(link);
	free(open_target);
	free(open_link);
}

static void secret_file_shape_is_checked(void **state)
{
	static char big[64 * 1024 + 2];
	char *missing = xasprintf("%s/missing.key", tmp);
	char *dir = xasprintf("%s/adir", tmp);
	char *empty = put_bytes("empty.key", "\n\r\n", 3, 0600);
	char *nul = put_bytes("nul.key", "ab\0cd", 5, 0600);
	char *max, *over, *want;
	char *out = NULL, *err = NULL;

	(void)state;
	want = xasprintf("cannot open secret file %s: %s", missing, strerror(ENOENT));
	assert_secret_refused(missing, want);
	free(want);
	must(mkdir(dir, 0700) == 0, "mkdir");
	want = xasprintf("secret file %s is not a regular file", dir);
	assert_secret_refused(dir, want);
	free(want);
	want = xasprintf("secret file %s is empty", empty);
	assert_secret_refused(empty, want);
	free(want);
	want = xasprintf("secret file %s holds a NUL byte; a secret must be text", nul);
	assert_secret_refused(nul, want);
	free(want);

	memset(big, 'k', sizeof big);
	max = put_bytes("max.key", big, 64 * 1024, 0600);
	assert_int_equal(config_read_secret(max, &out, &err), 0);
	assert_int_equal(strlen(out), 64 * 1024);
	free(out);
	over = put_bytes("over.key", big, 64 * 1024 + 1, 0600);
	want = xasprintf("secret file %s is larger than 64 KiB; is it the right file?", over);
	assert_secret_refused(over, want);
	free(want);
	free(missing);
	free(dir);
	free(empty);
	free(nul);
	free(max);
	free(over);
}

static void assert_ini_refused(const char *path, const char *how, unsigned mode)
{
	struct config cfg;
	struct config_diag d;

	assert_int_equal(config_load(&cfg, path, &d), -1);
	assert_msg(d.error, "config file %s holds a password and is %s group or others (mode %04o); "
		   "run: chmod 600 %s", path, how, mode, path);
	/* Nothing of the file is kept, the password least of all. */
	assert_null(cfg.dsn);
	assert_null(cfg.source);
	config_free(&cfg);
	config_diag_free(&d);
}

static void assert_ini_loads(const char *path, const char *dsn)
{
	struct config cfg;
	struct config_diag d;

	assert_int_equal(config_load(&cfg, path, &d), 0);
	assert_null(d.error);
	assert_string_equal(cfg.dsn, dsn);
	config_free(&cfg);
	config_diag_free(&d);
}

/* A password in backdesk.ini makes it a secret file: refused like one. */
static void ini_with_a_password_must_be_private(void **state)
{
	static const char text[] = "[database]\ndsn = host=db dbname=shop password=s3cret\n";
	char *p644 = put_bytes("pw644.ini", text, sizeof text - 1, 0644);
	char *p640 = put_bytes("pw640.ini", text, sizeof text - 1, 0640);
	char *p620 = put_bytes("pw620.ini", text, sizeof text - 1, 0620);
	char *p600 = put_bytes("pw600.ini", text, sizeof text - 1, 0600);
	char *p400 = put_bytes("pw400.ini", text, sizeof text - 1, 0400);
	char *spaced = put_bytes("my conf/it's.ini", text, sizeof text - 1, 0604);
	char *continued = put("cont.ini", "[database]\ndsn = host=db\n  password=s3cret\n");
	char *uri = put("uri.ini", "[database]\ndsn = postgresql://ayse:s3cret@db/shop\n");
	char *plain = put("plain.ini", "[database]\ndsn = host=db dbname=password user=ayse\n");
	struct config cfg;
	struct config_diag d;

	(void)state;
	assert_ini_refused(p644, "readable by", 0644);
	assert_ini_refused(p640, "readable by", 0640);
	assert_ini_refused(p620, "open to", 0620);
	assert_ini_refused(continued, "readable by", 0644);
	assert_ini_refused(uri, "readable by", 0644);
	/* The hint can be pasted into a shell as it is. */
	assert_int_equal(config_load(&cfg, spaced, &d), -1);
	assert_non_null(strstr(d.error, "(mode 0604); run: chmod 600 '"));
	assert_non_null(strstr(d.error, "/my conf/it'\\''s.ini'"));
	config_free(&cfg);
	config_diag_free(&d);
	/* Private files are read; so is a world-readable one without a password. */
	assert_ini_loads(p600, "host=db dbname=shop password=s3cret");
	assert_ini_loads(p400, "host=db dbname=shop password=s3cret");
	assert_ini_loads(plain, "host=db dbname=password user=ayse");
	free(p644);
	free(p640);
	free(p620);
	free(p600);
	free(p400);
	free(spaced);
	free(continued);
	free(uri);
	free(plain);
}

/* Which connection strings carry a password, read as libpq reads them. */
static void dsn_passwords_are_found(void **state)
{
	static const char *const with[] = {
		"password=s3cret",
		"host=db password = 's3 cret' dbname=shop",
		"host=db  password='it\\'s'",
		"sslpassword=keypass host=db",
		"PASSWORD=s3cret",
		"postgresql://ayse:s3cret@db/shop",
		"postgres://ayse:s3cret@db:5433,db2/shop?sslmode=require",
		"postgresql://db/shop?sslmode=require&password=s3cret",
		"postgresql://ayse@db/shop?pass%77ord=s3cret",
		"postgresql:///shop?sslpassword=x",
		/* Cannot be read: on the safe side. */
		"host=db password",
		"host='db password=s3cret",
	};
	static const char *const without[] = {
		"",
		"shop",
		"host=db dbname=shop user=ayse sslmode=verify-full",
		"dbname=password user=password_reader",
		"host=db options='-c password=x'",
		"password=",
		"password='' host=db",
		"passfile=/home/ayse/.pgpass",
		"postgresql://ayse@db/shop",
		"postgresql://ayse:@db/shop",
		"postgresql://db/shop?user=ayse&passfile=/x",
		"postgresql://db/password",
	};

	(void)state;
	for (size_t i = 0; i < sizeof with / sizeof with[0]; i++)
		if (!config_dsn_has_password(with[i]))
			fail_msg("no password found in \"%s\"", with[i]);
	for (size_t i = 0; i < sizeof without / sizeof without[0]; i++)
		if (config_dsn_has_password(without[i]))
			fail_msg("a password found in \"%s\"", without[i]);
}

/* listen_dsn: read, continued on indented lines, checked by libpq's parser with
 * the file's line, and a password in it makes the file a secret like dsn's. */
static void listen_dsn_is_read_checked_and_kept_secret(void **state)
{
	static const char pw[] = "[database]\ndsn = host=127.0.0.1 port=6432\n"
				 "listen_dsn = host=/run/postgresql\n  password=s3cret\n";
	char *ok = put("listen.ini", "[database]\ndsn = host=127.0.0.1 port=6432 dbname=shop\n"
				     "listen_dsn = host=/var/run/postgresql\n  port=5432\n");
	char *bad = put("listen_bad.ini", "[database]\ndsn = host=x\nlisten_dsn = host='/tmp\n");
	char *p644 = put_bytes("listen644.ini", pw, sizeof pw - 1, 0644);
	char *p600 = put_bytes("listen600.ini", pw, sizeof pw - 1, 0600);
	struct config cfg;
	struct config_diag d;

	(void)state;
	assert_int_equal(config_load(&cfg, ok, &d), 0);
	assert_string_equal(cfg.listen_dsn, "host=/var/run/postgresql port=5432");
	assert_string_equal(cfg.dsn, "host=127.0.0.1 port=6432 dbname=shop");
	config_free(&cfg);
	config_diag_free(&d);

	assert_int_equal(config_load(&cfg, bad, &d), -1);
	assert_non_null(strstr(d.error, ":3: [database] listen_dsn = 'host='/tmp' is not valid"));
	assert_null(cfg.listen_dsn);
	config_free(&cfg);
	config_diag_free(&d);

	assert_ini_refused(p644, "readable by", 0644);
	assert_int_equal(config_load(&cfg, p644, &d), -1);
	assert_null(cfg.listen_dsn);
	config_free(&cfg);
	config_diag_free(&d);
	assert_ini_loads(p600, "host=127.0.0.1 port=6432");
	free(ok);
	free(bad);
	free(p644);
	free(p600);
}

/* dashboard_dsn: the same rules as listen_dsn (read, checked with its line, a
 * password in it makes the file a secret), kept apart from it. */
static void dashboard_dsn_is_read_checked_and_kept_secret(void **state)
{
	static const char pw[] = "[database]\ndsn = host=db1\n"
				 "dashboard_dsn = host=db2 password=s3cret\n";
	char *ok = put("dash.ini", "[database]\ndsn = host=db1 dbname=shop\n"
				   "dashboard_dsn = host=db2,db1\n  target_session_attrs=prefer-standby\n");
	char *bad = put("dash_bad.ini", "[database]\ndsn = host=x\n\ndashboard_dsn = port='5432\n");
	char *p644 = put_bytes("dash644.ini", pw, sizeof pw - 1, 0644);
	char *p600 = put_bytes("dash600.ini", pw, sizeof pw - 1, 0600);
	struct config cfg;
	struct config_diag d;

	(void)state;
	assert_int_equal(config_load(&cfg, ok, &d), 0);
	assert_string_equal(cfg.dashboard_dsn, "host=db2,db1 target_session_attrs=prefer-standby");
	assert_null(cfg.listen_dsn);
	assert_string_equal(cfg.dsn, "host=db1 dbname=shop");
	config_free(&cfg);
	config_diag_free(&d);

	assert_int_equal(config_load(&cfg, bad, &d), -1);
	assert_non_null(strstr(d.error, ":4: [database] dashboard_dsn = 'port='5432' is not valid"));
	assert_null(cfg.dashboard_dsn);
	config_free(&cfg);
	config_diag_free(&d);

	assert_ini_refused(p644, "readable by", 0644);
	assert_ini_loads(p600, "host=db1");
	free(ok);
	free(bad);
	free(p644);
	free(p600);
}

/* [carrier.dhl], [carrier.aftership] and [tracking]: where each tracking service is,
 * which file holds its key, how many lookups at once and whether the console asks
 * in the background. */
static void carrier_and_tracking_sections(void **state)
{
	char *path = put_tmp("[carrier.dhl]\n"
			     "base_url = https://api-eu.dhl.com/\n"
			     "api_key_file = /etc/backdesk/dhl.key\n"
			     "[Carrier.AfterShip]\n"
			     "base_url = http://127.0.0.1:8080\n"
			     "api_key_file = aftership.key\n"
			     "[tracking]\n"
			     "concurrency = 16\n"
			     "background = off\n");
	struct config cfg;
	struct config_diag d;

	(void)state;
	assert_int_equal(config_load(&cfg, NULL, &d), 0);
	assert_null(cfg.carrier_dhl.base_url);
	assert_null(cfg.carrier_aftership.api_key_file);
	assert_int_equal(cfg.tracking_concurrency, 8);
	assert_true(cfg.tracking_background);
	config_free(&cfg);
	config_diag_free(&d);

	assert_int_equal(config_load(&cfg, path, &d), 0);
	assert_null(d.error);
	assert_int_equal(d.nwarnings, 0);
	assert_string_equal(cfg.carrier_dhl.base_url, "https://api-eu.dhl.com");
	assert_string_equal(cfg.carrier_dhl.api_key_file, "/etc/backdesk/dhl.key");
	assert_string_equal(cfg.carrier_aftership.base_url, "http://127.0.0.1:8080");
	assert_string_equal(cfg.carrier_aftership.api_key_file, "aftership.key");
	assert_int_equal(cfg.tracking_concurrency, 16);
	assert_false(cfg.tracking_background);
	config_free(&cfg);
	config_diag_free(&d);
	free(path);
}

static void carrier_and_tracking_bad_values(void **state)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "[tracking]\nconcurrency = 0\n",
		  ":2: [tracking] concurrency = '0' is not valid: use a whole number from 1 to 64" },
		{ "[tracking]\nconcurrency = 65\n",
		  ":2: [tracking] concurrency = '65' is not valid: use a whole number from 1 to 64" },
		{ "[tracking]\nconcurrency = 8x\n",
		  ":2: [tracking] concurrency = '8x' is not valid: use a whole number from 1 to 64" },
		{ "[tracking]\nbackground = sometimes\n",
		  ":2: [tracking] background = 'sometimes' is not valid: use on or off" },
		{ "[carrier.dhl]\nbase_url = ftp://api-eu.dhl.com\n",
		  ":2: [carrier.dhl] base_url = 'ftp://api-eu.dhl.com' is not valid: write the "
		  "service's address, like https://api-eu.dhl.com" },
		{ "[carrier.aftership]\nbase_url = api.aftership.com\n",
		  ":2: [carrier.aftership] base_url = 'api.aftership.com' is not valid: write the "
		  "service's address, like https://api-eu.dhl.com" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *path = put_tmp(cases[i].text);
		struct config cfg;
		struct config_diag d;

		assert_int_equal(config_load(&cfg, path, &d), -1);
		assert_msg(d.error, "%s%s", path, cases[i].want);
		config_free(&cfg);
		config_diag_free(&d);
		free(path);
	}
	/* Unknown keys in the new sections are warnings, like everywhere. */
	char *path = put_tmp("[carrier.dhl]\napi_key = secret\n");
	struct config cfg;
	struct config_diag d;
	assert_int_equal(config_load(&cfg, path, &d), 0);
	assert_int_equal(d.nwarnings, 1);
	config_free(&cfg);
	config_diag_free(&d);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(defaults_without_a_file),
		T(reads_every_key),
		T(mouse_and_theme_spellings),
		T(scan_bell_setting),
		T(unknown_keys_are_warnings_with_file_and_line),
		T(key_before_any_section_is_a_warning),
		T(bad_values_are_errors_with_file_and_line),
		T(empty_string_value_means_unset),
		T(binary_file_is_refused),
		T(failed_load_leaves_defaults),
		T(syntax_errors_name_the_line),
		T(line_numbers_survive_bom_crlf_and_long_lines),
		T(dsn_may_continue_on_indented_lines),
		T(explicit_missing_file_is_an_error),
		T(search_order),
		T(broken_file_in_the_search_path_is_an_error),
		T(no_color_forces_monochrome),
		T(secret_readable_by_others_is_refused),
		T(private_secret_is_read_without_newlines),
		T(secret_file_shape_is_checked),
		T(ini_with_a_password_must_be_private),
		T(dsn_passwords_are_found),
		T(listen_dsn_is_read_checked_and_kept_secret),
		T(dashboard_dsn_is_read_checked_and_kept_secret),
		T(carrier_and_tracking_sections),
		T(carrier_and_tracking_bad_values),
#undef T
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
