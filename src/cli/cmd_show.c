/*
 * cli/cmd_show.c - `cvegate show CVE-ID`: one stored record, readable.
 *
 * Configurations are printed as the logic they express ("ALL of", "ANY
 * of", "NOT"), vulnerable criteria apart from the platforms they depend
 * on. Text from the feed is printed with control characters escaped, so a
 * hostile description cannot drive the terminal.
 *
 * The CVE List v5 record (when the database holds one) follows the NVD
 * part: its metadata, then each container (CNA, ADPs) with its affected
 * entries and version ranges, CPE applicability, scores and KEV entries. A
 * CVE only the CVE List knows shows just that part.
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

/* ---- The CVE List record ---- */

static void put_safe(const char *s)
{
	cli_put_safe(stdout, s ? s : "-", true);
}

static void print_versions(const cvg_cve5_affected *a)
{
	for (size_t i = 0; i < a->nversions; i++) {
		const cvg_cve5_version *v = &a->versions[i];
		printf("      ");
		if (v->less_than || v->less_than_or_equal) {
			put_safe(v->version);
			printf(" <= V %s ", v->less_than ? "<" : "<=");
			put_safe(v->less_than ? v->less_than : v->less_than_or_equal);
		} else {
			printf("V = ");
			put_safe(v->version);
		}
		if (v->version_type) {
			printf(" (");
			put_safe(v->version_type);
			printf(")");
		}
		printf(": %s\n", cvg_cve5_status_name(v->status));
		for (size_t j = 0; j < v->nchanges; j++) {
			printf("        from ");
			put_safe(v->changes[j].at);
			printf(": %s\n", cvg_cve5_status_name(v->changes[j].status));
		}
	}
}

static void print_affected(const cvg_cve5_affected *a)
{
	printf("    Affected  ");
	if (a->vendor) {
		printf("vendor ");
		put_safe(a->vendor);
		putchar(' ');
	}
	if (a->product) {
		printf("product ");
		put_safe(a->product);
		putchar(' ');
	}
	if (a->package_name) {
		printf("package ");
		put_safe(a->package_name);
		putchar(' ');
	}
	printf("(default %s)\n", a->default_status == CVG_CVE5_NONE
	                                 ? "unknown: none given"
	                                 : cvg_cve5_status_name(a->default_status));
	if (a->collection_url)
		printf("      collection "), put_safe(a->collection_url), putchar('\n');
	if (a->repo)
		printf("      repo "), put_safe(a->repo), putchar('\n');
	for (size_t i = 0; i < a->ncpes; i++)
		printf("      cpe "), put_safe(a->cpes[i]), putchar('\n');
	print_versions(a);
}

static void print_container(const cvg_cve5 *r, size_t c)
{
	const cvg_cve5_container *ct = &r->containers[c];
	size_t i, n;

	printf("  %s ", ct->adp ? "ADP" : "CNA");
	put_safe(cvg_cve5_container_name(r, c));
	if (ct->date_updated)
		printf(" (updated "), put_safe(ct->date_updated), printf(")");
	putchar('\n');
	if (ct->adp && ct->title)
		printf("    Title     "), put_safe(ct->title), putchar('\n');
	for (i = 0; i < r->naffected; i++)
		if (r->affected[i].container == c)
			print_affected(&r->affected[i]);
	for (i = 0, n = 0; i < r->nconfigs; i++) {
		const cvg_config *cfg = &r->configs[i].config;
		if (r->configs[i].container != c)
			continue;
		if (n == 0)
			printf("    CPE applicability\n");
		printf("      %zu. %s\n", ++n, quantifier(cfg->op, cfg->negate));
		for (size_t k = 0; k < cfg->nnodes; k++) {
			const cvg_node *node = &cfg->nodes[k];
			printf("        %s\n", quantifier(node->op, node->negate));
			for (size_t m = 0; m < node->nmatches; m++) {
				printf("    ");
				print_match(&node->matches[m]);
			}
		}
	}
	for (i = 0; i < r->nmetrics; i++) {
		const cvg_metric *m = &r->metrics[i].metric;
		if (r->metrics[i].container != c)
			continue;
		printf("    Score     CVSS %s %s %s ", cvg_cvss_version_name(m->version),
		        m->score ? m->score : "-", m->severity ? m->severity : "-");
		put_safe(m->vector);
		printf(" (");
		put_safe(m->source);
		printf(", ");
		put_safe(m->type);
		printf(")\n");
	}
	for (i = 0; i < r->ncwes; i++)
		if (r->cwes[i].container == c)
			printf("    Weakness  "), put_safe(r->cwes[i].cwe), putchar('\n');
	for (i = 0; i < r->nkevs; i++) {
		if (r->kevs[i].container != c)
			continue;
		printf("    KEV       added ");
		put_safe(r->kevs[i].date_added);
		if (r->kevs[i].reference)
			printf(" "), put_safe(r->kevs[i].reference);
		putchar('\n');
	}
}

static void print_cve5(const cvg_cve5 *r, bool after_nvd)
{
	if (after_nvd)
		printf("\nCVE List record\n");
	field("CVE", r->id);
	field("State", r->rejected ? "REJECTED" : "PUBLISHED");
	if (r->assigner || r->assigner_org_id) {
		printf("%-12s ", "Assigner");
		put_safe(r->assigner ? r->assigner : r->assigner_org_id);
		if (r->assigner && r->assigner_org_id)
			printf(" ("), put_safe(r->assigner_org_id), printf(")");
		putchar('\n');
	}
	field("Published", r->date_published);
	field("Updated", r->date_updated);
	field("Format", r->data_version);
	field("Title", r->title);
	printf("Description\n  ");
	cli_put_safe(stdout, r->description ? r->description : "(none)", true);
	printf("\nContainers\n");
	for (size_t c = 0; c < r->ncontainers; c++)
		print_container(r, c);
	printf("CVE List     https://www.cve.org/CVERecord?id=");
	cli_put_safe(stdout, r->id, true);
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
	cvg_cve5 *rec = NULL;
	bool nvd_rejected = false, cve5_rejected = false;
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
	if ((error = cvg_db_open(&db, path, CVG_DB_READONLY)) < 0)
		goto fail;
	/* the NVD lookup last, so its message is the one left when neither has it */
	if ((error = cvg_db_lookup_cve5(&rec, &cve5_rejected, db, argv[optind])) < 0 &&
	        error != CVG_ENOTFOUND)
		goto fail;
	if ((error = cvg_db_lookup_cve(&cve, &nvd_rejected, db, argv[optind])) < 0 &&
	        error != CVG_ENOTFOUND)
		goto fail;
	if (cve == NULL && rec == NULL) {
		if (cve5_rejected && !nvd_rejected) /* say where the rejection comes from */
			error = cvg_db_lookup_cve5(&rec, NULL, db, argv[optind]);
		goto fail;
	}
	if (cve)
		print_record(cve);
	if (rec)
		print_cve5(rec, cve != NULL);
	else if (cve5_rejected)
		printf("\nCVE List     REJECTED\n");
	status = cli_close_stdout();
	goto done;
fail:
	status = cli_fail(error);
done:
	cvg_cve5_free(rec);
	cvg_cve_free(cve);
	cvg_db_close(db);
	free(path);
	return status;
}
