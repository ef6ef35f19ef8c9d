// Running a document's independent pieces (copies of a form to lay out,
// page streams to encode and compress) on several threads. Results go into
// slots indexed by item, so the output does not depend on how many threads
// ran or which one took which item.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace fangyi::pdf {

// Every core, at least one.
inline unsigned all_cores() { return std::max(1u, std::thread::hardware_concurrency()); }

// Calls fn(worker, i) for every i in [0, count), on at most `threads`
// threads (the caller's among them); `worker` in [0, threads) names the
// thread, for per-thread scratch state. Items are taken in order, one at a
// time, so long and short ones spread evenly.
template <class Fn>
void for_each_item(std::size_t count, unsigned threads, Fn&& fn) {
  std::size_t workers = std::min<std::size_t>(std::max(1u, threads), count);
  std::atomic<std::size_t> next{0};
  auto run = [&](unsigned worker) {
    for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < count;) fn(worker, i);
  };
  std::vector<std::thread> pool;
  for (std::size_t w = 1; w < workers; ++w) pool.emplace_back(run, unsigned(w));
  run(0);
  for (std::thread& t : pool) t.join();
}

}  // namespace fangyi::pdf
