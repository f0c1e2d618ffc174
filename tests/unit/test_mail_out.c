/* The outgoing mail (issue 16): the templates' checks with FILE:LINE, rendering,
 * and the MIME text: CRLF, lines of at most 78, encoded-words that never split a
 * character, quoted-printable that decodes back to the text.  tests/shell/mime_out.t
 * has python3's email parser read the same messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/strbuf.h"
#include "common/xalloc.h"
#include "mail/mime_out.h"
#include "mail/template.h"

static char *root_templates(void)
{
	const char *root = getenv("BACKDESK_ROOT");

	return xasprintf("%s/templates", root != NULL ? root : ".");
}

/* ---- templates ---- */

static char tmpdir[64];

static void write_file(const char *lang, const char *kind, const char *text)
{
	char *dir = xasprintf("%s/%s", tmpdir, lang), *path = xasprintf("%s/%s.txt", dir, kind);
	FILE *f;

	(void)mkdir(dir, 0700);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	free(dir);
	free(path);
}

static int make_tmp(void **state)
{
	(void)state;
	(void)snprintf(tmpdir, sizeof tmpdir, "/tmp/bd-tpl.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static int drop_tmp(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);

	(void)state;
	assert_int_equal(system(cmd), 0);
	free(cmd);
	return 0;
}

static void installed_templates_load_and_render(void **state)
{
	struct mail_templates *t = NULL;
	char *dir = root_templates(), *err = NULL, *subject, *body;
	static const struct mail_var vars[] = {
		{ "customer_name", "Şükrü Öztürk" }, { "order_number", "SO-1" },
		{ "amount", "149.90" },              { "currency", "TRY" },
	};

	(void)state;
	if (mail_templates_load(dir, NULL, &t, &err) != 0)
		fail_msg("%s", err);
	assert_int_equal(mail_template_render(t, "tr", "refund_issued", vars, 4, &subject, &body, &err), 0);
	assert_string_equal(subject, "SO-1 numaralı siparişiniz için 149.90 TRY iade edildi");
	assert_non_null(strstr(body, "Merhaba Şükrü Öztürk,"));
	free(subject);
	free(body);
	/* A value the row lacks is said, not left as "{amount}". */
	assert_int_equal(mail_template_render(t, "hu", "refund_issued", vars, 2, &subject, &body, &err), -1);
	assert_string_equal(err, "the message has no value for {amount}");
	free(err);
	err = NULL;
	assert_int_equal(mail_template_render_json(t, "en", "back_in_stock",
						   "{\"customer_name\": \"Jo\", \"product_name\": \"Lamp\", \"sku\": \"L-1\"}",
						   &subject, &body, &err),
			 0);
	assert_string_equal(subject, "Lamp is back in stock");
	free(subject);
	free(body);
	mail_templates_free(t);
	free(dir);
}

/* A copy of the installed set with one file replaced by text. */
static char *load_with(const char *lang, const char *kind, const char *text)
{
	struct mail_templates *t = NULL;
	char *dir = root_templates(), *err = NULL;

	write_file(lang, kind, text);
	if (mail_templates_load(dir, tmpdir, &t, &err) == 0) {
		mail_templates_free(t);
		err = NULL;
	}
	free(dir);
	return err;
}

static void override_replaces_one_file(void **state)
{
	struct mail_templates *t = NULL;
	char *dir = root_templates(), *err = NULL, *subject, *body;
	static const struct mail_var vars[] = { { "customer_name", "Jo" }, { "product_name", "Lamp" }, { "sku", "L" } };

	(void)state;
	write_file("en", "back_in_stock", "Subject: Yes! {product_name}\n\nHi {customer_name}\n");
	assert_int_equal(mail_templates_load(dir, tmpdir, &t, &err), 0);
	assert_int_equal(mail_template_render(t, "en", "back_in_stock", vars, 3, &subject, &body, &err), 0);
	assert_string_equal(subject, "Yes! Lamp");
	assert_string_equal(body, "Hi Jo");
	free(subject);
	free(body);
	/* The other languages are still the installed ones. */
	assert_int_equal(mail_template_render(t, "tr", "back_in_stock", vars, 3, &subject, &body, &err), 0);
	assert_string_equal(subject, "Lamp yeniden stokta");
	free(subject);
	free(body);
	mail_templates_free(t);
	free(dir);
}

static void mistakes_are_refused_with_file_and_line(void **state)
{
	char *err, *want;

	(void)state;
	err = load_with("tr", "back_in_stock", "Subject: {product_name}\n\nMerhaba {musteri},\n{product_name}\n");
	want = xasprintf("%s/tr/back_in_stock.txt:3: {musteri} is not a value of back_in_stock messages; "
			 "use one of {customer_name}, {product_name}, {sku}", tmpdir);
	assert_string_equal(err, want);
	free(err);
	free(want);

	err = load_with("tr", "back_in_stock", "Subject: Stokta\n\nMerhaba {customer_name}\n");
	want = xasprintf("%s/tr/back_in_stock.txt: never says {product_name}; a back_in_stock message must give it",
			 tmpdir);
	assert_string_equal(err, want);
	free(err);
	free(want);

	err = load_with("tr", "back_in_stock", "Subject: {product_name}\n\nbozuk \xC5 harf\n");
	want = xasprintf("%s/tr/back_in_stock.txt:3: not UTF-8; save the file as UTF-8", tmpdir);
	assert_string_equal(err, want);
	free(err);
	free(want);

	err = load_with("tr", "back_in_stock", "Konu: {product_name}\n\nx\n");
	want = xasprintf("%s/tr/back_in_stock.txt:1: the first line must be \"Subject: ...\"", tmpdir);
	assert_string_equal(err, want);
	free(err);
	free(want);

	err = load_with("tr", "back_in_stock", "Subject: {product_name}\nno blank line\n");
	want = xasprintf("%s/tr/back_in_stock.txt:2: leave one empty line between the Subject line and the text",
			 tmpdir);
	assert_string_equal(err, want);
	free(err);
	free(want);
}

static void a_missing_language_file_is_named(void **state)
{
	struct mail_templates *t = NULL;
	char *err = NULL, *want;

	(void)state;
	/* No installed set at all: the first file looked for is named. */
	assert_int_equal(mail_templates_load("/nonexistent", tmpdir, &t, &err), -1);
	assert_null(t);
	want = xasprintf("/nonexistent/en/return_approved.txt: No such file or directory; "
			 "every message kind needs a file in each language (en, tr, hu)");
	assert_string_equal(err, want);
	free(err);
	free(want);
}

/* ---- MIME ---- */

static int b64val(char c)
{
	const char *a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = strchr(a, c);

	return p != NULL && c != '\0' ? (int)(p - a) : -1;
}

/* Decodes every =?UTF-8?B?...?= of a header's value (folds removed). */
static char *decode_words(const char *v)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = v, *end;
	unsigned acc = 0;
	int bits = 0, d;

	while ((p = strstr(p, "=?UTF-8?B?")) != NULL) {
		p += 10;
		end = strstr(p, "?=");
		assert_non_null(end);
		/* Each word decodes on its own: whole characters only. */
		acc = 0;
		bits = 0;
		for (; p < end; p++) {
			if (*p == '=')
				continue;
			d = b64val(*p);
			assert_true(d >= 0);
			acc = acc << 6 | (unsigned)d;
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				sb_putc(&sb, (char)(acc >> bits & 0xFF));
			}
		}
		assert_true(sb.len == 0 || ((unsigned char)sb.s[sb.len - 1] & 0xC0) != 0xC0);
		p = end + 2;
	}
	return sb_take(&sb);
}

