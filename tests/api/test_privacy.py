"""Black-box tests of privacy: who sees contact details, profiles awaiting
validation and meeting requests; the daily cap of requests; a person's
export and deletion; the audit log of organisers' writes.

The story of issue #4's "Done when": a participant signs in, requests a
meeting as themselves and sees the other party's e-mail and phone only
after the invitee accepted. Runs on demo servers (data/demo, the demo
accounts of DEMO_ACCOUNTS); each class that changes what others see has its
own server.
"""
import datetime
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import DEMO_ACCOUNTS, Server  # noqa: E402

API = "/api/v1"
CONTACT = ("email", "phone")


def stop(srv):
    rc = srv.stop()
    log = "".join(srv.log)
    srv.__exit__(None, None, None)
    if rc != 0:
        raise AssertionError("server exited with %d:\n%s" % (rc, log[-4000:]))


def all_items(get, path):
    """Every item of a list, page after page; get(path) -> (status, headers, doc)."""
    items, cursor = [], None
    sep = "&" if "?" in path else "?"
    while True:
        url = path + sep + "limit=100" + ("&cursor=" + cursor if cursor else "")
        st, _, doc = get(url)
        if st != 200:
            raise AssertionError("GET %s: %s %r" % (url, st, doc))
        items += doc["items"]
        cursor = doc.get("next")
        if not cursor:
            return items


class DemoBase(unittest.TestCase):
    """A demo server per class, ids of the demo rows, helpers."""
    extra = ()

    @classmethod
    def setUpClass(cls):
        cls.srv = Server(demo=True, extra=cls.extra)
        cls.addClassCleanup(stop, cls.srv)  # also when setUpClass fails
        cls.ids = {}
        for name, path in (("p_part", "people/p-cn-chengdu-2"),
                           ("p_part2", "people/p-cn-hangzhou-1"),
                           ("p_rep", "people/p-fi-mobisync-1"),
                           ("p_colleague", "people/p-fi-mobisync-2"),
                           ("p_org", "people/p-cn-rong-ou-centre-1"),
                           ("org_part", "organisations/cn-chengdu"),
                           ("event", "events/eu-cn-fair-2026"),
                           ("event2", "events/eu-cn-city-pairing-online-2026-06")):
            st, _, doc = cls.srv.get("%s/%s" % (API, path))
            assert st == 200, (path, st, doc)
            cls.ids[name] = doc["id"]
        cls.clients = {}

    def client(self, role):
        """The demo account of role, signed in once per class."""
        if role not in self.clients:
            self.clients[role] = self.srv.demo_client(role)
        return self.clients[role]

    def anon(self, path):
        return self.srv.anonymous("GET", API + path)

    def problem(self, st, doc, status, field=None):
        self.assertEqual(st, status, doc)
        self.assertEqual(doc["status"], status)
        if field is not None:
            self.assertEqual(doc.get("field"), field, doc)

    def person_as(self, caller, pid):
        get = caller.get if caller else (lambda p: self.srv.anonymous("GET", p))
        st, _, doc = get("%s/people/%d" % (API, pid))
        self.assertEqual(st, 200, doc)
        return doc

    def has_contact(self, doc):
        return any(k in doc for k in CONTACT)

    def ask(self, caller, requester, invitee, event=None, status=201):
        st, hdrs, doc = caller.post(API + "/meeting-requests", {
            "event_id": event or self.ids["event"], "requester_id": requester,
            "invitee_id": invitee, "message": "Shall we meet at the fair?"})
        self.assertEqual(st, status, doc)
        return st, hdrs, doc


