"""Black-box test of a full disk: the database on a small tmpfs, filled up.

Writes answer a 507 problem+json that names the cause (not 500 "internal
error"), reads keep working, the server stays up, and once space is freed
writes work again and PRAGMA integrity_check says ok. The same for a
database made read-only while served (a read-only bind mount over its
folder; an ext4 file system the kernel turned read-only after an error),
for its folder moved away and for its -wal and -shm files deleted while
served. Mounting needs root (CI runs as root); where mount is not
permitted the test is skipped with a message.

$DISK_REPORT names a file that gets the counts as JSON (writes answered,
refused, reads, lost, other 5xx): tests/reliability's disk part.
"""
import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import BIN, Server  # noqa: E402

API = "/api/v1"
COUNTS = {"cases": 0, "writes": 0, "refused": 0, "reads": 0, "reads_refused": 0, "lost": 0}


def report():
    if os.environ.get("DISK_REPORT"):
        with open(os.environ["DISK_REPORT"], "w") as f:
            json.dump(COUNTS, f)


atexit.register(report)


def names_in(db):
    out = subprocess.run(["sqlite3", db, "SELECT name FROM organisations"],
                         capture_output=True, text=True).stdout
    return set(out.splitlines())


def mount_tmpfs(path, size):
    if os.geteuid() != 0 or not shutil.which("mount"):
        return "not root"
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s" % size, "tmpfs", path],
                       capture_output=True, text=True)
    return None if p.returncode == 0 else (p.stderr.strip() or "mount failed")


