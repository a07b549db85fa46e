/* import.c - /pw/{slug}/rounds/{id}/import: coordinators upload a CSV
 * from another survey tool with a mapping file (docs/import.md). Every
 * problem is listed (row, column, value, why) and then nothing is stored;
 * a file without problems is stored whole, as submitted responses, in the
 * request's transaction. Larger files go through `werkplaats import`. */
#include <string.h>

#include "base/util.h"
#include "figures/figures.h"
#include "io/import.h"
#include "web/pages/pages.h"
#include "web/round_view.h"

#define PROBLEMS_SHOWN 500

static void problems_table(req *r, const import_problems *pr, import_status st)
{
	html(&r->out, "<div class=\"error-summary\" role=\"alert\" id=\"import-problems\"><h2>%s</h2><p>%s</p>",
	     tr(r, "Er is niets geïmporteerd", "Nothing was imported"),
	     arena_printf(r->a, st == IMPORT_BAD_MAPPING
					? tr(r, "Het koppelbestand heeft %d problemen. Verbeter het en probeer het opnieuw.",
					     "The mapping has %d problems. Correct it and try again.")
					: tr(r, "Het bestand heeft %d problemen. Verbeter ze en probeer het opnieuw; "
						"een import gaat helemaal of helemaal niet.",
					     "The file has %d problems. Correct them and try again; an "
					     "import is all or nothing."),
			  pr->total));
	html(&r->out, "<div class=\"table-wrap\"><table class=\"problems\"><thead><tr><th scope=\"col\">%s</th>"
		      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	     tr(r, "Regel", "Row"), st == IMPORT_BAD_MAPPING ? tr(r, "Sleutel", "Key") : tr(r, "Kolom", "Column"),
	     tr(r, "Waarde", "Value"), tr(r, "Waarom", "Why"));
	for (int i = 0; i < pr->n && i < PROBLEMS_SHOWN; i++) {
		const import_problem *p = &pr->v[i];
		html(&r->out, "<tr><td class=\"num\">%s</td><td>%s</td><td><code>%.200s</code></td><td>%s</td></tr>",
		     p->row ? arena_printf(r->a, "%d", p->row) : "–", p->column, p->value, p->why);
	}
	html(&r->out, "</tbody></table></div>");
	if (pr->total > PROBLEMS_SHOWN)
		html(&r->out, "<p>%s</p>", arena_printf(r->a, tr(r, "En nog %d problemen.", "And %d more problems."),
							 pr->total - PROBLEMS_SHOWN));
	html(&r->out, "</div>");
}

static void file_input(req *r, const char *name, const char *label, const char *accept, const char *hint)
{
	const char *err = field_error_for(r, name);
	html(&r->out, "<div class=\"field%s\"><label for=\"f-%s\">%s</label><p class=\"hint\">%s</p>",
	     err ? " invalid" : "", name, label, hint);
	if (err)
		html(&r->out, "<p class=\"field-error\" id=\"e-%s\">%s</p>", name, err);
	html(&r->out, "<input type=\"file\" id=\"f-%s\" name=\"%s\" accept=\"%s\" required></div>", name, name,
	     accept);
}

static void import_page(req *r, const mround *rd, const import_problems *pr, import_status st)
{
	page_begin(r, arena_printf(r->a, "%s · %s", tr(r, "Importeren", "Import"), rd->title));
	html(&r->out, "<p class=\"meta\"><a href=\"/pw/%s\">%s</a> · <a href=\"%s\">%s</a></p><h1>%s</h1>",
	     r->wp->slug, r->wp->name, round_path(r, rd), rd->title,
	     tr(r, "Antwoorden importeren", "Import answers"));
	html(&r->out, "<p>%s</p>",
	     tr(r, "Heb je de vragenlijst ook met een ander programma afgenomen, zoals LimeSurvey, "
		   "Microsoft Forms of Qualtrics? Exporteer de antwoorden daar als CSV en lees ze hier in, "
		   "met een koppelbestand dat zegt welke kolom bij welke stelling hoort en welke antwoorden "
		   "welke waarde zijn. Ingelezen antwoorden tellen als ingevulde vragenlijsten van deze "
		   "meetronde.",
		"Did you also run the questionnaire in another tool, such as LimeSurvey, Microsoft Forms "
		"or Qualtrics? Export the answers there as CSV and import them here, with a mapping that "
		"says which column belongs to which statement and which answers are which value. "
		"Imported answers count as submitted questionnaires of this round."));
	html(&r->out, "<p>%s <a href=\"%s/export/mapping.json\">%s</a>.</p>",
	     tr(r, "Het formaat van het koppelbestand staat in docs/import.md; een voorbeeld is het",
		"The mapping format is described in docs/import.md; an example is the"),
	     round_path(r, rd), tr(r, "koppelbestand van de eigen export", "mapping of our own export"));
	if (pr && pr->total)
		problems_table(r, pr, st);
	error_summary(r);
	html(&r->out, "<form method=\"post\" action=\"%s/import\" class=\"stack\" enctype=\"multipart/form-data\" "
		      "novalidate><input type=\"hidden\" name=\"csrf\" value=\"%s\">",
	     round_path(r, rd), csrf_token(r));
	file_input(r, "file", tr(r, "CSV-bestand met antwoorden", "CSV file with answers"), ".csv,.txt,text/csv",
		   tr(r, "UTF-8; gescheiden door komma's, puntkomma's of tabs; ten hoogste 2 MB.",
		      "UTF-8; separated by commas, semicolons or tabs; at most 2 MB."));
	file_input(r, "mapping", tr(r, "Koppelbestand (JSON)", "Mapping (JSON)"), ".json,application/json",
		   tr(r, "Zie docs/import.md.", "See docs/import.md."));
	html(&r->out, "<button class=\"primary\">%s</button></form>", tr(r, "Controleren en importeren", "Check and import"));
	page_end(r);
}

