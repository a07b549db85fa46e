/* library.c - /library: what works where. A coordinator facing a weak
 * element finds, per element, what other workplaces of the institution did
 * about it (the improvement actions and realist notes their coordinators
 * shared), in which context, and what happened afterwards: the element's
 * change between the round before and the round after the action (the
 * development page's interval method, over figures from the figures room
 * only, so never a figure below k) and the outcomes they registered since.
 * For coordinators, programme leads and site administrators; nothing that
 * a workplace did not share. docs/learning.md. */
#include <string.h>

#include "base/util.h"
#include "domain/learning.h"
#include "web/pages/pages.h"
#include "web/pieces.h"
#include "web/results.h"
#include "web/across.h"

/* The element's change from the round before the action to the round
 * after it, as the development page words it, and the outcomes since. */
static void what_happened(req *r, const wp_rounds *w, const across_after *x, int element)
{
	html(&r->out, "<dt>%s</dt><dd class=\"library-change\" data-before=\"%lld\" data-after=\"%lld\">",
	     arena_printf(r->a, tr(r, "%s daarna", "%s afterwards"), element_code_str((element_code)element)),
	     x->before >= 0 ? (long long)w->rounds[x->before].id : 0LL,
	     x->after >= 0 ? (long long)w->rounds[x->after].id : 0LL);
	if (!x->have_change)
		html(&r->out, "%s",
		     x->before < 0 ? tr(r, "niet te zeggen: geen meting met getoonde cijfers van vóór de actie",
					"cannot say: no round with figures shown from before the action")
				   : tr(r, "nog niet te zeggen: nog geen meting met getoonde cijfers na de actie",
					"cannot say yet: no round with figures shown after the action"));
	else {
		results_change(r, &x->change);
		html(&r->out, " <small>%s → %s</small>", w->rounds[x->before].title, w->rounds[x->after].title);
	}
	html(&r->out, "</dd><dt>%s</dt><dd class=\"library-outcomes\" data-outcomes=\"%d\">%d",
	     tr(r, "Opbrengsten sindsdien", "Outcomes since"), x->outcomes_total, x->outcomes_total);
	for (int c = 0, first = 1; c < OUT_COUNT; c++)
		if (x->outcomes[c]) {
			html(&r->out, "%s%s %d", first ? " (" : ", ", outcome_name((outcome_category)c, r->english),
			     x->outcomes[c]);
			first = 0;
		}
	html(&r->out, "%s</dd>", x->outcomes_total ? ")" : "");
}

static void note_block(req *r, const library_note *n)
{
	html(&r->out, "<dl class=\"facts cmo\" data-note=\"%lld\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>"
		      "<dt>%s</dt><dd>%s</dd></dl>",
	     (long long)n->note.id, tr(r, "Context", "Context"), n->note.context, tr(r, "Mechanisme", "Mechanism"),
	     n->note.mechanism, tr(r, "Uitkomst", "Outcome"), n->note.result);
}

static void workplace_name(req *r, const workplace *mine, int n_mine, const char *slug, const char *name)
{
	if (learning_may_open(r, mine, n_mine, slug))
		html(&r->out, "<a href=\"/pw/%s\">%s</a>", slug, name);
	else
		html(&r->out, "%s", name);
}

/* One shared action with its notes and what happened afterwards. False
 * after a reply. */
static bool action_item(req *r, const library_action *a, const library_note *ns, int nn, const wp_rounds *w,
			int element, const workplace *mine, int n_mine)
{
	html(&r->out, "<article class=\"library-item\" data-action=\"%lld\" data-workplace=\"%s\"><h3>%s</h3>"
		      "<p class=\"meta\">",
	     (long long)a->id, a->workplace_slug, a->title);
	workplace_name(r, mine, n_mine, a->workplace_slug, a->workplace_name);
	if (*a->workplace_domain)
		html(&r->out, " · %s", a->workplace_domain);
	char day[11];
	across_action_day(a, day);
	html(&r->out, " · %s %s · ", tr(r, "gestart", "started"), day);
	action_status_tag(r, a->status);
	html(&r->out, "</p>");
	if (*a->description)
		html(&r->out, "<p>%s</p>", a->description);
	for (int i = 0; i < nn; i++)
		if (ns[i].note.action_id == a->id)
			note_block(r, &ns[i]);
	across_after x;
	if (!across_action_after(r, w, a, element, &x))
		return false;
	html(&r->out, "<dl class=\"facts\">");
	what_happened(r, w, &x, element);
	html(&r->out, "</dl></article>");
	return true;
}

/* Is the note on one of the listed actions? */
static bool on_listed_action(const library_note *n, const library_action *as, int na)
{
	for (int i = 0; i < na; i++)
		if (n->note.action_id == as[i].id)
			return true;
	return false;
}

