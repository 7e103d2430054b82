/*
 * util/utf8.c - make any byte string safe to hand to an XML 1.0 writer.
 *
 * Strings in a report come from outside: package names and file names from
 * the inventory, descriptions and vectors from NVD feeds, reasons from the
 * ignore list. libxml2's writer escapes markup but does not check encoding,
 * so one stray byte would make the whole report unreadable to a CI server.
 *
 * The decoder follows the table of well-formed UTF-8 byte sequences (The
 * Unicode Standard, chapter 3, section 3.9, Table 3-7) and the recommended
 * practice "U+FFFD Substitution of Maximal Subparts" of the same section:
 * at a place where decoding fails, the longest prefix of a well-formed
 * sequence (or, failing that, one byte) becomes one U+FFFD, and decoding
 * resumes at the first byte that did not fit. So an overlong form, a
 * surrogate, a code point above U+10FFFF, or 0xC0, 0xC1, 0xF5..0xFF give one
 * U+FFFD per byte, and a truncated sequence gives one U+FFFD in all.
 *
 * Well-formed characters that XML 1.0 excludes from its Char production
 * (section 2.2: C0 controls other than TAB, LF and CR; U+FFFE; U+FFFF) also
 * become one U+FFFD each. U+FFFD is itself allowed, so sanitising an already
 * sanitised string changes nothing.
 *
 * Valid runs are copied in one piece, so the common all-ASCII string costs one
 * scan and one memcpy.
 */
#include <assert.h>
#include <string.h>

#include "util/error.h"
#include "util/utf8.h"

/* U+FFFD REPLACEMENT CHARACTER in UTF-8 */
static const char replacement[] = "\xEF\xBF\xBD";

/* XML 1.0 section 2.2, Char: #x9 | #xA | #xD | [#x20-#xD7FF] | ... */
static int xml_forbidden_ascii(unsigned char c)
{
	return c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D;
}

/*
 * Length of the character at p (end > p) when it is well-formed UTF-8 and
 * XML 1.0 allows it; otherwise 0, with *bad set to the number of bytes the
 * single U+FFFD replaces (the maximal subpart, at least 1).
 */
static size_t scan_char(const unsigned char *p, const unsigned char *end, size_t *bad)
{
	unsigned char c = p[0];
	unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
	size_t n, i;

	if (c < 0x80) {
		*bad = 1;
		return xml_forbidden_ascii(c) ? 0 : 1;
	}
	/* Unicode Table 3-7, Well-Formed UTF-8 Byte Sequences */
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
	} else if (c == 0xE0) {
		n = 3;
		lo = 0xA0; /* below: overlong */
	} else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
		n = 3;
	} else if (c == 0xED) {
		n = 3;
		hi = 0x9F; /* above: surrogates U+D800..U+DFFF */
	} else if (c == 0xF0) {
		n = 4;
		lo = 0x90; /* below: overlong */
	} else if (c >= 0xF1 && c <= 0xF3) {
		n = 4;
	} else if (c == 0xF4) {
		n = 4;
		hi = 0x8F; /* above: beyond U+10FFFF */
	} else {
		/* 0x80..0xC1 (continuation, overlong lead), 0xF5..0xFF */
		*bad = 1;
		return 0;
	}
	for (i = 1; i < n && p + i < end; i++) {
		unsigned char b = p[i];
		if (i == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF))
			break;
	}
	if (i < n) {
		*bad = i; /* truncated: the prefix that was well-formed so far */
		return 0;
	}
	/* U+FFFE is EF BF BE, U+FFFF is EF BF BF: not XML 1.0 characters */
	if (c == 0xEF && p[1] == 0xBF && p[2] >= 0xBE) {
		*bad = 3;
		return 0;
	}
	return n;
}

int cvg__utf8_sanitize(cvg_buf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len;
	const unsigned char *run = p; /* start of the valid bytes not yet copied */
	int error;

	assert(out != NULL && (s != NULL || len == 0));
	while (p < end) {
		size_t bad = 0;
		size_t n = scan_char(p, end, &bad);

		if (n > 0) {
			p += n;
			continue;
		}
		if ((error = cvg__buf_put(out, (const char *)run, (size_t)(p - run))) < 0 ||
		        (error = cvg__buf_put(out, replacement, sizeof(replacement) - 1)) < 0)
			return error;
		p += bad;
		run = p;
	}
	return cvg__buf_put(out, (const char *)run, (size_t)(p - run));
}

char *cvg__utf8_sanitize_dup(const char *s)
{
	cvg_buf b = CVG_BUF_INIT(0);

	assert(s != NULL);
	if (cvg__utf8_sanitize(&b, s, strlen(s)) < 0) {
		cvg__buf_dispose(&b);
		return NULL;
	}
	return cvg__buf_detach(&b);
}