static char *header(const char *msg, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	char *want = xasprintf("\r\n%s: ", name);
	const char *p = strstr(msg, want), *e;

	free(want);
	if (p == NULL)
		return NULL;
	p += strlen(name) + 4;
	for (;;) {
		e = strstr(p, "\r\n");
		sb_add(&sb, p, (size_t)(e - p));
		if (e[2] != ' ')
			break;
		p = e + 2;
	}
	return sb_take(&sb);
}

static void every_line_fits_and_ends_crlf(const char *msg)
{
	const char *p = msg, *e;

	while ((e = strstr(p, "\r\n")) != NULL) {
		assert_true(e - p <= 78);
		assert_null(memchr(p, '\n', (size_t)(e - p)));
		p = e + 2;
	}
	assert_string_equal(p, "");
}

static char *qp_decode(const char *body)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;
	char hex[3] = { 0 };

	for (p = body; *p != '\0'; p++) {
		if (p[0] == '=' && p[1] == '\r' && p[2] == '\n') {
			p += 2;
		} else if (p[0] == '=') {
			hex[0] = p[1];
			hex[1] = p[2];
			sb_putc(&sb, (char)strtol(hex, NULL, 16));
			p += 2;
		} else if (p[0] == '\r' && p[1] == '\n') {
			sb_putc(&sb, '\n');
			p++;
		} else {
			sb_putc(&sb, *p);
		}
	}
	return sb_take(&sb);
}

