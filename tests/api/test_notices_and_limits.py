"""Black-box tests of the meeting notices in the outbox (who hears of what),
of what writes answer about other people, of contact details an organiser
cannot open by registering someone, of throttles that hold under parallel
attempts, and of what a password reset and an account deletion take away.
"""
import concurrent.futures
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import DEMO_ACCOUNTS, Server, db_sql  # noqa: E402

API = "/api/v1"


def ref_id(srv, path):
    st, _, doc = srv.get(API + "/" + path)
    if st != 200:
        raise AssertionError("GET %s: %s %r" % (path, st, doc))
    return doc["id"]


class NoticesTest(unittest.TestCase):
    """One demo server; the participants 杨帆 (chengdu-2) and 沈佳怡 (hangzhou-1)."""

    @classmethod
    def setUpClass(cls):
        cls.srv = Server(demo=True)
        cls.addClassCleanup(cls.srv.__exit__, None, None, None)
        cls.event = ref_id(cls.srv, "events/eu-cn-fair-2026")
        cls.yang = cls.srv.get(API + "/people/p-cn-chengdu-2")[2]
        cls.shen = cls.srv.get(API + "/people/p-cn-hangzhou-1")[2]
        cls.p1 = cls.srv.demo_client("participant")   # 杨帆
        cls.p2 = cls.srv.demo_client("participant2")  # 沈佳怡

    def outbox_to(self, person):
        st, _, doc = self.srv.get(API + "/outbox?to=" + person["email"] + "&limit=200")
        self.assertEqual(st, 200, doc)
        return [m for m in doc["items"] if m["kind"] == "meeting_request"]

    def request(self):
        st, _, doc = self.p1.post(API + "/meeting-requests", {
            "event_id": self.event, "requester_id": self.yang["id"],
            "invitee_id": self.shen["id"], "message": "一起聊聊交通 / let us talk mobility"})
        self.assertEqual(st, 201, doc)
        return doc["id"]

    def test_who_hears_of_what(self):
        yang0, shen0 = len(self.outbox_to(self.yang)), len(self.outbox_to(self.shen))
        req = self.request()
        # the invitee hears of the request, with the message
        shen = self.outbox_to(self.shen)
        self.assertEqual(len(shen), shen0 + 1)
        self.assertIn("一起聊聊交通", shen[-1]["body"])
        self.assertIn(self.yang["name"], shen[-1]["subject"])
        self.assertEqual(len(self.outbox_to(self.yang)), yang0)
        # the requester hears of the acceptance
        st, _, doc = self.p2.post(API + "/meeting-requests/%d/accept" % req)
        self.assertEqual(st, 200, doc)
        yang = self.outbox_to(self.yang)
        self.assertEqual(len(yang), yang0 + 1)
        self.assertIn("接受了您的会面请求", yang[-1]["subject"])  # 杨帆 reads Chinese
        # the requester cancels: the invitee hears of it, not the requester
        st, _, doc = self.p1.post(API + "/meeting-requests/%d/cancel" % req)
        self.assertEqual(st, 200, doc)
        shen = self.outbox_to(self.shen)
        self.assertEqual(len(shen), shen0 + 2)
        self.assertIn(self.yang["name"] + " 取消了会面请求", shen[-1]["subject"])
        self.assertEqual(len(self.outbox_to(self.yang)), yang0 + 1)
        # a new request, cancelled by the invitee: the requester hears of it
        req = self.request()
        st, _, doc = self.p2.post(API + "/meeting-requests/%d/cancel" % req)
        self.assertEqual(st, 200, doc)
        yang = self.outbox_to(self.yang)
        self.assertEqual(len(yang), yang0 + 2)
        self.assertIn(self.shen["name"] + " 取消了会面请求", yang[-1]["subject"])


class WritesAndContactsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server(demo=True)
        cls.addClassCleanup(cls.srv.__exit__, None, None, None)

    def test_a_write_answers_no_contact_details_one_may_not_see(self):
        rep = self.srv.demo_client("representative")
        colleague = ref_id(self.srv, "people/p-fi-mobisync-2")
        st, _, doc = rep.get(API + "/people/%d" % colleague)
        self.assertEqual(st, 200, doc)
        self.assertNotIn("email", doc)
        st, _, doc = rep.patch(API + "/people/%d" % colleague, {"role": "CTO"})
        self.assertEqual(st, 200, doc)
        self.assertEqual(doc["role"], "CTO")
        self.assertNotIn("email", doc)
        self.assertNotIn("phone", doc)
        # the stored e-mail is still there (the admin sees it)
        st, _, doc = self.srv.get(API + "/people/%d" % colleague)
        self.assertIn("@", doc["email"])

    def test_an_organiser_cannot_open_contacts_by_registering_someone(self):
        org = self.srv.demo_client("organiser")
        event = ref_id(self.srv, "events/eu-cn-fair-2026")
        st, _, people = self.srv.get(API + "/people?limit=200")
        st, _, regs = self.srv.get(API + "/registrations?event=%d&limit=200" % event)
        registered = {r["person_id"] for r in regs["items"]}
        stranger = next(p for p in people["items"]
                        if p["id"] not in registered and p.get("email"))
        st, _, doc = org.get(API + "/people/%d" % stranger["id"])
        self.assertNotIn("email", doc)
        st, _, doc = org.post(API + "/registrations", {
            "event_id": event, "person_id": stranger["id"], "attendance": "online"})
        self.assertEqual(st, 201, doc)
        st, _, doc = org.get(API + "/people/%d" % stranger["id"])
        self.assertEqual(st, 200, doc)
        self.assertNotIn("email", doc)
        self.assertNotIn("phone", doc)
        # a person who registered themselves is another matter
        someone = next(iter(registered))
        st, _, doc = org.get(API + "/people/%d" % someone)
        self.assertIn("email", doc)


class ThrottleTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server(demo=True, extra=("--threads", "8"))
        cls.addClassCleanup(cls.srv.__exit__, None, None, None)

    def test_parallel_failed_sign_ins_do_not_slip_under_the_limit(self):
        email = DEMO_ACCOUNTS["jury"][0]

        def attempt(i):
            return self.srv.client().sign_in(email, "wrong password %d" % i)[0]

        with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
            statuses = list(pool.map(attempt, range(16)))
        self.assertEqual(statuses.count(401), 5, statuses)
        self.assertEqual(statuses.count(429), 11, statuses)
        # the right password is refused too while the wait lasts
        st, hdrs, doc = self.srv.client().sign_in(*DEMO_ACCOUNTS["jury"])
        self.assertEqual(st, 429, doc)
        self.assertEqual(hdrs.get("retry-after"), "900")


class ResetAndDeletionTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server(demo=True)
        cls.addClassCleanup(cls.srv.__exit__, None, None, None)

    def test_a_reset_revokes_api_tokens(self):
        email, password = DEMO_ACCOUNTS["representative"]
        c = self.srv.client(email, password)
        st, _, doc = c.post(API + "/auth/tokens", {"name": "integration"})
        self.assertEqual(st, 201, doc)
        token = {"Authorization": "Bearer " + doc["token"]}
        self.assertEqual(self.srv.anonymous("GET", API + "/auth/me", headers=token)[0], 200)
        st, _, doc = self.srv.anonymous("POST", API + "/auth/password-reset", {"email": email})
        self.assertEqual(st, 202, doc)
        st, _, doc = self.srv.get(API + "/outbox?to=" + email + "&kind=password_reset")
        code = doc["items"][-1]["body"].split("Your code: ")[1].split()[0]
        st, _, doc = self.srv.anonymous("POST", API + "/auth/password-reset/confirm",
                                        {"token": code, "new_password": "a new long password"})
        self.assertEqual(st, 204, doc)
        st, _, doc = self.srv.anonymous("GET", API + "/auth/me", headers=token)
        self.assertEqual(st, 401, doc)
        self.assertEqual(doc["field"], "Authorization")

    def test_deletion_takes_the_notices_to_and_from_the_person(self):
        p2 = self.srv.demo_client("participant2")
        shen = self.srv.get(API + "/people/p-cn-hangzhou-1")[2]
        yang = self.srv.get(API + "/people/p-cn-chengdu-2")[2]
        event = ref_id(self.srv, "events/eu-cn-fair-2026")
        st, _, doc = p2.post(API + "/meeting-requests", {
            "event_id": event, "requester_id": shen["id"], "invitee_id": yang["id"],
            "message": "secret words of 沈佳怡"})
        self.assertEqual(st, 201, doc)
        p1 = self.srv.demo_client("participant")
        st, _, doc = p1.post(API + "/meeting-requests/%d/decline" % doc["id"])
        self.assertEqual(st, 200, doc)
        st, _, doc = p2.post(API + "/me/delete", {"password": DEMO_ACCOUNTS["participant2"][1]})
        self.assertEqual(st, 204, doc)
        rows, _ = db_sql(self.srv.db, "SELECT to_email, body FROM outbox")
        self.assertFalse([r for r in rows if r[0] == shen["email"]], rows)
        self.assertFalse([r for r in rows if "secret words" in r[1]], rows)


if __name__ == "__main__":
    unittest.main()
