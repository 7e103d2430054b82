/*
 * lib/vex.c - judgements others wrote down: VEX documents (OpenVEX,
 * CycloneDX) and Yocto's CVE records, read into the ignore list
 * (docs/triage.md, "VEX documents").
 *
 * What suppresses a finding, and with what reason:
 *  - OpenVEX: a statement whose status is not_affected (reason: its
 *    impact_statement, or its justification) or fixed ("fixed"). The
 *    statement's products, by purl name or by @id, limit it to packages of
 *    that name; without products it applies everywhere.
 *  - CycloneDX: a vulnerability whose analysis.state is not_affected,
 *    false_positive, resolved or resolved_with_pedigree (reason: the
 *    analysis detail, or the state); affects[].ref names components of the
 *    same document, whose names limit it.
 *  - Yocto (cve-check's JSON and the vex class's): an issue whose status is
 *    Patched or Ignored, for that recipe (reason: "Yocto STATUS: DETAIL"
 *    and the description when there is one).
 * Everything else (affected, exploitable, in_triage, under_investigation,
 * Unpatched) keeps the finding and adds nothing. A justification from
 * CycloneDX's or OpenVEX's fixed lists is kept with the entry.
 *
 * The document is parsed with yajl's tree API after a depth check (the
 * tree is freed recursively, so nesting is bounded first) and a size limit.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_tree.h>

#include "cvegate/ignore.h"
#include "cvegate/purl.h"
#include "lib/ignore_internal.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/text.h"

#define VEX_MAX_DEPTH 64

static const char *str_at(yajl_val v, const char *key)
{
	const char *path[] = {key, NULL};
	yajl_val s = yajl_tree_get(v, path, yajl_t_string);

	return s ? YAJL_GET_STRING(s) : NULL;
}

static yajl_val array_at(yajl_val v, const char *key)
{
	const char *path[] = {key, NULL};

	return yajl_tree_get(v, path, yajl_t_array);
}

typedef struct vex_ctx {
	cvg_ignore *ign;
	const char *file;
	size_t added;
} vex_ctx;

static int add(vex_ctx *x, const char *cve, const char *reason, const char *package,
        const char *justification)
{
	int error;

	if (justification && !cvg_ignore_justification_known(justification))
		justification = NULL;
	error = cvg__ignore_add(x->ign, x->file, 0, cve, reason, package, justification);
	if (error == 0)
		x->added++;
	return error == CVG_EPARSE ? 0 : error; /* a non-CVE id (GHSA-...) is not ours */
}

/* A product's package name: a purl's name, or the @id / string as given. */
static void product_name(char *out, size_t size, const char *id)
{
	cvg_purl u;

	out[0] = '\0';
	if (id == NULL)
		return;
	if (strncmp(id, "pkg:", 4) == 0 && cvg_purl_parse(&u, id, strlen(id)) == 0) {
		snprintf(out, size, "%s", u.name);
		cvg_purl_dispose(&u);
		return;
	}
	snprintf(out, size, "%s", id);
}

/* ---- OpenVEX ---- */

static int read_openvex(vex_ctx *x, yajl_val doc)
{
	yajl_val st = array_at(doc, "statements");
	int error = 0;

	for (size_t i = 0; st && i < YAJL_GET_ARRAY(st)->len && error == 0; i++) {
		yajl_val s = YAJL_GET_ARRAY(st)->values[i], vuln, prods;
		const char *status = str_at(s, "status"), *cve = NULL, *why;
		const char *impact = str_at(s, "impact_statement"),
		           *just = str_at(s, "justification");
		char reason[1024], name[512];

		if (status == NULL ||
		        (strcmp(status, "not_affected") != 0 && strcmp(status, "fixed") != 0))
			continue;
		{
			const char *path[] = {"vulnerability", NULL};
			vuln = yajl_tree_get(s, path, yajl_t_any);
		}
		if (YAJL_IS_STRING(vuln)) /* OpenVEX before 0.2.0 */
			cve = YAJL_GET_STRING(vuln);
		else if (YAJL_IS_OBJECT(vuln))
			cve = str_at(vuln, "name");
		if (cve == NULL)
			continue;
		why = strcmp(status, "fixed") == 0 ? "fixed" : impact ? impact : just;
		snprintf(reason, sizeof(reason), "OpenVEX %s: %s", status,
		        why ? why : "no statement");
		prods = array_at(s, "products");
		if (prods == NULL || YAJL_GET_ARRAY(prods)->len == 0) {
			error = add(x, cve, reason, NULL, just);
			continue;
		}
		for (size_t k = 0; k < YAJL_GET_ARRAY(prods)->len && error == 0; k++) {
			yajl_val p = YAJL_GET_ARRAY(prods)->values[k];
			product_name(name, sizeof(name),
			        YAJL_IS_STRING(p) ? YAJL_GET_STRING(p) : str_at(p, "@id"));
			error = add(x, cve, reason, name[0] ? name : NULL, just);
		}
	}
	return error;
}

