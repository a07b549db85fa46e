"""Many institutions on one store (issue 23).

The demo's store holds one institution (1, which owns the demo); the
command line adds a second, Hogeschool B, and B takes over one demo
workplace (wijkleerbedrijf-oost, with its rounds, answers and its
coordinator Petra), so that both institutions have workplaces, accounts
and figures. Each institution's administrator and programme lead then see
only their own, through the pages and the API, and a direct address of the
other institution's workplace or round answers exactly as one that does
not exist.

On PostgreSQL the store belongs to a role that is not a superuser, so the
server itself runs under row-level security, and a psql session as that
role, set to institution 1, reads none of B's rows; with the policy of a
table dropped (in a transaction that is rolled back) the same read finds
them, so the check can fail."""
import json
import re
import subprocess
import unittest

import harness
import htmlcheck
import qhelp
from harness import ADMIN, DEMO_PASSWORD, OOST, GERIATRIE, PETRA, PROGRAMME_LEAD, Server, run_cli

B_ADMIN = "beheer@hogeschool-b.example.org"


def make_store():
    """A demo store (on PostgreSQL owned by the application's role)."""
    if harness.PG:
        return harness.pg_new_database(owner=harness.RLS_ROLE)
    return None


class InstitutionsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(db=make_store())
        try:
            res = run_cli(["institution", "add", "--db", cls.server.db, "--slug", "hogeschool-b",
                           "--name", "Hogeschool B", "--admin-email", B_ADMIN.upper(),
                           "--admin-name", "Beheer B"])
            assert res.returncode == 0, res
            cls.b_password = re.search(r"Password:\s+(\S+)", res.stdout).group(1)
            # B takes over one workplace of the demo, with its coordinator
            db = qhelp.db(cls.server)
            try:
                db.execute("UPDATE workplaces SET institution_id = 2 WHERE slug = ?", (OOST,))
                db.execute("UPDATE accounts SET institution_id = 2 WHERE person_id ="
                           " (SELECT id FROM people WHERE email = ?)", (PETRA,))
            finally:
                db.close()
            cls.server.start()
        except BaseException:
            cls.server.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            cls.server.stop()
        finally:
            cls.server.cleanup()

    def as_user(self, email, password=DEMO_PASSWORD):
        c = self.server.client()
        c.login_ok(email, password)
        return c

    def b_admin(self):
        return self.as_user(B_ADMIN, self.b_password)

    def one(self, query, *args):
        rows = self.server.sql(query % args)
        return str(rows[0][0]) if rows else None

    def assertSameAnswer(self, other, none, other_key, none_key):
        """Two answers alike but for the address asked and the request id."""
        def plain(resp, key):
            text = re.sub(r'"request_id":"[0-9a-f]+"', "", resp.text)
            return resp.status, re.sub(r"[0-9a-f]{16}", "ID", text.replace(key, "KEY"))
        self.assertEqual(plain(other, other_key), plain(none, none_key))

    def oost_round(self):
        """The round of wijkleerbedrijf-oost with the most submitted answers."""
        return int(self.one("SELECT r.id FROM rounds r JOIN workplaces w ON w.id = r.workplace_id"
                            " WHERE w.slug = '%s' ORDER BY (SELECT COUNT(*) FROM responses x"
                            " WHERE x.round_id = r.id AND x.submitted = 1) DESC, r.id LIMIT 1", OOST))

    # ---- the command line ----

    def test_the_command_line_lists_both_institutions(self):
        res = run_cli(["institution", "list", "--db", self.server.db])
        self.assertEqual(res.returncode, 0, res)
        lines = [ln.split("\t") for ln in res.stdout.splitlines()]
        self.assertEqual(lines[0], ["id", "slug", "workplaces", "accounts", "name"])
        by_slug = {ln[1]: ln for ln in lines[1:]}
        self.assertEqual(by_slug["default"][0], "1")
        self.assertEqual(by_slug["hogeschool-b"][0], "2")
        # B: oost (one of the demo's five workplaces); its administrator and Petra
        total_wp = int(self.one("SELECT COUNT(*) FROM workplaces"))
        self.assertGreaterEqual(int(by_slug["hogeschool-b"][2]), 1)
        self.assertEqual(int(by_slug["default"][2]) + int(by_slug["hogeschool-b"][2]), total_wp)
        self.assertEqual(self.one("SELECT institution_id FROM accounts a JOIN people p ON p.id = a.person_id"
                                  " WHERE p.email = '%s'", B_ADMIN), "2")

    def test_the_command_line_refuses_a_taken_slug_and_bad_options(self):
        res = run_cli(["institution", "add", "--db", self.server.db, "--slug", "hogeschool-b",
                       "--name", "Again", "--admin-email", "x@example.org"])
        self.assertEqual(res.returncode, 1, res)
        self.assertIn("taken", res.stderr)
        res = run_cli(["institution", "add", "--db", self.server.db, "--slug", "Bad Slug",
                       "--name", "X", "--admin-email", "x@example.org"])
        self.assertEqual(res.returncode, 2, res)
        res = run_cli(["institution", "add", "--db", self.server.db, "--slug", "c", "--name", "C"])
        self.assertEqual(res.returncode, 2, res)
        self.assertIn("--admin-email", res.stderr)
        self.assertEqual(self.one("SELECT COUNT(*) FROM institutions"), "2")

    # ---- workplaces ----

    def test_each_administrator_sees_only_its_workplaces(self):
        a, b = self.server.client(), self.b_admin()
        a.login_ok(ADMIN)
        pa, pb = a.get("/overview"), b.get("/overview")
        self.assertEqual((pa.status, pb.status), (200, 200))
        self.assertIn("/pw/%s" % GERIATRIE, pa.text)
        self.assertNotIn("/pw/%s" % OOST, pa.text)
        self.assertIn("/pw/%s" % OOST, pb.text)
        self.assertNotIn("/pw/%s" % GERIATRIE, pb.text)
        # the API says the same
        ja = json.loads(a.get("/api/v1/workplaces").text)
        jb = json.loads(b.get("/api/v1/workplaces").text)
        slugs_a = {w["slug"] for w in ja["items"]}
        slugs_b = {w["slug"] for w in jb["items"]}
        by_institution = {}
        for slug, inst in self.server.sql("SELECT slug, institution_id FROM workplaces"):
            by_institution.setdefault(str(inst), set()).add(slug)
        self.assertEqual(slugs_a, by_institution["1"])
        self.assertEqual(slugs_b, by_institution["2"])
        self.assertIn(OOST, slugs_b)
        self.assertEqual(ja["total"] + jb["total"], len(self.server.sql("SELECT id FROM workplaces")))

    def test_another_institutions_workplace_answers_as_one_that_does_not_exist(self):
        a = self.as_user(ADMIN)
        for path in ("/pw/%s", "/pw/%s/rounds", "/api/v1/workplaces/%s", "/api/v1/workplaces/%s/rounds"):
            other, none = a.get(path % OOST), a.get(path % "geen-werkplaats-zo")
            self.assertEqual(other.status, 404, path)
            self.assertSameAnswer(other, none, OOST, "geen-werkplaats-zo")
        b = self.b_admin()
        self.assertEqual(b.get("/pw/%s" % OOST).status, 200)
        other, none = b.get("/pw/%s" % GERIATRIE), b.get("/pw/geen-werkplaats-zo")
        self.assertSameAnswer(other, none, GERIATRIE, "geen-werkplaats-zo")
        self.assertEqual(other.status, 404)

    def test_figures_stay_inside_their_institution(self):
        rid = self.oost_round()
        b = self.b_admin()
        self.assertEqual(b.get("/api/v1/rounds/%d/results" % rid).status, 200)
        a = self.as_user(ADMIN)
        other, none = a.get("/api/v1/rounds/%d/results" % rid), a.get("/api/v1/rounds/999999999/results")
        self.assertEqual(other.status, 404)
        self.assertSameAnswer(other, none, str(rid), "999999999")
        # and the other way round: a round of the first institution
        gid = int(self.one("SELECT r.id FROM rounds r JOIN workplaces w ON w.id = r.workplace_id"
                           " WHERE w.slug = '%s' ORDER BY r.id LIMIT 1", GERIATRIE))
        self.assertEqual(b.get("/api/v1/rounds/%d/results" % gid).status, 404)
        self.assertEqual(a.get("/api/v1/rounds/%d/results" % gid).status, 200)

    def test_the_coordinator_and_the_programme_lead_keep_to_their_institution(self):
        petra = self.as_user(PETRA)
        self.assertEqual(petra.get("/pw/%s" % OOST).status, 200)
        self.assertIn("/pw/%s" % OOST, petra.get("/").text)
        lead = self.as_user(PROGRAMME_LEAD)
        page = lead.get("/overview")
        self.assertEqual(page.status, 200)
        self.assertIn("/pw/%s" % GERIATRIE, page.text)
        self.assertNotIn("/pw/%s" % OOST, page.text)
        self.assertEqual(lead.get("/pw/%s" % OOST).status, 404)

    def test_a_new_workplace_belongs_to_its_administrators_institution(self):
        b = self.b_admin()
        r = b.submit("/overview", "/admin/workplaces", {"wp_name": "Praktijkhuis B", "wp_slug": "praktijkhuis-b"})
        self.assertEqual(r.status, 200, r)
        self.assertIn("/pw/praktijkhuis-b", r.text)
        self.assertEqual(self.one("SELECT institution_id FROM workplaces WHERE slug = 'praktijkhuis-b'"), "2")
        a = self.as_user(ADMIN)
        self.assertEqual(a.get("/pw/praktijkhuis-b").status, 404)
        self.assertNotIn("praktijkhuis-b", a.get("/overview").text)

    def test_a_questionnaire_link_works_for_someone_signed_in_elsewhere(self):
        # a round of institution 1, answered through its open link by B's
        # administrator while signed in: a link finds its round whatever
        # the institution (the committer included)
        from test_open_link import send_all
        rid, token = qhelp.new_round(self.server, GERIATRIE, title="Across institutions")
        b = self.b_admin()
        own = qhelp.start_open(b, token)
        r = send_all(b, own)
        self.assertEqual(r.status, 303, r)
        self.assertEqual(self.one("SELECT COUNT(*) FROM responses WHERE round_id = %d AND submitted = 1", rid), "1")
        # and the round itself stays out of B's sight
        self.assertEqual(b.get("/api/v1/rounds/%d" % rid).status, 404)

    # ---- accounts ----

    def test_each_administrator_sees_only_its_accounts(self):
        a, b = self.as_user(ADMIN), self.b_admin()
        pa, pb = a.get("/admin"), b.get("/admin")
        self.assertEqual((pa.status, pb.status), (200, 200))
        self.assertIn(ADMIN, pa.text)
        self.assertNotIn(B_ADMIN, pa.text)
        self.assertNotIn(PETRA, pa.text)
        self.assertIn(B_ADMIN, pb.text)
        self.assertIn(PETRA, pb.text)
        self.assertNotIn(ADMIN, pb.text)
        self.assertNotIn(PROGRAMME_LEAD, pb.text)

    def test_an_account_made_by_b_belongs_to_b_and_a_is_out_of_reach(self):
        b = self.b_admin()
        r = b.submit("/admin", "/admin/accounts", {"name": "Docent B", "email": "docent@hogeschool-b.example.org"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.one("SELECT a.institution_id FROM accounts a JOIN people p ON p.id = a.person_id"
                                  " WHERE p.email = 'docent@hogeschool-b.example.org'"), "2")
        admin_id = int(self.one("SELECT id FROM people WHERE email = '%s'", ADMIN))
        hash_before = self.one("SELECT COALESCE(password_hash, '') FROM accounts WHERE person_id = %d", admin_id)
        r = b.submit("/admin", "/admin/accounts/%d/reset" % admin_id, {})
        self.assertEqual(r.status, 404, r)
        self.assertEqual(self.one("SELECT COALESCE(password_hash, '') FROM accounts WHERE person_id = %d",
                                  admin_id), hash_before)

    def test_the_sites_own_settings_are_for_the_first_institution(self):
        a, b = self.as_user(ADMIN), self.b_admin()
        for path in ("/admin/mail", "/admin/privacy", "/admin/people", "/admin/sign-in", "/admin/audit",
                     "/admin/look"):
            self.assertEqual(a.get(path).status, 200, path)
            self.assertEqual(b.get(path).status, 404, path)
        self.assertNotIn('href="/admin/mail"', b.get("/admin").text)
        self.assertIn('href="/admin/mail"', a.get("/admin").text)


def type7(sorted_values, p):
    """Hyndman & Fan type 7 as src/domain/benchmark.h defines it."""
    h = (len(sorted_values) - 1) * p
    lo = int(h)
    if lo >= len(sorted_values) - 1:
        return sorted_values[-1]
    return sorted_values[lo] + (h - lo) * (sorted_values[lo + 1] - sorted_values[lo])


class BenchmarkAgreementTest(unittest.TestCase):
    """The demo's five workplaces all have results that meet k. Split into
    institution 1 (four of them) and B (wijkleerbedrijf-oost), neither has
    a benchmark on its own (fewer than five workplaces: 4 and 1); with one
    side's consent still none; once both agreed, each workplace is
    compared with the other four again, with quartiles that Python works
    out from the five workplaces' own scores; a withdrawal ends it."""

    @classmethod
    def setUpClass(cls):
        InstitutionsTest.setUpClass.__func__(cls)

    @classmethod
    def tearDownClass(cls):
        InstitutionsTest.tearDownClass.__func__(cls)

    as_user = InstitutionsTest.as_user
    b_admin = InstitutionsTest.b_admin

    def hidden_count(self, client, slug):
        """The number of workplaces with results the hidden benchmark names, or None when it shows."""
        page = client.get("/pw/%s" % slug)
        self.assertEqual(page.status, 200)
        m = re.search(r'id="benchmark-hidden">[^<]*\(nu (\d+)\)', page.text)
        return int(m.group(1)) if m else None

    def table(self, client, slug):
        """{element: [this workplace, min, Q1, median, Q3, max]} of the benchmark shown."""
        page = client.get("/pw/%s" % slug).text
        m = re.search(r'<table id="benchmark-table".*?</table>', page, re.S)
        self.assertIsNotNone(m, slug)
        self.assertIn("tussen 4 andere werkplaatsen", m.group(0))
        out = {}
        for element, row in re.findall(r'<tr data-element="(\w+)">(.*?)</tr>', m.group(0), re.S):
            out[element] = [float(x) for x in re.findall(r'<td class="num">(\d\.\d)</td>', row)]
        return out

    def agree(self, client, yes):
        r = client.submit("/admin/benchmarks", "/admin/benchmarks",
                          {"institution": "2" if client is not self.b else "1", "agree": "yes" if yes else "no"})
        self.assertEqual(r.status, 303, r)

    def test_only_both_agreeing_compares_and_k_still_holds(self):
        a, self.b = self.as_user(ADMIN), self.b_admin()
        self.assertEqual(self.hidden_count(a, GERIATRIE), 4)
        self.assertEqual(self.hidden_count(self.b, OOST), 1)
        self.agree(a, True)
        self.assertEqual(self.hidden_count(a, GERIATRIE), 4)  # B has not agreed
        self.assertEqual(self.hidden_count(self.b, OOST), 1)
        page = self.b.get("/admin/benchmarks").text
        row = re.search(r'<tr data-institution="default">(.*?)</tr>', page, re.S).group(1)
        self.assertEqual(re.findall(r"<td>(ja|nee)</td>", row), ["nee", "ja", "nee"])  # we, they, compared
        self.agree(self.b, True)
        ger, oost = self.table(a, GERIATRIE), self.table(self.b, OOST)
        # every workplace's own score, from its own page (read by its own institution)
        own = {GERIATRIE: {e: v[0] for e, v in ger.items()}, OOST: {e: v[0] for e, v in oost.items()}}
        slugs = [s for s, i in self.server_rows("SELECT slug, institution_id FROM workplaces") if i == "1"]
        for slug in slugs:
            if slug != GERIATRIE:
                own[slug] = {e: v[0] for e, v in self.table(a, slug).items()}
        self.assertEqual(len(own), 5)
        for slug, shown in ((GERIATRIE, ger), (OOST, oost)):
            for element, nums in shown.items():
                others = sorted(own[s][element] for s in own if s != slug)
                q = [type7(others, p) for p in (0.25, 0.5, 0.75)]
                # shown with one decimal as printf rounds the double (3.25 is 3.2499... and shows 3.2)
                want = [own[slug][element], others[0]] + [float("%.1f" % x) for x in q] + [others[-1]]
                self.assertEqual(nums, want, (slug, element, others))
        # one side withdraws: back to four and one
        self.agree(self.b, False)
        self.assertEqual(self.hidden_count(a, GERIATRIE), 4)
        self.assertEqual(self.hidden_count(self.b, OOST), 1)
        actions = [r[0] for r in self.server_rows("SELECT action FROM audit_log WHERE action LIKE 'benchmark%' ORDER BY id")]
        self.assertEqual(actions, ["benchmark agreed", "benchmark agreed", "benchmark withdrawn"])

    def test_the_page_is_valid_html_in_both_languages(self):
        a = self.as_user(ADMIN)
        self.assertIn('href="/admin/benchmarks"', a.get("/admin").text)
        for lang in ("nl", "en"):
            c = self.server.client(accept_language=lang)
            c.login_ok(ADMIN)
            page = c.get("/admin/benchmarks")
            self.assertEqual(page.status, 200)
            self.assertIn("Hogeschool B", page.text)
            self.assertIn("Vergelijken met andere instellingen" if lang == "nl" else "Comparing with other institutions",
                          page.text)
            if htmlcheck.available() is None:  # the validators are installed
                self.assertEqual(htmlcheck.problems(page.text), [], lang)

    def server_rows(self, query):
        return [[str(c) for c in r] for r in self.server.sql(query)]

    def test_an_unknown_or_own_institution_is_refused(self):
        a = self.as_user(ADMIN)
        for fields, status in (({"institution": "1", "agree": "yes"}, 404),
                               ({"institution": "99", "agree": "yes"}, 404),
                               ({"institution": "2", "agree": "perhaps"}, 400),
                               ({"agree": "yes"}, 400)):
            r = a.submit("/admin/benchmarks", "/admin/benchmarks", fields)
            self.assertEqual(r.status, status, fields)
        self.assertEqual(self.server_rows("SELECT COUNT(*) FROM benchmark_agreements"), [["0"]])


@unittest.skipUnless(harness.PG, "row-level security is PostgreSQL's: on SQLite a site is one institution")
class RowLevelSecurityTest(unittest.TestCase):
    """A psql session as the application's role reads across institutions."""

    # table -> the rows of institution 2 (B), by what ties them to a workplace
    B_ROWS = {
        "workplaces": "SELECT COUNT(*) FROM workplaces WHERE institution_id = 2",
        "accounts": "SELECT COUNT(*) FROM accounts WHERE institution_id = 2",
        "rounds": "SELECT COUNT(*) FROM rounds WHERE workplace_id = %(wp)d",
        "responses": "SELECT COUNT(*) FROM responses WHERE round_id IN (%(rounds)s)",
        "comments": "SELECT COUNT(*) FROM comments WHERE response_id IN (%(responses)s)",
        "actions": "SELECT COUNT(*) FROM actions WHERE workplace_id = %(wp)d",
    }

    @classmethod
    def setUpClass(cls):
        cls.url = harness.pg_new_database(owner=harness.RLS_ROLE)
        res = run_cli(["demo", "--db", cls.url])
        assert res.returncode == 0, res
        res = run_cli(["institution", "add", "--db", cls.url, "--slug", "hogeschool-b", "--name", "B",
                       "--admin-email", B_ADMIN])
        assert res.returncode == 0, res
        harness.psql(cls.url, "UPDATE workplaces SET institution_id = 2 WHERE slug = '%s'" % OOST)
        cls.wp = int(harness.psql(cls.url, "SELECT id FROM workplaces WHERE slug = '%s'" % OOST)[0][0])
        ids = lambda q: ",".join(r[0] for r in harness.psql(cls.url, q)) or "0"
        cls.keys = {"wp": cls.wp}
        cls.keys["rounds"] = ids("SELECT id FROM rounds WHERE workplace_id = %d" % cls.wp)
        cls.keys["responses"] = ids("SELECT id FROM responses WHERE round_id IN (%s)" % cls.keys["rounds"])
        # what B holds, read network-wide (the URL's setting is 'all'); every
        # table holds some of B's rows, or reading none of them would prove nothing
        cls.held = {t: cls.count(q % cls.keys, "all") for t, q in cls.B_ROWS.items()}

    @classmethod
    def tearDownClass(cls):
        harness.pg_drop_database(cls.url)

    @classmethod
    def count(cls, query, institution, before=""):
        """COUNT(*) in one transaction as the application's role, with
        werkplaats.institution set (None: the setting empty)."""
        setting = "" if institution is None else institution
        script = ("BEGIN;\n%s\nSET LOCAL werkplaats.institution = '%s';\n%s;\nROLLBACK;\n"
                  % (before, setting, query))
        p = subprocess.run([harness.psql_bin(), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", cls.url],
                           input=script.encode(), capture_output=True, timeout=60)
        if p.returncode != 0:
            raise AssertionError("psql failed: %s\n%s" % (p.stderr.decode(), script))
        return int(p.stdout.decode().split()[0])

    def test_the_role_is_held_by_row_level_security(self):
        rows = harness.psql(self.url, "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
        self.assertEqual(rows, [["f", "f"]])

    def test_b_has_rows_in_every_table(self):
        for table, n in self.held.items():
            self.assertGreater(n, 0, table)
        self.assertEqual(self.held["workplaces"], 1)

    def test_institution_1_reads_none_of_bs_rows(self):
        for table, query in self.B_ROWS.items():
            self.assertEqual(self.count(query % self.keys, "1"), 0, table)
            # and B itself reads them all
            self.assertEqual(self.count(query % self.keys, "2"), self.held[table], table)

    def test_without_a_setting_nothing_is_read(self):
        for table in ("workplaces", "accounts", "rounds", "responses", "comments"):
            self.assertEqual(self.count("SELECT COUNT(*) FROM %s" % table, None), 0, table)

    def test_the_check_fails_when_the_policy_is_dropped(self):
        for table, query in self.B_ROWS.items():
            drop = ("DROP POLICY institution ON %s; ALTER TABLE %s DISABLE ROW LEVEL SECURITY;"
                    % (table, table))
            self.assertEqual(self.count(query % self.keys, "1", before=drop), self.held[table], table)
        # rolled back: the policies are all still there
        rows = harness.psql(self.url, "SELECT tablename FROM pg_policies WHERE policyname = 'institution'"
                                      " ORDER BY tablename")
        self.assertEqual([r[0] for r in rows],
                         ["accounts", "actions", "comments", "invitations", "memberships", "outcomes",
                          "own_answers", "own_statements", "paper_entries", "realist_notes",
                          "response_triggers", "responses", "round_snapshots", "rounds", "workplaces"])


if __name__ == "__main__":
    unittest.main()
