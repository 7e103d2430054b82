/*
 * tests/unit/cve5_equal.h - field-by-field equality of two CVE JSON 5
 * records (cvegate/cve5.h), for the serialiser's round trip
 * (test_cve5_write.c) and records loaded from the database
 * (test_db_cve5.c). Include after <cmocka.h>. Fails naming the field.
 */
#ifndef CVG_TEST_CVE5_EQUAL_H
#define CVG_TEST_CVE5_EQUAL_H

#include <stdio.h>
#include <string.h>

#include "cvegate/cve5.h"

static void eq_str(const char *id, const char *what, size_t i, const char *a, const char *b)
{
	if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
		fail_msg("%s: %s[%zu]: '%s' != '%s'", id, what, i, a ? a : "(null)",
		        b ? b : "(null)");
}

static void eq_num(const char *id, const char *what, size_t i, size_t a, size_t b)
{
	if (a != b)
		fail_msg("%s: %s[%zu]: %zu != %zu", id, what, i, a, b);
}

static void eq_config(const char *id, size_t i, const cvg_config *a, const cvg_config *b)
{
	eq_num(id, "config.op", i, a->op, b->op);
	eq_num(id, "config.negate", i, a->negate, b->negate);
	eq_num(id, "config.nnodes", i, a->nnodes, b->nnodes);
	for (size_t n = 0; n < a->nnodes; n++) {
		const cvg_node *x = &a->nodes[n], *y = &b->nodes[n];
		eq_num(id, "node.op", n, x->op, y->op);
		eq_num(id, "node.negate", n, x->negate, y->negate);
		eq_num(id, "node.nmatches", n, x->nmatches, y->nmatches);
		for (size_t m = 0; m < x->nmatches; m++) {
			const cvg_cpe_match *p = &x->matches[m], *q = &y->matches[m];
			eq_num(id, "match.vulnerable", m, p->vulnerable, q->vulnerable);
			eq_str(id, "match.criteria", m, p->criteria, q->criteria);
			eq_str(id, "match.match_id", m, p->match_id, q->match_id);
			eq_str(id, "match.start_incl", m, p->start_incl, q->start_incl);
			eq_str(id, "match.start_excl", m, p->start_excl, q->start_excl);
			eq_str(id, "match.end_incl", m, p->end_incl, q->end_incl);
			eq_str(id, "match.end_excl", m, p->end_excl, q->end_excl);
		}
	}
}

