/*
 * cli/cmd_show.c - `cvegate show CVE-ID`: one stored record, readable.
 *
 * Configurations are printed as the logic they express ("ALL of", "ANY
 * of", "NOT"), vulnerable criteria apart from the platforms they depend
 * on. Text from the feed is printed with control characters escaped, so a
 * hostile description cannot drive the terminal.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cvegate/db.h"
#include "cvegate/error.h"

static void field(const char *label, const char *value)
{
	if (value == NULL)
		return;
	printf("%-12s ", label);
	cli_put_safe(stdout, value, true);
	putchar('\n');
}

static void print_match(const cvg_cpe_match *m)
{
	printf("      %s ", m->vulnerable ? "vulnerable: " : "platform:   ");
	cli_put_safe(stdout, m->criteria, true);
	if (m->start_incl)
		printf(" from "), cli_put_safe(stdout, m->start_incl, true), printf(" (including)");
	if (m->start_excl)
		printf(" from "), cli_put_safe(stdout, m->start_excl, true), printf(" (excluding)");
	if (m->end_incl)
		printf(" up to "), cli_put_safe(stdout, m->end_incl, true), printf(" (including)");
	if (m->end_excl)
		printf(" up to "), cli_put_safe(stdout, m->end_excl, true), printf(" (excluding)");
	putchar('\n');
}

static const char *quantifier(cvg_op op, bool negate)
{
	if (negate)
		return op == CVG_OP_AND ? "NOT ALL of" : "NONE of";
	return op == CVG_OP_AND ? "ALL of" : "ANY of";
}

static void print_record(const cvg_cve *cve)
{
	field("CVE", cve->id);
	field("Status", cve->status ? cve->status : "(NVD 1.1 data: no status)");
	field("Published", cve->published);
	field("Modified", cve->last_modified);
	field("Source", cve->source_id);
	for (size_t i = 0; i < cve->nmetrics; i++) {
		const cvg_metric *m = &cve->metrics[i];
		printf("%-12s CVSS %s %s %s ", i ? "" : "Scores", cvg_cvss_version_name(m->version),
		        m->score ? m->score : "-", m->severity ? m->severity : "-");
		cli_put_safe(stdout, m->vector, true);
		printf(" (");
		cli_put_safe(stdout, m->source ? m->source : "NVD", true);
		printf(", ");
		cli_put_safe(stdout, m->type ? m->type : "Primary", true);
		printf(")\n");
	}
	for (size_t i = 0; i < cve->nweaknesses; i++)
		field(i ? "" : "Weakness", cve->weaknesses[i].cwe);
	if (cve->kev_added) {
		field("KEV added", cve->kev_added);
		field("KEV due", cve->kev_due);
		field("KEV action", cve->kev_action);
		field("KEV name", cve->kev_name);
	}
	printf("Description\n  ");
	cli_put_safe(stdout, cve->description ? cve->description : "(none)", true);
	printf("\nConfigurations%s\n", cve->nconfigs ? "" : " (none: the NVD has not analysed it)");
	for (size_t c = 0; c < cve->nconfigs; c++) {
		const cvg_config *cfg = &cve->configs[c];
		printf("  %zu. %s\n", c + 1, quantifier(cfg->op, cfg->negate));
		for (size_t n = 0; n < cfg->nnodes; n++) {
			const cvg_node *node = &cfg->nodes[n];
			printf("    %s\n", quantifier(node->op, node->negate));
			for (size_t m = 0; m < node->nmatches; m++)
				print_match(&node->matches[m]);
		}
	}
	if (cve->nreferences)
		printf("References\n");
	for (size_t i = 0; i < cve->nreferences; i++) {
		printf("  ");
		cli_put_safe(stdout, cve->references[i].url, true);
		if (cve->references[i].tags) {
			printf(" [");
			cli_put_safe(stdout, cve->references[i].tags, true);
			printf("]");
		}
		putchar('\n');
	}
	printf("NVD          https://nvd.nist.gov/vuln/detail/");
	cli_put_safe(stdout, cve->id, true);
	putchar('\n');
}

int cmd_show(int argc, char **argv)
{
	static const struct option options[] = {
	        {"db", required_argument, NULL, 'd'},
	        {NULL, 0, NULL, 0},
	};
	const char *opt_db = NULL;
	char *path = NULL;
	cvg_db *db = NULL;
	cvg_cve *cve = NULL;
	int c, error, status;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+", options, NULL)) != -1) {
		if (c != 'd') {
			cli_error("show: unknown option or missing value: '%s'", argv[optind - 1]);
			return CVG_EXIT_USAGE;
		}
		opt_db = optarg;
	}
	if (optind + 1 != argc) {
		cli_error("usage: cvegate show [--db DB] CVE-ID");
		return CVG_EXIT_USAGE;
	}
	if ((path = cli_db_path(opt_db)) == NULL)
		return CVG_EXIT_USAGE;
	if ((error = cvg_db_open(&db, path, CVG_DB_READONLY)) < 0 ||
	        (error = cvg_db_lookup_cve(&cve, NULL, db, argv[optind])) < 0) {
		status = cli_fail(error);
		goto done;
	}
	print_record(cve);
	status = cli_close_stdout();
done:
	cvg_cve_free(cve);
	cvg_db_close(db);
	free(path);
	return status;
}
