/* fuzz/fuzz_spdx.c - the spdx inventory reader (SPDX 2.x JSON) on arbitrary bytes
 * (inventory_fuzz.h). */
#include "inventory_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_inventory(data, size, "spdx");
}
