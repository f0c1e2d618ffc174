#include "config/dsn.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

/* Keywords whose value is a secret: the login password and the client key's. */
static bool secret_key(const char *k, size_t n)
{
	/* libpq matches keywords exactly; any case counts here, to be safe. */
	return (n == 8 && strncasecmp(k, "password", 8) == 0) ||
	       (n == 11 && strncasecmp(k, "sslpassword", 11) == 0);
}

/* A suspicious string that cannot be read: guess on the safe side. */
static bool mentions_password(const char *s)
{
	for (; *s != '\0'; s++)
		if (strncasecmp(s, "password", 8) == 0)
			return true;
	return false;
}

/* key = value pairs, by the rules of libpq's conninfo_parse(): a value is quoted
 * with '...' or ends at white space; a backslash takes the next character as is. */
static bool keyword_has_password(const char *s)
{
	const char *p = s;

	for (;;) {
		const char *key;
		size_t keylen, vallen = 0;

		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			return false;
		key = p;
		while (*p != '\0' && *p != '=' && !isspace((unsigned char)*p))
			p++;
		keylen = (size_t)(p - key);
		while (isspace((unsigned char)*p))
			p++;
		if (*p != '=')
			return mentions_password(s);
		p++;
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\'') {
			for (p++; *p != '\''; p++, vallen++) {
				if (*p == '\0')
					return mentions_password(s);
				if (*p == '\\' && p[1] != '\0')
					p++;
			}
			p++;
		} else {
			for (; *p != '\0' && !isspace((unsigned char)*p); p++, vallen++)
				if (*p == '\\' && p[1] != '\0')
					p++;
		}
		if (secret_key(key, keylen) && vallen > 0)
			return true;
	}
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decodes s[0..n) into out (at most outlen - 1 bytes kept); false when
 * an escape is malformed. */
static bool pct_decode(const char *s, size_t n, char *out, size_t outlen)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c == '%') {
			int hi, lo;

			if (i + 2 >= n)
				return false;
			hi = hexval(s[i + 1]);
			lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return false;
			c = (char)(hi * 16 + lo);
			i += 2;
		}
		if (o + 1 < outlen)
			out[o++] = c;
	}
	out[o] = '\0';
	return true;
}

/* postgresql://[user[:password]@][netloc][/dbname][?param=value&...], by the rules
 * of libpq's conninfo_uri_parse_options(). */
static bool uri_has_password(const char *s, size_t prefix)
{
	const char *start = s + prefix, *p = start, *q;

	/* The user part ends at '@', looked for before the first '/' as libpq does. */
	while (*p != '\0' && *p != '@' && *p != '/')
		p++;
	if (*p == '@') {
		const char *colon = memchr(start, ':', (size_t)(p - start));

		if (colon != NULL && colon + 1 < p)
			return true;
		start = p + 1;
	}
	q = strchr(start, '?');
	while (q != NULL) {
		const char *param = q + 1, *eq, *end;
		char key[32];

		end = strchr(param, '&');
		if (end == NULL)
			end = param + strlen(param);
		eq = memchr(param, '=', (size_t)(end - param));
		if (eq != NULL) {
			if (!pct_decode(param, (size_t)(eq - param), key, sizeof key))
				return mentions_password(s);
			if (secret_key(key, strlen(key)) && eq + 1 < end)
				return true;
		}
		q = *end == '&' ? end : NULL;
	}
	return false;
}

bool config_dsn_has_password(const char *dsn)
{
	static const char *const prefixes[] = { "postgresql://", "postgres://" };

	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		size_t n = strlen(prefixes[i]);

		if (strncmp(dsn, prefixes[i], n) == 0)
			return uri_has_password(dsn, n);
	}
	/* Without '=' libpq takes the whole string as a database name. */
	if (strchr(dsn, '=') == NULL)
		return false;
	return keyword_has_password(dsn);
}
