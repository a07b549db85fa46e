"""test_attack_disclosure.py - issue 16: anonymity that holds against
someone who tries. The suite plays the attacker against the running server.

It submits answers it chose itself (so it knows the truth), reads every
figure a plain member, a coordinator, a researcher and a programme lead can
see - the results overview, each element page, the dialogue agenda, the
JSON API, the round export (wide CSV), the research export across
workplaces, the programme's overview, the development page and the
respondent's own results page - and tries to get back the answers of a
group smaller than k:

(a) the named attacks of the issue, computed literally from the figures
    (the rows of one round; two looks at a round around a submission, a
    withdrawal or a reopening; fake respondents through the open link);
    each asserts that the figures it needs are absent, or that what it
    computes is not the hidden person's answer;
(b) a generic attacker: every shown figure becomes a linear equation over
    the answers of the people in it (who is in which cell follows from the
    perspectives, which this suite chose), the exports' rows add equations
    per (label, shape of the row), and exact rational Gaussian elimination
    (fractions.Fraction) decides whether any nonzero combination of the
    answers of a hidden group (1..k-1 people not shown as a column) is
    determined. See `Attacker` for the unknowns and what is modelled.

Expected values come from this file's own computation from the raw answers
it submitted, never from the program. The disclosure rules tested are those
of issue 16 (round plan; a row never re-pools; a cell needs n >= k and, for
element and outcome rows, the same statements for every perspective in it;
a row's total only when everyone in the row is in a shown cell; results
only after the round closed, and a round whose results were shown is not
reopened; comments only from columns of k + 2 or more).

Bulk answers go straight into the store (qhelp.add_responses, as the other
result tests do); people whose submission is part of an attack come through
personal invitation links (not throttled); only the fake respondents use
the open link, as an attacker would, one fresh browser each.

Runs on SQLite and on PostgreSQL (WERKPLAATS_TEST_STORE, see harness.py):
  make build/werkplaats-asan
  WERKPLAATS_BIN=build/werkplaats-asan /usr/bin/python3 -m unittest discover -s tests/http \
      -t tests/http -p test_attack_disclosure.py -v
  sh tests/pg.sh run sh -c 'WERKPLAATS_BIN=build/werkplaats-asan WERKPLAATS_TEST_STORE=pg \
      /usr/bin/python3 -m unittest discover -s tests/http -t tests/http -p test_attack_disclosure.py -v'
"""

import csv
import datetime
import hashlib
import html
import html.parser
import io
import itertools
import json
import random
import re
import unittest
from fractions import Fraction

import harness
import qhelp
from harness import (COORDINATOR, GERIATRIE, MEMBER, PROGRAMME_LEAD, RESEARCHER, ServerTestCase,
                     csrf_from)

K = 5
K_COMMENTS = K + 2
PERSPECTIVES = ["student", "professional", "teacher", "researcher", "citizen", "manager", "other"]
COLUMN_OF_LABEL = {  # the Dutch column headings of the results pages
    "Student": "student", "Professional": "professional", "Docent": "teacher",
    "Onderzoeker": "researcher", "Burger / cliënt": "citizen", "Leidinggevende": "manager",
    "Anders": "other", "Overig (samengevoegd)": "other",
}

# ---------------------------------------------------------------------------
# the instrument, read independently of the program

STATEMENTS = []  # {id, kind: el|out, group, reverse, persp: set or None, text}
for _e in qhelp.INSTRUMENT["elements"]:
    for _i in _e["items"]:
        STATEMENTS.append({"id": _i["id"], "kind": "el", "group": _e["code"], "reverse": bool(_i.get("reverse")),
                           "persp": set(_i["perspectives"]) if "perspectives" in _i else None,
                           "text": _i["text"]["nl"]})
for _o in qhelp.INSTRUMENT["outcomes"]:
    for _i in _o["items"]:
        STATEMENTS.append({"id": _i["id"], "kind": "out", "group": _o["code"], "reverse": bool(_i.get("reverse")),
                           "persp": set(_i["perspectives"]) if "perspectives" in _i else None,
                           "text": _i["text"]["nl"]})
ST = {s["id"]: s for s in STATEMENTS}
ELEMENTS = [e["code"] for e in qhelp.INSTRUMENT["elements"]]
OUTCOMES = [o["code"] for o in qhelp.INSTRUMENT["outcomes"]]
ELEMENT_NAME = {e["code"]: e["name"]["nl"] for e in qhelp.INSTRUMENT["elements"]}
OUTCOME_NAME = {o["code"]: o["name"]["nl"] for o in qhelp.INSTRUMENT["outcomes"]}
# rows: ("el", code), ("out", code), ("st", id); a row's block is its element or outcome category
ROWS = [("el", c) for c in ELEMENTS] + [("out", c) for c in OUTCOMES] + [("st", s["id"]) for s in STATEMENTS]
STAFF_ONLY = [s["id"] for s in STATEMENTS if s["persp"] == {"professional", "teacher", "researcher", "manager"}]


def asked(persp, sid):
    p = ST[sid]["persp"]
    return p is None or persp in p


def group_items(kind, code, persp):
    return [s["id"] for s in STATEMENTS if s["kind"] == kind and s["group"] == code and asked(persp, s["id"])]


def row_items(row, persp):
    if row[0] == "st":
        return [row[1]] if asked(persp, row[1]) else []
    return group_items(row[0], row[1], persp)


def block_of(row):
    return (row[0], row[1]) if row[0] != "st" else (ST[row[1]]["kind"], ST[row[1]]["group"])


def row_name(row):
    return row[1] if row[0] != "out" else "outcome " + row[1]


def scored(sid, v):
    return 6 - v if ST[sid]["reverse"] else v


def today(offset=0):
    return (datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=offset)).isoformat()


def token_for(label):
    return ("W" + hashlib.sha256(label.encode()).hexdigest())[:22]


def tenths(v):
    """A mean as the pages show it (printf %.1f)."""
    return "%.1f" % v


# ---------------------------------------------------------------------------
# people and their answers


class Person:
    """One respondent: perspective, the group the suite puts them in (people
    who are alike for every figure), answers {statement: 1..5 as given} to
    every statement put to the perspective, and how they came in."""

    def __init__(self, name, group, persp, answers, comment=None):
        self.name, self.group, self.persp, self.answers = name, group, persp, answers
        self.comment = comment
        self.token = None  # /r/ token when they came through a link
        self.client = None

    def value(self, row):
        """Their value in a row: the scored answer, or the element/outcome
        score (a Fraction), or None."""
        items = row_items(row, self.persp)
        if not items:
            return None
        vals = [scored(i, self.answers[i]) for i in items]
        return Fraction(sum(vals), len(vals)) if row[0] != "st" else vals[0]

    def __repr__(self):
        return "<%s %s>" % (self.persp, self.name)


def random_answers(rng, persp, const=None):
    return {s["id"]: (const if const is not None else rng.randint(1, 5)) for s in STATEMENTS if asked(persp, s["id"])}


def make_people(rng, spec, prefix=""):
    """spec: [(group name, perspective, count)] -> [Person], answers unique."""
    out = []
    for group, persp, count in spec:
        for n in range(count):
            out.append(Person("%s%s%d" % (prefix, group, n + 1), group, persp, random_answers(rng, persp),
                              comment="opmerking-%s%s-%d-%d" % (prefix, group, n + 1, rng.randint(0, 10**9))))
    return out


# ---------------------------------------------------------------------------
# the linear algebra: unknowns, equations, exact elimination


def C(g, sid, v):
    """Unknown: how many people of group g gave answer v (1..4) to sid. The
    count for 5 is the group's size minus the others (sizes are public: the
    round page shows them), so it is not an unknown of its own."""
    return ("C", g, sid, v)


def Q(g, row):
    """Unknown: the sum of the squared element/outcome scores of group g
    (what an SD adds for a row that is a mean of several answers)."""
    return ("Q", g, row)


def add_to(d, var, coef):
    if coef:
        c = d.get(var, 0) + coef
        if c:
            d[var] = c
        else:
            d.pop(var, None)


def sum_terms(d, g, persp, row, mult):
    """n x mean of group g in row: its scored sum (constants dropped)."""
    items = row_items(row, persp)
    if not items:
        return
    per = Fraction(1) if row[0] == "st" else Fraction(1, len(items))
    for sid in items:
        s5 = scored(sid, 5)
        for v in range(1, 5):
            add_to(d, C(g, sid, v), mult * per * (scored(sid, v) - s5))


