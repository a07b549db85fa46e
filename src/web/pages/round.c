/* round.c - /pw/{slug}/rounds: the measurement rounds of a workplace.
 * Members see the list and each round's page (round_view.c: state, dates,
 * response counts, the open link) and its poster; coordinators create
 * rounds and close or reopen them. Invitations and reminders are in
 * round_invite.c, the planned reminders in round_reminders.c. */
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "domain/counts.h"
#include "io/outbox.h"
#include "web/app.h"
#include "web/look.h"
#include "web/pages/pages.h"
#include "web/qr.h"
#include "web/results.h"
#include "web/round_view.h"
#include "web/wp_frame.h"

#define TITLE_MAX 200
#define K_DEFAULT 5
#define K_MIN 3
#define K_MAX 50
#define K_COMMENTS_EXTRA 2 /* comments' threshold by default: k + 2 (MODEL.md) */
#define DEFAULT_WEEKS 3 /* a new round's default length */

/* ---- the list and the form for a new round ---- */

/* A row for a visitor who sees rounds that have not closed only as
 * existing (a programme lead): no counts, no round page; the results of
 * a closed round. */
static void lead_round_row(req *r, const mround *rd, round_state s)
{
	html(&r->out, "<tr data-round=\"%lld\"><td>%s</td><td>%s</td><td>%s</td>"
		      "<td><span class=\"state state-%s\">%s</span></td><td class=\"num\">–</td><td>",
	     (long long)rd->id, rd->title, rd->opens_on, rd->closes_on, round_state_class(s), round_state_name(r, s));
	if (s == ROUND_CLOSED)
		html(&r->out, "<a href=\"%s/results\">%s</a>", round_path(r, rd), tr(r, "Resultaten", "Results"));
	else
		html(&r->out, "<span class=\"muted\">%s</span>", tr(r, "na afsluiten", "once closed"));
	html(&r->out, "</td></tr>");
}

/* The table of rounds; false after a reply. */
static bool rounds_table(req *r, const mround *rs, int n)
{
	if (!n) {
		html(&r->out, "<p>%s</p>", tr(r, "Er zijn nog geen meetrondes.", "There are no measurement rounds yet."));
		return true;
	}
	html(&r->out, "<table class=\"rounds\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
		      "<th scope=\"col\">%s</th></tr></thead><tbody>",
	     tr(r, "Meetronde", "Round"), tr(r, "Opent", "Opens"), tr(r, "Sluit", "Closes"),
	     tr(r, "Status", "State"), tr(r, "Ingevuld", "Responses"), tr(r, "Resultaten", "Results"));
	for (int i = 0; i < n; i++) {
		if (!wp_may(r, WP_SEE_RUNNING)) {
			lead_round_row(r, &rs[i], round_state_of(&rs[i]));
			continue;
		}
		int counts[PERSP_COUNT], started, total = 0;
		store_rc rc = figures_round_tallies(r->st, r->a, &rs[i], counts, &started, NULL);
		if (!ok_or_reply(r, rc))
			return false;
		for (int p = 0; p < PERSP_COUNT; p++)
			total += counts[p];
		round_state s = round_state_of(&rs[i]);
		html(&r->out, "<tr data-round=\"%lld\"><td><a href=\"%s\">%s</a></td><td>%s</td><td>%s</td>"
			      "<td><span class=\"state state-%s\">%s</span></td><td class=\"num\">%d</td>"
			      "<td><a href=\"%s/results\">%s</a></td></tr>",
		     (long long)rs[i].id, round_path(r, &rs[i]), rs[i].title, rs[i].opens_on,
		     rs[i].closes_on, round_state_class(s), round_state_name(r, s), total, round_path(r, &rs[i]),
		     tr(r, "Resultaten", "Results"));
	}
	html(&r->out, "</tbody></table>");
	return true;
}

