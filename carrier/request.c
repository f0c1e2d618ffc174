#include "carrier/request.h"

#include <stdlib.h>
#include <string.h>

#include "carrier/carriers.h"
#include "common/i18n.h"
#include "common/strbuf.h"
#include "common/xalloc.h"

void carrier_request_clear(struct carrier_request *rq)
{
	free(rq->url);
	for (int i = 0; i <= CARRIER_MAX_HEADERS; i++)
		free(rq->headers[i]);
	free(rq->body);
	memset(rq, 0, sizeof *rq);
}

/* A key goes into a header line: a CR or LF would start a header of its own. */
static bool header_safe(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

int request_check(const struct carrier_account *acct, const char *service, const char *section,
		  const char *number, struct carrier_result *r)
{
	if (acct == NULL || acct->base_url == NULL || acct->base_url[0] == '\0') {
		carrier_result_fail(r, CARRIER_NOT_SET_UP,
				    _("%s tracking is not set up: [carrier.%s] has no base_url"), service, section);
		return -1;
	}
	if (acct->api_key == NULL || acct->api_key[0] == '\0') {
		carrier_result_fail(r, CARRIER_NOT_SET_UP,
				    _("%s tracking is not set up: [carrier.%s] has no API key"), service, section);
		return -1;
	}
	if (!header_safe(acct->api_key)) {
		carrier_result_fail(r, CARRIER_NOT_SET_UP,
				    _("the %s API key holds a line break or another control character"), service);
		return -1;
	}
	if (number == NULL || number[0] == '\0' || strlen(number) >= CARRIER_TRACKING_MAX) {
		carrier_result_fail(r, CARRIER_BAD_REQUEST, _("that is not a tracking number %s could look up"),
				    service);
		return -1;
	}
	return 0;
}

char *request_url(const char *base, const char *path, const char *number)
{
	static const char hex[] = "0123456789ABCDEF";
	struct strbuf sb = STRBUF_INIT;
	size_t n = strlen(base);

	while (n > 0 && base[n - 1] == '/')
		n--;
	sb_add(&sb, base, n);
	sb_puts(&sb, path);
	for (const unsigned char *p = (const unsigned char *)number; *p != '\0'; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '.' || *p == '_' || *p == '~') {
			sb_putc(&sb, (char)*p);
		} else {
			sb_putc(&sb, '%');
			sb_putc(&sb, hex[*p >> 4]);
			sb_putc(&sb, hex[*p & 15]);
		}
	}
	return sb_take(&sb);
}
