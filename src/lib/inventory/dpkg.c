/*
 * lib/inventory/dpkg.c - what dpkg (and opkg) say is installed, in the three
 * shapes a device or a container hands over:
 *
 * 1. A status database (/var/lib/dpkg/status, /var/lib/opkg/status) or a
 *    Debian `Packages` index: RFC 822-like stanzas separated by blank lines
 *    (deb-control(5), deb-status(5)). Package:, Version:, Architecture:,
 *    Status: and Source: are read (field names without regard to case, as
 *    dpkg does); continuation lines (a leading space or tab) and other
 *    fields are ignored. A stanza with a Status: counts only when the third
 *    word (want, flag, *status*) is "installed"; a Packages index has no
 *    Status: and every stanza counts. Source: is "name" or
 *    "name (version)", the latter when the source version differs.
 * 2. `dpkg -l`: the "Desired=..." header, then "ii  name[:arch]  version
 *    [arch]  description" lines; "ii" and "hi" (held) are installed. The
 *    arch column exists when the "||/" header names it (dpkg >= 1.16.2), or,
 *    without a header, when the fourth column is an architecture name.
 * 3. `dpkg-query -W`: name<TAB>version, optionally a third column that is a
 *    ${Source} (empty, "name" or "name (version)") or a ${Status}
 *    ("install ok installed", as Ubuntu's dpkg-list-installed dumps have).
 *    A name with an empty version is a package dpkg knows but has not
 *    installed (dpkg-query -W lists those too).
 *
 * The shape is chosen by the first entry line. Packages that are not
 * installed are skipped and counted in one warning at the end. Multiarch
 * names ("libc6:amd64") lose the ":arch", which becomes the arch when the
 * list gives none otherwise.
 *
 * Versions are read with dpkg ordering (CVG_VERSION_DPKG); opkg uses the
 * same ordering, and since nothing in an opkg status file reliably tells it
 * from dpkg's, a version whose revision is Yocto's PR ("-r0", "-r0.6") is
 * marked CVG_VERSION_OPKG, which also accepts what Yocto writes and Debian
 * policy forbids (such as '_').
 */
#include <stddef.h>
#include <string.h>

#include "lib/inventory/inventory_internal.h"
#include "util/error.h"

#define EXPECTED_FIELD "a 'Field: value' line"
#define EXPECTED_SOURCE "Source: NAME or NAME (VERSION)"
#define EXPECTED_LIST "'STATUS NAME VERSION [ARCH] DESCRIPTION' as dpkg -l prints it"
#define EXPECTED_QUERY "NAME<TAB>VERSION[<TAB>SOURCE or STATUS] as dpkg-query -W prints it"

/* ---- Small string helpers ---- */

static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Whether s[0..len) starts with `prefix`, ignoring ASCII case. */
static bool starts_with_ci(const char *s, size_t len, const char *prefix)
{
	size_t m = strlen(prefix);

	if (len < m)
		return false;
	for (size_t i = 0; i < m; i++)
		if (lower(s[i]) != lower(prefix[i]))
			return false;
	return true;
}

static bool equals_ci(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && starts_with_ci(s, len, word);
}

