// Running independent items on several threads: the handbook's pages, the
// copies of a form, a PDF's page streams. `fn(i, worker)` must only touch
// item i and the state of its worker (0 <= worker < workers); results go
// into slots indexed by item, so the output is the same whatever the number
// of threads and whichever took which item.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <utility>
#include <vector>

namespace fangyi {

// `jobs` threads, or one per core when 0.
inline std::size_t worker_count(std::size_t jobs = 0) {
  return jobs != 0 ? jobs : std::max(1u, std::thread::hardware_concurrency());
}

// Calls fn(i, worker) for every i in [0, count) on at most `workers`
// threads, the caller's among them. Items are taken in order, one at a time,
// so long and short ones spread evenly.
template <class Fn>
void parallel_for(std::size_t count, std::size_t workers, Fn&& fn) {
  workers = std::min(std::max<std::size_t>(workers, 1), count);
  std::atomic<std::size_t> next{0};
  auto run = [&](std::size_t worker) {
    for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < count;) fn(i, worker);
  };
  std::vector<std::jthread> pool;
  for (std::size_t w = 1; w < workers; ++w) pool.emplace_back(run, w);
  run(0);
}

}  // namespace fangyi
