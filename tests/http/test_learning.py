"""Issue 20, learning across rounds and workplaces, through HTTP: the
outcomes register beside the outcome scales on the development page; the
library of what works where (sharing by a workplace's coordinator, finding
by element, the element's change after an action); the analysis across
workplaces against tests/tools/associations.py (written from the
definition, not from the C code).

Expected values come from the store (the outcomes and the rounds' closing
days, read with SQL) and the API's figures, worked out here from the
definitions, not from the C code."""

import html
import time
import json
import re
import unittest

import os
import sys

import attack
import harness
import htmlcheck
import qhelp
from harness import (ADMIN, COORDINATOR, GERIATRIE, MEMBER, OOST, PETRA, PROGRAMME_LEAD, RESEARCHER,
                     ServerTestCase, VLONDER, YOUSSEF)
from test_lead import all_answers, shown_people, t_quantile

sys.path.insert(0, os.path.join(harness.REPO, "tests", "tools"))
import associations  # noqa: E402 - tests/tools, independent of the C code

DAY = 86400


def text_of(fragment):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def table(page, table_id):
    m = re.search(r'<table class="[^"]*"><caption id="%s-caption">.*?</table>' % re.escape(table_id),
                  page.text, re.S)
    if not m:
        raise AssertionError("no table %s on the page" % table_id)
    return m.group(0)


class LearningTestCase(ServerTestCase):
    def login(self, email):
        c = self.client()
        c.login_ok(email)
        return c

    def api(self, client, path):
        r = client.get(path)
        self.assertEqual(r.status, 200, r)
        return json.loads(r.text)


