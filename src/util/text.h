/*
 * util/text.h - small helpers for reading line-based text from outside:
 * a line iterator, trimming, quoting input safely into messages.
 */
#ifndef CVG_UTIL_TEXT_H
#define CVG_UTIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "cvegate/error.h"

/* Longest line a line-based input may have; longer lines are errors. */
#define CVG__LINE_MAX 4096

/* A quote of input in a message holds at most this many bytes of it. */
#define CVG__QUOTE_MAX 80
/* Enough room for a quote: every byte as \xNN, "..." and the NUL. */
#define CVG__QUOTE_SIZE (CVG__QUOTE_MAX * 4 + 4)

/* Iterates the lines of a buffer: LF or CRLF ends a line, a leading UTF-8
 * byte order mark is skipped, a last line without LF counts. */
typedef struct cvg__lines {
	const char *p;
	const char *end;
	size_t lineno; /* 1-based number of the line last returned */
} cvg__lines;

void cvg__lines_init(cvg__lines *it, const char *data, size_t len);

/* The next line (without its terminator) in *line and *len; false at the end. */
bool cvg__lines_next(cvg__lines *it, const char **line, size_t *len);

/*
 * The 1-based line of a byte offset in a buffer, for parsers that learn
 * offsets as they go (yajl's bytes consumed): newlines are counted from the
 * previous offset, forwards or backwards, so a whole parse costs one pass.
 */
typedef struct cvg__line_counter {
	const char *data;
	size_t len;
	size_t at;   /* newlines are counted in data[0..at) */
	size_t line; /* the line of data[at] */
} cvg__line_counter;

void cvg__line_counter_init(cvg__line_counter *lc, const char *data, size_t len);

/* The line of data[off] (off is clamped to len). */
size_t cvg__line_at(cvg__line_counter *lc, size_t off);

/* Strip ASCII white space (space, tab, CR, LF, VT, FF) at both ends. */
void cvg__trim(const char **s, size_t *len);

/* Write s[0..len) for a message: at most CVG__QUOTE_MAX bytes, bytes
 * outside printable ASCII as \xNN, "..." when cut. out has outsize bytes
 * (CVG__QUOTE_SIZE is enough). */
void cvg__quote(char *out, size_t outsize, const char *s, size_t len);

/* Format a message and pass it to `warn` (nothing when warn is NULL). */
void cvg__warnf(cvg_warn_fn warn, void *payload, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* Up to `max` fields of s[0..n) separated by spaces or tabs into f/fl;
 * returns how many fields the line has (which may exceed max). */
size_t cvg__split_fields(const char *s, size_t n, const char **f, size_t *fl, size_t max);

/* The first occurrence of the string `needle` in s[0..len), or NULL. */
const char *cvg__memmem(const char *s, size_t len, const char *needle);

/*
 * The deepest nesting of objects and arrays in a JSON text s[0..n),
 * counting outside strings; stops counting once it exceeds `limit`. For
 * readers that build a tree (yajl_tree frees it recursively) to refuse
 * deep documents before parsing them.
 */
size_t cvg__json_depth(const char *s, size_t n, size_t limit);

/* True when s is a JSON number (RFC 8259 section 6) of at most 32 bytes, so
 * a writer can emit it as the source gave it ("9.8" stays 9.8). */
bool cvg__json_is_number(const char *s);

/* The last occurrence of c in s[0..len), or NULL. */
const char *cvg__memrchr(const char *s, int c, size_t len);

/* A new NUL-terminated copy of s[0..n), or NULL when out of memory. */
char *cvg__strndup(const char *s, size_t n);

#endif
