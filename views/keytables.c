/* The screens' key tables (views/keytables.h). */
#include "views/keytables.h"

const struct view_keytable *const views_keytables[] = {
	&orders_keytable, &order_keytable,  &customer_keytable,
	&answers_keytable, &lookup_keytable, &customer_picker_keytable,
	&ticket_keytable, &tickets_keytable, &tickets_chooser_keytable, &csat_agents_keytable,
	&return_lines_keytable,
	&refunds_ledger_keytable,
	&outbox_keytable, &outbox_message_keytable, &message_preview_keytable,
	&returns_keytable,
	&return_keytable,
	&shipments_keytable,
	&parcel_keytable,
	&scan_keytable,
	&dashboard_keytable,
	&dashboard_list_keytable,
};

const size_t views_keytables_count = sizeof views_keytables / sizeof views_keytables[0];
