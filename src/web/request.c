/* request.c - reading a request (headers, cookies, query, form fields with
 * validation) and writing a response (headers, redirects, errors, JSON). */
#include <ctype.h>
#include <microhttpd.h>
#include <string.h>

#include "base/metrics.h"
#include "base/util.h"
#include "web/app.h"
#include "web/form.h"
#include "web/web.h"

const char *req_header(req *r, const char *name)
{
	return MHD_lookup_connection_value((struct MHD_Connection *)r->conn, MHD_HEADER_KIND, name);
}

const char *req_cookie(req *r, const char *name)
{
	return MHD_lookup_connection_value((struct MHD_Connection *)r->conn, MHD_COOKIE_KIND, name);
}

const char *req_query(req *r, const char *name)
{
	return MHD_lookup_connection_value((struct MHD_Connection *)r->conn,
					   MHD_GET_ARGUMENT_KIND, name);
}

const char *form_get(req *r, const char *name)
{
	for (int i = 0; i < r->form.n; i++)
		if (strcmp(r->form.v[i].key, name) == 0)
			return r->form.v[i].val;
	return NULL;
}

bool form_file(req *r, const char *name, const char **data, size_t *len, const char **filename)
{
	for (int i = 0; i < r->files.n; i++) {
		const form_part *p = &r->files.v[i];
		if (strcmp(p->name, name) != 0 || !p->len)
			continue;
		*data = p->data;
		*len = p->len;
		*filename = p->filename;
		return true;
	}
	return false;
}

const char **form_all(req *r, const char *name, int *n)
{
	const char **out = ARENA_ARRAY(r->a, const char *, (size_t)r->form.n + 1);
	*n = 0;
	for (int i = 0; i < r->form.n; i++)
		if (strcmp(r->form.v[i].key, name) == 0)
			out[(*n)++] = r->form.v[i].val;
	return out;
}

/* ---- validation ---- */

void field_error(req *r, const char *field, const char *message)
{
	if (field_error_for(r, field) || r->nerrors >= MAX_FIELD_ERRORS)
		return;
	r->errors[r->nerrors].field = field;
	r->errors[r->nerrors].message = message;
	r->nerrors++;
}

const char *field_error_for(req *r, const char *field)
{
	for (int i = 0; i < r->nerrors; i++)
		if (strcmp(r->errors[i].field, field) == 0)
			return r->errors[i].message;
	return NULL;
}

/* Trim surrounding white space into an arena copy. */
static const char *trimmed(req *r, const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return arena_strndup(r->a, s, n);
}

static bool text_common(req *r, const char *name, size_t max_chars, bool required, bool multiline,
			const char **out)
{
	const char *raw = form_get(r, name);
	const char *v = trimmed(r, raw ? raw : "");
	*out = v;
	if (!utf8_valid_text(v, strlen(v), multiline)) {
		field_error(r, name, tr(r, "Deze tekst bevat tekens die niet zijn toegestaan.",
					"This text contains characters that are not allowed."));
		return false;
	}
	if (required && !*v) {
		field_error(r, name, tr(r, "Vul dit veld in.", "Please fill in this field."));
		return false;
	}
	if (utf8_length(v) > max_chars) {
		field_error(r, name, arena_printf(r->a, tr(r, "Maximaal %zu tekens (nu %zu).",
							  "At most %zu characters (now %zu)."),
						  max_chars, utf8_length(v)));
		return false;
	}
	return true;
}

bool field_text(req *r, const char *name, size_t max_chars, bool required, const char **out)
{
	return text_common(r, name, max_chars, required, false, out);
}

bool field_multiline(req *r, const char *name, size_t max_chars, bool required, const char **out)
{
	return text_common(r, name, max_chars, required, true, out);
}

bool field_int(req *r, const char *name, int64_t min, int64_t max, int64_t *out)
{
	const char *raw = form_get(r, name);
	if (!raw || !parse_int64(trimmed(r, raw), min, max, out)) {
		field_error(r, name, arena_printf(r->a, tr(r, "Geef een geheel getal van %lld tot en met %lld.",
							  "Enter a whole number from %lld to %lld."),
						  (long long)min, (long long)max));
		return false;
	}
	return true;
}

bool field_date(req *r, const char *name, bool required, const char **out)
{
	const char *v;
	if (!text_common(r, name, 10, required, false, &v))
		return false;
	*out = NULL;
	if (!*v)
		return true;
	int64_t days;
	if (!parse_date(v, &days)) {
		field_error(r, name, tr(r, "Geef een datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-01.",
					"Enter a date as YYYY-MM-DD, for example 2026-03-01."));
		return false;
	}
	*out = v;
	return true;
}

