/*
 * lib/inventory/archive.c - SBOM documents handed over many at a time: an
 * archive (.tar, .tar.gz, .tar.zst, .tar.xz, .zip) or a directory of them.
 *
 * Yocto's create-spdx-2.2 class writes IMAGE.spdx.tar.zst: a tar stream,
 * zstd-compressed, holding index.json (a list of the documents, no SBOM)
 * and one DOCNAME.spdx.json per recipe, package and runtime; its deploy
 * directory (tmp/deploy/spdx/MACHINE/{recipes,packages,runtime,...}) holds
 * the same documents in subdirectories, with symlinks under by-namespace/.
 * Other tools zip their documents. Each document is parsed on its own by
 * the format reader it belongs to, and the packages of all of them make one
 * inventory.
 *
 * Which members are documents: regular files whose name ends in ".json" or
 * ".jsonld", not hidden (a basename starting with '.', such as the
 * AppleDouble "._x.json" files zip tools add). Their format is the one
 * asked for, or detected among the document formats of the table below
 * (the highest sniff score wins). A .json member no document format
 * recognises is skipped with one counted warning; index.json is skipped
 * quietly, and also when a format was asked for, unless it says it is one
 * of its documents. A member holding an archive is not opened (counted warning).
 *
 * Archives are hostile input, and nothing here ever writes to the disk,
 * yet the rules a careful extractor follows still apply, since a member's
 * name appears in messages and reports:
 *  - a member whose path is absolute or holds a ".." component refuses the
 *    whole archive, naming the member;
 *  - symlinks, hard links, devices and FIFOs are skipped (counted warning);
 *  - at most ARCHIVE_MAX_MEMBERS members;
 *  - the members' data together, as decompressed, at most
 *    CVG_INVENTORY_MAX_BYTES: a declared size over what is left fails at
 *    once, and every byte inflated (documents or not; libarchive is never
 *    asked to skip data, which would inflate it unseen) is counted as it is
 *    read, so a zip or gzip bomb stops at the limit with memory bounded by
 *    the one document being read;
 *  - the decompressed stream (headers and padding included) at most twice
 *    that.
 * Only the tar (ustar, pax, GNU) and zip readers and the gzip, zstd and xz
 * filters of libarchive are enabled: no 7z, rar, cpio or iso9660 code sees
 * the input. The archive is read from memory: cvg_inventory_load() has
 * read the file under the same size limit as any inventory.
 *
 * Directories are walked in name order, at most ARCHIVE_MAX_DEPTH levels
 * deep, without following symlinks (so by-namespace/ adds nothing twice),
 * under the same member and byte limits.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <archive.h>
#include <archive_entry.h>

#include "lib/inventory/inventory_internal.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/text.h"

/* Members of an archive, or document files of a directory tree (a sanity
 * bound; the byte limit applies to their sum). */
#define ARCHIVE_MAX_MEMBERS 100000

/* Directory levels walked below the directory given (Yocto's deploy/spdx
 * uses three). */
#define ARCHIVE_MAX_DEPTH 8

/* Bytes asked of libarchive at a time. */
#define ARCHIVE_CHUNK 65536

/* The formats whose documents are read from archives and directories: the
 * JSON SBOM formats. A name not in the format table is passed over, so a
 * format is listed here before or after it is merged. */
static const char *const document_formats[] = {"spdx3", "spdx", "cyclonedx"};

#define NDOCFORMATS (sizeof(document_formats) / sizeof(document_formats[0]))

bool cvg__inv_is_document_format(const cvg__inv_format *fmt)
{
	for (size_t i = 0; i < NDOCFORMATS; i++)
		if (strcmp(fmt->name, document_formats[i]) == 0)
			return true;
	return false;
}

bool cvg__inv_is_archive(const char *data, size_t len)
{
	/* magic numbers: gzip (RFC 1952), zstd (RFC 8878), xz (.xz file format
	 * 2.1.1.1), zip local file header (APPNOTE 4.3.7); tar's "ustar" at
	 * offset 257, POSIX "ustar\0" or GNU "ustar  \0" (a NUL either way, so
	 * no text file matches) */
	static const struct {
		const char *magic;
		size_t len;
	} m[] = {
	        {"\x1f\x8b", 2}, {"\x28\xb5\x2f\xfd", 4}, {"\xfd\x37\x7a\x58\x5a\x00", 6},
	        {"PK\x03\x04", 4}, {"PK\x05\x06", 4}, /* an empty zip: its end record alone */
	};

	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (len >= m[i].len && memcmp(data, m[i].magic, m[i].len) == 0)
			return true;
	return len >= 265 &&
	       (memcmp(data + 257, "ustar\0", 6) == 0 || memcmp(data + 257, "ustar  \0", 8) == 0);
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && strcasecmp(s + n - m, suffix) == 0;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

bool cvg__inv_dir_holds(const char *dir, const char *suffix)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	bool found = false;

	if (d == NULL)
		return false;
	while (!found && (de = readdir(d)) != NULL)
		found = de->d_name[0] != '.' && has_suffix(de->d_name, suffix);
	closedir(d);
	return found;
}

