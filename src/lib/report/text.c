/*
 * lib/report/text.c - a summary of scan results for a person at a terminal.
 *
 * Four parts: the findings, most severe first (severity, score, CVE,
 * package, what the gate made of it); counts per severity; counts per
 * package, worst first; coverage (unmapped components) and the verdict.
 * Several inventories give one such section each, then the totals.
 * The layout is described in docs/reports.md#text; it is for reading, and
 * programs should read the json format instead.
 *
 * Why it is built this way:
 *  - Every string from the inventory, the feeds or the ignore list goes
 *    through cvg__quote_term (quote.c): sanitised, then control characters,
 *    C1 controls and bidirectional overrides written as visible escapes, so
 *    a package called "\e]0;pwned\a" cannot retitle or clear the terminal.
 *  - Colours (ANSI SGR) only when info->color says so: the CLI sets it when
 *    the stream is a terminal and NO_COLOR (no-color.org) is unset. This
 *    file reads neither the environment nor the clock, so output is fixed
 *    by (result, info).
 *  - Severity is the CVSS v3 scale applied to the score of every version
 *    (report_internal.h), so the order matches the gate's view of severity.
 *  - The document is built in memory and written in one piece.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cvegate/report.h"
#include "lib/report/quote.h"
#include "lib/report/report_internal.h"
#include "util/buf.h"
#include "util/error.h"

/* The whole summary stays below this. */
#define TEXT_MAX (256u << 20)
/* The package column is at most this wide; longer names push the row. */
#define PKG_COL_MAX 40

/* ANSI SGR sequences (ECMA-48, 8.3.117) */
#define SGR_RESET "\033[0m"
#define SGR_BOLD "\033[1m"
#define SGR_DIM "\033[2m"

static const char *const sev_color[CVG__SEV_COUNT] = {
        "\033[35m",   /* UNSCORED: magenta */
        "",           /* NONE */
        "\033[36m",   /* LOW: cyan */
        "\033[33m",   /* MEDIUM: yellow */
        "\033[31m",   /* HIGH: red */
        "\033[1;31m", /* CRITICAL: bold red */
};

typedef struct text {
	cvg_buf out;
	int error;
	bool color;
} text;

/* ---- Output helpers with a sticky error ---- */

/* Our own text (no data from outside). */
static void put(text *w, const char *s)
{
	if (w->error == 0)
		w->error = cvg__buf_puts(&w->out, s);
}

static void put_num(text *w, size_t n)
{
	if (w->error == 0)
		w->error = cvg__buf_printf(&w->out, "%zu", n);
}

/* Text from outside: quoted for the terminal. Returns its display width. */
static size_t put_q(text *w, const char *s)
{
	size_t start = w->out.len;

	if (w->error == 0)
		w->error = cvg__quote_term(&w->out, s);
	return w->error ? 0 : cvg__quote_width(w->out.ptr + start, w->out.len - start);
}

static void pad(text *w, size_t used, size_t width)
{
	while (used++ < width && w->error == 0)
		w->error = cvg__buf_putc(&w->out, ' ');
}

static void color_on(text *w, const char *sgr)
{
	if (w->color && *sgr)
		put(w, sgr);
}

static void color_off(text *w, const char *sgr)
{
	if (w->color && *sgr)
		put(w, SGR_RESET);
}

/* A right-aligned number in a column of `width`. */
static void put_count(text *w, size_t n, size_t width)
{
	char num[32];
	size_t len = (size_t)snprintf(num, sizeof(num), "%zu", n);

	pad(w, len, width);
	put(w, num);
}

/* "name version" of a component, quoted; returns its width. */
static size_t put_component(text *w, const cvg_component *c)
{
	size_t n = put_q(w, c->name ? c->name : "?");

	put(w, " ");
	return n + 1 + put_q(w, c->version ? c->version : "?");
}

static size_t component_width(const cvg_component *c)
{
	/* an estimate before quoting: escapes only make it longer, and the
	 * column is capped anyway */
	return cvg__quote_width(c->name ? c->name : "?", strlen(c->name ? c->name : "?")) + 1 +
	       cvg__quote_width(
	               c->version ? c->version : "?", strlen(c->version ? c->version : "?"));
}

