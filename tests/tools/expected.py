#!/usr/bin/python3
"""expected.py - the expected figures of the analysis fixtures, computed
independently of the C code (numpy/scipy), written into the fixture files.

Usage (Debian's python, which has python3-numpy and python3-scipy):
    /usr/bin/python3 tests/tools/expected.py            # recompute every fixture
    /usr/bin/python3 tests/tools/expected.py --inputs   # first recreate the
        generated inputs from the seeds in SPECS (only for a deliberate change)

A fixture (tests/fixtures/analysis/NAME.json) holds the input - k, the
statements, one or more rounds of perspectives and answers - and the
"expected" part this script writes. tests/unit/test_analysis.c reads both.
The rules implemented here are those of docs/analysis.md, written again from
the text, not translated from src/domain/*.c. Undefined values are null.
"""
import json
import math
import os
import re
import sys
from decimal import Decimal

import numpy as np
from scipy import special, stats

HERE = os.path.dirname(os.path.abspath(__file__))
FIXDIR = os.path.normpath(os.path.join(HERE, "..", "fixtures", "analysis"))
NP = 7          # perspectives; index 6 is "other"
OTHER = 6
NEL, NOUT = 6, 5
STATES = ("hidden", "pooled", "shown")

# ---------------------------------------------------------------- inputs

LAYOUTS = {
    # statements per element and per outcome category; reverse every 4th
    # statement; two statements put only to some perspectives (bitmasks)
    "std": dict(el=[6, 5, 7, 5, 8, 5], out=[2, 3, 2, 2, 3],
                masks={5: (1 << 1) | (1 << 2) | (1 << 5), 17: 1 << 0}),
    "forty": dict(el=[5] * 6, out=[2] * 5, masks={}),
    # odd sizes: one statement, an empty outcome category
    "small": dict(el=[2, 3, 1, 4, 2, 2], out=[1, 2, 0, 1, 2], masks={}),
}

SPECS = {
    "basic": dict(seed=11, k=5, layout="std", note="typical round: big groups shown, "
                  "small groups and 'other' pooled (pool >= k), an answer to a statement "
                  "not put to the respondent's perspective (ignored)",
                  rounds=[dict(counts=[20, 12, 8, 3, 2, 0, 6], missing=0.10)],
                  stray=True),
    "complementary": dict(seed=12, k=5, layout="std", note="pool of k-2 people: the "
                          "smallest shown group (teacher, 6) is suppressed into 'other'",
                          rounds=[dict(counts=[12, 7, 6, 0, 0, 0, 3], missing=0.04)]),
    "tie": dict(seed=13, k=5, layout="std", note="pool of 2, two smallest shown groups of "
                "equal size: the later one (professional) is suppressed",
                rounds=[dict(counts=[6, 6, 0, 0, 0, 0, 2], missing=0.0)]),
    "allsmall": dict(seed=14, k=5, layout="std", note="no perspective reaches k, the total "
                     "does: one pooled column, headline = respondent-weighted mean",
                     rounds=[dict(counts=[4, 4, 4, 4, 4, 4, 4], missing=0.08)]),
    "k3": dict(seed=15, k=3, layout="small", note="k = 3, heavy missing: rows whose n "
               "falls below k in a group pool it or hide the row",
               rounds=[dict(counts=[3, 2, 5, 0, 0, 0, 1], missing=0.30)]),
    "below_k": dict(seed=16, k=5, layout="std", note="total k-1: nothing shown",
                    rounds=[dict(counts=[2, 1, 1, 0, 0, 0, 0], missing=0.0)]),
    "exactly_k": dict(seed=17, k=5, layout="small", note="total exactly k in one group; "
                      "rows with a missing score fall below k and are hidden",
                      rounds=[dict(counts=[5, 0, 0, 0, 0, 0, 0], missing=0.15)]),
    "rowsupp": dict(seed=18, k=5, layout="std", note="professional shown in the round "
                    "but 2 of 6 have no VOR score: VOR pools them with 'other'; 3 of 5 "
                    "'other' without SRI: the SRI pool of 2 takes in the professionals "
                    "(row complementary suppression); 6 of 10 students without LEA: "
                    "students pooled in LEA",
                    rounds=[dict(counts=[10, 6, 0, 0, 0, 0, 5], missing=0.0,
                                 blank=[[1, 3, 2], [6, 1, 3], [0, 4, 6]])]),
    "change": dict(seed=19, k=5, layout="forty", note="two rounds: LOS up, SRI down, "
                   "others about equal",
                   rounds=[dict(counts=[50, 40, 20, 10, 15, 5, 10], missing=0.07),
                           dict(counts=[60, 45, 25, 8, 15, 7, 10], missing=0.07,
                                shift=[0.7, -0.7, 0, 0, 0.05, 0])]),
    "change_small": dict(seed=20, k=5, layout="forty", note="three rounds: the middle "
                         "one is below k (every verdict with it unclear); LOS clearly "
                         "up from the first to the last",
                         rounds=[dict(counts=[8, 6, 0, 0, 0, 0, 2], missing=0.05),
                                 dict(counts=[3, 1, 0, 0, 0, 0, 0], missing=0.05),
                                 dict(counts=[9, 5, 0, 0, 0, 0, 1], missing=0.05,
                                      shift=[1.5, 0, 0, 0, 0, 0])]),
}


