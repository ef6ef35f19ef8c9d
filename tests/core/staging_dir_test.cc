// Staging folders: committed whole, removed on failure, and tidied by the
// guardian when the process that made them is killed.
#include "core/staging_dir.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace fangyi {
namespace {

namespace fs = std::filesystem;

void put(const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::binary) << text; }

std::string get(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class StagingDirTest : public fangyi::testing::TempDir {
 protected:
  // The folder's entries once the guardian has had time to act (it runs
  // right after the process it watches ends).
  std::vector<std::string> settled(const std::vector<std::string>& expected) const {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    std::vector<std::string> now = entries();
    while (now != expected && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      now = entries();
    }
    return now;
  }
};

// Forks a child that stages a new "site", runs `step` inside it, then dies by
// SIGKILL: what a killed `fangyi site` leaves.
template <class Step>
void killed_child(const fs::path& target, Step step) {
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    Diagnostics diags;
    StagingDir staging(target, diags);
    if (!staging.ok()) ::_exit(3);
    put(staging.path() / "index.html", "new");
    step(staging);
    ::raise(SIGKILL);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status));
}

TEST_F(StagingDirTest, CommitReplacesTheFolderWhole) {
  fs::path target = fs::path(dir_) / "site";
  fs::create_directory(target);
  put(target / "old.html", "old");
  Diagnostics diags;
  {
    StagingDir staging(target, diags);
    ASSERT_TRUE(staging.ok());
    put(staging.path() / "index.html", "new");
    EXPECT_EQ(get(target / "old.html"), "old") << "untouched until the commit";
    ASSERT_TRUE(staging.commit());
  }
  EXPECT_TRUE(diags.empty());
  EXPECT_EQ(entries(), std::vector<std::string>{"site"});
  EXPECT_EQ(get(target / "index.html"), "new");
  EXPECT_FALSE(fs::exists(target / "old.html"));
}

TEST_F(StagingDirTest, AFolderNotCommittedIsRemoved) {
  fs::path target = fs::path(dir_) / "site";
  Diagnostics diags;
  {
    StagingDir staging(target, diags);
    ASSERT_TRUE(staging.ok());
    put(staging.path() / "index.html", "half");
  }
  EXPECT_TRUE(entries().empty());
}

TEST_F(StagingDirTest, AKilledRunLeavesThePreviousFolderAndNothingHidden) {
  fs::path target = fs::path(dir_) / "site";
  fs::create_directory(target);
  put(target / "index.html", "old");
  killed_child(target, [](StagingDir&) {});
  EXPECT_EQ(settled({"site"}), std::vector<std::string>{"site"});
  EXPECT_EQ(get(target / "index.html"), "old");
}

TEST_F(StagingDirTest, AKilledRunWithNoPreviousFolderLeavesNothing) {
  killed_child(fs::path(dir_) / "site", [](StagingDir&) {});
  EXPECT_EQ(settled({}), std::vector<std::string>{});
}

// Killed between the commit's two renames: the old folder is aside and the
// new one not yet in place. The guardian puts the old one back.
TEST_F(StagingDirTest, AKilledCommitPutsThePreviousFolderBack) {
  fs::path target = fs::path(dir_) / "site";
  fs::create_directory(target);
  put(target / "index.html", "old");
  killed_child(target, [&](StagingDir& staging) {
    std::string name = staging.path().filename().string();
    fs::rename(target, staging.path().parent_path() / name.replace(name.rfind(".tmp-"), 5, ".old-"));
  });
  EXPECT_EQ(settled({"site"}), std::vector<std::string>{"site"});
  EXPECT_EQ(get(target / "index.html"), "old");
}

TEST_F(StagingDirTest, TheGuardianDoesNotHoldTheCallersPipes) {
  // A caller reading our output through a pipe sees its end as soon as we
  // exit, not when the guardian does.
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::close(fds[0]);
    ::dup2(fds[1], STDERR_FILENO);
    Diagnostics diags;
    StagingDir staging(fs::path(dir_) / "site", diags);
    ::raise(SIGKILL);
  }
  ::close(fds[1]);
  char c;
  EXPECT_EQ(::read(fds[0], &c, 1), 0);
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_EQ(settled({}), std::vector<std::string>{});
}

}  // namespace
}  // namespace fangyi
