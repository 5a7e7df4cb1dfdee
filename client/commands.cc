#include "client/commands.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <thread>
#include <iterator>
#include <limits>
#include <sstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "client/formatters.h"
#include "client/html_report.h"
#include "client/lexicon_command.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"
#include "grpcpp/support/client_interceptor.h"
#include "server/host_port.h"
#include "server/lexicon_loader.h"
#include "server/security.h"
#include "text/utf8.h"

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

// Documents of at least this many bytes together are checked and split into the request on two
// threads (a pair of 100,000 sentences took ~0.2 s on one).
constexpr size_t kBytesForFillingSideBySide = 1 << 20;

// Returns INVALID_ARGUMENT unless `max_input_bytes` is within 1..kMaxInputBytesCeiling.
absl::Status ValidateMaxInputBytes(size_t max_input_bytes) {
  if (max_input_bytes >= 1 && max_input_bytes <= kMaxInputBytesCeiling) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("--max-input-bytes must be between 1 and ",
                                                 kMaxInputBytesCeiling, ", got ",
                                                 max_input_bytes));
}

// Returns INVALID_ARGUMENT unless `seconds` is 0 (no deadline) or a finite positive number.
absl::Status ValidateDeadline(double seconds) {
  if (seconds == 0 || (std::isfinite(seconds) && seconds > 0)) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      "--deadline must be a finite number of seconds above 0, got ", seconds));
}

// Prints a failed check of the request as the server would report it and returns kExitFailure.
int FailLikeTheServer(const CommandIo& io, const absl::Status& status) {
  return Fail(io, absl::StrCat(absl::StatusCodeToString(status.code()), ": ", status.message()),
              kExitFailure);
}

// The TMX header's creationdate: now, or SOURCE_DATE_EPOCH (seconds since 1970, the
// reproducible-builds convention) when set, so that a pipeline can ask for the same bytes on
// every run.
absl::Time TmxCreationTime() {
  int64_t seconds = 0;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
      epoch != nullptr && absl::SimpleAtoi(epoch, &seconds) && seconds >= 0) {
    return absl::FromUnixSeconds(seconds);
  }
  return absl::Now();
}

}  // namespace

absl::Status ValidateDeadlineFlag(double seconds) {
  if (std::isfinite(seconds) && seconds > 0) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("--deadline must be a finite number of seconds above 0, got ", seconds,
                   " (leave it out for the default: 60, health 5)"));
}

absl::Status ValidateServerFlag(const std::string& server) {
  absl::string_view address = server;
  if (absl::StartsWith(address, "unix:") || absl::StartsWith(address, "unix-abstract:")) {
    return absl::OkStatus();
  }
  // gRPC's address lists, "ipv4:127.0.0.1:50051,127.0.0.1:50052" (one server per entry).
  if (absl::ConsumePrefix(&address, "ipv4:") || absl::ConsumePrefix(&address, "ipv6:")) {
    for (absl::string_view entry : absl::StrSplit(address, ',')) {
      if (absl::Status valid = ValidateHostPort(entry, PortZero::kRefused); !valid.ok()) {
        return absl::InvalidArgumentError(absl::StrCat("--server: ", valid.message()));
      }
    }
    return absl::OkStatus();
  }
  absl::ConsumePrefix(&address, "dns:///");
  if (absl::Status valid = ValidateHostPort(address, PortZero::kRefused); !valid.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--server: ", valid.message()));
  }
  return absl::OkStatus();
}

std::string DescribeRpcError(const grpc::Status& status) {
  return absl::StrCat(absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code())),
                      ": ", status.error_message());
}

