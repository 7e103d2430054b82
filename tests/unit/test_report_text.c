/*
 * tests/unit/test_report_text.c - the terminal summary on a result built by
 * hand (report_fixture.h). The expected text is the writer's own layout
 * (docs/reports.md#text), compared byte for byte; then colours, hostile
 * strings, an empty result and a full disk.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "report_fixture_basic.h"

static const char expected[] =
        "cvegate report: build/image manifest.txt\n"
        "database: nvd.sqlite, updated 2024-01-02T03:04:05\n"
        "\n"
        "Findings, most severe first:\n"
        "  SEVERITY  SCORE  CVE            PACKAGE            STATUS\n"
        "  CRITICAL  9.8    CVE-2023-0001  busybox 1.35.0-r0  FAIL\n"
        "  HIGH      7.5    CVE-2023-0004  glibc 2.35-r0      conditional, fails with --strict: "
        "cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*\n"
        "  MEDIUM    5.0    CVE-2023-0002  busybox 1.35.0-r0  ignored: not built, see #12\n"
        "  UNSCORED  -      CVE-2023-0003  glibc 2.35-r0      FAIL\n"
        "\n"
        "By severity:  findings  failing  ignored\n"
        "  CRITICAL           1        1        0\n"
        "  HIGH               1        0        0\n"
        "  MEDIUM             1        0        1\n"
        "  LOW                0        0        0\n"
        "  NONE               0        0        0\n"
        "  UNSCORED           1        1        0\n"
        "  total              4        2        1\n"
        "\n"
        "By package:        findings  failing  ignored  critical  high  medium  low  none  "
        "unscored\n"
        "  busybox 1.35.0-r0       2        1        1         1     0       1    0     0         "
        "0\n"
        "  glibc 2.35-r0           2        1        0         0     1       0    0     0         "
        "1\n"
        "\n"
        "Coverage: 3 components, 1 unmapped (no NVD or CVE List record names them; "
        "docs/mapping.md): "
        "mytool\n"
        "\n"
        "2 findings fail the gate (4 findings: 1 ignored, 1 conditional, 0 below threshold)\n";

static void test_exact(void **state)
{
	fixture *x = fx_new();
	char *out = NULL;

	(void)state;
	assert_int_equal(fx_render(cvg_report_write_text, &out, &x->res, &x->info), 0);
	assert_string_equal(out, expected);
	free(out);
	fx_free(x);
}

/* With info->color: SGR sequences around severities and FAIL, nothing else changes. */
static void test_color(void **state)
{
	fixture *x = fx_new();
	char *out = NULL;

	(void)state;
	x->info.color = true;
	assert_int_equal(fx_render(cvg_report_write_text, &out, &x->res, &x->info), 0);
	assert_non_null(strstr(out, "  \033[1;31mCRITICAL\033[0m  9.8    CVE-2023-0001  "
	                            "busybox 1.35.0-r0  \033[1mFAIL\033[0m\n"));
	assert_non_null(strstr(out, "\033[2mignored: not built, see #12\033[0m\n"));
	assert_non_null(strstr(out, "  \033[35mUNSCORED\033[0m  -      CVE-2023-0003"));
	/* NONE has no colour */
	assert_non_null(strstr(out, "\n  NONE               0"));
	free(out);
	fx_free(x);
}

/* Terminal escapes in the data are neutralised; our own colours are off. */
static void test_hostile(void **state)
{
	fixture *x = fx_new();
	cvg_ignore_entry ign = {.cve = "CVE-2023-0002",
	        .reason = "\xC2\x9B"
	                  "2J\tok\r",
	        .line = 1};
	char *out = NULL;

	(void)state;
	x->comps[0].name = "\x1B]0;pwned\x07\xE2\x80\xAE";
	x->comps[0].version = "1.0\n2.0";
	x->f[1].ignored = &ign;
	x->res.db_path = "db\x1B[2J";
	assert_int_equal(fx_render(cvg_report_write_text, &out, &x->res, &x->info), 0);
	assert_null(strchr(out, '\x1B'));
	assert_null(strchr(out, '\x07'));
	assert_null(strchr(out, '\r'));
	assert_null(strchr(out, '\t'));
	assert_null(strstr(out, "\xC2\x9B"));
	assert_null(strstr(out, "\xE2\x80\xAE"));
	assert_non_null(strstr(out, "\xEF\xBF\xBD]0;pwned\xEF\xBF\xBD\\u202e 1.0\\x0a2.0"));
	assert_non_null(strstr(out, "ignored: \\u009b2J\\x09ok\\x0d\n"));
	assert_non_null(strstr(out, "database: db\xEF\xBF\xBD[2J, updated 2024-01-02T03:04:05\n"));
	free(out);
	fx_free(x);
}

static void test_empty(void **state)
{
	cvg_scan_result res;
	fx_info info = {NULL, 0, NULL, false};
	char *out = NULL;

	(void)state;
	memset(&res, 0, sizeof(res));
	assert_int_equal(fx_render(cvg_report_write_text, &out, &res, &info), 0);
	assert_non_null(strstr(out, "database: (unknown)\n\nNo findings.\n\nBy severity:"));
	assert_non_null(strstr(out, "  total              0        0        0\n"));
	assert_null(strstr(out, "By package"));
	assert_non_null(strstr(out, "Coverage: 0 components, 0 unmapped"));
	assert_non_null(strstr(out, "No finding fails the gate (0 findings: "));
	free(out);
}

static void test_full_disk(void **state)
{
	(void)state;
	fx_assert_full_disk(cvg_report_write_text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_exact),
	        cmocka_unit_test(test_color),
	        cmocka_unit_test(test_hostile),
	        cmocka_unit_test(test_empty),
	        cmocka_unit_test(test_full_disk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
