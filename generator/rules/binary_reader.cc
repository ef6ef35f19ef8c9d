// Loads a rule binary: header and table (binary_header), META, each rule
// section with the generic ValueReader, then — once datasets and deadlines
// are known — every expression program (binary_programs). Stops at the first
// problem with one error naming the file. Interface: decode_rules.
#include <array>
#include <cstring>
#include <map>

#include "core/bytes.h"
#include "core/text.h"
#include "rules/binary.h"
#include "rules/binary_header.h"
#include "rules/binary_programs.h"
#include "rules/binary_value_reader.h"

namespace fangyi::rules {
namespace {

using binary::Problem;
using binary::SectionSpan;

struct Loader {
  const uint8_t* data;
  const std::string& file;
  Diagnostics& diags;

  void report(std::string_view tag, const SectionSpan& span, const Problem& problem) {
    std::vector<std::string> args = {std::string(tag), std::to_string(span.offset + problem.pos)};
    args.insert(args.end(), problem.args.begin(), problem.args.end());
    binary::report(diags, file, problem.message, std::move(args));
  }

  // Reports the outcome of reading one section from `r`: a recorded problem,
  // a read past its end, or bytes left over.
  bool finish(std::string_view tag, const SectionSpan& span, const ByteReader& r,
              const std::optional<Problem>& problem) {
    if (problem) {
      report(tag, span, *problem);
      return false;
    }
    if (!r.ok()) {
      binary::report(diags, file, Msg::binary_section_truncated,
                     {std::string(tag), std::to_string(span.offset + r.pos())});
      return false;
    }
    if (!r.at_end()) {
      binary::report(diags, file, Msg::binary_section_trailing,
                     {std::string(tag), std::to_string(span.offset + r.pos())});
      return false;
    }
    return true;
  }

  // META: the format version again, the generator, and each rule section's
  // count (tag + count, in table order).
  std::optional<std::map<std::string, uint64_t>> meta(const SectionSpan& span) {
    const std::string_view tag = binary::kSectionTags[binary::kMetaSection];
    ByteReader r(data + span.offset, span.size);
    std::optional<Problem> problem;
    auto bad = [&](std::size_t at, const char* what) {
      if (!problem && r.ok()) problem = Problem{Msg::binary_bad_value, at, {what}};
      r.fail();
    };
    std::size_t at = r.pos();
    if (r.uvar() != kFormatVersion) bad(at, "format version");
    at = r.pos();
    if (std::string generator = r.str(); !is_valid_utf8(generator)) bad(at, "UTF-8 string");
    at = r.pos();
    std::map<std::string, uint64_t> counts;
    if (r.uvar() != binary::kSectionTags.size() - 1) bad(at, "section count");
    for (std::string_view expected : binary::kSectionTags) {
      if (expected == tag || !r.ok()) continue;
      at = r.pos();
      uint8_t got[4] = {};
      for (uint8_t& b : got) b = r.u8();
      if (std::memcmp(got, expected.data(), 4) != 0) bad(at, "section tag");
      counts[std::string(expected)] = r.uvar();
    }
    if (!finish(tag, span, r, problem)) return std::nullopt;
    return counts;
  }

  template <class Rule>
  bool section(std::string_view tag, const SectionSpan& span, uint64_t meta_count, std::vector<Rule>& list,
               std::vector<binary::ProgramSpan>& programs) {
    ByteReader r(data + span.offset, span.size);
    binary::ValueReader values(r);
    values(list);
    if (!finish(tag, span, r, values.problem())) return false;
    if (meta_count != list.size()) {
      binary::report(diags, file, Msg::binary_count_mismatch,
                     {std::to_string(meta_count), std::string(tag), std::to_string(list.size())});
      return false;
    }
    // The writer sorts by id and ids are unique within a kind.
    for (std::size_t i = 1; i < list.size(); ++i)
      if (!(list[i - 1].header.id < list[i].header.id)) {
        binary::report(diags, file, Msg::binary_unsorted_ids, {std::string(tag), list[i].header.id});
        return false;
      }
    programs = values.programs();
    return true;
  }
};

std::size_t section_index(std::string_view tag) {
  std::size_t i = 0;
  while (binary::kSectionTags[i] != tag) ++i;
  return i;
}

}  // namespace

std::optional<RuleSet> decode_rules(const uint8_t* data, std::size_t size, const std::string& file,
                                    Diagnostics& diags) {
  auto layout = binary::read_layout(data, size, file, diags);
  if (!layout) return std::nullopt;
  Loader loader{data, file, diags};
  auto counts = loader.meta((*layout)[binary::kMetaSection]);
  if (!counts) return std::nullopt;

  RuleSet rules;
  std::array<std::vector<binary::ProgramSpan>, binary::kSectionTags.size()> programs;
  bool ok = true;
  binary::for_each_rule_list(rules, [&](std::string_view tag, auto& list) {
    std::size_t i = section_index(tag);
    ok = ok && loader.section(tag, (*layout)[i], (*counts)[std::string(tag)], list, programs[i]);
  });
  if (!ok) return std::nullopt;

  const Environments envs(rules);
  binary::for_each_rule_list(rules, [&](std::string_view tag, auto& list) {
    if (!ok) return;
    std::size_t i = section_index(tag);
    binary::ProgramDecoder decoder(data + (*layout)[i].offset, programs[i]);
    for (auto& rule : list) decoder.rule(rule, envs);
    if (decoder.problem()) {
      loader.report(tag, (*layout)[i], *decoder.problem());
      ok = false;
    }
  });
  if (!ok || !binary::check_program_types(rules, file, diags)) return std::nullopt;
  return rules;
}

}  // namespace fangyi::rules
