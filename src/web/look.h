/* look.h - the site's own look on every page: the logo in the
 * header (and on the poster), the accent colour as a small stylesheet
 * that overrides the brand colour of app.css, and both for the PDF
 * reports. The administrator sets them on /admin/look (pages/look.c).
 * What the pages need is kept in memory for a moment (LOOK_TTL seconds),
 * so a page costs no store read for it. */
#ifndef WP_WEB_LOOK_H
#define WP_WEB_LOOK_H

#include "io/pdf_doc.h"
#include "web/web.h"

#define LOOK_TTL 2

/* What the pages need: whether there is a logo and a colour, and a version
 * (the time of the last change) for the addresses of both. */
typedef struct {
	bool logo, accent;
	int64_t version;
} look_state;

/* The current state (from memory, or from r->st when older than LOOK_TTL). */
look_state look_now(req *r);
/* Forget what is in memory (after a change). */
void look_forget(void);
/* In <head>: the colour's stylesheet, when one is chosen. */
void look_head(req *r);
/* The logo as an <img> of class cls, when there is one; alt: its text. */
void look_logo_img(req *r, const char *cls, const char *alt);
/* The logo and colour for a PDF (arena memory); false after replying on
 * a store error. */
bool look_for_pdf(req *r, pdf_look *out);

#endif
