/* outbox.h - the mails of rounds: where the mail settings come from (the
 * command line, or the site's settings on /admin/mail with the password
 * sealed under the key file), the texts (a workplace's templates or the
 * defaults, in the round's language), minting the links of a reminder,
 * sending, and keeping count: sent mails on the invitation, failures in
 * the list of delivery errors with the address masked. Used by the round
 * pages and by the reminder scheduler alike.
 *
 * Memory: strings and arrays are allocated in the arena passed. */
#ifndef WP_OUTBOX_H
#define WP_OUTBOX_H

#include <stdbool.h>

#include "io/mail.h"
#include "io/mail_template.h"
#include "store/store.h"

typedef enum { MAIL_OFF, MAIL_COMMAND_LINE, MAIL_SITE } mail_source;

/* The settings an administrator keeps on /admin/mail (meta "mail.*"). */
typedef struct {
	const char *host;
	int port;
	const char *security;        /* "starttls", "tls" or "starttls-optional" */
	const char *user;            /* "" for none */
	const char *from;
	const char *password_sealed; /* sealed_seal's text, "" for none */
} mail_site_settings;

extern const char *const mail_securities[]; /* NULL-terminated, in the order of the form */

/* ST_NOTFOUND when none are stored. */
store_rc outbox_settings_load(store *st, arena *a, mail_site_settings *out);
store_rc outbox_settings_save(store *st, const mail_site_settings *s);
store_rc outbox_settings_clear(store *st);
/* smtp[s]://host:port for the settings. */
const char *outbox_settings_url(arena *a, const mail_site_settings *s);

/* What mail the site sends with now. */
typedef struct {
	mail_source source;
	mail_config cfg;     /* when ready */
	const char *problem; /* why the site's settings cannot be used (a password the key does not open) */
} mail_setup;

/* Decide: the command line's settings when given (cli not NULL), else
 * the site's, its password opened with key (NULL: no key file). */
store_rc outbox_setup(store *st, arena *a, const mail_config *cli, const unsigned char *key,
		      mail_setup *out);
static inline bool outbox_ready(const mail_setup *m)
{
	return m->source != MAIL_OFF && !m->problem;
}

/* One mail to send: the invitation and the link it carries. */
typedef struct {
	int64_t invitation_id;
	const char *email;
	perspective persp;
	const char *link;
	const char *error; /* NULL when sent */
} outgoing;

/* The subject and text (placeholders not yet filled in) of a round's
 * mails of a kind, in its language: the workplace's templates, else the
 * defaults. Both languages: Dutch first. */
typedef struct {
	const char *subject;
	const char *text[2]; /* Dutch, English; NULL when not in that language */
} mail_texts;
store_rc outbox_texts(store *st, arena *a, const mround *rd, template_kind kind, mail_texts *out);

/* The text of one mail with its link. */
const char *outbox_body(arena *a, const mail_texts *t, const mround *rd, const char *link);

/* Send o[0..n) over one connection; failures go to o[i].error. Returns
 * how many went out. */
int outbox_send(arena *a, const mail_config *cfg, const mail_texts *t, const mround *rd, outgoing *o,
		int n);

/* Count what outbox_send did, in a transaction of its own: sent mails on
 * their invitations, failures in the delivery errors (context says what
 * was sent: "invitation", "reminder", "test"). */
store_rc outbox_record(store *st, arena *a, const outgoing *o, int n, const char *context);

/* In the caller's transaction: a new link (a token whose "invite" hash is
 * stored) for every invitation of the round not yet used. */
store_rc outbox_mint_reminders(store *st, arena *a, const char *public_url, int64_t round_id,
			       outgoing **out, int *n);

/* An address as the list of delivery errors keeps it: "m***@example.org". */
const char *outbox_mask(arena *a, const char *email);

/* The link of a token: public_url + "/r/" + token. */
const char *outbox_link(arena *a, const char *public_url, const char *token);

#endif
