"""Black-box tests of a challenge's jury, review assignment, reviews and
ranking (src/service/challenge.c over src/assign/): conflicts (declared,
same country, an agreement between the organisations) never assigned, an
infeasible assignment answered with the missing slots and nothing
changed, an organiser's fixed pair kept, scores per criterion checked,
the ranking per track by weighted score with disagreement flagged, and
submitters who never see reviews or reviewers.

Runs on a demo server on challenges of its own (challenge 1 is the
demo's): the demo organiser gets its role on them, the demo jury member (of
Stuttgart, DE) is put on the jury; two more jury members and
a representative of Hamburg (DE) are made here.
"""
import datetime
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import Server, run_cli  # noqa: E402

API = "/api/v1"


def rfc3339(epoch):
    return datetime.datetime.fromtimestamp(
        epoch, datetime.timezone(datetime.timedelta(hours=8))).isoformat()


class Reviews(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server(demo=True)
        cls.rep = cls.srv.demo_client("representative")
        cls.org = cls.srv.demo_client("organiser")
        cls.jury = cls.srv.demo_client("jury")
        pw = "a-long-password\n".encode("utf-8")
        for args in (("user", "add", "rep@hamburg.example"),
                     ("user", "role", "rep@hamburg.example", "representative", "de-hamburg"),
                     ("user", "add", "j2@jury.example"), ("user", "add", "j3@jury.example")):
            rc, _, err = run_cli(*args, "--db", cls.srv.db, stdin=pw)
            assert rc == 0, err
        cls.rep2 = cls.srv.client("rep@hamburg.example", "a-long-password")
        cls.j2 = cls.srv.client("j2@jury.example", "a-long-password")
        cls.j3 = cls.srv.client("j3@jury.example", "a-long-password")
        st, _, accts = cls.srv.get(API + "/accounts?limit=200")
        byemail = {a["email"]: a["id"] for a in accts["items"]}
        cls.acc = {"jury": byemail["jury@demo.liaison.example"],
                   "j2": byemail["j2@jury.example"], "j3": byemail["j3@jury.example"]}
        cls.org_ids = {}
        for ref in ("fi-mobisync", "de-hamburg", "de-stuttgart"):
            st, _, doc = cls.srv.get(API + "/organisations/" + ref)
            assert st == 200, (ref, doc)
            cls.org_ids[ref] = doc["id"]

    @classmethod
    def tearDownClass(cls):
        rc = cls.srv.stop()
        log = "".join(cls.srv.log)
        cls.srv.__exit__(None, None, None)
        if rc != 0:
            raise AssertionError("server exited with %d:\n%s" % (rc, log[-4000:]))

    def problem(self, res, status, field=None, *words):
        st, _, doc = res
        self.assertEqual(st, status, doc)
        if field is not None:
            self.assertEqual(doc.get("field"), field, doc)
        for w in words:
            self.assertIn(w, doc.get("detail", ""), doc)
        return doc

    def ok(self, res, status=200):
        st, _, doc = res
        self.assertEqual(st, status, doc)
        return doc

    def test_jury_assignment_reviews_ranking(self):
        now = int(time.time())
        ch = self.ok(self.srv.post(API + "/challenges", {
            "title": {"en": "Digital solutions for sustainable cities", "zh": "可持续城市数字化解决方案"},
            "time_zone": "Asia/Shanghai", "opens_at": rfc3339(now - 60),
            "closes_at": rfc3339(now + 3600),
            "criteria": [{"id": "innovation", "label": {"en": "Innovation"}, "weight": 1},
                         {"id": "feasibility", "label": {"en": "Feasibility"}, "weight": 3}],
            "tracks": [{"title": {"en": "Renewal of old industrial parks",
                                  "zh": "老旧工业园区更新"}}]}), 201)
        cid = ch["id"]
        self.assertGreater(cid, 1)  # 1 is the demo's
        rc, _, err = run_cli("user", "role", "organiser@demo.liaison.example", "organiser",
                             "challenge:%d" % cid, "--db", self.srv.db)
        self.assertEqual(rc, 0, err)
        track = ch["tracks"][0]["id"]
        c = API + "/challenges/%d" % cid
        self.ok(self.org.post(c + "/state", {"state": "open"}))
        s1 = self.ok(self.rep.post(c + "/submissions", {
            "track_id": track, "organisation_id": self.org_ids["fi-mobisync"],
            "title": "Digital twin for industrial park renewal",
            "abstract": "老工业园区更新改造 with a digital twin"}), 201)
        s2 = self.ok(self.rep2.post(c + "/submissions", {
            "track_id": track, "organisation_id": self.org_ids["de-hamburg"],
            "title": "Hafen-Gewerbegebiet", "abstract": "Renewal of an old port industrial "
            "park with circular economy."}), 201)
        # the jury: the demo member (Stuttgart, DE), j2 (no organisation), j3 (a declared conflict)
        self.problem(self.rep.put(c + "/jury/%d" % self.acc["j2"], {"expertise": []}), 403)
        self.problem(self.org.put(c + "/jury/%d" % self.acc["j2"], {"expertise": "parks"}), 422,
                     "expertise")
        self.problem(self.org.put(c + "/jury/999999", {}), 404, "account_id")
        self.ok(self.org.put(c + "/jury/%d" % self.acc["jury"],
                             {"expertise": ["industrial-park-renewal"], "cap": 5}))
        self.ok(self.org.put(c + "/jury/%d" % self.acc["j2"], {"expertise": ["circular-economy"]}))
        jury = self.ok(self.org.put(c + "/jury/%d" % self.acc["j3"],
                                    {"expertise": [], "conflicts": [s1["id"]]}))
        self.assertEqual(len(jury["items"]), 3)
        # assignment waits for in_review
        self.problem(self.org.post(c + "/assignment", {"reviews": 2}), 409, "state", "open")
        self.ok(self.org.post(c + "/state", {"state": "closed"}))
        self.ok(self.org.post(c + "/state", {"state": "in_review"}))
        self.problem(self.rep.post(c + "/assignment", {"reviews": 2}), 403)
        # same country: the Stuttgart member never reviews Hamburg; j3 never s1
        res = self.ok(self.org.post(c + "/assignment", {"reviews": 2, "same_country": True}))
        got = {a["submission"]: sorted(r["id"] for r in a["reviewers"])
               for a in res["assignments"]}
        self.assertEqual(got, {s1["id"]: sorted([self.acc["jury"], self.acc["j2"]]),
                               s2["id"]: sorted([self.acc["j2"], self.acc["j3"]])})
        self.assertEqual(res["stats"]["conflicts"]["declared"], 1)
        self.assertEqual(res["stats"]["conflicts"]["country"], 1)
        loads = {r["id"]: r["load"] for r in res["reviewers"]}
        self.assertEqual(loads[self.acc["j2"]], 2)
        # too many reviews: the missing slots, nothing changed
        doc = self.problem(self.org.post(c + "/assignment", {"reviews": 3, "same_country": True}),
                           409, "reviewers", "review slots cannot be filled")
        self.assertIn("2 of 6", doc["detail"])
        rows = self.ok(self.org.get(c + "/reviews"))["items"]
        self.assertEqual(len(rows), 4)
        # an agreement between Stuttgart and MobiSync: a conflict too; a fixed pair is kept
        self.ok(self.srv.post(API + "/agreements", {
            "title": "MoU", "kind": "mou",
            "parties": [self.org_ids["de-stuttgart"], self.org_ids["fi-mobisync"]]}), 201)
        res = self.ok(self.org.post(c + "/assignment", {
            "reviews": 1, "fixed": [{"submission_id": s2["id"], "account_id": self.acc["j3"]}]}))
        got = {a["submission"]: [(r["id"], r["fixed"]) for r in a["reviewers"]]
               for a in res["assignments"]}
        self.assertEqual(got[s2["id"]], [(self.acc["j3"], True)])
        self.assertNotEqual(got[s1["id"]][0][0], self.acc["jury"])  # the agreement
        self.assertNotEqual(got[s1["id"]][0][0], self.acc["j3"])    # declared
        self.assertEqual(res["stats"]["conflicts"]["agreement"], 1)
        self.problem(self.org.post(c + "/assignment", {
            "reviews": 1, "fixed": [{"submission_id": s1["id"], "account_id": self.acc["j3"]}]}),
            422, "fixed[0].reviewer")
        # s1 has only j2 now: two reviews each is infeasible until j3 withdraws the conflict
        self.problem(self.org.post(c + "/assignment", {"reviews": 2}), 409, "reviewers",
                     "1 of 4 review slots", "submission %d has 1 reviewers" % s1["id"])
        self.ok(self.org.put(c + "/jury/%d" % self.acc["j3"], {"expertise": [], "conflicts": []}))
        res = self.ok(self.org.post(c + "/assignment", {"reviews": 2}))
        mine = {a["submission"]: [r["id"] for r in a["reviewers"]] for a in res["assignments"]}
        self.assertNotIn(self.acc["jury"], mine[s1["id"]])
        # each member sees their own assignments, with the submission's text
        for who, name in ((self.jury, "jury"), (self.j2, "j2"), (self.j3, "j3")):
            items = self.ok(who.get(c + "/reviews"))["items"]
            self.assertEqual({i["submission_id"] for i in items},
                             {s for s, revs in mine.items() if self.acc[name] in revs})
            for i in items:
                self.assertEqual(i["account_id"], self.acc[name])
                self.assertTrue(i["title"])
        # reviews: every criterion, 0 to 10
        url = API + "/submissions/%d/review"
        self.problem(self.j2.put(url % s1["id"], {"scores": {"innovation": 8}}), 422,
                     "scores.feasibility")
        self.problem(self.j2.put(url % s1["id"], {"scores": {"innovation": 11,
                                                             "feasibility": 1}}), 422,
                     "scores.innovation")
        self.problem(self.j2.put(url % s1["id"], {"scores": {"innovation": 1, "feasibility": 1,
                                                             "beauty": 9}}), 422, "scores.beauty")
        self.problem(self.rep.put(url % s1["id"], {"scores": {}}), 403)  # not a jury member
        given = {}
        plan = {s1["id"]: [(9, 9), (2, 2)], s2["id"]: [(6, 6), (7, 5)]}
        clients = {self.acc["jury"]: self.jury, self.acc["j2"]: self.j2, self.acc["j3"]: self.j3}
        for sid, revs in mine.items():
            for acc, (inn, feas) in zip(revs, plan[sid]):
                doc = self.ok(clients[acc].put(url % sid, {
                    "scores": {"innovation": inn, "feasibility": feas},
                    "comment_jury": "数据扎实", "comment_submitter": "Merci, très clair."}))
                self.assertTrue(doc["submitted_at"])
                given[(sid, acc)] = (inn + 3 * feas) / 4
        self.problem(self.org.post(c + "/assignment", {"reviews": 2}), 409, "reviews")
        # the ranking per track: weighted mean, spread, disagreement
        rank = self.ok(self.org.get(c + "/ranking"))["tracks"][0]["ranking"]
        self.assertEqual([r["submission_id"] for r in rank], [s2["id"], s1["id"]])
        by = {r["submission_id"]: r for r in rank}
        self.assertAlmostEqual(by[s1["id"]]["score"], 5.5)
        self.assertAlmostEqual(by[s1["id"]]["spread"], 7.0)
        self.assertTrue(by[s1["id"]]["disagreement"])
        self.assertAlmostEqual(by[s2["id"]]["score"], (6 + 5.5) / 2)
        self.assertFalse(by[s2["id"]]["disagreement"])
        self.assertEqual([by[s2["id"]]["rank"], by[s1["id"]]["rank"]], [1, 2])
        # submitters never see reviews nor reviewers
        for who, sid in ((self.rep, s1["id"]), (self.rep2, s2["id"])):
            self.problem(who.get(c + "/reviews"), 403)
            self.problem(who.get(c + "/ranking"), 403)
            self.problem(who.get(c + "/jury"), 403)
            sub = self.ok(who.get(API + "/submissions/%d" % sid))
            text = str(sub)
            for acc in self.acc.values():
                self.assertNotIn("'account_id': %d" % acc, text)
            for word in ("reviews", "reviewers", "jury", "数据扎实", "feedback", "Merci"):
                self.assertNotIn(word, text)
        # decisions per track, then announced results for everyone, then the winner's pilot
        self.problem(self.rep.put(c + "/decisions", {"track_id": track, "winners": []}), 403)
        self.problem(self.org.put(c + "/decisions", {"track_id": 999999, "winners": []}), 422,
                     "track_id")
        self.problem(self.org.put(c + "/decisions", {"track_id": track,
                                                     "winners": [s2["id"], s2["id"]]}), 422,
                     "winners[1]")
        dec = self.ok(self.org.put(c + "/decisions", {"track_id": track,
                                                      "winners": [s2["id"], s1["id"]]}))
        self.assertEqual([(d["submission_id"], d["rank"]) for d in dec["items"]],
                         [(s2["id"], 1), (s1["id"], 2)])
        self.problem(self.srv.anonymous("GET", c + "/results"), 404, "state", "in_review")
        self.problem(self.rep2.post(API + "/submissions/%d/pilot" % s2["id"],
                                    {"title": "Pilot"}), 409, "state")
        self.ok(self.org.post(c + "/state", {"state": "decided"}))
        # decided: each submitter reads the words meant for them, not who wrote them
        for who, sid in ((self.rep, s1["id"]), (self.rep2, s2["id"])):
            sub = self.ok(who.get(API + "/submissions/%d" % sid))
            self.assertEqual(sub["feedback"], ["Merci, très clair."] * len(mine[sid]))
            text = str(sub)
            for acc in self.acc.values():
                self.assertNotIn("'account_id': %d" % acc, text)
            for word in ("数据扎实", "scores", "reviewer"):
                self.assertNotIn(word, text)
        # reviews only while in review
        self.problem(self.j2.put(url % s1["id"], {"scores": {"innovation": 1,
                                                             "feasibility": 1}}), 409, "state")
        self.ok(self.org.post(c + "/state", {"state": "announced"}))
        res = self.ok(self.srv.anonymous("GET", c + "/results"))
        winners = res["tracks"][0]["winners"]
        self.assertEqual([w["submission_id"] for w in winners], [s2["id"], s1["id"]])
        self.assertEqual(winners[0]["organisation"]["id"], self.org_ids["de-hamburg"])
        text = str(res)
        for word in ("score", "review", "jury", "abstract", "数据扎实", "@"):
            self.assertNotIn(word, text)
        # this track offers no pilot host: nothing to start
        self.problem(self.rep2.post(API + "/submissions/%d/pilot" % s2["id"],
                                    {"title": "Pilot"}), 409, "id", "no pilot host")

    def test_pilot_through_the_agreement_pipeline(self):
        now = int(time.time())
        st, _, chengdu = self.srv.get(API + "/organisations/cn-chengdu")
        ch = self.ok(self.srv.post(API + "/challenges", {
            "title": {"en": "Home services for the elderly", "zh": "居家养老服务"},
            "time_zone": "Asia/Shanghai", "opens_at": rfc3339(now - 60),
            "closes_at": rfc3339(now + 3600),
            "criteria": [{"id": "impact", "label": {"en": "Impact"}, "weight": 1}],
            "tracks": [{"title": {"en": "Home services for the elderly"},
                        "pilot": {"host_organisation_id": chengdu["id"], "city": "成都"}}]}), 201)
        c = API + "/challenges/%d" % ch["id"]
        self.ok(self.srv.post(c + "/state", {"state": "open"}))
        sub = self.ok(self.rep.post(c + "/submissions", {
            "track_id": ch["tracks"][0]["id"], "organisation_id": self.org_ids["fi-mobisync"],
            "title": "智慧养老 Smart home care", "abstract": "Sensors and a care platform."}), 201)
        other = self.ok(self.rep2.post(c + "/submissions", {
            "track_id": ch["tracks"][0]["id"], "organisation_id": self.org_ids["de-hamburg"],
            "title": "Quartierspflege", "abstract": "Neighbourhood care."}), 201)
        for to in ("closed", "in_review"):
            self.ok(self.srv.post(c + "/state", {"state": to}))
        self.ok(self.srv.put(c + "/decisions", {"track_id": ch["tracks"][0]["id"],
                                                "winners": [sub["id"]]}))
        for to in ("decided", "announced"):
            self.ok(self.srv.post(c + "/state", {"state": to}))
        self.problem(self.rep2.post(API + "/submissions/%d/pilot" % other["id"],
                                    {"title": "x"}), 409, "id", "not a winner")
        self.problem(self.rep2.post(API + "/submissions/%d/pilot" % sub["id"],
                                    {"title": "x"}), 404, "id")
        self.problem(self.rep.post(API + "/submissions/%d/pilot" % sub["id"],
                                   {"title": "x", "kind": "mou"}), 422, "kind")
        ag = self.ok(self.rep.post(API + "/submissions/%d/pilot" % sub["id"], {
            "title": "成都居家养老试点 Chengdu home-care pilot", "value": 50000,
            "currency": "CNY"}), 201)
        self.assertEqual(ag["kind"], "pilot_project")
        self.assertEqual(sorted(ag["parties"]), sorted([self.org_ids["fi-mobisync"],
                                                        chengdu["id"]]))
        self.assertEqual(ag["challenge_id"], ch["id"])
        self.assertEqual(ag["state"], "intent")
        self.assertEqual([h["to"] for h in ag["history"]], ["intent"])
        self.problem(self.rep.post(API + "/submissions/%d/pilot" % sub["id"],
                                   {"title": "again"}), 409, "id", "already")
        # in the agreement pipeline: the party's representative reads it, it moves on
        self.ok(self.rep.get(API + "/agreements/%d" % ag["id"]))
        doc = self.ok(self.rep.patch(API + "/agreements/%d" % ag["id"], {"state": "signed"}))
        self.assertEqual(doc["state"], "signed")
        res = self.ok(self.srv.anonymous("GET", c + "/results"))
        self.assertEqual(res["tracks"][0]["winners"][0]["pilot_agreement_id"], ag["id"])


if __name__ == "__main__":
    unittest.main()
