#!/usr/bin/python3
"""rooms.py - the arrows between our files run one way (STYLE.md, "The house").

Checks, and fails (exit 1) with what it found:
1. Layers: a file includes, and an object file calls, nothing of a higher
   layer (base < domain < store < figures < io < web < cmd); the domain
   includes nothing but base and domain.
2. Pages are leaves: a page file (src/web/pages/*.c) includes no page
   header but pages.h (the route table's list of handlers) and calls no
   function of another page file.
3. No loop among the files of the web layer: no two of them call each
   other, directly or round a longer loop (the symbols of their object
   files, read with nm, as the linker sees them).

Usage: tools/rooms.py [OBJDIR]   (OBJDIR: build/asan, made by the build)"""

import os
import re
import subprocess
import sys

LAYERS = ["base", "domain", "store", "figures", "io", "web", "cmd"]
INCLUDE = re.compile(r'^#include "([a-z_]+)/([^"]+)"', re.M)


def sources(root):
    for d, _, files in os.walk(root):
        for f in sorted(files):
            if f.endswith((".c", ".h")):
                yield os.path.join(d, f)


def layer_of(path):
    """The layer of src/LAYER/... or LAYER/... (an object's path), else None."""
    parts = path.split(os.sep)
    for p in parts[:-1]:
        if p in LAYERS:
            return p
    return None


def include_problems():
    bad = []
    for path in sources("src"):
        mine = layer_of(path)
        if mine is None:
            continue
        text = open(path, encoding="utf-8").read()
        for top, rest in INCLUDE.findall(text):
            if top not in LAYERS:
                continue
            if LAYERS.index(top) > LAYERS.index(mine):
                bad.append(f"{path}: includes {top}/{rest} (a higher layer)")
            elif mine == "domain" and top not in ("base", "domain"):
                bad.append(f"{path}: the domain includes {top}/{rest}")
        if path.startswith(os.path.join("src", "web", "pages")) and path.endswith(".c"):
            for top, rest in INCLUDE.findall(text):
                if top == "web" and rest.startswith("pages/") and rest != "pages/pages.h":
                    bad.append(f"{path}: includes the page header {top}/{rest} "
                               "(move what pages share into a room of src/web)")
    return bad


def symbols(objdir):
    """{name: (defined, used)} for the object files of src/'s current sources
    (a stale object of a removed source does not count)."""
    out = {}
    for path in sources("src"):
        if not path.endswith(".c") or path == os.path.join("src", "main.c"):
            continue
        obj = os.path.join(objdir, os.path.relpath(path, "src"))[:-2] + ".o"
        if not os.path.exists(obj):
            sys.exit(f"rooms: {obj} missing; build first (make build/werkplaats-asan)")
        nm = subprocess.run(["nm", obj], capture_output=True, text=True, check=True).stdout
        defined, used = set(), set()
        for line in nm.splitlines():
            f = line.split()
            if len(f) == 3 and f[1] in "TDBR":
                defined.add(f[2])
            elif len(f) == 2 and f[0] == "U":
                used.add(f[1])
        out[os.path.relpath(obj, objdir)[:-2]] = (defined, used)
    return out


def calls(syms):
    """{file: {file it calls: [symbols]}}"""
    owner = {s: name for name, (defined, _) in syms.items() for s in defined}
    edges = {}
    for name, (_, used) in syms.items():
        edges[name] = {}
        for s in sorted(used):
            o = owner.get(s)
            if o and o != name:
                edges[name].setdefault(o, []).append(s)
    return edges


def layer_call_problems(edges):
    bad = []
    for a, outs in sorted(edges.items()):
        for b, syms in sorted(outs.items()):
            la, lb = layer_of(a), layer_of(b)
            if la and lb and LAYERS.index(lb) > LAYERS.index(la):
                bad.append(f"{a} calls {b} (a higher layer): {', '.join(syms[:4])}")
    return bad


def page_call_problems(edges):
    page = os.path.join("web", "pages") + os.sep
    bad = []
    for a, outs in sorted(edges.items()):
        for b, syms in sorted(outs.items()):
            if a.startswith(page) and b.startswith(page):
                bad.append(f"{a} calls the page file {b}: {', '.join(syms[:4])} "
                           "(move what pages share into a room of src/web)")
    return bad


def loops(edges):
    """The strongly connected components of more than one file (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def main():
    objdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join("build", "asan")
    bad = include_problems()
    edges = calls(symbols(objdir))
    bad += layer_call_problems(edges) + page_call_problems(edges)
    web = {a: {b: s for b, s in outs.items() if layer_of(b) == "web"}
           for a, outs in edges.items() if layer_of(a) == "web"}
    for comp in loops(web):
        bad.append("loop: " + " ".join(comp))
        for a in comp:
            for b in sorted(set(web[a]) & set(comp)):
                bad.append(f"  {a} -> {b}: {', '.join(web[a][b][:4])}")
    if bad:
        print("rooms: the arrows between files do not run one way:", file=sys.stderr)
        print("\n".join(bad), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
