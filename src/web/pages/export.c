/* export.c - downloads of answers for researchers: per round for its
 * coordinators (/pw/{slug}/rounds/{id}/export...) and across workplaces for
 * site administrators and researchers (/research/export...). Every file is
 * written from one anonymised export set (src/io/export.h): nothing below
 * k, small groups pooled or blank, numbers in random order, comments apart. */
#include <string.h>

#include "base/util.h"
#include "io/export.h"
#include "web/pages/pages.h"
#include "web/round_view.h"
#include "web/survey.h"

/* ---- shared ---- */

static void format_list(req *r, const char *base, const char *query)
{
	html(&r->out, "<ul class=\"downloads\">");
	for (int f = 0; f < EXP_FORMAT_COUNT; f++) {
		const export_format_info *fi = export_format_get((export_format)f);
		html(&r->out, "<li><a href=\"%s/%s%s\" download>%s</a><br><span class=\"hint\">%s</span></li>",
		     base, fi->file, query, tr(r, fi->name_nl, fi->name_en), tr(r, fi->about_nl, fi->about_en));
	}
	html(&r->out, "</ul>");
}

static void rules_note(req *r)
{
	html(&r->out, "<div class=\"notice\"><p>%s</p><ul><li>%s</li><li>%s</li><li>%s</li><li>%s</li></ul></div>",
	     tr(r, "Ook in een export gelden de anonimiteitsregels:", "The anonymity rules hold in an export too:"),
	     tr(r, "een meetronde met minder dan k respondenten gaat niet mee;",
		"a round with fewer than k respondents is left out;"),
	     tr(r, "kleine groepen staan samengevoegd als 'other' (of leeg), en van hen ontbreken de "
		   "antwoorden op stellingen die maar aan sommige perspectieven zijn gesteld;",
		"small groups are pooled as 'other' (or left blank), and their answers to statements put to "
		"some perspectives only are left out;"),
	     tr(r, "respondenten krijgen een nummer in willekeurige volgorde, zonder tijden, e-mailadressen "
		   "of codes;",
		"respondents get a number in random order, without times, e-mail addresses or codes;"),
	     tr(r, "opmerkingen staan los van de antwoorden, en alleen van groepen die getoond worden.",
		"comments are kept apart from the answers, and only from groups that are shown."));
}

/* Write the set as the file named by r->param[idx]; replies. */
static void send_file(req *r, const export_set *set, export_format f, const char *name_prefix)
{
	const export_format_info *fi = export_format_get(f);
	const char *err;
	buf_reset(&r->out);
	if (!export_write(set, f, &r->out, &err)) {
		r->log_note = arena_printf(r->a, "export: %s", err);
		reply_error(r, 500, NULL);
		return;
	}
	r->status = 200;
	r->content_type = fi->content_type;
	reply_header(r, "Content-Disposition",
		     arena_printf(r->a, "attachment; filename=\"%s-%s\"", name_prefix, fi->file));
	r->replied = true;
}

static const char *below_k_message(req *r, int k)
{
	return arena_printf(r->a, tr(r, "Er is niets te exporteren: deze meetronde heeft minder dan %d "
					"respondenten, en onder die grens gaat er volgens de "
					"anonimiteitsregels niets naar buiten.",
				     "There is nothing to export: this round has fewer than %d "
				     "respondents, and below that threshold the anonymity rules let "
				     "nothing out."),
			    k);
}

/* Why a round adds nothing to an export: it has not closed, or it has
 * fewer than k respondents. */
static const char *left_out_message(req *r, const mround *rd, const export_set *set)
{
	if (set->deleted)
		return tr(r, "Er is niets meer te exporteren: de antwoorden van deze meetronde zijn verwijderd "
			     "(bewaartermijn). De cijfers blijven: op de resultaatpagina's en in de tabellen.",
			  "There is nothing left to export: the answers of this round were deleted (retention). "
			  "The figures remain: on the results pages and in the tables.");
	if (set->open)
		return arena_printf(r->a, tr(r, "Er is nog niets te exporteren: de antwoorden van deze "
						"meetronde komen pas naar buiten als ze gesloten is (%s). "
						"Zolang ze open is, zou een export voor en na één nieuwe "
						"inzending laten zien wat die persoon antwoordde.",
					     "There is nothing to export yet: the answers of this round "
					     "leave only once it has closed (%s). While it is open, an "
					     "export before and after one new submission would show what "
					     "that person answered."),
				    rd->closes_on);
	return below_k_message(r, rd->k);
}

