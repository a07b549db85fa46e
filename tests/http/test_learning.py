"""Issue 20, learning across rounds and workplaces, through HTTP: the
outcomes register beside the outcome scales on the development page.

Expected values come from the store (the outcomes and the rounds' closing
days, read with SQL) and the API's figures, worked out here from the
definitions, not from the C code."""

import html
import json
import re
import unittest

import harness
import qhelp
from harness import ADMIN, COORDINATOR, GERIATRIE, MEMBER, PROGRAMME_LEAD, ServerTestCase


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


if __name__ == "__main__":
    unittest.main()
