/*
 * tests/unit/test_cpe.c - CPE 2.3 formatted-string parsing and attribute
 * matching.
 *
 * Vectors: the formatted-string examples of NISTIR 7695 section 6.2
 * (binding and unbinding examples), real criteria from the NVD 1.1 feeds
 * (openssl, node.js, linux_kernel, the quoted punctuation the NVD uses), and
 * malformed inputs with the exact error code. Matching vectors follow the
 * NISTIR 7696 rules (ANY, NA, case-insensitive equality, leading and
 * trailing wildcards) plus glob cases beyond the spec that must not blow up.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cvegate/cpe.h"
#include "cvegate/error.h"

/* ---- Parsing valid names ---- */

typedef struct parse_vec {
	const char *fs;
	/* raw of every attribute, in order */
	const char *raw[CVG_CPE_NFIELDS];
	/* value of vendor, product, version (NULL when ANY/NA) */
	const char *vendor, *product, *version;
	bool version_wildcard;
} parse_vec;

static const parse_vec parse_vecs[] = {
        /* NISTIR 7695 6.2 examples */
        {"cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*",
                {"a", "microsoft", "internet_explorer", "8.0.6001", "beta", "*", "*", "*", "*", "*",
                        "*"},
                "microsoft", "internet_explorer", "8.0.6001", false},
        {"cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*",
                {"a", "microsoft", "internet_explorer", "8.*", "sp?", "*", "*", "*", "*", "*", "*"},
                "microsoft", "internet_explorer", "8.*", true},
        {"cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*",
                {"a", "hp", "insight_diagnostics", "7.4.0.1570", "-", "*", "*", "online", "win2003",
                        "x64", "*"},
                "hp", "insight_diagnostics", "7.4.0.1570", false},
        {"cpe:2.3:a:hp:openview_network_manager:7.51:*:*:*:*:linux:*:*",
                {"a", "hp", "openview_network_manager", "7.51", "*", "*", "*", "*", "linux", "*",
                        "*"},
                "hp", "openview_network_manager", "7.51", false},
        {"cpe:2.3:a:foo\\\\bar:big\\$money_2010:*:*:*:*:special:ipod_touch:80gb:*",
                {"a", "foo\\\\bar", "big\\$money_2010", "*", "*", "*", "*", "special", "ipod_touch",
                        "80gb", "*"},
                "foo\\bar", "big$money_2010", NULL, false},
        /* real NVD criteria */
        {"cpe:2.3:a:openssl:openssl:1.0.1:beta1:*:*:*:*:*:*",
                {"a", "openssl", "openssl", "1.0.1", "beta1", "*", "*", "*", "*", "*", "*"},
                "openssl", "openssl", "1.0.1", false},
        {"cpe:2.3:a:nodejs:node.js:*:*:*:*:*:*:*:*",
                {"a", "nodejs", "node.js", "*", "*", "*", "*", "*", "*", "*", "*"}, "nodejs",
                "node.js", NULL, false},
        {"cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*",
                {"o", "linux", "linux_kernel", "*", "*", "*", "*", "*", "*", "*", "*"}, "linux",
                "linux_kernel", NULL, false},
        {"cpe:2.3:a:zlib:zlib:1.2.11:*:*:*:*:*:*:*",
                {"a", "zlib", "zlib", "1.2.11", "*", "*", "*", "*", "*", "*", "*"}, "zlib", "zlib",
                "1.2.11", false},
        /* quoted punctuation as the NVD writes it */
        {"cpe:2.3:a:gnu:glibc:1.0\\(beta\\):*:*:*:*:*:*:*",
                {"a", "gnu", "glibc", "1.0\\(beta\\)", "*", "*", "*", "*", "*", "*", "*"}, "gnu",
                "glibc", "1.0(beta)", false},
        {"cpe:2.3:h:example:board:m4\\/m5:-:*:*:*:*:*:*",
                {"h", "example", "board", "m4\\/m5", "-", "*", "*", "*", "*", "*", "*"}, "example",
                "board", "m4/m5", false},
        {"cpe:2.3:h:intel:ssd_540s_2.5\\\":-:*:*:*:*:*:*:*",
                {"h", "intel", "ssd_540s_2.5\\\"", "-", "*", "*", "*", "*", "*", "*", "*"}, "intel",
                "ssd_540s_2.5\"", NULL, false},
        {"cpe:2.3:a:nodejs:node\\.js:8.0.0:*:*:*:*:*:*:*",
                {"a", "nodejs", "node\\.js", "8.0.0", "*", "*", "*", "*", "*", "*", "*"}, "nodejs",
                "node.js", "8.0.0", false},
        /* a quoted colon is part of the value, not a separator */
        {"cpe:2.3:a:foo:bar\\:mumble:1.0:*:*:*:*:*:*:*",
                {"a", "foo", "bar\\:mumble", "1.0", "*", "*", "*", "*", "*", "*", "*"}, "foo",
                "bar:mumble", "1.0", false},
        /* a quoted star is a literal, not a wildcard */
        {"cpe:2.3:a:foo:bar:1.\\*:*:*:*:*:*:*:*",
                {"a", "foo", "bar", "1.\\*", "*", "*", "*", "*", "*", "*", "*"}, "foo", "bar",
                "1.*", false},
        /* a quoted hyphen alone is a value, not NA */
        {"cpe:2.3:*:foo:bar:\\-:*:*:*:*:*:*:*",
                {"*", "foo", "bar", "\\-", "*", "*", "*", "*", "*", "*", "*"}, "foo", "bar", "-",
                false},
        {"cpe:2.3:-:-:-:-:-:-:-:-:-:-:-", {"-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-"},
                NULL, NULL, NULL, false},
};

