/*
 * fuzz/fuzz_report_quote.c - the csv and text quoting of lib/report/quote.c
 * on arbitrary bytes (cut at the first NUL, as the writers see C strings).
 *
 * Aborts when a property fails:
 *  CSV  1. the field parses back under RFC 4180 (quoted: every inner quote
 *          doubled; unquoted: no comma, quote, CR or LF);
 *       2. its value is the sanitised input, with one apostrophe in front
 *          exactly when that starts with = + - @ TAB or CR;
 *  text 3. no C0 control, DEL, C1 control (C2 80..C2 9F) or bidirectional
 *          override/isolate (E2 80 AA..AE, E2 81 A6..A9) is left.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/report/quote.h"
#include "util/utf8.h"

static void check_csv(const char *in)
{
	cvg_buf out = CVG_BUF_INIT(0), val = CVG_BUF_INIT(0);
	char *clean = cvg__utf8_sanitize_dup(in);
	const char *p, *want;
	size_t n;

	if (clean == NULL || cvg__quote_csv(&out, in) < 0)
		abort();
	p = out.ptr ? out.ptr : "";
	n = out.len;
	if (n > 0 && p[0] == '"') {
		if (n < 2 || p[n - 1] != '"')
			abort();
		for (size_t i = 1; i < n - 1; i++) {
			if (p[i] == '"') {
				if (p[i + 1] != '"' || i + 1 >= n - 1)
					abort();
				i++;
			}
			if (cvg__buf_putc(&val, p[i]) < 0)
				abort();
		}
	} else {
		if (strpbrk(p, ",\"\r\n"))
			abort();
		if (cvg__buf_put(&val, p, n) < 0)
			abort();
	}
	want = clean;
	if (strchr("=+-@\t\r", clean[0]) && clean[0] != '\0') {
		if (val.len == 0 || val.ptr[0] != '\'')
			abort();
		if (strcmp(val.ptr + 1, want) != 0)
			abort();
	} else if (strcmp(val.ptr ? val.ptr : "", want) != 0) {
		abort();
	}
	free(clean);
	cvg__buf_dispose(&out);
	cvg__buf_dispose(&val);
}

static void check_term(const char *in)
{
	cvg_buf out = CVG_BUF_INIT(0);
	const unsigned char *p;

	if (cvg__quote_term(&out, in) < 0)
		abort();
	for (p = (const unsigned char *)(out.ptr ? out.ptr : ""); *p; p++) {
		if (*p < 0x20 || *p == 0x7F)
			abort();
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			abort();
		if (p[0] == 0xE2 && ((p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE) ||
		                            (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)))
			abort();
	}
	cvg__buf_dispose(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	check_csv(s);
	check_term(s);
	free(s);
	return 0;
}
