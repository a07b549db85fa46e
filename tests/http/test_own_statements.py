"""A workplace's own statements (issue 22): the coordinator's page under a
round (checks with clear messages, at most ten, reorder, change, remove,
copy from the previous round, frozen once the round opens), the
questionnaire (after the element's statements or on an extra last page,
easy-read too), the results page under the round's anonymity plan, the
export's OWN_ columns and codebook, and their absence from every figure
across workplaces. Expected figures are worked out by hand in the
comments."""

import csv
import html as html_lib
import io
import json
import os
import re
import unittest

import harness
import htmlcheck
import qhelp
from harness import (COORDINATOR, GERIATRIE, MEMBER, PROGRAMME_LEAD, RESEARCHER, YOUSSEF,
                     ServerTestCase)

# Words that appear nowhere else in the product, so that their absence is telling.
OWN1 = ("Het zonnebloemoverleg helpt ons elke week.", "The sunflower meeting helps us every week.")
OWN2 = ("Ik raad de kwartelwerkplaats aan bij collega's.", "I recommend the quail workplace to colleagues.")
MARKERS = ("zonnebloemoverleg", "sunflower meeting", "kwartelwerkplaats", "quail workplace")


def cells(row_html):
    """The text of the cells of one table row, tags and hidden hints removed."""
    out = []
    for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row_html, re.S):
        c = re.sub(r'<span class="visually-hidden">.*?</span>', "", c, flags=re.S)
        out.append(html_lib.unescape(re.sub(r"<[^>]+>", "", c)).strip())
    return out


def own_table(page):
    m = re.search(r'aria-labelledby="own-statements-caption">(.*?)</table>', page, re.S)
    assert m, "no own statements table"
    rows = re.findall(r"<tr>(.*?)</tr>", m.group(1), re.S)
    return [cells(r) for r in rows]


