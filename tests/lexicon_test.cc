// Tests of the bilingual lexicon (alignment/lexicon.h) and of its FreeDict builder
// (tools/freedict_reader.h, tools/lexicon_builder.h).
#include "lexicon/lexicon.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "align/aligner.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tools/freedict_reader.h"
#include "tools/lexicon_builder.h"

namespace newsalign {
namespace {

using ::newsalign::testing::IsOk;
using ::newsalign::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
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

// ---------------------------------------------------------------------------------------------
// FreeDict reader

// Encodes `value` in dictd's base64 digits (the inverse of DecodeDictdNumber).
std::string EncodeDictd(uint64_t value) {
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  do {
    out.insert(out.begin(), kDigits[value % 64]);
    value /= 64;
  } while (value > 0);
  return out;
}

TEST(FreeDictReaderTest, DecodesDictdNumbers) {
  const std::pair<const char*, uint64_t> cases[] = {
      {"A", 0}, {"B", 1}, {"/", 63}, {"BA", 64}, {"8m", 3878}, {"BgXs", 394732}, {"FRiY", 1382552}};
  for (const auto& [digits, value] : cases) {
    absl::StatusOr<uint64_t> decoded = DecodeDictdNumber(digits);
    ASSERT_THAT(decoded, IsOk()) << digits;
    EXPECT_EQ(*decoded, value) << digits;
    EXPECT_EQ(EncodeDictd(value), digits);
  }
  EXPECT_THAT(DecodeDictdNumber(""), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(DecodeDictdNumber("B=A"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("'='")));
  EXPECT_THAT(DecodeDictdNumber("///////////"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("overflows")));
}

TEST(FreeDictReaderTest, ParsesIndexLines) {
  absl::StatusOr<IndexEntry> entry = ParseIndexLine("الحكومة\tFRiY\t5");
  ASSERT_THAT(entry, IsOk());
  EXPECT_EQ(entry->headword, "الحكومة");
  EXPECT_EQ(entry->offset, 1382552u);
  EXPECT_EQ(entry->length, 57u);
  // dictd keeps a leading space on some headwords.
  entry = ParseIndexLine(" à\t8m\ts\r");
  ASSERT_THAT(entry, IsOk());
  EXPECT_EQ(entry->headword, " à");
  EXPECT_EQ(entry->offset, 3878u);
  EXPECT_EQ(entry->length, 44u);
  EXPECT_THAT(ParseIndexLine("armée\tBgXs"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseIndexLine("armée\tBgXs\t2\t3"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseIndexLine("armée\tBg-s\t2"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_TRUE(IsMetadataHeadword("00databaseinfo"));
  EXPECT_TRUE(IsMetadataHeadword("00-database-url"));
  EXPECT_FALSE(IsMetadataHeadword("armée"));
}

struct EntryCase {
  const char* name;
  EntryLayout layout;
  const char* text;
  const char* headword;
  std::vector<std::string> translations;
};

class FreeDictEntryTest : public ::testing::TestWithParam<EntryCase> {};

TEST_P(FreeDictEntryTest, ParsesHeadwordAndTranslations) {
  const EntryCase& c = GetParam();
  const DictEntry entry = ParseEntry(c.text, c.layout);
  EXPECT_EQ(entry.headword, c.headword);
  EXPECT_EQ(entry.translations, c.translations);
}

// Entries as the Debian packages lay them out.
INSTANTIATE_TEST_SUITE_P(
    Dictionaries, FreeDictEntryTest,
    ::testing::Values(
        EntryCase{"FraEngSenses",
                  EntryLayout::kTranslations,
                  "gouvernement /guvɛʀnəmɑ̃/ <n, masc>\n1. control, reign, rule\n"
                  "2. administration, government\n",
                  "gouvernement",
                  {"control", "reign", "rule", "administration", "government"}},
        EntryCase{"FraEngPhraseHeadword",
                  EntryLayout::kTranslations,
                  "amener à /amənea/ <vt>\nchase, drive, drive on, impel, shoo\n",
                  "amener à",
                  {"chase", "drive", "drive on", "impel", "shoo"}},
        EntryCase{"EngFra",
                  EntryLayout::kTranslations,
                  "army /ɑːmiː/\narmée, armée militaire\n",
                  "army",
                  {"armée", "armée militaire"}},
        EntryCase{"EngAraArabicCommas",
                  EntryLayout::kTranslations,
                  "State /stˈeɪt/\nالحالة، الدولة، يقرّ\n",
                  "State",
                  {"الحالة", "الدولة", "يقرّ"}},
        EntryCase{"EngAraNoteInParentheses",
                  EntryLayout::kTranslations,
                  "Acyclovir /eɪsˈaɪkləvɪɹ/\nأسيكلوفر (مضاد للفيروس)\n",
                  "Acyclovir",
                  {"أسيكلوفر"}},
        EntryCase{"AraEngSenses",
                  EntryLayout::kTranslations,
                  "الجيش /ʔaldʒˈajʃ/\n1. Army\n2. Military\n",
                  "الجيش",
                  {"Army", "Military"}},
        EntryCase{"AraEngNoteInHeadword",
                  EntryLayout::kTranslations,
                  "بنى (العمارة، البنيان) /bˈanaː ʔalʕˈimaːrˌa/\nStructure\n",
                  "بنى",
                  {"Structure"}},
        EntryCase{
            "NoPronunciation", EntryLayout::kTranslations, "amok\namuck\n", "amok", {"amuck"}},
        EntryCase{"WikDictOneSense",
                  EntryLayout::kWikDict,
                  "Regierung /ʁeˈɡiːʁʊŋ/ <n, fem>\ngouvernement 2.\nkein Plural: das Regieren; "
                  "Ausübung staatlicher Macht\n 3.\nleitendes Organ eines Staates\n",
                  "Regierung",
                  {"gouvernement"}},
        EntryCase{"WikDictSenses",
                  EntryLayout::kWikDict,
                  "gehen /ɡeːn/ /ˈɡeːən/ <v>\n1. aller, marcher 2.\nsich schreitend fortbewegen\n"
                  " 3.\nmit einem abhängigen Infinitiv eines Verbs\n 4.\nfunktionieren, machbar "
                  "sein\n2. partir, aller\neinen Ort oder eine Zusammenkunft verlassen\n"
                  "3. marcher, aller 2.\nfunktionieren / funktionsfähig sein\n",
                  "gehen",
                  {"aller", "marcher", "partir"}},
        EntryCase{"WikDictNoDefinition",
                  EntryLayout::kWikDict,
                  "Cellospieler /ˈt͡ʃɛloˌʃpiːlɐ/ <n, masc>\nvioloncelliste\n",
                  "Cellospieler",
                  {"violoncelliste"}},
        EntryCase{"WikDictDefinitionWithCommas",
                  EntryLayout::kWikDict,
                  "Cashewnuss /ˈkɛʃuˌnʊs/ <n, fem>\nnoix de cajou, anacarde\nessbare Frucht, "
                  "tropisch\n",
                  "Cashewnuss",
                  {"noix de cajou", "anacarde"}}),
    [](const ::testing::TestParamInfo<EntryCase>& info) { return info.param.name; });

// Lays `entries` out as a dictd pair: the text of the .dict and of its .index.
std::pair<std::string, std::string> MakeDictd(
    const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string dict = "00-database-info\nA test dictionary\n";
  std::string index = absl::StrCat("00databaseinfo\tA\t", EncodeDictd(dict.size()), "\n");
  for (const auto& [headword, text] : entries) {
    absl::StrAppend(&index, headword, "\t", EncodeDictd(dict.size()), "\t",
                    EncodeDictd(text.size()), "\n");
    dict += text;
  }
  return {dict, index};
}

TEST(FreeDictReaderTest, ParsesADictionaryOnceAnEntry) {
  auto [dict, index] = MakeDictd({{"armée", "armée /aʀme/ <n, fem>\narmy\n"},
                                  {"pays", "pays /pɛj/ <n, masc>\ncountry, land\n"}});
  // A second headword pointing to the same entry is read once.
  index += "contrée\t" + index.substr(index.find("pays\t") + 5);
  absl::StatusOr<std::vector<DictEntry>> entries =
      ParseFreeDict(index, dict, EntryLayout::kTranslations);
  ASSERT_THAT(entries, IsOk());
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].headword, "armée");
  EXPECT_THAT((*entries)[0].translations, ElementsAre("army"));
  EXPECT_EQ((*entries)[1].headword, "pays");
  EXPECT_THAT((*entries)[1].translations, ElementsAre("country", "land"));
}

TEST(FreeDictReaderTest, RejectsIndexLinesPastTheEnd) {
  auto [dict, index] = MakeDictd({{"armée", "armée /aʀme/ <n, fem>\narmy\n"}});
  EXPECT_THAT(ParseFreeDict(index, dict.substr(0, dict.size() - 3), EntryLayout::kTranslations),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("index line 2")));
  EXPECT_THAT(ParseFreeDict(index + "paix\tA\n", dict, EntryLayout::kTranslations),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("index line 3")));
}

TEST(FreeDictReaderTest, MissingFilesAreNotFound) {
  EXPECT_THAT(ReadFreeDict("/nonexistent/dictd", "fra-eng", EntryLayout::kTranslations),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("freedict-fra-eng.index")));
}

// ---------------------------------------------------------------------------------------------
// Lexicon builder

TEST(LexiconBuilderTest, KeepsSingleWordsOfTheRightScript) {
  EXPECT_TRUE(IsLexiconWord("armée", "fr"));
  EXPECT_TRUE(IsLexiconWord("Regierung", "de"));
  EXPECT_TRUE(IsLexiconWord("الجيش", "ar"));
  EXPECT_TRUE(IsLexiconWord("المهمّة", "ar"));  // with a shadda
  EXPECT_FALSE(IsLexiconWord("mise en oeuvre", "fr"));
  EXPECT_FALSE(IsLexiconWord("l'armée", "fr"));
  EXPECT_FALSE(IsLexiconWord("Jésus-Christ", "fr"));
  EXPECT_FALSE(IsLexiconWord("y", "fr"));
  EXPECT_FALSE(IsLexiconWord("و", "ar"));
  EXPECT_FALSE(IsLexiconWord("1914", "fr"));
  EXPECT_FALSE(IsLexiconWord("army", "ar"));
  EXPECT_FALSE(IsLexiconWord("الجيش", "fr"));
  EXPECT_FALSE(IsLexiconWord("بشكل تجريبي", "ar"));
}

TEST(LexiconBuilderTest, PivotKeys) {
  EXPECT_EQ(PivotKey("Army"), "army");
  EXPECT_EQ(PivotKey("to withdraw"), "withdraw");
  EXPECT_EQ(PivotKey("the  Government"), "government");
  EXPECT_EQ(PivotKey("an ambassador"), "ambassador");
  EXPECT_EQ(PivotKey("act of grace"), "act of grace");
  EXPECT_EQ(PivotKey("etc."), "etc");
  EXPECT_EQ(PivotKey("Of"), "");
  EXPECT_EQ(PivotKey("to"), "");
  EXPECT_EQ(PivotKey("to be"), "");
}

TEST(LexiconBuilderTest, CognateSimilarity) {
  EXPECT_DOUBLE_EQ(CognateSimilarity("Sécurité", "securite"), 1.0);
  EXPECT_NEAR(CognateSimilarity("gouvernement", "government"), 0.7, 1e-9);
  EXPECT_GE(CognateSimilarity("soldat", "soldier"), 0.5);
  EXPECT_GE(CognateSimilarity("attaque", "attack"), 0.5);
  EXPECT_LT(CognateSimilarity("attaque", "access"), 0.5);
  EXPECT_LT(CognateSimilarity("gouvernement", "rule"), 0.5);
  EXPECT_EQ(CognateSimilarity("pays", "country"), 0.0);
  EXPECT_EQ(CognateSimilarity("a", "a"), 0.0);
}

TEST(LexiconBuilderTest, OptionsValidate) {
  LexiconBuildOptions options;
  EXPECT_THAT(options.Validate(), IsOk());
  options.max_translations = 0;
  EXPECT_THAT(options.Validate(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("max_translations")));
  options = LexiconBuildOptions();
  options.min_weight = 1.0;
  EXPECT_THAT(options.Validate(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("min_weight")));
  options = LexiconBuildOptions();
  options.secondary_pivot_factor = 0.0;
  EXPECT_THAT(options.Validate(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("secondary_pivot_factor")));
}

// The weight of a pair in `pairs`, or 0.
double WeightOf(const std::vector<SurfacePair>& pairs, const std::string& source,
                const std::string& target) {
  for (const SurfacePair& p : pairs) {
    if (p.source == source && p.target == target) return p.weight;
  }
  return 0.0;
}

PivotDictionaries SmallPivot() {
  PivotDictionaries d;
  d.source_to_pivot = {
      {"armée", {"army"}},
      {"président", {"chairman", "president"}},
      {"gouvernement", {"rule", "government"}},
      {"règle", {"rule", "ruler"}},
      {"régner", {"to rule", "to reign"}},
      {"de", {"of", "from"}},
      {"mise en oeuvre", {"implementation"}},
  };
  d.pivot_to_source = {{"army", {"armée"}}, {"Country", {"pays"}}};
  d.pivot_to_target = {
      {"Army", {"الجيش"}},
      {"President", {"الرئيس"}},
      {"Chairman", {"الرئيس", "رئيس مجلس الإدارة"}},
      {"Government", {"الحكومة"}},
      {"Rule", {"القاعدة"}},
      {"Of", {"من"}},
      {"Implementation", {"التنفيذ"}},
      {"Country", {"البلاد"}},
  };
  d.target_to_pivot = {{"جيش", {"Army", "Troops"}}, {"من", {"From", "Of"}}};
  return d;
}

TEST(LexiconBuilderTest, PivotsThroughEnglish) {
  LexiconBuildOptions options;
  LexiconBuildStats stats;
  const std::vector<SurfacePair> pairs = BuildPivotLexicon(SmallPivot(), options, &stats);
  // One specific pivot: 0.5. "الجيش" and "جيش" share a key: one pair, written as first found.
  EXPECT_DOUBLE_EQ(WeightOf(pairs, "armée", "الجيش"), 0.5);
  EXPECT_EQ(WeightOf(pairs, "armée", "جيش"), 0.0);
  // Two pivots: the cognate "president" 0.5, then "chairman", secondary to it, 0.5 * 0.5.
  EXPECT_DOUBLE_EQ(WeightOf(pairs, "président", "الرئيس"), 1 - 0.5 * 0.75);
  // Reversed eng-fra.
  EXPECT_DOUBLE_EQ(WeightOf(pairs, "pays", "البلاد"), 0.5);
  // "government" is the cognate, first sense of "gouvernement"; "rule" is shared by three French
  // words and is not a cognate: 0.5 * 0.5 / sqrt(3).
  EXPECT_DOUBLE_EQ(WeightOf(pairs, "gouvernement", "الحكومة"), 0.5);
  EXPECT_NEAR(WeightOf(pairs, "gouvernement", "القاعدة"), 0.25 / std::sqrt(3.0), 1e-12);
  // Function words are no pivots, phrases no words.
  EXPECT_EQ(WeightOf(pairs, "de", "من"), 0.0);
  for (const SurfacePair& p : pairs) EXPECT_NE(p.source, "mise en oeuvre");
  EXPECT_EQ(stats.pairs, pairs.size());
  EXPECT_EQ(stats.source_words, 6u);  // armée, président, gouvernement, règle, régner, pays
}

TEST(LexiconBuilderTest, PivotCutsByWeightAndCount) {
  LexiconBuildOptions options;
  options.min_weight = 0.2;
  std::vector<SurfacePair> pairs = BuildPivotLexicon(SmallPivot(), options, nullptr);
  EXPECT_EQ(WeightOf(pairs, "gouvernement", "القاعدة"), 0.0);
  EXPECT_GT(WeightOf(pairs, "gouvernement", "الحكومة"), 0.0);

  options = LexiconBuildOptions();
  options.max_translations = 1;
  pairs = BuildPivotLexicon(SmallPivot(), options, nullptr);
  EXPECT_GT(WeightOf(pairs, "gouvernement", "الحكومة"), 0.0);
  EXPECT_EQ(WeightOf(pairs, "gouvernement", "القاعدة"), 0.0);
}

TEST(LexiconBuilderTest, WrittenPairsLoadAsDistinctKeyPairs) {
  const std::vector<SurfacePair> pairs =
      BuildPivotLexicon(SmallPivot(), LexiconBuildOptions(), nullptr);
  const std::string tsv = SurfacePairsToTsv(pairs, "French -> Arabic, a test\n# second line");
  EXPECT_EQ(tsv.rfind("# French -> Arabic, a test\n# second line\n", 0), 0u) << tsv;
  absl::StatusOr<Lexicon> lexicon = Lexicon::FromTsv(tsv, "fr", "ar");
  ASSERT_THAT(lexicon, IsOk());
  EXPECT_EQ(lexicon->size(), pairs.size());
  ASSERT_NE(lexicon->Translations(LexiconKey("armées", "fr")), nullptr);
  EXPECT_EQ(lexicon->Translations(LexiconKey("armées", "fr"))->front().first,
            LexiconKey("والجيش", "ar"));
}

TEST(LexiconBuilderTest, DirectDeduplicatesByKeyAndCapsFirstSensesFirst) {
  const std::vector<DictEntry> entries = {
      {"Soldat", {"soldat", "militaire"}},
      {"Soldaten", {"soldats", "troupe"}},  // same keys as "Soldat": "soldats" is a duplicate
      {"sicher", {"sûr", "certain", "confiant"}},
      {"Sicherheit", {"sécurité", "sûreté", "certitude"}},  // same German key as "sicher"
      {"Regierung", {"gouvernement", "régime politique"}},
      {"gehen", {"aller", "y"}},
  };
  LexiconBuildOptions options;
  options.source_language = "de";
  options.target_language = "fr";
  options.max_translations = 4;
  LexiconBuildStats stats;
  const std::vector<SurfacePair> pairs = BuildDirectLexicon(entries, options, &stats);
  std::vector<std::string> lines;
  for (const SurfacePair& p : pairs) lines.push_back(p.source + " " + p.target);
  EXPECT_THAT(lines, ElementsAre("gehen aller", "Regierung gouvernement", "sicher sûr",
                                 "Sicherheit sécurité", "sicher certain", "Sicherheit sûreté",
                                 "Soldat soldat", "Soldat militaire", "Soldaten troupe"));
  for (const SurfacePair& p : pairs) EXPECT_EQ(p.weight, 1.0);
  EXPECT_EQ(stats.source_words, 4u);
  EXPECT_EQ(stats.candidate_pairs, 11u);
  EXPECT_EQ(stats.pairs, 9u);
}

// ---------------------------------------------------------------------------------------------
// The real dictionaries, when Debian's dict-freedict-* packages are installed.

bool HasDictionary(const char* name) {
  const std::string path = absl::StrCat(NEWSALIGN_DICTD_DIR, "/freedict-", name, ".index");
  if (std::FILE* file = std::fopen(path.c_str(), "rb")) {
    std::fclose(file);
    return true;
  }
  return false;
}

TEST(FreeDictInstalledTest, BuildsFrenchArabicThroughEnglish) {
  for (const char* name : {"fra-eng", "eng-fra", "eng-ara", "ara-eng"}) {
    if (!HasDictionary(name)) GTEST_SKIP() << "freedict-" << name << " is not installed";
  }
  PivotDictionaries d;
  ASSERT_THAT(ReadFreeDict(NEWSALIGN_DICTD_DIR, "fra-eng", EntryLayout::kTranslations).status(),
              IsOk());
  d.source_to_pivot = *ReadFreeDict(NEWSALIGN_DICTD_DIR, "fra-eng", EntryLayout::kTranslations);
  d.pivot_to_source = *ReadFreeDict(NEWSALIGN_DICTD_DIR, "eng-fra", EntryLayout::kTranslations);
  d.pivot_to_target = *ReadFreeDict(NEWSALIGN_DICTD_DIR, "eng-ara", EntryLayout::kTranslations);
  d.target_to_pivot = *ReadFreeDict(NEWSALIGN_DICTD_DIR, "ara-eng", EntryLayout::kTranslations);
  EXPECT_GT(d.source_to_pivot.size(), 5000u);
  EXPECT_GT(d.pivot_to_target.size(), 50000u);
  LexiconBuildStats stats;
  const std::vector<SurfacePair> pairs = BuildPivotLexicon(d, LexiconBuildOptions(), &stats);
  EXPECT_GT(stats.pairs, 5000u);
  absl::StatusOr<Lexicon> lexicon = Lexicon::FromTsv(SurfacePairsToTsv(pairs, ""), "fr", "ar");
  ASSERT_THAT(lexicon, IsOk());
  EXPECT_EQ(lexicon->size(), pairs.size());
  const std::pair<const char*, const char*> expected[] = {
      {"armées", "والجيش"},    {"gouvernement", "الحكومة"}, {"sécurité", "الأمن"},
      {"Président", "للرئيس"}, {"soldats", "الجندي"},       {"guerre", "الحرب"},
      {"paix", "السلام"},      {"ministre", "الوزير"}};
  for (const auto& [french, arabic] : expected) {
    const auto* translations = lexicon->Translations(LexiconKey(french, "fr"));
    ASSERT_NE(translations, nullptr) << french;
    bool found = false;
    for (const auto& [key, weight] : *translations)
      found = found || key == LexiconKey(arabic, "ar");
    EXPECT_TRUE(found) << french << " -> " << arabic;
  }
}

TEST(FreeDictInstalledTest, BuildsGermanFrench) {
  if (!HasDictionary("deu-fra")) GTEST_SKIP() << "freedict-deu-fra is not installed";
  absl::StatusOr<std::vector<DictEntry>> entries =
      ReadFreeDict(NEWSALIGN_DICTD_DIR, "deu-fra", EntryLayout::kWikDict);
  ASSERT_THAT(entries, IsOk());
  LexiconBuildOptions options;
  options.source_language = "de";
  options.target_language = "fr";
  const std::vector<SurfacePair> pairs = BuildDirectLexicon(*entries, options, nullptr);
  EXPECT_GT(pairs.size(), 20000u);
  EXPECT_EQ(WeightOf(pairs, "Regierung", "gouvernement"), 1.0);
  EXPECT_EQ(WeightOf(pairs, "Soldat", "soldat"), 1.0);
  EXPECT_EQ(WeightOf(pairs, "Sicherheit", "sécurité"), 1.0);
  // German definitions are not translations.
  EXPECT_EQ(WeightOf(pairs, "Regierung", "Organ"), 0.0);
}

TEST(FreeDictInstalledTest, BuildsEnglishArabicFromBothDictionaries) {
  if (!HasDictionary("eng-ara") || !HasDictionary("ara-eng")) {
    GTEST_SKIP() << "freedict-eng-ara or freedict-ara-eng is not installed";
  }
  absl::StatusOr<std::vector<DictEntry>> forward =
      ReadFreeDict(NEWSALIGN_DICTD_DIR, "eng-ara", EntryLayout::kTranslations);
  absl::StatusOr<std::vector<DictEntry>> backward =
      ReadFreeDict(NEWSALIGN_DICTD_DIR, "ara-eng", EntryLayout::kTranslations);
  ASSERT_THAT(forward, IsOk());
  ASSERT_THAT(backward, IsOk());
  LexiconBuildOptions options;
  options.source_language = "en";
  options.target_language = "ar";
  const std::vector<SurfacePair> both =
      BuildDirectLexicon(WithReversed(*forward, *backward), options, nullptr);
  const std::vector<SurfacePair> one_way = BuildDirectLexicon(*forward, options, nullptr);
  EXPECT_GT(both.size(), one_way.size());
  EXPECT_GT(both.size(), 40000u);
  EXPECT_EQ(WeightOf(both, "Government", "الحكومة"), 1.0);
  EXPECT_EQ(WeightOf(both, "Soldier", "الجندي"), 1.0);
}

TEST(LexiconBuilderTest, WithReversedTurnsTheOtherDictionaryRound) {
  const std::vector<DictEntry> forward = {{"soldier", {"جندي"}}};
  const std::vector<DictEntry> backward = {{"حكومة", {"government", "cabinet"}}};
  const std::vector<DictEntry> both = WithReversed(forward, backward);
  ASSERT_EQ(both.size(), 3u);
  EXPECT_EQ(both[0].headword, "soldier");
  EXPECT_EQ(both[1].headword, "government");
  EXPECT_THAT(both[1].translations, ElementsAre("حكومة"));
  EXPECT_EQ(both[2].headword, "cabinet");
  EXPECT_THAT(both[2].translations, ElementsAre("حكومة"));
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

}  // namespace
}  // namespace newsalign