static void notes_section(req *r, const library_note *ns, int nn, const library_action *as, int na,
			  const workplace *mine, int n_mine)
{
	html(&r->out, "<section aria-labelledby=\"library-notes\"><h2 id=\"library-notes\">%s</h2>",
	     tr(r, "Andere gedeelde realistische notities", "Other shared realist notes"));
	int shown = 0;
	for (int i = 0; i < nn; i++) {
		if (on_listed_action(&ns[i], as, na))
			continue;
		const char *about = *ns[i].note.about ? ns[i].note.about
				    : ns[i].note.action_id ? tr(r, "Bij een verbeteractie", "On an improvement action")
							    : tr(r, "Bij een opbrengst", "On an outcome");
		html(&r->out, "<article class=\"library-item\" data-workplace=\"%s\"><h3>%s</h3><p class=\"meta\">",
		     ns[i].workplace_slug, about);
		workplace_name(r, mine, n_mine, ns[i].workplace_slug, ns[i].workplace_name);
		html(&r->out, "</p>");
		note_block(r, &ns[i]);
		html(&r->out, "</article>");
		shown++;
	}
	if (!shown)
		html(&r->out, "<p>%s</p>", tr(r, "Geen.", "None."));
	html(&r->out, "</section>");
}

static const char *library_hint(req *r)
{
	return tr(r, "Alleen wat werkplaatsen zelf met de instelling delen: hun coördinator zet een verbeteractie of "
		     "realistische notitie op ‘delen’. ‘Daarna’ vergelijkt het element tussen de laatste meting "
		     "vóór de actie (of de meting waar de actie uit voortkwam) en de eerste meting erna, met het "
		     "95%-interval van het verschil (Welch), zoals op de ontwikkelingspagina: ‘duidelijk hoger’ of "
		     "‘duidelijk lager’ als het interval helemaal boven of onder nul ligt, anders onduidelijk. "
		     "Alleen metingen die de anonimiteitsdrempel halen tellen mee. Wat er daarna gebeurde, kan "
		     "ook andere oorzaken hebben dan de actie.",
		  "Only what workplaces themselves share with the institution: their coordinator marks an "
		  "improvement action or realist note ‘shared’. ‘Afterwards’ compares the element between the last "
		  "round before the action (or the round that prompted it) and the first round after it, with the "
		  "95% interval of the difference (Welch), as on the development page: ‘clearly up’ or ‘clearly "
		  "down’ when the interval lies entirely above or below zero, otherwise unclear. Only rounds that "
		  "meet the anonymity threshold count. What happened afterwards may have other causes than the "
		  "action.");
}

void page_library(req *r)
{
	workplace *mine;
	int n_mine;
	if (!learning_access(r, &mine, &n_mine))
		return;
	int element = learning_element_param(r);
	if (element < 0)
		return;
	library_action *as;
	library_note *ns;
	int na, nn;
	store_rc rc = store_library_actions(r->st, r->a, element, &as, &na);
	if (rc == ST_OK)
		rc = store_library_notes(r->st, r->a, element, &ns, &nn);
	if (!ok_or_reply(r, rc))
		return;
	wp_rounds_memo memo;
	wp_rounds_memo_init(r, &memo, na);
	page_begin(r, tr(r, "Wat werkt waar", "What works where"));
	html(&r->out, "<h1>%s</h1><p class=\"lead\">%s</p>", tr(r, "Wat werkt waar", "What works where"),
	     tr(r, "Wat deden andere werkplaatsen van de instelling aan een element, in welke context, en wat "
		   "gebeurde er daarna?",
		"What did other workplaces of the institution do about an element, in which context, and what "
		"happened afterwards?"));
	learning_element_picker(r, "/library", element);
	html(&r->out, "<p><a href=\"/library/analysis\">%s</a></p>",
	     tr(r, "Welke elementen gaan samen met welke opbrengsten?", "Which elements go together with which outcomes?"));
	html(&r->out, "<section aria-labelledby=\"library-actions\"><h2 id=\"library-actions\">%s</h2>",
	     arena_printf(r->a, tr(r, "Gedeelde verbeteracties voor %s", "Shared improvement actions for %s"),
			  element_label(r, element)));
	if (!na)
		html(&r->out, "<p id=\"library-empty\">%s</p>",
		     tr(r, "Nog geen gedeelde verbeteracties voor dit element.",
			"No shared improvement actions for this element yet."));
	for (int i = 0; i < na; i++) {
		const wp_rounds *w = wp_rounds_of(r, &memo, as[i].workplace_id);
		if (!w || !action_item(r, &as[i], ns, nn, w, element, mine, n_mine))
			return;
	}
	html(&r->out, "</section>");
	notes_section(r, ns, nn, as, na, mine, n_mine);
	html(&r->out, "<p class=\"hint\">%s</p>", library_hint(r));
	page_end(r);
}
