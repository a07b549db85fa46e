/* tokens.c - personal API tokens on the account page: make one (shown
 * once; only its "api" hash is kept), see which exist, revoke one. A token
 * acts for its owner with the same permissions as the pages, on /api/v1
 * only (Authorization: Bearer TOKEN). */
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "base/zone.h"
#include "web/pages/pages.h"

#define TOKEN_PREFIX "wpt_"     /* recognisable in configuration files and by secret scanners */
#define TOKEN_NAME_MAX 100
#define TOKENS_MAX 20           /* per person */

static void token_list(req *r, const api_token *ts, int n)
{
	if (!n) {
		html(&r->out, "<p class=\"hint\">%s</p>", tr(r, "Je hebt nog geen API-tokens.", "You have no API tokens yet."));
		return;
	}
	html(&r->out, "<table class=\"tokens\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		      "<th scope=\"col\">%s</th><th scope=\"col\"></th></tr></thead><tbody>",
	     tr(r, "Naam", "Name"), tr(r, "Begint met", "Starts with"), tr(r, "Gemaakt", "Created"));
	for (int i = 0; i < n; i++) {
		char day[ZONE_TIME_CHARS];
		zone_format(ts[i].created_at, r->english, false, day);
		html(&r->out, "<tr data-token=\"%lld\"><td>%s</td><td><code>%s…</code></td><td>%s</td><td>",
		     (long long)ts[i].id, ts[i].name, ts[i].hint, day);
		form_begin(r, arena_printf(r->a, "/account/tokens/%lld/revoke", (long long)ts[i].id), "inline");
		html(&r->out, "<button>%s</button>", tr(r, "Intrekken", "Revoke"));
		form_end(r);
		html(&r->out, "</td></tr>");
	}
	html(&r->out, "</tbody></table>");
}

void account_tokens_section(req *r, const char *new_token)
{
	api_token *ts;
	int n;
	store_rc rc = store_api_tokens(r->st, r->a, r->user->id, &ts, &n);
	if (!ok_or_reply(r, rc))
		return;
	html(&r->out, "<h2 id=\"api-tokens\">%s</h2><p>%s</p>", tr(r, "API-tokens", "API tokens"),
	     tr(r, "Met een persoonlijk API-token leest een programma via /api/v1 wat jij op de "
		   "pagina's mag zien, en doet het wat jij mag doen. Stuur het mee als "
		   "'Authorization: Bearer TOKEN'. Behandel het als een wachtwoord.",
		"With a personal API token a program reads through /api/v1 what you may see on the "
		"pages, and does what you may do. Send it as 'Authorization: Bearer TOKEN'. Treat "
		"it like a password."));
	if (new_token)
		html(&r->out, "<div class=\"notice warning\" role=\"status\"><p><strong>%s</strong> %s</p>"
			      "<p><code class=\"copy\" id=\"new-token\">%s</code></p></div>",
		     tr(r, "Je nieuwe token wordt alleen nu getoond.", "Your new token is shown only now."),
		     tr(r, "Het wordt nergens bewaard; kopieer het nu.", "It is not kept anywhere; copy it now."),
		     new_token);
	token_list(r, ts, n);
	form_begin(r, "/account/tokens", NULL);
	input_field(r, "text", "token_name", tr(r, "Naam van een nieuw token", "Name of a new token"), NULL,
		    tr(r, "Waarvoor je het gebruikt, bijvoorbeeld 'R-script dashboard'.",
		       "What you use it for, for example 'R script dashboard'."),
		    true);
	html(&r->out, "<button>%s</button>", tr(r, "Token maken", "Create token"));
	form_end(r);
}

void page_account_token_create(req *r)
{
	const char *name;
	api_token *ts;
	int n;
	store_rc rc = store_api_tokens(r->st, r->a, r->user->id, &ts, &n);
	if (!ok_or_reply(r, rc))
		return;
	if (field_text(r, "token_name", TOKEN_NAME_MAX, true, &name) && n >= TOKENS_MAX)
		field_error(r, "token_name", arena_printf(r->a, tr(r, "Je hebt al %d tokens; trek er eerst een in.",
								   "You already have %d tokens; revoke one first."),
							  n));
	if (r->nerrors) {
		r->status = 400;
		account_page(r, NULL, NULL);
		return;
	}
	char raw[TOKEN_CHARS + 1], h[HASH_HEX + 1];
	token_random(raw);
	const char *tok = arena_printf(r->a, "%s%s", TOKEN_PREFIX, raw);
	token_hash("api", tok, h);
	int64_t id;
	rc = store_api_token_create(r->st, r->user->id, name, arena_printf(r->a, "%.8s", tok), h, &id);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, 0, "api token created", name);
	if (!ok_or_reply(r, rc))
		return;
	account_page(r, tr(r, "Het API-token is gemaakt.", "The API token has been created."), tok);
}

void page_account_token_revoke(req *r)
{
	int64_t id;
	store_rc rc = parse_int64(r->param[0], 1, INT64_MAX, &id)
			      ? store_api_token_revoke(r->st, r->user->id, id)
			      : ST_NOTFOUND;
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, 0, "api token revoked", r->param[0]);
	if (!found_or_reply(r, rc))
		return;
	reply_redirect(r, "/account?revoked=1#api-tokens");
}
