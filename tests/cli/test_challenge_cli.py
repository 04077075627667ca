"""`liaison challenge` (src/cli/cmd_challenge.c) on the demo data: list,
show, submissions (JSON and CSV), assign (refused while open, then the
assignment the API runs: every submission its reviews, loads within the
caps, the total cost) and ranking as CSV; bad input exits non-zero with
one line on stderr. The command writes beside the running server (one database).
"""
import csv
import io
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import Server, run_cli  # noqa: E402

API = "/api/v1"


class ChallengeCommand(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server(demo=True)
        cls.db = cls.srv.db
        cls.org = cls.srv.demo_client("organiser")

    @classmethod
    def tearDownClass(cls):
        rc = cls.srv.stop()
        cls.srv.__exit__(None, None, None)
        assert rc == 0, rc

    def cli(self, *args, ok=True):
        rc, out, err = run_cli("challenge", *args, "--db", self.db)
        if ok:
            self.assertEqual(rc, 0, err)
        else:
            self.assertNotEqual(rc, 0, out)
            self.assertEqual(out, "")
            self.assertEqual(len(err.strip().splitlines()), 1, err)
        return out if ok else err

    def test_the_demo_challenge(self):
        items = json.loads(self.cli("list"))["items"]
        self.assertEqual([c["id"] for c in items], [1])
        ch = json.loads(self.cli("show", "1"))
        self.assertEqual((ch["title"]["zh"], ch["state"], len(ch["tracks"])),
                         ("可持续城市数字解决方案", "open", 4))
        subs = json.loads(self.cli("submissions", "1"))["items"]
        self.assertEqual(len(subs), 6)
        rows = list(csv.DictReader(io.StringIO(self.cli("submissions", "1", "--csv").lstrip("\ufeff"))))
        self.assertEqual([int(r["submission_id"]) for r in rows], [s["id"] for s in subs])
        self.assertIn("潘立群", rows[0]["team"])
        # the assignment waits for in_review; then every submission gets its reviews
        self.assertIn("in_review", self.cli("assign", "1", ok=False))
        for to in ("closed", "in_review"):
            st, _, doc = self.org.post(API + "/challenges/1/state", {"state": to})
            self.assertEqual(st, 200, doc)
        res = json.loads(self.cli("assign", "1", "--reviews", "2", "--cap", "5"))
        self.assertEqual(len(res["assignments"]), 6)
        self.assertTrue(all(len(a["reviewers"]) == 2 for a in res["assignments"]))
        self.assertTrue(all(r["load"] <= 5 for r in res["reviewers"]))
        self.assertEqual(res["stats"]["total_cost"], sum(a["cost"] for a in res["assignments"]))
        st, _, rev = self.org.get(API + "/challenges/1/reviews")
        self.assertEqual(len(rev["items"]), 12)
        # too many reviews for four members: the missing slots, nothing changed
        self.assertIn("review slots cannot be filled", self.cli("assign", "1", "--reviews", "4",
                                                                ok=False))
        rank = list(csv.DictReader(io.StringIO(self.cli("ranking", "1", "--csv").lstrip("\ufeff"))))
        self.assertEqual(len(rank), 6)
        self.assertEqual({r["assigned"] for r in rank}, {"2"})

    def test_bad_input(self):
        for args, words in ((("frob",), "unknown verb"), (("show",), "one challenge ID"),
                            (("show", "x"), "ID"), (("show", "99"), "99"),
                            (("list", "--csv"), "--csv"), (("ranking", "1", "--reviews", "0"),
                                                           "--reviews")):
            with self.subTest(args=args):
                self.assertIn(words, self.cli(*args, ok=False))


if __name__ == "__main__":
    unittest.main()
