/*
 * lib/cve5.c - streaming reader for CVE JSON 5 records (CVE Record Format
 * 5.0-5.2, github.com/CVEProject/cve-schema), from a file, a cvelistV5
 * directory tree or the CVE Program's zip archives.
 *
 * Shape read (unknown keys anywhere are skipped):
 *   {"dataType": "CVE_RECORD", "dataVersion": "5.x",
 *    "cveMetadata": {cveId, state, assignerOrgId, assignerShortName,
 *                    datePublished, dateUpdated, dateReserved},
 *    "containers": {"cna": CONTAINER, "adp": [CONTAINER, ...]}}
 *   CONTAINER: providerMetadata {orgId, shortName, dateUpdated}, title,
 *     descriptions[] and rejectedReasons[] {lang, value} (CNA only),
 *     affected[] {vendor, product, packageName, collectionURL, repo, cpes[],
 *                 defaultStatus, versions[] {version, status, versionType,
 *                 lessThan, lessThanOrEqual, changes[] {at, status}}},
 *     cpeApplicability[] (the NVD 2.0 configuration shape: operator,
 *                 negate, nodes[] {operator, negate, cpeMatch[]}),
 *     metrics[] {cvssV2_0|cvssV3_0|cvssV3_1|cvssV4_0 {baseScore,
 *                 vectorString, baseSeverity}, other {type, content}}
 *                 (other.type "kev": content {dateAdded, reference}),
 *     problemTypes[] {descriptions[] {cweId}}, references[] {url, tags[]}.
 *
 * Why it is built this way (the same design as lib/nvd.c):
 * - No DOM: yajl's callbacks drive a small state machine that builds the
 *   record straight into a cvg_cve5. A container we understand is one frame
 *   on a fixed stack; a key is classified once into a "slot" saying what
 *   the coming value means; a value in an unknown slot is skipped, a whole
 *   subtree by a counter, without frames or copies. Only kept strings are
 *   copied.
 * - baseScore goes through yajl_number, which hands over the number's text,
 *   so "10.0" stays "10.0".
 * - Every input is bounded: one string, key or number by max_token, nesting
 *   by max_depth, a record document by max_record (checked before it is
 *   read), a tree or archive by max_files and, inflated, max_total.
 * - Every string and key must be well-formed UTF-8: yajl checks the shape
 *   of sequences, utf8_bad() the rest (overlong forms such as C0 AF,
 *   surrogates, code points above U+10FFFF), so nothing downstream (SQLite,
 *   the XML writers) meets malformed text. A kept string that holds U+0000
 *   is refused, since C strings would cut it.
 * - A wrong value type for a key we know is an error, not a silent skip
 *   ("affected": {} must not read as "affects nothing"); so is a status
 *   outside the schema's enum, a version entry without version or status,
 *   or a record without cveId or state.
 * - providerMetadata may come after the metrics it names (CISA's ADP
 *   container puts it last), so metric sources are filled in when the
 *   record is complete.
 *
 * Archives (libarchive, zip reader only, read from a file in blocks, so a
 * 500 MB archive is never held in memory): members named CVE-*.json are
 * records; a member named *.zip is opened in place, one level down only
 * (the full archive is "..._all_CVEs_at_midnight.zip.zip" holding cves.zip;
 * delta archives hold deltaCves/CVE-*.json); every other member is read
 * and counted as skipped. As in lib/inventory/archive.c, a member whose path
 * is absolute or has a ".." component refuses the whole archive; links and
 * special files are skipped; every inflated byte is counted, never skipped
 * unseen. Zip bombs stop at whichever comes first: a record over
 * max_record (declared size checked first), the members over max_total, or,
 * past ZIP_RATIO_FLOOR bytes, more than ZIP_MAX_RATIO inflated bytes per
 * archive byte read.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <yajl/yajl_parse.h>

#include "cvegate/cve5.h"
#include "cvegate/error.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"

/* The known structure nests at most 11 containers deep (containers > adp[]
 * > {} > affected[] > {} > versions[] > {} > changes[] > {}); unknown
 * subtrees use no frames. */
#define MAX_FRAMES 16

/* Directory levels below the tree given: cves/YYYY/NNxxx is three. */
#define TREE_MAX_DEPTH 8

/* Bytes asked of libarchive at a time, and the block size files are read in. */
#define ZIP_CHUNK 65536

/* Pretty-printed JSON deflates about 10:1 (the cvelistV5 archives); deflate
 * itself can reach 1032:1. Past ZIP_RATIO_FLOOR inflated bytes, more than
 * ZIP_MAX_RATIO inflated bytes per archive byte read is a bomb. */
#define ZIP_MAX_RATIO 100
#define ZIP_RATIO_FLOOR (256u << 20)

/* ---- The record ---- */

static void config_dispose(cvg_config *c)
{
	for (size_t j = 0; j < c->nnodes; j++)
		cvg_node_dispose(&c->nodes[j]);
	free(c->nodes);
}

static void metric_dispose(cvg_metric *m)
{
	free(m->source);
	free(m->type);
	free(m->score);
	free(m->vector);
	free(m->severity);
}

static void affected_dispose(cvg_cve5_affected *a)
{
	for (size_t i = 0; i < a->ncpes; i++)
		free(a->cpes[i]);
	free(a->cpes);
	for (size_t i = 0; i < a->nversions; i++) {
		cvg_cve5_version *v = &a->versions[i];
		for (size_t j = 0; j < v->nchanges; j++)
			free(v->changes[j].at);
		free(v->changes);
		free(v->version);
		free(v->version_type);
		free(v->less_than);
		free(v->less_than_or_equal);
	}
	free(a->versions);
	free(a->vendor);
	free(a->product);
	free(a->package_name);
	free(a->collection_url);
	free(a->repo);
}

void cvg_cve5_free(cvg_cve5 *rec)
{
	size_t i;

	if (rec == NULL)
		return;
	for (i = 0; i < rec->ncontainers; i++) {
		free(rec->containers[i].org_id);
		free(rec->containers[i].short_name);
		free(rec->containers[i].date_updated);
		free(rec->containers[i].title);
	}
	free(rec->containers);
	for (i = 0; i < rec->naffected; i++)
		affected_dispose(&rec->affected[i]);
	free(rec->affected);
	for (i = 0; i < rec->nconfigs; i++)
		config_dispose(&rec->configs[i].config);
	free(rec->configs);
	for (i = 0; i < rec->nmetrics; i++)
		metric_dispose(&rec->metrics[i].metric);
	free(rec->metrics);
	for (i = 0; i < rec->ncwes; i++)
		free(rec->cwes[i].cwe);
	free(rec->cwes);
	for (i = 0; i < rec->nreferences; i++) {
		free(rec->references[i].url);
		free(rec->references[i].tags);
	}
	free(rec->references);
	for (i = 0; i < rec->nkevs; i++) {
		free(rec->kevs[i].date_added);
		free(rec->kevs[i].reference);
	}
	free(rec->kevs);
	free(rec->id);
	free(rec->data_version);
	free(rec->assigner_org_id);
	free(rec->assigner);
	free(rec->date_published);
	free(rec->date_updated);
	free(rec->date_reserved);
	free(rec->description);
	free(rec->title);
	free(rec);
}

const char *cvg_cve5_status_name(cvg_cve5_status status)
{
	switch (status) {
	case CVG_CVE5_NONE:
		return "none";
	case CVG_CVE5_AFFECTED:
		return "affected";
	case CVG_CVE5_UNAFFECTED:
		return "unaffected";
	case CVG_CVE5_UNKNOWN:
		return "unknown";
	case CVG_CVE5_UNASSESSABLE:
		return "unassessable";
	}
	return "?";
}

const char *cvg_cve5_container_name(const cvg_cve5 *rec, size_t container)
{
	const cvg_cve5_container *c = &rec->containers[container];

	if (c->short_name && c->short_name[0])
		return c->short_name;
	if (c->org_id && c->org_id[0])
		return c->org_id;
	return c->adp ? "adp" : "cna";
}

