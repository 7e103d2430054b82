/*
 * lib/cpe.c - CPE 2.3 formatted strings (NISTIR 7695 section 6.2) and
 * attribute matching (NISTIR 7696 section 6).
 *
 * A formatted string is "cpe:2.3:" followed by exactly eleven attributes
 * separated by unquoted colons. Inside an attribute a backslash quotes the
 * next character, so "\:" belongs to the value. The rules enforced here:
 *
 *   - the prefix is exactly "cpe:2.3:" (lower case, as the spec writes it);
 *   - exactly 11 attributes: fewer or more is CVG_EPARSE;
 *   - no attribute is empty, none ends in a lone backslash;
 *   - unquoted characters are ALPHA / DIGIT / "-" / "." / "_" (the spec's
 *     `unreserved`) and the specials "*" and "?";
 *   - a backslash may quote any printable ASCII character (0x21-0x7e). The
 *     grammar only lists `escape / special / punc`, but quoting ".", "-" or
 *     "_" is harmless and the NVD's own tools emit "node\.js", so we are as
 *     liberal as the data is;
 *   - the part is "a", "o", "h", or the logical values "*" / "-";
 *   - "*" alone is ANY, "-" alone is NA; an unquoted "*" or "?" in a longer
 *     value marks it as a wildcard pattern. The spec only allows them at the
 *     start or end of a value; we accept them anywhere and match them as a
 *     glob, which is a superset and never surprising.
 *
 * Every one of the 1,366,771 criteria in the NVD 1.1 feeds 2002-2018 (and
 * the 448,284 in the partial, history and 2.0 files of the test corpus)
 * passes these rules: they hold 13 colon-separated components, quoted
 * punctuation such as "1.0\(beta\)", "m4\/m5" and "2.5\"", no unquoted
 * punctuation, no empty attribute and no non-ASCII byte.
 *
 * Layout: a parsed name is ONE allocation holding the struct followed by
 * the raw and unescaped strings, so cvg_cpe_free() is a single free() and a
 * parse costs one malloc. cvg_cpe_key_parse() is the importer's fast
 * path: it validates the name and copies only the four attributes the
 * database keys a criterion by into the caller's struct, without allocating.
 *
 * Matching uses the raw form of a wildcard pattern (so "\*" stays a literal
 * star) and an iterative glob with a single backtrack point: O(n*m) in the
 * worst case, no recursion, no exponential blowup on "*a*a*a*b".
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cvegate/cpe.h"
#include "cvegate/error.h"
#include "util/buf.h"
#include "util/error.h"

/* The longest formatted string we accept. Real NVD criteria are at most 149
 * bytes (2002-2018 feeds); CPE defines no limit, so this is a generous cap
 * that keeps hostile input bounded. */
#define CPE_MAX_LEN 4096

#define CPE_PREFIX "cpe:2.3:"
#define CPE_PREFIX_LEN 8

static const char *const field_names[CVG_CPE_NFIELDS] = {"part", "vendor", "product", "version",
        "update", "edition", "language", "sw_edition", "target_sw", "target_hw", "other"};

/* ---- Character classes ---- */

static int is_unreserved(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_';
}

/* What may follow a backslash: any printable ASCII character. */
static int is_quotable(unsigned char c)
{
	return c >= 0x21 && c <= 0x7e;
}

static unsigned char lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

/* ---- Scanning one attribute ---- */

typedef struct attr_scan {
	size_t len;    /* raw length, escapes included */
	size_t vlen;   /* unescaped length */
	bool wildcard; /* an unquoted * or ? appears */
} attr_scan;

static int bad_char(unsigned char c, int field, const char *what)
{
	if (c >= 0x21 && c <= 0x7e)
		return cvg__error(CVG_EPARSE,
		        "CPE name: expected a letter, digit, '-', '.', '_', '*', '?' or a "
		        "backslash-quoted character %sin the %s attribute, found '%c'",
		        what, field_names[field], c);
	return cvg__error(CVG_EPARSE,
	        "CPE name: expected a printable ASCII character %sin the %s attribute, found "
	        "byte 0x%02x",
	        what, field_names[field], c);
}

/*
 * Scan the attribute starting at `s` up to the next unquoted ':' or the end
 * of the string. Validates the characters; fills `out`. `field` is used for
 * messages only.
 */
