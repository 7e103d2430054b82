/*
 * lib/report/report_util.h - what the writers share (library-internal):
 * writing a finished document out, dates, a yajl generator with a sticky
 * error that sanitises every string, the helpers for reports over several
 * inventories, and the grouping of findings into VEX statements.
 */
#ifndef CVG_REPORT_UTIL_H
#define CVG_REPORT_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <yajl/yajl_gen.h>

#include "cvegate/report.h"
#include "util/buf.h"

/* A finding's text (description included) stays below this. */
#define CVG__REPORT_TEXT_MAX (4u << 20)

#define CVG__NVD_DETAIL_URL "https://nvd.nist.gov/vuln/detail/"

/* Write len bytes and flush; a short write or stream error is CVG_EIO. */
int cvg__report_write_all(FILE *fp, const char *data, size_t len);

/* "YYYY-MM-DDTHH:MM:SSZ" (RFC 3339, UTC) for seconds since the epoch;
 * CVG_EINVAL when out of range. out holds at least 32 bytes. */
int cvg__report_format_time(char *out, size_t size, long long seconds);

/*
 * Read an ISO 8601 date-time as NVD writes it: "YYYY-MM-DDTHH:MM[:SS[.fff]]"
 * with an optional "Z" or "+HH:MM"/"-HH:MM" (none means UTC). Returns false
 * for anything else.
 */
bool cvg__report_parse_time(long long *out, const char *s);

/* "critical", "high", "medium", "low", "none" for a source's severity in
 * any case, "unknown" for anything else or NULL. */
const char *cvg__report_severity_lower(const char *severity);

/* ---- A yajl generator with a sticky error ---- */

typedef struct cvg__jw {
	yajl_gen g;
	int error;        /* the first error, or 0 */
	const char *what; /* "CycloneDX", for messages */
} cvg__jw;

/* Start a beautified generator. Returns 0 or CVG_ENOMEM. */
int cvg__jw_init(cvg__jw *w, const char *what);
void cvg__jw_dispose(cvg__jw *w);
void cvg__jw_map_open(cvg__jw *w);
void cvg__jw_map_close(cvg__jw *w);
void cvg__jw_array_open(cvg__jw *w);
void cvg__jw_array_close(cvg__jw *w);
/* A string from outside: sanitised (util/utf8.h) first. NULL writes null. */
void cvg__jw_str(cvg__jw *w, const char *s);
/* A key and a string value; nothing when value is NULL. */
void cvg__jw_kv(cvg__jw *w, const char *key, const char *value);
void cvg__jw_int(cvg__jw *w, long long n);
/* s written as a number as it is; the caller checked cvg__json_is_number. */
void cvg__jw_number(cvg__jw *w, const char *s);
/* Write the finished document to fp (0, CVG_EIO, or the sticky error). */
int cvg__jw_write(cvg__jw *w, FILE *fp);

/* ---- Several inventories (cvg_report_suite) ---- */

/*
 * The sums of the suites' counters (components, findings, failing,
 * ignored, conditional, below threshold, expired, new, known, resolved,
 * unmapped, unassessed) into *out; its arrays stay NULL, and db_path and
 * db_updated are the first suite's (one database serves every suite).
 */
void cvg__report_totals(cvg_scan_result *out, const cvg_report_suite *suites, size_t nsuites);

/*
 * Suite i's label into out (replacing what it held): its inventory as
 * given, "inventory N" without one, with " (K)" appended when an earlier
 * suite has the same inventory, so every label is distinct. 0 or an error.
 */
int cvg__report_suite_label(cvg_buf *out, const cvg_report_suite *suites, size_t nsuites, size_t i);

/* Where suite i's components start when the components of all suites are
 * numbered in one sequence (suite 0 first). */
size_t cvg__report_component_base(const cvg_report_suite *suites, size_t i);

/* ---- Findings as VEX statements ---- */

typedef enum cvg__vex_class {
	CVG__VEX_IGNORED = 0,     /* an ignore entry suppresses it */
	CVG__VEX_MATCHED = 1,     /* matched unconditionally, not ignored */
	CVG__VEX_CONDITIONAL = 2, /* depends on a platform the inventory lacks, not ignored */
	CVG__VEX_UNASSESSED = 3,  /* the record names it, its versions could not be compared */
} cvg__vex_class;

cvg__vex_class cvg__report_vex_class(const cvg_finding *f);

/* A finding of one of the suites, with its component numbered over all suites. */
typedef struct cvg__vex_item {
	const cvg_finding *f;
	const cvg_component *c;
	size_t component; /* cvg__report_component_base(suite) + f->component */
	size_t suite;
} cvg__vex_item;

/*
 * The findings of all suites in statement order: by CVE id, class, ignore
 * reason, condition or criterion, then component. Consecutive items for
 * which cvg__report_vex_same() holds form one statement (one CVE, one
 * status, one text, several components). *out holds *count items; the
 * caller frees it. Returns 0 or CVG_ENOMEM.
 */
int cvg__report_vex_order(
        cvg__vex_item **out, size_t *count, const cvg_report_suite *suites, size_t nsuites);
bool cvg__report_vex_same(const cvg__vex_item *a, const cvg__vex_item *b);

/*
 * A name-based UUID (RFC 4122 section 4.3 layout, version 5 bits, built on
 * SHA-256 instead of SHA-1) of text: "xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx".
 * The same report gives the same id. out holds at least 37 bytes.
 * Returns 0, CVG_ENOMEM or CVG_ERROR.
 */
int cvg__report_uuid(char *out, const char *text, size_t len);

/* "pkg:generic/NAME@VERSION", each part percent-encoded as the purl
 * specification says, appended to out. Returns 0 or an error. */
int cvg__report_generic_purl(cvg_buf *out, const char *name, const char *version);

#endif
