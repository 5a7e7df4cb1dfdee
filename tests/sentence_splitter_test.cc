// Tests of the sentence splitter's rules (text/sentence_splitter.h), one table per language of
// text and the sentences expected from it; then lines and paragraphs, language tags, and the
// word lists the rules read (text/abbreviations.h). Whole documents, the span invariant and
// large inputs are in sentence_splitter_invariant_test.cc.
#include "text/sentence_splitter.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/sentences.h"
#include "tests/testing/status_matchers.h"
#include "text/abbreviations.h"

namespace newsalign {
namespace {

using ::newsalign::testing::IsOk;
using ::newsalign::testing::Sentences;
using ::newsalign::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

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

// A thread keeps one ICU iterator per locale: the locale's keywords are part of what it keeps,
// and turns between languages, and past the iterators it keeps, give the same segments.
TEST(SplitSentencesTest, KeptIteratorsFollowTheWholeTag) {
  const std::string french = "Il nage dans la mer. Puis il rentre.";
  const std::string arabic = "غادرت البعثة مالي. وانتهت مهامها في 15 نوفمبر.";
  for (int round = 0; round < 2; ++round) {
    EXPECT_THAT(Sentences(french, "fr"), SizeIs(2)) << round;
    EXPECT_THAT(Sentences(french, "fr-u-ss-standard"), SizeIs(1)) << round;
    EXPECT_THAT(Sentences(arabic, "ar"), SizeIs(2)) << round;
    EXPECT_THAT(Sentences(french, "fr"), SizeIs(2)) << round;
    // More locales than a thread keeps: the first ones are made again.
    for (const char* tag : {"de", "en", "es", "it", "pt", "nl", "ru", "ja", "zh", "tr", "pl",
                            "sv", "fi", "da", "el", "he", "fa", "ur"}) {
      EXPECT_THAT(Sentences("Il part. Elle reste.", tag), SizeIs(2)) << tag;
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
