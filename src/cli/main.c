/*
 * cli/main.c - the cvegate program: a table of subcommands.
 *
 * LibScanner was called without a subcommand (`--format yocto -i FILE LIST
 * DBDIR`), so an argument list that does not start with a subcommand name is
 * taken as a scan.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cvegate/db.h"
#include "cvegate/error.h"

static const char usage_text[] =
        "usage: cvegate scan [options] LIST [DB]      check a package list, write JUnit XML\n"
        "       cvegate db import [--db DB] FILE...   import NVD JSON 1.1/2.0 feeds or API pages\n"
        "       cvegate db info [--db DB]             counts and dates of the database\n"
        "       cvegate db export [--db DB] [--sign-key KEY.pem] DIR   snapshot for a fleet\n"
        "       cvegate show [--db DB] CVE-ID         print one stored record\n"
        "       cvegate inventory [-f F] LIST         print the packages read from LIST\n"
        "       cvegate help | --help | --version\n"
        "Run 'cvegate scan --help' for the scan options; docs/usage.md has them all.\n";

static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs(usage_text, stdout);
	return cli_close_stdout();
}

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
        {"scan", cmd_scan},
        {"db", cmd_db},
        {"show", cmd_show},
        {"inventory", cmd_inventory},
        {"help", cmd_help},
};

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("cvegate: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_warn(const char *message, void *payload)
{
	(void)payload;
	fprintf(stderr, "cvegate: warning: %s\n", message);
}

void cli_put_safe(FILE *fp, const char *s, bool newlines)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c < 0x20 && !(newlines && c == '\n')) || c == 0x7f)
			fprintf(fp, "\\x%02x", c);
		else
			fputc(c, fp);
	}
}

int cli_fail(int error)
{
	cli_error("%s", cvg_error_last());
	switch (error) {
	case CVG_EPARSE:
	case CVG_ELIMIT:
	case CVG_EIO:
	case CVG_EVERIFY:
	case CVG_EUNSUPPORTED:
	case CVG_ENOTFOUND:
		return CVG_EXIT_INPUT;
	case CVG_EDB:
		return CVG_EXIT_DB;
	case CVG_EINVAL:
		return CVG_EXIT_USAGE;
	default:
		return CVG_EXIT_INTERNAL;
	}
}

char *cli_db_path(const char *option)
{
	struct stat st;
	char *path = NULL;
	int error;

	if (option == NULL) {
		if ((error = cvg_db_default_path(&path)) < 0)
			cli_fail(error);
		return path;
	}
	if (stat(option, &st) == 0 && S_ISDIR(st.st_mode)) {
		size_t n = strlen(option) + sizeof("/cvegate.db");
		if ((path = malloc(n)) != NULL)
			snprintf(path, n, "%s/cvegate.db", option);
	} else {
		path = strdup(option);
	}
	if (path == NULL)
		cli_error("out of memory");
	return path;
}

int cli_close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		cli_error("writing standard output: %s", strerror(errno ? errno : EIO));
		return CVG_EXIT_OUTPUT;
	}
	return CVG_EXIT_OK;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_text, stderr);
		return CVG_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cmd_help(argc, argv);
	if (strcmp(argv[1], "--version") == 0) {
		printf("cvegate %s\n", CVG_VERSION);
		return cli_close_stdout();
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	/* LibScanner's shape: options and files without a subcommand */
	return cmd_scan(argc, argv);
}