class ContactDetailsTest(DemoBase):
    def test_done_when_contact_details_after_acceptance(self):
        part, part2 = self.client("participant"), self.client("participant2")
        me, other = self.ids["p_part"], self.ids["p_part2"]
        self.assertEqual(part.account["person_id"], me)
        st, _, admin_view = self.srv.get("%s/people/%d" % (API, other))
        self.assertTrue(admin_view["email"] and admin_view["phone"], admin_view)
        # not before: neither by id nor in the list
        self.assertFalse(self.has_contact(self.person_as(part, other)))
        listed = [p for p in all_items(part.get, API + "/people") if p["id"] == other]
        self.assertEqual(len(listed), 1)
        self.assertFalse(self.has_contact(listed[0]))
        # the participant asks as themselves
        _, hdrs, req = self.ask(part, me, other)
        self.assertEqual((req["requester_id"], req["invitee_id"], req["state"]),
                         (me, other, "requested"))
        self.assertFalse(self.has_contact(self.person_as(part, other)))
        self.assertFalse(self.has_contact(self.person_as(part2, me)))
        # the invitee sees the request and accepts it
        st, _, seen = part2.get("%s/meeting-requests/%d" % (API, req["id"]))
        self.assertEqual((st, seen.get("requester_id")), (200, me), seen)
        st, _, doc = part.post("%s/meeting-requests/%d/accept" % (API, req["id"]))
        self.problem(st, doc, 403)  # the requester cannot accept for the invitee
        st, _, doc = part2.post("%s/meeting-requests/%d/accept" % (API, req["id"]))
        self.assertEqual((st, doc.get("state")), (200, "accepted"), doc)
        # after: both sides see each other's e-mail and phone
        after = self.person_as(part, other)
        self.assertEqual((after.get("email"), after.get("phone")),
                         (admin_view["email"], admin_view["phone"]))
        st, _, mine = self.srv.get("%s/people/%d" % (API, me))
        back = self.person_as(part2, me)
        self.assertEqual(back.get("email"), mine["email"])
        listed = [p for p in all_items(part.get, API + "/people") if p["id"] == other]
        self.assertEqual(listed[0].get("email"), admin_view["email"])
        # and nobody else does
        self.assertFalse(self.has_contact(self.person_as(self.client("jury"), other)))
        self.assertFalse(self.has_contact(self.person_as(None, other)))

    def test_anonymous_reads_only_public_data(self):
        people = all_items(lambda p: self.srv.anonymous("GET", p), API + "/people")
        self.assertGreater(len(people), 100)
        leaked = [p["id"] for p in people if self.has_contact(p)]
        self.assertEqual(leaked, [])
        for pid in (self.ids["p_part"], self.ids["p_rep"], people[0]["id"], people[-1]["id"]):
            self.assertFalse(self.has_contact(self.person_as(None, pid)))
        # the admin does see them: the data has contact details to hide
        admin_view = all_items(self.srv.get, API + "/people")
        self.assertGreater(len([p for p in admin_view if p.get("email")]), 100)
        # rows about people's participation are for signed-in callers only
        for path in ("/registrations", "/meeting-requests", "/meetings", "/agreements",
                     "/me/export", "/accounts", "/outbox", "/audit"):
            st, _, doc = self.anon(path)
            self.problem(st, doc, 401)

    def test_organiser_sees_contact_details_of_registered_people(self):
        org = self.client("organiser")
        regs = all_items(self.srv.get, "%s/registrations?event=%d" % (API, self.ids["event"]))
        registered = {r["person_id"] for r in regs}
        self.assertIn(self.ids["p_part"], registered)
        # people the organiser has nothing to do with: not registered at the
        # event, no meeting request with the organiser's own person
        mine = all_items(self.srv.get, "%s/meeting-requests?person=%d" % (API,
                                                                          self.ids["p_org"]))
        partners = {r["requester_id"] for r in mine} | {r["invitee_id"] for r in mine}
        people = all_items(org.get, API + "/people")
        strangers = [p for p in people if p["id"] not in registered | partners
                     and p["id"] != self.ids["p_org"]]
        self.assertTrue(strangers)
        for p in people:
            if p["id"] in registered:
                self.assertIn("email", p, p)
        self.assertEqual([p["id"] for p in strangers if self.has_contact(p)], [])
        self.assertIn("email", self.person_as(org, self.ids["p_part"]))
        self.assertFalse(self.has_contact(self.person_as(org, strangers[0]["id"])))
        # a participant sees none of that
        part_view = self.person_as(self.client("participant2"), strangers[0]["id"])
        self.assertFalse(self.has_contact(part_view))

    def test_no_request_as_someone_else(self):
        part = self.client("participant")
        st, _, doc = part.post(API + "/meeting-requests", {
            "event_id": self.ids["event"], "requester_id": self.ids["p_colleague"],
            "invitee_id": self.ids["p_part2"], "message": "as somebody else"})
        self.problem(st, doc, 403)
        st, _, lst = self.srv.get("%s/meeting-requests?person=%d" % (API,
                                                                    self.ids["p_colleague"]))
        self.assertNotIn(self.ids["p_part2"], [r["invitee_id"] for r in lst["items"]])

    def test_requests_of_others_are_invisible(self):
        part = self.client("participant")
        me = self.ids["p_part"]
        everything = all_items(self.srv.get, API + "/meeting-requests")
        mine = all_items(part.get, API + "/meeting-requests")
        theirs = [r for r in everything if me not in (r["requester_id"], r["invitee_id"])]
        self.assertTrue(mine and theirs)
        self.assertEqual(sorted(r["id"] for r in mine),
                         sorted(r["id"] for r in everything
                                if me in (r["requester_id"], r["invitee_id"])))
        meetings = all_items(part.get, API + "/meetings")
        self.assertTrue(meetings)
        for m in meetings:
            self.assertIn(me, m["participants"])
        # by id: as if it did not exist (privacy.c: a hidden row is a 404).
        # FAILS at the time of writing, a src/ bug reported to the lead: the
        # guard judges the route's access (self, partner, organiser, admin)
        # before the privacy view and answers 403, which tells a stranger the
        # request exists (an unknown id is a 404).
        st, _, doc = part.get("%s/meeting-requests/%d" % (API, theirs[0]["id"]))
        self.problem(st, doc, 404)
        st, _, ghost = part.get("%s/meeting-requests/%d" % (API, 999999))
        self.problem(st, ghost, 404)

    def test_export_of_ones_own_data(self):
        part2 = self.client("participant2")
        me = self.ids["p_part2"]
        st, _, doc = part2.get(API + "/me/export")
        self.assertEqual(st, 200, doc)
        self.assertEqual(doc["account"]["email"], DEMO_ACCOUNTS["participant2"][0])
        self.assertEqual(doc["person"]["id"], me)
        self.assertTrue(doc["person"].get("email"))  # their own contact details
        regs = all_items(self.srv.get, "%s/registrations?person=%d" % (API, me))
        self.assertTrue(regs)
        self.assertEqual(sorted(r["id"] for r in doc["registrations"]),
                         sorted(r["id"] for r in regs))
        reqs = all_items(self.srv.get, "%s/meeting-requests?person=%d" % (API, me))
        self.assertTrue(reqs)
        self.assertEqual(sorted(r["id"] for r in doc["meeting_requests"]),
                         sorted(r["id"] for r in reqs))
        text = repr(doc)
        for secret in (DEMO_ACCOUNTS["participant2"][1], "argon2", "digest"):
            self.assertNotIn(secret, text)


