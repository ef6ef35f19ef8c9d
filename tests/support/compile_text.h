// Test helpers: compile rule YAML given as text, and find the repository's
// default rules and seeds.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "rules/compiler.h"

namespace fangyi::testing {

struct Compiled {
  std::optional<rules::RuleSet> rules;
  Diagnostics diags;
  SourceMap sources;
  std::string rendered(Lang lang = Lang::zh_TW) const { return render_all(diags, sources, lang); }
};

// Writes `yaml` to a fresh temporary file named `name` and compiles it.
inline Compiled compile_yaml(const std::string& yaml, const std::string& name = "test.yaml") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("fangyi-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path file = dir / name;
  std::ofstream(file, std::ios::binary) << yaml;
  Compiled c;
  rules::CompileOptions options;
  options.inputs = {file.string()};
  c.rules = rules::compile_rules(options, c.sources, c.diags);
  fs::remove(file);
  return c;
}

inline std::string source_dir() { return FANGYI_SOURCE_DIR; }

inline std::string seeds_dir() {
  namespace fs = std::filesystem;
  fs::path p = fs::path(FANGYI_SOURCE_DIR) / ".." / "shared" / "seeds";
  return fs::is_directory(p) ? p.string() : std::string();
}

// The bundled default rules and forms, compiled once per test binary.
inline const Compiled& default_rules() {
  static const Compiled c = [] {
    Compiled r;
    rules::CompileOptions options;
    options.inputs = {source_dir() + "/rules", source_dir() + "/forms"};
    options.seeds_dir = seeds_dir();
    r.rules = rules::compile_rules(options, r.sources, r.diags);
    return r;
  }();
  return c;
}

}  // namespace fangyi::testing
