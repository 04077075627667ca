"""Black-box tests of lists sorted by name in the reader's language
(sort=name, sort_lang, Accept-Language; src/store/list.c, text/collate.c):
the orders are ICU's (CLDR) - pinyin for Chinese under zh, Å and Ö after Z
under sv, the root order under en - and a cursor continues the order of
the page that gave it, rows added between pages included.
"""
import os
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import Server  # noqa: E402

API = "/api/v1"
NAMES = ["Zürich", "安", "Apple", "北京", "Ångström"]
# What ICU 72 (CLDR 42) says. zh: Han by pinyin (an < bei) before Latin.
ZH = ["安", "北京", "Ångström", "Apple", "Zürich"]
# sv: Å after Z; Han after Latin, in the root order (北 U+5317 before 安 U+5B89).
SV = ["Apple", "Zürich", "Ångström", "北京", "安"]
# en (no tailoring: root): Å is an A with a ring.
ROOT = ["Ångström", "Apple", "Zürich", "北京", "安"]


class SortByName(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server()
        for name in NAMES:
            st, _, doc = cls.srv.post(API + "/organisations",
                                      {"name": name, "country": "CN", "kind": "sme"})
            assert st == 201, doc
            if name == "安":
                cls.org_id = doc["id"]

    @classmethod
    def tearDownClass(cls):
        rc = cls.srv.stop()
        log = "".join(cls.srv.log)
        cls.srv.__exit__(None, None, None)
        if rc != 0:
            raise AssertionError("server exited with %d:\n%s" % (rc, log[-4000:]))

    def names(self, res, headers=None, **params):
        query = urllib.parse.urlencode(params)
        st, _, doc = self.srv.get("%s/%s?%s" % (API, res, query), headers=headers)
        self.assertEqual(st, 200, doc)
        return [item["name"] for item in doc["items"]], doc["next"]

    def problem(self, path, status, field, headers=None):
        st, hdrs, doc = self.srv.get(path, headers=headers)
        self.assertEqual(st, status, doc)
        self.assertEqual(hdrs["content-type"], "application/problem+json")
        self.assertEqual(doc.get("field"), field, doc)
        return doc

    def test_orders_of_zh_sv_and_en(self):
        self.assertEqual(self.names("organisations", sort="name", sort_lang="zh")[0], ZH)
        self.assertEqual(self.names("organisations", sort="name", sort_lang="zh-Hans-CN")[0],
                         ZH)
        self.assertEqual(self.names("organisations", sort="name", sort_lang="sv")[0], SV)
        for lang in ("en", "en-GB", "de", "fr", "root"):
            self.assertEqual(self.names("organisations", sort="name", sort_lang=lang)[0],
                             ROOT, lang)

    def test_accept_language_and_default(self):
        self.assertEqual(self.names("organisations", sort="name")[0], ROOT)
        got = self.names("organisations", {"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"},
                         sort="name")[0]
        self.assertEqual(got, ZH)
        got = self.names("organisations", {"Accept-Language": "sv-SE"}, sort="name")[0]
        self.assertEqual(got, SV)
        # sort_lang wins over the header; a header that is no tag is ignored
        got = self.names("organisations", {"Accept-Language": "zh"}, sort="name",
                         sort_lang="sv")[0]
        self.assertEqual(got, SV)
        got = self.names("organisations", {"Accept-Language": "!!, zh"}, sort="name")[0]
        self.assertEqual(got, ROOT)
        got = self.names("organisations", {"Accept-Language": "*"}, sort="name")[0]
        self.assertEqual(got, ROOT)
        # without sort, the id order, whatever the language
        got = self.names("organisations", {"Accept-Language": "zh"})[0]
        self.assertEqual(got, NAMES)

    def walk(self, lang, limit):
        out, cursor, pages = [], None, 0
        while True:
            params = {"sort": "name", "sort_lang": lang, "limit": str(limit)}
            if cursor:
                params["cursor"] = cursor
            names, cursor = self.names("organisations", **params)
            out += names
            pages += 1
            if not cursor:
                return out, pages

    def test_pages_continue_the_order(self):
        for lang, order in (("zh", ZH), ("sv", SV), ("en", ROOT)):
            for limit in (1, 2, 4):
                got, pages = self.walk(lang, limit)
                self.assertEqual(got, order, (lang, limit))
                self.assertEqual(pages, -(-len(order) // limit))

    def test_cursor_is_keyset_across_writes(self):
        first, cursor = self.names("organisations", sort="name", sort_lang="zh", limit="2")
        self.assertEqual(first, ZH[:2])
        # rows written between pages: one before the cursor (not seen), one after it
        made = []
        for name in ("阿", "Bach"):  # a (阿) sorts before an (安) in pinyin
            st, _, doc = self.srv.post(API + "/organisations",
                                       {"name": name, "country": "CN", "kind": "sme"})
            self.assertEqual(st, 201, doc)
            made.append(doc["id"])
        try:
            rest, nxt = self.names("organisations", sort="name", sort_lang="zh", limit="10",
                                   cursor=cursor)
            self.assertEqual(rest, ["Ångström", "Apple", "Bach", "Zürich"])
            self.assertIsNone(nxt)
        finally:
            for i in made:
                st, _, _ = self.srv.delete("%s/organisations/%d" % (API, i))
                self.assertEqual(st, 204)

    def test_bad_parameters(self):
        doc = self.problem(API + "/organisations?sort=name&sort_lang=!!", 400, "sort_lang")
        self.assertIn("language tag", doc["detail"])
        self.problem(API + "/organisations?sort=name&sort_lang=", 400, "sort_lang")
        self.problem(API + "/organisations?sort=name&sort_lang=" + "x" * 80, 400, "sort_lang")
        self.problem(API + "/organisations?sort=title", 400, "sort")
        self.problem(API + "/registrations?sort=name", 400, "sort")
        self.assertEqual(self.srv.get(API + "/registrations?sort=id")[0], 200)
        # a cursor belongs to its order
        _, zh_next = self.names("organisations", sort="name", sort_lang="zh", limit="1")
        _, id_next = self.names("organisations", limit="1")
        self.problem(API + "/organisations?sort=name&sort_lang=sv&cursor=" + zh_next, 400,
                     "cursor")
        self.problem(API + "/organisations?sort=name&cursor=" + id_next, 400, "cursor")
        self.problem(API + "/organisations?cursor=" + zh_next, 400, "cursor")
        self.problem(API + "/organisations?sort=name&sort_lang=zh&cursor=1.7a68.zz", 400,
                     "cursor")
        self.problem(API + "/organisations?sort=name&sort_lang=zh&cursor=1..", 400, "cursor")

    def test_people_and_events(self):
        for name in NAMES:
            st, _, doc = self.srv.post(API + "/people",
                                       {"organisation_id": self.org_id, "name": name})
            self.assertEqual(st, 201, doc)
            st, _, doc = self.srv.post(API + "/events", {"name": name,
                                                          "time_zone": "Asia/Shanghai",
                                                          "mode": "online"})
            self.assertEqual(st, 201, doc)
        self.assertEqual(self.names("people", sort="name", sort_lang="zh")[0], ZH)
        self.assertEqual(self.names("events", {"Accept-Language": "sv"}, sort="name")[0], SV)
        got = self.names("people", sort="name", sort_lang="zh", q="Apple")[0]
        self.assertEqual(got, ["Apple"])


if __name__ == "__main__":
    unittest.main()
