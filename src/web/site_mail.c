/* site_mail.c - which mail settings a request uses. */
#include "web/site_mail.h"

#include "web/app.h"

mail_config site_mail_cli(const req *r)
{
	const struct app *a = r->app;
	return (mail_config){a->smtp_url, a->smtp_from, a->smtp_user, a->smtp_password, false};
}

bool site_mail_or_reply(req *r, mail_setup *out)
{
	mail_config cli = site_mail_cli(r);
	store_rc rc = outbox_setup(r->st, r->a, cli.url ? &cli : NULL,
				   r->app->has_mail_key ? r->app->mail_key : NULL, out);
	if (!ok_or_reply(r, rc))
		return false;
	return true;
}
