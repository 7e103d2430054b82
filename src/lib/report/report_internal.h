/*
 * lib/report/report_internal.h - what the report writers share (library-internal):
 * writing a finished document out, the severity scale, the UTC timestamp,
 * and a sticky-error wrapper around yajl's generator for the JSON writers.
 */
#ifndef CVG_REPORT_INTERNAL_H
#define CVG_REPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <yajl/yajl_gen.h>

#include "cvegate/report.h"
#include "lib/report/report_util.h" /* writing out, dates, JSON numbers */

#define CVG__NVD_DETAIL_URL "https://nvd.nist.gov/vuln/detail/"

/* Severities, ordered: a higher value is more severe; no score sorts last, as
 * grype and Trivy list "Unknown" last. */
typedef enum cvg__severity {
	CVG__SEV_UNSCORED = 0, /* the record has no CVSS score (fails the gate by default) */
	CVG__SEV_NONE = 1,     /* score 0.0 */
	CVG__SEV_LOW = 2,
	CVG__SEV_MEDIUM = 3,
	CVG__SEV_HIGH = 4,
	CVG__SEV_CRITICAL = 5,
} cvg__severity;

#define CVG__SEV_COUNT 6

/*
 * A score's text ("9.8", "10", "10.0") in tenths (98, 100, 100); -1 when it
 * is not a number from 0 to 10. No floating point, no locale.
 */
int cvg__report_score_tenths(const char *score);

/*
 * The severity of a metric on the CVSS v3.x qualitative scale (CVSS v3.1
 * specification, section 5, table 14: 0.0 None, 0.1-3.9 Low, 4.0-6.9 Medium,
 * 7.0-8.9 High, 9.0-10.0 Critical) for every CVSS version, so a 10.0 from
 * CVSS v2 is CRITICAL. A score that does not parse falls back to the
 * baseSeverity as given; NULL or neither is UNSCORED.
 */
cvg__severity cvg__report_severity(const cvg_metric *m);

/* "CRITICAL", "HIGH", "MEDIUM", "LOW", "NONE", "UNSCORED". */
const char *cvg__report_severity_name(cvg__severity s);

/* ---- yajl's generator with a sticky error (json.c, sarif.c) ---- */

typedef struct cvg__jgen {
	yajl_gen g;
	int error; /* the first error, or 0 */
} cvg__jgen;

/* A beautified generator (two-space indent). Returns 0 or CVG_ENOMEM. */
int cvg__jgen_init(cvg__jgen *j);

/* Write the document to fp (CVG_EIO) unless an error is already held; returns it. */
int cvg__jgen_finish(cvg__jgen *j, FILE *fp);

void cvg__jgen_dispose(cvg__jgen *j);

void cvg__jgen_map_open(cvg__jgen *j);
void cvg__jgen_map_close(cvg__jgen *j);
void cvg__jgen_array_open(cvg__jgen *j);
void cvg__jgen_array_close(cvg__jgen *j);
/* A key we name (ASCII, not from outside). */
void cvg__jgen_key(cvg__jgen *j, const char *key);
/* A string from outside: passes the UTF-8 sanitiser; NULL writes null. */
void cvg__jgen_str(cvg__jgen *j, const char *s);
/* key and string (or null). */
void cvg__jgen_kstr(cvg__jgen *j, const char *key, const char *s);
void cvg__jgen_kint(cvg__jgen *j, const char *key, long long n);
void cvg__jgen_kbool(cvg__jgen *j, const char *key, bool b);
/* A score exactly as the source wrote it: a JSON number when its text is
 * one ("9.8" stays 9.8), a string when not, null when NULL. */
void cvg__jgen_kscore(cvg__jgen *j, const char *key, const char *score);

#endif
