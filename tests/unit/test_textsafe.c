/* common/textsafe: the one sanitizer of the console and the commands.  Nothing it
 * returns may steer a terminal, and nothing invisible may hide in an identifier. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <locale.h>
#include <stdio.h>

#include "common/textsafe.h"

static void expect(char *got, const char *want)
{
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void controls_become_visible(void **state)
{
	(void)state;
	/* ESC shows as U+241B, BEL as U+2407, DEL as U+2421, SOH as U+2401. */
	expect(textsafe("\x1b[2J"), "\xe2\x90\x9b[2J");
	expect(textsafe("\x1b]0;pwned\x07"), "\xe2\x90\x9b]0;pwned\xe2\x90\x87");
	expect(textsafe("x\x7f\x01"), "x\xe2\x90\xa1\xe2\x90\x81");
	/* C1 controls (here CSI and OSC) become U+FFFD. */
	expect(textsafe("\xc2\x9b" "2J\xc2\x9d"), "\xef\xbf\xbd" "2J\xef\xbf\xbd");
	/* Tabs and line breaks are a space on one line ... */
	expect(textsafe("a\tb\nc\rd\xc2\x85" "e\xe2\x80\xa8" "f"), "a b c d e f");
	/* ... and only LF stays a line break when lines are kept. */
	expect(textsafe_lines("a\nb\r\n\x1b"), "a\nb \n\xe2\x90\x9b");
	expect(textsafe(""), "");
}

