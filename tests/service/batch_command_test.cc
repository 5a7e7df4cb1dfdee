// `newsalign align --batch` and `--source-dir/--target-dir` as a library: the list and folder
// parsers as tables, and RunBatchAlign() against the real service in this process (Connect(""))
// with the sample article and short French/Arabic pairs, bad pairs among them. Exit codes,
// statuses and messages are checked exactly. The real binaries, against a server on loopback,
// are in batch_e2e_test.sh.
#include "client/batch_command.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/testing/files.h"

namespace newsalign::client {
namespace {

namespace fs = std::filesystem;

using ::newsalign::testing::ReadFile;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr char kFrench[] = "Bamako, le 15 novembre. Les soldats de la MINUSMA ont quitté Kidal.";
constexpr char kArabic[] = "باماكو، 15 نوفمبر. غادر جنود بعثة مينوسما كيدال.";

std::string ExamplePath(const std::string& name) {
  return absl::StrCat(NEWSALIGN_SOURCE_DIR, "/examples/mali-minusma/", name);
}

// A fresh folder under the test's temporary folder, removed at the end of the test.
class TempFolder {
 public:
  explicit TempFolder(const std::string& name)
      : path_(::newsalign::testing::UniqueTempPath("newsalign_batch_test", name)) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempFolder() { fs::remove_all(path_); }
  // Writes `content` to `name` in the folder (creating sub-folders); returns its path.
  std::string Write(const std::string& name, const std::string& content) const {
    const fs::path path = path_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

// --- The list file ---

TEST(ParsePairListTest, ReadsPairsSkippingCommentsAndBlankLinesFromTheListsFolder) {
  const std::string list =
      "# source\ttarget\tid\n"
      "\n"
      "fr/mali.txt\tar/mali.txt\tmali\r\n"
      "   \n"
      "/abs/fr.txt\t../ar/x.txt\tx-2\n";
  absl::StatusOr<std::vector<BatchPair>> pairs = ParsePairList(list, "/data/lists/pairs.tsv");
  ASSERT_TRUE(pairs.ok()) << pairs.status();
  ASSERT_THAT(*pairs, SizeIs(2));
  EXPECT_EQ((*pairs)[0].id, "mali");
  EXPECT_EQ((*pairs)[0].source_path, "/data/lists/fr/mali.txt");
  EXPECT_EQ((*pairs)[0].target_path, "/data/lists/ar/mali.txt");
  EXPECT_EQ((*pairs)[0].origin, "/data/lists/pairs.tsv:3");
  EXPECT_EQ((*pairs)[1].id, "x-2");
  EXPECT_EQ((*pairs)[1].source_path, "/abs/fr.txt");
  EXPECT_EQ((*pairs)[1].target_path, "/data/ar/x.txt");
  EXPECT_EQ((*pairs)[1].origin, "/data/lists/pairs.tsv:5");
}

TEST(ParsePairListTest, ARelativeListReadsFromItsOwnFolder) {
  absl::StatusOr<std::vector<BatchPair>> pairs = ParsePairList("a.fr\ta.ar\ta\n", "pairs.tsv");
  ASSERT_TRUE(pairs.ok()) << pairs.status();
  EXPECT_EQ((*pairs)[0].source_path, "a.fr");
  EXPECT_EQ((*pairs)[0].origin, "pairs.tsv:1");
}

struct BadList {
  const char* name;
  const char* content;
  const char* message;
};

class ParsePairListErrorTest : public ::testing::TestWithParam<BadList> {};

TEST_P(ParsePairListErrorTest, IsInvalidArgumentNamingFileAndLine) {
  absl::StatusOr<std::vector<BatchPair>> pairs = ParsePairList(GetParam().content, "l.tsv");
  EXPECT_EQ(pairs.status(), absl::InvalidArgumentError(GetParam().message));
}

INSTANTIATE_TEST_SUITE_P(
    Lines, ParsePairListErrorTest,
    ::testing::Values(
        BadList{"TwoFields", "a.fr\ta.ar\ta\n# ok\nb.fr b.ar\tb\n",
                "l.tsv:3: expected 3 tab-separated fields (source path, target path, id), got 2"},
        BadList{"FourFields", "a.fr\ta.ar\ta\tmore\n",
                "l.tsv:1: expected 3 tab-separated fields (source path, target path, id), got 4"},
        BadList{"EmptySource", "\ta.ar\ta\n", "l.tsv:1: the source path is empty"},
        BadList{"EmptyTarget", "a.fr\t\ta\n", "l.tsv:1: the target path is empty"},
        BadList{"EmptyId", "a.fr\ta.ar\t\n", "l.tsv:1: the id is empty"},
        BadList{"DotDotId", "a.fr\ta.ar\t..\n", "l.tsv:1: the id \"..\" cannot name a file"},
        BadList{"SlashId", "a.fr\ta.ar\tx/y\n",
                "l.tsv:1: the id \"x/y\" has a \"/\" or a control character; it names the "
                "pair's output file"},
        BadList{"DuplicateId", "a.fr\ta.ar\tsame\n\nb.fr\tb.ar\tsame\n",
                "l.tsv:3: the id \"same\" is already used on line 1; each pair needs its own"},
        BadList{"NoPair", "# nothing\n\n", "l.tsv: the list has no pair"}),
    [](const ::testing::TestParamInfo<BadList>& info) { return info.param.name; });

// --- The two folders ---

TEST(PairFoldersTest, PairsByNameAndReportsAFileWithoutCounterpartAsAPairOfItsOwn) {
  TempFolder dir("folders");
  dir.Write("fr/a.txt", kFrench);
  dir.Write("fr/b.txt", kFrench);
  dir.Write("fr/.hidden", "x");
  dir.Write("ar/a.txt", kArabic);
  dir.Write("ar/c.txt", kArabic);
  fs::create_directories(fs::path(dir.path()) / "ar" / "sub");
  absl::StatusOr<std::vector<BatchPair>> pairs =
      PairFolders(dir.path() + "/fr", dir.path() + "/ar");
  ASSERT_TRUE(pairs.ok()) << pairs.status();
  ASSERT_THAT(*pairs, SizeIs(3));
  EXPECT_EQ((*pairs)[0].id, "a.txt");
  EXPECT_TRUE((*pairs)[0].status.ok());
  EXPECT_EQ((*pairs)[0].source_path, dir.path() + "/fr/a.txt");
  EXPECT_EQ((*pairs)[0].target_path, dir.path() + "/ar/a.txt");
  EXPECT_EQ((*pairs)[1].id, "b.txt");
  EXPECT_EQ((*pairs)[1].status,
            absl::NotFoundError(absl::StrCat("no counterpart: \"", dir.path(),
                                             "/ar/b.txt\" does not exist (--target-dir has no "
                                             "file of that name)")));
  EXPECT_EQ((*pairs)[2].id, "c.txt");
  EXPECT_EQ((*pairs)[2].status,
            absl::NotFoundError(absl::StrCat("no counterpart: \"", dir.path(),
                                             "/fr/c.txt\" does not exist (--source-dir has no "
                                             "file of that name)")));
}

TEST(PairFoldersTest, AMissingFolderIsNotFound) {
  TempFolder dir("missing");
  EXPECT_EQ(PairFolders(dir.path() + "/none", dir.path()).status(),
            absl::NotFoundError(
                absl::StrCat("--source-dir: \"", dir.path(), "/none\" does not exist")));
  const std::string file = dir.Write("file.txt", "x");
  EXPECT_EQ(PairFolders(dir.path(), file).status().code(), absl::StatusCode::kFailedPrecondition);
}

// --- RunBatchAlign, against the service in this process ---

class BatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<Connection> connection = Connect("");
    ASSERT_TRUE(connection.ok()) << connection.status();
    connection_ = *std::move(connection);
  }

