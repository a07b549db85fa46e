/* overview.c - /overview: all workplaces of the institution at a glance,
 * for programme leads and site administrators: the latest round that meets
 * k, the score per element and its direction since the round before, open
 * and overdue actions, outcomes per year, how many workplaces went up,
 * unclear or down per element (trends), and the spread over all
 * workplaces; the nine characteristics and the triggers of each;
 * filtered by sector (a workplace's domain), the kind of a partner and the
 * age of the workplace, and the table as
 * CSV (/overview/export). Each workplace's name leads to its pages (a
 * programme lead reads them read-only: src/web/access.c). Also creating
 * a workplace (site administrators). The figures of each workplace and the
 * benchmark of a workplace page are in src/web/latest.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "domain/benchmark.h"
#include "domain/learning.h"
#include "io/csv.h"
#include "web/app.h"
#include "web/characteristics_view.h"
#include "web/latest.h"
#include "web/pages/pages.h"
#include "web/pieces.h"
#include "web/results.h"
#include "web/survey.h"

#define INVITE_SECONDS (7 * 24 * 3600)

/* ---- the overview ---- */

static bool may_see_overview(const req *r)
{
	return r->user && (r->user->is_admin || r->user->is_programme_lead);
}

/* One workplace of the overview: its latest results and its activity, as
 * the table and its CSV export show them. */
typedef struct {
	wp_latest l;
	int open, late;    /* open and overdue improvement actions */
	const char *years; /* outcomes per year: "2025: 3 · 2026: 1", or "–" */
	int chars[CHAR_STATE_COUNT]; /* the current assessment: characteristics per state */
	unsigned triggers; /* the profile's triggers that apply: 1u << trigger_kind */
} overview_row;

/* What the overview shows: all workplaces, or those of one sector (a
 * workplace's domain), with a partner of one kind, of one age. */
typedef struct {
	const char *sector; /* NULL: every sector */
	int partner;        /* org_kind, -1: any */
	int age;            /* learning_age, -1: any */
	workplace *from;    /* every workplace it chose from (overview_rows) */
	int n_from;
} overview_filter;

/* "up", "down", "unclear"; "none" when the change could not be computed
 * (a row not shown in one of the rounds); "" without an earlier round. */
static const char *change_code(const wp_latest *l, int e)
{
	if (!l->have_change)
		return "";
	return l->change[e].computed ? analysis_verdict_code(l->change[e].verdict) : "none";
}

static void change_mark(req *r, const wp_latest *l, int e)
{
	if (!l->have_change)
		return;
	const analysis_change *c = &l->change[e];
	const char *word = !c->computed		     ? tr(r, "niet te bepalen", "cannot tell")
			   : c->verdict == CHANGE_UP   ? tr(r, "duidelijk hoger", "clearly up")
			   : c->verdict == CHANGE_DOWN ? tr(r, "duidelijk lager", "clearly down")
						       : tr(r, "onduidelijk", "unclear");
	const char *arrow = !c->computed ? "" : c->verdict == CHANGE_UP ? "▲" : c->verdict == CHANGE_DOWN ? "▼" : "●";
	html(&r->out, " <span class=\"change change-%s\" title=\"%s\"><span aria-hidden=\"true\">%s</span>"
		      "<span class=\"visually-hidden\">%s</span></span>",
	     change_code(l, e), word, arrow, word);
}

/* The current characteristics per state and the triggers that apply. */
static store_rc load_profile(req *r, overview_row *row)
{
	wp_characteristic cs[PW_CHARACTERISTICS];
	wp_profile p;
	store_rc rc = store_characteristics_get(r->st, r->a, row->l.w.id, cs);
	if (rc == ST_OK)
		rc = store_profile_get(r->st, r->a, row->l.w.id, &p);
	if (rc != ST_OK)
		return rc;
	for (int i = 0; i < PW_CHARACTERISTICS; i++)
		if (cs[i].state >= 0 && cs[i].state < CHAR_STATE_COUNT)
			row->chars[cs[i].state]++;
	for (int t = 0; t < TRIG_COUNT; t++)
		if (*p.trigger[t])
			row->triggers |= 1u << t;
	return ST_OK;
}

