/*
 * lib/inventory/inventory.c - the format table, auto-detection, reading
 * files and directories under the size limit, and the helpers the format
 * readers share.
 *
 * Every reader parses a buffer in memory: the whole file is read first
 * (at most CVG_INVENTORY_MAX_BYTES, checked before and while reading, so a
 * pipe or a growing file cannot exceed it either), turned from UTF-16 into
 * UTF-8 when it starts with a UTF-16 byte order mark (Windows tools), then
 * refused if it holds a NUL byte, since every supported format is text.
 * Reading from memory keeps the readers free of I/O, lets the fuzzers
 * drive them directly, and
 * lets "auto" look at the content before choosing a reader: each format
 * scores the content (sniff) and the highest score wins, so a new format is
 * one file and one line in the table below.
 */
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/xmlerror.h>
#include <yajl/yajl_parse.h>

#include "lib/inventory/inventory_internal.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/text.h"

/* ---- The format table ---- */

static const cvg__inv_format *const formats[] = {
        &cvg__inv_yocto,
        &cvg__inv_rpm,
        &cvg__inv_dpkg,
        &cvg__inv_cyclonedx, /* before swid: an XML BOM may quote a SWID tag */
        &cvg__inv_swid,
        &cvg__inv_manifest,
        &cvg__inv_list,
        &cvg__inv_spdx,
        &cvg__inv_spdx_tv,
        &cvg__inv_spdx3,
        &cvg__inv_buildroot,
        &cvg__inv_solist,
        &cvg__inv_wmic,
};

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

/* "auto" and the table's names, in table order; filled once. */
static const char *format_names[NFORMATS + 2];
/* "yocto (buildhistory installed-packages.txt), rpm (...), ..." for messages. */
static char format_list[2048];
static pthread_once_t names_once = PTHREAD_ONCE_INIT;

static void fill_names(void)
{
	size_t n = 0;

	format_names[0] = "auto";
	for (size_t i = 0; i < NFORMATS; i++) {
		format_names[i + 1] = formats[i]->name;
		n += (size_t)snprintf(format_list + n, sizeof(format_list) - n, "%s%s (%s)",
		        i ? ", " : "", formats[i]->name, formats[i]->summary);
		if (n >= sizeof(format_list))
			n = sizeof(format_list) - 1;
	}
}

static const char *formats_summary(void)
{
	pthread_once(&names_once, fill_names);
	return format_list;
}

/* A directory of tags holds at most this many files (a sanity bound; the
 * byte limit applies to their sum). */
#define DIR_MAX_FILES 100000

const char *const *cvg_inventory_formats(void)
{
	pthread_once(&names_once, fill_names);
	return format_names;
}

static const cvg__inv_format *find_format(const char *name)
{
	for (size_t i = 0; i < NFORMATS; i++)
		if (strcmp(formats[i]->name, name) == 0)
			return formats[i];
	return NULL;
}

const cvg__inv_format *cvg__inv_find_format(const char *name)
{
	return find_format(name);
}

/* ---- Shared helpers ---- */

int cvg__inv_problem(cvg__inv_ctx *ctx, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if ((ctx->flags & CVG_INVENTORY_LENIENT) == 0)
		return cvg__error(CVG_EPARSE, "%s", msg);
	if (ctx->warn)
		ctx->warn(msg, ctx->payload);
	return 0;
}

int cvg__inv_bad_line(cvg__inv_ctx *ctx, size_t lineno, const char *what, const char *s, size_t len)
{
	char q[CVG__QUOTE_SIZE];

	cvg__quote(q, sizeof(q), s, len);
	return cvg__inv_problem(ctx, "%s:%zu: expected %s, found '%s'", ctx->file, lineno, what, q);
}

int cvg__inv_next_entry(cvg__inv_ctx *ctx, cvg__lines *it, const char **line, size_t *len)
{
	const char *s;
	size_t n;
	int error;

	while (cvg__lines_next(it, &s, &n)) {
		if (n > CVG__LINE_MAX) {
			if ((error = cvg__inv_problem(ctx, "%s:%zu: line longer than %d bytes",
			             ctx->file, it->lineno, CVG__LINE_MAX)) < 0)
				return error;
			continue;
		}
		cvg__trim(&s, &n);
		if (n == 0 || s[0] == '#')
			continue;
		*line = s;
		*len = n;
		return 1;
	}
	return 0;
}

