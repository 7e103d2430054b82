/*
 * lib/report/html.c - scan results as one self-contained HTML page for
 * people: open it from a CI artefact and see what to fix.
 *
 * Sections: a header (inventory, report time, the database and its age),
 * (with several inventories: every inventory, counts per inventory, and
 * the findings in one block per inventory; the summary holds the totals),
 * a summary (counts, findings per severity as a table and as an inline SVG
 * bar chart), the open findings as one table per package, the ignored
 * findings with their reasons, and the coverage (unmapped components,
 * auxiliary packages, criteria that could not be evaluated).
 *
 * Why it is built this way:
 *  - Jenkins serves artefacts under a content security policy that blocks
 *    scripts and styles, so everything a reader needs is in plain HTML
 *    tables; the inline style only decorates them and the inline script
 *    only adds a filter box (with a count of the rows it shows, and a
 *    starting query from "#filter=..." in the URL). The chart is drawn
 *    with SVG presentation attributes, which such a policy leaves alone, and
 *    its numbers are also in the severity table. No external resource is
 *    referenced: no script, style sheet, font or image is fetched.
 *  - The page is a libxml2 HTML tree serialised by libxml2, which escapes
 *    text and attribute values; no markup is pasted together with data.
 *    The style and script are constants of this file (libxml2 writes the
 *    content of <style> and <script> as it is), and no data goes into them.
 *  - Every string from outside passes the util/utf8.h sanitiser before it
 *    becomes a node, so invalid UTF-8 and control characters never reach
 *    the page.
 *  - Tree building keeps a sticky error; the page is written to the stream
 *    only when complete. Nothing depends on the clock or the locale: the
 *    time shown is info->timestamp, so the same result gives the same bytes.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "cvegate/report.h"
#include "lib/report/report_util.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/utf8.h"

#ifndef CVG_VERSION
#define CVG_VERSION "0"
#endif

typedef struct html {
	xmlDocPtr doc;
	int error;     /* the first error, or 0 */
	cvg_buf txt;   /* text being assembled */
	cvg_buf label; /* a suite's label (cvg__report_suite_label) */
} html;

/* The severity classes of the summary, in display order. */
enum { SEV_CRITICAL, SEV_HIGH, SEV_MEDIUM, SEV_LOW, SEV_NONE, SEV_UNSCORED, NSEV };

static const struct {
	const char *key;    /* data-severity, class name */
	const char *label;  /* shown */
	const char *colour; /* chart bar */
} severities[NSEV] = {
        {"critical", "Critical", "#7f1d1d"},
        {"high", "High", "#dc2626"},
        {"medium", "Medium", "#ea580c"},
        {"low", "Low", "#ca8a04"},
        {"none", "None", "#6b7280"},
        {"unscored", "Unscored", "#475569"},
};

static const char style_text[] =
        "body{font-family:system-ui,sans-serif;margin:1.5em;color:#111;max-width:80em}"
        "h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;margin-top:1.6em}"
        "table{border-collapse:collapse;margin:.5em 0 1em}"
        "th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}"
        "th{background:#f3f4f6}td.num{text-align:right}"
        "tr[data-severity=critical] td.sev{background:#7f1d1d;color:#fff}"
        "tr[data-severity=high] td.sev{background:#dc2626;color:#fff}"
        "tr[data-severity=medium] td.sev{background:#ea580c;color:#fff}"
        "tr[data-severity=low] td.sev{background:#fde68a}"
        "td.desc{max-width:40em}.note{color:#555}"
        "#filter{font-size:1em;padding:.3em;width:30em;max-width:100%}";

/* Adds the filter box over the findings; without it the tables are whole. */
static const char script_text[] =
        "(function () {\n"
        "  var sec = document.getElementById('findings');\n"
        "  if (!sec) return;\n"
        "  var rows = sec.querySelectorAll('table.findings tbody tr');\n"
        "  var box = document.createElement('input');\n"
        "  box.type = 'search';\n"
        "  box.id = 'filter';\n"
        "  box.placeholder = 'Filter: CVE, package, severity, text';\n"
        "  box.setAttribute('aria-label', 'Filter findings');\n"
        "  var shown = document.createElement('span');\n"
        "  shown.id = 'filter-count';\n"
        "  var p = document.createElement('p');\n"
        "  p.appendChild(box);\n"
        "  p.appendChild(shown);\n"
        "  var h = sec.querySelector('h2');\n"
        "  sec.insertBefore(p, h ? h.nextSibling : sec.firstChild);\n"
        "  function apply() {\n"
        "    var q = box.value.trim().toLowerCase(), n = 0;\n"
        "    rows.forEach(function (r) {\n"
        "      var pkg = r.closest('.package');\n"
        "      var text = (r.textContent + ' ' + (pkg ? pkg.getAttribute('data-package') : ''))"
        ".toLowerCase();\n"
        "      r.hidden = q !== '' && text.indexOf(q) < 0;\n"
        "      if (!r.hidden) n++;\n"
        "    });\n"
        "    sec.querySelectorAll('.package').forEach(function (d) {\n"
        "      d.hidden = !d.querySelector('tbody tr:not([hidden])');\n"
        "    });\n"
        "    shown.textContent = ' ' + n + ' of ' + rows.length + ' findings shown';\n"
        "  }\n"
        "  var m = /^#filter=(.*)$/.exec(location.hash);\n"
        "  if (m) { try { box.value = decodeURIComponent(m[1]); } catch (e) {} }\n"
        "  box.addEventListener('input', apply);\n"
        "  apply();\n"
        "})();\n";

