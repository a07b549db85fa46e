/* Fuzz target: urlencoded form bodies, then every field validator on each
 * parsed field. Nothing may crash, leak or read out of bounds, and parsed
 * keys and values are always NUL-terminated strings without NUL inside. */
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/util.h"
#include "web/form.h"
#include "web/web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	req r;
	memset(&r, 0, sizeof r);
	r.a = arena_new();
	r.post = true;
	r.english = size && (data[0] & 1);
	if (form_parse(r.a, (const char *)data, size, &r.form)) {
		static const char *const choices[] = {"a", "student", "nl", NULL};
		for (int i = 0; i < r.form.n; i++) {
			const char *k = r.form.v[i].key, *out;
			int64_t n;
			int c;
			WP_ASSERT(strlen(k) <= size && strlen(r.form.v[i].val) <= size);
			field_text(&r, k, 20, true, &out);
			field_multiline(&r, k, 2000, false, &out);
			field_int(&r, k, -5, 5, &n);
			field_date(&r, k, false, &out);
			field_email(&r, k, &out);
			field_url(&r, k, false, &out);
			field_choice(&r, k, choices, &c);
		}
	}
	arena_free(r.a);
	return 0;
}
