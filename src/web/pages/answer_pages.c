/* answer_pages.c - /r/{token}/p/{n}, /review, /submit: the question pages
 * of a response in progress. One element per page with its plain
 * explanation, then the outcomes, then the triggers. Every page step
 * saves; nothing invalid is ever stored.
 *
 * A round's own statements follow the shipped statements of
 * their element's page; those of the extra section make one more page at
 * the end, which exists only when the round has such statements. Their
 * answers are saved in the same transaction as the page's other answers,
 * into their own table (store_own_answers_replace). */
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "web/answering.h"
#include "web/assets.h"
#include "web/pages/pages.h"

/* The statements and open questions of page n, as the respondent sees it. */
typedef struct {
	const char *title, *intro;
	const instr_item *items[16];
	int n_items;
	const instr_question *open[4];
	int n_open;
	bool triggers;
	const own_statement *own[OWN_MAX]; /* after the items */
	int n_own;
} qpage;

#define PAGE_OWN (SURVEY_PAGES + 1) /* the extra section of own statements */

/* The round's own statements into c; false after replying. */
static bool own_load(req *r, rctx *c)
{
	store_rc rc = store_own_statements(r->st, r->a, c->rd.id, &c->own, &c->n_own);
	return ok_or_reply(r, rc);
}

/* The pages of this response's questionnaire: one more when the round
 * has own statements in the extra section. */
static int pages_of(const rctx *c)
{
	for (int i = 0; i < c->n_own; i++)
		if (c->own[i].section == OWN_EXTRA)
			return PAGE_OWN;
	return SURVEY_PAGES;
}

static void own_of_section(const rctx *c, int section, qpage *p)
{
	for (int i = 0; i < c->n_own && p->n_own < OWN_MAX; i++)
		if (c->own[i].section == section)
			p->own[p->n_own++] = &c->own[i];
}

static const char *own_text(const own_statement *o, bool en)
{
	return en ? o->text_en : o->text_nl;
}

static void page_contents(const rctx *c, int n, bool en, qpage *p)
{
	const instrument *in = c->sv->in;
	memset(p, 0, sizeof *p);
	perspective who = c->resp.persp;
	bool easy = c->resp.easy;
	if (n <= EL_COUNT) {
		const instr_element *el = &in->elements[n - 1];
		p->title = wp_text_get(&el->name, en);
		p->intro = wp_text_or_easy(&el->explanation, &el->easy_explanation, easy, en);
		for (size_t i = 0; i < el->n_items && p->n_items < 16; i++)
			if (instr_item_shown_to(&el->items[i], who))
				p->items[p->n_items++] = &el->items[i];
		for (size_t i = 0; i < el->n_open && p->n_open < 4; i++)
			p->open[p->n_open++] = &el->open[i];
		own_of_section(c, n - 1, p);
	} else if (n == PAGE_OWN) {
		p->title = en ? "Own statements" : "Eigen stellingen";
		p->intro = en ? "Statements your workplace added itself." : "Stellingen die jullie werkplaats zelf toevoegde.";
		own_of_section(c, OWN_EXTRA, p);
	} else if (n == PAGE_OUTCOMES) {
		p->title = en ? "What the workplace yields" : "Wat de werkplaats oplevert";
		if (easy)
			p->intro = en ? "What does the workplace bring? These questions are about that."
				      : "Wat levert de werkplaats op? Daar gaan deze vragen over.";
		else
			p->intro = en ? "Professional workplaces aim at five kinds of results. How far is "
					"your workplace with each of them?"
				      : "Professionele werkplaatsen willen vijf soorten resultaten bereiken. "
					"Hoe ver is jullie werkplaats daarmee?";
		for (int o = 0; o < OUT_COUNT; o++) {
			const instr_outcome *oc = &in->outcomes[o];
			for (size_t i = 0; i < oc->n_items && p->n_items < 16; i++)
				if (instr_item_shown_to(&oc->items[i], who))
					p->items[p->n_items++] = &oc->items[i];
		}
	} else {
		p->title = en ? "Why the workplace exists" : "Waarom de werkplaats er is";
		p->intro = wp_text_or_easy(&in->triggers.question, &in->triggers.easy_question, easy, en);
		p->triggers = true;
		p->open[p->n_open++] = &in->triggers.open;
	}
}

