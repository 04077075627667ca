"""Helpers for the black-box tests: run the real liaison binary.

The binary is $LIAISON_BIN and the repository $LIAISON_SOURCE_DIR (both set
by CTest). Servers listen on 127.0.0.1 on a port the kernel picks (the
server prints it), with a database in a fresh temporary directory - or,
when $LIAISON_TEST_PG names a PostgreSQL database (tests/pg/cluster.sh sets
it), a fresh database of that cluster (fresh_db).
"""
import json
import os
import re
import signal
import subprocess
import tempfile
import threading
import http.client

BIN = os.environ.get("LIAISON_BIN", "build/release/liaison")
SOURCE_DIR = os.environ.get("LIAISON_SOURCE_DIR", os.getcwd())


def run_cli(*args, stdin=None, env=None, timeout=120):
    """Runs `liaison ARGS`; returns (exit status, stdout, stderr) as text."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    p = subprocess.run([BIN, *args], input=stdin, capture_output=True,
                       env=full_env, timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


PG = os.environ.get("LIAISON_TEST_PG")
_pg_count = [0]


def db_sql(db, query, *args):
    """Runs one SQL statement (SQLite's spelling, ? placeholders) on the database
    db names (a file or a postgresql:// URI); returns (rows, rowcount)."""
    if not db.startswith("postgresql:"):
        import sqlite3
        con = sqlite3.connect(db, timeout=10)
        try:
            with con:
                cur = con.execute(query, args)
                return cur.fetchall(), cur.rowcount
        finally:
            con.close()
    try:
        import psycopg2
    except ImportError:  # Debian's python3-psycopg2, when python3 is not Debian's
        import sys
        sys.path.append("/usr/lib/python3/dist-packages")
        import psycopg2
    con = psycopg2.connect(db)
    try:
        with con:
            cur = con.cursor()
            cur.execute(query.replace(" COLLATE NOCASE", "").replace("?", "%s"), args)
            return (cur.fetchall() if cur.description else []), cur.rowcount
    finally:
        con.close()


def db_connect_raw(db):
    """A connection to the database db names, outside any transaction (the
    caller begins one): (connection, True when PostgreSQL)."""
    if not db.startswith("postgresql:"):
        import sqlite3
        return sqlite3.connect(db, timeout=10, isolation_level=None), False
    try:
        import psycopg2
    except ImportError:
        import sys
        sys.path.append("/usr/lib/python3/dist-packages")
        import psycopg2
    con = psycopg2.connect(db)
    con.autocommit = True
    return con, True


def db_bytes(db):
    """Everything stored in the database db names: an SQLite file and its
    write-ahead log, or a PostgreSQL database as pg_dump writes it."""
    if db.startswith("postgresql:"):
        return subprocess.run(["pg_dump", "--data-only", db], check=True,
                              capture_output=True).stdout
    data = b""
    for suffix in ("", "-wal"):
        if os.path.exists(db + suffix):
            with open(db + suffix, "rb") as f:
                data += f.read()
    return data


def fresh_db(tmpdir):
    """A new, empty database: an SQLite file in tmpdir, or a new database of the
    PostgreSQL cluster of $LIAISON_TEST_PG (its URI)."""
    if not PG:
        return os.path.join(tmpdir, "test.db")
    _pg_count[0] += 1
    name = "t%d_%d" % (os.getpid(), _pg_count[0])
    subprocess.run(["psql", PG, "-qc", "CREATE DATABASE " + name], check=True,
                   capture_output=True)
    base, _, query = PG.partition("?")
    return base.rsplit("/", 1)[0] + "/" + name + ("?" + query if query else "")


ADMIN_EMAIL = "admin@test.example"
ADMIN_PASSWORD = "test-admin-password"

# The demo accounts of data/demo/accounts.json, by role.
DEMO_ACCOUNTS = {
    "admin": ("admin@demo.liaison.example", "demo-admin-pass"),
    "organiser": ("organiser@demo.liaison.example", "demo-organiser-pass"),
    "representative": ("rep@demo.liaison.example", "demo-rep-pass"),
    "participant": ("participant@demo.liaison.example", "demo-participant-pass"),
    "participant2": ("participant2@demo.liaison.example", "demo-participant-pass"),
    "jury": ("jury@demo.liaison.example", "demo-jury-pass"),
    "desk": ("desk@demo.liaison.example", "demo-desk-pass"),
}


def http_request(port, method, path, body=None, headers=None, raw=None):
    """Returns (status, headers dict, parsed JSON or raw bytes)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    hdrs = dict(headers or {})
    data = raw
    if body is not None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        hdrs.setdefault("Content-Type", "application/json")
    conn.request(method, path, body=data, headers=hdrs)
    resp = conn.getresponse()
    payload = resp.read()
    conn.close()
    rh = {}
    for k, v in resp.getheaders():
        k = k.lower()
        rh[k] = rh[k] + "\n" + v if k in rh else v  # several Set-Cookie
    ctype = rh.get("content-type", "")
    if payload and "json" in ctype:
        return resp.status, rh, json.loads(payload.decode("utf-8"))
    return resp.status, rh, payload


class Client:
    """One signed-in user agent: the session cookie and its CSRF token."""

    def __init__(self, server, email=None, password=None):
        self.server = server
        self.cookie = None
        self.csrf = None
        self.account = None
        if email:
            st, _, doc = self.sign_in(email, password)
            if st != 200:
                raise RuntimeError("sign-in of %s failed: %s %r" % (email, st, doc))

    def sign_in(self, email, password):
        st, hdrs, doc = self.request("POST", "/api/v1/auth/sign-in",
                                     {"email": email, "password": password})
        if st == 200:
            self.csrf = doc["csrf_token"]
            self.account = doc
        return st, hdrs, doc

    def request(self, method, path, body=None, headers=None, raw=None, csrf=True):
        hdrs = dict(headers or {})
        if self.cookie:
            hdrs.setdefault("Cookie", "liaison_session=" + self.cookie)
        if csrf and self.csrf and method not in ("GET", "HEAD"):
            hdrs.setdefault("X-CSRF-Token", self.csrf)
        st, rh, doc = http_request(self.server.port, method, path, body, hdrs, raw)
        for line in rh.get("set-cookie", "").split("\n"):
            m = re.match(r"liaison_session=([^;]*)", line)
            if m:
                self.cookie = m.group(1) or None
        return st, rh, doc

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def patch(self, path, body=None, **kw):
        return self.request("PATCH", path, body=body, **kw)

    def put(self, path, body=None, **kw):
        return self.request("PUT", path, body=body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)


class Server:
    """A liaison server on a temporary database; use as a context manager.

    Unless admin=False, the database first gets an admin account
    (ADMIN_EMAIL) made with `liaison user add --admin`, and server.request
    sends that admin's personal API token: tests of what an admin may do
    stay short. anonymous() and client() give other callers.
    """

    def __init__(self, demo=False, extra=(), db=None, admin=True):
        self.tmp = tempfile.TemporaryDirectory(prefix="liaison-test-")
        self.db = db or fresh_db(self.tmp.name)
        self.token = None
        if admin:
            rc, out, err = run_cli("user", "add", ADMIN_EMAIL, "--admin", "--db", self.db,
                                   stdin=(ADMIN_PASSWORD + "\n").encode("utf-8"))
            if rc != 0 and "email" not in err:
                raise RuntimeError("cannot add the test admin: " + err)
        args = [BIN, "serve", "--db", self.db, "--port", "0", "--threads", "4", *extra]
        if demo:
            args.append("--demo")
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.log = []
        line = self.proc.stdout.readline().decode("utf-8")
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            err = self.proc.stderr.read().decode("utf-8", "replace")
            self.proc.kill()
            raise RuntimeError("server did not start: %r %s" % (line, err))
        self.port = int(m.group(1))
        self._reader = threading.Thread(target=self._read_log, daemon=True)
        self._reader.start()
        if admin:
            c = Client(self, ADMIN_EMAIL, ADMIN_PASSWORD)
            st, _, doc = c.post("/api/v1/auth/tokens", {"name": "tests"})
            if st != 201:
                raise RuntimeError("cannot make the admin's token: %s %r" % (st, doc))
            self.token = doc["token"]

    def _read_log(self):
        echo = os.environ.get("LIAISON_TEST_ECHO")
        for raw in self.proc.stderr:
            self.log.append(raw.decode("utf-8", "replace"))
            if echo:
                with open(echo, "a") as f:
                    f.write(raw.decode("utf-8", "replace"))

    def request(self, method, path, body=None, headers=None, raw=None):
        """As the test admin (when there is one): (status, headers, JSON or bytes)."""
        hdrs = dict(headers or {})
        if self.token:
            hdrs.setdefault("Authorization", "Bearer " + self.token)
        return http_request(self.port, method, path, body, hdrs, raw)

    def anonymous(self, method, path, body=None, headers=None, raw=None):
        """A request without credentials."""
        return http_request(self.port, method, path, body, headers, raw)

    def client(self, email=None, password=None):
        """A user agent with a session cookie (signed in when email is given)."""
        return Client(self, email, password)

    def demo_client(self, role):
        """A client signed in as the demo account of role (DEMO_ACCOUNTS)."""
        return Client(self, *DEMO_ACCOUNTS[role])

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def patch(self, path, body=None, **kw):
        return self.request("PATCH", path, body=body, **kw)

    def put(self, path, body=None, **kw):
        return self.request("PUT", path, body=body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def stop(self):
        """Sends SIGTERM; returns the exit status (0 = clean, no leaks)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=60)
        finally:
            self._reader.join(timeout=10)
        return rc

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.stop()
        self.proc.stdout.close()
        self.proc.stderr.close()
        self.tmp.cleanup()

