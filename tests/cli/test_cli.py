"""Black-box tests of the liaison command line, with golden files.

Set UPDATE_GOLDEN=1 to rewrite tests/golden/ from the current output (then
read the diff before committing it).
"""
import json
import os
import sqlite3
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import PG, SOURCE_DIR, Server, fresh_db, run_cli  # noqa: E402

GOLDEN = os.path.join(SOURCE_DIR, "tests", "golden")
DEMO_ORGS = os.path.join(SOURCE_DIR, "data", "demo", "organisations.json")
COMMANDS = ["serve", "migrate", "import", "export", "stats", "report", "backup", "schedule", "match",
            "assign", "challenge", "user", "routes", "send"]


def golden(name, text):
    path = os.path.join(GOLDEN, name)
    if os.environ.get("UPDATE_GOLDEN"):
        os.makedirs(GOLDEN, exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    with open(path, encoding="utf-8") as f:
        return f.read()


class CliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="liaison-cli-")
        self.db = fresh_db(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, doc):
        path = os.path.join(self.tmp.name, name)
        with open(path, "w", encoding="utf-8") as f:
            if isinstance(doc, str):
                f.write(doc)
            else:
                json.dump(doc, f, ensure_ascii=False)
        return path

    def test_help_golden(self):
        rc, out, err = run_cli("--help")
        self.assertEqual(rc, 0)
        self.assertEqual(out, golden("help.txt", out))
        for cmd in COMMANDS:
            with self.subTest(cmd=cmd):
                rc, out, err = run_cli(cmd, "--help")
                self.assertEqual(rc, 0, err)
                self.assertEqual(out, golden("help-%s.txt" % cmd, out))

    def test_version_and_usage_errors(self):
        rc, out, _ = run_cli("--version")
        self.assertEqual(rc, 0)
        self.assertRegex(out, r"^liaison \d+\.\d+\.\d+\n$")
        rc, _, err = run_cli("frobnicate")
        self.assertEqual(rc, 2)
        self.assertIn("unknown command 'frobnicate'", err)
        rc, _, err = run_cli("import", "--bogus", "x")
        self.assertEqual(rc, 2)
        self.assertEqual(len(err.strip().splitlines()), 1)
        rc, _, err = run_cli("import", "--db", self.db)
        self.assertEqual(rc, 2)
        rc, _, err = run_cli("serve", "--port", "70000")
        self.assertEqual(rc, 2)
        self.assertIn("--port", err)

    def test_migrate_twice(self):
        rc, out, err = run_cli("migrate", "--db", self.db)
        self.assertEqual(rc, 0, err)
        self.assertRegex(out, r"^schema version \d+ \(0 migration\(s\) applied\)\n$|"
                              r"^schema version \d+ \(\d+ migration\(s\) applied\)\n$")
        rc, out, err = run_cli("migrate", "--db", self.db)
        self.assertEqual(rc, 0, err)
        self.assertIn("(0 migration(s) applied)", out)

    def test_import_errors_golden(self):
        good = {"id": "fi-a", "name": "A Oy", "country": "FI", "description": "x"}
        cases = {
            "not-json": "{\"organisations\": [",
            "not-object": "[1]",
            "no-list": {"orgs": []},
            "bad-country": {"organisations": [good, dict(good, id="b", country="ZZ")]},
            "bad-opportunity": {"organisations": [good, good | {"id": "c", "opportunities": [
                {"id": "o1", "type": "request", "title": "T"},
                {"id": "o2", "type": "gift", "title": "T"}]}]},
            "missing-name": {"organisations": [{"id": "x", "description": "d"}]},
            "duplicate-id": {"organisations": [good, good]},
        }
        lines = []
        for name, doc in cases.items():
            path = self.write(name + ".json", doc)
            rc, out, err = run_cli("import", "--db", self.db, path)
            self.assertEqual(rc, 1, (name, out, err))
            self.assertEqual(out, "")
            self.assertEqual(len(err.strip().splitlines()), 1, err)
            lines.append("%s: %s" % (name, err.replace(self.tmp.name, "TMP")))
        text = "".join(lines)
        self.assertEqual(text, golden("import-errors.txt", text))
        # all or nothing: nothing of the bad files was stored
        rc, out, err = run_cli("export", "--db", self.db)
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out), {"organisations": []})

    def test_demo_round_trip_lossless(self):
        with open(DEMO_ORGS, encoding="utf-8") as f:
            demo = json.load(f)
        rc, out, err = run_cli("import", "--db", self.db, DEMO_ORGS)
        self.assertEqual(rc, 0, err)
        self.assertEqual(out, "imported %d organisation(s)\n" % len(demo["organisations"]))
        exported = os.path.join(self.tmp.name, "export.json")
        rc, _, err = run_cli("export", "--db", self.db, "--output", exported)
        self.assertEqual(rc, 0, err)
        with open(exported, encoding="utf-8") as f:
            first = json.load(f)
        self.assertEqual(first, demo)
        # a second trip through a fresh database gives the same bytes
        db2 = fresh_db(self.tmp.name) if PG else os.path.join(self.tmp.name, "t2.db")
        rc, _, err = run_cli("import", "--db", db2, exported)
        self.assertEqual(rc, 0, err)
        rc, again, err = run_cli("export", "--db", db2)
        with open(exported, encoding="utf-8") as f:
            self.assertEqual(again, f.read())
        # importing the same file again replaces, it does not duplicate
        rc, _, err = run_cli("import", "--db", self.db, DEMO_ORGS)
        self.assertEqual(rc, 0, err)
        rc, out, err = run_cli("stats", "--db", self.db)
        self.assertEqual(json.loads(out)["organisations"]["total"], len(demo["organisations"]))

    def test_stats_golden_on_demo_orgs(self):
        rc, _, err = run_cli("import", "--db", self.db, DEMO_ORGS)
        self.assertEqual(rc, 0, err)
        rc, out, err = run_cli("stats", "--db", self.db)
        self.assertEqual(rc, 0, err)
        self.assertEqual(out, golden("stats-demo-orgs.json", out))

    @unittest.skipIf(PG, "liaison backup copies SQLite databases")
    def test_backup_while_serving(self):
        with Server(demo=True, db=self.db) as srv:
            st, _, _ = srv.post("/api/v1/organisations", {"name": "Backup Test Oy"})
            self.assertEqual(st, 201)
            dest = os.path.join(self.tmp.name, "copy.db")
            rc, out, err = run_cli("backup", "--db", self.db, dest)
            self.assertEqual(rc, 0, err)
            rc, live, _ = run_cli("export", "--db", self.db)
            self.assertEqual(srv.stop(), 0)
        con = sqlite3.connect(dest)
        self.assertEqual(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
        con.close()
        rc, copy, err = run_cli("export", "--db", dest)
        self.assertEqual(rc, 0, err)
        self.assertEqual(copy, live)
        self.assertIn("Backup Test Oy", copy)
        rc, _, err = run_cli("backup", "--db", self.db, "/nonexistent-dir/x.db")
        self.assertEqual(rc, 1)
        self.assertEqual(len(err.strip().splitlines()), 1)

    @unittest.skipUnless(PG, "on PostgreSQL only")
    def test_backup_refused_on_postgresql(self):
        rc, _, err = run_cli("migrate", "--db", self.db)
        self.assertEqual(rc, 0, err)
        dest = os.path.join(self.tmp.name, "copy.db")
        rc, out, err = run_cli("backup", "--db", self.db, dest)
        self.assertEqual(rc, 1, (out, err))
        self.assertEqual(out, "")
        self.assertEqual(len(err.strip().splitlines()), 1, err)
        self.assertIn("pg_dump", err)
        self.assertFalse(os.path.exists(dest))


if __name__ == "__main__":
    unittest.main(verbosity=2)
