/*
 * lib/version.c - version comparison under the packaging schemes cvegate meets,
 * and reduction of packaged versions to the upstream version NVD bounds use.
 *
 * Every comparison works on (pointer, length) spans of the caller's strings:
 * nothing is allocated and nothing is copied, and no loop reads past the
 * length it measured with strnlen(). A version longer than CVG_VERSION_MAX
 * bytes is not compared (CVG_EPARSE). Character classes are plain ASCII, never
 * the locale's.
 *
 * ---- rpm (CVG_VERSION_RPM) ----
 * [epoch:]version[-release]. The epoch is the run of digits before a ':' at
 * the start (missing = "0"); the release follows the last '-'. Epoch, version
 * and release are compared in that order with rpmvercmp(), and the release
 * only when both sides have one, as rpm's rpmverCmp() does. rpmvercmp() is
 * followed exactly (rpm >= 4.15): split into runs of digits and runs of
 * letters, anything else separates; a digit run beats a letter run; digit runs
 * compare numerically (leading zeros ignored, any length), letter runs by
 * strcmp(); '~' sorts before everything, even the end ("1.0~rc1" < "1.0");
 * '^' sorts after the end but before any further segment ("1.0" < "1.0^git1"
 * < "1.0.1"); if all segments tie, the side with text left over is newer.
 * Vectors: rpm's tests/rpmvercmp.at.
 *
 * ---- dpkg (CVG_VERSION_DPKG) and opkg (CVG_VERSION_OPKG) ----
 * [epoch:]upstream[-revision], Debian policy 5.6.12: epoch up to the first ':'
 * (digits only, at most INT_MAX, missing = 0), revision after the last '-'
 * (missing compares like "0"). Upstream and revision are compared by the
 * policy's alternation: a non-digit part compared character by character
 * where '~' sorts before everything even the end, then letters, then all
 * other characters (by ASCII value); then a digit part compared numerically.
 * Parse errors follow dpkg 1.21: empty version, empty or non-numeric epoch,
 * epoch above INT_MAX, nothing after the colon, empty upstream, empty revision
 * ("1.0-"). Under DPKG, characters outside the policy's sets (upstream:
 * alnum and ".+-~:", revision: alnum and ".+~") are errors too - dpkg only
 * warns about them, but they mean the input is not a Debian version. opkg
 * (Yocto) uses the same ordering and parsing without the character check,
 * since PV and PR are free-form (only printable, non-blank ASCII is taken).
 * Vectors: dpkg's lib/dpkg/t/t-version.c and scripts/t/Dpkg_Version.t.
 *
 * ---- upstream (CVG_VERSION_UPSTREAM), what NVD bounds are written in ----
 * A version must start with a digit (one leading 'v'/'V' before a digit is
 * skipped) and hold only letters, digits and ".-_+~:"; anything else
 * ("branch_1-9", "m4\/m5", "pre0.59s_r11", "*", "-", "") is CVG_EPARSE.
 * The string is cut into tokens: digit runs and letter runs; ".-_+~:" only
 * separate. Each token has a kind, ordered
 *     pre-release word  <  end of version  <  other word  <  number
 * - number: compared numerically, any length ("20230101" > "1.2");
 * - pre-release word, ordered dev/snapshot < alpha < beta < pre/preview < rc,
 *   with "a" and "b" meaning alpha and beta only when a digit follows at once
 *   ("3.7.0b2" < "3.7.0" but "1.0a" > "1.0"): it sorts before the release;
 * - other word, compared case-insensitively by letters: a lone letter is a
 *   later release ("1.0.1f" > "1.0.1e" > "1.0.1"); the patch-level words p
 *   (before a digit), pl, patch, post, sp and update all read as "p", so
 *   "7.4p1" > "7.4" and "8.3_p1" == "8.3p1";
 * - the words final, ga, release and stable are ignored ("1.0.Final" == "1.0").
 * Zero components are equal to missing ones: a run of "0" numbers followed by
 * a non-number or the end is dropped, so "1.2" == "1.2.0" and
 * "1.2rc1" == "1.2.0rc1" (this keeps the order total and transitive, because
 * a number beats every other kind anyway). Comparison is case-insensitive.
 *
 * ---- cvg_version_upstream(): packaged -> upstream ----
 * 1. Per scheme: DPKG and RPM drop "epoch:" and everything from the last '-'
 *    (the Debian revision or rpm release carries the distribution suffixes
 *    +deb12u1, ubuntuN, .el7); OPKG drops "epoch:" and a last "-r<digit>..."
 *    only (Yocto's PR, "-r0.6"), so a bare PV such as "2.0-beta" survives;
 *    UPSTREAM returns its input unchanged.
 * 2. "X+reallyY" (Debian's way of going back to an older upstream) is Y.
 * 3. Everything from the first '+' goes: repacks (+dfsg, +ds, +repack) and
 *    snapshots (+git..., +gitAUTOINC+hash, +svn..., +20200101) are built from
 *    that upstream release.
 * 4. Everything from the first '^' goes (rpm's post-release snapshots).
 * 5. A '~' before dfsg/ds/repack or a VCS word (git, svn, bzr, hg, cvs) cuts
 *    the rest; the same repack words after a '.' are dropped with it
 *    ("9.10.3.dfsg.P4" -> "9.10.3.P4"). Any other '~' is a pre-release marker
 *    and is removed: "1.0~rc1" -> "1.0rc1", which the upstream rules order
 *    before "1.0". Trade-off: "1.2~git2020" becomes "1.2", a little later than
 *    it really is.
 * An empty result is CVG_EPARSE.
 */
