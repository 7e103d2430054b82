/*
 * tests/unit/test_cve5.c - the CVE JSON 5 reader and the CVE JSON 5
 * version rules.
 *
 * Reader: hand-written fixtures in tests/data/cve5/ (full.json has every
 * kept field, in the shapes of real cvelistV5 records such as
 * CVE-2025-32463 and CVE-2024-2961: CNA and ADP containers, providerMetadata
 * after the metrics, a KEV entry, cpeApplicability, changes; rejected.json
 * is shaped like CVE-2023-32001; tree/ is a cvelistV5 layout) are dumped
 * to a canonical text that must equal the expected one exactly. Zip
 * archives (nested cves.zip, path traversal, bombs) are built in memory
 * with libarchive's writer. Error cases run on in-memory JSON with exact
 * codes and messages.
 *
 * Version rules: the examples of CVEProject/cve-schema
 * schema/v5.0/docs/versions.md, then vectors on the 23 real records of
 * ../shared/data/cvelist5 (skipped when the data is absent; found through
 * CVG_SHARED_DATA, else CVG_TEST_DATA/../../../shared/data), whose per-record
 * counts were computed independently with Python's json module:
 *   for each record: containers = [cna] + adp; affected entries, versions,
 *   cpes, cpeApplicability entries, cvssV* objects in metrics[], cweId
 *   entries, references, metrics[].other of type kev, over all containers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <archive.h>
#include <archive_entry.h>

#include "cvegate/cve5.h"
#include "cvegate/error.h"
#include "test_helpers.h"
#include "util/buf.h"

/* ---- Dumping records ---- */

static const char *s_(const char *s)
{
	return s ? s : "-";
}

static void dump(cvg_buf *b, const cvg_cve5 *r)
{
	size_t i, j, k;

	cvg__buf_printf(b, "%s rejected=%d dv=%s assigner=%s/%s pub=%s upd=%s res=%s\n", s_(r->id),
	        r->rejected, s_(r->data_version), s_(r->assigner), s_(r->assigner_org_id),
	        s_(r->date_published), s_(r->date_updated), s_(r->date_reserved));
	cvg__buf_printf(b, " title=%s\n desc=%s\n", s_(r->title), s_(r->description));
	for (i = 0; i < r->ncontainers; i++) {
		const cvg_cve5_container *c = &r->containers[i];
		cvg__buf_printf(b, " container %zu %s name=%s org=%s upd=%s title=%s\n", i,
		        c->adp ? "adp" : "cna", cvg_cve5_container_name(r, i), s_(c->org_id),
		        s_(c->date_updated), s_(c->title));
	}
	for (i = 0; i < r->naffected; i++) {
		const cvg_cve5_affected *a = &r->affected[i];
		cvg__buf_printf(b,
		        " affected c%zu vendor=%s product=%s pkg=%s coll=%s repo=%s default=%s\n",
		        a->container, s_(a->vendor), s_(a->product), s_(a->package_name),
		        s_(a->collection_url), s_(a->repo),
		        cvg_cve5_status_name(a->default_status));
		for (j = 0; j < a->ncpes; j++)
			cvg__buf_printf(b, "  cpe %s\n", a->cpes[j]);
		for (j = 0; j < a->nversions; j++) {
			const cvg_cve5_version *v = &a->versions[j];
			cvg__buf_printf(b, "  version %s %s type=%s lt=%s le=%s\n", s_(v->version),
			        cvg_cve5_status_name(v->status), s_(v->version_type),
			        s_(v->less_than), s_(v->less_than_or_equal));
			for (k = 0; k < v->nchanges; k++)
				cvg__buf_printf(b, "   change %s %s\n", v->changes[k].at,
				        cvg_cve5_status_name(v->changes[k].status));
		}
	}
	for (i = 0; i < r->nconfigs; i++) {
		const cvg_config *g = &r->configs[i].config;
		cvg__buf_printf(b, " config c%zu %s negate=%d\n", r->configs[i].container,
		        g->op == CVG_OP_AND ? "AND" : "OR", g->negate);
		for (j = 0; j < g->nnodes; j++) {
			const cvg_node *n = &g->nodes[j];
			cvg__buf_printf(b, "  node %s negate=%d\n",
			        n->op == CVG_OP_AND ? "AND" : "OR", n->negate);
			for (k = 0; k < n->nmatches; k++) {
				const cvg_cpe_match *m = &n->matches[k];
				cvg__buf_printf(b,
				        "   match vuln=%d %s id=%s si=%s se=%s ei=%s ee=%s\n",
				        m->vulnerable, m->criteria, s_(m->match_id),
				        s_(m->start_incl), s_(m->start_excl), s_(m->end_incl),
				        s_(m->end_excl));
			}
		}
	}
	for (i = 0; i < r->nmetrics; i++) {
		const cvg_metric *m = &r->metrics[i].metric;
		cvg__buf_printf(b,
		        " metric c%zu %s source=%s type=%s score=%s vector=%s severity=%s\n",
		        r->metrics[i].container, cvg_cvss_version_name(m->version), s_(m->source),
		        s_(m->type), s_(m->score), s_(m->vector), s_(m->severity));
	}
	for (i = 0; i < r->ncwes; i++)
		cvg__buf_printf(b, " cwe c%zu %s\n", r->cwes[i].container, r->cwes[i].cwe);
	for (i = 0; i < r->nreferences; i++)
		cvg__buf_printf(b, " ref c%zu %s tags=%s\n", r->references[i].container,
		        s_(r->references[i].url), s_(r->references[i].tags));
	for (i = 0; i < r->nkevs; i++)
		cvg__buf_printf(b, " kev c%zu %s %s\n", r->kevs[i].container,
		        s_(r->kevs[i].date_added), s_(r->kevs[i].reference));
}

struct sink {
	cvg_buf out;
	size_t records;
	size_t fail_at; /* return CVG_ERROR for this record (1-based); 0: never */
	bool where;     /* dump the document's name too */
};

static int take(cvg_cve5 *rec, const char *where, void *payload)
{
	struct sink *s = payload;

	s->records++;
	if (s->where)
		cvg__buf_printf(&s->out, "@%s\n", where);
	dump(&s->out, rec);
	cvg_cve5_free(rec);
	return s->fail_at == s->records ? CVG_ERROR : 0;
}

/* ---- Fixture files ---- */

