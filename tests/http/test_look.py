"""The site's own look (issue 18): the administrator uploads a logo (PNG or
SVG, checked: PNG signature and dimensions, SVG without script, event
attributes, external references, foreign objects or a DTD, size-limited)
and chooses an accent colour that passes the WCAG contrast checks (the
computed ratio is shown when refused). The header of every page, the QR
poster, the printed dialogue agenda and the PDF reports carry them."""

import re
import shutil
import struct
import subprocess
import tempfile
import unittest
import zlib

import harness
from attack import multipart_body
from harness import ADMIN, COORDINATOR, GERIATRIE, MEMBER, ServerTestCase

POPPLER = all(shutil.which(t) for t in ("pdfimages", "pdftotext"))


def png(w, h, rgb=(200, 30, 30)):
    """A PNG of w x h pixels in one colour, made here with zlib."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


SVG_OK = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect width="120" height="40" '
          'fill="#123456"/><use href="#x"/><text x="4" y="28" font-size="20" fill="#fff">HvA</text></svg>')
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">%s</svg>'

# contrast ratios worked out by hand from WCAG 2's formula:
# L(#ffff00) = 0.2126 + 0.7152 = 0.9278; (1.05)/(0.9778) = 1.07 with white
YELLOW_ON_WHITE = "1.1:1"


class LookTest(ServerTestCase):
    def admin(self):
        c = self.client()
        c.login_ok(ADMIN)
        return c

    def upload(self, c, data, name="logo.png"):
        page = c.get("/admin/look")
        body, ct = multipart_body([("csrf", harness.csrf_from(page)), ("logo", data, name)])
        return c.request("POST", "/admin/look/logo", body=body, headers={"Content-Type": ct})

    def accent(self, c, value):
        page = c.get("/admin/look")
        return c.post("/admin/look/accent", {"csrf": harness.csrf_from(page), "accent": value})

    def tearDown(self):
        c = self.admin()
        page = c.get("/admin/look")
        c.post("/admin/look/logo", {"csrf": harness.csrf_from(page), "remove": "1"})
        self.accent(c, "")

    def refused(self, data, name, status, *words):
        r = self.upload(self.admin(), data, name)
        self.assertEqual(r.status, status, r)
        for w in words:
            self.assertIn(w, r.text)
        self.assertEqual(self.client().get("/look/logo").status, 404)

    # ---- refusals, each kind ----

    def test_not_a_png(self):
        self.refused(b"GIF89a\x00\x01\x00\x01binary", "logo.png", 400, "geen PNG-bestand")

    def test_damaged_png(self):
        self.refused(png(40, 20)[:30], "logo.png", 400, "beschadigd")

    def test_png_dimensions(self):
        self.refused(png(3000, 20), "big.png", 400, "3000 × 20 pixels", "tussen 16 en 2048")
        self.refused(png(8, 8), "small.png", 400, "8 × 8 pixels")

    def test_too_many_bytes(self):
        self.refused(b"\x89PNG\r\n\x1a\n" + b"\x00" * (300 * 1024), "huge.png", 413, "te groot", "256 kB")

    def test_svg_refusals(self):
        cases = [
            (SVG % '<script>alert(1)</script>', "bevat een script"),
            (SVG % '<rect width="1" height="1" onclick="alert(1)"/>', "gebeurtenisattribuut (onclick)"),
            (SVG.replace("<svg ", '<svg onload="alert(1)" ') % "", "gebeurtenisattribuut (onload)"),
            (SVG % '<image href="https://example.org/x.png" width="1" height="1"/>', "buiten het bestand (href)"),
            (SVG % '<use xlink:href="http://example.org/a.svg#x"/>', "buiten het bestand (href)"),
            (SVG % '<rect width="1" height="1" fill="url(https://example.org/p.svg#g)"/>', "buiten het bestand (fill)"),
            (SVG % '<style>@import url(https://example.org/a.css);</style>', "buiten het bestand (style)"),
            (SVG % '<foreignObject width="1" height="1"><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>',
             "foreignObject-element"),
            (SVG % '<set attributeName="href" to="javascript:alert(1)"/>', "set-element"),
            ('<?xml-stylesheet href="https://example.org/a.css"?>' + SVG % "", "buiten het bestand"),
            ('<!DOCTYPE svg [<!ENTITY x "y">]>' + SVG % "<text>&x;</text>", "DOCTYPE"),
            ('<html xmlns="http://www.w3.org/1999/xhtml"></html>', "geen XML met een &lt;svg&gt;"),
            ('<svg xmlns="http://www.w3.org/2000/svg"><rect', "geen XML met een &lt;svg&gt;"),
        ]
        for svg, words in cases:
            with self.subTest(svg=svg):
                self.refused(svg.encode(), "logo.svg", 400, words)

    def test_low_contrast_refused_with_its_ratio(self):
        c = self.admin()
        r = self.accent(c, "#ffff00")
        self.assertEqual(r.status, 400, r)
        self.assertIn("Te weinig contrast: %s met witte tekst" % YELLOW_ON_WHITE, r.text)
        self.assertIn("nodig is 4.5:1", r.text)
        # #767676 on white is 4.54:1 but on the page background (#f5f6f3) 4.19:1
        r = self.accent(c, "#767676")
        self.assertEqual(r.status, 400, r)
        self.assertIn("4.5:1 met witte tekst, 4.2:1 op de achtergrond", r.text)
        for bad in ("red", "#12345", "#12345g", "1d5c63"):
            self.assertEqual(self.accent(c, bad).status, 400, bad)
        self.assertEqual(self.client().get("/look.css").status, 404)

    # ---- what a good look does ----

    def test_accent_on_every_page(self):
        c = self.admin()
        r = self.accent(c, "#7B2D26")
        self.assertEqual(r.status, 200, r)
        self.assertIn("#7b2d26", r.text)
        css = self.client().get("/look.css")
        self.assertEqual(css.status, 200)
        self.assertTrue(css.header("Content-Type").startswith("text/css"))
        self.assertIn("--brand: #7b2d26;", css.text)
        for who, path in ((None, "/login"), (MEMBER, "/pw/%s" % GERIATRIE)):
            cl = self.client()
            if who:
                cl.login_ok(who)
            self.assertRegex(cl.get(path).text, r'<link rel="stylesheet" href="/look.css\?v=\d+">')

    def test_png_logo_on_pages_poster_agenda_and_pdfs(self):
        data = png(120, 40)
        r = self.upload(self.admin(), data)
        self.assertEqual(r.status, 200, r)
        self.assertIn("Het logo is opgeslagen.", r.text)
        logo = self.client().get("/look/logo")
        self.assertEqual(logo.status, 200)
        self.assertEqual(logo.header("Content-Type"), "image/png")
        self.assertEqual(logo.body, data)
        c = self.client()
        c.login_ok(COORDINATOR)
        round_id = 2
        for path in ("/login", "/pw/%s" % GERIATRIE, "/pw/%s/rounds/%d/poster" % (GERIATRIE, round_id),
                     "/pw/%s/rounds/%d/dialogue" % (GERIATRIE, round_id)):
            page = (self.client() if path == "/login" else c).get(path)
            self.assertEqual(page.status, 200, path)
            self.assertRegex(page.text, r'<img class="site-logo" src="/look/logo\?v=\d+" alt="">', path)
        poster = c.get("/pw/%s/rounds/%d/poster" % (GERIATRIE, round_id)).text
        self.assertRegex(poster, r'<img class="poster-logo" src="/look/logo\?v=\d+" alt="Logo van de instelling">')
        if not POPPLER:
            self.skipTest("poppler-utils is not installed")
        for path in ("/pw/%s/rounds/%d/report.pdf" % (GERIATRIE, round_id), "/pw/%s/years/2026/report.pdf" % GERIATRIE):
            pdf = c.get(path)
            self.assertEqual(pdf.status, 200, path)
            with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
                f.write(pdf.body)
                f.flush()
                lines = subprocess.run(["pdfimages", "-list", f.name], capture_output=True, check=True,
                                       text=True).stdout.splitlines()[2:]
            self.assertEqual(len(lines), 1, (path, lines))
            cols = lines[0].split()
            self.assertEqual((cols[0], cols[3], cols[4]), ("1", "120", "40"), lines[0])  # page 1, 120 x 40

    def test_svg_logo_served_in_a_sandbox(self):
        r = self.upload(self.admin(), SVG_OK.encode(), "logo.svg")
        self.assertEqual(r.status, 200, r)
        logo = self.client().get("/look/logo")
        self.assertEqual(logo.header("Content-Type"), "image/svg+xml")
        self.assertIn("sandbox", logo.header_all("Content-Security-Policy"))
        self.assertEqual(logo.body, SVG_OK.encode())

    def test_only_the_administrator(self):
        c = self.client()
        c.login_ok(COORDINATOR)
        self.assertEqual(c.get("/admin/look").status, 404)
        page = c.get("/")
        body, ct = multipart_body([("csrf", harness.csrf_from(page)), ("logo", png(40, 20), "l.png")])
        self.assertEqual(c.request("POST", "/admin/look/logo", body=body, headers={"Content-Type": ct}).status, 404)
        self.assertEqual(self.client().get("/look/logo").status, 404)


if __name__ == "__main__":
    unittest.main()
