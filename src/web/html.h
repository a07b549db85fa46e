/* html.h - the HTML/SVG writer. Everything written through html() is
 * escaped: each %s argument has & < > " ' replaced by entities, so the same
 * call is safe in element text and in quoted attribute values. The format
 * itself must be a string literal (the macro refuses anything else), so no
 * request value can ever become markup.
 *
 * Supported conversions: %s (and %.Ns: at most N bytes) %c %d %i %u %ld %lu %lld %llu %zu %zd %x and
 * %f with an optional precision and sign (%.1f, %+.2f), plus %%. Numbers are written as
 * numbers; a non-finite double is written as 0.
 *
 * Raw output is html_unescaped(): rare, and every use is easy to grep. */
#ifndef WP_HTML_H
#define WP_HTML_H

#include <stdarg.h>
#include <stddef.h>

#include "base/buf.h"

void html_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void html_vprintf(buf *b, const char *fmt, va_list ap);

/* Append s with & < > " ' escaped. */
void html_escape(buf *b, const char *s);

/* Append trusted bytes as they are: a page body this program built itself
 * through the escaping calls above (the page cache), a file shipped with
 * the program (the static assets). False when b would grow past its cap. */
bool html_unescaped(buf *b, const char *trusted, size_t len);

#define html(b, fmt, ...) html_printf((b), "" fmt, ##__VA_ARGS__)

#endif
