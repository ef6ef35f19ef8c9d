// Orchestrates the stages of `fangyi build`.
#include "build/project.h"

#include <filesystem>

#include "build/contacts_stage.h"
#include "build/forms_stage.h"
#include "build/site_stage.h"
#include "check/engine.h"
#include "check/report.h"
#include "classify/examples_stage.h"
#include "core/file_io.h"
#include "rules/binary.h"
#include "rules/compiler.h"
#include "rules/explain.h"

namespace fangyi::build {
namespace fs = std::filesystem;

bool build_project(const BuildOptions& options, SourceMap& sources, Diagnostics& diags, BuildResult& result) {
  fs::path dir(options.dir);
  rules::CompileOptions co;
  co.inputs.push_back((dir / "rules").string());
  if (fs::exists(dir / "forms")) co.inputs.push_back((dir / "forms").string());
  co.seeds_dir = options.seeds_dir;
  if (co.seeds_dir.empty() && fs::is_directory(dir / ".." / "shared" / "seeds"))
    co.seeds_dir = (dir / ".." / "shared" / "seeds").string();
  auto rules = rules::compile_rules(co, sources, diags);
  if (!rules) return false;

  fs::path out = dir / "out";
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) {
    diags.error(SourceLocation{out.string(), 0, 0, 1}, Msg::io_cannot_write, {out.string(), ec.message()});
    return false;
  }
  std::string fyb = (out / "rules.fyb").string();
  if (!rules::write_rules_file(fyb, *rules, diags)) return false;
  result.written.push_back(fyb);

  std::string explain_path = (out / "explain.txt").string();
  std::string error;
  if (!write_file_atomic(explain_path, *rules::explain(*rules, "", options.lang), &error)) {
    diags.error(SourceLocation{explain_path, 0, 0, 1}, Msg::io_cannot_write, {explain_path, error});
    return false;
  }
  result.written.push_back(explain_path);

  if (!build_forms(*rules, options.dir, options.today, diags, result.written)) return false;
  if (!build_site(*rules, options.dir, co.seeds_dir, options.lang, diags, result.written)) return false;
  if (!classify::classify_examples(*rules, options.dir, options.today, diags, result.written)) return false;
  if (!build_contacts(*rules, options.dir, diags, result.written)) return false;

  fs::path exports = dir / "examples" / "exports";
  if (!fs::is_directory(exports)) return true;
  check::CheckOptions co2;
  co2.lang = options.lang;
  co2.today = options.today;
  std::vector<std::string> files = check::expand_inputs({exports.string()}, diags);
  check::Report report = check::run_checks(*rules, files, co2, diags);
  std::string report_path = (out / "report.html").string();
  if (!check::write_report(report, check::ReportFormat::html, check::ReportOptions{options.lang, false}, report_path,
                           diags))
    return false;
  result.written.push_back(report_path);
  return !diags.has_errors();
}

}  // namespace fangyi::build
