/* R on the order screen: "start a return" (views/return_start.c) for this order.
 * Each load of the order asks api.returnable_lines too, so that R is offered only
 * when something can go back, and says why not otherwise (not delivered yet, the
 * windows are over, everything is already in a return). */
#include <stdio.h>
#include <string.h>

#include "db/return_request.h"
#include "views/order_view.h"
#include "views/return_start.h"

static void returned(void *arg)
{
	order_view_reload(arg);
}

unsigned order_return_request(struct order_view *v)
{
	if (v->ret == NULL)
		v->ret = return_start_new(v->db, v->number, returned, v);
	return_start_open(v->ret, tui_pane_ui(v->pane));
	return TUI_HANDLED | TUI_REDRAW;
}

static void on_returnable(const PGresult *res, const char *error, void *arg)
{
	struct order_view *v = arg;
	struct db_returnables *r;
	const char *why;

	v->ret_query = 0;
	if (error != NULL)
		return; /* R asks again and says what went wrong */
	r = db_returnables_parse(res);
	why = r != NULL ? db_returnables_why_not(r) : NULL;
	(void)snprintf(v->cannot[OA_RETURN], sizeof v->cannot[OA_RETURN], "%s", why != NULL ? why : "");
	db_returnables_free(r);
	if (v->pane != NULL)
		tui_pane_dirty(v->pane);
}

void order_return_loaded(struct order_view *v)
{
	if (v->ret_query != 0)
		db_session_cancel(v->db, v->ret_query);
	v->ret_query = db_returnable_lines(v->db, v->number, on_returnable, v);
}

void order_return_free(struct order_view *v)
{
	if (v->ret_query != 0)
		db_session_cancel(v->db, v->ret_query);
	v->ret_query = 0;
	return_start_free(v->ret);
	v->ret = NULL;
}