  CommandIo Io() {
    CommandIo io;
    io.in = &in_;
    io.out = &out_;
    io.err = &err_;
    return io;
  }
  int Run(const BatchCommand& command) {
    out_.str("");
    err_.str("");
    return RunBatchAlign(command, *connection_.alignment, Io());
  }
  // The output's lines, without the final newline.
  std::vector<std::string> OutLines() const {
    std::string out = out_.str();
    if (!out.empty() && out.back() == '\n') out.pop_back();
    return absl::StrSplit(out, '\n');
  }
  // `newsalign align` on one pair in `format`, with `id` as the response's id.
  std::string AlignOne(const std::string& source, const std::string& target,
                       const std::string& format) {
    AlignCommand command;
    command.source_path = source;
    command.target_path = target;
    command.format = format;
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    CommandIo io;
    io.in = &in;
    io.out = &out;
    io.err = &err;
    EXPECT_EQ(RunAlign(command, *connection_.alignment, io), kExitOk) << err.str();
    return out.str();
  }

  Connection connection_;
  std::istringstream in_;
  std::ostringstream out_;
  std::ostringstream err_;
};

// The list of the tests below: the sample, a pair whose source is missing, one whose target is
// not UTF-8, one whose target is blank (the service refuses it), and a short pair.
std::string WriteMixedList(const TempFolder& dir) {
  dir.Write("short/fr.txt", kFrench);
  dir.Write("short/ar.txt", kArabic);
  dir.Write("bad/fr.txt", kFrench);
  dir.Write("bad/ar.txt", "غادر \xff جنود");
  dir.Write("blank/ar.txt", "  \n");
  return dir.Write("lists/pairs.tsv",
                   absl::StrCat("# the sample, then bad pairs, then a good one\n",
                                ExamplePath("fr.txt"), "\t", ExamplePath("ar.txt"), "\tmali\n",
                                "../gone/fr.txt\t../gone/ar.txt\tgone\n",
                                "../bad/fr.txt\t../bad/ar.txt\tbad-utf8\n",
                                "../short/fr.txt\t../blank/ar.txt\tblank\n",
                                "../short/fr.txt\t../short/ar.txt\tbamako\n"));
}

TEST_F(BatchTest, JsonLinesInInputOrderWithEachBadPairReportedAndTheOthersAligned) {
  TempFolder dir("mixed");
  BatchCommand command;
  command.list_path = WriteMixedList(dir);
  EXPECT_EQ(Run(command), kExitSomePairsFailed) << err_.str();

  const std::vector<std::string> lines = OutLines();
  ASSERT_THAT(lines, SizeIs(5)) << out_.str();
  std::vector<std::string> ids;
  std::vector<int> codes;
  std::vector<std::string> messages;
  for (const std::string& line : lines) {
    // Each line parses as an AlignStreamResponse's id and status plus the AlignResponse fields.
    google::protobuf::util::JsonParseOptions lenient;
    lenient.ignore_unknown_fields = true;
    v1::AlignStreamResponse head;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(line, &head, lenient).ok()) << line;
    ids.push_back(head.id());
    codes.push_back(head.status().code());
    messages.push_back(head.status().message());
  }
  EXPECT_THAT(ids, ElementsAre("mali", "gone", "bad-utf8", "blank", "bamako"));
  EXPECT_THAT(codes, ElementsAre(0, 5, 3, 3, 0));  // OK, NOT_FOUND, INVALID_ARGUMENT
  EXPECT_EQ(messages[0], "");
  EXPECT_EQ(messages[1], absl::StrCat("source: cannot read \"", dir.path(),
                                      "/gone/fr.txt\": No such file or directory"));
  EXPECT_EQ(messages[2], "target.text: invalid UTF-8 at byte 9; send the text encoded as UTF-8");
  EXPECT_THAT(messages[3], ::testing::StartsWith("target.text is empty"));
  EXPECT_EQ(lines[1], absl::StrCat("{\"id\":\"gone\",\"status\":{\"code\":5,\"message\":\"",
                                   absl::StrReplaceAll(messages[1], {{"\"", "\\\""}}), "\"}}"));