/* Append one zeroed element of `size` bytes to *array holding *count;
 * capacity doubles (it is the next power of two >= count). */
static void *append(void *array_ptr, size_t *count, size_t size)
{
	void **array = array_ptr;
	size_t n = *count;
	char *p;

	if (n == 0 || (n & (n - 1)) == 0) {
		size_t cap = n ? n * 2 : 1;
		if ((p = realloc(*array, cap * size)) == NULL) {
			cvg__error_oom();
			return NULL;
		}
		*array = p;
	}
	p = (char *)*array + n * size;
	memset(p, 0, size);
	*count = n + 1;
	return p;
}

/* ---- Container kinds and value slots ---- */

enum kind {
	K_TOP,
	K_META,
	K_CONTAINERS,
	K_ADPS,
	K_CONT, /* a CNA or ADP container; frame aux 1 for ADP */
	K_PROVIDER,
	K_DESCS,
	K_DESC,
	K_AFFS,
	K_AFF,
	K_CPES,
	K_VERSIONS,
	K_VERSION,
	K_CHANGES,
	K_CHANGE,
	K_CONFS,
	K_CONF,
	K_NODES,
	K_NODE,
	K_MATCHES,
	K_MATCH,
	K_METRICS,
	K_METRIC,
	K_CVSS,
	K_OTHER,
	K_CONTENT,
	K_PTS,
	K_PT,
	K_PTDESCS,
	K_PTDESC,
	K_REFS,
	K_REF,
	K_TAGS,
};

enum slot {
	S_UNKNOWN = 0,
	S_ROOT,
	S_DATATYPE,
	S_DATAVERSION,
	S_META,
	S_CONTAINERS,
	S_ID,
	S_STATE,
	S_ASSIGNER_ORG,
	S_ASSIGNER,
	S_PUBLISHED,
	S_UPDATED,
	S_RESERVED,
	S_CNA,
	S_ADPS,
	S_ADP,
	S_PROVIDER,
	S_TITLE,
	S_DESCS,
	S_REJECTED_REASONS,
	S_AFFS,
	S_CONFS,
	S_METRICS,
	S_PTS,
	S_REFS,
	S_ORG,
	S_SHORT,
	S_PROV_UPDATED,
	S_DESC,
	S_DESC_LANG,
	S_DESC_VALUE,
	S_AFF,
	S_VENDOR,
	S_PRODUCT,
	S_PACKAGE,
	S_COLLECTION,
	S_REPO,
	S_CPES,
	S_CPE,
	S_DEFAULT,
	S_VERSIONS,
	S_VERSION,
	S_V_VERSION,
	S_V_STATUS,
	S_V_TYPE,
	S_V_LT,
	S_V_LE,
	S_V_CHANGES,
	S_CHANGE,
	S_C_AT,
	S_C_STATUS,
	S_CONF,
	S_CONF_OP,
	S_CONF_NEGATE,
	S_CONF_NODES,
	S_NODE,
	S_NODE_OP,
	S_NODE_NEGATE,
	S_NODE_MATCHES,
	S_MATCH,
	S_M_VULN,
	S_M_CRITERIA,
	S_M_ID,
	S_M_SI,
	S_M_SE,
	S_M_EI,
	S_M_EE,
	S_METRIC,
	S_CVSS_V2,
	S_CVSS_V30,
	S_CVSS_V31,
	S_CVSS_V40,
	S_CVSS_SCORE,
	S_CVSS_VECTOR,
	S_CVSS_SEVERITY,
	S_OTHER,
	S_OTHER_TYPE,
	S_OTHER_CONTENT,
	S_KEV_DATE,
	S_KEV_REF,
	S_PT,
	S_PTDESCS,
	S_PTDESC,
	S_CWEID,
	S_REF,
	S_REF_URL,
	S_REF_TAGS,
	S_TAG,
};

/* JSON value types a slot accepts; null is accepted everywhere (absent). */
enum {
	T_MAP = 1,
	T_ARRAY = 2,
	T_STRING = 4,
	T_NUMBER = 8,
	T_BOOL = 16,
};

static unsigned char slot_types(unsigned char slot)
{
	switch (slot) {
	case S_ROOT:
	case S_META:
	case S_CONTAINERS:
	case S_CNA:
	case S_ADP:
	case S_PROVIDER:
	case S_DESC:
	case S_AFF:
	case S_VERSION:
	case S_CHANGE:
	case S_CONF:
	case S_NODE:
	case S_MATCH:
	case S_METRIC:
	case S_CVSS_V2:
	case S_CVSS_V30:
	case S_CVSS_V31:
	case S_CVSS_V40:
	case S_OTHER:
	case S_OTHER_CONTENT:
	case S_PT:
	case S_PTDESC:
	case S_REF:
		return T_MAP;
	case S_ADPS:
	case S_DESCS:
	case S_REJECTED_REASONS:
	case S_AFFS:
	case S_CONFS:
	case S_METRICS:
	case S_PTS:
	case S_REFS:
	case S_CPES:
	case S_VERSIONS:
	case S_V_CHANGES:
	case S_CONF_NODES:
	case S_NODE_MATCHES:
	case S_PTDESCS:
	case S_REF_TAGS:
		return T_ARRAY;
	case S_CONF_NEGATE:
	case S_NODE_NEGATE:
	case S_M_VULN:
		return T_BOOL;
	case S_CVSS_SCORE:
		return T_NUMBER | T_STRING;
	default:
		return T_STRING;
	}
}

#define KEY(lit) (n == sizeof(lit) - 1 && memcmp(k, lit, sizeof(lit) - 1) == 0)

static unsigned char key_container(const char *k, size_t n, bool adp)
{
	switch (n) {
	case 5:
		return KEY("title") ? S_TITLE : S_UNKNOWN;
	case 7:
		return KEY("metrics") ? S_METRICS : S_UNKNOWN;
	case 8:
		return KEY("affected") ? S_AFFS : S_UNKNOWN;
	case 10:
		return KEY("references") ? S_REFS : S_UNKNOWN;
	case 12:
		if (KEY("problemTypes"))
			return S_PTS;
		return !adp && KEY("descriptions") ? S_DESCS : S_UNKNOWN;
	case 15:
		if (!adp && KEY("rejectedReasons"))
			return S_REJECTED_REASONS;
		return S_UNKNOWN;
	case 16:
		if (KEY("providerMetadata"))
			return S_PROVIDER;
		return KEY("cpeApplicability") ? S_CONFS : S_UNKNOWN;
	}
	return S_UNKNOWN;
}

static unsigned char key_affected(const char *k, size_t n)
{
	switch (n) {
	case 4:
		if (KEY("cpes"))
			return S_CPES;
		return KEY("repo") ? S_REPO : S_UNKNOWN;
	case 6:
		return KEY("vendor") ? S_VENDOR : S_UNKNOWN;
	case 7:
		return KEY("product") ? S_PRODUCT : S_UNKNOWN;
	case 8:
		return KEY("versions") ? S_VERSIONS : S_UNKNOWN;
	case 11:
		return KEY("packageName") ? S_PACKAGE : S_UNKNOWN;
	case 13:
		if (KEY("collectionURL"))
			return S_COLLECTION;
		return KEY("defaultStatus") ? S_DEFAULT : S_UNKNOWN;
	}
	return S_UNKNOWN;
}

static unsigned char key_version(const char *k, size_t n)
{
	switch (n) {
	case 6:
		return KEY("status") ? S_V_STATUS : S_UNKNOWN;
	case 7:
		if (KEY("version"))
			return S_V_VERSION;
		return KEY("changes") ? S_V_CHANGES : S_UNKNOWN;
	case 8:
		return KEY("lessThan") ? S_V_LT : S_UNKNOWN;
	case 11:
		return KEY("versionType") ? S_V_TYPE : S_UNKNOWN;
	case 15:
		return KEY("lessThanOrEqual") ? S_V_LE : S_UNKNOWN;
	}
	return S_UNKNOWN;
}

