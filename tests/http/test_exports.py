"""Data in and out (issue 6), black box: exports in every format follow the
anonymity rules (a group of k-1 is pooled, a round below k is refused),
formulas are neutralised, the .sav opens in PSPP and the .xlsx in
LibreOffice with the right labels and values, export then import gives the
same answers, a bad import changes nothing and reports every problem,
backup then restore gives the same database, scheduled backups are made
and pruned, and the research export across workplaces."""

import collections
import csv
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import unittest
import zipfile

import harness
import qhelp
from harness import ADMIN, COORDINATOR, GERIATRIE, MEMBER, PETRA, RESEARCHER, ServerTestCase, run_cli
from test_rounds import post_multipart

STAFF_ITEMS = ["LOS1", "LOS2", "LOS3", "SRI6", "GOC1", "KNO1", "LOS7"]
STUDENT_ITEMS = ["LOS1", "LOS2", "LOS3", "SRI6", "GOC1", "KNO1", "LOS6"]
FORMATS = ["answers-long.csv", "answers-wide.csv", "comments.csv", "codebook.csv", "answers.xlsx",
           "answers.sav", "answers.json", "mapping.json"]


def answers_for(persp, n):
    """Deterministic answers; every fourth person says "don't know" to SRI6."""
    items = STUDENT_ITEMS if persp == "student" else STAFF_ITEMS
    out = {}
    for j, code in enumerate(items):
        out[code] = None if (code == "SRI6" and n % 4 == 0) else 1 + (n + j) % 5
    return out


def people(groups, comment=None):
    rows = []
    for persp, count in groups:
        for n in range(count):
            comments = {"LOS_good": comment % (persp, n)} if comment else {}
            rows.append((persp, answers_for(persp, n), comments))
    return rows


def stored(server, round_id):
    """Counter of (perspective, answers, triggers) per submitted response."""
    rows = server.sql("SELECT r.id, r.perspective, i.code, COALESCE(CAST(a.value AS TEXT), 'dk') FROM responses r"
                      " JOIN answers a ON a.response_id = r.id JOIN items i ON i.id = a.item_id"
                      " WHERE r.round_id = %d AND r.submitted = 1" % round_id)
    trig = server.sql("SELECT t.response_id, t.kind FROM response_triggers t JOIN responses r"
                      " ON r.id = t.response_id WHERE r.round_id = %d" % round_id)
    people_ = {}
    for rid, persp, code, value in rows:
        people_.setdefault(rid, [persp, {}, set()])[1][code] = value
    for rid, kind in trig:
        people_[rid][2].add(kind)
    return collections.Counter((p, frozenset(a.items()), frozenset(t)) for p, a, t in people_.values())


def have(tool):
    return shutil.which(tool) is not None


def pspp_cases(out):
    """The rows of the Data List table in PSPP's text output, as dicts."""
    text = out[out.index("Data List"):]
    rows = [ln for ln in text.splitlines() if ln.startswith("|")]
    header = [h.strip() for h in rows[0].strip("|").split("|")]
    return [dict(zip(header, (v.strip() for v in ln.strip("|").split("|")))) for ln in rows[1:]]



def cli_import(server, round_id, csv_bytes, mapping_bytes):
    """`werkplaats import` of a CSV with its mapping into a round."""
    with tempfile.TemporaryDirectory() as d:
        for name, data in (("answers.csv", csv_bytes), ("mapping.json", mapping_bytes)):
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
        return run_cli(["import", "--db", server.db, "--round", str(round_id), "--mapping",
                        os.path.join(d, "mapping.json"), os.path.join(d, "answers.csv")])

class ExportsTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        s = cls.server
        # every group shown
        cls.full, _ = qhelp.new_round(s, GERIATRIE, "Export volledig")
        qhelp.add_responses(s, cls.full, people([("student", 6), ("teacher", 5), ("professional", 5)],
                                                "=1+1 %s %d"))
        c = qhelp.db(s)
        c.execute("INSERT INTO response_triggers (response_id, kind) SELECT id, 'urgency' FROM responses"
                  " WHERE round_id = ? AND perspective = 'teacher'", (cls.full,))
        c.close()
        # citizens are k-1 = 4: they and the smallest shown group pool into "other"
        cls.small, _ = qhelp.new_round(s, GERIATRIE, "Export kleine groep")
        qhelp.add_responses(s, cls.small, people([("student", 6), ("teacher", 5), ("citizen", 4)],
                                                 "opmerking %s %d"))
        # four people in all: below k
        cls.below, _ = qhelp.new_round(s, GERIATRIE, "Export te klein")
        qhelp.add_responses(s, cls.below, people([("student", 4)]))
        for rid in (cls.full, cls.small, cls.below):
            qhelp.close_round(s, rid)

    def coordinator(self):
        c = self.client()
        c.login_ok(COORDINATOR)
        return c

    def path(self, rid, rest="export"):
        return "/pw/%s/rounds/%d/%s" % (GERIATRIE, rid, rest)

    def download(self, c, rid, name):
        r = c.get(self.path(rid, "export/" + name))
        self.assertEqual(r.status, 200, (name, r))
        self.assertIn("attachment", r.header("Content-Disposition"))
        self.assertIn(name, r.header("Content-Disposition"))
        return r

    def wide(self, c, rid):
        return list(csv.DictReader(io.StringIO(self.download(c, rid, "answers-wide.csv").text)))

    # ---- access ----

    def test_access(self):
        c = self.coordinator()
        self.assertEqual(c.get(self.path(self.full)).status, 200)
        m = self.client()
        m.login_ok(MEMBER)
        for rest in ("export", "export/answers.json", "import"):
            self.assertEqual(m.get(self.path(self.full, rest)).status, 403, rest)
        o = self.client()
        o.login_ok(PETRA)
        self.assertEqual(o.get(self.path(self.full, "export/answers.json")).status, 404)
        self.assertRedirectsToLogin(self.client().get(self.path(self.full, "export/answers.json")))
        self.assertEqual(c.get(self.path(self.full, "export/answers.exe")).status, 404)
        # the round page links to both for coordinators only
        self.assertIn(self.path(self.full, "export"), c.get(self.path(self.full, "")[:-1]).text)
        self.assertNotIn(self.path(self.full, "export"), m.get(self.path(self.full, "")[:-1]).text)

    # ---- anonymity ----

    def test_below_k_is_refused_in_every_format(self):
        c = self.coordinator()
        page = c.get(self.path(self.below))
        self.assertEqual(page.status, 200)
        self.assertIn('id="below-k"', page.text)
        self.assertNotIn("answers-wide.csv", page.text)
        for name in FORMATS:
            r = c.get(self.path(self.below, "export/" + name))
            self.assertEqual(r.status, 403, name)
            self.assertIn("minder dan 5", r.text, name)
            self.assertNotIn("attachment", r.header("Content-Disposition") or "")
        res = run_cli(["export", "--db", self.server.db, "--round", str(self.below), "--format", "json", "-"])
        self.assertEqual(res.returncode, 1, res)
        self.assertIn("fewer than k", res.stderr)
        self.assertEqual(res.stdout, "")

    def small_group_checks(self, perspectives):
        self.assertNotIn("citizen", perspectives)
        self.assertNotIn("teacher", perspectives)  # joined the pool (complementary suppression)
        self.assertEqual(set(perspectives), {"student", "other"})

    def test_group_of_k_minus_1_is_pooled_in_every_format(self):
        c = self.coordinator()
        rows = self.wide(c, self.small)
        self.assertEqual(len(rows), 15)
        self.small_group_checks([r["perspective"] for r in rows])
        self.assertEqual(collections.Counter(r["perspective"] for r in rows), {"student": 6, "other": 9})
        # statements put to some perspectives only are left out for pooled people
        for r in rows:
            if r["perspective"] == "other":
                self.assertEqual((r["LOS6"], r["LOS7"]), ("", ""))
            else:
                self.assertNotEqual(r["LOS6"], "")
        long_rows = list(csv.DictReader(io.StringIO(self.download(c, self.small, "answers-long.csv").text)))
        self.small_group_checks([r["perspective"] for r in long_rows])
        self.assertFalse([r for r in long_rows if r["perspective"] == "other" and r["item"] in ("LOS6", "LOS7")])
        # comments have their own threshold, k + 2 = 7: the 6 students'
        # comments are pooled too
        comments = list(csv.DictReader(io.StringIO(self.download(c, self.small, "comments.csv").text)))
        self.assertEqual(len(comments), 15)
        self.assertEqual({r["perspective"] for r in comments}, {"other"})
        data = json.loads(self.download(c, self.small, "answers.json").text)
        self.small_group_checks([r["perspective"] for r in data["responses"]])
        self.assertEqual({r["perspective"] for r in data["comments"]}, {"other"})
        self.assertEqual(data["rounds"][0]["perspectives"]["citizen"], "pooled")
        api = json.loads(c.get("/api/v1/rounds/%d/answers" % self.small).text)
        self.small_group_checks([r["perspective"] for r in api["responses"]])
        xlsx = self.download(c, self.small, "answers.xlsx").body
        with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
            strings = z.read("xl/sharedStrings.xml").decode()
        self.assertNotIn(">citizen<", strings)
        self.assertNotIn(">teacher<", strings)
        self.assertIn(">other<", strings)
        if have("pspp"):
            cases = pspp_cases(self.pspp_list(c, self.small))
            self.assertEqual(len(cases), 15)
            # 1 = student, 7 = other (the value labels of the perspective variable)
            self.assertEqual(collections.Counter(x["perspective"] for x in cases), {"1": 6, "7": 9})

    def test_no_identifying_columns_and_random_numbers(self):
        c = self.coordinator()
        text = self.download(c, self.full, "answers-wide.csv").text
        header = text.splitlines()[0].split(",")
        self.assertEqual(header[:5], ["workplace", "round", "respondent", "perspective", "mode"])
        self.assertEqual(header[-3:], ["TRIG_complex", "TRIG_opportunity", "TRIG_urgency"])
        items = [i["id"] for e in qhelp.INSTRUMENT["elements"] for i in e["items"]] + \
                [i["id"] for o in qhelp.INSTRUMENT["outcomes"] for i in o["items"]]
        self.assertEqual(sorted(header[5:-3]), sorted(items))
        rows = list(csv.DictReader(io.StringIO(text)))
        self.assertEqual(sorted(int(r["respondent"]) for r in rows), list(range(1, 17)))
        self.assertEqual({r["mode"] for r in rows}, {"web"})  # everyone answered online
        data = json.loads(self.download(c, self.full, "answers.json").text)
        for r in data["responses"]:
            self.assertEqual(set(r), {"round", "respondent", "perspective", "mode", "answers", "triggers"})
        for r in data["comments"]:
            self.assertEqual(set(r), {"round", "perspective", "question", "text"})
        lowered = text.lower()
        for word in ("@", "token", "email", "lang"):
            self.assertNotIn(word, lowered)
        # the order is random: two exports do not list people the same way
        orders = set()
        for _ in range(3):
            d = json.loads(self.download(c, self.full, "answers.json").text)
            orders.add(tuple((r["perspective"], tuple(sorted(r["answers"].items()))) for r in d["responses"]))
        self.assertGreater(len(orders), 1)

    def test_formulas_are_neutralised(self):
        c = self.coordinator()
        comments = self.download(c, self.full, "comments.csv").text
        self.assertIn("'=1+1 student", comments)
        self.assertNotIn(",=1+1", comments)
        self.assertNotIn("\n=1+1", comments)
        with zipfile.ZipFile(io.BytesIO(self.download(c, self.full, "answers.xlsx").body)) as z:
            strings = z.read("xl/sharedStrings.xml").decode()
            sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        self.assertIn("'=1+1 student", strings)
        self.assertFalse(re.search(r">=1\+1", strings))
        for s in sheets:
            self.assertNotIn("<f>", s)
        # JSON is not a spreadsheet: the text stays as written
        data = json.loads(self.download(c, self.full, "answers.json").text)
        self.assertTrue(any(x["text"].startswith("=1+1") for x in data["comments"]))

    def test_codebook(self):
        c = self.coordinator()
        rows = list(csv.DictReader(io.StringIO(self.download(c, self.full, "codebook.csv").text)))
        by = {r["variable"]: r for r in rows}
        self.assertEqual(len(rows), 5 + 51 + 3)
        self.assertIn("paper=op papier", by["mode"]["values_nl"])
        sri6 = next(i for i in qhelp.element("SRI")["items"] if i["id"] == "SRI6")
        self.assertEqual(by["SRI6"]["label_nl"], sri6["text"]["nl"])
        self.assertEqual(by["SRI6"]["label_en"], sri6["text"]["en"])
        self.assertEqual(by["SRI6"]["reverse"], "1")
        self.assertEqual(by["LOS1"]["reverse"], "0")
        self.assertEqual(by["LOS6"]["asked"], "student")
        self.assertIn("5=Helemaal mee eens", by["LOS1"]["values_nl"])
        self.assertIn("dk=Don't know / not applicable", by["LOS1"]["values_en"])
        self.assertEqual({r["version"] for r in rows}, {"2026.2"})
        self.assertEqual({r["instrument"] for r in rows}, {"los-pw"})

    # ---- the tools researchers use ----

    def pspp_list(self, c, rid):
        with tempfile.TemporaryDirectory() as d:
            sav = os.path.join(d, "a.sav")
            with open(sav, "wb") as f:
                f.write(self.download(c, rid, "answers.sav").body)
            sps = os.path.join(d, "a.sps")
            with open(sps, "w") as f:
                f.write("GET FILE='%s'.\nDISPLAY DICTIONARY.\nLIST.\n" % sav)
            p = subprocess.run(["pspp", "-O", "format=txt", "-O", "width=400", sps], capture_output=True,
                               timeout=120)
            self.assertEqual(p.returncode, 0, p.stderr)
            return p.stdout.decode("utf-8", "replace")

    def test_sav_opens_in_pspp_with_labels(self):
        if not have("pspp"):
            self.skipTest("PSPP is not installed (Debian package pspp; `make test` installs it)")
        out = self.pspp_list(self.coordinator(), self.full)
        los1 = next(i for i in qhelp.element("LOS")["items"] if i["id"] == "LOS1")
        self.assertIn(los1["text"]["nl"], re.sub(r"\s*\|\s*", " ", out).replace("  ", " ") + out)
        for label in ("Helemaal mee eens", "Helemaal mee oneens", "Weet ik niet / niet van toepassing",
                      "Student", "gekozen"):
            self.assertIn(label, out)
        self.assertRegex(out, r"\|LOS1 +\|[^\n]*\|9 +\|")  # 9 (don't know) is a declared missing value
        self.assertIn("User-missing value", out)
        cases = pspp_cases(out)
        self.assertEqual(sorted(int(x["respondent"]) for x in cases), list(range(1, 17)))
        self.assertEqual({x["round"] for x in cases}, {str(self.full)})
        # the values are those of the CSV export (9 for "don't know", . for none)
        wide = self.wide(self.coordinator(), self.full)
        persp = {"student": "1", "professional": "2", "teacher": "3"}

        def key(rows, sav):
            out = []
            for r in rows:
                vals = []
                for code in STAFF_ITEMS + ["LOS6", "TRIG_urgency"]:
                    v = r[code]
                    if not sav:
                        v = {"dk": "9", "": "."}.get(v, v)
                    vals.append(v)
                out.append((r["perspective"] if sav else persp[r["perspective"]], tuple(vals)))
            return sorted(out)
        self.assertEqual(key(cases, True), key(wide, False))

    def test_xlsx_opens_in_libreoffice_with_the_same_values(self):
        lo = shutil.which("libreoffice") or shutil.which("soffice")
        if not lo:
            self.skipTest("LibreOffice is not installed (Debian package libreoffice-calc-nogui; "
                          "`make test` installs it)")
        c = self.coordinator()
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "answers.xlsx")
            with open(path, "wb") as f:
                f.write(self.download(c, self.full, "answers.xlsx").body)
            p = subprocess.run([lo, "--headless", "-env:UserInstallation=file://%s/profile" % d,
                                "--convert-to", "csv", "--outdir", d, path], capture_output=True, timeout=180)
            self.assertEqual(p.returncode, 0, p.stderr)
            with open(os.path.join(d, "answers.csv"), encoding="utf-8") as f:
                from_xlsx = list(csv.DictReader(f))
        from_csv = self.wide(c, self.full)

        def key(rows):
            return sorted(tuple((k, v) for k, v in r.items() if k != "respondent") for r in rows)
        self.assertEqual(len(from_xlsx), 16)
        self.assertEqual(key(from_xlsx), key(from_csv))

    # ---- export, then import ----

    def test_export_then_import_gives_the_same_answers(self):
        c = self.coordinator()
        wide = self.download(c, self.full, "answers-wide.csv").body
        mapping = self.download(c, self.full, "mapping.json").body
        target, _ = qhelp.new_round(self.server, GERIATRIE, "Export terug")
        before = self.server.sql("SELECT answers_version FROM rounds WHERE id = %d" % target)[0][0]
        page = c.get(self.path(target, "import"))
        self.assertEqual(page.status, 200)
        r = post_multipart(c, self.path(target, "import"), [("csrf", harness.csrf_from(page))],
                           [("file", "answers-wide.csv", wide), ("mapping", "mapping.json", mapping)])
        self.assertEqual(r.status, 200, r)
        self.assertIn('id="imported"', r.text)
        self.assertIn("16", r.text)
        self.assertEqual(stored(self.server, target), stored(self.server, self.full))
        after = self.server.sql("SELECT answers_version FROM rounds WHERE id = %d" % target)[0][0]
        self.assertGreater(int(after), int(before))
        # the results pages see them once the round closes; a round whose
        # figures were shown takes no more imports
        qhelp.close_round(self.server, target)
        res = json.loads(c.get("/api/v1/rounds/%d/results" % target).text)
        self.assertEqual(res["respondents"], 16)
        again = post_multipart(c, self.path(target, "import"), [("csrf", harness.csrf_from(page))],
                               [("file", "answers-wide.csv", wide), ("mapping", "mapping.json", mapping)])
        self.assertEqual(again.status, 409, again)
        self.assertIn("al getoond", again.text)
        self.assertEqual(stored(self.server, target), stored(self.server, self.full))
        cli = cli_import(self.server, target, wide, mapping)
        self.assertEqual(cli.returncode, 1, cli)
        self.assertIn("takes no more answers", cli.stderr)

    def test_cli_import_of_the_wide_export(self):
        c = self.coordinator()
        target, _ = qhelp.new_round(self.server, GERIATRIE, "Export terug CLI")
        res = cli_import(self.server, target, self.download(c, self.full, "answers-wide.csv").body,
                         self.download(c, self.full, "mapping.json").body)
        self.assertEqual(res.returncode, 0, res)
        self.assertIn("Imported 16 responses", res.stdout)
        self.assertEqual(stored(self.server, target), stored(self.server, self.full))

    def test_a_bad_import_changes_nothing_and_reports_every_problem(self):
        c = self.coordinator()
        target, _ = qhelp.new_round(self.server, GERIATRIE, "Export slecht")
        qhelp.add_responses(self.server, target, people([("student", 2)]))
        dump = self.server.dump()
        mapping = json.dumps({"format": 1, "perspective": {"column": "Rol"},
                              "items": {"LOS1": "V1", "LOS6": "V2"},
                              "labels": {"Helemaal mee eens": 5, "Weet ik niet": "dk"}}).encode()
        bad = ("Rol;V1;V2\r\n"
               "student;Helemaal mee eens;4\r\n"
               "student;7;4\r\n"
               "astronaut;1;1\r\n"
               "teacher;2;5\r\n"
               "student;<b>x</b>;\r\n").encode()
        page = c.get(self.path(target, "import"))
        r = post_multipart(c, self.path(target, "import"), [("csrf", harness.csrf_from(page))],
                           [("file", "bad.csv", bad), ("mapping", "map.json", mapping)])
        self.assertEqual(r.status, 400, r)
        rows = re.findall(r'<tr><td class="num">(\d+)</td><td>([^<]*)</td><td><code>(.*?)</code></td>',
                          r.text)
        self.assertEqual(rows, [("3", "V1", "7"), ("4", "Rol", "astronaut"), ("5", "V2", "5"),
                                ("6", "V1", "&lt;b&gt;x&lt;/b&gt;")])
        self.assertNotIn("<b>x</b>", r.text)
        self.assertEqual(self.server.dump(), dump)
        # a broken mapping is reported as such
        r = post_multipart(c, self.path(target, "import"), [("csrf", harness.csrf_from(page))],
                           [("file", "bad.csv", bad), ("mapping", "map.json", b'{"format": 1, "itms": {}}')])
        self.assertEqual(r.status, 400)
        self.assertIn("itms", r.text)
        self.assertEqual(self.server.dump(), dump)
        # and the command line says the same, with exit status 1
        res = cli_import(self.server, target, bad, mapping)
        self.assertEqual(res.returncode, 1)
        self.assertIn("row 3, column 'V1', value '7'", res.stderr)
        self.assertIn("4 problems; nothing was imported", res.stderr)
        self.assertEqual(self.server.dump(), dump)

    def test_member_cannot_import(self):
        m = self.client()
        m.login_ok(MEMBER)
        page = m.get("/pw/%s" % GERIATRIE)
        r = post_multipart(m, self.path(self.full, "import"), [("csrf", harness.csrf_from(page))],
                           [("file", "a.csv", b"a\n1\n"), ("mapping", "m.json", b"{}")])
        self.assertEqual(r.status, 403)

    # ---- across workplaces ----

    def test_research_export(self):
        res = self.client()
        res.login_ok(RESEARCHER)
        page = res.get("/research/export")
        self.assertEqual(page.status, 200)
        self.assertIn('id="research-summary"', page.text)
        data = json.loads(res.get("/research/export/answers.json").text)
        workplaces = {r["workplace"] for r in data["rounds"]}
        self.assertGreaterEqual(len(workplaces), 3)
        ids = {r["id"] for r in data["rounds"]}
        self.assertNotIn(self.below, ids)
        self.assertGreaterEqual(data["rounds_left_out"], 1)
        self.assertIn(self.small, ids)
        small = [r for r in data["responses"] if r["round"] == self.small]
        self.small_group_checks([r["perspective"] for r in small])
        n = len(data["responses"])
        self.assertEqual(sorted(r["respondent"] for r in data["responses"]), list(range(1, n + 1)))
        r = res.get("/research/export/answers-wide.csv?version=1")
        self.assertEqual(r.status, 200)
        self.assertEqual(res.get("/research/export/answers.json?version=999").status, 404)
        for who in (COORDINATOR, MEMBER):
            c = self.client()
            c.login_ok(who)
            self.assertEqual(c.get("/research/export").status, 404)
            self.assertEqual(c.get("/research/export/answers.json").status, 404)
        a = self.client()
        a.login_ok(ADMIN)
        self.assertEqual(a.get("/research/export/codebook.csv").status, 200)