static bool equals(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && memcmp(s, word, len) == 0;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The next run of non-blank bytes at or after *pos in s[0..len). */
static bool next_word(const char *s, size_t len, size_t *pos, const char **w, size_t *wlen)
{
	size_t i = *pos;

	while (i < len && is_blank(s[i]))
		i++;
	if (i == len)
		return false;
	*w = s + i;
	while (i < len && !is_blank(s[i]))
		i++;
	*wlen = (size_t)(s + i - *w);
	*pos = i;
	return true;
}

/* Yocto's PR as the revision: "-rN" or "-rN.M..." after the last '-'. */
static cvg_version_scheme scheme_of(const char *v, size_t vlen)
{
	const char *dash = cvg__memrchr(v, '-', vlen);
	const char *p, *end = v + vlen;

	if (dash == NULL || dash + 2 >= end || dash[1] != 'r')
		return CVG_VERSION_DPKG;
	for (p = dash + 2; p < end && *p >= '0' && *p <= '9'; p++)
		;
	if (p == dash + 2 || (p < end && *p != '.'))
		return CVG_VERSION_DPKG;
	return CVG_VERSION_OPKG;
}

/* Split "name:arch" (multiarch) into name and arch; no arch when absent. */
static void split_multiarch(
        const char *s, size_t len, size_t *nlen, const char **arch, size_t *alen)
{
	const char *colon = memchr(s, ':', len);

	*nlen = len;
	*arch = NULL;
	*alen = 0;
	if (colon && colon > s && colon + 1 < s + len) {
		*nlen = (size_t)(colon - s);
		*arch = colon + 1;
		*alen = (size_t)(s + len - colon - 1);
	}
}

/*
 * A Source value: "name" or "name (version)". Returns false when it has
 * another shape; an empty value gives *nlen = 0 (no source).
 */
static bool parse_source(
        const char *s, size_t len, const char **name, size_t *nlen, const char **ver, size_t *vlen)
{
	size_t pos = 0;
	const char *rest;
	size_t rlen;

	cvg__trim(&s, &len);
	*nlen = *vlen = 0;
	*ver = NULL;
	*name = s;
	if (len == 0)
		return true;
	while (pos < len && !is_blank(s[pos]) && s[pos] != '(')
		pos++;
	*nlen = pos;
	if (!cvg__inv_is_token(s, pos))
		return false;
	rest = s + pos;
	rlen = len - pos;
	cvg__trim(&rest, &rlen);
	if (rlen == 0)
		return true;
	if (rlen < 3 || rest[0] != '(' || rest[rlen - 1] != ')')
		return false;
	rest++;
	rlen -= 2;
	cvg__trim(&rest, &rlen);
	if (!cvg__inv_is_token(rest, rlen) || memchr(rest, '(', rlen) || memchr(rest, ')', rlen))
		return false;
	*ver = rest;
	*vlen = rlen;
	return true;
}

/* Whether the third word of a Status value ("want flag status") is "installed". */
static bool status_installed(const char *s, size_t len)
{
	const char *w = NULL;
	size_t wlen = 0, pos = 0;

	for (int i = 0; i < 3; i++)
		if (!next_word(s, len, &pos, &w, &wlen))
			return false;
	return equals(w, wlen, "installed");
}

/* Whether s is a dpkg Status value: want flag status, in dpkg's words. */
static bool is_status(const char *s, size_t len)
{
	static const char *const want[] = {"unknown", "install", "hold", "deinstall", "purge"};
	const char *w;
	size_t wlen, pos = 0;
	bool ok = false;

	if (!next_word(s, len, &pos, &w, &wlen))
		return false;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		ok = ok || equals(w, wlen, want[i]);
	if (!ok || !next_word(s, len, &pos, &w, &wlen) || !next_word(s, len, &pos, &w, &wlen))
		return false;
	return !next_word(s, len, &pos, &w, &wlen);
}

static void warn_skipped(cvg__inv_ctx *ctx, size_t n, const char *what)
{
	if (n)
		cvg__warnf(ctx->warn, ctx->payload, "%s: %zu %s%s not installed, skipped",
		        ctx->file, n, what, n == 1 ? "" : "s");
}

/* Add a package, with its source when src_len > 0. */
static int add(cvg__inv_ctx *ctx, const char *name, size_t nlen, const char *ver, size_t vlen,
        const char *arch, size_t alen, size_t line, const char *src, size_t src_len,
        const char *src_ver, size_t src_vlen)
{
	int error;

	if ((error = cvg__inv_add(
	             ctx, name, nlen, ver, vlen, arch, alen, scheme_of(ver, vlen), line)) < 0)
		return error;
	if (src_len)
		return cvg__inv_set_source(ctx, src, src_len, src_ver, src_vlen);
	return 0;
}

/* ---- 1. Status files and Packages indexes ---- */

typedef struct field {
	const char *s;
	size_t len;
	size_t line;
	bool set;
} field;

typedef struct stanza {
	size_t line; /* where it starts; 0 when none is open */
	field package, version, arch, status, source;
} stanza;

static int stanza_end(cvg__inv_ctx *ctx, stanza *st, size_t *skipped)
{
	const char *src = NULL, *src_ver = NULL;
	size_t src_len = 0, src_vlen = 0;
	int error = 0;

	if (st->line == 0)
		return 0;
	if (st->status.set && !status_installed(st->status.s, st->status.len)) {
		(*skipped)++;
		goto done;
	}
	if (!st->package.set || st->package.len == 0) {
		error = cvg__inv_problem(
		        ctx, "%s:%zu: stanza without a Package: field", ctx->file, st->line);
		goto done;
	}
	if (!st->version.set || st->version.len == 0) {
		error = cvg__inv_problem(
		        ctx, "%s:%zu: stanza without a Version: field", ctx->file, st->line);
		goto done;
	}
	if (!cvg__inv_is_token(st->package.s, st->package.len)) {
		error = cvg__inv_bad_line(
		        ctx, st->package.line, "Package: NAME", st->package.s, st->package.len);
		goto done;
	}
	if (!cvg__inv_is_token(st->version.s, st->version.len)) {
		error = cvg__inv_bad_line(
		        ctx, st->version.line, "Version: VERSION", st->version.s, st->version.len);
		goto done;
	}
	if (st->source.set &&
	        !parse_source(st->source.s, st->source.len, &src, &src_len, &src_ver, &src_vlen)) {
		/* lenient: the package is kept without its source */
		src_len = 0;
		if ((error = cvg__inv_bad_line(ctx, st->source.line, EXPECTED_SOURCE, st->source.s,
		             st->source.len)) < 0)
			goto done;
	}
	error = add(ctx, st->package.s, st->package.len, st->version.s, st->version.len,
	        st->arch.set && cvg__inv_is_token(st->arch.s, st->arch.len) ? st->arch.s : NULL,
	        st->arch.len, st->line, src, src_len, src_ver, src_vlen);
done:
	memset(st, 0, sizeof(*st));
	return error;
}

static int stanzas_parse(cvg__inv_ctx *ctx, const char *data, size_t len)
{
	static const struct {
		const char *name;
		size_t offset;
	} wanted[] = {
	        {"package", offsetof(stanza, package)},
	        {"version", offsetof(stanza, version)},
	        {"architecture", offsetof(stanza, arch)},
	        {"status", offsetof(stanza, status)},
	        {"source", offsetof(stanza, source)},
	};
	stanza st;
	cvg__lines it;
	const char *line;
	size_t n, skipped = 0;
	int error;

	memset(&st, 0, sizeof(st));
	cvg__lines_init(&it, data, len);
	while (cvg__lines_next(&it, &line, &n)) {
		const char *colon, *name, *value;
		size_t nlen, vlen;
		const char *t = line;
		size_t tn = n;

		cvg__trim(&t, &tn);
		if (tn == 0) {
			if ((error = stanza_end(ctx, &st, &skipped)) < 0)
				return error;
			continue;
		}
		if (is_blank(line[0])) {
			if (st.line == 0 && (error = cvg__inv_bad_line(
			                             ctx, it.lineno, EXPECTED_FIELD, t, tn)) < 0)
				return error;
			continue; /* a continuation line: part of a field we ignore */
		}
		if (line[0] == '#')
			continue;
		if (st.line == 0)
			st.line = it.lineno;
		if ((colon = memchr(t, ':', tn)) == NULL || colon == t) {
			if ((error = cvg__inv_bad_line(ctx, it.lineno, EXPECTED_FIELD, t, tn)) < 0)
				return error;
			continue;
		}
		name = t;
		nlen = (size_t)(colon - t);
		value = colon + 1;
		vlen = (size_t)(t + tn - value);
		cvg__trim(&value, &vlen);
		for (size_t i = 0; i < sizeof(wanted) / sizeof(wanted[0]); i++) {
			field *f = (field *)((char *)&st + wanted[i].offset);
			if (!equals_ci(name, nlen, wanted[i].name))
				continue;
			if (n > CVG__LINE_MAX) {
				/* long lines of other fields (Build-Ids:) are fine */
				if ((error = cvg__inv_problem(ctx,
				             "%s:%zu: line longer than %d bytes", ctx->file,
				             it.lineno, CVG__LINE_MAX)) < 0)
					return error;
				break;
			}
			if (f->set) {
				if ((error = cvg__inv_problem(ctx,
				             "%s:%zu: field '%s' repeated in the stanza of line "
				             "%zu",
				             ctx->file, it.lineno, wanted[i].name, st.line)) < 0)
					return error;
				break; /* lenient: the first one counts */
			}
			f->s = value;
			f->len = vlen;
			f->line = it.lineno;
			f->set = true;
			break;
		}
	}
	if ((error = stanza_end(ctx, &st, &skipped)) < 0)
		return error;
	warn_skipped(ctx, skipped, "stanza");
	return 0;
}

/* ---- 2. dpkg -l ---- */

static bool is_header(const char *s, size_t n)
{
	return starts_with_ci(s, n, "Desired=") || (n > 0 && (s[0] == '|' || s[0] == '+'));
}

/* "ii", "hi", "rc", "iHR", ...: desired state, status, optional error flag. */
static bool is_list_status(const char *s, size_t n)
{
	if (n < 2 || n > 3)
		return false;
	if (!memchr("uihrp", s[0], 5) || !memchr("ncHUFWti", s[1], 8))
		return false;
	return n == 2 || s[2] == 'R';
}

static int list_parse(cvg__inv_ctx *ctx, const char *data, size_t len)
{
	cvg__lines it;
	const char *line;
	size_t n, skipped = 0;
	int rc, arch_column = -1; /* -1: no header seen */

	cvg__lines_init(&it, data, len);
	while ((rc = cvg__inv_next_entry(ctx, &it, &line, &n)) == 1) {
		const char *st, *name, *ver, *arch = NULL, *w;
		size_t stlen, nlen, vlen, alen = 0, wlen, pos = 0;

		if (is_header(line, n)) {
			if (starts_with_ci(line, n, "||/"))
				arch_column = cvg__memmem(line, n, "Arch") != NULL;
			continue;
		}
		if (!next_word(line, n, &pos, &st, &stlen) || !is_list_status(st, stlen) ||
		        !next_word(line, n, &pos, &name, &nlen) ||
		        !next_word(line, n, &pos, &ver, &vlen) || !cvg__inv_is_token(name, nlen)) {
			if ((rc = cvg__inv_bad_line(ctx, it.lineno, EXPECTED_LIST, line, n)) < 0)
				return rc;
			continue;
		}
		if (!equals(st, stlen, "ii") && !equals(st, stlen, "hi")) {
			skipped++;
			continue;
		}
		if (next_word(line, n, &pos, &w, &wlen) &&
		        (arch_column == 1 || (arch_column == -1 && cvg__inv_is_arch(w, wlen)))) {
			arch = w;
			alen = wlen;
		}
		{
			const char *march;
			size_t malen;
			split_multiarch(name, nlen, &nlen, &march, &malen);
			if (arch == NULL) {
				arch = march;
				alen = malen;
			}
		}
		if ((rc = add(ctx, name, nlen, ver, vlen, arch, alen, it.lineno, NULL, 0, NULL,
		             0)) < 0)
			return rc;
	}
	if (rc < 0)
		return rc;
	warn_skipped(ctx, skipped, "line");
	return 0;
}

/* ---- 3. dpkg-query -W ---- */

/* Split a line at TABs into at most 4 columns; returns the count. */
static size_t split_tabs(const char *s, size_t n, const char **col, size_t *clen)
{
	size_t k = 0, start = 0;

	for (size_t i = 0; i <= n && k < 4; i++) {
		if (i == n || s[i] == '\t') {
			col[k] = s + start;
			clen[k] = i - start;
			k++;
			start = i + 1;
		}
	}
	return k;
}

static int query_parse(cvg__inv_ctx *ctx, const char *data, size_t len)
{
	cvg__lines it;
	const char *line;
	size_t n, skipped = 0;
	int rc;

	cvg__lines_init(&it, data, len);
	while ((rc = cvg__inv_next_entry(ctx, &it, &line, &n)) == 1) {
		const char *col[4], *arch, *src = NULL, *src_ver = NULL;
		size_t clen[4], k, nlen, alen, src_len = 0, src_vlen = 0;

		k = split_tabs(line, n, col, clen);
		for (size_t i = 0; i < k; i++)
			cvg__trim(&col[i], &clen[i]);
		if (k == 1 && cvg__inv_is_token(col[0], clen[0])) {
			skipped++; /* known to dpkg, no version: not installed */
			continue;
		}
		if (k > 3 || !cvg__inv_is_token(col[0], clen[0]) ||
		        (clen[1] > 0 && !cvg__inv_is_token(col[1], clen[1]))) {
			if ((rc = cvg__inv_bad_line(ctx, it.lineno, EXPECTED_QUERY, line, n)) < 0)
				return rc;
			continue;
		}
		if (k == 3 && is_status(col[2], clen[2])) {
			if (!status_installed(col[2], clen[2])) {
				skipped++;
				continue;
			}
		} else if (k == 3 &&
		           !parse_source(col[2], clen[2], &src, &src_len, &src_ver, &src_vlen)) {
			if ((rc = cvg__inv_bad_line(ctx, it.lineno, EXPECTED_QUERY, line, n)) < 0)
				return rc;
			continue;
		}
		if (clen[1] == 0) {
			skipped++;
			continue;
		}
		split_multiarch(col[0], clen[0], &nlen, &arch, &alen);
		if ((rc = add(ctx, col[0], nlen, col[1], clen[1], arch, alen, it.lineno, src,
		             src_len, src_ver, src_vlen)) < 0)
			return rc;
	}
	if (rc < 0)
		return rc;
	warn_skipped(ctx, skipped, "line");
	return 0;
}

/* ---- The format ---- */

/* The first entry line: not blank, not a comment. */
static bool first_entry(const char *data, size_t len, const char **line, size_t *n)
{
	cvg__lines it;

	cvg__lines_init(&it, data, len);
	while (cvg__lines_next(&it, line, n)) {
		cvg__trim(line, n);
		if (*n != 0 && (*line)[0] != '#')
			return true;
	}
	return false;
}

static bool is_stanza_start(const char *s, size_t n)
{
	return starts_with_ci(s, n, "Package:");
}

static int dpkg_parse(cvg__inv_ctx *ctx, const char *data, size_t len)
{
	const char *line, *w;
	size_t n, wlen, pos = 0;

	if (!first_entry(data, len, &line, &n))
		return 0;
	if (is_stanza_start(line, n))
		return stanzas_parse(ctx, data, len);
	if (is_header(line, n) || (next_word(line, n, &pos, &w, &wlen) && is_list_status(w, wlen) &&
	                                  pos < n && line[pos] == ' '))
		return list_parse(ctx, data, len);
	return query_parse(ctx, data, len);
}

/*
 * A stanza file starts with Package:, dpkg -l with its header; dpkg-query
 * -W output is up to 50 first lines of 2-3 TAB-separated columns whose
 * second (the version) starts with a digit, or is empty (not installed),
 * at least one with a version.
 */
static int dpkg_sniff(const char *data, size_t len)
{
	cvg__lines it;
	const char *line;
	size_t n, seen = 0, versions = 0;

	if (!first_entry(data, len, &line, &n))
		return 0;
	if (is_stanza_start(line, n))
		return 95;
	if (starts_with_ci(line, n, "Desired=") || starts_with_ci(line, n, "||/"))
		return 95;
	cvg__lines_init(&it, data, len);
	while (seen < 50 && cvg__lines_next(&it, &line, &n)) {
		const char *col[4];
		size_t clen[4], k;

		cvg__trim(&line, &n);
		if (n == 0 || line[0] == '#')
			continue;
		if (n > CVG__LINE_MAX)
			return 0;
		k = split_tabs(line, n, col, clen);
		if (k == 1 && cvg__inv_is_token(col[0], clen[0])) {
			seen++; /* "name<TAB>" trimmed: not installed */
			continue;
		}
		if (k < 2 || k > 3 || !cvg__inv_is_token(col[0], clen[0]))
			return 0;
		if (clen[1] > 0 && (col[1][0] < '0' || col[1][0] > '9'))
			return 0;
		versions += clen[1] > 0;
		seen++;
	}
	return versions ? 60 : 0;
}

const cvg__inv_format cvg__inv_dpkg = {
        .name = "dpkg",
        .summary = "dpkg/opkg status, Packages, dpkg -l or dpkg-query -W output",
        .parse = dpkg_parse,
        .sniff = dpkg_sniff,
        .distro = true,
};
