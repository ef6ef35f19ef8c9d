// A folder of outputs written as one: files go into a hidden sibling folder,
// which replaces the target by rename only when everything is written, so a
// failed or killed run leaves the previous folder (or none), never a half.
// A killed process cannot remove its hidden folders itself, so a small
// guardian process (/bin/sh, waiting on a pipe only this process holds)
// tidies up when it ends, however it ends.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

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
  // Writes the file `relative` of the staging folder (its folder must exist)
  // with `data`; nullopt when done, else the system's reason. Where the
  // folder being replaced holds the same file unchanged (same name, exactly
  // these bytes; a regular file of ours, linked nowhere else, with the mode
  // a new file gets), that file is linked in instead: it keeps its time,
  // like `cmake -E copy_if_different`, the previous folder's contents stay
  // as they were, and removing it at commit frees no file, so a rebuild
  // costs no new inodes (the dearest part of writing a site on some file
  // systems). Safe from several threads for different files.
  std::optional<std::string> write(const std::string& relative, std::string_view data) const;
  // The same with the file's bytes in parts, one after another: a large
  // file made of many pieces (the handbook's print view and search index)
  // is compared and written from them, never copied into one buffer.
  std::optional<std::string> write(const std::string& relative, std::span<const std::string_view> parts) const;
  // Puts the staging folder where the target is; an existing target is moved
  // aside first (to `.name.old-…`, the staging name with "old" for "tmp") and
  // removed once the new one is in place.
  bool commit();

 private:
  void start_guardian();
  void stop_guardian();
  bool unchanged(int previous, std::span<const std::string_view> parts) const;

  std::filesystem::path target_, path_, old_;
  Diagnostics& diags_;
  bool committed_ = false;
  pid_t guardian_ = -1;
  int guardian_pipe_ = -1;  // the write end; closing it wakes the guardian
  int staging_fd_ = -1;     // the staging folder, for writing relative to it
  int previous_fd_ = -1;    // the folder it replaces, when there is one
  // What a file created in the staging folder gets: its owner and mode.
  uid_t uid_ = 0;
  gid_t gid_ = 0;
  mode_t file_mode_ = 0;
};

// A hidden name beside `target` that no other run uses: `.name.tag-pid-n`.
std::filesystem::path sibling_path(const std::filesystem::path& target, const std::string& tag);

}  // namespace fangyi