bool cvg__inv_is_token(const char *s, size_t len)
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
			return false;
	return true;
}

/*
 * Architecture names as rpm writes them (rpmrc.in's arch_canon and
 * buildarchtranslate lists, plus Debian's for .deb) and as Yocto writes
 * them (TUNE_PKGARCH, MACHINE_ARCH, "all"); for rpm Yocto turns '-' into
 * '_', for ipk '_' into '-', so both spellings are listed as prefixes.
 */
static const char *const arch_exact[] = {
        "noarch",
        "src",
        "nosrc",
        "all",
        "any",
        "x86_64",
        "amd64",
        "ia32e",
        "i386",
        "i486",
        "i586",
        "i686",
        "athlon",
        "geode",
        "pentium3",
        "pentium4",
        "x86",
        "ia64",
        "aarch64",
        "arm64",
        "arm",
        "armel",
        "armhf",
        "armeb",
        "ppc",
        "ppc64",
        "ppc64le",
        "ppc64p7",
        "ppc64pseries",
        "ppc64iseries",
        "ppcle",
        "powerpc",
        "powerpc64",
        "powerpc64le",
        "s390",
        "s390x",
        "sparc",
        "sparcv8",
        "sparcv9",
        "sparcv9v",
        "sparc64",
        "sparc64v",
        "riscv64",
        "riscv32",
        "loongarch64",
        "m68k",
        "sh4",
        "sh3",
        "microblaze",
        "arc",
        "nios2",
        "or1k",
        "x32",
};

static const char *const arch_prefix[] = {
        "x86_64_",
        "x86_64-", /* x86_64_v2, x86_64_x32 */
        "armv",
        "cortexa",
        "cortexm",
        "cortexr",
        "arm926",
        "arm1136",
        "arm1176",
        "armeb",
        "aarch64_",
        "aarch64-",
        "core2",
        "corei7",
        "i586_",
        "i586-",
        "i686_",
        "i686-",
        "mips",
        "alpha",
        "ppc",
        "powerpc",
        "e500",
        "e5500",
        "e6500",
        "riscv",
        "qemu",
        "genericx86",
        "intel_",
        "intel-",
        "sparc",
        "loongarch",
};

bool cvg__inv_is_arch(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof(arch_exact) / sizeof(arch_exact[0]); i++)
		if (strlen(arch_exact[i]) == len && memcmp(arch_exact[i], s, len) == 0)
			return true;
	if (!cvg__inv_is_token(s, len))
		return false;
	for (size_t i = 0; i < sizeof(arch_prefix) / sizeof(arch_prefix[0]); i++) {
		size_t n = strlen(arch_prefix[i]);
		if (len > n && memcmp(arch_prefix[i], s, n) == 0) {
			/* the rest is letters, digits, '_' or '-' */
			size_t j;
			for (j = n; j < len; j++) {
				char c = s[j];
				if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
				            (c >= '0' && c <= '9') || c == '_' || c == '-'))
					break;
			}
			if (j == len)
				return true;
		}
	}
	return false;
}

static void package_dispose(cvg_package *p)
{
	free(p->name);
	free(p->version);
	free(p->arch);
	free(p->source);
	free(p->source_version);
	free(p->file);
	free(p->ident_text);
	for (size_t i = 0; i < p->ncpes; i++) {
		free(p->cpes[i].vendor);
		free(p->cpes[i].product);
	}
	free(p->cpes);
	free(p->cpe_version);
}