/* The version select: stored versions, newest first; default the latest. */
static void version_select(req *r, const instr_version *vs, int n, int64_t latest)
{
	const char *sent = r->post ? form_get(r, "version") : NULL;
	const char *err = field_error_for(r, "version");
	html(&r->out, "<div class=\"field%s\"><label for=\"f-version\">%s</label>", err ? " invalid" : "",
	     tr(r, "Versie van de vragenlijst", "Questionnaire version"));
	if (err)
		html(&r->out, "<p class=\"field-error\" id=\"e-version\">%s</p>", err);
	html(&r->out, "<select id=\"f-version\" name=\"version\"");
	if (err)
		html(&r->out, " aria-describedby=\"e-version\"");
	html(&r->out, ">");
	for (int i = 0; i < n; i++) {
		const char *id = arena_printf(r->a, "%lld", (long long)vs[i].id);
		bool chosen = sent ? strcmp(sent, id) == 0 : vs[i].id == latest;
		html(&r->out, "<option value=\"%s\"%s>%s %s</option>", id, chosen ? " selected" : "",
		     vs[i].code, vs[i].label);
	}
	html(&r->out, "</select></div>");
}

/* The form for a new round; false after a reply. */
static bool new_round_form(req *r)
{
	instr_version *vs, latest;
	int nv;
	store_rc rc = store_instrument_versions(r->st, r->a, &vs, &nv);
	if (rc == ST_OK)
		rc = store_instrument_latest(r->st, r->a, &latest);
	if (rc != ST_NOTFOUND && !ok_or_reply(r, rc))
		return false;
	html(&r->out, "<section aria-labelledby=\"new-round\"><h2 id=\"new-round\">%s</h2>",
	     tr(r, "Nieuwe meetronde", "New round"));
	if (!nv) {
		html(&r->out, "<p>%s</p></section>", tr(r, "Er is nog geen vragenlijst geladen. Vraag de beheerder "
						      "om 'werkplaats instrument load'.",
						   "No questionnaire has been loaded yet. Ask the administrator "
						   "to run 'werkplaats instrument load'."));
		return true;
	}
	char today_s[11], later[11];
	today(today_s);
	format_date(wp_now() / 86400 + DEFAULT_WEEKS * 7, later);
	error_summary(r);
	form_begin(r, arena_printf(r->a, "/pw/%s/rounds", r->wp->slug), NULL);
	input_field(r, "text", "title", tr(r, "Titel", "Title"), NULL,
		    tr(r, "Bijvoorbeeld: Voorjaar 2026.", "For example: Spring 2026."), true);
	version_select(r, vs, nv, latest.id);
	input_field(r, "date", "opens_on", tr(r, "Opent op", "Opens on"), today_s,
		    tr(r, "JJJJ-MM-DD. Vandaag, later of eerder.", "YYYY-MM-DD. Today, later or earlier."), true);
	input_field(r, "date", "closes_on", tr(r, "Sluit na", "Closes after"), later,
		    tr(r, "JJJJ-MM-DD; op deze dag kan nog worden ingevuld.",
		       "YYYY-MM-DD; answers are still taken on this day."),
		    true);
	input_field(r, "number", "k", tr(r, "Anonimiteitsgrens k", "Anonymity threshold k"),
		    arena_printf(r->a, "%d", K_DEFAULT),
		    arena_printf(r->a, tr(r, "Een groep wordt pas getoond vanaf zoveel mensen: %d tot en met %d; "
					     "gebruikelijk is %d.",
					  "A group is only shown from this many people: %d to %d; %d is "
					  "usual."),
				 K_MIN, K_MAX, K_DEFAULT),
		    true);
	input_field(r, "number", "k_comments", tr(r, "Grens voor opmerkingen", "Threshold for comments"), NULL,
		    arena_printf(r->a, tr(r, "Opmerkingen bij de open vragen worden pas getoond voor een groep "
					     "van minstens zoveel mensen: k tot en met %d. Leeg laten: k + %d.",
					  "Answers to the open questions are only shown for a group of at "
					  "least this many people: k to %d. Leave empty for k + %d."),
				 K_MAX, K_COMMENTS_EXTRA),
		    false);
	round_mail_fields(r);
	html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Meetronde aanmaken", "Create round"));
	form_end(r);
	html(&r->out, "</section>");
	return true;
}

