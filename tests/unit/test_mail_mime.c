/* mail/mime_in: mails shaped like the ones Outlook, Gmail, Apple Mail, Turkish and
 * Hungarian clients, mail servers (bounces) and vacation programs really send
 * (the .eml files in tests/data/mail), read into what a ticket needs; hostile shapes bounded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <stdio.h>

#include "common/strbuf.h"
#include "common/xalloc.h"
#include "mail/mime_decode.h"
#include "mail/mime_in.h"

static char *slurp(const char *name, size_t *len)
{
	const char *root = getenv("BACKDESK_ROOT");
	char *path = xasprintf("%s/tests/data/mail/%s", root ? root : ".", name);
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;

	assert_non_null(f);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_add(&sb, buf, n);
	fclose(f);
	free(path);
	*len = sb.len;
	return sb_take(&sb);
}

static void parse_file(const char *name, struct mime_mail *m)
{
	size_t len;
	char *raw = slurp(name, &len);

	mime_parse(raw, len, m);
	free(raw);
}

static void outlook(void **state)
{
	struct mime_mail m;

	(void)state;
	parse_file("outlook.eml", &m);
	assert_string_equal(m.message_id, "<AM0PR01MB1234ABCD@AM0PR01MB1234.eurprd01.prod.outlook.com>");
	assert_false(m.synthetic_id);
	assert_string_equal(m.from_email, "sukru.ozturk@example.com");
	assert_string_equal(m.from_name, "Şükrü Öztürk");
	assert_string_equal(m.subject, "YNT: [T-100001] Siparişim nerede?");
	assert_int_equal(m.n_in_reply_to, 1);
	assert_string_equal(m.in_reply_to[0], "<bd.1.abc@shop.example>");
	assert_int_equal(m.n_references, 2);
	assert_string_equal(m.references[0], "<m1@mail.example>");
	assert_string_equal(m.references[1], "<bd.1.abc@shop.example>");
	assert_string_equal(m.date_iso, "2026-11-27T10:00:00+03:00");
	/* The plain alternative (windows-1254, quoted-printable, soft break), not the HTML. */
	assert_string_equal(m.body, "Merhaba, siparişim hala gelmedi. Teşekkürler Şükrü");
	assert_false(m.html_only);
	assert_int_equal(m.n_att, 1);
	assert_string_equal(m.att[0].name, "Fatura Şubat.pdf");
	assert_string_equal(m.att[0].type, "application/pdf");
	assert_int_equal(m.att[0].size, 20);
	assert_int_equal(m.kind, MIME_MAIL);
	mime_mail_free(&m);
}

static void gmail(void **state)
{
	struct mime_mail m;
	const char *why;
	char *doc;

	(void)state;
	parse_file("gmail.eml", &m);
	assert_string_equal(m.subject, "Kargom nerede? 📦");
	assert_string_equal(m.from_email, "deniz.kaya@gmail.com");
	assert_string_equal(m.body, "Merhaba,\n\nSO-100234 numaralı siparişim nerede?\n\nDeniz");
	assert_int_equal(m.n_in_reply_to, 0);
	assert_int_equal(m.n_att, 1);
	/* RFC 2231 filename* wins over the Content-Type name. */
	assert_string_equal(m.att[0].name, "kütü foto.jpg");
	assert_string_equal(m.att[0].type, "image/jpeg");
	assert_int_equal(m.att[0].size, 13);
	doc = mime_mail_doc(&m, &why);
	assert_non_null(doc);
	assert_non_null(strstr(doc, "\"message_id\":\"<CAF=abc123+XyZ@mail.gmail.com>\""));
	assert_non_null(strstr(doc, "\"kind\":\"mail\""));
	assert_non_null(strstr(doc, "\"attachments\":[{\"name\":\"kütü foto.jpg\",\"type\":\"image/jpeg\",\"size\":13}]"));
	assert_non_null(strstr(doc, "\"received_at\":\"2026-11-26T21:14:03+01:00\""));
	free(doc);
	mime_mail_free(&m);
}

static void apple_mail(void **state)
{
	struct mime_mail m;

	(void)state;
	parse_file("apple.eml", &m);
	assert_string_equal(m.from_name, "Ildikó Nagy");
	assert_string_equal(m.subject, "Törött bögre");
	/* Both text parts around the inline image, in order. */
	assert_string_equal(m.body, "Jó napot, a bögre törötten érkezett:\n\nKoszonom, Ildiko");
	assert_int_equal(m.n_att, 1);
	/* A continued RFC 2231 filename (filename*0*, filename*1). */
	assert_string_equal(m.att[0].name, "törött bögre elolrol.png");
	assert_string_equal(m.att[0].type, "image/png");
	assert_string_equal(m.message_id, "<5D0E1C2B-AAAA-BBBB@icloud.com>");
	mime_mail_free(&m);
}

