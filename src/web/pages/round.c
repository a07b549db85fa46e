/* round.c - /pw/{slug}/rounds: the measurement rounds of a workplace.
 * Members see the list and each round's page (state, dates, response
 * counts, the open link and its poster); coordinators create rounds and
 * close or reopen them. Invitations and reminders are in round_invite.c.
 *
 * Only counts of responses are shown here, never anything a response
 * contains: results (with the anonymity threshold k) are another page. */
#include <string.h>

#include "base/token.h"
#include "base/util.h"
#include "domain/counts.h"
#include "io/outbox.h"
#include "web/app.h"
#include "web/look.h"
#include "web/pages/pages.h"
#include "web/pages/round.h"
#include "web/qr.h"
#include "web/results.h"
#include "web/wp_frame.h"

#define TITLE_MAX 200
#define K_DEFAULT 5
#define K_MIN 3
#define K_MAX 50
#define K_COMMENTS_EXTRA 2 /* comments' threshold by default: k + 2 (MODEL.md) */
#define DEFAULT_WEEKS 3 /* a new round's default length */

/* ---- shared with round_invite.c ---- */

bool round_may_change(req *r)
{
	return wp_may(r, WP_MANAGE);
}

bool round_load(req *r, bool coordinator, mround *rd)
{
	if (!wp_access(r, coordinator))
		return false;
	int64_t id;
	if (!parse_int64(r->param[1], 1, INT64_MAX, &id)) {
		reply_error(r, 404, NULL);
		return false;
	}
	store_rc rc = store_round_get(r->st, r->a, id, rd);
	if (rc == ST_OK && rd->workplace_id != r->wp->id)
		rc = ST_NOTFOUND; /* a round of another workplace does not exist here */
	return found_or_reply(r, rc);
}

const char *round_path(req *r, const mround *rd)
{
	return arena_printf(r->a, "/pw/%s/rounds/%lld", rd->workplace_slug, (long long)rd->id);
}

const char *round_open_url(req *r, const mround *rd)
{
	return arena_printf(r->a, "%s/r/%s", r->app->public_url, rd->open_token);
}

const char *round_invite_url(req *r, const char *token)
{
	return outbox_link(r->a, r->app->public_url, token);
}

const char *round_state_name(req *r, round_state s)
{
	switch (s) {
	case ROUND_NOT_YET: return tr(r, "nog niet open", "not yet open");
	case ROUND_OPEN: return tr(r, "open", "open");
	default: return tr(r, "gesloten", "closed");
	}
}

static const char *state_class(round_state s)
{
	return s == ROUND_OPEN ? "open" : s == ROUND_NOT_YET ? "not-yet" : "closed";
}

/* Links back to the workplace and its rounds. */
static void trail(req *r, bool to_rounds)
{
	html(&r->out, "<p class=\"meta\"><a href=\"/pw/%s\">%s</a>", r->wp->slug, r->wp->name);
	if (to_rounds)
		html(&r->out, " · <a href=\"/pw/%s/rounds\">%s</a>", r->wp->slug,
		     tr(r, "Meetrondes", "Measurement rounds"));
	html(&r->out, "</p>");
}

/* ---- the list and the form for a new round ---- */

/* A row for a visitor who sees rounds that have not closed only as
 * existing (a programme lead): no counts, no round page; the results of
 * a closed round. */
static void lead_round_row(req *r, const mround *rd, round_state s)
{
	html(&r->out, "<tr data-round=\"%lld\"><td>%s</td><td>%s</td><td>%s</td>"
		      "<td><span class=\"state state-%s\">%s</span></td><td class=\"num\">–</td><td>",
	     (long long)rd->id, rd->title, rd->opens_on, rd->closes_on, state_class(s), round_state_name(r, s));
	if (s == ROUND_CLOSED)
		html(&r->out, "<a href=\"%s/results\">%s</a>", round_path(r, rd), tr(r, "Resultaten", "Results"));
	else
		html(&r->out, "<span class=\"muted\">%s</span>", tr(r, "na afsluiten", "once closed"));
	html(&r->out, "</td></tr>");
}

