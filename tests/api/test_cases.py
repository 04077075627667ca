"""Black-box tests of the cooperation desk's cases (src/service/case.c,
src/store/cases.c, src/mail/parse.c): opening (signed in, by staff for a
caller, from a forwarded e-mail), the detected language, the state machine
new -> assigned -> waiting_for_requester -> resolved -> closed and reopen
with who may make each move, the SLA clock (paused while waiting, due
times in working hours of the desk's calendar), overdue and at-risk lists,
full-text search, satisfaction once resolved, and access: requesters see
only their own cases and never the internal notes.

Runs on a demo server (data/demo/desk.json): desk@ works the desk, rep@
(Anna Virtanen) and participant@ (杨帆) have cases of their own.
"""
import json
import os
import sys
import unittest
from datetime import datetime

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import Server, http_request  # noqa: E402

API = "/api/v1"

MAIL = (
    "From: =?UTF-8?B?SsOpcsO0bWUgTGVmw6h2cmU=?= <jerome.lefevre@example.fr>\r\n"
    "To: desk@rong-ou.example.cn\r\n"
    "Subject: =?UTF-8?Q?Fwd:_Cr=C3=A9ation_d'une_soci=C3=A9t=C3=A9_=C3=A0_Chengdu?=\r\n"
    "Message-ID: <abc123@example.fr>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"XYZ\"\r\n"
    "\r\n"
    "--XYZ\r\n"
    "Content-Type: text/plain; charset=ISO-8859-1\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "Bonjour, nous souhaitons cr=E9er une filiale =E0 Chengdu pour nos activit=E9s\r\n"
    "de mobilit=E9 urbaine. Quelles sont les d=E9marches ?\r\n"
    "--XYZ\r\n"
    "Content-Type: application/pdf; name=\"plan.pdf\"\r\n"
    "Content-Disposition: attachment; filename=\"plan.pdf\"\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "JVBERi0xLjQK\r\n"
    "--XYZ--\r\n").encode("ascii")


def secs(rfc3339):
    return datetime.fromisoformat(rfc3339.replace("Z", "+00:00")).timestamp()


