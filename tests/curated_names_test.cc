// Tests of the curated names (alignment/anchors/data/curated_names.tsv): the five-column
// format, a French and an Arabic form for every concept, general names only (nothing fitted to
// the sample article or ../shared/eval), and the names found in real French, Arabic and German
// sentences.
#include "anchors/curated_names.h"

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lexicon/lexicon.h"
#include "tests/testing/files.h"
#include "text/tokenizer.h"

namespace newsalign {
namespace {

using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

const std::set<std::string>& GeneralKinds() {
  static const auto* kinds =
      new std::set<std::string>{"country", "capital", "city", "organisation", "region"};
  return *kinds;
}

struct Entry {
  int line = 0;
  std::string concept, kind, language, phrase, source;
};

// The list's name lines ('#' comments and blank lines skipped), split into their columns; a line
// that has not five columns keeps the columns it has in `phrase`, for the test to report.
std::vector<std::pair<int, std::vector<std::string>>> Lines() {
  std::vector<std::pair<int, std::vector<std::string>>> out;
  int number = 0;
  for (absl::string_view line : absl::StrSplit(CuratedNamesTsv(), '\n')) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    out.emplace_back(number, absl::StrSplit(line, '\t'));
  }
  return out;
}

std::vector<Entry> Entries() {
  std::vector<Entry> out;
  for (const auto& [number, cols] : Lines()) {
    if (cols.size() != 5) continue;
    out.push_back({number, cols[0], cols[1], cols[2], cols[3], cols[4]});
  }
  return out;
}

std::vector<std::string> Keys(absl::string_view text, absl::string_view language) {
  std::vector<std::string> keys;
  for (const Token& t : Tokenize(text)) {
    if (!t.is_number) keys.push_back(LexiconKey(t.norm, language));
  }
  return keys;
}

std::vector<std::string> Names(absl::string_view text, absl::string_view language) {
  return FindCuratedNames(Keys(text, language), language);
}

TEST(CuratedNamesListTest, EveryLineHasFiveColumnsAGeneralKindAndASource) {
  const auto lines = Lines();
  ASSERT_GT(lines.size(), 100u);
  for (const auto& [number, cols] : lines) {
    SCOPED_TRACE(absl::StrCat("curated_names.tsv line ", number, ": ", absl::StrJoin(cols, "|")));
    ASSERT_EQ(cols.size(), 5u) << "concept<TAB>kind<TAB>language<TAB>phrase<TAB>source";
    for (const std::string& col : cols) {
      EXPECT_FALSE(col.empty());
      EXPECT_EQ(col, std::string(absl::StripAsciiWhitespace(col))) << "stray spaces";
    }
    EXPECT_EQ(cols[0].find_first_not_of("abcdefghijklmnopqrstuvwxyz_"), std::string::npos)
        << "concept ids are lower-case ASCII words joined by _";
    EXPECT_EQ(GeneralKinds().count(cols[1]), 1u) << "kind is country, capital, city, "
                                                    "organisation or region";
    EXPECT_THAT(cols[2], ::testing::AnyOf("fr", "ar", "de"));
  }
}

TEST(CuratedNamesListTest, EveryConceptHasFrenchAndArabicFormsAndOneKind) {
  std::map<std::string, std::set<std::string>> languages, kinds;
  for (const Entry& e : Entries()) {
    languages[e.concept].insert(e.language);
    kinds[e.concept].insert(e.kind);
  }
  ASSERT_GT(languages.size(), 50u);
  for (const auto& [concept, langs] : languages) {
    EXPECT_EQ(langs.count("fr"), 1u) << concept << " has no French form";
    EXPECT_EQ(langs.count("ar"), 1u) << concept << " has no Arabic form";
    EXPECT_EQ(kinds[concept].size(), 1u) << concept << " has several kinds";
  }
}

// Every form is found in a sentence made of itself, and a form names one concept only: الجزائر
// is Algeria, not also Algiers; a second concept on the same keys would never be found.
TEST(CuratedNamesListTest, EveryFormFindsItsConceptAndOnlyIt) {
  std::map<std::pair<std::string, std::vector<std::string>>, std::string> concept_of;
  ASSERT_GT(Entries().size(), 100u);
  for (const Entry& e : Entries()) {
    SCOPED_TRACE(absl::StrCat("line ", e.line, ": ", e.phrase));
    const std::vector<std::string> keys = Keys(e.phrase, e.language);
    ASSERT_FALSE(keys.empty());
    EXPECT_THAT(FindCuratedNames(keys, e.language), ElementsAreArray({"@" + e.concept}));
    const auto [it, inserted] =
        concept_of.emplace(std::make_pair(PrimaryLanguage(e.language), keys), e.concept);
    if (!inserted) {
      EXPECT_EQ(it->second, e.concept) << "the same keys name two concepts";
    }
  }
}

// The sample article and every text of ../shared/eval, as (language, line) pairs. The eval sets
// are skipped when ../shared/eval is not there (then `eval_read` is false).
std::vector<std::pair<std::string, std::string>> HeldOutLines(bool* eval_read) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* language : {"fr", "ar"}) {
    const std::string text = testing::ReadExample(absl::StrCat(language, ".txt"));
    EXPECT_FALSE(text.empty()) << "examples/mali-minusma/" << language << ".txt";
    for (absl::string_view line : absl::StrSplit(text, '\n')) {
      out.emplace_back(language, std::string(line));
    }
  }
  namespace fs = std::filesystem;
  const fs::path eval = fs::path(NEWSALIGN_SHARED_DIR) / "eval";
  *eval_read = fs::is_directory(eval);
  if (!*eval_read) return out;
  for (const fs::directory_entry& set : fs::directory_iterator(eval)) {
    if (!set.is_directory()) continue;
    for (const char* language : {"fr", "ar", "de"}) {
      const fs::path dir = set.path() / language;
      if (!fs::is_directory(dir)) continue;
      for (const fs::directory_entry& file : fs::directory_iterator(dir)) {
        const std::string text = testing::ReadFile(file.path().string());
        for (absl::string_view line : absl::StrSplit(text, '\n')) {
          out.emplace_back(language, std::string(line));
        }
      }
    }
  }
  return out;
}

