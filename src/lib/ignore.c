/*
 * lib/ignore.c - the ignore list: CVEs a project has judged, with a reason.
 *
 * LibScanner's format, one entry a line:
 *
 *   # comment
 *   CVE-2014-0160 , fixed by patch 0001-heartbeat.patch
 *   CVE-2016-2108,not built: no ASN.1 printing, see #42
 *
 * The line is split at its FIRST comma, so a reason may contain commas and
 * '#' (only a line whose first non-blank character is '#' is a comment).
 * Spaces around the comma are optional. The id is CVE-YYYY-NNNN with four
 * or more digits in the sequence part (the CVE Program's syntax since
 * 2014), matched case-insensitively and stored upper case. A bare id gets
 * the reason "N/A" and a warning, so that old lists keep working but the
 * missing justification shows. A line without a valid id is an error: an
 * ignore list that silently ignores nothing would hide findings.
 *
 * An id listed twice keeps the later line's reason, with a warning. The
 * entries are sorted by id for bsearch; duplicate warnings come in id order.
 */
#include <stdlib.h>
#include <string.h>

#include "cvegate/ignore.h"
#include "lib/ignore_internal.h"
#include "util/file.h"
#include "util/text.h"
#include "util/error.h"

/* Longest CVE id accepted: "CVE-" + 4 + "-" + 19 digits (CVE ids have at
 * most 7 sequence digits today; 19 keeps any number a 64-bit value). */
#define CVE_ID_MAX (4 + 4 + 1 + 19)

#define EXPECTED "'CVE-YYYY-NNNN , reason'"