class DevelopmentOutcomesTest(LearningTestCase):
    def expected(self, slug):
        """Per round (oldest first, as the page): {category: (score as
        shown or None, registered in the round's period)}, and the
        registered after the last round."""
        a = self.login(ADMIN)
        rounds = sorted(self.api(a, "/api/v1/workplaces/%s/rounds?limit=100" % slug)["items"],
                        key=lambda x: (x["opens_on"], x["id"]))[-12:]
        outcomes = self.server.sql("SELECT o.occurred_on, o.category FROM outcomes o JOIN workplaces w"
                                   " ON w.id = o.workplace_id WHERE w.slug = '%s'" % slug)
        cols, prev = [], ""
        for rd in rounds:
            res = self.api(a, "/api/v1/rounds/%d/results" % rd["id"])
            col = {}
            for code in qhelp.OUTCOMES:
                score = None
                if res["released"] and res["shown"] and res["outcomes"][code]["shown"]:
                    score = "%.1f" % res["outcomes"][code]["headline"]
                n = sum(1 for day, cat in outcomes if cat == code and prev < day <= rd["closes_on"])
                col[code] = (score, n)
            cols.append(col)
            prev = rd["closes_on"]
        after = {code: sum(1 for day, cat in outcomes if cat == code and day > prev) for code in qhelp.OUTCOMES}
        return cols, after, len(outcomes)

    def shown(self, client, slug):
        page = client.get("/pw/%s/development" % slug)
        self.assertEqual(page.status, 200, page)
        t = table(page, "outcomes-beside")
        cols, after = [], {}
        for code, row in re.findall(r'<tr data-outcome="(\w+)">(.*?)</tr>', t, re.S):
            cells = re.findall(r'<td class="num" data-registered="(\d+)">(.*?)</td>', row, re.S)
            for i, (n, body) in enumerate(cells[:-1]):
                if len(cols) <= i:
                    cols.append({})
                m = re.search(r'<span class="scale">([\d.]+)</span>', body)
                cols[i][code] = (m.group(1) if m else None, int(n))
                self.assertIn(("%s in register" % n), text_of(body))
            after[code] = int(cells[-1][0])
        return cols, after

    def test_outcomes_beside_the_scales(self):
        cols, after, total = self.expected(GERIATRIE)
        self.assertGreater(total, 0)
        self.assertTrue(any(v[0] for col in cols for v in col.values()), "a round with outcome scores")
        self.assertGreater(sum(v[1] for col in cols for v in col.values()), 0)
        for who in (COORDINATOR, MEMBER, PROGRAMME_LEAD):
            with self.subTest(who=who):
                got_cols, got_after = self.shown(self.login(who), GERIATRIE)
                self.assertEqual(got_cols, cols)
                self.assertEqual(got_after, after)
        # every registered outcome is counted once
        self.assertEqual(sum(v[1] for col in cols for v in col.values()) + sum(after.values()), total)

    def test_the_api_gives_the_same(self):
        cols, after, _ = self.expected(GERIATRIE)
        for who in (COORDINATOR, PROGRAMME_LEAD):
            with self.subTest(who=who):
                d = self.api(self.login(who), "/api/v1/workplaces/%s/development" % GERIATRIE)
                got = [{o: (None if rd["outcome_scales"][o] is None else "%.1f" % rd["outcome_scales"][o],
                            rd["registered"][o]) for o in qhelp.OUTCOMES} for rd in d["rounds"]][-12:]
                self.assertEqual(got, cols)
                self.assertEqual(d["registered_after_last_round"], after)
                self.assertIn(d["last_change"]["LOS"]["verdict"], ("up", "down", "unclear", "none"))
        self.assertEqual(self.login(PETRA).get("/api/v1/workplaces/%s/development" % GERIATRIE).status, 404)

    def test_an_outcome_moves_with_its_date(self):
        """An outcome dated on a round's closing day belongs to that round;
        one day later to the next period."""
        a = self.login(ADMIN)
        rounds = sorted(self.api(a, "/api/v1/workplaces/%s/rounds?limit=100" % GERIATRIE)["items"],
                        key=lambda x: (x["opens_on"], x["id"]))
        first = rounds[0]["closes_on"]
        c = self.login(COORDINATOR)
        base_cols, base_after = self.shown(c, GERIATRIE)
        tok = c.csrf("/pw/%s/outcomes" % GERIATRIE)
        r = c.post("/pw/%s/outcomes" % GERIATRIE, [("csrf", tok), ("category", "curriculum"),
                                                     ("occurred_on", first), ("title", "Op de sluitdag")])
        self.assertEqual(r.status, 303, r)
        cols, after = self.shown(c, GERIATRIE)
        self.assertEqual(cols[0]["curriculum"][1], base_cols[0]["curriculum"][1] + 1)
        self.assertEqual(cols[1:], base_cols[1:])
        self.assertEqual(after, base_after)
        self.assertEqual(self.expected(GERIATRIE)[0], cols)


def welch(before, after):
    """(verdict, diff, lo, hi) of two element rows of the API: Welch's 95%
    interval of the difference of the respondent-weighted means of the
    people in the shown columns; None when it cannot be computed."""
    if not before.get("shown") or not after.get("shown"):
        return None
    a, b = shown_people(before), shown_people(after)
    if a["n"] < 2 or b["n"] < 2:
        return None
    v1, v2 = a["sd"] ** 2 / a["n"], b["sd"] ** 2 / b["n"]
    diff = b["mean"] - a["mean"]
    se = (v1 + v2) ** 0.5
    if se == 0:
        lo = hi = diff
    else:
        df = (v1 + v2) ** 2 / (v1 ** 2 / (a["n"] - 1) + v2 ** 2 / (b["n"] - 1))
        t = t_quantile(0.975, df)
        lo, hi = diff - t * se, diff + t * se
    return ("up" if lo > 0 else "down" if hi < 0 else "unclear"), diff, lo, hi


