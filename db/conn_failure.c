#include "db/conn_failure.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/strbuf.h"
#include "common/xalloc.h"

/* SQLSTATEs of a refused connection that no retry changes: class 28 (invalid
 * authorization: wrong password, unknown role, no pg_hba.conf entry), 3D000 (no such
 * database), 42501 (no CONNECT privilege), 42704 and 22023 (a bad option sent to the
 * server).  57P03 (starting up), 53300 (too many connections) and the 08 class are
 * worth waiting for. */
static bool final_state(const char *st)
{
	static const char *const final[] = { "3D000", "42501", "42704", "22023" };

	if (strncmp(st, "28", 2) == 0)
		return true;
	for (size_t i = 0; i < sizeof final / sizeof final[0]; i++)
		if (strcmp(st, final[i]) == 0)
			return true;
	return false;
}

/* libpq's client-side failures (no server said anything) that stay failures. */
static bool final_text(const char *m)
{
	static const char *const final[] = {
		"could not translate host name",  /* no such host (not "Temporary failure") */
		"invalid connection option",      /* a typo in the DSN's keywords */
		"invalid URI",                    /* a malformed postgres:// */
		"missing \"=\" after",            /* a malformed key=value DSN */
		"unterminated quoted string",     /* likewise */
		"invalid integer value",          /* port=abc, connect_timeout=x */
		"invalid port number",
		"invalid sslmode value",
		"definition of service",          /* an unknown service name */
		"no password supplied",           /* nothing to answer the server with */
		"password authentication failed", /* when the SQLSTATE was not shown */
		"does not exist",                 /* role or database, likewise */
	};

	/* The resolver's words are glibc's, in the user's language (libpq's own text,
	 * matched below, has no Turkish or Hungarian catalog). */
	static const char transient[] = "Temporary failure in name resolution";

	if (strstr(m, transient) != NULL || strstr(m, dgettext("libc", transient)) != NULL)
		return false;
	for (size_t i = 0; i < sizeof final / sizeof final[0]; i++)
		if (strstr(m, final[i]) != NULL)
			return true;
	return false;
}

/* "FATAL:  28P01: password …": the five characters after a severity's ":  ". */
static const char *find_sqlstate(const char *m, char st[6])
{
	static const char *const sev[] = { "FATAL:  ", "ERROR:  ", "PANIC:  " };

	for (size_t i = 0; i < sizeof sev / sizeof sev[0]; i++) {
		const char *p = strstr(m, sev[i]);
		size_t k;

		if (p == NULL)
			continue;
		p += strlen(sev[i]);
		for (k = 0; k < 5 && (isdigit((unsigned char)p[k]) || isupper((unsigned char)p[k])); k++)
			;
		if (k == 5 && p[5] == ':' && p[6] == ' ') {
			memcpy(st, p, 5);
			st[5] = '\0';
			return p;
		}
	}
	st[0] = '\0';
	return NULL;
}

void db_conn_failure_classify(const char *message, struct db_conn_failure *out)
{
	struct strbuf sb = STRBUF_INIT;
	const char *m = message != NULL ? message : "";
	const char *code = find_sqlstate(m, out->sqlstate);
	const char *line = m;

	out->final = code != NULL ? final_state(out->sqlstate) : final_text(m);
	/* The reason without the SQLSTATE and without the LOCATION line verbose adds. */
	while (*line != '\0') {
		size_t len = strcspn(line, "\n");

		if (strncmp(line, "LOCATION:", 9) != 0 && len > 0) {
			const char *from = line, *end = line + len;

			if (sb.len > 0)
				sb_puts(&sb, "\n");
			if (code != NULL && code >= from && code < end) {
				sb_add(&sb, from, (size_t)(code - from));
				from = code + 7; /* "28P01: " */
			}
			sb_add(&sb, from, (size_t)(end - from));
		}
		line += len;
		if (*line == '\n')
			line++;
	}
	out->reason = sb_take(&sb);
	for (size_t n = strlen(out->reason); n > 0 && (out->reason[n - 1] == ' ' || out->reason[n - 1] == '\n');)
		out->reason[--n] = '\0';
	if (out->reason[0] == '\0') {
		free(out->reason);
		out->reason = xstrdup(_("the connection was refused"));
	}
}
