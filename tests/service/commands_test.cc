// The `newsalign` commands as a library against gMock stubs, with no server: the request each
// command builds, usage errors (exit 2), failed calls (exit 1), reading input within its limit,
// and the flags' validation; checking exit codes, stdout and stderr. No subprocesses. The
// commands against the real service in this process are in commands_in_process_test.cc.
#include "client/commands.h"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "tests/testing/command_io.h"

namespace newsalign::client {
namespace {

using ::newsalign::testing::CommandsTest;
using ::newsalign::testing::ExamplePath;
using ::newsalign::testing::WriteTempFile;
using ::testing::_;
using ::testing::AllOf;
using ::testing::DoAll;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Invoke;
using ::testing::Return;
using ::testing::SaveArg;
using ::testing::SetArgPointee;
using ::testing::StartsWith;

// AlignmentService's client interface with the blocking calls mocked; the commands use no other.
class MockAlignmentStub : public v1::AlignmentService::StubInterface {
 public:
  MOCK_METHOD(grpc::Status, Align,
              (grpc::ClientContext*, const v1::AlignRequest&, v1::AlignResponse*), (override));
  MOCK_METHOD(grpc::Status, Segment,
              (grpc::ClientContext*, const v1::SegmentRequest&, v1::SegmentResponse*), (override));

 private:
  grpc::ClientAsyncResponseReaderInterface<v1::AlignResponse>* AsyncAlignRaw(
      grpc::ClientContext*, const v1::AlignRequest&, grpc::CompletionQueue*) override {
    return nullptr;
  }
  grpc::ClientAsyncResponseReaderInterface<v1::AlignResponse>* PrepareAsyncAlignRaw(
      grpc::ClientContext*, const v1::AlignRequest&, grpc::CompletionQueue*) override {
    return nullptr;
  }
  grpc::ClientReaderWriterInterface<v1::AlignStreamRequest, v1::AlignStreamResponse>* AlignStreamRaw(
      grpc::ClientContext*) override {
    return nullptr;
  }
  grpc::ClientAsyncReaderWriterInterface<v1::AlignStreamRequest, v1::AlignStreamResponse>* AsyncAlignStreamRaw(
      grpc::ClientContext*, grpc::CompletionQueue*, void*) override {
    return nullptr;
  }
  grpc::ClientAsyncReaderWriterInterface<v1::AlignStreamRequest, v1::AlignStreamResponse>*
  PrepareAsyncAlignStreamRaw(grpc::ClientContext*, grpc::CompletionQueue*) override {
    return nullptr;
  }
  grpc::ClientAsyncResponseReaderInterface<v1::SegmentResponse>* AsyncSegmentRaw(
      grpc::ClientContext*, const v1::SegmentRequest&, grpc::CompletionQueue*) override {
    return nullptr;
  }
  grpc::ClientAsyncResponseReaderInterface<v1::SegmentResponse>* PrepareAsyncSegmentRaw(
      grpc::ClientContext*, const v1::SegmentRequest&, grpc::CompletionQueue*) override {
    return nullptr;
  }
};

using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

class MockHealthStub : public grpc::health::v1::Health::StubInterface {
 public:
  MOCK_METHOD(grpc::Status, Check,
              (grpc::ClientContext*, const HealthCheckRequest&, HealthCheckResponse*), (override));

