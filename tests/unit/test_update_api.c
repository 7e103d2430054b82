/*
 * Unit tests for lib/update_api.c: the NVD API 2.0 client.
 *
 * Times and 120-day windows are checked against fixed vectors (epoch values
 * from `date -u -d ... +%s`; the 120-day limit and the date format from
 * nvd.nist.gov/developers/vulnerabilities). Downloads run against
 * tests/tools/nvd_api_server.py on 127.0.0.1, serving the five hand-written
 * records of tests/data/update_api/five.json and, when the real corpus is
 * at $CVG_SHARED_DATA (or tests/data/../../../shared/data), real API pages
 * from ../shared/data/nvd/2.0; the pages are then imported into a temporary
 * database and the record counts asserted exactly.
 */
#include <dirent.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "cvegate/db.h"
#include "cvegate/error.h"
#include "cvegate/fetch.h"
#include "lib/update_api.h"
#include "lib/update_internal.h"
#include "test_helpers.h"

#define KEY "0a1b2c3d-SECRET-KEY-4e5f"

/* ---- Times and windows ---- */

static const struct {
	const char *text;
	long long t; /* -1: refused */
} time_vectors[] = {
        {"2024-01-01T00:00:00.000", 1704067200},
        {"2024-01-01T00:00:00", 1704067200},
        {"2024-01-01T00:00:00Z", 1704067200},
        {"2024-01-01T00:00:00.000+00:00", 1704067200},
        {"2024-02-29T12:00:00.123", 1709208000}, /* leap day; fraction dropped */
        {"2000-03-01T00:00:00.000", 951868800},  /* after a 400-year leap day */
        {"2038-01-19T03:14:08.000", 2147483648}, /* past 32-bit time_t */
        {"1970-01-01T00:00:00.000", 0},
        {"2023-02-29T00:00:00", -1},            /* not a leap year */
        {"1900-02-29T00:00:00", -1},            /* nor is 1900 */
        {"2024-01-01 00:00:00", -1},            /* no T */
        {"2024-01-01T24:00:00", -1},            /* hour 24 */
        {"2024-01-01T00:00:60", -1},            /* no leap seconds */
        {"2024-01-01T00:00:00+01:00", -1},      /* not UTC */
        {"2024-01-01T00:00:00.", -1},           /* empty fraction */
        {"2024-01-01T00:00:00.0000000000", -1}, /* ten fraction digits */
        {"2024-1-01T00:00:00", -1},
        {"1969-12-31T23:59:59", -1},
        {"", -1},
};

static void test_parse_time(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(time_vectors) / sizeof(time_vectors[0]); i++) {
		long long t = 42;
		int rc = cvg__api_parse_time(&t, time_vectors[i].text);

		if (time_vectors[i].t < 0) {
			if (rc != CVG_EINVAL)
				fail_msg("'%s' accepted", time_vectors[i].text);
			assert_non_null(strstr(cvg_error_last(), "expected a UTC time"));
		} else {
			if (rc != 0 || t != time_vectors[i].t)
				fail_msg("'%s': rc %d t %lld", time_vectors[i].text, rc, t);
		}
	}
}

static void test_format_time(void **state)
{
	char out[CVG__API_TIME_SIZE];

	(void)state;
	cvg__api_format_time(out, 1704067200);
	assert_string_equal(out, "2024-01-01T00:00:00.000");
	cvg__api_format_time(out, 1709208000);
	assert_string_equal(out, "2024-02-29T12:00:00.000");
	cvg__api_format_time(out, 0);
	assert_string_equal(out, "1970-01-01T00:00:00.000");
	cvg__api_format_time(out, 2147483648LL);
	assert_string_equal(out, "2038-01-19T03:14:08.000");
	cvg__api_format_time(out, 253402300799LL);
	assert_string_equal(out, "9999-12-31T23:59:59.000");
}

#define D (86400LL)
#define T2024 1704067200LL