#include <assert.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cvegate/version.h"
#include "util/error.h"

/* A piece of a caller's string; never NUL-terminated by us. */
typedef struct span {
	const char *p;
	size_t n;
} span;

/* ---- ASCII character classes (never the locale's) ---- */

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(unsigned char c)
{
	return is_digit(c) || is_alpha(c);
}

static unsigned char lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

static unsigned char at(span s, size_t i)
{
	return i < s.n ? (unsigned char)s.p[i] : 0;
}

/* Compare two digit runs numerically, whatever their length. */
static int cmp_digits(span a, span b)
{
	int rc;

	while (a.n > 0 && a.p[0] == '0') {
		a.p++;
		a.n--;
	}
	while (b.n > 0 && b.p[0] == '0') {
		b.p++;
		b.n--;
	}
	if (a.n != b.n)
		return a.n < b.n ? -1 : 1;
	rc = a.n ? memcmp(a.p, b.p, a.n) : 0;
	return (rc > 0) - (rc < 0);
}

/* Measure s, refusing empty and over-long versions. */
static int measure(span *out, const char *s)
{
	size_t n;

	assert(s != NULL);
	n = strnlen(s, CVG_VERSION_MAX + 1);
	if (n == 0)
		return cvg__error(CVG_EPARSE, "version is empty");
	if (n > CVG_VERSION_MAX)
		return cvg__error(CVG_EPARSE, "version \"%.32s...\" is longer than %d bytes", s,
		        CVG_VERSION_MAX);
	out->p = s;
	out->n = n;
	return 0;
}

/* Printable ASCII without blanks: what rpm and opkg versions may hold here. */
static int check_printable(span s)
{
	for (size_t i = 0; i < s.n; i++) {
		unsigned char c = (unsigned char)s.p[i];
		if (c <= ' ' || c >= 0x7f)
			return cvg__error(CVG_EPARSE,
			        "version \"%.*s\": expected printable ASCII, found byte 0x%02x",
			        (int)(s.n < 64 ? s.n : 64), s.p, c);
	}
	return 0;
}

/* ---- rpm: rpmvercmp() and [epoch:]version[-release] ---- */

static int rpm_sep(unsigned char c)
{
	return !is_alnum(c) && c != '~' && c != '^';
}

