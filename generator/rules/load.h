// Stage 1 of the rule compiler: YAML text -> rule model. Each document is
// read by the parser of its `kind`; expressions are kept as text with their
// place and compiled in a later stage, once every dataset is known.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/diagnostic.h"
#include "rules/model.h"

namespace fangyi::rules {

enum class ExprSlot : uint8_t { when, require, day0 };

// An expression waiting to be compiled: where it lives in the model and where
// its text is in the source (so type errors point inside the YAML string).
struct ExprSite {
  RuleKind kind = RuleKind::check;
  std::size_t rule = 0;    // index in RuleSet::checks or ::cohorts
  std::size_t branch = 0;  // cohort branch
  ExprSlot slot = ExprSlot::when;
  std::string text;
  YAML::Mark mark;  // where the scalar starts; the tree itself is not kept
  std::string file;
  const std::string* source = nullptr;  // owned by the SourceMap
};

// A reference by id to another rule (or a field, agent, test, seed), kept
// with the place it was written so an unknown id is reported right there.
enum class RefKind : uint8_t { scheme, scheme_version, dataset, form, disinfection, field, agent, test, seed };

struct RefSite {
  RefKind kind = RefKind::scheme;
  std::string id;
  std::string owner;  // field: the dataset; agent: the disinfection; test: the scheme
  SourceLocation where;
};

struct Loaded {
  RuleSet rules;
  std::vector<ExprSite> exprs;
  std::vector<RefSite> refs;
  // Places of values that later checks may complain about, by path such as
  // "scheme/3/phases/1/days" (kind / rule index / ...).
  std::map<std::string, SourceLocation> places;
  std::size_t documents = 0;  // rule documents read so far, for kMaxRules

  SourceLocation place(const std::string& path, const Origin& fallback) const;
};

// The "kind/index" prefix of Loaded::places paths for a rule.
std::string path_of(RuleKind kind, std::size_t index);

// Rule files are a few KB; anything this large is a wrong file or an attack
// on memory, refused before it is read (docs/limits.md).
inline constexpr std::size_t kMaxRuleFileBytes = std::size_t{8} << 20;
// The bundled policy is about a hundred rules; a rule set a hundred times
// that is a generator gone wrong, and the rule binary has to stay small
// enough to load (docs/limits.md).
inline constexpr std::size_t kMaxRules = 10000;

// Reads every document of one file. `text` must outlive `out` (keep it in a
// SourceMap).
void load_file(const std::string& file, const std::string& text, Loaded& out, Diagnostics& diags);

}  // namespace fangyi::rules
