// Phase 1: reading. One thread reads a file and hands its rows to the
// workers (engine_worker.h) in batches (engine_batch.h): runs of rows
// unsplit where the text allows, else rows it parsed; the reading thread
// commits the workers' results in batch order, so findings and kept rows
// come out as if read by one thread.
#include <condition_variable>
#include <deque>
#include <map>
#include <thread>

#include "check/dataset_match.h"
#include "check/engine_batch.h"
#include "check/engine_plan.h"
#include "check/engine_worker.h"

namespace fangyi::check::engine {
namespace {

constexpr std::size_t kInFlight = 8;  // batches read but not yet committed

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
