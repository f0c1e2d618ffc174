#include "tui/key.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include "tui/utf8.h"

static const struct {
	const char *name;
	tui_key key;
} names[] = {
	{ "Enter", TUI_KEY_ENTER },
	{ "Esc", TUI_KEY_ESC },
	{ "Tab", TUI_KEY_TAB },
	{ "S-Tab", TUI_KEYCODE(KEY_BTAB) },
	{ "Space", ' ' },
	{ "Backspace", TUI_KEYCODE(KEY_BACKSPACE) },
	{ "Del", TUI_KEYCODE(KEY_DC) },
	{ "Ins", TUI_KEYCODE(KEY_IC) },
	{ "Up", TUI_KEYCODE(KEY_UP) },
	{ "Down", TUI_KEYCODE(KEY_DOWN) },
	{ "Left", TUI_KEYCODE(KEY_LEFT) },
	{ "Right", TUI_KEYCODE(KEY_RIGHT) },
	{ "PgUp", TUI_KEYCODE(KEY_PPAGE) },
	{ "PgDn", TUI_KEYCODE(KEY_NPAGE) },
	{ "Home", TUI_KEYCODE(KEY_HOME) },
	{ "End", TUI_KEYCODE(KEY_END) },
};

tui_key tui_key_from_wch(int rc, unsigned wch)
{
	if (rc == KEY_CODE_YES) {
		/* Some terminals send KEY_ENTER for the keypad's Enter. */
		if (wch == KEY_ENTER)
			return TUI_KEY_ENTER;
		return TUI_KEYCODE(wch);
	}
	if (wch == '\n')
		return TUI_KEY_ENTER;
	/* Backspace arrives as DEL or ^H depending on the terminal. */
	if (wch == 127 || wch == 8)
		return TUI_KEYCODE(KEY_BACKSPACE);
	return wch;
}

tui_key tui_key_parse(const char *name, size_t len)
{
	char buf[16];

	if (len == 0 || len >= sizeof buf)
		return TUI_KEY_NONE;
	memcpy(buf, name, len);
	buf[len] = '\0';
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(buf, names[i].name) == 0)
			return names[i].key;
	if ((buf[0] == 'F' || buf[0] == 'f') && len >= 2 && len <= 3) {
		int n = 0;

		for (size_t i = 1; i < len; i++) {
			if (buf[i] < '0' || buf[i] > '9')
				return TUI_KEY_NONE;
			n = n * 10 + (buf[i] - '0');
		}
		return n >= 1 && n <= 12 ? TUI_KEYCODE(KEY_F(n)) : TUI_KEY_NONE;
	}
	if (len == 3 && (buf[0] == 'C' || buf[0] == 'c') && buf[1] == '-') {
		char c = buf[2];

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c >= '@' && c <= '_')
			return TUI_KEY_CTRL(c);
		return TUI_KEY_NONE;
	}
	{
		unsigned cp;
		size_t used = tui_utf8_decode(name, len, &cp);

		if (used == len && cp > ' ' && cp != 0x7f && cp != 0xFFFD)
			return cp;
	}
	return TUI_KEY_NONE;
}

void tui_key_name(tui_key k, char *buf, size_t size)
{
	int f = tui_key_fnum(k);

	if (size == 0)
		return;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].key == k) {
			(void)snprintf(buf, size, "%s", names[i].name);
			return;
		}
	if (f > 0) {
		(void)snprintf(buf, size, "F%d", f);
	} else if (k < 32) {
		(void)snprintf(buf, size, "Ctrl-%c", (char)(k + '@'));
	} else if (!TUI_KEY_IS_CODE(k) && size > 4) {
		char tmp[5];
		size_t n = tui_utf8_encode(k, tmp);

		tmp[n] = '\0';
		(void)snprintf(buf, size, "%s", tmp);
	} else {
		(void)snprintf(buf, size, "#%u", k);
	}
}

int tui_key_fnum(tui_key k)
{
	for (int i = 1; i <= 12; i++)
		if (k == TUI_KEYCODE(KEY_F(i)))
			return i;
	return 0;
}

tui_key tui_key_f(int n)
{
	return TUI_KEYCODE(KEY_F(n));
}

bool tui_key_is_text(tui_key k)
{
	if (TUI_KEY_IS_CODE(k) || k < 32 || k == 127 || (k >= 0x80 && k < 0xA0))
		return false;
	return iswprint((wint_t)k) != 0;
}
