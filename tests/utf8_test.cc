#include "text/utf8.h"

#include <cstddef>
#include <cstdint>
#include <ios>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "text/char_classes.h"
#include "unicode/uchar.h"

namespace newsalign {
namespace {

using ::newsalign::testing::IsOk;
using ::newsalign::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;

// ---------------------------------------------------------------------------------------------
// ValidateUtf8: well-formed text.

struct ValidCase {
  const char* name;
  std::string text;
};

class ValidateUtf8ValidTest : public ::testing::TestWithParam<ValidCase> {};

TEST_P(ValidateUtf8ValidTest, Accepts) {
  EXPECT_THAT(ValidateUtf8(GetParam().text, "source.text"), IsOk());
}

INSTANTIATE_TEST_SUITE_P(
    Texts, ValidateUtf8ValidTest,
    ::testing::Values(
        ValidCase{"Empty", ""}, ValidCase{"Ascii", "The MINUSMA left Mali on 15 November."},
        ValidCase{"French", "« L’annonce émane du Conseil des ministres », dit-il. Œuvre, çà."},
        ValidCase{"Arabic", "أصبح الأمر رسميًا الآن: ستغادر البعثة البلاد في ١٥ نوفمبر ٢٠٢٤."},
        ValidCase{"ArabicPresentationForms", "\xEF\xBB\xBB\xEF\xBB\xBC"},  // ﻻ ﻼ
        ValidCase{"Emoji", "Départ 🇲🇱 ✈️ 😀"},
        ValidCase{"NulByte", std::string("a\0b", 3)},
        // The edges of every sequence length.
        ValidCase{"LastOneByte", "\x7F"}, ValidCase{"FirstTwoBytes", "\xC2\x80"},
        ValidCase{"LastTwoBytes", "\xDF\xBF"}, ValidCase{"FirstThreeBytes", "\xE0\xA0\x80"},
        ValidCase{"BeforeSurrogates", "\xED\x9F\xBF"},    // U+D7FF
        ValidCase{"AfterSurrogates", "\xEE\x80\x80"},     // U+E000
        ValidCase{"LastThreeBytes", "\xEF\xBF\xBF"},      // U+FFFF
        ValidCase{"FirstFourBytes", "\xF0\x90\x80\x80"},  // U+10000
        ValidCase{"LastCodePoint", "\xF4\x8F\xBF\xBF"}),  // U+10FFFF
    [](const ::testing::TestParamInfo<ValidCase>& info) { return info.param.name; });

// ---------------------------------------------------------------------------------------------
// ValidateUtf8: ill-formed text. The offset is where the ill-formed sequence starts (as Python's
// UnicodeDecodeError and ICU report it), which is the first byte that cannot be read.

struct InvalidCase {
  const char* name;
  std::string text;
  size_t offset;
};

class ValidateUtf8InvalidTest : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(ValidateUtf8InvalidTest, RejectsNamingFieldAndOffset) {
  const InvalidCase& c = GetParam();
  EXPECT_THAT(ValidateUtf8(c.text, "target.text"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("target.text"),
                             // "byte 8" and not "byte 80".
                             ContainsRegex(absl::StrCat("byte ", c.offset, "([^0-9]|$)")))));
}

INSTANTIATE_TEST_SUITE_P(Texts, ValidateUtf8InvalidTest,
                         ::testing::Values(
                             // Truncated sequences, at the end and before other text.
                             InvalidCase{"TruncatedTwoBytesAtEnd", "ab\xC3", 2},
                             InvalidCase{"TruncatedThreeBytesAtEnd", "\xE2\x82", 0},
                             InvalidCase{"TruncatedFourBytesAtEnd", "x\xF0\x9F\x98", 1},
                             InvalidCase{"TruncatedThreeBytesBeforeAscii",
                                         "\xE2\x82"
                                         "A",
                                         0},
                             InvalidCase{"TruncatedTwoBytesBeforeArabic",
                                         "\xD8"
                                         "سلام",
                                         0},
                             // Overlong forms.
                             InvalidCase{"OverlongNul", "\xC0\x80", 0},
                             InvalidCase{"OverlongTwoBytes", "\xC1\xBF", 0},
                             InvalidCase{"OverlongThreeBytes", "\xE0\x80\x80", 0},
                             InvalidCase{"OverlongThreeBytesHigh", "\xE0\x9F\xBF", 0},
                             InvalidCase{"OverlongFourBytes", "\xF0\x80\x80\x80", 0},
                             InvalidCase{"OverlongFourBytesHigh", "\xF0\x8F\xBF\xBF", 0},
                             // UTF-16 surrogates.
                             InvalidCase{"FirstSurrogate", "\xED\xA0\x80", 0},
                             InvalidCase{"LastSurrogate", "\xED\xBF\xBF", 0},
                             InvalidCase{"SurrogateAfterFrench", "été \xED\xB0\x80", 6},
                             // Above U+10FFFF and bytes that never occur.
                             InvalidCase{"AboveMaximum", "\xF4\x90\x80\x80", 0},
                             InvalidCase{"LeadF5", "\xF5\x80\x80\x80", 0},
                             InvalidCase{"ByteFE", "ok\xFE", 2}, InvalidCase{"ByteFF", "\xFF", 0},
                             // Lone continuation bytes.
                             InvalidCase{"LoneContinuation", "\x80", 0},
                             InvalidCase{"LoneContinuationAfterAscii", "abc\xBF", 3},
                             InvalidCase{"ExtraContinuation", "\xC3\xA9\x80", 2},
                             InvalidCase{"ContinuationAfterArabic", "سلام\x80", 8},
                             InvalidCase{"BadAfterEmoji", "😀\xC0\x80", 4},
                             InvalidCase{"BadLate", std::string(1000, 'a') + "\xE0\x80\x80", 1000}),
                         [](const ::testing::TestParamInfo<InvalidCase>& info) {
                           return info.param.name;
                         });

// ---------------------------------------------------------------------------------------------
// CountCodePoints.

struct CountCase {
  const char* name;
  std::string text;
  size_t count;
};

class CountCodePointsTest : public ::testing::TestWithParam<CountCase> {};

TEST_P(CountCodePointsTest, Counts) {
  EXPECT_EQ(CountCodePoints(GetParam().text), GetParam().count);
}

INSTANTIATE_TEST_SUITE_P(
    Texts, CountCodePointsTest,
    ::testing::Values(CountCase{"Empty", "", 0}, CountCase{"Ascii", "Mali", 4},
                      CountCase{"French", "été", 3}, CountCase{"FrenchQuotes", "« Il part. »", 12},
                      CountCase{"Arabic", "سلام", 4}, CountCase{"ArabicWithHarakat", "رسميًا", 6},
                      CountCase{"Emoji", "😀", 1},
                      CountCase{"Flag", "🇲🇱", 2},  // two regional indicators
                      CountCase{"Mixed", "Mali مالي 😀", 11}),
    [](const ::testing::TestParamInfo<CountCase>& info) { return info.param.name; });

// A sentence's length as the length model counts it (" \t" skipped) and as the QA report does
// (line breaks skipped too).
TEST(CountCodePointsExceptTest, SkipsOnlyTheGivenAsciiCharacters) {
  EXPECT_EQ(CountCodePointsExcept("Le Mali\ta quitté l'ONU.", " \t"), 19u);
  EXPECT_EQ(CountCodePointsExcept("غادرت مالي\nالأمم المتحدة.", " \t"), 23u);
  EXPECT_EQ(CountCodePointsExcept("غادرت مالي\nالأمم المتحدة.", " \t\r\n"), 22u);
  EXPECT_EQ(CountCodePointsExcept("« Il part. »", ""), CountCodePoints("« Il part. »"));
  // The no-break spaces of French typography are not ASCII: counted.
  EXPECT_EQ(CountCodePointsExcept("«\u00A0Il part.\u00A0»", " "), 11u);
}

// Long text is counted sixteen bytes at a time, the rest one at a time: every prefix and
// suffix of real sentences (so every split of a block and its tail, and sequences cut across
// blocks), with every set of skipped characters the callers use, and more than the vector
// path takes, gives the count of a byte-by-byte reading.
TEST(CountCodePointsExceptTest, EveryPrefixAndSuffixCountsAsByteByByte) {
  const std::string text =
      "Le Conseil de sécurité a mis fin, le 30 juin 2023, au mandat de la MINUSMA.\t"
      "أنهى مجلس الأمن في 30 يونيو/حزيران 2023 ولاية بعثة مينوسما.\r\n"
      "«\u00A0Nous partirons\u00A0», a dit le porte-parole 😀.";
  auto naive = [](absl::string_view s, absl::string_view skipped) {
    size_t count = 0;
    for (char c : s) {
      const bool continues = (static_cast<uint8_t>(c) & 0xC0) == 0x80;
      if (!continues && skipped.find(c) == absl::string_view::npos) ++count;
    }
    return count;
  };
  for (absl::string_view skipped : {"", " ", " \t", " \t\r\n", " \t\r\n.,;:!?"}) {
    for (size_t k = 0; k <= text.size(); ++k) {
      const absl::string_view prefix = absl::string_view(text).substr(0, k);
      const absl::string_view suffix = absl::string_view(text).substr(k);
      ASSERT_EQ(CountCodePointsExcept(prefix, skipped), naive(prefix, skipped))
          << "prefix of " << k << " bytes, skipping \"" << skipped << "\"";
      ASSERT_EQ(CountCodePointsExcept(suffix, skipped), naive(suffix, skipped))
          << "suffix from byte " << k << ", skipping \"" << skipped << "\"";
    }
  }
}

// ---------------------------------------------------------------------------------------------
// CodePointIndex, against a naive count at every character boundary.

// Returns the byte offset of every character boundary of `text`, from 0 to text.size().
std::vector<size_t> Boundaries(absl::string_view text) {
  std::vector<size_t> boundaries;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<uint8_t>(text[i]) & 0xC0) != 0x80) boundaries.push_back(i);
  }
  boundaries.push_back(text.size());
  return boundaries;
}

