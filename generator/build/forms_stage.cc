// Blank forms use the scheme in force on the build date; pre-filled ones the
// version in force on each person's day 0.
#include "build/forms_stage.h"

#include <filesystem>

#include "check/inputs.h"
#include "pdf/forms.h"

namespace fangyi::build {
namespace fs = std::filesystem;

bool build_forms(const rules::RuleSet& rules, const std::string& dir, std::optional<Date> today, Diagnostics& diags,
                 std::vector<std::string>& written) {
  if (rules.forms.empty()) return true;
  fs::path out = fs::path(dir) / "out" / "forms";
  pdf::FormsRequest req;
  req.today = today;
  req.out_dir = (out / "空白").string();
  auto blank = pdf::write_forms(rules, req, diags);
  if (!blank) return false;
  for (const auto& w : *blank) written.push_back(w.path);

  fs::path rosters = fs::path(dir) / "examples" / "roster";
  if (!fs::is_directory(rosters)) return true;
  for (const std::string& file : check::expand_inputs({rosters.string()}, diags)) {
    req.roster = file;
    req.out_dir = (out / fs::path(file).stem()).string();
    auto filled = pdf::write_forms(rules, req, diags);
    if (!filled) return false;
    for (const auto& w : *filled) written.push_back(w.path);
  }
  return true;
}

}  // namespace fangyi::build