static const char full_dump[] =
        "CVE-2025-0001 rejected=0 dv=5.1 assigner=example/00000000-0000-4000-8000-000000000001 "
        "pub=2025-01-02T03:04:05.000Z upd=2025-02-03T04:05:06.789Z res=2025-01-01T00:00:00.000Z\n"
        " title=Widget overflow\n"
        " desc=A flaw in Widget before 2.5.2 \xc3\xa9\xe2\x9c\x93.\n"
        " container 0 cna name=example org=00000000-0000-4000-8000-000000000001 "
        "upd=2025-02-01T00:00:00.000Z title=Widget overflow\n"
        " container 1 adp name=CISA-ADP org=134c704f-9b21-4f2e-91b3-4a467353bcc0 "
        "upd=2025-03-02T00:00:00.000Z title=CISA ADP Vulnrichment\n"
        " container 2 adp name=af854a3a-2127-422b-91ae-364da2661108 "
        "org=af854a3a-2127-422b-91ae-364da2661108 upd=- title=-\n"
        " affected c0 vendor=Example Org product=Widget pkg=widget coll=https://example.org/src "
        "repo=https://example.org/widget.git default=unaffected\n"
        "  cpe cpe:2.3:a:example:widget:*:*:*:*:*:*:*:*\n"
        "  cpe cpe:/a:example:widget\n"
        "  version 2.0.0 affected type=semver lt=2.* le=-\n"
        "   change 2.6.3 unaffected\n"
        "   change 2.5.2 unaffected\n"
        "   change 2.6.0 affected\n"
        "  version 1.9 unknown type=- lt=- le=-\n"
        "  version 0 unaffected type=git lt=- le=*\n"
        " affected c0 vendor=n/a product=n/a pkg=- coll=- repo=- default=none\n"
        "  version n/a affected type=- lt=- le=-\n"
        " affected c1 vendor=example product=widget pkg=- coll=- repo=- default=unknown\n"
        "  cpe cpe:2.3:a:example:widget:*:*:*:*:*:*:*:*\n"
        "  version 2.0.0 affected type=semver lt=2.5.2 le=-\n"
        " config c0 AND negate=0\n"
        "  node OR negate=0\n"
        "   match vuln=1 cpe:2.3:a:example:widget:*:*:*:*:*:*:*:* id=- si=2.0.0 se=- ei=- "
        "ee=2.5.2\n"
        "  node OR negate=1\n"
        "   match vuln=0 cpe:2.3:o:example:os:1.0:*:*:*:*:*:*:* id=ABC si=- se=- ei=- ee=-\n"
        " metric c0 4.0 source=example type=CNA score=7.2 "
        "vector=CVSS:4.0/AV:N/AC:H/AT:P/PR:L/UI:N/VC:L/VI:H/VA:L/SC:L/SI:H/SA:L severity=HIGH\n"
        " metric c0 3.1 source=example type=CNA score=10.0 "
        "vector=CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H severity=CRITICAL\n"
        " metric c0 2.0 source=example type=CNA score=5 vector=AV:N/AC:L/Au:N/C:P/I:N/A:N "
        "severity=-\n"
        " metric c1 3.1 source=CISA-ADP type=ADP score=7.3 "
        "vector=CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:H severity=HIGH\n"
        " cwe c0 CWE-787\n"
        " cwe c1 CWE-120\n"
        " ref c0 https://example.org/advisory tags=vendor-advisory,patch\n"
        " ref c0 https://example.org/commit tags=-\n"
        " ref c2 https://example.org/blog tags=x_transferred\n"
        " kev c1 2025-03-01 "
        "https://www.cisa.gov/known-exploited-vulnerabilities-catalog?field_cve=CVE-2025-0001\n";

static const char rejected_dump[] =
        "CVE-2023-0002 rejected=1 dv=5.0 assigner=vendor/00000000-0000-4000-8000-000000000002 "
        "pub=2023-07-26T20:09:57.905Z upd=2023-08-27T00:02:01.990Z res=-\n"
        " title=-\n"
        " desc=Issued prematurely; not a vulnerability.\n"
        " container 0 cna name=vendor org=00000000-0000-4000-8000-000000000002 "
        "upd=2023-08-27T00:02:01.990Z title=-\n";

static void read_expect(const char *rel, size_t records, size_t rejected, size_t skipped,
        bool where, const char *expected)
{
	struct sink s = {CVG_BUF_INIT(0), 0, 0, where};
	cvg_cve5_info info;
	char *path = data_path(rel);
	int rc = cvg_cve5_read_path(path, NULL, take, &s, &info);

	if (rc < 0)
		fail_msg("%s: %s", rel, cvg_error_last());
	assert_int_equal(info.records, records);
	assert_int_equal(s.records, records);
	assert_int_equal(info.rejected, rejected);
	assert_int_equal(info.skipped, skipped);
	assert_string_equal(s.out.ptr, expected);
	free(path);
	cvg__buf_dispose(&s.out);
}

static void test_full(void **state)
{
	(void)state;
	read_expect("cve5/full.json", 1, 0, 0, false, full_dump);
}

static void test_rejected(void **state)
{
	(void)state;
	read_expect("cve5/rejected.json", 1, 1, 0, false, rejected_dump);
}

/* A cvelistV5 tree: sorted by path component ("10xxx" < "1xxx"), hidden
 * entries never read, other names skipped and counted. */
static void test_tree(void **state)
{
	struct sink s = {CVG_BUF_INIT(0), 0, 0, true};
	cvg_cve5_info info;
	char *path = data_path("cve5/tree/");
	char *expected;
	size_t n;
	int rc;

	(void)state;
	rc = cvg_cve5_read_path(path, NULL, take, &s, &info);
	if (rc < 0)
		fail_msg("%s", cvg_error_last());
	assert_int_equal(info.records, 4);
	assert_int_equal(info.skipped, 2); /* cves/delta.json, cves/2024/README.md */
	/* the trailing '/' is dropped from the names */
	path[strlen(path) - 1] = '\0';
	n = 4 * strlen(path) + 4096;
	expected = malloc(n);
	assert_non_null(expected);
	snprintf(expected, n,
	        "@%s/cves/2023/9xxx/CVE-2023-9000.json\n"
	        "CVE-2023-9000 rejected=0 dv=5.1 assigner=-/- pub=- upd=- res=-\n"
	        " title=-\n desc=2023 first\n"
	        " container 0 cna name=s org=o upd=- title=-\n"
	        "@%s/cves/2024/10xxx/CVE-2024-10000.json\n"
	        "CVE-2024-10000 rejected=0 dv=5.1 assigner=-/- pub=- upd=- res=-\n"
	        " title=-\n desc=10xxx sorts before 1xxx\n"
	        " container 0 cna name=s org=o upd=- title=-\n"
	        "@%s/cves/2024/1xxx/CVE-2024-1000.json\n"
	        "CVE-2024-1000 rejected=0 dv=5.1 assigner=-/- pub=- upd=- res=-\n"
	        " title=-\n desc=first of 1xxx\n"
	        " container 0 cna name=s org=o upd=- title=-\n"
	        "@%s/cves/2024/1xxx/CVE-2024-1001.json\n"
	        "CVE-2024-1001 rejected=0 dv=5.1 assigner=-/- pub=- upd=- res=-\n"
	        " title=-\n desc=second of 1xxx\n"
	        " container 0 cna name=s org=o upd=- title=-\n",
	        path, path, path, path);
	assert_string_equal(s.out.ptr, expected);
	free(expected);
	free(path);
	cvg__buf_dispose(&s.out);
}

/* The callback's error stops the walk and comes back unchanged. */
static void test_callback_stops(void **state)
{
	struct sink s = {CVG_BUF_INIT(0), 0, 2, false};
	cvg_cve5_info info;
	char *path = data_path("cve5/tree");

	(void)state;
	assert_int_equal(cvg_cve5_read_path(path, NULL, take, &s, &info), CVG_ERROR);
	assert_int_equal(s.records, 2);
	free(path);
	cvg__buf_dispose(&s.out);
}

static void test_missing_path(void **state)
{
	cvg_cve5_info info;

	(void)state;
	assert_int_equal(cvg_cve5_read_path("/nonexistent/cve5", NULL, take, NULL, &info), CVG_EIO);
	assert_string_equal(cvg_error_last(), "/nonexistent/cve5: No such file or directory");
}

/* ---- Errors on in-memory documents ---- */

#define REC(meta, cna)                                                                             \
	"{\"dataVersion\":\"5.1\",\"cveMetadata\":{" meta "},\"containers\":{\"cna\":{" cna "}}}"
#define META "\"cveId\":\"CVE-2024-0001\",\"state\":\"PUBLISHED\""

struct error_vector {
	const char *json;
	int code;
	const char *message;
};

