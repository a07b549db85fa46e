/* outcomes.c - /pw/{slug}/outcomes: the outcomes register. Entries in the
 * model's five outcome categories with a date, a description, a link to
 * evidence (http or https only) and the partners involved; a yearly
 * overview (years x categories) and a timeline grouped by year.
 * Coordinators keep the register; every member reads it and may add
 * realist notes. */
#include <string.h>

#include "base/util.h"
#include "web/pages/pages.h"
#include "web/realist_notes.h"
#include "web/wp_frame.h"

#define LONG_TEXT 4000

/* ---- the form ---- */

static bool partners_field(req *r, const outcome_info *cur)
{
	partner *ps;
	int n;
	store_rc rc = store_partners(r->st, r->a, r->wp->id, &ps, &n);
	if (!ok_or_reply(r, rc))
		return false;
	int nsent = 0;
	const char **sent = r->post && form_get(r, "title") ? form_all(r, "partners", &nsent) : NULL;
	const char *err = field_error_for(r, "partners");
	html(&r->out, "<fieldset id=\"f-partners\" class=\"%s\"><legend>%s</legend>", err ? "invalid" : "",
	     tr(r, "Betrokken partners", "Partners involved"));
	if (err)
		html(&r->out, "<p class=\"field-error\">%s</p>", err);
	if (!n && (!cur || !cur->n_partners))
		html(&r->out, "<p class=\"hint\">%s</p>", tr(r, "Deze werkplaats heeft nog geen partners.",
							       "This workplace has no partners yet."));
	/* current partners, then organisations linked earlier that left since */
	int total = n + (cur ? cur->n_partners : 0);
	for (int i = 0; i < total; i++) {
		int64_t id = i < n ? ps[i].org_id : cur->partner_ids[i - n];
		const char *name = i < n ? ps[i].name : cur->partner_names[i - n];
		bool dup = false;
		for (int j = 0; j < n && i >= n; j++)
			dup = dup || ps[j].org_id == id;
		if (dup)
			continue;
		bool on = false;
		const char *v = arena_printf(r->a, "%lld", (long long)id);
		if (sent)
			for (int j = 0; j < nsent; j++)
				on = on || strcmp(sent[j], v) == 0;
		else
			for (int j = 0; cur && j < cur->n_partners; j++)
				on = on || cur->partner_ids[j] == id;
		html(&r->out, "<div class=\"check\"><input type=\"checkbox\" id=\"f-p-%s\" name=\"partners\" value=\"%s\"%s>"
			      "<label for=\"f-p-%s\">%s</label></div>",
		     v, v, on ? " checked" : "", v, name);
	}
	html(&r->out, "</fieldset>");
	return true;
}

static bool outcome_fields(req *r, const outcome_info *cur)
{
	const char *values[OUT_COUNT], *labels[OUT_COUNT];
	for (int c = 0; c < OUT_COUNT; c++) {
		values[c] = outcome_code((outcome_category)c);
		labels[c] = outcome_name((outcome_category)c, r->english);
	}
	const outcome *o = cur ? &cur->o : NULL;
	select_field(r, "category", tr(r, "Soort opbrengst", "Kind of outcome"), values, labels, OUT_COUNT,
		     o ? outcome_code(o->category) : NULL, NULL);
	input_field(r, "date", "occurred_on", tr(r, "Datum", "Date"), o ? o->occurred_on : NULL,
		    tr(r, "JJJJ-MM-DD", "YYYY-MM-DD"), true);
	input_field(r, "text", "title", tr(r, "Titel", "Title"), o ? o->title : NULL, NULL, true);
	textarea_field(r, "description", tr(r, "Beschrijving", "Description"), o ? o->description : NULL, NULL);
	input_field(r, "url", "evidence_url", tr(r, "Link naar bewijs", "Link to evidence"), o ? o->evidence_url : NULL,
		    tr(r, "Een webadres dat begint met https:// of http://, zoals een publicatie of verslag.",
		       "A web address starting with https:// or http://, such as a publication or report."),
		    false);
	return partners_field(r, cur);
}

