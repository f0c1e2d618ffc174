#ifndef BACKDESK_DB_CHANNELS_H
#define BACKDESK_DB_CHANNELS_H
/* The NOTIFY channels the database speaks on, in one place: the screens' registry
 * entries name the ones they follow, and the console LISTENs to those. */

/* 0003's statement triggers: "this table changed" (payload: the operation). */
#define DB_ORDERS_CHANNEL "backdesk_orders"
#define DB_TICKETS_CHANNEL "backdesk_tickets"
#define DB_RETURNS_CHANNEL "backdesk_returns"
#define DB_REFUNDS_CHANNEL "backdesk_refunds"
/* Parcels and their events (payload: the shipment id), and their delay notices. */
#define DB_SHIPMENTS_CHANNEL "backdesk_shipments"

/* api.ticket_presence (0031): who is viewing or typing, never stored. */
#define DB_PRESENCE_CHANNEL "backdesk_presence"

#endif