static const struct error_vector error_vectors[] = {
        {"", CVG_EPARSE, "m: empty document (expected a CVE JSON 5 record)"},
        {" \n", CVG_EPARSE, "m: byte 2: malformed JSON: parse error: premature EOF"},
        {"{\"cveMetadata\":{", CVG_EPARSE,
                "m: byte 16: malformed JSON: parse error: premature EOF"},
        {"[]", CVG_EPARSE, "m: byte 1: not a CVE JSON 5 record (expected an object)"},
        {"null", CVG_EPARSE, "m: byte 4: not a CVE JSON 5 record (expected an object)"},
        {"{}", CVG_EPARSE, "m: byte 2: expected cveMetadata.cveId"},
        {"{\"cveMetadata\":{\"cveId\":\"CVE-2024-0001\"}}", CVG_EPARSE,
                "m: byte 41: expected cveMetadata.state in record CVE-2024-0001"},
        {"{\"cveMetadata\":{" META "}}", CVG_EPARSE,
                "m: byte 61: not a CVE JSON 5 record (expected dataVersion 5.x) in record "
                "CVE-2024-0001"},
        {"{\"dataVersion\":\"4.0\",\"cveMetadata\":{" META "}}", CVG_EPARSE,
                "m: byte 81: not a CVE JSON 5 record (expected dataVersion 5.x) in record "
                "CVE-2024-0001"},
        {"{\"dataType\":\"CVE\",\"dataVersion\":\"5.0\"}", CVG_EPARSE,
                "m: byte 17: not a CVE record (dataType is not CVE_RECORD)"},
        {REC("\"cveId\":\"CVE-24-1\",\"state\":\"PUBLISHED\"", ""), CVG_EPARSE,
                "m: byte 100: cveId is not CVE-YYYY-NNNN in record CVE-24-1"},
        {REC("\"cveId\":\"CVE-2024-0001\",\"state\":\"RESERVED\"", ""), CVG_EPARSE,
                "m: byte 78: expected PUBLISHED or REJECTED as state in record CVE-2024-0001"},
        {REC(META, "\"affected\":{}"), CVG_EPARSE,
                "m: byte 114: expected an array in record CVE-2024-0001"},
        {REC(META, "\"affected\":[{\"versions\":[{\"version\":\"1\",\"status\":\"fixed\"}]}]"),
                CVG_EPARSE,
                "m: byte 158: expected affected, unaffected or unknown as status in record "
                "CVE-2024-0001"},
        {REC(META, "\"affected\":[{\"versions\":[{\"status\":\"affected\"}]}]"), CVG_EPARSE,
                "m: byte 148: versions entry without version in record CVE-2024-0001"},
        {REC(META, "\"affected\":[{\"versions\":[{\"version\":\"1\"}]}]"), CVG_EPARSE,
                "m: byte 142: versions entry without status in record CVE-2024-0001"},
        {REC(META, "\"affected\":[{\"versions\":[{\"version\":\"1\",\"status\":\"affected\","
                   "\"changes\":[{\"at\":\"2\"}]}]}]"),
                CVG_EPARSE,
                "m: byte 183: changes entry without at or status in record CVE-2024-0001"},
        {REC(META, "\"affected\":[{\"defaultStatus\":true}]"), CVG_EPARSE,
                "m: byte 135: expected a string in record CVE-2024-0001"},
        {REC(META, "\"metrics\":[{\"cvssV3_1\":{\"vectorString\":\"x\"}}]"), CVG_EPARSE,
                "m: byte 145: CVSS object without baseScore in record CVE-2024-0001"},
        {REC(META, "\"metrics\":[{\"cvssV3_1\":{\"baseScore\":[1]}}]"), CVG_EPARSE,
                "m: byte 139: expected a number in record CVE-2024-0001"},
        {REC(META, "\"cpeApplicability\":[{\"nodes\":[{\"operator\":\"XOR\"}]}]"), CVG_EPARSE,
                "m: byte 149: operator is not AND or OR in record CVE-2024-0001"},
        {REC(META, "\"cpeApplicability\":[{\"nodes\":[{\"cpeMatch\":[{\"criteria\":\"c\"}]}]}]"),
                CVG_EPARSE, "m: byte 161: cpe match without vulnerable in record CVE-2024-0001"},
        {REC(META, "\"descriptions\":[{\"lang\":\"en\",\"value\":\"a\\u0000b\"}]"), CVG_EPARSE,
                "m: byte 149: string holds a NUL character (\\u0000) in record CVE-2024-0001"},
        {REC(META, "\"title\":\"x\",}"), CVG_EPARSE,
                "m: byte 115: malformed JSON: parse error: invalid object key (must be a string) "
                "in record CVE-2024-0001"},
        {REC(META, "\"title\":\"x\"") "  {}", CVG_EPARSE,
                "m: byte 119: malformed JSON: parse error: trailing garbage in record "
                "CVE-2024-0001"},
        {REC(META, "\"title\":\"x\"") + 1, CVG_EPARSE,
                "m: byte 13: not a CVE JSON 5 record (expected an object)"},
        /* invalid UTF-8: a lone continuation byte, an overlong '/', a surrogate */
        {REC(META, "\"title\":\"ab\x80\""), CVG_EPARSE,
                "m: byte 114: malformed JSON: lexical error: invalid bytes in UTF8 string. in "
                "record CVE-2024-0001"},
        {REC(META, "\"x_unknown\":\"\xc0\xaf\""), CVG_EPARSE,
                "m: byte 118: invalid UTF-8 in a string at its byte 1 (overlong form, surrogate "
                "or beyond U+10FFFF) in record CVE-2024-0001"},
        {REC(META, "\"title\":\"a\xed\xa0\x80\""), CVG_EPARSE,
                "m: byte 116: invalid UTF-8 in a string at its byte 2 (overlong form, surrogate or "
                "beyond U+10FFFF) in record CVE-2024-0001"},
        {REC(META, "\"title\":\"\xf4\x90\x80\x80\""), CVG_EPARSE,
                "m: byte 116: invalid UTF-8 in a string at its byte 1 (overlong form, surrogate or "
                "beyond U+10FFFF) in record CVE-2024-0001"},
        {REC(META, "\"x\xe0\x80\x80\":1"), CVG_EPARSE,
                "m: byte 108: invalid UTF-8 in a key at its byte 2 (overlong form, surrogate or "
                "beyond U+10FFFF) in record CVE-2024-0001"},
};

static void test_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(error_vectors) / sizeof(error_vectors[0]); i++) {
		const struct error_vector *v = &error_vectors[i];
		cvg_cve5 *rec = (cvg_cve5 *)1;
		int rc = cvg_cve5_parse(&rec, "m", v->json, strlen(v->json), NULL);
		if (rc != v->code || strcmp(cvg_error_last(), v->message) != 0)
			fail_msg("vector %zu: got %d '%s', expected %d '%s'", i, rc,
			        cvg_error_last(), v->code, v->message);
		assert_null(rec);
	}
}

/* Unknown keys of every type are skipped; null stands for absent. */
static void test_unknown_and_null(void **state)
{
	const char *json = REC(META, "\"x_a\":{\"b\":[[[{}]]],\"c\":true,\"d\":1.5e3},"
	                             "\"affected\":null,\"title\":\"\\ud800\\u00e9\\ud83d\\ude00\","
	                             "\"metrics\":[{\"cvssV5_0\":{\"baseScore\":1},\"x\":[]}],"
	                             "\"descriptions\":[{\"lang\":\"en-US\",\"value\":\"us\"}]");
	cvg_cve5 *rec = NULL;

	(void)state;
	if (cvg_cve5_parse(&rec, "m", json, strlen(json), NULL) < 0)
		fail_msg("%s", cvg_error_last());
	assert_string_equal(rec->description, "us");
	/* escapes decode to valid UTF-8 whatever they say: yajl joins a high
	 * surrogate with any following escape (U+D800 U+00E9 -> U+100E9) */
	assert_string_equal(rec->title, "\xf0\x90\x83\xa9\xf0\x9f\x98\x80");
	assert_int_equal(rec->naffected, 0);
	assert_int_equal(rec->nmetrics, 0);
	cvg_cve5_free(rec);
}

/* ---- Hostile documents ---- */

static char *repeat(const char *head, char c, size_t n, const char *tail)
{
	size_t h = strlen(head), t = strlen(tail);
	char *s = malloc(h + n + t + 1);

	assert_non_null(s);
	memcpy(s, head, h);
	memset(s + h, c, n);
	memcpy(s + h + n, tail, t + 1);
	return s;
}

static void expect_parse(
        const char *json, size_t len, const cvg_cve5_limits *lim, int code, const char *message)
{
	cvg_cve5 *rec = NULL;
	int rc = cvg_cve5_parse(&rec, "h", json, len, lim);

	if (rc != code || strcmp(cvg_error_last(), message) != 0)
		fail_msg("got %d '%s', expected %d '%s'", rc, cvg_error_last(), code, message);
	assert_null(rec);
}

