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
	        "%s:7: CVE-2014-0160 is listed again (also at line 3); the reason at line 7 is "
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
	                              "the reason at line 6 is used");
	assert_string_equal(w.msg[1], "ign.txt:7: CVE-2020-0001 is listed again (also at line 6); "
	                              "the reason at line 7 is used");
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_lines),
	        cmocka_unit_test(test_file),
	        cmocka_unit_test(test_duplicates_and_comments),
	        cmocka_unit_test(test_empty_and_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
