// Tests of the sentence splitter (text/sentence_splitter.h) on whole documents: the sample pair
// (examples/mali-minusma) split into the same shape on both sides, the stated invariant (exact,
// ordered, non-overlapping byte ranges with only whitespace between them) on real, random and
// invalid input, and megabyte inputs. The rules themselves are in sentence_splitter_test.cc.
#include "text/sentence_splitter.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/sentences.h"
#include "tests/testing/status_matchers.h"
#include "text/utf8.h"

namespace newsalign {
namespace {

using ::newsalign::testing::IsOk;
using ::newsalign::testing::Sentences;
using ::testing::ElementsAreArray;
using ::testing::SizeIs;

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  EXPECT_TRUE(file.good()) << "cannot read " << path;
  std::stringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

// ---------------------------------------------------------------------------------------------
// The sample pair: the French is a sentence-for-sentence rendering of the Arabic.

class SplitSentencesSamplePairTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string dir = std::string(NEWSALIGN_SOURCE_DIR) + "/examples/mali-minusma/";
    fr_ = ReadFile(dir + "fr.txt");
    ar_ = ReadFile(dir + "ar.txt");
    ASSERT_THAT(ValidateUtf8(fr_, "fr.txt"), IsOk());
    ASSERT_THAT(ValidateUtf8(ar_, "ar.txt"), IsOk());
  }

  static std::vector<int> SentencesPerParagraph(const std::vector<Segment>& segments) {
    std::vector<int> counts;
    for (const Segment& s : segments) {
      if (s.paragraph >= static_cast<int>(counts.size())) counts.resize(s.paragraph + 1);
      ++counts[s.paragraph];
    }
    return counts;
  }

  std::string fr_;
  std::string ar_;
};

TEST_F(SplitSentencesSamplePairTest, SameShapeOnBothSides) {
  const absl::StatusOr<std::vector<Segment>> fr = SplitSentences(fr_, "fr");
  const absl::StatusOr<std::vector<Segment>> ar = SplitSentences(ar_, "ar");
  ASSERT_THAT(fr, IsOk());
  ASSERT_THAT(ar, IsOk());
  EXPECT_THAT(*fr, SizeIs(32));
  EXPECT_THAT(*ar, SizeIs(32));
  const std::vector<int> expected = {1, 3, 2, 2, 1, 2, 2, 1, 3, 3, 1, 2, 2, 1, 2, 2, 1, 1};
  EXPECT_THAT(SentencesPerParagraph(*fr), ElementsAreArray(expected));
  EXPECT_THAT(SentencesPerParagraph(*ar), ElementsAreArray(expected));
  // Sentence k of paragraph p on one side is sentence k of paragraph p on the other.
  ASSERT_EQ(fr->size(), ar->size());
  for (size_t i = 0; i < fr->size(); ++i) {
    EXPECT_EQ((*fr)[i].paragraph, (*ar)[i].paragraph) << "segment " << i;
  }
}

TEST_F(SplitSentencesSamplePairTest, TellingSentences) {
  const std::vector<std::string> fr = Sentences(fr_, "fr");
  const std::vector<std::string> ar = Sentences(ar_, "ar");
  ASSERT_THAT(fr, SizeIs(32));
  ASSERT_THAT(ar, SizeIs(32));
  // The headline, without a final stop.
  EXPECT_EQ(fr[0],
            "La junte au Mali annonce la fin des activités de la mission de l’ONU dans le pays "
            "à la mi-mois");
  EXPECT_EQ(ar[0], "المجلس العسكري بمالي يعلن انتهاء مهام بعثة الأمم المتحدة بالبلاد منتصف الجاري");
  // Sentences ending in "...".
  EXPECT_EQ(fr[3], "Découvrez ce qui se cache derrière ce retrait annoncé...");
  EXPECT_EQ(ar[3], "تعرف على ما وراء هذا الانسحاب المعلن...");
  // The garbled end of the fourth paragraph: two sentences on both sides.
  EXPECT_EQ(fr[7], "Les contrats en cours.");
  EXPECT_EQ(ar[7], "العقود الحالية.");
  // A quotation closing before the stop.
  EXPECT_THAT(fr[9], ::testing::EndsWith("stabilisation au Mali »."));
  EXPECT_THAT(ar[9], ::testing::EndsWith("لتحقيق الاستقرار في مالي\"."));
  // The source line (the Arabic one ends in a no-break space, which is trimmed) and the URL.
  EXPECT_EQ(fr[30], "Source");
  EXPECT_EQ(ar[30], "المصدر");
  EXPECT_EQ(fr[31], "https://viralmag.fr/mali-la-mission-de-lonu-quittera-definitivement-le-p...");
  EXPECT_EQ(ar[31], fr[31]);
}

