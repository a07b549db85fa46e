/* outbox.c - composing, sending and counting the mails of rounds. */
#include "io/outbox.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sealed.h"
#include "base/token.h"
#include "base/util.h"

const char *const mail_securities[] = {"starttls", "tls", "starttls-optional", NULL};

/* ---- the site's settings ---- */

static const char *const setting_keys[] = {"mail.host", "mail.port", "mail.security", "mail.user",
					   "mail.from", "mail.password"};

store_rc outbox_settings_load(store *st, arena *a, mail_site_settings *out)
{
	char *v[ARRAY_LEN(setting_keys)];
	for (size_t i = 0; i < ARRAY_LEN(setting_keys); i++) {
		store_rc rc = store_meta_get(st, a, setting_keys[i], &v[i]);
		if (rc == ST_NOTFOUND && i > 0)
			v[i] = "";
		else if (rc != ST_OK)
			return rc;
	}
	int64_t port;
	*out = (mail_site_settings){v[0], parse_int64(v[1], 1, 65535, &port) ? (int)port : 587, v[2],
				    v[3], v[4], v[5]};
	return ST_OK;
}

store_rc outbox_settings_save(store *st, const mail_site_settings *s)
{
	char port[16];
	snprintf(port, sizeof port, "%d", s->port);
	const char *v[] = {s->host, port, s->security, s->user, s->from, s->password_sealed};
	store_rc rc = ST_OK;
	for (size_t i = 0; i < ARRAY_LEN(setting_keys) && rc == ST_OK; i++)
		rc = store_meta_set(st, setting_keys[i], v[i]);
	return rc;
}

store_rc outbox_settings_clear(store *st)
{
	store_rc rc = ST_OK;
	for (size_t i = 0; i < ARRAY_LEN(setting_keys) && rc == ST_OK; i++)
		rc = store_meta_delete(st, setting_keys[i]);
	return rc;
}

const char *outbox_settings_url(arena *a, const mail_site_settings *s)
{
	bool v6 = strchr(s->host, ':') != NULL;
	return arena_printf(a, "%s://%s%s%s:%d", strcmp(s->security, "tls") == 0 ? "smtps" : "smtp",
			    v6 ? "[" : "", s->host, v6 ? "]" : "", s->port);
}

/* The site's settings as a mail_config; the password opened with key. */
static void site_setup(arena *a, const mail_site_settings *s, const unsigned char *key,
		       mail_setup *out)
{
	out->source = MAIL_SITE;
	out->cfg = (mail_config){outbox_settings_url(a, s), s->from, *s->user ? s->user : NULL, NULL,
				 strcmp(s->security, "starttls") == 0};
	if (!*s->password_sealed)
		return;
	char *plain = key ? sealed_open(key, s->password_sealed) : NULL;
	if (!plain) {
		out->problem = key ? "the stored SMTP password cannot be decrypted with this key file "
				     "(--secret-key-file): was the key file replaced? Enter the password again."
				   : "an SMTP password is stored, but serve was started without "
				     "--secret-key-file: it cannot be decrypted";
		return;
	}
	out->cfg.password = arena_strdup(a, plain);
	sodium_memzero(plain, strlen(plain));
	free(plain);
}

store_rc outbox_setup(store *st, arena *a, const mail_config *cli, const unsigned char *key,
		      mail_setup *out)
{
	memset(out, 0, sizeof *out);
	if (cli) {
		out->source = MAIL_COMMAND_LINE;
		out->cfg = *cli;
		return ST_OK;
	}
	mail_site_settings s;
	store_rc rc = outbox_settings_load(st, a, &s);
	if (rc == ST_NOTFOUND)
		return ST_OK;
	if (rc == ST_OK)
		site_setup(a, &s, key, out);
	return rc;
}

/* ---- texts ---- */

static const char *subject_of(template_kind kind, const char *lang, const char *w, arena *a)
{
	const char *nl = kind == TPL_REMINDER ? "Herinnering: vragenlijst %s" : "Uitnodiging: vragenlijst %s";
	const char *en = kind == TPL_REMINDER ? "Reminder: questionnaire %s" : "Invitation: questionnaire %s";
	if (strcmp(lang, "nl") == 0)
		return arena_printf(a, nl, w);
	if (strcmp(lang, "en") == 0)
		return arena_printf(a, en, w);
	return arena_printf(a, "%s / %s", arena_printf(a, nl, w), arena_printf(a, en, w));
}

