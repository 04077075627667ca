/*
 * cmd_data.c - the database commands: migrate, import, export, stats and
 * backup. Each opens the database (applying migrations), does one thing
 * and closes it.
 */
#include "cli/cli.h"

#include "cli/cli_internal.h"
#include "core/jsonx.h"
#include "service/operator.h"
#include "service/resource.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_DB = 256, OPT_OUTPUT };

static const struct option data_options[] = {
	{"db", required_argument, NULL, OPT_DB},
	{"output", required_argument, NULL, OPT_OUTPUT},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

/*
 * The options every data command shares. Returns CLI_OK with the
 * positional arguments in args (at most nargs, exactly nargs required),
 * -1 after printing --help, or CLI_USAGE.
 */
static int data_parse(int argc, char **argv, const char *usage, int allow_output,
		      const char **db, const char **output, char **args, int nargs)
{
	int c;

	while ((c = cli_getopt(argc, argv, "h", data_options)) != -1) {
		if (c == OPT_DB) {
			*db = optarg;
		} else if (c == OPT_OUTPUT && allow_output) {
			*output = optarg;
		} else if (c == 'h') {
			fputs(usage, stdout);
			return -1;
		} else {
			if (c == OPT_OUTPUT)
				cli_usage_error(argv[0], "--output is not an option of this command");
			return CLI_USAGE;
		}
	}
	if (argc - optind != nargs)
		return cli_usage_error(argv[0], nargs ? "expects %d argument(s)" : "expects no argument%.0d",
				       nargs);
	for (int i = 0; i < nargs; i++)
		args[i] = argv[optind + i];
	*db = cli_db_path(*db);
	return CLI_OK;
}

/* Writes v as pretty JSON to standard output. */
static int print_json(const json_t *v)
{
	size_t len;
	char *s = jsonx_dump(v, 1, &len);
	int ok = fwrite(s, 1, len, stdout) == len && putchar('\n') != EOF && fflush(stdout) == 0;
	struct err e;

	free(s);
	if (ok)
		return CLI_OK;
	err_set(&e, ERR_IO, "output", "write failed: %s", strerror(errno));
	return cli_fail(&e);
}

int cli_migrate(int argc, char **argv)
{
	static const char usage[] = "usage: liaison migrate [--db PATH]\n\n"
				    "Creates the database if needed and applies pending schema\n"
				    "migrations; prints the schema version. PATH is an SQLite file\n"
				    "or a PostgreSQL URI (postgresql://user@host/db).\n";
	const char *db = NULL;
	const char *out = NULL;
	struct err e;
	int version = 0;
	int applied = 0;
	int rc = data_parse(argc, argv, usage, 0, &db, &out, NULL, 0);

	if (rc)
		return rc < 0 ? CLI_OK : rc;
	err_clear(&e);
	if (service_migrate(db, &applied, &version, &e))
		return cli_fail(&e);
	printf("schema version %d (%d migration(s) applied)\n", version, applied);
	return CLI_OK;
}

int cli_import(int argc, char **argv)
{
	static const char usage[] =
		"usage: liaison import [--db PATH] FILE\n\n"
		"Imports organisations with their opportunities from FILE ('-' = standard\n"
		"input) in the batch format of docs/data-format.md. All or nothing: on the\n"
		"first bad record nothing is stored and the record is named by index and\n"
		"field. Organisations whose id (ref) exists are replaced.\n";
	const char *db = NULL;
	const char *out = NULL;
	char *file = NULL;
	struct service_conn *c = NULL;
	size_t count = 0;
	struct err e;
	FILE *in;
	int rc = data_parse(argc, argv, usage, 0, &db, &out, &file, 1);

	if (rc)
		return rc < 0 ? CLI_OK : rc;
	err_clear(&e);
	in = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
	if (!in) {
		err_set(&e, ERR_IO, file, "cannot open: %s", strerror(errno));
		return cli_fail(&e);
	}
	rc = cli_open(db, &c);
	if (!rc) {
		/* read as it goes: memory stays small whatever the file's size */
		rc = service_import_stream(c, in, &count, &e);
		if (rc && !e.field[0]) /* a whole-file problem: name the file */
			snprintf(e.field, sizeof(e.field), "%s", file);
		rc = rc ? cli_fail(&e) : CLI_OK;
		service_conn_close(c);
	}
	if (in != stdin)
		fclose(in);
	if (!rc)
		printf("imported %zu organisation(s)\n", count);
	return rc;
}

int cli_export(int argc, char **argv)
{
	static const char usage[] =
		"usage: liaison export [--db PATH] [--output FILE]\n\n"
		"Writes every organisation with its opportunities in the batch format of\n"
		"docs/data-format.md to standard output (or FILE).\n";
	const char *db = NULL;
	const char *path = NULL;
	struct service_conn *c = NULL;
	struct err e;
	FILE *out = stdout;
	int rc = data_parse(argc, argv, usage, 1, &db, &path, NULL, 0);

	if (rc)
		return rc < 0 ? CLI_OK : rc;
	err_clear(&e);
	if (path && strcmp(path, "-") != 0 && !(out = fopen(path, "wb"))) {
		err_set(&e, ERR_IO, "output", "cannot open %s for writing: %s", path,
			strerror(errno));
		return cli_fail(&e);
	}
	rc = cli_open(db, &c);
	if (!rc) {
		rc = service_export_stream(c, out, &e) ? cli_fail(&e) : CLI_OK;
		service_conn_close(c);
	}
	if ((out == stdout ? fflush(out) : fclose(out)) != 0 && !rc) {
		err_set(&e, ERR_IO, "output", "write failed: %s", strerror(errno));
		rc = cli_fail(&e);
	}
	return rc;
}

int cli_stats(int argc, char **argv)
{
	static const char usage[] = "usage: liaison stats [--db PATH]\n\n"
				    "Prints the figures of GET /api/v1/stats as JSON.\n";
	const char *db = NULL;
	const char *out = NULL;
	json_t *stats = NULL;
	struct service_conn *c = NULL;
	struct err e;
	int rc = data_parse(argc, argv, usage, 0, &db, &out, NULL, 0);

	if (rc)
		return rc < 0 ? CLI_OK : rc;
	err_clear(&e);
	rc = cli_open(db, &c);
	if (rc)
		return rc;
	rc = service_stats(c, &stats, &e);
	service_conn_close(c);
	if (rc)
		return cli_fail(&e);
	rc = print_json(stats);
	json_decref(stats);
	return rc;
}

int cli_backup(int argc, char **argv)
{
	static const char usage[] =
		"usage: liaison backup [--db PATH] DEST\n\n"
		"Copies the database to DEST with SQLite's online backup; safe while a\n"
		"server is running on the same database.\n";
	const char *db = NULL;
	const char *out = NULL;
	char *dest = NULL;
	struct service_conn *c = NULL;
	struct err e;
	int rc = data_parse(argc, argv, usage, 0, &db, &out, &dest, 1);

	if (rc)
		return rc < 0 ? CLI_OK : rc;
	err_clear(&e);
	rc = cli_open(db, &c);
	if (rc)
		return rc;
	rc = service_backup(c, dest, &e);
	service_conn_close(c);
	if (rc)
		return cli_fail(&e);
	printf("backed up %s to %s\n", db, dest);
	return CLI_OK;
}
