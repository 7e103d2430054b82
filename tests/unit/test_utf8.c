/*
 * tests/unit/test_utf8.c - the UTF-8 / XML 1.0 sanitiser, as tables of vectors.
 *
 * Sources of the vectors:
 *  - The Unicode Standard, chapter 3, section 3.9, "U+FFFD Substitution of
 *    Maximal Subparts": the worked examples of Tables 3-8 to 3-11 (Unicode
 *    15.0 numbering; Table 3-8 alone in earlier versions), with the number
 *    of U+FFFD the recommended practice gives.
 *  - Markus Kuhn's "UTF-8 decoder capability and stress test" (UTF-8-test.txt),
 *    sections 1 to 5; the bytes are written here by hand from its section
 *    titles. Kuhn leaves the number of replacement characters open; the
 *    expectations here are those of the Unicode practice above.
 *  - XML 1.0 (Fifth Edition) section 2.2, the Char production: C0 controls
 *    other than TAB, LF, CR, and U+FFFE, U+FFFF are not characters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cvegate/error.h"
#include "util/utf8.h"

#define R "\xEF\xBF\xBD" /* U+FFFD */

struct vector {
	const char *in;
	size_t len;
	const char *out;
	const char *what;
};

/* `in` must be a string literal: its length is taken with sizeof, so NULs count */
#define V(in, out, what)                                                                           \
	{                                                                                          \
		in, sizeof(in) - 1, out, what                                                      \
	}

