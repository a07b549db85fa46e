"""test_audit_log.py - issue 17: the audit log in the page's language, with
plurals, and times in the site's time zone (`serve --time-zone`, default
Europe/Amsterdam), on /pw/{slug}/audit and /admin/audit. Entries are stored
as the server stores them (an English action code and a detail such as
"round 12: 3"); the expected times are computed here with zoneinfo from the
stored UTC seconds."""

import datetime
import glob
import os
import re
import tempfile
import unittest
import zoneinfo

import harness
import qhelp
from harness import COORDINATOR, GERIATRIE, VLONDER, YOUSSEF, ServerTestCase, run_cli
from test_manage import text_of

MONTHS = {"nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
                 "oktober", "november", "december"],
          "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December"]}

WINTER = int(datetime.datetime(2026, 12, 6, 13, 5, tzinfo=datetime.timezone.utc).timestamp())
SUMMER = int(datetime.datetime(2026, 7, 1, 12, 0, tzinfo=datetime.timezone.utc).timestamp())
# (at, action code, detail) as the server stores them
ENTRIES = [
    (WINTER, "invitations created", "round 12: 1"),
    (SUMMER, "invitations created", "round 12: 2"),
    (WINTER + 60, "reminders", "round 12: 1"),
    (WINTER + 120, "reminders", "round 12: 4"),
    (WINTER + 180, "responses imported", "round 12: 1"),
    (WINTER + 240, "responses imported", "round 12: 3"),
    (WINTER + 300, "round closed", "round 12"),
    (WINTER + 360, "api token created", "laptop"),
]


def shown(t, zone, lang):
    """A time as the pages show it: "6 december 2026 14:05"."""
    d = datetime.datetime.fromtimestamp(t, zoneinfo.ZoneInfo(zone))
    return "%d %s %d %02d:%02d" % (d.day, MONTHS[lang][d.month - 1], d.year, d.hour, d.minute)


def add_entries(server):
    db = qhelp.db(server)
    try:
        wid = db.execute("SELECT id FROM workplaces WHERE slug = ?", (GERIATRIE,)).fetchone()[0]
        pid = db.execute("SELECT id FROM people WHERE email = ?", (COORDINATOR,)).fetchone()[0]
        for at, what, detail in ENTRIES:
            db.execute("INSERT INTO audit_log (at, person_id, workplace_id, action, detail) VALUES (?, ?, ?, ?, ?)",
                       (at, pid, wid, what, detail))
        # one entry in the log of another workplace
        other = db.execute("SELECT id FROM workplaces WHERE slug = ?", (VLONDER,)).fetchone()[0]
        db.execute("INSERT INTO audit_log (at, person_id, workplace_id, action, detail) VALUES (?, ?, ?, ?, ?)",
                   (WINTER, pid, other, "round closed", "round 3"))
    finally:
        db.close()


class AuditLogBase(ServerTestCase):
    zone = "Europe/Amsterdam"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        add_entries(cls.server)

    def get(self, lang, path):
        c = self.client(accept_language=lang)
        c.login_ok(harness.ADMIN if path.startswith("/admin/") else YOUSSEF if VLONDER in path else COORDINATOR)
        r = c.get(path)
        self.assertEqual(r.status, 200, r)
        return r

    def page(self, lang, path="/pw/%s/audit" % GERIATRIE):
        """The visible text of a log page."""
        return text_of(self.get(lang, path))

    def rows(self, lang, path="/pw/%s/audit" % GERIATRIE):
        """The rows of a log page's table: (when, who, what, details)."""
        return [tuple(text_of(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S))
                for row in re.findall(r"<tr>(.*?)</tr>", self.get(lang, path).text, re.S)]


