/*
 * lib/report/json.c - scan results as JSON, schema "cvegate-report/1".
 *
 * The schema is written down, field by field, in docs/report-json.md; a
 * change that removes or retypes a field is a new schema name, additions
 * keep it. Every field of every finding is there (the JUnit report is a
 * view of the same data for CI servers; this one is for programs: jq, the
 * --baseline of a later run, dashboards), and every component, so coverage
 * (what was checked, what is unmapped) is not lost.
 *
 * Why it is built this way:
 *  - yajl's generator does the JSON syntax (escaping, nesting); nothing is
 *    pasted by hand. Strings from outside pass the UTF-8 sanitiser first
 *    (cvg__jgen_str), so yajl never meets invalid UTF-8.
 *  - Scores are written as the source's text with yajl_gen_number, so a
 *    9.8 stays 9.8 and never becomes 9.8000000000000007; a text that is not
 *    a JSON number (never seen in NVD data) is written as a string.
 *  - The document is built in memory and written in one piece, so a
 *    failure leaves no half report; the same result and info give the same
 *    bytes (no clock, locale or environment is read here).
 */
#include <assert.h>
#include <string.h>

#include "cvegate/report.h"
#include "lib/report/report_internal.h"
#include "util/error.h"

#ifndef CVG_VERSION
#define CVG_VERSION "0"
#endif

#define SCHEMA_NAME "cvegate-report/1"

/* A comma- and space-separated list ("a, b" or "a b c") as an array of its words. */
static void word_array(cvg__jgen *j, const char *list, const char *seps)
{
	const char *p = list;

	cvg__jgen_array_open(j);
	while (p && *p && j->error == 0) {
		size_t n;
		char word[512];

		p += strspn(p, seps);
		n = strcspn(p, seps);
		if (n == 0)
			break;
		if (n >= sizeof(word)) /* tags and product names are short; cut the absurd */
			n = sizeof(word) - 1;
		memcpy(word, p, n);
		word[n] = '\0';
		cvg__jgen_str(j, word);
		p += strcspn(p, seps);
	}
	cvg__jgen_array_close(j);
}

static void write_metric(cvg__jgen *j, const cvg_metric *m)
{
	cvg__jgen_map_open(j);
	cvg__jgen_kstr(j, "version", cvg_cvss_version_name(m->version));
	cvg__jgen_kstr(j, "source", m->source);
	cvg__jgen_kstr(j, "type", m->type);
	cvg__jgen_kscore(j, "score", m->score);
	cvg__jgen_kstr(j, "vector", m->vector);
	cvg__jgen_kstr(j, "severity", m->severity);
	cvg__jgen_map_close(j);
}

/* Component `index` (numbered over all inventories); `inventory` is its
 * inventory's label when the report covers several, else NULL. */
static void write_component(
        cvg__jgen *j, const cvg_component *c, size_t index, const char *inventory)
{
	size_t i;

	cvg__jgen_map_open(j);
	cvg__jgen_kint(j, "index", (long long)index);
	if (inventory)
		cvg__jgen_kstr(j, "inventory", inventory);
	cvg__jgen_kstr(j, "name", c->name);
	cvg__jgen_kstr(j, "version", c->version);
	cvg__jgen_kstr(j, "upstream_version", c->upstream);
	cvg__jgen_kstr(j, "version_scheme", cvg_version_scheme_name(c->scheme));
	cvg__jgen_key(j, "packages");
	cvg__jgen_array_open(j);
	for (i = 0; i < c->npackages; i++)
		cvg__jgen_str(j, c->packages[i]);
	cvg__jgen_array_close(j);
	cvg__jgen_kstr(j, "file", c->file);
	if (c->line > 0)
		cvg__jgen_kint(j, "line", (long long)c->line);
	else
		cvg__jgen_kstr(j, "line", NULL);
	cvg__jgen_kstr(j, "identified", cvg_component_identified(c));
	cvg__jgen_kstr(j, "identifier", c->ident_text);
	cvg__jgen_key(j, "products");
	word_array(j, c->products, " ");
	cvg__jgen_kbool(j, "distro", c->distro);
	cvg__jgen_kstr(j, "distro_version", c->distro_version);
	cvg__jgen_kbool(j, "auxiliary", c->auxiliary);
	cvg__jgen_kint(j, "criteria", (long long)c->nrows);
	cvg__jgen_kbool(j, "unmapped", cvg_component_unmapped(c));
	cvg__jgen_key(j, "not_evaluated");
	cvg__jgen_array_open(j);
	for (i = 0; i < c->nskipped; i++)
		cvg__jgen_str(j, c->skipped[i]);
	cvg__jgen_array_close(j);
	cvg__jgen_map_close(j);
}

/* A finding; its component's index is offset by `base` (the components of
 * the inventories before it), `inventory` as for write_component(). */