static void test_parse_valid(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(parse_vecs) / sizeof(parse_vecs[0]); i++) {
		const parse_vec *v = &parse_vecs[i];
		cvg_cpe *cpe = NULL;

		print_message("%s\n", v->fs);
		assert_int_equal(cvg_cpe_parse(&cpe, v->fs), 0);
		assert_non_null(cpe);
		for (int f = 0; f < CVG_CPE_NFIELDS; f++) {
			const cvg_cpe_attr *a = &cpe->attr[f];
			assert_string_equal(a->raw, v->raw[f]);
			if (strcmp(v->raw[f], "*") == 0) {
				assert_int_equal(a->kind, CVG_CPE_ANY);
				assert_null(a->value);
			} else if (strcmp(v->raw[f], "-") == 0) {
				assert_int_equal(a->kind, CVG_CPE_NA);
				assert_null(a->value);
			} else {
				assert_int_equal(a->kind, CVG_CPE_VALUE);
				assert_non_null(a->value);
			}
		}
		if (v->vendor)
			assert_string_equal(cpe->attr[CVG_CPE_VENDOR].value, v->vendor);
		if (v->product)
			assert_string_equal(cpe->attr[CVG_CPE_PRODUCT].value, v->product);
		if (v->version)
			assert_string_equal(cpe->attr[CVG_CPE_VERSION].value, v->version);
		assert_int_equal(cpe->attr[CVG_CPE_VERSION].wildcard, v->version_wildcard);
		assert_false(cpe->attr[CVG_CPE_VENDOR].wildcard);
		cvg_cpe_free(cpe);
	}
}

static void test_parse_wildcard_flags(void **state)
{
	cvg_cpe *cpe = NULL;

	(void)state;
	assert_int_equal(cvg_cpe_parse(&cpe, "cpe:2.3:a:foo*:?bar:1.\\?:sp?:*:*:*:*:*:*"), 0);
	assert_true(cpe->attr[CVG_CPE_VENDOR].wildcard);
	assert_true(cpe->attr[CVG_CPE_PRODUCT].wildcard);
	assert_false(cpe->attr[CVG_CPE_VERSION].wildcard);
	assert_string_equal(cpe->attr[CVG_CPE_VERSION].value, "1.?");
	assert_true(cpe->attr[CVG_CPE_UPDATE].wildcard);
	assert_false(cpe->attr[CVG_CPE_EDITION].wildcard);
	cvg_cpe_free(cpe);
	cvg_cpe_free(NULL);
}

/* ---- Malformed names ---- */

typedef struct bad_vec {
	const char *fs;
	int code;
	const char *message; /* a substring of cvg_error_last() */
} bad_vec;

