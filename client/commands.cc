#include "client/commands.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "alignment/utf8.h"
#include "client/formatters.h"
#include "client/html_report.h"
#include "client/lexicon_command.h"
#include "server/lexicon_loader.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace newsalign::client {
namespace {

// Prints "newsalign: <message>" on the error stream and returns `exit_code`.
int Fail(const CommandIo& io, absl::string_view message, int exit_code) {
  *io.err << "newsalign: " << message << "\n";
  return exit_code;
}

// Sets the call's deadline `seconds` from now; none when `seconds` is not positive.
void SetDeadline(grpc::ClientContext& context, double seconds) {
  if (seconds > 0) context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(seconds)));
}

// Fills `document` from a file's content: raw text, or one sentence per line. Checks the
// UTF-8 first, as the server would ("source.text: invalid UTF-8 at byte 17"): protobuf refuses
// a string field that is not UTF-8 before the service ever sees it, with no field name.
absl::Status FillDocument(std::string content, absl::string_view field, const std::string& language,
                          bool pre_split, v1::Document* document) {
  document->set_language(language);
  if (!pre_split) {
    if (absl::Status valid = ValidateUtf8(content, absl::StrCat(field, ".text")); !valid.ok()) {
      return valid;
    }
    document->set_text(std::move(content));
    return absl::OkStatus();
  }
  std::vector<std::string> lines = SplitLines(content);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (absl::Status valid = ValidateUtf8(lines[i], absl::StrCat(field, ".sentences[", i, "]"));
        !valid.ok()) {
      return valid;
    }
    document->mutable_sentences()->add_sentences(std::move(lines[i]));
  }
  return absl::OkStatus();
}

// Prints a failed check of the request as the server would report it and returns kExitFailure.
int FailLikeTheServer(const CommandIo& io, const absl::Status& status) {
  return Fail(io, absl::StrCat(absl::StatusCodeToString(status.code()), ": ", status.message()),
              kExitFailure);
}

}  // namespace

std::string DescribeRpcError(const grpc::Status& status) {
  return absl::StrCat(absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code())),
                      ": ", status.error_message());
}

absl::StatusOr<std::string> ReadInput(const std::string& path, std::istream& in) {
  if (path == "-") {
    std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) return absl::DataLossError("cannot read standard input");
    return content;
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    const int error = errno;
    const std::string reason = error != 0 ? std::strerror(error) : "cannot open";
    return absl::NotFoundError(absl::StrCat("cannot read \"", path, "\": ", reason));
  }
  std::ostringstream content;
  content << file.rdbuf();
  if (file.bad()) return absl::DataLossError(absl::StrCat("cannot read \"", path, "\""));
  return std::move(content).str();
}

std::vector<std::string> SplitLines(absl::string_view text) {
  std::vector<std::string> lines;
  if (text.empty()) return lines;
  if (text.back() == '\n') text.remove_suffix(1);
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.emplace_back(line);
  }
  return lines;
}

