"""Issue 20, the programme lead's view, through HTTP: from the overview
to every workplace, read-only; closed rounds' results exactly as a member
sees them; nothing of open rounds beyond their existence; no comments; no
change (every POST 403) and no raw answers; trends per element across the
workplaces against an independent Welch computation from the API's
figures; the sector filter; the CSV of the overview table.

The access matrix (test_attack_access.py) has the lead's answer on every
route; here is what the pages show."""

import csv
import html
import io
import json
import math
import re
import statistics
import unittest

import attack
import harness
import qhelp
from harness import ADMIN, COORDINATOR, GERIATRIE, MEMBER, OOST, PETRA, PROGRAMME_LEAD, ServerTestCase

BRUG = "gezondheidscentrum-de-brug"
TECHNIEK = "leerwerkplaats-installatietechniek"
CLOSED = 2  # demo: geriatrie, "Meting najaar 2026", closed, 74 responses
OPEN = 7    # demo: geriatrie, "Tussenmeting", open, 7 responses
COMMENT = "Vrije tekst die alleen de leden lezen"

try:
    from scipy.stats import t as student_t

    def t_quantile(p, df):
        return float(student_t.ppf(p, df))
except ImportError:  # pragma: no cover - /usr/bin/python3 has scipy here
    student_t = None

    def t_quantile(p, df):
        """Bisection on the t distribution's CDF (regularised incomplete beta
        by a continued fraction)."""
        def betacf(a, b, x):
            qab, qap, qam = a + b, a + 1, a - 1
            c, d = 1.0, 1 - qab * x / qap
            d = 1 / d
            h = d
            for m in range(1, 300):
                m2 = 2 * m
                aa = m * (b - m) * x / ((qam + m2) * (a + m2))
                d = 1 / (1 + aa * d)
                c = 1 + aa / c
                h *= d * c
                aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
                d = 1 / (1 + aa * d)
                c = 1 + aa / c
                h *= d * c
            return h

        def ibeta(a, b, x):
            lbt = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x)
            if x < (a + 1) / (a + b + 2):
                return math.exp(lbt) * betacf(a, b, x) / a
            return 1 - math.exp(lbt) * betacf(b, a, 1 - x) / b

        def cdf(t):
            x = df / (df + t * t)
            tail = 0.5 * ibeta(df / 2, 0.5, x)
            return 1 - tail if t > 0 else tail

        lo, hi = 0.0, 1000.0
        for _ in range(200):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if cdf(mid) < p else (lo, mid)
        return (lo + hi) / 2


def shown_people(row):
    """n, mean and SD of everyone in a row's shown columns, from the columns
    (within and between them) when the API gives no 'weighted' cell."""
    if row.get("weighted"):
        return row["weighted"]
    cells = [c for c in row["columns"].values() if c]
    n = sum(c["n"] for c in cells)
    mean = sum(c["n"] * c["mean"] for c in cells) / n
    ss = sum(c["n"] * (c["mean"] - mean) ** 2 + (c["n"] - 1) * (c["sd"] or 0) ** 2 for c in cells)
    return {"n": n, "mean": mean, "sd": math.sqrt(ss / (n - 1))}


def verdict(before, after):
    """up, down, unclear or none for two element rows of the API, as the
    development page decides: Welch's 95% interval of the difference of
    the respondent-weighted means of the people in the shown columns (the
    'weighted' cell where the API gives it, else the columns pooled)."""
    if not before.get("shown") or not after.get("shown"):
        return "none"
    a, b = shown_people(before), shown_people(after)
    if a["n"] < 2 or b["n"] < 2:
        return "none"
    v1, v2 = a["sd"] ** 2 / a["n"], b["sd"] ** 2 / b["n"]
    diff = b["mean"] - a["mean"]
    se = math.sqrt(v1 + v2)
    if se == 0:
        lo = hi = diff
    else:
        df = (v1 + v2) ** 2 / (v1 ** 2 / (a["n"] - 1) + v2 ** 2 / (b["n"] - 1))
        t = t_quantile(0.975, df)
        lo, hi = diff - t * se, diff + t * se
    return "up" if lo > 0 else "down" if hi < 0 else "unclear"


def all_answers(perspective, value_of):
    """Every statement put to the perspective, answered value_of(i)."""
    out = {}
    for n, e in enumerate(qhelp.ELEMENTS):
        for i, item in enumerate(qhelp.element(e)["items"]):
            if qhelp.shown_to(item, perspective):
                out[item["id"]] = value_of(n + i)
    return out


