"""Black-box tests of lists and items written by the database
(store_list_text, store_get_text; src/store/list.c and crud.c): every item
of a list page and every GET /{resource}/{id} is exactly the resource that a
write answers (a PATCH's body, written by jansson from the row), members in
the same order, defaults filled in, unset fields left out, for each filter,
the full text and sort=name, on both backends; the body is one JSON document
whose cursor continues the list.
"""
import json
import os
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import Server  # noqa: E402

API = "/api/v1"


class ListPages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server(demo=True)
        # unset fields, quotes, backslashes, controls and several scripts
        st, _, doc = cls.srv.post(API + "/organisations", {
            "name": "Ünïcode \"quoted\" \\ back\tslash 北京 東京",
            "country": "JP", "kind": "sme"})
        assert st == 201, doc
        cls.sparse = doc["id"]

    @classmethod
    def tearDownClass(cls):
        rc = cls.srv.stop()
        log = "".join(cls.srv.log)
        cls.srv.__exit__(None, None, None)
        if rc != 0:
            raise AssertionError("server exited with %d:\n%s" % (rc, log[-4000:]))

    def page(self, res, **params):
        path = "%s/%s?%s" % (API, res, urllib.parse.urlencode(params))
        st, hdrs, doc = self.srv.get(path)
        self.assertEqual(st, 200, doc)
        self.assertEqual(hdrs["content-type"], "application/json")
        self.assertEqual(list(doc), ["items", "next"])
        return doc

    def same_as_written(self, res, items):
        """Each item is GET's answer and a no-op PATCH's (jansson's) answer."""
        self.assertTrue(items)
        dump = lambda v: json.dumps(v, ensure_ascii=False)  # noqa: E731
        for item in items:
            path = "%s/%s/%d" % (API, res, item["id"])
            st, _, one = self.srv.get(path)
            self.assertEqual(st, 200, one)
            self.assertEqual(dump(item), dump(one))
            key = "name" if res == "organisations" else "title"
            st, _, written = self.srv.request("PATCH", path, {key: item[key]})
            self.assertEqual(st, 200, written)
            del written["updated_at"], one["updated_at"]
            self.assertEqual(dump(written), dump(one))

    def test_items_are_what_get_answers(self):
        for res, params in [
            ("organisations", {"limit": "200"}),
            ("organisations", {"country": "CN", "kind": "city"}),
            ("organisations", {"q": "交通"}),
            ("organisations", {"q": "mobilité", "limit": "5"}),
            ("organisations", {"sort": "name", "sort_lang": "zh", "limit": "30"}),
            ("opportunities", {"limit": "200"}),
        ]:
            with self.subTest(res=res, params=params):
                self.same_as_written(res, self.page(res, **params)["items"])

    def test_unset_fields_and_defaults(self):
        doc = self.page("organisations", country="JP", kind="sme", limit="200")
        item = [i for i in doc["items"] if i["id"] == self.sparse][0]
        self.assertEqual(item["name"], "Ünïcode \"quoted\" \\ back\tslash 北京 東京")
        self.assertNotIn("website", item)
        self.assertNotIn("themes", item)
        self.assertEqual(item["validation"], "validated")
        self.same_as_written("organisations", [item])

    def test_cursor_walks_the_whole_list(self):
        everything = self.page("organisations", limit="200")
        self.assertIsNone(everything["next"])
        seen, params = [], {"limit": "7"}
        while True:
            doc = self.page("organisations", **params)
            self.assertLessEqual(len(doc["items"]), 7)
            seen += [i["id"] for i in doc["items"]]
            if doc["next"] is None:
                break
            params["cursor"] = doc["next"]
        self.assertEqual(seen, [i["id"] for i in everything["items"]])

    def test_empty_page(self):
        doc = self.page("organisations", q="zzzznotawordanywhere")
        self.assertEqual(doc, {"items": [], "next": None})


if __name__ == "__main__":
    unittest.main()