/* ---- Documents, wherever they come from ---- */

typedef struct docs {
	cvg__inv_ctx *ctx;
	const char *where;           /* the archive or directory, for messages */
	const cvg__inv_format *fmt;  /* asked for, or NULL: detect each */
	const cvg__inv_format *used; /* the format of the first document read */
	bool mixed;                  /* documents of several formats were read */
	size_t read;                 /* documents parsed */
	size_t json;                 /* .json members seen */
	size_t members;              /* members or files counted against the limit */
	size_t bytes;                /* decompressed bytes counted against the limit */
	size_t not_sbom, nested, special;
	char first_not_sbom[CVG__QUOTE_SIZE];
	char first_nested[CVG__QUOTE_SIZE];
	char first_special[CVG__QUOTE_SIZE];
	cvg_buf label; /* "ARCHIVE!member" or "DIR/path" */
} docs;

static void note(size_t *count, char *first, const char *name)
{
	if ((*count)++ == 0)
		cvg__quote(first, CVG__QUOTE_SIZE, name, strlen(name));
}

static bool is_document_name(const char *path)
{
	const char *base = base_name(path);

	return base[0] != '.' && (has_suffix(base, ".json") || has_suffix(base, ".jsonld"));
}

static const cvg__inv_format *detect_document(const char *data, size_t len)
{
	const cvg__inv_format *best = NULL;
	int best_score = 0;

	for (size_t i = 0; i < NDOCFORMATS; i++) {
		const cvg__inv_format *f = cvg__inv_find_format(document_formats[i]);
		int score = f ? f->sniff(data, len) : 0;
		if (score > best_score) {
			best_score = score;
			best = f;
		}
	}
	return best;
}

/* Parse one document `name` of d->where, named `sep`-joined in messages. */
static int read_document(docs *d, const char *name, char sep, const char *data, size_t len)
{
	cvg__inv_ctx *ctx = d->ctx;
	const cvg__inv_format *fmt = d->fmt;
	const char *nul;
	int error;

	cvg__buf_clear(&d->label);
	if ((error = cvg__buf_printf(&d->label, "%s%c%s", d->where, sep, name)) < 0)
		return error;
	if (cvg__inv_is_archive(data, len)) {
		note(&d->nested, d->first_nested, name);
		return 0;
	}
	if ((nul = memchr(data, '\0', len)) != NULL) {
		size_t line = 1;
		for (const char *p = data; p < nul; p++)
			line += *p == '\n';
		return cvg__inv_problem(ctx, "%s:%zu: NUL byte; an SBOM document is a text file",
		        d->label.ptr, line);
	}
	/* Yocto's list of the documents is no document, whatever format was
	 * asked for */
	if (strcmp(base_name(name), "index.json") == 0 &&
	        (fmt                                 ? fmt->sniff(data, len)
	                : detect_document(data, len) ? 1
	                                             : 0) == 0)
		return 0;
	if (fmt == NULL && (fmt = detect_document(data, len)) == NULL) {
		note(&d->not_sbom, d->first_not_sbom, name);
		return 0;
	}
	ctx->file = d->label.ptr;
	ctx->distro = fmt->distro;
	error = fmt->parse(ctx, data, len);
	ctx->file = d->where;
	if (error < 0)
		return error;
	if (d->used == NULL)
		d->used = fmt;
	else if (d->used != fmt)
		d->mixed = true;
	d->read++;
	return 0;
}

/* The end of a walk: warnings for what was skipped, the format read. */
static int finish(docs *d, const char *what, const char **format)
{
	if (d->special)
		cvg__warnf(d->ctx->warn, d->ctx->payload,
		        "%s: %zu symlinks, hard links or special files skipped (the first: '%s')",
		        d->where, d->special, d->first_special);
	if (d->nested)
		cvg__warnf(d->ctx->warn, d->ctx->payload,
		        "%s: %zu archives inside not opened (the first: '%s')", d->where, d->nested,
		        d->first_nested);
	if (d->not_sbom)
		cvg__warnf(d->ctx->warn, d->ctx->payload,
		        "%s: %zu .json files in no known SBOM format skipped (the first: '%s')",
		        d->where, d->not_sbom, d->first_not_sbom);
	if (d->read == 0)
		return cvg__error(CVG_EPARSE,
		        "%s: no SBOM document in this %s (%zu .json files, none SPDX or CycloneDX "
		        "JSON)",
		        d->where, what, d->json);
	*format = d->mixed ? "mixed" : d->used->name;
	return 0;
}