/* ---- Sorting ---- */

typedef struct entry {
	const cvg_finding *f;
	cvg__severity sev;
	int tenths; /* -1 without a score */
} entry;

static int cmp_entry(const void *pa, const void *pb)
{
	const entry *a = pa, *b = pb;
	int c;

	if (a->sev != b->sev)
		return a->sev > b->sev ? -1 : 1;
	if (a->tenths != b->tenths)
		return a->tenths > b->tenths ? -1 : 1;
	if ((c = strcmp(a->f->cve->id ? a->f->cve->id : "", b->f->cve->id ? b->f->cve->id : "")))
		return c;
	return a->f->component < b->f->component ? -1 : a->f->component > b->f->component;
}

typedef struct pkg_count {
	size_t component;
	size_t total, failing, ignored;
	size_t by_sev[CVG__SEV_COUNT];
	int worst; /* the highest severity among its findings */
} pkg_count;

static int cmp_pkg(const void *pa, const void *pb)
{
	const pkg_count *a = pa, *b = pb;

	if (a->worst != b->worst)
		return a->worst > b->worst ? -1 : 1;
	if (a->failing != b->failing)
		return a->failing > b->failing ? -1 : 1;
	return a->component < b->component ? -1 : a->component > b->component;
}

/* ---- The parts ---- */

static void put_status(text *w, const cvg_finding *f)
{
	if (f->ignored) {
		color_on(w, SGR_DIM);
		put(w, "ignored: ");
		put_q(w, f->ignored->reason ? f->ignored->reason : "N/A");
		color_off(w, SGR_DIM);
	} else if (f->failing) {
		color_on(w, SGR_BOLD);
		put(w, "FAIL");
		color_off(w, SGR_BOLD);
		if (f->conditional) {
			put(w, " (conditional: ");
			put_q(w, f->condition ? f->condition : "(not given)");
			put(w, ")");
		}
	} else if (f->unassessed) {
		put(w, "unassessed: ");
		put_q(w, f->criterion ? f->criterion : "(no criterion)");
	} else if (f->conditional) {
		put(w, "conditional, fails with --strict: ");
		put_q(w, f->condition ? f->condition : "(not given)");
	} else if (f->below_threshold) {
		put(w, "below the -a threshold");
	} else {
		put(w, "passes");
	}
}

static void write_findings(text *w, const cvg_scan_result *res, const entry *e, size_t n)
{
	size_t idw = 3, pkgw = 7, i, used; /* the headings' widths: "CVE", "PACKAGE" */

	for (i = 0; i < n; i++) {
		const char *id = e[i].f->cve->id ? e[i].f->cve->id : "?";
		size_t cw = component_width(&res->components[e[i].f->component]);
		if (strlen(id) > idw)
			idw = strlen(id);
		if (cw > pkgw)
			pkgw = cw;
	}
	if (idw > 24)
		idw = 24;
	if (pkgw > PKG_COL_MAX)
		pkgw = PKG_COL_MAX;
	put(w, "Findings, most severe first:\n  SEVERITY  SCORE  CVE");
	pad(w, 3, idw + 2);
	put(w, "PACKAGE");
	pad(w, 7, pkgw + 2);
	put(w, "STATUS\n");
	for (i = 0; i < n && w->error == 0; i++) {
		const cvg_finding *f = e[i].f;
		const char *sc = sev_color[e[i].sev];
		const char *name = cvg__report_severity_name(e[i].sev);

		put(w, "  ");
		color_on(w, sc);
		put(w, name);
		color_off(w, sc);
		pad(w, strlen(name), 10);
		used = put_q(w, f->metric && f->metric->score ? f->metric->score : "-");
		pad(w, used, 7);
		used = put_q(w, f->cve->id ? f->cve->id : "?");
		pad(w, used, idw + 2);
		used = put_component(w, &res->components[f->component]);
		pad(w, used, pkgw + 2);
		put_status(w, f);
		put(w, "\n");
	}
}