store_rc outbox_texts(store *st, arena *a, const mround *rd, template_kind kind, mail_texts *out)
{
	const char *lang = rd->mail_lang ? rd->mail_lang : "both";
	static const char *const codes[2] = {"nl", "en"};
	out->subject = subject_of(kind, lang, rd->workplace_name, a);
	for (int i = 0; i < 2; i++) {
		out->text[i] = NULL;
		if (strcmp(lang, "both") != 0 && strcmp(lang, codes[i]) != 0)
			continue;
		char *body;
		store_rc rc = store_mail_template_get(st, a, rd->workplace_id,
						      kind == TPL_REMINDER ? "reminder" : "invitation",
						      codes[i], &body);
		if (rc != ST_OK && rc != ST_NOTFOUND)
			return rc;
		out->text[i] = rc == ST_OK ? body : mail_template_default(kind, i == 1);
	}
	return ST_OK;
}

const char *outbox_body(arena *a, const mail_texts *t, const mround *rd, const char *link)
{
	template_values v = {link, rd->title, rd->workplace_name, rd->opens_on, rd->closes_on, rd->k};
	buf b;
	buf_init(&b, BUF_NOCAP);
	if (t->text[0])
		mail_template_render(&b, t->text[0], &v);
	if (t->text[0] && t->text[1]) {
		while (b.len && b.data[b.len - 1] == '\n') /* one blank line, however the text ends */
			b.len--;
		buf_puts(&b, "\n\n-- English --\n\n");
	}
	if (t->text[1])
		mail_template_render(&b, t->text[1], &v);
	const char *out = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return out;
}

/* ---- sending and counting ---- */

int outbox_send(arena *a, const mail_config *cfg, const mail_texts *t, const mround *rd, outgoing *o,
		int n)
{
	if (!n)
		return 0;
	mail_sender *ms = mail_sender_open(cfg);
	int sent = 0;
	for (int i = 0; i < n; i++) {
		mail_message m = {o[i].email, t->subject, outbox_body(a, t, rd, o[i].link)};
		char err[256];
		if (mail_send(ms, &m, err, sizeof err))
			sent++;
		else
			o[i].error = arena_strdup(a, err);
	}
	mail_sender_close(ms);
	return sent;
}

store_rc outbox_record(store *st, arena *a, const outgoing *o, int n, const char *context)
{
	store_rc rc = store_begin(st);
	int64_t now = wp_now();
	for (int i = 0; i < n && rc == ST_OK; i++)
		if (!o[i].error && o[i].invitation_id)
			rc = store_invitation_mark_sent(st, o[i].invitation_id);
		else if (o[i].error)
			rc = store_mail_failure_add(st, now, outbox_mask(a, o[i].email), context, o[i].error);
	if (rc == ST_OK)
		return store_commit(st);
	store_rollback(st);
	return rc;
}

const char *outbox_link(arena *a, const char *public_url, const char *token)
{
	return arena_printf(a, "%s/r/%s", public_url, token);
}

store_rc outbox_mint_reminders(store *st, arena *a, const char *public_url, int64_t round_id,
			       outgoing **out, int *n)
{
	invitation *pend = NULL;
	store_rc rc = store_invitations_pending(st, a, round_id, &pend, n);
	outgoing *o = rc == ST_OK ? ARENA_ARRAY(a, outgoing, (size_t)*n + 1) : NULL;
	for (int i = 0; rc == ST_OK && i < *n; i++) {
		char tok[TOKEN_CHARS + 1], h[HASH_HEX + 1];
		token_random(tok);
		token_hash("invite", tok, h);
		o[i] = (outgoing){pend[i].id, pend[i].email, pend[i].persp, outbox_link(a, public_url, tok),
				  NULL};
		rc = store_invitation_add_token(st, pend[i].id, h);
	}
	*out = o;
	return rc;
}

const char *outbox_mask(arena *a, const char *email)
{
	const char *at = strrchr(email, '@');
	if (!at || at == email)
		return "***";
	return arena_printf(a, "%c***%s", email[0], at);
}
