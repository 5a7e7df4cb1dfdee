// `newsalign lexicon train` and `newsalign align --lexicon` as a library: exit codes, output and
// summary; and end to end in-process: a lexicon trained from a TSV corpus gives `align` a
// LEXICON anchor that nothing else links.
#include "client/lexicon_command.h"

#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "lexicon/lexicon.h"
#include "server/proto_convert.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace newsalign::client {
namespace {

using ::newsalign::testing::IsOk;
using ::newsalign::testing::StatusIs;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::StartsWith;

// A small French–Arabic corpus in which "escadrille" is always "سرب" (a squadron): a pair that
// neither the built-in FreeDict lexicon, nor names, numbers or identical tokens link.
constexpr char kCorpusTsv[] =
    "L'escadrille a décollé de Gao.\tأقلع السرب من غاو.\n"
    "Une escadrille de chasse.\tسرب من المقاتلات.\n"
    "L'escadrille est rentrée à Bamako.\tعاد السرب إلى باماكو.\n"
    "Le Mali.\tمالي.\n"
    "La mission de l'ONU au Mali.\tبعثة الأمم المتحدة في مالي.\n"
    "Le gouvernement du Mali.\tحكومة مالي.\n"
    "La mission a quitté Gao.\tغادرت البعثة غاو.\n";

class LexiconCommandTest : public ::testing::Test {
 protected:
  CommandIo Io() {
    CommandIo io;
    io.in = &in_;
    io.out = &out_;
    io.err = &err_;
    return io;
  }
  std::string Write(const std::string& name, const std::string& content) {
    const std::string path = ::newsalign::testing::UniqueTempPath("lexicon_command_test", name);
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  static std::string Read(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream content;
    content << file.rdbuf();
    return content.str();
  }
  LexiconTrainCommand TrainFromTsv() {
    LexiconTrainCommand command;
    command.corpus.tsv = Write("corpus.tsv", kCorpusTsv);
    command.out_path = ::newsalign::testing::UniqueTempPath("lexicon_command_test", "fr-ar.tsv");
    return command;
  }

  std::istringstream in_;
  std::ostringstream out_;
  std::ostringstream err_;
};

TEST_F(LexiconCommandTest, TrainsFromATsvAndWritesTheLexiconWithASummary) {
  const LexiconTrainCommand command = TrainFromTsv();
  ASSERT_EQ(RunLexiconTrain(command, Io()), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), IsEmpty());
  EXPECT_THAT(err_.str(),
              MatchesRegex("newsalign: lexicon train: 7 pairs read \\(7 with words on both "
                           "sides\\), [0-9]+ fr words, [0-9]+ ar words, [0-9]+ lexicon pairs, "
                           "[0-9.]+ s\n"));
  const std::string tsv = Read(command.out_path);
  EXPECT_THAT(tsv, StartsWith(absl::StrCat(kNormalisedMarker, "\n")));
  absl::StatusOr<Lexicon> lexicon = Lexicon::FromTsv(tsv, "fr", "ar");
  ASSERT_THAT(lexicon, IsOk());
  const auto* translations = lexicon->Translations(LexiconKey("escadrille", "fr"));
  ASSERT_NE(translations, nullptr);
  EXPECT_EQ(translations->front().first, LexiconKey("السرب", "ar"));
  EXPECT_FALSE(absl::StrContains(tsv, ".tmp"));
}

TEST_F(LexiconCommandTest, OutDashWritesToStandardOutput) {
  LexiconTrainCommand command = TrainFromTsv();
  command.out_path = "-";
  ASSERT_EQ(RunLexiconTrain(command, Io()), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), StartsWith(absl::StrCat(kNormalisedMarker, "\n")));
  EXPECT_THAT(out_.str(), HasSubstr(absl::StrCat(LexiconKey("escadrille", "fr"), "\t",
                                                 LexiconKey("السرب", "ar"), "\t")));
}

TEST_F(LexiconCommandTest, TrainsFromLineAlignedFilesAndTmx) {
  LexiconTrainCommand lines;
  lines.corpus.source = Write("fr.txt", "L'escadrille.\nUne escadrille.\n");
  lines.corpus.target = Write("ar.txt", "السرب.\nسرب.\n");
  lines.out_path = "-";
  EXPECT_EQ(RunLexiconTrain(lines, Io()), kExitOk) << err_.str();
  EXPECT_THAT(err_.str(), HasSubstr("2 pairs read"));

  LexiconTrainCommand tmx;
  tmx.corpus.tmx = Write("memory.tmx",
                         "<tmx><body><tu><tuv xml:lang=\"fr\"><seg>L'escadrille</seg></tuv>"
                         "<tuv xml:lang=\"ar\"><seg>السرب</seg></tuv></tu></body></tmx>");
  tmx.out_path = "-";
  tmx.options.min_count = 1;
  out_.str("");
  EXPECT_EQ(RunLexiconTrain(tmx, Io()), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr(absl::StrCat(LexiconKey("escadrille", "fr"), "\t",
                                                 LexiconKey("السرب", "ar"), "\t")));
}

