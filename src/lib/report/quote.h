/*
 * lib/report/quote.h - one place that makes text from outside safe for the
 * csv and text writers (library-internal). Both first pass the string
 * through the UTF-8 sanitiser of util/utf8.h (invalid UTF-8 and the C0
 * controls XML forbids, ESC among them, become U+FFFD), then apply the rule
 * of their format. The rules are written down in docs/reports.md.
 */
#ifndef CVG_REPORT_QUOTE_H
#define CVG_REPORT_QUOTE_H

#include <stddef.h>

#include "util/buf.h"

/*
 * Append s (NULL: an empty field) to out as one CSV field (RFC 4180,
 * section 2): sanitised; a first character that spreadsheets read as the
 * start of a formula (= + - @ TAB CR, OWASP "CSV Injection") gets an
 * apostrophe before it; a field holding a comma, a double quote, CR or LF,
 * or one that got the apostrophe, is enclosed in double quotes with every
 * double quote doubled. Returns 0, CVG_ENOMEM or CVG_ELIMIT (out's max).
 */
int cvg__quote_csv(cvg_buf *out, const char *s);

/*
 * Append s (NULL: nothing) to out for one line of a terminal: sanitised,
 * then the characters that move the cursor, change the line or drive the
 * terminal (C0 controls including TAB, CR and LF, DEL) written as \xNN,
 * and C1 controls (U+0080..U+009F, where U+009B is an 8-bit CSI) and the
 * bidirectional embeddings, overrides and isolates (U+202A..U+202E,
 * U+2066..U+2069, "Trojan Source") as \uXXXX. Returns 0 or an error of out.
 */
int cvg__quote_term(cvg_buf *out, const char *s);

/* Display width of UTF-8 text as columns: one per code point (CJK double
 * width is not measured; it only shifts the padding). */
size_t cvg__quote_width(const char *s, size_t len);

#endif
