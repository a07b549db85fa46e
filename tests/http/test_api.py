"""The JSON API (issue 6), black box: the OpenAPI file describes exactly
the /api/v1 routes of the route table, personal API tokens (made on the
account page, shown once, stored hashed, revoked), bearer requests need no
CSRF token but a request with a session cookie does, the same permissions
as the pages, JSON errors (also 404 and 405), and pagination."""

import json
import os
import re
import unittest

import harness
import qhelp
from harness import ADMIN, COORDINATOR, GERIATRIE, MEMBER, PETRA, ServerTestCase

ROUTES_C = os.path.join(harness.REPO, "src", "web", "routes.c")
OPENAPI = os.path.join(harness.REPO, "docs", "openapi.json")


def api_routes():
    """(method, pattern) of every /api/ route in the route table."""
    with open(ROUTES_C, encoding="utf-8") as f:
        text = f.read()
    return {(m, p) for m, p in re.findall(r'\{"(GET|POST)", "(/api/[^"]*)"', text)}


class OpenApiMatchesRouteTable(unittest.TestCase):
    def test_every_route_is_described_and_nothing_else(self):
        with open(OPENAPI, encoding="utf-8") as f:
            doc = json.load(f)
        self.assertTrue(doc["openapi"].startswith("3."))
        described = {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops
                     if m in ("get", "post", "put", "patch", "delete")}
        routes = api_routes()
        self.assertGreaterEqual(len(routes), 10)
        self.assertEqual(routes - described, set(), "routes missing from docs/openapi.json")
        self.assertEqual(described - routes, set(), "docs/openapi.json describes routes that do not exist")

    def test_references_resolve(self):
        with open(OPENAPI, encoding="utf-8") as f:
            doc = json.load(f)
        text = json.dumps(doc)
        for ref in set(re.findall(r'"\$ref": "#/([^"]+)"', text)):
            node = doc
            for part in ref.split("/"):
                self.assertIn(part, node, ref)
                node = node[part]


