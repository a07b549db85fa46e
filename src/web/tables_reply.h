/* tables_reply.h - a round's aggregate tables (io/tables.h) and its PDF
 * report as a reply: for the round's pages, the API and share links alike. */
#ifndef WP_TABLES_REPLY_H
#define WP_TABLES_REPLY_H

#include "io/tables.h"
#include "web/results.h"

/* Reply with the tables of rr in format f (a download named after the
 * workplace and round; JSON inline), or 403 with the reason when the
 * round has not closed or has fewer than k respondents. */
void tables_reply(req *r, const round_results *rr, tables_format f);

/* Reply with the round's report as a PDF (io/report_pdf.h), a download,
 * or 403 with the reason as tables_reply. comments: the reader may read
 * the comments of shown groups (a member; never a share link); own: the
 * round's own statements too (a member of the workplace; never a share link). */
void report_pdf_reply(req *r, const round_results *rr, bool comments, bool own);

/* Reply with the year report of a workplace (io/report_year.h) as a PDF
 * download; closed_only: without the rounds that have not closed (a share
 * link). The caller has checked access and the year. */
void year_report_reply(req *r, int64_t workplace_id, int year, bool closed_only);

#endif