/* Open and overdue actions, outcomes per year, the characteristics and
 * the triggers of row->l.w; false after a reply. */
static bool load_activity(req *r, overview_row *row)
{
	char t[11];
	today(t);
	outcome_year *ys;
	int ny;
	store_rc rc = store_action_counts(r->st, row->l.w.id, t, &row->open, &row->late);
	if (rc == ST_OK)
		rc = store_outcome_years(r->st, r->a, row->l.w.id, &ys, &ny);
	if (rc == ST_OK)
		rc = load_profile(r, row);
	if (!ok_or_reply(r, rc))
		return false;
	buf b;
	buf_init(&b, 4096);
	for (int i = 0; i < ny; i++) {
		int sum = 0;
		for (int c = 0; c < OUT_COUNT; c++)
			sum += ys[i].count[c];
		buf_printf(&b, "%s%d: %d", i ? " · " : "", ys[i].year, sum);
	}
	row->years = arena_strdup(r->a, ny ? buf_cstr(&b) : "–");
	buf_free(&b);
	return true;
}

/* The filter asked for: ?sector= (a workplace's domain), ?partner= (an
 * organisation kind's code), ?age= (young, growing, mature, unknown);
 * empty or absent: all. False after a 400 reply for an unknown code. */
static bool filter_param(req *r, overview_filter *f)
{
	const char *s = req_query(r, "sector"), *p = req_query(r, "partner"), *a = req_query(r, "age");
	f->sector = s && *s ? s : NULL;
	f->partner = p && *p ? org_kind_from_code(p) : -1;
	f->age = a && *a ? learning_age_from_code(a) : -1;
	if ((p && *p && f->partner < 0) || (a && *a && f->age < 0)) {
		reply_error(r, 400, tr(r, "Dat filter kennen we niet: kies een soort partner en een leeftijd uit de lijst.",
				       "We do not know that filter: choose a kind of partner and an age from the list."));
		return false;
	}
	return true;
}

/* Does workplace w pass the filter (*pass)? False after a reply. */
static bool filter_pass(req *r, const overview_filter *f, const workplace *w, bool *pass)
{
	char t[11];
	today(t);
	*pass = (!f->sector || strcmp(w->domain, f->sector) == 0) &&
		(f->age < 0 || (int)learning_age_of(w->start_date, t) == f->age);
	if (!*pass || f->partner < 0)
		return true;
	partner *ps;
	int np;
	if (!ok_or_reply(r, store_partners(r->st, r->a, w->id, &ps, &np)))
		return false;
	*pass = false;
	for (int i = 0; i < np; i++)
		*pass = *pass || (int)ps[i].kind == f->partner;
	return true;
}

/* The workplaces of the overview that pass the filter, with their latest
 * results and activity. False after a reply. */
static bool overview_rows(req *r, overview_filter *f, overview_row **out, int *n)
{
	/* the filter first: figures only for the workplaces shown, so that a
	 * filtered overview costs what it shows, not what the site holds */
	workplace *ws;
	int nw;
	store_rc rc = store_workplaces_for(r->st, r->a, r->user ? r->user->id : 0, true, &ws, &nw);
	if (!ok_or_reply(r, rc))
		return false;
	f->from = ws;
	f->n_from = nw;
	overview_row *rows = ARENA_ARRAY(r->a, overview_row, (size_t)nw + 1);
	int k = 0;
	for (int i = 0; i < nw; i++) {
		bool pass;
		if (!filter_pass(r, f, &ws[i], &pass))
			return false;
		if (!pass)
			continue;
		memset(&rows[k], 0, sizeof rows[k]);
		if (!latest_of(r, &ws[i], &rows[k].l, true) || !load_activity(r, &rows[k]))
			return false;
		k++;
	}
	*out = rows;
	*n = k;
	return true;
}

