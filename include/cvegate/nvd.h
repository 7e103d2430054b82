/*
 * cvegate/nvd.h - streaming reader for NVD vulnerability data.
 *
 * Reads NVD JSON 1.1 feeds (CVE_Items), NVD 2.0 feeds and API 2.0 `cves`
 * pages (vulnerabilities[].cve), plain or gzip, detected from content, and
 * hands each record to a callback as soon as it is complete. Memory stays
 * bounded by the limits below whatever the file size. Unknown keys are
 * ignored. When NAME.meta sits beside NAME.json[.gz], the sha256 and size it
 * lists for the uncompressed JSON are checked in the same pass.
 */
#ifndef CVEGATE_NVD_H
#define CVEGATE_NVD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cvegate/cve.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cvg_nvd_limits {
	size_t max_token;  /* bytes of one string, key or number */
	size_t max_depth;  /* JSON nesting depth */
	size_t max_record; /* bytes of JSON making up one record */
} cvg_nvd_limits;

/* 1 MiB token, depth 64, 64 MiB record (docs/limits.md). A field left 0
 * takes its default. */
#define CVG_NVD_LIMITS_DEFAULT                                                                     \
	{                                                                                          \
		1u << 20, 64, 64u << 20                                                            \
	}

typedef enum cvg_nvd_format {
	CVG_NVD_UNKNOWN = 0,
	CVG_NVD_11 = 11, /* JSON 1.1 feed */
	CVG_NVD_20 = 20, /* JSON 2.0 feed or API page */
} cvg_nvd_format;

typedef struct cvg_nvd_file_info {
	cvg_nvd_format format;
	char timestamp[40];  /* CVE_data_timestamp / timestamp, "" if none */
	size_t records;      /* records handed to the callback */
	uint64_t json_bytes; /* uncompressed bytes read */
	bool verified;       /* a .meta was found and matched */
} cvg_nvd_file_info;

/*
 * Called once per record. The callback owns `cve` (free it with
 * cvg_cve_free). A negative return stops the reader, which returns it.
 */
typedef int (*cvg_nvd_record_fn)(cvg_cve *cve, void *payload);

/*
 * Read one file. `limits` NULL means the defaults. Errors: CVG_EIO,
 * CVG_EPARSE (message names the file and the record id or byte offset),
 * CVG_ELIMIT, CVG_EVERIFY (.meta mismatch), CVG_ENOMEM, or the callback's.
 * Records delivered before an error stay delivered: the caller rolls back.
 */
int cvg_nvd_read_file(const char *path, const cvg_nvd_limits *limits, cvg_nvd_record_fn fn,
        void *payload, cvg_nvd_file_info *info);

/* The same for a buffer of uncompressed JSON; `name` is used in messages. */
int cvg_nvd_read_mem(const char *name, const char *data, size_t len, const cvg_nvd_limits *limits,
        cvg_nvd_record_fn fn, void *payload, cvg_nvd_file_info *info);

#ifdef __cplusplus
}
#endif
#endif
