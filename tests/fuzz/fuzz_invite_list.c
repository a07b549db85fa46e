/* Fuzz target: the list of people to invite (pasted text or a CSV file).
 * Nothing may crash, leak or read out of bounds; every entry is a valid
 * address with a known perspective and a line number within the text, no
 * address appears twice, and entries plus errors never exceed the lines. */
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/util.h"
#include "web/invite_list.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	arena *a = arena_new();
	invite_list l;
	invite_list_parse(a, (const char *)data, size, 50, &l);
	WP_ASSERT(l.n + l.n_errors == l.lines && l.lines <= 50);
	for (int i = 0; i < l.n; i++) {
		WP_ASSERT(invite_email_ok(l.entries[i].email));
		WP_ASSERT(l.entries[i].persp >= 0 && l.entries[i].persp < PERSP_COUNT);
		WP_ASSERT(l.entries[i].line >= 1 && (size_t)l.entries[i].line <= size + 1);
		for (int j = 0; j < i; j++)
			WP_ASSERT(strcmp(l.entries[i].email, l.entries[j].email) != 0);
	}
	for (int i = 0; i < l.n_errors; i++)
		WP_ASSERT(l.errors[i].line >= 1 && (size_t)l.errors[i].line <= size + 1);
	arena_free(a);
	return 0;
}
