/* Which tracking service follows each of backdesk's carriers: DHL through its
 * own API, every other one through AfterShip (one key for many carriers), until
 * a carrier's own API is worth an adapter of its own. */
#include <stddef.h>
#include <string.h>

#include "carrier/adapter.h"

static const struct {
	const char *carrier; /* carrier/carriers.c's code */
	const char *slug;    /* AfterShip's courier slug */
	const struct carrier_adapter *adapter;
} routes[] = {
	{ "yurtici", "yurtici-kargo", &carrier_aftership },
	{ "aras", "aras", &carrier_aftership },
	{ "mng", "mngkargo", &carrier_aftership },
	{ "ptt", "ptt-posta", &carrier_aftership },
	{ "dhl", "dhl", &carrier_dhl },
	{ "ups", "ups", &carrier_aftership },
	{ "fedex", "fedex", &carrier_aftership },
	{ "mpl", "magyar-posta", &carrier_aftership },
	{ "gls", "gls", &carrier_aftership },
};

static int route(const char *carrier)
{
	for (size_t i = 0; carrier != NULL && i < sizeof routes / sizeof routes[0]; i++)
		if (strcmp(routes[i].carrier, carrier) == 0)
			return (int)i;
	return -1;
}

const struct carrier_adapter *carrier_adapter_for(const char *carrier)
{
	int i = route(carrier);

	return i < 0 ? NULL : routes[i].adapter;
}

const char *carrier_aftership_slug(const char *carrier)
{
	int i = route(carrier);

	return i < 0 ? NULL : routes[i].slug;
}