void ExpectIndexMatchesNaiveCount(absl::string_view text) {
  const CodePointIndex index(text);
  const std::vector<size_t> boundaries = Boundaries(text);
  for (size_t k = 0; k < boundaries.size(); ++k) {
    // The k-th boundary is, by construction, k code points in.
    ASSERT_EQ(index.CodePointOffset(boundaries[k]), k) << "at byte " << boundaries[k];
  }
}

TEST(CodePointIndexTest, EmptyText) {
  const CodePointIndex index("");
  EXPECT_EQ(index.CodePointOffset(0), 0u);
}

TEST(CodePointIndexTest, CheckpointEdges) {
  // 63, 64, 65, 127, 128 and 129 code points of two bytes each put boundaries on both sides of
  // every checkpoint.
  for (const size_t n : {1, 63, 64, 65, 127, 128, 129, 640}) {
    std::string text;
    for (size_t i = 0; i < n; ++i) text += "é";
    SCOPED_TRACE(absl::StrCat(n, " code points"));
    ExpectIndexMatchesNaiveCount(text);
  }
}

TEST(CodePointIndexTest, RealArabicAndFrench) {
  const std::string text =
      "أصبح الأمر رسميًا الآن: ستغادر بعثة الأمم المتحدة المتكاملة المتعددة الأبعاد لتحقيق "
      "الاستقرار في مالي (مينوسما) البلاد نهائيًا في 15 نوفمبر 2024. C’est désormais officiel : "
      "la Mission multidimensionnelle intégrée des Nations unies pour la stabilisation au Mali "
      "(MINUSMA) quittera définitivement le pays le 15 novembre 2024. 🇲🇱✈️";
  ASSERT_GT(CountCodePoints(text), 64u * 4);
  ExpectIndexMatchesNaiveCount(text);
}

