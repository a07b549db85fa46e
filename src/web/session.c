/* session.c - a signed-in session begins here, whichever way the person
 * proved who they are (password, identity provider, invitation, a
 * command-line login link); and the site's setting that says whether
 * password login is on. A session lives SESSION_SECONDS from its start
 * (a fixed maximum age, not extended by use); signing out deletes it. */
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "web/app.h"
#include "web/web.h"

store_rc session_start(req *r, int64_t person_id)
{
	char tok[TOKEN_CHARS + 1], h[HASH_HEX + 1];
	token_random(tok);
	token_hash("session", tok, h);
	store_rc rc = store_session_create(r->st, h, person_id, wp_now() + SESSION_SECONDS);
	if (rc == ST_OK)
		set_cookie(r, "wp_session", tok, SESSION_SECONDS);
	return rc;
}

bool password_login_on(req *r)
{
	char *v = NULL;
	if (store_meta_get(r->st, r->a, PASSWORD_LOGIN_KEY, &v) != ST_OK || !v)
		return true;
	return strcmp(v, "off") != 0;
}