absl::StatusOr<std::string> ReadInput(const std::string& path, std::istream& in,
                                      size_t max_bytes) {
  const std::string name = path == "-" ? "standard input" : absl::StrCat("\"", path, "\"");
  auto too_large = [&](absl::string_view what) {
    return absl::ResourceExhaustedError(
        absl::StrCat(name, " is larger than ", max_bytes, " bytes (", what, ")"));
  };
  std::string content;
  // Reads no more than max_bytes + 1 bytes: one byte past the limit proves the input too large.
  const size_t bound = max_bytes + 1;
  constexpr size_t kChunk = 1 << 16;
  if (path == "-") {
    while (content.size() < bound && in) {
      const size_t old_size = content.size();
      content.resize(old_size + std::min(kChunk, bound - old_size));
      in.read(content.data() + old_size, static_cast<std::streamsize>(content.size() - old_size));
      content.resize(old_size + static_cast<size_t>(in.gcount()));
    }
    if (in.bad()) return absl::DataLossError("cannot read standard input");
    if (content.size() > max_bytes) {
      return too_large(absl::StrCat("stopped after reading ", content.size(), " bytes"));
    }
    return content;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    const std::string message = absl::StrCat("cannot read ", name, ": ", std::strerror(error));
    if (error == ENOENT || error == ENOTDIR) return absl::NotFoundError(message);
    if (error == EACCES || error == EPERM) return absl::PermissionDeniedError(message);
    return absl::FailedPreconditionError(message);
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    return absl::DataLossError(absl::StrCat("cannot read ", name, ": ", std::strerror(errno)));
  }
  if (S_ISDIR(info.st_mode)) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot read ", name, ": it is a directory, not a file"));
  }
  if (S_ISREG(info.st_mode)) {
    if (static_cast<uint64_t>(info.st_size) > max_bytes) {
      return too_large(absl::StrCat("it has ", info.st_size, " bytes"));
    }
    content.reserve(static_cast<size_t>(info.st_size));
  }
  while (content.size() < bound) {
    const size_t old_size = content.size();
    content.resize(old_size + std::min(kChunk, bound - old_size));
    const ssize_t got = ::read(fd, content.data() + old_size, content.size() - old_size);
    if (got < 0 && errno == EINTR) {
      content.resize(old_size);
      continue;
    }
    if (got < 0) {
      const int error = errno;
      return absl::DataLossError(absl::StrCat("cannot read ", name, ": ", std::strerror(error)));
    }
    content.resize(old_size + static_cast<size_t>(got));
    if (got == 0) break;
  }
  if (content.size() > max_bytes) {
    return too_large(absl::StrCat("stopped after reading ", content.size(), " bytes"));
  }
  return content;
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

absl::Status FillDocument(std::string content, absl::string_view field,
                          const std::string& language, bool pre_split, v1::Document* document) {
  document->set_language(language);
  if (!pre_split) {
    if (absl::Status valid = ValidateUtf8(content, absl::StrCat(field, ".text")); !valid.ok()) {
      return valid;
    }
    document->set_text(std::move(content));
    return absl::OkStatus();
  }
  std::vector<std::string> lines = SplitLines(content);
  // The lines are valid when the whole is (they are cut at ASCII line ends); only then is the
  // line at fault looked for, to name it.
  const bool valid_whole = ValidateUtf8(content, field).ok();
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!valid_whole) {
      if (absl::Status valid = ValidateUtf8(lines[i], absl::StrCat(field, ".sentences[", i, "]"));
          !valid.ok()) {
        return valid;
      }
    }
    document->mutable_sentences()->add_sentences(std::move(lines[i]));
  }
  return absl::OkStatus();
}

std::string DescribeReadError(const absl::Status& status) {
  if (status.code() != absl::StatusCode::kResourceExhausted) return std::string(status.message());
  return absl::StrCat(status.message(), "; raise the limit with --max-input-bytes=N (at most ",
                      kMaxInputBytesCeiling, ") or split the document");
}

