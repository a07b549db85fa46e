"""htmlcheck.py - is a page valid HTML? Three judges, each for what it does
best:

- HTML Tidy (Debian's `tidy`, 5.6): duplicate ids ("anchor already
  defined"), unclosed and misnested elements, unknown elements and
  attribute values. Its warnings about attributes it calls proprietary are
  left out (5.6 predates aria-current and most SVG attributes), and so is
  "trimming empty <span>": an empty element is valid.
- html5lib (Debian's `python3-html5lib`): every parse error of the WHATWG
  parsing algorithm, the one browsers follow (a stray end tag, an element
  closed too early, a table that fosters its content out).
- The tree html5lib builds, checked here: ids unique, every id reference
  (label for, aria-describedby, aria-labelledby, aria-controls, a local
  #fragment) pointing to an element that exists (a label to one it can
  label), and the content models that browsers repair silently: nothing
  interactive inside a link or button, no form in a form, no block in an
  element that holds only phrasing content (p, span, label, headings ...),
  lists, definition lists, table rows and selects holding only their own
  children.

problems(text) returns the findings of all three as readable lines; an
empty list is a valid page. Both packages are in the Makefile's
TEST_PACKAGES; without them the tests that use this say so and skip.
"""

import re
import shutil
import subprocess

try:
    import html5lib
except ImportError:  # the test skips; see available()
    html5lib = None

TIDY = shutil.which("tidy")

# Elements that may only hold phrasing content (the HTML standard's content
# models, for the elements this program writes).
PHRASING_ONLY = {"p", "span", "strong", "em", "small", "b", "i", "code", "abbr", "time", "label",
                 "button", "legend", "h1", "h2", "h3", "h4", "h5", "h6", "q", "s",
                 "sub", "sup", "mark", "kbd", "samp", "var", "dfn", "cite", "output", "summary"}
