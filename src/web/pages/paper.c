/* paper.c - /pw/{slug}/rounds/{id}/paper: the questionnaire on paper
 * The workplace prints a form per perspective (large print
 * and easy-read on request), hands it out, and its people type in the
 * returned forms: one person types the digits of a form, a second person
 * types the same form again without seeing the first, and only when both
 * agree does the form count, as a sent response of its perspective
 * marked "paper". Nothing of a form counts before that. Like an import,
 * no form goes in once the round's figures have been shown. */
#include <stdint.h>
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "domain/paper.h"
#include "figures/figures.h"
#include "io/paper_pdf.h"
#include "web/pages/pages.h"
#include "web/round_view.h"

#define FORM_ITEMS_MAX (64 + OWN_MAX) /* the instrument's statements of a role, and the own ones */
#define DIGITS_MAX 400 /* characters typed for one form, spaces included */
#define FORM_NO_MAX 99999
#define DIFFS_SHOWN 20

static const char *form_code(req *r, const mround *rd, perspective p)
{
	return arena_printf(r->a, "R%lld-%s", (long long)rd->id, perspective_code(p));
}

static const char *const persp_codes[PERSP_COUNT + 1] = {"student", "professional", "teacher", "researcher",
							  "citizen", "manager", "other", NULL};

/* ---- the page ---- */

static void print_links(req *r, const mround *rd, const instrument *in)
{
	html(&r->out, "<h2>%s</h2><p>%s</p><ul class=\"plain\">",
	     tr(r, "Formulieren afdrukken", "Print forms"),
	     tr(r, "Eén formulier per rol: ieder ziet de stellingen die bij zijn rol horen. De "
		   "formuliercode staat op elke pagina; schrijf op elk teruggekregen formulier een "
		   "eigen nummer in het vak, dat je bij het invoeren gebruikt.",
		"One form per role: everyone sees the statements that belong to their role. The form "
		"code is on every page; write a number of your own in the box of every returned form, "
		"and use it when typing the form in."));
	for (int p = 0; p < PERSP_COUNT; p++) {
		const char *base = arena_printf(r->a, "%s/paper/form.pdf?perspective=%s", round_path(r, rd),
						perspective_code((perspective)p));
		html(&r->out, "<li>%s: <a href=\"%s\">%s</a> · <a href=\"%s&amp;large=1\">%s</a>",
		     perspective_name((perspective)p, r->english), base, tr(r, "PDF", "PDF"), base,
		     tr(r, "grote letters", "large print"));
		if (in->easy && p == PERSP_CITIZEN)
			html(&r->out, " · <a href=\"%s&amp;easy=1&amp;large=1\">%s</a>", base,
			     tr(r, "eenvoudige taal, grote letters", "easy language, large print"));
		html(&r->out, "</li>");
	}
	html(&r->out, "</ul>");
}

static void digits_fields(req *r, const char *verb)
{
	const char *labels[PERSP_COUNT];
	for (int p = 0; p < PERSP_COUNT; p++)
		labels[p] = perspective_name((perspective)p, r->english);
	select_field(r, "perspective", tr(r, "Rol op het formulier", "Role on the form"), persp_codes, labels,
		     PERSP_COUNT, NULL, NULL);
	input_field(r, "text", "form_no", tr(r, "Formuliernummer", "Form number"), NULL,
		    tr(r, "Het nummer in het vak bovenaan het formulier.", "The number in the box at the top of the form."),
		    true);
	input_field(r, "text", "digits", verb,
		    NULL,
		    tr(r, "Per stelling, in volgorde van de nummers: het cijfer van het aangekruiste vakje (1 tot "
			  "5), 0 voor ?, een punt als er niets is aangekruist. Spaties mag je gebruiken om te "
			  "groeperen, bijvoorbeeld 45432 1.054.",
		       "Per statement, in the order of the numbers: the digit of the box with the cross (1 "
		       "to 5), 0 for ?, a full stop when nothing is crossed. Spaces may group them, for "
		       "example 45432 1.054."),
		    true);
}

