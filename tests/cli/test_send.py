"""Black-box tests of `liaison send`, the outbox sender, against real SMTP
servers started here on 127.0.0.1: aiosmtpd (Debian's python3-aiosmtpd)
accepting, refusing (5xx), deferring (4xx) or asking for a password, and a
bare socket that drops every connection. Every message delivered is parsed
with Python's email package; every outcome is read back from the outbox.
"""
import asyncio
import email
import email.policy
import email.utils
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import BIN, Server, run_cli  # noqa: E402

try:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult
except ImportError:  # Debian's python3-aiosmtpd, when python3 is not Debian's
    sys.path.append("/usr/lib/python3/dist-packages")
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

API = "/api/v1"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Handler:
    """Keeps what arrives; refuses recipients in `refuse` (5xx) and defers
    those in `defer` (4xx) as often as `defer` says (-1: always)."""

    def __init__(self):
        self.messages = []
        self.refuse = set()
        self.defer = {}
        self.rcpt_tries = {}
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            self.rcpt_tries[address] = self.rcpt_tries.get(address, 0) + 1
            if address in self.refuse:
                return "550 5.1.1 <%s>: mailbox unavailable, 用户不存在" % address
            left = self.defer.get(address, 0)
            if left:
                self.defer[address] = left - 1 if left > 0 else left
                return "451 4.3.0 greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append((envelope.mail_from, list(envelope.rcpt_tos),
                                  bytes(envelope.original_content or envelope.content)))
        return "250 2.0.0 queued as test"

    def parsed(self):
        with self.lock:
            return [email.message_from_bytes(m[2], policy=email.policy.default)
                    for m in self.messages]


class Authenticator:
    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == b"liaison" and auth_data.password == "s3cret-密码".encode()
        return AuthResult(success=ok, handled=False)


class SmtpServer:
    """aiosmtpd on a free port of 127.0.0.1; stopped by stop()."""

    def __init__(self, auth=False):
        self.handler = Handler()
        self.port = free_port()
        kw = {}
        if auth:
            kw = {"authenticator": Authenticator(), "auth_required": True,
                  "auth_require_tls": False}
        self.ctl = Controller(self.handler, hostname="127.0.0.1", port=self.port,
                              server_kwargs=kw)
        self.ctl.start()

    def url(self):
        return "smtp://127.0.0.1:%d" % self.port

    def stop(self):
        self.ctl.stop()


