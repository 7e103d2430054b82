/*
 * tests/unit/test_report_json.c - the JSON writer (schema cvegate-report/1,
 * docs/report-json.md) on results built by hand (report_fixture.h).
 *
 * The output is parsed back with yajl's tree parser and every documented
 * field of a finding is looked at; scores are checked in the raw text
 * (9.8 stays 9.8, 10.0 stays 10.0, as NVD writes them). The empty report
 * is compared byte for byte after the tool version.
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

/* The value at a path of keys; array elements by "#N". */
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

	if (expected == NULL) {
		if (!YAJL_IS_NULL(v))
			fail_msg("%s...: expected null", path[0]);
		return;
	}
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

static void assert_bool(yajl_val root, const char *const *path, bool expected)
{
	yajl_val v = at(root, path);

	assert_true(expected ? YAJL_IS_TRUE(v) : YAJL_IS_FALSE(v));
}

static size_t array_len(yajl_val root, const char *const *path)
{
	yajl_val v = at(root, path);

	assert_true(YAJL_IS_ARRAY(v));
	return v->u.array.len;
}

static void test_fields(void **state)
{
	fixture *x = fx_new();
	char *out = NULL;
	yajl_val r;

	(void)state;
	assert_int_equal(fx_render(cvg_report_write_json, &out, &x->res, &x->info), 0);
	r = parse(out);
	assert_str(r, P("schema"), "cvegate-report/1");
	assert_str(r, P("tool", "name"), "cvegate");
	assert_str(r, P("generated"), "2023-11-14T22:13:20Z");
	assert_str(r, P("inventory"), "build/image manifest.txt");
	assert_str(r, P("database", "path"), "nvd.sqlite");
	assert_str(r, P("database", "updated"), "2024-01-02T03:04:05");
	assert_int(r, P("summary", "components"), 3);
	assert_int(r, P("summary", "unmapped"), 1);
	assert_int(r, P("summary", "findings"), 4);
	assert_int(r, P("summary", "failing"), 2);
	assert_int(r, P("summary", "ignored"), 1);
	assert_int(r, P("summary", "conditional"), 1);
	assert_int(r, P("summary", "below_threshold"), 0);

	/* components, with coverage */
	assert_int_equal(array_len(r, P("components")), 3);
	assert_str(r, P("components", "#0", "name"), "busybox");
	assert_str(r, P("components", "#0", "upstream_version"), "1.35.0");
	assert_str(r, P("components", "#0", "version_scheme"), "opkg");
	assert_str(r, P("components", "#0", "packages", "#1"), "busybox-udhcpc");
	assert_int(r, P("components", "#0", "line"), 3);
	assert_str(r, P("components", "#1", "products", "#1"), "gnu:libc");
	assert_int(r, P("components", "#1", "criteria"), 12);
	assert_bool(r, P("components", "#1", "unmapped"), false);
	assert_str(r, P("components", "#2", "name"), "mytool");
	assert_str(r, P("components", "#2", "line"), NULL);
	assert_int(r, P("components", "#2", "criteria"), 0);
	assert_bool(r, P("components", "#2", "unmapped"), true);
	assert_str(r, P("components", "#2", "identified"), "plain name");

	/* a failing finding: every field */
	assert_int_equal(array_len(r, P("findings")), 4);
	assert_str(r, P("findings", "#0", "cve"), "CVE-2023-0001");
	assert_int(r, P("findings", "#0", "component"), 0);
	assert_str(r, P("findings", "#0", "package"), "busybox");
	assert_str(r, P("findings", "#0", "version"), "1.35.0-r0");
	assert_str(r, P("findings", "#0", "packages", "#0"), "busybox");
	assert_str(r, P("findings", "#0", "identified"), "mapping table");
	assert_str(r, P("findings", "#0", "identifier"), NULL);
	assert_str(r, P("findings", "#0", "status"), "failing");
	assert_bool(r, P("findings", "#0", "failing"), true);
	assert_str(r, P("findings", "#0", "severity"), "CRITICAL");
	assert_str(r, P("findings", "#0", "score", "version"), "3.1");
	assert_str(r, P("findings", "#0", "score", "vector"),
	        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
	assert_int_equal(array_len(r, P("findings", "#0", "metrics")), 2);
	assert_str(r, P("findings", "#0", "metrics", "#1", "version"), "2.0");
	assert_str(r, P("findings", "#0", "metrics", "#1", "source"), "nvd@nist.gov");
	assert_str(r, P("findings", "#0", "metrics", "#1", "type"), "Secondary");
	assert_str(r, P("findings", "#0", "metrics", "#1", "severity"), "HIGH");
	assert_str(r, P("findings", "#0", "cwe", "#0"), "CWE-787");
	assert_str(r, P("findings", "#0", "match", "kind"), "range");
	assert_str(r, P("findings", "#0", "match", "criterion"),
	        "cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:* up to 1.36.0 (excluding)");
	assert_str(r, P("findings", "#0", "match", "vendor"), "busybox");
	assert_bool(r, P("findings", "#0", "match", "conditional"), false);
	assert_str(r, P("findings", "#0", "ignore"), NULL);
	assert_str(r, P("findings", "#0", "description"), "Heap overflow in the DHCP client.");
	assert_str(r, P("findings", "#0", "published"), "2023-01-02T10:00:00.000");
	assert_str(r, P("findings", "#0", "modified"), "2023-02-03T11:00:00.000");
	assert_str(r, P("findings", "#0", "references", "#0", "url"),
	        "https://example.org/advisory/1");
	assert_str(
	        r, P("findings", "#0", "references", "#0", "tags", "#1"), "Third Party Advisory");

	/* ignored, unscored, conditional */
	assert_str(r, P("findings", "#1", "status"), "ignored");
	assert_str(r, P("findings", "#1", "ignore", "reason"), "not built, see #12");
	assert_int(r, P("findings", "#1", "ignore", "line"), 4);
	assert_str(r, P("findings", "#1", "match", "kind"), "exact");
	assert_str(r, P("findings", "#1", "score", "source"), NULL);
	assert_str(r, P("findings", "#1", "description"), "Bad \"quoting\", in the shell.");
	assert_str(r, P("findings", "#2", "severity"), "UNSCORED");
	assert_str(r, P("findings", "#2", "score"), NULL);
	assert_int_equal(array_len(r, P("findings", "#2", "metrics")), 0);
	assert_str(r, P("findings", "#2", "match", "kind"), "any-version");
	assert_str(r, P("findings", "#3", "status"), "conditional");
	assert_bool(r, P("findings", "#3", "match", "conditional"), true);
	assert_str(r, P("findings", "#3", "match", "condition"),
	        "cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*");
	assert_str(r, P("findings", "#3", "cwe", "#1"), "NVD-CWE-Other");

	/* scores as the source wrote them */
	assert_non_null(strstr(out, "\"score\": 9.8,"));
	assert_non_null(strstr(out, "\"score\": 10.0,"));
	assert_non_null(strstr(out, "\"score\": 5.0,"));
	yajl_tree_free(r);
	free(out);
	fx_free(x);
}

static void test_hostile(void **state)
{
	fixture *x = fx_new();
	char *out = NULL;
	yajl_val r;

	(void)state;
	x->comps[0].name = "bad\xFF\x01name\"}";
	free(x->cves[0]->description);
	x->cves[0]->description = strdup("\xC0\xAF\\ \x1B[1m </script>");
	/* a score text that is not a JSON number is written as a string */
	free(x->cves[1]->metrics[0].score);
	x->cves[1]->metrics[0].score = strdup("5.0.1");
	assert_int_equal(fx_render(cvg_report_write_json, &out, &x->res, &x->info), 0);
	r = parse(out);
	assert_str(r, P("components", "#0", "name"), "bad\xEF\xBF\xBD\xEF\xBF\xBDname\"}");
	assert_str(r, P("findings", "#0", "description"),
	        "\xEF\xBF\xBD\xEF\xBF\xBD\\ \xEF\xBF\xBD[1m </script>");
	assert_str(r, P("findings", "#1", "score", "score"), "5.0.1");
	yajl_tree_free(r);
	free(out);
	fx_free(x);
}

static const char expected_empty_head[] = "{\n  \"schema\": \"cvegate-report/1\",\n"
                                          "  \"tool\": {\n    \"name\": \"cvegate\",\n"
                                          "    \"version\": \"";

static const char expected_empty_tail[] = "  \"generated\": \"1970-01-01T00:00:00Z\",\n"
                                          "  \"inventory\": \"list.txt\",\n"
                                          "  \"database\": {\n"
                                          "    \"path\": null,\n"
                                          "    \"updated\": null\n"
                                          "  },\n"
                                          "  \"summary\": {\n"
                                          "    \"components\": 0,\n"
                                          "    \"unmapped\": 0,\n"
                                          "    \"findings\": 0,\n"
                                          "    \"failing\": 0,\n"
                                          "    \"ignored\": 0,\n"
                                          "    \"conditional\": 0,\n"
                                          "    \"below_threshold\": 0,\n"
                                          "    \"unassessed\": 0\n"
                                          "  },\n"
                                          "  \"components\": [\n"
                                          "\n"
                                          "  ],\n"
                                          "  \"findings\": [\n"
                                          "\n"
                                          "  ],\n"
                                          "  \"resolved\": [\n"
                                          "\n"
                                          "  ]\n"
                                          "}\n";

/* Against a baseline: each finding's mark and the resolved list. */
static void test_baseline(void **state)
{
	fixture *x = fx_new();
	char *resolved[] = {"zlib CVE-2022-37434"};
	char *out = NULL;
	yajl_val r;

	(void)state;
	x->res.findings[0].novelty = CVG_NOVELTY_NEW;
	x->res.findings[1].novelty = CVG_NOVELTY_KNOWN;
	x->res.resolved = resolved;
	x->res.nresolved = 1;
	assert_int_equal(fx_render(cvg_report_write_json, &out, &x->res, &x->info), 0);
	r = parse(out);
	assert_str(r, P("findings", "#0", "baseline"), "new");
	assert_str(r, P("findings", "#1", "baseline"), "known");
	assert_str(r, P("findings", "#2", "baseline"), NULL);
	assert_str(r, P("resolved", "#0"), "zlib CVE-2022-37434");
	yajl_tree_free(r);
	free(out);
	x->res.resolved = NULL;
	x->res.nresolved = 0;
	fx_free(x);
}

static void test_empty(void **state)
{
	cvg_scan_result res;
	fx_info info = {"list.txt", 0, NULL, false};
	char *out = NULL;
	const char *tail;

	(void)state;
	memset(&res, 0, sizeof(res));
	assert_int_equal(fx_render(cvg_report_write_json, &out, &res, &info), 0);
	assert_true(strncmp(out, expected_empty_head, strlen(expected_empty_head)) == 0);
	assert_non_null(tail = strstr(out, "  \"generated\""));
	assert_string_equal(tail, expected_empty_tail);
	free(out);
}

static void test_bad_timestamp(void **state)
{
	fixture *x = fx_new();
	char *out = NULL;

	(void)state;
	x->info.timestamp = 0x7fffffffffffffffLL;
	assert_int_equal(fx_render(cvg_report_write_json, &out, &x->res, &x->info), CVG_EINVAL);
	assert_string_equal(out, "");
	free(out);
	fx_free(x);
}

static void test_full_disk(void **state)
{
	(void)state;
	fx_assert_full_disk(cvg_report_write_json);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_fields),
	        cmocka_unit_test(test_hostile),
	        cmocka_unit_test(test_baseline),
	        cmocka_unit_test(test_empty),
	        cmocka_unit_test(test_bad_timestamp),
	        cmocka_unit_test(test_full_disk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