/* ---- one round ---- */

static bool round_set(req *r, const mround *rd, export_set *set, bool *added)
{
	const survey *sv = survey_load(r, rd->version_id);
	if (!sv)
		return false;
	export_begin(set, r->a, sv->in, r->english);
	export_with_own(set); /* the workplace's own round: its own statements too (OWN_) */
	store_rc rc = export_add_round(set, r->st, rd, sv->rows, sv->n_rows, added);
	if (!ok_or_reply(r, rc))
		return false;
	export_finish(set);
	return true;
}

static void plan_summary(req *r, const export_set *set)
{
	const export_round *er = &set->rounds[0];
	html(&r->out, "<p>%s</p><ul>", arena_printf(r->a, tr(r, "%d respondenten; per perspectief:",
							     "%d respondents; per perspective:"),
						 er->plan.total));
	for (int p = 0; p < PERSP_COUNT; p++) {
		anon_state s = er->plan.state[p];
		if (s == ANON_HIDDEN)
			continue;
		html(&r->out, "<li>%s: %s</li>", perspective_name((perspective)p, r->english),
		     s == ANON_SHOWN ? tr(r, "eigen kolom", "own column")
				     : tr(r, "samengevoegd als 'other'", "pooled as 'other'"));
	}
	html(&r->out, "</ul>");
}

void page_round_export(req *r)
{
	mround rd;
	if (!round_load(r, true, &rd))
		return;
	export_set set;
	bool added;
	if (!round_set(r, &rd, &set, &added))
		return;
	page_begin(r, arena_printf(r->a, "%s · %s", tr(r, "Exporteren", "Export"), rd.title));
	html(&r->out, "<p class=\"meta\"><a href=\"/pw/%s\">%s</a> · <a href=\"%s\">%s</a></p><h1>%s</h1>",
	     r->wp->slug, r->wp->name, round_path(r, &rd), rd.title,
	     tr(r, "Antwoorden exporteren", "Export the answers"));
	if (!added) {
		html(&r->out, "<p class=\"notice warning\" role=\"status\" id=\"%s\">%s</p>",
		     set.deleted ? "answers-deleted" : set.open ? "not-closed" : "below-k",
		     left_out_message(r, &rd, &set));
	} else {
		plan_summary(r, &set);
		rules_note(r);
		format_list(r, arena_printf(r->a, "%s/export", round_path(r, &rd)), "");
	}
	html(&r->out, "<p><a href=\"%s/import\">%s</a></p>", round_path(r, &rd),
	     tr(r, "Antwoorden uit een ander programma importeren", "Import answers from another tool"));
	page_end(r);
}

void page_round_export_file(req *r)
{
	mround rd;
	if (!round_load(r, true, &rd))
		return;
	int f = export_format_from_file(r->param[2]);
	if (f < 0) {
		reply_error(r, 404, NULL);
		return;
	}
	export_set set;
	bool added;
	if (!round_set(r, &rd, &set, &added))
		return;
	if (!added) {
		reply_error(r, 403, left_out_message(r, &rd, &set));
		return;
	}
	send_file(r, &set, (export_format)f,
		  arena_printf(r->a, "werkplaats-%s-round-%lld", rd.workplace_slug, (long long)rd.id));
}

/* ---- across workplaces ---- */

/* The version asked for (?version=ID), else the newest one with rounds. */
static bool research_version(req *r, instr_version *vs, int n, instr_version **out)
{
	const char *q = req_query(r, "version");
	int64_t id = 0;
	if (q && !parse_int64(q, 1, INT64_MAX, &id)) {
		reply_error(r, 404, NULL);
		return false;
	}
	*out = NULL;
	for (int i = 0; i < n; i++)
		if (vs[i].rounds > 0 && (id ? vs[i].id == id : (!*out || vs[i].id > (*out)->id)))
			*out = &vs[i];
	if (q && !*out) {
		reply_error(r, 404, tr(r, "Deze versie van de vragenlijst bestaat niet of heeft geen meetrondes.",
				       "This questionnaire version does not exist or has no rounds."));
		return false;
	}
	return true;
}