@harness.sqlite_only("backup and restore copy SQLite files (PostgreSQL has pg_dump and pg_restore)")
class BackupRestoreTest(unittest.TestCase):
    def setUp(self):
        self.server = harness.Server(demo=True)
        self.db = self.server.db
        self.dir = self.server.dir

    def tearDown(self):
        self.server.stop()
        self.server.cleanup()

    def test_backup_then_restore_gives_the_same_database(self):
        copy = os.path.join(self.dir, "copy.db")
        self.assertEqual(run_cli(["backup", "--db", self.db, copy]).returncode, 0)
        expected = harness.sqlite_dump(copy)
        c = qhelp.db(self.server)
        c.execute("DELETE FROM responses WHERE round_id = 2")
        c.execute("UPDATE workplaces SET name = 'Anders'")
        c.close()
        self.assertNotEqual(harness.sqlite_dump(self.db), expected)
        res = run_cli(["restore", "--db", self.db, copy])
        self.assertEqual(res.returncode, 0, res)
        self.assertEqual(harness.sqlite_dump(self.db), expected)
        kept = [f for f in os.listdir(self.dir) if ".before-restore-" in f]
        self.assertEqual(len(kept), 1, os.listdir(self.dir))
        self.assertIn("Anders", harness.sqlite_dump(os.path.join(self.dir, kept[0])))
        self.assertEqual(run_cli(["check", "--db", self.db]).returncode, 0)
        self.assertFalse([f for f in os.listdir(self.dir) if ".restore-" in f])
        # the restored database serves
        self.server.start()
        c = self.server.client()
        c.login_ok(COORDINATOR)
        self.assertEqual(c.get("/pw/%s/rounds/2/results" % GERIATRIE).status, 200)

    def test_restore_refuses_bad_backups_and_changes_nothing(self):
        before = harness.sqlite_dump(self.db)
        garbage = os.path.join(self.dir, "garbage.db")
        with open(garbage, "wb") as f:
            f.write(b"this is not a database" * 100)
        newer = os.path.join(self.dir, "newer.db")
        run_cli(["backup", "--db", self.db, newer])
        c = qhelp.sqlite3.connect(newer)
        c.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
        c.commit()
        c.close()
        broken = os.path.join(self.dir, "broken.db")
        run_cli(["backup", "--db", self.db, broken])
        c = qhelp.sqlite3.connect(broken)
        c.execute("PRAGMA foreign_keys=OFF")
        c.execute("INSERT INTO responses (round_id, perspective, access_hash) VALUES (999999, 'student', 'x')")
        c.commit()
        c.close()
        for path, why in ((garbage, "not a database"), (newer, "newer"), (broken, "foreign key"),
                          (os.path.join(self.dir, "missing.db"), "no such file")):
            res = run_cli(["restore", "--db", self.db, path])
            self.assertEqual(res.returncode, 1, (path, res))
            self.assertIn(why, res.stderr, path)
            self.assertEqual(harness.sqlite_dump(self.db), before, path)
        self.assertFalse([f for f in os.listdir(self.dir) if ".before-restore-" in f or ".restore-" in f])

    def test_restore_refuses_a_database_in_use(self):
        copy = os.path.join(self.dir, "copy.db")
        run_cli(["backup", "--db", self.db, copy])
        self.server.start()
        res = run_cli(["restore", "--db", self.db, copy])
        self.assertEqual(res.returncode, 1, res)
        self.assertIn("in use by a running werkplaats server", res.stderr)
        self.assertFalse([f for f in os.listdir(self.dir) if ".before-restore-" in f])
        self.server.stop()
        self.assertEqual(run_cli(["restore", "--db", self.db, copy]).returncode, 0)