  // An aligned pair's line holds the single-pair JSON's fields, with the same values.
  google::protobuf::util::JsonParseOptions lenient;
  lenient.ignore_unknown_fields = true;
  v1::AlignResponse from_batch;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(lines[0], &from_batch, lenient).ok());
  v1::AlignResponse alone;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(
                  AlignOne(ExamplePath("fr.txt"), ExamplePath("ar.txt"), "json"), &alone)
                  .ok());
  EXPECT_EQ(alone.id(), ExamplePath("fr.txt"));
  alone.set_id("mali");
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(from_batch, alone));
  EXPECT_THAT(from_batch.beads(), SizeIs(32));

  const std::string err = err_.str();
  EXPECT_THAT(err, HasSubstr(absl::StrCat("newsalign: align: gone (", command.list_path,
                                          ":3): NOT_FOUND: source: cannot read")));
  EXPECT_THAT(err, HasSubstr(absl::StrCat("newsalign: align: bad-utf8 (", command.list_path,
                                          ":4): INVALID_ARGUMENT: target.text: invalid UTF-8")));
  EXPECT_THAT(err, HasSubstr(absl::StrCat("newsalign: align: blank (", command.list_path,
                                          ":5): INVALID_ARGUMENT: target.text is empty")));
  EXPECT_THAT(err, HasSubstr("newsalign: align: 2 of 5 pairs aligned, 3 failed\n"));
}