static bool research_set(req *r, const instr_version *v, export_set *set)
{
	const survey *sv = survey_load(r, v->id);
	mround *rounds;
	int n;
	if (!sv)
		return false;
	store_rc rc = store_rounds_of_version(r->st, r->a, v->id, &rounds, &n);
	export_begin(set, r->a, sv->in, r->english);
	for (int i = 0; i < n && rc == ST_OK; i++) {
		bool added;
		rc = export_add_round(set, r->st, &rounds[i], sv->rows, sv->n_rows, &added);
	}
	if (!ok_or_reply(r, rc))
		return false;
	export_finish(set);
	return true;
}

static void version_picker(req *r, const instr_version *vs, int n, const instr_version *cur)
{
	html(&r->out, "<form method=\"get\" action=\"/research/export\" class=\"inline\">"
		      "<label for=\"f-version\">%s</label> <select id=\"f-version\" name=\"version\">",
	     tr(r, "Versie van de vragenlijst", "Questionnaire version"));
	for (int i = 0; i < n; i++)
		if (vs[i].rounds > 0)
			html(&r->out, "<option value=\"%lld\"%s>%s %s (%d)</option>", (long long)vs[i].id,
			     &vs[i] == cur ? " selected" : "", vs[i].code, vs[i].label, vs[i].rounds);
	html(&r->out, "</select> <button>%s</button></form>", tr(r, "Kiezen", "Choose"));
}

void page_research_export(req *r)
{
	instr_version *vs, *cur;
	int n;
	store_rc rc = store_instrument_versions(r->st, r->a, &vs, &n);
	if (!ok_or_reply(r, rc))
		return;
	if (!research_version(r, vs, n, &cur))
		return;
	export_set set;
	if (cur && !research_set(r, cur, &set))
		return;
	page_begin(r, tr(r, "Onderzoeksdata", "Research data"));
	html(&r->out, "<h1>%s</h1><p>%s</p>", tr(r, "Onderzoeksdata over alle werkplaatsen", "Research data across workplaces"),
	     tr(r, "De antwoorden van alle meetrondes met dezelfde versie van de vragenlijst, in één bestand.",
		"The answers of every round with the same questionnaire version, in one file."));
	if (!cur) {
		html(&r->out, "<p>%s</p>", tr(r, "Er zijn nog geen meetrondes.", "There are no rounds yet."));
		page_end(r);
		return;
	}
	version_picker(r, vs, n, cur);
	html(&r->out, "<p id=\"research-summary\">%s</p>",
	     arena_printf(r->a, tr(r, "%d meetrondes met %d respondenten; %d meetrondes weggelaten "
				      "(minder dan k respondenten) en %d nog niet gesloten.",
				   "%d rounds with %d respondents; %d rounds left out (fewer than k "
				   "respondents) and %d not closed yet."),
			  set.n_rounds, set.n_rows, set.skipped, set.open));
	if (set.deleted)
		html(&r->out, "<p id=\"research-deleted\">%s</p>",
		     arena_printf(r->a, tr(r, "Van %d meetrondes zijn de antwoorden verwijderd (bewaartermijn); hun "
					     "cijfers blijven op de resultaatpagina's.",
					  "Of %d rounds the answers were deleted (retention); their figures remain "
					  "on the results pages."),
				  set.deleted));
	rules_note(r);
	if (set.n_rounds)
		format_list(r, "/research/export", arena_printf(r->a, "?version=%lld", (long long)cur->id));
	page_end(r);
}

void page_research_export_file(req *r)
{
	int f = export_format_from_file(r->param[0]);
	instr_version *vs, *cur;
	int n;
	if (f < 0) {
		reply_error(r, 404, NULL);
		return;
	}
	store_rc rc = store_instrument_versions(r->st, r->a, &vs, &n);
	if (!ok_or_reply(r, rc))
		return;
	export_set set;
	if (!research_version(r, vs, n, &cur) || (cur && !research_set(r, cur, &set)))
		return;
	if (!cur || !set.n_rounds) {
		reply_error(r, 403, tr(r, "Er is niets te exporteren: geen gesloten meetronde heeft k of meer "
					  "respondenten.",
				       "There is nothing to export: no closed round has k or more respondents."));
		return;
	}
	send_file(r, &set, (export_format)f, arena_printf(r->a, "werkplaats-%s-%s", cur->code, cur->label));
}