int RunAlign(const AlignCommand& command, v1::AlignmentService::StubInterface& stub,
             const CommandIo& io) {
  if (command.source_path.empty()) return Fail(io, "align: --source=FILE is required", kExitUsage);
  if (command.target_path.empty()) return Fail(io, "align: --target=FILE is required", kExitUsage);
  if (command.source_path == "-" && command.target_path == "-") {
    return Fail(io, "align: only one of --source and --target may be \"-\" (stdin)", kExitUsage);
  }
  absl::StatusOr<AlignFormat> format = ParseAlignFormat(command.format);
  if (!format.ok())
    return Fail(io, absl::StrCat("align: --format: ", format.status().message()), kExitUsage);
  if (command.max_bead_sentences < 0 || command.max_bead_sentences > 5) {
    return Fail(io,
                absl::StrCat("align: --max-bead-sentences must be between 1 and 5 (0 for the "
                             "default), got ",
                             command.max_bead_sentences),
                kExitUsage);
  }

  if (!(command.low_confidence >= 0 && command.low_confidence <= 1)) {
    return Fail(io,
                absl::StrCat("align: --low-confidence must be between 0 and 1 (0 for the "
                             "server's default, 0.5), got ",
                             command.low_confidence),
                kExitUsage);
  }
  if (!(command.min_confidence >= 0 && command.min_confidence <= 1)) {
    return Fail(io,
                absl::StrCat("align: --min-confidence must be between 0 and 1, got ",
                             command.min_confidence),
                kExitUsage);
  }

  v1::AlignRequest request;
  request.set_id(command.source_path);
  for (const std::string& name : command.disabled_anchors) {
    v1::AnchorKind kind;
    if (!ParseAnchorKindFlagName(name, &kind)) {
      return Fail(io,
                  absl::StrCat("align: --disable-anchors: unknown anchor kind \"", name,
                               "\" (expected number, date, name, token, punctuation or lexicon)"),
                  kExitUsage);
    }
    request.mutable_options()->add_disabled_anchors(kind);
  }
  request.mutable_options()->set_max_bead_sentences(command.max_bead_sentences);
  request.mutable_options()->set_low_confidence_threshold(command.low_confidence);
  if (!command.second_pass) request.mutable_options()->set_second_pass(false);
  if (!command.lexicon_path.empty()) {
    absl::StatusOr<std::string> lexicon = ReadInput(command.lexicon_path, *io.in);
    if (!lexicon.ok()) {
      return Fail(io, absl::StrCat("align: --lexicon: ", lexicon.status().message()), kExitUsage);
    }
    if (absl::Status added = AddUserLexicon(*lexicon, command.source_language,
                                            command.target_language, request.mutable_options());
        !added.ok()) {
      return Fail(io, absl::StrCat("align: --lexicon: ", command.lexicon_path, ": ",
                                   added.message()),
                  kExitUsage);
    }
  }

  absl::StatusOr<std::string> source = ReadInput(command.source_path, *io.in);
  if (!source.ok())
    return Fail(io, absl::StrCat("align: --source: ", source.status().message()), kExitUsage);
  absl::StatusOr<std::string> target = ReadInput(command.target_path, *io.in);
  if (!target.ok())
    return Fail(io, absl::StrCat("align: --target: ", target.status().message()), kExitUsage);
  if (absl::Status filled = FillDocument(*std::move(source), "source", command.source_language,
                                         command.pre_split, request.mutable_source());
      !filled.ok()) {
    return FailLikeTheServer(io, filled);
  }
  if (absl::Status filled = FillDocument(*std::move(target), "target", command.target_language,
                                         command.pre_split, request.mutable_target());
      !filled.ok()) {
    return FailLikeTheServer(io, filled);
  }

  grpc::ClientContext context;
  SetDeadline(context, command.deadline_seconds);
  v1::AlignResponse response;
  const grpc::Status status = stub.Align(&context, request, &response);
  if (!status.ok()) return Fail(io, DescribeRpcError(status), kExitFailure);

  switch (*format) {
    case AlignFormat::kTable:
      *io.out << FormatTable(response, io.columns);
      break;
    case AlignFormat::kTsv:
      *io.out << FormatTsv(response);
      break;
    case AlignFormat::kVecalign:
      *io.out << FormatVecalign(response);
      break;
    case AlignFormat::kTmx:
      *io.out << FormatTmx(response, command.min_confidence);
      break;
    case AlignFormat::kHtml:
      *io.out << RenderHtmlReport(request, response, HtmlOptions());
      break;
    case AlignFormat::kJson: {
      absl::StatusOr<std::string> json = FormatJson(response);
      if (!json.ok()) return Fail(io, json.status().message(), kExitFailure);
      *io.out << *json << "\n";
      break;
    }
  }
  io.out->flush();
  return kExitOk;
}

