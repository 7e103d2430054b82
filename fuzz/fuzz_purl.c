/*
 * fuzz/fuzz_purl.c - libFuzzer target for the purl parser (lib/purl.c).
 *
 * Parses the input as a purl and checks what any accepted purl must hold:
 * a lower-case type and a non-empty name, no control byte in any part, and
 * qualifier lookups that find each stored key.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cvegate/purl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_part(const char *s)
{
	for (; s && *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cvg_purl u;

	if (cvg_purl_parse(&u, (const char *)data, size) != 0)
		return 0;
	if (u.type == NULL || u.name == NULL || u.name[0] == '\0')
		abort();
	for (const char *t = u.type; *t; t++)
		if (*t >= 'A' && *t <= 'Z')
			abort();
	check_part(u.namespace_);
	check_part(u.name);
	check_part(u.version);
	check_part(u.subpath);
	for (size_t i = 0; i < u.nqualifiers; i++) {
		check_part(u.qualifiers[i].key);
		check_part(u.qualifiers[i].value);
		if (cvg_purl_qualifier_get(&u, u.qualifiers[i].key) == NULL)
			abort();
	}
	cvg_purl_dispose(&u);
	return 0;
}