class FullDiskTest(unittest.TestCase):

    def setUp(self):
        if os.environ.get("LIAISON_TEST_PG"):
            self.skipTest("the full disk is SQLite's file here; PostgreSQL's disk is its server's")
        self.dir = tempfile.mkdtemp(prefix="liaison-disk-")
        why = mount_tmpfs(self.dir, "4m")
        if why:
            os.rmdir(self.dir)
            self.skipTest("cannot mount a tmpfs (%s): the full-disk test needs root" % why)
        self.addCleanup(self.unmount)

    def unmount(self):
        subprocess.run(["umount", "-l", self.dir], capture_output=True)
        os.rmdir(self.dir)

    def fill(self):
        """Fills the tmpfs with one file; returns its path."""
        path = os.path.join(self.dir, "filler")
        with open(path, "wb") as f:
            try:
                while True:
                    f.write(b"\0" * 65536)
                    f.flush()
            except OSError:
                pass
        return path

    def org(self, srv, name):
        return srv.post(API + "/organisations", {
            "name": name, "country": "FI", "kind": "sme",
            "description": "x" * 2000})

    def test_a_full_disk_says_so_and_recovers(self):
        db = os.path.join(self.dir, "test.db")
        with Server(db=db) as srv:
            st, _, doc = self.org(srv, "Before the disk filled")
            self.assertEqual(st, 201, doc)
            filler = self.fill()
            refused = 0
            for i in range(40):  # the WAL may still have room for a few
                st, hdrs, doc = self.org(srv, "Org %d on a full disk" % i)
                if st == 201:
                    continue
                self.assertEqual(st, 507, doc)
                self.assertEqual(hdrs["content-type"], "application/problem+json")
                self.assertIn("disk is full", doc["detail"])
                refused += 1
            self.assertGreater(refused, 0)
            st, _, doc = srv.get(API + "/organisations?limit=5")
            self.assertEqual(st, 200, doc)
            st, _, doc = srv.get(API + "/health")
            self.assertEqual(st, 200, doc)
            os.unlink(filler)
            st, _, doc = self.org(srv, "After the space came back")
            self.assertEqual(st, 201, doc)
            self.assertEqual(srv.stop(), 0, "".join(srv.log)[-2000:])
        p = subprocess.run(["sqlite3", db, "PRAGMA integrity_check"],
                           capture_output=True, text=True)
        self.assertEqual(p.stdout.strip(), "ok", p.stderr)

    def integrity_ok(self, db):
        p = subprocess.run(["sqlite3", db, "PRAGMA integrity_check"],
                           capture_output=True, text=True)
        self.assertEqual(p.stdout.strip(), "ok", p.stderr)

    def test_a_read_only_file_system_says_so(self):
        # Linux refuses to remount read-only a file system with files open
        # for writing: the read-only case is a server started on one
        db = os.path.join(self.dir, "test.db")
        with Server(db=db) as srv:
            st, _, doc = self.org(srv, "Before the remount")
            self.assertEqual(st, 201, doc)
            self.assertEqual(srv.stop(), 0)
        p = subprocess.run(["mount", "-o", "remount,ro", self.dir], capture_output=True,
                           text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        try:
            p = subprocess.run([BIN, "serve", "--db", db, "--port", "0"], capture_output=True,
                               text=True, timeout=30)
            self.assertEqual(p.returncode, 1, p.stderr)
            self.assertEqual(len(p.stderr.strip().splitlines()), 1, p.stderr)
            self.assertRegex(p.stderr, "read-only|cannot open", p.stderr)
            self.assertEqual(p.stdout, "")
        finally:
            subprocess.run(["mount", "-o", "remount,rw", self.dir], capture_output=True)
        with Server(db=db) as srv:
            st, _, doc = self.org(srv, "Writable again")
            self.assertEqual(st, 201, doc)
            self.assertEqual(srv.stop(), 0, "".join(srv.log)[-2000:])
        self.integrity_ok(db)

    def test_a_vanished_directory_says_so_and_recovers(self):
        # the database's folder (its WAL and shared-memory files with it)
        # renamed away while served: a worker whose connection is open
        # writes on into the moved files (kept: they come back), one that
        # opens its connection now answers 503 naming the cause
        home = os.path.join(self.dir, "data")
        os.mkdir(home)
        db = os.path.join(home, "test.db")
        # 16 workers: most open their connection after the folder went
        with Server(db=db, extra=("--threads", "16")) as srv:
            st, _, doc = self.org(srv, "Before the folder went")
            self.assertEqual(st, 201, doc)
            os.rename(home, home + ".gone")
            written, refused = [], 0
            try:
                for i in range(24):
                    st, hdrs, doc = self.org(srv, "Into a vanished folder %d" % i)
                    if st == 201:
                        written.append(doc["name"])
                        continue
                    self.assertEqual(st, 503, doc)
                    self.assertEqual(hdrs["content-type"], "application/problem+json")
                    self.assertIn("cannot open database", doc["detail"])
                    refused += 1
                st, _, doc = srv.get(API + "/health")
                self.assertIn(st, (200, 503), doc)
            finally:
                os.rename(home + ".gone", home)
            self.assertGreater(refused, 0)
            st, _, doc = self.org(srv, "The folder is back")
            self.assertEqual(st, 201, doc)
            self.assertEqual(srv.stop(), 0, "".join(srv.log)[-2000:])
        self.integrity_ok(db)
        names = [r for r in subprocess.run(["sqlite3", db, "SELECT name FROM organisations"],
                                           capture_output=True, text=True).stdout.splitlines()]
        self.assertIn("The folder is back", names)
        for n in written:
            self.assertIn(n, names)


    def load(self, srv, tag, n, refusal, read_refusal=None):
        """n writes and n reads: (names written, writes refused); a refusal
        must be the problem+json refusal (status, words of its detail), a
        read refused (counted) has read_refusal in its detail."""
        written, refused = [], 0
        for i in range(n):
            st, hdrs, doc = self.org(srv, "%s %d" % (tag, i))
            COUNTS["writes"] += 1
            if st == 201:
                written.append(doc["name"])
            else:
                self.assertEqual(st, refusal[0], doc)
                self.assertEqual(hdrs["content-type"], "application/problem+json")
                self.assertIn(refusal[1], doc["detail"])
                refused += 1
            st, _, doc = srv.get(API + "/organisations?limit=5")
            COUNTS["reads"] += 1
            if st != 200 and read_refusal and read_refusal in doc.get("detail", ""):
                COUNTS["reads_refused"] += 1
                continue
            self.assertEqual(st, 200, doc)
        COUNTS["refused"] += refused
        return written, refused

    def test_a_vanished_log_says_so_and_loses_nothing(self):
        # the -wal and -shm files deleted while served: the connections
        # opened before write on into the unlinked files, the ones opened
        # after into new ones: the server saves the unlinked log into the
        # database file and refuses writes (503) until it restarts
        COUNTS["cases"] += 1
        db = os.path.join(self.dir, "test.db")
        with Server(db=db, extra=("--threads", "16")) as srv:
            written, _ = self.load(srv, "Before the log went", 4, (None, ""))
            for suffix in ("-wal", "-shm"):
                os.unlink(db + suffix)
            # the connections opened now cannot read until an old one saved
            # the log (503 naming it too); after that every read is served
            why = "vanished while the server ran"
            more, refused = self.load(srv, "Log gone", 24, (503, why), why)
            self.assertEqual(refused, 24, "a write went into a vanished log")
            _, refused = self.load(srv, "Log saved", 8, (503, why))
            self.assertEqual(refused, 8)
            self.assertEqual(srv.get(API + "/health")[0], 200)
            self.assertEqual(srv.stop(), 0, "".join(srv.log)[-2000:])
        self.integrity_ok(db)
        with Server(db=db) as srv:
            again, _ = self.load(srv, "After the restart", 2, (None, ""))
            self.assertEqual(srv.stop(), 0)
        names = names_in(db)
        lost = [n for n in written + more + again if n not in names]
        COUNTS["lost"] += len(lost)
        self.assertEqual(lost, [])

    def test_read_only_while_served_says_so_and_recovers(self):
        # a read-only bind mount over the folder while served: a file open
        # stays writable (Linux checks at open), the connections opened
        # now are read-only: their writes answer 503 naming it, and once
        # the folder is writable again they are opened anew and write
        COUNTS["cases"] += 1
        home = os.path.join(self.dir, "data")
        os.mkdir(home)
        db = os.path.join(home, "test.db")
        with Server(db=db, extra=("--threads", "16")) as srv:
            written, _ = self.load(srv, "Before read-only", 2, (None, ""))
            p = subprocess.run("mount --bind %s %s && mount -o remount,bind,ro %s" %
                               (home, home, home), shell=True, capture_output=True, text=True)
            self.assertEqual(p.returncode, 0, p.stderr)
            try:
                more, refused = self.load(srv, "Read-only", 24, (503, "read-only"))
                self.assertEqual(srv.get(API + "/health")[0], 200)
            finally:
                subprocess.run(["umount", "-l", home], capture_output=True)
            self.assertGreater(refused, 0)
            after, refused = self.load(srv, "Writable again", 24, (None, ""))
            self.assertEqual(refused, 0)
            self.assertEqual(srv.stop(), 0, "".join(srv.log)[-2000:])
        self.integrity_ok(db)
        names = names_in(db)
        lost = [n for n in written + more + after if n not in names]
        COUNTS["lost"] += len(lost)
        self.assertEqual(lost, [])

    def test_a_file_system_turned_read_only_says_so(self):
        # ext4 on a loop device, errors=remount-ro, and an error triggered
        # while served: every write fails (EROFS) even through open files:
        # 503 naming it, reads go on; the kernel lets it be writable again
        # only once unmounted: after a stop, e2fsck and a mount, all
        # acknowledged writes are there
        COUNTS["cases"] += 1
        if not shutil.which("losetup") or not shutil.which("mkfs.ext4"):
            self.skipTest("no losetup or mkfs.ext4")
        img = os.path.join(self.dir, "..", os.path.basename(self.dir) + ".img")
        mnt = tempfile.mkdtemp(prefix="liaison-ext4-")
        self.addCleanup(lambda: (subprocess.run(["umount", "-l", mnt], capture_output=True),
                                 os.rmdir(mnt), os.path.exists(img) and os.unlink(img)))
        subprocess.run(["truncate", "-s", "24M", img], check=True)
        subprocess.run(["mkfs.ext4", "-q", "-F", "-O", "^has_journal", img], check=True)
        p = subprocess.run(["mount", "-o", "loop,errors=remount-ro", img, mnt],
                           capture_output=True, text=True)
        if p.returncode:
            self.skipTest("cannot mount a loop device: " + p.stderr.strip())
        dev = os.path.basename(subprocess.run(["findmnt", "-no", "SOURCE", mnt],
                                              capture_output=True, text=True).stdout.strip())
        trigger = "/sys/fs/ext4/%s/trigger_fs_error" % dev
        if not os.path.exists(trigger):
            self.skipTest("no " + trigger)
        db = os.path.join(mnt, "test.db")
        with Server(db=db) as srv:
            written, _ = self.load(srv, "Before the error", 3, (None, ""))
            # with synchronous=NORMAL a commit is not fsynced: what the
            # kernel still held when it turned the file system read-only
            # is gone as after a power cut; synced, it must all be there
            os.sync()
            with open(trigger, "w") as f:
                f.write("liaison test")
            more, refused = self.load(srv, "After the error", 12, (503, "read-only"))
            self.assertEqual(refused, 12)
            self.assertEqual(srv.get(API + "/health")[0], 200)
            self.assertEqual(srv.stop(), 0, "".join(srv.log)[-2000:])
        subprocess.run(["umount", mnt], check=True)
        subprocess.run(["e2fsck", "-fy", img], capture_output=True)
        subprocess.run(["mount", "-o", "loop", img, mnt], check=True)
        with Server(db=db) as srv:
            again, _ = self.load(srv, "Mounted again", 2, (None, ""))
            self.assertEqual(srv.stop(), 0)
        self.integrity_ok(db)
        names = names_in(db)
        lost = [n for n in written + again if n not in names]
        COUNTS["lost"] += len(lost)
        self.assertEqual(lost, [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
