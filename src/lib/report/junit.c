/*
 * lib/report/junit.c - scan results as a JUnit XML report for CI servers.
 *
 * One <testsuite> per inventory (several under one <testsuites> when a run
 * scans several); one <testcase> per finding (a CVE in a
 * component), plus one passing <testcase> for every component without a
 * finding, so a CI server shows what was checked and not only what failed.
 * The element and attribute choices, and which of them Jenkins' JUnit plugin
 * and GitLab read, are written down in docs/junit.md.
 *
 * Why it is built this way:
 *  - libxml2's xmlTextWriter does the XML syntax (escaping, quoting); no
 *    string is pasted into markup by hand. It writes into an in-memory
 *    xmlBuffer, and only a complete document is written to the stream, so
 *    a failure half-way never leaves half a report behind it; a short
 *    write, a stream error or a failing fflush is CVG_EIO.
 *  - The writer escapes markup but does not check encoding, so every string
 *    from outside (package names, versions, file names, descriptions,
 *    vectors, criteria, reasons) passes the UTF-8 / XML 1.0 sanitiser of
 *    util/utf8.h on its way in: the attribute and text helpers below
 *    sanitise whatever they are given, so no path can forget it.
 *  - Writer calls keep a sticky error (the first failure is kept, later
 *    calls do nothing), so the document is laid out as straight-line code
 *    and checked once at the end.
 *  - Nothing depends on the clock, the locale or the environment: times
 *    are "0", the timestamp is info->timestamp formatted in UTC, so the same
 *    result and info give the same bytes.
 */
#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlwriter.h>

#include "cvegate/report.h"
#include "lib/report/report_util.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/utf8.h"

/* A finding's text (description included) stays below this; NVD descriptions are a few KiB. */
#define TEXT_MAX (4u << 20)

#define NVD_DETAIL_URL "https://nvd.nist.gov/vuln/detail/"

typedef struct junit {
	xmlTextWriterPtr w;
	int error;   /* the first error, or 0 */
	cvg_buf txt; /* text being assembled for an attribute or element */
} junit;

/* ---- Writer helpers with a sticky error ---- */

static void xml_check(junit *j, int rc)
{
	if (rc < 0 && j->error == 0)
		j->error = cvg__error(CVG_ERROR, "writing the JUnit report: libxml2 writer failed");
}

static void start(junit *j, const char *element)
{
	if (j->error == 0)
		xml_check(j, xmlTextWriterStartElement(j->w, BAD_CAST element));
}

static void end(junit *j)
{
	if (j->error == 0)
		xml_check(j, xmlTextWriterEndElement(j->w));
}

/* A sanitised copy of text from outside, or NULL with j->error set. */
static char *clean(junit *j, const char *value)
{
	char *c;

	if (j->error)
		return NULL;
	if ((c = cvg__utf8_sanitize_dup(value)) == NULL)
		j->error = cvg__error_oom();
	return c;
}

/* An attribute whose value may come from outside: sanitised first. */
static void attr(junit *j, const char *name, const char *value)
{
	char *c = clean(j, value);

	if (c)
		xml_check(j, xmlTextWriterWriteAttribute(j->w, BAD_CAST name, BAD_CAST c));
	free(c);
}

static void attr_size(junit *j, const char *name, size_t n)
{
	char num[32];

	snprintf(num, sizeof(num), "%zu", n);
	attr(j, name, num);
}

/* Element text that may come from outside: sanitised first. */
static void text(junit *j, const char *value)
{
	char *c = clean(j, value);

	if (c)
		xml_check(j, xmlTextWriterWriteString(j->w, BAD_CAST c));
	free(c);
}

/* ---- Assembling text in j->txt ---- */

static void txt_clear(junit *j)
{
	cvg__buf_clear(&j->txt);
}

static void txt_add(junit *j, const char *s)
{
	int rc;

	if (j->error || s == NULL)
		return;
	if ((rc = cvg__utf8_sanitize(&j->txt, s, strlen(s))) < 0)
		j->error = rc;
}

static const char *txt(junit *j)
{
	return j->txt.ptr ? j->txt.ptr : "";
}

static const char *str_or(const char *s, const char *fallback)
{
	return s ? s : fallback;
}

/* ---- What a finding says ---- */

/* "distribution build VERSION: the fix may be backported" */
static void add_distro_note(junit *j, const cvg_component *c)
{
	txt_add(j, "distribution build ");
	txt_add(j, str_or(c->distro_version, str_or(c->version, "?")));
	txt_add(j, ": the fix may be backported, check the distribution's advisory");
}

