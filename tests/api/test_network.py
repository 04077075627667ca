"""Black-box tests of the desk's partner network, expert pool and event
series (src/service/network.c, expert.c, src/store/network.c): partners
with their agreement dates, renewals coming due (overdue first), the
activity log, the contact persons private to the desk (the leak tested
for anonymous visitors and every other role); experts appointed by a
letter, full-text search across languages, the matching engine's
suggestions for a case, assignment to a case (a note on its thread), an
event and a challenge's jury (through the challenges' jury workflow);
series with the statistics of each edition. Bad bodies are 422 naming
the field.

Runs on a demo server (data/demo/network.json, data/demo/series.json).
"""
import json
import os
import sys
import time
import unittest
from urllib.parse import quote
from datetime import date, timedelta

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import Server  # noqa: E402

API = "/api/v1"


class Network(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server(demo=True)
        cls.desk = cls.srv.demo_client("desk")
        cls.admin = cls.srv.demo_client("admin")
        cls.others = {r: cls.srv.demo_client(r) for r in
                      ("participant", "representative", "organiser", "jury")}

    @classmethod
    def tearDownClass(cls):
        rc = cls.srv.stop()
        log = "".join(cls.srv.log)
        cls.srv.__exit__(None, None, None)
        if rc != 0:
            raise AssertionError("server exited with %d:\n%s" % (rc, log[-4000:]))

    def problem(self, st, doc, status, field=None):
        self.assertEqual(st, status, doc)
        if field is not None:
            self.assertEqual(doc.get("field"), field, doc)

    def partner_body(self, **kw):
        body = {"name": "Handelskammer Österreich–China", "kind": "chamber", "country": "AT",
                "countries": ["AT", "SI"], "themes": ["mobility"],
                "contacts": [{"name": "Eva Gruber", "email": "eva.gruber@example.at",
                              "languages": ["de", "en"]}],
                "signed_on": "2024-02-01", "expires_on": "2027-01-31", "notice_days": 60}
        body.update(kw)
        return body

    # ---- partners ----------------------------------------------------------

    def test_partner_create_and_bad_fields(self):
        st, _, p = self.desk.post(API + "/partners", self.partner_body())
        self.assertEqual(st, 201, p)
        self.assertEqual(p["contacts"][0]["name"], "Eva Gruber")
        self.assertEqual(p["renewal"]["due_on"], "2026-12-02")
        for field, value, status in [
                ("kind", "club", 422), ("country", "Austria", 422),
                ("countries", ["AT", "x"], 422), ("themes", ["Mobility"], 422),
                ("signed_on", "2024-02-30", 422), ("notice_days", -1, 422),
                ("website", "ftp://x", 422), ("name", "  ", 422), ("colour", "red", 422)]:
            st, _, doc = self.desk.post(API + "/partners", self.partner_body(**{field: value}))
            self.problem(st, doc, status, field)
        st, _, doc = self.desk.post(API + "/partners", self.partner_body(
            contacts=[{"name": "A", "email": "not-mail"}]))
        self.problem(st, doc, 422, "contacts[0].email")
        st, _, doc = self.desk.post(API + "/partners", self.partner_body(expires_on="2023-01-01"))
        self.problem(st, doc, 422, "expires_on")
        st, _, doc = self.desk.patch(API + "/partners/%d" % p["id"], {"kind": None})
        self.problem(st, doc, 422, "kind")
        st, _, doc = self.desk.patch(API + "/partners/%d" % p["id"], {"city": "Wien · 维也纳"})
        self.assertEqual((st, doc["city"], doc["name"]), (200, "Wien · 维也纳", p["name"]))
        for role, c in self.others.items():
            st, _, doc = c.post(API + "/partners", self.partner_body())
            self.problem(st, doc, 403)

    def test_contacts_never_leak(self):
        st, _, lst = self.desk.get(API + "/partners")
        self.assertEqual(st, 200)
        self.assertTrue(all("contacts" in p for p in lst["items"]))
        ids = [p["id"] for p in lst["items"]]
        secret = "claire.lefevre@ccifc.example.fr"
        readers = [("anonymous", None)] + list(self.others.items())
        for role, c in readers:
            get = (lambda path: self.srv.anonymous("GET", path)) if c is None else c.get
            st, _, doc = get(API + "/partners")
            self.assertEqual(st, 200, role)
            self.assertNotIn(secret, json.dumps(doc), role)
            self.assertFalse(any("contacts" in p for p in doc["items"]), role)
            for i in ids:
                st, _, doc = get(API + "/partners/%d" % i)
                self.assertEqual(st, 200, role)
                self.assertNotIn("contacts", doc, role)
                self.assertFalse(any("note" in a or "case_id" in a
                                     for a in doc["activities"]), role)
            st, _, doc = get(API + "/partners/renewals")
            self.assertIn(st, (401, 403), role)
            st, _, doc = get(API + "/experts")
            self.assertNotIn("@expert.example", json.dumps(doc), role)
        st, _, doc = self.admin.get(API + "/partners/%d" % ids[0])
        self.assertIn("contacts", doc)

    def test_renewals_overdue_first(self):
        st, _, r = self.desk.get(API + "/partners/renewals?within=60")
        self.assertEqual(st, 200, r)
        names = [p["name"] for p in r["items"]]
        self.assertEqual(names[:2], ["Deutsch-Chinesischer Wirtschaftsverband",
                                     "Chambre de commerce et d'industrie franco-chinoise"])
        self.assertTrue(r["items"][0]["renewal"]["overdue"])
        self.assertEqual(r["items"][0]["renewal"]["days_left"], -12)
        self.assertFalse(r["items"][1]["renewal"]["overdue"])
        self.assertTrue(r["items"][1]["renewal"]["due"])
        self.assertNotIn("Finland–China Trade Association", names)
        st, _, r = self.desk.get(API + "/partners/renewals?within=800")
        self.assertIn("Finland–China Trade Association", [p["name"] for p in r["items"]])
        st, _, doc = self.desk.get(API + "/partners/renewals?within=0")
        self.problem(st, doc, 400, "within")
        st, _, doc = self.desk.get(API + "/partners/renewals?soon=1")
        self.problem(st, doc, 400, "soon")

    def test_activity_and_renewal(self):
        st, _, p = self.desk.post(API + "/partners", self.partner_body(name="Svensk-Kinesiska"))
        self.assertEqual(st, 201, p)
        path = API + "/partners/%d" % p["id"]
        st, _, cases = self.desk.get(API + "/cases?view=all&limit=1")
        case = cases["items"][0]["id"]
        st, _, doc = self.desk.post(path + "/activities", {
            "kind": "referral_made", "date": "2026-11-02", "title": "转介一家苏州企业",
            "case_id": case, "note": "internal"})
        self.assertEqual(st, 201, doc)
        self.assertEqual(doc["activity_counts"]["referral_made"], 1)
        self.assertEqual(doc["activities"][0]["case_id"], case)
        st, _, doc = self.desk.post(path + "/activities", {"kind": "party", "date": "2026-11-02",
                                                            "title": "x"})
        self.problem(st, doc, 422, "kind")
        st, _, doc = self.desk.post(path + "/activities", {"kind": "event", "date": "2026-11-02",
                                                            "title": "x", "event_id": 99999})
        self.problem(st, doc, 422, "event_id")
        st, _, doc = self.desk.post(path + "/renewal", {"expires_on": "2026-01-01"})
        self.problem(st, doc, 422, "expires_on")
        new_end = (date.today() + timedelta(days=1500)).isoformat()
        st, _, doc = self.desk.post(path + "/renewal", {"expires_on": new_end})
        self.assertEqual(st, 200, doc)
        self.assertEqual(doc["expires_on"], new_end)
        self.assertFalse(doc["renewal"]["due"])
        self.assertEqual(doc["activities"][0]["kind"], "renewal")

    def test_list_filters(self):
        st, _, doc = self.srv.anonymous("GET", API + "/partners?country=DE")
        self.assertEqual([p["country"] for p in doc["items"]], ["DE"])
        st, _, doc = self.srv.anonymous("GET", API + "/partners?country=EE")
        self.assertEqual([p["name"] for p in doc["items"]], ["Finland–China Trade Association"])
        st, _, doc = self.srv.anonymous("GET", API + "/partners?theme=cultural-heritage&limit=1")
        self.assertEqual(len(doc["items"]), 1)
        st, _, doc = self.srv.anonymous("GET", API + "/partners?kind=club")
        self.problem(st, doc, 400, "kind")

    # ---- experts ---------------------------------------------------------------

    def expert_body(self, **kw):
        body = {"name": "Ana Sousa", "letter_date": "2026-01-10", "term_end": "2028-01-09",
                "field": "Turismo sustentável", "concepts": ["sustainable-tourism"],
                "expertise": {"pt": "Turismo sustentável e gestão de visitantes em centros "
                                    "históricos.", "zh": "可持续旅游与历史街区游客管理。"},
                "languages": ["pt", "en"], "email": "ana.sousa@example.pt"}
        body.update(kw)
        return body

    def test_expert_search_across_languages(self):
        st, _, x = self.desk.post(API + "/experts", self.expert_body())
        self.assertEqual(st, 201, x)
        self.assertTrue(x["in_term"])
        for q, name in [("游客管理", "Ana Sousa"), ("visitantes", "Ana Sousa"),
                        ("交通", "李华"), ("Wasserstoff", "Dr. Katrin Schulz"),
                        ("marquage", "Sophie Martin"), ("园区", "王建国")]:
            st, _, doc = self.srv.anonymous("GET", API + "/experts?q=" + quote(q))
            self.assertEqual(st, 200, doc)
            self.assertIn(name, [e["name"] for e in doc["items"]], q)
        st, _, doc = self.desk.patch(API + "/experts/%d" % x["id"],
                                     {"expertise": {"en": "Hydrogen buses"}})
        self.assertEqual(st, 200, doc)
        st, _, doc = self.srv.anonymous("GET", API + "/experts?q=visitantes")
        self.assertNotIn("Ana Sousa", [e["name"] for e in doc["items"]])
        st, _, doc = self.srv.anonymous("GET", API + "/experts?lang=de")
        self.assertEqual([e["name"] for e in doc["items"]], ["Dr. Katrin Schulz"])
        st, _, doc = self.srv.anonymous("GET", API + "/experts?in_term=true&concept=circular-economy")
        self.assertEqual([e["name"] for e in doc["items"]], ["王建国"])
        for field, value in [("letter_date", "10/01/2026"), ("languages", []),
                             ("expertise", {"xx1": "t"}), ("availability", "busy"),
                             ("term_end", "2025-01-01"), ("account_id", 999999)]:
            st, _, doc = self.desk.post(API + "/experts", self.expert_body(**{field: value}))
            self.assertEqual(st, 422, (field, doc))
            self.assertTrue(doc["field"].startswith(field), (field, doc))
        st, _, doc = self.srv.anonymous("GET", API + "/experts?q=")
        self.problem(st, doc, 400, "q")

    def test_suggest_and_assign(self):
        st, _, cases = self.desk.get(API + "/cases?view=all&q=" + quote("智能交通"))
        case = cases["items"][0]["id"]
        st, _, s = self.desk.get(API + "/cases/%d/experts" % case)
        self.assertEqual(st, 200, s)
        self.assertEqual(s["experts"][0]["name"], "李华", s)
        self.assertTrue(s["experts"][0]["reasons"])
        self.assertNotIn("Matti Virtanen", [e["name"] for e in s["experts"]])  # out of term
        self.assertEqual([a["expert"] for a in s["assigned"]], ["李华"])
        st, _, doc = self.others["participant"].get(API + "/cases/%d/experts" % case)
        self.problem(st, doc, 403)
        st, _, pool = self.desk.get(API + "/experts?q=marquage")
        sophie = pool["items"][0]["id"]
        st, _, doc = self.desk.post(API + "/experts/%d/assignments" % sophie,
                                    {"case_id": case, "role": "adviser"})
        self.assertEqual(st, 201, doc)
        self.assertEqual(doc["assignments"][-1]["case_id"], case)
        st, _, doc = self.desk.post(API + "/experts/%d/assignments" % sophie, {"case_id": case})
        self.problem(st, doc, 409, "expert_id")
        st, _, c = self.desk.get(API + "/cases/%d" % case)
        self.assertIn("Expert assigned: Sophie Martin", json.dumps(c, ensure_ascii=False))
        st, _, c = self.others["participant"].get(API + "/cases/%d" % case)
        self.assertNotIn("Expert assigned", json.dumps(c, ensure_ascii=False))
        st, _, ev = self.srv.anonymous("GET", API + "/events/eu-cn-fair-2026")
        st, _, doc = self.desk.post(API + "/experts/%d/assignments" % sophie,
                                    {"event_id": ev["id"]})
        self.assertEqual(st, 201, doc)
        st, _, doc = self.desk.post(API + "/experts/%d/assignments" % sophie,
                                    {"event_id": ev["id"], "case_id": case})
        self.problem(st, doc, 422, "case_id")
        st, _, doc = self.desk.post(API + "/experts/%d/assignments" % sophie,
                                    {"challenge_id": 999999})
        self.problem(st, doc, 422, "challenge_id")

    def test_jury_through_the_challenge(self):
        st, _, pool = self.admin.get(API + "/experts?q=" + quote("交通"))
        li = pool["items"][0]
        self.assertIn("account_id", li)
        now = int(time.time())
        stamp = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))  # noqa: E731
        st, _, chd = self.admin.post(API + "/challenges", {
            "title": {"en": "Digital solutions for sustainable cities"},
            "time_zone": "Asia/Shanghai", "opens_at": stamp(now - 60),
            "closes_at": stamp(now + 3600),
            "criteria": [{"id": "impact", "label": {"en": "Impact"}, "weight": 1}],
            "tracks": [{"title": {"en": "Urban mobility", "zh": "城市交通"}}]})
        self.assertEqual(st, 201, chd)
        ch = chd["id"]
        # the desk's staff do not manage the challenge: the jury workflow refuses, nothing kept
        st, _, doc = self.desk.post(API + "/experts/%d/assignments" % li["id"],
                                    {"challenge_id": ch})
        self.assertIn(st, (403, 404), doc)  # a draft the desk does not manage is not found
        st, _, x = self.admin.get(API + "/experts/%d" % li["id"])
        self.assertFalse(any(a["kind"] == "challenge" for a in x["assignments"]))
        st, _, doc = self.admin.post(API + "/experts/%d/assignments" % li["id"],
                                     {"challenge_id": ch, "role": "jury"})
        self.assertEqual(st, 201, doc)
        st, _, jury = self.admin.get(API + "/challenges/%d/jury" % ch)
        member = [j for j in jury["items"] if j["account_id"] == li["account_id"]]
        self.assertEqual(len(member), 1, jury)
        self.assertEqual(member[0]["expertise"], li["concepts"])
        st, _, pool = self.admin.get(API + "/experts?lang=fi")
        st, _, doc = self.admin.post(API + "/experts/%d/assignments" % pool["items"][0]["id"],
                                     {"challenge_id": ch})
        self.assertIn(st, (409, 422), doc)

    # ---- series ----------------------------------------------------------------

    def test_series_with_editions(self):
        st, _, doc = self.desk.get(API + "/series")
        self.assertEqual(st, 200, doc)
        fair = [s for s in doc["items"] if s["name"] == "EU–China Cooperation Fair"][0]
        self.assertEqual(fair["events"], 3)
        self.assertEqual(fair["first_day"], "2024-10-16")
        st, _, s = self.desk.get(API + "/series/statistics?name=" + quote("EU–China Cooperation Fair"))
        self.assertEqual(st, 200, s)
        eds = s["editions"]
        self.assertEqual([e["first_day"][:4] for e in eds], ["2024", "2025", "2026"])
        self.assertEqual(s["statistics"]["events"], 3)
        self.assertEqual(eds[0]["statistics"]["meetings"]["total"], 5)
        self.assertEqual(eds[1]["statistics"]["meetings"]["total"], 8)
        self.assertEqual(sum(e["statistics"]["meetings"]["total"] for e in eds),
                         s["statistics"]["meetings"]["total"])
        st, _, doc = self.desk.get(API + "/series/statistics?name=No%20such%20series")
        self.problem(st, doc, 404, "name")
        st, _, doc = self.desk.get(API + "/series/statistics")
        self.problem(st, doc, 400, "name")
        st, _, doc = self.others["participant"].get(API + "/series")
        self.problem(st, doc, 403)


if __name__ == "__main__":
    unittest.main()
