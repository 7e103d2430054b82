/*
 * fuzz/fuzz_archive.c - SBOM archives (tar, zip, through gzip, zstd or xz)
 * on arbitrary bytes. The parse-from-memory entry point sends anything
 * with an archive's magic number to archive.c, so the seeds are archives
 * and the fuzzer mutates headers, member names, sizes and compressed data
 * (inventory_fuzz.h reads each input strictly, leniently and by
 * auto-detection).
 */
#include "inventory_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_inventory(data, size, "spdx3");
}