static const struct vector vectors[] = {
        V("", "", "empty"),
        V("plain ASCII", "plain ASCII", "ASCII"),

        /* Unicode 3.9, Table 3-8: U+FFFD for maximal subparts */
        V("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64", "a" R R R "b" R "c" R R "d",
                "Unicode Table 3-8"),
        /* Table 3-9: non-shortest forms */
        V("\xC0\xAF\xE0\x80\xBF\xF0\x81\x82\x41", R R R R R R R R "A", "Unicode Table 3-9"),
        /* Table 3-10: ill-formed sequences for surrogates */
        V("\xED\xA0\x80\xED\xBF\xBF\xED\xAF\x41", R R R R R R R R "A", "Unicode Table 3-10"),
        /* Table 3-11: other ill-formed sequences */
        V("\xF4\x91\x92\x93\xFF\x41\x80\xBF\x42", R R R R R "A" R R "B", "Unicode Table 3-11"),
        /* Table 3-12: truncated sequences */
        V("\xE1\x80\xE2\xF0\x91\x92\xF1\xBF\x41", R R R R "A", "Unicode Table 3-12"),

        /* Kuhn 1: correct UTF-8 text, Greek "kosme" */
        V("\xCE\xBA\xE1\xBD\xB9\xCF\x83\xCE\xBC\xCE\xB5",
                "\xCE\xBA\xE1\xBD\xB9\xCF\x83\xCE\xBC\xCE\xB5", "Kuhn 1 kosme"),
        /* Kuhn 2.1: first possible sequence of a certain length */
        V("\x00", R, "Kuhn 2.1.1 U+0000 (not an XML character)"),
        V("\xC2\x80", "\xC2\x80", "Kuhn 2.1.2 U+0080"),
        V("\xE0\xA0\x80", "\xE0\xA0\x80", "Kuhn 2.1.3 U+0800"),
        V("\xF0\x90\x80\x80", "\xF0\x90\x80\x80", "Kuhn 2.1.4 U+10000"),
        V("\xF8\x88\x80\x80\x80", R R R R R, "Kuhn 2.1.5 five bytes"),
        V("\xFC\x84\x80\x80\x80\x80", R R R R R R, "Kuhn 2.1.6 six bytes"),
        /* Kuhn 2.2: last possible sequence of a certain length */
        V("\x7F", "\x7F", "Kuhn 2.2.1 U+007F (an XML character)"),
        V("\xDF\xBF", "\xDF\xBF", "Kuhn 2.2.2 U+07FF"),
        V("\xEF\xBF\xBF", R, "Kuhn 2.2.3 U+FFFF (not an XML character)"),
        V("\xF7\xBF\xBF\xBF", R R R R, "Kuhn 2.2.4 U+1FFFFF"),
        /* Kuhn 2.3: other boundary conditions */
        V("\xED\x9F\xBF", "\xED\x9F\xBF", "Kuhn 2.3.1 U+D7FF"),
        V("\xEE\x80\x80", "\xEE\x80\x80", "Kuhn 2.3.2 U+E000"),
        V("\xEF\xBF\xBD", "\xEF\xBF\xBD", "Kuhn 2.3.3 U+FFFD"),
        V("\xF4\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF", "Kuhn 2.3.4 U+10FFFF"),
        V("\xF4\x90\x80\x80", R R R R, "Kuhn 2.3.5 U+110000"),
        /* Kuhn 3.1: unexpected continuation bytes */
        V("\x80", R, "Kuhn 3.1.1 first continuation byte"),
        V("\xBF", R, "Kuhn 3.1.2 last continuation byte"),
        V("\x80\xBF\x80\xBF", R R R R, "Kuhn 3.1.4-ish four continuation bytes"),
        /* Kuhn 3.2: lonely start characters followed by a space */
        V("\xC0 \xC1 ", R " " R " ", "Kuhn 3.2.1 C0, C1"),
        V("\xC2 \xDF ", R " " R " ", "Kuhn 3.2.1 two-byte leads"),
        V("\xE0 \xEF ", R " " R " ", "Kuhn 3.2.2"),
        V("\xF0 \xF4 ", R " " R " ", "Kuhn 3.2.3"),
        V("\xF8 \xFC ", R " " R " ", "Kuhn 3.2.4-5"),
        /* Kuhn 3.3: sequences with the last continuation byte missing */
        V("\xC0", R, "Kuhn 3.3.1 C0"),
        V("\xE0\x80", R R, "Kuhn 3.3.2 E0 80 (80 cannot follow E0)"),
        V("\xDF", R, "Kuhn 3.3.6 DF"),
        V("\xEF\xBF", R, "Kuhn 3.3.7 EF BF: one maximal subpart"),
        V("\xF4\x8F\xBF", R, "F4 8F BF: one maximal subpart"),
        V("\xF7\xBF\xBF", R R R, "Kuhn 3.3.8 F7 BF BF"),
        V("\xF1\x80\x80"
          "x",
                R "x", "truncated four-byte sequence then ASCII"),
        /* Kuhn 3.5: impossible bytes */
        V("\xFE", R, "Kuhn 3.5.1"),
        V("\xFF", R, "Kuhn 3.5.2"),
        V("\xFE\xFE\xFF\xFF", R R R R, "Kuhn 3.5.3"),
        /* Kuhn 4.1: overlong ASCII '/' */
        V("\xC0\xAF", R R, "Kuhn 4.1.1"),
        V("\xE0\x80\xAF", R R R, "Kuhn 4.1.2"),
        V("\xF0\x80\x80\xAF", R R R R, "Kuhn 4.1.3"),
        V("\xF8\x80\x80\x80\xAF", R R R R R, "Kuhn 4.1.4"),
        V("\xFC\x80\x80\x80\x80\xAF", R R R R R R, "Kuhn 4.1.5"),
        /* Kuhn 4.2: maximum overlong sequences */
        V("\xC1\xBF", R R, "Kuhn 4.2.1"),
        V("\xE0\x9F\xBF", R R R, "Kuhn 4.2.2"),
        V("\xF0\x8F\xBF\xBF", R R R R, "Kuhn 4.2.3"),
        /* Kuhn 4.3: overlong NUL */
        V("\xC0\x80", R R, "Kuhn 4.3.1"),
        V("\xE0\x80\x80", R R R, "Kuhn 4.3.2"),
        V("\xF0\x80\x80\x80", R R R R, "Kuhn 4.3.3"),
        /* Kuhn 5.1, 5.2: UTF-16 surrogates */
        V("\xED\xA0\x80", R R R, "Kuhn 5.1.1 U+D800"),
        V("\xED\xBF\xBF", R R R, "Kuhn 5.1.7 U+DFFF"),
        V("\xED\xA0\x80\xED\xB0\x80", R R R R R R, "Kuhn 5.2.1 U+D800 U+DC00"),
        /* Kuhn 5.3: noncharacters; XML 1.0 excludes only U+FFFE and U+FFFF */
        V("\xEF\xBF\xBE", R, "Kuhn 5.3.1 U+FFFE"),
        V("\xEF\xB7\x90", "\xEF\xB7\x90", "Kuhn 5.3.3 U+FDD0 (an XML character)"),
        V("\xF0\x9F\xBF\xBE", "\xF0\x9F\xBF\xBE", "Kuhn 5.3.4 U+1FFFE (an XML character)"),

        /* XML 1.0 Char: C0 controls */
        V("a\tb\nc\rd", "a\tb\nc\rd", "TAB, LF, CR stay"),
        V("\x01", R, "U+0001"),
        V("x\x08y\x0B\x0C\x1Fz", "x" R "y" R R R "z", "other C0 controls"),
        V("a\x00"
          "b",
                "a" R "b", "NUL inside"),
        V("\xC2\x85\xC2\x9F", "\xC2\x85\xC2\x9F", "C1 controls are XML 1.0 characters"),
        /* one U+FFFD already in the input stays one */
        V(R R, R R, "U+FFFD stays"),
};