TEST_F(BatchTest, TheSameBatchPrintsTheSameBytes) {
  TempFolder dir("twice");
  BatchCommand command;
  command.list_path = WriteMixedList(dir);
  ASSERT_EQ(Run(command), kExitSomePairsFailed);
  const std::string first = out_.str();
  ASSERT_EQ(Run(command), kExitSomePairsFailed);
  EXPECT_EQ(out_.str(), first);
}

TEST_F(BatchTest, OutputFolderHoldsOneFilePerAlignedPairAsTheSinglePairCommandPrintsIt) {
  TempFolder dir("outdir");
  BatchCommand command;
  command.list_path = WriteMixedList(dir);
  command.output_dir = dir.path() + "/out/tsv";
  command.align.format = "tsv";
  // A result of an earlier run for a pair that fails now goes away.
  dir.Write("out/tsv/gone.tsv", "stale");
  EXPECT_EQ(Run(command), kExitSomePairsFailed) << err_.str();
  EXPECT_EQ(out_.str(), "");
  std::vector<std::string> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(command.output_dir)) {
    files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  EXPECT_THAT(files, ElementsAre("bamako.tsv", "mali.tsv"));
  EXPECT_EQ(ReadFile(command.output_dir + "/mali.tsv"),
            AlignOne(ExamplePath("fr.txt"), ExamplePath("ar.txt"), "tsv"));
  EXPECT_EQ(ReadFile(command.output_dir + "/bamako.tsv"),
            AlignOne(dir.path() + "/short/fr.txt", dir.path() + "/short/ar.txt", "tsv"));
}

TEST_F(BatchTest, FoldersOfPreSplitFilesAllAlignedExitZero) {
  TempFolder dir("presplit");
  dir.Write("fr/a.txt", "Bamako, le 15 novembre.\nLes soldats ont quitté Kidal.\n");
  dir.Write("ar/a.txt", "باماكو، 15 نوفمبر.\nغادر الجنود كيدال.\n");
  dir.Write("fr/b.txt", "Le vaccin arrive enfin.\n");
  dir.Write("ar/b.txt", "وصل اللقاح أخيرا.\n");
  BatchCommand command;
  command.source_dir = dir.path() + "/fr";
  command.target_dir = dir.path() + "/ar";
  command.align.pre_split = true;
  EXPECT_EQ(Run(command), kExitOk) << err_.str();
  const std::vector<std::string> lines = OutLines();
  ASSERT_THAT(lines, SizeIs(2));
  EXPECT_THAT(lines[0], ::testing::StartsWith(
                            "{\"id\":\"a.txt\",\"status\":{\"code\":0,\"message\":\"\"},"
                            "\"source\":{\"language\":\"fr\",\"sentences\":[{\"index\":0,"));
  EXPECT_THAT(lines[1], ::testing::StartsWith("{\"id\":\"b.txt\",\"status\":{\"code\":0,"));
  EXPECT_EQ(err_.str(), "newsalign: align: 2 of 2 pairs aligned\n");
}

TEST_F(BatchTest, AFileWithoutCounterpartFailsAsItsOwnPair) {
  TempFolder dir("orphan");
  dir.Write("fr/a.txt", kFrench);
  dir.Write("ar/a.txt", kArabic);
  dir.Write("fr/z.txt", kFrench);
  BatchCommand command;
  command.source_dir = dir.path() + "/fr";
  command.target_dir = dir.path() + "/ar";
  EXPECT_EQ(Run(command), kExitSomePairsFailed);
  const std::vector<std::string> lines = OutLines();
  ASSERT_THAT(lines, SizeIs(2));
  EXPECT_EQ(lines[1], absl::StrCat("{\"id\":\"z.txt\",\"status\":{\"code\":5,\"message\":\"no "
                                   "counterpart: \\\"",
                                   dir.path(),
                                   "/ar/z.txt\\\" does not exist (--target-dir has no file of "
                                   "that name)\"}}"));
  EXPECT_THAT(err_.str(), HasSubstr("newsalign: align: z.txt (z.txt): NOT_FOUND: no counterpart"));
}

TEST_F(BatchTest, ProgressGoesToTheErrorStream) {
  TempFolder dir("progress");
  dir.Write("fr/a.txt", kFrench);
  dir.Write("ar/a.txt", kArabic);
  dir.Write("fr/b.txt", kFrench);
  dir.Write("ar/b.txt", kArabic);
  BatchCommand command;
  command.source_dir = dir.path() + "/fr";
  command.target_dir = dir.path() + "/ar";
  command.progress = true;
  EXPECT_EQ(Run(command), kExitOk);
  EXPECT_EQ(err_.str(),
            "\rnewsalign: 1/2 pairs, 0 failed\rnewsalign: 2/2 pairs, 0 failed\n"
            "newsalign: align: 2 of 2 pairs aligned\n");
}

