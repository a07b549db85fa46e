"""test_manage.py - black-box tests of running a workplace and an
institution (issue 5): the profile and triggers, the definition check, the
nine characteristics, partners, members and one-time join links, the
improvement agenda with its revisions, the outcomes register, realist
notes, the audit log, the institution overview and the benchmark.

Every page and rule is tried by the people it is for and by the people it
is not for: outsiders get 404 (the workplace does not leak), members
without the coordinator role get 403, a POST without a valid CSRF token
gets 403, and a refused request leaves the database as it was.

Every class starts its own server with a fresh demo (see harness.py).
"""

import html as html_lib
import re
import unittest

import qhelp
from harness import (ADMIN, COORDINATOR, DEMO_PASSWORD, GERIATRIE, MEMBER, OOST, PETRA,
                     PROGRAMME_LEAD, RESEARCHER, VLONDER, YOUSSEF, Server, ServerTestCase,
                     csrf_from)

JEROEN = "jeroen@demo.example.org"  # member of de-vlonder, oost and installatietechniek, not of geriatrie
BRUG = "gezondheidscentrum-de-brug"
TECHNIEK = "leerwerkplaats-installatietechniek"
W = "/pw/" + GERIATRIE
NEW_PASSWORD = "een-nieuw-wachtwoord-42"


def text_of(page):
    """The visible text of a page, white space collapsed, entities decoded."""
    t = page.text if hasattr(page, "text") else page
    t = re.sub(r"<[^>]+>", " ", t)
    return re.sub(r"\s+", " ", html_lib.unescape(t)).strip()


def invite_path(page):
    m = re.search(r'<code class="copy"[^>]*>[^<]*?(/join/[A-Za-z0-9_-]{22})</code>', page.text)
    if not m:
        raise AssertionError("no invitation link on the page:\n%s" % page.text[:3000])
    return m.group(1)


class ManageCase(ServerTestCase):
    """Helpers shared by the classes below."""

    def login(self, email):
        c = self.client()
        c.login_ok(email)
        return c

    def one(self, query):
        rows = self.server.sql(query)
        return rows[0][0] if rows else None

    def count(self, query):
        return int(self.one(query))

    def wp_id(self, slug=GERIATRIE):
        return self.one("SELECT id FROM workplaces WHERE slug = '%s'" % slug)

    def first_action(self, slug=GERIATRIE):
        return self.one("SELECT min(id) FROM actions WHERE workplace_id = %s" % self.wp_id(slug))

    def first_outcome(self, slug=GERIATRIE):
        return self.one("SELECT min(id) FROM outcomes WHERE workplace_id = %s" % self.wp_id(slug))

    def audit_count(self, what, slug=GERIATRIE):
        return self.count("SELECT count(*) FROM audit_log WHERE action = '%s' AND workplace_id = %s"
                          % (what, self.wp_id(slug)))

    def person_id(self, email):
        return self.one("SELECT id FROM people WHERE email = '%s'" % email)

    def assertStatus(self, resp, status):
        self.assertEqual(resp.status, status, resp)

    def assertSavedTo(self, resp, prefix):
        self.assertEqual(resp.status, 303, resp)
        self.assertTrue((resp.location or "").startswith(prefix), resp)


# ---------------------------------------------------------------------------


class AccessTest(ManageCase):
    """Who may see and change what: outsiders 404, members 403 where a
    coordinator is needed, anonymous visitors to the login page, and no
    POST without a valid CSRF token. Refused requests change nothing."""

    def paths(self):
        a, o = self.first_action(), self.first_outcome()
        org = self.one("SELECT organisation_id FROM partners WHERE workplace_id = %s LIMIT 1"
                       % self.wp_id())
        member = self.person_id(MEMBER)
        note = self.one("SELECT min(id) FROM realist_notes WHERE workplace_id = %s" % self.wp_id())
        read = ["", "/partners", "/members", "/actions", "/actions/%s" % a, "/outcomes",
                "/outcomes/%s" % o, "/realist"]
        manage_get = ["/profile", "/characteristics", "/audit"]
        manage_post = ["/profile", "/characteristics", "/partners", "/partners/%s" % org,
                       "/partners/%s/remove" % org, "/members/invite",
                       "/members/%s/role" % member, "/members/%s/remove" % member,
                       "/invitations/1/revoke", "/actions", "/actions/%s" % a, "/outcomes",
                       "/outcomes/%s" % o, "/outcomes/%s/delete" % o,
                       "/realist/%s/delete" % note]
        member_post = ["/actions/%s/notes" % a, "/actions/%s/realist" % a,
                       "/outcomes/%s/realist" % o]
        return read, manage_get, manage_post, member_post

    def test_outsider_gets_404_everywhere(self):
        c = self.login(JEROEN)
        read, manage_get, manage_post, member_post = self.paths()
        before = self.server.dump()
        for p in read + manage_get:
            with self.subTest(get=p):
                self.assertStatus(c.get(W + p), 404)
        token = c.csrf("/")
        for p in manage_post + member_post:
            with self.subTest(post=p):
                r = c.post(W + p, {"csrf": token, "title": "x", "name": "x", "role": "member"})
                self.assertStatus(r, 404)
        self.assertEqual(before, self.server.dump())
        # the same pages of their own workplace work
        self.assertStatus(c.get("/pw/%s/actions" % VLONDER), 200)

    def test_member_reads_but_does_not_manage(self):
        c = self.login(MEMBER)
        read, manage_get, manage_post, _ = self.paths()
        for p in read:
            with self.subTest(get=p):
                self.assertStatus(c.get(W + p), 200)
        for p in manage_get:
            with self.subTest(get=p):
                r = c.get(W + p)
                self.assertStatus(r, 403)
                self.assertIn("Alleen coördinatoren", r.text)
        before = self.server.dump()
        token = c.csrf("/")
        for p in manage_post:
            with self.subTest(post=p):
                r = c.post(W + p, {"csrf": token, "title": "x", "name": "x", "role": "member",
                                   "email": "x@example.org"})
                self.assertStatus(r, 403)
        self.assertEqual(before, self.server.dump())
        # and no forms to manage on the pages a member sees
        page = c.get(W + "/actions").text
        self.assertNotIn('method="post" action="%s/actions"' % W, page)
        self.assertNotIn("Nieuwe actie", page)
        self.assertNotIn("/audit", c.get(W).text)

    def test_anonymous_is_sent_to_login(self):
        c = self.client()
        read, manage_get, manage_post, _ = self.paths()
        for p in read + manage_get:
            with self.subTest(get=p):
                self.assertRedirectsToLogin(c.get(W + p))
        for p in manage_post[:3]:
            with self.subTest(post=p):
                self.assertRedirectsToLogin(c.post(W + p, {"csrf": c.csrf("/login")}))
        self.assertRedirectsToLogin(c.get("/overview"))

    def test_post_without_valid_csrf_changes_nothing(self):
        c = self.login(COORDINATOR)
        foreign = self.login(YOUSSEF).csrf("/")  # a valid token of another session
        _, _, manage_post, member_post = self.paths()
        before = self.server.dump()
        for p in manage_post + member_post:
            for fields in ({}, {"csrf": "0" * 64}, {"csrf": foreign}):
                with self.subTest(post=p, csrf=fields.get("csrf", "")[:4]):
                    f = dict(fields, title="Gekaapt", name="Gekaapt", role="coordinator")
                    r = c.post(W + p, f)
                    self.assertStatus(r, 403)
                    self.assertIn("Er is niets opgeslagen", r.text)
        self.assertEqual(before, self.server.dump())

    def test_coordinator_of_another_workplace_is_an_outsider_here(self):
        c = self.login(YOUSSEF)
        self.assertStatus(c.get(W + "/profile"), 404)
        self.assertStatus(c.get(W + "/audit"), 404)
        r = c.submit("/", W + "/actions", {"title": "Van buiten", "elements": "LOS",
                                            "status": "planned"})
        self.assertStatus(r, 404)
        self.assertEqual(self.count("SELECT count(*) FROM actions WHERE title = 'Van buiten'"), 0)

    def test_ids_of_another_workplace_are_404(self):
        c = self.login(COORDINATOR)
        other_action = self.first_action(VLONDER)
        other_outcome = self.first_outcome(VLONDER)
        self.assertStatus(c.get(W + "/actions/%s" % other_action), 404)
        self.assertStatus(c.get(W + "/outcomes/%s" % other_outcome), 404)
        r = c.submit("/", W + "/outcomes/%s/delete" % other_outcome, {})
        self.assertStatus(r, 404)
        self.assertEqual(self.count("SELECT count(*) FROM outcomes WHERE id = %s" % other_outcome), 1)
        for bad in ("0", "-1", "abc", "99999999", "1e3"):
            with self.subTest(id=bad):
                self.assertStatus(c.get(W + "/actions/" + bad), 404)
                self.assertStatus(c.get(W + "/outcomes/" + bad), 404)

    def test_site_admin_manages_every_workplace(self):
        c = self.login(ADMIN)
        for p in ("/profile", "/characteristics", "/audit", "/members", "/partners"):
            with self.subTest(path=p):
                self.assertStatus(c.get("/pw/%s%s" % (OOST, p)), 200)

    def test_overview_and_site_audit_access(self):
        self.assertStatus(self.login(PROGRAMME_LEAD).get("/overview"), 200)
        self.assertStatus(self.login(ADMIN).get("/overview"), 200)
        for who in (COORDINATOR, MEMBER, RESEARCHER):
            with self.subTest(who=who):
                c = self.login(who)
                self.assertStatus(c.get("/overview"), 404)
                self.assertStatus(c.get("/admin/audit"), 404)
                r = c.submit("/", "/admin/workplaces", {"wp_name": "Stiekem"})
                self.assertStatus(r, 404)
        self.assertStatus(self.login(PROGRAMME_LEAD).get("/admin/audit"), 404)
        self.assertEqual(self.count("SELECT count(*) FROM workplaces WHERE name = 'Stiekem'"), 0)

    def test_navigation_shows_the_overview_to_those_who_may(self):
        self.assertIn('href="/overview"', self.login(PROGRAMME_LEAD).get("/").text)
        self.assertIn('href="/overview"', self.login(ADMIN).get("/").text)
        self.assertNotIn('href="/overview"', self.login(COORDINATOR).get("/").text)


