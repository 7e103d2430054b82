/*
 * lib/report/sarif.c - scan results as SARIF 2.1.0 for GitHub code scanning.
 *
 * OASIS SARIF 2.1.0 (errata 01), read the way GitHub's upload does
 * ("SARIF support for code scanning" in GitHub's documentation):
 *  - one run, also for several inventories (GitHub takes one run per tool
 *    and category; each result is located in its own inventory file);
 *    tool.driver is cvegate with its version and one reportingDescriptor
 *    (rule) per CVE: short and full description, helpUri (the NVD page), help
 *    text and markdown, and properties.security-severity (the score as text,
 *    which GitHub maps to critical/high/medium/low) with the tags
 *    "security", "vulnerability" and the CWE ids;
 *  - one result per finding: ruleId and ruleIndex, level from the severity
 *    (CRITICAL/HIGH error, MEDIUM warning, LOW/NONE note, no score warning;
 *    an unassessed finding that passes the gate is a note),
 *    a message, and always locations[0].physicalLocation with the inventory
 *    file as given (percent-encoded as a relative URI reference) and
 *    region.startLine the package's line (1 when unknown): GitHub rejects a
 *    whole upload when one result has no location;
 *  - partialFingerprints["cvegate/v1"]: SHA-256 of file, component name and
 *    CVE id, so an alert stays the same alert across runs and versions
 *    (not the line, which moves when the list changes); a second version of
 *    the same name in one list adds its ordinal;
 *  - an ignored finding carries a suppression (kind external, status
 *    accepted, the reason as justification).
 * docs/reports.md#sarif says the same for users.
 *
 * Built with yajl's generator through the helpers of report_internal.h;
 * every string from outside passes the UTF-8 sanitiser.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cvegate/report.h"
#include "lib/report/report_internal.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/sha256.h"
#include "util/utf8.h"

#ifndef CVG_VERSION
#define CVG_VERSION "0"
#endif

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
/* A rule's short description holds at most this much of the CVE's description. */
#define SHORT_MAX 120
/* Help texts and messages stay below this. */
#define TEXT_MAX (4u << 20)

typedef struct sarif {
	cvg__jgen j;
	cvg_buf txt;
	const cvg_cve **rules; /* one record per CVE id, sorted by id */
	size_t nrules;
	const cvg_metric **rule_metric; /* the score of the rule's first finding */
} sarif;

static const char *id_of(const cvg_cve *cve)
{
	return cve->id ? cve->id : "";
}

static int cmp_rule(const void *a, const void *b)
{
	return strcmp(id_of(*(const cvg_cve *const *)a), id_of(*(const cvg_cve *const *)b));
}

static size_t rule_index(const sarif *s, const cvg_cve *cve);

/* The rules: the findings' records of every suite, one per CVE id, sorted
 * by id; each with the score of its first finding. */
static int collect_rules(sarif *s, const cvg_report_suite *suites, size_t nsuites)
{
	size_t total = 0, n, i, k = 0;

	for (i = 0; i < nsuites; i++)
		total += suites[i].res->nfindings;
	n = total ? total : 1;
	if ((s->rules = malloc(n * sizeof(*s->rules))) == NULL ||
	        (s->rule_metric = calloc(n, sizeof(*s->rule_metric))) == NULL)
		return cvg__error_oom();
	for (size_t u = 0; u < nsuites; u++)
		for (i = 0; i < suites[u].res->nfindings; i++)
			s->rules[k++] = suites[u].res->findings[i].cve;
	qsort(s->rules, total, sizeof(*s->rules), cmp_rule);
	for (i = 0, k = 0; i < total; i++)
		if (k == 0 || strcmp(id_of(s->rules[k - 1]), id_of(s->rules[i])) != 0)
			s->rules[k++] = s->rules[i];
	s->nrules = k;
	for (size_t u = 0; u < nsuites; u++) {
		for (i = 0; i < suites[u].res->nfindings; i++) {
			const cvg_finding *f = &suites[u].res->findings[i];
			size_t r = rule_index(s, f->cve);
			if (s->rule_metric[r] == NULL)
				s->rule_metric[r] = f->metric;
		}
	}
	return 0;
}

static size_t rule_index(const sarif *s, const cvg_cve *cve)
{
	const cvg_cve *key = cve;
	const cvg_cve **hit = bsearch(&key, s->rules, s->nrules, sizeof(*s->rules), cmp_rule);

	assert(hit != NULL);
	return (size_t)(hit - s->rules);
}