static void invalid_utf8_never_decodes(void **state)
{
	(void)state;
	expect(textsafe("a\xff" "b"), "a\xef\xbf\xbd" "b");
	/* An overlong ESC, a surrogate, past U+10FFFF: one U+FFFD per byte. */
	expect(textsafe("\xc0\x9b"), "\xef\xbf\xbd\xef\xbf\xbd");
	expect(textsafe("\xed\xa0\x80"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	expect(textsafe("\xf4\x90\x80\x80"),
	       "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	/* A sequence cut short, at the end and in the middle. */
	expect(textsafe("ab\xc5"), "ab\xef\xbf\xbd");
	expect(textsafe("\xe2\x82" "x"), "\xef\xbf\xbd\xef\xbf\xbd" "x");
	/* Good UTF-8 is left alone. */
	expect(textsafe("Şükrü Öztürk · 田中"), "Şükrü Öztürk · 田中");
}

/* Every class of invisible character the issue names, between two letters. */
static void invisible_characters_are_spelled_out(void **state)
{
	static const struct {
		const char *utf8, *shown;
	} cases[] = {
		{ "\xe2\x80\x8b", "U+200B" },     /* zero-width space */
		{ "\xe2\x80\x8c", "U+200C" },     /* zero-width non-joiner */
		{ "\xe2\x80\x8d", "U+200D" },     /* zero-width joiner */
		{ "\xe2\x80\x8e", "U+200E" },     /* left-to-right mark */
		{ "\xe2\x80\x8f", "U+200F" },     /* right-to-left mark */
		{ "\xe2\x80\xaa", "U+202A" },     /* LRE */
		{ "\xe2\x80\xab", "U+202B" },     /* RLE */
		{ "\xe2\x80\xac", "U+202C" },     /* PDF */
		{ "\xe2\x80\xad", "U+202D" },     /* LRO */
		{ "\xe2\x80\xae", "U+202E" },     /* RLO */
		{ "\xe2\x81\xa0", "U+2060" },     /* word joiner */
		{ "\xe2\x81\xa1", "U+2061" },     /* function application */
		{ "\xe2\x81\xa4", "U+2064" },     /* invisible plus */
		{ "\xe2\x81\xa6", "U+2066" },     /* LRI */
		{ "\xe2\x81\xa7", "U+2067" },     /* RLI */
		{ "\xe2\x81\xa8", "U+2068" },     /* FSI */
		{ "\xe2\x81\xa9", "U+2069" },     /* PDI */
		{ "\xef\xbb\xbf", "U+FEFF" },     /* byte order mark */
		{ "\xc2\xad", "U+00AD" },         /* soft hyphen */
		{ "\xf3\xa0\x80\x80", "U+E0000" }, /* tags: the first, */
		{ "\xf3\xa0\x80\x81", "U+E0001" }, /* LANGUAGE TAG, */
		{ "\xf3\xa0\x81\x81", "U+E0041" }, /* TAG LATIN CAPITAL A, */
		{ "\xf3\xa0\x81\xbf", "U+E007F" }, /* CANCEL TAG */
		{ "\xe1\xa0\x8e", "U+180E" },     /* Mongolian vowel separator */
		{ "\xcd\x8f", "U+034F" },         /* combining grapheme joiner */
		{ "\xd8\x9c", "U+061C" },         /* Arabic letter mark */
		{ "\xe3\x85\xa4", "U+3164" },     /* Hangul filler */
	};
	char in[32], want[64];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		(void)snprintf(in, sizeof in, "a%sb", cases[i].utf8);
		(void)snprintf(want, sizeof want, "a\xe2\x9f\xa8%s\xe2\x9f\xa9" "b", cases[i].shown);
		expect(textsafe(in), want);
		/* The same after a non-ASCII letter and at the very start. */
		(void)snprintf(in, sizeof in, "\xc5\x9e%s", cases[i].utf8);
		(void)snprintf(want, sizeof want, "\xc5\x9e\xe2\x9f\xa8%s\xe2\x9f\xa9", cases[i].shown);
		expect(textsafe(in), want);
		expect(textsafe_lines(cases[i].utf8), want + 2);
	}
}

static void a_zero_width_space_cannot_pose_as_an_order_number(void **state)
{
	char *s;

	(void)state;
	s = textsafe("SO-1002\xe2\x80\x8b" "34");
	assert_string_not_equal(s, "SO-100234");
	assert_string_equal(s, "SO-1002\xe2\x9f\xa8U+200B\xe2\x9f\xa9" "34");
	free(s);
	/* A login with a BOM and a word joiner; a tracking number in tag characters. */
	expect(textsafe("\xef\xbb\xbf" "ayse\xe2\x81\xa0"),
	       "\xe2\x9f\xa8U+FEFF\xe2\x9f\xa9" "ayse\xe2\x9f\xa8U+2060\xe2\x9f\xa9");
	expect(textsafe("7012\xf3\xa0\x80\xb0"), "7012\xe2\x9f\xa8U+E0030\xe2\x9f\xa9");
}

static void variation_selectors_only_where_they_decorate(void **state)
{
	(void)state;
	/* After a digit a selector changes nothing anyone sees: spelled out. */
	expect(textsafe("SO-1002\xef\xb8\x8f" "34"), "SO-1002\xe2\x9f\xa8U+FE0F\xe2\x9f\xa9" "34");
	expect(textsafe("\xef\xb8\x8e"), "\xe2\x9f\xa8U+FE0E\xe2\x9f\xa9");
	/* After a heart it makes the emoji: kept. */
	expect(textsafe("\xe2\x9d\xa4\xef\xb8\x8f ok"), "\xe2\x9d\xa4\xef\xb8\x8f ok");
	/* After a spelled-out character it has nothing to decorate. */
	expect(textsafe("\xe2\x80\x8b\xef\xb8\x8f"),
	       "\xe2\x9f\xa8U+200B\xe2\x9f\xa9\xe2\x9f\xa8U+FE0F\xe2\x9f\xa9");
}

static void combining_marks_keep_their_rules(void **state)
{
	(void)state;
	/* Decomposed Şükrü stays as it is. */
	expect(textsafe("S\xcc\xa7u\xcc\x88kru\xcc\x88"), "S\xcc\xa7u\xcc\x88kru\xcc\x88");
	/* A mark with nothing to sit on is dropped; no more than four on one letter. */
	expect(textsafe("\xcc\x88x"), "x");
	expect(textsafe("e\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81"),
	       "e\xcc\x81\xcc\x81\xcc\x81\xcc\x81");
	/* A line break kept is no base either. */
	expect(textsafe_lines("a\n\xcc\x88" "b"), "a\nb");
}

/* No code point at all, in any position, gets through as something that could
 * steer the terminal or draw nothing. */
static void every_code_point_comes_out_harmless(void **state)
{
	char in[16], *out;

	(void)state;
	for (unsigned cp = 0; cp <= 0x10FFFF; cp++) {
		size_t n = 0, i = 0, len;

		if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
			continue;
		in[n++] = 'x';
		n += textsafe_encode(cp, in + n);
		in[n++] = 'y';
		in[n] = '\0';
		out = textsafe(in);
		len = strlen(out);
		while (i < len) {
			unsigned c;

			i += textsafe_decode(out + i, len - i, &c);
			if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || textsafe_invisible(c))
				fail_msg("U+%04X came out as U+%04X", cp, c);
		}
		free(out);
	}
}

static void ascii_locale_gets_ascii(void **state)
{
	(void)state;
	assert_non_null(setlocale(LC_ALL, "C"));
	textsafe_locale_changed();
	assert_false(textsafe_unicode());
	expect(textsafe("SO-1002\xe2\x80\x8b" "34"), "SO-1002<U+200B>34");
	expect(textsafe("\x1b[2J \xc5\x9e\xc3\xbc"), "?[2J ??");
	expect(textsafe("2\xef\xb8\x8f"), "2<U+FE0F>");
	assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
	textsafe_locale_changed();
	assert_true(textsafe_unicode());
}

static void decodes_and_encodes(void **state)
{
	unsigned cp;
	char buf[5];
	size_t n;

	(void)state;
	assert_int_equal(textsafe_decode("\xc5\x9e", 2, &cp), 2);
	assert_int_equal(cp, 0x15E);
	assert_int_equal(textsafe_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(textsafe_decode("\xe2\x82", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(textsafe_decode("", 0, &cp), 0);
	n = textsafe_encode(0x171, buf);
	buf[n] = '\0';
	assert_string_equal(buf, "ű");
	n = textsafe_encode(0xD800, buf);
	buf[n] = '\0';
	assert_string_equal(buf, "\xef\xbf\xbd");
	assert_int_equal(textsafe_cells('a'), 1);
	assert_int_equal(textsafe_cells(0x7530), 2);
	assert_int_equal(textsafe_cells(0x308), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(controls_become_visible),
		cmocka_unit_test(invalid_utf8_never_decodes),
		cmocka_unit_test(invisible_characters_are_spelled_out),
		cmocka_unit_test(a_zero_width_space_cannot_pose_as_an_order_number),
		cmocka_unit_test(variation_selectors_only_where_they_decorate),
		cmocka_unit_test(combining_marks_keep_their_rules),
		cmocka_unit_test(every_code_point_comes_out_harmless),
		cmocka_unit_test(ascii_locale_gets_ascii),
		cmocka_unit_test(decodes_and_encodes),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		(void)printf("1..0 # SKIP the C.UTF-8 locale is missing\n");
		return 0;
	}
	textsafe_locale_changed();
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
