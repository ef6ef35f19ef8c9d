// Chooses the reader for a file.
#include "check/inputs.h"

#include "check/csv_reader.h"
#include "check/xlsx_reader.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace fangyi::check {

namespace {
bool ends_with(const std::string& s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i]) return false;
  return true;
}
}  // namespace

std::vector<std::string> expand_inputs(const std::vector<std::string>& names, Diagnostics& diags) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& name : names) {
    std::error_code ec;
    if (name == "-" || fs::is_regular_file(name, ec)) {
      out.push_back(name);
    } else if (fs::is_directory(name, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(name, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::string p = it->path().string();
        if (it->is_regular_file() && (ends_with(p, ".csv") || ends_with(p, ".xlsx"))) found.push_back(p);
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else {
      diags.error(SourceLocation{name, 0, 0, 1}, Msg::rules_not_found, {name});
    }
  }
  return out;
}

std::unique_ptr<TableReader> open_table(const std::string& path, const InputOptions& options, Diagnostics& diags) {
  if (ends_with(path, ".xlsx") || ends_with(path, ".xlsm")) return open_xlsx(path, options.sheet, diags);
  CsvOptions csv;
  csv.encoding = options.encoding;
  return open_csv(path, csv, diags);
}

}  // namespace fangyi::check
