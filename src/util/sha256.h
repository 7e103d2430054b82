/*
 * util/sha256.h - incremental SHA-256 over OpenSSL's EVP interface.
 *
 * Used to check downloaded feeds against their .meta sidecar while they
 * are read, so the data passes through memory once.
 */
#ifndef CVG_UTIL_SHA256_H
#define CVG_UTIL_SHA256_H

#include <stddef.h>

#define CVG_SHA256_HEX_LEN 64

typedef struct cvg_sha256 cvg_sha256;

/* Start a digest. Returns 0, CVG_ENOMEM or CVG_ERROR (OpenSSL failed). */
int cvg__sha256_new(cvg_sha256 **out);

/* Hash len more bytes. Returns 0 or CVG_ERROR. */
int cvg__sha256_update(cvg_sha256 *h, const void *data, size_t len);

/* Finish and write 64 lowercase hex digits plus NUL into hex.
 * Returns 0 or CVG_ERROR. The context cannot be updated afterwards. */
int cvg__sha256_final_hex(cvg_sha256 *h, char hex[CVG_SHA256_HEX_LEN + 1]);

/* Free. Accepts NULL. */
void cvg__sha256_free(cvg_sha256 *h);

#endif
