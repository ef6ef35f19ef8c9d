// Internal to the rule binary: the constants of the format (magic, sizes,
// section tags) and, per stored enum, its largest value, so the writer and
// the reader share one definition. See docs/binary-format.md.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "rules/binary.h"
#include "rules/model.h"

namespace fangyi::rules::binary {

// PNG-style: a high-bit byte catches 7-bit transfers, CR LF and LF catch
// newline conversion, ^Z stops DOS `type`.
inline constexpr std::array<uint8_t, 8> kMagic = {0x89, 'F', 'Y', 'B', '\r', '\n', 0x1A, '\n'};
inline constexpr std::size_t kHeaderSize = 32;
inline constexpr std::size_t kTableEntrySize = 20;  // tag[4] + u64 offset + u64 size
// A real rule set is a few hundred KB; the cap bounds what a hostile file
// can make the decoder allocate (at most ~32 bytes of model per input byte).
inline constexpr std::size_t kMaxFileSize = std::size_t{16} << 20;

// Header field offsets.
inline constexpr std::size_t kVersionAt = 8, kFlagsAt = 10, kSectionCountAt = 12, kFileSizeAt = 16, kCrcAt = 24,
                             kReservedAt = 28;

// Every section of the current version, in the (byte-wise sorted) order of
// the table and of the file.
inline constexpr std::array<std::string_view, 9> kSectionTags = {"CHCK", "COHO", "CTRC", "DATA", "DEAD",
                                                                 "DISF", "FORM", "META", "SCHM"};
inline constexpr std::size_t kMetaSection = 7;
inline constexpr std::size_t kFirstSectionAt = kHeaderSize + kSectionTags.size() * kTableEntrySize;

// Calls f(tag, list) for each rule list, in tag order.
template <class RS, class F>
void for_each_rule_list(RS& rules, F&& f) {
  f(std::string_view("CHCK"), rules.checks);
  f(std::string_view("COHO"), rules.cohorts);
  f(std::string_view("CTRC"), rules.contact_tracings);
  f(std::string_view("DATA"), rules.datasets);
  f(std::string_view("DEAD"), rules.deadlines);
  f(std::string_view("DISF"), rules.disinfections);
  f(std::string_view("FORM"), rules.forms);
  f(std::string_view("SCHM"), rules.schemes);
}

// Enums are stored as one byte; the loader rejects values above `last`.
// Every enum a visit() stores needs an entry; add one with each new enum and
// move `last` when an enum gains a value.
template <class E>
struct EnumInfo;
template <>
struct EnumInfo<Day0Basis> {
  static constexpr auto last = Day0Basis::release;
  static constexpr const char* name = "Day0Basis";
};
template <>
struct EnumInfo<Requirement> {
  static constexpr auto last = Requirement::preferred;
  static constexpr const char* name = "Requirement";
};
template <>
struct EnumInfo<AgentKind> {
  static constexpr auto last = AgentKind::other;
  static constexpr const char* name = "AgentKind";
};
template <>
struct EnumInfo<ConcentrationUnit> {
  static constexpr auto last = ConcentrationUnit::celsius;
  static constexpr const char* name = "ConcentrationUnit";
};
template <>
struct EnumInfo<DeadlineKind> {
  static constexpr auto last = DeadlineKind::within;
  static constexpr const char* name = "DeadlineKind";
};
template <>
struct EnumInfo<FieldType> {
  static constexpr auto last = FieldType::list;
  static constexpr const char* name = "FieldType";
};
template <>
struct EnumInfo<Scope> {
  static constexpr auto last = Scope::organisation;
  static constexpr const char* name = "Scope";
};
template <>
struct EnumInfo<CheckSeverity> {
  static constexpr auto last = CheckSeverity::serious;
  static constexpr const char* name = "CheckSeverity";
};
template <>
struct EnumInfo<FormLayout> {
  static constexpr auto last = FormLayout::letter;
  static constexpr const char* name = "FormLayout";
};
template <>
struct EnumInfo<RelationBasis> {
  static constexpr auto last = RelationBasis::timetable;
  static constexpr const char* name = "RelationBasis";
};
template <>
struct EnumInfo<ContactDays> {
  static constexpr auto last = ContactDays::every_day;
  static constexpr const char* name = "ContactDays";
};
template <>
struct EnumInfo<Orientation> {
  static constexpr auto last = Orientation::landscape;
  static constexpr const char* name = "Orientation";
};

template <class T, class V>
concept Visitable = requires(T& t, V& v) { t.visit(v); };

// Adds an error about `file` as a whole (line 0); `file` is argument {0}.
inline void report(Diagnostics& diags, const std::string& file, Msg msg, std::vector<std::string> args = {}) {
  args.insert(args.begin(), file);
  diags.error(SourceLocation{file, 0, 0, 1}, msg, std::move(args));
}

}  // namespace fangyi::rules::binary
