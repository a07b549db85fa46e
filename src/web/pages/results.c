/* results.c - /pw/{slug}/rounds/{id}/results and /results/{element}: what
 * a workplace sees after a round. Every figure comes from the analysis
 * result, which holds only what the anonymity rules allow. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "web/own_results.h"
#include "web/pages/pages.h"
#include "web/page_cache.h"
#include "web/pieces.h"
#include "web/results.h"
#include "web/results_view.h"
#include "web/survey.h"

/* The page's frame; returns where its body (what follows the header)
 * starts in r->out. */
static size_t figure_head(req *r, const round_results *rr, const char *title)
{
	r->wide = true;
	page_begin(r, title);
	size_t body = r->out.len;
	if (wp_may(r, WP_SEE_RUNNING))
		html(&r->out, "<p class=\"meta\"><a href=\"%s\">%s</a> · <a href=\"%s/rounds/%lld\">%s</a></p>",
		     wp_path(r), r->wp->name, wp_path(r), (long long)rr->rd.id, rr->rd.title);
	else /* the round page (counts, links) is not for this visitor */
		html(&r->out, "<p class=\"meta\"><a href=\"%s\">%s</a> · <a href=\"%s/rounds\">%s</a></p>",
		     wp_path(r), r->wp->name, wp_path(r), rr->rd.title);
	html(&r->out, "<h1>%s</h1>", title);
	return body;
}

/* Nothing is shown while the round is open, nothing at all below k in
 * total. */
static bool withheld(req *r, const round_results *rr)
{
	if (rr->released && rr->res->plan.shown)
		return false;
	results_withheld_notice(r, rr);
	page_end(r);
	return true;
}

/* A text in a cache key: its length first, so that no two different
 * lists of texts make the same key. Numbers end with a separator. Built
 * without printf: every view of a cached page builds its key. */
static void key_num(buf *k, long long v)
{
	buf_put_int(k, v);
	buf_putc(k, ':');
}

static void key_text(buf *k, const char *s)
{
	size_t n = strlen(s ? s : "");
	key_num(k, (long long)n);
	buf_append(k, s ? s : "", n);
	buf_putc(k, '|');
}

static void key_round(buf *k, const mround *rd)
{
	key_num(k, (long long)rd->id);
	key_num(k, (long long)rd->answers_version);
	key_num(k, (long long)rd->version_id);
	key_num(k, rd->k);
	key_num(k, rd->closed_early);
	key_num(k, (long long)rd->answers_deleted_at);
	key_text(k, rd->title);
	key_text(k, rd->opens_on);
	key_text(k, rd->closes_on);
	key_text(k, rd->version_label);
}

/* Everything the overview's body can show comes from these values, so
 * they all go into its cache key (page_cache.h): the language, the
 * workplace, the round and the previous round as stored, with their
 * answers_version (bumped with every change to their submitted answers,
 * and so to the figures, triggers and counts), today's date and the
 * workplace's open improvement actions per element. The
 * visitor's role is in it too, although the body shows nothing of it
 * today. Whoever makes the body show more must add its inputs here. */
static const char *overview_key(req *r, const mround *rd, const mround *prev,
				const int open_actions[EL_COUNT])
{
	buf k;
	buf_init(&k, 64 * 1024);
	char day[11];
	today(day);
	buf_puts(&k, r->english ? "results-overview|en|" : "results-overview|nl|");
	key_text(&k, day);
	key_num(&k, (long long)r->wp->id);
	key_text(&k, r->wp_role);
	key_text(&k, r->wp->slug);
	key_text(&k, r->wp->name);
	key_round(&k, rd);
	if (prev)
		key_round(&k, prev);
	for (int e = 0; e < EL_COUNT; e++)
		key_num(&k, open_actions[e]);
	const char *key = arena_strdup(r->a, buf_cstr(&k));
	buf_free(&k);
	return key;
}

/* The overview below its header; false after a reply on an error (the
 * withheld notice is a finished page). */
static bool overview_body(req *r, round_results *rr, bool has_prev, round_results *prev,
			  const int open_actions[EL_COUNT])
{
	results_subnav(r, rr, "overview");
	if (withheld(r, rr))
		return true;
	if (rr->rd.answers_deleted_at) {
		char day[11];
		format_date(rr->rd.answers_deleted_at / 86400, day);
		html(&r->out, "<p class=\"notice info\" id=\"answers-deleted\">%s</p>",
		     arena_printf(r->a, tr(r, "De antwoorden van deze meetronde zijn op %s verwijderd (bewaartermijn). "
					     "De cijfers hieronder zijn de cijfers die toen zijn bewaard.",
					  "The answers of this round were deleted on %s (retention). The figures below "
					  "are the ones kept then."),
				  day));
	}
	analysis_change change[EL_COUNT];
	if (has_prev && prev->released && prev->res->plan.shown)
		analysis_compare(prev->res, rr->res, change);
	else
		has_prev = false;
	const char *base = arena_printf(r->a, "%s/rounds/%lld", wp_path(r), (long long)rr->rd.id);
	results_links l = {.elements = arena_printf(r->a, "%s/results", base),
			   .actions = arena_printf(r->a, "%s/actions", wp_path(r))};
	if (!results_view_overview(r, rr, &l, has_prev ? change : NULL, open_actions) || !own_results_section(r, rr))
		return false;
	page_end(r);
	return true;
}

static const char *overview_title(req *r, const mround *rd)
{
	return arena_printf(r->a, "%s: %s", tr(r, "Resultaten", "Results"), rd->title);
}