static void write_finding(cvg__jgen *j, const cvg_scan_result *res, const cvg_finding *f,
        size_t base, const char *inventory)
{
	const cvg_component *c = &res->components[f->component];
	const cvg_cve *cve = f->cve;
	size_t i;

	cvg__jgen_map_open(j);
	cvg__jgen_kstr(j, "cve", cve->id);
	if (inventory)
		cvg__jgen_kstr(j, "inventory", inventory);
	cvg__jgen_kint(j, "component", (long long)(base + f->component));
	cvg__jgen_kstr(j, "package", c->name);
	cvg__jgen_kstr(j, "version", c->version);
	cvg__jgen_key(j, "packages");
	cvg__jgen_array_open(j);
	for (i = 0; i < c->npackages; i++)
		cvg__jgen_str(j, c->packages[i]);
	cvg__jgen_array_close(j);
	cvg__jgen_kstr(j, "identified", cvg_component_identified(c));
	cvg__jgen_kstr(j, "identifier", c->ident_text);
	cvg__jgen_kstr(j, "status", cvg_finding_status(f));
	cvg__jgen_kbool(j, "failing", f->failing);
	cvg__jgen_kstr(j, "baseline",
	        f->novelty == CVG_NOVELTY_NEW     ? "new"
	        : f->novelty == CVG_NOVELTY_KNOWN ? "known"
	                                          : NULL);
	cvg__jgen_kstr(j, "severity", cvg__report_severity_name(cvg__report_severity(f->metric)));
	cvg__jgen_key(j, "score");
	if (f->metric)
		write_metric(j, f->metric);
	else
		cvg__jgen_str(j, NULL);
	cvg__jgen_key(j, "metrics");
	cvg__jgen_array_open(j);
	for (i = 0; i < cve->nmetrics; i++)
		write_metric(j, &cve->metrics[i]);
	cvg__jgen_array_close(j);
	cvg__jgen_key(j, "cwe");
	cvg__jgen_array_open(j);
	for (i = 0; i < cve->nweaknesses; i++)
		cvg__jgen_str(j, cve->weaknesses[i].cwe);
	cvg__jgen_array_close(j);

	cvg__jgen_key(j, "match");
	cvg__jgen_map_open(j);
	cvg__jgen_kstr(j, "kind", cvg_match_kind_name(f->kind));
	cvg__jgen_kstr(j, "criterion", f->criterion);
	cvg__jgen_kstr(j, "vendor", f->vendor);
	cvg__jgen_kstr(j, "product", f->product);
	cvg__jgen_kbool(j, "conditional", f->conditional);
	cvg__jgen_kstr(j, "condition", f->condition);
	cvg__jgen_map_close(j);
	cvg__jgen_kstr(j, "origin", cvg_origin_name(f->origin));
	cvg__jgen_kstr(j, "provider", f->provider);

	cvg__jgen_kbool(j, "below_threshold", f->below_threshold);
	cvg__jgen_key(j, "ignore");
	if (f->ignored) {
		cvg__jgen_map_open(j);
		cvg__jgen_kstr(j, "reason", f->ignored->reason);
		cvg__jgen_kint(j, "line", (long long)f->ignored->line);
		cvg__jgen_map_close(j);
	} else {
		cvg__jgen_str(j, NULL);
	}
	cvg__jgen_kstr(j, "description", cve->description);
	cvg__jgen_kstr(j, "published", cve->published);
	cvg__jgen_kstr(j, "modified", cve->last_modified);
	cvg__jgen_kstr(j, "record_status", cve->status);
	cvg__jgen_kstr(j, "source_identifier", cve->source_id);
	cvg__jgen_key(j, "kev");
	if (cve->kev_added) {
		cvg__jgen_map_open(j);
		cvg__jgen_kstr(j, "added", cve->kev_added);
		cvg__jgen_kstr(j, "due", cve->kev_due);
		cvg__jgen_kstr(j, "action", cve->kev_action);
		cvg__jgen_kstr(j, "name", cve->kev_name);
		cvg__jgen_map_close(j);
	} else {
		cvg__jgen_str(j, NULL);
	}
	cvg__jgen_key(j, "references");
	cvg__jgen_array_open(j);
	for (i = 0; i < cve->nreferences; i++) {
		const cvg_reference *r = &cve->references[i];
		cvg__jgen_map_open(j);
		cvg__jgen_kstr(j, "url", r->url);
		cvg__jgen_kstr(j, "source", r->source);
		cvg__jgen_key(j, "tags");
		word_array(j, r->tags, ",");
		cvg__jgen_map_close(j);
	}
	cvg__jgen_array_close(j);
	cvg__jgen_map_close(j);
}

/* The counts of a result (or of the totals). */
static void write_summary(cvg__jgen *j, const cvg_scan_result *res)
{
	cvg__jgen_key(j, "summary");
	cvg__jgen_map_open(j);
	cvg__jgen_kint(j, "components", (long long)res->ncomponents);
	cvg__jgen_kint(j, "unmapped", (long long)res->nunmapped);
	cvg__jgen_kint(j, "findings", (long long)res->nfindings);
	cvg__jgen_kint(j, "failing", (long long)res->nfailing);
	cvg__jgen_kint(j, "ignored", (long long)res->nignored);
	cvg__jgen_kint(j, "conditional", (long long)res->nconditional);
	cvg__jgen_kint(j, "below_threshold", (long long)res->nbelow);
	cvg__jgen_kint(j, "unassessed", (long long)res->nunassessed);
	cvg__jgen_map_close(j);
}

