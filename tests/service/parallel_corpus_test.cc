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
#include "tests/testing/files.h"
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
using ::testing::Not;

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
                   "t.tmx:3: Opening and ending tag mismatch: seg line 3 and tuv"},
        BadTmxCase{"EndOfFileInsideAUnit", absl::StrCat(kHead, kFrAr, "<tu>\n"),
                   "t.tmx:5: the file ends inside <tu> (opened at line 4)"},
        BadTmxCase{
            "UnknownEntity",
            absl::StrCat(kHead, kFrAr, "<tu><tuv xml:lang=\"fr\"><seg>a&nbsp;b</seg></tuv></tu>"),
            "t.tmx:4: Entity 'nbsp' not defined"},
        BadTmxCase{"SurrogateReference",
                   absl::StrCat(kHead, "<tu><tuv xml:lang=\"fr\"><seg>&#xD800;</seg>"),
                   "t.tmx:3: xmlParseCharRef: invalid xmlChar value 55296"},
        BadTmxCase{"BareAmpersand",
                   absl::StrCat(kHead, "<tu><tuv xml:lang=\"fr\"><seg>Tom & Jerry</seg>"),
                   "t.tmx:3: xmlParseEntityRef: no name"},
        BadTmxCase{"TuvWithoutLanguage", absl::StrCat(kHead, "<tu>\n<tuv><seg>x</seg></tuv>"),
                   "t.tmx:4: <tuv> without xml:lang"},
        BadTmxCase{"SegOutsideTuv", absl::StrCat(kHead, "<tu><seg>x</seg></tu>"),
                   "t.tmx:3: <seg> outside <tuv>"},
        BadTmxCase{"EndTagOfNothing", "</tmx>", "t.tmx:1: StartTag: invalid element name"},
        BadTmxCase{"UnquotedAttribute", absl::StrCat(kHead, "<tu><tuv xml:lang=fr>"),
                   "t.tmx:3: AttValue: \" or ' expected"},
        BadTmxCase{"UnterminatedComment", absl::StrCat(kHead, "<!-- no end\n"),
                   "t.tmx:4: Comment not terminated"},
        BadTmxCase{"NoUnitWithBothLanguages",
                   absl::StrCat(kHead,
                                "<tu><tuv xml:lang=\"de\"><seg>Mali</seg></tuv><tuv "
                                "xml:lang=\"en\"><seg>Mali</seg></tuv></tu>\n</body>\n</tmx>\n"),
                   "t.tmx:6: no translation unit has both a \"fr\" and a \"ar\" segment (1 "
                   "unit(s); languages seen: de, en)"},
        BadTmxCase{"TruncatedUtf16", std::string("\xFF\xFE<\0t\0", 6),
                   "t.tmx:1: Couldn't find end of Start Tag t"},
        // The empty file the fuzzer started from (libxml2 then read from a null pointer).
        BadTmxCase{"Empty", "", "t.tmx:1: the file holds no XML element (is it empty?)"},
        BadTmxCase{"OnlyADeclaration", "<?xml version=\"1.0\"?>\n\n",
                   "t.tmx:3: the file holds no XML element (is it empty?)"},
        BadTmxCase{"InvalidUtf8", absl::StrCat(kHead, "<tu>\xC3\x28</tu>"),
                   "t.tmx:3: Input is not proper UTF-8, indicate encoding !"}),
    [](const ::testing::TestParamInfo<BadTmxCase>& info) { return info.param.name; });

