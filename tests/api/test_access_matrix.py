"""The authorisation matrix: every endpoint x every role, allowed or denied.

Driven by the declaration the server enforces: `liaison routes` prints the
route table of src/api/resources.c (method, path, access list). For each
route the cases below pick a target row (the {id} of the path) and, for a
write, a body. The expected outcome of a case for a role comes from the
declaration alone (api.h, "Who may call an endpoint"):

  public     -> everyone
  signed-in  -> every role but anonymous
  admin      -> the admin
  self, partner, representative, organiser, jury -> the roles that hold that
             relation on the target: the owners of the path's row (read as
             the test admin) and, for a POST to a collection, the rows its
             body names; a PATCH whose body names owners needs the relation
             to those too.

Denied must answer 401 (anonymous) or 403 (signed in); allowed anything but
401 and 403 (the bodies are minimal, so 404, 409 and 422 are fine). Each
role gets its own demo server, so that writes and deletes of one role do
not change the rows another role is judged on; a role's deletes come last,
its sign-out at the very end. A summary of the counts goes to stderr.
"""
import json
import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from liaison_test import Server, run_cli  # noqa: E402

API = "/api/v1"
ROLES = ["anonymous", "participant", "representative", "organiser", "jury", "admin"]
ACCESS_NAMES = {"public", "signed-in", "self", "partner", "representative", "organiser",
                "admin", "desk", "jury"}
RELATIONS = ("self", "partner", "representative", "organiser", "jury")

