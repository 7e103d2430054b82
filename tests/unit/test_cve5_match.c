/*
 * tests/unit/test_cve5_match.c - which CVE List v5 entries name a component
 * and what they say about its version (lib/cve5_match.c), on the real
 * records of ../shared/data/cvelist5 (skipped when the data is absent; found
 * through CVG_SHARED_DATA, else CVG_TEST_DATA/../../../shared/data).
 *
 * The targets are the Debian 12 packages of ../shared/data/pkglists (source
 * sqlite3 3.40.1-2+deb12u1, glibc 2.36-9+deb12u14, libpng1.6
 * 1.6.39-2) and a kernel, with the NVD products the mapping table gives
 * them. Expected verdicts follow from the records' own text: SQLite before
 * 3.50.2 (CVE-2025-6965), glibc 2.1.93 to before 2.40 (CVE-2024-2961, CNA
 * and CISA ADP), libpng's free-text range (CVE-2025-64720), the kernel's
 * git and semver entries (CVE-2024-26581).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "cvegate/cve5.h"
#include "lib/cve5_match.h"
#include "test_helpers.h"

static cvg_cve5 *load(const char *id)
{
	char *dir = shared_data_path("cvelist5"), path[4096], *data;
	cvg_cve5 *rec = NULL;
	struct stat st;
	FILE *fp;
	size_t len;

	if (dir == NULL)
		return NULL;
	snprintf(path, sizeof(path), "%s/%s.json", dir, id);
	free(dir);
	if (stat(path, &st) != 0 || (fp = fopen(path, "rb")) == NULL)
		return NULL;
	data = malloc((size_t)st.st_size + 1);
	assert_non_null(data);
	len = fread(data, 1, (size_t)st.st_size, fp);
	fclose(fp);
	assert_int_equal(cvg_cve5_parse(&rec, path, data, len, NULL), 0);
	free(data);
	return rec;
}

static char *sqlite_pkgs[] = {"libsqlite3-0", "sqlite3"};
static const cvg_product sqlite_prods[] = {{"sqlite", "sqlite"}};
static char *glibc_pkgs[] = {"libc6", "libc-bin"};
static const cvg_product glibc_prods[] = {{"gnu", "glibc"}};
static char *png_pkgs[] = {"libpng16-16"};
static const cvg_product png_prods[] = {{"libpng", "libpng"}};
static char *linux_pkgs[] = {"linux-image-6.1.0-41-amd64"};
static const cvg_product linux_prods[] = {{"linux", "linux_kernel"}};

#define TARGET(name, pkgs, prods, version, scheme)                                                 \
	{                                                                                          \
		name, pkgs, sizeof(pkgs) / sizeof(pkgs[0]), prods,                                 \
		        sizeof(prods) / sizeof(prods[0]), version, scheme                          \
	}

static void test_target_keys(void **state)
{
	cvg__cve5_target t =
	        TARGET("sqlite3", sqlite_pkgs, sqlite_prods, "3.40.1-2+deb12u1", CVG_VERSION_DPKG);
	char keys[8][CVG_CVE5_NAME_KEY_MAX];

	(void)state;
	assert_int_equal(cvg__cve5_target_keys(keys, 8, &t), 3);
	assert_string_equal(keys[0], "sqlite");
	assert_string_equal(keys[1], "sqlite3");
	assert_string_equal(keys[2], "libsqlite3_0");
	assert_int_equal(cvg__cve5_target_keys(keys, 2, &t), 2);
}

static void test_decide(void **state)
{
	static const struct {
		const char *id;
		int target; /* 0 sqlite, 1 glibc, 2 libpng, 3 linux */
		const char *version;
		bool adp;
		cvg__cve5_outcome outcome;
		cvg_match_kind kind;
		const char *criterion;
		const char *product; /* the target product named, or NULL (by name) */
	} v[] = {
	        {"CVE-2025-6965", 0, NULL, true, CVG__CVE5_NOT_NAMED, 0, NULL, NULL},
	        {"CVE-2025-6965", 0, NULL, false, CVG__CVE5_AFFECTED, CVG_MATCH_RANGE,
	                "Google: SQLite SQLite up to 3.50.2 (excluding) [semver]", "sqlite"},
	        {"CVE-2025-6965", 0, "3.50.2-1", false, CVG__CVE5_NOT_AFFECTED, 0, NULL, NULL},
	        /* CISA's ADP names glibc by CPE; the CNA's "The GNU C Library" by vendor word */
	        {"CVE-2024-2961", 1, NULL, true, CVG__CVE5_AFFECTED, CVG_MATCH_RANGE,
	                "CISA-ADP: gnu glibc from 2.1.93 (including) up to 2.40 (excluding) "
	                "[semver]",
	                "glibc"},
	        {"CVE-2024-2961", 1, NULL, false, CVG__CVE5_AFFECTED, CVG_MATCH_RANGE,
	                "glibc: The GNU C Library glibc from 2.1.93 (including) up to 2.40 "
	                "(excluding) [custom]",
	                "glibc"},
	        {"CVE-2024-2961", 1, "2.40-1", false, CVG__CVE5_NOT_AFFECTED, 0, NULL, NULL},
	        /* the range is free text: nothing to compare */
	        {"CVE-2025-64720", 2, NULL, false, CVG__CVE5_UNASSESSED, CVG_MATCH_ANY,
	                "GitHub_M: pnggroup libpng: its versions cannot be compared with 1.6.39-2",
	                "libpng"},
	        /* git entry uncomparable, semver entry says unaffected: unaffected wins */
	        {"CVE-2024-26581", 3, "6.1.90", false, CVG__CVE5_NOT_AFFECTED, 0, NULL, NULL},
	        /* below every fixed series: the uncomparable original_commit_for_fix range
	           could have matched, and the git entry cannot be placed */
	        {"CVE-2024-26581", 3, "6.1.10", false, CVG__CVE5_UNASSESSED, CVG_MATCH_ANY,
	                "Linux: Linux Linux: versions of type git cannot be compared with 6.1.10",
	                NULL},
	        /* n/a names: never named */
	        {"CVE-2024-28085", 0, NULL, false, CVG__CVE5_NOT_NAMED, 0, NULL, NULL},
	};
	const cvg__cve5_target targets[] = {
	        TARGET("sqlite3", sqlite_pkgs, sqlite_prods, "3.40.1-2+deb12u1", CVG_VERSION_DPKG),
	        TARGET("glibc", glibc_pkgs, glibc_prods, "2.36-9+deb12u14", CVG_VERSION_DPKG),
	        TARGET("libpng1.6", png_pkgs, png_prods, "1.6.39-2", CVG_VERSION_DPKG),
	        TARGET("linux", linux_pkgs, linux_prods, "6.1.90", CVG_VERSION_UPSTREAM),
	};

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		cvg_cve5 *rec = load(v[i].id);
		cvg__cve5_target t = targets[v[i].target];
		cvg__cve5_decision d;

		if (rec == NULL)
			skip();
		if (v[i].version)
			t.version = v[i].version;
		assert_int_equal(cvg__cve5_decide(&d, rec, v[i].adp, &t), 0);
		if (d.outcome != v[i].outcome)
			fail_msg("%s #%zu: outcome %d, expected %d", v[i].id, i, d.outcome,
			        v[i].outcome);
		if (v[i].criterion) {
			assert_non_null(d.criterion);
			if (strcmp(d.criterion, v[i].criterion) != 0)
				fail_msg("%s #%zu: '%s'", v[i].id, i, d.criterion);
			assert_int_equal(d.kind, v[i].kind);
		} else {
			assert_null(d.criterion);
		}
		if (v[i].product) {
			assert_non_null(d.product);
			assert_string_equal(d.product->product, v[i].product);
		} else if (v[i].outcome >= CVG__CVE5_AFFECTED) {
			assert_null(d.product);
		}
		free(d.criterion);
		cvg_cve5_free(rec);
	}
}