static const struct {
	long long since, now;
	size_t n;
	long long last_start, last_end; /* of the last window */
} window_vectors[] = {
        {T2024, T2024, 0, 0, 0},                             /* nothing changed since */
        {T2024 + 5, T2024, 0, 0, 0},                         /* the clock went back */
        {T2024, T2024 + 1, 1, T2024, T2024 + 1},             /* one second */
        {T2024, T2024 + 120 * D, 1, T2024, T2024 + 120 * D}, /* exactly 120 days */
        {T2024, T2024 + 120 * D + 1, 2, T2024 + 120 * D, T2024 + 120 * D + 1},
        /* 2023-01-01 to 2024-01-01: 365 days = 120 + 120 + 120 + 5 */
        {T2024 - 365 * D, T2024, 4, T2024 - 5 * D, T2024},
        /* 2002-01-01 to 2024-01-01: 8035 days, 67 windows */
        {1009843200LL, T2024, 67, 1009843200LL + 66 * 120 * D, T2024},
};

static void test_windows(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(window_vectors) / sizeof(window_vectors[0]); i++) {
		cvg__api_window *w = NULL;
		size_t n = 99;

		assert_int_equal(
		        cvg__api_windows(&w, &n, window_vectors[i].since, window_vectors[i].now),
		        0);
		assert_int_equal(n, window_vectors[i].n);
		if (n == 0) {
			assert_null(w);
			continue;
		}
		assert_true(w[0].start == window_vectors[i].since);
		for (size_t k = 0; k < n; k++) {
			assert_true(w[k].end - w[k].start <= CVG__API_WINDOW_S);
			assert_true(w[k].end > w[k].start);
			if (k > 0)
				assert_true(w[k].start == w[k - 1].end);
		}
		assert_true(w[n - 1].start == window_vectors[i].last_start);
		assert_true(w[n - 1].end == window_vectors[i].last_end);
		free(w);
	}
}

/* ---- The fake server ---- */

typedef struct server {
	pid_t pid;
	int port;
	char base[128];
	char log[64];
} server;

static char *tool_path(void)
{
	return data_path("../tools/nvd_api_server.py");
}

