// A seating chart — a classroom, a school bus, a canteen sitting, an office —
// read from a CSV or XLSX grid (the first row is the front), and the seats
// within reach of one seat: the nine-grid (九宮格) rule. Aisles and empty
// seats are whatever the contact-tracing rule's `seating` marks say.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "check/inputs.h"
#include "core/diagnostic.h"
#include "rules/model.h"

namespace fangyi::contacts {

struct Seat {
  int row = 0, column = 0;  // 1-based, as the file shows them
  std::string occupant;     // the cell's text: a person number or a name
};

struct SeatingChart {
  std::string file;
  std::vector<Seat> seats;  // occupied seats, in reading order
  int rows = 0, columns = 0;
  std::vector<bool> aisle_rows, aisle_columns;  // [0-based]: every cell an aisle mark

  // The occupied seat whose occupant is `who`, if any.
  const Seat* seat_of(const std::string& who) const;
  // The occupied seat at row/column, if any.
  const Seat* seat_at(int row, int column) const;
};

// "R3C4" for row 3, column 4.
std::string seat_name(const Seat& s);
// Parses "R3C4" (case-insensitive); nullopt when it is not one.
std::optional<std::pair<int, int>> parse_seat_name(const std::string& text);

// Reads a grid; cells matching `rules.aisle` are aisles, `rules.empty` or
// blank cells are empty seats, anything else an occupied seat. A person
// seated twice is an error with both places.
std::optional<SeatingChart> read_seating(const std::string& path, const rules::SeatingRules& rules,
                                         const check::InputOptions& options, Diagnostics& diags);

// The occupied seats within `rules.reach` rows and columns of `seat`, the
// seat itself excluded. When aisles do not separate, aisle rows and columns
// are taken out before distances are counted, so a seat across the aisle is
// a neighbour.
std::vector<const Seat*> neighbours(const SeatingChart& chart, const Seat& seat, const rules::SeatingRules& rules);

}  // namespace fangyi::contacts
