/*
 * tests/unit/test_nvd.c - the NVD JSON 1.1/2.0 reader.
 *
 * Each fixture in tests/data/nvd/ is read and every record is dumped to a
 * canonical text (one line per field group, "-" for NULL); the dump must
 * equal the expected text exactly. The fixtures are hand-written in the
 * shapes of real NVD files: 1.1 feed items as in nvdcve-1.1-2014.json,
 * 2.0 records as in the NVD API (CVE-2022-0847, CVE-2023-0001,
 * CVE-2022-44006, CVE-2023-42363, CVE-2023-32001), with their texts
 * shortened and a few synthetic records for cases the real data lacks
 * (CVSS 4.0 beside 3.0, a negated configuration). Error cases run on
 * in-memory JSON with exact expected codes and messages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cvegate/error.h"
#include "cvegate/nvd.h"
#include "lib/nvd_meta.h"
#include "util/buf.h"

/* ---- Dumping records ---- */

struct sink {
	cvg_buf out;
	size_t records;
	size_t fail_at; /* return CVG_ERROR for this record (1-based), 0: never */
};

static const char *s_(const char *s)
{
	return s ? s : "-";
}

static const char *op_(cvg_op op)
{
	return op == CVG_OP_AND ? "AND" : "OR";
}

static void dump(cvg_buf *b, const cvg_cve *c)
{
	size_t i, j, k;

	cvg__buf_printf(b, "%s pub=%s mod=%s status=%s rejected=%d source=%s\n", s_(c->id),
	        s_(c->published), s_(c->last_modified), s_(c->status), c->rejected,
	        s_(c->source_id));
	cvg__buf_printf(b, " desc=%s\n", s_(c->description));
	if (c->kev_added || c->kev_due || c->kev_action || c->kev_name)
		cvg__buf_printf(b, " kev=%s|%s|%s|%s\n", s_(c->kev_added), s_(c->kev_due),
		        s_(c->kev_action), s_(c->kev_name));
	for (i = 0; i < c->nmetrics; i++) {
		const cvg_metric *m = &c->metrics[i];
		cvg__buf_printf(b, " metric %s source=%s type=%s score=%s vector=%s severity=%s\n",
		        cvg_cvss_version_name(m->version), s_(m->source), s_(m->type), s_(m->score),
		        s_(m->vector), s_(m->severity));
	}
	for (i = 0; i < c->nweaknesses; i++)
		cvg__buf_printf(b, " cwe %s source=%s type=%s\n", s_(c->weaknesses[i].cwe),
		        s_(c->weaknesses[i].source), s_(c->weaknesses[i].type));
	for (i = 0; i < c->nreferences; i++)
		cvg__buf_printf(b, " ref %s source=%s tags=%s\n", s_(c->references[i].url),
		        s_(c->references[i].source), s_(c->references[i].tags));
	for (i = 0; i < c->nconfigs; i++) {
		const cvg_config *g = &c->configs[i];
		cvg__buf_printf(b, " config %s negate=%d\n", op_(g->op), g->negate);
		for (j = 0; j < g->nnodes; j++) {
			const cvg_node *n = &g->nodes[j];
			cvg__buf_printf(b, "  node %s negate=%d\n", op_(n->op), n->negate);
			for (k = 0; k < n->nmatches; k++) {
				const cvg_cpe_match *m = &n->matches[k];
				cvg__buf_printf(b,
				        "   match vuln=%d %s id=%s si=%s se=%s ei=%s ee=%s\n",
				        m->vulnerable, s_(m->criteria), s_(m->match_id),
				        s_(m->start_incl), s_(m->start_excl), s_(m->end_incl),
				        s_(m->end_excl));
			}
		}
	}
}

static int collect(cvg_cve *cve, void *payload)
{
	struct sink *s = payload;

	s->records++;
	dump(&s->out, cve);
	cvg_cve_free(cve);
	if (s->fail_at == s->records)
		return CVG_ERROR;
	return 0;
}

static char *data_path(const char *name)
{
	const char *dir = getenv("CVG_TEST_DATA");
	static char path[4096];

	snprintf(path, sizeof(path), "%s/nvd/%s", dir ? dir : "tests/data", name);
	return path;
}

/* ---- Whole files ---- */

struct file_vector {
	const char *file;
	cvg_nvd_format format;
	const char *timestamp;
	size_t records;
	bool verified;
	const char *dump;
};