static void rounds_page(req *r)
{
	mround *rs;
	int n;
	store_rc rc = store_rounds_for(r->st, r->a, r->wp->id, &rs, &n);
	if (!ok_or_reply(r, rc))
		return;
	page_begin(r, arena_printf(r->a, "%s · %s", tr(r, "Meetrondes", "Measurement rounds"), r->wp->name));
	round_trail(r, false);
	html(&r->out, "<h1>%s</h1>", tr(r, "Meetrondes", "Measurement rounds"));
	lead_notice(r);
	if (rounds_table(r, rs, n) && (!round_may_change(r) || new_round_form(r)))
		page_end(r);
}

void page_rounds(req *r)
{
	if (wp_access(r, false))
		rounds_page(r);
}

/* The threshold for comments: empty for k + 2, else a whole number from
 * k (when k itself is valid) to K_MAX. */
static bool field_k_comments(req *r, int64_t k, bool k_valid, int64_t *out)
{
	const char *raw = form_get(r, "k_comments");
	*out = k + K_COMMENTS_EXTRA;
	if (!raw || !raw[strspn(raw, " \t\r\n")])
		return true;
	if (!field_int(r, "k_comments", K_MIN, K_MAX, out))
		return false;
	if (k_valid && *out < k) {
		field_error(r, "k_comments",
			    arena_printf(r->a, tr(r, "Kies minstens k (%lld): opmerkingen worden nooit bij "
						     "een kleinere groep getoond dan de cijfers.",
						  "Choose at least k (%lld): comments are never shown for "
						  "a smaller group than the figures."),
					 (long long)k));
		return false;
	}
	return true;
}

/* The chosen instrument version, if it is a stored one. */
static bool field_version(req *r, int64_t *out)
{
	instr_version *vs;
	int n;
	int64_t id;
	const char *v = form_get(r, "version");
	if (v && parse_int64(v, 1, INT64_MAX, &id) &&
	    store_instrument_versions(r->st, r->a, &vs, &n) == ST_OK)
		for (int i = 0; i < n; i++)
			if (vs[i].id == id) {
				*out = id;
				return true;
			}
	field_error(r, "version", tr(r, "Kies een van de versies.", "Please choose one of the versions."));
	return false;
}

void page_round_create(req *r)
{
	if (!wp_access(r, true))
		return;
	const char *title, *opens = NULL, *closes = NULL;
	int64_t k = K_DEFAULT, version = 0;
	field_text(r, "title", TITLE_MAX, true, &title);
	field_version(r, &version);
	bool dates = field_date(r, "opens_on", true, &opens);
	dates = field_date(r, "closes_on", true, &closes) && dates;
	if (dates && strcmp(closes, opens) < 0)
		field_error(r, "closes_on", tr(r, "De sluitdatum ligt vóór de openingsdatum. Kies een "
						  "sluitdatum op of na de openingsdatum.",
					       "The closing date is before the opening date. Choose a "
					       "closing date on or after the opening date."));
	bool k_valid = field_int(r, "k", K_MIN, K_MAX, &k);
	int64_t k_comments;
	field_k_comments(r, k, k_valid, &k_comments);
	const char *mail_lang;
	int days[REMINDER_MAX], ndays;
	round_mail_read(r, dates ? opens : NULL, dates ? closes : NULL, &mail_lang, days, &ndays);
	if (r->nerrors) {
		r->status = 400;
		rounds_page(r);
		return;
	}
	char tok[TOKEN_CHARS + 1];
	token_random(tok);
	mround nr = {.workplace_id = r->wp->id, .version_id = version, .title = title,
		    .opens_on = opens, .closes_on = closes, .k = (int)k, .k_comments = (int)k_comments,
		    .open_token = tok, .mail_lang = mail_lang};
	int64_t id;
	store_rc rc = store_round_create(r->st, &nr, &id);
	if (rc == ST_OK)
		rc = round_reminders_plan(r, id, opens, days, ndays);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, r->wp->id, "round created",
				 arena_printf(r->a, "round %lld: %s (%s to %s, k=%lld, k_comments=%lld)",
					      (long long)id, title, opens, closes, (long long)k,
					      (long long)k_comments));
	if (!ok_or_reply(r, rc))
		return;
	reply_redirect(r, arena_printf(r->a, "/pw/%s/rounds/%lld", r->wp->slug, (long long)id));
}