def square_terms(d, g, persp, row, mult):
    if row[0] == "st":
        sid = row[1]
        s5 = scored(sid, 5)
        for v in range(1, 5):
            add_to(d, C(g, sid, v), mult * (scored(sid, v) ** 2 - s5 ** 2))
    elif row_items(row, persp):
        add_to(d, Q(g, row), mult)


def dist_terms(d, g, sid, v):
    """How many of group g gave answer v (as given) to sid."""
    if v < 5:
        add_to(d, C(g, sid, v), Fraction(1))
    else:
        for u in range(1, 5):
            add_to(d, C(g, sid, u), Fraction(-1))


class Group:
    def __init__(self, gid, persp, people, known=False):
        self.gid, self.persp, self.people, self.known = gid, persp, people, known

    @property
    def size(self):
        return len(self.people)

    def has_value(self, row):
        return bool(row_items(row, self.persp))

    def truth(self, var):
        if var[0] == "C":
            _, _, sid, v = var
            return sum(1 for p in self.people if p.answers.get(sid) == v)
        return sum(p.value(var[2]) ** 2 for p in self.people)


class ModelError(AssertionError):
    """The figures do not fit the suite's model of who is in which cell."""


class Attacker:
    """Everything an attacker has read, as linear equations.

    Unknowns per group of people who are alike for every figure (same
    round, perspective and presence at every look): C(g, statement, v),
    how many of them gave answer v (v = 1..4), and Q(g, row), the sum of
    their squared element or outcome scores. Everyone in the suite answers
    every statement put to them, so an element score is linear in the
    answers. Equations: n x mean and the sum of squares (from n, mean, SD)
    of every shown cell and total, a statement's distribution, the
    headline (mean of the shown column means), and per export (label,
    shape of the row): how often each answer was given to each statement,
    plus the squared element scores where the row holds every statement
    the people in it were asked. Not modelled: the linkage of answers
    within one export row beyond its shape, and figures given with one
    decimal only (the pages are checked to show nothing the API does not).
    A group the attacker made up (fake respondents) is known: its
    unknowns are given as equations."""

    def __init__(self):
        self.groups = {}  # gid -> Group
        self.eqs = []  # (block, {var: coef}, label)

    def group(self, gid, persp, people, known=False):
        if gid not in self.groups:
            self.groups[gid] = Group(gid, persp, people, known)
            if known:
                for s in STATEMENTS:
                    if asked(persp, s["id"]):
                        for v in range(1, 5):
                            self.eqs.append((block_of(("st", s["id"])), {C(gid, s["id"], v): Fraction(1)},
                                             "fake %s known" % gid))
        return self.groups[gid]

    def add(self, block, coeffs, label):
        if coeffs:
            self.eqs.append((block, dict(coeffs), label))

    # ---- figures ----

    def cell(self, label, row, groups, n, sd=None, dist=None):
        """A shown cell (or total) of row over groups (Group objects)."""
        have = [g for g in groups if g.has_value(row)]
        if sum(g.size for g in have) != n:
            raise ModelError("%s: n=%d but the suite put %d people there (%s)" %
                             (label, n, sum(g.size for g in have), [g.gid for g in have]))
        b = block_of(row)
        d = {}
        for g in have:
            sum_terms(d, g.gid, g.persp, row, Fraction(1))
        self.add(b, d, label + " n*mean")
        if sd is not None and n >= 2:
            d = {}
            for g in have:
                square_terms(d, g.gid, g.persp, row, Fraction(1))
            self.add(b, d, label + " SD")
        if dist is not None and row[0] == "st":
            for v in range(1, 6):
                d = {}
                for g in have:
                    dist_terms(d, g.gid, row[1], v)
                self.add(b, d, label + " dist[%d]" % v)

    def headline(self, label, row, cells):
        """cells: [(groups, n)] of the shown columns."""
        d = {}
        for groups, n in cells:
            for g in groups:
                if g.has_value(row):
                    sum_terms(d, g.gid, g.persp, row, Fraction(1, len(cells) * n))
        self.add(block_of(row), d, label)

    def export_bucket(self, label, groups, pattern):
        """Export rows of one label and shape: groups, the statements shown."""
        for sid in sorted(pattern):
            b = block_of(("st", sid))
            for v in range(1, 6):
                d = {}
                for g in groups:
                    dist_terms(d, g.gid, sid, v)
                self.add(b, d, "%s %s=%d count" % (label, sid, v))
        for row in [("el", c) for c in ELEMENTS] + [("out", c) for c in OUTCOMES]:
            if all(set(row_items(row, g.persp)) <= pattern for g in groups):
                d = {}
                for g in groups:
                    square_terms(d, g.gid, g.persp, row, Fraction(1))
                self.add(block_of(row), d, "%s %s squared scores" % (label, row_name(row)))

    # ---- what follows ----

    def determined(self, target):
        """[(block, {var: coef}, labels)]: nonzero combinations of the
        target groups' unknowns that the equations determine (empty when
        none). Per block, elimination with the target's unknowns last: a
        reduced row whose first unknown is the target's has only the
        target's unknowns."""
        found = []
        by_block = {}
        for b, d, label in self.eqs:
            by_block.setdefault(b, []).append((d, label))
        for b, eqs in by_block.items():
            if not any(var[1] in target for d, _ in eqs for var in d):
                continue
            order = {}
            for d, _ in eqs:
                for var in d:
                    order.setdefault(var, None)
            keys = sorted(order, key=lambda v: (v[1] in target, repr(v)))
            rank = {v: i for i, v in enumerate(keys)}
            pivots = {}  # var -> (row dict, labels)
            for d, label in eqs:
                row, labels = dict(d), {label}
                while row:
                    lead = min(row, key=rank.__getitem__)
                    if lead not in pivots:
                        pivots[lead] = (row, labels)
                        if lead[1] in target:
                            found.append((b, row, labels))
                        break
                    prow, plabels = pivots[lead]
                    f = row[lead] / prow[lead]
                    for var, c in prow.items():
                        add_to(row, var, -f * c)
                    labels = labels | plabels
        return found

    def truth_of(self, combo):
        return sum(c * self.groups[var[1]].truth(var) for var, c in combo.items())

    def readable(self, combo):
        """(text, value) when the combination is one of sums of scored
        answers (sum(g:statement), the group's sum) and Q unknowns; else None."""
        per = {}
        for var, c in combo.items():
            if var[0] == "C":
                per.setdefault((var[1], var[2]), {})[var[3]] = c
        terms, value = [], Fraction(0)
        for (g, sid), cs in sorted(per.items()):
            s5 = scored(sid, 5)
            f = cs.get(1, 0) / (scored(sid, 1) - s5)
            if any(cs.get(v, 0) != f * (scored(sid, v) - s5) for v in range(1, 5)):
                return None
            terms.append("%s*sum(%s:%s)" % (f, g, sid))
            value += f * sum(scored(sid, p.answers[sid]) for p in self.groups[g].people)
        for var, c in combo.items():
            if var[0] == "Q":
                terms.append("%s*sq(%s:%s)" % (c, var[1], row_name(var[2])))
                value += c * self.groups[var[1]].truth(var)
        return " + ".join(terms), value

    def leaks(self, targets):
        """Messages for every target (a tuple of gids) with a determined
        combination; checks maximal targets first (a combination on a set is
        one on every set that holds it)."""
        out = []
        for target in targets:
            for b, combo, labels in self.determined(set(target))[:1]:
                readable = self.readable(combo)
                if readable:
                    people = [p for gid in target for p in self.groups[gid].people]
                    out.append("hidden group %s (%d people) in %s: the figures determine %s = %s "
                               "(from: %s)" % ("+".join(target), len(people), b[1], readable[0], readable[1],
                                               "; ".join(sorted(labels)[:6])))
                    continue
                terms = sorted(combo.items(), key=lambda kv: repr(kv[0]))
                text = " + ".join("%s*%s" % (c, "#%s:%s=%d" % (v[1], v[2], v[3]) if v[0] == "C"
                                             else "sq(%s:%s)" % (v[1], row_name(v[2])))
                                  for v, c in terms[:8])
                if len(terms) > 8:
                    text += " + ... (%d terms)" % len(terms)
                people = [p for gid in target for p in self.groups[gid].people]
                out.append("hidden group %s (%d people) in %s: the figures determine %s = %s "
                           "(from: %s)" % ("+".join(target), len(people), b[1], text,
                                           self.truth_of(combo), "; ".join(sorted(labels)[:6])))
        return out


