/*
 * cli/cmd_scan.c - `cvegate scan`: inventory + database -> reports + exit status.
 *
 * Accepts LibScanner's options and shape (-f/--format, -a/--fail,
 * -i/--ignore_file, `LIST DBDIR`, -o FILE); docs/libscanner.md lists where
 * cvegate differs on purpose. `--output FORMAT[=FILE]` (repeatable) picks
 * reports from the library's format table; -o FILE is junit=FILE. Every
 * report written to a file goes to a temporary file beside the target and
 * is renamed into place only when complete; at most one goes to stdout.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cvegate/baseline.h"
#include "cvegate/db.h"
#include "cvegate/ignore.h"
#include "cvegate/inventory.h"
#include "cvegate/pkgmap.h"
#include "cvegate/report.h"
#include "cvegate/scan.h"
#include "cvegate/update.h"

static const char scan_usage_head[] = "usage: cvegate scan [options] LIST [DB]\n"
                                      "       cvegate scan --db DB [options] LIST...\n";

static const char scan_usage[] =
        "  -i, --ignore FILE     ignore list, lines 'CVE-ID , reason' (also --ignore_file)\n"
        "  -a, --min-score SCORE fail only findings scored at least SCORE (0-10; also --fail)\n"
        "      --fail-on SEV     fail only findings of severity SEV or above: low, medium,\n"
        "                        high, critical (on the CVSS v3 scale, for every version)\n"
        "      --cvss 4|3|2      the CVSS version the gate scores by (default: the newest)\n"
        "      --unscored pass|fail  whether findings without a score fail (default fail)\n"
        "      --fail-on-unassessed  findings whose versions the CVE List data cannot\n"
        "                        compare (git ranges, no versions) fail too\n"
        "      --require-reason  an ignore entry without a reason is an error\n"
        "      --vex FILE        judgements from an OpenVEX or CycloneDX VEX document or\n"
        "                        Yocto's cve-check JSON (repeatable; docs/triage.md)\n"
        "      --db DB           database file, or a directory holding cvegate.db\n"
        "  -o FILE               write the JUnit report to FILE (same as --output junit=FILE)\n"
        "      --output FORMAT[=FILE]\n"
        "                        write a report in FORMAT to FILE (atomically) or stdout;\n"
        "                        repeatable, at most one to stdout; default junit on stdout\n"
        "      --map FILE        extra package -> vendor:product lines, before the built-in table\n"
        "      --strict          conditional findings fail too\n"
        "      --lenient         skip unparsable inventory lines with a warning\n"
        "      --explain NAME    print how package NAME was identified and matched, criterion\n"
        "                        by criterion, instead of the report (unless -o is given)\n"
        "      --exit-zero       exit 0 even with failing findings (LibScanner's behaviour)\n"
        "      --baseline FILE   mark findings new or known against an earlier --output json\n"
        "                        report, and list the resolved ones\n"
        "      --fail-on-new     with --baseline: only new findings fail\n"
        "      --max-db-age DAYS warn when the database's last update is older (default 7)\n"
        "      --fail-on-stale-db  fail (exit 7) instead of warning\n"
        "A directory given as the last argument is the database directory (LibScanner).\n"
        "With --db, every argument is an inventory: several are scanned against one\n"
        "database load and each is a suite (section) of every report.\n"
        "Exit status: 0 nothing fails, 1 failing findings, 2 usage, 3 bad input,\n"
        "4 database error, 5 report not written, 6 internal error, 7 stale database.\n";

/* "junit, text, json, ..." from the report module's table, into out[size]. */
static void report_format_names(char *out, size_t size)
{
	size_t n, used = 0;
	const cvg_report_format *r = cvg_report_formats(&n);

	out[0] = '\0';
	for (size_t i = 0; i < n && used < size; i++) {
		int k = snprintf(out + used, size - used, "%s%s", i ? ", " : "", r[i].name);
		if (k < 0)
			break;
		used += (size_t)k;
	}
}

