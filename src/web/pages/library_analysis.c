/* library_analysis.c - /library/analysis: which element profiles go
 * together with which outcomes across the institution's workplaces. Per
 * element and outcome, Spearman's rank correlation across the workplaces
 * between the element's score and the outcome scale's score, and between
 * the element's score and the outcomes registered in the year up to that
 * round (domain/learning.h). Only workplaces whose latest closed round has
 * figures shown; no figure over fewer workplaces than k; a coordinator
 * sees only the aggregate, programme leads and site administrators also
 * which workplaces are in it. docs/learning.md. */
#include <math.h>

#include "base/util.h"
#include "domain/learning.h"
#include "web/across.h"
#include "web/pages/pages.h"

static void assoc_cell(req *r, const learning_assoc *a)
{
	if (!a->shown || isnan(a->rho)) {
		html(&r->out, "<td class=\"num suppressed\" data-n=\"%d\"><span aria-hidden=\"true\">–</span>"
			      "<span class=\"visually-hidden\">%s</span></td>",
		     a->shown ? a->n : 0,
		     a->shown ? tr(r, "niet te berekenen (geen spreiding)", "cannot be computed (no variation)")
			      : tr(r, "te weinig werkplaatsen", "too few workplaces"));
		return;
	}
	html(&r->out, "<td class=\"num\" data-n=\"%d\" data-rho=\"%.3f\">%.2f <small>n=%d</small></td>", a->n,
	     a->rho, a->rho, a->n);
}

static void assoc_table(req *r, const char *id, const char *caption, const learning_assoc (*m)[OUT_COUNT])
{
	html(&r->out, "<div class=\"table-wrap\"><table id=\"%s\" class=\"scores\"><caption>%s</caption><thead><tr>"
		      "<th scope=\"col\">%s</th>",
	     id, caption, tr(r, "Element", "Element"));
	for (int o = 0; o < OUT_COUNT; o++)
		html(&r->out, "<th scope=\"col\" class=\"num\" data-outcome=\"%s\">%s</th>", outcome_code((outcome_category)o),
		     outcome_name((outcome_category)o, r->english));
	html(&r->out, "</tr></thead><tbody>");
	for (int e = 0; e < EL_COUNT; e++) {
		html(&r->out, "<tr data-element=\"%s\"><th scope=\"row\">%s <small>%s</small></th>",
		     element_code_str((element_code)e), element_code_str((element_code)e),
		     element_name((element_code)e, r->english));
		for (int o = 0; o < OUT_COUNT; o++)
			assoc_cell(r, &m[e][o]);
		html(&r->out, "</tr>");
	}
	html(&r->out, "</tbody></table></div>");
}

static const char *honest_words(req *r)
{
	return tr(r, "Een rangcorrelatie (Spearman) loopt van −1 tot 1: positief betekent dat werkplaatsen met een "
		     "hogere score op het element ook vaker hoger scoren op de opbrengst, negatief het omgekeerde. "
		     "Het is samenhang, geen oorzaak: een element kan een opbrengst helpen, maar beide kunnen ook "
		     "samen opgaan met iets anders (de sector, de leeftijd van de werkplaats, wie er meedoet). Met "
		     "weinig werkplaatsen is een correlatie onzeker: bij minder dan tien werkplaatsen kan zelfs een "
		     "waarde van 0,6 toeval zijn. Elke werkplaats telt met haar laatste afgesloten meting die de "
		     "anonimiteitsdrempel haalt; opbrengsten in het register: die van het jaar tot de sluitdatum "
		     "van die meting.",
		  "A rank correlation (Spearman) runs from −1 to 1: positive means that workplaces with a higher "
		  "score on the element also tend to score higher on the outcome, negative the reverse. It is an "
		  "association, not a cause: an element may help an outcome, but both may also go together with "
		  "something else (the sector, the age of the workplace, who takes part). With few workplaces a "
		  "correlation is uncertain: with fewer than ten workplaces even a value of 0.6 may be chance. "
		  "Each workplace counts with its latest closed round that meets the anonymity threshold; outcomes "
		  "in the register: those of the year up to that round's closing day.");
}

