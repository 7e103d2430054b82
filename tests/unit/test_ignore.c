/*
 * tests/unit/test_ignore.c - the ignore list, as tables of vectors.
 *
 * The format is LibScanner's ("CVE-2014-0160 , reason" a line, as in its
 * README's example); the id syntax is the CVE Program's since 2014
 * (CVE-YYYY-NNNN with four or more sequence digits, e.g. CVE-2019-1010022).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cvegate/ignore.h"
#include "lib/ignore_internal.h"

static int parse(cvg_ignore **out, const char *text, warnings *w)
{
	return cvg__ignore_parse(out, text, strlen(text), "ign.txt", w ? collect : NULL, w);
}

/* One line: the entry it gives, or the exact error; the warning, if any. */
static const struct {
	const char *line;
	const char *cve, *reason; /* cve NULL: an error */
	const char *message;      /* the error, or the warning (NULL: none) */
} vectors[] = {
        {"CVE-2014-0160 , fixed by patch", "CVE-2014-0160", "fixed by patch", NULL},
        {"CVE-2014-0160,fixed by patch", "CVE-2014-0160", "fixed by patch", NULL},
        {"  CVE-2014-0160\t,\tfixed by patch  ", "CVE-2014-0160", "fixed by patch", NULL},
        {"cve-2014-0160 , lower case id", "CVE-2014-0160", "lower case id", NULL},
        {"Cve-2014-0160,mixed", "CVE-2014-0160", "mixed", NULL},
        {"CVE-2016-2108, not built: no ASN.1 printing, see #42", "CVE-2016-2108",
                "not built: no ASN.1 printing, see #42", NULL},
        {"CVE-2016-2108 , a, b, , c", "CVE-2016-2108", "a, b, , c", NULL},
        {"CVE-2019-1010022 , seven digits", "CVE-2019-1010022", "seven digits", NULL},
        {"CVE-2014-0160", "CVE-2014-0160", "N/A",
                "ign.txt:1: no reason given for CVE-2014-0160; using N/A"},
        {"CVE-2014-0160 ,   ", "CVE-2014-0160", "N/A",
                "ign.txt:1: no reason given for CVE-2014-0160; using N/A"},
        {"CVE-2014-016 , three digits", NULL, NULL,
                "ign.txt:1: expected 'CVE-YYYY-NNNN , reason', found 'CVE-2014-016 , three "
                "digits'"},
        {"CVE-14-0160 , short year", NULL, NULL,
                "ign.txt:1: expected 'CVE-YYYY-NNNN , reason', found 'CVE-14-0160 , short year'"},
        {"2014-0160 , no prefix", NULL, NULL,
                "ign.txt:1: expected 'CVE-YYYY-NNNN , reason', found '2014-0160 , no prefix'"},
        {"CVE-2014-0160 fixed by patch", NULL, NULL,
                "ign.txt:1: expected 'CVE-YYYY-NNNN , reason', found 'CVE-2014-0160 fixed by "
                "patch'"},
        {", reason only", NULL, NULL,
                "ign.txt:1: expected 'CVE-YYYY-NNNN , reason', found ', reason only'"},
        {"CVE-2014-0160a , x", NULL, NULL,
                "ign.txt:1: expected 'CVE-YYYY-NNNN , reason', found 'CVE-2014-0160a , x'"},
        {"CVE_2014_0160 , x", NULL, NULL,
                "ign.txt:1: expected 'CVE-YYYY-NNNN , reason', found 'CVE_2014_0160 , x'"},
        {"CVE-2014-12345678901234567890 , too long", NULL, NULL,
                "ign.txt:1: expected 'CVE-YYYY-NNNN , reason', found "
                "'CVE-2014-12345678901234567890 , too long'"},
        {"GHSA-xxxx-yyyy-zzzz , not a CVE", NULL, NULL,
                "ign.txt:1: expected 'CVE-YYYY-NNNN , reason', found 'GHSA-xxxx-yyyy-zzzz , not a "
                "CVE'"},
};

