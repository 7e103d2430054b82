/*
 * tests/unit/report_fixture_basic.h - a small scan result built by hand, shared by
 * the tests of the text, json, csv and sarif writers.
 *
 * The records, scores and texts are synthetic fixtures shaped like NVD data
 * (scores and vectors as NVD writes them, a CVSS v2 10.0 that NVD calls
 * HIGH); they are not quotes of real CVE entries. Include after cmocka.h.
 *
 *   component 0  busybox 1.35.0-r0  (busybox, busybox-udhcpc)  line 3
 *     CVE-2023-0001  CVSS 3.1 9.8 CRITICAL (and a Secondary 2.0 10.0)  failing
 *     CVE-2023-0002  CVSS 2.0 5.0 MEDIUM  ignored "not built, see #12"
 *   component 1  glibc 2.35-r0  line 7
 *     CVE-2023-0003  no score  failing
 *     CVE-2023-0004  CVSS 3.1 7.5 HIGH  conditional
 *   component 2  mytool 1.0  unmapped, line unknown
 */
#ifndef REPORT_FIXTURE_BASIC_H
#define REPORT_FIXTURE_BASIC_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cvegate/report.h"
#include "cve_build.h"
#include "report_one.h"

static void fx_cwe(cvg_cve *cve, const char *cwe)
{
	cvg_weakness *w = cvg_cve_add_weakness(cve);

	assert_non_null(w);
	fx_set(&w->cwe, cwe);
	fx_set(&w->source, "nvd@nist.gov");
	fx_set(&w->type, "Primary");
}

static void fx_ref(cvg_cve *cve, const char *url, const char *tags)
{
	cvg_reference *r = cvg_cve_add_reference(cve);

	assert_non_null(r);
	fx_set(&r->url, url);
	fx_set(&r->source, "cve@mitre.org");
	fx_set(&r->tags, tags);
}

typedef struct fixture {
	cvg_scan_result res;
	cvg_component comps[3];
	cvg_finding f[4];
	cvg_cve *cves[4];
	cvg_ignore_entry ign;
	fx_info info;
} fixture;

static char *fx_busybox_pkgs[] = {"busybox", "busybox-udhcpc"};
static char *fx_glibc_pkgs[] = {"glibc"};
static char *fx_mytool_pkgs[] = {"mytool"};

