"""test_attack_access.py - issue 8, access: every route of the route table
(as `werkplaats routes` prints it) against every role, with the status each
role must get, written down from the access rules below rather than
recorded from the server; plus: no GET changes the database, and no POST
without its CSRF token does anything.

The rules (README, src/web/route.h, src/web/layout.c wp_access,
docs/workplace.md, docs/rounds.md, docs/exports.md, docs/import.md,
docs/openapi.json):
- a page that needs a login sends the anonymous visitor to /login (GET:
  with ?next=PATH; POST: plain /login);
- a workplace's pages are for its members and the site administrator;
  everyone else gets 404, whether the workplace exists or not;
- a workplace's changes are for its coordinators and the site
  administrator; a plain member gets 403, everyone else 404. Coordinator
  pages: the profile, the nine characteristics, the audit log, exports
  and imports of a round; coordinator changes: rounds, partners, members
  and invitations, creating and editing actions, recording, editing and
  deleting outcomes, deleting realist notes. Members may add progress
  notes and realist notes to actions and outcomes, and practice questions
  with their activities, contributors and products (issue 21); a member
  changes or deletes only the entries they made (the fixture's are
  nobody's: 403, and 404 for an id that is not the workplace's);
- a round, action, outcome, note, member, invitation or partner exists
  only under its own workplace: another workplace's id is a 404 there;
- an export of a round below k is refused (403), also to coordinators;
  so are a round's aggregate tables and its PDF report (which its members
  may read) while the round is open or below k;
- /admin (also /admin/look, the site's logo and colour) is for the site
  administrator: 404 for everyone else logged in
  (anonymous: /login); /research for site administrators and researchers
  (the same otherwise); /overview for programme leads and site
  administrators, 404 for everyone else logged in;
- /join/TOKEN is for anyone with the link: a person without an account
  creates one (name and password), a person with an account joins when
  logged in as the invited address; logged in as another address: 403;
  anonymous while the address has an account: 409 (log in first);
- API tokens: anyone logged in makes their own and revokes only their own
  (someone else's token id is a 404);
- the API answers 401 without a session or token, 404 to outsiders, 403
  to members where a coordinator is needed; a token (Authorization: Bearer)
  acts with the permissions of its owner; a POST with a token and no
  session cookie needs no CSRF token, one with a session cookie does
  (X-CSRF-Token), also when it carries a token;
- /r/TOKEN pages are public: the token decides (a response in progress, an
  open link, a response already sent in a closed round, nothing);
- a researcher has no access to workplaces of which they are not a
  member; a programme lead who is not a member reads a workplace's
  profile and partners, closed rounds' results, development, actions,
  outcomes and realist notes (the routes `werkplaats routes` marks
  "read"), and gets 403 on every other route of an existing workplace
  (every POST among them, the API, open rounds' results: READ, CLOSED,
  DENIED below).
- /s/TOKEN (a share link) is for anyone with the link, logged in or not:
  a live link opens its round's results and tables, an expired or revoked
  one answers 410, an unknown one 404. Share links are made (only for a
  round closed with k respondents; otherwise 409) and revoked by the
  workplace's coordinators;
- a workplace's year report (PDF, also through the API) is for its
  members and the site administrator, not for a programme lead; its
  share links (/s/TOKEN opens a page and the PDF) are made and revoked by
  the coordinators (another workplace's link: 404).

- sign-in through the institution (issue 18) is for anyone: starting
  one at an unknown provider is a 404, a callback or an ACS post without
  a login attempt of this browser a 400; /saml/metadata is a 404 while
  SAML is not set up (serve --saml-key); /saml/acs is the one POST without
  our CSRF token (access "idp": the identity provider's page posts it);
  /admin/sign-in is the site administrator's.

Roles: attack.ROLES. Each pattern's placeholders are filled with values of
the demo and of another workplace (attack.Fixture.targets). API routes are
also asked with each role's API token instead of the session cookie, and
with an unknown token.
"""

import itertools
import json
import unittest

import attack
import harness
from attack import LOGGED_IN, ROLES, Fixture, Json, Multipart, Roles, relation, route_table
from harness import GERIATRIE, OOST, ServerTestCase
from smtp_sink import SmtpSink

LOGIN_GET = "303 to /login?next=PATH"
LOGIN_POST = "303 to /login"


# ---- rules ---------------------------------------------------------------
# Each returns a function (role, target, slug) -> expected status (or one
# of the two login redirects above; None: the one for the method).


def public(**by_target):
    """Anyone, logged in or not: the same answer for every role."""
    return lambda role, target, slug: by_target[target]


def login_page(ok):
    """Needs a login; then `ok` for everyone."""
    def rule(role, target, slug):
        return ok if role in LOGGED_IN else None
    return rule


def anon_or_user(anon, user):
    return lambda role, target, slug: user if role in LOGGED_IN else anon


def site_role(allowed, **by_target):
    """For some site roles only: anonymous to /login (without ?next),
    everyone else logged in 404."""
    def rule(role, target, slug):
        if role not in LOGGED_IN:
            return LOGIN_POST
        return by_target[target] if role in allowed else 404
    return rule


def admin_only(**by_target):
    return site_role(("admin",), **by_target)


def research(**by_target):
    return site_role(("admin", "researcher"), **by_target)


def overview():
    """/overview and its CSV: programme leads and site administrators."""
    def rule(role, target, slug):
        if role not in LOGGED_IN:
            return None
        return 200 if role in ("programme_lead", "admin") else 404
    return rule


def learning(anon=None):
    """/library and the analysis across workplaces, and their API (issue
    20): coordinators (of any workplace), programme leads and site
    administrators; 404 for everyone else logged in."""
    def rule(role, target, slug):
        if role not in LOGGED_IN:
            return anon
        return 200 if role in ("coordinator", "other_coordinator", "programme_lead", "admin") else 404
    return rule


EXISTS = ("own", "other", "closed")  # targets whose item (if any) belongs to the slug

# What a programme lead who is not a member gets (issue 20, the lead's
# view; src/web/access.c, docs/overview.md): every route of an existing
# workplace says it. READ: the page read-only (200), an id of another
# workplace or none at all 404; CLOSED: a round's results only once the
# round has closed (the open rounds of the fixture: 403); DENIED: 403
# whatever the id (the workplace exists; the page is for its members).
READ, CLOSED, DENIED = "read", "closed", "denied"