struct BatchUsage {
  const char* name;
  BatchCommand command;
  const char* message;
};

class BatchUsageTest : public BatchTest, public ::testing::WithParamInterface<BatchUsage> {};

TEST_P(BatchUsageTest, ExitsTwoSendingNothing) {
  EXPECT_EQ(Run(GetParam().command), kExitUsage);
  EXPECT_EQ(err_.str(), absl::StrCat("newsalign: align: ", GetParam().message, "\n"));
  EXPECT_EQ(out_.str(), "");
}

BatchCommand Batch(std::string list, std::string source_dir, std::string target_dir,
                   std::string format = "json", std::string output_dir = "") {
  BatchCommand command;
  command.list_path = std::move(list);
  command.source_dir = std::move(source_dir);
  command.target_dir = std::move(target_dir);
  command.align.format = std::move(format);
  command.output_dir = std::move(output_dir);
  return command;
}

INSTANTIATE_TEST_SUITE_P(
    Flags, BatchUsageTest,
    ::testing::Values(
        BatchUsage{"ListAndFolders", Batch("l.tsv", "fr", "ar"),
                   "--batch and --source-dir/--target-dir are two ways to give the pairs; use "
                   "one"},
        BatchUsage{"SourceDirAlone", Batch("", "fr", ""),
                   "--source-dir and --target-dir go together"},
        BatchUsage{"TsvWithoutOutputDir", Batch("l.tsv", "", "", "tsv"),
                   "--format=tsv writes one file per pair: give --output-dir=DIR (without it, a "
                   "batch prints JSON lines)"},
        BatchUsage{"UnknownFormat", Batch("l.tsv", "", "", "xml", "out"),
                   "--format: unknown format \"xml\" (expected table, tsv, json, vecalign, html "
                   "or tmx)"},
        BatchUsage{"MissingList", Batch("/nonexistent/l.tsv", "", ""),
                   "--batch: cannot read \"/nonexistent/l.tsv\": No such file or directory"},
        BatchUsage{"MissingFolder", Batch("", "/nonexistent/fr", "/nonexistent/ar"),
                   "--source-dir: \"/nonexistent/fr\" does not exist"}),
    [](const ::testing::TestParamInfo<BatchUsage>& info) { return info.param.name; });

TEST_F(BatchTest, ABadListLineExitsTwoNamingFileAndLine) {
  TempFolder dir("badline");
  const std::string list = dir.Write("l.tsv", "# pairs\na.fr\ta.ar\ta\nb.fr  b.ar  b\n");
  BatchCommand command;
  command.list_path = list;
  EXPECT_EQ(Run(command), kExitUsage);
  EXPECT_EQ(err_.str(),
            absl::StrCat("newsalign: align: ", list,
                         ":3: expected 3 tab-separated fields (source path, target path, id), "
                         "got 1\n"));
}

TEST_F(BatchTest, AStreamThatFailsAsAWholeExitsOneWithEveryPairReported) {
  TempFolder dir("unreachable");
  dir.Write("fr/a.txt", kFrench);
  dir.Write("ar/a.txt", kArabic);
  dir.Write("fr/b.txt", kFrench);
  dir.Write("ar/b.txt", kArabic);
  absl::StatusOr<Connection> nowhere = Connect("127.0.0.1:1");
  ASSERT_TRUE(nowhere.ok());
  BatchCommand command;
  command.source_dir = dir.path() + "/fr";
  command.target_dir = dir.path() + "/ar";
  EXPECT_EQ(RunBatchAlign(command, *nowhere->alignment, Io()), kExitFailure);
  const std::vector<std::string> lines = OutLines();
  ASSERT_THAT(lines, SizeIs(2));
  EXPECT_THAT(lines[0], ::testing::StartsWith("{\"id\":\"a.txt\",\"status\":{\"code\":14,"));
  EXPECT_THAT(lines[1], ::testing::StartsWith("{\"id\":\"b.txt\",\"status\":{\"code\":14,"));
  EXPECT_THAT(err_.str(), HasSubstr("newsalign: align: 0 of 2 pairs aligned, 2 failed\n"));
}

}  // namespace
}  // namespace newsalign::client