class ApiTest(ServerTestCase):
    def session(self, who=COORDINATOR):
        c = self.client()
        c.login_ok(who)
        return c

    def make_token(self, who=COORDINATOR, name="script"):
        c = self.session(who)
        page = c.get("/account")
        r = c.post("/account/tokens", {"csrf": harness.csrf_from(page), "token_name": name})
        self.assertEqual(r.status, 200, r)
        m = re.search(r'id="new-token">([^<]+)<', r.text)
        self.assertIsNotNone(m, r.text[:3000])
        return c, m.group(1)

    def bearer(self, token, method="GET", path="/api/v1/workplaces", body=None, cookie_client=None):
        c = cookie_client or self.client()
        h = {"Authorization": "Bearer " + token}
        if body is not None:
            h["Content-Type"] = "application/json"
            body = json.dumps(body)
        return c.request(method, path, body=body, headers=h)

    def assertJsonError(self, r, status):
        self.assertEqual(r.status, status, r)
        self.assertTrue(r.header("Content-Type").startswith("application/json"), r)
        data = json.loads(r.text)
        self.assertEqual(data["status"], status)
        self.assertTrue(data["error"])
        self.assertEqual(data["request_id"], r.header("X-Request-Id"))
        return data

    # ---- errors ----

    def test_errors_are_json_under_api(self):
        c = self.session()
        self.assertJsonError(c.get("/api/v1/nothing-here"), 404)
        self.assertJsonError(c.get("/api/v2/workplaces"), 404)
        r = c.request("DELETE", "/api/v1/workplaces")
        self.assertJsonError(r, 405)
        self.assertEqual(r.header("Allow"), "GET")
        self.assertJsonError(c.get("/api/v1/rounds/999999"), 404)
        self.assertJsonError(c.get("/api/v1/workplaces/no-such-place"), 404)
        # elsewhere errors stay pages
        r = c.get("/nothing-here")
        self.assertEqual(r.status, 404)
        self.assertTrue(r.header("Content-Type").startswith("text/html"))

    def test_anonymous_gets_401(self):
        for path in ("/api/v1/workplaces", "/api/v1/rounds/2", "/api/v1/rounds/2/results"):
            r = self.client().get(path)
            self.assertJsonError(r, 401)
            self.assertIn("Bearer", r.header("WWW-Authenticate"))

    # ---- tokens ----

    def test_token_is_shown_once_stored_hashed_and_revocable(self):
        c, tok = self.make_token(name="dashboard")
        self.assertTrue(tok.startswith("wpt_"))
        page = c.get("/account")
        self.assertNotIn(tok, page.text)
        self.assertIn("dashboard", page.text)
        self.assertIn(tok[:8], page.text)
        rows = self.server.sql("SELECT token_hash, hint FROM api_tokens WHERE name = 'dashboard'")
        self.assertEqual(rows, [[qhelp.token_hash("api", tok), tok[:8]]])
        self.assertNotIn(tok, self.server.dump())
        r = self.bearer(tok)
        self.assertEqual(r.status, 200, r)
        slugs = [w["slug"] for w in json.loads(r.text)["items"]]
        self.assertIn(GERIATRIE, slugs)
        tid = self.server.sql("SELECT id FROM api_tokens WHERE name = 'dashboard'")[0][0]
        # someone else cannot revoke it
        other = self.session(MEMBER)
        r = other.post("/account/tokens/%s/revoke" % tid, {"csrf": other.csrf("/account")})
        self.assertEqual(r.status, 404)
        self.assertEqual(self.bearer(tok).status, 200)
        r = c.post("/account/tokens/%s/revoke" % tid, {"csrf": c.csrf("/account")})
        self.assertEqual(r.status, 303)
        self.assertJsonError(self.bearer(tok), 401)

    def test_bad_tokens(self):
        for auth in ("Bearer wpt_nonsense", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer " + "x" * 500):
            r = self.client().get("/api/v1/workplaces", headers={"Authorization": auth})
            self.assertJsonError(r, 401)
        # a token is refused outright even when a session cookie comes with it
        c = self.session()
        r = c.get("/api/v1/workplaces", headers={"Authorization": "Bearer wpt_nonsense"})
        self.assertJsonError(r, 401)

    def test_token_of_a_disabled_account_stops_working(self):
        _, tok = self.make_token(PETRA, name="petra")
        self.assertEqual(self.bearer(tok).status, 200)
        c = qhelp.db(self.server)
        c.execute("UPDATE accounts SET disabled = 1 WHERE person_id = (SELECT id FROM people WHERE email = ?)",
                  (PETRA,))
        c.close()
        try:
            self.assertJsonError(self.bearer(tok), 401)
        finally:
            c = qhelp.db(self.server)
            c.execute("UPDATE accounts SET disabled = 0")
            c.close()

    def test_token_works_on_the_api_only(self):
        _, tok = self.make_token(name="pages")
        r = self.client().get("/pw/%s" % GERIATRIE, headers={"Authorization": "Bearer " + tok})
        self.assertRedirectsToLogin(r)

    def test_token_name_is_required(self):
        c = self.session()
        r = c.post("/account/tokens", {"csrf": c.csrf("/account"), "token_name": ""})
        self.assertEqual(r.status, 400)
        self.assertNotIn('id="new-token"', r.text)

    # ---- CSRF ----

    def test_bearer_post_needs_no_csrf_but_a_cookie_post_does(self):
        c, tok = self.make_token(name="writer")
        path = "/api/v1/workplaces/%s/actions" % GERIATRIE
        r = self.bearer(tok, "POST", path, {"title": "Via de API", "elements": ["LOS", "VMM"], "round": 2,
                                           "due_on": "2027-01-31"})
        self.assertEqual(r.status, 201, r)
        made = json.loads(r.text)
        self.assertEqual((made["title"], made["elements"], made["round"]), ("Via de API", ["LOS", "VMM"], 2))
        # the same with the session cookie and no CSRF token: refused, nothing stored
        before = self.server.sql("SELECT COUNT(*) FROM actions")[0][0]
        r = self.bearer(tok, "POST", path, {"title": "Met cookie"}, cookie_client=c)
        self.assertJsonError(r, 403)
        r = c.request("POST", path, body=json.dumps({"title": "Alleen cookie"}),
                      headers={"Content-Type": "application/json"})
        self.assertJsonError(r, 403)
        self.assertEqual(self.server.sql("SELECT COUNT(*) FROM actions")[0][0], before)
        # a session with its CSRF token in the header may
        r = c.request("POST", path, body=json.dumps({"title": "Cookie met token"}),
                      headers={"Content-Type": "application/json", "X-CSRF-Token": c.csrf("/account")})
        self.assertEqual(r.status, 201, r)

    def test_invalid_bodies(self):
        _, tok = self.make_token(name="validator")
        path = "/api/v1/workplaces/%s/actions" % GERIATRIE
        data = self.assertJsonError(self.bearer(tok, "POST", path, {"title": "", "status": "maybe",
                                                                    "elements": ["XYZ"], "due_on": "morgen",
                                                                    "round": 4, "colour": "red"}), 400)
        self.assertEqual(set(data["fields"]), {"title", "status", "elements", "due_on", "round", "colour"})
        r = self.client().request("POST", path, body="not json", headers={
            "Authorization": "Bearer " + tok, "Content-Type": "application/json"})
        self.assertJsonError(r, 400)
        opath = "/api/v1/workplaces/%s/outcomes" % GERIATRIE
        data = self.assertJsonError(self.bearer(tok, "POST", opath, {"category": "fame", "title": "x",
                                                                     "evidence_url": "ftp://x"}), 400)
        self.assertEqual(set(data["fields"]), {"category", "occurred_on", "evidence_url"})
        r = self.bearer(tok, "POST", opath, {"category": "connections", "occurred_on": "2026-06-01",
                                             "title": "Nieuwe partner", "evidence_url": "https://example.org/a"})
        self.assertEqual(r.status, 201, r)
        outcomes = json.loads(self.bearer(tok, path=opath + "?limit=500").text)["items"]
        self.assertIn("Nieuwe partner", [o["title"] for o in outcomes])

    # ---- permissions: the same as the pages ----

    def test_permissions(self):
        _, member = self.make_token(MEMBER, name="member")
        _, outsider = self.make_token(PETRA, name="outsider")
        base = "/api/v1/workplaces/%s" % GERIATRIE
        for path in (base, base + "/rounds", base + "/actions", base + "/outcomes", "/api/v1/rounds/2",
                     "/api/v1/rounds/2/results"):
            self.assertEqual(self.bearer(member, path=path).status, 200, path)
            self.assertJsonError(self.bearer(outsider, path=path), 404)
        # members read; only coordinators change things or get the raw answers
        self.assertJsonError(self.bearer(member, path="/api/v1/rounds/2/answers"), 403)
        self.assertJsonError(self.bearer(member, "POST", base + "/actions", {"title": "x"}), 403)
        self.assertJsonError(self.bearer(outsider, "POST", base + "/actions", {"title": "x"}), 404)
        self.assertNotIn(GERIATRIE, [w["slug"] for w in json.loads(self.bearer(outsider).text)["items"]])
        _, coord = self.make_token(COORDINATOR, name="coordinator")
        r = self.bearer(coord, path="/api/v1/rounds/2/answers")
        self.assertEqual(r.status, 200)
        self.assertEqual(json.loads(r.text)["format"], "werkplaats-export/1")
        _, admin = self.make_token(ADMIN, name="admin")
        all_slugs = [w["slug"] for w in json.loads(self.bearer(admin).text)["items"]]
        self.assertEqual(len(all_slugs), int(self.server.sql("SELECT COUNT(*) FROM workplaces")[0][0]))

    def test_the_api_says_no_more_than_the_pages(self):
        _, tok = self.make_token(name="limits")
        rid, _ = qhelp.new_round(self.server, GERIATRIE, "API te klein")
        qhelp.add_responses(self.server, rid, [("student", {"LOS1": 4}, {})] * 4)
        data = json.loads(self.bearer(tok, path="/api/v1/rounds/%d/results" % rid).text)
        self.assertFalse(data["shown"])
        self.assertNotIn("elements", data)
        self.assertJsonError(self.bearer(tok, path="/api/v1/rounds/%d/answers" % rid), 403)

    # ---- pagination ----

    def test_pagination(self):
        _, tok = self.make_token(name="pager")
        path = "/api/v1/workplaces/%s/actions" % GERIATRIE
        everything = json.loads(self.bearer(tok, path=path + "?limit=500").text)
        total = everything["total"]
        self.assertGreaterEqual(total, 3)
        self.assertIsNone(everything["next"])
        seen, url = [], path + "?limit=2"
        while url:
            page = json.loads(self.bearer(tok, path=url).text)
            self.assertLessEqual(len(page["items"]), 2)
            self.assertEqual(page["total"], total)
            seen += [a["id"] for a in page["items"]]
            url = page["next"]
        self.assertEqual(seen, [a["id"] for a in everything["items"]])
        page = json.loads(self.bearer(tok, path=path + "?limit=1&offset=%d" % total).text)
        self.assertEqual(page["items"], [])
        for q in ("limit=0", "limit=501", "limit=x", "offset=-1"):
            self.assertJsonError(self.bearer(tok, path=path + "?" + q), 400)
        rounds = json.loads(self.bearer(tok, path="/api/v1/workplaces/%s/rounds?limit=1" % GERIATRIE).text)
        self.assertEqual(len(rounds["items"]), 1)
        self.assertTrue(rounds["next"].endswith("limit=1&offset=1"))
        r0 = rounds["items"][0]
        one = json.loads(self.bearer(tok, path=r0["links"]["self"]).text)
        self.assertEqual(one, r0)

    def test_dutch_messages_on_request(self):
        r = self.client().get("/api/v1/workplaces", headers={"Accept-Language": "nl-NL"})
        self.assertIn("log eerst in", json.loads(r.text)["error"])


if __name__ == "__main__":
    unittest.main()
