// Rosters of datasets no cohort sorts are skipped, not errors: the roster
// folder also feeds forms that need no classification.
#include "classify/examples_stage.h"

#include <filesystem>

#include "classify/classify.h"
#include "rules/cohort.h"

namespace fangyi::classify {
namespace fs = std::filesystem;

bool classify_examples(const rules::RuleSet& rules, const std::string& dir, std::optional<Date> today,
                       Diagnostics& diags, std::vector<std::string>& written) {
  std::vector<std::string> names;
  for (const char* sub : {"roster", "classify"})
    if (fs::is_directory(fs::path(dir) / "examples" / sub)) names.push_back((fs::path(dir) / "examples" / sub).string());
  if (names.empty()) return true;
  fs::path out = fs::path(dir) / "out" / "classify";
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) {
    diags.error(SourceLocation{out.string(), 0, 0, 1}, Msg::io_cannot_write, {out.string(), ec.message()});
    return false;
  }
  for (const std::string& file : check::expand_inputs(names, diags)) {
    ClassifyRequest req;
    req.roster = file;
    req.today = today;
    Diagnostics local;
    std::optional<Classified> c = classify_roster(rules, req, local);
    if (!c) {
      // Only a roster that some cohort rule sorts is this stage's business.
      bool sorted = false;
      for (const Diagnostic& d : local.items()) sorted = sorted || d.message != Msg::classify_no_cohort;
      if (sorted) {
        diags.append(local);
        return false;
      }
      continue;
    }
    diags.append(local);
    std::string path = (out / fs::path(file).stem()).string() + ".csv";
    if (!write_classified(*c, path, diags)) return false;
    written.push_back(path);
  }
  return true;
}

}  // namespace fangyi::classify