static int page_number(req *r, const rctx *c)
{
	int64_t n;
	if (!parse_int64(r->param[1], 1, pages_of(c), &n)) {
		reply_error(r, 404, NULL);
		return 0;
	}
	return (int)n;
}

/* Current answers of the response, by item id. */
static int answer_of(const answer *as, int n, int64_t item_id)
{
	for (int i = 0; i < n; i++)
		if (as[i].item_id == item_id)
			return as[i].value;
	return -1; /* not answered */
}

static const char *comment_of(const comment *cs, int n, int64_t item_id)
{
	for (int i = 0; i < n; i++)
		if (cs[i].item_id == item_id)
			return cs[i].text;
	return "";
}

/* The five points and "don't know" of a statement whose field is `name`;
 * in easy-read with faces beside the words (decorative: the words say it). */
static void scale(req *r, rctx *c, const char *name, bool easy, int current)
{
	const instr_scale *sc = &c->sv->in->scale;
	html(&r->out, "<div class=\"scale\">");
	for (int v = 1; v <= 5; v++) {
		html(&r->out, "<label class=\"opt\"><input type=\"radio\" name=\"%s\" value=\"%d\"%s>",
		     name, v, current == v ? " checked" : "");
		if (easy)
			html(&r->out, "<img class=\"face\" src=\"/static/face-%d.svg?v=%s\" width=\"40\" "
				      "height=\"40\" alt=\"\">", v, asset_version());
		html(&r->out, "<span>%s</span></label>",
		     wp_text_or_easy(&sc->labels[v - 1], &sc->easy_labels[v - 1], easy, r->english));
	}
	html(&r->out, "<label class=\"opt dk\"><input type=\"radio\" name=\"%s\" value=\"dk\"%s>"
		      "<span>%s</span></label></div>",
	     name, current == 0 ? " checked" : "",
	     wp_text_or_easy(&sc->dont_know, &sc->easy_dont_know, easy, r->english));
}

/* In easy-read, a statement has its pictogram (with a text for screen
 * readers). */
static void statement(req *r, rctx *c, const instr_item *it, int number, int current)
{
	bool easy = c->resp.easy && it->easy.nl;
	html(&r->out, "<fieldset class=\"statement%s\"><legend><span class=\"num\">%d.</span> ",
	     easy ? " easy" : "", number);
	if (easy && it->picto)
		html(&r->out, "<img class=\"picto\" src=\"/static/picto-%s.svg?v=%s\" width=\"48\" "
			      "height=\"48\" alt=\"%s\"> ",
		     it->picto->name, asset_version(), r->english ? it->picto->alt_en : it->picto->alt_nl);
	html(&r->out, "%s</legend>", wp_text_or_easy(&it->text, &it->easy, easy, r->english));
	scale(r, c, it->id, easy, current);
	html(&r->out, "</fieldset>");
}

/* The field of an own statement: "own-" and its id. */
static const char *own_field(req *r, const own_statement *o)
{
	return arena_printf(r->a, "own-%lld", (long long)o->id);
}

/* An own statement, as written (also in easy-read: the workplace wrote it). */
static void own_statement_block(req *r, rctx *c, const own_statement *o, int number, int current)
{
	bool easy = c->resp.easy;
	html(&r->out, "<fieldset class=\"statement own%s\"><legend><span class=\"num\">%d.</span> %s "
		      "<small class=\"own-mark\">%s</small></legend>",
	     easy ? " easy" : "", number, own_text(o, r->english),
	     tr(r, "(vraag van de werkplaats zelf)", "(a question of the workplace itself)"));
	scale(r, c, own_field(r, o), easy, current);
	html(&r->out, "</fieldset>");
}