class LibraryTest(LearningTestCase):
    """Geriatrie shares its action 1 (LOS, prompted by round 1) and a realist
    note on it; an 'after' round closes later. Other workplaces' coordinators
    find them by element; nothing unshared shows."""

    NOTE_CONTEXT = "Context van een gedeelde notitie"
    SECRET = "Geheime notitie van geriatrie"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        s = cls.server
        # the action was taken 60 days ago; a round opened 30 days ago
        c = qhelp.db(s)
        c.execute("UPDATE actions SET created_at = ? WHERE id = 1", (int(time.time()) - 60 * DAY,))
        c.close()
        cls.after, _ = qhelp.new_round(s, GERIATRIE, title="Meting na de actie", opens=attack.today(-30),
                                       closes=attack.today(-20), k=5)
        qhelp.add_responses(s, cls.after, [
            ("student", all_answers("student", lambda i, n=n: 5 if (i + n) % 3 else 4), {}) for n in range(10)])

    def share(self, client, path, on):
        tok = client.csrf("/pw/%s/actions" % GERIATRIE)
        return client.post(path, [("csrf", tok), ("shared", "1" if on else "0")])

    def add_note(self, client, action, context):
        tok = client.csrf("/pw/%s/actions/%d" % (GERIATRIE, action))
        r = client.post("/pw/%s/actions/%d/realist" % (GERIATRIE, action),
                        [("csrf", tok), ("cmo_context", context), ("cmo_element", "LOS"),
                         ("cmo_mechanism", "Mechanisme"), ("cmo_result", "Uitkomst")])
        self.assertEqual(r.status, 303, r)
        return int(self.server.sql("SELECT max(id) FROM realist_notes")[0][0])

    def action_day(self):
        """(the UTC day action 1 was taken, the id of its round)."""
        at, rid = self.server.sql("SELECT created_at, round_id FROM actions WHERE id = 1")[0]
        return time.strftime("%Y-%m-%d", time.gmtime(int(at))), rid

    def expected_change(self):
        """The element LOS from the round before the action to the round
        after it, by the rule written out: before is the round the action
        came from when its figures are shown, else the latest shown round
        that closed on or before the action's day; after the first shown
        round that opened after that day."""
        a = self.login(ADMIN)
        day = self.action_day()
        rounds = sorted(self.api(a, "/api/v1/workplaces/%s/rounds?limit=100" % GERIATRIE)["items"],
                        key=lambda x: (x["opens_on"], x["id"]))
        res = {}
        for rd in rounds:
            if rd["state"] == "closed":
                x = self.api(a, "/api/v1/rounds/%d/results" % rd["id"])
                if x["released"] and x["shown"]:
                    res[rd["id"]] = x
        before = int(day[1]) if int(day[1]) in res else None
        if before is None:
            done = [rd["id"] for rd in rounds if rd["id"] in res and rd["closes_on"] <= day[0]]
            before = done[-1] if done else None
        after = next((rd["id"] for rd in rounds if rd["id"] in res and rd["opens_on"] > day[0]), None)
        return before, after, welch(res[before]["elements"]["LOS"], res[after]["elements"]["LOS"])

    def item(self, page, action):
        m = re.search(r'<article class="library-item" data-action="%d".*?</article>' % action, page.text, re.S)
        return m.group(0) if m else None

    def test_shared_items_found_by_element_with_what_happened(self):
        coord = self.login(COORDINATOR)
        secret = self.add_note(coord, 1, self.SECRET)
        shared_note = self.add_note(coord, 1, self.NOTE_CONTEXT)
        petra = self.login(PETRA)
        # nothing shared yet: not in the library
        page = petra.get("/library?element=LOS")
        self.assertEqual(page.status, 200, page)
        self.assertIsNone(self.item(page, 1))
        self.assertNotIn(self.NOTE_CONTEXT, page.text)
        # the coordinator shares the action and one note
        r = self.share(coord, "/pw/%s/actions/1/share" % GERIATRIE, True)
        self.assertEqual(r.status, 303, r)
        r = self.share(coord, "/pw/%s/realist/%d/share" % (GERIATRIE, shared_note), True)
        self.assertEqual(r.status, 303, r)
        self.assertIn('data-shared="1"', coord.get("/pw/%s/actions/1" % GERIATRIE).text)
        for who in (PETRA, YOUSSEF, PROGRAMME_LEAD, ADMIN, COORDINATOR):
            with self.subTest(who=who):
                c = self.login(who)
                page = c.get("/library?element=LOS")
                self.assertEqual(page.status, 200, page)
                item = self.item(page, 1)
                self.assertIsNotNone(item)
                self.assertIn("Elke week een leermoment bij de overdracht", item)
                self.assertIn(self.NOTE_CONTEXT, item)
                self.assertNotIn(self.SECRET, page.text)
                # the other actions of geriatrie are not shared
                self.assertIsNone(self.item(page, 2))
                self.assertNotIn("Afspraken tussen ziekenhuis", page.text)
                # a link to the workplace only for who may open it
                linked = 'href="/pw/%s"' % GERIATRIE in item
                self.assertEqual(linked, who in (PROGRAMME_LEAD, ADMIN, COORDINATOR))
                # no person named
                self.assertNotIn("Sanne", item)
        # by element: VMM does not list it (action 1 is LOS only)
        vmm = petra.get("/library?element=VMM")
        self.assertIsNone(self.item(vmm, 1))
        self.assertEqual(petra.get("/library?element=XYZ").status, 404)
        # what happened afterwards: the element's change, as computed here
        before, after, change = self.expected_change()
        item = self.item(petra.get("/library?element=LOS"), 1)
        dd = re.search(r'<dd class="library-change" data-before="(\d+)" data-after="(\d+)">(.*?)</dd>', item, re.S)
        self.assertEqual((int(dd.group(1)), int(dd.group(2))), (before, after))
        self.assertIsNotNone(change)
        verdict, diff, lo, hi = change
        self.assertIn('change-%s"' % verdict, dd.group(3))
        self.assertIn("%+.2f [%.2f; %.2f]" % (diff, lo, hi), dd.group(3))
        # outcomes registered after the action's day
        day = self.action_day()[0]
        n = int(self.server.sql("SELECT count(*) FROM outcomes o JOIN workplaces w ON w.id = o.workplace_id"
                                " WHERE w.slug = '%s' AND o.occurred_on > '%s'" % (GERIATRIE, day))[0][0])
        self.assertIn('data-outcomes="%d"' % n, item)
        # the API gives the same to programs
        lib = self.api(petra, "/api/v1/library?element=LOS")
        mine = [a for a in lib["actions"] if a["workplace"]["slug"] == GERIATRIE]
        self.assertEqual([a["id"] for a in mine], [1])
        a = mine[0]
        self.assertEqual(a["workplace"]["slug"], GERIATRIE)
        self.assertEqual([x["context"] for x in a["notes"]], [self.NOTE_CONTEXT])
        self.assertEqual((a["afterwards"]["round_before"], a["afterwards"]["round_after"]), (before, after))
        self.assertEqual(a["afterwards"]["change"]["verdict"], verdict)
        self.assertAlmostEqual(a["afterwards"]["change"]["lo"], lo, places=9)
        self.assertAlmostEqual(a["afterwards"]["change"]["hi"], hi, places=9)
        self.assertEqual(sum(a["afterwards"]["outcomes_since"].values()), n)
        self.assertNotIn(self.SECRET, json.dumps(lib))
        self.assertEqual(self.login(MEMBER).get("/api/v1/library").status, 404)
        # the pages of this issue are valid HTML, with a shared item in them
        if not htmlcheck.available():
            for c, path in ((petra, "/library?element=LOS"), (petra, "/library/analysis"),
                            (coord, "/pw/%s/actions/1" % GERIATRIE), (coord, "/pw/%s/realist" % GERIATRIE),
                            (coord, "/pw/%s/development" % GERIATRIE), (coord, "/pw/%s/profile" % GERIATRIE),
                            (coord, "/pw/%s/rounds/2/dialogue" % GERIATRIE),
                            (self.login(PROGRAMME_LEAD), "/overview?partner=hbo&age=young")):
                page = c.get(path)
                with self.subTest(path=path):
                    self.assertEqual(page.status, 200, page)
                    self.assertEqual(htmlcheck.problems(page.text), [], path)
        # unshared again: gone
        self.assertEqual(self.share(coord, "/pw/%s/actions/1/share" % GERIATRIE, False).status, 303)
        page = petra.get("/library?element=LOS")
        self.assertIsNone(self.item(page, 1))
        # the shared note stays, under the other notes, without the title of
        # the action that is no longer shared
        self.assertIn(self.NOTE_CONTEXT, page.text)
        self.assertNotIn("Elke week een leermoment", page.text)
        self.assertNotIn("Elke week een leermoment", petra.get("/api/v1/library?element=LOS").text)
        self.assertEqual(self.share(coord, "/pw/%s/realist/%d/share" % (GERIATRIE, shared_note), False).status, 303)
        self.assertNotIn(self.NOTE_CONTEXT, petra.get("/library?element=LOS").text)
        self.assertTrue(secret)

    def test_the_demo_shares_two_actions(self):
        """The demo's library: De Vlonder's parents action (LOS, VOR) and
        Oost's residents' panel (LEA, VOR), each with its realist note."""
        petra = self.login(PETRA)
        vor = petra.get("/library?element=VOR")
        self.assertIn("Ouders persoonlijk uitnodigen", self.item(vor, 4))
        self.assertIn("gedeeld leiderschap gaf eigenaarschap", self.item(vor, 6))
        self.assertIsNone(self.item(petra.get("/library?element=GOC"), 4))
        self.assertEqual(self.server.sql("SELECT count(*) FROM actions WHERE shared = 1 AND id NOT IN (1, 2)"),
                         [["2"]])

    def test_who_may_share_and_read(self):
        # a member cannot share; the lead cannot; another coordinator cannot
        for who, status in ((MEMBER, 403), (PROGRAMME_LEAD, 403), (PETRA, 404)):
            c = self.login(who)
            with self.subTest(who=who):
                r = c.post("/pw/%s/actions/2/share" % GERIATRIE, [("csrf", c.csrf("/")), ("shared", "1")])
                self.assertEqual(r.status, status, r)
        self.assertEqual(self.server.sql("SELECT shared FROM actions WHERE id = 2"), [["0"]])
        # an action of another workplace through this one: not found
        coord = self.login(COORDINATOR)
        r = self.share(coord, "/pw/%s/actions/7/share" % GERIATRIE, True)
        self.assertEqual(r.status, 404, r)
        self.assertEqual(self.server.sql("SELECT shared FROM actions WHERE id = 7"), [["0"]])
        bad = coord.post("/pw/%s/actions/2/share" % GERIATRIE, [("csrf", coord.csrf("/")), ("shared", "2")])
        self.assertEqual(bad.status, 400, bad)
        # the library: coordinators, the lead and administrators; not a
        # member who coordinates nothing, nor a researcher
        for who, status in ((MEMBER, 404), (RESEARCHER, 404), (PETRA, 200), (PROGRAMME_LEAD, 200)):
            with self.subTest(who=who):
                self.assertEqual(self.login(who).get("/library").status, status)
        self.assertEqual(self.client().get("/library").status, 303)


