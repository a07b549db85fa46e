/* qr.h - QR codes as inline SVG, for the poster of a round's open link.
 * Pure: no I/O; the SVG is written through the escaping HTML writer. */
#ifndef WP_QR_H
#define WP_QR_H

#include <stdbool.h>

#include "base/buf.h"

#define QR_QUIET 4 /* modules of white border on each side (the standard's minimum) */

/* Append to `out` an <svg> element that draws `text` as a QR code (error
 * correction level M, 8-bit mode). The viewBox is in module units: a
 * version-v code is 17 + 4v modules wide plus the quiet zone on each side.
 * One <path> holds one subpath per horizontal run of dark modules.
 * `label` names the image for screen readers (role="img", aria-label and
 * <title>). Returns false, with nothing appended, when the text is empty
 * or too long for a QR code. Allocates nothing the caller must free. */
bool qr_svg(buf *out, const char *text, const char *label);

#endif
