// Atomic writes and safe reads: no partial output on any failure, devices
// written as streams, inputs never overwritten.
#include "core/file_io.h"
#include "support/temp_dir.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace fangyi {
namespace {

namespace fs = std::filesystem;
using fangyi::testing::TempDir;


using FileIo = TempDir;

TEST_F(FileIo, WritesAndReadsBack) {
  std::string path = dir_ + "/a.txt", error;
  ASSERT_TRUE(write_file_atomic(path, "第一版", &error)) << error;
  ASSERT_TRUE(write_file_atomic(path, "第二版", &error)) << error;
  EXPECT_EQ(read_file(path, &error), "第二版");
  EXPECT_EQ(entries(), std::vector<std::string>{"a.txt"});
}

TEST_F(FileIo, WritesEmptyFiles) {
  std::string path = dir_ + "/empty", error;
  ASSERT_TRUE(write_file_atomic(path, "", &error));
  EXPECT_EQ(read_file(path, &error), "");
}

TEST_F(FileIo, KeepsTheModeOfAnExistingFile) {
  std::string path = dir_ + "/script", error;
  ASSERT_TRUE(write_file_atomic(path, "1", &error));
  ASSERT_EQ(::chmod(path.c_str(), 0750), 0);
  ASSERT_TRUE(write_file_atomic(path, "2", &error));
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0750u);
}

TEST_F(FileIo, MissingDirectoryFailsWithoutCreatingIt) {
  std::string error;
  EXPECT_FALSE(write_file_atomic(dir_ + "/sub/a.txt", "x", &error));
  EXPECT_FALSE(error.empty());
  EXPECT_TRUE(entries().empty());
}

TEST_F(FileIo, FailedRenameLeavesNoTempFile) {
  fs::create_directory(dir_ + "/target");
  std::string error;
  EXPECT_FALSE(write_file_atomic(dir_ + "/target", "x", &error));
  EXPECT_FALSE(error.empty());
  EXPECT_EQ(entries(), std::vector<std::string>{"target"});
  EXPECT_FALSE(write_file_atomic(dir_ + "/", "x", &error));
}

