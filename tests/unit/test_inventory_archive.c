/*
 * tests/unit/test_inventory_archive.c - SBOM documents read from archives
 * and directories (archive.c).
 *
 * The archives are made here, in memory, with libarchive's writer, so no
 * binary fixture is committed and each test shows what it holds. Their
 * layout is Yocto's IMAGE.spdx.tar.zst (create-spdx-2.2.bbclass: a tar
 * stream through zstd holding index.json, {"documents": [{"filename",
 * "documentNamespace", "sha1"}]}, and one DOCNAME.spdx.json per document);
 * the documents inside are SPDX 3.0 ones, the JSON SBOM format of this
 * branch. The hostile members follow the classic extraction attacks (a
 * '..' path, an absolute path, a symlink, a decompression bomb, an archive
 * inside an archive).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "test_helpers.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "cvegate/inventory.h"
#include "lib/inventory/inventory_internal.h"

/* ---- Making archives ---- */

typedef struct member {
	const char *name;
	const char *data; /* NULL: `zeros` zero bytes */
	size_t zeros;
	unsigned type;    /* AE_IFREG (0 means it), AE_IFDIR, AE_IFLNK */
	const char *link; /* a symlink's target */
} member;

typedef struct made {
	char *ptr;
	size_t len;
} made;

/* An archive of `format` through `filter` holding m[0..n). */
static made make(int format, int filter, const member *m, size_t n)
{
	static const char zero[65536];
	struct archive *a = archive_write_new();
	size_t cap = 16u << 20;
	made out = {malloc(cap), 0};

	assert_non_null(a);
	assert_non_null(out.ptr);
	assert_int_equal(archive_write_set_format(a, format), ARCHIVE_OK);
	if (filter != ARCHIVE_FILTER_NONE)
		assert_true(archive_write_add_filter(a, filter) >= ARCHIVE_WARN);
	assert_int_equal(archive_write_open_memory(a, out.ptr, cap, &out.len), ARCHIVE_OK);
	for (size_t i = 0; i < n; i++) {
		struct archive_entry *e = archive_entry_new();
		unsigned type = m[i].type ? m[i].type : AE_IFREG;
		size_t size = type != AE_IFREG ? 0 : m[i].data ? strlen(m[i].data) : m[i].zeros;
		archive_entry_set_pathname(e, m[i].name);
		archive_entry_set_filetype(e, type);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)size);
		if (m[i].link)
			archive_entry_set_symlink(e, m[i].link);
		assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
		if (type == AE_IFREG && m[i].data) {
			assert_int_equal(archive_write_data(a, m[i].data, size), (la_ssize_t)size);
		} else if (type == AE_IFREG) {
			for (size_t left = size; left > 0;) {
				size_t k = left < sizeof(zero) ? left : sizeof(zero);
				assert_int_equal(archive_write_data(a, zero, k), (la_ssize_t)k);
				left -= k;
			}
		}
		archive_entry_free(e);
	}
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
	return out;
}

static int parse(
        cvg_inventory **out, const made *m, const char *format, unsigned flags, warnings *w)
{
	return cvg__inventory_parse(
	        out, m->ptr, m->len, "img.spdx.tar", format, flags, w ? collect : NULL, w);
}

/* Two SPDX 3 documents shaped as Yocto's, and its index. */
#define CTX "\"@context\":\"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\""
static const char busybox_doc[] =
        "{" CTX ",\n\"@graph\":[\n"
        "{\"type\":\"software_Package\",\"name\":\"busybox\",\"software_packageVersion\":"
        "\"1.36.1\",\"externalIdentifier\":[{\"type\":\"ExternalIdentifier\","
        "\"externalIdentifierType\":\"cpe23\",\"identifier\":"
        "\"cpe:2.3:*:busybox:busybox:1.36.1:*:*:*:*:*:*:*\"}]}]}\n";
static const char zlib_doc[] = "{" CTX ",\"@graph\":[\n\n"
                               "{\"type\":\"software_Package\",\"name\":\"zlib\","
                               "\"software_packageVersion\":\"1.3.1\"}]}";
