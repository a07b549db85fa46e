/* buf.h - growable byte buffer with a size cap.
 * A hostile request cannot make a buffer grow without bound: past its cap an
 * append fails, sets `toobig` and leaves the contents as they were. The
 * buffer owns its memory (heap); buf_free releases it. */
#ifndef WP_BUF_H
#define WP_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct {
	char *data; /* always NUL-terminated when len > 0 or after buf_cstr */
	size_t len, alloc, cap;
	bool toobig;
} buf;

#define BUF_NOCAP ((size_t)-1)

void buf_init(buf *b, size_t cap);
void buf_free(buf *b);
void buf_reset(buf *b);
bool buf_append(buf *b, const void *p, size_t n);
bool buf_puts(buf *b, const char *s);
bool buf_putc(buf *b, char c);
bool buf_put_int(buf *b, long long v);                    /* in decimal */
bool buf_put_uint(buf *b, unsigned long long v, bool hex); /* decimal or lower-case hex */
bool buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool buf_vprintf(buf *b, const char *fmt, va_list ap);
const char *buf_cstr(buf *b); /* valid until the next change */
char *buf_steal(buf *b);      /* caller frees; the buffer is left empty */

#endif