/* The overview's body depends on the round's answers, not on who asks:
 * rendered once per change, then copied below each visitor's own header. */
void page_results(req *r)
{
	mround rd, prev_rd;
	bool has_prev;
	if (!wp_access(r, false) || !results_round_param(r, &rd) || !wp_round_visible(r, &rd) ||
	    !results_previous_round(r, &rd, &prev_rd, &has_prev))
		return;
	int open_actions[EL_COUNT];
	store_rc rc = store_action_open_counts(r->st, r->wp->id, open_actions);
	if (!ok_or_reply(r, rc))
		return;
	const char *key = overview_key(r, &rd, has_prev ? &prev_rd : NULL, open_actions);
	r->wide = true;
	page_begin(r, overview_title(r, &rd));
	if (page_cache_emit(r, key)) {
		r->replied = true;
		return;
	}
	buf_reset(&r->out); /* rendered again below, with the figures */
	round_results rr, prev;
	if (!results_load_param(r, &rr) || !results_previous(r, &rr, &prev, &has_prev))
		return;
	size_t body = figure_head(r, &rr, overview_title(r, &rr.rd));
	if (overview_body(r, &rr, has_prev, &prev, open_actions) && r->status == 200 && !r->out.toobig)
		page_cache_put(key, r->out.data + body, r->out.len - body);
}

/* Comments on one open question from the groups that are shown, in an
 * order that is random but the same on every visit, without times. */
static void comments_block(req *r, const round_results *rr, const round_comment *cs, int n,
			   const instr_question *q)
{
	int *pick;
	int count = results_comment_picks(r, rr, cs, n, survey_item_id(rr->sv, q->id), &pick);
	html(&r->out, "<h3>%s</h3>", wp_text_get(&q->text, r->english));
	if (!count) {
		html(&r->out, "<p class=\"hint\">%s</p>", tr(r, "Geen opmerkingen.", "No comments."));
		return;
	}
	html(&r->out, "<ul class=\"comments\">");
	for (int i = 0; i < count; i++) {
		const round_comment *c = &cs[pick[i]];
		int col = anon_column(&rr->res->comments, c->persp);
		html(&r->out, "<li><blockquote>%s</blockquote><span class=\"meta\">%s</span></li>", c->text,
		     results_column_name(r, &rr->res->comments, (perspective)col));
	}
	html(&r->out, "</ul>");
}

/* What people wrote on the element's open questions, for the roles that
 * may read comments; a note for the others. False after a reply. */
static bool comments_section(req *r, const round_results *rr, const instr_element *el)
{
	html(&r->out, "<h2>%s</h2>", tr(r, "Wat mensen schrijven", "What people write"));
	if (!wp_may(r, WP_SEE_COMMENTS)) {
		html(&r->out, "<p class=\"hint\" id=\"comments-withheld\">%s</p>",
		     tr(r, "Opmerkingen van respondenten zijn alleen voor de leden van de werkplaats, tenzij "
			   "de werkplaats ze deelt met de programmaleider (in het profiel).",
			"Respondents' comments are for the workplace's members only, unless the workplace "
			"shares them with the programme lead (in its profile)."));
		return true;
	}
	if (rr->rd.comments_deleted_at) {
		html(&r->out, "<p class=\"hint\" id=\"comments-deleted\">%s</p>",
		     tr(r, "De opmerkingen van deze meetronde zijn verwijderd (bewaartermijn).",
			"The comments of this round were deleted (retention)."));
		return true;
	}
	round_comment *cs;
	int nc;
	store_rc rc = store_round_comments(r->st, r->a, rr->rd.id, &cs, &nc);
	if (!ok_or_reply(r, rc))
		return false;
	for (size_t q = 0; q < el->n_open; q++)
		comments_block(r, rr, cs, nc, &el->open[q]);
	return true;
}

void page_results_element(req *r)
{
	round_results rr;
	if (!wp_access(r, false))
		return;
	int e = results_element_param(r->param[2]);
	if (e < 0) {
		reply_error(r, 404, NULL);
		return;
	}
	if (!results_load_param(r, &rr) || !wp_round_visible(r, &rr.rd))
		return;
	const instr_element *el = &rr.sv->in->elements[e];
	figure_head(r, &rr, arena_printf(r->a, "%s – %s", element_code_str((element_code)e),
					 wp_text_get(&el->name, r->english)));
	results_subnav(r, &rr, element_code_str((element_code)e));
	html(&r->out, "<p class=\"element-intro\">%s</p>", wp_text_get(&el->explanation, r->english));
	if (withheld(r, &rr))
		return;
	results_view_element(r, &rr, e);
	if (!comments_section(r, &rr, el))
		return;
	html(&r->out, "<h2>%s</h2>", tr(r, "Wat de werkplaats eraan doet", "What the workplace does about it"));
	actions_open_for_element(r, r->wp->id, e);
	if (wp_may(r, WP_MANAGE) || r->user->is_programme_lead)
		html(&r->out, "<p><a href=\"/library?element=%s\" id=\"library-link\">%s</a></p>",
		     element_code_str((element_code)e),
		     tr(r, "Wat deden andere werkplaatsen aan dit element?", "What did other workplaces do about this element?"));
	html(&r->out, "<h2>%s</h2><ul>", tr(r, "Vragen voor de dialoog", "Questions for the dialogue"));
	for (size_t q = 0; q < el->n_dialogue; q++)
		html(&r->out, "<li>%s</li>", wp_text_get(&el->dialogue[q], r->english));
	html(&r->out, "</ul>");
	page_end(r);
}
