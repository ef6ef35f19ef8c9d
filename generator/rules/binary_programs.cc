// Decoding and verifying the expression programs of a rule binary.
#include "rules/binary_programs.h"

#include "core/bytes.h"

namespace fangyi::rules::binary {

void ProgramDecoder::program(expr::Program& p) {
  p = expr::Program{};
  if (next_ >= spans_.size()) {  // the writer and reader disagree on the fields
    problem_ = Problem{Msg::binary_bad_program, 0, {owner_, "program not found"}};
    return;
  }
  const ProgramSpan span = spans_[next_++];
  if (span.size == 0) return;  // no program: an omitted `when`
  if (env_ == nullptr) {
    problem_ = Problem{Msg::binary_program_env, span.offset, {owner_}};
    return;
  }
  ByteReader r(section_ + span.offset, span.size);
  std::string why;
  bool ok = expr::decode(r, *env_, p, &why);
  if (ok && r.ok() && !r.at_end()) why = "unexpected bytes after the program";
  if (!ok || !r.ok() || !r.at_end()) {
    if (why.empty()) why = "truncated program";
    p = expr::Program{};
    problem_ = Problem{Msg::binary_bad_program, span.offset, {owner_, why}};
  }
}

namespace {

bool expect(const expr::Program& p, expr::TypeKind kind, std::string_view tag, const std::string& owner,
            const char* field, const std::string& file, Diagnostics& diags) {
  if (p.code.empty() || p.result.kind == kind) return true;
  report(diags, file, Msg::binary_program_type,
         {std::string(tag), owner, field, p.result.name(), expr::make_type(kind).name()});
  return false;
}

}  // namespace

bool check_program_types(const RuleSet& rules, const std::string& file, Diagnostics& diags) {
  using expr::TypeKind;
  for (const Cohort& c : rules.cohorts)
    for (const CohortBranch& b : c.branches)
      if (!expect(b.when, TypeKind::bool_, "COHO", c.header.id, "when", file, diags) ||
          !expect(b.day0, TypeKind::date, "COHO", c.header.id, "day0", file, diags))
        return false;
  for (const Check& c : rules.checks)
    if (!expect(c.when, TypeKind::bool_, "CHCK", c.header.id, "when", file, diags) ||
        !expect(c.require, TypeKind::bool_, "CHCK", c.header.id, "require", file, diags))
      return false;
  return true;
}

}  // namespace fangyi::rules::binary