/* ---- the round page (round_view.c) ---- */

void page_round(req *r)
{
	mround rd;
	if (round_load(r, false, &rd))
		round_page(r, &rd, NULL);
}

/* ---- closing early and reopening ---- */

void page_round_close(req *r)
{
	mround rd;
	if (!round_load(r, true, &rd))
		return;
	store_rc rc = store_round_set_closed(r->st, rd.id, true);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, r->wp->id, "round closed",
				 arena_printf(r->a, "round %lld", (long long)rd.id));
	if (!ok_or_reply(r, rc))
		return;
	reply_redirect(r, round_path(r, &rd));
}

void page_round_reopen(req *r)
{
	mround rd;
	if (!round_load(r, true, &rd))
		return;
	char t[11];
	today(t);
	if (strcmp(t, rd.closes_on) > 0) {
		reply_error(r, 400, arena_printf(r->a, tr(r, "Deze meetronde kan niet meer open: de sluitdatum "
							     "(%s) is voorbij. Maak een nieuwe meetronde aan.",
							  "This round cannot be reopened: its closing date "
							  "(%s) has passed. Create a new round instead."),
						 rd.closes_on));
		return;
	}
	bool frozen;
	store_rc rc = figures_round_frozen(r->st, &rd, &frozen);
	if (rc == ST_OK && frozen) {
		reply_error(r, 409, tr(r, "Deze meetronde kan niet meer open: haar resultaten zijn al getoond. "
					  "Wie de resultaten van voor en na nieuwe inzendingen naast elkaar legt, "
					  "ziet wat die nieuwe mensen antwoordden. Maak een nieuwe meetronde aan.",
				       "This round cannot be reopened: its results have been shown. Whoever "
				       "compared the results before and after new submissions would see what "
				       "those new people answered. Create a new round instead."));
		return;
	}
	if (rc == ST_OK)
		rc = store_round_set_closed(r->st, rd.id, false);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, r->wp->id, "round reopened",
				 arena_printf(r->a, "round %lld", (long long)rd.id));
	if (!ok_or_reply(r, rc))
		return;
	reply_redirect(r, round_path(r, &rd));
}

/* ---- the poster ---- */

void page_round_poster(req *r)
{
	mround rd;
	if (!round_load(r, false, &rd))
		return;
	const char *url = round_open_url(r, &rd);
	page_begin(r, arena_printf(r->a, "%s · %s", tr(r, "Poster", "Poster"), rd.title));
	html(&r->out, "<div class=\"poster\">");
	look_logo_img(r, "poster-logo", tr(r, "Logo van de instelling", "The institution's logo"));
	html(&r->out, "<p>%s</p><h1>%s</h1>", rd.workplace_name, rd.title);
	html(&r->out, "<p lang=\"nl\">Hoe leren, onderzoeken en werken we hier samen? Vul de korte "
		      "vragenlijst in: ongeveer tien minuten, op je telefoon, anoniem. Scan de code.</p>"
		      "<p lang=\"en\">How do we learn, research and work together here? Answer the short "
		      "questionnaire: about ten minutes, on your phone, anonymous. Scan the code.</p>");
	if (!qr_svg(&r->out, url, tr(r, "QR-code van de link naar de vragenlijst",
				      "QR code of the link to the questionnaire")))
		html(&r->out, "<p>%s</p>", tr(r, "Deze link is te lang voor een QR-code.",
					     "This link is too long for a QR code."));
	html(&r->out, "<p class=\"url\">%s</p>", url);
	html(&r->out, "<p><span lang=\"nl\">Open tot en met %s.</span> <span lang=\"en\">Open until %s.</span></p></div>",
	     rd.closes_on, rd.closes_on);
	page_end(r);
}