TEST(CodePointIndexTest, RandomMixOfSequenceLengths) {
  const std::vector<std::string> pieces = {"a", " ", ".", "é", "«", "س",
                                           "٣", "€", "…", "😀", "𝕏", "\xF4\x8F\xBF\xBF"};
  std::mt19937 random(20240515);
  for (int round = 0; round < 50; ++round) {
    std::string text;
    const int length = std::uniform_int_distribution<int>(0, 400)(random);
    for (int i = 0; i < length; ++i) {
      text += pieces[std::uniform_int_distribution<size_t>(0, pieces.size() - 1)(random)];
    }
    SCOPED_TRACE(text);
    ASSERT_THAT(ValidateUtf8(text, "text"), IsOk());
    ASSERT_EQ(CountCodePoints(text), Boundaries(text).size() - 1);
    ExpectIndexMatchesNaiveCount(text);
  }
}

// ---------------------------------------------------------------------------------------------
// Decoding: NextCodePoint / ForEachCodePoint (ICU's U8_NEXT) and DecodeUtf8At / DecodeUtf8Before
// (U+FFFD for what is malformed).

std::vector<UChar32> CodePoints(absl::string_view text) {
  std::vector<UChar32> out;
  ForEachCodePoint(text, [&out](UChar32 c) { out.push_back(c); });
  return out;
}

TEST(ForEachCodePointTest, ReadsArabicFrenchAndEmoji) {
  EXPECT_THAT(CodePoints("فرنسا"), ::testing::ElementsAre(0x0641, 0x0631, 0x0646, 0x0633, 0x0627));
  EXPECT_THAT(CodePoints("Élysée"), ::testing::ElementsAre(0xC9, 'l', 'y', 's', 0xE9, 'e'));
  EXPECT_THAT(CodePoints("a😀"), ::testing::ElementsAre('a', 0x1F600));
  EXPECT_THAT(CodePoints(""), ::testing::IsEmpty());
}

