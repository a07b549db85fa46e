#include "web/results.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* Computed results are cached per round, keyed by the round's
 * answers_version (bumped in the same transaction as every change to its
 * submitted answers), so a cached figure is never stale, also when another
 * process changed the answers. Entries are shared by reference count. */
#define CACHE_ENTRIES 128

struct cached {
	int64_t round_id, answers_version, version_id;
	int k;
	analysis_result *res;
	int refs;
	uint64_t used;
};

static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static struct cached cache[CACHE_ENTRIES];
static uint64_t cache_clock;

static struct cached *cache_key(const mround *rd, struct cached *key)
{
	key->round_id = rd->id;
	key->answers_version = rd->answers_version;
	key->version_id = rd->version_id;
	key->k = rd->k;
	return key;
}

static bool same(const struct cached *a, const struct cached *b)
{
	return a->round_id == b->round_id && a->answers_version == b->answers_version &&
	       a->version_id == b->version_id && a->k == b->k;
}

static analysis_result *cache_get(const struct cached *key)
{
	analysis_result *res = NULL;
	pthread_mutex_lock(&cache_mu);
	for (int i = 0; i < CACHE_ENTRIES; i++)
		if (cache[i].res && same(&cache[i], key)) {
			cache[i].refs++;
			cache[i].used = ++cache_clock;
			res = cache[i].res;
			break;
		}
	pthread_mutex_unlock(&cache_mu);
	return res;
}

/* Keep res (with one reference for the caller); returns the result to use,
 * which is an equal one already cached when another thread was first. */
static analysis_result *cache_put(const struct cached *key, analysis_result *res)
{
	analysis_result *drop = NULL;
	pthread_mutex_lock(&cache_mu);
	int victim = -1;
	for (int i = 0; i < CACHE_ENTRIES; i++) {
		if (cache[i].res && same(&cache[i], key)) {
			cache[i].refs++;
			drop = res;
			res = cache[i].res;
			victim = -2;
			break;
		}
		if (cache[i].refs == 0 && (victim < 0 || !cache[i].res ||
					    (cache[victim].res && cache[i].used < cache[victim].used)))
			victim = i;
	}
	if (victim >= 0) {
		if (cache[victim].res)
			drop = cache[victim].res; /* least recently used and unused */
		cache[victim] = *key;
		cache[victim].res = res;
		cache[victim].refs = 1;
		cache[victim].used = ++cache_clock;
	} else if (victim == -1) {
		res = NULL; /* every entry in use: the caller keeps its own */
	}
	pthread_mutex_unlock(&cache_mu);
	if (drop && drop != res)
		analysis_free(drop);
	return res;
}

static void cache_release(void *p)
{
	analysis_result *res = p;
	pthread_mutex_lock(&cache_mu);
	for (int i = 0; i < CACHE_ENTRIES; i++)
		if (cache[i].res == res) {
			cache[i].refs--;
			break;
		}
	pthread_mutex_unlock(&cache_mu);
}

static void free_result(void *p)
{
	analysis_free(p);
}

void results_cache_free(void)
{
	pthread_mutex_lock(&cache_mu);
	for (int i = 0; i < CACHE_ENTRIES; i++) {
		analysis_free(cache[i].res);
		cache[i].res = NULL;
	}
	pthread_mutex_unlock(&cache_mu);
}

static void describe_items(req *r, round_results *out)
{
	const instrument *in = out->sv->in;
	int n = (int)instrument_scored_count(in);
	out->n_items = n;
	out->items = ARENA_ARRAY(r->a, analysis_item, (size_t)n + 1);
	out->instr = ARENA_ARRAY(r->a, const instr_item *, (size_t)n + 1);
	out->item_ids = ARENA_ARRAY(r->a, int64_t, (size_t)n + 1);
	for (int i = 0; i < n; i++) {
		instr_scored s = instrument_scored_at(in, (size_t)i);
		out->items[i].is_outcome = s.is_outcome;
		out->items[i].group = (uint8_t)s.group;
		out->items[i].reverse = s.item->reverse;
		out->items[i].perspectives = (uint8_t)s.item->perspectives;
		out->instr[i] = s.item;
		out->item_ids[i] = survey_item_id(out->sv, s.item->id);
	}
}

analysis_result *results_compute(req *r, const mround *rd, const survey *sv, round_results *scratch)
{
	round_results tmp;
	round_results *out = scratch ? scratch : &tmp;
	out->rd = *rd;
	out->sv = sv;
	describe_items(r, out);
	struct cached key;
	cache_key(rd, &key);
	analysis_result *res = cache_get(&key);
	if (res) {
		req_on_done(r, cache_release, res);
		return res;
	}
	analysis_input ai = {.n_items = out->n_items, .items = out->items, .k = rd->k};
	uint8_t *persp;
	int8_t *answers;
	store_rc rc = store_round_matrix(r->st, r->a, rd->id, out->item_ids, out->n_items,
					 &ai.n_respondents, &persp, &answers);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return NULL;
	}
	ai.perspective = persp;
	ai.answers = answers;
	const char *err = NULL;
	res = analysis_compute(&ai, &err);
	if (!res) {
		r->log_note = arena_printf(r->a, "analysis: %s", err ? err : "failed");
		reply_error(r, 500, NULL);
		return NULL;
	}
	analysis_result *shared = cache_put(&key, res);
	if (shared) {
		req_on_done(r, cache_release, shared);
		return shared;
	}
	req_on_done(r, free_result, res);
	return res;
}

/* The round with this id, which must belong to r->wp: false after
 * replying 404 or a store error. */
