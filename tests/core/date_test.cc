// Tests for dates, times, date-times and durations: every accepted and rejected
// spelling, ROC ↔ Gregorian conversion, formatting and arithmetic.
#include "core/date.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace fangyi {
namespace {

Date ymd(int y, int m, int d) {
  auto date = Date::from_ymd(y, m, d);
  EXPECT_TRUE(date.has_value()) << y << "-" << m << "-" << d;
  return date.value_or(Date{});
}

struct DateCase {
  const char* text;
  int year, month, day;
};

class AcceptedDate : public testing::TestWithParam<DateCase> {};

TEST_P(AcceptedDate, ParsesToTheGregorianDay) {
  const DateCase& c = GetParam();
  auto d = parse_date(c.text);
  ASSERT_TRUE(d.has_value()) << c.text;
  EXPECT_EQ(d->year(), c.year) << c.text;
  EXPECT_EQ(d->month(), c.month) << c.text;
  EXPECT_EQ(d->day(), c.day) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Formats, AcceptedDate,
    testing::Values(
        // ISO
        DateCase{"2021-08-27", 2021, 8, 27}, DateCase{"0001-01-01", 1, 1, 1},
        DateCase{"9999-12-31", 9999, 12, 31}, DateCase{"2000-02-29", 2000, 2, 29},
        // Gregorian with slashes, padded or not
        DateCase{"2021/08/27", 2021, 8, 27}, DateCase{"2021/8/27", 2021, 8, 27},
        DateCase{"2021/8/7", 2021, 8, 7}, DateCase{"2024/02/29", 2024, 2, 29},
        // ROC numeric: two- or three-digit years, any of three separators
        DateCase{"110/08/27", 2021, 8, 27}, DateCase{"110/8/27", 2021, 8, 27},
        DateCase{"110.08.27", 2021, 8, 27}, DateCase{"110-08-27", 2021, 8, 27},
        DateCase{"109/01/26", 2020, 1, 26}, DateCase{"111/04/28", 2022, 4, 28},
        DateCase{"99/12/31", 2010, 12, 31}, DateCase{"01/01/01", 1912, 1, 1},
        DateCase{"109/02/29", 2020, 2, 29}, DateCase{"89/02/29", 2000, 2, 29},
        // ROC in words, with or without 民國, with typeset spaces
        DateCase{"民國110年8月27日", 2021, 8, 27}, DateCase{"110年8月27日", 2021, 8, 27},
        DateCase{"民國110年08月27日", 2021, 8, 27}, DateCase{"民國1年1月1日", 1912, 1, 1},
        DateCase{"民國 1 年 1 月 1 日", 1912, 1, 1}, DateCase{"民國 110 年 8 月 27 日", 2021, 8, 27},
        // Without 民國, a four-digit year in words is Gregorian
        DateCase{"2021年8月27日", 2021, 8, 27},
        // Full-width digits anywhere
        DateCase{"２０２１-０８-２７", 2021, 8, 27}, DateCase{"１１０/０８/２７", 2021, 8, 27},
        DateCase{"民國１１０年８月２７日", 2021, 8, 27}, DateCase{"2021/0８/27", 2021, 8, 27},
        // Surrounding spaces
        DateCase{"  2021-08-27  ", 2021, 8, 27}, DateCase{" 110/08/27", 2021, 8, 27},
        DateCase{"民國110年8月27日 ", 2021, 8, 27}));

class RejectedDate : public testing::TestWithParam<const char*> {};

TEST_P(RejectedDate, IsNotADate) { EXPECT_FALSE(parse_date(GetParam()).has_value()) << GetParam(); }

INSTANTIATE_TEST_SUITE_P(
    Formats, RejectedDate,
    testing::Values(
        // Empty and blank
        "", " ", "   ",
        // Days and months that do not exist
        "2022-02-30", "2021-02-29", "1900-02-29", "2021-13-01", "2021-00-10", "2021-01-00", "2021-04-31",
        "2021/13/01", "110/02/29", "110/13/01", "110/00/01", "110/01/00", "110/04/31", "民國110年2月29日",
        "民國110年13月1日",
        // Years out of range
        "0000-01-01", "00/01/01", "0年1月1日", "民國0年1月1日", "10000-01-01",
        // ISO pads month and day to two digits
        "2021-8-27", "2021-08-7",
        // ROC years need two or three digits in numeric form; 民國 at most three
        "1/08/27", "9.08.27", "1234/5/6/7", "民國1110年1月1日",
        // Four-digit years only with '-' (ISO) or '/' (Gregorian)
        "2021.08.27",
        // Mixed or doubled separators, too many digits
        "2021-08/27", "110/08.27", "110/08-27", "2021//08/27", "2021-/08/27", "2021/008/27", "2021/08/027",
        "110/8/277",
        // Trailing or leading garbage
        "2021-08-27x", "2021-08-27 14:00", "x2021-08-27", "2021-08-27日", "110/08/27/", "民國110年8月27日x",
        "民國110年8月27", "民國110年8月", "110年", "民國年8月27日",
        // Other shapes
        "2021", "2021-08", "08/27", "today", "－1/01/01", "-110/08/27", "2021-08-27\xff"));

TEST(ParseDate, FormatBitsSelectTheSpellings) {
  EXPECT_TRUE(parse_date("2021-08-27", kDateIso));
  EXPECT_FALSE(parse_date("2021/08/27", kDateIso));
  EXPECT_FALSE(parse_date("110/08/27", kDateIso));
  EXPECT_FALSE(parse_date("民國110年8月27日", kDateIso));

  EXPECT_TRUE(parse_date("2021/08/27", kDateGregorian));
  EXPECT_FALSE(parse_date("2021-08-27", kDateGregorian));
  EXPECT_FALSE(parse_date("110/08/27", kDateGregorian));

  EXPECT_TRUE(parse_date("110/08/27", kDateRoc));
  EXPECT_TRUE(parse_date("110-08-27", kDateRoc));
  EXPECT_FALSE(parse_date("2021/08/27", kDateRoc));
  EXPECT_FALSE(parse_date("2021-08-27", kDateRoc));
  EXPECT_FALSE(parse_date("民國110年8月27日", kDateRoc));

  EXPECT_TRUE(parse_date("民國110年8月27日", kDateRocWords));
  EXPECT_TRUE(parse_date("110年8月27日", kDateRocWords));
  EXPECT_FALSE(parse_date("110/08/27", kDateRocWords));

  EXPECT_TRUE(parse_date("110-08-27", kDateIso | kDateRoc));
  EXPECT_FALSE(parse_date("2021-08-27", 0));
}

TEST(Date, EpochAndFields) {
  Date epoch = Date::from_days(0);
  EXPECT_EQ(epoch.year(), 1970);
  EXPECT_EQ(epoch.month(), 1);
  EXPECT_EQ(epoch.day(), 1);
  EXPECT_EQ(Date{}, epoch);
  EXPECT_EQ(ymd(1970, 1, 1).days(), 0);
  EXPECT_EQ(ymd(2021, 8, 27).days(), 18866);
  EXPECT_EQ(ymd(1969, 12, 31).days(), -1);
  EXPECT_EQ(ymd(1, 1, 1).days(), -719162);
  EXPECT_EQ(ymd(9999, 12, 31).days(), 2932896);
}

TEST(Date, FromYmdRoundTripsEveryDayOfSomeYears) {
  for (int y : {1, 4, 100, 400, 1582, 1900, 1911, 1912, 1970, 2000, 2020, 2021, 2100, 9999}) {
    Date first = ymd(y, 1, 1);
    int length = Date::from_ymd(y, 2, 29) ? 366 : 365;
    for (int i = 0; i < length; ++i) {
      Date d = first.plus_days(i);
      ASSERT_EQ(d.year(), y);
      auto again = Date::from_ymd(d.year(), d.month(), d.day());
      ASSERT_TRUE(again.has_value());
      ASSERT_EQ(*again, d);
    }
    EXPECT_EQ(first.plus_days(length - 1), ymd(y, 12, 31));
  }
}

TEST(Date, LeapYears) {
  EXPECT_TRUE(Date::from_ymd(2000, 2, 29));  // divisible by 400
  EXPECT_FALSE(Date::from_ymd(1900, 2, 29));  // by 100 only
  EXPECT_TRUE(Date::from_ymd(2020, 2, 29));
  EXPECT_FALSE(Date::from_ymd(2021, 2, 29));
  EXPECT_FALSE(Date::from_ymd(2100, 2, 29));
  EXPECT_TRUE(Date::from_ymd(1600, 2, 29));
  EXPECT_TRUE(parse_date("2000-02-29"));
  EXPECT_FALSE(parse_date("1900-02-29"));
  EXPECT_TRUE(parse_date("89/02/29"));       // 民國89年 = 2000
  EXPECT_FALSE(parse_date("民前12年2月29日"));  // 民前 is not a parsed spelling
}

TEST(Date, FromYmdRejects) {
  EXPECT_FALSE(Date::from_ymd(0, 1, 1));
  EXPECT_FALSE(Date::from_ymd(10000, 1, 1));
  EXPECT_FALSE(Date::from_ymd(2021, 0, 1));
  EXPECT_FALSE(Date::from_ymd(2021, 13, 1));
  EXPECT_FALSE(Date::from_ymd(2021, 1, 0));
  EXPECT_FALSE(Date::from_ymd(2021, 1, 32));
  EXPECT_FALSE(Date::from_ymd(2022, 2, 30));
  EXPECT_FALSE(Date::from_ymd(2021, 6, 31));
  EXPECT_FALSE(Date::from_ymd(-5, 1, 1));
}

TEST(Date, Weekday) {
  EXPECT_EQ(Date::from_days(0).weekday(), 4);     // 1970-01-01, Thursday
  EXPECT_EQ(Date::from_days(-1).weekday(), 3);    // 1969-12-31, Wednesday
  EXPECT_EQ(ymd(2021, 8, 27).weekday(), 5);       // Friday
  EXPECT_EQ(ymd(2000, 1, 1).weekday(), 6);        // Saturday
  EXPECT_EQ(ymd(2022, 4, 24).weekday(), 0);       // Sunday
  EXPECT_EQ(ymd(1, 1, 1).weekday(), 1);           // Monday, proleptic
  EXPECT_EQ(ymd(1911, 10, 10).weekday(), 2);      // Tuesday
  for (int i = -20; i < 20; ++i) {
    EXPECT_EQ(Date::from_days(i).plus_days(7).weekday(), Date::from_days(i).weekday());
  }
}

TEST(Date, Arithmetic) {
  Date day0 = ymd(2021, 8, 27);
  EXPECT_EQ(day0.plus_days(14), ymd(2021, 9, 10));
  EXPECT_EQ(day0.plus_days(-27), ymd(2021, 7, 31));
  EXPECT_EQ(day0.plus_days(0), day0);
  EXPECT_EQ(ymd(2021, 12, 31).plus_days(1), ymd(2022, 1, 1));
  EXPECT_EQ(ymd(2020, 2, 28).plus_days(1), ymd(2020, 2, 29));
  EXPECT_EQ(ymd(2021, 2, 28).plus_days(1), ymd(2021, 3, 1));
  EXPECT_EQ(ymd(2021, 9, 10) - day0, 14);
  EXPECT_EQ(day0 - ymd(2021, 9, 10), -14);
  EXPECT_EQ(ymd(2022, 1, 1) - ymd(2021, 1, 1), 365);
  EXPECT_EQ(ymd(2021, 1, 1) - ymd(2020, 1, 1), 366);
  EXPECT_EQ(ymd(9999, 12, 31) - ymd(1, 1, 1), 3652058);
}

TEST(Date, Ordering) {
  EXPECT_LT(ymd(2021, 8, 27), ymd(2021, 8, 28));
  EXPECT_GT(ymd(2022, 1, 1), ymd(2021, 12, 31));
  EXPECT_EQ(*parse_date("110/08/27"), *parse_date("2021-08-27"));
}

TEST(Roc, YearOfGregorianDates) {
  EXPECT_EQ(roc_year(ymd(2021, 8, 27)), 110);
  EXPECT_EQ(roc_year(ymd(2020, 1, 26)), 109);
  EXPECT_EQ(roc_year(ymd(2022, 4, 28)), 111);
  EXPECT_EQ(roc_year(ymd(1912, 1, 1)), 1);
  EXPECT_EQ(roc_year(ymd(1912, 12, 31)), 1);
  // Before 1912 is 民前: 民前1年 (1911) is 0, 民前2年 is -1.
  EXPECT_EQ(roc_year(ymd(1911, 12, 31)), 0);
  EXPECT_EQ(roc_year(ymd(1911, 1, 1)), 0);
  EXPECT_EQ(roc_year(ymd(1910, 6, 1)), -1);
  // Proleptic Gregorian even before the 1582 Julian switch: new year is 1 January.
  EXPECT_EQ(roc_year(ymd(1500, 1, 1)), 1500 - 1911);
  EXPECT_EQ(roc_year(ymd(1, 1, 1)), 1 - 1911);
  EXPECT_EQ(roc_year(ymd(9999, 12, 31)), 9999 - 1911);
}

TEST(Roc, YearMatchesGregorianMinus1911OnYearBoundaries) {
  for (int y : {1, 2, 1000, 1582, 1583, 1900, 1911, 1912, 1949, 2000, 2021, 2100, 9999}) {
    EXPECT_EQ(roc_year(ymd(y, 1, 1)), y - 1911) << y;
    EXPECT_EQ(roc_year(ymd(y, 12, 31)), y - 1911) << y;
  }
}

TEST(Roc, ParsedDatesMatchGregorian) {
  EXPECT_EQ(parse_date("110/08/27"), ymd(2021, 8, 27));
  EXPECT_EQ(parse_date("109/01/26"), ymd(2020, 1, 26));
  EXPECT_EQ(parse_date("111/04/28"), ymd(2022, 4, 28));
  EXPECT_EQ(parse_date("民國1年1月1日"), ymd(1912, 1, 1));
  EXPECT_EQ(parse_date("民國38年12月7日"), ymd(1949, 12, 7));
  EXPECT_EQ(parse_date("999/12/31"), ymd(2910, 12, 31));
}

TEST(Roc, EveryDayOfARocYearRoundTrips) {
  Date first = ymd(2020, 1, 1);  // 民國109年, a leap year
  for (int i = 0; i < 366; ++i) {
    Date d = first.plus_days(i);
    EXPECT_EQ(parse_date(format_date(d, DateStyle::roc)), d) << format_date(d, DateStyle::roc);
    EXPECT_EQ(parse_date(format_date(d, DateStyle::roc_words)), d) << format_date(d, DateStyle::roc_words);
  }
}

TEST(FormatDate, EachStyle) {
  Date d = ymd(2021, 8, 27);
  EXPECT_EQ(format_date(d), "2021-08-27");
  EXPECT_EQ(format_date(d, DateStyle::iso), "2021-08-27");
  EXPECT_EQ(format_date(d, DateStyle::gregorian), "2021/08/27");
  EXPECT_EQ(format_date(d, DateStyle::roc), "110/08/27");
  EXPECT_EQ(format_date(d, DateStyle::roc_words), "民國110年8月27日");
  EXPECT_EQ(format_date(d, DateStyle::month_day), "8月27日");

  Date early = ymd(2020, 1, 6);
  EXPECT_EQ(format_date(early, DateStyle::iso), "2020-01-06");
  EXPECT_EQ(format_date(early, DateStyle::gregorian), "2020/01/06");
  EXPECT_EQ(format_date(early, DateStyle::roc), "109/01/06");
  EXPECT_EQ(format_date(early, DateStyle::roc_words), "民國109年1月6日");
  EXPECT_EQ(format_date(early, DateStyle::month_day), "1月6日");
}

TEST(FormatDate, EdgeYears) {
  EXPECT_EQ(format_date(ymd(1, 1, 1)), "0001-01-01");
  EXPECT_EQ(format_date(ymd(999, 3, 4), DateStyle::gregorian), "0999/03/04");
  EXPECT_EQ(format_date(ymd(2010, 12, 31), DateStyle::roc), "99/12/31");
  EXPECT_EQ(format_date(ymd(1912, 1, 1), DateStyle::roc), "01/01/01");  // parses back as ROC
  EXPECT_EQ(format_date(ymd(1912, 1, 1), DateStyle::roc_words), "民國1年1月1日");
  EXPECT_EQ(format_date(ymd(1911, 10, 10), DateStyle::roc_words), "民前1年10月10日");
  EXPECT_EQ(format_date(ymd(1900, 2, 28), DateStyle::roc), "民前12/02/28");
}

TEST(FormatDate, IsoAndGregorianRoundTrip) {
  for (int32_t days = -719162; days <= 2932896; days += 997) {
    Date d = Date::from_days(days);
    EXPECT_EQ(parse_date(format_date(d, DateStyle::iso)), d);
    if (d.year() >= 1000) {
      EXPECT_EQ(parse_date(format_date(d, DateStyle::gregorian)), d);
    }
  }
}

// ---- times

TEST(ParseTime, Accepted) {
  struct {
    const char* text;
    int seconds;
  } cases[] = {{"14:00", 14 * 3600}, {"8:05", 8 * 3600 + 5 * 60}, {"08:05", 8 * 3600 + 5 * 60},
               {"14:00:30", 14 * 3600 + 30}, {"0:00", 0}, {"00:00:00", 0}, {"23:59:59", 86399},
               {" 14:00 ", 14 * 3600}, {"１４:００", 14 * 3600}};
  for (const auto& c : cases) {
    auto t = parse_time(c.text);
    ASSERT_TRUE(t.has_value()) << c.text;
    EXPECT_EQ(t->seconds, c.seconds) << c.text;
  }
}

TEST(ParseTime, Rejected) {
  for (const char* text : {"", "24:00", "25:00", "14:60", "14:00:60", "14", "14:", "14:0", "8:5", "14:000",
                           "123:00", "14:00:", "14:00:3", "14:00x", "-1:00", "14h", "14:00:30:00", "14 :00",
                           "14：00"}) {
    EXPECT_FALSE(parse_time(text).has_value()) << text;
  }
}

TEST(TimeOfDay, FromHms) {
  EXPECT_EQ(TimeOfDay::from_hms(14, 0)->seconds, 50400);
  EXPECT_EQ(TimeOfDay::from_hms(23, 59, 59)->seconds, 86399);
  EXPECT_FALSE(TimeOfDay::from_hms(24, 0));
  EXPECT_FALSE(TimeOfDay::from_hms(-1, 0));
  EXPECT_FALSE(TimeOfDay::from_hms(0, 60));
  EXPECT_FALSE(TimeOfDay::from_hms(0, 0, 60));
  EXPECT_FALSE(TimeOfDay::from_hms(0, -1));
}

TEST(FormatTime, MinutesOrSeconds) {
  EXPECT_EQ(format_time(*TimeOfDay::from_hms(14, 0)), "14:00");
  EXPECT_EQ(format_time(*TimeOfDay::from_hms(8, 5)), "08:05");
  EXPECT_EQ(format_time(*TimeOfDay::from_hms(14, 0, 30)), "14:00:30");
  EXPECT_EQ(format_time(TimeOfDay{}), "00:00");
  EXPECT_EQ(format_time(TimeOfDay{86399}), "23:59:59");
}

// ---- date-times

TEST(ParseDatetime, Accepted) {
  struct {
    const char* text;
    Date date;
    int seconds;
  } cases[] = {
      {"2021/08/27 14:00", ymd(2021, 8, 27), 50400},
      {"2021-08-31T08:50:42", ymd(2021, 8, 31), 8 * 3600 + 50 * 60 + 42},
      {"110/08/27 14:00", ymd(2021, 8, 27), 50400},
      {"2021-08-27   14:00", ymd(2021, 8, 27), 50400},
      {" 2021-08-27 8:05 ", ymd(2021, 8, 27), 8 * 3600 + 300},
      {"民國110年8月27日 14:00", ymd(2021, 8, 27), 50400},
      {"民國 110 年 8 月 27 日 14:00", ymd(2021, 8, 27), 50400},
      {"１１０/０８/２７ １４:００", ymd(2021, 8, 27), 50400},
  };
  for (const auto& c : cases) {
    auto dt = parse_datetime(c.text);
    ASSERT_TRUE(dt.has_value()) << c.text;
    EXPECT_EQ(dt->date, c.date) << c.text;
    EXPECT_EQ(dt->time.seconds, c.seconds) << c.text;
  }
}

TEST(ParseDatetime, Rejected) {
  for (const char* text : {"", "2021-08-27", "14:00", "2021-08-27T", "T14:00", "2021-08-27 ", "2021-08-27T 14:00",
                           "2021-08-27 T14:00", "2021-08-27TT14:00", "2021-08-27 24:00", "2022-02-30 14:00",
                           "2021-08-27 14:00 x", "2021-08-27x14:00", "2021-08-2714:00", "2021-08-27t14:00"}) {
    EXPECT_FALSE(parse_datetime(text).has_value()) << text;
  }
}

TEST(ParseDatetime, DateFormatsApply) {
  EXPECT_TRUE(parse_datetime("2021-08-27 14:00", kDateIso));
  EXPECT_FALSE(parse_datetime("110/08/27 14:00", kDateIso));
}

TEST(DateTime, EpochSecondsAndOrdering) {
  DateTime a{ymd(2021, 8, 27), *TimeOfDay::from_hms(14, 0)};
  DateTime b{ymd(2021, 8, 28), *TimeOfDay::from_hms(8, 0)};
  EXPECT_EQ(a.epoch_seconds(), int64_t(18866) * 86400 + 50400);
  EXPECT_EQ(DateTime{}.epoch_seconds(), 0);
  EXPECT_EQ((DateTime{Date::from_days(-1), TimeOfDay{}}.epoch_seconds()), -86400);
  EXPECT_LT(a, b);
  EXPECT_EQ(b.epoch_seconds() - a.epoch_seconds(), 18 * 3600);
}

TEST(FormatDatetime, EachStyle) {
  DateTime dt{ymd(2021, 8, 27), *TimeOfDay::from_hms(14, 0)};
  EXPECT_EQ(format_datetime(dt), "2021-08-27 14:00");
  EXPECT_EQ(format_datetime(dt, DateStyle::gregorian), "2021/08/27 14:00");
  EXPECT_EQ(format_datetime(dt, DateStyle::roc), "110/08/27 14:00");
  EXPECT_EQ(format_datetime(dt, DateStyle::roc_words), "民國110年8月27日 14:00");
  DateTime with_seconds{ymd(2021, 8, 31), *TimeOfDay::from_hms(8, 50, 42)};
  EXPECT_EQ(format_datetime(with_seconds), "2021-08-31 08:50:42");
  for (auto style : {DateStyle::iso, DateStyle::gregorian, DateStyle::roc, DateStyle::roc_words}) {
    EXPECT_EQ(parse_datetime(format_datetime(with_seconds, style)), with_seconds);
  }
}

// ---- durations

TEST(ParseDuration, Accepted) {
  struct {
    const char* text;
    int64_t seconds;
  } cases[] = {{"14d", 14 * 86400}, {"24h", 86400}, {"30m", 1800}, {"45s", 45}, {"2h30m", 9000},
               {"1d12h", 129600}, {"1d2h3m4s", 86400 + 7200 + 180 + 4}, {"1d30m", 86400 + 1800},
               {"0m", 0}, {"0d0h", 0}, {"90m", 5400}, {"007d", 7 * 86400}, {" 14d ", 14 * 86400},
               {"１４d", 14 * 86400}, {"106751991167300d", int64_t(106751991167300) * 86400}};
  for (const auto& c : cases) {
    auto d = parse_duration(c.text);
    ASSERT_TRUE(d.has_value()) << c.text;
    EXPECT_EQ(d->seconds, c.seconds) << c.text;
  }
}

TEST(ParseDuration, Rejected) {
  for (const char* text : {"", " ", "14", "d", "14x", "-1d", "+1d", "14D", "1.5h", "30m2h", "1h1h", "1h 30m",
                           "1d-2h", "14dd", "m30", "14 d",
                           // overflow: too many digits, or the unit's multiplication, or the sum
                           "99999999999999999999s", "9223372036854775808s", "106751991167301d",
                           "106751991167300d86400s", "9223372036854775807s1s"}) {
    EXPECT_FALSE(parse_duration(text).has_value()) << text;
  }
  EXPECT_EQ(parse_duration("9223372036854775807s")->seconds, std::numeric_limits<int64_t>::max());
}

TEST(FormatDuration, LargestUnitsFirst) {
  EXPECT_EQ(format_duration(Duration::days(14)), "14d");
  EXPECT_EQ(format_duration(Duration::hours(24)), "1d");
  EXPECT_EQ(format_duration(Duration::hours(36)), "1d12h");
  EXPECT_EQ(format_duration(Duration::minutes(90)), "1h30m");
  EXPECT_EQ(format_duration(Duration::minutes(30)), "30m");
  EXPECT_EQ(format_duration(Duration{}), "0m");
  EXPECT_EQ(format_duration(Duration{45}), "45s");
  EXPECT_EQ(format_duration(Duration{86400 + 61}), "1d1m1s");
  EXPECT_EQ(format_duration(Duration::hours(-36)), "-1d12h");
  EXPECT_EQ(format_duration(Duration{std::numeric_limits<int64_t>::min()}), "-106751991167300d15h30m8s");
}

TEST(FormatDuration, RoundTrips) {
  for (int64_t s : {int64_t(0), int64_t(1), int64_t(59), int64_t(60), int64_t(3599), int64_t(3600), int64_t(86399),
                    int64_t(86400), int64_t(1209600), int64_t(123456789), std::numeric_limits<int64_t>::max()}) {
    EXPECT_EQ(parse_duration(format_duration(Duration{s})), Duration{s}) << s;
  }
}

TEST(Duration, Constructors) {
  EXPECT_EQ(Duration::days(14).seconds, 1209600);
  EXPECT_EQ(Duration::hours(24), Duration::days(1));
  EXPECT_EQ(Duration::minutes(60), Duration::hours(1));
  EXPECT_LT(Duration::minutes(59), Duration::hours(1));
}

// from_ymd looks the days of 1900-2199 up in a table: every day of that
// span, and the days around it, give what the calendar arithmetic gives,
// and every day that does not exist is refused.
TEST(DateTable, AgreesWithTheCalendarEveryDay) {
  const int32_t first = Date::from_ymd(1890, 1, 1)->days(), last = Date::from_ymd(2210, 12, 31)->days();
  for (int32_t n = first; n <= last; ++n) {
    Date d = Date::from_days(n);
    auto again = Date::from_ymd(d.year(), d.month(), d.day());
    ASSERT_TRUE(again) << n;
    ASSERT_EQ(again->days(), n) << d.year() << "-" << d.month() << "-" << d.day();
  }
  for (int year : {1899, 1900, 1999, 2000, 2020, 2021, 2100, 2199, 2200}) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    EXPECT_EQ(Date::from_ymd(year, 2, 29).has_value(), leap) << year;
    EXPECT_FALSE(Date::from_ymd(year, 2, 30)) << year;
    EXPECT_FALSE(Date::from_ymd(year, 4, 31)) << year;
    EXPECT_FALSE(Date::from_ymd(year, 12, 32)) << year;
    EXPECT_FALSE(Date::from_ymd(year, 1, 0)) << year;
    EXPECT_TRUE(Date::from_ymd(year, 12, 31)) << year;
  }
}

}  // namespace
}  // namespace fangyi
