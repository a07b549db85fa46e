/* st_idp.c - identity providers, external identities, login attempts and
 * command-line login links (sign-in through the institution). Tokens and
 * states arrive here already hashed. */
#include "store/store_internal.h"

#include "base/util.h"

store_rc store_idp_create(store *st, const identity_provider *p, int64_t *id)
{
	db_stmt *s = db_prepare(st->c, SQL(
		"INSERT INTO identity_providers (slug, name, protocol, issuer, client_id, secret_sealed,"
		" id_claim, email_claim, name_claim, first_sign_in, link_email, created_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
	const char *v[] = {p->slug,	 p->name,	 p->protocol,	 p->issuer,
			   p->client_id, p->secret_sealed, p->id_claim, p->email_claim,
			   p->name_claim, p->first_sign_in};
	for (int i = 0; i < 10; i++)
		db_bind_text(s, i + 1, v[i]);
	db_bind_int(s, 11, p->link_email);
	db_bind_int(s, 12, wp_now());
	return st_insert_id(s, id);
}

#define IDP_COLUMNS                                                                          \
	"id, slug, name, protocol, issuer, client_id, secret_sealed, id_claim, email_claim,"   \
	" name_claim, first_sign_in, link_email, discovery, jwks, fetched_at"

static void read_idp(arena *a, db_stmt *s, identity_provider *p)
{
	p->id = db_int(s, 0);
	const char **t[] = {&p->slug,	   &p->name,	    &p->protocol,    &p->issuer,
			    &p->client_id, &p->secret_sealed, &p->id_claim, &p->email_claim,
			    &p->name_claim, &p->first_sign_in};
	for (int i = 0; i < 10; i++)
		*t[i] = st_text(a, s, i + 1);
	p->link_email = db_int(s, 11);
	p->discovery = st_text(a, s, 12);
	p->jwks = st_text(a, s, 13);
	p->fetched_at = db_int(s, 14);
}

store_rc store_idps(store *st, arena *a, identity_provider **out, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT " IDP_COLUMNS " FROM identity_providers"
					   " ORDER BY name, id"));
	st_vec v = {0};
	db_result r;
	while ((r = db_step(s)) == DB_ROW)
		read_idp(a, s, st_vec_push(a, &v, sizeof(identity_provider)));
	db_done(s);
	*out = v.items;
	*n = v.n;
	return st_from_db(r);
}

static store_rc one_idp(db_stmt *s, arena *a, identity_provider *out)
{
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		read_idp(a, s, out);
		db_done(s);
	}
	return rc;
}

store_rc store_idp_get(store *st, arena *a, int64_t id, identity_provider *out)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT " IDP_COLUMNS " FROM identity_providers"
					   " WHERE id = ?"));
	db_bind_int(s, 1, id);
	return one_idp(s, a, out);
}

store_rc store_idp_by_slug(store *st, arena *a, const char *slug, identity_provider *out)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT " IDP_COLUMNS " FROM identity_providers"
					   " WHERE slug = ?"));
	db_bind_text(s, 1, slug);
	return one_idp(s, a, out);
}

store_rc store_idp_delete(store *st, int64_t id)
{
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM identity_providers WHERE id = ?"));
	db_bind_int(s, 1, id);
	return st_exec_one(st->c, s);
}

store_rc store_idp_cache(store *st, int64_t id, const char *discovery, const char *jwks,
			 int64_t fetched_at)
{
	db_stmt *s = db_prepare(st->c, SQL("UPDATE identity_providers SET discovery = ?, jwks = ?,"
					   " fetched_at = ? WHERE id = ?"));
	db_bind_text(s, 1, discovery);
	db_bind_text(s, 2, jwks);
	db_bind_int(s, 3, fetched_at);
	db_bind_int(s, 4, id);
	return st_exec_one(st->c, s);
}

store_rc store_identity_person(store *st, int64_t provider_id, const char *subject,
			       int64_t *person_id)
{
	db_stmt *s = db_prepare(st->c, SQL("UPDATE external_identities SET last_seen = ?"
					   " WHERE provider_id = ? AND subject = ? RETURNING person_id"));
	db_bind_int(s, 1, wp_now());
	db_bind_int(s, 2, provider_id);
	db_bind_text(s, 3, subject);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		*person_id = db_int(s, 0);
		db_done(s);
	}
	return rc;
}

