"""The reliability suite: what the server survives, measured from outside.

Each part runs the real binary ($LIAISON_BIN) on 127.0.0.1, prints one
line with its counts and holds or fails:

  crash     SIGKILL at random moments under a concurrent write load
            (create, update, accept, publish of the demo event; small events
            moved and re-published by their own workers), restarted, N
            rounds: every acknowledged write present, every rejected one
            absent, integrity_check and foreign_key_check ok (PostgreSQL:
            amcheck, every foreign key; the postmaster killed too in every
            other round with PG_DURABLE=1), every small event's schedule
            whole: the last acknowledged write's or the one in flight's
  races     tests/api/test_races.py, RACE_ROUNDS rounds of each race
  clients   idle connections, slowloris, stalled bodies, then bursts of
            requests (wrk): /health probed all along on fresh connections
            (p99 < 100 ms, none failed), no 5xx, RSS before and after each
            burst (not growing after the first); --timeout and
            --max-connections hold
  disk      tests/api/test_full_disk.py: a full disk, a read-only folder
            and a file system turned read-only while served, the folder
            moved away, the -wal and -shm deleted: writes refused with a
            503/507 naming the cause, reads served, nothing acknowledged lost
  badfiles  garbage, a newer schema, an unreadable file: one line, exit 1
  stop      SIGTERM under a write load: in-flight requests answered,
            exit 0, acknowledged writes present

  python3 reliability.py [--short] [PART...]   (default: every part)

--short is the version `make check` runs (a few seconds a part); without
it the counts are those of `make reliability` (README.md). With
$LIAISON_TEST_PG (tests/pg/cluster.sh) the database parts run on
PostgreSQL. Exit status 0 when every part held.
"""
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import (BIN, PG, SOURCE_DIR, Server, db_sql, fresh_db,  # noqa: E402
                          http_request)

API = "/api/v1"


def line(part, ok, **counts):
    """The one printed line of a part."""
    text = ", ".join("%s %s" % (k.replace("_", " "), v) for k, v in counts.items())
    print("reliability %-9s %s: %s" % (part, "ok" if ok else "FAILED", text), flush=True)
    return ok


def backend():
    return "postgresql" if PG else "sqlite"


# ---- crash durability --------------------------------------------------------