class ProfileTest(ManageCase):

    def test_edit_profile_and_triggers(self):
        c = self.login(COORDINATOR)
        form = c.get(W + "/profile")
        self.assertStatus(form, 200)
        self.assertIn('value="Leerafdeling Geriatrie"', form.text)
        self.assertIn("trigger_urgency", form.text)
        r = c.post(W + "/profile", {
            "csrf": csrf_from(form), "name": "Leerafdeling Geriatrie 4B", "domain": "Zorg",
            "location": "Ziekenhuis Rijnoever, afdeling 4B", "start_date": "2019-09-01",
            "description": "Beschrijving <b>vet</b>", "vision": "Samen leren",
            "goals": "Minder vallen; meer onderzoek",
            "trigger_complex": "Vergrijzing", "trigger_opportunity": "",
            "trigger_urgency": "Personeelstekort"})
        self.assertSavedTo(r, W)
        page = c.get(W)
        t = text_of(page)
        self.assertIn("Leerafdeling Geriatrie 4B", t)
        self.assertIn("Minder vallen; meer onderzoek", t)
        self.assertIn("Vergrijzing", t)
        self.assertIn("Personeelstekort", t)
        self.assertIn("Beschrijving <b>vet</b>", t)  # shown as text
        self.assertNotIn("<b>vet</b>", page.text)
        self.assertIn("Gevoel van urgentie", t)
        self.assertNotIn("Kansen en mogelijkheden", t)  # the empty trigger is not shown
        self.assertEqual(self.count("SELECT count(*) FROM workplace_triggers WHERE workplace_id = %s"
                                    % self.wp_id()), 2)
        detail = self.one("SELECT detail FROM audit_log WHERE action = 'profile updated' "
                          "ORDER BY id DESC LIMIT 1")
        self.assertIn("name", detail)
        self.assertIn("goals", detail)
        self.assertIn("trigger opportunity", detail)

    def test_validation_keeps_what_was_typed_and_saves_nothing(self):
        c = self.login(COORDINATOR)
        before = self.server.dump()
        cases = [({"name": ""}, "Vul dit veld in."),
                 ({"name": "x" * 201}, "Maximaal 200 tekens"),
                 ({"start_date": "2019-13-01"}, "Geef een datum als JJJJ-MM-DD"),
                 ({"start_date": "1-9-2019"}, "Geef een datum als JJJJ-MM-DD"),
                 ({"location": "a\x01b"}, "niet zijn toegestaan"),
                 ({"trigger_urgency": "x" * 1001}, "Maximaal 1000 tekens"),
                 ({"goals": "x" * 4001}, "Maximaal 4000 tekens")]
        for change, message in cases:
            with self.subTest(change=list(change)[0]):
                fields = {"name": "Geldige naam", "domain": "Typed domain", "location": "Ergens"}
                fields.update(change)
                r = c.submit(W + "/profile", W + "/profile", fields)
                self.assertStatus(r, 400)
                self.assertIn(message, text_of(r))
                self.assertIn('value="Typed domain"', r.text)
                self.assertIn('class="error-summary"', r.text)
        self.assertEqual(before, self.server.dump())

    def test_english(self):
        c = self.client(accept_language="en")
        c.login_ok(COORDINATOR)
        t = text_of(c.get(W + "/profile"))
        self.assertIn("Edit the profile", t)
        self.assertIn("Location in practice", t)
        self.assertIn("Sense of urgency", t)
        t = text_of(c.get(W))
        self.assertIn("The nine characteristics", t)
        self.assertIn("Open improvement actions", t)


class DefinitionTest(ManageCase):
    """The definition check: at least one hbo or university, at least one
    public organisation, a location in practice; it says what is missing."""

    def definition(self, c, slug):
        page = c.get("/pw/%s" % slug)
        self.assertStatus(page, 200)
        m = re.search(r'<div class="notice[^"]*" id="definition" data-meets="(yes|no)">(.*?)</div>',
                      page.text, re.S)
        self.assertIsNotNone(m, page.text[:3000])
        return m.group(1), text_of(m.group(2))

    def test_demo_workplaces(self):
        c = self.login(ADMIN)
        for slug in (GERIATRIE, VLONDER, OOST, BRUG):
            with self.subTest(slug=slug):
                self.assertEqual(self.definition(c, slug)[0], "yes")
        meets, text = self.definition(c, TECHNIEK)
        self.assertEqual(meets, "no")
        self.assertIn("een publieke organisatie als partner", text)
        self.assertIn("een locatie in de praktijk", text)
        self.assertNotIn("hogeronderwijsinstelling (hbo of universiteit) als partner", text)

    def test_fixing_what_is_missing(self):
        c = self.login(YOUSSEF)  # coordinator of installatietechniek
        path = "/pw/%s" % TECHNIEK
        r = c.submit(path + "/partners", path + "/partners",
                     {"org": self.one("SELECT id FROM organisations WHERE name = 'Gemeente Havenstad'"),
                      "role": "partner", "joined_on": "2026-01-01"})
        self.assertSavedTo(r, path + "/partners")
        meets, text = self.definition(c, TECHNIEK)
        self.assertEqual(meets, "no")
        self.assertNotIn("publieke organisatie", text)
        self.assertIn("locatie in de praktijk", text)
        r = c.submit(path + "/profile", path + "/profile",
                     {"name": "Leerwerkplaats Installatietechniek", "location": "Werkplaats Van Dam, Havenstad"})
        self.assertSavedTo(r, path)
        self.assertEqual(self.definition(c, TECHNIEK)[0], "yes")
        # a location of white space only is no location
        r = c.submit(path + "/profile", path + "/profile",
                     {"name": "Leerwerkplaats Installatietechniek", "location": "   "})
        self.assertSavedTo(r, path)
        meets, text = self.definition(c, TECHNIEK)
        self.assertEqual(meets, "no")
        self.assertIn("locatie in de praktijk", text)

    def test_without_higher_education(self):
        c = self.login(PETRA)  # coordinator of de-brug: gezondheidscentrum, hogeschool, universiteit
        path = "/pw/%s" % BRUG
        for name in ("Hogeschool Deltastad", "Universiteit van Zuidland"):
            org = self.one("SELECT id FROM organisations WHERE name = '%s'" % name)
            self.assertSavedTo(c.submit(path + "/partners", "%s/partners/%s/remove" % (path, org), {}),
                               path + "/partners")
        meets, text = self.definition(c, BRUG)
        self.assertEqual(meets, "no")
        self.assertIn("hogeronderwijsinstelling (hbo of universiteit)", text)
        self.assertNotIn("publieke organisatie als partner", text)
        # the partners page says the same
        self.assertIn('data-meets="no"', c.get(path + "/partners").text)


