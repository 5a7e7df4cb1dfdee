// Tests of the FreeDict lexicon builder (tools/freedict_reader.h, tools/lexicon_builder.h):
// dictd index and entry parsing, the builder's word filters, pivots through English and cuts,
// and, when Debian's dict-freedict-* packages are installed, lexicons built from the real
// dictionaries. The lexicon itself is tested in lexicon_test.cc.
#include "tools/lexicon_builder.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lexicon/lexicon.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"
#include "tools/freedict_reader.h"

namespace newsalign {
namespace {

using ::newsalign::testing::IsOk;
using ::newsalign::testing::ReadFile;
using ::newsalign::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

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

TEST(LexiconBuilderTest, KeyedLexiconReadsBackTheSameWithoutNormalisingAgain) {
  const std::vector<SurfacePair> pairs =
      BuildPivotLexicon(SmallPivot(), LexiconBuildOptions(), nullptr);
  absl::StatusOr<Lexicon> surface =
      Lexicon::FromTsv(SurfacePairsToTsv(pairs, "French -> Arabic, a test"), "fr", "ar");
  ASSERT_THAT(surface, IsOk());
  const std::string keyed = KeyedLexiconTsv(*surface, "French -> Arabic, a test\n# second line");
  // The header's lines as comments, then the marker before the first pair.
  EXPECT_EQ(keyed.rfind(absl::StrCat("# French -> Arabic, a test\n# second line\n",
                                     kNormalisedMarker, "\n"),
                        0),
            0u)
      << keyed;
  // Its words are the keys, not the surface words: "armées" is written as its stem.
  EXPECT_THAT(keyed, HasSubstr(absl::StrCat("\n", LexiconKey("armées", "fr"), "\t")));
  EXPECT_THAT(keyed, ::testing::Not(HasSubstr("armées")));
  absl::StatusOr<Lexicon> reread = Lexicon::FromTsv(keyed, "fr", "ar");
  ASSERT_THAT(reread, IsOk());
  EXPECT_EQ(reread->ToTsv(), surface->ToTsv());
  ASSERT_NE(reread->Translations(LexiconKey("armées", "fr")), nullptr);
  EXPECT_EQ(reread->Translations(LexiconKey("armées", "fr"))->front().first,
            LexiconKey("والجيش", "ar"));
  // Without the marker the keys would be normalised again, and a stem stemmed again is not
  // always the same key: the marker is what keeps them.
  std::string unmarked = keyed;
  unmarked.erase(unmarked.find(std::string(kNormalisedMarker)), kNormalisedMarker.size() + 1);
  absl::StatusOr<Lexicon> renormalised = Lexicon::FromTsv(unmarked, "fr", "ar");
  ASSERT_THAT(renormalised, IsOk());
  EXPECT_NE(renormalised->ToTsv(), surface->ToTsv());
}

// The build writes its lexicons as keys: the in-process client and the server load them
// without normalising a word (the sample article through the client: 178 M -> 132 M
// instructions).
TEST(BuiltLexiconTest, IsWrittenAsKeysThatReadBackTheSame) {
  int checked = 0;
  for (const auto& [name, source, target] :
       {std::tuple<const char*, const char*, const char*>{"fr-ar", "fr", "ar"},
        {"de-fr", "de", "fr"}}) {
    const std::string tsv = ReadFile(absl::StrCat(NEWSALIGN_LEXICON_DIR, "/", name, ".tsv"));
    if (tsv.empty()) continue;  // its dictionaries are not installed
    ++checked;
    const size_t marker = tsv.find(absl::StrCat("\n", kNormalisedMarker, "\n"));
    ASSERT_NE(marker, std::string::npos) << name;
    // Only comments before the marker.
    for (absl::string_view line : absl::StrSplit(tsv.substr(0, marker), '\n')) {
      EXPECT_TRUE(absl::StartsWith(line, "#")) << name << ": " << line;
    }
    absl::StatusOr<Lexicon> lexicon = Lexicon::FromTsv(tsv, source, target);
    ASSERT_THAT(lexicon, IsOk()) << name;
    EXPECT_GT(lexicon->size(), 1000u) << name;
    // The pairs are exactly the lexicon's own canonical keys.
    EXPECT_EQ(tsv.substr(marker + 1), lexicon->ToTsv()) << name;
  }
  EXPECT_GT(checked, 0) << "the build generates " << NEWSALIGN_LEXICON_DIR << "/fr-ar.tsv";
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

}  // namespace
}  // namespace newsalign
