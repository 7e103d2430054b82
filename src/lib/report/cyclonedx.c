/*
 * lib/report/cyclonedx.c - scan results as a CycloneDX 1.6 JSON document
 * with a vulnerabilities section (VEX).
 *
 * The document lists every scanned component (bom-ref, name, version, and
 * the purl or CPE the inventory gave it) and one vulnerability per CVE and
 * analysis (the VEX grouping of report_util.c: one CVE normally gives one
 * entry; only components that differ in their analysis get separate ones).
 * Each vulnerability carries the record's ratings as the source gave them,
 * its CWEs, description, dates, the NVD page as its source and the
 * components it affects. The analysis mapping (docs/reports.md):
 *   ignored                 -> state not_affected, detail = the ignore reason,
 *                              justification = the entry's, as CycloneDX
 *                              names it (cvg_ignore_justification_cyclonedx)
 *   matched, not ignored    -> state in_triage: a version match says the
 *   conditional, not ignored   code is there, not that it is exploitable,
 *                              and "exploitable" is a claim a scanner
 *                              cannot make; the detail says why it is listed
 * and a property cvegate:status keeps the gate's verdict (failing, passing,
 * below_threshold, conditional, ignored, known: cvg_finding_status).
 *
 * Built with yajl's generator through report_util's sticky wrapper, which
 * sanitises every string; the serial number is a name-based UUID of the
 * document's facts, so the same scan gives the same bytes. Field names and
 * value sets follow the CycloneDX 1.6 JSON schema (bom-1.6.schema.json).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "cvegate/report.h"
#include "lib/report/report_util.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"

#ifndef CVG_VERSION
#define CVG_VERSION "0"
#endif

typedef struct cdx {
	cvg__jw w;
	cvg_buf txt; /* text being assembled */
} cdx;

static const char *str_or(const char *s, const char *fallback)
{
	return s ? s : fallback;
}

static void txt_add(cdx *x, const char *s)
{
	int rc;

	if (x->w.error || s == NULL)
		return;
	if ((rc = cvg__buf_puts(&x->txt, s)) < 0)
		x->w.error = rc;
}

static void txt_size(cdx *x, size_t n)
{
	char num[32];

	snprintf(num, sizeof(num), "%zu", n);
	txt_add(x, num);
}

static const char *txt(cdx *x)
{
	return x->txt.ptr ? x->txt.ptr : "";
}

/* "component-N": unique, and stable for the same result. */
static void component_ref(cdx *x, size_t index)
{
	cvg__buf_clear(&x->txt);
	txt_add(x, "component-");
	txt_size(x, index + 1);
}

static void property(cdx *x, const char *name, const char *value)
{
	if (value == NULL)
		return;
	cvg__jw_map_open(&x->w);
	cvg__jw_kv(&x->w, "name", name);
	cvg__jw_kv(&x->w, "value", value);
	cvg__jw_map_close(&x->w);
}

/* ---- Metadata and components ---- */

static void write_metadata(
        cdx *x, const cvg_report_suite *suites, size_t nsuites, const char *stamp)
{
	const cvg_scan_result *res = suites[0].res;

	cvg__jw *w = &x->w;

	cvg__jw_str(w, "metadata");
	cvg__jw_map_open(w);
	cvg__jw_kv(w, "timestamp", stamp);
	cvg__jw_str(w, "tools");
	cvg__jw_map_open(w);
	cvg__jw_str(w, "components");
	cvg__jw_array_open(w);
	cvg__jw_map_open(w);
	cvg__jw_kv(w, "type", "application");
	cvg__jw_kv(w, "name", "cvegate");
	cvg__jw_kv(w, "version", CVG_VERSION);
	cvg__jw_map_close(w);
	cvg__jw_array_close(w);
	cvg__jw_map_close(w);
	cvg__jw_str(w, "properties");
	cvg__jw_array_open(w);
	for (size_t i = 0; i < nsuites; i++)
		property(x, "cvegate:inventory", suites[i].inventory);
	property(x, "cvegate:database", res->db_path);
	property(x, "cvegate:database.updated", res->db_updated);
	cvg__jw_array_close(w);
	cvg__jw_map_close(w);
}

/* Component `index` (numbered over all suites); `inventory` names its
 * suite's label when the document covers several, else NULL. */