static void write_resolved(cvg__jgen *j, const cvg_scan_result *res)
{
	for (size_t i = 0; i < res->nresolved; i++)
		cvg__jgen_str(j, res->resolved[i]);
}

/*
 * With several inventories, "inventories" lists each one's label, path,
 * counts and resolved findings; "components", "findings" and "resolved"
 * hold those of all of them, each component and finding naming its
 * inventory, and "summary" the totals (docs/report-json.md).
 */
static void write_inventories(
        cvg__jgen *j, const cvg_report_suite *suites, size_t nsuites, cvg_buf *label)
{
	cvg__jgen_key(j, "inventories");
	cvg__jgen_array_open(j);
	for (size_t s = 0; s < nsuites && j->error == 0; s++) {
		if ((j->error = cvg__report_suite_label(label, suites, nsuites, s)) < 0)
			break;
		cvg__jgen_map_open(j);
		cvg__jgen_kstr(j, "inventory", label->ptr);
		cvg__jgen_kstr(j, "path", suites[s].inventory);
		write_summary(j, suites[s].res);
		cvg__jgen_key(j, "resolved");
		cvg__jgen_array_open(j);
		write_resolved(j, suites[s].res);
		cvg__jgen_array_close(j);
		cvg__jgen_map_close(j);
	}
	cvg__jgen_array_close(j);
}

int cvg_report_write_json(
        FILE *fp, const cvg_report_suite *suites, size_t nsuites, const cvg_report_info *info)
{
	cvg__jgen j = {NULL, 0};
	cvg_buf label = CVG_BUF_INIT(CVG__REPORT_TEXT_MAX);
	cvg_scan_result total;
	const char *inv;
	char stamp[32];
	size_t i, s, base;
	int error;

	assert(fp != NULL && suites != NULL && nsuites > 0 && info != NULL);
	cvg__report_totals(&total, suites, nsuites);
	if ((error = cvg__report_format_time(stamp, sizeof(stamp), info->timestamp)) < 0 ||
	        (error = cvg__jgen_init(&j)) < 0)
		goto done;
	cvg__jgen_map_open(&j);
	cvg__jgen_kstr(&j, "schema", SCHEMA_NAME);
	cvg__jgen_key(&j, "tool");
	cvg__jgen_map_open(&j);
	cvg__jgen_kstr(&j, "name", "cvegate");
	cvg__jgen_kstr(&j, "version", CVG_VERSION);
	cvg__jgen_map_close(&j);
	cvg__jgen_kstr(&j, "generated", stamp);
	cvg__jgen_kstr(&j, "inventory", nsuites == 1 ? suites[0].inventory : NULL);
	cvg__jgen_key(&j, "database");
	cvg__jgen_map_open(&j);
	cvg__jgen_kstr(&j, "path", total.db_path);
	cvg__jgen_kstr(&j, "updated", total.db_updated);
	cvg__jgen_map_close(&j);
	write_summary(&j, &total);
	if (nsuites > 1)
		write_inventories(&j, suites, nsuites, &label);

	cvg__jgen_key(&j, "components");
	cvg__jgen_array_open(&j);
	for (s = 0, base = 0; s < nsuites && j.error == 0; base += suites[s++].res->ncomponents) {
		const cvg_scan_result *res = suites[s].res;
		if (nsuites > 1 &&
		        (j.error = cvg__report_suite_label(&label, suites, nsuites, s)) < 0)
			break;
		inv = nsuites > 1 ? label.ptr : NULL;
		for (i = 0; i < res->ncomponents; i++)
			write_component(&j, &res->components[i], base + i, inv);
	}
	cvg__jgen_array_close(&j);

	cvg__jgen_key(&j, "findings");
	cvg__jgen_array_open(&j);
	for (s = 0, base = 0; s < nsuites && j.error == 0; base += suites[s++].res->ncomponents) {
		const cvg_scan_result *res = suites[s].res;
		if (nsuites > 1 &&
		        (j.error = cvg__report_suite_label(&label, suites, nsuites, s)) < 0)
			break;
		inv = nsuites > 1 ? label.ptr : NULL;
		for (i = 0; i < res->nfindings; i++) {
			assert(res->findings[i].component < res->ncomponents);
			write_finding(&j, res, &res->findings[i], base, inv);
		}
	}
	cvg__jgen_array_close(&j);
	cvg__jgen_key(&j, "resolved");
	cvg__jgen_array_open(&j);
	for (s = 0; s < nsuites; s++)
		write_resolved(&j, suites[s].res);
	cvg__jgen_array_close(&j);
	cvg__jgen_map_close(&j);
	error = cvg__jgen_finish(&j, fp);
done:
	cvg__jgen_dispose(&j);
	cvg__buf_dispose(&label);
	return error;
}