def make_items(layout):
    lay = LAYOUTS[layout]
    items = []
    for outcome, sizes in ((False, lay["el"]), (True, lay["out"])):
        for g, size in enumerate(sizes):
            for _ in range(size):
                i = len(items)
                items.append(dict(outcome=outcome, group=g, reverse=(i % 4 == 3),
                                  perspectives=lay["masks"].get(i, 0)))
    return items


def make_round(rng, items, spec, rnd):
    persp = [p for p, c in enumerate(rnd["counts"]) for _ in range(c)]
    rng.shuffle(persp)
    shift = rnd.get("shift", [0] * NEL)
    base = rng.normal(3.4, 0.3, NEL + NOUT)
    peffect = rng.normal(0, 0.35, (NP, NEL + NOUT))
    answers = []
    for p in persp:
        person = rng.normal(0, 0.6)
        latent = base + peffect[p] + person + rng.normal(0, 0.4, NEL + NOUT)
        row = []
        for it in items:
            g = it["group"] + (NEL if it["outcome"] else 0)
            asked = it["perspectives"] == 0 or (it["perspectives"] >> p) & 1
            v = latent[g] + (0 if it["outcome"] else shift[it["group"]]) + rng.normal(0, 0.7)
            v = int(min(5, max(1, round(v))))
            if it["reverse"]:
                v = 6 - v
            if not asked or rng.random() < rnd["missing"]:
                v = 0
            row.append(v)
        answers.append(row)
    for p, el, howmany in rnd.get("blank", []):
        who = [r for r, q in enumerate(persp) if q == p][:howmany]
        for r in who:
            for i, it in enumerate(items):
                if not it["outcome"] and it["group"] == el:
                    answers[r][i] = 0
    if spec.get("stray"):
        # an answer to a statement the respondent's perspective is not asked
        masked = [i for i, it in enumerate(items) if it["perspectives"]]
        i = masked[0]
        r = next(r for r, p in enumerate(persp) if not (items[i]["perspectives"] >> p) & 1)
        answers[r][i] = 2
    return dict(perspectives=persp, answers=answers)


def make_inputs(name, spec):
    rng = np.random.default_rng(spec["seed"])
    items = make_items(spec["layout"])
    rounds = [make_round(rng, items, spec, rnd) for rnd in spec["rounds"]]
    return dict(name=name, note=spec["note"], k=spec["k"], items=items, rounds=rounds)

# ---------------------------------------------------------------- rules


def num(x):
    """JSON value of a float: null for undefined."""
    if x is None:
        return None
    x = float(x)
    return None if math.isnan(x) or math.isinf(x) else x


