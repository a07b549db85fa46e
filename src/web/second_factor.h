/* second_factor.h - the time-based code of a password account's second
 * factor: the secret opened and the field that asks for a code. */
#ifndef WP_WEB_SECOND_FACTOR_H
#define WP_WEB_SECOND_FACTOR_H

#include "web/web.h"

/* The open secret of a row (arena memory), or NULL when it cannot be
 * opened (no key). */
const char *totp_secret_open(req *r, const totp_row *t);
/* The labelled input for the 6-digit code, field "code". */
void totp_code_field(req *r);

#endif