static void write_component(cdx *x, const cvg_component *c, size_t index, const char *inventory)
{
	cvg__jw *w = &x->w;

	cvg__jw_map_open(w);
	cvg__jw_kv(w, "type", "library");
	component_ref(x, index);
	cvg__jw_kv(w, "bom-ref", txt(x));
	cvg__jw_kv(w, "name", str_or(c->name, "unknown"));
	cvg__jw_kv(w, "version", c->version);
	if (c->ident == CVG_IDENT_CPE && c->ident_text)
		cvg__jw_kv(w, "cpe", c->ident_text);
	if (c->ident == CVG_IDENT_PURL && c->ident_text)
		cvg__jw_kv(w, "purl", c->ident_text);
	cvg__jw_str(w, "properties");
	cvg__jw_array_open(w);
	property(x, "cvegate:identified", cvg_component_identified(c));
	property(x, "cvegate:products", c->products);
	for (size_t i = 0; i < c->npackages; i++)
		property(x, "cvegate:package", c->packages[i]);
	if (c->file) {
		cvg__buf_clear(&x->txt);
		txt_add(x, c->file);
		if (c->line > 0) {
			txt_add(x, ":");
			txt_size(x, c->line);
		}
		property(x, "cvegate:location", txt(x));
	}
	if (c->auxiliary)
		property(x, "cvegate:coverage", "auxiliary, not matched");
	else if (cvg_component_unmapped(c))
		property(x, "cvegate:coverage", "unmapped: no NVD or CVE List record names it");
	if (c->distro)
		property(x, "cvegate:distribution-build", str_or(c->distro_version, "true"));
	property(x, "cvegate:inventory", inventory);
	cvg__jw_array_close(w);
	cvg__jw_map_close(w);
}

/* ---- Vulnerabilities ---- */

/* CycloneDX's scoreMethod for a CVSS version. */
static const char *method(cvg_cvss_version v)
{
	switch (v) {
	case CVG_CVSS_V2:
		return "CVSSv2";
	case CVG_CVSS_V30:
		return "CVSSv3";
	case CVG_CVSS_V31:
		return "CVSSv31";
	case CVG_CVSS_V40:
		return "CVSSv4";
	}
	return "other";
}

static void write_ratings(cdx *x, const cvg_cve *cve)
{
	cvg__jw *w = &x->w;

	cvg__jw_str(w, "ratings");
	cvg__jw_array_open(w);
	for (size_t i = 0; i < cve->nmetrics; i++) {
		const cvg_metric *m = &cve->metrics[i];
		cvg__jw_map_open(w);
		/* NVD 1.1 names no source: its scores are the NVD's */
		cvg__jw_str(w, "source");
		cvg__jw_map_open(w);
		cvg__jw_kv(w, "name", str_or(m->source, "NVD"));
		cvg__jw_map_close(w);
		if (cvg__json_is_number(m->score)) {
			cvg__jw_str(w, "score");
			cvg__jw_number(w, m->score);
		}
		cvg__jw_kv(w, "severity", cvg__report_severity_lower(m->severity));
		cvg__jw_kv(w, "method", method(m->version));
		cvg__jw_kv(w, "vector", m->vector);
		cvg__jw_map_close(w);
	}
	cvg__jw_array_close(w);
}

/* The number of "CWE-79", or -1 for "NVD-CWE-Other" and the like. */
static long long cwe_number(const char *s)
{
	long long n = 0;

	if (s == NULL || strncmp(s, "CWE-", 4) != 0 || s[4] == '\0')
		return -1;
	for (s += 4; *s; s++) {
		if (*s < '0' || *s > '9' || n > 100000000)
			return -1;
		n = n * 10 + (*s - '0');
	}
	return n;
}

static void write_cwes(cdx *x, const cvg_cve *cve)
{
	size_t i, k, count = 0;

	for (i = 0; i < cve->nweaknesses; i++)
		count += cwe_number(cve->weaknesses[i].cwe) >= 0;
	if (count == 0)
		return;
	cvg__jw_str(&x->w, "cwes");
	cvg__jw_array_open(&x->w);
	for (i = 0; i < cve->nweaknesses; i++) {
		long long n = cwe_number(cve->weaknesses[i].cwe);
		/* NVD lists a CWE once per source: write each once */
		for (k = 0; k < i && cwe_number(cve->weaknesses[k].cwe) != n; k++)
			;
		if (n >= 0 && k == i)
			cvg__jw_int(&x->w, n);
	}
	cvg__jw_array_close(&x->w);
}

