/*
 * lib/report/csv.c - scan results as CSV: a header row, then one row per
 * finding, for spreadsheets and quick scripts.
 *
 * RFC 4180: CRLF line ends, every row with the header's 21 fields (22 with
 * an `inventory` column last when the report covers several inventories), fields
 * quoted only when they must be. All quoting goes through quote.c, which
 * sanitises first and puts an apostrophe before a formula-leading cell, so
 * a package name or a reason like "=HYPERLINK(...)" stays text when the
 * file is opened in a spreadsheet (docs/reports.md#csv). Columns are listed
 * in the same document; new columns are only ever added at the end.
 *
 * The whole file is built in memory and written in one piece.
 */
#include <assert.h>
#include <stdio.h>

#include "cvegate/report.h"
#include "lib/report/quote.h"
#include "lib/report/report_internal.h"
#include "util/buf.h"
#include "util/error.h"

/* The whole CSV document stays below this (800 packages take about 1 MiB). */
#define CSV_MAX (256u << 20)

static const char *const columns[] = {"package", "version", "packages", "file", "line",
        "identified", "cve", "status", "failing", "severity", "score", "cvss_version", "vector",
        "score_source", "cwe", "match", "criterion", "condition", "ignore_reason", "published",
        "description"};

#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

typedef struct csv {
	cvg_buf out;
	cvg_buf tmp; /* a cell assembled from parts */
	int error;
	size_t col;      /* cells written in the current row */
	size_t ncolumns; /* NCOLUMNS, and one more (inventory) for several inventories */
} csv;

static void cell(csv *w, const char *s)
{
	if (w->error)
		return;
	if (w->col++ > 0 && (w->error = cvg__buf_putc(&w->out, ',')) < 0)
		return;
	w->error = cvg__quote_csv(&w->out, s);
}

static void end_row(csv *w)
{
	assert(w->error || w->col == w->ncolumns);
	if (w->error == 0)
		w->error = cvg__buf_put(&w->out, "\r\n", 2);
	w->col = 0;
}

/* Start assembling a cell in w->tmp. */
static void tmp_clear(csv *w)
{
	cvg__buf_clear(&w->tmp);
}

static void tmp_add(csv *w, const char *s)
{
	if (w->error == 0 && s)
		w->error = cvg__buf_puts(&w->tmp, s);
}

static const char *tmp(csv *w)
{
	return w->tmp.ptr ? w->tmp.ptr : "";
}

/* A finding's row; `inventory` is the last cell when there are several. */
static void row(csv *w, const cvg_scan_result *res, const cvg_finding *f, const char *inventory)
{
	const cvg_component *c = &res->components[f->component];
	const cvg_metric *m = f->metric;
	const cvg_cve *cve = f->cve;
	char num[32];
	size_t i;

	cell(w, c->name);
	cell(w, c->version);
	tmp_clear(w);
	for (i = 0; i < c->npackages; i++) {
		tmp_add(w, i ? " " : "");
		tmp_add(w, c->packages[i]);
	}
	cell(w, tmp(w));
	cell(w, c->file);
	num[0] = '\0';
	if (c->line > 0)
		snprintf(num, sizeof(num), "%zu", c->line);
	cell(w, num);
	cell(w, cvg_component_identified(c));
	cell(w, cve->id);
	cell(w, cvg_finding_status(f));
	cell(w, f->failing ? "true" : "false");
	cell(w, cvg__report_severity_name(cvg__report_severity(m)));
	cell(w, m ? m->score : NULL);
	cell(w, m ? cvg_cvss_version_name(m->version) : NULL);
	cell(w, m ? m->vector : NULL);
	tmp_clear(w);
	if (m) {
		tmp_add(w, m->source ? m->source : "NVD");
		tmp_add(w, " ");
		tmp_add(w, m->type ? m->type : "Primary");
	}
	cell(w, tmp(w));
	tmp_clear(w);
	for (i = 0; i < cve->nweaknesses; i++) {
		tmp_add(w, i ? " " : "");
		tmp_add(w, cve->weaknesses[i].cwe);
	}
	cell(w, tmp(w));
	cell(w, cvg_match_kind_name(f->kind));
	cell(w, f->criterion);
	cell(w, f->conditional ? f->condition : NULL);
	cell(w, f->ignored ? f->ignored->reason : NULL);
	cell(w, cve->published);
	cell(w, cve->description);
	if (w->ncolumns > NCOLUMNS)
		cell(w, inventory);
	end_row(w);
}

int cvg_report_write_csv(
        FILE *fp, const cvg_report_suite *suites, size_t nsuites, const cvg_report_info *info)
{
	csv w = {CVG_BUF_INIT(CSV_MAX), CVG_BUF_INIT(CSV_MAX), 0, 0, NCOLUMNS};
	cvg_buf label = CVG_BUF_INIT(CSV_MAX);
	size_t i;

	assert(fp != NULL && suites != NULL && nsuites > 0 && info != NULL);
	(void)info;
	if (nsuites > 1)
		w.ncolumns = NCOLUMNS + 1;
	for (i = 0; i < NCOLUMNS; i++)
		cell(&w, columns[i]);
	if (nsuites > 1)
		cell(&w, "inventory");
	end_row(&w);
	for (size_t s = 0; s < nsuites && w.error == 0; s++) {
		const cvg_scan_result *res = suites[s].res;
		if (nsuites > 1 &&
		        (w.error = cvg__report_suite_label(&label, suites, nsuites, s)) < 0)
			break;
		for (i = 0; i < res->nfindings && w.error == 0; i++) {
			assert(res->findings[i].component < res->ncomponents);
			row(&w, res, &res->findings[i], label.ptr);
		}
	}
	if (w.error == 0)
		w.error = cvg__report_write_all(fp, w.out.ptr ? w.out.ptr : "", w.out.len);
	cvg__buf_dispose(&w.out);
	cvg__buf_dispose(&w.tmp);
	cvg__buf_dispose(&label);
	return w.error;
}
