/* look.h - the site's own look: the accent colour an administrator chooses
 * and the WCAG 2 contrast rules it must pass. Pure: no I/O. The colour
 * takes the place of the stylesheet's --brand: the header and the primary
 * buttons carry white text on it, and buttons and headings put it as text
 * on the page background and on white. */
#ifndef WP_LOOK_H
#define WP_LOOK_H

#include <stdbool.h>

typedef struct {
	unsigned char r, g, b;
} look_rgb;

#define LOOK_MIN_CONTRAST 4.5 /* WCAG 2 AA for normal text */

/* The page background of the stylesheet (--bg) and white. */
extern const look_rgb LOOK_BG, LOOK_WHITE;

/* "#1d5c63" (either case, exactly 7 characters) into *out. */
bool look_colour_parse(const char *s, look_rgb *out);
/* "#1d5c63" into out (8 bytes). */
void look_colour_format(look_rgb c, char out[8]);
/* WCAG 2 relative luminance (0 black .. 1 white). */
double look_luminance(look_rgb c);
/* WCAG 2 contrast ratio, 1 .. 21. */
double look_contrast(look_rgb a, look_rgb b);
/* The checks an accent colour must pass: white text on it, and it as text
 * on the page background. Sets both ratios; true when both reach
 * LOOK_MIN_CONTRAST. */
bool look_accent_ok(look_rgb c, double *on_white, double *on_bg);
/* The colour darkened by `keep` (0..1) per channel: the hover shade. */
look_rgb look_darker(look_rgb c, double keep);
/* The colour mixed with white, `tint` (0..1) of white: a pale background. */
look_rgb look_tint(look_rgb c, double tint);

#endif