class CharacteristicsTest(ManageCase):

    def fields(self, **over):
        f = {"c%d" % i: "" for i in range(1, 10)}
        f.update({"n%d" % i: "" for i in range(1, 10)})
        f.update(over)
        return f

    def test_assess_and_overview(self):
        c = self.login(PETRA)
        path = "/pw/%s" % OOST
        form = c.get(path + "/characteristics")
        self.assertStatus(form, 200)
        t = text_of(form)
        for title in ("Duurzame, sectoroverstijgende samenwerking", "Grensorganisatie",
                      "Bewust ontworpen rollen", "Ontwikkelingsgerichte cultuur"):
            self.assertIn(title, t)
        self.assertIn("grenswerker", t)
        r = c.post(path + "/characteristics", dict(
            self.fields(c1="met", n1="Convenant sinds 2021", c5="partly", c9="not_yet",
                        n9="Kritiek geven is lastig"), csrf=csrf_from(form)))
        self.assertSavedTo(r, path)
        page = c.get(path)
        t = text_of(page)
        self.assertIn("Eigen beoordeling: 1 voldaan, 1 deels, 1 nog niet.", t)
        self.assertIn("voldaan 1. Duurzame, sectoroverstijgende samenwerking", t)
        self.assertIn("Convenant sinds 2021", t)
        self.assertIn("nog niet 9. Ontwikkelingsgerichte cultuur", t)
        self.assertIn("niet beoordeeld 2. Grensorganisatie", t)
        self.assertEqual(self.count("SELECT count(*) FROM characteristic_ratings WHERE assessment_id ="
                                    " (SELECT max(id) FROM characteristic_assessments WHERE workplace_id = %s)"
                                    % self.wp_id(OOST)), 3)
        self.assertEqual(self.audit_count("characteristics updated", OOST), 1)
        # the form shows the saved state
        form = c.get(path + "/characteristics").text
        self.assertRegex(form, r'name="c1"\s+value="met" checked')
        self.assertRegex(form, r'name="c2"\s+value="" checked')

    def test_validation(self):
        c = self.login(PETRA)
        path = "/pw/%s" % OOST
        before = self.server.dump()
        r = c.submit(path + "/characteristics", path + "/characteristics", self.fields(c3="maybe"))
        self.assertStatus(r, 400)
        self.assertIn("Kies een van de mogelijkheden.", r.text)
        fields = self.fields()
        del fields["c4"]
        r = c.submit(path + "/characteristics", path + "/characteristics", fields)
        self.assertStatus(r, 400)
        r = c.submit(path + "/characteristics", path + "/characteristics", self.fields(n2="notitie zonder oordeel"))
        self.assertStatus(r, 400)
        self.assertIn("Kies ook voldaan, deels of nog niet bij deze notitie.", r.text)
        r = c.submit(path + "/characteristics", path + "/characteristics", self.fields(c2="met", n2="x" * 501))
        self.assertStatus(r, 400)
        self.assertIn("Maximaal 500 tekens", text_of(r))
        self.assertEqual(before, self.server.dump())


class PartnersTest(ManageCase):

    def org(self, name):
        return self.one("SELECT id FROM organisations WHERE name = '%s'" % name)

    def partner_rows(self, slug=GERIATRIE):
        return self.server.sql("SELECT o.name, p.role, COALESCE(p.joined_on, '') FROM partners p "
                               "JOIN organisations o ON o.id = p.organisation_id WHERE p.workplace_id = %s "
                               "ORDER BY o.name" % self.wp_id(slug))

    def test_add_existing_and_new_organisations(self):
        c = self.login(COORDINATOR)
        page = c.get(W + "/partners")
        self.assertStatus(page, 200)
        # organisations already partner are not offered
        self.assertNotIn('value="%s">Ziekenhuis Rijnoever' % self.org("Ziekenhuis Rijnoever"), page.text)
        self.assertIn(">Universiteit van Zuidland (Universiteit)<", page.text)
        r = c.submit(W + "/partners", W + "/partners",
                     {"org": self.org("Universiteit van Zuidland"), "role": "partner",
                      "joined_on": "2026-02-01"})
        self.assertSavedTo(r, W + "/partners")
        self.assertIn(["Universiteit van Zuidland", "partner", "2026-02-01"], self.partner_rows())
        r = c.submit(W + "/partners", W + "/partners",
                     {"org": "new", "new_name": "Thuiszorg Rivierland", "new_kind": "private",
                      "role": "partner", "joined_on": ""})
        self.assertSavedTo(r, W + "/partners")
        self.assertEqual(self.one("SELECT kind FROM organisations WHERE name = 'Thuiszorg Rivierland'"),
                         "private")
        self.assertIn(["Thuiszorg Rivierland", "partner", ""], self.partner_rows())
        t = text_of(c.get(W + "/partners?done=added"))
        self.assertIn("De partner is toegevoegd.", t)
        self.assertIn("Thuiszorg Rivierland Private organisatie partner", t)
        self.assertEqual(self.audit_count("partner added"), 2)
        self.assertEqual(self.audit_count("organisation created"), 1)

    def test_refusals_save_nothing(self):
        c = self.login(COORDINATOR)
        before = self.server.dump()
        cases = [
            ({"org": self.org("Hogeschool Deltastad"), "role": "partner"}, "Deze organisatie is al partner."),
            ({"org": "new", "new_name": "gemeente havenstad", "new_kind": "public", "role": "partner"},
             "Er is al een organisatie met deze naam"),
            ({"org": "new", "new_name": "", "new_kind": "public", "role": "partner"}, "Vul dit veld in."),
            ({"org": "new", "new_name": "Iets", "new_kind": "ngo", "role": "partner"},
             "Kies een van de mogelijkheden."),
            ({"org": "99999", "role": "partner"}, "Kies een organisatie uit de lijst."),
            ({"org": "abc", "role": "partner"}, "Kies een organisatie uit de lijst."),
            ({"org": self.org("Gemeente Havenstad"), "role": "boss"}, "Kies een van de mogelijkheden."),
            ({"org": self.org("Gemeente Havenstad"), "role": "lead", "joined_on": "gisteren"},
             "Geef een datum als JJJJ-MM-DD"),
            ({"org": "new", "new_name": "Nieuw", "new_kind": "public", "role": "bogus"},
             "Kies een van de mogelijkheden."),
        ]
        for fields, message in cases:
            with self.subTest(fields=fields):
                r = c.submit(W + "/partners", W + "/partners", fields)
                self.assertStatus(r, 400)
                self.assertIn(message, text_of(r))
        self.assertEqual(before, self.server.dump())

    def test_change_and_remove(self):
        c = self.login(COORDINATOR)
        roc = self.org("ROC Rivierenland")
        r = c.submit(W + "/partners", "%s/partners/%s" % (W, roc),
                     {"role-%s" % roc: "lead", "joined-%s" % roc: "2020-03-01"})
        self.assertSavedTo(r, W + "/partners")
        self.assertIn(["ROC Rivierenland", "lead", "2020-03-01"], self.partner_rows())
        r = c.submit(W + "/partners", "%s/partners/%s" % (W, roc),
                     {"role-%s" % roc: "lead", "joined-%s" % roc: "2020-02-30"})
        self.assertStatus(r, 400)
        self.assertIn(["ROC Rivierenland", "lead", "2020-03-01"], self.partner_rows())
        r = c.submit(W + "/partners", "%s/partners/%s/remove" % (W, roc), {})
        self.assertSavedTo(r, W + "/partners")
        self.assertNotIn("ROC Rivierenland", [row[0] for row in self.partner_rows()])
        # removing again, or an organisation that never was a partner: 404
        self.assertStatus(c.submit(W + "/partners", "%s/partners/%s/remove" % (W, roc), {}), 404)
        self.assertStatus(c.submit(W + "/partners", "%s/partners/%s" % (W, self.org("Buurtkracht Oost")),
                                   {"role-1": "lead"}), 404)
        self.assertEqual(self.audit_count("partner changed"), 1)
        self.assertEqual(self.audit_count("partner removed"), 1)
        # the organisation itself stays (other workplaces use it)
        self.assertIsNotNone(self.org("ROC Rivierenland"))

    def test_member_sees_partners_without_forms(self):
        c = self.login(MEMBER)
        page = c.get(W + "/partners")
        self.assertStatus(page, 200)
        self.assertIn("Hogeschool Deltastad", page.text)
        self.assertNotIn("Partner toevoegen", page.text)
        self.assertNotIn("/remove", page.text)


