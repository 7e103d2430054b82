/*
 * lib/nvd.c - streaming reader for NVD JSON 1.1 feeds, 2.0 feeds and API
 * 2.0 `cves` pages.
 *
 * Shapes read (docs: ../shared/docs/DATA-SOURCES.md):
 *   1.1  {"CVE_data_timestamp", "CVE_Items": [{"cve": {...}, "configurations",
 *         "impact", "publishedDate", "lastModifiedDate"}]}
 *   2.0  {"timestamp", "vulnerabilities": [{"cve": {"id", ...}}]}  (feed, API page)
 *        {"cve": {"id", ...}}                                      (one record)
 *        {"id", "sourceIdentifier", ...}               (a bare cve object, as in
 *                                                      the fkie-cad mirror)
 * The format is decided by the top-level keys, never by the file name.
 *
 * Why it is built this way:
 * - The year sets are 600 MB of JSON, so nothing builds a DOM: yajl's
 *   callbacks drive a small state machine and each record is built straight
 *   into a cvg_cve, handed to the caller when its object closes, and
 *   forgotten. Memory is one record plus yajl's token buffer.
 * - Each open container we understand is one frame on a fixed stack holding
 *   its kind; a key is classified once (switch on its length, then one
 *   memcmp) into a "slot" saying what the coming value means. A value in
 *   an unknown slot is skipped, a whole subtree by a counter, without
 *   frames or copies. Only kept strings are copied.
 * - baseScore goes through yajl_number, which hands over the number's text,
 *   so "10.0" stays "10.0" (no double round trip).
 * - Limits bound every input: token length and record length are checked
 *   in the callbacks and again between chunks (yajl buffers a token split
 *   across chunks), nesting depth on every container.
 * - A wrong value type for a key we know is an error, not a silent skip:
 *   "configurations": {} must not read as "affects nothing".
 *
 * 1.1 configurations map onto the 2.0 model as cve.h describes: a top node
 * with children becomes a configuration with the node's operator and negate
 * whose nodes are the children; a top node without children becomes an OR
 * configuration holding that node. Deeper nesting, or a node with both
 * children and its own cpe_match, cannot be expressed and is an error (the
 * real 2002-2018 data has neither).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "cvegate/error.h"
#include "cvegate/nvd.h"
#include "lib/nvd_meta.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/gzfile.h"
#include "util/sha256.h"

/* Read size for files: large reads keep zlib and yajl in long runs. */
#define READ_CHUNK (256u * 1024u)

/* Whitespace allowed around a token before the "no token ends" check
 * (between chunks) calls it an over-long token. */
#define GAP_SLACK (64u * 1024u)

/* The known structure nests at most 11 containers deep; unknown subtrees
 * use no frames. */
#define MAX_FRAMES 16

/* ---- Container kinds and value slots ---- */

enum kind {
	K_TOP,
	K_ITEMS11,   /* CVE_Items[] */
	K_ITEM11,    /* one 1.1 record */
	K_CVE11,     /* item.cve */
	K_META11,    /* cve.CVE_data_meta */
	K_PT11,      /* cve.problemtype */
	K_PTDATA11,  /* problemtype_data[] */
	K_PTENTRY11, /* problemtype_data[] element */
	K_WDESCS,    /* description[] of a problemtype entry or a 2.0 weakness */
	K_WDESC,     /* {lang, value}: one CWE */
	K_REFS11,    /* cve.references */
	K_REFLIST,   /* reference_data[] or references[] */
	K_REF,
	K_TAGS,
	K_DESC11, /* cve.description */
	K_DESCS,  /* description_data[] or descriptions[] */
	K_DESC,   /* {lang, value} */
	K_CONF11, /* item.configurations */
	K_NODES11,
	K_NODE11, /* a top-level 1.1 node */
	K_CHILDREN11,
	K_CHILD11,
	K_GRAND11, /* children[] of a child: must stay empty */
	K_MATCHES, /* cpe_match[] or cpeMatch[] */
	K_MATCH,
	K_IMPACT11,
	K_BMV3_11, /* impact.baseMetricV3 */
	K_BMV2_11, /* impact.baseMetricV2 */
	K_CVSS,    /* cvssV3, cvssV2 or cvssData */
	K_VULNS,   /* vulnerabilities[] */
	K_VULN,    /* {"cve": ...} */
	K_CVE20,   /* one 2.0 record */
	K_METRICS20,
	K_MLIST20, /* cvssMetricV31[] ...; frame aux = version */
	K_METRIC20,
	K_WEAKS20,
	K_WEAK20,
	K_CONFS20,
	K_CONF20,
	K_NODES20,
	K_NODE20,
};

