"""A person's data (issue 18, docs/privacy.md): /admin/people finds
everything stored about an e-mail address, exports it as JSON and deletes
it in one go; `werkplaats person show|delete` does the same. Answers are
anonymous and stay. What each section must hold is read here from the
database with our own queries, not from the server."""

import json
import unittest
import urllib.parse

import harness
import qhelp
from harness import ADMIN, GERIATRIE, MEMBER, VLONDER, ServerTestCase, run_cli

TARGET = MEMBER  # lid@: member of geriatrie only


class PersonData(ServerTestCase):

    def rows(self, sql, *args):
        c = qhelp.db(self.server)
        out = c.execute(sql, args).fetchall()
        c.close()
        return out

    def footprint(self):
        """Leave traces of TARGET: a session, an API token, a round
        invitation, an invitation to join another workplace."""
        me = self.client()
        me.login_ok(TARGET)
        page = me.get("/account")
        r = me.post("/account/tokens", {"csrf": harness.csrf_from(page), "token_name": "mijn script"})
        self.assertEqual(r.status, 200, r)
        qhelp.invite(self.server, 2, TARGET, "student", "P" * 22)
        admin = self.admin()
        r = admin.submit("/pw/%s/members" % VLONDER, "/pw/%s/members/invite" % VLONDER,
                         {"email": TARGET, "role": "member"})
        self.assertEqual(r.status, 200, r)
        return me, admin

    def test_find_export_delete(self):
        me, admin = self.footprint()
        q = urllib.parse.quote(TARGET)
        page = admin.get("/admin/people?email=%s" % q)
        self.assertEqual(page.status, 200, page)
        body = page.body.decode()
        self.assertIn("anoniem", body)
        pid = self.rows("SELECT id FROM people WHERE email = ?", TARGET)[0][0]
        want = {
            "memberships": self.rows("SELECT count(*) FROM memberships WHERE person_id = ?", pid)[0][0],
            "sessions": self.rows("SELECT count(*) FROM sessions WHERE person_id = ?", pid)[0][0],
            "api_tokens": 1,
            "round_invitations": 1,
            "workplace_invitations": 1,
        }
        self.assertGreaterEqual(want["sessions"], 1)
        for name, n in want.items():
            self.assertIn('<code>%s</code> <span class="count" data-rows="%d">' % (name, n), body)

        export = admin.get("/admin/people/export?email=%s" % q)
        self.assertEqual(export.status, 200)
        self.assertIn("attachment", export.header("Content-Disposition"))
        data = json.loads(export.body)
        self.assertEqual(data["email"], TARGET)
        self.assertEqual([m["workplace"] for m in data["data"]["memberships"]],
                         [s for (s,) in self.rows("SELECT w.slug FROM memberships m JOIN workplaces w"
                                                  " ON w.id = m.workplace_id WHERE m.person_id = ?"
                                                  " ORDER BY w.slug", pid)])
        self.assertEqual(data["data"]["api_tokens"][0]["name"], "mijn script")
        self.assertEqual(data["data"]["round_invitations"][0]["round_id"], 2)
        self.assertEqual(data["data"]["workplace_invitations"][0]["workplace"], VLONDER)
        self.assertEqual(data["data"]["person"][0]["id"], pid)
        # the log: the person's own login, and the invitation that names the address
        actions = [(e["action"], e["by_this_person"]) for e in data["data"]["audit_log"]]
        self.assertIn(("login", 1), actions)
        self.assertIn(("member invited", 0), actions)
        self.assertNotIn("password_hash", export.body.decode())
        # the command line shows the same
        res = run_cli(["person", "show", "--db", self.server.db, "--email", TARGET.upper()])
        self.assertEqual(res.returncode, 0, res)
        cli = json.loads(res.stdout)
        self.assertEqual(cli["data"], data["data"])

        responses = self.rows("SELECT id, answers FROM responses ORDER BY id")
        # delete: confirmation required
        r = admin.submit("/admin/people?email=%s" % q, "/admin/people/delete", {"email": TARGET})
        self.assertEqual(r.status, 400)
        self.assertEqual(len(self.rows("SELECT id FROM people WHERE email = ?", TARGET)), 1)
        r = admin.submit("/admin/people?email=%s" % q, "/admin/people/delete", {"email": TARGET, "confirm": "1"})
        self.assertEqual(r.status, 303, r)
        self.assertEqual(self.rows("SELECT count(*) FROM people WHERE email = ?", TARGET)[0][0], 0)
        for table in ("memberships", "sessions", "api_tokens", "accounts", "password_links"):
            self.assertEqual(self.rows("SELECT count(*) FROM %s WHERE person_id = ?" % table, pid)[0][0], 0, table)
        self.assertEqual(self.rows("SELECT count(*) FROM invitations WHERE email = ?", TARGET)[0][0], 0)
        self.assertEqual(self.rows("SELECT count(*) FROM member_invitations WHERE email = ?", TARGET)[0][0], 0)
        self.assertEqual(self.rows("SELECT count(*) FROM audit_log WHERE lower(detail) LIKE ?",
                                   "%" + TARGET + "%")[0][0], 0)
        self.assertEqual(self.rows("SELECT count(*) FROM audit_log WHERE person_id = ?", pid)[0][0], 0)
        done = self.rows("SELECT l.detail FROM audit_log l JOIN people p ON p.id = l.person_id"
                         " WHERE l.action = 'person data deleted' AND p.email = ?", ADMIN)
        self.assertEqual(len(done), 1)
        self.assertNotIn(TARGET, done[0][0])
        self.assertIn("memberships %d" % want["memberships"], done[0][0])
        # answers are anonymous: not one changed
        self.assertEqual(self.rows("SELECT id, answers FROM responses ORDER BY id"), responses)
        # the deleted person's session no longer works
        self.assertRedirectsToLogin(me.get("/account"))
        # and nothing is left to find
        again = admin.get("/admin/people?email=%s" % q).body.decode()
        self.assertIn('id="person-none"', again)
        r = admin.submit("/admin/people", "/admin/people/delete", {"email": TARGET, "confirm": "1"})
        self.assertEqual(r.status, 404)

    def test_refusals(self):
        admin = self.admin()
        r = admin.get("/admin/people?email=geen-adres")
        self.assertEqual(r.status, 400)
        r = admin.submit("/admin/people", "/admin/people/delete", {"email": ADMIN, "confirm": "1"})
        self.assertEqual(r.status, 409)
        self.assertEqual(self.rows("SELECT count(*) FROM people WHERE email = ?", ADMIN)[0][0], 1)
        # the last administrator is not deleted from the command line either
        admins = self.rows("SELECT count(*) FROM accounts WHERE is_admin = 1 AND disabled = 0")[0][0]
        self.assertEqual(admins, 1, "the demo has one administrator (the test needs it)")
        res = run_cli(["person", "delete", "--db", self.server.db, "--email", ADMIN])
        self.assertEqual(res.returncode, 1, res)
        self.assertEqual(self.rows("SELECT count(*) FROM people WHERE email = ?", ADMIN)[0][0], 1)
        res = run_cli(["person", "show", "--db", self.server.db, "--email", "niemand@example.org"])
        self.assertEqual(res.returncode, 3, res)

    def test_cli_delete(self):
        email = "oud-lid@example.org"
        qhelp.invite(self.server, 1, email, "teacher", "Q" * 22)
        res = run_cli(["person", "delete", "--db", self.server.db, "--email", email])
        self.assertEqual(res.returncode, 0, res)
        self.assertIn("1 round invitations", res.stdout)
        self.assertEqual(self.rows("SELECT count(*) FROM invitations WHERE email = ?", email)[0][0], 0)


if __name__ == "__main__":
    unittest.main()
