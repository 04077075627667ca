"""Black-box tests of `liaison user add|passwd|role` and `liaison routes`.

The account commands run on a bare database and on the database of a
running demo server (whose sign-in, sessions and guard must see what the
command line changed). Every password used is kept in PASSWORDS: none may
show in a command's output or in the server's log.
"""
import json
import os
import re
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import SOURCE_DIR, Server, db_sql, fresh_db, run_cli  # noqa: E402

API = "/api/v1"
PASSWORDS = set()
ACCESS_NAMES = {"public", "signed-in", "self", "partner", "representative", "organiser", "admin",
                "desk", "jury"}


def sql(db, query, *args):
    return db_sql(db, query, *args)[0]


class UserCommand:
    """Runs `liaison user ...` on self.db; checks no password leaks out."""

    def user(self, *args, password=None):
        stdin = b""
        if password is not None:
            PASSWORDS.add(password)
            stdin = (password + "\n").encode("utf-8")
        rc, out, err = run_cli("user", *args, "--db", self.db, stdin=stdin)
        for pw in PASSWORDS:
            self.assertNotIn(pw, out + err)
        return rc, out, err

    def ok(self, *args, password=None):
        rc, out, err = self.user(*args, password=password)
        self.assertEqual(rc, 0, err)
        self.assertEqual(err, "")
        return out

    def fails(self, field, *args, password=None):
        """The command fails (1) with one line naming field."""
        rc, out, err = self.user(*args, password=password)
        self.assertEqual(rc, 1, (out, err))
        self.assertEqual(out, "")
        self.assertEqual(len(err.strip().splitlines()), 1, err)
        self.assertIn(field + ":", err)
        return err

    def accounts(self, email):
        return sql(self.db, "SELECT id, password_hash, person_id FROM accounts"
                   " WHERE email = ? COLLATE NOCASE", email)

    def roles(self, email):
        return sorted(sql(self.db, "SELECT r.role, r.scope_kind, r.scope_id FROM account_roles r"
                          " JOIN accounts a ON a.id = r.account_id WHERE a.email = ?", email))

    def audit_actions(self):
        return [r[0] for r in sql(self.db, "SELECT action FROM audit_log"
                                  " WHERE detail = 'command line' ORDER BY id")]