def lead_answer(lead, target):
    if lead == DENIED:
        return 403
    if lead == CLOSED and target in ("own", "other"):
        return 403
    return 200 if target in EXISTS else 404


def workplace(ok, coordinator, lead, anon=None, **special):
    """A page or change of a workplace: for its members (coordinator: its
    coordinators; a member learns that the role is missing, 403) and the
    administrator; a programme lead as `lead` says; nobody else learns
    anything (404). `special`: the answer for the allowed at some targets
    (others than EXISTS: 404)."""
    def rule(role, target, slug):
        rel = relation(role, slug)
        if rel == "anon":
            return anon
        if rel == "outsider":
            return 404
        if rel == "lead":
            return lead_answer(lead, target)
        if coordinator and rel == "member":
            return 403
        if target in special:
            return special[target]
        return ok if target in EXISTS else 404
    return rule


def workplace_read(lead):
    return workplace(200, coordinator=False, lead=lead)


def member_change(ok):
    """A change any member may make (a progress or realist note); never the lead's."""
    return workplace(ok, coordinator=False, lead=DENIED)


def workplace_change(ok, **special):
    return workplace(ok, coordinator=True, lead=DENIED, **special)


def api_read(lead=DENIED):
    """The API's reads: the lead as on the pages (issue 20: the lead's view
    is in the API too: READ, or CLOSED for a round; DENIED elsewhere)."""
    return workplace(200, coordinator=False, lead=lead, anon=401)


def own_entry(ok):
    """A change of an entry that its maker and the coordinators may make
    (issue 21: practice questions, activities, contributors). The
    fixture's entries are nobody's own: a member learns that the entry is
    not theirs (403) where it exists, and that there is none (404) where
    it does not; the lead never."""
    def rule(role, target, slug):
        if relation(role, slug) == "member" and target not in EXISTS:
            return 404
        return workplace(ok, coordinator=True, lead=DENIED)(role, target, slug)
    return rule


def api_change(ok, **special):
    return workplace(ok, coordinator=True, lead=DENIED, anon=401, **special)


def token(response, open, sent, bogus=404):  # noqa: A002 - the target's name
    """/r/TOKEN: the same for every role; the kind of token decides."""
    return public(response=response, open=open, sent=sent, bogus=bogus)


def share():
    """/s/TOKEN: the same for every role, logged in or not; the link
    decides (live, expired, revoked, unknown)."""
    return public(live=200, expired=410, revoked=410, bogus=404)


def join(method):
    """/join/TOKEN: `invite` is for the member's address (which has an
    account), `fresh` for an address without one. The POST sends no name
    and no password."""
    def rule(role, target, slug):
        if target == "bogus":
            return 404
        if method == "GET":
            return 200
        if role not in LOGGED_IN:
            return 409 if target == "invite" else 400
        return 303 if (target, role) == ("invite", "member") else 403
    return rule


def own_token():
    """/account/tokens/{id}/revoke: only the coordinator's own token."""
    def rule(role, target, slug):
        if role not in LOGGED_IN:
            return None
        return 303 if (target, role) == ("coordinators", "coordinator") else 404
    return rule