static void pending_table(req *r, const mround *rd, const paper_entry *es, int n)
{
	int pending = 0, counted = 0;
	for (int i = 0; i < n; i++)
		es[i].checked ? counted++ : pending++;
	html(&r->out, "<h2>%s</h2><p id=\"paper-counts\">%s</p>", tr(r, "Ingevoerde formulieren", "Forms typed in"),
	     arena_printf(r->a, tr(r, "%d geteld (twee keer gelijk ingevoerd), %d wachten op controle.",
				   "%d counted (typed in twice, the same), %d waiting for their check."),
			  counted, pending));
	if (!pending)
		return;
	html(&r->out, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		      "<th scope=\"col\">%s</th><th scope=\"col\"><span class=\"visually-hidden\">%s</span></th>"
		      "</tr></thead><tbody>",
	     tr(r, "Formulier", "Form"), tr(r, "Rol", "Role"), tr(r, "Ingevoerd door", "Typed in by"),
	     tr(r, "Verwijderen", "Remove"));
	for (int i = 0; i < n; i++) {
		const paper_entry *e = &es[i];
		if (e->checked)
			continue;
		html(&r->out, "<tr><td class=\"num\">%d</td><td>%s</td><td>%s</td><td>", e->form_no,
		     perspective_name(e->persp, r->english), *e->entered_by_name ? e->entered_by_name : "–");
		if (round_may_change(r) || (r->user && e->entered_by == r->user->id)) {
			form_begin(r, arena_printf(r->a, "%s/paper/%lld/delete", round_path(r, rd), (long long)e->id),
				   "inline");
			html(&r->out, "<button>%s</button>", tr(r, "Verwijderen", "Remove"));
			form_end(r);
		}
		html(&r->out, "</td></tr>");
	}
	html(&r->out, "</tbody></table></div>");
}

/* The page; notice (may be NULL) says what the last step did. */
static void paper_page(req *r, const mround *rd, const survey *sv, const char *notice)
{
	paper_entry *es;
	int n;
	bool frozen;
	store_rc rc = store_paper_entries(r->st, r->a, rd->id, &es, &n);
	if (rc == ST_OK)
		rc = figures_round_frozen(r->st, rd, &frozen);
	if (!ok_or_reply(r, rc))
		return;
	page_begin(r, arena_printf(r->a, "%s · %s", tr(r, "Op papier", "On paper"), rd->title));
	html(&r->out, "<p class=\"meta\"><a href=\"/pw/%s\">%s</a> · <a href=\"%s\">%s</a></p><h1>%s</h1>",
	     r->wp->slug, r->wp->name, round_path(r, rd), rd->title,
	     tr(r, "De vragenlijst op papier", "The questionnaire on paper"));
	if (notice)
		html(&r->out, "<p class=\"notice\" role=\"status\" id=\"paper-notice\">%s</p>", notice);
	print_links(r, rd, sv->in);
	pending_table(r, rd, es, n);
	if (frozen) {
		html(&r->out, "<p class=\"notice\">%s</p>",
		     tr(r, "De resultaten van deze meetronde zijn al getoond: er kunnen geen formulieren meer "
			   "bij.",
			"The results of this round have been shown: no more forms can be added."));
		page_end(r);
		return;
	}
	error_summary(r);
	html(&r->out, "<h2>%s</h2><p>%s</p>", tr(r, "Een formulier invoeren", "Type in a form"),
	     tr(r, "Eerst voert één persoon het formulier in. Daarna voert een tweede persoon hetzelfde "
		   "formulier nog eens in, zonder de eerste invoer te zien. Pas als beide gelijk zijn, telt "
		   "het formulier mee.",
		"First one person types the form in. Then a second person types the same form again, "
		"without seeing the first. Only when both are the same does the form count."));
	form_begin(r, arena_printf(r->a, "%s/paper", round_path(r, rd)), "stack");
	digits_fields(r, tr(r, "Antwoorden", "Answers"));
	html(&r->out, "<button class=\"primary\" name=\"step\" value=\"enter\">%s</button> "
		      "<button name=\"step\" value=\"check\">%s</button>",
	     tr(r, "Eerste invoer", "First entry"), tr(r, "Controle: tweede invoer", "Check: second entry"));
	form_end(r);
	page_end(r);
}

static bool paper_round(req *r, mround *rd, const survey **sv)
{
	if (!round_load(r, false, rd))
		return false;
	*sv = survey_load(r, rd->version_id);
	return *sv != NULL;
}

