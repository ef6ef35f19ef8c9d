// The expression lexer: one pass over the bytes, decoding literals as it goes.
#include "expr/lexer.h"

#include <charconv>
#include <limits>

#include "core/date.h"
#include "core/text.h"

namespace fangyi::expr {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c); }

class Lexer {
 public:
  Lexer(std::string_view text, std::vector<Token>& out, SyntaxError& err) : t_(text), out_(out), err_(err) {}

  bool run() {
    while (true) {
      while (pos_ < t_.size() && (t_[pos_] == ' ' || t_[pos_] == '\t' || t_[pos_] == '\n' || t_[pos_] == '\r')) ++pos_;
      if (pos_ >= t_.size()) {
        push(Tok::end, pos_, 0);
        return true;
      }
      if (!one()) return false;
    }
  }

 private:
  char at(std::size_t i) const { return i < t_.size() ? t_[i] : '\0'; }

  Token& push(Tok k, std::size_t start, std::size_t len) {
    Token tok;
    tok.kind = k;
    tok.offset = start;
    tok.length = len;
    out_.push_back(std::move(tok));
    return out_.back();
  }

  bool fail(Msg m, std::string arg, std::size_t start, std::size_t len, std::string hint = {}) {
    err_ = SyntaxError{m, {std::move(arg)}, start, len, std::move(hint)};
    return false;
  }

  bool one() {
    std::size_t start = pos_;
    char c = t_[pos_];
    if (is_ident_start(c)) return ident();
    if (is_digit(c)) return number();
    if (c == '"' || c == '\'') return string(c);
    auto two = [&](char next) { return at(pos_ + 1) == next; };
    Tok k;
    std::size_t len = 1;
    switch (c) {
      case '(': k = Tok::lparen; break;
      case ')': k = Tok::rparen; break;
      case '[': k = Tok::lbracket; break;
      case ']': k = Tok::rbracket; break;
      case ',': k = Tok::comma; break;
      case '?': k = Tok::question; break;
      case ':': k = Tok::colon; break;
      case '+': k = Tok::plus; break;
      case '-': k = Tok::minus; break;
      case '*': k = Tok::star; break;
      case '/': k = Tok::slash; break;
      case '%': k = Tok::percent; break;
      case '.': k = two('.') ? (len = 2, Tok::dotdot) : Tok::dot; break;
      case '<': k = two('=') ? (len = 2, Tok::le) : Tok::lt; break;
      case '>': k = two('=') ? (len = 2, Tok::ge) : Tok::gt; break;
      case '!': k = two('=') ? (len = 2, Tok::ne) : Tok::kw_not; break;
      case '=':
        if (!two('=')) return fail(Msg::expr_bad_char, "=", start, 1, "==");
        k = Tok::eq;
        len = 2;
        break;
      case '&':
        if (!two('&')) return fail(Msg::expr_bad_char, "&", start, 1, "&&");
        k = Tok::kw_and;
        len = 2;
        break;
      case '|':
        if (!two('|')) return fail(Msg::expr_bad_char, "|", start, 1, "||");
        k = Tok::kw_or;
        len = 2;
        break;
      default: {
        std::size_t i = pos_;
        next_code_point(t_, i);
        return fail(Msg::expr_bad_char, std::string(t_.substr(start, i - start)), start, i - start);
      }
    }
    pos_ += len;
    push(k, start, len);
    return true;
  }

  bool ident() {
    std::size_t start = pos_;
    while (pos_ < t_.size() && is_ident_char(t_[pos_])) ++pos_;
    std::string_view w = t_.substr(start, pos_ - start);
    Tok k = Tok::ident;
    if (w == "true") k = Tok::kw_true;
    else if (w == "false") k = Tok::kw_false;
    else if (w == "null") k = Tok::kw_null;
    else if (w == "and") k = Tok::kw_and;
    else if (w == "or") k = Tok::kw_or;
    else if (w == "not") k = Tok::kw_not;
    else if (w == "in") k = Tok::kw_in;
    Token& tok = push(k, start, pos_ - start);
    if (k == Tok::ident) tok.s = std::string(w);
    return true;
  }