static unsigned char key_match(const char *k, size_t n)
{
	switch (n) {
	case 8:
		return KEY("criteria") ? S_M_CRITERIA : S_UNKNOWN;
	case 10:
		return KEY("vulnerable") ? S_M_VULN : S_UNKNOWN;
	case 15:
		return KEY("matchCriteriaId") ? S_M_ID : S_UNKNOWN;
	case 19:
		if (KEY("versionEndIncluding"))
			return S_M_EI;
		return KEY("versionEndExcluding") ? S_M_EE : S_UNKNOWN;
	case 21:
		if (KEY("versionStartIncluding"))
			return S_M_SI;
		return KEY("versionStartExcluding") ? S_M_SE : S_UNKNOWN;
	}
	return S_UNKNOWN;
}

static unsigned char key_meta(const char *k, size_t n)
{
	if (KEY("cveId"))
		return S_ID;
	if (KEY("state"))
		return S_STATE;
	if (KEY("assignerOrgId"))
		return S_ASSIGNER_ORG;
	if (KEY("assignerShortName"))
		return S_ASSIGNER;
	if (KEY("datePublished"))
		return S_PUBLISHED;
	if (KEY("dateUpdated"))
		return S_UPDATED;
	return KEY("dateReserved") ? S_RESERVED : S_UNKNOWN;
}

/* The slot of the value after key k in a map of the given kind; `aux` is
 * the frame's aux (K_CONT: ADP). */
static unsigned char classify(unsigned char kind, unsigned char aux, const char *k, size_t n)
{
	switch (kind) {
	case K_TOP:
		if (KEY("cveMetadata"))
			return S_META;
		if (KEY("containers"))
			return S_CONTAINERS;
		if (KEY("dataVersion"))
			return S_DATAVERSION;
		return KEY("dataType") ? S_DATATYPE : S_UNKNOWN;
	case K_META:
		return key_meta(k, n);
	case K_CONTAINERS:
		if (KEY("cna"))
			return S_CNA;
		return KEY("adp") ? S_ADPS : S_UNKNOWN;
	case K_CONT:
		return key_container(k, n, aux != 0);
	case K_PROVIDER:
		if (KEY("orgId"))
			return S_ORG;
		if (KEY("shortName"))
			return S_SHORT;
		return KEY("dateUpdated") ? S_PROV_UPDATED : S_UNKNOWN;
	case K_DESC:
		if (KEY("lang"))
			return S_DESC_LANG;
		return KEY("value") ? S_DESC_VALUE : S_UNKNOWN;
	case K_AFF:
		return key_affected(k, n);
	case K_VERSION:
		return key_version(k, n);
	case K_CHANGE:
		if (KEY("at"))
			return S_C_AT;
		return KEY("status") ? S_C_STATUS : S_UNKNOWN;
	case K_CONF:
		if (KEY("operator"))
			return S_CONF_OP;
		if (KEY("negate"))
			return S_CONF_NEGATE;
		return KEY("nodes") ? S_CONF_NODES : S_UNKNOWN;
	case K_NODE:
		if (KEY("operator"))
			return S_NODE_OP;
		if (KEY("negate"))
			return S_NODE_NEGATE;
		return KEY("cpeMatch") ? S_NODE_MATCHES : S_UNKNOWN;
	case K_MATCH:
		return key_match(k, n);
	case K_METRIC:
		if (n == 8 && memcmp(k, "cvssV", 5) == 0) {
			if (KEY("cvssV3_1"))
				return S_CVSS_V31;
			if (KEY("cvssV4_0"))
				return S_CVSS_V40;
			if (KEY("cvssV3_0"))
				return S_CVSS_V30;
			if (KEY("cvssV2_0"))
				return S_CVSS_V2;
			return S_UNKNOWN;
		}
		return KEY("other") ? S_OTHER : S_UNKNOWN;
	case K_CVSS:
		if (KEY("baseScore"))
			return S_CVSS_SCORE;
		if (KEY("vectorString"))
			return S_CVSS_VECTOR;
		return KEY("baseSeverity") ? S_CVSS_SEVERITY : S_UNKNOWN;
	case K_OTHER:
		if (KEY("type"))
			return S_OTHER_TYPE;
		return KEY("content") ? S_OTHER_CONTENT : S_UNKNOWN;
	case K_CONTENT:
		if (KEY("dateAdded"))
			return S_KEV_DATE;
		return KEY("reference") ? S_KEV_REF : S_UNKNOWN;
	case K_PT:
		return KEY("descriptions") ? S_PTDESCS : S_UNKNOWN;
	case K_PTDESC:
		return KEY("cweId") ? S_CWEID : S_UNKNOWN;
	case K_REF:
		if (KEY("url"))
			return S_REF_URL;
		return KEY("tags") ? S_REF_TAGS : S_UNKNOWN;
	}
	return S_UNKNOWN;
}

#undef KEY

/* ---- Parser state ---- */

struct frame {
	unsigned char kind;
	unsigned char slot; /* what the next value means */
	unsigned char aux;  /* K_CONT: 1 for ADP; K_DESCS: 1 for rejectedReasons */
};

struct parser {
	const char *name;
	cvg_cve5_limits lim;
	yajl_handle h;
	int error;

	size_t depth; /* every open container, skipped ones included */
	size_t skip;  /* open containers of a skipped value */
	struct frame st[MAX_FRAMES];
	size_t nst;
	bool top_seen;

	cvg_cve5 *rec;
	size_t cont; /* index of the open container */
	bool state_seen, type_seen;
	cvg_cve5_affected *aff;
	cvg_cve5_version *ver;
	cvg_cve5_change *chg;
	cvg_config *cfg;
	cvg_node *node;
	cvg_cpe_match *match;
	bool match_vuln_seen;
	cvg_metric *metric;
	cvg_cve5_reference *ref;
	bool d_en;    /* the open description entry is English */
	char *d_val;  /* its value */
	char *reason; /* the first English rejectedReasons value */
	bool kev;     /* the open "other" metric is of type kev */
	char *kev_date, *kev_ref;
	cvg_buf tags;
};

static uint64_t offset_now(struct parser *p)
{
	return yajl_get_bytes_consumed(p->h);
}

