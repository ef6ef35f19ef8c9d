// `fangyi build [DIR]`: the main job. Runs every stage that exists over a
// project folder — compile DIR/rules and DIR/forms into DIR/out/rules.fyb,
// write DIR/out/explain.txt, render the forms and the handbook, classify the
// example rosters, trace the example confirmed cases into DIR/out/contacts/,
// check the exports in DIR/examples/exports into DIR/out/report.html —
// writing each output atomically.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/diagnostic.h"
#include "core/lang.h"

namespace fangyi::build {

struct BuildOptions {
  std::string dir = ".";
  std::string seeds_dir;  // empty: DIR/../shared/seeds when it exists
  Lang lang = Lang::zh_TW;
  std::optional<Date> today;  // for checks; the system date when unset
};

struct BuildResult {
  std::vector<std::string> written;  // output paths, in order
};

// False when a stage failed; the diagnostics say why.
bool build_project(const BuildOptions& options, SourceMap& sources, Diagnostics& diags, BuildResult& result);

}  // namespace fangyi::build
