/*
 * util/sha256.c - SHA-256 through OpenSSL EVP (never a home-made hash).
 *
 * EVP_sha256 picks the CPU's SHA extensions when present, so hashing the
 * 600 MB NVD year set costs a fraction of its decompression.
 */
#include <openssl/evp.h>
#include <stdlib.h>

#include "util/error.h"
#include "util/sha256.h"

struct cvg_sha256 {
	EVP_MD_CTX *ctx;
};

int cvg__sha256_new(cvg_sha256 **out)
{
	cvg_sha256 *h;

	*out = NULL;
	if ((h = calloc(1, sizeof(*h))) == NULL)
		return cvg__error_oom();
	if ((h->ctx = EVP_MD_CTX_new()) == NULL) {
		free(h);
		return cvg__error_oom();
	}
	if (EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL) != 1) {
		cvg__sha256_free(h);
		return cvg__error(CVG_ERROR, "sha256: EVP_DigestInit_ex failed");
	}
	*out = h;
	return 0;
}

int cvg__sha256_update(cvg_sha256 *h, const void *data, size_t len)
{
	if (len > 0 && EVP_DigestUpdate(h->ctx, data, len) != 1)
		return cvg__error(CVG_ERROR, "sha256: EVP_DigestUpdate failed");
	return 0;
}

int cvg__sha256_final_hex(cvg_sha256 *h, char hex[CVG_SHA256_HEX_LEN + 1])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	if (EVP_DigestFinal_ex(h->ctx, md, &n) != 1 || n != CVG_SHA256_HEX_LEN / 2)
		return cvg__error(CVG_ERROR, "sha256: EVP_DigestFinal_ex failed");
	for (i = 0; i < n; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[2 * n] = '\0';
	return 0;
}

void cvg__sha256_free(cvg_sha256 *h)
{
	if (h == NULL)
		return;
	EVP_MD_CTX_free(h->ctx);
	free(h);
}
