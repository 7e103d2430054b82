/*
 * tests/unit/cve_build.h - building CVE records by hand in unit tests:
 * set a string field, make a record, add a metric. Shared by the report
 * fixtures. Include after cmocka.h.
 */
#ifndef CVG_TEST_CVE_BUILD_H
#define CVG_TEST_CVE_BUILD_H

#include <string.h>

#include "cvegate/cve.h"

/* Set a record's string field (NULL leaves it NULL). */
static inline void fx_set(char **field, const char *s)
{
	if (s)
		assert_int_equal(cvg_cve_set_string(field, s, strlen(s)), 0);
}

static inline cvg_cve *fx_cve(
        const char *id, const char *description, const char *published, const char *modified)
{
	cvg_cve *cve = NULL;

	assert_int_equal(cvg_cve_new(&cve), 0);
	fx_set(&cve->id, id);
	fx_set(&cve->description, description);
	fx_set(&cve->published, published);
	fx_set(&cve->last_modified, modified);
	return cve;
}

static inline const cvg_metric *fx_metric(cvg_cve *cve, cvg_cvss_version v, const char *source,
        const char *type, const char *score, const char *vector, const char *severity)
{
	cvg_metric *m = cvg_cve_add_metric(cve);

	assert_non_null(m);
	m->version = v;
	fx_set(&m->source, source);
	fx_set(&m->type, type);
	fx_set(&m->score, score);
	fx_set(&m->vector, vector);
	fx_set(&m->severity, severity);
	return m;
}

#endif
