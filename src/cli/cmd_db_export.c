/*
 * cli/cmd_db_export.c - `cvegate db export [--db DB] [--sign-key KEY.pem] DIR`:
 * write the database as a snapshot that `cvegate db update --mirror URL`
 * installs on other hosts (include/cvegate/snapshot.h, docs/update.md).
 *
 * Kept out of cmd_db.c so the snapshot options grow here; cmd_db.c only
 * dispatches to it. The manifest's creation time is CVEGATE_NOW or
 * SOURCE_DATE_EPOCH when set (reproducible snapshots), else the clock.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cvegate/snapshot.h"

static const char export_usage[] =
        "usage: cvegate db export [--db DB] [--sign-key KEY.pem] DIR\n"
        "  writes DIR/" CVG_SNAPSHOT_DB ", DIR/" CVG_SNAPSHOT_MANIFEST " and, with an Ed25519\n"
        "  private key, DIR/" CVG_SNAPSHOT_SIGNATURE "\n";

/* CVEGATE_NOW, SOURCE_DATE_EPOCH (seconds since 1970) or the clock. */
static int export_time(long long *out)
{
	static const char *const vars[] = {"CVEGATE_NOW", "SOURCE_DATE_EPOCH"};

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *s = getenv(vars[i]);
		char *end;

		if (s == NULL || *s == '\0')
			continue;
		errno = 0;
		*out = strtoll(s, &end, 10);
		if (errno || *end || end == s || *out < 0) {
			cli_error("%s: expected seconds since 1970, found '%s'", vars[i], s);
			return -1;
		}
		return 0;
	}
	*out = (long long)time(NULL);
	return 0;
}

int cmd_db_export(int argc, char **argv)
{
	static const struct option options[] = {
	        {"db", required_argument, NULL, 'd'},
	        {"sign-key", required_argument, NULL, 'k'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	const char *opt_db = NULL, *key = NULL;
	cvg_snapshot_info info;
	char *path = NULL;
	long long now;
	int c, error, status;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
		if (c == 'd') {
			opt_db = optarg;
			continue;
		}
		if (c == 'k') {
			key = optarg;
			continue;
		}
		if (c != 'h')
			cli_error("db export: unknown option or missing value: '%s'",
			        argv[optind - 1]);
		fputs(export_usage, c == 'h' ? stdout : stderr);
		return c == 'h' ? cli_close_stdout() : CVG_EXIT_USAGE;
	}
	if (optind + 1 != argc) {
		cli_error(optind >= argc ? "db export: expected a directory"
		                         : "db export: expected one directory");
		fputs(export_usage, stderr);
		return CVG_EXIT_USAGE;
	}
	if (export_time(&now) < 0)
		return CVG_EXIT_USAGE;
	if ((path = cli_db_path(opt_db)) == NULL)
		return CVG_EXIT_USAGE;
	if ((error = cvg_db_export(&info, path, argv[optind], key, now)) < 0) {
		status = cli_fail(error);
		goto done;
	}
	fprintf(stderr, "cvegate: exported %zu CVEs from %s to %s/%s (%llu bytes, sha256 %s), %s\n",
	        info.cves, path, argv[optind], CVG_SNAPSHOT_DB, info.size, info.sha256,
	        info.is_signed ? "signed" : "unsigned");
	status = CVG_EXIT_OK;
done:
	free(path);
	return status;
}
