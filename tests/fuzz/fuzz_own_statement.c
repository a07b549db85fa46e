/* Fuzz target: the check of a workplace's own statement text
 * (src/domain/own_statement.h), in both languages. Nothing may crash or
 * read out of bounds; an accepted text is at most OWN_MAX_CHARS
 * characters of UTF-8 without control characters and has at most one
 * negation; every problem has a message in both languages. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/own_statement.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail_if(int bad)
{
	if (bad)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = 0;
	for (int en = 0; en < 2; en++) {
		int neg = -1;
		own_problem p = own_check(text, en, &neg);
		fail_if(neg < 0);
		if (p == OWN_OK) {
			fail_if(neg > 1);
			size_t from = 0, to = strlen(text); /* own_check reads up to a NUL */
			while (from < to && text[from] == ' ')
				from++;
			while (to > from && text[to - 1] == ' ')
				to--;
			size_t chars = 0;
			for (size_t i = from; i < to; i++) {
				unsigned char c = (unsigned char)text[i];
				fail_if(c < 0x20 || c == 0x7f);
				chars += (c & 0xC0) != 0x80;
			}
			fail_if(to == from || chars > OWN_MAX_CHARS);
		} else {
			fail_if(!own_problem_message(p, en, false) || !own_problem_message(p, en, true));
		}
	}
	free(text);
	return 0;
}