/* Set a message "NAME: byte N: WHAT[ in record ID]" and stop the parse. */
static int fail(struct parser *p, int code, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
static int fail(struct parser *p, int code, const char *fmt, ...)
{
	char what[512];
	va_list ap;
	const char *id = p->rec && p->rec->id ? p->rec->id : NULL;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	p->error = cvg__error(code, "%s: byte %llu: %s%s%s", p->name,
	        (unsigned long long)offset_now(p), what, id ? " in record " : "", id ? id : "");
	return 0;
}

static int oom(struct parser *p)
{
	p->error = cvg__error_oom();
	return 0;
}

/* Copy a kept string; 1 to go on, 0 to stop (yajl's convention). */
static int keep(struct parser *p, char **field, const char *s, size_t len)
{
	if (memchr(s, '\0', len) != NULL)
		return fail(p, CVG_EPARSE, "string holds a NUL character (\\u0000)");
	if (cvg_cve_set_string(field, s, len) < 0)
		return oom(p);
	return 1;
}

static int push(struct parser *p, unsigned char kind, unsigned char elem_slot)
{
	/* kinds nest in a fixed pattern shallower than MAX_FRAMES */
	if (p->nst >= MAX_FRAMES)
		return fail(p, CVG_ERROR, "internal: frame stack overflow");
	p->st[p->nst].kind = kind;
	p->st[p->nst].slot = elem_slot;
	p->st[p->nst].aux = 0;
	p->nst++;
	return 1;
}

static bool str_is(const char *s, size_t len, const char *lit)
{
	return strlen(lit) == len && memcmp(s, lit, len) == 0;
}

static int parse_status(struct parser *p, cvg_cve5_status *out, const char *s, size_t len)
{
	if (str_is(s, len, "affected"))
		*out = CVG_CVE5_AFFECTED;
	else if (str_is(s, len, "unaffected"))
		*out = CVG_CVE5_UNAFFECTED;
	else if (str_is(s, len, "unknown"))
		*out = CVG_CVE5_UNKNOWN;
	else
		return fail(p, CVG_EPARSE, "expected affected, unaffected or unknown as status");
	return 1;
}

static int parse_op(struct parser *p, cvg_op *out, const char *s, size_t len)
{
	if (str_is(s, len, "OR"))
		*out = CVG_OP_OR;
	else if (str_is(s, len, "AND"))
		*out = CVG_OP_AND;
	else
		return fail(p, CVG_EPARSE, "operator is not AND or OR");
	return 1;
}

/* CVE-YYYY-NNNN with 4 to 19 digits (the schema's pattern, bounded). */
static bool valid_id(const char *s)
{
	size_t n = strlen(s), i;

	if (n < 13 || n > 28 || memcmp(s, "CVE-", 4) != 0 || s[8] != '-')
		return false;
	for (i = 4; i < n; i++)
		if (i != 8 && (s[i] < '0' || s[i] > '9'))
			return false;
	return true;
}

/* The record is complete: check it and fill in metric sources. */
static int end_record(struct parser *p)
{
	cvg_cve5 *rec = p->rec;

	if (rec->id == NULL)
		return fail(p, CVG_EPARSE, "expected cveMetadata.cveId");
	if (!valid_id(rec->id))
		return fail(p, CVG_EPARSE, "cveId is not CVE-YYYY-NNNN");
	if (!p->state_seen)
		return fail(p, CVG_EPARSE, "expected cveMetadata.state");
	if (rec->data_version == NULL || strncmp(rec->data_version, "5.", 2) != 0)
		return fail(p, CVG_EPARSE, "not a CVE JSON 5 record (expected dataVersion 5.x)");
	if (rec->rejected && p->reason) {
		free(rec->description);
		rec->description = p->reason;
		p->reason = NULL;
	}
	for (size_t i = 0; i < rec->nmetrics; i++) {
		cvg_cve5_metric *m = &rec->metrics[i];
		const char *src = cvg_cve5_container_name(rec, m->container);
		const char *type = rec->containers[m->container].adp ? "ADP" : "CNA";
		if (!keep(p, &m->metric.source, src, strlen(src)) ||
		        !keep(p, &m->metric.type, type, 3))
			return 0;
	}
	return 1;
}

/* ---- Value handlers ---- */

static int open_container(struct parser *p, bool adp)
{
	cvg_cve5_container *c = append(&p->rec->containers, &p->rec->ncontainers, sizeof(*c));

	if (c == NULL)
		return oom(p);
	c->adp = adp;
	p->cont = p->rec->ncontainers - 1;
	if (!push(p, K_CONT, S_UNKNOWN))
		return 0;
	p->st[p->nst - 1].aux = adp;
	return 1;
}

static int add_metric(struct parser *p, cvg_cvss_version v)
{
	cvg_cve5_metric *m = append(&p->rec->metrics, &p->rec->nmetrics, sizeof(*m));

	if (m == NULL)
		return oom(p);
	m->container = p->cont;
	m->metric.version = v;
	p->metric = &m->metric;
	return push(p, K_CVSS, S_UNKNOWN);
}

static int open_map(struct parser *p, unsigned char slot)
{
	cvg_cve5 *rec = p->rec;

	switch (slot) {
	case S_ROOT:
		p->top_seen = true;
		return push(p, K_TOP, S_UNKNOWN);
	case S_META:
		return push(p, K_META, S_UNKNOWN);
	case S_CONTAINERS:
		return push(p, K_CONTAINERS, S_UNKNOWN);
	case S_CNA:
		return open_container(p, false);
	case S_ADP:
		return open_container(p, true);
	case S_PROVIDER:
		return push(p, K_PROVIDER, S_UNKNOWN);
	case S_DESC:
		p->d_en = false;
		free(p->d_val);
		p->d_val = NULL;
		return push(p, K_DESC, S_UNKNOWN);
	case S_AFF:
		if ((p->aff = append(&rec->affected, &rec->naffected, sizeof(*p->aff))) == NULL)
			return oom(p);
		p->aff->container = p->cont;
		return push(p, K_AFF, S_UNKNOWN);
	case S_VERSION:
		if ((p->ver = append(&p->aff->versions, &p->aff->nversions, sizeof(*p->ver))) ==
		        NULL)
			return oom(p);
		return push(p, K_VERSION, S_UNKNOWN);
	case S_CHANGE:
		if ((p->chg = append(&p->ver->changes, &p->ver->nchanges, sizeof(*p->chg))) == NULL)
			return oom(p);
		return push(p, K_CHANGE, S_UNKNOWN);
	case S_CONF: {
		cvg_cve5_config *c = append(&rec->configs, &rec->nconfigs, sizeof(*c));
		if (c == NULL)
			return oom(p);
		c->container = p->cont;
		p->cfg = &c->config;
		return push(p, K_CONF, S_UNKNOWN);
	}
	case S_NODE:
		if ((p->node = cvg_config_add_node(p->cfg)) == NULL)
			return oom(p);
		return push(p, K_NODE, S_UNKNOWN);
	case S_MATCH:
		if ((p->match = cvg_node_add_match(p->node)) == NULL)
			return oom(p);
		p->match_vuln_seen = false;
		return push(p, K_MATCH, S_UNKNOWN);
	case S_METRIC:
		return push(p, K_METRIC, S_UNKNOWN);
	case S_CVSS_V2:
		return add_metric(p, CVG_CVSS_V2);
	case S_CVSS_V30:
		return add_metric(p, CVG_CVSS_V30);
	case S_CVSS_V31:
		return add_metric(p, CVG_CVSS_V31);
	case S_CVSS_V40:
		return add_metric(p, CVG_CVSS_V40);
	case S_OTHER:
		p->kev = false;
		free(p->kev_date);
		free(p->kev_ref);
		p->kev_date = p->kev_ref = NULL;
		return push(p, K_OTHER, S_UNKNOWN);
	case S_OTHER_CONTENT:
		return push(p, K_CONTENT, S_UNKNOWN);
	case S_PT:
		return push(p, K_PT, S_UNKNOWN);
	case S_PTDESC:
		return push(p, K_PTDESC, S_UNKNOWN);
	case S_REF:
		if ((p->ref = append(&rec->references, &rec->nreferences, sizeof(*p->ref))) == NULL)
			return oom(p);
		p->ref->container = p->cont;
		return push(p, K_REF, S_UNKNOWN);
	}
	return fail(p, CVG_ERROR, "internal: no map handler for slot %d", slot);
}

static int open_array(struct parser *p, unsigned char slot)
{
	switch (slot) {
	case S_ADPS:
		return push(p, K_ADPS, S_ADP);
	case S_DESCS:
	case S_REJECTED_REASONS:
		if (!push(p, K_DESCS, S_DESC))
			return 0;
		p->st[p->nst - 1].aux = slot == S_REJECTED_REASONS;
		return 1;
	case S_AFFS:
		return push(p, K_AFFS, S_AFF);
	case S_CPES:
		return push(p, K_CPES, S_CPE);
	case S_VERSIONS:
		return push(p, K_VERSIONS, S_VERSION);
	case S_V_CHANGES:
		return push(p, K_CHANGES, S_CHANGE);
	case S_CONFS:
		return push(p, K_CONFS, S_CONF);
	case S_CONF_NODES:
		return push(p, K_NODES, S_NODE);
	case S_NODE_MATCHES:
		return push(p, K_MATCHES, S_MATCH);
	case S_METRICS:
		return push(p, K_METRICS, S_METRIC);
	case S_PTS:
		return push(p, K_PTS, S_PT);
	case S_PTDESCS:
		return push(p, K_PTDESCS, S_PTDESC);
	case S_REFS:
		return push(p, K_REFS, S_REF);
	case S_REF_TAGS:
		cvg__buf_clear(&p->tags);
		return push(p, K_TAGS, S_TAG);
	}
	return fail(p, CVG_ERROR, "internal: no array handler for slot %d", slot);
}

/* Is the description entry being closed (the top frame) in rejectedReasons? */
static bool in_rejected_reasons(struct parser *p)
{
	return p->nst >= 2 && p->st[p->nst - 2].kind == K_DESCS && p->st[p->nst - 2].aux;
}

static int close_map(struct parser *p, unsigned char kind)
{
	switch (kind) {
	case K_TOP:
		return end_record(p);
	case K_DESC:
		/* the first English entry of each list */
		if (p->d_en && p->d_val) {
			char **dst = in_rejected_reasons(p) ? &p->reason : &p->rec->description;
			if (*dst == NULL) {
				*dst = p->d_val;
				p->d_val = NULL;
			}
		}
		return 1;
	case K_VERSION:
		if (p->ver->version == NULL)
			return fail(p, CVG_EPARSE, "versions entry without version");
		if (p->ver->status == CVG_CVE5_NONE)
			return fail(p, CVG_EPARSE, "versions entry without status");
		return 1;
	case K_CHANGE:
		if (p->chg->at == NULL || p->chg->status == CVG_CVE5_NONE)
			return fail(p, CVG_EPARSE, "changes entry without at or status");
		return 1;
	case K_MATCH:
		if (p->match->criteria == NULL)
			return fail(p, CVG_EPARSE, "cpe match without criteria");
		if (!p->match_vuln_seen)
			return fail(p, CVG_EPARSE, "cpe match without vulnerable");
		return 1;
	case K_CVSS:
		if (p->metric->score == NULL)
			return fail(p, CVG_EPARSE, "CVSS object without baseScore");
		return 1;
	case K_OTHER:
		if (p->kev) {
			cvg_cve5_kev *k = append(&p->rec->kevs, &p->rec->nkevs, sizeof(*k));
			if (k == NULL)
				return oom(p);
			k->container = p->cont;
			k->date_added = p->kev_date;
			k->reference = p->kev_ref;
			p->kev_date = p->kev_ref = NULL;
		}
		return 1;
	}
	return 1;
}

static int close_array(struct parser *p, unsigned char kind)
{
	if (kind == K_TAGS && p->tags.len > 0)
		return keep(p, &p->ref->tags, p->tags.ptr, p->tags.len);
	return 1;
}

static int on_text(struct parser *p, unsigned char slot, const char *s, size_t len)
{
	cvg_cve5 *rec = p->rec;
	cvg_cve5_container *c = rec->ncontainers ? &rec->containers[p->cont] : NULL;

	switch (slot) {
	case S_DATATYPE:
		if (!str_is(s, len, "CVE_RECORD"))
			return fail(p, CVG_EPARSE, "not a CVE record (dataType is not CVE_RECORD)");
		return 1;
	case S_DATAVERSION:
		return keep(p, &rec->data_version, s, len);
	case S_ID:
		return keep(p, &rec->id, s, len);
	case S_STATE:
		if (str_is(s, len, "PUBLISHED"))
			rec->rejected = false;
		else if (str_is(s, len, "REJECTED"))
			rec->rejected = true;
		else
			return fail(p, CVG_EPARSE, "expected PUBLISHED or REJECTED as state");
		p->state_seen = true;
		return 1;
	case S_ASSIGNER_ORG:
		return keep(p, &rec->assigner_org_id, s, len);
	case S_ASSIGNER:
		return keep(p, &rec->assigner, s, len);
	case S_PUBLISHED:
		return keep(p, &rec->date_published, s, len);
	case S_UPDATED:
		return keep(p, &rec->date_updated, s, len);
	case S_RESERVED:
		return keep(p, &rec->date_reserved, s, len);
	case S_TITLE:
		if (!c->adp && !keep(p, &rec->title, s, len))
			return 0;
		return keep(p, &c->title, s, len);
	case S_ORG:
		return keep(p, &c->org_id, s, len);
	case S_SHORT:
		return keep(p, &c->short_name, s, len);
	case S_PROV_UPDATED:
		return keep(p, &c->date_updated, s, len);
	case S_DESC_LANG:
		/* "en", or a regional form such as "en-US" */
		p->d_en = (len == 2 || (len > 2 && s[2] == '-')) && s[0] == 'e' && s[1] == 'n';
		return 1;
	case S_DESC_VALUE:
		return keep(p, &p->d_val, s, len);
	case S_VENDOR:
		return keep(p, &p->aff->vendor, s, len);
	case S_PRODUCT:
		return keep(p, &p->aff->product, s, len);
	case S_PACKAGE:
		return keep(p, &p->aff->package_name, s, len);
	case S_COLLECTION:
		return keep(p, &p->aff->collection_url, s, len);
	case S_REPO:
		return keep(p, &p->aff->repo, s, len);
	case S_CPE: {
		char **cpe = append(&p->aff->cpes, &p->aff->ncpes, sizeof(char *));
		if (cpe == NULL)
			return oom(p);
		return keep(p, cpe, s, len);
	}
	case S_DEFAULT:
		return parse_status(p, &p->aff->default_status, s, len);
	case S_V_VERSION:
		return keep(p, &p->ver->version, s, len);
	case S_V_STATUS:
		return parse_status(p, &p->ver->status, s, len);
	case S_V_TYPE:
		return keep(p, &p->ver->version_type, s, len);
	case S_V_LT:
		return keep(p, &p->ver->less_than, s, len);
	case S_V_LE:
		return keep(p, &p->ver->less_than_or_equal, s, len);
	case S_C_AT:
		return keep(p, &p->chg->at, s, len);
	case S_C_STATUS:
		return parse_status(p, &p->chg->status, s, len);
	case S_CONF_OP:
		return parse_op(p, &p->cfg->op, s, len);
	case S_NODE_OP:
		return parse_op(p, &p->node->op, s, len);
	case S_M_CRITERIA:
		return keep(p, &p->match->criteria, s, len);
	case S_M_ID:
		return keep(p, &p->match->match_id, s, len);
	case S_M_SI:
		return keep(p, &p->match->start_incl, s, len);
	case S_M_SE:
		return keep(p, &p->match->start_excl, s, len);
	case S_M_EI:
		return keep(p, &p->match->end_incl, s, len);
	case S_M_EE:
		return keep(p, &p->match->end_excl, s, len);
	case S_CVSS_SCORE:
		return keep(p, &p->metric->score, s, len);
	case S_CVSS_VECTOR:
		return keep(p, &p->metric->vector, s, len);
	case S_CVSS_SEVERITY:
		return keep(p, &p->metric->severity, s, len);
	case S_OTHER_TYPE:
		p->kev = str_is(s, len, "kev");
		return 1;
	case S_KEV_DATE:
		return keep(p, &p->kev_date, s, len);
	case S_KEV_REF:
		return keep(p, &p->kev_ref, s, len);
	case S_CWEID: {
		cvg_cve5_cwe *w = append(&rec->cwes, &rec->ncwes, sizeof(*w));
		if (w == NULL)
			return oom(p);
		w->container = p->cont;
		return keep(p, &w->cwe, s, len);
	}
	case S_REF_URL:
		return keep(p, &p->ref->url, s, len);
	case S_TAG:
		if ((p->tags.len > 0 && cvg__buf_putc(&p->tags, ',') < 0) ||
		        cvg__buf_put(&p->tags, s, len) < 0)
			return fail(p, CVG_ELIMIT, "reference tags longer than the token limit");
		return 1;
	}
	return 1;
}

static int on_bool(struct parser *p, unsigned char slot, bool b)
{
	switch (slot) {
	case S_CONF_NEGATE:
		p->cfg->negate = b;
		return 1;
	case S_NODE_NEGATE:
		p->node->negate = b;
		return 1;
	case S_M_VULN:
		p->match->vulnerable = b;
		p->match_vuln_seen = true;
		return 1;
	}
	return 1;
}

/* ---- yajl callbacks ---- */

/* The slot of this value, or -1 when it is inside a skipped subtree. */
static int enter(struct parser *p)
{
	if (p->skip)
		return -1;
	return p->nst ? p->st[p->nst - 1].slot : S_ROOT;
}

static const char *type_name(unsigned char t)
{
	switch (t) {
	case T_MAP:
		return "an object";
	case T_ARRAY:
		return "an array";
	case T_BOOL:
		return "true or false";
	case T_NUMBER | T_STRING:
		return "a number";
	}
	return "a string";
}

/* 1 if a value of type t may fill slot; otherwise the parse stops. */
static int check_type(struct parser *p, unsigned char slot, unsigned char t)
{
	unsigned char want = slot_types(slot);

	if (want & t)
		return 1;
	if (slot == S_ROOT)
		return fail(p, CVG_EPARSE, "not a CVE JSON 5 record (expected an object)");
	return fail(p, CVG_EPARSE, "expected %s", type_name(want));
}

/* The index of the first byte of s[0..n) that is not well-formed UTF-8
 * (Unicode 15, table 3-7: no overlong forms, no surrogates, nothing above
 * U+10FFFF), or n. yajl checks only the shape of multi-byte sequences. */
static size_t utf8_bad(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i];
		unsigned char lo = 0x80, hi = 0xBF;
		size_t more, k;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			more = 1;
		else if (c >= 0xE0 && c <= 0xEF) {
			more = 2;
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			more = 3;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F;
		} else
			return i;
		if (n - i <= more || s[i + 1] < lo || s[i + 1] > hi)
			return i;
		for (k = 2; k <= more; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xBF)
				return i;
		i += more + 1;
	}
	return n;
}

