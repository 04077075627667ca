"""Black-box tests of accounts: sign-up, sign-in and out, sessions, CSRF,
passwords and their reset, personal API tokens, throttling.

Every response a test client receives is checked for the passwords the
tests used (none may come back), and at the end the server log and the
database file are searched for them (none may be there in plain text).
Constant-time comparison is not timed here: the unit tests of auth cover
auth_str_equal; here a wrong CSRF token and one of the wrong length must get
the very same answer.
"""
import json
import os
import re
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import ADMIN_PASSWORD, Client, Server, db_bytes, db_sql  # noqa: E402

API = "/api/v1"
SECRETS = [ADMIN_PASSWORD]  # every password the tests send: never returned, logged or stored


def secret(pw):
    SECRETS.append(pw)
    return pw


class CheckedClient(Client):
    """A Client whose every response is searched for the tests' passwords."""

    def request(self, method, path, body=None, headers=None, raw=None, csrf=True):
        st, rh, doc = super().request(method, path, body, headers, raw, csrf)
        no_secret(doc, "%s %s" % (method, path))
        return st, rh, doc


def no_secret(doc, what):
    text = doc.decode("utf-8", "replace") if isinstance(doc, bytes) else \
        json.dumps(doc, ensure_ascii=False)
    for pw in SECRETS:
        if pw in text:
            raise AssertionError("%s returned a password: %s" % (what, text[:300]))
    if "argon2" in text:
        raise AssertionError("%s returned a password hash: %s" % (what, text[:300]))


def cookie_line(hdrs):
    """The Set-Cookie line of the session cookie ("" when none)."""
    for line in hdrs.get("set-cookie", "").split("\n"):
        if line.startswith("liaison_session="):
            return line
    return ""


def stop(srv):
    rc = srv.stop()
    log = "".join(srv.log)
    srv.__exit__(None, None, None)
    if rc != 0:
        raise AssertionError("server exited with %d:\n%s" % (rc, log[-4000:]))


class AuthTestBase(unittest.TestCase):
    """Helpers: sign-up in open mode, sign-in, problems."""
    seq = 0

    def problem(self, st, doc, status, field=None):
        self.assertEqual(st, status, doc)
        self.assertEqual(doc["status"], status)
        if field is not None:
            self.assertEqual(doc.get("field"), field, doc)

    def new_email(self, tag="user"):
        AuthTestBase.seq += 1
        return "%s%d-%d@example.org" % (tag, AuthTestBase.seq, os.getpid())

    def sign_up(self, srv, email=None, pw=None, **fields):
        """Signs up (open registration) with a new organisation; a signed-in client."""
        email = email or self.new_email()
        pw = secret(pw or "pw-%s-long enough" % email.split("@")[0])
        body = {"email": email, "password": pw, "name": "Test " + email.split("@")[0]}
        if not fields:
            fields = {"organisation": {"name": "Org of " + email, "country": "FI",
                                       "kind": "sme"}}
        body.update(fields)
        c = CheckedClient(srv)
        st, hdrs, doc = c.post(API + "/auth/register", body)
        self.assertEqual(st, 201, doc)
        self.assertTrue(c.cookie)
        c.csrf = doc["csrf_token"]
        c.account = doc
        c.email, c.password = email, pw
        return c

    def signed_in(self, srv, email, pw):
        c = CheckedClient(srv)
        st, _, doc = c.sign_in(email, pw)
        self.assertEqual(st, 200, doc)
        return c

    def me(self, c):
        return c.get(API + "/auth/me")[0]

    def cookie_me(self, srv, cookie):
        """GET /auth/me with a bare session cookie value: the status."""
        st, _, _ = srv.anonymous("GET", API + "/auth/me",
                                 headers={"Cookie": "liaison_session=" + cookie})
        return st


