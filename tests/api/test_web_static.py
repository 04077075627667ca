"""Black-box tests of the browser UI's files served by `liaison serve`
(src/http/static.c): the single-page fallback to index.html, hashed assets
with a year of cache and gzip, ETag and 304, 404 for a missing asset, the
security headers on UI and API answers alike, and /api/ paths still
answered by the API (problem+json).

The pack is the one compiled into the binary (web/build.mjs, make web).
A bare cmake build embeds an empty pack: then only the "not built" page,
the headers and the API are checked.
"""
import gzip
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import Server  # noqa: E402

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")


class WebStatic(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server(admin=False)
        st, hdrs, body = cls.srv.anonymous("GET", "/")
        cls.built = st == 200
        cls.index = body if cls.built else None

    @classmethod
    def tearDownClass(cls):
        rc = cls.srv.stop()
        log = "".join(cls.srv.log)
        cls.srv.__exit__(None, None, None)
        if rc != 0:
            raise AssertionError("server exited with %d:\n%s" % (rc, log[-4000:]))

    def get(self, path, headers=None, method="GET"):
        return self.srv.anonymous(method, path, headers=headers)

    def need_ui(self):
        if not self.built:
            self.skipTest("the binary was built without the browser UI (make web)")

    def asset_paths(self):
        text = self.index.decode("utf-8")
        return re.findall(r'(?:src|href)="(/assets/[^"]+)"', text)

    def assert_security_headers(self, hdrs):
        self.assertEqual(hdrs.get("content-security-policy"), CSP)
        self.assertEqual(hdrs.get("x-content-type-options"), "nosniff")
        self.assertEqual(hdrs.get("referrer-policy"), "same-origin")

    def test_not_built_page(self):
        if self.built:
            self.skipTest("the UI is built")
        st, hdrs, body = self.get("/")
        self.assertEqual(st, 404)
        self.assertIn(b"not built", body)
        self.assert_security_headers(hdrs)

    def test_index_and_fallback(self):
        self.need_ui()
        st, hdrs, body = self.get("/")
        self.assertEqual(st, 200)
        self.assertTrue(hdrs["content-type"].startswith("text/html"))
        self.assertEqual(hdrs["cache-control"], "no-cache")
        self.assertIn(b"<!doctype html>", body.lower())
        self.assertNotIn(b"<script>", body)  # no inline script: the CSP forbids it
        for page in ("/organisations/cn-suzhou", "/agenda", "/organise/events/1/grid",
                     "/index.html"):
            st, hdrs, again = self.get(page)
            self.assertEqual((page, st), (page, 200))
            self.assertEqual(again, body)
            self.assertEqual(hdrs["cache-control"], "no-cache")

    def test_head(self):
        self.need_ui()
        st, hdrs, body = self.get("/", method="HEAD")
        self.assertEqual(st, 200)
        self.assertEqual(body, b"")
        self.assertEqual(int(hdrs["content-length"]), len(self.index))

    def test_hashed_asset_immutable_and_gzip(self):
        self.need_ui()
        paths = self.asset_paths()
        self.assertTrue(paths, "index.html links no /assets/ file")
        for path in paths:
            st, hdrs, plain = self.get(path)
            self.assertEqual(st, 200, path)
            self.assertEqual(hdrs["cache-control"], "public, max-age=31536000, immutable")
            self.assertIn("accept-encoding", hdrs["vary"].lower())
            self.assertNotIn("content-encoding", hdrs)
            self.assertTrue(hdrs["content-type"].startswith(("text/javascript", "text/css")))
            st, hdrs, packed = self.get(path, {"Accept-Encoding": "br, gzip;q=0.8"})
            self.assertEqual(st, 200)
            if len(plain) > 1000:
                self.assertEqual(hdrs.get("content-encoding"), "gzip", path)
            if hdrs.get("content-encoding") == "gzip":
                self.assertEqual(gzip.decompress(packed), plain)
            st, hdrs, _ = self.get(path, {"Accept-Encoding": "gzip;q=0, br"})
            self.assertNotIn("content-encoding", hdrs)

    def test_etag_304(self):
        self.need_ui()
        for path in ["/"] + self.asset_paths()[:1]:
            for ae in (None, "gzip"):
                hdrs_in = {"Accept-Encoding": ae} if ae else {}
                st, hdrs, _ = self.get(path, hdrs_in)
                etag = hdrs["etag"]
                self.assertRegex(etag, r'^"[0-9a-f]+(-gz)?"$')
                st, hdrs, body = self.get(path, dict(hdrs_in, **{"If-None-Match": etag}))
                self.assertEqual(st, 304, path)
                self.assertEqual(body, b"")
                self.assertEqual(hdrs["etag"], etag)
                st, _, _ = self.get(path, dict(hdrs_in, **{"If-None-Match": '"other"'}))
                self.assertEqual(st, 200)

    def test_missing_asset_404(self):
        self.need_ui()
        for path in ("/assets/app-00000000.js", "/favicon.ico", "/x/y.css"):
            st, hdrs, _ = self.get(path)
            self.assertEqual((path, st), (path, 404))
            self.assert_security_headers(hdrs)

    def test_security_headers_everywhere(self):
        for path in ("/", "/api/v1/health", "/api/v1/organisations", "/api/nope",
                     "/assets/missing.js"):
            _, hdrs, _ = self.get(path)
            self.assert_security_headers(hdrs)
        # an error of the API too
        st, hdrs, _ = self.srv.anonymous("POST", "/api/v1/organisations", body={})
        self.assertIn(st, (401, 403))
        self.assert_security_headers(hdrs)

    def test_api_paths_stay_api(self):
        for path in ("/api/nope", "/api/v1/nope", "/api", "/api/v1/nope.js"):
            st, hdrs, doc = self.get(path)
            self.assertEqual((path, st), (path, 404))
            self.assertEqual(hdrs["content-type"], "application/problem+json")
            self.assertEqual(doc["status"], 404)
        st, hdrs, doc = self.get("/api/v1/health")
        self.assertEqual(st, 200)
        self.assertEqual(hdrs["cache-control"], "no-store")

    def test_other_methods_on_ui_paths(self):
        st, hdrs, _ = self.srv.anonymous("POST", "/", body={})
        self.assertIn(st, (404, 405))
        self.assert_security_headers(hdrs)


if __name__ == "__main__":
    unittest.main()