static int over_limit(docs *d, const char *name)
{
	char q[CVG__QUOTE_SIZE];

	cvg__quote(q, sizeof(q), name, strlen(name));
	return cvg__error(CVG_ELIMIT,
	        "%s: the members together are larger than the limit of %u bytes (at '%s')",
	        d->where, CVG_INVENTORY_MAX_BYTES, q);
}

/* ---- Archives ---- */

/* Refuse an absolute path or a ".." component ('/' or '\\' separated). */
static bool path_escapes(const char *path)
{
	const char *p = path;

	if (p[0] == '/' || p[0] == '\\' ||
	        (((p[0] | 0x20) >= 'a' && (p[0] | 0x20) <= 'z') && p[1] == ':'))
		return true;
	while (*p) {
		size_t n = strcspn(p, "/\\");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return true;
		p += n;
		if (*p)
			p++;
	}
	return false;
}

static int archive_fail(docs *d, struct archive *a, const char *name)
{
	const char *msg = archive_error_string(a);
	char q[CVG__QUOTE_SIZE];

	if (name == NULL)
		return cvg__error(CVG_EPARSE, "%s: not a readable tar or zip archive: %s", d->where,
		        msg ? msg : "unknown error");
	cvg__quote(q, sizeof(q), name, strlen(name));
	return cvg__error(
	        CVG_EPARSE, "%s: member '%s': %s", d->where, q, msg ? msg : "unknown error");
}

/* Read the current member's data, counting every byte; keep it when `keep`. */
static int read_member(docs *d, struct archive *a, const char *name, bool keep, cvg_buf *data)
{
	char *chunk = malloc(ARCHIVE_CHUNK);
	int error = 0;

	if (chunk == NULL)
		return cvg__error_oom();
	cvg__buf_clear(data);
	for (;;) {
		la_ssize_t n = archive_read_data(a, chunk, ARCHIVE_CHUNK);
		if (n == 0)
			break;
		if (n < 0) {
			if (n == ARCHIVE_WARN)
				continue;
			error = archive_fail(d, a, name);
			break;
		}
		if ((size_t)n > CVG_INVENTORY_MAX_BYTES - d->bytes) {
			error = over_limit(d, name);
			break;
		}
		d->bytes += (size_t)n;
		if (keep && (error = cvg__buf_put(data, chunk, (size_t)n)) < 0)
			break;
	}
	free(chunk);
	return error;
}

int cvg__inv_read_archive(cvg__inv_ctx *ctx, const char *data, size_t len,
        const cvg__inv_format *fmt, const char **format)
{
	docs d = {.ctx = ctx, .where = ctx->file, .fmt = fmt, .label = CVG_BUF_INIT(0)};
	cvg_buf member = CVG_BUF_INIT(0);
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	int error = 0, r;

	if (a == NULL)
		return cvg__error_oom();
	if (archive_read_support_filter_gzip(a) < ARCHIVE_WARN ||
	        archive_read_support_filter_zstd(a) < ARCHIVE_WARN ||
	        archive_read_support_filter_xz(a) < ARCHIVE_WARN ||
	        archive_read_support_format_tar(a) != ARCHIVE_OK ||
	        archive_read_support_format_zip(a) != ARCHIVE_OK ||
	        archive_read_open_memory(a, data, len) != ARCHIVE_OK) {
		error = archive_fail(&d, a, NULL);
		goto done;
	}
	while ((r = archive_read_next_header(a, &e)) != ARCHIVE_EOF) {
		const char *name;
		char q[CVG__QUOTE_SIZE];
		unsigned type;
		bool doc;

		if (r < ARCHIVE_WARN) {
			error = archive_fail(&d, a, NULL);
			goto done;
		}
		if (++d.members > ARCHIVE_MAX_MEMBERS) {
			error = cvg__error(CVG_ELIMIT, "%s: more than %d members", d.where,
			        ARCHIVE_MAX_MEMBERS);
			goto done;
		}
		if (archive_filter_bytes(a, 0) > 2 * (la_int64_t)CVG_INVENTORY_MAX_BYTES) {
			error = cvg__error(CVG_ELIMIT,
			        "%s: the decompressed archive is larger than the limit of %llu "
			        "bytes",
			        d.where, 2ull * CVG_INVENTORY_MAX_BYTES);
			goto done;
		}
		if ((name = archive_entry_pathname(e)) == NULL &&
		        (name = archive_entry_pathname_utf8(e)) == NULL) {
			error = cvg__error(CVG_EPARSE, "%s: member %zu has no readable name",
			        d.where, d.members);
			goto done;
		}
		cvg__quote(q, sizeof(q), name, strlen(name));
		if (path_escapes(name)) {
			error = cvg__error(CVG_EPARSE,
			        "%s: member '%s' has an absolute path or a '..' component; "
			        "refusing the archive",
			        d.where, q);
			goto done;
		}
		type = archive_entry_filetype(e);
		if (type == AE_IFDIR)
			continue;
		if (type != AE_IFREG || archive_entry_hardlink(e) != NULL ||
		        archive_entry_symlink(e) != NULL) {
			note(&d.special, d.first_special, name);
			continue;
		}
		if (archive_entry_size_is_set(e) &&
		        (uint64_t)archive_entry_size(e) > CVG_INVENTORY_MAX_BYTES - d.bytes) {
			error = over_limit(&d, name);
			goto done;
		}
		doc = is_document_name(name);
		d.json += doc;
		if ((error = read_member(&d, a, name, doc, &member)) < 0)
			goto done;
		if (doc && (error = read_document(
		                    &d, name, '!', member.ptr ? member.ptr : "", member.len)) < 0)
			goto done;
	}
	error = finish(&d, "archive", format);
done:
	ctx->file = d.where;
	archive_read_free(a);
	cvg__buf_dispose(&member);
	cvg__buf_dispose(&d.label);
	return error;
}