static void write_by_severity(text *w, const entry *e, size_t n)
{
	size_t total[CVG__SEV_COUNT] = {0}, failing[CVG__SEV_COUNT] = {0};
	size_t ignored[CVG__SEV_COUNT] = {0}, t = 0, fl = 0, ig = 0, i;
	int s;

	for (i = 0; i < n; i++) {
		total[e[i].sev]++;
		failing[e[i].sev] += e[i].f->failing;
		ignored[e[i].sev] += e[i].f->ignored != NULL;
	}
	put(w, "\nBy severity:  findings  failing  ignored\n");
	for (s = CVG__SEV_COUNT - 1; s >= 0; s--) {
		const char *name = cvg__report_severity_name((cvg__severity)s);
		put(w, "  ");
		color_on(w, sev_color[s]);
		put(w, name);
		color_off(w, sev_color[s]);
		pad(w, strlen(name), 12);
		put_count(w, total[s], 8);
		put_count(w, failing[s], 9);
		put_count(w, ignored[s], 9);
		put(w, "\n");
		t += total[s];
		fl += failing[s];
		ig += ignored[s];
	}
	put(w, "  total       ");
	put_count(w, t, 8);
	put_count(w, fl, 9);
	put_count(w, ig, 9);
	put(w, "\n");
}

static void write_by_package(text *w, const cvg_scan_result *res, const entry *e, size_t n)
{
	pkg_count *pc = NULL;
	size_t *slot = NULL, npc = 0, width = 7, i;
	int s;

	if ((pc = calloc(n ? n : 1, sizeof(*pc))) == NULL ||
	        (slot = malloc((res->ncomponents ? res->ncomponents : 1) * sizeof(*slot))) ==
	                NULL) {
		w->error = cvg__error_oom();
		goto done;
	}
	for (i = 0; i < res->ncomponents; i++)
		slot[i] = SIZE_MAX;
	for (i = 0; i < n; i++) {
		size_t c = e[i].f->component;
		pkg_count *p;
		if (slot[c] == SIZE_MAX) {
			slot[c] = npc++;
			pc[slot[c]].component = c;
			pc[slot[c]].worst = -1;
		}
		p = &pc[slot[c]];
		p->total++;
		p->failing += e[i].f->failing;
		p->ignored += e[i].f->ignored != NULL;
		p->by_sev[e[i].sev]++;
		if ((int)e[i].sev > p->worst)
			p->worst = (int)e[i].sev;
	}
	qsort(pc, npc, sizeof(*pc), cmp_pkg);
	for (i = 0; i < npc; i++)
		if (component_width(&res->components[pc[i].component]) > width)
			width = component_width(&res->components[pc[i].component]);
	if (width > PKG_COL_MAX)
		width = PKG_COL_MAX;
	put(w, "\nBy package:");
	pad(w, 11, width + 2);
	put(w, "findings  failing  ignored  critical  high  medium  low  none  unscored\n");
	for (i = 0; i < npc && w->error == 0; i++) {
		put(w, "  ");
		pad(w, put_component(w, &res->components[pc[i].component]), width);
		put_count(w, pc[i].total, 8);
		put_count(w, pc[i].failing, 9);
		put_count(w, pc[i].ignored, 9);
		for (s = CVG__SEV_COUNT - 1; s >= 0; s--) {
			static const size_t colw[CVG__SEV_COUNT] = {10, 6, 5, 8, 6, 10};
			put_count(w, pc[i].by_sev[s], colw[s]);
		}
		put(w, "\n");
	}
done:
	free(pc);
	free(slot);
}

static void write_coverage(text *w, const cvg_scan_result *res)
{
	size_t shown = 0, i;

	put(w, "\nCoverage: ");
	put_num(w, res->ncomponents);
	put(w, res->ncomponents == 1 ? " component, " : " components, ");
	put_num(w, res->nunmapped);
	put(w, " unmapped (no NVD or CVE List record names them; docs/mapping.md)");
	for (i = 0; i < res->ncomponents && w->error == 0; i++) {
		if (!cvg_component_unmapped(&res->components[i]))
			continue;
		put(w, shown++ ? ", " : ": ");
		put_q(w, res->components[i].name ? res->components[i].name : "?");
	}
	put(w, "\n");
}