class OpenRegistrationTest(AuthTestBase):
    """One server with open registration, debug logging and 2-hour sessions."""

    @classmethod
    def setUpClass(cls):
        cls.srv = Server(extra=("--registration", "open", "--log-level", "debug",
                                "--session-hours", "2"))
        cls.addClassCleanup(stop, cls.srv)  # also when setUpClass fails
        st, _, doc = cls.srv.post(API + "/organisations",
                                  {"name": "Existing Oy", "country": "FI", "kind": "sme"})
        assert st == 201, doc
        cls.org = doc["id"]

    # sign-up ---------------------------------------------------------------
    def test_sign_up_into_an_existing_organisation(self):
        c = self.sign_up(self.srv, organisation_id=self.org)
        self.assertEqual(c.account["organisation_id"], self.org)
        self.assertEqual(c.account["roles"], [])
        self.assertTrue(c.account["person_id"])
        self.assertNotIn("password", c.account)
        st, _, me = c.get(API + "/auth/me")
        self.assertEqual(st, 200)
        self.assertEqual(me["email"], c.email)
        # and a fresh sign-in with the password works
        self.signed_in(self.srv, c.email, c.password)

    def test_session_says_who_is_there_without_401(self):
        st, _, doc = self.srv.anonymous("GET", API + "/auth/session")
        self.assertEqual((st, doc), (200, {"signed_in": False}))
        st, _, doc = self.srv.anonymous("GET", API + "/auth/session",
                                        headers={"Cookie": "liaison_session=forged"})
        self.assertEqual((st, doc), (200, {"signed_in": False}))
        c = self.sign_up(self.srv, organisation_id=self.org)
        st, _, me = c.get(API + "/auth/me")
        st2, _, doc = c.get(API + "/auth/session")
        self.assertEqual(st2, 200)
        self.assertIs(doc.pop("signed_in"), True)
        self.assertEqual(doc, me)
        self.assertTrue(doc["csrf_token"])

    def test_sign_up_with_a_new_organisation_makes_its_representative(self):
        c = self.sign_up(self.srv)
        roles = c.account["roles"]
        self.assertEqual([r["role"] for r in roles], ["representative"])
        self.assertEqual(roles[0]["scope_id"], c.account["organisation_id"])
        st, _, org = self.srv.anonymous("GET", "%s/organisations/%d" % (
            API, c.account["organisation_id"]))
        self.assertEqual(st, 200)
        self.assertEqual(org["name"], "Org of " + c.email)

    def test_sign_up_refusals(self):
        email = self.new_email()
        body = {"email": email, "password": secret("short"), "name": "X",
                "organisation_id": self.org}
        st, _, doc = self.srv.anonymous("POST", API + "/auth/register", body)
        self.problem(st, doc, 422, "password")
        c = self.sign_up(self.srv, organisation_id=self.org)
        body = {"email": c.email.upper(), "password": secret("another long password"),
                "name": "X", "organisation_id": self.org}
        st, _, doc = self.srv.anonymous("POST", API + "/auth/register", body)
        self.problem(st, doc, 409, "email")
        body = {"email": self.new_email(), "password": "a long enough password",
                "name": "X", "organisation_id": self.org, "admin": True}
        st, _, doc = self.srv.anonymous("POST", API + "/auth/register", body)
        self.problem(st, doc, 422, "admin")

    # sign-in and sign-out --------------------------------------------------
    def test_wrong_password_and_unknown_email_answer_alike(self):
        c = self.sign_up(self.srv)
        st1, _, wrong = self.srv.anonymous("POST", API + "/auth/sign-in", {
            "email": c.email, "password": secret("not the password at all")})
        st2, _, unknown = self.srv.anonymous("POST", API + "/auth/sign-in", {
            "email": self.new_email("nobody"), "password": c.password})
        self.problem(st1, wrong, 401, "password")
        self.problem(st2, unknown, 401, "password")
        for k in ("title", "detail", "field", "type"):
            self.assertEqual(wrong[k], unknown[k], k)
        no_secret(wrong, "sign-in")
        no_secret(unknown, "sign-in")

    def test_sign_in_cookie_attributes(self):
        c = self.sign_up(self.srv)
        st, hdrs, doc = CheckedClient(self.srv).sign_in(c.email, c.password)
        self.assertEqual(st, 200, doc)
        line = cookie_line(hdrs)
        attrs = [a.strip() for a in line.split(";")]
        self.assertRegex(attrs[0], r"^liaison_session=[A-Za-z0-9_-]{30,}$")
        self.assertIn("HttpOnly", attrs)
        self.assertIn("SameSite=Strict", attrs)
        self.assertIn("Path=/", attrs)
        self.assertIn("Max-Age=7200", attrs)  # --session-hours 2
        self.assertNotIn("Secure", attrs)  # not without --secure-cookies
        self.assertTrue(doc["csrf_token"])
        self.assertNotEqual(doc["csrf_token"], attrs[0].split("=", 1)[1])

    def test_sign_out_ends_the_session(self):
        c = self.sign_up(self.srv)
        cookie = c.cookie
        self.assertEqual(self.me(c), 200)
        st, hdrs, _ = c.post(API + "/auth/sign-out")
        self.assertEqual(st, 204)
        self.assertIn("Max-Age=0", cookie_line(hdrs))
        self.assertIsNone(c.cookie)
        self.assertEqual(self.cookie_me(self.srv, cookie), 401)
        # signing out again needs a session
        st, _, doc = self.srv.anonymous("POST", API + "/auth/sign-out",
                                        headers={"Cookie": "liaison_session=" + cookie})
        self.problem(st, doc, 401)

    def test_session_fixation(self):
        a = self.sign_up(self.srv)
        b = self.sign_up(self.srv)
        # a value planted before sign-in never becomes the session
        planted = "planted-by-an-attacker-0123456789abcdefghijk"
        c = CheckedClient(self.srv)
        c.cookie = planted
        st, hdrs, doc = c.sign_in(a.email, a.password)
        self.assertEqual(st, 200, doc)
        self.assertNotEqual(c.cookie, planted)
        self.assertEqual(self.cookie_me(self.srv, planted), 401)
        # a live session planted (the attacker's own) ends at the victim's sign-in
        attacker = self.signed_in(self.srv, b.email, b.password)
        victim = CheckedClient(self.srv)
        victim.cookie = attacker.cookie
        st, _, doc = victim.sign_in(a.email, a.password)
        self.assertEqual(st, 200, doc)
        self.assertNotEqual(victim.cookie, attacker.cookie)
        self.assertEqual(self.cookie_me(self.srv, attacker.cookie), 401)
        st, _, me = victim.get(API + "/auth/me")
        self.assertEqual((st, me["email"]), (200, a.email))
        # after sign-out the session cookie of the sign-in is dead too
        session = victim.cookie
        self.assertEqual(victim.post(API + "/auth/sign-out")[0], 204)
        self.assertEqual(self.cookie_me(self.srv, session), 401)

    def test_stale_cookie_is_anonymous_and_cleared(self):
        st, hdrs, doc = self.srv.anonymous(
            "GET", API + "/people", headers={"Cookie": "liaison_session=no-such-session"})
        self.assertEqual(st, 200, doc)
        self.assertIn("Max-Age=0", cookie_line(hdrs))

    # CSRF ------------------------------------------------------------------
    def test_csrf_on_cookie_writes(self):
        c = self.sign_up(self.srv)
        person = c.account["person_id"]
        st, _, tok = c.post(API + "/auth/tokens", {"name": "for csrf"})
        self.assertEqual(st, 201, tok)
        writes = [("POST", API + "/auth/tokens", {"name": "x"}),
                  ("PATCH", "%s/people/%d" % (API, person), {"role": "CTO"}),
                  ("DELETE", "%s/auth/tokens/%d" % (API, tok["id"]), None)]
        wrong = "A" * len(c.csrf) if c.csrf[0] != "A" else "B" * len(c.csrf)
        answers = []
        for method, path, body in writes:
            for name, hdrs in (("none", {}), ("wrong", {"X-CSRF-Token": wrong}),
                               ("short", {"X-CSRF-Token": "abc"}),
                               ("long", {"X-CSRF-Token": c.csrf + "x"})):
                st, _, doc = c.request(method, path, body, headers=hdrs, csrf=False)
                self.problem(st, doc, 403, "X-CSRF-Token")
                self.assertIn("X-CSRF-Token", doc["detail"])
                answers.append((name, st, doc["field"], doc["detail"], doc["title"]))
        # wrong and wrong-length tokens get the very same answer
        self.assertEqual(len({a[1:] for a in answers}), 1, answers)
        # nothing was written
        st, _, lst = c.get(API + "/auth/tokens")
        self.assertEqual([t["name"] for t in lst["items"]], ["for csrf"])
        # with the token: the writes pass
        self.assertEqual(c.post(API + "/auth/tokens", {"name": "x"})[0], 201)
        st, _, doc = c.patch("%s/people/%d" % (API, person), {"role": "CTO"})
        self.assertEqual((st, doc.get("role")), (200, "CTO"), doc)
        self.assertEqual(c.delete("%s/auth/tokens/%d" % (API, tok["id"]))[0], 204)
        # reads need none
        self.assertEqual(c.get(API + "/auth/tokens", csrf=False)[0], 200)
        # GET /auth/me gives the session's token back
        self.assertEqual(c.get(API + "/auth/me")[2]["csrf_token"], c.csrf)

    def test_bearer_tokens_need_no_csrf(self):
        c = self.sign_up(self.srv)
        st, _, tok = c.post(API + "/auth/tokens", {"name": "integration"})
        self.assertEqual(st, 201, tok)
        bearer = {"Authorization": "Bearer " + tok["token"]}
        st, _, doc = self.srv.anonymous("PATCH", "%s/people/%d" % (API, c.account["person_id"]),
                                        {"role": "via token"}, headers=bearer)
        self.assertEqual((st, doc.get("role")), (200, "via token"), doc)

    # API tokens ------------------------------------------------------------
    def test_api_tokens(self):
        c = self.sign_up(self.srv)
        st, hdrs, tok = c.post(API + "/auth/tokens", {"name": "my script"})
        self.assertEqual(st, 201, tok)
        self.assertEqual(tok["name"], "my script")
        self.assertRegex(tok["token"], r"^[A-Za-z0-9_-]{30,}$")
        OpenRegistrationTest.tokens_seen = getattr(OpenRegistrationTest, "tokens_seen", [])
        OpenRegistrationTest.tokens_seen.append(tok["token"])
        bearer = {"Authorization": "Bearer " + tok["token"]}
        st, _, me = self.srv.anonymous("GET", API + "/auth/me", headers=bearer)
        self.assertEqual((st, me["email"]), (200, c.email))
        # the list never shows a token
        st, _, lst = c.get(API + "/auth/tokens")
        self.assertEqual(st, 200)
        self.assertEqual([t["name"] for t in lst["items"]], ["my script"])
        self.assertNotIn(tok["token"], json.dumps(lst))
        for t in lst["items"]:
            self.assertNotIn("token", t)
            self.assertNotIn("digest", t)
        # another account cannot revoke it
        other = self.sign_up(self.srv)
        st, _, doc = other.delete("%s/auth/tokens/%d" % (API, tok["id"]))
        self.problem(st, doc, 404)
        # revoked: 401 with a challenge
        self.assertEqual(c.delete("%s/auth/tokens/%d" % (API, tok["id"]))[0], 204)
        st, hdrs, doc = self.srv.anonymous("GET", API + "/auth/me", headers=bearer)
        self.problem(st, doc, 401)
        self.assertIn("Bearer", hdrs.get("www-authenticate", ""))
        # a bad token is a 401 even on a public route
        st, _, doc = self.srv.anonymous("GET", API + "/people", headers=bearer)
        self.problem(st, doc, 401)
        st, _, doc = self.srv.anonymous("GET", API + "/people",
                                        headers={"Authorization": "Basic eDp5"})
        self.problem(st, doc, 401, "Authorization")

    # passwords -------------------------------------------------------------
    def test_password_change(self):
        c = self.sign_up(self.srv)
        other = self.signed_in(self.srv, c.email, c.password)
        st, _, tok = c.post(API + "/auth/tokens", {"name": "survives?"})
        self.assertEqual(st, 201)
        new = secret("a brand new password 42")
        st, _, doc = c.post(API + "/auth/password", {"current_password": secret("wrong guess!!"),
                                                     "new_password": new})
        self.problem(st, doc, 403, "current_password")
        st, _, doc = c.post(API + "/auth/password", {"current_password": c.password,
                                                     "new_password": "short"})
        self.problem(st, doc, 422, "new_password")
        st, _, doc = c.post(API + "/auth/password", {"current_password": c.password,
                                                     "new_password": new})
        self.assertEqual(st, 204, doc)
        self.assertEqual(self.me(c), 200)       # this session stays
        self.assertEqual(self.me(other), 401)   # other sessions end
        st, _, doc = self.srv.anonymous("POST", API + "/auth/sign-in",
                                        {"email": c.email, "password": c.password})
        self.problem(st, doc, 401, "password")
        self.signed_in(self.srv, c.email, new)

    def outbox_code(self, email, kind):
        """The code of the newest outbox message of kind to email."""
        st, _, doc = self.srv.get(API + "/outbox?to=" + email)
        self.assertEqual(st, 200, doc)
        msgs = [m for m in doc["items"] if m["kind"] == kind]
        self.assertTrue(msgs, doc)
        self.assertEqual(msgs[-1]["to"], email)
        m = re.search(r"Your code: (\S+)", msgs[-1]["body"])
        self.assertTrue(m, msgs[-1])
        return m.group(1)

    def test_password_reset_through_the_outbox(self):
        c = self.sign_up(self.srv)
        st, _, known = self.srv.anonymous("POST", API + "/auth/password-reset",
                                          {"email": c.email})
        self.assertEqual(st, 202, known)
        st, _, unknown = self.srv.anonymous("POST", API + "/auth/password-reset",
                                            {"email": self.new_email("nobody")})
        self.assertEqual((st, unknown), (202, known))  # the same answer either way
        code = self.outbox_code(c.email, "password_reset")
        new = secret("reset to this password")
        st, _, doc = self.srv.anonymous("POST", API + "/auth/password-reset/confirm",
                                        {"token": code, "new_password": new})
        self.assertEqual(st, 204, doc)
        self.assertEqual(self.me(c), 401)  # the reset ended every session
        self.signed_in(self.srv, c.email, new)
        st, _, doc = self.srv.anonymous("POST", API + "/auth/sign-in",
                                        {"email": c.email, "password": c.password})
        self.problem(st, doc, 401)
        # the code works once
        st, _, reused = self.srv.anonymous("POST", API + "/auth/password-reset/confirm",
                                           {"token": code, "new_password": secret("third pw!!!!")})
        self.problem(st, reused, 422, "token")
        st, _, bogus = self.srv.anonymous("POST", API + "/auth/password-reset/confirm",
                                          {"token": "no-such-code-" + "x" * 30,
                                           "new_password": "third pw!!!!"})
        self.problem(st, bogus, 422, "token")
        self.assertEqual(reused["detail"], bogus["detail"])
        # an expired code is refused with the same message as an unknown one
        st, _, _ = self.srv.anonymous("POST", API + "/auth/password-reset", {"email": c.email})
        self.assertEqual(st, 202)
        code2 = self.outbox_code(c.email, "password_reset")
        self.assertNotEqual(code2, code)
        _, n = db_sql(self.srv.db, "UPDATE reset_tokens SET expires_at = ? WHERE used_at IS NULL",
                      int(time.time()) - 1)
        self.assertEqual(n, 1)
        st, _, expired = self.srv.anonymous("POST", API + "/auth/password-reset/confirm",
                                            {"token": code2, "new_password": "fourth pw!!!"})
        self.problem(st, expired, 422, "token")
        self.assertEqual(expired["detail"], bogus["detail"])
        self.signed_in(self.srv, c.email, new)  # unchanged

    # last: nothing leaked -----------------------------------------------------
    def test_zz_passwords_never_logged_nor_stored(self):
        """Runs last (by name): every password and token of the tests above."""
        c = self.sign_up(self.srv)  # at least one sign-up and sign-in of its own
        self.signed_in(self.srv, c.email, c.password)
        # the admins' views and a person's export hold no password or hash either
        for path in ("/accounts", "/outbox", "/audit?limit=100"):
            st, _, doc = self.srv.get(API + path)
            self.assertEqual(st, 200, doc)
            no_secret(doc, "GET " + path)
        self.assertEqual(c.get(API + "/me/export")[0], 200)
        time.sleep(0.3)  # the server flushes its log every 100 ms
        log = "".join(self.srv.log)
        self.assertIn("/api/v1/auth/sign-in", log)  # the log did record the requests
        tokens = getattr(OpenRegistrationTest, "tokens_seen", [])
        for pw in SECRETS + tokens:
            self.assertNotIn(pw, log)
        data = db_bytes(self.srv.db)
        self.assertIn(b"$argon2id$", data)  # hashes are there ...
        for pw in SECRETS + tokens:
            self.assertNotIn(pw.encode("utf-8"), data)  # ... passwords and tokens are not