/* ---- Text assembled in s->txt ---- */

static void txt_clear(sarif *s)
{
	cvg__buf_clear(&s->txt);
}

/* Text from outside, sanitised on its way in. */
static void txt_add(sarif *s, const char *str)
{
	int rc;

	if (s->j.error || str == NULL)
		return;
	if ((rc = cvg__utf8_sanitize(&s->txt, str, strlen(str))) < 0)
		s->j.error = rc;
}

/* At most max bytes of str, cut at a character boundary, with "..." when cut. */
static void txt_add_cut(sarif *s, const char *str, size_t max)
{
	size_t n = strlen(str);
	int rc;

	if (s->j.error)
		return;
	if (n <= max) {
		txt_add(s, str);
		return;
	}
	n = max;
	while (n > 0 && ((unsigned char)str[n] & 0xC0) == 0x80)
		n--;
	if ((rc = cvg__utf8_sanitize(&s->txt, str, n)) < 0 ||
	        (rc = cvg__buf_puts(&s->txt, "...")) < 0)
		s->j.error = rc;
}

static const char *txt(sarif *s)
{
	return s->txt.ptr ? s->txt.ptr : "";
}

/* ---- Pieces ---- */

static const char *level_of(cvg__severity sev)
{
	switch (sev) {
	case CVG__SEV_CRITICAL:
	case CVG__SEV_HIGH:
		return "error";
	case CVG__SEV_MEDIUM:
	case CVG__SEV_UNSCORED:
		return "warning";
	default:
		return "note";
	}
}

/* "SEVERITY SCORE (CVSS V: VECTOR)" or "no CVSS score" */
static void txt_add_score(sarif *s, const cvg_metric *m)
{
	if (m == NULL) {
		txt_add(s, "no CVSS score");
		return;
	}
	txt_add(s, cvg__report_severity_name(cvg__report_severity(m)));
	txt_add(s, " ");
	txt_add(s, m->score ? m->score : "?");
	txt_add(s, " (CVSS ");
	txt_add(s, cvg_cvss_version_name(m->version));
	if (m->vector) {
		txt_add(s, ": ");
		txt_add(s, m->vector);
	}
	txt_add(s, ")");
}

/* A message object {"text": TXT} from s->txt. */
static void message(sarif *s, const char *key)
{
	cvg__jgen_key(&s->j, key);
	cvg__jgen_map_open(&s->j);
	cvg__jgen_kstr(&s->j, "text", txt(s));
	cvg__jgen_map_close(&s->j);
}

static void write_rule(sarif *s, const cvg_cve *cve, const cvg_metric *m)
{
	cvg__jgen *j = &s->j;
	const char *id = cve->id ? cve->id : "(no id)";
	size_t i;

	cvg__jgen_map_open(j);
	cvg__jgen_kstr(j, "id", id);
	txt_clear(s);
	txt_add(s, id);
	if (cve->description) {
		txt_add(s, ": ");
		txt_add_cut(s, cve->description, SHORT_MAX);
	}
	message(s, "shortDescription");
	txt_clear(s);
	txt_add(s, cve->description ? cve->description : id);
	message(s, "fullDescription");
	txt_clear(s);
	txt_add(s, CVG__NVD_DETAIL_URL);
	txt_add(s, id);
	cvg__jgen_kstr(j, "helpUri", txt(s));

	cvg__jgen_key(j, "help");
	cvg__jgen_map_open(j);
	txt_clear(s);
	txt_add(s, id);
	txt_add(s, ": ");
	txt_add_score(s, m);
	txt_add(s, "\n\n");
	if (cve->description) {
		txt_add(s, cve->description);
		txt_add(s, "\n\n");
	}
	if (cve->nweaknesses > 0) {
		txt_add(s, "Weaknesses:");
		for (i = 0; i < cve->nweaknesses; i++) {
			txt_add(s, " ");
			txt_add(s, cve->weaknesses[i].cwe);
		}
		txt_add(s, "\n");
	}
	if (cve->published) {
		txt_add(s, "Published: ");
		txt_add(s, cve->published);
		txt_add(s, "\n");
	}
	txt_add(s, CVG__NVD_DETAIL_URL);
	txt_add(s, id);
	txt_add(s, "\n");
	cvg__jgen_kstr(j, "text", txt(s));
	cvg__jgen_map_close(j);

	cvg__jgen_key(j, "defaultConfiguration");
	cvg__jgen_map_open(j);
	cvg__jgen_kstr(j, "level", level_of(cvg__report_severity(m)));
	cvg__jgen_map_close(j);

	cvg__jgen_key(j, "properties");
	cvg__jgen_map_open(j);
	if (m && cvg__report_score_tenths(m->score) >= 0)
		/* GitHub reads a string holding a number from 0.0 to 10.0 */
		cvg__jgen_kstr(j, "security-severity", m->score);
	cvg__jgen_key(j, "tags");
	cvg__jgen_array_open(j);
	cvg__jgen_str(j, "security");
	cvg__jgen_str(j, "vulnerability");
	for (i = 0; i < cve->nweaknesses; i++)
		if (cve->weaknesses[i].cwe)
			cvg__jgen_str(j, cve->weaknesses[i].cwe);
	cvg__jgen_array_close(j);
	cvg__jgen_map_close(j);
	cvg__jgen_map_close(j);
}