  // Reads exactly n digits at pos_ into *v; false if they are not there.
  bool digits(std::size_t n, int* v) {
    int r = 0;
    for (std::size_t k = 0; k < n; ++k) {
      if (!is_digit(at(pos_ + k))) return false;
      r = r * 10 + (t_[pos_ + k] - '0');
    }
    pos_ += n;
    *v = r;
    return true;
  }

  std::size_t digit_run(std::size_t from) const {
    std::size_t i = from;
    while (i < t_.size() && is_digit(t_[i])) ++i;
    return i - from;
  }

  // hh:mm or hh:mm:ss starting at pos_; false (pos_ unchanged) when absent.
  bool clock(std::size_t hour_digits, int32_t* seconds) {
    std::size_t save = pos_;
    int h = 0, m = 0, s = 0;
    if (!digits(hour_digits, &h) || at(pos_) != ':' || !is_digit(at(pos_ + 1)) || !is_digit(at(pos_ + 2))) {
      pos_ = save;
      return false;
    }
    ++pos_;
    digits(2, &m);
    if (at(pos_) == ':' && is_digit(at(pos_ + 1)) && is_digit(at(pos_ + 2))) {
      ++pos_;
      digits(2, &s);
    }
    auto t = TimeOfDay::from_hms(h, m, s);
    *seconds = t ? t->seconds : -1;
    return true;
  }

  bool number() {
    std::size_t start = pos_;
    std::size_t run = digit_run(pos_);
    auto text = [&] { return std::string(t_.substr(start, pos_ - start)); };
    // Dates: exactly yyyy-mm-dd, optionally followed by Thh:mm[:ss].
    if (run == 4 && at(pos_ + 4) == '-' && digit_run(pos_ + 5) == 2 && at(pos_ + 7) == '-' && digit_run(pos_ + 8) == 2) {
      int y = 0, mo = 0, d = 0;
      digits(4, &y);
      ++pos_;
      digits(2, &mo);
      ++pos_;
      digits(2, &d);
      auto date = Date::from_ymd(y, mo, d);
      if (at(pos_) == 'T' && is_digit(at(pos_ + 1))) {
        ++pos_;
        int32_t secs = 0;
        std::size_t hd = digit_run(pos_);
        bool ok = (hd == 1 || hd == 2) && clock(hd, &secs);
        if (!ok) {
          while (pos_ < t_.size() && (is_ident_char(t_[pos_]) || t_[pos_] == ':')) ++pos_;
          return fail(Msg::datetime_invalid, text(), start, pos_ - start);
        }
        if (!date || secs < 0 || is_ident_char(at(pos_))) return fail(Msg::datetime_invalid, text(), start, pos_ - start);
        push(Tok::datetime_lit, start, pos_ - start).i = int64_t(date->days()) * 86400 + secs;
        return true;
      }
      if (!date || is_ident_char(at(pos_))) return fail(Msg::date_invalid, text(), start, pos_ - start);
      push(Tok::date_lit, start, pos_ - start).i = date->days();
      return true;
    }
    if (run <= 2 && at(pos_ + run) == ':') {
      int32_t secs = 0;
      if (clock(run, &secs)) {
        if (secs < 0 || is_ident_char(at(pos_))) return fail(Msg::time_invalid, text(), start, pos_ - start);
        push(Tok::time_lit, start, pos_ - start).i = secs;
        return true;
      }
    }
    char unit = at(pos_ + run);
    if (unit == 'd' || unit == 'h' || unit == 'm') return duration(start);
    pos_ += run;
    if (at(pos_) == '.' && is_digit(at(pos_ + 1))) {
      ++pos_;
      pos_ += digit_run(pos_);
      if (is_ident_char(at(pos_))) return bad_number(start);
      double d = 0;
      std::from_chars(t_.data() + start, t_.data() + pos_, d);
      push(Tok::decimal_lit, start, pos_ - start).d = d;
      return true;
    }
    if (is_ident_char(at(pos_))) return bad_number(start);
    int64_t v = 0;
    for (std::size_t i = start; i < pos_; ++i) {
      if (v > (std::numeric_limits<int64_t>::max() - (t_[i] - '0')) / 10) return bad_number(start);
      v = v * 10 + (t_[i] - '0');
    }
    push(Tok::int_lit, start, pos_ - start).i = v;
    return true;
  }