/* Length and encoding of a string, key or number token. */
static int check_token(struct parser *p, const char *s, size_t len, const char *what)
{
	size_t bad;

	if (len > p->lim.max_token)
		return fail(p, CVG_ELIMIT, "%s longer than the limit of %zu bytes", what,
		        p->lim.max_token);
	if ((bad = utf8_bad((const unsigned char *)s, len)) < len)
		return fail(p, CVG_EPARSE,
		        "invalid UTF-8 in a %s at its byte %zu (overlong form, surrogate or beyond "
		        "U+10FFFF)",
		        what, bad + 1);
	return 1;
}

static int cb_null(void *ctx)
{
	struct parser *p = ctx;

	if (enter(p) == S_ROOT)
		return check_type(p, S_ROOT, 0);
	return 1;
}

static int cb_boolean(void *ctx, int b)
{
	struct parser *p = ctx;
	int slot = enter(p);

	if (slot <= S_UNKNOWN)
		return 1;
	if (!check_type(p, (unsigned char)slot, T_BOOL))
		return 0;
	return on_bool(p, (unsigned char)slot, b != 0);
}

static int cb_number(void *ctx, const char *s, size_t len)
{
	struct parser *p = ctx;
	int slot = enter(p);

	if (!check_token(p, s, len, "number"))
		return 0;
	if (slot <= S_UNKNOWN)
		return 1;
	if (!check_type(p, (unsigned char)slot, T_NUMBER))
		return 0;
	return on_text(p, (unsigned char)slot, s, len);
}