/* Start the server with these extra arguments (NULL-terminated). */
static void server_start(server *s, const char *arg, ...)
{
	const char *argv[32];
	char *script = tool_path();
	int fds[2], n = 0, fd;
	char line[64] = "";
	va_list ap;
	FILE *fp;

	memset(s, 0, sizeof(*s));
	snprintf(s->log, sizeof(s->log), "/tmp/cvegate-test-apilog-XXXXXX");
	assert_true((fd = mkstemp(s->log)) >= 0);
	close(fd);
	argv[n++] = "python3";
	argv[n++] = script;
	argv[n++] = "--log";
	argv[n++] = s->log;
	va_start(ap, arg);
	for (const char *a = arg; a != NULL && n < 31; a = va_arg(ap, const char *))
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	assert_int_equal(pipe(fds), 0);
	s->pid = fork();
	assert_true(s->pid >= 0);
	if (s->pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execvp("python3", (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	fp = fdopen(fds[0], "r");
	assert_non_null(fp);
	if (fgets(line, sizeof(line), fp) == NULL || strncmp(line, "PORT ", 5) != 0)
		fail_msg("the test server did not start: '%s'", line);
	fclose(fp);
	s->port = (int)strtol(line + 5, NULL, 10);
	snprintf(s->base, sizeof(s->base), "http://127.0.0.1:%d/rest/json/cves/2.0", s->port);
	free(script);
}

static void server_stop(server *s)
{
	int status;

	kill(s->pid, SIGTERM);
	waitpid(s->pid, &status, 0);
	unlink(s->log);
}

/* The request log: whole file as a string (caller frees). */
static char *server_log(const server *s)
{
	FILE *fp = fopen(s->log, "r");
	char *buf = calloc(1, 65536);
	size_t n;

	assert_non_null(fp);
	assert_non_null(buf);
	n = fread(buf, 1, 65535, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static size_t count_lines(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* ---- Running a download ---- */

typedef struct run {
	char dir[64];
	char db[80];
	char **files;
	size_t nfiles;
	char *until;
	warnings warn;
	cvg_import_stats st;
	size_t cves;
} run;

static size_t dir_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

/* Download from s with `since` at `now` (a time text); import on success. */
static int run_fetch(run *r, const server *s, const char *since, const char *now, const char *key)
{
	cvg_fetch_options fo;
	cvg_update_options o;
	cvg_fetcher *f = NULL;
	long long t;
	int error;

	memset(r, 0, sizeof(*r));
	snprintf(r->dir, sizeof(r->dir), "/tmp/cvegate-test-api-XXXXXX");
	assert_non_null(mkdtemp(r->dir));
	snprintf(r->db, sizeof(r->db), "%s.db", r->dir);
	memset(&fo, 0, sizeof(fo));
	fo.api_key = key;
	fo.retries = 2;
	fo.backoff_s = 0.01;
	fo.warn = collect;
	fo.payload = &r->warn;
	assert_int_equal(cvg_fetcher_new(&f, &fo), 0);
	memset(&o, 0, sizeof(o));
	o.db_path = r->db;
	o.source = "nvd-api";
	o.mirror = s->base;
	o.api_key = key;
	assert_int_equal(cvg__api_parse_time(&t, now), 0);
	o.now = t;
	o.progress = collect;
	o.payload = &r->warn;
	error = cvg__update_api_fetch(f, &o, since, r->dir, &r->files, &r->nfiles, &r->until);
	cvg_fetcher_free(f);
	if (error < 0) {
		assert_null(r->files);
		assert_int_equal(r->nfiles, 0);
		assert_null(r->until);
		assert_int_equal(dir_entries(r->dir), 0); /* pages already written are gone */
		return error;
	}
	if (r->nfiles > 0) {
		cvg_db *db = NULL;
		cvg_db_info info;

		assert_int_equal(cvg_db_open(&db, r->db, CVG_DB_WRITE), 0);
		if (cvg_db_import(db, (const char *const *)r->files, r->nfiles, &r->st) != 0)
			fail_msg("import: %s", cvg_error_last());
		assert_int_equal(cvg_db_info_get(&info, db), 0);
		r->cves = info.cves;
		cvg_db_info_dispose(&info);
		cvg_db_close(db);
	}
	return 0;
}

static void run_dispose(run *r)
{
	DIR *d = opendir(r->dir);
	struct dirent *e;
	char p[512];

	while (d && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", r->dir, e->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(r->dir);
	unlink(r->db);
	for (size_t i = 0; i < r->nfiles; i++)
		free(r->files[i]);
	free(r->files);
	free(r->until);
}

static void assert_no_key(const run *r, const server *s)
{
	char *log = server_log(s);

	for (int i = 0; i < r->warn.n && i < 8; i++)
		assert_null(strstr(r->warn.msg[i], KEY));
	assert_null(strstr(cvg_error_last(), KEY));
	assert_null(strstr(log, KEY));
	free(log);
}

/* ---- Downloads of the hand-written records ---- */

static void test_all_one_page(void **state)
{
	char *five = data_path("update_api/five.json");
	server s;
	run r;
	char *log;

	(void)state;
	server_start(&s, "--records", five, NULL);
	assert_int_equal(run_fetch(&r, &s, NULL, "2024-10-01T00:00:00.000", NULL), 0);
	assert_int_equal(r.nfiles, 1);
	assert_non_null(strstr(r.files[0], "/nvd-api-0000-000000000.json"));
	assert_string_equal(r.until, "2024-10-01T00:00:00.000");
	assert_int_equal(r.st.records, 5);
	assert_int_equal(r.cves, 5);
	log = server_log(&s);
	assert_string_equal(
	        log, "GET /rest/json/cves/2.0?startIndex=0&resultsPerPage=2000 apikey=no\n");
	assert_int_equal(r.warn.n, 1);
	assert_string_equal(r.warn.msg[0], "NVD API: all CVEs: 5 of 5");
	free(log);
	run_dispose(&r);
	server_stop(&s);
	free(five);
}

/* A server that sends 2 a page: startIndex follows what arrived. */
static void test_paging(void **state)
{
	char *five = data_path("update_api/five.json");
	server s;
	run r;
	char *log;

	(void)state;
	server_start(&s, "--records", five, "--max-per-page", "2", NULL);
	assert_int_equal(run_fetch(&r, &s, NULL, "2024-10-01T00:00:00.000", NULL), 0);
	assert_int_equal(r.nfiles, 3);
	assert_non_null(strstr(r.files[1], "/nvd-api-0000-000000002.json"));
	assert_non_null(strstr(r.files[2], "/nvd-api-0000-000000004.json"));
	assert_int_equal(r.st.records, 5);
	assert_int_equal(r.cves, 5);
	log = server_log(&s);
	assert_string_equal(log,
	        "GET /rest/json/cves/2.0?startIndex=0&resultsPerPage=2000 apikey=no\n"
	        "GET /rest/json/cves/2.0?startIndex=2&resultsPerPage=2000 apikey=no\n"
	        "GET /rest/json/cves/2.0?startIndex=4&resultsPerPage=2000 apikey=no\n");
	free(log);
	run_dispose(&r);
	server_stop(&s);
	free(five);
}

/* 2024-01-01 to 2024-10-01 is 274 days: windows of 120, 120 and 34 days,
 * holding 2, 2 and 1 of the five records. */
static void test_windows_fetch(void **state)
{
	char *five = data_path("update_api/five.json");
	server s;
	run r;
	char *log;

	(void)state;
	server_start(&s, "--records", five, NULL);
	assert_int_equal(
	        run_fetch(&r, &s, "2024-01-01T00:00:00.000", "2024-10-01T00:00:00.000", NULL), 0);
	assert_int_equal(r.nfiles, 3);
	assert_string_equal(r.until, "2024-10-01T00:00:00.000");
	assert_int_equal(r.st.records, 5);
	assert_int_equal(r.cves, 5);
	log = server_log(&s);
	assert_string_equal(log, "GET /rest/json/cves/2.0?startIndex=0&resultsPerPage=2000"
	                         "&lastModStartDate=2024-01-01T00:00:00.000%2B00:00"
	                         "&lastModEndDate=2024-04-30T00:00:00.000%2B00:00 apikey=no\n"
	                         "GET /rest/json/cves/2.0?startIndex=0&resultsPerPage=2000"
	                         "&lastModStartDate=2024-04-30T00:00:00.000%2B00:00"
	                         "&lastModEndDate=2024-08-28T00:00:00.000%2B00:00 apikey=no\n"
	                         "GET /rest/json/cves/2.0?startIndex=0&resultsPerPage=2000"
	                         "&lastModStartDate=2024-08-28T00:00:00.000%2B00:00"
	                         "&lastModEndDate=2024-10-01T00:00:00.000%2B00:00 apikey=no\n");
	assert_int_equal(r.warn.n, 3);
	assert_string_equal(r.warn.msg[0], "NVD API: changed 2024-01-01T00:00:00.000 to "
	                                   "2024-04-30T00:00:00.000 (window 1 of 3): 2 of 2 CVEs");
	free(log);
	run_dispose(&r);

	/* since 2024-05-25: June 1 and September 30 only */
	assert_int_equal(
	        run_fetch(&r, &s, "2024-05-25T00:00:00Z", "2024-10-01T00:00:00.000", NULL), 0);
	assert_int_equal(r.nfiles, 2);
	assert_int_equal(r.cves, 2);
	run_dispose(&r);

	/* nothing since: no request, no file, the same `since` back */
	assert_int_equal(
	        run_fetch(&r, &s, "2024-10-01T00:00:00.000", "2024-10-01T00:00:00.000", NULL), 0);
	assert_int_equal(r.nfiles, 0);
	assert_string_equal(r.until, "2024-10-01T00:00:00.000");
	run_dispose(&r);
	server_stop(&s);
	free(five);
}

static void test_bad_since(void **state)
{
	char *five = data_path("update_api/five.json");
	server s;
	run r;

	(void)state;
	server_start(&s, "--records", five, NULL);
	assert_int_equal(
	        run_fetch(&r, &s, "yesterday", "2024-10-01T00:00:00.000", NULL), CVG_EINVAL);
	assert_string_equal(cvg_error_last(),
	        "NVD API: time of the last update: expected a UTC time as "
	        "YYYY-MM-DDTHH:MM:SS[.000][Z], found \"yesterday\"");
	run_dispose(&r);
	server_stop(&s);
	free(five);
}

/* The key goes in the header only: never in a URL, a message or the log. */
static void test_api_key(void **state)
{
	char *five = data_path("update_api/five.json");
	server s;
	run r;
	char *log;

	(void)state;
	server_start(&s, "--records", five, "--api-key", KEY, "--max-per-page", "3", NULL);
	assert_int_equal(
	        run_fetch(&r, &s, "2024-01-01T00:00:00.000", "2024-10-01T00:00:00.000", KEY), 0);
	assert_int_equal(r.cves, 5);
	log = server_log(&s);
	assert_int_equal(count_lines(log), 3);
	assert_null(strstr(log, "apikey=no"));
	assert_null(strstr(log, "apikey=wrong"));
	free(log);
	assert_no_key(&r, &s);
	run_dispose(&r);

	/* the wrong key: the NVD's 404, said plainly, the key nowhere */
	assert_int_equal(run_fetch(&r, &s, NULL, "2024-10-01T00:00:00.000", "not-" KEY), CVG_EIO);
	assert_non_null(strstr(cvg_error_last(), s.base));
	assert_non_null(strstr(cvg_error_last(), "404"));
	assert_non_null(strstr(cvg_error_last(), "invalid apiKey"));
	assert_null(strstr(cvg_error_last(), "not-" KEY));
	assert_no_key(&r, &s);
	run_dispose(&r);
	server_stop(&s);
	free(five);
}

/* 429 with Retry-After: 1, and 503, each once: retried, then whole. */
static void test_retries(void **state)
{
	char *five = data_path("update_api/five.json");
	server s;
	run r;
	char *log;

	(void)state;
	server_start(&s, "--records", five, "--fault", "429-once", "--fault", "503-once",
	        "--retry-after", "1", NULL);
	assert_int_equal(run_fetch(&r, &s, NULL, "2024-10-01T00:00:00.000", NULL), 0);
	assert_int_equal(r.cves, 5);
	log = server_log(&s);
	assert_int_equal(count_lines(log), 3);
	free(log);
	assert_int_equal(r.warn.n, 3); /* two retries, one progress line */
	assert_non_null(strstr(r.warn.msg[0], "429"));
	assert_non_null(strstr(r.warn.msg[1], "503"));
	run_dispose(&r);
	server_stop(&s);
	free(five);
}

static const struct {
	const char *fault;
	const char *message; /* after the URL */
} fault_vectors[] = {
        {"bad-json", ": the NVD API sent a page that is not JSON ("},
        {"not-api", ": not an NVD API 2.0 CVE page (expected an object with \"format\": "
                    "\"NVD_CVE\" and a \"vulnerabilities\" array)"},
        {"inconsistent", ": inconsistent page: 2 records, resultsPerPage 2, startIndex 0, "
                         "totalResults 1"},
};

static void test_bad_pages(void **state)
{
	char *five = data_path("update_api/five.json");

	(void)state;
	for (size_t i = 0; i < sizeof(fault_vectors) / sizeof(fault_vectors[0]); i++) {
		char expected[512];
		server s;
		run r;

		server_start(&s, "--records", five, "--max-per-page", "2", "--fault",
		        fault_vectors[i].fault, NULL);
		assert_int_equal(
		        run_fetch(&r, &s, NULL, "2024-10-01T00:00:00.000", NULL), CVG_EPARSE);
		snprintf(expected, sizeof(expected), "%s?startIndex=0&resultsPerPage=2000%s",
		        s.base, fault_vectors[i].message);
		if (strncmp(cvg_error_last(), expected, strlen(expected)) != 0)
			fail_msg("%s: '%s'", fault_vectors[i].fault, cvg_error_last());
		run_dispose(&r);
		server_stop(&s);
	}
	free(five);
}

/* ---- Real API pages (../shared/data/nvd/2.0) ---- */

/* The three real pages of 3_pages (3, 3 and 2 records), served byte for byte. */
static void test_real_paging_set(void **state)
{
	char *dir = shared_data_path("nvd/2.0/feed/api-paging/cve/3_pages");
	server s;
	run r;
	char *log;

	(void)state;
	if (dir == NULL)
		skip();
	server_start(&s, "--paging-dir", dir, NULL);
	assert_int_equal(run_fetch(&r, &s, NULL, "2023-11-11T00:00:00.000", NULL), 0);
	assert_int_equal(r.nfiles, 3);
	assert_int_equal(r.st.records, 8);
	assert_int_equal(r.cves, 8);
	log = server_log(&s);
	assert_string_equal(log,
	        "GET /rest/json/cves/2.0?startIndex=0&resultsPerPage=2000 apikey=no\n"
	        "GET /rest/json/cves/2.0?startIndex=3&resultsPerPage=2000 apikey=no\n"
	        "GET /rest/json/cves/2.0?startIndex=6&resultsPerPage=2000 apikey=no\n");
	free(log);
	run_dispose(&r);
	server_stop(&s);
	free(dir);
}

/*
 * The 200 records of api/cves-2023 (lastModified 2022-11-17 to 2023-07-10)
 * and the 8 of 3_pages (2023-11-10), 100 a page. Counts per window worked
 * out from the records' lastModified values. One record is Rejected: 208
 * records make 207 CVEs.
 */
static void test_real_windows(void **state)
{
	char *page = shared_data_path("nvd/2.0/api/cves-2023.json.gz");
	char *p0 = shared_data_path("nvd/2.0/feed/api-paging/cve/3_pages/0-3.json");
	char *p3 = shared_data_path("nvd/2.0/feed/api-paging/cve/3_pages/3-3.json");
	char *p6 = shared_data_path("nvd/2.0/feed/api-paging/cve/3_pages/6-3.json");
	static const struct {
		const char *since;
		size_t files, records;
	} v[] = {
	        /* 180 + 9 + 11 + 8 in four windows; the first takes two pages */
	        {"2022-11-01T00:00:00.000", 5, 208},
	        {"2023-07-01T00:00:00.000", 2, 18}, /* 10 + 8 */
	        {"2023-06-01T00:00:00.000", 2, 21}, /* 13 + 8 */
	        {NULL, 3, 208},
	};
	server s;

	(void)state;
	if (!page || !p0 || !p3 || !p6) {
		free(page), free(p0), free(p3), free(p6);
		skip();
	}
	server_start(&s, "--records", page, p0, p3, p6, "--max-per-page", "100", NULL);
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		run r;

		assert_int_equal(run_fetch(&r, &s, v[i].since, "2023-11-11T00:00:00.000", NULL), 0);
		if (r.nfiles != v[i].files || r.st.records != v[i].records)
			fail_msg("since %s: %zu files, %zu records", v[i].since ? v[i].since : "-",
			        r.nfiles, r.st.records);
		if (v[i].records == 208) /* one of them is Rejected */
			assert_true(r.cves == 207 && r.st.rejected == 1);
		run_dispose(&r);
	}
	server_stop(&s);
	free(page), free(p0), free(p3), free(p6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_parse_time),
	        cmocka_unit_test(test_format_time),
	        cmocka_unit_test(test_windows),
	        cmocka_unit_test(test_all_one_page),
	        cmocka_unit_test(test_paging),
	        cmocka_unit_test(test_windows_fetch),
	        cmocka_unit_test(test_bad_since),
	        cmocka_unit_test(test_api_key),
	        cmocka_unit_test(test_retries),
	        cmocka_unit_test(test_bad_pages),
	        cmocka_unit_test(test_real_paging_set),
	        cmocka_unit_test(test_real_windows),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