static const char index_doc[] =
        "{\n  \"documents\": [\n    {\"filename\": \"busybox.spdx.json\", "
        "\"documentNamespace\": \"http://spdx.org/spdxdoc/busybox-1\", \"sha1\": "
        "\"0000000000000000000000000000000000000000\"}\n  ]\n}\n";

static void assert_two(const cvg_inventory *inv, const char *where, char sep)
{
	char path[256];

	assert_string_equal(inv->format, "spdx3");
	assert_int_equal(inv->npackages, 2);
	assert_string_equal(inv->packages[0].name, "busybox");
	assert_string_equal(inv->packages[0].version, "1.36.1");
	assert_int_equal(inv->packages[0].line, 3);
	assert_int_equal(inv->packages[0].ident, CVG_IDENT_CPE);
	snprintf(path, sizeof(path), "%s%cbusybox.spdx.json", where, sep);
	assert_string_equal(inv->packages[0].file, path);
	assert_string_equal(inv->packages[1].name, "zlib");
	assert_string_equal(inv->packages[1].version, "1.3.1");
	assert_int_equal(inv->packages[1].line, 3);
	snprintf(path, sizeof(path), "%s%csub/zlib.spdx.json", where, sep);
	assert_string_equal(inv->packages[1].file, path);
}

/* ---- Every container the reader takes ---- */

static void test_containers(void **state)
{
	static const member m[] = {
	        {"busybox.spdx.json", busybox_doc, 0, 0, NULL},
	        {"sub", NULL, 0, AE_IFDIR, NULL},
	        {"sub/zlib.spdx.json", zlib_doc, 0, 0, NULL},
	        {"README.txt", "not a document", 0, 0, NULL},
	        {"index.json", index_doc, 0, 0, NULL},
	        {"link.spdx.json", NULL, 0, AE_IFLNK, "busybox.spdx.json"},
	        {"._busybox.spdx.json", "\0\5\x16\7", 0, 0, NULL},
	};
	static const struct {
		int format, filter;
	} v[] = {
	        {ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_ZSTD}, /* Yocto's */
	        {ARCHIVE_FORMAT_TAR_GNUTAR, ARCHIVE_FILTER_GZIP},
	        {ARCHIVE_FORMAT_TAR_USTAR, ARCHIVE_FILTER_XZ},
	        {ARCHIVE_FORMAT_TAR_USTAR, ARCHIVE_FILTER_NONE},
	        {ARCHIVE_FORMAT_ZIP, ARCHIVE_FILTER_NONE},
	};
	(void)state;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		made a = make(v[i].format, v[i].filter, m, sizeof(m) / sizeof(m[0]));
		cvg_inventory *inv = NULL;
		warnings w = {0};
		int rc;

		assert_true(cvg__inv_is_archive(a.ptr, a.len));
		rc = parse(&inv, &a, NULL, 0, &w);
		if (rc != 0)
			fail_msg("container %zu: %s", i, cvg_error_last());
		assert_two(inv, "img.spdx.tar", '!');
		/* index.json and hidden files quietly, the symlink counted */
		assert_int_equal(w.n, 1);
		assert_string_equal(w.msg[0], "img.spdx.tar: 1 symlinks, hard links or special "
		                              "files skipped (the first: 'link.spdx.json')");
		cvg_inventory_free(inv);
		/* named with the format of its documents, the same */
		assert_int_equal(parse(&inv, &a, "spdx3", 0, NULL), 0);
		assert_int_equal(inv->npackages, 2);
		cvg_inventory_free(inv);
		/* a format whose documents are not read from archives */
		assert_int_equal(parse(&inv, &a, "rpm", 0, NULL), CVG_EINVAL);
		assert_string_equal(cvg_error_last(),
		        "img.spdx.tar: is an archive; only SBOM documents (spdx3) are read from "
		        "archives, not rpm");
		free(a.ptr);
	}
}

