/*
 * migrations.c - the database schema, as numbered migrations.
 *
 * Migration N is store_migrations[N - 1]; store_migrate applies the ones
 * above the version recorded in schema_migrations, in one transaction.
 * Never edit a migration that has shipped: add a new one.
 *
 * The schema itself refuses impossible states: enum values and ranges by
 * CHECK; a person in two meetings in one slot by UNIQUE(person_id, slot_id)
 * on meeting_participants (the slot is copied from the meeting by a
 * trigger, and another trigger refuses a copy that differs); a table used twice in one slot by UNIQUE(slot_id,
 * table_no); a meeting request to oneself by CHECK; two active requests
 * between the same people by a partial expression index; requests between
 * people not registered for the event, slots and tables of another event
 * by composite foreign keys.
 *
 * Arrays are kept as JSON text in their row (the exact value given, so
 * that export is lossless); themes, SDGs, sectors, agreement parties and
 * registration availability are also kept in link tables, for filters and
 * foreign keys. The FTS5 tables are external-content tables kept in step
 * by the write code (crud.c).
 *
 * In WITHOUT ROWID tables the primary-key columns come first: SQLite 3.40's
 * PRAGMA integrity_check wrongly reports "NULL value in T.c" for a NOT NULL
 * column declared before a primary-key column (fixed in later releases).
 */
#include "store/store_int.h"