/* ---- CycloneDX VEX ---- */

/* The name of the component whose bom-ref is `ref`, or NULL. */
static const char *component_name(yajl_val doc, const char *ref)
{
	yajl_val comps = array_at(doc, "components");

	for (size_t i = 0; comps && ref && i < YAJL_GET_ARRAY(comps)->len; i++) {
		yajl_val c = YAJL_GET_ARRAY(comps)->values[i];
		const char *r = str_at(c, "bom-ref");
		if (r && strcmp(r, ref) == 0)
			return str_at(c, "name");
	}
	return NULL;
}

static bool cdx_suppresses(const char *state)
{
	return state &&
	       (strcmp(state, "not_affected") == 0 || strcmp(state, "false_positive") == 0 ||
	               strcmp(state, "resolved") == 0 ||
	               strcmp(state, "resolved_with_pedigree") == 0);
}

static int read_cyclonedx(vex_ctx *x, yajl_val doc)
{
	yajl_val vulns = array_at(doc, "vulnerabilities");
	int error = 0;

	for (size_t i = 0; vulns && i < YAJL_GET_ARRAY(vulns)->len && error == 0; i++) {
		yajl_val v = YAJL_GET_ARRAY(vulns)->values[i], an, affects;
		const char *path[] = {"analysis", NULL};
		const char *cve = str_at(v, "id"), *state, *detail, *just;
		char reason[1024];

		an = yajl_tree_get(v, path, yajl_t_object);
		state = an ? str_at(an, "state") : NULL;
		if (cve == NULL || !cdx_suppresses(state))
			continue;
		detail = str_at(an, "detail");
		just = str_at(an, "justification");
		snprintf(reason, sizeof(reason), "CycloneDX VEX %s: %s", state,
		        detail ? detail
		        : just ? just
		               : "no detail");
		affects = array_at(v, "affects");
		if (affects == NULL || YAJL_GET_ARRAY(affects)->len == 0) {
			error = add(x, cve, reason, NULL, just);
			continue;
		}
		for (size_t k = 0; k < YAJL_GET_ARRAY(affects)->len && error == 0; k++) {
			const char *ref = str_at(YAJL_GET_ARRAY(affects)->values[k], "ref");
			const char *name = component_name(doc, ref);
			char purl_name[512];
			if (name == NULL && ref && strncmp(ref, "pkg:", 4) == 0) {
				product_name(purl_name, sizeof(purl_name), ref);
				name = purl_name;
			}
			error = add(x, cve, reason, name, just);
		}
	}
	return error;
}

/* ---- Yocto cve-check / vex JSON ---- */

static int read_yocto(vex_ctx *x, yajl_val doc)
{
	yajl_val pkgs = array_at(doc, "package");
	int error = 0;

	for (size_t i = 0; pkgs && i < YAJL_GET_ARRAY(pkgs)->len && error == 0; i++) {
		yajl_val p = YAJL_GET_ARRAY(pkgs)->values[i];
		yajl_val issues = array_at(p, "issue");
		const char *name = str_at(p, "name");

		for (size_t k = 0; issues && k < YAJL_GET_ARRAY(issues)->len && error == 0; k++) {
			yajl_val is = YAJL_GET_ARRAY(issues)->values[k];
			const char *cve = str_at(is, "id"), *status = str_at(is, "status");
			const char *detail = str_at(is, "detail"),
			           *desc = str_at(is, "description");
			char reason[1024];

			if (cve == NULL || status == NULL ||
			        (strcmp(status, "Patched") != 0 && strcmp(status, "Ignored") != 0))
				continue;
			snprintf(reason, sizeof(reason), "Yocto %s: %s%s%s", status,
			        detail ? detail : "no detail", desc ? " - " : "", desc ? desc : "");
			error = add(x, cve, reason, name, NULL);
		}
	}
	return error;
}