static void round_cell(req *r, const wp_latest *l)
{
	html(&r->out, "<td>");
	if (l->have)
		html(&r->out, "%s <small>%s, n=%d</small>", l->round.title, l->round.closes_on, l->respondents);
	else
		html(&r->out, "<span class=\"muted\">%s</span>", tr(r, "nog geen resultaten", "no results yet"));
	if (l->open_round)
		html(&r->out, "<br><small>%s: %s</small>", tr(r, "loopt nu", "running now"), l->open_round);
	html(&r->out, "</td>");
}

static void overview_row_html(req *r, const overview_row *row)
{
	const wp_latest *l = &row->l;
	/* the overview is for programme leads and site administrators, who
	 * may read every workplace (a lead read-only: src/web/access.c) */
	html(&r->out, "<tr data-slug=\"%s\"><th scope=\"row\"><a href=\"/pw/%s\">%s</a></th>", l->w.slug, l->w.slug,
	     l->w.name);
	round_cell(r, l);
	for (int e = 0; e < EL_COUNT; e++) {
		if (!l->have || isnan(l->headline[e])) {
			html(&r->out, "<td class=\"num\">–</td>");
			continue;
		}
		html(&r->out, "<td class=\"num\">%.1f", score_shown(l->headline[e]));
		change_mark(r, l, e);
		html(&r->out, "</td>");
	}
	html(&r->out, "<td class=\"num\">%d</td><td class=\"num\">%d%s</td><td>%s</td>", row->open, row->late,
	     row->late ? " ⚠" : "", row->years);
	html(&r->out, "<td class=\"chars\" data-met=\"%d\" data-partly=\"%d\" data-not-yet=\"%d\">%s</td><td class=\"triggers\">",
	     row->chars[CHAR_MET], row->chars[CHAR_PARTLY], row->chars[CHAR_NOT_YET],
	     row->chars[CHAR_MET] + row->chars[CHAR_PARTLY] + row->chars[CHAR_NOT_YET] == 0
		     ? tr(r, "niet beoordeeld", "not assessed")
		     : arena_printf(r->a, tr(r, "%d voldaan, %d deels, %d nog niet", "%d met, %d partly, %d not yet"),
				    row->chars[CHAR_MET], row->chars[CHAR_PARTLY], row->chars[CHAR_NOT_YET]));
	for (int t = 0, first = 1; t < TRIG_COUNT; t++)
		if (row->triggers & (1u << t)) {
			html(&r->out, "%s<span data-trigger=\"%s\">%s</span>", first ? "" : "; ", trigger_code((trigger_kind)t),
			     trigger_title(r, (trigger_kind)t));
			first = 0;
		}
	html(&r->out, "%s</td></tr>", row->triggers ? "" : "–");
}

static void workplaces_table(req *r, const overview_row *rows, int n)
{
	html(&r->out, "<div class=\"table-wrap\"><table id=\"overview\" class=\"scores\"><caption>%s</caption><thead><tr>"
		      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
	     tr(r, "Per werkplaats: de laatste afgesloten meting die de anonimiteitsdrempel haalt",
		"Per workplace: the latest closed round that meets the anonymity threshold"),
	     tr(r, "Werkplaats", "Workplace"), tr(r, "Laatste meting", "Latest round"));
	for (int e = 0; e < EL_COUNT; e++)
		html(&r->out, "<th scope=\"col\" class=\"num\"><abbr title=\"%s\">%s</abbr></th>",
		     element_name((element_code)e, r->english), element_code_str((element_code)e));
	html(&r->out, "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
		      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	     tr(r, "Open acties", "Open actions"), tr(r, "Te laat", "Overdue"),
	     tr(r, "Opbrengsten per jaar", "Outcomes per year"), tr(r, "De negen kenmerken", "The nine characteristics"),
	     tr(r, "Aanleiding", "Triggers"));
	int open = 0, late = 0;
	for (int i = 0; i < n; i++) {
		overview_row_html(r, &rows[i]);
		open += rows[i].open;
		late += rows[i].late;
	}
	html(&r->out, "</tbody><tfoot><tr><th scope=\"row\" colspan=\"%d\">%s</th><td class=\"num\">%d</td>"
		      "<td class=\"num\">%d</td><td></td><td></td><td></td></tr></tfoot></table></div>",
	     2 + EL_COUNT, tr(r, "Totaal", "Total"), open, late);
	html(&r->out, "<p class=\"hint\">%s</p>",
	     tr(r, "▲ duidelijk hoger, ▼ duidelijk lager, ● onduidelijk: de verandering sinds de meting daarvoor "
		   "(95%-interval van het verschil, Welch). – betekent: niet getoond (te weinig mensen) of geen meting.",
		"▲ clearly up, ▼ clearly down, ● unclear: the change since the round before (95% interval of "
		"the difference, Welch). – means: not shown (too few people) or no round."));
}

