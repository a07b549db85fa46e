/* tables_reply.c - the aggregate tables of a round, or its PDF report, as
 * a reply. The model is built from the figures the page loaded from the
 * figures room, so the files hold what the result pages show and nothing
 * else. */
#include "web/tables_reply.h"

#include "base/util.h"
#include "io/report_pdf.h"
#include "io/report_year.h"
#include "web/report_charts.h"

static const char *refusal(req *r, const round_results *rr, tables_status s)
{
	if (s == TABLES_OPEN)
		return arena_printf(r->a, tr(r, "Er zijn nog geen tabellen: de resultaten van deze meetronde "
						"verschijnen pas als ze gesloten is (na %s).",
					     "There are no tables yet: the results of this round appear only "
					     "once it has closed (after %s)."),
				    rr->rd.closes_on);
	return arena_printf(r->a, tr(r, "Er zijn geen tabellen: deze meetronde heeft minder dan %d "
					"respondenten, en onder die grens tonen we volgens de "
					"anonimiteitsregels niets.",
				     "There are no tables: this round has fewer than %d respondents, and "
				     "below that threshold the anonymity rules show nothing."),
			    rr->rd.k);
}

/* The model of rr's figures, or false after replying 403 with the reason. */
static bool model_or_reply(req *r, const round_results *rr, tables_model *t)
{
	round_figures fig = {.rd = rr->rd, .in = rr->sv->in, .released = rr->released,
			     .submitted = rr->submitted, .n_items = rr->n_items, .items = rr->items,
			     .instr = rr->instr, .item_ids = rr->item_ids, .res = rr->res};
	tables_status s = tables_build(r->a, &fig, r->english, t);
	if (s != TABLES_OK)
		reply_error(r, 403, refusal(r, rr, s));
	return s == TABLES_OK;
}

/* The file in r->out as a download named werkplaats-{slug}-round-{id}-{name}. */
static void file_reply(req *r, const round_results *rr, const char *content_type, const char *name)
{
	r->status = 200;
	r->content_type = content_type;
	if (name)
		reply_header(r, "Content-Disposition",
			     arena_printf(r->a, "attachment; filename=\"werkplaats-%s-round-%lld-%s\"",
					  rr->rd.workplace_slug, (long long)rr->rd.id, name));
	r->replied = true;
}

void tables_reply(req *r, const round_results *rr, tables_format f)
{
	tables_model t;
	if (!model_or_reply(r, rr, &t))
		return;
	const char *err;
	buf_reset(&r->out);
	if (!tables_write(&t, f, &r->out, &err)) {
		r->log_note = arena_printf(r->a, "tables: %s", err);
		reply_error(r, 500, NULL);
		return;
	}
	file_reply(r, rr, tables_content_type(f),
		   f == TABLES_JSON ? NULL : arena_printf(r->a, "tables.%s", tables_format_ext(f)));
}

void report_pdf_reply(req *r, const round_results *rr, bool comments, bool own)
{
	tables_model t;
	if (!model_or_reply(r, rr, &t))
		return;
	report_extras x = {0};
	pdf_look look;
	if (!ok_or_reply(r, report_look_load(r->st, r->a, &look)))
		return;
	x.look = &look;
	report_charts(&t, &x);
	if (comments) {
		store_rc rc = report_comments_load(r->st, r->a, &rr->rd, rr->sv->in, rr->sv->rows, rr->sv->n_rows,
						   &rr->res->comments, r->english, &x);
		if (!ok_or_reply(r, rc))
			return;
	}
	const char *err = NULL;
	if (own) {
		store_rc rc = report_own_load(r->st, r->a, &rr->rd, &t, &x, &err);
		if (rc != ST_OK) {
			if (err)
				r->log_note = err;
			reply_store_error(r, rc);
			return;
		}
	}
	buf_reset(&r->out);
	if (!report_pdf(&t, rr->sv->in, &x, &r->out, &err)) {
		buf_reset(&r->out);
		r->log_note = arena_printf(r->a, "report.pdf: %s", err);
		reply_error(r, 500, NULL);
		return;
	}
	file_reply(r, rr, "application/pdf", "report.pdf");
}

void year_report_reply(req *r, int64_t workplace_id, int year, bool closed_only)
{
	year_model y;
	const char *err;
	store_rc rc = report_year_load(r->st, r->a, workplace_id, year, r->english, closed_only, &y, &err);
	if (rc != ST_OK) {
		if (err)
			r->log_note = arena_printf(r->a, "year report: %s", err);
		reply_store_error(r, rc);
		return;
	}
	pdf_look look;
	if (!ok_or_reply(r, report_look_load(r->st, r->a, &look)))
		return;
	buf_reset(&r->out);
	if (!report_year_pdf(&y, report_year_chart(&y), &look, &r->out, &err)) {
		buf_reset(&r->out);
		r->log_note = arena_printf(r->a, "year report: %s", err);
		reply_error(r, 500, NULL);
		return;
	}
	r->status = 200;
	r->content_type = "application/pdf";
	reply_header(r, "Content-Disposition",
		     arena_printf(r->a, "attachment; filename=\"werkplaats-%s-year-%d.pdf\"", y.profile.w.slug, year));
	r->replied = true;
}
