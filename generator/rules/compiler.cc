// Runs the compiler stages in order and makes the result independent of how
// the inputs were named on the command line.
#include "rules/compiler.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <iterator>

#include "core/file_io.h"
#include "rules/load.h"
#include "rules/verify.h"

namespace fangyi::rules {
namespace fs = std::filesystem;

namespace {

bool is_yaml(const fs::path& p) { return p.extension() == ".yaml" || p.extension() == ".yml"; }

// Rewrites every Origin in the model. A visitor over visit(): one walk finds
// origins in every kind, however deeply nested.
template <class Fn>
struct OriginWalker {
  Fn& fn;
  void operator()(Origin& o) { fn(o); }
  template <class T>
  void operator()(std::vector<T>& v) {
    for (auto& e : v) (*this)(e);
  }
  template <class T>
  void operator()(std::optional<T>& v) {
    if (v) (*this)(*v);
  }
  template <class T>
    requires requires(T& t, OriginWalker& w) { t.visit(w); }
  void operator()(T& t) {
    t.visit(*this);
  }
  template <class T>
  void operator()(T&) {}
};

std::vector<std::string> seed_names(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file()) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

std::vector<std::string> rule_files(const std::string& input, Diagnostics& diags) {
  std::vector<std::string> files;
  if (input == "-") return {input};
  std::error_code ec;
  fs::file_status st = fs::status(input, ec);
  if (ec || !fs::exists(st)) {
    diags.error(SourceLocation{input, 0, 0, 1}, Msg::rules_not_found, {input});
    return files;
  }
  if (!fs::is_directory(st)) return {input};
  for (auto it = fs::recursive_directory_iterator(input, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file() && is_yaml(it->path())) files.push_back(it->path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::optional<RuleSet> compile_rules(const CompileOptions& options, SourceMap& sources, Diagnostics& diags) {
  Loaded loaded;
  // Stored origins name files relative to the folder given (rules/a.yaml),
  // so the binary does not depend on where the command was run from.
  std::map<std::string, std::string> stored_name;
  std::size_t file_count = 0;
  for (const std::string& input : options.inputs) {
    fs::path base = fs::path(input).lexically_normal();
    if (base.filename().empty()) base = base.parent_path();
    for (const std::string& file : rule_files(input, diags)) {
      std::string text, error;
      if (file == "-") {
        text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
      } else if (auto t = read_file(file, &error, kMaxRuleFileBytes)) {
        text = std::move(*t);
      } else if (std::error_code ec; fs::file_size(file, ec) > kMaxRuleFileBytes && !ec) {
        diags.error(SourceLocation{file, 0, 0, 1}, Msg::limit_rule_file_too_large,
                    {file, std::to_string(kMaxRuleFileBytes)});
        continue;
      } else {
        diags.error(SourceLocation{file, 0, 0, 1}, Msg::io_cannot_read, {file, error});
        continue;
      }
      ++file_count;
      std::string display = file == "-" ? "<stdin>" : file;
      fs::path rel = fs::path(file).lexically_normal().lexically_relative(base.parent_path());
      stored_name[display] = file == "-" || rel.empty() ? display : rel.generic_string();
      sources.add(display, std::move(text));
      load_file(display, *sources.text(display), loaded, diags);
    }
  }
  if (file_count == 0 && !diags.has_errors()) diags.error(SourceLocation{}, Msg::rules_no_input);

  std::optional<std::vector<std::string>> seeds;
  if (!options.seeds_dir.empty()) {
    if (fs::is_directory(options.seeds_dir))
      seeds = seed_names(options.seeds_dir);
    else
      diags.error(SourceLocation{options.seeds_dir, 0, 0, 1}, Msg::rules_not_found, {options.seeds_dir});
  }
  verify_ids(loaded, diags);
  verify_references(loaded, seeds, diags);
  verify_schemes(loaded, diags);
  verify_disinfection(loaded, diags);
  verify_datasets(loaded, diags);
  verify_checks(loaded, diags);
  verify_forms(loaded, diags);
  verify_contact_tracing(loaded, diags);
  compile_expressions(loaded, diags);
  diags.sort();
  if (diags.has_errors()) return std::nullopt;

  auto rename = [&](Origin& o) {
    auto it = stored_name.find(o.file);
    if (it != stored_name.end()) o.file = it->second;
  };
  OriginWalker<decltype(rename)> walker{rename};
  loaded.rules.visit(walker);
  loaded.rules.canonicalize();
  return std::move(loaded.rules);
}

}  // namespace fangyi::rules