class UserCliTest(UserCommand, unittest.TestCase):
    """The commands on a database nobody serves."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="liaison-user-")
        cls.db = fresh_db(cls.tmp.name)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_add(self):
        out = self.ok("add", "plain@test.example", password="plain-password-1")
        m = re.fullmatch(r"account (\d+) plain@test\.example\n", out)
        self.assertTrue(m, out)
        rows = self.accounts("plain@test.example")
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0][0], int(m.group(1)))
        self.assertTrue(rows[0][1].startswith("$argon2id$"), rows[0][1])
        self.assertIsNone(rows[0][2])
        self.assertEqual(self.roles("plain@test.example"), [])
        self.assertIn("liaison user add plain@test.example", self.audit_actions())

    def test_add_admin(self):
        out = self.ok("add", "boss@test.example", "--admin", password="boss-password-1")
        self.assertRegex(out, r"^account \d+ boss@test\.example \(admin\)\n$")
        self.assertEqual(self.roles("boss@test.example"), [("admin", "", 0)])
        self.assertIn("liaison user add --admin boss@test.example", self.audit_actions())

    def test_password_rules(self):
        err = self.fails("password", "add", "short@test.example", password="tiny-pw")
        self.assertIn("10", err)
        self.fails("password", "add", "empty@test.example")  # nothing on stdin
        self.fails("password", "add", "long@test.example", password="x" * 1025)
        self.assertEqual(self.accounts("short@test.example"), [])
        self.assertEqual(self.accounts("empty@test.example"), [])
        self.assertEqual(self.accounts("long@test.example"), [])
        # exactly the minimum, and a line ending in CR LF, are fine
        self.ok("add", "ten@test.example", password="0123456789")
        self.ok("add", "crlf@test.example", password="crlf-password\r")
        self.assertNotIn("liaison user add short@test.example", self.audit_actions())

    def test_duplicate_email_in_other_case(self):
        self.ok("add", "twice@test.example", password="twice-password-1")
        self.fails("email", "add", "TWICE@Test.Example", password="twice-password-2")
        self.assertEqual(len(self.accounts("twice@test.example")), 1)
        self.fails("email", "add", password="no-email-password")

    def test_the_database_keeps_no_password(self):
        self.ok("add", "secret@test.example", password="Very-Secret-Phrase-42")
        # every byte of the database, its WAL included
        for name in os.listdir(self.tmp.name):
            with open(os.path.join(self.tmp.name, name), "rb") as f:
                self.assertNotIn(b"Very-Secret-Phrase-42", f.read(), name)

    def test_role_errors(self):
        self.ok("add", "roles@test.example", password="roles-password-1")
        err = self.fails("ROLE", "role", "roles@test.example", "boss")
        self.assertIn("boss", err)
        self.fails("ROLE", "role", "roles@test.example")
        self.fails("SCOPE", "role", "roles@test.example", "organiser", "no-such-event")
        self.fails("SCOPE", "role", "roles@test.example", "representative", "no-such-org")
        self.fails("SCOPE", "role", "roles@test.example", "representative", "challenge:1")
        self.fails("SCOPE", "role", "roles@test.example", "organiser")
        self.fails("SCOPE", "role", "roles@test.example", "admin", "x")
        self.fails("SCOPE", "role", "roles@test.example", "jury", "challenge:zero")
        self.fails("SCOPE", "role", "roles@test.example", "jury", "challenge:-1")
        self.fails("email", "role", "nobody@test.example", "admin")
        self.assertEqual(self.roles("roles@test.example"), [])

    def test_passwd_errors(self):
        self.fails("email", "passwd", "nobody@test.example", password="whatever-password")
        self.ok("add", "pw@test.example", password="first-password-1")
        before = self.accounts("pw@test.example")
        self.fails("password", "passwd", "pw@test.example", password="short")
        self.assertEqual(self.accounts("pw@test.example"), before)

    def test_usage_errors(self):
        for args in [(), ("frobnicate",), ("passwd", "a@test.example", "--admin"),
                     ("role", "a@test.example", "admin", "--person", "1"),
                     ("add", "a@test.example", "--remove"), ("add", "--bogus")]:
            with self.subTest(args=args):
                rc, out, err = self.user(*args)
                self.assertEqual(rc, 2, (out, err))
                self.assertEqual(len(err.strip().splitlines()), 1, err)
        rc, out, err = run_cli("user", "--help")
        self.assertEqual(rc, 0, err)
        self.assertIn("liaison user role EMAIL ROLE [SCOPE]", out)


class ServedUserTest(UserCommand, unittest.TestCase):
    """The commands on the database of a running demo server."""

    @classmethod
    def setUpClass(cls):
        cls.srv = Server(demo=True)
        cls.db = cls.srv.db

    @classmethod
    def tearDownClass(cls):
        rc = cls.srv.stop()
        log = "".join(cls.srv.log)
        cls.srv.__exit__(None, None, None)
        if rc != 0:
            raise AssertionError("server exited with %d:\n%s" % (rc, log[-4000:]))
        leaked = [pw for pw in PASSWORDS if pw in log]
        if leaked:
            raise AssertionError("passwords in the server log: %r" % leaked)

    def get_id(self, res, ref):
        st, _, doc = self.srv.get("%s/%s/%s" % (API, res, ref))
        self.assertEqual(st, 200, doc)
        return doc["id"]

    def new_account(self, email, password, *extra):
        self.ok("add", email, *extra, password=password)
        return self.srv.client(email, password)

    def test_add_with_person_by_ref(self):
        person = self.get_id("people", "p-cn-chengdu-1")
        c = self.new_account("xiaomei@test.example", "xiaomei-password", "--person",
                             "p-cn-chengdu-1")
        self.assertEqual(c.account["person_id"], person)
        self.assertEqual(self.accounts("xiaomei@test.example")[0][2], person)
        st, _, me = c.get(API + "/auth/me")
        self.assertEqual(st, 200, me)
        self.assertEqual(me["person_id"], person)
        # she is "self" to her own agenda now, and to no one else's
        st, _, doc = c.get("%s/people/%d/agenda" % (API, person))
        self.assertEqual(st, 200, doc)
        other = self.get_id("people", "p-cn-chengdu-2")
        st, _, doc = c.get("%s/people/%d/agenda" % (API, other))
        self.assertEqual(st, 403, doc)
        # by id too; a person has at most one account
        fi = self.get_id("people", "p-fi-mobisync-2")
        self.ok("add", "by-id@test.example", "--person", str(fi), password="by-id-password")
        self.assertEqual(self.accounts("by-id@test.example")[0][2], fi)
        err = self.fails("person_id", "add", "again@test.example", "--person", str(fi),
                         password="again-password")
        self.assertIn("already has an account", err)
        self.assertEqual(self.accounts("again@test.example"), [])
        self.fails("--person", "add", "ghost@test.example", "--person", "p-no-such-person",
                   password="ghost-password")
        self.assertEqual(self.accounts("ghost@test.example"), [])

    def test_passwd_ends_sessions(self):
        old, new = "old-password-11", "new-password-22"
        before = self.new_account("changer@test.example", old)
        st, _, me = before.get(API + "/auth/me")
        self.assertEqual(st, 200, me)
        out = self.ok("passwd", "changer@test.example", password=new)
        self.assertEqual(out, "password of changer@test.example changed; its sessions ended\n")
        st, _, doc = before.get(API + "/auth/me")
        self.assertEqual(st, 401, doc)
        st, _, doc = self.srv.client().sign_in("changer@test.example", old)
        self.assertEqual(st, 401, doc)
        after = self.srv.client("changer@test.example", new)
        st, _, me = after.get(API + "/auth/me")
        self.assertEqual(st, 200, me)
        self.assertEqual(me["email"], "changer@test.example")
        self.assertIn("liaison user passwd changer@test.example", self.audit_actions())

    def test_roles_grant_and_withdraw(self):
        email = "roles@test.example"
        c = self.new_account(email, "roles-password-1")
        event = self.get_id("events", "eu-cn-fair-2026")
        org = self.get_id("organisations", "fi-mobisync")
        grid = "%s/events/%d/grid" % (API, event)
        org_url = "%s/organisations/%d" % (API, org)

        st, _, doc = c.get(grid)
        self.assertEqual(st, 403, doc)
        out = self.ok("role", email, "organiser", "eu-cn-fair-2026")
        self.assertEqual(out, "%s: granted organiser eu-cn-fair-2026\n" % email)
        st, _, doc = c.get(grid)
        self.assertEqual(st, 200, doc)

        st, _, doc = c.patch(org_url, {"city": "Espoo"})
        self.assertEqual(st, 403, doc)
        self.ok("role", email, "representative", "fi-mobisync")
        st, _, doc = c.patch(org_url, {"city": "Espoo"})
        self.assertEqual(st, 200, doc)
        self.assertEqual(doc["city"], "Espoo")

        self.ok("role", email, "jury", "challenge:3")
        st, _, me = c.get(API + "/auth/me")
        self.assertEqual(st, 200, me)
        self.assertEqual(sorted((r["role"], r["scope"], r["scope_id"]) for r in me["roles"]),
                         [("jury", "challenge", 3), ("organiser", "event", event),
                          ("representative", "organisation", org)])

        st, _, doc = c.get(API + "/accounts")
        self.assertEqual(st, 403, doc)
        self.ok("role", email, "admin")
        st, _, doc = c.get(API + "/accounts")
        self.assertEqual(st, 200, doc)
        self.assertIn(email, [a["email"] for a in doc["items"]])

        self.ok("role", email, "admin", "--remove")
        st, _, doc = c.get(API + "/accounts")
        self.assertEqual(st, 403, doc)
        self.ok("role", email, "organiser", str(event), "--remove")  # by id this time
        st, _, doc = c.get(grid)
        self.assertEqual(st, 403, doc)
        self.assertEqual(self.roles(email), [("jury", "challenge", 3),
                                             ("representative", "organisation", org)])

        # the audit log has a row for each, as the admin reads it
        st, _, doc = self.srv.get(API + "/audit?limit=200")
        self.assertEqual(st, 200, doc)
        actions = [a["action"] for a in doc["items"]]
        # as typed: liaison user role [--remove] EMAIL ROLE [SCOPE]
        for want in ["liaison user add " + email,
                     "liaison user role %s organiser eu-cn-fair-2026" % email,
                     "liaison user role %s representative fi-mobisync" % email,
                     "liaison user role %s jury challenge:3" % email,
                     "liaison user role %s admin" % email,
                     "liaison user role --remove %s admin" % email,
                     "liaison user role --remove %s organiser %d" % (email, event)]:
            self.assertIn(want, actions)
        st, _, doc = c.get(API + "/audit")
        self.assertEqual(st, 403, doc)

    def test_log_keeps_no_password(self):
        pw = "log-watch-password"
        c = self.new_account("watched@test.example", pw)
        PASSWORDS.add(pw + "-2")
        st, _, doc = c.post(API + "/auth/password",
                            {"current_password": pw, "new_password": pw + "-2"})
        self.assertEqual(st, 204, doc)
        PASSWORDS.add("wrong-" + pw)
        st, _, doc = self.srv.client().sign_in("watched@test.example", "wrong-" + pw)
        self.assertEqual(st, 401, doc)
        self.srv.client("watched@test.example", pw + "-2")
        time.sleep(0.3)  # the server flushes its log every 100 ms
        log = "".join(self.srv.log)
        self.assertIn("/auth/sign-in", log)
        for p in PASSWORDS:
            self.assertNotIn(p, log)


class RoutesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        rc, out, err = run_cli("routes")
        if rc != 0:
            raise AssertionError("liaison routes: %d %s" % (rc, err))
        cls.table = json.loads(out)

    def test_every_route_says_who_may_call_it(self):
        self.assertGreaterEqual(len(self.table), 60)
        seen = set()
        for r in self.table:
            with self.subTest(route=r):
                self.assertEqual(set(r), {"method", "path", "access"})
                self.assertIn(r["method"], {"GET", "POST", "PUT", "PATCH", "DELETE"})
                self.assertTrue(r["path"].startswith(API + "/"), r)
                self.assertTrue(r["access"], r)
                self.assertLessEqual(set(r["access"]), ACCESS_NAMES)
                self.assertEqual(len(set(r["access"])), len(r["access"]))
                self.assertNotIn((r["method"], r["path"]), seen)
                seen.add((r["method"], r["path"]))
        access = {(r["method"], r["path"]): r["access"] for r in self.table}
        self.assertEqual(access[("GET", API + "/health")], ["public"])
        self.assertEqual(access[("POST", API + "/auth/sign-in")], ["public"])
        self.assertEqual(access[("GET", API + "/auth/me")], ["signed-in"])
        self.assertEqual(access[("GET", API + "/accounts")], ["admin"])
        self.assertEqual(access[("GET", API + "/audit")], ["admin"])
        self.assertEqual(set(access[("POST", API + "/events/{id}/schedule")]),
                         {"organiser", "admin"})
        self.assertEqual(set(access[("PATCH", API + "/people/{id}")]),
                         {"self", "representative", "admin"})
        self.assertNotIn("public", access[("POST", API + "/organisations")])

    def test_every_documented_operation_is_in_the_table(self):
        with open(os.path.join(SOURCE_DIR, "docs", "openapi.json"), encoding="utf-8") as f:
            doc = json.load(f)
        listed = {(r["method"], r["path"]) for r in self.table}
        for path, item in doc["paths"].items():
            for method in item:
                if method in ("get", "post", "put", "patch", "delete"):
                    self.assertIn((method.upper(), API + path), listed)

    def test_markdown(self):
        rc, out, err = run_cli("routes", "--markdown")
        self.assertEqual(rc, 0, err)
        lines = out.splitlines()
        self.assertEqual(lines[:2], ["| method | path | who may call it |", "| --- | --- | --- |"])
        self.assertEqual(len(lines), 2 + len(self.table))
        for line, r in zip(lines[2:], self.table):
            self.assertEqual(line, "| %s | `%s` | %s |" % (r["method"], r["path"],
                                                           ", ".join(r["access"])))

    def test_usage(self):
        rc, out, err = run_cli("routes", "extra")
        self.assertEqual(rc, 2, (out, err))
        rc, out, err = run_cli("routes", "--bogus")
        self.assertEqual(rc, 2, (out, err))
        rc, out, err = run_cli("routes", "--help")
        self.assertEqual(rc, 0)
        self.assertTrue(out.startswith("usage: liaison routes [--markdown]\n"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
