/*
 * lib/pkgmap.c - from package names to NVD vendor:product names.
 *
 * Three layers, first hit wins:
 *   1. the user's map files (cvg_pkgmap_load), a later line for the same
 *      name replacing an earlier one;
 *   2. the built-in table of lib/pkgmap_table.c (OE-core CVE_PRODUCT, NVD
 *      and Debian facts, cited there);
 *   3. the name itself as a product of any vendor: {NULL, name}.
 * Both tables are sorted arrays searched by bisection: a scan makes a few
 * hundred lookups, and a sorted array costs nothing to build or free.
 *
 * User map format, one mapping per line:
 *     # comment
 *     name  vendor:product [vendor:product ...]   # trailing comment
 * Tokens are separated by blanks or tabs; a bare `product` (or `*:product`)
 * means any vendor; a token with more than one ':', an empty vendor or
 * product, a product `*`, a name containing ':' or a name without products
 * is CVG_EPARSE "FILE:LINE: expected ..., found ...". Control characters
 * and NUL bytes are errors; CRLF line ends are accepted. A file is at most
 * 1 MiB (CVG_ELIMIT); a file with an error leaves the map unchanged.
 *
 * Binary -> source rules (cvg_pkgmap_source_name): distributions split one
 * source (recipe) into many binary packages whose names no NVD product
 * uses: libc6, libssl3, libcurl4, libpcre2-8-0. Two tables in
 * pkgmap_table.c decide: whole names (libc-bin -> glibc, udev -> systemd,
 * xz-utils -> xz) and stems. A stem matches the name itself or the name
 * followed by a digit, '-' or '.' and anything, so "libz" covers libz1 and
 * libz-dev but not libzstd1, and "libssl" covers libssl1.1 and libssl-dev.
 * The longest stem wins ("libpcre2" before "libpcre", "libcap-ng" before
 * "libcap"); a stem whose source is NULL is an exception that keeps the
 * name: systemd-conf, systemd-serialgetty and systemd-compat-units are
 * separate Yocto recipes versioned 1.0, kernel-module-* may come from
 * out-of-tree module recipes with their own versions, libatomic-ops is not
 * gcc's libatomic, grub-bootconf is not grub. Decisions worth knowing:
 *   - libjpeg* -> libjpeg-turbo: the libjpeg of both Yocto (libjpeg62) and
 *     Debian since jessie (libjpeg62-turbo) is libjpeg-turbo; Debian's IJG
 *     libjpeg8/9 carry a Source: field that the inventory reader uses first.
 *   - libudev* -> systemd: true for systemd builds; a sysvinit Yocto build
 *     takes libudev from eudev, whose versions then look like very old
 *     systemd. Use a user map line to correct it there.
 *   - libpcre2* -> pcre2, other libpcre* -> pcre: the library number decides.
 *   - glibc-* -> glibc, including glibc-gconv-* (iconv modules are code:
 *     CVE-2024-2961 is in one); the locale data packages are auxiliary.
 *
 * Auxiliary packages (cvg_pkgmap_is_auxiliary) carry no findings of their
 * own because they hold no code of their own, or because OE-core opts them
 * out: suffixes -lic -license -dbg -dbgsym -doc -dev -staticdev -src -ptest
 * -locale; infixes -locale-LL (a 2-3 letter language code: Yocto's
 * per-language splits, but not perl-module-locale-maketext) and
 * -localedata-; prefixes glibc-binary-localedata-, glibc-charmap-,
 * locale-base- and packagegroup- (OE's packagegroup class sets an empty
 * CVE_PRODUCT); and the OE recipes with an empty CVE_PRODUCT (glibc-locale,
 * glibc-mtrace, glibc-scripts, libx11-compose-data).
 */
#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cvegate/pkgmap.h"
#include "lib/pkgmap_internal.h"
#include "util/error.h"
#include "util/file.h"

/* The largest user map file we read: 1 MiB, far above any real map (the
 * whole OE-core CVE_PRODUCT list is 4 KiB). */
#define PKGMAP_MAX_FILE (1024 * 1024)

typedef struct entry {
	const char *name;
	cvg_product *products;
	size_t count;
	size_t seq;  /* order of appearance over all user files: last wins */
	void *block; /* owns products, name and strings */
} entry;

struct cvg_pkgmap {
	entry *builtin; /* in the order of cvg__pkgmap_builtins (sorted) */
	size_t nbuiltin;
	entry *user; /* sorted by name, unique */
	size_t nuser;
	size_t seq;
};

/* ---- Parsing one mapping line ---- */

