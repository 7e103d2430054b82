/*
 * lib/inventory/spdx_tv.c - SPDX 2.x tag-value documents (format
 * "spdx-tv"), the ".spdx" files trivy, cve-bin-tool and the SPDX tools
 * write (SPDX 2.3 specification, clause 5 and annex: "Tag: value" lines,
 * '#' comments, multi-line values between <text> and </text>).
 *
 * The file is read line by line, keeping one package at a time:
 *  - "PackageName:" starts a package at its line; the package ends at the
 *    next PackageName, at a FileName, SnippetSPDXID or LicenseID (the
 *    start of a file, snippet or license section), or at the end.
 *  - Of a package, "SPDXID:", "PackageVersion:" and "ExternalRef: CATEGORY
 *    TYPE LOCATOR" are read; the rules shared with the JSON reader
 *    (spdx_common.c, docs/formats.md) decide what becomes of it.
 *  - A value starting with <text> runs to the first </text>, maybe lines
 *    later, as the SPDX tools' lexer reads it: nothing in between is a tag
 *    (a "PackageName:" inside a license text is no package). The fields
 *    read here must be single-line; an unclosed <text> is a problem.
 *  - "SPDXVersion:" must say SPDX-2.x; a document without it is refused.
 *  - Any other line outside <text> that is not "Tag: value" is a problem.
 * Lines holding a tag that is read may be CVG__LINE_MAX bytes long (longer:
 * a problem); other lines are skipped whatever their length, since license
 * texts have long lines and nothing of them is kept.
 */
#include <stdio.h>
#include <string.h>

#include "lib/inventory/spdx_common.h"
#include "util/error.h"
#include "util/text.h"

static const char text_open[] = "<text>";
static const char text_close[] = "</text>";

/* The first occurrence of s in p[0..n), or NULL. */
static const char *find_in(const char *p, size_t n, const char *s, size_t sn)
{
	for (size_t i = 0; i + sn <= n; i++)
		if (p[i] == s[0] && memcmp(p + i, s, sn) == 0)
			return p + i;
	return NULL;
}

static bool is_tag_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

/* Split "Tag: value": the tag's length, or 0 when the line is no tag line. */
static size_t tag_of(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && is_tag_char(s[i]))
		i++;
	return i > 0 && i < n && s[i] == ':' ? i : 0;
}

static bool tag_is(const char *tag, size_t n, const char *name)
{
	return strlen(name) == n && memcmp(tag, name, n) == 0;
}

typedef struct tv_state {
	cvg__inv_ctx *ctx;
	cvg__spdx_pkg pkg;
	cvg__spdx_skips skips;
	bool in_pkg;
	bool has_spdxid;
} tv_state;

static int end_package(tv_state *st)
{
	if (!st->in_pkg)
		return 0;
	st->in_pkg = false;
	return cvg__spdx_pkg_finish(st->ctx, &st->pkg, &st->skips);
}

/* "ExternalRef: CATEGORY TYPE LOCATOR" of the current package. */
static int external_ref(tv_state *st, const char *v, size_t n, size_t line)
{
	const char *f[4];
	size_t fl[4], nf = cvg__split_fields(v, n, f, fl, 4);
	cvg__spdx_ref_kind kind =
	        nf >= 2 ? cvg__spdx_ref_kind_of(f[1], fl[1]) : CVG__SPDX_REF_OTHER;
	char q[CVG__QUOTE_SIZE];

	if (nf < 3 || (nf > 3 && kind != CVG__SPDX_REF_OTHER)) {
		cvg__quote(q, sizeof(q), v, n);
		cvg__spdx_pkg_problem(&st->pkg,
		        "%s:%zu: expected ExternalRef: CATEGORY TYPE LOCATOR, found '%s'",
		        st->ctx->file, line, q);
		return 0;
	}
	return cvg__spdx_pkg_add_ref(&st->pkg, st->ctx->file, kind, f[2], fl[2], line);
}