class MembersTest(ManageCase):

    def invite(self, c, email, role="member", slug=GERIATRIE):
        path = "/pw/%s" % slug
        r = c.submit(path + "/members", path + "/members/invite", {"email": email, "role": role})
        self.assertStatus(r, 200)
        self.assertIn("Eenmalige link om lid te worden", r.text)
        return invite_path(r)

    def test_new_person_creates_an_account_with_the_link(self):
        c = self.login(COORDINATOR)
        invited = self.audit_count("member invited")
        link = self.invite(c, "Nieuw.Lid@Example.org", "member")
        self.assertEqual(self.audit_count("member invited"), invited + 1)
        # the link is shown once; the members page lists the open invitation
        page = c.get(W + "/members")
        self.assertNotIn(link, page.text)
        self.assertIn("nieuw.lid@example.org", page.text)
        u = self.client()
        form = u.get(link)
        self.assertStatus(form, 200)
        t = text_of(form)
        self.assertIn("Word lid van Leerafdeling Geriatrie", t)
        self.assertIn("nieuw.lid@example.org", t)
        self.assertIn("Anouk de Vries", t)
        self.assertNotIn('name="email"', form.text)  # the address is fixed
        r = u.post(link, {"csrf": csrf_from(form), "name": "", "new": "kort", "repeat": "kort"})
        self.assertStatus(r, 400)
        self.assertIn("Vul dit veld in.", r.text)
        self.assertIn("Kies een wachtwoord van 10 tot 200 tekens.", r.text)
        r = u.post(link, {"csrf": csrf_from(form), "name": "Nieuw Lid", "new": NEW_PASSWORD,
                          "repeat": NEW_PASSWORD + "x"})
        self.assertStatus(r, 400)
        self.assertEqual(self.count("SELECT count(*) FROM people WHERE email = 'nieuw.lid@example.org'"), 0)
        r = u.post(link, {"csrf": csrf_from(form), "name": "Nieuw Lid", "new": NEW_PASSWORD,
                          "repeat": NEW_PASSWORD})
        self.assertSavedTo(r, W + "?joined=1")
        self.assertIn("wp_session", u.cookies)
        home = u.get(W + "?joined=1")
        self.assertStatus(home, 200)
        self.assertIn("Welkom bij Leerafdeling Geriatrie", text_of(home))
        self.assertEqual(self.one("SELECT m.role FROM memberships m JOIN people p ON p.id = m.person_id "
                                  "WHERE p.email = 'nieuw.lid@example.org'"), "member")
        self.assertEqual(self.count("SELECT count(*) FROM audit_log WHERE action = 'member joined' "
                                    "AND detail LIKE '%nieuw.lid@example.org%'"), 1)
        # the new account logs in with its password; the link works once
        self.client().login_ok("nieuw.lid@example.org", NEW_PASSWORD)
        again = self.client()
        r = again.get(link)
        self.assertStatus(r, 404)
        self.assertIn("Deze uitnodiging bestaat niet, is al gebruikt of is verlopen.", r.text)
        r = again.post(link, {"csrf": again.csrf("/login"), "name": "Tweede", "new": NEW_PASSWORD,
                              "repeat": NEW_PASSWORD})
        self.assertStatus(r, 404)
        self.assertNotIn("nieuw.lid@example.org", c.get(W + "/members").text.split("Openstaande")[1])

    def test_existing_account_joins_after_login(self):
        c = self.login(COORDINATOR)
        link = self.invite(c, RESEARCHER, "coordinator")
        anon = self.client()
        t = text_of(anon.get(link))
        self.assertIn("Er is al een account met dit adres. Log in", t)
        self.assertIn('href="/login?next=%s"' % link, anon.get(link).text)
        r = anon.submit(link, link, {"name": "Kaper", "new": NEW_PASSWORD, "repeat": NEW_PASSWORD})
        self.assertStatus(r, 409)
        self.client().login_ok(RESEARCHER)  # the password was not changed
        # logged in as somebody else: not for you
        other = self.login(MEMBER)
        self.assertIn("maar deze uitnodiging is voor", text_of(other.get(link)))
        self.assertStatus(other.submit(link, link, {}), 403)
        # logged in as the invited address: join
        u = self.client()
        r = u.login(RESEARCHER, next_path=link)
        self.assertEqual(r.location, link)
        r = u.submit(link, link, {})
        self.assertSavedTo(r, W)
        self.assertEqual(self.one("SELECT m.role FROM memberships m JOIN people p ON p.id = m.person_id "
                                  "WHERE p.email = '%s' AND m.workplace_id = %s" % (RESEARCHER, self.wp_id())),
                         "coordinator")
        self.assertStatus(u.get(W + "/audit"), 200)

    def test_account_without_password_cannot_be_claimed(self):
        admin = self.login(ADMIN)
        r = admin.submit("/admin", "/admin/accounts", {"name": "Nog Geen Wachtwoord",
                                                       "email": "leeg@example.org", "admin": "1"})
        self.assertStatus(r, 200)
        c = self.login(COORDINATOR)
        link = self.invite(c, "leeg@example.org")
        anon = self.client()
        self.assertIn("nog geen wachtwoord ingesteld", text_of(anon.get(link)))
        r = anon.submit(link, link, {"name": "Kaper", "new": NEW_PASSWORD, "repeat": NEW_PASSWORD})
        self.assertStatus(r, 409)
        self.assertEqual(self.one("SELECT password_hash IS NULL FROM accounts a JOIN people p ON p.id = "
                                  "a.person_id WHERE p.email = 'leeg@example.org'"), "1")

    def test_invitation_validation_and_revoke(self):
        c = self.login(COORDINATOR)
        for fields, message in (({"email": "geen-adres", "role": "member"}, "Geef een geldig e-mailadres"),
                                ({"email": MEMBER, "role": "member"}, "al lid van deze werkplaats"),
                                ({"email": "x@example.org", "role": "admin"}, "Kies een van de mogelijkheden.")):
            with self.subTest(fields=fields):
                r = c.submit(W + "/members", W + "/members/invite", fields)
                self.assertStatus(r, 400)
                self.assertIn(message, r.text)
        self.assertEqual(self.count("SELECT count(*) FROM member_invitations WHERE email IN "
                                    "('geen-adres', '%s', 'x@example.org')" % MEMBER), 0)
        link = self.invite(c, "weg@example.org")
        inv = self.one("SELECT id FROM member_invitations WHERE email = 'weg@example.org'")
        self.assertIsNone(self.one("SELECT 1 FROM member_invitations WHERE token_hash LIKE '%%%s%%'"
                                   % link.rsplit("/", 1)[1]), "the token is stored hashed")
        r = c.submit(W + "/members", "%s/invitations/%s/revoke" % (W, inv), {})
        self.assertSavedTo(r, W + "/members")
        self.assertStatus(self.client().get(link), 404)
        self.assertStatus(c.submit(W + "/members", "%s/invitations/%s/revoke" % (W, inv), {}), 404)
        self.assertEqual(self.audit_count("invitation revoked"), 1)
        # a second invitation of the same address replaces the first link
        first = self.invite(c, "twee@example.org")
        second = self.invite(c, "twee@example.org", "coordinator")
        self.assertStatus(self.client().get(first), 404)
        self.assertStatus(self.client().get(second), 200)

    def test_roles_and_the_last_coordinator(self):
        c = self.login(PETRA)
        path = "/pw/%s" % OOST
        petra, jeroen = self.person_id(PETRA), self.person_id(JEROEN)
        before = self.server.dump()
        # Petra is the only coordinator of Oost
        r = c.submit(path + "/members", "%s/members/%s/role" % (path, petra), {"role": "member"})
        self.assertStatus(r, 409)
        self.assertIn("houdt altijd minstens één coördinator", r.text)
        r = c.submit(path + "/members", "%s/members/%s/remove" % (path, petra), {})
        self.assertStatus(r, 409)
        self.assertEqual(before, self.server.dump())
        self.assertStatus(c.submit(path + "/members", "%s/members/%s/role" % (path, jeroen),
                                   {"role": "boss"}), 400)
        self.assertStatus(c.submit(path + "/members", "%s/members/%s/role" % (path, self.person_id(MEMBER)),
                                   {"role": "member"}), 404)
        # make Jeroen coordinator; then Petra may step down
        r = c.submit(path + "/members", "%s/members/%s/role" % (path, jeroen), {"role": "coordinator"})
        self.assertSavedTo(r, path + "/members")
        j = self.login(JEROEN)
        self.assertStatus(j.get(path + "/audit"), 200)
        r = c.submit(path + "/members", "%s/members/%s/role" % (path, petra), {"role": "member"})
        self.assertSavedTo(r, path + "/members")
        self.assertStatus(c.get(path + "/audit"), 403)
        detail = self.one("SELECT detail FROM audit_log WHERE action = 'member role changed' ORDER BY id DESC LIMIT 1")
        self.assertIn("coordinator -> member", detail)

    def test_removing_a_member_ends_their_sessions(self):
        coordinator = self.login(COORDINATOR)
        member = self.login(MEMBER)
        member2 = self.login(MEMBER)
        self.assertStatus(member.get(W), 200)
        mid = self.person_id(MEMBER)
        r = coordinator.submit(W + "/members", "%s/members/%s/remove" % (W, mid), {})
        self.assertSavedTo(r, W + "/members")
        for m in (member, member2):
            self.assertRedirectsToLogin(m.get(W))
        self.assertEqual(self.count("SELECT count(*) FROM sessions WHERE person_id = %s" % mid), 0)
        # logging in again works; the workplace is gone from their reach
        m = self.login(MEMBER)
        self.assertStatus(m.get(W), 404)
        self.assertIn("Sanne Bakker", self.one("SELECT detail FROM audit_log WHERE action = 'member removed'"))
        self.assertStatus(coordinator.submit(W + "/members", "%s/members/%s/remove" % (W, mid), {}), 404)

    def test_member_sees_members_without_addresses_or_forms(self):
        c = self.login(JEROEN)
        page = c.get("/pw/%s/members" % OOST)
        self.assertStatus(page, 200)
        self.assertIn("Petra Janssen", page.text)
        self.assertNotIn(PETRA, page.text)
        self.assertNotIn("Iemand uitnodigen", page.text)

    def test_bad_join_links(self):
        c = self.client()
        for tok in ("x" * 22, "nonsense", "A" * 21 + "!"):
            with self.subTest(token=tok):
                self.assertStatus(c.get("/join/" + tok), 404)


