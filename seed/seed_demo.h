#ifndef BACKDESK_SEED_SEED_DEMO_H
#define BACKDESK_SEED_SEED_DEMO_H
/* What `seed --demo` adds to the bulk generator: the check that the demo is not
 * already there, and the demo staff logins. */
#include <libpq-fe.h>

/* 1 when the demo's story rows are already in the database, with *what naming one
 * of them (caller frees); 0 when not; -1 with *err set. */
int seed_demo_loaded(PGconn *c, char **what, char **err);

typedef void (*seed_note_fn)(const char *msg, void *arg);

/* The demo staff: ayse (Ayşe Yılmaz, agent), can (Can Arslan, agent), eszter
 * (Szabó Eszter, agent), mehmet (Mehmet Demir, warehouse), zsofia (Zsófia Nagy,
 * supervisor), admin (Deniz Kaya, admin).  Each gets a login through
 * api.staff_add; a login role that already exists (roles belong to the whole
 * server, so another database's demo may have made it) keeps its membership and
 * only gets its staff row here.  Returns 0, or -1 with *err set. */
int seed_demo_staff(PGconn *c, seed_note_fn note, void *arg, char **err);

#endif