class Dropper:
    """Accepts connections and closes them at once: a server that drops."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            conn.close()

    def stop(self):
        self.sock.close()


def send(db, url, *extra, env=None):
    rc, out, err = run_cli("send", "--db", db, "--smtp-url", url, "--starttls", "off",
                           "--once", "--from", "fair@liaison.example",
                           "--from-name", "中欧对接会 liaison", *extra, env=env)
    return rc, out, err


class Outbox:
    """Rows put straight into a migrated database, and read back."""

    def __init__(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="liaison-send-")
        self.db = os.path.join(self.tmp.name, "t.db")
        rc, _, err = run_cli("migrate", "--db", self.db)
        assert rc == 0, err

    def add(self, to, subject="测试 test", body="正文 body\nline 2", kind="meeting_request"):
        with sqlite3.connect(self.db) as c:
            cur = c.execute("INSERT INTO outbox(to_email, kind, subject, body, created_at)"
                            " VALUES (?, ?, ?, ?, '2026-05-13T01:00:00Z')",
                            (to, kind, subject, body))
            return cur.lastrowid

    def rows(self):
        with sqlite3.connect(self.db) as c:
            c.row_factory = sqlite3.Row
            return {r["id"]: dict(r) for r in c.execute("SELECT * FROM outbox")}

    def close(self):
        self.tmp.cleanup()


def outbox_id(msg):
    # Message-ID <liaison.ID.RANDOM@domain>
    return int(msg["Message-ID"].split(".")[1])


class SendTest(unittest.TestCase):
    def setUp(self):
        self.smtp = SmtpServer()
        self.addCleanup(self.smtp.stop)
        self.box = Outbox()
        self.addCleanup(self.box.close)

    def test_a_meeting_request_notice_delivered_and_parsed(self):
        with Server(demo=True) as srv:
            st, _, ev = srv.get(API + "/events/eu-cn-fair-2026")
            yang = srv.get(API + "/people/p-cn-chengdu-2")[2]
            shen = srv.get(API + "/people/p-cn-hangzhou-1")[2]
            st, _, req = srv.post(API + "/meeting-requests", {
                "event_id": ev["id"], "requester_id": yang["id"], "invitee_id": shen["id"],
                "message": "一起聊聊交通 / let us talk mobility — à bientôt"})
            self.assertEqual(st, 201, req)
            st, _, before = srv.get(API + "/outbox?kind=meeting_request&to=" + shen["email"])
            self.assertEqual(st, 200)
            self.assertEqual(before["items"][-1]["state"], "queued")
            rc, out, err = send(srv.db, self.smtp.url())
            self.assertEqual(rc, 0, err)
            st, _, after = srv.get(API + "/outbox?limit=200")
            self.assertTrue(all(m["state"] == "sent" for m in after["items"]), after)
            self.assertEqual(out.strip(), '{"sent": %d, "retried": 0, "failed": 0, '
                             '"lost_claims": 0}' % len(after["items"]))
        msgs = [m for m in self.smtp.handler.parsed() if m["To"].addresses[0].addr_spec ==
                shen["email"] and "一起聊聊交通" in m.get_body(("plain",)).get_content()]
        self.assertEqual(len(msgs), 1)
        m = msgs[0]
        self.assertIn(yang["name"], str(m["Subject"]))
        self.assertEqual(m["From"].addresses[0].display_name, "中欧对接会 liaison")
        self.assertEqual(m["From"].addresses[0].addr_spec, "fair@liaison.example")
        self.assertTrue(m["Message-ID"].endswith("@liaison.example>"))
        self.assertIsNotNone(email.utils.parsedate_to_datetime(str(m["Date"])).tzinfo)
        self.assertEqual(m["MIME-Version"], "1.0")
        body = m.get_body(("plain",))
        self.assertEqual(body.get_content_charset(), "utf-8")
        self.assertIn("à bientôt", body.get_content())
        # the raw subject is RFC 2047 words, no line over 78 characters
        raw = [r for r in self.smtp.handler.messages if shen["email"] in r[1]][0][2]
        head = raw.split(b"\r\n\r\n", 1)[0]
        self.assertIn(b"=?UTF-8?B?", head)
        self.assertTrue(all(len(line) <= 78 for line in head.split(b"\r\n")), head)

    def test_list_unsubscribe_names_the_account_page(self):
        self.box.add("a@x.example", kind="password_reset")
        rc, _, err = send(self.box.db, self.smtp.url(), "--base-url", "https://fair.example.org")
        self.assertEqual(rc, 0, err)
        (m,) = self.smtp.handler.parsed()
        self.assertEqual(m["List-Unsubscribe"], "<https://fair.example.org/account>")
        self.assertEqual(m["Auto-Submitted"], "auto-generated")

    def test_one_click_unsubscribe_from_a_received_message(self):
        """RFC 8058: the received message's List-Unsubscribe URL, POSTed with
        List-Unsubscribe=One-Click and no session, opts its recipient out of
        that kind; the next one is skipped, the other kinds still go."""
        base = "https://fair.example.org"
        with Server(demo=True) as srv:
            st, _, ev = srv.get(API + "/events/eu-cn-fair-2026")
            yang = srv.get(API + "/people/p-cn-chengdu-2")[2]
            shen = srv.get(API + "/people/p-cn-hangzhou-1")[2]

            def ask(requester):
                st, _, req = srv.post(API + "/meeting-requests", {
                    "event_id": ev["id"], "requester_id": requester["id"],
                    "invitee_id": shen["id"], "message": "一起聊聊交通"})
                self.assertEqual(st, 201, req)
                return req
            ask(yang)
            rc, _, err = send(srv.db, self.smtp.url(), "--base-url", base)
            self.assertEqual(rc, 0, err)
            (m,) = [m for m in self.smtp.handler.parsed()
                    if m["To"].addresses[0].addr_spec == shen["email"]]
            self.assertEqual(m["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click")
            link = str(m["List-Unsubscribe"])
            self.assertTrue(link.startswith("<" + base + "/api/v1/unsubscribe?") and
                            link.endswith(">"), link)
            url = link[1 + len(base):-1]
            form = {"Content-Type": "application/x-www-form-urlencoded"}
            # a forged or damaged link, or another body, changes nothing
            forged = url[:-3] + ("AAA" if not url.endswith("AAA") else "BBB")
            for path, body, field in ((forged, b"List-Unsubscribe=One-Click", "s"),
                                      (url.replace("k=meeting_request", "k=reminder"),
                                       b"List-Unsubscribe=One-Click", "s"),
                                      (url.replace("k=meeting_request", "k=password_reset"),
                                       b"List-Unsubscribe=One-Click", "k"),
                                      (url, b"List-Unsubscribe=Yes", "List-Unsubscribe")):
                st, _, doc = srv.anonymous("POST", path, headers=form, raw=body)
                self.assertEqual((st, doc.get("field")), (400, field), (path, doc))
            shen_c = srv.demo_client("participant2")
            st, _, prefs = shen_c.get(API + "/me/notifications")
            self.assertEqual(prefs["off"], [])
            # the click itself: no cookie, no CSRF token, the body of RFC 8058
            st, _, doc = srv.anonymous("POST", url, headers=form,
                                       raw=b"List-Unsubscribe=One-Click")
            self.assertEqual(st, 200, doc)
            self.assertEqual(doc, {"kind": "meeting_request", "off": True})
            st, _, prefs = shen_c.get(API + "/me/notifications")
            self.assertEqual(prefs["off"], ["meeting_request"])
            # a second click is the same answer; the next request notice is skipped
            st, _, doc = srv.anonymous("POST", url, headers=form,
                                       raw=b"List-Unsubscribe=One-Click\r\n")
            self.assertEqual(st, 200, doc)
            ask(srv.get(API + "/people/p-fi-mobisync-2")[2])
            before = len(self.smtp.handler.messages)
            rc, _, err = send(srv.db, self.smtp.url(), "--base-url", base)
            self.assertEqual(rc, 0, err)
            st, _, box = srv.get(API + "/outbox?kind=meeting_request&to=" + shen["email"])
            self.assertEqual([x["state"] for x in box["items"]], ["sent", "skipped"])
            self.assertEqual(len(self.smtp.handler.messages), before)
        # a kind one cannot opt out of keeps the account page, without one click
        self.box.add("a@x.example", kind="password_reset")
        rc, _, err = send(self.box.db, self.smtp.url(), "--base-url", base)
        self.assertEqual(rc, 0, err)
        m = [m for m in self.smtp.handler.parsed() if m["To"].addresses[0].addr_spec ==
             "a@x.example"][0]
        self.assertEqual(m["List-Unsubscribe"], "<%s/account>" % base)
        self.assertIsNone(m["List-Unsubscribe-Post"])

    def test_long_chinese_subject_folds_and_decodes(self):
        subject = "您的会议日程已发布：" + "城市交通与绿色能源合作洽谈" * 6
        self.box.add("a@x.example", subject=subject, body="一\n二\r\n三")
        rc, _, err = send(self.box.db, self.smtp.url())
        self.assertEqual(rc, 0, err)
        (m,) = self.smtp.handler.parsed()
        self.assertEqual(str(m["Subject"]), subject)
        self.assertEqual(m.get_body(("plain",)).get_content().replace("\r\n", "\n"),
                         "一\n二\n三")

    def test_refused_recipient_fails_once_with_the_answer(self):
        ok = self.box.add("ok@x.example")
        bad = self.box.add("nobody@x.example")
        self.smtp.handler.refuse.add("nobody@x.example")
        rc, out, err = send(self.box.db, self.smtp.url(), "--retry-ms", "20")
        self.assertEqual(rc, 0, err)
        rows = self.box.rows()
        self.assertEqual(rows[ok]["state"], "sent")
        self.assertEqual(rows[bad]["state"], "failed")
        self.assertEqual(rows[bad]["attempts"], 1)
        self.assertIn("550", rows[bad]["answer"])
        self.assertIn("mailbox unavailable", rows[bad]["answer"])
        self.assertEqual(self.smtp.handler.rcpt_tries["nobody@x.example"], 1)
        self.assertEqual(len(self.smtp.handler.messages), 1)

    def test_deferred_is_retried_with_backoff_then_sent_or_failed(self):
        later = self.box.add("later@x.example")
        never = self.box.add("never@x.example")
        self.smtp.handler.defer = {"later@x.example": 2, "never@x.example": -1}
        rc, out, err = send(self.box.db, self.smtp.url(), "--retry-ms", "30",
                            "--max-attempts", "4")
        self.assertEqual(rc, 0, err)
        rows = self.box.rows()
        self.assertEqual(rows[later]["state"], "sent")
        self.assertEqual(rows[later]["attempts"], 3)
        self.assertEqual(rows[never]["state"], "failed")
        self.assertEqual(rows[never]["attempts"], 4)
        self.assertIn("after 4 attempts", rows[never]["answer"])
        self.assertIn("451", rows[never]["answer"])
        self.assertEqual(self.smtp.handler.rcpt_tries["never@x.example"], 4)
        self.assertEqual(len(self.smtp.handler.messages), 1)
        self.assertIn('"retried": 5', out)
        # every attempt of a message carries the same Message-ID
        (m,) = self.smtp.handler.parsed()
        self.assertEqual(outbox_id(m), later)
        self.assertEqual(m["Message-ID"], rows[later]["message_id"])

    def test_dropped_connections_and_no_server_retry_then_fail(self):
        dropper = Dropper()
        self.addCleanup(dropper.stop)
        a = self.box.add("a@x.example")
        rc, out, err = send(self.box.db, "smtp://127.0.0.1:%d" % dropper.port, "--retry-ms", "20",
                            "--max-attempts", "3", "--timeout", "5")
        self.assertEqual(rc, 0, err)
        row = self.box.rows()[a]
        self.assertEqual((row["state"], row["attempts"]), ("failed", 3))
        self.assertIn("after 3 attempts", row["answer"])
        self.assertGreaterEqual(dropper.accepted, 3)
        b = self.box.add("b@x.example")
        dead = free_port()
        rc, out, err = send(self.box.db, "smtp://127.0.0.1:%d" % dead, "--retry-ms", "20",
                            "--max-attempts", "2")
        self.assertEqual(rc, 0, err)
        row = self.box.rows()[b]
        self.assertEqual((row["state"], row["attempts"]), ("failed", 2))
        self.assertIn("onnect", row["answer"])
        # the one that failed stays failed: a later run against a good server sends nothing
        rc, out, err = send(self.box.db, self.smtp.url())
        self.assertEqual(rc, 0, err)
        self.assertEqual(self.smtp.handler.messages, [])

    def test_two_senders_deliver_each_message_once(self):
        ids = [self.box.add("p%d@x.example" % i, subject="消息 %d" % i) for i in range(120)]
        procs = [subprocess.Popen([BIN, "send", "--db", self.box.db, "--smtp-url",
                                   self.smtp.url(), "--starttls", "off", "--once",
                                   "--batch", "7"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for _ in range(2)]
        outs = [p.communicate(timeout=120) for p in procs]
        for p, (out, err) in zip(procs, outs):
            self.assertEqual(p.returncode, 0, err)
        got = sorted(outbox_id(m) for m in self.smtp.handler.parsed())
        self.assertEqual(got, sorted(ids))
        rows = self.box.rows()
        self.assertTrue(all(r["state"] == "sent" and r["attempts"] == 1 for r in rows.values()))
        sent = [int(o[0].decode().split('"sent": ')[1].split(",")[0]) for o in outs]
        self.assertEqual(sum(sent), 120)

    def test_a_lapsed_claim_is_failed_not_sent_again(self):
        a = self.box.add("a@x.example")
        with sqlite3.connect(self.box.db) as c:
            c.execute("UPDATE outbox SET state = 'sending', claim = 'dead-sender',"
                      " claimed_until = 1000 WHERE id = ?", (a,))
        rc, out, err = send(self.box.db, self.smtp.url())
        self.assertEqual(rc, 0, err)
        row = self.box.rows()[a]
        self.assertEqual(row["state"], "failed")
        self.assertIn("at most once", row["answer"])
        self.assertEqual(self.smtp.handler.messages, [])

    def test_opted_out_kind_is_skipped(self):
        a = self.box.add("Out@X.example", kind="reminder")
        b = self.box.add("out@x.example", kind="password_reset")
        with sqlite3.connect(self.box.db) as c:
            c.execute("INSERT INTO notice_optouts(email, kind, created_at)"
                      " VALUES ('out@x.example', 'reminder', '2026-01-01T00:00:00Z')")
        rc, out, err = send(self.box.db, self.smtp.url())
        self.assertEqual(rc, 0, err)
        rows = self.box.rows()
        self.assertEqual(rows[a]["state"], "skipped")
        self.assertEqual(rows[b]["state"], "sent")
        self.assertEqual(len(self.smtp.handler.messages), 1)

    def test_rate_limit(self):
        for i in range(6):
            self.box.add("r%d@x.example" % i)
        rc, out, err = send(self.box.db, self.smtp.url(), "--rate", "10")
        self.assertEqual(rc, 0, err)
        with sqlite3.connect(self.box.db) as c:
            times = [r[0] for r in c.execute("SELECT sent_at FROM outbox ORDER BY id")]
        self.assertEqual(len(self.smtp.handler.messages), 6)
        # 6 messages at 10 per second take at least 0.5 s: read from the server's arrival
        # order is not enough, so time the run itself
        import time
        for i in range(6):
            self.box.add("s%d@x.example" % i)
        t0 = time.monotonic()
        rc, out, err = send(self.box.db, self.smtp.url(), "--rate", "10")
        self.assertGreaterEqual(time.monotonic() - t0, 0.5)
        self.assertEqual(len(times), 6)

    def test_usage_errors(self):
        rc, _, err = run_cli("send", "--db", self.box.db)
        self.assertEqual(rc, 2)
        self.assertIn("--smtp-url", err)
        rc, _, err = run_cli("send", "--db", self.box.db, "--smtp-url", "http://x")
        self.assertEqual(rc, 2)
        rc, _, err = run_cli("send", "--db", self.box.db, "--smtp-url", self.smtp.url(),
                             "--rate", "0")
        self.assertEqual(rc, 2)
        self.assertIn("--rate", err)
        rc, _, err = run_cli("send", "--db", self.box.db, "--smtp-url", self.smtp.url(),
                             "--smtp-password-file", "/nonexistent/pw")
        self.assertEqual(rc, 1)
        self.assertIn("--smtp-password-file", err)


class AuthTest(unittest.TestCase):
    def setUp(self):
        self.smtp = SmtpServer(auth=True)
        self.addCleanup(self.smtp.stop)
        self.box = Outbox()
        self.addCleanup(self.box.close)

    def test_password_from_a_file_or_the_environment(self):
        a = self.box.add("a@x.example")
        pw = os.path.join(self.box.tmp.name, "pw")
        with open(pw, "w", encoding="utf-8") as f:
            f.write("s3cret-密码\n")
        rc, out, err = send(self.box.db, self.smtp.url(), "--smtp-user", "liaison",
                            "--smtp-password-file", pw)
        self.assertEqual(rc, 0, err)
        self.assertEqual(self.box.rows()[a]["state"], "sent")
        b = self.box.add("b@x.example")
        rc, out, err = send(self.box.db, self.smtp.url(),
                            env={"LIAISON_SMTP_USER": "liaison",
                                 "LIAISON_SMTP_PASSWORD": "s3cret-密码"})
        self.assertEqual(rc, 0, err)
        self.assertEqual(self.box.rows()[b]["state"], "sent")
        c = self.box.add("c@x.example")
        rc, out, err = send(self.box.db, self.smtp.url(), "--smtp-user", "liaison",
                            "--max-attempts", "1", env={"LIAISON_SMTP_PASSWORD": "wrong"})
        self.assertEqual(rc, 0, err)
        row = self.box.rows()[c]
        self.assertEqual(row["state"], "failed")
        self.assertIn("535", row["answer"])
        self.assertEqual(len(self.smtp.handler.messages), 2)


if __name__ == "__main__":
    unittest.main()