/* "N findings fail the gate (M findings: ...)" */
static void write_verdict(text *w, const cvg_scan_result *res)
{
	if (res->nfailing > 0) {
		color_on(w, sev_color[CVG__SEV_CRITICAL]);
		put_num(w, res->nfailing);
		put(w, res->nfailing == 1 ? " finding fails the gate" : " findings fail the gate");
		color_off(w, sev_color[CVG__SEV_CRITICAL]);
	} else {
		put(w, "No finding fails the gate");
	}
	put(w, " (");
	put_num(w, res->nfindings);
	put(w, " findings: ");
	put_num(w, res->nignored);
	put(w, " ignored, ");
	put_num(w, res->nconditional);
	put(w, " conditional, ");
	put_num(w, res->nbelow);
	put(w, " below threshold");
	if (res->nunassessed > 0) {
		put(w, ", ");
		put_num(w, res->nunassessed);
		put(w, " unassessed");
	}
	put(w, ")\n");
}

/* One inventory's section: header, findings, counts, coverage, verdict. */
static void write_suite(text *w, const cvg_scan_result *res, const char *inventory)
{
	entry *e = NULL;
	size_t i;

	if ((e = malloc((res->nfindings ? res->nfindings : 1) * sizeof(*e))) == NULL) {
		w->error = cvg__error_oom();
		return;
	}
	for (i = 0; i < res->nfindings; i++) {
		assert(res->findings[i].component < res->ncomponents);
		e[i].f = &res->findings[i];
		e[i].sev = cvg__report_severity(e[i].f->metric);
		e[i].tenths = e[i].f->metric ? cvg__report_score_tenths(e[i].f->metric->score) : -1;
	}
	qsort(e, res->nfindings, sizeof(*e), cmp_entry);

	put(w, "cvegate report");
	if (inventory) {
		put(w, ": ");
		put_q(w, inventory);
	}
	put(w, "\ndatabase: ");
	put_q(w, res->db_path ? res->db_path : "(unknown)");
	if (res->db_updated) {
		put(w, ", updated ");
		put_q(w, res->db_updated);
	}
	put(w, "\n\n");
	if (res->nfindings == 0)
		put(w, "No findings.\n");
	else
		write_findings(w, res, e, res->nfindings);
	write_by_severity(w, e, res->nfindings);
	if (res->nfindings > 0 && w->error == 0)
		write_by_package(w, res, e, res->nfindings);
	write_coverage(w, res);
	put(w, "\n");
	write_verdict(w, res);
	free(e);
}

int cvg_report_write_text(
        FILE *fp, const cvg_report_suite *suites, size_t nsuites, const cvg_report_info *info)
{
	text w = {CVG_BUF_INIT(TEXT_MAX), 0, false};
	cvg_buf label = CVG_BUF_INIT(TEXT_MAX);
	cvg_scan_result total;

	assert(fp != NULL && suites != NULL && nsuites > 0 && info != NULL);
	w.color = info->color;
	if (nsuites == 1) {
		write_suite(&w, suites[0].res, suites[0].inventory);
	} else {
		/* one section per inventory, then the totals */
		for (size_t s = 0; s < nsuites && w.error == 0; s++) {
			if ((w.error = cvg__report_suite_label(&label, suites, nsuites, s)) < 0)
				break;
			put(&w, s ? "\n" : "");
			write_suite(&w, suites[s].res, label.ptr);
		}
		cvg__report_totals(&total, suites, nsuites);
		put(&w, "\nAll ");
		put_num(&w, nsuites);
		put(&w, " inventories: ");
		put_num(&w, total.ncomponents);
		put(&w, total.ncomponents == 1 ? " component, " : " components, ");
		put_num(&w, total.nunmapped);
		put(&w, " unmapped\n");
		write_verdict(&w, &total);
	}
	if (w.error == 0)
		w.error = cvg__report_write_all(fp, w.out.ptr ? w.out.ptr : "", w.out.len);
	cvg__buf_dispose(&w.out);
	cvg__buf_dispose(&label);
	return w.error;
}