static const struct file_vector file_vectors[] = {
        {"v11-feed.json", CVG_NVD_11, "2023-12-30T08:02Z", 4, false,
                "CVE-2014-0160 pub=2014-04-07T22:55Z mod=2023-11-07T02:18Z status=- rejected=0 "
                "source=secalert@redhat.com\n"
                " desc=The TLS and DTLS implementations in OpenSSL 1.0.1 before 1.0.1g do not "
                "properly handle Heartbeat Extension packets.\n"
                " metric 3.1 source=- type=- score=7.5 "
                "vector=CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N severity=HIGH\n"
                " metric 2.0 source=- type=- score=5.0 vector=AV:N/AC:L/Au:N/C:P/I:N/A:N "
                "severity=MEDIUM\n"
                " cwe CWE-125 source=- type=-\n"
                " cwe NVD-CWE-Other source=- type=-\n"
                " ref http://heartbleed.com/ source=MISC tags=Third Party Advisory\n"
                " ref https://www.openssl.org/news/secadv/20140407.txt source=CONFIRM "
                "tags=Patch,Vendor Advisory\n"
                " ref http://www.securitytracker.com/id/1030026 source=SECTRACK tags=-\n"
                /* plain OR node: a configuration holding that node */
                " config OR negate=0\n"
                "  node OR negate=0\n"
                "   match vuln=1 cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:* id=- si=1.0.1 se=- "
                "ei=- ee=1.0.1g\n"
                "   match vuln=1 cpe:2.3:a:openssl:openssl:1.0.2:beta1:*:*:*:*:*:* id=- si=- "
                "se=- ei=- ee=-\n"
                /* AND node with children: a configuration of the children */
                " config AND negate=0\n"
                "  node OR negate=0\n"
                "   match vuln=1 cpe:2.3:o:siemens:simatic_s7-1500_firmware:*:*:*:*:*:*:*:* "
                "id=- si=- se=- ei=- ee=1.5\n"
                "  node OR negate=1\n"
                "   match vuln=0 cpe:2.3:h:siemens:simatic_s7-1500:-:*:*:*:*:*:*:* id=- si=- "
                "se=- ei=- ee=-\n"
                /* AND node without children: it keeps its operator and negate */
                " config OR negate=0\n"
                "  node AND negate=1\n"
                "   match vuln=1 cpe:2.3:a:example:lonely_and:1.0:*:*:*:*:*:*:* id=- si=- "
                "se=0.9 ei=1.0 ee=-\n"
                "CVE-2014-0002 pub=2014-01-10T18:55Z mod=2023-11-07T02:18Z status=Rejected "
                "rejected=1 source=-\n"
                " desc=Rejected reason: DO NOT USE THIS CANDIDATE NUMBER.\n"
                "CVE-2003-0003 pub=2003-01-01T05:00Z mod=2008-09-05T20:32Z status=Rejected "
                "rejected=1 source=-\n"
                " desc=** REJECT **  DO NOT USE THIS CANDIDATE NUMBER.\n"
                "CVE-2018-10000 pub=2018-05-01T12:00Z mod=2018-05-02T12:00Z status=- rejected=0 "
                "source=-\n"
                " desc=The word ** REJECT ** later in a text does not reject it.\n"
                " metric 3.0 source=- type=- score=10.0 "
                "vector=CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H severity=CRITICAL\n"},
        {"v20-feed.json", CVG_NVD_20, "2026-03-09T03:00:00.123", 3, false,
                "CVE-2022-0847 pub=2022-03-10T17:44:57.283 mod=2025-10-21T20:18:53.293 "
                "status=Modified rejected=0 source=secalert@redhat.com\n"
                " desc=A flaw was found in the way the \"flags\" member of the new pipe buffer "
                "structure was lacking proper initialization.\xc2\xa0\n"
                " kev=2022-04-25|2022-05-16|Apply updates per vendor instructions.|Linux Kernel "
                "Privilege Escalation Vulnerability\n"
                " metric 3.1 source=nvd@nist.gov type=Primary score=7.8 "
                "vector=CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H severity=HIGH\n"
                " metric 3.1 source=134c704f-9b21-4f2e-91b3-4a467353bcc0 type=Secondary "
                "score=7.80 vector=CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H severity=HIGH\n"
                " metric 2.0 source=nvd@nist.gov type=Primary score=7.2 "
                "vector=AV:L/AC:L/Au:N/C:C/I:C/A:C severity=HIGH\n"
                " cwe CWE-665 source=nvd@nist.gov type=Primary\n"
                " cwe CWE-909 source=secalert@redhat.com type=Secondary\n"
                " cwe CWE-281 source=secalert@redhat.com type=Secondary\n"
                " ref "
                "http://packetstormsecurity.com/files/166229/"
                "Dirty-Pipe-Linux-Privilege-Escalation.html source=secalert@redhat.com "
                "tags=Exploit,Third Party Advisory,VDB Entry\n"
                " ref https://dirtypipe.cm4all.com/ source=secalert@redhat.com tags=-\n"
                " config OR negate=0\n"
                "  node OR negate=0\n"
                "   match vuln=1 cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:* "
                "id=1C8E7C6A-6FAA-4B8F-8F47-5B0B1B4C1D37 si=5.8 se=- ei=- ee=5.10.102\n"
                "   match vuln=1 cpe:2.3:o:linux:linux_kernel:5.17:rc1:*:*:*:*:*:* "
                "id=7BD5F8D9-54FA-4CB0-B4F0-CB0471FDDB2D si=- se=- ei=- ee=-\n"
                " config AND negate=0\n"
                "  node OR negate=0\n"
                "   match vuln=1 cpe:2.3:o:siemens:scalance_lpe9403_firmware:*:*:*:*:*:*:*:* "
                "id=A2F8E1C5-0C4E-4E6F-9D42-3C6B0B1F2E11 si=- se=1.0 ei=1.9 ee=2.0\n"
                "  node OR negate=1\n"
                "   match vuln=0 cpe:2.3:h:siemens:scalance_lpe9403:-:*:*:*:*:*:*:* "
                "id=8B6E1F31-54D4-4E5A-8A4F-2F0A4D1F8E22 si=- se=- ei=- ee=-\n"
                "CVE-2024-0001 pub=2024-01-01T00:00:00.000 mod=2024-02-01T00:00:00.000 "
                "status=Analyzed rejected=0 source=cna@example.org\n"
                " desc=Example with every CVSS version.\n"
                " metric 4.0 source=cna@example.org type=Secondary score=10.0 "
                "vector=CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N "
                "severity=CRITICAL\n"
                " metric 3.0 source=nvd@nist.gov type=Primary score=10.0 "
                "vector=CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H severity=CRITICAL\n"
                " config OR negate=1\n"
                "  node AND negate=0\n"
                "   match vuln=1 cpe:2.3:a:example:thing:1.0:*:*:*:*:*:*:* "
                "id=00000000-0000-0000-0000-000000000001 si=- se=- ei=- ee=-\n"
                "CVE-2023-32001 pub=2023-07-26T21:15:10.767 mod=2023-08-29T02:15:09.850 "
                "status=Rejected rejected=1 source=support@hackerone.com\n"
                " desc=Rejected reason: This CVE ID has been rejected or withdrawn by its CVE "
                "Numbering Authority.\n"},
        {"v20-page.json", CVG_NVD_20, "2023-07-13T19:32:16.393", 1, false,
                "CVE-2023-0001 pub=2023-02-08T18:15:11.523 mod=2023-02-18T20:41:50.600 "
                "status=Analyzed rejected=0 source=psirt@paloaltonetworks.com\n"
                " desc=An information exposure vulnerability.\n"
                " metric 3.1 source=nvd@nist.gov type=Primary score=4.4 "
                "vector=CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:H/I:N/A:N severity=MEDIUM\n"
                " cwe CWE-319 source=psirt@paloaltonetworks.com type=Secondary\n"
                " ref https://security.paloaltonetworks.com/CVE-2023-0001 "
                "source=psirt@paloaltonetworks.com tags=Vendor Advisory\n"
                " config OR negate=0\n"
                "  node OR negate=0\n"
                "   match vuln=1 "
                "cpe:2.3:a:paloaltonetworks:cortex_xdr_agent:*:*:*:*:critical_environment:*:*:* "
                "id=5B6F6A7C-6F7B-4C63-9F65-5B0D0E7C2E9A si=7.5 se=- ei=- ee=7.5.101\n"},
        {"v20-cve.json", CVG_NVD_20, "", 1, false,
                "CVE-2022-44006 pub=2022-10-30T00:15:09.553 mod=2022-11-01T13:48:33.047 "
                "status=Analyzed rejected=0 source=cve@mitre.org\n"
                " desc=An issue was discovered in BACKCLICK Professional 5.9.63.\n"
                " metric 3.1 source=nvd@nist.gov type=Primary score=7.5 "
                "vector=CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N severity=HIGH\n"
                " cwe NVD-CWE-noinfo source=nvd@nist.gov type=Primary\n"
                " ref https://www.syss.de/ source=cve@mitre.org tags=Third Party Advisory\n"
                " config OR negate=0\n"
                "  node OR negate=0\n"
                "   match vuln=1 cpe:2.3:a:backclick:backclick_professional:5.9.63:*:*:*:*:*:*:* "
                "id=4B4A4F17-8E1A-4F1E-9B5B-0F0F2A0B6C11 si=- se=- ei=- ee=-\n"},
        {"v20-bare.json", CVG_NVD_20, "", 1, false,
                "CVE-2023-42363 pub=2023-11-27T22:15:07.940 mod=2023-11-30T05:06:49.523 "
                "status=Analyzed rejected=0 source=cve@mitre.org\n"
                " desc=A use-after-free vulnerability was discovered in xasprintf function in "
                "xfuncs_printf.c:344 in BusyBox v.1.36.1.\n"
                " metric 3.1 source=nvd@nist.gov type=Primary score=5.5 "
                "vector=CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H severity=MEDIUM\n"
                " cwe CWE-416 source=nvd@nist.gov type=Primary\n"
                " ref https://bugs.busybox.net/show_bug.cgi?id=15865 source=cve@mitre.org "
                "tags=Issue Tracking\n"
                " config OR negate=0\n"
                "  node OR negate=0\n"
                "   match vuln=1 cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:* "
                "id=B4A5C0E7-C1A6-4A4E-9DDE-3D7DB7F9B8D4 si=- se=- ei=- ee=-\n"},
        {"meta-ok.json", CVG_NVD_11, "2024-01-01T08:00Z", 1, true,
                "CVE-2018-0001 pub=2018-01-10T22:29Z mod=2019-10-09T23:30Z status=- rejected=0 "
                "source=-\n"
                " desc=Meta check fixture.\n"},
        {"gz-ok.json.gz", CVG_NVD_11, "2024-01-01T08:00Z", 1, true,
                "CVE-2018-0002 pub=2018-01-10T22:29Z mod=2019-10-09T23:30Z status=- rejected=0 "
                "source=-\n"
                " desc=Meta check fixture.\n"},
};

