// The commands of `newsalign`, as a library: each takes its options as a struct, a stub and the
// streams to use, and returns the process exit code. client_main.cc only parses flags.
//
//   Connection connection = *Connect("host:port");  // or Connect("") for the service in-process
//   AlignCommand command;
//   command.source_path = "fr.txt";
//   command.target_path = "ar.txt";
//   return RunAlign(command, *connection.alignment, CommandIo());
#ifndef NEWSALIGN_CLIENT_COMMANDS_H_
#define NEWSALIGN_CLIENT_COMMANDS_H_

#include <cstddef>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "client/formatters.h"
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

// The default bound on each file the commands read (--max_input_bytes): 256 MiB. The client has
// no request limit of its own (remote: no send limit, the server checks its own
// --max_request_bytes, 16 MiB by default; in-process: gRPC's 2 GiB per message), so this is a
// sanity bound, 16 times the server's default, far above what aligns in reasonable time.
inline constexpr size_t kDefaultMaxInputBytes = size_t{256} << 20;
// The largest --max_input_bytes: gRPC's largest message, 2 GiB - 1.
inline constexpr size_t kMaxInputBytesCeiling = 2147483647;

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
  // Seconds the call may take; 0 means no deadline. NaN, infinity and negative numbers are
  // refused.
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
  // Largest file read for --source, --target and --lexicon, in bytes; a larger one (or a stream
  // such as /dev/zero) is refused after reading max_input_bytes + 1 bytes. 1 to
  // kMaxInputBytesCeiling.
  size_t max_input_bytes = kDefaultMaxInputBytes;
};

// `newsalign segment`: splits one file into sentences.
struct SegmentCommand {
  // The file; "-" reads stdin.
  std::string path;
  // BCP 47 language tag. Required.
  std::string language;
  // text or json.
  std::string format = "text";
  // As AlignCommand::deadline_seconds.
  double deadline_seconds = 60;
  // Largest file read, in bytes, as AlignCommand::max_input_bytes.
  size_t max_input_bytes = kDefaultMaxInputBytes;
};

// `newsalign health`: asks a server whether it is serving.
struct HealthCommand {
  // The service name to ask about; "" is the server as a whole.
  std::string service;
  // As AlignCommand::deadline_seconds.
  double deadline_seconds = 5;
};

// Runs `newsalign align`. Returns kExitUsage for a bad command (missing file, unknown format or
// anchor kind, --low-confidence or --min-confidence outside [0, 1], a deadline that is not a
// number or negative, max_input_bytes out of range, a missing or unreadable file, a directory,
// a file over max_input_bytes, malformed --lexicon file); kExitFailure when the call fails, or
// when a file is not valid UTF-8 (checked here and reported as the server would:
// "INVALID_ARGUMENT: source.text: invalid UTF-8 at byte 17", since protobuf cannot carry it);
// kExitOk otherwise.
int RunAlign(const AlignCommand& command, v1::AlignmentService::StubInterface& stub,
             const CommandIo& io);

// The same, straight to `service` in this process (Connection::local_service, or a local
// server's service()), without serializing the request and the response: the same output and
// the same errors as through a stub, in less time and memory. What the command line runs
// without --server.
int RunAlign(const AlignCommand& command, AlignmentServiceImpl& service, const CommandIo& io);

// Runs `newsalign segment`. Exit codes as RunAlign().
int RunSegment(const SegmentCommand& command, v1::AlignmentService::StubInterface& stub,
               const CommandIo& io);

// Runs `newsalign health`: prints the status (SERVING, NOT_SERVING, ...) and returns kExitOk
// only for SERVING; kExitUsage for a bad deadline.
int RunHealth(const HealthCommand& command, grpc::health::v1::Health::StubInterface& stub,
              const CommandIo& io);

// Returns the file's content; "-" reads `in`. Reads at most `max_bytes` + 1 bytes, so a stream
// without end (/dev/zero) or a huge file costs no more than that. Errors name the file:
// NOT_FOUND (missing), PERMISSION_DENIED (unreadable), FAILED_PRECONDITION (a directory),
// RESOURCE_EXHAUSTED (more than `max_bytes`: "\"/dev/zero\" is larger than 1000 bytes"),
// DATA_LOSS (a read error).
absl::StatusOr<std::string> ReadInput(const std::string& path, std::istream& in,
                                      size_t max_bytes);

// Fills `document` from a file's content: raw text, or one sentence per line (`pre_split`).
// Checks the UTF-8 first, as the server would: INVALID_ARGUMENT "source.text: invalid UTF-8 at
// byte 17" (`field` is "source" or "target"), since protobuf cannot carry it.
absl::Status FillDocument(std::string content, absl::string_view field,
                          const std::string& language, bool pre_split, v1::Document* document);

