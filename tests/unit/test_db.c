/*
 * Unit tests for lib/db.c: the import rules of docs/schema.md on small
 * hand-written NVD 2.0 pages (tests/data/db): same or newer replaces, older
 * is ignored, a Rejected record removes the CVE and blocks older data, a
 * failed import changes nothing, one import is all files or none.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cvegate/db.h"
#include "cvegate/error.h"

static char db_path[256];

static const char *data(const char *name)
{
	static char path[8][512];
	static int next;
	const char *dir = getenv("CVG_TEST_DATA");

	next = (next + 1) % 8;
	snprintf(path[next], sizeof(path[next]), "%s/db/%s", dir ? dir : "tests/data", name);
	return path[next];
}

static int setup(void **state)
{
	int fd;

	(void)state;
	snprintf(db_path, sizeof(db_path), "/tmp/cvegate-test-db-XXXXXX");
	if ((fd = mkstemp(db_path)) < 0)
		return -1;
	close(fd);
	unlink(db_path); /* cvg_db_open creates it */
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(db_path);
	return 0;
}

static int import(cvg_import_stats *st, const char *a, const char *b)
{
	const char *paths[2] = {data(a), b ? data(b) : NULL};
	cvg_db *db = NULL;
	int error;

	if ((error = cvg_db_open(&db, db_path, CVG_DB_WRITE)) == 0)
		error = cvg_db_import(db, paths, b ? 2 : 1, st);
	cvg_db_close(db);
	return error;
}

/* The stored description of id, "" when absent; *rejected says if a marker is there. */
static const char *stored(const char *id, bool *rejected)
{
	static char desc[256];
	cvg_db *db = NULL;
	cvg_cve *cve = NULL;

	desc[0] = '\0';
	*rejected = false;
	assert_int_equal(cvg_db_open(&db, db_path, CVG_DB_READONLY), 0);
	if (cvg_db_lookup_cve(&cve, rejected, db, id) == 0) {
		snprintf(desc, sizeof(desc), "%s|%s", cve->description,
		        cve->configs[0].nodes[0].matches[0].end_excl);
		cvg_cve_free(cve);
	}
	cvg_db_close(db);
	return desc;
}

static void test_replace_rules(void **state)
{
	cvg_import_stats st;
	bool rej;

	(void)state;
	assert_int_equal(import(&st, "base.json", NULL), 0);
	assert_int_equal(st.inserted, 2);
	assert_int_equal(st.cpe_matches, 2);
	assert_string_equal(stored("CVE-2099-1000", &rej), "first|1.2");

	/* the same lastModified replaces: the newest import of equal data wins */
	assert_int_equal(import(&st, "same.json", NULL), 0);
	assert_int_equal(st.replaced, 1);
	assert_string_equal(stored("CVE-2099-1000", &rej), "same time wins|1.3");

	/* older is ignored */
	assert_int_equal(import(&st, "older.json", NULL), 0);
	assert_int_equal(st.older, 1);
	assert_int_equal(st.replaced, 0);
	assert_string_equal(stored("CVE-2099-1000", &rej), "same time wins|1.3");

	/* a Rejected record removes the CVE and leaves a marker */
	assert_int_equal(import(&st, "reject.json", NULL), 0);
	assert_int_equal(st.rejected, 1);
	assert_string_equal(stored("CVE-2099-1001", &rej), "");
	assert_true(rej);

	/* older data cannot bring it back */
	assert_int_equal(import(&st, "after-reject-older.json", NULL), 0);
	assert_int_equal(st.older, 1);
	assert_string_equal(stored("CVE-2099-1001", &rej), "");
	assert_true(rej);
}

static void test_failed_import_changes_nothing(void **state)
{
	cvg_import_stats st;
	cvg_db_info info;
	cvg_db *db = NULL;
	bool rej;

	(void)state;
	assert_int_equal(import(&st, "base.json", NULL), 0);
	/* new.json alone would add CVE-2099-1002; with a broken file beside it nothing lands */
	assert_int_equal(import(&st, "new.json", "broken.json"), CVG_EPARSE);
	assert_non_null(strstr(cvg_error_last(), "broken.json"));
	assert_string_equal(stored("CVE-2099-1002", &rej), "");
	assert_false(rej);
	assert_int_equal(cvg_db_open(&db, db_path, CVG_DB_READONLY), 0);
	assert_int_equal(cvg_db_info_get(&info, db), 0);
	assert_int_equal(info.cves, 2);
	assert_int_equal(info.cpe_matches, 2);
	cvg_db_info_dispose(&info);
	cvg_db_close(db);
	/* and the good file on its own goes in */
	assert_int_equal(import(&st, "new.json", NULL), 0);
	assert_int_equal(st.inserted, 1);
}

/* Two files in one import: the later file's same-or-newer record wins. */
static void test_one_import_two_files(void **state)
{
	cvg_import_stats st;
	bool rej;

	(void)state;
	assert_int_equal(import(&st, "base.json", "same.json"), 0);
	assert_int_equal(st.records, 3);
	assert_int_equal(st.inserted, 2);
	assert_int_equal(st.replaced, 1);
	assert_string_equal(stored("CVE-2099-1000", &rej), "same time wins|1.3");
}

static void test_not_a_database(void **state)
{
	cvg_db *db = NULL;
	FILE *fp;

	(void)state;
	assert_int_equal(cvg_db_open(&db, db_path, CVG_DB_READONLY), CVG_EDB); /* missing */
	fp = fopen(db_path, "w");
	assert_non_null(fp);
	fputs("CVE-2014-0160 , not a database\n", fp);
	fclose(fp);
	assert_int_equal(cvg_db_open(&db, db_path, CVG_DB_WRITE), CVG_EDB);
	assert_null(db);
	assert_non_null(strstr(cvg_error_last(), "not a cvegate database"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_replace_rules, setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_failed_import_changes_nothing, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_one_import_two_files, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_not_a_database, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
