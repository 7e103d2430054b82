/*
 * lib/cve5_write.c - write a cvg_cve5 back as a CVE JSON 5 document.
 *
 * The database stores a CVE List record as the compact JSON of exactly what
 * the reader kept (lib/cve5.c), compressed (docs/schema.md): one blob per
 * record instead of a dozen tables, read back with the same reader, so the
 * scanner sees one model whether the record came from a file or from the
 * database. The document is valid CVE JSON 5 as far as the kept fields go
 * (dataType, dataVersion, cveMetadata, containers.cna and adp[] with
 * providerMetadata, descriptions or rejectedReasons, affected,
 * cpeApplicability, metrics with the CVSS version and KEV entries as
 * metrics[].other, problemTypes, references, title) and
 * cvg_cve5_parse(cvg_cve5_write_json(rec)) equals rec, field by field:
 * - Containers are written in the record's order: a CNA container as
 *   "cna", a run of ADP containers as one "adp" array (so a record whose
 *   "adp" came before "cna" keeps its container indexes).
 * - Each piece is written into the container it names, in record order
 *   (the reader appends pieces container by container).
 * - The record's description goes to the first CNA container, as its one
 *   English description, or for a REJECTED record as its rejectedReasons;
 *   the record's title is its CNA container's title, written there.
 * - Metric sources and types are not written: the reader derives them from
 *   the containers. baseScore is written as a JSON number when its text is
 *   one ("10.0" stays "10.0"), else as the string it was.
 * - Reference tags are kept joined with commas; they are split back at the
 *   commas, which the reader joins again to the same string.
 * yajl's generator does the escaping; the reader has checked the UTF-8.
 */
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_gen.h>

#include "cvegate/cve5.h"
#include "cvegate/error.h"
#include "util/error.h"
#include "util/text.h"

/* A generator status other than yajl_gen_status_ok stops the document. */
typedef struct writer {
	yajl_gen g;
	yajl_gen_status st;
} writer;

static void w_str(writer *w, const char *s)
{
	if (w->st == yajl_gen_status_ok)
		w->st = yajl_gen_string(w->g, (const unsigned char *)s, strlen(s));
}

/* "key": "value", when value is not NULL */
static void w_kv(writer *w, const char *key, const char *value)
{
	if (value == NULL)
		return;
	w_str(w, key);
	w_str(w, value);
}

static void w_bool(writer *w, const char *key, bool b)
{
	w_str(w, key);
	if (w->st == yajl_gen_status_ok)
		w->st = yajl_gen_bool(w->g, b);
}

static void w_open(writer *w, bool map)
{
	if (w->st == yajl_gen_status_ok)
		w->st = map ? yajl_gen_map_open(w->g) : yajl_gen_array_open(w->g);
}

/* The array under `key`, opened at its first element: the key is written
 * only when a container has something for it. */
static void w_array_once(writer *w, bool *open, const char *key)
{
	if (*open)
		return;
	w_str(w, key);
	w_open(w, false);
	*open = true;
}

static void w_close(writer *w, bool map)
{
	if (w->st == yajl_gen_status_ok)
		w->st = map ? yajl_gen_map_close(w->g) : yajl_gen_array_close(w->g);
}

/* ---- Pieces ---- */

static void w_affected(writer *w, const cvg_cve5_affected *a)
{
	w_open(w, true);
	w_kv(w, "vendor", a->vendor);
	w_kv(w, "product", a->product);
	w_kv(w, "packageName", a->package_name);
	w_kv(w, "collectionURL", a->collection_url);
	w_kv(w, "repo", a->repo);
	if (a->ncpes) {
		w_str(w, "cpes");
		w_open(w, false);
		for (size_t i = 0; i < a->ncpes; i++)
			w_str(w, a->cpes[i]);
		w_close(w, false);
	}
	if (a->default_status != CVG_CVE5_NONE)
		w_kv(w, "defaultStatus", cvg_cve5_status_name(a->default_status));
	if (a->nversions) {
		w_str(w, "versions");
		w_open(w, false);
		for (size_t i = 0; i < a->nversions; i++) {
			const cvg_cve5_version *v = &a->versions[i];
			w_open(w, true);
			w_kv(w, "version", v->version);
			w_kv(w, "status", cvg_cve5_status_name(v->status));
			w_kv(w, "versionType", v->version_type);
			w_kv(w, "lessThan", v->less_than);
			w_kv(w, "lessThanOrEqual", v->less_than_or_equal);
			if (v->nchanges) {
				w_str(w, "changes");
				w_open(w, false);
				for (size_t j = 0; j < v->nchanges; j++) {
					w_open(w, true);
					w_kv(w, "at", v->changes[j].at);
					w_kv(w, "status",
					        cvg_cve5_status_name(v->changes[j].status));
					w_close(w, true);
				}
				w_close(w, false);
			}
			w_close(w, true);
		}
		w_close(w, false);
	}
	w_close(w, true);
}