# Cases per route: (target name for {id} or None, body or None). The
# targets are rows of the demo data (or made for the purpose) resolved per
# server in Fixture; every route of the table must have an entry here.
CASES = {
    ("GET", "/health"): [(None, None)],
    ("GET", "/stats"): [(None, None)],
    ("GET", "/openapi.json"): [(None, None)],
    ("POST", "/auth/register"): [(None, {})],
    ("POST", "/auth/sign-in"): [(None, {"email": "nobody@example.org"})],
    ("POST", "/auth/sign-out"): [(None, None)],
    ("GET", "/auth/me"): [(None, None)],
    ("GET", "/auth/session"): [(None, None)],
    ("POST", "/auth/password"): [(None, {})],
    ("POST", "/auth/password-reset"): [(None, {})],
    ("POST", "/auth/password-reset/confirm"): [(None, {})],
    ("GET", "/auth/tokens"): [(None, None)],
    ("POST", "/auth/tokens"): [(None, {})],
    ("DELETE", "/auth/tokens/{id}"): [("no_token", None)],
    ("POST", "/auth/invitations"): [(None, {"organisation_id": "@org_rep"})],
    ("GET", "/me/export"): [(None, None)],
    ("POST", "/me/delete"): [(None, {})],
    ("GET", "/me/notifications"): [(None, None)],
    ("PUT", "/me/notifications"): [(None, {})],
    ("POST", "/unsubscribe"): [(None, {})],
    ("GET", "/accounts"): [(None, None)],
    ("GET", "/accounts/{id}"): [("account_participant", None)],
    ("PUT", "/accounts/{id}/roles"): [("account_participant", {})],
    ("GET", "/outbox"): [(None, None)],
    ("GET", "/audit"): [(None, None)],
    ("GET", "/organisations"): [(None, None)],
    ("POST", "/organisations"): [(None, {})],
    ("GET", "/organisations/{id}"): [("org_rep", None)],
    ("PATCH", "/organisations/{id}"): [("org_rep", {})],
    ("DELETE", "/organisations/{id}"): [("org_rep", None)],
    ("GET", "/people"): [(None, None)],
    ("POST", "/people"): [(None, {"organisation_id": "@org_rep"})],
    ("GET", "/people/{id}"): [("person_participant", None)],
    ("PATCH", "/people/{id}"): [
        ("person_participant", {}),
        ("person_colleague", {}),
        # moving a person to another organisation needs the relation there too
        ("person_participant", {"organisation_id": "@org_rep"}),
        ("person_colleague", {"organisation_id": "@org_participant"}),
    ],
    ("DELETE", "/people/{id}"): [("person_colleague", None)],
    ("GET", "/opportunities"): [(None, None)],
    ("POST", "/opportunities"): [(None, {"organisation_id": "@org_rep"})],
    ("GET", "/opportunities/{id}"): [("opportunity", None)],
    ("PATCH", "/opportunities/{id}"): [("opportunity", {})],
    ("DELETE", "/opportunities/{id}"): [("opportunity", None)],
    ("GET", "/events"): [(None, None)],
    ("POST", "/events"): [(None, {})],
    ("GET", "/events/{id}"): [("event", None)],
    ("PATCH", "/events/{id}"): [("event", {})],
    ("DELETE", "/events/{id}"): [("event2", None)],
    ("GET", "/registrations"): [(None, None)],
    ("POST", "/registrations"): [
        (None, {"person_id": "@person_participant", "event_id": "@event"}),
        (None, {"person_id": "@person_colleague", "event_id": "@event2"}),
    ],
    ("GET", "/registrations/{id}"): [("registration", None)],
    ("PATCH", "/registrations/{id}"): [("registration", {})],
    ("DELETE", "/registrations/{id}"): [("registration", None)],
    ("GET", "/meeting-requests"): [(None, None)],
    ("POST", "/meeting-requests"): [
        (None, {"requester_id": "@person_participant", "invitee_id": "@person_other",
                "event_id": "@event"}),
        (None, {"requester_id": "@person_other", "invitee_id": "@person_participant",
                "event_id": "@event2"}),
    ],
    ("GET", "/meeting-requests/{id}"): [("request", None), ("request_own", None)],
    ("PATCH", "/meeting-requests/{id}"): [("request", {}), ("request_own", {})],
    ("DELETE", "/meeting-requests/{id}"): [("request", None), ("request_own", None)],
    ("POST", "/meeting-requests/{id}/accept"): [("request", None), ("request_own", None)],
    ("POST", "/meeting-requests/{id}/decline"): [("request", None), ("request_own", None)],
    ("POST", "/meeting-requests/{id}/cancel"): [("request", None), ("request_own", None)],
    ("GET", "/meetings"): [(None, None)],
    ("GET", "/meetings/{id}"): [("meeting", None)],
    ("GET", "/agreements"): [(None, None)],
    ("POST", "/agreements"): [(None, {"parties": ["@org_rep", "@org_participant"]})],
    ("GET", "/agreements/{id}"): [("agreement", None)],
    ("PATCH", "/agreements/{id}"): [("agreement", {})],
    ("DELETE", "/agreements/{id}"): [("agreement", None)],
    ("POST", "/events/{id}/schedule"): [("event", {"publish": "not a boolean"})],
    ("GET", "/events/{id}/grid"): [("event", None)],
    ("POST", "/events/{id}/views"): [("event", None)],
    ("GET", "/events/{id}/views"): [("event", None)],
    ("GET", "/events/{id}/registrations.csv"): [("event", None)],
    ("GET", "/events/{id}/meetings.csv"): [("event", None)],
    ("GET", "/events/{id}/statistics"): [("event", None)],
    ("GET", "/events/{id}/requests.csv"): [("event", None)],
    ("GET", "/events/{id}/outcomes.csv"): [("event", None)],
    ("GET", "/events/{id}/agreements.csv"): [("event", None)],
    ("GET", "/events/{id}/report.xlsx"): [("event", None)],
    ("GET", "/events/{id}/report.pdf"): [("event", None)],
    ("GET", "/statistics"): [(None, None)],
    ("GET", "/statistics/report.xlsx"): [(None, None)],
    ("GET", "/statistics/report.pdf"): [(None, None)],
    ("GET", "/events/{id}/badges.pdf"): [("event", None)],
    ("POST", "/events/{id}/check-in"): [("event", {"token": "LC1-1-1-AAAAAAAAAAAAAAAAAAAAAA"})],
    ("POST", "/events/{id}/join"): [("event", None)],
    ("GET", "/events/{id}/attendance"): [("event", None)],
    ("POST", "/events/{id}/announcements"): [("event", {})],
    ("POST", "/events/{id}/nudges"): [("event", None)],
    ("PATCH", "/meetings/{id}"): [("meeting", {})],
    ("GET", "/meetings/{id}/outcomes"): [("meeting", None)],
    ("PUT", "/meetings/{id}/outcome"): [("meeting", {})],
    ("POST", "/meetings/{id}/no-show"): [("meeting", {})],
    ("POST", "/meetings/{id}/agreement"): [("meeting", {})],
    ("POST", "/agreements/{id}/pilot"): [("agreement", {})],
    ("GET", "/people/{id}/agenda"): [("person_participant", None)],
    ("GET", "/people/{id}/agenda.ics"): [("person_participant", None)],
    ("GET", "/organisations/{id}/recommendations"): [("org_rep", None)],
    ("GET", "/opportunities/{id}/matches"): [("opportunity", None)],
    ("GET", "/cases"): [(None, None)],
    ("POST", "/cases"): [(None, {})],
    ("POST", "/cases/import"): [(None, None)],
    ("GET", "/cases/{id}"): [("case", None)],
    ("PATCH", "/cases/{id}"): [("case", {})],
    ("POST", "/cases/{id}/messages"): [("case", {})],
    ("POST", "/cases/{id}/state"): [("case", {})],
    ("POST", "/cases/{id}/satisfaction"): [("case", {})],
    ("GET", "/cases/{id}/suggestions"): [("case", None)],
    ("GET", "/desk/summary"): [(None, None)],
    ("GET", "/desk/settings"): [(None, None)],
    ("PUT", "/desk/settings"): [(None, {"lunch": "12:00"})],
    ("GET", "/desk/staff"): [(None, None)],
    ("PUT", "/desk/staff/{id}"): [("account_participant", {"team": ""})],
    ("DELETE", "/desk/staff/{id}"): [("account_participant", None)],
    ("GET", "/partners"): [(None, None)],
    ("POST", "/partners"): [(None, {})],
    ("GET", "/partners/renewals"): [(None, None)],
    ("GET", "/partners/{id}"): [("partner", None)],
    ("PATCH", "/partners/{id}"): [("partner", {})],
    ("POST", "/partners/{id}/activities"): [("partner", {})],
    ("POST", "/partners/{id}/renewal"): [("partner", {})],
    ("GET", "/experts"): [(None, None)],
    ("POST", "/experts"): [(None, {})],
    ("GET", "/experts/{id}"): [("expert", None)],
    ("PATCH", "/experts/{id}"): [("expert", {})],
    ("POST", "/experts/{id}/assignments"): [("expert", {})],
    ("GET", "/cases/{id}/experts"): [("case", None)],
    ("GET", "/series"): [(None, None)],
    ("GET", "/series/statistics"): [(None, None)],
    ("GET", "/indicators"): [(None, None)],
    ("POST", "/indicators"): [(None, {})],
    ("POST", "/indicators/import"): [(None, None)],
    ("GET", "/indicators/{id}"): [("indicator", None)],
    # challenges: the demo challenge 1 (its organiser and jury are demo
    # accounts) and its submission 1 (of Qiantang, whom no demo account represents)
    ("GET", "/challenges"): [(None, None)],
    ("POST", "/challenges"): [(None, {})],
    ("GET", "/challenges/{id}"): [("challenge", None)],
    ("POST", "/challenges/{id}/state"): [("challenge", {})],
    ("GET", "/challenges/{id}/submissions"): [("challenge", None)],
    ("POST", "/challenges/{id}/submissions"): [("challenge", {})],
    ("GET", "/submissions/{id}"): [("submission", None)],
    ("PATCH", "/submissions/{id}"): [("submission", {})],
    ("POST", "/submissions/{id}/withdraw"): [("submission", None)],
    ("POST", "/submissions/{id}/attachments"): [("submission", {})],
    ("GET", "/submissions/{id}/attachments/{n}"): [("submission", None)],
    ("GET", "/challenges/{id}/jury"): [("challenge", None)],
    ("PUT", "/challenges/{id}/jury/{n}"): [("challenge", {"expertise": []})],
    ("POST", "/challenges/{id}/assignment"): [("challenge", {})],
    ("GET", "/challenges/{id}/reviews"): [("challenge", None)],
    ("GET", "/challenges/{id}/ranking"): [("challenge", None)],
    ("PUT", "/submissions/{id}/review"): [("submission", {})],
    ("PUT", "/challenges/{id}/decisions"): [("challenge", {})],
    ("GET", "/challenges/{id}/results"): [("challenge", None)],
    ("POST", "/submissions/{id}/pilot"): [("submission", {})],
}