static void test_load_file(void **state)
{
	static const member m[] = {
	        {"busybox.spdx.json", busybox_doc, 0, 0, NULL},
	        {"sub/zlib.spdx.json", zlib_doc, 0, 0, NULL},
	        {"index.json", index_doc, 0, 0, NULL},
	};
	made a = make(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_ZSTD, m, 3);
	char path[] = "/tmp/cvg_test_archive_XXXXXX";
	cvg_inventory *inv = NULL;
	int fd = mkstemp(path);
	(void)state;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, a.ptr, a.len), (ssize_t)a.len);
	close(fd);
	assert_int_equal(cvg_inventory_load(&inv, path, NULL, 0, NULL, NULL), 0);
	assert_two(inv, path, '!');
	cvg_inventory_free(inv);
	unlink(path);
	free(a.ptr);
}

/* ---- Hostile archives ---- */

static void test_refused_paths(void **state)
{
	static const struct {
		const char *name;
		bool refused;
	} v[] = {
	        {"../evil.spdx.json", true},
	        {"a/../../evil.spdx.json", true},
	        {"a/..", true},
	        {"/etc/evil.spdx.json", true},
	        {"..\\evil.spdx.json", true},
	        {"C:\\evil.spdx.json", true},
	        {"..a/b..c/ok.spdx.json", false},
	        {"./ok.spdx.json", false},
	};
	(void)state;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		const member m[] = {{"busybox.spdx.json", busybox_doc, 0, 0, NULL},
		        {v[i].name, zlib_doc, 0, 0, NULL}};
		made a = make(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_GZIP, m, 2);
		cvg_inventory *inv = NULL;
		char expect[256];
		int rc = parse(&inv, &a, NULL, CVG_INVENTORY_LENIENT, NULL);

		if (v[i].refused) {
			assert_int_equal(rc, CVG_EPARSE);
			assert_null(inv);
			snprintf(expect, sizeof(expect),
			        "img.spdx.tar: member '%s' has an absolute path or a '..' "
			        "component; "
			        "refusing the archive",
			        v[i].name);
			assert_string_equal(cvg_error_last(), expect);
		} else {
			if (rc != 0)
				fail_msg("%s: %s", v[i].name, cvg_error_last());
			assert_int_equal(inv->npackages, 2);
			cvg_inventory_free(inv);
		}
		free(a.ptr);
	}
}

static void test_bomb(void **state)
{
	/* 64 MiB + 1 of zeros: a few KiB through zstd; refused by its declared
	 * size before a byte is inflated */
	static const member one[] = {
	        {"big.spdx.json", NULL, CVG_INVENTORY_MAX_BYTES + 1u, 0, NULL}};
	/* two of 40 MiB: the second one is over what is left */
	static const member two[] = {
	        {"a.json", NULL, 40u << 20, 0, NULL}, {"b.json", NULL, 40u << 20, 0, NULL}};
	made a = make(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_ZSTD, one, 1);
	made b = make(ARCHIVE_FORMAT_ZIP, ARCHIVE_FILTER_NONE, two, 2);
	cvg_inventory *inv = NULL;
	warnings w = {0};
	(void)state;

	assert_true(a.len < 65536);
	assert_int_equal(parse(&inv, &a, NULL, 0, NULL), CVG_ELIMIT);
	assert_string_equal(cvg_error_last(),
	        "img.spdx.tar: the members together are larger than the limit of 67108864 bytes "
	        "(at 'big.spdx.json')");
	/* leniently, the first (all NUL bytes) is a warning, the second a limit */
	assert_int_equal(parse(&inv, &b, NULL, CVG_INVENTORY_LENIENT, &w), CVG_ELIMIT);
	assert_string_equal(cvg_error_last(),
	        "img.spdx.tar: the members together are larger than the limit of 67108864 bytes "
	        "(at 'b.json')");
	assert_int_equal(w.n, 1);
	assert_string_equal(
	        w.msg[0], "img.spdx.tar!a.json:1: NUL byte; an SBOM document is a text file");
	free(a.ptr);
	free(b.ptr);
}

