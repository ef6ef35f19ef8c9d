// Runs the phases of a check in order — read every file (row checks), case
// checks, organisation checks — and puts the report together.
#include "check/engine.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "core/messages.h"

#include "check/engine_plan.h"

namespace fangyi::check {
namespace {

// Kept rows of this much input share a partition, so the case phase holds
// about that much at a time per thread whatever the input's size.
constexpr uint64_t kInputPerPartition = 16u << 20;
constexpr uint64_t kMaxPartitions = 4096;

std::size_t partitions_for(const std::vector<std::string>& files) {
  uint64_t bytes = 0;
  for (const auto& f : files) {
    std::error_code ec;
    auto size = std::filesystem::file_size(f, ec);
    if (!ec) bytes += size;
  }
  return static_cast<std::size_t>(std::clamp<uint64_t>(bytes / kInputPerPartition, 1, kMaxPartitions));
}

// An input that could not be used (missing, unreadable, of no dataset) is a
// finding too, so a report written to a file never reads as clean for data
// it did not see; the errors still go to the caller, and the run exits 2.
void add_unusable_inputs(const Diagnostics& diags, Lang lang, std::deque<Finding>& findings) {
  for (const Diagnostic& d : diags.items()) {
    if (d.severity != Severity::error) continue;
    std::string message = format_message(d.message, lang, d.args);
    if (d.hint) {
      bool zh = lang == Lang::zh_TW;
      message += (zh ? "（" : " (") + format_message(*d.hint, lang, d.hint_args) + (zh ? "）" : ")");
    }
    findings.push_back({d.where.file, static_cast<uint64_t>(std::max(d.where.line, 0)), "", "input.unusable",
                        rules::CheckSeverity::error, std::move(message), "", "", ""});
  }
}

}  // namespace

Report run_checks(const rules::RuleSet& rules, const std::vector<std::string>& files, const CheckOptions& options,
                  Diagnostics& diags) {
  engine::Plan plan(rules, options);
  engine::ReadState state(options.partitions > 0 ? options.partitions : partitions_for(files));
  state.organisation_rows.resize(rules.datasets.size());
  for (std::size_t i = 0; i < rules.datasets.size(); ++i)
    state.organisation_rows[i].configure(rules.datasets[i].fields.size(), plan.organisation_keep[i], true);
  for (const auto& f : files) engine::read_file(plan, f, state, diags);

  Report report;
  report.cases = engine::check_cases(plan, state, diags);
  engine::check_organisations(plan, state);
  report.rules = std::move(plan.rule_infos);
  report.inputs = std::move(state.inputs);
  report.findings = std::move(state.findings);
  state.about = {};
  add_unusable_inputs(diags, options.lang, report.findings);
  // Sorted by index, then moved once into place: a finding is nine strings,
  // too heavy to swap about.
  std::vector<uint32_t> order(report.findings.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    const Finding &a = report.findings[x], &b = report.findings[y];
    return std::tie(a.organisation, a.file, a.line, a.rule, a.column, a.message) <
           std::tie(b.organisation, b.file, b.line, b.rule, b.column, b.message);
  });
  std::deque<Finding> sorted;
  for (uint32_t i : order) sorted.push_back(std::move(report.findings[i]));
  report.findings = std::move(sorted);
  std::set<std::string_view> orgs;
  const Names& names = state.organisations.names();
  for (uint32_t o = 1; o < names.size(); ++o) orgs.insert(names.name(o));
  for (const auto& f : report.findings)
    if (!f.organisation.empty()) orgs.insert(f.organisation);
  report.organisations = orgs.size();
  report.generated_by = std::string("fangyi ") + FANGYI_VERSION;
  return report;
}

}  // namespace fangyi::check