enum slot {
	S_UNKNOWN = 0,
	S_ROOT,
	S_TOP_ITEMS11,
	S_TOP_TIMESTAMP,
	S_TOP_VULNS,
	S_TOP_CVE,
	S_ITEM11,
	S_ITEM11_CVE,
	S_ITEM11_CONF,
	S_ITEM11_IMPACT,
	S_ITEM11_PUBLISHED,
	S_ITEM11_MODIFIED,
	S_CVE11_META,
	S_CVE11_PT,
	S_CVE11_REFS,
	S_CVE11_DESC,
	S_META11_ID,
	S_META11_ASSIGNER,
	S_PT11_DATA,
	S_PTENTRY11,
	S_WDESCS,
	S_WDESC,
	S_WDESC_VALUE,
	S_REFS11_LIST,
	S_REF,
	S_REF_URL,
	S_REF_SOURCE,
	S_REF_TAGS,
	S_TAG,
	S_DESC11_LIST,
	S_DESCS,
	S_DESC,
	S_DESC_LANG,
	S_DESC_VALUE,
	S_CONF11_NODES,
	S_NODE11,
	S_NODE_OP,
	S_NODE_NEGATE,
	S_NODE11_CHILDREN,
	S_NODE_MATCHES,
	S_CHILD11,
	S_CHILD11_CHILDREN,
	S_GRANDCHILD,
	S_MATCH,
	S_MATCH_VULNERABLE,
	S_MATCH_CRITERIA,
	S_MATCH_ID,
	S_MATCH_SI,
	S_MATCH_SE,
	S_MATCH_EI,
	S_MATCH_EE,
	S_IMPACT11_V3,
	S_IMPACT11_V2,
	S_BM_CVSS,
	S_BMV2_SEVERITY,
	S_CVSS_VERSION,
	S_CVSS_VECTOR,
	S_CVSS_SCORE,
	S_CVSS_SEVERITY,
	S_VULN,
	S_VULN_CVE,
	S_CVE20_ID,
	S_CVE20_SOURCE,
	S_CVE20_PUBLISHED,
	S_CVE20_MODIFIED,
	S_CVE20_STATUS,
	S_CVE20_DESCS,
	S_CVE20_METRICS,
	S_CVE20_WEAKS,
	S_CVE20_CONFS,
	S_CVE20_REFS,
	S_CVE20_KEV_ADDED,
	S_CVE20_KEV_DUE,
	S_CVE20_KEV_ACTION,
	S_CVE20_KEV_NAME,
	S_METRICS20_V40,
	S_METRICS20_V31,
	S_METRICS20_V30,
	S_METRICS20_V2,
	S_METRIC20,
	S_METRIC20_SOURCE,
	S_METRIC20_TYPE,
	S_METRIC20_SEVERITY,
	S_WEAK20,
	S_WEAK20_SOURCE,
	S_WEAK20_TYPE,
	S_WEAK20_DESCS,
	S_CONF20,
	S_CONF20_OP,
	S_CONF20_NEGATE,
	S_CONF20_NODES,
	S_NODE20,
	S_COUNT
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
	case S_TOP_CVE:
	case S_ITEM11:
	case S_ITEM11_CVE:
	case S_ITEM11_CONF:
	case S_ITEM11_IMPACT:
	case S_CVE11_META:
	case S_CVE11_PT:
	case S_CVE11_REFS:
	case S_CVE11_DESC:
	case S_PTENTRY11:
	case S_WDESC:
	case S_REF:
	case S_DESC:
	case S_NODE11:
	case S_CHILD11:
	case S_GRANDCHILD:
	case S_MATCH:
	case S_IMPACT11_V3:
	case S_IMPACT11_V2:
	case S_BM_CVSS:
	case S_VULN:
	case S_VULN_CVE:
	case S_CVE20_METRICS:
	case S_METRIC20:
	case S_WEAK20:
	case S_CONF20:
	case S_NODE20:
		return T_MAP;
	case S_TOP_ITEMS11:
	case S_TOP_VULNS:
	case S_PT11_DATA:
	case S_WDESCS:
	case S_REFS11_LIST:
	case S_REF_TAGS:
	case S_DESC11_LIST:
	case S_DESCS:
	case S_CONF11_NODES:
	case S_NODE11_CHILDREN:
	case S_NODE_MATCHES:
	case S_CHILD11_CHILDREN:
	case S_CVE20_DESCS:
	case S_CVE20_WEAKS:
	case S_CVE20_CONFS:
	case S_CVE20_REFS:
	case S_METRICS20_V40:
	case S_METRICS20_V31:
	case S_METRICS20_V30:
	case S_METRICS20_V2:
	case S_WEAK20_DESCS:
	case S_CONF20_NODES:
		return T_ARRAY;
	case S_NODE_NEGATE:
	case S_MATCH_VULNERABLE:
	case S_CONF20_NEGATE:
		return T_BOOL;
	case S_CVSS_SCORE:
		return T_NUMBER | T_STRING;
	default:
		return T_STRING;
	}
}

/* ---- Key classification ---- */

#define KEY(lit) (n == sizeof(lit) - 1 && memcmp(k, lit, sizeof(lit) - 1) == 0)

/* Keys of a 2.0 cve object; also used to recognise a bare one at the top. */
static unsigned char key_cve20(const char *k, size_t n)
{
	switch (n) {
	case 2:
		return KEY("id") ? S_CVE20_ID : S_UNKNOWN;
	case 7:
		return KEY("metrics") ? S_CVE20_METRICS : S_UNKNOWN;
	case 9:
		return KEY("published") ? S_CVE20_PUBLISHED : S_UNKNOWN;
	case 10:
		if (KEY("vulnStatus"))
			return S_CVE20_STATUS;
		if (KEY("weaknesses"))
			return S_CVE20_WEAKS;
		return KEY("references") ? S_CVE20_REFS : S_UNKNOWN;
	case 12:
		if (KEY("lastModified"))
			return S_CVE20_MODIFIED;
		return KEY("descriptions") ? S_CVE20_DESCS : S_UNKNOWN;
	case 13:
		return KEY("cisaActionDue") ? S_CVE20_KEV_DUE : S_UNKNOWN;
	case 14:
		if (KEY("configurations"))
			return S_CVE20_CONFS;
		return KEY("cisaExploitAdd") ? S_CVE20_KEV_ADDED : S_UNKNOWN;
	case 16:
		return KEY("sourceIdentifier") ? S_CVE20_SOURCE : S_UNKNOWN;
	case 18:
		return KEY("cisaRequiredAction") ? S_CVE20_KEV_ACTION : S_UNKNOWN;
	case 21:
		return KEY("cisaVulnerabilityName") ? S_CVE20_KEV_NAME : S_UNKNOWN;
	}
	return S_UNKNOWN;
}

static unsigned char key_match(const char *k, size_t n)
{
	switch (n) {
	case 8:
		if (KEY("cpe23Uri") || KEY("criteria"))
			return S_MATCH_CRITERIA;
		return S_UNKNOWN;
	case 10:
		return KEY("vulnerable") ? S_MATCH_VULNERABLE : S_UNKNOWN;
	case 15:
		return KEY("matchCriteriaId") ? S_MATCH_ID : S_UNKNOWN;
	case 19:
		if (KEY("versionEndIncluding"))
			return S_MATCH_EI;
		return KEY("versionEndExcluding") ? S_MATCH_EE : S_UNKNOWN;
	case 21:
		if (KEY("versionStartIncluding"))
			return S_MATCH_SI;
		return KEY("versionStartExcluding") ? S_MATCH_SE : S_UNKNOWN;
	}
	return S_UNKNOWN;
}

