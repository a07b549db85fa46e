/* tables.c - /pw/{slug}/rounds/{id}/tables.csv, tables.xlsx and
 * report.pdf: the aggregate tables of a closed round (io/tables.h) and its
 * PDF report (io/report_pdf.h), for whoever may read its results pages:
 * the workplace's members and the site administrator. */
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
		report_pdf_reply(r, &rr, wp_may(r, WP_SEE_COMMENTS));
}