static void test_hostile(void **state)
{
	char *s;

	(void)state;
	/* 100,000 nested arrays under an unknown key: refused at depth 65 */
	s = repeat("{\"x\":", '[', 100000, "");
	expect_parse(
	        s, strlen(s), NULL, CVG_ELIMIT, "h: byte 69: nesting deeper than the limit of 64");
	free(s);
	/* a 1 MB string, kept or not */
	s = repeat("{\"dataVersion\":\"5.1\",\"cveMetadata\":{" META
	           "},\"containers\":{\"cna\":{\"title\":\"",
	        'a', 1000000, "\"}}}");
	expect_parse(s, strlen(s), NULL, CVG_ELIMIT,
	        "h: byte 1000112: string longer than the limit of 524288 bytes in record "
	        "CVE-2024-0001");
	free(s);
	s = repeat("{\"x_big\":\"", 'a', 1000000, "\"}");
	expect_parse(s, strlen(s), NULL, CVG_ELIMIT,
	        "h: byte 1000011: string longer than the limit of 524288 bytes");
	free(s);
	/* a 1 MB key */
	s = repeat("{\"", 'k', 1000000, "\":1}");
	expect_parse(s, strlen(s), NULL, CVG_ELIMIT,
	        "h: byte 1000003: key longer than the limit of 524288 bytes");
	free(s);
	/* a record longer than the record limit is not parsed at all */
	{
		const cvg_cve5_limits lim = {0, 0, 1000, 0, 0};
		s = repeat("{", ' ', 2000, "}");
		expect_parse(s, strlen(s), &lim, CVG_ELIMIT,
		        "h: record of 2002 bytes is longer than the limit of 1000");
		free(s);
	}
	/* 200,000 affected entries: memory grows with the record only */
	{
		cvg_buf b = CVG_BUF_INIT(0);
		cvg_cve5 *rec = NULL;
		cvg__buf_puts(&b, "{\"dataVersion\":\"5.0\",\"cveMetadata\":{" META
		                  "},\"containers\":{\"cna\":{\"affected\":[{}");
		for (int i = 1; i < 200000; i++)
			cvg__buf_puts(&b, ",{}");
		cvg__buf_puts(&b, "]}}}");
		if (cvg_cve5_parse(&rec, "h", b.ptr, b.len, NULL) < 0)
			fail_msg("%s", cvg_error_last());
		assert_int_equal(rec->naffected, 200000);
		cvg_cve5_free(rec);
		cvg__buf_dispose(&b);
	}
}

/* ---- Zip archives, built in memory ---- */

struct zentry {
	const char *name;
	const char *data; /* NULL: `zeros` zero bytes */
	size_t zeros;
	bool symlink;
};

/* Write the entries as a zip into a new buffer. */
static void zip_build(cvg_buf *out, const struct zentry *e, size_t n)
{
	size_t cap = 64u << 20, used = 0;
	struct archive *a = archive_write_new();
	char *buf = malloc(cap);

	assert_non_null(a);
	assert_non_null(buf);
	assert_int_equal(archive_write_set_format_zip(a), ARCHIVE_OK);
	assert_int_equal(archive_write_open_memory(a, buf, cap, &used), ARCHIVE_OK);
	for (size_t i = 0; i < n; i++) {
		struct archive_entry *ae = archive_entry_new();
		size_t len = e[i].data ? strlen(e[i].data) : e[i].zeros;
		archive_entry_set_pathname(ae, e[i].name);
		if (e[i].symlink) {
			archive_entry_set_filetype(ae, AE_IFLNK);
			archive_entry_set_symlink(ae, "CVE-2024-0001.json");
			len = 0;
		} else {
			archive_entry_set_filetype(ae, AE_IFREG);
		}
		archive_entry_set_perm(ae, 0644);
		archive_entry_set_size(ae, (la_int64_t)len);
		assert_int_equal(archive_write_header(a, ae), ARCHIVE_OK);
		if (e[i].data) {
			assert_int_equal(archive_write_data(a, e[i].data, len), (la_ssize_t)len);
		} else if (!e[i].symlink) {
			static char zero[1u << 16];
			for (size_t done = 0; done < len;) {
				size_t k = len - done < sizeof(zero) ? len - done : sizeof(zero);
				assert_int_equal(archive_write_data(a, zero, k), (la_ssize_t)k);
				done += k;
			}
		}
		archive_entry_free(ae);
	}
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
	cvg__buf_clear(out);
	assert_int_equal(cvg__buf_put(out, buf, used), 0);
	free(buf);
}

#define MINI(id)                                                                                   \
	"{\"dataVersion\":\"5.2\",\"cveMetadata\":{\"cveId\":\"" id "\",\"state\":\"PUBLISHED\"}}"

static int zip_read(
        const cvg_buf *zip, const cvg_cve5_limits *lim, struct sink *s, cvg_cve5_info *info)
{
	return cvg_cve5_read_zip_mem("z.zip", zip->ptr, zip->len, lim, take, s, info);
}

/* The full archive's layout: X.zip.zip holding cves.zip holding cves/...;
 * plus a delta layout beside it, and members that are no records. */
static void test_zip_nested(void **state)
{
	const struct zentry inner[] = {
	        {"cves/", "", 0, false},
	        {"cves/2024/0xxx/CVE-2024-0001.json", MINI("CVE-2024-0001"), 0, false},
	        {"cves/delta.json", "{}", 0, false},
	        {"cves/2024/0xxx/CVE-2024-0002.json", MINI("CVE-2024-0002"), 0, false},
	        {"cves/deeper.zip", "PK\x05\x06", 0, false},
	};
	cvg_buf in = CVG_BUF_INIT(0), out = CVG_BUF_INIT(0);
	struct sink s = {CVG_BUF_INIT(0), 0, 0, true};
	cvg_cve5_info info;
	const struct zentry outer[] = {
	        {"deltaCves/CVE-2025-0009.json", MINI("CVE-2025-0009"), 0, false},
	        {"cves.zip", NULL, 0, false},
	        {"link/CVE-2024-0003.json", NULL, 0, true},
	        {"README.md", "hello", 0, false},
	};

	(void)state;
	zip_build(&in, inner, 5);
	{
		/* the outer zip: the inner one (binary, by length) is cves.zip */
		size_t cap = 1u << 20, used = 0;
		char *buf = malloc(cap);
		struct archive *a = archive_write_new();
		assert_non_null(buf);
		archive_write_set_format_zip(a);
		archive_write_open_memory(a, buf, cap, &used);
		for (size_t i = 0; i < 4; i++) {
			struct archive_entry *ae = archive_entry_new();
			const char *d = i == 1 ? in.ptr : outer[i].data;
			size_t len = i == 1 ? in.len : outer[i].symlink ? 0 : strlen(d);
			archive_entry_set_pathname(ae, outer[i].name);
			archive_entry_set_filetype(ae, outer[i].symlink ? AE_IFLNK : AE_IFREG);
			if (outer[i].symlink)
				archive_entry_set_symlink(ae, "x");
			archive_entry_set_perm(ae, 0644);
			archive_entry_set_size(ae, (la_int64_t)len);
			assert_int_equal(archive_write_header(a, ae), ARCHIVE_OK);
			if (len)
				assert_int_equal(archive_write_data(a, d, len), (la_ssize_t)len);
			archive_entry_free(ae);
		}
		archive_write_close(a);
		archive_write_free(a);
		cvg__buf_put(&out, buf, used);
		free(buf);
	}
	if (zip_read(&out, NULL, &s, &info) < 0)
		fail_msg("%s", cvg_error_last());
	assert_int_equal(info.records, 3);
	assert_int_equal(info.skipped, 4); /* delta.json, deeper.zip (level 2), link, README.md */
	assert_string_equal(s.out.ptr, "@z.zip!deltaCves/CVE-2025-0009.json\n"
	                               "CVE-2025-0009 rejected=0 dv=5.2 assigner=-/- pub=- upd=- "
	                               "res=-\n title=-\n desc=-\n"
	                               "@z.zip!cves.zip!cves/2024/0xxx/CVE-2024-0001.json\n"
	                               "CVE-2024-0001 rejected=0 dv=5.2 assigner=-/- pub=- upd=- "
	                               "res=-\n title=-\n desc=-\n"
	                               "@z.zip!cves.zip!cves/2024/0xxx/CVE-2024-0002.json\n"
	                               "CVE-2024-0002 rejected=0 dv=5.2 assigner=-/- pub=- upd=- "
	                               "res=-\n title=-\n desc=-\n");

	/* the same archive from a file, detected by content */
	{
		char tmpl[] = "/tmp/cvg-cve5-XXXXXX";
		int fd = mkstemp(tmpl);
		struct sink s2 = {CVG_BUF_INIT(0), 0, 0, false};
		assert_true(fd >= 0);
		assert_int_equal(write(fd, out.ptr, out.len), (ssize_t)out.len);
		close(fd);
		if (cvg_cve5_read_path(tmpl, NULL, take, &s2, &info) < 0)
			fail_msg("%s", cvg_error_last());
		unlink(tmpl);
		assert_int_equal(info.records, 3);
		assert_int_equal(s2.records, 3);
		cvg__buf_dispose(&s2.out);
	}
	/* a bad record inside names the whole path to it */
	{
		const struct zentry bad[] = {
		        {"cves/2024/CVE-2024-0005.json", "{\"dataVersion\":5}", 0, false}};
		zip_build(&in, bad, 1);
		assert_int_equal(zip_read(&in, NULL, &s, &info), CVG_EPARSE);
		assert_string_equal(cvg_error_last(),
		        "z.zip!cves/2024/CVE-2024-0005.json: byte 16: expected a string");
	}
	cvg__buf_dispose(&in);
	cvg__buf_dispose(&out);
	cvg__buf_dispose(&s.out);
}

