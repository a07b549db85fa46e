"""test_practice_api.py - the primary process in the API (issue 21):
/api/v1/workplaces/{slug}/activities (list, detail, create),
.../contributors and .../products (list, create). What the API creates is
read back through the API and through the pages; a product lands in the
outcomes register once, as the question page's form puts it there.
Hostile bodies are refused field by field with nothing stored; another
workplace's ids are not found; a POST with a session cookie needs its
CSRF token, one with a bearer token alone does not; the programme lead
does not use these routes. Runs on SQLite and PostgreSQL.
"""

import json
import re

import harness
from harness import COORDINATOR, GERIATRIE, MEMBER, OOST, PROGRAMME_LEAD, ServerTestCase, csrf_from

API = "/api/v1/workplaces/" + GERIATRIE
W = "/pw/" + GERIATRIE
JSON = {"Content-Type": "application/json"}


def text_of(page):
    import html as html_lib
    t = re.sub(r"<[^>]+>", " ", page.text)
    return re.sub(r"\s+", " ", html_lib.unescape(t)).strip()


class PracticeApiTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        c = cls.server.client()
        c.login_ok(MEMBER)
        page = c.get("/account")
        r = c.post("/account/tokens", {"csrf": harness.csrf_from(page), "token_name": "praktijk"})
        assert r.status == 200, r
        cls.token = re.search(r'id="new-token">([^<]+)<', r.text).group(1)
        r = cls.call_as(cls.token, "POST", API + "/questions", {
            "title": "Samen leren in de avonddienst", "trigger": "opportunity", "raised_on": "2026-02-02"})
        assert r.status == 201, r
        cls.qid = json.loads(r.text)["id"]
        # another workplace's question and activity (the demo's)
        cls.other_q, cls.other_a = (int(x) for x in cls.server.sql(
            "SELECT q.id, a.id FROM practice_activities a JOIN practice_questions q ON q.id = a.question_id"
            " JOIN workplaces w ON w.id = q.workplace_id WHERE w.slug = '%s' ORDER BY a.id LIMIT 1" % OOST)[0])

    @classmethod
    def call_as(cls, token, method, path, body=None):
        h = {"Authorization": "Bearer " + token}
        if body is not None:
            h.update(JSON)
            body = body if isinstance(body, (str, bytes)) else json.dumps(body)
        return cls.server.client().request(method, path, body=body, headers=h)

    def call(self, method, path, body=None):
        return self.call_as(self.token, method, path, body)

    def get_json(self, path):
        r = self.call("GET", path)
        self.assertEqual(r.status, 200, r)
        return json.loads(r.text)

    def count(self, table):
        return int(self.server.sql("SELECT count(*) FROM %s" % table)[0][0])

    def session(self, who):
        c = self.client()
        c.login_ok(who)
        return c

    # ---- creating and reading back ----

    def test_activity_created_and_read_back(self):
        r = self.call("POST", API + "/activities", {
            "question": self.qid, "kind": "codesign", "title": "Ontwerpsessie met familie",
            "starts_on": "2026-03-04", "ends_on": "2026-03-05", "description": "Twee middagen",
            "participants": {"student": 3, "citizen": 5, "teacher": 0}})
        self.assertEqual(r.status, 201, r)
        a = json.loads(r.text)
        self.assertEqual(r.header("Location"), "%s/activities/%d" % (API, a["id"]))
        expected = {"id": a["id"], "question": self.qid, "kind": "codesign", "title": "Ontwerpsessie met familie",
                    "description": "Twee middagen", "starts_on": "2026-03-04", "ends_on": "2026-03-05",
                    "participants": {"student": 3, "citizen": 5}, "total": 8,
                    "self": "%s/activities/%d" % (API, a["id"])}
        self.assertEqual(a, expected)
        self.assertEqual(self.get_json("%s/activities/%d" % (API, a["id"])), expected)
        # in the list, with the filters
        mine = self.get_json("%s/activities?question=%d" % (API, self.qid))
        self.assertIn(expected, mine["items"])
        self.assertTrue(all(i["question"] == self.qid for i in mine["items"]))
        self.assertIn(expected, self.get_json(API + "/activities?kind=codesign&year=2026&limit=500")["items"])
        self.assertNotIn(expected, self.get_json(API + "/activities?kind=pilot&limit=500")["items"])
        self.assertNotIn(expected, self.get_json(API + "/activities?year=2025&limit=500")["items"])
        # the same as SQL counts them
        n = int(self.server.sql("SELECT count(*) FROM practice_activities a JOIN practice_questions q"
                                " ON q.id = a.question_id JOIN workplaces w ON w.id = q.workplace_id"
                                " WHERE w.slug = '%s'" % GERIATRIE)[0][0])
        self.assertEqual(self.get_json(API + "/activities?limit=1")["total"], n)
        # on the pages
        m = self.session(MEMBER)
        page = m.get("%s/activities/%d" % (W, a["id"]))
        self.assertEqual(page.status, 200, page)
        t = text_of(page)
        self.assertIn("Ontwerpsessie met familie", t)
        self.assertIn("Totaal 8", t)
        self.assertIn("Ontwerpsessie met familie", text_of(m.get("%s/questions/%d" % (W, self.qid))))
        # and in the question's detail
        q = self.get_json("%s/questions/%d" % (API, self.qid))
        self.assertIn(expected, q["activity_list"])

    def test_contributor_created_and_read_back(self):
        r = self.call("POST", API + "/contributors", {
            "question": self.qid, "role": "student", "people": 4, "period": "2025-S2",
            "programme": "HBO-Verpleegkunde"})
        self.assertEqual(r.status, 201, r)
        c = json.loads(r.text)
        expected = {"id": c["id"], "question": self.qid, "role": "student", "people": 4, "period": "2025-S2",
                    "programme": "HBO-Verpleegkunde", "name": ""}
        self.assertEqual(c, expected)
        self.assertIn(expected, self.get_json("%s/contributors?question=%d" % (API, self.qid))["items"])
        self.assertIn(expected, self.get_json(API + "/contributors?role=student&period=2025-S2&limit=500")["items"])
        self.assertNotIn(expected, self.get_json(API + "/contributors?period=2026-S1&limit=500")["items"])
        self.assertNotIn(expected, self.get_json(API + "/contributors?role=teacher&limit=500")["items"])
        # one named person
        r = self.call("POST", API + "/contributors", {"question": self.qid, "role": "teacher", "period": "2026-S1",
                                                       "name": "Docent die genoemd wil worden"})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(json.loads(r.text)["people"], 1)
        page = text_of(self.session(MEMBER).get("%s/questions/%d" % (W, self.qid)))
        self.assertIn("HBO-Verpleegkunde", page)
        self.assertIn("Docent die genoemd wil worden", page)
        self.assertEqual(self.get_json("%s/questions/%d" % (API, self.qid))["students"] >= 4, True)

    def test_product_lands_in_the_register_once(self):
        before = self.count("outcomes")
        r = self.call("POST", API + "/products", {
            "question": self.qid, "kind": "module", "category": "curriculum", "occurred_on": "2026-06-01",
            "title": "Module avonddienst via de API", "evidence_url": "https://example.org/module"})
        self.assertEqual(r.status, 201, r)
        p = json.loads(r.text)
        self.assertEqual(p["question"], self.qid)
        self.assertEqual(p["kind"], "module")
        self.assertEqual(p["outcome"], {"id": p["id"], "category": "curriculum", "occurred_on": "2026-06-01",
                                        "title": "Module avonddienst via de API", "description": "",
                                        "evidence_url": "https://example.org/module"})
        self.assertEqual(self.count("outcomes"), before + 1)
        self.assertEqual(self.server.sql(
            "SELECT o.category, p.kind, p.question_id FROM outcomes o JOIN practice_products p"
            " ON p.outcome_id = o.id WHERE o.title = 'Module avonddienst via de API'"),
            [["curriculum", "module", str(self.qid)]])
        # the register (API and page) shows it once, under its kind
        reg = self.get_json(API + "/outcomes?limit=500")
        self.assertEqual([o for o in reg["items"] if o["title"] == "Module avonddienst via de API"], [p["outcome"]])
        page = self.session(MEMBER).get(W + "/outcomes")
        line = [li for li in re.findall(r"<li>(.*?)</li>", page.text, re.S) if "Module avonddienst via de API" in li]
        self.assertEqual(len(line), 1, "recorded once")
        self.assertIn('<span class="tag">Actuele, beroepsechte curricula</span>', line[0])
        self.assertIn("product van een vraagstuk: Onderwijsmodule", line[0])
        # the products list and its filters
        self.assertIn(p, self.get_json("%s/products?question=%d" % (API, self.qid))["items"])
        self.assertIn(p, self.get_json(API + "/products?kind=module&category=curriculum&year=2026&limit=500")["items"])
        self.assertNotIn(p, self.get_json(API + "/products?category=knowledge&limit=500")["items"])
        # and the audit log says who did it
        self.assertEqual(self.server.sql("SELECT count(*) FROM audit_log WHERE action = 'outcome recorded (API)'"
                                         " AND detail LIKE '%Module avonddienst via de API%'"), [["1"]])

    # ---- hostile input ----

    def refused(self, path, body, fields):
        tables = ("practice_activities", "activity_participants", "question_contributors", "practice_products",
                  "outcomes")
        before = [self.count(t) for t in tables]
        r = self.call("POST", path, body)
        self.assertEqual(r.status, 400, (body, r))
        d = json.loads(r.text)
        if fields is not None:
            self.assertEqual(set(d["fields"]), set(fields), body)
            self.assertTrue(all(isinstance(v, str) and v for v in d["fields"].values()), d)
        self.assertEqual([self.count(t) for t in tables], before, "nothing stored for %r" % (body,))
        return d

    def test_hostile_activity_bodies(self):
        good = {"question": self.qid, "kind": "learning", "title": "Leren", "starts_on": "2026-03-01",
                "participants": {"student": 2}}
        for raw in ("", "nonsense", "[1, 2]", '"a text"', '{"title": "x", "title": "y"}'):
            self.refused(API + "/activities", raw, None)
        cases = [
            ({"extra": 1}, {"extra"}),
            ({"question": "12"}, {"question"}),
            ({"question": -1}, {"question"}),
            ({"question": self.other_q}, {"question"}),      # another workplace's question
            ({"question": 999999999}, {"question"}),
            ({"kind": "feest"}, {"kind"}),
            ({"title": ""}, {"title"}),
            ({"title": "x" * 201}, {"title"}),
            ({"title": 7}, {"title"}),
            ({"starts_on": "2026-02-30"}, {"starts_on"}),
            ({"ends_on": "2026-02-01"}, {"ends_on"}),        # before starts_on
            ({"participants": {"alien": 3}}, {"participants"}),
            ({"participants": {"student": -1}}, {"participants"}),
            ({"participants": {"student": 10001}}, {"participants"}),
            ({"participants": {"student": 0}}, {"participants"}),
            ({"participants": {"student": "3"}}, {"participants"}),
            ({"participants": [3]}, {"participants"}),
            ({"description": "a\u0000b"}, None),            # a NUL: refused as a whole
            ({"description": "\ud800"}, None),             # half a surrogate pair: no text
        ]
        for change, fields in cases:
            self.refused(API + "/activities", dict(good, **change), fields)
        for missing in ("question", "kind", "title", "starts_on", "participants"):
            body = dict(good)
            del body[missing]
            self.refused(API + "/activities", body, {missing})

    def test_hostile_contributor_and_product_bodies(self):
        good_c = {"question": self.qid, "role": "student", "people": 2, "period": "2026-S1"}
        for change, fields in [({"role": "rector"}, {"role"}), ({"people": 0}, {"people"}),
                               ({"people": 1001}, {"people"}), ({"people": 1.5}, {"people"}),
                               ({"period": "2026-S3"}, {"period"}), ({"period": "26-S1"}, {"period"}),
                               ({"name": "Sanne"}, {"name"}),  # a name with two people
                               ({"question": self.other_q}, {"question"}), ({"programme": "p" * 101}, {"programme"})]:
            self.refused(API + "/contributors", dict(good_c, **change), fields)
        good_p = {"question": self.qid, "kind": "advice", "category": "professional", "occurred_on": "2026-05-01",
                  "title": "Advies"}
        for change, fields in [({"kind": "boek"}, {"kind"}), ({"category": "geld"}, {"category"}),
                               ({"occurred_on": "gisteren"}, {"occurred_on"}),
                               ({"evidence_url": "javascript:alert(1)"}, {"evidence_url"}),
                               ({"evidence_url": "https://a.example/<script>"}, {"evidence_url"}),
                               ({"evidence_url": "https://a.example/x y"}, {"evidence_url"}),
                               ({"question": self.other_q}, {"question"}), ({"file": "QmV3aWpz"}, {"file"})]:
            self.refused(API + "/products", dict(good_p, **change), fields)
        for missing in ("question", "kind", "category", "occurred_on", "title"):
            body = dict(good_p)
            del body[missing]
            self.refused(API + "/products", body, {missing})

    def test_bad_filters_and_ids(self):
        for q in ("question=abc", "question=0", "kind=feest", "year=twintig", "limit=0"):
            r = self.call("GET", API + "/activities?" + q)
            self.assertEqual(r.status, 400, (q, r))
            self.assertIn("error", json.loads(r.text))
        self.assertEqual(self.call("GET", API + "/contributors?period=2026-S9").status, 400)
        self.assertEqual(self.call("GET", API + "/contributors?role=rector").status, 400)
        self.assertEqual(self.call("GET", API + "/products?category=geld").status, 400)
        for bad in ("abc", "0", "-1", "99999999999999999999"):
            self.assertEqual(self.call("GET", API + "/activities/" + bad).status, 404, bad)

    # ---- another workplace ----

    def test_another_workplaces_ids_are_not_found(self):
        self.assertEqual(self.call("GET", "%s/activities/%d" % (API, self.other_a)).status, 404)
        for group in ("activities", "contributors", "products"):
            d = self.get_json("%s/%s?question=%d" % (API, group, self.other_q))
            self.assertEqual((d["total"], d["items"]), (0, []), group)
            # the member is not one of OOST's: its lists are not found
            self.assertEqual(self.call("GET", "/api/v1/workplaces/%s/%s" % (OOST, group)).status, 404, group)
            r = self.call("POST", "/api/v1/workplaces/%s/%s" % (OOST, group), {"question": self.other_q})
            self.assertEqual(r.status, 404, group)
        ids = {int(i["id"]) for i in self.get_json(API + "/activities?limit=500")["items"]}
        oost = {int(x[0]) for x in self.server.sql(
            "SELECT a.id FROM practice_activities a JOIN practice_questions q ON q.id = a.question_id"
            " JOIN workplaces w ON w.id = q.workplace_id WHERE w.slug = '%s'" % OOST)}
        self.assertTrue(oost and not ids & oost)

    # ---- sessions, tokens, roles ----

    def test_csrf_with_a_session_and_none_with_a_token(self):
        body = json.dumps({"question": self.qid, "role": "teacher", "people": 1, "period": "2026-S2"})
        m = self.session(MEMBER)
        before = self.count("question_contributors")
        r = m.request("POST", API + "/contributors", body=body, headers=JSON)
        self.assertEqual(r.status, 403, r)
        r = m.request("POST", API + "/contributors", body=body, headers=dict(JSON, **{"X-CSRF-Token": "nope"}))
        self.assertEqual(r.status, 403, r)
        # a bearer token with a session cookie beside it: the CSRF rule holds
        r = m.request("POST", API + "/contributors", body=body,
                      headers=dict(JSON, Authorization="Bearer " + self.token))
        self.assertEqual(r.status, 403, r)
        self.assertEqual(self.count("question_contributors"), before)
        tok = csrf_from(m.get(W + "/questions"))
        r = m.request("POST", API + "/contributors", body=body, headers=dict(JSON, **{"X-CSRF-Token": tok}))
        self.assertEqual(r.status, 201, r)
        r = self.call("POST", API + "/contributors", body)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(self.count("question_contributors"), before + 2)
        # no session, no token: 401
        r = self.client().request("POST", API + "/contributors", body=body, headers=JSON)
        self.assertEqual(r.status, 401, r)

    def test_coordinator_adds_and_lead_does_not(self):
        c = self.session(COORDINATOR)
        tok = csrf_from(c.get(W + "/questions"))
        body = {"question": self.qid, "kind": "pilot", "title": "Pilot van de coördinator", "starts_on": "2026-04-01",
                "participants": {"professional": 6}}
        r = c.request("POST", API + "/activities", body=json.dumps(body), headers=dict(JSON, **{"X-CSRF-Token": tok}))
        self.assertEqual(r.status, 201, r)
        lead = self.session(PROGRAMME_LEAD)
        self.assertEqual(lead.get(API + "/activities").status, 403)
        self.assertEqual(lead.get("%s/activities/%d" % (API, json.loads(r.text)["id"])).status, 403)
        tok = csrf_from(lead.get("/account"))
        r = lead.request("POST", API + "/activities", body=json.dumps(body), headers=dict(JSON, **{"X-CSRF-Token": tok}))
        self.assertEqual(r.status, 403, r)


if __name__ == "__main__":
    import unittest
    unittest.main()