// A full disk, simulated by a file-size limit (EFBIG instead of ENOSPC, the
// same path through write_file_atomic), in a child so the limit stays there.
TEST_F(FileIo, FullDiskLeavesOldContentAndNoTempFile) {
  std::string path = dir_ + "/out.fyb", error;
  ASSERT_TRUE(write_file_atomic(path, "old", &error));
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::signal(SIGXFSZ, SIG_IGN);
    struct rlimit limit {4096, 4096};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    std::string big(100000, 'x'), why;
    bool ok = write_file_atomic(path, big, &why);
    ::_exit(!ok && !why.empty() ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(read_file(path, &error), "old");
  EXPECT_EQ(entries(), std::vector<std::string>{"out.fyb"});
}

TEST_F(FileIo, DevicesAreWrittenAsStreamsNotReplaced) {
  std::string error;
  if (::access("/dev/full", W_OK) == 0) {
    EXPECT_FALSE(write_file_atomic("/dev/full", "x", &error));
    EXPECT_EQ(error, std::error_code(ENOSPC, std::generic_category()).message());
  }
  EXPECT_TRUE(write_file_atomic("/dev/null", "x", &error)) << error;
  struct stat st {};
  ASSERT_EQ(::stat("/dev/null", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
}

TEST_F(FileIo, SymlinkedTargetReplacesTheFileItNames) {
  std::string real = dir_ + "/real", error;
  ASSERT_TRUE(write_file_atomic(real, "old", &error));
  fs::create_symlink(real, dir_ + "/link");
  ASSERT_TRUE(write_file_atomic(dir_ + "/link", "new", &error)) << error;
  EXPECT_TRUE(fs::is_symlink(dir_ + "/link"));
  EXPECT_EQ(read_file(real, &error), "new");
  EXPECT_EQ(entries(), (std::vector<std::string>{"link", "real"}));
}

TEST_F(FileIo, ReadFailuresSayWhy) {
  std::string error;
  EXPECT_FALSE(read_file(dir_ + "/none", &error));
  EXPECT_FALSE(error.empty());
  error.clear();
  EXPECT_FALSE(read_file(dir_, &error));
  EXPECT_FALSE(error.empty());
  ASSERT_TRUE(write_file_atomic(dir_ + "/big", std::string(100, 'x'), &error));
  EXPECT_FALSE(read_file(dir_ + "/big", &error, 99));
  EXPECT_TRUE(read_file(dir_ + "/big", &error, 100));
}

TEST_F(FileIo, SameFileSeesThroughLinksAndSpellings) {
  std::string a = dir_ + "/a", error;
  ASSERT_TRUE(write_file_atomic(a, "x", &error));
  ASSERT_TRUE(write_file_atomic(dir_ + "/b", "x", &error));
  fs::create_symlink(a, dir_ + "/link");
  fs::create_hard_link(a, dir_ + "/hard");
  EXPECT_TRUE(same_file(a, dir_ + "/./a"));
  EXPECT_TRUE(same_file(a, dir_ + "/link"));
  EXPECT_TRUE(same_file(a, dir_ + "/hard"));
  EXPECT_FALSE(same_file(a, dir_ + "/b"));
  EXPECT_FALSE(same_file(a, dir_ + "/none"));
}

// Kills a child that is writing `path` once the unnamed file it writes shows
// among its descriptors (/proc/PID/fd names it "DIR/#INODE (deleted)").
// Returns whether the kill landed part-way.
bool kill_while_writing(const std::string& dir, const std::string& path) {
  pid_t pid = ::fork();
  if (pid < 0) return false;
  if (pid == 0) {
    std::string big(256u << 20, 'x'), why;
    write_file_atomic(path, big, &why);
    ::_exit(0);
  }
  bool seen = false;
  std::string fds = "/proc/" + std::to_string(pid) + "/fd";
  for (int i = 0; i < 20000 && !seen; ++i) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(fds, ec)) {
      std::error_code ignored;
      if (fs::read_symlink(e.path(), ignored).string().rfind(dir + "/#", 0) == 0) seen = true;
    }
    if (!seen) ::usleep(500);
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return seen && WIFSIGNALED(status);
}

TEST_F(FileIo, AKilledWriterLeavesNoTemporaryFile) {
  std::string path = dir_ + "/report.html", error;
  ASSERT_TRUE(kill_while_writing(dir_, path)) << "the writer finished before it could be killed";
  EXPECT_TRUE(entries().empty());
  ASSERT_TRUE(write_file_atomic(path, "old", &error));
  ASSERT_TRUE(kill_while_writing(dir_, path));
  EXPECT_EQ(entries(), std::vector<std::string>{"report.html"});
  EXPECT_EQ(read_file(path, &error), "old");
}

TEST_F(FileIo, AScratchFileForALibraryIsNamedButLeavesNothing) {
  std::string error;
  {
    ScratchFile scratch(dir_ + "/report.xlsx");
    ASSERT_TRUE(scratch.ok());
    // What a library that opens files by name does.
    FILE* f = std::fopen(scratch.name().c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fputs("PK", f);
    std::fclose(f);
    EXPECT_EQ(read_file(scratch.name(), &error), "PK");
    EXPECT_TRUE(entries().empty()) << "unnamed: nothing shows in the folder";
  }
  EXPECT_TRUE(entries().empty());
}

TEST_F(FileIo, StandardOutputFailuresSayWhy) {
  if (::access("/dev/full", W_OK) != 0) GTEST_SKIP() << "no /dev/full";
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    int fd = ::open("/dev/full", O_WRONLY);
    ::dup2(fd, STDOUT_FILENO);
    std::string why;
    bool ok = write_standard_output("防疫", &why);
    ::_exit(!ok && why == std::error_code(ENOSPC, std::generic_category()).message() ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

}  // namespace
}  // namespace fangyi
