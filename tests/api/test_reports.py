"""The report files of an event (src/service/export.c): the tables as CSV
(RFC 4180, with or without a byte order mark) read back with Python's csv,
the workbook (libxlsxwriter) opened by an independent reader (openpyxl),
and the PDF report (cairo + pango) read with pdftotext for the headline
figures and a Chinese organisation's name, rendered with pdftoppm to a PNG
kept under build/ (report-artifacts/ next to the binary). The figures in
every file are the API's statistics of the same demo fair.
"""
import csv
import io
import os
import subprocess
import sys
import tempfile
import unittest

try:
    import openpyxl
except ImportError:  # Debian's python3-openpyxl, when python3 is not Debian's
    sys.path.append("/usr/lib/python3/dist-packages")
    import openpyxl

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import BIN, Server, run_cli  # noqa: E402

API = "/api/v1"
EVENT = API + "/events/eu-cn-fair-2026"
ARTIFACTS = os.path.join(os.path.dirname(os.path.abspath(BIN)), "report-artifacts")


class Reports(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server(demo=True)
        cls.org = cls.srv.demo_client("organiser")
        cls.part = cls.srv.demo_client("participant")
        st, _, cls.stats = cls.org.get(EVENT + "/statistics")
        assert st == 200, cls.stats

    @classmethod
    def tearDownClass(cls):
        rc = cls.srv.stop()
        log = "".join(cls.srv.log)
        cls.srv.__exit__(None, None, None)
        if rc != 0:
            raise AssertionError("server exited with %d:\n%s" % (rc, log[-4000:]))

    def download(self, path, ctype, client=None):
        st, hdrs, body = (client or self.org).get(path)
        self.assertEqual(st, 200, body)
        self.assertEqual(hdrs["content-type"], ctype)
        self.assertTrue(hdrs["content-disposition"].startswith('attachment; filename="event-'))
        return body

    def csv_rows(self, what, bom=True):
        body = self.download(EVENT + "/%s.csv%s" % (what, "" if bom else "?bom=false"),
                             "text/csv; charset=utf-8")
        self.assertEqual(body.startswith(b"\xef\xbb\xbf"), bom)
        text = body.decode("utf-8-sig")
        return list(csv.DictReader(io.StringIO(text, newline="")))

    def test_csv_tables(self):
        reqs = self.csv_rows("requests")
        self.assertEqual(len(reqs), self.stats["requests"]["total"])
        states = {}
        for r in reqs:
            states[r["state"]] = states.get(r["state"], 0) + 1
        self.assertEqual(states, {k: v for k, v in self.stats["requests"]["by_state"].items() if v})
        meetings = self.csv_rows("outcomes", bom=False)
        self.assertEqual(len(meetings), self.stats["meetings"]["total"])
        answers = sum(1 for m in meetings for k in ("outcome_1", "outcome_2") if m[k])
        self.assertEqual(answers, self.stats["outcomes"]["answers"])
        coop = sum(1 for m in meetings
                   if "cooperation_possible" in (m["outcome_1"], m["outcome_2"]))
        self.assertEqual(coop, self.stats["outcomes"]["meetings_cooperation_possible"])
        agreements = self.csv_rows("agreements")
        self.assertEqual(len(agreements), self.stats["agreements"]["total"])
        self.assertTrue(any("成都市 (Chengdu)" in a["parties"] for a in agreements), agreements)
        st, _, doc = self.org.get(EVENT + "/requests.csv?bom=maybe")
        self.assertEqual((st, doc["field"]), (400, "bom"))

    def test_xlsx(self):
        body = self.download(EVENT + "/report.xlsx",
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        wb = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        self.assertEqual(wb.sheetnames, ["summary", "registrations", "requests", "meetings",
                                         "agreements"])
        summary = {r[0]: r[1] for r in wb["summary"].iter_rows(min_row=2, values_only=True)}
        self.assertEqual(summary["event"], "EU–China Cooperation Fair 2026 · 中欧合作交流会")
        self.assertEqual(summary["participants.people"], self.stats["participants"]["people"])
        self.assertEqual(summary["meetings.held"], self.stats["meetings"]["held"])
        self.assertEqual(summary["funnel.signed"], self.stats["funnel"][4]["count"])
        self.assertAlmostEqual(summary["requests.acceptance_rate"],
                               self.stats["requests"]["acceptance_rate"])
        regs = list(wb["registrations"].iter_rows(values_only=True))
        self.assertEqual(regs[0][:3], ("registration_id", "person_id", "name"))
        self.assertEqual(len(regs) - 1, self.stats["participants"]["registrations"])
        yang = [r for r in regs if r[2] == "杨帆"]
        self.assertEqual(len(yang), 1)
        self.assertEqual(yang[0][3], "成都市 (Chengdu)")
        self.assertIsInstance(yang[0][0], (int, float))
        self.assertNotIn("email", regs[0], "no contact details in the report")
        meetings = list(wb["meetings"].iter_rows(values_only=True))
        self.assertEqual(len(meetings) - 1, self.stats["meetings"]["total"])

    def test_pdf(self):
        body = self.download(EVENT + "/report.pdf", "application/pdf")
        self.assertTrue(body.startswith(b"%PDF-"))
        os.makedirs(ARTIFACTS, exist_ok=True)
        pdf = os.path.join(ARTIFACTS, "event-report.pdf")
        with open(pdf, "wb") as f:
            f.write(body)
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                              check=True).stdout.decode("utf-8")
        flat = " ".join(text.split())
        self.assertIn("中欧合作交流会", flat)
        self.assertIn("成都市 (Chengdu)", flat, "a Chinese organisation's name, as text")
        s = self.stats
        for label, value in (("Participants", s["participants"]["people"]),
                             ("Meetings held", s["meetings"]["held"]),
                             ("Signed", s["agreements"]["signed"])):
            self.assertIn(label, flat)
            self.assertIn(str(value), flat)
        self.assertIn("%.0f%%" % (100 * s["requests"]["acceptance_rate"]), flat)
        for step in s["funnel"]:
            self.assertIn(str(step["count"]), flat)
        self.assertIn("Conversion funnel", flat)
        self.assertIn("转化漏斗", flat)
        png = os.path.join(ARTIFACTS, "event-report")
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", pdf, png], check=True)
        with open(png + ".png", "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")

    def test_access(self):
        for what in ("report.pdf", "report.xlsx", "requests.csv", "agreements.csv",
                     "outcomes.csv"):
            st, _, _ = self.srv.anonymous("GET", EVENT + "/" + what)
            self.assertEqual(st, 401)
            st, _, _ = self.part.get(EVENT + "/" + what)
            self.assertEqual(st, 403)
            st, _, _ = self.srv.get(API + "/events/999999/" + what)
            self.assertEqual(st, 404)

    def test_cli(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "r.xlsx")
            rc, _, err = run_cli("report", "--db", self.srv.db, "--format", "xlsx",
                                 "--output", out, "eu-cn-fair-2026")
            self.assertEqual(rc, 0, err)
            wb = openpyxl.load_workbook(out, read_only=True)
            self.assertIn("agreements", wb.sheetnames)
            rc, text, err = run_cli("report", "--db", self.srv.db, "--format", "csv",
                                    "--table", "agreements", "--no-bom", "eu-cn-fair-2026")
            self.assertEqual(rc, 0, err)
            self.assertTrue(text.startswith("agreement_id,title,"))
            rc, _, err = run_cli("report", "--db", self.srv.db, "--output",
                                 os.path.join(tmp, "r.pdf"), "eu-cn-fair-2026")
            self.assertEqual(rc, 0, err)
            for args, status in ((["nowhere-2026"], 1), (["--format", "doc", "x"], 2),
                                 (["--format", "csv", "x"], 2), ([], 2),
                                 (["--format", "csv", "--table", "people",
                                   "eu-cn-fair-2026"], 1)):
                rc, _, err = run_cli("report", "--db", self.srv.db, *args)
                self.assertEqual(rc, status, (args, err))
                self.assertEqual(len(err.strip().splitlines()), 1, err)


if __name__ == "__main__":
    unittest.main()
