/*
 * cli/cmd_db.c - `cvegate db import`, `db info`, `db update` and `db status`
 * (each source's dates and age).
 *
 * db update prints progress on stderr: on a terminal one line rewritten in
 * place per step (download, import), otherwise one line per step, nothing
 * with --quiet. The API key is read from NVD_API_KEY or --api-key-file and
 * passed to the library only; it is never printed.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cvegate/db.h"
#include "cvegate/update.h"

static const char db_usage[] =
        "usage: cvegate db import [--db DB] PATH...   NVD JSON 1.1 or 2.0 feeds, API 2.0 pages,\n"
        "                         CVE List v5 records, cvelistV5 trees and zip archives\n"
        "       cvegate db info [--db DB]\n"
        "       cvegate db update [--db DB] [--source nvd|nvd-api|cvelist|all] [--mirror URL|DIR]\n"
        "                         [--cacert FILE] [--api-key-file FILE] [--years FROM-TO] "
        "[--quiet]\n"
        "       cvegate db status [--db DB]\n"
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
	cvg_update_lock *lock = NULL;
	cvg_import_stats st;
	struct timespec t0;
	int first, error, status = CVG_EXIT_OK;

	if ((first = parse_db_option(&opt_db, argc, argv)) < 0)
		return first == -2 ? cli_close_stdout() : CVG_EXIT_USAGE;
	if (first >= argc) {
		cli_error("db import: expected one or more NVD files or CVE List paths");
		return CVG_EXIT_USAGE;
	}
	if ((path = cli_db_path(opt_db)) == NULL)
		return CVG_EXIT_USAGE;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* the update lock (after the open, which creates the directory): a full
	 * update replaces the file an import would write into */
	if ((error = cvg_db_open(&db, path, CVG_DB_WRITE)) < 0 ||
	        (error = cvg_update_lock_take(&lock, path, cli_warn, NULL)) < 0 ||
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
	if (st.cve5_records)
		fprintf(stderr,
		        "cvegate: CVE List: %zu records, %zu new, %zu replaced, %zu older ignored, "
		        "%zu rejected\n",
		        st.cve5_records, st.cve5_inserted, st.cve5_replaced, st.cve5_older,
		        st.cve5_rejected);
done:
	cvg_db_close(db);
	cvg_update_lock_release(lock);
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
	       "cpe matches:  %zu\nCVE List:     %zu records, %zu rejected\n"
	       "newest feed:  %s\nlast import:  %s\n",
	        path, CVG_DB_SCHEMA_VERSION, info.cves, info.rejected, info.cpe_matches,
	        info.cve5_records, info.cve5_rejected, info.newest_feed ? info.newest_feed : "-",
	        info.last_import ? info.last_import : "-");
	cvg_db_info_dispose(&info);
	status = cli_close_stdout();
done:
	cvg_db_close(db);
	free(path);
	return status;
}

/* ---- db update ---- */

/* An API key longer than this is refused (NVD keys are 36-character UUIDs). */
#define API_KEY_MAX 256

typedef struct progress_state {
	bool tty;
	bool open_line; /* a line is being rewritten in place */
} progress_state;

static void on_progress(const char *message, void *payload)
{
	progress_state *p = payload;

	if (p->tty) {
		fputs("\r\033[K", stderr);
		fputs("cvegate: ", stderr);
		cli_put_safe(stderr, message, false);
		p->open_line = true;
	} else {
		fputs("cvegate: ", stderr);
		cli_put_safe(stderr, message, false);
		fputc('\n', stderr);
	}
	fflush(stderr);
}

static void end_progress(progress_state *p)
{
	if (p->open_line)
		fputc('\n', stderr);
	p->open_line = false;
}