/* ---- Tree helpers with a sticky error ---- */

static void oom(html *h)
{
	if (h->error == 0)
		h->error = cvg__error_oom();
}

/* A sanitised copy of text from outside, or NULL with h->error set. */
static char *clean(html *h, const char *s)
{
	char *c;

	if (h->error)
		return NULL;
	if ((c = cvg__utf8_sanitize_dup(s ? s : "")) == NULL)
		oom(h);
	return c;
}

/* A new element under parent (NULL when parent is NULL or on error). */
static xmlNodePtr el(html *h, xmlNodePtr parent, const char *name)
{
	xmlNodePtr n;

	if (h->error || parent == NULL)
		return NULL;
	if ((n = xmlNewDocNode(h->doc, NULL, BAD_CAST name, NULL)) == NULL) {
		oom(h);
		return NULL;
	}
	if (xmlAddChild(parent, n) == NULL) {
		xmlFreeNode(n);
		oom(h);
		return NULL;
	}
	return n;
}

/* Text from outside appended to n: sanitised, escaped when serialised. */
static void text(html *h, xmlNodePtr n, const char *s)
{
	xmlNodePtr t;
	char *c;

	if (n == NULL || s == NULL || (c = clean(h, s)) == NULL)
		return;
	if ((t = xmlNewDocText(h->doc, BAD_CAST c)) == NULL || xmlAddChild(n, t) == NULL) {
		xmlFreeNode(t);
		oom(h);
	}
	free(c);
}

static void attr(html *h, xmlNodePtr n, const char *name, const char *value)
{
	char *c;

	if (n == NULL || value == NULL || (c = clean(h, value)) == NULL)
		return;
	if (xmlNewProp(n, BAD_CAST name, BAD_CAST c) == NULL)
		oom(h);
	free(c);
}

static xmlNodePtr el_text(html *h, xmlNodePtr parent, const char *name, const char *s)
{
	xmlNodePtr n = el(h, parent, name);

	text(h, n, s);
	return n;
}

static void attr_size(html *h, xmlNodePtr n, const char *name, size_t v)
{
	char num[32];

	snprintf(num, sizeof(num), "%zu", v);
	attr(h, n, name, num);
}

static xmlNodePtr td_size(html *h, xmlNodePtr tr, size_t v)
{
	char num[32];
	xmlNodePtr td;

	snprintf(num, sizeof(num), "%zu", v);
	td = el_text(h, tr, "td", num);
	attr(h, td, "class", "num");
	return td;
}

/* A table with a header row of the given labels; returns its tbody. */
static xmlNodePtr table(
        html *h, xmlNodePtr parent, const char *cls, const char *const *labels, size_t n)
{
	xmlNodePtr t = el(h, parent, "table"), tr;

	attr(h, t, "class", cls);
	tr = el(h, el(h, t, "thead"), "tr");
	for (size_t i = 0; i < n; i++)
		attr(h, el_text(h, tr, "th", labels[i]), "scope", "col");
	return el(h, t, "tbody");
}

/* ---- Assembling text ---- */

static void txt_clear(html *h)
{
	cvg__buf_clear(&h->txt);
}

static void txt_add(html *h, const char *s)
{
	int rc;

	if (h->error || s == NULL)
		return;
	if ((rc = cvg__buf_puts(&h->txt, s)) < 0)
		h->error = rc;
}

static void txt_size(html *h, size_t v)
{
	char num[32];

	snprintf(num, sizeof(num), "%zu", v);
	txt_add(h, num);
}

static const char *txt(html *h)
{
	return h->txt.ptr ? h->txt.ptr : "";
}

static const char *str_or(const char *s, const char *fallback)
{
	return s ? s : fallback;
}

/* ---- Classifying findings ---- */

static int severity_of(const cvg_finding *f)
{
	const char *s;

	if (f->metric == NULL)
		return SEV_UNSCORED;
	s = cvg__report_severity_lower(f->metric->severity);
	for (int i = 0; i < SEV_UNSCORED; i++)
		if (strcmp(s, severities[i].key) == 0)
			return i;
	return SEV_UNSCORED;
}