class ScheduledBackupTest(unittest.TestCase):
    @harness.sqlite_only("scheduled backups copy the SQLite file")
    def test_copies_are_made_and_pruned(self):
        server = harness.Server(demo=True)
        try:
            backups = os.path.join(server.dir, "backups")
            os.mkdir(backups)
            with open(os.path.join(backups, "notes.txt"), "w") as f:
                f.write("not a backup: never removed")
            server.extra_args = ["--backup-dir", backups, "--backup-every", "0.0003", "--backup-keep", "2"]
            server.start()
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and server.stderr().count("backup written") < 4:
                time.sleep(0.2)
            self.assertGreaterEqual(server.stderr().count("backup written"), 4, server.stderr())
            server.stop()
            copies = sorted(f for f in os.listdir(backups) if f.endswith(".db"))
            self.assertEqual(len(copies), 2, os.listdir(backups))
            self.assertIn("notes.txt", os.listdir(backups))
            self.assertFalse([f for f in os.listdir(backups) if f.endswith(".tmp")])
            for name in copies:
                self.assertRegex(name, r"^werkplaats-\d{8}-\d{6}(-\d+)?\.db$")
                res = run_cli(["check", "--db", os.path.join(backups, name)])
                self.assertEqual(res.returncode, 0, res)
            self.assertEqual(harness.sqlite_dump(os.path.join(backups, copies[-1])), server.dump())
        finally:
            server.cleanup()

    def test_bad_backup_options(self):
        for args, why in ((["--backup-every", "2"], "need --backup-dir"),
                          (["--backup-dir", "/nonexistent-dir", "--backup-every", "1"], "not a folder"),
                          (["--backup-dir", "/tmp", "--backup-every", "0"], "at least one second"),
                          (["--backup-dir", "/tmp", "--backup-keep", "0"], "--backup-keep")):
            server = harness.Server(demo=True)
            try:
                res = run_cli(["serve", "--db", server.db, "--listen", "127.0.0.1:0"] + args)
                self.assertNotEqual(res.returncode, 0, args)
                self.assertIn(why, res.stderr, args)
            finally:
                server.cleanup()


if __name__ == "__main__":
    unittest.main()