static int scan_attr(attr_scan *out, const char *s, int field)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t vlen = 0;
	bool wildcard = false;

	while (*p != '\0' && *p != ':') {
		if (*p == '\\') {
			if (p[1] == '\0')
				return cvg__error(CVG_EPARSE,
				        "CPE name: expected a character after the backslash at the "
				        "end of the %s attribute",
				        field_names[field]);
			if (!is_quotable(p[1]))
				return bad_char(p[1], field, "after a backslash ");
			p += 2;
			vlen++;
			continue;
		}
		if (*p == '*' || *p == '?')
			wildcard = true;
		else if (!is_unreserved(*p))
			return bad_char(*p, field, "");
		p++;
		vlen++;
	}
	out->len = (size_t)(p - (const unsigned char *)s);
	out->vlen = vlen;
	out->wildcard = wildcard;
	if (out->len == 0)
		return cvg__error(CVG_EPARSE,
		        "CPE name: expected a value in the %s attribute, found "
		        "an empty attribute",
		        field_names[field]);
	return 0;
}

/* Copy the unescaped form of a raw attribute of `len` bytes; NUL-terminates. */
static void unescape(char *dst, const char *raw, size_t len)
{
	const char *end = raw + len;

	while (raw < end) {
		if (*raw == '\\')
			raw++;
		*dst++ = *raw++;
	}
	*dst = '\0';
}

static int check_prefix(const char *fs, size_t *len)
{
	size_t n = strnlen(fs, CPE_MAX_LEN + 1);

	if (n > CPE_MAX_LEN)
		return cvg__error(CVG_ELIMIT, "CPE name: longer than %d bytes", CPE_MAX_LEN);
	if (n < CPE_PREFIX_LEN || memcmp(fs, CPE_PREFIX, CPE_PREFIX_LEN) != 0)
		return cvg__error(CVG_EPARSE, "CPE name: expected \"cpe:2.3:\" at the start");
	*len = n;
	return 0;
}

static int check_part(const char *raw, size_t len)
{
	if (len == 1 &&
	        (raw[0] == 'a' || raw[0] == 'o' || raw[0] == 'h' || raw[0] == '*' || raw[0] == '-'))
		return 0;
	return cvg__error(CVG_EPARSE,
	        "CPE name: expected part 'a', 'o', 'h', '*' or '-', found "
	        "\"%.*s\"",
	        (int)(len > 32 ? 32 : len), raw);
}

/* ---- Parsing ---- */

