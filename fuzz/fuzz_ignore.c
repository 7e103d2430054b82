/*
 * fuzz/fuzz_ignore.c - the ignore list parser on arbitrary bytes, then a
 * lookup of every entry it kept (which must find that very entry).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "lib/ignore_internal.h"

static void drop(const char *message, void *payload)
{
	(void)message;
	(void)payload;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cvg_ignore *ign = NULL;

	if (cvg__ignore_parse(&ign, (const char *)data, size, "fuzz", drop, NULL) < 0)
		return 0;
	for (size_t i = 0; i < ign->nentries; i++)
		if (cvg_ignore_lookup(ign, ign->entries[i].cve) != &ign->entries[i])
			abort();
	cvg_ignore_free(ign);
	return 0;
}
