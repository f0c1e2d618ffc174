/* tui/utf8: display widths, fitting, and that nothing from the database reaches
 * the terminal raw. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <locale.h>
#include <stdio.h>

#include "tui/utf8.h"

static void expect_text(char *got, const char *want)
{
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* No byte of the result may be a C0 control, DEL, or the start of a C1 control. */
static void assert_harmless(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		assert_true(*p >= 0x20);
		assert_true(*p != 0x7f);
		/* C1 controls would be C2 80..C2 9F in UTF-8. */
		if (p[0] == 0xC2)
			assert_true(p[1] < 0x80 || p[1] > 0x9F);
	}
}

static void widths_of_turkish_hungarian_and_cjk(void **state)
{
	(void)state;
	assert_int_equal(tui_text_width("Şükrü Öztürk"), 12);
	assert_int_equal(tui_text_width("Árvíztűrő tükörfúrógép"), 22);
	assert_int_equal(tui_text_width("İstanbul"), 8);
	assert_int_equal(tui_text_width("田中太郎"), 8);
	assert_int_equal(tui_text_width("a田b"), 4);
	assert_int_equal(tui_text_width(""), 0);
}

static void combining_marks_take_no_cell(void **state)
{
	(void)state;
	/* "u" + COMBINING DIAERESIS looks like ü and takes one cell. */
	assert_int_equal(tui_text_width("u\xcc\x88"), 1);
	assert_int_equal(tui_text_width("S\xcc\xa7u\xcc\x88kru\xcc\x88"), 5);
	/* A mark with nothing to sit on is dropped, not merged into the cell before. */
	expect_text(tui_text_sanitize("\xcc\x88x"), "x");
	/* No more than four marks on one character (what a cell can hold). */
	assert_int_equal(tui_text_width("e\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81"), 1);
	expect_text(tui_text_sanitize("e\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81"),
		    "e\xcc\x81\xcc\x81\xcc\x81\xcc\x81");
}

static void escape_sequences_become_visible(void **state)
{
	static const char *const evil[] = {
		"\x1b[2J",          "\x1b]0;pwned\x07", "a\x1b[31mred",  "\x9b" "2J",
		"\xc2\x9b" "2J",    "\xc2\x9d" "0;x",   "del\x7f",       "bell\x07",
		"nul\x01\x02\x1f",  "\xe2\x80\xae" "reversed", "\xc0\x9b", "\xed\xa0\x80",
		"\xf4\x90\x80\x80", "\xff\xfe",
	};
	char *s;

	(void)state;
	for (size_t i = 0; i < sizeof evil / sizeof evil[0]; i++) {
		s = tui_text_sanitize(evil[i]);
		assert_harmless(s);
		free(s);
	}
	/* ESC shows as the control picture U+241B, BEL as U+2407, DEL as U+2421. */
	expect_text(tui_text_sanitize("\x1b[2J"), "\xe2\x90\x9b[2J");
	expect_text(tui_text_sanitize("\x1b]0;t\x07"), "\xe2\x90\x9b]0;t\xe2\x90\x87");
	expect_text(tui_text_sanitize("x\x7f"), "x\xe2\x90\xa1");
	/* C1 controls and invalid bytes become U+FFFD, one per bad byte. */
	expect_text(tui_text_sanitize("\xc2\x9b" "2J"), "\xef\xbf\xbd" "2J");
	expect_text(tui_text_sanitize("a\xff" "b"), "a\xef\xbf\xbd" "b");
	/* Overlong encodings (here of ESC) are invalid, never decoded. */
	expect_text(tui_text_sanitize("\xc0\x9b"), "\xef\xbf\xbd\xef\xbf\xbd");
	/* Bidi overrides cannot reorder what follows: they are spelled out. */
	expect_text(tui_text_sanitize("\xe2\x80\xae" "abc"), "\xe2\x9f\xa8U+202E\xe2\x9f\xa9" "abc");
	/* A cut sequence at the end. */
	expect_text(tui_text_sanitize("ab\xc5"), "ab\xef\xbf\xbd");
	/* Line breaks and tabs become spaces in a cell. */
	expect_text(tui_text_sanitize("a\tb\nc\r"), "a b c ");
	assert_int_equal(tui_text_width("\x1b[2J"), 4);
}