class DialogueTest(LearningTestCase):
    def test_triggers_and_the_library_in_the_agenda(self):
        """The agenda names the profile's triggers beside the characteristics
        marked 'not yet' and links the library for its focus elements (for
        coordinators, who may use the library)."""
        path = "/pw/%s/rounds/2/dialogue" % GERIATRIE
        page = self.login(COORDINATOR).get(path)
        self.assertEqual(page.status, 200, page)
        want = self.server.sql("SELECT t.kind, t.text FROM workplace_triggers t JOIN workplaces w"
                               " ON w.id = t.workplace_id WHERE w.slug = '%s' AND t.text <> '' ORDER BY t.kind"
                               % GERIATRIE)
        self.assertTrue(want)
        got = re.findall(r'<dt data-trigger="(\w+)">.*?</dt><dd>(.*?)</dd>', page.text, re.S)
        self.assertEqual(sorted((k, html.unescape(t)) for k, t in got), sorted((k, t) for k, t in want))
        links = re.findall(r'<a href="/library\?element=(\w+)">', page.text)
        self.assertTrue(links)
        for code in links:
            self.assertEqual(self.login(COORDINATOR).get("/library?element=%s" % code).status, 200)
        # a member reads the agenda without the library's links (not for members)
        member = self.login(MEMBER).get(path)
        self.assertEqual(member.status, 200, member)
        self.assertIn("data-trigger=", member.text)
        self.assertNotIn("/library?", member.text)

    def test_the_element_page_leads_to_the_library(self):
        path = "/pw/%s/rounds/2/results/LOS" % GERIATRIE
        for who, linked in ((COORDINATOR, True), (PROGRAMME_LEAD, True), (MEMBER, False)):
            page = self.login(who).get(path)
            self.assertEqual('href="/library?element=LOS"' in page.text, linked, who)