def hidden_targets(groups, shown_columns):
    """Sets of groups (gids) of one round that hold 1..k-1 people, not
    counting groups the attacker made up: maximal ones only."""
    real = [g for g in groups if not g.known]
    sets = []
    for r in range(len(real), 0, -1):
        for combo in itertools.combinations(real, r):
            size = sum(g.size for g in combo)
            if not 1 <= size < K:
                continue
            if any(set(c.gid for c in combo) <= s for s in sets):
                continue
            sets.append(set(g.gid for g in combo))
    return [tuple(sorted(s)) for s in sets]


# ---------------------------------------------------------------------------
# reading HTML


class Tables(html.parser.HTMLParser):
    """Every <table>: its class, header cells and body rows (row header
    text and cells as (class, text))."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables = []
        self._cell = None
        self._row = None
        self._in_head = False
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append({"class": a.get("class", ""), "id": a.get("id", ""), "head": [], "rows": []})
        elif not self.tables:
            return
        elif tag == "thead":
            self._in_head = True
        elif tag == "tbody":
            self._in_head = False
        elif tag == "tr":
            self._row = {"th": None, "cells": [], "attrs": a}
        elif tag in ("td", "th"):
            self._cell = {"tag": tag, "class": a.get("class", ""), "text": ""}
        elif tag == "span" and "visually-hidden" in a.get("class", "") and self._cell is not None:
            self._hidden += 1
        elif self._hidden:
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag == "span" and self._hidden:
            self._hidden -= 1
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            c = self._cell
            c["text"] = " ".join(c["text"].split())
            if self._in_head:
                self.tables[-1]["head"].append(c["text"])
            elif c["tag"] == "th" and self._row["th"] is None and not self._row["cells"]:
                self._row["th"] = c["text"]
            else:
                self._row["cells"].append(c)
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if not self._in_head and (self._row["th"] is not None or self._row["cells"]):
                self.tables[-1]["rows"].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None and not self._hidden:
            self._cell["text"] += data


def tables_of(text):
    p = Tables()
    p.feed(text)
    p.close()
    return p.tables


NUM_RE = re.compile(r"^(\d\.\d)(?:\s+n=(\d+))?")


def column_keys(head):
    """Header texts -> column keys (perspective code, 'headline', 'total')
    or None for other columns."""
    out = []
    for h in head[1:]:
        label = re.sub(r"\s*n=\d+$", "", h).strip()
        if label in COLUMN_OF_LABEL:
            out.append(COLUMN_OF_LABEL[label])
        elif label == "Score":
            out.append("headline")
        elif label == "Iedereen":
            out.append("total")
        else:
            out.append(None)
    return out


def statement_of_text(text):
    text = text.replace(" (omgekeerd gesteld; score omgedraaid)", "").strip()
    for s in STATEMENTS:
        if s["text"] == text:
            return s["id"]
    m = re.match(r"^([A-Z]{3}\d)\b", text)
    if m and m.group(1) in ST:
        return m.group(1)
    return None


def row_of_header(th, element=None):
    if th is None:
        return None
    first = th.split(" ")[0]
    if first in ELEMENTS:
        return ("el", first)
    if first in ST:
        return ("st", first)
    for code, name in OUTCOME_NAME.items():
        if th == name:
            return ("out", code)
    if th == "Element als geheel" and element:
        return ("el", element)
    sid = statement_of_text(th)
    return ("st", sid) if sid else None


def page_figures(text, element=None):
    """[(row, column, 'd.d', n or None)] from the score tables and the heat
    map of a results page."""
    out = []
    for t in tables_of(text):
        if t["class"] not in ("scores", "heat") or t["id"] in ("overview", "benchmark-table", "spread-table"):
            continue
        keys = column_keys(t["head"])
        if not any(k in PERSPECTIVES for k in keys):
            continue
        for r in t["rows"]:
            row = row_of_header(r["th"], element)
            if row is None:
                continue
            for key, cell in zip(keys, r["cells"]):
                if key is None:
                    continue
                m = NUM_RE.match(cell["text"])
                if m:
                    out.append((row, key, m.group(1), int(m.group(2)) if m.group(2) else None))
    return out


def shown_people(row):
    """The mean of everyone in a row's shown cells (the total when shown,
    else the cells combined), as the change between rounds uses it; None
    when the row shows no cell."""
    if row.get("total"):
        return row["total"][1]
    cells = list((row.get("columns") or {}).values())
    n = sum(c[0] for c in cells)
    return sum(c[0] * c[1] for c in cells) / n if n else None


def change_marks(text):
    """Elements whose row shows a change since the last round (a Welch
    interval: '+0.12 [-0.10; 0.34]')."""
    out = set()
    for t in tables_of(text):
        for r in t["rows"]:
            row = row_of_header(r["th"])
            if row and row[0] == "el" and any(re.search(r"[+-]\d\.\d\d \[", c["text"]) for c in r["cells"]):
                out.add(row[1])
    return out


# ---------------------------------------------------------------------------
# reading the API and the exports


def api_rows(data):
    """{row: {"columns": {col: (n, mean, sd)}, "total": (n, mean, sd) or None,
    "headline": float or None, "dist": [5] or None}} of the shown rows."""
    out = {}
    if not data or not data.get("shown"):
        return out
    sources = [("el", c, (data.get("elements") or {}).get(c)) for c in ELEMENTS]
    sources += [("out", c, (data.get("outcomes") or {}).get(c)) for c in OUTCOMES]
    sources += [("st", s["id"], (data.get("statements") or {}).get(s["id"])) for s in STATEMENTS]
    for kind, code, r in sources:
        if not r or not r.get("shown"):
            continue
        cols = {}
        for p, c in (r.get("columns") or {}).items():
            if c and c.get("n") and c.get("mean") is not None:
                cols[p] = (c["n"], c["mean"], c.get("sd"))
        w = r.get("weighted")
        total = (w["n"], w["mean"], w.get("sd")) if w and w.get("n") and w.get("mean") is not None else None
        dist = r.get("distribution") if total else None
        out[(kind, code)] = {"columns": cols, "total": total, "headline": r.get("headline"), "dist": dist}
    return out


def own_columns(data):
    """The round's own columns (perspectives shown as themselves)."""
    st = (data or {}).get("perspectives") or {}
    return {p for p in PERSPECTIVES if p != "other" and (st.get(p) or {}).get("state") == "shown"}


def read_csv(text):
    return list(csv.DictReader(io.StringIO(text)))


def export_pattern(row):
    return frozenset(s["id"] for s in STATEMENTS if row.get(s["id"], "") not in ("", None))


# ---------------------------------------------------------------------------
# one look at everything


class Look:
    """What the roles could see of one round at one moment, and which
    groups had submitted then."""

    def __init__(self, name, rid, groups):
        self.name, self.rid, self.groups = name, rid, list(groups)  # Group objects present
        self.api = None  # parsed JSON (member's token) or None
        self.api_status = None
        self.pages = {}  # path -> text (member)
        self.export = None  # rows of answers-wide.csv (coordinator) or None
        self.export_json = None
        self.research = None  # rows of this round in the research export, or None
        self.dialogue = None
        self.overview = None
        self.development = None
        self.own_results = {}  # person name -> text of /r/{token}/results

    def rows(self):
        return api_rows(self.api)

    def shown_anything(self):
        """Figures of the round anywhere (for rounds that must show none)."""
        out = []
        if self.rows():
            out.append("API results (%d rows shown)" % len(self.rows()))
        for path, text in self.pages.items():
            figs = page_figures(text)
            if figs:
                out.append("%s (%d figures, e.g. %s %s %s)" % (path, len(figs), row_name(figs[0][0]), figs[0][1],
                                                              figs[0][2]))
        if self.export:
            out.append("round export (%d rows)" % len(self.export))
        if self.research:
            out.append("research export (%d rows of the round)" % len(self.research))
        if self.dialogue and re.search(r"Hoogst: ", self.dialogue):
            out.append("dialogue agenda")
        dev = html.unescape(self.development or "")
        heads = re.findall(r'<th scope="col" class="num"><a href="[^"]*/rounds/(\d+)/results">', dev)
        if str(self.rid) in heads:
            at = heads.index(str(self.rid))
            for m in re.finditer(r'<tr><th scope="row">([A-Z]{3}) <small>.*?</tr>', dev, flags=re.S):
                cells = re.findall(r'<td class="num[^"]*">(?:(\d\.\d)|<span aria-hidden="true">–)', m.group(0))
                if at < len(cells) and cells[at]:
                    out.append("development page (%s %s)" % (m.group(1), cells[at]))
                    break
        for who, text in self.own_results.items():
            if re.search(r'<td class="num">\d\.\d</td>', text):
                out.append("own results page of %s" % who)
        return out


