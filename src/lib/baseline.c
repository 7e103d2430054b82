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
 *
 * A report covers one inventory or several (a finding then names its
 * inventory); each inventory is a section, and a run's inventory is
 * compared with one section only (pick_section(): same path, else the one
 * sharing the most trailing path components, the file name at least, else
 * the only one when the run scans one inventory), so a package in product A is not "known" because
 * product B had it.
 */
#include <stdint.h>
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
/* The most inventories (sections) a baseline report holds. */
#define BASELINE_MAX_SECTIONS 4096

struct cvg_baseline {
	cvg__strmap keys; /* "SECTION\nPACKAGE\nCVE-ID" -> index into names */
	char **names;     /* "PACKAGE CVE-ID", for the resolved list */
	size_t *section;  /* each name's section */
	size_t n;
	char **sections; /* each section's inventory as the report names it, or NULL */
	size_t nsections;
};

static char *key_of(size_t section, const char *package, const char *cve)
{
	cvg_buf b = CVG_BUF_INIT(0);

	if (cvg__buf_printf(&b, "%zu\n%s\n%s", section, package, cve) < 0) {
		cvg__buf_dispose(&b);
		return NULL;
	}
	return cvg__buf_detach(&b);
}

static bool same_path(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The section of `inventory`, added when new. */
static int section_of(size_t *out, cvg_baseline *b, const char *inventory)
{
	char **grown, *copy = NULL;

	for (size_t i = 0; i < b->nsections; i++) {
		if (same_path(b->sections[i], inventory)) {
			*out = i;
			return 0;
		}
	}
	if (b->nsections == BASELINE_MAX_SECTIONS)
		return cvg__error(
		        CVG_ELIMIT, "baseline: more than %d inventories", BASELINE_MAX_SECTIONS);
	if ((inventory && (copy = strdup(inventory)) == NULL) ||
	        (grown = realloc(b->sections, (b->nsections + 1) * sizeof(*grown))) == NULL) {
		free(copy);
		return cvg__error_oom();
	}
	b->sections = grown;
	b->sections[b->nsections] = copy;
	*out = b->nsections++;
	return 0;
}

static int add(cvg_baseline *b, size_t section, const char *package, const char *cve)
{
	char *key = key_of(section, package, cve), **names;
	size_t *sections;
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
	if ((sections = realloc(b->section, (b->n + 1) * sizeof(*sections))) == NULL)
		return cvg__error_oom();
	b->section = sections;
	{
		cvg_buf s = CVG_BUF_INIT(0);
		if (cvg__buf_printf(&s, "%s %s", package, cve) < 0) {
			cvg__buf_dispose(&s);
			return cvg__error_oom();
		}
		b->section[b->n] = section;
		b->names[b->n++] = cvg__buf_detach(&s);
	}
	return 0;
}

int cvg_baseline_load(cvg_baseline **out, const char *path)
{
	char *data = NULL, err[256] = "";
	size_t len;
	yajl_val doc = NULL, findings, top_inv;
	cvg_baseline *b = NULL;
	const char *schema_path[] = {"schema", NULL}, *findings_path[] = {"findings", NULL};
	const char *pkg_path[] = {"package", NULL}, *cve_path[] = {"cve", NULL};
	const char *inv_path[] = {"inventory", NULL};
	yajl_val schema;
	const char *schema_text, *top;
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
	/* a one-inventory report names it at the top; several name it per finding */
	top_inv = yajl_tree_get(doc, inv_path, yajl_t_string);
	top = top_inv ? YAJL_GET_STRING(top_inv) : NULL;
	if ((b = calloc(1, sizeof(*b))) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	for (size_t i = 0; findings && i < YAJL_GET_ARRAY(findings)->len; i++) {
		yajl_val f = YAJL_GET_ARRAY(findings)->values[i];
		yajl_val p = yajl_tree_get(f, pkg_path, yajl_t_string);
		yajl_val c = yajl_tree_get(f, cve_path, yajl_t_string);
		yajl_val v = yajl_tree_get(f, inv_path, yajl_t_string);
		size_t section = 0;
		if (p == NULL || c == NULL || YAJL_GET_STRING(p) == NULL ||
		        YAJL_GET_STRING(c) == NULL) {
			error = cvg__error(CVG_EPARSE,
			        "%s: finding %zu: expected strings \"package\" and \"cve\"", path,
			        i + 1);
			goto done;
		}
		if ((error = section_of(&section, b, v ? YAJL_GET_STRING(v) : top)) < 0 ||
		        (error = add(b, section, YAJL_GET_STRING(p), YAJL_GET_STRING(c))) < 0)
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
	free(b->section);
	for (size_t i = 0; i < b->nsections; i++)
		free(b->sections[i]);
	free(b->sections);
	cvg__strmap_dispose(&b->keys);
	free(b);
}

/* How many trailing path components a and b share ("x/b/l.txt" and
 * "/ci/b/l.txt": 2). */
static size_t common_tail(const char *a, const char *b)
{
	const char *pa = a + strlen(a), *pb = b + strlen(b);
	size_t n = 0;

	for (;;) {
		const char *sa = pa, *sb = pb;
		while (sa > a && sa[-1] != '/')
			sa--;
		while (sb > b && sb[-1] != '/')
			sb--;
		if (pa - sa != pb - sb || pa == sa || memcmp(sa, sb, (size_t)(pa - sa)) != 0)
			return n;
		n++;
		if (sa == a || sb == b)
			return n;
		pa = sa - 1;
		pb = sb - 1;
	}
}

/*
 * The baseline's section for `inventory`: the one naming the same path;
 * else the one sharing the most trailing path components with it (the file
 * name at least), when no other shares as many; else, when both the run and
 * the baseline have one inventory, that one (paths differ between CI
 * workspaces). SIZE_MAX when none applies.
 */
static size_t pick_section(const cvg_baseline *b, const char *inventory, size_t ninventories)
{
	size_t hit = SIZE_MAX, best = 0, nbest = 0;

	for (size_t i = 0; i < b->nsections; i++)
		if (inventory && same_path(b->sections[i], inventory))
			return i;
	for (size_t i = 0; inventory && i < b->nsections; i++) {
		size_t n = b->sections[i] ? common_tail(b->sections[i], inventory) : 0;
		if (n > best) {
			best = n;
			hit = i;
			nbest = 1;
		} else if (n > 0 && n == best) {
			nbest++;
		}
	}
	if (nbest == 1)
		return hit;
	if (b->nsections == 1 && ninventories <= 1)
		return 0;
	return SIZE_MAX;
}

int cvg_baseline_apply(const cvg_baseline *b, cvg_scan_result *res, const char *inventory,
        size_t ninventories, bool fail_on_new)
{
	bool *seen = calloc(b->n ? b->n : 1, sizeof(bool));
	size_t section = pick_section(b, inventory, ninventories);
	int error = 0;

	if (seen == NULL)
		return cvg__error_oom();
	res->nnew = res->nknown = 0;
	for (size_t i = 0; i < res->nfindings && error == 0; i++) {
		cvg_finding *f = &res->findings[i];
		char *key = key_of(section, res->components[f->component].name, f->cve->id);
		size_t at;

		if (key == NULL) {
			error = cvg__error_oom();
			break;
		}
		if (section != SIZE_MAX && cvg__strmap_get(&b->keys, key, &at)) {
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
		if (seen[i] || b->section[i] != section)
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
