/*
 * lib/cve5_match.c - which CVE List v5 data names a component, and what it
 * says about the component's version.
 *
 * A CVE List record names products in free text (vendor, product,
 * packageName) and sometimes by CPE. Both sides of a comparison go through
 * cvg_cve5_name_key(), so "SQLite" meets the NVD's "sqlite" and a Debian
 * source "sqlite3" meets it through its mapping to sqlite:sqlite. Vendors
 * are not compared: CNAs and the NVD name them differently too often (curl's
 * CNA writes "curl" where the NVD has "haxx", libpng's "pnggroup" where it
 * has "libpng"), and the product names compared are the component's own
 * NVD products, which are specific. A name
 * that names nothing ("n/a") never matches: such records reach a component
 * only through CPEs. Versions follow the CVE JSON 5 rules of
 * cve5_versions.c; combining several entries that name one component is
 * decided here (docs/matching.md section 6 has every rule with a real record).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cvegate/cpe.h"
#include "cvegate/error.h"
#include "lib/cve5_match.h"
#include "util/buf.h"
#include "util/error.h"

typedef char name_key[CVG_CVE5_NAME_KEY_MAX];

static size_t add_key(name_key *keys, size_t n, size_t max, const char *name)
{
	name_key k;

	if (n >= max || cvg_cve5_name_key(k, name) == 0)
		return n;
	for (size_t i = 0; i < n; i++)
		if (strcmp(keys[i], k) == 0)
			return n;
	memcpy(keys[n], k, sizeof(k));
	return n + 1;
}

size_t cvg__cve5_target_keys(name_key *keys, size_t max, const cvg__cve5_target *t)
{
	size_t n = 0;

	for (size_t i = 0; i < t->nproducts; i++)
		n = add_key(keys, n, max, t->products[i].product);
	n = add_key(keys, n, max, t->name);
	for (size_t i = 0; i < t->npackages; i++)
		n = add_key(keys, n, max, t->packages[i]);
	return n;
}

/* The target product a CPE (2.3 formatted string or 2.2 URI) names, or NULL. */
static const cvg_product *cpe_product(const char *name, const cvg__cve5_target *t, bool *oom)
{
	cvg_cpe *cpe = NULL;
	char *fs = NULL;
	const cvg_product *hit = NULL;
	int error;

	if (strncmp(name, "cpe:/", 5) == 0) {
		if ((error = cvg_cpe_uri_to_fs(&fs, name, strlen(name))) < 0) {
			*oom = error == CVG_ENOMEM;
			return NULL;
		}
		name = fs;
	}
	if ((error = cvg_cpe_parse(&cpe, name)) < 0) {
		*oom = error == CVG_ENOMEM;
		free(fs);
		return NULL;
	}
	for (size_t i = 0; i < t->nproducts && hit == NULL; i++) {
		const cvg_cpe_attr *v = &cpe->attr[CVG_CPE_VENDOR],
		                   *p = &cpe->attr[CVG_CPE_PRODUCT];
		const char *vendor = v->value ? v->value : v->raw;
		const char *product = p->value ? p->value : p->raw;

		if (strcasecmp(product, t->products[i].product) == 0 &&
		        (t->products[i].vendor == NULL ||
		                strcasecmp(vendor, t->products[i].vendor) == 0))
			hit = &t->products[i];
	}
	cvg_cpe_free(cpe);
	free(fs);
	return hit;
}

bool cvg__cve5_entry_names(
        const cvg_cve5_affected *a, const cvg__cve5_target *t, const cvg_product **product)
{
	name_key k, o;
	bool oom = false;

	*product = NULL;
	for (size_t i = 0; i < a->ncpes; i++)
		if ((*product = cpe_product(a->cpes[i], t, &oom)) != NULL)
			return true;
	if (cvg_cve5_name_key(k, a->product) != 0) {
		for (size_t i = 0; i < t->nproducts; i++) {
			if (cvg_cve5_name_key(o, t->products[i].product) != 0 &&
			        strcmp(k, o) == 0) {
				*product = &t->products[i];
				return true;
			}
		}
		if (cvg_cve5_name_key(o, t->name) != 0 && strcmp(k, o) == 0)
			return true;
	}
	if (cvg_cve5_name_key(k, a->package_name) != 0) {
		if (cvg_cve5_name_key(o, t->name) != 0 && strcmp(k, o) == 0)
			return true;
		for (size_t i = 0; i < t->npackages; i++)
			if (cvg_cve5_name_key(o, t->packages[i]) != 0 && strcmp(k, o) == 0)
				return true;
	}
	return false;
}

bool cvg__cve5_config_names(const cvg_config *cfg, const cvg__cve5_target *t)
{
	bool oom = false;

	for (size_t n = 0; n < cfg->nnodes; n++)
		for (size_t m = 0; m < cfg->nodes[n].nmatches; m++) {
			const cvg_cpe_match *cm = &cfg->nodes[n].matches[m];
			if (cm->vulnerable && cm->criteria && cpe_product(cm->criteria, t, &oom))
				return true;
		}
	return false;
}