class OwnStatementsTest(ServerTestCase):
    OPS_TOKEN = "ops-" + "o" * 40

    @classmethod
    def before_start(cls, server):
        path = os.path.join(server.dir, "ops-token")
        with open(path, "w") as f:
            f.write(cls.OPS_TOKEN + "\n")
        server.extra_args += ["--ops-token-file", path]

    def plans(self):
        """Questionnaire writes sent as plans, and those of them run again
        as ordinary work (PostgreSQL), from /metrics."""
        text = self.client().get("/metrics", headers={"Authorization": "Bearer " + self.OPS_TOKEN}).text
        return tuple(int(re.search(r"^werkplaats_commit_plans%s_total (\d+)$" % k, text, re.M).group(1))
                     for k in ("", "_fell_back"))

    def coord(self, **kw):
        c = self.client(**kw)
        c.login_ok(COORDINATOR)
        return c

    def future_round(self, title, opens="2999-01-01", slug=GERIATRIE):
        rid, tok = qhelp.new_round(self.server, slug, title=title + " " + self.id(), opens=opens,
                                   closes="2999-12-31")
        self.slug[rid] = slug
        return rid, tok

    def setUp(self):
        self.slug = {}

    def path(self, rid):
        return "/pw/%s/rounds/%d/own" % (self.slug.get(rid, GERIATRIE), rid)

    def add(self, c, rid, nl, en, section="extra"):
        page = c.get(self.path(rid))
        self.assertEqual(page.status, 200, page)
        return c.post(self.path(rid), {"csrf": harness.csrf_from(page), "section": section, "text_nl": nl,
                                       "text_en": en})

    def post(self, c, rid, tail, fields=None):
        page = c.get(self.path(rid))
        return c.post(self.path(rid) + tail, dict(fields or {}, csrf=harness.csrf_from(page)))

    def stored(self, rid):
        return self.server.sql("SELECT section, text_nl, text_en FROM own_statements WHERE round_id = %d"
                               " ORDER BY position, id" % rid)

    def ids(self, rid):
        return [int(r[0]) for r in self.server.sql("SELECT id FROM own_statements WHERE round_id = %d"
                                                   " ORDER BY position, id" % rid)]

    def open_now(self, rid):
        c = qhelp.db(self.server)
        c.execute("UPDATE rounds SET opens_on = '2000-01-01' WHERE id = ?", (rid,))
        c.close()

    # ---- the coordinator's page ----

    def test_texts_are_checked_with_messages_that_say_how_to_fix_them(self):
        rid, _ = self.future_round("Checks")
        c = self.coord()
        cases = [
            (("Een goede stelling.", ""), "Vul de Engelse tekst van de stelling in."),
            (("", "A good statement."), "Vul de Nederlandse tekst van de stelling in."),
            (("a" * 161, "A good statement."), "De Nederlandse tekst is te lang: ten hoogste 160 tekens."),
            (("Een goede stelling.", " ".join(["word"] * 26)), "De Engelse tekst heeft te veel woorden: ten hoogste 25."),
            (("Niemand voelt zich hier niet welkom.", "Everyone feels welcome."),
             "De Nederlandse tekst heeft een dubbele ontkenning"),
            (("Iedereen is welkom.", "We don't want nobody left out."), "De Engelse tekst heeft een dubbele ontkenning"),
            (("een\tstelling", "a statement"), "Schrijf de stelling op één regel"),
        ]
        for (nl, en), message in cases:
            r = self.add(c, rid, nl, en)
            self.assertEqual(r.status, 400, (nl, en, r))
            self.assertIn(html_lib.escape(message, quote=False), r.text, (nl, en))
        self.assertEqual(self.stored(rid), [])
        # the boundaries on the allowed side: 160 characters, 25 words, one negation
        self.assertEqual(self.add(c, rid, "é" * 160, " ".join(["word"] * 25)).status, 303)
        self.assertEqual(self.add(c, rid, "  Ik voel me niet gehoord.  ", "I do not feel heard.", "VOR").status, 303)
        self.assertEqual(self.stored(rid), [["extra", "é" * 160, " ".join(["word"] * 25)],
                                            ["VOR", "Ik voel me niet gehoord.", "I do not feel heard."]])
        # in English the message is English, and names the rule
        en = self.coord(accept_language="en")
        r = self.add(en, rid, "Goed.", "Nobody never complains.")
        self.assertEqual(r.status, 400)
        self.assertIn("The English text has a double negative", r.text)
        self.assertIn("Write the statement positively", r.text)
        # a section that does not exist
        r = self.add(c, rid, "Goed.", "Good.", section="XYZ")
        self.assertEqual(r.status, 400)
        self.assertEqual(len(self.stored(rid)), 2)

    def test_at_most_ten(self):
        rid, _ = self.future_round("Tien")
        c = self.coord()
        for i in range(10):
            self.assertEqual(self.add(c, rid, "Stelling %d." % i, "Statement %d." % i).status, 303)
        page = c.get(self.path(rid))
        self.assertIn('id="own-full"', page.text)
        self.assertNotIn('name="text_nl"', page.text)
        r = self.post(c, rid, "", {"section": "LOS", "text_nl": "Elf.", "text_en": "Eleven."})
        self.assertEqual(r.status, 409)
        self.assertEqual(len(self.stored(rid)), 10)

    def test_change_reorder_remove_and_copy_from_the_previous_round(self):
        # in a workplace of its own (the other tests' rounds would precede)
        first, _ = self.future_round("Vorig jaar", opens="2998-01-01", slug=harness.VLONDER)
        c = self.client()
        c.login_ok(YOUSSEF)
        for n in ("Een", "Twee", "Drie"):
            self.assertEqual(self.add(c, first, n + ".", n + " en.").status, 303)
        a, b, d = self.ids(first)
        # the third moves up: Een, Drie, Twee
        self.assertEqual(self.post(c, first, "/%d/move" % d, {"dir": "up"}).status, 303)
        self.assertEqual([r[1] for r in self.stored(first)], ["Een.", "Drie.", "Twee."])
        self.assertEqual(self.post(c, first, "/%d/move" % a, {"dir": "sideways"}).status, 400)
        # change the second (now Drie) into a statement under LEA
        r = self.post(c, first, "/%d/edit" % d, {"section": "LEA", "text_nl": "Drie anders.", "text_en": "Three."})
        self.assertEqual(r.status, 303, r)
        self.assertEqual(self.stored(first)[1], ["LEA", "Drie anders.", "Three."])
        page = c.get(self.path(first) + "?edit=%d" % d)
        self.assertIn('value="Drie anders."', page.text)
        # remove the first
        self.assertEqual(self.post(c, first, "/%d/delete" % a).status, 303)
        self.assertEqual([r[1] for r in self.stored(first)], ["Drie anders.", "Twee."])
        self.assertEqual(self.post(c, first, "/%d/delete" % a).status, 404)
        # the next round takes them over, in their order, next to one of its own
        nxt, _ = self.future_round("Dit jaar", slug=harness.VLONDER)
        self.assertEqual(self.add(c, nxt, "Nieuw.", "New.").status, 303)
        page = c.get(self.path(nxt))
        self.assertIn("De vorige meetronde had 2 eigen stelling(en).", page.text)
        self.assertEqual(self.post(c, nxt, "/copy").status, 303)
        self.assertEqual(self.stored(nxt), [["extra", "Nieuw.", "New."], ["LEA", "Drie anders.", "Three."],
                                            ["extra", "Twee.", "Twee en."]])
        self.assertEqual(self.stored(first), [["LEA", "Drie anders.", "Three."], ["extra", "Twee.", "Twee en."]])
        # the first round has no earlier one with own statements
        self.assertEqual(self.post(c, first, "/copy").status, 404)
        # every change is in the audit log
        codes = [r[0] for r in self.server.sql("SELECT action FROM audit_log WHERE action LIKE 'own statement%'")]
        for code in ("own statement added", "own statement moved", "own statement changed",
                     "own statement removed", "own statements copied"):
            self.assertIn(code, codes)

    def test_frozen_once_the_round_opens(self):
        rid, _ = self.future_round("Bevroren")
        c = self.coord()
        self.assertEqual(self.add(c, rid, "Vast.", "Fixed.").status, 303)
        (sid,) = self.ids(rid)
        self.open_now(rid)
        page = c.get(self.path(rid))
        self.assertEqual(page.status, 200)
        self.assertIn('id="own-frozen"', page.text)
        self.assertNotIn('name="text_nl"', page.text)
        self.assertNotIn("/delete", page.text)
        page = c.get(self.path(rid))
        for tail, fields in (("", {"section": "LOS", "text_nl": "Nog een.", "text_en": "Another."}),
                             ("/%d/edit" % sid, {"section": "LOS", "text_nl": "Anders.", "text_en": "Other."}),
                             ("/%d/move" % sid, {"dir": "up"}), ("/%d/delete" % sid, {}), ("/copy", {})):
            r = c.post(self.path(rid) + tail, dict(fields, csrf=harness.csrf_from(page)))
            self.assertEqual(r.status, 409, (tail, r))
        self.assertEqual(self.stored(rid), [["extra", "Vast.", "Fixed."]])
        # the store holds the line too: a round that has not opened by its
        # date but has a response (typed in from paper early) is frozen
        early, _ = self.future_round("Vroeg")
        self.assertEqual(self.add(c, early, "Vroeg.", "Early.").status, 303)
        qhelp.add_responses(self.server, early, [("student", {}, {})])
        self.assertEqual(self.add(c, early, "Nog een.", "Another.").status, 409)
        self.assertEqual(self.post(c, early, "/%d/delete" % self.ids(early)[0]).status, 409)
        self.assertEqual(self.stored(early), [["extra", "Vroeg.", "Early."]])

    def test_only_the_coordinators_of_the_workplace(self):
        rid, _ = self.future_round("Toegang")
        m = self.client()
        m.login_ok(MEMBER)
        self.assertEqual(m.get(self.path(rid)).status, 403)
        y = self.client()
        y.login_ok(YOUSSEF)
        self.assertEqual(y.get(self.path(rid)).status, 404)
        # no CSRF token: refused, nothing stored
        c = self.coord()
        r = c.post(self.path(rid), {"section": "LOS", "text_nl": "Zonder token.", "text_en": "No token."})
        self.assertEqual(r.status, 403)
        self.assertEqual(self.stored(rid), [])

    @unittest.skipIf(htmlcheck.available(), "the HTML validators are missing: %s" % htmlcheck.available())
    def test_the_pages_are_valid_html(self):
        rid, token = self.future_round("Geldig")
        c = self.coord(accept_language="en")
        for n, section in (("Een", "LOS"), ("Twee", "extra"), ("Drie", "VMM")):
            self.assertEqual(self.add(c, rid, n + ".", n + " en.", section).status, 303)
        sid = self.ids(rid)[1]
        pages = [c.get(self.path(rid)), c.get(self.path(rid) + "?edit=%d" % sid),
                 self.add(c, rid, "Niemand is niet welkom.", "")]
        self.open_now(rid)
        pages.append(c.get(self.path(rid)))
        p = self.client()
        t = qhelp.start_open(p, token, "student")
        pages += [p.get("/r/%s/p/1" % t), p.get("/r/%s/p/9" % t), p.get("/r/%s/all" % t), p.get("/r/%s/review" % t)]
        self.assertEqual([x.status for x in pages], [200, 200, 400, 200, 200, 200, 200, 200])
        self.assertEqual([htmlcheck.problems(x.text) for x in pages], [[]] * len(pages))

    def test_on_paper_the_own_statements_follow_with_their_box_numbers(self):
        from test_paper import form_items, pdf_text, squash
        rid, _ = self.future_round("Papier")
        c = self.coord()
        self.assertEqual(self.add(c, rid, OWN1[0], OWN1[1], section="SRI").status, 303)
        self.assertEqual(self.add(c, rid, OWN2[0], OWN2[1]).status, 303)
        ids = self.ids(rid)
        self.open_now(rid)
        shipped = len(form_items("citizen"))  # 43 for citizens (test_paper.py)
        paper = "/pw/%s/rounds/%d/paper" % (GERIATRIE, rid)
        pdf = c.get(paper + "/form.pdf?perspective=citizen")
        self.assertEqual(pdf.status, 200)
        text, _pages = pdf_text(pdf.body)
        text = squash(text)
        # the own statements come last, after the outcomes, as boxes 44 and 45
        self.assertIn("Eigen stellingen van de werkplaats", text)
        self.assertIn("%d. %s" % (shipped + 1, OWN1[0]), text)
        self.assertIn("%d. %s" % (shipped + 2, OWN2[0]), text)

        def send(who, step, digits):
            page = who.get(paper)
            return who.post(paper, {"csrf": harness.csrf_from(page), "step": step, "perspective": "citizen",
                                    "form_no": "7", "digits": digits})
        # the running count includes them: the instrument's 43 alone are too few
        r = send(c, "enter", "3" * shipped)
        self.assertEqual(r.status, 400)
        self.assertIn("Je typte %d antwoorden; het formulier voor Burger / cliënt heeft %d stellingen."
                      % (shipped, shipped + 2), html_lib.unescape(r.text))
        digits = "3" * shipped + "40"  # OWN_1: 4, OWN_2: don't know
        self.assertEqual(send(c, "enter", digits).status, 303)
        m = self.client()
        m.login_ok(MEMBER)
        r = send(m, "check", "3" * shipped + "50")
        self.assertEqual(r.status, 409)
        self.assertIn("Anders dan de eerste invoer bij stelling %d." % (shipped + 1), r.text)
        self.assertEqual(send(m, "check", digits).status, 303)
        got = self.server.sql("SELECT o.statement_id, COALESCE(CAST(o.value AS TEXT), 'dk') FROM own_answers o"
                              " JOIN responses r ON r.id = o.response_id WHERE r.round_id = %d AND r.paper = 1"
                              " ORDER BY o.statement_id" % rid)
        self.assertEqual(got, [[str(ids[0]), "4"], [str(ids[1]), "dk"]])

    # ---- the whole way: questionnaire, results, export, and nowhere else ----

    def respond(self, token, perspective, own1, own2, ids):
        """One respondent on the one-page questionnaire, sending at once."""
        c = self.client()
        t = qhelp.start_open(c, token, perspective)
        fields = [("csrf", qhelp.csrf(c, t)), ("go", "send-anyway")]
        if own1 is not None:
            fields.append(("own-%d" % ids[0], own1))
        if own2 is not None:
            fields.append(("own-%d" % ids[1], own2))
        r = c.post("/r/%s/all" % t, fields)
        self.assertEqual(r.status, 303, r)

    def test_answered_shown_to_the_workplace_and_exported_and_nowhere_else(self):
        rid, token = self.future_round("Eigen")
        c = self.coord()
        self.assertEqual(self.add(c, rid, OWN1[0], OWN1[1], section="SRI").status, 303)
        self.assertEqual(self.add(c, rid, OWN2[0], OWN2[1], section="extra").status, 303)
        ids = self.ids(rid)
        self.open_now(rid)

        # a citizen in easy-read, page by page: the statement under SRI
        # follows SRI's statements (page 2), the extra one is page 9
        p = self.client()
        t = qhelp.token_of(p.post("/r/%s/start" % token, {
            "csrf": harness.csrf_from(p.get("/r/%s?easy=1" % token)), "perspective": "citizen",
            "consent": "yes", "reading": "easy"}).location)
        page2 = p.get("/r/%s/p/2" % t).text
        self.assertIn(html_lib.escape(OWN1[0]), page2)
        self.assertIn('name="own-%d"' % ids[0], page2)
        self.assertIn("Onderdeel 2 van 9", page2)
        last_shipped = page2.rfind('class="statement easy"')
        self.assertGreater(page2.find(html_lib.escape(OWN1[0])), last_shipped)
        page9 = p.get("/r/%s/p/9" % t)
        self.assertEqual(page9.status, 200)
        self.assertIn(OWN2[0], html_lib.unescape(page9.text))
        self.assertIn("face-1.svg", page9.text)  # the easy-read scale with faces
        self.assertIn("(vraag van de werkplaats zelf)", page9.text)  # marked as the workplace's own
        self.assertEqual(qhelp.answer_page(p, t, 2, {"own-%d" % ids[0]: 2}).status, 303)
        self.assertEqual(qhelp.answer_page(p, t, 9, {"own-%d" % ids[1]: 7}).status, 400)  # off the scale
        self.assertEqual(qhelp.answer_page(p, t, 9, {"own-%d" % (ids[1] + 1000): 3}).status, 400)
        self.assertEqual(qhelp.answer_page(p, t, 9, {}).location, "/r/%s/review" % t)
        self.assertEqual(qhelp.submit(p, t).status, 303)
        # the others on the one-page version (None: not answered)
        rows = [("student", "4", "5"), ("student", "4", "5"), ("student", "5", "5"), ("student", "3", "5"),
                ("student", "2", "4"), ("student", "dk", "4"),
                ("professional", "1", "dk"), ("professional", "2", "4"), ("professional", "3", "4"),
                ("professional", "4", "4"), ("professional", "5", "4"),
                ("citizen", "5", None)]
        sent, fell_back = self.plans()
        for persp, a, b in rows:
            self.respond(token, persp, a, b, ids)
        # on PostgreSQL the own answers go with the questionnaire's planned
        # writes: each respondent's start and sending is one plan, none of
        # them run again as ordinary work
        self.assertEqual(self.plans(), (sent + 2 * len(rows), fell_back) if harness.PG else (0, 0))
        # stored apart: the instrument's answers hold none of it
        texts = self.server.sql("SELECT answers FROM responses WHERE round_id = %d AND submitted = 1" % rid)
        self.assertEqual(len(texts), 13)
        self.assertTrue(all(set(tx[0]) <= {"."} for tx in texts), texts)
        self.assertEqual(self.server.sql("SELECT COUNT(*) FROM own_answers o JOIN responses r ON r.id ="
                                         " o.response_id WHERE r.round_id = %d" % rid), [["24"]])
        qhelp.close_round(self.server, rid)

        # Round plan: student 6 shown; citizen 2 is a pool of 1..4, so the
        # smallest shown group (professional 5) joins it: "Other" = 7.
        # OWN_1: students 4,4,5,3,2 (+dk): 18/5 = 3.6; other 1,2,3,4,5,2,5:
        #        22/7 = 3.14 -> 3.1; everyone 40/12 = 3.33 -> 3.3 (n=12).
        # OWN_2: students 5,5,5,5,4,4: 28/6 = 4.67 -> 4.7; other 4,4,4,4
        #        (one dk, citizens none): 4 < k -> not shown; so no total.
        results = c.get("/pw/%s/rounds/%d/results" % (GERIATRIE, rid))
        self.assertEqual(results.status, 200)
        if not htmlcheck.available():
            self.assertEqual(htmlcheck.problems(results.text), [])
        table = own_table(results.text)
        self.assertEqual(table[0], ["Stelling", "Onderdeel", "Student n=6", "Overig (samengevoegd) n=7", "Iedereen"])
        self.assertEqual(table[1], ["OWN_1 " + OWN1[0], "SRI", "3.6", "3.1", "3.3 n=12"])
        self.assertEqual(table[2], ["OWN_2 " + OWN2[0], "extra", "4.7", "–", "–"])
        self.assertNotIn("Burger", "".join(table[0]))  # a perspective under k has no column
        # the element scores do not count them: with no shipped answer, no element shows a score
        self.assertNotIn("OWN_", results.text.split('id="own"')[0])

        # the export of the round: OWN_ columns, but in the rows no
        # combination of perspective and own answers is shared by k people
        # (students: (4,5) twice, the rest once), so every cell stays blank
        base = "/pw/%s/rounds/%d/export/" % (GERIATRIE, rid)
        wide = list(csv.DictReader(io.StringIO(c.get(base + "answers-wide.csv").text)))
        self.assertEqual(len(wide), 13)
        self.assertEqual(list(wide[0].keys())[-2:], ["OWN_1", "OWN_2"])
        self.assertEqual({(row["OWN_1"], row["OWN_2"]) for row in wide}, {("", "")})
        book = {r["variable"]: r for r in csv.DictReader(io.StringIO(c.get(base + "codebook.csv").text))}
        self.assertIn(OWN1[0], book["OWN_1"]["label_nl"])
        self.assertIn(OWN1[1], book["OWN_1"]["label_en"])
        self.assertIn("OWN_: niet uit het instrument", book["OWN_1"]["label_nl"])
        self.assertEqual((book["OWN_1"]["section"], book["OWN_1"]["group"]), ("own", "SRI"))
        self.assertEqual((book["OWN_2"]["section"], book["OWN_2"]["group"]), ("own", "extra"))
        self.assertEqual(book["OWN_2"]["type"], "scale")
        for f in ("answers.xlsx", "answers.sav", "answers.json"):
            self.assertEqual(c.get(base + f).status, 200, f)

        # the round report (members' copy): a table of the own statements with the same cells
        from test_paper import pdf_text, squash
        report = c.get("/pw/%s/rounds/%d/report.pdf" % (GERIATRIE, rid))
        self.assertEqual(report.status, 200)
        text = squash(pdf_text(report.body)[0])
        self.assertIn("Eigen stellingen", text)
        self.assertIn("zonnebloemoverleg", text)
        own1 = text.split("OWN_1 (SRI)")[1].split("OWN_2 (extra)")[0]
        own2 = text.split("OWN_2 (extra)")[1].split("Waar de perspectieven")[0]
        for figure in ("3.6", "3.1", "3.3", "n=5", "n=7", "n=12"):
            self.assertIn(figure, own1)
        for figure in ("4.7", "n=6", "– te weinig", "– zou kleine groep tonen"):
            self.assertIn(figure, own2)

        self.assert_nowhere_else(rid)

    def test_the_export_keeps_own_answers_only_where_k_rows_share_them(self):
        """In the rows, own answers stay only for combinations of
        perspective, mode and own answers that k rows share; the blank ones
        of a perspective are complemented to k."""
        rid, _ = self.future_round("Export")
        c = self.coord()
        self.assertEqual(self.add(c, rid, OWN1[0], OWN1[1], section="LOS").status, 303)
        self.assertEqual(self.add(c, rid, OWN2[0], OWN2[1]).status, 303)
        ids = self.ids(rid)
        self.open_now(rid)
        # students: 6 x (4, 5), 5 x (2, 3), 1 x (1, 1); professionals 5 x (3, dk)
        own = [("student", 4, 5)] * 6 + [("student", 2, 3)] * 5 + [("student", 1, 1)] + [("professional", 3, None)] * 5
        qhelp.add_responses(self.server, rid, [(p, {}, {}) for p, _a, _b in own])
        resp = [int(r[0]) for r in self.server.sql("SELECT id FROM responses WHERE round_id = %d ORDER BY id" % rid)]
        db = qhelp.db(self.server)
        for r, (_p, a, b) in zip(resp, own):
            db.execute("INSERT INTO own_answers (response_id, statement_id, value) VALUES (?, ?, ?)", (r, ids[0], a))
            db.execute("INSERT INTO own_answers (response_id, statement_id, value) VALUES (?, ?, ?)", (r, ids[1], b))
        db.close()
        qhelp.close_round(self.server, rid)
        base = "/pw/%s/rounds/%d/export/" % (GERIATRIE, rid)
        wide = list(csv.DictReader(io.StringIO(c.get(base + "answers-wide.csv").text)))
        got = {}
        for row in wide:
            got.setdefault(row["perspective"], []).append((row["OWN_1"], row["OWN_2"]))
        # (1,1) alone is blanked; one blank student row would point at it, so
        # the smallest group, (2,3) x 5, is blanked too: 6 blank, 6 x (4,5)
        self.assertEqual(sorted(got["student"]), [("", "")] * 6 + [("4", "5")] * 6)
        self.assertEqual(got["professional"], [("3", "dk")] * 5)
        long_rows = list(csv.DictReader(io.StringIO(c.get(base + "answers-long.csv").text)))
        self.assertEqual(sorted((r["item"], r["value"]) for r in long_rows if r["item"].startswith("OWN_")),
                         sorted([("OWN_1", "4"), ("OWN_2", "5")] * 6 + [("OWN_1", "3"), ("OWN_2", "dk")] * 5))
        data = json.loads(c.get(base + "answers.json").text)
        self.assertEqual(sum(1 for r in data["responses"] for k in r["answers"] if k.startswith("OWN_")), 22)
        for f in ("answers.xlsx", "answers.sav"):
            self.assertEqual(c.get(base + f).status, 200, f)
        # the results page has them all, by the round's plan:
        # OWN_1 students (6*4 + 5*2 + 1) / 12 = 35/12 = 2.92 -> 2.9; professionals 3.0;
        # everyone (35 + 15) / 17 = 2.94 -> 2.9
        table = own_table(c.get("/pw/%s/rounds/%d/results" % (GERIATRIE, rid)).text)
        self.assertEqual(table[1][2:], ["2.9", "3.0", "2.9 n=17"])

    def assert_absent(self, text, where):
        low = text.lower()
        for m in MARKERS:
            self.assertNotIn(m, low, where)
        self.assertNotIn("OWN_", text, where)

    def assert_nowhere_else(self, rid):
        c = self.coord()
        # the workplace page with its benchmark, the element page
        self.assert_absent(c.get("/pw/%s" % GERIATRIE).text, "workplace page / benchmark")
        # the programme lead: overview, its export, the workplace's results, library and analysis
        lead = self.client()
        lead.login_ok(PROGRAMME_LEAD)
        for path in ("/overview", "/overview/export", "/library", "/library/analysis",
                     "/pw/%s/rounds/%d/results" % (GERIATRIE, rid)):
            r = lead.get(path)
            self.assertEqual(r.status, 200, path)
            self.assert_absent(r.text, path)
        # the research export across workplaces, which holds this round
        res = self.client()
        res.login_ok(RESEARCHER)
        data = res.get("/research/export/answers.json")
        self.assertIn(rid, [x["id"] for x in json.loads(data.text)["rounds"]])
        self.assert_absent(data.text, "research json")
        for f in ("answers-wide.csv", "answers-long.csv", "codebook.csv"):
            self.assert_absent(res.get("/research/export/" + f).text, f)
        # the API: the round object lists them for the workplace's members
        # only; the round's figures carry none; another workplace does not
        # see the round
        def api(who, path):
            b = self.client()
            b.login_ok(who)
            page = b.get("/account")
            tok = re.search(r'id="new-token">([^<]+)<', b.post("/account/tokens", {
                "csrf": harness.csrf_from(page), "token_name": "own"}).text).group(1)
            return self.client().get(path, headers={"Authorization": "Bearer " + tok})
        mine = api(COORDINATOR, "/api/v1/rounds/%d" % rid)
        self.assertEqual(mine.status, 200)
        self.assertEqual(json.loads(mine.text)["own_statements"], [
            {"code": "OWN_1", "section": "SRI", "text": {"nl": OWN1[0], "en": OWN1[1]}},
            {"code": "OWN_2", "section": "extra", "text": {"nl": OWN2[0], "en": OWN2[1]}}])
        lead_round = api(PROGRAMME_LEAD, "/api/v1/rounds/%d" % rid)
        self.assertEqual(lead_round.status, 200)
        self.assertNotIn("own_statements", json.loads(lead_round.text))
        self.assert_absent(lead_round.text, "the lead's api round")
        results = api(COORDINATOR, "/api/v1/rounds/%d/results" % rid)
        self.assertEqual(results.status, 200)
        self.assert_absent(results.text, "api results")
        self.assertEqual(api(YOUSSEF, "/api/v1/rounds/%d" % rid).status, 404)
        self.assertEqual(api(YOUSSEF, "/api/v1/rounds/%d/results" % rid).status, 404)
        y = self.client()
        y.login_ok(YOUSSEF)
        self.assert_absent(y.get("/pw/%s" % harness.VLONDER).text, "another workplace")


if __name__ == "__main__":
    unittest.main()