 private:
  grpc::ClientAsyncResponseReaderInterface<HealthCheckResponse>* AsyncCheckRaw(
      grpc::ClientContext*, const HealthCheckRequest&, grpc::CompletionQueue*) override {
    return nullptr;
  }
  grpc::ClientAsyncResponseReaderInterface<HealthCheckResponse>* PrepareAsyncCheckRaw(
      grpc::ClientContext*, const HealthCheckRequest&, grpc::CompletionQueue*) override {
    return nullptr;
  }
  grpc::ClientReaderInterface<HealthCheckResponse>* WatchRaw(grpc::ClientContext*,
                                                             const HealthCheckRequest&) override {
    return nullptr;
  }
  grpc::ClientAsyncReaderInterface<HealthCheckResponse>* AsyncWatchRaw(grpc::ClientContext*,
                                                                       const HealthCheckRequest&,
                                                                       grpc::CompletionQueue*,
                                                                       void*) override {
    return nullptr;
  }
  grpc::ClientAsyncReaderInterface<HealthCheckResponse>* PrepareAsyncWatchRaw(
      grpc::ClientContext*, const HealthCheckRequest&, grpc::CompletionQueue*) override {
    return nullptr;
  }
};

// --- align, against a mock: the request the command builds, and usage errors. ---

TEST_F(CommandsTest, InvalidUtf8ExitsOneNamingTheFieldAndByteWithoutCalling) {
  MockAlignmentStub stub;
  EXPECT_CALL(stub, Align(_, _, _)).Times(0);
  AlignCommand command;
  command.source_path = WriteTempFile("bad.txt", std::string("Bonjour le monde \xff."));
  command.target_path = ExamplePath("ar.txt");
  EXPECT_EQ(RunAlign(command, stub, Io()), kExitFailure);
  EXPECT_THAT(err_.str(),
              StartsWith("newsalign: INVALID_ARGUMENT: source.text: invalid UTF-8 at byte 17"));

  err_.str("");
  command.source_path = ExamplePath("fr.txt");
  command.target_path = WriteTempFile("bad_lines.txt", std::string("مالي.\nمينوسما\xd9\n"));
  command.pre_split = true;
  EXPECT_EQ(RunAlign(command, stub, Io()), kExitFailure);
  EXPECT_THAT(err_.str(), StartsWith("newsalign: INVALID_ARGUMENT: target.sentences[1]: invalid "
                                     "UTF-8 at byte 14"));

  MockAlignmentStub segment_stub;
  EXPECT_CALL(segment_stub, Segment(_, _, _)).Times(0);
  err_.str("");
  SegmentCommand segment;
  segment.path = WriteTempFile("bad_segment.txt", std::string("Le Mali\xc3"));
  segment.language = "fr";
  EXPECT_EQ(RunSegment(segment, segment_stub, Io()), kExitFailure);
  EXPECT_THAT(err_.str(),
              StartsWith("newsalign: INVALID_ARGUMENT: document.text: invalid UTF-8 at byte 7"));
}

TEST_F(CommandsTest, BuildsTheRequestFromTheCommand) {
  AlignCommand command;
  command.source_path = "-";
  in_.str("Le Mali.\r\nLa MINUSMA.\r\n");
  command.target_path = WriteTempFile("lines_ar.txt", "مالي.\n\nمينوسما.");
  command.source_language = "fr-CA";
  command.target_language = "ar-MA";
  command.pre_split = true;
  command.format = "vecalign";
  command.deadline_seconds = 30;
  command.max_bead_sentences = 3;
  command.second_pass = false;
  command.disabled_anchors = {"number", "name"};

  MockAlignmentStub stub;
  v1::AlignRequest request;
  std::chrono::system_clock::time_point deadline;
  v1::AlignResponse response;
  response.add_beads()->add_source_sentences(0);
  EXPECT_CALL(stub, Align(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&request),
                      Invoke([&deadline](grpc::ClientContext* context, const v1::AlignRequest&,
                                         v1::AlignResponse*) { deadline = context->deadline(); }),
                      SetArgPointee<2>(response), Return(grpc::Status::OK)));
  const auto before = std::chrono::system_clock::now();
  ASSERT_EQ(RunAlign(command, stub, Io()), kExitOk) << err_.str();
  const auto after = std::chrono::system_clock::now();
  EXPECT_EQ(out_.str(), "[0]:[]\n");