  bool bad_number(std::size_t start) {
    while (pos_ < t_.size() && (is_ident_char(t_[pos_]) || t_[pos_] == '.')) ++pos_;
    return fail(Msg::expr_bad_number, std::string(t_.substr(start, pos_ - start)), start, pos_ - start);
  }

  // 14d, 24h, 30m, 2h30m, 1d12h: digit runs each followed by a unit, units
  // in decreasing size and each at most once.
  bool duration(std::size_t start) {
    int64_t total = 0;
    int last_rank = 3;
    while (is_digit(at(pos_))) {
      int64_t n = 0;
      while (is_digit(at(pos_))) {
        if (n > 1'000'000'000) return bad_duration(start);
        n = n * 10 + (t_[pos_++] - '0');
      }
      char u = at(pos_);
      int rank = u == 'd' ? 2 : u == 'h' ? 1 : u == 'm' ? 0 : -1;
      if (rank < 0 || rank >= last_rank) return bad_duration(start);
      ++pos_;
      last_rank = rank;
      total += n * (rank == 2 ? 86400 : rank == 1 ? 3600 : 60);
    }
    if (is_ident_char(at(pos_))) return bad_duration(start);
    push(Tok::duration_lit, start, pos_ - start).i = total;
    return true;
  }

  bool bad_duration(std::size_t start) {
    while (pos_ < t_.size() && is_ident_char(t_[pos_])) ++pos_;
    return fail(Msg::duration_invalid, std::string(t_.substr(start, pos_ - start)), start, pos_ - start);
  }

  bool string(char quote) {
    std::size_t start = pos_++;
    std::string v;
    while (true) {
      if (pos_ >= t_.size()) return fail(Msg::expr_unterminated_string, "", start, pos_ - start);
      char c = t_[pos_];
      if (c == quote) break;
      if (c == '\\') {
        char e = at(pos_ + 1);
        switch (e) {
          case '\\': v += '\\'; break;
          case '"': v += '"'; break;
          case '\'': v += '\''; break;
          case 'n': v += '\n'; break;
          case 't': v += '\t'; break;
          default: {
            std::size_t i = pos_ + 1;
            if (i < t_.size()) next_code_point(t_, i);
            return fail(Msg::expr_bad_escape, std::string(t_.substr(pos_, i - pos_)), pos_, i - pos_);
          }
        }
        pos_ += 2;
        continue;
      }
      v += c;
      ++pos_;
    }
    ++pos_;
    push(Tok::string_lit, start, pos_ - start).s = std::move(v);
    return true;
  }

  std::string_view t_;
  std::vector<Token>& out_;
  SyntaxError& err_;
  std::size_t pos_ = 0;
};

}  // namespace

bool tokenize(std::string_view text, std::vector<Token>& out, SyntaxError& err) {
  out.clear();
  return Lexer(text, out, err).run();
}

std::string_view spelling(Tok t) {
  switch (t) {
    case Tok::end: return "";
    case Tok::ident: return "identifier";
    case Tok::int_lit: return "int";
    case Tok::decimal_lit: return "decimal";
    case Tok::string_lit: return "string";
    case Tok::date_lit: return "date";
    case Tok::datetime_lit: return "datetime";
    case Tok::time_lit: return "time";
    case Tok::duration_lit: return "duration";
    case Tok::kw_true: return "true";
    case Tok::kw_false: return "false";
    case Tok::kw_null: return "null";
    case Tok::kw_and: return "and";
    case Tok::kw_or: return "or";
    case Tok::kw_not: return "not";
    case Tok::kw_in: return "in";
    case Tok::lparen: return "(";
    case Tok::rparen: return ")";
    case Tok::lbracket: return "[";
    case Tok::rbracket: return "]";
    case Tok::comma: return ",";
    case Tok::dot: return ".";
    case Tok::dotdot: return "..";
    case Tok::question: return "?";
    case Tok::colon: return ":";
    case Tok::plus: return "+";
    case Tok::minus: return "-";
    case Tok::star: return "*";
    case Tok::slash: return "/";
    case Tok::percent: return "%";
    case Tok::eq: return "==";
    case Tok::ne: return "!=";
    case Tok::lt: return "<";
    case Tok::le: return "<=";
    case Tok::gt: return ">";
    case Tok::ge: return ">=";
  }
  return "";
}

}  // namespace fangyi::expr