struct UsageCase {
  const char* name;
  void (*change)(LexiconTrainCommand&);
  const char* message;
};

void PrintTo(const UsageCase& c, std::ostream* os) { *os << c.name; }

class LexiconCommandUsageTest : public LexiconCommandTest,
                                public ::testing::WithParamInterface<UsageCase> {};

TEST_P(LexiconCommandUsageTest, ExitsTwo) {
  LexiconTrainCommand command = TrainFromTsv();
  GetParam().change(command);
  EXPECT_EQ(RunLexiconTrain(command, Io()), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr(GetParam().message));
  EXPECT_THAT(out_.str(), IsEmpty());
}

INSTANTIATE_TEST_SUITE_P(
    BadCommands, LexiconCommandUsageTest,
    ::testing::Values(
        UsageCase{"NoCorpus", [](LexiconTrainCommand& c) { c.corpus = {}; },
                  "give the corpus as exactly one of --tmx=FILE, --tsv=FILE or --source=FILE"},
        UsageCase{"TwoCorpora", [](LexiconTrainCommand& c) { c.corpus.tmx = "memory.tmx"; },
                  "exactly one of"},
        UsageCase{"SourceWithoutTarget",
                  [](LexiconTrainCommand& c) {
                    c.corpus = {"", "", "fr.txt", ""};
                  },
                  "line-aligned files need both --source=FILE and --target=FILE"},
        UsageCase{"NoOut", [](LexiconTrainCommand& c) { c.out_path.clear(); },
                  "--out=FILE is required"},
        UsageCase{"NoSourceLanguage", [](LexiconTrainCommand& c) { c.source_language.clear(); },
                  "--source-lang is required"},
        UsageCase{"ZeroIterations", [](LexiconTrainCommand& c) { c.options.iterations = 0; },
                  "newsalign: lexicon train: --iterations must be between 1 and 1000, got 0"},
        UsageCase{"BadProbability", [](LexiconTrainCommand& c) { c.options.min_probability = 2; },
                  "--min-probability must be in (0, 1], got 2"},
        UsageCase{"BadWordShare", [](LexiconTrainCommand& c) { c.options.max_word_share = 0; },
                  "--max-word-share must be in (0, 1], got 0"},
        UsageCase{"MissingFile",
                  [](LexiconTrainCommand& c) { c.corpus.tsv = "/no/such/corpus.tsv"; },
                  "cannot read \"/no/such/corpus.tsv\""}),
    [](const ::testing::TestParamInfo<UsageCase>& info) { return info.param.name; });

TEST_F(LexiconCommandTest, MalformedOrEmptyCorpusExitsOne) {
  LexiconTrainCommand command = TrainFromTsv();
  command.corpus.tsv = Write("bad.tsv", "Le Mali.\tمالي.\nLe Mali sans traduction\n");
  EXPECT_EQ(RunLexiconTrain(command, Io()), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("bad.tsv:2: expected \"source<TAB>target\", got 1 field(s)"));

  err_.str("");
  command.corpus.tsv = Write("numbers.tsv", "2023\t2023\n");
  EXPECT_EQ(RunLexiconTrain(command, Io()), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("no sentence pair with words on both sides"));

  err_.str("");
  command = TrainFromTsv();
  command.out_path = "/no/such/folder/fr-ar.tsv";
  EXPECT_EQ(RunLexiconTrain(command, Io()), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("cannot write \"/no/such/folder/fr-ar.tsv.tmp\""));
}

TEST(AddUserLexiconTest, SendsTheWordsAsWrittenWithTheNormalisedFlag) {
  v1::AlignOptions options;
  ASSERT_THAT(
      AddUserLexicon("# our terms\nsoldats\tالجنود\nescadrille\tسرب\t0.5\n", "fr", "ar", &options),
      IsOk());
  ASSERT_EQ(options.lexicon_size(), 2);
  EXPECT_FALSE(options.lexicon_normalised());
  EXPECT_EQ(options.lexicon(0).source(), "soldats");
  EXPECT_EQ(options.lexicon(0).target(), "الجنود");
  EXPECT_EQ(options.lexicon(0).weight(), 0.0);  // none given: the server reads 0 as 1
  EXPECT_EQ(options.lexicon(1).weight(), 0.5);

  v1::AlignOptions keys;
  ASSERT_THAT(AddUserLexicon("# normalised\nescadrill\tسرب\t0.9\r\n", "fr", "ar", &keys), IsOk());
  EXPECT_TRUE(keys.lexicon_normalised());
  ASSERT_EQ(keys.lexicon_size(), 1);
  EXPECT_EQ(keys.lexicon(0).source(), "escadrill");
}

