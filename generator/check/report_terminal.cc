// The terminal report a supervisor reads first: a summary of the inputs,
// then the findings school by school and rule by rule, then the totals.
// Long rule groups are cut to ReportOptions::terminal_limit lines, pointing
// to the file formats for the rest. Columns align by display width (CJK
// characters take two cells); colours only when asked for.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "check/report.h"
#include "check/report_labels.h"
#include "check/report_tally.h"
#include "check/report_text.h"
#include "core/text.h"

namespace fangyi::check {
namespace {

// Locations wider than this are not padded: one long path must not push
// every message of its group off the screen.
constexpr int kMaxLocationWidth = 40;

class Painter {
 public:
  explicit Painter(bool color) : color_(color) {}
  std::string severity(rules::CheckSeverity s, std::string_view text) const {
    switch (s) {
      case rules::CheckSeverity::serious: return paint("\x1b[1;31m", text);
      case rules::CheckSeverity::error: return paint("\x1b[31m", text);
      case rules::CheckSeverity::warning: return paint("\x1b[33m", text);
      case rules::CheckSeverity::info: return paint("\x1b[2m", text);
    }
    return std::string(text);
  }
  std::string bold(std::string_view text) const { return paint("\x1b[1m", text); }
  std::string dim(std::string_view text) const { return paint("\x1b[2m", text); }

 private:
  std::string paint(std::string_view code, std::string_view text) const {
    if (!color_) return std::string(text);
    return std::string(code) + std::string(text) + "\x1b[0m";
  }
  bool color_;
};

void render_inputs(std::string& out, const Report& report, Lang lang) {
  out += format_message(Msg::report_inputs, lang, {std::to_string(report.inputs.size())}) + "\n";
  struct Row {
    std::string file, dataset, encoding, rows;
  };
  std::vector<Row> rows;
  int widths[4] = {0, 0, 0, 0};
  for (const InputSummary& in : report.inputs) {
    Row r{visible_controls(in.file), in.dataset.empty() ? format_message(Msg::report_no_dataset, lang) : visible_controls(in.dataset),
          visible_controls(in.encoding), format_message(Msg::report_rows, lang, {std::to_string(in.rows)})};
    widths[0] = std::max(widths[0], display_width(r.file));
    widths[1] = std::max(widths[1], display_width(r.dataset));
    widths[2] = std::max(widths[2], display_width(r.encoding));
    widths[3] = std::max(widths[3], display_width(r.rows));
    rows.push_back(std::move(r));
  }
  for (const Row& r : rows) {
    out += "  " + pad_right(r.file, widths[0]) + "  " + pad_right(r.dataset, widths[1]) + "  " +
           pad_right(r.encoding, widths[2]) + "  " + pad_left(r.rows, widths[3]) + "\n";
  }
  out += format_message(Msg::report_cases_organisations, lang,
                        {std::to_string(report.cases), std::to_string(report.organisations)}) +
         "\n";
}

std::string location(const Finding& f) {
  std::string where = visible_controls(f.file);
  if (f.line != 0) where += ":" + std::to_string(f.line);
  if (!f.column.empty()) where += " [" + visible_controls(f.column) + "]";
  return where;
}

void render_rule_group(std::string& out, const Report& report, const std::string& rule,
                       const std::vector<const Finding*>& findings, const ReportOptions& options,
                       const Painter& paint) {
  auto info = report.rules.find(rule);
  rules::CheckSeverity severity = findings.front()->severity;
  if (info != report.rules.end()) {
    severity = info->second.severity;
  } else {
    for (const Finding* f : findings) severity = std::max(severity, f->severity);
  }
  std::string heading = "  " + paint.severity(severity, "[" + severity_label(severity, options.lang) + "]") + " " +
                        paint.bold(visible_controls(rule));
  std::string name = visible_controls(rule_name(report, rule));
  if (!name.empty()) heading += " " + name;
  if (info != report.rules.end() && !info->second.citation.empty()) {
    heading += paint.dim(" — " + format_message(Msg::report_citation, options.lang, {visible_controls(info->second.citation)}));
  }
  out += heading + "\n";

  std::size_t shown_count = options.terminal_limit == 0 ? findings.size()
                                                         : std::min(findings.size(), options.terminal_limit);
  int width = 0;
  for (std::size_t i = 0; i < shown_count; ++i) {
    int w = display_width(location(*findings[i]));
    if (w <= kMaxLocationWidth) width = std::max(width, w);
  }
  for (std::size_t i = 0; i < shown_count; ++i) {
    const Finding& f = *findings[i];
    std::string line = "    " + pad_right(location(f), width) + "  " + visible_controls(f.message);
    if (!f.value.empty()) line += " (" + visible_controls(f.value) + ")";
    out += line + "\n";
  }
  if (shown_count < findings.size()) {
    out += "    " +
           paint.dim(format_message(Msg::report_more, options.lang, {std::to_string(findings.size() - shown_count)})) +
           "\n";
  }
}

void render_organisation(std::string& out, const Report& report, const OrganisationFindings& group,
                         const ReportOptions& options, const Painter& paint) {
  out += "\n" +
         paint.bold(format_message(Msg::report_organisation_heading, options.lang,
                                   {visible_controls(organisation_label(group.organisation, options.lang)),
                                    std::to_string(group.findings.size())})) +
         "\n";
  // Rules by the severity of their worst finding, then by id: the serious
  // problems of a school come first.
  std::map<std::string, std::vector<const Finding*>> by_rule;
  for (const Finding* f : group.findings) by_rule[f->rule].push_back(f);
  std::vector<std::pair<rules::CheckSeverity, const std::string*>> order;
  for (const auto& [rule, findings] : by_rule) {
    rules::CheckSeverity worst = rules::CheckSeverity::info;
    for (const Finding* f : findings) worst = std::max(worst, f->severity);
    order.emplace_back(worst, &rule);
  }
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [worst, rule] : order) render_rule_group(out, report, *rule, by_rule[*rule], options, paint);
}

}  // namespace

std::string render_terminal(const Report& report, const ReportOptions& options) {
  const Lang lang = options.lang;
  Painter paint(options.color);
  std::string out = paint.bold(format_message(Msg::report_title, lang));
  if (!report.generated_by.empty()) {
    out += "  " + paint.dim(format_message(Msg::report_generated_by, lang, {visible_controls(report.generated_by)}));
  }
  out += "\n";
  render_inputs(out, report, lang);

  for (const OrganisationFindings& group : group_by_organisation(report)) {
    render_organisation(out, report, group, options, paint);
  }

  out += "\n";
  if (report.findings.empty()) return out + format_message(Msg::report_no_findings, lang) + "\n";
  Tally t = tally(report);
  auto count = [&](rules::CheckSeverity s) {
    std::string n = std::to_string(at(t.by_severity, s));
    return at(t.by_severity, s) == 0 ? n : paint.severity(s, n);
  };
  out += format_message(Msg::report_totals, lang,
                        {std::to_string(report.findings.size()), count(rules::CheckSeverity::serious),
                         count(rules::CheckSeverity::error), count(rules::CheckSeverity::warning),
                         count(rules::CheckSeverity::info)}) +
         "\n";
  return out;
}

}  // namespace fangyi::check