# What every route must answer. The POST bodies are in BODIES: each would
# do its work when sent with a valid CSRF token by someone allowed to.
EXPECT = {
    ("GET", "/static/{name}"): public(asset=200, missing=404),
    ("GET", "/healthz"): public(**{"-": 404}),  # without the ops token (test_ops.py)
    ("GET", "/metrics"): public(**{"-": 404}),
    ("GET", "/"): login_page(200),
    ("GET", "/login"): anon_or_user(anon=200, user=303),
    ("POST", "/login"): public(**{"-": 400}),                 # no e-mail address given
    ("POST", "/login/totp"): public(**{"-": 400}),            # no login waiting for a code
    ("POST", "/logout"): public(**{"-": 303}),
    ("POST", "/lang"): public(**{"-": 303}),
    ("GET", "/account"): login_page(200),
    ("POST", "/account/password"): login_page(400),           # not the current password
    ("POST", "/account/tokens"): login_page(200),             # the account page with the new token
    ("POST", "/account/tokens/{id}/revoke"): own_token(),
    ("GET", "/account/totp"): login_page(200),
    ("POST", "/account/totp/start"): login_page(409),         # this server has no --secret-key-file
    ("POST", "/account/totp/confirm"): login_page(409),       # nothing being set up
    ("POST", "/account/totp/disable"): login_page(409),       # two-step login is off
    ("POST", "/login/oidc/{idp}"): public(**{"-": 404}),       # no such identity provider
    ("GET", "/login/oidc/callback"): public(**{"-": 400}),     # no sign-in attempt (state)
    ("POST", "/login/saml/{idp}"): public(**{"-": 404}),       # no such identity provider
    ("GET", "/saml/metadata"): public(**{"-": 404}),           # no --saml-key: SAML not set up
    ("POST", "/saml/acs"): public(**{"-": 400}),               # no sign-in attempt (RelayState)
    ("GET", "/login/link/{token}"): public(**{"-": 404}),      # no such link
    ("POST", "/login/link/{token}"): public(**{"-": 404}),
    ("GET", "/password/{token}"): public(link=200, bogus=404),
    ("POST", "/password/{token}"): public(link=400, bogus=404),  # no new password given
    ("GET", "/admin"): admin_only(**{"-": 200}),
    ("POST", "/admin/accounts"): admin_only(**{"-": 400}),     # no name, no address
    ("POST", "/admin/accounts/{id}/reset"): admin_only(person=200, missing=404),
    ("POST", "/admin/accounts/{id}/totp-reset"): admin_only(person=303, missing=404),
    ("GET", "/admin/mail"): admin_only(**{"-": 200}),
    ("POST", "/admin/mail"): admin_only(**{"-": 303}),          # no mail server: mail off
    ("POST", "/admin/mail/test"): admin_only(**{"-": 400}),     # no address
    ("GET", "/admin/privacy"): admin_only(**{"-": 200}),
    ("POST", "/admin/privacy"): admin_only(**{"-": 303}),       # empty: no limits
    ("POST", "/admin/privacy/statement"): admin_only(**{"-": 303}),  # empty: no statement
    ("GET", "/admin/privacy/record"): admin_only(**{"-": 200}),
    ("GET", "/admin/people"): admin_only(**{"-": 200}),
    ("GET", "/admin/people/export"): admin_only(**{"-": 400}),  # no ?email=
    ("POST", "/admin/people/delete"): admin_only(**{"-": 400}), # no address, no confirmation
    ("GET", "/admin/sign-in"): admin_only(**{"-": 200}),
    ("POST", "/admin/sign-in/password"): admin_only(**{"-": 409}),  # off without a provider
    ("POST", "/admin/sign-in/providers"): admin_only(**{"-": 400}),  # no fields
    ("POST", "/admin/sign-in/providers/{id}/remove"): admin_only(person=404, missing=404),
    ("POST", "/admin/workplaces"): admin_only(**{"-": 200}),   # the overview with a notice
    ("GET", "/admin/audit"): admin_only(**{"-": 200}),
    ("GET", "/admin/benchmarks"): admin_only(**{"-": 200}),
    ("POST", "/admin/benchmarks"): admin_only(**{"-": 400}),  # no institution chosen
    ("GET", "/admin/look"): admin_only(**{"-": 200}),
    ("POST", "/admin/look/logo"): admin_only(**{"-": 400}),    # no file chosen
    ("POST", "/admin/look/accent"): admin_only(**{"-": 200}),  # empty: the stylesheet's own colour
    ("GET", "/look/logo"): public(**{"-": 404}),               # none uploaded
    ("GET", "/look.css"): public(**{"-": 404}),                # no colour chosen
    ("GET", "/overview"): overview(),
    ("GET", "/overview/export"): overview(),
    ("GET", "/library"): learning(),
    ("GET", "/library/analysis"): learning(),
    ("GET", "/questions"): login_page(200),                  # open questions of one's own workplaces
    ("GET", "/research/export"): research(**{"-": 200}),
    ("GET", "/research/export/{file}"): research(file=200, nofile=404),
    ("GET", "/join/{token}"): join("GET"),
    ("POST", "/join/{token}"): join("POST"),
    ("GET", "/pw/{slug}"): workplace_read(lead=READ),
    ("GET", "/pw/{slug}/rounds"): workplace_read(lead=READ),
    ("POST", "/pw/{slug}/rounds"): workplace_change(303),
    ("GET", "/pw/{slug}/rounds/{id}"): workplace_read(lead=DENIED),
    ("POST", "/pw/{slug}/rounds/{id}/close"): workplace_change(303),
    ("POST", "/pw/{slug}/rounds/{id}/reopen"): workplace_change(303),
    ("GET", "/pw/{slug}/rounds/{id}/poster"): workplace_read(lead=DENIED),
    ("POST", "/pw/{slug}/rounds/{id}/invitations"): workplace_change(200),
    ("POST", "/pw/{slug}/rounds/{id}/remind"): workplace_change(200),
    ("POST", "/pw/{slug}/rounds/{id}/mail"): workplace_change(303),      # no reminders
    ("GET", "/pw/{slug}/rounds/{id}/results"): workplace_read(lead=CLOSED),
    ("GET", "/pw/{slug}/rounds/{id}/results/{element}"): workplace_read(lead=CLOSED),
    ("GET", "/pw/{slug}/rounds/{id}/dialogue"): workplace_read(lead=DENIED),
    ("POST", "/pw/{slug}/rounds/{id}/dialogue"): workplace_change(303),
    ("GET", "/pw/{slug}/rounds/{id}/tables.csv"): workplace(200, coordinator=False, lead=DENIED, belowk=403),
    ("GET", "/pw/{slug}/rounds/{id}/tables.xlsx"): workplace(200, coordinator=False, lead=DENIED, belowk=403),
    ("GET", "/pw/{slug}/rounds/{id}/report.pdf"): workplace(200, coordinator=False, lead=DENIED, belowk=403),
    ("GET", "/pw/{slug}/years/{year}/report.pdf"): workplace(200, coordinator=False, lead=DENIED),
    ("GET", "/api/v1/workplaces/{slug}/years/{year}/report"): api_read(),
    ("GET", "/pw/{slug}/rounds/{id}/export"): workplace_change(200, belowk=200),  # says: nothing to export
    ("GET", "/pw/{slug}/rounds/{id}/export/{file}"): workplace_change(200, belowk=403),
    ("GET", "/pw/{slug}/rounds/{id}/import"): workplace_change(200),
    ("POST", "/pw/{slug}/rounds/{id}/import"): workplace_change(200),  # "imported"
    ("GET", "/pw/{slug}/rounds/{id}/paper"): member_change(200),
    ("POST", "/pw/{slug}/rounds/{id}/paper"): member_change(400),  # no form number, no answers
    ("GET", "/pw/{slug}/rounds/{id}/paper/form.pdf"): member_change(400),  # no ?perspective
    ("POST", "/pw/{slug}/rounds/{id}/paper/{entry}/delete"): member_change(404),  # no such entry
    # own statements (issue 22): the fixture's rounds have opened, so changes are refused (409)
    ("GET", "/pw/{slug}/rounds/{id}/own"): workplace_change(200),
    ("POST", "/pw/{slug}/rounds/{id}/own"): workplace_change(409),
    ("POST", "/pw/{slug}/rounds/{id}/own/copy"): workplace_change(409),
    ("POST", "/pw/{slug}/rounds/{id}/own/{entry}/edit"): workplace_change(404),  # no such statement
    ("POST", "/pw/{slug}/rounds/{id}/own/{entry}/move"): workplace_change(404),
    ("POST", "/pw/{slug}/rounds/{id}/own/{entry}/delete"): workplace_change(404),
    ("GET", "/pw/{slug}/development"): workplace_read(lead=READ),
    ("GET", "/pw/{slug}/mail-templates"): workplace_change(200),
    ("POST", "/pw/{slug}/mail-templates"): workplace_change(303),       # empty: the defaults
    ("GET", "/pw/{slug}/privacy"): workplace_change(200),
    ("POST", "/pw/{slug}/privacy"): workplace_change(303),              # empty: the site's limits
    ("GET", "/pw/{slug}/profile"): workplace_change(200),
    ("POST", "/pw/{slug}/profile"): workplace_change(303),
    ("GET", "/pw/{slug}/characteristics"): workplace_change(200),
    ("POST", "/pw/{slug}/characteristics"): workplace_change(303),
    ("GET", "/pw/{slug}/characteristics/history"): workplace_read(lead=READ),
    ("GET", "/pw/{slug}/partners"): workplace_read(lead=READ),
    ("POST", "/pw/{slug}/partners"): workplace_change(303),
    ("POST", "/pw/{slug}/partners/{org}"): workplace_change(303),
    ("POST", "/pw/{slug}/partners/{org}/remove"): workplace_change(303),
    ("GET", "/pw/{slug}/members"): workplace_read(lead=DENIED),
    ("POST", "/pw/{slug}/members/invite"): workplace_change(200),  # the page with the link
    ("POST", "/pw/{slug}/members/{id}/role"): workplace_change(303),
    ("POST", "/pw/{slug}/members/{id}/remove"): workplace_change(303),
    ("POST", "/pw/{slug}/invitations/{id}/revoke"): workplace_change(303),
    ("GET", "/pw/{slug}/actions"): workplace_read(lead=READ),
    ("POST", "/pw/{slug}/actions"): workplace_change(303),
    ("GET", "/pw/{slug}/actions/{id}"): workplace_read(lead=READ),
    ("POST", "/pw/{slug}/actions/{id}"): workplace_change(303),
    ("POST", "/pw/{slug}/actions/{id}/notes"): member_change(303),
    ("POST", "/pw/{slug}/actions/{id}/realist"): member_change(303),
    ("POST", "/pw/{slug}/actions/{id}/share"): workplace_change(303),
    ("GET", "/pw/{slug}/outcomes"): workplace_read(lead=READ),
    ("POST", "/pw/{slug}/outcomes"): workplace_change(303),
    ("GET", "/pw/{slug}/outcomes/{id}"): workplace_read(lead=READ),
    ("POST", "/pw/{slug}/outcomes/{id}"): workplace_change(303),
    ("POST", "/pw/{slug}/outcomes/{id}/delete"): workplace_change(303),
    ("POST", "/pw/{slug}/outcomes/{id}/realist"): member_change(303),
    ("GET", "/pw/{slug}/outcomes/{id}/evidence"): workplace_read(lead=READ),
    ("GET", "/pw/{slug}/questions"): workplace_read(lead=READ),
    ("POST", "/pw/{slug}/questions"): member_change(303),
    ("GET", "/pw/{slug}/questions/{id}"): workplace_read(lead=READ),
    ("POST", "/pw/{slug}/questions/{id}"): own_entry(303),
    ("POST", "/pw/{slug}/questions/{id}/delete"): own_entry(303),
    ("POST", "/pw/{slug}/questions/{id}/activities"): member_change(303),
    ("POST", "/pw/{slug}/questions/{id}/contributors"): member_change(303),
    ("POST", "/pw/{slug}/questions/{id}/products"): member_change(303),    # to the new outcome
    ("GET", "/pw/{slug}/activities/{id}"): workplace_read(lead=READ),
    ("POST", "/pw/{slug}/activities/{id}"): own_entry(303),
    ("POST", "/pw/{slug}/activities/{id}/delete"): own_entry(303),
    ("POST", "/pw/{slug}/contributors/{id}/delete"): own_entry(303),
    ("GET", "/pw/{slug}/questions.csv"): workplace_read(lead=READ),
    ("GET", "/pw/{slug}/activities.csv"): workplace_read(lead=READ),
    ("GET", "/pw/{slug}/products.csv"): workplace_read(lead=READ),
    ("GET", "/pw/{slug}/practice.xlsx"): workplace_read(lead=READ),
    ("GET", "/pw/{slug}/realist"): workplace_read(lead=READ),
    ("POST", "/pw/{slug}/realist/{id}/delete"): workplace_change(303),
    ("POST", "/pw/{slug}/realist/{id}/share"): workplace_change(303),
    ("GET", "/pw/{slug}/audit"): workplace_change(200),
    ("GET", "/guide"): public(**{"-": 200}),
    ("GET", "/api/v1/workplaces"): anon_or_user(anon=401, user=200),  # one's own (administrator: all)
    ("GET", "/api/v1/workplaces/{slug}"): api_read(lead=READ),
    ("GET", "/api/v1/workplaces/{slug}/rounds"): api_read(lead=READ),
    ("GET", "/api/v1/workplaces/{slug}/actions"): api_read(lead=READ),
    ("POST", "/api/v1/workplaces/{slug}/actions"): api_change(201),
    ("GET", "/api/v1/workplaces/{slug}/outcomes"): api_read(lead=READ),
    ("GET", "/api/v1/workplaces/{slug}/characteristics"): api_read(lead=READ),
    ("GET", "/api/v1/workplaces/{slug}/development"): api_read(lead=READ),
    ("GET", "/api/v1/library"): learning(anon=401),
    ("GET", "/api/v1/analysis"): learning(anon=401),
    ("POST", "/api/v1/workplaces/{slug}/outcomes"): api_change(201),
    ("GET", "/api/v1/workplaces/{slug}/questions"): api_read(),
    ("POST", "/api/v1/workplaces/{slug}/questions"): workplace(201, coordinator=False, lead=DENIED, anon=401),
    ("GET", "/api/v1/workplaces/{slug}/questions/{id}"): api_read(),
    ("GET", "/api/v1/workplaces/{slug}/activities"): api_read(),
    ("POST", "/api/v1/workplaces/{slug}/activities"): workplace(201, coordinator=False, lead=DENIED, anon=401),
    ("GET", "/api/v1/workplaces/{slug}/activities/{id}"): api_read(),
    ("GET", "/api/v1/workplaces/{slug}/contributors"): api_read(),
    ("POST", "/api/v1/workplaces/{slug}/contributors"): workplace(201, coordinator=False, lead=DENIED, anon=401),
    ("GET", "/api/v1/workplaces/{slug}/products"): api_read(),
    ("POST", "/api/v1/workplaces/{slug}/products"): workplace(201, coordinator=False, lead=DENIED, anon=401),
    ("GET", "/api/v1/rounds/{id}"): api_read(lead=CLOSED),
    ("GET", "/api/v1/rounds/{id}/results"): api_read(lead=CLOSED),
    ("GET", "/api/v1/rounds/{id}/answers"): api_change(200, belowk=403),
    # the lead reads comments only where the workplace shares them (none
    # does in the fixture): 403 (test_lead.py turns the setting on)
    ("GET", "/api/v1/rounds/{id}/comments"): api_read(lead=DENIED),
    ("GET", "/api/v1/rounds/{id}/tables"): workplace(200, coordinator=False, lead=DENIED, anon=401, belowk=403),
    ("GET", "/api/v1/rounds/{id}/report"): workplace(200, coordinator=False, lead=DENIED, anon=401, belowk=403),
    ("GET", "/r/{token}"): token(response=303, open=200, sent=200),
    ("POST", "/r/{token}/start"): token(response=303, open=400, sent=303),
    ("POST", "/r/{token}/resume"): token(response=303, open=400, sent=303),
    ("GET", "/r/{token}/p/{n}"): token(response=200, open=303, sent=410),
    ("POST", "/r/{token}/p/{n}"): token(response=303, open=303, sent=410),
    ("GET", "/r/{token}/all"): token(response=200, open=303, sent=410),
    ("POST", "/r/{token}/all"): token(response=303, open=303, sent=409),
    ("GET", "/r/{token}/review"): token(response=200, open=303, sent=410),
    ("POST", "/r/{token}/submit"): token(response=303, open=303, sent=409),
    ("GET", "/r/{token}/withdraw"): token(response=303, open=303, sent=410),
    ("POST", "/r/{token}/withdraw"): token(response=303, open=303, sent=410),
    ("GET", "/r/{token}/results"): token(response=404, open=404, sent=200),
    ("POST", "/pw/{slug}/rounds/{id}/share"): workplace_change(200, belowk=409),  # the page with the link
    ("POST", "/pw/{slug}/rounds/{id}/share/{link}/revoke"): workplace_change(303, belowk=404),
    ("GET", "/s/{token}"): share(),
    ("GET", "/s/{token}/results/{element}"): share(),
    ("GET", "/s/{token}/tables.csv"): share(),
    ("GET", "/s/{token}/tables.xlsx"): share(),
    ("GET", "/s/{token}/report.pdf"): share(),
    ("POST", "/pw/{slug}/years/{year}/share"): workplace_change(200),  # the page with the link
    ("POST", "/pw/{slug}/year-links/{link}/revoke"): workplace_change(303),
}


