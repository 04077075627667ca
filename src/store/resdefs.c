/*
 * resdefs.c - one descriptor per resource: its fields with their rules
 * (docs/api.md), its list parameters with their SQL conditions, its FTS
 * table and its hooks. Validation, reading, writing and listing are driven
 * by these tables.
 */
#include "store/store_int.h"

#include <string.h>

#define NAME_MAX_CHARS 300
#define TEXT_MAX_CHARS 10000
#define ARRAY_MAX 100

/* Common field shapes. */
#define F_REF {"ref", STORE_K_STR, STORE_C_REF, 0, 1, 64, 0, 0, NULL, NULL, 0, NULL, NULL, NULL}
#define F_NAME(n) {n, STORE_K_STR, STORE_C_NONE, STORE_F_REQUIRED | STORE_F_NOEMPTY, 1, \
	NAME_MAX_CHARS, 0, 0, NULL, NULL, 0, NULL, NULL, NULL}
#define F_TEXT(n, max) {n, STORE_K_STR, STORE_C_NONE, 0, 0, max, 0, 0, NULL, NULL, 0, NULL, \
	NULL, NULL}
#define F_CHECKED(n, ck, max) {n, STORE_K_STR, ck, 0, 0, max, 0, 0, NULL, NULL, 0, NULL, NULL, \
	NULL}
#define F_ENUM(n, flags, choices, def) {n, STORE_K_STR, STORE_C_ENUM, flags, 0, 64, 0, 0, \
	choices, def, 0, NULL, NULL, NULL}
#define F_ID(n, flags, target) {n, STORE_K_INT, STORE_C_ID, flags, 1, INT64_MAX, 0, 0, NULL, \
	NULL, target, NULL, NULL, NULL}
#define F_INT(n, lo, hi, def) {n, STORE_K_INT, STORE_C_NONE, 0, lo, hi, 0, 0, NULL, def, 0, \
	NULL, NULL, NULL}
#define F_STRS(n, ck, max, items, link, col) {n, STORE_K_STRS, ck, 0, 0, max, items, 0, NULL, \
	NULL, 0, link, col, NULL}
#define F_RO(n, kind, expr) {n, kind, STORE_C_NONE, STORE_F_READONLY, 0, 0, 0, 0, NULL, NULL, \
	0, NULL, NULL, expr}

#define ORG_KINDS "city|region|sme|company|park|university|institute|association|agency|other"
#define VALIDATIONS "pending|validated|rejected"

static const struct store_field org_fields[] = {
	F_REF,
	F_NAME("name"),
	F_ENUM("kind", 0, ORG_KINDS, NULL),
	F_CHECKED("country", STORE_C_COUNTRY, 2),
	F_TEXT("city", NAME_MAX_CHARS),
	F_STRS("languages", STORE_C_LANG, 35, 20, NULL, NULL),
	F_ENUM("size", 0, "micro|small|medium|large", NULL),
	F_CHECKED("website", STORE_C_URL, NAME_MAX_CHARS),
	F_TEXT("description", TEXT_MAX_CHARS),
	F_STRS("themes", STORE_C_CONCEPT, 64, ARRAY_MAX, "organisation_themes", "theme"),
	{"sdgs", STORE_K_INTS, STORE_C_NONE, 0, 1, 17, 17, 0, NULL, NULL, 0, "organisation_sdgs",
	 "sdg", NULL},
	F_STRS("sectors", STORE_C_NACE, 6, ARRAY_MAX, "organisation_sectors", "sector"),
	F_INT("population", 0, INT64_MAX, NULL),
	F_STRS("pillar_industries", STORE_C_NONE, NAME_MAX_CHARS, ARRAY_MAX, NULL, NULL),
	F_STRS("interests", STORE_C_NONE, NAME_MAX_CHARS, ARRAY_MAX, NULL, NULL),
	F_ENUM("validation", 0, VALIDATIONS, "validated"),
	/* set by the import when the record lists "opportunities" (even []) */
	{"lists_opportunities", STORE_K_BOOL, STORE_C_NONE, STORE_F_HIDDEN, 0, 1, 0, 0, NULL,
	 NULL, 0, NULL, NULL, NULL},
};