class ActionsTest(ManageCase):

    def create(self, c, **fields):
        f = {"title": "Nieuwe actie", "description": "", "owner": "", "due_on": "", "status": "planned",
             "elements": "LOS", "round": ""}
        f.update(fields)
        pairs = [(k, v) for k, v in f.items() if not isinstance(v, list)]
        pairs += [(k, x) for k, v in f.items() if isinstance(v, list) for x in v]
        return c.submit(W + "/actions", W + "/actions", pairs)

    def edit_form(self, c, aid):
        page = c.get("%s/actions/%s" % (W, aid))
        self.assertStatus(page, 200)
        rev = re.search(r'name="revision" value="(\d+)"', page.text).group(1)
        return page, rev

    def test_list_filters_and_overdue(self):
        c = self.login(COORDINATOR)
        page = c.get(W + "/actions")
        self.assertStatus(page, 200)
        t = text_of(page)
        for title in ("Elke week een leermoment bij de overdracht",
                      "Afspraken tussen ziekenhuis en hogeschool vastleggen", "Uren voor werkbegeleiders vrijmaken"):
            self.assertIn(title, t)
        self.assertIn("te laat", t)  # "Uren voor werkbegeleiders" was due 2026-01-31
        self.assertIn('class="overdue"', page.text)
        self.assertIn('class="status-done"', page.text)
        t = text_of(c.get(W + "/actions?status=open"))
        self.assertNotIn("Elke week een leermoment", t)
        self.assertIn("Uren voor werkbegeleiders vrijmaken", t)
        t = text_of(c.get(W + "/actions?status=done"))
        self.assertIn("Elke week een leermoment", t)
        self.assertNotIn("Uren voor werkbegeleiders vrijmaken", t)
        t = text_of(c.get(W + "/actions?element=SRI"))
        self.assertIn("Afspraken tussen ziekenhuis en hogeschool vastleggen", t)
        self.assertNotIn("Uren voor werkbegeleiders vrijmaken", t)
        self.assertIn("Geen acties gevonden.", text_of(c.get(W + "/actions?status=dropped&element=LOS")))
        # unknown filter values show everything rather than fail
        n = self.count("SELECT count(*) FROM actions WHERE workplace_id = %s" % self.wp_id())
        self.assertIn("%d acties" % n, text_of(c.get(W + "/actions?status=bogus&element=XYZ")))

    def test_create_validation(self):
        c = self.login(COORDINATOR)
        before = self.server.dump()
        other_round = self.one("SELECT id FROM rounds WHERE workplace_id = %s LIMIT 1" % self.wp_id(VLONDER))
        cases = [({"title": ""}, "Vul dit veld in."),
                 ({"elements": []}, "Kies minstens één element."),
                 ({"elements": ["LOS", "ABC"]}, "Kies elementen uit de lijst."),
                 ({"status": "finished"}, "Kies een van de mogelijkheden."),
                 ({"due_on": "31-12-2026"}, "Geef een datum als JJJJ-MM-DD"),
                 ({"round": other_round}, "Kies een meting uit de lijst."),
                 ({"round": "abc"}, "Kies een meting uit de lijst."),
                 ({"title": "x" * 201}, "Maximaal 200 tekens")]
        for change, message in cases:
            with self.subTest(change=change):
                r = self.create(c, **change)
                self.assertStatus(r, 400)
                self.assertIn(message, text_of(r))
        self.assertEqual(before, self.server.dump())

    def test_create_edit_and_note(self):
        c = self.login(COORDINATOR)
        rnd = self.one("SELECT id FROM rounds WHERE workplace_id = %s ORDER BY opens_on LIMIT 1" % self.wp_id())
        r = self.create(c, title="Studenten in de stuurgroep", elements=["SRI", "LEA"], owner="Anouk",
                        due_on="2027-01-15", status="planned", round=rnd, description="Twee zetels")
        self.assertEqual(r.status, 303, r)
        aid = re.search(r"/actions/(\d+)", r.location).group(1)
        page = c.get(r.location)
        t = text_of(page)
        self.assertIn("De actie is toegevoegd.", t)
        self.assertIn("Studenten in de stuurgroep", t)
        self.assertIn("SRI – Samen richten en (her)inrichten", t)
        self.assertIn("LEA – Leiderschap en autonomie", t)
        self.assertIn("Meting najaar 2025", t)
        self.assertIn("2027-01-15", t)
        self.assertEqual(self.server.sql("SELECT element FROM action_elements WHERE action_id = %s ORDER BY element"
                                         % aid), [["LEA"], ["SRI"]])
        page, rev = self.edit_form(c, aid)
        self.assertEqual(rev, "1")
        r = c.post("%s/actions/%s" % (W, aid), [
            ("csrf", csrf_from(page)), ("revision", rev), ("title", "Studenten in de stuurgroep"),
            ("description", "Twee zetels"), ("owner", "Anouk"), ("due_on", "2027-02-01"),
            ("status", "in_progress"), ("elements", "SRI"), ("round", "")])
        self.assertSavedTo(r, "%s/actions/%s" % (W, aid))
        self.assertEqual(self.server.sql("SELECT status, due_on, revision, round_id IS NULL FROM actions WHERE id = %s"
                                         % aid), [["in_progress", "2027-02-01", "2", "1"]])
        detail = self.one("SELECT detail FROM audit_log WHERE action = 'action changed' ORDER BY id DESC LIMIT 1")
        self.assertIn("status planned -> in_progress", detail)
        self.assertIn("due 2027-01-15 -> 2027-02-01", detail)
        self.assertIn("elements SRI LEA -> SRI", detail)
        t = text_of(c.get("%s/actions/%s" % (W, aid)))
        self.assertIn("Laatst gewijzigd", t)
        self.assertIn("Anouk de Vries", t)
        # a member adds progress
        m = self.login(MEMBER)
        r = m.submit("%s/actions/%s" % (W, aid), "%s/actions/%s/notes" % (W, aid),
                     {"note_on": "2026-11-01", "note_text": "Eerste gesprek gevoerd"})
        self.assertSavedTo(r, "%s/actions/%s" % (W, aid))
        t = text_of(m.get("%s/actions/%s" % (W, aid)))
        self.assertIn("2026-11-01 Eerste gesprek gevoerd Sanne Bakker", t)
        for fields, msg in (({"note_on": "", "note_text": "x"}, "Vul dit veld in."),
                            ({"note_on": "2026-02-31", "note_text": "x"}, "Geef een datum"),
                            ({"note_on": "2026-01-01", "note_text": ""}, "Vul dit veld in."),
                            ({"note_on": "2026-01-01", "note_text": "x" * 2001}, "Maximaal 2000 tekens")):
            with self.subTest(fields=fields):
                r = m.submit("%s/actions/%s" % (W, aid), "%s/actions/%s/notes" % (W, aid), fields)
                self.assertStatus(r, 400)
                self.assertIn(msg, text_of(r))
        self.assertEqual(self.count("SELECT count(*) FROM action_notes WHERE action_id = %s" % aid), 1)
        self.assertEqual(self.audit_count("action created"), 1)
        self.assertEqual(self.audit_count("action note added"), 1)
        # and the workplace page lists it among the open actions
        home = text_of(c.get(W))
        self.assertIn("Studenten in de stuurgroep", home[home.index("Open verbeteracties"):])

    def test_concurrent_edits_lose_nothing(self):
        a = self.login(COORDINATOR)
        b = self.login(ADMIN)  # a site admin may change every workplace
        aid = self.first_action()
        page_a, rev_a = self.edit_form(a, aid)
        page_b, rev_b = self.edit_form(b, aid)
        self.assertEqual(rev_a, rev_b)
        title = self.one("SELECT title FROM actions WHERE id = %s" % aid)
        base = [("title", title), ("description", ""), ("owner", "Anouk"), ("due_on", "2026-03-31"),
                ("elements", "LOS"), ("round", "")]
        r = a.post("%s/actions/%s" % (W, aid), [("csrf", csrf_from(page_a)), ("revision", rev_a),
                                                ("status", "dropped")] + base)
        self.assertEqual(r.status, 303, r)
        stored = self.server.sql("SELECT status, owner, revision FROM actions WHERE id = %s" % aid)
        # B saves on the revision it loaded: refused, with both versions
        r = b.post("%s/actions/%s" % (W, aid), [("csrf", csrf_from(page_b)), ("revision", rev_b),
                                                ("status", "done"), ("title", title), ("description", ""),
                                                ("owner", "Beheer"), ("due_on", "2026-03-31"),
                                                ("elements", "LOS"), ("round", "")])
        self.assertStatus(r, 409)
        t = text_of(r)
        self.assertIn("Iemand anders heeft deze actie intussen gewijzigd", t)
        self.assertIn("Anouk de Vries sloeg op", t)
        self.assertIn("Je wijzigingen zijn niet opgeslagen", t)
        self.assertIn("Status vervallen klaar", t)       # saved now | your version
        self.assertIn("Eigenaar Anouk Beheer", t)
        self.assertEqual(stored, self.server.sql("SELECT status, owner, revision FROM actions WHERE id = %s" % aid))
        # the form keeps B's values and now carries the stored revision
        self.assertIn('name="owner" value="Beheer"', r.text)
        new_rev = re.search(r'name="revision" value="(\d+)"', r.text).group(1)
        self.assertEqual(new_rev, stored[0][2])
        self.assertEqual(self.audit_count("action changed"), 1)
        # saving again deliberately replaces A's change
        r = b.post("%s/actions/%s" % (W, aid), [("csrf", csrf_from(r)), ("revision", new_rev),
                                                ("status", "done"), ("title", title), ("description", ""),
                                                ("owner", "Beheer"), ("due_on", "2026-03-31"),
                                                ("elements", "LOS"), ("round", "")])
        self.assertEqual(r.status, 303, r)
        self.assertEqual(self.server.sql("SELECT status, owner FROM actions WHERE id = %s" % aid),
                         [["done", "Beheer"]])
        # a made-up revision is refused as well
        r = a.post("%s/actions/%s" % (W, aid), [("csrf", csrf_from(page_a)), ("revision", "999"),
                                                ("status", "planned")] + base)
        self.assertStatus(r, 409)
        for bad in ("", "0", "abc"):
            r = a.post("%s/actions/%s" % (W, aid), [("csrf", csrf_from(page_a)), ("revision", bad),
                                                    ("status", "planned")] + base)
            self.assertStatus(r, 400)

    def test_dialogue_agreements_arrive_on_the_agenda(self):
        c = self.login(COORDINATOR)
        rnd = self.one("SELECT id FROM rounds WHERE workplace_id = %s ORDER BY opens_on LIMIT 1" % self.wp_id())
        path = "%s/rounds/%s/dialogue" % (W, rnd)
        r = c.submit(path, path, {"title0": "Afspraak uit de dialoog", "element0": "VOR",
                                  "owner0": "Team", "due0": "2027-03-01"})
        self.assertEqual(r.status, 303, r)
        t = text_of(c.get(W + "/actions?element=VOR"))
        self.assertIn("Afspraak uit de dialoog", t)
        self.assertIn("Meting najaar 2025", t)