static void turkish_iso_8859_9(void **state)
{
	struct mime_mail m;

	(void)state;
	parse_file("turkish.eml", &m);
	/* Two encoded-words across a fold: the space between them dropped, the one inside kept. */
	assert_string_equal(m.subject, "Siparişim gelmedi");
	assert_string_equal(m.body, "Siparişim gelmedi, ğüşıöç İĞ");
	/* A raw 8-bit display name: read as Windows-1252 (its best guess), still UTF-8. */
	assert_string_equal(m.from_email, "ayse@example.com.tr");
	assert_non_null(m.from_name);
	assert_true(mime_utf8_valid(m.from_name, strlen(m.from_name)));
	assert_string_equal(m.date_iso, "2026-11-24T12:00:00+03:00");
	mime_mail_free(&m);
}

static void hungarian_iso_8859_2(void **state)
{
	struct mime_mail m;

	(void)state;
	parse_file("hungarian.eml", &m);
	assert_string_equal(m.subject, "Árvíztűrő tükörfúrógép");
	assert_string_equal(m.from_name, "Árvíztűrő tükörfúrógép");
	assert_string_equal(m.body, "Árvíztűrő tükörfúrógép");
	mime_mail_free(&m);
}

static void bounce(void **state)
{
	struct mime_mail m;

	(void)state;
	parse_file("bounce.eml", &m);
	assert_int_equal(m.kind, MIME_BOUNCE);
	assert_string_equal(mime_kind_name(m.kind), "bounce");
	assert_string_equal(m.from_email, "mailer-daemon@mx.example");
	/* The original's Message-ID is what ties the bounce to its ticket. */
	assert_int_equal(m.n_references, 1);
	assert_string_equal(m.references[0], "<bd.1.abc@shop.example>");
	assert_non_null(strstr(m.body, "550 5.1.1 User unknown"));
	assert_null(strstr(m.body, "Reporting-MTA"));
	assert_int_equal(m.n_att, 0);
	mime_mail_free(&m);
}

static void auto_replies(void **state)
{
	struct mime_mail m;
	static const struct {
		const char *headers;
		enum mime_kind kind;
	} cases[] = {
		{ "Auto-Submitted: auto-replied\n", MIME_AUTO_REPLY },
		{ "Auto-Submitted: auto-generated\n", MIME_AUTO_REPLY },
		{ "Auto-Submitted: no\n", MIME_MAIL },
		{ "X-Autoreply: yes\n", MIME_AUTO_REPLY },
		{ "X-Autorespond: vacation\n", MIME_AUTO_REPLY },
		{ "Precedence: bulk\n", MIME_AUTO_REPLY },
		{ "Precedence: junk\n", MIME_AUTO_REPLY },
		{ "Precedence: auto_reply\n", MIME_AUTO_REPLY },
		{ "Precedence: list\n", MIME_MAIL },
		{ "Subject: Out of Office\n", MIME_MAIL },
		{ "Content-Type: multipart/report; report-type=disposition-notification; boundary=x\n", MIME_AUTO_REPLY },
	};

	(void)state;
	parse_file("autoreply.eml", &m);
	assert_int_equal(m.kind, MIME_AUTO_REPLY);
	assert_string_equal(m.in_reply_to[0], "<bd.1.abc@shop.example>");
	mime_mail_free(&m);
	parse_file("vacation_subject.eml", &m);
	assert_int_equal(m.kind, MIME_MAIL);
	mime_mail_free(&m);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *raw = xasprintf("From: a@b.example\n%s\nbody\n", cases[i].headers);
		mime_parse(raw, strlen(raw), &m);
		if (m.kind != cases[i].kind)
			fail_msg("%s: kind %d, want %d", cases[i].headers, m.kind, cases[i].kind);
		mime_mail_free(&m);
		free(raw);
	}
}

static void html_only(void **state)
{
	struct mime_mail m;

	(void)state;
	parse_file("html_only.eml", &m);
	assert_true(m.html_only);
	assert_string_equal(m.body, "Merhaba\n\nBir sorum var & acil:\n- Kargo ücreti\n- İade şartları\n\n"
				    "Bakınız iade sayfası <https://shop.example/iade>.\nTeşekkürler");
	mime_mail_free(&m);
}

static void synthetic_message_id(void **state)
{
	struct mime_mail a, b;
	size_t len;
	char *raw = slurp("no_message_id.eml", &len);

	(void)state;
	mime_parse(raw, len, &a);
	mime_parse(raw, len, &b);
	assert_true(a.synthetic_id);
	/* The same bytes, the same id: fetched twice, still one message. */
	assert_string_equal(a.message_id, b.message_id);
	assert_int_equal(strlen(a.message_id), strlen("<sha256.@backdesk.invalid>") + 64);
	assert_memory_equal(a.message_id, "<sha256.", 8);
	mime_mail_free(&b);
	raw[len - 2] = '?';
	mime_parse(raw, len, &b);
	assert_string_not_equal(a.message_id, b.message_id);
	mime_mail_free(&a);
	mime_mail_free(&b);
	free(raw);
}

