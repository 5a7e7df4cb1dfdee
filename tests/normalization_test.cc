// Tests of normalisation for matching: which characters change and which stay, the map from
// normalised offsets back to the caller's (expansions, contractions, ranges inside an edit),
// the fast path, and the sample article in presentation forms and NFD.
#include "text/normalization.h"

#include <cstddef>
#include <cstdint>
#include <ios>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/unicode_forms.h"
#include "text/matching_tables.h"
#include "unicode/utf8.h"

namespace newsalign {
namespace {

using ::newsalign::testing::IsOk;
using ::newsalign::testing::ReadExample;
using ::newsalign::testing::StatusIs;
using ::newsalign::testing::ToNfd;
using ::newsalign::testing::ToPresentationForms;
using ::testing::HasSubstr;

std::string Normalized(absl::string_view text) {
  absl::StatusOr<NormalizedText> normalized = NormalizeForMatching(text);
  EXPECT_THAT(normalized, IsOk());
  return normalized.ok() ? std::string(normalized->text()) : "";
}

// ---------------------------------------------------------------------------------------------
// What changes and what stays.

struct FormCase {
  const char* name;
  std::string text;
  std::string expected;
};

class NormalizeForMatchingTest : public ::testing::TestWithParam<FormCase> {};

TEST_P(NormalizeForMatchingTest, Normalizes) {
  EXPECT_EQ(Normalized(GetParam().text), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Changed, NormalizeForMatchingTest,
    ::testing::Values(
        FormCase{"LamAlefLigature", "ﻻ", "لا"},
        FormCase{"ArabicPresentationForms", "ﻏﺎﺩﺭﺕ ﺑﻌﺜﺔ ﺍﻷﻣﻢ ﺍﻟﻤﺘﺤﺪﺓ", "غادرت بعثة الأمم المتحدة"},
        FormCase{"ArabicThousandInPresentationForms", "١٥ ﺃﻟﻒ ﺟﻨﺪﻱ", "١٥ ألف جندي"},
        FormCase{"AllahLigature", "ﷲ", "الله"},
        // The isolated and medial forms of a vowel mark are the mark alone, not a space (or a
        // tatweel) and the mark: the word stays one.
        FormCase{"IsolatedFathatan", "ﻣﺆﻛﺪﹰﺍ", "مؤكدًا"},
        FormCase{"MedialFathatan", "ﺭﺳﻤﻴﹱﺎ", "رسميًا"},
        FormCase{"ShaddaLigature", "ﻣﺤﻤﹽﺪ", "محمّد"},
        FormCase{"ShaddaBeforeFathaIsReordered", "ال\u0651\u064Eشعب", "ال\u064E\u0651شعب"},
        FormCase{"LatinLigatures", "ﬁnancement ﬂotte", "financement flotte"},
        FormCase{"NfdFrench", "de\u0301cembre, aou\u0302t, fe\u0301vrier",
                 "décembre, août, février"},
        FormCase{"FullWidth", "ＯＮＵ １５", "ONU 15"}),
    [](const ::testing::TestParamInfo<FormCase>& info) { return info.param.name; });

INSTANTIATE_TEST_SUITE_P(
    Kept, NormalizeForMatchingTest,
    ::testing::Values(
        // NFKC would make these plain spaces, which the length model does not count.
        FormCase{"NoBreakSpaces", "15\u00A0000 soldats\u202F! Quoi\u00A0?",
                 "15\u00A0000 soldats\u202F! Quoi\u00A0?"},
        FormCase{"ThinAndIdeographicSpaces", "3\u2009500\u3000t", "3\u2009500\u3000t"},
        // NFKC would make it a space and U+0301: a space in the word.
        FormCase{"SpacingAcuteAsApostrophe", "aujourd´hui", "aujourd´hui"},
        // NFKC would make these digits the other side does not write.
        FormCase{"Superscript", "1\u00A0200 km²", "1\u00A0200 km²"},
        FormCase{"Fraction", "½ million", "½ million"},
        FormCase{"CircledDigit", "① Bamako", "① Bamako"},
        FormCase{"SquaredUnit", "40 ㎡", "40 ㎡"},
        FormCase{"OrdinalSuffix", "XXIᵉ siècle", "XXIᵉ siècle"},
        // NFKC would glue "TM" to the name.
        FormCase{"TradeMark", "Nokia™", "Nokia™"},
        FormCase{"Ellipsis", "Et puis… rien.", "Et puis… rien."}),
    [](const ::testing::TestParamInfo<FormCase>& info) { return info.param.name; });

// ---------------------------------------------------------------------------------------------
// The fast path.

TEST(NormalizeForMatchingTest, TextAlreadyNormalizedIsNotCopied) {
  const std::string text = "Le 15\u00A0novembre\u00A0: « départ » ; غادرت البعثة في ١٥ نوفمبر…";
  auto normalized = NormalizeForMatching(text);
  ASSERT_THAT(normalized, IsOk());
  EXPECT_FALSE(normalized->changed());
  EXPECT_EQ(normalized->text().data(), text.data());
  EXPECT_EQ(normalized->text().size(), text.size());
  const OffsetRange all = normalized->ToOriginal(3, 11);
  EXPECT_EQ(all.begin, 3u);
  EXPECT_EQ(all.end, 11u);
}

// The table of stable code points answers as ICU's check does: every code point below
// U+3000 alone and between letters of both scripts, before combining marks that compose or
// reorder, with two harakat in and out of canonical order, and random mixes of French, Arabic, marks, presentation forms, ligatures, kept
// spaces and superscripts give the same text with the table first as with ICU alone.
TEST(NormalizeForMatchingTest, StableTableAgreesWithIcu) {
  auto utf8 = [](UChar32 c) {
    char buffer[U8_MAX_LENGTH];
    int32_t length = 0;
    UBool error = false;
    U8_APPEND(buffer, length, U8_MAX_LENGTH, c, error);
    return error ? std::string() : std::string(buffer, length);
  };
  auto same = [](const std::string& text) {
    auto fast = internal::NormalizeForMatching(text, /*table_first=*/true);
    auto icu = internal::NormalizeForMatching(text, /*table_first=*/false);
    if (!fast.ok() || !icu.ok()) return fast.ok() == icu.ok();
    return fast->changed() == icu->changed() && fast->text() == icu->text();
  };
  int stable_alone = 0;
  for (UChar32 c = 1; c < 0x3000; ++c) {
    const std::string ch = utf8(c);
    ASSERT_FALSE(ch.empty()) << c;
    for (const std::string& text :
         {ch, "a" + ch + "b", "م" + ch + "ة", ch + "\u0301", ch + "\u0654", ch + "\u0651",
          ch + "\u064E\u0651", ch + "\u0651\u064E", "\u0651" + ch + "\u064E"}) {
      ASSERT_TRUE(same(text)) << "U+" << std::hex << c << " in \"" << text << "\"";
    }
    stable_alone += !internal::NormalizeForMatching(ch, true)->changed();
  }
  EXPECT_GT(stable_alone, 10000);
  const std::vector<std::string> pieces = {
      "Le Mali", "é", "e\u0301", "l’ONU", "\u00a0:", "\u202f;", "…", "ﬁn", "km²", "½",
      "مالي", "رسميًا", "ﺭﺳﻤﻴﹰﺎ", "ﻻ", "آ", "ا\u0653", "١٥", "１５", " ", "\t", "ـ",
      // Harakat in canonical order (fatha 30, shadda 33) and out of it (ICU reorders them).
      "بَّ", "ب\u0651\u064E", "\u0650", "\u064B", "ة\u0650\u064B"};
  std::mt19937 rng(5);
  for (int trial = 0; trial < 3000; ++trial) {
    std::string text;
    const int count = 1 + static_cast<int>(rng() % 8);
    for (int k = 0; k < count; ++k) text += pieces[rng() % pieces.size()];
    ASSERT_TRUE(same(text)) << text;
  }
}

TEST(NormalizeForMatchingTest, EmptyText) {
  auto normalized = NormalizeForMatching("");
  ASSERT_THAT(normalized, IsOk());
  EXPECT_FALSE(normalized->changed());
  EXPECT_EQ(normalized->text(), "");
}

TEST(NormalizeForMatchingTest, TwoGibibytesIsResourceExhausted) {
  // Refused on its size alone, before a byte is read.
  const char byte = 'a';
  EXPECT_THAT(NormalizeForMatching(absl::string_view(&byte, size_t{1} << 31)),
              StatusIs(absl::StatusCode::kResourceExhausted, HasSubstr("2 GiB")));
}

// ---------------------------------------------------------------------------------------------
// Offsets back to the caller's text.

struct RangeCase {
  size_t begin, end;                    // in the normalised text
  size_t original_begin, original_end;  // in the caller's
};

void ExpectRanges(absl::string_view text, absl::string_view expected_normalized,
                  const std::vector<RangeCase>& cases) {
  auto normalized = NormalizeForMatching(text);
  ASSERT_THAT(normalized, IsOk());
  ASSERT_TRUE(normalized->changed());
  ASSERT_EQ(normalized->text(), expected_normalized);
  for (const RangeCase& c : cases) {
    const OffsetRange range = normalized->ToOriginal(c.begin, c.end);
    EXPECT_EQ(range.begin, c.original_begin) << "[" << c.begin << ", " << c.end << ")";
    EXPECT_EQ(range.end, c.original_end) << "[" << c.begin << ", " << c.end << ")";
  }
}

TEST(NormalizedTextOffsetsTest, ExpansionLamAlefAndContractionLigature) {
  // "ﻻ" (3 bytes) becomes "لا" (4), "ﬁ" (3) becomes "fi" (2): the header's example.
  ExpectRanges("ﻻ ﬁn", "لا fin",
               {{0, 4, 0, 3},    // "لا" <- "ﻻ"
                {0, 2, 0, 3},    // "ل" alone comes from all of "ﻻ"
                {2, 4, 0, 3},    // and "ا" too
                {4, 5, 3, 4},    // the space, outside the edits: exact
                {5, 8, 4, 8},    // "fin" <- "ﬁn"
                {6, 8, 4, 8},    // "in": "i" is inside "ﬁ"
                {5, 6, 4, 7},    // "f" <- "ﬁ"
                {7, 8, 7, 8},    // "n", after the edits: shifted back by one byte
                {0, 8, 0, 8},    // everything
                {4, 4, 3, 3}});  // an empty range stays empty
}

TEST(NormalizedTextOffsetsTest, ContractionCombiningAccent) {
  // "e" + U+0301 (3 bytes) becomes "é" (2 bytes).
  ExpectRanges("Le 15 de\u0301cembre.", "Le 15 décembre.",
               {{0, 5, 0, 5},      // "Le 15", before the edit
                {6, 16, 6, 17},    // "décembre." <- "de\u0301cembre."
                {7, 9, 7, 10},     // "é" <- "e\u0301"
                {9, 16, 10, 17}});  // "cembre." after it
}

TEST(NormalizedTextOffsetsTest, PresentationFormsWord) {
  // Four presentation forms (3 bytes each, the lam-alef one of them) become five letters (2
  // bytes each).
  ExpectRanges("ﺳﻼﻡ ١٥", "سلام ١٥",
               {{0, 8, 0, 9},      // "سلام" <- "ﺳﻼﻡ"
                {0, 2, 0, 3},      // "س" <- "ﺳ"
                {2, 6, 3, 6},      // "لا" <- "ﻼ"
                {9, 13, 10, 14}});  // the digits, exact
}

TEST(NormalizedTextOffsetsTest, ArabicMarkFormsMergeWithTheLetters) {
  // "ﻛﺪﹰﺍ": four forms of 3 bytes; the mark form (U+FE70) becomes U+064B alone (2 bytes).
  ExpectRanges("ﻛﺪﹰﺍ ١٥", "كدًا ١٥",
               {{0, 8, 0, 12},      // the word
                {4, 6, 6, 9},       // the mark <- "ﹰ"
                {9, 13, 13, 17}});  // the digits, exact
}

TEST(NormalizedTextOffsetsTest, ToOriginalBeginAndEnd) {
  auto normalized = NormalizeForMatching("ﬁn");  // "fin"
  ASSERT_THAT(normalized, IsOk());
  EXPECT_EQ(normalized->ToOriginalBegin(0), 0u);
  EXPECT_EQ(normalized->ToOriginalBegin(1), 0u);  // inside "ﬁ": its start
  EXPECT_EQ(normalized->ToOriginalEnd(1), 3u);    // inside "ﬁ": its end
  EXPECT_EQ(normalized->ToOriginalBegin(2), 3u);
  EXPECT_EQ(normalized->ToOriginalEnd(2), 3u);
  EXPECT_EQ(normalized->ToOriginalEnd(3), 4u);    // the end of the text
}

// Every range between character boundaries of the normalised text maps to an ordered range of
// the caller's text whose own normalisation holds it.
TEST(NormalizedTextOffsetsTest, EveryRangeMapsToACallersRangeThatHoldsIt) {
  const std::string text =
      "ﻻ ﺳﻼﻡ de\u0301cembre ﬁﬂ １５\u00A0000 km² ﷲ a\u0323\u0302 ال\u0651\u064Eشعب.";
  auto normalized = NormalizeForMatching(text);
  ASSERT_THAT(normalized, IsOk());
  const absl::string_view out = normalized->text();
  std::vector<size_t> boundaries;
  for (int32_t i = 0; i < static_cast<int32_t>(out.size());) {
    boundaries.push_back(static_cast<size_t>(i));
    U8_FWD_1(out.data(), i, static_cast<int32_t>(out.size()));
  }
  boundaries.push_back(out.size());
  for (size_t a = 0; a < boundaries.size(); ++a) {
    OffsetRange previous{0, 0};
    for (size_t b = a; b < boundaries.size(); ++b) {
      const size_t begin = boundaries[a], end = boundaries[b];
      const OffsetRange range = normalized->ToOriginal(begin, end);
      ASSERT_LE(range.begin, range.end);
      ASSERT_LE(range.end, text.size());
      if (b > a) {
        EXPECT_EQ(range.begin, previous.begin);  // the same start
        EXPECT_GE(range.end, previous.end);      // a longer range ends no earlier
        EXPECT_THAT(Normalized(absl::string_view(text).substr(range.begin,
                                                              range.end - range.begin)),
                    HasSubstr(std::string(out.substr(begin, end - begin))))
            << "[" << begin << ", " << end << ")";
      }
      previous = range;
    }
  }
  const OffsetRange all = normalized->ToOriginal(0, out.size());
  EXPECT_EQ(all.begin, 0u);
  EXPECT_EQ(all.end, text.size());
}

// ---------------------------------------------------------------------------------------------
// The sample article in the forms callers send.

TEST(NormalizeForMatchingSampleTest, PresentationFormsReadAsTheArabic) {
  const std::string arabic = ReadExample("ar.txt");
  ASSERT_FALSE(arabic.empty());
  const std::string forms = ToPresentationForms(arabic);
  ASSERT_NE(forms, arabic);
  EXPECT_EQ(Normalized(forms), arabic);
}

TEST(NormalizeForMatchingSampleTest, NfdReadsAsTheFrench) {
  const std::string french = ReadExample("fr.txt");
  ASSERT_FALSE(french.empty());
  const std::string nfd = ToNfd(french);
  ASSERT_NE(nfd, french);
  EXPECT_EQ(Normalized(nfd), french);
}

TEST(NormalizeForMatchingSampleTest, SampleIsAlreadyNormalized) {
  for (const char* name : {"fr.txt", "ar.txt"}) {
    const std::string text = ReadExample(name);
    auto normalized = NormalizeForMatching(text);
    ASSERT_THAT(normalized, IsOk());
    EXPECT_FALSE(normalized->changed()) << name;
  }
}

// The tables the build computed (text/matching_tables.h) are what the ICU these tests run
// with computes: an ICU at run time other than the build's would show here. And they hold what
// the normaliser relies on.
TEST(MatchingTablesTest, BuiltTablesAreWhatIcuComputes) {
  const absl::StatusOr<internal::MatchingTables> computed = internal::ComputeMatchingTables();
  ASSERT_THAT(computed, IsOk());
  const internal::MatchingTables& built = internal::BuiltMatchingTables();
  EXPECT_EQ(built.kept, computed->kept);
  EXPECT_EQ(built.arabic_mark_forms, computed->arabic_mark_forms);
  EXPECT_EQ(built.stable, computed->stable);
  auto in = [](const std::vector<std::pair<int32_t, int32_t>>& ranges, int32_t c) {
    for (const auto& [first, last] : ranges) {
      if (first <= c && c <= last) return true;
    }
    return false;
  };
  EXPECT_TRUE(in(built.kept, 0x00A0));   // no-break space, as French writes before ":"
  EXPECT_TRUE(in(built.kept, 0x00B2));   // ², a superscript
  EXPECT_TRUE(in(built.kept, 0x2460));   // ①, a circled number
  EXPECT_FALSE(in(built.kept, 0xFB50));  // an Arabic presentation form: NFKC makes it a letter
  EXPECT_TRUE(in(built.arabic_mark_forms, 0xFE70));  // fathatan's isolated form
  ASSERT_EQ(built.stable.size(), static_cast<size_t>(internal::kStableLimit));
  EXPECT_EQ(built.stable['A'], internal::MatchingTables::kStarter);
  EXPECT_EQ(built.stable[0x0628], internal::MatchingTables::kStarter);  // ب
  EXPECT_EQ(built.stable[0x064B], 27);  // fathatan, a mark of combining class 27
  EXPECT_EQ(built.stable[0x0301], internal::MatchingTables::kUnstable);  // may compose
  EXPECT_EQ(built.stable[0x00B2], internal::MatchingTables::kStarter);   // kept
}

}  // namespace
}  // namespace newsalign