/* rpmvercmp() of rpm >= 4.15 on spans; see the header comment. */
static int rpmvercmp_span(span a, span b)
{
	size_t i = 0, j = 0;

	if (a.n == b.n && memcmp(a.p, b.p, a.n) == 0)
		return 0;
	while (i < a.n || j < b.n) {
		size_t si, sj;
		int isnum, rc;

		while (i < a.n && rpm_sep(at(a, i)))
			i++;
		while (j < b.n && rpm_sep(at(b, j)))
			j++;
		/* '~' sorts before everything else, the end included */
		if (at(a, i) == '~' || at(b, j) == '~') {
			if (at(a, i) != '~')
				return 1;
			if (at(b, j) != '~')
				return -1;
			i++;
			j++;
			continue;
		}
		/* '^' sorts after the end but before anything else */
		if (at(a, i) == '^' || at(b, j) == '^') {
			if (i >= a.n)
				return -1;
			if (j >= b.n)
				return 1;
			if (at(a, i) != '^')
				return 1;
			if (at(b, j) != '^')
				return -1;
			i++;
			j++;
			continue;
		}
		if (i >= a.n || j >= b.n)
			break;
		si = i;
		sj = j;
		if (is_digit(at(a, i))) {
			while (is_digit(at(a, i)))
				i++;
			while (is_digit(at(b, j)))
				j++;
			isnum = 1;
		} else {
			while (is_alpha(at(a, i)))
				i++;
			while (is_alpha(at(b, j)))
				j++;
			isnum = 0;
		}
		/* different kinds: a number is newer than letters */
		if (j == sj)
			return isnum ? 1 : -1;
		if (isnum) {
			rc = cmp_digits((span){a.p + si, i - si}, (span){b.p + sj, j - sj});
		} else {
			size_t la = i - si, lb = j - sj;
			rc = memcmp(a.p + si, b.p + sj, la < lb ? la : lb);
			if (rc == 0)
				rc = (la > lb) - (la < lb);
		}
		if (rc)
			return rc < 0 ? -1 : 1;
	}
	if (i >= a.n && j >= b.n)
		return 0;
	return i >= a.n ? -1 : 1;
}

typedef struct evr {
	span epoch; /* p == NULL when absent */
	span version;
	span release; /* p == NULL when absent */
} evr;

/* Split rpm's [epoch:]version[-release] as rpm's parseEVR() does. */
static void rpm_split(evr *out, span s)
{
	size_t i = 0, k;

	memset(out, 0, sizeof(*out));
	while (i < s.n && is_digit(at(s, i)))
		i++;
	if (at(s, i) == ':') {
		out->epoch = (span){s.p, i};
		s.p += i + 1;
		s.n -= i + 1;
	}
	out->version = s;
	for (k = s.n; k > 0; k--) {
		if (s.p[k - 1] == '-') {
			out->version.n = k - 1;
			out->release = (span){s.p + k, s.n - k};
			break;
		}
	}
}

static int rpm_parse(evr *out, const char *str)
{
	span s;
	int error;

	if ((error = measure(&s, str)) < 0 || (error = check_printable(s)) < 0)
		return error;
	rpm_split(out, s);
	if (out->version.n == 0)
		return cvg__error(CVG_EPARSE, "rpm version \"%s\": version part is empty", str);
	return 0;
}

static int rpm_cmp(int *out, const char *a, const char *b)
{
	static const char zero[] = "0";
	evr va, vb;
	int error, rc;

	if ((error = rpm_parse(&va, a)) < 0 || (error = rpm_parse(&vb, b)) < 0)
		return error;
	if (va.epoch.p == NULL)
		va.epoch = (span){zero, 1};
	if (vb.epoch.p == NULL)
		vb.epoch = (span){zero, 1};
	rc = rpmvercmp_span(va.epoch, vb.epoch);
	if (rc == 0)
		rc = rpmvercmp_span(va.version, vb.version);
	if (rc == 0 && va.release.p != NULL && vb.release.p != NULL)
		rc = rpmvercmp_span(va.release, vb.release);
	*out = rc;
	return 0;
}

/* ---- dpkg and opkg: Debian policy 5.6.12 ---- */

/* Policy 5.6.12: '~' before the end, the end before letters, letters before
 * everything else. Digits never reach here as non-digit parts. */
static int dpkg_order(unsigned char c)
{
	if (is_digit(c))
		return 0;
	if (is_alpha(c))
		return c;
	if (c == '~')
		return -1;
	if (c)
		return c + 256;
	return 0;
}

