/*
 * Unit tests for lib/match.c: criterion version verdicts and the
 * three-valued evaluation of configurations. The criteria are real NVD ones
 * (record ids in the comments); docs/matching.md states each rule.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cvegate/cpe.h"
#include "lib/match.h"

typedef struct version_vector {
	const char *criteria;
	const char *si, *se, *ei, *ee;
	const char *version;
	cvg__verdict verdict;
	cvg_match_kind kind; /* checked when verdict is YES */
} version_vector;

static const version_vector version_vectors[] = {
        /* CVE-2014-0160: openssl from 1.0.1 (incl) up to 1.0.1g (excl) */
        {"cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*", "1.0.1", NULL, NULL, "1.0.1g", "1.0.1f",
                CVG_VERDICT_YES, CVG_MATCH_RANGE},
        {"cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*", "1.0.1", NULL, NULL, "1.0.1g", "1.0.1",
                CVG_VERDICT_YES, CVG_MATCH_RANGE},
        {"cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*", "1.0.1", NULL, NULL, "1.0.1g", "1.0.1g",
                CVG_VERDICT_NO, 0},
        {"cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*", "1.0.1", NULL, NULL, "1.0.1g", "1.0.0t",
                CVG_VERDICT_NO, 0},
        {"cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*", "1.0.1", NULL, NULL, "1.0.1g", "1.0.2",
                CVG_VERDICT_NO, 0},
        /* CVE-2016-2147: busybox up to 1.24.2 (incl) */
        {"cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:*", NULL, NULL, "1.24.2", NULL, "1.24.1",
                CVG_VERDICT_YES, CVG_MATCH_RANGE},
        {"cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:*", NULL, NULL, "1.24.2", NULL, "1.24.2",
                CVG_VERDICT_YES, CVG_MATCH_RANGE},
        {"cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:*", NULL, NULL, "1.24.2", NULL, "1.25.0",
                CVG_VERDICT_NO, 0},
        /* a start bound excluding */
        {"cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:*", NULL, "1.24.1", NULL, NULL, "1.24.1",
                CVG_VERDICT_NO, 0},
        /* CVE-2014-6271: bash single versions, update field continues the version */
        {"cpe:2.3:a:gnu:bash:4.3:*:*:*:*:*:*:*", NULL, NULL, NULL, NULL, "4.3", CVG_VERDICT_YES,
                CVG_MATCH_EXACT},
        {"cpe:2.3:a:gnu:bash:4.3:*:*:*:*:*:*:*", NULL, NULL, NULL, NULL, "4.3.0", CVG_VERDICT_YES,
                CVG_MATCH_EXACT},
        {"cpe:2.3:a:gnu:bash:4.3:*:*:*:*:*:*:*", NULL, NULL, NULL, NULL, "4.3.30", CVG_VERDICT_NO,
                0},
        {"cpe:2.3:a:gnu:bash:4.0:rc1:*:*:*:*:*:*", NULL, NULL, NULL, NULL, "4.0rc1",
                CVG_VERDICT_YES, CVG_MATCH_EXACT},
        {"cpe:2.3:a:gnu:bash:4.0:rc1:*:*:*:*:*:*", NULL, NULL, NULL, NULL, "4.0", CVG_VERDICT_NO,
                0},
        {"cpe:2.3:a:gnu:bash:2.05:a:*:*:*:*:*:*", NULL, NULL, NULL, NULL, "2.05a", CVG_VERDICT_YES,
                CVG_MATCH_EXACT},
        /* openssh 7.4 with update p1 (NVD writes 7.4:p1) */
        {"cpe:2.3:a:openbsd:openssh:7.4:p1:*:*:*:*:*:*", NULL, NULL, NULL, NULL, "7.4p1",
                CVG_VERDICT_YES, CVG_MATCH_EXACT},
        {"cpe:2.3:a:openbsd:openssh:7.4:p1:*:*:*:*:*:*", NULL, NULL, NULL, NULL, "7.4",
                CVG_VERDICT_NO, 0},
        /* update NA: just the version (CVE-2025-32463 writes sudo 1.9.17:-) */
        {"cpe:2.3:a:sudo_project:sudo:1.9.17:-:*:*:*:*:*:*", NULL, NULL, NULL, NULL, "1.9.17",
                CVG_VERDICT_YES, CVG_MATCH_EXACT},
        /* any version */
        {"cpe:2.3:a:sqlite:sqlite:*:*:*:*:*:*:*:*", NULL, NULL, NULL, NULL, "3.8.0",
                CVG_VERDICT_YES, CVG_MATCH_ANY},
        {"cpe:2.3:a:sqlite:sqlite:*:*:*:*:*:*:*:*", NULL, NULL, NULL, NULL, NULL, CVG_VERDICT_YES,
                CVG_MATCH_ANY},
        /* NA version: never a versioned package (CVE-2014-0160's siemens hardware) */
        {"cpe:2.3:h:siemens:application_processing_engine:-:*:*:*:*:*:*:*", NULL, NULL, NULL, NULL,
                "2.0", CVG_VERDICT_NA, 0},
        /* junk that NVD holds: no comparison, never a guess */
        {"cpe:2.3:a:x:y:*:*:*:*:*:*:*:*", NULL, NULL, "branch_1-9", NULL, "1.0",
                CVG_VERDICT_UNKNOWN, 0},
        {"cpe:2.3:a:x:y:m4\\/m5:*:*:*:*:*:*:*", NULL, NULL, NULL, NULL, "1.0", CVG_VERDICT_UNKNOWN,
                0},
        /* a package version that could not be reduced to an upstream one */
        {"cpe:2.3:a:x:y:*:*:*:*:*:*:*:*", NULL, NULL, "2.0", NULL, NULL, CVG_VERDICT_UNKNOWN, 0},
};