  EXPECT_EQ(request.id(), "-");
  EXPECT_EQ(request.source().language(), "fr-CA");
  EXPECT_EQ(request.target().language(), "ar-MA");
  EXPECT_THAT(request.source().sentences().sentences(), ElementsAre("Le Mali.", "La MINUSMA."));
  EXPECT_THAT(request.target().sentences().sentences(), ElementsAre("مالي.", "", "مينوسما."));
  EXPECT_EQ(request.options().max_bead_sentences(), 3);
  ASSERT_TRUE(request.options().has_second_pass());
  EXPECT_FALSE(request.options().second_pass());
  EXPECT_FALSE(request.options().has_allow_omissions());
  EXPECT_THAT(request.options().disabled_anchors(),
              ElementsAre(v1::ANCHOR_KIND_NUMBER, v1::ANCHOR_KIND_NAME));
  // vecalign prints no text, so the response need not carry it.
  EXPECT_TRUE(request.options().omit_text());
  // Set 30 s after some moment of the call, however long the call took (1 ms for gRPC's
  // conversions of the time point).
  EXPECT_GE(deadline, before + std::chrono::seconds(30) - std::chrono::milliseconds(1));
  EXPECT_LE(deadline, after + std::chrono::seconds(30) + std::chrono::milliseconds(1));
}

// Two long pre-split documents (past 1 MiB together) are checked and split side by side: every
// line of both reaches the request in order, a bad line is named as on one thread, and when
// both sides have one the source's is told.
TEST_F(CommandsTest, LongPreSplitDocumentsAreFilledSideBySide) {
  std::string fr, ar;
  constexpr int kLines = 9000;
  for (int i = 0; i < kLines; ++i) {
    absl::StrAppend(&fr, "La MINUSMA quittera le Mali le 15 novembre 2024, ligne ", i, ".\n");
    absl::StrAppend(&ar, "ستغادر مينوسما مالي في 15 نوفمبر 2024، السطر ", i, ".\n");
  }
  ASSERT_GE(fr.size() + ar.size(), size_t{1} << 20);
  AlignCommand command;
  command.source_path = WriteTempFile("long_fr.txt", fr);
  command.target_path = WriteTempFile("long_ar.txt", ar);
  command.pre_split = true;
  command.format = "vecalign";
  MockAlignmentStub stub;
  v1::AlignRequest request;
  v1::AlignResponse response;
  response.add_beads()->add_source_sentences(0);
  EXPECT_CALL(stub, Align(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&request), SetArgPointee<2>(response), Return(grpc::Status::OK)));
  ASSERT_EQ(RunAlign(command, stub, Io()), kExitOk) << err_.str();
  ASSERT_EQ(request.source().sentences().sentences_size(), kLines);
  ASSERT_EQ(request.target().sentences().sentences_size(), kLines);
  EXPECT_EQ(request.source().sentences().sentences(kLines - 1),
            absl::StrCat("La MINUSMA quittera le Mali le 15 novembre 2024, ligne ", kLines - 1,
                         "."));
  EXPECT_EQ(request.target().sentences().sentences(4321), "ستغادر مينوسما مالي في 15 نوفمبر 2024، السطر 4321.");

  MockAlignmentStub refusing;
  EXPECT_CALL(refusing, Align(_, _, _)).Times(0);
  std::string bad_ar = ar;
  bad_ar.replace(bad_ar.find("السطر 7000"), 2, "\xd9");
  command.target_path = WriteTempFile("long_bad_ar.txt", bad_ar);
  EXPECT_EQ(RunAlign(command, refusing, Io()), kExitFailure);
  EXPECT_THAT(err_.str(), StartsWith("newsalign: INVALID_ARGUMENT: target.sentences[7000]: "
                                     "invalid UTF-8 at byte"));
  err_.str("");
  std::string bad_fr = fr;
  bad_fr.replace(bad_fr.find("ligne 8000"), 1, "\xff");
  command.source_path = WriteTempFile("long_bad_fr.txt", bad_fr);
  EXPECT_EQ(RunAlign(command, refusing, Io()), kExitFailure);
  EXPECT_THAT(err_.str(), StartsWith("newsalign: INVALID_ARGUMENT: source.sentences[8000]: "
                                     "invalid UTF-8 at byte"));
}

TEST_F(CommandsTest, RawTextIsSentAsItIs) {
  AlignCommand command;
  command.source_path = WriteTempFile("raw_fr.txt", "Titre\n\nLe Mali.\n");
  command.target_path = WriteTempFile("raw_ar.txt", "عنوان\n\nمالي.");
  command.deadline_seconds = 0;
  MockAlignmentStub stub;
  v1::AlignRequest request;
  std::chrono::system_clock::time_point deadline;
  EXPECT_CALL(stub, Align(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&request),
                      Invoke([&deadline](grpc::ClientContext* context, const v1::AlignRequest&,
                                         v1::AlignResponse*) { deadline = context->deadline(); }),
                      Return(grpc::Status::OK)));
  ASSERT_EQ(RunAlign(command, stub, Io()), kExitOk) << err_.str();
  EXPECT_EQ(request.source().text(), "Titre\n\nLe Mali.\n");
  EXPECT_EQ(request.target().text(), "عنوان\n\nمالي.");
  EXPECT_EQ(request.source().language(), "fr");
  EXPECT_EQ(request.target().language(), "ar");
  EXPECT_FALSE(request.options().has_second_pass());
  EXPECT_EQ(request.options().max_bead_sentences(), 0);
  EXPECT_FALSE(request.options().omit_text());  // the table shows the texts
  EXPECT_EQ(deadline, std::chrono::system_clock::time_point::max());  // no deadline
}

