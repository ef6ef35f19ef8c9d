// A reading thread's worker: turns a batch's rows into values, runs the row
// checks and encodes what the case and organisation phases keep. One per
// thread. Interface: Worker::process. Used by the pipeline of
// engine_read.cc.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "check/cells.h"
#include "check/dataset_match.h"
#include "check/engine_batch.h"
#include "check/engine_plan.h"
#include "check/engine_row_checks.h"

namespace fangyi::check::engine {

// One file being read, as the workers see it.
struct FileJob {
  const Plan& plan;
  ReadState& state;
  const std::string& path;
  const std::vector<std::string>& headers;
  const DatasetMatch& match;
  std::size_t dataset;
  uint32_t file;
};

// Converts, checks and encodes rows; one per worker thread.
class Worker {
 public:
  explicit Worker(const FileJob& job);

  // `out` is empty (BatchResult::clear).
  void process(const RowBatch& batch, BatchResult& out);

 private:
  void process_plain(const RowBatch& batch, BatchResult& out);
  void finish_row(uint64_t line, BatchResult& out);
  uint32_t organisation(std::string_view name);

  const FileJob& job_;
  const rules::Dataset& d_;
  std::size_t n_;
  std::vector<expr::Value> values_;
  RowConverter convert_;
  RowChecks checks_;
  std::vector<std::string_view> texts_, cells_;
  std::vector<ReadIssue> issues_;  // of splitting a plain batch
  std::vector<std::pair<std::size_t, CellError>> errors_;  // of the row being converted: slot, problem
  std::vector<int> slot_of_column_;  // by column of the file: the slot it feeds, or -1
  std::vector<std::size_t> absent_;  // slots of no column
  expr::Context ctx_;
  int key_slot_ = -1, org_slot_ = -1;
  std::string last_org_;
  uint32_t last_org_id_ = 0;
};

}  // namespace fangyi::check::engine
