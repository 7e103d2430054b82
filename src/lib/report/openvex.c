/*
 * lib/report/openvex.c - scan results as an OpenVEX 0.2.0 document.
 *
 * One statement per CVE and status (the VEX grouping of report_util.c: the
 * components that share a CVE, a status and a text share a statement).
 * The status mapping (docs/reports.md):
 *   ignored                -> not_affected with the entry's justification as
 *                             OpenVEX names it and the reason in status_notes
 *                             (the schema takes a justification or an
 *                             impact_statement, not both); without one, the
 *                             reason as impact_statement
 *   matched, not ignored   -> affected, with an action_statement (OpenVEX
 *                             requires one for affected)
 *   conditional, not ignored -> under_investigation: the record makes it
 *                             depend on a platform the inventory does not
 *                             list, so nobody knows yet
 * A product is named by the purl the inventory gave; else by a generic
 * purl "pkg:generic/NAME@VERSION", which is the component's name@version
 * in the one form that is a valid IRI as OpenVEX's @id requires.
 * identifiers holds the purl only: the specification's text names CPE keys
 * "cpe22"/"cpe23", its JSON schema "@cpe22"/"@cpe23" and forbids any other
 * key, so a CPE under either name fails one of them (the CPE is in the
 * CycloneDX report).
 *
 * The document's @id is a name-based UUID URN of its facts, so the same
 * scan gives the same bytes. Built with yajl's generator through
 * report_util's sticky wrapper, which sanitises every string. Field names
 * follow the OpenVEX specification v0.2.0 (github.com/openvex/spec).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "cvegate/report.h"
#include "lib/report/report_util.h"
#include "util/buf.h"
#include "util/error.h"

#ifndef CVG_VERSION
#define CVG_VERSION "0"
#endif

#define OPENVEX_CONTEXT "https://openvex.dev/ns/v0.2.0"

typedef struct ovx {
	cvg__jw w;
	cvg_buf txt;
} ovx;

static const char *str_or(const char *s, const char *fallback)
{
	return s ? s : fallback;
}

static void txt_add(ovx *x, const char *s)
{
	int rc;

	if (x->w.error || s == NULL)
		return;
	if ((rc = cvg__buf_puts(&x->txt, s)) < 0)
		x->w.error = rc;
}

static const char *txt(ovx *x)
{
	return x->txt.ptr ? x->txt.ptr : "";
}

/* The product's @id into x->txt. */
static void product_id(ovx *x, const cvg_component *c)
{
	int rc;

	cvg__buf_clear(&x->txt);
	if (c->ident == CVG_IDENT_PURL && c->ident_text) {
		txt_add(x, c->ident_text);
	} else if (x->w.error == 0 &&
	           (rc = cvg__report_generic_purl(&x->txt, c->name, c->version)) < 0) {
		x->w.error = rc;
	}
}

static void write_product(ovx *x, const cvg_component *c)
{
	cvg__jw *w = &x->w;

	cvg__jw_map_open(w);
	product_id(x, c);
	cvg__jw_kv(w, "@id", txt(x));
	cvg__jw_str(w, "identifiers");
	cvg__jw_map_open(w);
	cvg__jw_kv(w, "purl", txt(x));
	cvg__jw_map_close(w);
	cvg__jw_map_close(w);
}

static bool str_same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Whether two components get the same product @id (product_id()). */
static bool same_product(const cvg_component *a, const cvg_component *b)
{
	bool pa = a->ident == CVG_IDENT_PURL && a->ident_text;
	bool pb = b->ident == CVG_IDENT_PURL && b->ident_text;

	if (pa || pb)
		return pa && pb && strcmp(a->ident_text, b->ident_text) == 0;
	return str_same(a->name, b->name) && str_same(a->version, b->version);
}

/* One statement: the findings group[0..n), one CVE with one status. A
 * product that several inventories list is named once. */