def plan(counts, k):
    """The round's disclosure plan, from the rule text: groups of >= k shown
    (never the real 'other'), the rest pooled; while the people outside the
    shown groups number 1..k-1, the smallest shown group (later perspective
    on a tie) is taken out; the pool is a column when it reaches k."""
    k = max(k, 3)
    total = int(sum(counts))
    hidden = dict(shown=False, total_shown=False, total=0, columns=0, state=["hidden"] * NP,
                  n=[0] * NP)
    if total < k:
        return hidden
    own = [p for p in range(NP) if p != OTHER and counts[p] >= k]
    outside = total - sum(counts[p] for p in own)
    while 0 < outside < k:
        victim = sorted(own, key=lambda p: (counts[p], -p))[0]
        own.remove(victim)
        outside += counts[victim]
    state, n = [], []
    for p in range(NP):
        if p in own:
            state.append("shown")
            n.append(int(counts[p]))
        elif outside >= k:
            state.append("shown" if p == OTHER else "pooled")
            n.append(int(outside) if p == OTHER else 0)
        else:
            state.append("hidden")
            n.append(0)
    columns = len(own) + (1 if outside >= k else 0)
    return dict(shown=True, total_shown=True, total=total, columns=columns, state=state, n=n)


def row_plan(counts, k, rp, withheld=()):
    """A row keeps the round's columns: a column's cell is its round
    members with a value in the row, shown when it holds >= k people and is
    not withheld; the total only when nobody in the row is outside the
    shown cells."""
    k = max(k, 3)
    pl = dict(shown=False, total_shown=False, total=0, columns=0, state=["hidden"] * NP,
              n=[0] * NP)
    if not rp["shown"]:
        return pl
    people = [0] * NP
    for p in range(NP):
        c = column(rp, p)
        if c is not None:
            people[c] += counts[p]
    for c in range(NP):
        if rp["state"][c] == "shown" and people[c] >= k and c not in withheld:
            pl["n"][c] = people[c]
            pl["columns"] += 1
    for p in range(NP):
        c = column(rp, p)
        if c is None or pl["n"][c] == 0:
            continue
        pl["state"][p] = "shown" if c == p else "pooled" if counts[p] > 0 else "hidden"
    pl["shown"] = pl["columns"] > 0
    pl["total_shown"] = pl["shown"] and sum(pl["n"]) == sum(counts)
    pl["total"] = int(sum(counts)) if pl["total_shown"] else 0
    return pl


def column(pl, p):
    s = pl["state"][p]
    return p if s == "shown" else OTHER if s == "pooled" else None


def tenths(v):
    return int(Decimal("%.1f" % v) * 10)


def band(v):
    if v is None:
        return "none"
    t = tenths(v)
    return "strength" if t >= 40 else "discuss" if t >= 30 else "attention"


def cell(values):
    values = np.asarray(values, dtype=float)
    if len(values) == 0:
        return dict(n=0, mean=None, sd=None)
    sd = np.std(values, ddof=1) if len(values) > 1 else None
    return dict(n=int(len(values)), mean=num(np.mean(values)), sd=num(sd))


def row_figures(values, persp, k, rp, raw=None, withheld=()):
    """values: the row's value per respondent (nan = none); persp: their
    perspectives; rp: the round plan; raw: the answers as given (statement
    rows)."""
    has = ~np.isnan(values)
    counts = [int(np.sum(has & (persp == p))) for p in range(NP)]
    pl = row_plan(counts, k, rp, withheld)
    row = dict(plan=pl, col=[cell([]) for _ in range(NP)], total=cell([]),
               headline=None, gap=None, band="none", differ=False)
    if raw is not None:
        row["dist"] = [[0] * 5 for _ in range(NP)]
        row["dist_total"] = [0] * 5
    if not pl["shown"]:
        return row
    colof = np.array([-1 if column(rp, p) is None else column(rp, p) for p in range(NP)])
    c_of_r = colof[persp]
    for c in range(NP):
        if pl["n"][c] > 0:
            sel = has & (c_of_r == c)
            row["col"][c] = cell(values[sel])
            if raw is not None:
                row["dist"][c] = [int(np.sum(raw[sel] == v)) for v in range(1, 6)]
    if pl["total_shown"]:
        row["total"] = cell(values[has])
        if raw is not None:
            row["dist_total"] = [int(np.sum(raw[has] == v)) for v in range(1, 6)]
    means = [row["col"][c]["mean"] for c in range(NP) if pl["n"][c] > 0]
    row["headline"] = num(np.mean(means))
    row["band"] = band(row["headline"])
    if len(means) >= 2:
        row["gap"] = num(max(means) - min(means))
        row["differ"] = tenths(row["gap"]) >= 10
    return row


