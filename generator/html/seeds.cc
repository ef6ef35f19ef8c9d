// Seed pages and citation links.
#include "html/seeds.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "core/file_io.h"
#include "core/text.h"
#include "html/escape.h"

namespace fangyi::html {
namespace {

std::string page_file(const std::string& seed) {
  std::string stem = std::filesystem::path(seed).stem().string();
  return "seed-" + stem + ".html";
}

// A line without its list bullets and leading blanks.
std::string_view bare(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ' || line[i] == '\t' || line[i] == '-' || line[i] == '*') {
      ++i;
    } else if (line.substr(i, 3) == "●") {  // U+25CF, 3 bytes
      i += 3;
    } else {
      break;
    }
  }
  return line.substr(i);
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool made_of(std::string_view t, std::string_view chars) {
  if (t.empty()) return false;
  for (std::size_t i = 0; i < t.size();) {
    std::size_t at = i;
    next_code_point(t, i);
    if (chars.find(t.substr(at, i - at)) == std::string_view::npos) return false;
  }
  return true;
}

bool is_numeral_token(std::string_view t) { return made_of(t, "壹貳參肆伍陸柒捌玖拾一二三四五六七八九十"); }

// The level of outline a section token names. Consecutive tokens of one
// level ("Q1、Q2", "參、一、二") list siblings: only the first is followed.
enum class TokenKind { question, formal_numeral, numeral, parenthesised, numbered, word };

TokenKind kind_of(const std::string& t) {
  if (t.size() > 1 && t[0] == 'Q' && t.find_first_not_of("0123456789", 1) == std::string::npos)
    return TokenKind::question;
  if (made_of(t, "壹貳參肆伍陸柒捌玖拾")) return TokenKind::formal_numeral;
  if (is_numeral_token(t)) return TokenKind::numeral;
  if (!t.empty() && t[0] == '(') return TokenKind::parenthesised;
  if (!t.empty() && t.back() == '.' && t.size() <= 3) return TokenKind::numbered;
  return TokenKind::word;
}

// Whether `token` stands in `line` after a blank and before one: "1." in a
// Q&A line whose answer lists "\t1. … 2. …", where the blank before is a tab.
bool inside_after_blank(std::string_view line, std::string_view token) {
  for (std::size_t at = line.find(token); at != std::string_view::npos; at = line.find(token, at + 1)) {
    std::size_t end = at + token.size();
    bool blank_before = at > 0 && (line[at - 1] == ' ' || line[at - 1] == '\t');
    bool blank_after = end == line.size() || line[end] == ' ' || line[end] == '\t';
    if (blank_before && blank_after) return true;
  }
  return false;
}

// Whether `line` is where `token`, of kind `kind`, starts.
bool matches(std::string_view line, const std::string& token, TokenKind kind) {
  std::string_view b = bare(line);
  switch (kind) {
    case TokenKind::question: {
      std::string_view n = std::string_view(token).substr(1);
      // 004 numbers its questions "11.\t"; 000 writes "●Q1：".
      return (starts_with(b, n) && (starts_with(b.substr(n.size()), ".\t") || starts_with(b.substr(n.size()), ". "))) ||
             (starts_with(b, "Q") && starts_with(b.substr(1), n) &&
              (starts_with(b.substr(1 + n.size()), "：") || starts_with(b.substr(1 + n.size()), ":")));
    }
    case TokenKind::formal_numeral:
    case TokenKind::numeral:
      return starts_with(b, token) && (starts_with(b.substr(token.size()), "、") || starts_with(b.substr(token.size()), " 、"));
    case TokenKind::parenthesised:
    case TokenKind::numbered: return starts_with(b, token) || inside_after_blank(line, token);
    case TokenKind::word: break;
  }
  return line.find(token) != std::string_view::npos;
}

// A heading word without a trailing "(1/4)" or item number.
std::string without_counter(const std::string& token) {
  std::size_t paren = token.find('(');
  if (paren != std::string::npos) return token.substr(0, paren);
  std::size_t end = token.size();
  while (end > 0 && token[end - 1] >= '0' && token[end - 1] <= '9') --end;
  return token.substr(0, end);
}

std::vector<std::string> tokens_of(const std::string& section) {
  // Only the first of several "；"-separated references is linked.
  std::string first = section.substr(0, section.find("；"));
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
  };
  for (std::size_t i = 0; i < first.size();) {
    std::size_t at = i;
    char32_t cp = next_code_point(first, i);
    if (cp == U'、' || cp == ' ' || cp == U'　') {
      flush();
    } else {
      cur.append(first, at, i - at);
    }
  }
  flush();
  return out;
}

}  // namespace