static int tv_parse(cvg__inv_ctx *ctx, const char *data, size_t len)
{
	tv_state st;
	cvg__lines it;
	const char *line, *v;
	size_t n, vn, tl, text_line = 0;
	bool in_text = false, seen_version = false;
	char q[CVG__QUOTE_SIZE];
	int error = 0;

	memset(&st, 0, sizeof(st));
	st.ctx = ctx;
	cvg__spdx_pkg_init(&st.pkg, "PackageName", "PackageVersion");
	cvg__lines_init(&it, data, len);
	while (cvg__lines_next(&it, &line, &n)) {
		bool multiline = false, wanted;

		if (in_text) {
			if (find_in(line, n, text_close, sizeof(text_close) - 1))
				in_text = false;
			continue;
		}
		cvg__trim(&line, &n);
		if (n == 0 || line[0] == '#')
			continue;
		if ((tl = tag_of(line, n)) == 0) {
			if ((error = cvg__inv_bad_line(
			             ctx, it.lineno, "a 'Tag: value' line", line, n)) < 0)
				goto done;
			continue;
		}
		v = line + tl + 1;
		vn = n - tl - 1;
		cvg__trim(&v, &vn);
		if (vn >= sizeof(text_open) - 1 &&
		        memcmp(v, text_open, sizeof(text_open) - 1) == 0) {
			const char *close;
			v += sizeof(text_open) - 1;
			vn -= sizeof(text_open) - 1;
			if ((close = find_in(v, vn, text_close, sizeof(text_close) - 1)) != NULL) {
				vn = (size_t)(close - v);
			} else {
				in_text = multiline = true;
				text_line = it.lineno;
			}
		}
		wanted = tag_is(line, tl, "SPDXVersion") || tag_is(line, tl, "PackageName") ||
		         tag_is(line, tl, "PackageVersion") || tag_is(line, tl, "ExternalRef") ||
		         (tag_is(line, tl, "SPDXID") && st.in_pkg && !st.has_spdxid);
		if (!wanted) {
			if (tag_is(line, tl, "FileName") || tag_is(line, tl, "SnippetSPDXID") ||
			        tag_is(line, tl, "LicenseID"))
				if ((error = end_package(&st)) < 0)
					goto done;
			continue;
		}
		if (n > CVG__LINE_MAX || multiline) {
			char what[64];
			if (multiline)
				snprintf(what, sizeof(what), "a single-line %.*s value", (int)tl,
				        line);
			else
				snprintf(what, sizeof(what), "a %.*s line of at most %d bytes",
				        (int)tl, line, CVG__LINE_MAX);
			/* a PackageName problem is the new package's: start it, so
			 * lenient reading skips it and not the one before */
			if (tag_is(line, tl, "PackageName")) {
				if ((error = end_package(&st)) < 0)
					goto done;
				cvg__spdx_pkg_reset(&st.pkg, it.lineno);
				st.in_pkg = true;
				st.has_spdxid = false;
				cvg__quote(q, sizeof(q), line, n);
				cvg__spdx_pkg_problem(&st.pkg, "%s:%zu: expected %s, found '%s'",
				        ctx->file, it.lineno, what, q);
				continue;
			}
			if (st.in_pkg && !tag_is(line, tl, "SPDXVersion")) {
				cvg__quote(q, sizeof(q), line, n);
				cvg__spdx_pkg_problem(&st.pkg, "%s:%zu: expected %s, found '%s'",
				        ctx->file, it.lineno, what, q);
				continue;
			}
			if ((error = cvg__inv_bad_line(ctx, it.lineno, what, line, n)) < 0)
				goto done;
			continue;
		}
		if (tag_is(line, tl, "SPDXVersion")) {
			if (!seen_version && !cvg__spdx_is_v2(v, vn)) {
				cvg__quote(q, sizeof(q), v, vn);
				error = cvg__error(CVG_EUNSUPPORTED,
				        "%s:%zu: expected SPDXVersion: SPDX-2.x, found '%s' (only "
				        "SPDX "
				        "2.x documents are supported)",
				        ctx->file, it.lineno, q);
				goto done;
			}
			seen_version = true;
		} else if (tag_is(line, tl, "PackageName")) {
			if ((error = end_package(&st)) < 0)
				goto done;
			cvg__spdx_pkg_reset(&st.pkg, it.lineno);
			st.in_pkg = true;
			st.has_spdxid = false;
			error = cvg__spdx_pkg_set(
			        &st.pkg, &st.pkg.name, ctx->file, "PackageName", v, vn, it.lineno);
		} else if (tag_is(line, tl, "SPDXID")) {
			st.has_spdxid = true;
			error = cvg__spdx_pkg_set(
			        &st.pkg, &st.pkg.spdxid, ctx->file, "SPDXID", v, vn, it.lineno);
		} else if (!st.in_pkg) {
			error = cvg__inv_problem(ctx,
			        "%s:%zu: %.*s outside a package (no PackageName before it)",
			        ctx->file, it.lineno, (int)tl, line);
		} else if (tag_is(line, tl, "PackageVersion")) {
			if (st.pkg.has_version)
				cvg__spdx_pkg_problem(&st.pkg,
				        "%s:%zu: PackageVersion repeated in the package of line "
				        "%zu",
				        ctx->file, it.lineno, st.pkg.line);
			else
				error = cvg__spdx_pkg_set(&st.pkg, &st.pkg.version, ctx->file,
				        "PackageVersion", v, vn, it.lineno);
		} else {
			error = external_ref(&st, v, vn, it.lineno);
		}
		if (error < 0)
			goto done;
	}
	if (in_text && (error = cvg__inv_problem(ctx,
	                        "%s:%zu: <text> not closed by </text> before the end", ctx->file,
	                        text_line)) < 0)
		goto done;
	if ((error = end_package(&st)) < 0)
		goto done;
	if (!seen_version) {
		error = cvg__error(CVG_EPARSE,
		        "%s: expected an SPDX 2.x tag-value document, found no SPDXVersion: line",
		        ctx->file);
		goto done;
	}
	cvg__spdx_report_skips(ctx, &st.skips);
done:
	cvg__spdx_pkg_dispose(&st.pkg);
	return error;
}

/* A line "SPDXVersion: ..." in the first 64 KiB: certain. */
static int tv_sniff(const char *data, size_t len)
{
	cvg__lines it;
	const char *line;
	size_t n;

	cvg__lines_init(&it, data, len < 65536 ? len : 65536);
	while (cvg__lines_next(&it, &line, &n)) {
		cvg__trim(&line, &n);
		if (n > 12 && memcmp(line, "SPDXVersion:", 12) == 0)
			return 100;
	}
	return 0;
}

const cvg__inv_format cvg__inv_spdx_tv = {
        .name = "spdx-tv",
        .summary = "SPDX 2.x tag-value",
        .parse = tv_parse,
        .sniff = tv_sniff,
};
