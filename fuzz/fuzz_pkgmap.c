/*
 * fuzz/fuzz_pkgmap.c - libFuzzer target for the user map file parser.
 *
 * The input is handed to cvg__pkgmap_load_buffer() (the in-memory form of
 * cvg_pkgmap_load, so no temp files); then every name of a few fixed probes
 * and the first line of the input are looked up, so entries the parser
 * built are read back through the public API. The input also feeds the
 * binary -> source rules and the auxiliary test, which take any string.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cvegate/pkgmap.h"
#include "lib/pkgmap_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void probe(const cvg_pkgmap *map, const char *name)
{
	const cvg_product *p = NULL;
	size_t n = 0;
	cvg_pkgmap_origin from = CVG_PKGMAP_NAME;

	if (cvg_pkgmap_lookup(&p, &n, &from, map, name) != 0 || n == 0 || p == NULL)
		abort();
	for (size_t i = 0; i < n; i++)
		if (p[i].product == NULL || (p[i].vendor != NULL && p[i].vendor[0] == '\0'))
			abort();
	(void)cvg_pkgmap_source_name(map, name);
	(void)cvg_pkgmap_is_auxiliary(name);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cvg_pkgmap *map = NULL;
	char *name = NULL;
	size_t n = 0;

	if (cvg_pkgmap_new(&map) != 0)
		return 0;
	(void)cvg__pkgmap_load_buffer(map, (const char *)data, size, "fuzz.map");
	/* The first token of the input, as a name. */
	while (n < size && n < 256 && data[n] != ' ' && data[n] != '\t' && data[n] != '\n' &&
	        data[n] != '\0')
		n++;
	if ((name = malloc(n + 1)) != NULL) {
		memcpy(name, data, n);
		name[n] = '\0';
		probe(map, name);
	}
	probe(map, "openssl");
	probe(map, "libc6");
	probe(map, "hello");
	free(name);
	cvg_pkgmap_free(map);
	return 0;
}
