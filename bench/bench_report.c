/*
 * bench_report.c - the statistics and the XLSX export of one event with
 * 20,000 participants and 30,000 meetings (bench/README.md, "report"):
 * wall time and peak RSS of each, against the sqlite3 shell's own
 * `.mode csv` dump of the same rows (the four report tables' queries of
 * store/report.h) as the baseline, in the same run.
 *
 * The data: the schema made by the store, then one SQL script run by the
 * sqlite3 shell (recursive CTEs): 2,000 organisations, 20,000 people
 * registered on site, 30,000 accepted requests and their meetings in
 * three slots (people split in two halves, each meets once a slot),
 * outcomes of both sides for two meetings in three, 3,000 agreements.
 * Each measurement runs in a child process, so that its peak RSS is its
 * own (wait4).
 *
 *   bench_report [PEOPLE [MEETINGS]]   (defaults 20000 30000)
 */
#include "service/report.h"
#include "service/resource.h"
#include "store/report.h"
#include "store/statistics.h"
#include "store/store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The SQL script of the data set, into f. */
static void write_data(FILE *f, long people, long meetings)
{
	long half = people / 2, rounds = (meetings + half - 1) / half;

	fprintf(f, "PRAGMA foreign_keys = ON; BEGIN;\n"
		   "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1999)"
		   " INSERT INTO organisations(id, name, country, kind, created_at, updated_at)"
		   " SELECT i + 1, CASE WHEN i < 1000 THEN '成都企业 ' || i ELSE 'Europa GmbH ' || i END,"
		   " CASE WHEN i < 1000 THEN 'CN' ELSE (CASE i %% 4 WHEN 0 THEN 'DE' WHEN 1 THEN 'FR'"
		   " WHEN 2 THEN 'FI' ELSE 'IT' END) END, CASE i %% 3 WHEN 0 THEN 'sme' WHEN 1"
		   " THEN 'city' ELSE 'university' END, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'"
		   " FROM n;\n");
	fprintf(f, "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %ld)"
		   " INSERT INTO people(id, organisation_id, name, time_zone, created_at, updated_at)"
		   " SELECT i + 1, CASE WHEN i < %ld THEN i %% 1000 ELSE 1000 + i %% 1000 END + 1,"
		   " CASE WHEN i < %ld THEN '王' || i ELSE 'Person ' || i END, 'Asia/Shanghai',"
		   " '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n;\n",
		people - 1, half, half);
	fprintf(f, "INSERT INTO events(id, name, time_zone, mode, tables, series, created_at,"
		   " updated_at) VALUES (1, '中欧合作交流会 bench', 'Asia/Shanghai', 'onsite', %ld,"
		   " 'bench', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');\n", half);
	fprintf(f, "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %ld)"
		   " INSERT INTO event_slots(id, event_id, ref, start, start_utc, minutes)"
		   " SELECT i + 1, 1, 's' || i, '2026-05-13T' || substr('0' || (9 + i), -2) || ':00:00+08:00',"
		   " 1778634000 + 3600 * i, 20 FROM n;\n", rounds - 1);
	fprintf(f, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %ld)"
		   " INSERT INTO event_tables(event_id, number) SELECT 1, i FROM n;\n", half);
	fprintf(f, "INSERT INTO registrations(event_id, person_id, attendance, validation,"
		   " checked_in, created_at, updated_at) SELECT 1, id, 'onsite', 'validated', 1,"
		   " '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM people;\n");
	/* meeting k: A-person i = k % half meets B-person (i + 37 r) % half in slot r = k / half */
	fprintf(f, "CREATE TEMP TABLE plan AS WITH RECURSIVE n(k) AS (SELECT 0 UNION ALL"
		   " SELECT k + 1 FROM n WHERE k < %ld) SELECT k + 1 AS id, k %% %ld + 1 AS a,"
		   " %ld + (k %% %ld + 37 * (k / %ld)) %% %ld + 1 AS b, k / %ld + 1 AS slot,"
		   " k %% %ld + 1 AS tab FROM n;\n",
		meetings - 1, half, half, half, half, half, half, half);
	fprintf(f, "INSERT INTO meeting_requests(id, event_id, requester_id, invitee_id, state,"
		   " created_at, updated_at) SELECT id, 1, a, b, 'accepted', '2026-04-01T00:00:00Z',"
		   " '2026-04-02T00:00:00Z' FROM plan;\n"
		   "INSERT INTO meetings(id, event_id, request_id, slot_id, table_no, online,"
		   " created_at, updated_at) SELECT id, 1, id, slot, tab, 0, '2026-04-02T00:00:00Z',"
		   " '2026-04-02T00:00:00Z' FROM plan;\n"
		   "INSERT INTO meeting_participants(meeting_id, person_id, slot_id)"
		   " SELECT id, a, slot FROM plan UNION ALL SELECT id, b, slot FROM plan;\n"
		   "INSERT INTO meeting_outcomes(meeting_id, person_id, outcome, comment, source,"
		   " no_show, recorded_at) SELECT id, p, CASE (id + p) %% 4 WHEN 0 THEN"
		   " 'cooperation_possible' WHEN 1 THEN 'informative_no_cooperation' WHEN 2 THEN"
		   " 'insufficient_interest' ELSE 'did_not_take_place' END, CASE WHEN id %% 5 = 0"
		   " THEN '很有前景 promising' END, 'participant', 0, '2026-05-14T00:00:00Z' FROM"
		   " (SELECT id, a AS p FROM plan UNION ALL SELECT id, b FROM plan) WHERE id %% 3 <> 0;\n");
	fprintf(f, "INSERT INTO agreements(id, title, kind, state, parties, date, event_id,"
		   " meeting_id, created_at, updated_at) SELECT id / 10, '合作意向书 LoI ' || id,"
		   " CASE id %% 3 WHEN 0 THEN 'letter_of_intent' WHEN 1 THEN 'mou' ELSE 'contract'"
		   " END, CASE id %% 4 WHEN 0 THEN 'intent' WHEN 1 THEN 'signed' WHEN 2 THEN"
		   " 'in_progress' ELSE 'completed' END, '[]', '2026-06-' || (10 + id %% 18), 1, id,"
		   " '2026-05-20T00:00:00Z', '2026-05-20T00:00:00Z' FROM plan WHERE id %% 10 = 0;\n"
		   "INSERT INTO agreement_parties(agreement_id, organisation_id, pos)"
		   " SELECT a.id, pa.organisation_id, 0 FROM agreements a JOIN plan ON plan.id ="
		   " a.meeting_id JOIN people pa ON pa.id = plan.a UNION ALL SELECT a.id,"
		   " pb.organisation_id, 1 FROM agreements a JOIN plan ON plan.id = a.meeting_id"
		   " JOIN people pb ON pb.id = plan.b;\n"
		   "COMMIT;\n");
}

