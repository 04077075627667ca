"""Two app nodes on one PostgreSQL database behind a real nginx.

Runs under tests/pg/cluster.sh ($LIAISON_TEST_PG). Two `liaison serve`
processes share one fresh database of the cluster; Debian's nginx
(nginx-light) balances them round robin on a free 127.0.0.1 port. Every
process is started by the test and stopped whatever happens.

- a session opened on one node works on the other (sessions in the database);
- parallel accepts of one request, sent to both nodes, are decided once;
- parallel publishes of an event's schedule leave exactly one schedule;
- the per-person daily cap under parallel requests to both nodes: exactly N
  succeed, the others are refused with 409, 422 or 429, none with 5xx;
- the recommendations' cache on one node sees the other node's writes;
- a collation first named on both nodes at once is created once.
"""
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import DEMO_ACCOUNTS, PG, Client, Server, fresh_db, http_request  # noqa: E402

API = "/api/v1"
CAP = 3
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
SECRET = "s3cret-pg-password"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    """nginx in front of the nodes' ports, in its own temporary folder."""

    def __init__(self, ports):
        self.tmp = tempfile.TemporaryDirectory(prefix="liaison-nginx-")
        d = self.tmp.name
        os.chmod(d, 0o755)  # as root, the workers run as nobody
        self.port = free_port()
        user = "user nobody nogroup;\n" if os.getuid() == 0 else ""
        servers = "".join("server 127.0.0.1:%d;\n" % p for p in ports)
        conf = os.path.join(d, "nginx.conf")
        with open(conf, "w") as f:
            f.write(user + """worker_processes 1;
pid %(d)s/nginx.pid;
error_log %(d)s/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path %(d)s/body;
  proxy_temp_path %(d)s/proxy;
  fastcgi_temp_path %(d)s/fastcgi;
  uwsgi_temp_path %(d)s/uwsgi;
  scgi_temp_path %(d)s/scgi;
  upstream liaison { %(servers)s keepalive 16; }
  server {
    listen 127.0.0.1:%(port)d;
    location / {
      proxy_pass http://liaison;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
    }
  }
}
""" % {"d": d, "servers": servers, "port": self.port})
        self.proc = subprocess.Popen([NGINX, "-p", d, "-c", conf, "-g", "daemon off;"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 20
        while True:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode("utf-8", "replace")
                self.tmp.cleanup()
                raise RuntimeError("nginx did not start: " + err)
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if time.time() > deadline:
                    self.stop()
                    raise RuntimeError("nginx did not listen on %d" % self.port)
                time.sleep(0.05)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stderr.close()
        self.tmp.cleanup()


class At:
    """Stands for a server in Client(): only its port is used."""

    def __init__(self, port):
        self.port = port


def on(client, node):
    """A copy of client (the same session) that talks to node."""
    c = Client(node)
    c.cookie, c.csrf, c.account = client.cookie, client.csrf, client.account
    return c


def parallel(calls):
    """Runs the calls at once (each in its own thread, released together)."""
    results = [None] * len(calls)
    gate = threading.Barrier(len(calls))

    def run(i, fn):
        gate.wait()
        try:
            results[i] = fn()
        except Exception as exc:  # noqa: BLE001 - reported as a result
            results[i] = (0, {}, repr(exc))

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


@unittest.skipUnless(PG, "needs $LIAISON_TEST_PG (tests/pg/cluster.sh)")
class TwoNodes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="liaison-2nodes-")
        cls.addClassCleanup(cls.tmp.cleanup)
        db = fresh_db(cls.tmp.name)
        extra = ("--requests-per-day", str(CAP), "--registration", "open")
        # node a names a password (the cluster trusts local users): never shown
        cls.a = Server(demo=True, db=db.replace("://liaison@", "://liaison:%s@" % SECRET),
                       extra=extra)
        cls.addClassCleanup(cls.a.__exit__, None, None, None)
        cls.b = Server(db=db, extra=extra)
        cls.addClassCleanup(cls.b.__exit__, None, None, None)
        cls.nginx = Nginx([cls.a.port, cls.b.port])
        cls.addClassCleanup(cls.nginx.stop)
        cls.lb = At(cls.nginx.port)
        cls.ids = {}
        for name, path in (("event", "events/eu-cn-fair-2026"),
                           ("org_part", "organisations/cn-chengdu")):
            st, _, doc = cls.a.get("%s/%s" % (API, path))
            assert st == 200, (path, st, doc)
            cls.ids[name] = doc["id"]

    def node_errors(self):
        return [line for srv in (self.a, self.b) for line in srv.log if " error " in line]

    def newcomer(self, name):
        """A new participant of the demo fair, signed up on node a: (client, person)."""
        c = self.a.client()
        st, _, doc = c.post(API + "/auth/register", {
            "email": name + "@example.org", "password": "a newcomer's password",
            "name": name, "organisation_id": self.ids["org_part"]})
        self.assertEqual(st, 201, doc)
        c.csrf = doc["csrf_token"]
        st, _, reg = c.post(API + "/registrations", {
            "event_id": self.ids["event"], "person_id": doc["person_id"],
            "attendance": "online"})
        self.assertEqual(st, 201, reg)
        return c, doc["person_id"]

    def person_of(self, client):
        st, _, me = client.get(API + "/auth/me")
        self.assertEqual(st, 200, me)
        return me["person_id"]

    def test_1_session_opened_on_one_node_works_on_the_other(self):
        c = Client(self.a, *DEMO_ACCOUNTS["participant"])
        me = self.person_of(c)
        on_b = on(c, self.b)
        self.assertEqual(self.person_of(on_b), me)
        # a write with the session's CSRF token, on the other node
        st, _, doc = on_b.patch("%s/people/%d" % (API, me), {"role": "Head of 交通 projects"})
        self.assertEqual(st, 200, doc)
        st, _, doc = on(c, self.a).get("%s/people/%d" % (API, me))
        self.assertEqual(doc.get("role"), "Head of 交通 projects", doc)
        # through nginx, every request of the session lands on one node or the other
        via = on(c, self.lb)
        for _ in range(6):
            self.assertEqual(self.person_of(via), me)
        # signing out on b ends the session on a
        st, _, doc = on_b.post(API + "/auth/sign-out")
        self.assertIn(st, (200, 204), doc)
        st, _, doc = on(c, self.a).get(API + "/auth/me")
        self.assertEqual(st, 401, doc)

    def test_2_parallel_accepts_are_decided_once(self):
        asker, me = self.newcomer("accept-asker")
        invitee = Client(self.a, *DEMO_ACCOUNTS["participant2"])
        st, _, req = asker.post(API + "/meeting-requests", {
            "event_id": self.ids["event"], "requester_id": me,
            "invitee_id": self.person_of(invitee), "message": "二つのノードで会いましょう"})
        self.assertEqual(st, 201, req)
        path = "%s/meeting-requests/%d/accept" % (API, req["id"])
        nodes = [on(invitee, n) for n in (self.a, self.b, self.lb)] * 3
        results = parallel([lambda c=c: c.post(path) for c in nodes])
        statuses = sorted(r[0] for r in results)
        self.assertEqual(statuses.count(200), 1, results)
        self.assertEqual(statuses.count(409), len(nodes) - 1, results)
        st, _, doc = self.b.get("%s/meetings?event=%d&person=%d&limit=100"
                                % (API, self.ids["event"], me))
        self.assertEqual(st, 200, doc)
        made = [m for m in doc["items"] if m.get("request_id") == req["id"]]
        self.assertEqual(len(made), 1, doc)

    def test_3_parallel_publishes_leave_one_schedule(self):
        path = "%s/events/%d/schedule" % (API, self.ids["event"])
        body = {"publish": True, "keep_published": False}
        results = parallel([lambda n=n: n.post(path, body) for n in (self.a, self.b) * 3])
        for st, _, doc in results:
            self.assertEqual(st, 200, doc)
            self.assertTrue(doc["published"], doc)
        meetings, cursor = [], None
        while True:
            st, _, page = self.a.get("%s/meetings?event=%d&limit=200%s" % (
                API, self.ids["event"], "&cursor=" + cursor if cursor else ""))
            self.assertEqual(st, 200, page)
            meetings += page["items"]
            cursor = page["next"]
            if not cursor:
                break
        stored = {m["id"]: (m.get("slot_id"), m.get("table"), m["online"]) for m in meetings}
        # the stored schedule is the whole answer of one of the publishes
        answers = [{s["meeting"]: (s["slot"], s.get("table"), s.get("online", False))
                    for s in doc["scheduled"]} for _, _, doc in results]
        placed = {mid: v for mid, v in stored.items() if v[0] is not None}
        self.assertIn(placed, answers)
        # and a valid one: one meeting per table and slot, a person once per slot
        tables, people = set(), set()
        for m in meetings:
            if m.get("slot_id") is None:
                continue
            if m.get("table") is not None:
                self.assertNotIn((m["slot_id"], m["table"]), tables, m)
                tables.add((m["slot_id"], m["table"]))
            for p in m["participants"]:
                self.assertNotIn((m["slot_id"], p), people, m)
                people.add((m["slot_id"], p))
        st, _, ev = self.b.get("%s/events/%d" % (API, self.ids["event"]))
        self.assertIn(ev["schedule_published_at"],
                      [doc["schedule_published_at"] for _, _, doc in results])

    def test_4_daily_cap_under_parallel_requests_to_both_nodes(self):
        asker, me = self.newcomer("cap-asker")
        regs, cursor = [], None
        while True:
            st, _, page = self.a.get("%s/registrations?event=%d&limit=100%s" % (
                API, self.ids["event"], "&cursor=" + cursor if cursor else ""))
            self.assertEqual(st, 200, page)
            regs += page["items"]
            cursor = page["next"]
            if not cursor:
                break
        invitees = sorted({r["person_id"] for r in regs} - {me})[:12]
        self.assertEqual(len(invitees), 12)
        nodes = [self.a, self.b, self.lb]
        calls = [lambda i=i, p=p: on(asker, nodes[i % 3]).post(API + "/meeting-requests", {
            "event_id": self.ids["event"], "requester_id": me, "invitee_id": p,
            "message": "Rendez-vous à la foire ?"}) for i, p in enumerate(invitees)]
        results = parallel(calls)
        statuses = [r[0] for r in results]
        self.assertEqual(statuses.count(201), CAP, results)
        for st, _, doc in results:
            if st != 201:
                self.assertIn(st, (409, 422, 429), doc)
                self.assertEqual(doc.get("field"), "requester_id", doc)
        st, _, doc = self.b.get("%s/meeting-requests?person=%d&limit=100" % (API, me))
        self.assertEqual(len([r for r in doc["items"] if r["requester_id"] == me]), CAP, doc)

    def test_5_a_cache_on_one_node_sees_the_other_nodes_writes(self):
        path = "%s/organisations/fi-mobisync/recommendations?top=5" % API
        st, _, before = self.a.get(path)
        self.assertEqual(st, 200, before)
        first = before["matches"][0]
        name = "%s (更名 renommée)" % first["name"]
        st, _, doc = self.b.patch("%s/organisations/%d" % (API, first["id"]), {"name": name})
        self.assertEqual(st, 200, doc)
        st, _, after = self.a.get(path)
        self.assertEqual(st, 200, after)
        names = {m["id"]: m["name"] for m in after["matches"]}
        self.assertEqual(names.get(first["id"]), name, after)

    def test_6_first_use_of_a_collation_on_both_nodes_at_once(self):
        # each language's ICU collation is created by the first statement that names it
        for lang in ("fi", "de", "ja", "pt"):
            path = "%s/organisations?sort=name&sort_lang=%s&limit=5" % (API, lang)
            results = parallel([lambda n=n: n.get(path) for n in (self.a, self.b) * 4])
            self.assertEqual([r[0] for r in results], [200] * 8, results)
            self.assertEqual(len({repr(r[2]) for r in results}), 1, results)

    def test_9_no_server_error_on_either_node(self):
        for srv in (self.a, self.b):
            self.assertIsNone(srv.proc.poll())
        self.assertEqual(self.node_errors(), [])
        log = "".join(self.a.log)
        self.assertIn("loaded into postgresql://liaison:***@/", log)
        self.assertNotIn(SECRET, log)


if __name__ == "__main__":
    unittest.main(verbosity=2)
