#include "figures/figures.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "figures/snapshot.h"

round_state round_state_on(const mround *rd, const char *today)
{
	if (rd->closed_early || strcmp(today, rd->closes_on) > 0)
		return ROUND_CLOSED;
	if (strcmp(today, rd->opens_on) < 0)
		return ROUND_NOT_YET;
	return ROUND_OPEN;
}

round_state round_state_of(const mround *rd)
{
	char t[11];
	today(t);
	return round_state_on(rd, t);
}

bool figures_frozen(const mround *rd, int submitted)
{
	if (rd->answers_deleted_at)
		return true; /* nothing left to add to or reopen */
	return submitted >= rd->k && round_state_of(rd) == ROUND_CLOSED;
}

store_rc figures_round_frozen(store *st, const mround *rd, bool *frozen)
{
	int counts[PERSP_COUNT], started, submitted = 0;
	*frozen = rd->answers_deleted_at != 0;
	if (*frozen || round_state_of(rd) != ROUND_CLOSED)
		return ST_OK;
	store_rc rc = store_round_counts(st, rd->id, counts, &started);
	for (int p = 0; p < PERSP_COUNT; p++)
		submitted += counts[p];
	*frozen = rc == ST_OK && figures_frozen(rd, submitted);
	return rc;
}

/* ---- the cache
 * Computed figures are kept per round, keyed by the round's answers_version
 * (bumped in the same transaction as every change to its submitted
 * answers), so a cached figure is never stale, also when another process
 * changed the answers. Entries are shared by reference count. */
#define CACHE_ENTRIES 128

struct cached {
	int64_t round_id, answers_version, version_id;
	int k, k_comments;
	bool released;
	analysis_result *res;
	int submitted;
	int refs;
	uint64_t used;
};

static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static struct cached cache[CACHE_ENTRIES];
static uint64_t cache_clock;

static bool same(const struct cached *a, const struct cached *b)
{
	return a->round_id == b->round_id && a->answers_version == b->answers_version &&
	       a->version_id == b->version_id && a->k == b->k && a->k_comments == b->k_comments &&
	       a->released == b->released;
}

/* The cached entry for key with one more reference, or NULL. */
static struct cached *cache_get(const struct cached *key)
{
	struct cached *hit = NULL;
	pthread_mutex_lock(&cache_mu);
	for (int i = 0; i < CACHE_ENTRIES && !hit; i++)
		if (cache[i].res && same(&cache[i], key)) {
			cache[i].refs++;
			cache[i].used = ++cache_clock;
			hit = &cache[i];
		}
	pthread_mutex_unlock(&cache_mu);
	return hit;
}

/* Keep key's result (with one reference for the caller); returns the entry
 * to use, which is an equal one already cached when another thread was
 * first, or NULL when every entry is in use (the caller keeps its own). */
static struct cached *cache_put(const struct cached *key)
{
	analysis_result *drop = NULL;
	struct cached *use = NULL;
	pthread_mutex_lock(&cache_mu);
	int victim = -1;
	for (int i = 0; i < CACHE_ENTRIES && !use; i++) {
		if (cache[i].res && same(&cache[i], key)) {
			cache[i].refs++;
			drop = key->res;
			use = &cache[i];
		} else if (cache[i].refs == 0 &&
			   (victim < 0 || !cache[i].res ||
			    (cache[victim].res && cache[i].used < cache[victim].used))) {
			victim = i;
		}
	}
	if (!use && victim >= 0) {
		drop = cache[victim].res; /* least recently used and unused */
		cache[victim] = *key;
		cache[victim].refs = 1;
		cache[victim].used = ++cache_clock;
		use = &cache[victim];
	}
	pthread_mutex_unlock(&cache_mu);
	analysis_free(drop);
	return use;
}

void figures_done(round_figures *f)
{
	if (!f->ref_) {
		analysis_free(f->res);
	} else {
		pthread_mutex_lock(&cache_mu);
		((struct cached *)f->ref_)->refs--;
		pthread_mutex_unlock(&cache_mu);
	}
	f->res = NULL;
	f->ref_ = NULL;
}

void figures_cache_free(void)
{
	pthread_mutex_lock(&cache_mu);
	for (int i = 0; i < CACHE_ENTRIES; i++) {
		analysis_free(cache[i].res);
		cache[i].res = NULL;
	}
	pthread_mutex_unlock(&cache_mu);
}

/* ---- computing */

const int64_t *figures_item_ids(arena *a, const instrument *in, const item_row *rows, int n_rows)
{
	size_t n = instrument_scored_count(in);
	int64_t *ids = ARENA_ARRAY(a, int64_t, n + 1);
	for (size_t i = 0; i < n; i++) {
		const char *code = instrument_scored_at(in, i).item->id;
		for (int j = 0; j < n_rows && !ids[i]; j++)
			if (strcmp(rows[j].code, code) == 0)
				ids[i] = rows[j].id;
	}
	return ids;
}

