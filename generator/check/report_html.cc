// The HTML report: one self-contained file a supervisor can open offline
// (file://), mail or print. Inline CSS, inline SVG charts, no external
// asset and no script: a Content-Security-Policy forbids both, so even a
// missed escape could not load or run anything. The severity filter is
// plain CSS (radio buttons). Every piece of data is HTML-escaped.
#include <string>

#include "check/report.h"
#include "check/report_labels.h"
#include "check/report_svg.h"
#include "check/report_tally.h"
#include "check/report_text.h"
#include "core/text.h"

namespace fangyi::check {
namespace {

// Bars per chart; the rest is summed up below it, so 300 rules still give
// a chart one can read.
constexpr std::size_t kMaxBars = 25;

constexpr std::string_view kStyle = R"CSS(
:root { --serious: #a50e1f; --error: #e0474c; --warning: #e8a317; --info: #9aa0a6; --line: #d9dce1; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 24px 28px 48px; color: #1f2328; background: #fff;
  font: 14px/1.55 system-ui, "Noto Sans CJK TC", "Noto Sans TC", "Microsoft JhengHei", "PingFang TC",
  "AR PL UMing TW", sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 24px 0 8px; }
.meta { color: #57606a; margin: 0; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 20px; }
.card { flex: 1 1 120px; border: 1px solid var(--line); border-top: 6px solid #57606a; border-radius: 6px;
  padding: 10px 14px; }
.card .n { display: block; font-size: 28px; font-weight: 700; font-variant-numeric: tabular-nums; }
.card.sev-serious { border-top-color: var(--serious); } .card.sev-error { border-top-color: var(--error); }
.card.sev-warning { border-top-color: var(--warning); } .card.sev-info { border-top-color: var(--info); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { background: #f3f4f6; font-weight: 600; white-space: nowrap; }
td { unicode-bidi: isolate; overflow-wrap: anywhere; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.value, td.case { font-family: ui-monospace, "Noto Sans Mono CJK TC", monospace; }
td.value { white-space: pre-wrap; } td.case, td.num { white-space: nowrap; }
/* Fixed columns: every school's table lines up with the others, and one
   long cell wraps instead of squeezing its neighbours. */
table.findings { table-layout: fixed; }
col.file { width: 14%; } col.line { width: 5%; } col.column { width: 8%; } col.rule { width: 20%; }
col.severity { width: 7%; } col.message { width: 26%; } col.value { width: 10%; } col.case { width: 10%; }
td.rule code { font-size: 0.9em; } td.rule .name { display: block; color: #57606a; font-size: 0.85em; }
.sev { display: inline-block; padding: 0 6px; border-radius: 4px; white-space: nowrap; font-size: 12px; }
.sev.sev-serious { background: var(--serious); color: #fff; font-weight: 700; }
.sev.sev-error { background: #fde2e2; color: #8c0a10; }
.sev.sev-warning { background: #fff1c2; color: #7a4d00; }
.sev.sev-info { background: #eceef1; color: #4a5159; }
.charts { margin-top: 28px; }
figure { margin: 0 0 28px; } figcaption { font-size: 16px; font-weight: 600; margin-bottom: 8px; }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart text { font-size: 13px; fill: #1f2328; } svg.chart text.count { fill: #57606a; }
.more { color: #57606a; font-size: 13px; margin: 4px 0 0; }
/* The severity filter: radio buttons placed before the filter bar and the
   tables, so sibling selectors can style the chosen label and hide rows. */
input.f { position: absolute; opacity: 0; pointer-events: none; }
.filter { margin: 8px 0 4px; }
.filter label { display: inline-block; margin: 0 4px 4px 0; padding: 2px 12px; border: 1px solid var(--line);
  border-radius: 14px; cursor: pointer; }
#f-all:checked ~ .filter [for=f-all], #f-serious:checked ~ .filter [for=f-serious],
#f-error:checked ~ .filter [for=f-error], #f-warning:checked ~ .filter [for=f-warning],
#f-info:checked ~ .filter [for=f-info] { background: #1f2328; color: #fff; border-color: #1f2328; }
#f-all:focus-visible ~ .filter [for=f-all], #f-serious:focus-visible ~ .filter [for=f-serious],
#f-error:focus-visible ~ .filter [for=f-error], #f-warning:focus-visible ~ .filter [for=f-warning],
#f-info:focus-visible ~ .filter [for=f-info] { outline: 2px solid #0969da; }
#f-serious:checked ~ .groups tr.finding:not(.sev-serious),
#f-error:checked ~ .groups tr.finding:not(.sev-error),
#f-warning:checked ~ .groups tr.finding:not(.sev-warning),
#f-info:checked ~ .groups tr.finding:not(.sev-info) { display: none; }
#f-serious:checked ~ .groups .school:not(:has(tr.sev-serious)),
#f-error:checked ~ .groups .school:not(:has(tr.sev-error)),
#f-warning:checked ~ .groups .school:not(:has(tr.sev-warning)),
#f-info:checked ~ .groups .school:not(:has(tr.sev-info)) { display: none; }
@media print {
  /* Landscape: the findings table has eight columns. */
  @page { size: A4 landscape; margin: 12mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  table.findings { font-size: 8.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .filter { display: none; }
  .groups .school, .groups tr.finding { display: revert !important; }
  figure, .cards, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
}
)CSS";

struct Html {
  std::string out;
  Html& raw(std::string_view s) {
    out += s;
    return *this;
  }
  Html& text(std::string_view s) {
    out += escape_html(s);
    return *this;
  }
};

std::string sev_class(rules::CheckSeverity s) { return std::string("sev-") + severity_id(s); }

void render_head(Html& h, const Report& report, Lang lang) {
  h.raw("<!DOCTYPE html>\n<html lang=\"").raw(lang == Lang::en ? "en" : "zh-Hant").raw("\">\n<head>\n");
  h.raw("<meta charset=\"utf-8\">\n");
  h.raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
  h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  if (!report.generated_by.empty()) h.raw("<meta name=\"generator\" content=\"").text(report.generated_by).raw("\">\n");
  h.raw("<title>").text(format_message(Msg::report_title, lang)).raw("</title>\n");
  h.raw("<style>").raw(kStyle).raw("</style>\n</head>\n<body>\n");
}

void render_summary(Html& h, const Report& report, const Tally& t, Lang lang) {
  h.raw("<header>\n<h1>").text(format_message(Msg::report_title, lang)).raw("</h1>\n<p class=\"meta\">");
  h.text(format_message(Msg::report_cases_organisations, lang,
                        {std::to_string(report.cases), std::to_string(report.organisations)}));
  if (!report.generated_by.empty()) {
    h.raw(" · ").text(format_message(Msg::report_generated_by, lang, {report.generated_by}));
  }
  h.raw("</p>\n</header>\n<section class=\"cards\">\n");
  for (rules::CheckSeverity s : kSeveritiesMostSevereFirst) {
    h.raw("<div class=\"card ").raw(sev_class(s)).raw("\"><span class=\"n\">");
    h.raw(std::to_string(at(t.by_severity, s))).raw("</span>").text(severity_label(s, lang)).raw("</div>\n");
  }
  h.raw("<div class=\"card\"><span class=\"n\">").raw(std::to_string(report.findings.size())).raw("</span>");
  h.text(format_message(Msg::report_col_total, lang)).raw("</div>\n</section>\n");
}

void render_inputs(Html& h, const Report& report, Lang lang) {
  h.raw("<section>\n<h2>").text(format_message(Msg::report_inputs, lang, {std::to_string(report.inputs.size())}));
  h.raw("</h2>\n<table class=\"inputs\">\n<thead><tr><th>").text(format_message(Msg::report_col_file, lang));
  h.raw("</th><th>").text(format_message(Msg::report_col_dataset, lang));
  h.raw("</th><th>").text(format_message(Msg::report_col_encoding, lang));
  h.raw("</th><th class=\"num\">").text(format_message(Msg::report_col_rows, lang)).raw("</th></tr></thead>\n<tbody>\n");
  for (const InputSummary& in : report.inputs) {
    h.raw("<tr><td>").text(in.file).raw("</td><td>");
    h.text(in.dataset.empty() ? format_message(Msg::report_no_dataset, lang) : in.dataset).raw("</td><td>");
    h.text(in.encoding).raw("</td><td class=\"num\">").raw(std::to_string(in.rows)).raw("</td></tr>\n");
  }
  h.raw("</tbody>\n</table>\n</section>\n");
}

// A chart of the first kMaxBars bars and a line about the rest.
void render_chart(Html& h, const std::string& title, const std::vector<Bar>& bars, Lang lang) {
  std::vector<Bar> shown(bars.begin(), bars.begin() + static_cast<std::ptrdiff_t>(std::min(bars.size(), kMaxBars)));
  h.raw("<figure>\n<figcaption>").text(title).raw("</figcaption>\n").raw(bar_chart_svg(shown, title));
  if (bars.size() > shown.size()) {
    std::size_t rest = 0;
    for (std::size_t i = shown.size(); i < bars.size(); ++i) {
      for (std::size_t n : bars[i].counts) rest += n;
    }
    h.raw("<p class=\"more\">").text(format_message(Msg::report_chart_more, lang,
                                                     {std::to_string(bars.size() - shown.size()), std::to_string(rest)}));
    h.raw("</p>\n");
  }
  h.raw("</figure>\n");
}

void render_charts(Html& h, const Tally& t, Lang lang) {
  std::vector<Bar> by_rule;
  for (const RuleCount& r : t.rules) {
    if (r.findings == 0) continue;
    Bar b{r.name.empty() ? r.id : r.id + " " + r.name, {}};
    at(b.counts, r.severity) = r.findings;
    by_rule.push_back(std::move(b));
  }
  std::vector<Bar> by_school;
  for (const OrganisationCount& o : t.organisations) by_school.push_back({organisation_label(o.organisation, lang), o.by_severity});
  h.raw("<section class=\"charts\">\n");
  render_chart(h, format_message(Msg::report_chart_rules, lang), by_rule, lang);
  render_chart(h, format_message(Msg::report_chart_organisations, lang), by_school, lang);
  h.raw("</section>\n");
}

void render_filter(Html& h, Lang lang) {
  h.raw("<input type=\"radio\" class=\"f\" name=\"sev\" id=\"f-all\" checked>\n");
  for (rules::CheckSeverity s : kSeveritiesMostSevereFirst) {
    h.raw("<input type=\"radio\" class=\"f\" name=\"sev\" id=\"f-").raw(severity_id(s)).raw("\">\n");
  }
  h.raw("<div class=\"filter\">").text(format_message(Msg::report_filter_label, lang)).raw("\n");
  h.raw("<label for=\"f-all\">").text(format_message(Msg::report_filter_all, lang)).raw("</label>\n");
  for (rules::CheckSeverity s : kSeveritiesMostSevereFirst) {
    h.raw("<label for=\"f-").raw(severity_id(s)).raw("\">").text(severity_label(s, lang)).raw("</label>\n");
  }
  h.raw("</div>\n");
}

// The class naming a finding column, for its width.
const char* column_class(Column c) {
  switch (c) {
    case Column::file: return "file";
    case Column::line: return "line";
    case Column::column: return "column";
    case Column::rule: return "rule";
    case Column::severity: return "severity";
    case Column::message: return "message";
    case Column::value: return "value";
    case Column::organisation: return "organisation";
    case Column::case_key: return "case";
  }
  return "";
}

void render_school(Html& h, const Report& report, const OrganisationFindings& group, Lang lang) {
  h.raw("<section class=\"school\">\n<h3>");
  h.text(format_message(Msg::report_organisation_heading, lang,
                        {organisation_label(group.organisation, lang), std::to_string(group.findings.size())}));
  h.raw("</h3>\n<table class=\"findings\">\n<colgroup>");
  for (Column c : kFindingColumns) {
    if (c != Column::organisation) h.raw("<col class=\"").raw(column_class(c)).raw("\">");
  }
  h.raw("</colgroup>\n<thead><tr>");
  for (Column c : kFindingColumns) {
    if (c == Column::organisation) continue;  // the heading names the school
    h.raw(c == Column::line ? "<th class=\"num\">" : "<th>").text(column_header(c, lang)).raw("</th>");
  }
  h.raw("</tr></thead>\n<tbody>\n");
  for (const Finding* f : group.findings) {
    h.raw("<tr class=\"finding ").raw(sev_class(f->severity)).raw("\">");
    h.raw("<td>").text(f->file).raw("</td>");
    h.raw("<td class=\"num\">").raw(f->line == 0 ? "" : std::to_string(f->line)).raw("</td>");
    h.raw("<td>").text(f->column).raw("</td>");
    h.raw("<td class=\"rule\"><code>").text(f->rule).raw("</code>");
    std::string name = rule_name(report, f->rule);
    if (!name.empty()) h.raw("<span class=\"name\">").text(name).raw("</span>");
    h.raw("</td><td><span class=\"sev ").raw(sev_class(f->severity)).raw("\">");
    h.text(severity_label(f->severity, lang)).raw("</span></td>");
    h.raw("<td>").text(f->message).raw("</td>");
    h.raw("<td class=\"value\">").text(f->value).raw("</td>");
    h.raw("<td class=\"case\">").text(f->case_key).raw("</td></tr>\n");
  }
  h.raw("</tbody>\n</table>\n</section>\n");
}

}  // namespace

std::string render_html(const Report& report, Lang lang) {
  Html h;
  Tally t = tally(report);
  render_head(h, report, lang);
  render_summary(h, report, t, lang);
  if (!report.findings.empty()) render_charts(h, t, lang);
  render_inputs(h, report, lang);
  h.raw("<section class=\"findings\">\n<h2>").text(format_message(Msg::report_findings_heading, lang)).raw("</h2>\n");
  if (report.findings.empty()) {
    h.raw("<p>").text(format_message(Msg::report_no_findings, lang)).raw("</p>\n");
  } else {
    render_filter(h, lang);
    h.raw("<div class=\"groups\">\n");
    for (const OrganisationFindings& group : group_by_organisation(report)) render_school(h, report, group, lang);
    h.raw("</div>\n");
  }
  h.raw("</section>\n</body>\n</html>\n");
  return h.out;
}

}  // namespace fangyi::check
