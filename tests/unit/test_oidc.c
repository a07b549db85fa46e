/* test_oidc.c - ID tokens checked by oidc_verify_id_token: tokens made
 * here with cjose under keys made here, each with one thing wrong
 * (signature, algorithm, key id, issuer, audience, expiry, issue time,
 * nonce, subject), against one that is right; and the discovery
 * document's checks. */
#include "testutil.h"

#include <cjose/cjose.h>
#include <jansson.h>
#include <sodium.h>

#include "io/oidc.h"

#define NOW 1800000000
#define ISS "https://idp.example.org"
#define CLIENT "werkplaats"

static cjose_jwk_t *rsa_key(const char *kid)
{
	static const uint8_t e[] = {0x01, 0x00, 0x01};
	cjose_err err;
	cjose_jwk_t *k = cjose_jwk_create_RSA_random(2048, e, sizeof e, &err);
	assert_non_null(k);
	assert_true(cjose_jwk_set_kid(k, kid, strlen(kid), &err));
	return k;
}

/* {"keys": [public parts of the given keys]}; caller frees. */
static char *key_set(cjose_jwk_t **keys, int n)
{
	json_t *arr = json_array();
	for (int i = 0; i < n; i++) {
		cjose_err err;
		char *pub = cjose_jwk_to_json(keys[i], false, &err);
		json_array_append_new(arr, json_loads(pub, 0, NULL));
		free(pub);
	}
	json_t *set = json_pack("{s:o}", "keys", arr);
	char *s = json_dumps(set, 0);
	json_decref(set);
	return s;
}

/* The right claims; a test changes one of them. */
static json_t *good_claims(void)
{
	return json_pack("{s:s, s:s, s:s, s:I, s:I, s:s, s:s}", "iss", ISS, "aud", CLIENT, "sub",
			 "abc-123", "exp", (json_int_t)NOW + 300, "iat", (json_int_t)NOW - 5, "nonce",
			 "n-0S6_WzA2Mj", "email", "a@example.org");
}

static char *sign(cjose_jwk_t *k, const char *alg, const char *kid, json_t *claims)
{
	cjose_err err;
	cjose_header_t *h = cjose_header_new(&err);
	cjose_header_set(h, CJOSE_HDR_ALG, alg, &err);
	if (kid)
		cjose_header_set(h, CJOSE_HDR_KID, kid, &err);
	char *payload = json_dumps(claims, 0);
	cjose_jws_t *jws = cjose_jws_sign(k, h, (const uint8_t *)payload, strlen(payload), &err);
	assert_non_null(jws);
	const char *ser = NULL;
	assert_true(cjose_jws_export(jws, &ser, &err));
	char *out = strdup(ser);
	cjose_jws_release(jws);
	cjose_header_release(h);
	free(payload);
	json_decref(claims);
	return out;
}

static const oidc_expect expect = {ISS, CLIENT, "n-0S6_WzA2Mj", NOW};

static oidc_result check(const char *jwks, const char *token, const char **why)
{
	json_t *claims = NULL;
	oidc_result r = oidc_verify_id_token(jwks, token, &expect, &claims, why);
	assert_true((r == OIDC_OK) == (claims != NULL));
	json_decref(claims);
	return r;
}

static cjose_jwk_t *k1, *k2;
static char *jwks1;