class AuditLogTest(AuditLogBase):

    def test_dutch_with_plurals(self):
        t = self.page("nl")
        for text in ("1 uitnodiging aangemaakt", "2 uitnodigingen aangemaakt", "1 herinnering verstuurd",
                     "4 herinneringen verstuurd", "1 ingevulde vragenlijst geïmporteerd",
                     "3 ingevulde vragenlijsten geïmporteerd", "meting gesloten", "API-token aangemaakt",
                     "meting 12", "Tijden in Europe/Amsterdam"):
            self.assertIn(text, t)
        for english in ("invitations created", "reminders", "responses imported", "round closed", "round 12",
                        "UTC"):
            self.assertNotIn(english, t)

    def test_english_with_plurals(self):
        t = self.page("en")
        for text in ("1 invitation created", "2 invitations created", "1 reminder sent", "4 reminders sent",
                     "1 response imported", "3 responses imported", "round closed", "API token created",
                     "round 12", "Times in Europe/Amsterdam"):
            self.assertIn(text, t)
        self.assertNotIn("uitnodiging", t)

    def test_times_in_amsterdam_summer_and_winter(self):
        rows = self.rows("nl")
        self.assertIn((shown(WINTER, self.zone, "nl"), "Anouk de Vries", "1 uitnodiging aangemaakt", "meting 12"),
                      rows)
        self.assertIn((shown(SUMMER, self.zone, "nl"), "Anouk de Vries", "2 uitnodigingen aangemaakt", "meting 12"),
                      rows)
        self.assertEqual(shown(WINTER, self.zone, "nl"), "6 december 2026 14:05")  # CET, UTC+1
        self.assertEqual(shown(SUMMER, self.zone, "nl"), "1 juli 2026 14:00")  # CEST, UTC+2
        self.assertIn("6 December 2026 14:05", self.page("en"))

    def test_one_entry(self):
        self.assertIn("1 vermelding. Tijden in Europe/Amsterdam.", self.page("nl", "/pw/%s/audit" % VLONDER))
        self.assertIn("1 entry. Times in Europe/Amsterdam.", self.page("en", "/pw/%s/audit" % VLONDER))
        self.assertRegex(self.page("nl"), r"\b\d+ vermeldingen, nieuwste eerst\.")

    def test_the_site_log_too(self):
        t = self.page("nl", "/admin/audit")
        self.assertIn("2 uitnodigingen aangemaakt", t)
        self.assertIn("6 december 2026 14:05", t)

    def test_an_entry_the_server_writes(self):
        c = self.client()
        c.login_ok(COORDINATOR)
        path = "/pw/%s/characteristics" % GERIATRIE
        r = c.submit(path, path, dict({"c%d" % i: "" for i in range(1, 10)}, c1="met"))
        self.assertEqual(r.status, 303, r)
        at = int(self.server.sql("SELECT max(at) FROM audit_log WHERE action = 'characteristics updated'")[0][0])
        self.assertIn((shown(at, self.zone, "nl"), "Anouk de Vries", "kenmerken beoordeeld"),
                      [row[:3] for row in self.rows("nl")])

    def test_every_code_the_program_writes_is_in_the_table(self):
        """Each action code in a store_audit or wp_audit call of the sources
        has its Dutch and English text in src/web/audit_log.c."""
        with open(os.path.join(harness.REPO, "src", "web", "audit_log.c"), encoding="utf-8") as f:
            table = f.read()
        codes = set()
        for path in glob.glob(os.path.join(harness.REPO, "src", "**", "*.c"), recursive=True):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            codes |= set(re.findall(r'(?:store_audit\([^;()"]*?,\s*|wp_audit\(r, )"([^"]+)"', text))
        self.assertGreater(len(codes), 25)
        missing = [c for c in sorted(codes) if not re.search(r'\{"%s", "[^"]+", "[^"]+"\}' % re.escape(c), table)]
        self.assertEqual(missing, [])


class AuditLogUtcTest(AuditLogBase):
    zone = "UTC"
    serve_args = ("--time-zone", "UTC")

    def test_times_in_utc(self):
        t = self.page("nl")
        self.assertIn("6 december 2026 13:05", t)
        self.assertIn("1 juli 2026 12:00", t)
        self.assertIn("Tijden in UTC", t)


class TimeZoneOptionTest(unittest.TestCase):

    def test_an_unknown_zone_is_refused(self):
        with tempfile.TemporaryDirectory() as d:
            for zone in ("Mars/Olympus", "Europe/Amsterdan", "../../etc/passwd", "/usr/share/zoneinfo/UTC",
                         "", "CET-1CEST", "Europe"):
                with self.subTest(zone=zone):
                    res = run_cli(["serve", "--db", os.path.join(d, "x.db"), "--listen", "127.0.0.1:1",
                                   "--time-zone", zone])
                    self.assertEqual(res.returncode, 2, res)
                    self.assertIn("--time-zone", res.stderr)
                    self.assertIn("Europe/Amsterdam", res.stderr)
            self.assertFalse(os.path.exists(os.path.join(d, "x.db")))


if __name__ == "__main__":
    unittest.main()