static void cve5_assert_equal(const cvg_cve5 *a, const cvg_cve5 *b)
{
	const char *id = a->id ? a->id : "(no id)";
	size_t i, j, k;

	eq_str(id, "id", 0, a->id, b->id);
	eq_num(id, "rejected", 0, a->rejected, b->rejected);
	eq_str(id, "data_version", 0, a->data_version, b->data_version);
	eq_str(id, "assigner_org_id", 0, a->assigner_org_id, b->assigner_org_id);
	eq_str(id, "assigner", 0, a->assigner, b->assigner);
	eq_str(id, "date_published", 0, a->date_published, b->date_published);
	eq_str(id, "date_updated", 0, a->date_updated, b->date_updated);
	eq_str(id, "date_reserved", 0, a->date_reserved, b->date_reserved);
	eq_str(id, "description", 0, a->description, b->description);
	eq_str(id, "title", 0, a->title, b->title);
	eq_num(id, "ncontainers", 0, a->ncontainers, b->ncontainers);
	for (i = 0; i < a->ncontainers; i++) {
		const cvg_cve5_container *x = &a->containers[i], *y = &b->containers[i];
		eq_num(id, "container.adp", i, x->adp, y->adp);
		eq_str(id, "container.org_id", i, x->org_id, y->org_id);
		eq_str(id, "container.short_name", i, x->short_name, y->short_name);
		eq_str(id, "container.date_updated", i, x->date_updated, y->date_updated);
		eq_str(id, "container.title", i, x->title, y->title);
	}
	eq_num(id, "naffected", 0, a->naffected, b->naffected);
	for (i = 0; i < a->naffected; i++) {
		const cvg_cve5_affected *x = &a->affected[i], *y = &b->affected[i];
		eq_num(id, "affected.container", i, x->container, y->container);
		eq_str(id, "affected.vendor", i, x->vendor, y->vendor);
		eq_str(id, "affected.product", i, x->product, y->product);
		eq_str(id, "affected.package_name", i, x->package_name, y->package_name);
		eq_str(id, "affected.collection_url", i, x->collection_url, y->collection_url);
		eq_str(id, "affected.repo", i, x->repo, y->repo);
		eq_num(id, "affected.default_status", i, x->default_status, y->default_status);
		eq_num(id, "affected.ncpes", i, x->ncpes, y->ncpes);
		for (j = 0; j < x->ncpes; j++)
			eq_str(id, "affected.cpes", j, x->cpes[j], y->cpes[j]);
		eq_num(id, "affected.nversions", i, x->nversions, y->nversions);
		for (j = 0; j < x->nversions; j++) {
			const cvg_cve5_version *v = &x->versions[j], *w = &y->versions[j];
			eq_str(id, "version.version", j, v->version, w->version);
			eq_num(id, "version.status", j, v->status, w->status);
			eq_str(id, "version.version_type", j, v->version_type, w->version_type);
			eq_str(id, "version.less_than", j, v->less_than, w->less_than);
			eq_str(id, "version.less_than_or_equal", j, v->less_than_or_equal,
			        w->less_than_or_equal);
			eq_num(id, "version.nchanges", j, v->nchanges, w->nchanges);
			for (k = 0; k < v->nchanges; k++) {
				eq_str(id, "change.at", k, v->changes[k].at, w->changes[k].at);
				eq_num(id, "change.status", k, v->changes[k].status,
				        w->changes[k].status);
			}
		}
	}
	eq_num(id, "nconfigs", 0, a->nconfigs, b->nconfigs);
	for (i = 0; i < a->nconfigs; i++) {
		eq_num(id, "config.container", i, a->configs[i].container, b->configs[i].container);
		eq_config(id, i, &a->configs[i].config, &b->configs[i].config);
	}
	eq_num(id, "nmetrics", 0, a->nmetrics, b->nmetrics);
	for (i = 0; i < a->nmetrics; i++) {
		const cvg_metric *x = &a->metrics[i].metric, *y = &b->metrics[i].metric;
		eq_num(id, "metric.container", i, a->metrics[i].container, b->metrics[i].container);
		eq_num(id, "metric.version", i, x->version, y->version);
		eq_str(id, "metric.source", i, x->source, y->source);
		eq_str(id, "metric.type", i, x->type, y->type);
		eq_str(id, "metric.score", i, x->score, y->score);
		eq_str(id, "metric.vector", i, x->vector, y->vector);
		eq_str(id, "metric.severity", i, x->severity, y->severity);
	}
	eq_num(id, "ncwes", 0, a->ncwes, b->ncwes);
	for (i = 0; i < a->ncwes; i++) {
		eq_num(id, "cwe.container", i, a->cwes[i].container, b->cwes[i].container);
		eq_str(id, "cwe.cwe", i, a->cwes[i].cwe, b->cwes[i].cwe);
	}
	eq_num(id, "nreferences", 0, a->nreferences, b->nreferences);
	for (i = 0; i < a->nreferences; i++) {
		eq_num(id, "reference.container", i, a->references[i].container,
		        b->references[i].container);
		eq_str(id, "reference.url", i, a->references[i].url, b->references[i].url);
		eq_str(id, "reference.tags", i, a->references[i].tags, b->references[i].tags);
	}
	eq_num(id, "nkevs", 0, a->nkevs, b->nkevs);
	for (i = 0; i < a->nkevs; i++) {
		eq_num(id, "kev.container", i, a->kevs[i].container, b->kevs[i].container);
		eq_str(id, "kev.date_added", i, a->kevs[i].date_added, b->kevs[i].date_added);
		eq_str(id, "kev.reference", i, a->kevs[i].reference, b->kevs[i].reference);
	}
}

#endif