static void expect_zip_error(
        const struct zentry *e, size_t n, const cvg_cve5_limits *lim, int code, const char *message)
{
	cvg_buf zip = CVG_BUF_INIT(0);
	struct sink s = {CVG_BUF_INIT(0), 0, 0, false};
	cvg_cve5_info info;
	int rc;

	zip_build(&zip, e, n);
	rc = zip_read(&zip, lim, &s, &info);
	if (rc != code || strstr(cvg_error_last(), message) == NULL)
		fail_msg(
		        "got %d '%s', expected %d '...%s...'", rc, cvg_error_last(), code, message);
	cvg__buf_dispose(&zip);
	cvg__buf_dispose(&s.out);
}

static void test_zip_hostile(void **state)
{
	const struct zentry traversal[] = {
	        {"cves/CVE-2024-0001.json", MINI("CVE-2024-0001"), 0, false},
	        {"cves/../../CVE-2024-0002.json", MINI("CVE-2024-0002"), 0, false},
	};
	const struct zentry absolute[] = {
	        {"/etc/CVE-2024-0002.json", MINI("CVE-2024-0002"), 0, false}};
	/* a record of 64 MiB of zeros: its declared size is refused before inflating */
	const struct zentry record_bomb[] = {{"CVE-2024-0003.json", NULL, 64u << 20, false}};
	/* 300 MiB of zeros in a member that is no record: the ratio stops it */
	const struct zentry ratio_bomb[] = {{"big.bin", NULL, 300u << 20, false}};
	const struct zentry total[] = {
	        {"a.bin", NULL, 600u << 10, false},
	        {"b.bin", NULL, 600u << 10, false},
	};
	const cvg_cve5_limits small_total = {0, 0, 0, 0, 1u << 20};
	const cvg_cve5_limits two_files = {0, 0, 0, 2, 0};
	const struct zentry three[] = {
	        {"CVE-2024-0001.json", MINI("CVE-2024-0001"), 0, false},
	        {"CVE-2024-0002.json", MINI("CVE-2024-0002"), 0, false},
	        {"CVE-2024-0003.json", MINI("CVE-2024-0003"), 0, false},
	};
	cvg_cve5_info info;

	(void)state;
	expect_zip_error(traversal, 2, NULL, CVG_EPARSE,
	        "z.zip: member 'cves/../../CVE-2024-0002.json' has an absolute path or a '..' "
	        "component; refusing the archive");
	expect_zip_error(absolute, 1, NULL, CVG_EPARSE,
	        "member '/etc/CVE-2024-0002.json' has an absolute path");
	expect_zip_error(record_bomb, 1, NULL, CVG_ELIMIT,
	        "z.zip!CVE-2024-0003.json: record of 67108864 bytes is longer than the limit of "
	        "16777216");
	expect_zip_error(ratio_bomb, 1, NULL, CVG_ELIMIT,
	        "z.zip!big.bin: inflates to more than 100 times the archive's size (a zip bomb?)");
	expect_zip_error(total, 2, &small_total, CVG_ELIMIT,
	        "z.zip!b.bin: the members together inflate to more than the limit of 1048576 "
	        "bytes");
	expect_zip_error(three, 3, &two_files, CVG_ELIMIT, "z.zip: more than 2 record files");
	/* not a zip at all */
	assert_int_equal(
	        cvg_cve5_read_zip_mem("g.zip", "PK\x03\x04garbage", 11, NULL, take, NULL, &info),
	        CVG_EPARSE);
	assert_non_null(strstr(cvg_error_last(), "g.zip: "));
}

/* ---- Version rules ---- */

#define AFF(json)                                                                                  \
	"{\"dataVersion\":\"5.1\",\"cveMetadata\":{" META                                          \
	"},\"containers\":{\"cna\":{\"affected\":[" json "]}}}"

/* CVEProject/cve-schema schema/v5.0/docs/versions.md, the examples in turn */
static const char spec_changes[] =
        AFF("{\"versions\":[{\"version\":\"2.0.0\",\"versionType\":\"semver\",\"lessThan\":\"2.*\","
            "\"status\":\"affected\",\"changes\":[{\"at\":\"2.5.2\",\"status\":\"unaffected\"},"
            "{\"at\":\"2.6.0\",\"status\":\"affected\"},{\"at\":\"2.6.3\",\"status\":"
            "\"unaffected\"}]}]}");
/* the same changes listed out of order: clients must re-sort them */
static const char spec_changes_shuffled[] =
        AFF("{\"versions\":[{\"version\":\"2.0.0\",\"versionType\":\"semver\",\"lessThan\":\"2.*\","
            "\"status\":\"affected\",\"changes\":[{\"at\":\"2.6.3\",\"status\":\"unaffected\"},"
            "{\"at\":\"2.5.2\",\"status\":\"unaffected\"},{\"at\":\"2.6.0\",\"status\":"
            "\"affected\"}]}]}");
static const char spec_singles[] =
        AFF("{\"defaultStatus\":\"unaffected\",\"versions\":[{\"version\":\"2.4\",\"status\":"
            "\"affected\"},{\"version\":\"2.5\",\"status\":\"affected\"}]}");
static const char spec_le[] =
        AFF("{\"versions\":[{\"version\":\"2.0.0\",\"versionType\":"
            "\"semver\",\"lessThanOrEqual\":\"2.5.1\",\"status\":\"affected\"}]}");
static const char spec_lt[] = AFF("{\"versions\":[{\"version\":\"2.0.0\",\"versionType\":"
                                  "\"semver\",\"lessThan\":\"2.5.2\",\"status\":\"affected\"}]}");
static const char spec_star[] = AFF("{\"versions\":[{\"version\":\"1.0\",\"versionType\":"
                                    "\"semver\",\"lessThan\":\"*\",\"status\":\"affected\"}]}");
static const char spec_series[] =
        AFF("{\"defaultStatus\":\"unaffected\",\"versions\":[{\"version\":\"1.0\","
            "\"versionType\":\"semver\",\"lessThan\":\"1.*\",\"status\":\"affected\"}]}");
static const char spec_later_unaffected[] =
        AFF("{\"defaultStatus\":\"affected\",\"versions\":[{\"version\":\"2.5.2\","
            "\"versionType\":\"semver\",\"lessThan\":\"*\",\"status\":\"unaffected\"}]}");
/* cvegate's own rules (docs/cve5.md) */
static const char git_affected[] =
        AFF("{\"defaultStatus\":\"unaffected\",\"versions\":[{\"version\":\"123abc\","
            "\"versionType\":\"git\",\"lessThan\":\"234bcd\",\"status\":\"affected\"}]}");