class DisclosureBase(ServerTestCase):
    slug = GERIATRIE

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rng = random.Random("issue-16-" + cls.__name__)
        cls.member = cls.server.client()
        cls.member.login_ok(MEMBER)
        page = cls.member.get("/account")
        r = cls.member.post("/account/tokens", {"csrf": csrf_from(page), "token_name": "aanvaller"})
        m = re.search(r'id="new-token">([^<]+)<', r.text)
        if not m:
            raise AssertionError("no API token for the member: %r" % r)
        cls.member_token = m.group(1)
        cls.coordinator = cls.server.client()
        cls.coordinator.login_ok(COORDINATOR)
        cls.researcher = cls.server.client()
        cls.researcher.login_ok(RESEARCHER)
        cls.lead = cls.server.client()
        cls.lead.login_ok(PROGRAMME_LEAD)

    # ---- rounds and people ----

    @classmethod
    def new_round(cls, title, slug=None):
        rid, tok = qhelp.new_round(cls.server, slug or cls.slug, title=title, opens=today(-1), closes=today(30),
                                   k=K, open_token=token_for("open " + title))
        return rid, tok

    @classmethod
    def add_db(cls, rid, people, comments=False):
        qhelp.add_responses(cls.server, rid, [
            (p.persp, dict(p.answers), {"LOS_good": p.comment} if comments and p.comment else {})
            for p in people])

    @classmethod
    def start_link(cls, client, entry, persp=None):
        """Consent on a link; the response's token, or (None, response)."""
        r = client.get("/r/%s" % entry)
        if r.status != 200:
            return None, r
        fields = [("csrf", csrf_from(r)), ("consent", "yes")]
        if persp:
            fields.append(("perspective", persp))
        r = client.post("/r/%s/start" % entry, fields)
        m = re.match(r"^/r/([A-Za-z0-9_-]{22})/", r.location or "")
        if r.status != 303 or not m:
            return None, r
        return m.group(1), r

    @classmethod
    def answer_all(cls, client, tok, person):
        page = client.get("/r/%s/all" % tok)
        if page.status != 200:
            return page
        fields = [("csrf", csrf_from(page)), ("go", "submit")]
        fields += [(sid, str(v)) for sid, v in sorted(person.answers.items())]
        return client.post("/r/%s/all" % tok, fields)

    @classmethod
    def submit_invited(cls, rid, person):
        """The person answers through a personal invitation link."""
        tok = token_for("invite %d %s" % (rid, person.name))
        qhelp.invite(cls.server, rid, "%s-%d@example.org" % (person.name, rid), person.persp, tok)
        c = cls.server.client()
        resp, r = cls.start_link(c, tok)
        if resp is None:
            raise AssertionError("invitation link of %s refused: %r" % (person.name, r))
        r = cls.answer_all(c, resp, person)
        if r.status != 303:
            raise AssertionError("submitting %s failed: %r" % (person.name, r))
        person.token, person.client = resp, c
        return resp

    @classmethod
    def submit_open(cls, open_token, person):
        """Through the open link, in a fresh browser (a made-up respondent).
        Returns the refusal response when the link refuses."""
        c = cls.server.client()
        resp, r = cls.start_link(c, open_token, person.persp)
        if resp is None:
            return r
        r = cls.answer_all(c, resp, person)
        if r.status != 303:
            return r
        person.token, person.client = resp, c
        return None

    @classmethod
    def withdraw(cls, person):
        c = person.client
        receipt = c.get("/r/%s" % person.token)
        if receipt.status != 200 or "/withdraw" not in receipt.text:
            return receipt
        return c.post("/r/%s/withdraw" % person.token, {"csrf": csrf_from(receipt), "confirm": "yes"})

    @classmethod
    def round_path(cls, rid, rest="", slug=None):
        return "/pw/%s/rounds/%d%s" % (slug or cls.slug, rid, rest)

    @classmethod
    def close(cls, rid, slug=None):
        c = cls.coordinator
        r = c.post(cls.round_path(rid, "/close", slug), {"csrf": c.csrf(cls.round_path(rid, "", slug))})
        if r.status != 303:
            raise AssertionError("closing round %d failed: %r" % (rid, r))

    @classmethod
    def reopen(cls, rid, slug=None):
        c = cls.coordinator
        return c.post(cls.round_path(rid, "/reopen", slug), {"csrf": c.csrf(cls.round_path(rid, "", slug))})

    # ---- looking ----

    @classmethod
    def api(cls, path):
        r = cls.member.request("GET", path, headers={"Authorization": "Bearer " + cls.member_token})
        return r

    @classmethod
    def look(cls, name, rid, groups, people_with_links=(), slug=None, research=True):
        lk = Look(name, rid, groups)
        slug = slug or cls.slug
        r = cls.api("/api/v1/rounds/%d/results" % rid)
        lk.api_status = r.status
        if r.status == 200:
            lk.api = json.loads(r.text)
        base = cls.round_path(rid, "", slug)
        for rest in ["/results"] + ["/results/%s" % e for e in ELEMENTS]:
            p = cls.member.get(base + rest)
            lk.pages[base + rest] = p.text if p.status == 200 else ""
        d = cls.member.get(base + "/dialogue")
        lk.dialogue = d.text if d.status == 200 else ""
        e = cls.coordinator.get(base + "/export/answers-wide.csv")
        lk.export = read_csv(e.text) if e.status == 200 else None
        e = cls.coordinator.get(base + "/export/answers.json")
        lk.export_json = json.loads(e.text) if e.status == 200 else None
        dev = cls.member.get("/pw/%s/development" % slug)
        lk.development = dev.text if dev.status == 200 else ""
        o = cls.lead.get("/overview")
        lk.overview = o.text if o.status == 200 else ""
        if research:
            r = cls.researcher.get("/research/export/answers-wide.csv")
            if r.status == 200:
                lk.research = [row for row in read_csv(r.text) if row.get("round") == str(rid)]
        for p in people_with_links:
            if p.token:
                t = p.client.get("/r/%s/results" % p.token)
                lk.own_results[p.name] = t.text if t.status == 200 else ""
        return lk

    # ---- the generic attacker ----

    @staticmethod
    def feed(att, lk):
        """Put every figure of a look into the attacker's equations."""
        rows = lk.rows()
        own = own_columns(lk.api)
        for row, r in rows.items():
            cells = []
            for col, (n, mean, sd) in r["columns"].items():
                groups = DisclosureBase.cell_groups(lk, row, col, n, own, r["columns"])
                att.cell("%s %s %s" % (lk.name, row_name(row), col), row, groups, n, sd)
                cells.append((groups, n))
            if r["total"]:
                att.cell("%s %s total" % (lk.name, row_name(row)), row, lk.groups, r["total"][0], r["total"][2],
                         r["dist"])
            if r["headline"] is not None and cells:
                att.headline("%s %s headline" % (lk.name, row_name(row)), row, cells)
        for label, rows_ in (("export", lk.export), ("research export", lk.research)):
            if rows_:
                DisclosureBase.feed_export(att, lk, label, rows_)

    @staticmethod
    def cell_groups(lk, row, col, n, own, row_cols):
        with_value = [g for g in lk.groups if g.has_value(row)]
        if col != "other":
            return [g for g in with_value if g.persp == col]
        pooled = [g for g in with_value if g.persp not in own]
        extra = [g for g in with_value if g.persp in own and g.persp not in row_cols]
        for cand in (pooled, pooled + extra):
            if sum(g.size for g in cand) == n:
                return cand
        raise ModelError("%s: 'other' in %s has n=%d; pooled groups %s, re-pooled candidates %s" % (
            lk.name, row_name(row), n, [(g.gid, g.size) for g in pooled], [(g.gid, g.size) for g in extra]))

    @staticmethod
    def feed_export(att, lk, label, rows):
        """Each row is matched to the person whose answers it shows (the
        answers are random, so the match is unique up to people who
        answered alike); rows of one label and shape form a bucket."""
        people = [(g, p) for g in lk.groups for p in g.people]
        buckets = {}
        for row in rows:
            pattern = export_pattern(row)
            match = [(g, p) for g, p in people
                     if all(sid in p.answers and str(p.answers[sid]) == row[sid] for sid in pattern)]
            gids = {g.gid for g, _ in match}
            if len(gids) != 1:
                raise ModelError("%s of %s: a row matches %s" % (label, lk.name, sorted(gids) or "nobody"))
            key = (row.get("perspective", ""), pattern)
            buckets.setdefault(key, set()).add(match[0][0].gid)
        where = {}
        for key, gids in buckets.items():
            for gid in gids:
                if gid in where and where[gid] != key:
                    raise ModelError("%s of %s: the people of group %s are in rows of different shapes" %
                                     (label, lk.name, gid))
                where[gid] = key
        for (lab, pattern), gids in buckets.items():
            att.export_bucket("%s %s rows '%s' (%d statements)" % (lk.name, label, lab or "blank", len(pattern)),
                              [att.groups[g] for g in sorted(gids)], pattern)

    def assertNoHiddenGroupDetermined(self, looks, groups, what):
        att = Attacker()
        for g in groups:
            att.group(g.gid, g.persp, g.people, g.known)
        for lk in looks:
            self.feed(att, lk)
        leaks = att.leaks(hidden_targets(groups, None))
        if leaks:
            self.fail("%s: the shown figures give away a group below k:\n  %s" % (what, "\n  ".join(leaks)))

    # ---- pages against the API ----

    def pages_beyond_api(self, lk):
        """Figures on the pages that the API does not show (the pages may
        show no more than the API; the generic attacker reads the API)."""
        rows = lk.rows()
        problems = []
        for path, text in lk.pages.items():
            element = path.rsplit("/", 1)[1] if "/results/" in path else None
            for row, col, shown, n in page_figures(text, element):
                r = rows.get(row)
                if r is None:
                    problems.append("%s shows %s %s = %s; the API hides the row" % (path, row_name(row), col, shown))
                    continue
                if col == "headline":
                    want = r["headline"]
                elif col == "total":
                    want = r["total"][1] if r["total"] else None
                else:
                    want = r["columns"][col][1] if col in r["columns"] else None
                if want is None:
                    problems.append("%s shows %s %s = %s; the API hides it" % (path, row_name(row), col, shown))
                elif tenths(want) != shown:
                    problems.append("%s shows %s %s = %s; the API says %r" % (path, row_name(row), col, shown, want))
                if n is not None and col == "total" and r["total"] and n != r["total"][0]:
                    problems.append("%s shows %s total n=%d; the API says %d" % (path, row_name(row), n, r["total"][0]))
            # a change is computed over the people in the row's shown cells
            # (the total, or the shown cells combined): it needs a shown cell
            for e in change_marks(text):
                if not rows.get(("el", e), {}).get("columns"):
                    problems.append("%s shows a change since the last round for %s, which shows no cell" %
                                    (path, e))
        return problems