/* What the last step did, from the address it redirected to. */
static const char *step_notice(req *r)
{
	static const char *const keys[] = {"entered", "counted", "removed"};
	const char *nl[] = {"Formulier %lld is ingevoerd. Nu voert een tweede persoon het nog eens in.",
			    "Formulier %lld is twee keer gelijk ingevoerd en telt nu mee.",
			    "De invoer van formulier %lld is verwijderd."};
	const char *en[] = {"Form %lld has been typed in. Now a second person types it in again.",
			    "Form %lld was typed in twice the same and now counts.",
			    "The entry of form %lld has been removed."};
	for (int i = 0; i < 3; i++) {
		const char *v = req_query(r, keys[i]);
		int64_t no;
		if (v && parse_int64(v, 1, FORM_NO_MAX, &no))
			return arena_printf(r->a, r->english ? en[i] : nl[i], (long long)no);
	}
	return NULL;
}

void page_round_paper(req *r)
{
	mround rd;
	const survey *sv;
	if (paper_round(r, &rd, &sv))
		paper_page(r, &rd, sv, step_notice(r));
}

/* ---- the printed form ---- */

void page_round_paper_pdf(req *r)
{
	mround rd;
	const survey *sv;
	if (!paper_round(r, &rd, &sv))
		return;
	const char *code = req_query(r, "perspective");
	int p = code ? perspective_from_code(code) : -1;
	if (p < 0) {
		reply_error(r, 400, tr(r, "Kies een rol: ?perspective=student, professional, teacher, researcher, "
					  "citizen, manager of other.",
				       "Choose a role: ?perspective=student, professional, teacher, researcher, "
				       "citizen, manager or other."));
		return;
	}
	const char *large = req_query(r, "large"), *easy = req_query(r, "easy");
	own_statement *os;
	int n_own;
	store_rc rc = store_own_statements(r->st, r->a, rd.id, &os, &n_own);
	if (!ok_or_reply(r, rc))
		return;
	const char **own = ARENA_ARRAY(r->a, const char *, (size_t)n_own + 1);
	for (int i = 0; i < n_own; i++)
		own[i] = r->english ? os[i].text_en : os[i].text_nl;
	paper_form f = {.in = sv->in, .persp = (perspective)p, .workplace = r->wp->name, .round_title = rd.title,
			.form_code = form_code(r, &rd, (perspective)p), .english = r->english,
			.large = large && strcmp(large, "1") == 0, .easy = easy && strcmp(easy, "1") == 0 && sv->in->easy,
			.own = own, .n_own = n_own};
	const char *err;
	buf_reset(&r->out);
	if (!paper_pdf(r->a, &f, &r->out, &err)) {
		buf_reset(&r->out);
		r->log_note = arena_printf(r->a, "paper form: %s", err);
		reply_error(r, 500, NULL);
		return;
	}
	r->status = 200;
	r->content_type = "application/pdf";
	reply_header(r, "Content-Disposition",
		     arena_printf(r->a, "attachment; filename=\"werkplaats-%s-form-%s%s.pdf\"", rd.workplace_slug,
				  f.form_code, f.large ? "-large" : ""));
	r->replied = true;
}

/* ---- typing in ---- */

typedef struct {
	perspective persp;
	int form_no;
	const char *typed;
	const instr_item *items[FORM_ITEMS_MAX]; /* the instrument's, n_shipped of them */
	int values[FORM_ITEMS_MAX];              /* n: the instrument's, then the own statements' */
	int n_shipped;
	const own_statement *own;
	int n_own;
	int n;
} typed_form;

/* The fields of a typed form, checked: on a problem the field has its
 * error (r->nerrors). False after a reply. */
static bool read_form(req *r, const survey *sv, int64_t rd_id, typed_form *t)
{
	int p = -1;
	int64_t no = 0;
	bool ok = field_choice(r, "perspective", persp_codes, &p);
	ok &= field_int(r, "form_no", 1, FORM_NO_MAX, &no);
	ok &= field_text(r, "digits", DIGITS_MAX, true, &t->typed);
	if (!ok)
		return true;
	t->persp = (perspective)p;
	t->form_no = (int)no;
	t->n_shipped = paper_form_items(sv->in, t->persp, t->items, FORM_ITEMS_MAX - OWN_MAX);
	own_statement *os;
	store_rc rc = store_own_statements(r->st, r->a, rd_id, &os, &t->n_own);
	if (!ok_or_reply(r, rc))
		return false;
	t->own = os;
	t->n = t->n_shipped + t->n_own; /* the own statements' boxes follow */
	paper_read pr = paper_parse(t->typed, t->n, t->values);
	if (pr.status == PAPER_BAD_CHAR)
		field_error(r, "digits",
			    arena_printf(r->a, tr(r, "Bij stelling %d staat een teken dat geen antwoord is. Gebruik "
						    "1 tot 5, 0 voor ? en een punt voor leeg.",
						 "At statement %d there is a character that is no answer. Use 1 to 5, "
						 "0 for ? and a full stop for empty."),
					 pr.bad_number));
	else if (pr.status != PAPER_OK)
		field_error(r, "digits",
			    arena_printf(r->a, tr(r, "Je typte %d antwoorden; het formulier voor %s heeft %d "
						    "stellingen. Tel na waar er een ontbreekt of te veel is.",
						 "You typed %d answers; the form for %s has %d statements. Check "
						 "where one is missing or extra."),
					 pr.count, perspective_name(t->persp, r->english), t->n));
	return true;
}