int cvg__ignore_parse_vex(cvg_ignore *ign, const char *data, size_t len, const char *file,
        cvg_warn_fn warn, void *payload)
{
	char errbuf[256] = "";
	char *text = NULL;
	yajl_val doc = NULL;
	vex_ctx x = {ign, file, 0};
	size_t before = ign->nentries;
	int error = 0;

	if (len > CVG__IGNORE_MAX_BYTES)
		return cvg__error(CVG_ELIMIT, "%s: larger than the limit of %u bytes", file,
		        CVG__IGNORE_MAX_BYTES);
	if (cvg__json_depth(data, len, VEX_MAX_DEPTH) > VEX_MAX_DEPTH)
		return cvg__error(
		        CVG_ELIMIT, "%s: JSON nested deeper than %d levels", file, VEX_MAX_DEPTH);
	if ((text = cvg__strndup(data, len)) == NULL)
		return cvg__error_oom();
	if ((doc = yajl_tree_parse(text, errbuf, sizeof(errbuf))) == NULL || !YAJL_IS_OBJECT(doc)) {
		char *nl = strchr(errbuf, '\n'); /* yajl adds lines of context */
		size_t n;
		if (nl)
			*nl = '\0';
		n = strlen(errbuf);
		while (n > 0 && errbuf[n - 1] == ' ')
			errbuf[--n] = '\0';
		error = cvg__error(CVG_EPARSE, "%s: expected a JSON VEX document: %s", file,
		        errbuf[0] ? errbuf : "not a JSON object");
		goto done;
	}
	{
		const char *ctx = str_at(doc, "@context"), *bom = str_at(doc, "bomFormat");
		if (ctx && cvg__memmem(ctx, strlen(ctx), "openvex.dev")) {
			error = read_openvex(&x, doc);
		} else if (bom && strcmp(bom, "CycloneDX") == 0) {
			error = read_cyclonedx(&x, doc);
		} else if (array_at(doc, "package")) {
			error = read_yocto(&x, doc);
		} else {
			error = cvg__error(CVG_EPARSE,
			        "%s: expected an OpenVEX document, a CycloneDX VEX document or "
			        "Yocto's cve-check JSON",
			        file);
		}
	}
	if (error == 0 && x.added == 0)
		cvg__warnf(warn, payload, "%s: no statement in it suppresses a finding", file);
done:
	if (error < 0) { /* leave the list as it was */
		for (size_t i = before; i < ign->nentries; i++) {
			cvg_ignore_entry *e = &ign->entries[i];
			free(e->file);
			free(e->cve);
			free(e->reason);
			free(e->package);
			free(e->expires);
			free(e->justification);
		}
		ign->nentries = before;
	}
	yajl_tree_free(doc);
	free(text);
	return error;
}

int cvg_ignore_load_vex(cvg_ignore **ign, const char *path, cvg_warn_fn warn, void *payload)
{
	cvg_ignore *own = NULL, *target = *ign;
	char *data = NULL;
	size_t len;
	int error;

	if ((error = cvg__read_file(&data, &len, path, CVG__IGNORE_MAX_BYTES)) < 0)
		return error;
	if (target == NULL) {
		if ((own = calloc(1, sizeof(*own))) == NULL ||
		        (own->file = cvg__strndup(path, strlen(path))) == NULL) {
			free(own);
			free(data);
			return cvg__error_oom();
		}
		target = own;
	}
	if ((error = cvg__ignore_parse_vex(target, data, len, path, warn, payload)) < 0) {
		cvg_ignore_free(own);
	} else {
		cvg__ignore_sort(target, warn, payload);
		*ign = target;
	}
	free(data);
	return error;
}
