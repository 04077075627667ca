"""Black-box tests of every message a participant gets, delivered by
`liaison send` to a real SMTP server started here (aiosmtpd, Debian's
python3-aiosmtpd) and read back with Python's email package: the demo
participant 杨帆 (languages zh, en; Asia/Shanghai) gets each kind in
Chinese, an English speaker in English, French and German speakers theirs; the schedule's .ics is read by
python3-icalendar; reminders fire once, at the right time, with the
start in each recipient's own time zone across a daylight-saving change
(an injected clock: `liaison send --clock`); opt-outs are honoured;
announcements reach an event's participants.
"""
import email
import email.policy
import os
import re
import socket
import sys
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import Server, run_cli  # noqa: E402

try:
    import icalendar
    from aiosmtpd.controller import Controller
except ImportError:  # Debian's packages, when python3 is not Debian's
    sys.path.append("/usr/lib/python3/dist-packages")
    import icalendar
    from aiosmtpd.controller import Controller

API = "/api/v1"


class Sink:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.original_content,
                                                          policy=email.policy.default))
        return "250 OK"

    def take(self, to):
        """The messages to `to` that arrived since the last take, removed."""
        with self.lock:
            mine = [m for m in self.messages if m["To"].addresses[0].addr_spec == to]
            self.messages = [m for m in self.messages if m not in mine]
        return mine


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Messages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sink = Sink()
        port = free_port()
        cls.ctl = Controller(cls.sink, hostname="127.0.0.1", port=port)
        cls.ctl.start()
        cls.addClassCleanup(cls.ctl.stop)
        cls.url = "smtp://127.0.0.1:%d" % port
        cls.srv = Server(demo=True)
        cls.addClassCleanup(cls.srv.__exit__, None, None, None)
        cls.event = cls.srv.get(API + "/events/eu-cn-fair-2026")[2]
        cls.yang = cls.srv.get(API + "/people/p-cn-chengdu-2")[2]
        cls.shen = cls.srv.get(API + "/people/p-cn-hangzhou-1")[2]
        cls.p1 = cls.srv.demo_client("participant")   # 杨帆
        cls.p2 = cls.srv.demo_client("participant2")  # 沈佳怡
        cls.org = cls.srv.demo_client("organiser")

    def send(self, *extra):
        rc, out, err = run_cli("send", "--db", self.srv.db, "--smtp-url", self.url,
                               "--starttls", "off", "--once", "--from", "fair@liaison.example",
                               *extra)
        self.assertEqual(rc, 0, err)
        return out

    def one(self, person, *extra):
        self.send(*extra)
        got = self.sink.take(person["email"])
        self.assertEqual(len(got), 1, [str(m["Subject"]) for m in got])
        m = got[0]
        text = m.get_body(("plain",)).get_content()
        html = m.get_body(("html",)).get_content()
        self.assertIn("<p>", html)
        return m, str(m["Subject"]), text, html

    def other_person(self, skip):
        st, _, regs = self.srv.get(API + "/registrations?event=%d&limit=200" % self.event["id"])
        for r in regs["items"]:
            if r["person_id"] not in skip and r.get("validation") != "rejected":
                p = self.srv.get(API + "/people/%d" % r["person_id"])[2]
                if p.get("email"):
                    return p
        raise AssertionError("no other participant")

    def request(self, client, frm, to):
        st, _, doc = client.post(API + "/meeting-requests", {
            "event_id": self.event["id"], "requester_id": frm["id"], "invitee_id": to["id"],
            "message": "谈谈城市交通 <合作> & more"})
        self.assertEqual(st, 201, doc)
        return doc["id"]

    def test_a_request_messages_in_chinese(self):
        self.send()  # what the demo queued
        self.sink.take(self.yang["email"])
        # received: someone asks 杨帆
        x = self.other_person({self.yang["id"], self.shen["id"]})
        self.request(self.srv, x, self.yang)
        m, subject, text, html = self.one(self.yang)
        self.assertIn("请求与您会面", subject)
        self.assertIn(x["name"], subject)
        self.assertIn("谈谈城市交通 <合作> & more", text)
        self.assertIn("谈谈城市交通 &lt;合作&gt; &amp; more", html)
        self.assertIn("liaison", text)
        # cancelled by the invitee: the requester 杨帆 hears of it
        req = self.request(self.p1, self.yang, self.shen)
        self.sink.take(self.shen["email"])
        st, _, doc = self.p2.post(API + "/meeting-requests/%d/cancel" % req)
        self.assertEqual(st, 200, doc)
        m, subject, text, html = self.one(self.yang)
        self.assertIn("取消了会面请求", subject)
        self.assertIn(self.shen["name"], subject)
        # accepted
        req = self.request(self.p1, self.yang, self.shen)
        self.sink.take(self.shen["email"])
        st, _, doc = self.p2.post(API + "/meeting-requests/%d/accept" % req)
        self.assertEqual(st, 200, doc)
        m, subject, text, html = self.one(self.yang)
        self.assertIn("接受了您的会面请求", subject)
        # declined (by the organiser, for the invitee)
        y = self.other_person({self.yang["id"], self.shen["id"], x["id"]})
        req = self.request(self.p1, self.yang, y)
        self.send()
        self.sink.take(y["email"])
        st, _, doc = self.org.post(API + "/meeting-requests/%d/decline" % req)
        self.assertEqual(st, 200, doc)
        m, subject, text, html = self.one(self.yang)
        self.assertIn("婉拒了您的会面请求", subject)
        self.assertIn(y["name"], subject)
        self.assertEqual(m.get_body(("plain",)).get_content_charset(), "utf-8")

    def test_b_english_speakers_get_english(self):
        st, _, people = self.srv.get(API + "/people?limit=200")
        en = [p for p in people["items"] if p.get("email") and p.get("languages") and
              "zh" not in p["languages"] and p["languages"][0] == "en"]
        if not en:
            en = [p for p in people["items"] if p.get("email") and "zh" not in
                  (p.get("languages") or [])]
        target = en[0]
        reg = self.srv.get(API + "/registrations?event=%d&person=%d" %
                           (self.event["id"], target["id"]))[2]["items"]
        if not reg:
            st, _, doc = self.srv.post(API + "/registrations", {
                "event_id": self.event["id"], "person_id": target["id"],
                "attendance": "online"})
            self.assertEqual(st, 201, doc)
        self.send()
        self.sink.take(target["email"])
        self.request(self.srv, self.yang, target)
        m, subject, text, html = self.one(target)
        self.assertIn("asks to meet you", subject)
        self.assertIn(self.yang["name"], subject)

    def test_b_french_and_german_speakers(self):
        """The first of a person's languages the catalogues have: French, German;
        one the catalogues do not have (Italian) is skipped, none is English."""
        org = self.srv.get(API + "/organisations?limit=1")[2]["items"][0]
        cases = ((["fr"], "souhaite vous rencontrer", "Acceptez-la ou déclinez-la"),
                 (["it", "de-AT"], "möchte Sie treffen", "Terminanfrage"),
                 (["it"], "asks to meet you", "Accept or decline"))
        for i, (langs, subject_has, text_has) in enumerate(cases):
            st, _, p = self.srv.post(API + "/people", {
                "organisation_id": org["id"], "name": "Lang %d" % i, "languages": langs,
                "email": "lang%d@x.example" % i, "time_zone": "Europe/Paris"})
            self.assertEqual(st, 201, p)
            st, _, r = self.srv.post(API + "/registrations", {
                "event_id": self.event["id"], "person_id": p["id"], "attendance": "online"})
            self.assertEqual(st, 201, r)
            self.send()
            self.sink.take(p["email"])
            self.request(self.srv, self.yang, p)
            m, subject, text, html = self.one(p)
            self.assertIn(subject_has, subject, langs)
            self.assertIn(self.yang["name"], subject)
            self.assertIn(text_has, text, langs)
            self.assertIn("谈谈城市交通 <合作> & more", text)
            self.assertIn("&lt;合作&gt; &amp; more", html)

    def test_c_schedule_published_with_ics(self):
        self.send()
        self.sink.take(self.yang["email"])
        st, _, doc = self.org.post(API + "/events/%d/schedule" % self.event["id"],
                                   {"publish": True})
        self.assertEqual(st, 200, doc)
        m, subject, text, html = self.one(self.yang)
        self.assertIn("日程已发布", subject)
        agenda = self.p1.get(API + "/people/%d/agenda" % self.yang["id"])[2]
        mine = [a for a in agenda["meetings"] if a["event"]["id"] == self.event["id"]]
        self.assertGreater(len(mine), 0)
        self.assertIn("（%d 场会面）" % len(mine), subject)
        self.assertIn("Asia/Shanghai", text)
        # the first meeting's local start and partner are in the text
        self.assertIn(mine[0]["start"][11:16], text)
        self.assertIn(mine[0]["with"][0]["name"], text)
        (att,) = [p for p in m.iter_attachments()]
        self.assertEqual(att.get_content_type(), "text/calendar")
        self.assertEqual(att.get_filename(), "schedule.ics")
        cal = icalendar.Calendar.from_ical(att.get_content())
        events = [c for c in cal.walk("VEVENT")]
        self.assertEqual(len(events), len(mine))

    def test_d_reminder_once_at_the_right_time(self):
        st, _, doc = self.org.patch(API + "/events/%d" % self.event["id"],
                                    {"reminder_minutes": 30})
        self.assertEqual(st, 200, doc)
        self.assertEqual(doc["reminder_minutes"], 30)
        agenda = self.p1.get(API + "/people/%d/agenda" % self.yang["id"])[2]
        first = [a for a in agenda["meetings"] if a["event"]["id"] == self.event["id"]][0]
        import datetime
        start = datetime.datetime.fromisoformat(first["start_utc"].replace("Z", "+00:00"))
        self.send()
        self.sink.take(self.yang["email"])
        early = (start - datetime.timedelta(minutes=31)).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.send("--clock", early)
        self.assertEqual([m for m in self.sink.take(self.yang["email"])
                          if "会面" in str(m["Subject"]) and first["start"][11:16] in
                          str(m["Subject"])], [])
        due = (start - datetime.timedelta(minutes=29)).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.send("--clock", due)
        got = [m for m in self.sink.take(self.yang["email"])
               if first["start"][11:16] in str(m["Subject"])]
        self.assertEqual(len(got), 1, [str(m["Subject"]) for m in got])
        text = got[0].get_body(("plain",)).get_content()
        self.assertIn("30 分钟后开始", text)
        self.assertIn(first["start"][:10] + " " + first["start"][11:16], text)
        self.assertIn("Asia/Shanghai, UTC+08:00", text)
        self.assertIn(first["with"][0]["name"], text)
        # never twice
        self.send("--clock", due)
        self.assertEqual([m for m in self.sink.take(self.yang["email"])
                          if first["start"][11:16] in str(m["Subject"])], [])

    def test_e_announcement_and_opt_out(self):
        st, _, prefs = self.p1.get(API + "/me/notifications")
        self.assertEqual(st, 200, prefs)
        self.assertIn("announcement", prefs["kinds"])
        self.assertEqual(prefs["off"], [])
        st, _, doc = self.p1.put(API + "/me/notifications", {"off": ["bogus"]})
        self.assertEqual(st, 422, doc)
        self.send()
        self.sink.take(self.yang["email"])
        self.sink.take(self.shen["email"])
        body = {"subject": "开幕式改到 B 馆 / Opening moved to Hall B",
                "body": "开幕论坛 9:30 开始。\nThe opening forum starts at 9:30."}
        st, _, doc = self.p1.post(API + "/events/%d/announcements" % self.event["id"], body)
        self.assertEqual(st, 403, doc)
        st, _, doc = self.org.post(API + "/events/%d/announcements" % self.event["id"], body)
        self.assertEqual(st, 202, doc)
        self.assertGreater(doc["queued"], 10)
        m, subject, text, html = self.one(self.yang)
        self.assertIn("开幕式改到 B 馆", subject)
        self.assertIn("The opening forum starts at 9:30.", text)
        self.assertEqual(len(self.sink.take(self.shen["email"])), 1)
        st, _, prefs = self.p1.put(API + "/me/notifications", {"off": ["announcement"]})
        self.assertEqual(st, 200, prefs)
        self.assertEqual(prefs["off"], ["announcement"])
        st, _, doc = self.org.post(API + "/events/%d/announcements" % self.event["id"], body)
        self.assertEqual(st, 202, doc)
        self.send()
        self.assertEqual([str(m["Subject"]) for m in self.sink.take(self.yang["email"])], [])
        self.assertEqual(len(self.sink.take(self.shen["email"])), 1)
        st, _, box = self.srv.get(API + "/outbox?kind=announcement&to=" + self.yang["email"])
        self.assertEqual(box["items"][-1]["state"], "skipped")
        st, _, doc = self.org.post(API + "/events/%d/announcements" % self.event["id"],
                                   {"subject": "x"})
        self.assertEqual(st, 422, doc)
        self.assertEqual(doc["field"], "body")

    def test_f_survey_once_after_the_event(self):
        import datetime
        ends = [datetime.datetime.fromisoformat(s["start"]) + datetime.timedelta(minutes=s["minutes"])
                for s in self.event["slots"]]
        after = (max(ends) + datetime.timedelta(hours=1)).astimezone(datetime.timezone.utc)
        clock = after.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.send()
        self.sink.take(self.yang["email"])
        self.send("--clock", clock)
        got = [m for m in self.sink.take(self.yang["email"]) if "会面情况如何" in str(m["Subject"])]
        self.assertEqual(len(got), 1)
        text = got[0].get_body(("plain",)).get_content()
        self.assertIn("有合作可能", text)
        self.assertIn(self.yang["name"], text)
        self.send("--clock", clock)
        self.assertEqual([m for m in self.sink.take(self.yang["email"])
                          if "会面情况如何" in str(m["Subject"])], [])

    def test_g_nudge_with_three_partners(self):
        st, _, doc = self.p1.post(API + "/events/%d/nudges" % self.event["id"])
        self.assertEqual(st, 403, doc)
        st, _, doc = self.org.post(API + "/events/%d/nudges" % self.event["id"])
        self.assertEqual(st, 202, doc)
        self.assertGreater(doc["queued"], 0)
        st, _, box = self.srv.get(API + "/outbox?kind=nudge&limit=200")
        to = {m["to"] for m in box["items"]}
        self.assertEqual(len(box["items"]), doc["queued"])
        self.assertNotIn(self.yang["email"], to)  # he has meetings
        self.send()
        target = sorted(to)[0]
        got = [m for m in self.sink.take(target)
               if "Three partners" in str(m["Subject"]) or "三个合作伙伴" in str(m["Subject"])]
        self.assertEqual(len(got), 1)
        text = got[0].get_body(("plain",)).get_content()
        for n in ("1. ", "2. ", "3. "):
            self.assertIn("\n" + n, text)
        self.assertNotIn("\n4. ", text)


