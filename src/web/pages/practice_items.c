/* practice_items.c - /pw/{slug}/activities/{id}, removing activities and
 * contributors, and the exports of the primary process: questions.csv,
 * activities.csv, products.csv and practice.xlsx (all of it, one sheet
 * each, contributors too). Members read; a member removes their own
 * entries, a coordinator every entry. */
#include <string.h>

#include "base/util.h"
#include "io/sheet.h"
#include "web/characteristics_view.h"
#include "web/pages/pages.h"
#include "web/practice_view.h"
#include "web/wp_frame.h"

/* ---- one activity ---- */

static bool activity_param(req *r, practice_activity *out)
{
	int64_t id = param_id(r);
	if (!id)
		return false;
	return found_or_reply(r, store_activity_get(r->st, r->a, r->wp->id, id, out));
}

static void activity_page(req *r, const practice_activity *x, const char *notice)
{
	page_begin(r, arena_printf(r->a, "%s · %s", x->title, r->wp->name));
	html(&r->out, "<p class=\"meta\"><a href=\"%s\">%s</a> › <a href=\"%s/questions\">%s</a> › "
		      "<a href=\"%s/questions/%lld\">%s</a></p><h1>%s</h1>",
	     wp_path(r), r->wp->name, wp_path(r), tr(r, "Vraagstukken", "Practice questions"), wp_path(r),
	     (long long)x->question_id, x->question_title, x->title);
	lead_notice(r);
	if (notice)
		html(&r->out, "<p class=\"notice\" role=\"status\">%s</p>", notice);
	error_summary(r);
	html(&r->out, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s%s%s</dd></dl>",
	     tr(r, "Soort", "Kind"), activity_kind_name(x->kind, r->english), tr(r, "Datum", "Date"), x->starts_on,
	     *x->ends_on ? " – " : "", x->ends_on);
	if (*x->description)
		html(&r->out, "<p>%s</p>", x->description);
	html(&r->out, "<div class=\"table-wrap\"><table id=\"participation\"><caption>%s</caption><thead><tr>"
		      "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
	     tr(r, "Wie deden mee", "Who took part"), tr(r, "Perspectief", "Perspective"), tr(r, "Aantal", "Number"));
	for (int p = 0; p < PERSP_COUNT; p++)
		if (x->people[p])
			html(&r->out, "<tr><th scope=\"row\">%s</th><td class=\"num\">%d</td></tr>",
			     perspective_name((perspective)p, r->english), x->people[p]);
	html(&r->out, "</tbody><tfoot><tr><th scope=\"row\">%s</th><td class=\"num\"><strong>%d</strong></td></tr>"
		      "</tfoot></table></div>",
	     tr(r, "Totaal", "Total"), practice_people_total(x->people));
	if (practice_may_edit(r, x->created_by)) {
		html(&r->out, "<section aria-labelledby=\"edit\"><h2 id=\"edit\">%s</h2>", tr(r, "Bewerken", "Edit"));
		form_begin(r, arena_printf(r->a, "%s/activities/%lld", wp_path(r), (long long)x->id), NULL);
		practice_activity_fields(r, x);
		html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Wijzigingen opslaan", "Save the changes"));
		form_end(r);
		form_begin(r, arena_printf(r->a, "%s/activities/%lld/delete", wp_path(r), (long long)x->id), "stack");
		html(&r->out, "<button class=\"danger\">%s</button>", tr(r, "Activiteit verwijderen", "Delete the activity"));
		form_end(r);
		html(&r->out, "</section>");
	}
	page_end(r);
}

void page_activity(req *r)
{
	practice_activity x;
	if (!wp_access(r, false) || !activity_param(r, &x))
		return;
	const char *done = req_query(r, "done");
	activity_page(r, &x, done && strcmp(done, "saved") == 0
				     ? tr(r, "De wijzigingen zijn opgeslagen.", "The changes have been saved.")
				     : NULL);
}

static bool may_change(req *r, int64_t created_by)
{
	if (practice_may_edit(r, created_by))
		return true;
	reply_error(r, 403, tr(r, "Alleen wie dit vastlegde en de coördinatoren kunnen het wijzigen of verwijderen.",
			       "Only whoever recorded this and the coordinators can change or remove it."));
	return false;
}

void page_activity_save(req *r)
{
	practice_activity cur;
	if (!wp_access(r, false) || !activity_param(r, &cur) || !may_change(r, cur.created_by))
		return;
	practice_activity x = cur;
	if (!practice_read_activity(r, &x)) {
		r->status = 400;
		activity_page(r, &cur, NULL);
		return;
	}
	store_rc rc = store_activity_update(r->st, r->wp->id, &x);
	if (!ok_or_reply(r, rc))
		return;
	if (wp_audit(r, "activity changed", arena_printf(r->a, "#%lld \"%s\" (%d people)", (long long)x.id, x.title,
							practice_people_total(x.people))))
		reply_redirect(r, arena_printf(r->a, "%s/activities/%lld?done=saved", wp_path(r), (long long)x.id));
}