static bool load_round(req *r, int64_t round_id, mround *rd)
{
	store_rc rc = store_round_get(r->st, r->a, round_id, rd);
	if (rc == ST_NOTFOUND || (rc == ST_OK && rd->workplace_id != r->wp->id)) {
		reply_error(r, 404, NULL);
		return false;
	}
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return false;
	}
	return true;
}

static bool round_param(req *r, int64_t *id)
{
	if (!parse_int64(r->param[1], 1, INT64_MAX, id)) {
		reply_error(r, 404, NULL);
		return false;
	}
	return true;
}

bool results_load(req *r, int64_t round_id, round_results *out)
{
	memset(out, 0, sizeof *out);
	if (!load_round(r, round_id, &out->rd))
		return false;
	const survey *sv = survey_load(r, out->rd.version_id);
	return sv && (out->res = results_compute(r, &out->rd, sv, out)) != NULL;
}

bool results_load_param(req *r, round_results *out)
{
	int64_t id;
	return round_param(r, &id) && results_load(r, id, out);
}

bool results_round_param(req *r, mround *rd)
{
	int64_t id;
	return round_param(r, &id) && load_round(r, id, rd);
}

bool results_previous_round(req *r, const mround *cur, mround *prev, bool *failed)
{
	store_rc rc = store_round_previous(r->st, r->a, cur, prev);
	*failed = rc != ST_OK && rc != ST_NOTFOUND;
	if (*failed)
		reply_store_error(r, rc);
	return rc == ST_OK;
}

bool results_previous(req *r, const round_results *cur, round_results *prev, bool *failed)
{
	mround rd;
	if (!results_previous_round(r, &cur->rd, &rd, failed))
		return false;
	bool ok = results_load(r, rd.id, prev);
	*failed = !ok;
	return ok;
}

int results_columns(const round_results *rr, perspective cols[PERSP_COUNT])
{
	int n = 0;
	for (int p = 0; p < PERSP_COUNT; p++)
		if (rr->res->plan.state[p] == ANON_SHOWN)
			cols[n++] = (perspective)p;
	return n;
}

const char *results_column_name(req *r, const anon_plan *plan, perspective p)
{
	if (p == PERSP_OTHER) {
		for (int q = 0; q < PERSP_OTHER; q++)
			if (plan->state[q] == ANON_POOLED)
				return tr(r, "Overig (samengevoegd)", "Other (pooled)");
	}
	return perspective_name(p, r->english);
}

void results_mean_cell(req *r, double v, int n)
{
	if (isnan(v) || n == 0) {
		html(&r->out, "<td class=\"num suppressed\"><span aria-hidden=\"true\">–</span>"
			      "<span class=\"visually-hidden\">%s</span></td>",
		     tr(r, "niet getoond (te weinig mensen)", "not shown (too few people)"));
		return;
	}
	int h = analysis_tenths(v);
	html(&r->out, "<td class=\"num\">%d.%d</td>", h / 10, h % 10);
}

void results_band(req *r, analysis_band b)
{
	switch (b) {
	case BAND_STRENGTH:
		html(&r->out, "<span class=\"band band-strength\">%s</span>", tr(r, "sterk punt", "strength"));
		break;
	case BAND_DISCUSS:
		html(&r->out, "<span class=\"band band-discuss\">%s</span>", tr(r, "bespreken", "to discuss"));
		break;
	case BAND_ATTENTION:
		html(&r->out, "<span class=\"band band-attention\">%s</span>",
		     tr(r, "aandacht nodig", "needs attention"));
		break;
	default:
		break;
	}
}

void results_change(req *r, const analysis_change *c)
{
	if (!c->computed) {
		html(&r->out, "<span class=\"change\">%s</span>", tr(r, "niet te bepalen", "cannot tell"));
		return;
	}
	const char *word = c->verdict == CHANGE_UP     ? tr(r, "duidelijk hoger", "clearly up")
			   : c->verdict == CHANGE_DOWN ? tr(r, "duidelijk lager", "clearly down")
						       : tr(r, "onduidelijk", "unclear");
	const char *arrow = c->verdict == CHANGE_UP ? "▲" : c->verdict == CHANGE_DOWN ? "▼" : "●";
	html(&r->out, "<span class=\"change change-%s\"><span aria-hidden=\"true\">%s</span> %s "
		      "<br><small>%+.2f [%.2f; %.2f]</small></span>",
	     analysis_verdict_code(c->verdict), arrow, word, c->ci.diff, c->ci.lo, c->ci.hi);
}

static void subnav_link(req *r, const char *href, const char *label, bool current)
{
	if (current)
		html(&r->out, "<a href=\"%s\" aria-current=\"page\">%s</a>", href, label);
	else
		html(&r->out, "<a href=\"%s\">%s</a>", href, label);
}

void results_subnav(req *r, const round_results *rr, const char *current)
{
	const char *base = arena_printf(r->a, "%s/rounds/%lld", wp_path(r), (long long)rr->rd.id);
	html(&r->out, "<nav class=\"subnav\" aria-label=\"%s\">", tr(r, "Resultaten", "Results"));
	subnav_link(r, arena_printf(r->a, "%s/results", base), tr(r, "Overzicht", "Overview"),
		    strcmp(current, "overview") == 0);
	for (int e = 0; e < EL_COUNT; e++) {
		const char *code = element_code_str((element_code)e);
		subnav_link(r, arena_printf(r->a, "%s/results/%s", base, code), code,
			    strcmp(current, code) == 0);
	}
	subnav_link(r, arena_printf(r->a, "%s/dialogue", base), tr(r, "Dialoogagenda", "Dialogue agenda"),
		    strcmp(current, "dialogue") == 0);
	html(&r->out, "</nav>");
}

int results_element_param(const char *code)
{
	return element_from_code(code);
}
