/* assets.h - files compiled into the binary (assets/), served under
 * /static/ with long cache lifetimes: their URLs carry a content hash. */
#ifndef WP_ASSETS_H
#define WP_ASSETS_H

#include <stddef.h>

struct asset {
	const char *name, *content_type;
	const unsigned char *data;
	size_t len;
};

extern const struct asset assets[]; /* generated; ends with a NULL name */
/* The instrument definitions shipped with the program (instrument/). */
extern const struct asset shipped_instruments[];

const struct asset *asset_find(const char *name);
/* A short hash of all assets, for cache-busting URLs. */
const char *asset_version(void);

#endif
