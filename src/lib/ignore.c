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
 * Trailing fields (docs/triage.md): while the text after the id ends in
 * `, KEY=VALUE` with a known KEY, that part is a field and not reason:
 *
 *   CVE-2023-1234 , fixed by our patch, see #42 , package=busybox , expires=2027-01-31
 *   CVE-2023-5678 , not built with TLS , justification=code_not_present
 *
 *  - package=NAME or vendor:product limits the entry to the components
 *    that carry that name (component, binary package or NVD product);
 *  - expires=YYYY-MM-DD is the last day (UTC) the entry suppresses;
 *  - justification= is one of CycloneDX's or OpenVEX's fixed values.
 * A known key with a bad value is an error; an unknown key stays reason
 * text (reasons have always been free text). A key given twice is an error.
 *
 * An id listed twice for the same package (or twice without one) keeps the
 * later line, with a warning. Entries are sorted by id, then package, for
 * bsearch; duplicate warnings come in that order.
 */
#include <stdio.h>
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

/* A package limit compared so that "no limit" sorts first. */
static int cmp_package(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int cmp_entries(const void *a, const void *b)
{
	const cvg_ignore_entry *x = a, *y = b;
	int c = strcmp(x->cve, y->cve);

	if (c == 0)
		c = cmp_package(x->package, y->package);
	if (c)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* ---- Trailing fields ---- */

static const char *const justifications[] = {
        /* CycloneDX 1.4-1.6 analysis.justification */
        "code_not_present",
        "code_not_reachable",
        "requires_configuration",
        "requires_dependency",
        "requires_environment",
        "protected_by_compiler",
        "protected_at_runtime",
        "protected_at_perimeter",
        "protected_by_mitigating_control",
        /* OpenVEX 0.2.0 status justifications */
        "component_not_present",
        "vulnerable_code_not_present",
        "vulnerable_code_not_in_execute_path",
        "vulnerable_code_cannot_be_controlled_by_adversary",
        "inline_mitigations_already_exist",
};

bool cvg_ignore_justification_known(const char *value)
{
	for (size_t i = 0; i < sizeof(justifications) / sizeof(justifications[0]); i++)
		if (strcmp(value, justifications[i]) == 0)
			return true;
	return false;
}

/* The equivalents between the two lists: {CycloneDX, OpenVEX}; a NULL side
 * has no equivalent. First match wins in each direction. */
static const char *const equivalents[][2] = {
        {"code_not_present", "vulnerable_code_not_present"},
        {"code_not_present", "component_not_present"},
        {"code_not_reachable", "vulnerable_code_not_in_execute_path"},
        {"protected_by_mitigating_control", "inline_mitigations_already_exist"},
        {"protected_at_runtime", "inline_mitigations_already_exist"},
        {"protected_at_perimeter", "inline_mitigations_already_exist"},
        {"protected_by_compiler", "inline_mitigations_already_exist"},
        {"requires_configuration", NULL},
        {"requires_dependency", NULL},
        {"requires_environment", NULL},
        {NULL, "vulnerable_code_cannot_be_controlled_by_adversary"},
};

static const char *translate(const char *value, int from, int to)
{
	if (value == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof(equivalents) / sizeof(equivalents[0]); i++) {
		if (equivalents[i][to] && strcmp(equivalents[i][to], value) == 0)
			return equivalents[i][to]; /* already in the target list */
	}
	for (size_t i = 0; i < sizeof(equivalents) / sizeof(equivalents[0]); i++)
		if (equivalents[i][from] && strcmp(equivalents[i][from], value) == 0)
			return equivalents[i][to];
	return NULL;
}

const char *cvg_ignore_justification_cyclonedx(const char *value)
{
	return translate(value, 1, 0);
}

const char *cvg_ignore_justification_openvex(const char *value)
{
	return translate(value, 0, 1);
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

/* "YYYY-MM-DD", a real date: the first second after that day (UTC). */
static bool parse_date(long long *out, const char *s, size_t n)
{
	static const unsigned mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	unsigned y = 0, m, d;

	if (n != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (size_t i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	for (size_t i = 0; i < 4; i++)
		y = y * 10 + (unsigned)(s[i] - '0');
	m = (unsigned)(s[5] - '0') * 10 + (unsigned)(s[6] - '0');
	d = (unsigned)(s[8] - '0') * 10 + (unsigned)(s[9] - '0');
	if (y < 1970 || m < 1 || m > 12 || d < 1)
		return false;
	if (d > mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
		return false;
	*out = (days_from_civil(y, m, d) + 1) * 86400;
	return true;
}

/* Printable ASCII without spaces, not empty. */
static bool is_token(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
			return false;
	return true;
}

typedef struct fields {
	const char *package, *expires, *justification;
	size_t package_len, expires_len, justification_len;
	long long expires_at;
} fields;

/*
 * Take known `, KEY=VALUE` fields off the end of the reason r[0..*rlen).
 * Returns 0, or CVG_EPARSE with FILE:LINE and what was wrong.
 */
static int take_fields(fields *f, const char *r, size_t *rlen, const char *file, size_t line)
{
	static const char *const keys[] = {"package", "expires", "justification"};

	memset(f, 0, sizeof(*f));
	for (;;) {
		const char *comma = cvg__memrchr(r, ',', *rlen), *part, *eq, *v;
		const char **slot;
		size_t *slot_len, n, k, vn;

		part = comma ? comma + 1 : r;
		n = (size_t)(r + *rlen - part);
		cvg__trim(&part, &n);
		if ((eq = memchr(part, '=', n)) == NULL)
			return 0;
		for (k = 0; k < 3; k++)
			if ((size_t)(eq - part) == strlen(keys[k]) &&
			        memcmp(part, keys[k], strlen(keys[k])) == 0)
				break;
		if (k == 3)
			return 0; /* not a field: reason text */
		slot = k == 0 ? &f->package : k == 1 ? &f->expires : &f->justification;
		slot_len = k == 0   ? &f->package_len
		           : k == 1 ? &f->expires_len
		                    : &f->justification_len;
		v = eq + 1;
		vn = (size_t)(part + n - v);
		cvg__trim(&v, &vn);
		if (*slot)
			return cvg__error(
			        CVG_EPARSE, "%s:%zu: %s= is given twice", file, line, keys[k]);
		if (k == 0 && !is_token(v, vn))
			return cvg__error(CVG_EPARSE,
			        "%s:%zu: expected package=NAME or package=vendor:product without "
			        "spaces",
			        file, line);
		if (k == 1 && !parse_date(&f->expires_at, v, vn))
			return cvg__error(CVG_EPARSE,
			        "%s:%zu: expected expires=YYYY-MM-DD, a date (UTC, inclusive), "
			        "found "
			        "'%.*s'",
			        file, line, (int)(vn < 64 ? vn : 64), v);
		if (k == 2) {
			char value[64];
			size_t cn = vn < sizeof(value) - 1 ? vn : sizeof(value) - 1;
			memcpy(value, v, cn);
			value[cn] = '\0';
			if (vn != cn || !cvg_ignore_justification_known(value))
				return cvg__error(CVG_EPARSE,
				        "%s:%zu: justification='%s' is none of CycloneDX's or "
				        "OpenVEX's "
				        "values (docs/triage.md lists them)",
				        file, line, value);
		}
		*slot = v;
		*slot_len = vn;
		*rlen = comma ? (size_t)(comma - r) : 0;
		while (*rlen > 0 && (r[*rlen - 1] == ' ' || r[*rlen - 1] == '\t'))
			(*rlen)--;
	}
}

static void entry_dispose(cvg_ignore_entry *e)
{
	free(e->file);
	free(e->cve);
	free(e->reason);
	free(e->package);
	free(e->expires);
	free(e->justification);
}

/* A new entry at the end (strings copied); 0 or CVG_ENOMEM. */
static int push_entry(cvg_ignore *ign, const char *file, size_t line, const char *cve,
        const char *reason, size_t rlen, const char *package, size_t plen, const char *expires,
        size_t elen, const char *justification, size_t jlen)
{
	cvg_ignore_entry *e;

	if (ign->nentries == ign->cap_) {
		size_t ncap = ign->cap_ ? ign->cap_ * 2 : 32;
		cvg_ignore_entry *ne = realloc(ign->entries, ncap * sizeof(*ne));
		if (ne == NULL)
			return cvg__error_oom();
		ign->entries = ne;
		ign->cap_ = ncap;
	}
	e = &ign->entries[ign->nentries];
	memset(e, 0, sizeof(*e));
	e->cve = cvg__strndup(cve, strlen(cve));
	e->reason = cvg__strndup(reason, rlen);
	e->file = cvg__strndup(file, strlen(file));
	e->line = line;
	if (package)
		e->package = cvg__strndup(package, plen);
	if (expires)
		e->expires = cvg__strndup(expires, elen);
	if (justification)
		e->justification = cvg__strndup(justification, jlen);
	if (e->cve == NULL || e->reason == NULL || e->file == NULL ||
	        (package && e->package == NULL) || (expires && e->expires == NULL) ||
	        (justification && e->justification == NULL)) {
		entry_dispose(e);
		return cvg__error_oom();
	}
	ign->nentries++;
	return 0;
}

int cvg__ignore_add(cvg_ignore *ign, const char *file, size_t line, const char *cve,
        const char *reason, const char *package, const char *justification)
{
	char id[CVE_ID_MAX + 1];

	if (!parse_cve_id(id, cve, strlen(cve)))
		return cvg__error(CVG_EPARSE, "%s: expected a CVE id, found '%.64s'", file, cve);
	return push_entry(ign, file, line, id, reason, strlen(reason), package,
	        package ? strlen(package) : 0, NULL, 0, justification,
	        justification ? strlen(justification) : 0);
}

/* Sort, then keep the last line of each id and package. */
void cvg__ignore_sort(cvg_ignore *ign, cvg_warn_fn warn, void *payload)
{
	size_t o = 0;

	if (ign->nentries == 0)
		return;
	qsort(ign->entries, ign->nentries, sizeof(*ign->entries), cmp_entries);
	for (size_t i = 0; i < ign->nentries; i++) {
		cvg_ignore_entry *e = &ign->entries[i];
		if (o > 0 && strcmp(ign->entries[o - 1].cve, e->cve) == 0 &&
		        cmp_package(ign->entries[o - 1].package, e->package) == 0) {
			cvg_ignore_entry *prev = &ign->entries[o - 1];
			bool same = strcmp(prev->file, e->file) == 0;
			cvg__warnf(warn, payload,
			        "%s:%zu: %s%s%s is listed again (also at %s%s%zu); the entry at "
			        "line %zu is used",
			        e->file, e->line, e->cve, e->package ? " for " : "",
			        e->package ? e->package : "", same ? "line " : prev->file,
			        same ? "" : ":", prev->line, e->line);
			entry_dispose(prev);
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
	size_t n;
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
		fields f;
		bool no_reason = false;

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
		memset(&f, 0, sizeof(f));
		if (comma) {
			reason = comma + 1;
			rlen = (size_t)(line + n - reason);
			if ((error = take_fields(&f, reason, &rlen, file, it.lineno)) < 0)
				goto done;
			cvg__trim(&reason, &rlen);
		}
		if (rlen == 0) {
			cvg__warnf(warn, payload, "%s:%zu: no reason given for %s; using N/A", file,
			        it.lineno, cve);
			reason = "N/A";
			rlen = 3;
			no_reason = true;
		}
		if ((error = push_entry(ign, file, it.lineno, cve, reason, rlen, f.package,
		             f.package_len, f.expires, f.expires_len, f.justification,
		             f.justification_len)) < 0)
			goto done;
		ign->entries[ign->nentries - 1].expires_at = f.expires_at;
		ign->entries[ign->nentries - 1].no_reason = no_reason;
	}
	cvg__ignore_sort(ign, warn, payload);
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
	cvg_ignore_entry *e;
	size_t n;

	if (ign == NULL || cve == NULL || ign->nentries == 0)
		return NULL;
	if ((n = strlen(cve)) > CVE_ID_MAX)
		return NULL;
	for (size_t i = 0; i <= n; i++)
		key[i] = (cve[i] >= 'a' && cve[i] <= 'z') ? (char)(cve[i] - 'a' + 'A') : cve[i];
	e = bsearch(key, ign->entries, ign->nentries, sizeof(*ign->entries), cmp_key);
	while (e != NULL && e > ign->entries && strcmp(e[-1].cve, e->cve) == 0)
		e--; /* the first of the id's entries */
	return e;
}

cvg_ignore_entry *cvg_ignore_find(
        const cvg_ignore *ign, const char *cve, const char *const *names, size_t n)
{
	cvg_ignore_entry *e = cvg_ignore_lookup(ign, cve), *general = NULL;
	const char *id = e ? e->cve : NULL;

	for (; e != NULL && e < ign->entries + ign->nentries && strcmp(e->cve, id) == 0; e++) {
		if (e->package == NULL) {
			general = e;
			continue;
		}
		for (size_t i = 0; i < n; i++)
			if (names[i] && strcmp(names[i], e->package) == 0)
				return e;
	}
	return general;
}

bool cvg_ignore_expired(const cvg_ignore_entry *e, long long now)
{
	return e->expires != NULL && now >= e->expires_at;
}

void cvg_ignore_free(cvg_ignore *ign)
{
	if (ign == NULL)
		return;
	for (size_t i = 0; i < ign->nentries; i++)
		entry_dispose(&ign->entries[i]);
	free(ign->entries);
	free(ign->file);
	free(ign);
}