/* ---- Directories ---- */

typedef struct names {
	char **v;
	size_t n, cap;
} names;

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collect the document files under path (rel from `base` on) into out. */
static int walk(docs *d, cvg_buf *path, size_t base, int depth, names *out)
{
	DIR *dir = NULL;
	struct dirent *de;
	size_t keep = path->len;
	int error = 0;

	if ((dir = opendir(path->ptr)) == NULL) {
		error = cvg__error(CVG_EIO, "%s: %s", path->ptr, strerror(errno));
		goto done;
	}
	while ((de = readdir(dir)) != NULL) {
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		path->len = keep;
		if ((error = cvg__buf_printf(path, "/%s", de->d_name)) < 0)
			goto done;
		if (lstat(path->ptr, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			if (depth < ARCHIVE_MAX_DEPTH &&
			        (error = walk(d, path, base, depth + 1, out)) < 0)
				goto done;
			continue;
		}
		if (!is_document_name(de->d_name))
			continue;
		if (!S_ISREG(st.st_mode)) {
			note(&d->special, d->first_special, path->ptr + base);
			continue;
		}
		if (++d->members > ARCHIVE_MAX_MEMBERS) {
			error = cvg__error(CVG_ELIMIT, "%s: more than %d .json files", d->where,
			        ARCHIVE_MAX_MEMBERS);
			goto done;
		}
		if (out->n == out->cap) {
			size_t cap = out->cap ? out->cap * 2 : 64;
			char **v = realloc(out->v, cap * sizeof(*v));
			if (v == NULL) {
				error = cvg__error_oom();
				goto done;
			}
			out->v = v;
			out->cap = cap;
		}
		if ((out->v[out->n] = cvg__strndup(path->ptr + base, path->len - base)) == NULL) {
			error = cvg__error_oom();
			goto done;
		}
		out->n++;
	}
done:
	path->len = keep;
	if (path->ptr)
		path->ptr[keep] = '\0';
	if (dir)
		closedir(dir);
	return error;
}

int cvg__inv_read_document_dir(
        cvg__inv_ctx *ctx, const char *dir, const cvg__inv_format *fmt, const char **format)
{
	docs d = {.ctx = ctx, .where = dir, .fmt = fmt, .label = CVG_BUF_INIT(0)};
	cvg_buf path = CVG_BUF_INIT(8192);
	names list = {NULL, 0, 0};
	char *data = NULL;
	size_t len;
	int error;

	if ((error = cvg__buf_puts(&path, dir)) < 0)
		goto done;
	if ((error = walk(&d, &path, path.len + 1, 0, &list)) < 0)
		goto done;
	if (list.n)
		qsort(list.v, list.n, sizeof(*list.v), cmp_names);
	d.json = list.n;
	for (size_t i = 0; i < list.n; i++) {
		cvg__buf_clear(&path);
		if ((error = cvg__buf_printf(&path, "%s/%s", dir, list.v[i])) < 0)
			goto done;
		if ((error = cvg__read_file(
		             &data, &len, path.ptr, CVG_INVENTORY_MAX_BYTES - d.bytes)) < 0) {
			if (error == CVG_ELIMIT)
				error = over_limit(&d, list.v[i]);
			goto done;
		}
		d.bytes += len;
		if ((error = read_document(&d, list.v[i], '/', data, len)) < 0)
			goto done;
		free(data);
		data = NULL;
	}
	error = finish(&d, "directory", format);
done:
	ctx->file = dir;
	free(data);
	for (size_t i = 0; i < list.n; i++)
		free(list.v[i]);
	free(list.v);
	cvg__buf_dispose(&path);
	cvg__buf_dispose(&d.label);
	return error;
}
