"""Easy-read (eenvoudige taal, issue 22): the shipped texts read easily,
measured here from their definition (sentence length, a Flesch-Douma
reading ease with a syllable count of our own, plain words), and a
participant who chooses easy-read gets those texts, pictograms with a
text for screen readers and faces on the scale, while the answers count
for the same statements as everyone else's."""

import html
import re
import unittest

import harness
import htmlcheck
import qhelp
from harness import GERIATRIE, ServerTestCase

INSTR = qhelp.INSTRUMENT
VOWELS = "aeiouyáéíóúàèäëïöü"
# Words a reader at about level A2 stumbles over, which easy-read avoids.
HARD_WORDS = {"faciliteren", "implementeren", "structureel", "evalueren", "optimaliseren",
              "interprofessioneel", "sectoroverstijgend", "kwalitatief", "randvoorwaarden",
              "stakeholders", "organisatorisch", "gezamenlijke", "grensoverstijgende"}


def syllables(word):
    """Dutch syllables, counted as groups of vowels; a vowel with a
    diaeresis (cliënt) starts a new group."""
    n, previous = 0, False
    for ch in word.lower():
        vowel = ch in VOWELS
        if vowel and (not previous or ch in "ëïü"):
            n += 1
        previous = vowel
    return max(n, 1)


def sentences(text):
    return [s for s in re.split(r"(?<=[.?!])['\")\]]*\s+", text.strip()) if s]


def words(sentence):
    return re.findall(r"[0-9A-Za-zÀ-ÿ'’]+", sentence)


def flesch_douma(texts):
    """206.84 - 0.77 * syllables per 100 words - 0.93 * words per sentence."""
    ss = [s for t in texts for s in sentences(t)]
    ws = [w for s in ss for w in words(s)]
    syl = sum(syllables(w) for w in ws)
    return 206.84 - 0.77 * 100.0 * syl / len(ws) - 0.93 * len(ws) / len(ss)


def easy_texts(lang):
    """Every easy-read text of the shipped instrument in one language."""
    out = [INSTR["easy_intro"][lang], INSTR["triggers"]["easy_question"][lang],
           INSTR["triggers"]["open_question"]["easy"][lang]]
    out += [o["easy"][lang] for o in INSTR["triggers"]["options"]]
    for e in INSTR["elements"]:
        out.append(e["easy_explanation"][lang])
        out += [q["easy"][lang] for q in e["open_questions"]]
    for part in INSTR["elements"] + INSTR["outcomes"]:
        out += [i["easy"][lang] for i in part["items"] if "easy" in i]
    return out


class ShippedEasyTextsTest(unittest.TestCase):
    def test_every_statement_for_citizens_has_easy_read_and_a_pictogram(self):
        missing = [i["id"] for part in INSTR["elements"] + INSTR["outcomes"] for i in part["items"]
                   if qhelp.shown_to(i, "citizen") and not ("easy" in i and "pictogram" in i)]
        self.assertEqual(missing, [])
        # 51 statements, LOS6 LOS7 VOR5 LEA2 VMM3 PRO1 CUR1 CUR2 not for citizens
        self.assertEqual(len([1 for p in INSTR["elements"] + INSTR["outcomes"] for i in p["items"]
                              if "easy" in i]), 43)

    def test_no_sentence_over_12_words(self):
        for lang in ("nl", "en"):
            for text in easy_texts(lang):
                for s in sentences(text):
                    self.assertLessEqual(len(words(s)), 12, "%s: %s" % (lang, s))

    def test_dutch_reads_easily_on_flesch_douma(self):
        texts = easy_texts("nl")
        self.assertGreaterEqual(flesch_douma(texts), 80.0)
        # one short text is a small sample for the formula: a lower floor each
        for t in texts:
            self.assertGreaterEqual(flesch_douma([t]), 40.0, t)
        # the normal statements are harder: the easy-read ones must be easier
        normal = [i["text"]["nl"] for p in INSTR["elements"] + INSTR["outcomes"] for i in p["items"]
                  if "easy" in i]
        self.assertGreater(flesch_douma(texts), flesch_douma(normal) + 10)

    def test_plain_words(self):
        for text in easy_texts("nl"):
            for w in words(text):
                self.assertNotIn(w.lower(), HARD_WORDS, text)
                self.assertLessEqual(syllables(w), 5, "%s in %s" % (w, text))

    def test_the_formula_on_known_text(self):
        # worked out by hand: 2 sentences, 6 words, 8 syllables (le-ren, sa-men)
        self.assertEqual(syllables("cliënten"), 3)
        self.assertEqual(syllables("huis"), 1)
        self.assertEqual(syllables("werkplaats"), 2)
        self.assertAlmostEqual(flesch_douma(["Ik ben hier. Wij leren samen."]),
                               206.84 - 0.77 * 100 * 8 / 6 - 0.93 * 3, places=6)


