/* own_statements.c - /pw/{slug}/rounds/{id}/own: a workplace's own
 * statements in a round. A coordinator adds up to OWN_MAX,
 * under an element or in the extra section, in Dutch and English, and can
 * change, reorder or remove them, or take over those of the previous
 * round, only while the round has not opened: once people can answer,
 * the statements are frozen. The rules of a text are the domain's
 * (src/domain/own_statement.h). */
#include <string.h>

#include "base/util.h"
#include "domain/own_statement.h"
#include "figures/figures.h"
#include "web/pages/pages.h"
#include "web/round_view.h"

static const char *const section_codes[OWN_EXTRA + 2] = {"LOS", "SRI", "GOC", "VOR", "LEA", "VMM", "extra", NULL};

static const char *section_name(req *r, int section)
{
	if (section == OWN_EXTRA)
		return tr(r, "Eigen stellingen (extra onderdeel)", "Own statements (extra section)");
	return arena_printf(r->a, "%s · %s", element_code_str((element_code)section),
			    element_name((element_code)section, r->english));
}

/* The coordinator's round, with its statements. */
static bool own_round(req *r, mround *rd, own_statement **os, int *n)
{
	if (!round_load(r, true, rd))
		return false;
	store_rc rc = store_own_statements(r->st, r->a, rd->id, os, n);
	return ok_or_reply(r, rc);
}

static bool changeable(const mround *rd)
{
	return round_state_of(rd) == ROUND_NOT_YET;
}

static void list_row_actions(req *r, const mround *rd, const own_statement *o, int i, int n)
{
	const char *base = arena_printf(r->a, "%s/own/%lld", round_path(r, rd), (long long)o->id);
	html(&r->out, "<td class=\"row-actions\"><a href=\"%s/own?edit=%lld#own-form\">%s</a> ", round_path(r, rd),
	     (long long)o->id, tr(r, "Wijzigen", "Change"));
	if (i > 0) {
		form_begin(r, arena_printf(r->a, "%s/move", base), "inline");
		html(&r->out, "<input type=\"hidden\" name=\"dir\" value=\"up\"><button>%s</button>",
		     tr(r, "Omhoog", "Up"));
		form_end(r);
	}
	if (i + 1 < n) {
		form_begin(r, arena_printf(r->a, "%s/move", base), "inline");
		html(&r->out, "<input type=\"hidden\" name=\"dir\" value=\"down\"><button>%s</button>",
		     tr(r, "Omlaag", "Down"));
		form_end(r);
	}
	form_begin(r, arena_printf(r->a, "%s/delete", base), "inline");
	html(&r->out, "<button>%s</button>", tr(r, "Verwijderen", "Remove"));
	form_end(r);
	html(&r->out, "</td>");
}

static void list_table(req *r, const mround *rd, const own_statement *os, int n, bool change)
{
	if (!n) {
		html(&r->out, "<p id=\"own-none\">%s</p>",
		     tr(r, "Deze meetronde heeft nog geen eigen stellingen.", "This round has no own statements yet."));
		return;
	}
	html(&r->out, "<div class=\"table-wrap\"><table id=\"own-list\"><thead><tr><th scope=\"col\">%s</th>"
		      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
	     tr(r, "Kolom", "Column"), tr(r, "Onderdeel", "Section"), tr(r, "Nederlands", "Dutch"),
	     tr(r, "Engels", "English"));
	if (change)
		html(&r->out, "<th scope=\"col\"><span class=\"visually-hidden\">%s</span></th>",
		     tr(r, "Wijzigen", "Change"));
	html(&r->out, "</tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		html(&r->out, "<tr><td>%s%d</td><td>%s</td><td lang=\"nl\">%s</td><td lang=\"en\">%s</td>", OWN_PREFIX,
		     i + 1, section_name(r, os[i].section), os[i].text_nl, os[i].text_en);
		if (change)
			list_row_actions(r, rd, &os[i], i, n);
		html(&r->out, "</tr>");
	}
	html(&r->out, "</tbody></table></div>");
}