int cvg__inv_add(cvg__inv_ctx *ctx, const char *name, size_t nlen, const char *version, size_t vlen,
        const char *arch, size_t alen, cvg_version_scheme scheme, size_t line)
{
	cvg_package *p;

	if (ctx->npackages == ctx->cap) {
		size_t cap = ctx->cap ? ctx->cap * 2 : 64;
		cvg_package *np = realloc(ctx->packages, cap * sizeof(*np));
		if (np == NULL)
			return cvg__error_oom();
		ctx->packages = np;
		ctx->cap = cap;
	}
	p = &ctx->packages[ctx->npackages];
	memset(p, 0, sizeof(*p));
	p->name = cvg__strndup(name, nlen);
	p->version = cvg__strndup(version, vlen);
	p->arch = arch ? cvg__strndup(arch, alen) : NULL;
	p->file = cvg__strndup(ctx->file, strlen(ctx->file));
	p->scheme = scheme;
	p->line = line;
	p->distro = ctx->distro;
	if (p->name == NULL || p->version == NULL || (arch && p->arch == NULL) || p->file == NULL) {
		package_dispose(p);
		return cvg__error_oom();
	}
	ctx->npackages++;
	return 0;
}

int cvg__inv_json_error(cvg__inv_ctx *ctx, void *h, const char *data, size_t off)
{
	cvg__line_counter lc;
	unsigned char *text = yajl_get_error(h, 0, NULL, 0);
	const char *msg = text ? (const char *)text : "malformed JSON";
	size_t n = strlen(msg);
	int error;

	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	/* the line of the last byte read, not of the one after it */
	cvg__line_counter_init(&lc, data, off);
	error = cvg__error(CVG_EPARSE, "%s:%zu: malformed JSON at byte %zu: %.*s", ctx->file,
	        cvg__line_at(&lc, off > 0 ? off - 1 : 0), off, (int)n, msg);
	if (text)
		yajl_free_error(h, text);
	return error;
}

void cvg__inv_keep_xml_error(cvg__xml_error *e, const void *err)
{
	const xmlError *x = err;
	const char *msg;
	size_t n;

	if (e == NULL || x == NULL || e->set || x->level < XML_ERR_ERROR)
		return;
	e->set = true;
	e->line = x->line;
	msg = x->message ? x->message : "malformed XML";
	n = strlen(msg);
	if (n >= sizeof(e->message))
		n = sizeof(e->message) - 1;
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	memcpy(e->message, msg, n);
	e->message[n] = '\0';
}

bool cvg__inv_sniff_lines(const char *data, size_t len, bool (*fits)(const char *line, size_t n))
{
	cvg__lines it;
	const char *line;
	size_t n, seen = 0;

	cvg__lines_init(&it, data, len);
	while (seen < 50 && cvg__lines_next(&it, &line, &n)) {
		cvg__trim(&line, &n);
		if (n == 0 || line[0] == '#')
			continue;
		if (n > CVG__LINE_MAX || !fits(line, n))
			return false;
		seen++;
	}
	return seen > 0;
}

int cvg__inv_set_source(
        cvg__inv_ctx *ctx, const char *name, size_t nlen, const char *version, size_t vlen)
{
	cvg_package *p;

	assert(ctx->npackages > 0);
	p = &ctx->packages[ctx->npackages - 1];
	free(p->source);
	free(p->source_version);
	p->source = cvg__strndup(name, nlen);
	p->source_version = version ? cvg__strndup(version, vlen) : NULL;
	if (p->source == NULL || (version && p->source_version == NULL))
		return cvg__error_oom();
	return 0;
}

/* Refuse data with a NUL byte, naming its line. */
static int check_text(const char *data, size_t len, const char *file)
{
	const char *nul = memchr(data, '\0', len);
	size_t line = 1;

	if (nul == NULL)
		return 0;
	for (const char *p = data; p < nul; p++)
		line += *p == '\n';
	return cvg__error(CVG_EPARSE, "%s:%zu: NUL byte; an inventory is a text file", file, line);
}

/*
 * UTF-16 with a byte order mark (FF FE: little-endian, FE FF: big-endian),
 * as Windows tools write redirected output (wmic), becomes UTF-8 through
 * iconv before anything else looks at it: UTF-16 text is full of NUL
 * bytes, which check_text() refuses, and every reader expects UTF-8.
 * Other input is left alone (*owned stays NULL). On success *data and
 * *len describe the UTF-8 text (without the BOM), held in *owned, which
 * the caller frees. Invalid or truncated UTF-16 is CVG_EPARSE naming the
 * byte offset; UTF-8 above CVG_INVENTORY_MAX_BYTES is CVG_ELIMIT.
 */