/* The first line of a key file that only its owner can read, into key[API_KEY_MAX + 1]. */
static int read_api_key(char *key, const char *path)
{
	struct stat st;
	FILE *fp = NULL;
	size_t n;
	int status = CVG_EXIT_USAGE;

	if ((fp = fopen(path, "r")) == NULL) {
		cli_error("--api-key-file %s: %s", path, strerror(errno));
		return CVG_EXIT_USAGE;
	}
	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
		cli_error("--api-key-file %s: not a regular file", path);
		goto done;
	}
	if ((st.st_mode & 077) != 0) {
		cli_error("--api-key-file %s: readable by group or others (mode %03o); "
		          "chmod 600 it",
		        path, (unsigned)(st.st_mode & 0777));
		goto done;
	}
	n = fread(key, 1, API_KEY_MAX + 1, fp);
	key[n < API_KEY_MAX ? n : API_KEY_MAX] = '\0';
	key[strcspn(key, "\r\n")] = '\0';
	if (n > API_KEY_MAX && strlen(key) == API_KEY_MAX) {
		cli_error("--api-key-file %s: longer than %d bytes", path, API_KEY_MAX);
		goto done;
	}
	status = CVG_EXIT_OK;
done:
	fclose(fp);
	return status;
}

/* "FROM-TO" or "YEAR". */
static bool parse_years(int *from, int *to, const char *s)
{
	int v[2] = {0, 0}, k = 0;

	for (const char *p = s;; p++) {
		if (*p >= '0' && *p <= '9') {
			if (v[k] > 99999)
				return false;
			v[k] = v[k] * 10 + (*p - '0');
		} else if (*p == '-' && k == 0 && p != s) {
			k = 1;
		} else if (*p == '\0' && p != s && p[-1] != '-') {
			break;
		} else {
			return false;
		}
	}
	*from = v[0];
	*to = k ? v[1] : v[0];
	return true;
}

static const char *mode_name(cvg_update_mode m)
{
	switch (m) {
	case CVG_UPDATE_NOTHING:
		return "nothing changed";
	case CVG_UPDATE_INCREMENTAL:
		return "incremental";
	case CVG_UPDATE_FULL:
		return "full";
	case CVG_UPDATE_SNAPSHOT:
		return "snapshot";
	}
	return "?";
}

static int db_update(int argc, char **argv)
{
	enum {
		OPT_DB = 256,
		OPT_SOURCE,
		OPT_MIRROR,
		OPT_CACERT,
		OPT_KEYFILE,
		OPT_YEARS,
		OPT_QUIET
	};
	static const struct option options[] = {
	        {"db", required_argument, NULL, OPT_DB},
	        {"source", required_argument, NULL, OPT_SOURCE},
	        {"mirror", required_argument, NULL, OPT_MIRROR},
	        {"cacert", required_argument, NULL, OPT_CACERT},
	        {"api-key-file", required_argument, NULL, OPT_KEYFILE},
	        {"years", required_argument, NULL, OPT_YEARS},
	        {"quiet", no_argument, NULL, OPT_QUIET},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	static char key[API_KEY_MAX + 2];
	const char *opt_db = NULL, *key_file = NULL, *env_key;
	cvg_update_options o;
	cvg_update_stats st;
	progress_state ps;
	char *path = NULL;
	int c, error, status = CVG_EXIT_OK;

	memset(&o, 0, sizeof(o));
	memset(&ps, 0, sizeof(ps));
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+hq", options, NULL)) != -1) {
		switch (c) {
		case OPT_DB:
			opt_db = optarg;
			break;
		case OPT_SOURCE:
			o.source = optarg;
			break;
		case OPT_MIRROR:
			o.mirror = optarg;
			break;
		case OPT_CACERT:
			o.cacert = optarg;
			break;
		case OPT_KEYFILE:
			key_file = optarg;
			break;
		case OPT_YEARS:
			if (!parse_years(&o.year_from, &o.year_to, optarg)) {
				cli_error("db update: --years %s: expected FROM-TO (2002-2024) or "
				          "YEAR",
				        optarg);
				return CVG_EXIT_USAGE;
			}
			break;
		case 'q':
		case OPT_QUIET:
			o.quiet = true;
			break;
		case 'h':
			fputs(db_usage, stdout);
			return cli_close_stdout();
		default:
			cli_error("db update: unknown option or missing value: '%s'",
			        argv[optind - 1]);
			fputs(db_usage, stderr);
			return CVG_EXIT_USAGE;
		}
	}
	if (optind != argc) {
		cli_error("db update: unexpected argument '%s'", argv[optind]);
		return CVG_EXIT_USAGE;
	}
	if (key_file) {
		if ((status = read_api_key(key, key_file)) != CVG_EXIT_OK)
			return status;
		o.api_key = key;
	} else if ((env_key = getenv("NVD_API_KEY")) != NULL && env_key[0]) {
		if (strlen(env_key) > API_KEY_MAX) {
			cli_error("NVD_API_KEY: longer than %d bytes", API_KEY_MAX);
			return CVG_EXIT_USAGE;
		}
		o.api_key = env_key;
	}
	if ((error = cvg_update_now(&o.now)) < 0)
		return cli_fail(error);
	if ((path = cli_db_path(opt_db)) == NULL)
		return CVG_EXIT_USAGE;
	o.db_path = path;
	ps.tty = isatty(fileno(stderr)) == 1;
	o.live_progress = ps.tty;
	o.progress = on_progress;
	o.payload = &ps;
	error = cvg_update(&st, &o);
	end_progress(&ps);
	memset(key, 0, sizeof(key));
	if (error < 0) {
		status = cli_fail(error);
		cli_error("%s: unchanged", path);
		goto done;
	}
	if (!o.quiet)
		fprintf(stderr,
		        "cvegate: updated %s (%s): %zu checked, %zu downloaded (%zu bytes), "
		        "%zu records in %.2f s\n",
		        path, mode_name(st.mode), st.files_checked, st.files_fetched,
		        st.bytes_fetched, st.records, st.seconds);
done:
	free(path);
	return status;
}