// Returns `utf8` in UTF-16, little- or big-endian, after a byte order mark.
std::string Utf16(absl::string_view utf8, bool big_endian) {
  std::u16string units;
  for (size_t i = 0; i < utf8.size();) {
    const unsigned char lead = utf8[i];
    const int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t c = length == 1 ? lead : lead & (0x7F >> length);
    for (int k = 1; k < length; ++k) c = (c << 6) | (utf8[i + k] & 0x3F);
    i += length;
    if (c >= 0x10000) {
      units.push_back(static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10)));
      units.push_back(static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF)));
    } else {
      units.push_back(static_cast<char16_t>(c));
    }
  }
  units.insert(units.begin(), u'\uFEFF');
  std::string bytes;
  for (char16_t unit : units) {
    const char high = static_cast<char>(unit >> 8);
    const char low = static_cast<char>(unit & 0xFF);
    bytes += big_endian ? std::string{high, low} : std::string{low, high};
  }
  return bytes;
}

// kTmx as a UTF-16 file declares itself.
std::string Utf16Tmx(bool big_endian) {
  std::string xml = kTmx;
  const std::string declared = "encoding=\"UTF-8\"";
  xml.replace(xml.find(declared), declared.size(), "encoding=\"UTF-16\"");
  return Utf16(xml, big_endian);
}

TEST(ParallelCorpusTmxTest, Utf16WithByteOrderMarkReadsAsItsUtf8Form) {
  absl::StatusOr<std::vector<SentencePair>> utf8 = ParseTmx(kTmx, "fr", "ar", "memory.tmx");
  ASSERT_THAT(utf8, IsOk());
  for (bool big_endian : {false, true}) {
    SCOPED_TRACE(big_endian ? "UTF-16BE" : "UTF-16LE");
    absl::StatusOr<std::vector<SentencePair>> utf16 =
        ParseTmx(Utf16Tmx(big_endian), "fr", "ar", "memory.tmx");
    ASSERT_THAT(utf16, IsOk());
    ASSERT_EQ(utf16->size(), utf8->size());
    for (size_t i = 0; i < utf8->size(); ++i) {
      EXPECT_THAT((*utf16)[i], IsPair((*utf8)[i].source, (*utf8)[i].target));
    }
    EXPECT_THAT(*utf16, ElementsAre(IsPair("La mission de l'ONU & le <Mali> \"ici\"",
                                           "بعثة الأمم المتحدة & مالي"),
                                    IsPair("Le Conseil a voté hier.", "صوت المجلس أمس."),
                                    IsPair("a <b> & c", "ا")));
  }
}

// A memory exported in Windows' Arabic code page, as its declaration says.
TEST(ParallelCorpusTmxTest, ReadsTheDeclaredEncoding) {
  // "Le Mali a voté." / "صوت مالي." in windows-1256.
  const std::string xml = absl::StrCat(
      "<?xml version=\"1.0\" encoding=\"windows-1256\"?>\n<tmx version=\"1.4\"><body>\n",
      "<tu><tuv xml:lang=\"fr\"><seg>Le Mali a vot\xE9.</seg></tuv>",
      "<tuv xml:lang=\"ar\"><seg>\xD5\xE6\xCA \xE3\xC7\xE1\xED.</seg></tuv></tu>\n</body></tmx>\n");
  absl::StatusOr<std::vector<SentencePair>> pairs = ParseTmx(xml, "fr", "ar", "cp1256.tmx");
  ASSERT_THAT(pairs, IsOk());
  EXPECT_THAT(*pairs, ElementsAre(IsPair("Le Mali a voté.", "صوت مالي.")));
}

// Line numbers count lines of the text, whatever its encoding.
TEST(ParallelCorpusTmxTest, MalformedUtf16NamesTheLine) {
  const std::string xml = absl::StrCat(
      "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<tmx version=\"1.4\">\n<body>\n",
      "<tu><tuv xml:lang=\"ar\"><seg>مالي</tuv></tu>\n</body>\n</tmx>\n");
  for (bool big_endian : {false, true}) {
    EXPECT_THAT(ParseTmx(Utf16(xml, big_endian), "fr", "ar", "t.tmx"),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("t.tmx:4: Opening and ending tag mismatch: seg")));
  }
}