static void spread_table(req *r, const overview_row *rows, int n)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		k += rows[i].l.have;
	html(&r->out, "<h2 id=\"spread\">%s</h2>", tr(r, "Spreiding over de werkplaatsen", "Spread over the workplaces"));
	if (k < BENCH_MIN_WORKPLACES) {
		html(&r->out, "<p class=\"hint\">%s</p>",
		     arena_printf(r->a, tr(r, "De spreiding verschijnt zodra minstens %d werkplaatsen resultaten hebben (nu %d).",
					   "The spread appears once at least %d workplaces have results (now %d)."),
				  BENCH_MIN_WORKPLACES, k));
		return;
	}
	html(&r->out, "<div class=\"table-wrap\"><table id=\"spread-table\" class=\"scores\"><thead><tr><th scope=\"col\">%s</th>"
		      "<th scope=\"col\" class=\"num\">n</th><th scope=\"col\" class=\"num\">%s</th>"
		      "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
		      "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
	     tr(r, "Element", "Element"), tr(r, "Laagste", "Lowest"), tr(r, "1e kwartiel", "1st quartile"),
	     tr(r, "Mediaan", "Median"), tr(r, "3e kwartiel", "3rd quartile"), tr(r, "Hoogste", "Highest"));
	for (int e = 0; e < EL_COUNT; e++) {
		double *v = ARENA_ARRAY(r->a, double, (size_t)n + 1);
		int m = 0;
		for (int i = 0; i < n; i++)
			if (rows[i].l.have)
				v[m++] = score_shown(rows[i].l.headline[e]);
		bench_summary s;
		bench_summarise(v, m, &s);
		html(&r->out, "<tr><th scope=\"row\">%s</th><td class=\"num\">%d</td>", element_label(r, e), s.n);
		score_cell(r, s.min);
		score_cell(r, s.q1);
		score_cell(r, s.median);
		score_cell(r, s.q3);
		score_cell(r, s.max);
		html(&r->out, "</tr>");
	}
	html(&r->out, "</tbody></table></div><p class=\"hint\">%s</p>", benchmark_method_hint(r));
}

/* ---- trends across the workplaces ---- */

enum { TREND_UP, TREND_UNCLEAR, TREND_DOWN, TREND_NONE, TREND_COUNT };

/* Per element, how many workplaces changed which way between their two
 * latest closed rounds with figures (the development page's Welch
 * interval); *compared: workplaces with two such rounds. */
static void trend_counts(const overview_row *rows, int n, int counts[EL_COUNT][TREND_COUNT], int *compared)
{
	memset(counts, 0, sizeof(int) * EL_COUNT * TREND_COUNT);
	*compared = 0;
	for (int i = 0; i < n; i++) {
		const wp_latest *l = &rows[i].l;
		if (!l->have_change)
			continue;
		(*compared)++;
		for (int e = 0; e < EL_COUNT; e++) {
			const analysis_change *c = &l->change[e];
			int t = !c->computed ? TREND_NONE
				: c->verdict == CHANGE_UP ? TREND_UP
				: c->verdict == CHANGE_DOWN ? TREND_DOWN : TREND_UNCLEAR;
			counts[e][t]++;
		}
	}
}

