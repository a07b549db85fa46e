/* Fuzz target: multipart/form-data bodies. The first line of the input is
 * the Content-Type header, the rest the body. Nothing may crash, leak or
 * read out of bounds; on success every key and value is a NUL-terminated
 * string no longer than the body (a binary file's base64 a third longer),
 * and on failure nothing is appended. */
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/util.h"
#include "web/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *nl = memchr(s, '\n', size);
	if (!nl)
		return 0;
	arena *a = arena_new();
	char *ct = arena_strndup(a, s, (size_t)(nl - s));
	const char *body = nl + 1;
	size_t len = size - (size_t)(nl - s) - 1;
	kvlist out = {0};
	if (form_parse_multipart(a, ct, body, len, &out)) {
		WP_ASSERT(out.n <= FORM_MAX_FIELDS);
		for (int i = 0; i < out.n; i++)
			WP_ASSERT(strlen(out.v[i].key) <= len + 9 && strlen(out.v[i].val) <= len / 3 * 4 + 4);
	} else {
		WP_ASSERT(out.n == 0);
	}
	arena_free(a);
	return 0;
}