static void w_config(writer *w, const cvg_config *c)
{
	w_open(w, true);
	w_kv(w, "operator", c->op == CVG_OP_AND ? "AND" : "OR");
	w_bool(w, "negate", c->negate);
	w_str(w, "nodes");
	w_open(w, false);
	for (size_t n = 0; n < c->nnodes; n++) {
		const cvg_node *node = &c->nodes[n];
		w_open(w, true);
		w_kv(w, "operator", node->op == CVG_OP_AND ? "AND" : "OR");
		w_bool(w, "negate", node->negate);
		w_str(w, "cpeMatch");
		w_open(w, false);
		for (size_t m = 0; m < node->nmatches; m++) {
			const cvg_cpe_match *cm = &node->matches[m];
			w_open(w, true);
			w_bool(w, "vulnerable", cm->vulnerable);
			w_kv(w, "criteria", cm->criteria);
			w_kv(w, "matchCriteriaId", cm->match_id);
			w_kv(w, "versionStartIncluding", cm->start_incl);
			w_kv(w, "versionStartExcluding", cm->start_excl);
			w_kv(w, "versionEndIncluding", cm->end_incl);
			w_kv(w, "versionEndExcluding", cm->end_excl);
			w_close(w, true);
		}
		w_close(w, false);
		w_close(w, true);
	}
	w_close(w, false);
	w_close(w, true);
}

static const char *cvss_key(cvg_cvss_version v)
{
	switch (v) {
	case CVG_CVSS_V2:
		return "cvssV2_0";
	case CVG_CVSS_V30:
		return "cvssV3_0";
	case CVG_CVSS_V31:
		return "cvssV3_1";
	default:
		return "cvssV4_0";
	}
}

static void w_metrics(writer *w, const cvg_cve5 *rec, size_t c)
{
	bool open = false;

	for (size_t i = 0; i < rec->nmetrics; i++) {
		const cvg_metric *m = &rec->metrics[i].metric;
		if (rec->metrics[i].container != c)
			continue;
		w_array_once(w, &open, "metrics");
		w_open(w, true);
		w_str(w, cvss_key(m->version));
		w_open(w, true);
		w_kv(w, "version", cvg_cvss_version_name(m->version));
		if (m->score) {
			w_str(w, "baseScore");
			if (cvg__json_is_number(m->score)) {
				if (w->st == yajl_gen_status_ok)
					w->st = yajl_gen_number(w->g, m->score, strlen(m->score));
			} else {
				w_str(w, m->score);
			}
		}
		w_kv(w, "vectorString", m->vector);
		w_kv(w, "baseSeverity", m->severity);
		w_close(w, true);
		w_close(w, true);
	}
	for (size_t i = 0; i < rec->nkevs; i++) {
		const cvg_cve5_kev *k = &rec->kevs[i];
		if (k->container != c)
			continue;
		w_array_once(w, &open, "metrics");
		w_open(w, true);
		w_str(w, "other");
		w_open(w, true);
		w_kv(w, "type", "kev");
		w_str(w, "content");
		w_open(w, true);
		w_kv(w, "dateAdded", k->date_added);
		w_kv(w, "reference", k->reference);
		w_close(w, true);
		w_close(w, true);
		w_close(w, true);
	}
	if (open)
		w_close(w, false);
}

static void w_references(writer *w, const cvg_cve5 *rec, size_t c)
{
	bool open = false;

	for (size_t i = 0; i < rec->nreferences; i++) {
		const cvg_cve5_reference *r = &rec->references[i];
		if (r->container != c)
			continue;
		w_array_once(w, &open, "references");
		w_open(w, true);
		w_kv(w, "url", r->url);
		if (r->tags) {
			const char *p = r->tags, *comma;
			w_str(w, "tags");
			w_open(w, false);
			do {
				comma = strchr(p, ',');
				size_t n = comma ? (size_t)(comma - p) : strlen(p);
				if (w->st == yajl_gen_status_ok)
					w->st = yajl_gen_string(w->g, (const unsigned char *)p, n);
				p = comma + 1;
			} while (comma);
			w_close(w, false);
		}
		w_close(w, true);
	}
	if (open)
		w_close(w, false);
}