/* Read the form, field errors into r->errors; the partners must be
 * partners of the workplace (or were already linked to this outcome).
 * False after a reply. */
static bool read_outcome(req *r, outcome *o, const outcome_info *cur, int64_t **ids, int *nids)
{
	static const char *const codes[] = {"knowledge", "professional", "curriculum", "collaboration", "connections",
					    NULL};
	int c = 0;
	if (field_choice(r, "category", codes, &c))
		o->category = (outcome_category)c;
	field_date(r, "occurred_on", true, &o->occurred_on);
	field_text(r, "title", 200, true, &o->title);
	field_multiline(r, "description", LONG_TEXT, false, &o->description);
	field_url(r, "evidence_url", false, &o->evidence_url);
	partner *ps;
	int n, nsent;
	store_rc rc = store_partners(r->st, r->a, r->wp->id, &ps, &n);
	if (!ok_or_reply(r, rc))
		return false;
	const char **sent = form_all(r, "partners", &nsent);
	*ids = ARENA_ARRAY(r->a, int64_t, (size_t)nsent + 1);
	*nids = 0;
	for (int i = 0; i < nsent; i++) {
		int64_t id;
		bool ok = parse_int64(sent[i], 1, INT64_MAX, &id);
		bool known = false;
		for (int j = 0; ok && j < n; j++)
			known = known || ps[j].org_id == id;
		for (int j = 0; ok && cur && j < cur->n_partners; j++)
			known = known || cur->partner_ids[j] == id;
		bool dup = false;
		for (int j = 0; j < *nids; j++)
			dup = dup || (*ids)[j] == id;
		if (!known) {
			field_error(r, "partners", tr(r, "Kies alleen partners van deze werkplaats.",
						      "Choose only partners of this workplace."));
			break;
		}
		if (!dup)
			(*ids)[(*nids)++] = id;
	}
	return true;
}

/* ---- the register ---- */

static bool yearly_table(req *r)
{
	outcome_year *ys;
	int n;
	store_rc rc = store_outcome_years(r->st, r->a, r->wp->id, &ys, &n);
	if (!ok_or_reply(r, rc))
		return false;
	html(&r->out, "<section aria-labelledby=\"per-year\"><h2 id=\"per-year\">%s</h2>",
	     tr(r, "Per jaar", "Per year"));
	if (!n) {
		html(&r->out, "<p>%s</p></section>", tr(r, "Nog geen opbrengsten vastgelegd.", "No outcomes recorded yet."));
		return true;
	}
	html(&r->out, "<div class=\"table-wrap\"><table id=\"yearly\" class=\"scores\"><caption>%s</caption><thead><tr>"
		      "<th scope=\"col\">%s</th>",
	     tr(r, "Aantal opbrengsten per jaar en soort", "Number of outcomes per year and kind"), tr(r, "Jaar", "Year"));
	static const char *const short_nl[OUT_COUNT] = {"Kennis en innovatie", "Professional", "Curricula",
							 "Samenwerking", "Verbindingen"};
	static const char *const short_en[OUT_COUNT] = {"Knowledge and innovation", "Professional", "Curricula",
							 "Collaboration", "Connections"};
	for (int c = 0; c < OUT_COUNT; c++)
		html(&r->out, "<th scope=\"col\" class=\"num\"><abbr title=\"%s\">%s</abbr></th>",
		     outcome_name((outcome_category)c, r->english), tr(r, short_nl[c], short_en[c]));
	html(&r->out, "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>", tr(r, "Totaal", "Total"));
	int col[OUT_COUNT] = {0}, all = 0;
	/* every year from the first to the last, also the empty ones, unless
	 * that would be a long table of nothing */
	bool fill = ys[n - 1].year - ys[0].year <= 30;
	int i = 0;
	for (int y = ys[0].year; i < n; y++) {
		if (!fill)
			y = ys[i].year;
		const outcome_year *row = ys[i].year == y ? &ys[i++] : NULL;
		int sum = 0;
		html(&r->out, "<tr><th scope=\"row\">%d</th>", y);
		for (int c = 0; c < OUT_COUNT; c++) {
			int v = row ? row->count[c] : 0;
			html(&r->out, "<td class=\"num\">%d</td>", v);
			sum += v;
			col[c] += v;
		}
		all += sum;
		html(&r->out, "<td class=\"num\"><strong>%d</strong></td></tr>", sum);
	}
	html(&r->out, "</tbody><tfoot><tr><th scope=\"row\">%s</th>", tr(r, "Totaal", "Total"));
	for (int c = 0; c < OUT_COUNT; c++)
		html(&r->out, "<td class=\"num\"><strong>%d</strong></td>", col[c]);
	html(&r->out, "<td class=\"num\"><strong>%d</strong></td></tr></tfoot></table></div></section>", all);
	return true;
}

