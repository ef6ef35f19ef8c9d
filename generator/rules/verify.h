// Stage 2 of the rule compiler: whole-set checks that need every rule loaded —
// ids, references, scheme versions, disinfection arithmetic, dataset and check
// consistency — then stage 3, compiling expressions against the datasets.
// Each function appends to `diags` and carries on, so one run reports all.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "rules/load.h"

namespace fangyi::rules {

// `seeds`: the seed file names citations must name; nullopt checks only
// their form.
void verify_ids(const Loaded& in, Diagnostics& diags);
void verify_references(const Loaded& in, const std::optional<std::vector<std::string>>& seeds, Diagnostics& diags);
void verify_schemes(const Loaded& in, Diagnostics& diags);
void verify_disinfection(const Loaded& in, Diagnostics& diags);
void verify_datasets(const Loaded& in, Diagnostics& diags);
void verify_checks(const Loaded& in, Diagnostics& diags);
void verify_forms(const Loaded& in, Diagnostics& diags);
void verify_contact_tracing(const Loaded& in, Diagnostics& diags);

void compile_expressions(Loaded& in, Diagnostics& diags);

// Calls fn(kind, index, header) for every rule.
template <class Fn>
void for_each_header(const RuleSet& rs, Fn fn) {
  for (std::size_t i = 0; i < rs.schemes.size(); ++i) fn(RuleKind::scheme, i, rs.schemes[i].header);
  for (std::size_t i = 0; i < rs.cohorts.size(); ++i) fn(RuleKind::cohort, i, rs.cohorts[i].header);
  for (std::size_t i = 0; i < rs.disinfections.size(); ++i) fn(RuleKind::disinfection, i, rs.disinfections[i].header);
  for (std::size_t i = 0; i < rs.deadlines.size(); ++i) fn(RuleKind::deadline, i, rs.deadlines[i].header);
  for (std::size_t i = 0; i < rs.datasets.size(); ++i) fn(RuleKind::dataset, i, rs.datasets[i].header);
  for (std::size_t i = 0; i < rs.checks.size(); ++i) fn(RuleKind::check, i, rs.checks[i].header);
  for (std::size_t i = 0; i < rs.forms.size(); ++i) fn(RuleKind::form, i, rs.forms[i].header);
  for (std::size_t i = 0; i < rs.contact_tracings.size(); ++i)
    fn(RuleKind::contact_tracing, i, rs.contact_tracings[i].header);
}

}  // namespace fangyi::rules