TEST_F(CommandsTest, UnavailableServerExitsOne) {
  AlignCommand command;
  command.source_path = ExamplePath("fr.txt");
  command.target_path = ExamplePath("ar.txt");
  MockAlignmentStub stub;
  EXPECT_CALL(stub, Align(_, _, _))
      .WillOnce(Return(grpc::Status(grpc::StatusCode::UNAVAILABLE, "failed to connect")));
  EXPECT_EQ(RunAlign(command, stub, Io()), kExitFailure);
  EXPECT_EQ(err_.str(), "newsalign: UNAVAILABLE: failed to connect\n");
  EXPECT_EQ(out_.str(), "");
}

TEST_F(CommandsTest, DeadlineExceededExitsOne) {
  SegmentCommand command;
  command.path = ExamplePath("fr.txt");
  command.language = "fr";
  MockAlignmentStub stub;
  EXPECT_CALL(stub, Segment(_, _, _))
      .WillOnce(Return(grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, "Deadline Exceeded")));
  EXPECT_EQ(RunSegment(command, stub, Io()), kExitFailure);
  EXPECT_EQ(err_.str(), "newsalign: DEADLINE_EXCEEDED: Deadline Exceeded\n");
}

struct UsageCase {
  const char* name;
  std::function<void(AlignCommand&)> change;
  const char* message;
};

// Names the case in test listings (instead of the struct's bytes).
void PrintTo(const UsageCase& usage_case, std::ostream* os) { *os << usage_case.name; }

class AlignUsageTest : public CommandsTest, public ::testing::WithParamInterface<UsageCase> {};

TEST_P(AlignUsageTest, ExitsTwoWithoutCalling) {
  AlignCommand command;
  command.source_path = ExamplePath("fr.txt");
  command.target_path = ExamplePath("ar.txt");
  GetParam().change(command);
  MockAlignmentStub stub;
  EXPECT_CALL(stub, Align(_, _, _)).Times(0);
  EXPECT_EQ(RunAlign(command, stub, Io()), kExitUsage);
  EXPECT_THAT(err_.str(), AllOf(StartsWith("newsalign: "), HasSubstr(GetParam().message)));
  EXPECT_EQ(out_.str(), "");
}

INSTANTIATE_TEST_SUITE_P(
    Commands, AlignUsageTest,
    ::testing::Values(UsageCase{"MissingSource", [](AlignCommand& c) { c.source_path.clear(); },
                                "--source=FILE is required"},
                      UsageCase{"MissingTarget", [](AlignCommand& c) { c.target_path.clear(); },
                                "--target=FILE is required"},
                      UsageCase{"BothStdin",
                                [](AlignCommand& c) {
                                  c.source_path = "-";
                                  c.target_path = "-";
                                },
                                "only one of --source and --target"},
                      UsageCase{"BadFormat", [](AlignCommand& c) { c.format = "csv"; },
                                "--format: unknown format \"csv\""},
                      UsageCase{"UnreadableSource",
                                [](AlignCommand& c) { c.source_path = "/nonexistent/fr.txt"; },
                                "--source: cannot read \"/nonexistent/fr.txt\""},
                      UsageCase{"UnreadableTarget",
                                [](AlignCommand& c) { c.target_path = "/nonexistent/ar.txt"; },
                                "--target: cannot read \"/nonexistent/ar.txt\""},
                      UsageCase{"UnknownAnchorKind",
                                [](AlignCommand& c) {
                                  c.disabled_anchors = {"number", "colour"};
                                },
                                "unknown anchor kind \"colour\""},
                      UsageCase{"MaxBeadSentencesOutOfRange",
                                [](AlignCommand& c) { c.max_bead_sentences = 7; },
                                "--max-bead-sentences must be between 1 and 5"}),
    [](const ::testing::TestParamInfo<UsageCase>& info) { return info.param.name; });