static bool refuse_frozen(req *r, const mround *rd)
{
	bool frozen;
	store_rc rc = figures_round_frozen(r->st, rd, &frozen);
	if (!ok_or_reply(r, rc))
		return true;
	if (frozen)
		reply_error(r, 409, tr(r, "In deze meetronde kunnen geen formulieren meer bij: haar resultaten "
					  "zijn al getoond. Voer ze in bij een nieuwe meetronde.",
				       "No more forms can be added to this round: its results have been shown. "
				       "Type them in for a new round."));
	return frozen;
}

static void first_entry(req *r, const mround *rd, const survey *sv, const typed_form *t)
{
	paper_entry old;
	store_rc rc = store_paper_entry(r->st, r->a, rd->id, t->form_no, &old);
	if (rc == ST_OK) {
		field_error(r, "form_no", arena_printf(r->a, tr(r, "Formulier %d is al ingevoerd. Is het een ander "
								  "formulier? Geef het een eigen nummer. Wil je het "
								  "controleren? Kies dan de tweede invoer.",
							       "Form %d has been typed in already. Another form? "
							       "Give it a number of its own. Checking it? Choose "
							       "the second entry."),
							    t->form_no));
		r->status = 409;
		paper_page(r, rd, sv, NULL);
		return;
	}
	int64_t id;
	if (rc == ST_NOTFOUND)
		rc = store_paper_add(r->st, rd->id, t->form_no, t->persp, t->typed, r->user->id, &id);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, r->wp->id, "paper form entered",
				 arena_printf(r->a, "round %lld: form %d", (long long)rd->id, t->form_no));
	if (!ok_or_reply(r, rc))
		return;
	reply_redirect(r, arena_printf(r->a, "%s/paper?entered=%d", round_path(r, rd), t->form_no));
}

/* Store the agreed form as a sent response of its perspective. */
static store_rc count_form(req *r, const mround *rd, const survey *sv, const typed_form *t)
{
	answer as[FORM_ITEMS_MAX];
	int n = 0;
	for (int i = 0; i < t->n_shipped; i++)
		if (t->values[i] != PAPER_BLANK) {
			as[n].item_id = survey_item_id(sv, t->items[i]->id);
			as[n++].value = t->values[i]; /* 0: don't know */
		}
	own_answer own[OWN_MAX];
	int64_t own_ids[OWN_MAX];
	int n_own = 0;
	for (int i = 0; i < t->n_own && i < OWN_MAX; i++) {
		int v = t->values[t->n_shipped + i];
		own_ids[i] = t->own[i].id;
		if (v != PAPER_BLANK)
			own[n_own++] = (own_answer){t->own[i].id, v};
	}
	char fresh[TOKEN_CHARS + 1];
	token_random(fresh);
	/* nobody holds a token of a paper response: its key is no token's hash */
	int64_t id;
	store_rc rc = store_response_add_sent(r->st, rd->id, t->persp, arena_printf(r->a, "paper-%s", fresh),
					      &sv->layout, as, n, &id);
	if (rc == ST_OK)
		rc = store_response_mark_paper(r->st, id);
	if (rc == ST_OK && t->n_own)
		rc = store_own_answers_replace(r->st, id, own_ids, t->n_own, own, n_own);
	if (rc == ST_OK)
		rc = store_round_answers_changed(r->st, rd->id);
	return rc;
}