/*
 * A path as a relative URI reference (RFC 3986, section 4.2): sanitised,
 * then every byte outside the unreserved set, '/' and the sub-delimiters
 * percent-encoded (':' too, which would read as a scheme in a first segment).
 */
static void uri_add(sarif *s, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	static const char keep[] = "-._~/!$&'()*+,;=@";
	char *c;
	int rc = 0;

	if (s->j.error)
		return;
	if ((c = cvg__utf8_sanitize_dup(path)) == NULL) {
		s->j.error = cvg__error_oom();
		return;
	}
	for (const unsigned char *p = (const unsigned char *)c; *p && rc == 0; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		        (*p >= '0' && *p <= '9') || strchr(keep, *p)) {
			rc = cvg__buf_putc(&s->txt, (char)*p);
		} else {
			char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			rc = cvg__buf_put(&s->txt, esc, 3);
		}
	}
	if (rc < 0)
		s->j.error = rc;
	free(c);
}

/*
 * SHA-256 of "URI\0NAME\0CVE\0": the same alert across runs, versions and
 * line moves. When the list holds the same name at several versions (the
 * components are sorted by name, then version), the second and later get
 * their ordinal appended ("2\0"...), so they stay separate alerts.
 */
static void fingerprint(
        sarif *s, const char *uri, const cvg_scan_result *res, size_t component, const cvg_cve *cve)
{
	const cvg_component *c = &res->components[component];
	const char *name = c->name ? c->name : "";
	char hex[CVG_SHA256_HEX_LEN + 1], ord[32];
	const char *parts[4] = {uri, name, cve->id ? cve->id : "", ord};
	size_t nparts = 3, k = component;
	cvg_sha256 *h = NULL;
	int rc;

	if (s->j.error)
		return;
	while (k > 0 && res->components[k - 1].name &&
	        strcmp(res->components[k - 1].name, name) == 0)
		k--;
	if (component > k) {
		snprintf(ord, sizeof(ord), "%zu", component - k + 1);
		nparts = 4;
	}
	if ((rc = cvg__sha256_new(&h)) == 0) {
		/* each part with its NUL, so ("ab","c") and ("a","bc") differ */
		for (size_t i = 0; i < nparts && rc == 0; i++)
			rc = cvg__sha256_update(h, parts[i], strlen(parts[i]) + 1);
		if (rc == 0)
			rc = cvg__sha256_final_hex(h, hex);
	}
	cvg__sha256_free(h);
	if (rc < 0) {
		s->j.error = rc;
		return;
	}
	cvg__jgen_key(&s->j, "partialFingerprints");
	cvg__jgen_map_open(&s->j);
	cvg__jgen_kstr(&s->j, "cvegate/v1", hex);
	cvg__jgen_map_close(&s->j);
}

/* An unassessed finding that passes is a note whatever its score: nobody
 * knows yet whether the version is affected. */
static const char *result_level(const cvg_finding *f)
{
	if (f->unassessed && !f->failing)
		return "note";
	return level_of(cvg__report_severity(f->metric));
}

/* A finding of the suite whose inventory is `inventory` (for components
 * without a file); `label` names that inventory when there are several. */
