// Phase 1: reading. One thread reads a file and copies its rows into
// batches; two workers turn cells into values, run the row checks and encode
// the rows later phases keep; the reading thread commits the workers' results
// in batch order, so findings and kept rows come out as if read by one thread.
#include <condition_variable>
#include <deque>
#include <map>
#include <thread>

#include "check/cells.h"
#include "check/csv_reader.h"
#include "check/dataset_match.h"
#include "check/engine_plan.h"
#include "check/engine_row_checks.h"
#include "core/text.h"

namespace fangyi::check::engine {
namespace {

using rules::Dataset;

constexpr std::size_t kBatchRows = 2048;
constexpr std::size_t kBatchBytes = 1 << 20;
constexpr std::size_t kInFlight = 8;  // batches read but not yet committed

// Rows for a worker: either a run of unsplit text (PlainText) or rows the
// reader parsed, each copied in one piece where the reader has it in one span
// (row_bytes) with its cells as offsets into it.
struct RowBatch {
  uint64_t seq = 0;
  std::string text;               // the plain text, or the parsed rows' bytes back to back
  bool plain = false;
  PlainText plain_from;           // plain: the line and delimiter, and the file's text when mapped
  std::vector<uint32_t> cells;    // parsed: per cell, begin and size in `text`
  std::vector<uint32_t> row_end;  // parsed: end of each row in `cells`, in cells
  std::vector<uint64_t> lines;    // parsed: each row's line
  std::vector<ReadIssue> issues;  // raised while these rows were read

  // Text in the file's own mapped bytes is only viewed; the reader's buffer
  // is copied.
  void set_plain(const PlainText& p) {
    plain = true;
    plain_from = p;
    if (p.file_end == 0) {
      text.assign(p.text);
      plain_from.text = {};
    }
  }
  std::string_view plain_text() const { return plain_from.file_end != 0 ? plain_from.text : std::string_view(text); }
  // Empty again, its memory kept for the next rows.
  void clear() {
    seq = 0;
    text.clear();
    plain = false;
    plain_from = {};
    cells.clear();
    row_end.clear();
    lines.clear();
    issues.clear();
  }
  void add(const std::vector<std::string_view>& row, std::string_view span, uint64_t line) {
    const std::size_t base = text.size();
    text.append(span);
    // As integers: a cell outside the span (an unescaped quoted field) may
    // lie in another buffer.
    const uintptr_t lo = reinterpret_cast<uintptr_t>(span.data()), hi = lo + span.size();
    for (std::string_view c : row) {
      const uintptr_t at = reinterpret_cast<uintptr_t>(c.data());
      if (!c.empty() && at >= lo && at + c.size() <= hi) {
        cells.push_back(static_cast<uint32_t>(base + (at - lo)));
      } else {
        cells.push_back(static_cast<uint32_t>(text.size()));
        text.append(c);
      }
      cells.push_back(static_cast<uint32_t>(c.size()));
    }
    row_end.push_back(static_cast<uint32_t>(cells.size() / 2));
    lines.push_back(line);
  }
  bool empty() const { return !plain && lines.empty() && issues.empty(); }
  bool full() const { return lines.size() >= kBatchRows || text.size() >= kBatchBytes; }

  // Calls fn(cells, line) for each row the reader parsed, in order.
  template <class Fn>
  void each_row(std::vector<std::string_view>& cells, Fn&& fn) const {
    for (std::size_t r = 0, first = 0; r < lines.size(); first = row_end[r++]) {
      cells.clear();
      for (std::size_t c = first; c < row_end[r]; ++c) cells.emplace_back(text.data() + cells_at(c), cells_size(c));
      fn(cells, lines[r]);
    }
  }

 private:
  uint32_t cells_at(std::size_t c) const { return cells[2 * c]; }
  uint32_t cells_size(std::size_t c) const { return cells[2 * c + 1]; }
};

// What a worker made of a batch.
struct BatchResult {
  uint64_t rows = 0;
  uint64_t file_end = 0;  // the batch's mapped text ends there (PlainText::file_end), or 0
  std::vector<Found> found;
  std::vector<std::string> spill;      // records by partition
  std::string organisation_records;