static void trends_table(req *r, const overview_row *rows, int n)
{
	int counts[EL_COUNT][TREND_COUNT], compared;
	trend_counts(rows, n, counts, &compared);
	html(&r->out, "<h2 id=\"trends\">%s</h2><p class=\"hint\">%s</p>",
	     tr(r, "Trends per element", "Trends per element"),
	     arena_printf(r->a, tr(r, "Van %d werkplaatsen hebben er %d twee afgesloten metingen met cijfers. Per element: "
				      "hoeveel daarvan tussen die twee duidelijk hoger, onduidelijk of duidelijk lager "
				      "uitkwamen (95%%-interval van het verschil, Welch, zoals op de pagina Ontwikkeling).",
				   "Of %d workplaces, %d have two closed rounds with figures. Per element: how many of "
				   "them came out clearly up, unclear or clearly down between those two (95%% interval "
				   "of the difference, Welch, as on the Development page)."),
			  n, compared));
	html(&r->out, "<div class=\"table-wrap\"><table id=\"trends-table\" class=\"scores\"><thead><tr>"
		      "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">▲ %s</th><th scope=\"col\" class=\"num\">● %s</th>"
		      "<th scope=\"col\" class=\"num\">▼ %s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
	     tr(r, "Element", "Element"), tr(r, "duidelijk hoger", "clearly up"), tr(r, "onduidelijk", "unclear"),
	     tr(r, "duidelijk lager", "clearly down"), tr(r, "niet te bepalen", "cannot tell"));
	static const char *const codes[TREND_COUNT] = {"up", "unclear", "down", "none"};
	for (int e = 0; e < EL_COUNT; e++) {
		html(&r->out, "<tr data-element=\"%s\"><th scope=\"row\">%s</th>", element_code_str((element_code)e),
		     element_label(r, e));
		for (int t = 0; t < TREND_COUNT; t++)
			html(&r->out, "<td class=\"num\" data-trend=\"%s\">%d</td>", codes[t], counts[e][t]);
		html(&r->out, "</tr>");
	}
	html(&r->out, "</tbody></table></div><p class=\"hint\">%s</p>",
	     tr(r, "Niet te bepalen: het element was in een van de twee metingen niet als geheel te tonen (te "
		   "weinig mensen in een groep).",
		"Cannot tell: the element could not be shown as a whole in one of the two rounds (too few "
		"people in a group)."));
}

static void create_form(req *r)
{
	html(&r->out, "<h2 id=\"new-workplace\">%s</h2>", tr(r, "Nieuwe werkplaats", "New workplace"));
	error_summary(r);
	form_begin(r, "/admin/workplaces", NULL);
	input_field(r, "text", "wp_name", tr(r, "Naam", "Name"), NULL, NULL, true);
	input_field(r, "text", "wp_slug", tr(r, "Korte naam in de adresbalk", "Short name in the address"), NULL,
		    tr(r, "Kleine letters, cijfers en streepjes, zoals ‘leerafdeling-geriatrie’. Leeg laten: "
			  "gemaakt uit de naam.",
		       "Lower-case letters, digits and hyphens, such as ‘learning-ward’. Leave empty to make it "
		       "from the name."),
		    false);
	input_field(r, "email", "wp_coordinator", tr(r, "E-mailadres van de eerste coördinator", "E-mail address of the first coordinator"),
		    NULL, tr(r, "Je krijgt een eenmalige link om door te geven.", "You get a one-time link to pass on."), false);
	html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Aanmaken", "Create"));
	form_end(r);
}

/* ---- the sector filter and the export ---- */

static const char *age_name(req *r, learning_age a)
{
	switch (a) {
	case AGE_YOUNG: return tr(r, "jonger dan 2 jaar", "under 2 years");
	case AGE_GROWING: return tr(r, "2 tot 5 jaar", "2 to 5 years");
	case AGE_MATURE: return tr(r, "5 jaar of ouder", "5 years or more");
	default: return tr(r, "startdatum onbekend", "start date unknown");
	}
}

