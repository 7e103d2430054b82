/*
 * util/utf8.h - make any byte string safe for XML 1.0 and other writers.
 *
 * Invalid UTF-8 (overlong forms, surrogates, truncated sequences, bytes
 * above U+10FFFF) and characters XML 1.0 forbids (C0 controls except tab,
 * LF and CR; U+FFFE, U+FFFF) become U+FFFD. Everything else is copied.
 */
#ifndef CVG_UTIL_UTF8_H
#define CVG_UTIL_UTF8_H

#include <stddef.h>

#include "util/buf.h"

/* Append the sanitised form of s[0..len) to out. Returns 0 or an error. */
int cvg__utf8_sanitize(cvg_buf *out, const char *s, size_t len);

/* Sanitise a NUL-terminated string into a new string (caller frees); NULL on ENOMEM. */
char *cvg__utf8_sanitize_dup(const char *s);

#endif
