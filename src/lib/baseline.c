/*
 * lib/baseline.c - new, known and resolved findings against an earlier JSON
 * report (cvegate/baseline.h, docs/reports.md "Baselines").
 *
 * The earlier report is read with yajl's tree API after a size limit and a
 * nesting check (the tree is freed recursively). Only its `schema` and each
 * finding's `package` and `cve` are used: a finding is identified by its
 * component name and CVE id, so a version bump that is still vulnerable is
 * the same finding, and the key does not depend on fields a later schema
 * may add. Ignored findings of the baseline count as findings too: a CVE
 * someone judged is not news.
 */
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_tree.h>

#include "cvegate/baseline.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/strmap.h"
#include "util/text.h"

#define BASELINE_MAX_DEPTH 64

struct cvg_baseline {
	cvg__strmap keys; /* "PACKAGE\nCVE-ID" -> index into names */
	char **names;     /* "PACKAGE CVE-ID", for the resolved list */
	size_t n;
};

static char *key_of(const char *package, const char *cve)
{
	cvg_buf b = CVG_BUF_INIT(0);

	if (cvg__buf_printf(&b, "%s\n%s", package, cve) < 0) {
		cvg__buf_dispose(&b);
		return NULL;
	}
	return cvg__buf_detach(&b);
}

static int add(cvg_baseline *b, const char *package, const char *cve)
{
	char *key = key_of(package, cve), **names;
	bool found;
	int error;

	if (key == NULL)
		return cvg__error_oom();
	error = cvg__strmap_add(&b->keys, key, b->n, &found);
	free(key);
	if (error < 0)
		return error;
	if (found)
		return 0;
	if ((names = realloc(b->names, (b->n + 1) * sizeof(*names))) == NULL)
		return cvg__error_oom();
	b->names = names;
	{
		cvg_buf s = CVG_BUF_INIT(0);
		if (cvg__buf_printf(&s, "%s %s", package, cve) < 0) {
			cvg__buf_dispose(&s);
			return cvg__error_oom();
		}
		b->names[b->n++] = cvg__buf_detach(&s);
	}
	return 0;
}

int cvg_baseline_load(cvg_baseline **out, const char *path)
{
	char *data = NULL, err[256] = "";
	size_t len;
	yajl_val doc = NULL, findings;
	cvg_baseline *b = NULL;
	const char *schema_path[] = {"schema", NULL}, *findings_path[] = {"findings", NULL};
	const char *pkg_path[] = {"package", NULL}, *cve_path[] = {"cve", NULL};
	yajl_val schema;
	const char *schema_text;
	int error;

	*out = NULL;
	if ((error = cvg__read_file(&data, &len, path, CVG_BASELINE_MAX_BYTES)) < 0)
		return error;
	if (cvg__json_depth(data, len, BASELINE_MAX_DEPTH) > BASELINE_MAX_DEPTH) {
		error = cvg__error(CVG_ELIMIT, "%s: JSON nested deeper than %d levels", path,
		        BASELINE_MAX_DEPTH);
		goto done;
	}
	if ((doc = yajl_tree_parse(data, err, sizeof(err))) == NULL) {
		char *nl = strchr(err, '\n');
		if (nl)
			*nl = '\0';
		error = cvg__error(CVG_EPARSE, "%s: expected a cvegate JSON report: %s", path, err);
		goto done;
	}
	schema = yajl_tree_get(doc, schema_path, yajl_t_string);
	schema_text = schema ? YAJL_GET_STRING(schema) : NULL;
	if (schema_text == NULL || strcmp(schema_text, "cvegate-report/1") != 0) {
		error = cvg__error(CVG_EPARSE,
		        "%s: expected a cvegate JSON report (schema \"cvegate-report/1\", written "
		        "by "
		        "--output json)",
		        path);
		goto done;
	}
	findings = yajl_tree_get(doc, findings_path, yajl_t_array);
	if ((b = calloc(1, sizeof(*b))) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	for (size_t i = 0; findings && i < YAJL_GET_ARRAY(findings)->len; i++) {
		yajl_val f = YAJL_GET_ARRAY(findings)->values[i];
		yajl_val p = yajl_tree_get(f, pkg_path, yajl_t_string);
		yajl_val c = yajl_tree_get(f, cve_path, yajl_t_string);
		if (p == NULL || c == NULL || YAJL_GET_STRING(p) == NULL ||
		        YAJL_GET_STRING(c) == NULL) {
			error = cvg__error(CVG_EPARSE,
			        "%s: finding %zu: expected strings \"package\" and \"cve\"", path,
			        i + 1);
			goto done;
		}
		if ((error = add(b, YAJL_GET_STRING(p), YAJL_GET_STRING(c))) < 0)
			goto done;
	}
	*out = b;
	b = NULL;
done:
	cvg_baseline_free(b);
	yajl_tree_free(doc);
	free(data);
	return error;
}

void cvg_baseline_free(cvg_baseline *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->n; i++)
		free(b->names[i]);
	free(b->names);
	cvg__strmap_dispose(&b->keys);
	free(b);
}

int cvg_baseline_apply(const cvg_baseline *b, cvg_scan_result *res, bool fail_on_new)
{
	bool *seen = calloc(b->n ? b->n : 1, sizeof(bool));
	int error = 0;

	if (seen == NULL)
		return cvg__error_oom();
	res->nnew = res->nknown = 0;
	for (size_t i = 0; i < res->nfindings && error == 0; i++) {
		cvg_finding *f = &res->findings[i];
		char *key = key_of(res->components[f->component].name, f->cve->id);
		size_t at;

		if (key == NULL) {
			error = cvg__error_oom();
			break;
		}
		if (cvg__strmap_get(&b->keys, key, &at)) {
			seen[at] = true;
			f->novelty = CVG_NOVELTY_KNOWN;
			res->nknown++;
			if (fail_on_new && f->failing) {
				f->failing = false;
				f->known_pass = true;
				res->nfailing--;
			}
		} else {
			f->novelty = CVG_NOVELTY_NEW;
			res->nnew++;
		}
		free(key);
	}
	for (size_t i = 0; i < b->n && error == 0; i++) {
		char **r, *copy;
		if (seen[i])
			continue;
		if ((copy = strdup(b->names[i])) == NULL ||
		        (r = realloc(res->resolved, (res->nresolved + 1) * sizeof(*r))) == NULL) {
			free(copy);
			error = cvg__error_oom();
			break;
		}
		res->resolved = r;
		res->resolved[res->nresolved++] = copy;
	}
	free(seen);
	return error;
}