void page_round_import_form(req *r)
{
	mround rd;
	if (round_load(r, true, &rd))
		import_page(r, &rd, NULL, IMPORT_OK);
}

/* A text file field, or NULL with a field error. */
static const char *upload(req *r, const char *name)
{
	const char *v = form_get(r, name);
	if (form_get(r, arena_printf(r->a, "%s.binary", name))) {
		field_error(r, name, tr(r, "Dit is geen tekstbestand.", "This is not a text file."));
		return NULL;
	}
	if (!v || !*v) {
		field_error(r, name, tr(r, "Kies een bestand.", "Choose a file."));
		return NULL;
	}
	return v;
}

void page_round_import(req *r)
{
	mround rd;
	if (!round_load(r, true, &rd))
		return;
	const char *csv = upload(r, "file"), *map = upload(r, "mapping");
	const survey *sv = NULL;
	if (!r->nerrors && !(sv = survey_load(r, rd.version_id)))
		return;
	if (r->nerrors) {
		r->status = 400;
		import_page(r, &rd, NULL, IMPORT_OK);
		return;
	}
	import_problems pr = {0};
	import_result res;
	import_status st = import_check(r->a, sv->in, csv, strlen(csv), map, strlen(map), r->english, &res, &pr);
	if (st != IMPORT_OK) {
		r->status = 400;
		import_page(r, &rd, &pr, st);
		return;
	}
	bool frozen;
	store_rc rc = figures_round_frozen(r->st, &rd, &frozen);
	if (rc == ST_OK && frozen) {
		reply_error(r, 409, tr(r, "In deze meetronde kan niets meer worden geïmporteerd: haar "
					  "resultaten zijn al getoond, en resultaten van voor en na een import "
					  "naast elkaar zouden laten zien wat de nieuwe mensen antwoordden. "
					  "Importeer in een nieuwe meetronde.",
				       "Nothing can be imported into this round any more: its results have "
				       "been shown, and results from before and after an import side by "
				       "side would show what the new people answered. Import into a new "
				       "round."));
		return;
	}
	if (rc == ST_OK)
		rc = import_store(r->st, sv->in, &sv->layout, rd.id, &res);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, r->wp->id, "responses imported",
				 arena_printf(r->a, "round %lld: %d", (long long)rd.id, res.n));
	if (!ok_or_reply(r, rc))
		return;
	page_begin(r, tr(r, "Geïmporteerd", "Imported"));
	html(&r->out, "<p class=\"meta\"><a href=\"/pw/%s\">%s</a> · <a href=\"%s\">%s</a></p><h1>%s</h1>"
		      "<p class=\"notice\" role=\"status\" id=\"imported\">%s</p><p><a href=\"%s\">%s</a></p>",
	     r->wp->slug, r->wp->name, round_path(r, &rd), rd.title, tr(r, "Geïmporteerd", "Imported"),
	     arena_printf(r->a, tr(r, "%d ingevulde vragenlijsten zijn toegevoegd aan deze meetronde%s.",
				   "%d submitted questionnaires have been added to this round%s."),
			  res.n,
			  res.skipped ? arena_printf(r->a, tr(r, "; %d regels vielen buiten het filter",
							      "; %d rows were left out by the filter"),
						     res.skipped)
				      : ""),
	     round_path(r, &rd), tr(r, "Terug naar de meetronde", "Back to the round"));
	page_end(r);
}