/* A date as RFC 3339 in UTC, when the record's date can be read. */
static void write_date(cdx *x, const char *key, const char *value)
{
	char stamp[32];
	long long t;

	if (cvg__report_parse_time(&t, value) &&
	        cvg__report_format_time(stamp, sizeof(stamp), t) == 0)
		cvg__jw_kv(&x->w, key, stamp);
	cvg_error_clear();
}

static void write_analysis(cdx *x, const cvg_finding *f)
{
	cvg__jw *w = &x->w;

	cvg__jw_str(w, "analysis");
	cvg__jw_map_open(w);
	cvg__buf_clear(&x->txt);
	switch (cvg__report_vex_class(f)) {
	case CVG__VEX_IGNORED:
		cvg__jw_kv(w, "state", "not_affected");
		if (cvg_ignore_justification_cyclonedx(f->ignored->justification))
			cvg__jw_kv(w, "justification",
			        cvg_ignore_justification_cyclonedx(f->ignored->justification));
		txt_add(x, str_or(f->ignored->reason, "N/A"));
		break;
	case CVG__VEX_MATCHED:
		cvg__jw_kv(w, "state", "in_triage");
		txt_add(x, "cvegate: the version is in a range the NVD record lists as "
		           "vulnerable; no triage is recorded");
		txt_add(x, f->failing ? " (fails the gate)" : " (does not fail the gate)");
		break;
	case CVG__VEX_CONDITIONAL:
		cvg__jw_kv(w, "state", "in_triage");
		txt_add(x, "cvegate: the NVD record makes this depend on ");
		txt_add(x, str_or(f->condition, "a platform"));
		txt_add(x, ", which the inventory does not list; no triage is recorded");
		txt_add(x, f->failing ? " (fails the gate)" : " (does not fail the gate)");
		break;
	case CVG__VEX_UNASSESSED:
		cvg__jw_kv(w, "state", "in_triage");
		txt_add(x, "cvegate: unassessed: the record names this product, but its version "
		           "data cannot be compared with this version (");
		txt_add(x, str_or(f->criterion, "no criterion"));
		txt_add(x, "); no triage is recorded");
		txt_add(x, f->failing ? " (fails the gate)" : " (does not fail the gate)");
		break;
	}
	cvg__jw_kv(w, "detail", txt(x));
	cvg__jw_map_close(w);
}

/* One vulnerability: the findings group[0..n), one CVE with one analysis. */
static void write_vulnerability(cdx *x, const cvg__vex_item *group, size_t n, size_t index)
{
	const cvg_finding *f = group[0].f;
	const cvg_cve *cve = f->cve;
	cvg__jw *w = &x->w;

	cvg__jw_map_open(w);
	cvg__buf_clear(&x->txt);
	txt_add(x, "vulnerability-");
	txt_size(x, index + 1);
	cvg__jw_kv(w, "bom-ref", txt(x));
	cvg__jw_kv(w, "id", str_or(cve->id, "unknown"));
	cvg__jw_str(w, "source");
	cvg__jw_map_open(w);
	cvg__jw_kv(w, "name", "NVD");
	if (cve->id) {
		cvg__buf_clear(&x->txt);
		txt_add(x, CVG__NVD_DETAIL_URL);
		txt_add(x, cve->id);
		cvg__jw_kv(w, "url", txt(x));
	}
	cvg__jw_map_close(w);
	write_ratings(x, cve);
	write_cwes(x, cve);
	cvg__jw_kv(w, "description", cve->description);
	if (cve->nreferences > 0) {
		cvg__jw_str(w, "advisories");
		cvg__jw_array_open(w);
		for (size_t i = 0; i < cve->nreferences; i++) {
			if (cve->references[i].url == NULL)
				continue;
			cvg__jw_map_open(w);
			cvg__jw_kv(w, "url", cve->references[i].url);
			cvg__jw_map_close(w);
		}
		cvg__jw_array_close(w);
	}
	write_date(x, "published", cve->published);
	write_date(x, "updated", cve->last_modified);
	write_analysis(x, f);
	cvg__jw_str(w, "affects");
	cvg__jw_array_open(w);
	for (size_t i = 0; i < n; i++) {
		cvg__jw_map_open(w);
		component_ref(x, group[i].component);
		cvg__jw_kv(w, "ref", txt(x));
		cvg__jw_map_close(w);
	}
	cvg__jw_array_close(w);
	cvg__jw_str(w, "properties");
	cvg__jw_array_open(w);
	property(x, "cvegate:status", cvg_finding_status(f));
	if (f->origin != CVG_ORIGIN_NVD) {
		property(x, "cvegate:origin", cvg_origin_name(f->origin));
		property(x, "cvegate:provider", f->provider);
	}
	if (f->ignored && f->ignored->line > 0) {
		cvg__buf_clear(&x->txt);
		txt_size(x, f->ignored->line);
		property(x, "cvegate:ignore.line", txt(x));
	}
	cvg__jw_array_close(w);
	cvg__jw_map_close(w);
}