static const bad_vec bad_vecs[] = {
        {"", CVG_EPARSE, "expected \"cpe:2.3:\""},
        {"cpe:/a:openssl:openssl:1.0.1", CVG_EPARSE, "expected \"cpe:2.3:\""},
        {"CPE:2.3:a:openssl:openssl:1.0.1:*:*:*:*:*:*:*", CVG_EPARSE, "expected \"cpe:2.3:\""},
        {"cpe:2.2:a:openssl:openssl:1.0.1:*:*:*:*:*:*:*", CVG_EPARSE, "expected \"cpe:2.3:\""},
        {"cpe:2.3:", CVG_EPARSE, "empty attribute"},
        {"cpe:2.3:a:openssl:openssl", CVG_EPARSE,
                "expected 11 attributes after \"cpe:2.3:\", found 3"},
        {"cpe:2.3:a:openssl:openssl:1.0.1:*:*:*:*:*:*", CVG_EPARSE, "found 10"},
        {"cpe:2.3:a:openssl:openssl:1.0.1:*:*:*:*:*:*:*:*", CVG_EPARSE, "found more"},
        {"cpe:2.3:a:openssl:openssl:1.0.1:*:*:*:*:*:*:", CVG_EPARSE,
                "expected a value in the other attribute"},
        {"cpe:2.3:a::openssl:1.0.1:*:*:*:*:*:*:*", CVG_EPARSE,
                "expected a value in the vendor attribute"},
        {"cpe:2.3:a:openssl:openssl:1.0.1:*:*:*:*:*:*:*\\", CVG_EPARSE,
                "expected a character after the backslash at the end of the other attribute"},
        /* "\:" eats the separator, leaving ten attributes */
        {"cpe:2.3:a:openssl:openssl\\:1.0.1:*:*:*:*:*:*:*", CVG_EPARSE, "found 10"},
        {"cpe:2.3:x:openssl:openssl:1.0.1:*:*:*:*:*:*:*", CVG_EPARSE, "expected part"},
        {"cpe:2.3:app:openssl:openssl:1.0.1:*:*:*:*:*:*:*", CVG_EPARSE, "found \"app\""},
        {"cpe:2.3:a:open ssl:openssl:1.0.1:*:*:*:*:*:*:*", CVG_EPARSE,
                "in the vendor attribute, found byte 0x20"},
        {"cpe:2.3:a:openssl:openssl:1.0(beta):*:*:*:*:*:*:*", CVG_EPARSE,
                "in the version attribute, found '('"},
        {"cpe:2.3:a:foo:m4/m5:1:*:*:*:*:*:*:*", CVG_EPARSE, "found '/'"},
        {"cpe:2.3:a:foo:bar:1\\ :*:*:*:*:*:*:*", CVG_EPARSE, "after a backslash"},
        {"cpe:2.3:a:foo:b\xc3\xa4r:1:*:*:*:*:*:*:*", CVG_EPARSE, "found byte 0xc3"},
        {"cpe:2.3:a:foo:bar:1\t:*:*:*:*:*:*:*", CVG_EPARSE, "found byte 0x09"},
};

static void test_parse_malformed(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad_vecs) / sizeof(bad_vecs[0]); i++) {
		const bad_vec *v = &bad_vecs[i];
		cvg_cpe *cpe = (cvg_cpe *)&cpe; /* must be reset to NULL */

		print_message("%s\n", v->fs);
		assert_int_equal(cvg_cpe_parse(&cpe, v->fs), v->code);
		assert_null(cpe);
		if (strstr(cvg_error_last(), v->message) == NULL)
			fail_msg("message \"%s\" lacks \"%s\"", cvg_error_last(), v->message);
	}
}

static void test_parse_too_long(void **state)
{
	static char fs[5000];
	cvg_cpe *cpe = NULL;
	cvg_cpe_key key;

	(void)state;
	memcpy(fs, "cpe:2.3:a:", 10);
	memset(fs + 10, 'x', sizeof(fs) - 11);
	fs[sizeof(fs) - 1] = '\0';
	assert_int_equal(cvg_cpe_parse(&cpe, fs), CVG_ELIMIT);
	assert_null(cpe);
	assert_int_equal(cvg_cpe_key_parse(&key, fs), CVG_ELIMIT);
}