static const struct store_lparam org_params[] = {
	{"q", STORE_L_Q, NULL, NULL},
	{"country", STORE_L_COUNTRY, NULL, "t.country = :v"},
	{"kind", STORE_L_ENUM, ORG_KINDS, "t.kind = :v"},
	{"theme", STORE_L_CONCEPT, NULL,
	 "EXISTS (SELECT 1 FROM organisation_themes x WHERE x.organisation_id = t.id"
	 " AND x.theme = :v)"},
	{"sdg", STORE_L_SDG, NULL,
	 "EXISTS (SELECT 1 FROM organisation_sdgs x WHERE x.organisation_id = t.id"
	 " AND x.sdg = :v)"},
	{"sector", STORE_L_NACE, NULL,
	 "EXISTS (SELECT 1 FROM organisation_sectors x WHERE x.organisation_id = t.id"
	 " AND (x.sector = :v OR x.sector GLOB :v || '*'))"},
	{"lang", STORE_L_LANG, NULL,
	 "EXISTS (SELECT 1 FROM json_each(t.languages) j"
	 " WHERE j.value = :v OR j.value GLOB :v || '-*')"},
};

static const struct store_field person_fields[] = {
	F_REF,
	F_ID("organisation_id", STORE_F_REQUIRED, STORE_ORGANISATION),
	F_NAME("name"),
	F_TEXT("role", NAME_MAX_CHARS),
	F_CHECKED("email", STORE_C_EMAIL, 254),
	F_CHECKED("phone", STORE_C_PHONE, 40),
	F_STRS("languages", STORE_C_LANG, 35, 20, NULL, NULL),
	{"time_zone", STORE_K_STR, STORE_C_TZ, 0, 0, 64, 0, 0, NULL, "UTC", 0, NULL, NULL, NULL},
};

static const struct store_lparam person_params[] = {
	{"q", STORE_L_Q, NULL, NULL},
	{"organisation", STORE_L_ID, NULL, "t.organisation_id = :v"},
	{"lang", STORE_L_LANG, NULL,
	 "EXISTS (SELECT 1 FROM json_each(t.languages) j"
	 " WHERE j.value = :v OR j.value GLOB :v || '-*')"},
};

static const struct store_field opp_fields[] = {
	F_REF,
	F_ID("organisation_id", STORE_F_REQUIRED, STORE_ORGANISATION),
	F_ENUM("type", STORE_F_REQUIRED, "offer|request", NULL),
	F_ENUM("category", 0, "business|technology|research|city", "business"),
	F_NAME("title"),
	F_TEXT("description", TEXT_MAX_CHARS),
	F_STRS("themes", STORE_C_CONCEPT, 64, ARRAY_MAX, "opportunity_themes", "theme"),
	{"sdgs", STORE_K_INTS, STORE_C_NONE, 0, 1, 17, 17, 0, NULL, NULL, 0, "opportunity_sdgs",
	 "sdg", NULL},
	F_STRS("partnership", STORE_C_CONCEPT, 64, ARRAY_MAX, NULL, NULL),
	F_STRS("target_countries", STORE_C_COUNTRY, 2, ARRAY_MAX, NULL, NULL),
	F_CHECKED("deadline", STORE_C_DATE, 10),
	F_ENUM("state", 0, "open|closed", "open"),
};