static const char migration_1[] =
	/* SDGs, seeded */
	"CREATE TABLE sdgs ("
	" id INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 17),"
	" label TEXT NOT NULL);"
	"INSERT INTO sdgs(id, label) VALUES"
	" (1, 'No poverty'), (2, 'Zero hunger'), (3, 'Good health and well-being'),"
	" (4, 'Quality education'), (5, 'Gender equality'), (6, 'Clean water and sanitation'),"
	" (7, 'Affordable and clean energy'), (8, 'Decent work and economic growth'),"
	" (9, 'Industry, innovation and infrastructure'), (10, 'Reduced inequalities'),"
	" (11, 'Sustainable cities and communities'),"
	" (12, 'Responsible consumption and production'), (13, 'Climate action'),"
	" (14, 'Life below water'), (15, 'Life on land'),"
	" (16, 'Peace, justice and strong institutions'), (17, 'Partnerships for the goals');"

	/* organisations */
	"CREATE TABLE organisations ("
	" id INTEGER PRIMARY KEY,"
	" ref TEXT UNIQUE CHECK (length(ref) BETWEEN 1 AND 64),"
	" name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),"
	" kind TEXT CHECK (kind = 'city' OR kind = 'region' OR kind = 'sme' OR kind = 'company' OR"
	"   kind = 'park' OR kind = 'university' OR kind = 'institute' OR kind = 'association' OR"
	"   kind = 'agency' OR kind = 'other'),"
	" country TEXT CHECK (length(country) = 2 AND country GLOB '[A-Z][A-Z]'),"
	" city TEXT,"
	" languages TEXT CHECK (languages IS NULL OR json_type(languages) = 'array'),"
	" size TEXT CHECK (size = 'micro' OR size = 'small' OR size = 'medium' OR size = 'large'),"
	" website TEXT CHECK (website GLOB 'http://?*' OR website GLOB 'https://?*'),"
	" description TEXT,"
	" themes TEXT CHECK (themes IS NULL OR json_type(themes) = 'array'),"
	" sdgs TEXT CHECK (sdgs IS NULL OR json_type(sdgs) = 'array'),"
	" sectors TEXT CHECK (sectors IS NULL OR json_type(sectors) = 'array'),"
	" population INTEGER CHECK (population >= 0),"
	" pillar_industries TEXT CHECK (pillar_industries IS NULL"
	"   OR json_type(pillar_industries) = 'array'),"
	" interests TEXT CHECK (interests IS NULL OR json_type(interests) = 'array'),"
	" validation TEXT CHECK (validation = 'pending' OR validation = 'validated' OR"
	"   validation = 'rejected'),"
	" lists_opportunities INTEGER CHECK (lists_opportunities IN (0, 1)),"
	" created_at TEXT NOT NULL,"
	" updated_at TEXT NOT NULL);"
	"CREATE INDEX organisations_country ON organisations(country);"
	"CREATE INDEX organisations_kind ON organisations(kind);"
	"CREATE TABLE organisation_themes ("
	" organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,"
	" theme TEXT NOT NULL CHECK (length(theme) BETWEEN 1 AND 64),"
	" pos INTEGER NOT NULL,"
	" PRIMARY KEY (organisation_id, theme)) WITHOUT ROWID;"
	"CREATE INDEX organisation_themes_theme ON organisation_themes(theme);"
	"CREATE TABLE organisation_sdgs ("
	" organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,"
	" sdg INTEGER NOT NULL CHECK (sdg BETWEEN 1 AND 17) REFERENCES sdgs(id),"
	" pos INTEGER NOT NULL,"
	" PRIMARY KEY (organisation_id, sdg)) WITHOUT ROWID;"
	"CREATE INDEX organisation_sdgs_sdg ON organisation_sdgs(sdg);"
	"CREATE TABLE organisation_sectors ("
	" organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,"
	" sector TEXT NOT NULL CHECK (sector GLOB '[A-U]*'),"
	" pos INTEGER NOT NULL,"
	" PRIMARY KEY (organisation_id, sector)) WITHOUT ROWID;"
	"CREATE INDEX organisation_sectors_sector ON organisation_sectors(sector);"

	/* people */
	"CREATE TABLE people ("
	" id INTEGER PRIMARY KEY,"
	" ref TEXT UNIQUE CHECK (length(ref) BETWEEN 1 AND 64),"
	" organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,"
	" name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),"
	" role TEXT,"
	" email TEXT CHECK (email LIKE '_%@_%'),"
	" phone TEXT,"
	" languages TEXT CHECK (languages IS NULL OR json_type(languages) = 'array'),"
	" time_zone TEXT,"
	" created_at TEXT NOT NULL,"
	" updated_at TEXT NOT NULL);"
	"CREATE INDEX people_organisation ON people(organisation_id);"

	/* opportunities */
	"CREATE TABLE opportunities ("
	" id INTEGER PRIMARY KEY,"
	" ref TEXT UNIQUE CHECK (length(ref) BETWEEN 1 AND 64),"
	" organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,"
	" type TEXT NOT NULL CHECK (type IN ('offer', 'request')),"
	" category TEXT CHECK (category = 'business' OR category = 'technology' OR"
	"   category = 'research' OR category = 'city'),"
	" title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),"
	" description TEXT,"
	" themes TEXT CHECK (themes IS NULL OR json_type(themes) = 'array'),"
	" sdgs TEXT CHECK (sdgs IS NULL OR json_type(sdgs) = 'array'),"
	" partnership TEXT CHECK (partnership IS NULL OR json_type(partnership) = 'array'),"
	" target_countries TEXT CHECK (target_countries IS NULL"
	"   OR json_type(target_countries) = 'array'),"
	" deadline TEXT CHECK (deadline IS NULL OR date(deadline) = deadline),"
	" state TEXT CHECK (state IN ('open', 'closed')),"
	" created_at TEXT NOT NULL,"
	" updated_at TEXT NOT NULL);"
	"CREATE INDEX opportunities_organisation ON opportunities(organisation_id);"
	"CREATE TABLE opportunity_themes ("
	" opportunity_id INTEGER NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,"
	" theme TEXT NOT NULL CHECK (length(theme) BETWEEN 1 AND 64),"
	" pos INTEGER NOT NULL,"
	" PRIMARY KEY (opportunity_id, theme)) WITHOUT ROWID;"
	"CREATE INDEX opportunity_themes_theme ON opportunity_themes(theme);"
	"CREATE TABLE opportunity_sdgs ("
	" opportunity_id INTEGER NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,"
	" sdg INTEGER NOT NULL CHECK (sdg BETWEEN 1 AND 17) REFERENCES sdgs(id),"
	" pos INTEGER NOT NULL,"
	" PRIMARY KEY (opportunity_id, sdg)) WITHOUT ROWID;"
	"CREATE INDEX opportunity_sdgs_sdg ON opportunity_sdgs(sdg);"

	/* events, their slots and tables */
	"CREATE TABLE events ("
	" id INTEGER PRIMARY KEY,"
	" ref TEXT UNIQUE CHECK (length(ref) BETWEEN 1 AND 64),"
	" name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),"
	" description TEXT,"
	" venue TEXT,"
	" city TEXT,"
	" country TEXT CHECK (length(country) = 2 AND country GLOB '[A-Z][A-Z]'),"
	" time_zone TEXT NOT NULL,"
	" mode TEXT NOT NULL CHECK (mode = 'onsite' OR mode = 'online' OR mode = 'hybrid'),"
	" tables INTEGER CHECK (tables BETWEEN 0 AND 10000),"
	" meeting_cap INTEGER CHECK (meeting_cap BETWEEN 1 AND 1000),"
	" request_policy TEXT CHECK (request_policy IN ('open', 'closed')),"
	" stream_url TEXT CHECK (stream_url GLOB 'http://?*' OR stream_url GLOB 'https://?*'),"
	" series TEXT,"
	" created_at TEXT NOT NULL,"
	" updated_at TEXT NOT NULL);"
	"CREATE TABLE event_slots ("
	" id INTEGER PRIMARY KEY,"
	" event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
	" ref TEXT CHECK (length(ref) BETWEEN 1 AND 64),"
	" start TEXT NOT NULL,"
	" start_utc INTEGER NOT NULL,"
	" minutes INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 240),"
	" UNIQUE (event_id, id),"
	" UNIQUE (event_id, ref));"
	"CREATE INDEX event_slots_start ON event_slots(event_id, start_utc);"
	"CREATE TABLE event_tables ("
	" event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
	" number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 10000),"
	" PRIMARY KEY (event_id, number)) WITHOUT ROWID;"

	/* registrations and availability */
	"CREATE TABLE registrations ("
	" id INTEGER PRIMARY KEY,"
	" event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
	" person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,"
	" attendance TEXT NOT NULL CHECK (attendance IN ('onsite', 'online')),"
	" available_slots TEXT CHECK (available_slots IS NULL"
	"   OR json_type(available_slots) = 'array'),"
	" validation TEXT CHECK (validation = 'pending' OR validation = 'validated' OR"
	"   validation = 'rejected'),"
	" checked_in INTEGER CHECK (checked_in IN (0, 1)),"
	" created_at TEXT NOT NULL,"
	" updated_at TEXT NOT NULL,"
	" UNIQUE (event_id, person_id),"
	" UNIQUE (id, event_id));"
	"CREATE INDEX registrations_person ON registrations(person_id);"
	"CREATE TABLE registration_slots ("
	" registration_id INTEGER NOT NULL,"
	" slot_id INTEGER NOT NULL,"
	" event_id INTEGER NOT NULL,"
	" pos INTEGER NOT NULL,"
	" PRIMARY KEY (registration_id, slot_id),"
	" FOREIGN KEY (registration_id, event_id) REFERENCES registrations(id, event_id)"
	"   ON DELETE CASCADE,"
	" FOREIGN KEY (event_id, slot_id) REFERENCES event_slots(event_id, id)) WITHOUT ROWID;"
	"CREATE INDEX registration_slots_slot ON registration_slots(slot_id);"

	/* meeting requests */
	"CREATE TABLE meeting_requests ("
	" id INTEGER PRIMARY KEY,"
	" event_id INTEGER NOT NULL REFERENCES events(id),"
	" requester_id INTEGER NOT NULL REFERENCES people(id),"
	" invitee_id INTEGER NOT NULL REFERENCES people(id),"
	" message TEXT,"
	" opportunity_id INTEGER REFERENCES opportunities(id) ON DELETE SET NULL,"
	" priority INTEGER CHECK (priority BETWEEN 1 AND 3),"
	" state TEXT NOT NULL DEFAULT 'requested'"
	"   CHECK (state = 'requested' OR state = 'accepted' OR state = 'declined' OR"
	"   state = 'cancelled'),"
	" created_at TEXT NOT NULL,"
	" updated_at TEXT NOT NULL,"
	" CHECK (requester_id <> invitee_id),"
	" FOREIGN KEY (event_id, requester_id) REFERENCES registrations(event_id, person_id),"
	" FOREIGN KEY (event_id, invitee_id) REFERENCES registrations(event_id, person_id));"
	"CREATE UNIQUE INDEX meeting_requests_active_pair ON meeting_requests("
	" event_id, min(requester_id, invitee_id), max(requester_id, invitee_id))"
	" WHERE state IN ('requested', 'accepted');"
	"CREATE INDEX meeting_requests_requester ON meeting_requests(requester_id, event_id);"
	"CREATE INDEX meeting_requests_invitee ON meeting_requests(invitee_id, event_id);"
	"CREATE INDEX meeting_requests_opportunity ON meeting_requests(opportunity_id);"

	/* meetings and participants */
	"CREATE TABLE meetings ("
	" id INTEGER PRIMARY KEY,"
	" event_id INTEGER NOT NULL REFERENCES events(id),"
	" request_id INTEGER UNIQUE REFERENCES meeting_requests(id) ON DELETE CASCADE,"
	" slot_id INTEGER,"
	" table_no INTEGER,"
	" online INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1)),"
	" outcome TEXT CHECK (outcome = 'not_held' OR outcome = 'insufficient_interest' OR"
	"   outcome = 'informative' OR outcome = 'cooperation_possible'),"
	" created_at TEXT NOT NULL,"
	" updated_at TEXT NOT NULL,"
	" CHECK (table_no IS NULL OR slot_id IS NOT NULL),"
	" CHECK (table_no IS NULL OR online = 0),"
	" UNIQUE (slot_id, table_no),"
	" FOREIGN KEY (event_id, slot_id) REFERENCES event_slots(event_id, id),"
	" FOREIGN KEY (event_id, table_no) REFERENCES event_tables(event_id, number));"
	"CREATE INDEX meetings_event ON meetings(event_id);"
	"CREATE TABLE meeting_participants ("
	" meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,"
	" person_id INTEGER NOT NULL REFERENCES people(id),"
	" slot_id INTEGER,"
	" PRIMARY KEY (meeting_id, person_id),"
	" UNIQUE (person_id, slot_id)) WITHOUT ROWID;"
	/* the slot copy is always the meeting's slot (NULL included) */
	"CREATE TRIGGER meeting_participants_slot_insert BEFORE INSERT ON meeting_participants"
	" WHEN NEW.slot_id IS NOT (SELECT slot_id FROM meetings WHERE id = NEW.meeting_id)"
	" BEGIN SELECT RAISE(ABORT, 'a participant''s slot must be the meeting''s slot'); END;"
	"CREATE TRIGGER meeting_participants_slot_update BEFORE UPDATE OF slot_id"
	" ON meeting_participants"
	" WHEN NEW.slot_id IS NOT (SELECT slot_id FROM meetings WHERE id = NEW.meeting_id)"
	" BEGIN SELECT RAISE(ABORT, 'a participant''s slot must be the meeting''s slot'); END;"
	"CREATE TRIGGER meetings_slot_copy AFTER UPDATE OF slot_id ON meetings"
	" WHEN NEW.slot_id IS NOT OLD.slot_id"
	" BEGIN UPDATE meeting_participants SET slot_id = NEW.slot_id"
	"   WHERE meeting_id = NEW.id; END;"
	/* a meeting exists only for an accepted request */
	"CREATE TRIGGER meetings_need_accepted BEFORE INSERT ON meetings"
	" WHEN NEW.request_id IS NOT NULL AND (SELECT state FROM meeting_requests"
	"   WHERE id = NEW.request_id) IS NOT 'accepted'"
	" BEGIN SELECT RAISE(ABORT, 'a meeting needs an accepted meeting request'); END;"
	"CREATE TRIGGER meeting_requests_keep_meeting BEFORE UPDATE OF state ON meeting_requests"
	" WHEN NEW.state <> 'accepted' AND EXISTS (SELECT 1 FROM meetings"
	"   WHERE request_id = NEW.id)"
	" BEGIN SELECT RAISE(ABORT, 'a request with a meeting must stay accepted'); END;"

	/* agreements */
	"CREATE TABLE agreements ("
	" id INTEGER PRIMARY KEY,"
	" ref TEXT UNIQUE CHECK (length(ref) BETWEEN 1 AND 64),"
	" title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),"
	" kind TEXT NOT NULL CHECK (kind = 'letter_of_intent' OR kind = 'mou' OR"
	"   kind = 'cooperation_agreement' OR kind = 'contract' OR kind = 'pilot_project' OR"
	"   kind = 'joint_funding_application'),"
	" state TEXT CHECK (state = 'intent' OR state = 'signed' OR state = 'in_progress' OR"
	"   state = 'completed' OR state = 'abandoned'),"
	" parties TEXT NOT NULL CHECK (json_type(parties) = 'array'),"
	" sector TEXT CHECK (sector GLOB '[A-U]*'),"
	" themes TEXT CHECK (themes IS NULL OR json_type(themes) = 'array'),"
	" date TEXT CHECK (date IS NULL OR date(date) = date),"
	" event_id INTEGER REFERENCES events(id),"
	" meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,"
	" created_at TEXT NOT NULL,"
	" updated_at TEXT NOT NULL);"
	"CREATE INDEX agreements_event ON agreements(event_id);"
	"CREATE INDEX agreements_meeting ON agreements(meeting_id);"
	"CREATE TABLE agreement_parties ("
	" agreement_id INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,"
	" organisation_id INTEGER NOT NULL REFERENCES organisations(id),"
	" pos INTEGER NOT NULL,"
	" PRIMARY KEY (agreement_id, organisation_id)) WITHOUT ROWID;"
	"CREATE INDEX agreement_parties_organisation ON agreement_parties(organisation_id);"
	"CREATE TABLE agreement_themes ("
	" agreement_id INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,"
	" theme TEXT NOT NULL CHECK (length(theme) BETWEEN 1 AND 64),"
	" pos INTEGER NOT NULL,"
	" PRIMARY KEY (agreement_id, theme)) WITHOUT ROWID;"
	"CREATE INDEX agreement_themes_theme ON agreement_themes(theme);"

	/* full text: external content, maintained by crud.c */
	"CREATE VIEW organisation_search AS SELECT o.id AS id, o.name AS name,"
	" o.description AS description, o.city AS city,"
	" (SELECT group_concat(j.value, ' ') FROM json_each(o.pillar_industries) j)"
	"   AS pillar_industries,"
	" (SELECT group_concat(j.value, ' ') FROM json_each(o.interests) j) AS interests,"
	" (SELECT group_concat(x.t, ' ') FROM (SELECT coalesce(p.title, '') || ' ' ||"
	"   coalesce(p.description, '') AS t FROM opportunities p"
	"   WHERE p.organisation_id = o.id ORDER BY p.id) x) AS opportunities"
	" FROM organisations o;"
	"CREATE VIRTUAL TABLE organisation_fts USING fts5(name, description, city,"
	" pillar_industries, interests, opportunities, content = 'organisation_search',"
	" content_rowid = 'id', tokenize = 'liaison');"
	"CREATE VIRTUAL TABLE opportunity_fts USING fts5(title, description,"
	" content = 'opportunities', content_rowid = 'id', tokenize = 'liaison');"
	"CREATE VIRTUAL TABLE people_fts USING fts5(name, role,"
	" content = 'people', content_rowid = 'id', tokenize = 'liaison');"
	"CREATE VIRTUAL TABLE event_fts USING fts5(name, description, venue, city,"
	" content = 'events', content_rowid = 'id', tokenize = 'liaison');";