static void second_entry(req *r, const mround *rd, const survey *sv, const typed_form *t)
{
	paper_entry first;
	store_rc rc = store_paper_entry(r->st, r->a, rd->id, t->form_no, &first);
	const char *problem = NULL;
	if (rc == ST_NOTFOUND)
		problem = tr(r, "Formulier %d is nog niet ingevoerd: doe eerst de eerste invoer.",
			     "Form %d has not been typed in yet: do the first entry first.");
	else if (rc == ST_OK && first.checked)
		problem = tr(r, "Formulier %d is al gecontroleerd en telt al mee.",
			     "Form %d has been checked already and counts.");
	else if (rc == ST_OK && first.entered_by == r->user->id)
		problem = tr(r, "Formulier %d heb je zelf ingevoerd: een tweede persoon controleert het.",
			     "You typed in form %d yourself: a second person checks it.");
	if (rc != ST_NOTFOUND && !ok_or_reply(r, rc))
		return;
	if (problem) {
		field_error(r, "form_no", arena_printf(r->a, problem, t->form_no));
		r->status = 409;
		paper_page(r, rd, sv, NULL);
		return;
	}
	int before[FORM_ITEMS_MAX], diff[DIFFS_SHOWN];
	paper_read pr = paper_parse(first.digits, t->n, before);
	int differ = pr.status == PAPER_OK && first.persp == t->persp
			     ? paper_compare(before, t->values, t->n, diff, DIFFS_SHOWN)
			     : -1;
	if (differ != 0) {
		buf list;
		buf_init(&list, 256);
		for (int i = 0; i < differ && i < DIFFS_SHOWN; i++)
			buf_printf(&list, "%s%d", i ? ", " : "", diff[i]);
		field_error(r, "digits",
			    differ < 0 ? tr(r, "De eerste invoer van dit formulier had een andere rol. Kijk de rol "
					       "na op het formulier.",
					    "The first entry of this form had another role. Check the role on "
					    "the form.")
				       : arena_printf(r->a, tr(r, "Anders dan de eerste invoer bij stelling %s. Kijk "
								 "die na op het papieren formulier. Was de eerste "
								 "invoer fout? Verwijder die dan en voer het "
								 "formulier opnieuw in.",
							      "Different from the first entry at statement %s. "
							      "Check those on the paper form. Was the first "
							      "entry wrong? Then remove it and type the form in "
							      "again."),
						      list.data ? list.data : ""));
		buf_free(&list);
		r->status = 409;
		paper_page(r, rd, sv, NULL);
		return;
	}
	rc = count_form(r, rd, sv, t);
	if (rc == ST_OK)
		rc = store_paper_checked(r->st, first.id, r->user->id);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, r->wp->id, "paper form counted",
				 arena_printf(r->a, "round %lld: form %d", (long long)rd->id, t->form_no));
	if (!ok_or_reply(r, rc))
		return;
	reply_redirect(r, arena_printf(r->a, "%s/paper?counted=%d", round_path(r, rd), t->form_no));
}

void page_round_paper_post(req *r)
{
	mround rd;
	const survey *sv;
	if (!paper_round(r, &rd, &sv) || refuse_frozen(r, &rd))
		return;
	typed_form t;
	const char *step = form_get(r, "step");
	bool check = step && strcmp(step, "check") == 0;
	if (!read_form(r, sv, rd.id, &t))
		return;
	if (r->nerrors) {
		r->status = 400;
		paper_page(r, &rd, sv, NULL);
		return;
	}
	if (check)
		second_entry(r, &rd, sv, &t);
	else
		first_entry(r, &rd, sv, &t);
}

void page_round_paper_delete(req *r)
{
	mround rd;
	const survey *sv;
	int64_t id;
	if (!paper_round(r, &rd, &sv))
		return;
	if (!parse_int64(r->param[2], 1, INT64_MAX, &id)) {
		reply_error(r, 404, NULL);
		return;
	}
	paper_entry *es;
	int n;
	store_rc rc = store_paper_entries(r->st, r->a, rd.id, &es, &n);
	const paper_entry *e = NULL;
	for (int i = 0; rc == ST_OK && i < n; i++)
		if (es[i].id == id && !es[i].checked)
			e = &es[i];
	if (!ok_or_reply(r, rc))
		return;
	if (!e) {
		reply_error(r, 404, NULL);
		return;
	}
	if (!round_may_change(r) && e->entered_by != r->user->id) {
		reply_error(r, 403, tr(r, "Alleen wie het formulier invoerde of de coördinator kan het verwijderen.",
				       "Only the person who typed the form in, or the coordinator, can remove it."));
		return;
	}
	rc = store_paper_delete(r->st, rd.id, id);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, r->wp->id, "paper form removed",
				 arena_printf(r->a, "round %lld: form %d", (long long)rd.id, e->form_no));
	if (!ok_or_reply(r, rc))
		return;
	reply_redirect(r, arena_printf(r->a, "%s/paper?removed=%d", round_path(r, &rd), e->form_no));
}
