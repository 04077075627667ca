"""Black-box tests of the agreement pipeline (src/service/agreement.c,
src/store/agreements.c): the state machine intent -> signed -> in_progress
-> completed | abandoned, every legal and illegal step, the dated history
of who moved it, agreements made from a meeting, pilots started from a
signed agreement, value and currency, documents, who may read and write
(a party's representatives read and edit, the source event's organisers
and admins read, everyone else gets 404), and the audit row of each write.

Runs on a demo server (data/demo): the representative (Anna Virtanen)
represents MobiSync, which met Chengdu (the participant 杨帆) at the fair.
"""
import itertools
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import Server  # noqa: E402

API = "/api/v1"
STATES = ["intent", "signed", "in_progress", "completed", "abandoned"]
LEGAL = {("intent", "signed"), ("intent", "abandoned"), ("signed", "in_progress"),
         ("signed", "abandoned"), ("in_progress", "completed"), ("in_progress", "abandoned")}
# the shortest legal way from intent to each state
PATH = {"intent": [], "signed": ["signed"], "in_progress": ["signed", "in_progress"],
        "completed": ["signed", "in_progress", "completed"], "abandoned": ["abandoned"]}


class Agreements(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server(demo=True)
        cls.rep = cls.srv.demo_client("representative")
        cls.part = cls.srv.demo_client("participant")
        cls.org = cls.srv.demo_client("organiser")
        cls.jury = cls.srv.demo_client("jury")
        cls.ids = {}
        for ref in ("fi-mobisync", "cn-chengdu", "cn-tianjin", "de-hamburg"):
            st, _, doc = cls.srv.get(API + "/organisations/" + ref)
            assert st == 200, doc
            cls.ids[ref] = doc["id"]
        st, _, fair = cls.srv.get(API + "/events/eu-cn-fair-2026")
        cls.fair = fair["id"]
        st, _, anna = cls.srv.get(API + "/people/p-fi-mobisync-1")
        st, _, me = cls.srv.get(API + "/people/p-cn-chengdu-2")
        st, _, doc = cls.srv.get(API + "/meetings?person=%d&limit=200" % me["id"])
        cls.meeting = next(m["id"] for m in doc["items"]
                           if sorted(m["participants"]) == sorted([me["id"], anna["id"]]))
        st, _, acct = cls.rep.get(API + "/auth/me")
        cls.rep_account = acct["id"] if "id" in acct else acct["account"]["id"]

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

    def make(self, client=None, **kw):
        body = {"title": "合作意向书 Letter of intent", "kind": "letter_of_intent",
                "parties": [self.ids["fi-mobisync"], self.ids["cn-chengdu"]]}
        body.update(kw)
        st, _, doc = (client or self.rep).post(API + "/agreements", body)
        self.assertEqual(st, 201, doc)
        return doc

    def move(self, aid, state, client=None):
        return (client or self.rep).patch(API + "/agreements/%d" % aid, {"state": state})

    def test_every_step(self):
        """Each (from, to) pair: legal steps pass and leave a history row, the rest are 409."""
        for frm, to in itertools.product(STATES, STATES):
            if frm == to:
                continue
            a = self.make()
            for s in PATH[frm]:
                st, _, doc = self.move(a["id"], s)
                self.assertEqual(st, 200, doc)
            st, _, doc = self.move(a["id"], to)
            if (frm, to) in LEGAL:
                self.assertEqual(st, 200, (frm, to, doc))
                self.assertEqual(doc["state"], to)
                last = doc["history"][-1]
                self.assertEqual((last["from"], last["to"]), (frm, to))
                self.assertEqual(last["by"], self.rep_account)
                self.assertEqual(last["by_email"], "rep@demo.liaison.example")
                self.assertRegex(last["at"], r"^\d{4}-\d\d-\d\dT")
                self.assertEqual(len(doc["history"]), len(PATH[frm]) + 2)
            else:
                self.problem(st, doc, 409, "state")
                self.assertIn("is %s" % frm, doc["detail"])
                st, _, again = self.rep.get(API + "/agreements/%d" % a["id"])
                self.assertEqual(again["state"], frm, "a refused step changes nothing")
                self.assertEqual(len(again["history"]), len(PATH[frm]) + 1)

    def test_history_and_signing_date(self):
        a = self.make()
        self.assertEqual([(h["from"], h["to"]) for h in a["history"]], [(None, "intent")])
        self.assertNotIn("date", a)
        st, _, a = self.move(a["id"], "signed")
        self.assertEqual(st, 200, a)
        self.assertRegex(a["date"], r"^\d{4}-\d\d-\d\d$", "signing dates it")
        # other edits leave the history alone; the same state is no step
        st, _, a = self.rep.patch(API + "/agreements/%d" % a["id"],
                                  {"title": "谅解备忘录", "state": "signed"})
        self.assertEqual(st, 200, a)
        self.assertEqual(len(a["history"]), 2)
        # the organiser of the source event reads it, history included
        b = self.make(event_id=self.fair, state="signed", date="2026-05-14")
        self.assertEqual(b["date"], "2026-05-14")
        st, _, got = self.org.get(API + "/agreements/%d" % b["id"])
        self.assertEqual(st, 200, got)
        self.assertEqual(got["history"][0]["to"], "signed")

    def test_new_agreements_start_at_intent_or_signed(self):
        for s in ("in_progress", "completed", "abandoned"):
            st, _, doc = self.rep.post(API + "/agreements", {
                "title": "x", "kind": "mou", "state": s,
                "parties": [self.ids["fi-mobisync"], self.ids["cn-chengdu"]]})
            self.problem(st, doc, 422, "state")

    def test_fields(self):
        a = self.make(kind="joint_funding_application", sector="H49",
                      themes=["mobility"], sdgs=[11, 13], value=250000, currency="EUR",
                      documents=[{"title": "申请书草稿 draft", "date": "2026-06-01"},
                                 {"title": "Budget"}])
        self.assertEqual(a["sdgs"], [11, 13])
        self.assertEqual((a["value"], a["currency"]), (250000, "EUR"))
        self.assertEqual(a["documents"], [{"title": "申请书草稿 draft", "date": "2026-06-01"},
                                          {"title": "Budget"}])
        st, _, doc = self.rep.get(API + "/agreements?sdg=13")
        bad = [({"value": 5, "currency": None}, "currency"), ({"value": -1, "currency": "EUR"}, "value"),
               ({"value": 1, "currency": "eur"}, "currency"),
               ({"sdgs": [18]}, "sdgs[0]"), ({"documents": [{"date": "2026-01-01"}]},
                                          "documents[0].title"),
               ({"documents": [{"title": "a", "date": "2026-13-01"}]}, "documents[0].date"),
               ({"documents": [{"title": "a", "url": "x"}]}, "documents[0].url"),
               ({"documents": "a"}, "documents"), ({"kind": "treaty"}, "kind"),
               ({"parties": [self.ids["fi-mobisync"]]}, "parties")]
        for body, field in bad:
            st, _, doc = self.rep.patch(API + "/agreements/%d" % a["id"], body)
            self.problem(st, doc, 422, field)
        st, _, doc = self.rep.patch(API + "/agreements/%d" % a["id"],
                                    {"documents": [{"title": "签署版 signed copy",
                                                    "date": "2026-07-01"}]})
        self.assertEqual(st, 200, doc)
        self.assertEqual(len(doc["documents"]), 1)

    def test_from_meeting(self):
        path = API + "/meetings/%d/agreement" % self.meeting
        st, _, a = self.part.post(path, {"title": "关于出行即服务试点的合作意向书",
                                         "kind": "letter_of_intent"})
        self.assertEqual(st, 201, a)
        self.assertEqual(sorted(a["parties"]),
                         sorted([self.ids["fi-mobisync"], self.ids["cn-chengdu"]]))
        self.assertEqual((a["event_id"], a["meeting_id"]), (self.fair, self.meeting))
        self.assertEqual(a["history"][0]["to"], "intent")
        st, _, doc = self.part.post(path, {"title": "x", "kind": "mou",
                                           "parties": [self.ids["cn-tianjin"]]})
        self.problem(st, doc, 422, "parties")
        st, _, doc = self.part.post(path, {"kind": "mou"})
        self.problem(st, doc, 422, "title")
        # a stranger to the meeting does not learn it exists
        st, _, doc = self.jury.post(path, {"title": "x", "kind": "mou"})
        self.problem(st, doc, 404, "id")
        st, _, doc = self.srv.anonymous("POST", path, {"title": "x", "kind": "mou"})
        self.assertEqual(st, 401)
        # any party's representative edits it; the organiser of the event may not
        st, _, doc = self.rep.patch(API + "/agreements/%d" % a["id"], {"state": "signed"})
        self.assertEqual(st, 200, doc)
        st, _, doc = self.org.patch(API + "/agreements/%d" % a["id"], {"title": "y"})
        self.problem(st, doc, 403)
        st, _, doc = self.jury.patch(API + "/agreements/%d" % a["id"], {"title": "y"})
        self.problem(st, doc, 404, "id")

    def test_pilot(self):
        a = self.make(sector="H49", themes=["mobility"])
        st, _, doc = self.rep.post(API + "/agreements/%d/pilot" % a["id"], {"title": "试点"})
        self.problem(st, doc, 409, "parent_id")
        st, _, a = self.move(a["id"], "signed")
        st, _, p = self.rep.post(API + "/agreements/%d/pilot" % a["id"],
                                 {"title": "成都地铁站出行即服务试点 MaaS pilot",
                                  "value": 80000, "currency": "CNY"})
        self.assertEqual(st, 201, p)
        self.assertEqual(p["kind"], "pilot_project")
        self.assertEqual(p["parent_id"], a["id"])
        self.assertEqual(p["parties"], a["parties"])
        self.assertEqual(p["sector"], "H49")
        self.assertEqual(p["state"], "intent")
        st, _, doc = self.rep.get(API + "/agreements?parent=%d" % a["id"])
        self.assertEqual([x["id"] for x in doc["items"]], [p["id"]])
        for body, field in (({"title": "x", "kind": "mou"}, "kind"),
                            ({"title": "x", "parties": [1, 2]}, "parties"),
                            ({"title": "x", "parent_id": 1}, "parent_id")):
            st, _, doc = self.rep.post(API + "/agreements/%d/pilot" % a["id"], body)
            self.problem(st, doc, 422, field)
        # a pilot is a pilot_project; its parent must be signed
        st, _, doc = self.rep.patch(API + "/agreements/%d" % p["id"], {"kind": "mou"})
        self.problem(st, doc, 422, "kind")
        intent = self.make()
        st, _, doc = self.rep.post(API + "/agreements", {
            "title": "x", "kind": "pilot_project", "parent_id": intent["id"],
            "parties": [self.ids["fi-mobisync"], self.ids["cn-chengdu"]]})
        self.problem(st, doc, 409, "parent_id")
        st, _, doc = self.rep.post(API + "/agreements", {
            "title": "x", "kind": "mou", "parent_id": a["id"],
            "parties": [self.ids["fi-mobisync"], self.ids["cn-chengdu"]]})
        self.problem(st, doc, 422, "parent_id")
        # a completed parent keeps its pilots
        for s in ("in_progress", "completed"):
            st, _, doc = self.move(a["id"], s)
            self.assertEqual(st, 200, doc)
        st, _, doc = self.rep.patch(API + "/agreements/%d" % p["id"], {"title": "试点 2"})
        self.assertEqual(st, 200, doc)
        # only a party's representative starts one; to others it does not exist
        other = self.make(self.srv, parties=[self.ids["cn-tianjin"], self.ids["de-hamburg"]],
                          state="signed")
        st, _, doc = self.rep.post(API + "/agreements/%d/pilot" % other["id"], {"title": "x"})
        self.problem(st, doc, 404, "id")
        st, _, doc = self.part.post(API + "/agreements/%d/pilot" % a["id"], {"title": "x"})
        self.problem(st, doc, 404, "id")
        # the organiser of the source event sees it, but starts no pilot
        fair = self.make(self.srv, parties=[self.ids["cn-tianjin"], self.ids["de-hamburg"]],
                         state="signed", event_id=self.fair)
        st, _, doc = self.org.post(API + "/agreements/%d/pilot" % fair["id"], {"title": "x"})
        self.problem(st, doc, 403)

    def refs(self, client):
        """The demo agreements (ag-…) the client's list holds, following next."""
        seen, url = set(), API + "/agreements?limit=100"
        while url:
            st, _, doc = client.get(url)
            self.assertEqual(st, 200, doc)
            seen |= {a["ref"] for a in doc["items"] if a.get("ref", "").startswith("ag-2026-")}
            url = (API + "/agreements?limit=100&cursor=" + doc["next"]) if doc.get("next") \
                else None
        return seen

    def test_who_reads(self):
        """Parties' representatives read and edit, the source event's organisers and
        admins read; to everyone else an agreement does not exist (404, not 403)."""
        ag = {}
        for n in range(1, 9):
            st, _, doc = self.srv.get(API + "/agreements/ag-2026-%02d" % n)
            self.assertEqual(st, 200, doc)
            ag[n] = doc["id"]
        fair = {"ag-2026-%02d" % n for n in range(1, 8)}  # ag-2026-08 is of the online event
        self.assertEqual(self.refs(self.srv), fair | {"ag-2026-08"})
        self.assertEqual(self.refs(self.rep), {"ag-2026-01"})  # MobiSync is a party of one
        self.assertEqual(self.refs(self.org), fair)
        self.assertEqual(self.refs(self.part), set())  # of a party's organisation, no representative
        self.assertEqual(self.refs(self.jury), set())
        seen = {"rep": {1}, "org": set(range(1, 8)), "part": set(), "jury": set(),
                "srv": set(range(1, 9))}
        for who, ok in seen.items():
            c = getattr(self, who)
            for n, aid in ag.items():
                st, _, doc = c.get(API + "/agreements/%d" % aid)
                if n in ok:
                    self.assertEqual(st, 200, (who, n, doc))
                    self.assertTrue(doc["history"], (who, n))  # the history comes with it
                else:
                    self.problem(st, doc, 404, "id")
                    for method, path, body in (
                            ("PATCH", "/agreements/%d" % aid, {"title": "x"}),
                            ("DELETE", "/agreements/%d" % aid, None),
                            ("POST", "/agreements/%d/pilot" % aid, {"title": "x"})):
                        st, _, doc = c.request(method, API + path, body)
                        self.problem(st, doc, 404, "id")
        # the representative edits theirs; the organiser reads but does not edit
        st, _, doc = self.rep.patch(API + "/agreements/%d" % ag[1], {"value": 120000,
                                                                     "currency": "CNY"})
        self.assertEqual(st, 200, doc)
        st, _, doc = self.org.patch(API + "/agreements/%d" % ag[2], {"title": "x"})
        self.problem(st, doc, 403)
        st, _, doc = self.org.request("DELETE", API + "/agreements/%d" % ag[2])
        self.problem(st, doc, 403)
        # the reports: the event's organisers (and admins), with the event's agreements
        st, _, csv = self.org.get(API + "/events/%d/agreements.csv" % self.fair)
        self.assertEqual(st, 200)
        text = csv if isinstance(csv, str) else csv.decode("utf-8")
        self.assertIn("Tianjin", text)
        self.assertNotIn("Zhengzhou – Rotterdam", text)
        for c in (self.rep, self.part, self.jury):
            for what in ("agreements.csv", "report.xlsx", "report.pdf", "statistics"):
                st, _, doc = c.get(API + "/events/%d/%s" % (self.fair, what))
                self.assertEqual(st, 403, (what, doc))

    def audit_rows(self, aid):
        rows, url = [], API + "/audit?limit=200"
        while url:
            st, _, doc = self.srv.get(url)
            self.assertEqual(st, 200, doc)
            rows += [r for r in doc["items"] if r["action"].startswith("agreement %d " % aid)]
            url = (API + "/audit?limit=200&cursor=" + doc["next"]) if doc.get("next") else None
        return rows

    def test_every_write_is_audited(self):
        """Create, each state change and each edit leave an audit row: who and what."""
        a = self.make(value=5000, currency="EUR")
        rows = self.audit_rows(a["id"])
        self.assertEqual([r["action"] for r in rows], ["agreement %d created as intent" % a["id"]])
        self.assertEqual(rows[0]["email"], "rep@demo.liaison.example")
        self.assertEqual(rows[0]["account_id"], self.rep_account)
        self.assertIn("parties", rows[0]["detail"])
        self.assertIn("currency", rows[0]["detail"])
        self.move(a["id"], "signed")
        self.rep.patch(API + "/agreements/%d" % a["id"], {"title": "谅解备忘录 MoU", "value": 7000})
        self.move(a["id"], "in_progress")
        st, _, doc = self.move(a["id"], "intent")  # refused: no row
        self.assertEqual(st, 409, doc)
        st, _, doc = self.srv.patch(API + "/agreements/%d" % a["id"], {"state": "completed"})
        self.assertEqual(st, 200, doc)
        rows = self.audit_rows(a["id"])
        acts = [r["action"].split(" ", 2)[2] for r in rows]
        self.assertEqual(sorted(acts), sorted(["created as intent", "intent -> signed", "edited",
                                               "signed -> in_progress",
                                               "in_progress -> completed"]), rows)
        edit = [r for r in rows if r["action"].endswith(" edited")][0]
        self.assertEqual(edit["detail"], "fields: title, value")
        done = [r for r in rows if r["action"].endswith("-> completed")][0]
        self.assertEqual(done["email"], "admin@test.example")  # the test server's admin
        # one made from a meeting names who made it, from the meeting
        st, _, m = self.part.post(API + "/meetings/%d/agreement" % self.meeting,
                                  {"title": "合作意向 LoI", "kind": "letter_of_intent"})
        self.assertEqual(st, 201, m)
        rows = self.audit_rows(m["id"])
        self.assertEqual(len(rows), 1, rows)
        self.assertEqual(rows[0]["email"], "participant@demo.liaison.example")
        self.assertIn("meeting_id", rows[0]["detail"])


if __name__ == "__main__":
    unittest.main()