/* The selects of the kind of partner and the age, in the filter form. */
static void partner_age_fields(req *r, const overview_filter *f)
{
	html(&r->out, "<div class=\"field\"><label for=\"f-partner\">%s</label><select id=\"f-partner\" name=\"partner\">"
		      "<option value=\"\">%s</option>",
	     tr(r, "Met een partner van het soort", "With a partner of the kind"), tr(r, "alle soorten", "any kind"));
	for (int k = 0; k < ORG_COUNT; k++)
		html(&r->out, "<option value=\"%s\"%s>%s</option>", org_kind_code((org_kind)k), f->partner == k ? " selected" : "",
		     org_kind_name((org_kind)k, r->english));
	html(&r->out, "</select></div><div class=\"field\"><label for=\"f-age\">%s</label><select id=\"f-age\" name=\"age\">"
		      "<option value=\"\">%s</option>",
	     tr(r, "Leeftijd van de werkplaats", "Age of the workplace"), tr(r, "alle leeftijden", "any age"));
	for (int a = AGE_YOUNG; a <= AGE_COUNT; a++) {
		learning_age age = a == AGE_COUNT ? AGE_UNKNOWN : (learning_age)a;
		html(&r->out, "<option value=\"%s\"%s>%s</option>", learning_age_code(age), f->age == (int)age ? " selected" : "",
		     age_name(r, age));
	}
	html(&r->out, "</select></div>");
}