// Domain vocabulary of the sample article (a military regime, peacekeepers, a jihadist group, a
// government body) and of the eval sets (a pandemic, the Alps, the Swiss Alpine Club whose
// yearbook Text+Berg is): none of it may be a curated name. All but the club's names occur in
// those texts ("CAS" as the word "cas"). "Club alpin suisse" is left out: "suisse" is Switzerland.
struct DomainTerm {
  const char* language;
  const char* text;
  bool occurs = true;
};
constexpr DomainTerm kDomainTerms[] = {
    {"fr", "junte"},
    {"ar", "المجلس العسكري"},
    {"fr", "Casques bleus"},
    {"ar", "الخوذ الزرق"},
    {"fr", "soldats de la paix"},
    {"ar", "قوات حفظ السلام"},
    {"fr", "État islamique"},
    {"ar", "الدولة الإسلامية"},
    {"fr", "Conseil des ministres"},
    {"ar", "مجلس الوزراء"},
    {"fr", "COVID-19"},
    {"ar", "كوفيد-19"},
    {"fr", "coronavirus"},
    {"ar", "فيروس كورونا"},
    {"fr", "Alpes"},
    {"de", "Alpen"},
    {"ar", "جبال الألب"},
    {"fr", "CAS"},
    {"fr", "Club alpin", false},
    {"de", "Alpen-Club", false},
};

TEST(CuratedNamesHeldOutTest, NamesFoundInTheSampleAndEvalAreGeneral) {
  bool eval_read = false;
  const auto lines = HeldOutLines(&eval_read);
  std::map<std::string, std::string> kind_of;
  for (const Entry& e : Entries()) kind_of["@" + e.concept] = e.kind;

  // Every concept found in the held-out texts is of a general kind.
  std::map<std::string, int> found;
  std::string held_out_keys;  // " key key ... " of every line, to look the domain terms up
  for (const auto& [language, line] : lines) {
    for (const std::string& concept : Names(line, language)) {
      ++found[concept];
      EXPECT_EQ(GeneralKinds().count(kind_of[concept]), 1u) << concept << " in: " << line;
    }
    held_out_keys += absl::StrCat(language, ": ", absl::StrJoin(Keys(line, language), " "), " \n");
  }
  EXPECT_GT(found.count("@un"), 0u);  // the sample names the ONU

  // No domain term of the sample or the eval sets is a curated name.
  std::set<std::string> domain_concepts;
  for (const DomainTerm& term : kDomainTerms) {
    SCOPED_TRACE(absl::StrCat(term.language, ": ", term.text));
    const std::string keys = absl::StrJoin(Keys(term.text, term.language), " ");
    const bool in_sample_or_eval =
        held_out_keys.find(absl::StrCat(" ", keys, " ")) != std::string::npos ||
        held_out_keys.find(absl::StrCat(term.language, ": ", keys, " ")) != std::string::npos;
    if (eval_read && term.occurs) {
      EXPECT_TRUE(in_sample_or_eval) << "the term is not in the held-out texts";
    }
    for (const std::string& concept : Names(term.text, term.language)) {
      domain_concepts.insert(concept);
      EXPECT_EQ(found.count(concept), 0u)
          << "a domain term of the sample or ../shared/eval is a curated name: " << concept;
    }
  }
  EXPECT_THAT(domain_concepts, IsEmpty());
  if (!eval_read) GTEST_SKIP() << NEWSALIGN_SHARED_DIR << "/eval is not there: sample only";
}

struct NamesCase {
  std::string name;
  std::string language;
  std::string text;
  std::vector<std::string> concepts;
};

class FindCuratedNamesTest : public ::testing::TestWithParam<NamesCase> {};

