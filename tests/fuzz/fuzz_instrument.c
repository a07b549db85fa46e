/* Fuzz target: instrument definitions (JSON). A definition either parses
 * (and then every scored item can be read) or yields at least one error
 * with a path and a message. */
#include <stdint.h>

#include "base/util.h"
#include "domain/instrument.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	instr_errors errs = {0};
	instrument *in = instrument_parse((const char *)data, size, &errs);
	if (in) {
		WP_ASSERT(errs.n == 0);
		for (size_t i = 0; i < instrument_scored_count(in); i++)
			WP_ASSERT(instrument_scored_at(in, i).item->id != NULL);
	} else {
		WP_ASSERT(errs.n > 0 && errs.v[0].path && errs.v[0].message);
	}
	instrument_free(in);
	instr_errors_free(&errs);
	return 0;
}
