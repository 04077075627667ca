"""Black-box tests of `liaison schedule` (the batch scheduler and --check).

The binary is $LIAISON_BIN; the source tree is $LIAISON_SOURCE_DIR.
"""
import copy
import json
import os
import subprocess
import tempfile
import unittest
from datetime import datetime, timedelta, timezone

try:
    from zoneinfo import ZoneInfo
except ImportError:  # pragma: no cover
    ZoneInfo = None

BIN = os.environ.get("LIAISON_BIN", "liaison")


def slots(day, hours, minutes=60):
    out = []
    for h in hours:
        out.append({"id": "%s-%02d00" % (day[5:], h),
                    "start": "%sT%02d:00:00+08:00" % (day, h), "minutes": minutes})
    return out


def sample():
    """A hybrid Chengdu event across the European change to summer time."""
    return {
        "event": {"time_zone": "Asia/Shanghai", "tables": 2,
                  "slots": slots("2027-03-27", range(9, 19)) + slots("2027-03-29", range(9, 19))},
        "participants": [
            {"id": "cn1", "attendance": "onsite"},
            {"id": "cn2", "attendance": "onsite", "max_meetings": 3},
            {"id": "cn3", "attendance": "onsite", "available": ["03-27-0900", "03-27-1000"]},
            {"id": "fi1", "attendance": "online", "time_zone": "Europe/Helsinki",
             "online_hours": ["08:00", "19:00"]},
            {"id": "de1", "attendance": "online", "time_zone": "Europe/Berlin",
             "online_hours": ["08:00", "19:00"]},
            {"id": "eu1", "attendance": "onsite", "time_zone": "Europe/Paris"},
        ],
        "meetings": [
            {"id": "m1", "participants": ["cn1", "eu1"], "weight": 3},
            {"id": "m2", "participants": ["cn2", "eu1"], "weight": 2, "mode": "onsite"},
            {"id": "m3", "participants": ["cn1", "fi1"], "weight": 2},
            {"id": "m4", "participants": ["cn2", "fi1"]},
            {"id": "m5", "participants": ["cn3", "de1"], "weight": 1},
            {"id": "m6", "participants": ["cn1", "de1"], "weight": 2},
            {"id": "m7", "participants": ["cn3", "eu1"], "weight": 1,
             "locked": {"slot": "03-27-1000", "table": 2}},
            {"id": "m8", "participants": ["fi1", "de1"], "weight": 1, "mode": "online"},
            {"id": "m9", "participants": ["cn2", "cn3"], "weight": 1},
            {"id": "m10", "participants": ["cn2", "cn1"], "weight": 1},
        ],
    }


class ScheduleTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, doc):
        path = os.path.join(self.tmp.name, name)
        with open(path, "w", encoding="utf-8") as f:
            if isinstance(doc, str):
                f.write(doc)
            else:
                json.dump(doc, f)
        return path

    def run_bin(self, *args):
        return subprocess.run([BIN, "schedule", *args], capture_output=True, text=True,
                              timeout=120)

    def schedule(self, doc, *args):
        path = self.write("in.json", doc)
        r = self.run_bin(*args, path)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")
        return json.loads(r.stdout), path

    def check(self, out, path):
        return self.run_bin("--check", self.write("out.json", out), path)

    # ---- output ----

    def test_output_shape_and_check(self):
        doc = sample()
        out, path = self.schedule(doc)
        self.assertEqual(set(out), {"scheduled", "unscheduled", "warnings", "stats"})
        ids = [m["id"] for m in doc["meetings"]]
        seen = [e["meeting"] for e in out["scheduled"]] + [e["meeting"] for e in out["unscheduled"]]
        self.assertEqual(sorted(seen), sorted(ids))
        slot_ids = {s["id"] for ev in [doc["event"]] for s in ev["slots"]}
        for e in out["scheduled"]:
            self.assertIn(e["slot"], slot_ids)
            if e.get("online"):
                self.assertNotIn("table", e)
            else:
                self.assertIn(e["table"], (1, 2))
        for e in out["unscheduled"]:
            self.assertTrue(e["reason"])
        st = out["stats"]
        for key in ("meetings", "scheduled", "weight", "idle_gaps", "upper_bound"):
            self.assertIsInstance(st[key], int)
        self.assertEqual(st["meetings"], 10)
        self.assertEqual(st["scheduled"], len(out["scheduled"]))
        weights = {m["id"]: m.get("weight", 1) for m in doc["meetings"]}
        self.assertEqual(st["weight"], sum(weights[e["meeting"]] for e in out["scheduled"]))
        self.assertLessEqual(st["weight"], st["upper_bound"])
        locked = [e for e in out["scheduled"] if e["meeting"] == "m7"]
        self.assertEqual(locked, [{"meeting": "m7", "slot": "03-27-1000", "table": 2}])
        r = self.check(out, path)
        self.assertEqual((r.returncode, r.stdout), (0, "ok\n"), r.stdout)

    def test_online_hours_across_dst(self):
        if ZoneInfo is None:
            self.skipTest("no zoneinfo")
        doc = sample()
        out, _ = self.schedule(doc)
        people = {p["id"]: p for p in doc["participants"]}
        meetings = {m["id"]: m for m in doc["meetings"]}
        starts = {s["id"]: (datetime.fromisoformat(s["start"]), s["minutes"])
                  for s in doc["event"]["slots"]}
        online = 0
        for e in out["scheduled"]:
            if not e.get("online"):
                continue
            online += 1
            start, minutes = starts[e["slot"]]
            for pid in meetings[e["meeting"]]["participants"]:
                p = people[pid]
                if "online_hours" not in p:
                    continue
                tz = ZoneInfo(p["time_zone"])
                a = start.astimezone(tz)
                b = (start + timedelta(minutes=minutes)).astimezone(tz)
                self.assertGreaterEqual(a.strftime("%H:%M"), "08:00", (e, pid))
                self.assertLessEqual(b.strftime("%H:%M"), "19:00", (e, pid))
                self.assertEqual(a.date(), b.date())
        self.assertGreaterEqual(online, 3)

    def test_exact(self):
        out, path = self.schedule(sample(), "--exact", "--time-limit", "5")
        self.assertTrue(out["stats"]["exact"]["optimal"])
        self.assertEqual(out["stats"]["exact"]["gap"], 0)
        heuristic, _ = self.schedule(sample())
        self.assertEqual(heuristic["stats"]["weight"], out["stats"]["weight"])
        self.assertEqual(self.check(out, path).returncode, 0)

    def test_previous_keeps_published_meetings(self):
        doc = sample()
        first, _ = self.schedule(doc)
        prev = self.write("prev.json", first)
        # late changes: m10 cancelled, m11 added
        doc["meetings"] = [m for m in doc["meetings"] if m["id"] != "m10"]
        doc["meetings"].append({"id": "m11", "participants": ["eu1", "cn2"], "weight": 5})
        second, path = self.schedule(doc, "--previous", prev)
        before = {e["meeting"]: e for e in first["scheduled"] if e["meeting"] != "m10"}
        after = {e["meeting"]: e for e in second["scheduled"]}
        for mid, e in before.items():
            self.assertEqual(after.get(mid), e, mid)
        self.assertEqual(self.check(second, path).returncode, 0)
        free, _ = self.schedule(doc, "--previous", prev, "--free")
        self.assertGreaterEqual(free["stats"]["weight"], second["stats"]["weight"])
        # a slot removed: its meeting is placed again, with a warning
        gone = next(e for e in first["scheduled"]
                    if e["slot"] not in ("03-27-0900", "03-27-1000") and e["meeting"] != "m10")
        doc["event"]["slots"] = [s for s in doc["event"]["slots"] if s["id"] != gone["slot"]]
        third, path = self.schedule(doc, "--previous", prev)
        notes = [w["message"] for w in third["warnings"] if w["record"] == "previous"]
        self.assertTrue(any(gone["slot"] in n and "placed again" in n for n in notes), notes)
        self.assertEqual(self.check(third, path).returncode, 0)

    # ---- --check ----

    def test_check_reports_each_violation(self):
        doc = sample()
        out, path = self.schedule(doc)
        bad = copy.deepcopy(out)
        onsite = [e for e in bad["scheduled"] if not e.get("online")]
        self.assertGreaterEqual(len(onsite), 2)
        onsite[1]["slot"], onsite[1]["table"] = onsite[0]["slot"], onsite[0]["table"]
        bad["scheduled"].append({"meeting": "m99", "slot": "03-27-0900", "table": 1})
        r = self.check(bad, path)
        self.assertEqual(r.returncode, 1)
        lines = r.stdout.splitlines()
        self.assertIn('scheduled[%d].meeting: unknown meeting "m99"' % (len(bad["scheduled"]) - 1),
                      lines)
        self.assertTrue(any("holds meetings" in line for line in lines), lines)
        bad = copy.deepcopy(out)
        bad["stats"]["weight"] += 1
        r = self.check(bad, path)
        self.assertEqual(r.returncode, 1)
        self.assertIn("stats.weight", r.stdout)
        bad = copy.deepcopy(out)
        bad["scheduled"] = [e for e in bad["scheduled"] if e["meeting"] != "m7"]
        bad["unscheduled"].append({"meeting": "m7", "reason": "dropped"})
        bad["stats"].pop("weight")
        bad["stats"].pop("scheduled")
        r = self.check(bad, path)
        self.assertEqual(r.returncode, 1)
        self.assertIn("meeting m7: locked in slot 03-27-1000 but left unscheduled", r.stdout)

    # ---- bad input ----

    def bad_input(self, doc, line):
        path = self.write("bad.json", doc)
        r = self.run_bin(path)
        self.assertEqual(r.returncode, 1, r.stdout)
        self.assertEqual(r.stdout, "")
        self.assertEqual(r.stderr, line + "\n")

    def test_bad_input_names_record_and_field(self):
        doc = sample()
        doc["meetings"][3]["participants"][1] = "p77"
        self.bad_input(doc, 'liaison: meetings[3].participants[1]: unknown participant "p77"')
        doc = sample()
        del doc["event"]["time_zone"]
        self.bad_input(doc, "liaison: event.time_zone: is required")
        doc = sample()
        doc["participants"][4]["time_zone"] = "Europe/Atlantis"
        self.bad_input(doc, 'liaison: participants[4].time_zone: unknown time zone "Europe/Atlantis"')
        doc = sample()
        doc["event"]["slots"][2]["start"] = "2027-03-27 11:00"
        self.bad_input(doc, 'liaison: event.slots[2].start: "2027-03-27 11:00" is not an RFC 3339 '
                       'time with an offset')
        doc = sample()
        doc["event"]["slots"][3]["start"] = doc["event"]["slots"][2]["start"]
        self.bad_input(doc, 'liaison: event.slots[3].start: overlaps slot "03-27-1100"')
        doc = sample()
        doc["participants"][1]["id"] = "cn1"
        self.bad_input(doc, 'liaison: participants[1].id: duplicate id "cn1"')
        doc = sample()
        doc["participants"][3]["online_hours"] = ["08:00", "25:00"]
        self.bad_input(doc, 'liaison: participants[3].online_hours: must be two different times '
                       'from "00:00" to "24:00"')
        doc = sample()
        doc["participants"][2]["available"][1] = "nope"
        self.bad_input(doc, 'liaison: participants[2].available[1]: unknown slot "nope"')
        doc = sample()
        doc["meetings"][0]["weight"] = 0
        self.bad_input(doc, "liaison: meetings[0].weight: must be an integer from 1 to 1000000")
        doc = sample()
        doc["meetings"][6]["locked"] = {"slot": "03-27-1000", "table": 1, "online": True}
        self.bad_input(doc, "liaison: meetings[6].locked.table: an online meeting has no table")
        doc = sample()
        doc["meetings"][2]["participants"] = ["cn1", "cn1"]
        self.bad_input(doc, 'liaison: meetings[2].participants[1]: "cn1" is listed twice')
        doc = sample()
        doc["participants"][0]["attendance"] = "maybe"
        self.bad_input(doc, 'liaison: participants[0].attendance: must be "onsite" or "online"')
        r = self.run_bin(self.write("broken.json", '{"event": '))
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, "")
        self.assertEqual(len(r.stderr.splitlines()), 1)
        self.assertIn("invalid JSON", r.stderr)

    def test_usage(self):
        r = self.run_bin("--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("usage: liaison schedule", r.stdout)
        r = self.run_bin()
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stdout, "")
        r = self.run_bin("--time-limit", "soon", self.write("in.json", sample()))
        self.assertEqual(r.returncode, 2)
        r = self.run_bin(os.path.join(self.tmp.name, "missing.json"))
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stderr.startswith("liaison: cannot open"), r.stderr)


if __name__ == "__main__":
    unittest.main()
