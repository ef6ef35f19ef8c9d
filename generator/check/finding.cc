// Report helpers shared by every format.
#include "check/finding.h"

#include <algorithm>

namespace fangyi::check {

const char* severity_id(rules::CheckSeverity s) {
  switch (s) {
    case rules::CheckSeverity::info: return "info";
    case rules::CheckSeverity::warning: return "warning";
    case rules::CheckSeverity::error: return "error";
    case rules::CheckSeverity::serious: return "serious";
  }
  return "error";
}

std::size_t Report::count(rules::CheckSeverity at_least) const {
  return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(),
                                                [&](const Finding& f) { return f.severity >= at_least; }));
}

}  // namespace fangyi::check
