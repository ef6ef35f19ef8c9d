// Runs independent per-page work on every core: the handbook's pages are
// rendered and indexed one by one, and the machines schools and CI use
// have two cores or more. `fn(i)` must only touch item i.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace fangyi::html {

template <class Fn>
void parallel_for(std::size_t count, Fn&& fn) {
  std::size_t workers = std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), count);
  if (workers <= 1) {
    for (std::size_t i = 0; i < count; ++i) fn(i);
    return;
  }
  // Interleaved, so long and short pages spread evenly.
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < workers; ++w)
    threads.emplace_back([&fn, w, workers, count] {
      for (std::size_t i = w; i < count; i += workers) fn(i);
    });
  for (std::size_t i = 0; i < count; i += workers) fn(i);
  for (auto& t : threads) t.join();
}

}  // namespace fangyi::html
