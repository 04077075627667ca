/*
 * cmd_report.c - `liaison report`: an event's report file (the PDF, the
 * workbook, or one table as CSV) from the database, as the API's
 * organisers get it (service/report.h), or the PDF or workbook of a
 * series, a period or all events (GET /statistics/report.*), to a file
 * or standard output.
 */
#include "cli/cli.h"

#include "cli/cli_internal.h"
#include "service/report.h"
#include "service/resource.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

enum { OPT_DB = 256, OPT_OUTPUT, OPT_FORMAT, OPT_TABLE, OPT_NO_BOM, OPT_SERIES, OPT_FROM, OPT_TO,
       OPT_ALL };

static const struct option report_options[] = {
	{"db", required_argument, NULL, OPT_DB},
	{"output", required_argument, NULL, OPT_OUTPUT},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"table", required_argument, NULL, OPT_TABLE},
	{"no-bom", no_argument, NULL, OPT_NO_BOM},
	{"series", required_argument, NULL, OPT_SERIES},
	{"from", required_argument, NULL, OPT_FROM},
	{"to", required_argument, NULL, OPT_TO},
	{"all", no_argument, NULL, OPT_ALL},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

static const char usage[] =
	"usage: liaison report [--db PATH] [--format pdf|xlsx|csv] [--table T] [--no-bom]\n"
	"                      [--output FILE] EVENT\n"
	"       liaison report [--db PATH] [--format pdf|xlsx] [--output FILE]\n"
	"                      (--series NAME | --from YYYY-MM-DD | --to YYYY-MM-DD | --all)...\n\n"
	"Writes the report of EVENT (an id or a ref) as GET /api/v1/events/{id}/report.pdf,\n"
	"report.xlsx or <table>.csv give it to organisers: --format pdf (the default: the\n"
	"headline figures, the funnel and the charts), xlsx (a summary sheet and one sheet\n"
	"per table), or csv of --table registrations|requests|meetings|agreements (UTF-8\n"
	"with a byte order mark unless --no-bom). To FILE, or standard output.\n"
	"With --series, --from, --to (events whose first slot is in those days) or --all\n"
	"instead of EVENT: the PDF or workbook of those events together, as GET\n"
	"/api/v1/statistics/report.pdf or report.xlsx give it to admins.\n";

struct report_args {
	const char *db, *output, *format, *table, *event;
	int bom, all;
	json_t *scope; /* {"series", "from", "to"}: given ones */
};

static int parse(int argc, char **argv, struct report_args *a)
{
	int c;

	while ((c = cli_getopt(argc, argv, "h", report_options)) != -1) {
		if (c == OPT_DB)
			a->db = optarg;
		else if (c == OPT_OUTPUT)
			a->output = optarg;
		else if (c == OPT_FORMAT)
			a->format = optarg;
		else if (c == OPT_TABLE)
			a->table = optarg;
		else if (c == OPT_NO_BOM)
			a->bom = 0;
		else if (c == OPT_SERIES || c == OPT_FROM || c == OPT_TO)
			json_object_set_new(a->scope, c == OPT_SERIES ? "series"
						      : c == OPT_FROM ? "from"
								      : "to",
					    json_string(optarg));
		else if (c == OPT_ALL)
			a->all = 1;
		else if (c == 'h') {
			fputs(usage, stdout);
			return -1;
		} else {
			return CLI_USAGE;
		}
	}
	if (a->all || json_object_size(a->scope)) {
		if (argc != optind)
			return cli_usage_error(argv[0], "takes no event with --series, --from, --to "
					       "or --all");
		if (strcmp(a->format, "csv") == 0)
			return cli_usage_error(argv[0], "--format must be pdf or xlsx for several "
					       "events");
	} else if (argc - optind != 1) {
		return cli_usage_error(argv[0], "expects 1 argument (the event)");
	} else {
		a->event = argv[optind];
	}
	if (strcmp(a->format, "pdf") && strcmp(a->format, "xlsx") && strcmp(a->format, "csv"))
		return cli_usage_error(argv[0], "--format must be pdf, xlsx or csv");
	if (!strcmp(a->format, "csv") != !!a->table)
		return cli_usage_error(argv[0], "--table goes with --format csv, and it needs one");
	a->db = cli_db_path(a->db);
	return CLI_OK;
}

static int write_out(const char *path, const struct buf *b, struct err *e)
{
	FILE *f = path ? fopen(path, "wb") : stdout;
	int ok;

	if (!f)
		return err_set(e, ERR_IO, "output", "cannot open %s: %s", path, strerror(errno));
	ok = fwrite(b->data, 1, b->len, f) == b->len;
	ok = (path ? fclose(f) == 0 : fflush(f) == 0) && ok;
	return ok ? 0 : err_set(e, ERR_IO, "output", "write failed: %s", strerror(errno));
}

static int run(struct service_conn *c, const struct report_args *a, struct buf *b, struct err *e)
{
	int64_t id;
	int rc;

	if (!a->event)
		return !strcmp(a->format, "pdf") ? service_scope_pdf(c, a->scope, b, e)
						 : service_scope_xlsx(c, a->scope, b, e);
	rc = service_find_id(c, SERVICE_EVENT, a->event, &id, e);
	if (rc)
		return rc;
	if (!strcmp(a->format, "pdf"))
		return service_event_pdf(c, id, b, e);
	if (!strcmp(a->format, "xlsx"))
		return service_event_xlsx(c, id, b, e);
	return service_event_table_csv(c, id, a->table, a->bom, b, e);
}

int cli_report(int argc, char **argv)
{
	struct report_args a = {NULL, NULL, "pdf", NULL, NULL, 1, 0, json_object()};
	struct service_conn *c = NULL;
	struct buf b = {NULL, 0, 0, 0};
	struct err e;
	int rc = parse(argc, argv, &a);

	if (rc) {
		json_decref(a.scope);
		return rc < 0 ? CLI_OK : rc;
	}
	err_clear(&e);
	rc = cli_open(a.db, &c);
	if (rc) {
		json_decref(a.scope);
		return rc;
	}
	rc = run(c, &a, &b, &e);
	if (rc == 0)
		rc = write_out(a.output, &b, &e);
	buf_release(&b);
	service_conn_close(c);
	json_decref(a.scope);
	return rc ? cli_fail(&e) : CLI_OK;
}
