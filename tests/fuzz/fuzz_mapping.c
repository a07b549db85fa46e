/* Fuzz target: import mapping files (JSON) checked against the shipped
 * instrument. A mapping is accepted or refused with at least one problem. */
#include <stdint.h>
#include <stdlib.h>

#include "base/arena.h"
#include "base/util.h"
#include "domain/instrument.h"
#include "io/import.h"
#include "web/assets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static instrument *in;
	if (!in) {
		in = instrument_parse((const char *)shipped_instruments[0].data, shipped_instruments[0].len, NULL);
		WP_ASSERT(in);
	}
	arena *a = arena_new();
	import_problems pr = {0};
	import_mapping *m = import_mapping_parse(a, (const char *)data, size, in, size && (data[0] & 1), &pr);
	WP_ASSERT(m || pr.n > 0);
	arena_free(a);
	return 0;
}
