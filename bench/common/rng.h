// The seeded generator the benchmark data generators share (splitmix64):
// the same seed gives the same data on every machine and compiler.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace bench {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // 0 <= r < n
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  // lo <= r <= hi
  int between(int lo, int hi) { return lo + below(hi - lo + 1); }
  bool chance(int percent) { return below(100) < percent; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(below(static_cast<int>(v.size())))];
  }
  template <class T>
  void shuffle(std::vector<T>& v) {  // Fisher–Yates, so it is the same everywhere
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[static_cast<std::size_t>(below(int(i)))]);
  }

 private:
  std::uint64_t s_;
};

}  // namespace bench