/* The form to add a statement, or to change `editing` (may be NULL). */
static void statement_form(req *r, const mround *rd, const own_statement *editing)
{
	const char *labels[OWN_EXTRA + 1];
	for (int s = 0; s <= OWN_EXTRA; s++)
		labels[s] = section_name(r, s);
	html(&r->out, "<h2 id=\"own-form\">%s</h2>",
	     editing ? tr(r, "Stelling wijzigen", "Change a statement") : tr(r, "Stelling toevoegen", "Add a statement"));
	error_summary(r);
	form_begin(r, editing ? arena_printf(r->a, "%s/own/%lld/edit", round_path(r, rd), (long long)editing->id)
			      : arena_printf(r->a, "%s/own", round_path(r, rd)),
		   "stack");
	select_field(r, "section", tr(r, "Onderdeel", "Section"), section_codes, labels, OWN_EXTRA + 1,
		     editing ? own_section_code(editing->section) : "extra",
		     tr(r, "Onder een element staat de stelling na de stellingen van dat element; anders in een "
			   "eigen onderdeel aan het eind.",
			"Under an element the statement follows that element's statements; otherwise it is in "
			"a section of its own at the end."));
	const char *hint = tr(r, "Ten hoogste 160 tekens en 25 woorden, op één regel, zonder dubbele ontkenning.",
			      "At most 160 characters and 25 words, on one line, without a double negative.");
	input_field(r, "text", "text_nl", tr(r, "Tekst in het Nederlands", "Text in Dutch"),
		    editing ? editing->text_nl : NULL, hint, true);
	input_field(r, "text", "text_en", tr(r, "Tekst in het Engels", "Text in English"),
		    editing ? editing->text_en : NULL, hint, true);
	html(&r->out, "<button class=\"primary\">%s</button>", editing ? tr(r, "Bewaren", "Save") : tr(r, "Toevoegen", "Add"));
	if (editing)
		html(&r->out, " <a href=\"%s/own\">%s</a>", round_path(r, rd), tr(r, "Annuleren", "Cancel"));
	form_end(r);
}

static void copy_offer(req *r, const mround *rd, int n)
{
	int64_t from;
	int count;
	store_rc rc = store_own_previous_round(r->st, rd->id, &from, &count);
	if (rc != ST_OK || n + count > OWN_MAX)
		return;
	html(&r->out, "<h2>%s</h2><p>%s</p>", tr(r, "Dezelfde vragen als vorige keer", "The same questions as last time"),
	     arena_printf(r->a, tr(r, "De vorige meetronde had %d eigen stelling(en). Neem ze over om de "
				      "ontwikkeling van jaar tot jaar te volgen.",
				   "The previous round had %d own statement(s). Copy them to follow the "
				   "development year after year."),
			  count));
	form_begin(r, arena_printf(r->a, "%s/own/copy", round_path(r, rd)), "inline");
	html(&r->out, "<button>%s</button>", tr(r, "Eigen stellingen van de vorige meetronde overnemen",
						"Copy the own statements of the previous round"));
	form_end(r);
}