/* The console shows invisible characters in identifiers and running text alike,
 * through the same sanitizer as the commands (common/textsafe.h). */
static void invisible_characters_show(void **state)
{
	(void)state;
	expect_text(tui_text_sanitize("SO-1002\xe2\x80\x8b" "34"),
		    "SO-1002\xe2\x9f\xa8U+200B\xe2\x9f\xa9" "34");
	assert_int_equal(tui_text_width("SO-1002\xe2\x80\x8b" "34"), 17);
	expect_text(tui_text_sanitize("ayse\xef\xbb\xbf@example.com"),
		    "ayse\xe2\x9f\xa8U+FEFF\xe2\x9f\xa9@example.com");
	/* Cut like any other text, never in the middle of a character. */
	expect_text(tui_text_truncate("SO-1002\xe2\x80\x8b" "34", 10), "SO-1002\xe2\x9f\xa8U…");
	/* In an edit field one code point is one character: U+FFFD stands in. */
	assert_true(tui_text_printable(0x200B) == (wchar_t)0xFFFD);
	assert_true(tui_text_printable(0x1B) == (wchar_t)0x241B);
}

static void truncates_with_an_ellipsis(void **state)
{
	(void)state;
	expect_text(tui_text_truncate("Şükrü Öztürk", 8), "Şükrü Ö…");
	expect_text(tui_text_truncate("Şükrü Öztürk", 12), "Şükrü Öztürk");
	expect_text(tui_text_truncate("Árvíztűrő tükörfúrógép", 10), "Árvíztűrő…");
	/* A double-width character never gets split: the gap is padded. */
	expect_text(tui_text_fit("田中太郎", 6, TUI_ALIGN_LEFT), "田中… ");
	expect_text(tui_text_fit("田中太郎", 5, TUI_ALIGN_LEFT), "田中…");
	expect_text(tui_text_fit("abc", 1, TUI_ALIGN_LEFT), "…");
	expect_text(tui_text_fit("abc", 0, TUI_ALIGN_LEFT), "");
	/* A combining mark stays with its character. */
	expect_text(tui_text_truncate("u\xcc\x88u\xcc\x88u\xcc\x88", 2), "u\xcc\x88…");
}

static void pads_to_the_width(void **state)
{
	char *s;

	(void)state;
	expect_text(tui_text_fit("Öz", 5, TUI_ALIGN_LEFT), "Öz   ");
	expect_text(tui_text_fit("Öz", 5, TUI_ALIGN_RIGHT), "   Öz");
	expect_text(tui_text_fit("Öz", 6, TUI_ALIGN_CENTER), "  Öz  ");
	expect_text(tui_text_fit("田", 4, TUI_ALIGN_RIGHT), "  田");
	/* Whatever the input, the result is exactly the width asked for. */
	static const char *const inputs[] = { "Şükrü Öztürk", "田中太郎田中太郎", "\x1b[2J",
					      "Árvíztűrő tükörfúrógép", "", "u\xcc\x88" };
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
		for (int w = 0; w < 20; w++) {
			s = tui_text_fit(inputs[i], w, TUI_ALIGN_LEFT);
			assert_int_equal(tui_text_width(s), w);
			free(s);
		}
}

static void wide_text_fits_in_place(void **state)
{
	struct tui_wtext t = TUI_WTEXT_INIT;

	(void)state;
	tui_wtext_set(&t, "Gülşen Ünal", strlen("Gülşen Ünal"));
	assert_int_equal(t.cells, 11);
	assert_int_equal((int)t.len, 11);
	tui_wtext_fit(&t, 6, TUI_ALIGN_LEFT);
	assert_int_equal(t.cells, 6);
	assert_true(t.s[5] == (wchar_t)0x2026);
	tui_wtext_set(&t, "x", 1);
	tui_wtext_fit(&t, 3, TUI_ALIGN_RIGHT);
	assert_true(wcscmp(t.s, L"  x") == 0);
	tui_wtext_free(&t);
}

