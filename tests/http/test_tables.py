"""The aggregate tables of a closed round (issue 19): CSV and XLSX on the
round's pages, JSON (or a file) from the API, and `werkplaats report
tables`. Every figure must equal the API's results cell by cell, and every
hidden cell must be blank where the result pages hide it, with the reason
the pages give. Open rounds and rounds below k give nothing."""

import csv
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import zipfile

import harness
import qhelp
from harness import COORDINATOR, GERIATRIE, MEMBER, PETRA, ServerTestCase, run_cli

ROUND = 2  # demo: geriatrie, closed, 74 responses; managers pooled into "other"
PERSPECTIVES = ["student", "professional", "teacher", "researcher", "citizen", "manager", "other"]
CODES = [i["id"] for e in qhelp.INSTRUMENT["elements"] for i in e["items"]] + \
    [i["id"] for o in qhelp.INSTRUMENT["outcomes"] for i in o["items"]]


def answers_for(persp, n):
    """Every statement answered, 1..5, varying by person and statement."""
    out = {}
    for i, code in enumerate(CODES):
        out[code] = (n + i + len(persp)) % 5 + 1
    return out


def people(groups):
    return [(p, answers_for(p, n), {}) for p, count in groups for n in range(count)]


def statements():
    """{statement id: (its group code, the perspectives it is put to or None)}"""
    out = {}
    for e in qhelp.INSTRUMENT["elements"]:
        for i in e["items"]:
            out[i["id"]] = (e["code"], i.get("perspectives"))
    for o in qhelp.INSTRUMENT["outcomes"]:
        for i in o["items"]:
            out[i["id"]] = (o["code"], i.get("perspectives"))
    return out


def close(a, b):
    return a is not None and abs(float(a) - b) <= 0.005 + 1e-9


def cells(row_html):
    return re.findall(r"<td[^>]*>(.*?)</td>", row_html, flags=re.S)


def page_note(cell):
    """What a cell of a results page says: a number, or why it is hidden."""
    if "niet gevraagd" in cell:
        return "not-asked"
    if "–*" in cell:
        return "withheld"
    if "–" in cell:
        return "too-few"
    m = re.match(r"\s*(\d\.\d)", cell)
    assert m, cell
    return m.group(1)


class TablesTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        s = cls.server
        cls.open, _ = qhelp.new_round(s, GERIATRIE, "Tabellen open")
        qhelp.add_responses(s, cls.open, people([("student", 6), ("teacher", 5)]))
        cls.below, _ = qhelp.new_round(s, GERIATRIE, "Tabellen te klein")
        qhelp.add_responses(s, cls.below, people([("student", 4)]))
        qhelp.close_round(s, cls.below)
        cls.formula = cls.formula_round()

    @classmethod
    def formula_round(cls):
        """A round of an instrument version whose words start like
        spreadsheet formulas (a version an administrator loaded), with a
        title that does too."""
        inst = json.loads(json.dumps(qhelp.INSTRUMENT))
        inst["version"] = "2026.1-formule"
        inst["elements"][0]["name"]["nl"] = "=HYPERLINK(\"http://x.example\";\"LOS\")"
        inst["elements"][0]["items"][0]["text"]["nl"] = "+1+1 leren"
        inst["outcomes"][0]["items"][0]["text"]["nl"] = "@SUM(A1) kennis"
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "formule.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(inst, f)
            res = run_cli(["instrument", "load", "--db", cls.server.db, path])
            assert res.returncode == 0, res
        rid, _ = qhelp.new_round(cls.server, GERIATRIE, "=cmd|' /C calc'!A0")
        qhelp.add_responses(cls.server, rid, people([("student", 5), ("teacher", 5)]))
        qhelp.close_round(cls.server, rid)
        return rid

    def login(self, who=COORDINATOR):
        c = self.client()
        c.login_ok(who)
        return c

    def path(self, rid, rest):
        return "/pw/%s/rounds/%d/%s" % (GERIATRIE, rid, rest)

    def download(self, c, rid, name):
        r = c.get(self.path(rid, name))
        self.assertEqual(r.status, 200, (name, r))
        self.assertIn('filename="werkplaats-%s-round-%d-%s"' % (GERIATRIE, rid, name),
                      r.header("Content-Disposition"))
        return r

    def table(self, c, rid=ROUND):
        return list(csv.DictReader(io.StringIO(self.download(c, rid, "tables.csv").text)))

    def api(self, c, rid=ROUND):
        r = c.get("/api/v1/rounds/%d/results" % rid)
        self.assertEqual(r.status, 200, r)
        return json.loads(r.text)

    # ---- the figures ----

    def expected_note(self, api, kind, code, col):
        """Why a cell is hidden, from the API and the instrument: not asked
        when the statement is put to nobody of the column."""
        if kind == "statement":
            asked = statements()[code][1]
            if asked is not None:
                members = [col] if col != "other" else ["other"] + [
                    p for p, g in api["perspectives"].items() if g["state"] == "pooled"]
                if not set(members) & set(asked):
                    return "not-asked"
        return None  # too-few or withheld: the pages decide (test_hidden_cells_as_on_the_pages)

    def test_figures_equal_the_api_cell_by_cell(self):
        c = self.login(MEMBER)  # members read the tables as they read the results
        rows, api = self.table(c), self.api(c)
        shown_cols = [p for p in PERSPECTIVES if api["perspectives"][p]["state"] == "shown"]
        header = list(rows[0].keys())
        for p in shown_cols:
            for suffix in ("_n", "_mean", "_sd", "_note"):
                self.assertIn(p + suffix, header)
        for p in PERSPECTIVES:
            if p not in shown_cols:
                self.assertNotIn(p + "_mean", header)
        self.assertIn("other", shown_cols, "the demo round pools a group (the test needs it)")
        self.assertIn("other_members", header)
        sections = {"element": "elements", "outcome": "outcomes", "statement": "statements"}
        self.assertEqual([r["code"] for r in rows if r["section"] == "element"], list(api["elements"]))
        self.assertEqual([r["code"] for r in rows if r["section"] == "outcome"], list(api["outcomes"]))
        self.assertEqual(sorted(r["code"] for r in rows if r["section"] == "statement"),
                         sorted(api["statements"]))
        counts = {"shown": 0, "not-asked": 0, "hidden": 0}
        for row in rows:
            want = api[sections[row["section"]]][row["code"]]
            with self.subTest(code=row["code"]):
                for p in shown_cols:
                    got = want.get("columns", {}).get(p) if want["shown"] else None
                    if got:
                        self.assertEqual(int(row[p + "_n"]), got["n"])
                        self.assertTrue(close(row[p + "_mean"], got["mean"]), (row[p + "_mean"], got))
                        self.assertTrue(close(row[p + "_sd"], got["sd"]), (row[p + "_sd"], got))
                        self.assertEqual(row[p + "_note"], "")
                        counts["shown"] += 1
                    else:
                        self.assertEqual((row[p + "_n"], row[p + "_mean"], row[p + "_sd"]), ("", "", ""))
                        note = self.expected_note(api, row["section"], row["code"], p)
                        if note:
                            self.assertEqual(row[p + "_note"], note)
                            counts["not-asked"] += 1
                        else:
                            self.assertIn(row[p + "_note"], ("too-few", "withheld"))
                            counts["hidden"] += 1
                if not want["shown"]:
                    self.assertEqual((row["score"], row["everyone_mean"], row["gap"]), ("", "", ""))
                    continue
                self.assertTrue(close(row["score"], want["headline"]))
                weighted = want["weighted"]
                if weighted:
                    self.assertEqual(int(row["everyone_n"]), weighted["n"])
                    self.assertTrue(close(row["everyone_mean"], weighted["mean"]))
                    self.assertTrue(close(row["everyone_sd"], weighted["sd"]))
                else:
                    self.assertEqual((row["everyone_n"], row["everyone_mean"]), ("", ""))
                    self.assertEqual(row["everyone_note"], "exposes-small-group")
                if want["gap"] is None:
                    self.assertEqual(row["gap"], "")
                else:
                    self.assertTrue(close(row["gap"], want["gap"]))
                self.assertEqual(row["band"], "" if want["band"] == "none" else want["band"])
                self.assertEqual(row["differ"], "1" if want["differ"] else "0")
                if row["section"] == "statement":
                    self.assertEqual(row["group"], statements()[row["code"]][0])
        # both sides of every rule are in the data
        self.assertGreater(counts["shown"], 100)
        self.assertGreater(counts["not-asked"], 0)
        self.assertGreater(counts["hidden"], 0)
        self.assertTrue(any(r["other_members"] for r in rows))

    def test_hidden_cells_as_on_the_pages(self):
        """Every column cell of the overview's elements and outcomes and of
        each element page says what the table says: the mean (one decimal)
        or the same reason."""
        c = self.login(MEMBER)
        rows = {(r["section"], r["code"]): r for r in self.table(c)}
        cols = [h[:-5] for h in next(iter(rows.values())) if h.endswith("_mean") and h != "everyone_mean"]
        seen = {"withheld": 0, "too-few": 0, "not-asked": 0}

        def compare(row, tds):
            for p, cell in zip(cols, tds[:len(cols)]):
                said = page_note(cell)
                if re.match(r"\d\.\d$", said):
                    self.assertEqual(row[p + "_note"], "")
                    # the table has two decimals, the page one
                    self.assertLessEqual(abs(float(row[p + "_mean"]) - float(said)), 0.055)
                else:
                    self.assertEqual(row[p + "_note"], said, (row["code"], p))
                    seen[said] += 1

        overview = c.get(self.path(ROUND, "results")).text
        for section, table_id in (("element", "elements"), ("outcome", "outcomes")):
            body = overview[overview.index('id="%s-caption"' % table_id):]
            body = body[:body.index("</table>")]
            trs = re.findall(r"<tr>(.*?)</tr>", body[body.index("<tbody>"):], flags=re.S)
            codes = [r[1] for r in rows if r[0] == section]
            self.assertEqual(len(trs), len(codes))
            for code, tr in zip(codes, trs):
                compare(rows[(section, code)], cells(tr))
        for e in qhelp.INSTRUMENT["elements"]:
            page = c.get(self.path(ROUND, "results/" + e["code"])).text
            body = page[page.index('id="element-caption"'):]
            body = body[body.index("<tbody>"):body.index("</table>")]
            trs = re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S)
            self.assertEqual(len(trs), 1 + len(e["items"]))
            compare(rows[("element", e["code"])], cells(trs[0]))
            for item, tr in zip(e["items"], trs[1:]):
                compare(rows[("statement", item["id"])], cells(tr))
        self.assertGreater(seen["withheld"], 0)
        self.assertGreater(seen["too-few"] + seen["not-asked"], 0)

    def test_xlsx_opens_in_libreoffice_with_the_same_figures(self):
        lo = shutil.which("libreoffice") or shutil.which("soffice")
        if not lo:
            self.skipTest("LibreOffice is not installed (Debian package libreoffice-calc-nogui)")
        c = self.login()
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "tables.xlsx")
            with open(path, "wb") as f:
                f.write(self.download(c, ROUND, "tables.xlsx").body)
            p = subprocess.run([lo, "--headless", "-env:UserInstallation=file://%s/profile" % d,
                                "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", d, path], capture_output=True, timeout=180)
            self.assertEqual(p.returncode, 0, p.stderr)
            with open(os.path.join(d, "tables.csv"), encoding="utf-8") as f:
                from_xlsx = list(csv.reader(f))
        from_csv = list(csv.reader(io.StringIO(self.download(c, ROUND, "tables.csv").text)))
        self.assertEqual(len(from_xlsx), len(from_csv))
        self.assertEqual(from_xlsx, from_csv)

    def test_api_json_and_files(self):
        c = self.login(MEMBER)
        r = c.get("/api/v1/rounds/%d/tables" % ROUND)
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.header("Content-Type").startswith("application/json"))
        data = json.loads(r.text)
        api = self.api(c)
        self.assertEqual(data["respondents"], api["respondents"])
        self.assertEqual([col["code"] for col in data["columns"]],
                         [p for p in PERSPECTIVES if api["perspectives"][p]["state"] == "shown"])
        by_code = {(row["section"], row["code"]): row for row in data["rows"]}
        for code, want in api["elements"].items():
            got = by_code[("element", code)]
            for p, cell in want["columns"].items():
                if cell is None:
                    self.assertIn("hidden", got["cells"][p])
                else:
                    self.assertEqual(got["cells"][p], cell)  # full precision, the same numbers
            self.assertEqual(got["score"], want["headline"])
        for fmt, name in (("csv", "tables.csv"), ("xlsx", "tables.xlsx")):
            r = c.get("/api/v1/rounds/%d/tables?format=%s" % (ROUND, fmt), headers={"Accept-Language": "nl"})
            self.assertEqual(r.status, 200, r)
            if fmt == "csv":
                self.assertEqual(r.text, self.download(c, ROUND, name).text)
            else:
                self.assertEqual(r.body[:2], b"PK")
        r = c.get("/api/v1/rounds/%d/tables?format=pdf" % ROUND)
        self.assertEqual(r.status, 400)
        self.assertIn("format", json.loads(r.text)["error"])
        r = self.login(PETRA).get("/api/v1/rounds/%d/tables" % ROUND)
        self.assertEqual(r.status, 404)

    def test_cli_writes_the_same_table(self):
        c = self.login()
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "t.csv")
            res = run_cli(["report", "tables", "--db", self.server.db, "--round", str(ROUND), "--format", "csv", out])
            self.assertEqual(res.returncode, 0, res)
            with open(out, encoding="utf-8", newline="") as f:
                self.assertEqual(f.read(), self.download(c, ROUND, "tables.csv").text)
            res = run_cli(["report", "tables", "--db", self.server.db, "--round", str(ROUND), "--format", "xlsx",
                           os.path.join(d, "t.xlsx")])
            self.assertEqual(res.returncode, 0, res)
            with open(os.path.join(d, "t.xlsx"), "rb") as f:
                self.assertEqual(f.read(2), b"PK")
        for rid, why in ((self.open, "not closed"), (self.below, "fewer than 5")):
            res = run_cli(["report", "tables", "--db", self.server.db, "--round", str(rid), "-"])
            self.assertEqual(res.returncode, 1, res)
            self.assertEqual(res.stdout, "")
            self.assertIn(why, res.stderr)
        res = run_cli(["report", "tables", "--db", self.server.db, "--round", str(ROUND), "--format", "pdf", "-"])
        self.assertEqual(res.returncode, 2)
        res = run_cli(["report", "tables", "--help"])
        self.assertEqual(res.returncode, 0)
        self.assertIn("--format", res.stdout)

    # ---- what gives nothing ----

    def test_open_round_gives_nothing(self):
        c = self.login()
        for name in ("tables.csv", "tables.xlsx"):
            r = c.get(self.path(self.open, name))
            self.assertEqual(r.status, 403, r)
            self.assertIn("pas als ze gesloten is", r.text)
            self.assertNotIn("LOS", r.text)
        r = c.get("/api/v1/rounds/%d/tables" % self.open)
        self.assertEqual(r.status, 403)
        self.assertIn("closed", json.loads(r.text)["error"])
        round_page = "/pw/%s/rounds/%d"
        self.assertNotIn('id="tables"', c.get(round_page % (GERIATRIE, self.open)).text)
        self.assertIn('id="tables"', c.get(round_page % (GERIATRIE, ROUND)).text)

    def test_below_k_gives_nothing(self):
        c = self.login()
        for name in ("tables.csv", "tables.xlsx"):
            r = c.get(self.path(self.below, name))
            self.assertEqual(r.status, 403, r)
            self.assertIn("minder dan 5", r.text)
        for fmt in ("json", "csv"):
            r = c.get("/api/v1/rounds/%d/tables?format=%s" % (self.below, fmt))
            self.assertEqual(r.status, 403)
            self.assertIn("fewer than 5", json.loads(r.text)["error"])

    def test_access(self):
        outsider = self.login(PETRA)
        for name in ("tables.csv", "tables.xlsx"):
            self.assertEqual(outsider.get(self.path(ROUND, name)).status, 404)
            r = self.client().get(self.path(ROUND, name))
            self.assertEqual(r.status, 303)
            self.assertTrue(r.location.startswith("/login"))

    def test_formulas_are_neutralised(self):
        c = self.login()
        text = self.download(c, self.formula, "tables.csv").text
        rows = list(csv.DictReader(io.StringIO(text)))
        self.assertEqual(rows[0]["label"], "'=HYPERLINK(\"http://x.example\";\"LOS\")")
        self.assertEqual(next(r for r in rows if r["code"] == "LOS1")["label"], "'+1+1 leren")
        self.assertTrue(any(r["label"] == "'@SUM(A1) kennis" for r in rows))
        for line in text.splitlines():
            for field in next(csv.reader([line])):
                self.assertFalse(field[:1] in ("=", "+", "@") or field.startswith("-") and not
                                 re.match(r"-?\d", field), field)
        with zipfile.ZipFile(io.BytesIO(self.download(c, self.formula, "tables.xlsx").body)) as z:
            strings = z.read("xl/sharedStrings.xml").decode()
            sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        self.assertIn("'=HYPERLINK", strings)
        self.assertIn("'+1+1 leren", strings)
        self.assertIn("'=cmd|", strings)  # the round's title, on the about sheet
        self.assertFalse(re.search(r"<t[^>]*>[=+@]", strings))
        for s in sheets:
            self.assertNotIn("<f>", s)
        # JSON is no spreadsheet: the words stay as written
        data = json.loads(c.get("/api/v1/rounds/%d/tables" % self.formula, headers={"Accept-Language": "nl"}).text)
        self.assertTrue(data["rows"][0]["label"].startswith("=HYPERLINK"))


if __name__ == "__main__":
    unittest.main()
