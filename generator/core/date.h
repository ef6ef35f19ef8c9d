// Calendar dates, times of day, date-times and durations, with the formats
// Taiwanese documents use: ISO 2021-08-27, Gregorian 2021/08/27, ROC 110/08/27
// and 民國110年8月27日. ROC conversion goes through ICU's Republic of China
// calendar. All values are plain numbers, cheap to copy and compare.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fangyi {

class Date {
 public:
  Date() = default;
  static constexpr Date from_days(int32_t days_since_epoch) { return Date(days_since_epoch); }
  // Proleptic Gregorian; nullopt when the day does not exist (e.g. 2022-02-30)
  // or the year is outside 1..9999.
  static std::optional<Date> from_ymd(int year, int month, int day);

  int32_t days() const { return days_; }  // since 1970-01-01
  int year() const;
  int month() const;
  int day() const;
  int weekday() const;  // 0 = Sunday .. 6 = Saturday

  Date plus_days(int32_t n) const { return Date(days_ + n); }
  friend int32_t operator-(Date a, Date b) { return a.days_ - b.days_; }
  friend auto operator<=>(Date, Date) = default;

 private:
  constexpr explicit Date(int32_t d) : days_(d) {}
  int32_t days_ = 0;
};

struct TimeOfDay {
  int32_t seconds = 0;  // since midnight, 0 .. 86399
  static std::optional<TimeOfDay> from_hms(int h, int m, int s = 0);
  friend auto operator<=>(TimeOfDay, TimeOfDay) = default;
};

struct DateTime {
  Date date;
  TimeOfDay time;
  int64_t epoch_seconds() const { return int64_t(date.days()) * 86400 + time.seconds; }
  friend auto operator<=>(const DateTime&, const DateTime&) = default;
};

struct Duration {
  int64_t seconds = 0;
  static constexpr Duration days(int64_t n) { return {n * 86400}; }
  static constexpr Duration hours(int64_t n) { return {n * 3600}; }
  static constexpr Duration minutes(int64_t n) { return {n * 60}; }
  friend auto operator<=>(Duration, Duration) = default;
};

// Which spellings of a date a field accepts; a bit set.
enum DateFormat : unsigned {
  kDateIso = 1u << 0,        // 2021-08-27
  kDateGregorian = 1u << 1,  // 2021/08/27, 2021/8/27
  kDateRoc = 1u << 2,        // 110/08/27, 110/8/27, 110.08.27
  kDateRocWords = 1u << 3,   // 民國110年8月27日, 110年8月27日
  kDateAll = kDateIso | kDateGregorian | kDateRoc | kDateRocWords,
};

std::optional<Date> parse_date(std::string_view text, unsigned formats = kDateAll);
// "14:00", "8:05", "14:00:30"
std::optional<TimeOfDay> parse_time(std::string_view text);
// A date, then a space or 'T', then a time: "2021/08/27 14:00", "2021-08-31T08:50:42"
std::optional<DateTime> parse_datetime(std::string_view text, unsigned date_formats = kDateAll);
// "14d", "24h", "30m", "2h30m", "1d12h"
std::optional<Duration> parse_duration(std::string_view text);

enum class DateStyle { iso, gregorian, roc, roc_words, month_day };
// iso 2021-08-27 · gregorian 2021/08/27 · roc 110/08/27 · roc_words 民國110年8月27日 · month_day 8月27日
std::string format_date(Date d, DateStyle style = DateStyle::iso);
std::string format_time(TimeOfDay t);        // 14:00 (14:00:30 when seconds)
std::string format_datetime(const DateTime& dt, DateStyle style = DateStyle::iso);
std::string format_duration(Duration d);     // 14d, 24h, 1d12h, 30m

// ROC (民國) year of a Gregorian year, computed with ICU; years before 1912 are
// "民前" and returned as zero or negative.
int roc_year(Date d);

// Today in the local time zone: the default of every --today.
Date local_today();

}  // namespace fangyi