/*
 * 2: the meeting scheduler (src/store/schedule.c). A meeting can be locked
 * where it is (only when it has a slot); a registration can give the
 * person's online working hours (["08:00", "19:00"], in their time zone);
 * an event records when its schedule was last published.
 */
static const char migration_2[] =
	"ALTER TABLE meetings ADD COLUMN locked INTEGER NOT NULL DEFAULT 0"
	" CHECK (locked IN (0, 1) AND (locked = 0 OR slot_id IS NOT NULL));"
	"ALTER TABLE registrations ADD COLUMN online_hours TEXT"
	" CHECK (online_hours IS NULL OR (json_type(online_hours) = 'array'"
	"   AND json_array_length(online_hours) = 2));"
	"ALTER TABLE events ADD COLUMN schedule_published_at TEXT;";

/*
 * 3: a change counter for the cached matching corpus of the
 * recommendations (store_data_version, match_source.c), one row. The
 * store's write code bumps it once per transaction that changed a row of
 * organisations or opportunities (store_version_flush: per-row triggers on
 * those tables would make every row's statement open a savepoint, at which
 * FTS5 flushes its pending terms - a bulk import took 1.5 times as long).
 * The triggers below bump it when a meeting request enters or leaves the
 * accepted and declined states (such requests exclude a pair) and when a
 * person moves to another organisation; those tables see no bulk writes.
 * The link tables (themes, SDGs, sectors) are only ever written along
 * with their parent row, which keeps the same arrays.
 */
static const char migration_3[] =
	"CREATE TABLE data_version ("
	" id INTEGER PRIMARY KEY CHECK (id = 1),"
	" n INTEGER NOT NULL);"
	"INSERT INTO data_version(id, n) VALUES (1, 0);"
	"CREATE TRIGGER meeting_requests_version_insert AFTER INSERT ON meeting_requests"
	" WHEN NEW.state IN ('accepted', 'declined')"
	" BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;"
	"CREATE TRIGGER meeting_requests_version_update"
	" AFTER UPDATE OF state, requester_id, invitee_id ON meeting_requests"
	" WHEN (OLD.state IN ('accepted', 'declined')) <> (NEW.state IN ('accepted', 'declined'))"
	"   OR OLD.requester_id <> NEW.requester_id OR OLD.invitee_id <> NEW.invitee_id"
	" BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;"
	"CREATE TRIGGER meeting_requests_version_delete AFTER DELETE ON meeting_requests"
	" WHEN OLD.state IN ('accepted', 'declined')"
	" BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;"
	"CREATE TRIGGER people_version_update AFTER UPDATE OF organisation_id ON people"
	" WHEN NEW.organisation_id IS NOT OLD.organisation_id"
	" BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;";

/*
 * 4: accounts, roles and privacy (account.h: accounts.c, access.c,
 * audit.c). Tokens are stored as digests only. Times compared with "now"
 * (expiries, throttle, the audit log) are UTC seconds since 1970; the
 * others are RFC 3339 text like the rest of the schema. A role's scope is
 * checked against its role; the roles of a deleted event or organisation
 * go with it (triggers: scope_id has no foreign key, as it names rows of
 * several tables). A deleted account's person is kept, anonymised
 * (people.deleted_at). An event may hold profiles back until an organiser
 * validates the registration (events.profile_validation; NULL reads as
 * 0, as the generic write binds NULL for an absent field). A registration
 * someone made for another person through the API records who
 * (registrations.added_by, an account id): it does not open that person's
 * contact details to the event's organisers.
 */