class OutcomesTest(ManageCase):

    def org(self, name):
        return self.one("SELECT id FROM organisations WHERE name = '%s'" % name)

    def create(self, c, **fields):
        f = {"category": "knowledge", "occurred_on": "2026-04-01", "title": "Nieuwe opbrengst",
             "description": "", "evidence_url": ""}
        f.update(fields)
        pairs = [(k, v) for k, v in f.items() if not isinstance(v, list)]
        pairs += [(k, x) for k, v in f.items() if isinstance(v, list) for x in v]
        return c.submit(W + "/outcomes", W + "/outcomes", pairs)

    def test_register_overview_and_timeline(self):
        c = self.login(COORDINATOR)
        page = c.get(W + "/outcomes")
        self.assertStatus(page, 200)
        table = re.search(r'<table id="yearly".*?</table>', page.text, re.S).group(0)
        rows = {m.group(1): re.findall(r'<td class="num">(?:<strong>)?(\d+)', m.group(0))
                for m in re.finditer(r"<tr><th scope=\"row\">(\d{4})</th>.*?</tr>", table, re.S)}
        # demo: 2025 knowledge + curriculum, 2026 professional + connections
        self.assertEqual(rows["2025"], ["1", "0", "1", "0", "0", "2"])
        self.assertEqual(rows["2026"], ["0", "1", "0", "0", "1", "2"])
        t = text_of(page)
        self.assertLess(t.index("2025 2025-06-12"), t.index("2026 2026-02-01"))
        self.assertIn("Valpreventie met beweegmomenten", t)

    def test_create_with_partners_and_evidence(self):
        c = self.login(COORDINATOR)
        hs, zh = self.org("Hogeschool Deltastad"), self.org("Ziekenhuis Rijnoever")
        r = self.create(c, category="collaboration", occurred_on="2024-05-05", title="Gezamenlijk leerplan",
                        evidence_url="https://example.org/leerplan?a=1&b=2", partners=[hs, zh, hs])
        self.assertEqual(r.status, 303, r)
        oid = re.search(r"/outcomes/(\d+)", r.location).group(1)
        page = c.get(r.location)
        t = text_of(page)
        self.assertIn("De opbrengst is vastgelegd.", t)
        self.assertIn("Hogeschool Deltastad, Ziekenhuis Rijnoever", t)
        self.assertIn('href="https://example.org/leerplan?a=1&amp;b=2" rel="noopener noreferrer nofollow"', page.text)
        self.assertEqual(self.count("SELECT count(*) FROM outcome_partners WHERE outcome_id = %s" % oid), 2)
        # the yearly table now starts in 2024 and fills the years between
        table = re.search(r'<table id="yearly".*?</table>', c.get(W + "/outcomes").text, re.S).group(0)
        self.assertIn('<th scope="row">2024</th>', table)
        self.assertEqual(self.audit_count("outcome created"), 1)
        # edit: another category and partners; then delete
        r = c.submit(r.location, "%s/outcomes/%s" % (W, oid),
                     [("category", "connections"), ("occurred_on", "2024-05-06"), ("title", "Leerplan"),
                      ("description", "x"), ("evidence_url", ""), ("partners", zh)])
        self.assertSavedTo(r, "%s/outcomes/%s" % (W, oid))
        self.assertEqual(self.server.sql("SELECT category, title, evidence_url FROM outcomes WHERE id = %s" % oid),
                         [["connections", "Leerplan", ""]])
        self.assertEqual(self.count("SELECT count(*) FROM outcome_partners WHERE outcome_id = %s" % oid), 1)
        r = c.submit(W + "/outcomes", "%s/outcomes/%s/delete" % (W, oid), {})
        self.assertSavedTo(r, W + "/outcomes")
        self.assertEqual(self.count("SELECT count(*) FROM outcomes WHERE id = %s" % oid), 0)
        self.assertEqual(self.count("SELECT count(*) FROM outcome_partners WHERE outcome_id = %s" % oid), 0)
        self.assertStatus(c.get("%s/outcomes/%s" % (W, oid)), 404)
        self.assertEqual(self.audit_count("outcome changed"), 1)
        self.assertEqual(self.audit_count("outcome deleted"), 1)

    def test_validation(self):
        c = self.login(COORDINATOR)
        before = self.server.dump()
        not_partner = self.org("Buurtkracht Oost")
        cases = [({"evidence_url": "javascript:alert(1)"}, "begint met https:// of http://"),
                 ({"evidence_url": "ftp://example.org/x"}, "begint met https:// of http://"),
                 ({"evidence_url": "https://exa mple.org"}, "begint met https:// of http://"),
                 ({"evidence_url": 'https://x.org/"onmouseover="x'}, "begint met https:// of http://"),
                 ({"partners": [not_partner]}, "Kies alleen partners van deze werkplaats."),
                 ({"partners": ["abc"]}, "Kies alleen partners van deze werkplaats."),
                 ({"category": "money"}, "Kies een van de mogelijkheden."),
                 ({"occurred_on": ""}, "Vul dit veld in."),
                 ({"occurred_on": "2026-02-30"}, "Geef een datum"),
                 ({"title": ""}, "Vul dit veld in.")]
        for change, message in cases:
            with self.subTest(change=change):
                r = self.create(c, **change)
                self.assertStatus(r, 400)
                self.assertIn(message, text_of(r))
        self.assertEqual(before, self.server.dump())

    def test_member_reads_the_register(self):
        m = self.login(MEMBER)
        page = m.get(W + "/outcomes")
        self.assertStatus(page, 200)
        self.assertNotIn("Opbrengst vastleggen", page.text)
        self.assertStatus(self.create(m), 403)


