/*
 * lib/nvd_meta.c - read the .meta sidecar of an NVD JSON feed.
 *
 * Format, as published by the NVD for every 1.1 and 2.0 feed file:
 *
 *   lastModifiedDate:2023-12-30T03:02:38-05:00\r\n
 *   size:40674372\r\n
 *   zipSize:2348021\r\n
 *   gzSize:2347885\r\n
 *   sha256:9FF274818A67F5E96BF0DAC4310A073F7CF3EFEF52CE60B8AD39FAD1A9CF5...\r\n
 *
 * The key ends at the first ':' (the date holds more colons). Lines may
 * end in LF or CRLF. The file is small and bounded (CVG_NVD_META_MAX), so
 * it is read whole. Anything that does not fit the shape is an error: a
 * sidecar that cannot be understood must not silently disable the check.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/nvd_meta.h"
#include "util/error.h"

int cvg__nvd_meta_path(char **out, const char *json_path)
{
	size_t n = strlen(json_path), base;
	char *p;

	*out = NULL;
	if (n >= 8 && memcmp(json_path + n - 8, ".json.gz", 8) == 0)
		base = n - 8;
	else if (n >= 5 && memcmp(json_path + n - 5, ".json", 5) == 0)
		base = n - 5;
	else
		return 0;
	if ((p = malloc(base + sizeof(".meta"))) == NULL)
		return cvg__error_oom();
	memcpy(p, json_path, base);
	memcpy(p + base, ".meta", sizeof(".meta"));
	*out = p;
	return 0;
}

static bool key_is(const char *k, size_t klen, const char *lit)
{
	return strlen(lit) == klen && memcmp(k, lit, klen) == 0;
}

/* Decimal digits only, no sign, no overflow. */
static bool parse_u64(uint64_t *out, const char *s, size_t len)
{
	uint64_t v = 0;
	size_t i;

	if (len == 0 || len > 19)
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	*out = v;
	return true;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int cvg__nvd_meta_parse(cvg__nvd_meta *out, const char *name, const char *data, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	const char *p = data, *end = data + len;
	bool seen_sha = false, seen_size = false, seen_date = false, seen_zip = false,
	     seen_gz = false;
	size_t line = 0, i;

	memset(out, 0, sizeof(*out));
	while (p < end) {
		size_t rest = (size_t)(end - p), llen;
		const char *eol = memchr(p, '\n', rest);
		const char *colon, *key, *val;
		size_t klen, vlen;
		bool *seen;
		uint64_t num;

		line++;
		llen = eol ? (size_t)(eol - p) : rest;
		if (llen > 0 && p[llen - 1] == '\r')
			llen--;
		if (llen == 0) { /* blank line (the file's last CRLF) */
			p = eol ? eol + 1 : end;
			continue;
		}
		if ((colon = memchr(p, ':', llen)) == NULL || colon == p)
			return cvg__error(CVG_EPARSE, "%s:%zu: expected key:value", name, line);
		key = p;
		klen = (size_t)(colon - p);
		val = colon + 1;
		vlen = llen - klen - 1;
		p = eol ? eol + 1 : end;

		if (key_is(key, klen, "sha256"))
			seen = &seen_sha;
		else if (key_is(key, klen, "size"))
			seen = &seen_size;
		else if (key_is(key, klen, "lastModifiedDate"))
			seen = &seen_date;
		else if (key_is(key, klen, "zipSize"))
			seen = &seen_zip;
		else if (key_is(key, klen, "gzSize"))
			seen = &seen_gz;
		else
			continue; /* a key the NVD may add later */
		if (*seen)
			return cvg__error(CVG_EPARSE, "%s:%zu: duplicate key %.*s", name, line,
			        (int)klen, key);
		*seen = true;

		if (seen == &seen_sha) {
			if (vlen != 64)
				return cvg__error(CVG_EPARSE,
				        "%s:%zu: expected 64 hex digits after sha256:", name, line);
			for (i = 0; i < 64; i++) {
				int v = hexval(val[i]);
				if (v < 0)
					return cvg__error(CVG_EPARSE,
					        "%s:%zu: expected 64 hex digits after sha256:",
					        name, line);
				out->sha256[i] = digits[v];
			}
			out->sha256[64] = '\0';
		} else if (seen == &seen_date) {
			if (vlen == 0 || vlen >= sizeof(out->last_modified))
				return cvg__error(CVG_EPARSE,
				        "%s:%zu: expected a date after lastModifiedDate:", name,
				        line);
			memcpy(out->last_modified, val, vlen);
			out->last_modified[vlen] = '\0';
		} else {
			if (!parse_u64(&num, val, vlen))
				return cvg__error(CVG_EPARSE,
				        "%s:%zu: expected a byte count after %.*s:", name, line,
				        (int)klen, key);
			if (seen == &seen_size) {
				out->has_size = true;
				out->size = num;
			} else if (seen == &seen_gz) {
				out->has_gz_size = true;
				out->gz_size = num;
			}
		}
	}
	if (!seen_sha)
		return cvg__error(CVG_EPARSE, "%s: no sha256 line", name);
	return 0;
}

int cvg__nvd_meta_load(cvg__nvd_meta *out, bool *found, const char *meta_path)
{
	char data[CVG_NVD_META_MAX + 1];
	FILE *fp;
	size_t n;
	int error = 0;

	*found = false;
	errno = 0;
	if ((fp = fopen(meta_path, "rb")) == NULL) {
		if (errno == ENOENT)
			return 0;
		return cvg__error(CVG_EIO, "%s: %s", meta_path, strerror(errno));
	}
	n = fread(data, 1, sizeof(data), fp);
	if (ferror(fp)) {
		error = cvg__error(CVG_EIO, "%s: read error", meta_path);
		goto done;
	}
	if (n > CVG_NVD_META_MAX) {
		error = cvg__error(CVG_ELIMIT, "%s: larger than the limit of %d bytes", meta_path,
		        CVG_NVD_META_MAX);
		goto done;
	}
	if ((error = cvg__nvd_meta_parse(out, meta_path, data, n)) < 0)
		goto done;
	*found = true;
done:
	fclose(fp);
	return error;
}