static const char *status_of(const cvg_finding *f)
{
	if (f->ignored)
		return "ignored";
	if (f->failing && f->unassessed)
		return "failing (unassessed, --fail-on-unassessed)";
	if (f->failing)
		return f->conditional ? "failing (conditional, --strict)" : "failing";
	if (f->unassessed)
		return "unassessed: passes";
	if (f->conditional)
		return "conditional: passes";
	if (f->below_threshold)
		return "below threshold: passes";
	return "passes";
}

/* ---- Header and summary ---- */

static void meta_row(html *h, xmlNodePtr tbody, const char *label, const char *value)
{
	xmlNodePtr tr = el(h, tbody, "tr");

	attr(h, el_text(h, tr, "th", label), "scope", "row");
	el_text(h, tr, "td", value);
}

static void write_header(html *h, xmlNodePtr body, const cvg_report_suite *suites, size_t nsuites,
        const cvg_report_info *info, const char *stamp)
{
	const cvg_scan_result *res = suites[0].res;
	xmlNodePtr t, tb;
	long long updated;
	char label[48];

	el_text(h, body, "h1", "cvegate vulnerability report");
	t = el(h, body, "table");
	attr(h, t, "id", "about");
	tb = el(h, t, "tbody");
	if (nsuites == 1)
		meta_row(h, tb, "Inventory", str_or(suites[0].inventory, "(not named)"));
	for (size_t s = 0; nsuites > 1 && s < nsuites && h->error == 0; s++) {
		snprintf(label, sizeof(label), "Inventory %zu", s + 1);
		if ((h->error = cvg__report_suite_label(&h->label, suites, nsuites, s)) == 0)
			meta_row(h, tb, label, h->label.ptr);
	}
	meta_row(h, tb, "Report time (UTC)", stamp);
	meta_row(h, tb, "Database", str_or(res->db_path, "(not named)"));
	meta_row(h, tb, "Database updated", str_or(res->db_updated, "unknown"));
	txt_clear(h);
	if (res->db_updated == NULL || !cvg__report_parse_time(&updated, res->db_updated)) {
		txt_add(h, "unknown");
	} else if (updated > info->timestamp) {
		txt_add(h, "newer than the report time");
	} else {
		long long days = (info->timestamp - updated) / 86400;
		txt_size(h, (size_t)days);
		txt_add(h, days == 1 ? " day" : " days");
		if (days > 7)
			txt_add(h, ": older than a week, run cvegate db update");
	}
	meta_row(h, tb, "Database age", txt(h));
}

static void count_row(html *h, xmlNodePtr tbody, const char *id, const char *label, size_t n)
{
	xmlNodePtr tr = el(h, tbody, "tr");

	attr(h, tr, "id", id);
	attr(h, el_text(h, tr, "th", label), "scope", "row");
	td_size(h, tr, n);
}

/* Bars drawn with presentation attributes only (a CSP that blocks styles
 * leaves them alone); the numbers are in the severity table too. */
static void write_chart(html *h, xmlNodePtr parent, const size_t *sev)
{
	enum { BAR_X = 90, BAR_W = 300, ROW_H = 26, BAR_H = 18 };
	xmlNodePtr svg, g;
	size_t max = 0;
	char num[32];

	for (int i = 0; i < NSEV; i++)
		if (sev[i] > max)
			max = sev[i];
	svg = el(h, parent, "svg");
	attr(h, svg, "id", "severity-chart");
	attr(h, svg, "width", "460");
	snprintf(num, sizeof(num), "%d", NSEV * ROW_H + 8);
	attr(h, svg, "height", num);
	txt_clear(h);
	txt_add(h, "0 0 460 ");
	txt_add(h, num);
	attr(h, svg, "viewBox", txt(h));
	attr(h, svg, "role", "img");
	attr(h, svg, "aria-labelledby", "severity-chart-title");
	attr(h, el_text(h, svg, "title", "Open findings per severity"), "id",
	        "severity-chart-title");
	for (int i = 0; i < NSEV; i++) {
		size_t w = max ? (sev[i] * BAR_W + max - 1) / max : 0;
		int y = 4 + i * ROW_H;

		g = el(h, svg, "g");
		attr(h, g, "data-severity", severities[i].key);
		snprintf(num, sizeof(num), "%d", y + 14);
		{
			xmlNodePtr label = el_text(h, g, "text", severities[i].label);
			attr(h, label, "x", "0");
			attr(h, label, "y", num);
			attr(h, label, "font-family", "sans-serif");
			attr(h, label, "font-size", "13");
			attr(h, label, "fill", "#111111");
		}
		{
			xmlNodePtr bg = el(h, g, "rect"), bar;
			char s[32];
			snprintf(s, sizeof(s), "%d", BAR_X);
			attr(h, bg, "x", s);
			snprintf(s, sizeof(s), "%d", y);
			attr(h, bg, "y", s);
			snprintf(s, sizeof(s), "%d", BAR_W);
			attr(h, bg, "width", s);
			snprintf(s, sizeof(s), "%d", BAR_H);
			attr(h, bg, "height", s);
			attr(h, bg, "fill", "#eeeeee");
			bar = el(h, g, "rect");
			attr(h, bar, "class", "bar");
			snprintf(s, sizeof(s), "%d", BAR_X);
			attr(h, bar, "x", s);
			snprintf(s, sizeof(s), "%d", y);
			attr(h, bar, "y", s);
			attr_size(h, bar, "width", w);
			snprintf(s, sizeof(s), "%d", BAR_H);
			attr(h, bar, "height", s);
			attr(h, bar, "fill", severities[i].colour);
		}
		{
			xmlNodePtr count;
			snprintf(num, sizeof(num), "%zu", sev[i]);
			count = el_text(h, g, "text", num);
			attr(h, count, "x", "400");
			snprintf(num, sizeof(num), "%d", y + 14);
			attr(h, count, "y", num);
			attr(h, count, "font-family", "sans-serif");
			attr(h, count, "font-size", "13");
			attr(h, count, "fill", "#111111");
		}
	}
}