class LeadApiTest(LearningTestCase):
    def test_the_leads_view_in_the_api(self):
        """Every workplace listed; a workplace's records and closed rounds'
        results as a member reads them; an open round 403; no counts of
        responses; no change."""
        lead, member = self.login(PROGRAMME_LEAD), self.login(MEMBER)
        slugs = [w["slug"] for w in self.api(lead, "/api/v1/workplaces?limit=100")["items"]]
        self.assertEqual(len(slugs), 5)
        for part in ("", "/actions", "/outcomes", "/characteristics"):
            path = "/api/v1/workplaces/%s%s" % (GERIATRIE, part)
            a, b = self.api(lead, path), self.api(member, path)
            if part == "":
                a.pop("role"), b.pop("role")
            self.assertEqual(a, b, path)
        rounds = self.api(lead, "/api/v1/workplaces/%s/rounds?limit=100" % GERIATRIE)["items"]
        self.assertTrue(all(rd["responses"] is None for rd in rounds))
        for rd in rounds:
            r = lead.get("/api/v1/rounds/%d/results" % rd["id"])
            with self.subTest(round=rd["id"], state=rd["state"]):
                if rd["state"] == "closed":
                    self.assertEqual(r.status, 200, r)
                    self.assertEqual(json.loads(r.text), self.api(member, "/api/v1/rounds/%d/results" % rd["id"]))
                else:
                    self.assertEqual(r.status, 403, r)
                    self.assertEqual(lead.get("/api/v1/rounds/%d" % rd["id"]).status, 403)
        for path in ("/api/v1/rounds/%d/answers" % rounds[-1]["id"], "/api/v1/rounds/%d/tables" % rounds[-1]["id"]):
            self.assertEqual(lead.get(path).status, 403, path)
        tok = lead.csrf("/overview")
        r = lead.request("POST", "/api/v1/workplaces/%s/outcomes" % GERIATRIE,
                         body=json.dumps({"category": "knowledge", "occurred_on": "2026-01-01", "title": "x"}),
                         headers={"Content-Type": "application/json", "X-CSRF-Token": tok})
        self.assertEqual(r.status, 403, r)


