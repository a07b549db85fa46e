/* second_factor.c - what the second step of logging in (pages/login.c)
 * and setting it up (pages/totp.c) share (see second_factor.h). */
#include <stdlib.h>
#include <string.h>

#include "base/sealed.h"
#include "web/app.h"
#include "web/second_factor.h"

/* The open secret of a row (arena memory), or NULL. */
const char *totp_secret_open(req *r, const totp_row *t)
{
	if (!r->app->has_mail_key)
		return NULL;
	char *plain = sealed_open(r->app->mail_key, t->secret_sealed);
	if (!plain)
		return NULL;
	const char *out = arena_strdup(r->a, plain);
	memset(plain, 0, strlen(plain));
	free(plain);
	return out;
}

void totp_code_field(req *r)
{
	html(&r->out, "<div class=\"field%s\"><label for=\"f-code\">%s</label>", field_error_for(r, "code") ? " invalid" : "",
	     tr(r, "Code uit je app (6 cijfers)", "Code from your app (6 digits)"));
	if (field_error_for(r, "code"))
		html(&r->out, "<p class=\"field-error\" id=\"e-code\">%s</p>", field_error_for(r, "code"));
	html(&r->out, "<input id=\"f-code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" "
		      "pattern=\"[0-9]{6}\" maxlength=\"6\" required></div>");
}