static void evidence_link(req *r, const outcome *o)
{
	if (*o->evidence_url)
		html(&r->out, "<a href=\"%s\" rel=\"noopener noreferrer nofollow\">%s</a>", o->evidence_url,
		     tr(r, "bewijs", "evidence"));
}

/* The kind of product an outcome is (of a practice question), or NULL. */
static const char *product_of(req *r, const practice_product *ps, int np, int64_t outcome_id)
{
	for (int i = 0; i < np; i++)
		if (ps[i].o.id == outcome_id)
			return product_kind_name(ps[i].kind, r->english);
	return NULL;
}

static void timeline(req *r, const outcome_info *os, int n, const practice_product *ps, int np)
{
	html(&r->out, "<section aria-labelledby=\"timeline\"><h2 id=\"timeline\">%s</h2>", tr(r, "Tijdlijn", "Timeline"));
	if (!n) {
		html(&r->out, "<p>%s</p></section>", tr(r, "Nog geen opbrengsten vastgelegd.", "No outcomes recorded yet."));
		return;
	}
	char year[5] = "";
	for (int i = 0; i < n; i++) {
		const outcome *o = &os[i].o;
		if (strncmp(o->occurred_on, year, 4) != 0) {
			if (*year)
				html(&r->out, "</ul>");
			memcpy(year, o->occurred_on, 4);
			html(&r->out, "<h3>%s</h3><ul class=\"plain timeline\">", year);
		}
		html(&r->out, "<li><strong>%s</strong> <span class=\"tag\">%s</span> <a href=\"%s/outcomes/%lld\">%s</a>",
		     o->occurred_on, outcome_name(o->category, r->english), wp_path(r), (long long)o->id, o->title);
		if (os[i].n_partners) {
			html(&r->out, "<br><small>");
			for (int j = 0; j < os[i].n_partners; j++)
				html(&r->out, "%s%s", j ? ", " : "", os[i].partner_names[j]);
			html(&r->out, "</small>");
		}
		if (*o->evidence_url) {
			html(&r->out, " · ");
			evidence_link(r, o);
		}
		const char *product = product_of(r, ps, np, o->id);
		if (product)
			html(&r->out, " · <small>%s: %s</small>", tr(r, "product van een vraagstuk", "product of a question"),
			     product);
		html(&r->out, "</li>");
	}
	html(&r->out, "</ul></section>");
}

static void outcomes_page(req *r, const char *notice)
{
	outcome_info *os;
	practice_product *ps;
	int n, np;
	store_rc rc = store_outcomes_list(r->st, r->a, r->wp->id, &os, &n);
	if (rc == ST_OK)
		rc = store_products_list(r->st, r->a, r->wp->id, 0, &ps, &np);
	if (!ok_or_reply(r, rc))
		return;
	wp_heading(r, tr(r, "Opbrengsten", "Outcomes"), "outcomes");
	if (notice)
		html(&r->out, "<p class=\"notice\" role=\"status\">%s</p>", notice);
	if (!yearly_table(r))
		return;
	timeline(r, os, n, ps, np);
	if (wp_can_manage(r)) {
		html(&r->out, "<h2 id=\"new\">%s</h2>", tr(r, "Opbrengst vastleggen", "Record an outcome"));
		error_summary(r);
		form_begin(r, arena_printf(r->a, "%s/outcomes", wp_path(r)), NULL);
		if (!outcome_fields(r, NULL))
			return;
		html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Vastleggen", "Record"));
		form_end(r);
	}
	page_end(r);
}

