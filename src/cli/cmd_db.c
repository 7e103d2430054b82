/*
 * cli/cmd_db.c - `cvegate db import` and `cvegate db info`.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cvegate/db.h"

static const char db_usage[] =
        "usage: cvegate db import [--db DB] FILE...   NVD JSON 1.1 or 2.0 feeds, API 2.0 pages\n"
        "       cvegate db info [--db DB]\n"
        "       cvegate db export [--db DB] [--sign-key KEY.pem] DIR   a snapshot for other "
        "hosts\n";

/* Parse `--db DB` and return the first non-option index, or -1 after a message. */
static int parse_db_option(const char **db, int argc, char **argv)
{
	static const struct option options[] = {
	        {"db", required_argument, NULL, 'd'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	int c;

	*db = NULL;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
		if (c == 'd') {
			*db = optarg;
			continue;
		}
		if (c != 'h')
			cli_error("db %s: unknown option or missing value: '%s'", argv[0],
			        argv[optind - 1]);
		fputs(db_usage, c == 'h' ? stdout : stderr);
		return c == 'h' ? -2 : -1;
	}
	return optind;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static int db_import(int argc, char **argv)
{
	const char *opt_db;
	char *path = NULL;
	cvg_db *db = NULL;
	cvg_import_stats st;
	struct timespec t0;
	int first, error, status = CVG_EXIT_OK;

	if ((first = parse_db_option(&opt_db, argc, argv)) < 0)
		return first == -2 ? cli_close_stdout() : CVG_EXIT_USAGE;
	if (first >= argc) {
		cli_error("db import: expected one or more NVD files");
		return CVG_EXIT_USAGE;
	}
	if ((path = cli_db_path(opt_db)) == NULL)
		return CVG_EXIT_USAGE;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((error = cvg_db_open(&db, path, CVG_DB_WRITE)) < 0 ||
	        (error = cvg_db_import(
	                 db, (const char *const *)argv + first, (size_t)(argc - first), &st)) < 0) {
		status = cli_fail(error);
		if (db)
			cli_error("%s: unchanged", path);
		goto done;
	}
	fprintf(stderr,
	        "cvegate: imported %zu files (%zu checked against .meta) in %.2f s into %s: "
	        "%zu records, %zu new, %zu replaced, %zu older ignored, %zu rejected, "
	        "%zu cpe matches (records %.2f s, index %.2f s, commit %.2f s)\n",
	        st.files, st.verified, seconds_since(&t0), path, st.records, st.inserted,
	        st.replaced, st.older, st.rejected, st.cpe_matches, st.rows_seconds,
	        st.index_seconds, st.commit_seconds);
done:
	cvg_db_close(db);
	free(path);
	return status;
}

static int db_info(int argc, char **argv)
{
	const char *opt_db;
	char *path = NULL;
	cvg_db *db = NULL;
	cvg_db_info info;
	int first, error, status;

	if ((first = parse_db_option(&opt_db, argc, argv)) < 0)
		return first == -2 ? cli_close_stdout() : CVG_EXIT_USAGE;
	if (first != argc) {
		cli_error("db info: unexpected argument '%s'", argv[first]);
		return CVG_EXIT_USAGE;
	}
	if ((path = cli_db_path(opt_db)) == NULL)
		return CVG_EXIT_USAGE;
	if ((error = cvg_db_open(&db, path, CVG_DB_READONLY)) < 0 ||
	        (error = cvg_db_info_get(&info, db)) < 0) {
		status = cli_fail(error);
		goto done;
	}
	printf("database:     %s\nschema:       %d\nCVEs:         %zu\nrejected:     %zu\n"
	       "cpe matches:  %zu\nnewest feed:  %s\nlast import:  %s\n",
	        path, CVG_DB_SCHEMA_VERSION, info.cves, info.rejected, info.cpe_matches,
	        info.newest_feed ? info.newest_feed : "-",
	        info.last_import ? info.last_import : "-");
	cvg_db_info_dispose(&info);
	status = cli_close_stdout();
done:
	cvg_db_close(db);
	free(path);
	return status;
}

int cmd_db(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return db_import(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "info") == 0)
		return db_info(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "export") == 0)
		return cmd_db_export(argc - 1, argv + 1);
	cli_error("db: expected 'import', 'info' or 'export'");
	fputs(db_usage, stderr);
	return CVG_EXIT_USAGE;
}
