/*
 * lib/nvd_meta.h - the NVD feed .meta sidecar (library-internal).
 *
 * NAME.meta beside NAME.json[.gz] holds CRLF-terminated key:value lines:
 * lastModifiedDate, size, zipSize, gzSize and sha256 (uppercase hex of the
 * uncompressed JSON).
 */
#ifndef CVG_LIB_NVD_META_H
#define CVG_LIB_NVD_META_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A .meta larger than this is refused (real ones are about 165 bytes). */
#define CVG_NVD_META_MAX 4096

typedef struct cvg__nvd_meta {
	char sha256[65]; /* lowercase hex */
	bool has_size;
	uint64_t size; /* uncompressed JSON bytes */
	bool has_gz_size;
	uint64_t gz_size;       /* bytes of the .json.gz */
	char last_modified[40]; /* lastModifiedDate as written, or "" */
} cvg__nvd_meta;

/*
 * The sidecar path for a feed path ending in .json.gz or .json, as a new
 * string in *out; *out is NULL for other names. Returns 0 or CVG_ENOMEM.
 */
int cvg__nvd_meta_path(char **out, const char *json_path);

/*
 * Parse the text of a .meta file; `name` is used in messages. sha256 is
 * required, size optional, unknown keys are ignored. Returns 0 or
 * CVG_EPARSE ("NAME:LINE: ...").
 */
int cvg__nvd_meta_parse(cvg__nvd_meta *out, const char *name, const char *data, size_t len);

/*
 * Read and parse meta_path. *found is false (and 0 returned) when the file
 * does not exist. Returns 0, CVG_EIO, CVG_ELIMIT (over CVG_NVD_META_MAX) or
 * CVG_EPARSE.
 */
int cvg__nvd_meta_load(cvg__nvd_meta *out, bool *found, const char *meta_path);

#endif
