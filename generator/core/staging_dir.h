// A folder of outputs written as one: files go into a hidden sibling folder,
// which replaces the target by rename only when everything is written, so a
// failed or killed run leaves the previous folder (or none), never a half.
// A killed process cannot remove its hidden folders itself, so a small
// guardian process (/bin/sh, waiting on a pipe only this process holds)
// tidies up when it ends, however it ends.
#pragma once

#include <sys/types.h>

#include <filesystem>

#include "core/diagnostic.h"

namespace fangyi {

class StagingDir {
 public:
  // Creates the staging folder beside `target`; check ok() before use.
  StagingDir(std::filesystem::path target, Diagnostics& diags);
  StagingDir(const StagingDir&) = delete;
  StagingDir& operator=(const StagingDir&) = delete;
  // Removes the staging folder unless it was committed.
  ~StagingDir();

  bool ok() const { return !path_.empty(); }
  const std::filesystem::path& path() const { return path_; }
  // Puts the staging folder where the target is; an existing target is moved
  // aside first (to `.name.old-…`, the staging name with "old" for "tmp") and
  // removed once the new one is in place.
  bool commit();

 private:
  void start_guardian();
  void stop_guardian();

  std::filesystem::path target_, path_, old_;
  Diagnostics& diags_;
  bool committed_ = false;
  pid_t guardian_ = -1;
  int guardian_pipe_ = -1;  // the write end; closing it wakes the guardian
};

// A hidden name beside `target` that no other run uses: `.name.tag-pid-n`.
std::filesystem::path sibling_path(const std::filesystem::path& target, const std::string& tag);

}  // namespace fangyi
