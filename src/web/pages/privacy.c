/* privacy.c - the privacy duties (docs/privacy.md).
 * /admin/privacy: the site's retention limits, which every workplace
 * keeps to. /pw/{slug}/privacy: a workplace's own, shorter limits
 * (coordinators), and what holds for its rounds. The deleting itself is
 * src/io/retention.c, on the scheduler of `serve`. /admin/privacy/record:
 * the record of processing (src/io/processing_record.h). */
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "io/processing_record.h"
#include "web/app.h"
#include "web/pages/pages.h"
#include "web/pages/workplace.h"
#include "web/site_mail.h"

static const char *kind_label(req *r, retention_kind k)
{
	const char *const labels[RET_KIND_COUNT] = {
		tr(r, "Antwoorden (de ruwe antwoorden van elke deelnemer)",
		   "Answers (the raw answers of every participant)"),
		tr(r, "Opmerkingen (open antwoorden)", "Comments (open answers)"),
		tr(r, "Uitnodigingsadressen (e-mailadressen van genodigden)",
		   "Invitation addresses (e-mail addresses of invitees)"),
		tr(r, "Logboek (wie wat wijzigde)", "Audit log (who changed what)"),
	};
	return labels[k];
}

/* "N days" or "no limit". */
static const char *days_text(req *r, int days)
{
	if (days <= 0)
		return tr(r, "geen termijn: bewaard tot iemand het verwijdert",
			  "no limit: kept until someone deletes it");
	return arena_printf(r->a, r->english ? (days == 1 ? "%d day" : "%d days") : (days == 1 ? "%d dag" : "%d dagen"),
			    days);
}

/* What a limit counts from. */
static const char *counts_from(req *r, retention_kind k)
{
	return k == RET_AUDIT ? tr(r, "na elke regel", "after each entry")
			      : tr(r, "na de sluitingsdatum van de meetronde", "after the round's closing date");
}

/* The days of every kind from the form; empty is 0 (no limit of its
 * own). False after recording a field error. */
static bool read_policy(req *r, retention_policy *p)
{
	bool ok = true;
	for (int k = 0; k < RET_KIND_COUNT; k++) {
		const char *v = form_get(r, retention_kind_code((retention_kind)k));
		int64_t d = 0;
		p->days[k] = 0;
		if (!v || !*v)
			continue;
		if (!parse_int64(v, 1, RETENTION_DAYS_MAX, &d)) {
			field_error(r, retention_kind_code((retention_kind)k),
				    arena_printf(r->a, tr(r, "Geef een aantal dagen van 1 tot en met %d, of laat het leeg.",
							  "Enter a number of days from 1 to %d, or leave it empty."),
						 RETENTION_DAYS_MAX));
			ok = false;
			continue;
		}
		p->days[k] = (int)d;
	}
	return ok;
}

static const char *days_value(req *r, int days)
{
	return days > 0 ? arena_printf(r->a, "%d", days) : "";
}

static void policy_fields(req *r, const retention_policy *p, const retention_policy *site)
{
	for (int k = 0; k < RET_KIND_COUNT; k++) {
		const char *hint = site ? arena_printf(r->a, tr(r, "Dagen %s. De site: %s. Leeg: die van de site.",
								"Days %s. The site: %s. Empty: the site's."),
						       counts_from(r, (retention_kind)k), days_text(r, site->days[k]))
					: arena_printf(r->a, tr(r, "Dagen %s. Leeg: geen termijn.", "Days %s. Empty: no limit."),
						       counts_from(r, (retention_kind)k));
		input_field(r, "number", retention_kind_code((retention_kind)k), kind_label(r, (retention_kind)k),
			    days_value(r, p->days[k]), hint, false);
	}
}

