"""Black-box tests of innovation challenges (src/service/challenge.c,
src/store/challenges.c): a call with four tracks in Chinese and English,
its checks, the states draft -> open -> closed -> in_review -> decided ->
announced (every illegal step 409 naming the states), drafts hidden,
submissions by eligible organisations' representatives (kinds,
countries), a submitter never seeing another organisation's submission,
attachments (type sniffed from the content, size limit, the client's name
as metadata only, served as a download with nosniff), the deadline at the
exact second refused with the deadline in the submitter's own time zone,
and withdrawal.

Runs on a demo server on a challenge of its own (challenge 1 is the
demo's), on which the demo organiser and jury get their roles; the representative (Anna
Virtanen, Europe/Helsinki) represents MobiSync (an SME in Finland); a
second representative is made here for Hamburg.
"""
import base64
import datetime
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import Server, run_cli  # noqa: E402

API = "/api/v1"
STATES = ["draft", "open", "closed", "in_review", "decided", "announced"]
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQ"
                       "DwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


def rfc3339(epoch, hours=8):
    tz = datetime.timezone(datetime.timedelta(hours=hours))
    return datetime.datetime.fromtimestamp(epoch, tz).isoformat()


def utc(epoch):
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


class Challenges(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server(demo=True)
        cls.rep = cls.srv.demo_client("representative")
        cls.org = cls.srv.demo_client("organiser")
        cls.jury = cls.srv.demo_client("jury")
        cls.part = cls.srv.demo_client("participant")
        cls.ids = {}
        for ref in ("fi-mobisync", "de-hamburg", "cn-chengdu", "cn-qiantang-university"):
            st, _, doc = cls.srv.get(API + "/organisations/" + ref)
            assert st == 200, doc
            cls.ids[ref] = doc["id"]
        pw = "hamburg-rep-pass\n".encode("utf-8")
        for args in (("user", "add", "rep@hamburg.example"),
                     ("user", "role", "rep@hamburg.example", "representative", "de-hamburg")):
            rc, _, err = run_cli(*args, "--db", cls.srv.db, stdin=pw)
            assert rc == 0, err
        cls.rep2 = cls.srv.client("rep@hamburg.example", "hamburg-rep-pass")
        now = int(time.time())
        # challenge 1 is the demo's (data/demo/challenge.json): this one is made
        # here, and the demo organiser and jury get their roles on it
        st, _, cls.ch = cls.srv.post(API + "/challenges", cls.call(now - 60, now + 3600))
        assert st == 201, cls.ch
        cls.cid = cid = cls.ch["id"]
        assert cid > 1, cls.ch
        for args in (("organiser@demo.liaison.example", "organiser", "challenge:%d" % cid),
                     ("jury@demo.liaison.example", "jury", "challenge:%d" % cid)):
            rc, _, err = run_cli("user", "role", *args, "--db", cls.srv.db)
            assert rc == 0, err

    @classmethod
    def tearDownClass(cls):
        rc = cls.srv.stop()
        log = "".join(cls.srv.log)
        cls.srv.__exit__(None, None, None)
        if rc != 0:
            raise AssertionError("server exited with %d:\n%s" % (rc, log[-4000:]))

    @classmethod
    def call(cls, opens, closes, **kw):
        body = {
            "title": {"en": "Digital solutions for sustainable cities",
                      "zh": "可持续城市数字化解决方案"},
            "description": {"en": "Open to universities, research institutes and companies "
                                  "worldwide.", "zh": "面向全球高校、科研院所和企业。"},
            "time_zone": "Asia/Shanghai",
            "opens_at": rfc3339(opens), "closes_at": rfc3339(closes),
            "themes": ["smart-city"], "sdgs": [11],
            "eligibility": {"kinds": ["university", "institute", "company", "sme", "city"]},
            "criteria": [{"id": "innovation", "label": {"en": "Innovation", "zh": "创新性"},
                          "weight": 40},
                         {"id": "feasibility", "label": {"en": "Feasibility"}, "weight": 60}],
            "prizes": [{"track": 0, "rank": 1, "label": "Pilot in Chengdu"}],
            "tracks": [
                {"title": {"en": "Renewal of old industrial parks", "zh": "老旧工业园区更新"},
                 "pilot": {"host_organisation_id": cls.ids["cn-chengdu"], "city": "成都"}},
                {"title": {"en": "Digital platform for education for sustainable development "
                                 "for youth", "zh": "青少年可持续发展教育数字平台"}},
                {"title": {"en": "Home services for the elderly", "zh": "居家养老服务"}},
                {"title": {"en": "Virtual visual design of building environments",
                           "zh": "建筑环境虚拟视觉设计"}},
            ],
        }
        body.update(kw)
        return body

    def problem(self, res, status, field=None, *words):
        st, _, doc = res
        self.assertEqual(st, status, doc)
        if field is not None:
            self.assertEqual(doc.get("field"), field, doc)
        for w in words:
            self.assertIn(w, doc.get("detail", ""), doc)
        return doc

    def move(self, cid, state, client=None):
        return (client or self.org).post(API + "/challenges/%d/state" % cid, {"state": state})

    def new_open(self, opens, closes, **kw):
        st, _, ch = self.srv.post(API + "/challenges", self.call(opens, closes, **kw))
        self.assertEqual(st, 201, ch)
        self.srv.post(API + "/challenges/%d/state" % ch["id"], {"state": "open"})
        return ch

    def submit(self, cid, client=None, org="fi-mobisync", track=0, **kw):
        st, _, ch = self.srv.get(API + "/challenges/%d" % cid)
        body = {"track_id": ch["tracks"][track]["id"], "organisation_id": self.ids[org],
                "title": "园区能源数字孪生 Digital twin for park energy",
                "abstract": "Un jumeau numérique pour la rénovation des parcs industriels.",
                "team": [{"name": "Anna Virtanen", "role": "CEO"}, {"name": "王磊"}],
                "links": ["https://mobisync.example.fi/twin"]}
        body.update(kw)
        return (client or self.rep).post(API + "/challenges/%d/submissions" % cid, body)

    # ---- the call ------------------------------------------------------------

    def test_0_the_demo_challenge(self):
        # data/demo/challenge.json: open, four tracks in English and Chinese with
        # their pilot hosts, weighted criteria, submissions of European and
        # Chinese organisations, a jury with expertise and a declared conflict
        st, _, ch = self.srv.anonymous("GET", API + "/challenges/1")
        self.assertEqual(st, 200, ch)
        self.assertEqual((ch["state"], ch["title"]["zh"]), ("open", "可持续城市数字解决方案"))
        self.assertEqual([t["title"]["en"] for t in ch["tracks"]], [
            "Renewal of old industrial parks",
            "A digital platform for education for sustainable development for youth",
            "Home services for the elderly", "Virtual visual design of building environments"])
        self.assertTrue(all(t["title"]["zh"] and t["pilot"]["host_organisation_id"]
                            for t in ch["tracks"]))
        self.assertEqual(sum(c["weight"] for c in ch["criteria"]), 100)
        self.assertTrue(ch["opens_at"] < utc(time.time()) < ch["closes_at"], ch)
        self.assertTrue(ch["closes_at_local"].endswith("T23:59:59+08:00"), ch)
        subs = self.org.get(API + "/challenges/1/submissions")[2]["items"]
        countries = {self.srv.get(API + "/organisations/%d" % s["organisation_id"])[2]["country"]
                     for s in subs}
        self.assertEqual(len(subs), 6)
        self.assertIn("CN", countries)
        self.assertTrue(countries & {"FR", "DE", "FI"}, countries)
        jury = self.org.get(API + "/challenges/1/jury")[2]["items"]
        self.assertIn("jury@demo.liaison.example", [m["email"] for m in jury])
        self.assertEqual(len(jury), 4)
        self.assertTrue(all(m["expertise"] for m in jury))
        self.assertEqual(sum(len(m["conflicts"]) for m in jury), 1)

    def test_a_draft_checks_and_states(self):
        ch = self.ch
        self.assertEqual(ch["state"], "draft")
        self.assertEqual(ch["title"]["zh"], "可持续城市数字化解决方案")
        self.assertEqual(len(ch["tracks"]), 4)
        self.assertEqual(ch["tracks"][0]["pilot"]["city"], "成都")
        self.assertTrue(ch["closes_at"].endswith("Z"))
        self.assertTrue(ch["closes_at_local"].endswith("+08:00"), ch)
        # a draft is hidden from all but its managers
        self.problem(self.srv.anonymous("GET", API + "/challenges/%d" % self.cid), 404, "id")
        self.problem(self.rep.get(API + "/challenges/%d" % self.cid), 404, "id")
        self.assertEqual(self.org.get(API + "/challenges/%d" % self.cid)[0], 200)
        st, _, lst = self.srv.anonymous("GET", API + "/challenges")
        self.assertNotIn(self.cid, [c["id"] for c in lst["items"]])
        self.problem(self.submit(self.cid), 404, "id")  # a draft does not exist for them
        # illegal steps name the states; others may not move it
        self.problem(self.move(self.cid, "closed"), 409, "state", "draft", "open", "closed")
        self.problem(self.move(self.cid, "archived"), 422, "state")
        self.problem(self.move(self.cid, "open", self.rep), 404)
        self.problem(self.move(self.cid, "open", self.jury), 404)
        self.problem(self.org.post(API + "/challenges", self.call(0, 10)), 403)
        st, _, doc = self.move(self.cid, "open")
        self.assertEqual((st, doc["state"]), (200, "open"), doc)
        st, _, doc = self.srv.anonymous("GET", API + "/challenges/%d" % self.cid)
        self.assertEqual(st, 200, doc)
        self.problem(self.move(self.cid, "open"), 409, "state", "open", "closed")

    def test_bad_calls(self):
        now = int(time.time())
        cases = [
            ({"title": None}, "title"),
            ({"title": {"en": ""}}, "title.en"),
            ({"title": "plain"}, "title"),
            ({"time_zone": "Mars/Olympus"}, "time_zone"),
            ({"opens_at": "tomorrow"}, "opens_at"),
            ({"closes_at": rfc3339(now - 3600)}, "closes_at"),
            ({"criteria": []}, "criteria"),
            ({"criteria": [{"id": "x", "label": {"en": "X"}, "weight": 0}]},
             "criteria[0].weight"),
            ({"tracks": []}, "tracks"),
            ({"tracks": [{"title": {"en": "T"}, "pilot": {"host_organisation_id": 999999}}]},
             "tracks[0].pilot.host_organisation_id"),
            ({"eligibility": {"countries": ["China"]}}, "eligibility.countries"),
            ({"colour": "red"}, "colour"),
        ]
        for patch, field in cases:
            with self.subTest(field=field):
                body = self.call(now, now + 60)
                body.update(patch)
                if body["title"] is None:
                    del body["title"]
                self.problem(self.srv.post(API + "/challenges", body), 422, field)

    # ---- submissions ---------------------------------------------------------

    def test_b_submissions_and_who_sees_them(self):
        self.move(self.cid, "open")  # when run alone
        st, _, mine = self.submit(self.cid)
        self.assertEqual(st, 201, mine)
        self.assertEqual(mine["state"], "submitted")
        self.assertEqual(mine["team"][1]["name"], "王磊")
        # for an organisation one does not represent
        self.problem(self.submit(self.cid, org="cn-chengdu"), 403, "organisation_id")
        # a track of the call, the fields checked
        self.problem(self.submit(self.cid, track_id=999999), 422, "track_id")
        self.problem(self.submit(self.cid, title=""), 422, "title")
        self.problem(self.submit(self.cid, links=["ftp://x"]), 422, "links[0]")
        self.problem(self.submit(self.cid, team=[{"role": "no name"}]), 422, "team[0].name")
        st, _, theirs = self.submit(self.cid, client=self.rep2, org="de-hamburg", track=2)
        self.assertEqual(st, 201, theirs)
        # each representative sees their own only; organiser and jury see all
        for client, want in ((self.rep, {mine["id"]}), (self.rep2, {theirs["id"]}),
                             (self.org, {mine["id"], theirs["id"]}),
                             (self.jury, {mine["id"], theirs["id"]}), (self.part, set())):
            st, _, lst = client.get(API + "/challenges/%d/submissions" % self.cid)
            self.assertEqual(st, 200, lst)
            got = {s["id"] for s in lst["items"]}
            self.assertTrue(want <= got and not (got - want - {mine["id"], theirs["id"]}))
            if client in (self.rep, self.rep2, self.part):
                self.assertEqual(got, want)
        self.problem(self.rep.get(API + "/submissions/%d" % theirs["id"]), 404, "id")
        self.problem(self.rep2.get(API + "/submissions/%d" % mine["id"]), 404, "id")
        self.problem(self.rep2.patch(API + "/submissions/%d" % mine["id"], {"title": "x"}),
                     404, "id")
        # the jury reads it (the route table lets it see it) but never writes it
        self.problem(self.jury.patch(API + "/submissions/%d" % mine["id"], {"title": "x"}), 403)
        st, _, doc = self.rep.get(API + "/submissions/%d" % mine["id"])
        self.assertEqual(st, 200, doc)
        self.assertNotIn("reviewers", doc)
        self.assertNotIn("reviews", doc)
        # edit while open
        st, _, doc = self.rep.patch(API + "/submissions/%d" % mine["id"],
                                    {"title": "Jumeau numérique 数字孪生", "track_id":
                                     self.ch["tracks"][1]["id"]})
        self.assertEqual((st, doc["title"]), (200, "Jumeau numérique 数字孪生"), doc)
        self.assertEqual(doc["track_id"], self.ch["tracks"][1]["id"])
        self.problem(self.rep.patch(API + "/submissions/%d" % mine["id"],
                                    {"organisation_id": 1}), 403)  # another organisation: the guard

    def test_eligibility(self):
        now = int(time.time())
        ch = self.new_open(now - 10, now + 3600, eligibility={"kinds": ["university"]})
        self.problem(self.submit(ch["id"]), 422, "organisation_id", "sme")
        ch = self.new_open(now - 10, now + 3600, eligibility={"countries": ["CN"]})
        self.problem(self.submit(ch["id"]), 422, "organisation_id", "FI")
        ch = self.new_open(now - 10, now + 3600,
                           eligibility={"kinds": ["sme"], "countries": ["FI", "CN"]})
        self.assertEqual(self.submit(ch["id"])[0], 201)
        # not yet open
        ch = self.new_open(now + 3600, now + 7200)
        self.problem(self.submit(ch["id"]), 409, "opens_at")

    def test_attachments(self):
        now = int(time.time())
        ch = self.new_open(now - 10, now + 3600)
        st, _, sub = self.submit(ch["id"])
        self.assertEqual(st, 201, sub)
        url = API + "/submissions/%d/attachments" % sub["id"]

        def upload(data, name, client=None):
            return (client or self.rep).post(url, {"name": name, "content_base64":
                                                   base64.b64encode(data).decode("ascii")})
        st, _, att = upload(PDF, "../../etc/计划书 plan.pdf")
        self.assertEqual(st, 201, att)
        self.assertEqual(att["media_type"], "application/pdf")
        st, _, png = upload(PNG, "photo.txt")  # the name says nothing: the content does
        self.assertEqual((st, png["media_type"]), (201, "image/png"), png)
        self.problem(upload(b"#!/bin/sh\nrm -rf /\n", "harmless.pdf"), 422, "content")
        self.problem(upload(b"<html><script>alert(1)</script></html>", "a.png"), 422,
                     "content")
        self.problem(upload(PDF + b"0" * (600 * 1024), "big.pdf"), 413, "content")
        self.problem(upload(PDF, ""), 422, "name")
        self.problem(upload(PDF, "x.pdf", self.rep2), 404, "id")
        self.problem(self.rep.post(url, {"name": "x.pdf", "content_base64": "***"}), 422,
                     "content_base64")
        # served as a download, with the sniffed type, never as a page
        for client in (self.rep, self.srv):  # its representative, an admin
            st, hdrs, body = client.get(url + "/%d" % att["id"])
            self.assertEqual(st, 200)
            self.assertEqual(body, PDF)
            self.assertEqual(hdrs["content-type"], "application/pdf")
            self.assertEqual(hdrs["x-content-type-options"], "nosniff")
            disp = hdrs["content-disposition"]
            self.assertTrue(disp.startswith('attachment; filename="attachment-%d"'
                                            % att["id"]), disp)
            self.assertNotIn("/", disp.split("filename*=")[0])
            self.assertIn("%E8%AE%A1%E5%88%92%E4%B9%A6", disp)  # 计划书, percent-encoded
        self.problem(self.rep2.get(url + "/%d" % att["id"]), 404, "id")
        self.problem(self.jury.get(url + "/%d" % att["id"]), 404, "id")  # not its jury
        self.problem(self.rep.get(url + "/999999"), 404, "id")
        st, _, doc = self.rep.get(API + "/submissions/%d" % sub["id"])
        self.assertEqual([a["name"] for a in doc["attachments"]],
                         ["../../etc/计划书 plan.pdf", "photo.txt"])

    def test_deadline_at_the_exact_second_in_the_submitters_zone(self):
        now = int(time.time())
        closes = now + 8  # room for a loaded machine before the deadline
        ch = self.new_open(now - 10, closes)
        self.assertEqual(ch["closes_at"], utc(closes))
        st, _, sub = self.submit(ch["id"])
        self.assertEqual(st, 201, sub)
        while time.time() < closes - 3:
            time.sleep(0.05)
        st, _, doc = self.rep.patch(API + "/submissions/%d" % sub["id"], {"title": "Before"})
        self.assertEqual(st, 200, doc)  # seconds before the deadline
        while time.time() < closes:
            time.sleep(0.01)
        helsinki = datetime.datetime.fromtimestamp(
            closes, datetime.timezone.utc).astimezone(
                datetime.timezone(datetime.timedelta(hours=2))).isoformat()
        doc = self.problem(self.rep.patch(API + "/submissions/%d" % sub["id"],
                                          {"title": "Too late"}), 409, "closes_at",
                           helsinki, "Europe/Helsinki")
        self.problem(self.submit(ch["id"]), 409, "closes_at", "Europe/Helsinki")
        # another submitter reads it in their zone: the jury member's (Europe/Berlin) or the call's
        st, _, doc = self.rep.post(API + "/submissions/%d/attachments" % sub["id"],
                                   {"name": "late.pdf", "content_base64":
                                    base64.b64encode(PDF).decode("ascii")})
        self.assertEqual((st, doc["field"]), (409, "closes_at"), doc)
        st, _, doc = self.rep.get(API + "/submissions/%d" % sub["id"])
        self.assertEqual(doc["title"], "Before")

    def test_withdrawal(self):
        now = int(time.time())
        ch = self.new_open(now - 10, now + 3600)
        st, _, sub = self.submit(ch["id"])
        self.assertEqual(st, 201, sub)
        self.problem(self.rep2.post(API + "/submissions/%d/withdraw" % sub["id"]), 404)
        st, _, doc = self.rep.post(API + "/submissions/%d/withdraw" % sub["id"])
        self.assertEqual((st, doc["state"]), (200, "withdrawn"), doc)
        self.problem(self.rep.post(API + "/submissions/%d/withdraw" % sub["id"]), 409, "state")
        self.problem(self.rep.patch(API + "/submissions/%d" % sub["id"], {"title": "x"}), 409,
                     "state", "withdrawn")

    def test_the_whole_state_machine(self):
        now = int(time.time())
        st, _, ch = self.srv.post(API + "/challenges", self.call(now, now + 60))
        cid = ch["id"]
        for i, to in enumerate(STATES[1:], 1):
            for bad in STATES:
                if bad in (STATES[i], STATES[i - 1]):
                    continue
                self.problem(self.srv.post(API + "/challenges/%d/state" % cid, {"state": bad}),
                             409, "state", STATES[i - 1], STATES[i])
            st, _, doc = self.srv.post(API + "/challenges/%d/state" % cid, {"state": to})
            self.assertEqual((st, doc["state"]), (200, to), doc)
        self.problem(self.srv.post(API + "/challenges/%d/state" % cid, {"state": "draft"}),
                     409, "state", "announced", "final")
        self.assertEqual(self.srv.anonymous("GET", API + "/challenges/%d" % cid)[0], 200)


    def test_z_deleting_an_organisation_or_account_with_submissions(self):
        # an organisation's deletion takes its submissions (attachments, reviews,
        # decisions) with it; a pilot host is refused, naming why; an account's
        # own deletion (GDPR) keeps its organisation's submissions
        st, _, host = self.srv.post(API + "/organisations",
                                    {"name": "Host Park 园区", "country": "CN", "kind": "park"})
        self.assertEqual(st, 201, host)
        st, _, org = self.srv.post(API + "/organisations",
                                   {"name": "Délétée SAS", "country": "FR", "kind": "sme"})
        self.assertEqual(st, 201, org)
        pw = "gone-rep-pass-1\n".encode("utf-8")
        for args in (("user", "add", "gone@rep.example"),
                     ("user", "role", "gone@rep.example", "representative", str(org["id"]))):
            rc, _, err = run_cli(*args, "--db", self.srv.db, stdin=pw)
            self.assertEqual(rc, 0, err)
        self.ids["gone"] = org["id"]
        now = int(time.time())
        ch = self.new_open(now - 60, now + 3600, tracks=[
            {"title": {"en": "Renewal of old industrial parks"},
             "pilot": {"host_organisation_id": host["id"], "city": "苏州"}}])
        gone = self.srv.client("gone@rep.example", "gone-rep-pass-1")
        st, _, sub = self.submit(ch["id"], client=gone, org="gone")
        self.assertEqual(st, 201, sub)
        st, _, _ = gone.post(API + "/submissions/%d/attachments" % sub["id"],
                             {"name": "plan.pdf",
                              "content_base64": base64.b64encode(PDF).decode()})
        self.assertEqual(st, 201)
        st, _, doc = gone.post(API + "/me/delete", {"password": "gone-rep-pass-1"})
        self.assertEqual(st, 204, doc)
        self.assertEqual(self.srv.get(API + "/submissions/%d" % sub["id"])[0], 200)
        st, _, doc = self.srv.delete(API + "/organisations/%d" % org["id"])
        self.assertIn(st, (200, 204), doc)
        self.problem(self.srv.get(API + "/submissions/%d" % sub["id"]), 404, "id")
        st, _, lst = self.srv.get(API + "/challenges/%d/submissions" % ch["id"])
        self.assertEqual(lst["items"], [])
        self.problem(self.srv.delete(API + "/organisations/%d" % host["id"]), 409, "id",
                     "hosts the pilot of 1 challenge track")


if __name__ == "__main__":
    unittest.main()
