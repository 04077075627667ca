"""Black-box tests of the JSON API: the real binary on 127.0.0.1."""
import json
import os
import socket
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import Server  # noqa: E402

API = "/api/v1"


def slots(day, times, minutes=20):
    return [{"ref": "%s-%s" % (day[-2:], t.replace(":", "")),
             "start": "%sT%s:00+08:00" % (day, t), "minutes": minutes}
            for t in times]


class ApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server()

    @classmethod
    def tearDownClass(cls):
        rc = cls.srv.stop()
        log = "".join(cls.srv.log)
        cls.srv.__exit__(None, None, None)
        if rc != 0:
            raise AssertionError("server exited with %d:\n%s" % (rc, log[-4000:]))

    # helpers -------------------------------------------------------------
    def create(self, res, body, status=201):
        st, hdrs, doc = self.srv.post("%s/%s" % (API, res), body)
        self.assertEqual(st, status, doc)
        if status == 201:
            self.assertEqual(hdrs["location"], "%s/%s/%d" % (API, res, doc["id"]))
        return doc

    def problem(self, st, hdrs, doc, status, field=None):
        self.assertEqual(st, status, doc)
        self.assertEqual(hdrs["content-type"], "application/problem+json")
        self.assertEqual(doc["status"], status)
        self.assertIn("title", doc)
        self.assertIn("detail", doc)
        self.assertTrue(doc["request_id"])
        if field is not None:
            self.assertEqual(doc.get("field"), field, doc)
        # the server stays up after every bad request
        st2, _, health = self.srv.get(API + "/health")
        self.assertEqual(st2, 200)
        self.assertEqual(health["status"], "ok")

    def org(self, name, country="FI", **kw):
        body = {"name": name, "country": country, "kind": kw.pop("kind", "sme")}
        body.update(kw)
        return self.create("organisations", body)

    def event(self, **kw):
        body = {"name": "Test fair", "time_zone": "Asia/Shanghai", "mode": "hybrid",
                "tables": 2, "slots": slots("2026-05-13", ["09:00", "09:20", "09:40"])}
        body.update(kw)
        return self.create("events", body)

    def person(self, org_id, name, tz="Europe/Helsinki"):
        return self.create("people", {"organisation_id": org_id, "name": name,
                                      "email": "%s@example.org" % name.lower().replace(" ", "."),
                                      "time_zone": tz})

    def register(self, ev, person, attendance="onsite"):
        return self.create("registrations", {"event_id": ev["id"], "person_id": person["id"],
                                             "attendance": attendance})

    # system ----------------------------------------------------------------
    def test_health(self):
        st, hdrs, doc = self.srv.get(API + "/health")
        self.assertEqual(st, 200)
        self.assertEqual(doc["status"], "ok")
        self.assertGreaterEqual(doc["schema"], 1)
        self.assertTrue(hdrs["x-request-id"])

    def test_openapi_served(self):
        st, hdrs, doc = self.srv.get(API + "/openapi.json")
        self.assertEqual(st, 200)
        self.assertTrue(doc["openapi"].startswith("3.1"))
        with open(os.path.join(os.environ.get("LIAISON_SOURCE_DIR", "."),
                               "docs", "openapi.json"), encoding="utf-8") as f:
            self.assertEqual(doc, json.load(f))

    def test_request_log_line(self):
        st, hdrs, _ = self.srv.get(API + "/health", headers={"X-Request-Id": "trace-42"})
        self.assertEqual(hdrs["x-request-id"], "trace-42")
        for _ in range(50):
            if any("GET /api/v1/health 200" in l and "trace-42" in l for l in self.srv.log):
                break
            import time
            time.sleep(0.05)
        self.assertTrue(any("GET /api/v1/health 200" in l and "trace-42" in l
                            for l in self.srv.log), self.srv.log[-5:])

    # organisations ---------------------------------------------------------
    def test_organisation_crud(self):
        o = self.org("Mobisync Oy", languages=["fi", "en"], themes=["mobility"], sdgs=[11, 9],
                     description="Liikkuminen palveluna – urban mobility as a service",
                     website="https://mobisync.example.fi")
        self.assertEqual(o["name"], "Mobisync Oy")
        self.assertEqual(o["sdgs"], [11, 9])
        st, _, got = self.srv.get("%s/organisations/%d" % (API, o["id"]))
        self.assertEqual(st, 200)
        self.assertEqual(got, o)
        st, _, upd = self.srv.patch("%s/organisations/%d" % (API, o["id"]),
                                    {"city": "Espoo", "website": None})
        self.assertEqual(st, 200, upd)
        self.assertEqual(upd["city"], "Espoo")
        self.assertNotIn("website", upd)
        self.assertEqual(upd["name"], "Mobisync Oy")
        st, _, body = self.srv.delete("%s/organisations/%d" % (API, o["id"]))
        self.assertEqual(st, 204)
        st, hdrs, doc = self.srv.get("%s/organisations/%d" % (API, o["id"]))
        self.problem(st, hdrs, doc, 404)

    def test_organisation_validation(self):
        url = API + "/organisations"
        cases = [
            ({"country": "FI"}, "name"),
            ({"name": "X", "country": "XX"}, "country"),
            ({"name": "X", "kind": "spaceship"}, "kind"),
            ({"name": "X", "sdgs": [18]}, "sdgs[0]"),
            ({"name": "X", "colour": "blue"}, "colour"),
            ({"name": "X", "id": 5}, "id"),
            ({"name": "x" * 301}, "name"),
            ({"name": 42}, "name"),
            ({"name": "X", "website": "ftp://example.org"}, "website"),
        ]
        for body, field in cases:
            with self.subTest(field=field):
                st, hdrs, doc = self.srv.post(url, body)
                self.problem(st, hdrs, doc, 422, field)

    def test_bad_bodies(self):
        url = API + "/organisations"
        st, hdrs, doc = self.srv.request("POST", url, raw=b'{"name": ',
                                         headers={"Content-Type": "application/json"})
        self.problem(st, hdrs, doc, 400)
        st, hdrs, doc = self.srv.request("POST", url, raw=b'{"name": "\xff\xfe"}',
                                         headers={"Content-Type": "application/json"})
        self.problem(st, hdrs, doc, 400)
        self.assertIn("UTF-8", doc["detail"])
        st, hdrs, doc = self.srv.request("POST", url, raw=b'[1, 2]',
                                         headers={"Content-Type": "application/json"})
        self.problem(st, hdrs, doc, 400, "body")
        st, hdrs, doc = self.srv.request("POST", url, raw=b'{"name": "X"}',
                                         headers={"Content-Type": "text/plain"})
        self.problem(st, hdrs, doc, 415)
        big = b'{"name": "' + b"a" * (1024 * 1024 + 10) + b'"}'
        st, hdrs, doc = self.srv.request("POST", url, raw=big,
                                         headers={"Content-Type": "application/json"})
        self.problem(st, hdrs, doc, 413)
        st, hdrs, doc = self.srv.request("POST", url, headers={"Content-Type": "application/json"})
        self.problem(st, hdrs, doc, 400, "body")

    def test_oversized_body_refused_before_100_continue(self):
        # the 413 comes instead of "100 Continue" (the body used to be invited)
        with socket.create_connection(("127.0.0.1", self.srv.port), timeout=10) as s:
            s.sendall(b"POST " + API.encode() + b"/organisations HTTP/1.1\r\nHost: t\r\n"
                      b"Content-Type: application/json\r\nContent-Length: 50000000\r\n"
                      b"Expect: 100-continue\r\n\r\n")
            head = s.recv(4096)
        self.assertTrue(head.startswith(b"HTTP/1.1 413 "), head)
        self.assertIn(b"application/problem+json", head)

    def test_routes(self):
        st, hdrs, doc = self.srv.get(API + "/nothing-here")
        self.problem(st, hdrs, doc, 404)
        # "/" is the browser UI's (test_web_static.py); /api itself is the API's
        st, hdrs, doc = self.srv.get("/api")
        self.problem(st, hdrs, doc, 404)
        st, hdrs, doc = self.srv.request("PUT", API + "/organisations")
        self.problem(st, hdrs, doc, 405)
        self.assertEqual(hdrs["allow"], "GET, HEAD, POST")
        st, hdrs, doc = self.srv.delete(API + "/stats")
        self.problem(st, hdrs, doc, 405)
        self.assertEqual(hdrs["allow"], "GET, HEAD")
        st, hdrs, doc = self.srv.get(API + "/organisations/abc")
        self.problem(st, hdrs, doc, 404, "id")
        st, hdrs, doc = self.srv.get(API + "/organisations/" + "9" * 1100)
        self.problem(st, hdrs, doc, 414)
        o = self.org("Ref Org", ref="fi-ref-org")
        st, _, doc = self.srv.get(API + "/organisations/fi-ref-org")
        self.assertEqual(st, 200, doc)
        self.assertEqual(doc["id"], o["id"])
        st, hdrs, doc = self.srv.get(API + "/meetings/not-a-number")
        self.problem(st, hdrs, doc, 404, "id")
        for odd in ["%20" + str(o["id"]), "+" + str(o["id"]), "%09" + str(o["id"])]:
            with self.subTest(id=odd):
                st, hdrs, doc = self.srv.get(API + "/organisations/" + odd)
                self.problem(st, hdrs, doc, 404, "id")

    def test_problem_body_when_input_is_not_utf8(self):
        # details quote the client's bytes and are cut at a byte count: the
        # problem must still be valid JSON (it used to be an empty body)
        cases = [(API + "/organisations/%ff", 404, "id"),
                 (API + "/organisations/" + "%E4%B8%AD" * 200, 404, "id"),
                 (API + "/organisations?%ff=1", 400, "?"),
                 (API + "/organisations?" + "%E4%B8%AD" * 100 + "=1", 400, None),
                 (API + "/organisations/1/recommendations?lang=" + "%E4%B8%AD" * 200, 400,
                  "lang")]
        for path, status, field in cases:
            with self.subTest(path=path[:60]):
                st, hdrs, doc = self.srv.get(path)
                self.assertIsInstance(doc, dict, doc)
                self.problem(st, hdrs, doc, status, field)
        st, hdrs, doc = self.srv.post(API + "/organisations", {"中" * 200: 1})
        self.assertIsInstance(doc, dict, doc)
        self.problem(st, hdrs, doc, 422)
        self.assertTrue(doc["field"].startswith("中" * 40), doc)

    def test_list_filters_and_pages(self):
        made = [self.org("Page Org %d" % i, country="PT", kind="university",
                         themes=["circular-economy"], sdgs=[12], languages=["pt"],
                         description="Economia circular e gestão de resíduos")
                for i in range(5)]
        ids = [o["id"] for o in made]
        seen = []
        cursor = None
        for _ in range(10):
            q = "?country=PT&kind=university&theme=circular-economy&sdg=12&lang=pt&limit=2"
            if cursor:
                q += "&cursor=" + cursor
            st, _, page = self.srv.get(API + "/organisations" + q)
            self.assertEqual(st, 200, page)
            self.assertLessEqual(len(page["items"]), 2)
            seen += [o["id"] for o in page["items"]]
            cursor = page["next"]
            if cursor is None:
                break
        self.assertEqual([i for i in seen if i in ids], ids)
        self.assertEqual(seen, sorted(seen))
        for bad, field in [("limit=0", "limit"), ("limit=201", "limit"), ("limit=x", "limit"),
                           ("cursor=%%%%zz", "cursor"), ("colour=red", "colour"),
                           ("sdg=18", "sdg")]:
            with self.subTest(param=bad):
                st, hdrs, doc = self.srv.get(API + "/organisations?" + bad)
                self.problem(st, hdrs, doc, 400, field)

    def test_full_text_multilingual(self):
        cn = self.org("苏州测试局", country="CN", kind="city", languages=["zh"],
                      description="推进城市交通与新能源汽车的国际合作")
        fr = self.org("Lyon Test Métropole", country="FR", kind="city", languages=["fr"],
                      description="La MOBILITÉ urbaine décarbonée et le transport public")
        jp = self.org("テスト介護株式会社", country="JP", kind="sme", languages=["ja"],
                      description="高齢者介護サービスとモビリティの実証")
        de = self.org("Test Verkehr GmbH", country="DE", languages=["de"],
                      description="Nachhaltige Mobilität für Städte")
        cases = [("交通", cn), ("城市交通", cn), ("mobilité", fr), ("Mobilite", fr),
                 ("介護", jp), ("モビリティ", jp), ("mobilität", de)]
        for q, want in cases:
            with self.subTest(q=q):
                st, _, page = self.srv.get(API + "/organisations?q=" +
                                           __import__("urllib.parse").parse.quote(q))
                self.assertEqual(st, 200, page)
                ids = [o["id"] for o in page["items"]]
                self.assertIn(want["id"], ids)
                for other in (cn, fr, jp, de):
                    if other is not want:
                        self.assertNotIn(other["id"], ids)
        st, _, page = self.srv.get(API + "/organisations?q=zzzznothing")
        self.assertEqual(page, {"items": [], "next": None})

    # events, people, registrations -------------------------------------------
    def test_event_with_slots_and_tables(self):
        ev = self.event()
        self.assertEqual(ev["tables"], 2)
        self.assertEqual([s["minutes"] for s in ev["slots"]], [20, 20, 20])
        self.assertTrue(all(isinstance(s["id"], int) for s in ev["slots"]))
        st, hdrs, doc = self.srv.post(API + "/events", {"name": "X", "time_zone": "Mars/Base",
                                                        "mode": "hybrid"})
        self.problem(st, hdrs, doc, 422, "time_zone")
        st, hdrs, doc = self.srv.post(API + "/events", {
            "name": "X", "time_zone": "Asia/Shanghai", "mode": "onsite",
            "slots": [{"start": "2026-05-13T25:00:00+08:00", "minutes": 20}]})
        self.problem(st, hdrs, doc, 422, "slots[0].start")

    def test_registration_rules(self):
        o = self.org("Reg Org")
        p = self.person(o["id"], "Reg Person")
        ev = self.event()
        r = self.register(ev, p, "online")
        self.assertEqual(r["attendance"], "online")
        st, hdrs, doc = self.srv.post(API + "/registrations",
                                      {"event_id": ev["id"], "person_id": p["id"],
                                       "attendance": "onsite"})
        self.problem(st, hdrs, doc, 409)
        st, hdrs, doc = self.srv.post(API + "/registrations",
                                      {"event_id": ev["id"], "person_id": 999999,
                                       "attendance": "onsite"})
        self.problem(st, hdrs, doc, 422, "person_id")
        st, _, page = self.srv.get("%s/registrations?event=%d" % (API, ev["id"]))
        self.assertEqual([x["id"] for x in page["items"]], [r["id"]])

    def test_contact_details_hidden_from_anonymous(self):
        o = self.org("Privacy Org")
        p = self.person(o["id"], "Pia Private")
        self.assertEqual(p["email"], "pia.private@example.org")
        url = "%s/people/%d" % (API, p["id"])
        st, _, admin_view = self.srv.get(url)
        self.assertEqual(st, 200, admin_view)
        self.assertEqual(admin_view["email"], "pia.private@example.org")
        st, _, anon = self.srv.anonymous("GET", url)
        self.assertEqual(st, 200, anon)
        self.assertEqual(anon["name"], "Pia Private")
        self.assertNotIn("email", anon)
        self.assertNotIn("phone", anon)
        st, _, page = self.srv.anonymous("GET", "%s/people?organisation=%d" % (API, o["id"]))
        self.assertEqual(st, 200, page)
        self.assertEqual([x["id"] for x in page["items"]], [p["id"]])
        self.assertNotIn("email", page["items"][0])

    def test_anonymous_callers_read_only(self):
        o = self.org("Anon Target Org")
        st, hdrs, doc = self.srv.anonymous("POST", API + "/organisations", {"name": "Anon Oy"})
        self.problem(st, hdrs, doc, 401)
        self.assertIn("www-authenticate", hdrs)
        url = "%s/organisations/%d" % (API, o["id"])
        st, hdrs, doc = self.srv.anonymous("PATCH", url, {"city": "Nowhere"})
        self.problem(st, hdrs, doc, 401)
        st, hdrs, doc = self.srv.anonymous("DELETE", url)
        self.problem(st, hdrs, doc, 401)
        st, _, got = self.srv.anonymous("GET", url)
        self.assertEqual(st, 200, got)
        self.assertEqual(got, o)  # untouched
        for path in ("/registrations", "/meeting-requests", "/meetings", "/agreements",
                     "/accounts", "/audit"):
            with self.subTest(path=path):
                st, hdrs, doc = self.srv.anonymous("GET", API + path)
                self.problem(st, hdrs, doc, 401)
        # a wrong token is a 401 even on a public route: the program hears of it
        st, hdrs, doc = self.srv.anonymous("GET", API + "/organisations",
                                           headers={"Authorization": "Bearer not-a-token"})
        self.problem(st, hdrs, doc, 401)
        self.assertIn("unknown", doc["detail"])
        st, hdrs, doc = self.srv.anonymous("GET", API + "/organisations",
                                           headers={"Authorization": "Basic YTpi"})
        self.problem(st, hdrs, doc, 401, "Authorization")

    # meeting requests ------------------------------------------------------
    def setup_meeting_people(self, cap=None):
        o1 = self.org("Req Org A", country="CN", kind="park")
        o2 = self.org("Req Org B", country="FR")
        extra = {"meeting_cap": cap} if cap else {}
        ev = self.event(**extra)
        people = [self.person(o1["id"], "Alice %d" % i) for i in range(2)]
        people += [self.person(o2["id"], "Bob %d" % i) for i in range(3)]
        for pp in people[:4]:
            self.register(ev, pp)
        return ev, people

    def mreq(self, ev, a, b, status=201, field=None):
        body = {"event_id": ev["id"], "requester_id": a["id"], "invitee_id": b["id"],
                "message": "Rencontrons-nous · 见面谈谈"}
        st, hdrs, doc = self.srv.post(API + "/meeting-requests", body)
        if status == 201:
            self.assertEqual(st, 201, doc)
            self.assertEqual(doc["state"], "requested")
            return doc
        self.problem(st, hdrs, doc, status, field)
        return doc

    def act(self, req, action, status=200):
        st, hdrs, doc = self.srv.post("%s/meeting-requests/%d/%s" % (API, req["id"], action))
        if status == 200:
            self.assertEqual(st, 200, doc)
        else:
            self.problem(st, hdrs, doc, status)
        return doc

    def test_meeting_request_state_machine(self):
        ev, p = self.setup_meeting_people()
        r1 = self.mreq(ev, p[0], p[2])
        acc = self.act(r1, "accept")
        self.assertEqual(acc["state"], "accepted")
        self.assertIn("meeting_id", acc)
        st, _, m = self.srv.get("%s/meetings/%d" % (API, acc["meeting_id"]))
        self.assertEqual(st, 200, m)
        self.assertEqual(sorted(m["participants"]), sorted([p[0]["id"], p[2]["id"]]))
        self.act(r1, "accept", 409)
        self.act(r1, "decline", 409)
        can = self.act(r1, "cancel")
        self.assertEqual(can["state"], "cancelled")
        st, hdrs, doc = self.srv.get("%s/meetings/%d" % (API, acc["meeting_id"]))
        self.problem(st, hdrs, doc, 404)
        self.act(r1, "cancel", 409)
        r2 = self.mreq(ev, p[1], p[3])
        self.assertEqual(self.act(r2, "decline")["state"], "declined")
        self.act(r2, "accept", 409)
        self.act(r2, "cancel", 409)
        r3 = self.mreq(ev, p[0], p[3])
        self.assertEqual(self.act(r3, "cancel")["state"], "cancelled")
        st, _, page = self.srv.get("%s/meeting-requests?event=%d&state=cancelled" % (API, ev["id"]))
        self.assertEqual(sorted(x["id"] for x in page["items"]), sorted([r1["id"], r3["id"]]))
        st, hdrs, doc = self.srv.post(API + "/meeting-requests/999999/accept")
        self.problem(st, hdrs, doc, 404)

    def test_meeting_request_refusals(self):
        ev, p = self.setup_meeting_people(cap=2)
        self.mreq(ev, p[0], p[0], 422, "invitee_id")
        self.mreq(ev, p[0], p[4], 422, "invitee_id")  # p[4] is not registered
        r = self.mreq(ev, p[0], p[2])
        self.mreq(ev, p[0], p[2], 409)
        self.mreq(ev, p[2], p[0], 409)  # the same pair, the other way
        self.mreq(ev, p[0], p[3])
        self.mreq(ev, p[0], p[1], 409)  # p[0] is at the cap of 2
        self.act(r, "decline")
        self.mreq(ev, p[0], p[1])  # declined requests free the cap
        st, hdrs, doc = self.srv.post(API + "/meeting-requests",
                                      {"event_id": ev["id"], "requester_id": p[1]["id"]})
        self.problem(st, hdrs, doc, 422, "invitee_id")

    def test_stats(self):
        st, _, doc = self.srv.get(API + "/stats")
        self.assertEqual(st, 200)
        for key in ("organisations", "events", "meeting_requests", "meetings", "agreements"):
            self.assertIn(key, doc)
        self.assertIn("by_country", doc["organisations"])
        self.assertIn("by_kind", doc["organisations"])
        self.assertEqual(set(doc["meeting_requests"]["by_state"]),
                         {"requested", "accepted", "declined", "cancelled"})
        self.assertIn("by_kind", doc["agreements"])
        self.assertIn("by_state", doc["agreements"])