static const char git_same_as_default[] =
        AFF("{\"defaultStatus\":\"unaffected\",\"versions\":[{\"version\":\"0\","
            "\"versionType\":\"git\",\"lessThan\":\"*\",\"status\":\"unaffected\"}]}");
static const char git_then_semver[] =
        AFF("{\"defaultStatus\":\"unaffected\",\"versions\":[{\"version\":\"123abc\","
            "\"versionType\":\"git\",\"lessThan\":\"234bcd\",\"status\":\"affected\"},"
            "{\"version\":\"1.0\",\"versionType\":\"semver\",\"lessThan\":\"2.0\",\"status\":"
            "\"affected\"}]}");
static const char na[] = AFF("{\"vendor\":\"n/a\",\"product\":\"n/a\",\"versions\":[{\"version\":"
                             "\"n/a\",\"status\":\"affected\"}]}");
static const char rpm[] =
        AFF("{\"defaultStatus\":\"unaffected\",\"versions\":[{\"version\":\"0\","
            "\"versionType\":\"rpm\",\"lessThan\":\"0:2.36-10.el9\",\"status\":\"affected\"}]}");
static const char maven[] =
        AFF("{\"defaultStatus\":\"unaffected\",\"versions\":[{\"version\":\"1.0\","
            "\"versionType\":\"maven\",\"lessThan\":\"2.0\",\"status\":\"affected\"}]}");
static const char kernel_like[] =
        AFF("{\"defaultStatus\":\"affected\",\"versions\":[{\"version\":\"6.1.78\","
            "\"lessThanOrEqual\":\"6.1.*\",\"status\":\"unaffected\",\"versionType\":"
            "\"custom\"}]}");
static const char overlap[] =
        AFF("{\"versions\":[{\"version\":\"1.0\",\"versionType\":\"semver\",\"lessThan\":"
            "\"2.0\",\"status\":\"affected\"},{\"version\":\"1.5\",\"versionType\":\"semver\","
            "\"lessThan\":\"3.0\",\"status\":\"unaffected\"}]}");
static const char odd_star[] =
        AFF("{\"defaultStatus\":\"unaffected\",\"versions\":[{\"version\":\"1.0\","
            "\"versionType\":\"semver\",\"lessThan\":\"6.*.1\",\"status\":\"affected\"}]}");
static const char odd_change[] =
        AFF("{\"defaultStatus\":\"unaffected\",\"versions\":[{\"version\":\"1.0\",\"versionType\":"
            "\"semver\",\"lessThan\":\"*\",\"status\":\"affected\",\"changes\":[{\"at\":\"x*\","
            "\"status\":\"unaffected\"}]}]}");
static const char equal_changes[] =
        AFF("{\"versions\":[{\"version\":\"1.0\",\"versionType\":\"semver\",\"lessThan\":\"*\","
            "\"status\":\"affected\",\"changes\":[{\"at\":\"1.2\",\"status\":\"unaffected\"},"
            "{\"at\":\"1.2.0\",\"status\":\"unknown\"}]}]}");

#define A CVG_CVE5_AFFECTED
#define U CVG_CVE5_UNAFFECTED
#define K CVG_CVE5_UNKNOWN
#define X CVG_CVE5_UNASSESSABLE
#define NONE CVG_CVE5_NO_ENTRY
#define UP CVG_VERSION_UPSTREAM

struct verdict_vector {
	const char *json;
	size_t affected; /* index into rec->affected */
	const char *version;
	cvg_version_scheme scheme;
	cvg_cve5_status status;
	size_t entry;
	size_t uncompared;
};

static const struct verdict_vector spec_vectors[] = {
        /* "2.0.0 through 2.5.1 affected, 2.5.2 ... unaffected, 2.6.0 ... affected, fixed in
         * 2.6.3"; outside the range: defaultStatus, absent: unknown */
        {spec_changes, 0, "1.9.9", UP, K, NONE, 0},
        {spec_changes, 0, "2.0.0", UP, A, 0, 0},
        {spec_changes, 0, "2.5.1", UP, A, 0, 0},
        {spec_changes, 0, "2.5.2", UP, U, 0, 0},
        {spec_changes, 0, "2.5.10", UP, U, 0, 0},
        {spec_changes, 0, "2.6.0", UP, A, 0, 0},
        {spec_changes, 0, "2.6.2", UP, A, 0, 0},
        {spec_changes, 0, "2.6.3", UP, U, 0, 0},
        {spec_changes, 0, "2.99", UP, U, 0, 0},
        {spec_changes, 0, "3.0.0", UP, K, NONE, 0},
        {spec_changes_shuffled, 0, "2.5.3", UP, U, 0, 0},
        {spec_changes_shuffled, 0, "2.6.1", UP, A, 0, 0},
        {spec_changes_shuffled, 0, "2.7", UP, U, 0, 0},
        {spec_changes_shuffled, 0, "2.1", UP, A, 0, 0},
        /* "only 2.4 and 2.5 are affected" */
        {spec_singles, 0, "2.4", UP, A, 0, 0},
        {spec_singles, 0, "2.5", UP, A, 1, 0},
        {spec_singles, 0, "2.5.0", UP, A, 1, 0}, /* upstream: 2.5 == 2.5.0 */
        {spec_singles, 0, "2.4.1", UP, U, NONE, 0},
        {spec_singles, 0, "2.6", UP, U, NONE, 0},
        /* version <= V <= lessThanOrEqual; version <= V < lessThan */
        {spec_le, 0, "2.5.1", UP, A, 0, 0},
        {spec_le, 0, "2.5.2", UP, K, NONE, 0},
        {spec_le, 0, "1.9", UP, K, NONE, 0},
        {spec_lt, 0, "2.5.1", UP, A, 0, 0},
        {spec_lt, 0, "2.5.2", UP, K, NONE, 0},
        {spec_lt, 0, "2.5.2-rc1", UP, A, 0, 0},
        /* "lessThan": "*": no upper bound; "1.*": the rest of the 1.X branch */
        {spec_star, 0, "99.0", UP, A, 0, 0},
        {spec_star, 0, "0.9", UP, K, NONE, 0},
        {spec_series, 0, "1.99.3", UP, A, 0, 0},
        {spec_series, 0, "1", UP, A, 0, 0},
        {spec_series, 0, "2.0", UP, U, NONE, 0},
        {spec_series, 0, "0.9", UP, U, NONE, 0},
        /* "2.5.2 and later are unaffected and everything else affected" */
        {spec_later_unaffected, 0, "2.5.1", UP, A, NONE, 0},
        {spec_later_unaffected, 0, "2.5.2", UP, U, 0, 0},
        {spec_later_unaffected, 0, "10.0", UP, U, 0, 0},
        /* git: cannot be compared; it matters only when it could change the answer */
        {git_affected, 0, "1.0", UP, X, NONE, 1},
        {git_same_as_default, 0, "1.0", UP, U, NONE, 1},
        {git_then_semver, 0, "1.5", UP, A, 1, 1},
        {git_then_semver, 0, "2.5", UP, X, NONE, 1},
        /* "n/a" is no version, and there is no defaultStatus */
        {na, 0, "1.0", UP, X, NONE, 1},
        /* versionType rpm compares whole rpm versions, of rpm packages only */
        {rpm, 0, "2.36-9.el9", CVG_VERSION_RPM, A, 0, 0},
        {rpm, 0, "1:2.36-9.el9", CVG_VERSION_RPM, U, NONE, 0},
        {rpm, 0, "2.36-10.el9", CVG_VERSION_RPM, U, NONE, 0},
        {rpm, 0, "2.36-9", CVG_VERSION_DPKG, X, NONE, 1},
        {rpm, 0, "2.36", UP, X, NONE, 1},
        {maven, 0, "1.5", UP, X, NONE, 1},
        /* "P.*" upper bound: the whole P series */
        {kernel_like, 0, "6.1.78", UP, U, 0, 0},
        {kernel_like, 0, "6.1.100", UP, U, 0, 0},
        {kernel_like, 0, "6.1.77", UP, A, NONE, 0},
        {kernel_like, 0, "6.10.1", UP, A, NONE, 0},
        {kernel_like, 0, "6.2", UP, A, NONE, 0},
        {kernel_like, 0, "6.1.90-1", CVG_VERSION_DPKG, U, 0, 0},
        /* the first matching entry decides */
        {overlap, 0, "1.6", UP, A, 0, 0},
        {overlap, 0, "2.5", UP, U, 1, 0},
        /* '*' elsewhere, junk versions: cannot be compared */
        {odd_star, 0, "1.5", UP, X, NONE, 1},
        {odd_change, 0, "1.5", UP, X, NONE, 1},
        {spec_lt, 0, "branch_1-9", UP, X, NONE, 1},
        {spec_singles, 0, "branch_1-9", UP, X, NONE, 2},
        /* equal change points: the last listed wins */
        {equal_changes, 0, "1.3", UP, K, 0, 0},
        {equal_changes, 0, "1.1", UP, A, 0, 0},
};

