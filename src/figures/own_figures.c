/* own_figures.c - the figures of a round's own statements: the shipped
 * analysis, run over the own statements alone (figures.h). */
#include <string.h>

#include "figures/figures.h"

store_rc figures_own_load(store *st, arena *a, const mround *rd, own_figures *out, const char **err)
{
	memset(out, 0, sizeof *out);
	out->released = round_state_of(rd) == ROUND_CLOSED;
	store_rc rc = store_own_statements(st, a, rd->id, &out->st, &out->n);
	if (rc != ST_OK || out->n == 0 || rd->answers_deleted_at)
		return rc;
	/* every own statement is a statement of its own group to everyone;
	 * the group is irrelevant: only the statement rows are read */
	analysis_item *items = ARENA_ARRAY(a, analysis_item, (size_t)out->n);
	for (int i = 0; i < out->n; i++)
		items[i] = (analysis_item){false, (uint8_t)(out->st[i].section < EL_COUNT ? out->st[i].section : 0),
					   false, 0};
	analysis_input ai = {.n_items = out->n, .items = items, .k = rd->k, .k_comments = rd->k_comments};
	uint8_t *persp = NULL;
	int8_t *answers = NULL;
	rc = store_own_matrix(st, a, rd->id, out->st, out->n, &ai.n_respondents, &persp, &answers);
	if (rc != ST_OK)
		return rc;
	if (!out->released)
		ai.n_respondents = 0; /* while open nothing is shown, as for the round */
	for (size_t i = 0; i < (size_t)ai.n_respondents * (size_t)out->n; i++)
		if (answers[i] < 0)
			answers[i] = 0; /* the analysis counts no answer as missing, like "don't know" */
	ai.perspective = persp;
	ai.answers = answers;
	out->res = analysis_compute(&ai, err);
	return out->res ? ST_OK : ST_ERROR;
}

void figures_own_done(own_figures *f)
{
	analysis_free(f->res);
	f->res = NULL;
}