TEST_F(CommandsTest, SegmentUsageErrorsExitTwo) {
  MockAlignmentStub stub;
  EXPECT_CALL(stub, Segment(_, _, _)).Times(0);
  SegmentCommand command;
  command.language = "fr";
  EXPECT_EQ(RunSegment(command, stub, Io()), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("FILE is required"));

  command.path = ExamplePath("fr.txt");
  command.language.clear();
  EXPECT_EQ(RunSegment(command, stub, Io()), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("--lang=LANG is required"));

  command.language = "fr";
  command.format = "vecalign";
  EXPECT_EQ(RunSegment(command, stub, Io()), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("unknown format \"vecalign\""));

  command.format = "text";
  command.path = "/nonexistent/file.txt";
  EXPECT_EQ(RunSegment(command, stub, Io()), kExitUsage);
  EXPECT_THAT(err_.str(), HasSubstr("cannot read \"/nonexistent/file.txt\""));
}

// --- health, against a mock. ---

TEST_F(CommandsTest, HealthNotServingExitsOne) {
  MockHealthStub stub;
  HealthCheckRequest request;
  HealthCheckResponse response;
  response.set_status(HealthCheckResponse::NOT_SERVING);
  EXPECT_CALL(stub, Check(_, _, _))
      .WillOnce(DoAll(SaveArg<1>(&request), SetArgPointee<2>(response), Return(grpc::Status::OK)));
  HealthCommand command;
  command.service = "newsalign.v1.AlignmentService";
  EXPECT_EQ(RunHealth(command, stub, Io()), kExitFailure);
  EXPECT_EQ(out_.str(), "NOT_SERVING\n");
  EXPECT_EQ(request.service(), "newsalign.v1.AlignmentService");
}

TEST_F(CommandsTest, HealthCallFailureExitsOne) {
  MockHealthStub stub;
  EXPECT_CALL(stub, Check(_, _, _))
      .WillOnce(Return(grpc::Status(grpc::StatusCode::UNAVAILABLE, "connection refused")));
  EXPECT_EQ(RunHealth(HealthCommand(), stub, Io()), kExitFailure);
  EXPECT_EQ(err_.str(), "newsalign: UNAVAILABLE: connection refused\n");
  EXPECT_EQ(out_.str(), "");
}

// --- helpers ---

TEST(SplitLinesTest, DropsTheFinalNewlineAndCarriageReturnsKeepsEmptyLines) {
  EXPECT_THAT(SplitLines("a\r\nb\n\nc\n"), ElementsAre("a", "b", "", "c"));
  EXPECT_THAT(SplitLines("a\nb"), ElementsAre("a", "b"));
  EXPECT_THAT(SplitLines("a\n\n"), ElementsAre("a", ""));
  EXPECT_THAT(SplitLines("\n"), ElementsAre(""));
  EXPECT_TRUE(SplitLines("").empty());
  EXPECT_THAT(SplitLines("نص\r\n"), ElementsAre("نص"));
}

TEST(ReadInputTest, ReadsFilesAndStdin) {
  const std::string path = WriteTempFile("read.txt", std::string("a\0b\n", 4));
  std::istringstream in("from stdin");
  EXPECT_EQ(*ReadInput(path, in, 100), std::string("a\0b\n", 4));
  EXPECT_EQ(*ReadInput("-", in, 100), "from stdin");
  EXPECT_EQ(ReadInput("/nonexistent/x", in, 100).status().code(), absl::StatusCode::kNotFound);
}

TEST(ReadInputTest, ReadsExactlyTheLimit) {
  const std::string text = "Le Mali a quitté la MINUSMA.";  // 29 bytes
  std::istringstream in(text);
  EXPECT_EQ(*ReadInput(WriteTempFile("limit.txt", text), in, text.size()), text);
  EXPECT_EQ(*ReadInput("-", in, text.size()), text);
}

TEST(ReadInputTest, RefusesADirectoryNamingIt) {
  std::istringstream in;
  const absl::StatusOr<std::string> read = ReadInput(::testing::TempDir(), in, 100);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(read.status().message(),
            absl::StrCat("cannot read \"", ::testing::TempDir(), "\": it is a directory, not a file"));
}

TEST(ReadInputTest, RefusesAFileOverTheLimitWithoutReadingIt) {
  const std::string path = WriteTempFile("large_ar.txt", "انسحبت بعثة الأمم المتحدة من مالي.");
  std::istringstream in;
  const absl::StatusOr<std::string> read = ReadInput(path, in, 10);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(read.status().message(),
            absl::StrCat("\"", path, "\" is larger than 10 bytes (it has 62 bytes)"));
}

// /dev/zero never ends: the read stops one byte past the limit.
TEST(ReadInputTest, RefusesAnEndlessStreamAfterTheLimitPlusOneByte) {
  std::istringstream in;
  const absl::StatusOr<std::string> read = ReadInput("/dev/zero", in, 100000);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(read.status().message(),
            "\"/dev/zero\" is larger than 100000 bytes (stopped after reading 100001 bytes)");
}

