// Internal to the rule binary: the second pass of loading. Once every
// section is read, the datasets and deadlines are known, so the expression
// programs that ValueReader only located can be decoded and verified by
// expr::decode against the environment each rule compiles in. Interface:
// ProgramDecoder, check_program_types.
#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "expr/expr.h"
#include "rules/binary_value_reader.h"
#include "rules/environment.h"

namespace fangyi::rules::binary {

// The environment a rule's programs compile in; none for kinds without
// programs, so a program found there is rejected.
inline std::optional<expr::Environment> program_environment(const Environments& e, const Cohort& c) {
  return e.for_cohort(c);
}
inline std::optional<expr::Environment> program_environment(const Environments& e, const Check& c) {
  return e.for_check(c);
}
template <class T>
std::optional<expr::Environment> program_environment(const Environments&, const T&) {
  return std::nullopt;
}

template <class T>
inline constexpr bool is_vector = false;
template <class T>
inline constexpr bool is_vector<std::vector<T>> = true;
template <class T>
inline constexpr bool is_optional = false;
template <class T>
inline constexpr bool is_optional<std::optional<T>> = true;

// Walks rules in the same visit() order as ValueReader did, so the i-th
// program met is the i-th span it recorded.
class ProgramDecoder {
 public:
  ProgramDecoder(const uint8_t* section, const std::vector<ProgramSpan>& spans) : section_(section), spans_(spans) {}

  const std::optional<Problem>& problem() const { return problem_; }

  template <class Rule>
  void rule(Rule& r, const Environments& envs) {
    std::optional<expr::Environment> env = program_environment(envs, r);
    env_ = env ? &*env : nullptr;
    owner_ = r.header.id;
    (*this)(r);
    env_ = nullptr;
  }

  template <class T>
  void operator()(T& value) {
    if (problem_) return;
    if constexpr (std::is_same_v<T, expr::Program>) program(value);
    else if constexpr (is_vector<T>) for (auto& item : value) (*this)(item);
    else if constexpr (is_optional<T>) {
      if (value) (*this)(*value);
    } else if constexpr (Visitable<T, ProgramDecoder>) value.visit(*this);
  }

 private:
  void program(expr::Program& p);

  const uint8_t* section_;
  const std::vector<ProgramSpan>& spans_;
  std::size_t next_ = 0;
  const expr::Environment* env_ = nullptr;
  std::string owner_;
  std::optional<Problem> problem_;
};

// Conditions must be bool and day-0 expressions dates, as the compiler
// demanded; adds an error and returns false otherwise.
bool check_program_types(const RuleSet& rules, const std::string& file, Diagnostics& diags);

}  // namespace fangyi::rules::binary