def without_share_use(dump):
    """A dump without the rows of share_links and audit_log: what a share
    link's use may change (SQLite's INSERT lines; PostgreSQL's sections)."""
    out, section = [], None
    for line in dump.splitlines():
        if line.startswith("-- "):
            section = line[3:]
        if section in ("share_links", "year_share_links", "audit_log") or line.startswith(
                ("INSERT INTO share_links", "INSERT INTO year_share_links", "INSERT INTO audit_log")):
            continue
        out.append(line)
    return out


NEXT = itertools.count(1).__next__  # unique titles and addresses

# An import of one questionnaire (docs/import.md).
IMPORT_CSV = b"Rol,V1,V2\r\nstudent,4,Helemaal mee eens\r\n"
IMPORT_MAPPING = json.dumps({"format": 1, "perspective": {"column": "Rol"},
                             "items": {"LOS1": "V1", "LOS2": "V2"}}).encode()
CMO = [("cmo_context", "Op de afdeling"), ("cmo_element", "LOS"), ("cmo_mechanism", "Samen leren"),
       ("cmo_result", "Betere overdracht")]


def action_fields(title):
    return [("title", title), ("description", ""), ("elements", "LOS"), ("owner", ""), ("due_on", ""),
            ("status", "planned"), ("round", "")]