static const char migration_4[] =
	"CREATE TABLE accounts ("
	" id INTEGER PRIMARY KEY,"
	" email TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(email) BETWEEN 3 AND 254),"
	" password_hash TEXT NOT NULL,"
	" person_id INTEGER UNIQUE REFERENCES people(id) ON DELETE SET NULL,"
	" created_at TEXT NOT NULL,"
	" updated_at TEXT NOT NULL,"
	" last_sign_in_at TEXT);"
	"CREATE TABLE account_roles ("
	" account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
	" role TEXT NOT NULL CHECK (role IN ('admin', 'organiser', 'representative', 'jury')),"
	" scope_kind TEXT NOT NULL"
	"   CHECK (scope_kind IN ('', 'event', 'challenge', 'organisation')),"
	" scope_id INTEGER NOT NULL,"
	" PRIMARY KEY (account_id, role, scope_kind, scope_id),"
	" CHECK ((role = 'admin' AND scope_kind = '' AND scope_id = 0)"
	"   OR (role = 'organiser' AND scope_kind IN ('event', 'challenge') AND scope_id > 0)"
	"   OR (role = 'representative' AND scope_kind = 'organisation' AND scope_id > 0)"
	"   OR (role = 'jury' AND scope_kind = 'challenge' AND scope_id > 0))) WITHOUT ROWID;"
	"CREATE INDEX account_roles_scope ON account_roles(scope_kind, scope_id);"
	"CREATE TRIGGER events_roles_delete AFTER DELETE ON events"
	" BEGIN DELETE FROM account_roles WHERE scope_kind = 'event' AND scope_id = OLD.id; END;"
	"CREATE TRIGGER organisations_roles_delete AFTER DELETE ON organisations"
	" BEGIN DELETE FROM account_roles WHERE scope_kind = 'organisation'"
	"   AND scope_id = OLD.id; END;"
	"CREATE TABLE sessions ("
	" digest TEXT NOT NULL PRIMARY KEY,"
	" account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
	" csrf TEXT NOT NULL,"
	" created_at INTEGER NOT NULL,"
	" expires_at INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE INDEX sessions_account ON sessions(account_id);"
	"CREATE TABLE api_tokens ("
	" id INTEGER PRIMARY KEY,"
	" account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
	" name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),"
	" digest TEXT NOT NULL UNIQUE,"
	" created_at TEXT NOT NULL,"
	" last_used_at TEXT);"
	"CREATE INDEX api_tokens_account ON api_tokens(account_id);"
	"CREATE TABLE reset_tokens ("
	" digest TEXT NOT NULL PRIMARY KEY,"
	" account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
	" expires_at INTEGER NOT NULL,"
	" used_at INTEGER) WITHOUT ROWID;"
	"CREATE INDEX reset_tokens_account ON reset_tokens(account_id);"
	"CREATE TABLE invitations ("
	" id INTEGER PRIMARY KEY,"
	" digest TEXT NOT NULL UNIQUE,"
	" email TEXT NOT NULL,"
	" organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,"
	" name TEXT,"
	" representative INTEGER NOT NULL DEFAULT 0 CHECK (representative IN (0, 1)),"
	" invited_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
	" expires_at INTEGER NOT NULL,"
	" used_at INTEGER,"
	" created_at TEXT NOT NULL);"
	"CREATE INDEX invitations_organisation ON invitations(organisation_id);"
	"CREATE INDEX invitations_invited_by ON invitations(invited_by);"
	"CREATE TABLE outbox ("
	" id INTEGER PRIMARY KEY,"
	" to_email TEXT NOT NULL,"
	" kind TEXT NOT NULL,"
	" subject TEXT NOT NULL,"
	" body TEXT NOT NULL,"
	" by_account INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
	" created_at TEXT NOT NULL);"
	"CREATE INDEX outbox_to ON outbox(to_email COLLATE NOCASE);"
	"CREATE INDEX outbox_by ON outbox(by_account);"
	"CREATE TABLE audit_log ("
	" id INTEGER PRIMARY KEY,"
	" at INTEGER NOT NULL,"
	" account_id INTEGER,"
	" email TEXT,"
	" action TEXT NOT NULL,"
	" status INTEGER NOT NULL,"
	" detail TEXT);"
	"CREATE INDEX audit_log_account ON audit_log(account_id);"
	"CREATE TABLE throttle ("
	" key TEXT NOT NULL,"
	" at INTEGER NOT NULL);"
	"CREATE INDEX throttle_key_at ON throttle(key, at);"
	"CREATE INDEX throttle_at ON throttle(at);"
	"ALTER TABLE events ADD COLUMN profile_validation INTEGER"
	" CHECK (profile_validation IN (0, 1));"
	"ALTER TABLE people ADD COLUMN deleted_at TEXT;"
	"ALTER TABLE registrations ADD COLUMN added_by INTEGER;";

/*
 * 5: page views of public event pages (views.h): one count per event and
 * UTC day, nothing about who viewed (no cookie, no address).
 */
static const char migration_5[] =
	"CREATE TABLE event_views ("
	" event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
	" day TEXT NOT NULL CHECK (length(day) = 10),"
	" views INTEGER NOT NULL CHECK (views >= 0),"
	" PRIMARY KEY (event_id, day)) WITHOUT ROWID;";

/*
 * 6: delivery of the outbox (store/outbox.h): each message's state
 * (queued -> sending -> sent | failed, or skipped for an opt-out), its
 * attempts, when it is next due (Unix milliseconds), the claim of the
 * sender delivering it and until when that claim holds, the server's last
 * answer, the Message-ID it went out with; an HTML part and one
 * attachment (the .ics of a schedule). The per-person opt-outs by kind.
 * Check-ins (store/checkin.h): one per registration, on site or online;
 * the server's secrets (the key of check-in tokens). Each event's
 * reminder time (minutes before a meeting; absent = 15, 0 = none) and the
 * reminders sent (once per participant, meeting and start); when the
 * outcome survey of an event went.
 */
static const char migration_6[] =
	"ALTER TABLE outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'queued'"
	" CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'skipped'));"
	"ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE outbox ADD COLUMN due_at INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE outbox ADD COLUMN claim TEXT;"
	"ALTER TABLE outbox ADD COLUMN claimed_until INTEGER;"
	"ALTER TABLE outbox ADD COLUMN answer TEXT;"
	"ALTER TABLE outbox ADD COLUMN message_id TEXT;"
	"ALTER TABLE outbox ADD COLUMN sent_at TEXT;"
	"ALTER TABLE outbox ADD COLUMN html TEXT;"
	"ALTER TABLE outbox ADD COLUMN attachment_name TEXT;"
	"ALTER TABLE outbox ADD COLUMN attachment_type TEXT;"
	"ALTER TABLE outbox ADD COLUMN attachment TEXT;"
	"CREATE INDEX outbox_due ON outbox(state, due_at);"
	"CREATE INDEX outbox_claim ON outbox(claim);"
	"CREATE TABLE notice_optouts ("
	" email TEXT NOT NULL,"
	" kind TEXT NOT NULL,"
	" created_at TEXT NOT NULL,"
	" PRIMARY KEY (email, kind));"
	"CREATE TABLE check_ins ("
	" registration_id INTEGER PRIMARY KEY REFERENCES registrations(id) ON DELETE CASCADE,"
	" event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
	" person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,"
	" mode TEXT NOT NULL CHECK (mode IN ('onsite', 'online')),"
	" at TEXT NOT NULL,"
	" by_account INTEGER REFERENCES accounts(id) ON DELETE SET NULL);"
	"CREATE INDEX check_ins_event ON check_ins(event_id);"
	"ALTER TABLE events ADD COLUMN reminder_minutes INTEGER"
	" CHECK (reminder_minutes BETWEEN 0 AND 1440);"
	"ALTER TABLE events ADD COLUMN survey_sent_at TEXT;"
	"CREATE TABLE reminders_sent ("
	" meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,"
	" person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,"
	" start_utc INTEGER NOT NULL,"
	" sent_at TEXT NOT NULL,"
	" PRIMARY KEY (meeting_id, person_id, start_utc));"
	"CREATE TABLE secrets ("
	" name TEXT PRIMARY KEY,"
	" value TEXT NOT NULL,"
	" created_at TEXT NOT NULL);";

/*
 * 7: meeting outcomes (outcomes.h), one row per side of a meeting: what
 * that side says became of it, and an optional comment for the event's
 * organisers. source says who wrote the row: the participant themselves,
 * an organiser recording a no-show, or the check-in desk (attendance);
 * a no-show row (no_show = 1) says the person did not come, and its
 * outcome is always did_not_take_place. The side's person must be a
 * participant of the meeting (the foreign key to meeting_participants).
 */
static const char migration_7[] =
	"CREATE TABLE meeting_outcomes ("
	" meeting_id INTEGER NOT NULL,"
	" person_id INTEGER NOT NULL,"
	" outcome TEXT NOT NULL CHECK (outcome IN ('did_not_take_place', 'insufficient_interest',"
	"   'informative_no_cooperation', 'cooperation_possible')),"
	" comment TEXT CHECK (comment IS NULL OR length(comment) BETWEEN 1 AND 2000),"
	" source TEXT NOT NULL CHECK (source IN ('participant', 'organiser', 'attendance')),"
	" no_show INTEGER NOT NULL DEFAULT 0 CHECK (no_show IN (0, 1)"
	"   AND (no_show = 0 OR outcome = 'did_not_take_place')),"
	" recorded_by INTEGER,"
	" recorded_at TEXT NOT NULL,"
	" PRIMARY KEY (meeting_id, person_id),"
	" FOREIGN KEY (meeting_id, person_id) REFERENCES meeting_participants(meeting_id, person_id)"
	"   ON DELETE CASCADE) WITHOUT ROWID;"
	"CREATE INDEX meeting_outcomes_outcome ON meeting_outcomes(outcome);";

/*
 * 8: the agreement pipeline (hooks.c, service/agreement.c): SDGs, an
 * optional value with its ISO 4217 currency, the challenge it came from
 * (no foreign key until challenges have a table), the parent agreement
 * of a pilot, the documents' titles and dates, and the dated history of
 * every state change with the account that made it (from_state is NULL
 * for the state an agreement was created in).
 */
