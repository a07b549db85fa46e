/* form.h - parsing of application/x-www-form-urlencoded and
 * multipart/form-data bodies. Pure: no I/O, everything allocated in the
 * arena; fuzz targets drive them. */
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

#define MULTIPART_BOUNDARY_MAX 70 /* RFC 2046 */
#define MULTIPART_HEADER_MAX 1024  /* bytes of one header line of a part */
#define MULTIPART_HEADERS_MAX 16   /* header lines of one part */

/* Parse a multipart/form-data body into `out`; `content_type` is the whole
 * Content-Type header (the boundary is taken from it). A field's value is
 * its content as a NUL-terminated copy. A file field (one with a filename)
 * yields the field with the file's content, and "<name>.filename" with the
 * name the browser sent. A file that contains a NUL byte (not a text file)
 * yields the field with an empty value, "<name>.binary" = "1" and
 * "<name>.base64" = its content in base64 instead.
 * Returns false (with nothing appended) when the body is malformed: no or
 * a bad boundary, a part without a form-data name, a header line past
 * MULTIPART_HEADER_MAX, more than MULTIPART_HEADERS_MAX header lines, a
 * NUL byte in a name or an ordinary field, no closing delimiter, or more
 * than FORM_MAX_FIELDS fields. Work is linear in `len`. */
bool form_parse_multipart(arena *a, const char *content_type, const char *body, size_t len,
			  kvlist *out);

/* Append a pair to a list in the arena. */
void kv_push(arena *a, kvlist *l, const char *key, const char *val);

#endif
