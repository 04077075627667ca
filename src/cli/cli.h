/*
 * cli.h - the liaison command line: `liaison <command> [options]`.
 *
 * Every command is a function taking the arguments after its name
 * (argv[0] is the command name) and returning the process exit status:
 * 0 on success, 1 on bad input or failure (one line on stderr), 2 on a
 * usage error.
 */
#ifndef LIAISON_CLI_CLI_H
#define LIAISON_CLI_CLI_H

int cli_main(int argc, char **argv);

int cli_serve(int argc, char **argv);
int cli_migrate(int argc, char **argv);
int cli_import(int argc, char **argv);
int cli_export(int argc, char **argv);
int cli_stats(int argc, char **argv);
int cli_report(int argc, char **argv);
int cli_backup(int argc, char **argv);
/* src/cli/cmd_schedule.c: the meeting scheduler (DESIGN.md batch format) */
int cli_schedule(int argc, char **argv);
int cli_match(int argc, char **argv);
/* src/cli/cmd_assign.c: review assignment (docs/data-format.md) */
int cli_assign(int argc, char **argv);
int cli_challenge(int argc, char **argv);
/* src/cli/cmd_user.c: accounts and roles; the access table of the API */
int cli_user(int argc, char **argv);
/* src/cli/cmd_send.c: the outbox sender */
int cli_send(int argc, char **argv);
int cli_routes(int argc, char **argv);

#endif