class RealistTest(ManageCase):

    def test_notes_on_actions_and_outcomes(self):
        m = self.login(MEMBER)
        aid = self.first_action()
        path = "%s/actions/%s" % (W, aid)
        r = m.submit(path, path + "/realist", {"cmo_context": "Drukke avonddienst", "cmo_element": "LOS",
                                               "cmo_mechanism": "Samen een casus bespreken",
                                               "cmo_result": "Studenten durven meer te vragen"})
        self.assertSavedTo(r, path)
        t = text_of(m.get(path))
        self.assertIn("Drukke avonddienst", t)
        self.assertIn("LOS Samen een casus bespreken", t)
        self.assertIn("Studenten durven meer te vragen", t)
        oid = self.first_outcome()
        opath = "%s/outcomes/%s" % (W, oid)
        r = m.submit(opath, opath + "/realist", {"cmo_context": "Onderzoek", "cmo_element": "",
                                                 "cmo_mechanism": "Eigenaarschap", "cmo_result": "Ingevoerd"})
        self.assertSavedTo(r, opath)
        self.assertEqual(self.server.sql("SELECT action_id IS NULL, element IS NULL FROM realist_notes "
                                         "WHERE context = 'Onderzoek'"), [["1", "1"]])
        listing = text_of(m.get(W + "/realist"))
        self.assertIn("Drukke avonddienst", listing)
        self.assertIn("Onderzoek", listing)
        self.assertIn("Elke week een leermoment bij de overdracht", listing)  # demo note
        self.assertEqual(self.audit_count("realist note added"), 2)

    def test_validation_and_delete(self):
        m = self.login(MEMBER)
        aid = self.first_action()
        path = "%s/actions/%s" % (W, aid)
        before = self.server.dump()
        for fields, msg in (({"cmo_context": "", "cmo_element": "", "cmo_mechanism": "m", "cmo_result": "r"},
                             "Vul dit veld in."),
                            ({"cmo_context": "c", "cmo_element": "XYZ", "cmo_mechanism": "m", "cmo_result": "r"},
                             "Kies een van de mogelijkheden."),
                            ({"cmo_context": "c", "cmo_element": "LOS", "cmo_mechanism": "m",
                              "cmo_result": "x" * 2001}, "Maximaal 2000 tekens")):
            with self.subTest(fields=fields):
                r = m.submit(path, path + "/realist", fields)
                self.assertStatus(r, 400)
                self.assertIn(msg, text_of(r))
        self.assertEqual(before, self.server.dump())
        note = self.one("SELECT min(id) FROM realist_notes WHERE workplace_id = %s" % self.wp_id())
        self.assertStatus(m.submit(W + "/realist", "%s/realist/%s/delete" % (W, note), {}), 403)
        c = self.login(COORDINATOR)
        r = c.submit(W + "/realist", "%s/realist/%s/delete" % (W, note), {})
        self.assertSavedTo(r, W + "/realist")
        self.assertEqual(self.count("SELECT count(*) FROM realist_notes WHERE id = %s" % note), 0)
        self.assertStatus(c.submit(W + "/realist", "%s/realist/%s/delete" % (W, note), {}), 404)
        other = self.one("SELECT min(id) FROM realist_notes WHERE workplace_id = %s" % self.wp_id(OOST))
        self.assertStatus(c.submit(W + "/realist", "%s/realist/%s/delete" % (W, other), {}), 404)
        self.assertEqual(self.audit_count("realist note deleted"), 1)


class AuditTest(ManageCase):

    def test_changes_appear_with_who_when_what_and_pages(self):
        c = self.login(COORDINATOR)
        aid = self.first_action()
        path = "%s/actions/%s" % (W, aid)
        token = c.csrf(path)
        for i in range(53):
            r = c.post(path + "/notes", {"csrf": token, "note_on": "2026-01-01", "note_text": "notitie %d" % i})
            self.assertEqual(r.status, 303, r)
        page = c.get(W + "/audit")
        self.assertStatus(page, 200)
        t = text_of(page)
        self.assertIn("53 vermeldingen, nieuwste eerst", t)
        self.assertIn("Anouk de Vries", t)
        self.assertIn("voortgang genoteerd", t)
        self.assertIn("Tijden in Europe/Amsterdam", t)
        self.assertEqual(page.text.count('data-what="action note added"'), 50)
        self.assertIn("Pagina 1 van 2", t)
        self.assertIn('href="%s/audit?page=2"' % W, page.text)
        page2 = c.get(W + "/audit?page=2")
        self.assertEqual(page2.text.count('data-what="action note added"'), 3)
        self.assertIn("(2026-01-01)", text_of(page2))
        self.assertIn('href="%s/audit?page=1"' % W, page2.text)
        r = c.get(W + "/audit?page=9")
        self.assertEqual((r.status, r.location), (303, W + "/audit?page=2"))
        self.assertStatus(c.get(W + "/audit?page=abc"), 200)
        # another workplace's log does not show these
        y = self.login(YOUSSEF)
        self.assertNotIn("voortgang genoteerd", text_of(y.get("/pw/%s/audit" % VLONDER)))
        # the site administrator sees them with the workplace named
        a = self.login(ADMIN)
        t = text_of(a.get("/admin/audit"))
        self.assertIn("Leerafdeling Geriatrie", t)
        self.assertIn("voortgang genoteerd", t)
        self.assertIn("ingelogd", t)

    def test_english_labels(self):
        c = self.client(accept_language="en")
        c.login_ok(COORDINATOR)
        c.submit(W + "/characteristics", W + "/characteristics",
                 dict({"c%d" % i: "" for i in range(1, 10)}, c1="met"))
        t = text_of(c.get(W + "/audit"))
        self.assertIn("characteristics assessed", t)
        self.assertIn("newest first", t)