static void run_verdicts(const struct verdict_vector *v, size_t n, const char *where)
{
	for (size_t i = 0; i < n; i++) {
		cvg_cve5 *rec = NULL;
		cvg_cve5_verdict out;

		if (cvg_cve5_parse(&rec, where, v[i].json, strlen(v[i].json), NULL) < 0)
			fail_msg("%s vector %zu: %s", where, i, cvg_error_last());
		assert_true(v[i].affected < rec->naffected);
		assert_int_equal(cvg_cve5_version_status(&out, &rec->affected[v[i].affected],
		                         v[i].version, v[i].scheme),
		        0);
		if (out.status != v[i].status || out.entry != v[i].entry ||
		        out.uncompared != v[i].uncompared)
			fail_msg("%s vector %zu (%s): got %s entry %zu uncompared %zu, expected %s "
			         "entry %zu uncompared %zu",
			        where, i, v[i].version, cvg_cve5_status_name(out.status), out.entry,
			        out.uncompared, cvg_cve5_status_name(v[i].status), v[i].entry,
			        v[i].uncompared);
		cvg_cve5_free(rec);
	}
}

static void test_versions_spec(void **state)
{
	(void)state;
	run_verdicts(spec_vectors, sizeof(spec_vectors) / sizeof(spec_vectors[0]), "spec");
}

static void test_version_scheme(void **state)
{
	static const struct {
		const char *type;
		int rc;
		cvg_version_scheme scheme;
	} v[] = {
	        {NULL, 0, UP},
	        {"semver", 0, UP},
	        {"custom", 0, UP},
	        {"rpm", 0, CVG_VERSION_RPM},
	        {"deb", 0, CVG_VERSION_DPKG},
	        {"dpkg", 0, CVG_VERSION_DPKG},
	        {"debian", 0, CVG_VERSION_DPKG},
	        {"opkg", 0, CVG_VERSION_OPKG},
	        {"git", CVG_EUNSUPPORTED, UP},
	        {"maven", CVG_EUNSUPPORTED, UP},
	        {"python", CVG_EUNSUPPORTED, UP},
	        {"original_commit_for_fix", CVG_EUNSUPPORTED, UP},
	        {"Semver", CVG_EUNSUPPORTED, UP},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		cvg_version_scheme s = CVG_VERSION_OPKG;
		assert_int_equal(cvg_cve5_version_scheme(&s, v[i].type), v[i].rc);
		assert_int_equal(s, v[i].scheme);
	}
}

/* ---- The real records of ../shared/data/cvelist5 ---- */

struct real_counts {
	const char *id;
	int rejected;
	size_t containers, affected, versions, cpes, configs, metrics, cwes, references, kevs;
};

/* computed with Python's json module (see the top of this file) */
static const struct real_counts real[] = {
        {"CVE-2022-48174", 0, 3, 1, 1, 0, 0, 0, 0, 3, 0},
        {"CVE-2023-32001", 1, 1, 0, 0, 0, 0, 0, 0, 0, 0},
        {"CVE-2023-42363", 0, 1, 1, 1, 0, 0, 0, 0, 1, 0},
        {"CVE-2023-45853", 0, 1, 1, 1, 0, 0, 0, 0, 11, 0},
        {"CVE-2023-45866", 0, 1, 1, 1, 0, 0, 0, 0, 13, 0},
        {"CVE-2023-50495", 0, 1, 1, 1, 0, 0, 0, 0, 4, 0},
        {"CVE-2023-52160", 0, 1, 1, 1, 0, 0, 0, 0, 3, 0},
        {"CVE-2024-12797", 0, 3, 1, 3, 0, 0, 1, 1, 6, 0},
        {"CVE-2024-26581", 0, 1, 2, 8, 0, 0, 0, 0, 4, 0},
        {"CVE-2024-28085", 0, 2, 1, 1, 0, 0, 0, 0, 30, 0},
        {"CVE-2024-2961", 0, 3, 2, 2, 1, 0, 1, 1, 35, 0},
        {"CVE-2024-45490", 0, 2, 2, 2, 1, 0, 1, 0, 2, 0},
        {"CVE-2024-57254", 0, 1, 1, 1, 0, 1, 1, 1, 2, 0},
        {"CVE-2024-58251", 0, 3, 1, 1, 0, 1, 1, 1, 4, 0},
        {"CVE-2025-10148", 0, 3, 1, 8, 0, 0, 1, 0, 4, 0},
        {"CVE-2025-32463", 0, 2, 1, 1, 0, 1, 1, 1, 17, 1},
        {"CVE-2025-46394", 0, 3, 1, 1, 0, 1, 1, 1, 4, 0},
        {"CVE-2025-47203", 0, 3, 1, 1, 0, 1, 1, 1, 4, 0},
        {"CVE-2025-4802", 0, 3, 1, 1, 0, 0, 1, 1, 4, 0},
        {"CVE-2025-60876", 0, 3, 2, 2, 0, 0, 1, 1, 4, 0},
        {"CVE-2025-64720", 0, 1, 1, 1, 0, 0, 1, 1, 4, 0},
        {"CVE-2025-6965", 0, 3, 1, 1, 0, 0, 1, 1, 7, 0},
        {"CVE-2026-28387", 0, 2, 1, 6, 0, 0, 0, 1, 6, 0},
};

#define NREAL (sizeof(real) / sizeof(real[0]))

struct real_sink {
	size_t n;
};

static int check_real(cvg_cve5 *r, const char *where, void *payload)
{
	struct real_sink *s = payload;
	const struct real_counts *c;
	size_t versions = 0, cpes = 0;

	assert_true(s->n < NREAL);
	c = &real[s->n++];
	/* the tree is read in sorted order, the table is in that order too */
	assert_string_equal(r->id, c->id);
	assert_non_null(strstr(where, c->id));
	assert_int_equal(r->rejected, c->rejected);
	for (size_t i = 0; i < r->naffected; i++) {
		versions += r->affected[i].nversions;
		cpes += r->affected[i].ncpes;
	}
	if (r->ncontainers != c->containers || r->naffected != c->affected ||
	        versions != c->versions || cpes != c->cpes || r->nconfigs != c->configs ||
	        r->nmetrics != c->metrics || r->ncwes != c->cwes ||
	        r->nreferences != c->references || r->nkevs != c->kevs)
		fail_msg("%s: counts %zu %zu %zu %zu %zu %zu %zu %zu %zu", r->id, r->ncontainers,
		        r->naffected, versions, cpes, r->nconfigs, r->nmetrics, r->ncwes,
		        r->nreferences, r->nkevs);
	/* every published record has an English description and a CNA container first */
	assert_non_null(r->description);
	assert_false(r->containers[0].adp);
	cvg_cve5_free(r);
	return 0;
}

static void test_real_records(void **state)
{
	char *dir = shared_data_path("cvelist5");
	struct real_sink s = {0};
	cvg_cve5_info info;

	(void)state;
	if (dir == NULL)
		skip();
	if (cvg_cve5_read_path(dir, NULL, check_real, &s, &info) < 0)
		fail_msg("%s", cvg_error_last());
	assert_int_equal(info.records, NREAL);
	assert_int_equal(s.n, NREAL);
	assert_int_equal(info.rejected, 1);
	assert_int_equal(info.skipped, 1); /* INDEX.tsv */
	free(dir);
}

