"""Black-box tests of the city sustainability indicators
(src/service/indicator.c, src/store/indicators.c, src/export/csv_read.c):
the seeded indicators, the demo figures of the ten pilot cities with the
national average (marked as demo data), an organiser-defined indicator,
and the CSV import: all or nothing, every kind of bad row named by row and
column, quoting and a byte order mark, who may import.
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import Server  # noqa: E402

API = "/api/v1"
PILOTS = {"cn-beijing", "cn-tianjin", "cn-chongqing", "cn-shenyang", "cn-zhengzhou",
          "cn-suzhou", "cn-guangzhou", "cn-wuhu", "cn-chengdu", "cn-hangzhou"}


class Indicators(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server(demo=True)
        cls.desk = cls.srv.demo_client("desk")
        cls.part = cls.srv.demo_client("participant")

    @classmethod
    def tearDownClass(cls):
        rc = cls.srv.stop()
        log = "".join(cls.srv.log)
        cls.srv.__exit__(None, None, None)
        if rc != 0:
            raise AssertionError("server exited with %d:\n%s" % (rc, log[-4000:]))

    def csv(self, text, client=None, ctype="text/csv; charset=utf-8"):
        raw = text.encode("utf-8") if isinstance(text, str) else text
        return (client or self.desk).request("POST", API + "/indicators/import", raw=raw,
                                             headers={"Content-Type": ctype})

    def problem(self, st, doc, status, field=None):
        self.assertEqual(st, status, doc)
        if field is not None:
            self.assertEqual(doc.get("field"), field, doc)

    def series(self, ref):
        st, _, doc = self.srv.anonymous("GET", API + "/indicators/" + ref)
        self.assertEqual(st, 200, doc)
        return doc

    def test_seeded_and_demo(self):
        st, _, doc = self.srv.anonymous("GET", API + "/indicators")
        self.assertEqual(st, 200, doc)
        refs = [i["ref"] for i in doc["items"]]
        for r in ("energy_intensity", "water_intensity", "co2_intensity", "rd_share",
                  "high_tech_firms"):
            self.assertIn(r, refs)
        energy = self.series("energy_intensity")
        self.assertEqual(energy["unit"], "tce per 10,000 CNY")
        self.assertTrue(energy["lower_is_better"])
        self.assertEqual({c["ref"] for c in energy["cities"]}, PILOTS)
        for c in energy["cities"]:
            self.assertEqual([v["year"] for v in c["values"]], list(range(2019, 2024)))
            self.assertTrue(all(v["demo"] for v in c["values"]))
            self.assertTrue(all(0 < v["value"] < 2 for v in c["values"]))
        self.assertEqual([v["year"] for v in energy["national"]], list(range(2019, 2024)))
        # the demo's story: Beijing below the national average, falling
        bj = next(c for c in energy["cities"] if c["ref"] == "cn-beijing")["values"]
        self.assertLess(bj[-1]["value"], energy["national"][-1]["value"])
        self.assertLess(bj[-1]["value"], bj[0]["value"])
        st, _, doc = self.srv.anonymous("GET", API + "/indicators/nothing")
        self.problem(st, doc, 404, "id")

    def test_import(self):
        text = ("\ufeffcity,year,indicator,value\r\n"
                "cn-suzhou,2024,rd_share,4.05\r\n"
                "national,2024,rd_share,2.68\r\n"
                "\"cn-chengdu\",2024,\"rd_share\",\"3.2\"\r\n")
        st, _, doc = self.csv(text)
        self.assertEqual(st, 200, doc)
        self.assertEqual(doc["imported"], 3)
        rd = self.series("rd_share")
        sz = next(c for c in rd["cities"] if c["ref"] == "cn-suzhou")["values"]
        self.assertEqual(sz[-1], {"year": 2024, "value": 4.05, "demo": False})
        self.assertEqual(rd["national"][-1], {"year": 2024, "value": 2.68, "demo": False})
        # again: replaced, not doubled
        st, _, doc = self.csv("indicator,city,year,value\nrd_share,cn-suzhou,2024,4.1\n")
        self.assertEqual(st, 200, doc)
        rd = self.series("rd_share")
        sz = next(c for c in rd["cities"] if c["ref"] == "cn-suzhou")["values"]
        self.assertEqual([v["value"] for v in sz if v["year"] == 2024], [4.1])

    def test_every_bad_row(self):
        head = "indicator,city,year,value\n"
        good = "rd_share,cn-wuhu,2025,3.0\n"
        cases = [
            ("", "rows[1]"),
            (head, "rows[2]"),
            ("indicator,city,year\n" + good, "rows[1]"),
            ("indicator,city,year,value,note\n" + good, "rows[1]"),
            ("indicator,city,city,value\n", "rows[1]"),
            (head + good + "rd_share,cn-wuhu,2025\n", "rows[3]"),
            (head + good + "rd_share,cn-wuhu,2026,3.0,x\n", "rows[3]"),
            (head + good + "happiness,cn-wuhu,2025,3.0\n", "rows[3].indicator"),
            (head + good + "rd_share,cn-atlantis,2025,3.0\n", "rows[3].city"),
            (head + good + "rd_share,fi-mobisync,2025,3.0\n", "rows[3].city"),
            (head + good + "rd_share,cn-wuhu,25,3.0\n", "rows[3].year"),
            (head + good + "rd_share,cn-wuhu,2025.5,3.0\n", "rows[3].year"),
            (head + good + "rd_share,cn-wuhu,3000,3.0\n", "rows[3].year"),
            (head + good + "rd_share,cn-wuhu,2024,\"3,0\"\n", "rows[3].value"),
            (head + good + "rd_share,cn-wuhu,2024,abc\n", "rows[3].value"),
            (head + good + "rd_share,cn-wuhu,2024,\n", "rows[3].value"),
            (head + good + "rd_share,cn-wuhu,2024,inf\n", "rows[3].value"),
            (head + good + "rd_share,cn-wuhu,2024,1e999\n", "rows[3].value"),
            (head + good + good, "rows[3]"),
            (head + good + "rd_share,\"cn-wuhu,2024,3\n", "rows[3]"),
            (head + good + "rd_share,cn-wu\"hu,2024,3\n", "rows[3]"),
        ]
        before = self.series("rd_share")
        for text, field in cases:
            st, _, doc = self.csv(text)
            self.assertIn(st, (400, 422), (text, doc))
            self.assertEqual(doc.get("field"), field, (text, doc))
        # bytes that are not UTF-8
        st, _, doc = self.csv(head.encode() + b"rd_share,cn-wuhu,2024,3\nrd_share,\xff\xfe,2024,3\n")
        self.problem(st, doc, 400, "rows[3]")
        # nothing of a refused file was stored (the good first row neither)
        self.assertEqual(self.series("rd_share"), before)

    def test_who_may(self):
        st, _, doc = self.csv("indicator,city,year,value\nrd_share,cn-wuhu,2025,3.0\n", self.part)
        self.problem(st, doc, 403)
        st, _, doc = self.srv.anonymous("POST", API + "/indicators/import", raw=b"x",
                                        headers={"Content-Type": "text/csv"})
        self.assertEqual(st, 401, doc)
        st, _, doc = self.csv("indicator,city,year,value\n", ctype="application/json")
        self.assertEqual(st, 415, doc)

    def test_organiser_defined(self):
        body = {"ref": "green_buses", "name": "Share of electric buses", "name_zh": "新能源公交车占比",
                "unit": "% of buses", "source": "transport bureau", "lower_is_better": False}
        st, hdrs, doc = self.desk.post(API + "/indicators", body)
        self.assertEqual(st, 201, doc)
        self.assertEqual(hdrs["location"], API + "/indicators/green_buses")
        self.assertEqual(doc["cities"], [])
        st, _, doc = self.desk.post(API + "/indicators", body)
        self.problem(st, doc, 409, "ref")
        for patch, field in (({"ref": "Green Buses"}, "ref"), ({"ref": "123"}, "ref"),
                             ({"unit": ""}, "unit"), ({"name": None}, "name"),
                             ({"lower_is_better": "no"}, "lower_is_better"), ({"x": 1}, "x")):
            b = dict(body, ref="b2")
            b.update(patch)
            b = {k: v for k, v in b.items() if v is not None}
            st, _, doc = self.desk.post(API + "/indicators", b)
            self.problem(st, doc, 422, field)
        st, _, doc = self.part.post(API + "/indicators", dict(body, ref="b3"))
        self.problem(st, doc, 403)
        st, _, doc = self.csv("indicator,city,year,value\ngreen_buses,cn-shenyang,2024,61.5\n"
                              "green_buses,national,2024,55\n")
        self.assertEqual(st, 200, doc)
        doc = self.series("green_buses")
        self.assertEqual(doc["cities"][0]["values"], [{"year": 2024, "value": 61.5, "demo": False}])


if __name__ == "__main__":
    unittest.main()
