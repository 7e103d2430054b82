/*
 * fuzz/fuzz_inventory_rpm.c - the rpm inventory reader on arbitrary bytes.
 *
 * Each input is read strictly, leniently (every problem a warning), and by
 * auto-detection, through the parse-from-memory entry point, so the format
 * reader, the shared line helpers and the detector all see hostile input.
 */
#include <stddef.h>
#include <stdint.h>

#include "lib/inventory/inventory_internal.h"

static void drop(const char *message, void *payload)
{
	(void)message;
	(void)payload;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cvg_inventory *inv = NULL;

	if (cvg__inventory_parse(&inv, (const char *)data, size, "fuzz", "rpm", 0, drop, NULL) == 0)
		cvg_inventory_free(inv);
	if (cvg__inventory_parse(&inv, (const char *)data, size, "fuzz", "rpm",
	            CVG_INVENTORY_LENIENT, drop, NULL) == 0)
		cvg_inventory_free(inv);
	if (cvg__inventory_parse(&inv, (const char *)data, size, "fuzz", "auto",
	            CVG_INVENTORY_LENIENT, drop, NULL) == 0)
		cvg_inventory_free(inv);
	return 0;
}
