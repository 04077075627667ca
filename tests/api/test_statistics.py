"""The statistics of events (src/store/statistics.c) against a fixture
counted by hand: one event of series S with five people of four
organisations, five meeting requests, two meetings with their outcomes
(one no-show), three agreements, three page views; a second event of S
half a year later and a third of another series.

GET /events/{id}/statistics (organisers) and GET /statistics?series=&from=&to=
(admins), and the series' and period's files: GET /statistics/report.xlsx
(read by openpyxl) and report.pdf (read by pdftotext), and `liaison report
--series`. Every figure below is counted from the fixture, not read back.
"""
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
from liaison_test import Server, run_cli, Client  # noqa: E402

API = "/api/v1"
PASSWORD = "fixture-password-1"


class Statistics(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server()
        try:
            cls.build()
        except Exception:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        rc = cls.srv.stop()
        log = "".join(cls.srv.log)
        cls.srv.__exit__(None, None, None)
        if rc != 0:
            raise AssertionError("server exited with %d:\n%s" % (rc, log[-4000:]))

    @classmethod
    def create(cls, res, body, client=None):
        st, _, doc = (client or cls.srv).post(API + "/" + res, body)
        assert st == 201, (res, body, doc)
        return doc

    @classmethod
    def ok(cls, st, doc, want=200):
        assert st == want, doc
        return doc

    @classmethod
    def account(cls, person, name):
        email = "%s@fixture.example" % name
        rc, _, err = run_cli("user", "add", email, "--person", str(person["id"]), "--db",
                             cls.srv.db, stdin=(PASSWORD + "\n").encode("utf-8"))
        assert rc == 0, err
        return Client(cls.srv, email, PASSWORD)

    @classmethod
    def event(cls, name, series, day, tz="Asia/Shanghai"):
        return cls.create("events", {
            "name": name, "series": series, "time_zone": tz, "mode": "hybrid", "tables": 2,
            "slots": [{"ref": "s%d" % i, "start": "%sT%s:00+08:00" % (day, t), "minutes": 20}
                      for i, t in enumerate(("09:00", "09:20", "09:40"))]})

    @classmethod
    def build(cls):
        orgs = {k: cls.create("organisations", {"name": n, "country": c, "kind": kind})
                for k, n, c, kind in (("A", "Mobisync Oy", "FI", "sme"),
                                      ("B", "成都市", "CN", "city"),
                                      ("C", "四川大学", "CN", "university"),
                                      ("D", "Elbwerk GmbH", "DE", "sme"))}
        people = {k: cls.create("people", {"organisation_id": orgs[o]["id"], "name": k,
                                           "time_zone": "Asia/Shanghai"})
                  for k, o in (("a1", "A"), ("b1", "B"), ("c1", "C"), ("d1", "D"),
                               ("b2", "B"))}
        cls.orgs, cls.people = orgs, people
        e1 = cls.event("中欧洽谈会 2025", "S", "2025-05-13")
        e2 = cls.event("中欧洽谈会 2025 秋", "S", "2025-11-04")
        e3 = cls.event("Other fair", "T", "2026-01-10")
        cls.e1, cls.e2, cls.e3 = e1, e2, e3
        for k, att in (("a1", "onsite"), ("b1", "onsite"), ("c1", "online"), ("d1", "onsite"),
                       ("b2", "onsite")):
            cls.create("registrations", {"event_id": e1["id"], "person_id": people[k]["id"],
                                         "attendance": att, "validation": "validated"})
        cls.create("registrations", {"event_id": e2["id"], "person_id": people["a1"]["id"],
                                     "attendance": "online", "validation": "validated"})
        cls.create("registrations", {"event_id": e3["id"], "person_id": people["b1"]["id"],
                                     "attendance": "onsite", "validation": "validated"})
        acc = {k: cls.account(people[k], k) for k in ("a1", "b1", "d1")}

        def ask(req, inv):
            return cls.create("meeting-requests", {"event_id": e1["id"],
                                                   "requester_id": people[req]["id"],
                                                   "invitee_id": people[inv]["id"]})
        r1, r2, r3, r4, r5 = (ask("a1", "b1"), ask("d1", "b2"), ask("a1", "c1"),
                              ask("d1", "c1"), ask("b1", "d1"))
        for r, act in ((r1, "accept"), (r2, "accept"), (r3, "decline"), (r5, "cancel")):
            cls.ok(*cls.srv.post(API + "/meeting-requests/%d/%s" % (r["id"], act))[::2])
        st, _, ms = cls.srv.get(API + "/meetings?event=%d" % e1["id"])
        by_pair = {tuple(sorted(m["participants"])): m["id"] for m in ms["items"]}
        m1 = by_pair[tuple(sorted([people["a1"]["id"], people["b1"]["id"]]))]
        m2 = by_pair[tuple(sorted([people["d1"]["id"], people["b2"]["id"]]))]
        slots = e1["slots"]
        for m, slot in ((m1, slots[0]), (m2, slots[1])):
            cls.ok(*cls.srv.patch(API + "/meetings/%d" % m, {"slot_id": slot["id"],
                                                              "table": 1})[::2])
        # outcomes: m1 both cooperation possible; m2 b2 did not come, d1 says so too
        for c in (acc["a1"], acc["b1"]):
            cls.ok(*c.put(API + "/meetings/%d/outcome" % m1,
                          {"outcome": "cooperation_possible"})[::2])
        cls.ok(*cls.srv.post(API + "/meetings/%d/no-show" % m2,
                             {"person_id": people["b2"]["id"]})[::2])
        cls.ok(*acc["d1"].put(API + "/meetings/%d/outcome" % m2,
                              {"outcome": "did_not_take_place"})[::2])
        # agreements: a letter of intent signed 7 days after m1, an MoU signed 3 days
        # after it and now in progress, a contract abandoned
        loi = cls.ok(*cls.srv.post(API + "/meetings/%d/agreement" % m1, {
            "title": "合作意向书", "kind": "letter_of_intent"})[::2], 201)
        cls.ok(*cls.srv.patch(API + "/agreements/%d" % loi["id"],
                              {"state": "signed", "date": "2025-05-20"})[::2])
        mou = cls.ok(*cls.srv.post(API + "/meetings/%d/agreement" % m1, {
            "title": "MoU", "kind": "mou", "state": "signed", "date": "2025-05-16"})[::2], 201)
        cls.ok(*cls.srv.patch(API + "/agreements/%d" % mou["id"], {"state": "in_progress"})[::2])
        con = cls.create("agreements", {"title": "Contract", "kind": "contract",
                                        "event_id": e1["id"],
                                        "parties": [orgs["A"]["id"], orgs["D"]["id"]]})
        cls.ok(*cls.srv.patch(API + "/agreements/%d" % con["id"], {"state": "abandoned"})[::2])
        # an agreement of no event counts nowhere but in nothing
        cls.create("agreements", {"title": "Elsewhere", "kind": "mou",
                                  "parties": [orgs["B"]["id"], orgs["D"]["id"]]})
        # a letter of intent from m2 (where nobody answered "cooperation possible"),
        # signed, then abandoned: it reached every step of the funnel
        late = cls.ok(*cls.srv.post(API + "/meetings/%d/agreement" % m2, {
            "title": "补充意向书", "kind": "letter_of_intent"})[::2], 201)
        for s in ("signed", "abandoned"):
            cls.ok(*cls.srv.patch(API + "/agreements/%d" % late["id"], {"state": s})[::2])
        for _ in range(3):
            st, _, _ = cls.srv.anonymous("POST", API + "/events/%d/views" % e1["id"])
            assert st == 204
        st, _, _ = cls.srv.anonymous("POST", API + "/events/%d/views" % e3["id"])

    def stats(self, path):
        st, _, doc = self.srv.get(API + path)
        self.assertEqual(st, 200, doc)
        return doc

    def test_event_figures(self):
        s = self.stats("/events/%d/statistics" % self.e1["id"])
        self.assertEqual(s["scope"], {"event_id": self.e1["id"]})
        self.assertEqual(s["events"], 1)
        self.assertEqual(s["page_views"], 3)
        p = s["participants"]
        self.assertEqual((p["registrations"], p["people"], p["organisations"]), (5, 5, 4))
        self.assertEqual(p["by_country"], [{"country": "CN", "people": 3},
                                           {"country": "DE", "people": 1},
                                           {"country": "FI", "people": 1}])
        self.assertEqual(p["by_kind"], [{"kind": "city", "people": 2},
                                        {"kind": "sme", "people": 2},
                                        {"kind": "university", "people": 1}])
        self.assertEqual(p["by_attendance"], {"onsite": 4, "online": 1})
        r = s["requests"]
        self.assertEqual(r["total"], 5)
        self.assertEqual(r["by_state"], {"requested": 1, "accepted": 2, "declined": 1,
                                         "cancelled": 1})
        self.assertAlmostEqual(r["acceptance_rate"], 2 / 3)
        self.assertEqual(s["meetings"], {"total": 2, "scheduled": 2, "ended": 2, "held": 1})
        o = s["outcomes"]
        self.assertEqual(o["answers"], 4)
        self.assertEqual(o["by_outcome"], {"did_not_take_place": 2, "insufficient_interest": 0,
                                           "informative_no_cooperation": 0,
                                           "cooperation_possible": 2})
        self.assertEqual((o["no_shows"], o["meetings_answered"], o["meetings_both_answered"],
                          o["meetings_cooperation_possible"]), (1, 2, 2, 1))
        a = s["agreements"]
        self.assertEqual(a["total"], 4)
        self.assertEqual(a["by_kind"], {"letter_of_intent": 2, "mou": 1,
                                        "cooperation_agreement": 0, "contract": 1,
                                        "pilot_project": 0, "joint_funding_application": 0})
        self.assertEqual(a["by_state"], {"intent": 0, "signed": 1, "in_progress": 1,
                                         "completed": 0, "abandoned": 2})
        self.assertEqual(a["signed"], 2)
        self.assertEqual(a["signed_after_meeting"], 2)
        self.assertEqual(a["median_days_meeting_to_signature"], 5)  # of 7 and 3
        # counted in meetings, each step a part of the one before: m1 and m2 both
        # led to an agreement that was signed (m2's since abandoned); the contract
        # came from no meeting
        funnel = [(f["step"], f["count"]) for f in s["funnel"]]
        self.assertEqual(funnel, [("requests", 5), ("meetings", 2), ("cooperation_possible", 2),
                                  ("letters_of_intent", 2), ("signed", 2)])
        self.assertEqual([c for _, c in funnel], sorted((c for _, c in funnel), reverse=True))

    def test_series_period_cumulative(self):
        s = self.stats("/statistics?series=S")
        self.assertEqual(s["scope"], {"series": "S"})
        self.assertEqual(s["events"], 2)
        self.assertEqual(s["participants"]["registrations"], 6)
        self.assertEqual(s["participants"]["people"], 5)
        self.assertEqual(s["requests"]["total"], 5)
        s = self.stats("/statistics?from=2025-11-01&to=2025-11-30")
        self.assertEqual(s["events"], 1)
        self.assertEqual(s["participants"]["by_attendance"], {"online": 1})
        self.assertEqual(s["agreements"]["total"], 0)
        self.assertIsNone(s["agreements"]["median_days_meeting_to_signature"])
        self.assertIsNone(s["requests"]["acceptance_rate"])
        # to is inclusive: the day of the first slot itself counts
        self.assertEqual(self.stats("/statistics?from=2025-11-04&to=2025-11-04")["events"], 1)
        self.assertEqual(self.stats("/statistics?to=2025-11-03")["events"], 1)
        s = self.stats("/statistics")
        self.assertEqual(s["events"], 3)
        self.assertEqual(s["participants"]["registrations"], 7)
        self.assertEqual(s["page_views"], 4)
        self.assertEqual(s["agreements"]["total"], 4, "an agreement of no event is no event's")
        self.assertEqual(self.stats("/statistics?series=S&from=2026-01-01")["events"], 0)
        self.assertEqual(self.stats("/statistics?series=%E4%B8%8D%E5%AD%98%E5%9C%A8")["events"], 0)

    def sheets(self, body):
        wb = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        out = {name: [list(r) for r in wb[name].iter_rows(values_only=True)]
               for name in wb.sheetnames}
        wb.close()
        return out

    def test_series_and_period_files(self):
        st, hdr, body = self.srv.request("GET", API + "/statistics/report.xlsx?series=S")
        self.assertEqual(st, 200, body)
        self.assertIn('filename="statistics-report.xlsx"', hdr.get("content-disposition", ""))
        book = self.sheets(body)
        self.assertEqual(list(book), ["summary", "events", "agreements"])
        summary = {r[0]: r[1] for r in book["summary"][1:]}
        self.assertEqual(summary["scope.series"], "S")
        self.assertEqual(summary["events"], 2)
        self.assertEqual(summary["participants.registrations"], 6)
        self.assertEqual(summary["participants.people"], 5)
        self.assertEqual(summary["requests.total"], 5)
        self.assertEqual(summary["funnel.letters_of_intent"], 2)
        self.assertEqual(summary["agreements.median_days_meeting_to_signature"], 5)
        head, rows = book["events"][0], book["events"][1:]
        self.assertEqual(head[:4], ["event_id", "name", "series", "first_day"])
        got = [dict(zip(head, r)) for r in rows]
        self.assertEqual([(g["event_id"], g["name"], g["first_day"]) for g in got],
                         [(self.e1["id"], "中欧洽谈会 2025", "2025-05-13"),
                          (self.e2["id"], "中欧洽谈会 2025 秋", "2025-11-04")])
        self.assertEqual([g[k] for g in got[:1] for k in head[4:]],
                         [5, 5, 2, 1, 4, 2, 2, 2, 2, 3])
        self.assertEqual([g[k] for g in got[1:] for k in head[4:]],
                         [1, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        titles = sorted(r[1] for r in book["agreements"][1:])
        self.assertEqual(titles, sorted(["合作意向书", "MoU", "Contract", "补充意向书"]))
        # a period: the autumn event alone
        st, _, body = self.srv.request("GET", API + "/statistics/report.xlsx?from=2025-11-01"
                                       "&to=2025-11-30")
        self.assertEqual(st, 200, body)
        book = self.sheets(body)
        self.assertEqual([r[0] for r in book["events"][1:]], [self.e2["id"]])
        self.assertEqual(book["agreements"][1:], [])
        # the PDF of the series: its name, its days, its figures and agreements
        st, hdr, body = self.srv.request("GET", API + "/statistics/report.pdf?series=S")
        self.assertEqual(st, 200, body)
        self.assertEqual(hdr.get("content-type"), "application/pdf")
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "series.pdf")
            with open(path, "wb") as f:
                f.write(body)
            text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True,
                                  check=True).stdout.decode("utf-8")
            flat = " ".join(text.split())
            self.assertIn("Series report", flat)
            self.assertIn("2 events", flat)
            self.assertIn("2025-05-13 – 2025-11-04", flat)
            self.assertIn("合作意向书", flat)
            # the command line writes the same workbook
            out = os.path.join(tmp, "s.xlsx")
            rc, _, err = run_cli("report", "--db", self.srv.db, "--series", "S", "--format",
                                 "xlsx", "--output", out)
            self.assertEqual(rc, 0, err)
            with open(out, "rb") as f:
                cli = self.sheets(f.read())
            self.assertEqual(cli["events"], self.sheets(self.srv.request(
                "GET", API + "/statistics/report.xlsx?series=S")[2])["events"])
            rc, _, err = run_cli("report", "--db", self.srv.db, "--all", "--output",
                                 os.path.join(tmp, "all.pdf"))
            self.assertEqual(rc, 0, err)
        for args in (("--series", "S", "1"), ("--series", "S", "--format", "csv",
                                               "--table", "agreements"),
                     ("--from", "2025-13-01")):
            rc, _, err = run_cli("report", "--db", self.srv.db, *args)
            self.assertNotEqual(rc, 0, args)
            self.assertEqual(len(err.strip().splitlines()), 1, err)
        # bad parameters name themselves; the files are the admins'
        for what in ("report.xlsx", "report.pdf"):
            st, _, doc = self.srv.get(API + "/statistics/%s?to=yesterday" % what)
            self.assertEqual((st, doc.get("field")), (400, "to"), doc)
            a1 = Client(self.srv, "a1@fixture.example", PASSWORD)
            st, _, _ = a1.get(API + "/statistics/" + what)
            self.assertEqual(st, 403)

    def test_bad_parameters_and_access(self):
        for q, field in (("from=2025-13-01", "from"), ("to=yesterday", "to"),
                         ("from=2025-05-02&to=2025-05-01", "to"), ("event=1", "event"),
                         ("series=", "series")):
            st, _, doc = self.srv.get(API + "/statistics?" + q)
            self.assertEqual(st, 400, (q, doc))
            self.assertEqual(doc["field"], field, doc)
        st, _, doc = self.srv.get(API + "/events/999999/statistics")
        self.assertEqual(st, 404, doc)
        for path in ("/statistics", "/events/%d/statistics" % self.e1["id"]):
            st, _, _ = self.srv.anonymous("GET", API + path)
            self.assertEqual(st, 401)
        a1 = Client(self.srv, "a1@fixture.example", PASSWORD)
        for path in ("/statistics", "/events/%d/statistics" % self.e1["id"]):
            st, _, _ = a1.get(API + path)
            self.assertEqual(st, 403)


if __name__ == "__main__":
    unittest.main()
