/* logo.h - checking a logo an administrator uploads (PNG or SVG) before
 * it goes on every page, the poster and the reports. A PNG must have
 * PNG's signature and a header that libpng reads, with sensible
 * dimensions; an SVG must parse with libxml2 (no network, no DTD) and hold
 * nothing that runs or reaches out: no script, no event attributes (on*),
 * no foreign objects, no animation (it can change a link), no external
 * references (an href, url() or @import that is not a local "#id"), no
 * processing instructions. Both are size-limited. docs/reports.md. */
#ifndef WP_LOGO_H
#define WP_LOGO_H

#include <stdbool.h>
#include <stddef.h>

#define LOGO_MAX_BYTES (256 * 1024)
#define LOGO_MIN_PX 16
#define LOGO_MAX_PX 2048

typedef enum { LOGO_PNG, LOGO_SVG } logo_kind;

/* Why a logo is refused; LOGO_OK when it may be used. */
typedef enum {
	LOGO_OK,
	LOGO_EMPTY,
	LOGO_TOO_LARGE,     /* more than LOGO_MAX_BYTES */
	LOGO_NOT_PNG,       /* no PNG signature */
	LOGO_BAD_PNG,       /* the signature, but libpng cannot read its header */
	LOGO_PNG_SIZE,      /* width or height outside LOGO_MIN_PX..LOGO_MAX_PX */
	LOGO_NOT_SVG,       /* not XML, or its root is not an SVG <svg> */
	LOGO_SVG_DTD,       /* a document type declaration (entities) */
	LOGO_SVG_SCRIPT,    /* a <script> element */
	LOGO_SVG_EVENT,     /* an event attribute (onload=...) */
	LOGO_SVG_EXTERNAL,  /* an external reference (href, url(), @import, a processing instruction) */
	LOGO_SVG_FOREIGN,   /* a <foreignObject>, or an animation element */
} logo_problem;

/* Check data[0..len) as a logo of kind k. detail (may be NULL) receives
 * the name of the element or attribute that an SVG was refused for; *w and
 * *h a PNG's width and height (0 for an SVG). */
logo_problem logo_check(logo_kind k, const unsigned char *data, size_t len, char detail[64], int *w, int *h);
/* The kind a file name or content suggests: an SVG when the data starts
 * (after white space) with '<', else a PNG. */
logo_kind logo_kind_of(const unsigned char *data, size_t len);

#endif