static void decodes_and_encodes(void **state)
{
	unsigned cp;
	char buf[5];
	size_t n;

	(void)state;
	assert_int_equal(tui_utf8_decode("\xc5\x9e", 2, &cp), 2);
	assert_int_equal(cp, 0x15E);
	assert_int_equal(tui_utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(tui_utf8_decode("\xe2\x82", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	n = tui_utf8_encode(0x171, buf);
	buf[n] = '\0';
	assert_string_equal(buf, "ű");
	n = tui_utf8_encode(0xD800, buf);
	buf[n] = '\0';
	assert_string_equal(buf, "\xef\xbf\xbd");
}

/* Feeds bytes one at a time; writes the characters that came out as UTF-8. */
static void feed(struct tui_utf8_in *u, const char *bytes, char *out)
{
	unsigned cp;

	for (const char *p = bytes; *p != '\0'; p++)
		if (tui_utf8_in_byte(u, (unsigned char)*p, &cp))
			out += tui_utf8_encode(cp, out);
	*out = '\0';
}

/* A character split between two reads waits for its other bytes; broken and
 * invalid sequences are dropped without taking the bytes after them along. */
static void characters_from_bytes_one_at_a_time(void **state)
{
	struct tui_utf8_in u = { { 0 }, 0, 0 };
	char out[64];

	(void)state;
	feed(&u, "yan\xc4", out);
	assert_string_equal(out, "yan");
	feed(&u, "\xb1t \xc4\xb0\xc4", out);
	assert_string_equal(out, "\xc4\xb1t \xc4\xb0");
	feed(&u, "\x9e\xf0\x9f\x98", out);
	assert_string_equal(out, "\xc4\x9e");
	feed(&u, "\x80!", out);
	assert_string_equal(out, "\xf0\x9f\x98\x80!");
	/* A lone continuation byte, a lead byte cut short by ASCII, bytes never valid
	 * (C0, F5) and an overlong form: only the text around them is left. */
	feed(&u, "a\xb1" "b\xc4" "c\xc0\xaf" "d\xf5" "e\xe0\x80\x80" "f", out);
	assert_string_equal(out, "abcdef");
	/* A lead byte broken by another lead byte: the second one counts. */
	feed(&u, "\xc4\xc3\x87", out);
	assert_string_equal(out, "\xc3\x87");
	/* A key that is not text in the middle: what was begun is forgotten. */
	feed(&u, "\xc5", out);
	tui_utf8_in_reset(&u);
	feed(&u, "\x9fx", out);
	assert_string_equal(out, "x");
}

static void wraps_at_spaces(void **state)
{
	char **lines;
	size_t n;

	(void)state;
	n = tui_text_wrap("Şükrü Öztürk called about SO-100234\nsecond line", 14, &lines);
	assert_int_equal(n, 4);
	assert_string_equal(lines[0], "Şükrü Öztürk");
	assert_string_equal(lines[1], "called about");
	assert_string_equal(lines[2], "SO-100234");
	assert_string_equal(lines[3], "second line");
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	n = tui_text_wrap("abcdefghij", 4, &lines);
	assert_int_equal(n, 3);
	assert_string_equal(lines[2], "ij");
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(widths_of_turkish_hungarian_and_cjk),
		cmocka_unit_test(combining_marks_take_no_cell),
		cmocka_unit_test(escape_sequences_become_visible),
		cmocka_unit_test(invisible_characters_show),
		cmocka_unit_test(truncates_with_an_ellipsis),
		cmocka_unit_test(pads_to_the_width),
		cmocka_unit_test(wide_text_fits_in_place),
		cmocka_unit_test(decodes_and_encodes),
		cmocka_unit_test(wraps_at_spaces),
		cmocka_unit_test(characters_from_bytes_one_at_a_time),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		(void)printf("1..0 # SKIP the C.UTF-8 locale is missing\n");
		return 0;
	}
	tui_text_locale_changed();
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