absl::StatusOr<v1::AlignOptions> AlignOptionsOf(const AlignCommand& command, AlignFormat format,
                                                std::istream& in) {
  if (command.max_bead_sentences < 0 || command.max_bead_sentences > 5) {
    return absl::InvalidArgumentError(
        absl::StrCat("--max-bead-sentences must be between 1 and 5 (0 for the default), got ",
                     command.max_bead_sentences));
  }
  if (absl::Status valid = ValidateMaxInputBytes(command.max_input_bytes); !valid.ok()) {
    return valid;
  }
  if (absl::Status valid = ValidateDeadline(command.deadline_seconds); !valid.ok()) return valid;
  if (!(command.low_confidence >= 0 && command.low_confidence <= 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--low-confidence must be between 0 and 1 (0 for the server's default, "
                     "0.5), got ",
                     command.low_confidence));
  }
  if (!(command.min_confidence >= 0 && command.min_confidence <= 1)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--min-confidence must be between 0 and 1, got ", command.min_confidence));
  }
  v1::AlignOptions options;
  for (const std::string& name : command.disabled_anchors) {
    v1::AnchorKind kind;
    if (!ParseAnchorKindFlagName(name, &kind)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--disable-anchors: unknown anchor kind \"", name,
                       "\" (expected number, date, name, token, punctuation or lexicon)"));
    }
    options.add_disabled_anchors(kind);
  }
  options.set_max_bead_sentences(command.max_bead_sentences);
  options.set_low_confidence_threshold(command.low_confidence);
  if (!command.second_pass) options.set_second_pass(false);
  // vecalign prints no text: the response need not carry it back.
  if (format == AlignFormat::kVecalign) options.set_omit_text(true);
  if (!command.lexicon_path.empty()) {
    absl::StatusOr<std::string> lexicon =
        ReadInput(command.lexicon_path, in, command.max_input_bytes);
    if (!lexicon.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--lexicon: ", DescribeReadError(lexicon.status())));
    }
    if (absl::Status added = AddUserLexicon(*lexicon, command.source_language,
                                            command.target_language, &options);
        !added.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--lexicon: ", command.lexicon_path, ": ", added.message()));
    }
  }
  return options;
}

absl::StatusOr<std::string> FormatAlignResponse(AlignFormat format, const AlignCommand& command,
                                                const v1::AlignRequest& request,
                                                const v1::AlignResponse& response, int columns) {
  switch (format) {
    case AlignFormat::kTable:
      return FormatTable(response, columns);
    case AlignFormat::kTsv:
      return FormatTsv(response);
    case AlignFormat::kVecalign:
      return FormatVecalign(response);
    case AlignFormat::kTmx:
      return FormatTmx(response, command.min_confidence, TmxCreationTime());
    case AlignFormat::kHtml:
      return RenderHtmlReport(request, response, HtmlOptions());
    case AlignFormat::kJson: {
      absl::StatusOr<std::string> json = FormatJson(response);
      if (!json.ok()) return json;
      return absl::StrCat(*json, "\n");
    }
  }
  return absl::InternalError("unknown format");
}