static const char migration_8[] =
	"ALTER TABLE agreements ADD COLUMN sdgs TEXT CHECK (sdgs IS NULL OR json_type(sdgs) = 'array');"
	"ALTER TABLE agreements ADD COLUMN value INTEGER CHECK (value >= 0);"
	"ALTER TABLE agreements ADD COLUMN currency TEXT"
	" CHECK (currency IS NULL OR (length(currency) = 3 AND upper(currency) = currency));"
	"ALTER TABLE agreements ADD COLUMN challenge_id INTEGER CHECK (challenge_id > 0);"
	"ALTER TABLE agreements ADD COLUMN parent_id INTEGER REFERENCES agreements(id);"
	"CREATE INDEX agreements_parent ON agreements(parent_id);"
	"CREATE TABLE agreement_sdgs ("
	" agreement_id INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,"
	" sdg INTEGER NOT NULL CHECK (sdg BETWEEN 1 AND 17) REFERENCES sdgs(id),"
	" pos INTEGER NOT NULL,"
	" PRIMARY KEY (agreement_id, sdg)) WITHOUT ROWID;"
	"CREATE INDEX agreement_sdgs_sdg ON agreement_sdgs(sdg);"
	"CREATE TABLE agreement_documents ("
	" agreement_id INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,"
	" pos INTEGER NOT NULL,"
	" title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),"
	" date TEXT CHECK (date IS NULL OR date(date) = date),"
	" PRIMARY KEY (agreement_id, pos)) WITHOUT ROWID;"
	"CREATE TABLE agreement_history ("
	" id INTEGER PRIMARY KEY,"
	" agreement_id INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,"
	" from_state TEXT CHECK (from_state IN ('intent', 'signed', 'in_progress', 'completed',"
	"   'abandoned')),"
	" to_state TEXT NOT NULL CHECK (to_state IN ('intent', 'signed', 'in_progress', 'completed',"
	"   'abandoned')),"
	" at TEXT NOT NULL,"
	" account_id INTEGER,"
	" email TEXT);"
	"CREATE INDEX agreement_history_agreement ON agreement_history(agreement_id);";

/*
 * 9: the cooperation centre's desk (cases.h, service/case.h). Enquiries
 * (cases) with their requester (an account, or a name and an e-mail for
 * one who called or wrote), the organisation concerned, category,
 * priority, state, owner and team; due_utc and risk_utc are the SLA's due
 * and at-risk instants (UTC seconds, counted in working hours of the
 * desk's calendar), paused_left the working seconds left while the case
 * waits for its requester (the clock stands still). case_messages is the
 * thread: messages, internal notes (never shown to requesters) and state
 * changes. The desk's calendar is one row of desk_settings (its zone,
 * opening hours in minutes after midnight, days of the week off as ISO
 * weekday bits, 1 << 1 Monday .. 1 << 7 Sunday) and desk_holidays; the
 * SLA is minutes of working time per category and priority. desk_staff
 * lists the accounts that work the desk, with their team.
 */
static const char migration_9[] =
	"CREATE TABLE desk_settings ("
	" id INTEGER PRIMARY KEY CHECK (id = 1),"
	" time_zone TEXT NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 63),"
	" open_min INTEGER NOT NULL CHECK (open_min BETWEEN 0 AND 1439),"
	" close_min INTEGER NOT NULL CHECK (close_min BETWEEN 1 AND 1440 AND close_min > open_min),"
	" days_off INTEGER NOT NULL CHECK (days_off BETWEEN 0 AND 254),"
	" risk_percent INTEGER NOT NULL CHECK (risk_percent BETWEEN 1 AND 99));"
	"INSERT INTO desk_settings(id, time_zone, open_min, close_min, days_off, risk_percent)"
	" VALUES (1, 'Asia/Shanghai', 540, 1080, 192, 25);"
	"CREATE TABLE desk_holidays ("
	" date TEXT PRIMARY KEY CHECK (date(date) = date),"
	" name TEXT CHECK (name IS NULL OR length(name) BETWEEN 1 AND 200));"
	"CREATE TABLE desk_sla ("
	" category TEXT NOT NULL CHECK (category IN ('market_entry', 'investment', 'partner_search',"
	"   'regulation', 'visa_and_stay', 'events', 'other')),"
	" priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),"
	" minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 100000),"
	" PRIMARY KEY (category, priority)) WITHOUT ROWID;"
	"INSERT INTO desk_sla(category, priority, minutes) VALUES"
	" ('market_entry', 'urgent', 240), ('market_entry', 'high', 480),"
	" ('market_entry', 'normal', 1440), ('market_entry', 'low', 2400),"
	" ('investment', 'urgent', 240), ('investment', 'high', 480), ('investment', 'normal', 1440),"
	" ('investment', 'low', 2400), ('partner_search', 'urgent', 240),"
	" ('partner_search', 'high', 480), ('partner_search', 'normal', 1440),"
	" ('partner_search', 'low', 2400), ('regulation', 'urgent', 240),"
	" ('regulation', 'high', 480), ('regulation', 'normal', 1440), ('regulation', 'low', 2400),"
	" ('visa_and_stay', 'urgent', 120), ('visa_and_stay', 'high', 240),"
	" ('visa_and_stay', 'normal', 960), ('visa_and_stay', 'low', 1440),"
	" ('events', 'urgent', 240), ('events', 'high', 480), ('events', 'normal', 1440),"
	" ('events', 'low', 2400), ('other', 'urgent', 240), ('other', 'high', 480),"
	" ('other', 'normal', 1440), ('other', 'low', 2400);"
	"CREATE TABLE desk_staff ("
	" account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,"
	" team TEXT CHECK (team IS NULL OR length(team) BETWEEN 1 AND 100));"
	"CREATE TABLE cases ("
	" id INTEGER PRIMARY KEY,"
	" subject TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),"
	" body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),"
	" lang TEXT NOT NULL,"
	" organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,"
	" category TEXT NOT NULL CHECK (category IN ('market_entry', 'investment', 'partner_search',"
	"   'regulation', 'visa_and_stay', 'events', 'other')),"
	" priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),"
	" state TEXT NOT NULL CHECK (state IN ('new', 'assigned', 'waiting_for_requester',"
	"   'resolved', 'closed')),"
	" owner_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
	" team TEXT CHECK (team IS NULL OR length(team) BETWEEN 1 AND 100),"
	" requester_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
	" requester_name TEXT CHECK (requester_name IS NULL OR length(requester_name) BETWEEN 1 AND 200),"
	" requester_email TEXT CHECK (requester_email IS NULL OR length(requester_email) BETWEEN 3 AND 254),"
	" channel TEXT NOT NULL CHECK (channel IN ('web', 'staff', 'email')),"
	" opened_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
	" opened_at TEXT NOT NULL,"
	" opened_utc INTEGER NOT NULL,"
	" sla_minutes INTEGER NOT NULL CHECK (sla_minutes > 0),"
	" due_utc INTEGER NOT NULL,"
	" risk_utc INTEGER NOT NULL,"
	" paused_left INTEGER CHECK (paused_left IS NULL OR paused_left >= 0),"
	" resolved_at TEXT,"
	" closed_at TEXT,"
	" rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),"
	" rating_comment TEXT CHECK (rating_comment IS NULL OR length(rating_comment) BETWEEN 1 AND 2000),"
	" rated_at TEXT,"
	" updated_at TEXT NOT NULL,"
	" CHECK (requester_id IS NOT NULL OR requester_email IS NOT NULL),"
	" CHECK ((state = 'waiting_for_requester') = (paused_left IS NOT NULL)));"
	"CREATE INDEX cases_state_due ON cases(state, due_utc);"
	"CREATE INDEX cases_requester ON cases(requester_id);"
	"CREATE INDEX cases_owner ON cases(owner_id);"
	"CREATE TABLE case_messages ("
	" id INTEGER PRIMARY KEY,"
	" case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
	" kind TEXT NOT NULL CHECK (kind IN ('message', 'note', 'state')),"
	" author_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
	" author_name TEXT,"
	" body TEXT CHECK (body IS NULL OR length(body) BETWEEN 1 AND 20000),"
	" lang TEXT,"
	" from_state TEXT,"
	" to_state TEXT,"
	" at TEXT NOT NULL,"
	" CHECK (kind = 'state' OR body IS NOT NULL));"
	"CREATE INDEX case_messages_case ON case_messages(case_id, id);"
	"CREATE VIRTUAL TABLE case_fts USING fts5(subject, body,"
	" content = 'cases', content_rowid = 'id', tokenize = 'liaison');";

