/*
 * tests/unit/test_db_cve5.c - CVE List v5 records in the database
 * (docs/schema.md: schema 3, tables cve5 and cve5_name; lib/db_cve5.c and
 * the CVE List half of cvg_db_import in lib/db.c).
 *
 * - The 23 real records of ../shared/data/cvelist5 (CVG_SHARED_DATA, else
 *   CVG_TEST_DATA/../../../shared/data; skipped when absent): counts, the
 *   whole cve5_name table (computed independently with Python's json module
 *   and a re-implementation of cvg_cve5_name_key: product and packageName
 *   of every affected entry of every container, the product of every CPE
 *   of affected[].cpes and cpeApplicability, keys that name nothing
 *   dropped), every stored record loaded back equal to the file's, the
 *   REJECTED marker of CVE-2023-32001, and the internal API's answers.
 * - Hand-written fixtures in tests/data/cve5db: the replace rules (same or
 *   newer replaces, older ignored, REJECTED leaves a marker that blocks
 *   older data, a record the same age as the marker restores it), names of
 *   a record with CNA and ADP containers, a 2.2 CPE URI, an escaped 2.3
 *   product and "n/a"; a tree; NVD and CVE List data in one import; a
 *   malformed record in the middle of a tree rolling back everything; the
 *   migration of a schema-2 file, read-only and writable.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "cve5_equal.h"
#include "cvegate/db.h"
#include "cvegate/error.h"
#include "lib/db_internal.h"
#include "test_helpers.h"

static char db_path[256];

static int setup(void **state)
{
	int fd;

	(void)state;
	snprintf(db_path, sizeof(db_path), "/tmp/cvegate-test-dbcve5-XXXXXX");
	if ((fd = mkstemp(db_path)) < 0)
		return -1;
	close(fd);
	unlink(db_path);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(db_path);
	return 0;
}

/* Import the paths (relative to tests/data) in one import. */
static int import_n(cvg_import_stats *st, const char *const *rel, size_t n)
{
	char *paths[8];
	cvg_db *db = NULL;
	int error;

	assert_true(n <= 8);
	for (size_t i = 0; i < n; i++)
		paths[i] = rel[i][0] == '/' ? strdup(rel[i]) : data_path(rel[i]);
	if ((error = cvg_db_open(&db, db_path, CVG_DB_WRITE)) == 0)
		error = cvg_db_import(db, (const char *const *)paths, n, st);
	cvg_db_close(db);
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	return error;
}

static int import1(cvg_import_stats *st, const char *rel)
{
	return import_n(st, &rel, 1);
}

static void expect_stats(const cvg_import_stats *st, size_t records, size_t inserted,
        size_t replaced, size_t older, size_t rejected)
{
	assert_int_equal(st->cve5_records, records);
	assert_int_equal(st->cve5_inserted, inserted);
	assert_int_equal(st->cve5_replaced, replaced);
	assert_int_equal(st->cve5_older, older);
	assert_int_equal(st->cve5_rejected, rejected);
}

/* The cve5_name rows as "name=CVE,CVE;name=..." in name order (plain SQL),
 * without the description words of records that name nothing ("~word"). */