class InvitationTest(AuthTestBase):
    """The default mode (sign-up by invitation), behind TLS (--secure-cookies)."""

    @classmethod
    def setUpClass(cls):
        cls.srv = Server(extra=("--secure-cookies",))
        cls.addClassCleanup(stop, cls.srv)  # also when setUpClass fails
        st, _, doc = cls.srv.post(API + "/organisations",
                                  {"name": "Inviting GmbH", "country": "DE", "kind": "sme"})
        assert st == 201, doc
        cls.org = doc["id"]
        st, _, doc = cls.srv.post(API + "/organisations",
                                  {"name": "Other SA", "country": "FR", "kind": "sme"})
        assert st == 201, doc
        cls.org2 = doc["id"]

    def invite(self, email, caller=None, org=None, **kw):
        body = {"email": email, "organisation_id": org or self.org}
        body.update(kw)
        if caller:
            st, _, doc = caller.post(API + "/auth/invitations", body)
        else:
            st, _, doc = self.srv.post(API + "/auth/invitations", body)
        return st, doc

    def code_for(self, email):
        st, _, doc = self.srv.get(API + "/outbox?to=" + email + "&kind=invitation")
        self.assertEqual(st, 200, doc)
        self.assertEqual(len(doc["items"]), 1, doc)
        return re.search(r"Your code: (\S+)", doc["items"][0]["body"]).group(1)

    def register(self, email, code=None, pw="invited user password"):
        body = {"email": email, "password": secret(pw), "name": "Invited Person"}
        if code:
            body["invitation"] = code
        c = CheckedClient(self.srv)
        st, hdrs, doc = c.post(API + "/auth/register", body)
        return c, st, hdrs, doc

    def test_sign_up_needs_an_invitation(self):
        _, st, _, doc = self.register(self.new_email())
        self.problem(st, doc, 403, "invitation")
        _, st, _, doc = self.register(self.new_email(), code="made-up-code-" + "y" * 30)
        self.problem(st, doc, 422, "invitation")

    def test_invitation_flow(self):
        email = self.new_email("invited")
        st, inv = self.invite(email, name="Invited Person", representative=True)
        self.assertEqual(st, 201, inv)
        self.assertEqual((inv["email"], inv["organisation_id"]), (email, self.org))
        self.assertNotIn("token", inv)
        code = self.code_for(email)
        self.assertNotIn(code, json.dumps(inv))
        # the code is for that e-mail only (and a refusal does not spend it)
        _, st, _, doc = self.register(self.new_email("thief"), code)
        self.problem(st, doc, 422, "email")
        c, st, hdrs, doc = self.register(email, code)
        self.assertEqual(st, 201, doc)
        c.csrf = doc["csrf_token"]
        self.assertEqual(doc["organisation_id"], self.org)
        self.assertEqual([(r["role"], r["scope_id"]) for r in doc["roles"]],
                         [("representative", self.org)])
        line = cookie_line(hdrs)
        self.assertIn("Secure", [a.strip() for a in line.split(";")])
        self.assertIn("HttpOnly", line)
        self.assertIn("SameSite=Strict", line)
        self.assertEqual(self.me(c), 200)
        # used once
        _, st, _, doc = self.register(email.replace("invited", "again"), code)
        self.problem(st, doc, 422, "invitation")
        # the new representative invites for their organisation, not another
        st, doc = self.invite(self.new_email("colleague"), caller=c)
        self.assertEqual(st, 201, doc)
        st, doc = self.invite(self.new_email("stranger"), caller=c, org=self.org2)
        self.problem(st, doc, 403)


