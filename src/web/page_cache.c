/* page_cache.c - see page_cache.h. A few dozen entries, found by a linear
 * scan of their keys' hashes under one mutex; the body is copied out after
 * the mutex is released, the entry held by a reference count meanwhile. */
#include "web/page_cache.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

#define ENTRIES 64
#define MAX_BYTES (16u * 1024 * 1024) /* bodies together */

struct entry {
	char *key;
	uint64_t hash;
	char *body;
	size_t len;
	int refs; /* the cache's own, plus one per request copying it */
	uint64_t used;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct entry *slots[ENTRIES];
static size_t bytes;
static uint64_t clock_;

static uint64_t key_hash(const char *key)
{
	return wp_hash(key, strlen(key), 0);
}

static void unref(struct entry *e)
{
	if (--e->refs > 0)
		return;
	free(e->key);
	free(e->body);
	free(e);
}

/* under mu */
static int find(const char *key, uint64_t h)
{
	for (int i = 0; i < ENTRIES; i++)
		if (slots[i] && slots[i]->hash == h && strcmp(slots[i]->key, key) == 0)
			return i;
	return -1;
}

/* under mu */
static void drop(int i)
{
	bytes -= slots[i]->len;
	unref(slots[i]);
	slots[i] = NULL;
}

bool page_cache_emit(req *r, const char *key)
{
	uint64_t h = key_hash(key);
	pthread_mutex_lock(&mu);
	int i = find(key, h);
	struct entry *e = i >= 0 ? slots[i] : NULL;
	if (e) {
		e->refs++;
		e->used = ++clock_;
	}
	pthread_mutex_unlock(&mu);
	if (!e)
		return false;
	bool ok = html_unescaped(&r->out, e->body, e->len);
	pthread_mutex_lock(&mu);
	unref(e);
	pthread_mutex_unlock(&mu);
	return ok;
}

void page_cache_put(const char *key, const char *body, size_t len)
{
	if (len > MAX_BYTES / 4)
		return;
	struct entry *e = xcalloc(1, sizeof *e);
	e->key = xstrdup(key);
	e->hash = key_hash(key);
	e->body = xmalloc(len ? len : 1);
	memcpy(e->body, body, len);
	e->len = len;
	e->refs = 1;
	pthread_mutex_lock(&mu);
	int i = find(key, e->hash);
	if (i >= 0)
		drop(i); /* the same bytes, rendered twice at once */
	for (;;) {
		int free_slot = -1, oldest = -1;
		for (int k = 0; k < ENTRIES; k++) {
			if (!slots[k])
				free_slot = k;
			else if (oldest < 0 || slots[k]->used < slots[oldest]->used)
				oldest = k;
		}
		if (free_slot >= 0 && bytes + len <= MAX_BYTES) {
			e->used = ++clock_;
			slots[free_slot] = e;
			bytes += len;
			break;
		}
		drop(oldest);
	}
	pthread_mutex_unlock(&mu);
}

void page_cache_free(void)
{
	pthread_mutex_lock(&mu);
	for (int i = 0; i < ENTRIES; i++)
		if (slots[i])
			drop(i);
	pthread_mutex_unlock(&mu);
}