class OverviewTest(ManageCase):

    def test_all_workplaces_at_a_glance(self):
        c = self.login(PROGRAMME_LEAD)
        page = c.get("/overview")
        self.assertStatus(page, 200)
        table = re.search(r'<table id="overview".*?</table>', page.text, re.S).group(0)
        rows = dict(re.findall(r'<tr data-slug="([^"]+)">(.*?)</tr>', table, re.S))
        self.assertEqual(set(rows), {GERIATRIE, VLONDER, OOST, BRUG, TECHNIEK})
        ger = text_of(rows[GERIATRIE])
        self.assertIn("Meting najaar 2026", ger)
        self.assertIn("n=74", ger)
        self.assertIn("loopt nu: Tussenmeting", ger)
        self.assertRegex(ger, r"\d\.\d [▲▼●] (duidelijk hoger|duidelijk lager|onduidelijk)")
        self.assertEqual(len(re.findall(r'class="change change-', rows[GERIATRIE])), 6)
        self.assertIn("2025: 2 · 2026: 2", ger)
        self.assertNotIn("change-", rows[BRUG])  # one round: no direction
        self.assertIn("Eerste meting 2026", text_of(rows[BRUG]))
        # a programme lead who is no member reads every workplace (issue 20, read-only)
        for slug in rows:
            self.assertIn('href="/pw/%s"' % slug, rows[slug])
        self.assertIn("5 werkplaatsen", text_of(page))
        spread = re.search(r'<table id="spread-table".*?</table>', page.text, re.S).group(0)
        self.assertEqual(len(re.findall(r"<tr><th scope=\"row\"", spread)), 6)
        self.assertNotIn("Nieuwe werkplaats", page.text)
        # the admin gets links and the form
        a = self.login(ADMIN).get("/overview")
        self.assertIn('href="/pw/%s"' % GERIATRIE, a.text)
        self.assertIn("Nieuwe werkplaats", a.text)

    def test_open_and_overdue_counts(self):
        c = self.login(PROGRAMME_LEAD)
        table = re.search(r'<table id="overview".*?</table>', c.get("/overview").text, re.S).group(0)
        row = re.search(r'<tr data-slug="%s">(.*?)</tr>' % GERIATRIE, table, re.S).group(1)
        cells = re.findall(r'<td class="num">([^<]*)</td>', row)
        # demo geriatrie: two open actions, both past due
        self.assertEqual(cells[-2:], ["2", "2 ⚠"])

class WorkplaceCreateTest(ManageCase):
    """Site administrators create workplaces, with a link for the first
    coordinator."""

    def test_admin_creates_a_workplace_with_its_first_coordinator(self):
        a = self.login(ADMIN)
        r = a.submit("/overview", "/admin/workplaces", {"wp_name": "Zorglab Noord & Zuid", "wp_slug": "",
                                                        "wp_coordinator": "Eerste@Example.org"})
        self.assertStatus(r, 200)
        self.assertIn("/pw/zorglab-noord-zuid", r.text)
        link = invite_path(r)
        self.assertEqual(self.count("SELECT count(*) FROM audit_log WHERE action = 'workplace created'"), 1)
        u = self.client()
        form = u.get(link)
        self.assertIn("als coördinator", text_of(form))
        r = u.post(link, {"csrf": csrf_from(form), "name": "Eerste Coördinator", "new": NEW_PASSWORD,
                          "repeat": NEW_PASSWORD})
        self.assertSavedTo(r, "/pw/zorglab-noord-zuid")
        self.assertStatus(u.get("/pw/zorglab-noord-zuid/profile"), 200)
        meets = re.search(r'data-meets="(\w+)"', u.get("/pw/zorglab-noord-zuid").text).group(1)
        self.assertEqual(meets, "no")
        # refusals
        before = self.server.dump()
        for fields, msg in (({"wp_name": ""}, "Vul dit veld in."),
                            ({"wp_name": "X", "wp_slug": "Hoofd Letters"}, "Gebruik alleen kleine letters"),
                            ({"wp_name": "X", "wp_slug": "a--b"}, "Gebruik alleen kleine letters"),
                            ({"wp_name": "X", "wp_slug": "-a"}, "Gebruik alleen kleine letters"),
                            ({"wp_name": "X", "wp_slug": GERIATRIE}, "al in gebruik"),
                            ({"wp_name": "Zorglab Noord Zuid"}, "al in gebruik"),
                            ({"wp_name": "X", "wp_coordinator": "geen-adres"}, "Geef een geldig e-mailadres")):
            with self.subTest(fields=fields):
                r = a.submit("/overview", "/admin/workplaces", fields)
                self.assertStatus(r, 400)
                self.assertIn(msg, text_of(r))
        self.assertEqual(before, self.server.dump())



class BenchmarkTest(ManageCase):
    """The demo has five workplaces with results that meet k: the benchmark
    shows, with this workplace's place per element."""

    def test_benchmark_on_the_workplace_page(self):
        c = self.login(COORDINATOR)
        page = c.get(W)
        m = re.search(r'<table id="benchmark-table".*?</table>', page.text, re.S)
        self.assertIsNotNone(m, text_of(page))
        table = m.group(0)
        self.assertIn("Deze werkplaats tussen 4 andere werkplaatsen", text_of(table))
        rows = re.findall(r'<tr data-element="(\w+)">(.*?)</tr>', table, re.S)
        self.assertEqual([e for e, _ in rows], ["LOS", "SRI", "GOC", "VOR", "LEA", "VMM"])
        for element, row in rows:
            with self.subTest(element=element):
                nums = [float(x) for x in re.findall(r'<td class="num">(\d\.\d)</td>', row)]
                self.assertEqual(len(nums), 6)  # this workplace, min, Q1, median, Q3, max
                mine, lo, q1, med, q3, hi = nums
                self.assertTrue(lo <= q1 <= med <= q3 <= hi, nums)
                place = re.search(r'data-place="(\w+)"', row).group(1)
                expect = ("lowest" if mine < lo else "highest" if mine > hi else "q1" if mine < q1
                          else "q2" if mine < med else "median" if mine == med else "q3" if mine <= q3
                          else "q4")
                self.assertEqual(place, expect, (mine, nums))
        self.assertIn("Hyndman & Fan type 7", text_of(page))
        # other workplaces are not named in it
        self.assertNotIn("Opleidingsschool", text_of(table))

    def test_quartiles_match_the_overview(self):
        # the overview's spread is over all five; check its quartiles with Python
        import statistics
        page = self.login(PROGRAMME_LEAD).get("/overview").text
        overview = re.search(r'<table id="overview".*?</table>', page, re.S).group(0)
        spread = re.search(r'<table id="spread-table".*?</table>', page, re.S).group(0)
        columns = [[] for _ in range(6)]
        for row in re.findall(r'<tr data-slug="[^"]+">(.*?)</tr>', overview, re.S):
            cells = re.findall(r'<td class="num">([^<]*)', row)[:6]
            for i, v in enumerate(cells):
                columns[i].append(float(v.strip()))
        for i, row in enumerate(re.findall(r"<tr><th scope=\"row\">.*?</tr>", spread, re.S)):
            nums = [float(x) for x in re.findall(r'<td class="num">(\d\.\d)</td>', row)]
            q = statistics.quantiles(columns[i], n=4, method="inclusive")
            want = [min(columns[i])] + [round(x + 1e-9, 1) for x in q] + [max(columns[i])]
            self.assertEqual(nums, want, (i, columns[i]))


class BenchmarkHiddenTest(ManageCase):
    """With fewer than five workplaces that have results meeting k, no
    benchmark: one workplace of the demo is deleted before the server starts."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server(demo=True)
        try:
            db = qhelp.db(cls.server)  # foreign keys on: the workplace's rows go with it
            db.execute("DELETE FROM workplaces WHERE slug = ?", (TECHNIEK,))
            db.close()
            cls.server.start()
        except BaseException:
            cls.server.cleanup()
            raise

    def test_hidden_with_four(self):
        c = self.login(COORDINATOR)
        page = c.get(W)
        self.assertStatus(page, 200)
        self.assertNotIn("benchmark-table", page.text)
        self.assertIn("De vergelijking verschijnt zodra minstens 5 werkplaatsen resultaten hebben", text_of(page))
        self.assertIn("(nu 4)", text_of(page))
        o = self.login(PROGRAMME_LEAD).get("/overview")
        self.assertNotIn("spread-table", o.text)
        self.assertIn("(nu 4)", text_of(o))

    def test_an_open_round_does_not_count(self):
        # the care ward's open round has answers, but only closed rounds count
        c = self.login(PROGRAMME_LEAD)
        row = re.search(r'<tr data-slug="%s">(.*?)</tr>' % GERIATRIE, c.get("/overview").text, re.S).group(1)
        self.assertIn("Meting najaar 2026", text_of(row))


if __name__ == "__main__":
    unittest.main()