TEST_P(FindCuratedNamesTest, FindsTheConceptsInOrder) {
  EXPECT_THAT(Names(GetParam().text, GetParam().language), ElementsAreArray(GetParam().concepts));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, FindCuratedNamesTest,
    ::testing::Values(
        NamesCase{"CairoArabLeagueFr", "fr", "Le Caire a accueilli la Ligue arabe.",
                  {"@cairo", "@arab_league"}},
        // An Arabic name whose first letter the stemmer takes for a proclitic (ب ل ف ك و: بكين,
        // لبنان, بوركينا) is found bare but not behind و ("وبكين"): the Arabic sentences keep
        // such names first or alone.
        NamesCase{"CairoArabLeagueAr", "ar", "استضافت القاهرة اجتماع جامعة الدول العربية.",
                  {"@cairo", "@arab_league"}},
        NamesCase{"CairoArabLeagueDe", "de", "Die Arabische Liga tagte in Kairo.",
                  {"@arab_league", "@cairo"}},
        NamesCase{"LendersFr", "fr", "Le FMI et la Banque mondiale ont accordé un prêt au Sénégal.",
                  {"@imf", "@world_bank", "@senegal"}},
        NamesCase{"LendersAr", "ar", "منح صندوق النقد الدولي والبنك الدولي قرضا للسنغال.",
                  {"@imf", "@world_bank", "@senegal"}},
        NamesCase{"EcowasFr", "fr", "La CEDEAO a suspendu le Niger et le Burkina Faso.",
                  {"@ecowas", "@niger", "@burkina_faso"}},
        NamesCase{"EcowasAr", "ar", "علّقت إيكواس عضوية بوركينا فاسو والنيجر.",
                  {"@ecowas", "@burkina_faso", "@niger"}},
        NamesCase{"CapitalsFr", "fr",
                  "Pékin et Moscou ont bloqué la résolution au Conseil de sécurité.",
                  {"@beijing", "@moscow", "@security_council"}},
        NamesCase{"CapitalsAr", "ar", "عرقلت بكين وموسكو القرار في مجلس الأمن.",
                  {"@beijing", "@moscow", "@security_council"}},
        NamesCase{"LongestFirstFr", "fr", "Le Soudan du Sud s’est séparé du Soudan en 2011.",
                  {"@south_sudan", "@sudan"}},
        NamesCase{"LongestFirstAr", "ar", "انفصل جنوب السودان عن السودان عام 2011.",
                  {"@south_sudan", "@sudan"}},
        NamesCase{"MaghrebFr", "fr", "Le Liban, l’Algérie et la Tunisie ont rappelé leurs "
                  "ambassadeurs à Beyrouth.",
                  {"@lebanon", "@algeria", "@tunisia", "@beirut"}},
        NamesCase{"MaghrebAr", "ar", "استدعى لبنان والجزائر وتونس سفراءهم في بيروت.",
                  {"@lebanon", "@algeria", "@tunisia", "@beirut"}},
        // الجزائر is the country and the capital; French "Alger" has the key of "Algérie".
        NamesCase{"AlgiersIsAlgeriaFr", "fr", "La délégation est arrivée à Alger.", {"@algeria"}},
        NamesCase{"AlgiersIsAlgeriaAr", "ar", "وصل الوفد إلى الجزائر.", {"@algeria"}},
        NamesCase{"GulfFr", "fr",
                  "L’Arabie saoudite et les Émirats arabes unis ont parlé à l’Iran.",
                  {"@saudi_arabia", "@uae", "@iran"}},
        NamesCase{"GulfAr", "ar", "تحدثت المملكة العربية السعودية والإمارات إلى إيران.",
                  {"@saudi_arabia", "@uae", "@iran"}},
        NamesCase{"RedCrescentAr", "ar", "وزع الهلال الأحمر والصليب الأحمر المساعدات في غزة.",
                  {"@red_crescent", "@red_cross"}},
        NamesCase{"SentenceStartDe", "de", "Frankreich und Russland stimmten in Genf zu.",
                  {"@france", "@russia", "@geneva"}},
        // Domain vocabulary and words that look like names are not curated names.
        NamesCase{"JuntaAndPeacekeepersFr", "fr",
                  "La junte a demandé le départ des Casques bleus.", {}},
        NamesCase{"JuntaAndPeacekeepersAr", "ar",
                  "طالب المجلس العسكري برحيل قوات حفظ السلام.", {}},
        NamesCase{"PandemicFr", "fr", "Le coronavirus a causé la COVID-19.", {}},
        NamesCase{"PandemicAr", "ar", "تسبب فيروس كورونا في مرض كوفيد-19.", {}},
        NamesCase{"AlpsDe", "de", "Der Alpen-Club baut Hütten in den Alpen.", {}},
        NamesCase{"OrdinaryWordsFr", "fr", "Dans ce cas, la dame de Vienne est venue.", {}},
        NamesCase{"OrdinaryWordsAr", "ar", "يبلغ قطرها مترين وتمارس فيها الرياضة.", {}},
        NamesCase{"LeagueOfNationsAr", "ar", "تأسست عصبة الأمم عام 1920.", {}},
        NamesCase{"MaliByItsSkeleton", "fr", "Le Mali", {}}),
    [](const ::testing::TestParamInfo<NamesCase>& info) { return info.param.name; });

}  // namespace
}  // namespace newsalign
