"""The questionnaire on paper (issue 22): the printed form per role (PDF,
large print, easy-read), typing in a returned form, a second person's
check that must agree before the form counts, the disagreements caught,
and every kind of bad input refused with nothing counted. Expected
values come from the instrument file, read here."""

import csv
import io
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import harness
import htmlcheck
import qhelp
from harness import COORDINATOR, GERIATRIE, MEMBER, YOUSSEF, ServerTestCase

INSTR = qhelp.INSTRUMENT


def form_items(perspective):
    """The statement ids of the paper form of a role, in box order: the
    elements' statements, then the outcomes', those put to the role."""
    out = []
    for p in range(1, 8):
        out += qhelp.page_items(p, perspective)
    return out


def text_of(code, lang="nl", easy=False):
    item = next(i for p in INSTR["elements"] + INSTR["outcomes"] for i in p["items"] if i["id"] == code)
    return item["easy" if easy else "text"][lang]


def pdf_text(body):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "f.pdf")
        with open(path, "wb") as f:
            f.write(body)
        text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, check=True).stdout.decode()
        info = subprocess.run(["pdfinfo", path], capture_output=True, check=True).stdout.decode()
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return text, pages


def squash(s):
    return re.sub(r"\s+", " ", s)


class PaperTest(ServerTestCase):
    def setUp(self):
        self.round_id, _open = qhelp.new_round(self.server, GERIATRIE, title="Papier %s" % self.id())
        self.path = "/pw/%s/rounds/%d/paper" % (GERIATRIE, self.round_id)
        self.citizen = form_items("citizen")

    def person(self, email):
        c = self.client()
        c.login_ok(email)
        return c

    def send(self, c, step, form_no, digits, perspective="citizen"):
        page = c.get(self.path)
        self.assertEqual(page.status, 200, page)
        return c.post(self.path, {"csrf": harness.csrf_from(page), "step": step, "perspective": perspective,
                                  "form_no": str(form_no), "digits": digits})

    def paper_responses(self):
        return self.server.sql("SELECT COUNT(*) FROM responses WHERE round_id = %d AND paper = 1"
                               % self.round_id)[0][0]

    def test_a_form_counts_only_when_two_people_typed_the_same(self):
        self.assertEqual(len(self.citizen), 43)  # 51 statements, 8 not put to citizens
        # answers by box: 1..5 in turn, box 3 "don't know" (0), box 4 left empty (.)
        values = [str(1 + i % 5) for i in range(43)]
        values[2], values[3] = "0", "."
        typed = " ".join("".join(values[i:i + 5]) for i in range(0, 43, 5))  # grouped in fives
        coord, member = self.person(COORDINATOR), self.person(MEMBER)
        r = self.send(coord, "enter", 1, typed)
        self.assertEqual(r.status, 303, r)
        self.assertIn("entered=1", r.location)
        self.assertEqual(self.paper_responses(), "0")  # nothing counts yet
        page = coord.get(r.location)
        self.assertIn("0 geteld (twee keer gelijk ingevoerd), 1 wachten op controle.", page.text)
        self.assertNotIn(typed, page.text)  # the digits are not shown back
        # the same person cannot check it
        r = self.send(coord, "check", 1, typed)
        self.assertEqual(r.status, 409)
        self.assertIn("heb je zelf ingevoerd", r.text)
        # a second person who typed two boxes differently: caught, nothing counts
        wrong = list(values)
        wrong[4], wrong[29] = "1" if wrong[4] != "1" else "2", "."
        r = self.send(member, "check", 1, "".join(wrong))
        self.assertEqual(r.status, 409)
        self.assertIn("Anders dan de eerste invoer bij stelling 5, 30.", r.text)
        self.assertEqual(self.paper_responses(), "0")
        # the same as the first entry: the form counts, as a citizen's sent response
        r = self.send(member, "check", 1, "".join(values))
        self.assertEqual(r.status, 303, r)
        self.assertIn("counted=1", r.location)
        self.assertEqual(self.paper_responses(), "1")
        rows = self.server.sql("SELECT r.perspective, r.submitted, i.code, COALESCE(CAST(a.value AS TEXT), '')"
                               " FROM answers a JOIN items i ON i.id = a.item_id JOIN responses r"
                               " ON r.id = a.response_id WHERE r.round_id = %d AND r.paper = 1" % self.round_id)
        got = {code: value for _p, _s, code, value in rows}
        expected = {code: ("" if v == "0" else v) for code, v in zip(self.citizen, values) if v != "."}
        self.assertEqual(got, expected)
        self.assertEqual({(p, s) for p, s, _c, _v in rows}, {("citizen", "1")})
        # the digits are gone; the form number stays taken
        self.assertEqual(self.server.sql("SELECT digits, checked_at IS NOT NULL FROM paper_entries"
                                         " WHERE round_id = %d" % self.round_id), [["", "1"]])
        r = self.send(coord, "enter", 1, typed)
        self.assertEqual(r.status, 409)
        self.assertIn("Formulier 1 is al ingevoerd", r.text)
        r = self.send(member, "check", 1, typed)
        self.assertEqual(r.status, 409)
        self.assertIn("al gecontroleerd", r.text)
        self.assertEqual(self.paper_responses(), "1")
        audit = self.server.sql("SELECT action FROM audit_log WHERE detail = 'round %d: form 1' ORDER BY id"
                                % self.round_id)
        self.assertEqual(audit, [["paper form entered"], ["paper form counted"]])

    def test_bad_input_is_refused_and_nothing_is_kept(self):
        coord = self.person(COORDINATOR)
        cases = [
            (dict(form_no=2, digits="5" * 42), "Je typte 42 antwoorden; het formulier voor Burger / cliënt heeft 43"),
            (dict(form_no=2, digits="5" * 44), "Je typte 44 antwoorden"),
            (dict(form_no=2, digits="12x" + "5" * 40), "Bij stelling 3 staat een teken dat geen antwoord is"),
            (dict(form_no=0, digits="5" * 43), "Geef een geheel getal van 1 tot en met 99999."),
            (dict(form_no="abc", digits="5" * 43), "Geef een geheel getal van 1 tot en met 99999."),
            (dict(form_no=2, digits="5" * 43, perspective="alien"), "Kies een van de mogelijkheden."),
            (dict(form_no=2, digits=""), ""),
        ]
        for fields, message in cases:
            args = dict(perspective="citizen")
            args.update(fields)
            r = self.send(coord, "enter", args["form_no"], args["digits"], args["perspective"])
            self.assertEqual(r.status, 400, fields)
            self.assertIn(message.lower(), r.text.lower(), fields)
        self.assertEqual(self.server.sql("SELECT COUNT(*) FROM paper_entries WHERE round_id = %d"
                                         % self.round_id), [["0"]])
        # a check of a form nobody typed in yet
        r = self.send(self.person(MEMBER), "check", 7, "5" * 43)
        self.assertEqual(r.status, 409)
        self.assertIn("Formulier 7 is nog niet ingevoerd", r.text)
        # the role decides the count: a student's form has 48 statements
        self.assertEqual(len(form_items("student")), 48)
        r = self.send(coord, "enter", 3, "4" * 48, "student")
        self.assertEqual(r.status, 303, r)

    def test_a_wrong_role_in_the_check_is_caught(self):
        coord, member = self.person(COORDINATOR), self.person(MEMBER)
        self.assertEqual(self.send(coord, "enter", 4, "3" * 43, "citizen").status, 303)
        # professionals see 50 statements; typed as one with the same count fails on the role
        r = self.send(member, "check", 4, "3" * 43, "citizen")
        self.assertEqual(r.status, 303)
        self.assertEqual(self.send(coord, "enter", 5, "3" * 43, "citizen").status, 303)
        r = self.send(member, "check", 5, "3" * 50, "professional")
        self.assertEqual(r.status, 409)
        self.assertIn("andere rol", r.text)

    def test_removing_an_entry_that_waits(self):
        coord, member = self.person(COORDINATOR), self.person(MEMBER)
        self.assertEqual(self.send(member, "enter", 9, "2" * 43).status, 303)
        eid = self.server.sql("SELECT id FROM paper_entries WHERE round_id = %d AND form_no = 9"
                              % self.round_id)[0][0]
        page = coord.get(self.path)
        r = coord.post("%s/%s/delete" % (self.path, eid), {"csrf": harness.csrf_from(page)})
        self.assertEqual(r.status, 303, r)
        self.assertEqual(self.server.sql("SELECT COUNT(*) FROM paper_entries WHERE id = %s" % eid), [["0"]])
        r = coord.post("%s/%s/delete" % (self.path, eid), {"csrf": harness.csrf_from(page)})
        self.assertEqual(r.status, 404)

    def test_no_forms_once_the_figures_were_shown(self):
        coord = self.person(COORDINATOR)
        qhelp.add_responses(self.server, self.round_id, [("citizen", {"LOS1": 4}, None)] * 5)
        qhelp.close_round(self.server, self.round_id)
        r = self.send(coord, "enter", 1, "5" * 43)
        self.assertEqual(r.status, 409)
        self.assertIn("zijn al getoond", r.text)
        page = coord.get(self.path)
        self.assertIn("er kunnen geen formulieren meer bij", page.text)
        self.assertNotIn('name="digits"', page.text)

    @unittest.skipIf(htmlcheck.available(), "the HTML validators are missing: %s" % htmlcheck.available())
    def test_the_pages_are_valid_html(self):
        coord = self.person(COORDINATOR)
        self.assertEqual(self.send(coord, "enter", 11, "1" * 43).status, 303)
        pages = [coord.get(self.path), self.send(coord, "enter", 12, "1" * 40),
                 self.send(self.person(MEMBER), "check", 11, "2" * 43)]
        self.assertEqual([p.status for p in pages], [200, 400, 409])
        self.assertEqual([htmlcheck.problems(p.text) for p in pages], [[], [], []])

    def export_modes(self, paper, web):
        """Close the round with `paper` citizens on paper and `web` online;
        the modes of the wide CSV's rows."""
        qhelp.add_responses(self.server, self.round_id, [("citizen", {"LOS1": 3}, None)] * (paper + web))
        ids = [r[0] for r in self.server.sql("SELECT id FROM responses WHERE round_id = %d ORDER BY id LIMIT %d"
                                             % (self.round_id, paper))]
        c = qhelp.db(self.server)
        for rid in ids:
            c.execute("UPDATE responses SET paper = 1 WHERE id = ?", (int(rid),))
        c.close()
        qhelp.close_round(self.server, self.round_id)
        r = self.person(COORDINATOR).get("/pw/%s/rounds/%d/export/answers-wide.csv" % (GERIATRIE, self.round_id))
        self.assertEqual(r.status, 200, r)
        return sorted(row["mode"] for row in csv.DictReader(io.StringIO(r.text)))

    def test_exports_flag_paper_forms_when_k_of_them(self):
        self.assertEqual(self.export_modes(5, 6), ["paper"] * 5 + ["web"] * 6)

    def test_exports_leave_the_mode_blank_for_fewer_than_k(self):
        # one form on paper would single that person out: no mode for anyone
        self.assertEqual(self.export_modes(1, 6), [""] * 7)

    def test_outsiders_get_nothing(self):
        outsider = self.person(YOUSSEF)  # coordinator of another workplace
        self.assertEqual(outsider.get(self.path).status, 404)
        self.assertEqual(outsider.get(self.path + "/form.pdf?perspective=citizen").status, 404)


