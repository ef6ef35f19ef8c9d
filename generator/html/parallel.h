// Runs independent per-page work on every core: the handbook's pages are
// parsed, laid out, written and indexed one by one, and the machines schools
// and CI use have two cores or more. `fn(i, worker)` must only touch item i
// and the state of its worker (0 <= worker < workers); results must not
// depend on which worker ran an item, so the output is the same for any
// number of workers.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <utility>
#include <vector>

namespace fangyi::html {

// `jobs` threads, or one per core when 0.
inline std::size_t worker_count(std::size_t jobs) {
  return jobs ? jobs : std::max(1u, std::thread::hardware_concurrency());
}

template <class Fn>
void parallel_for(std::size_t count, std::size_t workers, Fn&& fn) {
  workers = std::min(workers, count);
  if (workers <= 1) {
    for (std::size_t i = 0; i < count; ++i) fn(i, std::size_t{0});
    return;
  }
  // Interleaved, so long and short pages spread evenly.
  std::vector<std::jthread> threads;
  for (std::size_t w = 1; w < workers; ++w)
    threads.emplace_back([&fn, w, workers, count] {
      for (std::size_t i = w; i < count; i += workers) fn(i, w);
    });
  for (std::size_t i = 0; i < count; i += workers) fn(i, std::size_t{0});
}

// Runs `a` and `b` at the same time when there are two workers or more.
template <class A, class B>
void run_both(std::size_t workers, A&& a, B&& b) {
  if (workers <= 1) {
    a();
    b();
    return;
  }
  std::jthread other(std::forward<A>(a));
  b();
}

}  // namespace fangyi::html