def withheld_of(items, persp, rp, g):
    """The pooled column is withheld from group g's row when its members
    (pooled perspectives with people) were asked different statements of g."""
    members = {p for p in range(NP) if column(rp, p) == OTHER and np.any(persp == p)}
    gi = group_index(items)
    for i, it in enumerate(items):
        if gi[i] != g:
            continue
        asked = {p for p in members if it["perspectives"] == 0 or it["perspectives"] >> p & 1}
        if asked and asked != members:
            return (OTHER,)
    return ()


def asked_matrix(items, persp):
    masks = np.array([it["perspectives"] for it in items], dtype=np.int64)
    return (masks[None, :] == 0) | ((masks[None, :] >> persp[:, None]) & 1 == 1)


def scored(items, answers, persp):
    """Scored values (reverse turned round), nan where missing or not asked."""
    a = np.array(answers, dtype=float).reshape(len(persp), len(items))
    a[(a == 0) | ~asked_matrix(items, persp)] = np.nan
    rev = np.array([it["reverse"] for it in items], dtype=bool)
    a[:, rev] = 6 - a[:, rev]
    return a


def group_index(items):
    return np.array([it["group"] + (NEL if it["outcome"] else 0) for it in items])


def group_scores(items, x, persp):
    gi = group_index(items)
    asked = asked_matrix(items, persp)
    out = np.full((len(persp), NEL + NOUT), np.nan)
    for g in range(NEL + NOUT):
        cols = np.where(gi == g)[0]
        for r in range(len(persp)):
            put = [i for i in cols if asked[r, i]]
            got = [x[r, i] for i in put if not np.isnan(x[r, i])]
            if got and 2 * len(got) >= len(put):
                out[r, g] = np.mean(got)
    return out


def reliability(items, x, g, k):
    # the group's statements put to everyone: the scale all respondents answer
    cols = [i for i in range(len(items)) if group_index(items)[i] == g and items[i]["perspectives"] == 0]
    sub = x[:, cols]
    complete = sub[~np.isnan(sub).any(axis=1)] if cols else np.zeros((0, 0))
    n = len(complete)
    rel = dict(shown=n >= k, n=n if n >= k else 0, n_items=len(cols), items=cols,
               alpha=None, item_rest=[None] * len(cols))
    if n < k:
        return rel
    total = complete.sum(axis=1)
    if len(cols) >= 2 and np.var(total, ddof=1) > 0:
        a = len(cols) / (len(cols) - 1) * (1 - complete.var(axis=0, ddof=1).sum()
                                            / np.var(total, ddof=1))
        rel["alpha"] = num(a)
    for j in range(len(cols)):
        rest = total - complete[:, j]
        if np.var(complete[:, j]) > 0 and np.var(rest) > 0:
            rel["item_rest"][j] = num(np.corrcoef(complete[:, j], rest)[0, 1])
    return rel


def correlations(scores, k, shown):
    corr = [[None] * NEL for _ in range(NEL)]
    corr_n = [[0] * NEL for _ in range(NEL)]
    for a in range(NEL):
        for b in range(NEL):
            m = ~np.isnan(scores[:, a]) & ~np.isnan(scores[:, b])
            n = int(m.sum())
            if not shown or n < k:
                continue
            corr_n[a][b] = n
            xa, xb = scores[m, a], scores[m, b]
            if np.ptp(xa) > 1e-12 and np.ptp(xb) > 1e-12:
                corr[a][b] = num(np.corrcoef(xa, xb)[0, 1])
    return corr, corr_n


def round_figures(fx, rnd):
    items, k = fx["items"], fx["k"]
    persp = np.array(rnd["perspectives"], dtype=np.int64)
    raw = np.array(rnd["answers"], dtype=float).reshape(len(persp), len(items))
    x = scored(items, rnd["answers"], persp)
    pl = plan([int(np.sum(persp == p)) for p in range(NP)], k)
    scores = group_scores(items, x, persp)
    rows = [row_figures(scores[:, g], persp, k, pl, withheld=withheld_of(items, persp, pl, g))
            for g in range(NEL + NOUT)]
    irows = [row_figures(x[:, i], persp, k, pl, raw=raw[:, i]) for i in range(len(items))]
    corr, corr_n = correlations(scores, k, pl["shown"])
    return dict(plan=pl, elements=rows[:NEL], outcomes=rows[NEL:], items=irows,
                alpha_elements=[reliability(items, x, g, k) for g in range(NEL)],
                alpha_outcomes=[reliability(items, x, NEL + g, k) for g in range(NOUT)],
                corr=corr, corr_n=corr_n)


