// The output formats of `newsalign align` and `segment`, on a response built by hand with real
// French and Arabic sentences, so each expected output is exact.
#include "client/formatters.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "client/display_width.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/testing/response_builders.h"

namespace newsalign::client {
namespace {

using ::newsalign::testing::AddSentence;
using ::newsalign::testing::AddBead;

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;



// Source 0+1 -> target 0 (2-1), source 2 -> target 1 (1-1), source 3 omitted (1-0),
// target 2 added (0-1).
v1::AlignResponse KnownResponse() {
  v1::AlignResponse response;
  response.set_id("known");
  v1::SegmentedDocument* fr = response.mutable_source();
  fr->set_language("fr");
  AddSentence(fr, "C’est désormais officiel.");
  AddSentence(fr, "La MINUSMA quittera le Mali le 15 novembre 2024.");
  AddSentence(fr, "L’annonce émane du Conseil des ministres malien.");
  AddSentence(fr, "Découvrez ce qui se cache derrière ce retrait annoncé...");
  v1::SegmentedDocument* ar = response.mutable_target();
  ar->set_language("ar");
  AddSentence(ar, "أصبح الأمر رسميًا الآن: ستغادر مينوسما مالي في 15 نوفمبر 2024.");
  AddSentence(ar, "جاء هذا الإعلان عن مجلس الوزراء المالي.");
  AddSentence(ar, "المصدر");

  v1::Bead* first = AddBead(&response, {0, 1}, {0}, 0.9731);
  first->set_length_score(0.8);
  first->set_anchor_score(0.5);
  v1::Anchor* anchor = first->add_anchors();
  anchor->set_kind(v1::ANCHOR_KIND_NUMBER);
  anchor->set_value("2024");
  anchor = first->add_anchors();
  anchor->set_kind(v1::ANCHOR_KIND_NAME);
  anchor->set_value("a|b");
  AddBead(&response, {2}, {1}, 0.88)->set_length_score(0.7);
  AddBead(&response, {3}, {}, 0.61);
  AddBead(&response, {}, {2}, 0.55);

  v1::AlignmentSummary* summary = response.mutable_summary();
  (*summary->mutable_bead_counts())["2-1"] = 1;
  (*summary->mutable_bead_counts())["1-1"] = 1;
  (*summary->mutable_bead_counts())["1-0"] = 1;
  (*summary->mutable_bead_counts())["0-1"] = 1;
  summary->set_source_coverage(0.784);
  summary->set_mean_confidence(0.7533);
  summary->set_length_ratio(0.82);
  return response;
}

TEST(FormatVecalignTest, MatchesTheGoldFileLayout) {
  EXPECT_EQ(FormatVecalign(KnownResponse()), "[0, 1]:[0]\n[2]:[1]\n[3]:[]\n[]:[2]\n");
  EXPECT_EQ(FormatVecalign(v1::AlignResponse()), "");
}

TEST(FormatTsvTest, HeaderThenOneRowPerBead) {
  v1::AlignResponse response = KnownResponse();
  // The report's probabilities of having no counterpart: the omitted French sentence 3, the
  // added Arabic sentence 2, and French sentence 1, which the best path pairs.
  v1::Report* report = response.mutable_report();
  for (const auto& [sentence, probability] : {std::pair{1, 0.25}, std::pair{3, 0.97}}) {
    v1::SentenceProbability* p = report->add_omission_probabilities();
    p->set_sentence(sentence);
    p->set_probability(probability);
  }
  v1::SentenceProbability* added = report->add_addition_probabilities();
  added->set_sentence(2);
  added->set_probability(0.9);
  const std::vector<std::string> lines = absl::StrSplit(FormatTsv(response), '\n');
  ASSERT_EQ(lines.size(), 6u);  // header, 4 beads, "" after the final newline
  EXPECT_EQ(lines[0],
            "source\ttarget\tconfidence\tlength_score\tanchor_score\tanchors\tfindings\t"
            "finding_messages\tsource_text\ttarget_text\tunpaired_probability");
  EXPECT_EQ(lines[1],
            "0,1\t0\t0.9731\t0.8000\t0.5000\tnumber:2024|name:a\\|b\t\t\t"
            "C’est désormais officiel. La MINUSMA quittera le Mali le 15 novembre 2024.\t"
            "أصبح الأمر رسميًا الآن: ستغادر مينوسما مالي في 15 نوفمبر 2024.\t0.2500");
  EXPECT_EQ(lines[3],
            "3\t\t0.6100\t0.0000\t0.0000\t\t\t\t"
            "Découvrez ce qui se cache derrière ce retrait annoncé...\t\t0.9700");
  EXPECT_EQ(lines[4], "\t2\t0.5500\t0.0000\t0.0000\t\t\t\t\tالمصدر\t0.9000");
  EXPECT_EQ(lines[5], "");
}

TEST(FormatTsvTest, EscapesTabsNewlinesAndBackslashes) {
  v1::AlignResponse response;
  AddSentence(response.mutable_source(), "a\tb\nc\\d\re");
  AddSentence(response.mutable_target(), "نص");
  AddBead(&response, {0}, {0}, 1.0);
  const std::vector<std::string> lines = absl::StrSplit(FormatTsv(response), '\n');
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1], "0\t0\t1.0000\t0.0000\t0.0000\t\t\t\ta\\tb\\nc\\\\d\\re\tنص\t0.0000");
  EXPECT_EQ(std::vector<std::string>(absl::StrSplit(lines[1], '\t')).size(), 11u);
}