static void sha256_known_answers(void **state)
{
	char hex[65];

	(void)state;
	mime_sha256_hex("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	mime_sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	mime_sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
	assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void huge_body_is_cut(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct mime_mail m;

	(void)state;
	sb_puts(&sb, "From: big@example.com\nContent-Type: text/plain; charset=utf-8\n\n");
	for (int i = 0; i < 200000; i++)
		sb_puts(&sb, "ş");
	mime_parse(sb.s, sb.len, &m);
	assert_true(m.body_cut);
	assert_true(strlen(m.body) < MIME_BODY_CAP + 200);
	assert_true(mime_utf8_valid(m.body, strlen(m.body)));
	assert_non_null(strstr(m.body, "more bytes not shown"));
	mime_mail_free(&m);
	sb_free(&sb);
}

static void hostile_shapes_are_bounded(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct mime_mail m;

	(void)state;
	/* A thousand nested multiparts: read to the depth limit, no deeper. */
	sb_puts(&sb, "From: deep@example.com\n");
	for (int i = 0; i < 1000; i++)
		sb_printf(&sb, "Content-Type: multipart/mixed; boundary=\"b%d\"\n\n--b%d\n", i, i);
	sb_puts(&sb, "Content-Type: text/plain\n\ndeep\n");
	mime_parse(sb.s, sb.len, &m);
	assert_string_equal(m.body, "");
	mime_mail_free(&m);
	sb_reset(&sb);
	/* Ten thousand attachments: a hundred listed, the rest counted. */
	sb_puts(&sb, "From: many@example.com\nContent-Type: multipart/mixed; boundary=z\n\n");
	for (int i = 0; i < 10000; i++)
		sb_printf(&sb, "--z\nContent-Type: image/png; name=\"%d.png\"\n\nx\n", i);
	sb_puts(&sb, "--z--\n");
	mime_parse(sb.s, sb.len, &m);
	assert_int_equal(m.n_att, MIME_MAX_ATTACHMENTS);
	assert_true(m.n_att + m.att_dropped < MIME_MAX_PARTS);
	mime_mail_free(&m);
	sb_reset(&sb);
	/* A link longer than the address kept: cut on a character (found by fuzz_mime). */
	sb_puts(&sb, "From: a@b.example\nContent-Type: text/html; charset=utf-8\n\n<a href=\"https://x/");
	for (int i = 0; i < 600; i++)
		sb_puts(&sb, "\xff");
	sb_puts(&sb, "\">link</a>");
	mime_parse(sb.s, sb.len, &m);
	assert_true(mime_utf8_valid(m.body, strlen(m.body)));
	assert_non_null(strstr(m.body, "link <https://x/\xef\xbf\xbd"));
	mime_mail_free(&m);
	sb_reset(&sb);
	/* Control characters and NULs never reach the database; no From, no document. */
	sb_add(&sb, "Subject: a\x1b[2Jb\n\nx\0y\x07z\r\n", 24);
	mime_parse(sb.s, sb.len, &m);
	assert_string_equal(m.subject, "a [2Jb");
	assert_string_equal(m.body, "xyz");
	{
		const char *why;
		assert_null(mime_mail_doc(&m, &why));
		assert_non_null(why);
	}
	mime_mail_free(&m);
	sb_free(&sb);
}

static void encoded_words(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	mime_header_text(&sb, "=?utf-8?q?a_b?= =?utf-8?q?c?= plain =?bogus?x?y?=", 49);
	assert_string_equal(sb.s, "a bc plain =?bogus?x?y?=");
	sb_reset(&sb);
	/* An unknown charset still gives valid UTF-8. */
	mime_header_text(&sb, "=?x-nonsense?B?/w==?=", 21);
	assert_true(mime_utf8_valid(sb.s, sb.len));
	sb_free(&sb);
}

/* Strict UTF-8, as the screen's decoder has it: overlong forms, surrogates, code
 * points past U+10FFFF, cut and broken sequences are refused. */
static void utf8_validity_is_strict(void **state)
{
	static const char *const good[] = { "", "ascii", "\xc4\xb1\xc5\x9f \xc5\x91", "\xef\xbf\xbd",
					    "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf" };
	static const char *const bad[] = { "\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf", "\xed\xa0\x80",
					   "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80",
					   "a\xc4", "\xc4\x41", "\xb1", "\xe2\x82" };

	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		assert_true(mime_utf8_valid(good[i], strlen(good[i])));
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(mime_utf8_valid(bad[i], strlen(bad[i])));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(outlook),
		cmocka_unit_test(utf8_validity_is_strict),
		cmocka_unit_test(gmail),
		cmocka_unit_test(apple_mail),
		cmocka_unit_test(turkish_iso_8859_9),
		cmocka_unit_test(hungarian_iso_8859_2),
		cmocka_unit_test(bounce),
		cmocka_unit_test(auto_replies),
		cmocka_unit_test(html_only),
		cmocka_unit_test(synthetic_message_id),
		cmocka_unit_test(sha256_known_answers),
		cmocka_unit_test(huge_body_is_cut),
		cmocka_unit_test(hostile_shapes_are_bounded),
		cmocka_unit_test(encoded_words),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
