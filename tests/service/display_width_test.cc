// Display width and wrapping for the client's table, with French and Arabic.
#include "client/display_width.h"

#include <ostream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsalign::client {
namespace {

using ::testing::ElementsAre;

struct WidthCase {
  const char* text;
  int width;
};

void PrintTo(const WidthCase& width_case, std::ostream* os) {
  *os << "\"" << width_case.text << "\" is " << width_case.width << " columns";
}

class DisplayWidthTest : public ::testing::TestWithParam<WidthCase> {};

TEST_P(DisplayWidthTest, CountsColumns) {
  EXPECT_EQ(DisplayWidth(GetParam().text), GetParam().width) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Texts, DisplayWidthTest,
    ::testing::Values(WidthCase{"", 0}, WidthCase{"Mali", 4},
                      // Precomposed é, and e + U+0301 COMBINING ACUTE ACCENT.
                      WidthCase{"été", 3}, WidthCase{"e\xcc\x81t\x65\xcc\x81", 3},
                      WidthCase{"l’ONU", 5}, WidthCase{"« MINUSMA »", 11}, WidthCase{"مالي", 4},
                      // Harakat (U+064B-U+065F) take no column: مُحَمَّدٌ is 4 letters.
                      WidthCase{"مُحَمَّدٌ", 4},
                      // U+0670 SUPERSCRIPT ALEF: هٰذا is 3 letters.
                      WidthCase{"هٰذا", 3},
                      // U+200F RIGHT-TO-LEFT MARK takes no column.
                      WidthCase{"\xe2\x80\x8f"
                                "15",
                                2},
                      WidthCase{"東京", 4},
                      // A malformed byte counts one.
                      WidthCase{"a\xff", 2}));

TEST(WrapToWidthTest, BreaksAtSpaces) {
  EXPECT_THAT(WrapToWidth("Le Mali a quitté l’ONU.", 10),
              ElementsAre("Le Mali a", "quitté", "l’ONU."));
}

TEST(WrapToWidthTest, CountsArabicByDisplayWidth) {
  // 5 + 1 + 6 + 1 + 4 columns; the two fathas do not count.
  const std::vector<std::string> lines = WrapToWidth("غادَرَت البعثة مالي", 11);
  EXPECT_THAT(lines, ElementsAre("غادَرَت", "البعثة مالي"));
  for (const std::string& line : lines) EXPECT_LE(DisplayWidth(line), 11);
}

// مُحَمَّدٌ spelt out: MEEM DAMMA, HAH FATHA, MEEM SHADDA FATHA, DAL DAMMATAN.
#define MU "\xd9\x85\xd9\x8f"
#define HA "\xd8\xad\xd9\x8e"
#define MMA "\xd9\x85\xd9\x91\xd9\x8e"
#define DUN "\xd8\xaf\xd9\x8c"

TEST(WrapToWidthTest, BreaksLongWordsBetweenCharactersKeepingMarks) {
  EXPECT_EQ(DisplayWidth(MU HA MMA DUN), 4);
  EXPECT_THAT(WrapToWidth(MU HA MMA DUN, 2), ElementsAre(MU HA, MMA DUN));
  EXPECT_THAT(WrapToWidth(MU HA MMA DUN, 3), ElementsAre(MU HA MMA, DUN));
  EXPECT_THAT(WrapToWidth("MINUSMA", 3), ElementsAre("MIN", "USM", "A"));
}

TEST(WrapToWidthTest, CollapsesWhitespaceAndDropsEmptyText) {
  EXPECT_THAT(WrapToWidth("  a\tb\n\nc  ", 80), ElementsAre("a b c"));
  EXPECT_TRUE(WrapToWidth("   ", 10).empty());
  EXPECT_TRUE(WrapToWidth("", 10).empty());
}

TEST(PadToWidthTest, PadsByDisplayWidth) {
  EXPECT_EQ(PadToWidth(MU HA MMA DUN, 6), MU HA MMA DUN "  ");
  EXPECT_EQ(PadToWidth("Mali", 2), "Mali");
}

}  // namespace
}  // namespace newsalign::client