TEST(ReadInputTest, RefusesStdinOverTheLimit) {
  std::istringstream in("La junte au pouvoir avait exigé ce départ.");
  const absl::StatusOr<std::string> read = ReadInput("-", in, 8);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(read.status().message(),
            "standard input is larger than 8 bytes (stopped after reading 9 bytes)");
}

TEST(ReadInputTest, RefusesAFileWithoutReadPermission) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads every file";
  const std::string path = WriteTempFile("secret_fr.txt", "Le Mali a quitté la MINUSMA.");
  std::filesystem::permissions(path, std::filesystem::perms::none);
  std::istringstream in;
  const absl::StatusOr<std::string> read = ReadInput(path, in, 100);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(read.status().message(),
            absl::StrCat("cannot read \"", path, "\": Permission denied"));
}

TEST_F(CommandsTest, AlignRefusesDevZeroAsSourceWithTheLimitAndTheFlag) {
  MockAlignmentStub stub;
  EXPECT_CALL(stub, Align(_, _, _)).Times(0);
  AlignCommand command;
  command.source_path = "/dev/zero";
  command.target_path = ExamplePath("ar.txt");
  command.max_input_bytes = 65536;
  EXPECT_EQ(RunAlign(command, stub, Io()), kExitUsage);
  EXPECT_EQ(err_.str(),
            "newsalign: align: --source: \"/dev/zero\" is larger than 65536 bytes (stopped after "
            "reading 65537 bytes); raise the limit with --max-input-bytes=N (at most 2147483647) "
            "or split the document\n");
  EXPECT_EQ(out_.str(), "");
}

TEST_F(CommandsTest, AlignRefusesADirectoryAsTarget) {
  MockAlignmentStub stub;
  EXPECT_CALL(stub, Align(_, _, _)).Times(0);
  AlignCommand command;
  command.source_path = ExamplePath("fr.txt");
  command.target_path = ::testing::TempDir();
  EXPECT_EQ(RunAlign(command, stub, Io()), kExitUsage);
  EXPECT_EQ(err_.str(), absl::StrCat("newsalign: align: --target: cannot read \"",
                                     ::testing::TempDir(), "\": it is a directory, not a file\n"));
}

TEST_F(CommandsTest, AlignRefusesALexiconOverTheLimit) {
  MockAlignmentStub stub;
  EXPECT_CALL(stub, Align(_, _, _)).Times(0);
  AlignCommand command;
  command.source_path = WriteTempFile("small_fr.txt", "Le Mali.");
  command.target_path = WriteTempFile("small_ar.txt", "مالي.");
  command.lexicon_path = WriteTempFile("big_lexicon.tsv", "mission\tبعثة\nretrait\tانسحاب\n");
  command.max_input_bytes = 12;
  EXPECT_EQ(RunAlign(command, stub, Io()), kExitUsage);
  EXPECT_THAT(err_.str(), StartsWith(absl::StrCat("newsalign: align: --lexicon: \"",
                                                  command.lexicon_path,
                                                  "\" is larger than 12 bytes (it has 38 bytes); "
                                                  "raise the limit with --max-input-bytes")));
}

TEST_F(CommandsTest, SegmentRefusesStdinOverTheLimit) {
  MockAlignmentStub stub;
  EXPECT_CALL(stub, Segment(_, _, _)).Times(0);
  in_.str("انسحبت بعثة الأمم المتحدة من مالي. غادر آخر الجنود.");
  SegmentCommand command;
  command.path = "-";
  command.language = "ar";
  command.max_input_bytes = 20;
  EXPECT_EQ(RunSegment(command, stub, Io()), kExitUsage);
  EXPECT_THAT(err_.str(), StartsWith("newsalign: segment: standard input is larger than 20 bytes "
                                     "(stopped after reading 21 bytes); raise the limit"));
}

TEST_F(CommandsTest, MaxInputBytesOutOfRangeExitsTwo) {
  MockAlignmentStub stub;
  EXPECT_CALL(stub, Align(_, _, _)).Times(0);
  AlignCommand command;
  command.source_path = ExamplePath("fr.txt");
  command.target_path = ExamplePath("ar.txt");
  command.max_input_bytes = 0;
  EXPECT_EQ(RunAlign(command, stub, Io()), kExitUsage);
  EXPECT_EQ(err_.str(),
            "newsalign: align: --max-input-bytes must be between 1 and 2147483647, got 0\n");
}

