/*
 * fuzz/fuzz_utf8.c - the UTF-8 / XML 1.0 sanitiser on arbitrary bytes.
 *
 * Checks three properties and aborts when one fails:
 *  1. the output is well-formed UTF-8 holding only XML 1.0 characters, as
 *     judged by an independent decoder written differently from the one in
 *     util/utf8.c (arithmetic on code points rather than a table of lead and
 *     second-byte ranges), so a shared mistake is unlikely;
 *  2. sanitising the output again gives the same bytes (idempotence);
 *  3. the output is never longer than three bytes per input byte.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

/* XML 1.0 section 2.2, Char */
static int xml_char(uint32_t cp)
{
	return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
	       (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* 1 when s[0..len) is UTF-8 (RFC 3629) made of XML 1.0 characters only */
static int valid_xml_utf8(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		uint32_t cp, min;
		size_t n, k;

		if (c < 0x80) {
			n = 1, cp = c, min = 0;
		} else if ((c & 0xE0) == 0xC0) {
			n = 2, cp = c & 0x1Fu, min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			n = 3, cp = c & 0x0Fu, min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			n = 4, cp = c & 0x07u, min = 0x10000;
		} else {
			return 0;
		}
		if (n > len - i)
			return 0;
		for (k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3Fu);
		}
		if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || !xml_char(cp))
			return 0;
		i += n;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cvg_buf once = CVG_BUF_INIT(0);
	cvg_buf twice = CVG_BUF_INIT(0);

	if (cvg__utf8_sanitize(&once, (const char *)data, size) < 0)
		abort(); /* no limit was set: only out of memory could fail */
	if (once.len > size * 3)
		abort();
	if (!valid_xml_utf8((const unsigned char *)once.ptr, once.len))
		abort();
	if (cvg__utf8_sanitize(&twice, once.ptr, once.len) < 0)
		abort();
	if (twice.len != once.len || memcmp(twice.ptr, once.ptr, once.len) != 0)
		abort();
	cvg__buf_dispose(&once);
	cvg__buf_dispose(&twice);
	return 0;
}
