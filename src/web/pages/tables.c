/* tables.c - /pw/{slug}/rounds/{id}/tables.csv, tables.xlsx and
 * report.pdf: the aggregate tables of a closed round (io/tables.h) and its
 * PDF report (io/report_pdf.h), for whoever may read its results pages:
 * the workplace's members and the site administrator; and the workplace's
 * year report, /pw/{slug}/years/{year}/report.pdf (io/report_year.h), for
 * the same people (also through the API). */
#include "base/util.h"
#include "web/pages/pages.h"
#include "web/tables_reply.h"

static void round_tables(req *r, tables_format f)
{
	round_results rr;
	if (wp_access(r, false) && results_load_param(r, &rr))
		tables_reply(r, &rr, f);
}

void page_round_tables_csv(req *r)
{
	round_tables(r, TABLES_CSV);
}

void page_round_tables_xlsx(req *r)
{
	round_tables(r, TABLES_XLSX);
}

void page_round_report_pdf(req *r)
{
	round_results rr;
	if (wp_access(r, false) && results_load_param(r, &rr))
		report_pdf_reply(r, &rr, wp_may(r, WP_SEE_COMMENTS), wp_may(r, WP_CONTRIBUTE));
}

/* The year in URL segment r->param[1]: 2000 to 2100, else 404. */
static bool year_param(req *r, int *year)
{
	int64_t y;
	if (!parse_int64(r->param[1], 2000, 2100, &y)) {
		reply_error(r, 404, NULL);
		return false;
	}
	*year = (int)y;
	return true;
}

void page_workplace_year_pdf(req *r)
{
	int year;
	if (wp_access(r, false) && year_param(r, &year))
		year_report_reply(r, r->wp->id, year, false);
}
