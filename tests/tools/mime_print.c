/* Prints the message mail/mime_out.c builds from FROM TO SUBJECT BODY (BODY's
 * "\n" as written), for tests/shell/mime_out.t to read with python3's email parser. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/mime_out.h"

int main(int argc, char **argv)
{
	static const char *const refs[] = { "<bd.1.aa@shop.example>", "<bd.2.bb@shop.example>" };
	struct mime_message m = { 0 };
	char *err = NULL, *msg;

	if (argc != 5) {
		(void)fputs("usage: mime_print FROM TO SUBJECT BODY\n", stderr);
		return 2;
	}
	m.from = argv[1];
	m.to = argv[2];
	m.subject = argv[3];
	m.body = argv[4];
	m.message_id = "<bd.3.cc@shop.example>";
	m.refs = refs;
	m.nrefs = 2;
	m.date = 1795000000;
	msg = mime_build(&m, &err);
	if (msg == NULL) {
		(void)fprintf(stderr, "mime_print: %s\n", err);
		free(err);
		return 1;
	}
	(void)fwrite(msg, 1, strlen(msg), stdout);
	free(msg);
	return 0;
}
