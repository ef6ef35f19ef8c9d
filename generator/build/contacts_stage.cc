// Runs `fangyi contacts` on every bundled scenario, with the defaults a
// school would use (ROC dates, the bundled font).
#include "build/contacts_stage.h"

#include <algorithm>
#include <filesystem>

#include "contacts/contacts.h"

namespace fangyi::build {
namespace fs = std::filesystem;

bool build_contacts(const rules::RuleSet& rules, const std::string& dir, Diagnostics& diags,
                    std::vector<std::string>& written) {
  fs::path scenarios = fs::path(dir) / "examples" / "contacts";
  if (rules.contact_tracings.empty() || !fs::is_directory(scenarios)) return true;
  std::vector<fs::path> manifests;
  for (const auto& e : fs::directory_iterator(scenarios))
    if (e.is_regular_file() && e.path().extension() == ".yaml") manifests.push_back(e.path());
  std::sort(manifests.begin(), manifests.end());
  for (const fs::path& manifest : manifests) {
    contacts::ContactsRequest req;
    req.school = manifest.string();
    req.out_dir = (fs::path(dir) / "out" / "contacts" / manifest.stem()).string();
    auto result = contacts::write_contacts(rules, req, diags);
    if (!result) return false;
    for (const std::string& f : result->files) written.push_back((fs::path(req.out_dir) / f).string());
  }
  return true;
}

}  // namespace fangyi::build