/* The limits that hold, as a table with the id `id`. */
static void policy_table(req *r, const char *id, const retention_policy *eff)
{
	html(&r->out, "<table id=\"%s\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	     id, tr(r, "Gegevens", "Data"), tr(r, "Bewaard", "Kept"));
	for (int k = 0; k < RET_KIND_COUNT; k++)
		html(&r->out, "<tr><td>%s</td><td data-days=\"%d\">%s</td></tr>", kind_label(r, (retention_kind)k),
		     eff->days[k], eff->days[k] > 0 ? arena_printf(r->a, "%s %s", days_text(r, eff->days[k]),
									 counts_from(r, (retention_kind)k))
							: days_text(r, 0));
	html(&r->out, "</tbody></table>");
}

static void explain_retention(req *r)
{
	html(&r->out, "<p>%s</p>",
	     tr(r, "Wat over zijn termijn is, verwijdert de server zelf (elke keer dat de planner kijkt, en met "
		   "werkplaats retention run). Voordat de antwoorden van een meetronde gaan, bewaart hij de "
		   "cijfers die de resultaten al toonden (alleen groepen van ten minste k): resultaten, "
		   "ontwikkeling en tabellen blijven dus hetzelfde. Opmerkingen gaan uiterlijk met de antwoorden "
		   "mee. Elk verwijderen staat in het logboek.",
		"The server itself deletes what is past its limit (each time its scheduler looks, and with "
		"werkplaats retention run). Before a round's answers go, it keeps the figures the results "
		"already showed (only groups of at least k): results, development and tables stay the same. "
		"Comments go with the answers at the latest. Every deletion is in the audit log."));
}

/* ---- /admin/privacy */

#define STATEMENT_MAX 20000
#define CONTACT_MAX 500

static void statement_form(req *r, const privacy_texts *t)
{
	html(&r->out, "<h2>%s</h2><p class=\"hint\">%s</p>", tr(r, "Privacyverklaring", "Privacy statement"),
	     tr(r, "Staat op de eerste pagina van elke vragenlijst, onder de bewaartermijnen van die meetronde. "
		   "Gewone tekst, geen HTML; een lege regel begint een nieuwe alinea. Staat er maar één taal "
		   "in, dan krijgen deelnemers in de andere taal die.",
		"Shown on the first page of every questionnaire, below the retention of that round. Plain "
		"text, no HTML; a blank line starts a new paragraph. With only one language filled in, "
		"participants in the other language get that one."));
	form_begin(r, "/admin/privacy/statement", "stack");
	textarea_field(r, "statement_nl", tr(r, "Privacyverklaring, Nederlands", "Privacy statement, Dutch"),
		       t->statement_nl, NULL);
	textarea_field(r, "statement_en", tr(r, "Privacyverklaring, Engels", "Privacy statement, English"),
		       t->statement_en, NULL);
	input_field(r, "text", "contact", tr(r, "Contact voor privacyvragen", "Contact for privacy questions"),
		    t->contact,
		    tr(r, "Bijvoorbeeld: de functionaris gegevensbescherming, privacy@hogeschool.nl.",
		       "For example: the data protection officer, privacy@university.example."),
		    false);
	html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Opslaan", "Save"));
	form_end(r);
}

static void admin_page(req *r, const retention_policy *site, const privacy_texts *texts, bool saved)
{
	page_begin(r, tr(r, "Privacy · Beheer", "Privacy · Administration"));
	html(&r->out, "<p class=\"meta\"><a href=\"/admin\">%s</a></p><h1>%s</h1>", tr(r, "Beheer", "Administration"),
	     tr(r, "Beheer: privacy", "Administration: privacy"));
	if (saved)
		html(&r->out, "<p class=\"notice\" role=\"status\" id=\"retention-saved\">%s</p>",
		     tr(r, "De bewaartermijnen zijn opgeslagen.", "The retention limits are saved."));
	html(&r->out, "<p><a href=\"/admin/privacy/record\" id=\"record-link\">%s</a></p>",
	     tr(r, "Verwerkingsregister bekijken", "See the record of processing"));
	html(&r->out, "<h2>%s</h2>", tr(r, "Bewaartermijnen", "Retention"));
	explain_retention(r);
	html(&r->out, "<p class=\"hint\">%s</p>",
	     tr(r, "Een werkplaats kan een termijn alleen korter maken, nooit langer.",
		"A workplace can only make a limit shorter, never longer."));
	error_summary(r);
	form_begin(r, "/admin/privacy", "stack");
	policy_fields(r, site, NULL);
	html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Opslaan", "Save"));
	form_end(r);
	statement_form(r, texts);
	page_end(r);
}

/* The page as stored, with the form that failed (if any) shown again
 * with what was sent (the fields take the submitted values). */
static void admin_page_stored(req *r, bool saved)
{
	retention_policy site;
	privacy_texts t;
	store_rc rc = store_retention_site(r->st, &site);
	if (rc == ST_OK)
		rc = store_privacy_texts(r->st, r->a, &t);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	admin_page(r, &site, &t, saved);
}

void page_admin_privacy(req *r)
{
	admin_page_stored(r, req_query(r, "saved") != NULL);
}

void page_admin_privacy_statement(req *r)
{
	privacy_texts t;
	bool ok = field_multiline(r, "statement_nl", STATEMENT_MAX, false, &t.statement_nl);
	ok = field_multiline(r, "statement_en", STATEMENT_MAX, false, &t.statement_en) && ok;
	ok = field_text(r, "contact", CONTACT_MAX, false, &t.contact) && ok;
	if (!ok) {
		r->status = 400;
		admin_page_stored(r, false);
		return;
	}
	store_rc rc = store_privacy_texts_set(r->st, &t);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, 0, "privacy statement changed", "");
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	reply_redirect(r, "/admin/privacy?saved=1");
}

