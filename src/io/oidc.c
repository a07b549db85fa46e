/* oidc.c - OpenID Connect: provider documents over libcurl, ID tokens
 * checked with cjose and jansson (oidc.h). */
#include "io/oidc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjose/cjose.h>
#include <curl/curl.h>
#include <sodium.h>

#include "base/util.h"

bool oidc_url_allowed(const char *url)
{
	if (!url || strlen(url) > 2000)
		return false;
	if (strncmp(url, "https://", 8) == 0)
		return url[8] != 0;
	static const char *const loopback[] = {"http://127.0.0.1:", "http://127.0.0.1/",
					       "http://localhost:", "http://localhost/",
					       "http://[::1]:", "http://[::1]/"};
	for (size_t i = 0; i < sizeof loopback / sizeof loopback[0]; i++)
		if (strncmp(url, loopback[i], strlen(loopback[i])) == 0)
			return true;
	return false;
}

bool oidc_slug_ok(const char *slug)
{
	size_t n = slug ? strlen(slug) : 0;
	if (n == 0 || n > 40)
		return false;
	for (const char *c = slug; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-'))
			return false;
	return true;
}

bool oidc_claim_name_ok(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (n == 0 || n > 100)
		return false;
	for (const char *c = name; *c; c++)
		if (*c < 0x21 || *c > 0x7e)
			return false;
	return true;
}

typedef struct {
	char *p;
	size_t len;
	bool too_big;
} body;

static size_t take_body(char *data, size_t size, size_t n, void *arg)
{
	body *b = arg;
	size_t add = size * n;
	if (b->len + add > OIDC_BODY_MAX) {
		b->too_big = true;
		return 0;
	}
	b->p = xrealloc(b->p, b->len + add + 1);
	memcpy(b->p + b->len, data, add);
	b->len += add;
	b->p[b->len] = 0;
	return add;
}

static char *failed(char **err, const char *what, const char *detail)
{
	char tmp[512];
	snprintf(tmp, sizeof tmp, "%s%s%s", what, detail && *detail ? ": " : "", detail ? detail : "");
	*err = xstrdup(tmp);
	return NULL;
}

/* One request; post_body NULL for a GET. The 2xx body or NULL with *err. */
static char *transfer(const char *url, const char *post_body, const char *authorization, char **err)
{
	if (!oidc_url_allowed(url))
		return failed(err, "the provider's address must use https (or http on loopback)", url);
	CURL *c = curl_easy_init();
	if (!c)
		return failed(err, "cannot start libcurl", NULL);
	body b = {0};
	char errbuf[CURL_ERROR_SIZE] = "";
	struct curl_slist *headers = curl_slist_append(NULL, "Accept: application/json");
	if (authorization)
		headers = curl_slist_append(headers, authorization);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https,http");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 15L);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, take_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	if (post_body)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, post_body);
	CURLcode cc = curl_easy_perform(c);
	long status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(headers);
	curl_easy_cleanup(c);
	if (cc != CURLE_OK || status < 200 || status > 299 || !b.p) {
		char detail[CURL_ERROR_SIZE + 64];
		if (b.too_big)
			snprintf(detail, sizeof detail, "answer longer than %d bytes", OIDC_BODY_MAX);
		else if (cc != CURLE_OK)
			snprintf(detail, sizeof detail, "%s", *errbuf ? errbuf : curl_easy_strerror(cc));
		else
			snprintf(detail, sizeof detail, "HTTP status %ld", status);
		free(b.p);
		return failed(err, url, detail);
	}
	return b.p;
}

char *oidc_get(const char *url, char **err)
{
	return transfer(url, NULL, NULL, err);
}

static char *json_text_copy(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s && *s ? xstrdup(s) : NULL;
}

bool oidc_discovery_parse(const char *json, const char *issuer, oidc_discovery *out, char **err)
{
	memset(out, 0, sizeof *out);
	json_t *o = json_loads(json, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(o)) {
		json_decref(o);
		failed(err, "the discovery document is not a JSON object", NULL);
		return false;
	}
	out->issuer = json_text_copy(o, "issuer");
	out->authorization_endpoint = json_text_copy(o, "authorization_endpoint");
	out->token_endpoint = json_text_copy(o, "token_endpoint");
	out->jwks_uri = json_text_copy(o, "jwks_uri");
	json_decref(o);
	const char *why = NULL;
	if (!out->issuer || strcmp(out->issuer, issuer) != 0)
		why = "the discovery document names another issuer";
	else if (!oidc_url_allowed(out->authorization_endpoint) ||
		 !oidc_url_allowed(out->token_endpoint) || !oidc_url_allowed(out->jwks_uri))
		why = "the discovery document lacks an endpoint, or one does not use https";
	if (why) {
		oidc_discovery_free(out);
		failed(err, why, NULL);
		return false;
	}
	return true;
}

void oidc_discovery_free(oidc_discovery *d)
{
	free(d->issuer);
	free(d->authorization_endpoint);
	free(d->token_endpoint);
	free(d->jwks_uri);
	memset(d, 0, sizeof *d);
}

/* application/x-www-form-urlencoded value (RFC 6749 appendix B), also
 * used for client_secret_basic. Caller frees. */
static char *form_escape(CURL *c, const char *s)
{
	char *e = curl_easy_escape(c, s, 0);
	char *copy = xstrdup(e ? e : "");
	curl_free(e);
	return copy;
}

char *oidc_redeem_code(const char *token_endpoint, const char *client_id, const char *secret,
		       const char *code, const char *redirect_uri, const char *verifier, char **err)
{
	CURL *c = curl_easy_init();
	if (!c)
		return failed(err, "cannot start libcurl", NULL);
	char *v[5] = {form_escape(c, code), form_escape(c, redirect_uri), form_escape(c, verifier),
		      form_escape(c, client_id), form_escape(c, secret)};
	curl_easy_cleanup(c);
	size_t n = strlen(v[0]) + strlen(v[1]) + strlen(v[2]) + 128;
	char *post = xmalloc(n);
	snprintf(post, n, "grant_type=authorization_code&code=%s&redirect_uri=%s&code_verifier=%s", v[0],
		 v[1], v[2]);
	/* client_secret_basic: Basic base64(urlencoded id ":" urlencoded secret) */
	size_t creds_len = strlen(v[3]) + strlen(v[4]) + 1;
	char *creds = xmalloc(creds_len + 1);
	snprintf(creds, creds_len + 1, "%s:%s", v[3], v[4]);
	size_t b64_len = sodium_base64_ENCODED_LEN(creds_len, sodium_base64_VARIANT_ORIGINAL);
	char *auth = xmalloc(b64_len + 32);
	memcpy(auth, "Authorization: Basic ", 21);
	sodium_bin2base64(auth + 21, b64_len, (const unsigned char *)creds, creds_len,
			  sodium_base64_VARIANT_ORIGINAL);
	char *answer = transfer(token_endpoint, post, auth, err);
	sodium_memzero(creds, creds_len);
	sodium_memzero(auth, strlen(auth));
	for (int i = 0; i < 5; i++)
		free(v[i]);
	free(post);
	free(creds);
	free(auth);
	if (!answer)
		return NULL;
	json_t *o = json_loads(answer, JSON_REJECT_DUPLICATES, NULL);
	free(answer);
	char *id_token = json_is_object(o) ? json_text_copy(o, "id_token") : NULL;
	json_decref(o);
	if (!id_token)
		return failed(err, "the token endpoint's answer holds no id_token", NULL);
	return id_token;
}

/* Signature algorithms we accept: asymmetric only (never "none", never an
 * HMAC keyed with a public key). */
static bool alg_allowed(const char *alg)
{
	static const char *const ok[] = {"RS256", "RS384", "RS512", "PS256", "PS384",
					 "PS512", "ES256", "ES384", "ES512"};
	for (size_t i = 0; alg && i < sizeof ok / sizeof ok[0]; i++)
		if (strcmp(alg, ok[i]) == 0)
			return true;
	return false;
}

/* Try the keys of the set that fit the token's kid (every signing key
 * when the token names none). */
static oidc_result verify_signature(const char *jwks, cjose_jws_t *jws, const char *kid)
{
	json_t *set = json_loads(jwks, JSON_REJECT_DUPLICATES, NULL);
	json_t *keys = json_object_get(set, "keys");
	bool any_fit = false, verified = false;
	size_t i;
	json_t *k;
	json_array_foreach(keys, i, k)
	{
		const char *use = json_string_value(json_object_get(k, "use"));
		const char *key_id = json_string_value(json_object_get(k, "kid"));
		if ((use && strcmp(use, "sig") != 0) || (kid && (!key_id || strcmp(kid, key_id) != 0)))
			continue;
		any_fit = true;
		cjose_err cerr;
		cjose_jwk_t *jwk = cjose_jwk_import_json((cjose_header_t *)k, &cerr);
		if (jwk) {
			verified = cjose_jws_verify(jws, jwk, &cerr);
			cjose_jwk_release(jwk);
		}
		if (verified)
			break;
	}
	json_decref(set);
	if (verified)
		return OIDC_OK;
	return any_fit ? OIDC_BAD_TOKEN : OIDC_UNKNOWN_KEY;
}

static bool audience_ok(json_t *claims, const char *client_id)
{
	json_t *aud = json_object_get(claims, "aud");
	if (json_is_string(aud))
		return strcmp(json_string_value(aud), client_id) == 0;
	if (!json_is_array(aud) || json_array_size(aud) == 0)
		return false;
	bool found = false;
	size_t i;
	json_t *v;
	json_array_foreach(aud, i, v) if (json_is_string(v) && strcmp(json_string_value(v), client_id) == 0)
		found = true;
	/* several audiences: the authorized party must be us */
	const char *azp = json_string_value(json_object_get(claims, "azp"));
	if (json_array_size(aud) > 1 && (!azp || strcmp(azp, client_id) != 0))
		return false;
	return found;
}

static const char *claims_problem(json_t *claims, const oidc_expect *e)
{
	const char *iss = json_string_value(json_object_get(claims, "iss"));
	const char *nonce = json_string_value(json_object_get(claims, "nonce"));
	const char *sub = json_string_value(json_object_get(claims, "sub"));
	json_t *exp = json_object_get(claims, "exp"), *iat = json_object_get(claims, "iat");
	if (!iss || strcmp(iss, e->issuer) != 0)
		return "the token comes from another issuer";
	if (!audience_ok(claims, e->client_id))
		return "the token is meant for another audience";
	if (!json_is_integer(exp) || json_integer_value(exp) + OIDC_SKEW <= e->now)
		return "the token has expired";
	if (!json_is_integer(iat) || json_integer_value(iat) > e->now + OIDC_SKEW ||
	    json_integer_value(iat) < e->now - OIDC_IAT_MAX)
		return "the token was not issued just now";
	if (!nonce || !e->nonce || strcmp(nonce, e->nonce) != 0)
		return "the token's nonce is not the one this sign-in sent";
	if (!sub || !*sub)
		return "the token names no subject";
	return NULL;
}

/* Three non-empty parts of base64url without padding, two dots: what
 * cjose may be given (libcjose 0.6 aborts on some other input, such as a
 * '=' inside a part; found by tests/fuzz/fuzz_id_token.c). */
static bool compact_jws(const char *t)
{
	int dots = 0;
	size_t part = 0;
	for (const char *c = t; *c; c++) {
		if (*c == '.') {
			if (part == 0 || ++dots > 2)
				return false;
			part = 0;
		} else if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
			   *c == '-' || *c == '_') {
			part++;
		} else {
			return false;
		}
	}
	return dots == 2 && part > 0;
}

