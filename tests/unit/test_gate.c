/*
 * tests/unit/test_gate.c - which score the gate uses (--cvss and its
 * fallback) and the severity it derives from a score on the CVSS v3 scale
 * for every version (docs/matching.md, "The gate"). Synthetic records.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cvegate/cve.h"
#include "cvegate/scan.h"

static void add(cvg_cve *cve, cvg_cvss_version v, const char *type, const char *score)
{
	cvg_metric *m = cvg_cve_add_metric(cve);

	assert_non_null(m);
	m->version = v;
	assert_int_equal(cvg_cve_set_string(&m->type, type, strlen(type)), 0);
	assert_int_equal(cvg_cve_set_string(&m->score, score, strlen(score)), 0);
}

static void test_pick(void **state)
{
	cvg_cve *cve = NULL, *v2only = NULL, *none = NULL;

	(void)state;
	assert_int_equal(cvg_cve_new(&cve), 0);
	add(cve, CVG_CVSS_V2, "Primary", "10.0");
	add(cve, CVG_CVSS_V31, "Secondary", "7.5");
	add(cve, CVG_CVSS_V30, "Primary", "6.5");
	add(cve, CVG_CVSS_V31, "Secondary", "7.3");
	/* default: any Primary beats a Secondary, then the newest version */
	assert_string_equal(cvg_scan_pick_metric(cve, 0)->score, "6.5");
	assert_ptr_equal(cvg_scan_pick_metric(cve, 0), cvg_scan_gate_metric(cve));
	/* --cvss 3: the Primary 3.0 beats the Secondary 3.1s */
	assert_string_equal(cvg_scan_pick_metric(cve, 3)->score, "6.5");
	/* --cvss 2 */
	assert_string_equal(cvg_scan_pick_metric(cve, 2)->score, "10.0");
	/* --cvss 4: none of that version, the default pick */
	assert_string_equal(cvg_scan_pick_metric(cve, 4)->score, "6.5");

	assert_int_equal(cvg_cve_new(&v2only), 0);
	add(v2only, CVG_CVSS_V2, "Primary", "5.0");
	assert_string_equal(cvg_scan_pick_metric(v2only, 3)->score, "5.0");

	assert_int_equal(cvg_cve_new(&none), 0);
	assert_null(cvg_scan_pick_metric(none, 3));
	assert_null(cvg_scan_pick_metric(none, 0));
	cvg_cve_free(cve);
	cvg_cve_free(v2only);
	cvg_cve_free(none);
}

static void test_severity(void **state)
{
	static const struct {
		const char *score;
		cvg_severity want;
	} v[] = {
	        {"0.0", CVG_SEV_NONE},
	        {"0.1", CVG_SEV_LOW},
	        {"3.9", CVG_SEV_LOW},
	        {"4.0", CVG_SEV_MEDIUM},
	        {"6.9", CVG_SEV_MEDIUM},
	        {"7.0", CVG_SEV_HIGH},
	        {"8.9", CVG_SEV_HIGH},
	        {"9.0", CVG_SEV_CRITICAL},
	        /* a CVSS v2 10.0 has no 'critical' in v2 terms; the gate says critical */
	        {"10.0", CVG_SEV_CRITICAL},
	        {"", CVG_SEV_NONE},
	        {"abc", CVG_SEV_NONE},
	        {NULL, CVG_SEV_NONE},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (cvg_severity_of_score(v[i].score) != v[i].want)
			fail_msg("%s: got %d", v[i].score ? v[i].score : "(null)",
			        cvg_severity_of_score(v[i].score));
	assert_string_equal(cvg_severity_name(CVG_SEV_CRITICAL), "critical");
	assert_string_equal(cvg_severity_name(CVG_SEV_LOW), "low");
	assert_string_equal(cvg_severity_name(CVG_SEV_NONE), "none");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_pick),
	        cmocka_unit_test(test_severity),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
