// Header matching: score each dataset by the columns it recognises.
#include "check/dataset_match.h"

#include <algorithm>

#include "core/text.h"

namespace fangyi::check {

std::string normalize_header(std::string_view header) {
  if (header.substr(0, 3) == "\xEF\xBB\xBF") header.remove_prefix(3);
  // Full-width spaces (U+3000) are common in Taiwanese spreadsheets.
  std::string s;
  s.reserve(header.size());
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header.substr(i, 3) == "\xE3\x80\x80") {
      s += ' ';
      i += 2;
    } else {
      s += header[i];
    }
  }
  return trim(s);
}

namespace {

struct Candidate {
  const rules::Dataset* dataset;
  std::vector<int> columns;
  int matched = 0;
  std::vector<std::string> missing_required;
};

Candidate score(const rules::Dataset& d, const std::vector<std::string>& headers) {
  Candidate c{&d, std::vector<int>(d.fields.size(), -1), 0, {}};
  for (std::size_t f = 0; f < d.fields.size(); ++f) {
    const auto& field = d.fields[f];
    for (std::size_t col = 0; col < headers.size() && c.columns[f] < 0; ++col) {
      if (headers[col] == field.header ||
          std::find(field.aliases.begin(), field.aliases.end(), headers[col]) != field.aliases.end())
        c.columns[f] = static_cast<int>(col);
    }
    if (c.columns[f] >= 0) ++c.matched;
    else if (field.required) c.missing_required.push_back(field.header);
  }
  return c;
}

}  // namespace

std::optional<DatasetMatch> match_dataset(const rules::RuleSet& rules, const std::vector<std::string>& raw_headers,
                                          const std::string& file, Diagnostics& diags) {
  std::vector<std::string> headers;
  for (const auto& h : raw_headers) headers.push_back(normalize_header(h));
  std::optional<Candidate> best;
  for (const auto& d : rules.datasets) {
    Candidate c = score(d, headers);
    // A complete match beats any incomplete one; then more columns win.
    auto key = [](const Candidate& x) { return std::pair{x.missing_required.empty(), x.matched}; };
    if (!best || key(c) > key(*best)) best = std::move(c);
  }
  if (!best || best->matched == 0) {
    diags.error(SourceLocation{file, 1, 0, 1}, Msg::check_no_dataset, {join(headers, "、")});
    return std::nullopt;
  }
  std::vector<std::string> unexpected;
  for (std::size_t col = 0; col < headers.size(); ++col)
    if (std::find(best->columns.begin(), best->columns.end(), static_cast<int>(col)) == best->columns.end())
      unexpected.push_back(headers[col]);
  if (!best->missing_required.empty()) {
    auto listed = [](const std::vector<std::string>& v) { return v.empty() ? std::string("—") : join(v, "、"); };
    diags.error(SourceLocation{file, 1, 0, 1}, Msg::check_missing_columns,
                {best->dataset->header.id, best->dataset->header.name, listed(best->missing_required),
                 listed(unexpected)});
    return std::nullopt;
  }
  return DatasetMatch{best->dataset, std::move(best->columns), std::move(unexpected)};
}

}  // namespace fangyi::check
