"""Black-box tests of what organisers read about an event beyond its grid
(src/api/views.c): page views of the public event page, counted without
cookies or personal data, and the CSV downloads of registrations and
meetings (UTF-8 with a byte order mark, RFC 4180, attachments).

Runs on a demo server (data/demo): the organiser organises
eu-cn-fair-2026.
"""
import csv
import datetime
import io
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import Server  # noqa: E402

API = "/api/v1"
EVENT = API + "/events/eu-cn-fair-2026"


class EventExports(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server(demo=True)
        cls.organiser = cls.srv.demo_client("organiser")
        cls.participant = cls.srv.demo_client("participant")

    @classmethod
    def tearDownClass(cls):
        rc = cls.srv.stop()
        log = "".join(cls.srv.log)
        cls.srv.__exit__(None, None, None)
        if rc != 0:
            raise AssertionError("server exited with %d:\n%s" % (rc, log[-4000:]))

    def test_views_counted_and_read(self):
        st, _, doc = self.organiser.get(EVENT + "/views")
        self.assertEqual(st, 200, doc)
        before = doc["total"]
        # anonymous, without body nor CSRF token; a signed-in browser without CSRF too
        for _ in range(3):
            st, hdrs, body = self.srv.anonymous("POST", EVENT + "/views")
            self.assertEqual(st, 204, body)
            self.assertNotIn("set-cookie", hdrs)
        st, _, _ = self.participant.post(EVENT + "/views", csrf=False)
        self.assertEqual(st, 204)
        st, _, doc = self.organiser.get(EVENT + "/views")
        self.assertEqual(st, 200)
        self.assertEqual(doc["total"], before + 4)
        today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
        days = {d["day"]: d["views"] for d in doc["days"]}
        self.assertGreaterEqual(days.get(today, 0), 4)
        self.assertEqual(sum(days.values()), doc["total"])
        st, _, doc = self.srv.get(EVENT + "/views")  # admin
        self.assertEqual(st, 200)

    def test_views_access_and_unknown_event(self):
        st, _, doc = self.srv.anonymous("POST", API + "/events/999999/views")
        self.assertEqual(st, 404, doc)
        st, _, _ = self.srv.anonymous("GET", EVENT + "/views")
        self.assertEqual(st, 401)
        st, _, _ = self.participant.get(EVENT + "/views")
        self.assertEqual(st, 403)

    def read_csv(self, client, path):
        st, hdrs, body = client.get(path)
        self.assertEqual(st, 200, body)
        self.assertEqual(hdrs["content-type"], "text/csv; charset=utf-8")
        self.assertTrue(hdrs["content-disposition"].startswith("attachment; filename=\"event-"))
        self.assertTrue(body.startswith(b"\xef\xbb\xbf"), "no byte order mark")
        text = body[3:].decode("utf-8")
        self.assertIn("\r\n", text)
        return list(csv.DictReader(io.StringIO(text, newline="")))

    def test_registrations_csv(self):
        rows = self.read_csv(self.organiser, EVENT + "/registrations.csv")
        st, _, doc = self.organiser.get(API + "/registrations?event=%d&limit=200" %
                                        self.event_id())
        self.assertEqual(st, 200)
        total = len(doc["items"])
        while doc["next"]:
            st, _, doc = self.organiser.get(API + "/registrations?event=%d&limit=200&cursor=%s"
                                            % (self.event_id(), doc["next"]))
            total += len(doc["items"])
        self.assertEqual(len(rows), total)
        names = {r["name"] for r in rows}
        self.assertIn("杨帆", names)  # Chinese survives the round trip
        yang = next(r for r in rows if r["name"] == "杨帆")
        self.assertEqual(yang["organisation"], "成都市 (Chengdu)")
        self.assertEqual(yang["country"], "CN")
        self.assertTrue(yang["email"], "the organiser sees registered people's e-mail")
        self.assertTrue(yang["phone"].startswith("+"), yang["phone"])
        self.assertIn(yang["checked_in"], ("yes", "no"))
        self.assertEqual(list(rows[0].keys())[:3], ["registration_id", "person_id", "name"])

    def test_meetings_csv(self):
        rows = self.read_csv(self.organiser, EVENT + "/meetings.csv")
        st, _, grid = self.organiser.get(EVENT + "/grid")
        self.assertEqual(st, 200)
        ids = [m["id"] for s in grid["slots"] for m in s["tables"] if m]
        ids += [m["id"] for s in grid["slots"] for m in s["online"]]
        ids += [m["id"] for m in grid["unscheduled"]]
        self.assertEqual(sorted(int(r["meeting_id"]) for r in rows), sorted(ids))
        for r in rows:
            self.assertRegex(r["place"], r"^(table \d+|online|unscheduled)$")
            if r["place"].startswith("table"):
                self.assertEqual(r["place"], "table " + r["table"])
                self.assertTrue(r["start"].endswith("+08:00"), r)
            self.assertEqual(r["time_zone"], "Asia/Shanghai")
        # a comma inside a name is quoted, not a column break
        self.assertTrue(all(len(r) == 13 and None not in r for r in rows))

    def test_csv_access(self):
        for what in ("registrations.csv", "meetings.csv"):
            st, _, _ = self.srv.anonymous("GET", EVENT + "/" + what)
            self.assertEqual(st, 401)
            st, _, _ = self.participant.get(EVENT + "/" + what)
            self.assertEqual(st, 403)
            st, _, body = self.srv.get(EVENT + "/" + what)  # admin
            self.assertEqual(st, 200)
            st, _, _ = self.srv.get(API + "/events/999999/" + what)
            self.assertEqual(st, 404)

    def event_id(self):
        st, _, doc = self.organiser.get(EVENT)
        self.assertEqual(st, 200)
        return doc["id"]


if __name__ == "__main__":
    unittest.main()