store_rc store_identity_bind(store *st, int64_t provider_id, const char *subject,
			     int64_t person_id)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO external_identities (provider_id, subject,"
					   " person_id, created_at, last_seen) VALUES (?, ?, ?, ?, ?)"));
	db_bind_int(s, 1, provider_id);
	db_bind_text(s, 2, subject);
	db_bind_int(s, 3, person_id);
	db_bind_int(s, 4, wp_now());
	db_bind_int(s, 5, wp_now());
	return st_exec(s);
}

store_rc store_identity_count(store *st, int64_t person_id, int *n)
{
	db_stmt *s = db_prepare(st->c, SQL("SELECT COUNT(*) FROM external_identities"
					   " WHERE person_id = ?"));
	db_bind_int(s, 1, person_id);
	store_rc rc = st_one(s);
	*n = 0;
	if (rc == ST_OK) {
		*n = (int)db_int(s, 0);
		db_done(s);
	}
	return rc;
}

store_rc store_login_attempt_create(store *st, const char *state_hash, const login_attempt *la,
				    int64_t expires_at)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO login_attempts (state_hash, provider_id,"
					   " browser_hash, nonce, verifier, next, expires_at)"
					   " VALUES (?, ?, ?, ?, ?, ?, ?)"));
	db_bind_text(s, 1, state_hash);
	db_bind_int(s, 2, la->provider_id);
	db_bind_text(s, 3, la->browser_hash);
	db_bind_text(s, 4, la->nonce);
	db_bind_text(s, 5, la->verifier);
	db_bind_text(s, 6, la->next);
	db_bind_int(s, 7, expires_at);
	return st_exec(s);
}

store_rc store_login_attempt_take(store *st, arena *a, const char *state_hash, int64_t now,
				  login_attempt *out)
{
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM login_attempts WHERE expires_at <= ?"));
	db_bind_int(s, 1, now);
	store_rc rc = st_exec(s);
	if (rc != ST_OK)
		return rc;
	s = db_prepare(st->c, SQL("DELETE FROM login_attempts WHERE state_hash = ?"
				  " RETURNING provider_id, browser_hash, nonce, verifier, next"));
	db_bind_text(s, 1, state_hash);
	rc = st_one(s);
	if (rc == ST_OK) {
		out->provider_id = db_int(s, 0);
		out->browser_hash = st_text(a, s, 1);
		out->nonce = st_text(a, s, 2);
		out->verifier = st_text(a, s, 3);
		out->next = st_text(a, s, 4);
		db_done(s);
	}
	return rc;
}

store_rc store_login_link_create(store *st, const char *token_hash, int64_t person_id,
				 int64_t expires_at)
{
	db_stmt *s = db_prepare(st->c, SQL("INSERT INTO login_links (token_hash, person_id, expires_at)"
					   " VALUES (?, ?, ?)"));
	db_bind_text(s, 1, token_hash);
	db_bind_int(s, 2, person_id);
	db_bind_int(s, 3, expires_at);
	return st_exec(s);
}

store_rc store_login_link_person(store *st, const char *token_hash, int64_t now, bool take,
				 int64_t *person_id)
{
	db_stmt *s = take ? db_prepare(st->c, SQL("DELETE FROM login_links WHERE token_hash = ?"
						  " AND expires_at > ? RETURNING person_id"))
			  : db_prepare(st->c, SQL("SELECT person_id FROM login_links"
						  " WHERE token_hash = ? AND expires_at > ?"));
	db_bind_text(s, 1, token_hash);
	db_bind_int(s, 2, now);
	store_rc rc = st_one(s);
	if (rc == ST_OK) {
		*person_id = db_int(s, 0);
		db_done(s);
	}
	return rc;
}

store_rc store_assertion_use(store *st, int64_t provider_id, const char *assertion_id,
			     int64_t expires_at, int64_t now)
{
	db_stmt *s = db_prepare(st->c, SQL("DELETE FROM used_assertions WHERE expires_at < ?"));
	db_bind_int(s, 1, now - 3600);
	store_rc rc = st_exec(s);
	if (rc != ST_OK)
		return rc;
	s = db_prepare(st->c, SQL("INSERT INTO used_assertions (provider_id, assertion_id, expires_at)"
				  " VALUES (?, ?, ?)"));
	db_bind_int(s, 1, provider_id);
	db_bind_text(s, 2, assertion_id);
	db_bind_int(s, 3, expires_at);
	return st_exec(s);
}
