#!/usr/bin/python3
"""associations.py - the analysis across workplaces (issue 20), computed
independently of the C code from its definition in docs/learning.md:

For every element e and outcome category o, over the workplaces that have
both values: Spearman's rank correlation between the element score and
(a) the outcome scale score, (b) the number of outcomes registered in the
year up to the round's closing day. Ranks start at 1; tied values get the
mean of the ranks they span; the correlation is Pearson's over the ranks;
undefined (None) with fewer than two workplaces or when either side has no
variation. A figure is shown only over at least min_n workplaces.

Used by tests/http/test_learning.py; run directly it checks itself against
scipy.stats.spearmanr on random data."""

import math
import random

ELEMENTS = ["LOS", "SRI", "GOC", "VOR", "LEA", "VMM"]
OUTCOMES = ["knowledge", "professional", "curriculum", "collaboration", "connections"]


def ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        mean_rank = (i + j) / 2 + 1  # positions i..j hold ranks i+1..j+1
        for t in range(i, j + 1):
            out[order[t]] = mean_rank
        i = j + 1
    return out


def spearman(x, y):
    n = len(x)
    if n < 2:
        return None
    rx, ry = ranks(x), ranks(y)
    mx, my = sum(rx) / n, sum(ry) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    sxx = sum((a - mx) ** 2 for a in rx)
    syy = sum((b - my) ** 2 for b in ry)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def associations(profiles, min_n):
    """profiles: [{"element": {code: score or None}, "outcome": {code: score
    or None}, "registered": {code: count}}]. Returns {"scale": {e: {o: (n,
    rho or None)}}, "registered": ...}; rho None also below min_n."""
    out = {"scale": {}, "registered": {}}
    for kind in out:
        for e in ELEMENTS:
            out[kind][e] = {}
            for o in OUTCOMES:
                pairs = [(p["element"][e], p["outcome" if kind == "scale" else "registered"][o]) for p in profiles]
                pairs = [(a, b) for a, b in pairs if a is not None and b is not None]
                rho = spearman([a for a, _ in pairs], [b for _, b in pairs]) if len(pairs) >= min_n else None
                out[kind][e][o] = (len(pairs), rho)
    return out


def _self_check():
    from scipy.stats import spearmanr
    rnd = random.Random(20)
    for _ in range(300):
        n = rnd.randint(2, 30)
        x = [rnd.choice([1, 2, 2.5, 3, 4, 4, 5]) for _ in range(n)]
        y = [rnd.randint(0, 6) for _ in range(n)]
        mine = spearman(x, y)
        ref = spearmanr(x, y).correlation
        if mine is None:
            assert math.isnan(ref), (x, y, ref)
        else:
            assert abs(mine - ref) < 1e-12, (x, y, mine, ref)
    print("associations.py: spearman agrees with scipy on 300 random cases")


if __name__ == "__main__":
    _self_check()
