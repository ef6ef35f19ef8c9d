// Staging folders: created with a name unique to the process, committed
// with two renames (old aside, new in), and removed on every other path.
#include "core/staging_dir.h"

#include <unistd.h>

#include <atomic>

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
}

StagingDir::~StagingDir() {
  if (committed_ || path_.empty()) return;
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

bool StagingDir::commit() {
  std::error_code ec;
  fs::path old;
  auto fail = [&](const fs::path& where) {
    diags_.error(SourceLocation{where.string(), 0, 0, 1}, Msg::io_cannot_write, {where.string(), ec.message()});
    return false;
  };
  if (fs::exists(target_, ec)) {
    old = sibling_path(target_, "old");
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
