"""Helpers for the black-box tests: run the real liaison binary.

The binary is $LIAISON_BIN and the repository $LIAISON_SOURCE_DIR (both set
by CTest). Servers listen on 127.0.0.1 on a port the kernel picks (the
server prints it), with a database in a fresh temporary directory.
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


class Server:
    """A liaison server on a temporary database; use as a context manager."""

    def __init__(self, demo=False, extra=(), db=None):
        self.tmp = tempfile.TemporaryDirectory(prefix="liaison-test-")
        self.db = db or os.path.join(self.tmp.name, "test.db")
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

    def _read_log(self):
        for raw in self.proc.stderr:
            self.log.append(raw.decode("utf-8", "replace"))

    def request(self, method, path, body=None, headers=None, raw=None):
        """Returns (status, headers dict, parsed JSON or raw bytes)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        hdrs = dict(headers or {})
        data = raw
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            hdrs.setdefault("Content-Type", "application/json")
        conn.request(method, path, body=data, headers=hdrs)
        resp = conn.getresponse()
        payload = resp.read()
        conn.close()
        rh = {k.lower(): v for k, v in resp.getheaders()}
        ctype = rh.get("content-type", "")
        if payload and "json" in ctype:
            return resp.status, rh, json.loads(payload.decode("utf-8"))
        return resp.status, rh, payload

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def patch(self, path, body=None, **kw):
        return self.request("PATCH", path, body=body, **kw)

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
