// Tests for the message catalogue: every entry is complete in both languages
// with matching placeholders, and format_message substitutes arguments.
#include "core/messages.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace fangyi {
namespace {

struct Entry {
  Msg id;
  std::string_view name, zh, en;
};

// Every catalogue entry, straight from messages.def.
constexpr Entry kAll[] = {
#define FANGYI_MSG(id, zh, en) {Msg::id, #id, zh, en},
#include "core/messages.def"
#undef FANGYI_MSG
};

// The {N} placeholders of a template. Other braces are literal text (a message
// may quote "{name}" as '{{0}}'), but format_message only understands a single
// digit, so a multi-digit placeholder fails the test.
std::set<int> placeholders(std::string_view t, std::string_view name) {
  std::set<int> found;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] != '{') continue;
    std::size_t digits = 0;
    while (i + 1 + digits < t.size() && t[i + 1 + digits] >= '0' && t[i + 1 + digits] <= '9') ++digits;
    if (digits == 0 || i + 1 + digits >= t.size() || t[i + 1 + digits] != '}') continue;
    EXPECT_EQ(digits, 1u) << name << ": only {0} to {9} are supported in " << t;
    found.insert(t[i + 1] - '0');
  }
  return found;
}

TEST(Messages, CatalogueIsNotEmptyAndInOrder) {
  ASSERT_GT(std::size(kAll), 0u);
  for (std::size_t i = 0; i < std::size(kAll); ++i) EXPECT_EQ(static_cast<std::size_t>(kAll[i].id), i);
}

TEST(Messages, EveryEntryHasBothLanguages) {
  for (const Entry& e : kAll) {
    EXPECT_FALSE(message_template(e.id, Lang::zh_TW).empty()) << e.name;
    EXPECT_FALSE(message_template(e.id, Lang::en).empty()) << e.name;
    EXPECT_EQ(message_template(e.id, Lang::zh_TW), e.zh) << e.name;
    EXPECT_EQ(message_template(e.id, Lang::en), e.en) << e.name;
  }
}

TEST(Messages, NamesMatchTheEnumAndAreUnique) {
  std::set<std::string_view> names;
  for (const Entry& e : kAll) {
    EXPECT_EQ(message_name(e.id), e.name);
    EXPECT_TRUE(names.insert(e.name).second) << "duplicate " << e.name;
  }
}

TEST(Messages, SamePlaceholdersInBothLanguages) {
  for (const Entry& e : kAll) {
    std::set<int> zh = placeholders(e.zh, e.name), en = placeholders(e.en, e.name);
    EXPECT_EQ(zh, en) << e.name;
    // Numbered from {0} without gaps, so callers pass exactly that many args.
    int expected = 0;
    for (int n : zh) EXPECT_EQ(n, expected++) << e.name;
  }
}

TEST(FormatMessage, SubstitutesArguments) {
  EXPECT_EQ(format_message(Msg::did_you_mean, Lang::zh_TW, {"phases"}), "您是不是要寫「phases」？");
  EXPECT_EQ(format_message(Msg::did_you_mean, Lang::en, {"phases"}), "did you mean 'phases'?");
  EXPECT_EQ(format_message(Msg::io_cannot_read, Lang::zh_TW, {"a.yaml", "找不到檔案"}),
            "無法讀取檔案「a.yaml」：找不到檔案");
  EXPECT_EQ(format_message(Msg::io_cannot_read, Lang::en, {"a.yaml", "no such file"}),
            "cannot read 'a.yaml': no such file");
  EXPECT_EQ(format_message(Msg::summary_errors, Lang::zh_TW, {"3"}), "共 3 個錯誤");
}

TEST(FormatMessage, WithoutPlaceholdersIsTheTemplate) {
  EXPECT_EQ(format_message(Msg::severity_error, Lang::zh_TW), "錯誤");
  EXPECT_EQ(format_message(Msg::severity_error, Lang::en, {"ignored"}), "error");
}

TEST(FormatMessage, ArgumentsAreNotReexpanded) {
  EXPECT_EQ(format_message(Msg::io_cannot_read, Lang::en, {"{1}", "x"}), "cannot read '{1}': x");
  EXPECT_EQ(format_message(Msg::did_you_mean, Lang::en, {"{0}"}), "did you mean '{0}'?");
}

TEST(FormatMessage, MissingArgumentsBecomeEmpty) {
  EXPECT_EQ(format_message(Msg::io_cannot_read, Lang::en, {"a.yaml"}), "cannot read 'a.yaml': ");
  EXPECT_EQ(format_message(Msg::did_you_mean, Lang::en), "did you mean ''?");
}

TEST(FormatMessage, EveryEntryFormatsWithItsArguments) {
  for (const Entry& e : kAll) {
    std::set<int> used = placeholders(e.en, e.name);
    std::vector<std::string> args;
    for (std::size_t i = 0; i < used.size(); ++i) args.push_back("<arg" + std::to_string(i) + ">");
    for (Lang lang : {Lang::zh_TW, Lang::en}) {
      std::string text = format_message(e.id, lang, args);
      EXPECT_TRUE(placeholders(text, e.name).empty()) << e.name << ": " << text;
      for (const auto& a : args) EXPECT_NE(text.find(a), std::string::npos) << e.name << ": " << text;
    }
  }
}

}  // namespace
}  // namespace fangyi