static void test_lines(void **state)
{
	(void)state;

	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		cvg_ignore *ign = NULL;
		warnings w = {0};
		int rc = parse(&ign, vectors[i].line, &w);
		if (vectors[i].cve == NULL) {
			if (rc != CVG_EPARSE)
				fail_msg("'%s': expected CVG_EPARSE, got %d", vectors[i].line, rc);
			assert_null(ign);
			assert_string_equal(cvg_error_last(), vectors[i].message);
			continue;
		}
		if (rc != 0)
			fail_msg("'%s': %s", vectors[i].line, cvg_error_last());
		assert_int_equal(ign->nentries, 1);
		assert_string_equal(ign->entries[0].cve, vectors[i].cve);
		assert_string_equal(ign->entries[0].reason, vectors[i].reason);
		assert_int_equal(ign->entries[0].line, 1);
		assert_int_equal(ign->entries[0].used, 0);
		assert_string_equal(ign->file, "ign.txt");
		if (vectors[i].message) {
			assert_int_equal(w.n, 1);
			assert_string_equal(w.msg[0], vectors[i].message);
		} else {
			assert_int_equal(w.n, 0);
		}
		cvg_ignore_free(ign);
	}
}

static void test_file(void **state)
{
	char *path = data_path("ignore/basic.txt");
	cvg_ignore *ign = NULL;
	warnings w = {0};
	char expect[4096];
	static const struct {
		const char *cve, *reason;
		size_t line;
	} want[] = {
	        {"CVE-2014-0160", "fixed in 1.0.1g (backport)", 7},
	        {"CVE-2016-2108", "not built: no ASN.1 printing, see issue #42", 4},
	        {"CVE-2019-1010022", "N/A", 6},
	        {"CVE-2021-3711", "applies to SM2 only, which is disabled", 5},
	        {"CVE-2023-1234567", "seven-digit sequence number", 8},
	};
	(void)state;

	assert_int_equal(cvg_ignore_load(&ign, path, collect, &w), 0);
	assert_string_equal(ign->file, path);
	assert_int_equal(ign->nentries, 5);
	for (size_t i = 0; i < 5; i++) {
		assert_string_equal(ign->entries[i].cve, want[i].cve);
		assert_string_equal(ign->entries[i].reason, want[i].reason);
		assert_int_equal(ign->entries[i].line, want[i].line);
	}
	assert_int_equal(w.n, 2);
	snprintf(expect, sizeof(expect), "%s:6: no reason given for CVE-2019-1010022; using N/A",
	        path);
	assert_string_equal(w.msg[0], expect);
	snprintf(expect, sizeof(expect),
	        "%s:7: CVE-2014-0160 is listed again (also at line 3); the entry at line 7 is "
	        "used",
	        path);
	assert_string_equal(w.msg[1], expect);

	/* lookup: exact, case-insensitive, absent */
	assert_ptr_equal(cvg_ignore_lookup(ign, "CVE-2021-3711"), &ign->entries[3]);
	assert_ptr_equal(cvg_ignore_lookup(ign, "cve-2014-0160"), &ign->entries[0]);
	assert_ptr_equal(cvg_ignore_lookup(ign, "CVE-2023-1234567"), &ign->entries[4]);
	assert_null(cvg_ignore_lookup(ign, "CVE-2021-371"));
	assert_null(cvg_ignore_lookup(ign, "CVE-2000-0001"));
	assert_null(cvg_ignore_lookup(ign, "CVE-2099-99999"));
	assert_null(cvg_ignore_lookup(ign, ""));
	assert_null(cvg_ignore_lookup(ign, "CVE-2014-0160-and-a-very-long-tail-xxxxxxxxxxxxxx"));
	cvg_ignore_free(ign);
	free(path);

	path = data_path("ignore/bad.txt");
	assert_int_equal(cvg_ignore_load(&ign, path, NULL, NULL), CVG_EPARSE);
	assert_null(ign);
	snprintf(expect, sizeof(expect),
	        "%s:2: expected 'CVE-YYYY-NNNN , reason', found 'CVE-2014-016 , only three digits'",
	        path);
	assert_string_equal(cvg_error_last(), expect);
	free(path);
}

static void test_duplicates_and_comments(void **state)
{
	static const char text[] = "\xEF\xBB\xBF# header\r\n"
	                           "CVE-2020-0002 , b\r\n"
	                           "   # indented comment\r\n"
	                           "\r\n"
	                           "CVE-2020-0001 , first\r\n"
	                           "cve-2020-0001 , second\r\n"
	                           "CVE-2020-0001 , third # not a comment\r\n";
	cvg_ignore *ign = NULL;
	warnings w = {0};
	(void)state;

	assert_int_equal(parse(&ign, text, &w), 0);
	assert_int_equal(ign->nentries, 2);
	assert_string_equal(ign->entries[0].cve, "CVE-2020-0001");
	assert_string_equal(ign->entries[0].reason, "third # not a comment");
	assert_int_equal(ign->entries[0].line, 7);
	assert_string_equal(ign->entries[1].reason, "b");
	assert_int_equal(w.n, 2);
	assert_string_equal(w.msg[0], "ign.txt:6: CVE-2020-0001 is listed again (also at line 5); "
	                              "the entry at line 6 is used");
	assert_string_equal(w.msg[1], "ign.txt:7: CVE-2020-0001 is listed again (also at line 6); "
	                              "the entry at line 7 is used");
	cvg_ignore_free(ign);
}