static void a_turkish_message_is_proper_mime(void **state)
{
	static const char *const refs[] = { "<bd.1.aa@shop.example>", "<bd.2.bb@shop.example>" };
	const char *subject = "Destek talebiniz T-100234: Kargom nerede? Şükrü Öztürk'ün İstanbul'daki "
			      "siparişi hâlâ gelmedi, çok üzgünüz ğüşiöçĞÜŞİÖÇ";
	const char *body = "Merhaba Şükrü,\n\nkargonuz yolda. = işareti ve çok uzun bir satır: "
			   "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"
			   ".nokta ile başlayan satır\nFrom here\nsonunda boşluk \n";
	struct mime_message m = {
		.from = "Mağaza Destek <destek@shop.example>", .reply_to = "yanit@shop.example",
		.to = "sukru@example.com", .subject = subject, .body = body,
		.message_id = "<bd.3.cc@shop.example>", .refs = refs, .nrefs = 2, .date = 1795000000,
	};
	char *err = NULL, *msg = mime_build(&m, &err), *v, *dec, *qp;

	(void)state;
	assert_non_null(msg);
	every_line_fits_and_ends_crlf(msg);
	v = header(msg, "Subject");
	dec = decode_words(v);
	assert_string_equal(dec, subject);
	free(v);
	free(dec);
	v = header(msg, "From");
	dec = decode_words(v);
	assert_string_equal(dec, "Mağaza Destek");
	assert_non_null(strstr(v, "<destek@shop.example>"));
	free(v);
	free(dec);
	v = header(msg, "In-Reply-To");
	assert_string_equal(v, "<bd.2.bb@shop.example>");
	free(v);
	v = header(msg, "References");
	assert_string_equal(v, "<bd.1.aa@shop.example> <bd.2.bb@shop.example>");
	free(v);
	v = header(msg, "Message-ID");
	assert_string_equal(v, "<bd.3.cc@shop.example>");
	free(v);
	assert_non_null(strstr(msg, "\r\nContent-Type: text/plain; charset=UTF-8\r\n"));
	assert_non_null(strstr(msg, "\r\nContent-Transfer-Encoding: quoted-printable\r\n"));
	assert_true(strncmp(msg, "Date: ", 6) == 0);
	qp = strstr(msg, "\r\n\r\n") + 4;
	/* No line of the body starts with a dot or "From " as such. */
	assert_null(strstr(qp, "\r\n."));
	assert_null(strstr(qp, "\r\nFrom "));
	dec = qp_decode(qp);
	assert_string_equal(dec, body);
	free(dec);
	free(msg);
}

static void plain_ascii_stays_readable(void **state)
{
	struct mime_message m = {
		.from = "support@shop.example", .to = "jo@example.com", .subject = "Your order SO-1",
		.body = "Hello", .message_id = "<bd.1.x@shop.example>", .date = 0,
	};
	char *err = NULL, *msg = mime_build(&m, &err);

	(void)state;
	assert_non_null(strstr(msg, "\r\nSubject: Your order SO-1\r\n"));
	assert_non_null(strstr(msg, "\r\nFrom: support@shop.example\r\n"));
	assert_true(strncmp(msg, "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n", 39) == 0);
	assert_null(strstr(msg, "In-Reply-To"));
	free(msg);
}

static void headers_refuse_line_breaks(void **state)
{
	struct mime_message m = {
		.from = "support@shop.example", .to = "jo@example.com", .subject = "a\r\nBcc: x@evil.example",
		.body = "", .message_id = "<bd.1.x@shop.example>",
	};
	char *err = NULL;

	(void)state;
	assert_null(mime_build(&m, &err));
	assert_string_equal(err, "the subject or the Message-ID holds a line break");
	free(err);
	m.subject = "ok";
	m.to = "not an address";
	err = NULL;
	assert_null(mime_build(&m, &err));
	assert_string_equal(err, "the recipient not an address is not an e-mail address");
	free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(installed_templates_load_and_render),
		cmocka_unit_test_setup_teardown(override_replaces_one_file, make_tmp, drop_tmp),
		cmocka_unit_test_setup_teardown(mistakes_are_refused_with_file_and_line, make_tmp, drop_tmp),
		cmocka_unit_test_setup_teardown(a_missing_language_file_is_named, make_tmp, drop_tmp),
		cmocka_unit_test(a_turkish_message_is_proper_mime),
		cmocka_unit_test(plain_ascii_stays_readable),
		cmocka_unit_test(headers_refuse_line_breaks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
