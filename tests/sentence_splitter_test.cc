#include "text/sentence_splitter.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "text/abbreviations.h"
#include "text/utf8.h"

namespace newsalign {
namespace {

using ::newsalign::testing::IsOk;
using ::newsalign::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// Returns the sentences of `text` as strings.
std::vector<std::string> Sentences(absl::string_view text, absl::string_view language) {
  const absl::StatusOr<std::vector<Segment>> segments = SplitSentences(text, language);
  EXPECT_THAT(segments, IsOk());
  std::vector<std::string> sentences;
  if (!segments.ok()) return sentences;
  for (const Segment& s : *segments) {
    sentences.emplace_back(text.substr(s.begin, s.end - s.begin));
  }
  return sentences;
}

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  EXPECT_TRUE(file.good()) << "cannot read " << path;
  std::stringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

// ---------------------------------------------------------------------------------------------
// The rules, one table per language: text -> expected sentences.

struct SplitCase {
  const char* name;
  const char* text;
  std::vector<std::string> sentences;
};

std::string CaseName(const ::testing::TestParamInfo<SplitCase>& info) { return info.param.name; }

class SplitFrenchTest : public ::testing::TestWithParam<SplitCase> {};
class SplitArabicTest : public ::testing::TestWithParam<SplitCase> {};
class SplitGermanTest : public ::testing::TestWithParam<SplitCase> {};

TEST_P(SplitFrenchTest, Splits) {
  EXPECT_THAT(Sentences(GetParam().text, "fr"), ElementsAreArray(GetParam().sentences));
}
TEST_P(SplitArabicTest, Splits) {
  EXPECT_THAT(Sentences(GetParam().text, "ar"), ElementsAreArray(GetParam().sentences));
}
TEST_P(SplitGermanTest, Splits) {
  EXPECT_THAT(Sentences(GetParam().text, "de"), ElementsAreArray(GetParam().sentences));
}

// clang-format off
INSTANTIATE_TEST_SUITE_P(
    Rules, SplitFrenchTest,
    ::testing::Values(
        SplitCase{"TwoSentences",
                  "Il pleut. Il fait froid.",
                  {"Il pleut.", "Il fait froid."}},
        SplitCase{"QuestionAndExclamation",
                  "Qui part ? Personne ! Tout le monde reste.",
                  {"Qui part ?", "Personne !", "Tout le monde reste."}},
        SplitCase{"NoFinalStop",
                  "Un titre sans point final",
                  {"Un titre sans point final"}},
        // Titles and abbreviations: ICU splits after each of them when a capital follows.
        SplitCase{"Monsieur",
                  "M. Dupont est arrivé. Il est reparti.",
                  {"M. Dupont est arrivé.", "Il est reparti."}},
        SplitCase{"MonsieurLePen",
                  "M. Le Pen a parlé.",
                  {"M. Le Pen a parlé."}},
        SplitCase{"Titles",
                  "MM. Durand et Martin, Mme. Petit, Mlle. Roux, le Dr. Blanc, le Pr. Noir et "
                  "Me. Brun sont venus. Ils sont repartis.",
                  {"MM. Durand et Martin, Mme. Petit, Mlle. Roux, le Dr. Blanc, le Pr. Noir et "
                   "Me. Brun sont venus.",
                   "Ils sont repartis."}},
        SplitCase{"Saint",
                  "Il vit à St. Louis depuis 2010.",
                  {"Il vit à St. Louis depuis 2010."}},
        SplitCase{"ParExemple",
                  "Certains pays, p. ex. Malte, refusent. D’autres acceptent.",
                  {"Certains pays, p. ex. Malte, refusent.", "D’autres acceptent."}},
        SplitCase{"Confer",
                  "Voir la carte, cf. Annexe 2. Elle est claire.",
                  {"Voir la carte, cf. Annexe 2.", "Elle est claire."}},
        SplitCase{"EtcBeforeLowercase",
                  "Des pommes, des poires, etc. et des fraises.",
                  {"Des pommes, des poires, etc. et des fraises."}},
        SplitCase{"EtcBeforeCapital",
                  "Des pommes, des poires, etc. Il en reste.",
                  {"Des pommes, des poires, etc.", "Il en reste."}},
        SplitCase{"Article",
                  "Selon l’art. L. 121-1 du code, c’est interdit.",
                  {"Selon l’art. L. 121-1 du code, c’est interdit."}},
        SplitCase{"VolumePage",
                  "Voir vol. III, p. 12 et pp. 40-45. La suite est perdue.",
                  {"Voir vol. III, p. 12 et pp. 40-45.", "La suite est perdue."}},
        SplitCase{"Numero",
                  "Le décret n° 15 est paru. Il s’applique.",
                  {"Le décret n° 15 est paru.", "Il s’applique."}},
        SplitCase{"EnvironMinMax",
                  "Il reste env. 15 000 soldats, min. 10 000 et max. 20 000.",
                  {"Il reste env. 15 000 soldats, min. 10 000 et max. 20 000."}},
        SplitCase{"Months",
                  "Publié le 12 déc. 2023 Mis à jour le 13 janv. 2024 et le 2 févr. 2024",
                  {"Publié le 12 déc. 2023 Mis à jour le 13 janv. 2024 et le 2 févr. 2024"}},
        SplitCase{"SeptemberBeforeYear",
                  "Le 3 sept. 2024 la mission part.",
                  {"Le 3 sept. 2024 la mission part."}},
        SplitCase{"SeptBeforeCapital",
                  "Ils étaient sept. Puis ils partirent.",
                  {"Ils étaient sept.", "Puis ils partirent."}},
        // Initials and acronyms.
        SplitCase{"Initial",
                  "J. Dupont et A. Martin signent. Le texte est publié.",
                  {"J. Dupont et A. Martin signent.", "Le texte est publié."}},
        SplitCase{"CompoundInitials",
                  "J.-P. Sartre refuse le prix. Il reste libre.",
                  {"J.-P. Sartre refuse le prix.", "Il reste libre."}},
        SplitCase{"Acronyms",
                  "Les U.S. Marines et l’O.N.U. Femmes coopèrent.",
                  {"Les U.S. Marines et l’O.N.U. Femmes coopèrent."}},
        SplitCase{"InitialBeforeArticleEndsSentence",
                  "Elle manque de vitamine D. Des études le montrent.",
                  {"Elle manque de vitamine D.", "Des études le montrent."}},
        SplitCase{"AcronymBeforePronounEndsSentence",
                  "Le rapport vient de l’O.N.U. Elle le publie.",
                  {"Le rapport vient de l’O.N.U.", "Elle le publie."}},
        SplitCase{"EraEndsSentence",
                  "César meurt en 44 av. J.-C. Auguste lui succède.",
                  {"César meurt en 44 av. J.-C.", "Auguste lui succède."}},
        SplitCase{"EraInsideSentence",
                  "Il naît en 63 av. J.-C. à Rome.",
                  {"Il naît en 63 av. J.-C. à Rome."}},
        SplitCase{"JeanClaude",
                  "Selon J.-C. Killy, la piste est prête.",
                  {"Selon J.-C. Killy, la piste est prête."}},
        SplitCase{"ListNumber",
                  "1. Le départ est fixé. 2. Le retour aussi.",
                  {"1. Le départ est fixé.", "2. Le retour aussi."}},
        // Words ICU's own French list (fr@ss=standard) would not let end a sentence.
        SplitCase{"Mer",
                  "Il nage dans la mer. Puis il rentre.",
                  {"Il nage dans la mer.", "Puis il rentre."}},
        SplitCase{"Jeu",
                  "C’est un jeu. Il faut gagner.",
                  {"C’est un jeu.", "Il faut gagner."}},
        SplitCase{"Var",
                  "Il vit dans le Var. Il aime la mer.",
                  {"Il vit dans le Var.", "Il aime la mer."}},
        // Numbers.
        SplitCase{"Decimals",
                  "Le taux passe de 3.5 % à 3,5 % puis à 15.000 points. Il reste stable.",
                  {"Le taux passe de 3.5 % à 3,5 % puis à 15.000 points.", "Il reste stable."}},
        SplitCase{"SentenceStartingWithNumber",
                  "Le médicament est « clairement efficace ». 35 patients ont guéri.",
                  {"Le médicament est « clairement efficace ».", "35 patients ont guéri."}},
        SplitCase{"YearThenNumber",
                  "La mission part en 2024. 15 000 soldats rentrent.",
                  {"La mission part en 2024.", "15 000 soldats rentrent."}},
        // Closing quotes and brackets stay with their sentence.
        SplitCase{"Guillemets",
                  "« Il part. » Puis il revient.",
                  {"« Il part. »", "Puis il revient."}},
        SplitCase{"GuillemetsNoBreakSpace",
                  "«\u00A0Il part.\u00A0» Puis il revient.",
                  {"«\u00A0Il part.\u00A0»", "Puis il revient."}},
        SplitCase{"GuillemetsNarrowNoBreakSpace",
                  "«\u202FIl part !\u202F» Puis il revient.",
                  {"«\u202FIl part !\u202F»", "Puis il revient."}},
        SplitCase{"QuestionThenIncise",
                  "« Où vas-tu ? » demanda-t-il.",
                  {"« Où vas-tu ? » demanda-t-il."}},
        SplitCase{"ExclamationThenComma",
                  "« Non ! », dit-il. Elle sourit.",
                  {"« Non ! », dit-il.", "Elle sourit."}},
        SplitCase{"StraightQuotes",
                  "\"Il part.\" Puis il revient.",
                  {"\"Il part.\"", "Puis il revient."}},
        SplitCase{"CurlyQuotes",
                  "“Il part.” Puis il revient. ”Il reste.“ Puis il dort.",
                  {"“Il part.”", "Puis il revient.", "”Il reste.“", "Puis il dort."}},
        SplitCase{"Brackets",
                  "Il part (voir plus haut.) Puis il revient. (Voir plus haut.) Fin.",
                  {"Il part (voir plus haut.)", "Puis il revient.", "(Voir plus haut.)",
                   "Fin."}},
        SplitCase{"QuoteThenBracket",
                  "Il dit (« oui. » ) Puis il part.",
                  {"Il dit (« oui. » )", "Puis il part."}},
        // Ellipses.
        SplitCase{"EllipsisCharBeforeCapital",
                  "Il hésita… Puis il partit.",
                  {"Il hésita…", "Puis il partit."}},
        SplitCase{"EllipsisCharBeforeLowercase",
                  "Il hésita… puis partit.",
                  {"Il hésita… puis partit."}},
        SplitCase{"EllipsisCharBeforeQuote",
                  "Il hésita… « Non », dit-il.",
                  {"Il hésita…", "« Non », dit-il."}},
        SplitCase{"ThreeDotsBeforeCapital",
                  "Découvrez ce qui se cache derrière ce retrait annoncé... La suite demain.",
                  {"Découvrez ce qui se cache derrière ce retrait annoncé...",
                   "La suite demain."}},
        SplitCase{"ThreeDotsBeforeLowercase",
                  "Il hésita... puis partit.",
                  {"Il hésita... puis partit."}}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    Rules, SplitArabicTest,
    ::testing::Values(
        SplitCase{"TwoSentences",
                  "وصل الوفد. بدأت المحادثات.",
                  {"وصل الوفد.", "بدأت المحادثات."}},
        SplitCase{"QuestionAndExclamation",
                  "هل وصل الوفد؟ نعم! بدأت المحادثات.",
                  {"هل وصل الوفد؟", "نعم!", "بدأت المحادثات."}},
        SplitCase{"CommaAndSemicolonDoNotSplit",
                  "وصل الوفد، وبدأت المحادثات؛ ثم انتهت.",
                  {"وصل الوفد، وبدأت المحادثات؛ ثم انتهت."}},
        SplitCase{"NoFinalStop",
                  "المصدر",
                  {"المصدر"}},
        // Single-letter abbreviations: ICU splits after each of them, Arabic having no case.
        SplitCase{"Doctor",
                  "قال د. أحمد إن الوضع مستقر. ثم غادر.",
                  {"قال د. أحمد إن الوضع مستقر.", "ثم غادر."}},
        SplitCase{"Engineer",
                  "وصل م. خالد إلى الموقع. بدأ العمل.",
                  {"وصل م. خالد إلى الموقع.", "بدأ العمل."}},
        SplitCase{"Hijri",
                  "توفي سنة 1200 ه. ودفن في مكة.",
                  {"توفي سنة 1200 ه. ودفن في مكة."}},
        SplitCase{"Page",
                  "راجع ص. 12 من التقرير.",
                  {"راجع ص. 12 من التقرير."}},
        SplitCase{"BeforeChrist",
                  "بني المعبد عام 300 ق.م. في مصر. ثم هُدم.",
                  {"بني المعبد عام 300 ق.م. في مصر.", "ثم هُدم."}},
        SplitCase{"LetterWithHaraka",
                  "قال دُ. أحمد ذلك.",
                  {"قال دُ. أحمد ذلك."}},
        SplitCase{"YearMarkBeforeNewSentence",
                  "ولد عام 1950 م. وفي العام التالي انتقل.",
                  {"ولد عام 1950 م.", "وفي العام التالي انتقل."}},
        // Numbers.
        SplitCase{"Decimals",
                  "ارتفع المعدل من 3.5 إلى ٣٫٥ ثم ٣.٥ و15.000. ثم استقر.",
                  {"ارتفع المعدل من 3.5 إلى ٣٫٥ ثم ٣.٥ و15.000.", "ثم استقر."}},
        SplitCase{"SentenceStartingWithNumber",
                  "غادر الجنود. 15 ألف جندي عادوا.",
                  {"غادر الجنود.", "15 ألف جندي عادوا."}},
        // Quotes and brackets.
        SplitCase{"Guillemets",
                  "قال: « انتهى الأمر. » ثم غادر.",
                  {"قال: « انتهى الأمر. »", "ثم غادر."}},
        SplitCase{"StraightQuotes",
                  "قال \"انتهى الأمر.\" ثم غادر.",
                  {"قال \"انتهى الأمر.\"", "ثم غادر."}},
        SplitCase{"CurlyQuotes",
                  "قال ”انتهى الأمر.“ ثم غادر. قال “نعم.” ثم نام.",
                  {"قال ”انتهى الأمر.“", "ثم غادر.", "قال “نعم.”", "ثم نام."}},
        SplitCase{"Brackets",
                  "(انظر أعلاه.) ثم غادر.",
                  {"(انظر أعلاه.)", "ثم غادر."}},
        SplitCase{"QuestionInQuotes",
                  "سأل: « هل انتهى الأمر؟ » ثم غادر.",
                  {"سأل: « هل انتهى الأمر؟ »", "ثم غادر."}},
        // Ellipses.
        SplitCase{"ThreeDots",
                  "تعرف على ما وراء هذا الانسحاب المعلن... ثم اقرأ التفاصيل.",
                  {"تعرف على ما وراء هذا الانسحاب المعلن...", "ثم اقرأ التفاصيل."}},
        SplitCase{"EllipsisChar", "انتظر… ثم غادر.", {"انتظر…", "ثم غادر."}}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    Rules, SplitGermanTest,
    ::testing::Values(
        SplitCase{"Doctor",
                  "Dr. Müller kam. Er ging.",
                  {"Dr. Müller kam.", "Er ging."}},
        SplitCase{"Abbreviations",
                  "Prof. Schmidt kam, z. B. mit Hrn. Meier. Es kostet 3,5 Mio. Euro.",
                  {"Prof. Schmidt kam, z. B. mit Hrn. Meier.", "Es kostet 3,5 Mio. Euro."}},
        SplitCase{"Saint",
                  "Das ist St. Gallen. Es liegt im Osten.",
                  {"Das ist St. Gallen.", "Es liegt im Osten."}},
        SplitCase{"Ordinals",
                  "Am 3. Oktober begann das 19. Jahrhundert nicht. Die 8. und 9. Stelle fehlen.",
                  {"Am 3. Oktober begann das 19. Jahrhundert nicht.",
                   "Die 8. und 9. Stelle fehlen."}},
        SplitCase{"YearEndsSentence",
                  "Er kam im Jahr 1956. Die Expedition begann.",
                  {"Er kam im Jahr 1956.", "Die Expedition begann."}},
        SplitCase{"UswBeforeCapital",
                  "Er brachte Seile, Haken usw. Dann ging er.",
                  {"Er brachte Seile, Haken usw.", "Dann ging er."}},
        SplitCase{"ReversedGuillemets",
                  "Er sagte: »Komm.« Sie ging. »Nein.«",
                  {"Er sagte: »Komm.«", "Sie ging.", "»Nein.«"}},
        SplitCase{"LowQuotes",
                  "Er sagte: „Komm.“ Sie ging.",
                  {"Er sagte: „Komm.“", "Sie ging."}}),
    CaseName);
// clang-format on

// ---------------------------------------------------------------------------------------------
// Lines and paragraphs.

TEST(SplitSentencesTest, LineBreakEndsSentenceAndBlankLinesMakeParagraphs) {
  const std::string text =
      "Un retrait définitif consacré\n"
      "\n"
      "Le bilan est mitigé. La mission a payé un lourd tribut\n"
      "Source : ONU\n"
      " \t\u00A0\n"
      "\n"
      "https://viralmag.fr/mali-la-mission-de-lonu-quittera-definitivement-le-p...";
  const absl::StatusOr<std::vector<Segment>> segments = SplitSentences(text, "fr");
  ASSERT_THAT(segments, IsOk());
  std::vector<std::pair<int, std::string>> got;
  for (const Segment& s : *segments) {
    got.emplace_back(s.paragraph, text.substr(s.begin, s.end - s.begin));
  }
  EXPECT_THAT(got, ElementsAre(std::pair<int, std::string>(0, "Un retrait définitif consacré"),
                               std::pair<int, std::string>(1, "Le bilan est mitigé."),
                               std::pair<int, std::string>(1, "La mission a payé un lourd tribut"),
                               std::pair<int, std::string>(1, "Source : ONU"),
                               std::pair<int, std::string>(
                                   2,
                                   "https://viralmag.fr/mali-la-mission-de-lonu-quittera-"
                                   "definitivement-le-p...")));
}

struct LineCase {
  const char* name;
  const char* text;
  std::vector<int> paragraphs;  // of each segment "a", "b", ...
};

class SplitLinesTest : public ::testing::TestWithParam<LineCase> {};

TEST_P(SplitLinesTest, SplitsLinesAndCountsParagraphs) {
  const LineCase& c = GetParam();
  const absl::StatusOr<std::vector<Segment>> segments = SplitSentences(c.text, "ar");
  ASSERT_THAT(segments, IsOk());
  std::vector<int> paragraphs;
  std::string letters;
  for (const Segment& s : *segments) {
    paragraphs.push_back(s.paragraph);
    letters += std::string(c.text + s.begin, s.end - s.begin);
  }
  EXPECT_EQ(letters, std::string("abcdef").substr(0, paragraphs.size()));
  EXPECT_THAT(paragraphs, ElementsAreArray(c.paragraphs));
}

INSTANTIATE_TEST_SUITE_P(
    Separators, SplitLinesTest,
    ::testing::Values(LineCase{"Lf", "a\nb\n\nc", {0, 0, 1}},
                      LineCase{"CrLf", "a\r\nb\r\n\r\nc\r\n", {0, 0, 1}},
                      LineCase{"Cr", "a\rb\r\rc", {0, 0, 1}},
                      LineCase{"ManyBlankLines", "\n\n a \n\n\n\n b", {0, 1}},
                      LineCase{"WhitespaceOnlyLine", "a\n \t\u00A0\u202F\u3000\nb", {0, 1}},
                      LineCase{"LineSeparator", "a\u2028b", {0, 0}},
                      LineCase{"NextLine", "a\u0085b", {0, 0}},
                      LineCase{"ParagraphSeparator", "a\u2029b\u2029\u2029c", {0, 1, 2}},
                      LineCase{"FormFeed", "a\fb\vc", {0, 1, 1}},
                      LineCase{"ByteOrderMark", "\uFEFFa\n\u200B\nb", {0, 1}}),
    [](const ::testing::TestParamInfo<LineCase>& info) { return info.param.name; });

TEST(SplitSentencesTest, EmptyAndWhitespaceOnlyTextGiveNoSegments) {
  for (const char* text : {"", " ", "\n", "\n\n\n", " \t\r\n", "\u00A0\u202F\u2009\u3000\u2029"}) {
    SCOPED_TRACE(text);
    const absl::StatusOr<std::vector<Segment>> segments = SplitSentences(text, "fr");
    ASSERT_THAT(segments, IsOk());
    EXPECT_THAT(*segments, IsEmpty());
  }
}

TEST(SplitSentencesTest, TextWithoutFinalPunctuationIsOneSegment) {
  const std::string text = "  La junte au Mali annonce la fin des activités de la mission  ";
  const absl::StatusOr<std::vector<Segment>> segments = SplitSentences(text, "fr");
  ASSERT_THAT(segments, IsOk());
  ASSERT_THAT(*segments, SizeIs(1));
  EXPECT_EQ((*segments)[0].begin, 2u);
  EXPECT_EQ((*segments)[0].end, text.size() - 2);
  EXPECT_EQ((*segments)[0].paragraph, 0);
}

// ---------------------------------------------------------------------------------------------
// Language tags.

// "fr-u-ss-standard" -> "fr_u_ss_standard", "" -> "empty": test names take [A-Za-z0-9_].
std::string TagName(const ::testing::TestParamInfo<const char*>& info) {
  std::string name;
  for (const char* c = info.param; *c != '\0'; ++c) {
    name += absl::ascii_isalnum(static_cast<unsigned char>(*c)) ? *c : '_';
  }
  return name.empty() ? "empty" : absl::StrCat(name, "_", info.index);
}

class SplitSentencesTagTest : public ::testing::TestWithParam<const char*> {};

TEST_P(SplitSentencesTagTest, Accepted) {
  EXPECT_THAT(Sentences("Il part. Elle reste.", GetParam()), SizeIs(2));
}

INSTANTIATE_TEST_SUITE_P(Tags, SplitSentencesTagTest,
                         ::testing::Values("fr", "ar", "de", "en", "fr-FR", "ar-EG", "de-CH",
                                           "zh-Hant-TW", "und", "ja", "ru", "fr-u-ss-standard",
                                           "tlh"),
                         TagName);

class SplitSentencesBadTagTest : public ::testing::TestWithParam<const char*> {};

TEST_P(SplitSentencesBadTagTest, RejectedNamingTheTag) {
  const std::string tag = GetParam();
  EXPECT_THAT(SplitSentences("Il part.", tag),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr(absl::StrCat("\"", tag, "\"")), HasSubstr("BCP 47"))));
}

INSTANTIATE_TEST_SUITE_P(Tags, SplitSentencesBadTagTest,
                         ::testing::Values("", "fr_FR", "en-", "-fr", "123", "C", "fr--FR",
                                           "français", "fr FR"),
                         TagName);

// ICU's own French abbreviation list is there for callers who ask for it, and under-splits:
// this is why the splitter does not use it by default.
TEST(SplitSentencesTest, IcuSuppressionListOnlyOnRequest) {
  const std::string text = "Il nage dans la mer. Puis il rentre.";
  EXPECT_THAT(Sentences(text, "fr"), SizeIs(2));
  EXPECT_THAT(Sentences(text, "fr-u-ss-standard"), SizeIs(1));
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

// ---------------------------------------------------------------------------------------------
// The word lists (text/abbreviations.h).

TEST(AbbreviationsTest, MatchedAsWrittenOrWithTheFirstLetterLowercased) {
  const WordSet* french = Abbreviations(SplitterLanguage::kFrench);
  ASSERT_NE(french, nullptr);
  EXPECT_TRUE(InWordSet(french, "M."));
  EXPECT_TRUE(InWordSet(french, "cf."));
  EXPECT_TRUE(InWordSet(french, "Cf."));    // "cf." opening a sentence
  EXPECT_TRUE(InWordSet(french, "Éd."));    // "éd.", a two-byte first letter
  EXPECT_FALSE(InWordSet(french, "CF."));   // only the first letter is lowercased
  EXPECT_FALSE(InWordSet(french, "etc."));  // left out on purpose
  EXPECT_FALSE(InWordSet(french, "sept."));
  EXPECT_FALSE(InWordSet(french, ""));
  EXPECT_FALSE(InWordSet(nullptr, "M."));
  EXPECT_TRUE(InWordSet(Abbreviations(SplitterLanguage::kGerman), "vgl."));
  EXPECT_TRUE(InWordSet(Abbreviations(SplitterLanguage::kEnglish), "e.g."));
  EXPECT_EQ(Abbreviations(SplitterLanguage::kOther), nullptr);
}

TEST(AbbreviationsTest, BeforeANumberOnly) {
  EXPECT_TRUE(InWordSet(AbbreviationsBeforeNumber(SplitterLanguage::kFrench), "sept."));
  EXPECT_TRUE(InWordSet(AbbreviationsBeforeNumber(SplitterLanguage::kGerman), "Art."));
  EXPECT_TRUE(InWordSet(AbbreviationsBeforeNumber(SplitterLanguage::kEnglish), "No."));
  EXPECT_FALSE(InWordSet(AbbreviationsBeforeNumber(SplitterLanguage::kEnglish), "Art."));
  EXPECT_EQ(AbbreviationsBeforeNumber(SplitterLanguage::kOther), nullptr);
}

TEST(AbbreviationsTest, SentenceOpeners) {
  EXPECT_TRUE(IsSentenceOpener("Des", SplitterLanguage::kFrench));
  EXPECT_TRUE(IsSentenceOpener("L’armée", SplitterLanguage::kFrench));  // elision
  EXPECT_TRUE(IsSentenceOpener("D'après", SplitterLanguage::kFrench));
  EXPECT_FALSE(IsSentenceOpener("L’", SplitterLanguage::kFrench));      // nothing after it
  EXPECT_FALSE(IsSentenceOpener("Dupont", SplitterLanguage::kFrench));
  EXPECT_FALSE(IsSentenceOpener("Les", SplitterLanguage::kGerman));
  EXPECT_TRUE(IsSentenceOpener("Die", SplitterLanguage::kGerman));
  EXPECT_TRUE(IsSentenceOpener("However", SplitterLanguage::kEnglish));
  // Arabic openers, for every language; not the bare prepositions.
  EXPECT_TRUE(IsSentenceOpener("وفي", SplitterLanguage::kOther));
  EXPECT_TRUE(IsSentenceOpener("وقال", SplitterLanguage::kFrench));
  EXPECT_FALSE(IsSentenceOpener("في", SplitterLanguage::kOther));
  EXPECT_FALSE(IsSentenceOpener("", SplitterLanguage::kFrench));
}

}  // namespace
}  // namespace newsalign