# Rows whose existence is hidden from those who may not see them (a
# stranger's meeting requests and meetings): the guard's denial answers
# 404 naming "id", "as if it did not exist", whatever the method
# (test_privacy.py asks for 404 on a stranger's GET of a meeting request).
HIDDEN_WHEN_DENIED = ("/meeting-requests/{id}", "/meetings/{id}", "/agreements/{id}",
                      "/submissions/{id}")

# Routes whose service answers 404 naming "id" to someone the route lets
# in, for a row the case does not have: the demo jury member is assigned no
# review of submission 1 before the assignment, which has no attachment 1.
SERVICE_HIDES = {("PUT", "/submissions/{id}/review"), ("GET", "/submissions/{id}/attachments/{n}")}

# Routes open to every signed-in account whose service refuses (403) who is
# not the row's own party, beyond what the route table can say: a case is
# rated by its requester only (service/case.c), whoever else may see it.
SERVICE_DENIES = {("POST", "/cases/{id}/satisfaction")}

# The order in which one role's requests run: reads, then writes, then
# deletes (rows that hang on others first), and sign-out at the very end.
DELETE_ORDER = ["/meeting-requests/", "/registrations/", "/agreements/", "/opportunities/",
                "/people/", "/events/", "/organisations/", "/auth/tokens/"]


