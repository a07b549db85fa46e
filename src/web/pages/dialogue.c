/* dialogue.c - /pw/{slug}/rounds/{id}/dialogue: the agenda for the
 * dialogue session (printable on A4), and recording its agreements as
 * improvement actions tied to an element. */
#include <math.h>
#include <string.h>

#include "base/tally.h"
#include "base/util.h"
#include "web/characteristics_view.h"
#include "web/pages/pages.h"
#include "web/results.h"

#define AGREEMENT_ROWS 4

/* Elements in order of their gap, largest first (NAN last). */
static void by_gap(const analysis_result *res, int order[EL_COUNT])
{
	for (int i = 0; i < EL_COUNT; i++)
		order[i] = i;
	for (int i = 1; i < EL_COUNT; i++)
		for (int j = i; j > 0; j--) {
			double a = res->elements[order[j - 1]].gap, b = res->elements[order[j]].gap;
			if (!(isnan(a) || (!isnan(b) && b > a)))
				break;
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
}

/* Elements in order of their headline, highest first (NAN last). */
static void by_score(const analysis_result *res, int order[EL_COUNT])
{
	for (int i = 0; i < EL_COUNT; i++)
		order[i] = i;
	for (int i = 1; i < EL_COUNT; i++)
		for (int j = i; j > 0; j--) {
			double a = res->elements[order[j - 1]].headline, b = res->elements[order[j]].headline;
			if (!(isnan(a) || (!isnan(b) && b > a)))
				break;
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
}

static const char *el_label(req *r, const round_results *rr, int e)
{
	return arena_printf(r->a, "%s – %s", element_code_str((element_code)e),
			    wp_text_get(&rr->sv->in->elements[e].name, r->english));
}

static const char *tenths(req *r, double v)
{
	int t = analysis_tenths(v);
	return arena_printf(r->a, "%d.%d", t / 10, t % 10);
}

/* Highest and lowest shown column of an element row. */
static void extremes(req *r, const round_results *rr, int e, const char **hi, const char **lo)
{
	const analysis_row *row = &rr->res->elements[e];
	int h = -1, l = -1;
	for (int p = 0; p < PERSP_COUNT; p++) {
		/* the pooled column is no one a team can talk to */
		if (p == PERSP_OTHER || row->plan.state[p] != ANON_SHOWN || isnan(row->col[p].mean))
			continue;
		if (h < 0 || row->col[p].mean > row->col[h].mean)
			h = p;
		if (l < 0 || row->col[p].mean < row->col[l].mean)
			l = p;
	}
	*hi = h < 0 ? "" : arena_printf(r->a, "%s (%s)", results_column_name(r, &row->plan, (perspective)h),
					tenths(r, row->col[h].mean));
	*lo = l < 0 ? "" : arena_printf(r->a, "%s (%s)", results_column_name(r, &row->plan, (perspective)l),
					tenths(r, row->col[l].mean));
}

static void differ_section(req *r, const round_results *rr, bool focus[EL_COUNT])
{
	int order[EL_COUNT];
	by_gap(rr->res, order);
	html(&r->out, "<section class=\"agenda-section\"><h2>1. %s</h2><ol>",
	     tr(r, "Waar de perspectieven het meest verschillen", "Where perspectives differ most"));
	int shown = 0;
	for (int i = 0; i < EL_COUNT && shown < 3; i++) {
		int e = order[i];
		const analysis_row *row = &rr->res->elements[e];
		if (isnan(row->gap))
			continue;
		const char *hi, *lo;
		extremes(r, rr, e, &hi, &lo);
		html(&r->out, "<li><strong>%s</strong>: %s %s. %s %s, %s %s.", el_label(r, rr, e),
		     tr(r, "verschil", "gap"), tenths(r, row->gap), tr(r, "Hoogst:", "Highest:"), hi,
		     tr(r, "laagst:", "lowest:"), lo);
		if (row->differ)
			html(&r->out, " <span class=\"gap\">%s</span>",
			     tr(r, "perspectieven verschillen", "perspectives differ"));
		html(&r->out, "</li>");
		if (row->differ)
			focus[e] = true;
		shown++;
	}
	if (!shown)
		html(&r->out, "<li>%s</li>", tr(r, "Er zijn te weinig perspectieven apart zichtbaar om te "
						  "vergelijken.",
						  "Too few perspectives are shown separately to compare."));
	html(&r->out, "</ol></section>");
}

/* The strongest and weakest elements, with the characteristics and triggers
 * beside them; false after a reply. */
static bool strong_weak_section(req *r, const round_results *rr, bool focus[EL_COUNT])
{
	int order[EL_COUNT];
	by_score(rr->res, order);
	html(&r->out, "<section class=\"agenda-section\"><h2>2. %s</h2><div class=\"grid-2\"><div><h3>%s</h3><ul>",
	     tr(r, "Sterkste en zwakste elementen", "Strongest and weakest elements"),
	     tr(r, "Sterkst", "Strongest"));
	for (int i = 0; i < 2; i++)
		if (!isnan(rr->res->elements[order[i]].headline))
			html(&r->out, "<li>%s: %s</li>", el_label(r, rr, order[i]),
			     tenths(r, rr->res->elements[order[i]].headline));
	html(&r->out, "</ul></div><div><h3>%s</h3><ul>", tr(r, "Zwakst", "Weakest"));
	int listed = 0;
	for (int i = EL_COUNT - 1; i >= 0 && listed < 2; i--) {
		int e = order[i];
		if (isnan(rr->res->elements[e].headline))
			continue;
		html(&r->out, "<li>%s: %s</li>", el_label(r, rr, e), tenths(r, rr->res->elements[e].headline));
		focus[e] = true;
		listed++;
	}
	html(&r->out, "</ul></div></div>");
	/* the workplace's own view beside the weakest elements, why it exists,
	 * and what other workplaces did about the weakest ones */
	if (!chars_not_yet(r) || !triggers_now(r))
		return false;
	if (wp_may(r, WP_MANAGE)) { /* the library is for coordinators */
		html(&r->out, "<p class=\"library-links\">%s",
		     tr(r, "Wat deden andere werkplaatsen eraan?", "What did other workplaces do about them?"));
		for (int e = 0; e < EL_COUNT; e++)
			if (focus[e])
				html(&r->out, " <a href=\"/library?element=%s\">%s</a>", element_code_str((element_code)e),
				     element_code_str((element_code)e));
		html(&r->out, "</p>");
	}
	html(&r->out, "</section>");
	return true;
}

#define COMMENTS_SHOWN 3

/* The comments on one open question that the plan allows (from a column
 * of k + 2 or more, anon_column), identical ones counted, in out (the
 * request's); returns how many distinct texts. Taken in an order spread
 * over the list (a step prime to n), so that ties do not always favour
 * the first responses. */
static int question_comments(req *r, const round_results *rr, const round_comment *cs, int n, int64_t item,
			     tally_entry **out)
{
	const char **texts = ARENA_ARRAY(r->a, const char *, (size_t)n + 1);
	int m = 0, step = n % 7 ? 7 : 1;
	for (int i = 0; i < n; i++) {
		int j = (int)(((int64_t)i * step + rr->rd.id) % n);
		if (cs[j].item_id == item && anon_column(&rr->res->comments, cs[j].persp) >= 0)
			texts[m++] = cs[j].text;
	}
	*out = ARENA_ARRAY(r->a, tally_entry, (size_t)m + 1);
	return tally_texts(texts, m, *out);
}

/* Up to three comments per open question of each focus element, the most
 * written first, each identical text once with how often it was written.
 * False after a reply. */
static bool comments_section(req *r, const round_results *rr, const bool focus[EL_COUNT])
{
	round_comment *cs;
	int n;
	store_rc rc = store_round_comments(r->st, r->a, rr->rd.id, &cs, &n);
	if (!ok_or_reply(r, rc))
		return false;
	html(&r->out, "<section class=\"agenda-section\"><h2>3. %s</h2>",
	     tr(r, "Wat mensen schreven", "What people wrote"));
	for (int e = 0; e < EL_COUNT; e++) {
		if (!focus[e])
			continue;
		const instr_element *el = &rr->sv->in->elements[e];
		html(&r->out, "<h3>%s</h3><ul class=\"comments\">", el_label(r, rr, e));
		for (size_t q = 0; q < el->n_open; q++) {
			tally_entry *t;
			int m = question_comments(r, rr, cs, n, survey_item_id(rr->sv, el->open[q].id), &t);
			for (int i = 0; i < m && i < COMMENTS_SHOWN; i++) {
				html(&r->out, "<li><blockquote>%s</blockquote>", t[i].text);
				if (t[i].count > 1)
					html(&r->out, " <small class=\"muted\">%s</small>",
					     arena_printf(r->a, tr(r, "(%d× geschreven)", "(written %d×)"), t[i].count));
				html(&r->out, "</li>");
			}
		}
		html(&r->out, "</ul>");
	}
	html(&r->out, "</section>");
	return true;
}

static void questions_section(req *r, const round_results *rr, const bool focus[EL_COUNT])
{
	html(&r->out, "<section class=\"agenda-section\"><h2>4. %s</h2>",
	     tr(r, "Vragen om samen te bespreken", "Questions to discuss together"));
	for (int pass = 0; pass < 2; pass++)
		for (int e = 0; e < EL_COUNT; e++) {
			if (focus[e] != (pass == 0))
				continue;
			const instr_element *el = &rr->sv->in->elements[e];
			html(&r->out, "<h3>%s</h3><ul>", el_label(r, rr, e));
			for (size_t q = 0; q < el->n_dialogue; q++)
				html(&r->out, "<li>%s</li>", wp_text_get(&el->dialogue[q], r->english));
			html(&r->out, "</ul>");
		}
	html(&r->out, "</section>");
}

static void agreements_form(req *r, const round_results *rr)
{
	html(&r->out, "<section class=\"agenda-section\"><h2>5. %s</h2>", tr(r, "Afspraken", "Agreements"));
	for (int i = 0; i < 3; i++)
		html(&r->out, "<div class=\"write-in\"><span>%s</span></div>",
		     tr(r, "Afspraak, element, wie, wanneer:", "Agreement, element, who, when:"));
	html(&r->out, "</section>");
	if (!wp_may(r, WP_MANAGE))
		return;
	html(&r->out, "<section class=\"no-print\"><h2>%s</h2><p>%s</p>",
	     tr(r, "Afspraken vastleggen", "Record the agreements"),
	     tr(r, "Na de sessie: elke afspraak wordt een verbeteractie bij een element, zichtbaar op de "
		   "pagina van de werkplaats en bij de volgende meting.",
		"After the session: each agreement becomes an improvement action tied to an element, "
		"visible on the workplace page and with the next round."));
	error_summary(r);
	form_begin(r, arena_printf(r->a, "%s/rounds/%lld/dialogue", wp_path(r), (long long)rr->rd.id), "stack");
	for (int i = 0; i < AGREEMENT_ROWS; i++) {
		html(&r->out, "<fieldset><legend>%s %d</legend>", tr(r, "Afspraak", "Agreement"), i + 1);
		input_field(r, "text", arena_printf(r->a, "title%d", i), tr(r, "Wat spreken we af?", "What do we agree?"),
			    NULL, NULL, false);
		const char *name = arena_printf(r->a, "element%d", i);
		const char *sel = r->post ? form_get(r, name) : NULL;
		html(&r->out, "<div class=\"field\"><label for=\"f-%s\">%s</label><select id=\"f-%s\" name=\"%s\">",
		     name, tr(r, "Element", "Element"), name, name);
		for (int e = 0; e < EL_COUNT; e++)
			html(&r->out, "<option value=\"%s\"%s>%s</option>", element_code_str((element_code)e),
			     sel && strcmp(sel, element_code_str((element_code)e)) == 0 ? " selected" : "",
			     el_label(r, rr, e));
		html(&r->out, "</select></div>");
		input_field(r, "text", arena_printf(r->a, "owner%d", i), tr(r, "Wie trekt het?", "Who takes it on?"),
			    NULL, NULL, false);
		input_field(r, "date", arena_printf(r->a, "due%d", i), tr(r, "Klaar op", "Done by"), NULL,
			    tr(r, "JJJJ-MM-DD", "YYYY-MM-DD"), false);
		html(&r->out, "</fieldset>");
	}
	html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Opslaan als verbeteracties", "Save as improvement actions"));
	form_end(r);
	html(&r->out, "</section>");
}

static void agenda(req *r, const round_results *rr, const char *notice)
{
	page_begin(r, tr(r, "Dialoogagenda", "Dialogue agenda"));
	html(&r->out, "<div class=\"agenda\"><p class=\"meta\">%s · %s</p><h1>%s</h1>", r->wp->name,
	     rr->rd.title, tr(r, "Dialoogagenda", "Dialogue agenda"));
	results_subnav(r, rr, "dialogue");
	if (notice)
		html(&r->out, "<p class=\"notice\" role=\"status\">%s</p>", notice);
	if (!rr->released || !rr->res->plan.shown) {
		results_withheld_notice(r, rr);
		html(&r->out, "</div>");
		page_end(r);
		return;
	}
	html(&r->out, "<p class=\"no-print hint\">%s</p>",
	     tr(r, "Druk deze agenda af met Afdrukken in je browser; hij past op A4.",
		"Print this agenda with Print in your browser; it fits A4."));
	html(&r->out, "<p>%s</p>", arena_printf(r->a, tr(r, "%d ingevulde vragenlijsten. Datum sessie: ____________",
							 "%d completed questionnaires. Date of the session: ____________"),
						rr->res->plan.total));
	bool focus[EL_COUNT] = {0};
	differ_section(r, rr, focus);
	if (!strong_weak_section(r, rr, focus) || !comments_section(r, rr, focus))
		return;
	questions_section(r, rr, focus);
	agreements_form(r, rr);
	html(&r->out, "</div>");
	page_end(r);
}

void page_dialogue(req *r)
{
	round_results rr;
	if (!wp_access(r, false) || !results_load_param(r, &rr))
		return;
	agenda(r, &rr, req_query(r, "saved") ? tr(r, "De afspraken zijn opgeslagen als verbeteracties.",
						   "The agreements have been saved as improvement actions.")
					      : NULL);
}

void page_dialogue_save(req *r)
{
	round_results rr;
	if (!wp_access(r, true) || !results_load_param(r, &rr))
		return;
	static const char *const codes[] = {"LOS", "SRI", "GOC", "VOR", "LEA", "VMM", NULL};
	int saved = 0;
	for (int i = 0; i < AGREEMENT_ROWS; i++) {
		const char *title, *owner, *due;
		int e = 0;
		bool ok = field_text(r, arena_printf(r->a, "title%d", i), 200, false, &title);
		if (!ok || !*title)
			continue;
		ok = field_choice(r, arena_printf(r->a, "element%d", i), codes, &e) &&
		     field_text(r, arena_printf(r->a, "owner%d", i), 100, false, &owner) &&
		     field_date(r, arena_printf(r->a, "due%d", i), false, &due);
		if (!ok)
			continue;
		improvement a = {.workplace_id = r->wp->id, .round_id = rr.rd.id, .title = title,
				 .owner = owner, .due_on = due, .status = ACTION_PLANNED, .elements = 1u << e};
		int64_t id;
		store_rc rc = store_action_create(r->st, &a, &id);
		if (rc == ST_OK)
			rc = store_audit(r->st, r->user->id, r->wp->id, "action from dialogue", title);
		if (!ok_or_reply(r, rc))
			return;
		saved++;
	}
	if (!r->nerrors && !saved)
		field_error(r, "title0", tr(r, "Vul minstens één afspraak in.", "Fill in at least one agreement."));
	if (r->nerrors) {
		r->status = 400;
		agenda(r, &rr, NULL);
		return;
	}
	reply_redirect(r, arena_printf(r->a, "%s/rounds/%lld/dialogue?saved=%d", wp_path(r),
				       (long long)rr.rd.id, saved));
}