class Cases(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server(demo=True)
        cls.desk = cls.srv.demo_client("desk")
        cls.rep = cls.srv.demo_client("representative")
        cls.part = cls.srv.demo_client("participant")
        cls.part2 = cls.srv.demo_client("participant2")
        cls.org = cls.srv.demo_client("organiser")
        for c in (cls.desk, cls.rep, cls.part, cls.part2):
            st, _, me = c.get(API + "/auth/me")
            assert st == 200, me
            c.id = me["id"]
        st, _, doc = cls.srv.get(API + "/organisations/cn-chengdu")
        cls.chengdu = doc["id"]

    @classmethod
    def tearDownClass(cls):
        rc = cls.srv.stop()
        log = "".join(cls.srv.log)
        cls.srv.__exit__(None, None, None)
        if rc != 0:
            raise AssertionError("server exited with %d:\n%s" % (rc, log[-4000:]))

    def problem(self, st, doc, status, field=None):
        self.assertEqual(st, status, doc)
        if field is not None:
            self.assertEqual(doc.get("field"), field, doc)

    def open_case(self, client=None, **kw):
        body = {"subject": "寻找合作伙伴", "body": "我们希望与欧洲的城市交通企业合作。",
                "category": "partner_search"}
        body.update(kw)
        st, hdrs, doc = (client or self.part).post(API + "/cases", body)
        self.assertEqual(st, 201, doc)
        self.assertEqual(hdrs.get("location"), API + "/cases/%d" % doc["id"])
        return doc

    def move(self, cid, state, client=None, **kw):
        body = {"state": state}
        body.update(kw)
        return (client or self.desk).post(API + "/cases/%d/state" % cid, body)

    # ---- opening --------------------------------------------------------------

    def test_open_detects_the_language(self):
        for subject, body, lang in [
                ("寻找合作伙伴", "我们希望与欧洲的城市交通企业合作。", "zh"),
                ("蘇州への投資", "蘇州工業園区に工場を設立することを検討しています。", "ja"),
                ("Visa d'affaires", "Bonjour, quel visa faut-il demander pour un séjour "
                 "d'affaires de deux semaines en Chine ?", "fr"),
                ("Marktzugang", "Wir möchten unsere Produkte in China verkaufen und suchen "
                 "einen Vertriebspartner für die Provinz Sichuan.", "de")]:
            doc = self.open_case(subject=subject, body=body)
            self.assertEqual(doc["lang"], lang, doc)
            self.assertEqual(doc["state"], "new")
            self.assertEqual(doc["channel"], "web")
            self.assertEqual(doc["requester_id"], self.part.id)
            self.assertEqual(doc["priority"], "normal")
            self.assertEqual(doc["sla_hours"], 24)
            self.assertFalse(doc["overdue"])
            self.assertGreater(secs(doc["due_at"]), secs(doc["opened_at"]))
            self.assertTrue(doc["due_at"].endswith("+08:00"), doc["due_at"])
            self.assertEqual([m["to_state"] for m in doc["messages"]], ["new"])
            self.assertNotIn("owner_email", doc)

    def test_open_refuses_bad_input(self):
        base = {"subject": "s", "body": "b", "category": "investment"}
        for patch, status, field in [
                ({"subject": None}, 422, "subject"), ({"subject": ""}, 422, "subject"),
                ({"subject": "x" * 301}, 422, "subject"), ({"body": "   "}, 422, "body"),
                ({"category": "tourism"}, 422, "category"), ({"category": None}, 422, "category"),
                ({"priority": "asap"}, 422, "priority"),
                ({"organisation_id": 999999}, 422, "organisation_id"),
                ({"organisation_id": "cn"}, 422, "organisation_id"),
                ({"lang": "klingon"}, 422, "lang"), ({"colour": "red"}, 422, "colour"),
                ({"requester": {"email": "a@b.example"}}, 403, "requester"),
                ({"owner_id": self.desk.id}, 403, "owner_id")]:
            body = dict(base)
            for k, v in patch.items():
                if v is None:
                    body.pop(k, None)
                else:
                    body[k] = v
            st, _, doc = self.part.post(API + "/cases", body)
            self.problem(st, doc, status, field)
        st, _, doc = self.srv.anonymous("POST", API + "/cases", base)
        self.assertEqual(st, 401, doc)

    def test_staff_opens_for_a_caller(self):
        doc = self.open_case(self.desk, subject="Visa question by phone",
                             body="The caller asks which visa an engineer needs.",
                             category="visa_and_stay", priority="urgent",
                             requester={"name": "沈佳怡", "email": "PARTICIPANT2@demo.liaison.example"},
                             team="Visa")
        self.assertEqual(doc["channel"], "staff")
        self.assertEqual(doc["requester_id"], self.part2.id)  # linked by e-mail
        self.assertEqual(doc["sla_hours"], 2)
        self.assertEqual(doc["team"], "Visa")
        st, _, mine = self.part2.get(API + "/cases?view=all&limit=200")
        self.assertIn(doc["id"], [c["id"] for c in mine["items"]])
        # a caller without an account
        doc = self.open_case(self.desk, requester={"name": "Jan Novak", "email": "jan@example.cz"},
                             subject="Trade fair", body="Stand prices?", category="events",
                             owner_id=self.desk.id)
        self.assertIsNone(doc.get("requester_id"))
        self.assertEqual(doc["requester_email"], "jan@example.cz")
        self.assertEqual(doc["state"], "assigned")
        for body, field in [({"requester": {"email": "not an address"}}, "requester.email"),
                            ({"requester_id": 999999}, "requester_id"),
                            ({"owner_id": self.part.id}, "owner_id"),
                            ({}, "requester")]:
            b = {"subject": "s", "body": "b", "category": "other", "requester": None}
            b.pop("requester")
            b.update(body)
            if field == "owner_id":
                b["requester_id"] = self.part.id
            if field == "requester":
                b["team"] = "x"
                st, _, doc = self.desk.post(API + "/cases", b)
                self.assertEqual(st, 201, doc)  # staff for themselves
                continue
            st, _, doc = self.desk.post(API + "/cases", b)
            self.problem(st, doc, 422, field)

    # ---- access -----------------------------------------------------------------

    def test_requesters_see_only_their_cases(self):
        theirs = self.open_case(self.rep, subject="MobiSync question", body="Office rules?",
                                category="regulation")
        st, _, doc = self.part.get(API + "/cases/%d" % theirs["id"])
        self.problem(st, doc, 404, "id")
        for path in ("/cases/%d/messages", "/cases/%d/state", "/cases/%d/satisfaction"):
            st, _, doc = self.part.post(API + path % theirs["id"],
                                        {"body": "x", "state": "closed", "rating": 5})
            self.problem(st, doc, 404, "id")
        for view in ("all", "open", "overdue", "at_risk", "resolved", "closed"):
            st, _, doc = self.part.get(API + "/cases?limit=200&view=" + view)
            self.assertEqual(st, 200, doc)
            for c in doc["items"]:
                self.assertEqual(c["requester_id"], self.part.id, c)
        st, _, doc = self.part.get(API + "/cases?view=all&limit=200&q=MobiSync")
        self.assertEqual(doc["items"], [])
        st, _, doc = self.desk.get(API + "/cases?view=all&limit=200&q=MobiSync")
        self.assertIn(theirs["id"], [c["id"] for c in doc["items"]])
        st, _, doc = self.srv.anonymous("GET", API + "/cases/%d" % theirs["id"])
        self.assertEqual(st, 401, doc)
        # another signed-in role without the desk: only their own (none)
        st, _, doc = self.org.get(API + "/cases?view=all")
        self.assertEqual(st, 200, doc)
        self.assertEqual(doc["items"], [])
        st, _, doc = self.org.get(API + "/desk/summary")
        self.assertEqual(doc["staff"], False)
        self.assertEqual(doc["open"], 0)

    def test_internal_notes_never_reach_the_requester(self):
        case = self.open_case()
        marker = "INTERNAL-ONLY-7f3a 仅限内部"
        st, _, doc = self.desk.post(API + "/cases/%d/messages" % case["id"],
                                    {"body": marker, "internal": True})
        self.assertEqual(st, 200, doc)
        self.assertIn(marker, [m.get("body") for m in doc["messages"] if m["kind"] == "note"])
        st, _, doc = self.desk.post(API + "/cases/%d/messages" % case["id"],
                                    {"body": "您好，我们正在处理。"})
        self.assertEqual(st, 200, doc)
        for path in ("/cases/%d" % case["id"], "/cases?view=all&limit=200",
                     "/cases?view=all&limit=200&q=INTERNAL", "/desk/summary"):
            st, _, doc = self.part.get(API + path)
            self.assertEqual(st, 200, doc)
            text = json.dumps(doc, ensure_ascii=False)
            self.assertNotIn("INTERNAL-ONLY", text, path)
            self.assertNotIn("desk@demo.liaison.example", text, path)
        st, _, doc = self.part.get(API + "/cases/%d" % case["id"])
        self.assertEqual([m["kind"] for m in doc["messages"]], ["state", "message"])
        # a requester cannot write a note
        st, _, doc = self.part.post(API + "/cases/%d/messages" % case["id"],
                                    {"body": "secret?", "internal": True})
        self.problem(st, doc, 403, "internal")
        # staff sees everything, with the author's e-mail
        st, _, doc = self.desk.get(API + "/cases/%d" % case["id"])
        self.assertEqual([m["kind"] for m in doc["messages"]], ["state", "note", "message"])
        self.assertEqual(doc["messages"][1]["author_email"], "desk@demo.liaison.example")

    # ---- the state machine -------------------------------------------------------

    def test_the_whole_way(self):
        case = self.open_case(subject="Partner for a pilot", body="Who could pilot MaaS with us?")
        cid = case["id"]
        self.assertEqual(case["moves"], [])  # the requester cannot move a new case
        st, _, doc = self.move(cid, "resolved", self.part)
        self.problem(st, doc, 409, "state")
        st, _, doc = self.move(cid, "assigned")
        self.assertEqual(st, 200, doc)
        self.assertEqual(doc["state"], "assigned")
        self.assertEqual(doc["owner_id"], self.desk.id)  # the one who took it
        st, _, doc = self.move(cid, "waiting_for_requester")
        self.assertEqual(doc["state"], "waiting_for_requester")
        self.assertTrue(doc["paused"])
        self.assertIn("left_minutes", doc)
        self.assertGreater(doc["left_minutes"], 0)
        st, _, waiting = self.desk.get(API + "/cases?view=waiting&limit=200")
        self.assertIn(cid, [c["id"] for c in waiting["items"]])
        st, _, overdue = self.desk.get(API + "/cases?view=overdue&limit=200")
        self.assertNotIn(cid, [c["id"] for c in overdue["items"]])
        # the requester's answer brings it back to the desk
        st, _, doc = self.part.post(API + "/cases/%d/messages" % cid, {"body": "Here are the details."})
        self.assertEqual(st, 200, doc)
        self.assertEqual(doc["state"], "assigned")
        self.assertFalse(doc["paused"])
        st, _, doc = self.move(cid, "closed")
        self.problem(st, doc, 409, "state")
        self.assertIn("waiting_for_requester, resolved", doc["detail"])
        st, _, doc = self.part.post(API + "/cases/%d/satisfaction" % cid, {"rating": 5})
        self.problem(st, doc, 409, "state")
        st, _, doc = self.move(cid, "resolved")
        self.assertEqual(doc["state"], "resolved")
        self.assertTrue(doc["satisfaction"]["asked"])
        self.assertIsNotNone(doc.get("resolved_at"))
        # satisfaction is asked by a notice to the requester
        st, _, ob = self.srv.get(API + "/outbox?to=participant@demo.liaison.example")
        self.assertEqual(st, 200, ob)
        asks = [m for m in ob["items"] if m["kind"] == "case"]
        self.assertTrue(asks, ob)
        self.assertIn("#%d" % cid, asks[-1]["subject"])
        # ratings: only the requester, 1 to 5, once
        st, _, doc = self.desk.post(API + "/cases/%d/satisfaction" % cid, {"rating": 4})
        self.problem(st, doc, 403)
        for bad in ({"rating": 0}, {"rating": 6}, {"rating": "5"}, {"rating": 4, "x": 1},
                    {"rating": 4, "comment": ""}):
            st, _, doc = self.part.post(API + "/cases/%d/satisfaction" % cid, bad)
            self.assertEqual(st, 422, (bad, doc))
        st, _, doc = self.part.post(API + "/cases/%d/satisfaction" % cid,
                                    {"rating": 4, "comment": "很有帮助 merci"})
        self.assertEqual(st, 200, doc)
        self.assertEqual(doc["satisfaction"]["rating"], 4)
        self.assertEqual(doc["satisfaction"]["comment"], "很有帮助 merci")
        st, _, doc = self.part.post(API + "/cases/%d/satisfaction" % cid, {"rating": 1})
        self.problem(st, doc, 409, "rating")
        # the requester closes it, then reopens it
        st, _, doc = self.move(cid, "closed", self.part)
        self.assertEqual(doc["state"], "closed")
        st, _, doc = self.part.post(API + "/cases/%d/messages" % cid, {"body": "one more"})
        self.problem(st, doc, 409, "state")
        st, _, doc = self.move(cid, "reopen", self.part)
        self.assertEqual(st, 200, doc)
        self.assertEqual(doc["state"], "assigned")
        self.assertIsNone(doc.get("closed_at"))
        self.assertGreater(secs(doc["due_at"]), secs(case["opened_at"]))
        hist = [(m.get("from_state"), m["to_state"]) for m in doc["messages"] if m["kind"] == "state"]
        self.assertEqual(hist, [(None, "new"), ("new", "assigned"),
                                ("assigned", "waiting_for_requester"),
                                ("waiting_for_requester", "assigned"), ("assigned", "resolved"),
                                ("resolved", "closed"), ("closed", "assigned")])
        st, _, doc = self.move(cid, "teleported")
        self.problem(st, doc, 422, "state")
        st, _, doc = self.move(cid, "resolved", owner_id=self.part.id)
        self.problem(st, doc, 422, "owner_id")

    def test_reclassify_and_assign(self):
        case = self.open_case()
        st, _, doc = self.part.patch(API + "/cases/%d" % case["id"], {"priority": "urgent"})
        self.problem(st, doc, 403)
        st, _, doc = self.desk.patch(API + "/cases/%d" % case["id"],
                                     {"priority": "urgent", "category": "visa_and_stay"})
        self.assertEqual(st, 200, doc)
        self.assertEqual(doc["sla_hours"], 2)
        self.assertLess(secs(doc["due_at"]), secs(case["due_at"]))
        st, _, doc = self.desk.patch(API + "/cases/%d" % case["id"],
                                     {"owner_id": self.desk.id, "team": "Visa 签证"})
        self.assertEqual(doc["state"], "assigned")
        self.assertEqual(doc["team"], "Visa 签证")
        for body, field in [({"priority": "soon"}, "priority"), ({"owner_id": self.rep.id}, "owner_id"),
                            ({"subject": "new"}, "subject")]:
            st, _, doc = self.desk.patch(API + "/cases/%d" % case["id"], body)
            self.problem(st, doc, 422, field)

    # ---- the SLA and the lists -------------------------------------------------------

    def test_sla_in_working_hours(self):
        """A 24/7 desk counts hours as they come; one with a holiday today waits for tomorrow."""
        st, _, before = self.desk.get(API + "/desk/settings")
        self.assertEqual(st, 200, before)
        self.assertEqual(before["time_zone"], "Asia/Shanghai")
        self.assertEqual(before["days_off"], [6, 7])
        try:
            st, _, doc = self.srv.put(API + "/desk/settings",
                                      {"open": "00:00", "close": "24:00", "days_off": [],
                                       "holidays": []})
            self.assertEqual(st, 200, doc)
            case = self.open_case(priority="urgent", category="market_entry")
            self.assertEqual(secs(case["due_at"]) - secs(case["opened_at"]), 4 * 3600)
            self.assertEqual(secs(case["at_risk_at"]) - secs(case["opened_at"]), 3 * 3600)
            # every day a holiday but today's date far away: Saturday and Sunday off in Helsinki
            st, _, doc = self.srv.put(API + "/desk/settings",
                                      {"time_zone": "Europe/Helsinki", "open": "09:00",
                                       "close": "17:00", "days_off": [1, 2, 3, 4, 5, 6],
                                       "holidays": [{"date": "2030-01-06", "name": "Loppiainen"}]})
            self.assertEqual(st, 200, doc)
            case = self.open_case(priority="urgent", category="market_entry")
            due = datetime.fromisoformat(case["due_at"])
            self.assertEqual(due.isoweekday(), 7, case["due_at"])  # only Sundays work
            self.assertEqual((due.hour, due.minute), (13, 0))
            self.assertIn(case["due_at"][-6:], ("+02:00", "+03:00"))
        finally:
            st, _, doc = self.srv.put(API + "/desk/settings",
                                      {k: before[k] for k in ("time_zone", "open", "close",
                                                              "days_off", "holidays")})
            self.assertEqual(st, 200, doc)

    def test_settings_refuse_bad_input(self):
        for body, field in [({"time_zone": "Mars/Olympus"}, "time_zone"), ({"time_zone": "PST"}, "time_zone"),
                            ({"open": "9am"}, "open"), ({"open": "18:00", "close": "09:00"}, "close"),
                            ({"days_off": [0]}, "days_off[0]"),
                            ({"days_off": [1, 2, 3, 4, 5, 6, 7]}, "days_off"),
                            ({"holidays": [{"date": "2026-02-30"}]}, "holidays[0].date"),
                            ({"holidays": [{"date": "2026-10-01"}, {"date": "2026-10-01"}]},
                             "holidays[1].date"),
                            ({"risk_percent": 100}, "risk_percent"),
                            ({"sla": [{"category": "events", "priority": "high", "hours": 0}]}, "sla[0].hours"),
                            ({"sla": [{"category": "fun", "priority": "high", "hours": 3}]}, "sla[0]"),
                            ({"lunch": "12:00"}, "lunch")]:
            st, _, doc = self.srv.put(API + "/desk/settings", body)
            self.problem(st, doc, 422, field)
        st, _, doc = self.desk.put(API + "/desk/settings", {"open": "08:00"})
        self.problem(st, doc, 403)
        st, _, doc = self.part.get(API + "/desk/settings")
        self.problem(st, doc, 403)
        st, _, doc = self.srv.put(API + "/desk/settings",
                                  {"sla": [{"category": "events", "priority": "low", "hours": 30.5}]})
        self.assertEqual(st, 200, doc)
        self.assertIn({"category": "events", "priority": "low", "minutes": 1830}, doc["sla"])

    def test_demo_lists(self):
        st, _, s = self.desk.get(API + "/desk/summary")
        self.assertEqual(st, 200, s)
        self.assertTrue(s["staff"])
        self.assertGreaterEqual(s["overdue"], 2)
        self.assertGreaterEqual(s["waiting"], 1)
        self.assertGreaterEqual(s["resolved"], 1)
        self.assertGreaterEqual(s["closed"], 1)
        for view, flag in (("overdue", "overdue"), ("at_risk", "at_risk")):
            st, _, doc = self.desk.get(API + "/cases?limit=200&view=" + view)
            self.assertEqual(st, 200, doc)
            for c in doc["items"]:
                self.assertTrue(c[flag], c)
        st, _, doc = self.desk.get(API + "/cases?view=overdue&limit=200")
        self.assertIn("CE marking requirements for exporting to the EU",
                      [c["subject"] for c in doc["items"]])
        # paging
        st, _, p1 = self.desk.get(API + "/cases?view=all&limit=2")
        st, _, p2 = self.desk.get(API + "/cases?view=all&limit=2&cursor=" + p1["next"])
        self.assertEqual(len(p1["items"]), 2)
        self.assertLess(p1["items"][-1]["id"], p2["items"][0]["id"])
        for q, field in (("view=late", "view"), ("limit=0", "limit"), ("owner=x", "owner"),
                         ("category=fun", "category"), ("colour=red", "colour"),
                         ("q=%20", "q"), ("cursor=abc", "cursor")):
            st, _, doc = self.desk.get(API + "/cases?" + q)
            self.problem(st, doc, 400, field)
        st, _, doc = self.desk.get(API + "/cases?view=all&owner=me&limit=200")
        self.assertTrue(doc["items"])
        self.assertTrue(all(c["owner_id"] == self.desk.id for c in doc["items"]))

    def test_search_across_languages(self):
        for q, subject in (("芬兰", "寻找芬兰智能交通合作伙伴"), ("Suzhou", "Visa pour un séjour d'affaires à Suzhou"),
                           ("工業団地", "蘇州の工業団地への投資について"), ("incentives", None)):
            st, _, doc = self.desk.get(API + "/cases?view=all&limit=200&q=" +
                                       __import__("urllib.parse").parse.quote(q))
            self.assertEqual(st, 200, doc)
            self.assertTrue(doc["items"], q)
            if subject:
                self.assertIn(subject, [c["subject"] for c in doc["items"]])

    # ---- e-mail and suggestions -------------------------------------------------------

    def test_import_a_forwarded_email(self):
        st, hdrs, doc = self.desk.request("POST", API + "/cases/import?category=market_entry&priority=high",
                                          raw=MAIL, headers={"Content-Type": "message/rfc822"})
        self.assertEqual(st, 201, doc)
        self.assertEqual(doc["subject"], "Fwd: Création d'une société à Chengdu")
        self.assertEqual(doc["requester_email"], "jerome.lefevre@example.fr")
        self.assertEqual(doc["requester_name"], "Jérôme Lefèvre")
        self.assertEqual(doc["channel"], "email")
        self.assertEqual(doc["lang"], "fr")
        self.assertEqual(doc["category"], "market_entry")
        st, _, full = self.desk.get(API + "/cases/%d" % doc["id"])
        self.assertIn("créer une filiale à Chengdu", full["body"])
        self.assertNotIn("JVBERi", full["body"])
        for raw, ctype, status, field in [
                (MAIL, "application/json", 415, None),
                (b"hello, this is not a message", "message/rfc822", 400, "message"),
                (b"", "message/rfc822", 400, "message"),
                (b"Subject: no sender\r\n\r\nbody\r\n", "message/rfc822", 400, "message"),
                (b"From: a@b.example\r\nSubject: empty\r\n\r\n \r\n", "message/rfc822", 400, "message")]:
            st, _, doc = self.desk.request("POST", API + "/cases/import", raw=raw,
                                           headers={"Content-Type": ctype})
            self.problem(st, doc, status, field)
        st, _, doc = self.desk.request("POST", API + "/cases/import?category=fun", raw=MAIL,
                                       headers={"Content-Type": "message/rfc822"})
        self.problem(st, doc, 400, "category")
        st, _, doc = self.part.request("POST", API + "/cases/import", raw=MAIL,
                                       headers={"Content-Type": "message/rfc822"})
        self.problem(st, doc, 403)

    def test_suggestions_from_the_matching_engine(self):
        case = self.open_case(organisation_id=self.chengdu)
        st, _, doc = self.desk.get(API + "/cases/%d/suggestions" % case["id"])
        self.assertEqual(st, 200, doc)
        self.assertEqual(doc["organisation_id"], self.chengdu)
        self.assertTrue(doc["partners"], doc)
        self.assertNotIn(self.chengdu, [p["id"] for p in doc["partners"]])
        self.assertTrue(all(p["reasons"] for p in doc["partners"]))
        st, _, doc = self.part.get(API + "/cases/%d/suggestions" % case["id"])
        self.problem(st, doc, 403)
        plain = self.open_case()
        st, _, doc = self.desk.get(API + "/cases/%d/suggestions" % plain["id"])
        self.assertEqual(doc["partners"], [])

    def test_staff_list(self):
        st, _, doc = self.desk.get(API + "/desk/staff")
        self.assertEqual(st, 200, doc)
        self.assertIn("desk@demo.liaison.example", [s["email"] for s in doc["items"]])
        st, _, doc = self.part.get(API + "/desk/staff")
        self.problem(st, doc, 403)
        st, _, doc = self.desk.put(API + "/desk/staff/%d" % self.part2.id, {"team": "x"})
        self.problem(st, doc, 403)
        st, _, doc = self.srv.put(API + "/desk/staff/%d" % self.part2.id, {"team": "Events 活动"})
        self.assertEqual(st, 204, doc)
        st, _, doc = self.part2.get(API + "/desk/summary")
        self.assertTrue(doc["staff"])
        st, _, doc = self.srv.delete(API + "/desk/staff/%d" % self.part2.id)
        self.assertEqual(st, 204, doc)
        st, _, doc = self.part2.get(API + "/desk/summary")
        self.assertFalse(doc["staff"])
        st, _, doc = self.srv.put(API + "/desk/staff/999999", {})
        self.problem(st, doc, 404, "id")


if __name__ == "__main__":
    unittest.main()