TEST(AddUserLexiconTest, MalformedOrTooLargeIsInvalidArgument) {
  v1::AlignOptions options;
  EXPECT_THAT(AddUserLexicon("soldats\tالجنود\t2\n", "fr", "ar", &options),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("lexicon line 1: weight")));
  std::string large;
  for (int i = 0; i <= kMaxLexiconEntries; ++i) absl::StrAppend(&large, "mot", i, "\tكلمة\n");
  EXPECT_THAT(
      AddUserLexicon(large, "fr", "ar", &options),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("the lexicon has 100001 pairs; a request carries at most 100000")));
  EXPECT_EQ(options.lexicon_size(), 0);
}

// The two documents: the middle sentences share no number, name, date or token; only
// escadrille = سرب can tie them.
constexpr char kSourceDocument[] =
    "Le Mali compte 15 000 soldats.\nL'escadrille est rentrée.\nBamako, le 3 novembre 2023.\n";
constexpr char kTargetDocument[] = "يضم مالي 15 ألف جندي.\nعاد السرب.\nباماكو، 3 نوفمبر 2023.\n";

// Returns the anchors of bead `index` of `json` (an AlignResponse) as "KIND value" strings.
std::vector<std::string> AnchorsOfBead(const std::string& json, int index) {
  v1::AlignResponse response;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &response).ok()) << json;
  std::vector<std::string> anchors;
  if (index >= response.beads_size()) return anchors;
  for (const v1::Anchor& anchor : response.beads(index).anchors()) {
    anchors.push_back(absl::StrCat(v1::AnchorKind_Name(anchor.kind()), " ", anchor.value()));
  }
  return anchors;
}

TEST_F(LexiconCommandTest, TrainedLexiconGivesAlignALexiconAnchorInProcess) {
  const LexiconTrainCommand train = TrainFromTsv();
  ASSERT_EQ(RunLexiconTrain(train, Io()), kExitOk) << err_.str();

  absl::StatusOr<Connection> connection = Connect("");
  ASSERT_THAT(connection, IsOk());
  AlignCommand align;
  align.source_path = Write("doc.fr.txt", kSourceDocument);
  align.target_path = Write("doc.ar.txt", kTargetDocument);
  align.pre_split = true;
  align.format = "json";
  const std::string expected = absl::StrCat("ANCHOR_KIND_LEXICON ", LexiconKey("escadrille", "fr"),
                                            "=", LexiconKey("السرب", "ar"));

  out_.str("");
  ASSERT_EQ(RunAlign(align, *connection->alignment, Io()), kExitOk) << err_.str();
  EXPECT_THAT(AnchorsOfBead(out_.str(), 1), ::testing::Not(::testing::Contains(expected)));

  align.lexicon_path = train.out_path;
  out_.str("");
  ASSERT_EQ(RunAlign(align, *connection->alignment, Io()), kExitOk) << err_.str();
  EXPECT_THAT(AnchorsOfBead(out_.str(), 1), ::testing::Contains(expected)) << out_.str();
}

TEST_F(LexiconCommandTest, SurfaceWordLexiconWorksToo) {
  absl::StatusOr<Connection> connection = Connect("");
  ASSERT_THAT(connection, IsOk());
  AlignCommand align;
  align.source_path = Write("doc.fr.txt", kSourceDocument);
  align.target_path = Write("doc.ar.txt", kTargetDocument);
  align.pre_split = true;
  align.format = "json";
  align.lexicon_path = Write("terms.tsv", "escadrilles\tالسرب\n");
  ASSERT_EQ(RunAlign(align, *connection->alignment, Io()), kExitOk) << err_.str();
  EXPECT_THAT(
      AnchorsOfBead(out_.str(), 1),
      ::testing::Contains(absl::StrCat("ANCHOR_KIND_LEXICON ", LexiconKey("escadrille", "fr"), "=",
                                       LexiconKey("السرب", "ar"))));
}

TEST_F(LexiconCommandTest, AlignWithABadLexiconFileExitsTwo) {
  absl::StatusOr<Connection> connection = Connect("");
  ASSERT_THAT(connection, IsOk());
  AlignCommand align;
  align.source_path = Write("doc.fr.txt", kSourceDocument);
  align.target_path = Write("doc.ar.txt", kTargetDocument);
  align.lexicon_path = Write("bad-terms.tsv", "escadrille سرب\n");
  EXPECT_EQ(RunAlign(align, *connection->alignment, Io()), kExitUsage);
  EXPECT_THAT(err_.str(), ContainsRegex("align: --lexicon: .*bad-terms.tsv: lexicon line 1: "));

  err_.str("");
  align.lexicon_path = "/no/such/terms.tsv";
  EXPECT_EQ(RunAlign(align, *connection->alignment, Io()), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("align: --lexicon: cannot read \"/no/such/terms.tsv\""));
}

}  // namespace
}  // namespace newsalign::client
