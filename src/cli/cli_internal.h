/*
 * cli_internal.h - helpers shared by the commands of src/cli/.
 */
#ifndef LIAISON_CLI_CLI_INTERNAL_H
#define LIAISON_CLI_CLI_INTERNAL_H

#include "core/err.h"
#include "service/service.h"

#include <jansson.h>
#include <stddef.h>

#include <getopt.h>

/* Exit statuses of every command. */
#define CLI_OK 0
#define CLI_FAIL 1
#define CLI_USAGE 2

/* The database path: --db, else $LIAISON_DB, else "liaison.db". */
const char *cli_db_path(const char *given);

/* Prints "liaison: FIELD: MESSAGE" (one line) to stderr; returns CLI_FAIL. */
int cli_fail(const struct err *e);

/* Prints "liaison: MESSAGE" to stderr; returns CLI_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Parses argv with getopt_long (once per process: argv[0] is the command
 * name, so parsing starts at argv[1]). Returns the
 * option character, -1 at the end of options, or '?' after printing a
 * usage error. Long options with no short letter use values >= 256.
 */
int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts);

/*
 * Opens a connection to the database at path, applying migrations; prints
 * the error on failure. With out NULL it is closed again (just migrated).
 */
int cli_open(const char *path, struct service_conn **out);

/*
 * Loads the batch file of an engine command ("-": standard input), at most
 * max bytes, into *doc; prints the error and returns CLI_FAIL on failure.
 */
int cli_load_batch(const char *file, size_t max, json_t **doc);

/*
 * The engines' text tools: the thesaurus compiled into the binary (*th;
 * CLI_FAIL after printing the error) and the language models of models
 * (*langid; NULL with a warning naming what stands in for them, without).
 */
struct text_thesaurus;
struct text_langid;
int cli_text_tools(const char *models, const char *without, struct text_thesaurus **th,
		   struct text_langid **langid);

#endif
