#include "text/arabic.h"

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "text/tokenizer.h"

namespace newsalign {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Every group, longest first, as the callers' policies name them.
constexpr ProcliticGroup kEveryGroup[] = {
    ProcliticGroup::kWaBiAl, ProcliticGroup::kWaAl, ProcliticGroup::kBiAl, ProcliticGroup::kFaAl,
    ProcliticGroup::kKaAl,   ProcliticGroup::kLiAl, ProcliticGroup::kAl,   ProcliticGroup::kWa,
    ProcliticGroup::kBi,     ProcliticGroup::kLi,   ProcliticGroup::kFa};

// The rests TryWithoutProclitic() offers for `word` (NormalizeWord() first), accepting none.
std::vector<std::string> Offered(absl::string_view word,
                                 absl::Span<const ProcliticGroup> groups) {
  std::vector<std::string> offered;
  const bool accepted = TryWithoutProclitic(NormalizeWord(word), groups, [&](absl::string_view r) {
    offered.emplace_back(r);
    return false;
  });
  EXPECT_FALSE(accepted);
  return offered;
}

TEST(ProcliticSpellingTest, SpellsEachGroupAsItsLetters) {
  struct Case {
    ProcliticGroup group;
    absl::string_view spelling;
  };
  const Case cases[] = {
      {ProcliticGroup::kWaBiAl, "وبال"}, {ProcliticGroup::kWaAl, "وال"},
      {ProcliticGroup::kBiAl, "بال"},    {ProcliticGroup::kFaAl, "فال"},
      {ProcliticGroup::kKaAl, "كال"},    {ProcliticGroup::kLiAl, "لل"},
      {ProcliticGroup::kAl, "ال"},       {ProcliticGroup::kWa, "و"},
      {ProcliticGroup::kBi, "ب"},        {ProcliticGroup::kLi, "ل"},
      {ProcliticGroup::kFa, "ف"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ProcliticSpelling(c.group), c.spelling) << c.spelling;
  }
  // The letters of the header are those of the spellings.
  EXPECT_EQ(ProcliticSpelling(ProcliticGroup::kWa), "\u0648");
  EXPECT_EQ(kArabicWaw, 0x0648);
  EXPECT_EQ(ProcliticSpelling(ProcliticGroup::kBi), "\u0628");
  EXPECT_EQ(kArabicBeh, 0x0628);
  EXPECT_EQ(ProcliticSpelling(ProcliticGroup::kLi), "\u0644");
  EXPECT_EQ(kArabicLam, 0x0644);
  EXPECT_EQ(ProcliticSpelling(ProcliticGroup::kFa), "\u0641");
  EXPECT_EQ(kArabicFeh, 0x0641);
  EXPECT_EQ(ProcliticSpelling(ProcliticGroup::kKaAl).substr(0, 2), "\u0643");
  EXPECT_EQ(kArabicKaf, 0x0643);
}

TEST(TryWithoutProcliticTest, OffersEveryGroupTheWordBeginsWithInOrder) {
  // و + ال + أمم: the article group first, then the conjunction alone.
  EXPECT_THAT(Offered("والأمم", kEveryGroup), ElementsAre("امم", "الامم"));
  // ب + ال + مئة.
  EXPECT_THAT(Offered("بالمئة", kEveryGroup), ElementsAre("مئه", "المئه"));
  // ل + ال + حكومة, the article's alef unwritten.
  EXPECT_THAT(Offered("للحكومة", kEveryGroup), ElementsAre("حكومه", "لحكومه"));
  // و + ب + ال.
  EXPECT_THAT(Offered("وبالتالي", kEveryGroup), ElementsAre("تالي", "بالتالي"));
  // ف + ال, ك + ال.
  EXPECT_THAT(Offered("فالحكومة", kEveryGroup), ElementsAre("حكومه", "الحكومه"));
  EXPECT_THAT(Offered("كالعادة", kEveryGroup), ElementsAre("عاده"));
  // A word that only looks like it starts with a proclitic is offered too: the caller decides.
  EXPECT_THAT(Offered("فرنسا", kEveryGroup), ElementsAre("رنسا"));
  // Latin words begin with none.
  EXPECT_THAT(Offered("Élysée", kEveryGroup), IsEmpty());
}

TEST(TryWithoutProcliticTest, TriesOnlyTheCallersGroupsInTheCallersOrder) {
  EXPECT_THAT(Offered("والأمم", {ProcliticGroup::kWa, ProcliticGroup::kWaAl}),
              ElementsAre("الامم", "امم"));
  EXPECT_THAT(Offered("والأمم", {ProcliticGroup::kBi, ProcliticGroup::kAl}), IsEmpty());
  EXPECT_THAT(Offered("بالمئة", {ProcliticGroup::kWa, ProcliticGroup::kBi}), ElementsAre("المئه"));
}

TEST(TryWithoutProcliticTest, NeverOffersAnEmptyRest) {
  EXPECT_THAT(Offered("ال", kEveryGroup), IsEmpty());
  EXPECT_THAT(Offered("و", kEveryGroup), IsEmpty());
  EXPECT_THAT(Offered("وال", kEveryGroup), ElementsAre("ال"));
  EXPECT_THAT(Offered("", kEveryGroup), IsEmpty());
}

TEST(TryWithoutProcliticTest, StopsAtTheFirstAcceptedRest) {
  std::vector<std::string> offered;
  const bool accepted =
      TryWithoutProclitic(NormalizeWord("والأمم"), kEveryGroup, [&](absl::string_view rest) {
        offered.emplace_back(rest);
        return rest.size() > 6;  // more than three letters
      });
  EXPECT_TRUE(accepted);
  EXPECT_THAT(offered, ElementsAre("امم", "الامم"));

  offered.clear();
  EXPECT_TRUE(TryWithoutProclitic("للحكومه", kEveryGroup, [&](absl::string_view rest) {
    offered.emplace_back(rest);
    return true;
  }));
  EXPECT_THAT(offered, ElementsAre("حكومه"));
}

TEST(ArabicLettersTest, MarksAndTatweel) {
  EXPECT_TRUE(IsArabicMarkOrTatweel(0x064E));   // fatha
  EXPECT_TRUE(IsArabicMarkOrTatweel(0x064B));   // fathatan, the first
  EXPECT_TRUE(IsArabicMarkOrTatweel(0x0651));   // shadda
  EXPECT_TRUE(IsArabicMarkOrTatweel(0x065F));   // the last
  EXPECT_TRUE(IsArabicMarkOrTatweel(0x0670));   // superscript alef
  EXPECT_TRUE(IsArabicMarkOrTatweel(0x0640));   // tatweel
  EXPECT_FALSE(IsArabicMarkOrTatweel(0x0627));  // ا
  EXPECT_FALSE(IsArabicMarkOrTatweel(0x0660));  // ٠
  EXPECT_FALSE(IsArabicMarkOrTatweel(0x064A));  // ي
  EXPECT_FALSE(IsArabicMarkOrTatweel(0x0301));  // Latin combining acute
}

TEST(ArabicLettersTest, AlefVariants) {
  for (UChar32 c : {0x0623, 0x0625, 0x0622, 0x0671}) EXPECT_TRUE(IsAlefVariant(c)) << c;  // أ إ آ ٱ
  EXPECT_FALSE(IsAlefVariant(kArabicAlef));
  EXPECT_FALSE(IsAlefVariant(0x0649));  // ى
  EXPECT_FALSE(IsAlefVariant(0x0624));  // ؤ
  EXPECT_FALSE(IsAlefVariant('A'));
}

}  // namespace
}  // namespace newsalign