static unsigned char key_cvss(const char *k, size_t n)
{
	switch (n) {
	case 7:
		return KEY("version") ? S_CVSS_VERSION : S_UNKNOWN;
	case 9:
		return KEY("baseScore") ? S_CVSS_SCORE : S_UNKNOWN;
	case 12:
		if (KEY("vectorString"))
			return S_CVSS_VECTOR;
		return KEY("baseSeverity") ? S_CVSS_SEVERITY : S_UNKNOWN;
	}
	return S_UNKNOWN;
}

/* The slot of the value after key k in a map of the given kind. */
static unsigned char classify(unsigned char kind, const char *k, size_t n)
{
	switch (kind) {
	case K_TOP:
		if (KEY("CVE_Items"))
			return S_TOP_ITEMS11;
		if (KEY("vulnerabilities"))
			return S_TOP_VULNS;
		if (KEY("CVE_data_timestamp") || KEY("timestamp"))
			return S_TOP_TIMESTAMP;
		if (KEY("cve"))
			return S_TOP_CVE;
		return S_UNKNOWN;
	case K_ITEM11:
		switch (n) {
		case 3:
			return KEY("cve") ? S_ITEM11_CVE : S_UNKNOWN;
		case 6:
			return KEY("impact") ? S_ITEM11_IMPACT : S_UNKNOWN;
		case 13:
			return KEY("publishedDate") ? S_ITEM11_PUBLISHED : S_UNKNOWN;
		case 14:
			return KEY("configurations") ? S_ITEM11_CONF : S_UNKNOWN;
		case 16:
			return KEY("lastModifiedDate") ? S_ITEM11_MODIFIED : S_UNKNOWN;
		}
		return S_UNKNOWN;
	case K_CVE11:
		switch (n) {
		case 10:
			return KEY("references") ? S_CVE11_REFS : S_UNKNOWN;
		case 11:
			if (KEY("description"))
				return S_CVE11_DESC;
			return KEY("problemtype") ? S_CVE11_PT : S_UNKNOWN;
		case 13:
			return KEY("CVE_data_meta") ? S_CVE11_META : S_UNKNOWN;
		}
		return S_UNKNOWN;
	case K_META11:
		if (KEY("ID"))
			return S_META11_ID;
		return KEY("ASSIGNER") ? S_META11_ASSIGNER : S_UNKNOWN;
	case K_PT11:
		return KEY("problemtype_data") ? S_PT11_DATA : S_UNKNOWN;
	case K_PTENTRY11:
		return KEY("description") ? S_WDESCS : S_UNKNOWN;
	case K_WDESC:
		return KEY("value") ? S_WDESC_VALUE : S_UNKNOWN;
	case K_REFS11:
		return KEY("reference_data") ? S_REFS11_LIST : S_UNKNOWN;
	case K_REF:
		switch (n) {
		case 3:
			return KEY("url") ? S_REF_URL : S_UNKNOWN;
		case 4:
			return KEY("tags") ? S_REF_TAGS : S_UNKNOWN;
		case 6:
			return KEY("source") ? S_REF_SOURCE : S_UNKNOWN;
		case 9:
			return KEY("refsource") ? S_REF_SOURCE : S_UNKNOWN;
		}
		return S_UNKNOWN;
	case K_DESC11:
		return KEY("description_data") ? S_DESC11_LIST : S_UNKNOWN;
	case K_DESC:
		if (KEY("lang"))
			return S_DESC_LANG;
		return KEY("value") ? S_DESC_VALUE : S_UNKNOWN;
	case K_CONF11:
		return KEY("nodes") ? S_CONF11_NODES : S_UNKNOWN;
	case K_NODE11:
	case K_CHILD11:
		switch (n) {
		case 6:
			return KEY("negate") ? S_NODE_NEGATE : S_UNKNOWN;
		case 8:
			if (KEY("operator"))
				return S_NODE_OP;
			if (KEY("children"))
				return kind == K_NODE11 ? S_NODE11_CHILDREN : S_CHILD11_CHILDREN;
			return S_UNKNOWN;
		case 9:
			return KEY("cpe_match") ? S_NODE_MATCHES : S_UNKNOWN;
		}
		return S_UNKNOWN;
	case K_NODE20:
		switch (n) {
		case 6:
			return KEY("negate") ? S_NODE_NEGATE : S_UNKNOWN;
		case 8:
			if (KEY("operator"))
				return S_NODE_OP;
			return KEY("cpeMatch") ? S_NODE_MATCHES : S_UNKNOWN;
		}
		return S_UNKNOWN;
	case K_MATCH:
		return key_match(k, n);
	case K_IMPACT11:
		if (KEY("baseMetricV3"))
			return S_IMPACT11_V3;
		return KEY("baseMetricV2") ? S_IMPACT11_V2 : S_UNKNOWN;
	case K_BMV3_11:
		return KEY("cvssV3") ? S_BM_CVSS : S_UNKNOWN;
	case K_BMV2_11:
		if (KEY("cvssV2"))
			return S_BM_CVSS;
		return KEY("severity") ? S_BMV2_SEVERITY : S_UNKNOWN;
	case K_CVSS:
		return key_cvss(k, n);
	case K_VULN:
		return KEY("cve") ? S_VULN_CVE : S_UNKNOWN;
	case K_CVE20:
		return key_cve20(k, n);
	case K_METRICS20:
		if (n < 12 || memcmp(k, "cvssMetricV", 11) != 0)
			return S_UNKNOWN;
		if (KEY("cvssMetricV2"))
			return S_METRICS20_V2;
		if (KEY("cvssMetricV40"))
			return S_METRICS20_V40;
		if (KEY("cvssMetricV31"))
			return S_METRICS20_V31;
		if (KEY("cvssMetricV30"))
			return S_METRICS20_V30;
		return S_UNKNOWN;
	case K_METRIC20:
		switch (n) {
		case 4:
			return KEY("type") ? S_METRIC20_TYPE : S_UNKNOWN;
		case 6:
			return KEY("source") ? S_METRIC20_SOURCE : S_UNKNOWN;
		case 8:
			return KEY("cvssData") ? S_BM_CVSS : S_UNKNOWN;
		case 12:
			return KEY("baseSeverity") ? S_METRIC20_SEVERITY : S_UNKNOWN;
		}
		return S_UNKNOWN;
	case K_WEAK20:
		if (KEY("source"))
			return S_WEAK20_SOURCE;
		if (KEY("type"))
			return S_WEAK20_TYPE;
		return KEY("description") ? S_WEAK20_DESCS : S_UNKNOWN;
	case K_CONF20:
		if (KEY("operator"))
			return S_CONF20_OP;
		if (KEY("negate"))
			return S_CONF20_NEGATE;
		return KEY("nodes") ? S_CONF20_NODES : S_UNKNOWN;
	}
	return S_UNKNOWN;
}