class DstReminders(unittest.TestCase):
    """A meeting in Berlin just after the clocks went forward (2026-03-29, 02:00 CET ->
    03:00 CEST) between a New Yorker (already on EDT) and a Shanghai participant."""

    def test_reminder_times_in_each_zone(self):
        sink = Sink()
        port = free_port()
        ctl = Controller(sink, hostname="127.0.0.1", port=port)
        ctl.start()
        self.addCleanup(ctl.stop)
        with Server(demo=True) as srv:
            orgs = srv.get(API + "/organisations?limit=2")[2]["items"]
            st, _, ev = srv.post(API + "/events", {
                "name": "Berlin breakfast 柏林早餐会", "time_zone": "Europe/Berlin",
                "mode": "onsite", "tables": 2, "reminder_minutes": 60,
                "slots": [{"ref": "s1", "start": "2026-03-29T03:30:00+02:00", "minutes": 20}]})
            self.assertEqual(st, 201, ev)
            people = []
            for i, (tz, langs) in enumerate([("America/New_York", ["en"]),
                                             ("Asia/Shanghai", ["zh"])]):
                st, _, p = srv.post(API + "/people", {
                    "organisation_id": orgs[i]["id"], "name": ["Ann Lee", "王芳"][i],
                    "email": "dst%d@x.example" % i, "time_zone": tz, "languages": langs})
                self.assertEqual(st, 201, p)
                st, _, r = srv.post(API + "/registrations", {
                    "event_id": ev["id"], "person_id": p["id"], "attendance": "onsite"})
                self.assertEqual(st, 201, r)
                people.append(p)
            st, _, req = srv.post(API + "/meeting-requests", {
                "event_id": ev["id"], "requester_id": people[0]["id"],
                "invitee_id": people[1]["id"]})
            self.assertEqual(st, 201, req)
            st, _, doc = srv.post(API + "/meeting-requests/%d/accept" % req["id"])
            self.assertEqual(st, 200, doc)
            st, _, doc = srv.post(API + "/events/%d/schedule" % ev["id"], {"publish": True})
            self.assertEqual(st, 200, doc)
            self.assertEqual(len(doc["scheduled"]), 1, doc)

            def send(clock):
                rc, out, err = run_cli("send", "--db", srv.db, "--smtp-url",
                                       "smtp://127.0.0.1:%d" % port, "--starttls", "off",
                                       "--once", "--clock", clock)
                self.assertEqual(rc, 0, err)

            def reminders():
                with sink.lock:
                    got = [m for m in sink.messages
                           if re.search(r"meeting with .* at \d{4}-|\d\d:\d\d 与",
                                        str(m["Subject"]))]
                return got

            # the slot starts 01:30 UTC; 61 minutes before is 00:29 UTC (01:29 CET)
            send("2026-03-29T00:29:00Z")
            self.assertEqual(reminders(), [])
            send("2026-03-29T00:31:00Z")
            got = reminders()
            self.assertEqual(len(got), 2, [str(m["Subject"]) for m in got])
            by = {m["To"].addresses[0].addr_spec: m.get_body(("plain",)).get_content()
                  for m in got}
            self.assertIn("2026-03-28 21:30", by["dst0@x.example"])
            self.assertIn("America/New_York, UTC-04:00", by["dst0@x.example"])
            self.assertIn("starts in 60 minutes", by["dst0@x.example"])
            self.assertIn("王芳", by["dst0@x.example"])
            self.assertIn("2026-03-29 09:30", by["dst1@x.example"])
            self.assertIn("Asia/Shanghai, UTC+08:00", by["dst1@x.example"])
            self.assertIn("60 分钟后开始", by["dst1@x.example"])
            self.assertIn("号桌", by["dst1@x.example"])
            send("2026-03-29T01:00:00Z")
            send("2026-03-29T01:29:00Z")
            self.assertEqual(len(reminders()), 2)
            # after the start: nothing more either
            send("2026-03-29T01:31:00Z")
            self.assertEqual(len(reminders()), 2)


if __name__ == "__main__":
    unittest.main()
