// The `newsalign` commands as a library against the real service in this process (Connect("")):
// align in every output format, pre-split input, a 25,000-sentence pair, errors the server
// answers, the call straight to the service (without gRPC) against the call through the
// in-process channel, segment and health; checking exit codes, stdout and stderr. No subprocesses. The
// commands against gMock stubs, usage errors and input limits are in commands_test.cc.
#include "client/commands.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/testing/command_io.h"
#include "tests/testing/files.h"

namespace newsalign::client {
namespace {

using ::newsalign::testing::CommandsTest;
using ::newsalign::testing::ExamplePath;
using ::newsalign::testing::ReadFile;
using ::newsalign::testing::WriteTempFile;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::StartsWith;

// --- align, against the real service in this process. ---

class InProcessCommandsTest : public CommandsTest {
 protected:
  void SetUp() override {
    absl::StatusOr<Connection> connection = Connect("");
    ASSERT_TRUE(connection.ok()) << connection.status();
    connection_ = *std::move(connection);
    ASSERT_NE(connection_.local_server, nullptr);
  }

  Connection connection_;
};

TEST_F(InProcessCommandsTest, AlignsTheExampleAsVecalign) {
  AlignCommand command;
  command.source_path = ExamplePath("fr.txt");
  command.target_path = ExamplePath("ar.txt");
  command.format = "vecalign";
  ASSERT_EQ(RunAlign(command, *connection_.alignment, Io()), kExitOk) << err_.str();
  EXPECT_EQ(err_.str(), "");
  const std::vector<std::string> lines = absl::StrSplit(out_.str(), '\n', absl::SkipEmpty());
  EXPECT_GE(lines.size(), 28u);
  for (const std::string& line : lines) {
    EXPECT_THAT(line, MatchesRegex(R"(\[([0-9]+(, [0-9]+)*)?\]:\[([0-9]+(, [0-9]+)*)?\])"));
  }
  EXPECT_EQ(lines.front(), "[0]:[0]");
}

TEST_F(InProcessCommandsTest, AlignsTheExampleAsATable) {
  AlignCommand command;
  command.source_path = ExamplePath("fr.txt");
  command.target_path = ExamplePath("ar.txt");
  ASSERT_EQ(RunAlign(command, *connection_.alignment, Io()), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("مينوسما"));
  EXPECT_THAT(out_.str(), HasSubstr("MINUSMA"));
  EXPECT_THAT(out_.str(), HasSubstr("beads: "));
  EXPECT_THAT(out_.str(), HasSubstr("source coverage: "));
}

TEST_F(InProcessCommandsTest, AlignsTheExampleAsAnHtmlReport) {
  AlignCommand command;
  command.source_path = ExamplePath("fr.txt");
  command.target_path = ExamplePath("ar.txt");
  command.format = "html";
  ASSERT_EQ(RunAlign(command, *connection_.alignment, Io()), kExitOk) << err_.str();
  EXPECT_EQ(err_.str(), "");
  EXPECT_THAT(out_.str(), StartsWith("<!DOCTYPE html>"));
  EXPECT_THAT(out_.str(), HasSubstr("<td class=\"text tgt\" lang=\"ar\" dir=\"rtl\""));
  EXPECT_THAT(out_.str(), HasSubstr("<tr id=\"bead-0\""));
}

TEST_F(InProcessCommandsTest, AlignsPreSplitFilesAsJson) {
  AlignCommand command;
  command.source_path = WriteTempFile("fr_lines.txt",
                                      "La MINUSMA quittera le Mali le 15 novembre 2024.\r\n"
                                      "La junte au pouvoir avait exigé ce départ.\r\n");
  command.target_path = "-";
  in_.str("ستغادر مينوسما مالي في 15 نوفمبر 2024.\nوكان المجلس العسكري قد طالب بهذا الرحيل.");
  command.pre_split = true;
  command.format = "json";
  ASSERT_EQ(RunAlign(command, *connection_.alignment, Io()), kExitOk) << err_.str();
  v1::AlignResponse response;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(out_.str(), &response).ok());
  ASSERT_EQ(response.source().sentences_size(), 2);
  EXPECT_EQ(response.source().sentences(1).text(), "La junte au pouvoir avait exigé ce départ.");
  ASSERT_EQ(response.target().sentences_size(), 2);
  EXPECT_EQ(response.id(), command.source_path);
}

// The in-process service loads only the lexicons between ConnectOptions::lexicon_languages.
// With the French-Arabic one the sample's beads hold more lexicon anchors than the word pairs
// the second pass learns by itself; limited to German-French (or to none), they hold only those.
TEST(InProcessLexiconsTest, LoadsOnlyTheLexiconsOfTheLanguagesAsked) {
  using Languages = std::optional<std::pair<std::string, std::string>>;
  auto lexicon_anchors = [](const Languages& languages) {
    ConnectOptions options;
    options.lexicon_languages = languages;
    absl::StatusOr<Connection> connection = Connect("", options);
    EXPECT_TRUE(connection.ok()) << connection.status();
    if (!connection.ok()) return -1;
    v1::AlignRequest request;
    request.mutable_source()->set_language("fr");
    request.mutable_source()->set_text(ReadFile(ExamplePath("fr.txt")));
    request.mutable_target()->set_language("ar");
    request.mutable_target()->set_text(ReadFile(ExamplePath("ar.txt")));
    grpc::ClientContext context;
    v1::AlignResponse response;
    const grpc::Status status = connection->alignment->Align(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    int count = 0;
    for (const v1::Bead& bead : response.beads()) {
      for (const v1::Anchor& anchor : bead.anchors()) {
        count += anchor.kind() == v1::ANCHOR_KIND_LEXICON;
      }
    }
    return count;
  };
  const int all = lexicon_anchors(std::nullopt);
  const int learned_only = lexicon_anchors(std::make_pair(std::string(), std::string()));
  EXPECT_GT(all, learned_only);
  EXPECT_EQ(lexicon_anchors(std::make_pair(std::string("fr-FR"), std::string("ar"))), all);
  EXPECT_EQ(lexicon_anchors(std::make_pair(std::string("ar"), std::string("fr"))), all);
  EXPECT_EQ(lexicon_anchors(std::make_pair(std::string("de"), std::string("fr"))), learned_only);
}

// The in-process client has no limit of its own: a 25,000-sentence pair (beyond the server's
// default 20,000) of real French and Arabic (TICO-19, its documents one after the other and
// again) aligns in the corridor search, one for one.
TEST_F(InProcessCommandsTest, AlignsA25000SentencePair) {
  const std::string dir = std::string(NEWSALIGN_SHARED_DIR) + "/eval/tico19_fr_ar";
  std::vector<std::string> docs;
  for (const auto& entry : std::filesystem::directory_iterator(dir + "/fr")) {
    docs.push_back(entry.path().filename().string());
  }
  std::sort(docs.begin(), docs.end());
  ASSERT_FALSE(docs.empty()) << dir;
  constexpr int kSentences = 25000;
  std::string fr, ar;
  int lines = 0;
  for (size_t d = 0; lines < kSentences; d = (d + 1) % docs.size()) {
    const std::vector<std::string> fr_lines =
        absl::StrSplit(ReadFile(dir + "/fr/" + docs[d]), '\n', absl::SkipEmpty());
    const std::vector<std::string> ar_lines =
        absl::StrSplit(ReadFile(dir + "/ar/" + docs[d]), '\n', absl::SkipEmpty());
    ASSERT_EQ(fr_lines.size(), ar_lines.size()) << docs[d];
    for (size_t k = 0; k < fr_lines.size() && lines < kSentences; ++k, ++lines) {
      absl::StrAppend(&fr, fr_lines[k], "\n");
      absl::StrAppend(&ar, ar_lines[k], "\n");
    }
  }
  AlignCommand command;
  command.source_path = WriteTempFile("fr_25000.txt", fr);
  command.target_path = WriteTempFile("ar_25000.txt", ar);
  command.pre_split = true;
  command.format = "vecalign";
  command.deadline_seconds = 0;
  // As the command line runs it: straight to the service, without gRPC.
  ASSERT_EQ(RunAlign(command, connection_.local_server->service(), Io()), kExitOk)
      << err_.str();
  const std::vector<std::string> beads = absl::StrSplit(out_.str(), '\n', absl::SkipEmpty());
  int one_for_one = 0;
  for (size_t k = 0; k < beads.size(); ++k) {
    one_for_one += beads[k] == absl::StrCat("[", k, "]:[", k, "]");
  }
  EXPECT_EQ(beads.size(), static_cast<size_t>(kSentences));
  EXPECT_GE(one_for_one, kSentences * 99 / 100);
  EXPECT_EQ(beads.back(), absl::StrCat("[", kSentences - 1, "]:[", kSentences - 1, "]"));
}

// What one run of `newsalign align` gave.
struct AlignRun {
  int exit_code;
  std::string out;
  std::string err;
};

// Sets an environment variable for one scope and restores what was there.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value, /*overwrite=*/1);
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// The command line calls the in-process service without gRPC: the service alone
// (ConnectOptions::service_only, as `newsalign align` without --server connects) or the local
// server's. Every format, and every error, is the same bytes as through
// the in-process channel. The TMX header's creationdate is the clock's second unless
// SOURCE_DATE_EPOCH fixes it: without it, two runs on each side of a second differ there (seen
// on a loaded CI machine).
TEST_F(InProcessCommandsTest, DirectCallGivesWhatTheChannelGives) {
  const ScopedEnv fixed_date("SOURCE_DATE_EPOCH", "1764892800");  // 2025-12-05 00:00:00 UTC
  ConnectOptions service_only;
  service_only.service_only = true;
  absl::StatusOr<Connection> alone = Connect("", service_only);
  ASSERT_TRUE(alone.ok()) << alone.status();
  ASSERT_NE(alone->local_service, nullptr);
  EXPECT_EQ(alone->local_server, nullptr);
  EXPECT_EQ(alone->channel, nullptr);
  EXPECT_EQ(alone->alignment, nullptr);
  EXPECT_EQ(alone->health, nullptr);
  // Through the in-process channel without `service`, else straight to it.
  auto run = [&](const AlignCommand& command, AlignmentServiceImpl* service) {
    out_.str("");
    err_.str("");
    const int exit_code = service ? RunAlign(command, *service, Io())
                                  : RunAlign(command, *connection_.alignment, Io());
    return AlignRun{exit_code, out_.str(), err_.str()};
  };
  std::vector<AlignCommand> commands;
  for (const char* format : {"tsv", "json", "tmx", "html", "table", "vecalign"}) {
    AlignCommand command;
    command.source_path = ExamplePath("fr.txt");
    command.target_path = ExamplePath("ar.txt");
    command.format = format;
    commands.push_back(command);
  }
  AlignCommand empty_source;
  empty_source.source_path = WriteTempFile("empty_source.txt", "");
  empty_source.target_path = ExamplePath("ar.txt");
  commands.push_back(empty_source);
  AlignCommand gap;
  gap.source_path = WriteTempFile("gap_source.txt", "Le Mali.\n\nLa MINUSMA.\n");
  gap.target_path = WriteTempFile("gap_target.txt", "مالي.\nمينوسما.\n");
  gap.pre_split = true;
  commands.push_back(gap);
  AlignCommand unknown_language = commands[0];
  unknown_language.source_language = "xx-not-a-language!";
  commands.push_back(unknown_language);
  int failures = 0;
  for (const AlignCommand& command : commands) {
    const AlignRun channel = run(command, nullptr);
    for (const AlignRun& direct : {run(command, &connection_.local_server->service()),
                                   run(command, alone->local_service.get())}) {
      EXPECT_EQ(direct.exit_code, channel.exit_code) << command.format << " " << channel.err;
      EXPECT_EQ(direct.out, channel.out) << command.format;
      EXPECT_EQ(direct.err, channel.err) << command.format;
      if (command.format == "tmx") {
        EXPECT_THAT(direct.out, HasSubstr(" creationdate=\"20251205T000000Z\"/>"));
      }
    }
    failures += channel.exit_code != kExitOk;
  }
  EXPECT_EQ(failures, 3);
}

// Without gRPC the call's deadline still stops the work: a long pair with a deadline of a
// millisecond ends DEADLINE_EXCEEDED.
TEST_F(InProcessCommandsTest, DirectCallStopsAtItsDeadline) {
  const std::string fr = ReadFile(ExamplePath("fr.txt"));
  const std::string ar = ReadFile(ExamplePath("ar.txt"));
  std::string long_fr, long_ar;
  for (int k = 0; k < 60; ++k) {
    absl::StrAppend(&long_fr, fr, "\n\n");
    absl::StrAppend(&long_ar, ar, "\n\n");
  }
  AlignCommand command;
  command.source_path = WriteTempFile("long_fr.txt", long_fr);
  command.target_path = WriteTempFile("long_ar.txt", long_ar);
  command.deadline_seconds = 0.001;
  EXPECT_EQ(RunAlign(command, connection_.local_server->service(), Io()), kExitFailure);
  EXPECT_THAT(err_.str(), StartsWith("newsalign: DEADLINE_EXCEEDED: the deadline passed"));
  EXPECT_EQ(out_.str(), "");
}

TEST_F(InProcessCommandsTest, RpcErrorExitsOneWithTheCodeAndMessage) {
  AlignCommand command;
  command.source_path = WriteTempFile("empty.txt", "");
  command.target_path = ExamplePath("ar.txt");
  EXPECT_EQ(RunAlign(command, *connection_.alignment, Io()), kExitFailure);
  EXPECT_THAT(err_.str(), StartsWith("newsalign: INVALID_ARGUMENT: source.text is empty"));
  EXPECT_EQ(out_.str(), "");
}

TEST_F(InProcessCommandsTest, EmptyPreSplitLineIsRejectedByTheServer) {
  AlignCommand command;
  command.source_path = WriteTempFile("gap.txt", "Le Mali.\n\nLa MINUSMA.\n");
  command.target_path = WriteTempFile("gap_ar.txt", "مالي.\nمينوسما.\n");
  command.pre_split = true;
  EXPECT_EQ(RunAlign(command, *connection_.alignment, Io()), kExitFailure);
  EXPECT_THAT(err_.str(), HasSubstr("INVALID_ARGUMENT: source.sentences[1]"));
}

TEST_F(InProcessCommandsTest, SegmentsArabicOneSentencePerLine) {
  SegmentCommand command;
  command.path = WriteTempFile("ar_short.txt", "غادرت البعثة مالي. هل تعود يومًا؟ لا أحد يعرف!\n");
  command.language = "ar";
  ASSERT_EQ(RunSegment(command, *connection_.alignment, Io()), kExitOk) << err_.str();
  EXPECT_EQ(out_.str(), "غادرت البعثة مالي.\nهل تعود يومًا؟\nلا أحد يعرف!\n");
}

TEST_F(InProcessCommandsTest, SegmentsAsJson) {
  SegmentCommand command;
  command.path = "-";
  in_.str("Le Mali a quitté la mission. Elle est partie.");
  command.language = "fr";
  command.format = "json";
  ASSERT_EQ(RunSegment(command, *connection_.alignment, Io()), kExitOk) << err_.str();
  v1::SegmentResponse response;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(out_.str(), &response).ok());
  ASSERT_EQ(response.document().sentences_size(), 2);
  EXPECT_EQ(response.document().sentences(1).byte_begin(), 30u);
}

TEST_F(InProcessCommandsTest, HealthOfTheLocalServiceIsServing) {
  HealthCommand command;
  EXPECT_EQ(RunHealth(command, *connection_.health, Io()), kExitOk);
  EXPECT_EQ(out_.str(), "SERVING\n");
  command.service = kAlignmentServiceName;
  out_.str("");
  EXPECT_EQ(RunHealth(command, *connection_.health, Io()), kExitOk);
  EXPECT_EQ(out_.str(), "SERVING\n");
}

}  // namespace
}  // namespace newsalign::client
