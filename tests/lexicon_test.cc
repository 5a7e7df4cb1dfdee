// Tests of the bilingual lexicon (lexicon/lexicon.h): the keys words are looked up by, reading
// and writing the TSV form, merging, inverting, the set of lexicons a server holds, and a lexicon
// given the other way round used by the aligner. The FreeDict builder that makes the lexicons is
// tested in lexicon_builder_test.cc.
#include "lexicon/lexicon.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "align/aligner.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "text/name_skeletons.h"
#include "text/tokenizer.h"

namespace newsalign {
namespace {

using ::newsalign::testing::IsOk;
using ::newsalign::testing::StatusIs;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream contents;
  contents << file.rdbuf();
  return contents.str();
}
using ::testing::Pair;

// ---------------------------------------------------------------------------------------------
// LexiconKey

struct SameKeyCase {
  const char* language;
  std::vector<const char*> words;  // all share one key
  const char* key;                 // that key
};

class LexiconKeySameKeyTest : public ::testing::TestWithParam<SameKeyCase> {};

TEST_P(LexiconKeySameKeyTest, WordsShareTheirKey) {
  const SameKeyCase& c = GetParam();
  for (const char* word : c.words) {
    EXPECT_EQ(LexiconKey(word, c.language), c.key) << word << " in " << c.language;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Languages, LexiconKeySameKeyTest,
    ::testing::Values(
        // Arabic: article and conjunction proclitics, diacritics, tatweel, alef and ة forms.
        SameKeyCase{"ar", {"المجلس", "والمجلس", "مجلس", "للمجلس", "المَجْلِس", "المجــلس"}, "مجلس"},
        SameKeyCase{"ar", {"الحكومة", "حكومة", "والحكومة", "الحكومه"}, "حكوم"},
        SameKeyCase{"ar", {"الأمن", "الامن", "وبالأمن"}, "امن"},
        SameKeyCase{"ar-EG", {"السلطات", "سلطات"}, "سلط"},
        // French: lower case, then Snowball.
        SameKeyCase{"fr", {"soldats", "soldat", "Soldat", "SOLDATS"}, "soldat"},
        SameKeyCase{"fr", {"Président", "président", "présidents", "présidence"}, "président"},
        SameKeyCase{"fr-FR", {"gouvernement", "gouvernements", "Gouvernement"}, "gouvern"},
        SameKeyCase{"fr", {"aujourd’hui", "aujourd'hui"}, "aujourd'hui"},
        // German and English.
        SameKeyCase{"de", {"Regierung", "Regierungen", "regierung"}, "regier"},
        SameKeyCase{"de", {"Soldaten", "Soldat"}, "soldat"},
        SameKeyCase{"en", {"Soldiers", "soldier"}, "soldier"},
        // Other languages: lower case only.
        SameKeyCase{"es", {"Soldados", "soldados"}, "soldados"},
        SameKeyCase{"", {"Mali"}, "mali"}));

TEST(LexiconKeyTest, StemsOnlyWhatItKnows) {
  EXPECT_NE(LexiconKey("soldats", "es"), LexiconKey("soldat", "es"));
  EXPECT_EQ(LexiconKey("", "fr"), "");
  EXPECT_EQ(LexiconKey("", "ar"), "");
}

// French, German and English words that fit ISO-8859-1 are stemmed by Snowball's Latin-1
// stemmer (faster), the others by its UTF-8 one: the keys are the UTF-8 stemmer's for every
// word of the sample and of ../shared/eval, and for words with œ, ’ or letters of other scripts.
TEST(LexiconKeyTest, Latin1StemmerGivesTheUtf8StemmersKeys) {
  namespace fs = std::filesystem;
  std::vector<std::pair<std::string, std::string>> documents = {
      {"fr", ReadFile(std::string(NEWSALIGN_SOURCE_DIR) + "/examples/mali-minusma/fr.txt")}};
  const fs::path eval = fs::path(NEWSALIGN_SHARED_DIR) / "eval";
  if (fs::is_directory(eval)) {
    for (const fs::directory_entry& set : fs::directory_iterator(eval)) {
      for (const char* language : {"fr", "de"}) {
        if (!fs::is_directory(set.path() / language)) continue;
        for (const fs::directory_entry& file : fs::directory_iterator(set.path() / language)) {
          documents.emplace_back(language, ReadFile(file.path().string()));
        }
      }
    }
  }
  int words = 0, accented = 0;
  for (const auto& [language, text] : documents) {
    for (const Token& token : Tokenize(text)) {
      if (token.is_number) continue;
      const absl::string_view word(text.data() + token.begin, token.end - token.begin);
      for (const char* as : {language.c_str(), "en"}) {
        ASSERT_EQ(LexiconKey(word, as), lexicon_internal::LexiconKeyByUtf8Stemmer(word, as))
            << word << " (" << as << ")";
      }
      ++words;
      if (word.find('\xC3') != absl::string_view::npos) ++accented;
    }
  }
  EXPECT_GT(words, 1000);
  EXPECT_GT(accented, 100);
  for (const char* word : {"cœur", "Œuvres", "l’ONU", "aujourd’hui", "Straße", "Müller", "مالي",
                           "naïveté", "ÉLYSÉE", "Ærø", "ÿ", "Mañana", "Łódź"}) {
    for (const char* language : {"fr", "de", "en"}) {
      EXPECT_EQ(LexiconKey(word, language),
                lexicon_internal::LexiconKeyByUtf8Stemmer(word, language))
          << word << " (" << language << ")";
    }
  }
  EXPECT_EQ(LexiconKey("Élysée", "fr"), "élys");
}

// Why ToTsv marks its keys: a key is not always its own key.
TEST(LexiconKeyTest, IsNotIdempotent) {
  const std::string key = LexiconKey("البيوت", "ar");
  EXPECT_EQ(key, "بيوت");
  EXPECT_EQ(LexiconKey(key, "ar"), "يوت");  // "بيوت" loses its "ب" as if it were a proclitic
}

// The remembered keys are LexiconKey()'s, and each stays valid while others are added.
TEST(LexiconKeysTest, RemembersLexiconKeyOfEachWord) {
  LexiconKeys arabic("ar"), french("fr");
  const std::string& council = arabic.Of("والمجلس");
  const std::string& soldiers = french.Of("Soldats");
  // Enough other words to grow the tables several times.
  for (int k = 0; k < 2000; ++k) {
    arabic.Of("كلمة" + std::to_string(k));
    french.Of("mot" + std::to_string(k));
  }
  EXPECT_EQ(council, "مجلس");
  EXPECT_EQ(soldiers, "soldat");
  EXPECT_EQ(&arabic.Of("والمجلس"), &council);
  for (absl::string_view word : {"البيوت", "بيوت", "الأمم", "المتحدة"}) {
    EXPECT_EQ(arabic.Of(word), LexiconKey(word, "ar")) << word;
  }
  for (absl::string_view word : {"Président", "présidents", "aujourd’hui", ""}) {
    EXPECT_EQ(french.Of(word), LexiconKey(word, "fr")) << word;
  }
  EXPECT_EQ(arabic.language(), "ar");
}

// ---------------------------------------------------------------------------------------------
// Lexicon

TEST(LexiconTest, FromTsvNormalisesWordsAndSkipsCommentsAndBlankLines) {
  const char* tsv =
      "# French -> Arabic\n"
      "\n"
      "soldat\tالجندي\t0.5\n"
      "Soldats\tجنود\r\n"
      "  \t  \n"
      "armée\tالجيش\t1\n";
  absl::StatusOr<Lexicon> lexicon = Lexicon::FromTsv(tsv, "fr", "ar");
  ASSERT_THAT(lexicon, IsOk());
  EXPECT_EQ(lexicon->size(), 3u);
  EXPECT_EQ(lexicon->source_language(), "fr");
  EXPECT_EQ(lexicon->target_language(), "ar");
  const auto* soldier = lexicon->Translations(LexiconKey("soldats", "fr"));
  ASSERT_NE(soldier, nullptr);
  // Best weight first; the weight defaults to 1.
  EXPECT_THAT(*soldier, ElementsAre(Pair(LexiconKey("جنود", "ar"), 1.0),
                                    Pair(LexiconKey("الجندي", "ar"), 0.5)));
  const auto* army = lexicon->Translations("armé");
  ASSERT_NE(army, nullptr);
  EXPECT_THAT(*army, ElementsAre(Pair("جيش", 1.0)));
  EXPECT_EQ(lexicon->Translations("paix"), nullptr);
  EXPECT_EQ(lexicon->Translations("armée"), nullptr) << "lookups take keys, not words";
}

// Weights are read as absl::SimpleAtod reads them, whichever form they take: the plain
// decimals built lexicons write (read by std::from_chars) and the forms only SimpleAtod takes
// (a leading '+', a hexadecimal float, a value below the smallest normal double).
TEST(LexiconTest, FromTsvReadsEveryWeightAsSimpleAtod) {
  for (const char* text : {"0.5", "0.3536", "1", "1.0", ".25", "5e-1", "2.5E-01",
                           "0.1000000000000000055511151231257827", "+0.5", "0x1p-2",
                           "1e-310", "0.99999999999999999"}) {
    double expected = 0;
    ASSERT_TRUE(absl::SimpleAtod(text, &expected)) << text;
    absl::StatusOr<Lexicon> lexicon =
        Lexicon::FromTsv(absl::StrCat("# normalised\npaix\tسلام\t", text, "\n"), "fr", "ar");
    ASSERT_THAT(lexicon, IsOk()) << text;
    Lexicon added("fr", "ar");
    added.AddKeys("paix", "سلام", expected);
    EXPECT_EQ(lexicon->ToTsv(), added.ToTsv()) << text;
    EXPECT_EQ(*lexicon->Translations("paix"), *added.Translations("paix")) << text;
  }
}

// Each source key's translations stay best weight first, ties by key, whatever order the
// pairs come in and however a weight rises (an entry then moves ahead of those it passes).
TEST(LexiconTest, TranslationsStayBestFirstWhateverTheOrderOfThePairs) {
  Lexicon lexicon("fr", "ar");
  lexicon.AddKeys("armé", "جيش", 0.25);
  lexicon.AddKeys("armé", "عسكر", 0.5);
  lexicon.AddKeys("armé", "جند", 0.25);
  lexicon.AddKeys("armé", "قوه", 0.75);
  lexicon.AddKeys("armé", "جيش", 1.0);   // rises from last to first
  lexicon.AddKeys("armé", "عسكر", 0.25);  // lower: kept at 0.5
  lexicon.AddKeys("armé", "سلاح", 0.5);   // ties عسكر: after it by key
  EXPECT_THAT(*lexicon.Translations("armé"),
              ElementsAre(Pair("جيش", 1.0), Pair("قوه", 0.75), Pair("سلاح", 0.5),
                          Pair("عسكر", 0.5), Pair("جند", 0.25)));
  EXPECT_EQ(lexicon.size(), 5u);
}

TEST(LexiconTest, FromTsvKeepsTheLargerWeightOfPairsThatNormaliseAlike) {
  absl::StatusOr<Lexicon> lexicon =
      Lexicon::FromTsv("Président\tالرئيس\t0.25\nprésidents\tرئيس\t0.75\n", "fr", "ar");
  ASSERT_THAT(lexicon, IsOk());
  EXPECT_EQ(lexicon->size(), 1u);
  EXPECT_THAT(*lexicon->Translations("président"), ElementsAre(Pair("رئيس", 0.75)));
}

// Weights are kept to the six significant digits ToTsv() writes: 0.9999999 is 1, so it ties
// with the other 1 and the translations keep their order (by key) when the TSV is read back
// (found by the lexicon fuzzer: the order flipped on reading).
TEST(LexiconTest, WeightsKeepTheSixDigitsToTsvWrites) {
  absl::StatusOr<Lexicon> lexicon =
      Lexicon::FromTsv("mali\tمالي\t0.9999999\nmali\tباماكو\t1\n", "fr", "ar");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status();
  const std::string written = lexicon->ToTsv();
  absl::StatusOr<Lexicon> read = Lexicon::FromTsv(written, "fr", "ar");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->ToTsv(), written);
  const auto* translations = lexicon->Translations(LexiconKey("mali", "fr"));
  ASSERT_NE(translations, nullptr);
  EXPECT_THAT(*translations, ElementsAre(Pair(LexiconKey("باماكو", "ar"), 1.0),
                                         Pair(LexiconKey("مالي", "ar"), 1.0)));
}

TEST(LexiconTest, EmptyTextIsAnEmptyLexicon) {
  absl::StatusOr<Lexicon> lexicon = Lexicon::FromTsv("# nothing yet\n", "de", "fr");
  ASSERT_THAT(lexicon, IsOk());
  EXPECT_TRUE(lexicon->empty());
  EXPECT_EQ(lexicon->ToTsv(), absl::StrCat(kNormalisedMarker, "\n"));
}

struct MalformedCase {
  const char* name;
  const char* tsv;
  const char* message;  // a substring of the error, with the line number
};

class LexiconMalformedTest : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(LexiconMalformedTest, IsInvalidArgumentNamingTheLine) {
  EXPECT_THAT(Lexicon::FromTsv(GetParam().tsv, "fr", "ar"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(GetParam().message)));
}

INSTANTIATE_TEST_SUITE_P(
    Lines, LexiconMalformedTest,
    ::testing::Values(
        MalformedCase{"OneField", "paix\tالسلام\n# comment\n\nguerre\n", "line 4: expected"},
        MalformedCase{"FourFields", "paix\tالسلام\t1\textra\n", "line 1: expected"},
        MalformedCase{"SpacesNotTabs", "paix السلام 1\n", "line 1: expected"},
        MalformedCase{"EmptySource", "\tالسلام\t1\n", "line 1: empty word"},
        MalformedCase{"EmptyTarget", "paix\t\t1\n", "line 1: empty word"},
        MalformedCase{"Phrase", "paix\tالسلام\nmise en oeuvre\tتنفيذ\n",
                      "line 2: a word has spaces"},
        MalformedCase{"WeightNotANumber", "paix\tالسلام\tbeaucoup\n",
                      "line 1: weight \"beaucoup\""},
        MalformedCase{"WeightZero", "paix\tالسلام\t0\n", "line 1: weight \"0\""},
        MalformedCase{"WeightAboveOne", "paix\tالسلام\t1.5\n", "line 1: weight \"1.5\""},
        MalformedCase{"WeightNegative", "\n\npaix\tالسلام\t-0.5\n", "line 3: weight"},
        MalformedCase{"WeightNan", "paix\tالسلام\tnan\n", "line 1: weight"},
        MalformedCase{"OnlyDiacritics", "paix\t\xD9\x8E\xD9\x8F\n", "line 1: a word normalises"},
        // Found by fuzz/lexicon_fuzzer: the client sent it, the server could not parse it.
        MalformedCase{"NotUtf8", "# normalised\npaix\t\xD9\x85\xD8\xC3\n",
                      "line 2: not valid UTF-8"},
        // Found by fuzz/lexicon_fuzzer: the key "#paix" would come back from ToTsv as a comment.
        MalformedCase{"KeyStartsWithHash", "\xD9\x8E#paix\tالسلام\n",
                      "line 1: a word normalises to a key"}),
    [](const ::testing::TestParamInfo<MalformedCase>& info) { return info.param.name; });

TEST(LexiconTest, AddNormalisesClampsAndIgnores) {
  Lexicon lexicon("fr", "ar");
  lexicon.Add("Soldats", "الجنود", 0.5);
  lexicon.Add("soldat", "جنود", 0.25);  // same pair: keeps 0.5
  lexicon.Add("armée", "الجيش", 3.0);   // clamped to 1
  lexicon.Add("paix", "السلام", 0.0);   // ignored
  lexicon.Add("paix", "السلام", -1.0);  // ignored
  lexicon.Add("", "السلام", 1.0);       // ignored
  EXPECT_EQ(lexicon.size(), 2u);
  EXPECT_THAT(*lexicon.Translations("soldat"), ElementsAre(Pair("جنود", 0.5)));
  EXPECT_THAT(*lexicon.Translations("armé"), ElementsAre(Pair("جيش", 1.0)));
  EXPECT_EQ(lexicon.Translations("paix"), nullptr);
}

TEST(LexiconTest, MergeAddsPairsAndKeepsTheLargerWeight) {
  Lexicon a("fr", "ar");
  a.Add("armée", "الجيش", 0.5);
  a.Add("paix", "السلام", 1.0);
  Lexicon b("fr", "ar");
  b.Add("armée", "الجيش", 0.75);
  b.Add("armée", "العسكري", 0.25);
  b.Add("guerre", "الحرب", 0.5);
  a.Merge(b);
  EXPECT_EQ(a.size(), 4u);
  EXPECT_THAT(*a.Translations("armé"), ElementsAre(Pair("جيش", 0.75), Pair("عسكر", 0.25)));
  EXPECT_THAT(*a.Translations("guerr"), ElementsAre(Pair("حرب", 0.5)));
  EXPECT_THAT(*a.Translations("paix"), ElementsAre(Pair("سلام", 1.0)));
  // Merging the smaller weights back changes nothing.
  const std::string before = a.ToTsv();
  Lexicon smaller("fr", "ar");
  smaller.Add("armée", "الجيش", 0.1);
  a.Merge(smaller);
  EXPECT_EQ(a.ToTsv(), before);
}

TEST(LexiconTest, ToTsvIsSortedAndMarked) {
  Lexicon lexicon("fr", "ar");
  lexicon.Add("soldat", "الجندي", 0.5);
  lexicon.Add("armée", "العسكري", 0.25);
  lexicon.Add("armée", "الجيش", 1.0);
  lexicon.Add("soldat", "جنديّ", 0.5);  // same key as الجندي
  EXPECT_EQ(lexicon.ToTsv(),
            "# normalised\n"
            "armé\tجيش\t1\n"
            "armé\tعسكر\t0.25\n"
            "soldat\tجند\t0.5\n");
}

TEST(LexiconTest, ToTsvRoundTripsEvenWhereKeysAreNotTheirOwnKeys) {
  Lexicon lexicon("fr", "ar");
  lexicon.Add("maisons", "البيوت", 0.3333333);  // key "بيوت" would stem again to "يوت"
  lexicon.Add("gouvernements", "الحكومات", 1.0);
  lexicon.Add("Sécurité", "الأمن", 0.5);
  const std::string tsv = lexicon.ToTsv();
  absl::StatusOr<Lexicon> loaded = Lexicon::FromTsv(tsv, "fr", "ar");
  ASSERT_THAT(loaded, IsOk());
  EXPECT_EQ(loaded->size(), lexicon.size());
  EXPECT_EQ(loaded->ToTsv(), tsv);
  ASSERT_NE(loaded->Translations(LexiconKey("maison", "fr")), nullptr);
  EXPECT_EQ(loaded->Translations(LexiconKey("maison", "fr"))->front().first,
            LexiconKey("البيوت", "ar"));
}

TEST(LexiconTest, TheMarkerCountsOnlyBeforeTheFirstPair) {
  absl::StatusOr<Lexicon> lexicon =
      Lexicon::FromTsv("Soldats\tالجنود\n# normalised\nArmées\tالجيوش\n", "fr", "ar");
  ASSERT_THAT(lexicon, IsOk());
  EXPECT_NE(lexicon->Translations("soldat"), nullptr);
  EXPECT_NE(lexicon->Translations("armé"), nullptr);
  EXPECT_EQ(lexicon->Translations("Armées"), nullptr);
}

TEST(LexiconTest, InvertedReadsThePairsTheOtherWay) {
  Lexicon fr_ar("fr", "ar");
  fr_ar.Add("soldats", "الجنود", 0.5);
  fr_ar.Add("gouvernement", "الحكومة", 1.0);
  const Lexicon ar_fr = fr_ar.Inverted();
  EXPECT_EQ(ar_fr.source_language(), "ar");
  EXPECT_EQ(ar_fr.target_language(), "fr");
  EXPECT_EQ(ar_fr.size(), 2u);
  const auto* translations = ar_fr.Translations(LexiconKey("الجنود", "ar"));
  ASSERT_NE(translations, nullptr);
  EXPECT_THAT(*translations,
              ElementsAre(std::pair<std::string, double>(LexiconKey("soldats", "fr"), 0.5)));
  EXPECT_EQ(ar_fr.Inverted().ToTsv(), fr_ar.ToTsv());
}

TEST(LexiconSetTest, ServesTheReversePairUntilItHasItsOwn) {
  auto fr_ar = std::make_shared<Lexicon>("fr", "ar");
  fr_ar->Add("gouvernement", "الحكومة", 1.0);
  LexiconSet set;
  set.Add(fr_ar);
  EXPECT_THAT(set.Pairs(), ElementsAre("ar-fr", "fr-ar"));
  std::shared_ptr<const Lexicon> reverse = set.Find("ar-EG", "fr");
  ASSERT_NE(reverse, nullptr);
  EXPECT_NE(reverse->Translations(LexiconKey("الحكومة", "ar")), nullptr);
  // An ar-fr lexicon of its own replaces the inversion, and a later fr-ar does not undo that.
  auto ar_fr = std::make_shared<Lexicon>("ar", "fr");
  ar_fr->Add("الجيش", "armée", 1.0);
  set.Add(ar_fr);
  set.Add(fr_ar);
  EXPECT_EQ(set.Find("ar", "fr"), ar_fr);
  EXPECT_EQ(set.Find("fr", "ar"), fr_ar);
}

// The inversion is made when first asked for: threads asking at once, through the set or a
// copy of it, all get the one inversion (under TSan, with no race), and it reads the pairs the
// other way as Lexicon::Inverted() does.
TEST(LexiconSetTest, EveryThreadAndCopyGetsTheOneInversion) {
  auto fr_ar = std::make_shared<Lexicon>("fr", "ar");
  fr_ar->Add("gouvernement", "الحكومة", 1.0);
  fr_ar->Add("soldats", "الجنود", 0.5);
  fr_ar->Add("armée", "الجيش", 0.8);
  LexiconSet set;
  set.Add(fr_ar);
  const LexiconSet copy = set;
  constexpr int kThreads = 8;
  std::vector<std::shared_ptr<const Lexicon>> found(kThreads);
  std::vector<std::thread> threads;
  for (int k = 0; k < kThreads; ++k) {
    threads.emplace_back([&, k] { found[k] = (k % 2 ? copy : set).Find("ar", "fr-FR"); });
  }
  for (std::thread& thread : threads) thread.join();
  ASSERT_NE(found[0], nullptr);
  for (int k = 1; k < kThreads; ++k) EXPECT_EQ(found[k], found[0]) << "thread " << k;
  EXPECT_EQ(found[0]->ToTsv(), fr_ar->Inverted().ToTsv());
  EXPECT_EQ(set.Find("fr", "ar"), fr_ar);
}

TEST(OrientLexiconTest, SameWayInvertedOrNone) {
  auto fr_ar = std::make_shared<const Lexicon>([] {
    Lexicon l("fr", "ar");
    l.Add("gouvernement", "الحكومة", 1.0);
    return l;
  }());
  EXPECT_EQ(OrientLexicon(fr_ar, "fr-FR", "ar"), fr_ar);
  std::shared_ptr<const Lexicon> ar_fr = OrientLexicon(fr_ar, "ar", "fr");
  ASSERT_NE(ar_fr, nullptr);
  EXPECT_EQ(ar_fr->source_language(), "ar");
  EXPECT_NE(ar_fr->Translations(LexiconKey("الحكومة", "ar")), nullptr);
  EXPECT_EQ(OrientLexicon(fr_ar, "de", "fr"), nullptr);
  EXPECT_EQ(OrientLexicon(nullptr, "fr", "ar"), nullptr);
}

TEST(AlignWithLexiconTest, ALexiconGivenTheOtherWayRoundIsUsedInverted) {
  auto fr_ar = std::make_shared<Lexicon>("fr", "ar");
  fr_ar->Add("gouvernement", "الحكومة", 1.0);
  fr_ar->Add("décision", "القرار", 1.0);
  AlignOptions options;
  options.second_pass = false;
  AlignResources resources;
  resources.lexicon = fr_ar;
  auto lexicon_anchors = [](const Alignment& alignment) {
    int n = 0;
    for (const Bead& bead : alignment.beads) {
      for (const AnchorMatch& anchor : bead.anchors) n += anchor.kind == AnchorKind::kLexicon;
    }
    return n;
  };
  const AlignInput french{"fr", {"Le gouvernement a annoncé la décision."}};
  const AlignInput arabic{"ar", {"أعلنت الحكومة القرار."}};
  absl::StatusOr<Alignment> fr_to_ar = AlignSentences(french, arabic, options, resources);
  absl::StatusOr<Alignment> ar_to_fr = AlignSentences(arabic, french, options, resources);
  ASSERT_THAT(fr_to_ar, IsOk());
  ASSERT_THAT(ar_to_fr, IsOk());
  EXPECT_EQ(lexicon_anchors(*fr_to_ar), 2);
  EXPECT_EQ(lexicon_anchors(*ar_to_fr), 2);
  // A lexicon of other languages is not used.
  resources.lexicon = std::make_shared<Lexicon>("de", "fr");
  absl::StatusOr<Alignment> other = AlignSentences(arabic, french, options, resources);
  ASSERT_THAT(other, IsOk());
  EXPECT_EQ(lexicon_anchors(*other), 0);
}

// A cache keeps one memo per language, hands out LexiconKey()'s keys, and forgets only the
// languages past its bound when trimmed.
TEST(WordKeyCacheTest, KeepsAMemoPerLanguageAndTrimsOnlyThoseOverItsBound) {
  WordKeyCache cache(/*max_words=*/3);
  LexiconKeys& french = cache.For("fr");
  EXPECT_EQ(&cache.For("fr"), &french);
  EXPECT_EQ(french.language(), "fr");
  EXPECT_EQ(french.Of("Soldats"), "soldat");
  EXPECT_EQ(cache.For("ar").Of("والمجلس"), "مجلس");
  for (absl::string_view word : {"casques", "bleus", "maliens"}) {
    EXPECT_EQ(french.Of(word), LexiconKey(word, "fr")) << word;
  }
  EXPECT_EQ(french.size(), 4u);
  EXPECT_EQ(french.lookups(), 4);
  EXPECT_EQ(cache.words(), 5u);
  cache.Trim();
  EXPECT_EQ(cache.For("fr").size(), 0u);  // 4 words: past the bound of 3
  EXPECT_EQ(cache.For("ar").size(), 1u);
  EXPECT_EQ(cache.For("fr").Of("Soldats"), "soldat");
}

// The memo gives each Arabic word's name skeletons as ArabicSkeletons() does, works each out
// once (a second call returns the same object), and counts its words in size() and Trim().
TEST(WordKeyCacheTest, RemembersArabicSkeletons) {
  WordKeyCache cache(/*max_words=*/2);
  LexiconKeys& arabic = cache.For("ar");
  for (absl::string_view surface : {"وباماكو", "مالي", "عمل", "والسودان"}) {
    const std::string word = NormalizeWord(surface);
    EXPECT_EQ(arabic.ArabicSkeletonsOf(word), ArabicSkeletons(word)) << surface;
  }
  const std::string mali = NormalizeWord("مالي");
  EXPECT_THAT(arabic.ArabicSkeletonsOf(mali), Contains("ml"));
  EXPECT_EQ(&arabic.ArabicSkeletonsOf(mali), &arabic.ArabicSkeletonsOf(mali));
  EXPECT_EQ(arabic.lookups(), 0);  // skeletons are not keys
  EXPECT_EQ(arabic.size(), 4u);
  cache.Trim();
  EXPECT_EQ(cache.For("ar").size(), 0u);  // 4 words: past the bound of 2
  EXPECT_EQ(cache.For("ar").ArabicSkeletonsOf(mali), ArabicSkeletons(mali));
}

}  // namespace
}  // namespace newsalign