static fixture *fx_new(void)
{
	fixture *x = calloc(1, sizeof(*x));
	cvg_cve **c;

	assert_non_null(x);
	c = x->cves;
	c[0] = fx_cve("CVE-2023-0001", "Heap overflow in the DHCP client.",
	        "2023-01-02T10:00:00.000", "2023-02-03T11:00:00.000");
	fx_metric(c[0], CVG_CVSS_V31, "nvd@nist.gov", "Primary", "9.8",
	        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CRITICAL");
	fx_metric(c[0], CVG_CVSS_V2, "nvd@nist.gov", "Secondary", "10.0",
	        "AV:N/AC:L/Au:N/C:C/I:C/A:C", "HIGH");
	fx_cwe(c[0], "CWE-787");
	fx_ref(c[0], "https://example.org/advisory/1", "Patch,Third Party Advisory");
	c[1] = fx_cve("CVE-2023-0002", "Bad \"quoting\", in the shell.", "2023-01-05T10:00Z", NULL);
	fx_metric(c[1], CVG_CVSS_V2, NULL, NULL, "5.0", "AV:N/AC:L/Au:N/C:P/I:N/A:N", "MEDIUM");
	c[2] = fx_cve("CVE-2023-0003", "Not scored yet.", "2023-03-01T00:00:00.000", NULL);
	c[3] = fx_cve(
	        "CVE-2023-0004", "Only with a certain kernel.", "2023-04-01T00:00:00.000", NULL);
	fx_metric(c[3], CVG_CVSS_V31, "nvd@nist.gov", "Primary", "7.5",
	        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", "HIGH");
	fx_cwe(c[3], "CWE-20");
	fx_cwe(c[3], "NVD-CWE-Other");

	x->comps[0] = (cvg_component){.name = "busybox",
	        .version = "1.35.0-r0",
	        .upstream = "1.35.0",
	        .scheme = CVG_VERSION_OPKG,
	        .packages = fx_busybox_pkgs,
	        .npackages = 2,
	        .file = "build/image manifest.txt",
	        .line = 3,
	        .products = "busybox:busybox",
	        .origin = CVG_PKGMAP_BUILTIN,
	        .nrows = 40};
	x->comps[1] = (cvg_component){.name = "glibc",
	        .version = "2.35-r0",
	        .upstream = "2.35",
	        .scheme = CVG_VERSION_OPKG,
	        .packages = fx_glibc_pkgs,
	        .npackages = 1,
	        .file = "build/image manifest.txt",
	        .line = 7,
	        .products = "gnu:glibc gnu:libc",
	        .origin = CVG_PKGMAP_BUILTIN,
	        .nrows = 12};
	x->comps[2] = (cvg_component){.name = "mytool",
	        .version = "1.0",
	        .upstream = "1.0",
	        .scheme = CVG_VERSION_UPSTREAM,
	        .packages = fx_mytool_pkgs,
	        .npackages = 1,
	        .file = "build/image manifest.txt",
	        .line = 0,
	        .products = "*:mytool",
	        .origin = CVG_PKGMAP_NAME};
	x->ign = (cvg_ignore_entry){
	        .cve = "CVE-2023-0002", .reason = "not built, see #12", .line = 4};

	x->f[0] = (cvg_finding){.component = 0,
	        .cve = c[0],
	        .kind = CVG_MATCH_RANGE,
	        .criterion = "cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:* up to 1.36.0 (excluding)",
	        .vendor = "busybox",
	        .product = "busybox",
	        .metric = &c[0]->metrics[0],
	        .failing = true};
	x->f[1] = (cvg_finding){.component = 0,
	        .cve = c[1],
	        .kind = CVG_MATCH_EXACT,
	        .criterion = "cpe:2.3:a:busybox:busybox:1.35.0:*:*:*:*:*:*:*",
	        .vendor = "busybox",
	        .product = "busybox",
	        .metric = &c[1]->metrics[0],
	        .ignored = &x->ign};
	x->f[2] = (cvg_finding){.component = 1,
	        .cve = c[2],
	        .kind = CVG_MATCH_ANY,
	        .criterion = "cpe:2.3:a:gnu:glibc:*:*:*:*:*:*:*:*",
	        .vendor = "gnu",
	        .product = "glibc",
	        .failing = true};
	x->f[3] = (cvg_finding){.component = 1,
	        .cve = c[3],
	        .kind = CVG_MATCH_RANGE,
	        .conditional = true,
	        .criterion = "cpe:2.3:a:gnu:glibc:*:*:*:*:*:*:*:* up to 2.36 (excluding)",
	        .vendor = "gnu",
	        .product = "glibc",
	        .condition = "cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*",
	        .metric = &c[3]->metrics[0]};

	x->res.components = x->comps;
	x->res.ncomponents = 3;
	x->res.findings = x->f;
	x->res.nfindings = 4;
	x->res.cves = x->cves;
	x->res.ncves = 4;
	x->res.nfailing = 2;
	x->res.nignored = 1;
	x->res.nconditional = 1;
	x->res.nunmapped = 1;
	x->res.db_path = "nvd.sqlite";
	x->res.db_updated = "2024-01-02T03:04:05";
	x->info = (fx_info){"build/image manifest.txt", 1700000000, NULL, false};
	return x;
}

static void fx_free(fixture *x)
{
	for (size_t i = 0; i < 4; i++)
		cvg_cve_free(x->cves[i]);
	free(x);
}

/* Run a writer into memory; returns its code, *out the bytes (NUL-terminated, caller frees). */
static inline int fx_render(
        fx_suite_writer write, char **out, const cvg_scan_result *res, const fx_info *info)
{
	size_t len = 0;
	FILE *fp = open_memstream(out, &len);
	int rc;

	assert_non_null(fp);
	rc = fx_write(write, fp, res, info);
	assert_int_equal(fclose(fp), 0);
	return rc;
}

/* A write to /dev/full fails with CVG_EIO. */
static inline void fx_assert_full_disk(fx_suite_writer write)
{
	fixture *x = fx_new();
	FILE *fp = fopen("/dev/full", "w");

	assert_non_null(fp);
	assert_int_equal(fx_write(write, fp, &x->res, &x->info), CVG_EIO);
	fclose(fp);
	fx_free(x);
}

#endif