class CommentsApiTest(LearningTestCase):
    def test_the_same_comments_as_the_element_pages(self):
        """/api/v1/rounds/{id}/comments gives exactly the comments the element
        pages show (the groups shown at k_comments), in their order."""
        member = self.login(MEMBER)
        got = self.api(member, "/api/v1/rounds/2/comments")
        self.assertTrue(got["released"])
        self.assertTrue(got["comments"])
        for e in qhelp.ELEMENTS:
            page = member.get("/pw/%s/rounds/2/results/%s" % (GERIATRIE, e))
            shown = [html.unescape(t) for t in re.findall(r"<blockquote>(.*?)</blockquote>", page.text, re.S)]
            self.assertEqual([c["text"] for c in got["comments"] if c["element"] == e], shown, e)
        # an open round: nothing yet; the lead of a workplace that does not share: 403
        rounds = self.api(member, "/api/v1/workplaces/%s/rounds?limit=100" % GERIATRIE)["items"]
        open_round = next(rd["id"] for rd in rounds if rd["state"] == "open")
        self.assertEqual(self.api(member, "/api/v1/rounds/%d/comments" % open_round)["comments"], [])
        self.assertEqual(self.login(PROGRAMME_LEAD).get("/api/v1/rounds/2/comments").status, 403)
        self.assertEqual(self.login(PETRA).get("/api/v1/rounds/2/comments").status, 404)


