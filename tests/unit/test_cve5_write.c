/*
 * tests/unit/test_cve5_write.c - the CVE JSON 5 serialiser
 * (cvg_cve5_write_json, lib/cve5_write.c), which the database stores
 * records with.
 *
 * Round trip: every record of the reader's fixtures (tests/data/cve5:
 * full.json, rejected.json, the tree) and of the 23 real records of
 * ../shared/data/cvelist5 (CVG_SHARED_DATA, else
 * CVG_TEST_DATA/../../../shared/data; skipped when absent) is parsed,
 * written, parsed and written again: the two documents must be byte-equal
 * and the re-parsed record equal to the first field by field
 * (cve5_equal.h). Then edge cases in memory (ADP before CNA, a baseScore
 * that is no JSON number, tags with empty pieces, escapes, a REJECTED
 * record's reason), and the exact document of a small record.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "cvegate/cve5.h"
#include "cvegate/error.h"
#include "cve5_equal.h"
#include "test_helpers.h"

static const cvg_cve5_limits limits = CVG_CVE5_LIMITS_DEFAULT;

/* parse(write(rec)) == rec and write(parse(write(rec))) == write(rec) */
static void round_trip(const cvg_cve5 *rec)
{
	char *doc1 = NULL, *doc2 = NULL;
	size_t len1, len2;
	cvg_cve5 *again = NULL;

	if (cvg_cve5_write_json(&doc1, &len1, rec) < 0)
		fail_msg("%s: write: %s", rec->id, cvg_error_last());
	assert_int_equal(strlen(doc1), len1);
	if (cvg_cve5_parse(&again, "written", doc1, len1, &limits) < 0)
		fail_msg("%s: parse of the written document: %s\n%s", rec->id, cvg_error_last(),
		        doc1);
	cve5_assert_equal(rec, again);
	assert_int_equal(cvg_cve5_write_json(&doc2, &len2, again), 0);
	assert_int_equal(len1, len2);
	assert_memory_equal(doc1, doc2, len1);
	free(doc1);
	free(doc2);
	cvg_cve5_free(again);
}

static int on_record(cvg_cve5 *rec, const char *where, void *payload)
{
	size_t *n = payload;

	(void)where;
	round_trip(rec);
	cvg_cve5_free(rec);
	(*n)++;
	return 0;
}

static size_t read_all(const char *path)
{
	size_t n = 0;

	if (cvg_cve5_read_path(path, NULL, on_record, &n, NULL) < 0)
		fail_msg("%s: %s", path, cvg_error_last());
	return n;
}

static void test_fixtures(void **state)
{
	static const struct {
		const char *rel;
		size_t records;
	} v[] = {
	        {"cve5/full.json", 1},
	        {"cve5/rejected.json", 1},
	        {"cve5/tree", 4},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char *p = data_path(v[i].rel);
		assert_int_equal(read_all(p), v[i].records);
		free(p);
	}
}

static void test_real_records(void **state)
{
	char *dir = shared_data_path("cvelist5");

	(void)state;
	if (dir == NULL) {
		skip();
		return;
	}
	assert_int_equal(read_all(dir), 23);
	free(dir);
}

/* ---- Edge cases in memory ---- */