namespace {

// RunAlign() through `stub`, or straight to `local` when given.
int RunAlignThrough(const AlignCommand& command, v1::AlignmentService::StubInterface* stub,
                    const CommandIo& io, AlignmentServiceImpl* local) {
  if (command.source_path.empty()) return Fail(io, "align: --source=FILE is required", kExitUsage);
  if (command.target_path.empty()) return Fail(io, "align: --target=FILE is required", kExitUsage);
  if (command.source_path == "-" && command.target_path == "-") {
    return Fail(io, "align: only one of --source and --target may be \"-\" (stdin)", kExitUsage);
  }
  absl::StatusOr<AlignFormat> format = ParseAlignFormat(command.format);
  if (!format.ok())
    return Fail(io, absl::StrCat("align: --format: ", format.status().message()), kExitUsage);
  absl::StatusOr<v1::AlignOptions> options = AlignOptionsOf(command, *format, *io.in);
  if (!options.ok()) {
    return Fail(io, absl::StrCat("align: ", options.status().message()), kExitUsage);
  }

  v1::AlignRequest request;
  request.set_id(command.source_path);
  *request.mutable_options() = *std::move(options);

  absl::StatusOr<std::string> source =
      ReadInput(command.source_path, *io.in, command.max_input_bytes);
  if (!source.ok()) {
    return Fail(io, absl::StrCat("align: --source: ", DescribeReadError(source.status())),
                kExitUsage);
  }
  absl::StatusOr<std::string> target =
      ReadInput(command.target_path, *io.in, command.max_input_bytes);
  if (!target.ok()) {
    return Fail(io, absl::StrCat("align: --target: ", DescribeReadError(target.status())),
                kExitUsage);
  }
  // Two long documents are filled side by side (each into its own part of the request, both
  // taken here first); the source's error is told first, as one after the other.
  v1::Document* const source_document = request.mutable_source();
  v1::Document* const target_document = request.mutable_target();
  const bool side_by_side = source->size() + target->size() >= kBytesForFillingSideBySide &&
                            std::thread::hardware_concurrency() > 1;
  absl::Status target_filled;
  std::thread target_thread;
  auto fill_target = [&] {
    target_filled = FillDocument(*std::move(target), "target", command.target_language,
                                 command.pre_split, target_document);
  };
  if (side_by_side) target_thread = std::thread(fill_target);
  const absl::Status source_filled = FillDocument(*std::move(source), "source",
                                                  command.source_language, command.pre_split,
                                                  source_document);
  if (target_thread.joinable()) target_thread.join();
  if (!source_filled.ok()) return FailLikeTheServer(io, source_filled);
  if (!side_by_side) fill_target();
  if (!target_filled.ok()) return FailLikeTheServer(io, target_filled);

  v1::AlignResponse response;
  grpc::Status status;
  if (local != nullptr) {
    const absl::Time deadline = command.deadline_seconds > 0
                                    ? absl::Now() + absl::Seconds(command.deadline_seconds)
                                    : absl::InfiniteFuture();
    status = local->AlignInProcess(request, deadline, &response);
  } else {
    grpc::ClientContext context;
    SetDeadline(context, command.deadline_seconds);
    status = stub->Align(&context, request, &response);
  }
  if (!status.ok()) return Fail(io, DescribeRpcError(status), kExitFailure);

  if (*format == AlignFormat::kTsv) {
    // Written a half at a time: a long pair's first half goes out while the second is still
    // formatted (writing 70 MB of rows took 0.25 s on one core).
    WriteTsv(response, static_cast<int>(std::thread::hardware_concurrency()),
             [&io](std::string&& part) { io.out->write(part.data(), part.size()); });
    io.out->flush();
    return kExitOk;
  }
  absl::StatusOr<std::string> text =
      FormatAlignResponse(*format, command, request, response, io.columns);
  if (!text.ok()) return Fail(io, text.status().message(), kExitFailure);
  *io.out << *text;
  io.out->flush();
  return kExitOk;
}

}  // namespace

int RunAlign(const AlignCommand& command, v1::AlignmentService::StubInterface& stub,
             const CommandIo& io) {
  return RunAlignThrough(command, &stub, io, nullptr);
}

int RunAlign(const AlignCommand& command, AlignmentServiceImpl& service, const CommandIo& io) {
  return RunAlignThrough(command, nullptr, io, &service);
}

int RunSegment(const SegmentCommand& command, v1::AlignmentService::StubInterface& stub,
               const CommandIo& io) {
  if (command.path.empty()) return Fail(io, "segment: FILE is required", kExitUsage);
  if (command.language.empty()) return Fail(io, "segment: --lang=LANG is required", kExitUsage);
  absl::StatusOr<SegmentFormat> format = ParseSegmentFormat(command.format);
  if (!format.ok()) {
    return Fail(io, absl::StrCat("segment: --format: ", format.status().message()), kExitUsage);
  }
  if (absl::Status valid = ValidateMaxInputBytes(command.max_input_bytes); !valid.ok()) {
    return Fail(io, absl::StrCat("segment: ", valid.message()), kExitUsage);
  }
  if (absl::Status valid = ValidateDeadline(command.deadline_seconds); !valid.ok()) {
    return Fail(io, absl::StrCat("segment: ", valid.message()), kExitUsage);
  }
  absl::StatusOr<std::string> text = ReadInput(command.path, *io.in, command.max_input_bytes);
  if (!text.ok()) {
    return Fail(io, absl::StrCat("segment: ", DescribeReadError(text.status())), kExitUsage);
  }

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
  if (absl::Status valid = ValidateDeadline(command.deadline_seconds); !valid.ok()) {
    return Fail(io, absl::StrCat("health: ", valid.message()), kExitUsage);
  }
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

absl::Status ConnectOptions::Validate() const {
  if (tls_cert_pem.empty() != tls_key_pem.empty()) {
    return absl::InvalidArgumentError(
        "--tls_cert and --tls_key go together: give both (a client certificate for mutual TLS) "
        "or neither");
  }
  if (!auth_token.empty()) {
    if (absl::Status valid = ValidateToken(auth_token); !valid.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--auth_token_file: ", valid.message()));
    }
  }
  return absl::OkStatus();
}

namespace {

// Adds "authorization: Bearer <token>" to every call of the channel, over TLS or not (gRPC's
// call credentials refuse plaintext channels, which a TLS-terminating proxy may need).
class BearerTokenInterceptor : public grpc::experimental::Interceptor {
 public:
  explicit BearerTokenInterceptor(std::string header) : header_(std::move(header)) {}
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->insert({kAuthorizationHeader, header_});
    }
    methods->Proceed();
  }

 private:
  std::string header_;
};

