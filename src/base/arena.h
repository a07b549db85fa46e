/* arena.h - region allocator: many allocations, one free.
 * Every request gets one arena; everything hanging off the request is
 * allocated from it and released by a single arena_free() after the
 * response is sent. Not thread-safe: one arena belongs to one thread. */
#ifndef WP_ARENA_H
#define WP_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);                 /* free with arena_free */
void arena_free(arena *a);              /* releases every allocation */
void *arena_alloc(arena *a, size_t n);  /* zeroed, aligned for any type */
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap);
size_t arena_used(const arena *a);      /* bytes handed out, for caps and tests */

#define ARENA_NEW(a, type) ((type *)arena_alloc((a), sizeof(type)))
#define ARENA_ARRAY(a, type, n) ((type *)arena_alloc((a), sizeof(type) * (n)))

#endif