static char *names_table(void)
{
	static char out[4096];
	sqlite3 *sql = NULL;
	sqlite3_stmt *st = NULL;
	size_t n = 0;

	out[0] = '\0';
	assert_int_equal(sqlite3_open_v2(db_path, &sql, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(sql,
	                         "SELECT name, group_concat(cve_id, ',') FROM"
	                         " (SELECT name, cve_id FROM cve5_name JOIN cve5 ON cve5.id ="
	                         " cve5_name.cve5 WHERE name NOT LIKE '~%' ORDER BY name, cve_id)"
	                         " GROUP BY name ORDER BY name",
	                         -1, &st, NULL),
	        SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s=%s", n ? ";" : "",
		        sqlite3_column_text(st, 0), sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	sqlite3_close(sql);
	return out;
}

/* The names of one record, "a,b,c" in order. */
static const char *names_of(cvg_db *db, const char *id, int64_t *rowid)
{
	static char out[1024];
	sqlite3_stmt *st = NULL;
	size_t n = 0;

	out[0] = '\0';
	*rowid = 0;
	assert_int_equal(sqlite3_prepare_v2(cvg__db_handle(db),
	                         "SELECT cve5.id, name FROM cve5 LEFT JOIN cve5_name ON cve5.id ="
	                         " cve5_name.cve5 WHERE cve_id=?1 ORDER BY name",
	                         -1, &st, NULL),
	        SQLITE_OK);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		*rowid = sqlite3_column_int64(st, 0);
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s", n ? "," : "",
			        sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	return out;
}

struct ids {
	int64_t v[64];
	size_t n;
	int stop_after; /* return -1 after this many (0: never) */
};

static int collect_ids(int64_t id, void *payload)
{
	struct ids *ids = payload;

	assert_true(ids->n < 64);
	ids->v[ids->n++] = id;
	return ids->stop_after && (int)ids->n == ids->stop_after ? CVG_EINVAL : 0;
}

/* The CVE ids indexed under name, in the order foreach gives them. */
static const char *ids_of_name(cvg_db *db, const char *name)
{
	static char out[1024];
	struct ids ids = {{0}, 0, 0};
	size_t n = 0;

	out[0] = '\0';
	assert_int_equal(cvg__db_cve5_foreach_name(db, name, collect_ids, &ids), 0);
	for (size_t i = 0; i < ids.n; i++) {
		cvg_cve5 *rec = NULL;
		if (i > 0)
			assert_true(ids.v[i] > ids.v[i - 1]);
		assert_int_equal(cvg__db_cve5_load(&rec, db, ids.v[i]), 0);
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s", n ? "," : "", rec->id);
		cvg_cve5_free(rec);
	}
	return out;
}

/* ---- The real records ---- */

static int compare_stored(cvg_cve5 *rec, const char *where, void *payload)
{
	cvg_db *db = payload;
	cvg_cve5 *stored = NULL;
	bool rejected = true;
	int error;

	(void)where;
	error = cvg_db_lookup_cve5(&stored, &rejected, db, rec->id);
	if (rec->rejected) {
		assert_int_equal(error, CVG_ENOTFOUND);
		assert_true(rejected);
	} else {
		assert_int_equal(error, 0);
		assert_false(rejected);
		cve5_assert_equal(rec, stored);
	}
	cvg_cve5_free(stored);
	cvg_cve5_free(rec);
	return 0;
}

static void test_real_records(void **state)
{
	char *dir = shared_data_path("cvelist5");
	const char *paths[1];
	cvg_import_stats st;
	cvg_db *db = NULL;
	cvg_db_info info;
	cvg_cve5 *rec = NULL;
	struct ids ids = {{0}, 0, 0};
	int64_t rowid, nvd;
	bool b, analysed;

	(void)state;
	if (dir == NULL) {
		skip();
		return;
	}
	paths[0] = dir;
	assert_int_equal(import_n(&st, paths, 1), 0);
	expect_stats(&st, 23, 22, 0, 0, 1);
	assert_int_equal(st.records, 0);
	assert_string_equal(names_table(),
	        "busybox=CVE-2024-58251,CVE-2025-46394;curl=CVE-2025-10148;"
	        "dropbear_ssh=CVE-2025-47203;expr.c=CVE-2025-6965;"
	        "glibc=CVE-2024-2961,CVE-2025-4802;libexpat=CVE-2024-45490;"
	        "libpng=CVE-2025-64720;linux=CVE-2024-26581;"
	        "openssl=CVE-2024-12797,CVE-2026-28387;ruggedcom_rst2428p=CVE-2025-60876;"
	        "sqlite=CVE-2025-6965;sudo=CVE-2025-32463;u_boot=CVE-2024-57254");

	assert_int_equal(cvg_db_open(&db, db_path, CVG_DB_READONLY), 0);
	assert_string_equal(names_of(db, "CVE-2025-6965", &rowid), "expr.c,sqlite");
	assert_true(rowid > 0);
	assert_string_equal(ids_of_name(db, "sqlite"), "CVE-2025-6965");
	assert_string_equal(ids_of_name(db, "openssl"), "CVE-2024-12797,CVE-2026-28387");
	assert_string_equal(ids_of_name(db, "glibc"), "CVE-2024-2961,CVE-2025-4802");
	assert_string_equal(ids_of_name(db, "busybox"), "CVE-2024-58251,CVE-2025-46394");
	assert_string_equal(ids_of_name(db, "linux_kernel"), "");
	assert_string_equal(ids_of_name(db, "SQLite"), ""); /* keys only */
	/* records that name nothing ("n/a") are indexed by their description's
	 * words: CVE-2024-28085 "wall in util-linux through 2.40, often
	 * installed with setgid tty permissions, allows ..."; dots dropped,
	 * common words, numbers and short words not indexed */
	assert_string_equal(ids_of_name(db, "~util_linux"), "CVE-2024-28085");
	assert_string_equal(ids_of_name(db, "~wall"), "CVE-2024-28085");
	assert_string_equal(ids_of_name(db, "~setgid"), "CVE-2024-28085");
	assert_string_equal(ids_of_name(db, "~2.40"), "");
	assert_string_equal(ids_of_name(db, "~through"), "");
	assert_string_equal(ids_of_name(db, "~in"), "");
	/* a record that names its product is not indexed by words */
	assert_string_equal(ids_of_name(db, "~sqlite"), "");
	/* a negative return of the callback stops and comes back */
	ids.stop_after = 1;
	assert_int_equal(cvg__db_cve5_foreach_name(db, "openssl", collect_ids, &ids), CVG_EINVAL);
	assert_int_equal(ids.n, 1);

	assert_int_equal(cvg__db_cve5_any(&b, db), 0);
	assert_true(b);
	assert_int_equal(cvg__db_cve5_rejected(&b, db, "CVE-2023-32001"), 0);
	assert_true(b);
	assert_int_equal(cvg__db_cve5_rejected(&b, db, "CVE-2025-6965"), 0);
	assert_false(b);
	assert_int_equal(cvg__db_cve5_rejected(&b, db, "CVE-2000-0001"), 0);
	assert_false(b);
	/* the marker's row loads as nothing */
	names_of(db, "CVE-2023-32001", &rowid);
	assert_true(rowid > 0);
	assert_int_equal(cvg__db_cve5_load(&rec, db, rowid), CVG_ENOTFOUND);
	assert_null(rec);
	assert_int_equal(cvg__db_cve5_load(&rec, db, 100000), CVG_ENOTFOUND);
	/* no NVD data here */
	assert_int_equal(cvg__db_nvd_state(&nvd, &analysed, db, "CVE-2025-6965"), 0);
	assert_int_equal(nvd, 0);
	assert_false(analysed);
	/* the public lookup: case-insensitive, markers say so */
	assert_int_equal(cvg_db_lookup_cve5(&rec, &b, db, "cve-2025-6965"), 0);
	assert_string_equal(rec->id, "CVE-2025-6965");
	assert_string_equal(rec->assigner, "Google");
	assert_int_equal(rec->ncontainers, 3);
	cvg_cve5_free(rec);
	rec = NULL;
	assert_int_equal(cvg_db_lookup_cve5(&rec, &b, db, "CVE-2023-32001"), CVG_ENOTFOUND);
	assert_true(b);
	assert_string_equal(cvg_error_last(), "CVE-2023-32001: rejected in the CVE List");
	assert_int_equal(cvg_db_lookup_cve5(&rec, &b, db, "CVE-2000-0001"), CVG_ENOTFOUND);
	assert_false(b);
	assert_string_equal(cvg_error_last(), "CVE-2000-0001: not in the CVE List data");
	assert_int_equal(cvg_db_info_get(&info, db), 0);
	assert_int_equal(info.cve5_records, 22);
	assert_int_equal(info.cve5_rejected, 1);
	assert_int_equal(info.cves, 0);
	cvg_db_info_dispose(&info);
	/* every record comes back equal to the file's */
	assert_int_equal(cvg_cve5_read_path(dir, NULL, compare_stored, db, NULL), 0);
	cvg_db_close(db);

	/* the same files again: all the same age, all replaced (the marker too) */
	assert_int_equal(import_n(&st, paths, 1), 0);
	expect_stats(&st, 23, 0, 22, 0, 1);
	free(dir);
}

/* ---- The rules, on fixtures ---- */

static void test_rules(void **state)
{
	static const struct {
		const char *file;
		size_t inserted, replaced, older, rejected;
		const char *names; /* of CVE-2099-0001 after the import */
		bool marker;
	} v[] = {
	        {"cve5db/a.json", 1, 0, 0, 0, "foo_bar,libfoo,node.js,widget", false},
	        {"cve5db/a-older.json", 0, 0, 1, 0, "foo_bar,libfoo,node.js,widget", false},
	        {"cve5db/a-newer.json", 0, 1, 0, 0, "baz", false},
	        {"cve5db/a-same.json", 0, 1, 0, 0, "same_age", false},
	        {"cve5db/a-before-reject.json", 0, 1, 0, 0, "too_late", false},
	        {"cve5db/a-rejected.json", 0, 0, 0, 1, "", true},
	        {"cve5db/a-before-reject.json", 0, 0, 1, 0, "", true},
	        {"cve5db/a-older.json", 0, 0, 1, 0, "", true},
	        {"cve5db/a-restored.json", 1, 0, 0, 0, "back", false},
	        {"cve5db/a-rejected.json", 0, 0, 0, 1, "", true},
	};
	cvg_import_stats st;
	int64_t first = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		cvg_db *db = NULL;
		cvg_cve5 *rec = NULL;
		int64_t rowid;
		bool rejected;
		bool b;

		if (import1(&st, v[i].file) < 0)
			fail_msg("%s: %s", v[i].file, cvg_error_last());
		expect_stats(&st, 1, v[i].inserted, v[i].replaced, v[i].older, v[i].rejected);
		assert_int_equal(cvg_db_open(&db, db_path, CVG_DB_READONLY), 0);
		assert_string_equal(names_of(db, "CVE-2099-0001", &rowid), v[i].names);
		if (first == 0)
			first = rowid;
		assert_int_equal(rowid, first); /* the row keeps its rowid */
		assert_int_equal(cvg__db_cve5_rejected(&rejected, db, "CVE-2099-0001"), 0);
		assert_int_equal(rejected, v[i].marker);
		assert_int_equal(cvg__db_cve5_any(&b, db), 0);
		assert_int_equal(b, !v[i].marker);
		assert_int_equal(cvg_db_lookup_cve5(&rec, &rejected, db, "CVE-2099-0001"),
		        v[i].marker ? CVG_ENOTFOUND : 0);
		assert_int_equal(rejected, v[i].marker);
		cvg_cve5_free(rec);
		cvg_db_close(db);
	}
}

/* What the first fixture keeps, through the database. */
static void test_fixture_record(void **state)
{
	cvg_import_stats st;
	cvg_db *db = NULL;
	cvg_cve5 *rec = NULL;

	(void)state;
	assert_int_equal(import1(&st, "cve5db/a.json"), 0);
	assert_int_equal(cvg_db_open(&db, db_path, CVG_DB_READONLY), 0);
	assert_string_equal(ids_of_name(db, "node.js"), "CVE-2099-0001");
	assert_string_equal(ids_of_name(db, "widget"), "CVE-2099-0001");
	assert_string_equal(ids_of_name(db, "n_a"), "");
	assert_int_equal(cvg_db_lookup_cve5(&rec, NULL, db, "CVE-2099-0001"), 0);
	assert_int_equal(rec->ncontainers, 2);
	assert_true(rec->containers[1].adp);
	assert_int_equal(rec->naffected, 3);
	assert_int_equal(rec->affected[2].container, 1);
	assert_string_equal(rec->affected[0].cpes[0], "cpe:/a:acme:widget:1.0");
	assert_string_equal(rec->affected[0].versions[0].less_than, "1.2");
	assert_int_equal(rec->nconfigs, 1);
	assert_string_equal(rec->configs[0].config.nodes[0].matches[0].criteria,
	        "cpe:2.3:a:acme:node\\.js:*:*:*:*:*:*:*:*");
	assert_int_equal(rec->nmetrics, 1);
	assert_string_equal(rec->metrics[0].metric.score, "7.5");
	assert_string_equal(rec->metrics[0].metric.source, "example");
	assert_int_equal(rec->nkevs, 1);
	assert_int_equal(rec->kevs[0].container, 1);
	assert_string_equal(rec->kevs[0].date_added, "2024-01-03");
	cvg_cve5_free(rec);
	cvg_db_close(db);

	/* no dateUpdated: datePublished is the age; the same record again replaces */
	assert_int_equal(import1(&st, "cve5db/b-nodate.json"), 0);
	expect_stats(&st, 1, 1, 0, 0, 0);
	assert_int_equal(import1(&st, "cve5db/b-nodate.json"), 0);
	expect_stats(&st, 1, 0, 1, 0, 0);
}

static void test_tree_and_nvd(void **state)
{
	static const char *const paths[] = {"db/base.json", "cve5db/tree"};
	cvg_import_stats st;
	cvg_db *db = NULL;
	int64_t rowid;
	bool analysed;

	(void)state;
	if (import_n(&st, paths, 2) < 0)
		fail_msg("%s", cvg_error_last());
	assert_int_equal(st.files, 2);
	assert_int_equal(st.records, 2);
	assert_int_equal(st.inserted, 2);
	expect_stats(&st, 3, 3, 0, 0, 0);
	assert_int_equal(cvg_db_open(&db, db_path, CVG_DB_READONLY), 0);
	assert_string_equal(ids_of_name(db, "zlib"), "CVE-2099-0010,CVE-2099-0011");
	assert_string_equal(ids_of_name(db, "libpng"), "CVE-2099-0012");
	assert_int_equal(cvg__db_nvd_state(&rowid, &analysed, db, "cve-2099-1000"), 0);
	assert_true(rowid > 0);
	assert_true(analysed);
	assert_int_equal(cvg__db_nvd_state(&rowid, &analysed, db, "CVE-2099-0010"), 0);
	assert_int_equal(rowid, 0);
	assert_false(analysed);
	cvg_db_close(db);
}

/* A malformed record in the middle of a tree: NVD and CVE List data of the
 * same import are rolled back, what was there stays. */
static void test_rollback(void **state)
{
	static const char *const before[] = {"db/base.json", "cve5db/a.json"};
	static const char *const failing[] = {
	        "db/new.json", "cve5db/a-newer.json", "cve5db/tree", "cve5db/bad-tree"};
	cvg_import_stats st;
	cvg_db *db = NULL;
	cvg_cve *cve = NULL;
	int64_t rowid;
	bool b;

	(void)state;
	assert_int_equal(import_n(&st, before, 2), 0);
	assert_int_equal(import_n(&st, failing, 4), CVG_EPARSE);
	assert_non_null(strstr(cvg_error_last(), "bad-tree/CVE-2099-0021.json: byte "));
	assert_non_null(strstr(cvg_error_last(), "versions entry without status"));
	assert_int_equal(cvg_db_open(&db, db_path, CVG_DB_READONLY), 0);
	assert_string_equal(names_of(db, "CVE-2099-0001", &rowid), "foo_bar,libfoo,node.js,widget");
	assert_int_equal(cvg__db_cve5_any(&b, db), 0);
	assert_true(b);
	assert_string_equal(ids_of_name(db, "good"), "");
	assert_string_equal(ids_of_name(db, "zlib"), "");
	assert_int_equal(cvg_db_lookup_cve(&cve, NULL, db, "CVE-2099-1000"), 0);
	assert_string_equal(cve->description, "first");
	cvg_cve_free(cve);
	cvg_db_close(db);
}

/* ---- Schema 2 ---- */

static void sql_exec(const char *stmt)
{
	sqlite3 *sql = NULL;

	assert_int_equal(sqlite3_open_v2(db_path, &sql, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	if (sqlite3_exec(sql, stmt, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: %s", stmt, sqlite3_errmsg(sql));
	sqlite3_close(sql);
}

static int64_t sql_int(const char *stmt)
{
	sqlite3 *sql = NULL;
	sqlite3_stmt *st = NULL;
	int64_t v = -1;

	assert_int_equal(sqlite3_open_v2(db_path, &sql, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(sql, stmt, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(sql);
	return v;
}

static void test_migration(void **state)
{
	cvg_import_stats st;
	cvg_db *db = NULL;
	cvg_db_info info;
	cvg_cve *cve = NULL;
	cvg_cve5 *rec = NULL;
	struct ids ids = {{0}, 0, 0};
	bool b = true;

	(void)state;
	/* a schema-2 file: the NVD tables only */
	assert_int_equal(import1(&st, "db/base.json"), 0);
	assert_int_equal(sql_int("PRAGMA user_version"), 3);
	sql_exec("DROP TABLE cve5_name; DROP TABLE cve5; PRAGMA user_version=2");

	/* read-only: no CVE List data, no error, the file untouched */
	assert_int_equal(cvg_db_open(&db, db_path, CVG_DB_READONLY), 0);
	assert_int_equal(cvg__db_cve5_any(&b, db), 0);
	assert_false(b);
	assert_int_equal(cvg__db_cve5_foreach_name(db, "zlib", collect_ids, &ids), 0);
	assert_int_equal(ids.n, 0);
	assert_int_equal(cvg__db_cve5_rejected(&b, db, "CVE-2099-0001"), 0);
	assert_false(b);
	assert_int_equal(cvg__db_cve5_load(&rec, db, 1), CVG_ENOTFOUND);
	assert_int_equal(cvg_db_lookup_cve5(&rec, &b, db, "CVE-2099-0001"), CVG_ENOTFOUND);
	assert_false(b);
	assert_int_equal(cvg_db_info_get(&info, db), 0);
	assert_int_equal(info.cves, 2);
	assert_int_equal(info.cve5_records, 0);
	assert_int_equal(info.cve5_rejected, 0);
	cvg_db_info_dispose(&info);
	assert_int_equal(cvg_db_lookup_cve(&cve, NULL, db, "CVE-2099-1000"), 0);
	cvg_cve_free(cve);
	cvg_db_close(db);
	assert_int_equal(sql_int("PRAGMA user_version"), 2);

	/* writable: upgraded in place, NVD data kept, CVE List data can come */
	assert_int_equal(cvg_db_open(&db, db_path, CVG_DB_WRITE), 0);
	cvg_db_close(db);
	assert_int_equal(sql_int("PRAGMA user_version"), 3);
	assert_int_equal(sql_int("SELECT count(*) FROM sqlite_schema WHERE name IN"
	                         " ('cve5', 'cve5_name', 'cve5_name_cve5')"),
	        3);
	assert_int_equal(sql_int("SELECT count(*) FROM cve"), 2);
	assert_int_equal(import1(&st, "cve5db/a.json"), 0);
	expect_stats(&st, 1, 1, 0, 0, 0);

	/* schema 1 (and anything but 2 and 3) stays refused */
	sql_exec("PRAGMA user_version=1");
	assert_int_equal(cvg_db_open(&db, db_path, CVG_DB_READONLY), CVG_EDB);
	assert_non_null(strstr(cvg_error_last(), "database schema version 1, this cvegate reads "
	                                         "version 3"));
	assert_int_equal(cvg_db_open(&db, db_path, CVG_DB_WRITE), CVG_EDB);
	sql_exec("PRAGMA user_version=4");
	assert_int_equal(cvg_db_open(&db, db_path, CVG_DB_WRITE), CVG_EDB);
	assert_int_equal(sql_int("PRAGMA user_version"), 4);
}

/* A JSON file is CVE List data when its first bytes say so, whatever its
 * name; NVD files still go to the NVD reader. */
static void test_detection(void **state)
{
	static const struct {
		const char *doc;
		int error; /* of the import */
		size_t nvd, cve5;
	} v[] = {
	        /* dataType first, spaces around the colon */
	        {"{\n  \"dataType\" :\t\"CVE_RECORD\", \"dataVersion\": \"5.0\", \"cveMetadata\": "
	         "{\"cveId\": \"CVE-2099-0100\", \"state\": \"PUBLISHED\"}}",
	                0, 0, 1},
	        /* cveMetadata first, no dataType */
	        {"{\"cveMetadata\": {\"cveId\": \"CVE-2099-0101\", \"state\": \"PUBLISHED\"}, "
	         "\"dataVersion\": \"5.1\"}",
	                0, 0, 1},
	        /* an NVD 2.0 page that mentions the words later: NVD */
	        {"{\"resultsPerPage\": 0, \"startIndex\": 0, \"totalResults\": 0, \"format\": "
	         "\"NVD_CVE\", \"version\": \"2.0\", \"timestamp\": \"2099-01-01T00:00:00.000\", "
	         "\"vulnerabilities\": [], \"x\": {\"cveMetadata\": 1, \"dataType\": "
	         "\"CVE_RECORD\"}}",
	                0, 0, 0},
	        /* a CVE record that is malformed goes to the CVE List reader and fails */
	        {"{\"dataType\": \"CVE_RECORD\", \"cveMetadata\": {\"cveId\": \"CVE-2099-0102\"}}",
	                CVG_EPARSE, 0, 0},
	};
	char path[] = "/tmp/cvegate-test-detect-XXXXXX";
	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		cvg_import_stats st;
		const char *p = path;
		int fd;
		memcpy(path + sizeof(path) - 7, "XXXXXX", 6);
		assert_true((fd = mkstemp(path)) >= 0);
		assert_int_equal(write(fd, v[i].doc, strlen(v[i].doc)), (ssize_t)strlen(v[i].doc));
		close(fd);
		assert_int_equal(import_n(&st, &p, 1), v[i].error);
		if (v[i].error == CVG_EPARSE)
			assert_non_null(strstr(cvg_error_last(), "expected cveMetadata.state"));
		if (v[i].error == 0) {
			assert_int_equal(st.records, v[i].nvd);
			assert_int_equal(st.cve5_records, v[i].cve5);
		}
		unlink(path);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_real_records, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_rules, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_fixture_record, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_tree_and_nvd, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_rollback, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_migration, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_detection, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