static const struct store_lparam opp_params[] = {
	{"q", STORE_L_Q, NULL, NULL},
	{"organisation", STORE_L_ID, NULL, "t.organisation_id = :v"},
	{"type", STORE_L_ENUM, "offer|request", "t.type = :v"},
	{"category", STORE_L_ENUM, "business|technology|research|city",
	 "coalesce(t.category, 'business') = :v"},
	{"country", STORE_L_COUNTRY, NULL,
	 "t.organisation_id IN (SELECT id FROM organisations WHERE country = :v)"},
	{"kind", STORE_L_ENUM, ORG_KINDS,
	 "t.organisation_id IN (SELECT id FROM organisations WHERE kind = :v)"},
	{"theme", STORE_L_CONCEPT, NULL,
	 "EXISTS (SELECT 1 FROM opportunity_themes x WHERE x.opportunity_id = t.id"
	 " AND x.theme = :v)"},
	{"sdg", STORE_L_SDG, NULL,
	 "EXISTS (SELECT 1 FROM opportunity_sdgs x WHERE x.opportunity_id = t.id"
	 " AND x.sdg = :v)"},
	{"lang", STORE_L_LANG, NULL,
	 "t.organisation_id IN (SELECT o.id FROM organisations o, json_each(o.languages) j"
	 " WHERE j.value = :v OR j.value GLOB :v || '-*')"},
	{"state", STORE_L_ENUM, "open|closed", "coalesce(t.state, 'open') = :v"},
};

static const struct store_field event_fields[] = {
	F_REF,
	F_NAME("name"),
	F_TEXT("description", TEXT_MAX_CHARS),
	F_TEXT("venue", NAME_MAX_CHARS),
	F_TEXT("city", NAME_MAX_CHARS),
	F_CHECKED("country", STORE_C_COUNTRY, 2),
	{"time_zone", STORE_K_STR, STORE_C_TZ, STORE_F_REQUIRED, 0, 64, 0, 0, NULL, NULL, 0, NULL,
	 NULL, NULL},
	F_ENUM("mode", STORE_F_REQUIRED, "onsite|online|hybrid", NULL),
	F_INT("tables", 0, 10000, "0"),
	F_INT("meeting_cap", 1, 1000, NULL),
	F_ENUM("request_policy", 0, "open|closed", "open"),
	F_CHECKED("stream_url", STORE_C_URL, NAME_MAX_CHARS),
	F_TEXT("series", NAME_MAX_CHARS),
	F_RO("schedule_published_at", STORE_K_STR, "t.schedule_published_at"),
	F_INT("reminder_minutes", 0, 1440, NULL),
	/* profiles of registrations wait for validation (access.c) */
	{"profile_validation", STORE_K_BOOL, STORE_C_NONE, 0, 0, 1, 0, 0, NULL, "false", 0, NULL,
	 NULL, NULL},
	{"slots", STORE_K_SPECIAL, STORE_C_NONE, 0, 0, 0, 2000, 0, NULL, NULL, 0, NULL, NULL,
	 NULL},
};

static const struct store_lparam event_params[] = {
	{"q", STORE_L_Q, NULL, NULL},
	{"country", STORE_L_COUNTRY, NULL, "t.country = :v"},
	{"mode", STORE_L_ENUM, "onsite|online|hybrid", "t.mode = :v"},
};

static const struct store_field reg_fields[] = {
	F_ID("event_id", STORE_F_REQUIRED | STORE_F_FIXED, STORE_EVENT),
	F_ID("person_id", STORE_F_REQUIRED | STORE_F_FIXED, STORE_PERSON),
	F_ENUM("attendance", STORE_F_REQUIRED, "onsite|online", NULL),
	{"available_slots", STORE_K_INTS, STORE_C_NONE, 0, 1, INT64_MAX, 2000, 0, NULL, NULL, 0,
	 NULL, NULL, NULL},
	/* ["08:00", "19:00"] in the person's time zone (schedule.c) */
	{"online_hours", STORE_K_STRS, STORE_C_HHMM, 0, 0, 5, 2, 2, NULL, NULL, 0, NULL, NULL,
	 NULL},
	F_ENUM("validation", 0, VALIDATIONS, "validated"),
	{"checked_in", STORE_K_BOOL, STORE_C_NONE, 0, 0, 1, 0, 0, NULL, "false", 0, NULL, NULL,
	 NULL},
};

static const struct store_lparam reg_params[] = {
	{"event", STORE_L_ID, NULL, "t.event_id = :v"},
	{"person", STORE_L_ID, NULL, "t.person_id = :v"},
	{"attendance", STORE_L_ENUM, "onsite|online", "t.attendance = :v"},
};