/* The usage text; the format lists come from the inventory and report modules' tables. */
static void print_usage(FILE *fp)
{
	const char *const *f = cvg_inventory_formats();
	size_t n;
	const cvg_report_format *r = cvg_report_formats(&n);

	fputs(scan_usage_head, fp);
	fputs("  -f, --format F        inventory format: auto (default)", fp);
	for (f++; *f; f++) /* the first name is "auto" */
		fprintf(fp, ", %s", *f);
	fputc('\n', fp);
	fputs(scan_usage, fp);
	fputs("Report formats (--output):\n", fp);
	for (size_t i = 0; i < n; i++)
		fprintf(fp, "  %-10s %s\n", r[i].name, r[i].summary);
}

/* The most --output options one scan takes. */
#define OUTPUTS_MAX 32
/* The most inventories one scan takes. */
#define LISTS_MAX 256

/* One report to write: a format and a file, or stdout (path NULL). */
typedef struct output {
	const cvg_report_format *format;
	const char *path;
} output;

typedef struct scan_args {
	const char *format;
	const char *ignore;
	const char *db;
	output outputs[OUTPUTS_MAX];
	size_t noutputs;
	const char *map;
	char **lists; /* the inventories, argv's */
	size_t nlists;
	const char *explain;
	const char *vex[16];
	size_t nvex;
	double min_score;
	int cvss;
	cvg_severity fail_on;
	double max_db_age; /* days */
	const char *baseline;
	bool strict, lenient, exit_zero, unscored_pass, require_reason, fail_on_stale, fail_on_new,
	        fail_on_unassessed;
} scan_args;

/* --fail-on's word. */
static int parse_severity(cvg_severity *out, const char *s)
{
	for (int v = CVG_SEV_LOW; v <= CVG_SEV_CRITICAL; v++) {
		if (strcmp(s, cvg_severity_name((cvg_severity)v)) == 0) {
			*out = (cvg_severity)v;
			return 0;
		}
	}
	cli_error("--fail-on: expected low, medium, high or critical, found '%s'", s);
	return -1;
}

static int parse_score(double *out, const char *s)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	if (errno || end == s || *end || !(*out >= 0.0 && *out <= 10.0)) {
		cli_error("-a/--fail: expected a CVSS score from 0 to 10, found '%s'", s);
		return -1;
	}
	return 0;
}

/* Add a report: `spec` is FORMAT[=FILE] (--output), or FILE with `format` given (-o). */
static int add_output(scan_args *a, const char *spec, const char *format)
{
	const cvg_report_format *f;
	const char *path = NULL, *eq;
	char name[32];
	size_t len;

	if (a->noutputs == OUTPUTS_MAX) {
		cli_error("--output: at most %d reports", OUTPUTS_MAX);
		return -1;
	}
	if (format) {
		f = cvg_report_find(format);
		path = spec;
	} else {
		eq = strchr(spec, '=');
		len = eq ? (size_t)(eq - spec) : strlen(spec);
		f = NULL;
		if (len < sizeof(name)) {
			memcpy(name, spec, len);
			name[len] = '\0';
			f = cvg_report_find(name);
		}
		if (f == NULL) {
			char names[256];
			report_format_names(names, sizeof(names));
			cli_error("--output: unknown report format '%.*s' (formats: %s; the JUnit "
			          "report goes to a file with -o FILE or --output junit=FILE)",
			        (int)len, spec, names);
			return -1;
		}
		if (eq) {
			path = eq + 1;
			if (*path == '\0') {
				cli_error("--output %s: expected a file name after '='", spec);
				return -1;
			}
		}
	}
	if (path && strcmp(path, "-") == 0)
		path = NULL;
	for (size_t i = 0; i < a->noutputs; i++) {
		const output *o = &a->outputs[i];
		if (path == NULL && o->path == NULL) {
			cli_error(
			        "--output: %s and %s both write to stdout; give one of them a file "
			        "(FORMAT=FILE)",
			        o->format->name, f->name);
			return -1;
		}
		if (path && o->path && strcmp(path, o->path) == 0) {
			cli_error("--output: %s is named twice", path);
			return -1;
		}
	}
	a->outputs[a->noutputs].format = f;
	a->outputs[a->noutputs].path = path;
	a->noutputs++;
	return 0;
}