static void test_empty_and_limits(void **state)
{
	cvg_ignore *ign = NULL;
	char *big;
	(void)state;

	assert_int_equal(parse(&ign, "", NULL), 0);
	assert_int_equal(ign->nentries, 0);
	assert_null(cvg_ignore_lookup(ign, "CVE-2014-0160"));
	cvg_ignore_free(ign);
	cvg_ignore_free(NULL);

	assert_int_equal(cvg__ignore_parse(&ign, "CVE-2014-0160\n\0", 15, "ign.txt", NULL, NULL),
	        CVG_EPARSE);
	assert_string_equal(cvg_error_last(), "ign.txt:2: NUL byte; an ignore list is a text file");

	big = malloc(5000);
	assert_non_null(big);
	memcpy(big, "CVE-2014-0160 , ", 16);
	memset(big + 16, 'x', 5000 - 17);
	big[4999] = '\0';
	assert_int_equal(parse(&ign, big, NULL), CVG_EPARSE);
	assert_string_equal(cvg_error_last(), "ign.txt:1: line longer than 4096 bytes");
	free(big);

	assert_int_equal(cvg_ignore_load(&ign, "/nonexistent/ignore.txt", NULL, NULL), CVG_EIO);
	assert_string_equal(cvg_error_last(), "/nonexistent/ignore.txt: No such file or directory");
}

/* ---- Trailing fields: package=, expires=, justification= ---- */

typedef struct field_vec {
	const char *line;
	int rc;
	const char *reason, *package, *expires, *justification;
	long long expires_at;
	const char *message; /* the error */
} field_vec;

static const field_vec field_vecs[] = {
        {"CVE-2023-1234 , fixed by our patch, see #42 , package=busybox , expires=2027-01-31", 0,
                "fixed by our patch, see #42", "busybox", "2027-01-31", NULL,
                1801440000 /* 2027-02-01T00:00:00Z */, NULL},
        {"CVE-2023-1234,not built,justification=code_not_present", 0, "not built", NULL, NULL,
                "code_not_present", 0, NULL},
        {"CVE-2023-1234 , ok , justification=vulnerable_code_not_in_execute_path , "
         "package=openssl:openssl",
                0, "ok", "openssl:openssl", NULL, "vulnerable_code_not_in_execute_path", 0, NULL},
        /* an unknown key and a key in the middle stay reason text */
        {"CVE-2023-1234 , see ticket=42 , package=zlib", 0, "see ticket=42", "zlib", NULL, NULL, 0,
                NULL},
        {"CVE-2023-1234 , package=zlib , but not really", 0, "package=zlib , but not really", NULL,
                NULL, NULL, 0, NULL},
        {"CVE-2023-1234 , leap day , expires=2028-02-29", 0, "leap day", NULL, "2028-02-29", NULL,
                1835481600, NULL},
        /* only fields: no reason */
        {"CVE-2023-1234 , expires=2027-01-31", 0, "N/A", NULL, "2027-01-31", NULL, 1801440000,
                NULL},
        {"CVE-2023-1234 , x , expires=2027-02-29", CVG_EPARSE, NULL, NULL, NULL, NULL, 0,
                "ign.txt:1: expected expires=YYYY-MM-DD, a date (UTC, inclusive), found "
                "'2027-02-29'"},
        {"CVE-2023-1234 , x , expires=31.01.2027", CVG_EPARSE, NULL, NULL, NULL, NULL, 0,
                "ign.txt:1: expected expires=YYYY-MM-DD, a date (UTC, inclusive), found "
                "'31.01.2027'"},
        {"CVE-2023-1234 , x , justification=because", CVG_EPARSE, NULL, NULL, NULL, NULL, 0,
                "ign.txt:1: justification='because' is none of CycloneDX's or OpenVEX's values "
                "(docs/triage.md lists them)"},
        {"CVE-2023-1234 , x , package=a b", CVG_EPARSE, NULL, NULL, NULL, NULL, 0,
                "ign.txt:1: expected package=NAME or package=vendor:product without spaces"},
        {"CVE-2023-1234 , x , package=a , package=b", CVG_EPARSE, NULL, NULL, NULL, NULL, 0,
                "ign.txt:1: package= is given twice"},
};