/* Runs sh -c cmd; 0 when it exited 0. */
/* User + system seconds of a finished child. */
static double cpu_of(const struct rusage *ru)
{
	return (double)ru->ru_utime.tv_sec + (double)ru->ru_utime.tv_usec / 1e6 +
	       (double)ru->ru_stime.tv_sec + (double)ru->ru_stime.tv_usec / 1e6;
}

static double last_cpu; /* of the last child measured */

static int shell(const char *cmd, double *secs, long *rss_kb)
{
	double t0 = now_s();
	struct rusage ru;
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
		return -1;
	*secs = now_s() - t0;
	*rss_kb = ru.ru_maxrss;
	last_cpu = cpu_of(&ru);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

enum what { STATS, XLSX };

/* In a child: opens the store at db and runs one measurement; exit status 0 on success. */
static int child(const char *db, enum what w, const char *out)
{
	struct store *s = NULL;
	struct service_conn *c;
	struct err e;
	int rc;

	err_clear(&e);
	rc = store_open(&s, db, STORE_READONLY, &e);
	if (rc) {
		fprintf(stderr, "bench_report: %s\n", e.msg);
		return 1;
	}
	c = service_conn_wrap(s);
	if (w == STATS) {
		json_t *st = NULL;

		rc = service_event_statistics(c, 1, &st, &e);
		if (rc == 0)
			printf("report.stats.meetings: %lld\nreport.stats.answers: %lld\n",
			       (long long)json_integer_value(json_object_get(
				       json_object_get(st, "meetings"), "total")),
			       (long long)json_integer_value(json_object_get(
				       json_object_get(st, "outcomes"), "answers")));
		json_decref(st);
	} else {
		struct buf b;
		FILE *f;

		rc = service_event_xlsx(c, 1, &b, &e);
		if (rc == 0) {
			f = fopen(out, "wb");
			if (!f || fwrite(b.data, 1, b.len, f) != b.len || fclose(f))
				rc = -1;
			printf("report.xlsx.bytes: %zu\n", b.len);
			buf_release(&b);
		}
	}
	if (rc)
		fprintf(stderr, "bench_report: %s\n", e.msg);
	fflush(stdout);
	service_conn_close(c);
	store_close(s);
	return rc ? 1 : 0;
}

static int measure(const char *db, enum what w, const char *out, double *secs, long *rss_kb)
{
	double t0 = now_s();
	struct rusage ru;
	int status = 0;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(child(db, w, out));
	if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
		return -1;
	*secs = now_s() - t0;
	*rss_kb = ru.ru_maxrss;
	last_cpu = cpu_of(&ru);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* The sqlite3 shell's CSV dump of the four report tables, as the baseline script. */
static void write_baseline(FILE *f, const char *out)
{
	fprintf(f, ".parameter set ?1 1\n.headers on\n.mode csv\n.output %s\n", out);
	for (int t = 0; t < STORE_REPORT_TABLES; t++)
		fprintf(f, "%s;\n", store_report_sql((enum store_report_table)t));
}

int main(int argc, char **argv)
{
	long people = argc > 1 ? strtol(argv[1], NULL, 10) : 20000;
	long meetings = argc > 2 ? strtol(argv[2], NULL, 10) : 30000;
	char dir[] = "/tmp/bench-report-XXXXXX", db[128], sql[128], cmd[512], out[128], base[128];
	double secs, stats_s, xlsx_s, base_s, stats_cpu, xlsx_cpu, base_cpu;
	long rss, stats_rss, xlsx_rss, base_rss;
	struct store *s = NULL;
	struct err e;
	FILE *f;

	if (people < 4 || meetings < 1 || meetings > people / 2 * 14) {
		fprintf(stderr, "usage: bench_report [PEOPLE [MEETINGS]] (MEETINGS <= 7 x PEOPLE)\n");
		return 2;
	}
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(db, sizeof(db), "%s/bench.db", dir);
	snprintf(sql, sizeof(sql), "%s/data.sql", dir);
	err_clear(&e);
	if (store_open(&s, db, STORE_MIGRATE, &e)) {
		fprintf(stderr, "bench_report: %s\n", e.msg);
		return 1;
	}
	store_close(s);
	f = fopen(sql, "w");
	if (!f) {
		perror(sql);
		return 1;
	}
	write_data(f, people, meetings);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "sqlite3 %s < %s", db, sql);
	if (shell(cmd, &secs, &rss)) {
		fprintf(stderr, "bench_report: loading the data failed\n");
		return 1;
	}
	printf("report.people: %ld\nreport.meetings: %ld\nreport.load: %.2f s\n", people, meetings,
	       secs);
	snprintf(out, sizeof(out), "%s/report.xlsx", dir);
	snprintf(base, sizeof(base), "%s/baseline.sql", dir);
	f = fopen(base, "w");
	if (!f) {
		perror(base);
		return 1;
	}
	snprintf(sql, sizeof(sql), "%s/baseline.csv", dir);
	write_baseline(f, sql);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "sqlite3 -readonly %s < %s", db, base);
	if (shell(cmd, &base_s, &base_rss)) {
		fprintf(stderr, "bench_report: the baseline failed\n");
		return 1;
	}
	base_cpu = last_cpu;
	if (measure(db, STATS, out, &stats_s, &stats_rss)) {
		fprintf(stderr, "bench_report: the statistics failed\n");
		return 1;
	}
	stats_cpu = last_cpu;
	if (measure(db, XLSX, out, &xlsx_s, &xlsx_rss)) {
		fprintf(stderr, "bench_report: the XLSX export failed\n");
		return 1;
	}
	xlsx_cpu = last_cpu;
	printf("report.baseline_csv: %.3f s wall, %.3f s CPU, peak RSS %.1f MB"
	       " (sqlite3 .mode csv of the four tables)\n"
	       "report.statistics: %.3f s wall, %.3f s CPU, peak RSS %.1f MB\n"
	       "report.xlsx: %.3f s wall, %.3f s CPU, peak RSS %.1f MB (statistics included)\n"
	       "report.statistics_vs_baseline: %.2f x the CPU time\n"
	       "report.xlsx_vs_baseline: %.2f x the CPU time\n",
	       base_s, base_cpu, base_rss / 1000.0, stats_s, stats_cpu, stats_rss / 1000.0, xlsx_s,
	       xlsx_cpu, xlsx_rss / 1000.0, stats_cpu / base_cpu, xlsx_cpu / base_cpu);
	if (getenv("KEEP")) { printf("report.dir: %s\n", dir); return 0; }
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return shell(cmd, &secs, &rss) ? 1 : 0;
}
