// Staging folders: committed whole, removed on failure, and tidied by the
// guardian when the process that made them is killed.
#include "core/staging_dir.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <optional>
#include <utility>
#include <string>
#include <string_view>
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

struct stat info(const fs::path& file) {
  struct stat st {};
  EXPECT_EQ(::lstat(file.c_str(), &st), 0) << file;
  return st;
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

// A nested old folder goes too (it is removed by descriptors).
TEST_F(StagingDirTest, CommitRemovesTheOldFolderWithItsSubfolders) {
  fs::path target = fs::path(dir_) / "site";
  fs::create_directories(target / "assets" / "deep");
  put(target / "assets" / "deep" / "a.js", "old");
  fs::create_symlink("assets", target / "link");
  Diagnostics diags;
  {
    StagingDir staging(target, diags);
    ASSERT_TRUE(staging.ok());
    EXPECT_EQ(staging.write("index.html", "new"), std::nullopt);
    ASSERT_TRUE(staging.commit());
  }
  EXPECT_EQ(entries(), std::vector<std::string>{"site"});
  EXPECT_EQ(get(target / "index.html"), "new");
  EXPECT_FALSE(fs::exists(target / "assets"));
}

// write() links a file of the previous folder that has exactly the new
// bytes instead of writing it again; every other file is new, and the
// previous folder stays as it was until the commit.
TEST_F(StagingDirTest, WriteLinksUnchangedFilesOfThePreviousFolder) {
  fs::path target = fs::path(dir_) / "site";
  Diagnostics diags;
  {
    // The previous folder as write() makes files (their mode follows the umask).
    StagingDir previous(target, diags);
    ASSERT_TRUE(previous.ok());
    fs::create_directory(previous.path() / "assets");
    for (auto [name, text] : {std::pair{"same.html", "same"}, {"changed.html", "old"}, {"longer.html", "same"},
                              {"assets/a.js", "js"}})
      ASSERT_EQ(previous.write(name, text), std::nullopt);
    ASSERT_TRUE(previous.commit());
  }
  ino_t same = info(target / "same.html").st_ino, changed = info(target / "changed.html").st_ino;
  {
    StagingDir staging(target, diags);
    ASSERT_TRUE(staging.ok());
    fs::create_directory(staging.path() / "assets");
    EXPECT_EQ(staging.write("same.html", "same"), std::nullopt);
    EXPECT_EQ(staging.write("changed.html", "new"), std::nullopt);
    EXPECT_EQ(staging.write("longer.html", "same, and more"), std::nullopt);
    EXPECT_EQ(staging.write("assets/a.js", "js"), std::nullopt);
    EXPECT_EQ(staging.write("added.html", "added"), std::nullopt);
    EXPECT_EQ(info(staging.path() / "same.html").st_ino, same);
    EXPECT_EQ(info(staging.path() / "same.html").st_nlink, 2u);
    EXPECT_EQ(info(staging.path() / "assets" / "a.js").st_ino, info(target / "assets" / "a.js").st_ino);
    EXPECT_NE(info(staging.path() / "changed.html").st_ino, changed);
    EXPECT_EQ(get(target / "changed.html"), "old") << "the previous folder is not written to";
    EXPECT_EQ(get(target / "longer.html"), "same");
    ASSERT_TRUE(staging.commit());
  }
  EXPECT_TRUE(diags.empty());
  EXPECT_EQ(entries(), std::vector<std::string>{"site"});
  EXPECT_EQ(get(target / "same.html"), "same");
  EXPECT_EQ(info(target / "same.html").st_nlink, 1u);
  EXPECT_EQ(get(target / "changed.html"), "new");
  EXPECT_EQ(get(target / "longer.html"), "same, and more");
  EXPECT_EQ(get(target / "added.html"), "added");
}

// A file given in parts is their bytes one after another, however many
// (more than one writev takes), and is compared with the previous one
// across the parts' boundaries.
TEST_F(StagingDirTest, WriteTakesTheFileInParts) {
  fs::path target = fs::path(dir_) / "site";
  std::string whole;
  std::vector<std::string> pieces;
  for (int i = 0; i < 3000; ++i) {
    pieces.push_back(i % 7 == 0 ? "" : std::string(static_cast<std::size_t>(i % 5 + 1), static_cast<char>('a' + i % 26)));
    whole += pieces.back();
  }
  std::vector<std::string_view> parts(pieces.begin(), pieces.end());
  Diagnostics diags;
  {
    StagingDir previous(target, diags);
    ASSERT_TRUE(previous.ok());
    ASSERT_EQ(previous.write("parts.html", parts), std::nullopt);
    ASSERT_EQ(previous.write("other.html", whole), std::nullopt);
    ASSERT_TRUE(previous.commit());
  }
  EXPECT_EQ(get(target / "parts.html"), whole);
  StagingDir staging(target, diags);
  ASSERT_TRUE(staging.ok());
  EXPECT_EQ(staging.write("parts.html", std::vector<std::string_view>{std::string_view(whole).substr(0, 1000),
                                                                       std::string_view(whole).substr(1000)}),
            std::nullopt);
  EXPECT_EQ(info(staging.path() / "parts.html").st_ino, info(target / "parts.html").st_ino) << "the same bytes";
  std::string changed = pieces.back();
  changed.back() = '!';
  parts.back() = changed;
  EXPECT_EQ(staging.write("other.html", parts), std::nullopt);
  EXPECT_NE(info(staging.path() / "other.html").st_ino, info(target / "other.html").st_ino) << "the last byte differs";
  EXPECT_EQ(get(staging.path() / "other.html"), whole.substr(0, whole.size() - 1) + "!");
  EXPECT_TRUE(diags.empty());
}

// Not linked: a file with other links (it would change with them), with
// other permissions than a new file gets, or not a regular file.
TEST_F(StagingDirTest, WriteDoesNotLinkFilesThatWouldDifferFromANewOne) {
  fs::path target = fs::path(dir_) / "site";
  fs::create_directory(target);
  put(target / "linked.html", "x");
  fs::create_hard_link(target / "linked.html", fs::path(dir_) / "elsewhere.html");
  put(target / "private.html", "x");
  fs::permissions(target / "private.html", fs::perms::owner_read | fs::perms::owner_write);
  put(fs::path(dir_) / "pointed.html", "x");
  fs::create_symlink(fs::path(dir_) / "pointed.html", target / "symlink.html");
  Diagnostics diags;
  StagingDir staging(target, diags);
  ASSERT_TRUE(staging.ok());
  for (const char* name : {"linked.html", "private.html", "symlink.html"}) {
    EXPECT_EQ(staging.write(name, "x"), std::nullopt) << name;
    struct stat st = info(staging.path() / name);
    EXPECT_TRUE(S_ISREG(st.st_mode)) << name;
    EXPECT_EQ(st.st_nlink, 1u) << name;
    EXPECT_NE(st.st_ino, info(target / name).st_ino) << name;
    EXPECT_EQ(get(staging.path() / name), "x");
  }
}

TEST_F(StagingDirTest, WriteSaysWhyItFailed) {
  Diagnostics diags;
  StagingDir staging(fs::path(dir_) / "site", diags);
  ASSERT_TRUE(staging.ok());
  EXPECT_NE(staging.write("no-such-folder/a.html", "x"), std::nullopt);
  EXPECT_EQ(staging.write("a.html", "x"), std::nullopt);
  EXPECT_NE(staging.write("a.html", "x"), std::nullopt) << "a file is written once";
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

// Files linked from the previous folder are the previous folder's own:
// a killed run takes away its links and leaves them as they were.
TEST_F(StagingDirTest, AKilledRunWithLinkedFilesLeavesThePreviousFolderWhole) {
  fs::path target = fs::path(dir_) / "site";
  {
    Diagnostics diags;
    StagingDir previous(target, diags);
    ASSERT_TRUE(previous.ok());
    ASSERT_EQ(previous.write("same.html", "same"), std::nullopt);
    ASSERT_TRUE(previous.commit());
  }
  killed_child(target, [&](StagingDir& staging) {
    // Linked, or the child ends otherwise than killed and the test fails.
    struct stat st {};
    if (staging.write("same.html", "same") || ::stat((staging.path() / "same.html").c_str(), &st) != 0 ||
        st.st_nlink != 2)
      ::_exit(4);
  });
  EXPECT_EQ(settled({"site"}), std::vector<std::string>{"site"});
  EXPECT_EQ(get(target / "same.html"), "same");
  EXPECT_EQ(info(target / "same.html").st_nlink, 1u);
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
