/*
 * tests/unit/test_report_sarif.c - the SARIF 2.1.0 writer on results built
 * by hand (report_fixture.h), parsed back with yajl's tree parser.
 *
 * What is asserted is what GitHub code scanning needs (GitHub's "SARIF
 * support for code scanning"): tool.driver.name and rules, every result
 * with ruleId, a level, a message and locations[0].physicalLocation
 * (artifactLocation.uri, region.startLine >= 1), security-severity as a
 * string, stable partialFingerprints. The expected fingerprint was computed
 * independently: python3 -c "import hashlib; print(hashlib.sha256(
 * b'build/image%20manifest.txt\0busybox\0CVE-2023-0001\0').hexdigest())".
 * Validation against the OASIS JSON schema runs in tests/integration/report_formats.sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <yajl/yajl_tree.h>

#include "report_fixture_basic.h"

static yajl_val parse(const char *text)
{
	char err[256];
	yajl_val v = yajl_tree_parse(text, err, sizeof(err));

	if (v == NULL)
		fail_msg("not JSON: %s", err);
	return v;
}

static yajl_val at(yajl_val v, const char *const *path)
{
	for (; v && *path; path++) {
		if ((*path)[0] == '#') {
			size_t i = (size_t)strtoul(*path + 1, NULL, 10);
			if (!YAJL_IS_ARRAY(v) || i >= v->u.array.len)
				return NULL;
			v = v->u.array.values[i];
		} else {
			const char *one[2] = {*path, NULL};
			v = yajl_tree_get(v, one, yajl_t_any);
		}
	}
	return v;
}

#define P(...)                                                                                     \
	(const char *const[])                                                                      \
	{                                                                                          \
		__VA_ARGS__, NULL                                                                  \
	}

static void assert_str(yajl_val root, const char *const *path, const char *expected)
{
	yajl_val v = at(root, path);

	if (!YAJL_IS_STRING(v))
		fail_msg("%s...: expected the string \"%s\"", path[0], expected);
	assert_string_equal(YAJL_GET_STRING(v), expected);
}

static void assert_int(yajl_val root, const char *const *path, long long expected)
{
	yajl_val v = at(root, path);

	assert_true(YAJL_IS_INTEGER(v));
	assert_int_equal(YAJL_GET_INTEGER(v), expected);
}

static void test_document(void **state)
{
	fixture *x = fx_new();
	char *out = NULL;
	yajl_val r, results;
	size_t i;

	(void)state;
	x->comps[1].line = 0; /* glibc: line unknown */
	assert_int_equal(fx_render(cvg_report_write_sarif, &out, &x->res, &x->info), 0);
	r = parse(out);
	assert_str(r, P("version"), "2.1.0");
	assert_str(r, P("$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
	assert_str(r, P("runs", "#0", "tool", "driver", "name"), "cvegate");
	assert_true(YAJL_IS_STRING(at(r, P("runs", "#0", "tool", "driver", "version"))));

	/* one rule per CVE, sorted by id */
	assert_int_equal(at(r, P("runs", "#0", "tool", "driver", "rules"))->u.array.len, 4);
	assert_str(r, P("runs", "#0", "tool", "driver", "rules", "#0", "id"), "CVE-2023-0001");
	assert_str(r, P("runs", "#0", "tool", "driver", "rules", "#0", "shortDescription", "text"),
	        "CVE-2023-0001: Heap overflow in the DHCP client.");
	assert_str(r, P("runs", "#0", "tool", "driver", "rules", "#0", "helpUri"),
	        "https://nvd.nist.gov/vuln/detail/CVE-2023-0001");
	assert_str(r, P("runs", "#0", "tool", "driver", "rules", "#0", "help", "text"),
	        "CVE-2023-0001: CRITICAL 9.8 (CVSS 3.1: "
	        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H)\n\nHeap overflow in the DHCP "
	        "client.\n\nWeaknesses: CWE-787\nPublished: "
	        "2023-01-02T10:00:00.000\nhttps://nvd.nist.gov/vuln/detail/CVE-2023-0001\n");
	assert_str(r,
	        P("runs", "#0", "tool", "driver", "rules", "#0", "properties", "security-severity"),
	        "9.8");
	assert_str(r, P("runs", "#0", "tool", "driver", "rules", "#0", "properties", "tags", "#2"),
	        "CWE-787");
	assert_str(r,
	        P("runs", "#0", "tool", "driver", "rules", "#3", "defaultConfiguration", "level"),
	        "error");
	/* no score: no security-severity, level warning */
	assert_null(at(r, P("runs", "#0", "tool", "driver", "rules", "#2", "properties",
	                          "security-severity")));
	assert_str(r,
	        P("runs", "#0", "tool", "driver", "rules", "#2", "defaultConfiguration", "level"),
	        "warning");

	/* every result has a location GitHub accepts */
	results = at(r, P("runs", "#0", "results"));
	assert_non_null(results);
	assert_int_equal(results->u.array.len, 4);
	for (i = 0; i < 4; i++) {
		yajl_val res = results->u.array.values[i];
		yajl_val line =
		        at(res, P("locations", "#0", "physicalLocation", "region", "startLine"));
		assert_str(res, P("locations", "#0", "physicalLocation", "artifactLocation", "uri"),
		        "build/image%20manifest.txt");
		assert_true(YAJL_IS_INTEGER(line) && YAJL_GET_INTEGER(line) >= 1);
		assert_true(YAJL_IS_STRING(at(res, P("message", "text"))));
		assert_true(YAJL_IS_STRING(at(res, P("partialFingerprints", "cvegate/v1"))));
	}
	assert_str(r, P("runs", "#0", "results", "#0", "ruleId"), "CVE-2023-0001");
	assert_int(r, P("runs", "#0", "results", "#0", "ruleIndex"), 0);
	assert_str(r, P("runs", "#0", "results", "#0", "level"), "error");
	assert_int(r,
	        P("runs", "#0", "results", "#0", "locations", "#0", "physicalLocation", "region",
	                "startLine"),
	        3);
	assert_int(r,
	        P("runs", "#0", "results", "#2", "locations", "#0", "physicalLocation", "region",
	                "startLine"),
	        1);
	assert_str(r, P("runs", "#0", "results", "#0", "partialFingerprints", "cvegate/v1"),
	        "01cb52549d3a21751b13e94413aaa66789dde351d16c65d01116ddb03c974bd4");
	assert_str(r, P("runs", "#0", "results", "#0", "message", "text"),
	        "busybox 1.35.0-r0 is affected by CVE-2023-0001, CRITICAL 9.8 (CVSS 3.1: "
	        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H); fails the gate. Matched range: "
	        "cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:* up to 1.36.0 (excluding).");
	/* MEDIUM is a warning; the ignored finding carries a suppression */
	assert_int(r, P("runs", "#0", "results", "#1", "ruleIndex"), 1);
	assert_str(r, P("runs", "#0", "results", "#1", "level"), "warning");
	assert_str(r, P("runs", "#0", "results", "#1", "suppressions", "#0", "kind"), "external");
	assert_str(r, P("runs", "#0", "results", "#1", "suppressions", "#0", "justification"),
	        "not built, see #12");
	assert_null(at(r, P("runs", "#0", "results", "#0", "suppressions")));
	assert_str(r, P("runs", "#0", "results", "#3", "level"), "error");
	assert_non_null(strstr(out, "\"score\": 9.8,"));
	yajl_tree_free(r);
	free(out);
	fx_free(x);
}