int cvg_cpe_parse(cvg_cpe **out, const char *fs)
{
	attr_scan scans[CVG_CPE_NFIELDS];
	const char *starts[CVG_CPE_NFIELDS];
	cvg_cpe *cpe = NULL;
	const char *p;
	char *store;
	size_t len;
	int error, n = 0;

	assert(out != NULL && fs != NULL);
	*out = NULL;
	if ((error = check_prefix(fs, &len)) < 0)
		goto done;

	p = fs + CPE_PREFIX_LEN;
	for (;;) {
		if (n == CVG_CPE_NFIELDS) {
			error = cvg__error(CVG_EPARSE,
			        "CPE name: expected 11 attributes after \"cpe:2.3:\", found more");
			goto done;
		}
		starts[n] = p;
		if ((error = scan_attr(&scans[n], p, n)) < 0)
			goto done;
		p += scans[n].len;
		n++;
		if (*p == '\0')
			break;
		p++; /* the ':' */
	}
	if (n != CVG_CPE_NFIELDS) {
		error = cvg__error(CVG_EPARSE,
		        "CPE name: expected 11 attributes after \"cpe:2.3:\", found %d", n);
		goto done;
	}
	if ((error = check_part(starts[0], scans[0].len)) < 0)
		goto done;

	/* Raw strings take at most len bytes plus 11 NULs, values as much. */
	cpe = malloc(sizeof(*cpe) + 2 * (len + CVG_CPE_NFIELDS));
	if (cpe == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	store = (char *)(cpe + 1);
	for (int i = 0; i < CVG_CPE_NFIELDS; i++) {
		cvg_cpe_attr *a = &cpe->attr[i];
		const attr_scan *sc = &scans[i];

		memcpy(store, starts[i], sc->len);
		store[sc->len] = '\0';
		a->raw = store;
		store += sc->len + 1;
		a->value = NULL;
		a->wildcard = false;
		if (sc->len == 1 && starts[i][0] == '*') {
			a->kind = CVG_CPE_ANY;
		} else if (sc->len == 1 && starts[i][0] == '-') {
			a->kind = CVG_CPE_NA;
		} else {
			a->kind = CVG_CPE_VALUE;
			a->wildcard = sc->wildcard;
			unescape(store, starts[i], sc->len);
			a->value = store;
			store += sc->vlen + 1;
		}
	}
	*out = cpe;
	cpe = NULL;
	error = 0;
done:
	free(cpe);
	return error;
}

void cvg_cpe_free(cvg_cpe *cpe)
{
	free(cpe);
}

/* ---- Fast extraction for the importer ---- */

static int copy_attr(char *dst, size_t size, const char *raw, size_t len, size_t vlen, int field,
        bool keep_escapes)
{
	if ((keep_escapes ? len : vlen) >= size)
		return cvg__error(CVG_ELIMIT, "CPE name: the %s attribute is longer than %zu bytes",
		        field_names[field], size - 1);
	if (keep_escapes) {
		memcpy(dst, raw, len);
		dst[len] = '\0';
	} else {
		unescape(dst, raw, len);
	}
	return 0;
}

int cvg_cpe_key_parse(cvg_cpe_key *out, const char *fs)
{
	attr_scan sc;
	const char *p;
	size_t len;
	int error, n;

	assert(out != NULL && fs != NULL);
	if ((error = check_prefix(fs, &len)) < 0)
		return error;
	p = fs + CPE_PREFIX_LEN;
	out->plain = true;
	for (n = 0;; n++) {
		if (n == CVG_CPE_NFIELDS)
			return cvg__error(CVG_EPARSE,
			        "CPE name: expected 11 attributes after \"cpe:2.3:\", found more");
		if ((error = scan_attr(&sc, p, n)) < 0)
			return error;
		if ((n == CVG_CPE_VENDOR || n == CVG_CPE_PRODUCT) && sc.vlen != sc.len)
			out->plain = false; /* escapes: the unescaped value is not the raw one */
		if (n > CVG_CPE_UPDATE && !(sc.len == 1 && *p == '*'))
			out->plain = false;
		if (n == CVG_CPE_PART) {
			error = check_part(p, sc.len);
			out->part = *p;
		} else if (n == CVG_CPE_VENDOR)
			error = copy_attr(
			        out->vendor, sizeof(out->vendor), p, sc.len, sc.vlen, n, false);
		else if (n == CVG_CPE_PRODUCT)
			error = copy_attr(
			        out->product, sizeof(out->product), p, sc.len, sc.vlen, n, false);
		else if (n == CVG_CPE_VERSION)
			error = copy_attr(
			        out->version, sizeof(out->version), p, sc.len, sc.vlen, n, true);
		else if (n == CVG_CPE_UPDATE)
			error = copy_attr(
			        out->update, sizeof(out->update), p, sc.len, sc.vlen, n, true);
		if (error < 0)
			return error;
		p += sc.len;
		if (*p == '\0')
			break;
		p++; /* the ':' */
	}
	if (n + 1 != CVG_CPE_NFIELDS)
		return cvg__error(CVG_EPARSE,
		        "CPE name: expected 11 attributes after \"cpe:2.3:\", found %d", n + 1);
	return 0;
}

int cvg_cpe_key_format(char *buf, size_t size, char part, const char *vendor, const char *product,
        const char *version, const char *update)
{
	int n = snprintf(buf, size, "cpe:2.3:%c:%s:%s:%s:%s:*:*:*:*:*:*", part, vendor, product,
	        version, update);

	if (n < 0 || (size_t)n >= size)
		return cvg__error(CVG_ELIMIT, "CPE name: longer than %zu bytes", size - 1);
	return 0;
}

int cvg_cpe_attr_from_raw(
        cvg_cpe_attr *out, char *buf, size_t size, const char *raw, cvg_cpe_field field)
{
	attr_scan sc;
	int error;

	assert(out != NULL && buf != NULL && raw != NULL && size > 0);
	if ((error = scan_attr(&sc, raw, (int)field)) < 0)
		return error;
	if (raw[sc.len] != '\0')
		return cvg__error(CVG_EPARSE, "CPE name: the %s attribute holds an unquoted ':'",
		        field_names[field]);
	out->raw = (char *)raw;
	out->value = NULL;
	out->wildcard = false;
	if (sc.len == 1 && raw[0] == '*') {
		out->kind = CVG_CPE_ANY;
		return 0;
	}
	if (sc.len == 1 && raw[0] == '-') {
		out->kind = CVG_CPE_NA;
		return 0;
	}
	if ((error = copy_attr(buf, size, raw, sc.len, sc.vlen, (int)field, false)) < 0)
		return error;
	out->kind = CVG_CPE_VALUE;
	out->wildcard = sc.wildcard;
	out->value = buf;
	return 0;
}

/* ---- Matching ---- */

/*
 * Case-insensitive glob of the raw pattern `pat` (escapes kept: "\x" is a
 * literal x, unquoted "*" any sequence, "?" exactly one character) against
 * the concrete string `s`. Iterative with one backtrack point: after a
 * mismatch we resume at the last "*", consuming one more character of `s`.
 * That is enough because a later "*" supersedes any earlier choice.
 */
static bool glob_match(const char *pat, const char *s)
{
	const char *star_p = NULL, *star_s = NULL;

	for (;;) {
		if (*pat == '*') {
			while (*pat == '*')
				pat++;
			star_p = pat;
			star_s = s;
			continue;
		}
		if (*s == '\0') {
			if (*pat == '\0')
				return true;
			return false; /* the pattern wants more (a literal or '?') */
		}
		if (*pat == '?') {
			pat++;
			s++;
			continue;
		}
		if (*pat != '\0') {
			const char *lit = pat;
			if (*lit == '\\' && lit[1] != '\0')
				lit++;
			if (lower((unsigned char)*lit) == lower((unsigned char)*s)) {
				pat = lit + 1;
				s++;
				continue;
			}
		}
		if (star_p == NULL)
			return false;
		pat = star_p;
		s = ++star_s;
	}
}

static bool equal_nocase(const char *a, const char *b)
{
	while (*a != '\0' && lower((unsigned char)*a) == lower((unsigned char)*b)) {
		a++;
		b++;
	}
	return *a == '\0' && *b == '\0';
}

bool cvg_cpe_attr_match(const cvg_cpe_attr *pattern, const char *value)
{
	assert(pattern != NULL);
	switch (pattern->kind) {
	case CVG_CPE_ANY:
		return true;
	case CVG_CPE_NA:
		return value == NULL;
	case CVG_CPE_VALUE:
		break;
	}
	if (value == NULL || pattern->value == NULL)
		return false;
	if (!pattern->wildcard)
		return equal_nocase(pattern->value, value);
	return glob_match(pattern->raw != NULL ? pattern->raw : pattern->value, value);
}

/* ---- CPE 2.2 URIs (NISTIR 7695 section 6.1.3: unbinding a URI) ---- */

/* Append one URI component, decoded and rebound as a formatted-string attribute. */
static int uri_attr_to_fs(cvg_buf *b, const char *s, size_t n, int field)
{
	if (n == 0)
		return cvg__buf_put(b, "*", 1);
	if (n == 1 && s[0] == '-')
		return cvg__buf_put(b, "-", 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = lower((unsigned char)s[i]);
		int error;

		if (c == '%') {
			char hex[3] = {0};
			unsigned long v;
			char *endp;

			if (i + 2 >= n)
				return cvg__error(CVG_EPARSE,
				        "CPE URI: expected two hex digits after '%%' in the %s "
				        "attribute",
				        field_names[field]);
			memcpy(hex, s + i + 1, 2);
			v = strtoul(hex, &endp, 16);
			if (endp != hex + 2 || v == 0 || (v >= 0x03 && v < 0x21) || v > 0x7e)
				return cvg__error(CVG_EPARSE,
				        "CPE URI: expected a printable percent-encoded character "
				        "in the "
				        "%s attribute, found '%%%s'",
				        field_names[field], hex);
			i += 2;
			if (v == 0x01) /* %01: the wildcard '?' */
				error = cvg__buf_put(b, "?", 1);
			else if (v == 0x02) /* %02: the wildcard '*' */
				error = cvg__buf_put(b, "*", 1);
			else if (is_unreserved(lower((unsigned char)v)))
				error = cvg__buf_putc(b, (char)lower((unsigned char)v));
			else
				error = cvg__buf_printf(b, "\\%c", (char)v);
		} else if (is_unreserved(c)) {
			error = cvg__buf_putc(b, (char)c);
		} else if (c == '*' || c == '?') {
			/* a URI spells its wildcards %02 and %01: a bare one is
			 * neither a wildcard nor surely a literal */
			return cvg__error(CVG_EPARSE,
			        "CPE URI: expected '%%02' or '%%01' for a wildcard in the %s "
			        "attribute, found '%c'",
			        field_names[field], c);
		} else if (c == '~' || (c >= 0x21 && c <= 0x7e && c != ':')) {
			error = cvg__buf_printf(b, "\\%c", (char)c);
		} else {
			return bad_char(c, field, "");
		}
		if (error < 0)
			return error;
	}
	return 0;
}

int cvg_cpe_uri_to_fs(char **out, const char *uri, size_t len)
{
	const char *comp[7] = {0}, *pack[5] = {0};
	size_t clen[7] = {0}, plen[5] = {0}, ncomp = 0;
	cvg_buf b = CVG_BUF_INIT(0);
	const char *p, *end = uri + len;
	int error = 0;

	*out = NULL;
	if (len < 5 || strncasecmp(uri, "cpe:/", 5) != 0)
		return cvg__error(CVG_EPARSE, "CPE URI: expected it to start with 'cpe:/'");
	if (len > 2048)
		return cvg__error(CVG_ELIMIT, "CPE URI: longer than 2048 bytes");
	for (p = uri + 5; ncomp < 7;) {
		const char *colon = memchr(p, ':', (size_t)(end - p));
		comp[ncomp] = p;
		clen[ncomp++] = (size_t)((colon ? colon : end) - p);
		if (colon == NULL)
			break;
		p = colon + 1;
	}
	if (ncomp == 7 && comp[6] + clen[6] != end)
		return cvg__error(CVG_EPARSE, "CPE URI: expected at most 7 components");
	if (clen[0] > 1 ||
	        (clen[0] == 1 && strchr("aoh", lower((unsigned char)comp[0][0])) == NULL))
		return cvg__error(CVG_EPARSE, "CPE URI: expected the part 'a', 'o' or 'h'");
	/* A packed edition "~ed~sw_ed~target_sw~target_hw~other" (section 6.1.3.5). */
	if (ncomp > 5 && clen[5] > 0 && comp[5][0] == '~') {
		const char *q = comp[5] + 1, *qend = comp[5] + clen[5];
		for (size_t k = 0; k < 5; k++) {
			const char *tilde = memchr(q, '~', (size_t)(qend - q));
			if ((tilde == NULL) != (k == 4))
				return cvg__error(CVG_EPARSE,
				        "CPE URI: expected a packed edition of five '~'-separated "
				        "attributes");
			pack[k] = q;
			plen[k] = (size_t)((tilde ? tilde : qend) - q);
			q = tilde ? tilde + 1 : qend;
		}
	}
	error = cvg__buf_printf(&b, "cpe:2.3:%c", clen[0] ? lower((unsigned char)comp[0][0]) : '*');
	for (int f = CVG_CPE_VENDOR; f < CVG_CPE_NFIELDS && error == 0; f++) {
		const char *v = NULL;
		size_t vn = 0;

		if (f <= CVG_CPE_UPDATE && (size_t)f < ncomp) {
			v = comp[f];
			vn = clen[f];
		} else if (f == CVG_CPE_EDITION && ncomp > 5 && pack[0] == NULL) {
			v = comp[5];
			vn = clen[5];
		} else if (f == CVG_CPE_LANGUAGE && ncomp > 6) {
			v = comp[6];
			vn = clen[6];
		} else if (pack[0] != NULL) {
			static const int packed_at[CVG_CPE_NFIELDS] = {[CVG_CPE_EDITION] = 1,
			        [CVG_CPE_SW_EDITION] = 2,
			        [CVG_CPE_TARGET_SW] = 3,
			        [CVG_CPE_TARGET_HW] = 4,
			        [CVG_CPE_OTHER] = 5};
			if (packed_at[f]) {
				v = pack[packed_at[f] - 1];
				vn = plen[packed_at[f] - 1];
			}
		}
		if ((error = cvg__buf_put(&b, ":", 1)) == 0)
			error = uri_attr_to_fs(&b, v ? v : "", vn, f);
	}
	if (error < 0) {
		cvg__buf_dispose(&b);
		return error;
	}
	*out = cvg__buf_detach(&b);
	return *out ? 0 : cvg__error_oom();
}