class Ledger:
    """What the load was told: acknowledged and rejected writes (thread-safe)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.orgs = {}         # name -> id, acknowledged creations
        self.rejected = set()  # names of creations answered 4xx
        self.version = {}      # org id -> last acknowledged description version
        self.tried = {}        # org id -> highest version sent
        self.accepted = set()  # request ids whose accept was acknowledged
        self.refused = set()   # request ids whose accept was answered 4xx
        self.publish = None    # the last acknowledged publish's answer
        self.publishes = 0     # acknowledged publishes
        self.compared = 0      # restarts that found the last one still the latest
        self.writes = 0        # acknowledged writes
        self.unknown = 0       # writes cut by the kill (either outcome is fine)
        self.errors = []       # 5xx answers, or 4xx where none may come
        self.books = []        # the small events' Book
        self.checked = 0       # small events' schedules checked after a restart

    def ack(self):
        with self.lock:
            self.writes += 1


def call(srv, method, path, body=None):
    """(status, JSON) or (None, None) when the connection failed (the kill)."""
    try:
        st, _, doc = srv.request(method, path, body)
        return st, doc
    except (OSError, http_client_errors()) as exc:
        if os.environ.get("RELIABILITY_DEBUG"):
            print("  cut: %s %s: %r" % (method, path, exc), file=sys.stderr)
        return None, None


def http_client_errors():
    import http.client
    return http.client.HTTPException


def org_writer(srv, led, tag, stop):
    """Creates organisations, updates its own ones and sends invalid ones."""
    mine, k = [], 0
    while not stop.is_set():
        k += 1
        if k % 7 == 0:
            name = "rejected %s-%d" % (tag, k)
            st, doc = call(srv, "POST", API + "/organisations",
                           {"name": name, "country": "Finland", "kind": "sme"})
            if st is None:
                led.unknown += 1
            elif 400 <= st < 500:
                with led.lock:
                    led.rejected.add(name)
            else:
                led.errors.append(("invalid org", st, doc))
            continue
        if mine and k % 3 == 0:
            oid = random.choice(mine)
            with led.lock:
                n = led.tried.get(oid, 0) + 1
                led.tried[oid] = n
            st, doc = call(srv, "PATCH", "%s/organisations/%d" % (API, oid),
                           {"description": "version %d" % n})
            if st == 200:
                with led.lock:
                    led.version[oid] = max(led.version.get(oid, 0), n)
                led.ack()
            elif st is None:
                led.unknown += 1
            else:
                led.errors.append(("update", st, doc))
            continue
        name = "crash %s-%d" % (tag, k)
        st, doc = call(srv, "POST", API + "/organisations",
                       {"name": name, "country": "FI", "kind": "sme",
                        "description": "version 0"})
        if st == 201:
            with led.lock:
                led.orgs[name] = doc["id"]
            mine.append(doc["id"])
            led.ack()
        elif st is None:
            led.unknown += 1
        else:
            led.errors.append(("create", st, doc))


def acceptor(srv, led, event, pairs, stop, done):
    """Makes meeting requests between fresh pairs and accepts them (a few a
    round: every accepted meeting makes each publish's solve longer)."""
    try:
        accept_some(srv, led, event, pairs, stop)
    finally:
        done.set()


def accept_some(srv, led, event, pairs, stop):
    for _ in range(8):
        if stop.wait(0.1) or not pairs:
            break
        with led.lock:
            a, b = pairs.pop()
        st, doc = call(srv, "POST", API + "/meeting-requests",
                       {"event_id": event, "requester_id": a, "invitee_id": b,
                        "message": "crash"})
        if st is None:
            led.unknown += 1
            continue
        if st != 201:
            if st >= 500:
                led.errors.append(("request", st, doc))
            continue
        led.ack()
        rid = doc["id"]
        st, doc = call(srv, "POST", "%s/meeting-requests/%d/accept" % (API, rid))
        if st == 200:
            with led.lock:
                led.accepted.add(rid)
            led.ack()
        elif st is None:
            led.unknown += 1
        elif st < 500:
            with led.lock:
                led.refused.add(rid)
        else:
            led.errors.append(("accept", st, doc))


def publisher(srv, led, event, stop, accepted):
    """Publishes the demo event (every accept above makes it bigger) once
    the acceptor is done: under its accepts each solve goes stale and is
    redone, holding the process's publish turn for seconds."""
    while not accepted.wait(0.05):
        if stop.is_set():
            return
    while not stop.is_set():
        t0 = time.time()
        st, doc = call(srv, "POST", "%s/events/%d/schedule" % (API, event),
                       {"publish": True, "time_limit": 1})
        if os.environ.get("RELIABILITY_DEBUG"):
            print("  publish: %s in %.2f s" % (st, time.time() - t0), file=sys.stderr)
        if st == 200:
            with led.lock:
                led.publish = doc
                led.publishes += 1
            led.ack()
        elif st is None:
            led.unknown += 1
        else:
            led.errors.append(("publish", st, doc))
        stop.wait(1.0)


class Book:
    """One small event's schedule as its own worker was told: the place of
    each meeting after the last acknowledged publish or move (acked), and
    the places the one write in flight leaves if it committed (pending).
    The scheduler is deterministic (a fixed seed and work budget): a
    publish places what the preview just before it placed."""

    def __init__(self, event, meetings, slots, tables):
        self.event, self.meetings, self.slots, self.tables = event, meetings, slots, tables
        self.acked = {m: (None, None) for m in meetings}
        self.pending = None
        self.publishes = self.moves = self.refused = 0


def places(doc):
    """{meeting: (slot, table)} of a schedule answer, unscheduled ones (None, None)."""
    got = {s["meeting"]: (s["slot"], s.get("table")) for s in doc["scheduled"]}
    for u in doc["unscheduled"]:
        got[u["meeting"]] = (None, None)
    return got


def move_once(srv, led, book, rnd):
    """Moves (or unschedules) one meeting; False when the kill cut it."""
    m = rnd.choice(book.meetings)
    if rnd.random() < 0.2:
        body, want = {"slot_id": None}, (None, None)
    else:
        want = (rnd.choice(book.slots), rnd.randint(1, book.tables))
        body = {"slot_id": want[0], "table": want[1], "locked": False}
    book.pending = dict(book.acked)
    book.pending[m] = want
    st, doc = call(srv, "PATCH", "%s/meetings/%d" % (API, m), body)
    if st is None:
        led.unknown += 1
        return False
    book.pending = None
    if st == 200:
        book.acked[m] = (doc.get("slot_id"), doc.get("table"))
        book.moves += 1
        led.ack()
    elif st in (409, 422):
        book.refused += 1  # a clash: nothing moved
    else:
        led.errors.append(("move", st, doc))
    return True


def publish_once(srv, led, book, rnd):
    """A preview, then the same publish; False when the kill cut it."""
    opts = {"keep_published": rnd.random() < 0.5, "time_limit": 1}
    path = "%s/events/%d/schedule" % (API, book.event)
    st, doc = call(srv, "POST", path, dict(opts, publish=False))
    if st != 200:
        if st is None:
            led.unknown += 1
            return False
        led.errors.append(("preview", st, doc))
        return True
    book.pending = places(doc)
    st, doc = call(srv, "POST", path, dict(opts, publish=True))
    if st is None:
        led.unknown += 1
        return False
    want, book.pending = book.pending, None
    if st != 200:
        led.errors.append(("publish", st, doc))
        return True
    if places(doc) != want:
        led.errors.append(("publish differs from its preview", book.event, doc["stats"]))
    book.acked = places(doc)
    book.publishes += 1
    led.ack()
    return True


def republisher(srv, led, book, seed, stop):
    """A small event's own worker: moves and publishes in turn."""
    rnd = random.Random(seed)
    try:
        while not stop.is_set():
            for _ in range(rnd.randint(0, 2)):
                if not move_once(srv, led, book, rnd):
                    return
            if not publish_once(srv, led, book, rnd):
                return
    except Exception as exc:  # a broken answer: a failure, not a silent thread
        led.errors.append(("republisher", book.event, repr(exc)))


def schedule_whole(db, book):
    """True when the stored places of the event's meetings are those of the
    last acknowledged write, or all of those of the one in flight."""
    rows = db_sql(db, "SELECT id, slot_id, table_no FROM meetings WHERE event_id = ?",
                  book.event)[0]
    stored = {r[0]: (r[1], r[2]) for r in rows}
    return stored == book.acked or (book.pending is not None and stored == book.pending)


def small_events(srv, people, n):
    """n small events (4 slots, 2 tables, 5 of the demo's people, 6 accepted
    meetings each), on days of their own: (event, meetings, slots)."""
    books = []
    for k in range(n):
        slots = [{"start": "2027-03-%02dT%02d:00:00+01:00" % (k + 1, 9 + i), "minutes": 30}
                 for i in range(4)]
        st, _, ev = srv.post(API + "/events", {"name": "crash %d" % k, "time_zone": "Europe/Paris",
                                               "mode": "onsite", "tables": 2, "slots": slots})
        assert st == 201, ev
        who = people[5 * k:5 * k + 5]
        for p in who:
            st, _, doc = srv.post(API + "/registrations", {"event_id": ev["id"], "person_id": p,
                                                           "attendance": "onsite"})
            assert st == 201, doc
        meetings = []
        for a, b in [(0, 1), (0, 2), (1, 3), (2, 4), (3, 4), (1, 4)]:
            st, _, doc = srv.post(API + "/meeting-requests", {
                "event_id": ev["id"], "requester_id": who[a], "invitee_id": who[b]})
            assert st == 201, doc
            st, _, doc = srv.post("%s/meeting-requests/%d/accept" % (API, doc["id"]))
            assert st == 200, doc
            meetings.append(doc["meeting_id"])
        books.append(Book(ev["id"], meetings, [s["id"] for s in ev["slots"]], 2))
    return books


def check_ledger(db, led, event):
    """Counts of what the database lost, kept wrongly or holds half-written."""
    names = {r[0]: r[1] for r in db_sql(db, "SELECT name, id FROM organisations")[0]}
    lost = sum(1 for n in led.orgs if n not in names)
    present = sum(1 for n in led.rejected if n in names)
    desc = dict(db_sql(db, "SELECT id, description FROM organisations")[0])
    for oid, v in led.version.items():
        got = int((desc.get(oid) or "version -1").split()[-1])
        if got < v or got > led.tried.get(oid, v):
            lost += 1
    states = dict(db_sql(db, "SELECT id, state FROM meeting_requests")[0])
    met = {r[0] for r in db_sql(db, "SELECT request_id FROM meetings "
                                    "WHERE request_id IS NOT NULL")[0]}
    lost += sum(1 for r in led.accepted if states.get(r) != "accepted" or r not in met)
    present += sum(1 for r in led.refused if states.get(r) == "accepted")
    half = half_published(db, led, event)
    for book in led.books:
        led.checked += 1
        half += 0 if schedule_whole(db, book) else 1
    return lost, present, half


def half_published(db, led, event):
    """1 when the demo event's stored schedule is neither the last
    acknowledged publish (when it is still the latest) nor free of double
    bookings, else 0."""
    rows = db_sql(db, "SELECT m.id, m.slot_id, m.table_no, m.online, p.person_id "
                      "FROM meetings m JOIN meeting_participants p ON p.meeting_id = m.id "
                      "WHERE m.event_id = ? AND m.slot_id IS NOT NULL", event)[0]
    answer, busy = led.publish, set()
    for mid, slot, _, _, person in rows:
        if (slot, person) in busy:
            return 1
        busy.add((slot, person))
    if not answer:
        return 0
    at = db_sql(db, "SELECT schedule_published_at FROM events WHERE id = ?", event)[0][0][0]
    if at != answer.get("schedule_published_at"):
        return 0  # a later publish (in flight at the kill) committed
    led.compared += 1
    placed = {r[0]: (r[1], r[2]) for r in rows}
    for s in answer["scheduled"]:
        if placed.get(s["meeting"]) != (s["slot"], s.get("table")):
            return 1
    return 0


def integrity(db):
    """What the database says of itself: SQLite's integrity_check and
    foreign_key_check; on PostgreSQL amcheck (bt_index_check with
    heapallindexed over every B-tree index, verify_heapam over every
    table) and every foreign key looked up. "ok" or the first problem."""
    if not db.startswith("postgresql:"):
        rows = db_sql(db, "PRAGMA integrity_check")[0]
        if rows[0][0] != "ok":
            return "integrity_check: %s" % rows[0][0]
        rows = db_sql(db, "PRAGMA foreign_key_check")[0]
        return "foreign_key_check: %r" % (rows[0],) if rows else "ok"
    db_sql(db, "CREATE EXTENSION IF NOT EXISTS amcheck")
    idx = db_sql(db, "SELECT c.oid::regclass::text FROM pg_index i "
                     "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
                     "JOIN pg_namespace n ON n.oid = c.relnamespace "
                     "WHERE a.amname = 'btree' AND n.nspname = 'public'")[0]
    for (name,) in idx:
        db_sql(db, "SELECT bt_index_check(?::regclass, true)", name)
    tables = [r[0] for r in db_sql(db, "SELECT c.oid::regclass::text FROM pg_class c "
                                       "JOIN pg_namespace n ON n.oid = c.relnamespace "
                                       "WHERE c.relkind = 'r' AND n.nspname = 'public'")[0]]
    for name in tables:
        bad = db_sql(db, "SELECT blkno, offnum, msg FROM verify_heapam(?::regclass, "
                         "check_toast => true) LIMIT 1", name)[0]
        if bad:
            return "verify_heapam %s: %r" % (name, bad[0])
    return pg_foreign_keys(db, len(idx), len(tables))


def pg_foreign_keys(db, nidx, ntables):
    """Every foreign key of the schema looked up in its parent table."""
    fks = db_sql(db, "SELECT conrelid::regclass::text, confrelid::regclass::text, "
                     "(SELECT string_agg(quote_ident(attname), ',' ORDER BY k.i) FROM "
                     " unnest(conkey) WITH ORDINALITY k(a, i) JOIN pg_attribute ON "
                     " attrelid = conrelid AND attnum = k.a), "
                     "(SELECT string_agg(quote_ident(attname), ',' ORDER BY k.i) FROM "
                     " unnest(confkey) WITH ORDINALITY k(a, i) JOIN pg_attribute ON "
                     " attrelid = confrelid AND attnum = k.a) "
                     "FROM pg_constraint WHERE contype = 'f'")[0]
    for child, parent, cols, pcols in fks:
        c = ["c.%s" % x for x in cols.split(",")]
        p = ["p.%s" % x for x in pcols.split(",")]
        q = ("SELECT count(*) FROM %s c WHERE %s AND NOT EXISTS (SELECT 1 FROM %s p WHERE %s)" %
             (child, " AND ".join("%s IS NOT NULL" % x for x in c), parent,
              " AND ".join("%s = %s" % xy for xy in zip(c, p))))
        n = db_sql(db, q)[0][0][0]
        if n:
            return "foreign key %s(%s) -> %s: %d orphans" % (child, cols, parent, n)
    PG_CHECKED.update(indexes=nidx, tables=ntables, foreign_keys=len(fks))
    return "ok"


PG_CHECKED = {}


def crash_setup(srv):
    st, _, doc = srv.get(API + "/events/eu-cn-fair-2026")
    event = doc["id"]
    regs = []
    cursor = None
    while True:
        st, _, page = srv.get(API + "/registrations?event=%d&limit=200" % event +
                              ("&cursor=" + cursor if cursor else ""))
        regs += page["items"]
        cursor = page.get("next")
        if not cursor:
            break
    people = sorted({r["person_id"] for r in regs})
    pairs = [(a, b) for i, a in enumerate(people) for b in people[i + 1:]]
    random.shuffle(pairs)
    return event, pairs, people


def forget_tokens(db, rnd):
    """Each start makes the test admin a token, and an account holds 20 at
    most: the ones of earlier rounds go (the server is down)."""
    if rnd:
        db_sql(db, "DELETE FROM api_tokens")


def kill_postmaster():
    """SIGKILL to the PostgreSQL postmaster and, at once, every process of
    it (a machine's crash, not a shutdown); then its start again (crash
    recovery). False when the cluster is not the test's own."""
    data, start = os.environ.get("LIAISON_TEST_PG_DATA"), os.environ.get("LIAISON_TEST_PG_START")
    if not kill_postmaster_possible():
        return False  # without fsync and synchronous_commit a crash loses commits
    with open(os.path.join(data, "postmaster.pid")) as f:
        pm = int(f.readline())
    children = []
    for d in os.listdir("/proc"):
        try:
            with open("/proc/%s/stat" % d) as f:
                if d.isdigit() and int(f.read().rsplit(")", 1)[1].split()[1]) == pm:
                    children.append(int(d))
        except (OSError, ValueError, IndexError):
            pass
    for pid in [pm] + children:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    for _ in range(100):  # the old processes gone, or the new start refuses
        if not any(os.path.exists("/proc/%d" % pid) for pid in [pm] + children):
            break
        time.sleep(0.05)
    subprocess.run(["sh", start], check=True, capture_output=True, timeout=120)
    return True


def live_restart(db):
    """The postmaster killed under a live liaison server: each worker's
    next request answers 503 (connection lost), then writes work again
    (the worker opens a new connection). (503 answers, other failures)."""
    if not kill_postmaster_possible():
        return None
    with Server(db=db, extra=("--threads", "4")) as srv:
        for i in range(4):
            srv.post(API + "/organisations", {"name": "live %d" % i, "country": "FI",
                                              "kind": "sme"})
        kill_postmaster()
        got = []
        while len(got) < 40 and got[-8:] != [201] * 8:
            st, _, doc = srv.post(API + "/organisations", {"name": "after restart %d" % len(got),
                                                           "country": "FI", "kind": "sme"})
            got.append(st)
        srv.stop()
    if os.environ.get("RELIABILITY_DEBUG"):
        print("  live restart: %r" % got, file=sys.stderr)
    # each of the 4 workers finds its connection lost once
    unavailable = got.count(503)
    other = sum(1 for g in got if g not in (201, 503)) + (unavailable > 4)
    return unavailable, other + (0 if got[-8:] == [201] * 8 else 1)


def kill_postmaster_possible():
    return (os.environ.get("LIAISON_TEST_PG_DATA") and os.environ.get("LIAISON_TEST_PG_START")
            and os.environ.get("PG_DURABLE") == "1")


def crash_round(srv, led, event, pairs, books, rnd, rng):
    """One round's load, cut by SIGKILL: the small events' republishers,
    the organisation writers, the acceptor and the demo event's publisher."""
    stop = threading.Event()
    threads = [threading.Thread(target=org_writer, args=(srv, led, "%d.%d" % (rnd, t), stop))
               for t in range(3)]
    accepted = threading.Event()
    threads.append(threading.Thread(target=acceptor, args=(srv, led, event, pairs, stop,
                                                           accepted)))
    threads.append(threading.Thread(target=publisher, args=(srv, led, event, stop, accepted)))
    threads += [threading.Thread(target=republisher, args=(srv, led, b, rnd * 100 + k, stop))
                for k, b in enumerate(books)]
    for t in threads:
        t.start()
    time.sleep(random.uniform(*rng))
    srv.proc.kill()
    stop.set()
    srv.proc.wait()
    for t in threads:
        t.join()
    srv.__exit__(None, None, None)


def part_crash(short):
    rounds = (1 if PG else 2) if short else int(os.environ.get("CRASH_ROUNDS", "20"))
    rng = (3.0, 4.0) if short else (1.0, 6.0)
    t0 = time.monotonic()
    tmp = tempfile.TemporaryDirectory(prefix="liaison-crash-")
    db = fresh_db(tmp.name)
    led = Ledger()
    bad, event, pairs, pm_kills, checks = [], None, None, 0, 0
    for rnd in range(rounds + 1):
        forget_tokens(db, rnd)
        srv = Server(db=db, demo=True)
        if event is None:
            event, pairs, people = crash_setup(srv)
            led.books = small_events(srv, people, 2 if short else 3)
        lost, present, half = check_ledger(db, led, event)
        if lost or present or half:
            bad.append("round %d: lost %d, rejected present %d, half %d" %
                       (rnd, lost, present, half))
        if rnd == rounds:
            rc = srv.stop()
            srv.__exit__(None, None, None)
            if rc != 0:
                bad.append("exit %d at the clean stop" % rc)
            break
        crash_round(srv, led, event, pairs, led.books, rnd, rng)
        # the postmaster too in every other round (PostgreSQL): its
        # acknowledged commits must come back from its WAL
        if PG and rnd % 2 == 0 and kill_postmaster():
            pm_kills += 1
        ok = integrity(db)
        checks += 1
        if ok != "ok":
            bad.append("round %d: %s" % (rnd, ok))
    lost, present, half = check_ledger(db, led, event)
    live = live_restart(db) if PG else None
    if live and live[1]:
        bad.append("postmaster restart under a live server: %d answers neither 201 nor 503, "
                   "or writes did not come back" % live[1])
    tmp.cleanup()
    if os.environ.get("RELIABILITY_DEBUG"):
        print("  crash: %.1f s" % (time.monotonic() - t0), file=sys.stderr)
    for b in bad + [repr(e) for e in led.errors[:5]]:
        print("  crash: " + b, file=sys.stderr)
    pubs = sum(b.publishes for b in led.books)
    extra = {}
    if PG:
        extra = {"postmaster_killed": pm_kills, "fsync": os.environ.get("PG_DURABLE") == "1"
                 and "on" or "off", "amcheck": "%(indexes)d indexes, %(tables)d tables, "
                 "%(foreign_keys)d foreign keys" % PG_CHECKED if PG_CHECKED else "n/a"}
        if live:
            extra["live_restart"] = "%d x 503, then writes" % live[0] if not live[1] else "FAILED"
    return line("crash", not bad and not led.errors and not lost and not present and not half,
                backend=backend(), rounds=rounds, writes=led.writes,
                accepts=len(led.accepted), publishes=led.publishes + pubs,
                small_event_publishes=pubs, moves=sum(b.moves for b in led.books),
                schedules_checked=led.checked, whole=led.checked - half,
                cut_by_kill=led.unknown,
                rejected=len(led.rejected) + len(led.refused) + sum(b.refused for b in led.books),
                lost=lost, rejected_present=present, half_published=half,
                integrity="%s (%d checks)" % ("ok" if not [b for b in bad if "round" in b and
                                                           "lost" not in b] else "FAILED",
                                              checks),
                **extra, **{"5xx": len(led.errors)})


# ---- abusive clients -----------------------------------------------------------


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for ln in f:
            if ln.startswith("VmRSS:"):
                return int(ln.split()[1])
    return 0


def raise_nofile(n):
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < n:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(n, hard), hard))


