#include "io/mail.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/token.h"
#include "base/util.h"

void mail_global_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

void mail_global_cleanup(void)
{
	curl_global_cleanup();
}

bool mail_address_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	const char *at = n ? strchr(s, '@') : NULL;
	if (!at || at == s || !at[1] || strchr(at + 1, '@') || n > 254)
		return false;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f || strchr("<>()[],;:\\\"", *p))
			return false;
	return true;
}

bool mail_url_ok(const char *url)
{
	const char *host = NULL;
	if (strncmp(url, "smtp://", 7) == 0)
		host = url + 7;
	else if (strncmp(url, "smtps://", 8) == 0)
		host = url + 8;
	if (!host || !*host || *host == '/' || *host == ':')
		return false;
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f)
			return false;
	return true;
}

/* ---- building ---- */

static bool ascii_printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			return false;
	return true;
}

/* A plain ASCII subject, folded at spaces so lines stay within 78
 * characters where the words allow (RFC 5322 2.2.3). */
static void put_folded(buf *out, const char *s)
{
	size_t col = 9; /* after "Subject: " */
	bool first = true;
	for (;;) {
		while (*s == ' ')
			s++;
		if (!*s)
			return;
		size_t n = strcspn(s, " ");
		if (!first) {
			if (col + 1 + n > 78) {
				buf_puts(out, "\r\n"); /* the space below starts the continuation */
				col = 0;
			}
			buf_putc(out, ' ');
			col++;
		}
		buf_append(out, s, n);
		col += n;
		s += n;
		first = false;
	}
}

/* Subject: plain when it is printable ASCII with no word longer than a
 * line, else RFC 2047 encoded words ("=?UTF-8?B?...?=", never splitting a
 * UTF-8 sequence), one per line so every line stays within 78. */
static bool put_subject(buf *out, const char *s)
{
	size_t n = strlen(s);
	if (!n || !utf8_valid_text(s, n, false) || strchr(s, '\t'))
		return false;
	buf_puts(out, "Subject: ");
	size_t longest = 0, run = 0;
	for (const char *p = s; *p; p++) {
		run = *p == ' ' ? 0 : run + 1;
		longest = run > longest ? run : longest;
	}
	if (ascii_printable(s) && longest <= 60) {
		put_folded(out, s);
		buf_puts(out, "\r\n");
		return true;
	}
	size_t i = 0;
	while (i < n) {
		size_t take = n - i < 39 ? n - i : 39; /* 39 bytes: 52 base64 characters */
		while (i + take < n && ((unsigned char)s[i + take] & 0xc0) == 0x80)
			take--;
		char b64[64];
		sodium_bin2base64(b64, sizeof b64, (const unsigned char *)s + i, take,
				  sodium_base64_VARIANT_ORIGINAL);
		buf_printf(out, "%s=?UTF-8?B?%s?=", i ? "\r\n " : "", b64);
		i += take;
	}
	buf_puts(out, "\r\n");
	return true;
}

static const char *domain_of(const char *addr)
{
	const char *at = strrchr(addr, '@');
	return at ? at + 1 : "localhost";
}

static void put_date(buf *out, int64_t now)
{
	static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	time_t t = (time_t)now;
	struct tm tm;
	gmtime_r(&t, &tm);
	buf_printf(out, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n", days[tm.tm_wday],
		   tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* One line of the body as quoted-printable (RFC 2045 6.7): printable
 * ASCII stays, except '='; a space or tab before the line end and a dot
 * at the start of a line are encoded; lines are broken softly before 76. */
static void put_qp_line(buf *out, const unsigned char *s, size_t n)
{
	size_t col = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		bool last = i + 1 == n;
		char tok[4];
		size_t tn;
		if ((c >= 33 && c <= 126 && c != '=' && !(c == '.' && col == 0)) ||
		    ((c == ' ' || c == '\t') && !last)) {
			tok[0] = (char)c;
			tn = 1;
		} else {
			snprintf(tok, sizeof tok, "=%02X", c);
			tn = 3;
		}
		/* room for the token and, unless it ends the line, a soft break */
		if (col + tn > (last ? 76u : 75u)) {
			buf_puts(out, "=\r\n");
			col = 0;
			if (c == '.') {
				snprintf(tok, sizeof tok, "=2E");
				tn = 3;
			}
		}
		buf_append(out, tok, tn);
		col += tn;
	}
	buf_puts(out, "\r\n");
}

static void put_body(buf *out, const char *body)
{
	const char *p = body;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		size_t len = n && p[n - 1] == '\r' ? n - 1 : n;
		put_qp_line(out, (const unsigned char *)p, len);
		p += n + (nl ? 1 : 0);
	}
}

