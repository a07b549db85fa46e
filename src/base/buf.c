#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void buf_init(buf *b, size_t cap)
{
	memset(b, 0, sizeof *b);
	b->cap = cap;
}

void buf_free(buf *b)
{
	free(b->data);
	buf_init(b, b->cap);
}

void buf_reset(buf *b)
{
	b->len = 0;
	b->toobig = false;
	if (b->data)
		b->data[0] = 0;
}

static bool buf_grow(buf *b, size_t extra)
{
	if (extra > b->cap || b->len > b->cap - extra) {
		b->toobig = true;
		return false;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->alloc)
		return true;
	size_t n = b->alloc ? b->alloc : 256;
	while (n < need)
		n *= 2;
	b->data = xrealloc(b->data, n);
	b->alloc = n;
	return true;
}

bool buf_append(buf *b, const void *p, size_t n)
{
	if (!buf_grow(b, n))
		return false;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = 0;
	return true;
}

bool buf_puts(buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

bool buf_putc(buf *b, char c)
{
	return buf_append(b, &c, 1);
}

/* Digits of v in base 10 or 16, written backwards from the end of tmp. */
static bool put_digits(buf *b, unsigned long long v, bool hex, bool minus)
{
	char tmp[24], *end = tmp + sizeof tmp, *p = end;
	unsigned base = hex ? 16 : 10;
	do {
		*--p = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (minus)
		*--p = '-';
	return buf_append(b, p, (size_t)(end - p));
}

bool buf_put_int(buf *b, long long v)
{
	/* the magnitude in unsigned arithmetic: -LLONG_MIN does not fit */
	return put_digits(b, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v, false,
			  v < 0);
}

bool buf_put_uint(buf *b, unsigned long long v, bool hex)
{
	return put_digits(b, v, hex, false);
}

/* Formatted straight into the room the buffer has; only what does not
 * fit is measured and formatted again. */
bool buf_vprintf(buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	size_t room = b->alloc - b->len; /* alloc > len whenever data is set */
	int n = vsnprintf(b->data ? b->data + b->len : NULL, b->data ? room : 0, fmt, ap2);
	va_end(ap2);
	if (n >= 0 && b->data && (size_t)n < room && (size_t)n <= b->cap - b->len) {
		b->len += (size_t)n;
		return true;
	}
	if (b->data)
		b->data[b->len] = 0; /* what did not fit is not appended */
	if (n < 0 || !buf_grow(b, (size_t)n))
		return false;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return true;
}

bool buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bool ok = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return ok;
}

const char *buf_cstr(buf *b)
{
	if (!b->data)
		return "";
	return b->data;
}

char *buf_steal(buf *b)
{
	char *p = b->data ? b->data : xstrdup("");
	b->data = NULL;
	b->len = b->alloc = 0;
	return p;
}