// ---------------------------------------------------------------------------------------------
// The invariant: segments are exact byte ranges of the input, ordered, never overlapping, with
// no whitespace at either end and nothing but whitespace between them; paragraphs count blank
// lines.

// Decodes the code point at byte `i` of valid UTF-8 and sets `*length`.
uint32_t Decode(absl::string_view text, size_t i, size_t* length) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(text[k]); };
  const uint8_t b0 = byte(i);
  if (b0 < 0x80) {
    *length = 1;
    return b0;
  }
  *length = b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
  uint32_t c = b0 & (0x7F >> *length);
  for (size_t k = 1; k < *length; ++k) c = (c << 6) | (byte(i + k) & 0x3F);
  return c;
}

// Unicode White_Space, written out (not taken from ICU), plus the zero-width space and the
// byte-order mark, which the splitter trims too.
bool IsWhitespace(uint32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0x200B || c == 0xFEFF;
}

bool IsLineBreak(uint32_t c) {
  return c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x85 || c == 0x2028 ||
         c == 0x2029;
}

bool AllWhitespace(absl::string_view text) {
  for (size_t i = 0, n; i < text.size(); i += n) {
    if (!IsWhitespace(Decode(text, i, &n))) return false;
  }
  return true;
}

// How many paragraphs a gap of whitespace between two segments ends: 1 when it holds a blank line
// (two line breaks, CRLF counting as one) or a paragraph break (FF, U+2029), else 0.
int ParagraphBreaks(absl::string_view gap) {
  int line_breaks = 0;
  for (size_t i = 0, n; i < gap.size(); i += n) {
    const uint32_t c = Decode(gap, i, &n);
    if (c == '\f' || c == 0x2029) return 1;
    if (c == '\r' && i + 1 < gap.size() && gap[i + 1] == '\n') continue;
    if (IsLineBreak(c)) ++line_breaks;
  }
  return line_breaks >= 2 ? 1 : 0;
}

void ExpectInvariant(absl::string_view text, absl::string_view language) {
  const absl::StatusOr<std::vector<Segment>> segments = SplitSentences(text, language);
  ASSERT_THAT(segments, IsOk());
  size_t previous_end = 0;
  int previous_paragraph = 0;
  for (size_t k = 0; k < segments->size(); ++k) {
    const Segment& s = (*segments)[k];
    SCOPED_TRACE(absl::StrCat("segment ", k, " [", s.begin, ", ", s.end, ")"));
    ASSERT_LT(s.begin, s.end);
    ASSERT_LE(previous_end, s.begin);
    ASSERT_LE(s.end, text.size());
    const absl::string_view gap = text.substr(previous_end, s.begin - previous_end);
    EXPECT_TRUE(AllWhitespace(gap)) << "between segments: \"" << gap << "\"";
    const absl::string_view sentence = text.substr(s.begin, s.end - s.begin);
    size_t n;
    EXPECT_FALSE(IsWhitespace(Decode(sentence, 0, &n))) << sentence;
    size_t last = sentence.size() - 1;
    while (last > 0 && (static_cast<uint8_t>(sentence[last]) & 0xC0) == 0x80) --last;
    EXPECT_FALSE(IsWhitespace(Decode(sentence, last, &n))) << sentence;
    for (size_t i = 0; i < sentence.size(); i += n) {
      ASSERT_FALSE(IsLineBreak(Decode(sentence, i, &n))) << "line break inside: " << sentence;
    }
    const int expected_paragraph = k == 0 ? 0 : previous_paragraph + ParagraphBreaks(gap);
    EXPECT_EQ(s.paragraph, expected_paragraph);
    previous_end = s.end;
    previous_paragraph = s.paragraph;
  }
  EXPECT_TRUE(AllWhitespace(text.substr(previous_end)));
  if (segments->empty()) {
    EXPECT_TRUE(AllWhitespace(text));
  }
}

TEST(SplitSentencesInvariantTest, SamplePair) {
  const std::string dir = std::string(NEWSALIGN_SOURCE_DIR) + "/examples/mali-minusma/";
  ExpectInvariant(ReadFile(dir + "fr.txt"), "fr");
  ExpectInvariant(ReadFile(dir + "ar.txt"), "ar");
}