static void test_edges(void **state)
{
	static const char *const docs[] = {
	        /* ADP before CNA: container indexes are kept by writing "adp" first */
	        "{\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2024-0001\","
	        "\"state\":\"PUBLISHED\"},\"containers\":{\"adp\":[{\"providerMetadata\":"
	        "{\"orgId\":\"a\",\"shortName\":\"CISA-ADP\"},\"title\":\"T\",\"metrics\":[{"
	        "\"cvssV3_1\":{\"baseScore\":10.0,\"vectorString\":\"V\"}},{\"other\":{\"type\":"
	        "\"kev\",\"content\":{\"dateAdded\":\"2025-01-01\"}}},{\"other\":{\"type\":"
	        "\"ssvc\"}}]}],\"cna\":{\"providerMetadata\":{\"orgId\":\"c\"},\"descriptions\":"
	        "[{\"lang\":\"fr\",\"value\":\"non\"},{\"lang\":\"en-US\",\"value\":\"yes\"}],"
	        "\"affected\":[{\"product\":\"p\",\"versions\":[{\"version\":\"1\",\"status\":"
	        "\"affected\",\"lessThan\":\"2\",\"changes\":[{\"at\":\"1.5\",\"status\":"
	        "\"unaffected\"}]}]}]}}}",
	        /* a baseScore that is no JSON number stays a string; tags with empty pieces */
	        "{\"dataVersion\":\"5.0\",\"cveMetadata\":{\"cveId\":\"CVE-2024-0002\","
	        "\"state\":\"PUBLISHED\"},\"containers\":{\"cna\":{\"metrics\":[{\"cvssV2_0\":"
	        "{\"baseScore\":\"7.5 (high)\"}},{\"cvssV4_0\":{\"baseScore\":-1.5e+2}}],"
	        "\"references\":[{\"url\":\"u\",\"tags\":[\"a\",\"\",\"b,c\",\"\"]},{\"tags\":"
	        "[\"x\"]}],\"problemTypes\":[{\"descriptions\":[{\"cweId\":\"CWE-1\"},"
	        "{\"description\":\"text\"}]},{\"descriptions\":[{\"cweId\":\"CWE-2\"}]}]}}}",
	        /* escapes, non-ASCII, empty strings, null as absent */
	        "{\"dataVersion\":\"5.2\",\"cveMetadata\":{\"cveId\":\"CVE-2024-0003\","
	        "\"state\":\"PUBLISHED\",\"assignerShortName\":\"\\\"q\\\" \\\\ \\/ \\u0001 "
	        "\\u00e9\\u20ac\\ud83d\\ude00\",\"dateUpdated\":null},\"containers\":{\"cna\":"
	        "{\"title\":\"\",\"affected\":[{\"vendor\":\"\",\"cpes\":[\"cpe:/a:x:y\"],"
	        "\"defaultStatus\":\"unknown\"}],\"cpeApplicability\":[{\"nodes\":[{"
	        "\"operator\":\"AND\",\"negate\":true,\"cpeMatch\":[{\"vulnerable\":false,"
	        "\"criteria\":\"cpe:2.3:a:x:y:*:*:*:*:*:*:*:*\",\"versionEndExcluding\":"
	        "\"2\"}]}]}]}}}",
	        /* REJECTED: the reason replaces the description and comes back as one */
	        "{\"dataVersion\":\"5.0\",\"cveMetadata\":{\"cveId\":\"CVE-2024-0004\","
	        "\"state\":\"REJECTED\"},\"containers\":{\"cna\":{\"descriptions\":[{\"lang\":"
	        "\"en\",\"value\":\"d\"}],\"rejectedReasons\":[{\"lang\":\"en\",\"value\":"
	        "\"r\"}]}}}",
	        /* no containers at all */
	        "{\"dataVersion\":\"5.0\",\"cveMetadata\":{\"cveId\":\"CVE-2024-0005\","
	        "\"state\":\"REJECTED\"}}",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		cvg_cve5 *rec = NULL;
		if (cvg_cve5_parse(&rec, "edge", docs[i], strlen(docs[i]), &limits) < 0)
			fail_msg("edge %zu: %s", i, cvg_error_last());
		round_trip(rec);
		cvg_cve5_free(rec);
	}
}

/* The exact document of a small record: key order, compact form, the
 * CVSS version, CWE entries and KEV entries in the schema's shapes. */