class BearerTokenInterceptorFactory
    : public grpc::experimental::ClientInterceptorFactoryInterface {
 public:
  explicit BearerTokenInterceptorFactory(const std::string& token)
      : header_(absl::StrCat("Bearer ", token)) {}
  grpc::experimental::Interceptor* CreateClientInterceptor(
      grpc::experimental::ClientRpcInfo*) override {
    return new BearerTokenInterceptor(header_);
  }

 private:
  std::string header_;
};

}  // namespace

absl::StatusOr<Connection> Connect(const std::string& server, const ConnectOptions& options) {
  Connection connection;
  if (absl::Status valid = options.Validate(); !valid.ok()) return valid;
  if (server.empty()) {
    if (options.UsesTls() || !options.auth_token.empty()) {
      return absl::InvalidArgumentError(
          "TLS and token flags (--tls*, --auth_token_file) need --server=HOST:PORT; without it "
          "the service runs in this process");
    }
    ServerOptions local;
    local.service.log = nullptr;
    // The user's own machine: no limit but its memory and gRPC's 2 GiB per message.
    local.max_receive_message_bytes = std::numeric_limits<int>::max();
    local.service.align_limits.max_document_bytes = std::numeric_limits<int>::max();
    local.service.align_limits.max_sentences = std::numeric_limits<int>::max();
    local.service.align_limits.max_memory_bytes = 0;
    // One long pair uses every CPU (up to 64); the result is the same on any number.
    local.service.threads_per_call =
        std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 64);
    // The in-process service uses the lexicons the build generated, when they are there.
    if (absl::StatusOr<LexiconSet> lexicons =
            LoadLexiconDir(DefaultLexiconDir(), options.lexicon_languages);
        lexicons.ok()) {
      local.service.lexicons = std::make_shared<const LexiconSet>(*std::move(lexicons));
    }
    if (options.service_only) {
      connection.local_service = std::make_unique<AlignmentServiceImpl>(local.service);
      return connection;
    }
    absl::StatusOr<std::unique_ptr<AlignmentServer>> started = AlignmentServer::Start(local);
    if (!started.ok()) return started.status();
    connection.local_server = *std::move(started);
    connection.channel = connection.local_server->InProcessChannel();
  } else {
    grpc::ChannelArguments arguments;
    arguments.SetMaxReceiveMessageSize(-1);
    arguments.SetMaxSendMessageSize(-1);
    std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials();
    if (options.UsesTls()) {
      grpc::SslCredentialsOptions tls;
      tls.pem_root_certs = options.tls_ca_pem;
      tls.pem_cert_chain = options.tls_cert_pem;
      tls.pem_private_key = options.tls_key_pem;
      credentials = grpc::SslCredentials(tls);
      if (!options.tls_server_name.empty()) {
        arguments.SetSslTargetNameOverride(options.tls_server_name);
      }
    }
    // Every address a name or list resolves to, in turn (a headless Service's pods, or an
    // "ipv4:" list), instead of gRPC's default of the first one only.
    arguments.SetLoadBalancingPolicyName("round_robin");
    std::vector<std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>>
        interceptors;
    if (!options.auth_token.empty()) {
      interceptors.push_back(std::make_unique<BearerTokenInterceptorFactory>(options.auth_token));
    }
    connection.channel = grpc::experimental::CreateCustomChannelWithInterceptors(
        server, credentials, arguments, std::move(interceptors));
  }
  connection.alignment = v1::AlignmentService::NewStub(connection.channel);
  connection.health = grpc::health::v1::Health::NewStub(connection.channel);
  return connection;
}

}  // namespace newsalign::client