static void test_files(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(file_vectors) / sizeof(file_vectors[0]); i++) {
		const struct file_vector *v = &file_vectors[i];
		struct sink s = {CVG_BUF_INIT(0), 0, 0};
		cvg_nvd_file_info info;
		int rc;

		rc = cvg_nvd_read_file(data_path(v->file), NULL, collect, &s, &info);
		if (rc != 0)
			fail_msg("%s: %d %s", v->file, rc, cvg_error_last());
		assert_int_equal(info.format, v->format);
		assert_string_equal(info.timestamp, v->timestamp);
		assert_int_equal(info.records, v->records);
		assert_int_equal(s.records, v->records);
		assert_int_equal(info.verified, v->verified);
		assert_string_equal(s.out.ptr, v->dump);
		cvg__buf_dispose(&s.out);
	}
}

/* The same records whether the text comes from a file or from memory,
 * and json_bytes counts the uncompressed text. */
static void test_mem_equals_file(void **state)
{
	struct sink a = {CVG_BUF_INIT(0), 0, 0}, b = {CVG_BUF_INIT(0), 0, 0};
	cvg_nvd_file_info ia, ib;
	FILE *fp;
	char data[8192];
	size_t n;

	(void)state;
	fp = fopen(data_path("v11-feed.json"), "rb");
	assert_non_null(fp);
	n = fread(data, 1, sizeof(data), fp);
	fclose(fp);
	assert_true(n > 0 && n < sizeof(data));
	assert_int_equal(cvg_nvd_read_mem("mem", data, n, NULL, collect, &a, &ia), 0);
	assert_int_equal(cvg_nvd_read_file(data_path("v11-feed.json"), NULL, collect, &b, &ib), 0);
	assert_string_equal(a.out.ptr, b.out.ptr);
	assert_int_equal(ia.json_bytes, n);
	assert_int_equal(ib.json_bytes, n);
	cvg__buf_dispose(&a.out);
	cvg__buf_dispose(&b.out);
}