/* For programme leads and site administrators: which workplaces are in it. */
static void included_list(req *r, const across_profile *ps, int n)
{
	if (!(r->user->is_admin || r->user->is_programme_lead))
		return;
	html(&r->out, "<h2 id=\"included\">%s</h2><ul id=\"included-workplaces\">",
	     tr(r, "Welke werkplaatsen meetellen", "Which workplaces are included"));
	for (int i = 0; i < n; i++)
		html(&r->out, "<li data-slug=\"%s\"><a href=\"/pw/%s\">%s</a> <small>%s, %s</small></li>", ps[i].w.slug,
		     ps[i].w.slug, ps[i].w.name, ps[i].round.title, ps[i].round.closes_on);
	html(&r->out, "</ul>");
}

void page_library_analysis(req *r)
{
	workplace *mine;
	int n_mine;
	if (!learning_access(r, &mine, &n_mine))
		return;
	across_profile *ps;
	int n, min_n;
	if (!across_profiles(r, &ps, &n, &min_n))
		return;
	learning_profile *prof = ARENA_ARRAY(r->a, learning_profile, (size_t)n + 1);
	for (int i = 0; i < n; i++)
		prof[i] = ps[i].p;
	learning_associations as;
	learning_associate(prof, n, min_n, ARENA_ARRAY(r->a, double, 2 * (size_t)n + 2), &as);
	r->wide = true;
	page_begin(r, tr(r, "Elementen en opbrengsten", "Elements and outcomes"));
	html(&r->out, "<p class=\"meta\"><a href=\"/library\">%s</a></p><h1>%s</h1>",
	     tr(r, "Wat werkt waar", "What works where"),
	     tr(r, "Welke elementen gaan samen met welke opbrengsten?", "Which elements go together with which outcomes?"));
	html(&r->out, "<p class=\"lead\" id=\"analysis-n\" data-workplaces=\"%d\" data-min=\"%d\">%s</p>", n, min_n,
	     arena_printf(r->a, tr(r, "Over %d werkplaatsen met een afgesloten meting die de anonimiteitsdrempel haalt. "
				      "Een getal verschijnt pas bij minstens %d werkplaatsen.",
				   "Over %d workplaces with a closed round that meets the anonymity threshold. A "
				   "figure appears only with at least %d workplaces."),
			  n, min_n));
	if (n < min_n)
		html(&r->out, "<p class=\"notice\" id=\"analysis-too-few\">%s</p>",
		     tr(r, "Er zijn nog te weinig werkplaatsen met resultaten voor deze vergelijking.",
			"There are too few workplaces with results for this comparison yet."));
	else if (n < 10)
		html(&r->out, "<p class=\"notice warn\" id=\"analysis-small-n\">%s</p>",
		     tr(r, "Let op: met minder dan tien werkplaatsen zijn deze correlaties erg onzeker.",
			"Note: with fewer than ten workplaces these correlations are very uncertain."));
	assoc_table(r, "assoc-scales",
		    tr(r, "Elementscore en score op de opbrengstschaal (rangcorrelatie, aantal werkplaatsen)",
		       "Element score and outcome scale score (rank correlation, number of workplaces)"),
		    (const learning_assoc(*)[OUT_COUNT])as.scale);
	assoc_table(r, "assoc-registered",
		    tr(r, "Elementscore en opbrengsten in het register in het jaar tot de meting",
		       "Element score and outcomes in the register in the year up to the round"),
		    (const learning_assoc(*)[OUT_COUNT])as.registered);
	html(&r->out, "<p class=\"hint\" id=\"analysis-wording\">%s</p>", honest_words(r));
	included_list(r, ps, n);
	page_end(r);
}
