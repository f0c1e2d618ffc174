#ifndef BACKDESK_VIEWS_SCAN_CODE_H
#define BACKDESK_VIEWS_SCAN_CODE_H
/* What a scanned code is, decided without the database where the code says it
 * itself: a command barcode (DONE, CANCEL, a carrier's code or name), an EAN-13
 * (or one with a wrong check digit: a misread), a tracking number of one or more
 * carriers (carrier_tracking_valid).  Anything else is the database's to say
 * (api.scan_resolve).  Pure, so the scanner's every case is a unit test. */
#include <stdbool.h>

#include "carrier/carriers.h"

/* Longer is no code we print or read. */
enum { SCAN_CODE_MAX = 64 };

enum scan_class {
	SCAN_EMPTY,       /* Enter alone */
	SCAN_TOO_LONG,    /* over SCAN_CODE_MAX characters */
	SCAN_DONE,        /* command barcode DONE */
	SCAN_CANCEL,      /* command barcode CANCEL */
	SCAN_CARRIER,     /* a carrier's code or name: .carrier */
	SCAN_EAN,         /* 13 digits, check digit right */
	SCAN_EAN_MISREAD, /* 13 digits, check digit wrong */
	SCAN_OTHER,       /* the database decides (an order, a return, a SKU ...) */
};

struct scan_code {
	enum scan_class cls;
	char text[SCAN_CODE_MAX + 1]; /* trimmed, as scanned */
	char upper[SCAN_CODE_MAX + 1]; /* upper-cased: how tracking numbers are stored */
	int carrier;                   /* SCAN_CARRIER: an enum carrier_id */
	unsigned tracking;             /* bit i: carrier i's validator takes .upper */
};

/* Classifies raw (one scanned line, without its Enter). */
void scan_classify(const char *raw, struct scan_code *out);
/* 13 digits whose last is the GS1 check digit of the first twelve. */
bool scan_ean13_ok(const char *s);
/* The one carrier whose numbers look like this, or -1 (none, or several). */
int scan_only_carrier(unsigned tracking);

#endif
