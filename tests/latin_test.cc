#include "text/latin.h"

#include <string>

#include "gtest/gtest.h"

namespace newsalign {
namespace {

struct FoldCase {
  const char* word;
  const char* latin1;             // AccentFolding::kLatin1
  const char* vowels_and_cedilla;  // AccentFolding::kVowelsAndCedilla
};

class FoldToAsciiTest : public ::testing::TestWithParam<FoldCase> {};

TEST_P(FoldToAsciiTest, FoldsAsDocumented) {
  const FoldCase& c = GetParam();
  EXPECT_EQ(FoldToAscii(c.word, AccentFolding::kLatin1), c.latin1);
  EXPECT_EQ(FoldToAscii(c.word, AccentFolding::kVowelsAndCedilla), c.vowels_and_cedilla);
}

INSTANTIATE_TEST_SUITE_P(
    Words, FoldToAsciiTest,
    ::testing::Values(FoldCase{"Élysée", "elysee", "elysee"},
                      FoldCase{"garçon", "garcon", "garcon"},
                      FoldCase{"ÀÂÄÃÅ àâäãå", "aaaaa aaaaa", "aaaaa aaaaa"},
                      FoldCase{"ÈÉÊË ÌÍÎÏ", "eeee iiii", "eeee iiii"},
                      FoldCase{"ÒÓÔÕÖ ÙÚÛÜ", "ooooo uuuu", "ooooo uuuu"},
                      FoldCase{"Noël à Guéret", "noel a gueret", "noel a gueret"},
                      // The letters only kLatin1 folds.
                      FoldCase{"Peña", "pena", "pea"}, FoldCase{"Straße", "strase", "strae"},
                      FoldCase{"L'Haÿ", "l'hay", "l'ha"}, FoldCase{"Ýves", "yves", "ves"},
                      // Letters with no one-letter ASCII base, and other scripts: dropped.
                      FoldCase{"Œuvre", "uvre", "uvre"}, FoldCase{"Ørsted", "rsted", "rsted"},
                      FoldCase{"Æsop", "sop", "sop"}, FoldCase{"فرنسا", "", ""},
                      FoldCase{"Mali مالي", "mali ", "mali "},
                      // ASCII stays, lower-cased.
                      FoldCase{"ONU-2020", "onu-2020", "onu-2020"}, FoldCase{"", "", ""}));

TEST(FoldLatinLetterTest, LowerCasesAndFoldsOneLetter) {
  EXPECT_EQ(FoldLatinLetter(0x00C9, AccentFolding::kLatin1), 'e');  // É
  EXPECT_EQ(FoldLatinLetter(0x00E7, AccentFolding::kVowelsAndCedilla), 'c');  // ç
  EXPECT_EQ(FoldLatinLetter(0x00C7, AccentFolding::kVowelsAndCedilla), 'c');  // Ç
  EXPECT_EQ(FoldLatinLetter('G', AccentFolding::kVowelsAndCedilla), 'g');
  EXPECT_EQ(FoldLatinLetter('7', AccentFolding::kLatin1), '7');
  // ñ, ÿ (and Ÿ, U+0178), ß: folded by kLatin1, only lower-cased by kVowelsAndCedilla.
  EXPECT_EQ(FoldLatinLetter(0x00D1, AccentFolding::kLatin1), 'n');
  EXPECT_EQ(FoldLatinLetter(0x00D1, AccentFolding::kVowelsAndCedilla), 0x00F1);
  EXPECT_EQ(FoldLatinLetter(0x0178, AccentFolding::kLatin1), 'y');
  EXPECT_EQ(FoldLatinLetter(0x0178, AccentFolding::kVowelsAndCedilla), 0x00FF);
  EXPECT_EQ(FoldLatinLetter(0x00DF, AccentFolding::kLatin1), 's');
  EXPECT_EQ(FoldLatinLetter(0x00DF, AccentFolding::kVowelsAndCedilla), 0x00DF);
  // Not folded by either: æ, ÷ (between the letters), Arabic.
  EXPECT_EQ(FoldLatinLetter(0x00C6, AccentFolding::kLatin1), 0x00E6);
  EXPECT_EQ(FoldLatinLetter(0x00F7, AccentFolding::kLatin1), 0x00F7);
  EXPECT_EQ(FoldLatinLetter(0x0641, AccentFolding::kLatin1), 0x0641);
}

}  // namespace
}  // namespace newsalign
