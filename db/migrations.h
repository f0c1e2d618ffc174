#ifndef BACKDESK_DB_MIGRATIONS_H
#define BACKDESK_DB_MIGRATIONS_H
/* The schema this program speaks: db/migrations/NNNN_name.sql, compiled in. */

struct migration {
	int version;
	const char *name;
	const char *checksum; /* SHA-256 of the file (and of sql), 64 hex digits */
	const char *sql;
};

extern const struct migration migrations[];
extern const int migrations_count;

#endif