/* ---- Errors on in-memory JSON ---- */

struct error_vector {
	const char *json;
	cvg_nvd_limits limits; /* zeros: the defaults */
	int code;
	const char *message;
	size_t records; /* delivered before the error */
};

#define V11_REC(id) "{\"cve\":{\"CVE_data_meta\":{\"ID\":\"" id "\"}}}"
#define V20_REC(id) "{\"cve\":{\"id\":\"" id "\"}}"

static const struct error_vector error_vectors[] = {
        /* truncated mid-way: the first record was delivered, then premature EOF */
        {"{\"CVE_Items\":[" V11_REC("CVE-1999-0001") ",{\"cve\":{\"CVE_data_meta\":{\"ID\":\"CVE-"
                                                     "1999-0002\"},\"descr",
                {0, 0, 0}, CVG_EPARSE,
                "t.json: byte 116: parse error: premature EOF in record CVE-1999-0002", 1},
        {"{\"vulnerabilities\":[" V20_REC("CVE-2024-0001") ",", {0, 0, 0}, CVG_EPARSE,
                "t.json: byte 51: parse error: premature EOF", 1},
        {"", {0, 0, 0}, CVG_EPARSE, "t.json: byte 0: parse error: premature EOF", 0},
        /* malformed: the April 2025 trailing comma before ]} */
        {"{\"vulnerabilities\":[" V20_REC("CVE-2024-0001") ",]}", {0, 0, 0}, CVG_EPARSE,
                "t.json: byte 52: parse error: unallowed token at this point in JSON text", 1},
        {"{\"vulnerabilities\":[{\"cve\":{\"id\":\"CVE-2024-0001\",}}]}", {0, 0, 0}, CVG_EPARSE,
                "t.json: byte 50: parse error: invalid object key (must be a string) in record "
                "CVE-2024-0001",
                0},
        {"{\"CVE_Items\":[]} {}", {0, 0, 0}, CVG_EPARSE,
                "t.json: byte 18: parse error: trailing garbage", 0},
        {"{\"CVE_Items\":[\"\xff\"]}", {0, 0, 0}, CVG_EPARSE,
                "t.json: byte 16: lexical error: invalid bytes in UTF8 string.", 0},
        /* neither format */
        {"{\"format\":\"NVD_CPE\",\"products\":[{\"cpe\":{}}]}", {0, 0, 0}, CVG_EPARSE,
                "t.json: not NVD JSON 1.1 or 2.0 data (expected CVE_Items or vulnerabilities)", 0},
        {"[]", {0, 0, 0}, CVG_EPARSE,
                "t.json: not NVD JSON 1.1 or 2.0 data (expected CVE_Items or vulnerabilities)", 0},
        {"null", {0, 0, 0}, CVG_EPARSE,
                "t.json: not NVD JSON 1.1 or 2.0 data (expected CVE_Items or vulnerabilities)", 0},
        {"{\"CVE_Items\":{}}", {0, 0, 0}, CVG_EPARSE,
                "t.json: not NVD JSON 1.1 or 2.0 data (expected CVE_Items or vulnerabilities)", 0},
        {"{\"CVE_Items\":[],\"vulnerabilities\":[]}", {0, 0, 0}, CVG_EPARSE,
                "t.json: byte 35: mixes NVD JSON 1.1 and 2.0 data", 0},
        /* records the model cannot hold */
        {"{\"vulnerabilities\":[{\"cve\":{\"sourceIdentifier\":\"x\"}}]}", {0, 0, 0}, CVG_EPARSE,
                "t.json: byte 51: record without an id", 0},
        {"{\"vulnerabilities\":[" V20_REC("CVE-1") ",{\"cve\":null}]}", {0, 0, 0}, CVG_EPARSE,
                "t.json: byte 55: vulnerabilities entry without exactly one cve object", 1},
        {"{\"vulnerabilities\":[{\"cve\":{\"id\":\"CVE-1\"},\"cve\":{\"id\":\"CVE-2\"}}]}",
                {0, 0, 0}, CVG_EPARSE,
                "t.json: byte 63: vulnerabilities entry without exactly one cve object", 2},
        {"{\"CVE_Items\":[{\"publishedDate\":\"2014-01-01T00:00Z\"}]}", {0, 0, 0}, CVG_EPARSE,
                "t.json: byte 51: record without an id", 0},
        {"{\"vulnerabilities\":[{\"cve\":{\"id\":\"CVE-1\",\"configurations\":{}}}]}", {0, 0, 0},
                CVG_EPARSE, "t.json: byte 59: expected an array in record CVE-1", 0},
        {"{\"vulnerabilities\":[{\"cve\":{\"id\":7}}]}", {0, 0, 0}, CVG_EPARSE,
                "t.json: byte 34: expected a string", 0},
        {"{\"vulnerabilities\":[{\"cve\":{\"id\":\"CVE-1\",\"configurations\":[{\"operator\":"
         "\"XOR\"}]}}]}",
                {0, 0, 0}, CVG_EPARSE, "t.json: byte 76: operator is not AND or OR in record CVE-1",
                0},
        {"{\"vulnerabilities\":[{\"cve\":{\"id\":\"CVE-1\",\"configurations\":[{\"nodes\":[{"
         "\"cpeMatch\":[{\"vulnerable\":true}]}]}]}}]}",
                {0, 0, 0}, CVG_EPARSE,
                "t.json: byte 101: cpe match without criteria in record CVE-1", 0},
        {"{\"vulnerabilities\":[{\"cve\":{\"id\":\"CVE-1\",\"configurations\":[{\"nodes\":[{"
         "\"cpeMatch\":[{\"criteria\":\"cpe:2.3:a:x:y:*:*:*:*:*:*:*:*\"}]}]}]}}]}",
                {0, 0, 0}, CVG_EPARSE,
                "t.json: byte 126: cpe match without vulnerable in record CVE-1", 0},
        {"{\"CVE_Items\":[{\"cve\":{\"CVE_data_meta\":{\"ID\":\"CVE-1\"}},\"configurations\":{"
         "\"nodes\":[{\"operator\":\"AND\",\"children\":[{\"operator\":\"AND\",\"children\":[{"
         "\"operator\":\"OR\"}]}]}]}}]}",
                {0, 0, 0}, CVG_EPARSE,
                "t.json: byte 142: configuration nodes nest deeper than NVD 2.0 can express in "
                "record CVE-1",
                0},
        {"{\"CVE_Items\":[{\"cve\":{\"CVE_data_meta\":{\"ID\":\"CVE-1\"}},\"configurations\":{"
         "\"nodes\":[{\"operator\":\"AND\",\"children\":[{\"operator\":\"OR\"}],\"cpe_match\":[{"
         "\"vulnerable\":true,\"cpe23Uri\":\"cpe:2.3:a:x:y:1:*:*:*:*:*:*:*\"}]}]}}]}",
                {0, 0, 0}, CVG_EPARSE,
                "t.json: byte 207: configuration node has both children and cpe_match in record "
                "CVE-1",
                0},
        {"{\"CVE_Items\":[{\"cve\":{\"CVE_data_meta\":{\"ID\":\"CVE-1\"}},\"impact\":{"
         "\"baseMetricV3\":{\"cvssV3\":{\"version\":\"3.2\"}}}}]}",
                {0, 0, 0}, CVG_EPARSE,
                "t.json: byte 105: cvssV3 version is not 3.0 or 3.1 in record CVE-1", 0},
        {"{\"CVE_Items\":[{\"cve\":{\"CVE_data_meta\":{\"ID\":\"CVE-1\"}},\"impact\":{"
         "\"baseMetricV3\":{\"cvssV3\":{\"baseScore\":9.8}}}}]}",
                {0, 0, 0}, CVG_EPARSE,
                "t.json: byte 107: baseMetricV3 without cvssV3.version in record CVE-1", 0},
        /* limits */
        {"{\"vulnerabilities\":[" V20_REC("CVE-1") ",{\"cve\":{\"id\":\"CVE-2\",\"x\":"
                                                   "\"0123456789abcdefg\"}}]}",
                {16, 0, 0}, CVG_ELIMIT,
                "t.json: byte 87: string longer than the limit of 16 bytes in record CVE-2", 1},
        {"{\"vulnerabilities\":[{\"cve\":{\"0123456789abcdefg\":1}}]}", {16, 0, 0}, CVG_ELIMIT,
                "t.json: byte 47: key longer than the limit of 16 bytes", 0},
        {"{\"vulnerabilities\":[{\"cve\":{\"id\":\"CVE-1\",\"n\":12345678901234567}}]}", {16, 0, 0},
                CVG_ELIMIT,
                "t.json: byte 62: number longer than the limit of 16 bytes in record CVE-1", 0},
        {"{\"vulnerabilities\":[" V20_REC("CVE-1") ",{\"cve\":{\"id\":\"CVE-2\",\"x\":[[[]]]}}]}",
                {0, 6, 0}, CVG_ELIMIT,
                "t.json: byte 71: nesting deeper than the limit of 6 in record CVE-2", 1},
        {"{\"vulnerabilities\":[" V20_REC("CVE-1") ",{\"cve\":{\"id\":\"CVE-2\",\"descriptions\""
                                                   ":[{\"lang\":\"en\",\"value\":\"long\"}]}}]}",
                {0, 0, 40}, CVG_ELIMIT,
                "t.json: byte 92: record longer than the limit of 40 bytes in record CVE-2", 1},
        {"{\"vulnerabilities\":[" V20_REC("CVE-1") "," V20_REC("CVE-2") "]}", {0, 0, 0}, CVG_ERROR,
                "stop", 2},
};