/* The one-line summary: "CVE-ID: SEVERITY SCORE (VECTOR)", and the
 * distribution note, which a reader must see before acting on it. */
static void add_headline(junit *j, const cvg_component *c, const cvg_finding *f)
{
	const cvg_metric *m = f->metric;

	txt_add(j, str_or(f->cve->id, "(no id)"));
	if (m == NULL) {
		txt_add(j, ": no CVSS score");
	} else {
		txt_add(j, ": ");
		txt_add(j, str_or(m->severity, "UNKNOWN"));
		txt_add(j, " ");
		txt_add(j, str_or(m->score, "?"));
		if (m->vector) {
			txt_add(j, " (");
			txt_add(j, m->vector);
			txt_add(j, ")");
		}
	}
	if (c->distro) {
		txt_add(j, "; ");
		add_distro_note(j, c);
	}
	if (f->expired) {
		txt_add(j, "; its ignore entry expired on ");
		txt_add(j, str_or(f->expired->expires, "?"));
	}
}

/* "identified: HOW (TEXT)\n" */
static void add_identified(junit *j, const cvg_component *c)
{
	txt_add(j, "identified: ");
	txt_add(j, cvg_component_identified(c));
	if (c->ident_text) {
		txt_add(j, " (");
		txt_add(j, c->ident_text);
		txt_add(j, ")");
	}
	txt_add(j, "\n");
}

/* The multi-line details of a finding, each line ending in "\n". */
static void add_details(junit *j, const cvg_component *c, const cvg_finding *f)
{
	const cvg_metric *m = f->metric;
	const cvg_cve *cve = f->cve;
	size_t i;

	if (m == NULL) {
		txt_add(j, "severity: none (the record has no CVSS score)\n");
	} else {
		txt_add(j, "severity: ");
		txt_add(j, str_or(m->severity, "UNKNOWN"));
		txt_add(j, "\nscore: ");
		txt_add(j, str_or(m->score, "?"));
		txt_add(j, "\nCVSS ");
		txt_add(j, cvg_cvss_version_name(m->version));
		txt_add(j, ": ");
		txt_add(j, str_or(m->vector, "no vector"));
		/* NVD 1.1 gives neither: the score is then the NVD's primary one */
		txt_add(j, " (source ");
		txt_add(j, str_or(m->source, "NVD"));
		txt_add(j, ", ");
		txt_add(j, str_or(m->type, "Primary"));
		txt_add(j, ")\n");
	}
	txt_add(j, "match: ");
	txt_add(j, cvg_match_kind_name(f->kind));
	if (f->criterion) {
		txt_add(j, ": ");
		txt_add(j, f->criterion);
	}
	txt_add(j, "\n");
	if (f->vendor || f->product) {
		txt_add(j, "product: ");
		txt_add(j, str_or(f->vendor, "*"));
		txt_add(j, ":");
		txt_add(j, str_or(f->product, "*"));
		txt_add(j, "\n");
	}
	if (f->origin != CVG_ORIGIN_NVD) {
		/* the CVE List v5 record, not the NVD's analysis, says it applies */
		txt_add(j, "applicability: ");
		txt_add(j, cvg_origin_name(f->origin));
		if (f->provider) {
			txt_add(j, " (");
			txt_add(j, f->provider);
			txt_add(j, ")");
		}
		txt_add(j, "\n");
	}
	add_identified(j, c);
	if (c->distro) {
		add_distro_note(j, c);
		txt_add(j, "\n");
	}
	if (f->expired) {
		char num[32];
		snprintf(num, sizeof(num), "%zu", f->expired->line);
		txt_add(j, "ignore entry (line ");
		txt_add(j, num);
		txt_add(j, ") expired on ");
		txt_add(j, str_or(f->expired->expires, "?"));
		txt_add(j, ": ");
		txt_add(j, str_or(f->expired->reason, "N/A"));
		txt_add(j, "\n");
	}
	if (f->conditional) {
		txt_add(j, "condition: ");
		txt_add(j, str_or(f->condition, "(not given)"));
		txt_add(j, "\n");
	}
	if (c->npackages > 0) {
		txt_add(j, "packages: ");
		for (i = 0; i < c->npackages; i++) {
			txt_add(j, i ? ", " : "");
			txt_add(j, c->packages[i]);
		}
		txt_add(j, "\n");
	}
	if (cve->description) {
		txt_add(j, "description: ");
		txt_add(j, cve->description);
		txt_add(j, "\n");
	}
	if (cve->published) {
		txt_add(j, "published: ");
		txt_add(j, cve->published);
		txt_add(j, "\n");
	}
	if (cve->id) {
		txt_add(j, NVD_DETAIL_URL);
		txt_add(j, cve->id);
		txt_add(j, "\n");
	}
}

