// What an expression of a rule may see: the record types of the datasets, the
// deadlines, and for each check scope its bare row and its sources. Used when
// compiling expressions from YAML and again when verifying programs read from
// a rule binary, so both see exactly the same environment.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "expr/expr.h"
#include "rules/model.h"

namespace fangyi::rules {

expr::Type field_type(const DatasetField& f);

// Expression name of a dataset used as a source: '-' becomes '_'.
std::string source_name(std::string_view dataset_id);

// The severity values as the `findings` source spells them.
const std::vector<std::string>& severity_names();

class Environments {
 public:
  explicit Environments(const RuleSet& rules);

  // The environment of a check's `when`/`require`; nullopt when the check
  // names a dataset or source that does not exist.
  std::optional<expr::Environment> for_check(const Check& c) const;
  // The environment of a cohort's predicates and day-0 expressions.
  std::optional<expr::Environment> for_cohort(const Cohort& c) const;
  const expr::RecordType* record(std::string_view dataset_id) const;

 private:
  std::map<std::string, std::unique_ptr<expr::RecordType>, std::less<>> records_;
  expr::RecordType organisation_;
  expr::RecordType findings_;
  std::map<std::string, expr::DeadlineValue> deadlines_;
};

}  // namespace fangyi::rules