/* Envelope fields of either format that we do not keep. */
static bool envelope_key(const char *k, size_t n)
{
	return (n > 9 && memcmp(k, "CVE_data_", 9) == 0) || KEY("resultsPerPage") ||
	       KEY("startIndex") || KEY("totalResults") || KEY("format") || KEY("version");
}

#undef KEY

/* ---- Parser state ---- */

struct frame {
	unsigned char kind;
	unsigned char slot; /* what the next value means */
	unsigned char aux;  /* K_MLIST20: cvg_cvss_version */
};

struct parser {
	const char *name;
	cvg_nvd_limits lim;
	cvg_nvd_record_fn fn;
	void *payload;
	cvg_nvd_file_info *info;
	yajl_handle h;
	int error;

	uint64_t base;     /* bytes fed before the current chunk */
	uint64_t last_off; /* offset just after the last token seen */
	size_t depth;      /* every open container, skipped ones included */
	size_t skip;       /* open containers of a skipped value */
	struct frame st[MAX_FRAMES];
	size_t nst;
	bool envelope;    /* an envelope key was seen at the top */
	size_t vuln_cves; /* cve objects in the current vulnerabilities entry */

	/* the record being built */
	cvg_cve *cve;
	uint64_t rec_start;
	cvg_config *cfg;
	cvg_node *node; /* where cpe matches go */
	cvg_node pend;  /* a 1.1 top node's own matches */
	cvg_op top_op;  /* a 1.1 top node's operator and negate */
	bool top_negate;
	cvg_cpe_match *match;
	bool match_vuln_seen;
	cvg_metric *metric;
	bool v3_version_seen;
	cvg_reference *ref;
	size_t weak_first; /* first weakness of the current 2.0 weakness */
	char *w_source, *w_type;
	bool d_en, d_val; /* description entry: lang is English, value stashed */
	cvg_buf dbuf;
	cvg_buf tags;
};

static uint64_t offset_now(struct parser *p)
{
	return p->base + yajl_get_bytes_consumed(p->h);
}

