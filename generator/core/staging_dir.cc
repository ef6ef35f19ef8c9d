// Staging folders: created with a name unique to the process, committed
// with two renames (old aside, new in), and removed on every other path;
// the guardian covers the paths this process cannot take (SIGKILL).
#include "core/staging_dir.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstring>
#include <system_error>
#include <vector>

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
  struct stat st {};
  if (!ec) {
    staging_fd_ = ::open(tmp.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (staging_fd_ < 0 || ::fstat(staging_fd_, &st) != 0) {
      ec = std::error_code(errno, std::generic_category());
      std::error_code ignored;
      fs::remove(tmp, ignored);
    }
  }
  if (ec) {
    diags_.error(SourceLocation{target_.string(), 0, 0, 1}, Msg::io_cannot_write, {target_.string(), ec.message()});
    return;
  }
  path_ = tmp;
  // A new file gets the folder's owner and group (the group as the folder's
  // own was chosen) and the permissions the folder's show the umask leaves.
  uid_ = st.st_uid;
  gid_ = st.st_gid;
  file_mode_ = st.st_mode & 0644;
  previous_fd_ = ::open(target_.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
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
  if (staging_fd_ >= 0) ::close(staging_fd_);
  if (previous_fd_ >= 0) ::close(previous_fd_);
  stop_guardian();
}

namespace {

std::string reason(int err) { return std::error_code(err, std::generic_category()).message(); }

// Removes the folder `name` of the folder `parent` with all it holds: by
// descriptors, one unlinkat per entry with no stat (a site is a thousand
// files); false when anything is left.
bool remove_tree_at(int parent, const char* name) {
  int fd = ::openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  DIR* dir = ::fdopendir(fd);
  if (dir == nullptr) {
    ::close(fd);
    return false;
  }
  bool ok = true;
  while (const dirent* e = ::readdir(dir)) {
    std::string_view entry = e->d_name;
    if (entry == "." || entry == "..") continue;
    if (e->d_type == DT_DIR) {
      ok = remove_tree_at(fd, e->d_name) && ok;
    } else if (::unlinkat(fd, e->d_name, 0) != 0) {
      // Where the type is not told, unlinking a folder says so.
      if (errno == EISDIR)
        ok = remove_tree_at(fd, e->d_name) && ok;
      else if (errno != ENOENT)
        ok = false;
    }
  }
  ::closedir(dir);
  return ::unlinkat(parent, name, AT_REMOVEDIR) == 0 && ok;
}

}  // namespace

// Whether the open file `previous` holds exactly the parts, one after
// another, read in pieces (the search index is megabytes). As fstat saw it:
// a file someone changes while fangyi runs could change after the
// comparison as well.
bool StagingDir::unchanged(int previous, std::span<const std::string_view> parts) const {
  std::size_t size = 0;
  for (std::string_view part : parts) size += part.size();
  struct stat st {};
  if (::fstat(previous, &st) != 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1 || st.st_uid != uid_ ||
      st.st_gid != gid_ || (st.st_mode & 07777) != file_mode_ || static_cast<std::size_t>(st.st_size) != size)
    return false;
  char buf[65536];
  std::size_t part = 0, at = 0;  // where the comparison is in the parts
  while (size > 0) {
    ssize_t n = ::read(previous, buf, std::min(sizeof buf, size));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    size -= static_cast<std::size_t>(n);
    for (std::string_view read(buf, static_cast<std::size_t>(n)); !read.empty();) {
      if (at == parts[part].size()) {
        ++part;
        at = 0;
        continue;
      }
      const std::size_t length = std::min(read.size(), parts[part].size() - at);
      if (std::memcmp(read.data(), parts[part].data() + at, length) != 0) return false;
      read.remove_prefix(length);
      at += length;
    }
  }
  return true;
}

std::optional<std::string> StagingDir::write(const std::string& relative, std::string_view data) const {
  return write(relative, std::span<const std::string_view>(&data, 1));
}

std::optional<std::string> StagingDir::write(const std::string& relative,
                                             std::span<const std::string_view> parts) const {
  if (previous_fd_ >= 0) {
    int previous = ::openat(previous_fd_, relative.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (previous >= 0) {
      bool same = unchanged(previous, parts);
      ::close(previous);
      // Where linking is refused (a file system without hard links), the
      // file is written as it would be otherwise.
      if (same && ::linkat(previous_fd_, relative.c_str(), staging_fd_, relative.c_str(), 0) == 0) return std::nullopt;
    }
  }
  int fd = ::openat(staging_fd_, relative.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) return reason(errno);
  // The parts go out IOV_MAX at a time; a short write resumes inside the
  // part it stopped in.
  std::vector<iovec> pending;
  for (std::string_view part : parts)
    if (!part.empty()) pending.push_back(iovec{const_cast<char*>(part.data()), part.size()});
  for (std::size_t next = 0; next < pending.size();) {
    const int count = static_cast<int>(std::min<std::size_t>(pending.size() - next, IOV_MAX));
    ssize_t n = ::writev(fd, pending.data() + next, count);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      std::string error = reason(n < 0 ? errno : EIO);
      ::close(fd);
      return error;
    }
    for (auto done = static_cast<std::size_t>(n); done > 0;) {
      const std::size_t in_part = std::min(done, pending[next].iov_len);
      pending[next].iov_base = static_cast<char*>(pending[next].iov_base) + in_part;
      pending[next].iov_len -= in_part;
      done -= in_part;
      if (pending[next].iov_len == 0) ++next;
    }
  }
  if (::close(fd) != 0) return reason(errno);
  return std::nullopt;
}

namespace {

// Run when the pipe closes: if the process died between moving the old
// folder aside and putting the new one in place, the old one goes back;
// then both hidden folders go. Every step is a no-op after a clean run.
// Interrupts are ignored so that Ctrl-C, which reaches the whole process
// group, stops fangyi but not its tidying up. After a clean run only shell
// built-ins run (waiting, testing), so the wait for the guardian at the end
// starts no further process.
constexpr const char* kGuardianScript =
    "trap '' INT TERM HUP QUIT; while read -r _; do :; done; "
    "[ -e \"$1\" ] || [ ! -e \"$3\" ] || mv -fT -- \"$3\" \"$1\"; "
    "if [ -e \"$2\" ] || [ -e \"$3\" ]; then rm -rf -- \"$2\" \"$3\"; fi";

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
  if (!old.empty() && !remove_tree_at(AT_FDCWD, old.c_str())) fs::remove_all(old, ec);
  return true;
}

}  // namespace fangyi
