/*
 * lib/inventory/list.c - a plain package list: "name version" lines, or CSV
 * with a header.
 *
 * Plain: one package a line, exactly two fields separated by spaces or
 * tabs; blank lines and '#' lines are skipped.
 *
 *   busybox 1.35.0
 *   openssl 3.0.8
 *
 * CSV (RFC 4180): chosen when the first entry line holds a ','. That line
 * is the header; the package name is the column named "name" (else
 * "package", else "product"), the version the column named "version",
 * compared case-insensitively; other columns are ignored. Fields may be
 * quoted with '"' ("" is a quote inside), so commas may sit inside quotes.
 * Every row must have as many fields as the header. Kept simple on
 * purpose: a quoted field spanning lines is an error (an inventory has no
 * use for it), blank and '#' lines are skipped here too, and spaces around
 * fields are dropped (lib/inventory/csv.c).
 *
 * Versions are read as upstream release numbers (CVG_VERSION_UPSTREAM):
 * such a list is written by hand or by a tool that knows no packaging.
 * Names must be printable ASCII without spaces. A "vendor:product" name
 * ("openssl:openssl 3.0.8", in either shape) names the NVD product itself:
 * the package is called by the product and identified by the pair, as a
 * CPE would identify it, so the mapping tables are not asked.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "lib/inventory/csv.h"
#include "lib/inventory/inventory_internal.h"
#include "util/error.h"

#define EXPECTED "'name version'"

/* Whether s[0..n) is a plain NVD name: printable ASCII without spaces,
 * ':', '*' or '?' (the rules of cvg__inv_set_product). */
static bool nvd_name(const char *s, size_t n)
{
	if (!cvg__inv_is_token(s, n))
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] == ':' || s[i] == '*' || s[i] == '?')
			return false;
	return true;
}

/*
 * Check a name and version and add them (CVG_EPARSE-style problems go
 * through cvg__inv_problem, so lenient reading skips the entry). A
 * "vendor:product" name is the NVD identity itself: the package is named
 * by the product and identified by the pair (cvg__inv_set_product).
 */
static int add_package(cvg__inv_ctx *ctx, size_t lineno, const char *name, size_t nlen,
        const char *version, size_t vlen)
{
	const char *colon;
	int error;

	if (!cvg__inv_is_token(name, nlen))
		return cvg__inv_bad_line(ctx, lineno, "a package name", name, nlen);
	colon = memchr(name, ':', nlen);
	if (colon != NULL) {
		size_t vl = (size_t)(colon - name), pl = nlen - vl - 1;
		if (!nvd_name(name, vl) || !nvd_name(colon + 1, pl))
			return cvg__inv_bad_line(ctx, lineno,
			        "a package name or vendor:product (two non-empty names without "
			        "':', '*' or '?')",
			        name, nlen);
	}
	if (!cvg__inv_is_token(version, vlen))
		return cvg__inv_bad_line(ctx, lineno, "a version", version, vlen);
	if (colon == NULL)
		return cvg__inv_add(
		        ctx, name, nlen, version, vlen, NULL, 0, CVG_VERSION_UPSTREAM, lineno);
	if ((error = cvg__inv_add(ctx, colon + 1, nlen - (size_t)(colon - name) - 1, version, vlen,
	             NULL, 0, CVG_VERSION_UPSTREAM, lineno)) < 0)
		return error;
	return cvg__inv_set_product(ctx, name, (size_t)(colon - name), colon + 1,
	        nlen - (size_t)(colon - name) - 1, lineno);
}

/* ---- CSV ---- */

/* The header's columns: how many, and which hold the name and the version
 * (SIZE_MAX when absent; the name by preference name > package > product). */
typedef struct csv_header {
	size_t ncols, name, version;
} csv_header;

static int read_header(csv_header *h, const char *s, size_t n)
{
	static const char *const name_words[] = {"name", "package", "product"};
	size_t name_rank = 3;
	cvg__csv c;
	char word[16];
	size_t wlen;
	int rc;

	h->ncols = 0;
	h->name = h->version = SIZE_MAX;
	cvg__csv_init(&c, s, n);
	while (!c.done) {
		if ((rc = cvg__csv_field(&c, word, sizeof(word), &wlen)) != CVG__CSV_OK)
			return rc;
		for (size_t i = 0; i < name_rank; i++) {
			if (cvg__csv_word_is(word, wlen, name_words[i])) {
				h->name = h->ncols;
				name_rank = i;
				break;
			}
		}
		if (h->version == SIZE_MAX && cvg__csv_word_is(word, wlen, "version"))
			h->version = h->ncols;
		h->ncols++;
	}
	return CVG__CSV_OK;
}