/* ---- The importer's fast path ---- */

typedef struct key_vec {
	const char *fs;
	int code;
	const char *vendor, *product, *version, *update;
} key_vec;

static const key_vec key_vecs[] = {
        {"cpe:2.3:a:openssl:openssl:1.0.1:beta1:*:*:*:*:*:*", 0, "openssl", "openssl", "1.0.1",
                "beta1"},
        {"cpe:2.3:a:nodejs:node.js:*:*:*:*:*:*:*:*", 0, "nodejs", "node.js", "*", "*"},
        {"cpe:2.3:a:nodejs:node\\.js:*:*:*:*:*:*:*:*", 0, "nodejs", "node.js", "*", "*"},
        {"cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*", 0, "linux", "linux_kernel", "*", "*"},
        {"cpe:2.3:a:foo\\\\bar:big\\$money_2010:*:*:*:*:special:ipod_touch:80gb:*", 0, "foo\\bar",
                "big$money_2010", "*", "*"},
        {"cpe:2.3:h:intel:ssd_540s_2.5\\\":-:*:*:*:*:*:*:*", 0, "intel", "ssd_540s_2.5\"", "-",
                "*"},
        /* the version keeps its escapes: it is read again with cvg_cpe_attr_from_raw */
        {"cpe:2.3:a:x:y:m4\\/m5:-:*:*:*:*:*:*", 0, "x", "y", "m4\\/m5", "-"},
        {"cpe:2.3:a:*:-:*:*:*:*:*:*:*:*", 0, "*", "-", "*", "*"},
        {"cpe:2.3:a:foo:bar\\:mumble:1.0:*:*:*:*:*:*:*", 0, "foo", "bar:mumble", "1.0", "*"},
        {"cpe:2.3:a:openssl:openssl:1:*:*:*:*:*:*", CVG_EPARSE, NULL, NULL, NULL, NULL},
        {"cpe:2.3:a:openssl:openssl:1:*:*:*:*:*:*:*:*", CVG_EPARSE, NULL, NULL, NULL, NULL},
        {"cpe:2.3:a:openssl:openssl", CVG_EPARSE, NULL, NULL, NULL, NULL},
        {"cpe:2.3:a", CVG_EPARSE, NULL, NULL, NULL, NULL},
        {"cpe:2.3:a::openssl:1:*:*:*:*:*:*:*", CVG_EPARSE, NULL, NULL, NULL, NULL},
        {"cpe:2.3:q:openssl:openssl:1:*:*:*:*:*:*:*", CVG_EPARSE, NULL, NULL, NULL, NULL},
        {"cpe:2.3:a:open ssl:openssl:1:*:*:*:*:*:*:*", CVG_EPARSE, NULL, NULL, NULL, NULL},
        {"cpe:2.3:a:openssl:openssl\\", CVG_EPARSE, NULL, NULL, NULL, NULL},
        {"cpe:/a:openssl:openssl", CVG_EPARSE, NULL, NULL, NULL, NULL},
};

static void test_key(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(key_vecs) / sizeof(key_vecs[0]); i++) {
		const key_vec *v = &key_vecs[i];
		cvg_cpe_key key;

		print_message("%s\n", v->fs);
		assert_int_equal(cvg_cpe_key_parse(&key, v->fs), v->code);
		if (v->code == 0) {
			assert_string_equal(key.vendor, v->vendor);
			assert_string_equal(key.product, v->product);
			assert_string_equal(key.version, v->version);
			assert_string_equal(key.update, v->update);
		}
	}
}

