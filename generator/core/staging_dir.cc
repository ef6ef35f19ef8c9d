// Staging folders: created with a name unique to the process, committed
// with two renames (old aside, new in), and removed on every other path;
// the guardian covers the paths this process cannot take (SIGKILL).
#include "core/staging_dir.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>

extern char** environ;

namespace fangyi {

namespace fs = std::filesystem;

fs::path sibling_path(const fs::path& target, const std::string& tag) {
  static std::atomic<unsigned> counter{0};
  return target.parent_path() /
         ("." + target.filename().string() + "." + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
}

StagingDir::StagingDir(fs::path target, Diagnostics& diags) : target_(std::move(target)), diags_(diags) {
  target_ = fs::absolute(target_).lexically_normal();
  if (target_.filename().empty()) target_ = target_.parent_path();
  std::error_code ec;
  fs::create_directories(target_.parent_path(), ec);
  fs::path tmp = sibling_path(target_, "tmp");
  if (!ec) fs::create_directory(tmp, ec);
  if (ec) {
    diags_.error(SourceLocation{target_.string(), 0, 0, 1}, Msg::io_cannot_write, {target_.string(), ec.message()});
    return;
  }
  path_ = tmp;
  // The old folder waits under the staging folder's name with "old" for
  // "tmp", so the pair is easy to tell apart from another run's.
  std::string name = path_.filename().string();
  old_ = path_.parent_path() / name.replace(name.rfind(".tmp-"), 5, ".old-");
  start_guardian();
}

StagingDir::~StagingDir() {
  if (!committed_ && !path_.empty()) {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  stop_guardian();
}

namespace {

// Run when the pipe closes: if the process died between moving the old
// folder aside and putting the new one in place, the old one goes back;
// then both hidden folders go. Every step is a no-op after a clean run.
// Interrupts are ignored so that Ctrl-C, which reaches the whole process
// group, stops fangyi but not its tidying up.
constexpr const char* kGuardianScript =
    "trap '' INT TERM HUP QUIT; cat >/dev/null; "
    "[ -e \"$1\" ] || [ ! -e \"$3\" ] || mv -fT -- \"$3\" \"$1\"; rm -rf -- \"$2\" \"$3\"";

}  // namespace

void StagingDir::start_guardian() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return;
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  // Nothing else of ours stays open in it (a caller reading our output
  // through a pipe would otherwise wait for the guardian too).
  posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
  sigset_t blocked;
  sigemptyset(&blocked);
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&blocked, sig);
  posix_spawnattr_setsigmask(&attr, &blocked);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
  std::string target = target_.string(), staging = path_.string(), old = old_.string();
  const char* argv[] = {"sh", "-c", kGuardianScript, "fangyi-staging-guardian", target.c_str(), staging.c_str(),
                        old.c_str(), nullptr};
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, "/bin/sh", &actions, &attr, const_cast<char**>(argv), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(fds[0]);
  if (rc != 0) {
    // Without a guardian the folders are still removed on every path but
    // SIGKILL, as before.
    ::close(fds[1]);
    return;
  }
  guardian_ = pid;
  guardian_pipe_ = fds[1];
}

void StagingDir::stop_guardian() {
  if (guardian_ < 0) return;
  ::close(guardian_pipe_);
  int status = 0;
  while (::waitpid(guardian_, &status, 0) < 0 && errno == EINTR) {
  }
  guardian_ = -1;
}

bool StagingDir::commit() {
  std::error_code ec;
  fs::path old;
  auto fail = [&](const fs::path& where) {
    diags_.error(SourceLocation{where.string(), 0, 0, 1}, Msg::io_cannot_write, {where.string(), ec.message()});
    return false;
  };
  if (fs::exists(target_, ec)) {
    old = old_;
    fs::rename(target_, old, ec);
    if (ec) return fail(target_);
  }
  fs::rename(path_, target_, ec);
  if (ec) {
    std::error_code ignored;
    if (!old.empty()) fs::rename(old, target_, ignored);
    return fail(target_);
  }
  committed_ = true;
  if (!old.empty()) fs::remove_all(old, ec);
  return true;
}

}  // namespace fangyi