void page_outcomes(req *r)
{
	if (!wp_access(r, false))
		return;
	outcomes_page(r, req_query(r, "deleted") ? tr(r, "De opbrengst is verwijderd.", "The outcome has been deleted.")
						: NULL);
}

void page_outcome_create(req *r)
{
	if (!wp_access(r, true))
		return;
	outcome o = {.workplace_id = r->wp->id};
	int64_t *ids;
	int nids;
	if (!read_outcome(r, &o, NULL, &ids, &nids))
		return;
	if (r->nerrors) {
		r->status = 400;
		outcomes_page(r, NULL);
		return;
	}
	int64_t id;
	store_rc rc = store_outcome_create(r->st, &o, &id);
	if (rc == ST_OK)
		rc = store_outcome_partners_set(r->st, id, ids, nids);
	if (!ok_or_reply(r, rc))
		return;
	if (wp_audit(r, "outcome created", arena_printf(r->a, "#%lld \"%s\" (%s, %s)", (long long)id, o.title,
						       outcome_code(o.category), o.occurred_on)))
		reply_redirect(r, arena_printf(r->a, "%s/outcomes/%lld?done=created", wp_path(r), (long long)id));
}

/* ---- one outcome ---- */

static bool outcome_param(req *r, outcome_info *out)
{
	int64_t id = param_id(r);
	if (!id)
		return false;
	store_rc rc = store_outcome_get(r->st, r->a, r->wp->id, id, out);
	if (rc == ST_OK)
		rc = store_evidence_exists(r->st, id, &out->has_file);
	return found_or_reply(r, rc);
}

/* Where the outcome is a product of a practice question: which, and what
 * kind of product. False after a reply. */
static bool product_line(req *r, const outcome *o)
{
	practice_product p;
	store_rc rc = store_product_of_outcome(r->st, r->a, r->wp->id, o->id, &p);
	if (rc == ST_NOTFOUND)
		return true;
	if (!ok_or_reply(r, rc))
		return false;
	html(&r->out, "<p id=\"product-of\">%s: <strong>%s</strong>, %s <a href=\"%s/questions/%lld\">%s</a></p>",
	     tr(r, "Product", "Product"), product_kind_name(p.kind, r->english),
	     tr(r, "uit het vraagstuk", "from the question"), wp_path(r), (long long)p.question_id, p.question_title);
	return true;
}

static void outcome_page(req *r, const outcome_info *x, const char *notice)
{
	const outcome *o = &x->o;
	page_begin(r, arena_printf(r->a, "%s · %s", o->title, r->wp->name));
	html(&r->out, "<p class=\"meta\"><a href=\"%s\">%s</a> › <a href=\"%s/outcomes\">%s</a></p><h1>%s</h1>",
	     wp_path(r), r->wp->name, wp_path(r), tr(r, "Opbrengsten", "Outcomes"), o->title);
	if (notice)
		html(&r->out, "<p class=\"notice\" role=\"status\">%s</p>", notice);
	error_summary(r);
	html(&r->out, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>",
	     tr(r, "Soort", "Kind"), outcome_name(o->category, r->english), tr(r, "Datum", "Date"), o->occurred_on,
	     tr(r, "Betrokken partners", "Partners involved"));
	for (int j = 0; j < x->n_partners; j++)
		html(&r->out, "%s%s", j ? ", " : "", x->partner_names[j]);
	if (!x->n_partners)
		html(&r->out, "–");
	html(&r->out, "</dd><dt>%s</dt><dd>", tr(r, "Bewijs", "Evidence"));
	if (*o->evidence_url)
		html(&r->out, "<a href=\"%s\" rel=\"noopener noreferrer nofollow\">%s</a> ", o->evidence_url, o->evidence_url);
	if (x->has_file)
		html(&r->out, "<a id=\"evidence-file\" href=\"%s/outcomes/%lld/evidence\" download>%s</a>", wp_path(r),
		     (long long)o->id, tr(r, "bewijsbestand downloaden", "download the evidence file"));
	if (!*o->evidence_url && !x->has_file)
		html(&r->out, "–");
	html(&r->out, "</dd></dl>");
	if (!product_line(r, o))
		return;
	if (*o->description)
		html(&r->out, "<p>%s</p>", o->description);
	if (!realist_section(r, 0, o->id, arena_printf(r->a, "%s/outcomes/%lld/realist", wp_path(r), (long long)o->id)))
		return;
	if (wp_can_manage(r)) {
		html(&r->out, "<section aria-labelledby=\"edit\"><h2 id=\"edit\">%s</h2>", tr(r, "Bewerken", "Edit"));
		form_begin(r, arena_printf(r->a, "%s/outcomes/%lld", wp_path(r), (long long)o->id), NULL);
		if (!outcome_fields(r, x))
			return;
		html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Wijzigingen opslaan", "Save the changes"));
		form_end(r);
		form_begin(r, arena_printf(r->a, "%s/outcomes/%lld/delete", wp_path(r), (long long)o->id), "stack");
		html(&r->out, "<button class=\"danger\">%s</button>", tr(r, "Opbrengst verwijderen", "Delete the outcome"));
		form_end(r);
		html(&r->out, "</section>");
	}
	page_end(r);
}