static void own_page(req *r, const mround *rd, const own_statement *os, int n, const own_statement *editing)
{
	bool change = changeable(rd);
	page_begin(r, arena_printf(r->a, "%s · %s", tr(r, "Eigen stellingen", "Own statements"), rd->title));
	html(&r->out, "<p class=\"meta\"><a href=\"/pw/%s\">%s</a> · <a href=\"%s\">%s</a></p><h1>%s</h1>",
	     r->wp->slug, r->wp->name, round_path(r, rd), rd->title, tr(r, "Eigen stellingen", "Own statements"));
	html(&r->out, "<p>%s</p>",
	     tr(r, "Vragen die jullie werkplaats zichzelf wil stellen, naast de stellingen van het instrument: "
		   "ten hoogste tien, elk in het Nederlands en het Engels. Iedereen beantwoordt ze op dezelfde "
		   "schaal. De uitkomsten staan alleen in de resultaten en exports van jullie eigen werkplaats, "
		   "met dezelfde anonimiteitsregels; ze tellen nooit mee in de elementscores, de benchmark of "
		   "cijfers over werkplaatsen heen.",
		"Questions your workplace wants to ask itself, beside the instrument's statements: at most "
		"ten, each in Dutch and English. Everyone answers them on the same scale. The outcomes "
		"appear only in your own workplace's results and exports, with the same anonymity rules; "
		"they never count in the element scores, the benchmark or figures across workplaces."));
	const char *done = req_query(r, "done");
	if (done && strcmp(done, "1") == 0)
		html(&r->out, "<p class=\"notice\" role=\"status\" id=\"own-notice\">%s</p>",
		     tr(r, "Bewaard.", "Saved."));
	if (!change)
		html(&r->out, "<p class=\"notice\" id=\"own-frozen\">%s</p>",
		     tr(r, "Deze meetronde is geopend: de eigen stellingen liggen vast. Wijzigen kan alleen "
			   "voordat een meetronde opent; maak ze anders in de volgende meetronde.",
			"This round has opened: its own statements are fixed. They can only be changed "
			"before a round opens; otherwise add them in the next round."));
	list_table(r, rd, os, n, change);
	if (change && (n < OWN_MAX || editing))
		statement_form(r, rd, editing);
	else if (change)
		html(&r->out, "<p id=\"own-full\">%s</p>",
		     tr(r, "Deze meetronde heeft het maximum van tien eigen stellingen.",
			"This round has the maximum of ten own statements."));
	if (change)
		copy_offer(r, rd, n);
	page_end(r);
}

void page_round_own(req *r)
{
	mround rd;
	own_statement *os;
	int n;
	if (!own_round(r, &rd, &os, &n))
		return;
	const own_statement *editing = NULL;
	const char *e = req_query(r, "edit");
	int64_t id;
	if (e && parse_int64(e, 1, INT64_MAX, &id))
		for (int i = 0; i < n; i++)
			if (os[i].id == id)
				editing = &os[i];
	own_page(r, &rd, os, n, editing);
}

/* Refuse a change once the round has opened (409); true after replying. */
static bool refuse_frozen(req *r, const mround *rd)
{
	if (changeable(rd))
		return false;
	reply_error(r, 409, tr(r, "Deze meetronde is al geopend: haar eigen stellingen liggen vast.",
			       "This round has already opened: its own statements are fixed."));
	return true;
}

/* A store answer to a change: ST_CONFLICT means the round has answers or
 * is full. True when it went well; else replied. */
static bool changed_or_reply(req *r, store_rc rc)
{
	if (rc == ST_CONFLICT) {
		reply_error(r, 409, tr(r, "Dat kan niet: de meetronde heeft al antwoorden, of zou meer dan tien "
					  "eigen stellingen krijgen.",
				       "That is not possible: the round already has answers, or would get more "
				       "than ten own statements."));
		return false;
	}
	return found_or_reply(r, rc);
}

/* A text as stored: without the spaces around it. */
static const char *spaces_trimmed(req *r, const char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	return arena_strndup(r->a, s, n);
}

/* One text field, checked by the domain's rules (which say more than the
 * general text check would: which rule, and how to fix it). */
static bool read_text(req *r, const char *name, bool english, const char **out)
{
	const char *raw = form_get(r, name);
	own_problem p = own_check(raw, english, NULL);
	if (p != OWN_OK) {
		field_error(r, name, own_problem_message(p, english, r->english));
		return false;
	}
	*out = spaces_trimmed(r, raw);
	return true;
}

/* The form's fields, checked; false with the errors on the fields. */
static bool read_statement(req *r, int *section, const char **nl, const char **en)
{
	bool ok = field_choice(r, "section", section_codes, section);
	ok &= read_text(r, "text_nl", false, nl);
	ok &= read_text(r, "text_en", true, en);
	return ok;
}

static void done(req *r, const mround *rd, const char *what, const char *detail)
{
	store_rc rc = store_audit(r->st, r->user->id, r->wp->id, what,
				  arena_printf(r->a, "round %lld: %s", (long long)rd->id, detail));
	if (!ok_or_reply(r, rc))
		return;
	reply_redirect(r, arena_printf(r->a, "%s/own?done=1", round_path(r, rd)));
}