static int parse_args(scan_args *a, int argc, char **argv)
{
	enum {
		OPT_DB = 256,
		OPT_MAP,
		OPT_STRICT,
		OPT_LENIENT,
		OPT_EXIT_ZERO,
		OPT_EXPLAIN,
		OPT_FAIL_ON,
		OPT_CVSS,
		OPT_UNSCORED,
		OPT_REQUIRE_REASON,
		OPT_VEX,
		OPT_OUTPUT,
		OPT_MAX_AGE,
		OPT_FAIL_STALE,
		OPT_BASELINE,
		OPT_FAIL_ON_NEW,
		OPT_FAIL_ON_UNASSESSED,
	};
	static const struct option options[] = {
	        {"format", required_argument, NULL, 'f'},
	        {"ignore", required_argument, NULL, 'i'},
	        {"ignore_file", required_argument, NULL, 'i'},
	        {"ignore-file", required_argument, NULL, 'i'},
	        {"fail", required_argument, NULL, 'a'},
	        {"min-score", required_argument, NULL, 'a'},
	        {"fail-on", required_argument, NULL, OPT_FAIL_ON},
	        {"cvss", required_argument, NULL, OPT_CVSS},
	        {"unscored", required_argument, NULL, OPT_UNSCORED},
	        {"require-reason", no_argument, NULL, OPT_REQUIRE_REASON},
	        {"vex", required_argument, NULL, OPT_VEX},
	        {"output", required_argument, NULL, OPT_OUTPUT},
	        {"db", required_argument, NULL, OPT_DB},
	        {"map", required_argument, NULL, OPT_MAP},
	        {"strict", no_argument, NULL, OPT_STRICT},
	        {"lenient", no_argument, NULL, OPT_LENIENT},
	        {"exit-zero", no_argument, NULL, OPT_EXIT_ZERO},
	        {"explain", required_argument, NULL, OPT_EXPLAIN},
	        {"max-db-age", required_argument, NULL, OPT_MAX_AGE},
	        {"fail-on-stale-db", no_argument, NULL, OPT_FAIL_STALE},
	        {"baseline", required_argument, NULL, OPT_BASELINE},
	        {"fail-on-new", no_argument, NULL, OPT_FAIL_ON_NEW},
	        {"fail-on-unassessed", no_argument, NULL, OPT_FAIL_ON_UNASSESSED},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	int c;

	memset(a, 0, sizeof(*a));
	a->min_score = -1;
	a->max_db_age = 7;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:i:a:o:h", options, NULL)) != -1) {
		switch (c) {
		case 'f':
			a->format = optarg;
			break;
		case 'i':
			a->ignore = optarg;
			break;
		case 'a':
			if (parse_score(&a->min_score, optarg) < 0)
				return -1;
			break;
		case 'o':
			if (add_output(a, optarg, "junit") < 0)
				return -1;
			break;
		case OPT_OUTPUT:
			if (add_output(a, optarg, NULL) < 0)
				return -1;
			break;
		case OPT_DB:
			a->db = optarg;
			break;
		case OPT_MAP:
			a->map = optarg;
			break;
		case OPT_STRICT:
			a->strict = true;
			break;
		case OPT_LENIENT:
			a->lenient = true;
			break;
		case OPT_EXIT_ZERO:
			a->exit_zero = true;
			break;
		case OPT_EXPLAIN:
			a->explain = optarg;
			break;
		case OPT_FAIL_ON:
			if (parse_severity(&a->fail_on, optarg) < 0)
				return -1;
			break;
		case OPT_CVSS:
			if (strcmp(optarg, "4") != 0 && strcmp(optarg, "3") != 0 &&
			        strcmp(optarg, "2") != 0) {
				cli_error("--cvss: expected 4, 3 or 2, found '%s'", optarg);
				return -1;
			}
			a->cvss = optarg[0] - '0';
			break;
		case OPT_UNSCORED:
			if (strcmp(optarg, "pass") != 0 && strcmp(optarg, "fail") != 0) {
				cli_error("--unscored: expected pass or fail, found '%s'", optarg);
				return -1;
			}
			a->unscored_pass = strcmp(optarg, "pass") == 0;
			break;
		case OPT_REQUIRE_REASON:
			a->require_reason = true;
			break;
		case OPT_VEX:
			if (a->nvex == sizeof(a->vex) / sizeof(a->vex[0])) {
				cli_error("--vex: at most %zu documents", a->nvex);
				return -1;
			}
			a->vex[a->nvex++] = optarg;
			break;
		case OPT_MAX_AGE: {
			char *end;
			errno = 0;
			a->max_db_age = strtod(optarg, &end);
			if (errno || end == optarg || *end ||
			        !(a->max_db_age >= 0 && a->max_db_age <= 36500)) {
				cli_error("--max-db-age: expected a number of days, found '%s'",
				        optarg);
				return -1;
			}
			break;
		}
		case OPT_BASELINE:
			a->baseline = optarg;
			break;
		case OPT_FAIL_ON_UNASSESSED:
			a->fail_on_unassessed = true;
			break;
		case OPT_FAIL_ON_NEW:
			a->fail_on_new = true;
			break;
		case OPT_FAIL_STALE:
			a->fail_on_stale = true;
			break;
		case 'h':
			print_usage(stdout);
			return 1;
		default:
			cli_error("scan: unknown option or missing value: '%s'", argv[optind - 1]);
			print_usage(stderr);
			return -1;
		}
	}
	if (optind >= argc || (a->db == NULL && argc - optind > 2)) {
		cli_error("scan: expected LIST [DB] or --db DB LIST..., found %d arguments",
		        argc - optind);
		print_usage(stderr);
		return -1;
	}
	if (argc - optind > LISTS_MAX) {
		cli_error("scan: at most %d inventories in one run", LISTS_MAX);
		return -1;
	}
	if (a->explain) {
		for (size_t i = 0; i < a->noutputs; i++) {
			if (a->outputs[i].path == NULL) {
				cli_error("--explain writes to stdout: give the %s report a file",
				        a->outputs[i].format->name);
				return -1;
			}
		}
	} else if (a->noutputs == 0) {
		a->outputs[0].format = cvg_report_find("junit");
		a->outputs[0].path = NULL;
		a->noutputs = 1;
	}
	a->lists = argv + optind;
	a->nlists = (size_t)(argc - optind);
	if (a->db == NULL && a->nlists == 2) {
		/* LibScanner's form: LIST DB */
		a->db = argv[optind + 1];
		a->nlists = 1;
	}
	for (size_t i = 0; i < a->nlists; i++) {
		for (size_t k = 0; k < i; k++) {
			if (strcmp(a->lists[i], a->lists[k]) == 0) {
				cli_error("scan: inventory %s is named twice", a->lists[i]);
				return -1;
			}
		}
	}
	return 0;
}