def outcome_fields(title):
    return [("category", "knowledge"), ("occurred_on", "2026-01-15"), ("title", title),
            ("description", ""), ("evidence_url", "")]


def question_fields(title):
    return [("title", title), ("description", ""), ("trigger", "urgency"), ("raised_by", "professional"),
            ("status", "raised"), ("elements", "LOS"), ("partner", ""), ("programme", ""),
            ("raised_on", "2026-02-01")]


def activity_fields(title):
    return [("act_kind", "learning"), ("act_title", title), ("act_starts_on", "2026-02-10"), ("act_ends_on", ""),
            ("act_description", ""), ("n_student", "3"), ("n_professional", "2")]


# Fields (besides csrf) of each POST: what makes the request succeed for
# someone allowed to make it. (fixture, the target's values) -> pairs,
# attack.Multipart or attack.Json.
BODIES = {
    ("POST", "/lang"): lambda fx, v: [("lang", "nl"), ("next", "/")],
    ("POST", "/account/tokens"): lambda fx, v: [("token_name", "Matrixtoken %d" % NEXT())],
    ("POST", "/admin/workplaces"): lambda fx, v: [("wp_name", "Matrixwerkplaats %d" % NEXT()),
                                                  ("wp_slug", ""), ("wp_coordinator", "")],
    ("POST", "/pw/{slug}/rounds"): lambda fx, v: [
        ("title", "Matrixronde %d" % NEXT()), ("version", str(fx.version)),
        ("opens_on", attack.today()), ("closes_on", attack.today(30)), ("k", "5")],
    ("POST", "/pw/{slug}/rounds/{id}/share"): lambda fx, v: [("days", "30")],
    ("POST", "/pw/{slug}/years/{year}/share"): lambda fx, v: [("days", "30")],
    ("POST", "/pw/{slug}/rounds/{id}/invitations"): lambda fx, v: [
        ("addresses", "matrix-%d@example.org, student" % NEXT())],
    ("POST", "/pw/{slug}/rounds/{id}/dialogue"): lambda fx, v: [
        ("title0", "Afspraak uit de matrix"), ("element0", "LOS"), ("owner0", ""), ("due0", "")],
    ("POST", "/pw/{slug}/rounds/{id}/import"): lambda fx, v: Multipart([
        ("file", IMPORT_CSV, "antwoorden.csv"), ("mapping", IMPORT_MAPPING, "koppeling.json")]),
    ("POST", "/pw/{slug}/profile"): lambda fx, v: fx.profile_fields(v["slug"]),
    ("POST", "/pw/{slug}/characteristics"): lambda fx, v: fx.characteristics_fields(v["slug"]),
    ("POST", "/pw/{slug}/partners"): lambda fx, v: [
        ("org", "new"), ("new_name", "Matrixpartner %d" % NEXT()), ("new_kind", "public"),
        ("role", "partner"), ("joined_on", "")],
    ("POST", "/pw/{slug}/partners/{org}"): lambda fx, v: [
        ("role-%s" % v["org"], "partner"), ("joined-%s" % v["org"], "")],
    ("POST", "/pw/{slug}/members/invite"): lambda fx, v: [
        ("email", "matrix-lid-%d@example.org" % NEXT()), ("role", "member")],
    ("POST", "/pw/{slug}/members/{id}/role"): lambda fx, v: [("role", "member")],
    ("POST", "/pw/{slug}/actions"): lambda fx, v: action_fields("Matrixactie %d" % NEXT()),
    ("POST", "/pw/{slug}/actions/{id}"): lambda fx, v: action_fields("Aanvalsactie") + [("revision", "1")],
    ("POST", "/pw/{slug}/actions/{id}/notes"): lambda fx, v: [
        ("note_on", attack.today()), ("note_text", "Voortgang uit de matrix")],
    ("POST", "/pw/{slug}/actions/{id}/realist"): lambda fx, v: CMO,
    ("POST", "/pw/{slug}/actions/{id}/share"): lambda fx, v: [("shared", "1")],
    ("POST", "/pw/{slug}/realist/{id}/share"): lambda fx, v: [("shared", "1")],
    ("POST", "/pw/{slug}/outcomes"): lambda fx, v: outcome_fields("Matrixopbrengst %d" % NEXT()),
    ("POST", "/pw/{slug}/outcomes/{id}"): lambda fx, v: outcome_fields("Aanvalsopbrengst"),
    ("POST", "/pw/{slug}/outcomes/{id}/realist"): lambda fx, v: CMO,
    ("POST", "/pw/{slug}/questions"): lambda fx, v: question_fields("Matrixvraagstuk %d" % NEXT()),
    ("POST", "/pw/{slug}/questions/{id}"): lambda fx, v: question_fields("Aanvalsvraagstuk"),
    ("POST", "/pw/{slug}/questions/{id}/activities"): lambda fx, v: activity_fields("Matrixactiviteit %d" % NEXT()),
    ("POST", "/pw/{slug}/activities/{id}"): lambda fx, v: activity_fields("Aanvalsactiviteit"),
    ("POST", "/pw/{slug}/questions/{id}/contributors"): lambda fx, v: [
        ("con_role", "student"), ("con_people", "2"), ("con_period", "2026-S1"), ("con_programme", ""),
        ("con_name", "")],
    ("POST", "/pw/{slug}/questions/{id}/products"): lambda fx, v: [
        ("prod_kind", "protocol"), ("prod_category", "knowledge"), ("prod_title", "Matrixproduct %d" % NEXT()),
        ("prod_date", "2026-03-01"), ("prod_description", ""), ("prod_url", "")],
    ("POST", "/api/v1/workplaces/{slug}/questions"): lambda fx, v: Json({
        "title": "Matrix-API-vraagstuk %d" % NEXT(), "trigger": "urgency", "raised_on": "2026-02-01"}),
    ("POST", "/api/v1/workplaces/{slug}/activities"): lambda fx, v: Json({
        "question": fx.question_of(v["slug"]), "kind": "learning", "title": "Matrix-API-activiteit %d" % NEXT(),
        "starts_on": "2026-02-03", "participants": {"student": 2}}),
    ("POST", "/api/v1/workplaces/{slug}/contributors"): lambda fx, v: Json({
        "question": fx.question_of(v["slug"]), "role": "student", "people": 2, "period": "2026-S1"}),
    ("POST", "/api/v1/workplaces/{slug}/products"): lambda fx, v: Json({
        "question": fx.question_of(v["slug"]), "kind": "advice", "category": "knowledge",
        "occurred_on": "2026-02-03", "title": "Matrix-API-product %d" % NEXT()}),
    ("POST", "/api/v1/workplaces/{slug}/actions"): lambda fx, v: Json({
        "title": "Matrix-API-actie %d" % NEXT(), "elements": ["LOS"]}),
    ("POST", "/api/v1/workplaces/{slug}/outcomes"): lambda fx, v: Json({
        "category": "knowledge", "occurred_on": "2026-01-15", "title": "Matrix-API-opbrengst %d" % NEXT()}),
}