/* "answers 30, comments -, ..." for the audit log. */
static const char *policy_detail(req *r, const retention_policy *p)
{
	const char *s = "";
	for (int k = 0; k < RET_KIND_COUNT; k++)
		s = arena_printf(r->a, "%s%s%s %s", s, k ? ", " : "", retention_kind_code((retention_kind)k),
				 p->days[k] > 0 ? arena_printf(r->a, "%d", p->days[k]) : "-");
	return s;
}

void page_admin_privacy_save(req *r)
{
	retention_policy p;
	if (!read_policy(r, &p)) {
		r->status = 400;
		admin_page_stored(r, false);
		return;
	}
	store_rc rc = store_retention_site_set(r->st, &p);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, 0, "retention changed", policy_detail(r, &p));
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	reply_redirect(r, "/admin/privacy?saved=1");
}

/* ---- /pw/{slug}/privacy */

static void workplace_page(req *r, const retention_policy *site, const retention_policy *own, bool saved)
{
	wp_heading(r, tr(r, "Privacy", "Privacy"), "privacy");
	if (saved)
		html(&r->out, "<p class=\"notice\" role=\"status\" id=\"retention-saved\">%s</p>",
		     tr(r, "De bewaartermijnen zijn opgeslagen.", "The retention limits are saved."));
	html(&r->out, "<h2>%s</h2>", tr(r, "Wat hier geldt", "What holds here"));
	retention_policy eff = retention_effective(site, own);
	policy_table(r, "retention-effective", &eff);
	explain_retention(r);
	html(&r->out, "<h2>%s</h2><p class=\"hint\">%s</p>", tr(r, "Eigen, kortere termijnen", "Own, shorter limits"),
	     tr(r, "De site stelt de langste termijnen; deze werkplaats kan ze korter maken.",
		"The site sets the longest limits; this workplace can make them shorter."));
	error_summary(r);
	form_begin(r, arena_printf(r->a, "%s/privacy", wp_path(r)), "stack");
	policy_fields(r, own, site);
	html(&r->out, "<button class=\"primary\">%s</button>", tr(r, "Opslaan", "Save"));
	form_end(r);
	page_end(r);
}

