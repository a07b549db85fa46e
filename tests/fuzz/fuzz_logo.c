/* Fuzz target: an uploaded logo (io/logo.h), as a PNG and as an SVG. The
 * first byte picks the kind. Nothing may crash, leak or read out of
 * bounds; a PNG that passes has sensible dimensions. */
#include <stdint.h>
#include <string.h>

#include "base/util.h"
#include "io/logo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	logo_kind k = data[0] & 1 ? LOGO_SVG : LOGO_PNG;
	char detail[64];
	int w, h;
	logo_problem p = logo_check(k, data + 1, size - 1, detail, &w, &h);
	WP_ASSERT(strlen(detail) < sizeof detail);
	if (p == LOGO_OK && k == LOGO_PNG)
		WP_ASSERT(w >= LOGO_MIN_PX && h >= LOGO_MIN_PX && w <= LOGO_MAX_PX && h <= LOGO_MAX_PX);
	return 0;
}