class RequestCapTest(DemoBase):
    extra = ("--requests-per-day", "2", "--registration", "open")

    def test_daily_cap(self):
        # a new participant: signs up into a demo organisation, registers
        email, pw = "newcomer@example.org", "a newcomer's password"
        c = self.srv.client()
        st, _, doc = c.post(API + "/auth/register", {
            "email": email, "password": pw, "name": "New Comer",
            "organisation_id": self.ids["org_part"]})
        self.assertEqual(st, 201, doc)
        c.csrf = doc["csrf_token"]
        me = doc["person_id"]
        st, _, reg = c.post(API + "/registrations", {
            "event_id": self.ids["event"], "person_id": me, "attendance": "online"})
        self.assertEqual(st, 201, reg)
        self.ask(c, me, self.ids["p_part2"])
        self.ask(c, me, self.ids["p_rep"])
        st, hdrs, doc = c.post(API + "/meeting-requests", {
            "event_id": self.ids["event"], "requester_id": me,
            "invitee_id": self.ids["p_colleague"], "message": "a third one"})
        self.problem(st, doc, 429, "requester_id")
        self.assertGreater(int(hdrs.get("retry-after", "0")), 0)
        # the organiser of the event is not capped
        self.ask(self.client("organiser"), me, self.ids["p_colleague"])