# Elements that are flow content but not phrasing content.
FLOW_ONLY = {"address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset",
             "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
             "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul", "figcaption", "li",
             "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "option"}
LABELABLE = {"input", "select", "textarea", "button", "meter", "output", "progress"}
# Which children an element may have (besides script and template).
ONLY_CHILDREN = {
    "ul": {"li"}, "ol": {"li"}, "menu": {"li"},
    "dl": {"dt", "dd", "div"},
    "tr": {"td", "th"},
    "select": {"option", "optgroup"},
    "optgroup": {"option"},
    "thead": {"tr"}, "tbody": {"tr"}, "tfoot": {"tr"},
}
# Which parents an element needs.
PARENTS = {"li": {"ul", "ol", "menu"}, "dt": {"dl", "div"}, "dd": {"dl", "div"},
           "option": {"select", "optgroup", "datalist"}, "legend": {"fieldset"},
           "figcaption": {"figure"}, "summary": {"details"}}
IDREF_ATTRS = ("aria-describedby", "aria-labelledby", "aria-controls", "aria-owns", "aria-errormessage")
# Not about validity: attributes tidy 5.6 does not know yet, and the empty
# elements its clean-up would drop (an empty span is valid HTML).
TIDY_IGNORED = re.compile(r"proprietary attribute|trimming empty <")


def available():
    """None when every judge is installed, else what is missing."""
    missing = [name for name, ok in (("tidy (package tidy)", TIDY),
                                     ("html5lib (package python3-html5lib)", html5lib)) if not ok]
    return ", ".join(missing) or None


def tidy_problems(text):
    """Tidy's warnings and errors, without the ones it is wrong about."""
    p = subprocess.run([TIDY, "-q", "-e", "-utf8", "--warn-proprietary-attributes", "no",
                        "--show-warnings", "yes", "--show-info", "no", "-"],
                       input=text.encode("utf-8", "surrogateescape"), capture_output=True, timeout=60)
    out = []
    for line in p.stderr.decode("utf-8", "replace").splitlines():
        m = re.match(r"^line (\d+) column (\d+) - (Warning|Error): (.*)$", line)
        if m and not TIDY_IGNORED.search(m.group(4)):
            out.append("tidy: line %s col %s: %s" % (m.group(1), m.group(2), m.group(4)))
        elif not m and line.strip() and "Document content looks like" not in line:
            out.append("tidy: " + line)
    return out


def local(tag):
    """The element name without an SVG or MathML namespace, and whether it is HTML."""
    if not isinstance(tag, str):
        return "", False  # a comment
    if tag.startswith("{"):
        return tag.split("}", 1)[1], False
    return tag, True


def describe(el):
    name, _ = local(el.tag)
    bits = [name] + ['%s="%s"' % (k, el.get(k)) for k in ("id", "class", "name", "for", "href") if el.get(k)]
    return "<%s>" % " ".join(bits)


class Tree:
    """The checks on the parsed tree."""

    def __init__(self, root):
        self.root = root
        self.parent = {c: p for p in root.iter() for c in p}
        self.ids = {}
        self.problems = []

    def ancestors(self, el):
        p = self.parent.get(el)
        while p is not None:
            yield p
            p = self.parent.get(p)

    def check(self):
        for el in self.root.iter():
            i = el.get("id") if isinstance(el.tag, str) else None
            if i is None:
                continue
            if i in self.ids:
                self.problems.append("duplicate id %r: %s and %s" % (i, describe(self.ids[i]), describe(el)))
            else:
                self.ids[i] = el
        for el in self.root.iter():
            name, is_html = local(el.tag)
            if not name:
                continue
            self.references(el, name)
            if is_html:
                self.nesting(el, name)
        return self.problems

    def references(self, el, name):
        if name == "label" and el.get("for") is not None:
            target = self.ids.get(el.get("for"))
            if target is None:
                self.problems.append("label for a missing id: %s" % describe(el))
            elif local(target.tag)[0] not in LABELABLE or target.get("type") == "hidden":
                self.problems.append("label for %s, which cannot be labelled: %s" % (describe(target), describe(el)))
        for attr in IDREF_ATTRS:
            for ref in (el.get(attr) or "").split():
                if ref not in self.ids:
                    self.problems.append("%s names a missing id %r: %s" % (attr, ref, describe(el)))
        href = el.get("href") if name == "a" else None
        if href and href.startswith("#") and len(href) > 1 and href[1:] not in self.ids:
            self.problems.append("link to a missing id: %s" % describe(el))

    def interactive(self, el, name):
        if name == "a":
            return el.get("href") is not None
        if name == "input":
            return el.get("type") != "hidden"
        return name in ("button", "select", "textarea", "label", "details", "iframe", "embed", "audio", "video")

    def nesting(self, el, name):
        parent = self.parent.get(el)
        pname, p_html = local(parent.tag) if parent is not None else ("", False)
        ups = [local(a.tag)[0] for a in self.ancestors(el)]
        if self.interactive(el, name):
            for a in self.ancestors(el):
                an = local(a.tag)[0]
                if an == "button" or (an == "a" and a.get("href") is not None):
                    self.problems.append("%s inside %s" % (describe(el), describe(a)))
                    break
        if name == "form" and "form" in ups:
            self.problems.append("form inside a form: %s" % describe(el))
        if name == "label" and "label" in ups:
            self.problems.append("label inside a label: %s" % describe(el))
        if name in FLOW_ONLY and p_html and pname in PHRASING_ONLY:
            self.problems.append("%s inside %s, which holds only phrasing content" % (describe(el), describe(parent)))
        if p_html and pname in ONLY_CHILDREN and name not in ONLY_CHILDREN[pname] | {"script", "template"}:
            self.problems.append("%s directly inside %s" % (describe(el), describe(parent)))
        if name in PARENTS and (not p_html or pname not in PARENTS[name]):
            self.problems.append("%s outside %s" % (describe(el), "/".join(sorted(PARENTS[name]))))
        if name in ("dt", "dd") and pname == "div" and parent is not None and \
                local(self.parent.get(parent).tag)[0] != "dl":
            self.problems.append("%s in a div that is not a child of dl" % describe(el))


def parse_problems(text):
    """html5lib's parse errors and the tree checks."""
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    root = parser.parse(text)
    out = ["parse error at line %d col %d: %s %s" % (pos[0], pos[1], code, data or "")
           for pos, code, data in parser.errors]
    return out + Tree(root).check()


def problems(text):
    """Everything wrong with one HTML page, as readable lines."""
    return tidy_problems(text) + parse_problems(text)