/* The same finding gets the same fingerprint in another run and at
 * another version and line; another CVE or package gets another one. */
static void test_fingerprint_stable(void **state)
{
	fixture *x = fx_new();
	char *a = NULL, *b = NULL;
	yajl_val ra, rb;
	const char *fa0, *fa1, *fb0;

	(void)state;
	assert_int_equal(fx_render(cvg_report_write_sarif, &a, &x->res, &x->info), 0);
	x->comps[0].version = "1.36.0-r0";
	x->comps[0].line = 30;
	assert_int_equal(fx_render(cvg_report_write_sarif, &b, &x->res, &x->info), 0);
	ra = parse(a);
	rb = parse(b);
	fa0 = YAJL_GET_STRING(
	        at(ra, P("runs", "#0", "results", "#0", "partialFingerprints", "cvegate/v1")));
	fa1 = YAJL_GET_STRING(
	        at(ra, P("runs", "#0", "results", "#1", "partialFingerprints", "cvegate/v1")));
	fb0 = YAJL_GET_STRING(
	        at(rb, P("runs", "#0", "results", "#0", "partialFingerprints", "cvegate/v1")));
	assert_string_equal(fa0, fb0);
	assert_string_not_equal(fa0, fa1);
	yajl_tree_free(ra);
	yajl_tree_free(rb);
	free(a);
	free(b);
	fx_free(x);
}

