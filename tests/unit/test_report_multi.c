/*
 * tests/unit/test_report_multi.c - every writer over two inventories, and
 * the unassessed findings and applicability origins of the CVE List v5
 * source (cvg_finding.unassessed, .origin, .provider) in every format.
 *
 * The two suites are the hand-built result of report_fixture_basic.h: as
 * it is ("build/image manifest.txt"), and a second copy listed in
 * "product-b/image manifest.txt" whose glibc finding CVE-2023-0003 is
 * unassessed (its versions came as git ranges), from CISA's ADP container.
 * Each writer's whole output is compared byte for byte with
 * tests/data/report_multi/two.FORMAT (the version string of the build
 * replaced by @VERSION@); CVG_UPDATE_EXPECTED=1 rewrites those files (read
 * the diff before committing). Targeted checks then name what each format
 * must show: the sections, the distinct suite names, the status word.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "report_fixture_basic.h"

typedef struct two {
	fixture *a, *b;
	cvg_report_suite suites[2];
	cvg_report_info info;
} two;

static two *two_new(void)
{
	two *t = calloc(1, sizeof(*t));

	assert_non_null(t);
	t->a = fx_new();
	t->b = fx_new();
	for (size_t i = 0; i < 3; i++)
		t->b->comps[i].file = "product-b/image manifest.txt";
	/* glibc CVE-2023-0003: unassessed, from an ADP container, passes */
	t->b->f[2].unassessed = true;
	t->b->f[2].failing = false;
	t->b->f[2].origin = CVG_ORIGIN_ADP;
	t->b->f[2].provider = "CISA-ADP";
	t->b->f[2].criterion = "glibc: git range 1a2b3c..4d5e6f, not comparable";
	t->b->res.nfailing = 1;
	t->b->res.nunassessed = 1;
	t->suites[0] = (cvg_report_suite){"build/image manifest.txt", &t->a->res};
	t->suites[1] = (cvg_report_suite){"product-b/image manifest.txt", &t->b->res};
	t->info = (cvg_report_info){1700000000, "builder", false};
	return t;
}

static void two_free(two *t)
{
	fx_free(t->a);
	fx_free(t->b);
	free(t);
}

static char *render(fx_suite_writer write, const cvg_report_suite *suites, size_t n,
        const cvg_report_info *info)
{
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);

	assert_non_null(fp);
	assert_int_equal(write(fp, suites, n, info), 0);
	assert_int_equal(fclose(fp), 0);
	return out;
}

/* The tool's version as the JSON report states it. */
static char *version_of(const two *t)
{
	char *json = render(cvg_report_write_json, t->suites, 1, &t->info);
	const char *p = strstr(json, "\"version\": \"");
	char *v;
	size_t n;

	assert_non_null(p);
	p += strlen("\"version\": \"");
	n = strcspn(p, "\"");
	v = strndup(p, n);
	free(json);
	return v;
}

/* s with "cvegate VERSION" and "\"VERSION\"" written with @VERSION@. */
static char *normalise(const char *s, const char *version)
{
	size_t vl = strlen(version), cap = strlen(s) * 2 + 64, o = 0;
	char *out = malloc(cap);

	assert_non_null(out);
	while (*s) {
		if (strncmp(s, "cvegate ", 8) == 0 && strncmp(s + 8, version, vl) == 0) {
			o += (size_t)snprintf(out + o, cap - o, "cvegate @VERSION@");
			s += 8 + vl;
		} else if (s[0] == '"' && strncmp(s + 1, version, vl) == 0 && s[1 + vl] == '"') {
			o += (size_t)snprintf(out + o, cap - o, "\"@VERSION@\"");
			s += 2 + vl;
		} else {
			out[o++] = *s++;
		}
	}
	out[o] = '\0';
	return out;
}

