// Shared by the hostile-input tests: a scratch folder per test, big inputs
// made cheaply (sparse files, streamed writes), the real binary run in that
// folder with English messages, and checks that nothing half-written is left.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/run_binary.h"
#include "support/temp_dir.h"

namespace fangyi::hostile {

namespace fs = std::filesystem;
using testing::RunResult;

inline std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

inline void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  ASSERT_TRUE(out.good()) << path;
}

// Writes `prefix`, then makes the file `size` bytes long without writing the
// rest: a hole of zero bytes that costs no disk and no time.
inline void sparse_file(const fs::path& path, const std::string& prefix, uint64_t size) {
  write_text(path, prefix);
  ASSERT_EQ(::truncate(path.c_str(), static_cast<off_t>(size)), 0) << path;
}

// The first line of the diagnostics (the error itself, without the excerpt).
inline std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// The bundled rules, compiled once per test binary.
inline std::string rules() { return q(testing::compiled_default_rules()); }

class Hostile : public testing::TempDir {
 protected:
  fs::path dir() const { return fs::path(dir_); }

  // `fangyi --lang en ARGS` in the test's folder, timed.
  RunResult run(const std::string& args) {
    auto start = std::chrono::steady_clock::now();
    RunResult r = testing::run_fangyi("--lang en " + args, dir());
    seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
  }
  double seconds() const { return seconds_; }

  // The names under the test's folder other than `inputs`, recursively: what
  // a run left behind.
  std::vector<std::string> outputs(const std::vector<std::string>& inputs) const {
    std::vector<std::string> names;
    for (const auto& e : fs::recursive_directory_iterator(dir_)) {
      std::string rel = fs::relative(e.path(), dir_).string();
      if (std::find(inputs.begin(), inputs.end(), rel) == inputs.end()) names.push_back(rel);
    }
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  double seconds_ = 0;
};

}  // namespace fangyi::hostile
