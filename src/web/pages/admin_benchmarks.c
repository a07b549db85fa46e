/* admin_benchmarks.c - /admin/benchmarks: an institution's administrator
 * agrees (or withdraws) to compare its workplaces with another
 * institution's in the benchmark of the workplace pages. A pair
 * compares only when both have agreed; the benchmark stays k-safe as
 * before (src/web/latest.c: BENCH_MIN_WORKPLACES workplaces with results that
 * meet their k). */
#include "web/pages/pages.h"

static void partner_row(req *r, const benchmark_partner *p)
{
	const char *yes = tr(r, "ja", "yes"), *no = tr(r, "nee", "no");
	html(&r->out, "<tr data-institution=\"%s\"><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>", p->slug,
	     p->name, p->we_agreed ? yes : no, p->they_agreed ? yes : no,
	     p->we_agreed && p->they_agreed ? yes : no);
	form_begin(r, "/admin/benchmarks", "inline");
	html(&r->out, "<input type=\"hidden\" name=\"institution\" value=\"%lld\">"
		      "<input type=\"hidden\" name=\"agree\" value=\"%s\"><button class=\"small\">%s</button>",
	     (long long)p->id, p->we_agreed ? "no" : "yes",
	     p->we_agreed ? tr(r, "Instemming intrekken", "Withdraw consent") : tr(r, "Instemmen", "Agree"));
	form_end(r);
	html(&r->out, "</td></tr>");
}

void page_admin_benchmarks(req *r)
{
	benchmark_partner *ps;
	int n;
	store_rc rc = store_benchmark_partners(r->st, r->a, &ps, &n);
	if (!ok_or_reply(r, rc))
		return;
	page_begin(r, tr(r, "Vergelijken met andere instellingen", "Comparing with other institutions"));
	html(&r->out, "<h1>%s</h1><p>%s</p>",
	     tr(r, "Vergelijken met andere instellingen", "Comparing with other institutions"),
	     tr(r, "De vergelijking op de pagina van een werkplaats neemt de werkplaatsen van een andere instelling "
		   "alleen mee als beide instellingen daarmee instemmen. Er worden nooit scores per werkplaats "
		   "getoond, alleen de spreiding, en pas vanaf vijf werkplaatsen met resultaten die de "
		   "anonimiteitsdrempel halen.",
		"The comparison on a workplace's page includes another institution's workplaces only when both "
		"institutions agree to it. Scores per workplace are never shown, only the spread, and only from "
		"five workplaces with results that meet the anonymity threshold."));
	if (n == 0) {
		html(&r->out, "<p>%s</p>", tr(r, "Er zijn geen andere instellingen op deze site.",
					      "There are no other institutions on this site."));
		page_end(r);
		return;
	}
	html(&r->out, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	     tr(r, "Instelling", "Institution"), tr(r, "Wij stemmen in", "We agree"),
	     tr(r, "Zij stemmen in", "They agree"), tr(r, "Vergeleken", "Compared"), tr(r, "Wijzigen", "Change"));
	for (int i = 0; i < n; i++)
		partner_row(r, &ps[i]);
	html(&r->out, "</tbody></table>");
	page_end(r);
}

void page_admin_benchmark_agree(req *r)
{
	static const char *const answers[] = {"no", "yes", NULL};
	int64_t partner_id;
	int agree;
	bool ok = field_int(r, "institution", 1, INT64_MAX, &partner_id);
	ok = field_choice(r, "agree", answers, &agree) && ok;
	if (!ok) {
		reply_error(r, 400, tr(r, "Kies een instelling en of je instemt.", "Choose an institution and whether you agree."));
		return;
	}
	store_rc rc = store_benchmark_agree(r->st, partner_id, r->user->id, agree == 1);
	if (rc == ST_NOTFOUND) {
		reply_error(r, 404, NULL);
		return;
	}
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, 0, agree ? "benchmark agreed" : "benchmark withdrawn",
				 arena_printf(r->a, "institution %lld", (long long)partner_id));
	if (!ok_or_reply(r, rc))
		return;
	reply_redirect(r, "/admin/benchmarks");
}
