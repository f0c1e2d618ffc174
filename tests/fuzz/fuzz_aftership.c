/* libFuzzer: AfterShip's parser on any bytes, under any HTTP status it may meet;
 * a result it calls OK must also make a document api.record_tracking can read. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "carrier/adapter.h"
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_parse(&carrier_aftership, data, size);
	return 0;
}