// Every document of ../shared/eval, as it is (one sentence a line) and joined into one
// paragraph, which is what the splitter mostly sees.
TEST(SplitSentencesInvariantTest, EvalDocuments) {
  namespace fs = std::filesystem;
  const fs::path eval = fs::path(NEWSALIGN_SHARED_DIR) / "eval";
  if (!fs::is_directory(eval)) GTEST_SKIP() << eval << " is not there";
  int documents = 0;
  for (const fs::directory_entry& set : fs::directory_iterator(eval)) {
    if (!set.is_directory()) continue;
    for (const char* language : {"fr", "ar", "de"}) {
      const fs::path dir = set.path() / language;
      if (!fs::is_directory(dir)) continue;
      for (const fs::directory_entry& file : fs::directory_iterator(dir)) {
        SCOPED_TRACE(file.path().string());
        const std::string text = ReadFile(file.path().string());
        ASSERT_THAT(ValidateUtf8(text, file.path().string()), IsOk());
        ExpectInvariant(text, language);
        std::string joined = text;
        for (char& c : joined) {
          if (c == '\n') c = ' ';
        }
        ExpectInvariant(joined, language);
        ++documents;
      }
    }
  }
  EXPECT_GT(documents, 100);
}

TEST(SplitSentencesInvariantTest, RandomMixesOfArabicFrenchPunctuationAndSpaces) {
  const std::vector<std::string> pieces = {
      "Il",   "part",   "Dupont", "été",    "l’ONU",  "M.",     "J.-P.",  "O.N.U.", "etc.", "p.",
      "3.5",  "3,5",    "15.000", "وصل",    "الوفد",  "د.",     "م.",     "ق.م.",   "٣٫٥",  "،",
      "؛",    "؟",      "!",      "?",      ".",      "..",     "...",    "…",      "«",    "»",
      "\"",   "“",      "”",      "(",      ")",      "'",      "-",      ",",      " ",    " ",
      " ",    "\u00A0", "\u202F", "\u2009", "\u3000", "\u200B", "\uFEFF", "\t",     "\n",   "\n\n",
      "\r\n", "\r",     "\u2028", "\u2029", "\f",     "\u0085", "😀",      "1."};
  std::mt19937 random(20241115);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int length = std::uniform_int_distribution<int>(0, 40)(random);
    for (int i = 0; i < length; ++i) {
      text += pieces[std::uniform_int_distribution<size_t>(0, pieces.size() - 1)(random)];
    }
    for (const char* language : {"fr", "ar", "de", "en", "ja"}) {
      SCOPED_TRACE(absl::StrCat(language, ": \"", text, "\""));
      ExpectInvariant(text, language);
      if (::testing::Test::HasFailure()) return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// ICU reads each line converted to UTF-16: its boundaries are those it finds reading the UTF-8.

// Expects both ways of finding the boundaries of `line` to agree, in each of `languages`.
void ExpectSameIcuBoundaries(absl::string_view line,
                             std::initializer_list<const char*> languages) {
  for (const char* language : languages) {
    const absl::StatusOr<std::vector<size_t>> utf8 =
        splitter_internal::IcuBoundaries(line, language, /*utf16=*/false);
    const absl::StatusOr<std::vector<size_t>> utf16 =
        splitter_internal::IcuBoundaries(line, language, /*utf16=*/true);
    ASSERT_THAT(utf8, IsOk());
    ASSERT_THAT(utf16, IsOk());
    EXPECT_THAT(*utf16, ElementsAreArray(*utf8)) << language << ": \"" << line << "\"";
  }
}

// Every line of every document of ../shared/eval, and each document's lines joined into one
// (many sentences a line), in its own language and with ICU's abbreviation lists.
TEST(IcuBoundariesTest, Utf16AsUtf8OnEvalDocuments) {
  namespace fs = std::filesystem;
  const fs::path eval = fs::path(NEWSALIGN_SHARED_DIR) / "eval";
  if (!fs::is_directory(eval)) GTEST_SKIP() << eval << " is not there";
  int boundaries = 0;
  for (const fs::directory_entry& set : fs::directory_iterator(eval)) {
    if (!set.is_directory()) continue;
    for (const std::string language : {"fr", "ar", "de"}) {
      const fs::path dir = set.path() / language;
      if (!fs::is_directory(dir)) continue;
      for (const fs::directory_entry& file : fs::directory_iterator(dir)) {
        SCOPED_TRACE(file.path().string());
        const std::string text = ReadFile(file.path().string());
        std::string joined;
        for (absl::string_view line : absl::StrSplit(text, '\n')) {
          ExpectSameIcuBoundaries(line, {language.c_str()});
          absl::StrAppend(&joined, line, " ");
        }
        ExpectSameIcuBoundaries(joined, {language.c_str(), (language + "-u-ss-standard").c_str()});
        const absl::StatusOr<std::vector<size_t>> found =
            splitter_internal::IcuBoundaries(joined, language, /*utf16=*/true);
        ASSERT_THAT(found, IsOk());
        boundaries += static_cast<int>(found->size());
        if (::testing::Test::HasFailure()) return;
      }
    }
  }
  EXPECT_GT(boundaries, 1000);
}

TEST(IcuBoundariesTest, Utf16AsUtf8OnTheSample) {
  const std::string dir = std::string(NEWSALIGN_SOURCE_DIR) + "/examples/mali-minusma/";
  for (const char* language : {"fr", "ar"}) {
    for (absl::string_view line : absl::StrSplit(ReadFile(dir + language + ".txt"), '\n')) {
      ExpectSameIcuBoundaries(line, {language});
    }
  }
}

// Random lines of the pieces UAX #29's rules turn on (terminators of several scripts after
// upper- and lower-case letters and digits, closers, spaces, combining marks and format
// characters), characters outside the BMP (two UTF-16 units each) and malformed bytes (U+FFFD
// either way).
TEST(IcuBoundariesTest, Utf16AsUtf8OnRandomLines) {
  const std::vector<std::string> pieces = {
      "Il",     "part",   "été",    "ONU",    "a",      "B",      "x",      "3",      "3.5",
      "وصل",    "الوفد",  "د.",     "٣",      "ق.م.",   ".",      "..",     "...",    "?",
      "!",      "؟",      "\u061D", "\u06D4", "\u2024", "\uFF0E", "\u3002", "\uFF01", "…",
      "«",      "»",      "\"",    "“",      "”",      "(",      ")",      "'",      "’",
      ",",      "،",      "-",      " ",      " ",      "\u00A0", "\u202F", "\u3000", "\t",
      "\u0301", "\u064E", "\u200D", "\u200E", "\u061C", "😀",     "𝐀",      "𐌰.",    "日本",
      "\xC3",  "\xFF",  "\xE2\x80", "\xF0\x9F\x98", "\xED\xA0\x80", "\xC0\xAF"};
  std::mt19937 random(20261206);
  for (int round = 0; round < 4000; ++round) {
    std::string line;
    const int length = std::uniform_int_distribution<int>(1, 30)(random);
    for (int i = 0; i < length; ++i) {
      line += pieces[std::uniform_int_distribution<size_t>(0, pieces.size() - 1)(random)];
    }
    ExpectSameIcuBoundaries(line, {"fr", "ar", "en-u-ss-standard", "ja"});
    if (::testing::Test::HasFailure()) return;
  }
}

// Invalid UTF-8 breaks the contract, but must not crash or read out of bounds.
TEST(SplitSentencesTest, SurvivesInvalidUtf8) {
  std::mt19937 random(7);
  for (int round = 0; round < 500; ++round) {
    std::string text(std::uniform_int_distribution<int>(0, 60)(random), '\0');
    for (char& c : text) c = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(random));
    const absl::StatusOr<std::vector<Segment>> segments = SplitSentences(text, "fr");
    ASSERT_THAT(segments, IsOk());
    size_t previous_end = 0;
    for (const Segment& s : *segments) {
      EXPECT_LE(previous_end, s.begin);
      EXPECT_LT(s.begin, s.end);
      EXPECT_LE(s.end, text.size());
      previous_end = s.end;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Large inputs: correct counts on a megabyte, and no failure on inputs that would be quadratic if
// scans around a boundary were not capped. Speed itself is measured in bench/, not asserted here.

std::string Repeat(absl::string_view piece, size_t bytes) {
  std::string text;
  text.reserve(bytes + piece.size());
  while (text.size() < bytes) text.append(piece.data(), piece.size());
  return text;
}

TEST(SplitSentencesLargeInputTest, OneMegabyteDocument) {
  const std::string dir = std::string(NEWSALIGN_SOURCE_DIR) + "/examples/mali-minusma/";
  for (const char* language : {"fr", "ar"}) {
    const std::string sample = ReadFile(dir + language + ".txt") + "\n\n";
    const std::string text = Repeat(sample, 1 << 20);
    const absl::StatusOr<std::vector<Segment>> segments = SplitSentences(text, language);
    ASSERT_THAT(segments, IsOk());
    EXPECT_EQ(segments->size(), 32 * (text.size() / sample.size())) << language;
  }
}

TEST(SplitSentencesLargeInputTest, PathologicalMegabytes) {
  for (const char* piece : {"ق.", "M. ", "J.-P.", ")) ", "… ", ". ", "«»", "a", "\n", ". 1"}) {
    const std::string text = Repeat(piece, 1 << 20);
    const absl::StatusOr<std::vector<Segment>> segments = SplitSentences(text, "fr");
    ASSERT_THAT(segments, IsOk());
    if (absl::string_view(piece) != "\n") {
      EXPECT_GT(segments->size(), 0u) << "\"" << piece << "\"";
    }
  }
}

}  // namespace
}  // namespace newsalign