static int cb_string(void *ctx, const unsigned char *s, size_t len)
{
	struct parser *p = ctx;
	int slot = enter(p);

	if (!check_token(p, (const char *)s, len, "string"))
		return 0;
	if (slot <= S_UNKNOWN)
		return 1;
	if (!check_type(p, (unsigned char)slot, T_STRING))
		return 0;
	return on_text(p, (unsigned char)slot, (const char *)s, len);
}

static int cb_map_key(void *ctx, const unsigned char *s, size_t len)
{
	struct parser *p = ctx;
	struct frame *f;

	if (!check_token(p, (const char *)s, len, "key"))
		return 0;
	if (enter(p) == -1)
		return 1;
	f = &p->st[p->nst - 1];
	f->slot = classify(f->kind, f->aux, (const char *)s, len);
	return 1;
}

static int cb_start(struct parser *p, bool map)
{
	int slot;

	if (++p->depth > p->lim.max_depth)
		return fail(
		        p, CVG_ELIMIT, "nesting deeper than the limit of %zu", p->lim.max_depth);
	slot = enter(p);
	if (slot == S_UNKNOWN || slot == -1) {
		p->skip++;
		return 1;
	}
	if (!check_type(p, (unsigned char)slot, map ? T_MAP : T_ARRAY))
		return 0;
	return map ? open_map(p, (unsigned char)slot) : open_array(p, (unsigned char)slot);
}

static int cb_start_map(void *ctx)
{
	return cb_start(ctx, true);
}

static int cb_start_array(void *ctx)
{
	return cb_start(ctx, false);
}

static int cb_end(struct parser *p, bool map)
{
	unsigned char kind;

	p->depth--;
	if (p->skip) {
		p->skip--;
		return 1;
	}
	kind = p->st[p->nst - 1].kind;
	if (!(map ? close_map(p, kind) : close_array(p, kind)))
		return 0;
	p->nst--;
	return 1;
}

static int cb_end_map(void *ctx)
{
	return cb_end(ctx, true);
}

static int cb_end_array(void *ctx)
{
	return cb_end(ctx, false);
}

static const yajl_callbacks callbacks = {
        cb_null,
        cb_boolean,
        NULL, /* yajl_integer: NULL so that yajl_number gets the raw text */
        NULL, /* yajl_double */
        cb_number,
        cb_string,
        cb_start_map,
        cb_map_key,
        cb_end_map,
        cb_start_array,
        cb_end_array,
};

/* ---- Parsing one document ---- */

static void limits_fill(cvg_cve5_limits *out, const cvg_cve5_limits *in)
{
	static const cvg_cve5_limits defaults = CVG_CVE5_LIMITS_DEFAULT;

	*out = in ? *in : defaults;
	if (out->max_token == 0)
		out->max_token = defaults.max_token;
	if (out->max_depth == 0)
		out->max_depth = defaults.max_depth;
	if (out->max_record == 0)
		out->max_record = defaults.max_record;
	if (out->max_files == 0)
		out->max_files = defaults.max_files;
	if (out->max_total == 0)
		out->max_total = defaults.max_total;
}

/* Message for a yajl failure. */
static int parse_error(struct parser *p, yajl_status st, uint64_t off)
{
	const char *id = p->rec && p->rec->id ? p->rec->id : NULL;
	unsigned char *text;
	size_t n;

	if (st == yajl_status_client_canceled)
		return p->error;
	text = yajl_get_error(p->h, 0, NULL, 0);
	n = text ? strlen((char *)text) : 0;
	while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == ' '))
		n--;
	p->error = cvg__error(CVG_EPARSE, "%s: byte %llu: malformed JSON: %.*s%s%s", p->name,
	        (unsigned long long)off, (int)n, text ? (char *)text : "", id ? " in record " : "",
	        id ? id : "");
	if (text)
		yajl_free_error(p->h, text);
	return p->error;
}

