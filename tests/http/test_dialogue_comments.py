"""test_dialogue_comments.py - issue 17: on the dialogue agenda, identical
comments are shown once with how often they were written, in the page's
language, the most written first; still only comments of a column of
k + 2 or more people (the anonymity plan)."""

import html
import re
import unittest

import htmlcheck
import qhelp
from harness import GERIATRIE, MEMBER, ServerTestCase


def items(weak):
    """Every statement answered: the element weak at 1 (so that it is among
    the weakest, whose comments the agenda quotes), the others at 4."""
    return {i["id"]: 1 if e["code"] == weak else 4
            for e in qhelp.INSTRUMENT["elements"] for i in e["items"] if "perspectives" not in i}


def comments_of(page):
    """[(text, count note or "")] of the agenda's quoted comments."""
    return [(html.unescape(t), html.unescape(n or "")) for t, n in re.findall(
        r'<li><blockquote>(.*?)</blockquote>(?: <small class="muted">(.*?)</small>)?</li>', page, re.S)]


class DialogueCommentsTest(ServerTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 8 students: a column of k + 2 = 7 or more, so their comments show
        good = ["Goede begeleiding"] * 3 + ["Veel geleerd"] * 2 + ["Prima", "Anders", "Leuk"]
        cls.rid, _ = qhelp.new_round(cls.server, GERIATRIE, title="Ronde met opmerkingen")
        qhelp.add_responses(cls.server, cls.rid, [
            ("student", items("LOS"), {"LOS_good": good[i], "LOS_better": "Meer tijd"}) for i in range(8)])
        qhelp.close_round(cls.server, cls.rid)
        # 5 students: figures shown (k = 5), comments not (fewer than k + 2)
        cls.small, _ = qhelp.new_round(cls.server, GERIATRIE, title="Kleine ronde")
        qhelp.add_responses(cls.server, cls.small, [
            ("student", items("LOS"), {"LOS_good": "Geheim van vijf"}) for _ in range(5)])
        qhelp.close_round(cls.server, cls.small)

    def agenda(self, rid, lang=None):
        c = self.client(accept_language=lang)
        c.login_ok(MEMBER)
        r = c.get("/pw/%s/rounds/%d/dialogue" % (GERIATRIE, rid))
        self.assertEqual(r.status, 200, r)
        return r.text

    def test_identical_comments_once_with_a_count(self):
        shown = comments_of(self.agenda(self.rid))
        # the most written first; at most three per question, so two of the
        # comments written once are left out
        self.assertEqual(shown[:2], [("Goede begeleiding", "(3× geschreven)"), ("Veel geleerd", "(2× geschreven)")])
        self.assertIn(shown[2], [("Prima", ""), ("Anders", ""), ("Leuk", "")])
        self.assertEqual(shown[3:], [("Meer tijd", "(8× geschreven)")])

    def test_in_english(self):
        shown = comments_of(self.agenda(self.rid, "en"))
        self.assertIn(("Goede begeleiding", "(written 3×)"), shown)
        self.assertIn(("Meer tijd", "(written 8×)"), shown)

    def test_only_what_the_plan_allows(self):
        page = self.agenda(self.small)
        self.assertIn("Wat mensen schreven", page)  # the figures are shown ...
        self.assertNotIn("Geheim van vijf", page)  # ... the comments of 5 are not
        self.assertEqual(comments_of(page), [])

    @unittest.skipIf(htmlcheck.available(), "the HTML validators are missing")
    def test_the_agenda_is_valid_html(self):
        self.assertEqual(htmlcheck.problems(self.agenda(self.rid)), [])


if __name__ == "__main__":
    unittest.main()