static void write_result(sarif *s, const cvg_scan_result *res, const char *inventory,
        const char *label, const cvg_finding *f)
{
	cvg__jgen *j = &s->j;
	const cvg_component *c = &res->components[f->component];
	const cvg_cve *cve = f->cve;
	const char *file = c->file ? c->file : inventory;
	char *uri;
	size_t i;

	cvg__jgen_map_open(j);
	cvg__jgen_kstr(j, "ruleId", cve->id ? cve->id : "(no id)");
	cvg__jgen_kint(j, "ruleIndex", (long long)rule_index(s, cve));
	cvg__jgen_kstr(j, "level", result_level(f));

	txt_clear(s);
	txt_add(s, c->name ? c->name : "?");
	txt_add(s, " ");
	txt_add(s, c->version ? c->version : "?");
	txt_add(s, " is affected by ");
	txt_add(s, cve->id ? cve->id : "(no id)");
	txt_add(s, ", ");
	txt_add_score(s, f->metric);
	if (f->ignored) {
		txt_add(s, "; ignored: ");
		txt_add(s, f->ignored->reason ? f->ignored->reason : "N/A");
	} else if (f->failing) {
		txt_add(s, "; fails the gate");
		if (f->unassessed)
			txt_add(s, " (unassessed: its version data cannot be compared)");
	} else if (f->unassessed) {
		txt_add(s, "; unassessed: the record names this product, but its version data "
		           "cannot be compared with this version");
	} else if (f->conditional) {
		txt_add(s, "; conditional on ");
		txt_add(s, f->condition ? f->condition : "(not given)");
	} else if (f->below_threshold) {
		txt_add(s, "; below the -a threshold");
	}
	txt_add(s, ". Matched ");
	txt_add(s, cvg_match_kind_name(f->kind));
	if (f->criterion) {
		txt_add(s, ": ");
		txt_add(s, f->criterion);
	}
	txt_add(s, ".");
	if (c->distro) {
		txt_add(s, " A distribution's build: the fix may be backported, check the "
		           "distribution's advisory.");
	}
	message(s, "message");

	txt_clear(s);
	uri_add(s, file && *file ? file : "inventory");
	uri = s->j.error ? NULL : cvg__buf_detach(&s->txt);
	cvg__jgen_key(j, "locations");
	cvg__jgen_array_open(j);
	cvg__jgen_map_open(j);
	cvg__jgen_key(j, "physicalLocation");
	cvg__jgen_map_open(j);
	cvg__jgen_key(j, "artifactLocation");
	cvg__jgen_map_open(j);
	cvg__jgen_kstr(j, "uri", uri ? uri : "");
	cvg__jgen_map_close(j);
	cvg__jgen_key(j, "region");
	cvg__jgen_map_open(j);
	cvg__jgen_kint(j, "startLine", c->line > 0 ? (long long)c->line : 1);
	cvg__jgen_map_close(j);
	cvg__jgen_map_close(j);
	cvg__jgen_map_close(j);
	cvg__jgen_array_close(j);
	if (uri)
		fingerprint(s, uri, res, f->component, cve);
	free(uri);

	if (f->ignored) {
		cvg__jgen_key(j, "suppressions");
		cvg__jgen_array_open(j);
		cvg__jgen_map_open(j);
		cvg__jgen_kstr(j, "kind", "external");
		cvg__jgen_kstr(j, "status", "accepted");
		cvg__jgen_kstr(j, "justification", f->ignored->reason);
		cvg__jgen_map_close(j);
		cvg__jgen_array_close(j);
	}

	cvg__jgen_key(j, "properties");
	cvg__jgen_map_open(j);
	cvg__jgen_kstr(j, "package", c->name);
	cvg__jgen_kstr(j, "version", c->version);
	cvg__jgen_key(j, "packages");
	cvg__jgen_array_open(j);
	for (i = 0; i < c->npackages; i++)
		cvg__jgen_str(j, c->packages[i]);
	cvg__jgen_array_close(j);
	cvg__jgen_kstr(j, "severity", cvg__report_severity_name(cvg__report_severity(f->metric)));
	cvg__jgen_kscore(j, "score", f->metric ? f->metric->score : NULL);
	cvg__jgen_kstr(j, "vector", f->metric ? f->metric->vector : NULL);
	cvg__jgen_kbool(j, "failing", f->failing);
	cvg__jgen_kbool(j, "conditional", f->conditional);
	cvg__jgen_kstr(j, "match", cvg_match_kind_name(f->kind));
	cvg__jgen_kstr(j, "criterion", f->criterion);
	if (f->unassessed)
		cvg__jgen_kstr(j, "status", cvg_finding_status(f));
	if (f->origin != CVG_ORIGIN_NVD) {
		cvg__jgen_kstr(j, "origin", cvg_origin_name(f->origin));
		cvg__jgen_kstr(j, "provider", f->provider);
	}
	if (label)
		cvg__jgen_kstr(j, "inventory", label);
	cvg__jgen_map_close(j);
	cvg__jgen_map_close(j);
}