int cvg_cve5_parse(cvg_cve5 **out, const char *name, const char *data, size_t len,
        const cvg_cve5_limits *limits)
{
	struct parser p;
	yajl_status st;
	int error = 0;

	*out = NULL;
	memset(&p, 0, sizeof(p));
	p.name = name;
	limits_fill(&p.lim, limits);
	p.tags.max = p.lim.max_token;
	if (len > p.lim.max_record)
		return cvg__error(CVG_ELIMIT,
		        "%s: record of %zu bytes is longer than the limit of %zu", name, len,
		        p.lim.max_record);
	if (len == 0)
		return cvg__error(
		        CVG_EPARSE, "%s: empty document (expected a CVE JSON 5 record)", name);
	if ((p.rec = calloc(1, sizeof(*p.rec))) == NULL)
		return cvg__error_oom();
	if ((p.h = yajl_alloc(&callbacks, NULL, &p)) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	st = yajl_parse(p.h, (const unsigned char *)data, len);
	if (st != yajl_status_ok) {
		error = parse_error(&p, st, offset_now(&p));
		goto done;
	}
	/* what is missing at the end is missing at the last byte */
	if ((st = yajl_complete_parse(p.h)) != yajl_status_ok) {
		error = parse_error(&p, st, len);
		goto done;
	}
	if (!p.top_seen) {
		error = cvg__error(
		        CVG_EPARSE, "%s: not a CVE JSON 5 record (expected an object)", name);
		goto done;
	}
	*out = p.rec;
	p.rec = NULL;
done:
	if (p.h)
		yajl_free(p.h);
	cvg_cve5_free(p.rec);
	free(p.d_val);
	free(p.reason);
	free(p.kev_date);
	free(p.kev_ref);
	cvg__buf_dispose(&p.tags);
	return error;
}

/* ---- Sources: files, trees, archives ---- */

typedef struct reader {
	cvg_cve5_limits lim;
	cvg_cve5_record_fn fn;
	void *payload;
	cvg_cve5_info *info;
	const char *where; /* the tree or archive, for messages */
	size_t files;      /* record files or members counted against max_files */
	uint64_t total;    /* archive bytes inflated */
	struct archive *outer;
	cvg_buf label;
	cvg_buf data;
} reader;

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && memcmp(s + n - m, suffix, m) == 0;
}

/* CVE-*.json: the name of a record file in cvelistV5 and its archives. */
static bool is_record_name(const char *path)
{
	const char *b = base_name(path);

	return strncmp(b, "CVE-", 4) == 0 && has_suffix(b, ".json");
}

/* Parse one document and hand it over. */
static int deliver(reader *r, const char *label, const char *data, size_t len)
{
	cvg_cve5 *rec = NULL;
	int error;

	if ((error = cvg_cve5_parse(&rec, label, data, len, &r->lim)) < 0)
		return error;
	r->info->records++;
	r->info->json_bytes += len;
	if (rec->rejected)
		r->info->rejected++;
	return r->fn(rec, label, r->payload);
}

static int count_file(reader *r)
{
	if (++r->files > r->lim.max_files)
		return cvg__error(
		        CVG_ELIMIT, "%s: more than %zu record files", r->where, r->lim.max_files);
	return 0;
}

/* Read a whole regular file of at most max bytes into r->data. */
static int load_file(reader *r, const char *path)
{
	char buf[ZIP_CHUNK];
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int error = 0;
	ssize_t n;

	if (fd < 0)
		return cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
	cvg__buf_clear(&r->data);
	r->data.max = r->lim.max_record;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	        (uint64_t)st.st_size > (uint64_t)r->lim.max_record) {
		error = cvg__error(CVG_ELIMIT,
		        "%s: record of %llu bytes is longer than the limit of %zu", path,
		        (unsigned long long)st.st_size, r->lim.max_record);
		goto done;
	}
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			error = cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
			goto done;
		}
		if (cvg__buf_put(&r->data, buf, (size_t)n) < 0) {
			error = cvg__error(CVG_ELIMIT,
			        "%s: record longer than the limit of %zu bytes", path,
			        r->lim.max_record);
			goto done;
		}
	}
done:
	close(fd);
	return error;
}

static int read_one_file(reader *r, const char *path)
{
	int error;

	if ((error = count_file(r)) < 0 || (error = load_file(r, path)) < 0)
		return error;
	return deliver(r, path, r->data.ptr ? r->data.ptr : "", r->data.len);
}

/* ---- Directory trees ---- */

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read every CVE-*.json under path->ptr, each directory in name order. */
static int walk(reader *r, cvg_buf *path, int depth)
{
	DIR *dir = NULL;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, keep_len = path->len, i;
	int error = 0;

	if ((dir = opendir(path->ptr)) == NULL) {
		error = cvg__error(CVG_EIO, "%s: %s", path->ptr, strerror(errno));
		goto done;
	}
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			char **v;
			/* a directory holds no more entries than the tree may hold files */
			if (n >= r->lim.max_files) {
				error = cvg__error(CVG_ELIMIT, "%s: more than %zu entries",
				        path->ptr, r->lim.max_files);
				goto done;
			}
			if ((v = realloc(names, ncap * sizeof(*v))) == NULL) {
				error = cvg__error_oom();
				goto done;
			}
			names = v;
			cap = ncap;
		}
		if ((names[n] = cvg__strndup(de->d_name, strlen(de->d_name))) == NULL) {
			error = cvg__error_oom();
			goto done;
		}
		n++;
	}
	closedir(dir);
	dir = NULL;
	if (n)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		struct stat st;

		path->len = keep_len;
		if ((error = cvg__buf_printf(path, "/%s", names[i])) < 0)
			goto done;
		if (lstat(path->ptr, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			if (depth < TREE_MAX_DEPTH && (error = walk(r, path, depth + 1)) < 0)
				goto done;
			continue;
		}
		if (!S_ISREG(st.st_mode) || !is_record_name(names[i])) {
			r->info->skipped++;
			continue;
		}
		if ((error = read_one_file(r, path->ptr)) < 0)
			goto done;
	}
done:
	path->len = keep_len;
	if (path->ptr)
		path->ptr[keep_len] = '\0';
	if (dir)
		closedir(dir);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return error;
}

/* ---- Zip archives ---- */

/* Refuse an absolute path or a ".." component ('/' or '\\' separated). */
static bool path_escapes(const char *path)
{
	const char *p = path;

	if (p[0] == '/' || p[0] == '\\' ||
	        (((p[0] | 0x20) >= 'a' && (p[0] | 0x20) <= 'z') && p[1] == ':'))
		return true;
	while (*p) {
		size_t n = strcspn(p, "/\\");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return true;
		p += n;
		if (*p)
			p++;
	}
	return false;
}

static int archive_fail(const char *where, struct archive *a, const char *member)
{
	const char *msg = archive_error_string(a);
	char q[CVG__QUOTE_SIZE];

	if (member == NULL)
		return cvg__error(CVG_EPARSE, "%s: not a readable zip archive: %s", where,
		        msg ? msg : "unknown error");
	cvg__quote(q, sizeof(q), member, strlen(member));
	return cvg__error(CVG_EPARSE, "%s: member '%s': %s", where, q, msg ? msg : "unknown error");
}

/* Count n more inflated bytes against max_total and the bomb ratio. */
static int count_inflated(reader *r, const char *label, size_t n)
{
	uint64_t raw;

	r->total += n;
	if (r->total > r->lim.max_total)
		return cvg__error(CVG_ELIMIT,
		        "%s: the members together inflate to more than the limit of %llu bytes",
		        label, (unsigned long long)r->lim.max_total);
	raw = (uint64_t)archive_filter_bytes(r->outer, -1);
	if (r->total > ZIP_RATIO_FLOOR && r->total / ZIP_MAX_RATIO > raw)
		return cvg__error(CVG_ELIMIT,
		        "%s: inflates to more than %d times the archive's size (a zip bomb?)",
		        label, ZIP_MAX_RATIO);
	return 0;
}

/* Read the current member's data, counting every byte; keep it in r->data
 * when `keep` (then at most max_record bytes). */
static int read_member(reader *r, struct archive *a, const char *label, bool keep)
{
	char chunk[ZIP_CHUNK];
	int error;

	cvg__buf_clear(&r->data);
	r->data.max = r->lim.max_record;
	for (;;) {
		la_ssize_t n = archive_read_data(a, chunk, sizeof(chunk));
		if (n == 0)
			return 0;
		if (n < 0) {
			if (n == ARCHIVE_WARN)
				continue;
			return archive_fail(r->where, a, label);
		}
		if ((error = count_inflated(r, label, (size_t)n)) < 0)
			return error;
		if (keep && cvg__buf_put(&r->data, chunk, (size_t)n) < 0)
			return cvg__error(CVG_ELIMIT,
			        "%s: record longer than the limit of %zu bytes", label,
			        r->lim.max_record);
	}
}