static void triggers_block(req *r, rctx *c, unsigned mask)
{
	const instr_triggers *t = &c->sv->in->triggers;
	bool easy = c->resp.easy;
	html(&r->out, "<fieldset class=\"statement\"><legend>%s</legend><p class=\"hint\">%s</p>"
		      "<div class=\"scale choices\">",
	     wp_text_or_easy(&t->question, &t->easy_question, easy, r->english),
	     tr(r, "Kies wat past; meer dan één mag.", "Choose what fits; more than one is fine."));
	for (int k = 0; k < TRIG_COUNT; k++)
		html(&r->out, "<label class=\"opt\"><input type=\"checkbox\" name=\"trigger\" value=\"%s\"%s>"
			      "<span>%s</span></label>",
		     trigger_code((trigger_kind)k), mask & (1u << k) ? " checked" : "",
		     wp_text_or_easy(&t->options[k], &t->easy_options[k], easy, r->english));
	html(&r->out, "</div></fieldset>");
}

/* The saved answers of a response. */
typedef struct {
	answer *as;
	comment *cs;
	own_answer *os;
	int nas, ncs, nos;
	unsigned mask;
} saved;

static int own_answer_of(const own_answer *os, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (os[i].statement_id == id)
			return os[i].value;
	return -1;
}

static bool load_saved(req *r, rctx *c, saved *sv)
{
	store_rc rc = store_response_answers(r->st, r->a, c->resp.id, &c->sv->layout, &sv->as, &sv->nas);
	if (rc == ST_OK)
		rc = store_response_comments(r->st, r->a, c->resp.id, &sv->cs, &sv->ncs);
	if (rc == ST_OK)
		rc = store_response_triggers(r->st, c->resp.id, &sv->mask);
	if (rc == ST_OK)
		rc = store_own_answers(r->st, r->a, c->resp.id, &sv->os, &sv->nos);
	return ok_or_reply(r, rc);
}

