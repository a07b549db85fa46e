/* workload.c - see workload.h. */
#include "workload.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const codes[WL_PERSPECTIVES] = {"student", "professional", "teacher", "researcher",
						    "citizen", "manager", "other"};

/* An item without a "perspectives" list is shown to everyone. */
static int shown_to(json_t *item, const char *code)
{
	json_t *list = json_object_get(item, "perspectives");
	if (!json_is_array(list))
		return 1;
	size_t i;
	json_t *p;
	json_array_foreach(list, i, p)
		if (json_is_string(p) && strcmp(json_string_value(p), code) == 0)
			return 1;
	return 0;
}

static void add_items(json_t *groups, wl_perspective out[WL_PERSPECTIVES])
{
	size_t g, i;
	json_t *grp, *item;
	json_array_foreach(groups, g, grp) {
		json_array_foreach(json_object_get(grp, "items"), i, item) {
			const char *id = json_string_value(json_object_get(item, "id"));
			if (!id || strlen(id) >= sizeof out[0].ids[0])
				continue;
			for (int p = 0; p < WL_PERSPECTIVES; p++)
				if (shown_to(item, codes[p]) && out[p].n < WL_MAX_ITEMS)
					snprintf(out[p].ids[out[p].n++], sizeof out[p].ids[0], "%s", id);
		}
	}
}

void wl_load(const char *path, wl_perspective out[WL_PERSPECTIVES])
{
	json_error_t e;
	json_t *root = json_load_file(path, 0, &e);
	if (!root) {
		fprintf(stderr, "%s:%d: %s\n", path, e.line, e.text);
		exit(2);
	}
	memset(out, 0, sizeof(wl_perspective) * WL_PERSPECTIVES);
	for (int p = 0; p < WL_PERSPECTIVES; p++)
		out[p].code = codes[p];
	add_items(json_object_get(root, "elements"), out);
	add_items(json_object_get(root, "outcomes"), out);
	json_decref(root);
	if (out[0].n == 0) {
		fprintf(stderr, "%s: no statements found\n", path);
		exit(2);
	}
}

int wl_persp_of(uint64_t i)
{
	return (int)(i % WL_PERSPECTIVES);
}

int wl_value(uint64_t *rng)
{
	/* xorshift64 */
	uint64_t x = *rng ? *rng : 0x9e3779b97f4a7c15u;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*rng = x;
	int v = (int)((x >> 33) % 12);
	return v == 11 ? 0 : 1 + v % 5;
}

double wl_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- the raw references ---- */

void wl_raw_args(int argc, char **argv, const char *prog, wl_raw *o)
{
	*o = (wl_raw){.instrument = "instrument/los-pw.json", .round = 7, .seconds = 10};
	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--db") == 0)
			o->db = argv[i + 1];
		else if (strcmp(argv[i], "--round") == 0)
			o->round = strtoll(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--seconds") == 0)
			o->seconds = strtod(argv[i + 1], NULL);
		else if (strcmp(argv[i], "--instrument") == 0)
			o->instrument = argv[i + 1];
	}
	if (!o->db) {
		fprintf(stderr, "usage: %s --db TARGET [--round ID] [--seconds S] [--instrument FILE]\n", prog);
		exit(2);
	}
	wl_load(o->instrument, o->wl);
	for (int p = 0; p < WL_PERSPECTIVES; p++)
		for (int i = 0; i < WL_MAX_ITEMS; i++)
			o->pl.at[p][i] = -1;
}

void wl_places_add(wl_raw *o, const char *code, int position)
{
	if (++o->pl.n > WL_MAX_PLACES || position < 0 || position >= WL_MAX_PLACES) {
		fprintf(stderr, "raw reference: too many items in the version of round %lld\n", o->round);
		exit(1);
	}
	for (int p = 0; p < WL_PERSPECTIVES; p++)
		for (int i = 0; i < o->wl[p].n; i++)
			if (strcmp(o->wl[p].ids[i], code) == 0)
				o->pl.at[p][i] = position;
}

void wl_places_check(const wl_raw *o)
{
	for (int p = 0; p < WL_PERSPECTIVES; p++)
		for (int i = 0; i < o->wl[p].n; i++)
			if (o->pl.at[p][i] < 0 || o->pl.at[p][i] >= o->pl.n) {
				fprintf(stderr, "raw reference: round %lld has no statement %s\n", o->round,
					o->wl[p].ids[i]);
				exit(1);
			}
}

static void hex_token(uint64_t *rng, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 64; i++) {
		wl_value(rng);
		out[i] = hex[(*rng >> 20) & 15];
	}
	out[64] = 0;
}

void wl_raw_run(const wl_raw *o, wl_submit_fn submit, void *ctx)
{
	const wl_perspective *wl = o->wl;
	const wl_places *pl = &o->pl;
	uint64_t rng = 42, n = 0;
	long answers = 0;
	char access[65], resume[65], text[WL_MAX_PLACES + 1];
	double t0 = wl_now(), t = t0;
	while (t - t0 < o->seconds) {
		int p = wl_persp_of(n);
		hex_token(&rng, access);
		hex_token(&rng, resume);
		memset(text, '.', (size_t)pl->n);
		text[pl->n] = 0;
		for (int i = 0; i < wl[p].n; i++)
			text[pl->at[p][i]] = (char)('0' + wl_value(&rng));
		answers += wl[p].n;
		submit(ctx, wl[p].code, access, resume, text, pl->n);
		n++;
		t = wl_now();
	}
	double el = t - t0;
	printf("raw_submissions_per_s=%.0f submissions=%llu answers=%ld seconds=%.2f\n", (double)n / el,
	       (unsigned long long)n, answers, el);
}