std::string seed_number(const std::string& file) {
  std::string stem = std::filesystem::path(file).stem().string();
  return stem.substr(0, stem.find('_'));
}

int SeedLibrary::locate(const std::vector<std::string>& lines, const std::string& section) {
  std::size_t pos = 0;
  bool found_any = false;
  std::optional<TokenKind> previous;
  for (std::string token : tokens_of(section)) {
    TokenKind kind = kind_of(token);
    if (previous == kind) break;
    previous = kind;
    for (int attempt = 0; attempt < 2; ++attempt) {
      std::size_t hit = lines.size();
      for (std::size_t i = pos; i < lines.size(); ++i) {
        if (matches(lines[i], token, kind)) {
          hit = i;
          break;
        }
      }
      if (hit < lines.size()) {
        pos = hit;
        found_any = true;
        break;
      }
      // "填報注意事項(1/4)" and "確認狀態說明1": try again without the page
      // counter or the item number the citation adds to a heading.
      if (kind != TokenKind::word) break;
      std::string shorter = without_counter(token);
      if (shorter.empty() || shorter == token) break;
      token = shorter;
      kind = kind_of(token);
    }
  }
  return found_any ? static_cast<int>(pos) + 1 : 0;
}

SeedLibrary SeedLibrary::load(const std::string& dir, const std::vector<std::string>& files, Diagnostics& diags) {
  SeedLibrary lib;
  if (dir.empty()) return lib;
  for (const auto& f : files) {
    if (lib.lines_.count(f)) continue;
    std::string path = (std::filesystem::path(dir) / f).string();
    std::string error;
    auto text = read_file(path, &error);
    if (!text) {
      diags.warning(SourceLocation{path, 0, 0, 1}, Msg::site_seed_missing, {path, error});
      continue;
    }
    lib.lines_[f] = split_lines(*text);
  }
  return lib;
}

std::string SeedLibrary::href(const rules::Citation& c) const {
  auto it = lines_.find(c.seed);
  if (it == lines_.end()) return "";
  int line = locate(it->second, c.section);
  return page_file(c.seed) + (line > 0 ? "#L" + std::to_string(line) : "");
}

std::string SeedLibrary::link(const rules::Citation& c, Lang lang) const {
  std::string label = format_message(Msg::site_source, lang, {seed_number(c.seed), c.section});
  std::string h = href(c);
  if (h.empty()) return "<span class=\"source\">" + escape(label) + "</span>";
  return "<a class=\"source\" href=\"" + escape(h) + "\">" + escape(label) + "</a>";
}

std::vector<Page> SeedLibrary::pages(Lang lang) const {
  std::vector<Page> out;
  for (const auto& [file, lines] : lines_) {
    std::string title;
    for (const auto& l : lines) {
      // Some seeds are Markdown: "## 【無健保卡查詢確診個案方式如下】".
      std::string t = trim(l);
      t = trim(t.substr(std::min(t.find_first_not_of('#'), t.size())));
      if (!t.empty()) {
        title = t;
        break;
      }
    }
    Page p;
    p.file = page_file(file);
    p.title = format_message(Msg::site_seed_title, lang, {seed_number(file), title});
    p.group = PageGroup::seeds;
    p.body = "<h1 id=\"top\">" + escape(p.title) + "</h1>\n<p class=\"seed-file\">" +
             escape(format_message(Msg::site_seed_file, lang, {file})) + "</p>\n<div class=\"seed\">\n";
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (trim(lines[i]).empty()) continue;
      std::string n = std::to_string(i + 1);
      p.body += "<p id=\"L" + n + "\"><a class=\"ln\" href=\"#L" + n + "\">" + n + "</a>" + escape(lines[i]) + "</p>\n";
    }
    p.body += "</div>\n";
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace fangyi::html
