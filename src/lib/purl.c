/*
 * lib/purl.c - package URLs, read as the purl specification's "how to
 * parse" section describes (github.com/package-url/purl-spec, PURL-SPECIFICATION.rst):
 *
 *   1. "#subpath" is split off from the right, then "?qualifiers";
 *   2. the scheme before the first ':' must be "pkg" (any case); slashes
 *      after it are skipped;
 *   3. the type runs to the first '/', is lower-cased, and is made of
 *      letters, digits, '.', '+' and '-' only, not starting with a digit;
 *   4. "@version" is split off at the last '@' after the last '/';
 *   5. the last '/'-segment is the name, what lies between type and name
 *      the namespace (empty segments dropped);
 *   6. every part is percent-decoded; qualifier keys are lower-cased and
 *      qualifiers with an empty value are dropped.
 *
 * Hostile input: the whole purl is bounded (CVG_PURL_MAX) and so is the
 * number of qualifiers; a decoded NUL or any control byte is refused, so
 * no part can smuggle a line break or terminal escape into a report.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cvegate/error.h"
#include "cvegate/purl.h"
#include "util/error.h"

typedef struct writer {
	char *at; /* next free byte of the storage */
} writer;

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decode s[0..n) into the storage; lower-case when asked. */
static int decode(char **out, writer *w, const char *s, size_t n, bool lower, const char *part)
{
	char *start = w->at;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			int hi = i + 2 < n ? hexval((unsigned char)s[i + 1]) : -1;
			int lo = i + 2 < n ? hexval((unsigned char)s[i + 2]) : -1;
			if (hi < 0 || lo < 0)
				return cvg__error(CVG_EPARSE,
				        "purl: expected two hex digits after '%%' in the %s", part);
			c = (unsigned char)(hi * 16 + lo);
			i += 2;
		}
		if (c < 0x20 || c == 0x7f)
			return cvg__error(CVG_EPARSE,
			        "purl: expected printable characters in the %s, found byte 0x%02x",
			        part, c);
		if (lower && c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		*w->at++ = (char)c;
	}
	*w->at++ = '\0';
	*out = start;
	return 0;
}

static const char *find_last(const char *s, size_t n, char c)
{
	while (n-- > 0)
		if (s[n] == c)
			return s + n;
	return NULL;
}

/* Qualifiers "k=v&k=v" from q[0..n). */
static int parse_qualifiers(cvg_purl *out, writer *w, const char *q, size_t n)
{
	const char *end = q + n;

	while (q < end) {
		const char *amp = memchr(q, '&', (size_t)(end - q));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(q, '=', (size_t)(stop - q));
		cvg_purl_qualifier *qual;
		int error;

		if (stop == q) { /* "&&": nothing there */
			q = stop + 1;
			continue;
		}
		if (eq == NULL || eq == q)
			return cvg__error(CVG_EPARSE, "purl: expected key=value in the qualifiers");
		if (eq + 1 < stop) {
			if (out->nqualifiers == CVG_PURL_MAX_QUALIFIERS)
				return cvg__error(CVG_ELIMIT, "purl: more than %d qualifiers",
				        CVG_PURL_MAX_QUALIFIERS);
			qual = &out->qualifiers[out->nqualifiers++];
			if ((error = decode(&qual->key, w, q, (size_t)(eq - q), true,
			             "qualifier key")) < 0 ||
			        (error = decode(&qual->value, w, eq + 1, (size_t)(stop - eq - 1),
			                 false, "qualifier value")) < 0)
				return error;
		}
		q = amp ? amp + 1 : end;
	}
	return 0;
}

