// Outputs under hostile conditions: a full disk (/dev/full, a file-size
// limit, a tiny tmpfs when one can be mounted) and runs killed part-way
// (SIGKILL at several points of `check -o`, `forms` and `build`). A failed
// write is a clear error with exit code 2 and leaves no file behind; a killed
// run leaves every output either absent or complete, never half-written,
// no hidden temporary behind, and the next run works.
#include <signal.h>
#include <spawn.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <zip.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "hostile.h"

extern char** environ;

namespace fangyi::hostile {
namespace {

std::string case_list_rows(int rows) {
  std::string text = testing::read_all(fs::path(FANGYI_SOURCE_DIR) / "examples/exports/ntu-case-list.csv");
  std::vector<std::string> lines;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    if (end > at) lines.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  std::string out = lines[0] + "\n";
  for (int i = 0; i < rows; ++i) out += lines[1 + i % (lines.size() - 1)] + "\n";
  return out;
}

std::string roster_rows(int rows) {
  std::string text = testing::read_all(fs::path(FANGYI_SOURCE_DIR) / "examples/roster/students.csv");
  std::size_t a = text.find('\n');
  std::string header = text.substr(0, a), body = text.substr(a + 1);
  std::string out = header + "\n";
  while (rows > 0)
    for (std::size_t at = 0; at < body.size() && rows > 0;) {
      std::size_t end = body.find('\n', at);
      if (end == std::string::npos) end = body.size();
      if (end > at) {
        out += body.substr(at, end - at) + "\n";
        --rows;
      }
      at = end + 1;
    }
  return out;
}

using Output = Hostile;

// ---- a full disk

TEST_F(Output, DevFullIsAClearErrorForEveryWriter) {
  write_text(dir() / "cases.csv", case_list_rows(5));
  const std::pair<std::string, std::string> runs[] = {
      {"compile " + q(fs::path(FANGYI_SOURCE_DIR) / "rules") + " " + q(fs::path(FANGYI_SOURCE_DIR) / "forms") +
           " -o /dev/full",
       "error: cannot write '/dev/full': No space left on device"},
      {"check --rules " + rules() + " --today 2022-05-01 cases.csv --format html -o /dev/full",
       "error: cannot write '/dev/full': No space left on device"},
  };
  for (const auto& [args, message] : runs) {
    SCOPED_TRACE(args);
    RunResult r = run(args);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(first_line(r.err).find(message), std::string::npos) << r.err;
  }
  EXPECT_EQ(outputs({"cases.csv"}), std::vector<std::string>{});
}

TEST_F(Output, AFileSizeLimitLeavesNoPartialFile) {
  fs::create_directories(dir() / "out");
  write_text(dir() / "cases.csv", case_list_rows(2000));
  // The shell sets the limit (64 KiB) and ignores SIGXFSZ, so a write past
  // it fails with EFBIG as on a full disk, then runs fangyi in its place.
  auto limited = [&](const std::string& args) {
    std::string cmd = "cd " + q(dir()) + " && trap '' XFSZ && ulimit -f 64 && LANG=C.UTF-8 exec " +
                      testing::run_prefix() + q(FANGYI_BINARY) + " --lang en " + args + " >out.log 2>err.log";
    int status = std::system(cmd.c_str());
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.err = testing::read_all(dir() / "err.log");
    fs::remove(dir() / "out.log");
    fs::remove(dir() / "err.log");
    return r;
  };
  RunResult r = limited("check --rules " + rules() + " --today 2022-05-01 cases.csv --format csv -o out/report.csv");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("out/report.csv: error: cannot write 'out/report.csv': File too large"), std::string::npos)
      << r.err;
  // The forms stop earlier, at libharu's temporary copy of the font.
  r = limited("forms --rules " + rules() + " -o out/forms");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("error: cannot render the PDF of form"), std::string::npos) << r.err;
  // Whatever was written whole stays; nothing half-written, no temporary files.
  for (const auto& e : fs::recursive_directory_iterator(dir() / "out")) {
    if (e.is_directory()) continue;
    std::string name = e.path().filename().string();
    EXPECT_EQ(name.find(".tmp"), std::string::npos) << e.path();
    ASSERT_EQ(e.path().extension(), ".pdf") << e.path();
    std::string pdf = testing::read_all(e.path());
    EXPECT_NE(pdf.rfind("%%EOF"), std::string::npos) << e.path();
    EXPECT_GE(pdf.rfind("%%EOF"), pdf.size() - 8) << e.path();
  }
  EXPECT_FALSE(fs::exists(dir() / "out" / "report.csv"));
}

