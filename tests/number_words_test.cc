// The number words the report's number rules read (report/number_words.h): the compiled-in
// table parses, every word is found alone and after an Arabic proclitic, and a malformed table
// names its line.
#include "report/number_words.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "text/tokenizer.h"

namespace newsalign {
namespace {

using ::newsalign::report_internal::FindNumberWord;
using ::newsalign::report_internal::NumberWord;
using ::newsalign::report_internal::NumberWordsTsv;
using ::newsalign::report_internal::ParseNumberWords;
using ::newsalign::testing::IsOk;
using ::newsalign::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

// Returns the entry of `words` for `word`, or null.
const NumberWord* EntryFor(const std::vector<NumberWord>& words, absl::string_view word) {
  for (const NumberWord& w : words) {
    if (w.word == word) return &w;
  }
  return nullptr;
}

TEST(NumberWordsTest, CompiledInTableParsesEveryLine) {
  const absl::StatusOr<std::vector<NumberWord>> words = ParseNumberWords(NumberWordsTsv());
  ASSERT_THAT(words, IsOk());
  // One entry for each line of report/data/number_words.tsv that is neither blank nor a comment:
  // 190 of them.
  int data_lines = 0;
  for (absl::string_view line : absl::StrSplit(NumberWordsTsv(), '\n')) {
    data_lines += !line.empty() && line[0] != '#';
  }
  EXPECT_EQ(data_lines, 190);
  EXPECT_EQ(words->size(), 190u);

  struct Expected {
    std::string word;  // as written in the text; looked up in NormalizeWord() form
    double value;
    bool multiplier;
  };
  for (const Expected& e : std::vector<Expected>{
           {"trois", 3, false},
           {"vingt", 20, false},
           {"mille", 1e3, true},
           {"million", 1e6, true},
           {"moitié", 50, false},       // "la moitié" for 50 %
           {"ثلاثة", 3, false},         // listed as ثلاثه: ة -> ه
           {"ثلاث", 3, false},
           {"ألف", 1e3, true},          // listed as الف: alef forms unified
           {"مليون", 1e6, true},
           {"نصف", 50, false},
           {"drei", 3, false},
           {"half", 50, false}}) {
    SCOPED_TRACE(e.word);
    const NumberWord* entry = EntryFor(*words, NormalizeWord(e.word));
    ASSERT_NE(entry, nullptr);
    EXPECT_EQ(entry->value, e.value);
    EXPECT_EQ(entry->multiplier, e.multiplier);
  }
  // The table lists the normalised forms only.
  EXPECT_EQ(NormalizeWord("ثلاثة"), "ثلاثه");
  EXPECT_EQ(EntryFor(*words, "ثلاثة"), nullptr);
  EXPECT_EQ(EntryFor(*words, "ألف"), nullptr);
}

// Every word of the table is found, and each Arabic one after و, ب, ال, وال and بال too (the
// words' endings turn the other tokens away first: never these).
TEST(NumberWordsTest, FindsEveryWordAlsoAfterAProclitic) {
  const absl::StatusOr<std::vector<NumberWord>> words = ParseNumberWords(NumberWordsTsv());
  ASSERT_TRUE(words.ok()) << words.status();
  int with_proclitic = 0;
  for (const NumberWord& w : *words) {
    const NumberWord* found = FindNumberWord(w.word);
    ASSERT_NE(found, nullptr) << w.word;
    EXPECT_EQ(found->word, w.word);
    if (static_cast<unsigned char>(w.word[0]) < 0x80 || w.word.size() <= 2) continue;
    for (const char* proclitic : {"و", "ب", "ال", "وال", "بال"}) {
      const std::string attached = absl::StrCat(proclitic, w.word);
      const NumberWord* with = FindNumberWord(attached);
      ASSERT_NE(with, nullptr) << attached;
      // A form that is itself a word of the table is that word ("الف").
      if (EntryFor(*words, attached) == nullptr) {
        EXPECT_EQ(with->value, w.value) << attached;
      }
      ++with_proclitic;
    }
  }
  EXPECT_GT(with_proclitic, 50);
  EXPECT_EQ(FindNumberWord("soldats"), nullptr);
  EXPECT_EQ(FindNumberWord("المجلس"), nullptr);
}

TEST(NumberWordsTest, MalformedTableIsInvalidArgumentNamingTheLine) {
  // Line 3 has two columns.
  EXPECT_THAT(ParseNumberWords("# French\ntrois\t3\tno\ndeux\t2\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("number_words.tsv line 3: 2 columns"),
                             HasSubstr("word<TAB>value<TAB>multiplier"))));
  // Line 4 repeats the word of line 2 (blank lines count).
  EXPECT_THAT(ParseNumberWords("# French\ntrois\t3\tno\n\ntrois\t3\tno\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("line 4: the word is listed on line 2 already")));
}

}  // namespace
}  // namespace newsalign