# How a role can ask the API: with its session cookie, or with its API
# token and no cookie at all ("bearer"); and anyone with an unknown token.
API_WAYS = ("session", "bearer")


class AccessMatrixTest(ServerTestCase):
    """One server (with a mail sink, so reminders can go out) for the
    matrix, the read-only GETs and the CSRF refusals."""

    @classmethod
    def setUpClass(cls):
        cls.sink = SmtpSink()
        cls.serve_args = ["--smtp-url", cls.sink.url, "--smtp-from", "werkplaats@example.org"]
        try:
            super().setUpClass()
            cls.fx = Fixture(cls.server)
            cls.roles = Roles(cls.server, cls.fx)
            cls.watch = attack.DbWatch(cls.server)
            cls.routes = route_table()
        except BaseException:
            cls.sink.close()
            if cls.server:
                cls.server.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            cls.watch.close()
            super().tearDownClass()
        finally:
            cls.sink.close()

    # ---- the cells ----

    def cells(self, methods=("GET", "POST")):
        """(method, pattern, target, values) for every route and target."""
        for method, pattern, _access, _tx in self.routes:
            if method not in methods:
                continue
            for target, values in self.fx.targets(pattern).items():
                yield method, pattern, target, values

    @staticmethod
    def ways(pattern, role):
        """The ways a role asks a route: its browser, and for the API also
        its token alone; the anonymous visitor also with an unknown token."""
        if not pattern.startswith("/api/"):
            return ("session",)
        if role in LOGGED_IN:
            return API_WAYS
        return ("session", "bogus") if role == "anonymous" else ("session",)

    def expected(self, method, pattern, role, target, values, way="session"):
        if way == "bogus":
            return 401
        slug = values.get("slug") or values.get("_wp", attack.NO_SLUG)
        want = EXPECT[(method, pattern)](role, target, slug)
        if want is None:  # anonymous to /login, in the way of the method
            want = LOGIN_GET if method == "GET" else LOGIN_POST
        return want

    def path_for(self, role, values, pattern, fresh=True):
        values = dict(values)
        if values.get("token", "") is None:
            values["token"] = (self.fx.response_token() if fresh
                               else self.shared_response)
        return Fixture.fill(pattern, values)

    def body(self, pattern, values):
        make = BODIES.get(("POST", pattern))
        return make(self.fx, values) if make else []

    def send(self, role, method, pattern, path, values, csrf=True, fields=None, way="session"):
        """One request as role: way "session" (its browser, with csrf:
        True its own token, None none, or the one given), "bearer" (its
        API token and no cookie), "bearer+cookie" (its browser and its
        token) or "bogus" (an unknown token, no cookie)."""
        headers = {}
        c = self.roles[role] if way in ("session", "bearer+cookie") else self.server.client()
        if way in ("bearer", "bearer+cookie"):
            headers["Authorization"] = "Bearer " + self.fx.api_tokens[role]
        elif way == "bogus":
            headers["Authorization"] = "Bearer wpt_" + attack.BOGUS_TOKEN
        if method == "GET":
            return c.get(path, headers=headers)
        if fields is None:
            fields = self.body(pattern, values)
        if csrf is True:
            csrf = self.roles.csrf(role) if way in ("session", "bearer+cookie") else None
        data, h = attack.encode_body(fields, csrf)
        headers.update(h)
        return c.request("POST", path, body=data, headers=headers)

    def check_status(self, r, want, path):
        if want == LOGIN_GET:
            self.assertEqual(r.status, 303, r)
            self.assertEqual(r.location, "/login?next=%s" % path, r)
        elif want == LOGIN_POST:
            self.assertEqual(r.status, 303, r)
            self.assertEqual(r.location, "/login", r)
        else:
            self.assertEqual(r.status, want, r)
            if r.status == 303 and path != "/logout":
                self.assertFalse((r.location or "").startswith("/login"), r)
        if path.startswith("/api/") and r.status == 200 and path.endswith("/report"):
            self.assertEqual(r.header("Content-Type"), "application/pdf", r)  # a report: its PDF
        elif path.startswith("/api/"):  # JSON, errors too
            self.assertTrue((r.header("Content-Type") or "").startswith("application/json"), r)
            json.loads(r.text)

    def after(self, role, method, pattern, r):
        """Undo what a cell changed that later cells rely on."""
        if pattern.endswith("/close"):
            self.watch.conn.execute("UPDATE rounds SET closed_early = 0 WHERE id IN (?, ?)",
                                    (self.fx.own_round, self.fx.other_round))
        elif pattern == "/logout" and role in LOGGED_IN:
            self.roles.reset(role)
        elif pattern.startswith("/admin/accounts/") and r.status == 200:
            self.fx.renew_password_link(self.watch.conn)
        if method == "POST" and r.status < 400:
            self.fx.restore(self.watch.conn)
        if method == "POST" and pattern.startswith(("/r/", "/password/", "/join/")):
            self.watch.clear_throttle()

    # ---- the tests ----

    def test_route_table_and_expectations_cover_the_same_routes(self):
        table = {(m, p) for m, p, _a, _t in self.routes}
        self.assertEqual(len(table), len(self.routes), "a route is in the table twice")
        missing = sorted(table - set(EXPECT))
        stale = sorted(set(EXPECT) - table)
        self.assertEqual(missing, [], "routes without a row in EXPECT (test_attack_access.py)")
        self.assertEqual(stale, [], "rows in EXPECT for routes that no longer exist")
        for (method, pattern), make in BODIES.items():
            self.assertIn((method, pattern), table, "a body in BODIES for a route that no longer exists")
        for method, pattern, access, tx in self.routes:
            self.assertIn(method, ("GET", "POST"), pattern)
            self.assertIn(access, ("asset", "public", "idp", "login", "admin", "research", "api"), pattern)
            self.assertIn(tx, ("auto", "self"), pattern)
            self.assertEqual(pattern.startswith("/api/"), access == "api", pattern)
            # every route has values for its placeholders (raises otherwise)
            for values in self.fx.targets(pattern).values():
                if values.get("token", "") is None:
                    values = dict(values, token=attack.BOGUS_TOKEN)
                Fixture.fill(pattern, values)
        # the lead's column of the route table agrees with the expectation
        # (except where a workplace setting decides, off in the fixture)
        by_setting = {("GET", "/api/v1/rounds/{id}/comments")}
        for method, pattern, _access, _tx, lead in route_table(with_lead=True):
            if (method, pattern) in by_setting:
                continue
            targets = self.fx.targets(pattern)
            for target, values in targets.items():
                slug = values.get("slug") or values.get("_wp")
                if slug not in (GERIATRIE, OOST):
                    continue
                want = EXPECT[(method, pattern)]("programme_lead", target, slug)
                if lead == "-":
                    self.assertEqual(want, 403, (method, pattern, target))
                elif target in ("own", "closed") and (target == "closed" or "closed" not in targets):
                    self.assertEqual((method, want), ("GET", 200), (pattern, target))
        # and the expectation agrees with the declared access level
        for method, pattern, access, _tx in self.routes:
            for target, values in self.fx.targets(pattern).items():
                anon = self.expected(method, pattern, "anonymous", target, values)
                if access == "login":
                    self.assertIn(anon, (LOGIN_GET, LOGIN_POST), (method, pattern))
                elif access in ("admin", "research"):
                    self.assertEqual(anon, LOGIN_POST, (method, pattern))
                elif access == "api":
                    self.assertEqual(anon, 401, (method, pattern))
                else:
                    self.assertNotIn(anon, (LOGIN_GET, LOGIN_POST, 401), (method, pattern))

    def test_error_pages_keep_the_anonymous_browser_token(self):
        """A 404 or 405 (answered before the prologue reads cookies) must not
        give an anonymous browser a new wp_anon cookie: that would void the
        CSRF token of every form it has open (a questionnaire page, the
        login form). Found by the matrix: /static/nope.css broke the next
        anonymous POST."""
        c = self.client()
        page = c.get("/login")
        tok = harness.csrf_from(page)
        for path, method in (("/static/nope.css", "GET"), ("/nope", "GET"), ("/favicon.ico", "GET"),
                             ("/login/x/y", "GET"), ("/guide", "POST")):
            with self.subTest(path=path):
                r = c.request(method, path)
                self.assertIn(r.status, (404, 405), r)
                self.assertNotIn("wp_anon", r.set_cookies(), r.headers)
                self.assertEqual(harness.csrf_from(r), tok, "the error page's forms use the same token")
        r = c.post("/lang", {"csrf": tok, "lang": "nl", "next": "/login"})
        self.assertEqual(r.status, 303, r)

    def test_matrix(self):
        done, by_token = 0, 0
        for method, pattern, target, values in self.cells():
            for role in ROLES:
                for way in self.ways(pattern, role):
                    path = self.path_for(role, values, pattern)
                    want = self.expected(method, pattern, role, target, values, way)
                    with self.subTest(method=method, path=path, role=role, target=target, way=way):
                        r = self.send(role, method, pattern, path, values, way=way)
                        self.after(role, method, pattern, r)
                        self.check_status(r, want, path)
                        self.assertLess(r.status, 500)
                        done += 1
                        by_token += way != "session"
        n_routes = len(self.routes)
        self.assertEqual(len(ROLES), 8)
        # printed for the record of the suite: routes x roles, and cells with targets
        print("\n  access matrix: %d routes x %d roles = %d; %d requests over all targets"
              " (%d of them with an API token)" % (n_routes, len(ROLES), n_routes * len(ROLES), done,
                                                   by_token), end=" ")

    def test_get_never_writes(self):
        """Every GET of the matrix, by every role (and to the API with every
        role's token): the database stays as it was (no commit at all
        after any single GET, and the same dump before and after each
        route's GETs). The one exception: a live share link counts its
        use (docs/reports.md), on the link and in the audit log, and
        changes nothing else."""
        self.shared_response = self.fx.response_token()
        before = self.server.dump()
        for method, pattern, _a, _t in self.routes:
            if method != "GET":
                continue
            other_audit = self.server.sql("SELECT count(*) FROM audit_log WHERE action <> 'share link used'")
            for target, values in self.fx.targets(pattern).items():
                counted = pattern.startswith("/s/") and target == "live"
                for role in ROLES:
                    path = self.path_for(role, values, pattern, fresh=False)
                    for way in self.ways(pattern, role):
                        v = self.watch.version()
                        for m in ("GET", "HEAD"):
                            r = self.send_get(role, m, path, way)
                            with self.subTest(method=m, path=path, role=role, way=way):
                                self.assertLess(r.status, 500, r)
                                if not counted:
                                    self.assertEqual(self.watch.version(), v,
                                                     "%s %s as %s committed a change" % (m, path, role))
            after = self.server.dump()
            with self.subTest(route=pattern):
                if pattern.startswith("/s/"):
                    self.assertEqual(without_share_use(before), without_share_use(after), pattern)
                    self.assertEqual(self.server.sql("SELECT count(*) FROM audit_log WHERE action <>"
                                                     " 'share link used'"), other_audit)
                else:
                    self.assertEqual(before.splitlines(), after.splitlines(), pattern)
            before = after

    def send_get(self, role, method, path, way):
        headers = {}
        c = self.roles[role] if way == "session" else self.server.client()
        if way == "bearer":
            headers["Authorization"] = "Bearer " + self.fx.api_tokens[role]
        elif way == "bogus":
            headers["Authorization"] = "Bearer wpt_" + attack.BOGUS_TOKEN
        return c.request(method, path, headers=headers)

    def test_post_without_csrf_is_refused(self):
        """Every POST route, by every role, with the fields that would make
        it work (multipart where the form is, JSON for the API), but
        without a CSRF token, with an empty one, a wrong one, and another
        browser's valid one: 403 wherever the request got past the access
        check (the login redirect, 401 or 404 before it), and the database
        is exactly as before. An API POST that carries a session cookie
        needs the token also when it carries an API token as well."""
        self.shared_response = self.fx.response_token()
        stranger = harness.Client(self.server)
        stranger.login_ok(harness.YOUSSEF)
        foreign = harness.csrf_from(stranger.get("/"))
        for method, pattern, access, _t in self.routes:
            if method != "POST":
                continue
            before = self.server.dump()
            targets = self.fx.targets(pattern)
            name = next(t for t in ("own", "response", "link", "person", "invite", "coordinators", "-")
                        if t in targets)
            values = targets[name]
            for role in ROLES:
                path = self.path_for(role, values, pattern, fresh=False)
                # the access check of the route table comes before the CSRF check
                if access in ("login", "admin") and role not in LOGGED_IN:
                    want = LOGIN_POST
                elif access == "api" and role not in LOGGED_IN:
                    want = 401
                elif access == "admin" and role != "admin":
                    want = 404
                elif access == "idp":
                    # an identity provider's POST carries no CSRF token of
                    # ours; its own proof (a login attempt of this browser,
                    # a signed message) is missing here
                    want = 400
                else:
                    want = 403
                ways = ("session", "bearer+cookie") if access == "api" and role in LOGGED_IN else ("session",)
                for way in ways:
                    for label, tok in (("none", None), ("empty", ""), ("wrong", "0" * 64),
                                       ("another browser's", foreign)):
                        fields = self.body(pattern, values)
                        v = self.watch.version()
                        r = self.send(role, method, pattern, path, values, csrf=tok, fields=fields, way=way)
                        with self.subTest(path=path, role=role, csrf=label, way=way):
                            self.check_status(r, want, path)
                            if want == 403 and access == "api":
                                self.assertIn("CSRF", json.loads(r.text)["error"])
                            elif want == 403:
                                self.assertIn("Er is niets opgeslagen", r.text)
                            self.assertNotIn("wp_session", r.set_cookies())
                            self.assertNotIn("wp_lang", r.set_cookies())
                            self.assertEqual(self.watch.version(), v, "a commit without CSRF")
            after = self.server.dump()
            with self.subTest(route=pattern):
                self.assertEqual(before.splitlines(), after.splitlines(), pattern)
        # the sessions all survived the refused logouts
        for role in LOGGED_IN:
            self.assertEqual(self.roles[role].get("/account").status, 200, role)

    def test_bearer_post_needs_no_csrf_only_without_a_session_cookie(self):
        """Both sides, for one API POST: the token alone (no cookie, no CSRF
        token) creates; the same request with the browser's session cookie
        and no CSRF token is refused; with the cookie and its CSRF token
        in X-CSRF-Token it creates again. A browser's anonymous cookie
        (wp_anon) is no session: the token alone still works."""
        path = "/api/v1/workplaces/%s/actions" % GERIATRIE
        count = "SELECT count(*) FROM actions WHERE title = 'Beide kanten'"
        body = Json({"title": "Beide kanten", "elements": ["VOR"]})
        role = "coordinator"
        r = self.send(role, "POST", "", path, {}, fields=body, way="bearer")
        self.assertEqual(r.status, 201, r)
        self.assertEqual(self.server.sql(count), [["1"]])
        for tok in (None, "", "0" * 64):
            r = self.send(role, "POST", "", path, {}, csrf=tok, fields=body, way="bearer+cookie")
            self.assertEqual(r.status, 403, r)
        r = self.send(role, "POST", "", path, {}, fields=body, way="bearer+cookie")
        self.assertEqual(r.status, 201, r)
        self.assertEqual(self.server.sql(count), [["2"]])
        anon = self.server.client()
        anon.get("/login")
        self.assertIn("wp_anon", anon.cookies)
        data, h = attack.encode_body(body, None)
        h["Authorization"] = "Bearer " + self.fx.api_tokens[role]
        r = anon.request("POST", path, body=data, headers=h)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(self.server.sql(count), [["3"]])


if __name__ == "__main__":
    unittest.main()