/* ---- Deciding ---- */

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* "Google: SQLite SQLite" - who says it, about what. */
static int put_entry(cvg_buf *b, const cvg_cve5 *rec, const cvg_cve5_affected *a)
{
	name_key k;
	int error = cvg__buf_printf(b, "%s: ", cvg_cve5_container_name(rec, a->container));

	if (error == 0 && cvg_cve5_name_key(k, a->vendor) != 0)
		error = cvg__buf_printf(b, "%s ", a->vendor);
	if (error == 0 && cvg_cve5_name_key(k, a->product) != 0)
		error = cvg__buf_puts(b, a->product);
	else if (error == 0 && a->package_name)
		error = cvg__buf_printf(b, "package %s", a->package_name);
	else if (error == 0 && a->ncpes)
		error = cvg__buf_puts(b, a->cpes[0]);
	return error;
}

/* The versions[] element or defaultStatus that found the version affected. */
static int put_range(cvg_buf *b, const cvg_cve5_affected *a, size_t entry, cvg_match_kind *kind)
{
	const cvg_cve5_version *v;
	int error = 0;

	if (entry == CVG_CVE5_NO_ENTRY || entry >= a->nversions) {
		*kind = CVG_MATCH_ANY;
		return cvg__buf_puts(b, " every version (defaultStatus affected)");
	}
	v = &a->versions[entry];
	if (v->less_than || v->less_than_or_equal) {
		*kind = CVG_MATCH_RANGE;
		if (v->version && strcmp(v->version, "0") != 0)
			error = cvg__buf_printf(b, " from %s (including)", v->version);
		if (error == 0)
			error = cvg__buf_printf(b, " up to %s (%s)",
			        v->less_than ? v->less_than : v->less_than_or_equal,
			        v->less_than ? "excluding" : "including");
	} else {
		*kind = CVG_MATCH_EXACT;
		error = cvg__buf_printf(b, " version %s", or_empty(v->version));
	}
	if (error == 0 && v->version_type)
		error = cvg__buf_printf(b, " [%s]", v->version_type);
	return error;
}

/* Why an entry gave no verdict: the types of the versions it could not compare. */
static int put_unassessed(cvg_buf *b, const cvg_cve5_affected *a, const char *version)
{
	const char *type = NULL;

	if (a->nversions == 0)
		return cvg__buf_printf(b, ": no version data (defaultStatus %s)",
		        a->default_status == CVG_CVE5_NONE
		                ? "absent"
		                : cvg_cve5_status_name(a->default_status));
	for (size_t i = 0; i < a->nversions && type == NULL; i++) {
		cvg_version_scheme s;
		if (cvg_cve5_version_scheme(&s, a->versions[i].version_type) < 0)
			type = a->versions[i].version_type;
	}
	if (type)
		return cvg__buf_printf(
		        b, ": versions of type %s cannot be compared with %s", type, version);
	return cvg__buf_printf(b, ": its versions cannot be compared with %s", version);
}

int cvg__cve5_decide(
        cvg__cve5_decision *out, const cvg_cve5 *rec, bool adp, const cvg__cve5_target *t)
{
	/* best outcome so far: affected > not affected (by an entry) > unassessed > unknown */
	size_t affected = SIZE_MAX, unaffected = SIZE_MAX, unassessed = SIZE_MAX;
	size_t aff_entry = CVG_CVE5_NO_ENTRY;
	const cvg_product *aff_product = NULL, *un_product = NULL;
	bool named = false;
	cvg_buf b = CVG_BUF_INIT(1u << 16);
	int error = 0;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < rec->naffected && affected == SIZE_MAX; i++) {
		const cvg_cve5_affected *a = &rec->affected[i];
		const cvg_product *prod;
		cvg_cve5_verdict v;

		if (rec->containers[a->container].adp != adp || !cvg__cve5_entry_names(a, t, &prod))
			continue;
		named = true;
		if ((error = cvg_cve5_version_status(&v, a, t->version, t->scheme)) < 0)
			return error;
		if (v.status == CVG_CVE5_AFFECTED) {
			affected = i;
			aff_entry = v.entry;
			aff_product = prod;
		} else if (v.status == CVG_CVE5_UNAFFECTED && v.entry != CVG_CVE5_NO_ENTRY) {
			if (unaffected == SIZE_MAX)
				unaffected = i;
		} else if (v.status == CVG_CVE5_UNASSESSABLE ||
		           (a->nversions == 0 && v.status == CVG_CVE5_UNKNOWN)) {
			if (unassessed == SIZE_MAX) {
				unassessed = i;
				un_product = prod;
			}
		} else if (v.status == CVG_CVE5_UNAFFECTED && unaffected == SIZE_MAX) {
			unaffected = i; /* defaultStatus unaffected */
		}
	}
	if (!named) {
		out->outcome = CVG__CVE5_NOT_NAMED;
		return 0;
	}
	if (affected != SIZE_MAX) {
		out->outcome = CVG__CVE5_AFFECTED;
		out->entry = affected;
		out->product = aff_product;
		if ((error = put_entry(&b, rec, &rec->affected[affected])) == 0)
			error = put_range(&b, &rec->affected[affected], aff_entry, &out->kind);
	} else if (unaffected == SIZE_MAX && unassessed != SIZE_MAX) {
		out->outcome = CVG__CVE5_UNASSESSED;
		out->entry = unassessed;
		out->product = un_product;
		out->kind = CVG_MATCH_ANY;
		if ((error = put_entry(&b, rec, &rec->affected[unassessed])) == 0)
			error = put_unassessed(&b, &rec->affected[unassessed], t->version);
	} else {
		out->outcome = CVG__CVE5_NOT_AFFECTED;
		return 0;
	}
	if (error < 0 || (out->criterion = cvg__buf_detach(&b)) == NULL) {
		cvg__buf_dispose(&b);
		return error < 0 ? error : cvg__error_oom();
	}
	return 0;
}