void page_round_own_add(req *r)
{
	mround rd;
	own_statement *os;
	int n, section;
	const char *nl, *en;
	if (!own_round(r, &rd, &os, &n) || refuse_frozen(r, &rd))
		return;
	if (n >= OWN_MAX) {
		changed_or_reply(r, ST_CONFLICT);
		return;
	}
	if (!read_statement(r, &section, &nl, &en)) {
		r->status = 400;
		own_page(r, &rd, os, n, NULL);
		return;
	}
	int64_t id;
	if (changed_or_reply(r, store_own_add(r->st, rd.id, section, nl, en, &id)))
		done(r, &rd, "own statement added", arena_printf(r->a, "%s%d", OWN_PREFIX, n + 1));
}

/* The statement named by r->param[2] among os; NULL after a 404. */
static const own_statement *named(req *r, const own_statement *os, int n, int *at)
{
	int64_t id;
	if (parse_int64(r->param[2], 1, INT64_MAX, &id))
		for (int i = 0; i < n; i++)
			if (os[i].id == id) {
				*at = i;
				return &os[i];
			}
	reply_error(r, 404, NULL);
	return NULL;
}

void page_round_own_edit(req *r)
{
	mround rd;
	own_statement *os;
	int n, at, section;
	const char *nl, *en;
	const own_statement *o;
	if (!own_round(r, &rd, &os, &n) || !(o = named(r, os, n, &at)) || refuse_frozen(r, &rd))
		return;
	if (!read_statement(r, &section, &nl, &en)) {
		r->status = 400;
		own_page(r, &rd, os, n, o);
		return;
	}
	if (changed_or_reply(r, store_own_update(r->st, rd.id, o->id, section, nl, en)))
		done(r, &rd, "own statement changed", arena_printf(r->a, "%s%d", OWN_PREFIX, at + 1));
}

void page_round_own_move(req *r)
{
	mround rd;
	own_statement *os;
	int n, at, dir;
	static const char *const dirs[] = {"up", "down", NULL};
	const own_statement *o;
	if (!own_round(r, &rd, &os, &n) || !(o = named(r, os, n, &at)) || refuse_frozen(r, &rd))
		return;
	if (!field_choice(r, "dir", dirs, &dir)) {
		reply_error(r, 400, tr(r, "Kies omhoog of omlaag.", "Choose up or down."));
		return;
	}
	if (changed_or_reply(r, store_own_move(r->st, rd.id, o->id, dir == 0)))
		done(r, &rd, "own statement moved", arena_printf(r->a, "%s%d %s", OWN_PREFIX, at + 1, dirs[dir]));
}

void page_round_own_delete(req *r)
{
	mround rd;
	own_statement *os;
	int n, at;
	const own_statement *o;
	if (!own_round(r, &rd, &os, &n) || !(o = named(r, os, n, &at)) || refuse_frozen(r, &rd))
		return;
	if (changed_or_reply(r, store_own_delete(r->st, rd.id, o->id)))
		done(r, &rd, "own statement removed", arena_printf(r->a, "%s%d", OWN_PREFIX, at + 1));
}

void page_round_own_copy(req *r)
{
	mround rd;
	own_statement *os;
	int n, count, copied;
	int64_t from;
	if (!own_round(r, &rd, &os, &n) || refuse_frozen(r, &rd))
		return;
	store_rc rc = store_own_previous_round(r->st, rd.id, &from, &count);
	if (rc == ST_NOTFOUND) {
		reply_error(r, 404, tr(r, "Geen eerdere meetronde van deze werkplaats heeft eigen stellingen.",
				       "No earlier round of this workplace has own statements."));
		return;
	}
	if (rc == ST_OK)
		rc = store_own_copy(r->st, from, rd.id, &copied);
	if (changed_or_reply(r, rc))
		done(r, &rd, "own statements copied", arena_printf(r->a, "%d from round %lld", copied, (long long)from));
}
