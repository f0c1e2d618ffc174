#ifndef BACKDESK_SEED_GEN_COPY_H
#define BACKDESK_SEED_GEN_COPY_H
/* COPY ... FROM STDIN in text format: one row a line, fields separated by a tab,
 * \N for NULL.  Rows are formatted straight into a big buffer that goes to the
 * server through PQputCopyData whenever it fills, so that the program formats the
 * next rows while the server stores the last ones. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libpq-fe.h>

/* Writes s[0..n) to dst with the four characters that COPY's text format gives a
 * meaning escaped: backslash -> \\, tab -> \t, newline -> \n, carriage return -> \r.
 * dst must have room for 2 * n bytes; nothing is NUL-terminated.  Returns the
 * number of bytes written. */
size_t copy_escape(char *dst, const char *s, size_t n);

/* Civil date of a day count since 1970-01-01 (proleptic Gregorian). */
void copy_civil(int64_t days, int *year, int *month, int *day);

struct copy_out {
	PGconn *c;
	char *buf;
	size_t len, cap;
	bool at_row_start;
	bool failed;            /* PQputCopyData failed; the rest is dropped */
	long long rows;
};

/* Sends `sql` (a COPY ... FROM STDIN statement without parameters: table and
 * column names only, never values) and gets ready for rows.  Returns 0, or -1 with
 * *err set (caller frees). */
int copy_begin(struct copy_out *o, PGconn *c, const char *sql, char **err);

/* Fields, in column order; each row ends with copy_row_end(). */
void copy_text(struct copy_out *o, const char *s);
void copy_textn(struct copy_out *o, const char *s, size_t n);
void copy_null(struct copy_out *o);
void copy_i64(struct copy_out *o, int64_t v);
void copy_bool(struct copy_out *o, bool v);
/* An amount in minor units with two decimals: -1234 -> "-12.34". */
void copy_money(struct copy_out *o, int64_t minor);
/* A fraction in basis points with four decimals: 2000 -> "0.2000". */
void copy_bp(struct copy_out *o, int bp);
/* Seconds since the epoch as a UTC timestamptz: "2026-11-20 11:03:00+00". */
void copy_ts(struct copy_out *o, int64_t epoch);
/* Days since the epoch as a date: "2026-11-22". */
void copy_date(struct copy_out *o, int64_t days);
void copy_row_end(struct copy_out *o);

/* Sends what is left, ends the COPY and reads its result.  Returns the number of
 * rows the server stored, or -1 with *err set (caller frees).  Frees the buffer
 * either way. */
long long copy_finish(struct copy_out *o, char **err);

/* Gives up a COPY (after an error of the caller's) and frees the buffer. */
void copy_abort(struct copy_out *o);

#endif