void page_activity_delete(req *r)
{
	practice_activity x;
	if (!wp_access(r, false) || !activity_param(r, &x) || !may_change(r, x.created_by))
		return;
	store_rc rc = store_activity_delete(r->st, r->wp->id, x.id);
	if (!ok_or_reply(r, rc))
		return;
	if (wp_audit(r, "activity deleted", arena_printf(r->a, "#%lld \"%s\"", (long long)x.id, x.title)))
		reply_redirect(r, arena_printf(r->a, "%s/questions/%lld?done=removed#activities", wp_path(r),
					       (long long)x.question_id));
}

void page_contributor_delete(req *r)
{
	practice_contributor c;
	int64_t id;
	if (!wp_access(r, false) || !(id = param_id(r)) ||
	    !found_or_reply(r, store_contributor_get(r->st, r->a, r->wp->id, id, &c)) || !may_change(r, c.created_by))
		return;
	store_rc rc = store_contributor_delete(r->st, r->wp->id, c.id);
	if (!ok_or_reply(r, rc))
		return;
	if (wp_audit(r, "contributor removed", arena_printf(r->a, "#%lld (question #%lld)", (long long)c.id,
							   (long long)c.question_id)))
		reply_redirect(r, arena_printf(r->a, "%s/questions/%lld?done=removed#contributors", wp_path(r),
					       (long long)c.question_id));
}

/* ---- an outcome's evidence file ---- */

/* /pw/{slug}/outcomes/{id}/evidence: always a download, with the type the
 * upload's check found (never HTML or SVG, never shown inline). */
void page_outcome_evidence(req *r)
{
	int64_t id;
	evidence_file f;
	if (!wp_access(r, false) || !(id = param_id(r)) ||
	    !found_or_reply(r, store_evidence_get(r->st, r->a, r->wp->id, id, &f)))
		return;
	int k = evidence_kind_from_type(f.content_type);
	buf_reset(&r->out);
	if (!buf_append(&r->out, f.data, f.size)) {
		reply_error(r, 500, NULL);
		return;
	}
	r->status = 200;
	r->content_type = k < 0 ? "application/octet-stream" : evidence_content_type((evidence_kind)k);
	reply_header(r, "Content-Disposition",
		     arena_printf(r->a, "attachment; filename=\"werkplaats-%s-evidence-%lld.%s\"", r->wp->slug,
				  (long long)id, k < 0 ? "bin" : evidence_ext((evidence_kind)k)));
	reply_header(r, "Content-Security-Policy", "sandbox; default-src 'none'");
	r->replied = true;
}

/* ---- exports ---- */

static const char *elements_text(req *r, unsigned mask)
{
	const char *out = "";
	for (int e = 0; e < EL_COUNT; e++)
		if (mask & (1u << e))
			out = arena_printf(r->a, "%s%s%s", out, *out ? " " : "", element_code_str((element_code)e));
	return out;
}

static store_rc questions_sheet(req *r, sheet *s)
{
	static const char *const cols[] = {"id#", "title", "description", "trigger", "raised_by", "status",
					   "elements", "partner", "programme", "raised_on", "activities#",
					   "participants#", "students#", "products#"};
	sheet_init(s, r->a, "questions", cols, (int)ARRAY_LEN(cols));
	question_filter all = {.status = -1, .element = -1, .trigger = -1};
	practice_question *qs;
	int n;
	store_rc rc = store_questions_list(r->st, r->a, r->wp->id, &all, &qs, &n);
	for (int i = 0; rc == ST_OK && i < n; i++) {
		const practice_question *q = &qs[i];
		const char **row = sheet_row(s);
		sheet_int(s, row, 0, q->id);
		row[1] = q->title;
		row[2] = q->description;
		row[3] = trigger_code(q->trigger);
		row[4] = raised_by_code(q->raised);
		row[5] = question_status_code(q->status);
		row[6] = elements_text(r, q->elements);
		row[7] = q->partner_name;
		row[8] = q->programme;
		row[9] = q->raised_on;
		sheet_int(s, row, 10, q->n_activities);
		sheet_int(s, row, 11, q->participants);
		sheet_int(s, row, 12, q->n_students);
		sheet_int(s, row, 13, q->n_products);
	}
	return rc;
}

