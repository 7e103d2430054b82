/*
 * cli/cli.h - what the subcommands share: exit statuses, messages, the
 * database path rules. The CLI calls only the public library API.
 */
#ifndef CVG_CLI_H
#define CVG_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "cvegate/scan.h"

/* Exit statuses (docs/exit-status.md); new ones are added, never renumbered. */
enum {
	CVG_EXIT_OK = 0,       /* no failing finding */
	CVG_EXIT_FINDINGS = 1, /* failing findings */
	CVG_EXIT_USAGE = 2,    /* bad command line */
	CVG_EXIT_INPUT = 3,    /* bad input: inventory, ignore list, map, feed */
	CVG_EXIT_DB = 4,       /* database error */
	CVG_EXIT_OUTPUT = 5,   /* the report could not be written */
	CVG_EXIT_INTERNAL = 6, /* out of memory or another internal failure */
	CVG_EXIT_STALE = 7,    /* scan --fail-on-stale-db: the database is too old */
};

/* Print "cvegate: MESSAGE" for the library's last error; return its exit status. */
int cli_fail(int error);

/* Print "cvegate: " and a formatted message on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Warning callback for the library: "cvegate: warning: MESSAGE". */
void cli_warn(const char *message, void *payload);

/*
 * The database path: the option if given (a directory means the file
 * cvegate.db inside it, as LibScanner's database folder), else the default.
 * Returns a new string or NULL after printing why.
 */
char *cli_db_path(const char *option);

/* Close stdout and report a failed write (full disk) as an error. */
int cli_close_stdout(void);

/*
 * Write s (NULL writes nothing) with C0 control characters and DEL as
 * \xNN, so text from an inventory or a feed cannot drive the terminal;
 * newlines are kept when `newlines` is true.
 */
void cli_put_safe(FILE *fp, const char *s, bool newlines);

/*
 * Print how the components holding package (or component) `name` were
 * identified and matched (cvg_scan_options.explain). CVG_EXIT_OK, or
 * CVG_EXIT_USAGE with a message when no component holds it.
 */
int cli_explain(FILE *fp, const cvg_scan_result *res, const char *name);

int cmd_scan(int argc, char **argv);
int cmd_db(int argc, char **argv);
int cmd_db_export(int argc, char **argv); /* cli/cmd_db_export.c: `db export` */
int cmd_show(int argc, char **argv);
int cmd_inventory(int argc, char **argv);

#endif
