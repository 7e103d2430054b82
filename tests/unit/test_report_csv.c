/*
 * tests/unit/test_report_csv.c - the CSV writer on results built by hand
 * (report_fixture.h): the exact file for the fixture (RFC 4180: CRLF,
 * quoting only where needed, quotes doubled), formula-leading cells from
 * hostile package names and reasons (OWASP "CSV Injection"), an empty
 * result and a full disk. The quoting rules themselves are tested on their
 * own in test_report_quote.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "report_fixture_basic.h"

#define HEADER                                                                                     \
	"package,version,packages,file,line,identified,cve,status,failing,severity,score,cvss_"    \
	"version,vector,score_source,cwe,match,criterion,condition,ignore_reason,published,"       \
	"description\r\n"

static const char expected[] =
        "package,version,packages,file,line,identified,cve,status,failing,severity,score,cvss_"
        "version,vector,score_source,cwe,match,criterion,condition,ignore_reason,published,"
        "description\r\n"
        "busybox,1.35.0-r0,busybox busybox-udhcpc,build/image manifest.txt,3,mapping "
        "table,CVE-2023-0001,failing,true,CRITICAL,9.8,3.1,CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/"
        "I:H/A:H,nvd@nist.gov Primary,CWE-787,range,cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:* up "
        "to 1.36.0 (excluding),,,2023-01-02T10:00:00.000,Heap overflow in the DHCP client.\r\n"
        "busybox,1.35.0-r0,busybox busybox-udhcpc,build/image manifest.txt,3,mapping "
        "table,CVE-2023-0002,ignored,false,MEDIUM,5.0,2.0,AV:N/AC:L/Au:N/C:P/I:N/A:N,NVD "
        "Primary,,exact,cpe:2.3:a:busybox:busybox:1.35.0:*:*:*:*:*:*:*,,\"not built, see "
        "#12\",2023-01-05T10:00Z,\"Bad \"\"quoting\"\", in the shell.\"\r\n"
        "glibc,2.35-r0,glibc,build/image manifest.txt,7,mapping "
        "table,CVE-2023-0003,failing,true,UNSCORED,,,,,,any-version,cpe:2.3:a:gnu:glibc:*:*:*:*:*:*"
        ":*:*,,,2023-03-01T00:00:00.000,Not scored yet.\r\n"
        "glibc,2.35-r0,glibc,build/image manifest.txt,7,mapping "
        "table,CVE-2023-0004,conditional,false,HIGH,7.5,3.1,CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/"
        "I:N/A:N,nvd@nist.gov Primary,CWE-20 "
        "NVD-CWE-Other,range,cpe:2.3:a:gnu:glibc:*:*:*:*:*:*:*:* up to 2.36 "
        "(excluding),cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*,,2023-04-01T00:00:00.000,Only "
        "with a certain kernel.\r\n";

static void test_exact(void **state)
{
	fixture *x = fx_new();
	char *out = NULL;

	(void)state;
	assert_int_equal(fx_render(cvg_report_write_csv, &out, &x->res, &x->info), 0);
	assert_string_equal(out, expected);
	free(out);
	fx_free(x);
}

/* Count the fields of the first record of s (RFC 4180 parsing). */
static size_t fields(const char *s)
{
	size_t n = 1;
	int quoted = 0;

	for (; *s; s++) {
		if (*s == '"')
			quoted = !quoted; /* a doubled quote toggles twice */
		else if (!quoted && *s == ',')
			n++;
		else if (!quoted && *s == '\r' && s[1] == '\n')
			break;
	}
	return n;
}

static void test_hostile(void **state)
{
	fixture *x = fx_new();
	cvg_ignore_entry ign = {
	        .cve = "CVE-2023-0002", .reason = "=HYPERLINK(\"http://x.test\")", .line = 1};
	char *out = NULL, *row;

	(void)state;
	x->comps[0].name = "@SUM(1+1)";
	x->comps[0].version = "-1\r\n+2";
	x->f[1].ignored = &ign;
	x->res.nfindings = 2;
	assert_int_equal(fx_render(cvg_report_write_csv, &out, &x->res, &x->info), 0);
	assert_non_null(
	        row = strstr(out, "\r\n\"'@SUM(1+1)\",\"'-1\r\n+2\",busybox busybox-udhcpc,"));
	assert_int_equal(fields(row + 2), 21);
	assert_non_null(strstr(out, ",\"'=HYPERLINK(\"\"http://x.test\"\")\","));
	/* no cell starts with a formula character outside quotes */
	assert_null(strstr(out, ",="));
	assert_null(strstr(out, ",@"));
	assert_null(strstr(out, "\n@"));
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
	assert_int_equal(fx_render(cvg_report_write_csv, &out, &res, &info), 0);
	assert_string_equal(out, HEADER);
	assert_int_equal(fields(out), 21);
	free(out);
}

static void test_full_disk(void **state)
{
	(void)state;
	fx_assert_full_disk(cvg_report_write_csv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_exact),
	        cmocka_unit_test(test_hostile),
	        cmocka_unit_test(test_empty),
	        cmocka_unit_test(test_full_disk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
