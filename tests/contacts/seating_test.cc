// Seating charts and the nine-grid: the case at a corner, an edge, the
// middle, beside an aisle and beside empty seats; reach; seat names.
#include "contacts/seating.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.h"

namespace fangyi::contacts {
namespace {

class Seating : public testing::TempDir {
 protected:
  rules::SeatingRules rules_{1, false, {"走道"}, {"空位"}};

  SeatingChart chart(const std::string& csv) {
    std::string path = dir_ + "/chart.csv";
    std::ofstream(path, std::ios::binary) << csv;
    Diagnostics diags;
    auto c = read_seating(path, rules_, {}, diags);
    EXPECT_TRUE(c) << render_all(diags, {}, Lang::en);
    return c ? *c : SeatingChart{};
  }

  // The occupants within reach of `who`, in reading order.
  std::vector<std::string> around(const SeatingChart& c, const std::string& who) {
    std::vector<std::string> out;
    const Seat* seat = c.seat_of(who);
    EXPECT_NE(seat, nullptr) << who;
    if (!seat) return out;
    for (const Seat* s : neighbours(c, *seat, rules_)) out.push_back(s->occupant);
    return out;
  }
};

const char* kFull = "a,b,c,d\ne,f,g,h\ni,j,k,l\nm,n,o,p\n";

TEST_F(Seating, CornerHasThreeNeighbours) {
  EXPECT_EQ(around(chart(kFull), "a"), (std::vector<std::string>{"b", "e", "f"}));
  EXPECT_EQ(around(chart(kFull), "p"), (std::vector<std::string>{"k", "l", "o"}));
}

TEST_F(Seating, EdgeHasFiveNeighbours) {
  EXPECT_EQ(around(chart(kFull), "b"), (std::vector<std::string>{"a", "c", "e", "f", "g"}));
  EXPECT_EQ(around(chart(kFull), "i"), (std::vector<std::string>{"e", "f", "j", "m", "n"}));
}

TEST_F(Seating, MiddleHasEightNeighbours) {
  EXPECT_EQ(around(chart(kFull), "f"), (std::vector<std::string>{"a", "b", "c", "e", "g", "i", "j", "k"}));
}

TEST_F(Seating, AcrossTheAisleIsANeighbourUnlessAislesSeparate) {
  // A bus: two seats, the aisle, two seats.
  const char* bus = "a,b,走道,c,d\ne,f,走道,g,h\ni,j,走道,k,l\n";
  EXPECT_EQ(around(chart(bus), "f"), (std::vector<std::string>{"a", "b", "c", "e", "g", "i", "j", "k"}));
  rules_.aisle_separates = true;
  EXPECT_EQ(around(chart(bus), "f"), (std::vector<std::string>{"a", "b", "e", "i", "j"}));
  EXPECT_EQ(around(chart(bus), "g"), (std::vector<std::string>{"c", "d", "h", "k", "l"}));
}

TEST_F(Seating, ACrossAisleRowIsTakenOutToo) {
  const char* room = "a,b\n走道,走道\nc,d\n";
  EXPECT_EQ(around(chart(room), "a"), (std::vector<std::string>{"b", "c", "d"}));
  rules_.aisle_separates = true;
  EXPECT_EQ(around(chart(room), "a"), (std::vector<std::string>{"b"}));
}

TEST_F(Seating, EmptySeatsHaveNobodyAndDoNotWidenTheGrid) {
  // The case's left and right seats are empty (marked and blank): the
  // nine-grid stays one seat wide, so c and a are not reached.
  const char* canteen = "x,y,z,w,v\na,空位,case,,c\nq,r,s,t,u\n";
  SeatingChart c = chart(canteen);
  EXPECT_EQ(around(c, "case"), (std::vector<std::string>{"y", "z", "w", "r", "s", "t"}));
  EXPECT_EQ(c.seats.size(), 13u);
}

TEST_F(Seating, ReachTwoIsTheFiveByFiveSquare) {
  rules_.reach = 2;
  EXPECT_EQ(around(chart(kFull), "a").size(), 8u);
  EXPECT_EQ(around(chart(kFull), "f").size(), 15u);
}

TEST_F(Seating, RaggedRowsAndSpacesAreRead) {
  SeatingChart c = chart(" a ,b\nc\n");
  ASSERT_NE(c.seat_of("a"), nullptr);
  EXPECT_EQ(seat_name(*c.seat_of("c")), "R2C1");
  EXPECT_EQ(c.columns, 2);
}

TEST_F(Seating, SomeoneSeatedTwiceIsAnErrorAtTheSecondSeat) {
  std::string path = dir_ + "/twice.csv";
  std::ofstream(path, std::ios::binary) << "a,b\nc,a\n";
  Diagnostics diags;
  EXPECT_FALSE(read_seating(path, rules_, {}, diags));
  EXPECT_EQ(render_all(diags, {}, Lang::zh_TW), path + ":2:2: 錯誤：「a」在座位表上出現兩次：R1C1 與 R2C2\n");
}

TEST_F(Seating, AnEmptyFileIsAnError) {
  std::string path = dir_ + "/empty.csv";
  std::ofstream(path, std::ios::binary) << "";
  Diagnostics diags;
  EXPECT_FALSE(read_seating(path, rules_, {}, diags));
  EXPECT_TRUE(diags.has_errors());
}

TEST(SeatName, ParsesRowAndColumn) {
  EXPECT_EQ(parse_seat_name("R3C4"), (std::pair{3, 4}));
  EXPECT_EQ(parse_seat_name("r12c1"), (std::pair{12, 1}));
  for (const char* bad : {"", "R3", "C4", "R0C1", "R1C0", "RxC1", "R1C", "3C4", "R123456C1", "R1C2x"})
    EXPECT_FALSE(parse_seat_name(bad)) << bad;
  EXPECT_EQ(seat_name(Seat{3, 4, "x"}), "R3C4");
}

}  // namespace
}  // namespace fangyi::contacts