static void test_member_limit(void **state)
{
	member *m = calloc(100001, sizeof(*m));
	char(*names)[16] = calloc(100001, sizeof(*names));
	cvg_inventory *inv = NULL;
	made a;
	(void)state;

	assert_non_null(m);
	assert_non_null(names);
	for (size_t i = 0; i < 100001; i++) {
		snprintf(names[i], sizeof(names[i]), "f%zu", i);
		m[i].name = names[i];
		m[i].data = "";
	}
	a = make(ARCHIVE_FORMAT_TAR_USTAR, ARCHIVE_FILTER_GZIP, m, 100001);
	assert_int_equal(parse(&inv, &a, NULL, 0, NULL), CVG_ELIMIT);
	assert_string_equal(cvg_error_last(), "img.spdx.tar: more than 100000 members");
	free(a.ptr);
	free(m);
	free(names);
}

static void test_skipped_members(void **state)
{
	static const member m[] = {
	        {"busybox.spdx.json", busybox_doc, 0, 0, NULL},
	        /* an archive inside: the magic number is all the reader looks at */
	        {"inner.json", "\x1f\x8b\x08rest of a gzip stream", 0, 0, NULL},
	        {"other.json", "{\"a\": 1}", 0, 0, NULL},
	        /* read as CycloneDX: a BOM without components adds nothing */
	        {"cdx.json", "{\"bomFormat\": \"CycloneDX\"}", 0, 0, NULL},
	};
	made a = make(ARCHIVE_FORMAT_TAR_USTAR, ARCHIVE_FILTER_NONE, m, 4);
	cvg_inventory *inv = NULL;
	warnings w = {0};
	(void)state;

	assert_int_equal(parse(&inv, &a, NULL, 0, &w), 0);
	assert_int_equal(inv->npackages, 1);
	assert_string_equal(inv->packages[0].file, "img.spdx.tar!busybox.spdx.json");
	assert_int_equal(w.n, 2);
	assert_string_equal(
	        w.msg[0], "img.spdx.tar: 1 archives inside not opened (the first: 'inner.json')");
	assert_string_equal(w.msg[1], "img.spdx.tar: 1 .json files in no known SBOM format "
	                              "skipped (the first: 'other.json')");
	cvg_inventory_free(inv);
	free(a.ptr);
}

static void test_errors(void **state)
{
	static const member only_index[] = {
	        {"index.json", index_doc, 0, 0, NULL}, {"busybox.spdx", busybox_doc, 0, 0, NULL}};
	static const member bad_doc[] = {{"busybox.spdx.json", busybox_doc, 0, 0, NULL},
	        {"bad.spdx.json", "{" CTX ",\n\"@graph\":[{\"type\":\"software_Package\"}]}", 0, 0,
	                NULL}};
	made a = make(ARCHIVE_FORMAT_ZIP, ARCHIVE_FILTER_NONE, only_index, 2);
	made b = make(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FILTER_XZ, bad_doc, 2);
	made c = {malloc(64), 64};
	cvg_inventory *inv = NULL;
	(void)state;

	assert_int_equal(parse(&inv, &a, NULL, 0, NULL), CVG_EPARSE);
	assert_string_equal(cvg_error_last(),
	        "img.spdx.tar: no SBOM document in this archive (1 .json files, none SPDX or "
	        "CycloneDX JSON)");
	/* a document's error names the member and its line */
	assert_int_equal(parse(&inv, &b, NULL, 0, NULL), CVG_EPARSE);
	assert_string_equal(cvg_error_last(),
	        "img.spdx.tar!bad.spdx.json:2: software_Package: expected a \"name\"");
	/* gzip magic, then garbage */
	assert_non_null(c.ptr);
	memset(c.ptr, 'x', c.len);
	memcpy(c.ptr, "\x1f\x8b", 2);
	assert_int_equal(parse(&inv, &c, NULL, 0, NULL), CVG_EPARSE);
	assert_memory_equal(
	        cvg_error_last(), "img.spdx.tar: not a readable tar or zip archive: ", 49);
	/* magic numbers only at their places; text is never an archive */
	assert_false(cvg__inv_is_archive("ustar", 5));
	assert_false(cvg__inv_is_archive("PK\x03", 3));
	free(a.ptr);
	free(b.ptr);
	free(c.ptr);
}