// Returns the message for a file ReadInput() could not read; a file too large gets how to raise
// the limit.
std::string DescribeReadError(const absl::Status& status);

// Returns the AlignOptions `command` asks for (anchors, thresholds, second pass, its --lexicon
// read from `in` or its file), or INVALID_ARGUMENT saying which flag is wrong
// ("--low-confidence must be between 0 and 1 ..."), as RunAlign() reports it.
absl::StatusOr<v1::AlignOptions> AlignOptionsOf(const AlignCommand& command, AlignFormat format,
                                                std::istream& in);

// Returns `response` to `request` printed in `format`, as `newsalign align` prints it (table at
// `columns` wide; TMX with command.min_confidence, dated now or SOURCE_DATE_EPOCH).
absl::StatusOr<std::string> FormatAlignResponse(AlignFormat format, const AlignCommand& command,
                                                const v1::AlignRequest& request,
                                                const v1::AlignResponse& response, int columns);

// Returns the lines of a one-sentence-per-line file: the final newline dropped, "\r" before
// each newline stripped, every other line kept (empty ones too, for the server to reject).
std::vector<std::string> SplitLines(absl::string_view text);

// Returns OK when --deadline `seconds` is a finite number above 0; INVALID_ARGUMENT saying so
// otherwise (NaN, infinity, 0 and negative numbers are mistakes, not "no deadline").
absl::Status ValidateDeadlineFlag(double seconds);

// Returns OK when `server` is a target the client can reach: HOST:PORT with PORT 1..65535
// ("[::1]:50051" for IPv6), "dns:///HOST:PORT", or "unix:PATH"; INVALID_ARGUMENT otherwise.
absl::Status ValidateServerFlag(const std::string& server);

// Returns the message for a failed call: "INVALID_ARGUMENT: source.text: ...".
std::string DescribeRpcError(const grpc::Status& status);

// A way to reach the service: over the network, or in this process.
struct Connection {
  // Set in in-process mode: the local server (listening nowhere) the channel leads to.
  std::unique_ptr<AlignmentServer> local_server;
  // Set instead of all the others in in-process mode with ConnectOptions::service_only: the
  // service alone, called without gRPC.
  std::unique_ptr<AlignmentServiceImpl> local_service;
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<v1::AlignmentService::StubInterface> alignment;
  std::unique_ptr<grpc::health::v1::Health::StubInterface> health;
};

// How to reach a remote server: TLS and the bearer token.
struct ConnectOptions {
  // Use TLS; implied by any of the fields below but auth_token.
  bool tls = false;
  // PEM CA certificates that signed the server's certificate; empty: the system's roots.
  std::string tls_ca_pem;
  // The client's PEM certificate chain and key, for servers that require mutual TLS.
  std::string tls_cert_pem;
  std::string tls_key_pem;
  // The name the server's certificate must carry, when it is not the host of the address
  // (e.g. a certificate for "newsalign.internal" reached as 127.0.0.1:50051).
  std::string tls_server_name;
  // Sent as "authorization: Bearer <auth_token>" on every call; empty sends none.
  std::string auth_token;
  // The in-process service loads only the built-in lexicons between these two languages
  // (either direction; two empty strings: none); without them, every one. Loading all four
  // took ~0.4 s, some 40 times the alignment of an article. Ignored with a server.
  std::optional<std::pair<std::string, std::string>> lexicon_languages;
  // In-process mode for a command that calls the service directly (align of one pair): the
  // service alone (Connection::local_service), without the gRPC server, channel and stubs
  // (starting and stopping those took about 8 ms of a 60 ms run on an article).
  bool service_only = false;

  // Returns true when TLS is asked for.
  bool UsesTls() const {
    return tls || !tls_ca_pem.empty() || !tls_cert_pem.empty() || !tls_server_name.empty();
  }
  // Returns INVALID_ARGUMENT for a certificate without its key or the other way round.
  absl::Status Validate() const;
};

// Connects to `server` ("host:port"; plaintext unless `options` ask for TLS), or with "" starts
// the service in this process (no limits on documents: the user's own machine; no log; then
// `options` must ask for no TLS or token: INVALID_ARGUMENT otherwise) and connects to it without
// the network, or with options.service_only holds the service alone (Connection::local_service).
absl::StatusOr<Connection> Connect(const std::string& server,
                                   const ConnectOptions& options = ConnectOptions());

}  // namespace newsalign::client

#endif  // NEWSALIGN_CLIENT_COMMANDS_H_
