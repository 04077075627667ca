/*
 * cli.c - command dispatch, --help and --version.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

int cli_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("liaison %s\n", LIAISON_VERSION);
	return 0;
}