  // Empty again, its memory kept for the next batch.
  void clear() {
    rows = 0;
    file_end = 0;
    found.clear();
    for (std::string& p : spill) p.clear();
    organisation_records.clear();
  }
};

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
  explicit Worker(const FileJob& job)
      : job_(job), d_(job.plan.rules.datasets[job.dataset]), n_(d_.fields.size()), values_(n_), convert_(d_),
        checks_(job.plan, job.dataset, convert_), texts_(n_) {
    key_slot_ = slot_of(d_, d_.key);
    org_slot_ = slot_of(d_, d_.organisation);
    slot_of_column_.assign(job.headers.size(), -1);
    for (std::size_t slot = 0; slot < n_; ++slot) {
      const int col = job.match.column_of_field[slot];
      if (col >= 0 && static_cast<std::size_t>(col) < job.headers.size()) slot_of_column_[static_cast<std::size_t>(col)] = static_cast<int>(slot);
      else absent_.push_back(slot);
    }
    ctx_.values = values_.data();
    ctx_.value_count = values_.size();
    ctx_.today = job.plan.today;
  }

  // `out` is empty (BatchResult::clear).
  void process(const RowBatch& batch, BatchResult& out) {
    out.spill.resize(job_.state.spill.partitions());
    out.file_end = batch.plain_from.file_end;
    issues_.clear();
    if (batch.plain) {
      process_plain(batch, out);
    } else {
      batch.each_row(cells_, [&](const std::vector<std::string_view>& cells, uint64_t line) {
        errors_.clear();
        convert_.convert_row(cells.data(), cells.size(), job_.match.column_of_field.data(), values_.data(),
                             texts_.data(), [&](std::size_t slot, std::string_view, CellError& err) {
                               errors_.emplace_back(slot, std::move(err));
                             });
        finish_row(line, out);
      });
    }
    const std::vector<ReadIssue>* all_issues[] = {&batch.issues, &issues_};
    for (const std::vector<ReadIssue>* issues : all_issues) {
      for (const ReadIssue& issue : *issues) {
        std::string column = issue.column > 0 && static_cast<std::size_t>(issue.column) <= job_.headers.size()
                                 ? job_.headers[static_cast<std::size_t>(issue.column - 1)]
                                 : "";
        out.found.push_back({{job_.path, issue.line, std::move(column), "input.file", rules::CheckSeverity::error,
                              format_message(issue.message, job_.plan.options.lang, issue.args), "", "", ""},
                             job_.dataset, -1});
      }
    }
  }

 private:
  // Unsplit rows: each cell is converted as the split reaches it, into the
  // slot its column feeds.
  void process_plain(const RowBatch& batch, BatchResult& out) {
    PlainRows rows(PlainText{batch.plain_text(), batch.plain_from.line, batch.plain_from.delimiter, 0},
                   job_.headers.size());
    expr::Value* const values = values_.data();
    std::string_view* const texts = texts_.data();
    const int* const slot_of = slot_of_column_.data();
    for (;;) {
      uint64_t line = 0;
      std::size_t count = 0;
      errors_.clear();
      bool row = rows.next_row(line, count, issues_, [&](std::size_t column, std::string_view cell) {
        const int slot = slot_of[column];
        if (slot < 0) return;
        if (auto err = convert_.convert_one(static_cast<std::size_t>(slot), cell, values, texts))
          errors_.emplace_back(static_cast<std::size_t>(slot), std::move(*err));
      });
      if (!row) break;
      // Fields of no column, or past the end of a short row, are empty.
      for (std::size_t slot : absent_) convert_.convert_one(slot, {}, values, texts);
      if (count < job_.headers.size()) {
        for (std::size_t slot = 0; slot < n_; ++slot) {
          const int col = job_.match.column_of_field[slot];
          if (col >= 0 && static_cast<std::size_t>(col) >= count) convert_.convert_one(slot, {}, values, texts);
        }
      }
      finish_row(line, out);
    }
  }