class DemoTest(unittest.TestCase):
    """The demo data set behind `serve --demo`."""

    def test_demo_searches(self):
        import urllib.parse
        with Server(demo=True) as srv:
            st, _, stats = srv.get(API + "/stats")
            self.assertEqual(st, 200)
            self.assertGreaterEqual(stats["organisations"]["total"], 80)
            self.assertGreaterEqual(stats["organisations"]["by_country"]["CN"], 10)
            self.assertGreaterEqual(stats["events"], 1)
            for state in ("requested", "accepted", "declined", "cancelled"):
                self.assertGreater(stats["meeting_requests"]["by_state"][state], 0, state)
            self.assertGreater(stats["agreements"]["total"], 0)
            for q, words in [("交通", ["交通"]), ("mobilité", ["mobilité", "Mobilité", "MOBILITÉ"])]:
                st, _, page = srv.get(API + "/organisations?limit=200&q=" + urllib.parse.quote(q))
                self.assertEqual(st, 200, page)
                self.assertGreaterEqual(len(page["items"]), 2, q)
                for o in page["items"]:
                    _, _, opps = srv.get("%s/opportunities?organisation=%d&limit=200" % (API, o["id"]))
                    text = json.dumps([o, opps["items"]], ensure_ascii=False)
                    self.assertTrue(any(w in text for w in words), (q, o["name"]))
            st, _, page = srv.get(API + "/organisations?country=CN&kind=city&limit=200")
            names = {o["name"] for o in page["items"]}
            for city in ("北京", "天津", "重庆", "沈阳", "郑州", "苏州", "广州", "芜湖", "成都", "杭州"):
                self.assertTrue(any(city in n for n in names), city)
            self.assertEqual(srv.stop(), 0, "".join(srv.log)[-3000:])


class StopTest(unittest.TestCase):
    def test_connection_made_before_the_stop_is_answered(self):
        """A client that connected before SIGTERM and sends its request a little
        later (slower than the drain's 100 ms quiet spell) gets its answer, not
        a reset; the stop then ends cleanly."""
        import signal
        import time
        with Server() as srv:
            sock = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
            try:
                time.sleep(0.2)  # the server has the connection
                srv.proc.send_signal(signal.SIGTERM)
                time.sleep(0.5)
                sock.sendall(("GET %s/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                              "Connection: close\r\n\r\n" % API).encode())
                answer = b""
                while True:
                    chunk = sock.recv(65536)
                    if not chunk:
                        break
                    answer += chunk
            finally:
                sock.close()
            self.assertTrue(answer.startswith(b"HTTP/1.1 200"), answer[:200])
            self.assertEqual(srv.proc.wait(timeout=60), 0, "".join(srv.log)[-3000:])


if __name__ == "__main__":
    unittest.main(verbosity=2)