/* The site's and the workplace's limits; false after replying. */
static bool load_policies(req *r, retention_policy *site, retention_policy *own)
{
	store_rc rc = store_retention_site(r->st, site);
	if (rc == ST_OK && own)
		rc = store_retention_workplace(r->st, r->wp->id, own);
	return found_or_reply(r, rc);
}

void page_wp_privacy(req *r)
{
	retention_policy site, own;
	if (wp_access(r, true) && load_policies(r, &site, &own))
		workplace_page(r, &site, &own, req_query(r, "saved") != NULL);
}

void page_wp_privacy_save(req *r)
{
	retention_policy site, own;
	if (!wp_access(r, true) || !load_policies(r, &site, NULL))
		return;
	bool ok = read_policy(r, &own);
	for (int k = 0; ok && k < RET_KIND_COUNT; k++)
		if (!retention_allowed(site.days[k], own.days[k])) {
			field_error(r, retention_kind_code((retention_kind)k),
				    arena_printf(r->a, tr(r, "De site bewaart dit %s; een werkplaats kan dat alleen korter maken.",
							  "The site keeps this %s; a workplace can only make that shorter."),
						 days_text(r, site.days[k])));
			ok = false;
		}
	if (!ok) {
		r->status = 400;
		workplace_page(r, &site, &own, false);
		return;
	}
	store_rc rc = store_retention_workplace_set(r->st, r->wp->id, &own);
	if (rc == ST_OK)
		rc = store_audit(r->st, r->user->id, r->wp->id, "retention changed", policy_detail(r, &own));
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	reply_redirect(r, arena_printf(r->a, "%s/privacy?saved=1", wp_path(r)));
}

/* ---- /admin/privacy/record: the record of processing */

void page_admin_privacy_record(req *r)
{
	mail_setup ms;
	if (!site_mail_or_reply(r, &ms))
		return;
	record_config cfg = {r->app->db_label, r->app->public_url, ms.source == MAIL_OFF ? NULL : ms.cfg.url};
	processing_record rec;
	store_rc rc = processing_record_build(r->st, r->a, &cfg, r->english, &rec);
	if (rc != ST_OK) {
		reply_store_error(r, rc);
		return;
	}
	r->wide = true;
	page_begin(r, tr(r, "Verwerkingsregister · Beheer", "Record of processing · Administration"));
	html(&r->out, "<p class=\"meta\"><a href=\"/admin\">%s</a> · <a href=\"/admin/privacy\">%s</a></p><h1>%s</h1>",
	     tr(r, "Beheer", "Administration"), tr(r, "Privacy", "Privacy"),
	     tr(r, "Verwerkingsregister", "Record of processing"));
	html(&r->out, "<p>%s</p>",
	     tr(r, "Wat werkplaats bewaart, waarom, hoe lang en waar, opgesteld uit de instellingen van deze site "
		   "(voor de functionaris gegevensbescherming). werkplaats privacy record geeft hetzelfde als "
		   "Markdown.",
		"What werkplaats keeps, why, how long and where, drawn up from this site's settings (for the "
		"data protection officer). werkplaats privacy record gives the same as Markdown."));
	html(&r->out, "<dl id=\"record-facts\">");
	for (int i = 0; i < rec.n_facts; i++)
		html(&r->out, "<dt>%s</dt><dd>%s</dd>", rec.fact_label[i], rec.fact_value[i]);
	html(&r->out, "</dl><div class=\"table-wrap\"><table id=\"record\"><thead><tr><th scope=\"col\">%s</th>"
		      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	     tr(r, "Wat", "What"), tr(r, "Waarom", "Why"), tr(r, "Hoe lang", "How long"), tr(r, "Waar", "Where"));
	for (int i = 0; i < rec.n_rows; i++)
		html(&r->out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>", rec.rows[i].what,
		     rec.rows[i].why, rec.rows[i].how_long, rec.rows[i].where);
	html(&r->out, "</tbody></table></div>");
	page_end(r);
}