/*
 * 10: innovation challenges (challenges.h, service/challenge.c): a call
 * with its titles and descriptions by language ({"en": ..., "zh": ...}),
 * open and close instants (UTC, RFC 3339 with Z) and the organiser's time
 * zone, eligibility, weighted criteria and prizes as JSON; its tracks with
 * their pilot offers; the submissions of organisations; their attachments
 * kept in the database (every app node serves them), with the client's
 * file name as metadata only and the type sniffed from the content.
 */
static const char migration_10[] =
	"CREATE TABLE challenges ("
	" id INTEGER PRIMARY KEY,"
	" title TEXT NOT NULL CHECK (json_type(title) = 'object'),"
	" description TEXT CHECK (description IS NULL OR json_type(description) = 'object'),"
	" time_zone TEXT NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),"
	" opens_at TEXT NOT NULL CHECK (length(opens_at) = 20),"
	" closes_at TEXT NOT NULL CHECK (length(closes_at) = 20),"
	" state TEXT NOT NULL CHECK (state IN ('draft', 'open', 'closed', 'in_review', 'decided',"
	"   'announced')),"
	" themes TEXT CHECK (themes IS NULL OR json_type(themes) = 'array'),"
	" sdgs TEXT CHECK (sdgs IS NULL OR json_type(sdgs) = 'array'),"
	" eligible_kinds TEXT CHECK (eligible_kinds IS NULL OR json_type(eligible_kinds) = 'array'),"
	" eligible_countries TEXT"
	"   CHECK (eligible_countries IS NULL OR json_type(eligible_countries) = 'array'),"
	" criteria TEXT NOT NULL CHECK (json_type(criteria) = 'array'),"
	" prizes TEXT CHECK (prizes IS NULL OR json_type(prizes) = 'array'),"
	" created_at TEXT NOT NULL,"
	" updated_at TEXT NOT NULL,"
	" CHECK (closes_at > opens_at));"
	"CREATE TABLE challenge_tracks ("
	" id INTEGER PRIMARY KEY,"
	" challenge_id INTEGER NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,"
	" pos INTEGER NOT NULL,"
	" title TEXT NOT NULL CHECK (json_type(title) = 'object'),"
	" description TEXT CHECK (description IS NULL OR json_type(description) = 'object'),"
	" pilot_host_id INTEGER REFERENCES organisations(id),"
	" pilot_city TEXT CHECK (pilot_city IS NULL OR length(pilot_city) BETWEEN 1 AND 300),"
	" UNIQUE (challenge_id, pos));"
	"CREATE TABLE challenge_submissions ("
	" id INTEGER PRIMARY KEY,"
	" challenge_id INTEGER NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,"
	" track_id INTEGER NOT NULL REFERENCES challenge_tracks(id) ON DELETE CASCADE,"
	" organisation_id INTEGER NOT NULL REFERENCES organisations(id),"
	" title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),"
	" abstract TEXT NOT NULL CHECK (length(abstract) BETWEEN 1 AND 10000),"
	" team TEXT NOT NULL CHECK (json_type(team) = 'array'),"
	" links TEXT NOT NULL CHECK (json_type(links) = 'array'),"
	" state TEXT NOT NULL CHECK (state IN ('submitted', 'withdrawn')),"
	" submitted_by INTEGER,"
	" created_at TEXT NOT NULL,"
	" updated_at TEXT NOT NULL);"
	"CREATE INDEX challenge_submissions_challenge ON challenge_submissions(challenge_id);"
	"CREATE INDEX challenge_submissions_organisation ON challenge_submissions(organisation_id);"
	"CREATE TABLE challenge_attachments ("
	" id INTEGER PRIMARY KEY,"
	" submission_id INTEGER NOT NULL REFERENCES challenge_submissions(id) ON DELETE CASCADE,"
	" name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),"
	" media_type TEXT NOT NULL CHECK (length(media_type) BETWEEN 1 AND 127),"
	" size INTEGER NOT NULL CHECK (size BETWEEN 1 AND 16777216),"
	" content BLOB NOT NULL,"
	" created_at TEXT NOT NULL);"
	"CREATE INDEX challenge_attachments_submission ON challenge_attachments(submission_id);";

/*
 * 11: the desk's running cases (new or assigned) by id: the open, overdue
 * and at-risk lists page in id order, so that they walk the running cases
 * and stop at the end of the page instead of sorting every overdue case
 * (bench/desk.sh: the overdue list went from 4 ms a page to under 0.1 ms
 * at 10,000 cases); it replaces the index on (state, due_utc), which the
 * planner preferred without statistics.
 */
static const char migration_11[] =
	"DROP INDEX cases_state_due;"
	"CREATE INDEX cases_running ON cases(id) WHERE state IN ('new', 'assigned');";

/*
 * 12: the jury of a challenge and its reviews (challenges.c): a member's
 * expertise (thesaurus concepts), declared conflicts (submission ids) and
 * load cap; one review row per assigned pair (fixed = an organiser's
 * override kept by every re-run), its cost from the assignment, and once
 * given its scores by criterion ({"innovation": 8}) and comments (to the
 * jury, to the submitter).
 */
static const char migration_12[] =
	"CREATE TABLE challenge_jury ("
	" challenge_id INTEGER NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,"
	" account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
	" expertise TEXT NOT NULL CHECK (json_type(expertise) = 'array'),"
	" conflicts TEXT NOT NULL CHECK (json_type(conflicts) = 'array'),"
	" cap INTEGER CHECK (cap >= 0),"
	" PRIMARY KEY (challenge_id, account_id)) WITHOUT ROWID;"
	"CREATE TABLE challenge_reviews ("
	" id INTEGER PRIMARY KEY,"
	" challenge_id INTEGER NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,"
	" submission_id INTEGER NOT NULL REFERENCES challenge_submissions(id) ON DELETE CASCADE,"
	" account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
	" fixed INTEGER NOT NULL CHECK (fixed IN (0, 1)),"
	" cost INTEGER NOT NULL CHECK (cost BETWEEN 0 AND 100),"
	" scores TEXT CHECK (scores IS NULL OR json_type(scores) = 'object'),"
	" comment_jury TEXT CHECK (comment_jury IS NULL OR length(comment_jury) <= 5000),"
	" comment_submitter TEXT"
	"   CHECK (comment_submitter IS NULL OR length(comment_submitter) <= 5000),"
	" submitted_at TEXT,"
	" UNIQUE (submission_id, account_id));"
	"CREATE INDEX challenge_reviews_challenge ON challenge_reviews(challenge_id, account_id);";

/*
 * 13: city sustainability indicators (indicators.h): the indicators
 * (five seeded, others an organiser defines) with their unit, source and
 * whether lower is better; their values per city (an organisation of kind
 * city) and year, and the national average as the reference (city_id 0
 * is not an organisation: indicator_national holds it); demo = 1 marks
 * the demo data set's invented figures.
 */
static const char migration_13[] =
	"CREATE TABLE indicators ("
	" id INTEGER PRIMARY KEY,"
	" ref TEXT NOT NULL UNIQUE CHECK (length(ref) BETWEEN 1 AND 64),"
	" name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),"
	" name_zh TEXT CHECK (name_zh IS NULL OR length(name_zh) BETWEEN 1 AND 200),"
	" unit TEXT NOT NULL CHECK (length(unit) BETWEEN 1 AND 64),"
	" source TEXT CHECK (source IS NULL OR length(source) BETWEEN 1 AND 300),"
	" lower_is_better INTEGER NOT NULL DEFAULT 0 CHECK (lower_is_better IN (0, 1)),"
	" created_at TEXT NOT NULL);"
	"INSERT INTO indicators(ref, name, name_zh, unit, source, lower_is_better, created_at) VALUES"
	" ('energy_intensity', 'Energy consumption per unit of GDP', '单位GDP能耗',"
	"   'tce per 10,000 CNY', 'municipal statistical yearbook', 1, '2026-01-01T00:00:00Z'),"
	" ('water_intensity', 'Water use per unit of GDP', '单位GDP用水量',"
	"   'm3 per 10,000 CNY', 'municipal water resources bulletin', 1, '2026-01-01T00:00:00Z'),"
	" ('co2_intensity', 'CO2 emissions per unit of GDP', '单位GDP二氧化碳排放',"
	"   't CO2 per 10,000 CNY', 'provincial emissions inventory', 1, '2026-01-01T00:00:00Z'),"
	" ('rd_share', 'R&D spending as a share of GDP', '研发经费投入强度',"
	"   '% of GDP', 'statistical bulletin on R&D spending', 0, '2026-01-01T00:00:00Z'),"
	" ('high_tech_firms', 'High-tech enterprises', '高新技术企业数量',"
	"   'firms', 'science and technology bureau', 0, '2026-01-01T00:00:00Z');"
	"CREATE TABLE indicator_values ("
	" indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,"
	" city_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,"
	" year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),"
	" value DOUBLE PRECISION NOT NULL,"
	" demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),"
	" PRIMARY KEY (indicator_id, city_id, year)) WITHOUT ROWID;"
	"CREATE INDEX indicator_values_city ON indicator_values(city_id);"
	"CREATE TABLE indicator_national ("
	" indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,"
	" year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),"
	" value DOUBLE PRECISION NOT NULL,"
	" demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),"
	" PRIMARY KEY (indicator_id, year)) WITHOUT ROWID;";

