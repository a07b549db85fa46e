/* look.c - colour parsing and WCAG 2 contrast (see look.h). */
#include "look.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

const look_rgb LOOK_BG = {0xf5, 0xf6, 0xf3}, LOOK_WHITE = {0xff, 0xff, 0xff};

bool look_colour_parse(const char *s, look_rgb *out)
{
	if (!s || strlen(s) != 7 || s[0] != '#')
		return false;
	for (int i = 1; i < 7; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	unsigned long v = strtoul(s + 1, NULL, 16);
	*out = (look_rgb){(unsigned char)(v >> 16), (unsigned char)(v >> 8), (unsigned char)v};
	return true;
}

void look_colour_format(look_rgb c, char out[8])
{
	snprintf(out, 8, "#%02x%02x%02x", c.r, c.g, c.b);
}

/* sRGB channel to linear light (WCAG 2's definition). */
static double linear(unsigned char v)
{
	double c = v / 255.0;
	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double look_luminance(look_rgb c)
{
	return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

double look_contrast(look_rgb a, look_rgb b)
{
	double la = look_luminance(a), lb = look_luminance(b);
	double hi = la > lb ? la : lb, lo = la > lb ? lb : la;
	return (hi + 0.05) / (lo + 0.05);
}

bool look_accent_ok(look_rgb c, double *on_white, double *on_bg)
{
	*on_white = look_contrast(c, LOOK_WHITE);
	*on_bg = look_contrast(c, LOOK_BG);
	return *on_white >= LOOK_MIN_CONTRAST && *on_bg >= LOOK_MIN_CONTRAST;
}

static unsigned char scale(unsigned char v, double f, double add)
{
	double x = v * f + add;
	return (unsigned char)(x < 0 ? 0 : x > 255 ? 255 : lround(x));
}

look_rgb look_darker(look_rgb c, double keep)
{
	return (look_rgb){scale(c.r, keep, 0), scale(c.g, keep, 0), scale(c.b, keep, 0)};
}

look_rgb look_tint(look_rgb c, double tint)
{
	return (look_rgb){scale(c.r, 1 - tint, 255 * tint), scale(c.g, 1 - tint, 255 * tint),
			  scale(c.b, 1 - tint, 255 * tint)};
}