# ---------------------------------------------------------------------------
# the rules of issue 16, simulated: a check of this suite's own attacker


def simulate(people, k=K):
    """The figures (as the API gives them) and the export rows that the
    disclosure rules of issue 16 allow, computed here from the answers.
    Used only to check that the generic attacker finds nothing where the
    rules hold (no false alarm that the server could never pass)."""
    counts = {p: sum(1 for x in people if x.persp == p) for p in PERSPECTIVES}
    if len(people) < k:
        return {"shown": False}, []
    own = [p for p in PERSPECTIVES[:-1] if counts[p] >= k]
    pool = len(people) - sum(counts[p] for p in own)
    if 0 < pool < k and own:
        smallest = min(own, key=lambda p: (counts[p], -PERSPECTIVES.index(p)))
        own.remove(smallest)
        pool += counts[smallest]
    column = {p: (p if p in own else "other") for p in PERSPECTIVES if counts[p]}
    cols = own + (["other"] if pool >= k else [])
    data = {"shown": True, "perspectives": {p: {"state": "shown" if p in own or (p == "other" and pool >= k)
                                                else "pooled" if counts[p] else "hidden"} for p in PERSPECTIVES}}

    def fig(vals):
        m = sum(vals) / len(vals)
        sd = (sum((v - m) ** 2 for v in vals) / (len(vals) - 1)) ** 0.5 if len(vals) > 1 else None
        return {"n": len(vals), "mean": float(m), "sd": None if sd is None else float(sd)}

    for row in ROWS:
        shown_cols, covered = {}, set()
        for c in cols:
            persps = [p for p in column if column[p] == c]
            members = [x for x in people if x.persp in persps and x.value(row) is not None]
            same = len({tuple(row_items(row, p)) for p in persps}) == 1
            if len(members) >= k and (row[0] == "st" or same):
                shown_cols[c] = fig([x.value(row) for x in members])
                covered |= {id(x) for x in members}
        everyone = [x for x in people if x.value(row) is not None]
        out = {"shown": bool(shown_cols), "columns": shown_cols}
        if shown_cols:
            out["headline"] = sum(c["mean"] for c in shown_cols.values()) / len(shown_cols)
            out["weighted"] = fig([x.value(row) for x in everyone]) if everyone and \
                all(id(x) in covered for x in everyone) else None
            if row[0] == "st" and out["weighted"]:
                out["distribution"] = [sum(1 for x in everyone if x.answers[row[1]] == v) for v in range(1, 6)]
        key = {"el": "elements", "out": "outcomes", "st": "statements"}[row[0]]
        data.setdefault(key, {})[row[1]] = out
    export = []
    for x in people:
        r = {"perspective": column[x.persp]}
        for s in STATEMENTS:
            visible = s["id"] in x.answers and (column[x.persp] != "other" or s["persp"] is None)
            r[s["id"]] = str(x.answers[s["id"]]) if visible else ""
        export.append(r)
    return data, export


class AttackerSelfTest(unittest.TestCase):
    """No server: the generic attacker against figures made by the rules of
    issue 16 (it must find nothing) and against a figure that gives a
    hidden group away (it must find it)."""

    def check(self, spec, known=()):
        rng = random.Random("self-test %r" % (spec,))
        people = make_people(rng, spec)
        groups = [Group(gid, persp, [p for p in people if p.group == gid], gid in known)
                  for gid, persp, _ in spec]
        data, export = simulate(people)
        lk = Look("simulatie", 0, groups)
        lk.api, lk.export = data, export
        att = Attacker()
        for g in groups:
            att.group(g.gid, g.persp, g.people, g.known)
        DisclosureBase.feed(att, lk)
        return att, groups, lk

    def test_rules_of_issue_16_leave_nothing_to_find(self):
        for spec in ([("prof", "professional", 5), ("cit", "citizen", 4), ("mgr", "manager", 1)],
                     [("prof", "professional", 5), ("stud", "student", 5), ("mgr", "manager", 1)],
                     [("stud", "student", 5), ("real", "citizen", 1)],
                     [("stud", "student", 6), ("prof", "professional", 5), ("teach", "teacher", 2),
                      ("res", "researcher", 1), ("mgr", "manager", 1)],
                     [("stud", "student", 5), ("prof", "professional", 5), ("late", "citizen", 1)],
                     [("prof", "professional", 5), ("stud", "student", 5)]):
            att, groups, _ = self.check(spec)
            self.assertEqual(att.leaks(hidden_targets(groups, None)), [], spec)

    def test_a_leaking_figure_is_found(self):
        att, groups, lk = self.check([("prof", "professional", 5), ("cit", "citizen", 4), ("mgr", "manager", 1)])
        # the LOS7 total over the professionals and the manager, as today's code shows it
        att.cell("extra LOS7 total", ("st", "LOS7"), groups, 6)
        leaks = att.leaks(hidden_targets(groups, None))
        self.assertEqual(len(leaks), 1, leaks)
        self.assertIn("hidden group mgr (1 people) in LOS", leaks[0])


