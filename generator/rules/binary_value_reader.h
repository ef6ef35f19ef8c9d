// Internal to the rule binary: the reader half of the value encoding, one
// generic visitor over the structs' visit() mirroring ValueWriter in
// binary_writer.cc. Every value is range-checked as it is read; the first
// problem is kept (with its byte position) and stops the reader. Expression
// programs are only located here — they can be verified once the datasets
// and deadlines are known (binary_programs.h).
#pragma once

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/bytes.h"
#include "core/text.h"
#include "rules/binary_format.h"

namespace fangyi::rules::binary {

// Where an encoded program lies inside its section.
struct ProgramSpan {
  std::size_t offset = 0;
  std::size_t size = 0;  // 0: no program
};

// A problem found while reading a section: a message taking the file, the
// section tag and the byte position as {0}..{2}, then `args`.
struct Problem {
  Msg message{};
  std::size_t pos = 0;  // within the section
  std::vector<std::string> args;
};

// The fewest bytes a value of each type can take, so that a count read from
// the file can be checked against the bytes left before anything is
// allocated (ByteReader::count).
class MinSize {
 public:
  std::size_t bytes = 0;

  template <class T>
  void operator()(T& value) {
    if constexpr (std::is_same_v<T, double>) bytes += 8;
    else if constexpr (Visitable<T, MinSize>) value.visit(*this);
    else bytes += 1;  // a one-byte flag, count, length, enum, or the shortest varint
  }
};

template <class T>
std::size_t min_encoded_size() {
  static const std::size_t size = [] {
    T value{};
    MinSize m;
    m(value);
    return m.bytes;
  }();
  return size;
}

class ValueReader {
 public:
  explicit ValueReader(ByteReader& r) : r_(r) {}

  const std::optional<Problem>& problem() const { return problem_; }
  const std::vector<ProgramSpan>& programs() const { return programs_; }

  void operator()(std::string& s) {
    std::size_t at = r_.pos();
    s = r_.str();
    if (r_.ok() && !is_valid_utf8(s)) bad(at, "UTF-8 string");
  }
  void operator()(bool& b) {
    std::size_t at = r_.pos();
    uint8_t v = r_.u8();
    if (v > 1) bad(at, "bool");
    b = v == 1;
  }
  void operator()(int& i) {
    std::size_t at = r_.pos();
    int64_t v = r_.svar();
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) bad(at, "int");
    i = static_cast<int>(v);
  }
  void operator()(unsigned& u) {
    std::size_t at = r_.pos();
    uint64_t v = r_.uvar();
    if (v > std::numeric_limits<unsigned>::max()) bad(at, "unsigned");
    u = static_cast<unsigned>(v);
  }
  // Rules hold no infinities or NaNs (the loader rejects them in YAML).
  void operator()(double& d) {
    std::size_t at = r_.pos();
    d = r_.f64();
    if (r_.ok() && !std::isfinite(d)) bad(at, "decimal");
  }
  // Years 1..9999, as Date::from_ymd allows.
  void operator()(Date& d) {
    static const int64_t kFirst = Date::from_ymd(1, 1, 1)->days();
    static const int64_t kLast = Date::from_ymd(9999, 12, 31)->days();
    std::size_t at = r_.pos();
    int64_t v = r_.svar();
    if (v < kFirst || v > kLast) bad(at, "date");
    else d = Date::from_days(static_cast<int32_t>(v));
  }
  void operator()(TimeOfDay& t) {
    std::size_t at = r_.pos();
    uint64_t v = r_.uvar();
    if (v >= 86400) bad(at, "time");
    else t.seconds = static_cast<int32_t>(v);
  }
  void operator()(Duration& d) {
    std::size_t at = r_.pos();
    int64_t v = r_.svar();
    if (v < 0) bad(at, "duration");
    else d.seconds = v;
  }
  // Only located here; `p` stays empty until binary_programs decodes it.
  void operator()(expr::Program& p) {
    p = expr::Program{};
    std::size_t n = r_.count(1);
    std::size_t at = r_.pos();
    if (r_.skip(n)) programs_.push_back({at, n});
  }
  template <class E>
    requires std::is_enum_v<E>
  void operator()(E& e) {
    std::size_t at = r_.pos();
    uint8_t v = r_.u8();
    if (v > static_cast<uint8_t>(EnumInfo<E>::last)) {
      fail({Msg::binary_bad_enum, at, {EnumInfo<E>::name, std::to_string(v)}});
      return;
    }
    e = static_cast<E>(v);
  }
  template <class T>
  void operator()(std::optional<T>& o) {
    std::size_t at = r_.pos();
    uint8_t present = r_.u8();
    o.reset();
    if (present > 1) bad(at, "optional flag");
    if (present != 1 || !r_.ok()) return;
    T value{};
    (*this)(value);
    o = std::move(value);
  }
  template <class T>
  void operator()(std::vector<T>& v) {
    std::size_t n = r_.count(min_encoded_size<T>());
    v.clear();
    v.reserve(n);
    for (std::size_t i = 0; i < n && r_.ok(); ++i) {
      T value{};
      (*this)(value);
      v.push_back(std::move(value));
    }
  }
  template <class T>
    requires Visitable<T, ValueReader>
  void operator()(T& t) {
    t.visit(*this);
  }

 private:
  // A value that was read but is out of its range; a read that ran past the
  // end has already failed the ByteReader and is reported by the caller.
  void bad(std::size_t at, const char* what) {
    if (r_.ok()) fail({Msg::binary_bad_value, at, {what}});
  }
  void fail(Problem p) {
    if (!problem_ && r_.ok()) problem_ = std::move(p);
    r_.fail();
  }

  ByteReader& r_;
  std::optional<Problem> problem_;
  std::vector<ProgramSpan> programs_;
};

}  // namespace fangyi::rules::binary