def connect(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


class Prober(threading.Thread):
    """GET /health on a fresh connection every 20 ms: latencies and failures."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.port, self.stop, self.times, self.failed = port, threading.Event(), [], 0

    def run(self):
        while not self.stop.wait(0.02):
            t = time.monotonic()
            try:
                st, _, _ = http_request(self.port, "GET", API + "/health")
            except OSError:
                st = None
            if st != 200:
                self.failed += 1
            self.times.append(time.monotonic() - t)

    def p99_ms(self):
        t = sorted(self.times)
        return 1000 * t[min(len(t) - 1, int(len(t) * 0.99))] if t else float("inf")


def slowloris(socks, stop):
    """One more header byte a second on each connection, never the end."""
    while not stop.wait(1.0):
        for s in socks:
            try:
                s.send(b"a")
            except OSError:
                pass


def burst(port, n):
    """n requests of /health by wrk on 32 connections: (requests, 5xx, p99 ms)."""
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "burst.lua")
    with tempfile.TemporaryDirectory(prefix="liaison-wrk-") as tmp:
        mark = os.path.join(tmp, "done")
        wrk = subprocess.Popen(["wrk", "-t", "2", "-c", "32", "-d", "300s", "--timeout", "10s",
                                "-s", script, "http://127.0.0.1:%d%s/health" % (port, API),
                                "--", str(n // 2), mark], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
        end = time.monotonic() + 240
        while time.monotonic() < end and wrk.poll() is None and not all(
                os.path.exists("%s.%d" % (mark, i)) for i in range(2)):
            time.sleep(0.05)
        wrk.send_signal(signal.SIGINT)
        out, err = wrk.communicate(timeout=30)
    for ln in out.splitlines():
        if ln.startswith("burst requests"):
            w = ln.split()
            return int(w[2]), int(w[4]), int(w[6]) / 1000.0
    raise RuntimeError("wrk: " + out + err)


def hostile(port, idle, slow, stalled, seconds):
    """Holds idle, slowloris and stalled-body connections for seconds."""
    socks = [connect(port) for _ in range(idle)]
    loris = []
    for _ in range(slow):
        c = connect(port)
        c.send(b"GET " + API.encode() + b"/health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        loris.append(c)
    for _ in range(stalled):
        c = connect(port)
        c.send(b"POST " + API.encode() + b"/organisations HTTP/1.1\r\nHost: x\r\n"
               b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"name\": \"")
        socks.append(c)
    stop = threading.Event()
    drip = threading.Thread(target=slowloris, args=(loris, stop), daemon=True)
    drip.start()
    time.sleep(seconds)
    stop.set()
    drip.join()
    for c in socks + loris:
        c.close()


def closed_within(sock, seconds):
    """True when the server closes sock (or answers and closes) within seconds."""
    sock.settimeout(seconds)
    try:
        while sock.recv(4096):
            pass
        return True
    except socket.timeout:
        return False
    except OSError:
        return True


def limits_hold():
    """--timeout 2 closes a stalled body; --max-connections 20 refuses a 21st."""
    bad = []
    with Server(admin=False, extra=("--timeout", "2", "--max-connections", "20")) as srv:
        c = connect(srv.port)
        c.send(b"POST /api/v1/organisations HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{")
        t = time.monotonic()
        if not closed_within(c, 8) or time.monotonic() - t < 1:
            bad.append("--timeout 2 did not close a stalled body after 2 s")
        c.close()
        held = [connect(srv.port) for _ in range(20)]
        extra = connect(srv.port)
        extra.send(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
        if not closed_within(extra, 5):
            bad.append("--max-connections 20 let a 21st connection wait")
        extra.close()
        for h in held:
            h.close()
        time.sleep(0.5)
        if http_request(srv.port, "GET", API + "/health")[0] != 200:
            bad.append("no health once the connections closed")
        if srv.stop() != 0:
            bad.append("unclean stop")
    return bad


def sanitized():
    """True when BIN is an ASan build: its quarantine holds freed memory
    (up to 256 MB), so RSS grows across bursts without a leak."""
    with open(BIN, "rb") as f:
        return b"__asan_init" in f.read()


def part_clients(short):
    raise_nofile(4096)
    idle, slow, stalled = (200, 50, 20) if short else (1000, 200, 50)
    seconds, size, bursts = (3, 5000, 2) if short else (20, 100000, 3)
    bad = limits_hold()
    with Server(admin=False) as srv:
        rss = [rss_kb(srv.proc.pid)]
        probe = Prober(srv.port)
        probe.start()
        hostile(srv.port, idle, slow, stalled, seconds)
        rss.append(rss_kb(srv.proc.pid))
        made = failed = 0
        p99 = []
        for _ in range(bursts):
            n, f, p = burst(srv.port, size)
            made, failed = made + n, failed + f
            p99.append(p)
            rss.append(rss_kb(srv.proc.pid))
        probe.stop.set()
        probe.join()
        alive = http_request(srv.port, "GET", API + "/health")[0] == 200
        rc = srv.stop()
    growth = rss[-1] - rss[2]  # after the first burst to after the last
    asan = sanitized()
    ok = (not bad and alive and rc == 0 and probe.failed == 0 and probe.p99_ms() < 100 and
          failed == 0 and (asan or growth < max(2048, rss[2] // 10)))
    for b in bad:
        print("  clients: " + b, file=sys.stderr)
    return line("clients", ok, idle=idle, slowloris=slow, stalled_bodies=stalled,
                health_probes=len(probe.times), health_failed=probe.failed,
                health_p99="%.1f ms" % probe.p99_ms(), requests=made,
                **{"5xx": failed}, burst_p99="%.1f ms" % max(p99),
                RSS="%s kB%s" % (" -> ".join(str(r) for r in rss),
                                 " (ASan quarantine: not judged)" if asan else ""),
                limits="held" if not bad else "FAILED")


# ---- races ------------------------------------------------------------------------


def part_races(short):
    rounds = 2 if short else int(os.environ.get("RACE_ROUNDS", "10"))
    test = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api", "test_races.py")
    with tempfile.TemporaryDirectory(prefix="liaison-races-") as tmp:
        report = os.path.join(tmp, "report.json")
        p = subprocess.run([sys.executable, test], capture_output=True, text=True, timeout=900,
                           env=dict(os.environ, RACE_ROUNDS=str(rounds), RACE_REPORT=report))
        counts = {"calls": 0, "5xx": 0}
        if os.path.exists(report):
            with open(report) as f:
                counts = json.load(f)
    ran = p.stderr.count(" ... ")
    if p.returncode:
        sys.stderr.write(p.stderr[-3000:])
    return line("races", p.returncode == 0, backend=backend(), races=ran, rounds=rounds,
                parallel_calls=counts["calls"], **{"5xx": counts["5xx"]})


# ---- full disk, read-only, vanished files ------------------------------------------


def part_disk(short):
    """tests/api/test_full_disk.py DISK_ROUNDS times (its own report of
    writes answered, refused, reads, lost)."""
    if PG:
        return line("disk", True, backend="postgresql", skipped="SQLite files only")
    rounds = 1 if short else int(os.environ.get("DISK_ROUNDS", "3"))
    test = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api",
                        "test_full_disk.py")
    total, ok, ran, skipped, failed = {}, True, 0, 0, 0
    with tempfile.TemporaryDirectory(prefix="liaison-disk-") as tmp:
        report = os.path.join(tmp, "report.json")
        for _ in range(rounds):
            p = subprocess.run([sys.executable, test], capture_output=True, text=True,
                               timeout=600, env=dict(os.environ, DISK_REPORT=report))
            if p.returncode:
                ok = False
                sys.stderr.write(p.stderr[-3000:])
            ran += p.stderr.count(" ... ok")
            skipped += p.stderr.count(" ... skipped")
            failed += p.stderr.count(" ... FAIL") + p.stderr.count(" ... ERROR")
            with open(report) as f:
                for k, v in json.load(f).items():
                    total[k] = total.get(k, 0) + v
    return line("disk", ok and not skipped and total.get("lost", 1) == 0, rounds=rounds,
                cases=ran, skipped=skipped, writes=total.get("writes", 0),
                refused=total.get("refused", 0), reads=total.get("reads", 0),
                reads_refused=total.get("reads_refused", 0), lost=total.get("lost", 0),
                failed=failed)


# ---- bad database files ------------------------------------------------------------


def bad_files(tmp):
    """The bad databases: (case, path, command prefix)."""
    garbage = os.path.join(tmp, "garbage.db")
    with open(garbage, "wb") as f:
        f.write(random.Random(16).randbytes(65536))
    good = os.path.join(tmp, "good.db")
    subprocess.run([BIN, "migrate", "--db", good], check=True, capture_output=True)
    newer = os.path.join(tmp, "newer.db")
    subprocess.run(["cp", good, newer], check=True)
    db_sql(newer, "INSERT INTO schema_migrations(version, applied_at) VALUES (999, 'later')")
    cut = os.path.join(tmp, "truncated.db")
    with open(good, "rb") as f:
        data = f.read()
    with open(cut, "wb") as f:
        f.write(data[:len(data) // 3])
    cases = [("garbage", garbage, []), ("newer schema", newer, []), ("truncated", cut, [])]
    locked = os.path.join(tmp, "locked.db")
    subprocess.run(["cp", good, locked], check=True)
    os.chmod(locked, 0)
    if os.geteuid() != 0:
        cases.append(("unreadable", locked, []))
    elif shutil_which("setpriv"):
        os.chmod(tmp, 0o755)
        cases.append(("unreadable", locked, ["setpriv", "--reuid=nobody", "--regid=nogroup",
                                             "--clear-groups"]))
    cases.append(("a directory", tmp, []))
    return cases


def shutil_which(name):
    import shutil
    return shutil.which(name)


def part_badfiles(short):
    if PG:
        return line("badfiles", True, backend="postgresql", skipped="SQLite files only")
    tmp = tempfile.mkdtemp(prefix="liaison-bad-")
    batch = os.path.join(tmp, "batch.json")
    with open(batch, "w") as f:
        json.dump({"organisations": [{"id": "x", "name": "X", "description": "x"}]}, f)
    commands = [["serve", "--port", "0"], ["migrate"], ["stats"], ["import", batch],
                ["export", "--output", os.path.join(tmp, "out.json")],
                ["backup", os.path.join(tmp, "copy.db")], ["report", "1"],
                ["user", "add", "someone@example.org"],
                ["send", "--smtp-url", "smtp://127.0.0.1:9"]]
    runs = clear = crashes = 0
    for case, path, prefix in bad_files(tmp):
        for cmd in commands:
            runs += 1
            try:
                p = subprocess.run(prefix + [BIN] + cmd + ["--db", path], input=b"a password\n",
                                   capture_output=True, timeout=20)
            except subprocess.TimeoutExpired:
                print("  badfiles: %s: %s did not exit" % (case, cmd[0]), file=sys.stderr)
                continue
            err = p.stderr.decode("utf-8", "replace").strip().splitlines()
            if p.returncode < 0 or p.returncode > 2 or any("Sanitizer" in e for e in err):
                crashes += 1
            if p.returncode == 1 and len(err) == 1 and err[0].startswith("liaison: "):
                clear += 1
            else:
                print("  badfiles: %s: %s: exit %d: %s" % (case, cmd[0], p.returncode,
                                                         " | ".join(err)[:300]), file=sys.stderr)
    subprocess.run(["rm", "-rf", tmp])
    return line("badfiles", clear == runs and crashes == 0, cases=runs // len(commands),
                commands=len(commands), runs=runs, one_clear_line=clear, crashes=crashes)


# ---- graceful stop under load ---------------------------------------------------------


def stop_writer(srv, led, tag, done, dropped):
    """Creates organisations until the server no longer listens."""
    import http.client
    k = 0
    while True:
        k += 1
        name = "stop %s-%d" % (tag, k)
        body = json.dumps({"name": name, "country": "FI", "kind": "sme"}).encode()
        conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
        try:
            conn.connect()
        except OSError:
            done.append(k)  # refused: the server stopped listening
            return
        try:
            conn.request("POST", API + "/organisations", body=body, headers={
                "Content-Type": "application/json", "Authorization": "Bearer " + srv.token})
            resp = conn.getresponse()
            doc = json.loads(resp.read())
            if resp.status == 201:
                with led.lock:
                    led.orgs[name] = doc["id"]
                led.ack()
            else:
                led.errors.append(("create", resp.status, doc))
        except (OSError, http.client.HTTPException) as exc:
            dropped.append((name, repr(exc)))  # connected, then no answer
        finally:
            conn.close()


def part_stop(short):
    rounds = 2 if short else int(os.environ.get("STOP_ROUNDS", "10"))
    tmp = tempfile.TemporaryDirectory(prefix="liaison-stop-")
    db = fresh_db(tmp.name)
    led, dropped, codes = Ledger(), [], []
    for rnd in range(rounds):
        forget_tokens(db, rnd)
        srv = Server(db=db)
        done = []
        threads = [threading.Thread(target=stop_writer, args=(srv, led, "%d.%d" % (rnd, t),
                                                              done, dropped))
                   for t in range(6)]
        for t in threads:
            t.start()
        time.sleep(random.uniform(0.5, 1.5))
        codes.append(srv.stop())
        for t in threads:
            t.join()
        srv.__exit__(None, None, None)
    names = {r[0] for r in db_sql(db, "SELECT name FROM organisations")[0]}
    lost = sum(1 for n in led.orgs if n not in names)
    for n, exc in dropped:
        print("  stop: %s: %s (%s)" % (n, exc, "written" if n in names else "not written"),
              file=sys.stderr)
    tmp.cleanup()
    ok = not dropped and not lost and not led.errors and all(c == 0 for c in codes)
    return line("stop", ok, backend=backend(), rounds=rounds, writes=led.writes,
                dropped=len(dropped), lost=lost, exit_codes=",".join(sorted(set(map(str, codes)))),
                **{"5xx": len(led.errors)})


# ---- the parts -----------------------------------------------------------------

PARTS = {"crash": part_crash, "races": part_races, "clients": part_clients,
         "disk": part_disk, "badfiles": part_badfiles, "stop": part_stop}


def main(argv):
    short = "--short" in argv
    names = [a for a in argv if not a.startswith("--")] or list(PARTS)
    unknown = [n for n in names if n not in PARTS]
    if unknown:
        print("reliability: unknown part %s (%s)" % (unknown[0], ", ".join(PARTS)),
              file=sys.stderr)
        return 2
    ok = True
    for n in names:
        ok = PARTS[n](short) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