typedef struct cursor {
	const char *p, *end;
	const char *path;
	size_t line;
} cursor;

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Next token in [p, end): skips blanks; stops at a '#' that starts a token. */
static int next_token(const char **tok, size_t *len, cursor *c)
{
	while (c->p < c->end && is_blank(*c->p))
		c->p++;
	if (c->p == c->end || *c->p == '#') {
		c->p = c->end;
		return 0;
	}
	*tok = c->p;
	while (c->p < c->end && !is_blank(*c->p))
		c->p++;
	*len = (size_t)(c->p - *tok);
	return 1;
}

/* Limit for quoting a token in a message. */
static int qlen(size_t len)
{
	return (int)(len > 64 ? 64 : len);
}

/* Check one vendor:product token; `colon` is set to its ':' or NULL. */
static int check_product(const char **colon, const char *tok, size_t len, const cursor *c)
{
	const char *first = memchr(tok, ':', len);

	*colon = first;
	if (first == NULL) {
		if (len == 1 && tok[0] == '*')
			goto star;
		return 0;
	}
	if (memchr(first + 1, ':', len - (size_t)(first - tok) - 1) != NULL)
		return cvg__error(CVG_EPARSE,
		        "%s:%zu: expected vendor:product, found \"%.*s\" (more than one ':')",
		        c->path, c->line, qlen(len), tok);
	if (first == tok)
		return cvg__error(CVG_EPARSE,
		        "%s:%zu: expected a vendor before ':', found \"%.*s\"", c->path, c->line,
		        qlen(len), tok);
	if (first == tok + len - 1)
		return cvg__error(CVG_EPARSE,
		        "%s:%zu: expected a product after ':', found \"%.*s\"", c->path, c->line,
		        qlen(len), tok);
	if (first == tok + len - 2 && first[1] == '*')
		goto star;
	return 0;
star:
	return cvg__error(CVG_EPARSE, "%s:%zu: expected a product name, found \"%.*s\"", c->path,
	        c->line, qlen(len), tok);
}

static char *put(char **dst, const char *s, size_t len)
{
	char *start = *dst;

	memcpy(start, s, len);
	start[len] = '\0';
	*dst = start + len + 1;
	return start;
}

/*
 * Parse the line [p, end) (no newline) into `out`. Sets *got to 0 for a
 * blank or comment line, 1 for a mapping.
 */
static int parse_line(entry *out, int *got, cursor *c)
{
	const char *name, *tok, *colon;
	size_t name_len, len, count = 0, bytes, cap;
	const char *products_start;
	cvg_product *products;
	char *block, *strs;
	int error;

	*got = 0;
	for (const char *q = c->p; q < c->end; q++) {
		unsigned char ch = (unsigned char)*q;
		if ((ch < 0x20 && ch != '\t') || ch == 0x7f)
			return cvg__error(CVG_EPARSE,
			        "%s:%zu: expected a printable character, found byte 0x%02x",
			        c->path, c->line, ch);
	}
	if (!next_token(&name, &name_len, c))
		return 0;
	if (memchr(name, ':', name_len) != NULL)
		return cvg__error(CVG_EPARSE,
		        "%s:%zu: expected a package name first, found \"%.*s\"", c->path, c->line,
		        qlen(name_len), name);
	products_start = c->p;
	bytes = name_len + 1;
	while (next_token(&tok, &len, c)) {
		if ((error = check_product(&colon, tok, len, c)) < 0)
			return error;
		count++;
		bytes += len + 1;
	}
	if (count == 0)
		return cvg__error(CVG_EPARSE,
		        "%s:%zu: expected vendor:product after \"%.*s\", found the end of the line",
		        c->path, c->line, qlen(name_len), name);

	/* Sizes are bounded by the 1 MiB input, so they cannot overflow. */
	cap = count * sizeof(cvg_product) + bytes;
	if ((block = malloc(cap)) == NULL)
		return cvg__error_oom();
	products = (cvg_product *)(void *)block;
	strs = block + count * sizeof(cvg_product);
	out->name = put(&strs, name, name_len);
	out->products = products;
	out->count = count;
	out->block = block;

	c->p = products_start;
	for (size_t i = 0; next_token(&tok, &len, c); i++) {
		(void)check_product(&colon, tok, len, c);
		if (colon == NULL) {
			products[i].vendor = NULL;
			products[i].product = put(&strs, tok, len);
		} else if (colon == tok + 1 && tok[0] == '*') {
			products[i].vendor = NULL;
			products[i].product = put(&strs, colon + 1, len - 2);
		} else {
			/* vendor and product share the token's bytes: "v\0p\0" */
			char *v = put(&strs, tok, len);
			v[colon - tok] = '\0';
			products[i].vendor = v;
			products[i].product = v + (colon - tok) + 1;
		}
	}
	*got = 1;
	return 0;
}

