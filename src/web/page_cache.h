/* page_cache.h - rendered page bodies kept for the next request that would
 * render the same bytes. A body is what a page shows below its header (the
 * header holds the visitor's own menu and CSRF tokens and is rendered for
 * every request). The caller builds the key from EVERYTHING the body
 * depends on, values included (not just ids), so that a changed input is a
 * different key: an entry is never stale, only unused, and the least
 * recently used ones go when the cache is full. */
#ifndef WP_PAGE_CACHE_H
#define WP_PAGE_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "web/web.h"

/* Append the body stored under key to r->out: false when there is none. */
bool page_cache_emit(req *r, const char *key);
/* Keep a copy of body[0..len) under key (replacing an equal one). */
void page_cache_put(const char *key, const char *body, size_t len);
/* Free every entry (at exit). */
void page_cache_free(void);

#endif
