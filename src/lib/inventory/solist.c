/*
 * lib/inventory/solist.c - a list of shared library files, one a line, as
 * LibScanner and `find / -name '*.so*'` give them:
 *
 *   libxml2.so.2.9.4
 *   /usr/lib/libz.so.1.2.11
 *   libssl.so.1.1
 *
 * Each line is a file name or a path (no spaces; blank and '#' lines are
 * skipped); only the last path component counts. The package name is what
 * comes before the first ".so" that ends the name or is followed by '.',
 * the version what follows ".so.": letters, digits and dots, starting with
 * a digit, without empty parts ("2.9.4", "1.0.2k"). A name with nothing
 * after ".so" ("libfoo.so", the development link) or without ".so" is a
 * problem of that line.
 *
 * A version is the file's ABI version, which is not always the release:
 * libz.so.1.2.11 is zlib 1.2.11, but libssl.so.1.1 is any OpenSSL 1.1.x and
 * libglib-2.0.so.0.7200.0 is GLib 2.72.0 (docs/formats.md). A list usually
 * holds the symlink names next to the real file (libz.so.1 -> libz.so.1.2.11);
 * the short name would compare as version "1" and match every range below
 * 1.2.11, so a version that is the dotted start of another version listed
 * for the same name ("1" beside "1.2.11") is skipped, and the skips are
 * counted in one warning. A lone short name is kept as it is.
 *
 * Names are kept as listed ("libssl", "libz", "libxml2"): the scan sends
 * them through the mapping tables, whose binary -> source rules know many
 * library names (libssl and libcrypto -> openssl, libz -> zlib, libcurl ->
 * curl); those they do not know (libc, libm, libpthread -> glibc;
 * libgcc_s -> gcc) need a user map line (docs/formats.md). Versions are
 * read as upstream release numbers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/inventory/inventory_internal.h"
#include "util/error.h"

#define EXPECTED "a shared library file name NAME.so.VERSION or its path"

typedef struct so_entry {
	const char *name, *version;
	size_t nlen, vlen, line, idx;
	bool skip;
} so_entry;

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alnum(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Letters, digits and dots, a digit first, no empty part. */
static bool good_version(const char *s, size_t n)
{
	if (n == 0 || !is_digit(s[0]) || s[n - 1] == '.')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(is_alnum(s[i]) || (s[i] == '.' && s[i + 1] != '.')))
			return false;
	return true;
}

/*
 * Split a line into name and version (pointing into it). Returns 1 for a
 * good line, 0 for no ".so" at all or a bad version, -1 for ".so" with
 * nothing after it.
 */
static int split(const char *line, size_t n, so_entry *e)
{
	const char *base = cvg__memrchr(line, '/', n), *end = line + n;

	base = base ? base + 1 : line;
	for (const char *p = base; (size_t)(end - p) >= 3; p++) {
		if (memcmp(p, ".so", 3) != 0 || p == base)
			continue;
		if (p + 3 == end) {
			e->name = base;
			e->nlen = (size_t)(p - base);
			return -1;
		}
		if (p[3] != '.')
			continue;
		e->name = base;
		e->nlen = (size_t)(p - base);
		e->version = p + 4;
		e->vlen = (size_t)(end - p - 4);
		return good_version(e->version, e->vlen) ? 1 : 0;
	}
	return 0;
}

static int cmp_entries(const void *a, const void *b)
{
	const so_entry *x = a, *y = b;
	size_t n = x->nlen < y->nlen ? x->nlen : y->nlen;
	int c = memcmp(x->name, y->name, n);

	if (c == 0 && x->nlen != y->nlen)
		return x->nlen < y->nlen ? -1 : 1;
	if (c != 0)
		return c;
	n = x->vlen < y->vlen ? x->vlen : y->vlen;
	c = memcmp(x->version, y->version, n);
	if (c == 0 && x->vlen != y->vlen)
		return x->vlen < y->vlen ? -1 : 1;
	return c;
}

static bool same_name(const so_entry *x, const so_entry *y)
{
	return x->nlen == y->nlen && memcmp(x->name, y->name, x->nlen) == 0;
}

