"""Black-box tests of `liaison assign` (docs/data-format.md): the review
assignment of a challenge with the four tracks of the demo call, in
Chinese, French and English; conflicts of every kind never assigned; an
organiser's fixed pair kept and the rest re-run; the optimum against every
possible assignment of a small case; infeasible input answered with the
missing slots and nothing on stdout; bad fields named.
"""
import itertools
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import run_cli  # noqa: E402

BATCH = {
    "reviews": 2, "load_cap": 3, "same_country": True,
    "reviewers": [
        {"id": "wang", "name": "王芳", "organisation": "cn-tju", "country": "CN",
         "expertise": ["industrial-park-renewal", "circular-economy"]},
        {"id": "dupont", "name": "Élise Dupont", "organisation": "fr-lyon", "country": "FR",
         "expertise": ["elderly-care", "health"]},
        {"id": "virtanen", "organisation": "se-kth", "country": "SE",
         "expertise": ["edtech", "education"], "conflicts": ["edu"]},
        {"id": "rossi", "organisation": "it-polimi", "country": "IT",
         "expertise": ["bim-virtual-design", "green-buildings"]},
        {"id": "garcia", "organisation": "es-upv", "country": "ES",
         "expertise": ["education", "elderly-care", "industrial-park-renewal"]},
    ],
    "submissions": [
        {"id": "parks", "organisation": "cn-suzhou-park", "country": "CN", "track": "t1",
         "abstract": "老工业园区更新改造与循环经济"},
        {"id": "edu", "organisation": "fi-edu-startup", "country": "FI", "track": "t2",
         "title": "Plateforme numérique d'éducation au développement durable pour les jeunes",
         "language": "fr", "themes": ["education"]},
        {"id": "care", "organisation": "fr-lyon", "country": "FR", "track": "t3",
         "title": "Home services for the elderly", "themes": ["elderly-care"]},
        {"id": "bim", "organisation": "de-bim", "country": "DE", "track": "t4",
         "themes": ["bim-virtual-design"]},
    ],
    "agreements": [["es-upv", "de-bim"]],
}


class AssignTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def run_batch(self, doc, *opts):
        path = os.path.join(self.tmp.name, "batch.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
        return run_cli("assign", *opts, path)

    def conflicted(self, doc):
        """Every (submission, reviewer) pair that must never be assigned."""
        subs = {s["id"]: s for s in doc["submissions"]}
        bad = set()
        for r in doc["reviewers"]:
            for s in doc["submissions"]:
                same_org = r.get("organisation") and r.get("organisation") == s.get("organisation")
                same_country = doc.get("same_country") and r.get("country") == s.get("country")
                agreed = any({r.get("organisation"), s.get("organisation")} == set(pair)
                             for pair in doc.get("agreements", []))
                if same_org or same_country or agreed or s["id"] in r.get("conflicts", []):
                    bad.add((s["id"], r["id"]))
        for p in doc.get("forbidden", []):
            bad.add((p["submission"], p["reviewer"]))
        assert set(subs)  # noqa
        return bad

    def test_four_tracks(self):
        rc, out, err = self.run_batch(BATCH)
        self.assertEqual(rc, 0, err)
        res = json.loads(out)
        bad = self.conflicted(BATCH)
        got = {a["submission"]: [r["id"] for r in a["reviewers"]] for a in res["assignments"]}
        self.assertEqual(set(got), {"parks", "edu", "care", "bim"})
        for sub, revs in got.items():
            self.assertEqual(len(set(revs)), 2)
            for r in revs:
                self.assertNotIn((sub, r), bad)
        loads = {r["id"]: r["load"] for r in res["reviewers"]}
        self.assertTrue(all(v <= 3 for v in loads.values()))
        self.assertEqual(sum(loads.values()), 8)
        # the experts of each track, whatever the language of the submission
        self.assertIn("garcia", got["parks"])  # wang is Chinese like the park (same country)
        self.assertIn("rossi", got["bim"])
        self.assertIn("garcia", got["edu"])    # virtanen declared a conflict
        self.assertNotIn("dupont", got["care"])  # same organisation
        costs = {a["submission"]: {r["id"]: r["cost"] for r in a["reviewers"]}
                 for a in res["assignments"]}
        self.assertEqual(costs["bim"]["rossi"], 0)
        self.assertLess(costs["parks"]["garcia"], 100)  # the Chinese abstract was tagged
        st = res["stats"]
        self.assertEqual(st["slots"], 8)
        self.assertEqual(st["total_cost"], sum(a["cost"] for a in res["assignments"]))
        self.assertEqual(st["conflicts"]["declared"], 1)
        self.assertEqual(st["conflicts"]["organisation"], 1)
        self.assertEqual(st["conflicts"]["country"], 1)  # care x dupont counts as organisation
        self.assertEqual(st["conflicts"]["agreement"], 1)

    def test_optimal_against_every_assignment(self):
        rc, out, err = self.run_batch(BATCH)
        self.assertEqual(rc, 0, err)
        best_total = json.loads(out)["stats"]["total_cost"]
        # every pair's cost, from a run that fixes it
        bad = self.conflicted(BATCH)
        subs = [s["id"] for s in BATCH["submissions"]]
        revs = [r["id"] for r in BATCH["reviewers"]]
        cost = {}
        for s in subs:
            for r in revs:
                if (s, r) in bad:
                    continue
                doc = dict(BATCH, fixed=[{"submission": s, "reviewer": r}])
                rc, out, err = self.run_batch(doc)
                if rc != 0:
                    continue
                for a in json.loads(out)["assignments"]:
                    for x in a["reviewers"]:
                        cost[(a["submission"], x["id"])] = x["cost"]
        choices = [[c for c in itertools.combinations(revs, 2)
                    if all((s, r) in cost for r in c)] for s in subs]
        brute = None
        for combo in itertools.product(*choices):
            load = {}
            for c in combo:
                for r in c:
                    load[r] = load.get(r, 0) + 1
            if max(load.values()) > 3:
                continue
            total = sum(cost[(s, r)] for s, c in zip(subs, combo) for r in c)
            brute = total if brute is None else min(brute, total)
        self.assertEqual(best_total, brute)
        rc, out, err = self.run_batch(BATCH, "--greedy")
        if rc == 0:
            self.assertGreaterEqual(json.loads(out)["stats"]["total_cost"], best_total)

    def test_override_and_rerun(self):
        doc = dict(BATCH, fixed=[{"submission": "bim", "reviewer": "wang"}],
                   forbidden=[{"submission": "bim", "reviewer": "rossi"}])
        rc, out, err = self.run_batch(doc)
        self.assertEqual(rc, 0, err)
        res = json.loads(out)
        bim = next(a for a in res["assignments"] if a["submission"] == "bim")
        ids = {r["id"]: r["fixed"] for r in bim["reviewers"]}
        self.assertEqual(ids.get("wang"), True)
        self.assertNotIn("rossi", ids)
        self.assertEqual(res["stats"]["fixed"], 1)
        self.assertEqual(res["stats"]["conflicts"]["override"], 1)
        # a fixed pair that is a conflict is refused
        doc = dict(BATCH, fixed=[{"submission": "care", "reviewer": "dupont"}])
        rc, out, err = self.run_batch(doc)
        self.assertEqual(rc, 1)
        self.assertEqual(out, "")
        self.assertIn("fixed[0].reviewer: has a conflict", err)

    def test_infeasible(self):
        doc = dict(BATCH, reviews=3, load_cap=2)
        rc, out, err = self.run_batch(doc)
        self.assertEqual(rc, 1)
        self.assertEqual(out, "")
        self.assertEqual(len(err.strip().splitlines()), 1)
        self.assertRegex(err, r"^liaison: reviewers: \d+ of 12 review slots cannot be filled: ")
        doc = dict(BATCH, reviews=2, load_cap=1)
        rc, out, err = self.run_batch(doc)
        self.assertEqual(rc, 1)
        self.assertIn("3 of 8 review slots cannot be filled: the reviewers' load caps add up "
                      "to 5", err)

    def test_bad_input(self):
        cases = [
            (dict(BATCH, reviews="two"), "reviews: must be an integer"),
            (dict(BATCH, reviewers=[{"id": "x", "expertise": ["nope"]}]),
             "reviewers[0].expertise[0]: is not a concept of the thesaurus"),
            (dict(BATCH, submissions=[{"id": "s", "country": "China"}]),
             "submissions[0].country: must be an ISO 3166-1 code"),
            (dict(BATCH, submissions=[{"id": "s", "colour": "red"}]),
             "submissions[0].colour: is not a field of this record"),
        ]
        for doc, msg in cases:
            with self.subTest(msg=msg):
                rc, out, err = self.run_batch(doc)
                self.assertEqual(rc, 1)
                self.assertEqual(out, "")
                self.assertIn(msg, err)
        rc, _, err = run_cli("assign")
        self.assertEqual(rc, 2)
        self.assertIn("needs exactly one input FILE", err)


if __name__ == "__main__":
    unittest.main()