static int text_order(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A GET form: every sector (a workplace's domain) that occurs, and all;
 * the kind of a partner; the age. */
static void sector_filter(req *r, const overview_filter *f)
{
	const char *sector = f->sector;
	const workplace *ws = f->from; /* read once, by overview_rows */
	int n = f->n_from;
	html(&r->out, "<form method=\"get\" action=\"/overview\" class=\"actions filters\" id=\"sector-filter\">"
		      "<div class=\"field\"><label for=\"f-sector\">%s</label><select id=\"f-sector\" name=\"sector\">"
		      "<option value=\"\">%s</option>",
	     tr(r, "Sector", "Sector"), tr(r, "alle sectoren", "all sectors"));
	/* each domain once, in alphabetical order: sorted, so that thousands
	 * of workplaces cost n log n comparisons, not n squared */
	const char **ds = ARENA_ARRAY(r->a, const char *, (size_t)n + 1);
	for (int i = 0; i < n; i++)
		ds[i] = ws[i].domain;
	qsort(ds, (size_t)n, sizeof *ds, text_order);
	for (int i = 0; i < n; i++)
		if (*ds[i] && (i == 0 || strcmp(ds[i - 1], ds[i]) != 0))
			html(&r->out, "<option value=\"%s\"%s>%s</option>", ds[i],
			     sector && strcmp(sector, ds[i]) == 0 ? " selected" : "", ds[i]);
	html(&r->out, "</select></div>");
	partner_age_fields(r, f);
	html(&r->out, "<button>%s</button></form>", tr(r, "Tonen", "Show"));
}

/* The link to the CSV of the table as shown (with the same filter). */
static const char *export_href(req *r, const overview_filter *f)
{
	buf b;
	buf_init(&b, 1024);
	buf_puts(&b, "/overview/export");
	char sep = '?';
	if (f->sector) {
		buf_puts(&b, "?sector=");
		for (const unsigned char *p = (const unsigned char *)f->sector; *p; p++) {
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
				buf_putc(&b, (char)*p);
			else
				buf_printf(&b, "%%%02X", *p);
		}
		sep = '&';
	}
	if (f->partner >= 0) {
		buf_printf(&b, "%cpartner=%s", sep, org_kind_code((org_kind)f->partner));
		sep = '&';
	}
	if (f->age >= 0)
		buf_printf(&b, "%cage=%s", sep, learning_age_code((learning_age)f->age));
	const char *s = arena_strdup(r->a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

static void overview_page(req *r, const char *notice, const char *link)
{
	overview_row *rows;
	int n;
	overview_filter f;
	if (!filter_param(r, &f) || !overview_rows(r, &f, &rows, &n))
		return;
	int have = 0;
	for (int i = 0; i < n; i++)
		have += rows[i].l.have;
	page_begin(r, tr(r, "Alle werkplaatsen", "All workplaces"));
	html(&r->out, "<h1>%s</h1>", tr(r, "Alle werkplaatsen", "All workplaces"));
	if (notice)
		html(&r->out, "<div class=\"notice\" role=\"status\"><p>%s</p>", notice);
	if (link)
		html(&r->out, "<p><code class=\"copy\" id=\"invite-link\">%s</code></p><p class=\"hint\">%s</p>", link,
		     tr(r, "Geef deze link door aan de coördinator. Hij werkt één keer en verloopt na 7 dagen.",
			"Pass this link on to the coordinator. It works once and expires after 7 days."));
	if (notice)
		html(&r->out, "</div>");
	sector_filter(r, &f);
	html(&r->out, "<ul class=\"kpis\"><li class=\"kpi\"><strong>%d</strong> %s</li><li class=\"kpi\"><strong>%d</strong> %s</li></ul>",
	     n, tr(r, "werkplaatsen", "workplaces"), have,
	     tr(r, "met resultaten boven de drempel", "with results above the threshold"));
	workplaces_table(r, rows, n);
	html(&r->out, "<p><a href=\"%s\" id=\"overview-export\" download>%s</a></p>", export_href(r, &f),
	     tr(r, "Deze tabel als CSV", "This table as CSV"));
	trends_table(r, rows, n);
	spread_table(r, rows, n);
	html(&r->out, "<p><a href=\"/library\" id=\"library-link\">%s</a> · <a href=\"/library/analysis\">%s</a></p>",
	     tr(r, "Wat werkt waar", "What works where"),
	     tr(r, "Welke elementen gaan samen met welke opbrengsten?", "Which elements go together with which outcomes?"));
	if (is_site_admin(r)) {
		create_form(r);
		if (is_network_admin(r))
			html(&r->out, "<p><a href=\"/admin/audit\">%s</a></p>",
			     tr(r, "Logboek van de hele site", "Audit log of the whole site"));
	}
	page_end(r);
}

void page_overview(req *r)
{
	if (!may_see_overview(r)) {
		reply_error(r, 404, NULL);
		return;
	}
	overview_page(r, NULL, NULL);
}

static void csv_num(buf *b, double v)
{
	if (!isnan(v))
		buf_printf(b, "%.1f", v);
	buf_putc(b, ',');
}

static void csv_row(buf *b, const overview_row *row)
{
	const wp_latest *l = &row->l;
	csv_put_text(b, l->w.name, ',');
	buf_putc(b, ',');
	csv_put_text(b, l->w.slug, ',');
	buf_putc(b, ',');
	csv_put_text(b, l->w.domain, ',');
	buf_putc(b, ',');
	csv_put_text(b, l->have ? l->round.title : "", ',');
	buf_putc(b, ',');
	csv_put_text(b, l->have ? l->round.closes_on : "", ',');
	buf_putc(b, ',');
	if (l->have)
		buf_printf(b, "%d", l->respondents);
	buf_putc(b, ',');
	for (int e = 0; e < EL_COUNT; e++)
		csv_num(b, l->have ? score_shown(l->headline[e]) : NAN);
	for (int e = 0; e < EL_COUNT; e++)
		buf_printf(b, "%s,", l->have ? change_code(l, e) : "");
	buf_printf(b, "%d,%d,", row->open, row->late);
	csv_put_text(b, strcmp(row->years, "–") == 0 ? "" : row->years, ',');
	buf_putc(b, ',');
	csv_put_text(b, l->open_round ? l->open_round : "", ',');
	buf_printf(b, ",%d,%d,%d,", row->chars[CHAR_MET], row->chars[CHAR_PARTLY], row->chars[CHAR_NOT_YET]);
	for (int t = 0, first = 1; t < TRIG_COUNT; t++)
		if (row->triggers & (1u << t)) {
			buf_printf(b, "%s%s", first ? "" : " ", trigger_code((trigger_kind)t));
			first = 0;
		}
	buf_puts(b, "\r\n");
}

/* /overview/export: the workplaces table as CSV, the figures shown and
 * nothing more (the same filter as the page). */
void page_overview_export(req *r)
{
	overview_row *rows;
	int n;
	if (!may_see_overview(r)) {
		reply_error(r, 404, NULL);
		return;
	}
	overview_filter f;
	if (!filter_param(r, &f) || !overview_rows(r, &f, &rows, &n))
		return;
	buf_reset(&r->out);
	buf_puts(&r->out, "workplace,slug,sector,latest_round,closes_on,respondents");
	for (int e = 0; e < EL_COUNT; e++)
		buf_printf(&r->out, ",%s", element_code_str((element_code)e));
	for (int e = 0; e < EL_COUNT; e++)
		buf_printf(&r->out, ",%s_change", element_code_str((element_code)e));
	buf_puts(&r->out, ",open_actions,overdue_actions,outcomes_per_year,running_now,characteristics_met,"
			  "characteristics_partly,characteristics_not_yet,triggers\r\n");
	for (int i = 0; i < n; i++)
		csv_row(&r->out, &rows[i]);
	r->status = 200;
	r->content_type = "text/csv; charset=utf-8";
	reply_header(r, "Content-Disposition", "attachment; filename=\"overview.csv\"");
	r->replied = true;
}

/* A slug from a name: lower-case ASCII letters and digits, runs of
 * anything else become one hyphen. */
static const char *slug_from(req *r, const char *name)
{
	char *s = arena_alloc(r->a, 61);
	size_t n = 0;
	for (const char *p = name; *p && n < 60; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			s[n++] = c;
		else if (n && s[n - 1] != '-')
			s[n++] = '-';
	}
	while (n && s[n - 1] == '-')
		n--;
	s[n] = 0;
	return n ? s : "werkplaats";
}

static bool slug_valid(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > 60 || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && s[i + 1] != '-')))
			return false;
	}
	return true;
}