/* dpkg's verrevcmp() on spans: alternate non-digit and digit parts. */
static int verrevcmp_span(span a, span b)
{
	size_t i = 0, j = 0;

	while (i < a.n || j < b.n) {
		int first_diff = 0;

		while ((i < a.n && !is_digit(at(a, i))) || (j < b.n && !is_digit(at(b, j)))) {
			int ac = dpkg_order(at(a, i));
			int bc = dpkg_order(at(b, j));

			if (ac != bc)
				return ac < bc ? -1 : 1;
			/* equal orders here mean both sides hold a character */
			i++;
			j++;
		}
		while (at(a, i) == '0')
			i++;
		while (at(b, j) == '0')
			j++;
		while (is_digit(at(a, i)) && is_digit(at(b, j))) {
			if (!first_diff)
				first_diff = (int)at(a, i) - (int)at(b, j);
			i++;
			j++;
		}
		if (is_digit(at(a, i)))
			return 1;
		if (is_digit(at(b, j)))
			return -1;
		if (first_diff)
			return first_diff < 0 ? -1 : 1;
	}
	return 0;
}

typedef struct debver {
	unsigned long epoch;
	span upstream;
	span revision; /* n == 0 when absent: compares like "0" */
} debver;

static int allowed_in(span s, const char *extra)
{
	for (size_t i = 0; i < s.n; i++) {
		unsigned char c = (unsigned char)s.p[i];
		if (!is_alnum(c) && strchr(extra, c) == NULL)
			return 0;
	}
	return 1;
}

/* Split and check [epoch:]upstream[-revision] as dpkg's parseversion(). */
static int deb_parse(debver *out, const char *str, cvg_version_scheme scheme)
{
	const char *what = scheme == CVG_VERSION_DPKG ? "dpkg" : "opkg";
	const char *colon;
	span s;
	size_t k;
	int error;

	memset(out, 0, sizeof(*out));
	if ((error = measure(&s, str)) < 0 || (error = check_printable(s)) < 0)
		return error;
	colon = memchr(s.p, ':', s.n);
	if (colon != NULL) {
		size_t elen = (size_t)(colon - s.p);
		if (elen == 0)
			return cvg__error(
			        CVG_EPARSE, "%s version \"%s\": epoch is empty", what, str);
		for (k = 0; k < elen; k++) {
			unsigned char c = (unsigned char)s.p[k];
			if (!is_digit(c))
				return cvg__error(CVG_EPARSE,
				        "%s version \"%s\": expected a numeric epoch, found '%c'",
				        what, str, c);
			out->epoch = out->epoch * 10 + (unsigned long)(c - '0');
			/* dpkg refuses epochs above INT_MAX */
			if (out->epoch > INT_MAX)
				return cvg__error(CVG_EPARSE, "%s version \"%s\": epoch is too big",
				        what, str);
		}
		s.p += elen + 1;
		s.n -= elen + 1;
		if (s.n == 0)
			return cvg__error(CVG_EPARSE, "%s version \"%s\": nothing after the colon",
			        what, str);
	}
	out->upstream = s;
	for (k = s.n; k > 0; k--) {
		if (s.p[k - 1] == '-') {
			out->upstream.n = k - 1;
			out->revision = (span){s.p + k, s.n - k};
			if (out->revision.n == 0)
				return cvg__error(CVG_EPARSE,
				        "%s version \"%s\": revision is empty", what, str);
			break;
		}
	}
	if (out->upstream.n == 0)
		return cvg__error(
		        CVG_EPARSE, "%s version \"%s\": upstream version is empty", what, str);
	if (scheme == CVG_VERSION_DPKG) {
		if (!allowed_in(out->upstream, ".+-~:"))
			return cvg__error(CVG_EPARSE,
			        "dpkg version \"%s\": invalid character in upstream version", str);
		if (!allowed_in(out->revision, ".+~"))
			return cvg__error(CVG_EPARSE,
			        "dpkg version \"%s\": invalid character in revision", str);
	}
	return 0;
}

