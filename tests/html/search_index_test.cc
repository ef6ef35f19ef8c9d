#include "html/search_index.h"
#include "core/json.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace fangyi::html {
namespace {

bool has(const std::vector<std::string>& terms, const std::string& t) {
  return std::find(terms.begin(), terms.end(), t) != terms.end();
}

TEST(IndexTerms, CjkBigramsFindWordsTheDictionaryMaySplit) {
  auto terms = index_terms("密切接觸者以「九宮格」方式認定，自主防疫最後一天快篩。");
  for (const char* t : {"九宮", "宮格", "快篩", "自主", "主防", "防疫"}) EXPECT_TRUE(has(terms, t)) << t;
  EXPECT_FALSE(has(terms, "格」")) << "punctuation is not part of a bigram";
  EXPECT_FALSE(has(terms, "「")) << "punctuation is not a word";
}

TEST(IndexTerms, IcuWordsAreIncluded) {
  auto terms = index_terms("漂白水 PCR Test");
  EXPECT_TRUE(has(terms, "pcr"));
  EXPECT_TRUE(has(terms, "test"));
  EXPECT_TRUE(has(terms, "漂白"));
  EXPECT_TRUE(has(terms, "白水"));
  // ICU's dictionary gives at least one word made of these characters.
  EXPECT_TRUE(std::any_of(terms.begin(), terms.end(), [](const std::string& t) {
    return t == "漂白水" || t == "漂白" || t == "水";
  }));
}

TEST(IndexTerms, RepeatsAreKeptForWeights) {
  auto terms = index_terms("九宮格 九宮格");
  EXPECT_EQ(std::count(terms.begin(), terms.end(), "宮格"), 2);
}

TEST(SearchIndexJs, ShipsDocsAndWeightedPostingsAsAScript) {
  std::string js = search_index_js({{"a.html", "快篩", "說明", "", false}, {"b.html", "其他", "快篩 快篩", "", true}});
  EXPECT_EQ(js.rfind("window.FANGYI_SEARCH=", 0), 0u);
  EXPECT_NE(js.find("[\"a.html\",\"快篩\",\"說明\",0]"), std::string::npos) << js;
  EXPECT_NE(js.find("[\"b.html\",\"其他\",\"快篩 快篩\",1]"), std::string::npos) << js;
  // The bigram 快篩 weighs 10 in a's title and 1 per occurrence in b's text.
  EXPECT_NE(js.find("\"快篩\":[0,10,1,2]"), std::string::npos) << js;
}

TEST(SearchIndexJs, HeadingsWeighMoreThanText) {
  std::string js = search_index_js({{"a.html", "", "消毒", "消毒", false}});
  EXPECT_NE(js.find("\"消毒\":[0,"), std::string::npos) << js;
  // The bigram: 1 for the text, 5 for the heading; ICU may add the word.
  EXPECT_TRUE(js.find("\"消毒\":[0,6]") != std::string::npos || js.find("\"消毒\":[0,12]") != std::string::npos) << js;
}

// The index segments a text in pieces cut before spaces, each piece once:
// every term of the whole text must come out, as often, and no other.
TEST(SearchIndexJs, PiecesGiveExactlyTheTermsOfTheWholeText) {
  std::string long_run(600, 'x');
  for (std::string text : {
           std::string("學校應於每日下午 2 時前確認 3.5 公尺、12,000 人 U.S.A. 的 PCR 檢測 a.b c"),
           std::string("全形\u3000 空白 後 , 。 句點 「引號」 ！驚嘆 (括號) x"),
           std::string("👩\u200d👩\u200d👧 家庭 🇹🇼 🇯🇵 國旗 e\u0301 café  兩個空白"),
           std::string("コロナ ウイルス 한국어 단어 עברית ש\"ע 3 4"),
           "九宮格 九宮格 九宮格 九宮格 " + long_run + " 快篩" + long_run + "快篩 尾",
           // Cut between ideographs and CJK punctuation too.
           std::string("同班同學、授課班級師生。自主防疫最後（5.1）快篩！「九宮格」：漂白水；消毒？是"),
           std::string("以 500ppm（1:100 稀釋）擦拭，作用 15 分鐘。1，2；3：4．5 A，B 甲，1 〇〇、々々"),
           std::string("ｗｗｗ．ｅｘａｍｐｌｅ 全形ＡＢＣ１２３，測試。「」『』【】〔〕《》〈〉！？"),
           // Headings, one a line: cut at every line feed.
           std::string("快篩（12.3）\n九宮格\n3.\n5 U.S.\nA \n\u0301e\n\n🇹🇼\n🇯🇵 a\n 家庭\n"),
       }) {
    std::map<std::string, int> expected;
    for (const auto& t : index_terms(text)) ++expected[t];
    for (std::size_t jobs : {1u, 2u}) {
      std::string js = search_index_js({{"a.html", "", text, "", false}}, jobs);
      std::size_t terms = js.find("\"terms\":{");
      ASSERT_NE(terms, std::string::npos);
      std::size_t listed = 0;
      for (std::size_t at = js.find(":[0,", terms); at != std::string::npos; at = js.find(":[0,", at + 1)) ++listed;
      EXPECT_EQ(listed, expected.size()) << text;
      for (const auto& [term, count] : expected) {
        std::string quoted;
        for (char c : term) quoted += c == '"' ? std::string("\\\"") : std::string(1, c);
        EXPECT_NE(js.find("\n\"" + quoted + "\":[0," + std::to_string(count) + "]"), std::string::npos)
            << "'" << term << "' x" << count << " in: " << text;
      }
    }
  }
}

TEST(SearchIndexJs, TheSameForAnyNumberOfThreads) {
  std::vector<SearchDoc> docs;
  for (int i = 0; i < 30; ++i)
    docs.push_back({"p" + std::to_string(i) + ".html", "第 " + std::to_string(i) + " 頁",
                    "九宮格 快篩 " + std::to_string(i % 7) + " 漂白水 PCR", "快篩\n", i % 5 == 0});
  std::string one = search_index_js(docs, 1);
  EXPECT_EQ(search_index_js(docs, 2), one);
  EXPECT_EQ(search_index_js(docs, 7), one);
}

TEST(SearchIndexJs, QuotesTextAsJsonDoes) {
  std::string text = "引號\"與\\反斜線\t\x01結束";
  std::string js = search_index_js({{"a\"b.html", "標\n題", text, "", false}});
  EXPECT_NE(js.find(json_escape("a\"b.html") + "," + json_escape("標\n題") + "," + json_escape(text) + ",0]"),
            std::string::npos)
      << js;
}

TEST(StringNumbers, NumbersStringsInTheOrderFirstSeen) {
  StringNumbers numbers;
  std::vector<std::string> words;
  for (int i = 0; i < 1000; ++i) words.push_back("詞" + std::to_string(i * 7919 % 1000));
  for (std::size_t i = 0; i < words.size(); ++i) EXPECT_EQ(numbers.number(words[i]), i);
  EXPECT_EQ(numbers.size(), words.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    EXPECT_EQ(numbers.number(words[i]), i) << "found again after the table grew";
    EXPECT_EQ(numbers[static_cast<uint32_t>(i)], words[i]);
  }
  EXPECT_EQ(numbers.number(""), words.size());
  EXPECT_EQ(numbers.number(""), words.size());
}

// Strings that differ in a single byte, wherever it is, get numbers of
// their own, whatever their length.
TEST(StringNumbers, TellsApartStringsOneByteApart) {
  StringNumbers numbers;
  std::vector<std::string> strings;
  for (std::size_t length = 1; length <= 40; ++length) {
    const std::string base(length, 'a');
    strings.push_back(base);
    for (std::size_t at = 0; at < length; ++at) {
      std::string other = base;
      other[at] = 'b';
      strings.push_back(other);
    }
  }
  for (std::size_t i = 0; i < strings.size(); ++i) ASSERT_EQ(numbers.number(strings[i]), i) << strings[i];
  for (std::size_t i = 0; i < strings.size(); ++i) ASSERT_EQ(numbers.number(strings[i]), i) << strings[i];
}

}  // namespace
}  // namespace fangyi::html