/* Which keys rebuild their string exactly (cvg_cpe_key_format). */
static void test_key_plain(void **state)
{
	static const struct {
		const char *fs;
		bool plain;
	} vecs[] = {
	        {"cpe:2.3:a:openssl:openssl:1.0.1:beta1:*:*:*:*:*:*", true},
	        {"cpe:2.3:a:x:y:m4\\/m5:-:*:*:*:*:*:*", true}, /* escapes in the version are kept */
	        {"cpe:2.3:a:nodejs:node\\.js:*:*:*:*:*:*:*:*", false},
	        {"cpe:2.3:h:intel:ssd_540s_2.5\\\":-:*:*:*:*:*:*:*", false},
	        {"cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*", false},
	        {"cpe:2.3:a:gnu:glibc:*:*:*:*:*:*:*:-", false},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++) {
		cvg_cpe_key key;
		char rebuilt[512];

		assert_int_equal(cvg_cpe_key_parse(&key, vecs[i].fs), 0);
		assert_int_equal(key.plain, vecs[i].plain);
		if (!key.plain)
			continue;
		assert_int_equal(cvg_cpe_key_format(rebuilt, sizeof(rebuilt), key.part, key.vendor,
		                         key.product, key.version, key.update),
		        0);
		assert_string_equal(rebuilt, vecs[i].fs);
	}
}

/* A vendor of 255 bytes fits the key, one of 256 is CVG_ELIMIT. */
static void test_key_limits(void **state)
{
	char fs[600];
	cvg_cpe_key key;

	(void)state;
	for (size_t n = 255; n <= 256; n++) {
		memcpy(fs, "cpe:2.3:a:", 10);
		memset(fs + 10, 'v', n);
		snprintf(fs + 10 + n, sizeof(fs) - 10 - n, ":p:1:*:*:*:*:*:*:*");
		assert_int_equal(cvg_cpe_key_parse(&key, fs), n == 255 ? 0 : CVG_ELIMIT);
	}
}

/* The fast path agrees with the full parser on every valid vector. */
static void test_key_agrees(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(parse_vecs) / sizeof(parse_vecs[0]); i++) {
		cvg_cpe *cpe = NULL;
		cvg_cpe_key key;
		const cvg_cpe_attr *a;

		assert_int_equal(cvg_cpe_parse(&cpe, parse_vecs[i].fs), 0);
		assert_int_equal(cvg_cpe_key_parse(&key, parse_vecs[i].fs), 0);
		if (key.plain) {
			char rebuilt[512];
			assert_int_equal(cvg_cpe_key_format(rebuilt, sizeof(rebuilt), key.part,
			                         key.vendor, key.product, key.version, key.update),
			        0);
			assert_string_equal(rebuilt, parse_vecs[i].fs);
		}
		a = &cpe->attr[CVG_CPE_VENDOR];
		assert_string_equal(key.vendor, a->value ? a->value : a->raw);
		a = &cpe->attr[CVG_CPE_PRODUCT];
		assert_string_equal(key.product, a->value ? a->value : a->raw);
		assert_string_equal(key.version, cpe->attr[CVG_CPE_VERSION].raw);
		assert_string_equal(key.update, cpe->attr[CVG_CPE_UPDATE].raw);
		cvg_cpe_free(cpe);
	}
}

/* An attribute read back from its raw form equals the full parser's. */
static void test_attr_from_raw(void **state)
{
	static const struct {
		const char *raw;
		int code;
		cvg_cpe_kind kind;
		const char *value;
		bool wildcard;
	} vecs[] = {
	        {"*", 0, CVG_CPE_ANY, NULL, false},
	        {"-", 0, CVG_CPE_NA, NULL, false},
	        {"1.0.1f", 0, CVG_CPE_VALUE, "1.0.1f", false},
	        {"m4\\/m5", 0, CVG_CPE_VALUE, "m4/m5", false},
	        {"1.*", 0, CVG_CPE_VALUE, "1.*", true},
	        {"1\\*", 0, CVG_CPE_VALUE, "1*", false},
	        {"a:b", CVG_EPARSE, 0, NULL, false},
	        {"", CVG_EPARSE, 0, NULL, false},
	        {"1.0\\", CVG_EPARSE, 0, NULL, false},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++) {
		cvg_cpe_attr a;
		char buf[64];

		assert_int_equal(
		        cvg_cpe_attr_from_raw(&a, buf, sizeof(buf), vecs[i].raw, CVG_CPE_VERSION),
		        vecs[i].code);
		if (vecs[i].code != 0)
			continue;
		assert_int_equal(a.kind, vecs[i].kind);
		assert_ptr_equal(a.raw, vecs[i].raw);
		assert_int_equal(a.wildcard, vecs[i].wildcard);
		if (vecs[i].value)
			assert_string_equal(a.value, vecs[i].value);
		else
			assert_null(a.value);
	}
}

