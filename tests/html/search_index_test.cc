#include "html/search_index.h"

#include <gtest/gtest.h>

#include <algorithm>

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

}  // namespace
}  // namespace fangyi::html