static int deb_cmp(int *out, const char *a, const char *b, cvg_version_scheme scheme)
{
	debver va, vb;
	int error, rc;

	if ((error = deb_parse(&va, a, scheme)) < 0 || (error = deb_parse(&vb, b, scheme)) < 0)
		return error;
	if (va.epoch != vb.epoch)
		rc = va.epoch < vb.epoch ? -1 : 1;
	else if ((rc = verrevcmp_span(va.upstream, vb.upstream)) == 0)
		rc = verrevcmp_span(va.revision, vb.revision);
	*out = rc;
	return 0;
}

/* ---- upstream (NVD) versions ---- */

/* Token kinds, in their sort order. */
enum tok_kind {
	TK_PRE = 1,  /* pre-release word: sorts before the release */
	TK_END = 2,  /* end of the version */
	TK_WORD = 3, /* lone letter, patch level or any other word */
	TK_NUM = 4,  /* digit run */
};

/* Pre-release ranks, lowest first. */
enum pre_rank { PRE_DEV = 0, PRE_ALPHA, PRE_BETA, PRE_PRE, PRE_RC };

typedef struct tok {
	enum tok_kind kind;
	int rank;  /* TK_PRE only */
	span text; /* TK_WORD: letters; TK_NUM: digits */
} tok;

typedef struct lexer {
	span s;
	size_t i;
} lexer;

static int word_is(span w, const char *lit)
{
	size_t n = strlen(lit);

	if (w.n != n)
		return 0;
	for (size_t k = 0; k < n; k++)
		if (lower((unsigned char)w.p[k]) != (unsigned char)lit[k])
			return 0;
	return 1;
}

static const struct {
	const char *word;
	int rank;
} pre_words[] = {
        {"dev", PRE_DEV},
        {"snapshot", PRE_DEV},
        {"alpha", PRE_ALPHA},
        {"beta", PRE_BETA},
        {"pre", PRE_PRE},
        {"preview", PRE_PRE},
        {"rc", PRE_RC},
};

/* Words that mean "the release itself" and are skipped. */
static const char *const neutral_words[] = {"final", "ga", "release", "stable"};

/* Patch-level words; all read as "p". */
static const char *const post_words[] = {"pl", "patch", "post", "sp", "update"};