@unittest.skipIf(not shutil.which("pdftotext"), "poppler-utils is missing")
class PaperFormPdfTest(ServerTestCase):
    def setUp(self):
        self.round_id, _open = qhelp.new_round(self.server, GERIATRIE, title="Papier PDF %s" % self.id())
        self.c = self.client()
        self.c.login_ok(MEMBER)
        self.base = "/pw/%s/rounds/%d/paper/form.pdf" % (GERIATRIE, self.round_id)

    def get_pdf(self, query):
        r = self.c.get(self.base + query)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("Content-Type"), "application/pdf")
        self.assertTrue(r.body.startswith(b"%PDF-"))
        return pdf_text(r.body)

    def test_the_form_holds_the_statements_in_box_order(self):
        text, pages = self.get_pdf("?perspective=citizen")
        flat = squash(text)
        self.assertIn("Formuliercode: R%d-citizen" % self.round_id, flat)
        # the footer of every page: the form code, and the page's number
        self.assertEqual(len(re.findall(r"Formuliercode R%d-citizen Pagina \d+" % self.round_id, flat)), pages)
        self.assertIn("Pagina %d" % pages, flat)
        # every statement, numbered in order; statement texts may wrap, so
        # each is found after the one before
        at = 0
        for n, code in enumerate(form_items("citizen"), 1):
            words = text_of(code).split()
            m = re.compile(r"\b%d\.\s+%s" % (n, r"\s+".join(map(re.escape, words[:3])))).search(flat, at)
            self.assertIsNotNone(m, "statement %d (%s) after position %d" % (n, code, at))
            at = m.end()
        self.assertNotIn(text_of("LOS6"), flat)  # for students only
        self.assertNotIn("44.", re.sub(r"R\d+", "", flat))

    def test_large_print_and_easy_read(self):
        _t, normal = self.get_pdf("?perspective=citizen")
        _t, large = self.get_pdf("?perspective=citizen&large=1")
        self.assertGreater(large, normal)
        easy, _p = self.get_pdf("?perspective=citizen&easy=1&large=1")
        flat = squash(easy)
        first = text_of("LOS1", easy=True).split()
        self.assertRegex(flat, r"\b1\.\s+" + r"\s+".join(map(re.escape, first[:4])))
        self.assertIn(INSTR["scale"]["easy_labels"]["nl"][4], flat)

    def test_a_role_is_needed(self):
        self.assertEqual(self.c.get(self.base).status, 400)
        self.assertEqual(self.c.get(self.base + "?perspective=alien").status, 400)


if __name__ == "__main__":
    unittest.main()