static int from_utf16(char **owned, const char **data, size_t *len, const char *file)
{
	const unsigned char *d = (const unsigned char *)*data;
	iconv_t cd = (iconv_t)-1;
	const char *enc;
	char *in, *out, *buf = NULL;
	size_t inleft, outleft, cap;
	int error = 0;

	*owned = NULL;
	if (*len >= 2 && d[0] == 0xFF && d[1] == 0xFE)
		enc = "UTF-16LE";
	else if (*len >= 2 && d[0] == 0xFE && d[1] == 0xFF)
		enc = "UTF-16BE";
	else
		return 0;
	/* a code unit becomes at most 3 UTF-8 bytes (a surrogate pair, two
	 * units, becomes 4) */
	cap = (*len - 2) / 2 * 3 + 1;
	if ((buf = malloc(cap)) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	if ((cd = iconv_open("UTF-8", enc)) == (iconv_t)-1) {
		error = cvg__error(CVG_EUNSUPPORTED, "%s: %s text, but iconv cannot convert it: %s",
		        file, enc, strerror(errno));
		goto done;
	}
	in = (char *)(uintptr_t)(*data + 2);
	inleft = *len - 2;
	out = buf;
	outleft = cap;
	if (iconv(cd, &in, &inleft, &out, &outleft) == (size_t)-1) {
		error = cvg__error(CVG_EPARSE, "%s: byte %zu: invalid %s (%s)", file,
		        (size_t)(in - *data), enc,
		        errno == EINVAL ? "a truncated character" : "not a character");
		goto done;
	}
	if (cap - outleft > CVG_INVENTORY_MAX_BYTES) {
		error = cvg__error(CVG_ELIMIT, "%s: larger than the limit of %u bytes as UTF-8",
		        file, CVG_INVENTORY_MAX_BYTES);
		goto done;
	}
	*owned = buf;
	*data = buf;
	*len = cap - outleft;
	buf = NULL;
done:
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	free(buf);
	return error;
}

/* ---- Auto-detection ---- */

static int detect(const cvg__inv_format **out, const char *data, size_t len, const char *file)
{
	const cvg__inv_format *best = NULL;
	int best_score = 0;
	cvg__lines it;
	const char *line;
	size_t n;
	bool any = false;

	for (size_t i = 0; i < NFORMATS; i++) {
		int score = formats[i]->sniff(data, len);
		if (score > best_score) {
			best_score = score;
			best = formats[i];
		}
	}
	if (best) {
		*out = best;
		return 0;
	}
	/* Say what the first entry looks like, when it is a known shape. */
	cvg__lines_init(&it, data, len);
	while (cvg__lines_next(&it, &line, &n)) {
		cvg__trim(&line, &n);
		if (n == 0 || line[0] == '#')
			continue;
		any = true;
		for (size_t i = 0; i < n; i++) {
			if (line[i] == ' ' || line[i] == '\t') {
				char q[CVG__QUOTE_SIZE];
				cvg__quote(q, sizeof(q), line, n);
				return cvg__error(CVG_EPARSE,
				        "%s:%zu: cannot tell the format: '%s' has columns, but "
				        "neither 'name version' (list) nor 'name arch version' "
				        "(manifest) with a version starting with a digit; use "
				        "--format (supported: %s)",
				        file, it.lineno, q, formats_summary());
			}
		}
		break;
	}
	if (!any)
		return cvg__error(CVG_EPARSE, "%s: empty inventory; cannot tell the format", file);
	return cvg__error(CVG_EPARSE, "%s: cannot tell the format; use --format (supported: %s)",
	        file, formats_summary());
}

/* ---- Loading ---- */

static void ctx_dispose(cvg__inv_ctx *ctx)
{
	for (size_t i = 0; i < ctx->npackages; i++)
		package_dispose(&ctx->packages[i]);
	free(ctx->packages);
	ctx->packages = NULL;
	ctx->npackages = ctx->cap = 0;
}

static int make_inventory(cvg_inventory **out, cvg__inv_ctx *ctx, const char *format)
{
	cvg_inventory *inv = calloc(1, sizeof(*inv));

	if (inv == NULL || (inv->format = cvg__strndup(format, strlen(format))) == NULL) {
		free(inv);
		return cvg__error_oom();
	}
	inv->packages = ctx->packages;
	inv->npackages = ctx->npackages;
	ctx->packages = NULL;
	ctx->npackages = ctx->cap = 0;
	*out = inv;
	return 0;
}

/* Resolve a format name (NULL or "auto" gives *out = NULL). */
static int lookup_format(const cvg__inv_format **out, const char *format)
{
	*out = NULL;
	if (format == NULL || strcmp(format, "auto") == 0)
		return 0;
	if ((*out = find_format(format)) == NULL) {
		char names[512] = "";
		size_t n = 0;
		for (const char *const *f = cvg_inventory_formats(); *f && n < sizeof(names); f++)
			n += (size_t)snprintf(
			        names + n, sizeof(names) - n, "%s%s", n ? ", " : "", *f);
		return cvg__error(
		        CVG_EINVAL, "unknown inventory format '%s' (supported: %s)", format, names);
	}
	return 0;
}

int cvg__inventory_parse(cvg_inventory **out, const char *data, size_t len, const char *file,
        const char *format, unsigned flags, cvg_warn_fn warn, void *payload)
{
	cvg__inv_ctx ctx = {file, flags, warn, payload, NULL, 0, 0, false};
	const cvg__inv_format *fmt;
	const char *read_as;
	char *utf8 = NULL;
	int error;

	*out = NULL;
	if ((error = lookup_format(&fmt, format)) < 0)
		goto done;
	if (len > CVG_INVENTORY_MAX_BYTES) {
		error = cvg__error(CVG_ELIMIT, "%s: larger than the limit of %u bytes", file,
		        CVG_INVENTORY_MAX_BYTES);
		goto done;
	}
	/* An archive of SBOM documents (archive.c): binary, so it is
	 * recognised before the text check, by its magic number. */
	if (cvg__inv_is_archive(data, len)) {
		if (fmt && !cvg__inv_is_document_format(fmt)) {
			error = cvg__error(CVG_EINVAL,
			        "%s: is an archive; only SBOM documents (spdx3) are read from "
			        "archives, not %s",
			        file, fmt->name);
			goto done;
		}
		if ((error = cvg__inv_read_archive(&ctx, data, len, fmt, &read_as)) < 0)
			goto done;
		error = make_inventory(out, &ctx, read_as);
		goto done;
	}
	/* UTF-16 (wmic's redirected output) is read as its UTF-8 form */
	if ((error = from_utf16(&utf8, &data, &len, file)) < 0)
		goto done;
	if ((error = check_text(data, len, file)) < 0)
		goto done;
	if (fmt == NULL && (error = detect(&fmt, data, len, file)) < 0)
		goto done;
	ctx.distro = fmt->distro;
	if ((error = fmt->parse(&ctx, data, len)) < 0)
		goto done;
	error = make_inventory(out, &ctx, fmt->name);
done:
	free(utf8);
	ctx_dispose(&ctx);
	return error;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && strcmp(s + n - m, suffix) == 0;
}

/* Parse every regular file in `dir` ending in fmt->dir_suffix, by name. */
static int load_directory(cvg__inv_ctx *ctx, const char *dir, const cvg__inv_format *fmt)
{
	DIR *d = NULL;
	struct dirent *de;
	char **names = NULL, *data = NULL;
	size_t nnames = 0, cap = 0, total = 0, len, nread = 0;
	cvg_buf path = CVG_BUF_INIT(8192);
	int error = 0;

	ctx->distro = fmt->distro;
	if ((d = opendir(dir)) == NULL) {
		error = cvg__error(CVG_EIO, "%s: %s", dir, strerror(errno));
		goto done;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || !has_suffix(de->d_name, fmt->dir_suffix))
			continue;
		if (nnames == DIR_MAX_FILES) {
			error = cvg__error(CVG_ELIMIT, "%s: more than %d %s files", dir,
			        DIR_MAX_FILES, fmt->dir_suffix);
			goto done;
		}
		if (nnames == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			char **nn = realloc(names, ncap * sizeof(*nn));
			if (nn == NULL) {
				error = cvg__error_oom();
				goto done;
			}
			names = nn;
			cap = ncap;
		}
		if ((names[nnames] = cvg__strndup(de->d_name, strlen(de->d_name))) == NULL) {
			error = cvg__error_oom();
			goto done;
		}
		nnames++;
	}
	if (nnames)
		qsort(names, nnames, sizeof(*names), cmp_names);
	for (size_t i = 0; i < nnames; i++) {
		struct stat st;

		cvg__buf_clear(&path);
		if ((error = cvg__buf_printf(&path, "%s/%s", dir, names[i])) < 0)
			goto done;
		if (stat(path.ptr, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if ((error = cvg__read_file(
		             &data, &len, path.ptr, CVG_INVENTORY_MAX_BYTES - total)) < 0) {
			if (error == CVG_ELIMIT)
				error = cvg__error(CVG_ELIMIT,
				        "%s: the %s files together are larger than the limit of "
				        "%u bytes",
				        dir, fmt->dir_suffix, CVG_INVENTORY_MAX_BYTES);
			goto done;
		}
		total += len;
		if ((error = check_text(data, len, path.ptr)) < 0)
			goto done;
		ctx->file = path.ptr;
		error = fmt->parse(ctx, data, len);
		ctx->file = dir;
		if (error < 0)
			goto done;
		free(data);
		data = NULL;
		nread++;
	}
	if (nread == 0)
		error = cvg__error(
		        CVG_EPARSE, "%s: no %s files in this directory", dir, fmt->dir_suffix);
done:
	ctx->file = dir;
	free(data);
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	cvg__buf_dispose(&path);
	if (d)
		closedir(d);
	return error;
}

int cvg_inventory_load(cvg_inventory **out, const char *path, const char *format, unsigned flags,
        cvg_warn_fn warn, void *payload)
{
	cvg__inv_ctx ctx = {path, flags, warn, payload, NULL, 0, 0, false};
	const cvg__inv_format *fmt;
	struct stat st;
	char *data = NULL;
	size_t len;
	int error;

	*out = NULL;
	if ((error = lookup_format(&fmt, format)) < 0)
		goto done;
	if (stat(path, &st) != 0) {
		error = cvg__error(CVG_EIO, "%s: %s", path, strerror(errno));
		goto done;
	}
	if (S_ISDIR(st.st_mode)) {
		/* A directory of SBOM documents (archive.c): one without SWID
		 * tags, or one named with a document format. */
		if (fmt == NULL ? !cvg__inv_dir_holds(path, ".swidtag")
		                : cvg__inv_is_document_format(fmt)) {
			const char *read_as;
			if ((error = cvg__inv_read_document_dir(&ctx, path, fmt, &read_as)) < 0)
				goto done;
			error = make_inventory(out, &ctx, read_as);
			goto done;
		}
		if (fmt == NULL) {
			for (size_t i = 0; i < NFORMATS && fmt == NULL; i++)
				if (formats[i]->reads_directories)
					fmt = formats[i];
		}
		if (fmt == NULL || !fmt->reads_directories) {
			error = cvg__error(CVG_EINVAL,
			        "%s: is a directory; only the swid format (.swidtag files) and "
			        "SBOM documents (spdx3: .json files) are read from a directory",
			        path);
			goto done;
		}
		if ((error = load_directory(&ctx, path, fmt)) < 0)
			goto done;
		error = make_inventory(out, &ctx, fmt->name);
		goto done;
	}
	if ((error = cvg__read_file(&data, &len, path, CVG_INVENTORY_MAX_BYTES)) < 0)
		goto done;
	error = cvg__inventory_parse(
	        out, data, len, path, fmt ? fmt->name : NULL, flags, warn, payload);
done:
	free(data);
	ctx_dispose(&ctx);
	return error;
}

void cvg_inventory_free(cvg_inventory *inv)
{
	if (inv == NULL)
		return;
	for (size_t i = 0; i < inv->npackages; i++)
		package_dispose(&inv->packages[i]);
	free(inv->packages);
	free(inv->format);
	free(inv);
}
