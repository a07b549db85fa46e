"""saml_idp.py - a real SAML 2.0 identity provider on loopback for
werkplaats's sign-in tests: Lasso's Python binding (Debian's python3-lasso,
the library under mod_auth_mellon) in the IdP role, behind a small HTTP
server of the standard library. Run with Debian's python:

    /usr/bin/python3 tests/idp/saml_idp.py PORT SP_METADATA_URL KEYDIR STATE_FILE

KEYDIR holds idp-key.pem and idp-cert.pem. Prints "ready" when it
listens. GET /metadata is the IdP's metadata (entity ID: that URL); GET
/sso takes an AuthnRequest by the HTTP-Redirect binding and answers with
a page whose form POSTs the signed Response to the SP's ACS (the form
submits itself in a browser; a test reads SAMLResponse and RelayState
from it). There is no login screen: the person is whoever STATE_FILE
names, read at every request:

    {"account": "u1", "claims": {"email": "...", "name": "..."}, "mode": ""}

"mode" plays a misbehaving provider or an attacker:
    tamper     an attribute changed after signing (the signature breaks)
    unsigned   every signature removed
    assertion-signed  the response's own signature removed, the assertion's kept
               (as many identity providers send it: this one must work)
    assertion-signed-tamper  the same, and then an attribute changed
    audience   the assertion is meant for another service provider
    recipient  the response and its subject confirmation name another ACS
    expired    the assertion's validity ended an hour ago
    notyet     the assertion is valid only from an hour on
"""

import html
import json
import os
import re
import sys
import time
import urllib.request
from base64 import b64decode, b64encode
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import lasso

PORT, SP_METADATA_URL, KEYDIR, STATE_FILE = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
BASE = "http://127.0.0.1:%s" % PORT
ENTITY = BASE + "/metadata"
KEY = open(os.path.join(KEYDIR, "idp-key.pem")).read()
CERT = open(os.path.join(KEYDIR, "idp-cert.pem")).read()
CERT_B64 = "".join(CERT.split("-----")[2].split())

METADATA = """<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"
  xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="%s">
 <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
  <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
  <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
  <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="%s/sso"/>
 </md:IDPSSODescriptor>
</md:EntityDescriptor>
""" % (ENTITY, CERT_B64, BASE)

ATTRIBUTES = {"email": "urn:mace:dir:attribute-def:mail", "name": "urn:mace:dir:attribute-def:displayName"}


def stamp(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def attribute_statement(claims):
    st = lasso.Saml2AttributeStatement()
    attrs = []
    for key, name in ATTRIBUTES.items():
        if key not in claims:
            continue
        a = lasso.Saml2Attribute()
        a.name = name
        a.nameFormat = lasso.SAML2_ATTRIBUTE_NAME_FORMAT_URI
        v = lasso.Saml2AttributeValue()
        text = lasso.MiscTextNode.newWithString(claims[key])
        text.textChild = True
        v.any = [text]
        a.attributeValue = [v]
        attrs.append(a)
    st.attribute = attrs
    return st


def misbehave(assertion, mode, now):
    scd = assertion.subject.subjectConfirmation.subjectConfirmationData
    if mode == "audience":
        ar = lasso.Saml2AudienceRestriction()
        ar.audience = "https://another-service.example.org/saml/metadata"
        assertion.conditions.audienceRestriction = [ar]
    elif mode == "expired":
        assertion.conditions.notBefore = stamp(now - 4000)
        assertion.conditions.notOnOrAfter = stamp(now - 3600)
        scd.notOnOrAfter = stamp(now - 3600)
    elif mode == "notyet":
        assertion.conditions.notBefore = stamp(now + 3600)


def response_for(query):
    state = json.load(open(STATE_FILE))
    sp_metadata = urllib.request.urlopen(SP_METADATA_URL, timeout=10).read().decode()
    if state.get("mode") == "recipient":
        # Lasso writes Recipient and Destination from the SP's ACS when it
        # builds the response: give it another ACS
        sp_metadata = re.sub(r'Location="[^"]*/saml/acs"',
                             'Location="https://another-service.example.org/saml/acs"', sp_metadata)
    server = lasso.Server.newFromBuffers(METADATA, KEY, None, CERT)
    server.addProviderFromBuffer(lasso.PROVIDER_ROLE_SP, sp_metadata)
    login = lasso.Login(server)
    login.processAuthnRequestMsg(query)
    login.validateRequestMsg(True, True)
    now = int(time.time())
    login.buildAssertion(lasso.SAML_AUTHENTICATION_METHOD_PASSWORD, stamp(now), None,
                         stamp(now - 60), stamp(now + 300))
    assertion = login.assertion
    name_id = lasso.Saml2NameID()
    name_id.format = lasso.SAML2_NAME_IDENTIFIER_FORMAT_PERSISTENT
    name_id.content = state["account"]
    assertion.subject.nameID = name_id
    assertion.attributeStatement = [attribute_statement(state["claims"])]
    misbehave(assertion, state.get("mode", ""), now)
    login.buildAuthnResponseMsg()
    body = login.msgBody
    mode = state.get("mode", "")
    if mode in ("tamper", "unsigned", "assertion-signed", "assertion-signed-tamper"):
        xml = b64decode(body).decode()
        if mode.startswith("assertion-signed") or mode == "unsigned":
            # every signature, or the first: the response's own
            xml = re.sub(r"<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\">.*?</Signature>", "",
                         xml, count=0 if mode == "unsigned" else 1, flags=re.S)
        if mode.endswith("tamper"):
            xml = xml.replace(state["claims"]["email"], "someone-else@example.org")
        body = b64encode(xml.encode()).decode()
    return login.msgUrl, body, login.msgRelayState


class Handler(BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        sys.stderr.write("saml-idp: " + fmt % args + "\n")

    def reply(self, status, ctype, text):
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        path, _, query = self.path.partition("?")
        if path == "/metadata":
            self.reply(200, "application/samlmetadata+xml", METADATA)
            return
        if path != "/sso":
            self.reply(404, "text/plain", "not found")
            return
        try:
            url, body, relay = response_for(query)
        except Exception as e:  # Lasso refuses the request: say why
            self.reply(400, "text/plain", "refused: %r" % e)
            return
        page = ("<!DOCTYPE html><html><head><title>SAML</title></head>"
                "<body onload=\"document.forms[0].submit()\">"
                "<form method=\"post\" action=\"%s\">"
                "<input type=\"hidden\" name=\"SAMLResponse\" value=\"%s\">"
                "<input type=\"hidden\" name=\"RelayState\" value=\"%s\">"
                "<button>Continue</button></form></body></html>"
                % (html.escape(url), html.escape(body), html.escape(relay or "")))
        self.reply(200, "text/html; charset=utf-8", page)


if __name__ == "__main__":
    httpd = ThreadingHTTPServer(("127.0.0.1", int(PORT)), Handler)
    print("ready", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