/* ---- Test cases ---- */

static void testcase_start(junit *j, const cvg_component *c, const char *name)
{
	start(j, "testcase");
	txt_clear(j);
	txt_add(j, str_or(c->name, "?"));
	txt_add(j, " ");
	txt_add(j, str_or(c->version, "?"));
	attr(j, "classname", txt(j));
	attr(j, "name", name);
	if (c->file) {
		attr(j, "file", c->file);
		if (c->line > 0)
			attr_size(j, "line", c->line);
	}
	attr(j, "time", "0");
}

static void write_finding(junit *j, const cvg_component *c, const cvg_finding *f)
{
	testcase_start(j, c, str_or(f->cve->id, "(no id)"));
	if (f->ignored) {
		/* Jenkins reads the message attribute, GitLab the element text */
		txt_clear(j);
		txt_add(j, "ignored: ");
		txt_add(j, str_or(f->ignored->reason, "N/A"));
		if (f->ignored->justification) {
			txt_add(j, " (justification: ");
			txt_add(j, f->ignored->justification);
			txt_add(j, ")");
		}
		start(j, "skipped");
		attr(j, "message", txt(j));
		text(j, txt(j));
		end(j);
	} else if (f->unassessed && !f->failing) {
		/* listed, not judged: the versions could not be compared */
		txt_clear(j);
		txt_add(j, "unassessed: ");
		txt_add(j, str_or(f->criterion, "(no criterion)"));
		start(j, "skipped");
		attr(j, "message", txt(j));
		text(j, txt(j));
		end(j);
	} else if (f->failing) {
		start(j, "failure");
		txt_clear(j);
		add_headline(j, c, f);
		attr(j, "message", txt(j));
		attr(j, "type", f->metric ? str_or(f->metric->severity, "UNKNOWN") : "UNSCORED");
		/* GitLab shows only the text: it repeats the headline */
		txt_add(j, "\n");
		add_details(j, c, f);
		text(j, txt(j));
		end(j);
	} else {
		txt_clear(j);
		if (f->conditional) {
			txt_add(j, "conditional: the NVD makes this depend on ");
			txt_add(j, str_or(f->condition, "(not given)"));
			txt_add(j,
			        ", which the inventory does not list; fails only with --strict\n");
		}
		if (f->below_threshold && f->metric) {
			txt_add(j, "score ");
			txt_add(j, str_or(f->metric->score, "?"));
			txt_add(j, " is below the -a threshold\n");
		} else if (f->below_threshold) {
			txt_add(j, "no score: passes with --unscored pass\n");
		}
		if (f->known_pass)
			txt_add(j,
			        "known: the baseline report has it; passes with --fail-on-new\n");
		if (!f->conditional && !f->below_threshold && !f->known_pass)
			txt_add(j, "does not fail the gate\n");
		add_details(j, c, f);
		start(j, "system-out");
		text(j, txt(j));
		end(j);
	}
	end(j);
}

/* Append "N criteria could not be evaluated:" and one line each to the
 * text, and write the text as the test case's output. */
static void write_skipped_criteria(junit *j, const cvg_component *c)
{
	char num[32];
	size_t i;

	snprintf(num, sizeof(num), "%zu", c->nskipped);
	txt_add(j, num);
	txt_add(j, c->nskipped == 1 ? " criterion could not be evaluated:\n"
	                            : " criteria could not be evaluated:\n");
	for (i = 0; i < c->nskipped; i++) {
		txt_add(j, str_or(c->skipped[i], "?"));
		txt_add(j, "\n");
	}
	start(j, "system-out");
	text(j, txt(j));
	end(j);
}

/*
 * A component without findings: how it was identified and what was looked
 * up, so the report shows coverage and not only failures. A component
 * whose products no record names is "unmapped": a likely naming gap.
 */