/* ---- Matching ---- */

typedef struct match_vec {
	const char *pattern_fs_version; /* the version attribute of a criterion, raw */
	const char *value;              /* concrete value, NULL = NA */
	bool match;
} match_vec;

static const match_vec match_vecs[] = {
        /* NISTIR 7696 table 6-2: ANY is a superset of everything, NA of NA only */
        {"*", "1.0.1", true},
        {"*", NULL, true},
        {"*", "", true},
        {"-", NULL, true},
        {"-", "1.0.1", false},
        {"-", "-", false},
        /* plain values: equal, case-insensitively, after unescaping */
        {"1.0.1", "1.0.1", true},
        {"1.0.1", "1.0.2", false},
        {"1.0.1", "1.0.1a", false},
        {"1.0.1", "1.0.", false},
        {"1.0.1", NULL, false},
        {"beta1", "BETA1", true},
        {"1.0\\(beta\\)", "1.0(beta)", true},
        {"1.0\\(beta\\)", "1.0\\(beta\\)", false},
        {"m4\\/m5", "M4/M5", true},
        {"\\-", "-", true},
        {"\\-", NULL, false},
        {"1.\\*", "1.*", true},
        {"1.\\*", "1.5", false},
        /* NISTIR 7696 wildcards: leading/trailing "*" any sequence, "?" one char */
        {"8.*", "8.0.6001", true},
        {"8.*", "8.", true},
        {"8.*", "9.0", false},
        {"8.*", "8", false},
        {"*.1570", "7.4.0.1570", true},
        {"*.1570", "7.4.0.1571", false},
        {"sp?", "sp1", true},
        {"sp?", "SP2", true},
        {"sp?", "sp", false},
        {"sp?", "sp10", false},
        {"sp??", "sp10", true},
        {"?p1", "sp1", true},
        {"8.*", NULL, false},
        /* tolerated beyond the spec: embedded wildcards, glob semantics */
        {"1.*.3", "1.2.3", true},
        {"1.*.3", "1.2.2.3", true},
        {"1.*.3", "1.2.4", false},
        {"1.?.3", "1.x.3", true},
        {"**1", "1", true},
        {"1\\*?", "1*x", true},
        {"1\\*?", "12x", false},
        {"a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},
        {"a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", true},
};

static void test_attr_match(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(match_vecs) / sizeof(match_vecs[0]); i++) {
		const match_vec *v = &match_vecs[i];
		char fs[256];
		cvg_cpe *cpe = NULL;
		size_t n = strlen(v->pattern_fs_version);

		print_message("%s vs %s\n", v->pattern_fs_version, v->value ? v->value : "(NA)");
		assert_true(n < 200);
		memcpy(fs, "cpe:2.3:a:v:p:", 14);
		memcpy(fs + 14, v->pattern_fs_version, n);
		memcpy(fs + 14 + n, ":*:*:*:*:*:*:*", 15);
		assert_int_equal(cvg_cpe_parse(&cpe, fs), 0);
		assert_int_equal(
		        cvg_cpe_attr_match(&cpe->attr[CVG_CPE_VERSION], v->value), v->match);
		cvg_cpe_free(cpe);
	}
}

/* A hand-built pattern (no raw) still matches by its value. */
static void test_attr_match_handmade(void **state)
{
	char value[] = "OpenSSL";
	cvg_cpe_attr a = {CVG_CPE_VALUE, NULL, value, false};

	(void)state;
	assert_true(cvg_cpe_attr_match(&a, "openssl"));
	assert_false(cvg_cpe_attr_match(&a, "openssh"));
	assert_false(cvg_cpe_attr_match(&a, NULL));
}

/* ---- CPE 2.2 URIs: NISTIR 7695 section 6.1.3 ---- */

typedef struct uri_vec {
	const char *uri;
	const char *fs; /* NULL: refused */
} uri_vec;