/* ---- db status ---- */

static void print_time(const char *label, long long t, long long now)
{
	char buf[32];
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	printf("%-15s%s (%.1f days ago)\n", label, buf, (double)(now - t) / 86400.0);
}

static int db_status(int argc, char **argv)
{
	const char *opt_db;
	char *path = NULL;
	cvg_db *db = NULL;
	cvg_update_status us;
	long long now;
	int first, error, status;

	if ((first = parse_db_option(&opt_db, argc, argv)) < 0)
		return first == -2 ? cli_close_stdout() : CVG_EXIT_USAGE;
	if (first != argc) {
		cli_error("db status: unexpected argument '%s'", argv[first]);
		return CVG_EXIT_USAGE;
	}
	if ((error = cvg_update_now(&now)) < 0)
		return cli_fail(error);
	if ((path = cli_db_path(opt_db)) == NULL)
		return CVG_EXIT_USAGE;
	if ((error = cvg_db_open(&db, path, CVG_DB_READONLY)) < 0 ||
	        (error = cvg_update_status_get(&us, db)) < 0) {
		status = cli_fail(error);
		goto done;
	}
	printf("%-15s%s\n%-15s%zu\n", "database:", path, "CVEs:", us.cves);
	if (us.updated < 0)
		printf("%-15s%s\n", "last update:", "unknown");
	else
		print_time(us.imported_only ? "last import:" : "last update:", us.updated, now);
	for (size_t i = 0; i < us.nsources; i++) {
		printf("source %s:\n", us.sources[i].name);
		printf("  %-15s%s\n", "last update:",
		        us.sources[i].last_update ? us.sources[i].last_update : "-");
		printf("  %-15s%s\n", "last modified:",
		        us.sources[i].last_modified ? us.sources[i].last_modified : "-");
		if (us.sources[i].updated >= 0)
			printf("  %-15s%.1f days\n",
			        "age:", (double)(now - us.sources[i].updated) / 86400.0);
	}
	if (us.updated >= 0)
		printf("%-15s%.1f days%s\n", "age:", (double)(now - us.updated) / 86400.0,
		        us.imported_only ? " (imported, never updated)" : "");
	cvg_update_status_dispose(&us);
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
	if (argc >= 2 && strcmp(argv[1], "update") == 0)
		return db_update(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "status") == 0)
		return db_status(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "export") == 0)
		return cmd_db_export(argc - 1, argv + 1);
	cli_error("db: expected 'import', 'info', 'update', 'status' or 'export'");
	fputs(db_usage, stderr);
	return CVG_EXIT_USAGE;
}
