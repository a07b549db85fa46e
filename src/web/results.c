#include "web/results.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "io/tables.h"

static void release_figures(void *p)
{
	figures_done(p);
}

analysis_result *results_compute(req *r, const mround *rd, const survey *sv, round_results *scratch)
{
	round_results tmp;
	round_results *out = scratch ? scratch : &tmp;
	int n = (int)instrument_scored_count(sv->in);
	int64_t *ids = ARENA_ARRAY(r->a, int64_t, (size_t)n + 1);
	for (int i = 0; i < n; i++)
		ids[i] = survey_item_id(sv, instrument_scored_at(sv->in, (size_t)i).item->id);
	round_figures *f = ARENA_NEW(r->a, round_figures);
	const char *err = NULL;
	store_rc rc = figures_load(r->st, r->a, rd, sv->in, ids, f, &err);
	if (rc != ST_OK) {
		if (err) {
			r->log_note = arena_printf(r->a, "analysis: %s", err);
			reply_error(r, 500, NULL);
		} else {
			reply_store_error(r, rc);
		}
		return NULL;
	}
	req_on_done(r, release_figures, f);
	*out = (round_results){.rd = *rd, .sv = sv, .released = f->released, .submitted = f->submitted,
			       .n_items = f->n_items, .items = f->items, .instr = f->instr,
			       .item_ids = ids, .res = f->res};
	return f->res;
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
	if (!ok_or_reply(r, rc))
		return false;
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

bool results_previous_round(req *r, const mround *cur, mround *prev, bool *found)
{
	store_rc rc = store_round_previous(r->st, r->a, cur, prev);
	*found = rc == ST_OK;
	return rc == ST_NOTFOUND || ok_or_reply(r, rc);
}

bool results_previous(req *r, const round_results *cur, round_results *prev, bool *found)
{
	mround rd;
	if (!results_previous_round(r, &cur->rd, &rd, found))
		return false;
	return !*found || results_load(r, rd.id, prev);
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

void results_withheld_notice(req *r, const round_results *rr)
{
	const char *text;
	if (!rr->released)
		text = arena_printf(r->a, tr(r, "De resultaten verschijnen zodra de meetronde gesloten is "
						"(na %s). Tot nu toe zijn %d vragenlijsten ingevuld. Zolang de "
						"ronde open is, tonen we niets: wie voor en na één nieuwe "
						"inzending kijkt, zou anders zien wat die persoon antwoordde.",
					     "The results appear once the round has closed (after %s). So "
					     "far %d questionnaires have been completed. While the round is "
					     "open nothing is shown: whoever looked before and after one new "
					     "submission would otherwise see what that person answered."),
				    rr->rd.closes_on, rr->submitted);
	else
		text = arena_printf(r->a, tr(r, "Er zijn minder dan %d ingevulde vragenlijsten. Om de "
						"anonimiteit te beschermen tonen we dan geen resultaten.",
					     "Fewer than %d questionnaires have been completed. To protect "
					     "anonymity, no results are shown then."),
				    rr->rd.k);
	html(&r->out, "<div class=\"notice\" role=\"status\" id=\"%s\"><p>%s</p></div>",
	     rr->released ? "too-few" : "not-closed", text);
}

void results_disclosure_summary(req *r, const mround *rd)
{
	html(&r->out, "<section aria-labelledby=\"privacy\" class=\"privacy\"><h2 id=\"privacy\">%s</h2><ul>",
	     tr(r, "Wat er van de antwoorden te zien is", "What can be seen of the answers"));
	html(&r->out, "<li>%s</li>",
	     tr(r, "De resultaten verschijnen als de meetronde sluit, en veranderen daarna niet meer: "
		   "een ronde met getoonde resultaten gaat niet meer open en neemt geen import meer aan.",
		"The results appear when the round closes and do not change after that: a round whose "
		"results were shown is not reopened and takes no more imports."));
	html(&r->out, "<li>%s</li>",
	     arena_printf(r->a, tr(r, "Een groep is te zien vanaf %d mensen; kleinere groepen staan samen "
				      "onder ‘Overig’ of blijven verborgen. Opmerkingen zijn te zien "
				      "vanaf %d mensen per groep.",
				   "A group is shown from %d people; smaller groups are pooled under "
				   "‘Other’ or stay hidden. Comments are shown from %d people per group."),
			  rd->k, rd->k_comments));
	html(&r->out, "<li>%s</li></ul><p><a href=\"/guide#anonymity\">%s</a></p></section>",
	     tr(r, "Wat blijft: wie vóór het sluiten via de open link verzonnen vragenlijsten toevoegt, "
		   "kan de ene echte persoon in die groep lezen. Let op de activiteit van de open link "
		   "hieronder; gebruik alleen persoonlijke uitnodigingen als dat een zorg is.",
		"What remains: someone who adds made-up questionnaires through the open link before the "
		"round closes can read the one real person in that group. Watch the open link's "
		"activity below; use personal invitations only when that is a worry."),
	     tr(r, "Meer over anonimiteit", "More about anonymity"));
}

void results_row_cell(req *r, const round_results *rr, const analysis_row *row, int item, perspective col)
{
	switch (tables_cell_why(rr->items, rr->res, row, item, col)) {
	case TABLES_SHOWN:
		results_mean_cell(r, row->col[col].mean, row->col[col].n);
		break;
	case TABLES_NOT_ASKED:
		html(&r->out, "<td class=\"num not-asked\"><small>%s</small></td>",
		     tr(r, "niet gevraagd", "not asked"));
		break;
	case TABLES_WITHHELD:
		html(&r->out, "<td class=\"num suppressed\"><span aria-hidden=\"true\">–*</span>"
			      "<span class=\"visually-hidden\">%s</span></td>",
		     tr(r, "niet getoond: de samengevoegde groepen kregen verschillende stellingen",
			"not shown: the pooled groups were asked different statements"));
		break;
	default:
		results_mean_cell(r, NAN, 0);
		break;
	}
}

void results_withheld_note(req *r, const analysis_row *rows, int n)
{
	bool any = false;
	for (int i = 0; i < n; i++)
		any |= rows[i].plan.withheld != 0;
	if (any)
		html(&r->out, "<p class=\"hint\">%s</p>",
		     tr(r, "–* De samengevoegde groepen (‘Overig’) kregen bij dit element niet dezelfde "
			   "stellingen. Hun elementscore zou dan samen met de scores per stelling laten "
			   "zien wat de kleinste groep antwoordde, dus tonen we hem niet.",
			"–* The pooled groups (‘Other’) were not asked the same statements of this "
			"element. Their element score, together with the scores per statement, would "
			"then show what the smallest group answered, so it is not shown."));
}

void results_total_cell(req *r, const analysis_row *row)
{
	if (!row->plan.total_shown) {
		html(&r->out, "<td class=\"num suppressed\"><span aria-hidden=\"true\">–</span>"
			      "<span class=\"visually-hidden\">%s</span></td>",
		     tr(r, "niet getoond: het zou een kleine groep blootgeven",
			"not shown: it would expose a small group"));
		return;
	}
	int h = analysis_tenths(row->total.mean);
	html(&r->out, "<td class=\"num\">%d.%d <small>n=%d</small></td>", h / 10, h % 10, row->total.n);
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

void results_subnav_at(req *r, const char *overview, const char *elements, const char *dialogue,
		       const char *current)
{
	html(&r->out, "<nav class=\"subnav\" aria-label=\"%s\">", tr(r, "Resultaten", "Results"));
	subnav_link(r, overview, tr(r, "Overzicht", "Overview"), strcmp(current, "overview") == 0);
	for (int e = 0; e < EL_COUNT; e++) {
		const char *code = element_code_str((element_code)e);
		subnav_link(r, arena_printf(r->a, "%s/%s", elements, code), code, strcmp(current, code) == 0);
	}
	if (dialogue)
		subnav_link(r, dialogue, tr(r, "Dialoogagenda", "Dialogue agenda"),
			    strcmp(current, "dialogue") == 0);
	html(&r->out, "</nav>");
}

void results_subnav(req *r, const round_results *rr, const char *current)
{
	const char *base = arena_printf(r->a, "%s/rounds/%lld", wp_path(r), (long long)rr->rd.id);
	/* the agenda quotes the comments: only for who may read them */
	results_subnav_at(r, arena_printf(r->a, "%s/results", base), arena_printf(r->a, "%s/results", base),
			  wp_may(r, WP_DIALOGUE) ? arena_printf(r->a, "%s/dialogue", base) : NULL, current);
}

void results_table_begin(req *r, const char *id, const char *cls, const char *caption)
{
	html(&r->out, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"%s-caption\">"
		      "<table class=\"%s\"><caption id=\"%s-caption\">%s</caption>",
	     id, cls, id, caption);
}

int results_element_param(const char *code)
{
	return element_from_code(code);
}

int results_comment_picks(req *r, const round_results *rr, const round_comment *cs, int n, int64_t item,
			  int **out)
{
	int count = 0;
	int *pick = ARENA_ARRAY(r->a, int, (size_t)n + 1);
	for (int i = 0; i < n; i++)
		if (cs[i].item_id == item && anon_column(&rr->res->comments, cs[i].persp) >= 0)
			pick[count++] = i;
	/* Fisher-Yates with a seed from the round and question */
	uint64_t seed = (uint64_t)rr->rd.id * 0x9e3779b97f4a7c15u ^ (uint64_t)item;
	for (int i = count - 1; i > 0; i--) {
		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		int j = (int)(seed % (uint64_t)(i + 1));
		int t = pick[i];
		pick[i] = pick[j];
		pick[j] = t;
	}
	*out = pick;
	return count;
}
