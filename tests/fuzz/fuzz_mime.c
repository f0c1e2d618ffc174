/* libFuzzer: the incoming-mail parser on any bytes.  Whatever a mail holds, the
 * result is valid UTF-8 without control characters (the database refuses them),
 * within the limits, and either a JSON document or a reason there is none. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "mail/mime_decode.h"
#include "mail/mime_in.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void text_ok(const char *s, int lines)
{
	if (!s)
		return;
	if (!mime_utf8_valid(s, strlen(s)))
		abort();
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && !(lines && (*p == '\n' || *p == '\t'))) || *p == 0x7f)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mime_mail m;
	const char *why;
	char *doc;

	mime_parse((const char *)data, size, &m);
	if (!m.message_id || !m.body || m.n_att > MIME_MAX_ATTACHMENTS || m.n_references > MIME_MAX_REFS)
		abort();
	text_ok(m.body, 1);
	text_ok(m.subject, 0);
	text_ok(m.from_name, 0);
	for (size_t i = 0; i < m.n_att; i++) {
		text_ok(m.att[i].name, 0);
		if (!m.att[i].name[0] || strlen(m.att[i].name) > 255)
			abort();
	}
	if (strlen(m.body) > MIME_BODY_CAP + 100)
		abort();
	doc = mime_mail_doc(&m, &why);
	if (doc) {
		json_error_t err;
		json_t *j = json_loads(doc, 0, &err);
		if (!j || !json_is_string(json_object_get(j, "body")))
			abort();
		json_decref(j);
		free(doc);
	} else if (!why || m.from_email) {
		abort();
	}
	mime_mail_free(&m);
	return 0;
}
