/*
 * cli/explain.c - `cvegate scan --explain NAME`: how one package was
 * grouped, identified and matched, criterion by criterion, so a user can
 * see why a CVE was or was not reported (docs/usage.md).
 *
 * Everything printed that came from outside (names, versions, criteria,
 * the inventory's own CPE or purl) passes through cli_put_safe(): control
 * characters are written as \xNN so an inventory cannot drive the terminal.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cvegate/scan.h"

static const char *finding_state(const cvg_finding *f)
{
	if (f->ignored)
		return "ignored";
	if (f->failing)
		return "failing";
	if (f->conditional)
		return "conditional (passes without --strict)";
	if (f->below_threshold)
		return "below the -a threshold";
	return "passing";
}

static void explain_component(FILE *fp, const cvg_scan_result *res, size_t ci)
{
	const cvg_component *c = &res->components[ci];
	size_t nfound = 0;

	fputs("component ", fp);
	cli_put_safe(fp, c->name, false);
	fputc(' ', fp);
	cli_put_safe(fp, c->version, false);
	if (c->file) {
		fputs(" (", fp);
		cli_put_safe(fp, c->file, false);
		if (c->line)
			fprintf(fp, ":%zu", c->line);
		fputc(')', fp);
	}
	fputs("\n  packages: ", fp);
	for (size_t i = 0; i < c->npackages; i++) {
		fputs(i ? ", " : "", fp);
		cli_put_safe(fp, c->packages[i], false);
	}
	fprintf(fp, "\n  version scheme: %s; compared as: ", cvg_version_scheme_name(c->scheme));
	cli_put_safe(fp,
	        c->upstream ? c->upstream : "(cannot be reduced: only any-version criteria)",
	        false);
	fputc('\n', fp);
	if (c->distro) {
		fputs("  distribution build ", fp);
		cli_put_safe(fp, c->distro_version, false);
		fputs(": a fix may be backported without changing the upstream version\n", fp);
	}
	if (c->auxiliary) {
		fputs("  not matched: only -dbg/-dev/-doc/-lic/-src/-ptest/locale packages\n", fp);
		return;
	}
	fprintf(fp, "  identified: %s", cvg_component_identified(c));
	if (c->ident_text) {
		fputs(" (", fp);
		cli_put_safe(fp, c->ident_text, false);
		fputc(')', fp);
	}
	fputs("\n  products looked up: ", fp);
	cli_put_safe(fp, c->products, false);
	fprintf(fp, "\n  criteria of these products in the database: %zu%s\n", c->nrows,
	        c->nrows ? "" : " (unmapped: no record names them; see --map in docs/mapping.md)");
	fprintf(fp, "  vulnerable criteria compared: %zu\n", c->ntried);
	for (size_t i = 0; i < c->ntried && i < CVG_SCAN_TRIED_MAX; i++) {
		fputs("    ", fp);
		cli_put_safe(fp, c->tried[i], false);
		fputc('\n', fp);
	}
	if (c->ntried > CVG_SCAN_TRIED_MAX)
		fprintf(fp, "    ... and %zu more\n", c->ntried - CVG_SCAN_TRIED_MAX);
	for (size_t i = 0; i < res->nfindings; i++)
		nfound += res->findings[i].component == ci;
	fprintf(fp, "  findings after evaluating the configurations: %zu\n", nfound);
	for (size_t i = 0; i < res->nfindings; i++) {
		const cvg_finding *f = &res->findings[i];
		if (f->component != ci)
			continue;
		fputs("    ", fp);
		cli_put_safe(fp, f->cve->id, false);
		fprintf(fp, ": %s, %s match", finding_state(f), cvg_match_kind_name(f->kind));
		if (f->condition) {
			fputs(", needs ", fp);
			cli_put_safe(fp, f->condition, false);
		}
		fputc('\n', fp);
	}
}

int cli_explain(FILE *fp, const cvg_scan_result *res, const char *name)
{
	size_t n = 0;

	for (size_t i = 0; i < res->ncomponents; i++) {
		if (!res->components[i].explained)
			continue;
		if (n++)
			fputc('\n', fp);
		explain_component(fp, res, i);
	}
	if (n == 0) {
		cli_error("--explain: no package or component named '%s' in the list", name);
		return CVG_EXIT_USAGE;
	}
	return CVG_EXIT_OK;
}
