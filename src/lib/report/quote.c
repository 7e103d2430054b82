/*
 * lib/report/quote.c - quoting for the csv and text writers.
 *
 * Every string goes through the UTF-8 sanitiser first (util/utf8.h), so
 * what follows only meets well-formed UTF-8 without NUL or ESC. Then:
 *
 *  - CSV (RFC 4180, section 2, rules 5-7): a field holding a comma, a
 *    double quote, CR or LF is enclosed in double quotes and its double
 *    quotes are doubled. A spreadsheet opening the file runs a cell that
 *    starts with = + - @ as a formula (and TAB or CR before one of them is
 *    skipped by some), so such a cell gets an apostrophe in front, which
 *    Excel and LibreOffice show as text (OWASP, "CSV Injection"); that cell
 *    is quoted too. The apostrophe is visible to a program reading the file:
 *    that is the documented price (docs/reports.md#csv).
 *  - Terminal: C0 controls and DEL are written as \xNN, as cli_put_safe()
 *    does for the CLI's messages; C1 controls (U+009B is a one-character
 *    CSI on terminals that read 8-bit controls) and the bidirectional
 *    overrides and isolates that reorder what is shown (CVE-2021-42574,
 *    "Trojan Source") as \uXXXX.
 *
 * Both sanitise straight into the output buffer and look at what they
 * appended; only a string that needs a change is copied once and rewritten,
 * so the usual plain string costs one scan and one copy.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lib/report/quote.h"
#include "util/error.h"
#include "util/utf8.h"

/* Forget what was appended after `start`. */
static void truncate_to(cvg_buf *out, size_t start)
{
	out->len = start;
	if (out->ptr)
		out->ptr[start] = '\0';
}

/* A copy of out->ptr[start..len), and out truncated to start; NULL on ENOMEM. */
static char *take_tail(cvg_buf *out, size_t start, size_t *len)
{
	char *copy;

	*len = out->len - start;
	if ((copy = malloc(*len + 1)) == NULL)
		return NULL;
	memcpy(copy, out->ptr + start, *len);
	copy[*len] = '\0';
	truncate_to(out, start);
	return copy;
}

/* ---- CSV ---- */

static bool formula_lead(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

int cvg__quote_csv(cvg_buf *out, const char *s)
{
	size_t start = out->len, len, i;
	bool prefix, quote;
	char *copy = NULL;
	int error;

	if (s == NULL || *s == '\0')
		return 0;
	if ((error = cvg__utf8_sanitize(out, s, strlen(s))) < 0)
		goto done;
	prefix = formula_lead(out->ptr[start]);
	quote = prefix || strpbrk(out->ptr + start, ",\"\r\n") != NULL;
	if (!quote)
		goto done;
	if ((copy = take_tail(out, start, &len)) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	if ((error = cvg__buf_putc(out, '"')) < 0 ||
	        (prefix && (error = cvg__buf_putc(out, '\'')) < 0))
		goto done;
	for (i = 0; i < len; i++) {
		if (copy[i] == '"' && (error = cvg__buf_putc(out, '"')) < 0)
			goto done;
		if ((error = cvg__buf_putc(out, copy[i])) < 0)
			goto done;
	}
	error = cvg__buf_putc(out, '"');
done:
	if (error < 0)
		truncate_to(out, start);
	free(copy);
	return error;
}

/* ---- Terminal ---- */

/* Bytes of the character at p to escape, with its code point; 0 to keep it. */
static size_t term_special(const unsigned char *p, unsigned *cp)
{
	if (p[0] < 0x20 || p[0] == 0x7F) {
		*cp = p[0];
		return 1;
	}
	if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) { /* U+0080..U+009F */
		*cp = p[1];
		return 2;
	}
	if (p[0] == 0xE2 && ((p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE) ||
	                            (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9))) {
		/* U+202A..U+202E, U+2066..U+2069 */
		*cp = 0x2000u + ((unsigned)(p[1] & 0x3F) << 6) + (p[2] & 0x3Fu);
		return 3;
	}
	return 0;
}

int cvg__quote_term(cvg_buf *out, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t start = out->len, len, i, n;
	const unsigned char *p;
	bool special = false;
	char *copy = NULL;
	unsigned cp;
	int error;

	if (s == NULL || *s == '\0')
		return 0;
	if ((error = cvg__utf8_sanitize(out, s, strlen(s))) < 0)
		goto done;
	/* the sanitised text is well-formed, so a lead byte is followed by its
	 * continuation bytes and the NUL terminator stops every look-ahead */
	for (p = (const unsigned char *)out->ptr + start; *p && !special; p++)
		special = term_special(p, &cp) > 0;
	if (!special)
		goto done;
	if ((copy = take_tail(out, start, &len)) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	for (i = 0; i < len; i += n) {
		p = (const unsigned char *)copy + i;
		if ((n = term_special(p, &cp)) == 0) {
			n = 1;
			error = cvg__buf_putc(out, copy[i]);
		} else if (cp < 0x100 && n == 1) {
			char esc[4] = {'\\', 'x', hex[cp >> 4], hex[cp & 15]};
			error = cvg__buf_put(out, esc, 4);
		} else {
			char esc[6] = {'\\', 'u', hex[(cp >> 12) & 15], hex[(cp >> 8) & 15],
			        hex[(cp >> 4) & 15], hex[cp & 15]};
			error = cvg__buf_put(out, esc, 6);
		}
		if (error < 0)
			goto done;
	}
done:
	if (error < 0)
		truncate_to(out, start);
	free(copy);
	return error;
}

size_t cvg__quote_width(const char *s, size_t len)
{
	size_t w = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			w++;
	return w;
}
