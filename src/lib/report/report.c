/*
 * lib/report/report.c - the table of report formats, and what the writers
 * share. A format is one writer file in this directory and one line here;
 * the CLI's --output names, its usage text and its messages come from this
 * table.
 *
 * The shared parts are small on purpose: writing a finished document out
 * (every writer builds its document in memory first, so a failure never
 * leaves half a report), the severity scale (computed from the score's text
 * in tenths, so no float and no locale is involved), and a sticky-error
 * wrapper around yajl's generator, so the JSON writers lay out their
 * documents as straight-line code and check once at the end.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cvegate/report.h"
#include "lib/report/report_internal.h"
#include "util/error.h"
#include "util/utf8.h"
#include "util/text.h"

static const cvg_report_format formats[] = {
        {"junit", "JUnit XML for CI servers (docs/junit.md)", cvg_report_write_junit, false},
        {"text", "terminal summary by severity and package", cvg_report_write_text, false},
        {"json", "every field, schema cvegate-report/1 (docs/report-json.md)",
                cvg_report_write_json, true},
        {"csv", "one row per finding (RFC 4180)", cvg_report_write_csv, true},
        {"sarif", "SARIF 2.1.0 for GitHub code scanning", cvg_report_write_sarif, true},
        {"cyclonedx", "CycloneDX 1.6 JSON with VEX (docs/reports.md)", cvg_report_write_cyclonedx,
                true},
        {"openvex", "OpenVEX 0.2.0 statements (docs/reports.md)", cvg_report_write_openvex, false},
        {"html", "one self-contained HTML page (docs/reports.md)", cvg_report_write_html, true},
};

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

const cvg_report_format *cvg_report_formats(size_t *count)
{
	*count = NFORMATS;
	return formats;
}

const cvg_report_format *cvg_report_find(const char *name)
{
	for (size_t i = 0; i < NFORMATS; i++)
		if (strcmp(formats[i].name, name) == 0)
			return &formats[i];
	return NULL;
}

/* ---- Shared by the writers ---- */

int cvg__report_score_tenths(const char *score)
{
	int n = 0, digits = 0;
	const char *p = score;

	if (p == NULL)
		return -1;
	while (*p >= '0' && *p <= '9' && digits < 3) {
		n = n * 10 + (*p++ - '0');
		digits++;
	}
	if (digits == 0 || (*p >= '0' && *p <= '9'))
		return -1;
	n *= 10;
	if (*p == '.') {
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return -1;
		n += *p++ - '0';
		/* further decimals (none in CVSS) are cut, not rounded */
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0' && n <= 100 ? n : -1;
}

static const char *const severity_names[CVG__SEV_COUNT] = {
        "UNSCORED", "NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL"};

cvg__severity cvg__report_severity(const cvg_metric *m)
{
	int t;

	if (m == NULL)
		return CVG__SEV_UNSCORED;
	if ((t = cvg__report_score_tenths(m->score)) >= 0) {
		/* CVSS v3.1 specification, section 5, table 14 */
		if (t == 0)
			return CVG__SEV_NONE;
		if (t < 40)
			return CVG__SEV_LOW;
		if (t < 70)
			return CVG__SEV_MEDIUM;
		if (t < 90)
			return CVG__SEV_HIGH;
		return CVG__SEV_CRITICAL;
	}
	for (int s = CVG__SEV_NONE; m->severity && s < CVG__SEV_COUNT; s++)
		if (strcmp(m->severity, severity_names[s]) == 0)
			return (cvg__severity)s;
	return CVG__SEV_UNSCORED;
}

const char *cvg__report_severity_name(cvg__severity s)
{
	return (unsigned)s < CVG__SEV_COUNT ? severity_names[s] : "UNSCORED";
}

/* ---- yajl's generator with a sticky error ---- */

int cvg__jgen_init(cvg__jgen *j)
{
	j->error = 0;
	if ((j->g = yajl_gen_alloc(NULL)) == NULL)
		return j->error = cvg__error_oom();
	yajl_gen_config(j->g, yajl_gen_beautify, 1);
	yajl_gen_config(j->g, yajl_gen_indent_string, "  ");
	return 0;
}

void cvg__jgen_dispose(cvg__jgen *j)
{
	if (j->g)
		yajl_gen_free(j->g);
	j->g = NULL;
}

static void jcheck(cvg__jgen *j, yajl_gen_status st)
{
	if (st != yajl_gen_status_ok && j->error == 0)
		j->error = st == yajl_gen_invalid_string
		                   ? cvg__error(CVG_ERROR, "writing JSON: invalid UTF-8")
		                   : cvg__error(CVG_ERROR, "writing JSON: yajl generator error %d",
		                             (int)st);
}

int cvg__jgen_finish(cvg__jgen *j, FILE *fp)
{
	const unsigned char *buf;
	size_t len;

	if (j->error)
		return j->error;
	jcheck(j, yajl_gen_get_buf(j->g, &buf, &len));
	if (j->error)
		return j->error;
	return j->error = cvg__report_write_all(fp, (const char *)buf, len);
}

void cvg__jgen_map_open(cvg__jgen *j)
{
	if (j->error == 0)
		jcheck(j, yajl_gen_map_open(j->g));
}

void cvg__jgen_map_close(cvg__jgen *j)
{
	if (j->error == 0)
		jcheck(j, yajl_gen_map_close(j->g));
}

void cvg__jgen_array_open(cvg__jgen *j)
{
	if (j->error == 0)
		jcheck(j, yajl_gen_array_open(j->g));
}

void cvg__jgen_array_close(cvg__jgen *j)
{
	if (j->error == 0)
		jcheck(j, yajl_gen_array_close(j->g));
}

void cvg__jgen_key(cvg__jgen *j, const char *key)
{
	if (j->error == 0)
		jcheck(j, yajl_gen_string(j->g, (const unsigned char *)key, strlen(key)));
}

void cvg__jgen_str(cvg__jgen *j, const char *s)
{
	char *c;

	if (j->error)
		return;
	if (s == NULL) {
		jcheck(j, yajl_gen_null(j->g));
		return;
	}
	if ((c = cvg__utf8_sanitize_dup(s)) == NULL) {
		j->error = cvg__error_oom();
		return;
	}
	jcheck(j, yajl_gen_string(j->g, (const unsigned char *)c, strlen(c)));
	free(c);
}

void cvg__jgen_kstr(cvg__jgen *j, const char *key, const char *s)
{
	cvg__jgen_key(j, key);
	cvg__jgen_str(j, s);
}

void cvg__jgen_kint(cvg__jgen *j, const char *key, long long n)
{
	cvg__jgen_key(j, key);
	if (j->error == 0)
		jcheck(j, yajl_gen_integer(j->g, n));
}

void cvg__jgen_kbool(cvg__jgen *j, const char *key, bool b)
{
	cvg__jgen_key(j, key);
	if (j->error == 0)
		jcheck(j, yajl_gen_bool(j->g, b));
}

void cvg__jgen_kscore(cvg__jgen *j, const char *key, const char *score)
{
	cvg__jgen_key(j, key);
	if (j->error)
		return;
	if (score && cvg__json_is_number(score))
		jcheck(j, yajl_gen_number(j->g, score, strlen(score)));
	else
		cvg__jgen_str(j, score);
}