static void write_clean_component(junit *j, const cvg_component *c)
{
	char num[32];

	if (c->auxiliary) {
		testcase_start(j, c, "not matched (auxiliary package)");
		txt_clear(j);
	} else {
		testcase_start(j, c,
		        cvg_component_unmapped(c) ? "unmapped: no NVD or CVE List record names it"
		                                  : "no known CVE");
		txt_clear(j);
		txt_add(j, "products: ");
		txt_add(j, str_or(c->products, ""));
		txt_add(j, "\n");
		add_identified(j, c);
		snprintf(num, sizeof(num), "%zu", c->nrows);
		txt_add(j, "criteria in the database: ");
		txt_add(j, num);
		txt_add(j, "\n");
		if (cvg_component_unmapped(c))
			txt_add(j, "no CVE record names these products: if the NVD knows this "
			           "software under another name, map it with --map "
			           "(docs/mapping.md)\n");
		if (c->nskipped == 0) {
			start(j, "system-out");
			text(j, txt(j));
			end(j);
		}
	}
	if (c->nskipped > 0)
		write_skipped_criteria(j, c);
	end(j);
}

/* The test cases of component c, whose findings are order[from..to). */
static void write_component(junit *j, const cvg_scan_result *res, const cvg_component *c,
        const size_t *order, size_t from, size_t to)
{
	size_t k;

	for (k = from; k < to; k++)
		write_finding(j, c, &res->findings[order[k]]);
	if (from == to) {
		write_clean_component(j, c);
	} else if (c->nskipped > 0) {
		testcase_start(j, c, "criteria not evaluated");
		txt_clear(j);
		write_skipped_criteria(j, c);
		end(j);
	}
}

/* ---- The document ---- */

typedef struct counts {
	size_t tests, failures, skipped;
} counts;

/*
 * Group the findings by component, keeping their given order: the findings
 * of component i are order[first[i]..first[i+1]). A counting sort, so an
 * unsorted array still gives every finding exactly once.
 */
static int group_findings(size_t **order_out, size_t **first_out, const cvg_scan_result *res)
{
	size_t n = res->ncomponents, i, k;
	size_t *first = calloc(n + 1, sizeof(size_t));
	size_t *order = malloc((res->nfindings ? res->nfindings : 1) * sizeof(size_t));

	if (first == NULL || order == NULL) {
		free(first);
		free(order);
		return cvg__error_oom();
	}
	for (k = 0; k < res->nfindings; k++) {
		assert(res->findings[k].component < n);
		first[res->findings[k].component + 1]++;
	}
	for (i = 0; i < n; i++)
		first[i + 1] += first[i];
	for (k = 0; k < res->nfindings; k++)
		order[first[res->findings[k].component]++] = k;
	/* each first[i] now holds where component i ends: shift them back */
	for (i = n; i > 0; i--)
		first[i] = first[i - 1];
	first[0] = 0;
	*order_out = order;
	*first_out = first;
	return 0;
}

/* The counts of what write_component() writes, for the attributes written before it. */
static void count(counts *out, const cvg_scan_result *res, const size_t *order, const size_t *first)
{
	size_t i, k;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < res->ncomponents; i++) {
		for (k = first[i]; k < first[i + 1]; k++) {
			const cvg_finding *f = &res->findings[order[k]];
			out->tests++;
			if (f->ignored || (f->unassessed && !f->failing))
				out->skipped++;
			else if (f->failing)
				out->failures++;
		}
		if (first[i] == first[i + 1] || res->components[i].nskipped > 0)
			out->tests++;
	}
}

static void count_attrs(junit *j, const counts *c)
{
	attr_size(j, "tests", c->tests);
	attr_size(j, "failures", c->failures);
	attr_size(j, "skipped", c->skipped);
	attr(j, "errors", "0");
	attr(j, "time", "0");
}

static void property(junit *j, const char *name, const char *value)
{
	start(j, "property");
	attr(j, "name", name);
	attr(j, "value", value);
	end(j);
}