  // A row whose cells are converted (errors_ holds their problems): its
  // findings, row checks and kept record.
  void finish_row(uint64_t line, BatchResult& out) {
    const Plan& plan = job_.plan;
    ++out.rows;
    const std::string_view org = org_slot_ >= 0 ? texts_[static_cast<std::size_t>(org_slot_)] : std::string_view();
    for (auto& [slot, err] : errors_) {
      out.found.push_back({{job_.path, line, d_.fields[slot].header, "input.cell", rules::CheckSeverity::error,
                            format_message(err.message, plan.options.lang, err.args),
                            plan.shown(d_.fields[slot], texts_[slot]), std::string(org), ""},
                           job_.dataset, static_cast<int>(slot)});
    }
    std::string_view key = key_slot_ >= 0 ? texts_[static_cast<std::size_t>(key_slot_)] : std::string_view();
    checks_.run(ctx_, convert_.codes(), [&](std::size_t check) {
      const CompiledCheck& cc = plan.checks[check];
      out.found.push_back({plan.finding(cc, job_.path, line, [&](std::size_t s) { return texts_[s]; }, org, key),
                           job_.dataset, cc.field_slot});
    });
    const Projection& case_keep = plan.case_keep[job_.dataset];
    const Projection& org_keep = plan.organisation_keep[job_.dataset];
    if (key.empty() && !org_keep.rows) return;
    RecordHead head{static_cast<uint8_t>(job_.dataset), job_.file, static_cast<uint32_t>(line), organisation(org), key};
    if (!key.empty())
      encode_record(head, case_keep, values_.data(), texts_.data(), out.spill[job_.state.spill.partition_of(key)]);
    if (org_keep.rows) encode_record(head, org_keep, values_.data(), texts_.data(), out.organisation_records);
  }

  // School names repeat row after row: ask the shared table only on a change.
  uint32_t organisation(std::string_view name) {
    if (name != last_org_) {
      last_org_.assign(name);
      last_org_id_ = job_.state.organisations.id(name);
    }
    return last_org_id_;
  }

  const FileJob& job_;
  const Dataset& d_;
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

// Hands batches to worker threads and gives their results back in order.
// The reading thread is a worker too: when enough batches are in flight it
// processes one itself rather than wait, so reading and checking share the
// cores whichever of the two is the slower.
class Pipeline {
 public:
  Pipeline(const FileJob& job, unsigned threads) : own_(job) {
    for (unsigned w = 0; w < threads; ++w) threads_.emplace_back([this, &job] { work(job); });
  }
  ~Pipeline() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closed_ = true;
    }
    work_ready_.notify_all();
    for (auto& t : threads_) t.join();
  }

  // Queues a batch; while too many are in flight, helps and commits.
  template <class Commit>
  void submit(RowBatch batch, Commit commit) {
    std::unique_lock<std::mutex> lock(mutex_);
    batch.seq = submitted_++;
    queue_.push_back(std::move(batch));
    work_ready_.notify_one();
    drain(lock, commit, kInFlight);
  }
  // Commits every outstanding result.
  template <class Commit>
  void finish(Commit commit) {
    std::unique_lock<std::mutex> lock(mutex_);
    drain(lock, commit, 1);
  }
  // An empty batch to fill: one already processed, whose memory is reused
  // (a fresh megabyte per batch would be a fresh mapping to fault in).
  RowBatch take_batch() {
    std::lock_guard<std::mutex> lock(mutex_);
    return take(spare_batches_);
  }

 private:
  template <class Commit>
  void drain(std::unique_lock<std::mutex>& lock, Commit& commit, std::size_t limit) {
    for (;;) {
      while (!done_.empty() && done_.begin()->first == committed_) {
        BatchResult r = std::move(done_.begin()->second);
        done_.erase(done_.begin());
        ++committed_;
        lock.unlock();
        commit(r);
        r.clear();
        lock.lock();
        spare_results_.push_back(std::move(r));
      }
      if (submitted_ - committed_ < limit) return;
      if (!queue_.empty()) {
        process_one(lock, own_);
        continue;
      }
      result_ready_.wait(lock);
    }
  }