static store_rc activities_sheet(req *r, sheet *s)
{
	const char *cols[6 + PERSP_COUNT + 1] = {"id#", "question_id#", "kind", "title", "starts_on", "ends_on"};
	for (int p = 0; p < PERSP_COUNT; p++)
		cols[6 + p] = arena_printf(r->a, "%s#", perspective_code((perspective)p));
	cols[6 + PERSP_COUNT] = "total#";
	sheet_init(s, r->a, "activities", cols, (int)ARRAY_LEN(cols));
	practice_activity *as;
	int n;
	store_rc rc = store_activities_list(r->st, r->a, r->wp->id, 0, &as, &n);
	for (int i = 0; rc == ST_OK && i < n; i++) {
		const practice_activity *x = &as[i];
		const char **row = sheet_row(s);
		sheet_int(s, row, 0, x->id);
		sheet_int(s, row, 1, x->question_id);
		row[2] = activity_kind_code(x->kind);
		row[3] = x->title;
		row[4] = x->starts_on;
		row[5] = x->ends_on;
		for (int p = 0; p < PERSP_COUNT; p++)
			sheet_int(s, row, 6 + p, x->people[p]);
		sheet_int(s, row, 6 + PERSP_COUNT, practice_people_total(x->people));
	}
	return rc;
}

static store_rc products_sheet(req *r, sheet *s)
{
	static const char *const cols[] = {"outcome_id#", "question_id#", "kind", "outcome_category", "occurred_on",
					   "title", "description", "evidence_url"};
	sheet_init(s, r->a, "products", cols, (int)ARRAY_LEN(cols));
	practice_product *ps;
	int n;
	store_rc rc = store_products_list(r->st, r->a, r->wp->id, 0, &ps, &n);
	for (int i = 0; rc == ST_OK && i < n; i++) {
		const practice_product *p = &ps[i];
		const char **row = sheet_row(s);
		sheet_int(s, row, 0, p->o.id);
		sheet_int(s, row, 1, p->question_id);
		row[2] = product_kind_code(p->kind);
		row[3] = outcome_code(p->o.category);
		row[4] = p->o.occurred_on;
		row[5] = p->o.title;
		row[6] = p->o.description;
		row[7] = p->o.evidence_url;
	}
	return rc;
}

static store_rc contributors_sheet(req *r, sheet *s)
{
	static const char *const cols[] = {"id#", "question_id#", "role", "people#", "period", "programme", "name"};
	sheet_init(s, r->a, "contributors", cols, (int)ARRAY_LEN(cols));
	practice_contributor *cs;
	int n;
	store_rc rc = store_contributors_list(r->st, r->a, r->wp->id, 0, &cs, &n);
	for (int i = 0; rc == ST_OK && i < n; i++) {
		const practice_contributor *c = &cs[i];
		const char **row = sheet_row(s);
		sheet_int(s, row, 0, c->id);
		sheet_int(s, row, 1, c->question_id);
		row[2] = contributor_role_code(c->role);
		sheet_int(s, row, 3, c->people);
		row[4] = c->period;
		row[5] = c->programme;
		row[6] = c->name;
	}
	return rc;
}

static void download(req *r, const char *content_type, const char *name)
{
	r->status = 200;
	r->content_type = content_type;
	reply_header(r, "Content-Disposition",
		     arena_printf(r->a, "attachment; filename=\"werkplaats-%s-%s\"", r->wp->slug, name));
	r->replied = true;
}

/* /pw/{slug}/questions.csv, /activities.csv, /products.csv: the file is
 * the route's last segment. */
void page_practice_csv(req *r)
{
	if (!wp_access(r, false))
		return;
	const char *file = r->seg[r->nseg - 1];
	sheet s;
	store_rc rc = strcmp(file, "questions.csv") == 0    ? questions_sheet(r, &s)
		      : strcmp(file, "activities.csv") == 0 ? activities_sheet(r, &s)
							    : products_sheet(r, &s);
	if (!ok_or_reply(r, rc))
		return;
	buf_reset(&r->out);
	sheet_csv(&s, &r->out);
	download(r, "text/csv; charset=utf-8", file);
}

void page_practice_xlsx(req *r)
{
	if (!wp_access(r, false))
		return;
	sheet q, x, p, c;
	store_rc rc = questions_sheet(r, &q);
	if (rc == ST_OK)
		rc = activities_sheet(r, &x);
	if (rc == ST_OK)
		rc = products_sheet(r, &p);
	if (rc == ST_OK)
		rc = contributors_sheet(r, &c);
	if (!ok_or_reply(r, rc))
		return;
	const sheet *all[] = {&q, &x, &p, &c};
	const char *err;
	buf_reset(&r->out);
	if (!sheet_xlsx(all, 4, &r->out, &err)) {
		r->log_note = arena_printf(r->a, "practice.xlsx: %s", err);
		reply_error(r, 500, NULL);
		return;
	}
	download(r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "practice.xlsx");
}
