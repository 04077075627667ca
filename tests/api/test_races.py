"""Black-box race tests: every cap, unique rule and state machine is decided
once when many callers ask at the same moment. Exactly the right number of
parallel calls succeed, the others answer 409/422/429, none 5xx.

The daily cap is the case that once slipped: counted outside the inserting
transaction, 10 parallel requests with --requests-per-day 3 (one already
used) let 4 through where 2 may pass.

RACE_ROUNDS (default 2) repeats each race; `make reliability` runs more.
"""
import concurrent.futures
import http.client
import json
import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import Server, db_connect_raw  # noqa: E402

API = "/api/v1"
ROUNDS = int(os.environ.get("RACE_ROUNDS", "2"))
PARALLEL = 10
COUNTS = {"calls": 0, "5xx": 0}  # written to $RACE_REPORT at the end (make reliability)


def counted(results):
    COUNTS["calls"] += len(results)
    COUNTS["5xx"] += sum(1 for r in results if r[0] >= 500)
    return results


def tearDownModule():
    if os.environ.get("RACE_REPORT"):
        with open(os.environ["RACE_REPORT"], "w") as f:
            json.dump(dict(COUNTS, rounds=ROUNDS), f)


def at_once(n, call):
    """Runs call(i) for i in 0..n-1 on n threads released together."""
    gate = threading.Barrier(n)

    def run(i):
        gate.wait()
        return call(i)

    with concurrent.futures.ThreadPoolExecutor(n) as pool:
        return counted(list(pool.map(run, range(n))))


class WritersHeld:
    """Holds the database's write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL:
    the writers' advisory lock) from enter until release(): requests that
    arrive meanwhile read what they like and queue at their first write, so
    that a check made outside the writing transaction would see the same
    count in every one of them."""

    def __init__(self, db):
        self.con, self.pg = db_connect_raw(db)

    def __enter__(self):
        cur = self.con.cursor()
        if self.pg:
            cur.execute("BEGIN")
            cur.execute("SELECT pg_advisory_xact_lock(7426384)")
        else:
            cur.execute("BEGIN IMMEDIATE")
        return self

    def release(self):
        if self.con:
            self.con.cursor().execute("ROLLBACK")
            self.con.close()
            self.con = None

    def __exit__(self, *exc):
        self.release()


def posts_at_once(port, path, bodies, headers, held=None):
    """POSTs bodies[i] to path on len(bodies) connections opened beforehand
    and released together, so that the requests reach the server at the
    same moment; with held (a WritersHeld), its lock is released half a
    second after they were sent. Returns [(status, headers, JSON)]."""
    n = len(bodies)
    conns = [http.client.HTTPConnection("127.0.0.1", port, timeout=60) for _ in range(n)]
    for c in conns:
        c.connect()
    gate = threading.Barrier(n + 1)
    hdrs = dict(headers, **{"Content-Type": "application/json"})

    def run(i):
        gate.wait()
        conns[i].request("POST", path, body=json.dumps(bodies[i]), headers=hdrs)
        resp = conns[i].getresponse()
        doc = json.loads(resp.read().decode("utf-8"))
        conns[i].close()
        return resp.status, dict(resp.getheaders()), doc

    with concurrent.futures.ThreadPoolExecutor(n) as pool:
        results = pool.map(run, range(n))
        gate.wait()
        if held:
            time.sleep(0.5)
            held.release()
        return counted(list(results))


