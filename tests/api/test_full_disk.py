"""Black-box test of a full disk: the database on a small tmpfs, filled up.

Writes answer a 507 problem+json that names the cause (not 500 "internal
error"), reads keep working, the server stays up, and once space is freed
writes work again and PRAGMA integrity_check says ok. Mounting needs root
(CI runs as root); where mount is not permitted the test is skipped with a
message.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import BIN, Server  # noqa: E402

API = "/api/v1"


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


if __name__ == "__main__":
    unittest.main(verbosity=2)