static void test_vectors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		const struct vector *v = &vectors[i];
		cvg_buf b = CVG_BUF_INIT(0);
		cvg_buf again = CVG_BUF_INIT(0);

		assert_int_equal(cvg__utf8_sanitize(&b, v->in, v->len), 0);
		if (b.len != strlen(v->out) || memcmp(b.ptr, v->out, b.len) != 0)
			fail_msg("vector %zu (%s): wrong output", i, v->what);
		/* sanitising the output again is the identity */
		assert_int_equal(cvg__utf8_sanitize(&again, b.ptr, b.len), 0);
		assert_int_equal(again.len, b.len);
		assert_memory_equal(again.ptr, b.ptr, b.len);
		cvg__buf_dispose(&b);
		cvg__buf_dispose(&again);
	}
}

static void test_appends(void **state)
{
	cvg_buf b = CVG_BUF_INIT(0);

	(void)state;
	assert_int_equal(cvg__buf_puts(&b, "pre:"), 0);
	assert_int_equal(cvg__utf8_sanitize(&b, "\xFFok", 3), 0);
	assert_string_equal(b.ptr, "pre:" R "ok");
	cvg__buf_dispose(&b);
}

static void test_dup(void **state)
{
	static const struct {
		const char *in, *out;
	} dups[] = {
	        {"", ""},
	        {"busybox 1.24.1-r0", "busybox 1.24.1-r0"},
	        {"a & b < c ]]> \x01 \xff", "a & b < c ]]> " R " " R},
	        {"caf\xC3\xA9", "caf\xC3\xA9"},
	        {"caf\xC3", "caf" R},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(dups) / sizeof(dups[0]); i++) {
		char *s = cvg__utf8_sanitize_dup(dups[i].in);
		assert_non_null(s);
		assert_string_equal(s, dups[i].out);
		free(s);
	}
}

static void test_limit(void **state)
{
	cvg_buf b = CVG_BUF_INIT(4);

	(void)state;
	/* one byte becomes three: a 4-byte buffer holds one U+FFFD, not two */
	assert_int_equal(cvg__utf8_sanitize(&b, "\xFF", 1), 0);
	assert_int_equal(cvg__utf8_sanitize(&b, "\xFF", 1), CVG_ELIMIT);
	cvg__buf_dispose(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_vectors),
	        cmocka_unit_test(test_appends),
	        cmocka_unit_test(test_dup),
	        cmocka_unit_test(test_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