def t_quantile(p, df):
    """Student t quantile through the inverse incomplete beta (scipy's
    t.ppf is only good to about 1e-9), polished by one Newton step."""
    q = 1 - p
    xb = special.betaincinv(df / 2, 0.5, 2 * q)
    t = math.sqrt(df * (1 - xb) / xb)
    t += (stats.t.sf(t, df) - q) / stats.t.pdf(t, df)
    assert abs(t - stats.t.ppf(p, df)) < 1e-6 * max(1, t)
    return t


def shown_people(row):
    """The people of a row's shown cells as one group: the total when it is
    shown, else the shown cells pooled (within and between the cells)."""
    if row["plan"]["total_shown"]:
        return row["total"]
    cells = [row["col"][c] for c in range(NP) if row["plan"]["n"][c] > 0]
    n = sum(c["n"] for c in cells)
    if n == 0:
        return cell([])
    mean = sum(c["n"] * c["mean"] for c in cells) / n
    ss = sum(c["n"] * (c["mean"] - mean) ** 2 + (c["n"] - 1) * (c["sd"] or 0) ** 2 for c in cells)
    return dict(n=n, mean=mean, sd=math.sqrt(ss / (n - 1)) if n > 1 else None)


def change(before, after):
    out = dict(computed=False, diff=None, se=None, df=None, t=None, lo=None, hi=None,
               verdict="unclear")
    a, b = shown_people(before), shown_people(after)
    if not (before["plan"]["shown"] and after["plan"]["shown"] and a["n"] >= 2 and b["n"] >= 2):
        return out
    v1, v2 = a["sd"] ** 2 / a["n"], b["sd"] ** 2 / b["n"]
    out.update(computed=True, diff=b["mean"] - a["mean"], se=math.sqrt(v1 + v2))
    if v1 + v2 == 0:
        out.update(lo=out["diff"], hi=out["diff"])
    else:
        df = (v1 + v2) ** 2 / (v1 ** 2 / (a["n"] - 1) + v2 ** 2 / (b["n"] - 1))
        t = t_quantile(0.975, df)
        out.update(df=df, t=t, lo=out["diff"] - t * out["se"], hi=out["diff"] + t * out["se"])
    out["verdict"] = "up" if out["lo"] > 0 else "down" if out["hi"] < 0 else "unclear"
    return out


def expected(fx):
    rounds = [round_figures(fx, rnd) for rnd in fx["rounds"]]
    changes = [dict(before=i, after=j,
                    elements=[change(rounds[i]["elements"][e], rounds[j]["elements"][e])
                              for e in range(NEL)])
               for i in range(len(rounds)) for j in range(i + 1, len(rounds))]
    return dict(rounds=rounds, changes=changes)

# ---------------------------------------------------------------- files


def dump(fx):
    """Indented JSON with every innermost list and object on one line: one
    answer row per line keeps the files readable and the diffs small."""
    text = json.dumps(fx, indent=1, allow_nan=False)
    flat = r"([^\[\]{}]*)"
    text = re.sub(r"\[" + flat + r"\]", lambda m: "[" + " ".join(m.group(1).split()) + "]", text)
    return re.sub(r"\{" + flat + r"\}", lambda m: "{" + " ".join(m.group(1).split()) + "}", text)


def main(argv):
    os.makedirs(FIXDIR, exist_ok=True)
    if "--inputs" in argv:
        for name, spec in SPECS.items():
            with open(os.path.join(FIXDIR, name + ".json"), "w") as f:
                f.write(dump(make_inputs(name, spec)) + "\n")
    for name in sorted(os.listdir(FIXDIR)):
        if not name.endswith(".json"):
            continue
        path = os.path.join(FIXDIR, name)
        with open(path) as f:
            fx = json.load(f)
        fx["expected"] = expected(fx)
        with open(path, "w") as f:
            f.write(dump(fx) + "\n")
        print("wrote", os.path.relpath(path))


if __name__ == "__main__":
    main(sys.argv[1:])
