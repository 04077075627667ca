"""Black-box tests of the meeting scheduler's API on the demo fair.

From accepted requests to a published schedule, the grid, moves refused
with the clash named, locks kept by later runs, a Helsinki participant's
agenda in their own time zone, the .ics read by an independent iCalendar
parser (python3-icalendar), and the published schedule accepted by
`liaison schedule --check` when dumped in the batch format.
"""
import json
import os
import sys
import tempfile
import unittest
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import Server, run_cli  # noqa: E402

try:
    import icalendar
except ImportError:  # Debian's python3-icalendar, when python3 is not Debian's
    sys.path.append("/usr/lib/python3/dist-packages")
    import icalendar

API = "/api/v1"
VIDEO = "https://meet.jit.si/liaison-{event}-{meeting}"


class ScheduleApiTest(unittest.TestCase):
    """One demo server for the whole flow; the tests run in name order."""

    @classmethod
    def setUpClass(cls):
        cls.srv = Server(demo=True, extra=("--video-url", VIDEO))
        st, _, events = cls.srv.get(API + "/events?limit=200")
        assert st == 200, events
        fair = [e for e in events["items"] if e.get("ref") == "eu-cn-fair-2026"]
        cls.event = fair[0]
        cls.eid = cls.event["id"]
        cls.slots = {s["id"]: s for s in cls.event["slots"]}
        cls.people = {p["id"]: p for p in cls.all("people")}
        cls.helsinki = cls.pick_helsinki()

    @classmethod
    def tearDownClass(cls):
        rc = cls.srv.stop()
        log = "".join(cls.srv.log)
        cls.srv.__exit__(None, None, None)
        if rc != 0:
            raise AssertionError("server exited with %d:\n%s" % (rc, log[-4000:]))

    # helpers -------------------------------------------------------------
    @classmethod
    def all(cls, res, **params):
        items, cursor = [], None
        while True:
            q = "&".join(["limit=200"] + ["%s=%s" % kv for kv in params.items()] +
                         (["cursor=" + cursor] if cursor else []))
            st, _, page = cls.srv.get("%s/%s?%s" % (API, res, q))
            assert st == 200, page
            items += page["items"]
            cursor = page["next"]
            if not cursor:
                return items

    @classmethod
    def pick_helsinki(cls):
        """The online Helsinki participant with the most meetings, free all day."""
        regs = {r["person_id"]: r for r in cls.all("registrations", event=cls.eid)}
        count = {}
        for m in cls.all("meetings", event=cls.eid):
            for p in m["participants"]:
                count[p] = count.get(p, 0) + 1
        online = [p for p, r in regs.items() if r["attendance"] == "online" and
                  cls.people[p].get("time_zone") == "Europe/Helsinki"]
        best = max(online, key=lambda p: (count.get(p, 0), -p))
        # available in every slot: only the online hours keep them out of the night
        st, _, doc = cls.srv.patch("%s/registrations/%d" % (API, regs[best]["id"]),
                                   {"available_slots": None})
        assert st == 200, doc
        assert "online_hours" not in doc
        return best

    def schedule(self, body=None, status=200):
        st, _, doc = self.srv.post("%s/events/%d/schedule" % (API, self.eid), body)
        self.assertEqual(st, status, doc)
        return doc

    def meetings(self):
        return {m["id"]: m for m in self.all("meetings", event=self.eid)}

    def patch(self, mid, body):
        return self.srv.patch("%s/meetings/%d" % (API, mid), body)

    def conflict(self, mid, body, field, text):
        st, hdrs, doc = self.patch(mid, body)
        self.assertEqual(st, 409, doc)
        self.assertEqual(hdrs["content-type"], "application/problem+json")
        self.assertEqual(doc["field"], field, doc)
        self.assertIn(text, doc["detail"])

    def registrations(self):
        return {r["person_id"]: r for r in self.all("registrations", event=self.eid)}

    @staticmethod
    def available(reg, slot):
        return reg.get("available_slots") is None or slot in reg["available_slots"]

    # the flow ------------------------------------------------------------
    def test_1_preview_writes_nothing(self):
        before = self.meetings()
        doc = self.schedule()
        self.assertFalse(doc["published"])
        self.assertEqual(self.meetings(), before)
        accepted = self.all("meeting-requests", event=self.eid, state="accepted")
        self.assertEqual(len(accepted), len(before))
        placed = {s["meeting"] for s in doc["scheduled"]}
        left = {u["meeting"]: u["reason"] for u in doc["unscheduled"]}
        self.assertEqual(placed | set(left), set(before))
        self.assertFalse(placed & set(left))
        self.assertTrue(all(left.values()))
        st = doc["stats"]
        self.assertEqual(st["meetings"], len(before))
        self.assertEqual(st["scheduled"], len(placed))
        self.assertLessEqual(st["weight"], st["upper_bound"])
        self.assertEqual(len(doc["meetings"]), len(before))
        online = [m for m in doc["meetings"] if m.get("online")]
        self.assertTrue(online)
        self.assertEqual(online[0]["room_url"],
                         VIDEO.format(event=self.eid, meeting=online[0]["id"]))
        for m in doc["meetings"]:
            self.assertTrue(all(p.get("name") for p in m["participants"]))

    def test_2_publish(self):
        doc = self.schedule({"publish": True, "keep_published": False})
        self.assertTrue(doc["published"])
        self.assertTrue(doc["schedule_published_at"].endswith("Z"))
        self.assertEqual(doc["stats"]["scheduled"], doc["stats"]["meetings"])
        stored = self.meetings()
        for s in doc["scheduled"]:
            m = stored[s["meeting"]]
            self.assertEqual(m["slot_id"], s["slot"])
            self.assertEqual(m.get("table"), s.get("table"))
            self.assertEqual(m["online"], s.get("online", False))
        st, _, ev = self.srv.get("%s/events/%d" % (API, self.eid))
        self.assertEqual(ev["schedule_published_at"], doc["schedule_published_at"])

    def test_3_grid(self):
        st, _, grid = self.srv.get("%s/events/%d/grid" % (API, self.eid))
        self.assertEqual(st, 200, grid)
        self.assertEqual(grid["event"]["tables"], 40)
        self.assertEqual(len(grid["slots"]), 42)
        stored = self.meetings()
        seen = {}
        for slot in grid["slots"]:
            self.assertTrue(slot["start"].endswith("+08:00"))
            self.assertEqual(len(slot["tables"]), 40)
            for i, cell in enumerate(slot["tables"]):
                if cell:
                    seen[cell["id"]] = (slot["id"], i + 1)
                    self.assertEqual(len(cell["participants"]), 2)
                    self.assertTrue(all(p["name"] and p["organisation"]
                                        for p in cell["participants"]))
            for cell in slot["online"]:
                seen[cell["id"]] = (slot["id"], None)
                self.assertTrue(cell["room_url"].startswith("https://meet.jit.si/liaison-"))
        placed = {i: (m["slot_id"], m.get("table")) for i, m in stored.items()
                  if "slot_id" in m}
        self.assertEqual(seen, placed)
        self.assertEqual(len(grid["unscheduled"]), len(stored) - len(placed))
        st, _, doc = self.srv.get(API + "/events/9999/grid")
        self.assertEqual(st, 404)

    def test_4_moves_refused(self):
        stored = self.meetings()
        regs = self.registrations()
        busy = {(p, m["slot_id"]) for m in stored.values() if "slot_id" in m
                for p in m["participants"]}
        onsite = [m for m in stored.values() if "slot_id" in m and not m["online"]]
        self.assertTrue(onsite)

        def fits(b, slot, but=()):
            return all(self.available(regs[p], slot) and
                       (p in but or (p, slot) not in busy) for p in b["participants"])

        # a table taken: meeting b to a's table, where b's people are free
        pair = next((a, b) for a in onsite for b in onsite
                    if b["slot_id"] != a["slot_id"] and fits(b, a["slot_id"]))
        a, b = pair
        self.conflict(b["id"], {"slot_id": a["slot_id"], "table": a["table"]}, "table",
                      "table %d is taken in slot %d" % (a["table"], a["slot_id"]))
        # a person twice in a slot: b shares someone with a
        tables = {(m["slot_id"], m["table"]) for m in onsite}
        pair = next((a, b) for a in onsite for b in onsite
                    if b["slot_id"] != a["slot_id"] and
                    set(a["participants"]) & set(b["participants"]) and
                    fits(b, a["slot_id"], but=a["participants"]))
        a, b = pair
        free = next(t for t in range(1, 41) if (a["slot_id"], t) not in tables)
        who = sorted(set(a["participants"]) & set(b["participants"]))[0]
        self.conflict(b["id"], {"slot_id": a["slot_id"], "table": free}, "slot_id",
                      "person %d already meets in slot %d" % (who, a["slot_id"]))
        # the Helsinki participant at 09:00 in Chengdu is 04:00 in Helsinki (UTC+3)
        h = self.helsinki
        early = sorted((s for s in self.slots.values() if s["start"][11:13] == "09"),
                       key=lambda s: s["start"])
        mine = [m for m in stored.values() if h in m["participants"]]
        self.assertTrue(mine)
        move = next((m, s) for m in mine for s in early
                    if fits(m, s["id"], but=m["participants"]) and s["id"] != m.get("slot_id"))
        m, s = move
        start = datetime.fromisoformat(s["start"]).astimezone(timezone(timedelta(hours=3)))
        end = start + timedelta(minutes=s["minutes"])
        self.conflict(m["id"], {"slot_id": s["id"], "online": True}, "slot_id",
                      "online hours of person %d (Europe/Helsinki) do not cover %s\u2013%s"
                      % (h, start.strftime("%H:%M"), end.strftime("%H:%M")))
        # attending online, so not at a table
        self.conflict(m["id"], {"slot_id": m["slot_id"], "table": 1}, "table",
                      "person %d attends online" % h)
        # malformed: a new slot without table or online, a slot of another event
        st, _, doc = self.patch(b["id"], {"slot_id": a["slot_id"]})
        self.assertEqual((st, doc["field"]), (422, "slot_id"))
        st, _, doc = self.patch(b["id"], {"slot_id": 999999, "table": 1})
        self.assertEqual((st, doc["field"]), (422, "slot_id"))
        st, _, doc = self.patch(b["id"], {"table": 41})
        self.assertEqual((st, doc["field"]), (422, "table"))
        self.assertEqual(self.meetings(), stored)

    def test_5_lock_and_move(self):
        stored = self.meetings()
        onsite = sorted((m for m in stored.values() if "slot_id" in m and not m["online"]),
                        key=lambda m: m["id"])
        a = onsite[0]
        st, _, doc = self.patch(a["id"], {"locked": True})
        self.assertEqual(st, 200, doc)
        self.assertTrue(doc["locked"])
        used = {(m["slot_id"], m["table"]) for m in onsite}
        free = next(t for t in range(1, 41) if (a["slot_id"], t) not in used)
        self.conflict(a["id"], {"table": free}, "locked", "is locked")
        # a move within the slot, re-locked in the same patch
        st, _, doc = self.patch(a["id"], {"table": free, "locked": True})
        self.assertEqual(st, 200, doc)
        self.assertEqual((doc["slot_id"], doc["table"], doc["locked"]),
                         (a["slot_id"], free, True))
        type(self).locked = doc
        # another meeting moved by hand to a free table of its slot, not locked
        b = onsite[1]
        used.add((a["slot_id"], free))
        free_b = next(t for t in range(40, 0, -1) if (b["slot_id"], t) not in used)
        st, _, doc = self.patch(b["id"], {"table": free_b})
        self.assertEqual(st, 200, doc)
        self.assertFalse(doc["locked"])
        type(self).moved = doc

    def test_6_reschedule_keeps_locked_and_published(self):
        before = {i: (m.get("slot_id"), m.get("table"), m["online"])
                  for i, m in self.meetings().items()}
        doc = self.schedule({"publish": True})
        self.assertEqual(doc["stats"]["kept"], sum(1 for v in before.values() if v[0]))
        self.assertEqual(doc["stats"]["moved"], 0)
        after = {i: (m.get("slot_id"), m.get("table"), m["online"])
                 for i, m in self.meetings().items()}
        self.assertEqual(after, before)
        # without keep_published meetings may move, but the locked one stays
        doc = self.schedule({"publish": True, "keep_published": False})
        detail = {m["id"]: m for m in doc["meetings"]}
        lk = self.locked
        self.assertEqual(detail[lk["id"]]["change"], "kept")
        self.assertTrue(detail[lk["id"]]["locked"])
        st, _, m = self.srv.get("%s/meetings/%d" % (API, lk["id"]))
        self.assertEqual((m["slot_id"], m["table"], m["locked"]),
                         (lk["slot_id"], lk["table"], True))

    def test_7_agenda_in_helsinki_time(self):
        h = self.helsinki
        st, _, ag = self.srv.get("%s/people/%d/agenda" % (API, h))
        self.assertEqual(st, 200, ag)
        self.assertEqual(ag["person"]["time_zone"], "Europe/Helsinki")
        self.assertTrue(ag["meetings"])
        starts = [m["start_utc"] for m in ag["meetings"]]
        self.assertEqual(starts, sorted(starts))
        for m in ag["meetings"]:
            start = datetime.fromisoformat(m["start"])
            end = datetime.fromisoformat(m["end"])
            self.assertEqual(m["start"][-6:], "+03:00")  # summer time in May
            self.assertGreaterEqual(start.strftime("%H:%M"), "08:00")
            self.assertLessEqual(end.strftime("%H:%M"), "19:00")
            self.assertEqual(start, datetime.fromisoformat(m["event_start"]))
            self.assertEqual(start, datetime.fromisoformat(m["start_utc"].replace("Z", "+00:00")))
            self.assertTrue(m["with"][0]["name"])
            if m["event"]["id"] == self.eid:
                self.assertTrue(m["online"])
                self.assertEqual(m["room_url"],
                                 VIDEO.format(event=self.eid, meeting=m["id"]))
        # an on-site participant reads the table and the venue
        lk = self.locked
        st, _, ag2 = self.srv.get("%s/people/%d/agenda" % (API, lk["participants"][0]))
        mine = [m for m in ag2["meetings"] if m["id"] == lk["id"]][0]
        self.assertEqual(mine["location"], "Table %d, %s" % (lk["table"], self.event["venue"]))
        st, _, doc = self.srv.get(API + "/people/99999/agenda")
        self.assertEqual(st, 404)

    def test_8_ics_parses(self):
        h = self.helsinki
        st, _, ag = self.srv.get("%s/people/%d/agenda" % (API, h))
        st, hdrs, raw = self.srv.get("%s/people/%d/agenda.ics" % (API, h))
        self.assertEqual(st, 200)
        self.assertEqual(hdrs["content-type"], "text/calendar; charset=utf-8")
        cal = icalendar.Calendar.from_ical(raw.decode("utf-8"))
        self.assertEqual(str(cal["VERSION"]), "2.0")
        events = cal.walk("VEVENT")
        self.assertEqual(len(events), len(ag["meetings"]))
        by_uid = {str(e["UID"]): e for e in events}
        self.assertEqual(len(by_uid), len(events))
        for m in ag["meetings"]:
            e = by_uid["meeting-%d@liaison" % m["id"]]
            start = datetime.fromisoformat(m["start_utc"].replace("Z", "+00:00"))
            self.assertEqual(e.decoded("DTSTART"), start)
            self.assertEqual(e.decoded("DTEND"),
                             datetime.fromisoformat(m["end_utc"].replace("Z", "+00:00")))
            self.assertIn(m["with"][0]["name"], str(e["SUMMARY"]))
            self.assertEqual(str(e["LOCATION"]), m["location"])
            if m.get("online"):
                self.assertEqual(str(e["URL"]), m["room_url"])
            self.assertIn("Europe/Helsinki", str(e["DESCRIPTION"]))
        # the same download twice is the same calendar (stable UIDs and stamps)
        st, _, again = self.srv.get("%s/people/%d/agenda.ics" % (API, h))
        self.assertEqual(again, raw)
        st, hdrs, doc = self.srv.get(API + "/people/99999/agenda.ics")
        self.assertEqual(st, 404)
        self.assertEqual(hdrs["content-type"], "application/problem+json")

    def test_9_validator_accepts_published(self):
        """The stored schedule, dumped in the batch format, passes --check."""
        regs = self.registrations()
        prio = {r["id"]: r.get("priority", 2)
                for r in self.all("meeting-requests", event=self.eid, state="accepted")}
        people = []
        for pid, r in sorted(regs.items()):
            if r.get("validation") == "rejected":
                continue
            p = {"id": "p%d" % pid, "attendance": r["attendance"],
                 "time_zone": self.people[pid].get("time_zone", "UTC")}
            if r.get("available_slots") is not None:
                p["available"] = [str(s) for s in r["available_slots"]]
            hours = r.get("online_hours") or (["08:00", "19:00"]
                                              if r["attendance"] == "online" else None)
            if hours:
                p["online_hours"] = hours
            people.append(p)
        meetings, scheduled, unscheduled = [], [], []
        for mid, m in sorted(self.meetings().items()):
            rec = {"id": str(mid), "participants": ["p%d" % p for p in m["participants"]],
                   "weight": 4 - prio[m["request_id"]]}
            place = {"meeting": str(mid)}
            if "slot_id" in m:
                place["slot"] = str(m["slot_id"])
                if m["online"]:
                    place["online"] = True
                else:
                    place["table"] = m["table"]
                scheduled.append(place)
                if m["locked"]:
                    rec["locked"] = {k: v for k, v in place.items() if k != "meeting"}
            else:
                unscheduled.append(place)
            meetings.append(rec)
        batch = {"event": {"time_zone": self.event["time_zone"], "tables": self.event["tables"],
                           "slots": [{"id": str(s["id"]), "start": s["start"],
                                      "minutes": s["minutes"]} for s in self.event["slots"]]},
                 "participants": people, "meetings": meetings}
        self.assertTrue(any("locked" in m for m in meetings))
        with tempfile.TemporaryDirectory() as tmp:
            inp, out = os.path.join(tmp, "in.json"), os.path.join(tmp, "out.json")
            with open(inp, "w", encoding="utf-8") as f:
                json.dump(batch, f, ensure_ascii=False)
            with open(out, "w", encoding="utf-8") as f:
                json.dump({"scheduled": scheduled, "unscheduled": unscheduled}, f)
            rc, stdout, stderr = run_cli("schedule", "--check", out, inp)
        self.assertEqual(rc, 0, stdout + stderr)
        self.assertIn("ok", stdout)

    def test_access_to_grid_and_agendas(self):
        """The grid is the organisers', an agenda its person's (and admins')."""
        grid = "%s/events/%d/grid" % (API, self.eid)
        st, _, want = self.srv.get(grid)
        self.assertEqual(st, 200, want)
        st, _, doc = self.srv.anonymous("GET", grid)
        self.assertEqual(st, 401, doc)
        participant = self.srv.demo_client("participant")
        st, _, doc = participant.get(grid)
        self.assertEqual(st, 403, doc)
        st, _, doc = participant.post("%s/events/%d/schedule" % (API, self.eid), {})
        self.assertEqual(st, 403, doc)
        organiser = self.srv.demo_client("organiser")
        st, _, got = organiser.get(grid)
        self.assertEqual(st, 200, got)
        self.assertEqual(got, want)
        mine = participant.account["person_id"]
        self.assertTrue(mine)
        for suffix in ("agenda", "agenda.ics"):
            with self.subTest(suffix=suffix):
                st, _, doc = participant.get("%s/people/%d/%s" % (API, mine, suffix))
                self.assertEqual(st, 200, doc)
                other = "%s/people/%d/%s" % (API, self.helsinki, suffix)
                st, _, doc = participant.get(other)
                self.assertEqual(st, 403, doc)
                st, _, doc = self.srv.anonymous("GET", other)
                self.assertEqual(st, 401, doc)

    def test_bad_options(self):
        st, _, doc = self.srv.post("%s/events/%d/schedule" % (API, self.eid), {"fast": True})
        self.assertEqual((st, doc["field"]), (422, "fast"))
        st, _, doc = self.srv.post("%s/events/%d/schedule" % (API, self.eid),
                                   {"time_limit": 0})
        self.assertEqual((st, doc["field"]), (422, "time_limit"))
        st, _, doc = self.srv.post(API + "/events/9999/schedule", {})
        self.assertEqual(st, 404)
        st, _, doc = self.srv.post("%s/events/%d/schedule" % (API, self.eid), raw=b"[1]",
                                   headers={"Content-Type": "application/json"})
        self.assertEqual(st, 400)


if __name__ == "__main__":
    unittest.main()