static void test_errors(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(error_vectors) / sizeof(error_vectors[0]); i++) {
		const struct error_vector *v = &error_vectors[i];
		struct sink s = {CVG_BUF_INIT(0), 0, 0};
		cvg_nvd_file_info info;
		int rc;

		if (v->code == CVG_ERROR)
			s.fail_at = 2; /* the callback's own error comes back unchanged */
		cvg_error_clear();
		rc = cvg_nvd_read_mem(
		        "t.json", v->json, strlen(v->json), &v->limits, collect, &s, &info);
		if (rc != v->code)
			fail_msg("vector %zu: rc %d, expected %d (%s)", i, rc, v->code,
			        cvg_error_last());
		if (v->code != CVG_ERROR && strcmp(cvg_error_last(), v->message) != 0)
			fail_msg("vector %zu: message\n  got      %s\n  expected %s", i,
			        cvg_error_last(), v->message);
		assert_int_equal(s.records, v->records);
		assert_int_equal(info.records, v->records);
		cvg__buf_dispose(&s.out);
	}
}

/* Unknown keys of any shape and nulls for known ones are ignored. */
static void test_ignored(void **state)
{
	static const char json[] =
	        "{\"format\":\"NVD_CVE\",\"extra\":[{\"vulnerabilities\":[1]}],\"vulnerabilities\":"
	        "[{\"cve\":{\"id\":\"CVE-1\",\"published\":null,\"metrics\":{\"ssvcV203\":[{\"a\":"
	        "[[[{}]]]}],\"cvssMetricV2\":[{\"cvssData\":{\"baseScore\":\"5.0\"},"
	        "\"baseSeverity\":null}]},\"descriptions\":[{\"lang\":\"fr\",\"value\":\"Non\"},{"
	        "\"value\":\"Yes\",\"lang\":\"en-US\"}],\"configurations\":null,\"cveTags\":["
	        "{\"tags\":[\"disputed\"]}]},\"cve2\":{\"id\":\"CVE-2\"}}],\"trailer\":true}";
	struct sink s = {CVG_BUF_INIT(0), 0, 0};
	cvg_nvd_file_info info;

	(void)state;
	assert_int_equal(
	        cvg_nvd_read_mem("t", json, sizeof(json) - 1, NULL, collect, &s, &info), 0);
	assert_int_equal(info.format, CVG_NVD_20);
	assert_string_equal(s.out.ptr,
	        "CVE-1 pub=- mod=- status=- rejected=0 source=-\n"
	        " desc=Yes\n"
	        " metric 2.0 source=- type=- score=5.0 vector=- severity=-\n");
	cvg__buf_dispose(&s.out);
}

