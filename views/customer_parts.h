#ifndef BACKDESK_VIEWS_CUSTOMER_PARTS_H
#define BACKDESK_VIEWS_CUSTOMER_PARTS_H
/* The customer screen's pieces: rendering api.customer_360's document into a
 * tui_doc (customer_render.c) and the picker of the customer's orders
 * (customer_picker.c).  views/customer.c puts them together. */
#include <jansson.h>
#include <stddef.h>

#include "db/session.h"
#include "tui/doc.h"
#include "tui/ui.h"

/* The parts a key jumps to. */
enum customer_section {
	CS_CONTACT,
	CS_ADDRESSES,
	CS_ORDERS,
	CS_TICKETS,
	CS_RETURNS,
	CS_REFUNDS,
	CS_SATISFACTION,
	CS_NOTES,
	CS_COUNT
};

/* Replaces d's lines with the document; lines[s] is where section s starts. */
void customer_render(struct tui_doc *d, json_t *doc, size_t lines[CS_COUNT]);

/* A dialog listing `orders` (the document's "orders"); Enter opens one, or, with
 * pick, hands it to pick(arg, id, number) (R: start a return of it). */
void customer_orders_picker(struct tui_ui *ui, struct db_session *db, json_t *orders,
			    const char *name, void (*pick)(void *arg, const char *id, const char *number),
			    void *arg);

/* The string member key of o, or "" (never NULL). */
const char *customer_str(json_t *o, const char *key);

#endif