static void test_exact(void **state)
{
	static const char in[] =
	        "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{"
	        "\"state\":\"PUBLISHED\",\"cveId\":\"CVE-2025-0001\",\"assignerShortName\":\"x\","
	        "\"dateUpdated\":\"2025-01-02T00:00:00Z\",\"unknown\":1},\"containers\":{\"cna\":{"
	        "\"providerMetadata\":{\"orgId\":\"o\",\"shortName\":\"x\"},\"title\":\"t\","
	        "\"descriptions\":[{\"lang\":\"en\",\"value\":\"d\"}],\"problemTypes\":[{"
	        "\"descriptions\":[{\"cweId\":\"CWE-787\",\"lang\":\"en\",\"description\":\"w\","
	        "\"type\":\"CWE\"}]}],\"metrics\":[{\"cvssV3_1\":{\"baseScore\":9.8,"
	        "\"baseSeverity\":\"CRITICAL\",\"version\":\"3.1\"},\"other\":{\"type\":\"kev\","
	        "\"content\":{\"dateAdded\":\"2025-01-03\",\"reference\":\"r\"}}}],"
	        "\"affected\":[{\"product\":\"p\",\"defaultStatus\":\"unaffected\",\"versions\":["
	        "{\"version\":\"0\",\"lessThanOrEqual\":\"1.2\",\"status\":\"affected\","
	        "\"versionType\":\"semver\"}]}],\"references\":[{\"url\":\"https://e/\","
	        "\"tags\":[\"patch\",\"x\"]}]}}}";
	static const char want[] =
	        "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{"
	        "\"cveId\":\"CVE-2025-0001\",\"assignerShortName\":\"x\",\"state\":\"PUBLISHED\","
	        "\"dateUpdated\":\"2025-01-02T00:00:00Z\"},\"containers\":{\"cna\":{"
	        "\"providerMetadata\":{\"orgId\":\"o\",\"shortName\":\"x\"},\"title\":\"t\","
	        "\"descriptions\":[{\"lang\":\"en\",\"value\":\"d\"}],\"affected\":[{\"product\":"
	        "\"p\",\"defaultStatus\":\"unaffected\",\"versions\":[{\"version\":\"0\","
	        "\"status\":\"affected\",\"versionType\":\"semver\",\"lessThanOrEqual\":\"1.2\"}]}"
	        "],\"metrics\":[{\"cvssV3_1\":{\"version\":\"3.1\",\"baseScore\":9.8,"
	        "\"baseSeverity\":\"CRITICAL\"}},{\"other\":{\"type\":\"kev\",\"content\":{"
	        "\"dateAdded\":\"2025-01-03\",\"reference\":\"r\"}}}],\"problemTypes\":[{"
	        "\"descriptions\":[{\"lang\":\"en\",\"type\":\"CWE\",\"cweId\":\"CWE-787\","
	        "\"description\":\"CWE-787\"}]}],\"references\":[{\"url\":\"https://e/\","
	        "\"tags\":[\"patch\",\"x\"]}]}}}";
	cvg_cve5 *rec = NULL;
	char *doc = NULL;
	size_t len;

	(void)state;
	assert_int_equal(cvg_cve5_parse(&rec, "exact", in, strlen(in), &limits), 0);
	assert_int_equal(cvg_cve5_write_json(&doc, &len, rec), 0);
	assert_string_equal(doc, want);
	assert_int_equal(len, strlen(want));
	free(doc);
	cvg_cve5_free(rec);
}

static void test_invalid(void **state)
{
	cvg_cve5 rec;
	char *doc = (char *)1;
	size_t len = 1;

	(void)state;
	memset(&rec, 0, sizeof(rec));
	rec.id = (char *)"CVE-2025-0001";
	assert_int_equal(cvg_cve5_write_json(&doc, &len, &rec), CVG_EINVAL);
	assert_null(doc);
	assert_int_equal(len, 0);
	assert_string_equal(cvg_error_last(), "CVE-2025-0001: record without dataVersion");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_fixtures),
	        cmocka_unit_test(test_real_records),
	        cmocka_unit_test(test_edges),
	        cmocka_unit_test(test_exact),
	        cmocka_unit_test(test_invalid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
