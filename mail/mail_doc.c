/* A parsed mail as the document api.receive_mail takes (db/migrations/0046). */
#include <jansson.h>
#include <stdlib.h>

#include "common/fatal.h"
#include "mail/mime_in.h"

static json_t *id_array(char *const *ids, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < n; i++)
		json_array_append_new(a, json_string(ids[i]));
	return a;
}

char *mime_mail_doc(const struct mime_mail *m, const char **why)
{
	json_t *doc, *from, *atts;
	char *text;

	*why = NULL;
	if (!m->from_email) {
		*why = "it has no sender address (From) to answer";
		return NULL;
	}
	doc = json_object();
	from = json_object();
	atts = json_array();
	if (!doc || !from || !atts)
		fatal("out of memory");
	json_object_set_new(from, "email", json_string(m->from_email));
	if (m->from_name)
		json_object_set_new(from, "name", json_string(m->from_name));
	json_object_set_new(doc, "message_id", json_string(m->message_id));
	json_object_set_new(doc, "kind", json_string(mime_kind_name(m->kind)));
	json_object_set_new(doc, "from", from);
	if (m->subject)
		json_object_set_new(doc, "subject", json_string(m->subject));
	json_object_set_new(doc, "body", json_string(m->body));
	json_object_set_new(doc, "in_reply_to", id_array(m->in_reply_to, m->n_in_reply_to));
	json_object_set_new(doc, "references", id_array(m->references, m->n_references));
	if (m->date_iso)
		json_object_set_new(doc, "received_at", json_string(m->date_iso));
	for (size_t i = 0; i < m->n_att; i++) {
		json_t *a = json_pack("{s:s, s:s, s:I}", "name", m->att[i].name, "type", m->att[i].type,
				      "size", (json_int_t)m->att[i].size);
		if (!a)
			fatal("out of memory");
		json_array_append_new(atts, a);
	}
	json_object_set_new(doc, "attachments", atts);
	text = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	if (!text)
		fatal("out of memory");
	return text;
}
