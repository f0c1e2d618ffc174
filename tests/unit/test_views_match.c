/* views/match: which parts of a lookup hit show what was typed, ignoring case and
 * accents like the database's search keys, phone numbers in any spacing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <locale.h>

#include "views/match.h"

/* The spans as "[..]" around the marked text, for readable assertions. */
static char *marked(const char *text, const char *typed)
{
	static char out[512];
	struct match_span sp[8];
	size_t n = match_find(text, typed, sp, 8), pos = 0, o = 0;

	for (size_t i = 0; i < n; i++) {
		assert_true(sp[i].start >= pos);
		o += (size_t)snprintf(out + o, sizeof out - o, "%.*s[%.*s]", (int)(sp[i].start - pos),
				      text + pos, (int)sp[i].len, text + sp[i].start);
		pos = sp[i].start + sp[i].len;
	}
	(void)snprintf(out + o, sizeof out - o, "%s", text + pos);
	return out;
}

static void whole_text_ignoring_case(void **state)
{
	(void)state;
	assert_string_equal(marked("SO-100234", "so-100234"), "[SO-100234]");
	assert_string_equal(marked("SO-100234", "1002"), "SO-[1002]34");
	assert_string_equal(marked("sukru@example.com", "SUKRU@"), "[sukru@]example.com");
}

static void accents_fold_like_the_search_keys(void **state)
{
	(void)state;
	assert_string_equal(marked("Şükrü Öztürk", "sukru ozturk"), "[Şükrü Öztürk]");
	assert_string_equal(marked("Árvíztűrő Tünde", "arvizturo"), "[Árvíztűrő] Tünde");
	assert_string_equal(marked("İsmail Işık", "ismail isik"), "[İsmail Işık]");
	assert_string_equal(marked("Gülşen Çağlar", "ÇAĞLAR"), "Gülşen [Çağlar]");
	assert_string_equal(marked("İstanbul", "istanbul"), "[İstanbul]");
}

static void each_word_when_not_together(void **state)
{
	(void)state;
	/* "ozturk sukru": the words the other way round, each marked */
	assert_string_equal(marked("Şükrü Öztürk", "ozturk sukru"), "[Şükrü] [Öztürk]");
	/* "ayse yilmaz" in "Ayşe Nur Yılmaz" */
	assert_string_equal(marked("Ayşe Nur Yılmaz", "  ayse   yilmaz "), "[Ayşe] Nur [Yılmaz]");
	/* a word found twice is marked once; a word not found is no mark */
	assert_string_equal(marked("ab ab", "ab zz"), "[ab] ab");
	/* the same word twice takes the next place */
	assert_string_equal(marked("ab ab", "ab ab x"), "[ab] [ab]");
}

static void phone_numbers_in_any_spacing(void **state)
{
	const char *detail = "+90 532 123 45 67 · sukru@example.com";

	(void)state;
	/* the country code is part of the number, however it was typed */
	assert_string_equal(marked(detail, "0532 123 45 67"), "+[90 532 123 45 67] · sukru@example.com");
	assert_string_equal(marked(detail, "+905321234567"), "+[90 532 123 45 67] · sukru@example.com");
	assert_string_equal(marked(detail, "(0532) 123-4567"), "+[90 532 123 45 67] · sukru@example.com");
	assert_string_equal(marked(detail, "5321234567"), "+[90 532 123 45 67] · sukru@example.com");
	assert_string_equal(marked("+36 30 123 4567", "06 30 123 4567"), "+[36 30 123 4567]");
	/* a number written the national way, typed the international way */
	assert_string_equal(marked("0532 987 6543", "+90 532 987 65 43"), "[0532 987 6543]");
	/* digits that are not where a phone would be: the longest tail that is there */
	assert_string_equal(marked("ref 1234567", "00 99 1234567"), "ref [1234567]");
	/* too few digits for a phone: words */
	assert_string_equal(marked(detail, "45 67"), "+90 532 123 [45 67] · sukru@example.com");
}

static void nothing_to_mark(void **state)
{
	struct match_span sp[2];

	(void)state;
	assert_int_equal(match_find("Şükrü", "", sp, 2), 0);
	assert_int_equal(match_find("Şükrü", "   ", sp, 2), 0);
	assert_int_equal(match_find("", "x", sp, 2), 0);
	assert_int_equal(match_find("Şükrü", "zz", sp, 2), 0);
	assert_int_equal(match_find(NULL, NULL, sp, 2), 0);
	assert_int_equal(match_find("abc", "b", sp, 0), 0);
	/* invalid UTF-8 in the text is no reason to crash */
	assert_int_equal(match_find("a\xff\xfe" "b", "b", sp, 2), 1);
	assert_int_equal(sp[0].start, 3);
}

static void at_most_max_spans(void **state)
{
	struct match_span sp[2];

	(void)state;
	assert_int_equal(match_find("a b c d", "a b c d e", sp, 2), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(whole_text_ignoring_case),
		cmocka_unit_test(accents_fold_like_the_search_keys),
		cmocka_unit_test(each_word_when_not_together),
		cmocka_unit_test(phone_numbers_in_any_spacing),
		cmocka_unit_test(nothing_to_mark),
		cmocka_unit_test(at_most_max_spans),
	};

	(void)setlocale(LC_ALL, "C.UTF-8");
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