/* SOURCE_DATE_EPOCH (reproducible-builds.org) or the current time. */
static int report_time(long long *out)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;

	if (s == NULL || *s == '\0') {
		*out = (long long)time(NULL);
		return 0;
	}
	errno = 0;
	*out = strtoll(s, &end, 10);
	if (errno || *end || end == s || *out < 0) {
		cli_error("SOURCE_DATE_EPOCH: expected seconds since 1970, found '%s'", s);
		return -1;
	}
	return 0;
}

/*
 * Write one report to stdout, or to `path` through a temporary file beside
 * it that is renamed into place when complete (nothing is left behind on
 * failure). Colours in the text format only on a terminal without NO_COLOR
 * (no-color.org: set and not empty disables them).
 */
static int write_report(const cvg_report_format *format, const char *path,
        const cvg_report_suite *suites, size_t nsuites, const cvg_report_info *shared)
{
	cvg_report_info info_copy = *shared;
	const cvg_report_info *info = &info_copy;
	const char *no_color = getenv("NO_COLOR");
	char *tmp = NULL;
	FILE *fp = NULL;
	size_t size;
	mode_t mask;
	int fd, error, status = CVG_EXIT_OUTPUT;

	info_copy.color = false;
	if (path == NULL || strcmp(path, "-") == 0) {
		info_copy.color = isatty(STDOUT_FILENO) && (no_color == NULL || *no_color == '\0');
		if ((error = format->write(stdout, suites, nsuites, info)) < 0)
			return cli_fail(error) == CVG_EXIT_INTERNAL ? CVG_EXIT_INTERNAL
			                                            : CVG_EXIT_OUTPUT;
		return cli_close_stdout();
	}
	size = strlen(path) + sizeof(".tmp.XXXXXX");
	if ((tmp = malloc(size)) == NULL) {
		cli_error("out of memory");
		return CVG_EXIT_INTERNAL;
	}
	snprintf(tmp, size, "%s.tmp.XXXXXX", path);
	mask = umask(0);
	umask(mask);
	/* mkstemp creates 0600; a report is an artefact others read: honour umask */
	if ((fd = mkstemp(tmp)) < 0 || fchmod(fd, 0666 & ~mask) != 0 ||
	        (fp = fdopen(fd, "w")) == NULL) {
		cli_error("%s: cannot create the report: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto done;
	}
	if ((error = format->write(fp, suites, nsuites, info)) < 0) {
		cli_error("%s: %s", path, cvg_error_last());
		goto done;
	}
	if (fflush(fp) != 0 || fsync(fileno(fp)) != 0) {
		cli_error("%s: %s", path, strerror(errno));
		goto done;
	}
	error = fclose(fp);
	fp = NULL;
	if (error != 0 || rename(tmp, path) != 0) {
		cli_error("%s: %s", path, strerror(errno));
		goto done;
	}
	status = CVG_EXIT_OK;
done:
	if (fp)
		fclose(fp);
	if (status != CVG_EXIT_OK && tmp)
		unlink(tmp);
	free(tmp);
	return status;
}

/* "cvegate: " and, with several inventories, "LIST: " */
static void summary_prefix(const char *list)
{
	fputs("cvegate: ", stderr);
	if (list) {
		cli_put_safe(stderr, list, false);
		fputs(": ", stderr);
	}
}

/* One inventory's summary lines; `list` names it when there are several. */
static void print_summary(const cvg_scan_result *res, size_t npackages, const char *list)
{
	size_t skipped = 0;

	for (size_t i = 0; i < res->ncomponents; i++)
		skipped += res->components[i].nskipped;
	summary_prefix(list);
	fprintf(stderr,
	        "%zu packages in %zu components; %zu findings: %zu failing, %zu ignored, "
	        "%zu conditional, %zu below threshold; %zu criteria not evaluated",
	        npackages, res->ncomponents, res->nfindings, res->nfailing, res->nignored,
	        res->nconditional, res->nbelow, skipped);
	if (res->nunassessed > 0)
		fprintf(stderr, "; %zu unassessed (versions not comparable)", res->nunassessed);
	fputc('\n', stderr);
	if (res->nnew + res->nknown + res->nresolved > 0) {
		summary_prefix(list);
		fprintf(stderr,
		        "against the baseline: %zu new, %zu known, %zu resolved (no longer "
		        "found)\n",
		        res->nnew, res->nknown, res->nresolved);
	}
	for (size_t i = 0; i < res->nresolved && i < 20; i++) {
		summary_prefix(list);
		fputs("resolved: ", stderr);
		cli_put_safe(stderr, res->resolved[i], false);
		fputc('\n', stderr);
	}
	if (res->nunmapped > 0) {
		size_t shown = 0;
		summary_prefix(list);
		fprintf(stderr,
		        "%zu of %zu components are unmapped (no NVD or CVE List record names "
		        "them; the report lists them, docs/mapping.md says how to map them):",
		        res->nunmapped, res->ncomponents);
		for (size_t i = 0; i < res->ncomponents && shown < 20; i++) {
			if (!cvg_component_unmapped(&res->components[i]))
				continue;
			fprintf(stderr, "%s ", shown++ ? "," : "");
			cli_put_safe(stderr, res->components[i].name, false);
		}
		if (res->nunmapped > shown)
			fprintf(stderr, " and %zu more", res->nunmapped - shown);
		fputc('\n', stderr);
	}
}

/* The ignore list's expired and unused entries, over every inventory scanned. */
static void print_ignore_summary(const cvg_ignore *ign)
{
	for (size_t i = 0; ign && i < ign->nentries; i++)
		if (ign->entries[i].expired > 0)
			fprintf(stderr,
			        "cvegate: %s:%zu: %s: ignore entry expired on %s; %zu finding%s "
			        "again\n",
			        ign->entries[i].file, ign->entries[i].line, ign->entries[i].cve,
			        ign->entries[i].expires, ign->entries[i].expired,
			        ign->entries[i].expired == 1 ? " fails" : "s fail");
	for (size_t i = 0; ign && i < ign->nentries; i++)
		if (ign->entries[i].used == 0 && ign->entries[i].expired == 0)
			fprintf(stderr,
			        "cvegate: %s:%zu: %s: ignore entry matched no finding (unused)\n",
			        ign->entries[i].file, ign->entries[i].line, ign->entries[i].cve);
}

/* --explain over every inventory: the components holding the name, under a
 * heading per inventory when there are several; an error when none has it. */
static int explain_all(const scan_args *a, cvg_report_suite *suites)
{
	size_t found = 0, printed = 0;
	int status;

	for (size_t s = 0; s < a->nlists; s++)
		for (size_t i = 0; i < suites[s].res->ncomponents; i++)
			found += suites[s].res->components[i].explained;
	if (found == 0 || a->nlists == 1)
		return cli_explain(stdout, suites[0].res, a->explain);
	for (size_t s = 0; s < a->nlists; s++) {
		size_t n = 0;
		for (size_t i = 0; i < suites[s].res->ncomponents; i++)
			n += suites[s].res->components[i].explained;
		if (n == 0)
			continue;
		fputs(printed++ ? "\n== " : "== ", stdout);
		cli_put_safe(stdout, a->lists[s], false);
		fputs(" ==\n", stdout);
		if ((status = cli_explain(stdout, suites[s].res, a->explain)) != CVG_EXIT_OK)
			return status;
	}
	return CVG_EXIT_OK;
}

/*
 * The database's age against --max-db-age: a warning, or with
 * --fail-on-stale-db CVG_EXIT_STALE. The age is that of the last successful
 * `db update` (of the last `db import` for a database never updated).
 */
static int check_age(const scan_args *a, cvg_db *db)
{
	cvg_update_status us;
	long long now;
	double age;
	int error;

	if ((error = cvg_update_now(&now)) < 0 || (error = cvg_update_status_get(&us, db)) < 0)
		return cli_fail(error);
	age = us.updated < 0 ? -1 : (double)(now - us.updated) / 86400.0;
	cvg_update_status_dispose(&us);
	if (us.updated >= 0 && age <= a->max_db_age)
		return CVG_EXIT_OK;
	if (us.updated < 0)
		cli_error("%sthe database's age is unknown (no update or import time); "
		          "run 'cvegate db update'",
		        a->fail_on_stale ? "" : "warning: ");
	else
		cli_error("%sthe database was last %s %.1f days ago, more than --max-db-age %g; "
		          "run 'cvegate db update'",
		        a->fail_on_stale ? "" : "warning: ",
		        us.imported_only ? "imported" : "updated", age, a->max_db_age);
	return a->fail_on_stale ? CVG_EXIT_STALE : CVG_EXIT_OK;
}

int cmd_scan(int argc, char **argv)
{
	scan_args a;
	cvg_inventory **invs = NULL;
	cvg_report_suite *suites = NULL;
	cvg_ignore *ign = NULL;
	cvg_pkgmap *map = NULL;
	cvg_db *db = NULL;
	cvg_baseline *base = NULL;
	cvg_scan_options opts;
	cvg_report_info info;
	char *db_path = NULL;
	size_t nfailing = 0, s;
	int error, status, rc;

	if ((rc = parse_args(&a, argc, argv)) != 0)
		return rc > 0 ? cli_close_stdout() : CVG_EXIT_USAGE;
	memset(&info, 0, sizeof(info));
	if (report_time(&info.timestamp) < 0)
		return CVG_EXIT_USAGE;
	if ((db_path = cli_db_path(a.db)) == NULL)
		return CVG_EXIT_USAGE;
	if ((invs = calloc(a.nlists, sizeof(*invs))) == NULL ||
	        (suites = calloc(a.nlists, sizeof(*suites))) == NULL) {
		cli_error("out of memory");
		status = CVG_EXIT_INTERNAL;
		goto done;
	}
	/* every inventory is read before the database is opened: a typo in the
	 * last one fails fast */
	for (s = 0; s < a.nlists; s++) {
		if ((error = cvg_inventory_load(&invs[s], a.lists[s], a.format ? a.format : "auto",
		             a.lenient ? CVG_INVENTORY_LENIENT : 0, cli_warn, NULL)) < 0) {
			status = cli_fail(error);
			goto done;
		}
	}
	if ((a.ignore && (error = cvg_ignore_load(&ign, a.ignore, cli_warn, NULL)) < 0) ||
	        (error = cvg_pkgmap_new(&map)) < 0 ||
	        (a.map && (error = cvg_pkgmap_load(map, a.map)) < 0) ||
	        (error = cvg_db_open(&db, db_path, CVG_DB_READONLY)) < 0) {
		status = cli_fail(error);
		goto done;
	}
	for (size_t i = 0; i < a.nvex; i++) {
		if ((error = cvg_ignore_load_vex(&ign, a.vex[i], cli_warn, NULL)) < 0) {
			status = cli_fail(error);
			goto done;
		}
	}
	for (size_t i = 0; a.require_reason && ign && i < ign->nentries; i++) {
		if (ign->entries[i].no_reason) {
			cli_error("%s:%zu: %s has no reason (--require-reason)",
			        ign->entries[i].file, ign->entries[i].line, ign->entries[i].cve);
			status = CVG_EXIT_INPUT;
			goto done;
		}
	}
	if ((status = check_age(&a, db)) != CVG_EXIT_OK)
		goto done;
	memset(&opts, 0, sizeof(opts));
	opts.map = map;
	opts.ignore = ign;
	opts.min_score = a.min_score;
	opts.strict = a.strict;
	opts.cvss = a.cvss;
	opts.fail_on = a.fail_on;
	opts.unscored_pass = a.unscored_pass;
	opts.fail_on_unassessed = a.fail_on_unassessed;
	opts.now = info.timestamp;
	opts.explain = a.explain;
	for (size_t i = 0; i < a.noutputs; i++)
		opts.full_records |= a.outputs[i].format->full_records;
	if (a.fail_on_new && a.baseline == NULL) {
		cli_error("--fail-on-new needs --baseline PREVIOUS.json");
		status = CVG_EXIT_USAGE;
		goto done;
	}
	if (a.baseline && (error = cvg_baseline_load(&base, a.baseline)) < 0) {
		status = cli_fail(error);
		goto done;
	}
	/* one database, every inventory scanned with the same options */
	for (s = 0; s < a.nlists; s++) {
		cvg_scan_result *res = NULL;
		error = cvg_scan(&res, db, invs[s], &opts);
		suites[s].inventory = a.lists[s];
		suites[s].res = res;
		if (error < 0 || (base && (error = cvg_baseline_apply(base, res, a.lists[s],
		                                   a.nlists, a.fail_on_new)) < 0)) {
			status = cli_fail(error);
			goto done;
		}
		nfailing += res->nfailing;
	}
	if (a.explain) {
		if ((status = explain_all(&a, suites)) != CVG_EXIT_OK)
			goto done;
		if ((status = cli_close_stdout()) != CVG_EXIT_OK)
			goto done;
	}
	/* every report is attempted; the first failure decides the status */
	status = CVG_EXIT_OK;
	for (size_t i = 0; i < a.noutputs; i++) {
		rc = write_report(a.outputs[i].format, a.outputs[i].path, suites, a.nlists, &info);
		if (status == CVG_EXIT_OK)
			status = rc;
	}
	if (status != CVG_EXIT_OK)
		goto done;
	for (s = 0; s < a.nlists; s++)
		print_summary(suites[s].res, invs[s]->npackages, a.nlists > 1 ? a.lists[s] : NULL);
	print_ignore_summary(ign);
	status = nfailing && !a.exit_zero ? CVG_EXIT_FINDINGS : CVG_EXIT_OK;
done:
	for (s = 0; suites && s < a.nlists; s++)
		cvg_scan_result_free((cvg_scan_result *)suites[s].res);
	for (s = 0; invs && s < a.nlists; s++)
		cvg_inventory_free(invs[s]);
	free(suites);
	free(invs);
	cvg_baseline_free(base);
	cvg_db_close(db);
	cvg_pkgmap_free(map);
	cvg_ignore_free(ign);
	free(db_path);
	return status;
}
