// Fuzz target: reading a date or date-time cell. The check engine reads
// dates through a per-thread memo with a fast path for the usual
// "yyyy/mm/dd HH:MM[:SS]" spelling; this target checks, on any text, that
// the memo gives exactly what the full parser gives (value or error), the
// first time and when it answers from memory, for each date format set.
#include <cstdint>
#include <string>
#include <string_view>

#include "check/cells.h"
#include "core/date.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace fangyi;
  // The first byte picks the field; the rest is the cell.
  if (size == 0) return 0;
  std::string_view raw(reinterpret_cast<const char*>(data) + 1, size - 1);
  static check::DateMemo memo;  // kept across inputs, as a reading thread keeps it across rows
  rules::DatasetField f;
  f.id = "x";
  f.header = "欄";
  f.type = (data[0] & 1) ? rules::FieldType::datetime : rules::FieldType::date;
  const unsigned formats[] = {kDateAll, kDateIso, kDateGregorian, kDateRoc, kDateRocWords, kDateIso | kDateRoc};
  f.date_formats = formats[(data[0] >> 1) % std::size(formats)];
  std::string s1, s2;
  expr::Value plain;
  auto e1 = check::convert_cell(f, raw, s1, plain);
  for (int round = 0; round < 2; ++round) {
    expr::Value quick;
    auto e2 = check::convert_cell(f, raw, s2, memo, quick);
    if (!e1 != !e2) __builtin_trap();
    if (e1 && (e1->message != e2->message || e1->args != e2->args)) __builtin_trap();
    if (plain.kind != quick.kind || plain.i != quick.i) __builtin_trap();
  }
  return 0;
}