/* ---- File errors: .meta, gzip, I/O, limits between chunks ---- */

static void test_file_errors(void **state)
{
	static const struct {
		const char *file;
		int code;
		const char *message; /* after the data directory */
		size_t records;
	} v[] = {
	        {"meta-bad.json", CVG_EVERIFY,
	                "meta-bad.json: sha256 does not match %smeta-bad.meta (expected "
	                "985aeeb7a109c7db6285ebfe566b9580ae98709e340687629055f211821d76dd, got "
	                "2d6a66f11f3b59168902ab17c7f8e258109c2e365b8bd41ab920dab0c8008e90)",
	                1},
	        {"meta-size.json", CVG_EVERIFY,
	                "meta-size.json: size does not match %smeta-size.meta (expected 999 bytes, "
	                "got "
	                "326)",
	                1},
	        {"meta-malformed.json", CVG_EPARSE,
	                "meta-malformed.meta:3: expected 64 hex digits after sha256:", 0},
	        {"gz-truncated.json.gz", CVG_EPARSE,
	                "gz-truncated.json.gz: gzip data: unexpected end of file", 0},
	        {"missing.json", CVG_EIO, "missing.json: No such file or directory", 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct sink s = {CVG_BUF_INIT(0), 0, 0};
		cvg_nvd_file_info info;
		char dir[4096], want[8192];
		const char *got;
		int rc;

		snprintf(dir, sizeof(dir), "%s", data_path(""));
		rc = cvg_nvd_read_file(data_path(v[i].file), NULL, collect, &s, &info);
		got = cvg_error_last();
		if (rc != v[i].code)
			fail_msg("%s: rc %d (%s)", v[i].file, rc, got);
		/* messages name the full path: compare from the data directory on */
		assert_true(strncmp(got, dir, strlen(dir)) == 0);
		got += strlen(dir);
		if (i < 2)
			snprintf(want, sizeof(want), v[i].message, dir);
		else
			snprintf(want, sizeof(want), "%s", v[i].message);
		assert_string_equal(got, want);
		assert_int_equal(s.records, v[i].records);
		assert_false(info.verified);
		cvg__buf_dispose(&s.out);
	}
}

/* A string spanning several read chunks is refused before yajl has
 * buffered all of it. */
static void test_chunk_limits(void **state)
{
	char path[] = "/tmp/test_nvd_XXXXXX";
	cvg_nvd_limits lim = {1000, 64, 64u << 20};
	struct sink s = {CVG_BUF_INIT(0), 0, 0};
	cvg_nvd_file_info info;
	const char *head = "{\"vulnerabilities\":[{\"cve\":{\"id\":\"CVE-1\",\"x\":\"";
	static char filler[4096];
	FILE *fp;
	int fd, rc;
	size_t i;

	(void)state;
	memset(filler, 'a', sizeof(filler));
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "wb");
	assert_non_null(fp);
	fputs(head, fp);
	for (i = 0; i < 256; i++) /* 1 MiB of string */
		fwrite(filler, 1, sizeof(filler), fp);
	fputs("\"}}]}", fp);
	fclose(fp);

	rc = cvg_nvd_read_file(path, &lim, collect, &s, &info);
	assert_int_equal(rc, CVG_ELIMIT);
	assert_non_null(strstr(cvg_error_last(), ": byte 262144: no JSON token ends within"));

	lim.max_token = 2u << 20;
	lim.max_record = 100000;
	rc = cvg_nvd_read_file(path, &lim, collect, &s, &info);
	assert_int_equal(rc, CVG_ELIMIT);
	assert_non_null(strstr(
	        cvg_error_last(), ": byte 262144: record longer than the limit of 100000 bytes"));

	lim.max_record = 2u << 20;
	assert_int_equal(cvg_nvd_read_file(path, &lim, collect, &s, &info), 0);
	assert_int_equal(info.records, 1);
	assert_int_equal(info.json_bytes, strlen(head) + 256 * sizeof(filler) + 5);
	unlink(path);
	cvg__buf_dispose(&s.out);
}