static int setup(void **state)
{
	(void)state;
	k1 = rsa_key("key-1");
	k2 = rsa_key("key-2");
	jwks1 = key_set(&k1, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	cjose_jwk_release(k1);
	cjose_jwk_release(k2);
	free(jwks1);
	return 0;
}

static void expect_refusal(json_t *claims, const char *because)
{
	char *t = sign(k1, "RS256", "key-1", claims);
	const char *why = NULL;
	assert_int_equal(check(jwks1, t, &why), OIDC_BAD_TOKEN);
	assert_non_null(strstr(why, because));
	free(t);
}

static void test_good_token(void **state)
{
	(void)state;
	char *t = sign(k1, "RS256", "key-1", good_claims());
	json_t *claims = NULL;
	const char *why = "unset";
	assert_int_equal(oidc_verify_id_token(jwks1, t, &expect, &claims, &why), OIDC_OK);
	assert_null(why);
	char nb[32];
	assert_string_equal(oidc_claim_text(claims, "sub", nb, sizeof nb), "abc-123");
	assert_string_equal(oidc_claim_text(claims, "email", nb, sizeof nb), "a@example.org");
	assert_string_equal(oidc_claim_text(claims, "exp", nb, sizeof nb), "1800000300");
	assert_null(oidc_claim_text(claims, "name", nb, sizeof nb));
	json_decref(claims);
	free(t);
	/* without a kid, every signing key of the set is tried */
	t = sign(k1, "PS256", NULL, good_claims());
	assert_int_equal(check(jwks1, t, &why), OIDC_OK);
	free(t);
}

static void test_signature(void **state)
{
	(void)state;
	const char *why;
	/* signed by another key under the same kid */
	char *t = sign(k2, "RS256", "key-1", good_claims());
	assert_int_equal(check(jwks1, t, &why), OIDC_BAD_TOKEN);
	assert_non_null(strstr(why, "signature"));
	free(t);
	/* a payload changed after signing */
	t = sign(k1, "RS256", "key-1", good_claims());
	char *dot = strchr(t, '.') + 1;
	dot[3] = dot[3] == 'A' ? 'B' : 'A';
	assert_int_equal(check(jwks1, t, &why), OIDC_BAD_TOKEN);
	free(t);
	/* not a JWS at all */
	assert_int_equal(check(jwks1, "not.a.token", &why), OIDC_BAD_TOKEN);
	assert_int_equal(check(jwks1, "", &why), OIDC_BAD_TOKEN);
	/* shapes cjose must not see (it aborts on some): padding, spaces,
	 * too few or too many parts, an empty part */
	static const char *const bad[] = {"eyJhb=GciOi.eyJ9.AAAA", "eyJh bGc.eyJ9.AAAA", "eyJhbGc.eyJ9",
					  "a.b.c.d", "eyJhbGc..AAAA", ".eyJ9.AAAA", "eyJhbGc.eyJ9."};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(check(jwks1, bad[i], &why), OIDC_BAD_TOKEN);
}

static void test_algorithms(void **state)
{
	(void)state;
	const char *why;
	/* an HMAC keyed with something the attacker knows is never accepted */
	cjose_err err;
	static const uint8_t secret[32] = "0123456789abcdef0123456789abcdef";
	cjose_jwk_t *oct = cjose_jwk_create_oct_spec(secret, sizeof secret, &err);
	char *t = sign(oct, "HS256", "key-1", good_claims());
	assert_int_equal(check(jwks1, t, &why), OIDC_BAD_TOKEN);
	assert_non_null(strstr(why, "algorithm"));
	free(t);
	cjose_jwk_release(oct);
	/* "none": header {"alg":"none"} with the right claims and no signature */
	json_t *c = good_claims();
	char *payload = json_dumps(c, 0);
	json_decref(c);
	size_t n = strlen(payload);
	char b64[2048];
	sodium_bin2base64(b64, sizeof b64, (const unsigned char *)payload, n,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char none[2200];
	snprintf(none, sizeof none, "eyJhbGciOiJub25lIn0.%s.", b64);
	assert_int_equal(check(jwks1, none, &why), OIDC_BAD_TOKEN);
	free(payload);
}

static void test_unknown_key(void **state)
{
	(void)state;
	const char *why;
	char *t = sign(k2, "RS256", "key-2", good_claims());
	assert_int_equal(check(jwks1, t, &why), OIDC_UNKNOWN_KEY);
	cjose_jwk_t *both[] = {k1, k2};
	char *jwks2 = key_set(both, 2);
	assert_int_equal(check(jwks2, t, &why), OIDC_OK); /* after the refetch */
	free(jwks2);
	free(t);
	assert_int_equal(check("not json", "a.b.c", &why), OIDC_BAD_TOKEN);
}

static void test_claims(void **state)
{
	(void)state;
	json_t *c = good_claims();
	json_object_set_new(c, "iss", json_string("https://evil.example.org"));
	expect_refusal(c, "issuer");
	c = good_claims();
	json_object_set_new(c, "aud", json_string("another-client"));
	expect_refusal(c, "audience");
	c = good_claims();
	json_object_set_new(c, "aud", json_pack("[s,s]", CLIENT, "another-client"));
	expect_refusal(c, "audience"); /* several audiences, no azp */
	c = good_claims();
	json_object_set_new(c, "aud", json_pack("[s,s]", "another-client", CLIENT));
	json_object_set_new(c, "azp", json_string(CLIENT));
	char *t = sign(k1, "RS256", "key-1", c);
	const char *why;
	assert_int_equal(check(jwks1, t, &why), OIDC_OK);
	free(t);
	/* expiry: forgiven up to OIDC_SKEW seconds, not one second more */
	c = good_claims();
	json_object_set_new(c, "exp", json_integer(NOW - OIDC_SKEW));
	expect_refusal(c, "expired");
	c = good_claims();
	json_object_set_new(c, "exp", json_integer(NOW - OIDC_SKEW + 1));
	t = sign(k1, "RS256", "key-1", c);
	assert_int_equal(check(jwks1, t, &why), OIDC_OK);
	free(t);
	c = good_claims();
	json_object_del(c, "exp");
	expect_refusal(c, "expired");
	/* issued in the future, or too long ago */
	c = good_claims();
	json_object_set_new(c, "iat", json_integer(NOW + OIDC_SKEW + 1));
	expect_refusal(c, "issued");
	c = good_claims();
	json_object_set_new(c, "iat", json_integer(NOW - OIDC_IAT_MAX - 1));
	expect_refusal(c, "issued");
	c = good_claims();
	json_object_set_new(c, "nonce", json_string("another"));
	expect_refusal(c, "nonce");
	c = good_claims();
	json_object_del(c, "nonce");
	expect_refusal(c, "nonce");
	c = good_claims();
	json_object_set_new(c, "sub", json_string(""));
	expect_refusal(c, "subject");
}

static void test_discovery(void **state)
{
	(void)state;
	oidc_discovery d;
	char *err = NULL;
	const char *good = "{\"issuer\":\"" ISS "\",\"authorization_endpoint\":\"" ISS "/auth\","
			   "\"token_endpoint\":\"" ISS "/token\",\"jwks_uri\":\"" ISS "/jwks\"}";
	assert_true(oidc_discovery_parse(good, ISS, &d, &err));
	assert_string_equal(d.token_endpoint, ISS "/token");
	oidc_discovery_free(&d);
	assert_false(oidc_discovery_parse(good, "https://other.example.org", &d, &err));
	assert_non_null(strstr(err, "another issuer"));
	free(err);
	const char *plain = "{\"issuer\":\"" ISS "\",\"authorization_endpoint\":\"" ISS "/auth\","
			    "\"token_endpoint\":\"http://idp.example.org/token\",\"jwks_uri\":\"" ISS "/jwks\"}";
	assert_false(oidc_discovery_parse(plain, ISS, &d, &err));
	free(err);
	assert_false(oidc_discovery_parse("[]", ISS, &d, &err));
	free(err);
	assert_true(oidc_url_allowed("https://connect.surfconext.nl"));
	assert_true(oidc_url_allowed("http://127.0.0.1:9000"));
	assert_false(oidc_url_allowed("http://127.0.0.1.evil.example/"));
	assert_false(oidc_url_allowed("http://connect.surfconext.nl"));
	assert_false(oidc_url_allowed("https://"));
	assert_true(oidc_slug_ok("surf-conext2"));
	assert_false(oidc_slug_ok("Surf"));
	assert_false(oidc_slug_ok(""));
	assert_true(oidc_claim_name_ok("urn:mace:dir:attribute-def:eduPersonPrincipalName"));
	assert_false(oidc_claim_name_ok("two words"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_token),  cmocka_unit_test(test_signature),
		cmocka_unit_test(test_algorithms),  cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_claims),	    cmocka_unit_test(test_discovery),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
