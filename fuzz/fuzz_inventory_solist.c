/* fuzz/fuzz_inventory_solist.c - the solist inventory reader on arbitrary bytes (inventory_fuzz.h).
 */
#include "inventory_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_inventory(data, size, "solist");
}
