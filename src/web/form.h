/* form.h - parsing of application/x-www-form-urlencoded bodies. Pure: no
 * I/O, everything allocated in the arena; a fuzz target drives it. */
#ifndef WP_FORM_H
#define WP_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "web/web.h"

#define FORM_MAX_FIELDS 2000

/* Parse `len` bytes into `out`. Returns false (with nothing appended) when
 * the body is malformed: a bad %-escape, a NUL byte, or more than
 * FORM_MAX_FIELDS fields. Keys and values are NUL-terminated copies;
 * their UTF-8 validity is checked when a field is read. */
bool form_parse(arena *a, const char *body, size_t len, kvlist *out);

/* Append a pair to a list in the arena. */
void kv_push(arena *a, kvlist *l, const char *key, const char *val);

#endif