class AnalysisTest(LearningTestCase):
    def profiles(self):
        """({slug: profile}, min_n) from the API's figures as the
        administrator reads them and the outcomes in the store: per
        workplace its latest closed round (by opening day) whose figures
        are shown."""
        a = self.login(ADMIN)
        out, min_n = {}, 5
        for w in self.api(a, "/api/v1/workplaces")["items"]:
            rounds = sorted(self.api(a, "/api/v1/workplaces/%s/rounds?limit=100" % w["slug"])["items"],
                            key=lambda x: (x["opens_on"], x["id"]), reverse=True)
            for rd in rounds:
                if rd["state"] != "closed":
                    continue
                res = self.api(a, "/api/v1/rounds/%d/results" % rd["id"])
                if not (res["released"] and res["shown"]):
                    continue
                closes = rd["closes_on"]
                year_before = "%04d%s" % (int(closes[:4]) - 1, closes[4:])
                rows = self.server.sql("SELECT o.category FROM outcomes o JOIN workplaces w ON w.id = o.workplace_id"
                                       " WHERE w.slug = '%s' AND o.occurred_on > '%s' AND o.occurred_on <= '%s'"
                                       % (w["slug"], year_before, closes))
                cats = [r[0] for r in rows]
                out[w["slug"]] = {
                    "element": {e: res["elements"][e]["headline"] if res["elements"][e]["shown"] else None
                                for e in qhelp.ELEMENTS},
                    "outcome": {o: res["outcomes"][o]["headline"] if res["outcomes"][o]["shown"] else None
                                for o in qhelp.OUTCOMES},
                    "registered": {o: cats.count(o) for o in qhelp.OUTCOMES},
                }
                min_n = max(min_n, res["round"]["k"])
                break
        return out, min_n

    def shown(self, page, table_id):
        m = re.search(r'<table id="%s".*?</table>' % table_id, page.text, re.S)
        self.assertIsNotNone(m, table_id)
        got = {}
        for e, row in re.findall(r'<tr data-element="(\w+)">(.*?)</tr>', m.group(0), re.S):
            cells = re.findall(r'<td class="num[^"]*" data-n="(\d+)"(?: data-rho="([-\d.]+)")?>', row)
            got[e] = dict(zip(qhelp.OUTCOMES, ((int(n), float(rho) if rho else None) for n, rho in cells)))
        return got

    def check_against_tool(self, page, want):
        for kind, table_id in (("scale", "assoc-scales"), ("registered", "assoc-registered")):
            got = self.shown(page, table_id)
            for e in qhelp.ELEMENTS:
                for o in qhelp.OUTCOMES:
                    n, rho = want[kind][e][o]
                    with self.subTest(kind=kind, element=e, outcome=o):
                        g_n, g_rho = got[e][o]
                        if rho is None:
                            self.assertIsNone(g_rho)
                        else:
                            self.assertEqual(g_n, n)
                            self.assertAlmostEqual(g_rho, rho, delta=0.0006)

    def test_against_the_independent_computation(self):
        profiles, min_n = self.profiles()
        self.assertGreaterEqual(len(profiles), min_n)
        want = associations.associations(list(profiles.values()), min_n)
        self.assertTrue(any(rho is not None for e in want["scale"].values() for _, rho in e.values()))
        lead = self.login(PROGRAMME_LEAD).get("/library/analysis")
        coordinator = self.login(PETRA).get("/library/analysis")
        for page in (lead, coordinator):
            self.assertEqual(page.status, 200, page)
            self.check_against_tool(page, want)
            self.assertIn('data-workplaces="%d" data-min="%d"' % (len(profiles), min_n), page.text)
            t = text_of(page.text)
            self.assertIn("samenhang, geen oorzaak", t)
            if len(profiles) < 10:
                self.assertIn('id="analysis-small-n"', page.text)
        # the lead sees which workplaces are in it; a coordinator only the aggregate
        self.assertEqual(sorted(re.findall(r'<li data-slug="([^"]+)">', lead.text)), sorted(profiles))
        self.assertNotIn("included-workplaces", coordinator.text)
        for slug in profiles:
            if slug != OOST:
                self.assertNotIn(slug, coordinator.text.replace('href="/pw/%s"' % OOST, ""))
        # the API: the same figures; the list for the lead only
        for who in (PROGRAMME_LEAD, PETRA):
            d = self.api(self.login(who), "/api/v1/analysis")
            self.assertEqual((d["workplaces"], d["min_workplaces"]), (len(profiles), min_n))
            for kind, key in (("scale", "outcome_scales"), ("registered", "registered")):
                for e in qhelp.ELEMENTS:
                    for o in qhelp.OUTCOMES:
                        n, rho = want[kind][e][o]
                        cell = d[key][e][o]
                        if rho is None:
                            self.assertIsNone(cell["rho"])
                        else:
                            self.assertEqual(cell["n"], n)
                            self.assertAlmostEqual(cell["rho"], rho, places=9)
            if who == PROGRAMME_LEAD:
                self.assertEqual(sorted(x["slug"] for x in d["included"]), sorted(profiles))
            else:
                self.assertNotIn("included", d)
        # in English too
        en = self.client(accept_language="en")
        en.login_ok(PETRA)
        self.assertIn("association, not a cause", text_of(en.get("/library/analysis").text))

    def test_never_over_fewer_workplaces_than_k(self):
        """Five workplaces with figures: shown at k 5; when one of their
        rounds has k 6, no figure at all (and never a workplace's own)."""
        profiles, min_n = self.profiles()
        self.assertEqual((len(profiles), min_n), (5, 5))
        page = self.login(PETRA).get("/library/analysis")
        self.assertIn("data-rho=", page.text)
        self.assertNotIn('id="analysis-too-few"', page.text)
        rid, k, kc = self.server.sql("SELECT r.id, r.k, r.k_comments FROM rounds r JOIN workplaces w"
                                     " ON w.id = r.workplace_id WHERE w.slug = '%s'"
                                     " AND r.title = 'Meting najaar 2026'" % GERIATRIE)[0]
        self.assertEqual(k, "5")
        c = qhelp.db(self.server)
        try:
            c.execute("UPDATE rounds SET k = 6, k_comments = 8, answers_version = answers_version + 1"
                      " WHERE id = ?", (int(rid),))
            profiles6, min6 = self.profiles()
            self.assertEqual((len(profiles6), min6), (5, 6))
            for who in (PETRA, PROGRAMME_LEAD):
                page = self.login(who).get("/library/analysis")
                self.assertEqual(page.status, 200, page)
                self.assertNotIn("data-rho=", page.text)
                self.assertIn('id="analysis-too-few"', page.text)
                self.check_against_tool(page, associations.associations(list(profiles6.values()), min6))
        finally:
            c.execute("UPDATE rounds SET k = ?, k_comments = ?, answers_version = answers_version + 1"
                      " WHERE id = ?", (int(k), int(kc), int(rid)))
            c.close()


if __name__ == "__main__":
    unittest.main()