static void rounds_table(req *r, const mround *rs, int n)
{
	if (!n) {
		html(&r->out, "<p>%s</p>", tr(r, "Er zijn nog geen meetrondes.", "There are no measurement rounds yet."));
		return;
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
			return;
		for (int p = 0; p < PERSP_COUNT; p++)
			total += counts[p];
		round_state s = round_state_of(&rs[i]);
		html(&r->out, "<tr data-round=\"%lld\"><td><a href=\"%s\">%s</a></td><td>%s</td><td>%s</td>"
			      "<td><span class=\"state state-%s\">%s</span></td><td class=\"num\">%d</td>"
			      "<td><a href=\"%s/results\">%s</a></td></tr>",
		     (long long)rs[i].id, round_path(r, &rs[i]), rs[i].title, rs[i].opens_on,
		     rs[i].closes_on, state_class(s), round_state_name(r, s), total, round_path(r, &rs[i]),
		     tr(r, "Resultaten", "Results"));
	}
	html(&r->out, "</tbody></table>");
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

static void new_round_form(req *r)
{
	instr_version *vs, latest;
	int nv;
	store_rc rc = store_instrument_versions(r->st, r->a, &vs, &nv);
	if (rc == ST_OK)
		rc = store_instrument_latest(r->st, r->a, &latest);
	if (rc != ST_OK && rc != ST_NOTFOUND) {
		reply_store_error(r, rc);
		return;
	}
	html(&r->out, "<section aria-labelledby=\"new-round\"><h2 id=\"new-round\">%s</h2>",
	     tr(r, "Nieuwe meetronde", "New round"));
	if (!nv) {
		html(&r->out, "<p>%s</p></section>", tr(r, "Er is nog geen vragenlijst geladen. Vraag de beheerder "
						      "om 'werkplaats instrument load'.",
						   "No questionnaire has been loaded yet. Ask the administrator "
						   "to run 'werkplaats instrument load'."));
		return;
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
}

static void rounds_page(req *r)
{
	mround *rs;
	int n;
	store_rc rc = store_rounds_for(r->st, r->a, r->wp->id, &rs, &n);
	if (!ok_or_reply(r, rc))
		return;
	page_begin(r, arena_printf(r->a, "%s · %s", tr(r, "Meetrondes", "Measurement rounds"), r->wp->name));
	trail(r, false);
	html(&r->out, "<h1>%s</h1>", tr(r, "Meetrondes", "Measurement rounds"));
	lead_notice(r);
	rounds_table(r, rs, n);
	if (r->replied)
		return;
	if (round_may_change(r))
		new_round_form(r);
	if (!r->replied)
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

/* ---- the round page ---- */

static void facts(req *r, const mround *rd, round_state s)
{
	html(&r->out, "<dl class=\"facts\"><dt>%s</dt><dd><span class=\"state state-%s\" id=\"round-state\">%s</span>",
	     tr(r, "Status", "State"), state_class(s), round_state_name(r, s));
	if (rd->closed_early)
		html(&r->out, " %s", tr(r, "(vroegtijdig gesloten)", "(closed early)"));
	html(&r->out, "</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%d</dd>"
		      "<dt>%s</dt><dd id=\"k-comments\">%s</dd><dt>%s</dt><dd>%s</dd></dl>",
	     tr(r, "Opent op", "Opens on"), rd->opens_on, tr(r, "Sluit na", "Closes after"), rd->closes_on,
	     tr(r, "Anonimiteitsgrens k", "Anonymity threshold k"), rd->k,
	     tr(r, "Grens voor opmerkingen", "Threshold for comments"),
	     arena_printf(r->a, tr(r, "Opmerkingen worden getoond vanaf %d mensen per groep",
				   "Comments are shown for groups of at least %d people"),
			  rd->k_comments),
	     tr(r, "Vragenlijst", "Questionnaire"), rd->version_label);
}

/* Close now, or reopen: only a round closed early, before its closing
 * date, whose results were not shown (figures_frozen). */
static void close_buttons(req *r, const mround *rd, round_state s, bool shown)
{
	char t[11];
	today(t);
	if (s != ROUND_CLOSED) {
		form_begin(r, arena_printf(r->a, "%s/close", round_path(r, rd)), "inline");
		html(&r->out, "<button>%s</button>", tr(r, "Nu sluiten", "Close now"));
		form_end(r);
	} else if (rd->closed_early && strcmp(t, rd->closes_on) <= 0 && !shown) {
		form_begin(r, arena_printf(r->a, "%s/reopen", round_path(r, rd)), "inline");
		html(&r->out, "<button>%s</button>", tr(r, "Weer openen", "Reopen"));
		form_end(r);
	}
}

/* One perspective's count as counts_plan says it may be shown. */
static void count_cell(req *r, perspective p, int n, count_shown how, int k)
{
	html(&r->out, "<tr><th scope=\"row\">%s</th><td class=\"num\" data-perspective=\"%s\"",
	     perspective_name(p, r->english), perspective_code(p));
	if (how == COUNT_FEW)
		html(&r->out, " data-count=\"few\">%s</td></tr>",
		     arena_printf(r->a, tr(r, "minder dan %d", "fewer than %d"), k));
	else if (how == COUNT_MANY)
		html(&r->out, " data-count=\"many\">%s</td></tr>",
		     arena_printf(r->a, tr(r, "%d of meer", "%d or more"), k));
	else
		html(&r->out, ">%d</td></tr>", n);
}

static void response_counts(req *r, const mround *rd, const int counts[PERSP_COUNT], int started)
{
	int total = 0;
	count_shown how[PERSP_COUNT];
	counts_plan(counts, rd->k, how);
	bool rounded = false;
	html(&r->out, "<section aria-labelledby=\"responses\"><h2 id=\"responses\">%s</h2>"
		      "<table class=\"counts\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\" "
		      "class=\"num\">%s</th></tr></thead><tbody>",
	     tr(r, "Ingevuld", "Responses"), tr(r, "Perspectief", "Perspective"),
	     tr(r, "Verstuurd", "Sent"));
	for (int p = 0; p < PERSP_COUNT; p++) {
		total += counts[p];
		rounded |= how[p] == COUNT_MANY;
		count_cell(r, (perspective)p, counts[p], how[p], rd->k);
	}
	html(&r->out, "</tbody><tfoot><tr><th scope=\"row\">%s</th><td class=\"num\" id=\"count-total\">%d</td>"
		      "</tr></tfoot></table>",
	     tr(r, "Totaal", "Total"), total);
	html(&r->out, "<p>%s <strong id=\"count-started\">%d</strong></p>",
	     tr(r, "Begonnen maar nog niet verstuurd:", "Started but not sent:"), started);
	html(&r->out, "<p class=\"hint\">%s", arena_printf(r->a,
		tr(r, "Hier staan alleen aantallen, en een groep van minder dan %d mensen zonder het precieze "
		      "aantal. De resultaten tonen een groep pas als er minstens %d mensen in zitten.",
		   "Only counts are shown here, and a group of fewer than %d people without its exact "
		   "number. The results show a group only when at least %d people are in it."),
		rd->k, rd->k));
	if (rounded)
		html(&r->out, " %s", tr(r, "Ook een grotere groep staat er zonder precies aantal, anders "
					   "volgt het aantal van een kleine groep uit het totaal.",
					"A larger group is shown without its exact number too: otherwise "
					"the number of a small group would follow from the total."));
	html(&r->out, "</p></section>");
}

static void open_link(req *r, const mround *rd)
{
	const char *url = round_open_url(r, rd);
	html(&r->out, "<section aria-labelledby=\"open-link\"><h2 id=\"open-link\">%s</h2><p>%s</p>",
	     tr(r, "Open link", "Open link"),
	     tr(r, "Iedereen met deze link kan meedoen en kiest zelf een perspectief. Zet hem in een "
		   "nieuwsbrief of hang de poster op.",
		"Anyone with this link can take part and chooses a perspective. Put it in a newsletter "
		"or put up the poster."));
	html(&r->out, "<div class=\"field\"><label for=\"open-url\">%s</label>"
		      "<input type=\"text\" id=\"open-url\" class=\"copy\" readonly value=\"%s\"></div>",
	     tr(r, "Link om te kopiëren", "Link to copy"), url);
	html(&r->out, "<p><a href=\"%s/poster\">%s</a></p></section>", round_path(r, rd),
	     tr(r, "Poster (A4) met QR-code", "Poster (A4) with QR code"));
}

void round_page(req *r, const mround *rd, const invite_list *errors)
{
	round_state s = round_state_of(rd);
	page_begin(r, arena_printf(r->a, "%s · %s", rd->title, r->wp->name));
	trail(r, true);
	html(&r->out, "<h1>%s</h1>", rd->title);
	html(&r->out, "<p class=\"actions\"><a class=\"button\" href=\"%s/results\">%s</a> "
		      "<a class=\"button\" href=\"%s/dialogue\">%s</a>",
	     round_path(r, rd), tr(r, "Resultaten", "Results"), round_path(r, rd),
	     tr(r, "Dialoogagenda", "Dialogue agenda"));
	if (round_may_change(r))
		html(&r->out, " <a class=\"button\" href=\"%s/export\">%s</a> <a class=\"button\" "
			      "href=\"%s/import\">%s</a>",
		     round_path(r, rd), tr(r, "Exporteren", "Export"), round_path(r, rd),
		     tr(r, "Importeren", "Import"));
	if (round_may_change(r))
		html(&r->out, " <a class=\"button\" href=\"%s/own\">%s</a>", round_path(r, rd),
		     tr(r, "Eigen stellingen", "Own statements"));
	if (wp_may(r, WP_CONTRIBUTE))
		html(&r->out, " <a class=\"button\" href=\"%s/paper\">%s</a>", round_path(r, rd),
		     tr(r, "Op papier", "On paper"));
	html(&r->out, "</p>");
	if (s == ROUND_CLOSED)
		html(&r->out, "<p class=\"downloads\" id=\"tables\">%s <a href=\"%s/tables.xlsx\" download>%s</a> · "
			      "<a href=\"%s/tables.csv\" download>%s</a> · <a href=\"%s/report.pdf\" download>%s</a></p>",
		     tr(r, "Alle cijfers als tabel:", "Every figure as a table:"), round_path(r, rd),
		     tr(r, "Excel", "Excel"), round_path(r, rd), tr(r, "CSV", "CSV"), round_path(r, rd),
		     tr(r, "Rapport (PDF)", "Report (PDF)"));
	facts(r, rd, s);
	int counts[PERSP_COUNT], started, submitted = 0;
	store_rc rc = figures_round_tallies(r->st, r->a, rd, counts, &started, NULL);
	if (!ok_or_reply(r, rc))
		return;
	for (int p = 0; p < PERSP_COUNT; p++)
		submitted += counts[p];
	bool frozen = figures_frozen(rd, submitted);
	if (round_may_change(r))
		close_buttons(r, rd, s, frozen);
	response_counts(r, rd, counts, started);
	open_link(r, rd);
	if (round_may_change(r)) {
		results_disclosure_summary(r, rd);
		round_activity_section(r, rd);
		if (!r->replied)
			round_share_section(r, rd, frozen);
	}
	if (r->replied)
		return;
	round_invite_section(r, rd, s, errors);
	if (!r->replied)
		page_end(r);
}

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