/* ---- The document ---- */

/* The facts the serial number is derived from: timestamp, inventories,
 * components and statements. */
static int serial_number(char *out, const cvg_report_suite *suites, size_t nsuites,
        const cvg_report_info *info, const cvg__vex_item *order, size_t norder)
{
	cvg_buf b = CVG_BUF_INIT(0);
	int error = cvg__buf_printf(&b, "cyclonedx\n%lld\n", info->timestamp);

	for (size_t s = 0; s < nsuites && error == 0; s++)
		error = cvg__buf_printf(&b, "%s\n", str_or(suites[s].inventory, ""));
	for (size_t s = 0; s < nsuites; s++) {
		const cvg_scan_result *res = suites[s].res;
		for (size_t i = 0; i < res->ncomponents && error == 0; i++)
			error = cvg__buf_printf(&b, "c %s %s\n",
			        str_or(res->components[i].name, ""),
			        str_or(res->components[i].version, ""));
	}
	for (size_t i = 0; i < norder && error == 0; i++)
		error = cvg__buf_printf(&b, "v %s %zu %d\n", str_or(order[i].f->cve->id, ""),
		        order[i].component, (int)cvg__report_vex_class(order[i].f));
	if (error == 0)
		error = cvg__report_uuid(out, b.ptr, b.len);
	cvg__buf_dispose(&b);
	return error;
}

int cvg_report_write_cyclonedx(
        FILE *fp, const cvg_report_suite *suites, size_t nsuites, const cvg_report_info *info)
{
	cdx x = {{NULL, 0, NULL}, CVG_BUF_INIT(CVG__REPORT_TEXT_MAX)};
	cvg_buf label = CVG_BUF_INIT(CVG__REPORT_TEXT_MAX);
	cvg__vex_item *order = NULL;
	char stamp[32], uuid[48], urn[64];
	size_t i, k, norder = 0, nvuln = 0, index = 0;
	int error;

	assert(fp != NULL && suites != NULL && nsuites > 0 && info != NULL);
	if ((error = cvg__report_format_time(stamp, sizeof(stamp), info->timestamp)) < 0 ||
	        (error = cvg__report_vex_order(&order, &norder, suites, nsuites)) < 0 ||
	        (error = serial_number(uuid, suites, nsuites, info, order, norder)) < 0 ||
	        (error = cvg__jw_init(&x.w, "CycloneDX")) < 0)
		goto done;
	snprintf(urn, sizeof(urn), "urn:uuid:%s", uuid);

	cvg__jw_map_open(&x.w);
	cvg__jw_kv(&x.w, "bomFormat", "CycloneDX");
	cvg__jw_kv(&x.w, "specVersion", "1.6");
	cvg__jw_kv(&x.w, "serialNumber", urn);
	cvg__jw_str(&x.w, "version");
	cvg__jw_int(&x.w, 1);
	write_metadata(&x, suites, nsuites, stamp);
	cvg__jw_str(&x.w, "components");
	cvg__jw_array_open(&x.w);
	for (size_t s = 0; s < nsuites; s++) {
		const cvg_scan_result *res = suites[s].res;
		if (nsuites > 1 && x.w.error == 0 &&
		        (x.w.error = cvg__report_suite_label(&label, suites, nsuites, s)) < 0)
			break;
		for (i = 0; i < res->ncomponents; i++)
			write_component(
			        &x, &res->components[i], index++, nsuites > 1 ? label.ptr : NULL);
	}
	cvg__jw_array_close(&x.w);
	cvg__jw_str(&x.w, "vulnerabilities");
	cvg__jw_array_open(&x.w);
	for (i = 0; i < norder; i = k) {
		for (k = i + 1; k < norder && cvg__report_vex_same(&order[i], &order[k]); k++)
			;
		write_vulnerability(&x, order + i, k - i, nvuln++);
	}
	cvg__jw_array_close(&x.w);
	cvg__jw_map_close(&x.w);
	error = cvg__jw_write(&x.w, fp);
done:
	cvg__jw_dispose(&x.w);
	cvg__buf_dispose(&x.txt);
	cvg__buf_dispose(&label);
	free(order);
	return error;
}