class ProfileValidationTest(DemoBase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        srv = cls.srv
        st, _, ev = srv.post(API + "/events", {
            "name": "A fair that validates profiles", "time_zone": "Europe/Paris",
            "mode": "hybrid", "tables": 2, "profile_validation": True,
            "slots": [{"ref": "v-0900", "start": "2026-09-01T09:00:00+02:00", "minutes": 20}]})
        assert st == 201, ev
        assert ev["profile_validation"] is True, ev
        cls.ids["vevent"] = ev["id"]
        # the demo organiser organises this event too
        accounts = srv.get(API + "/accounts")[2]["items"]
        org = [a for a in accounts if a["email"] == DEMO_ACCOUNTS["organiser"][0]][0]
        roles = [{k: r[k] for k in ("role", "scope", "scope_id") if k in r}
                 for r in org["roles"]]
        roles.append({"role": "organiser", "scope": "event", "scope_id": ev["id"]})
        st, _, doc = srv.put("%s/accounts/%d/roles" % (API, org["id"]), {"roles": roles})
        assert st == 200, doc
        cls.organiser_account = org["id"]

    def public_ids(self):
        return {p["id"] for p in all_items(lambda p: self.srv.anonymous("GET", p),
                                           API + "/people")}

    def test_profile_waits_for_validation(self):
        part, org = self.client("participant"), self.client("organiser")
        me = self.ids["p_part"]
        self.assertIn(me, self.public_ids())
        body = {"event_id": self.ids["vevent"], "person_id": me, "attendance": "online"}
        # a participant cannot validate themselves
        st, _, doc = part.post(API + "/registrations", dict(body, validation="validated"))
        self.problem(st, doc, 403, "validation")
        st, _, reg = part.post(API + "/registrations", body)
        self.assertEqual((st, reg.get("validation")), (201, "pending"), reg)
        # hidden from the public and from strangers, as if it did not exist
        self.assertNotIn(me, self.public_ids())
        st, _, doc = self.anon("/people/%d" % me)
        self.problem(st, doc, 404)
        st, _, doc = self.client("jury").get("%s/people/%d" % (API, me))
        self.problem(st, doc, 404)
        # seen by themselves and by the event's organiser
        self.person_as(part, me)
        self.assertIn("email", self.person_as(org, me))
        st, _, doc = part.patch("%s/registrations/%d" % (API, reg["id"]),
                                {"validation": "validated"})
        self.problem(st, doc, 403, "validation")
        st, _, doc = part.patch("%s/registrations/%d" % (API, reg["id"]), {"checked_in": True})
        self.problem(st, doc, 403, "checked_in")
        self.assertNotIn(me, self.public_ids())
        # the organiser validates: public again
        before = datetime.datetime.now(datetime.timezone.utc)
        st, _, doc = org.patch("%s/registrations/%d" % (API, reg["id"]),
                               {"validation": "validated"})
        self.assertEqual((st, doc.get("validation")), (200, "validated"), doc)
        self.assertIn(me, self.public_ids())
        self.assertEqual(self.anon("/people/%d" % me)[0], 200)
        # the audit log has who did it and when
        st, _, audit = self.srv.get(API + "/audit?limit=100")
        self.assertEqual(st, 200, audit)
        rows = [a for a in audit["items"]
                if a["action"] == "PATCH %s/registrations/%d" % (API, reg["id"])]
        self.assertEqual(len(rows), 1, audit["items"])
        row = rows[0]
        self.assertEqual(row["email"], DEMO_ACCOUNTS["organiser"][0])
        self.assertEqual(row["account_id"], self.organiser_account)
        self.assertEqual(row["status"], 200)
        at = datetime.datetime.fromisoformat(row["at"].replace("Z", "+00:00"))
        self.assertLess(abs((at - before).total_seconds()), 120)
        # the participant's own writes are no audit material; reading it is the admins'
        self.assertFalse([a for a in audit["items"]
                          if a.get("email") == DEMO_ACCOUNTS["participant"][0]])
        st, _, doc = org.get(API + "/audit")
        self.problem(st, doc, 403)


class DeletionTest(DemoBase):
    def test_export_then_delete_account(self):
        email, pw = DEMO_ACCOUNTS["participant"]
        part = self.client("participant")
        me = self.ids["p_part"]
        st, _, stats = self.anon("/stats")
        self.assertEqual(st, 200)
        mine = all_items(self.srv.get, "%s/meetings?person=%d" % (API, me))
        self.assertTrue(mine)
        st, _, export = part.get(API + "/me/export")
        self.assertEqual((st, export["person"]["id"]), (200, me))
        self.assertTrue(export["registrations"] and export["meeting_requests"])
        # the password is asked, and only the password
        st, _, doc = part.post(API + "/me/delete", {"password": "not the password"})
        self.problem(st, doc, 403, "password")
        st, _, doc = part.post(API + "/me/delete", {"password": pw, "really": True})
        self.problem(st, doc, 422, "password")
        cookie = part.cookie
        st, hdrs, doc = part.post(API + "/me/delete", {"password": pw})
        self.assertEqual(st, 204, doc)
        self.assertIn("Max-Age=0", hdrs.get("set-cookie", ""))
        # the account is gone
        st, _, doc = self.srv.anonymous("POST", API + "/auth/sign-in",
                                        {"email": email, "password": pw})
        self.problem(st, doc, 401)
        st, _, doc = self.srv.anonymous("GET", API + "/auth/me",
                                        headers={"Cookie": "liaison_session=" + cookie})
        self.problem(st, doc, 401)
        accounts = all_items(self.srv.get, API + "/accounts")
        self.assertNotIn(email, [a["email"] for a in accounts])
        # the person stays, anonymised
        st, _, person = self.srv.get("%s/people/%d" % (API, me))
        self.assertEqual(st, 200, person)
        self.assertEqual(person["name"], "Deleted participant")
        for k in CONTACT:
            self.assertFalse(person.get(k), person)
        st, _, doc = self.anon("/people/%d" % me)
        self.problem(st, doc, 404)
        # their meetings stay, and so do the statistics
        st, _, after = self.anon("/stats")
        self.assertEqual(after["meetings"], stats["meetings"])
        self.assertEqual(after["meeting_requests"]["total"], stats["meeting_requests"]["total"])
        self.assertEqual(sorted(m["id"] for m in all_items(
            self.srv.get, "%s/meetings?person=%d" % (API, me))), sorted(m["id"] for m in mine))
        # open requests to or from them are cancelled
        st, _, open_ = self.srv.get("%s/meeting-requests?person=%d&state=requested" % (API, me))
        self.assertEqual(open_["items"], [])


if __name__ == "__main__":
    unittest.main()