// A long response's rows are written on two threads: the same bytes as on one, row for row,
// with the rows of both halves in order (the KnownResponse's four beads repeated, sentence
// indices moved along, past the size that starts the second thread).
TEST(FormatTsvTest, LongResponseOnTwoThreadsIsTheSameBytes) {
  const v1::AlignResponse known = KnownResponse();
  v1::AlignResponse response;
  response.mutable_source()->set_language("fr");
  response.mutable_target()->set_language("ar");
  constexpr int kRepeats = 1500;  // 6,000 beads
  for (int r = 0; r < kRepeats; ++r) {
    const int source_base = response.source().sentences_size();
    const int target_base = response.target().sentences_size();
    for (const v1::Sentence& s : known.source().sentences()) {
      AddSentence(response.mutable_source(), absl::StrCat(s.text(), " (", r, ")\t"));
    }
    for (const v1::Sentence& s : known.target().sentences()) {
      AddSentence(response.mutable_target(), absl::StrCat(s.text(), " ", r));
    }
    for (const v1::Bead& bead : known.beads()) {
      v1::Bead* copy = response.add_beads();
      *copy = bead;
      for (int32_t& s : *copy->mutable_source_sentences()) s += source_base;
      for (int32_t& t : *copy->mutable_target_sentences()) t += target_base;
    }
    v1::SentenceProbability* p = response.mutable_report()->add_omission_probabilities();
    p->set_sentence(source_base + 3);
    p->set_probability(0.5 + r % 40 / 100.0);
  }
  const std::string one = FormatTsv(response, 1);
  EXPECT_EQ(FormatTsv(response, 2), one);
  EXPECT_EQ(FormatTsv(response), one);
  // Handed over a half at a time on two threads (the client writes the first while the second
  // is formatted), in one part on one; the same bytes.
  for (const int threads : {1, 2}) {
    std::vector<std::string> parts;
    WriteTsv(response, threads, [&parts](std::string&& part) { parts.push_back(part); });
    ASSERT_EQ(parts.size(), threads == 1 ? 1u : 2u);
    EXPECT_EQ(absl::StrJoin(parts, ""), one) << threads << " threads";
    if (threads == 2) {
      EXPECT_THAT(parts[0], ::testing::StartsWith("source\ttarget\t"));
      EXPECT_EQ(std::count(parts[0].begin(), parts[0].end(), '\n'), 1 + 2 * kRepeats);
    }
  }
  const std::vector<std::string> lines = absl::StrSplit(one, '\n');
  ASSERT_EQ(lines.size(), 1u + 4 * kRepeats + 1);
  EXPECT_THAT(lines[1], ::testing::StartsWith("0,1\t0\t0.9731"));
  // The first row of the second half, and the last row.
  EXPECT_THAT(lines[1 + 2 * kRepeats], ::testing::StartsWith(absl::StrCat(
                                           4 * (kRepeats / 2), ",", 4 * (kRepeats / 2) + 1, "\t",
                                           3 * (kRepeats / 2), "\t")));
  EXPECT_THAT(lines[4 * kRepeats], ::testing::StartsWith(absl::StrCat("\t", 3 * kRepeats - 1)));
}

// A French and an Arabic sentence carrying what a hostile document could send to a terminal:
// ESC [31m (red), SOH, VT, NUL, DEL and the C1 control NEL (U+0085).
v1::AlignResponse ResponseWithControlCharacters() {
  v1::AlignResponse response;
  response.mutable_source()->set_language("fr");
  response.mutable_target()->set_language("ar");
  AddSentence(response.mutable_source(),
              std::string("Le Mali \x1b[31ma quitté\x01 la MINUSMA\x0b.\0 Fin.", 42));
  AddSentence(response.mutable_target(), "انسحبت\xc2\x85 البعثة\x7f من مالي.");
  AddBead(&response, {0}, {0}, 0.9);
  return response;
}

// Returns true when `text` holds a C0 control other than newline, DEL or a C1 control.
bool HasRawControlCharacter(absl::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte < 0x20 && byte != '\n') || byte == 0x7f) return true;
    if (byte == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
      return true;
    }
  }
  return false;
}

