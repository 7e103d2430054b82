/*
 * fuzz/inventory_fuzz.h - the body shared by the inventory fuzz targets.
 *
 * Each input is read strictly, leniently (every problem a warning), and by
 * auto-detection, through the parse-from-memory entry point, so the format
 * reader, the shared line helpers and the detector all see hostile input.
 */
#ifndef CVG_FUZZ_INVENTORY_FUZZ_H
#define CVG_FUZZ_INVENTORY_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "lib/inventory/inventory_internal.h"

static void drop(const char *message, void *payload)
{
	(void)message;
	(void)payload;
}

static int fuzz_inventory(const uint8_t *data, size_t size, const char *format)
{
	static const struct {
		const char *format;
		unsigned flags;
	} passes[] = {{NULL, 0}, {NULL, CVG_INVENTORY_LENIENT}, {"auto", CVG_INVENTORY_LENIENT}};
	cvg_inventory *inv = NULL;

	for (size_t i = 0; i < sizeof(passes) / sizeof(passes[0]); i++)
		if (cvg__inventory_parse(&inv, (const char *)data, size, "fuzz",
		            passes[i].format ? passes[i].format : format, passes[i].flags, drop,
		            NULL) == 0)
			cvg_inventory_free(inv);
	return 0;
}

#endif