static void test_version_vectors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(version_vectors) / sizeof(version_vectors[0]); i++) {
		const version_vector *v = &version_vectors[i];
		cvg_cpe *cpe = NULL;
		cvg_match_kind kind = (cvg_match_kind)99;
		cvg__verdict got;

		assert_int_equal(cvg_cpe_parse(&cpe, v->criteria), 0);
		cvg__version_spec spec = {&cpe->attr[CVG_CPE_VERSION], &cpe->attr[CVG_CPE_UPDATE],
		        v->si, v->se, v->ei, v->ee};
		got = cvg__match_version(&kind, &spec, v->version);
		if (got != v->verdict)
			fail_msg("vector %zu (%s vs %s): verdict %d, expected %d", i, v->criteria,
			        v->version ? v->version : "(none)", got, v->verdict);
		if (got == CVG_VERDICT_YES)
			assert_int_equal(kind, v->kind);
		cvg_cpe_free(cpe);
	}
}

/* ---- configurations ---- */

/* Truth by criteria string: a table the test sets per case. */
typedef struct truth_table {
	const char *criteria[4];
	cvg__tri value[4];
} truth_table;

static cvg__tri table_truth(const cvg_cpe_match *m, void *payload)
{
	const truth_table *t = payload;
	for (size_t i = 0; i < 4 && t->criteria[i]; i++)
		if (strcmp(t->criteria[i], m->criteria) == 0)
			return t->value[i];
	return CVG_TRI_FALSE;
}

static cvg_cpe_match match_of(const char *criteria, bool vulnerable)
{
	cvg_cpe_match m;
	memset(&m, 0, sizeof(m));
	m.criteria = (char *)criteria;
	m.vulnerable = vulnerable;
	return m;
}