/* Set a message "NAME: byte N: WHAT[ in record ID]" and stop the parse. */
static int fail(struct parser *p, int code, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
static int fail(struct parser *p, int code, const char *fmt, ...)
{
	char what[512];
	va_list ap;
	const char *id = p->cve && p->cve->id ? p->cve->id : NULL;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	p->error = cvg__error(code, "%s: byte %llu: %s%s%s", p->name,
	        (unsigned long long)offset_now(p), what, id ? " in record " : "", id ? id : "");
	return 0;
}

/* The whole document is something else: no byte offset helps here. */
static int not_nvd(struct parser *p)
{
	p->error = cvg__error(CVG_EPARSE,
	        "%s: not NVD JSON 1.1 or 2.0 data (expected CVE_Items or vulnerabilities)",
	        p->name);
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
	if (cvg_cve_set_string(field, s, len) < 0)
		return oom(p);
	return 1;
}

static void drop_record(struct parser *p)
{
	cvg_cve_free(p->cve);
	p->cve = NULL;
	cvg_node_dispose(&p->pend);
	free(p->w_source);
	free(p->w_type);
	p->w_source = p->w_type = NULL;
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

static int set_format(struct parser *p, cvg_nvd_format f)
{
	if (p->info->format != CVG_NVD_UNKNOWN && p->info->format != f)
		return fail(p, CVG_EPARSE, "mixes NVD JSON 1.1 and 2.0 data");
	p->info->format = f;
	p->envelope = true;
	return 1;
}

static int begin_record(struct parser *p)
{
	if (cvg_cve_new(&p->cve) < 0)
		return oom(p);
	p->rec_start = offset_now(p);
	if (p->rec_start > 0)
		p->rec_start--; /* the '{' just read */
	p->cfg = NULL;
	p->node = NULL;
	p->match = NULL;
	p->metric = NULL;
	p->ref = NULL;
	return 1;
}

static bool starts_with(const char *s, const char *prefix)
{
	return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

static int end_record(struct parser *p, bool v11)
{
	cvg_cve *cve = p->cve;
	int rc;

	if (cve->id == NULL || cve->id[0] == '\0')
		return fail(p, CVG_EPARSE, "record without an id");
	if (v11) {
		/* 1.1 has no status: a rejected record says so in its text */
		if (starts_with(cve->description, "Rejected reason:") ||
		        starts_with(cve->description, "** REJECT **")) {
			cve->rejected = true;
			if (keep(p, &cve->status, "Rejected", 8) == 0)
				return 0;
		}
	} else {
		cve->rejected = cve->status && strcmp(cve->status, "Rejected") == 0;
	}
	p->cve = NULL;
	p->info->records++;
	rc = p->fn(cve, p->payload);
	if (rc < 0) {
		p->error = rc;
		return 0;
	}
	return 1;
}

/* ---- Value handlers ---- */

static int open_map(struct parser *p, unsigned char slot)
{
	cvg_cve *cve = p->cve;

	switch (slot) {
	case S_ROOT:
		return push(p, K_TOP, S_UNKNOWN);
	case S_ITEM11:
		return begin_record(p) && push(p, K_ITEM11, S_UNKNOWN);
	case S_TOP_CVE:
		if (!set_format(p, CVG_NVD_20))
			return 0;
		return begin_record(p) && push(p, K_CVE20, S_UNKNOWN);
	case S_VULN_CVE:
		p->vuln_cves++;
		return begin_record(p) && push(p, K_CVE20, S_UNKNOWN);
	case S_VULN:
		p->vuln_cves = 0;
		return push(p, K_VULN, S_UNKNOWN);
	case S_ITEM11_CVE:
		return push(p, K_CVE11, S_UNKNOWN);
	case S_ITEM11_CONF:
		return push(p, K_CONF11, S_UNKNOWN);
	case S_ITEM11_IMPACT:
		return push(p, K_IMPACT11, S_UNKNOWN);
	case S_CVE11_META:
		return push(p, K_META11, S_UNKNOWN);
	case S_CVE11_PT:
		return push(p, K_PT11, S_UNKNOWN);
	case S_CVE11_REFS:
		return push(p, K_REFS11, S_UNKNOWN);
	case S_CVE11_DESC:
		return push(p, K_DESC11, S_UNKNOWN);
	case S_PTENTRY11:
		return push(p, K_PTENTRY11, S_UNKNOWN);
	case S_WDESC:
		return push(p, K_WDESC, S_UNKNOWN);
	case S_REF:
		if ((p->ref = cvg_cve_add_reference(cve)) == NULL)
			return oom(p);
		return push(p, K_REF, S_UNKNOWN);
	case S_DESC:
		p->d_en = p->d_val = false;
		cvg__buf_clear(&p->dbuf);
		return push(p, K_DESC, S_UNKNOWN);
	case S_NODE11:
		if ((p->cfg = cvg_cve_add_config(cve)) == NULL)
			return oom(p);
		cvg_node_dispose(&p->pend);
		p->node = &p->pend;
		p->top_op = CVG_OP_OR;
		p->top_negate = false;
		return push(p, K_NODE11, S_UNKNOWN);
	case S_CHILD11:
		if ((p->node = cvg_config_add_node(p->cfg)) == NULL)
			return oom(p);
		return push(p, K_CHILD11, S_UNKNOWN);
	case S_GRANDCHILD:
		return fail(
		        p, CVG_EPARSE, "configuration nodes nest deeper than NVD 2.0 can express");
	case S_MATCH:
		if ((p->match = cvg_node_add_match(p->node)) == NULL)
			return oom(p);
		p->match_vuln_seen = false;
		return push(p, K_MATCH, S_UNKNOWN);
	case S_IMPACT11_V3:
		if ((p->metric = cvg_cve_add_metric(cve)) == NULL)
			return oom(p);
		p->metric->version = CVG_CVSS_V31;
		p->v3_version_seen = false;
		return push(p, K_BMV3_11, S_UNKNOWN);
	case S_IMPACT11_V2:
		if ((p->metric = cvg_cve_add_metric(cve)) == NULL)
			return oom(p);
		p->metric->version = CVG_CVSS_V2;
		return push(p, K_BMV2_11, S_UNKNOWN);
	case S_BM_CVSS:
		/* aux 1: the version key decides V30 or V31 (1.1 cvssV3) */
		if (!push(p, K_CVSS, S_UNKNOWN))
			return 0;
		p->st[p->nst - 1].aux = p->st[p->nst - 2].kind == K_BMV3_11;
		return 1;
	case S_CVE20_METRICS:
		return push(p, K_METRICS20, S_UNKNOWN);
	case S_METRIC20:
		if ((p->metric = cvg_cve_add_metric(cve)) == NULL)
			return oom(p);
		p->metric->version = (cvg_cvss_version)p->st[p->nst - 1].aux;
		return push(p, K_METRIC20, S_UNKNOWN);
	case S_WEAK20:
		p->weak_first = cve->nweaknesses;
		free(p->w_source);
		free(p->w_type);
		p->w_source = p->w_type = NULL;
		return push(p, K_WEAK20, S_UNKNOWN);
	case S_CONF20:
		if ((p->cfg = cvg_cve_add_config(cve)) == NULL)
			return oom(p);
		return push(p, K_CONF20, S_UNKNOWN);
	case S_NODE20:
		if ((p->node = cvg_config_add_node(p->cfg)) == NULL)
			return oom(p);
		return push(p, K_NODE20, S_UNKNOWN);
	}
	return fail(p, CVG_ERROR, "internal: no map handler for slot %d", slot);
}

static int open_array(struct parser *p, unsigned char slot)
{
	switch (slot) {
	case S_TOP_ITEMS11:
		return set_format(p, CVG_NVD_11) && push(p, K_ITEMS11, S_ITEM11);
	case S_TOP_VULNS:
		return set_format(p, CVG_NVD_20) && push(p, K_VULNS, S_VULN);
	case S_PT11_DATA:
		return push(p, K_PTDATA11, S_PTENTRY11);
	case S_WDESCS:
	case S_WEAK20_DESCS:
		return push(p, K_WDESCS, S_WDESC);
	case S_REFS11_LIST:
	case S_CVE20_REFS:
		return push(p, K_REFLIST, S_REF);
	case S_REF_TAGS:
		cvg__buf_clear(&p->tags);
		return push(p, K_TAGS, S_TAG);
	case S_DESC11_LIST:
	case S_CVE20_DESCS:
		return push(p, K_DESCS, S_DESC);
	case S_CONF11_NODES:
		return push(p, K_NODES11, S_NODE11);
	case S_NODE11_CHILDREN:
		return push(p, K_CHILDREN11, S_CHILD11);
	case S_CHILD11_CHILDREN:
		return push(p, K_GRAND11, S_GRANDCHILD);
	case S_NODE_MATCHES:
		return push(p, K_MATCHES, S_MATCH);
	case S_CVE20_WEAKS:
		return push(p, K_WEAKS20, S_WEAK20);
	case S_CVE20_CONFS:
		return push(p, K_CONFS20, S_CONF20);
	case S_CONF20_NODES:
		return push(p, K_NODES20, S_NODE20);
	case S_METRICS20_V40:
	case S_METRICS20_V31:
	case S_METRICS20_V30:
	case S_METRICS20_V2:
		if (!push(p, K_MLIST20, S_METRIC20))
			return 0;
		p->st[p->nst - 1].aux = (unsigned char)(slot == S_METRICS20_V40   ? CVG_CVSS_V40
		                                        : slot == S_METRICS20_V31 ? CVG_CVSS_V31
		                                        : slot == S_METRICS20_V30 ? CVG_CVSS_V30
		                                                                  : CVG_CVSS_V2);
		return 1;
	}
	return fail(p, CVG_ERROR, "internal: no array handler for slot %d", slot);
}

static int close_map(struct parser *p, unsigned char kind)
{
	cvg_cve *cve = p->cve;
	size_t i;

	switch (kind) {
	case K_TOP:
		if (p->info->format == CVG_NVD_UNKNOWN)
			return not_nvd(p);
		return 1;
	case K_ITEM11:
		return end_record(p, true);
	case K_CVE20:
		return end_record(p, false);
	case K_VULN:
		if (p->vuln_cves != 1)
			return fail(p, CVG_EPARSE,
			        "vulnerabilities entry without exactly one cve object");
		return 1;
	case K_DESC:
		if (p->d_en && p->d_val && cve->description == NULL)
			return keep(p, &cve->description, p->dbuf.ptr, p->dbuf.len);
		return 1;
	case K_NODE11:
		if (p->cfg->nnodes > 0) {
			if (p->pend.nmatches > 0)
				return fail(p, CVG_EPARSE,
				        "configuration node has both children and cpe_match");
			p->cfg->op = p->top_op;
			p->cfg->negate = p->top_negate;
		} else {
			cvg_node *node = cvg_config_add_node(p->cfg);
			if (node == NULL)
				return oom(p);
			*node = p->pend;
			memset(&p->pend, 0, sizeof(p->pend));
			node->op = p->top_op;
			node->negate = p->top_negate;
		}
		p->node = NULL;
		return 1;
	case K_CHILD11:
		p->node = &p->pend;
		return 1;
	case K_MATCH:
		if (p->match->criteria == NULL)
			return fail(p, CVG_EPARSE, "cpe match without criteria");
		if (!p->match_vuln_seen)
			return fail(p, CVG_EPARSE, "cpe match without vulnerable");
		return 1;
	case K_BMV3_11:
		if (!p->v3_version_seen)
			return fail(p, CVG_EPARSE, "baseMetricV3 without cvssV3.version");
		return 1;
	case K_WEAK20:
		for (i = p->weak_first; i < cve->nweaknesses; i++) {
			cvg_weakness *w = &cve->weaknesses[i];
			if (p->w_source &&
			        keep(p, &w->source, p->w_source, strlen(p->w_source)) == 0)
				return 0;
			if (p->w_type && keep(p, &w->type, p->w_type, strlen(p->w_type)) == 0)
				return 0;
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

static bool str_is(const char *s, size_t len, const char *lit)
{
	return strlen(lit) == len && memcmp(s, lit, len) == 0;
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

static int on_text(struct parser *p, unsigned char slot, const char *s, size_t len)
{
	cvg_cve *cve = p->cve;
	unsigned char kind = p->st[p->nst - 1].kind;

	switch (slot) {
	case S_TOP_TIMESTAMP: {
		size_t n =
		        len < sizeof(p->info->timestamp) - 1 ? len : sizeof(p->info->timestamp) - 1;
		memcpy(p->info->timestamp, s, n);
		p->info->timestamp[n] = '\0';
		return 1;
	}
	case S_ITEM11_PUBLISHED:
	case S_CVE20_PUBLISHED:
		return keep(p, &cve->published, s, len);
	case S_ITEM11_MODIFIED:
	case S_CVE20_MODIFIED:
		return keep(p, &cve->last_modified, s, len);
	case S_META11_ID:
	case S_CVE20_ID:
		return keep(p, &cve->id, s, len);
	case S_META11_ASSIGNER:
	case S_CVE20_SOURCE:
		return keep(p, &cve->source_id, s, len);
	case S_CVE20_STATUS:
		return keep(p, &cve->status, s, len);
	case S_CVE20_KEV_ADDED:
		return keep(p, &cve->kev_added, s, len);
	case S_CVE20_KEV_DUE:
		return keep(p, &cve->kev_due, s, len);
	case S_CVE20_KEV_ACTION:
		return keep(p, &cve->kev_action, s, len);
	case S_CVE20_KEV_NAME:
		return keep(p, &cve->kev_name, s, len);
	case S_WDESC_VALUE: {
		cvg_weakness *w = cvg_cve_add_weakness(cve);
		if (w == NULL)
			return oom(p);
		return keep(p, &w->cwe, s, len);
	}
	case S_WEAK20_SOURCE:
		return keep(p, &p->w_source, s, len);
	case S_WEAK20_TYPE:
		return keep(p, &p->w_type, s, len);
	case S_REF_URL:
		return keep(p, &p->ref->url, s, len);
	case S_REF_SOURCE:
		return keep(p, &p->ref->source, s, len);
	case S_TAG:
		if ((p->tags.len > 0 && cvg__buf_putc(&p->tags, ',') < 0) ||
		        cvg__buf_put(&p->tags, s, len) < 0)
			return fail(p, CVG_ELIMIT, "reference tags longer than the record limit");
		return 1;
	case S_DESC_LANG:
		/* "en", or a regional form such as "en-US" */
		p->d_en = (len == 2 || (len > 2 && s[2] == '-')) && s[0] == 'e' && s[1] == 'n';
		return 1;
	case S_DESC_VALUE:
		if (cve->description != NULL)
			return 1;
		if (p->d_en)
			return keep(p, &cve->description, s, len);
		cvg__buf_clear(&p->dbuf);
		if (cvg__buf_put(&p->dbuf, s, len) < 0)
			return fail(p, CVG_ELIMIT, "description longer than the token limit");
		p->d_val = true;
		return 1;
	case S_NODE_OP:
		if (kind == K_NODE11)
			return parse_op(p, &p->top_op, s, len);
		return parse_op(p, &p->node->op, s, len);
	case S_CONF20_OP:
		return parse_op(p, &p->cfg->op, s, len);
	case S_MATCH_CRITERIA:
		return keep(p, &p->match->criteria, s, len);
	case S_MATCH_ID:
		return keep(p, &p->match->match_id, s, len);
	case S_MATCH_SI:
		return keep(p, &p->match->start_incl, s, len);
	case S_MATCH_SE:
		return keep(p, &p->match->start_excl, s, len);
	case S_MATCH_EI:
		return keep(p, &p->match->end_incl, s, len);
	case S_MATCH_EE:
		return keep(p, &p->match->end_excl, s, len);
	case S_CVSS_VERSION:
		if (p->st[p->nst - 1].aux) {
			if (str_is(s, len, "3.0"))
				p->metric->version = CVG_CVSS_V30;
			else if (str_is(s, len, "3.1"))
				p->metric->version = CVG_CVSS_V31;
			else
				return fail(p, CVG_EPARSE, "cvssV3 version is not 3.0 or 3.1");
			p->v3_version_seen = true;
		}
		return 1;
	case S_CVSS_VECTOR:
		return keep(p, &p->metric->vector, s, len);
	case S_CVSS_SCORE:
		return keep(p, &p->metric->score, s, len);
	case S_CVSS_SEVERITY:
	case S_BMV2_SEVERITY:
	case S_METRIC20_SEVERITY:
		return keep(p, &p->metric->severity, s, len);
	case S_METRIC20_SOURCE:
		return keep(p, &p->metric->source, s, len);
	case S_METRIC20_TYPE:
		return keep(p, &p->metric->type, s, len);
	}
	return 1;
}

static int on_bool(struct parser *p, unsigned char slot, bool b)
{
	unsigned char kind = p->st[p->nst - 1].kind;

	switch (slot) {
	case S_NODE_NEGATE:
		if (kind == K_NODE11)
			p->top_negate = b;
		else
			p->node->negate = b;
		return 1;
	case S_CONF20_NEGATE:
		p->cfg->negate = b;
		return 1;
	case S_MATCH_VULNERABLE:
		p->match->vulnerable = b;
		p->match_vuln_seen = true;
		return 1;
	}
	return 1;
}

/* ---- yajl callbacks ---- */

/* Common entry of every callback: limits, then the slot of this value,
 * or -1 when it is inside a skipped subtree. */
static int enter(struct parser *p)
{
	p->last_off = offset_now(p);
	if (p->cve != NULL && p->last_off - p->rec_start > p->lim.max_record) {
		fail(p, CVG_ELIMIT, "record longer than the limit of %zu bytes", p->lim.max_record);
		return -2;
	}
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
	if (slot == S_ROOT || (p->nst == 1 && p->st[0].kind == K_TOP &&
	                              (slot == S_TOP_ITEMS11 || slot == S_TOP_VULNS)))
		return not_nvd(p);
	return fail(p, CVG_EPARSE, "expected %s", type_name(want));
}

static int check_token(struct parser *p, size_t len, const char *what)
{
	if (len > p->lim.max_token)
		return fail(p, CVG_ELIMIT, "%s longer than the limit of %zu bytes", what,
		        p->lim.max_token);
	return 1;
}

static int cb_null(void *ctx)
{
	struct parser *p = ctx;
	return enter(p) != -2;
}

static int cb_boolean(void *ctx, int b)
{
	struct parser *p = ctx;
	int slot = enter(p);

	if (slot <= S_UNKNOWN)
		return slot != -2;
	if (!check_type(p, (unsigned char)slot, T_BOOL))
		return 0;
	return on_bool(p, (unsigned char)slot, b != 0);
}

static int cb_number(void *ctx, const char *s, size_t len)
{
	struct parser *p = ctx;
	int slot = enter(p);

	if (slot == -2 || !check_token(p, len, "number"))
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

	if (slot == -2 || !check_token(p, len, "string"))
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
	int slot = enter(p);

	if (slot == -2 || !check_token(p, len, "key"))
		return 0;
	if (slot == -1)
		return 1;
	f = &p->st[p->nst - 1];
	f->slot = classify(f->kind, (const char *)s, len);
	if (f->kind != K_TOP)
		return 1;
	if (f->slot != S_UNKNOWN || envelope_key((const char *)s, len)) {
		p->envelope = true;
	} else if (!p->envelope && key_cve20((const char *)s, len) != S_UNKNOWN) {
		/* a bare cve object: the top-level object is the record */
		if (!set_format(p, CVG_NVD_20) || !begin_record(p))
			return 0;
		p->rec_start = 0;
		f->kind = K_CVE20;
		f->slot = key_cve20((const char *)s, len);
	}
	return 1;
}

static int cb_start_map(void *ctx)
{
	struct parser *p = ctx;
	int slot;

	if (++p->depth > p->lim.max_depth)
		return fail(
		        p, CVG_ELIMIT, "nesting deeper than the limit of %zu", p->lim.max_depth);
	if ((slot = enter(p)) == -2)
		return 0;
	if (slot == S_UNKNOWN || slot == -1) {
		p->skip++;
		return 1;
	}
	if (!check_type(p, (unsigned char)slot, T_MAP))
		return 0;
	return open_map(p, (unsigned char)slot);
}

static int cb_start_array(void *ctx)
{
	struct parser *p = ctx;
	int slot;

	if (++p->depth > p->lim.max_depth)
		return fail(
		        p, CVG_ELIMIT, "nesting deeper than the limit of %zu", p->lim.max_depth);
	if ((slot = enter(p)) == -2)
		return 0;
	if (slot == S_UNKNOWN || slot == -1) {
		p->skip++;
		return 1;
	}
	if (!check_type(p, (unsigned char)slot, T_ARRAY))
		return 0;
	return open_array(p, (unsigned char)slot);
}

static int cb_end(struct parser *p, bool map)
{
	unsigned char kind;

	p->depth--;
	if (enter(p) == -2)
		return 0;
	if (p->skip) {
		p->skip--;
		return 1;
	}
	kind = p->st[--p->nst].kind;
	return map ? close_map(p, kind) : close_array(p, kind);
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

/* ---- Driving the parser ---- */

static int parser_init(struct parser *p, const char *name, const cvg_nvd_limits *limits,
        cvg_nvd_record_fn fn, void *payload, cvg_nvd_file_info *info)
{
	static const cvg_nvd_limits defaults = CVG_NVD_LIMITS_DEFAULT;

	memset(p, 0, sizeof(*p));
	memset(info, 0, sizeof(*info));
	p->name = name;
	p->lim = limits ? *limits : defaults;
	if (p->lim.max_token == 0)
		p->lim.max_token = defaults.max_token;
	if (p->lim.max_depth == 0)
		p->lim.max_depth = defaults.max_depth;
	if (p->lim.max_record == 0)
		p->lim.max_record = defaults.max_record;
	p->fn = fn;
	p->payload = payload;
	p->info = info;
	p->dbuf.max = p->lim.max_token;
	p->tags.max = p->lim.max_record;
	if ((p->h = yajl_alloc(&callbacks, NULL, p)) == NULL)
		return cvg__error_oom();
	return 0;
}

static void parser_dispose(struct parser *p)
{
	if (p->h)
		yajl_free(p->h);
	drop_record(p);
	cvg__buf_dispose(&p->dbuf);
	cvg__buf_dispose(&p->tags);
}

/* Message for a yajl failure at offset `off`. */
static int parse_error(struct parser *p, yajl_status st, uint64_t off)
{
	const char *id = p->cve && p->cve->id ? p->cve->id : NULL;
	unsigned char *text;
	size_t n;

	if (st == yajl_status_client_canceled)
		return p->error;
	text = yajl_get_error(p->h, 0, NULL, 0);
	n = text ? strlen((char *)text) : 0;
	while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == ' '))
		n--;
	p->error =
	        cvg__error(CVG_EPARSE, "%s: byte %llu: %.*s%s%s", p->name, (unsigned long long)off,
	                (int)n, text ? (char *)text : "", id ? " in record " : "", id ? id : "");
	if (text)
		yajl_free_error(p->h, text);
	return p->error;
}

static int feed(struct parser *p, const char *data, size_t len)
{
	yajl_status st = yajl_parse(p->h, (const unsigned char *)data, len);

	if (st != yajl_status_ok)
		return parse_error(p, st, p->base + yajl_get_bytes_consumed(p->h));
	p->base += len;
	p->info->json_bytes = p->base;
	/* yajl keeps a token split across chunks in its own buffer: bound it */
	if (p->cve != NULL && p->base - p->rec_start > p->lim.max_record)
		return cvg__error(CVG_ELIMIT,
		        "%s: byte %llu: record longer than the limit of %zu bytes%s%s", p->name,
		        (unsigned long long)p->base, p->lim.max_record,
		        p->cve->id ? " in record " : "", p->cve->id ? p->cve->id : "");
	if (p->base - p->last_off > (uint64_t)p->lim.max_token + GAP_SLACK)
		return cvg__error(CVG_ELIMIT,
		        "%s: byte %llu: no JSON token ends within %llu bytes (token limit %zu)",
		        p->name, (unsigned long long)p->base,
		        (unsigned long long)(p->base - p->last_off), p->lim.max_token);
	return 0;
}

static int finish(struct parser *p)
{
	yajl_status st = yajl_complete_parse(p->h);

	if (st != yajl_status_ok)
		return parse_error(p, st, p->base);
	/* a null or empty top level passes yajl but is no NVD data */
	if (p->info->format == CVG_NVD_UNKNOWN)
		return cvg__error(CVG_EPARSE,
		        "%s: not NVD JSON 1.1 or 2.0 data (expected CVE_Items or vulnerabilities)",
		        p->name);
	return 0;
}

/* ---- Public API ---- */

int cvg_nvd_read_mem(const char *name, const char *data, size_t len, const cvg_nvd_limits *limits,
        cvg_nvd_record_fn fn, void *payload, cvg_nvd_file_info *info)
{
	cvg_nvd_file_info local;
	struct parser p;
	int error;

	if ((error = parser_init(&p, name, limits, fn, payload, info ? info : &local)) < 0)
		goto done;
	if (len > 0 && (error = feed(&p, data, len)) < 0)
		goto done;
	error = finish(&p);
done:
	parser_dispose(&p);
	return error;
}

/* Compare the data read against the sidecar; sets info->verified. */
static int verify(const char *path, const char *meta_path, const cvg__nvd_meta *meta,
        cvg_sha256 *sha, cvg_nvd_file_info *info)
{
	char hex[CVG_SHA256_HEX_LEN + 1];
	int error;

	if ((error = cvg__sha256_final_hex(sha, hex)) < 0)
		return error;
	if (strcmp(hex, meta->sha256) != 0)
		return cvg__error(CVG_EVERIFY, "%s: sha256 does not match %s (expected %s, got %s)",
		        path, meta_path, meta->sha256, hex);
	if (meta->has_size && meta->size != info->json_bytes)
		return cvg__error(CVG_EVERIFY,
		        "%s: size does not match %s (expected %llu bytes, got %llu)", path,
		        meta_path, (unsigned long long)meta->size,
		        (unsigned long long)info->json_bytes);
	info->verified = true;
	return 0;
}

int cvg_nvd_read_file(const char *path, const cvg_nvd_limits *limits, cvg_nvd_record_fn fn,
        void *payload, cvg_nvd_file_info *info)
{
	cvg_nvd_file_info local;
	cvg__nvd_meta meta;
	struct parser p;
	cvg_gzfile *gz = NULL;
	cvg_sha256 *sha = NULL;
	char *meta_path = NULL, *buf = NULL;
	bool have_meta = false;
	size_t n;
	int error;

	if (info == NULL)
		info = &local;
	if ((error = parser_init(&p, path, limits, fn, payload, info)) < 0)
		goto done;
	if ((error = cvg__nvd_meta_path(&meta_path, path)) < 0)
		goto done;
	if (meta_path && (error = cvg__nvd_meta_load(&meta, &have_meta, meta_path)) < 0)
		goto done;
	if (have_meta && (error = cvg__sha256_new(&sha)) < 0)
		goto done;
	if ((buf = malloc(READ_CHUNK)) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	if ((error = cvg__gzfile_open(&gz, path, READ_CHUNK)) < 0)
		goto done;
	for (;;) {
		if ((error = cvg__gzfile_read(&n, gz, buf, READ_CHUNK)) < 0)
			goto done;
		if (n == 0)
			break;
		if (sha && (error = cvg__sha256_update(sha, buf, n)) < 0)
			goto done;
		if ((error = feed(&p, buf, n)) < 0)
			goto done;
	}
	if ((error = finish(&p)) < 0)
		goto done;
	if (have_meta)
		error = verify(path, meta_path, &meta, sha, info);
done:
	parser_dispose(&p);
	cvg__gzfile_close(gz);
	cvg__sha256_free(sha);
	free(buf);
	free(meta_path);
	return error;
}