static void entries_free(entry *e, size_t n)
{
	if (e == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		free(e[i].block);
	free(e);
}

/* ---- Building the map ---- */

int cvg_pkgmap_new(cvg_pkgmap **out)
{
	cvg_pkgmap *map = NULL;
	int error = 0;

	assert(out != NULL);
	*out = NULL;
	if ((map = calloc(1, sizeof(*map))) == NULL ||
	        (map->builtin = calloc(cvg__pkgmap_nbuiltins, sizeof(entry))) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	for (size_t i = 0; i < cvg__pkgmap_nbuiltins; i++) {
		const char *products = cvg__pkgmap_builtins[i].products;
		const char *name = cvg__pkgmap_builtins[i].name;
		size_t nlen = strlen(name), plen = strlen(products);
		char line[512];
		cursor c;
		int got;

		/* A built-in row is "name products"; too long a row is a bug. */
		assert(nlen + 1 + plen < sizeof(line));
		memcpy(line, name, nlen);
		line[nlen] = ' ';
		memcpy(line + nlen + 1, products, plen);
		c.p = line;
		c.end = line + nlen + 1 + plen;
		c.path = "<built-in>";
		c.line = i + 1;
		if ((error = parse_line(&map->builtin[i], &got, &c)) < 0)
			goto done;
		assert(got == 1);
		map->nbuiltin = i + 1;
	}
	*out = map;
	map = NULL;
done:
	cvg_pkgmap_free(map);
	return error;
}

void cvg_pkgmap_free(cvg_pkgmap *map)
{
	if (map == NULL)
		return;
	entries_free(map->builtin, map->nbuiltin);
	entries_free(map->user, map->nuser);
	free(map);
}

static int entry_cmp(const void *a, const void *b)
{
	const entry *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int cvg__pkgmap_load_buffer(cvg_pkgmap *map, const char *data, size_t len, const char *path)
{
	entry *all = NULL;
	size_t n = 0, cap = 0, line = 0, kept;
	const char *p = data, *end = data + len;
	int error = 0;

	assert(map != NULL && (data != NULL || len == 0) && path != NULL);
	if (len > PKGMAP_MAX_FILE)
		return cvg__error(CVG_ELIMIT, "%s: larger than 1 MiB", path);

	/* Start from the current user entries; new ones append. */
	cap = map->nuser + 16;
	if ((all = malloc(cap * sizeof(*all))) == NULL)
		return cvg__error_oom();
	n = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		cursor c;
		entry e;
		int got;

		line++;
		c.p = p;
		c.end = eol;
		if (c.end > c.p && c.end[-1] == '\r')
			c.end--;
		c.path = path;
		c.line = line;
		if (memchr(p, '\0', (size_t)(eol - p)) != NULL) {
			error = cvg__error(CVG_EPARSE,
			        "%s:%zu: expected a printable character, found byte 0x00", path,
			        line);
			goto done;
		}
		if ((error = parse_line(&e, &got, &c)) < 0)
			goto done;
		if (got) {
			if (n == cap) {
				entry *grown;
				cap *= 2;
				if ((grown = realloc(all, cap * sizeof(*all))) == NULL) {
					free(e.block);
					error = cvg__error_oom();
					goto done;
				}
				all = grown;
			}
			e.seq = map->seq + line;
			all[n++] = e;
		}
		p = nl ? nl + 1 : end;
	}

	/* Merge: the old entries keep their (smaller) sequence numbers. */
	if (n + map->nuser > cap) {
		entry *grown = realloc(all, (n + map->nuser) * sizeof(*all));
		if (grown == NULL) {
			error = cvg__error_oom();
			goto done;
		}
		all = grown;
	}
	if (map->nuser > 0)
		memcpy(all + n, map->user, map->nuser * sizeof(*all));
	n += map->nuser;
	qsort(all, n, sizeof(*all), entry_cmp);
	/* Keep the last of each run of equal names. */
	kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (i + 1 < n && strcmp(all[i].name, all[i + 1].name) == 0) {
			free(all[i].block);
			continue;
		}
		all[kept++] = all[i];
	}
	free(map->user);
	map->user = all;
	map->nuser = kept;
	map->seq += line + 1;
	return 0;
done:
	entries_free(all, n);
	return error;
}

int cvg_pkgmap_load(cvg_pkgmap *map, const char *path)
{
	char *data = NULL;
	size_t len = 0;
	int error;

	assert(map != NULL && path != NULL);
	if ((error = cvg__read_file(&data, &len, path, PKGMAP_MAX_FILE)) == 0)
		error = cvg__pkgmap_load_buffer(map, data, len, path);
	free(data);
	return error;
}

/* ---- Lookup ---- */

static const entry *find_entry(const entry *e, size_t n, const char *name)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, e[mid].name);
		if (c == 0)
			return &e[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* The {NULL, name} answer for a name in no table; one per thread. */
static _Thread_local cvg_product fallback;

int cvg_pkgmap_lookup(const cvg_product **out, size_t *count, cvg_pkgmap_origin *origin,
        const cvg_pkgmap *map, const char *name)
{
	const entry *e;

	assert(out != NULL && count != NULL && origin != NULL && map != NULL && name != NULL);
	*origin = CVG_PKGMAP_USER;
	if ((e = find_entry(map->user, map->nuser, name)) == NULL) {
		*origin = CVG_PKGMAP_BUILTIN;
		e = find_entry(map->builtin, map->nbuiltin, name);
	}
	if (e != NULL) {
		*out = e->products;
		*count = e->count;
		return 0;
	}
	fallback.vendor = NULL;
	fallback.product = name;
	*out = &fallback;
	*count = 1;
	*origin = CVG_PKGMAP_NAME;
	return 0;
}

const char *cvg_pkgmap_origin_name(cvg_pkgmap_origin origin)
{
	switch (origin) {
	case CVG_PKGMAP_BUILTIN:
		return "mapping table";
	case CVG_PKGMAP_USER:
		return "user map";
	case CVG_PKGMAP_NAME:
		break;
	}
	return "plain name";
}

/* ---- Binary -> source ---- */

/* Compare the first `len` bytes of `s` as a whole string with `key`. */
static int prefix_cmp(const char *s, size_t len, const char *key)
{
	int c = strncmp(s, key, len);

	if (c != 0)
		return c;
	return key[len] == '\0' ? 0 : -1;
}

static const cvg__pkgmap_rule *find_rule(
        const cvg__pkgmap_rule *r, size_t n, const char *s, size_t len)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = prefix_cmp(s, len, r[mid].pattern);
		if (c == 0)
			return &r[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static int is_stem_boundary(char c)
{
	return (c >= '0' && c <= '9') || c == '-' || c == '.';
}

const char *cvg_pkgmap_source_name(const cvg_pkgmap *map, const char *name)
{
	const cvg__pkgmap_rule *r;
	size_t len;

	(void)map; /* the rules are built in; the map may carry user rules later */
	assert(name != NULL);
	len = strlen(name);
	r = find_rule(cvg__pkgmap_exact_rules, cvg__pkgmap_nexact_rules, name, len);
	if (r != NULL)
		return r->source != NULL ? r->source : name;
	for (size_t k = len; k > 0; k--) {
		if (k < len && !is_stem_boundary(name[k]))
			continue;
		r = find_rule(cvg__pkgmap_stem_rules, cvg__pkgmap_nstem_rules, name, k);
		if (r != NULL)
			return r->source != NULL ? r->source : name;
	}
	return name;
}

/* ---- Auxiliary packages ---- */

static bool has_suffix(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len > n && memcmp(s + len - n, suffix, n) == 0;
}

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

/* "-locale-" followed by a 2-3 letter language code ending the name or
 * followed by '-', '_', '.' or '@' (en, en-gb, pt-br, ca-valencia, sr@latin). */
static bool has_locale_infix(const char *s)
{
	for (const char *p = strstr(s, "-locale-"); p != NULL; p = strstr(p + 1, "-locale-")) {
		const char *code = p + 8;
		size_t n = 0;

		while (n < 4 && is_lower(code[n]))
			n++;
		if ((n == 2 || n == 3) && (code[n] == '\0' || code[n] == '-' || code[n] == '_' ||
		                                  code[n] == '.' || code[n] == '@'))
			return true;
	}
	return false;
}

bool cvg_pkgmap_is_auxiliary(const char *name)
{
	static const char *const suffixes[] = {"-lic", "-license", "-dbg", "-dbgsym", "-doc",
	        "-dev", "-staticdev", "-src", "-ptest", "-locale"};
	static const char *const prefixes[] = {
	        "glibc-binary-localedata-", "glibc-charmap-", "locale-base-", "packagegroup-"};
	size_t len;

	assert(name != NULL);
	len = strlen(name);
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (has_suffix(name, len, suffixes[i]))
			return true;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (has_prefix(name, prefixes[i]))
			return true;
	if (strstr(name, "-localedata-") != NULL || has_locale_infix(name))
		return true;
	for (size_t i = 0; i < cvg__pkgmap_noptouts; i++)
		if (strcmp(name, cvg__pkgmap_optouts[i]) == 0)
			return true;
	return false;
}
