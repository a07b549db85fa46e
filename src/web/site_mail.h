/* site_mail.h - the mail a request sends with: the command line's
 * settings (serve --smtp-url) when given, else the site's own from
 * /admin/mail (src/io/outbox.h), read at each use so that a change on
 * the page holds at once. */
#ifndef WP_SITE_MAIL_H
#define WP_SITE_MAIL_H

#include "io/outbox.h"
#include "web/web.h"

/* Load the setup; on a store error replies and returns false. */
bool site_mail_or_reply(req *r, mail_setup *out);

/* The command line's settings as a mail_config (url NULL when none). */
mail_config site_mail_cli(const req *r);

#endif