/* One row per inventory: its counts (several inventories only). */
static void write_inventories(
        html *h, xmlNodePtr sec, const cvg_report_suite *suites, size_t nsuites)
{
	static const char *const labels[] = {
	        "Inventory", "Components", "Findings", "Failing", "Ignored", "Unmapped"};
	xmlNodePtr tb;

	el_text(h, sec, "h3", "Inventories");
	tb = table(h, sec, "inventories", labels, sizeof(labels) / sizeof(labels[0]));
	attr(h, tb ? tb->parent : NULL, "id", "inventories");
	for (size_t s = 0; s < nsuites && h->error == 0; s++) {
		const cvg_scan_result *r = suites[s].res;
		xmlNodePtr tr = el(h, tb, "tr");
		char ref[48];
		if ((h->error = cvg__report_suite_label(&h->label, suites, nsuites, s)) < 0)
			break;
		snprintf(ref, sizeof(ref), "#inventory-%zu", s + 1);
		attr(h, el_text(h, el(h, tr, "th"), "a", h->label.ptr), "href", ref);
		td_size(h, tr, r->ncomponents);
		td_size(h, tr, r->nfindings);
		td_size(h, tr, r->nfailing);
		td_size(h, tr, r->nignored);
		td_size(h, tr, r->nunmapped);
	}
}

static void write_summary(html *h, xmlNodePtr body, const cvg_report_suite *suites, size_t nsuites)
{
	static const char *const sev_labels[] = {"Severity", "Open findings", "Failing"};
	size_t sev[NSEV] = {0}, sev_failing[NSEV] = {0}, open = 0, aux = 0;
	cvg_scan_result total;
	xmlNodePtr sec, t, tb;

	cvg__report_totals(&total, suites, nsuites);
	for (size_t s = 0; s < nsuites; s++) {
		const cvg_scan_result *res = suites[s].res;
		for (size_t i = 0; i < res->nfindings; i++) {
			const cvg_finding *f = &res->findings[i];
			if (f->ignored)
				continue;
			open++;
			sev[severity_of(f)]++;
			sev_failing[severity_of(f)] += f->failing;
		}
		for (size_t i = 0; i < res->ncomponents; i++)
			aux += res->components[i].auxiliary;
	}
	sec = el(h, body, "section");
	attr(h, sec, "id", "summary");
	el_text(h, sec, "h2", nsuites > 1 ? "Summary of all inventories" : "Summary");
	t = el(h, sec, "table");
	attr(h, t, "id", "counts");
	tb = el(h, t, "tbody");
	if (nsuites > 1)
		count_row(h, tb, "count-inventories", "Inventories scanned", nsuites);
	count_row(h, tb, "count-components", "Components scanned", total.ncomponents);
	count_row(h, tb, "count-findings", "Findings", total.nfindings);
	count_row(h, tb, "count-failing", "Failing the gate", total.nfailing);
	count_row(h, tb, "count-open", "Open (not ignored)", open);
	count_row(h, tb, "count-ignored", "Ignored", total.nignored);
	count_row(h, tb, "count-conditional", "Conditional", total.nconditional);
	count_row(h, tb, "count-below", "Below the score threshold", total.nbelow);
	if (total.nunassessed > 0)
		count_row(h, tb, "count-unassessed", "Unassessed (versions not comparable)",
		        total.nunassessed);
	count_row(h, tb, "count-unmapped", "Unmapped components", total.nunmapped);
	count_row(h, tb, "count-auxiliary", "Auxiliary components (not matched)", aux);
	if (nsuites > 1)
		write_inventories(h, sec, suites, nsuites);

	el_text(h, sec, "h3", "Open findings per severity");
	tb = table(h, sec, "severity", sev_labels, 3);
	attr(h, tb ? tb->parent : NULL, "id", "severity");
	for (int i = 0; i < NSEV; i++) {
		xmlNodePtr tr = el(h, tb, "tr");
		attr(h, tr, "data-severity", severities[i].key);
		attr(h, el_text(h, tr, "th", severities[i].label), "scope", "row");
		td_size(h, tr, sev[i]);
		td_size(h, tr, sev_failing[i]);
	}
	write_chart(h, el(h, sec, "p"), sev);
}