TEST(ValidateDeadlineFlagTest, RefusesWhatIsNotAFinitePositiveNumber) {
  EXPECT_TRUE(ValidateDeadlineFlag(0.5).ok());
  EXPECT_TRUE(ValidateDeadlineFlag(60).ok());
  for (const double seconds : {std::nan(""), -5.0, std::numeric_limits<double>::infinity(), 0.0,
                               -std::numeric_limits<double>::infinity()}) {
    EXPECT_EQ(ValidateDeadlineFlag(seconds).code(), absl::StatusCode::kInvalidArgument) << seconds;
  }
  EXPECT_EQ(ValidateDeadlineFlag(-5).message(),
            "--deadline must be a finite number of seconds above 0, got -5 (leave it out for "
            "the default: 60, health 5)");
}

TEST(ValidateServerFlagTest, RefusesPortsOutOfRangeAndAcceptsTargetsGrpcKnows) {
  EXPECT_TRUE(ValidateServerFlag("127.0.0.1:50051").ok());
  EXPECT_TRUE(ValidateServerFlag("[::1]:50051").ok());
  EXPECT_TRUE(ValidateServerFlag("dns:///localhost:50051").ok());
  EXPECT_TRUE(ValidateServerFlag("unix:/run/newsalign.sock").ok());
  const absl::Status wrapped = ValidateServerFlag("127.0.0.1:105537");
  EXPECT_EQ(wrapped.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(wrapped.message(),
            "--server: port \"105537\" of \"127.0.0.1:105537\" is not a port number: use 1 to "
            "65535");
  EXPECT_EQ(ValidateServerFlag("127.0.0.1:abc").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidateServerFlag("127.0.0.1").code(), absl::StatusCode::kInvalidArgument);
  // Address lists: every entry checked.
  EXPECT_TRUE(ValidateServerFlag("ipv4:127.0.0.1:50051,127.0.0.1:50052").ok());
  EXPECT_TRUE(ValidateServerFlag("ipv6:[::1]:50051").ok());
  EXPECT_EQ(ValidateServerFlag("ipv4:127.0.0.1:50051,127.0.0.1:70000").message(),
            "--server: port \"70000\" of \"127.0.0.1:70000\" is not a port number: use 1 to "
            "65535");
}

// The library refuses NaN, infinity and negative deadlines (0 stays "no deadline" for callers
// of the library; the --deadline flag refuses it too).
TEST_F(CommandsTest, NonFiniteOrNegativeDeadlineExitsTwoWithoutCalling) {
  MockAlignmentStub stub;
  EXPECT_CALL(stub, Align(_, _, _)).Times(0);
  EXPECT_CALL(stub, Segment(_, _, _)).Times(0);
  for (const double seconds : {std::nan(""), -5.0, std::numeric_limits<double>::infinity()}) {
    err_.str("");
    AlignCommand align;
    align.source_path = ExamplePath("fr.txt");
    align.target_path = ExamplePath("ar.txt");
    align.deadline_seconds = seconds;
    EXPECT_EQ(RunAlign(align, stub, Io()), kExitUsage) << seconds;
    EXPECT_THAT(err_.str(), StartsWith("newsalign: align: --deadline must be a finite number of "
                                       "seconds above 0, got "));
    SegmentCommand segment;
    segment.path = ExamplePath("fr.txt");
    segment.language = "fr";
    segment.deadline_seconds = seconds;
    EXPECT_EQ(RunSegment(segment, stub, Io()), kExitUsage) << seconds;
    MockHealthStub health_stub;
    EXPECT_CALL(health_stub, Check(_, _, _)).Times(0);
    HealthCommand health;
    health.deadline_seconds = seconds;
    EXPECT_EQ(RunHealth(health, health_stub, Io()), kExitUsage) << seconds;
  }
}

TEST(ConnectTest, RemoteConnectionHasNoLocalServer) {
  absl::StatusOr<Connection> connection = Connect("127.0.0.1:1");
  ASSERT_TRUE(connection.ok());
  EXPECT_EQ(connection->local_server, nullptr);
  EXPECT_NE(connection->alignment, nullptr);
  EXPECT_NE(connection->health, nullptr);
}

}  // namespace
}  // namespace newsalign::client
