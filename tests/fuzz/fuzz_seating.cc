// Fuzz target: a seating chart (a CSV grid) through the reader, then the
// nine-grid around every seat, with aisles separating and not, reach 1 and 2.
#include "contacts/seating.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace fangyi;
  std::string path = fuzz::input_file(data, size, ".csv");
  Diagnostics diags;
  rules::SeatingRules seating{1, false, {"走道", "|"}, {"空位", "-"}};
  auto chart = contacts::read_seating(path, seating, {}, diags);
  if (!chart) return 0;
  std::size_t seen = 0;
  for (int reach : {1, 2})
    for (bool separates : {false, true}) {
      seating.reach = reach;
      seating.aisle_separates = separates;
      for (const contacts::Seat& s : chart->seats) {
        for (const contacts::Seat* n : contacts::neighbours(*chart, s, seating)) {
          if (n == &s || n->row < 1 || n->column < 1 || n->row > chart->rows || n->column > chart->columns) __builtin_trap();
          ++seen;
        }
        if (chart->seat_of(s.occupant) != &s || !contacts::parse_seat_name(contacts::seat_name(s))) __builtin_trap();
      }
    }
  return seen == SIZE_MAX;
}
