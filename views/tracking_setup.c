#include "views/tracking_setup.h"

#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/xalloc.h"

static int one(const char *section, const struct config_carrier *cc,
	       struct carrier_account *acct, char **key, char **err)
{
	char *why = NULL;

	if (cc->base_url == NULL)
		return 0;
	if (cc->api_key_file == NULL) {
		*err = xasprintf(_("[%s] has a base_url but no api_key_file: the service "
				   "wants its key"),
				 section);
		return -1;
	}
	if (config_read_secret(cc->api_key_file, key, &why) != 0) {
		*err = xasprintf("[%s] api_key_file: %s", section, why);
		free(why);
		return -1;
	}
	acct->base_url = cc->base_url;
	acct->api_key = *key;
	return 0;
}

int tracking_setup_load(const struct config *cfg, struct tracking_setup *out, char **err)
{
	memset(out, 0, sizeof *out);
	*err = NULL;
	out->client.concurrency = cfg->tracking_concurrency;
	out->background = cfg->tracking_background;
	if (one("carrier.dhl", &cfg->carrier_dhl, &out->client.dhl, &out->dhl_key, err) != 0 ||
	    one("carrier.aftership", &cfg->carrier_aftership, &out->client.aftership,
		&out->aftership_key, err) != 0) {
		tracking_setup_free(out);
		return -1;
	}
	return 0;
}

void tracking_setup_free(struct tracking_setup *s)
{
	free_secret(s->dhl_key);
	free_secret(s->aftership_key);
	memset(s, 0, sizeof *s);
}