TEST_F(Output, ATinyTmpfsFillsUpCleanly) {
  fs::path mnt = dir() / "mnt";
  fs::create_directories(mnt);
  if (::geteuid() != 0 || ::mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=64k") != 0)
    GTEST_SKIP() << "cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN); /dev/full and the size limit cover it";
  struct Unmount {
    fs::path p;
    ~Unmount() { ::umount2(p.c_str(), MNT_DETACH); }
  } unmount{mnt};
  fs::create_directories(dir() / "pages");
  write_text(dir() / "pages" / "index.md", "# 首頁\n\n防疫手冊。\n");
  RunResult r = run("site --rules " + rules() + " --pages pages --templates " +
                    q(fs::path(FANGYI_SOURCE_DIR) / "templates") + " -o mnt/site");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("No space left on device"), std::string::npos) << r.err.substr(0, 2000);
  // The site is written into a temporary folder and swapped in whole: a
  // failed run leaves nothing.
  EXPECT_TRUE(fs::is_empty(mnt)) << fs::directory_iterator(mnt)->path();

  r = run("forms --rules " + rules() + " -o mnt/forms");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("No space left on device"), std::string::npos) << r.err.substr(0, 2000);
  for (const auto& e : fs::recursive_directory_iterator(mnt)) {
    if (e.is_directory()) continue;
    EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos) << e.path();
    std::string pdf = testing::read_all(e.path());
    EXPECT_GE(pdf.rfind("%%EOF"), pdf.size() - 8) << e.path();
  }
}

// What `fangyi --lang en ARGS` writes to standard error, and its exit code,
// with its standard output on /dev/full.
RunResult run_into_dev_full(const fs::path& dir, const std::string& args) {
  fs::path err = dir / "stderr.txt";
  std::string cmd = "cd " + q(dir) + " && LANG=C.UTF-8 " + testing::run_prefix() + q(FANGYI_BINARY) + " --lang en " +
                    args + " >/dev/full 2>" + q(err);
  int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = testing::read_all(err);
  fs::remove(err);
  return r;
}

TEST_F(Output, StandardOutputOnAFullDiskIsAnError) {
  write_text(dir() / "cases.csv", case_list_rows(5));
  const std::pair<std::string, std::string> runs[] = {
      {"explain " + rules(), "error: cannot write to standard output: No space left on device"},
      {"diff " + rules() + " " + rules(), "error: cannot write to standard output: No space left on device"},
      {"schedule --rules " + rules() + " --scheme centralized-monitoring --day0 2022-05-01",
       "error: cannot write to standard output: No space left on device"},
      {"check --help", "error: cannot write to standard output: No space left on device"},
      {"check --rules " + rules() + " --today 2022-05-01 cases.csv",
       "error: cannot write to standard output: No space left on device"},
  };
  for (const auto& [args, message] : runs) {
    SCOPED_TRACE(args);
    RunResult r = run_into_dev_full(dir(), args);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(first_line(r.err), message) << r.err;
  }
}

// ---- killed runs

// Starts `fangyi ARGS` in `dir` (quietly); returns its pid.
pid_t start(const fs::path& dir, const std::string& args) {
  std::string cmd = "cd " + q(dir) + " && LANG=C.UTF-8 exec " + testing::run_prefix() + q(FANGYI_BINARY) + " " + args +
                    " >/dev/null 2>&1";
  const char* argv[] = {"/bin/sh", "-c", cmd.c_str(), nullptr};
  pid_t pid = 0;
  EXPECT_EQ(::posix_spawn(&pid, "/bin/sh", nullptr, nullptr, const_cast<char**>(argv), environ), 0);
  return pid;
}

// Whether `path` is a whole output of its kind.
bool complete(const fs::path& path) {
  std::string ext = path.extension().string();
  std::string data = testing::read_all(path);
  if (ext == ".pdf") return data.size() > 8 && data.rfind("%%EOF") >= data.size() - 8;
  if (ext == ".html") return data.find("</html>") != std::string::npos;
  if (ext == ".xlsx") {
    int code = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CHECKCONS | ZIP_RDONLY, &code);
    if (z == nullptr) return false;
    bool has_sheet = zip_name_locate(z, "xl/worksheets/sheet1.xml", 0) >= 0;
    zip_discard(z);
    return has_sheet;
  }
  return !data.empty();
}

// Hidden entries under `root` or beside it with its name: what temporary
// writes would leave (".name.tmp-…" files and staging folders).
std::vector<std::string> hidden_leftovers(const fs::path& root) {
  std::vector<std::string> found;
  std::string prefix = "." + root.filename().string() + ".";
  for (const auto& e : fs::directory_iterator(root.parent_path()))
    if (e.path().filename().string().rfind(prefix, 0) == 0) found.push_back(e.path().string());
  if (!fs::exists(root)) return found;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.path().filename().string().rfind('.', 0) == 0) found.push_back(e.path().string());
  return found;
}