// An entity of the document's DTD is refused, never expanded: neither an external one (XXE,
// which would read a local file) nor an internal one (whose nesting could blow up).
TEST(ParallelCorpusTmxTest, ExternalEntitiesAreNeverRead) {
  const std::string secret_path = absl::StrCat(::testing::TempDir(), "/parallel_corpus_secret");
  std::ofstream(secret_path) << "SECRET-CONTENT";
  const std::string xml = absl::StrCat(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n<!ENTITY xxe SYSTEM \"file://", secret_path,
      "\">\n]>\n<tmx version=\"1.4\"><body>\n",
      "<tu><tuv xml:lang=\"fr\"><seg>&xxe;</seg></tuv><tuv xml:lang=\"ar\"><seg>مالي</seg></tuv>"
      "</tu>\n</body></tmx>\n");
  absl::StatusOr<std::vector<SentencePair>> pairs = ParseTmx(xml, "fr", "ar", "xxe.tmx");
  EXPECT_THAT(pairs, StatusIs(absl::StatusCode::kInvalidArgument,
                              "xxe.tmx:6: entity \"&xxe;\" is not read (a TMX file may use only "
                              "&amp; &lt; &gt; &quot; &apos; and character references)"));
  EXPECT_THAT(std::string(pairs.status().message()), Not(HasSubstr("SECRET")));
}

// A DTD named by the document is not loaded: the default language it declares for <tuv> does
// not reach the reader.
TEST(ParallelCorpusTmxTest, TheDocumentsDtdIsNotLoaded) {
  const std::string dtd_path = absl::StrCat(::testing::TempDir(), "/parallel_corpus_test.dtd");
  std::ofstream(dtd_path) << "<!ATTLIST tuv xml:lang CDATA \"fr\">\n";
  const std::string xml = absl::StrCat(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"file://", dtd_path,
      "\">\n<tmx version=\"1.4\"><body>\n<tu><tuv><seg>Le Mali</seg></tuv></tu>\n</body></tmx>\n");
  EXPECT_THAT(ParseTmx(xml, "fr", "ar", "dtd.tmx"),
              StatusIs(absl::StatusCode::kInvalidArgument, "dtd.tmx:4: <tuv> without xml:lang"));
}

TEST(ParallelCorpusTmxTest, InternalEntitiesAreRefusedEvenNested) {
  std::string entities = "<!ENTITY a0 \"ha\">\n";
  for (int i = 1; i < 10; ++i) {
    absl::StrAppend(&entities, "<!ENTITY a", i, " \"", absl::StrCat("&a", i - 1, ";"), "&a",
                    i - 1, ";&a", i - 1, ";&a", i - 1, ";&a", i - 1, ";&a", i - 1, ";&a", i - 1,
                    ";&a", i - 1, ";&a", i - 1, ";&a", i - 1, ";\">\n");
  }
  const std::string xml = absl::StrCat(
      "<!DOCTYPE tmx [\n", entities, "]>\n<tmx><body><tu><tuv xml:lang=\"fr\"><seg>&a9;</seg>",
      "</tuv><tuv xml:lang=\"ar\"><seg>ا</seg></tuv></tu></body></tmx>\n");
  EXPECT_THAT(ParseTmx(xml, "fr", "ar", "laughs.tmx"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("laughs.tmx:")));
  // In an attribute XML expands them; libxml2 stops the blow-up.
  const std::string in_attribute = absl::StrCat(
      "<!DOCTYPE tmx [\n", entities, "]>\n<tmx><body><tu><tuv xml:lang=\"&a9;\"><seg>x</seg>",
      "</tuv></tu></body></tmx>\n");
  EXPECT_THAT(ParseTmx(in_attribute, "fr", "ar", "laughs.tmx"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "laughs.tmx:13: Detected an entity reference loop"));
}

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
    const std::string path = ::newsalign::testing::UniqueTempPath("parallel_corpus_test", name);
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
