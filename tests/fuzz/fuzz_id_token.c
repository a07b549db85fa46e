/* Fuzz target: what an identity provider sends, as werkplaats reads it
 * before trusting it: an ID token checked against a key set (cjose and
 * jansson parse, oidc.c decides), a discovery document, and SAML's
 * xs:dateTime. The first byte chooses; the key set is made once. Nothing
 * may crash or leak, and a token the fuzzer makes up never verifies. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjose/cjose.h>

#include "base/util.h"
#include "io/oidc.h"
#include "io/saml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *jwks;

static void make_keys(void)
{
	static const uint8_t e[] = {1, 0, 1};
	cjose_err err;
	cjose_jwk_t *k = cjose_jwk_create_RSA_random(1024, e, sizeof e, &err);
	cjose_jwk_set_kid(k, "key-1", 5, &err);
	char *pub = cjose_jwk_to_json(k, false, &err);
	size_t n = strlen(pub) + 16;
	jwks = xmalloc(n);
	snprintf(jwks, n, "{\"keys\":[%s]}", pub);
	free(pub);
	cjose_jwk_release(k);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!jwks)
		make_keys();
	if (size == 0)
		return 0;
	char *text = xmalloc(size);
	memcpy(text, data + 1, size - 1);
	text[size - 1] = 0;
	if (data[0] % 3 == 0) {
		oidc_expect e = {"https://idp.example.org", "werkplaats", "nonce", 1800000000};
		json_t *claims = NULL;
		const char *why = NULL;
		oidc_result r = oidc_verify_id_token(jwks, text, &e, &claims, &why);
		WP_ASSERT(r != OIDC_OK && !claims && why);
		/* the input as a key set, with a made-up token */
		r = oidc_verify_id_token(text, "eyJhbGciOiJSUzI1NiJ9.e30.AAAA", &e, &claims, &why);
		WP_ASSERT(r != OIDC_OK && !claims);
	} else if (data[0] % 3 == 1) {
		oidc_discovery d;
		char *err = NULL;
		if (oidc_discovery_parse(text, "https://idp.example.org", &d, &err))
			oidc_discovery_free(&d);
		else
			free(err);
	} else {
		int64_t t;
		saml_time(text, &t);
	}
	free(text);
	return 0;
}