/* CVE-2016-9318: AND(OR(libxml2 <= 2.9.4), OR(xmlsec <= 1.2.23, not vulnerable)) */
static void test_and_running_on(void **state)
{
	cvg_cpe_match lib = match_of("libxml2", true), sec = match_of("xmlsec", false);
	cvg_node nodes[2] = {{CVG_OP_OR, false, &lib, 1}, {CVG_OP_OR, false, &sec, 1}};
	cvg_config cfg = {CVG_OP_AND, false, nodes, 2};
	truth_table present = {{"libxml2", "xmlsec"}, {CVG_TRI_TRUE, CVG_TRI_TRUE}};
	truth_table absent = {{"libxml2", "xmlsec"}, {CVG_TRI_TRUE, CVG_TRI_UNKNOWN}};
	truth_table other = {{"libxml2", "xmlsec"}, {CVG_TRI_TRUE, CVG_TRI_FALSE}};
	truth_table fixed = {{"libxml2", "xmlsec"}, {CVG_TRI_FALSE, CVG_TRI_UNKNOWN}};

	(void)state;
	assert_int_equal(cvg__config_eval(&cfg, table_truth, &present), CVG_TRI_TRUE);
	assert_int_equal(cvg__config_eval(&cfg, table_truth, &absent), CVG_TRI_UNKNOWN);
	assert_int_equal(cvg__config_eval(&cfg, table_truth, &other), CVG_TRI_FALSE);
	assert_int_equal(cvg__config_eval(&cfg, table_truth, &fixed), CVG_TRI_FALSE);
}

/*
 * Yocto's checker stopped at the first non-vulnerable entry of a node; here
 * every match of an OR node counts, wherever it stands.
 */
static void test_or_keeps_later_matches(void **state)
{
	cvg_cpe_match ms[3] = {match_of("a", true), match_of("b", true), match_of("c", true)};
	cvg_node node = {CVG_OP_OR, false, ms, 3};
	cvg_config cfg = {CVG_OP_OR, false, &node, 1};
	truth_table last = {{"a", "b", "c"}, {CVG_TRI_FALSE, CVG_TRI_FALSE, CVG_TRI_TRUE}};
	truth_table none = {{"a", "b", "c"}, {CVG_TRI_FALSE, CVG_TRI_FALSE, CVG_TRI_FALSE}};

	(void)state;
	assert_int_equal(cvg__config_eval(&cfg, table_truth, &last), CVG_TRI_TRUE);
	assert_int_equal(cvg__config_eval(&cfg, table_truth, &none), CVG_TRI_FALSE);
}

static void test_negation(void **state)
{
	cvg_cpe_match a = match_of("a", true), b = match_of("b", false);
	cvg_node nodes[2] = {{CVG_OP_OR, false, &a, 1}, {CVG_OP_OR, true, &b, 1}};
	cvg_config cfg = {CVG_OP_AND, false, nodes, 2};
	truth_table b_true = {{"a", "b"}, {CVG_TRI_TRUE, CVG_TRI_TRUE}};
	truth_table b_false = {{"a", "b"}, {CVG_TRI_TRUE, CVG_TRI_FALSE}};
	truth_table b_unknown = {{"a", "b"}, {CVG_TRI_TRUE, CVG_TRI_UNKNOWN}};

	(void)state;
	assert_int_equal(cvg__config_eval(&cfg, table_truth, &b_true), CVG_TRI_FALSE);
	assert_int_equal(cvg__config_eval(&cfg, table_truth, &b_false), CVG_TRI_TRUE);
	assert_int_equal(cvg__config_eval(&cfg, table_truth, &b_unknown), CVG_TRI_UNKNOWN);
	cfg.negate = true;
	assert_int_equal(cvg__config_eval(&cfg, table_truth, &b_false), CVG_TRI_FALSE);
}

/* An AND node (1.1 "operator": "AND" with cpe_match directly: 4 records in 2002-2018). */
static void test_and_node(void **state)
{
	cvg_cpe_match ms[2] = {match_of("a", true), match_of("b", true)};
	cvg_node node = {CVG_OP_AND, false, ms, 2};
	cvg_config cfg = {CVG_OP_OR, false, &node, 1};
	truth_table one = {{"a", "b"}, {CVG_TRI_TRUE, CVG_TRI_FALSE}};
	truth_table both = {{"a", "b"}, {CVG_TRI_TRUE, CVG_TRI_TRUE}};

	(void)state;
	assert_int_equal(cvg__config_eval(&cfg, table_truth, &one), CVG_TRI_FALSE);
	assert_int_equal(cvg__config_eval(&cfg, table_truth, &both), CVG_TRI_TRUE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_version_vectors),
	        cmocka_unit_test(test_and_running_on),
	        cmocka_unit_test(test_or_keeps_later_matches),
	        cmocka_unit_test(test_negation),
	        cmocka_unit_test(test_and_node),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