struct real_vector {
	const char *id;
	size_t affected;
	const char *version;
	cvg_version_scheme scheme;
	cvg_cve5_status status;
	size_t entry;
	size_t uncompared;
};

#define DPKG CVG_VERSION_DPKG
#define OPKG CVG_VERSION_OPKG

/* Ranges as the records state them (INDEX.tsv of the data lists the range
 * keys and versionTypes); packaged versions as in ../shared/data/pkglists
 * (Debian 12 sqlite3 3.40.1-2+deb12u1, openssl 3.0.19-1~deb12u2, libc6
 * 2.36-9+deb12u14, curl 7.88.1-10+deb12u14; Yocto kirkstone busybox
 * 1.35.0-r0, sudo 1.9.17p1-r0). */
static const struct real_vector real_vectors[] = {
        /* SQLite: 0 <= V < 3.50.2 semver, default unaffected */
        {"CVE-2025-6965", 0, "3.40.1", UP, A, 0, 0},
        {"CVE-2025-6965", 0, "3.40.1-2+deb12u1", DPKG, A, 0, 0},
        {"CVE-2025-6965", 0, "3.50.1", UP, A, 0, 0},
        {"CVE-2025-6965", 0, "3.50.2", UP, U, NONE, 0},
        /* OpenSSL: three branches, default unaffected */
        {"CVE-2024-12797", 0, "3.4.0", UP, A, 0, 0},
        {"CVE-2024-12797", 0, "3.4.1", UP, U, NONE, 0},
        {"CVE-2024-12797", 0, "3.3.2", UP, A, 1, 0},
        {"CVE-2024-12797", 0, "3.2.4", UP, U, NONE, 0},
        {"CVE-2024-12797", 0, "3.0.19-1~deb12u2", DPKG, U, NONE, 0},
        {"CVE-2026-28387", 0, "3.0.19-1~deb12u2", DPKG, A, 4, 0},
        {"CVE-2026-28387", 0, "3.0.20", UP, U, NONE, 0},
        {"CVE-2026-28387", 0, "1.1.1w", UP, A, 5, 0},
        {"CVE-2026-28387", 0, "1.1.1zg", UP, U, NONE, 0},
        {"CVE-2026-28387", 0, "1.0.2u", UP, U, NONE, 0},
        /* Linux: git ranges (entry 0), then custom "6.1.*" bounds and an
         * original_commit_for_fix entry, default affected */
        {"CVE-2024-26581", 0, "6.1.76", UP, X, NONE, 4},
        {"CVE-2024-26581", 1, "6.1.78", UP, U, 0, 0},
        {"CVE-2024-26581", 1, "6.1.100", UP, U, 0, 0},
        {"CVE-2024-26581", 1, "6.6.20", UP, U, 1, 0},
        {"CVE-2024-26581", 1, "6.7.5", UP, U, 2, 0},
        {"CVE-2024-26581", 1, "6.7.4", UP, X, NONE, 1},
        {"CVE-2024-26581", 1, "6.1.77", UP, X, NONE, 1},
        /* BusyBox: 0 <= V <= 1.37.0 semver, default unknown */
        {"CVE-2024-58251", 0, "1.35.0-r0", OPKG, A, 0, 0},
        {"CVE-2024-58251", 0, "1.37.0", UP, A, 0, 0},
        {"CVE-2024-58251", 0, "1.37.1", UP, K, NONE, 0},
        /* curl: single-version ranges 8.11.0 ... 8.15.0, default unaffected */
        {"CVE-2025-10148", 0, "7.88.1-10+deb12u14", DPKG, U, NONE, 0},
        {"CVE-2025-10148", 0, "8.14.1", UP, A, 1, 0},
        {"CVE-2025-10148", 0, "8.12.2", UP, U, NONE, 0},
        /* sudo: 1.9.14 <= V < 1.9.17p1 custom */
        {"CVE-2025-32463", 0, "1.9.17p1-r0", OPKG, U, NONE, 0},
        {"CVE-2025-32463", 0, "1.9.17", UP, A, 0, 0},
        {"CVE-2025-32463", 0, "1.9.16p2", UP, A, 0, 0},
        {"CVE-2025-32463", 0, "1.9.13p3", UP, U, NONE, 0},
        /* U-Boot and Dropbear: 0 <= V < X custom */
        {"CVE-2024-57254", 0, "2024.10", UP, A, 0, 0},
        {"CVE-2024-57254", 0, "2025.01-rc1", UP, U, NONE, 0},
        {"CVE-2024-57254", 0, "2025.01", UP, U, NONE, 0},
        {"CVE-2025-47203", 0, "2022.83", UP, A, 0, 0},
        {"CVE-2025-47203", 0, "2025.88", UP, U, NONE, 0},
        /* glibc: the CNA's custom range and CISA's semver one */
        {"CVE-2024-2961", 0, "2.36-9+deb12u14", DPKG, A, 0, 0},
        {"CVE-2024-2961", 0, "2.40", UP, U, NONE, 0},
        {"CVE-2024-2961", 1, "2.36", UP, A, 0, 0},
        {"CVE-2024-2961", 1, "2.41", UP, K, NONE, 0},
        {"CVE-2025-4802", 0, "2.36-9+deb12u14", DPKG, A, 0, 0},
        {"CVE-2025-4802", 0, "2.26", UP, U, NONE, 0},
        /* free text and n/a: unassessable */
        {"CVE-2025-64720", 0, "1.6.50", UP, X, NONE, 1},
        {"CVE-2023-42363", 0, "1.35.0", UP, X, NONE, 1},
        /* Siemens' supplier ADP: 0 <= V < V4.0 custom, default unknown */
        {"CVE-2025-60876", 1, "V3.2", UP, A, 0, 0},
        {"CVE-2025-60876", 1, "V4.0", UP, K, NONE, 0},
};

static void test_real_versions(void **state)
{
	char *dir = shared_data_path("cvelist5");

	(void)state;
	if (dir == NULL)
		skip();
	for (size_t i = 0; i < sizeof(real_vectors) / sizeof(real_vectors[0]); i++) {
		const struct real_vector *v = &real_vectors[i];
		char path[4096];
		char *data = NULL;
		size_t len = 0;
		FILE *f;
		cvg_cve5 *rec = NULL;
		cvg_cve5_verdict out;

		snprintf(path, sizeof(path), "%s/%s.json", dir, v->id);
		assert_non_null(f = fopen(path, "rb"));
		data = malloc(1u << 20);
		assert_non_null(data);
		len = fread(data, 1, 1u << 20, f);
		fclose(f);
		if (cvg_cve5_parse(&rec, path, data, len, NULL) < 0)
			fail_msg("%s", cvg_error_last());
		assert_true(v->affected < rec->naffected);
		assert_int_equal(cvg_cve5_version_status(
		                         &out, &rec->affected[v->affected], v->version, v->scheme),
		        0);
		if (out.status != v->status || out.entry != v->entry ||
		        out.uncompared != v->uncompared)
			fail_msg("%s %s: got %s entry %zu uncompared %zu, expected %s entry %zu "
			         "uncompared %zu",
			        v->id, v->version, cvg_cve5_status_name(out.status), out.entry,
			        out.uncompared, cvg_cve5_status_name(v->status), v->entry,
			        v->uncompared);
		cvg_cve5_free(rec);
		free(data);
	}
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_full),
	        cmocka_unit_test(test_rejected),
	        cmocka_unit_test(test_tree),
	        cmocka_unit_test(test_callback_stops),
	        cmocka_unit_test(test_missing_path),
	        cmocka_unit_test(test_errors),
	        cmocka_unit_test(test_unknown_and_null),
	        cmocka_unit_test(test_hostile),
	        cmocka_unit_test(test_zip_nested),
	        cmocka_unit_test(test_zip_hostile),
	        cmocka_unit_test(test_version_scheme),
	        cmocka_unit_test(test_versions_spec),
	        cmocka_unit_test(test_real_records),
	        cmocka_unit_test(test_real_versions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