/* ---- The .meta sidecar ---- */

static void test_meta_parse(void **state)
{
	static const struct {
		const char *text;
		int code;
		bool has_size;
		uint64_t size;
		const char *sha256_or_message;
	} v[] = {
	        /* nvdcve-1.1-2014.meta, byte for byte (CRLF) */
	        {"lastModifiedDate:2023-12-30T03:02:38-05:00\r\nsize:40674372\r\nzipSize:"
	         "2348021\r\n"
	         "gzSize:2347885\r\n"
	         "sha256:9FF274818A67F5E96BF0DAC4310A073F7CF3EFEF52CE60B8AD39FAD1A9CF5C2B\r\n",
	                0, true, 40674372,
	                "9ff274818a67f5e96bf0dac4310a073f7cf3efef52ce60b8ad39fad1a9cf5c2b"},
	        /* LF only, no final newline, an unknown key, no size */
	        {"newKey:whatever\nsha256:"
	         "00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF",
	                0, false, 0,
	                "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"},
	        {"size:12\r\n", CVG_EPARSE, false, 0, "m.meta: no sha256 line"},
	        {"size:12\r\nsha256 0011\r\n", CVG_EPARSE, false, 0,
	                "m.meta:2: expected key:value"},
	        {"sha256:0011\r\n", CVG_EPARSE, false, 0,
	                "m.meta:1: expected 64 hex digits after sha256:"},
	        {"sha256:0011223344556677889900112233445566778899001122334455667788990g\r\n",
	                CVG_EPARSE, false, 0, "m.meta:1: expected 64 hex digits after sha256:"},
	        {"size:-1\r\n", CVG_EPARSE, false, 0,
	                "m.meta:1: expected a byte count after size:"},
	        {"size:99999999999999999999\r\n", CVG_EPARSE, false, 0,
	                "m.meta:1: expected a byte count after size:"},
	        {"gzSize:1\r\ngzSize:1\r\n", CVG_EPARSE, false, 0,
	                "m.meta:2: duplicate key gzSize"},
	        {":x\r\n", CVG_EPARSE, false, 0, "m.meta:1: expected key:value"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		cvg__nvd_meta m;
		int rc = cvg__nvd_meta_parse(&m, "m.meta", v[i].text, strlen(v[i].text));

		if (rc != v[i].code)
			fail_msg("vector %zu: rc %d (%s)", i, rc, cvg_error_last());
		if (rc < 0) {
			assert_string_equal(cvg_error_last(), v[i].sha256_or_message);
			continue;
		}
		assert_int_equal(m.has_size, v[i].has_size);
		assert_int_equal(m.size, v[i].size);
		assert_string_equal(m.sha256, v[i].sha256_or_message);
	}
}

static void test_meta_path(void **state)
{
	static const struct {
		const char *in, *out;
	} v[] = {
	        {"d/nvdcve-1.1-2014.json.gz", "d/nvdcve-1.1-2014.meta"},
	        {"nvdcve-2.0-2024.json", "nvdcve-2.0-2024.meta"},
	        {".json", ".meta"},
	        {"nvdcve-1.1-2014.json.zip", NULL},
	        {"page.gz", NULL},
	        {"json", NULL},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char *out = NULL;
		assert_int_equal(cvg__nvd_meta_path(&out, v[i].in), 0);
		if (v[i].out == NULL)
			assert_null(out);
		else
			assert_string_equal(out, v[i].out);
		free(out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_files),
	        cmocka_unit_test(test_mem_equals_file),
	        cmocka_unit_test(test_errors),
	        cmocka_unit_test(test_ignored),
	        cmocka_unit_test(test_file_errors),
	        cmocka_unit_test(test_chunk_limits),
	        cmocka_unit_test(test_meta_parse),
	        cmocka_unit_test(test_meta_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