bool field_email(req *r, const char *name, const char **out)
{
	const char *v;
	if (!text_common(r, name, 254, true, false, &v))
		return false;
	char *lower = arena_strdup(r->a, v);
	for (char *p = lower; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (!email_well_formed(lower)) {
		field_error(r, name, tr(r, "Geef een geldig e-mailadres, zoals naam@voorbeeld.nl.",
					"Enter a valid e-mail address, such as name@example.org."));
		return false;
	}
	*out = lower;
	return true;
}

bool field_new_password(req *r, const char **out)
{
	const char *p = form_get(r, "new"), *rep = form_get(r, "repeat");
	*out = p;
	if (!p || utf8_length(p) < PASSWORD_MIN || utf8_length(p) > PASSWORD_MAX ||
	    !utf8_valid_text(p, strlen(p), false)) {
		field_error(r, "new", tr(r, "Kies een wachtwoord van 10 tot 200 tekens.",
					 "Choose a password of 10 to 200 characters."));
		return false;
	}
	if (!rep || strcmp(p, rep) != 0) {
		field_error(r, "repeat", tr(r, "De twee wachtwoorden zijn niet gelijk.",
					    "The two passwords are not the same."));
		return false;
	}
	return true;
}

bool field_choice(req *r, const char *name, const char *const *choices, int *out)
{
	const char *v = form_get(r, name);
	for (int i = 0; v && choices[i]; i++)
		if (strcmp(v, choices[i]) == 0) {
			*out = i;
			return true;
		}
	field_error(r, name, tr(r, "Kies een van de mogelijkheden.", "Please choose one of the options."));
	return false;
}

bool field_checkbox(req *r, const char *name)
{
	const char *v = form_get(r, name);
	return v && *v;
}

bool field_url(req *r, const char *name, bool required, const char **out)
{
	const char *v;
	if (!text_common(r, name, 2000, required, false, &v))
		return false;
	*out = v;
	if (!*v)
		return true;
	bool ok = strncmp(v, "https://", 8) == 0 || strncmp(v, "http://", 7) == 0;
	for (const char *p = v; ok && *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>')
			ok = false;
	if (!ok) {
		field_error(r, name, tr(r, "Geef een webadres dat begint met https:// of http://.",
					"Enter a web address starting with https:// or http://."));
		return false;
	}
	return true;
}

void req_on_done(req *r, void (*fn)(void *), void *p)
{
	struct req_cleanup *c = ARENA_NEW(r->a, struct req_cleanup);
	c->fn = fn;
	c->p = p;
	c->next = r->cleanup;
	r->cleanup = c;
}

/* ---- responses ---- */

void reply_header(req *r, const char *name, const char *value)
{
	kv_push(r->a, &r->headers, arena_strdup(r->a, name), arena_strdup(r->a, value));
}

void reply_redirect(req *r, const char *location)
{
	r->status = 303;
	buf_reset(&r->out);
	reply_header(r, "Location", location);
	r->replied = true;
}

bool cookie_secure(const req *r)
{
	/* a site whose public address is https is reached over TLS (directly
	 * or through its proxy) even without --secure-cookies */
	return r->app && (r->app->secure_cookies ||
			  (r->app->public_url && strncmp(r->app->public_url, "https://", 8) == 0));
}

void set_cookie_at(req *r, const char *name, const char *value, const char *path, int64_t max_age)
{
	reply_header(r, "Set-Cookie",
		     arena_printf(r->a, "%s=%s; Path=%s; Max-Age=%lld; HttpOnly; SameSite=Lax%s", name,
				  value, path, (long long)max_age, cookie_secure(r) ? "; Secure" : ""));
}

void set_cookie(req *r, const char *name, const char *value, int64_t max_age)
{
	set_cookie_at(r, name, value, "/", max_age);
}

void reply_json(req *r, int status, const char *json_text)
{
	r->status = status;
	r->content_type = "application/json";
	buf_reset(&r->out);
	buf_puts(&r->out, json_text);
	buf_putc(&r->out, '\n');
	r->replied = true;
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
	if (rc == ST_BUSY)
		reply_error(r, 503, tr(r, "De database is even niet bereikbaar. Probeer het over een "
					  "paar seconden opnieuw; er is niets opgeslagen.",
				       "The database is briefly unavailable. Please try again in a few "
				       "seconds; nothing was saved."));
	else
		reply_error(r, 500, NULL);
}

const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strlen(next) > 512)
		return "/";
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p < 0x21 || *p == '\\')
			return "/";
	return next;
}