static void describe_items(arena *a, round_figures *out)
{
	int n = (int)instrument_scored_count(out->in);
	out->n_items = n;
	out->items = ARENA_ARRAY(a, analysis_item, (size_t)n + 1);
	out->instr = ARENA_ARRAY(a, const instr_item *, (size_t)n + 1);
	for (int i = 0; i < n; i++) {
		instr_scored s = instrument_scored_at(out->in, (size_t)i);
		out->items[i] = (analysis_item){s.is_outcome, (uint8_t)s.group, s.item->reverse,
						(uint8_t)s.item->perspectives};
		out->instr[i] = s.item;
	}
}

/* The round's kept snapshot (its raw answers are gone), decoded. */
static store_rc from_snapshot(store *st, arena *a, int64_t round_id, analysis_result **res,
			      snapshot_tallies *t, const char **err)
{
	char *json;
	store_rc rc = store_round_snapshot(st, a, round_id, &json);
	if (rc == ST_NOTFOUND && err)
		*err = "the raw answers of this round were deleted and no figures were kept";
	if (rc != ST_OK)
		return rc == ST_NOTFOUND ? ST_ERROR : rc;
	*res = snapshot_decode(json, t, err);
	return *res ? ST_OK : ST_ERROR;
}

store_rc figures_round_tallies(store *st, arena *a, const mround *rd, int counts[PERSP_COUNT],
			       int *in_progress, int triggers[TRIG_COUNT])
{
	if (!rd->answers_deleted_at) {
		store_rc rc = store_round_counts(st, rd->id, counts, in_progress);
		return rc == ST_OK && triggers ? store_round_triggers(st, rd->id, triggers) : rc;
	}
	analysis_result *res = NULL;
	snapshot_tallies t;
	store_rc rc = from_snapshot(st, a, rd->id, &res, &t, NULL);
	analysis_free(res);
	if (rc != ST_OK)
		return rc;
	memcpy(counts, t.counts, sizeof t.counts);
	*in_progress = t.in_progress;
	if (triggers)
		memcpy(triggers, t.triggers, sizeof t.triggers);
	return ST_OK;
}

/* The analysis of the round's submitted answers; of nobody while it is
 * open (the result then shows nothing), with the count kept apart. Once
 * retention deleted the answers: the snapshot kept before. */
static store_rc compute(store *st, arena *a, round_figures *out, struct cached *key, const char **err)
{
	if (out->rd.answers_deleted_at) {
		snapshot_tallies t;
		store_rc rc = from_snapshot(st, a, out->rd.id, &key->res, &t, err);
		key->submitted = t.submitted;
		if (rc == ST_OK && key->res->n_items != out->n_items) {
			analysis_free(key->res);
			key->res = NULL;
			if (err)
				*err = "the kept figures of this round do not match its instrument";
			rc = ST_ERROR;
		}
		return rc;
	}
	analysis_input ai = {.n_items = out->n_items, .items = out->items, .k = key->k,
			     .k_comments = key->k_comments};
	uint8_t *persp;
	int8_t *answers;
	store_rc rc = store_round_matrix(st, a, out->rd.id, out->item_ids, out->n_items,
					 &ai.n_respondents, &persp, &answers);
	if (rc != ST_OK)
		return rc;
	key->submitted = ai.n_respondents;
	if (!key->released)
		ai.n_respondents = 0;
	ai.perspective = persp;
	ai.answers = answers;
	key->res = analysis_compute(&ai, err);
	return key->res ? ST_OK : ST_ERROR;
}

store_rc figures_load(store *st, arena *a, const mround *rd, const instrument *in,
		      const int64_t *item_ids, round_figures *out, const char **err)
{
	memset(out, 0, sizeof *out);
	out->rd = *rd;
	out->in = in;
	out->item_ids = item_ids;
	out->released = round_state_of(rd) == ROUND_CLOSED;
	describe_items(a, out);
	struct cached key = {.round_id = rd->id, .answers_version = rd->answers_version,
			     .version_id = rd->version_id, .k = rd->k,
			     .k_comments = rd->k_comments, .released = out->released};
	struct cached *hit = cache_get(&key);
	if (!hit) {
		store_rc rc = compute(st, a, out, &key, err);
		if (rc != ST_OK)
			return rc;
		hit = cache_put(&key);
		if (!hit) {
			out->res = key.res;
			out->submitted = key.submitted;
			return ST_OK;
		}
	}
	out->res = hit->res;
	out->submitted = hit->submitted;
	out->ref_ = hit;
	return ST_OK;
}