/* ---- Findings ---- */

static void add_score(html *h, const cvg_metric *m)
{
	txt_clear(h);
	if (m == NULL) {
		txt_add(h, "none");
		return;
	}
	txt_add(h, str_or(m->score, "?"));
	txt_add(h, " (CVSS ");
	txt_add(h, cvg_cvss_version_name(m->version));
	txt_add(h, ")");
}

static void link_cve(html *h, xmlNodePtr td, const cvg_cve *cve)
{
	xmlNodePtr a;

	if (cve->id == NULL) {
		text(h, td, "(no id)");
		return;
	}
	txt_clear(h);
	txt_add(h, CVG__NVD_DETAIL_URL);
	txt_add(h, cve->id);
	a = el_text(h, td, "a", cve->id);
	attr(h, a, "href", txt(h));
}

static void finding_row(html *h, xmlNodePtr tbody, const cvg_finding *f)
{
	xmlNodePtr tr = el(h, tbody, "tr"), td;
	const cvg_metric *m = f->metric;
	int sev = severity_of(f);

	attr(h, tr, "data-severity", severities[sev].key);
	attr(h, tr, "data-status", f->failing ? "failing" : "passing");
	link_cve(h, el(h, tr, "td"), f->cve);
	attr(h, el_text(h, tr, "td", m ? str_or(m->severity, "unknown") : "none"), "class", "sev");
	add_score(h, m);
	el_text(h, tr, "td", txt(h));
	el_text(h, tr, "td", m ? m->vector : NULL);
	el_text(h, tr, "td", status_of(f));
	td = el(h, tr, "td");
	txt_clear(h);
	txt_add(h, cvg_match_kind_name(f->kind));
	if (f->criterion) {
		txt_add(h, ": ");
		txt_add(h, f->criterion);
	}
	text(h, td, txt(h));
	if (f->origin != CVG_ORIGIN_NVD) {
		el(h, td, "br");
		txt_clear(h);
		txt_add(h, "applicability from ");
		txt_add(h, cvg_origin_name(f->origin));
		if (f->provider) {
			txt_add(h, " (");
			txt_add(h, f->provider);
			txt_add(h, ")");
		}
		attr(h, el_text(h, td, "span", txt(h)), "class", "note");
	}
	if (f->conditional && f->condition) {
		el(h, td, "br");
		txt_clear(h);
		txt_add(h, "if also present: ");
		txt_add(h, f->condition);
		attr(h, el_text(h, td, "span", txt(h)), "class", "note");
	}
	el_text(h, tr, "td", f->cve->published);
	attr(h, el_text(h, tr, "td", f->cve->description), "class", "desc");
}

static void component_title(html *h, const cvg_component *c)
{
	txt_clear(h);
	txt_add(h, str_or(c->name, "?"));
	txt_add(h, " ");
	txt_add(h, str_or(c->version, "?"));
}

/* Append "FILE:LINE" where the component was listed. */
static void location(html *h, const cvg_component *c)
{
	if (c->file == NULL)
		return;
	txt_add(h, c->file);
	if (c->line > 0) {
		txt_add(h, ":");
		txt_size(h, c->line);
	}
}

/* Component `index` of suite `suite` with its open findings; with several
 * inventories (`multi`) ids name the suite and the heading is one level down. */
