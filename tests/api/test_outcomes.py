"""Black-box tests of meeting outcomes (src/service/outcome.c): each side
answers once, only after the meeting's slot has ended, only for itself;
the other side's answer stays hidden from a participant until both have
answered, comments are for organisers; an organiser records no-shows.

Runs on a demo server (data/demo): the demo fair's slots (May 2026) have
ended. The participant (杨帆, Chengdu) met the representative (Anna
Virtanen, MobiSync) at table 1 in the first slot, and FietsFlow online.
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import Server  # noqa: E402

API = "/api/v1"


class Outcomes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server(demo=True)
        cls.part = cls.srv.demo_client("participant")
        cls.rep = cls.srv.demo_client("representative")
        cls.org = cls.srv.demo_client("organiser")
        cls.jury = cls.srv.demo_client("jury")
        cls.part2 = cls.srv.demo_client("participant2")
        st, _, fair = cls.srv.get(API + "/events/eu-cn-fair-2026")
        assert st == 200, fair
        cls.fair = fair
        cls.slot_ref = {s["id"]: s["ref"] for s in fair["slots"]}
        cls.me = cls.person("p-cn-chengdu-2")
        cls.anna = cls.person("p-fi-mobisync-1")
        cls.hangzhou = cls.person("p-cn-hangzhou-1")
        cls.fiets = cls.person("p-nl-fietsflow-1")

    @classmethod
    def tearDownClass(cls):
        rc = cls.srv.stop()
        log = "".join(cls.srv.log)
        cls.srv.__exit__(None, None, None)
        if rc != 0:
            raise AssertionError("server exited with %d:\n%s" % (rc, log[-4000:]))

    @classmethod
    def person(cls, ref):
        st, _, doc = cls.srv.get(API + "/people/" + ref)
        assert st == 200, doc
        return doc["id"]

    def meeting_of(self, a, b):
        """The meeting of a and b at the 2026 fair (the demo's past editions of the
        series may have met them too)."""
        st, _, doc = self.srv.get(API + "/meetings?person=%d&limit=200" % a)
        self.assertEqual(st, 200, doc)
        found = [m for m in doc["items"] if sorted(m["participants"]) == sorted([a, b])
                 and m["event_id"] == self.fair["id"]]
        self.assertEqual(len(found), 1, doc)
        return found[0]["id"]

    def problem(self, st, doc, status, field=None):
        self.assertEqual(st, status, doc)
        self.assertEqual(doc["status"], status)
        if field is not None:
            self.assertEqual(doc.get("field"), field, doc)

    @staticmethod
    def side(view, person):
        return next(s for s in view["sides"] if s["person_id"] == person)

    def test_both_sides_hidden_until_both_answered(self):
        mid = self.meeting_of(self.me, self.anna)
        path = API + "/meetings/%d/outcome" % mid
        st, _, view = self.part.get(path + "s")
        self.assertEqual(st, 200, view)
        self.assertTrue(view["ended"])
        self.assertFalse(view["complete"])
        self.assertEqual({s["answered"] for s in view["sides"]}, {False})

        st, _, view = self.part.put(path, {"outcome": "cooperation_possible",
                                           "comment": "试点很有前景 — a promising pilot"})
        self.assertEqual(st, 200, view)
        mine = self.side(view, self.me)
        self.assertEqual(mine["outcome"], "cooperation_possible")
        self.assertEqual(mine["source"], "participant")
        self.assertFalse(mine["no_show"])
        self.assertEqual(mine["comment"], "试点很有前景 — a promising pilot")
        self.assertEqual(self.side(view, self.anna), {"person_id": self.anna, "answered": False})

        # the other side hears that I answered, not what
        st, _, view = self.rep.get(path + "s")
        self.assertEqual(st, 200, view)
        self.assertEqual(self.side(view, self.me), {"person_id": self.me, "answered": True})

        # once only, whatever the answer
        st, _, doc = self.part.put(path, {"outcome": "insufficient_interest"})
        self.problem(st, doc, 409, "outcome")

        st, _, view = self.rep.put(path, {"outcome": "informative_no_cooperation",
                                          "comment": "Kiitos, hyvä tapaaminen"})
        self.assertEqual(st, 200, view)
        self.assertTrue(view["complete"])
        theirs = self.side(view, self.me)
        self.assertEqual(theirs["outcome"], "cooperation_possible")
        self.assertNotIn("comment", theirs, "comments are for organisers")
        st, _, view = self.part.get(path + "s")
        self.assertEqual(self.side(view, self.anna)["outcome"], "informative_no_cooperation")
        self.assertNotIn("comment", self.side(view, self.anna))

        # the organiser of the event sees both comments
        st, _, view = self.org.get(path + "s")
        self.assertEqual(st, 200, view)
        self.assertEqual(self.side(view, self.anna)["comment"], "Kiitos, hyvä tapaaminen")
        self.assertEqual(self.side(view, self.me)["comment"], "试点很有前景 — a promising pilot")
        self.assertEqual(self.side(view, self.me)["recorded_at"][:2], "20")

    def test_access(self):
        mid = self.meeting_of(self.me, self.anna)
        path = API + "/meetings/%d/outcome" % mid
        st, _, _ = self.srv.anonymous("GET", path + "s")
        self.assertEqual(st, 401)
        st, _, _ = self.srv.anonymous("PUT", path, {"outcome": "cooperation_possible"})
        self.assertEqual(st, 401)
        # a stranger does not learn that the meeting exists
        for c in (self.jury, self.part2):
            st, _, doc = c.get(path + "s")
            self.problem(st, doc, 404, "id")
            st, _, doc = c.put(path, {"outcome": "cooperation_possible"})
            self.problem(st, doc, 404, "id")
        # organisers and admins read, but answer for nobody
        st, _, doc = self.org.put(path, {"outcome": "cooperation_possible"})
        self.problem(st, doc, 403)
        st, _, doc = self.srv.put(path, {"outcome": "cooperation_possible"})
        self.problem(st, doc, 403)
        st, _, doc = self.srv.get(path + "s")
        self.assertEqual(st, 200, doc)
        # no-shows are the organiser's
        for c in (self.part, self.rep, self.jury):
            st, _, doc = c.post(API + "/meetings/%d/no-show" % mid, {"person_id": self.anna})
            self.assertIn(st, (403, 404), doc)
        st, _, doc = self.part.get(API + "/meetings/999999/outcomes")
        self.problem(st, doc, 404, "id")
        st, _, doc = self.part.put(API + "/meetings/999999/outcome",
                                   {"outcome": "cooperation_possible"})
        self.problem(st, doc, 404, "id")

    def test_bad_bodies(self):
        mid = self.meeting_of(self.me, self.fiets)
        path = API + "/meetings/%d/outcome" % mid
        cases = [({}, "outcome"), ({"outcome": "great"}, "outcome"),
                 ({"outcome": 3}, "outcome"), ({"outcome": None}, "outcome"),
                 ({"outcome": "cooperation_possible", "score": 5}, "score"),
                 ({"outcome": "cooperation_possible", "comment": 12}, "comment"),
                 ({"outcome": "cooperation_possible", "comment": "很" * 2001}, "comment")]
        for body, field in cases:
            st, _, doc = self.part.put(path, body)
            self.problem(st, doc, 422, field)
        st, _, doc = self.part.request("PUT", path, raw=b"[1, 2]",
                                       headers={"Content-Type": "application/json"})
        self.assertIn(st, (400, 422), doc)
        st, _, doc = self.part.request("PUT", path, raw=b"{not json",
                                       headers={"Content-Type": "application/json"})
        self.assertEqual(st, 400, doc)
        # nothing was stored by the refusals
        st, _, view = self.part.get(path + "s")
        self.assertFalse(self.side(view, self.me)["answered"])

    def test_no_show(self):
        mid = self.meeting_of(self.me, self.fiets)
        base = API + "/meetings/%d/" % mid
        st, _, doc = self.org.post(base + "no-show", {})
        self.problem(st, doc, 422, "person_id")
        st, _, doc = self.org.post(base + "no-show", {"person_id": self.anna})
        self.problem(st, doc, 422, "person_id")
        st, _, doc = self.org.post(base + "no-show", {"person_id": self.fiets, "why": "x"})
        self.problem(st, doc, 422, "why")
        st, _, view = self.org.post(base + "no-show", {"person_id": self.fiets,
                                                      "comment": "未到场 / did not connect"})
        self.assertEqual(st, 200, view)
        side = self.side(view, self.fiets)
        self.assertEqual(side["outcome"], "did_not_take_place")
        self.assertTrue(side["no_show"])
        self.assertEqual(side["source"], "organiser")
        self.assertEqual(side["comment"], "未到场 / did not connect")
        # an organiser may say so again (a correction), the row stays one
        st, _, view = self.org.post(base + "no-show", {"person_id": self.fiets})
        self.assertEqual(st, 200, view)
        self.assertEqual(len(view["sides"]), 2)
        self.assertIsNone(self.side(view, self.fiets)["comment"])
        # the participant sees that the other side has an answer, not which, until theirs
        st, _, view = self.part.get(base + "outcomes")
        self.assertEqual(self.side(view, self.fiets), {"person_id": self.fiets, "answered": True})
        st, _, view = self.part.put(base + "outcome", {"outcome": "did_not_take_place",
                                                       "comment": "他们没有上线"})
        self.assertEqual(st, 200, view)
        self.assertTrue(view["complete"])
        self.assertTrue(self.side(view, self.fiets)["no_show"])
        # the audit log names the organiser's write
        st, _, audit = self.srv.get(API + "/audit?limit=200")
        self.assertEqual(st, 200, audit)
        self.assertTrue(any(a["action"] == "POST " + base + "no-show" for a in audit["items"]),
                        audit)

    def test_only_after_the_slot(self):
        # an accepted request without a slot has no outcome yet
        st, _, req = self.part.post(API + "/meeting-requests", {
            "event_id": self.fair["id"], "requester_id": self.me,
            "invitee_id": self.hangzhou, "message": "你好"})
        self.assertEqual(st, 201, req)
        st, _, req = self.part2.post(API + "/meeting-requests/%d/accept" % req["id"])
        self.assertEqual(st, 200, req)
        mid = self.meeting_of(self.me, self.hangzhou)
        st, _, doc = self.part.put(API + "/meetings/%d/outcome" % mid,
                                   {"outcome": "cooperation_possible"})
        self.problem(st, doc, 409, "slot_id")
        st, _, doc = self.org.post(API + "/meetings/%d/no-show" % mid, {"person_id": self.me})
        self.problem(st, doc, 409, "slot_id")
        st, _, view = self.part.get(API + "/meetings/%d/outcomes" % mid)
        self.assertFalse(view["ended"])

        # a meeting in a slot still to come: an event of 2031
        st, _, ev = self.srv.post(API + "/events", {
            "name": "未来的洽谈会 Future fair", "time_zone": "Europe/Helsinki",
            "mode": "onsite", "tables": 2,
            "slots": [{"ref": "a", "start": "2031-03-02T10:00:00+02:00", "minutes": 20}]})
        self.assertEqual(st, 201, ev)
        for pid in (self.me, self.hangzhou):
            st, _, doc = self.srv.post(API + "/registrations", {
                "event_id": ev["id"], "person_id": pid, "attendance": "onsite",
                "validation": "validated"})
            self.assertEqual(st, 201, doc)
        st, _, req = self.part.post(API + "/meeting-requests", {
            "event_id": ev["id"], "requester_id": self.me, "invitee_id": self.hangzhou})
        self.assertEqual(st, 201, req)
        st, _, req = self.part2.post(API + "/meeting-requests/%d/accept" % req["id"])
        self.assertEqual(st, 200, req)
        st, _, doc = self.srv.get(API + "/meetings?event=%d" % ev["id"])
        mid = doc["items"][0]["id"]
        st, _, doc = self.srv.patch(API + "/meetings/%d" % mid,
                                    {"slot_id": ev["slots"][0]["id"], "table": 1})
        self.assertEqual(st, 200, doc)
        st, _, doc = self.part2.put(API + "/meetings/%d/outcome" % mid,
                                    {"outcome": "cooperation_possible"})
        self.problem(st, doc, 409, "slot_id")
        st, _, doc = self.srv.post(API + "/meetings/%d/no-show" % mid, {"person_id": self.me})
        self.problem(st, doc, 409, "slot_id")


if __name__ == "__main__":
    unittest.main()
