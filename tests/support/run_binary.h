// Test helper: runs the real fangyi binary and captures its exit code,
// standard output and standard error.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fangyi::testing {

struct RunResult {
  int exit_code = -1;
  std::string out, err;
};

inline std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A fresh, empty directory for one test.
inline std::filesystem::path scratch_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("fangyi-e2e-" + std::to_string(::getpid())) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// FANGYI_RUN_PREFIX, when set, goes before the binary: tests/valgrind/run.sh
// runs every invocation under valgrind with it.
inline std::string run_prefix() {
  const char* prefix = std::getenv("FANGYI_RUN_PREFIX");
  return prefix != nullptr ? std::string(prefix) + " " : std::string();
}

// Runs `fangyi ARGS` (ARGS is shell-quoted by the caller) in `cwd`.
inline RunResult run_fangyi(const std::string& args, const std::filesystem::path& cwd = FANGYI_SOURCE_DIR,
                            const std::string& stdin_text = "") {
  static int counter = 0;
  auto dir = std::filesystem::temp_directory_path() / ("fangyi-run-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string tag = std::to_string(counter++);
  auto out = dir / (tag + ".out"), err = dir / (tag + ".err"), in = dir / (tag + ".in");
  std::ofstream(in, std::ios::binary) << stdin_text;
  std::string cmd = "cd '" + cwd.string() + "' && LANG=C.UTF-8 " + run_prefix() + "'" + std::string(FANGYI_BINARY) + "' " + args + " <'" +
                    in.string() + "' >'" + out.string() + "' 2>'" + err.string() + "'";
  int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_all(out);
  r.err = read_all(err);
  return r;
}

// The bundled rules/ and forms/ compiled once per test binary by the real
// fangyi.
inline std::filesystem::path compiled_default_rules() {
  static const std::filesystem::path path = [] {
    std::filesystem::path out = scratch_dir("default-rules") / "rules.fyb";
    RunResult r = run_fangyi("compile rules forms -o '" + out.string() + "'");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return out;
  }();
  return path;
}

}  // namespace fangyi::testing
