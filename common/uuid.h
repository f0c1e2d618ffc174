#ifndef BACKDESK_UUID_H
#define BACKDESK_UUID_H
/* Random (version 4) UUIDs: the idempotency keys of refunds and gifts.  A key is
 * made when the agent opens the form, so sending the same form again after a lost
 * connection cannot pay twice. */

#define UUID_STRLEN 37

/* Returns 0, or -1 when the system has no randomness to give (then out is ""). */
int uuid_v4(char out[UUID_STRLEN]);

#endif