int RunSegment(const SegmentCommand& command, v1::AlignmentService::StubInterface& stub,
               const CommandIo& io) {
  if (command.path.empty()) return Fail(io, "segment: FILE is required", kExitUsage);
  if (command.language.empty()) return Fail(io, "segment: --lang=LANG is required", kExitUsage);
  absl::StatusOr<SegmentFormat> format = ParseSegmentFormat(command.format);
  if (!format.ok()) {
    return Fail(io, absl::StrCat("segment: --format: ", format.status().message()), kExitUsage);
  }
  absl::StatusOr<std::string> text = ReadInput(command.path, *io.in);
  if (!text.ok()) return Fail(io, absl::StrCat("segment: ", text.status().message()), kExitUsage);

  v1::SegmentRequest request;
  request.set_id(command.path);
  request.mutable_document()->set_language(command.language);
  if (absl::Status valid = ValidateUtf8(*text, "document.text"); !valid.ok()) {
    return FailLikeTheServer(io, valid);
  }
  request.mutable_document()->set_text(*std::move(text));
  grpc::ClientContext context;
  SetDeadline(context, command.deadline_seconds);
  v1::SegmentResponse response;
  const grpc::Status status = stub.Segment(&context, request, &response);
  if (!status.ok()) return Fail(io, DescribeRpcError(status), kExitFailure);

  if (*format == SegmentFormat::kText) {
    *io.out << FormatSentences(response);
  } else {
    absl::StatusOr<std::string> json = FormatJson(response);
    if (!json.ok()) return Fail(io, json.status().message(), kExitFailure);
    *io.out << *json << "\n";
  }
  io.out->flush();
  return kExitOk;
}

int RunHealth(const HealthCommand& command, grpc::health::v1::Health::StubInterface& stub,
              const CommandIo& io) {
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(command.service);
  grpc::ClientContext context;
  SetDeadline(context, command.deadline_seconds);
  grpc::health::v1::HealthCheckResponse response;
  const grpc::Status status = stub.Check(&context, request, &response);
  if (!status.ok()) return Fail(io, DescribeRpcError(status), kExitFailure);
  *io.out << grpc::health::v1::HealthCheckResponse::ServingStatus_Name(response.status()) << "\n";
  io.out->flush();
  return response.status() == grpc::health::v1::HealthCheckResponse::SERVING ? kExitOk
                                                                             : kExitFailure;
}

absl::StatusOr<Connection> Connect(const std::string& server) {
  Connection connection;
  if (server.empty()) {
    ServerOptions options;
    options.service.log = nullptr;
    // The user's own machine: no limit but its memory and gRPC's 2 GiB per message.
    options.max_receive_message_bytes = std::numeric_limits<int>::max();
    options.service.document_limits.max_document_bytes = std::numeric_limits<int>::max();
    options.service.document_limits.max_sentences = std::numeric_limits<int>::max();
    options.service.align_limits.max_sentences = std::numeric_limits<int>::max();
    options.service.align_limits.max_dp_cells = std::numeric_limits<int64_t>::max();
    // The in-process service uses the lexicons the build generated, when they are there.
    if (absl::StatusOr<LexiconSet> lexicons = LoadLexiconDir(DefaultLexiconDir()); lexicons.ok()) {
      options.service.lexicons = std::make_shared<const LexiconSet>(*std::move(lexicons));
    }
    absl::StatusOr<std::unique_ptr<AlignmentServer>> local = AlignmentServer::Start(options);
    if (!local.ok()) return local.status();
    connection.local_server = *std::move(local);
    connection.channel = connection.local_server->InProcessChannel();
  } else {
    grpc::ChannelArguments arguments;
    arguments.SetMaxReceiveMessageSize(-1);
    arguments.SetMaxSendMessageSize(-1);
    connection.channel =
        grpc::CreateCustomChannel(server, grpc::InsecureChannelCredentials(), arguments);
  }
  connection.alignment = v1::AlignmentService::NewStub(connection.channel);
  connection.health = grpc::health::v1::Health::NewStub(connection.channel);
  return connection;
}

}  // namespace newsalign::client