/* Parse a CVE id into out (CVE_ID_MAX + 1 bytes), upper case. */
static bool parse_cve_id(char *out, const char *s, size_t n)
{
	size_t i, digits;

	if (n < 13 || n > CVE_ID_MAX)
		return false;
	if ((s[0] != 'C' && s[0] != 'c') || (s[1] != 'V' && s[1] != 'v') ||
	        (s[2] != 'E' && s[2] != 'e') || s[3] != '-')
		return false;
	for (i = 4; i < 8; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	if (s[8] != '-')
		return false;
	for (i = 9, digits = 0; i < n; i++, digits++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	if (digits < 4)
		return false;
	memcpy(out, "CVE-", 4);
	memcpy(out + 4, s + 4, n - 4);
	out[n] = '\0';
	return true;
}

static int cmp_entries(const void *a, const void *b)
{
	const cvg_ignore_entry *x = a, *y = b;
	int c = strcmp(x->cve, y->cve);

	if (c)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int add_entry(
        cvg_ignore *ign, size_t *cap, const char *cve, const char *reason, size_t rlen, size_t line)
{
	cvg_ignore_entry *e;

	if (ign->nentries == *cap) {
		size_t ncap = *cap ? *cap * 2 : 32;
		cvg_ignore_entry *ne = realloc(ign->entries, ncap * sizeof(*ne));
		if (ne == NULL)
			return cvg__error_oom();
		ign->entries = ne;
		*cap = ncap;
	}
	e = &ign->entries[ign->nentries];
	memset(e, 0, sizeof(*e));
	e->cve = cvg__strndup(cve, strlen(cve));
	e->reason = cvg__strndup(reason, rlen);
	e->line = line;
	if (e->cve == NULL || e->reason == NULL) {
		free(e->cve);
		free(e->reason);
		return cvg__error_oom();
	}
	ign->nentries++;
	return 0;
}

/* Sort, then keep the last line of each id. */
static void sort_and_dedupe(cvg_ignore *ign, cvg_warn_fn warn, void *payload)
{
	size_t o = 0;

	if (ign->nentries == 0)
		return;
	qsort(ign->entries, ign->nentries, sizeof(*ign->entries), cmp_entries);
	for (size_t i = 0; i < ign->nentries; i++) {
		cvg_ignore_entry *e = &ign->entries[i];
		if (o > 0 && strcmp(ign->entries[o - 1].cve, e->cve) == 0) {
			cvg_ignore_entry *prev = &ign->entries[o - 1];
			cvg__warnf(warn, payload,
			        "%s:%zu: %s is listed again (also at line %zu); the reason at "
			        "line %zu is used",
			        ign->file, e->line, e->cve, prev->line, e->line);
			free(prev->cve);
			free(prev->reason);
			*prev = *e;
			continue;
		}
		ign->entries[o++] = *e;
	}
	ign->nentries = o;
}

int cvg__ignore_parse(cvg_ignore **out, const char *data, size_t len, const char *file,
        cvg_warn_fn warn, void *payload)
{
	cvg_ignore *ign = NULL;
	cvg__lines it;
	const char *line, *nul;
	size_t n, cap = 0;
	int error = 0;

	*out = NULL;
	if (len > CVG__IGNORE_MAX_BYTES) {
		error = cvg__error(CVG_ELIMIT, "%s: larger than the limit of %u bytes", file,
		        CVG__IGNORE_MAX_BYTES);
		goto done;
	}
	if ((nul = memchr(data, '\0', len)) != NULL) {
		size_t lineno = 1;
		for (const char *p = data; p < nul; p++)
			lineno += *p == '\n';
		error = cvg__error(CVG_EPARSE, "%s:%zu: NUL byte; an ignore list is a text file",
		        file, lineno);
		goto done;
	}
	if ((ign = calloc(1, sizeof(*ign))) == NULL ||
	        (ign->file = cvg__strndup(file, strlen(file))) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	cvg__lines_init(&it, data, len);
	while (cvg__lines_next(&it, &line, &n)) {
		const char *comma, *id, *reason = NULL;
		size_t idlen, rlen = 0;
		char cve[CVE_ID_MAX + 1];

		if (n > CVG__LINE_MAX) {
			error = cvg__error(CVG_EPARSE, "%s:%zu: line longer than %d bytes", file,
			        it.lineno, CVG__LINE_MAX);
			goto done;
		}
		cvg__trim(&line, &n);
		if (n == 0 || line[0] == '#')
			continue;
		comma = memchr(line, ',', n);
		id = line;
		idlen = comma ? (size_t)(comma - line) : n;
		cvg__trim(&id, &idlen);
		if (!parse_cve_id(cve, id, idlen)) {
			char q[CVG__QUOTE_SIZE];
			cvg__quote(q, sizeof(q), line, n);
			error = cvg__error(CVG_EPARSE, "%s:%zu: expected %s, found '%s'", file,
			        it.lineno, EXPECTED, q);
			goto done;
		}
		if (comma) {
			reason = comma + 1;
			rlen = (size_t)(line + n - reason);
			cvg__trim(&reason, &rlen);
		}
		if (rlen == 0) {
			cvg__warnf(warn, payload, "%s:%zu: no reason given for %s; using N/A", file,
			        it.lineno, cve);
			reason = "N/A";
			rlen = 3;
		}
		if ((error = add_entry(ign, &cap, cve, reason, rlen, it.lineno)) < 0)
			goto done;
	}
	sort_and_dedupe(ign, warn, payload);
	*out = ign;
	ign = NULL;
done:
	cvg_ignore_free(ign);
	return error;
}

int cvg_ignore_load(cvg_ignore **out, const char *path, cvg_warn_fn warn, void *payload)
{
	char *data = NULL;
	size_t len;
	int error;

	*out = NULL;
	if ((error = cvg__read_file(&data, &len, path, CVG__IGNORE_MAX_BYTES)) < 0)
		goto done;
	error = cvg__ignore_parse(out, data, len, path, warn, payload);
done:
	free(data);
	return error;
}

static int cmp_key(const void *key, const void *elem)
{
	return strcmp(key, ((const cvg_ignore_entry *)elem)->cve);
}

cvg_ignore_entry *cvg_ignore_lookup(const cvg_ignore *ign, const char *cve)
{
	char key[CVE_ID_MAX + 1];
	size_t n;

	if (ign == NULL || cve == NULL || ign->nentries == 0)
		return NULL;
	if ((n = strlen(cve)) > CVE_ID_MAX)
		return NULL;
	for (size_t i = 0; i <= n; i++)
		key[i] = (cve[i] >= 'a' && cve[i] <= 'z') ? (char)(cve[i] - 'a' + 'A') : cve[i];
	return bsearch(key, ign->entries, ign->nentries, sizeof(*ign->entries), cmp_key);
}

void cvg_ignore_free(cvg_ignore *ign)
{
	if (ign == NULL)
		return;
	for (size_t i = 0; i < ign->nentries; i++) {
		free(ign->entries[i].cve);
		free(ign->entries[i].reason);
	}
	free(ign->entries);
	free(ign->file);
	free(ign);
}
