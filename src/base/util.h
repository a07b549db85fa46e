/* util.h - allocation that never returns NULL, assertions, small helpers.
 * Out-of-memory is not an error we recover from: the wrappers abort with a
 * message, so callers never test for NULL. */
#ifndef WP_UTIL_H
#define WP_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Result of any call that can fail for a reason the caller must handle. */
typedef enum { WP_OK = 0, WP_ERR = -1 } wp_rc;

void *xmalloc(size_t n);              /* caller frees */
void *xcalloc(size_t n, size_t size); /* caller frees */
void *xrealloc(void *p, size_t n);    /* caller frees the result */
char *xstrdup(const char *s);         /* caller frees */

/* Print "werkplaats: <message>" on stderr and exit(1). */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

void wp_assert_fail(const char *expr, const char *file, int line) __attribute__((noreturn));
#define WP_ASSERT(e) ((e) ? (void)0 : wp_assert_fail(#e, __FILE__, __LINE__))

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* FNV-1a over n bytes, its starting value mixed with seed (0: plain
 * FNV-1a). Not for anything an attacker may choose to collide. */
uint64_t wp_hash(const void *p, size_t n, uint64_t seed);

/* Seconds since the epoch, and a monotonic clock in microseconds. */
int64_t wp_now(void);
int64_t wp_monotonic_us(void);

/* Strict decimal integer parse: the whole string, optional leading '-',
 * no spaces, within [min, max]. */
bool parse_int64(const char *s, int64_t min, int64_t max, int64_t *out);

/* The length (1 to 4) of the well-formed UTF-8 sequence at s, within
 * `avail` bytes (at least 1), with its code point in *cp; 0 for a stray or
 * truncated byte, an overlong form, a surrogate or a code point above
 * U+10FFFF. The one UTF-8 decoder of the program. */
size_t utf8_decode(const char *s, size_t avail, uint32_t *cp);

/* True when s is valid UTF-8 without NUL and without control characters
 * other than tab, CR and LF (when allow_newlines) . */
bool utf8_valid_text(const char *s, size_t len, bool allow_newlines);

/* Number of code points in valid UTF-8. */
size_t utf8_length(const char *s);

/* True when s looks like an e-mail address we accept: one '@' with text
 * before it, a dot in the domain, no spaces, controls or <>()[],;:\". */
bool email_well_formed(const char *s);

/* Parse "YYYY-MM-DD" into days since 1970-01-01 (UTC). */
bool parse_date(const char *s, int64_t *days);
/* Format days since 1970-01-01 as "YYYY-MM-DD" into out (11 bytes). */
void format_date(int64_t days, char out[11]);
/* A moment as "YYYY-MM-DD HH:MM UTC" into out (21 bytes). */
void format_moment(int64_t at, char out[21]);
/* Today as YYYY-MM-DD (UTC). */
void today(char out[11]);

#endif