# ---------------------------------------------------------------------------
# 1. across rows in one closed round


class RowsAttackTest(DisclosureBase):
    """5 professionals, 1 manager, 4 citizens, k = 5, closed. The manager is
    the only one outside the professionals who is asked the staff-only
    statements (LOS7, VOR5, VMM3) and the outcome statements for staff."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rid, cls.open_token = cls.new_round("Aanval rijen")
        cls.profs = make_people(cls.rng, [("prof", "professional", 5)])
        cls.cits = make_people(cls.rng, [("cit", "citizen", 4)])
        cls.mgr = make_people(cls.rng, [("mgr", "manager", 1)])[0]
        cls.add_db(cls.rid, cls.profs + cls.cits, comments=True)
        cls.submit_invited(cls.rid, cls.mgr)  # the manager also looks at their own results page
        db = qhelp.db(cls.server)
        item = db.execute("SELECT i.id FROM items i JOIN rounds r ON r.version_id = i.version_id"
                          " WHERE r.id = ? AND i.code = 'LOS_good'", (cls.rid,)).fetchone()[0]
        resp = db.execute("SELECT id FROM responses WHERE round_id = ? AND perspective = 'manager'",
                          (cls.rid,)).fetchone()[0]
        db.execute("INSERT INTO comments (response_id, item_id, text) VALUES (?, ?, ?)", (resp, item, cls.mgr.comment))
        db.close()
        cls.close(cls.rid)
        cls.groups = [Group("prof", "professional", cls.profs), Group("cit", "citizen", cls.cits),
                      Group("mgr", "manager", [cls.mgr])]
        cls.lk = cls.look("gesloten", cls.rid, cls.groups, [cls.mgr])

    def manager_recovered(self, sid, prof_sum, source):
        """What attack 1 computes for the manager's answer to sid from the
        pooled column (or the total) of that statement, or None."""
        r = self.lk.rows().get(("st", sid))
        if not r or prof_sum is None:
            return None
        for col, fig in list(r["columns"].items()) + [("total", r["total"])]:
            if fig and fig[0] == 6:  # the five professionals and the manager
                got = fig[0] * fig[1] - prof_sum
                return col, got
        return None

    def professionals_sum_from_rows(self, sid):
        """The professionals' sum on sid from their element column and their
        other statements (or their own statement column where shown)."""
        rows = self.lk.rows()
        st = rows.get(("st", sid), {"columns": {}})
        if "professional" in st["columns"]:
            n, mean, _ = st["columns"]["professional"]
            return n * mean
        el = rows.get(("el", ST[sid]["group"]))
        if not el or "professional" not in el["columns"]:
            return None
        n, mean, _ = el["columns"]["professional"]
        items = group_items("el", ST[sid]["group"], "professional")
        total = n * len(items) * mean
        for other in items:
            if other == sid:
                continue
            r = rows.get(("st", other))
            if not r or "professional" not in r["columns"]:
                return None
            total -= r["columns"]["professional"][0] * r["columns"]["professional"][1]
        return total

    def test_attack_1_staff_statements_through_the_api(self):
        found = []
        for sid in STAFF_ONLY:
            got = self.manager_recovered(sid, self.professionals_sum_from_rows(sid), "api")
            if got and abs(got[1] - self.mgr.answers[sid]) < 1e-6:
                found.append("%s: 6 x mean(%s) - professionals' sum (from their %s column and statements) = %.6f;"
                             " the manager answered %d" % (sid, got[0], ST[sid]["group"], got[1],
                                                             self.mgr.answers[sid]))
        self.assertEqual(found, [], "attack 1 (rows of one round, API) recovers the manager's answers:\n  " +
                         "\n  ".join(found))

    def test_attack_1_staff_statements_through_the_export(self):
        rows = self.lk.export or []
        found = []
        for sid in STAFF_ONLY:
            prof = [int(r[sid]) for r in rows if r["perspective"] == "professional" and r.get(sid, "") not in ("", "dk")]
            if len(prof) != 5:
                continue
            got = self.manager_recovered(sid, sum(prof), "export")
            if got and abs(got[1] - self.mgr.answers[sid]) < 1e-6:
                found.append("%s: 6 x mean(%s) - the professionals' answers in the export = %.6f; the manager "
                             "answered %d" % (sid, got[0], got[1], self.mgr.answers[sid]))
        self.assertEqual(found, [], "attack 1 (export against results) recovers the manager's answers:\n  " +
                         "\n  ".join(found))

    def test_generic_attacker_finds_nothing(self):
        self.assertTrue(self.lk.rows(), "the closed round shows no results at all")
        self.assertNoHiddenGroupDetermined([self.lk], self.groups, "closed round, member + coordinator + researcher")

    def test_export_labels_follow_the_round_plan(self):
        # the round plan: professionals (5) own column; manager + citizens pool into "other" (5)
        self.assertIsNotNone(self.lk.export, "the coordinator gets no export of the closed round")
        labels = sorted(r["perspective"] for r in self.lk.export)
        self.assertEqual(labels, ["other"] * 5 + ["professional"] * 5)
        for r in self.lk.export:
            if r["perspective"] == "other":
                asked_all = [s["id"] for s in STATEMENTS if s["persp"] is not None]
                shown = [sid for sid in asked_all if r.get(sid, "") != ""]
                self.assertEqual(shown, [], "a pooled row shows statements not put to everyone: %s" % shown)
        research_labels = sorted(r["perspective"] for r in (self.lk.research or []))
        self.assertEqual(research_labels, labels, "the research export labels the round otherwise")

    def test_pages_show_no_more_than_the_api(self):
        self.assertEqual(self.pages_beyond_api(self.lk), [])

    def test_statement_columns_against_element_columns(self):
        """A cell of an element row that pools perspectives asked different
        statements of the element is hidden; the manager's staff-only
        statements have no cell or total that holds the manager."""
        rows = self.lk.rows()
        problems = []
        for e in ELEMENTS:
            r = rows.get(("el", e))
            if r and "other" in r["columns"] and \
                    group_items("el", e, "manager") != group_items("el", e, "citizen"):
                problems.append("%s: the pooled column (manager + citizens, asked different statements) is shown" % e)
        for sid in STAFF_ONLY:
            r = rows.get(("st", sid))
            if not r:
                continue
            for col, fig in list(r["columns"].items()) + [("total", r["total"])]:
                if fig and fig[0] == 6:
                    problems.append("%s %s holds the manager (n=6)" % (sid, col))
        self.assertEqual(problems, [], "statement columns against element columns:\n  " + "\n  ".join(problems))

    def test_dialogue_agenda_against_the_api(self):
        rows = self.lk.rows()
        problems = []
        text = html.unescape(self.lk.dialogue or "")
        for m in re.finditer(r"<li><strong>([A-Z]{3}) – [^<]*</strong>: verschil (\d\.\d)\. Hoogst: (.+?) \((\d\.\d)\), "
                             r"laagst: (.+?) \((\d\.\d)\)\.", text):
            e = m.group(1)
            r = rows.get(("el", e))
            for label, shown in ((m.group(3), m.group(4)), (m.group(5), m.group(6))):
                col = COLUMN_OF_LABEL.get(label)
                if not r or col not in r["columns"]:
                    problems.append("agenda names %s %s (%s); the API hides that cell" % (e, label, shown))
                elif tenths(r["columns"][col][1]) != shown:
                    problems.append("agenda: %s %s %s; API %r" % (e, label, shown, r["columns"][col][1]))
        for m in re.finditer(r"<li>([A-Z]{3}) – [^<:]*: (\d\.\d)</li>", text):
            r = rows.get(("el", m.group(1)))
            if not r or r["headline"] is None or tenths(r["headline"]) != m.group(2):
                problems.append("agenda: %s score %s; API %r" % (m.group(1), m.group(2), r and r["headline"]))
        self.assertEqual(problems, [], "the dialogue agenda against the API:\n  " + "\n  ".join(problems))

    def test_overview_against_the_workplace_page(self):
        rows = self.lk.rows()
        text = html.unescape(self.lk.overview or "")
        m = re.search(r'<tr data-slug="%s">(.*?)</tr>' % re.escape(self.slug), text, flags=re.S)
        self.assertIsNotNone(m, "no row for the workplace on /overview")
        cells = re.findall(r'<td class="num">(–|\d\.\d)', m.group(1))[:len(ELEMENTS)]
        problems = []
        if "Aanval rijen" in m.group(1):
            for e, shown in zip(ELEMENTS, cells):
                r = rows.get(("el", e))
                want = tenths(r["headline"]) if r and r["headline"] is not None else "–"
                if shown != want:
                    problems.append("/overview %s = %s, the round's page %s" % (e, shown, want))
        self.assertEqual(problems, [], "the overview against the workplace's page:\n  " + "\n  ".join(problems))

    def test_own_results_page_against_the_api(self):
        text = self.lk.own_results.get(self.mgr.name, "")
        rows = self.lk.rows()
        problems = []
        for t in tables_of(text):
            for r in t["rows"]:
                e = next((c for c, n in ELEMENT_NAME.items() if n == r["th"]), None)
                m = NUM_RE.match(r["cells"][0]["text"]) if e and r["cells"] else None
                if not m:
                    continue
                api = rows.get(("el", e))
                if not api or api["headline"] is None or tenths(api["headline"]) != m.group(1):
                    problems.append("own results: %s %s; API %r" % (e, m.group(1), api and api["headline"]))
        self.assertEqual(problems, [], "the respondent's results page against the API:\n  " + "\n  ".join(problems))

    def test_comments_need_k_plus_2(self):
        """No perspective reaches k + 2 = 7 (professionals 5, citizens 4,
        manager 1), so no comment may carry a perspective: all 10 together
        reach 7 and are shown only under the pooled "other"."""
        wrong = []
        pooled = html.escape("Overig (samengevoegd)")
        for page in self.lk.pages.values():
            for text, label in re.findall(r'<li><blockquote>(.*?)</blockquote><span class="meta">(.*?)</span>',
                                          page, flags=re.S):
                if label != pooled:
                    wrong.append("%s labelled %s" % (text, label))
        c = self.coordinator.get(self.round_path(self.rid, "/export/comments.csv"))
        self.assertEqual(c.status, 200, c.text[:300])
        rows = list(csv.DictReader(io.StringIO(c.text)))
        for p in self.profs + self.cits + [self.mgr]:
            mine = [r for r in rows if p.comment in "".join(r.values())]
            if len(mine) != 1 or mine[0].get("perspective") != "other":
                wrong.append("%s in comments.csv: %r" % (p.comment, mine))
        self.assertEqual(wrong, [], "comments of groups below k + 2 = %d carry their group: %s" % (K_COMMENTS, wrong))


# ---------------------------------------------------------------------------
# 2. across time: two looks around a submission, a withdrawal, a reopening


class TimeAttackTest(DisclosureBase):
    """5 students and 5 professionals from the start; one citizen more comes
    or goes between two looks."""

    def setup_round(self, title):
        rid, tok = self.new_round(title)
        base = make_people(self.rng, [("stud", "student", 5), ("prof", "professional", 5)], prefix=title[:3])
        self.add_db(rid, base)
        groups = [Group("stud", "student", base[:5]), Group("prof", "professional", base[5:])]
        return rid, tok, groups

    def difference_attack(self, before, after, person, sign=1):
        """n x mean (after) - n x mean (before) of every total and column
        that holds the person (sign -1: a withdrawal)."""
        found = []
        rb, ra = before.rows(), after.rows()
        for row in ROWS:
            truth = person.value(row)
            if truth is None or row not in rb or row not in ra:
                continue
            pairs = [("total", rb[row]["total"], ra[row]["total"])]
            pairs += [(c, rb[row]["columns"].get(c), ra[row]["columns"].get(c)) for c in ra[row]["columns"]]
            for col, fb, fa in pairs:
                if not fb or not fa or fa[0] - fb[0] != sign:
                    continue
                got = sign * (fa[0] * fa[1] - fb[0] * fb[1])
                if abs(got - float(truth)) < 1e-6:
                    found.append("%s (%s): %.4f = %s's %s" % (row_name(row), col, got, person.persp, truth))
                    break
        return found

    def assertNothingShown(self, lk, what):
        shown = lk.shown_anything()
        self.assertEqual(shown, [], "%s: results of an open round are shown: %s" % (what, "; ".join(shown)))

    def test_read_submit_read(self):
        rid, tok, groups = self.setup_round("Tijd erbij")
        before = self.look("voor", rid, groups)
        late = make_people(self.rng, [("late", "citizen", 1)])[0]
        self.submit_invited(rid, late)
        g_late = Group("late", "citizen", [late])
        after = self.look("na", rid, groups + [g_late], [late])
        found = self.difference_attack(before, after, late)
        self.assertEqual(found, [], "attack 2 (read, one more submits, read) recovers the new citizen's answers:"
                                    "\n  " + "\n  ".join(found[:12]))
        self.assertNothingShown(before, "before the submission")
        self.assertNothingShown(after, "after the submission")
        self.assertNoHiddenGroupDetermined([before, after], groups + [g_late], "two looks around a submission")
        self.close(rid)
        closed = self.look("gesloten", rid, groups + [g_late], [late])
        self.assertTrue(closed.rows(), "the closed round shows nothing")
        self.assertEqual(self.pages_beyond_api(closed), [])
        self.assertNoHiddenGroupDetermined([before, after, closed], groups + [g_late],
                                           "two looks while open and one after closing")

    def test_read_withdraw_read(self):
        rid, tok, groups = self.setup_round("Tijd eraf")
        leaver = make_people(self.rng, [("leaver", "citizen", 1)])[0]
        self.submit_invited(rid, leaver)
        g_leaver = Group("leaver", "citizen", [leaver])
        before = self.look("voor", rid, groups + [g_leaver], [leaver])
        r = self.withdraw(leaver)
        self.assertEqual(r.status, 200, "withdrawing while open failed: %r" % r)
        after = self.look("na", rid, groups)
        found = self.difference_attack(before, after, leaver, sign=-1)
        self.assertEqual(found, [], "attack 2 backwards (read, one withdraws, read) recovers the citizen's answers:"
                                    "\n  " + "\n  ".join(found[:12]))
        self.assertNothingShown(before, "before the withdrawal")
        self.assertNothingShown(after, "after the withdrawal")
        self.close(rid)
        closed = self.look("gesloten", rid, groups)
        self.assertNoHiddenGroupDetermined([before, after, closed], groups + [g_leaver],
                                           "a look before and after a withdrawal")

    def test_closed_round_cannot_be_reopened_or_withdrawn_from(self):
        rid, tok, groups = self.setup_round("Tijd heropend")
        first = make_people(self.rng, [("first", "citizen", 1)])[0]
        self.submit_invited(rid, first)
        g_first = Group("first", "citizen", [first])
        self.close(rid)
        closed = self.look("gesloten", rid, groups + [g_first], [first])
        self.assertTrue(closed.rows(), "the closed round shows nothing")
        r = self.withdraw(first)
        after_withdraw = self.look("na intrekken", rid, groups + [g_first])
        self.assertEqual(after_withdraw.rows(), closed.rows(),
                         "a withdrawal after closing changed the shown figures (%r)" % r)
        r = self.reopen(rid)
        state = self.coordinator.get(self.round_path(rid)).text
        reopened = r.status == 303 and 'id="round-state">open<' in state
        found = []
        if reopened:  # play it out: one more, close again, look again
            late = make_people(self.rng, [("late2", "citizen", 1)])[0]
            self.submit_invited(rid, late)
            self.close(rid)
            again = self.look("opnieuw gesloten", rid, groups + [g_first, Group("late2", "citizen", [late])])
            found = self.difference_attack(closed, again, late)
        self.assertFalse(reopened, "a round whose results were shown was reopened (%r); attack 2 through a "
                                   "reopening then recovers: %s" % (r, "; ".join(found[:8]) or "nothing"))


# ---------------------------------------------------------------------------
# 3. fake respondents through the open link


class FakeRespondentsTest(DisclosureBase):
    """5 students; one real citizen (personal link); the attacker adds k - 1
    made-up citizens through the open link, answering 5 everywhere, reads,
    and withdraws them again before the round closes."""

    def test_fakes_then_withdrawn(self):
        rid, open_token = self.new_round("Nepantwoorden")
        studs = make_people(self.rng, [("stud", "student", 5)])
        self.add_db(rid, studs)
        real = make_people(self.rng, [("real", "citizen", 1)])[0]
        self.submit_invited(rid, real)
        fakes, refused = [], []
        for n in range(K - 1):
            f = Person("fake%d" % (n + 1), "fake", "citizen", random_answers(self.rng, "citizen", const=5))
            r = self.submit_open(open_token, f)
            (refused if r is not None else fakes).append(f if r is None else (f.name, r.status))
        g = [Group("stud", "student", studs), Group("real", "citizen", [real])]
        g_fake = Group("fake", "citizen", fakes, known=True) if fakes else None
        present = g + ([g_fake] if g_fake else [])
        open_look = self.look("open met nep", rid, present, [real])
        # the attack: the citizen column minus the fakes
        found = []
        rows = open_look.rows()
        for row in ROWS:
            r = rows.get(row)
            truth = real.value(row)
            if not r or truth is None or "citizen" not in r["columns"]:
                continue
            n, mean, _ = r["columns"]["citizen"]
            fake_sum = sum(f.value(row) for f in fakes)
            got = n * mean - float(fake_sum)
            if n == len(fakes) + 1 and abs(got - float(truth)) < 1e-6:
                found.append("%s = %.4f" % (row_name(row), got))
        self.assertEqual(found, [], "attack 3 (%d fakes through the open link, %d refused) recovers the real "
                                    "citizen's answers: %s" % (len(fakes), len(refused), ", ".join(found[:20])))
        shown = open_look.shown_anything()
        self.assertEqual(shown, [], "results shown while the round is open (fakes in it): %s" % "; ".join(shown))
        for f in fakes:
            r = self.withdraw(f)
            self.assertEqual(r.status, 200, "a fake could not withdraw: %r" % r)
        self.close(rid)
        closed = self.look("gesloten", rid, g, [real])
        looks = [open_look, closed]
        self.assertNoHiddenGroupDetermined(looks, present, "fakes added, read, withdrawn, closed")
        rows = closed.rows()
        self.assertNotIn("citizen", {c for r in rows.values() for c in r["columns"]},
                         "the real citizen alone has a column after the fakes withdrew")


# ---------------------------------------------------------------------------
# 4. two rounds with overlapping people; the development page and overview


class TwoRoundsTest(DisclosureBase):
    """Round 1: 5 professionals and 5 students. Round 2: the same people
    again (new answers) and one manager. Everything of both rounds, the
    development page and the research export together."""

    def test_two_rounds(self):
        r1, _ = self.new_round("Twee rondes 1")
        p1 = make_people(self.rng, [("prof", "professional", 5), ("stud", "student", 5)], prefix="r1")
        self.add_db(r1, p1)
        self.close(r1)
        r2, _ = self.new_round("Twee rondes 2")
        db = qhelp.db(self.server)  # round 2 is the later one
        db.execute("UPDATE rounds SET opens_on = ? WHERE id = ?", (today(0), r2))
        db.close()
        p2 = make_people(self.rng, [("prof", "professional", 5), ("stud", "student", 5)], prefix="r2")
        mgr = make_people(self.rng, [("mgr", "manager", 1)], prefix="r2")
        self.add_db(r2, p2)
        self.submit_invited(r2, mgr[0])
        self.close(r2)
        g1 = [Group("r1prof", "professional", p1[:5]), Group("r1stud", "student", p1[5:])]
        g2 = [Group("r2prof", "professional", p2[:5]), Group("r2stud", "student", p2[5:]),
              Group("r2mgr", "manager", mgr)]
        look1 = self.look("ronde 1", r1, g1)
        look2 = self.look("ronde 2", r2, g2, mgr)
        self.assertTrue(look1.rows() and look2.rows(), "a closed round shows nothing")
        self.assertEqual(self.pages_beyond_api(look1) + self.pages_beyond_api(look2), [])
        # the development page's change: over the people in the shown
        # cells of each round, so it must equal what those cells give
        problems = []
        dev_text = html.unescape(look2.development)
        for e in change_marks(look2.development):
            sides = [shown_people(lk.rows().get(("el", e), {})) for lk in (look1, look2)]
            if None in sides:
                problems.append("development: change for %s while a round shows no cell of it" % e)
                continue
            m = re.search(r'<tr><th scope="row">%s <small>.*?([+-]\d\.\d\d) \[' % e, dev_text, flags=re.S)
            want = "%+.2f" % (sides[1] - sides[0])
            if not m or m.group(1) != want:
                problems.append("development: change for %s is %s; the shown cells give %s"
                                % (e, m and m.group(1), want))
        self.assertEqual(problems, [])
        # the development table: the headline per round as on the round's page
        dev = html.unescape(look2.development)
        for lk, title in ((look1, "Twee rondes 1"), (look2, "Twee rondes 2")):
            for e in ELEMENTS:
                r = lk.rows().get(("el", e))
                m = re.search(r"<tr><th scope=\"row\">%s <small>.*?</tr>" % e, dev, flags=re.S)
                if not m:
                    continue
                heads = re.findall(r'<th scope="col" class="num"><a href="[^"]*/rounds/(\d+)/results">', dev)
                cells = re.findall(r'<td class="num[^"]*">(?:(\d\.\d)|<span aria-hidden="true">–)', m.group(0))
                for rid_s, cell in zip(heads, cells):
                    if rid_s == str(lk.rid):
                        want = tenths(r["headline"]) if r and r["headline"] is not None else ""
                        self.assertEqual(cell, want, "development %s %s against the round's page" % (title, e))
        self.assertNoHiddenGroupDetermined([look1, look2], g1 + g2, "two rounds with the same people")


# ---------------------------------------------------------------------------
# 5. what must still be shown


class UtilityTest(DisclosureBase):
    """5 professionals and 5 students, k = 5, closed: both columns for every
    element and every statement put to both, equal to this file's own
    computation (means to one decimal as shown, n exact)."""

    def test_both_columns_everywhere(self):
        rid, _ = self.new_round("Nut")
        people = make_people(self.rng, [("prof", "professional", 5), ("stud", "student", 5)])
        self.add_db(rid, people)
        self.close(rid)
        groups = [Group("prof", "professional", people[:5]), Group("stud", "student", people[5:])]
        lk = self.look("nut", rid, groups)
        rows = lk.rows()
        self.assertTrue(rows, "the round shows nothing (API %s)" % lk.api_status)
        problems = []
        page_vals = {}
        for path, text in lk.pages.items():
            element = path.rsplit("/", 1)[1] if "/results/" in path else None
            for row, col, shown, n in page_figures(text, element):
                page_vals.setdefault((row, col), set()).add(shown)
        for row in ROWS:
            for persp in ("professional", "student"):
                vals = [p.value(row) for p in people if p.persp == persp and p.value(row) is not None]
                if not vals:
                    continue
                fig = rows.get(row, {"columns": {}})["columns"].get(persp)
                want = sum(vals) / len(vals)
                if not fig:
                    problems.append("%s %s missing (n=%d)" % (row_name(row), persp, len(vals)))
                    continue
                if fig[0] != len(vals) or abs(fig[1] - float(want)) > 1e-9:
                    problems.append("%s %s: API n=%d mean=%r, expected n=%d mean=%s" % (
                        row_name(row), persp, fig[0], fig[1], len(vals), float(want)))
                shown = page_vals.get((row, persp))
                if shown != {tenths(float(want))}:
                    problems.append("%s %s: pages show %s, expected %s" % (row_name(row), persp, shown,
                                                                          tenths(float(want))))
            everyone = [p.value(row) for p in people if p.value(row) is not None]
            total = rows.get(row, {}).get("total")
            if everyone and (not total or total[0] != len(everyone) or
                             abs(total[1] - float(sum(everyone) / len(everyone))) > 1e-9):
                problems.append("%s total: %r, expected n=%d" % (row_name(row), total, len(everyone)))
        self.assertEqual(problems, [], "a team of 5 + 5 does not see its figures:\n  " + "\n  ".join(problems))
        self.assertEqual(self.pages_beyond_api(lk), [])
        self.assertNoHiddenGroupDetermined([lk], groups, "5 professionals and 5 students")


if __name__ == "__main__":
    unittest.main()
