/*
 * bench_desk.c - the data of the desk benchmark (bench/desk.sh, see
 * bench/README.md, "desk"): adds CASES cases with MESSAGES thread rows in
 * all (messages, internal notes and state changes) to a database that
 * already holds the demo data (`liaison serve --demo` made it), through
 * the store's own writes (store/cases.h: the rows and their search
 * entries), in one transaction. Subjects and bodies in Chinese, Japanese,
 * French, German and English; opened over the last 30 days, a third of
 * the open ones past their due time; requesters the demo accounts, owner
 * the demo desk. Prints the seconds it took and the id of a case with
 * MESSAGES / CASES thread rows (the one the benchmark reads).
 *
 *   bench_desk DB [CASES [MESSAGES]]   (defaults 10000 100000)
 */
#include "store/cases.h"
#include "store/store.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const subjects[] = {
	"寻找智能交通合作伙伴", "新能源汽车零部件投资咨询", "蘇州工業園区への進出について",
	"Création d'une filiale à Chengdu", "Markteintritt für Medizintechnik in Wuhan",
	"Visa for a two-week business trip", "Stand at the spring trade fair",
	"CE marking requirements for smart devices", "城市交通数据平台试点", "Partner search: water treatment",
};
static const char *const bodies[] = {
	"我们希望与欧洲的城市交通企业合作，开展出行数据平台的试点项目，请推荐合适的合作伙伴。",
	"我公司计划在芜湖投资新能源汽车电池壳体工厂，请问有哪些优惠政策和用地条件？",
	"蘇州工業園区に新エネルギー部品の工場を設立することを検討しています。優遇措置を教えてください。",
	"Bonjour, nous souhaitons créer une filiale pour nos activités de mobilité urbaine. Quelles sont les démarches ?",
	"Wir möchten unsere Medizintechnik in China vertreiben und suchen einen Partner in der Provinz Hubei.",
	"Which visa does an engineer need for a two-week business trip, and can the centre send an invitation letter?",
	"Can our company get a stand at the spring fair of the series, and what does it cost?",
	"We make smart home devices and plan to sell them in Germany: which CE directives apply?",
	"成都市希望与芬兰企业合作，建设城市交通数据开放平台，欢迎有经验的机构联系。",
	"Our utility looks for a European partner in water treatment and smart metering for a pilot.",
};
static const char *const categories[] = {"market_entry", "investment", "partner_search",
					 "regulation", "visa_and_stay", "events", "other"};
static const char *const priorities[] = {"low", "normal", "high", "urgent"};
static const char *const langs[] = {"zh", "zh", "ja", "fr", "de", "en", "en", "en", "zh", "en"};

struct gen {
	long cases, messages;
	int64_t accounts[8];
	size_t naccounts;
	int64_t desk;
	int64_t heavy; /* the case with the most thread rows */
};

static int64_t account(struct store *s, const char *email)
{
	int64_t id = 0;
	struct err e;

	err_clear(&e);
	store_account_by_email(s, email, &id, &e);
	return id;
}

/* Case i and its share of the thread. */
static int add_case(struct store *s, struct gen *g, long i, int64_t now, struct err *e)
{
	struct store_case_new c = {0};
	long share = g->messages / g->cases, extra = i < g->messages % g->cases;
	const char *open_states[] = {"new", "assigned", "assigned"};
	int64_t id = 0, sla;
	int rc;

	c.subject = subjects[i % 10];
	c.body = bodies[i % 10];
	c.lang = langs[i % 10];
	c.category = categories[i % 7];
	c.priority = priorities[i % 4];
	c.channel = i % 5 == 0 ? "email" : "web";
	c.requester = g->accounts[i % (long)g->naccounts];
	c.opened_by = c.requester;
	c.opened_utc = now - (int64_t)(i % 720) * 3600;
	sla = (int64_t)(4 + 8 * (i % 4)) * 60;
	c.sla_minutes = sla;
	/* a third of the open cases overdue, the rest due within days */
	c.due_utc = i % 3 == 0 ? now - 3600 * (1 + i % 48) : now + 3600 * (1 + i % 96);
	c.risk_utc = c.due_utc - sla * 15;
	c.state = i % 10 < 6 ? open_states[i % 3] : i % 10 < 8 ? "resolved" : "closed";
	c.owner = strcmp(c.state, "new") ? g->desk : 0;
	rc = store_case_insert(s, &c, &id, e);
	for (long m = 0; rc == 0 && m < share + extra; m++) {
		int from_desk = m % 2 == 1;

		rc = store_case_post(s, id, m % 7 == 3 ? "note" : m % 7 == 6 ? "state" : "message",
				     from_desk ? g->desk : c.requester, NULL,
				     m % 7 == 6 ? NULL : bodies[(i + m) % 10], langs[(i + m) % 10],
				     m % 7 == 6 ? "new" : NULL, m % 7 == 6 ? "assigned" : NULL, e);
	}
	if (rc == 0 && (strcmp(c.state, "resolved") == 0 || strcmp(c.state, "closed") == 0)) {
		json_t *set = json_pack("{s:s}", "resolved_at", "2026-11-30T10:00:00Z");

		if (strcmp(c.state, "closed") == 0)
			json_object_set_new(set, "closed_at", json_string("2026-12-01T10:00:00Z"));
		rc = store_case_set(s, id, set, e);
		json_decref(set);
	}
	if (i == g->cases / 2)
		g->heavy = id;
	return rc;
}

static int fill(struct store *s, void *ctx, struct err *e)
{
	struct gen *g = ctx;
	int64_t now = (int64_t)time(NULL);
	int rc = 0;

	for (long i = 0; rc == 0 && i < g->cases; i++)
		rc = add_case(s, g, i, now, e);
	return rc;
}

int main(int argc, char **argv)
{
	static const char *const who[] = {"rep@demo.liaison.example",
					  "participant@demo.liaison.example",
					  "participant2@demo.liaison.example",
					  "jury@demo.liaison.example", "organiser@demo.liaison.example"};
	struct gen g = {10000, 100000, {0}, 0, 0, 0};
	struct store *s = NULL;
	struct timespec a, b;
	struct err e;

	if (argc < 2 || argc > 4) {
		fprintf(stderr, "usage: bench_desk DB [CASES [MESSAGES]]\n");
		return 2;
	}
	if (argc > 2)
		g.cases = strtol(argv[2], NULL, 10);
	if (argc > 3)
		g.messages = strtol(argv[3], NULL, 10);
	if (g.cases < 1 || g.messages < 0) {
		fprintf(stderr, "bench_desk: CASES must be positive and MESSAGES not negative\n");
		return 2;
	}
	err_clear(&e);
	if (store_open(&s, argv[1], STORE_MIGRATE, &e)) {
		fprintf(stderr, "bench_desk: %s: %s\n", argv[1], e.msg);
		return 1;
	}
	for (size_t i = 0; i < sizeof(who) / sizeof(who[0]); i++)
		if ((g.accounts[g.naccounts] = account(s, who[i])))
			g.naccounts++;
	g.desk = account(s, "desk@demo.liaison.example");
	if (!g.naccounts || !g.desk) {
		fprintf(stderr, "bench_desk: the database lacks the demo accounts (serve --demo first)\n");
		store_close(s);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	if (store_atomic(s, fill, &g, &e)) {
		fprintf(stderr, "bench_desk: %s: %s\n", e.field, e.msg);
		store_close(s);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("cases=%ld messages=%ld seconds=%.2f case=%" PRId64 "\n", g.cases, g.messages,
	       (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9, g.heavy);
	store_close(s);
	return 0;
}