/* The same name at two versions in one list: two alerts, not one. */
static void test_fingerprint_two_versions(void **state)
{
	fixture *x = fx_new();
	char *out = NULL;
	yajl_val r;

	(void)state;
	x->comps[1].name = "busybox";
	x->f[2].cve = x->cves[0];
	assert_int_equal(fx_render(cvg_report_write_sarif, &out, &x->res, &x->info), 0);
	r = parse(out);
	assert_str(r, P("runs", "#0", "results", "#2", "ruleId"), "CVE-2023-0001");
	assert_string_not_equal(
	        YAJL_GET_STRING(at(
	                r, P("runs", "#0", "results", "#0", "partialFingerprints", "cvegate/v1"))),
	        YAJL_GET_STRING(at(
	                r, P("runs", "#0", "results", "#2", "partialFingerprints", "cvegate/v1"))));
	/* the first keeps the fingerprint it has alone */
	assert_str(r, P("runs", "#0", "results", "#0", "partialFingerprints", "cvegate/v1"),
	        "01cb52549d3a21751b13e94413aaa66789dde351d16c65d01116ddb03c974bd4");
	yajl_tree_free(r);
	free(out);
	fx_free(x);
}

/* A path with characters a URI may not hold is percent-encoded; a
 * component without a file falls back to the inventory. */
static void test_uri(void **state)
{
	fixture *x = fx_new();
	char *out = NULL;
	yajl_val r;

	(void)state;
	x->comps[0].file = "dir:x/caf\xC3\xA9 #1?\xFF.txt";
	x->comps[1].file = NULL;
	x->info.inventory = "inv/list.txt";
	assert_int_equal(fx_render(cvg_report_write_sarif, &out, &x->res, &x->info), 0);
	r = parse(out);
	assert_str(r,
	        P("runs", "#0", "results", "#0", "locations", "#0", "physicalLocation",
	                "artifactLocation", "uri"),
	        "dir%3Ax/caf%C3%A9%20%231%3F%EF%BF%BD.txt");
	assert_str(r,
	        P("runs", "#0", "results", "#2", "locations", "#0", "physicalLocation",
	                "artifactLocation", "uri"),
	        "inv/list.txt");
	yajl_tree_free(r);
	free(out);
	fx_free(x);
}

static void test_empty(void **state)
{
	cvg_scan_result res;
	fx_info info = {"list.txt", 0, NULL, false};
	char *out = NULL;
	yajl_val r;

	(void)state;
	memset(&res, 0, sizeof(res));
	assert_int_equal(fx_render(cvg_report_write_sarif, &out, &res, &info), 0);
	r = parse(out);
	assert_int_equal(at(r, P("runs", "#0", "results"))->u.array.len, 0);
	assert_int_equal(at(r, P("runs", "#0", "tool", "driver", "rules"))->u.array.len, 0);
	yajl_tree_free(r);
	free(out);
}

static void test_full_disk(void **state)
{
	(void)state;
	fx_assert_full_disk(cvg_report_write_sarif);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_document),
	        cmocka_unit_test(test_fingerprint_stable),
	        cmocka_unit_test(test_fingerprint_two_versions),
	        cmocka_unit_test(test_uri),
	        cmocka_unit_test(test_empty),
	        cmocka_unit_test(test_full_disk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
