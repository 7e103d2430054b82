/*
 * tests/unit/test_text.c - the text helpers the parsers share (util/text.h):
 * finding a string in a buffer, and the line of a byte offset as parsers
 * learn offsets forwards and backwards.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/text.h"

static void test_memmem(void **state)
{
	static const char s[] = "ab\0abc abd";
	const size_t n = sizeof(s) - 1;

	(void)state;
	assert_ptr_equal(cvg__memmem(s, n, "abc"), s + 3);
	assert_ptr_equal(cvg__memmem(s, n, "abd"), s + 7);
	assert_ptr_equal(cvg__memmem(s, n, "ab"), s);
	assert_null(cvg__memmem(s, n, "abe"));
	assert_null(cvg__memmem(s, n - 1, "abd")); /* the length bounds it */
	assert_null(cvg__memmem(s, 1, "ab"));
	assert_null(cvg__memmem(s, 0, "a"));
	assert_ptr_equal(cvg__memmem(s, n, ""), s);
}

static void test_line_at(void **state)
{
	static const char s[] = "a\nbb\n\nccc\n";
	cvg__line_counter lc;

	(void)state;
	cvg__line_counter_init(&lc, s, sizeof(s) - 1);
	assert_int_equal(cvg__line_at(&lc, 0), 1);
	assert_int_equal(cvg__line_at(&lc, 1), 1); /* the newline ends line 1 */
	assert_int_equal(cvg__line_at(&lc, 2), 2);
	assert_int_equal(cvg__line_at(&lc, 6), 4);
	assert_int_equal(cvg__line_at(&lc, 5), 3); /* backwards */
	assert_int_equal(cvg__line_at(&lc, 0), 1);
	assert_int_equal(cvg__line_at(&lc, 9), 4);
	assert_int_equal(cvg__line_at(&lc, 10), 5);  /* the end */
	assert_int_equal(cvg__line_at(&lc, 999), 5); /* clamped to the end */
}

static void test_json_depth(void **state)
{
	static const char doc[] = "{\"a\": [1, {\"b\": \"[[[{{{\\\"]]\"}], \"c\": []}";

	(void)state;
	assert_int_equal(cvg__json_depth(doc, sizeof(doc) - 1, 64), 3);
	assert_int_equal(cvg__json_depth("[[[[[[", 6, 3), 4); /* stops past the limit */
	assert_int_equal(cvg__json_depth("", 0, 64), 0);
	assert_int_equal(cvg__json_depth("\"[[\"", 4, 64), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_memmem),
	        cmocka_unit_test(test_line_at),
	        cmocka_unit_test(test_json_depth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