static void open_question(req *r, rctx *c, const saved *sv, const instr_question *q)
{
	const char *sent = r->post ? form_get(r, q->id) : NULL;
	const char *err = field_error_for(r, q->id);
	html(&r->out, "<div class=\"field open-question%s\"><label for=\"f-%s\">%s %s</label>",
	     err ? " invalid" : "", q->id, wp_text_or_easy(&q->text, &q->easy, c->resp.easy, r->english),
	     tr(r, "(optioneel)", "(optional)"));
	if (err)
		html(&r->out, "<p class=\"field-error\" id=\"e-%s\">%s</p>", q->id, err);
	html(&r->out, "<textarea id=\"f-%s\" name=\"%s\" rows=\"3\" maxlength=\"%d\"", q->id, q->id,
	     COMMENT_MAX);
	if (err)
		html(&r->out, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", q->id);
	html(&r->out, ">%s</textarea></div>",
	     sent ? sent : comment_of(sv->cs, sv->ncs, survey_item_id(c->sv, q->id)));
}

/* The questions of pages first..last, numbered across the questionnaire. */
static void page_questions(req *r, rctx *c, const saved *sv, int first, int last)
{
	int number = 1;
	for (int n = 1; n <= last; n++) {
		qpage p;
		page_contents(c, n, r->english, &p);
		if (n < first) {
			number += p.n_items + p.n_own;
			continue;
		}
		if (first != last)
			html(&r->out, "<h2>%s</h2><p class=\"element-intro\">%s</p>", p.title, p.intro);
		for (int i = 0; i < p.n_items; i++)
			statement(r, c, p.items[i], number++,
				  answer_of(sv->as, sv->nas, survey_item_id(c->sv, p.items[i]->id)));
		for (int i = 0; i < p.n_own; i++)
			own_statement_block(r, c, p.own[i], number++, own_answer_of(sv->os, sv->nos, p.own[i]->id));
		if (p.triggers)
			triggers_block(r, c, sv->mask);
		for (int i = 0; i < p.n_open; i++)
			open_question(r, c, sv, p.open[i]);
	}
}

static void render_page(req *r, rctx *c, int n)
{
	qpage p;
	saved sv;
	if (!load_saved(r, c, &sv))
		return;
	page_contents(c, n, r->english, &p);
	answer_begin(r, c, p.title);
	html(&r->out, "<div class=\"narrow questionnaire\"><div class=\"progress\">"
		      "<progress max=\"%d\" value=\"%d\" aria-labelledby=\"progress-text\"></progress>"
		      "<span id=\"progress-text\">%s</span></div>",
	     pages_of(c), n,
	     arena_printf(r->a, tr(r, "Onderdeel %d van %d", "Part %d of %d"), n, pages_of(c)));
	html(&r->out, "<h1>%s</h1>", p.title);
	answer_again_notice(r);
	html(&r->out, "<p class=\"element-intro\">%s</p>", p.intro);
	error_summary(r);
	form_begin(r, arena_printf(r->a, "/r/%s/p/%d", c->token, n), "stack");
	page_questions(r, c, &sv, n, n);
	/* Enter in a field submits with the form's first button: make that
	 * "next", not "back" (a copy hidden from sight, the tab order and
	 * screen readers). */
	if (n > 1)
		html(&r->out, "<button class=\"visually-hidden\" name=\"go\" value=\"next\" tabindex=\"-1\" "
			      "aria-hidden=\"true\">%s</button>", tr(r, "Volgende", "Next"));
	html(&r->out, "<div class=\"nav-buttons\">");
	if (n > 1)
		html(&r->out, "<button name=\"go\" value=\"back\">%s</button>", tr(r, "Vorige", "Back"));
	html(&r->out, "<button class=\"primary\" name=\"go\" value=\"next\">%s</button></div>",
	     n < pages_of(c) ? tr(r, "Volgende", "Next") : tr(r, "Naar versturen", "Go to sending"));
	form_end(r);
	if (n == 1)
		html(&r->out, "<p class=\"hint\"><a href=\"/r/%s/all\">%s</a></p>", c->token,
		     tr(r, "Liever alle vragen op één pagina?", "Prefer all questions on one page?"));
	answer_resume_hint(r, c);
	html(&r->out, "</div>");
	page_end(r);
}

/* Statements of page p answered in as (don't know counts as answered). */
static int answered_on(const rctx *c, const qpage *p, const answer *as, int nas)
{
	int done = 0;
	for (int i = 0; i < p->n_items; i++)
		done += answer_of(as, nas, survey_item_id(c->sv, p->items[i]->id)) >= 0;
	return done;
}

/* The elements of which not one statement is answered in as (the whole
 * questionnaire's answers as just saved: what the response holds now,
 * also while its writes are only planned), as "LOS, VOR", or NULL when
 * every element has an answer. */
static const char *empty_elements(req *r, rctx *c, const answer *as, int nas)
{
	buf names;
	buf_init(&names, 256);
	for (int n = 1; n <= EL_COUNT; n++) {
		qpage p;
		page_contents(c, n, r->english, &p);
		if (p.n_items && !answered_on(c, &p, as, nas))
			buf_printf(&names, "%s%s", names.len ? ", " : "", element_code_str((element_code)(n - 1)));
	}
	const char *out = names.len ? arena_strdup(r->a, buf_cstr(&names)) : NULL;
	buf_free(&names);
	return out;
}

static void render_all_warned(req *r, rctx *c, const char *empty);

static void render_all(req *r, rctx *c)
{
	render_all_warned(r, c, NULL);
}

/* The one-page questionnaire; `empty` names elements left wholly
 * unanswered when sending was asked for: then a warning and a button to
 * send anyway. */
static void render_all_warned(req *r, rctx *c, const char *empty)
{
	saved sv;
	if (!load_saved(r, c, &sv))
		return;
	const char *title = wp_text_get(&c->sv->in->title, r->english);
	answer_begin(r, c, title);
	html(&r->out, "<div class=\"narrow questionnaire\"><h1>%s</h1>", title);
	answer_again_notice(r);
	if (req_query(r, "saved"))
		html(&r->out, "<p class=\"notice\" role=\"status\">%s</p>",
		     tr(r, "Je antwoorden zijn bewaard.", "Your answers have been saved."));
	error_summary(r);
	if (empty)
		html(&r->out, "<div class=\"notice warning\" role=\"alert\" id=\"empty-elements\"><p>%s</p></div>",
		     arena_printf(r->a, tr(r, "Nog niet verstuurd: van %s heb je geen enkele stelling "
					      "beantwoord. Je antwoorden zijn bewaard. Vul ze hieronder "
					      "aan, of verstuur toch.",
					   "Not sent yet: you answered no statement at all of %s. Your "
					   "answers are saved. Add to them below, or send anyway."),
				  empty));
	form_begin(r, arena_printf(r->a, "/r/%s/all", c->token), "stack");
	page_questions(r, c, &sv, 1, pages_of(c));
	html(&r->out, "<div class=\"nav-buttons\"><button name=\"go\" value=\"save\">%s</button>"
		      "<button class=\"primary\" name=\"go\" value=\"%s\">%s</button></div>",
	     tr(r, "Bewaren, later verder", "Save, continue later"), empty ? "send-anyway" : "submit",
	     empty ? tr(r, "Toch versturen", "Send anyway") : tr(r, "Versturen", "Send"));
	form_end(r);
	html(&r->out, "<p class=\"hint\"><a href=\"/r/%s/p/1\">%s</a></p>", c->token,
	     tr(r, "Liever één onderdeel per pagina?", "Prefer one part per page?"));
	answer_resume_hint(r, c);
	html(&r->out, "</div>");
	page_end(r);
}

void page_r_page(req *r)
{
	rctx c;
	int n;
	if (!answer_resolve(r, &c) || !answer_need_progress(r, &c) || !own_load(r, &c) || !(n = page_number(r, &c)))
		return;
	render_page(r, &c, n);
}

void page_r_all(req *r)
{
	rctx c;
	if (!answer_resolve(r, &c) || !answer_need_progress(r, &c) || !own_load(r, &c))
		return;
	render_all(r, &c);
}

/* The fields of a range of pages, found by name in one pass over the form
 * (a whole questionnaire has some 60 fields: comparing every field with
 * every name would cost thousands of string comparisons per request). */
#define NAME_SLOTS 512 /* a power of two, over twice the most names of all pages */

#define OWN_SLOT 100000 /* name_slot.item of own statement k: OWN_SLOT + k */

typedef struct {
	const char *name;
	int item; /* index of a statement among the pages' (own ones from
		   * OWN_SLOT), or -1: another known field */
} name_slot;

typedef struct {
	name_slot slot[NAME_SLOTS];
	const instr_item *items[SURVEY_PAGES * 16];
	const char *value[SURVEY_PAGES * 16]; /* as sent, or NULL */
	int count[SURVEY_PAGES * 16];         /* how often sent */
	int n_items;
	const own_statement *own[OWN_MAX];
	const char *own_value[OWN_MAX];
	int own_count[OWN_MAX];
	int n_own;
} page_fields;

static name_slot *name_find(page_fields *f, const char *name)
{
	unsigned h = 2166136261u; /* FNV-1a */
	for (const char *c = name; *c; c++)
		h = (h ^ (unsigned char)*c) * 16777619u;
	for (unsigned i = 0;; i++) {
		name_slot *sl = &f->slot[(h + i) & (NAME_SLOTS - 1)];
		if (!sl->name || strcmp(sl->name, name) == 0)
			return sl;
	}
}

static void name_add(page_fields *f, const char *name, int item)
{
	name_slot *sl = name_find(f, name);
	sl->name = name;
	sl->item = item;
}

static void fields_of(req *r, const qpage *pages, int np, page_fields *f)
{
	memset(f, 0, sizeof *f);
	name_add(f, "csrf", -1);
	name_add(f, "go", -1);
	for (int k = 0; k < np; k++) {
		const qpage *p = &pages[k];
		if (p->triggers)
			name_add(f, "trigger", -1);
		for (int i = 0; i < p->n_open; i++)
			name_add(f, p->open[i]->id, -1);
		for (int i = 0; i < p->n_items; i++) {
			f->items[f->n_items] = p->items[i];
			name_add(f, p->items[i]->id, f->n_items++);
		}
		for (int i = 0; i < p->n_own && f->n_own < OWN_MAX; i++) {
			f->own[f->n_own] = p->own[i];
			name_add(f, own_field(r, p->own[i]), OWN_SLOT + f->n_own++);
		}
	}
}

static void bad_answer(req *r, const char *what);

/* Every field of the form belongs on the pages: false after replying 400. */
static bool read_fields(req *r, page_fields *f)
{
	for (int i = 0; i < r->form.n; i++) {
		name_slot *sl = name_find(f, r->form.v[i].key);
		if (!sl->name) {
			bad_answer(r, tr(r, "Het formulier bevat een vraag die niet op deze pagina hoort.",
					 "The form contains a question that does not belong on this page."));
			return false;
		}
		if (sl->item >= OWN_SLOT) {
			f->own_value[sl->item - OWN_SLOT] = r->form.v[i].val;
			f->own_count[sl->item - OWN_SLOT]++;
		} else if (sl->item >= 0) {
			f->value[sl->item] = r->form.v[i].val;
			f->count[sl->item]++;
		}
	}
	return true;
}

static void bad_answer(req *r, const char *what)
{
	reply_error(r, 400, arena_printf(r->a, "%s %s", what,
					 tr(r, "Er is niets opgeslagen. Ga terug en probeer het opnieuw.",
					    "Nothing was saved. Go back and try again.")));
}

/* The answer given to a statement, sent `count` times (the last as
 * `sent`): false after replying 400. */
static bool read_value(req *r, const char *sent, int count, bool *given, int *value)
{
	int64_t v = 0;
	*given = count > 0;
	if (count > 1 || (sent && strcmp(sent, "dk") != 0 && !parse_int64(sent, 1, 5, &v))) {
		bad_answer(r, tr(r, "Een antwoord valt buiten de schaal van 1 tot en met 5.",
				 "An answer is outside the scale of 1 to 5."));
		return false;
	}
	*value = (int)v; /* 0: don't know, stored as missing */
	return true;
}

static bool read_triggers(req *r, unsigned *mask)
{
	int nt;
	const char **trig = form_all(r, "trigger", &nt);
	*mask = 0;
	for (int i = 0; i < nt; i++) {
		int k = trigger_from_code(trig[i]);
		if (k < 0) {
			bad_answer(r, tr(r, "Een gekozen aanleiding bestaat niet.", "A chosen reason does not exist."));
			return false;
		}
		*mask |= 1u << k;
	}
	return true;
}

/* Check every field of pages first..last, then store them all; *out
 * and *nout (when not NULL) get the answers given. With field errors
 * (r->nerrors) nothing is stored; false after replying 400 to hostile
 * input (nothing stored either). */
static bool save_pages(req *r, rctx *c, int first, int last, answer **out, int *nout)
{
	qpage pages[PAGE_OWN];
	int np = 0, cap = 0;
	for (int n = first; n <= last; n++) {
		page_contents(c, n, r->english, &pages[np]);
		cap += pages[np++].n_items;
	}
	page_fields *f = ARENA_NEW(r->a, page_fields);
	fields_of(r, pages, np, f);
	if (!read_fields(r, f))
		return false;
	answer *as = ARENA_ARRAY(r->a, answer, (size_t)cap + 1);
	int64_t *ids = ARENA_ARRAY(r->a, int64_t, (size_t)cap + 1);
	int nas = 0, nids = 0;
	bool has_triggers = false;
	for (int k = 0; k < np; k++)
		has_triggers |= pages[k].triggers;
	for (int i = 0; i < f->n_items; i++) {
		bool given;
		int v;
		ids[nids++] = survey_item_id(c->sv, f->items[i]->id);
		if (!read_value(r, f->value[i], f->count[i], &given, &v))
			return false;
		if (given) {
			as[nas].item_id = ids[nids - 1];
			as[nas++].value = v;
		}
	}
	own_answer own[OWN_MAX];
	int64_t own_ids[OWN_MAX];
	int n_own = 0;
	for (int i = 0; i < f->n_own; i++) {
		bool given;
		int v;
		own_ids[i] = f->own[i]->id;
		if (!read_value(r, f->own_value[i], f->own_count[i], &given, &v))
			return false;
		if (given)
			own[n_own++] = (own_answer){f->own[i]->id, v};
	}
	unsigned mask;
	if (!read_triggers(r, &mask))
		return false;
	const char *texts[PAGE_OWN][4];
	for (int k = 0; k < np; k++)
		for (int i = 0; i < pages[k].n_open; i++)
			field_multiline(r, pages[k].open[i]->id, COMMENT_MAX, false, &texts[k][i]);
	if (r->nerrors)
		return true;
	if (out) {
		*out = as;
		*nout = nas;
	}
	/* The whole questionnaire: everything stored for the response is
	 * replaced, so one delete per table does (a fresh response has
	 * nothing to delete, and empty comments need no statement at all). */
	bool whole = first == 1 && last == pages_of(c);
	store_rc rc = whole ? store_response_clear_extras(r->st, c->resp.id) : ST_OK;
	if (rc == ST_OK)
		rc = store_answers_replace(r->st, c->resp.id, &c->sv->layout, whole ? NULL : ids, nids, as, nas);
	if (rc == ST_OK && f->n_own)
		rc = store_own_answers_replace(r->st, c->resp.id, own_ids, f->n_own, own, n_own);
	for (int k = 0; k < np; k++)
		for (int i = 0; i < pages[k].n_open && rc == ST_OK; i++)
			if (!whole || *texts[k][i])
				rc = store_comment_set(r->st, c->resp.id,
						       survey_item_id(c->sv, pages[k].open[i]->id), texts[k][i]);
	if (rc == ST_OK && has_triggers && (!whole || mask))
		rc = store_response_triggers_set(r->st, c->resp.id, mask);
	if (!ok_or_reply(r, rc))
		return false;
	return true;
}

static const char *next_location(req *r, rctx *c, int n, int *next_page)
{
	const char *go = form_get(r, "go");
	if (go && strcmp(go, "back") == 0 && n > 1) {
		*next_page = n - 1;
		return arena_printf(r->a, "/r/%s/p/%d", c->token, n - 1);
	}
	*next_page = n + 1;
	if (n == pages_of(c))
		return arena_printf(r->a, "/r/%s/review", c->token);
	return arena_printf(r->a, "/r/%s/p/%d", c->token, n + 1);
}

void page_r_save(req *r)
{
	rctx c;
	int n;
	if (!answer_resolve(r, &c) || !answer_need_progress(r, &c) || !own_load(r, &c) || !(n = page_number(r, &c)))
		return;
	if (!save_pages(r, &c, n, n, NULL, NULL))
		return;
	if (r->nerrors) {
		r->status = 400;
		render_page(r, &c, n);
		return;
	}
	int next_page;
	const char *loc = next_location(r, &c, n, &next_page);
	store_rc rc = store_response_set_page(r->st, c.resp.id,
					      next_page > c.resp.page ? next_page : c.resp.page,
					      r->english ? "en" : "nl");
	if (!ok_or_reply(r, rc))
		return;
	reply_redirect(r, loc);
}

void page_r_review(req *r)
{
	rctx c;
	if (!answer_resolve(r, &c) || !answer_need_progress(r, &c) || !own_load(r, &c))
		return;
	answer *as;
	own_answer *os = NULL;
	int nas, nos = 0;
	store_rc rc = store_response_answers(r->st, r->a, c.resp.id, &c.sv->layout, &as, &nas);
	if (rc == ST_OK)
		rc = store_own_answers(r->st, r->a, c.resp.id, &os, &nos);
	if (!ok_or_reply(r, rc))
		return;
	answer_begin(r, &c, tr(r, "Versturen", "Send"));
	html(&r->out, "<div class=\"narrow\"><h1>%s</h1>", tr(r, "Klaar om te versturen?", "Ready to send?"));
	answer_again_notice(r);
	html(&r->out, "<ul class=\"plain review\">");
	int total = 0, answered = 0;
	for (int n = 1; n <= pages_of(&c); n++) {
		qpage p;
		page_contents(&c, n, r->english, &p);
		int done = answered_on(&c, &p, as, nas);
		for (int i = 0; i < p.n_own; i++)
			done += own_answer_of(os, nos, p.own[i]->id) >= 0;
		p.n_items += p.n_own;
		total += p.n_items;
		answered += done;
		html(&r->out, "<li><a href=\"/r/%s/p/%d\">%s</a>", c.token, n, p.title);
		if (p.n_items)
			html(&r->out, " <span class=\"meta\">%s</span>",
			     arena_printf(r->a, tr(r, "%d van %d beantwoord", "%d of %d answered"), done,
					  p.n_items));
		html(&r->out, "</li>");
	}
	html(&r->out, "</ul><p>%s</p>",
	     arena_printf(r->a, tr(r, "Je hebt %d van de %d stellingen beantwoord. Je kunt nog terug "
				      "om iets aan te vullen of te veranderen.",
				   "You answered %d of the %d statements. You can still go back to add "
				   "or change something."),
			  answered, total));
	form_begin(r, arena_printf(r->a, "/r/%s/submit", c.token), "stack");
	html(&r->out, "<div class=\"nav-buttons\"><a class=\"button\" href=\"/r/%s/p/%d\">%s</a>"
		      "<button class=\"primary\">%s</button></div>",
	     c.token, pages_of(&c), tr(r, "Vorige", "Back"), tr(r, "Versturen", "Send"));
	form_end(r);
	answer_resume_hint(r, &c);
	html(&r->out, "</div>");
	page_end(r);
}

/* Mark the response sent: for a personal link only when its invitation
 * has no sent response yet. False after replying. */
static bool submit_response(req *r, rctx *c)
{
	if (c->resp.resumable && !open_gate_count(r, &c->rd, OPEN_SUBMIT))
		return false;
	invitation inv;
	char h[HASH_HEX + 1];
	token_hash("invite", c->token, h);
	/* an open link's response (resumable) has no invitation: its address
	 * is a fresh random token, never an invitation's */
	store_rc rc = c->resp.resumable ? ST_NOTFOUND : store_invitation_by_token(r->st, r->a, h, &inv);
	if (rc == ST_OK && inv.responded) {
		reply_error(r, 409, tr(r, "Met deze uitnodiging is al een antwoord verstuurd.",
				       "A response has already been sent with this invitation."));
		return false;
	}
	if (rc == ST_OK)
		rc = store_invitation_mark_responded(r->st, inv.id);
	else if (rc == ST_NOTFOUND)
		rc = ST_OK;
	if (rc == ST_OK)
		rc = store_response_submit(r->st, c->resp.id);
	if (!ok_or_reply(r, rc))
		return false;
	if (c->resp.resumable)
		open_gate_remember_sent(r, &c->rd);
	return true;
}

static bool already_sent(req *r, rctx *c)
{
	if (c->kind != T_RESPONSE || !c->resp.submitted)
		return false;
	reply_error(r, 409, tr(r, "Deze antwoorden zijn al verstuurd. Ze tellen één keer mee.",
			       "These answers have already been sent. They count once."));
	return true;
}

void page_r_submit(req *r)
{
	rctx c;
	if (!answer_resolve(r, &c) || already_sent(r, &c) || !answer_need_progress(r, &c))
		return;
	if (submit_response(r, &c))
		reply_redirect(r, arena_printf(r->a, "/r/%s", c.token));
}

/* All questions at once: save, and send when asked. */
void page_r_all_save(req *r)
{
	rctx c;
	if (!answer_resolve(r, &c) || already_sent(r, &c) || !answer_need_progress(r, &c) || !own_load(r, &c))
		return;
	answer *as;
	int nas;
	if (!save_pages(r, &c, 1, pages_of(&c), &as, &nas))
		return;
	if (r->nerrors) {
		r->status = 400;
		render_all(r, &c);
		return;
	}
	const char *go = form_get(r, "go");
	bool anyway = go && strcmp(go, "send-anyway") == 0;
	if (go && (anyway || strcmp(go, "submit") == 0)) {
		/* a whole element left out is worth a word before sending (the
		 * paged version shows it on its review page) */
		const char *empty = anyway ? NULL : empty_elements(r, &c, as, nas);
		if (empty)
			render_all_warned(r, &c, empty);
		else if (submit_response(r, &c))
			reply_redirect(r, arena_printf(r->a, "/r/%s", c.token));
		return;
	}
	reply_redirect(r, arena_printf(r->a, "/r/%s/all?saved=1", c.token));
}