  // Takes the oldest queued batch and processes it with `worker`; the lock is
  // released meanwhile.
  void process_one(std::unique_lock<std::mutex>& lock, Worker& worker) {
    RowBatch batch = std::move(queue_.front());
    queue_.pop_front();
    BatchResult r = take(spare_results_);
    lock.unlock();
    worker.process(batch, r);
    const uint64_t seq = batch.seq;
    batch.clear();
    lock.lock();
    done_.emplace(seq, std::move(r));
    spare_batches_.push_back(std::move(batch));
    result_ready_.notify_all();
  }

  // The last of `spares`, or a new one. The lock is held.
  template <class T>
  static T take(std::vector<T>& spares) {
    if (spares.empty()) return T{};
    T t = std::move(spares.back());
    spares.pop_back();
    return t;
  }

  void work(const FileJob& job) {
    Worker worker(job);
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      work_ready_.wait(lock, [this] { return closed_ || !queue_.empty(); });
      if (queue_.empty()) return;
      process_one(lock, worker);
    }
  }

  Worker own_;  // the reading thread's
  std::mutex mutex_;
  std::condition_variable work_ready_, result_ready_;
  std::deque<RowBatch> queue_;
  std::map<uint64_t, BatchResult> done_;
  std::vector<RowBatch> spare_batches_;
  std::vector<BatchResult> spare_results_;
  uint64_t submitted_ = 0, committed_ = 0;
  bool closed_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace

void read_file(const Plan& plan, const std::string& path, ReadState& state, Diagnostics& diags) {
  auto reader = open_table(path, plan.options.input, diags);
  if (!reader) return;
  std::vector<std::string> headers;
  if (!reader->header(headers)) {
    if (reader->error()) diags.add(*reader->error());
    return;
  }
  auto match = match_dataset(plan.rules, headers, path, diags);
  if (!match) return;
  std::size_t di = static_cast<std::size_t>(match->dataset - plan.rules.datasets.data());
  uint32_t file = static_cast<uint32_t>(state.files.size());
  state.inputs.push_back(InputSummary{path, match->dataset->header.id, reader->encoding(), 0});
  state.files.push_back(path);

  bool spill_failed = false;
  uint64_t rows = 0;
  auto commit = [&](BatchResult& r) {
    rows += r.rows;
    if (r.file_end != 0) reader->release(r.file_end);
    for (auto& f : r.found) state.add(std::move(f));
    for (std::size_t p = 0; p < r.spill.size(); ++p)
      if (!r.spill[p].empty() && !spill_failed && !state.spill.append(p, r.spill[p])) spill_failed = true;
    std::string_view records = r.organisation_records;
    RecordHead head;
    while (!records.empty() && decode_head(records, plan.rules.datasets.size(), head) &&
           state.organisation_rows[head.dataset].add_record(records, {head.file, head.line, head.organisation, 0})) {
    }
  };

  FileJob job{plan, state, path, headers, *match, di, file};
  // Besides the reading thread, which also checks.
  unsigned workers = std::max(1u, std::thread::hardware_concurrency()) - 1;
  {
    Pipeline pipeline(job, workers);
    RowBatch batch;
    auto submit = [&] {
      for (auto& i : reader->issues()) batch.issues.push_back(std::move(i));
      reader->issues().clear();
      if (batch.empty()) return;
      pipeline.submit(std::move(batch), commit);
      batch = pipeline.take_batch();
      if (plan.options.progress) plan.options.progress(reader->bytes_read(), reader->bytes_total());
    };
    std::vector<std::string_view> cells;
    uint64_t line = 0;
    PlainText plain;
    for (;;) {
      if (reader->next_plain(plain)) {
        submit();  // the rows before it, in order
        batch.set_plain(plain);
        submit();
        continue;
      }
      if (!reader->next(cells, line)) break;
      batch.add(cells, reader->row_bytes(), line);
      if (batch.full()) submit();
    }
    submit();
    pipeline.finish(commit);
  }
  state.inputs[file].rows = rows;
  if (reader->error()) diags.add(*reader->error());
  if (spill_failed)
    diags.error(SourceLocation{path, 0, 0, 1}, Msg::check_spill_failed, {state.spill.error()});
}

}  // namespace fangyi::check::engine
