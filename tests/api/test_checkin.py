"""Black-box tests of the event day: the badges' PDF rendered by poppler
(pdftoppm, pdftotext, pdfinfo) and its QR codes decoded by an independent
decoder (zbarimg, Debian's zbar-tools); the desk's check-in with the
decoded token, a forged, foreign or reused token refused (also two desks
scanning one badge at once); online attendees joining; the attendance
figures.
"""
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import Server  # noqa: E402

API = "/api/v1"


def run(*args, data=None):
    p = subprocess.run(args, input=data, capture_output=True, timeout=120)
    if p.returncode != 0:
        raise AssertionError("%s failed: %s" % (args[0], p.stderr.decode("utf-8", "replace")))
    return p.stdout.decode("utf-8")


class CheckinTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server(demo=True)
        cls.addClassCleanup(cls.srv.__exit__, None, None, None)
        cls.tmp = tempfile.TemporaryDirectory(prefix="liaison-badges-")
        cls.addClassCleanup(cls.tmp.cleanup)
        cls.event = cls.srv.get(API + "/events/eu-cn-fair-2026")[2]
        cls.org = cls.srv.demo_client("organiser")
        st, _, regs = cls.srv.get(API + "/registrations?event=%d&limit=200" % cls.event["id"])
        assert st == 200, regs
        cls.regs = [r for r in regs["items"] if r.get("validation") != "rejected"]
        st, hdrs, pdf = cls.org.get(API + "/events/%d/badges.pdf" % cls.event["id"])
        assert st == 200, (st, pdf)
        assert hdrs["content-type"] == "application/pdf", hdrs
        assert pdf.startswith(b"%PDF-"), pdf[:20]
        cls.pdf = os.path.join(cls.tmp.name, "badges.pdf")
        with open(cls.pdf, "wb") as f:
            f.write(pdf)
        cls.tokens = {}

    def page_token(self, page):
        """The QR code of badge page (from 1), decoded by zbarimg from a 200 dpi PNG."""
        if page not in self.tokens:
            stem = os.path.join(self.tmp.name, "p%d" % page)
            run("pdftoppm", "-r", "200", "-f", str(page), "-l", str(page), "-singlefile",
                "-png", self.pdf, stem)
            out = run("zbarimg", "--raw", "-q", stem + ".png").strip().splitlines()
            self.assertEqual(len(out), 1, out)
            self.tokens[page] = out[0]
        return self.tokens[page]

    def checkin(self, token, client=None):
        return (client or self.org).post(API + "/events/%d/check-in" % self.event["id"],
                                         {"token": token})

    def test_a_one_badge_per_participant_with_name_and_qr(self):
        info = run("pdfinfo", self.pdf)
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        self.assertEqual(pages, len(self.regs))
        self.assertRegex(info, r"Creator:\s+liaison")
        # A6 portrait
        self.assertRegex(info, r"Page size:\s+297\.6\d? x 419\.5\d? pts")
        reg = self.regs[0]
        person = self.srv.get(API + "/people/%d" % reg["person_id"])[2]
        org = self.srv.get(API + "/organisations/%d" % person["organisation_id"])[2]
        text = run("pdftotext", "-f", "1", "-l", "1", "-layout", self.pdf, "-")
        self.assertIn(person["name"], text.replace(" ", "") if " " not in person["name"]
                      else text)
        self.assertIn(self.event["name"].split()[0], text)
        self.assertIn(org["country"], text)
        token = self.page_token(1)
        self.assertRegex(token, r"^LC1-%d-%d-[A-Za-z0-9_-]{22}$" % (self.event["id"], reg["id"]))
        # the token is printed under the code too, for typing
        self.assertIn(token, text.replace(" ", "").replace("\n", ""))

    def test_b_checkin_once_then_refused(self):
        token = self.page_token(1)
        st, _, doc = self.checkin(token)
        self.assertEqual(st, 200, doc)
        self.assertEqual(doc["registration_id"], self.regs[0]["id"])
        self.assertEqual(doc["mode"], "onsite")
        self.assertIn("name", doc)
        st, _, doc = self.checkin(token)
        self.assertEqual(st, 409, doc)
        self.assertIn("already used", doc["detail"])
        st, _, reg = self.srv.get(API + "/registrations/%d" % self.regs[0]["id"])
        self.assertTrue(reg["checked_in"])

    def test_c_forged_and_foreign_tokens_refused(self):
        token = self.page_token(2)
        forged = token[:-1] + ("A" if token[-1] != "A" else "B")
        st, _, doc = self.checkin(forged)
        self.assertEqual(st, 422, doc)
        self.assertIn("token", doc["detail"])
        # another registration's number with this token's signature
        ev, reg, mac = token.split("-")[1:4]
        other = "LC1-%s-%d-%s" % (ev, self.regs[0]["id"] if int(reg) != self.regs[0]["id"]
                                   else self.regs[1]["id"], mac)
        st, _, doc = self.checkin(other)
        self.assertEqual(st, 422, doc)
        for bad in ["", "LC1-", "LC1-1-2-short", "garbage", "LC1-01-2-" + "A" * 22]:
            st, _, doc = self.checkin(bad)
            self.assertEqual(st, 422, (bad, doc))
        st, _, doc = self.org.post(API + "/events/%d/check-in" % self.event["id"], {})
        self.assertEqual(st, 422, doc)
        # the token is good: it still checks in after the forgeries
        st, _, doc = self.checkin(token)
        self.assertEqual(st, 200, doc)

    def test_d_two_desks_one_badge(self):
        token = self.page_token(3)
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            results = list(pool.map(lambda _: self.checkin(token)[0], range(4)))
        self.assertEqual(sorted(results), [200, 409, 409, 409])

    def test_e_participants_cannot_check_in_but_join_online(self):
        p = self.srv.demo_client("participant")
        st, _, doc = self.checkin(self.page_token(4), client=p)
        self.assertEqual(st, 403, doc)
        before = self.org.get(API + "/events/%d/attendance" % self.event["id"])[2]
        st, _, doc = p.post(API + "/events/%d/join" % self.event["id"])
        self.assertEqual(st, 200, doc)
        self.assertIn(doc.get("mode"), ("online", None))
        st, _, again = p.post(API + "/events/%d/join" % self.event["id"])
        self.assertEqual(st, 200, again)
        self.assertTrue(again["already"])
        st, _, after = self.org.get(API + "/events/%d/attendance" % self.event["id"])
        self.assertEqual(st, 200, after)
        if doc.get("mode") == "online":
            self.assertEqual(after["online"], before["online"] + 1)
            self.assertEqual(after["checked_in"], before["checked_in"] + 1)
        st, _, doc = p.get(API + "/events/%d/attendance" % self.event["id"])
        self.assertEqual(st, 403, doc)

    def test_f_attendance_figures(self):
        st, _, doc = self.org.get(API + "/events/%d/attendance" % self.event["id"])
        self.assertEqual(st, 200, doc)
        self.assertEqual(doc["registered"], len(self.regs))
        self.assertEqual(doc["checked_in"], doc["onsite"] + doc["online"])
        self.assertGreaterEqual(doc["onsite"], 3)
        st, _, doc = self.org.get(API + "/events/999999/attendance")
        self.assertIn(st, (403, 404))


if __name__ == "__main__":
    unittest.main()
