// Whole-file reads and atomic writes on POSIX: temp file + fsync + rename.
#include "core/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <random>
#include <system_error>
#include <utility>

namespace fangyi {
namespace {

std::string reason(int err) { return std::error_code(err, std::generic_category()).message(); }

bool fail(std::string* error, int err) {
  if (error != nullptr) *error = reason(err);
  return false;
}

// Closes a descriptor and, unless released, unlinks the temporary file it
// names, so every early return cleans up.
class TempFile {
 public:
  TempFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  int fd() const { return fd_; }
  const std::string& path() const { return path_; }
  // Closes the descriptor, reporting close's own error (NFS reports late
  // write failures there).
  int close() {
    int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }
  void keep() { path_.clear(); }

 private:
  int fd_;
  std::string path_;
};

bool write_all(int fd, std::string_view data, int* err) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      *err = n < 0 ? errno : EIO;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool write_stream(const std::string& path, std::string_view data, std::string* error) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return fail(error, errno);
  int err = 0;
  bool ok = write_all(fd, data, &err);
  if (::close(fd) != 0 && ok) {
    ok = false;
    err = errno;
  }
  return ok || fail(error, err);
}

// The folder part of `path` ("" for the current one) and the file name.
std::pair<std::string, std::string> split_path(const std::string& path) {
  std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return {"", path};
  return {path.substr(0, slash + 1), path.substr(slash + 1)};
}

// A hidden name beside `path` that no other writer uses: random, so
// concurrent runs do not collide; the caller creates it with O_EXCL (or
// linkat, which fails the same way) and tries another on EEXIST.
std::string temp_name(const std::string& path) {
  auto [dir, base] = split_path(path);
  std::random_device rd;
  uint64_t r = (uint64_t(rd()) << 32) ^ rd();
  char suffix[17];
  std::snprintf(suffix, sizeof suffix, "%016llx", static_cast<unsigned long long>(r));
  return dir + "." + base + ".tmp-" + suffix;
}

constexpr int kNameAttempts = 16;

// A fresh named file beside `path`, for file systems without O_TMPFILE.
int create_temp(const std::string& path, std::string* temp_path) {
  if (split_path(path).second.empty()) {
    errno = EISDIR;
    return -1;
  }
  for (int attempt = 0; attempt < kNameAttempts; ++attempt) {
    *temp_path = temp_name(path);
    int fd = ::open(temp_path->c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  return -1;
}

// A file with no name in the folder of `path` (Linux O_TMPFILE): until it
// is linked in, no way the process ends, SIGKILL included, leaves it
// behind. -1 where the file system does not offer it.
int create_unnamed(const std::string& path, int flags) {
  std::string dir = split_path(path).first;
  return ::open(dir.empty() ? "." : dir.c_str(), O_TMPFILE | flags | O_CLOEXEC, 0666);
}

std::string proc_path(int fd) { return "/proc/self/fd/" + std::to_string(fd); }

// Gives the unnamed file `fd` the name `target`: directly when nothing is
// there (atomic, nothing to clean up), else under a hidden name renamed over
// it. Needs /proc; false with errno set otherwise.
bool link_unnamed(int fd, const std::string& target) {
  std::string from = proc_path(fd);
  if (::linkat(AT_FDCWD, from.c_str(), AT_FDCWD, target.c_str(), AT_SYMLINK_FOLLOW) == 0) return true;
  if (errno != EEXIST) return false;
  for (int attempt = 0; attempt < kNameAttempts; ++attempt) {
    std::string temp = temp_name(target);
    if (::linkat(AT_FDCWD, from.c_str(), AT_FDCWD, temp.c_str(), AT_SYMLINK_FOLLOW) != 0) {
      if (errno == EEXIST) continue;
      return false;
    }
    if (::rename(temp.c_str(), target.c_str()) == 0) return true;
    int err = errno;
    ::unlink(temp.c_str());
    errno = err;
    return false;
  }
  errno = EEXIST;
  return false;
}

// Makes the rename itself durable; best effort, as some file systems refuse
// to sync directories.
void sync_directory(const std::string& path) {
  std::size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

std::optional<std::string> read_file(const std::string& path, std::string* error, std::size_t max_size) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    fail(error, errno);
    return std::nullopt;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    int err = S_ISDIR(st.st_mode) ? EISDIR : errno;
    ::close(fd);
    fail(error, err);
    return std::nullopt;
  }
  if (S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) > max_size) {
    ::close(fd);
    fail(error, EFBIG);
    return std::nullopt;
  }
  std::string out;
  if (S_ISREG(st.st_mode)) {
    // Read in place, as large as the file says it is; a file that grew
    // meanwhile has the rest read below.
    out.resize(static_cast<std::size_t>(st.st_size));
    std::size_t got = 0;
    while (got < out.size()) {
      ssize_t n = ::read(fd, out.data() + got, out.size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        int err = errno;
        ::close(fd);
        fail(error, err);
        return std::nullopt;
      }
      if (n == 0) break;
      got += static_cast<std::size_t>(n);
    }
    out.resize(got);
  }
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      fail(error, err);
      return std::nullopt;
    }
    if (n == 0) break;
    if (static_cast<std::size_t>(n) > max_size - out.size()) {
      ::close(fd);
      fail(error, EFBIG);
      return std::nullopt;
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

bool write_file_atomic(const std::string& path, std::string_view data, std::string* error) {
  // Only regular files are replaced. A terminal, pipe or /dev/null is written
  // as a stream (renaming over a device node would destroy it); anything
  // else is refused. A symlink keeps pointing at the file it names.
  std::string target = path;
  struct stat st {};
  bool exists = ::stat(path.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) return fail(error, EISDIR);
  if (exists && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) return write_stream(path, data, error);
  if (exists && !S_ISREG(st.st_mode)) return fail(error, EINVAL);
  struct stat link {};
  if (exists && ::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
    char* real = ::realpath(path.c_str(), nullptr);
    if (real == nullptr) return fail(error, errno);
    target = real;
    std::free(real);
  }

  if (split_path(target).second.empty()) return fail(error, EISDIR);
  int err = 0;
  if (int fd = create_unnamed(target, O_WRONLY); fd >= 0) {
    TempFile temp(fd, "");
    if (exists && ::fchmod(fd, st.st_mode & 07777) != 0) return fail(error, errno);
    if (!write_all(fd, data, &err)) return fail(error, err);
    if (::fsync(fd) != 0) return fail(error, errno);
    if (link_unnamed(fd, target)) {
      if (temp.close() != 0) return fail(error, errno);
      sync_directory(target);
      return true;
    }
    // Without /proc the file cannot be named: write it again the old way.
    if (errno != ENOENT) return fail(error, errno);
  }

  std::string temp_path;
  int fd = create_temp(target, &temp_path);
  if (fd < 0) return fail(error, errno);
  TempFile temp(fd, temp_path);
  if (exists && ::fchmod(fd, st.st_mode & 07777) != 0) return fail(error, errno);
  if (!write_all(fd, data, &err)) return fail(error, err);
  if (::fsync(fd) != 0) return fail(error, errno);
  if (temp.close() != 0) return fail(error, errno);
  if (::rename(temp.path().c_str(), target.c_str()) != 0) return fail(error, errno);
  temp.keep();
  sync_directory(target);
  return true;
}

bool write_standard_output(std::string_view data, std::string* error) {
  std::cout.flush();
  std::fflush(stdout);
  int err = 0;
  return write_all(STDOUT_FILENO, data, &err) || fail(error, err);
}

ScratchFile::ScratchFile(const std::string& beside) {
  fd_ = create_unnamed(beside, O_RDWR);
  if (fd_ >= 0 && ::access(proc_path(fd_).c_str(), F_OK) == 0) {
    name_ = proc_path(fd_);
    return;
  }
  if (fd_ >= 0) ::close(fd_);
  std::string temp_path;
  fd_ = create_temp(beside, &temp_path);
  if (fd_ < 0) {
    error_ = errno;
    return;
  }
  name_ = temp_path;
  unlink_ = true;
}

ScratchFile::~ScratchFile() {
  if (fd_ >= 0) ::close(fd_);
  if (unlink_) ::unlink(name_.c_str());
}

bool same_file(const std::string& a, const std::string& b) {
  struct stat sa {}, sb {};
  if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return false;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

}  // namespace fangyi