/* Products are compared without vendors (curl's CNA writes "curl", the NVD
 * "haxx"); "n/a" names nothing; a package name names the package. */
static void test_entry_names(void **state)
{
	cvg_cve5_affected a;
	const cvg_product *p;
	cvg__cve5_target t = TARGET("sqlite3", sqlite_pkgs, sqlite_prods, "3.40.1", 0);
	char foo[] = "Foo Corp", sqlite[] = "SQLite", pkg[] = "libsqlite3-0", na[] = "n/a";

	(void)state;
	memset(&a, 0, sizeof(a));
	a.vendor = foo;
	a.product = sqlite;
	assert_true(cvg__cve5_entry_names(&a, &t, &p));
	assert_ptr_equal(p, &sqlite_prods[0]);
	a.vendor = na;
	assert_true(cvg__cve5_entry_names(&a, &t, &p));
	assert_ptr_equal(p, &sqlite_prods[0]);
	a.product = na;
	assert_false(cvg__cve5_entry_names(&a, &t, &p));
	a.package_name = pkg;
	assert_true(cvg__cve5_entry_names(&a, &t, &p));
	assert_null(p);
}

static void test_to_cve(void **state)
{
	cvg_cve5 *rec = load("CVE-2025-6965");
	cvg_cve *cve = NULL;

	(void)state;
	if (rec == NULL)
		skip();
	assert_int_equal(cvg__cve5_to_cve(&cve, rec, NULL), 0);
	assert_string_equal(cve->id, "CVE-2025-6965");
	assert_string_equal(cve->source_id, "Google");
	assert_string_equal(cve->published, "2025-07-15T13:44:00.784Z");
	assert_int_equal(cve->nmetrics, 1);
	assert_string_equal(cve->metrics[0].type, "CNA");
	assert_string_equal(cve->metrics[0].source, "Google");
	assert_string_equal(cve->metrics[0].score, "7.2");
	assert_int_equal(cve->metrics[0].version, CVG_CVSS_V40);
	assert_int_equal(
	        strncmp(cve->description, "There exists a vulnerability in SQLite", 38), 0);
	cvg_cve_free(cve);
	cvg_cve5_free(rec);

	/* an NVD record's Primary score comes first, its Secondary ones are not copied */
	assert_non_null(rec = load("CVE-2024-2961"));
	{
		cvg_cve *nvd = NULL;
		cvg_metric *m;
		char src[] = "nvd@nist.gov", prim[] = "Primary", sec[] = "Secondary", s1[] = "8.8",
		     s2[] = "5.0";

		assert_int_equal(cvg_cve_new(&nvd), 0);
		m = cvg_cve_add_metric(nvd);
		m->version = CVG_CVSS_V31;
		m->source = strdup(src);
		m->type = strdup(sec);
		m->score = strdup(s2);
		m = cvg_cve_add_metric(nvd);
		m->version = CVG_CVSS_V31;
		m->source = strdup(src);
		m->type = strdup(prim);
		m->score = strdup(s1);
		assert_int_equal(cvg__cve5_to_cve(&cve, rec, nvd), 0);
		assert_int_equal(cve->nmetrics, 2);
		assert_string_equal(cve->metrics[0].type, "Primary");
		assert_string_equal(cve->metrics[0].score, "8.8");
		assert_string_equal(cve->metrics[1].type, "ADP");
		assert_string_equal(cve->metrics[1].source, "CISA-ADP");
		assert_string_equal(cve->metrics[1].score, "7.3");
		cvg_cve_free(nvd);
		cvg_cve_free(cve);
	}
	cvg_cve5_free(rec);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_target_keys),
	        cmocka_unit_test(test_decide),
	        cmocka_unit_test(test_entry_names),
	        cmocka_unit_test(test_to_cve),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