TEST(EscapeControlCharactersTest, ShowsEveryControlCharacterVisibly) {
  EXPECT_EQ(EscapeControlCharacters("\x1b[31mrouge"), "\\x1b[31mrouge");
  EXPECT_EQ(EscapeControlCharacters(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(EscapeControlCharacters("\x01\x0b\t\n\r\x1f\x7f"),
            "\\x01\\x0b\\x09\\x0a\\x0d\\x1f\\x7f");
  EXPECT_EQ(EscapeControlCharacters("\xc2\x80\xc2\x85\xc2\x9f"), "\\u0080\\u0085\\u009f");
  // Not controls: U+00A0 (0xC2 0xA0), Arabic, French accents, a backslash.
  EXPECT_EQ(EscapeControlCharacters("\xc2\xa0مالي é \\"), "\xc2\xa0مالي é \\");
}

// The TSV escape, in one pass, is the escapes of backslash, tab and line breaks followed by
// EscapeControlCharacters() (and, in the anchors column, "|" escaped after them): checked on
// random mixes of Arabic, French, escapes, C0, DEL and C1 controls and a lone 0xC2.
TEST(AppendEscapedTsvTest, EqualsTheEscapesOneAfterTheOther) {
  const std::vector<std::string> pieces = {"مالي", "é", "a", " ", "\\", "\t", "\n", "\r", "|",
                                           "\x01", "\x1b", "\x7f", std::string("\0", 1),
                                           "\xc2\x85", "\xc2\x9f", "\xc2\xa0", "\xc2"};
  std::mt19937 rng(11);
  for (int trial = 0; trial < 2000; ++trial) {
    std::string field;
    const int count = static_cast<int>(rng() % 12);
    for (int k = 0; k < count; ++k) field += pieces[rng() % pieces.size()];
    const std::string escaped = EscapeControlCharacters(absl::StrReplaceAll(
        field, {{"\\", "\\\\"}, {"\t", "\\t"}, {"\n", "\\n"}, {"\r", "\\r"}}));
    std::string plain = "x";
    AppendEscapedTsv(field, /*escape_bar=*/false, &plain);
    EXPECT_EQ(plain, "x" + escaped) << absl::CHexEscape(field);
    std::string barred;
    AppendEscapedTsv(field, /*escape_bar=*/true, &barred);
    EXPECT_EQ(barred, absl::StrReplaceAll(escaped, {{"|", "\\|"}})) << absl::CHexEscape(field);
  }
}

TEST(FormatTableTest, ShowsControlCharactersVisiblyNeverRaw) {
  const std::string table = FormatTable(ResponseWithControlCharacters(), 200);
  EXPECT_FALSE(HasRawControlCharacter(table)) << absl::CHexEscape(table);
  EXPECT_THAT(table, HasSubstr("Le Mali \\x1b[31ma quitté\\x01 la MINUSMA\\x0b.\\x00 Fin."));
  EXPECT_THAT(table, HasSubstr("انسحبت\\u0085 البعثة\\x7f من مالي."));
}

TEST(FormatTsvTest, ShowsControlCharactersVisiblyNeverRaw) {
  const std::vector<std::string> lines =
      absl::StrSplit(FormatTsv(ResponseWithControlCharacters()), '\n');
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1],
            "0\t0\t0.9000\t0.0000\t0.0000\t\t\t\tLe Mali \\x1b[31ma quitté\\x01 la "
            "MINUSMA\\x0b.\\x00 Fin.\tانسحبت\\u0085 البعثة\\x7f من مالي.\t0.0000");
  EXPECT_FALSE(HasRawControlCharacter(absl::StrReplaceAll(lines[1], {{"\t", ""}})));
}

TEST(FormatSentencesTest, ShowsControlCharactersVisibly) {
  v1::SegmentResponse response;
  *response.mutable_document() = ResponseWithControlCharacters().source();
  EXPECT_EQ(FormatSentences(response),
            "Le Mali \\x1b[31ma quitté\\x01 la MINUSMA\\x0b.\\x00 Fin.\n");
}

// JSON escapes control characters itself (\u001b, \u0000): no raw NUL or ESC.
TEST(FormatJsonTest, WritesNoRawControlCharacter) {
  absl::StatusOr<std::string> json = FormatJson(ResponseWithControlCharacters());
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_EQ(json->find('\0'), std::string::npos);
  EXPECT_EQ(json->find('\x1b'), std::string::npos);
  EXPECT_THAT(*json, HasSubstr("\\u0000"));
}