def routes_table():
    """The access table as `liaison routes` prints it."""
    rc, out, err = run_cli("routes")
    if rc != 0:
        raise AssertionError("liaison routes failed: " + err)
    return json.loads(out)


def case_rank(method, path):
    if path == "/auth/sign-out":
        return (9, 0)
    if method == "DELETE":
        for i, prefix in enumerate(DELETE_ORDER):
            if path.startswith(prefix):
                return (8, i)
        return (8, len(DELETE_ORDER))
    return ({"GET": 0, "PUT": 1, "PATCH": 2, "POST": 3}[method], 0)


class Fixture:
    """One demo server for one role: the target rows and the role's relations."""

    def __init__(self, role):
        self.role = role
        self.srv = Server(demo=True)
        self.ids = {}
        self.caller = None
        try:
            self.resolve()
            self.profile = self.role_profile()
            if role != "anonymous":
                self.caller = self.srv.demo_client(role)
        except BaseException:
            self.close()  # no server left behind
            raise

    def get(self, path):
        st, _, doc = self.srv.get(API + path)
        if st != 200:
            raise AssertionError("GET %s as admin: %s %r" % (path, st, doc))
        return doc

    def resolve(self):
        """Names -> ids of the target rows (the demo data's refs)."""
        ids = self.ids
        ids["org_rep"] = self.get("/organisations/fi-mobisync")["id"]
        ids["org_participant"] = self.get("/organisations/cn-chengdu")["id"]
        ids["person_participant"] = self.get("/people/p-cn-chengdu-2")["id"]
        ids["person_rep"] = self.get("/people/p-fi-mobisync-1")["id"]
        ids["person_colleague"] = self.get("/people/p-fi-mobisync-2")["id"]
        ids["person_other"] = self.get("/people/p-cn-hangzhou-1")["id"]
        ids["opportunity"] = self.get("/opportunities/fi-mobisync-o1")["id"]
        ids["event"] = self.get("/events/eu-cn-fair-2026")["id"]
        ids["event2"] = self.get("/events/eu-cn-city-pairing-online-2026-06")["id"]
        ids["agreement"] = self.get("/agreements/ag-2026-01")["id"]
        regs = self.get("/registrations?person=%d&event=%d" % (ids["person_participant"],
                                                               ids["event"]))["items"]
        if len(regs) != 1:
            raise AssertionError("the participant's registration: %r" % regs)
        ids["registration"] = regs[0]["id"]
        # meeting requests made for the purpose: one where the participant's
        # person is the invitee (partner), one where they ask (self)
        for name, requester, invitee in (("request", "person_colleague", "person_participant"),
                                         ("request_own", "person_participant", "person_other")):
            st, _, doc = self.srv.post(API + "/meeting-requests", {
                "event_id": ids["event"], "requester_id": ids[requester],
                "invitee_id": ids[invitee], "message": "access matrix test"})
            if st != 201:
                raise AssertionError("cannot make the test request: %s %r" % (st, doc))
            ids[name] = doc["id"]
        meetings = [m for m in self.get("/meetings?event=%d&limit=200" % ids["event"])["items"]
                    if set(m["participants"][:2]) == {ids["person_participant"],
                                                       ids["person_rep"]}]
        if not meetings:
            raise AssertionError("no demo meeting of the participant and the representative")
        ids["meeting"] = meetings[0]["id"]
        accounts = {a["email"].split("@")[0]: a for a in self.get("/accounts")["items"]}
        ids["account_participant"] = accounts["participant"]["id"]
        ids["no_token"] = 999999
        ids["challenge"] = 1
        ids["submission"] = 1
        ids["indicator"] = 1
        ids["partner"] = 1
        ids["expert"] = 1
        ids["case"] = self.get("/cases?view=all&limit=1")["items"][0]["id"]

    def role_profile(self):
        """The role's person, represented organisations, organised events, admin."""
        prof = {"person": None, "reps": set(), "events": set(), "admin": False,
                "ch_organiser": set(), "ch_jury": set()}
        if self.role == "anonymous":
            return prof
        email = {"participant": "participant", "representative": "rep",
                 "organiser": "organiser", "jury": "jury", "admin": "admin"}[self.role]
        acct = [a for a in self.get("/accounts")["items"]
                if a["email"] == email + "@demo.liaison.example"][0]
        prof["person"] = acct.get("person_id")
        for r in acct["roles"]:
            if r["role"] == "admin":
                prof["admin"] = True
            elif r["role"] == "representative":
                prof["reps"].add(r["scope_id"])
            elif r["role"] == "organiser" and r.get("scope") == "event":
                prof["events"].add(r["scope_id"])
            elif r["role"] == "organiser" and r.get("scope") == "challenge":
                prof["ch_organiser"].add(r["scope_id"])
            elif r["role"] == "jury":
                prof["ch_jury"].add(r["scope_id"])
        return prof

    def fill(self, value):
        """A body with "@name" references replaced by the ids of this server."""
        if isinstance(value, str) and value.startswith("@"):
            return self.ids[value[1:]]
        if isinstance(value, list):
            return [self.fill(v) for v in value]
        if isinstance(value, dict):
            return {k: self.fill(v) for k, v in value.items()}
        return value

    # owners (api.h: the rows a relation is judged against) ----------------
    def path_owners(self, path, target):
        """The owners of the row the path names, read as the admin."""
        res = path.split("/")[1]
        if target is None or res in ("auth", "accounts", "cases", "desk", "indicators",
                                           "partners", "experts", "series"):
            return None
        row = self.get("/%s/%d" % (res, self.ids[target]))
        o = {"organisation": None, "organisation2": None, "event": None,
             "person": None, "person2": None, "parties": None, "challenge": None}
        if res == "challenges":
            o["challenge"] = row["id"]
        elif res == "submissions":
            o["challenge"], o["organisation"] = row["challenge_id"], row["organisation_id"]
        elif res == "organisations":
            o["organisation"] = row["id"]
        elif res == "people":
            o["organisation"], o["person"] = row["organisation_id"], row["id"]
        elif res == "opportunities":
            o["organisation"] = row["organisation_id"]
        elif res == "events":
            o["event"] = row["id"]
        elif res == "registrations":
            o["event"], o["person"] = row["event_id"], row["person_id"]
            o["organisation"] = self.get("/people/%d" % row["person_id"])["organisation_id"]
        elif res == "meeting-requests":
            o["event"], o["person"], o["person2"] = (row["event_id"], row["requester_id"],
                                                     row["invitee_id"])
        elif res == "meetings":
            o["event"] = row["event_id"]
            o["person"], o["person2"] = row["participants"][0], row["participants"][1]
        elif res == "agreements":
            o["event"] = row.get("event_id")
            parties = row["parties"] + [None, None]
            o["organisation"], o["organisation2"] = parties[0], parties[1]
        return o

    def body_owners(self, body):
        """The owners a body names; None when it names none."""
        b = body or {}
        o = {"organisation": b.get("organisation_id"), "organisation2": None,
             "event": b.get("event_id"), "person": b.get("person_id") or b.get("requester_id"),
             "person2": b.get("invitee_id"), "parties": b.get("parties"), "challenge": None}
        if b.get("person_id") and not o["organisation"]:
            o["organisation"] = self.get("/people/%d" % b["person_id"])["organisation_id"]
        return o if any(v for v in o.values()) else None

    def holds(self, owners):
        """The relations this role holds on owners."""
        p, held = self.profile, set()
        if owners is None:
            return held
        if p["person"] and owners["person"] == p["person"]:
            held.add("self")
        if p["person"] and owners["person2"] == p["person"]:
            held.add("partner")
        orgs = owners["parties"] if owners["parties"] else [owners["organisation"],
                                                           owners["organisation2"]]
        if p["admin"] or any(org in p["reps"] for org in orgs if org):
            held.add("representative")
        if p["admin"] or (owners["event"] and owners["event"] in p["events"]):
            held.add("organiser")
        if owners["challenge"] and owners["challenge"] in p["ch_organiser"]:
            held.add("organiser")
        if owners["challenge"] and owners["challenge"] in p["ch_jury"]:
            held.add("jury")
        return held

    def expect_allowed(self, method, path, access, target, body):
        """The declaration's verdict for this role."""
        if "public" in access:
            return True
        if self.role == "anonymous":
            return False
        if "signed-in" in access:
            return True
        if "admin" in access and self.profile["admin"]:
            return True
        by_path = self.holds(self.path_owners(path, target))
        if method == "POST" and target is None:
            held = self.holds(self.body_owners(body))
        elif method == "PATCH" and self.body_owners(body) is not None:
            held = by_path & self.holds(self.body_owners(body))
        else:
            held = by_path
        return bool(held & set(access) & set(RELATIONS))

    def call(self, method, path, body):
        if self.caller is None:
            return self.srv.anonymous(method, API + path, body)
        return self.caller.request(method, API + path, body)

    def close(self):
        rc = self.srv.stop()
        self.srv.__exit__(None, None, None)
        return rc


class AccessMatrixTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.table = routes_table()

    def test_every_route_declares_who_may_call_it(self):
        """An empty access list is a route nobody declared (the server denies it)."""
        self.assertGreater(len(self.table), 40)
        empty = ["%s %s" % (r["method"], r["path"]) for r in self.table if not r["access"]]
        self.assertEqual(empty, [], "routes without an access declaration")
        for r in self.table:
            self.assertTrue(r["path"].startswith(API + "/"), r)
            self.assertIn(r["method"], ("GET", "POST", "PUT", "PATCH", "DELETE"), r)
            self.assertLessEqual(set(r["access"]), ACCESS_NAMES, r)
            # public and signed-in swallow the relations: a list mixing them is a slip
            if "public" in r["access"] or "signed-in" in r["access"]:
                self.assertEqual(len(r["access"]), 1, r)
        keys = [(r["method"], r["path"]) for r in self.table]
        self.assertEqual(len(keys), len(set(keys)), "a route is listed twice")

    def test_every_documented_path_is_declared(self):
        """Every path of the OpenAPI document has an entry in the access table."""
        with Server(admin=False) as srv:
            st, _, doc = srv.anonymous("GET", API + "/openapi.json")
            self.assertEqual(st, 200)
            srv.stop()
        declared = {(r["method"], r["path"]) for r in self.table}
        missing = []
        for path, ops in doc["paths"].items():
            full = path if path.startswith(API) else API + path
            for method in ops:
                if method.upper() in ("GET", "POST", "PUT", "PATCH", "DELETE") and \
                        (method.upper(), full) not in declared:
                    missing.append("%s %s" % (method.upper(), full))
        self.assertEqual(missing, [], "documented but not in the access table")

    def test_every_route_has_a_matrix_case(self):
        routes = {(r["method"], r["path"][len(API):]) for r in self.table}
        self.assertEqual(sorted(routes - set(CASES)), [],
                         "new routes: add their cases to CASES")
        self.assertEqual(sorted(set(CASES) - routes), [], "cases of routes that are gone")

    def test_matrix(self):
        t0 = time.time()
        results = {}
        errors = []

        def run(role):
            try:
                results[role] = self.run_role(role)
            except Exception as exc:  # reported below, with the role
                errors.append("%s: %r" % (role, exc))

        threads = [threading.Thread(target=run, args=(role,)) for role in ROLES]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        failures = [f for role in ROLES for f in results[role]["failures"]]
        self.summary(results, time.time() - t0)
        self.assertEqual(failures, [], "\n".join(failures))

    def run_role(self, role):
        fx = Fixture(role)
        out = {"allowed": 0, "denied": 0, "failures": [], "cells": {}, "statuses": []}
        try:
            cases = []
            for r in self.table:
                path = r["path"][len(API):]
                for target, body in CASES[(r["method"], path)]:
                    cases.append((case_rank(r["method"], path), r, target, body))
            cases.sort(key=lambda c: c[0])
            for _, r, target, body in cases:
                self.check(fx, r, target, body, out)
        finally:
            rc = fx.close()
        if rc != 0:
            out["failures"].append("%s: the server exited with %d" % (role, rc))
        return out

    def check(self, fx, route, target, body, out):
        method, path = route["method"], route["path"][len(API):]
        body = fx.fill(body)
        allowed = fx.expect_allowed(method, path, route["access"], target, body)
        url = path.replace("{id}", str(fx.ids[target])) if target else path
        url = url.replace("{n}", "1")
        st, _, doc = fx.call(method, url, body)
        cell = "%s %s" % (method, path)
        out["cells"].setdefault(cell, "")
        out["cells"][cell] += "A" if allowed else "D"
        what = "%s %s %s%s" % (fx.role, method, url, " " + json.dumps(body) if body else "")
        out["statuses"].append("%s -> %d" % (what, st))
        if allowed:
            out["allowed"] += 1
            if st == 403 and (method, path) in SERVICE_DENIES:
                pass
            elif st in (401, 403):
                out["failures"].append("%s: expected allowed, got %d %r" % (what, st, doc))
            elif st == 404 and (method, path) in SERVICE_HIDES:
                pass
            elif (st == 404 and path.startswith(HIDDEN_WHEN_DENIED)
                  and isinstance(doc, dict) and doc.get("field") == "id"):
                # the targets exist: a 404 here is the guard hiding a row
                # from someone allowed to see it
                out["failures"].append("%s: expected allowed, got hidden %r" % (what, doc))
        else:
            out["denied"] += 1
            want = 401 if fx.role == "anonymous" else 403
            hidden = (want == 403 and st == 404 and doc.get("field") == "id"
                      and path.startswith(HIDDEN_WHEN_DENIED))
            if hidden:
                pass
            elif st != want:
                out["failures"].append("%s: expected %d, got %d %r" % (what, want, st, doc))
            elif want == 403 and doc.get("field"):
                # the guard's denial names no field; a handler's 403 does
                # (X-CSRF-Token, validation, ...): that is not the role's verdict
                out["failures"].append("%s: 403 naming %s, not the guard's denial %r"
                                       % (what, doc["field"], doc))

    def summary(self, results, seconds):
        lines = ["access matrix: %d routes, %d roles, %.1f s" % (len(self.table), len(ROLES),
                                                                  seconds)]
        total = {"allowed": 0, "denied": 0}
        for role in ROLES:
            r = results[role]
            total["allowed"] += r["allowed"]
            total["denied"] += r["denied"]
            lines.append("  %-15s %3d allowed %3d denied %d failed" % (
                role, r["allowed"], r["denied"], len(r["failures"])))
        lines.append("  %-15s %3d allowed %3d denied (%d checks)" % (
            "total", total["allowed"], total["denied"], total["allowed"] + total["denied"]))
        if os.environ.get("LIAISON_MATRIX_VERBOSE"):
            lines.append("  " + " ".join(r[:4].ljust(5) for r in ROLES))
            for cell in sorted(results[ROLES[0]]["cells"]):
                lines.append("  " + " ".join(results[role]["cells"][cell].ljust(5)
                                             for role in ROLES) + " " + cell)
            for role in ROLES:
                lines.extend("    " + s for s in results[role]["statuses"])
        print("\n".join(lines), file=sys.stderr)


if __name__ == "__main__":
    unittest.main()
