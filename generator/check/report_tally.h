// Findings counted and grouped the ways the summaries of every format need:
// by severity, by rule, by school, and the findings of each school in turn.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "check/finding.h"

namespace fangyi::check {

// Counts indexed by CheckSeverity (info = 0 ... serious = 3).
using SeverityCounts = std::array<std::size_t, 4>;

inline std::size_t& at(SeverityCounts& c, rules::CheckSeverity s) { return c[static_cast<std::size_t>(s)]; }
inline std::size_t at(const SeverityCounts& c, rules::CheckSeverity s) { return c[static_cast<std::size_t>(s)]; }

struct RuleCount {
  std::string id;
  std::string name;      // may be empty
  std::string citation;  // may be empty
  // The rule's own severity; for a rule the report does not describe, the
  // most severe of its findings.
  rules::CheckSeverity severity = rules::CheckSeverity::info;
  std::size_t findings = 0;
};

struct OrganisationCount {
  std::string organisation;  // "" when the findings name no school
  SeverityCounts by_severity{};
  std::size_t findings = 0;
};

struct Tally {
  SeverityCounts by_severity{};
  // Every rule that ran or has findings: most findings first, then by id.
  std::vector<RuleCount> rules;
  // Every school with findings: most findings first, then by name.
  std::vector<OrganisationCount> organisations;
};

Tally tally(const Report& report);

struct OrganisationFindings {
  std::string organisation;
  std::vector<const Finding*> findings;  // in report order
};

// The findings of each school, schools by name with "no school" last, so a
// supervisor reads one school at a time.
std::vector<OrganisationFindings> group_by_organisation(const Report& report);

}  // namespace fangyi::check
