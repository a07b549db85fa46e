/* mail.h - sending one plain-text message over SMTP (libcurl), and
 * building it. Configuration comes from `werkplaats serve --smtp-url URL
 * --smtp-from ADDRESS` and the environment variables WERKPLAATS_SMTP_USER
 * and WERKPLAATS_SMTP_PASSWORD (never the command line).
 *
 * Header injection is impossible by construction: addresses and the
 * subject are refused when they hold CR, LF or other control characters;
 * the subject is written as RFC 2047 encoded words when it is not plain
 * ASCII; the body is quoted-printable, so no body line starts with a dot
 * and no line is longer than 76 characters, whatever the text. */
#ifndef WP_MAIL_H
#define WP_MAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

typedef struct {
	const char *url;      /* smtp://host[:port] (STARTTLS when offered) or smtps://host[:port] */
	const char *from;     /* envelope and header sender */
	const char *user;     /* NULL: no authentication */
	const char *password;
	bool tls_required;    /* smtp://: refuse a server that does not offer STARTTLS */
} mail_config;

typedef struct {
	const char *to;
	const char *subject; /* UTF-8, one line */
	const char *body;    /* UTF-8 text; lines end in \n (or \r\n) */
} mail_message;

/* Call once at start, before threads (curl_global_init). */
void mail_global_init(void);
void mail_global_cleanup(void);

/* Is s an address we put in an envelope or header: printable ASCII
 * without spaces, quotes, angle brackets or the like, exactly one '@'
 * with text on both sides, at most 254 bytes. */
bool mail_address_ok(const char *s);

/* Is the URL one we send through: smtp:// or smtps:// with a host. */
bool mail_url_ok(const char *url);

/* Build the complete message (headers and quoted-printable body, CRLF line
 * ends) into `out`. `now` is the Date (seconds since the epoch, written in
 * UTC) and `message_id` the part of the Message-ID before the '@' (the
 * domain of `from` follows it). Returns false, with `out` unspecified,
 * when an address, the subject or the body is unacceptable (a control
 * character, invalid UTF-8, CR or LF in a header). */
bool mail_build(buf *out, const char *from, const mail_message *m, int64_t now,
		const char *message_id);

/* A connection to the SMTP server that sends several messages in turn
 * (libcurl keeps the connection open between them). Not thread-safe: one
 * sender belongs to one request. */
typedef struct mail_sender mail_sender;

mail_sender *mail_sender_open(const mail_config *cfg); /* free with mail_sender_close */
/* Send one message; on failure false, with a short reason in err. */
bool mail_send(mail_sender *s, const mail_message *m, char *err, size_t errlen);
void mail_sender_close(mail_sender *s);

#endif