/* ISO 8601 in UTC without a zone designator, as Ant's JUnit schema has it. */
static int format_timestamp(char *out, size_t size, long long seconds)
{
	time_t t = (time_t)seconds;
	struct tm tm;

	if ((long long)t != seconds || gmtime_r(&t, &tm) == NULL ||
	        strftime(out, size, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		return cvg__error(CVG_EINVAL, "timestamp %lld is out of range", seconds);
	return 0;
}

/*
 * One <testsuite>: `name` is the suite's name after "cvegate: " (NULL:
 * just "cvegate"), `inventory` the path for the inventory property.
 */
static int write_suite(junit *j, const cvg_scan_result *res, const char *name,
        const char *inventory, const char *stamp, const cvg_report_info *info)
{
	size_t *order = NULL, *first = NULL;
	counts n;
	char num[32];
	int error;

	if ((error = group_findings(&order, &first, res)) < 0)
		return error;
	count(&n, res, order, first);
	start(j, "testsuite");
	txt_clear(j);
	txt_add(j, "cvegate");
	if (name) {
		txt_add(j, ": ");
		txt_add(j, name);
	}
	attr(j, "name", txt(j));
	count_attrs(j, &n);
	attr(j, "timestamp", stamp);
	if (info->hostname)
		attr(j, "hostname", info->hostname);

	start(j, "properties");
	if (inventory)
		property(j, "inventory", inventory);
	if (res->db_path)
		property(j, "database", res->db_path);
	if (res->db_updated)
		property(j, "database.updated", res->db_updated);
	snprintf(num, sizeof(num), "%zu", res->ncomponents);
	property(j, "coverage.components", num);
	snprintf(num, sizeof(num), "%zu", res->nunmapped);
	property(j, "coverage.unmapped", num);
	end(j);
	for (size_t i = 0; i < res->ncomponents; i++)
		write_component(j, res, &res->components[i], order, first[i], first[i + 1]);
	end(j); /* testsuite */
	free(order);
	free(first);
	return 0;
}

/* The counts of every suite, for <testsuites>. */
static int count_all(counts *out, const cvg_report_suite *suites, size_t nsuites)
{
	memset(out, 0, sizeof(*out));
	for (size_t s = 0; s < nsuites; s++) {
		size_t *order = NULL, *first = NULL;
		counts n;
		int error;

		if ((error = group_findings(&order, &first, suites[s].res)) < 0)
			return error;
		count(&n, suites[s].res, order, first);
		out->tests += n.tests;
		out->failures += n.failures;
		out->skipped += n.skipped;
		free(order);
		free(first);
	}
	return 0;
}

int cvg_report_write_junit(
        FILE *fp, const cvg_report_suite *suites, size_t nsuites, const cvg_report_info *info)
{
	junit j = {NULL, 0, CVG_BUF_INIT(TEXT_MAX)};
	cvg_buf label = CVG_BUF_INIT(TEXT_MAX);
	xmlBufferPtr xbuf = NULL;
	counts n;
	char stamp[64];
	int error;

	assert(fp != NULL && suites != NULL && nsuites > 0 && info != NULL);
	if ((error = format_timestamp(stamp, sizeof(stamp), info->timestamp)) < 0)
		goto done;
	if ((error = count_all(&n, suites, nsuites)) < 0)
		goto done;
	if ((xbuf = xmlBufferCreate()) == NULL || (j.w = xmlNewTextWriterMemory(xbuf, 0)) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	xml_check(&j, xmlTextWriterSetIndent(j.w, 1));
	xml_check(&j, xmlTextWriterSetIndentString(j.w, BAD_CAST "  "));
	if (j.error == 0)
		xml_check(&j, xmlTextWriterStartDocument(j.w, "1.0", "UTF-8", NULL));

	start(&j, "testsuites");
	attr(&j, "name", "cvegate");
	count_attrs(&j, &n);
	for (size_t s = 0; s < nsuites && j.error == 0; s++) {
		const char *name = suites[s].inventory;
		/* several suites: distinct names, even for the same inventory twice */
		if (nsuites > 1) {
			if ((error = cvg__report_suite_label(&label, suites, nsuites, s)) < 0)
				goto done;
			name = label.ptr;
		}
		if ((error = write_suite(
		             &j, suites[s].res, name, suites[s].inventory, stamp, info)) < 0)
			goto done;
	}
	end(&j); /* testsuites */
	if (j.error == 0)
		xml_check(&j, xmlTextWriterEndDocument(j.w));
	if ((error = j.error) < 0)
		goto done;
	/* freeing the writer flushes what it still holds into xbuf */
	xmlFreeTextWriter(j.w);
	j.w = NULL;
	error = cvg__report_write_all(
	        fp, (const char *)xmlBufferContent(xbuf), (size_t)xmlBufferLength(xbuf));
done:
	if (j.w)
		xmlFreeTextWriter(j.w);
	if (xbuf)
		xmlBufferFree(xbuf);
	cvg__buf_dispose(&j.txt);
	cvg__buf_dispose(&label);
	return error;
}