#define REQUEST_STATES "requested|accepted|declined|cancelled"

static const struct store_field request_fields[] = {
	F_ID("event_id", STORE_F_REQUIRED | STORE_F_FIXED, STORE_EVENT),
	F_ID("requester_id", STORE_F_REQUIRED | STORE_F_FIXED, STORE_PERSON),
	F_ID("invitee_id", STORE_F_REQUIRED | STORE_F_FIXED, STORE_PERSON),
	F_TEXT("message", TEXT_MAX_CHARS),
	F_ID("opportunity_id", STORE_F_FIXED, STORE_OPPORTUNITY),
	F_INT("priority", 1, 3, "2"),
	F_RO("state", STORE_K_STR, "t.state"),
	F_RO("meeting_id", STORE_K_INT, "(SELECT m.id FROM meetings m WHERE m.request_id = t.id)"),
};

static const struct store_lparam request_params[] = {
	{"event", STORE_L_ID, NULL, "t.event_id = :v"},
	{"person", STORE_L_ID, NULL, "(t.requester_id = :v OR t.invitee_id = :v)"},
	{"state", STORE_L_ENUM, REQUEST_STATES, "t.state = :v"},
};

static const struct store_field meeting_fields[] = {
	F_RO("event_id", STORE_K_INT, "t.event_id"),
	F_RO("request_id", STORE_K_INT, "t.request_id"),
	F_RO("participants", STORE_K_INTS,
	     "(SELECT json_group_array(x.person_id) FROM (SELECT p.person_id"
	     " FROM meeting_participants p WHERE p.meeting_id = t.id ORDER BY p.person_id) x)"),
	{"slot_id", STORE_K_INT, STORE_C_NONE, 0, 1, INT64_MAX, 0, 0, NULL, NULL, 0, NULL, NULL,
	 NULL},
	{"table", STORE_K_INT, STORE_C_NONE, 0, 1, 10000, 0, 0, NULL, NULL, 0, NULL, NULL,
	 "t.table_no"},
	{"online", STORE_K_BOOL, STORE_C_NONE, 0, 0, 1, 0, 0, NULL, "false", 0, NULL, NULL, NULL},
	{"locked", STORE_K_BOOL, STORE_C_NONE, 0, 0, 1, 0, 0, NULL, "false", 0, NULL, NULL, NULL},
	F_ENUM("outcome", 0, "not_held|insufficient_interest|informative|cooperation_possible",
	       NULL),
};

static const struct store_lparam meeting_params[] = {
	{"event", STORE_L_ID, NULL, "t.event_id = :v"},
	{"person", STORE_L_ID, NULL,
	 "t.id IN (SELECT meeting_id FROM meeting_participants WHERE person_id = :v)"},
};

#define AGREEMENT_KINDS                                                                           \
	"letter_of_intent|mou|cooperation_agreement|contract|pilot_project|"                       \
	"joint_funding_application"
#define AGREEMENT_STATES "intent|signed|in_progress|completed|abandoned"

static const struct store_field agreement_fields[] = {
	F_REF,
	F_NAME("title"),
	F_ENUM("kind", STORE_F_REQUIRED, AGREEMENT_KINDS, NULL),
	F_ENUM("state", 0, AGREEMENT_STATES, "intent"),
	{"parties", STORE_K_INTS, STORE_C_ID, STORE_F_REQUIRED, 1, INT64_MAX, 20, 2, NULL, NULL,
	 STORE_ORGANISATION, "agreement_parties", "organisation_id", NULL},
	F_CHECKED("sector", STORE_C_NACE, 6),
	F_STRS("themes", STORE_C_CONCEPT, 64, ARRAY_MAX, "agreement_themes", "theme"),
	F_CHECKED("date", STORE_C_DATE, 10),
	F_ID("event_id", 0, STORE_EVENT),
	F_ID("meeting_id", 0, STORE_MEETING),
	{"sdgs", STORE_K_INTS, STORE_C_NONE, 0, 1, 17, 17, 0, NULL, NULL, 0, "agreement_sdgs", "sdg",
	 NULL},
	F_INT("value", 0, INT64_MAX, NULL),
	F_TEXT("currency", 3),
	F_INT("challenge_id", 1, INT64_MAX, NULL),
	F_ID("parent_id", 0, STORE_AGREEMENT),
	/* [{"title", "date"}] in agreement_documents (hooks.c) */
	{"documents", STORE_K_SPECIAL, STORE_C_NONE, 0, 0, 0, 50, 0, NULL, NULL, 0, NULL, NULL,
	 NULL},
};

