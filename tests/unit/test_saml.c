/* test_saml.c - the pure parts of the SAML service provider: SAML's
 * xs:dateTime read on both sides of its shape, our metadata (values
 * escaped, the certificate's body without armour), and an identity
 * provider's metadata read by Lasso. The signed messages are checked
 * against a real identity provider in tests/http/test_sign_in_saml.py. */
#include "testutil.h"

#include "io/saml.h"

static void test_time(void **state)
{
	(void)state;
	int64_t t = 0;
	assert_true(saml_time("2026-12-06T14:00:00Z", &t));
	assert_int_equal(t, 1796565600);
	assert_true(saml_time("2026-12-06T14:00:00.123Z", &t));
	assert_int_equal(t, 1796565600);
	assert_true(saml_time("1970-01-01T00:00:01Z", &t));
	assert_int_equal(t, 1);
	assert_false(saml_time("2026-12-06T14:00:00", &t));       /* no zone */
	assert_false(saml_time("2026-12-06T14:00:00+01:00", &t)); /* not UTC */
	assert_false(saml_time("2026-13-06T14:00:00Z", &t));
	assert_false(saml_time("yesterday", &t));
	assert_false(saml_time("", &t));
	assert_false(saml_time(NULL, &t));
}

static const char cert[] = "-----BEGIN CERTIFICATE-----\nMIIBfake+/=\nAAAA\n-----END CERTIFICATE-----\n";

static void test_sp_metadata(void **state)
{
	(void)state;
	char *md = saml_sp_metadata("https://wp.example.org/saml/metadata?a=1&b=\"2\"",
				    "https://wp.example.org/saml/acs", cert);
	assert_non_null(md);
	assert_non_null(strstr(md, "entityID=\"https://wp.example.org/saml/metadata?a=1&amp;b=&quot;2&quot;\""));
	assert_non_null(strstr(md, "Location=\"https://wp.example.org/saml/acs\""));
	assert_non_null(strstr(md, "<ds:X509Certificate>MIIBfake+/=AAAA</ds:X509Certificate>"));
	assert_non_null(strstr(md, "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"));
	free(md);
	assert_null(saml_sp_metadata("x", "y", "no certificate here"));
	assert_null(saml_sp_metadata("x", "y", "-----BEGIN CERTIFICATE-----\n\n-----END CERTIFICATE-----"));
}

static void test_idp_metadata(void **state)
{
	(void)state;
	const char *idp =
		"<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\""
		" entityID=\"https://idp.example.org/metadata\"><md:IDPSSODescriptor"
		" protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
		"<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\""
		" Location=\"https://idp.example.org/sso\"/></md:IDPSSODescriptor></md:EntityDescriptor>";
	char *id = saml_idp_entity_id(idp);
	assert_non_null(id);
	assert_string_equal(id, "https://idp.example.org/metadata");
	free(id);
	/* a service provider's metadata is not an IdP's */
	char *sp = saml_sp_metadata("https://wp.example.org/saml/metadata", "https://wp.example.org/saml/acs", cert);
	assert_null(saml_idp_entity_id(sp));
	free(sp);
	assert_null(saml_idp_entity_id("<not-metadata/>"));
	assert_null(saml_idp_entity_id("not xml at all"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_sp_metadata),
		cmocka_unit_test(test_idp_metadata),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