def easy_start(client, open_token, perspective="citizen", reading="easy"):
    r = client.get("/r/%s?easy=1" % open_token)
    assert r.status == 200, r
    r = client.post("/r/%s/start" % open_token, {"csrf": harness.csrf_from(r), "perspective": perspective,
                                                 "consent": "yes", "reading": reading})
    assert r.status == 303, r
    return qhelp.token_of(r.location)


def item(code):
    return next(i for p in INSTR["elements"] + INSTR["outcomes"] for i in p["items"] if i["id"] == code)


class EasyReadQuestionnaireTest(ServerTestCase):
    def setUp(self):
        self.round_id, self.open = qhelp.new_round(self.server, GERIATRIE, title="Easy %s" % self.id())

    def test_welcome_offers_easy_read_and_speaks_it_when_asked(self):
        c = self.client()
        normal = c.get("/r/%s" % self.open)
        self.assertIn('href="/r/%s?easy=1"' % self.open, normal.text)
        self.assertIn(INSTR["intro"]["nl"], html.unescape(normal.text))
        self.assertIn('name="reading" value="normal" checked', normal.text)
        easy = c.get("/r/%s?easy=1" % self.open)
        self.assertIn(INSTR["easy_intro"]["nl"], html.unescape(easy.text))
        self.assertIn("Niemand ziet jouw antwoorden.", easy.text)
        self.assertIn('name="reading" value="easy" checked', easy.text)

    def test_easy_pages_show_easy_texts_pictograms_and_faces(self):
        c = self.client()
        tok = easy_start(c, self.open)
        self.assertEqual(self.server.sql("SELECT easy FROM responses WHERE access_hash = '%s'"
                                         % qhelp.token_hash("response", tok)), [["1"]])
        page = c.get("/r/%s/p/1" % tok)
        self.assertEqual(page.status, 200)
        los1 = item("LOS1")
        self.assertIn(los1["easy"]["nl"], html.unescape(page.text))
        self.assertNotIn(los1["text"]["nl"], html.unescape(page.text))
        self.assertIn(qhelp.element("LOS")["easy_explanation"]["nl"], html.unescape(page.text))
        # the pictogram, with what it shows for a screen reader
        self.assertRegex(page.text, r'<img class="picto" src="/static/picto-learn\.svg\?v=[0-9a-f]+" '
                                    r'width="48" height="48" alt="Een open boek">')
        # faces beside the words of the scale, decorative (the words say it)
        self.assertEqual(page.text.count('class="face" src="/static/face-1.svg'), len(qhelp.page_items(1, "citizen")))
        self.assertIn("Nee, helemaal niet", page.text)
        self.assertIn(INSTR["scale"]["easy_dont_know"]["nl"], page.text)
        self.assertNotIn("Helemaal mee oneens", page.text)
        # the pictures are served
        pic = c.get("/static/picto-learn.svg")
        self.assertEqual(pic.status, 200)
        self.assertTrue(pic.text.startswith("<svg"))
        # the last page: the triggers in easy-read
        last = c.get("/r/%s/p/8" % tok)
        self.assertIn(INSTR["triggers"]["easy_question"]["nl"], html.unescape(last.text))

    def test_normal_start_keeps_the_normal_texts(self):
        c = self.client()
        tok = qhelp.start_open(c, self.open, "citizen")
        self.assertEqual(self.server.sql("SELECT easy FROM responses WHERE access_hash = '%s'"
                                         % qhelp.token_hash("response", tok)), [["0"]])
        page = c.get("/r/%s/p/1" % tok)
        self.assertIn(item("LOS1")["text"]["nl"], html.unescape(page.text))
        self.assertNotIn('class="picto"', page.text)

    def test_easy_answers_count_for_the_same_statements(self):
        c = self.client()
        easy_tok = easy_start(c, self.open)
        normal_tok = qhelp.start_open(self.client(), self.open, "citizen")
        for tok in (easy_tok, normal_tok):
            cl = self.client()
            r = qhelp.answer_page(cl, tok, 1, {"LOS1": "4", "LOS2": "dk"})
            self.assertEqual(r.status, 303, r)
        rows = self.server.sql(
            "SELECT r.easy, i.code, COALESCE(CAST(a.value AS TEXT), '') FROM answers a"
            " JOIN items i ON i.id = a.item_id JOIN responses r ON r.id = a.response_id"
            " WHERE r.round_id = %d ORDER BY r.easy, i.code" % self.round_id)
        self.assertEqual(rows, [["0", "LOS1", "4"], ["0", "LOS2", ""], ["1", "LOS1", "4"], ["1", "LOS2", ""]])

    @unittest.skipIf(htmlcheck.available(), "the HTML validators are missing: %s" % htmlcheck.available())
    def test_easy_pages_are_valid_html(self):
        c = self.client()
        pages = [("/r/%s?easy=1" % self.open, c.get("/r/%s?easy=1" % self.open))]
        tok = easy_start(c, self.open)
        pages += [(p, c.get(p)) for p in ("/r/%s/p/1" % tok, "/r/%s/p/7" % tok, "/r/%s/p/8" % tok,
                                          "/r/%s/all" % tok)]
        found = [(path, htmlcheck.problems(r.text)) for path, r in pages]
        self.assertEqual([f for f in found if f[1]], [])
        self.assertEqual([r.status for _p, r in pages], [200] * 5)

    def test_a_bad_reading_choice_is_refused(self):
        c = self.client()
        page = c.get("/r/%s" % self.open)
        r = c.post("/r/%s/start" % self.open, {"csrf": harness.csrf_from(page), "perspective": "citizen",
                                               "consent": "yes", "reading": "loud"})
        self.assertEqual(r.status, 400)
        self.assertIn("Kies een van de mogelijkheden.", r.text)
        self.assertEqual(self.server.sql("SELECT COUNT(*) FROM responses WHERE round_id = %d"
                                         % self.round_id), [["0"]])


if __name__ == "__main__":
    unittest.main()


class ShippedVersionAddedTest(unittest.TestCase):
    """A database without the instrument version this program ships (one
    made by an older werkplaats, or without `init`) gets it at the start of
    `serve`, so that new rounds can offer easy-read."""

    def test_serve_adds_the_shipped_version_once(self):
        server = harness.Server(demo=False)
        try:
            server.start()
            server.stop()
            server.start()  # a second start finds it stored and adds nothing
            rows = server.sql("SELECT v.label FROM instrument_versions v JOIN instruments i"
                              " ON i.id = v.instrument_id WHERE i.code = 'los-pw'")
            self.assertEqual(rows, [[INSTR["version"]]])
            code, err = server.stop()
            self.assertEqual(code, 0)
            self.assertNotIn("was not added", err)
        finally:
            server.cleanup()