static int in_list(span w, const char *const *list, size_t count)
{
	for (size_t k = 0; k < count; k++)
		if (word_is(w, list[k]))
			return 1;
	return 0;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Read one raw token; separators are skipped, neutral words too. */
static void lex_raw(tok *t, lexer *lx)
{
	static const char p_word[] = "p";
	size_t start;
	span w;
	int digit_follows;

	do {
		while (lx->i < lx->s.n && !is_alnum(at(lx->s, lx->i)))
			lx->i++;
		if (lx->i >= lx->s.n) {
			t->kind = TK_END;
			return;
		}
		start = lx->i;
		if (is_digit(at(lx->s, lx->i))) {
			while (is_digit(at(lx->s, lx->i)))
				lx->i++;
			t->kind = TK_NUM;
			t->text = (span){lx->s.p + start, lx->i - start};
			/* drop leading zeros so "0" has length zero */
			while (t->text.n > 0 && t->text.p[0] == '0') {
				t->text.p++;
				t->text.n--;
			}
			return;
		}
		while (is_alpha(at(lx->s, lx->i)))
			lx->i++;
		w = (span){lx->s.p + start, lx->i - start};
	} while (in_list(w, neutral_words, COUNT(neutral_words)));

	digit_follows = is_digit(at(lx->s, lx->i));
	for (size_t k = 0; k < COUNT(pre_words); k++) {
		if (word_is(w, pre_words[k].word)) {
			t->kind = TK_PRE;
			t->rank = pre_words[k].rank;
			return;
		}
	}
	if (digit_follows && (word_is(w, "a") || word_is(w, "b"))) {
		t->kind = TK_PRE;
		t->rank = word_is(w, "a") ? PRE_ALPHA : PRE_BETA;
		return;
	}
	t->kind = TK_WORD;
	t->text = w;
	if ((digit_follows && word_is(w, "p")) || in_list(w, post_words, COUNT(post_words)))
		t->text = (span){p_word, 1};
}

/*
 * Next token with zero components elided: a run of zero numbers followed by
 * a non-number or the end is skipped, so "1.2" == "1.2.0".
 */
static void lex_next(tok *t, lexer *lx)
{
	lexer ahead;
	tok u;

	lex_raw(t, lx);
	if (t->kind != TK_NUM || t->text.n != 0)
		return;
	ahead = *lx;
	do
		lex_raw(&u, &ahead);
	while (u.kind == TK_NUM && u.text.n == 0);
	if (u.kind == TK_NUM)
		return; /* a real number follows: the zero counts */
	*t = u;
	*lx = ahead;
}

static int cmp_words(span a, span b)
{
	size_t n = a.n < b.n ? a.n : b.n;

	for (size_t k = 0; k < n; k++) {
		unsigned char ca = lower((unsigned char)a.p[k]), cb = lower((unsigned char)b.p[k]);
		if (ca != cb)
			return ca < cb ? -1 : 1;
	}
	return (a.n > b.n) - (a.n < b.n);
}

/* Check an upstream version and return where its tokens start. */
static int upstream_parse(lexer *out, const char *str)
{
	span s;
	size_t start = 0;
	int error;

	if ((error = measure(&s, str)) < 0)
		return error;
	for (size_t k = 0; k < s.n; k++) {
		unsigned char c = (unsigned char)s.p[k];
		if (!is_alnum(c) && strchr(".-_+~:", c) == NULL)
			return cvg__error(CVG_EPARSE,
			        "version \"%.64s\": expected letters, digits and \".-_+~:\", found "
			        "byte 0x%02x",
			        str, c);
	}
	if ((s.p[0] == 'v' || s.p[0] == 'V') && is_digit(at(s, 1)))
		start = 1;
	if (!is_digit(at(s, start)))
		return cvg__error(CVG_EPARSE, "version \"%.64s\": expected a leading digit", str);
	out->s = s;
	out->i = start;
	return 0;
}

int cvg_version_upstream_key(long long *out, const char *v)
{
	lexer l;
	long long n = 0;
	size_t digits = 0;
	int error;

	if ((error = upstream_parse(&l, v)) < 0)
		return error;
	for (size_t k = l.i; k < l.s.n && is_digit((unsigned char)l.s.p[k]); k++) {
		if (digits == 0 && l.s.p[k] == '0')
			continue;
		if (++digits > 18)
			return cvg__error(
			        CVG_ELIMIT, "version \"%.64s\": leading number too long", v);
		n = n * 10 + (l.s.p[k] - '0');
	}
	*out = n;
	return 0;
}

static int upstream_cmp(int *out, const char *a, const char *b)
{
	lexer la, lb;
	int error;

	if ((error = upstream_parse(&la, a)) < 0 || (error = upstream_parse(&lb, b)) < 0)
		return error;
	for (;;) {
		tok ta, tb;
		int rc = 0;

		lex_next(&ta, &la);
		lex_next(&tb, &lb);
		if (ta.kind != tb.kind)
			rc = ta.kind < tb.kind ? -1 : 1;
		else if (ta.kind == TK_END)
			break;
		else if (ta.kind == TK_PRE)
			rc = (ta.rank > tb.rank) - (ta.rank < tb.rank);
		else if (ta.kind == TK_NUM)
			rc = cmp_digits(ta.text, tb.text);
		else
			rc = cmp_words(ta.text, tb.text);
		if (rc) {
			*out = rc;
			return 0;
		}
	}
	*out = 0;
	return 0;
}

/* ---- Public comparison ---- */

int cvg_version_cmp(int *out, const char *a, const char *b, cvg_version_scheme scheme)
{
	int error;

	assert(out != NULL && a != NULL && b != NULL);
	*out = 0;
	switch (scheme) {
	case CVG_VERSION_UPSTREAM:
		error = upstream_cmp(out, a, b);
		break;
	case CVG_VERSION_RPM:
		error = rpm_cmp(out, a, b);
		break;
	case CVG_VERSION_DPKG:
	case CVG_VERSION_OPKG:
		error = deb_cmp(out, a, b, scheme);
		break;
	default:
		error = cvg__error(CVG_EINVAL, "unknown version scheme %d", (int)scheme);
		break;
	}
	if (error < 0)
		*out = 0;
	return error;
}

/* ---- Packaged -> upstream ---- */

/* Does s at i start a word from `words` (case-insensitive), ending at a
 * digit, a non-letter or the end? Returns the word's length or 0. */
static size_t word_at(span s, size_t i, const char *const *words, size_t count)
{
	for (size_t k = 0; k < count; k++) {
		size_t n = strlen(words[k]), m = 0;
		while (m < n && lower(at(s, i + m)) == (unsigned char)words[k][m])
			m++;
		if (m == n && !is_alpha(at(s, i + n)))
			return n;
	}
	return 0;
}

static const char *const repack_words[] = {"dfsg", "ds", "repack"};
static const char *const vcs_words[] = {"git", "svn", "bzr", "hg", "cvs"};

/* Steps 2-5 of the header comment, writing the result to dst (>= s.n + 1). */
static size_t clean_upstream(char *dst, span s)
{
	static const char really[] = "+really";
	size_t i, n = 0;

	for (i = 0; i + sizeof(really) - 1 <= s.n; i++) {
		if (memcmp(s.p + i, really, sizeof(really) - 1) == 0) {
			s.p += i + sizeof(really) - 1;
			s.n -= i + sizeof(really) - 1;
			break;
		}
	}
	for (i = 0; i < s.n; i++) {
		unsigned char c = at(s, i);
		size_t w;

		if (c == '+' || c == '^')
			break;
		if (c == '~' || c == '.') {
			w = word_at(s, i + 1, repack_words, COUNT(repack_words));
			if (w > 0) {
				/* drop the word and the digits glued to it */
				i += w;
				while (is_digit(at(s, i + 1)))
					i++;
				if (c == '~')
					break;
				continue;
			}
		}
		if (c == '~') {
			if (word_at(s, i + 1, vcs_words, COUNT(vcs_words)) > 0)
				break;
			continue; /* a pre-release marker: "1.0~rc1" -> "1.0rc1" */
		}
		dst[n++] = (char)c;
	}
	dst[n] = '\0';
	return n;
}

/* Yocto's PR: 'r' then a digit, "r0", "r0.6". */
static int is_yocto_pr(span s)
{
	return s.n >= 2 && s.p[0] == 'r' && is_digit(at(s, 1));
}

int cvg_version_upstream(char **out, const char *packaged, cvg_version_scheme scheme)
{
	span s, u;
	char *buf = NULL;
	int error = 0;
	evr rv;

	assert(out != NULL && packaged != NULL);
	*out = NULL;
	if ((error = measure(&s, packaged)) < 0)
		goto done;
	switch (scheme) {
	case CVG_VERSION_UPSTREAM:
		u = s;
		break;
	case CVG_VERSION_RPM:
	case CVG_VERSION_DPKG:
		/* both: digits then ':' is the epoch, the last '-' starts the revision */
		rpm_split(&rv, s);
		u = rv.version;
		break;
	case CVG_VERSION_OPKG:
		rpm_split(&rv, s);
		u = rv.version;
		if (rv.release.p != NULL && !is_yocto_pr(rv.release))
			u.n = (size_t)(s.p + s.n - u.p); /* not a PR: part of PV */
		break;
	default:
		error = cvg__error(CVG_EINVAL, "unknown version scheme %d", (int)scheme);
		goto done;
	}
	if ((buf = malloc(u.n + 1)) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	if (scheme == CVG_VERSION_UPSTREAM) {
		memcpy(buf, u.p, u.n);
		buf[u.n] = '\0';
	} else {
		clean_upstream(buf, u);
	}
	if (buf[0] == '\0') {
		error = cvg__error(
		        CVG_EPARSE, "version \"%.64s\": no upstream version in it", packaged);
		goto done;
	}
	*out = buf;
	buf = NULL;
done:
	free(buf);
	return error;
}

const char *cvg_version_scheme_name(cvg_version_scheme scheme)
{
	switch (scheme) {
	case CVG_VERSION_UPSTREAM:
		return "upstream";
	case CVG_VERSION_RPM:
		return "rpm";
	case CVG_VERSION_DPKG:
		return "dpkg";
	case CVG_VERSION_OPKG:
		return "opkg";
	}
	return "unknown";
}