static void write_package(html *h, xmlNodePtr sec, const cvg_scan_result *res, size_t index,
        const cvg_finding *const *open, size_t nopen, size_t suite, bool multi)
{
	static const char *const labels[] = {"CVE", "Severity", "Score", "Vector", "Status",
	        "Match", "Published", "Description"};
	const cvg_component *c = &res->components[index];
	xmlNodePtr div, p, tb;
	char id[64];

	div = el(h, sec, "div");
	attr(h, div, "class", "package");
	if (multi)
		snprintf(id, sizeof(id), "package-%zu-%zu", suite + 1, index + 1);
	else
		snprintf(id, sizeof(id), "package-%zu", index + 1);
	attr(h, div, "id", id);
	component_title(h, c);
	attr(h, div, "data-package", txt(h));
	el_text(h, div, multi ? "h4" : "h3", txt(h));
	p = el(h, div, "p");
	attr(h, p, "class", "note");
	txt_clear(h);
	txt_add(h, "identified: ");
	txt_add(h, cvg_component_identified(c));
	if (c->ident_text) {
		txt_add(h, " (");
		txt_add(h, c->ident_text);
		txt_add(h, ")");
	}
	if (c->npackages > 0) {
		txt_add(h, "; packages: ");
		for (size_t i = 0; i < c->npackages; i++) {
			txt_add(h, i ? ", " : "");
			txt_add(h, c->packages[i]);
		}
	}
	text(h, p, txt(h));
	if (c->file) {
		el(h, p, "br");
		txt_clear(h);
		txt_add(h, "listed at ");
		location(h, c);
		text(h, p, txt(h));
	}
	if (c->distro) {
		el(h, p, "br");
		txt_clear(h);
		txt_add(h, "distribution build ");
		txt_add(h, str_or(c->distro_version, str_or(c->version, "?")));
		txt_add(h, ": the fix may be backported, check the distribution's advisory");
		text(h, p, txt(h));
	}
	tb = table(h, div, "findings", labels, sizeof(labels) / sizeof(labels[0]));
	for (size_t k = 0; k < nopen; k++)
		finding_row(h, tb, open[k]);
}

/* Findings sorted by component (stable), so each package's findings are adjacent. */
static int by_component(const void *pa, const void *pb)
{
	const cvg_finding *a = *(const cvg_finding *const *)pa;
	const cvg_finding *b = *(const cvg_finding *const *)pb;

	if (a->component != b->component)
		return a->component < b->component ? -1 : 1;
	return a < b ? -1 : (a > b);
}

/* res's open (not ignored) findings grouped by component into *out (the
 * caller frees it), their number and that of their packages. */
static int open_findings(
        const cvg_finding ***out, size_t *nopen, size_t *npkg, const cvg_scan_result *res)
{
	const cvg_finding **sorted =
	        malloc((res->nfindings ? res->nfindings : 1) * sizeof(*sorted));
	size_t n = 0, i, k;

	if (sorted == NULL)
		return cvg__error_oom();
	for (i = 0; i < res->nfindings; i++)
		sorted[i] = &res->findings[i];
	qsort(sorted, res->nfindings, sizeof(*sorted), by_component);
	for (i = 0; i < res->nfindings; i++)
		if (!sorted[i]->ignored)
			sorted[n++] = sorted[i];
	*npkg = 0;
	for (i = 0; i < n; i = k) {
		for (k = i; k < n && sorted[k]->component == sorted[i]->component; k++)
			;
		(*npkg)++;
	}
	*out = sorted;
	*nopen = n;
	return 0;
}

/* "N open findings in M packages." */
static void findings_count(html *h, xmlNodePtr p, size_t nopen, size_t npkg)
{
	txt_clear(h);
	txt_size(h, nopen);
	txt_add(h, nopen == 1 ? " open finding in " : " open findings in ");
	txt_size(h, npkg);
	txt_add(h, npkg == 1 ? " package." : " packages.");
	text(h, p, txt(h));
}

/* One div per inventory with several, so the filter script (which reads
 * section#findings) filters them all at once. */
static void write_findings(html *h, xmlNodePtr body, const cvg_report_suite *suites, size_t nsuites)
{
	xmlNodePtr sec = el(h, body, "section"), p, parent;
	const cvg_finding **sorted = NULL;
	size_t nopen = 0, npkg = 0, total_open = 0, total_pkg = 0, i, k, s;
	bool multi = nsuites > 1;

	attr(h, sec, "id", "findings");
	el_text(h, sec, "h2", "Findings per package");
	p = el(h, sec, "p");
	attr(h, p, "id", "findings-count");
	for (s = 0; s < nsuites && h->error == 0; s++) {
		if ((h->error = open_findings(&sorted, &nopen, &npkg, suites[s].res)) < 0)
			break;
		parent = sec;
		if (multi) {
			char id[48];
			if ((h->error = cvg__report_suite_label(&h->label, suites, nsuites, s)) < 0)
				break;
			parent = el(h, sec, "div");
			attr(h, parent, "class", "inventory");
			snprintf(id, sizeof(id), "inventory-%zu", s + 1);
			attr(h, parent, "id", id);
			attr(h, parent, "data-inventory", h->label.ptr);
			el_text(h, parent, "h3", h->label.ptr);
			findings_count(h, el(h, parent, "p"), nopen, npkg);
		}
		for (i = 0; i < nopen; i = k) {
			for (k = i; k < nopen && sorted[k]->component == sorted[i]->component; k++)
				;
			write_package(h, parent, suites[s].res, sorted[i]->component, sorted + i,
			        k - i, s, multi);
		}
		total_open += nopen;
		total_pkg += npkg;
		free(sorted);
		sorted = NULL;
	}
	free(sorted);
	findings_count(h, p, total_open, total_pkg);
}

