// Runs render_site over a project folder.
#include "build/site_stage.h"

#include <filesystem>

#include "html/site.h"

namespace fangyi::build {

bool build_site(const rules::RuleSet& rules, const std::string& dir, const std::string& seeds_dir, Lang lang,
                Diagnostics& diags, std::vector<std::string>& written) {
  namespace fs = std::filesystem;
  fs::path root(dir);
  if (!fs::is_directory(root / "site")) return true;
  html::SiteOptions options;
  options.pages_dir = (root / "site").string();
  options.templates_dir = (root / "templates").string();
  options.seeds_dir = seeds_dir;
  options.output_dir = (root / "out" / "site").string();
  options.rules = &rules;
  options.lang = lang;
  html::SiteResult result;
  if (!html::render_site(options, diags, result)) return false;
  written.push_back(options.output_dir);
  return true;
}

}  // namespace fangyi::build
