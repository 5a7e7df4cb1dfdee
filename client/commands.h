// The commands of `newsalign`, as a library: each takes its options as a struct, a stub and the
// streams to use, and returns the process exit code. client_main.cc only parses flags.
//
//   Connection connection = *Connect("");  // in-process service; or Connect("host:port")
//   AlignCommand command;
//   command.source_path = "fr.txt";
//   command.target_path = "ar.txt";
//   return RunAlign(command, *connection.alignment, CommandIo());
#ifndef NEWSALIGN_CLIENT_COMMANDS_H_
#define NEWSALIGN_CLIENT_COMMANDS_H_

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/channel.h"
#include "grpcpp/support/status.h"
#include "newsalign/v1/alignment.grpc.pb.h"
#include "server/alignment_server.h"

namespace newsalign::client {

// Process exit codes.
inline constexpr int kExitOk = 0;
// The call failed (the gRPC code and message are on stderr), or the server is not SERVING.
inline constexpr int kExitFailure = 1;
// The command line is wrong: unknown command or flag, missing or bad value, unreadable file.
inline constexpr int kExitUsage = 2;

// Where a command reads and writes.
struct CommandIo {
  // Read for a FILE of "-".
  std::istream* in = &std::cin;
  // Results.
  std::ostream* out = &std::cout;
  // Errors, as "newsalign: ...".
  std::ostream* err = &std::cerr;
  // Terminal width for --format=table.
  int columns = 100;
};

// `newsalign align`: aligns two files.
struct AlignCommand {
  // Source and target files; "-" reads stdin (only one of the two may be "-").
  std::string source_path;
  std::string target_path;
  // BCP 47 language tags.
  std::string source_language = "fr";
  std::string target_language = "ar";
  // The files hold one sentence per line (vecalign layout) instead of raw text.
  bool pre_split = false;
  // table, tsv, json, vecalign, html or tmx.
  std::string format = "table";
  // Seconds the call may take; 0 or less means no deadline.
  double deadline_seconds = 60;
  // AlignOptions.max_bead_sentences; 0 is the server's default.
  int max_bead_sentences = 0;
  // AlignOptions.second_pass.
  bool second_pass = true;
  // Anchor kinds to leave out, by name: "number", "name", ... (AnchorKindFlagName()).
  std::vector<std::string> disabled_anchors;
  // A lexicon TSV of the caller's own word pairs (Lexicon::FromTsv's format, e.g. a file of
  // `newsalign lexicon train`), sent with the request in options.lexicon; "" for none.
  std::string lexicon_path;
  // AlignOptions.low_confidence_threshold: beads below it get a LOW_CONFIDENCE finding; 0 is
  // the server's default (0.5). Between 0 and 1.
  double low_confidence = 0;
  // --format=tmx: only pairs with at least this confidence go into the memory. Between 0 and 1.
  double min_confidence = 0.5;
};

// `newsalign segment`: splits one file into sentences.
struct SegmentCommand {
  // The file; "-" reads stdin.
  std::string path;
  // BCP 47 language tag. Required.
  std::string language;
  // text or json.
  std::string format = "text";
  double deadline_seconds = 60;
};

// `newsalign health`: asks a server whether it is serving.
struct HealthCommand {
  // The service name to ask about; "" is the server as a whole.
  std::string service;
  double deadline_seconds = 5;
};

// Runs `newsalign align`. Returns kExitUsage for a bad command (missing file, unknown format or
// anchor kind, --low-confidence or --min-confidence outside [0, 1], unreadable file, malformed
// --lexicon file); kExitFailure when the call fails, or
// when a file is not valid UTF-8 (checked here and reported as the server would:
// "INVALID_ARGUMENT: source.text: invalid UTF-8 at byte 17", since protobuf cannot carry it);
// kExitOk otherwise.
int RunAlign(const AlignCommand& command, v1::AlignmentService::StubInterface& stub,
             const CommandIo& io);

// Runs `newsalign segment`. Exit codes as RunAlign().
int RunSegment(const SegmentCommand& command, v1::AlignmentService::StubInterface& stub,
               const CommandIo& io);

// Runs `newsalign health`: prints the status (SERVING, NOT_SERVING, ...) and returns kExitOk
// only for SERVING.
int RunHealth(const HealthCommand& command, grpc::health::v1::Health::StubInterface& stub,
              const CommandIo& io);

// Returns the file's content; "-" reads `in`. NOT_FOUND or PERMISSION_DENIED etc. naming the
// file otherwise.
absl::StatusOr<std::string> ReadInput(const std::string& path, std::istream& in);

// Returns the lines of a one-sentence-per-line file: the final newline dropped, "\r" before
// each newline stripped, every other line kept (empty ones too, for the server to reject).
std::vector<std::string> SplitLines(absl::string_view text);

// Returns the message for a failed call: "INVALID_ARGUMENT: source.text: ...".
std::string DescribeRpcError(const grpc::Status& status);

// A way to reach the service: over the network, or in this process.
struct Connection {
  // Set in in-process mode: the local server (listening nowhere) the channel leads to.
  std::unique_ptr<AlignmentServer> local_server;
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<v1::AlignmentService::StubInterface> alignment;
  std::unique_ptr<grpc::health::v1::Health::StubInterface> health;
};

// Connects to `server` ("host:port", insecure), or with "" starts the service in this process
// (no limits on documents: the user's own machine; no log) and connects to it without the
// network.
absl::StatusOr<Connection> Connect(const std::string& server);

}  // namespace newsalign::client

#endif  // NEWSALIGN_CLIENT_COMMANDS_H_