static const struct store_lparam agreement_params[] = {
	{"event", STORE_L_ID, NULL, "t.event_id = :v"},
	{"organisation", STORE_L_ID, NULL,
	 "t.id IN (SELECT agreement_id FROM agreement_parties WHERE organisation_id = :v)"},
	{"kind", STORE_L_ENUM, AGREEMENT_KINDS, "t.kind = :v"},
	{"state", STORE_L_ENUM, AGREEMENT_STATES, "coalesce(t.state, 'intent') = :v"},
	{"meeting", STORE_L_ID, NULL, "t.meeting_id = :v"},
	{"parent", STORE_L_ID, NULL, "t.parent_id = :v"},
};

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const struct store_resdef resdefs[STORE_RES_COUNT] = {
	{STORE_ORGANISATION, "organisations", "organisations", "organisation", "organisation_id",
	 org_fields, N(org_fields), org_params, N(org_params), "organisation_fts",
	 "organisation_search",
	 "name, description, city, pillar_industries, interests, opportunities", NULL, 1, 1, 0,
	 &store_org_hooks},
	{STORE_PERSON, "people", "people", "person", "person_id", person_fields,
	 N(person_fields), person_params, N(person_params), "people_fts", "people", "name, role",
	 NULL, 1, 1, 0, &store_person_hooks},
	{STORE_OPPORTUNITY, "opportunities", "opportunities", "opportunity", "opportunity_id",
	 opp_fields, N(opp_fields), opp_params, N(opp_params), "opportunity_fts",
	 "opportunities", "title, description", "organisation_id", 1, 1, 0, NULL},
	{STORE_EVENT, "events", "events", "event", "event_id", event_fields, N(event_fields),
	 event_params, N(event_params), "event_fts", "events", "name, description, venue, city",
	 NULL, 1, 1, 0, &store_event_hooks},
	{STORE_REGISTRATION, "registrations", "registrations", "registration", "registration_id",
	 reg_fields, N(reg_fields), reg_params, N(reg_params), NULL, NULL, NULL, NULL, 0, 1, 0,
	 &store_reg_hooks},
	{STORE_MEETING_REQUEST, "meeting-requests", "meeting_requests", "meeting request",
	 "request_id", request_fields, N(request_fields), request_params, N(request_params), NULL,
	 NULL, NULL, NULL, 0, 1, 0, &store_request_hooks},
	{STORE_MEETING, "meetings", "meetings", "meeting", "meeting_id", meeting_fields,
	 N(meeting_fields), meeting_params, N(meeting_params), NULL, NULL, NULL, NULL, 0, 1, 1,
	 &store_meeting_hooks},
	{STORE_AGREEMENT, "agreements", "agreements", "agreement", "agreement_id",
	 agreement_fields, N(agreement_fields), agreement_params, N(agreement_params), NULL, NULL,
	 NULL, NULL, 1, 1, 0, &store_agreement_hooks},
};

const struct store_resdef *store_resdef(enum store_res res)
{
	if ((int)res < 0 || res >= STORE_RES_COUNT)
		return NULL;
	return &resdefs[res];
}

const struct store_field *store_field_find(const struct store_resdef *rd, const char *name)
{
	for (int i = 0; i < rd->nfields; i++)
		if (strcmp(rd->fields[i].name, name) == 0)
			return &rd->fields[i];
	return NULL;
}