static void w_container(writer *w, const cvg_cve5 *rec, size_t c, bool first_cna)
{
	const cvg_cve5_container *ct = &rec->containers[c];
	bool open;

	w_open(w, true);
	w_str(w, "providerMetadata");
	w_open(w, true);
	w_kv(w, "orgId", ct->org_id);
	w_kv(w, "shortName", ct->short_name);
	w_kv(w, "dateUpdated", ct->date_updated);
	w_close(w, true);
	w_kv(w, "title", ct->title);
	if (first_cna && rec->description) {
		w_str(w, rec->rejected ? "rejectedReasons" : "descriptions");
		w_open(w, false);
		w_open(w, true);
		w_kv(w, "lang", "en");
		w_kv(w, "value", rec->description);
		w_close(w, true);
		w_close(w, false);
	}
	open = false;
	for (size_t i = 0; i < rec->naffected; i++) {
		if (rec->affected[i].container != c)
			continue;
		w_array_once(w, &open, "affected");
		w_affected(w, &rec->affected[i]);
	}
	if (open)
		w_close(w, false);
	open = false;
	for (size_t i = 0; i < rec->nconfigs; i++) {
		if (rec->configs[i].container != c)
			continue;
		w_array_once(w, &open, "cpeApplicability");
		w_config(w, &rec->configs[i].config);
	}
	if (open)
		w_close(w, false);
	w_metrics(w, rec, c);
	open = false;
	for (size_t i = 0; i < rec->ncwes; i++) {
		if (rec->cwes[i].container != c)
			continue;
		if (!open) {
			/* one problemTypes entry holding every CWE of the container */
			w_str(w, "problemTypes");
			w_open(w, false);
			w_open(w, true);
			w_str(w, "descriptions");
			w_open(w, false);
			open = true;
		}
		w_open(w, true);
		w_kv(w, "lang", "en");
		w_kv(w, "type", "CWE");
		w_kv(w, "cweId", rec->cwes[i].cwe);
		w_kv(w, "description", rec->cwes[i].cwe);
		w_close(w, true);
	}
	if (open) {
		w_close(w, false);
		w_close(w, true);
		w_close(w, false);
	}
	w_references(w, rec, c);
	w_close(w, true);
}

/* ---- The document ---- */

int cvg_cve5_write_json(char **out, size_t *len, const cvg_cve5 *rec)
{
	writer w = {NULL, yajl_gen_status_ok};
	const unsigned char *buf;
	size_t n, c;
	bool cna_seen = false;
	int error = 0;

	*out = NULL;
	*len = 0;
	if (rec->id == NULL || rec->data_version == NULL)
		return cvg__error(CVG_EINVAL, "%s: record without %s",
		        rec->id ? rec->id : "(no id)", rec->id ? "dataVersion" : "cveId");
	if ((w.g = yajl_gen_alloc(NULL)) == NULL)
		return cvg__error_oom();
	w_open(&w, true);
	w_kv(&w, "dataType", "CVE_RECORD");
	w_kv(&w, "dataVersion", rec->data_version);
	w_str(&w, "cveMetadata");
	w_open(&w, true);
	w_kv(&w, "cveId", rec->id);
	w_kv(&w, "assignerOrgId", rec->assigner_org_id);
	w_kv(&w, "assignerShortName", rec->assigner);
	w_kv(&w, "state", rec->rejected ? "REJECTED" : "PUBLISHED");
	w_kv(&w, "dateReserved", rec->date_reserved);
	w_kv(&w, "datePublished", rec->date_published);
	w_kv(&w, "dateUpdated", rec->date_updated);
	w_close(&w, true);
	if (rec->ncontainers) {
		w_str(&w, "containers");
		w_open(&w, true);
		for (c = 0; c < rec->ncontainers;) {
			if (!rec->containers[c].adp) {
				w_str(&w, "cna");
				w_container(&w, rec, c, !cna_seen);
				cna_seen = true;
				c++;
				continue;
			}
			w_str(&w, "adp");
			w_open(&w, false);
			for (; c < rec->ncontainers && rec->containers[c].adp; c++)
				w_container(&w, rec, c, false);
			w_close(&w, false);
		}
		w_close(&w, true);
	}
	w_close(&w, true);
	if (w.st != yajl_gen_status_ok) {
		error = cvg__error(w.st == yajl_gen_invalid_string ? CVG_EINVAL : CVG_ERROR,
		        "%s: cannot write the record as JSON (yajl generator status %d)", rec->id,
		        (int)w.st);
		goto done;
	}
	yajl_gen_get_buf(w.g, &buf, &n);
	if ((*out = malloc(n + 1)) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	memcpy(*out, buf, n);
	(*out)[n] = '\0';
	*len = n;
done:
	yajl_gen_free(w.g);
	return error;
}
