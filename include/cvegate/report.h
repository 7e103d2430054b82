/*
 * cvegate/report.h - writing scan results.
 *
 * Writers build the whole document in memory with a real library for the
 * syntax (libxml2 for XML), then write it out; a failed or short write is
 * an error, so a report is complete or the command fails. Every string from
 * outside passes the UTF-8 sanitiser before it reaches a writer.
 */
#ifndef CVEGATE_REPORT_H
#define CVEGATE_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "cvegate/scan.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * One inventory's run: the inventory path as given (for suite names, the
 * SARIF location of components without a file, the documents' metadata;
 * may be NULL) and its scan result. A report covers one or more of them,
 * all scanned against the same database (docs/reports.md "Several
 * inventories"); with one, every format writes what it always wrote.
 */
typedef struct cvg_report_suite {
	const char *inventory;
	const cvg_scan_result *res;
} cvg_report_suite;

typedef struct cvg_report_info {
	long long timestamp;  /* seconds since the epoch: SOURCE_DATE_EPOCH or now */
	const char *hostname; /* for <testsuite hostname>, may be NULL */
	bool color;           /* text: the stream is a terminal and NO_COLOR is unset, so
	                         colours may be used (the caller decides; writers never
	                         look at the environment) */
} cvg_report_info;

/*
 * Every writer takes suites[0..nsuites), nsuites >= 1, and writes one
 * document covering them all.
 *
 * JUnit XML as Jenkins' JUnit plugin and GitLab read it (docs/junit.md):
 * one <testsuite> per suite under one <testsuites>.
 * Errors: CVG_EIO (write failed), CVG_ENOMEM, CVG_ERROR (libxml2),
 * CVG_EINVAL (timestamp out of range), CVG_ELIMIT (a finding's text over 4 MiB).
 */
int cvg_report_write_junit(
        FILE *fp, const cvg_report_suite *suites, size_t nsuites, const cvg_report_info *info);

/*
 * CycloneDX 1.6 JSON: the components and a vulnerabilities section (VEX);
 * the analysis mapping is in docs/reports.md. Same errors as junit.
 */
int cvg_report_write_cyclonedx(
        FILE *fp, const cvg_report_suite *suites, size_t nsuites, const cvg_report_info *info);

/*
 * OpenVEX 0.2.0 JSON: one statement per CVE and status (docs/reports.md).
 * Same errors as junit.
 */
int cvg_report_write_openvex(
        FILE *fp, const cvg_report_suite *suites, size_t nsuites, const cvg_report_info *info);

/*
 * One self-contained HTML page: summary with an inline SVG chart, findings
 * per package, ignored findings, coverage (docs/reports.md). Readable with
 * scripts and styles blocked. Same errors as junit.
 */
int cvg_report_write_html(
        FILE *fp, const cvg_report_suite *suites, size_t nsuites, const cvg_report_info *info);

/*
 * A terminal summary (docs/reports.md#text): findings sorted by severity,
 * counts per severity and per package; ANSI colours only with info->color;
 * control characters and terminal escapes from the data are neutralised.
 * Errors: CVG_EIO, CVG_ENOMEM, CVG_ELIMIT (over 256 MiB).
 */
int cvg_report_write_text(
        FILE *fp, const cvg_report_suite *suites, size_t nsuites, const cvg_report_info *info);

/*
 * JSON, schema "cvegate-report/1" (docs/report-json.md): every field of every
 * finding and component, through yajl's generator.
 * Errors: CVG_EIO, CVG_ENOMEM, CVG_ERROR (yajl), CVG_EINVAL (timestamp).
 */
int cvg_report_write_json(
        FILE *fp, const cvg_report_suite *suites, size_t nsuites, const cvg_report_info *info);

/*
 * CSV (RFC 4180, CRLF line ends), a header row and one row per finding;
 * formula-leading cells get an apostrophe (docs/reports.md#csv).
 * Errors: CVG_EIO, CVG_ENOMEM, CVG_ELIMIT (over 256 MiB).
 */
int cvg_report_write_csv(
        FILE *fp, const cvg_report_suite *suites, size_t nsuites, const cvg_report_info *info);

/*
 * SARIF 2.1.0 for GitHub code scanning (docs/reports.md#sarif): one rule per
 * CVE, one result per finding, each located at the inventory file and line.
 * Errors: CVG_EIO, CVG_ENOMEM, CVG_ERROR (yajl or OpenSSL).
 */
int cvg_report_write_sarif(
        FILE *fp, const cvg_report_suite *suites, size_t nsuites, const cvg_report_info *info);

/* A report format: one writer file under src/lib/report/ and one line in
 * the table (report.c). */
typedef struct cvg_report_format {
	const char *name;    /* "junit", "json", ... as --output names it */
	const char *summary; /* for usage texts */
	int (*write)(FILE *fp, const cvg_report_suite *suites, size_t nsuites,
	        const cvg_report_info *info);
	bool full_records; /* it shows CWE ids and references: the scan must load them */
} cvg_report_format;

/* The formats, in table order; *count is set. */
const cvg_report_format *cvg_report_formats(size_t *count);

/* The format called `name`, or NULL. */
const cvg_report_format *cvg_report_find(const char *name);

#ifdef __cplusplus
}
#endif
#endif