bool mail_build(buf *out, const char *from, const mail_message *m, int64_t now,
		const char *message_id)
{
	if (!mail_address_ok(from) || !mail_address_ok(m->to) || !m->subject || !m->body ||
	    !utf8_valid_text(m->body, strlen(m->body), true) || !message_id ||
	    !ascii_printable(message_id) || strpbrk(message_id, "<>@ "))
		return false;
	buf_reset(out);
	buf_printf(out, "From: werkplaats <%s>\r\nTo: <%s>\r\n", from, m->to);
	if (!put_subject(out, m->subject))
		return false;
	put_date(out, now);
	buf_printf(out, "Message-ID: <%s@%s>\r\n", message_id, domain_of(from));
	buf_puts(out, "MIME-Version: 1.0\r\n"
		      "Content-Type: text/plain; charset=utf-8\r\n"
		      "Content-Transfer-Encoding: quoted-printable\r\n"
		      "Auto-Submitted: auto-generated\r\n"
		      "\r\n");
	put_body(out, m->body);
	return !out->toobig;
}

/* ---- sending ---- */

struct mail_sender {
	CURL *curl;
	mail_config cfg;
	char errbuf[CURL_ERROR_SIZE];
};

struct upload {
	const char *data;
	size_t len, pos;
};

static size_t read_upload(char *dst, size_t size, size_t nmemb, void *userp)
{
	struct upload *u = userp;
	size_t room = size * nmemb, left = u->len - u->pos;
	size_t n = left < room ? left : room;
	memcpy(dst, u->data + u->pos, n);
	u->pos += n;
	return n;
}

mail_sender *mail_sender_open(const mail_config *cfg)
{
	mail_sender *s = xcalloc(1, sizeof *s);
	s->cfg = *cfg;
	s->curl = curl_easy_init();
	if (!s->curl)
		die("cannot start libcurl (out of memory)");
	return s;
}

void mail_sender_close(mail_sender *s)
{
	if (!s)
		return;
	curl_easy_cleanup(s->curl);
	free(s);
}

/* Set the options of one transfer; the handle keeps the connection. */
static void set_options(mail_sender *s, const char *rcpt_from, struct curl_slist *rcpt,
			struct upload *u)
{
	CURL *c = s->curl;
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, s->cfg.url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_USE_SSL,
			 strncmp(s->cfg.url, "smtps://", 8) == 0 || s->cfg.tls_required
				 ? (long)CURLUSESSL_ALL
				 : (long)CURLUSESSL_TRY);
	if (s->cfg.user && *s->cfg.user) {
		curl_easy_setopt(c, CURLOPT_USERNAME, s->cfg.user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, s->cfg.password ? s->cfg.password : "");
	}
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, rcpt_from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
	curl_easy_setopt(c, CURLOPT_READDATA, u);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)u->len);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, s->errbuf);
}

bool mail_send(mail_sender *s, const mail_message *m, char *err, size_t errlen)
{
	buf msg;
	buf_init(&msg, 1024 * 1024);
	char id[33];
	token_hex(id, 16);
	if (!mail_build(&msg, s->cfg.from, m, wp_now(), id)) {
		buf_free(&msg);
		snprintf(err, errlen, "the address or the text cannot be sent");
		return false;
	}
	char from[300], to[300];
	snprintf(from, sizeof from, "<%s>", s->cfg.from);
	snprintf(to, sizeof to, "<%s>", m->to);
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	if (!rcpt)
		die("out of memory");
	/* libcurl dot-stuffs the upload itself (checked with Debian 12's
	 * 7.88.1 against tests/http/smtp_sink.py: a leading dot, also on the
	 * first line, goes out doubled) and ends DATA with CRLF.CRLF. We must
	 * not stuff again; quoted-printable never starts a line with a dot
	 * anyway, so a libcurl that did not stuff would be harmless too. */
	struct upload u = {msg.data ? msg.data : "", msg.len, 0};
	s->errbuf[0] = 0;
	set_options(s, from, rcpt, &u);
	CURLcode rc = curl_easy_perform(s->curl);
	curl_slist_free_all(rcpt);
	buf_free(&msg);
	if (rc == CURLE_OK)
		return true;
	snprintf(err, errlen, "%s", s->errbuf[0] ? s->errbuf : curl_easy_strerror(rc));
	return false;
}
