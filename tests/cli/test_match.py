"""Black-box tests of `liaison match` on the demo data and on bad input.

The demo data set (data/demo/organisations.json) is written in Chinese,
Japanese and European languages: a European mobility SME must find the
Chinese cities whose requests speak of transport (交通) in Chinese.
"""
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import SOURCE_DIR, run_cli  # noqa: E402

DEMO_ORGS = os.path.join(SOURCE_DIR, "data", "demo", "organisations.json")
EUROPE = set("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI "
             "ES SE NO CH GB IS".split())


def texts_of(org):
    """Every text and declared value of an organisation, as one string."""
    parts = [org.get("description", ""), org.get("name", "")]
    parts += org.get("interests", []) + org.get("pillar_industries", [])
    parts += org.get("themes", []) + ["SDG %d" % n for n in org.get("sdgs", [])]
    parts += ["NACE " + s for s in org.get("sectors", [])]
    for opp in org.get("opportunities", []):
        parts += [opp.get("title", ""), opp.get("description", "")]
        parts += opp.get("themes", []) + ["SDG %d" % n for n in opp.get("sdgs", [])]
    return "\n".join(parts)


def chinese_transport_city(org):
    return (org.get("country") == "CN" and org.get("kind") in ("city", "region") and
            any(o["type"] == "request" and "交通" in o.get("title", "") + o.get("description", "")
                for o in org.get("opportunities", [])))


class MatchDemoTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(DEMO_ORGS, encoding="utf-8") as f:
            cls.orgs = {o["id"]: o for o in json.load(f)["organisations"]}
        rc, out, err = run_cli("match", DEMO_ORGS)
        if rc != 0:
            raise AssertionError("liaison match failed: %s" % err)
        cls.out = out
        cls.results = {r["id"]: r["matches"] for r in json.loads(out)["results"]}

    def test_every_organisation_in_input_order(self):
        rc, out, _ = run_cli("match", "--top", "3", DEMO_ORGS)
        self.assertEqual(rc, 0)
        ids = [r["id"] for r in json.loads(out)["results"]]
        self.assertEqual(ids, list(self.orgs))
        for r in json.loads(out)["results"]:
            self.assertLessEqual(len(r["matches"]), 3)

    def test_never_oneself_sorted_scores(self):
        for oid, matches in self.results.items():
            with self.subTest(org=oid):
                self.assertLessEqual(len(matches), 10)
                ids = [m["id"] for m in matches]
                self.assertNotIn(oid, ids)
                self.assertEqual(len(ids), len(set(ids)))
                scores = [m["score"] for m in matches]
                self.assertEqual(scores, sorted(scores, reverse=True))
                for m in matches:
                    self.assertGreater(m["score"], 0)
                    self.assertLessEqual(m["score"], 1)
                    self.assertTrue(m["reasons"], "a match without reasons")

    def test_mobility_sme_finds_chinese_cities_asking_for_transport(self):
        smes = [o for o in self.orgs.values()
                if o.get("country") in EUROPE and o.get("kind") == "sme"
                and "mobility" in o.get("themes", [])]
        cities = {i for i, o in self.orgs.items() if chinese_transport_city(o)}
        self.assertGreaterEqual(len(smes), 1)
        self.assertGreaterEqual(len(cities), 2)
        for sme in smes:
            with self.subTest(sme=sme["id"]):
                top = [m["id"] for m in self.results[sme["id"]][:10]]
                self.assertGreaterEqual(len(cities.intersection(top)), 2, top)

    def test_reasons_carry_evidence_from_both_sides(self):
        checked = 0
        for oid, matches in self.results.items():
            me = texts_of(self.orgs[oid])
            for m in matches:
                other = texts_of(self.orgs[m["id"]])
                for r in m["reasons"]:
                    self.assertTrue(r["concept"] and r["label"], r)
                    for ev in r["evidence"]:
                        self.assertTrue(ev in me or ev in other, (oid, m["id"], ev))
                    if r["concept"] == "mobility" and chinese_transport_city(self.orgs[m["id"]]):
                        self.assertTrue(any(ev in me for ev in r["evidence"]), r)
                        self.assertTrue(any(ev in other and "交通" in ev or "公交" in ev
                                            for ev in r["evidence"]), r)
                        checked += 1
        self.assertGreater(checked, 0)

    def test_deterministic_threads_and_brute_force(self):
        rc, one, _ = run_cli("match", "--threads", "1", DEMO_ORGS)
        self.assertEqual(rc, 0)
        rc, two, _ = run_cli("match", "--threads", "2", DEMO_ORGS)
        self.assertEqual(one, two)
        self.assertEqual(one, self.out)
        rc, brute, _ = run_cli("match", "--brute-force", DEMO_ORGS)
        self.assertEqual(one, brute)

    def test_stdin_compact_and_cross_border_option(self):
        with open(DEMO_ORGS, "rb") as f:
            data = f.read()
        rc, out, _ = run_cli("match", "--compact", "-", stdin=data)
        self.assertEqual(rc, 0)
        self.assertEqual(out.count("\n"), 1)
        self.assertEqual(json.loads(out), json.loads(self.out))
        rc, out, _ = run_cli("match", "--no-cross-border-bonus", DEMO_ORGS)
        self.assertEqual(rc, 0)
        self.assertNotEqual(json.loads(out), json.loads(self.out))


class MatchBadInputTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="liaison-match-")

    def tearDown(self):
        self.tmp.cleanup()

    def run_doc(self, doc, *args):
        path = os.path.join(self.tmp.name, "in.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False))
        return run_cli("match", *args, path)

    def test_bad_records_named(self):
        good = {"id": "fi-a", "name": "A Oy", "country": "FI", "description": "Urban mobility"}
        cases = [
            ({"organisations": [good, good, good, {
                "id": "cn-x", "name": "X", "opportunities": [
                    {"id": "o1", "type": "gift", "title": "T"}]}]},
             "organisations[1].id: duplicate id 'fi-a'"),
            ({"organisations": [good, dict(good, id="b"), dict(good, id="c"), {
                "id": "cn-x", "name": "X", "opportunities": [
                    {"id": "o1", "type": "gift", "title": "T"}]}]},
             "organisations[3].opportunities[0].type: must be one of offer, request"),
            ({"organisations": [dict(good, country="Finland")]},
             "organisations[0].country: must be an ISO 3166-1 alpha-2 code"),
            ({"organisations": [dict(good, sdgs=[0])]},
             "organisations[0].sdgs[0]: must be an integer from 1 to 17"),
            ({"organisations": [{"id": "x", "name": "X"}]},
             "organisations[0]: needs a description or opportunities"),
            ({"organisations": [good], "exclusions": [["fi-a", "nobody"]]},
             "exclusions[0][1]: unknown organisation 'nobody'"),
            ({"orgs": []}, "orgs: unknown field"),
            ("{\"organisations\": [", None),
        ]
        for doc, want in cases:
            with self.subTest(want=want):
                rc, out, err = self.run_doc(doc)
                self.assertEqual(rc, 1, err)
                self.assertEqual(out, "")
                self.assertEqual(len(err.strip().splitlines()), 1, err)
                if want:
                    self.assertEqual(err, "liaison: %s\n" % want)
                else:
                    self.assertRegex(err, r"^liaison: .*invalid JSON at line 1 column \d+")

    def test_usage_errors(self):
        for args in (["--top", "0", "x.json"], ["--top", "many", "x.json"], [],
                     ["a.json", "b.json"], ["--threads", "0", "x.json"], ["--bogus", "x"]):
            with self.subTest(args=args):
                rc, out, err = run_cli("match", *args)
                self.assertEqual(rc, 2)
                self.assertEqual(out, "")
                self.assertEqual(len(err.strip().splitlines()), 1, err)
        rc, out, err = run_cli("match", os.path.join(self.tmp.name, "missing.json"))
        self.assertEqual(rc, 1)
        self.assertEqual(out, "")
        self.assertIn("cannot open", err)

    def test_small_batch_with_exclusions(self):
        doc = {"organisations": [
            {"id": "fi-maas", "name": "MaaS Oy", "kind": "sme", "country": "FI",
             "languages": ["fi", "en"],
             "description": "Journey planning and ticketing for public transport."},
            {"id": "cn-suzhou", "name": "苏州", "kind": "city", "country": "CN",
             "opportunities": [{"id": "s1", "type": "request", "title": "城市交通",
                                "description": "希望引进公共交通和智慧出行解决方案。"}]},
            {"id": "cn-wuxi", "name": "无锡", "kind": "city", "country": "CN",
             "opportunities": [{"id": "w1", "type": "request", "title": "公共交通",
                                "description": "寻求城市交通合作伙伴。"}]}],
            "exclusions": [["cn-wuxi", "fi-maas"]]}
        rc, out, err = self.run_doc(doc, "--top", "5")
        self.assertEqual(rc, 0, err)
        res = {r["id"]: r["matches"] for r in json.loads(out)["results"]}
        self.assertEqual([m["id"] for m in res["fi-maas"]], ["cn-suzhou"])
        reason = res["fi-maas"][0]["reasons"][0]
        self.assertEqual(reason["concept"], "mobility")
        self.assertIn("public transport", reason["evidence"])
        self.assertTrue(any("交通" in ev for ev in reason["evidence"]))
        self.assertNotIn("fi-maas", [m["id"] for m in res["cn-wuxi"]])

    def test_opportunity_ids_scoped_to_their_organisation(self):
        """"o1" in several organisations (DESIGN.md's example) is accepted;
        reasons name the organisation and the opportunity."""
        doc = {"organisations": [
            {"id": "fi-maas", "name": "MaaS Oy", "kind": "sme", "country": "FI",
             "languages": ["en"], "opportunities": [
                 {"id": "o1", "type": "offer", "title": "Journey planning",
                  "description": "Ticketing and journey planning for public transport."},
                 {"id": "o2", "type": "offer", "title": "Bike sharing",
                  "description": "Bike sharing systems for cities."}]},
            {"id": "cn-suzhou", "name": "苏州", "kind": "city", "country": "CN",
             "opportunities": [{"id": "o1", "type": "request", "title": "城市交通",
                                "description": "希望引进公共交通和智慧出行解决方案。"}]},
            {"id": "cn-wuxi", "name": "无锡", "kind": "city", "country": "CN",
             "description": "无锡是江苏的工业城市。",
             "opportunities": [{"id": "o1", "type": "request", "title": "公共交通",
                                "description": "寻求城市交通合作伙伴。"}]}]}
        rc, out, err = self.run_doc(doc, "--top", "5")
        self.assertEqual(rc, 0, err)
        self.assertEqual(err, "")
        res = {r["id"]: r["matches"] for r in json.loads(out)["results"]}
        self.assertEqual(sorted(m["id"] for m in res["fi-maas"]), ["cn-suzhou", "cn-wuxi"])
        for match in res["fi-maas"]:
            reason = match["reasons"][0]
            self.assertEqual(reason["concept"], "mobility")
            self.assertTrue(reason.get("complementary"))
            self.assertEqual(reason["opportunities"],
                             [{"organisation": "fi-maas", "id": "o1"},
                              {"organisation": match["id"], "id": "o1"}])
        back = res["cn-suzhou"][0]["reasons"][0]["opportunities"]
        self.assertEqual(back, [{"organisation": "cn-suzhou", "id": "o1"},
                                {"organisation": "fi-maas", "id": "o1"}])
        # within one organisation an id is still unique
        doc["organisations"][0]["opportunities"][1]["id"] = "o1"
        rc, out, err = self.run_doc(doc)
        self.assertEqual(rc, 1)
        self.assertEqual(out, "")
        self.assertEqual(err, "liaison: organisations[0].opportunities[1].id: "
                              "duplicate id 'o1' in this organisation\n")


if __name__ == "__main__":
    unittest.main(verbosity=2)