static void write_statement(ovx *x, const cvg__vex_item *group, size_t n)
{
	const cvg_finding *f = group[0].f;
	const cvg_cve *cve = f->cve;
	cvg__jw *w = &x->w;

	cvg__jw_map_open(w);
	cvg__jw_str(w, "vulnerability");
	cvg__jw_map_open(w);
	if (cve->id) {
		cvg__buf_clear(&x->txt);
		txt_add(x, CVG__NVD_DETAIL_URL);
		txt_add(x, cve->id);
		cvg__jw_kv(w, "@id", txt(x));
	}
	cvg__jw_kv(w, "name", str_or(cve->id, "unknown"));
	cvg__jw_kv(w, "description", cve->description);
	cvg__jw_map_close(w);

	cvg__jw_str(w, "products");
	cvg__jw_array_open(w);
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		while (k < i && !same_product(group[k].c, group[i].c))
			k++;
		if (k == i)
			write_product(x, group[i].c);
	}
	cvg__jw_array_close(w);

	cvg__buf_clear(&x->txt);
	switch (cvg__report_vex_class(f)) {
	case CVG__VEX_IGNORED:
		cvg__jw_kv(w, "status", "not_affected");
		if (cvg_ignore_justification_openvex(f->ignored->justification)) {
			cvg__jw_kv(w, "justification",
			        cvg_ignore_justification_openvex(f->ignored->justification));
			cvg__jw_kv(w, "status_notes", str_or(f->ignored->reason, "N/A"));
		} else {
			cvg__jw_kv(w, "impact_statement", str_or(f->ignored->reason, "N/A"));
		}
		break;
	case CVG__VEX_MATCHED:
		cvg__jw_kv(w, "status", "affected");
		cvg__jw_kv(w, "action_statement",
		        "Update to a version the NVD record does not list as vulnerable, or "
		        "record in the ignore list why it does not apply (a backported fix, "
		        "code not built or not reachable)");
		txt_add(x, "cvegate: the version is in a range the NVD record lists as vulnerable");
		txt_add(x, f->failing ? "; fails the gate" : "; does not fail the gate");
		if (f->below_threshold)
			txt_add(x, " (score below the threshold)");
		cvg__jw_kv(w, "status_notes", txt(x));
		break;
	case CVG__VEX_CONDITIONAL:
		cvg__jw_kv(w, "status", "under_investigation");
		txt_add(x, "cvegate: the NVD record makes this depend on ");
		txt_add(x, str_or(f->condition, "a platform"));
		txt_add(x, ", which the inventory does not list");
		txt_add(x, f->failing ? "; fails the gate" : "; does not fail the gate");
		cvg__jw_kv(w, "status_notes", txt(x));
		break;
	case CVG__VEX_UNASSESSED:
		cvg__jw_kv(w, "status", "under_investigation");
		txt_add(x, "cvegate: unassessed: the record names this product, but its version "
		           "data cannot be compared with this version (");
		txt_add(x, str_or(f->criterion, "no criterion"));
		txt_add(x, ")");
		txt_add(x, f->failing ? "; fails the gate" : "; does not fail the gate");
		cvg__jw_kv(w, "status_notes", txt(x));
		break;
	}
	cvg__jw_map_close(w);
}

/* The facts the document's @id is derived from. */
static int document_id(char *out, const cvg_report_suite *suites, size_t nsuites,
        const cvg_report_info *info, const cvg__vex_item *order, size_t norder)
{
	cvg_buf b = CVG_BUF_INIT(0);
	int error = cvg__buf_printf(&b, "openvex\n%lld\n", info->timestamp);

	for (size_t s = 0; s < nsuites && error == 0; s++)
		error = cvg__buf_printf(&b, "%s\n", str_or(suites[s].inventory, ""));
	for (size_t i = 0; i < norder && error == 0; i++)
		error = cvg__buf_printf(&b, "%s %s %s %d\n", str_or(order[i].f->cve->id, ""),
		        str_or(order[i].c->name, ""), str_or(order[i].c->version, ""),
		        (int)cvg__report_vex_class(order[i].f));
	if (error == 0)
		error = cvg__report_uuid(out, b.ptr, b.len);
	cvg__buf_dispose(&b);
	return error;
}

int cvg_report_write_openvex(
        FILE *fp, const cvg_report_suite *suites, size_t nsuites, const cvg_report_info *info)
{
	ovx x = {{NULL, 0, NULL}, CVG_BUF_INIT(CVG__REPORT_TEXT_MAX)};
	cvg__vex_item *order = NULL;
	char stamp[32], uuid[48], urn[64];
	size_t i, k, norder = 0;
	int error;

	assert(fp != NULL && suites != NULL && nsuites > 0 && info != NULL);
	if ((error = cvg__report_format_time(stamp, sizeof(stamp), info->timestamp)) < 0 ||
	        (error = cvg__report_vex_order(&order, &norder, suites, nsuites)) < 0 ||
	        (error = document_id(uuid, suites, nsuites, info, order, norder)) < 0 ||
	        (error = cvg__jw_init(&x.w, "OpenVEX")) < 0)
		goto done;
	snprintf(urn, sizeof(urn), "urn:uuid:%s", uuid);

	cvg__jw_map_open(&x.w);
	cvg__jw_kv(&x.w, "@context", OPENVEX_CONTEXT);
	cvg__jw_kv(&x.w, "@id", urn);
	cvg__jw_kv(&x.w, "author", "cvegate");
	cvg__jw_kv(&x.w, "role", "automated scan");
	cvg__jw_kv(&x.w, "timestamp", stamp);
	cvg__jw_str(&x.w, "version");
	cvg__jw_int(&x.w, 1);
	cvg__jw_kv(&x.w, "tooling", "cvegate " CVG_VERSION);
	cvg__jw_str(&x.w, "statements");
	cvg__jw_array_open(&x.w);
	for (i = 0; i < norder; i = k) {
		for (k = i + 1; k < norder && cvg__report_vex_same(&order[i], &order[k]); k++)
			;
		write_statement(&x, order + i, k - i);
	}
	cvg__jw_array_close(&x.w);
	cvg__jw_map_close(&x.w);
	error = cvg__jw_write(&x.w, fp);
done:
	cvg__jw_dispose(&x.w);
	cvg__buf_dispose(&x.txt);
	free(order);
	return error;
}
