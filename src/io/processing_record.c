#include "io/processing_record.h"

#include <string.h>

#include "base/buf.h"
#include "base/util.h"

#define L(nl, en) (english ? (en) : (nl))

/* "365 days after the round closes" / "no limit ..." and the workplaces
 * that keep it shorter. */
static const char *limit_text(arena *a, bool english, const retention_policy *site, retention_kind k,
			      const retention_workplace *ws, int n_ws, const char *from)
{
	int base = retention_effective(site, NULL).days[k];
	const char *s = base > 0 ? arena_printf(a, L("%d dagen %s", "%d days %s"), base, from)
				: L("geen vaste termijn: tot een beheerder het verwijdert",
				    "no fixed limit: until an administrator deletes it");
	const char *shorter = "";
	for (int i = 0; i < n_ws; i++) {
		int d = retention_effective(site, &ws[i].own).days[k];
		if (d > 0 && d != base)
			shorter = arena_printf(a, "%s%s%s %d", shorter, *shorter ? ", " : "", ws[i].slug, d);
	}
	return *shorter ? arena_printf(a, L("%s; korter in: %s", "%s; shorter in: %s"), s, shorter) : s;
}

static void add(processing_record *r, const char *what, const char *why, const char *how_long, const char *where)
{
	r->rows[r->n_rows++] = (record_row){what, why, how_long, where};
}

static void fact(processing_record *r, const char *label, const char *value)
{
	r->fact_label[r->n_facts] = label;
	r->fact_value[r->n_facts++] = value && *value ? value : "-";
}

/* The rows: one per kind of data, in the order a reader meets them. */
static void rows(processing_record *r, arena *a, bool english, const char *db, const char *mail,
		 const retention_policy *site, const retention_workplace *ws, int n_ws)
{
	const char *closing = L("na het sluiten van de meetronde", "after the round closes");
	add(r, L("Accounts: naam, e-mailadres, rollen, wachtwoord als Argon2id-hash",
		 "Accounts: name, e-mail address, roles, password as an Argon2id hash"),
	    L("Toegang tot de pagina's van de werkplaatsen", "Access to the workplaces' pages"),
	    L("Tot een beheerder het account verwijdert (/admin/people)",
	      "Until an administrator deletes the account (/admin/people)"), db);
	add(r, L("Lidmaatschappen en uitnodigingen om lid te worden (adres, rol)",
		 "Memberships and invitations to join (address, role)"),
	    L("Wie welke werkplaats ziet en beheert", "Who sees and manages which workplace"),
	    L("Lidmaatschap: tot het lid wordt verwijderd; uitnodiging: tot gebruik, intrekking of na 7 dagen",
	      "Membership: until the member is removed; invitation: until used, revoked, or after 7 days"), db);
	add(r, L("Sessies, eenmalige wachtwoordlinks, mislukte inlogpogingen, API-tokens (alleen als hash)",
		 "Sessions, one-time password links, failed logins, API tokens (hashed only)"),
	    L("Inloggen en beveiliging", "Signing in and security"),
	    L("Sessie 12 uur, wachtwoordlink 7 dagen, tellers van pogingen een dag (daarna verwijdert de "
	      "planner ze); token tot het wordt ingetrokken",
	      "Session 12 hours, password link 7 days, counters of attempts one day (then the scheduler "
	      "deletes them); token until revoked"), db);
	add(r, L("Tweede stap bij inloggen (TOTP): geheime sleutel, versleuteld; laatst gebruikte stap",
		 "Two-step login (TOTP): secret key, encrypted; the last step used"),
	    L("Inloggen en beveiliging", "Signing in and security"),
	    L("Tot de persoon het uitzet of het account wordt verwijderd",
	      "Until the person switches it off or the account is deleted"), db);
	add(r, L("Uitnodigingsadressen van een meetronde (e-mailadres, rol)",
		 "Invitation addresses of a round (e-mail address, perspective)"),
	    L("Uitnodigingen en herinneringen versturen", "Sending invitations and reminders"),
	    limit_text(a, english, site, RET_ADDRESSES, ws, n_ws, closing),
	    mail ? arena_printf(a, L("%s; verstuurd via %s", "%s; sent through %s"), db, mail) : db);
	add(r, L("Antwoorden op de vragenlijst met rol en taal; anoniem: niet te koppelen aan een persoon",
		 "Answers to the questionnaire with perspective and language; anonymous: not linked to a person"),
	    L("De meting: groepsresultaten van de werkplaats", "The measurement: the workplace's group results"),
	    limit_text(a, english, site, RET_ANSWERS, ws, n_ws, closing), db);
	add(r, L("Open antwoorden (vrije tekst; kan toch namen bevatten)",
		 "Open answers (free text; may still contain names)"),
	    L("De dialoog over de resultaten", "The dialogue about the results"),
	    limit_text(a, english, site, RET_COMMENTS, ws, n_ws, closing), db);
	add(r, L("Groepscijfers van gesloten meetrondes (alleen groepen van ten minste k)",
		 "Group figures of closed rounds (only groups of at least k)"),
	    L("Ontwikkeling van de werkplaats over de jaren; geen persoonsgegevens",
	      "The workplace's development over the years; no personal data"),
	    L("Zolang de werkplaats bestaat", "As long as the workplace exists"), db);
	add(r, L("Logboek: wie wat wijzigde, wanneer", "Audit log: who changed what, when"),
	    L("Verantwoording en beveiliging", "Accountability and security"),
	    limit_text(a, english, site, RET_AUDIT, ws, n_ws, L("na elke regel", "after each entry")), db);
	add(r, L("Afleverfouten van mail (adres gemaskeerd)", "Mail delivery errors (address masked)"),
	    L("Storingen in de mail opsporen", "Finding mail problems"),
	    L("De laatste 50", "The last 50"), db);
	add(r, L("Serverlog: methode, pad (tokens weggelaten), status, duur; geen IP-adres, geen zoekvraag",
		 "Server log: method, path (tokens left out), status, duration; no IP address, no query"),
	    L("Beheer van de server", "Running the server"),
	    L("Zolang het systeemjournaal het bewaart", "As long as the system journal keeps it"),
	    L("Standaardfout van de server (journald)", "The server's standard error (journald)"));
	add(r, L("Back-ups van de database", "Backups of the database"),
	    L("Herstel na een storing", "Recovery after a failure"),
	    L("Zolang een back-up wordt bewaard (serve --backup-keep, pg_dump); zie docs/privacy.md",
	      "As long as a backup is kept (serve --backup-keep, pg_dump); see docs/privacy.md"),
	    L("Waar serve --backup-dir of pg_dump ze schrijft", "Where serve --backup-dir or pg_dump writes them"));
}