TEST(ForEachCodePointTest, MalformedSequencesAreNegativeAsInIcu) {
  // A lone continuation byte, then a sequence cut by the end.
  const std::vector<UChar32> c = CodePoints("a\x80" "b\xD8");
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0], 'a');
  EXPECT_LT(c[1], 0);
  EXPECT_EQ(c[2], 'b');
  EXPECT_LT(c[3], 0);
}

TEST(NextCodePointTest, MovesPastEachCodePoint) {
  const std::string text = "ça مالي";
  size_t i = 0;
  EXPECT_EQ(NextCodePoint(text, &i), 0xE7);
  EXPECT_EQ(i, 2u);
  EXPECT_EQ(NextCodePoint(text, &i), 'a');
  EXPECT_EQ(NextCodePoint(text, &i), ' ');
  EXPECT_EQ(NextCodePoint(text, &i), 0x0645);
  EXPECT_EQ(i, 6u);
}

TEST(DecodeUtf8Test, DecodesForwardAndBackward) {
  const std::string text = "بالمئة é😀";
  size_t length = 0;
  EXPECT_EQ(DecodeUtf8At(text, 0, &length), 0x0628);
  EXPECT_EQ(length, 2u);
  const size_t emoji = text.size() - 4;
  EXPECT_EQ(DecodeUtf8At(text, emoji, &length), 0x1F600);
  EXPECT_EQ(length, 4u);
  size_t start = 0;
  EXPECT_EQ(DecodeUtf8Before(text, 0, text.size(), &start), 0x1F600);
  EXPECT_EQ(start, emoji);
  EXPECT_EQ(DecodeUtf8Before(text, 0, emoji, &start), 0xE9);
  EXPECT_EQ(start, emoji - 2);
  EXPECT_EQ(DecodeUtf8Before(text, 0, 2, &start), 0x0628);
  EXPECT_EQ(start, 0u);
}

TEST(DecodeUtf8Test, MalformedDecodesAsReplacementOfOneByte) {
  size_t length = 0;
  EXPECT_EQ(DecodeUtf8At("\x80", 0, &length), 0xFFFD);
  EXPECT_EQ(length, 1u);
  EXPECT_EQ(DecodeUtf8At("\xC0\xAF", 0, &length), 0xFFFD);  // overlong "/"
  EXPECT_EQ(length, 1u);
  EXPECT_EQ(DecodeUtf8At("\xED\xA0\x80", 0, &length), 0xFFFD);  // surrogate
  EXPECT_EQ(DecodeUtf8At("\xD8", 0, &length), 0xFFFD);  // cut by the end
  size_t start = 0;
  EXPECT_EQ(DecodeUtf8Before("a\xA8", 0, 2, &start), 0xFFFD);
  EXPECT_EQ(start, 1u);
  // Never before `lower`: the "\xD8" of "ب" is outside [1, 2).
  EXPECT_EQ(DecodeUtf8Before("\xD8\xA8", 1, 2, &start), 0xFFFD);
  EXPECT_EQ(start, 1u);
}

TEST(Utf8SequenceLengthTest, LengthOrZero) {
  EXPECT_EQ(Utf8SequenceLength("a", 0), 1u);
  EXPECT_EQ(Utf8SequenceLength("é", 0), 2u);
  EXPECT_EQ(Utf8SequenceLength("€", 0), 3u);
  EXPECT_EQ(Utf8SequenceLength("😀", 0), 4u);
  EXPECT_EQ(Utf8SequenceLength("\xF4\x90\x80\x80", 0), 0u);  // above U+10FFFF
  EXPECT_EQ(Utf8SequenceLength("\xE2\x82", 0), 0u);           // cut by the end
  EXPECT_EQ(Utf8SequenceLength("\xE0\x80\x80", 0), 0u);       // overlong
}

// The inline classes answer as ICU does, on every code point (and on the -1 of ill-formed
// UTF-8).
TEST(CharClassesTest, AgreeWithIcuOnEveryCodePoint) {
  for (UChar32 c = -1; c <= 0x10FFFF; ++c) {
    ASSERT_EQ(IsDecimalDigit(c), static_cast<bool>(u_isdigit(c))) << std::hex << c;
    ASSERT_EQ(IsLetterCategory(c), static_cast<bool>(u_isalpha(c))) << std::hex << c;
    ASSERT_EQ(IsLetterOrMark(c), u_isalpha(c) || u_getCombiningClass(c) != 0 ||
                                     u_charType(c) == U_NON_SPACING_MARK)
        << std::hex << c;
  }
}

}  // namespace
}  // namespace newsalign