class RacesTest(unittest.TestCase):
    """One demo server with a cap of 3 meeting requests a day."""

    @classmethod
    def setUpClass(cls):
        cls.srv = Server(demo=True, extra=("--requests-per-day", "3",
                                           "--registration", "open"))
        cls.addClassCleanup(cls.srv.__exit__, None, None, None)
        st, _, doc = cls.srv.get(API + "/events/eu-cn-fair-2026")
        assert st == 200, doc
        cls.event = doc["id"]
        st, _, doc = cls.srv.get(API + "/registrations?event=%d&limit=200" % cls.event)
        assert st == 200, doc
        cls.people = sorted({r["person_id"] for r in doc["items"]})
        # the demo participants' people are the daily cap's: nobody else uses them
        cls.capped = [cls.srv.get(API + "/people/" + ref)[2]["id"]
                      for ref in ("p-cn-chengdu-2", "p-cn-hangzhou-1")]
        cls.next_person = 0
        st, _, doc = cls.srv.get(API + "/organisations?limit=1")
        assert st == 200, doc
        cls.org = doc["items"][0]["id"]

    def person(self):
        """A registered person nobody in this test has used yet."""
        while self.people[RacesTest.next_person] in self.capped:
            RacesTest.next_person += 1
        p = self.people[RacesTest.next_person]
        RacesTest.next_person += 1
        return p

    def all_requests(self):
        items, cursor = [], None
        while True:
            st, _, page = self.srv.get(API + "/meeting-requests?limit=200" +
                                       ("&cursor=" + cursor if cursor else ""))
            self.assertEqual(st, 200, page)
            items += page["items"]
            cursor = page.get("next")
            if not cursor:
                return items

    def no_5xx(self, results):
        self.assertFalse([r for r in results if r[0] >= 500], results)

    def request(self, requester, invitee, caller=None):
        return (caller or self.srv).post(API + "/meeting-requests", {
            "event_id": self.event, "requester_id": requester, "invitee_id": invitee,
            "message": "race"})

    def test_daily_cap_under_parallel_requests(self):
        # the cap holds for participants acting for themselves (an admin is
        # not capped): the two demo participants, one round each
        for role, ref in (("participant", "p-cn-chengdu-2"),
                          ("participant2", "p-cn-hangzhou-1")):
            me = self.srv.demo_client(role)
            who = self.srv.get(API + "/people/" + ref)[2]["id"]
            pairs = [(r["requester_id"], r["invitee_id"]) for r in self.all_requests()]
            busy = {who} | {b for a, b in pairs if a == who} | {a for a, b in pairs if b == who}
            invitees = [p for p in self.people if p not in busy][-(PARALLEL + 1):]
            self.assertEqual(len(invitees), PARALLEL + 1)
            res = self.request(who, invitees[PARALLEL], me)
            self.assertEqual(res[0], 201, res)
            # the demo's requests were made at load time: they count today
            used = sum(1 for a, b in pairs if a == who) + 1
            self.assertLess(used, 3)
            with WritersHeld(self.srv.db) as held:
                res = posts_at_once(self.srv.port, API + "/meeting-requests", [
                    {"event_id": self.event, "requester_id": who, "invitee_id": invitees[i],
                     "message": "race"} for i in range(PARALLEL)],
                    {"Cookie": "liaison_session=" + me.cookie, "X-CSRF-Token": me.csrf}, held)
            self.no_5xx(res)
            statuses = sorted(r[0] for r in res)
            self.assertEqual(statuses, [201] * (3 - used) + [429] * (PARALLEL - 3 + used), res)
            for st, _, doc in res:
                if st == 429:
                    self.assertEqual(doc["field"], "requester_id", doc)
            mine = [r for r in self.all_requests() if r["requester_id"] == who]
            self.assertEqual(len(mine), 3)

    def test_concurrent_accepts_decide_once(self):
        for _ in range(ROUNDS):
            a, b = self.person(), self.person()
            st, _, doc = self.request(a, b)
            self.assertEqual(st, 201, doc)
            rid = doc["id"]
            verbs = ["accept"] * (PARALLEL // 2) + ["decline"] * (PARALLEL - PARALLEL // 2)
            res = at_once(PARALLEL, lambda i: self.srv.post(
                "%s/meeting-requests/%d/%s" % (API, rid, verbs[i])))
            self.no_5xx(res)
            ok = [verbs[i] for i, r in enumerate(res) if r[0] == 200]
            self.assertEqual(len(ok), 1, res)
            self.assertTrue(all(r[0] in (409, 422) for r in res if r[0] != 200), res)
            st, _, doc = self.srv.get("%s/meeting-requests/%d" % (API, rid))
            self.assertEqual(st, 200, doc)
            self.assertEqual(doc["state"], "accepted" if ok[0] == "accept" else "declined",
                             doc)
            st, _, doc = self.srv.get("%s/meetings?event=%d&limit=200" % (API, self.event))
            self.assertEqual(st, 200, doc)
            made = [m for m in doc["items"] if m.get("request_id") == rid]
            self.assertEqual(len(made), 1 if ok[0] == "accept" else 0, made)

    def test_sign_ups_with_one_email(self):
        # two rounds at most: sign-ups from one address are throttled (429)
        for rnd in range(min(ROUNDS, 2)):
            email = "race%d-%d@example.org" % (rnd, os.getpid())

            def sign_up(i):
                return self.srv.anonymous("POST", API + "/auth/register", {
                    "email": email if i % 2 else email.upper(),
                    "password": "a long enough password %d" % i,
                    "name": "Racer %d" % i, "organisation_id": self.org})
            res = at_once(PARALLEL, sign_up)
            self.no_5xx(res)
            statuses = sorted(r[0] for r in res)
            self.assertEqual(statuses, [201] + [409] * (PARALLEL - 1), res)

    def publish(self):
        """POST /events/{id}/schedule with publish, waiting up to 5 minutes:
        the publishes take turns, and a solve under ASan on a busy machine
        takes seconds."""
        conn = http.client.HTTPConnection("127.0.0.1", self.srv.port, timeout=300)
        conn.request("POST", "%s/events/%d/schedule" % (API, self.event),
                     body=json.dumps({"publish": True}),
                     headers={"Content-Type": "application/json",
                              "Authorization": "Bearer " + self.srv.token})
        resp = conn.getresponse()
        doc = json.loads(resp.read().decode("utf-8"))
        conn.close()
        return resp.status, dict(resp.getheaders()), doc

    def test_concurrent_schedule_publishes(self):
        # A publish solves outside its write transaction and writes only if
        # the event is still what it solved; a process's publishes take
        # turns: parallel publishes each answer 200 (once they waited inside
        # the transaction for each other's solve, and a slow build (ASan)
        # answered 503 "busy").
        for _ in range(ROUNDS):
            res = at_once(4, lambda i: self.publish())
            self.assertEqual([r[0] for r in res], [200] * 4, res)
            for st, _, doc in res:
                self.assertTrue(doc["published"], doc)
            st, _, doc = self.srv.get("%s/meetings?event=%d&limit=200" % (API, self.event))
            self.assertEqual(st, 200, doc)
            seen, booked = set(), set()
            for m in doc["items"]:
                self.assertNotIn(m["id"], seen)
                seen.add(m["id"])
                if m.get("slot_id") and m.get("table"):
                    key = (m["slot_id"], m["table"])
                    self.assertNotIn(key, booked, m)
                    booked.add(key)
            # what was published is what the last publish answered
            placed = {m["id"]: (m.get("slot_id"), m.get("table")) for m in doc["items"]
                      if m.get("slot_id")}
            self.assertIn(placed, [{s["meeting"]: (s["slot"], s.get("table"))
                                    for s in r[2]["scheduled"]} for r in res])


if __name__ == "__main__":
    unittest.main(verbosity=2)