void page_admin_workplace_create(req *r)
{
	const char *name, *slug, *email = NULL;
	field_text(r, "wp_name", 200, true, &name);
	field_text(r, "wp_slug", 60, false, &slug);
	const char *raw = form_get(r, "wp_coordinator");
	if (raw && *raw)
		field_email(r, "wp_coordinator", &email);
	if (!r->nerrors && !*slug)
		slug = slug_from(r, name);
	if (!r->nerrors && !slug_valid(slug))
		field_error(r, "wp_slug", tr(r, "Gebruik alleen kleine letters, cijfers en losse streepjes.",
					     "Use only lower-case letters, digits and single hyphens."));
	if (r->nerrors) {
		r->status = 400;
		overview_page(r, NULL, NULL);
		return;
	}
	workplace w = {.slug = slug, .name = name};
	int64_t id;
	store_rc rc = store_workplace_create(r->st, &w, &id);
	if (rc == ST_CONFLICT) {
		field_error(r, "wp_slug", tr(r, "Deze korte naam is al in gebruik; kies een andere.",
					     "This short name is already taken; choose another."));
		r->status = 400;
		overview_page(r, NULL, NULL);
		return;
	}
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, id, "workplace created", arena_printf(r->a, "%s (%s)", name, slug));
	const char *link = NULL;
	if (rc == ST_OK && email) {
		char tok[TOKEN_CHARS + 1], h[HASH_HEX + 1];
		int64_t inv;
		token_random(tok);
		token_hash("join", tok, h);
		rc = store_member_invitation_create(r->st, id, email, ROLE_COORDINATOR, h, r->user->id,
						    wp_now() + INVITE_SECONDS, &inv);
		if (rc == ST_OK)
			rc = store_audit(r->st, r->user->id, id, "member invited",
					 arena_printf(r->a, "%s as coordinator", email));
		link = arena_printf(r->a, "%s/join/%s", r->app->public_url, tok);
	}
	if (!ok_or_reply(r, rc))
		return;
	overview_page(r,
		      arena_printf(r->a, tr(r, "Werkplaats %s is aangemaakt: /pw/%s.", "Workplace %s has been created: /pw/%s."),
				   name, slug),
		      link);
}
