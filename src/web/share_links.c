/* share_links.c - the link table and the page of a new link (see
 * share_links.h). */
#include "web/share_links.h"

#include "base/token.h"
#include "base/util.h"

const char *share_date(req *r, int64_t t)
{
	if (!t)
		return "–";
	char d[11];
	format_date(t / 86400, d);
	return arena_strdup(r->a, d);
}

static const char *link_state(req *r, const share_link *l, int64_t now)
{
	if (l->revoked_at)
		return tr(r, "ingetrokken", "revoked");
	if (l->expires_at <= now)
		return tr(r, "verlopen", "expired");
	return tr(r, "actief", "active");
}

void share_links_table(req *r, const char *revoke_base, const share_link *ls, int n,
		       const char *const *what)
{
	int64_t now = wp_now();
	html(&r->out, "<table class=\"share-links\"><thead><tr>");
	if (what)
		html(&r->out, "<th scope=\"col\">%s</th>", what[0]);
	html(&r->out, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		      "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
		      "<th scope=\"col\"><span class=\"visually-hidden\">%s</span></th></tr></thead><tbody>",
	     tr(r, "Gemaakt", "Made"), tr(r, "Verloopt na", "Expires after"), tr(r, "Laatst gebruikt", "Last used"),
	     tr(r, "Keer gebruikt", "Uses"), tr(r, "Status", "State"), tr(r, "Intrekken", "Revoke"));
	for (int i = 0; i < n; i++) {
		const share_link *l = &ls[i];
		html(&r->out, "<tr data-link=\"%lld\">", (long long)l->id);
		if (what)
			html(&r->out, "<td>%s</td>", what[i + 1]);
		html(&r->out, "<td>%s%s%s</td><td>%s</td><td>%s</td><td class=\"num\">%d</td><td>%s</td><td>",
		     share_date(r, l->created_at), *l->created_by ? " · " : "", l->created_by,
		     share_date(r, l->expires_at), share_date(r, l->last_used_at), l->uses, link_state(r, l, now));
		if (!l->revoked_at && l->expires_at > now) {
			form_begin(r, arena_printf(r->a, "%s/%lld/revoke", revoke_base, (long long)l->id), "inline");
			html(&r->out, "<button>%s</button>", tr(r, "Intrekken", "Revoke"));
			form_end(r);
		}
		html(&r->out, "</td></tr>");
	}
	html(&r->out, "</tbody></table>");
}

void share_created_page(req *r, const char *back, const char *back_label, const char *url, int64_t expires_at)
{
	page_begin(r, tr(r, "Deellink gemaakt", "Share link made"));
	html(&r->out, "<p class=\"meta\"><a href=\"%s\">%s</a></p><h1>%s</h1>", back, back_label,
	     tr(r, "Deellink gemaakt", "Share link made"));
	html(&r->out, "<div class=\"field\"><label for=\"share-url\">%s</label>"
		      "<input type=\"text\" id=\"share-url\" class=\"copy\" readonly value=\"%s\"></div>",
	     tr(r, "Link om te kopiëren", "Link to copy"), url);
	html(&r->out, "<p>%s</p>",
	     arena_printf(r->a, tr(r, "Kopieer hem nu: hij wordt maar één keer getoond (we bewaren alleen een "
				      "vingerafdruk). Hij werkt tot en met %s, tot je hem intrekt.",
				   "Copy it now: it is shown only once (we keep only a fingerprint of it). "
				   "It works until %s, or until you revoke it."),
			  share_date(r, expires_at)));
	html(&r->out, "<p><a href=\"%s\">%s</a></p>", back, tr(r, "Terug", "Back"));
	page_end(r);
}

void share_new_token(char *tok, char *h)
{
	token_random(tok);
	token_hash("share", tok, h);
}
