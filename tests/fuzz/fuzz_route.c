/* Fuzz target: request paths through the route table (segment splitting
 * and pattern matching), and the checks on tokens and resume codes that
 * come from URLs and cookies. */
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/token.h"
#include "base/util.h"
#include "web/route.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const methods[] = {"GET", "POST", "HEAD", "DELETE"};
	req r;
	memset(&r, 0, sizeof r);
	r.a = arena_new();
	r.method = methods[size ? data[0] % 4 : 0];
	char *path = arena_strndup(r.a, (const char *)data + (size ? 1 : 0), size ? size - 1 : 0);
	r.path = path;
	char allowed[64] = "";
	if (route_split(&r)) {
		const struct route *rt = route_match(&r, allowed, sizeof allowed);
		if (rt)
			for (int i = 0; i < 4 && r.param[i]; i++)
				WP_ASSERT(*r.param[i] && !strchr(r.param[i], '/'));
	}
	char code[RESUME_CHARS + 1];
	if (token_resume_normalise(path, code))
		WP_ASSERT(strlen(code) == RESUME_CHARS);
	if (token_well_formed(path))
		WP_ASSERT(strlen(path) == TOKEN_CHARS);
	arena_free(r.a);
	return 0;
}