static int read_zip(reader *r, struct archive *a, const char *prefix, int level);

/* libarchive client reading an inner zip from the outer archive's member. */
struct inner_src {
	reader *r;
	struct archive *outer;
	const char *label;
	char buf[ZIP_CHUNK];
	int error;
};

static la_ssize_t inner_read(struct archive *a, void *ctx, const void **out)
{
	struct inner_src *s = ctx;
	la_ssize_t n;

	(void)a;
	*out = s->buf;
	do
		n = archive_read_data(s->outer, s->buf, sizeof(s->buf));
	while (n == ARCHIVE_WARN);
	if (n < 0) {
		s->error = archive_fail(s->r->where, s->outer, s->label);
		return -1;
	}
	if (n > 0 && (s->error = count_inflated(s->r, s->label, (size_t)n)) < 0)
		return -1;
	return n;
}

static struct archive *zip_reader(void)
{
	struct archive *a = archive_read_new();

	if (a == NULL)
		return NULL;
	if (archive_read_support_format_zip(a) != ARCHIVE_OK) {
		archive_read_free(a);
		return NULL;
	}
	return a;
}

/* Open the current member of `outer` as a zip and read it. */
static int read_inner_zip(reader *r, struct archive *outer, const char *label)
{
	struct inner_src *src = calloc(1, sizeof(*src));
	struct archive *a = NULL;
	char *prefix = NULL;
	int error;

	if (src == NULL || (prefix = cvg__strndup(label, strlen(label))) == NULL ||
	        (a = zip_reader()) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	src->r = r;
	src->outer = outer;
	src->label = prefix;
	if (archive_read_open(a, src, NULL, inner_read, NULL) != ARCHIVE_OK) {
		error = src->error < 0 ? src->error : archive_fail(prefix, a, NULL);
		goto done;
	}
	error = read_zip(r, a, prefix, 1);
	if (error < 0 && src->error < 0)
		error = src->error;
done:
	if (a)
		archive_read_free(a);
	free(prefix);
	free(src);
	return error;
}

/* Read the members of an open zip; `prefix` names it in labels. */
static int read_zip(reader *r, struct archive *a, const char *prefix, int level)
{
	struct archive_entry *e;
	int error = 0, ret;

	while ((ret = archive_read_next_header(a, &e)) != ARCHIVE_EOF) {
		const char *name;
		char q[CVG__QUOTE_SIZE];
		unsigned type;
		bool record;

		if (ret < ARCHIVE_WARN)
			return archive_fail(prefix, a, NULL);
		if ((error = count_file(r)) < 0)
			return error;
		if ((name = archive_entry_pathname(e)) == NULL &&
		        (name = archive_entry_pathname_utf8(e)) == NULL)
			return cvg__error(CVG_EPARSE, "%s: member %zu has no readable name", prefix,
			        r->files);
		cvg__quote(q, sizeof(q), name, strlen(name));
		if (path_escapes(name))
			return cvg__error(CVG_EPARSE,
			        "%s: member '%s' has an absolute path or a '..' component; "
			        "refusing the archive",
			        prefix, q);
		cvg__buf_clear(&r->label);
		if ((error = cvg__buf_printf(&r->label, "%s!%s", prefix, name)) < 0)
			return error;
		type = archive_entry_filetype(e);
		if (type == AE_IFDIR)
			continue;
		if (type != AE_IFREG || archive_entry_hardlink(e) != NULL ||
		        archive_entry_symlink(e) != NULL) {
			r->info->skipped++;
			continue;
		}
		record = is_record_name(name);
		if (record && archive_entry_size_is_set(e) &&
		        (uint64_t)archive_entry_size(e) > (uint64_t)r->lim.max_record)
			return cvg__error(CVG_ELIMIT,
			        "%s: record of %lld bytes is longer than the limit of %zu",
			        r->label.ptr, (long long)archive_entry_size(e), r->lim.max_record);
		if (!record && level == 0 && has_suffix(name, ".zip")) {
			if ((error = read_inner_zip(r, a, r->label.ptr)) < 0)
				return error;
			continue;
		}
		if ((error = read_member(r, a, r->label.ptr, record)) < 0)
			return error;
		if (!record) {
			r->info->skipped++;
			continue;
		}
		if ((error = deliver(
		             r, r->label.ptr, r->data.ptr ? r->data.ptr : "", r->data.len)) < 0)
			return error;
	}
	return 0;
}

/* Open the outer zip, from a file (path) or from memory (data). */
static int read_zip_top(reader *r, const char *path, const void *data, size_t len)
{
	struct archive *a = zip_reader();
	int error;

	if (a == NULL)
		return cvg__error_oom();
	r->outer = a;
	if ((path ? archive_read_open_filename(a, path, ZIP_CHUNK)
	          : archive_read_open_memory(a, data, len)) != ARCHIVE_OK) {
		error = archive_fail(r->where, a, NULL);
		goto done;
	}
	error = read_zip(r, a, r->where, 0);
done:
	archive_read_free(a);
	r->outer = NULL;
	return error;
}

static void reader_init(reader *r, const char *where, const cvg_cve5_limits *limits,
        cvg_cve5_record_fn fn, void *payload, cvg_cve5_info *info)
{
	memset(r, 0, sizeof(*r));
	memset(info, 0, sizeof(*info));
	limits_fill(&r->lim, limits);
	r->fn = fn;
	r->payload = payload;
	r->info = info;
	r->where = where;
	r->label.max = 1u << 16;
}

static void reader_dispose(reader *r)
{
	cvg__buf_dispose(&r->label);
	cvg__buf_dispose(&r->data);
}

/* ---- Public API ---- */

int cvg_cve5_read_zip_mem(const char *name, const void *data, size_t len,
        const cvg_cve5_limits *limits, cvg_cve5_record_fn fn, void *payload, cvg_cve5_info *info)
{
	cvg_cve5_info local;
	reader r;
	int error;

	reader_init(&r, name, limits, fn, payload, info ? info : &local);
	error = read_zip_top(&r, NULL, data, len);
	reader_dispose(&r);
	return error;
}

/* Does the file start with a zip signature (local header, or the end
 * record of an empty zip; APPNOTE 4.3.7 and 4.3.16)? */
static int sniff_zip(bool *out, const char *path)
{
	unsigned char m[4];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	*out = false;
	if (fd < 0)
		return cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
	do
		n = read(fd, m, sizeof(m));
	while (n < 0 && errno == EINTR);
	close(fd);
	if (n < 0)
		return cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
	*out = n == 4 && m[0] == 'P' && m[1] == 'K' &&
	       ((m[2] == 3 && m[3] == 4) || (m[2] == 5 && m[3] == 6));
	return 0;
}

int cvg_cve5_read_path(const char *path, const cvg_cve5_limits *limits, cvg_cve5_record_fn fn,
        void *payload, cvg_cve5_info *info)
{
	cvg_cve5_info local;
	cvg_buf tree = CVG_BUF_INIT(1u << 16);
	struct stat st;
	bool zip;
	reader r;
	int error;

	reader_init(&r, path, limits, fn, payload, info ? info : &local);
	if (stat(path, &st) != 0) {
		error = cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
		goto done;
	}
	if (S_ISDIR(st.st_mode)) {
		if ((error = cvg__buf_puts(&tree, path)) < 0)
			goto done;
		while (tree.len > 1 && tree.ptr[tree.len - 1] == '/')
			tree.ptr[--tree.len] = '\0';
		error = walk(&r, &tree, 0);
		goto done;
	}
	if ((error = sniff_zip(&zip, path)) < 0)
		goto done;
	error = zip ? read_zip_top(&r, path, NULL, 0) : read_one_file(&r, path);
done:
	cvg__buf_dispose(&tree);
	reader_dispose(&r);
	return error;
}
