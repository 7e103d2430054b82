/*
 * tests/unit/test_update.c - db update's pieces that need no server:
 * ISO 8601 times (util/isotime: RFC 3339 section 5.8's examples and the
 * NVD's .meta and 1.1/2.0 timestamp shapes), option checks, and the lock
 * (a live holder refuses, a dead one is broken). Feeds, mirrors, crashes
 * and equivalence are integration tests (tests/integration/update_*.sh).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "cvegate/error.h"
#include "cvegate/update.h"
#include "util/isotime.h"

static void test_isotime_parse(void **state)
{
	static const struct {
		const char *s;
		bool ok;
		long long t;
	} v[] = {
	        /* RFC 3339 section 5.8 */
	        {"1985-04-12T23:20:50.52Z", true, 482196050},
	        {"1996-12-19T16:39:57-08:00", true, 851042397},
	        {"1937-01-01T12:00:27.87+00:20", true, -1041337173},
	        /* the NVD: .meta lastModifiedDate, 2.0 (no zone = UTC), 1.1 (minutes, Z) */
	        {"2023-12-30T03:02:38-05:00", true, 1703923358},
	        {"2014-04-07T22:55:00.000", true, 1396911300},
	        {"2014-04-07T22:55Z", true, 1396911300},
	        {"2024-02-29", true, 1709164800},
	        {"1970-01-01T00:00:00Z", true, 0},
	        {"2024-02-29 00:00:00+0000", true, 1709164800},
	        {"2023-02-29", false, 0},
	        {"2023-13-01", false, 0},
	        {"2023-12-30T25:00", false, 0},
	        {"2023-12-30T03:02:38+5", false, 0},
	        {"2023-12-30T03:02:38.Z", false, 0},
	        {"2023-12-30T", false, 0},
	        {"2023-12-30x", false, 0},
	        {"", false, 0},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		long long t = 42;
		bool ok = cvg__isotime_parse(&t, v[i].s);
		if (ok != v[i].ok || (ok && t != v[i].t))
			fail_msg("%s: got %d %lld, expected %d %lld", v[i].s, ok, t, v[i].ok,
			        v[i].t);
	}
}

static void test_isotime_any_and_format(void **state)
{
	static const struct {
		long long t;
		const char *s;
	} v[] = {
	        {0, "1970-01-01T00:00:00Z"},
	        {1700000000, "2023-11-14T22:13:20Z"},
	        {1709164800, "2024-02-29T00:00:00Z"},
	        {-1041337173, "1937-01-01T11:40:27Z"},
	        {4102444800, "2100-01-01T00:00:00Z"},
	};
	char buf[32];
	long long t;
	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		cvg__isotime_format(buf, sizeof(buf), v[i].t);
		assert_string_equal(buf, v[i].s);
		assert_true(cvg__isotime_parse(&t, buf));
		assert_int_equal(t, v[i].t);
	}
	assert_true(cvg__isotime_parse_any(&t, "1700000000"));
	assert_int_equal(t, 1700000000);
	assert_false(cvg__isotime_parse_any(&t, "17e8"));
	assert_false(cvg__isotime_parse_any(&t, "-5"));
}

static void test_now(void **state)
{
	long long t;
	(void)state;
	setenv("CVEGATE_NOW", "2024-01-02T14:00:00Z", 1);
	setenv("SOURCE_DATE_EPOCH", "1", 1);
	assert_int_equal(cvg_update_now(&t), 0);
	assert_int_equal(t, 1704204000);
	unsetenv("CVEGATE_NOW");
	assert_int_equal(cvg_update_now(&t), 0);
	assert_int_equal(t, 1);
	setenv("CVEGATE_NOW", "soon", 1);
	assert_int_equal(cvg_update_now(&t), CVG_EINVAL);
	assert_non_null(strstr(cvg_error_last(), "CVEGATE_NOW=soon"));
	unsetenv("CVEGATE_NOW");
	unsetenv("SOURCE_DATE_EPOCH");
}

static void test_options(void **state)
{
	static const struct {
		const char *source, *mirror;
		int from, to;
		const char *message;
	} v[] = {
	        {"osv", NULL, 0, 0, "--source osv: expected nvd, nvd-api, cvelist or all"},
	        {"all", "https://mirror.example/", 0, 0,
	                "--source all --mirror: a mirror serves one"},
	        {"cvelist", "relative/dir", 0, 0, "--mirror relative/dir: expected"},
	        {NULL, NULL, 2018, 2002, "--years 2018-2002: expected FROM-TO"},
	        {NULL, NULL, 1990, 2002, "--years 1990-2002"},
	        {NULL, "ftp://example.org/", 0, 0, "--mirror ftp://example.org/: expected"},
	        {NULL, "relative/dir", 0, 0, "--mirror relative/dir: expected"},
	};
	cvg_update_stats st;
	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		cvg_update_options o = {.db_path = "/nonexistent/x.db",
		        .source = v[i].source,
		        .mirror = v[i].mirror,
		        .year_from = v[i].from,
		        .year_to = v[i].to};
		assert_int_equal(cvg_update(&st, &o), CVG_EINVAL);
		if (strstr(cvg_error_last(), v[i].message) == NULL)
			fail_msg("%zu: %s", i, cvg_error_last());
	}
}

/* A lock held by a live process refuses; one of a dead process is broken. */
static void test_lock(void **state)
{
	char dir[] = "/tmp/cvg-update-test-XXXXXX", db[64], lock[80], host[256], text[512];
	cvg_update_stats st;
	cvg_update_options o;
	pid_t child;
	FILE *fp;
	(void)state;

	assert_non_null(mkdtemp(dir));
	snprintf(db, sizeof(db), "%s/cvegate.db", dir);
	snprintf(lock, sizeof(lock), "%s.lock", db);
	assert_int_equal(gethostname(host, sizeof(host)), 0);
	memset(&o, 0, sizeof(o));
	o.db_path = db;
	o.mirror = dir; /* a folder without feeds */
	o.year_from = o.year_to = 2002;
	o.quiet = true;

	/* held by this (live) process */
	fp = fopen(lock, "w");
	assert_non_null(fp);
	fprintf(fp, "pid=%ld\nhost=%s\nstarted=%lld\n", (long)getpid(), host,
	        (long long)time(NULL));
	fclose(fp);
	assert_int_equal(cvg_update(&st, &o), CVG_EINVAL);
	snprintf(text, sizeof(text), "another update is running (pid %ld on %s", (long)getpid(),
	        host);
	assert_non_null(strstr(cvg_error_last(), text));

	/* held by a process that has exited */
	if ((child = fork()) == 0)
		_exit(0);
	waitpid(child, NULL, 0);
	fp = fopen(lock, "w");
	assert_non_null(fp);
	fprintf(fp, "pid=%ld\nhost=%s\nstarted=%lld\n", (long)child, host, (long long)time(NULL));
	fclose(fp);
	/* the lock is broken; the empty mirror then has no feed */
	assert_int_equal(cvg_update(&st, &o), CVG_ENOTFOUND);
	assert_non_null(strstr(cvg_error_last(), "no feed here"));
	assert_int_equal(access(lock, F_OK), -1); /* released */
	assert_int_equal(access(db, F_OK), -1);   /* nothing created */
	assert_int_equal(rmdir(dir), 0);          /* no temporary directory left */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_isotime_parse),
	        cmocka_unit_test(test_isotime_any_and_format),
	        cmocka_unit_test(test_now),
	        cmocka_unit_test(test_options),
	        cmocka_unit_test(test_lock),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
