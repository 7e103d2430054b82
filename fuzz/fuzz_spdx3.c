/* fuzz/fuzz_spdx3.c - the SPDX 3.0 JSON-LD reader on arbitrary bytes (inventory_fuzz.h). */
#include "inventory_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_inventory(data, size, "spdx3");
}