static bool same_version(const so_entry *x, const so_entry *y)
{
	return x->vlen == y->vlen && memcmp(x->version, y->version, x->vlen) == 0;
}

/*
 * Mark the entries whose version is the dotted start of another version of
 * the same name. Sorted by (name, version), the versions that start with
 * "V." come right after V (no allowed character sorts below '.'), so each
 * group of equal entries is compared with the next group only.
 */
static size_t mark_links(so_entry *e, size_t n)
{
	so_entry *s = NULL;
	size_t skipped = 0;

	if (n < 2 || (s = malloc(n * sizeof(*s))) == NULL)
		return n < 2 ? 0 : SIZE_MAX;
	memcpy(s, e, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_entries);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && same_name(&s[i], &s[j]) && same_version(&s[i], &s[j]); j++)
			;
		if (j < n && same_name(&s[i], &s[j]) && s[j].vlen > s[i].vlen &&
		        memcmp(s[j].version, s[i].version, s[i].vlen) == 0 &&
		        s[j].version[s[i].vlen] == '.') {
			for (size_t k = i; k < j; k++) {
				e[s[k].idx].skip = true;
				skipped++;
			}
		}
	}
	free(s);
	return skipped;
}

static int solist_parse(cvg__inv_ctx *ctx, const char *data, size_t len)
{
	so_entry *e = NULL;
	size_t n = 0, cap = 0, nlen, skipped;
	cvg__lines it;
	const char *line;
	char q[CVG__QUOTE_SIZE];
	int rc;

	cvg__lines_init(&it, data, len);
	while ((rc = cvg__inv_next_entry(ctx, &it, &line, &nlen)) == 1) {
		so_entry x;
		int st;

		memset(&x, 0, sizeof(x));
		st = cvg__inv_is_token(line, nlen) ? split(line, nlen, &x) : 0;
		if (st == -1) {
			cvg__quote(q, sizeof(q), line, nlen);
			rc = cvg__inv_problem(ctx,
			        "%s:%zu: '%s' has no version after '.so' (expected "
			        "NAME.so.VERSION; "
			        "list the versioned file)",
			        ctx->file, it.lineno, q);
		} else if (st == 0) {
			rc = cvg__inv_bad_line(ctx, it.lineno, EXPECTED, line, nlen);
		} else {
			if (n == cap) {
				size_t ncap = cap ? cap * 2 : 64;
				so_entry *ne = realloc(e, ncap * sizeof(*ne));
				if (ne == NULL) {
					rc = cvg__error_oom();
					goto done;
				}
				e = ne;
				cap = ncap;
			}
			x.line = it.lineno;
			x.idx = n;
			e[n++] = x;
		}
		if (rc < 0)
			goto done;
	}
	if (rc < 0)
		goto done;
	if ((skipped = mark_links(e, n)) == SIZE_MAX) {
		rc = cvg__error_oom();
		goto done;
	}
	for (size_t i = 0; i < n; i++)
		if (!e[i].skip &&
		        (rc = cvg__inv_add(ctx, e[i].name, e[i].nlen, e[i].version, e[i].vlen, NULL,
		                 0, CVG_VERSION_UPSTREAM, e[i].line)) < 0)
			goto done;
	if (skipped)
		cvg__warnf(ctx->warn, ctx->payload,
		        "%s: skipped %zu link name%s whose version is the start of another listed "
		        "version of the same library (libz.so.1 beside libz.so.1.2.11)",
		        ctx->file, skipped, skipped == 1 ? "" : "s");
	rc = 0;
done:
	free(e);
	return rc;
}

static bool fits(const char *line, size_t n)
{
	so_entry x;

	return cvg__inv_is_token(line, n) && split(line, n, &x) == 1;
}

/* 60 when the first entry lines (up to 50) are all NAME.so.VERSION. */
static int solist_sniff(const char *data, size_t len)
{
	return cvg__inv_sniff_lines(data, len, fits) ? 60 : 0;
}

const cvg__inv_format cvg__inv_solist = {
        .name = "solist",
        .summary = "shared library file names, libxml2.so.2.9.4",
        .parse = solist_parse,
        .sniff = solist_sniff,
};
