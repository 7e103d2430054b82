/*
 * cli/cmd_inventory.c - `cvegate inventory [-f FORMAT] [--lenient] LIST`:
 * what cvegate reads from a package list or SBOM, without a database.
 *
 * One tab-separated line per package, in list order, so a user can check
 * that their SBOM was read completely and how each entry identifies itself
 * before trusting a clean scan; the tests use it for package counts. The
 * columns are fixed (docs/usage.md). Text from the list is written through
 * cli_put_safe(), and a tab inside a field is written as \x09 too, so a
 * field never splits.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cvegate/inventory.h"

static const char inventory_usage[] =
        "usage: cvegate inventory [-f FORMAT] [--lenient] LIST\n"
        "Prints one line per package read from LIST, tab-separated:\n"
        "  FILE:LINE NAME VERSION SCHEME IDENTITY PRODUCTS SOURCE DISTRO\n";

static const char *ident_name(cvg_ident ident)
{
	switch (ident) {
	case CVG_IDENT_CPE:
		return "cpe";
	case CVG_IDENT_PURL:
		return "purl";
	case CVG_IDENT_NAME:
		break;
	}
	return "name";
}

static void put_or_dash(const char *s)
{
	cli_put_safe(stdout, s && *s ? s : "-", false);
}

static void print_package(const cvg_package *p)
{
	put_or_dash(p->file);
	printf(":%zu\t", p->line);
	put_or_dash(p->name);
	putchar('\t');
	put_or_dash(p->cpe_version ? p->cpe_version : p->version);
	printf("\t%s\t%s\t", p->cpe_version ? "upstream" : cvg_version_scheme_name(p->scheme),
	        ident_name(p->ident));
	for (size_t i = 0; i < p->ncpes; i++) {
		fputs(i ? " " : "", stdout);
		cli_put_safe(stdout, p->cpes[i].vendor ? p->cpes[i].vendor : "*", false);
		putchar(':');
		cli_put_safe(stdout, p->cpes[i].product, false);
	}
	if (p->ncpes == 0)
		putchar('-');
	putchar('\t');
	put_or_dash(p->source);
	if (p->source_version) {
		putchar(' ');
		cli_put_safe(stdout, p->source_version, false);
	}
	printf("\t%s\n", p->distro ? "distro" : "-");
}

int cmd_inventory(int argc, char **argv)
{
	static const struct option options[] = {
	        {"format", required_argument, NULL, 'f'},
	        {"lenient", no_argument, NULL, 'l'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	const char *format = "auto";
	unsigned flags = 0;
	cvg_inventory *inv = NULL;
	int c, error;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:h", options, NULL)) != -1) {
		if (c == 'f') {
			format = optarg;
		} else if (c == 'l') {
			flags |= CVG_INVENTORY_LENIENT;
		} else {
			if (c != 'h')
				cli_error("inventory: unknown option or missing value: '%s'",
				        argv[optind - 1]);
			fputs(inventory_usage, c == 'h' ? stdout : stderr);
			return c == 'h' ? cli_close_stdout() : CVG_EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		cli_error("inventory: expected one LIST, found %d arguments", argc - optind);
		fputs(inventory_usage, stderr);
		return CVG_EXIT_USAGE;
	}
	if ((error = cvg_inventory_load(&inv, argv[optind], format, flags, cli_warn, NULL)) < 0)
		return cli_fail(error);
	for (size_t i = 0; i < inv->npackages; i++)
		print_package(&inv->packages[i]);
	fprintf(stderr, "cvegate: %zu package%s read as %s\n", inv->npackages,
	        inv->npackages == 1 ? "" : "s", inv->format);
	cvg_inventory_free(inv);
	return cli_close_stdout();
}