/*
 * 14: the decisions of a challenge (challenges.c): its winners per track
 * in rank order, and the pilot agreement each winner started (the
 * agreement's challenge_id names the challenge).
 */
static const char migration_14[] =
	"CREATE TABLE challenge_decisions ("
	" submission_id INTEGER PRIMARY KEY REFERENCES challenge_submissions(id) ON DELETE CASCADE,"
	" challenge_id INTEGER NOT NULL REFERENCES challenges(id) ON DELETE CASCADE,"
	" track_id INTEGER NOT NULL REFERENCES challenge_tracks(id) ON DELETE CASCADE,"
	" rank INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 100),"
	" agreement_id INTEGER REFERENCES agreements(id) ON DELETE SET NULL,"
	" UNIQUE (track_id, rank));";

/*
 * 15: the desk's partner network (network.h): associations and chambers
 * with a liaison agreement (signed, expiring, its renewal due so many days
 * before), the countries and themes they cover (JSON arrays), their
 * contact persons (JSON, private to the desk), the organisation of the
 * directory they are, if any; and the activity log of each: events
 * co-organised, delegations, referrals made and received, renewals, dated.
 * Dates are YYYY-MM-DD (the desk's calendar days).
 */
static const char migration_15[] =
	"CREATE TABLE partners ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),"
	" kind TEXT NOT NULL CHECK (kind IN ('association', 'chamber')),"
	" country TEXT NOT NULL CHECK (length(country) = 2),"
	" city TEXT CHECK (city IS NULL OR length(city) BETWEEN 1 AND 300),"
	" website TEXT CHECK (website IS NULL OR length(website) BETWEEN 1 AND 300),"
	" organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,"
	" description TEXT CHECK (description IS NULL OR length(description) BETWEEN 1 AND 10000),"
	" countries TEXT NOT NULL CHECK (json_type(countries) = 'array'),"
	" themes TEXT NOT NULL CHECK (json_type(themes) = 'array'),"
	" contacts TEXT NOT NULL CHECK (json_type(contacts) = 'array'),"
	" signed_on TEXT NOT NULL CHECK (length(signed_on) = 10),"
	" expires_on TEXT CHECK (expires_on IS NULL OR length(expires_on) = 10),"
	" notice_days INTEGER NOT NULL CHECK (notice_days BETWEEN 0 AND 3650),"
	" created_at TEXT NOT NULL,"
	" updated_at TEXT NOT NULL,"
	" CHECK (expires_on IS NULL OR expires_on > signed_on));"
	"CREATE INDEX partners_expires ON partners(expires_on);"
	"CREATE TABLE partner_activities ("
	" id INTEGER PRIMARY KEY,"
	" partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,"
	" kind TEXT NOT NULL CHECK (kind IN ('event', 'delegation', 'referral_made',"
	"   'referral_received', 'renewal')),"
	" date TEXT NOT NULL CHECK (length(date) = 10),"
	" title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),"
	" note TEXT CHECK (note IS NULL OR length(note) BETWEEN 1 AND 5000),"
	" event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,"
	" case_id INTEGER REFERENCES cases(id) ON DELETE SET NULL,"
	" created_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
	" created_at TEXT NOT NULL);"
	"CREATE INDEX partner_activities_partner ON partner_activities(partner_id, date);";

/*
 * 16: the desk's expert pool (network.h): experts appointed by a letter
 * (its reference, date and field; their term's end), their expertise as
 * thesaurus concepts (JSON array) and as free text by language (a JSON
 * object {"en": ..., "zh": ...}), the languages they speak, availability,
 * their account (a jury member is an account) and e-mail (private);
 * expert_fts is the full text of name, field and every expertise text (a
 * plain FTS5 table: its row is replaced on update). expert_assignments
 * records an expert assigned to a case, an event or a challenge's jury
 * (the jury row itself is challenge_jury's).
 */
static const char migration_16[] =
	"CREATE TABLE experts ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),"
	" title TEXT CHECK (title IS NULL OR length(title) BETWEEN 1 AND 300),"
	" organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,"
	" account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
	" email TEXT CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254),"
	" country TEXT CHECK (country IS NULL OR length(country) = 2),"
	" letter_ref TEXT CHECK (letter_ref IS NULL OR length(letter_ref) BETWEEN 1 AND 100),"
	" letter_date TEXT NOT NULL CHECK (length(letter_date) = 10),"
	" term_end TEXT NOT NULL CHECK (length(term_end) = 10),"
	" field TEXT NOT NULL CHECK (length(field) BETWEEN 1 AND 200),"
	" concepts TEXT NOT NULL CHECK (json_type(concepts) = 'array'),"
	" expertise TEXT NOT NULL CHECK (json_type(expertise) = 'object'),"
	" languages TEXT NOT NULL CHECK (json_type(languages) = 'array'),"
	" availability TEXT NOT NULL CHECK (availability IN ('available', 'limited',"
	"   'unavailable')),"
	" created_at TEXT NOT NULL,"
	" updated_at TEXT NOT NULL,"
	" CHECK (term_end > letter_date));"
	"CREATE VIRTUAL TABLE expert_fts USING fts5(text, tokenize = 'liaison');"
	"CREATE TABLE expert_assignments ("
	" id INTEGER PRIMARY KEY,"
	" expert_id INTEGER NOT NULL REFERENCES experts(id) ON DELETE CASCADE,"
	" kind TEXT NOT NULL CHECK (kind IN ('case', 'event', 'challenge')),"
	" case_id INTEGER REFERENCES cases(id) ON DELETE CASCADE,"
	" event_id INTEGER REFERENCES events(id) ON DELETE CASCADE,"
	" challenge_id INTEGER REFERENCES challenges(id) ON DELETE CASCADE,"
	" role TEXT CHECK (role IS NULL OR length(role) BETWEEN 1 AND 200),"
	" assigned_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
	" assigned_at TEXT NOT NULL,"
	" CHECK ((kind = 'case') = (case_id IS NOT NULL) AND (kind = 'event') = (event_id IS NOT NULL)"
	"   AND (kind = 'challenge') = (challenge_id IS NOT NULL)));"
	"CREATE UNIQUE INDEX expert_assignments_case ON expert_assignments(expert_id, case_id)"
	" WHERE case_id IS NOT NULL;"
	"CREATE UNIQUE INDEX expert_assignments_event ON expert_assignments(expert_id, event_id)"
	" WHERE event_id IS NOT NULL;"
	"CREATE UNIQUE INDEX expert_assignments_challenge ON expert_assignments(expert_id,"
	" challenge_id) WHERE challenge_id IS NOT NULL;";

const char *const store_migrations[] = {
	migration_1,
	migration_2,
	migration_3,
	migration_4,
	migration_5,
	migration_6,
	migration_7,
	migration_8,
	migration_9,
	migration_10,
	migration_11,
	migration_12,
	migration_13,
	migration_14,
	migration_15,
	migration_16,
};

const int store_migration_count = (int)(sizeof(store_migrations) / sizeof(store_migrations[0]));

