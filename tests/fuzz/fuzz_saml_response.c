/* Fuzz target: a SAMLResponse as the ACS receives it (base64 of XML),
 * through Lasso's parser and signature check and saml_check_response's
 * rules. The input is the XML; the target encodes it as the browser's
 * form would carry it. The fuzzer cannot sign, so nothing may be
 * accepted; nothing may crash or leak either. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "base/util.h"
#include "io/saml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char sp_metadata[] =
	"<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\""
	" entityID=\"https://wp.example.org/saml/metadata\"><md:SPSSODescriptor"
	" protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
	"<md:AssertionConsumerService index=\"0\" isDefault=\"true\""
	" Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"https://wp.example.org/saml/acs\"/>"
	"</md:SPSSODescriptor></md:EntityDescriptor>";

static const char idp_metadata[] =
	"<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\""
	" entityID=\"https://idp.example.org/metadata\"><md:IDPSSODescriptor"
	" protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
	"<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\""
	" Location=\"https://idp.example.org/sso\"/></md:IDPSSODescriptor></md:EntityDescriptor>";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len = sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = xmalloc(len);
	sodium_bin2base64(b64, len, data, size, sodium_base64_VARIANT_ORIGINAL);
	saml_sp sp = {sp_metadata, NULL, NULL};
	saml_expect e = {"https://wp.example.org/saml/acs", 1800000000};
	saml_assertion a;
	const char *why = NULL;
	saml_result r = saml_check_response(&sp, idp_metadata, b64, &e, &a, &why);
	WP_ASSERT(r == SAML_BAD && why && !a.assertion_id);
	free(b64);
	return 0;
}