static void expect_opt(const char *line, const char *what, const char *got, const char *want)
{
	if ((got == NULL) != (want == NULL) || (got && strcmp(got, want) != 0))
		fail_msg("%s: %s '%s', want '%s'", line, what, got ? got : "(null)",
		        want ? want : "(null)");
}

static void test_fields(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(field_vecs) / sizeof(field_vecs[0]); i++) {
		const field_vec *v = &field_vecs[i];
		cvg_ignore *ign = NULL;
		int rc = parse(&ign, v->line, NULL);

		if (rc != v->rc)
			fail_msg("%s: rc %d (%s)", v->line, rc, cvg_error_last());
		if (rc != 0) {
			assert_string_equal(cvg_error_last(), v->message);
			continue;
		}
		assert_int_equal(ign->nentries, 1);
		expect_opt(v->line, "reason", ign->entries[0].reason, v->reason);
		expect_opt(v->line, "package", ign->entries[0].package, v->package);
		expect_opt(v->line, "expires", ign->entries[0].expires, v->expires);
		expect_opt(
		        v->line, "justification", ign->entries[0].justification, v->justification);
		assert_int_equal(ign->entries[0].expires_at, v->expires_at);
		cvg_ignore_free(ign);
	}
}

/* A package entry wins over a general one; expiry is inclusive. */
static void test_find(void **state)
{
	static const char text[] = "CVE-2023-1234 , everywhere\n"
	                           "CVE-2023-1234 , only busybox , package=busybox\n"
	                           "cve-2023-1234 , openssl product , package=openssl:openssl\n"
	                           "CVE-2023-9999 , until January , expires=2027-01-31\n"
	                           "CVE-2023-1234 , busybox again , package=busybox\n";
	const char *busybox[] = {"busybox", "busybox-syslog", "busybox:busybox"};
	const char *openssl[] = {"openssl", "libssl3", "openssl:openssl"};
	const char *zlib[] = {"zlib"};
	cvg_ignore *ign = NULL;
	warnings w = {0};
	cvg_ignore_entry *e;

	(void)state;
	assert_int_equal(parse(&ign, text, &w), 0);
	assert_int_equal(ign->nentries, 4);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.msg[0], "ign.txt:5: CVE-2023-1234 for busybox is listed again "
	                              "(also at line 2); the entry at line 5 is used");
	e = cvg_ignore_find(ign, "CVE-2023-1234", busybox, 3);
	assert_string_equal(e->reason, "busybox again");
	e = cvg_ignore_find(ign, "cve-2023-1234", openssl, 3);
	assert_string_equal(e->reason, "openssl product");
	e = cvg_ignore_find(ign, "CVE-2023-1234", zlib, 1);
	assert_string_equal(e->reason, "everywhere");
	assert_null(cvg_ignore_find(ign, "CVE-2023-0001", zlib, 1));
	e = cvg_ignore_find(ign, "CVE-2023-9999", zlib, 1);
	assert_false(cvg_ignore_expired(e, 1801439999)); /* 2027-01-31T23:59:59Z */
	assert_true(cvg_ignore_expired(e, 1801440000));
	cvg_ignore_free(ign);
}

static void test_justification_names(void **state)
{
	(void)state;
	assert_string_equal(cvg_ignore_justification_cyclonedx("vulnerable_code_not_present"),
	        "code_not_present");
	assert_string_equal(
	        cvg_ignore_justification_cyclonedx("code_not_present"), "code_not_present");
	assert_string_equal(cvg_ignore_justification_openvex("protected_at_runtime"),
	        "inline_mitigations_already_exist");
	assert_string_equal(
	        cvg_ignore_justification_openvex("component_not_present"), "component_not_present");
	assert_null(cvg_ignore_justification_openvex("requires_configuration"));
	assert_null(cvg_ignore_justification_cyclonedx(
	        "vulnerable_code_cannot_be_controlled_by_adversary"));
	assert_null(cvg_ignore_justification_cyclonedx(NULL));
	assert_null(cvg_ignore_justification_openvex("because"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_fields),
	        cmocka_unit_test(test_justification_names),
	        cmocka_unit_test(test_find),
	        cmocka_unit_test(test_lines),
	        cmocka_unit_test(test_file),
	        cmocka_unit_test(test_duplicates_and_comments),
	        cmocka_unit_test(test_empty_and_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