/* ---- Directories ---- */

static void write_file(const char *dir, const char *rel, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	assert_non_null(f = fopen(path, "w"));
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

static void test_directory(void **state)
{
	char dir[] = "/tmp/cvg_test_docs_XXXXXX";
	char sub[600], link[600], expect[1024];
	cvg_inventory *inv = NULL;
	warnings w = {0};
	(void)state;

	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/sub", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	write_file(dir, "busybox.spdx.json", busybox_doc);
	write_file(dir, "sub/zlib.spdx.json", zlib_doc);
	write_file(dir, "index.json", index_doc);
	write_file(dir, ".hidden.json", "\1");
	write_file(dir, "notes.txt", "x");
	snprintf(link, sizeof(link), "%s/by-namespace.spdx.json", dir);
	assert_int_equal(symlink("busybox.spdx.json", link), 0);

	assert_int_equal(cvg_inventory_load(&inv, dir, NULL, 0, collect, &w), 0);
	assert_two(inv, dir, '/');
	assert_int_equal(w.n, 1);
	snprintf(expect, sizeof(expect),
	        "%s: 1 symlinks, hard links or special files skipped (the first: "
	        "'by-namespace.spdx.json')",
	        dir);
	assert_string_equal(w.msg[0], expect);
	cvg_inventory_free(inv);
	assert_int_equal(cvg_inventory_load(&inv, dir, "spdx3", 0, NULL, NULL), 0);
	assert_int_equal(inv->npackages, 2);
	cvg_inventory_free(inv);
	/* only swid and document formats read directories */
	assert_int_equal(cvg_inventory_load(&inv, dir, "dpkg", 0, NULL, NULL), CVG_EINVAL);

	/* no documents */
	unlink(link);
	snprintf(link, sizeof(link), "%s/busybox.spdx.json", dir);
	unlink(link);
	snprintf(link, sizeof(link), "%s/sub/zlib.spdx.json", dir);
	unlink(link);
	assert_int_equal(cvg_inventory_load(&inv, dir, NULL, 0, NULL, NULL), CVG_EPARSE);
	snprintf(expect, sizeof(expect),
	        "%s: no SBOM document in this directory (1 .json files, none SPDX or CycloneDX "
	        "JSON)",
	        dir);
	assert_string_equal(cvg_error_last(), expect);

	/* the byte limit over the files together: two sparse 40 MiB files */
	for (int i = 0; i < 2; i++) {
		int fd;
		snprintf(link, sizeof(link), "%s/sub/big%d.json", dir, i);
		assert_true((fd = open(link, O_WRONLY | O_CREAT, 0644)) >= 0);
		assert_int_equal(ftruncate(fd, 40 << 20), 0);
		close(fd);
	}
	w.n = 0;
	assert_int_equal(cvg_inventory_load(&inv, dir, NULL, CVG_INVENTORY_LENIENT, collect, &w),
	        CVG_ELIMIT);
	snprintf(expect, sizeof(expect),
	        "%s: the members together are larger than the limit of 67108864 bytes (at "
	        "'sub/big1.json')",
	        dir);
	assert_string_equal(cvg_error_last(), expect);
	assert_int_equal(w.n, 1); /* big0.json: NUL bytes */

	for (int i = 0; i < 2; i++) {
		snprintf(link, sizeof(link), "%s/sub/big%d.json", dir, i);
		unlink(link);
	}
	for (const char *const *f =
	                (const char *const[]){"index.json", ".hidden.json", "notes.txt", NULL};
	        *f; f++) {
		snprintf(link, sizeof(link), "%s/%s", dir, *f);
		unlink(link);
	}
	rmdir(sub);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_containers),
	        cmocka_unit_test(test_load_file),
	        cmocka_unit_test(test_refused_paths),
	        cmocka_unit_test(test_bomb),
	        cmocka_unit_test(test_member_limit),
	        cmocka_unit_test(test_skipped_members),
	        cmocka_unit_test(test_errors),
	        cmocka_unit_test(test_directory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