class ThrottleTest(AuthTestBase):
    """Failed sign-ins: 5 per e-mail, 30 per address in 15 minutes (own server)."""

    @classmethod
    def setUpClass(cls):
        cls.srv = Server(extra=("--registration", "open"))
        cls.addClassCleanup(stop, cls.srv)  # also when setUpClass fails

    def sign_in(self, email, pw):
        return self.srv.anonymous("POST", API + "/auth/sign-in", {"email": email, "password": pw})

    def test_throttling(self):
        victim = self.sign_up(self.srv)
        bystander = self.sign_up(self.srv)
        wrong = secret("guessing the password")
        for i in range(5):
            st, _, doc = self.sign_in(victim.email, wrong)
            self.problem(st, doc, 401, "password")
        # the 6th attempt within 15 minutes: 429, even with the right password
        for pw in (wrong, victim.password):
            st, hdrs, doc = self.sign_in(victim.email.upper(), pw)
            self.problem(st, doc, 429, "email")
            self.assertGreater(int(hdrs.get("retry-after", "0")), 0, hdrs)
        # the account's sessions are untouched; other accounts sign in
        self.assertEqual(self.me(victim), 200)
        self.signed_in(self.srv, bystander.email, bystander.password)
        # per address: 30 failures from one address, whatever the e-mails
        for i in range(25):
            st, _, doc = self.sign_in(self.new_email("spray"), wrong)
            self.problem(st, doc, 401)
        st, hdrs, doc = self.sign_in(bystander.email, bystander.password)
        self.problem(st, doc, 429)
        self.assertTrue(hdrs.get("retry-after"))


if __name__ == "__main__":
    unittest.main()