/* ---- The record in the NVD model ---- */

static int dup_field(char **dst, const char *src)
{
	return src ? cvg_cve_set_string(dst, src, strlen(src)) : 0;
}

static int copy_metric(cvg_cve *cve, const cvg_metric *m, const char *source, const char *type)
{
	cvg_metric *d = cvg_cve_add_metric(cve);
	int error;

	if (d == NULL)
		return CVG_ENOMEM;
	d->version = m->version;
	if ((error = dup_field(&d->source, source)) < 0 ||
	        (error = dup_field(&d->type, type)) < 0 ||
	        (error = dup_field(&d->score, m->score)) < 0 ||
	        (error = dup_field(&d->vector, m->vector)) < 0 ||
	        (error = dup_field(&d->severity, m->severity)) < 0)
		return error;
	return 0;
}

/* The metrics of the CNA (adp false) or of the ADPs, typed "CNA"/"ADP". */
static int copy_metrics(cvg_cve *cve, const cvg_cve5 *rec, bool adp)
{
	int error = 0;

	for (size_t i = 0; i < rec->nmetrics && error == 0; i++) {
		const cvg_cve5_metric *m = &rec->metrics[i];
		if (rec->containers[m->container].adp == adp)
			error = copy_metric(cve, &m->metric,
			        cvg_cve5_container_name(rec, m->container), adp ? "ADP" : "CNA");
	}
	return error;
}

int cvg__cve5_to_cve(cvg_cve **out, const cvg_cve5 *rec, const cvg_cve *nvd)
{
	cvg_cve *cve = NULL;
	int error;

	*out = NULL;
	if ((error = cvg_cve_new(&cve)) < 0)
		return error;
	if ((error = dup_field(&cve->id, rec->id)) < 0 ||
	        (error = dup_field(&cve->source_id, rec->assigner)) < 0 ||
	        (error = dup_field(&cve->published, rec->date_published)) < 0 ||
	        (error = dup_field(&cve->last_modified, rec->date_updated)) < 0 ||
	        (error = dup_field(&cve->description, rec->description ? rec->description
	                                              : nvd            ? nvd->description
	                                                               : NULL)) < 0 ||
	        (error = dup_field(&cve->status, nvd ? nvd->status : NULL)) < 0)
		goto done;
	if (rec->nkevs && (error = dup_field(&cve->kev_added, rec->kevs[0].date_added)) < 0)
		goto done;
	for (size_t i = 0; nvd && i < nvd->nmetrics && error == 0; i++) {
		const cvg_metric *m = &nvd->metrics[i];
		if (m->type == NULL || strcmp(m->type, "Primary") == 0)
			error = copy_metric(cve, m, m->source, m->type);
	}
	if (error < 0 || (error = copy_metrics(cve, rec, false)) < 0 ||
	        (error = copy_metrics(cve, rec, true)) < 0)
		goto done;
	for (size_t i = 0; i < rec->ncwes && error == 0; i++) {
		cvg_weakness *w = cvg_cve_add_weakness(cve);
		if (w == NULL)
			error = CVG_ENOMEM;
		else if ((error = dup_field(&w->cwe, rec->cwes[i].cwe)) == 0)
			error = dup_field(
			        &w->source, cvg_cve5_container_name(rec, rec->cwes[i].container));
	}
	for (size_t i = 0; i < rec->nreferences && error == 0; i++) {
		cvg_reference *r = cvg_cve_add_reference(cve);
		if (r == NULL)
			error = CVG_ENOMEM;
		else if ((error = dup_field(&r->url, rec->references[i].url)) == 0 &&
		         (error = dup_field(&r->tags, rec->references[i].tags)) == 0)
			error = dup_field(&r->source,
			        cvg_cve5_container_name(rec, rec->references[i].container));
	}
done:
	if (error < 0) {
		cvg_cve_free(cve);
		return error;
	}
	*out = cve;
	return 0;
}