// Waits for the staging guardian, which tidies up right after the process
// it watches dies, and returns what is still left.
std::vector<std::string> leftovers_after_kill(const fs::path& root) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  std::vector<std::string> left = hidden_leftovers(root);
  while (!left.empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    left = hidden_leftovers(root);
  }
  return left;
}

// The outputs under `root` by path, with what each holds (hidden entries are
// checked apart, by hidden_leftovers).
std::map<std::string, std::string> final_outputs(const fs::path& root) {
  std::map<std::string, std::string> out;
  if (!fs::exists(root)) return out;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    std::string name = it->path().filename().string();
    if (name.rfind('.', 0) == 0 || name.find(".tmp") != std::string::npos || name.find(".old-") != std::string::npos) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_directory()) out[fs::relative(it->path(), root).string()] = testing::read_all(it->path());
  }
  return out;
}

// Runs `args` to completion once, then again killed at several points of
// that run's length; after each kill every output under `root` must be
// whole, and one of the outputs of the complete run.
void kill_part_way(const fs::path& dir, const std::string& args, const fs::path& root, bool make_root = false) {
  // `check -o` writes into an existing folder; the others make their own.
  auto fresh = [&] {
    fs::remove_all(root);
    if (make_root) fs::create_directories(root);
  };
  fresh();
  auto t0 = std::chrono::steady_clock::now();
  pid_t pid = start(dir, args);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status)) << args;
  double full = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::map<std::string, std::string> whole = final_outputs(root);
  ASSERT_FALSE(whole.empty()) << args;
  for (const auto& [name, data] : whole) EXPECT_TRUE(complete(root / name)) << name;

  int killed_early = 0;
  for (double fraction : {0.05, 0.2, 0.4, 0.6, 0.8, 0.95}) {
    fresh();
    pid = start(dir, args);
    std::this_thread::sleep_for(std::chrono::duration<double>(full * fraction));
    ::kill(pid, SIGKILL);
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    if (WIFSIGNALED(status)) ++killed_early;
    // Unnamed temporary files vanish with the process; staging folders are
    // removed by their guardian.
    for (const std::string& left : leftovers_after_kill(root))
      ADD_FAILURE() << left << " left behind after a kill at " << fraction;
    for (const auto& [name, data] : final_outputs(root)) {
      SCOPED_TRACE(name + " after a kill at " + std::to_string(fraction));
      ASSERT_TRUE(whole.count(name)) << "not an output of the complete run";
      EXPECT_TRUE(complete(root / name));
      // An XLSX carries its creation time, so its size may differ by a byte
      // between runs; complete() has checked its archive.
      if (fs::path(name).extension() != ".xlsx") {
        EXPECT_EQ(data.size(), whole[name].size());
      }
    }
  }
  EXPECT_GE(killed_early, 3) << args << " finished before most kills (" << full << " s)";
  // A run after the kills works and replaces everything.
  if (make_root) fs::create_directories(root);
  pid = start(dir, args);
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status));
  std::map<std::string, std::string> again = final_outputs(root);
  EXPECT_EQ(again.size(), whole.size());
}

TEST_F(Output, AKilledCheckLeavesNoHalfReport) {
  write_text(dir() / "cases.csv", case_list_rows(20000));
  kill_part_way(dir(), "check --rules " + rules() + " --today 2022-05-01 cases.csv --format xlsx -o out/report.xlsx",
                dir() / "out", true);
}

TEST_F(Output, KilledFormsLeaveOnlyWholePdfs) {
  write_text(dir() / "roster.csv", roster_rows(300));
  kill_part_way(dir(), "forms --rules " + rules() + " --roster roster.csv -o forms", dir() / "forms");
}

TEST_F(Output, AKilledBuildLeavesOnlyWholeOutputs) {
  // A copy of the project, so its out/ is the test's own.
  fs::path project = dir() / "project";
  fs::create_directories(project);
  for (const char* part : {"rules", "forms", "site", "templates", "examples"})
    fs::copy(fs::path(FANGYI_SOURCE_DIR) / part, project / part, fs::copy_options::recursive);
  fs::path seeds = fs::path(FANGYI_SOURCE_DIR) / ".." / "shared" / "seeds";
  std::string args = "build project --today 2022-05-01";
  if (fs::is_directory(seeds)) args += " --seeds " + q(seeds);
  kill_part_way(dir(), args, project / "out");
}

}  // namespace
}  // namespace fangyi::hostile