def table(page, table_id):
    m = re.search(r'<table[^>]*\bid="%s".*?</table>' % re.escape(table_id), page.text, re.S)
    if not m:
        raise AssertionError("no table %s on the page" % table_id)
    return m.group(0)


def caption_table(page, caption_id):
    """A results table, named by its caption's id."""
    m = re.search(r'<table class="[^"]*"><caption id="%s-caption">.*?</table>' % re.escape(caption_id),
                  page.text, re.S)
    if not m:
        raise AssertionError("no table %s on the page" % caption_id)
    return m.group(0)


def text_of(fragment):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def post_forms(page):
    """The actions of the POST forms on a page, the header's language and
    logout forms left out."""
    return [a for a in re.findall(r'<form method="post" action="([^"]*)"', page.text)
            if a not in ("/lang", "/logout")]


class LeadTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        s = cls.server
        # a second closed round in two workplaces: one clearly better, one
        # clearly worse than their first (students only, so the whole group
        # may be shown and the change can be computed)
        cls.brug2, _ = qhelp.new_round(s, BRUG, title="Tweede meting", opens=attack.today(-30),
                                       closes=attack.today(-20), k=5)
        qhelp.add_responses(s, cls.brug2, [
            ("student", all_answers("student", lambda i, n=n: 5 if (i + n) % 4 else 4),
             {"LOS_good": "%s %d" % (COMMENT, n)}) for n in range(12)])
        cls.techniek2, _ = qhelp.new_round(s, TECHNIEK, title="Tweede meting techniek", opens=attack.today(-30),
                                           closes=attack.today(-20), k=5)
        qhelp.add_responses(s, cls.techniek2, [
            ("student", all_answers("student", lambda i, n=n: 1 if (i + n) % 3 else 2), {})
            for n in range(12)])

    def login(self, email):
        c = self.client()
        c.login_ok(email)
        return c

    def lead(self):
        return self.login(PROGRAMME_LEAD)

    # ---- the way in ----

    def test_every_workplace_from_the_overview_and_every_link_opens(self):
        """From /overview, every workplace by its link; following every link
        into the workplaces (and on) opens a page (no link to a page the
        lead may not see), and no page has a form that changes anything."""
        c = self.lead()
        page = c.get("/overview")
        self.assertEqual(page.status, 200, page)
        rows = dict(re.findall(r'<tr data-slug="([^"]+)">(.*?)</tr>', table(page, "overview"), re.S))
        self.assertEqual(len(rows), 5)
        for slug, row in rows.items():
            self.assertIn('href="/pw/%s"' % slug, row)
        seen, todo, reached = set(), ["/overview"], set()
        while todo:
            path = todo.pop()
            if path in seen:
                continue
            seen.add(path)
            r = c.get(path)
            with self.subTest(path=path):
                self.assertEqual(r.status, 200, r)
                self.assertEqual(post_forms(r), [], path)
                self.assertNotIn("/rounds/%d/" % OPEN, r.text.replace("/rounds/%d/results" % CLOSED, ""))
                for bad in ("/dialogue", "/export/", "/members", "/poster", "/audit"):
                    self.assertNotIn('href="/pw/%s' % GERIATRIE + bad, r.text)
            m = re.match(r"/pw/([^/?]+)", path)
            if m:
                reached.add(m.group(1))
            if "text/html" not in (r.header("Content-Type") or ""):
                continue
            for href in re.findall(r'href="([^"#]*)"', r.text):
                href = html.unescape(href)
                if href.startswith("/pw/"):
                    todo.append(href)
        self.assertEqual(reached, set(rows))
        self.assertGreater(len(seen), 50)

    def test_the_workplace_page_read_only(self):
        c = self.lead()
        page = c.get("/pw/%s" % GERIATRIE)
        self.assertEqual(page.status, 200, page)
        t = text_of(page.text)
        self.assertIn('id="lead-view"', page.text)
        for part in ("De negen kenmerken", "Open verbeteracties", "Opbrengsten", "Partners",
                     "Ziekenhuis Rijnoever"):
            self.assertIn(part, t)
        self.assertNotIn('id="members"', page.text)  # the member list is for members
        self.assertNotIn("Sanne Bakker", t)
        self.assertNotIn("Profiel bewerken", t)
        self.assertNotIn("Kenmerken beoordelen", t)
        # a member sees the same sections and the members
        m = self.login(MEMBER).get("/pw/%s" % GERIATRIE)
        self.assertIn('id="members"', m.text)
        self.assertNotIn('id="lead-view"', m.text)

    # ---- results ----

    def test_closed_results_equal_what_a_member_sees(self):
        lead = self.lead()
        for who, slug, rid in ((MEMBER, GERIATRIE, CLOSED), (PETRA, BRUG, self.brug2), (PETRA, OOST, 6)):
            other = self.login(who)
            for rest, ids in (("results", ("elements", "outcomes", "statements")),
                              ("results/LOS", ("element",)), ("results/VMM", ("element",))):
                path = "/pw/%s/rounds/%d/%s" % (slug, rid, rest)
                a, b = lead.get(path), other.get(path)
                with self.subTest(path=path):
                    self.assertEqual(a.status, 200, a)
                    self.assertEqual(b.status, 200, b)
                    for t in ids:
                        self.assertEqual(caption_table(a, t), caption_table(b, t), t)
                    self.assertEqual(re.findall(r"<svg\b.*?</svg>", a.text, re.S),
                                     re.findall(r"<svg\b.*?</svg>", b.text, re.S))
        # and the same figures as the API gives a member
        api = json.loads(self.login(MEMBER).get("/api/v1/rounds/%d/results" % CLOSED).text)
        page = lead.get("/pw/%s/rounds/%d/results" % (GERIATRIE, CLOSED))
        rows = re.findall(r'<tr><th scope="row"><a href="[^"]*/results/(\w+)">.*?</tr>',
                          caption_table(page, "elements"), re.S)
        self.assertEqual(rows, qhelp.ELEMENTS)
        for code in qhelp.ELEMENTS:
            h = api["elements"][code]["headline"]
            if h is not None:
                self.assertIn("%.1f" % h, text_of(re.search(
                    r'/results/%s">.*?</tr>' % code, caption_table(page, "elements"), re.S).group(0)))

    def test_nothing_of_an_open_round(self):
        c = self.lead()
        base = "/pw/%s/rounds/%d" % (GERIATRIE, OPEN)
        for path in (base, base + "/results", base + "/results/LOS", base + "/poster", base + "/dialogue",
                     base + "/export", "/api/v1/rounds/%d" % OPEN, "/api/v1/rounds/%d/results" % OPEN):
            r = c.get(path)
            with self.subTest(path=path):
                self.assertEqual(r.status, 403, r)
                self.assertNotIn("Tussenmeting", r.text)
        rounds = c.get("/pw/%s/rounds" % GERIATRIE)
        self.assertEqual(rounds.status, 200, rounds)
        row = re.search(r'<tr data-round="%d">.*?</tr>' % OPEN, rounds.text, re.S).group(0)
        self.assertIn("Tussenmeting", row)  # it exists
        self.assertNotIn("href", row)
        self.assertNotIn(">7<", row)  # no count of responses
        closed = re.search(r'<tr data-round="%d">.*?</tr>' % CLOSED, rounds.text, re.S).group(0)
        self.assertIn('href="/pw/%s/rounds/%d/results"' % (GERIATRIE, CLOSED), closed)
        self.assertNotIn(">74<", closed)
        self.assertNotIn('href="/pw/%s/rounds/%d"' % (GERIATRIE, CLOSED), rounds.text)
        dev = c.get("/pw/%s/development" % GERIATRIE)
        self.assertEqual(dev.status, 200, dev)
        self.assertNotIn("/rounds/%d/" % OPEN, dev.text)
        # the member sees the open round's page with its counts
        m = self.login(MEMBER)
        self.assertEqual(m.get(base).status, 200)
        self.assertIn('href="%s"' % base, m.get("/pw/%s/rounds" % GERIATRIE).text)

    def test_no_comments(self):
        path = "/pw/%s/rounds/%d/results/LOS" % (BRUG, self.brug2)
        coordinator = self.login(PETRA).get(path)
        self.assertIn(COMMENT, coordinator.text)  # shown to the workplace (12 students, k_comments 7)
        lead = self.lead().get(path)
        self.assertEqual(lead.status, 200, lead)
        self.assertNotIn(COMMENT, lead.text)
        self.assertIn('id="comments-withheld"', lead.text)
        self.assertEqual(self.lead().get("/pw/%s/rounds/%d/dialogue" % (BRUG, self.brug2)).status, 403)
        self.assertNotIn("/dialogue", lead.text)

    def profile_form(self, client, slug):
        """The fields of a workplace's profile form as its coordinator sees
        them (saving them again changes nothing)."""
        page = client.get("/pw/%s/profile" % slug)
        self.assertEqual(page.status, 200, page)
        form = [f for f in attack.parse_page(page.text).forms if f.action.endswith("/profile")][0]
        out = []
        for f in form.fields:
            if f["kind"] == "checkbox":
                if f["checked"]:
                    out.append((f["name"], f["value"]))
            elif f["kind"] != "button":
                out.append((f["name"], f["value"]))
        return out

    def set_share_comments(self, on):
        c = self.login(PETRA)
        fields = [(k, v) for k, v in self.profile_form(c, BRUG) if k != "share_comments_lead"]
        if on:
            fields.append(("share_comments_lead", "1"))
        r = c.post("/pw/%s/profile" % BRUG, fields)
        self.assertEqual(r.status, 303, r)
        checked = dict((k, v) for k, v in self.profile_form(c, BRUG))
        self.assertEqual("share_comments_lead" in checked, on)

    def test_shared_comments_only_where_the_workplace_allows(self):
        """Off by default; on: the lead reads the comments of a closed
        round's element page as the coordinator does (still under the
        round's k_comments), never the dialogue agenda; off again: gone.
        Another workplace's setting does not open this one's."""
        path = "/pw/%s/rounds/%d/results/LOS" % (BRUG, self.brug2)
        self.assertEqual(self.server.sql("SELECT share_comments_lead FROM workplaces WHERE slug = '%s'" % BRUG),
                         [["0"]])
        def profile():
            return (self.server.sql("SELECT * FROM workplaces WHERE slug = '%s'" % BRUG),
                    self.server.sql("SELECT t.kind, t.text FROM workplace_triggers t JOIN workplaces w"
                                    " ON w.id = t.workplace_id WHERE w.slug = '%s' ORDER BY t.kind" % BRUG))
        before = profile()
        try:
            self.set_share_comments(True)
            lead = self.lead()
            page = lead.get(path)
            self.assertEqual(page.status, 200, page)
            self.assertNotIn('id="comments-withheld"', page.text)
            mine = sorted(re.findall(r"%s \d+" % COMMENT, page.text))
            self.assertEqual(len(mine), 12)
            self.assertEqual(mine, sorted(re.findall(r"%s \d+" % COMMENT, self.login(PETRA).get(path).text)))
            self.assertEqual(lead.get("/pw/%s/rounds/%d/dialogue" % (BRUG, self.brug2)).status, 403)
            self.assertNotIn("/dialogue", page.text)
            # the API gives the lead the same comments as the coordinator, in the page's order
            api = "/api/v1/rounds/%d/comments" % self.brug2
            got = json.loads(lead.get(api).text)
            self.assertEqual(got, json.loads(self.login(PETRA).get(api).text))
            los = [c["text"] for c in got["comments"] if c["element"] == "LOS"]
            self.assertEqual(los, re.findall(r"<blockquote>(%s \d+)</blockquote>" % COMMENT, page.text))
            self.assertTrue(all(c["group"] == "student" for c in got["comments"]))
            self.assertIn('data-comments="shared"', lead.get("/pw/%s" % BRUG).text)
            self.assertNotIn('data-comments="shared"', lead.get("/pw/%s" % GERIATRIE).text)
            # the audit log says who shared them
            audit = self.server.sql("SELECT detail FROM audit_log WHERE action = 'profile updated'"
                                    " ORDER BY id DESC LIMIT 1")
            self.assertIn("comments shared with the programme lead", audit[0][0])
            # geriatrie does not share: its comments stay hidden
            other = lead.get("/pw/%s/rounds/%d/results/LOS" % (GERIATRIE, CLOSED))
            self.assertIn('id="comments-withheld"', other.text)
            # a member (not a coordinator) cannot change the setting
            m = self.login(MEMBER)
            self.assertEqual(m.post("/pw/%s/profile" % GERIATRIE,
                                    [("csrf", m.csrf("/pw/%s" % GERIATRIE)), ("name", "x"),
                                     ("share_comments_lead", "1")]).status, 403)
        finally:
            self.set_share_comments(False)
        page = self.lead().get(path)
        self.assertNotIn(COMMENT, page.text)
        self.assertIn('id="comments-withheld"', page.text)
        r = self.lead().get("/api/v1/rounds/%d/comments" % self.brug2)
        self.assertEqual(r.status, 403, r)
        self.assertNotIn(COMMENT, r.text)
        self.assertEqual(profile(), before)  # the rest of the profile as it was

    # ---- no change, no raw answers ----

    def test_every_post_is_refused(self):
        """Every POST route of a workplace, with the lead's valid CSRF token:
        403, and the database as before."""
        c = self.lead()
        tok = c.csrf("/overview")
        before = self.server.dump()
        n = 0
        for method, pattern, _access, _tx in attack.route_table():
            if method != "POST" or not pattern.startswith(("/pw/", "/api/v1/workplaces/")):
                continue
            path = attack.Fixture.fill(pattern, {"slug": GERIATRIE, "id": str(CLOSED), "org": "1", "link": "1",
                                                 "entry": "1", "year": "2026"})
            headers = {"X-CSRF-Token": tok} if pattern.startswith("/api/") else None
            r = c.post(path, [("csrf", tok), ("title", "Van de programmaleider")], headers=headers)
            with self.subTest(path=path):
                self.assertEqual(r.status, 403, r)
            n += 1
        self.assertGreater(n, 25)
        self.assertEqual(before.splitlines(), self.server.dump().splitlines())

    def test_no_raw_answers(self):
        c = self.lead()
        base = "/pw/%s/rounds/%d" % (GERIATRIE, CLOSED)
        for path, status in ((base + "/export", 403), (base + "/export/answers-wide.csv", 403),
                             (base + "/export/answers.json", 403), (base + "/import", 403),
                             ("/api/v1/rounds/%d/answers" % CLOSED, 403), ("/research/export", 404),
                             ("/research/export/answers-wide.csv", 404)):
            r = c.get(path)
            with self.subTest(path=path):
                self.assertEqual(r.status, status, r)
                self.assertNotIn("respondent", r.text[:2000].lower().replace("respondenten", ""))

    # ---- the overview: trends, sector, CSV ----

    def independent_verdicts(self):
        """{slug: [verdict per element] or None}: from the API's figures as
        the administrator reads them, the two latest closed rounds whose
        figures are shown."""
        a = self.login(ADMIN)
        out = {}
        for w in json.loads(a.get("/api/v1/workplaces").text)["items"]:
            slug = w["slug"]
            rounds = json.loads(a.get("/api/v1/workplaces/%s/rounds?limit=100" % slug).text)["items"]
            shown = []
            for rd in sorted(rounds, key=lambda x: (x["opens_on"], x["id"]), reverse=True):
                if rd["state"] != "closed":
                    continue
                res = json.loads(a.get("/api/v1/rounds/%d/results" % rd["id"]).text)
                if res["released"] and res["shown"]:
                    shown.append(res)
                if len(shown) == 2:
                    break
            out[slug] = ([verdict(shown[1]["elements"][e], shown[0]["elements"][e]) for e in qhelp.ELEMENTS]
                         if len(shown) == 2 else None)
        return out

    def test_trends_against_an_independent_computation(self):
        mine = self.independent_verdicts()
        self.assertEqual(len(mine), 5)
        page = self.lead().get("/overview")
        trends = table(page, "trends-table")
        flat = [v for vs in mine.values() if vs for v in vs]
        self.assertIn("up", flat)
        self.assertIn("down", flat)
        # the rounds added above: up and down where their first round's
        # figures allow a comparison at all
        self.assertNotIn("down", mine[BRUG])
        self.assertIn("up", mine[BRUG])
        self.assertNotIn("up", mine[TECHNIEK])
        self.assertIn("down", mine[TECHNIEK])
        for e, code in enumerate(qhelp.ELEMENTS):
            row = re.search(r'<tr data-element="%s">.*?</tr>' % code, trends, re.S).group(0)
            shown = dict(re.findall(r'data-trend="(\w+)">(\d+)<', row))
            want = {k: sum(1 for vs in mine.values() if vs and vs[e] == k)
                    for k in ("up", "unclear", "down", "none")}
            self.assertEqual({k: int(v) for k, v in shown.items()}, want, code)
        compared = sum(1 for vs in mine.values() if vs)
        self.assertIn("Van 5 werkplaatsen hebben er %d twee afgesloten metingen" % compared, text_of(trends + page.text))
        # and each workplace's marks in the table say the same
        rows = dict(re.findall(r'<tr data-slug="([^"]+)">(.*?)</tr>', table(page, "overview"), re.S))
        for slug, vs in mine.items():
            marks = re.findall(r'class="change change-(\w+)"', rows[slug])
            self.assertEqual(marks, vs or [], slug)

    def test_sector_filter(self):
        c = self.lead()
        page = c.get("/overview")
        sector = re.search(r'<select id="f-sector".*?</select>', page.text, re.S).group(0)
        options = re.findall(r'<option value="([^"]*)"', sector)
        self.assertEqual(options, ["", "Eerstelijnszorg", "Onderwijs", "Sociaal werk", "Techniek", "Zorg"])
        zorg = c.get("/overview?sector=Zorg")
        self.assertEqual(zorg.status, 200)
        self.assertEqual(re.findall(r'<tr data-slug="([^"]+)">', table(zorg, "overview")), [GERIATRIE])
        self.assertIn('<option value="Zorg" selected>', zorg.text)
        self.assertIn('href="/overview/export?sector=Zorg"', zorg.text)
        sociaal = c.get("/overview?sector=Sociaal%20werk")
        self.assertEqual(re.findall(r'<tr data-slug="([^"]+)">', table(sociaal, "overview")), [OOST])
        self.assertIn('href="/overview/export?sector=Sociaal%20werk"', sociaal.text)
        none = c.get("/overview?sector=Geen")
        self.assertEqual(re.findall(r'<tr data-slug="([^"]+)">', table(none, "overview")), [])
        rows = list(csv.reader(io.StringIO(c.get("/overview/export?sector=Zorg").text)))
        self.assertEqual([r[1] for r in rows[1:]], [GERIATRIE])
        # the trends follow the filter: one workplace compared
        self.assertIn("Van 1 werkplaatsen hebben er 1", text_of(zorg.text))

    def test_partner_and_age_filters(self):
        """?partner= keeps the workplaces with a partner of that kind, ?age=
        those of that age (whole years since the start date: under 2, 2 to
        5, 5 or more, unknown); both worked out here from the store."""
        c = self.lead()
        kinds = {}
        for slug, kind in self.server.sql("SELECT w.slug, o.kind FROM partners p JOIN workplaces w"
                                          " ON w.id = p.workplace_id JOIN organisations o ON o.id = p.organisation_id"):
            kinds.setdefault(kind, set()).add(slug)
        self.assertGreaterEqual(len(kinds), 2)
        for kind, slugs in kinds.items():
            page = c.get("/overview?partner=%s" % kind)
            self.assertEqual(page.status, 200, page)
            self.assertEqual(set(re.findall(r'<tr data-slug="([^"]+)">', table(page, "overview"))), slugs, kind)
            self.assertIn('href="/overview/export?partner=%s"' % kind, page.text)
            rows = list(csv.DictReader(io.StringIO(c.get("/overview/export?partner=%s" % kind).text)))
            self.assertEqual({r["slug"] for r in rows}, slugs)
        today = attack.today()

        def age(start):
            if not start or start > today:
                return "unknown"
            years = int(today[:4]) - int(start[:4]) - (today[5:] < start[5:])
            return "young" if years < 2 else "growing" if years < 5 else "mature"
        ages = {}
        for slug, start in self.server.sql("SELECT slug, coalesce(start_date, '') FROM workplaces"):
            ages.setdefault(age(start), set()).add(slug)
        for a in ("young", "growing", "mature", "unknown"):
            page = c.get("/overview?age=%s" % a)
            self.assertEqual(set(re.findall(r'<tr data-slug="([^"]+)">', table(page, "overview"))),
                             ages.get(a, set()), a)
        both = c.get("/overview?sector=Zorg&partner=hbo&age=%s" % age(self.server.sql(
            "SELECT coalesce(start_date, '') FROM workplaces WHERE slug = '%s'" % GERIATRIE)[0][0]))
        want = [GERIATRIE] if GERIATRIE in kinds.get("hbo", ()) else []
        self.assertEqual(re.findall(r'<tr data-slug="([^"]+)">', table(both, "overview")), want)
        self.assertIn("/overview/export?sector=Zorg&amp;partner=hbo&amp;age=", both.text)
        for bad in ("/overview?partner=alien", "/overview?age=old", "/overview/export?age=old"):
            self.assertEqual(c.get(bad).status, 400, bad)

    def test_characteristics_and_triggers_in_the_overview(self):
        """Beside the element scores: the current assessment per state and
        the triggers of each workplace's profile, from the store."""
        page = self.lead().get("/overview")
        rows = dict(re.findall(r'<tr data-slug="([^"]+)">(.*?)</tr>', table(page, "overview"), re.S))
        for slug, row in rows.items():
            latest = self.server.sql("SELECT a.id FROM characteristic_assessments a JOIN workplaces w"
                                     " ON w.id = a.workplace_id WHERE w.slug = '%s' ORDER BY a.id DESC LIMIT 1" % slug)
            states = [s for (s,) in self.server.sql(
                "SELECT state FROM characteristic_ratings WHERE assessment_id = %s" % latest[0][0])] if latest else []
            m = re.search(r'data-met="(\d+)" data-partly="(\d+)" data-not-yet="(\d+)"', row)
            self.assertEqual(tuple(int(x) for x in m.groups()),
                             (states.count("met"), states.count("partly"), states.count("not_yet")), slug)
            triggers = sorted(k for (k,) in self.server.sql(
                "SELECT t.kind FROM workplace_triggers t JOIN workplaces w ON w.id = t.workplace_id"
                " WHERE w.slug = '%s' AND t.text <> ''" % slug))
            self.assertEqual(sorted(re.findall(r'data-trigger="(\w+)"', row)), triggers, slug)
        self.assertTrue(any('data-trigger=' in row for row in rows.values()))

    def test_csv_equals_the_table(self):
        c = self.lead()
        page = c.get("/overview")
        r = c.get("/overview/export")
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.header("Content-Type").startswith("text/csv"), r)
        self.assertIn("attachment", r.header("Content-Disposition"))
        rows = list(csv.DictReader(io.StringIO(r.text)))
        html_rows = re.findall(r'<tr data-slug="([^"]+)">(.*?)</tr>', table(page, "overview"), re.S)
        self.assertEqual([x["slug"] for x in rows], [s for s, _ in html_rows])
        for (slug, row), got in zip(html_rows, rows):
            cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
            with self.subTest(slug=slug):
                self.assertEqual(text_of(cells[0]), got["workplace"])
                latest = text_of(cells[1])
                if got["latest_round"]:
                    self.assertTrue(latest.startswith("%s %s, n=%s" % (got["latest_round"], got["closes_on"],
                                                                      got["respondents"])), latest)
                else:
                    self.assertTrue(latest.startswith("nog geen resultaten"), latest)
                if got["running_now"]:
                    self.assertIn("loopt nu: %s" % got["running_now"], latest)
                else:
                    self.assertNotIn("loopt nu", latest)
                for i, code in enumerate(qhelp.ELEMENTS):
                    cell = cells[2 + i]
                    self.assertEqual(re.match(r"[\d.–]+", text_of(cell)).group(0), got[code] or "–", code)
                    mark = re.findall(r'change-(\w+)"', cell)
                    self.assertEqual(mark[0] if mark else "", got[code + "_change"], code)
                self.assertEqual(text_of(cells[8]), got["open_actions"])
                self.assertEqual(text_of(cells[9]).replace(" ⚠", ""), got["overdue_actions"])
                self.assertEqual(text_of(cells[10]), got["outcomes_per_year"] or "–")
                counts = (got["characteristics_met"], got["characteristics_partly"], got["characteristics_not_yet"])
                self.assertEqual(text_of(cells[11]), "%s voldaan, %s deels, %s nog niet" % counts
                                 if counts != ("0", "0", "0") else "niet beoordeeld")
                self.assertEqual(re.findall(r'data-trigger="(\w+)"', cells[12]), got["triggers"].split())
        # nothing but these columns: the figures shown
        self.assertEqual(list(rows[0].keys()), ["workplace", "slug", "sector", "latest_round", "closes_on",
                                                "respondents"] + qhelp.ELEMENTS +
                         [e + "_change" for e in qhelp.ELEMENTS] +
                         ["open_actions", "overdue_actions", "outcomes_per_year", "running_now",
                          "characteristics_met", "characteristics_partly", "characteristics_not_yet", "triggers"])
        # for programme leads and administrators only
        self.assertEqual(self.login(COORDINATOR).get("/overview/export").status, 404)
        self.assertEqual(self.login(ADMIN).get("/overview/export").text, r.text)


if __name__ == "__main__":
    unittest.main()
