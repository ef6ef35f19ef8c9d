// Fuzz target: reading a cell. The check engine reads cells through a
// per-thread RowConverter (word tables for enums and yes/no, a date memo
// with a fast path for the usual "yyyy/mm/dd HH:MM[:SS]" spelling); this
// target checks, on any text, that it gives exactly what convert_cell gives
// (value or error), the first time and when it answers from memory, for
// every field type and each date format set.
#include <cstdint>
#include <string>
#include <string_view>

#include "check/cells.h"
#include "core/date.h"

namespace {

using namespace fangyi;

rules::Dataset all_types(unsigned formats) {
  rules::Dataset d;
  for (rules::FieldType t : {rules::FieldType::date, rules::FieldType::datetime, rules::FieldType::enum_,
                             rules::FieldType::bool_, rules::FieldType::string, rules::FieldType::int_,
                             rules::FieldType::decimal, rules::FieldType::time, rules::FieldType::list}) {
    rules::DatasetField f;
    f.id = "x";
    f.header = "欄";
    f.type = t;
    f.date_formats = formats;
    f.values = {"未確認", "已確認", "失聯", "a", "A"};
    f.true_values = {"是", "V", "1", "否"};
    f.false_values = {"否", "", "N", "0"};
    d.fields.push_back(f);
  }
  return d;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  // The first byte picks the field and the date formats; the rest is the cell.
  if (size == 0) return 0;
  std::string_view raw(reinterpret_cast<const char*>(data) + 1, size - 1);
  static const unsigned formats[] = {kDateAll, kDateIso, kDateGregorian, kDateRoc, kDateRocWords, kDateIso | kDateRoc};
  static const rules::Dataset datasets[] = {all_types(formats[0]), all_types(formats[1]), all_types(formats[2]),
                                            all_types(formats[3]), all_types(formats[4]), all_types(formats[5])};
  // Kept across inputs, as a reading thread keeps them across rows.
  static check::RowConverter converters[] = {check::RowConverter(datasets[0]), check::RowConverter(datasets[1]),
                                             check::RowConverter(datasets[2]), check::RowConverter(datasets[3]),
                                             check::RowConverter(datasets[4]), check::RowConverter(datasets[5])};
  std::size_t which = (data[0] >> 4) % std::size(formats);
  std::size_t slot = (data[0] & 15) % datasets[which].fields.size();
  std::string scratch;
  expr::Value plain;
  auto e1 = check::convert_cell(datasets[which].fields[slot], raw, scratch, plain);
  for (int round = 0; round < 2; ++round) {
    expr::Value quick;
    auto e2 = converters[which].convert(slot, raw, quick);
    if (!e1 != !e2) __builtin_trap();
    if (e1 && (e1->message != e2->message || e1->args != e2->args)) __builtin_trap();
    if (plain.kind != quick.kind) __builtin_trap();
    if (plain.kind == expr::ValueKind::string ? plain.s != quick.s : plain.i != quick.i) __builtin_trap();
  }
  return 0;
}