/*
 * The PostgreSQL form of the statements that differ in kind, by name
 * (dialect.c rewrites the others): triggers as PL/pgSQL functions (a
 * refused state raises check_violation, 23514, which the driver maps to
 * ERR_CONFLICT like SQLite's RAISE(ABORT)); the FTS5 tables as tables of
 * tsvectors that the store builds from the project's own tokens (the
 * `simple` configuration, never PostgreSQL's parser), with a GIN index.
 */
const struct store_variant store_migration_variants[] = {
	{"meeting_participants_slot_insert",
	 "CREATE FUNCTION meeting_participants_slot_insert_fn() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
	 " IF NEW.slot_id IS DISTINCT FROM (SELECT slot_id FROM meetings WHERE id = NEW.meeting_id) THEN RAISE EXCEPTION 'a participant''s slot must be the meeting''s slot' USING ERRCODE = '23514'; END IF; RETURN NEW; END $$;"
	 "CREATE TRIGGER meeting_participants_slot_insert BEFORE INSERT ON meeting_participants FOR EACH ROW EXECUTE FUNCTION meeting_participants_slot_insert_fn()"},
	{"meeting_participants_slot_update",
	 "CREATE FUNCTION meeting_participants_slot_update_fn() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
	 " IF NEW.slot_id IS DISTINCT FROM (SELECT slot_id FROM meetings WHERE id = NEW.meeting_id) THEN RAISE EXCEPTION 'a participant''s slot must be the meeting''s slot' USING ERRCODE = '23514'; END IF; RETURN NEW; END $$;"
	 "CREATE TRIGGER meeting_participants_slot_update BEFORE UPDATE OF slot_id ON meeting_participants FOR EACH ROW EXECUTE FUNCTION meeting_participants_slot_update_fn()"},
	{"meetings_slot_copy",
	 "CREATE FUNCTION meetings_slot_copy_fn() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
	 " UPDATE meeting_participants SET slot_id = NEW.slot_id WHERE meeting_id = NEW.id; RETURN NULL; END $$;"
	 "CREATE TRIGGER meetings_slot_copy AFTER UPDATE OF slot_id ON meetings FOR EACH ROW WHEN (NEW.slot_id IS DISTINCT FROM OLD.slot_id) EXECUTE FUNCTION meetings_slot_copy_fn()"},
	{"meetings_need_accepted",
	 "CREATE FUNCTION meetings_need_accepted_fn() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
	 " IF NEW.request_id IS NOT NULL AND (SELECT state FROM meeting_requests WHERE id = NEW.request_id) IS DISTINCT FROM 'accepted' THEN RAISE EXCEPTION 'a meeting needs an accepted meeting request' USING ERRCODE = '23514'; END IF; RETURN NEW; END $$;"
	 "CREATE TRIGGER meetings_need_accepted BEFORE INSERT ON meetings FOR EACH ROW EXECUTE FUNCTION meetings_need_accepted_fn()"},
	{"meeting_requests_keep_meeting",
	 "CREATE FUNCTION meeting_requests_keep_meeting_fn() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
	 " IF NEW.state <> 'accepted' AND EXISTS (SELECT 1 FROM meetings WHERE request_id = NEW.id) THEN RAISE EXCEPTION 'a request with a meeting must stay accepted' USING ERRCODE = '23514'; END IF; RETURN NEW; END $$;"
	 "CREATE TRIGGER meeting_requests_keep_meeting BEFORE UPDATE OF state ON meeting_requests FOR EACH ROW EXECUTE FUNCTION meeting_requests_keep_meeting_fn()"},
	{"meeting_requests_version_insert",
	 "CREATE FUNCTION meeting_requests_version_insert_fn() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
	 " UPDATE data_version SET n = n + 1 WHERE id = 1; RETURN NULL; END $$;"
	 "CREATE TRIGGER meeting_requests_version_insert AFTER INSERT ON meeting_requests FOR EACH ROW WHEN (NEW.state IN ('accepted', 'declined')) EXECUTE FUNCTION meeting_requests_version_insert_fn()"},
	{"meeting_requests_version_update",
	 "CREATE FUNCTION meeting_requests_version_update_fn() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
	 " UPDATE data_version SET n = n + 1 WHERE id = 1; RETURN NULL; END $$;"
	 "CREATE TRIGGER meeting_requests_version_update AFTER UPDATE OF state, requester_id, invitee_id ON meeting_requests FOR EACH ROW WHEN ((OLD.state IN ('accepted', 'declined')) <> (NEW.state IN ('accepted', 'declined')) OR OLD.requester_id <> NEW.requester_id OR OLD.invitee_id <> NEW.invitee_id) EXECUTE FUNCTION meeting_requests_version_update_fn()"},
	{"meeting_requests_version_delete",
	 "CREATE FUNCTION meeting_requests_version_delete_fn() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
	 " UPDATE data_version SET n = n + 1 WHERE id = 1; RETURN NULL; END $$;"
	 "CREATE TRIGGER meeting_requests_version_delete AFTER DELETE ON meeting_requests FOR EACH ROW WHEN (OLD.state IN ('accepted', 'declined')) EXECUTE FUNCTION meeting_requests_version_delete_fn()"},
	{"people_version_update",
	 "CREATE FUNCTION people_version_update_fn() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
	 " UPDATE data_version SET n = n + 1 WHERE id = 1; RETURN NULL; END $$;"
	 "CREATE TRIGGER people_version_update AFTER UPDATE OF organisation_id ON people FOR EACH ROW WHEN (NEW.organisation_id IS DISTINCT FROM OLD.organisation_id) EXECUTE FUNCTION people_version_update_fn()"},
	{"events_roles_delete",
	 "CREATE FUNCTION events_roles_delete_fn() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
	 " DELETE FROM account_roles WHERE scope_kind = 'event' AND scope_id = OLD.id; RETURN NULL; END $$;"
	 "CREATE TRIGGER events_roles_delete AFTER DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_roles_delete_fn()"},
	{"organisations_roles_delete",
	 "CREATE FUNCTION organisations_roles_delete_fn() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
	 " DELETE FROM account_roles WHERE scope_kind = 'organisation' AND scope_id = OLD.id; RETURN NULL; END $$;"
	 "CREATE TRIGGER organisations_roles_delete AFTER DELETE ON organisations FOR EACH ROW EXECUTE FUNCTION organisations_roles_delete_fn()"},
	{"organisation_fts",
	 "CREATE TABLE organisation_fts (rowid bigint PRIMARY KEY, tokens tsvector NOT NULL);"
	 "CREATE INDEX organisation_fts_tokens ON organisation_fts USING gin (tokens)"},
	{"opportunity_fts",
	 "CREATE TABLE opportunity_fts (rowid bigint PRIMARY KEY, tokens tsvector NOT NULL);"
	 "CREATE INDEX opportunity_fts_tokens ON opportunity_fts USING gin (tokens)"},
	{"people_fts",
	 "CREATE TABLE people_fts (rowid bigint PRIMARY KEY, tokens tsvector NOT NULL);"
	 "CREATE INDEX people_fts_tokens ON people_fts USING gin (tokens)"},
	{"case_fts",
	 "CREATE TABLE case_fts (rowid bigint PRIMARY KEY, tokens tsvector NOT NULL);"
	 "CREATE INDEX case_fts_tokens ON case_fts USING gin (tokens)"},
	{"expert_fts",
	 "CREATE TABLE expert_fts (rowid bigint PRIMARY KEY, tokens tsvector NOT NULL);"
	 "CREATE INDEX expert_fts_tokens ON expert_fts USING gin (tokens)"},
	{"event_fts",
	 "CREATE TABLE event_fts (rowid bigint PRIMARY KEY, tokens tsvector NOT NULL);"
	 "CREATE INDEX event_fts_tokens ON event_fts USING gin (tokens)"},
	{"organisation_search",
	 "CREATE VIEW organisation_search AS SELECT o.id AS id, o.name AS name,"
	 " o.description AS description, o.city AS city,"
	 " (SELECT string_agg(j.value, ' ') FROM json_array_elements_text(o.pillar_industries::json) j)"
	 "   AS pillar_industries,"
	 " (SELECT string_agg(j.value, ' ') FROM json_array_elements_text(o.interests::json) j)"
	 "   AS interests,"
	 " (SELECT string_agg(coalesce(p.title, '') || ' ' || coalesce(p.description, ''), ' '"
	 "   ORDER BY p.id) FROM opportunities p WHERE p.organisation_id = o.id) AS opportunities"
	 " FROM organisations o"},
	{NULL, NULL},
};