void page_outcome(req *r)
{
	outcome_info x;
	if (!wp_access(r, false) || !outcome_param(r, &x))
		return;
	const char *done = req_query(r, "done");
	const char *notice = !done ? NULL
			     : strcmp(done, "created") == 0 ? tr(r, "De opbrengst is vastgelegd.", "The outcome has been recorded.")
			     : strcmp(done, "saved") == 0   ? tr(r, "De wijzigingen zijn opgeslagen.", "The changes have been saved.")
			     : strcmp(done, "realist") == 0 ? tr(r, "De realistische notitie is toegevoegd.",
								 "The realist note has been added.")
							    : NULL;
	outcome_page(r, &x, notice);
}

void page_outcome_save(req *r)
{
	outcome_info x;
	if (!wp_access(r, true) || !outcome_param(r, &x))
		return;
	outcome o = x.o;
	int64_t *ids;
	int nids;
	if (!read_outcome(r, &o, &x, &ids, &nids))
		return;
	if (r->nerrors) {
		r->status = 400;
		outcome_page(r, &x, NULL);
		return;
	}
	store_rc rc = store_outcome_update(r->st, &o);
	if (rc == ST_OK)
		rc = store_outcome_partners_set(r->st, o.id, ids, nids);
	if (!ok_or_reply(r, rc))
		return;
	if (wp_audit(r, "outcome changed", arena_printf(r->a, "#%lld \"%s\" (%s, %s)", (long long)o.id, o.title,
						       outcome_code(o.category), o.occurred_on)))
		reply_redirect(r, arena_printf(r->a, "%s/outcomes/%lld?done=saved", wp_path(r), (long long)o.id));
}

void page_outcome_delete(req *r)
{
	outcome_info x;
	if (!wp_access(r, true) || !outcome_param(r, &x))
		return;
	store_rc rc = store_outcome_delete(r->st, r->wp->id, x.o.id);
	if (!ok_or_reply(r, rc))
		return;
	if (wp_audit(r, "outcome deleted", arena_printf(r->a, "#%lld \"%s\" (%s)", (long long)x.o.id, x.o.title,
						       x.o.occurred_on)))
		reply_redirect(r, arena_printf(r->a, "%s/outcomes?deleted=1", wp_path(r)));
}

void page_outcome_realist(req *r)
{
	outcome_info x;
	if (!wp_access(r, false) || !outcome_param(r, &x))
		return;
	if (!realist_add(r, 0, x.o.id, x.o.title))
		return;
	if (!r->nerrors) {
		reply_redirect(r, arena_printf(r->a, "%s/outcomes/%lld?done=realist#realist", wp_path(r), (long long)x.o.id));
		return;
	}
	r->status = 400;
	outcome_page(r, &x, NULL);
}
