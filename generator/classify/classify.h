// `fangyi classify`: sorts the people of a roster into cohorts and schemes by
// the cohort rules and writes the roster back — every original column and
// cell as read, then the cohort branch, the scheme version in force on day 0,
// day 0, every key date of the person's schedule and what decided it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "check/inputs.h"
#include "core/date.h"
#include "core/diagnostic.h"
#include "core/lang.h"
#include "rules/model.h"

namespace fangyi::classify {

struct ClassifyRequest {
  std::string roster;          // CSV or XLSX file; "-" is stdin (CSV)
  check::InputOptions input;   // encoding, sheet
  DateStyle date_style = DateStyle::roc;  // of the added dates, as the forms print them
  std::optional<Date> today;   // today() in cohort predicates; the system date when unset
};

// People per cohort branch and scheme version, for the summary.
struct BranchCount {
  std::string branch_id, branch_name;
  std::string scheme_id, scheme_name;  // empty when no version could be scheduled
  std::size_t people = 0;
};

struct Classified {
  std::string file;
  std::string dataset, cohort;   // ids
  std::vector<std::string> headers;             // the original ones, then the added ones
  std::vector<std::vector<std::string>> rows;   // as many cells as headers
  std::vector<BranchCount> counts;              // branch order, then first appearance
  std::size_t unmatched = 0;                    // people no branch matched
  std::size_t unscheduled = 0;                  // matched, but no day 0 or scheme version
};

// Reads and classifies the roster; nullopt (with diagnostics) when it cannot
// be read, a cell is bad, or no cohort rule sorts its dataset. People who
// cannot be classified are warnings with their row, not errors.
std::optional<Classified> classify_roster(const rules::RuleSet& rules, const ClassifyRequest& request,
                                          Diagnostics& diags);

// The classified roster as CSV for Excel: UTF-8 with a byte-order mark,
// RFC 4180 quoting, CRLF line ends, formula triggers neutralised.
std::string classified_csv(const Classified& c);

// Writes to `out` atomically: .xlsx (any case) as a workbook, anything else
// as CSV; "-" or empty is CSV on standard output. Refuses to overwrite the
// roster itself.
bool write_classified(const Classified& c, const std::string& out, Diagnostics& diags);

// Counts per branch and scheme, and the people not classified, one per line.
std::string classify_summary(const Classified& c, Lang lang);

}  // namespace fangyi::classify
