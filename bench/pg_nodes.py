"""bench/pg_nodes.py - liaison on PostgreSQL: reads/s and writes/s of one node
and of two nodes behind nginx, in the same run (`make bench-pg`; not a test).

Runs under tests/pg/cluster.sh ($LIAISON_TEST_PG: a throw-away cluster).
One fresh database with the demo data; wrk (-t2, CONNECTIONS, DURATION s)
against, in this order:

  1 node                 node a directly
  1 node behind nginx    nginx with node a as its only upstream
  2 nodes behind nginx   nginx balancing nodes a and b round robin

each with a read (GET /api/v1/organisations/{id}) and a write (PATCH of
that organisation's description with the admin's API token). The figures
are requests/s and the ratio of each line to "1 node" (baseline of the
same run). Every process is started here and stopped whatever happens.

Settings (environment): DURATION=10 CONNECTIONS=32 THREADS= (serve --threads)
"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "lib"))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "pg"))
from liaison_test import PG, Server, fresh_db  # noqa: E402
from test_two_nodes import Nginx  # noqa: E402

DURATION = int(os.environ.get("DURATION", "10"))
CONNECTIONS = int(os.environ.get("CONNECTIONS", "32"))
THREADS = os.environ.get("THREADS", "")


def wrk(port, path, token, tmp, write):
    """Requests/s of wrk against 127.0.0.1:port (non-2xx answers are an error)."""
    script = os.path.join(tmp, "write.lua" if write else "read.lua")
    with open(script, "w") as f:
        f.write('wrk.headers["Authorization"] = "Bearer %s"\n' % token)
        if write:
            f.write('wrk.method = "PATCH"\n'
                    'wrk.headers["Content-Type"] = "application/json"\n'
                    'wrk.body = \'{"description": "Mobilité urbaine, 城市交通, '
                    'älykäs liikenne"}\'\n')
    out = subprocess.run(["wrk", "-t2", "-c%d" % CONNECTIONS, "-d%ds" % DURATION,
                          "-s", script, "http://127.0.0.1:%d%s" % (port, path)],
                         capture_output=True, text=True, timeout=DURATION + 60).stdout
    m = re.search(r"Requests/sec:\s+([0-9.]+)", out)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if not m or bad:
        raise RuntimeError("wrk: %s" % out)
    return float(m.group(1))


def main():
    if not PG:
        print("bench-pg: needs $LIAISON_TEST_PG (run under tests/pg/cluster.sh)",
              file=sys.stderr)
        return 2
    extra = ("--log-level", "warn") + (("--threads", THREADS) if THREADS else ())
    with tempfile.TemporaryDirectory(prefix="liaison-bench-pg-") as tmp:
        db = fresh_db(tmp)
        stops = []
        try:
            a = Server(demo=True, db=db, extra=extra)
            stops.append(lambda: a.__exit__(None, None, None))
            b = Server(db=db, extra=extra)
            stops.append(lambda: b.__exit__(None, None, None))
            st, _, page = a.get("/api/v1/organisations?limit=1")
            assert st == 200, page
            path = "/api/v1/organisations/%d" % page["items"][0]["id"]
            one = Nginx([a.port])
            stops.append(one.stop)
            two = Nginx([a.port, b.port])
            stops.append(two.stop)
            lines = [("1 node", a.port, a.token), ("1 node behind nginx", one.port, a.token),
                     ("2 nodes behind nginx", two.port, a.token)]
            figures = {}
            for name, port, token in lines:
                for kind in ("reads", "writes"):
                    figures[(name, kind)] = wrk(port, path, token, tmp, kind == "writes")
        finally:
            for stop in reversed(stops):
                stop()
    print("PostgreSQL 15, wrk -t2 -c%d -d%ds, GET and PATCH of one organisation"
          % (CONNECTIONS, DURATION))
    print("%-22s %10s %8s %10s %8s" % ("", "reads/s", "ratio", "writes/s", "ratio"))
    for name, _, _ in lines:
        r, w = figures[(name, "reads")], figures[(name, "writes")]
        print("%-22s %10.0f %8.2f %10.0f %8.2f" % (
            name, r, r / figures[("1 node", "reads")], w, w / figures[("1 node", "writes")]))
    for name, _, _ in lines:
        key = name.replace(" ", "_")
        for kind in ("reads", "writes"):
            print("pg.%s.%s_per_s: %.0f" % (key, kind, figures[(name, kind)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
