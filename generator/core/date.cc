// Dates, times and durations: civil-date arithmetic, the parsers for the date
// spellings Taiwanese documents use, and formatting. ROC years go through ICU.
#include "core/date.h"

#include <array>

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <cstring>
#include <ctime>
#include <iterator>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "core/text.h"

namespace fangyi {
namespace {

constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;
constexpr int32_t kJulianDayOfEpoch = 2440588;  // 1970-01-01
constexpr double kMillisPerDay = 86400000.0;

// Duration units, largest first: the order both parsing and formatting use.
constexpr struct {
  char unit;
  int64_t seconds;
} kUnits[] = {{'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}};

struct Ymd {
  int year, month, day;
};

// Howard Hinnant's days_from_civil / civil_from_days: exact for the whole
// proleptic Gregorian calendar, no tables, no loops.
constexpr int32_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

constexpr Ymd civil_from_days(int32_t z) {
  z += 719468;
  const int32_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  return {yoe + era * 400 + (m <= 2), m, d};
}

constexpr bool is_leap(int y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

constexpr int days_in_month(int y, int m) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// A Republic of China calendar on UTC days. ICU's Gregorian calendars switch
// to the Julian calendar before 1582-10-15; Date is proleptic Gregorian, so
// the switch is moved to 0001-01-01, before any valid Date.
std::unique_ptr<icu::Calendar> make_roc_calendar() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(
      icu::Calendar::createInstance(*icu::TimeZone::getGMT(), icu::Locale("zh_TW@calendar=roc"), status));
  auto* gregorian = dynamic_cast<icu::GregorianCalendar*>(cal.get());
  if (U_SUCCESS(status) && gregorian != nullptr) {
    gregorian->setGregorianChange(days_from_civil(kMinYear, 1, 1) * kMillisPerDay, status);
  }
  // Without the ROC calendar (ICU data missing) no ROC date can be right;
  // that is a broken installation, not bad input.
  if (U_FAILURE(status) || gregorian == nullptr || std::strcmp(cal->getType(), "roc") != 0) {
    throw std::runtime_error("ICU cannot provide the Republic of China calendar");
  }
  return cal;
}

// The Gregorian date of ROC year/month/day (year >= 1, era 民國), via ICU.
std::optional<Date> from_roc_ymd(int roc_year, int month, int day) {
  if (roc_year < 1) return std::nullopt;
  auto cal = make_roc_calendar();
  cal->setLenient(false);
  cal->clear();
  cal->set(UCAL_ERA, 1);
  cal->set(UCAL_YEAR, roc_year);
  cal->set(UCAL_MONTH, month - 1);
  cal->set(UCAL_DATE, day);
  UErrorCode status = U_ZERO_ERROR;
  int32_t julian_day = cal->get(UCAL_JULIAN_DAY, status);
  if (U_FAILURE(status)) return std::nullopt;  // non-lenient: the day does not exist
  Date d = Date::from_days(julian_day - kJulianDayOfEpoch);
  if (d.year() < kMinYear || d.year() > kMaxYear) return std::nullopt;
  return d;
}

// Full-width digits ０-９ (U+FF10..U+FF19) become ASCII; the rest is kept.
std::string ascii_digits(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i + 2 < s.size() && s[i] == '\xEF' && s[i + 1] == '\xBC' &&
        static_cast<unsigned char>(s[i + 2]) >= 0x90 && static_cast<unsigned char>(s[i + 2]) <= 0x99) {
      out += static_cast<char>('0' + (static_cast<unsigned char>(s[i + 2]) - 0x90));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A cursor over normalized text, for the small grammars below.
class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  bool done() const { return pos_ == s_.size(); }
  bool eat(std::string_view lit) {
    if (s_.substr(pos_).starts_with(lit)) {
      pos_ += lit.size();
      return true;
    }
    return false;
  }
  void skip_spaces() {
    while (pos_ < s_.size() && s_[pos_] == ' ') ++pos_;
  }
  // A run of min..max digits (a longer run fails, rather than being split).
  std::optional<int> number(std::size_t min_digits, std::size_t max_digits) {
    std::size_t start = pos_;
    int value = 0;
    while (pos_ < s_.size() && is_digit(s_[pos_]) && pos_ - start < max_digits) {
      value = value * 10 + (s_[pos_++] - '0');
    }
    std::size_t n = pos_ - start;
    if (n < min_digits || (pos_ < s_.size() && is_digit(s_[pos_]))) return std::nullopt;
    return value;
  }
  std::size_t digits_ahead() const {
    std::size_t n = 0;
    while (pos_ + n < s_.size() && is_digit(s_[pos_ + n])) ++n;
    return n;
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

// 民國110年8月27日 / 110年8月27日; spaces may surround the numbers, as in
// typeset documents ("民國 110 年 8 月 27 日"). Without 民國 a four-digit year is
// Gregorian ("2021年8月27日"), matching the rule for the numeric forms.
std::optional<Date> parse_words(Scanner sc) {
  bool roc_marked = sc.eat("民國");
  sc.skip_spaces();
  std::size_t year_digits = sc.digits_ahead();
  bool gregorian = !roc_marked && year_digits == 4;
  auto y = sc.number(1, gregorian ? 4 : 3);
  sc.skip_spaces();
  if (!y || !sc.eat("年")) return std::nullopt;
  sc.skip_spaces();
  auto m = sc.number(1, 2);
  sc.skip_spaces();
  if (!m || !sc.eat("月")) return std::nullopt;
  sc.skip_spaces();
  auto d = sc.number(1, 2);
  sc.skip_spaces();
  if (!d || !sc.eat("日") || !sc.done()) return std::nullopt;
  return gregorian ? Date::from_ymd(*y, *m, *d) : from_roc_ymd(*y, *m, *d);
}

// The numeric forms: a year, then the same separator twice. The year's digit
// count decides the calendar: four digits Gregorian, two or three ROC.
std::optional<Date> parse_numeric(Scanner sc, unsigned formats) {
  std::size_t year_digits = sc.digits_ahead();
  auto y = sc.number(2, 4);
  if (!y) return std::nullopt;
  bool four = year_digits == 4;
  char sep = 0;
  for (char c : {'-', '/', '.'}) {
    if (sc.eat(std::string_view(&c, 1))) {
      sep = c;
      break;
    }
  }
  bool iso = four && sep == '-' && (formats & kDateIso);
  bool gregorian = four && sep == '/' && (formats & kDateGregorian);
  bool roc = !four && sep != 0 && (formats & kDateRoc);
  if (!iso && !gregorian && !roc) return std::nullopt;
  std::size_t min_digits = iso ? 2 : 1;  // ISO 8601 always pads
  auto m = sc.number(min_digits, 2);
  if (!m || !sc.eat(std::string_view(&sep, 1))) return std::nullopt;
  auto d = sc.number(min_digits, 2);
  if (!d || !sc.done()) return std::nullopt;
  return roc ? from_roc_ymd(*y, *m, *d) : Date::from_ymd(*y, *m, *d);
}

}  // namespace

// The days of the years exports are about, looked up: a check reads two
// dates a row, and the arithmetic of days_from_civil costs more than the
// rest of reading them.
constexpr int kTableFirstYear = 1900, kTableYears = 300;
constexpr auto kYearStart = [] {
  std::array<int32_t, kTableYears> days{};
  for (int y = 0; y < kTableYears; ++y) days[static_cast<std::size_t>(y)] = days_from_civil(kTableFirstYear + y, 1, 1);
  return days;
}();
constexpr int16_t kMonthStart[2][13] = {{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365},
                                        {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366}};

std::optional<Date> Date::from_ymd(int year, int month, int day) {
  if (year < kMinYear || year > kMaxYear || month < 1 || month > 12 || day < 1) return std::nullopt;
  if (year >= kTableFirstYear && year < kTableFirstYear + kTableYears) {
    const auto y = static_cast<std::size_t>(year - kTableFirstYear);
    const int32_t start = kYearStart[y];
    const int16_t* months = kMonthStart[is_leap(year)];
    if (day > months[month] - months[month - 1]) return std::nullopt;
    return Date(start + months[month - 1] + day - 1);
  }
  if (day > days_in_month(year, month)) return std::nullopt;
  return Date(days_from_civil(year, month, day));
}

int Date::year() const { return civil_from_days(days_).year; }
int Date::month() const { return civil_from_days(days_).month; }
int Date::day() const { return civil_from_days(days_).day; }

int Date::weekday() const {
  int w = (days_ + 4) % 7;  // 1970-01-01 was a Thursday
  return w < 0 ? w + 7 : w;
}

std::optional<TimeOfDay> TimeOfDay::from_hms(int h, int m, int s) {
  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) return std::nullopt;
  return TimeOfDay{h * 3600 + m * 60 + s};
}

std::optional<Date> parse_date(std::string_view text, unsigned formats) {
  std::string s = trim(ascii_digits(text));
  Scanner sc(s);
  if (s.find("年") != std::string::npos) {
    if (!(formats & kDateRocWords)) return std::nullopt;
    return parse_words(sc);
  }
  return parse_numeric(sc, formats);
}

std::optional<TimeOfDay> parse_time(std::string_view text) {
  std::string s = trim(ascii_digits(text));
  Scanner sc(s);
  auto h = sc.number(1, 2);
  if (!h || !sc.eat(":")) return std::nullopt;
  auto m = sc.number(2, 2);
  if (!m) return std::nullopt;
  int sec = 0;
  if (sc.eat(":")) {
    auto parsed = sc.number(2, 2);
    if (!parsed) return std::nullopt;
    sec = *parsed;
  }
  if (!sc.done()) return std::nullopt;
  return TimeOfDay::from_hms(*h, *m, sec);
}

std::optional<DateTime> parse_datetime(std::string_view text, unsigned date_formats) {
  std::string s = trim(ascii_digits(text));
  // The time is the last word: dates in words may contain spaces themselves.
  std::size_t sep = s.find_last_of(" T");
  if (sep == std::string::npos) return std::nullopt;
  std::string_view date_part = std::string_view(s).substr(0, sep);
  if (s[sep] == 'T' && (date_part.empty() || date_part.back() == ' ')) return std::nullopt;
  auto date = parse_date(date_part, date_formats);
  auto time = parse_time(std::string_view(s).substr(sep + 1));
  if (!date || !time) return std::nullopt;
  return DateTime{*date, *time};
}

std::optional<Duration> parse_duration(std::string_view text) {
  std::string s = trim(ascii_digits(text));
  if (s.empty()) return std::nullopt;
  int64_t total = 0;
  std::size_t i = 0, next_unit = 0;
  while (i < s.size()) {
    std::size_t start = i;
    int64_t n = 0;
    for (; i < s.size() && is_digit(s[i]); ++i) {
      if (__builtin_mul_overflow(n, 10, &n) || __builtin_add_overflow(n, s[i] - '0', &n)) return std::nullopt;
    }
    if (i == start || i == s.size()) return std::nullopt;
    // Units must come in descending order, each at most once.
    while (next_unit < std::size(kUnits) && kUnits[next_unit].unit != s[i]) ++next_unit;
    if (next_unit == std::size(kUnits)) return std::nullopt;
    int64_t part;
    if (__builtin_mul_overflow(n, kUnits[next_unit].seconds, &part) ||
        __builtin_add_overflow(total, part, &total)) {
      return std::nullopt;
    }
    ++next_unit;
    ++i;
  }
  return Duration{total};
}

std::string format_date(Date d, DateStyle style) {
  switch (style) {
    case DateStyle::iso:
      return fmt::format("{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
    case DateStyle::gregorian:
      return fmt::format("{:04}/{:02}/{:02}", d.year(), d.month(), d.day());
    case DateStyle::roc:
    case DateStyle::roc_words: {
      int y = roc_year(d);
      // Years before 民國1年 are counted backwards as 民前N年.
      std::string year = y >= 1 ? fmt::format("{:02}", y) : fmt::format("民前{}", 1 - y);
      if (style == DateStyle::roc) return fmt::format("{}/{:02}/{:02}", year, d.month(), d.day());
      if (y >= 1) year = fmt::format("民國{}", y);
      return fmt::format("{}年{}月{}日", year, d.month(), d.day());
    }
    case DateStyle::month_day:
      return fmt::format("{}月{}日", d.month(), d.day());
  }
  return {};
}

std::string format_time(TimeOfDay t) {
  int h = t.seconds / 3600, m = t.seconds / 60 % 60, s = t.seconds % 60;
  if (s != 0) return fmt::format("{:02}:{:02}:{:02}", h, m, s);
  return fmt::format("{:02}:{:02}", h, m);
}

std::string format_datetime(const DateTime& dt, DateStyle style) {
  return format_date(dt.date, style) + " " + format_time(dt.time);
}

std::string format_duration(Duration d) {
  if (d.seconds == 0) return "0m";
  std::string out = d.seconds < 0 ? "-" : "";
  // Unsigned, so that the most negative value has a magnitude too.
  uint64_t rest = d.seconds < 0 ? 0 - static_cast<uint64_t>(d.seconds) : static_cast<uint64_t>(d.seconds);
  for (auto [unit, seconds] : kUnits) {
    uint64_t size = static_cast<uint64_t>(seconds);
    if (rest >= size) {
      out += fmt::format("{}{}", rest / size, unit);
      rest %= size;
    }
  }
  return out;
}

int roc_year(Date d) {
  auto cal = make_roc_calendar();
  UErrorCode status = U_ZERO_ERROR;
  cal->setTime(d.days() * kMillisPerDay, status);
  int32_t era = cal->get(UCAL_ERA, status);
  int32_t year = cal->get(UCAL_YEAR, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU cannot convert the date to the ROC calendar");
  return era == 1 ? year : 1 - year;  // era 0 is 民前: 民前1年 is year 0
}

Date local_today() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date::from_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday).value_or(Date{});
}

}  // namespace fangyi
