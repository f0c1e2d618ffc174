#ifndef BACKDESK_COMMON_CSV_H
#define BACKDESK_COMMON_CSV_H
/* RFC 4180 CSV: fields separated by commas, rows ended by CRLF, a field quoted
 * when it holds a comma, a double quote, CR or LF (quotes inside doubled).  Bytes
 * are passed through as they are (the database's text is UTF-8); NULL is an
 * empty field.
 *
 * Spreadsheet formulas: a spreadsheet opening the file runs a cell that starts
 * with = + - @ (or a tab or CR, which some of them skip before looking) as a
 * formula, and names and ticket subjects are written by customers.  With
 * CSV_TEXT the field is text from people: such a first character gets a single
 * quote before it (OWASP's advice), which spreadsheets show as text.  Numbers,
 * days and times are written without CSV_TEXT, so "-5.00" stays a number.  A
 * program that wants the data untouched reads the api functions instead. */
#include <stdbool.h>
#include <stdio.h>

enum { CSV_TEXT = 1 };

/* Writes one field, with the comma before it unless it is the row's first.
 * Returns 0, or -1 when writing failed (errno as stdio left it). */
int csv_field(FILE *f, const char *s, bool first, unsigned flags);

/* Ends the row (CRLF).  0 or -1. */
int csv_end_row(FILE *f);

/* Whether a text field would get the single quote (for tests and the docs). */
bool csv_formula_risk(const char *s);

#endif
