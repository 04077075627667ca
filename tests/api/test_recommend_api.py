"""Black-box tests of the recommendations: GET /organisations/{id}/recommendations
and GET /opportunities/{id}/matches on the demo server, kept current when
profiles and meeting requests change."""
import json
import os
import re
import sys
import tempfile
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import Server, run_cli  # noqa: E402

API = "/api/v1"
HAN = re.compile(r"[\u4e00-\u9fff]")


def has_han(s):
    return bool(HAN.search(s))


class RecommendApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server(demo=True)

    @classmethod
    def tearDownClass(cls):
        rc = cls.srv.stop()
        log = "".join(cls.srv.log)
        cls.srv.__exit__(None, None, None)
        if rc != 0:
            raise AssertionError("server exited with %d:\n%s" % (rc, log[-4000:]))

    # helpers -------------------------------------------------------------
    def reco(self, org, query="", status=200):
        st, _, doc = self.srv.get("%s/organisations/%s/recommendations%s" % (API, org, query))
        self.assertEqual(st, status, doc)
        return doc

    def org(self, ref):
        st, _, doc = self.srv.get("%s/organisations/%s" % (API, ref))
        self.assertEqual(st, 200, doc)
        return doc

    def create(self, res, body):
        st, _, doc = self.srv.post("%s/%s" % (API, res), body)
        self.assertEqual(st, 201, doc)
        return doc

    def check_list(self, doc, self_id):
        """Common shape: sorted by score, never itself, engine reasons."""
        scores = [m["score"] for m in doc["matches"]]
        self.assertEqual(scores, sorted(scores, reverse=True))
        for m in doc["matches"]:
            self.assertNotEqual(m["id"], self_id)
            self.assertIsInstance(m["id"], int)
            self.assertTrue(m["name"])
            self.assertTrue(0 < m["score"] <= 1)
            self.assertTrue(m["reasons"], m)
            for r in m["reasons"]:
                self.assertTrue(r["concept"] and r["label"] and r["evidence"], r)

    def problem(self, path, status, field=None):
        st, hdrs, doc = self.srv.get(path)
        self.assertEqual(st, status, doc)
        self.assertEqual(hdrs["content-type"], "application/problem+json")
        if field is not None:
            self.assertEqual(doc.get("field"), field, doc)

    # the demo data -------------------------------------------------------
    def test_mobility_sme_finds_chinese_cities(self):
        me = self.org("fi-mobisync")
        doc = self.reco("fi-mobisync")
        self.assertEqual(doc["id"], me["id"])
        self.assertEqual(doc["ref"], "fi-mobisync")
        self.assertEqual(doc["name"], "MobiSync Oy")
        self.assertLessEqual(len(doc["matches"]), 10)
        self.assertGreaterEqual(len(doc["matches"]), 5)
        self.check_list(doc, me["id"])
        cities = [m for m in doc["matches"] if m.get("kind") == "city" and m.get("country") == "CN"]
        self.assertGreaterEqual(len(cities), 2, [m["ref"] for m in doc["matches"]])
        transport = 0
        for m in cities:
            for r in m["reasons"]:
                if r["concept"] != "mobility":
                    continue
                # evidence from both sides: MobiSync writes Finnish, the city Chinese
                self.assertTrue(any(not has_han(x) for x in r["evidence"]), r)
                if any(has_han(x) and ("交通" in x or "公交" in x or "出行" in x or "地铁" in x)
                       for x in r["evidence"]):
                    transport += 1
        self.assertGreaterEqual(transport, 2, cities)
        # MobiSync already meets Chengdu (an accepted request in the demo data)
        self.assertNotIn("cn-chengdu", [m.get("ref") for m in doc["matches"]])

    def test_id_and_ref_alike(self):
        me = self.org("cn-suzhou")
        by_ref = self.reco("cn-suzhou", "?top=5")
        by_id = self.reco(str(me["id"]), "?top=5")
        self.assertEqual(by_ref, by_id)
        self.assertEqual(len(by_ref["matches"]), 5)
        self.check_list(by_ref, me["id"])

    def test_top_and_lang(self):
        self.assertEqual(len(self.reco("cn-chengdu", "?top=1")["matches"]), 1)
        many = self.reco("cn-chengdu", "?top=100")
        self.assertGreater(len(many["matches"]), 10)
        self.assertLessEqual(len(many["matches"]), 100)
        ten = self.reco("cn-chengdu")
        self.assertEqual(ten["matches"], many["matches"][:10])
        zh = self.reco("cn-chengdu", "?lang=zh")
        en_labels = {r["concept"]: r["label"] for m in ten["matches"] for r in m["reasons"]}
        zh_labels = {r["concept"]: r["label"] for m in zh["matches"] for r in m["reasons"]}
        self.assertTrue(has_han(zh_labels["mobility"]), zh_labels)
        self.assertFalse(has_han(en_labels["mobility"]))
        for bad in ("0", "101", "-3", "ten", "", "1.5"):
            self.problem("%s/organisations/cn-chengdu/recommendations?top=%s" % (API, bad),
                         400, "top")
        self.problem(API + "/organisations/cn-chengdu/recommendations?lang=klingon", 400, "lang")
        self.problem(API + "/organisations/cn-chengdu/recommendations?limit=5", 400, "limit")
        self.problem(API + "/opportunities/cn-chengdu-r1/matches?top=0", 400, "top")

    def test_unknown_ids(self):
        self.problem(API + "/organisations/999999/recommendations", 404, "id")
        self.problem(API + "/organisations/no-such-org/recommendations", 404, "id")
        self.problem(API + "/opportunities/999999/matches", 404, "id")
        self.problem(API + "/opportunities/no-such-opp/matches", 404, "id")
        st, hdrs, _ = self.srv.post(API + "/organisations/cn-chengdu/recommendations", {})
        self.assertEqual(st, 405)
        self.assertIn("GET", hdrs["allow"])

    def test_recommendations_need_an_account(self):
        path = API + "/organisations/fi-mobisync/recommendations"
        want = self.reco("fi-mobisync")
        st, hdrs, doc = self.srv.anonymous("GET", path)
        self.assertEqual(st, 401, doc)
        self.assertEqual(hdrs["content-type"], "application/problem+json")
        st, _, doc = self.srv.anonymous("GET", API + "/opportunities/cn-suzhou-r2/matches")
        self.assertEqual(st, 401, doc)
        # any signed-in account may ask, and hears what the admin hears
        st, _, doc = self.srv.demo_client("participant").get(path)
        self.assertEqual(st, 200, doc)
        self.assertEqual(doc, want)

    def test_opportunity_matches(self):
        st, _, opp = self.srv.get(API + "/opportunities/cn-suzhou-r2")
        self.assertEqual(st, 200, opp)
        st, _, doc = self.srv.get(API + "/opportunities/cn-suzhou-r2/matches")
        self.assertEqual(st, 200, doc)
        self.assertEqual(doc["id"], opp["id"])
        self.assertEqual(doc["ref"], "cn-suzhou-r2")
        self.assertEqual(doc["type"], "request")
        self.assertEqual(doc["organisation_id"], opp["organisation_id"])
        self.assertEqual(doc["organisation"], "苏州市 (Suzhou)")
        self.check_list(doc, opp["organisation_id"])
        self.assertGreaterEqual(len(doc["matches"]), 3)
        # a request for old-town mobility finds European mobility firms
        europe = [m for m in doc["matches"] if m.get("country") not in (None, "CN")]
        self.assertTrue(europe, doc["matches"])
        self.assertTrue(any(r["concept"] == "mobility" for m in europe for r in m["reasons"]))
        st, _, by_id = self.srv.get("%s/opportunities/%d/matches?top=3" % (API, opp["id"]))
        self.assertEqual(by_id["matches"], doc["matches"][:3])

    # kept current ---------------------------------------------------------
    def test_patched_description_changes_recommendations(self):
        # a Finnish elderly-care SME turns to hydrogen (its themes and offer unchanged)
        before = self.reco("fi-hoivatek", "?top=20")
        concepts = {r["concept"] for m in before["matches"] for r in m["reasons"]}
        self.assertNotIn("hydrogen", concepts)
        me = self.org("fi-hoivatek")
        st, _, _ = self.srv.patch("%s/organisations/%d" % (API, me["id"]), {
            "description": "Hoivatek Oy kehittää vetyteknologiaa: vihreän vedyn tuotanto "
                           "elektrolyysillä, vetytankkausasemat ja polttokennot raskaalle "
                           "liikenteelle. We build green hydrogen electrolysers and hydrogen "
                           "refuelling stations."})
        self.assertEqual(st, 200)
        after = self.reco("fi-hoivatek", "?top=20")
        self.check_list(after, me["id"])
        hydrogen = [m for m in after["matches"]
                    if any(r["concept"] == "hydrogen" for r in m["reasons"])]
        self.assertTrue(hydrogen, after["matches"])
        # the evidence: the new Finnish/English words and the partner's Chinese ones
        ev = [r["evidence"] for m in hydrogen for r in m["reasons"] if r["concept"] == "hydrogen"]
        self.assertTrue(any(any(not has_han(x) for x in e) and any(has_han(x) for x in e)
                            for e in ev), ev)
        self.assertIn("cn-suiqing-hydrogen", [m.get("ref") for m in after["matches"]])
        self.assertNotEqual([m["id"] for m in before["matches"]],
                            [m["id"] for m in after["matches"]])

    def test_declined_request_removes_the_pair(self):
        doc = self.reco("it-trasporti-intelligenti")
        me = doc["id"]
        other = doc["matches"][0]
        event = self.create("events", {"name": "Recommendation test fair", "mode": "online",
                                       "time_zone": "Europe/Rome"})
        people = []
        for org_id, name in ((me, "Giulia Test"), (other["id"], "测试人员")):
            p = self.create("people", {"organisation_id": org_id, "name": name})
            self.create("registrations", {"event_id": event["id"], "person_id": p["id"],
                                          "attendance": "online"})
            people.append(p)
        req = self.create("meeting-requests", {"event_id": event["id"],
                                               "requester_id": people[0]["id"],
                                               "invitee_id": people[1]["id"]})
        # a pending request excludes nothing
        self.assertIn(other["id"], [m["id"] for m in self.reco(str(me))["matches"]])
        st, _, _ = self.srv.post("%s/meeting-requests/%d/decline" % (API, req["id"]))
        self.assertEqual(st, 200)
        self.assertNotIn(other["id"], [m["id"] for m in self.reco(str(me), "?top=100")["matches"]])
        back = self.reco(str(other["id"]), "?top=100")
        self.assertNotIn(me, [m["id"] for m in back["matches"]])

    def test_new_organisation_and_closed_opportunity(self):
        org = self.create("organisations", {
            "name": "Pohjolan Vety Oy", "kind": "sme", "country": "FI",
            "languages": ["fi", "en"],
            "description": "Vetytankkausasemat raskaalle liikenteelle: hydrogen refuelling "
                           "stations for trucks and buses, green hydrogen from wind power."})
        doc = self.reco(str(org["id"]))
        self.assertTrue(doc["matches"])
        self.assertTrue(any(r["concept"] == "hydrogen" for m in doc["matches"]
                            for r in m["reasons"]))
        self.assertNotIn("ref", doc)
        # the new organisation is proposed to a Chinese hydrogen company
        back = self.reco("cn-suiqing-hydrogen", "?top=100")
        self.assertIn(org["id"], [m["id"] for m in back["matches"]])
        opp = self.create("opportunities", {
            "organisation_id": org["id"], "type": "offer", "title": "氢能重卡加氢站",
            "description": "为物流园区提供加氢站设计与运营。"})
        st, _, m = self.srv.get("%s/opportunities/%d/matches" % (API, opp["id"]))
        self.assertEqual(st, 200, m)
        self.assertTrue(m["matches"])
        self.assertEqual(m["state"], "open")
        st, _, _ = self.srv.patch("%s/opportunities/%d" % (API, opp["id"]), {"state": "closed"})
        self.assertEqual(st, 200)
        st, _, m = self.srv.get("%s/opportunities/%d/matches" % (API, opp["id"]))
        self.assertEqual(st, 200, m)
        self.assertEqual((m["state"], m["matches"]), ("closed", []))

    def test_import_by_another_process_is_seen(self):
        before = self.reco("de-nordwind-wasserstoff", "?top=100")
        batch = {"organisations": [{
            "id": "cn-test-qingdao-h2", "name": "青岛氢港科技有限公司", "kind": "sme",
            "country": "CN", "languages": ["zh"],
            "description": "港口氢能重卡、加氢站和燃料电池系统，寻找欧洲氢能技术合作伙伴。"}]}
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(batch, f, ensure_ascii=False)
        try:
            rc, out, err = run_cli("import", "--db", self.srv.db, f.name)
        finally:
            os.unlink(f.name)
        self.assertEqual(rc, 0, err)
        after = self.reco("de-nordwind-wasserstoff", "?top=100")
        self.assertNotIn("cn-test-qingdao-h2", [m.get("ref") for m in before["matches"]])
        self.assertIn("cn-test-qingdao-h2", [m.get("ref") for m in after["matches"]])

    def test_concurrent_queries_after_a_change(self):
        me = self.org("de-elbwerk-mobility")
        st, _, _ = self.srv.patch("%s/organisations/%d" % (API, me["id"]),
                                  {"interests": ["Verkehrsberatung", "Radverkehr"]})
        self.assertEqual(st, 200)
        results = []

        def ask(ref):
            st, _, doc = self.srv.get("%s/organisations/%s/recommendations" % (API, ref))
            results.append((ref, st, doc))

        refs = ["de-elbwerk-mobility", "cn-beijing", "fr-lyon", "cn-wuhu"] * 3
        threads = [threading.Thread(target=ask, args=(r,)) for r in refs]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(len(results), len(refs))
        first = {}
        for ref, st, doc in results:
            self.assertEqual(st, 200, doc)
            first.setdefault(ref, doc)
            self.assertEqual(doc, first[ref])  # every answer from one corpus


if __name__ == "__main__":
    unittest.main()
