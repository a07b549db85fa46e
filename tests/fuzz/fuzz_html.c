/* Fuzz target: the escaping HTML writer. Whatever the argument, the output
 * holds no markup character that did not come from the format itself. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/util.h"
#include "web/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = 0;
	buf b;
	buf_init(&b, BUF_NOCAP);
	html(&b, "%s", s);
	for (size_t i = 0; i < b.len; i++)
		WP_ASSERT(b.data[i] != '<' && b.data[i] != '>' && b.data[i] != '"' && b.data[i] != '\'');
	buf_free(&b);
	free(s);
	return 0;
}