TEST(FormatJsonTest, ParsesBackToTheSameMessage) {
  const v1::AlignResponse response = KnownResponse();
  absl::StatusOr<std::string> json = FormatJson(response);
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_THAT(*json, HasSubstr("\"source_sentences\""));  // proto field names
  EXPECT_THAT(*json, HasSubstr("\"ANCHOR_KIND_NUMBER\""));
  EXPECT_THAT(*json, HasSubstr("\"paragraph\": 0"));  // zero values are printed
  EXPECT_THAT(*json, HasSubstr("مينوسما"));           // UTF-8, not \u escapes
  v1::AlignResponse parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(*json, &parsed).ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(parsed, response))
      << parsed.DebugString();
}

TEST(FormatTableTest, ShowsBothColumnsConfidenceAndSummary) {
  const std::string table = FormatTable(KnownResponse(), 100);
  EXPECT_THAT(table, HasSubstr("0.97"));
  EXPECT_THAT(table, HasSubstr("0-1"));  // source indices of the 2-1 bead
  EXPECT_THAT(table, HasSubstr("مينوسما"));
  EXPECT_THAT(table, HasSubstr("C’est désormais officiel."));
  EXPECT_THAT(table, HasSubstr("beads: 4 (0-1: 1, 1-0: 1, 1-1: 1, 2-1: 1)"));
  EXPECT_THAT(table, HasSubstr("source coverage: 78.4%"));
  EXPECT_THAT(table, HasSubstr("mean confidence: 0.75"));
  EXPECT_THAT(table, HasSubstr("length ratio: 0.82 (ar code points per fr code point)"));

  const std::vector<std::string> lines = absl::StrSplit(table, '\n');
  // The omission row: source text, then "—" for the target index and text.
  bool omission = false, addition = false;
  for (const std::string& line : lines) {
    EXPECT_LE(DisplayWidth(line), 100) << line;
    if (absl::StartsWith(line, "0.61  3 ") && absl::StrContains(line, "Découvrez") &&
        absl::EndsWith(line, "  —   —")) {
      omission = true;
    }
    if (absl::StartsWith(line, "0.55  —  ") && absl::EndsWith(line, "  2   المصدر")) {
      addition = true;
    }
  }
  EXPECT_TRUE(omission) << table;
  EXPECT_TRUE(addition) << table;
}

TEST(FormatTableTest, WrapsToNarrowTerminals) {
  const std::string table = FormatTable(KnownResponse(), 60);
  for (absl::string_view line : absl::StrSplit(table, '\n')) {
    EXPECT_LE(DisplayWidth(line), 60) << line;
  }
  // The Arabic of the first bead is on several lines, not reversed: its first word leads.
  EXPECT_THAT(table, HasSubstr("أصبح الأمر"));
  EXPECT_THAT(table, Not(HasSubstr("رمألا")));
}

TEST(FormatSentencesTest, OneSentencePerLine) {
  v1::SegmentResponse response;
  AddSentence(response.mutable_document(), "غادرت البعثة مالي.");
  AddSentence(response.mutable_document(), "Titre\nsur deux lignes");
  EXPECT_EQ(FormatSentences(response), "غادرت البعثة مالي.\nTitre sur deux lignes\n");
}

TEST(ParseFormatTest, AcceptsTheDocumentedNames) {
  EXPECT_EQ(*ParseAlignFormat("table"), AlignFormat::kTable);
  EXPECT_EQ(*ParseAlignFormat("tsv"), AlignFormat::kTsv);
  EXPECT_EQ(*ParseAlignFormat("json"), AlignFormat::kJson);
  EXPECT_EQ(*ParseAlignFormat("vecalign"), AlignFormat::kVecalign);
  EXPECT_EQ(ParseAlignFormat("csv").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(ParseAlignFormat("csv").status().message()), HasSubstr("\"csv\""));
  EXPECT_EQ(*ParseSegmentFormat("text"), SegmentFormat::kText);
  EXPECT_EQ(*ParseSegmentFormat("json"), SegmentFormat::kJson);
  EXPECT_EQ(ParseSegmentFormat("table").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(AnchorKindFlagNameTest, RoundTrips) {
  EXPECT_EQ(AnchorKindFlagName(v1::ANCHOR_KIND_PUNCTUATION), "punctuation");
  v1::AnchorKind kind;
  ASSERT_TRUE(ParseAnchorKindFlagName("lexicon", &kind));
  EXPECT_EQ(kind, v1::ANCHOR_KIND_LEXICON);
  ASSERT_TRUE(ParseAnchorKindFlagName("Number", &kind));
  EXPECT_EQ(kind, v1::ANCHOR_KIND_NUMBER);
  EXPECT_FALSE(ParseAnchorKindFlagName("unspecified", &kind));
  EXPECT_FALSE(ParseAnchorKindFlagName("", &kind));
  EXPECT_FALSE(ParseAnchorKindFlagName("numbers", &kind));
}

}  // namespace
}  // namespace newsalign::client