/* A first cell naming the inventory, with several. */
static void inventory_cell(
        html *h, xmlNodePtr tr, const cvg_report_suite *suites, size_t nsuites, size_t s)
{
	if (nsuites < 2 || h->error)
		return;
	if ((h->error = cvg__report_suite_label(&h->label, suites, nsuites, s)) == 0)
		el_text(h, tr, "td", h->label.ptr);
}

/* A table whose labels start with "Inventory", which only several inventories show. */
static xmlNodePtr inventory_table(html *h, xmlNodePtr sec, const char *cls,
        const char *const *labels, size_t n, size_t nsuites)
{
	return nsuites > 1 ? table(h, sec, cls, labels, n) : table(h, sec, cls, labels + 1, n - 1);
}

static void write_ignored(html *h, xmlNodePtr body, const cvg_report_suite *suites, size_t nsuites)
{
	static const char *const labels[] = {
	        "Inventory", "Package", "CVE", "Severity", "Reason", "Ignore list line"};
	xmlNodePtr sec = el(h, body, "section"), tb;
	cvg_scan_result total;

	cvg__report_totals(&total, suites, nsuites);
	attr(h, sec, "id", "ignored");
	el_text(h, sec, "h2", "Ignored findings");
	if (total.nignored == 0) {
		el_text(h, sec, "p", "No finding is ignored.");
		return;
	}
	tb = inventory_table(
	        h, sec, "ignored", labels, sizeof(labels) / sizeof(labels[0]), nsuites);
	for (size_t s = 0; s < nsuites; s++) {
		const cvg_scan_result *res = suites[s].res;
		for (size_t i = 0; i < res->nfindings; i++) {
			const cvg_finding *f = &res->findings[i];
			xmlNodePtr tr;
			if (f->ignored == NULL)
				continue;
			tr = el(h, tb, "tr");
			attr(h, tr, "data-severity", severities[severity_of(f)].key);
			inventory_cell(h, tr, suites, nsuites, s);
			component_title(h, &res->components[f->component]);
			el_text(h, tr, "td", txt(h));
			link_cve(h, el(h, tr, "td"), f->cve);
			el_text(h, tr, "td",
			        f->metric ? str_or(f->metric->severity, "unknown") : "none");
			el_text(h, tr, "td", str_or(f->ignored->reason, "N/A"));
			if (f->ignored->line > 0)
				td_size(h, tr, f->ignored->line);
			else
				el(h, tr, "td");
		}
	}
}

static void write_coverage(html *h, xmlNodePtr body, const cvg_report_suite *suites, size_t nsuites)
{
	static const char *const unmapped_labels[] = {
	        "Inventory", "Package", "Products looked up", "Identified by", "Listed at"};
	static const char *const skipped_labels[] = {
	        "Inventory", "Package", "Criterion not evaluated"};
	xmlNodePtr sec = el(h, body, "section"), tb, p;
	size_t nskipped = 0, naux = 0, i, k, s;
	cvg_scan_result total;

	cvg__report_totals(&total, suites, nsuites);
	attr(h, sec, "id", "coverage");
	el_text(h, sec, "h2", "Coverage");
	for (s = 0; s < nsuites; s++) {
		for (i = 0; i < suites[s].res->ncomponents; i++) {
			nskipped += suites[s].res->components[i].nskipped;
			naux += suites[s].res->components[i].auxiliary;
		}
	}
	p = el(h, sec, "p");
	txt_clear(h);
	txt_size(h, total.ncomponents);
	txt_add(h, " components scanned; ");
	txt_size(h, total.nunmapped);
	txt_add(h, " unmapped (no NVD or CVE List record names them: if the NVD knows one under "
	           "another name, map it with --map, docs/mapping.md); ");
	txt_size(h, naux);
	txt_add(h, " auxiliary (debug, development, documentation, locale packages: not "
	           "matched); ");
	txt_size(h, nskipped);
	txt_add(h, nskipped == 1 ? " criterion could not be evaluated."
	                         : " criteria could not be evaluated.");
	text(h, p, txt(h));

	el_text(h, sec, "h3", "Unmapped components");
	if (total.nunmapped == 0) {
		el_text(h, sec, "p", "None.");
	} else {
		tb = inventory_table(h, sec, "unmapped", unmapped_labels, 5, nsuites);
		attr(h, tb ? tb->parent : NULL, "id", "unmapped");
		for (s = 0; s < nsuites; s++) {
			for (i = 0; i < suites[s].res->ncomponents; i++) {
				const cvg_component *c = &suites[s].res->components[i];
				xmlNodePtr tr;
				if (!cvg_component_unmapped(c))
					continue;
				tr = el(h, tb, "tr");
				inventory_cell(h, tr, suites, nsuites, s);
				component_title(h, c);
				el_text(h, tr, "td", txt(h));
				el_text(h, tr, "td", c->products);
				el_text(h, tr, "td", cvg_component_identified(c));
				txt_clear(h);
				location(h, c);
				el_text(h, tr, "td", txt(h));
			}
		}
	}
	if (nskipped > 0) {
		el_text(h, sec, "h3", "Criteria not evaluated");
		tb = inventory_table(h, sec, "skipped", skipped_labels, 3, nsuites);
		for (s = 0; s < nsuites; s++) {
			for (i = 0; i < suites[s].res->ncomponents; i++) {
				const cvg_component *c = &suites[s].res->components[i];
				for (k = 0; k < c->nskipped; k++) {
					xmlNodePtr tr = el(h, tb, "tr");
					inventory_cell(h, tr, suites, nsuites, s);
					component_title(h, c);
					el_text(h, tr, "td", txt(h));
					el_text(h, tr, "td", str_or(c->skipped[k], "?"));
				}
			}
		}
	}
}