store_rc processing_record_build(store *st, arena *a, const record_config *cfg, bool english,
				 processing_record *out)
{
	retention_policy site;
	retention_workplace *ws;
	privacy_texts t;
	int n_ws;
	memset(out, 0, sizeof *out);
	store_rc rc = store_retention_site(st, &site);
	if (rc == ST_OK)
		rc = store_retention_workplaces(st, a, &ws, &n_ws);
	if (rc == ST_OK)
		rc = store_privacy_texts(st, a, &t);
	if (rc != ST_OK)
		return rc;
	out->fact_label = ARENA_ARRAY(a, const char *, 8);
	out->fact_value = ARENA_ARRAY(a, const char *, 8);
	char day[11];
	today(day);
	fact(out, L("Opgesteld op", "Drawn up on"), arena_strdup(a, day));
	fact(out, L("Site", "Site"), cfg->public_url);
	fact(out, L("Database", "Database"), cfg->database);
	fact(out, L("Uitgaande mail", "Outgoing mail"), cfg->mail_url ? cfg->mail_url : L("geen", "none"));
	fact(out, L("Contact voor privacyvragen", "Contact for privacy questions"), t.contact);
	fact(out, L("Privacyverklaring", "Privacy statement"),
	     *t.statement_nl || *t.statement_en ? L("ingesteld (/admin/privacy)", "set (/admin/privacy)")
						 : L("niet ingesteld", "not set"));
	fact(out, L("Werkplaatsen", "Workplaces"), arena_printf(a, "%d", n_ws));
	const char *db = cfg->database ? arena_printf(a, L("Database (%s)", "Database (%s)"), cfg->database)
				       : L("Database", "Database");
	out->rows = ARENA_ARRAY(a, record_row, 16);
	rows(out, a, english, db, cfg->mail_url, &site, ws, n_ws);
	return ST_OK;
}

/* A table cell of Markdown: no line breaks, '|' escaped. */
static void md_cell(buf *b, const char *s)
{
	buf_puts(b, " ");
	for (; *s; s++) {
		if (*s == '|')
			buf_puts(b, "\\|");
		else if (*s == '\n' || *s == '\r')
			buf_putc(b, ' ');
		else
			buf_putc(b, *s);
	}
	buf_puts(b, " |");
}

const char *processing_record_markdown(arena *a, const processing_record *rec, bool english)
{
	buf b;
	buf_init(&b, BUF_NOCAP);
	buf_puts(&b, L("# Verwerkingsregister van werkplaats\n\n", "# Record of processing of werkplaats\n\n"));
	for (int i = 0; i < rec->n_facts; i++) {
		buf_puts(&b, "- ");
		buf_puts(&b, rec->fact_label[i]);
		buf_puts(&b, ": ");
		buf_puts(&b, rec->fact_value[i]);
		buf_puts(&b, "\n");
	}
	buf_puts(&b, L("\n| Wat | Waarom | Hoe lang | Waar |\n", "\n| What | Why | How long | Where |\n"));
	buf_puts(&b, "| --- | --- | --- | --- |\n");
	for (int i = 0; i < rec->n_rows; i++) {
		buf_puts(&b, "|");
		md_cell(&b, rec->rows[i].what);
		md_cell(&b, rec->rows[i].why);
		md_cell(&b, rec->rows[i].how_long);
		md_cell(&b, rec->rows[i].where);
		buf_puts(&b, "\n");
	}
	const char *out = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return out;
}