/* Segments of s[0..n) decoded one by one and joined with '/', empty ones dropped. */
static int decode_segments(char **out, writer *w, const char *s, size_t n, const char *part)
{
	char *start = w->at;
	const char *end = s + n;
	bool any = false;

	while (s < end) {
		const char *slash = memchr(s, '/', (size_t)(end - s));
		const char *stop = slash ? slash : end;
		char *seg;
		int error;

		if (stop > s) {
			if (any)
				*w->at++ = '/';
			if ((error = decode(&seg, w, s, (size_t)(stop - s), false, part)) < 0)
				return error;
			if (strchr(seg, '/'))
				return cvg__error(CVG_EPARSE,
				        "purl: a %s segment holds an encoded '/'", part);
			w->at--; /* drop the terminator; the next segment follows */
			any = true;
		}
		s = slash ? slash + 1 : end;
	}
	*w->at++ = '\0';
	*out = any ? start : NULL;
	return 0;
}

static bool type_ok(const char *t, size_t n)
{
	if (n == 0 || (t[0] >= '0' && t[0] <= '9'))
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = t[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		            c == '.' || c == '+' || c == '-'))
			return false;
	}
	return true;
}

int cvg_purl_parse(cvg_purl *out, const char *s, size_t len)
{
	const char *end = s + len, *hash, *qmark, *slash, *at, *name;
	writer w;
	int error;

	memset(out, 0, sizeof(*out));
	if (len > CVG_PURL_MAX)
		return cvg__error(CVG_ELIMIT, "purl: longer than %d bytes", CVG_PURL_MAX);
	if (len < 4 || strncasecmp(s, "pkg:", 4) != 0)
		return cvg__error(CVG_EPARSE, "purl: expected it to start with 'pkg:'");
	/* Every decoded part is no longer than its source; the separators
	 * leave room for the terminators. */
	if ((out->storage_ = malloc(len + 2 * CVG_PURL_MAX_QUALIFIERS + 8)) == NULL)
		return cvg__error_oom();
	w.at = out->storage_;
	if ((hash = memchr(s, '#', len)) != NULL) {
		if ((error = decode_segments(
		             &out->subpath, &w, hash + 1, (size_t)(end - hash - 1), "subpath")) < 0)
			goto fail;
		end = hash;
	}
	if ((qmark = memchr(s, '?', (size_t)(end - s))) != NULL) {
		if ((error = parse_qualifiers(out, &w, qmark + 1, (size_t)(end - qmark - 1))) < 0)
			goto fail;
		end = qmark;
	}
	s += 4;
	while (s < end && *s == '/')
		s++;
	slash = memchr(s, '/', (size_t)(end - s));
	if (slash == NULL || !type_ok(s, (size_t)(slash - s))) {
		error = cvg__error(CVG_EPARSE, "purl: expected 'pkg:TYPE/NAME', TYPE made of "
		                               "letters, digits, '.', '+' and '-'");
		goto fail;
	}
	if ((error = decode(&out->type, &w, s, (size_t)(slash - s), true, "type")) < 0)
		goto fail;
	s = slash + 1;
	while (end > s && end[-1] == '/')
		end--;
	name = find_last(s, (size_t)(end - s), '/');
	name = name ? name + 1 : s;
	if ((at = find_last(name, (size_t)(end - name), '@')) != NULL) {
		if ((error = decode(&out->version, &w, at + 1, (size_t)(end - at - 1), false,
		             "version")) < 0)
			goto fail;
		if (out->version[0] == '\0')
			out->version = NULL;
		end = at;
	}
	if (end == name) {
		error = cvg__error(CVG_EPARSE, "purl: expected a name after the type");
		goto fail;
	}
	if ((error = decode(&out->name, &w, name, (size_t)(end - name), false, "name")) < 0)
		goto fail;
	if (name > s && (error = decode_segments(
	                         &out->namespace_, &w, s, (size_t)(name - 1 - s), "namespace")) < 0)
		goto fail;
	return 0;
fail:
	cvg_purl_dispose(out);
	return error;
}

const char *cvg_purl_qualifier_get(const cvg_purl *purl, const char *key)
{
	for (size_t i = 0; i < purl->nqualifiers; i++)
		if (strcmp(purl->qualifiers[i].key, key) == 0)
			return purl->qualifiers[i].value;
	return NULL;
}

void cvg_purl_dispose(cvg_purl *purl)
{
	free(purl->storage_);
	memset(purl, 0, sizeof(*purl));
}