/* ---- The page ---- */

int cvg_report_write_html(
        FILE *fp, const cvg_report_suite *suites, size_t nsuites, const cvg_report_info *info)
{
	html h = {NULL, 0, CVG_BUF_INIT(CVG__REPORT_TEXT_MAX), CVG_BUF_INIT(CVG__REPORT_TEXT_MAX)};
	xmlNodePtr root, head, body, n;
	xmlChar *mem = NULL;
	int size = 0, error;
	char stamp[32];

	assert(fp != NULL && suites != NULL && nsuites > 0 && info != NULL);
	if ((error = cvg__report_format_time(stamp, sizeof(stamp), info->timestamp)) < 0)
		goto done;
	if ((h.doc = htmlNewDocNoDtD(NULL, NULL)) == NULL ||
	        xmlCreateIntSubset(h.doc, BAD_CAST "html", NULL, NULL) == NULL ||
	        (root = xmlNewDocNode(h.doc, NULL, BAD_CAST "html", NULL)) == NULL) {
		error = cvg__error_oom();
		goto done;
	}
	xmlDocSetRootElement(h.doc, root);
	attr(&h, root, "lang", "en");
	head = el(&h, root, "head");
	attr(&h, el(&h, head, "meta"), "charset", "utf-8");
	n = el(&h, head, "meta");
	attr(&h, n, "name", "viewport");
	attr(&h, n, "content", "width=device-width, initial-scale=1");
	n = el(&h, head, "meta");
	attr(&h, n, "name", "generator");
	attr(&h, n, "content", "cvegate " CVG_VERSION);
	txt_clear(&h);
	txt_add(&h, "cvegate report");
	if (nsuites > 1) {
		txt_add(&h, ": ");
		txt_size(&h, nsuites);
		txt_add(&h, " inventories");
	} else if (suites[0].inventory) {
		txt_add(&h, ": ");
		txt_add(&h, suites[0].inventory);
	}
	el_text(&h, head, "title", txt(&h));
	el_text(&h, head, "style", style_text);
	body = el(&h, root, "body");
	write_header(&h, body, suites, nsuites, info, stamp);
	write_summary(&h, body, suites, nsuites);
	write_findings(&h, body, suites, nsuites);
	write_ignored(&h, body, suites, nsuites);
	write_coverage(&h, body, suites, nsuites);
	n = el(&h, body, "footer");
	attr(&h, n, "class", "note");
	el_text(&h, n, "p",
	        "Written by cvegate " CVG_VERSION
	        " from NVD data. Scores and severities are the record's own; the "
	        "tables are complete without scripts or styles.");
	el_text(&h, body, "script", script_text);
	if ((error = h.error) < 0)
		goto done;
	htmlDocDumpMemoryFormat(h.doc, &mem, &size, 1);
	if (mem == NULL || size < 0) {
		error = cvg__error(CVG_ERROR, "writing the HTML report: libxml2 serialiser failed");
		goto done;
	}
	error = cvg__report_write_all(fp, (const char *)mem, (size_t)size);
done:
	xmlFree(mem);
	if (h.doc)
		xmlFreeDoc(h.doc);
	cvg__buf_dispose(&h.txt);
	cvg__buf_dispose(&h.label);
	return error;
}