static int csv_parse(cvg__inv_ctx *ctx, cvg__lines *it, const char *line, size_t n)
{
	char name[CVG__LINE_MAX], version[CVG__LINE_MAX], q[CVG__QUOTE_SIZE];
	csv_header h;
	int rc;

	/* A header problem is fatal even when lenient: nothing can be read. */
	if ((rc = read_header(&h, line, n)) != CVG__CSV_OK)
		return cvg__error(CVG_EPARSE, "%s:%zu: CSV header: %s", ctx->file, it->lineno,
		        cvg__csv_error(rc));
	if (h.name == SIZE_MAX || h.version == SIZE_MAX) {
		cvg__quote(q, sizeof(q), line, n);
		return cvg__error(CVG_EPARSE,
		        "%s:%zu: CSV header '%s' has no '%s' column (expected 'name' or 'package' "
		        "or 'product', and 'version')",
		        ctx->file, it->lineno, q, h.name == SIZE_MAX ? "name" : "version");
	}
	while ((rc = cvg__inv_next_entry(ctx, it, &line, &n)) == 1) {
		size_t nlen = 0, vlen = 0, col = 0, flen;
		cvg__csv c;
		int st = CVG__CSV_OK;

		cvg__csv_init(&c, line, n);
		while (!c.done && st == CVG__CSV_OK) {
			char *out = col == h.name ? name : col == h.version ? version : NULL;
			st = cvg__csv_field(&c, out, CVG__LINE_MAX, &flen);
			if (col == h.name)
				nlen = flen;
			else if (col == h.version)
				vlen = flen;
			col++;
		}
		if (st != CVG__CSV_OK)
			rc = cvg__inv_problem(
			        ctx, "%s:%zu: %s", ctx->file, it->lineno, cvg__csv_error(st));
		else if (col != h.ncols)
			rc = cvg__inv_problem(ctx,
			        "%s:%zu: expected %zu fields as in the CSV header, found %zu",
			        ctx->file, it->lineno, h.ncols, col);
		else
			rc = add_package(ctx, it->lineno, name, nlen, version, vlen);
		if (rc < 0)
			return rc;
	}
	return rc;
}

/* ---- Plain ---- */

static int list_parse(cvg__inv_ctx *ctx, const char *data, size_t len)
{
	cvg__lines it;
	const char *line;
	size_t n;
	bool first = true;
	int rc;

	cvg__lines_init(&it, data, len);
	while ((rc = cvg__inv_next_entry(ctx, &it, &line, &n)) == 1) {
		const char *f[2];
		size_t fl[2];
		if (first && memchr(line, ',', n) != NULL)
			return csv_parse(ctx, &it, line, n);
		first = false;
		if (cvg__split_fields(line, n, f, fl, 2) != 2)
			rc = cvg__inv_bad_line(ctx, it.lineno, EXPECTED, line, n);
		else
			rc = add_package(ctx, it.lineno, f[0], fl[0], f[1], fl[1]);
		if (rc < 0)
			return rc;
	}
	return rc;
}

/*
 * A fallback, scored below every specific format: a CSV header naming a
 * name and a version column (30), or first entries (up to 50) that are all
 * two fields with a version starting with a digit (10).
 */
static int list_sniff(const char *data, size_t len)
{
	cvg__lines it;
	const char *line;
	size_t n, seen = 0;

	cvg__lines_init(&it, data, len);
	while (seen < 50 && cvg__lines_next(&it, &line, &n)) {
		const char *f[2];
		size_t fl[2];
		cvg__trim(&line, &n);
		if (n == 0 || line[0] == '#')
			continue;
		if (n > CVG__LINE_MAX)
			return 0;
		if (seen == 0 && memchr(line, ',', n) != NULL) {
			csv_header h;
			return read_header(&h, line, n) == CVG__CSV_OK && h.name != SIZE_MAX &&
			                       h.version != SIZE_MAX
			               ? 30
			               : 0;
		}
		if (cvg__split_fields(line, n, f, fl, 2) != 2 || f[1][0] < '0' || f[1][0] > '9')
			return 0;
		seen++;
	}
	return seen ? 10 : 0;
}

const cvg__inv_format cvg__inv_list = {
        .name = "list",
        .summary = "'name version' lines or CSV",
        .parse = list_parse,
        .sniff = list_sniff,
};