int cvg_report_write_sarif(
        FILE *fp, const cvg_report_suite *suites, size_t nsuites, const cvg_report_info *info)
{
	sarif s = {{NULL, 0}, CVG_BUF_INIT(TEXT_MAX), NULL, 0, NULL};
	cvg_buf label = CVG_BUF_INIT(TEXT_MAX);
	cvg__jgen *j = &s.j;
	cvg_scan_result total;
	size_t i, u;
	int error;

	assert(fp != NULL && suites != NULL && nsuites > 0 && info != NULL);
	(void)info;
	cvg__report_totals(&total, suites, nsuites);
	if ((error = collect_rules(&s, suites, nsuites)) < 0 || (error = cvg__jgen_init(j)) < 0)
		goto done;
	cvg__jgen_map_open(j);
	cvg__jgen_kstr(j, "$schema", SARIF_SCHEMA);
	cvg__jgen_kstr(j, "version", "2.1.0");
	cvg__jgen_key(j, "runs");
	cvg__jgen_array_open(j);
	cvg__jgen_map_open(j);

	cvg__jgen_key(j, "tool");
	cvg__jgen_map_open(j);
	cvg__jgen_key(j, "driver");
	cvg__jgen_map_open(j);
	cvg__jgen_kstr(j, "name", "cvegate");
	cvg__jgen_kstr(j, "version", CVG_VERSION);
	cvg__jgen_kstr(j, "semanticVersion", CVG_VERSION);
	cvg__jgen_key(j, "rules");
	cvg__jgen_array_open(j);
	for (i = 0; i < s.nrules; i++)
		write_rule(&s, s.rules[i], s.rule_metric[i]);
	cvg__jgen_array_close(j);
	cvg__jgen_map_close(j);
	cvg__jgen_map_close(j);

	/* one run for all inventories: GitHub takes one run per tool and
	 * category, and each result is located in its own inventory file */
	cvg__jgen_key(j, "results");
	cvg__jgen_array_open(j);
	for (u = 0; u < nsuites && j->error == 0; u++) {
		const cvg_scan_result *res = suites[u].res;
		if (nsuites > 1 &&
		        (j->error = cvg__report_suite_label(&label, suites, nsuites, u)) < 0)
			break;
		for (i = 0; i < res->nfindings; i++) {
			assert(res->findings[i].component < res->ncomponents);
			write_result(&s, res, suites[u].inventory, nsuites > 1 ? label.ptr : NULL,
			        &res->findings[i]);
		}
	}
	cvg__jgen_array_close(j);

	cvg__jgen_key(j, "properties");
	cvg__jgen_map_open(j);
	if (nsuites == 1) {
		cvg__jgen_kstr(j, "inventory", suites[0].inventory);
	} else {
		cvg__jgen_key(j, "inventories");
		cvg__jgen_array_open(j);
		for (u = 0; u < nsuites; u++)
			cvg__jgen_str(j, suites[u].inventory);
		cvg__jgen_array_close(j);
	}
	cvg__jgen_kstr(j, "database", total.db_path);
	cvg__jgen_kstr(j, "databaseUpdated", total.db_updated);
	cvg__jgen_kint(j, "components", (long long)total.ncomponents);
	cvg__jgen_kint(j, "unmapped", (long long)total.nunmapped);
	cvg__jgen_map_close(j);

	cvg__jgen_map_close(j); /* run */
	cvg__jgen_array_close(j);
	cvg__jgen_map_close(j);
	error = cvg__jgen_finish(j, fp);
done:
	cvg__jgen_dispose(j);
	cvg__buf_dispose(&s.txt);
	cvg__buf_dispose(&label);
	free(s.rules);
	free(s.rule_metric);
	return error;
}
