#include "web/survey.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* Every version asked for stays parsed until exit: there are few, and a
 * pointer handed to a request must stay valid. */
static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static survey **cache;
static int cached, cache_cap;

static survey *cache_find(int64_t version_id)
{
	for (int i = 0; i < cached; i++)
		if (cache[i]->version_id == version_id)
			return cache[i];
	return NULL;
}

/* Parse and index a version outside the lock; NULL on failure. */
/* The slot of a code in s->by_code: its row, or the empty slot for it. */
static int *code_slot(const survey *s, const char *code)
{
	unsigned h = 2166136261u; /* FNV-1a */
	for (const char *c = code; *c; c++)
		h = (h ^ (unsigned char)*c) * 16777619u;
	for (unsigned i = 0;; i++) {
		int *slot = &s->by_code[(h + i) & (unsigned)(s->n_slots - 1)];
		if (!*slot || strcmp(s->rows[*slot - 1].code, code) == 0)
			return slot;
	}
}

static survey *survey_build(req *r, int64_t version_id)
{
	char *def;
	item_row *rows;
	int n;
	if (store_instrument_definition(r->st, r->a, version_id, &def) != ST_OK ||
	    store_items(r->st, r->a, version_id, &rows, &n) != ST_OK)
		return NULL;
	instrument *in = instrument_parse(def, strlen(def), NULL);
	if (!in)
		return NULL;
	survey *s = xcalloc(1, sizeof *s);
	s->version_id = version_id;
	s->in = in;
	s->n_rows = n;
	s->rows = xcalloc((size_t)n + 1, sizeof(item_row));
	s->n_slots = 16;
	while (s->n_slots < 2 * n + 2)
		s->n_slots *= 2;
	s->by_code = xcalloc((size_t)s->n_slots, sizeof(int));
	for (int i = 0; i < n; i++) {
		s->rows[i].id = rows[i].id;
		s->rows[i].code = xstrdup(rows[i].code);
		s->rows[i].open = rows[i].open;
		int *slot = code_slot(s, s->rows[i].code);
		if (!*slot)
			*slot = i + 1;
	}
	s->layout = (item_layout){version_id, s->rows, n};
	return s;
}

static void survey_free(survey *s)
{
	for (int i = 0; i < s->n_rows; i++)
		free((char *)s->rows[i].code);
	free(s->rows);
	free(s->by_code);
	instrument_free(s->in);
	free(s);
}

const survey *survey_load(req *r, int64_t version_id)
{
	pthread_mutex_lock(&cache_mu);
	survey *s = cache_find(version_id);
	pthread_mutex_unlock(&cache_mu);
	if (s)
		return s;
	survey *fresh = survey_build(r, version_id);
	if (!fresh) {
		r->log_note = arena_printf(r->a, "cannot load instrument version %lld",
					   (long long)version_id);
		reply_error(r, 500, NULL);
		return NULL;
	}
	pthread_mutex_lock(&cache_mu);
	s = cache_find(version_id);
	if (!s) {
		if (cached == cache_cap) {
			cache_cap = cache_cap ? cache_cap * 2 : 8;
			cache = xrealloc(cache, sizeof(survey *) * (size_t)cache_cap);
		}
		cache[cached++] = fresh;
		s = fresh;
		fresh = NULL;
	}
	pthread_mutex_unlock(&cache_mu);
	if (fresh)
		survey_free(fresh); /* another thread was first */
	return s;
}

int64_t survey_item_id(const survey *s, const char *code)
{
	int row = *code_slot(s, code);
	return row ? s->rows[row - 1].id : 0;
}

void survey_cache_free(void)
{
	pthread_mutex_lock(&cache_mu);
	for (int i = 0; i < cached; i++)
		survey_free(cache[i]);
	free(cache);
	cache = NULL;
	cached = cache_cap = 0;
	pthread_mutex_unlock(&cache_mu);
}

