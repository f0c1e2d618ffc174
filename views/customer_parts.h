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

/* A dialog listing `orders` (the document's "orders"); Enter opens one. */
void customer_orders_picker(struct tui_ui *ui, struct db_session *db, json_t *orders,
			    const char *name);
/* The same, and Enter hands the picked order (an element of orders) to
 * chosen(arg, order) instead, under title (translated; NULL: "Orders of NAME").
 * arg must live while the dialog does (it is over the screen that made it). */
void customer_orders_choose(struct tui_ui *ui, struct db_session *db, json_t *orders, const char *name,
			    const char *title, void (*chosen)(void *arg, json_t *order), void *arg);

/* The string member key of o, or "" (never NULL). */
const char *customer_str(json_t *o, const char *key);

#endif