static const uri_vec uri_vecs[] = {
        /* NISTIR 7695 section 6.1.3.3, examples 1-8 (the WFNs they give, bound as
         * formatted strings) */
        {"cpe:/a:microsoft:internet_explorer:8.0.6001:beta",
                "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*"},
        {"cpe:/a:microsoft:internet_explorer:8.%2a:sp%3f",
                "cpe:2.3:a:microsoft:internet_explorer:8.\\*:sp\\?:*:*:*:*:*:*"},
        {"cpe:/a:microsoft:internet_explorer:8.%02:sp%01",
                "cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*"},
        {"cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~x64~",
                "cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:*:*:*:online:win2003:x64:*"},
        {"cpe:/a:hp:openview_network_manager:7.51:-:~~~linux~~",
                "cpe:2.3:a:hp:openview_network_manager:7.51:-:*:*:*:linux:*:*"},
        {"cpe:/a:foo%5cbar:big%24money_2010%07:::~~special~ipod_touch~80gb~", NULL},
        {"cpe:/a:foo~bar:big%7emoney_2010", "cpe:2.3:a:foo\\~bar:big\\~money_2010:*:*:*:*:*:*:*:*"},
        {"cpe:/a:yahoo:toolbar:3.1.2.2.3", "cpe:2.3:a:yahoo:toolbar:3.1.2.2.3:*:*:*:*:*:*:*"},
        /* as SBOM tools write them: upper case is folded, short URIs are ANY */
        {"cpe:/a:OpenSSL:OpenSSL:1.0.1f", "cpe:2.3:a:openssl:openssl:1.0.1f:*:*:*:*:*:*:*"},
        {"cpe:/o:linux:linux_kernel", "cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*"},
        {"cpe:/", "cpe:2.3:*:*:*:*:*:*:*:*:*:*:*"},
        {"cpe:/a:gnu:bash:4.3::~~~~~", "cpe:2.3:a:gnu:bash:4.3:*:*:*:*:*:*:*"},
        {"cpe:/a:x:y:1:2:3:en:extra", NULL},            /* eight components */
        {"cpe:/x:gnu:bash", NULL},                      /* no such part */
        {"cpe:/a:gnu:bash:4%", NULL},                   /* a cut escape */
        {"cpe:/a:gnu:bash:4%zz", NULL},                 /* not hex */
        {"cpe:/a:gnu:ba sh", NULL},                     /* a space */
        {"cpe:/a:gnu:bash:1::~a~b~c", NULL},            /* a packed edition of four */
        {"cpe:2.3:a:gnu:bash:4.3:*:*:*:*:*:*:*", NULL}, /* not a URI */
        {"cpe:/a:*:bash:4.3", NULL},                    /* a bare '*': spelled %02 */
        {"cpe:/a:gnu:bash:4.?", NULL},                  /* a bare '?': spelled %01 */
};

static void test_uri_to_fs(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(uri_vecs) / sizeof(uri_vecs[0]); i++) {
		const uri_vec *v = &uri_vecs[i];
		char *fs = NULL;
		int rc = cvg_cpe_uri_to_fs(&fs, v->uri, strlen(v->uri));
		cvg_cpe *cpe = NULL;

		if (v->fs == NULL) {
			if (rc != CVG_EPARSE)
				fail_msg("%s: want CVG_EPARSE, got %d (%s)", v->uri, rc, fs);
			assert_null(fs);
			continue;
		}
		if (rc != 0)
			fail_msg("%s: %s", v->uri, cvg_error_last());
		if (strcmp(fs, v->fs) != 0)
			fail_msg("%s: got %s, want %s", v->uri, fs, v->fs);
		/* what comes out is a valid formatted string */
		assert_int_equal(cvg_cpe_parse(&cpe, fs), 0);
		cvg_cpe_free(cpe);
		free(fs);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_parse_valid),
	        cmocka_unit_test(test_parse_wildcard_flags),
	        cmocka_unit_test(test_parse_malformed),
	        cmocka_unit_test(test_parse_too_long),
	        cmocka_unit_test(test_key),
	        cmocka_unit_test(test_key_limits),
	        cmocka_unit_test(test_key_plain),
	        cmocka_unit_test(test_attr_from_raw),
	        cmocka_unit_test(test_key_agrees),
	        cmocka_unit_test(test_attr_match),
	        cmocka_unit_test(test_attr_match_handmade),
	        cmocka_unit_test(test_uri_to_fs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