static char *read_all(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	if (fp == NULL)
		fail_msg("%s: cannot open (CVG_UPDATE_EXPECTED=1 writes it)", path);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	assert_true(n >= 0);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* The two-suite output of `format`, compared with its expected file. */
static char *check_format(const two *t, const char *format)
{
	const cvg_report_format *f = cvg_report_find(format);
	const char *dir = getenv("CVG_TEST_DATA");
	char path[4096], *version, *got, *want;

	assert_non_null(f);
	assert_non_null(dir);
	snprintf(path, sizeof(path), "%s/report_multi/two.%s", dir, format);
	version = version_of(t);
	{
		char *raw = render(f->write, t->suites, 2, &t->info);
		got = normalise(raw, version);
		free(raw);
	}
	if (getenv("CVG_UPDATE_EXPECTED") && strcmp(getenv("CVG_UPDATE_EXPECTED"), "1") == 0) {
		FILE *fp = fopen(path, "wb");
		assert_non_null(fp);
		assert_int_equal(fputs(got, fp) >= 0, 1);
		fclose(fp);
	}
	want = read_all(path);
	if (strcmp(got, want) != 0)
		fail_msg("%s differs from %s", format, path);
	free(want);
	free(version);
	return got;
}

static void has(const char *out, const char *needle)
{
	if (strstr(out, needle) == NULL)
		fail_msg("expected to find: %s", needle);
}

static size_t count(const char *out, const char *needle)
{
	size_t n = 0;

	for (const char *p = out; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* ---- Each format over two inventories ---- */

static void test_junit(void **state)
{
	two *t = two_new();
	char *out = check_format(t, "junit");

	(void)state;
	assert_int_equal(count(out, "<testsuite "), 2);
	has(out, "<testsuites name=\"cvegate\" tests=\"10\" failures=\"3\" skipped=\"3\"");
	has(out, "<testsuite name=\"cvegate: build/image manifest.txt\" tests=\"5\" failures=\"2\" "
	         "skipped=\"1\"");
	has(out, "<testsuite name=\"cvegate: product-b/image manifest.txt\" tests=\"5\" "
	         "failures=\"1\" skipped=\"2\"");
	has(out, "<skipped message=\"unassessed: glibc: git range 1a2b3c..4d5e6f, not "
	         "comparable\">");
	free(out);
	two_free(t);
}

static void test_json(void **state)
{
	two *t = two_new();
	char *out = check_format(t, "json");

	(void)state;
	has(out, "\"inventory\": null,");
	has(out, "\"inventories\": [");
	has(out, "\"unassessed\": 1");
	has(out, "\"origin\": \"adp\",\n      \"provider\": \"CISA-ADP\"");
	/* the second inventory's components are numbered after the first's */
	has(out, "\"component\": 4,");
	free(out);
	two_free(t);
}

static void test_text(void **state)
{
	two *t = two_new();
	char *out = check_format(t, "text");

	(void)state;
	assert_int_equal(count(out, "cvegate report: "), 2);
	has(out, "CVE-2023-0003  glibc 2.35-r0      unassessed: glib");
	has(out, "All 2 inventories: 6 components, 2 unmapped\n"
	         "3 findings fail the gate (8 findings: 2 ignored, 2 conditional, 0 below "
	         "threshold, 1 unassessed)\n");
	free(out);
	two_free(t);
}

static void test_csv(void **state)
{
	two *t = two_new();
	char *out = check_format(t, "csv");

	(void)state;
	has(out, ",description,inventory\r\n");
	has(out, ",CVE-2023-0003,unassessed,false,");
	assert_int_equal(count(out, ",product-b/image manifest.txt\r\n"), 4);
	free(out);
	two_free(t);
}

static void test_sarif(void **state)
{
	two *t = two_new();
	char *out = check_format(t, "sarif");

	(void)state;
	assert_int_equal(count(out, "\"ruleId\": "), 8);
	assert_int_equal(count(out, "\"runs\": ["), 1);
	has(out, "\"uri\": \"product-b/image%20manifest.txt\"");
	has(out, "\"level\": \"note\",\n          \"message\": {\n            \"text\": \"glibc "
	         "2.35-r0 is affected by CVE-2023-0003, no CVSS score; unassessed");
	has(out, "\"inventories\": [");
	free(out);
	two_free(t);
}

static void test_cyclonedx(void **state)
{
	two *t = two_new();
	char *out = check_format(t, "cyclonedx");

	(void)state;
	has(out, "\"bom-ref\": \"component-6\"");
	assert_int_equal(count(out, "\"name\": \"cvegate:inventory\""), 2 + 6);
	has(out, "\"state\": \"in_triage\",\n        \"detail\": \"cvegate: unassessed: ");
	has(out, "\"value\": \"CISA-ADP\"");
	free(out);
	two_free(t);
}

static void test_openvex(void **state)
{
	two *t = two_new();
	char *out = check_format(t, "openvex");

	(void)state;
	has(out, "\"status\": \"under_investigation\",\n      \"status_notes\": \"cvegate: "
	         "unassessed: ");
	free(out);
	two_free(t);
}

static void test_html(void **state)
{
	two *t = two_new();
	char *out = check_format(t, "html");

	(void)state;
	has(out, "<title>cvegate report: 2 inventories</title>");
	has(out, "<div class=\"inventory\" id=\"inventory-2\" data-inventory=\"product-b/image "
	         "manifest.txt\">");
	has(out, "id=\"package-2-2\"");
	has(out, "<td>unassessed: passes</td>");
	has(out, "applicability from adp (CISA-ADP)");
	has(out, "<tr id=\"count-unassessed\">");
	free(out);
	two_free(t);
}

/* ---- Rules ---- */

/* The same inventory twice still gives distinct suite names. */
static void test_same_inventory_twice(void **state)
{
	two *t = two_new();
	char *out;

	(void)state;
	t->suites[1].inventory = t->suites[0].inventory;
	out = render(cvg_report_write_junit, t->suites, 2, &t->info);
	has(out, "<testsuite name=\"cvegate: build/image manifest.txt\" ");
	has(out, "<testsuite name=\"cvegate: build/image manifest.txt (2)\" ");
	free(out);
	out = render(cvg_report_write_json, t->suites, 2, &t->info);
	has(out, "\"inventory\": \"build/image manifest.txt (2)\",\n      \"path\": "
	         "\"build/image manifest.txt\"");
	free(out);
	two_free(t);
}

/* --fail-on-unassessed: the failing unassessed finding is a <failure>. */
static void test_unassessed_failing(void **state)
{
	two *t = two_new();
	char *out;

	(void)state;
	t->b->f[2].failing = true;
	t->b->res.nfailing = 2;
	out = render(cvg_report_write_junit, &t->suites[1], 1, &t->info);
	assert_null(strstr(out, "unassessed: glibc"));
	has(out, "<testcase classname=\"glibc 2.35-r0\" name=\"CVE-2023-0003\" file=\"product-b/"
	         "image manifest.txt\" line=\"7\" time=\"0\">\n      <failure ");
	has(out, "applicability: adp (CISA-ADP)\n");
	free(out);
	out = render(cvg_report_write_sarif, &t->suites[1], 1, &t->info);
	has(out, "; fails the gate (unassessed: its version data cannot be compared)");
	free(out);
	two_free(t);
}

/* One suite of the list is exactly the one-inventory report. */
static void test_one_suite_unchanged(void **state)
{
	two *t = two_new();
	size_t n;
	const cvg_report_format *f = cvg_report_formats(&n);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		fx_info fi = {t->suites[0].inventory, 1700000000, "builder", false};
		char *a = render(f[i].write, t->suites, 1, &t->info), *b = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&b, &len);
		assert_non_null(fp);
		assert_int_equal(fx_write(f[i].write, fp, &t->a->res, &fi), 0);
		fclose(fp);
		assert_string_equal(a, b);
		assert_null(strstr(a, "inventories"));
		free(a);
		free(b);
	}
	two_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_junit),
	        cmocka_unit_test(test_json),
	        cmocka_unit_test(test_text),
	        cmocka_unit_test(test_csv),
	        cmocka_unit_test(test_sarif),
	        cmocka_unit_test(test_cyclonedx),
	        cmocka_unit_test(test_openvex),
	        cmocka_unit_test(test_html),
	        cmocka_unit_test(test_same_inventory_twice),
	        cmocka_unit_test(test_unassessed_failing),
	        cmocka_unit_test(test_one_suite_unchanged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