oidc_result oidc_verify_id_token(const char *jwks, const char *token, const oidc_expect *e,
				 json_t **claims, const char **why)
{
	*claims = NULL;
	*why = "the token is not a signed JWT";
	cjose_err cerr;
	cjose_jws_t *jws = token && strlen(token) < OIDC_BODY_MAX && compact_jws(token)
				   ? cjose_jws_import(token, strlen(token), &cerr)
				   : NULL;
	if (!jws)
		return OIDC_BAD_TOKEN;
	cjose_header_t *hdr = cjose_jws_get_protected(jws);
	const char *alg = hdr ? cjose_header_get(hdr, CJOSE_HDR_ALG, &cerr) : NULL;
	const char *kid = hdr ? cjose_header_get(hdr, CJOSE_HDR_KID, &cerr) : NULL;
	oidc_result res = OIDC_BAD_TOKEN;
	if (!alg_allowed(alg)) {
		*why = "the token is signed with an algorithm we do not accept";
		goto out;
	}
	res = verify_signature(jwks, jws, kid);
	if (res != OIDC_OK) {
		*why = res == OIDC_UNKNOWN_KEY ? "no key of the provider has the token's key id"
					       : "the token's signature does not verify";
		goto out;
	}
	uint8_t *plain = NULL;
	size_t plain_len = 0;
	json_t *c = NULL;
	if (cjose_jws_get_plaintext(jws, &plain, &plain_len, &cerr))
		c = json_loadb((const char *)plain, plain_len, JSON_REJECT_DUPLICATES, NULL);
	const char *problem = json_is_object(c) ? claims_problem(c, e) : "the token's claims are not JSON";
	if (problem) {
		json_decref(c);
		*why = problem;
		res = OIDC_BAD_TOKEN;
		goto out;
	}
	*claims = c;
	*why = NULL;
out:
	cjose_jws_release(jws);
	return res;
}

const char *oidc_claim_text(json_t *claims, const char *name, char *numbuf, size_t numlen)
{
	json_t *v = json_object_get(claims, name);
	if (json_is_string(v))
		return *json_string_value(v) ? json_string_value(v) : NULL;
	if (json_is_integer(v)) {
		snprintf(numbuf, numlen, "%lld", (long long)json_integer_value(v));
		return numbuf;
	}
	return NULL;
}
