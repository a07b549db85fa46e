/* errors.c - every answer that ends a request in an error: the error
 * page (JSON under /api/), "not found", and a failed store call. */
#include <jansson.h>
#include <stdlib.h>

#include "base/metrics.h"
#include "web/web.h"

static const char *status_title(req *r, int status)
{
	switch (status) {
	case 400: return tr(r, "Dit klopt niet helemaal", "Something is not quite right");
	case 403: return tr(r, "Dit mag niet", "Not allowed");
	case 404: return tr(r, "Niet gevonden", "Not found");
	case 405: return tr(r, "Deze methode kan hier niet", "Method not allowed");
	case 410: return tr(r, "Niet meer geldig", "No longer valid");
	case 413: return tr(r, "Te groot", "Too large");
	case 415: return tr(r, "Onbekend formaat", "Unsupported format");
	case 429: return tr(r, "Even geduld", "Please wait");
	case 503: return tr(r, "Even niet beschikbaar", "Briefly unavailable");
	default: return tr(r, "Er ging iets mis", "Something went wrong");
	}
}

/* Under /api/ an error is JSON: {"error": message, "status": n, "request_id": id}. */
static void reply_error_json(req *r, int status, const char *message)
{
	if (!message)
		message = status == 404   ? tr(r, "niet gevonden", "not found")
			  : status == 405 ? tr(r, "deze methode kan hier niet; zie de Allow-header",
					       "method not allowed here; see the Allow header")
			  : status == 401 ? tr(r, "log eerst in, of stuur een API-token",
					       "log in first, or send an API token")
			  : status >= 500 ? tr(r, "er ging bij ons iets mis", "something went wrong on our side")
					  : tr(r, "ongeldig verzoek", "invalid request");
	json_t *o = json_pack("{s:s, s:i, s:s}", "error", message, "status", status, "request_id", r->id);
	char *text = json_dumps(o, JSON_COMPACT);
	reply_json(r, status, text);
	free(text);
	json_decref(o);
}

void reply_error(req *r, int status, const char *message)
{
	if (r->api) {
		reply_error_json(r, status, message);
		return;
	}
	r->status = status;
	buf_reset(&r->out);
	page_begin(r, status_title(r, status));
	html(&r->out, "<h1>%s</h1>", status_title(r, status));
	if (!message && status == 404)
		message = tr(r, "Deze pagina bestaat niet, of je hebt er geen toegang toe.",
			     "This page does not exist, or you have no access to it.");
	if (!message && status == 405)
		message = tr(r, "Dit adres bestaat, maar niet voor dit soort verzoek. Open de pagina "
			        "via een link of knop op de site.",
			     "This address exists, but not for this kind of request. Open the page "
			     "through a link or button on the site.");
	if (!message && status >= 500)
		message = tr(r, "Er ging bij ons iets mis. Probeer het over een paar minuten opnieuw.",
			     "Something went wrong on our side. Please try again in a few minutes.");
	if (message)
		html(&r->out, "<p>%s</p>", message);
	if (status >= 500)
		html(&r->out, "<p>%s <code>%s</code></p>",
		     tr(r, "Noem bij een melding deze code:", "When you report this, quote this code:"),
		     r->id);
	html(&r->out, "<p><a href=\"/\">%s</a></p>", tr(r, "Naar de startpagina", "Go to the start page"));
	page_end(r);
}

bool found_or_reply(req *r, store_rc rc)
{
	if (rc == ST_OK)
		return true;
	if (rc == ST_NOTFOUND)
		reply_error(r, 404, NULL);
	else
		reply_store_error(r, rc);
	return false;
}

void reply_store_error(req *r, store_rc rc)
{
	metric_count(MC_STORE_ERRORS, 1);
	if (r->st)
		r->log_note = arena_printf(r->a, "store: %s", store_errmsg(r->st));
	if (rc == ST_BUSY) {
		/* a lock, a restart, a failover: seconds, not minutes */
		reply_header(r, "Retry-After", "5");
		reply_error(r, 503, tr(r, "De database is even niet bereikbaar. Probeer het over een "
					  "paar seconden opnieuw; er is niets opgeslagen.",
				       "The database is briefly unavailable. Please try again in a few "
				       "seconds; nothing was saved."));
	} else {
		reply_error(r, 500, NULL);
	}
}

bool ok_or_reply(req *r, store_rc rc)
{
	if (rc == ST_OK)
		return true;
	reply_store_error(r, rc);
	return false;
}
