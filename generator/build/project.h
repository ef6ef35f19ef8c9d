// `fangyi build [DIR]`: the main job. Runs every stage that exists over a
// project folder — compile DIR/rules and DIR/forms into DIR/out/rules.fyb and
// write DIR/out/explain.txt — writing each output atomically.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/lang.h"

namespace fangyi::build {

struct BuildOptions {
  std::string dir = ".";
  std::string seeds_dir;  // empty: DIR/../shared/seeds when it exists
  Lang lang = Lang::zh_TW;
};

struct BuildResult {
  std::vector<std::string> written;  // output paths, in order
};

// False when a stage failed; the diagnostics say why.
bool build_project(const BuildOptions& options, SourceMap& sources, Diagnostics& diags, BuildResult& result);

}  // namespace fangyi::build
