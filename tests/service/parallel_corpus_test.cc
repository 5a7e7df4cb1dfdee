// Readers of parallel corpora (client/parallel_corpus.h): TMX with entities, inline tags, CDATA
// and three languages; TSV; line-aligned files; every error by exact code and file:line.
#include "client/parallel_corpus.h"

#include <fstream>
#include <sstream>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace newsalign {

// For readable failures: SentencePair{"source", "target"}.
void PrintTo(const SentencePair& pair, std::ostream* os) {
  *os << "{\"" << pair.source << "\", \"" << pair.target << "\"}";
}

namespace client {
namespace {

using ::newsalign::testing::IsOk;
using ::newsalign::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

::testing::Matcher<SentencePair> IsPair(const std::string& source, const std::string& target) {
  return ::testing::AllOf(Field("source", &SentencePair::source, source),
                          Field("target", &SentencePair::target, target));
}

// A translation memory as CAT tools export it: a DOCTYPE, a header, comments, properties and
// notes, three languages, regional tags in both spellings (xml:lang and TMX 1.1's lang).
constexpr char kTmx[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="test" creationtoolversion="1" srclang="fr-FR" adminlang="en"
          datatype="plaintext" segtype="sentence" o-tmf="none"/>
  <body>
    <!-- three languages: French and Arabic are taken, English is not -->
    <tu tuid="1">
      <prop type="x-domain">news &amp; politics</prop>
      <tuv xml:lang="en-GB"><seg>The UN mission &amp; Mali</seg></tuv>
      <tuv xml:lang="fr-FR"><seg>La mission de l&apos;ONU &amp; le &lt;Mali&gt; &quot;ici&quot;</seg></tuv>
      <tuv xml:lang="ar"><seg>بعثة الأمم المتحدة &#38; &#x645;الي</seg></tuv>
    </tu>
    <tu tuid="2">
      <tuv lang="FR"><seg>Le <bpt i="1">&lt;b&gt;</bpt>Conseil<ept i="1">&lt;/b&gt;</ept> a voté<ph x="2">&lt;br/&gt;</ph> hier.</seg></tuv>
      <tuv xml:lang="ar-EG"><note>checked</note><seg><hi type="b">صوت</hi> المجلس
أمس.</seg></tuv>
    </tu>
    <tu tuid="3">
      <tuv xml:lang="en"><seg>English only</seg></tuv>
      <tuv xml:lang="fr"><seg>Français seulement</seg></tuv>
    </tu>
    <tu tuid="4">
      <tuv xml:lang="fr"><seg><![CDATA[a <b> & c]]><ph/></seg></tuv>
      <tuv xml:lang="ar"><seg>ا</seg></tuv>
      <tuv xml:lang="ar"><seg>a second Arabic segment, ignored</seg></tuv>
    </tu>
    <tu tuid="5"><tuv xml:lang="fr"><seg>  </seg></tuv><tuv xml:lang="ar"><seg>فارغ</seg></tuv></tu>
  </body>
</tmx>
)";

TEST(ParallelCorpusTmxTest, ReadsTwoLanguagesAmongThreeWithEntitiesAndInlineTags) {
  absl::StatusOr<std::vector<SentencePair>> pairs = ParseTmx(kTmx, "fr", "ar", "memory.tmx");
  ASSERT_THAT(pairs, IsOk());
  EXPECT_THAT(
      *pairs,
      ElementsAre(IsPair("La mission de l'ONU & le <Mali> \"ici\"", "بعثة الأمم المتحدة & مالي"),
                  IsPair("Le Conseil a voté hier.", "صوت المجلس أمس."), IsPair("a <b> & c", "ا")));
}

TEST(ParallelCorpusTmxTest, PicksLanguagesByPrimarySubtagInEitherDirection) {
  absl::StatusOr<std::vector<SentencePair>> pairs = ParseTmx(kTmx, "en-US", "FR", "memory.tmx");
  ASSERT_THAT(pairs, IsOk());
  EXPECT_THAT(*pairs, ElementsAre(IsPair("The UN mission & Mali",
                                         "La mission de l'ONU & le <Mali> \"ici\""),
                                  IsPair("English only", "Français seulement")));
}

TEST(ParallelCorpusTmxTest, Utf8ByteOrderMarkIsSkipped) {
  absl::StatusOr<std::vector<SentencePair>> pairs =
      ParseTmx(absl::StrCat("\xEF\xBB\xBF", kTmx), "fr", "ar", "memory.tmx");
  ASSERT_THAT(pairs, IsOk());
  EXPECT_EQ(pairs->size(), 3u);
}

struct BadTmxCase {
  const char* name;
  std::string xml;
  std::string message;  // the whole message
};

void PrintTo(const BadTmxCase& c, std::ostream* os) { *os << c.name; }

class ParallelCorpusBadTmxTest : public ::testing::TestWithParam<BadTmxCase> {};

TEST_P(ParallelCorpusBadTmxTest, IsInvalidArgumentWithFileAndLine) {
  EXPECT_THAT(ParseTmx(GetParam().xml, "fr", "ar", "t.tmx"),
              StatusIs(absl::StatusCode::kInvalidArgument, GetParam().message));
}

constexpr char kHead[] = "<tmx version=\"1.4\">\n<body>\n";
constexpr char kFrAr[] =
    "<tu><tuv xml:lang=\"fr\"><seg>Le Mali</seg></tuv><tuv xml:lang=\"ar\"><seg>مالي</seg></tuv>"
    "</tu>\n";

INSTANTIATE_TEST_SUITE_P(
    Errors, ParallelCorpusBadTmxTest,
    ::testing::Values(
        BadTmxCase{"MismatchedEndTag",
                   absl::StrCat(kHead, "<tu><tuv xml:lang=\"fr\"><seg>x</tuv></tu>"),
                   "t.tmx:3: </tuv> closes <seg> (opened at line 3)"},
        BadTmxCase{"EndOfFileInsideAUnit", absl::StrCat(kHead, kFrAr, "<tu>\n"),
                   "t.tmx:5: the file ends inside <tu> (opened at line 4)"},
        BadTmxCase{
            "UnknownEntity",
            absl::StrCat(kHead, kFrAr, "<tu><tuv xml:lang=\"fr\"><seg>a&nbsp;b</seg></tuv></tu>"),
            "t.tmx:4: unknown entity \"&nbsp;\" (XML defines only &amp; &lt; &gt; "
            "&quot; &apos;)"},
        BadTmxCase{"SurrogateReference",
                   absl::StrCat(kHead, "<tu><tuv xml:lang=\"fr\"><seg>&#xD800;</seg>"),
                   "t.tmx:3: \"&#xD800;\" is not a valid character reference"},
        BadTmxCase{"BareAmpersand",
                   absl::StrCat(kHead, "<tu><tuv xml:lang=\"fr\"><seg>Tom & Jerry</seg>"),
                   "t.tmx:3: '&' not followed by an entity (write \"&amp;\" for '&')"},
        BadTmxCase{"TuvWithoutLanguage", absl::StrCat(kHead, "<tu>\n<tuv><seg>x</seg></tuv>"),
                   "t.tmx:4: <tuv> without xml:lang"},
        BadTmxCase{"SegOutsideTuv", absl::StrCat(kHead, "<tu><seg>x</seg></tu>"),
                   "t.tmx:3: <seg> outside <tuv>"},
        BadTmxCase{"EndTagOfNothing", "</tmx>", "t.tmx:1: </tmx> closes no element"},
        BadTmxCase{"UnquotedAttribute", absl::StrCat(kHead, "<tu><tuv xml:lang=fr>"),
                   "t.tmx:3: attribute xml:lang of <tuv> is not quoted"},
        BadTmxCase{"UnterminatedComment", absl::StrCat(kHead, "<!-- no end\n"),
                   "t.tmx:3: unterminated comment"},
        BadTmxCase{"NoUnitWithBothLanguages",
                   absl::StrCat(kHead,
                                "<tu><tuv xml:lang=\"de\"><seg>Mali</seg></tuv><tuv "
                                "xml:lang=\"en\"><seg>Mali</seg></tuv></tu>\n</body>\n</tmx>\n"),
                   "t.tmx:6: no translation unit has both a \"fr\" and a \"ar\" segment (1 "
                   "unit(s); languages seen: de, en)"},
        BadTmxCase{"Utf16", std::string("\xFF\xFE<\0t\0", 6),
                   "t.tmx:1: the file is UTF-16; convert it to UTF-8 first (iconv -f UTF-16 -t "
                   "UTF-8)"},
        BadTmxCase{"InvalidUtf8", absl::StrCat(kHead, "<tu>\xC3\x28</tu>"),
                   "t.tmx:3: invalid UTF-8 at byte 4; send the text encoded as UTF-8"}),
    [](const ::testing::TestParamInfo<BadTmxCase>& info) { return info.param.name; });

TEST(ParallelCorpusTsvTest, ReadsPairsSkippingBlankLinesWithCrLf) {
  absl::StatusOr<std::vector<SentencePair>> pairs = ParseParallelTsv(
      "\xEF\xBB\xBFLe Mali.\tمالي.\r\n\r\n  La mission de l'ONU \t بعثة الأمم المتحدة\r\n",
      "corpus.tsv");
  ASSERT_THAT(pairs, IsOk());
  EXPECT_THAT(*pairs, ElementsAre(IsPair("Le Mali.", "مالي."),
                                  IsPair("La mission de l'ONU", "بعثة الأمم المتحدة")));
  EXPECT_THAT(ParseParallelTsv("", "corpus.tsv"), IsOk());
}

TEST(ParallelCorpusTsvTest, MalformedLinesNameFileAndLine) {
  EXPECT_THAT(ParseParallelTsv("Le Mali\tمالي\nun\tdeux\ttrois\n", "c.tsv"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "c.tsv:2: expected \"source<TAB>target\", got 3 field(s)"));
  EXPECT_THAT(ParseParallelTsv("\n\nno tab here\n", "c.tsv"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "c.tsv:3: expected \"source<TAB>target\", got 1 field(s)"));
  EXPECT_THAT(ParseParallelTsv(" \tمالي\n", "c.tsv"),
              StatusIs(absl::StatusCode::kInvalidArgument, "c.tsv:1: empty source sentence"));
  EXPECT_THAT(ParseParallelTsv("Le Mali\t\n", "c.tsv"),
              StatusIs(absl::StatusCode::kInvalidArgument, "c.tsv:1: empty target sentence"));
}

TEST(ParallelCorpusTsvTest, InvalidUtf8NamesTheLine) {
  EXPECT_THAT(ParseParallelTsv("Le Mali\tمالي\nLe Mali\tمالي\nBamako \xFF\tباماكو\n", "c.tsv"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "c.tsv:3: invalid UTF-8 at byte 7; send the text encoded as UTF-8"));
}

TEST(ParallelCorpusLinesTest, ZipsLinesSkippingPairsOfBlankLines) {
  absl::StatusOr<std::vector<SentencePair>> pairs =
      ZipLineAligned("Le Mali.\n\nBamako.\n", "fr.txt", "مالي.\n\nباماكو.\n", "ar.txt");
  ASSERT_THAT(pairs, IsOk());
  EXPECT_THAT(*pairs, ElementsAre(IsPair("Le Mali.", "مالي."), IsPair("Bamako.", "باماكو.")));
}

TEST(ParallelCorpusLinesTest, MismatchedCountsNameBothFilesAndCounts) {
  EXPECT_THAT(ZipLineAligned("Le Mali.\nBamako.\nGao.\n", "fr.txt", "مالي.\nباماكو.\n", "ar.txt"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "\"fr.txt\" has 3 lines but \"ar.txt\" has 2; line-aligned files must "
                       "have the same number of lines"));
}

TEST(ParallelCorpusLinesTest, InvalidUtf8NamesTheFileAndLine) {
  EXPECT_THAT(ZipLineAligned("Le Mali.\nBamako.\n", "fr.txt", "مالي.\n\xD9\n", "ar.txt"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "ar.txt:2: invalid UTF-8 at byte 0; send the text encoded as UTF-8"));
}

class ReadParallelCorpusTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& content) {
    const std::string path = absl::StrCat(::testing::TempDir(), "/parallel_corpus_test_", name);
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  std::istringstream stdin_;
};

TEST_F(ReadParallelCorpusTest, ReadsEachForm) {
  ParallelCorpusFiles tmx;
  tmx.tmx = Write("memory.tmx", kTmx);
  absl::StatusOr<std::vector<SentencePair>> pairs = ReadParallelCorpus(tmx, "fr", "ar", stdin_);
  ASSERT_THAT(pairs, IsOk());
  EXPECT_EQ(pairs->size(), 3u);

  ParallelCorpusFiles tsv;
  tsv.tsv = Write("corpus.tsv", "Le Mali.\tمالي.\n");
  pairs = ReadParallelCorpus(tsv, "fr", "ar", stdin_);
  ASSERT_THAT(pairs, IsOk());
  EXPECT_THAT(*pairs, ElementsAre(IsPair("Le Mali.", "مالي.")));

  ParallelCorpusFiles lines;
  lines.source = "-";
  lines.target = Write("ar.txt", "مالي.\n");
  std::istringstream in("Le Mali.\n");
  pairs = ReadParallelCorpus(lines, "fr", "ar", in);
  ASSERT_THAT(pairs, IsOk());
  EXPECT_THAT(*pairs, ElementsAre(IsPair("Le Mali.", "مالي.")));
}

TEST_F(ReadParallelCorpusTest, ErrorsByExactCode) {
  EXPECT_THAT(ReadParallelCorpus({}, "fr", "ar", stdin_),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("exactly one of --tmx")));
  ParallelCorpusFiles two;
  two.tmx = "a.tmx";
  two.tsv = "b.tsv";
  EXPECT_THAT(ReadParallelCorpus(two, "fr", "ar", stdin_),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("exactly one of --tmx")));
  ParallelCorpusFiles half;
  half.source = "fr.txt";
  EXPECT_THAT(ReadParallelCorpus(half, "fr", "ar", stdin_),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("need both --source")));
  ParallelCorpusFiles missing;
  missing.tsv = absl::StrCat(::testing::TempDir(), "/no-such-corpus.tsv");
  EXPECT_THAT(ReadParallelCorpus(missing, "fr", "ar", stdin_),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("no-such-corpus.tsv")));
  ParallelCorpusFiles malformed;
  malformed.tsv = Write("bad.tsv", "Le Mali\n");
  EXPECT_THAT(ReadParallelCorpus(malformed, "fr", "ar", stdin_),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("bad.tsv:1: expected")));
}

}  // namespace
}  // namespace client
}  // namespace newsalign
