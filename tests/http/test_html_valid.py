"""test_html_valid.py - issue 17: every page is valid HTML.

Every page that a participant, a member, a coordinator, a visitor who is not
logged in and the site administrator reach (crawled from their start pages,
following every local link) goes through htmlcheck.problems(): HTML Tidy,
html5lib's parse errors and the checks on the tree (unique ids, labels and
references to ids that exist, content models). So does every form that a
coordinator sends back empty: the page that shows the form again with its
errors links each message to its field. One server for the class.
"""

import re
import unittest

import attack
import htmlcheck
from attack import Fixture, Roles, parse_page, route_table
from harness import GERIATRIE, ServerTestCase

ROLES = ("anonymous", "participant", "member", "coordinator", "admin")
CRAWL_CAP = 3
CRAWL_LIMIT = 250
# Forms not sent back empty: they change something with no field filled in,
# or end the session.
NOT_SENT = re.compile(r"/(remove|delete|revoke|logout|lang|close|reopen|remind|login|withdraw|submit)\b"
                      r"|/rounds/\d+/mail$|/mail-templates$")  # empty: no reminders, the default texts


def report(found):
    """found: [(where, [problems])] -> readable text."""
    return "\n".join("%s:\n  %s" % (where, "\n  ".join(ps)) for where, ps in found)


@unittest.skipIf(htmlcheck.available(), "the HTML validators are missing: %s" % htmlcheck.available())
class HtmlValidTest(ServerTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        try:
            cls.routes = route_table()
            cls.fx = Fixture(cls.server)
            cls.roles = Roles(cls.server, cls.fx, roles=ROLES)
            cls.pages = [(role, path, r) for role in ROLES
                         for path, r in attack.crawl(cls.roles[role], cls.routes, cls.start_pages(role),
                                                     CRAWL_CAP, CRAWL_LIMIT)]
        except BaseException:
            cls.server.cleanup()
            raise

    @classmethod
    def start_pages(cls, role):
        return attack.start_pages(cls.fx, cls.roles.participant_token, role)

    def html_pages(self, role=None):
        return [(rl, path, r) for rl, path, r in self.pages
                if (role is None or rl == role) and r.body and
                (r.header("Content-Type") or "").startswith("text/html")]

    def assertValid(self, pages):
        found = []
        for role, path, r in pages:
            ps = htmlcheck.problems(r.text)
            if ps:
                found.append(("%s as %s (%d)" % (path, role, r.status), ps))
        self.assertEqual(found, [], "pages that are not valid HTML:\n" + report(found))

    def test_the_crawl_reached_every_kind_of_page(self):
        paths = {path for _role, path, _r in self.html_pages()}
        for role in ROLES:
            self.assertGreater(len(self.html_pages(role)), 3, role)
        for path in ("/pw/%s/actions" % GERIATRIE, "/pw/%s/audit" % GERIATRIE, "/admin/audit",
                     "/admin/sign-in",
                     "/r/%s/p/1" % self.roles.participant_token):
            self.assertIn(path, paths)
        self.assertTrue(any(p.endswith("/dialogue") for p in paths))
        self.assertTrue(any(re.search(r"/results/[A-Z]{3}$", p) for p in paths))

    def test_pages_of_a_participant(self):
        self.assertValid(self.html_pages("participant") + self.html_pages("anonymous"))

    def test_pages_of_a_member(self):
        self.assertValid(self.html_pages("member"))

    def test_pages_of_a_coordinator(self):
        self.assertValid(self.html_pages("coordinator"))

    def test_pages_of_the_administrator(self):
        self.assertValid(self.html_pages("admin"))

    def test_forms_shown_again_with_their_errors(self):
        """Each kind of form of a coordinator's pages, sent with nothing
        filled in: the page that shows it again is valid, and its error
        summary links to fields that exist."""
        client = self.roles["coordinator"]
        sent, pages = set(), []
        for _role, path, r in self.html_pages("coordinator"):
            for f in parse_page(r.text).forms:
                texts = [x for x in f.fields if x["kind"] in ("text", "textarea", "email", "date", "url")]
                if f.method != "post" or NOT_SENT.search(f.action) or not texts:
                    continue
                key = (re.sub(r"\d+", "N", f.action), f.names())
                if key in sent:
                    continue
                sent.add(key)
                answer = client.post(f.action, {"csrf": self.roles.csrf("coordinator")})
                self.assertEqual(answer.status, 400, "%s from %s: %r" % (f.action, path, answer))
                pages.append(("coordinator", "POST %s (from %s)" % (f.action, path), answer))
        self.assertGreater(len(pages), 10)
        self.assertValid(pages)


class ValidatorTest(unittest.TestCase):
    """The validator itself finds what the test relies on."""

    HEAD = '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>t</title></head><body>'
    TAIL = "</body></html>"

    def problems(self, body):
        return htmlcheck.problems(self.HEAD + body + self.TAIL)

    @unittest.skipIf(htmlcheck.available(), "the HTML validators are missing")
    def test_a_valid_page_passes(self):
        self.assertEqual(self.problems(
            '<main id="main"><a href="#main">x</a><form><label for="f-a">A</label><input id="f-a" name="a" '
            'aria-describedby="h-a"><p id="h-a">hint</p></form><ul><li>x</li></ul>'
            '<dl><dt>a</dt><dd>b</dd></dl><svg role="img" aria-labelledby="t1"><title id="t1">c</title>'
            '<rect x="1" y="1" width="2" height="2"/></svg></main>'), [])

    @unittest.skipIf(htmlcheck.available(), "the HTML validators are missing")
    def test_what_it_finds(self):
        cases = {
            "duplicate id": '<select id="f-status"></select><select id="f-status"></select>',
            "unclosed": "<div><span>x</div>",
            "misnested": "<p><strong><em>x</strong></em></p>",
            "label for a missing id": '<label for="f-x">x</label><input id="f-y">',
            "aria reference to a missing id": '<input id="a" aria-describedby="e-a">',
            "link to a missing id": '<a href="#nowhere">x</a>',
            "block in phrasing": "<span><div>x</div></span>",
            "list item outside a list": "<div><li>x</li></div>",
            "link in a link": '<a href="/a">x <a href="/b">y</a></a>',
            "button in a link": '<a href="/a"><button>y</button></a>',
            "form in a form": "<form><form></form></form>",
            "paragraph in a paragraph": "<p>x<p>y</p></p>",
            "stray end tag": "<div>x</span></div>",
        }
        for name, body in cases.items():
            with self.subTest(name):
                self.assertNotEqual(self.problems(body), [], body)


if __name__ == "__main__":
    unittest.main()
