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
