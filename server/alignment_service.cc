#include "server/alignment_service.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "base/status_macros.h"
#include "grpcpp/support/method_handler.h"
#include "server/call_log.h"
#include "server/cancellation_probe.h"
#include "server/memory_trim.h"
#include "server/proto_convert.h"
#include "server/security.h"

namespace newsalign {
namespace {

// The most often a call's cancellation is asked of gRPC (CallStopCondition): 2 ms, and not in
// the first 2 ms of its work (CancellationProbe).
constexpr int64_t kCancelProbePeriodNs = 2000000;

// The pair a stream element carries, and whether it parsed.
const v1::AlignRequest& MessageOf(const v1::AlignStreamRequest& request) {
  return request.request();
}
const v1::AlignRequest& MessageOf(const CheckedRequest<v1::AlignStreamRequest>& request) {
  return request.message.request();
}
absl::Status ParseStatusOf(const v1::AlignStreamRequest&) { return absl::OkStatus(); }
// Names a field at fault from the AlignRequest, as Align and the stream's other errors do:
// "source.text: invalid UTF-8 at byte 17", not "request.source.text: ...".
absl::Status ParseStatusOf(const CheckedRequest<v1::AlignStreamRequest>& request) {
  if (request.status.ok()) return request.status;
  absl::string_view message = request.status.message();
  absl::ConsumePrefix(&message, "request.");
  return absl::Status(request.status.code(), message);
}

// A stream's answer in the form the stream writes (the second argument, always null, says
// which): the message itself, or a DeterministicMessage<> referring to it.
const v1::AlignStreamResponse& AsWritten(const v1::AlignStreamResponse& answer,
                                         const v1::AlignStreamResponse*) {
  return answer;
}
DeterministicMessage<v1::AlignStreamResponse> AsWritten(
    const v1::AlignStreamResponse& answer, const DeterministicMessage<v1::AlignStreamResponse>*) {
  return DeterministicMessage<v1::AlignStreamResponse>(answer);
}

// How far the server's clock may be from gRPC's deadline timer when it cancels a call.
constexpr absl::Duration kDeadlineTolerance = absl::Milliseconds(20);

// gRPC cancels a call when its deadline passes, and the stop condition sees the cancellation
// first: returns DEADLINE_EXCEEDED for a CANCELLED `status` once the call's deadline has passed,
// so callers and the log see why it stopped. Other statuses as they are.
absl::Status ExplainStop(absl::Status status, const grpc::ServerContextBase& context) {
  if (status.code() != absl::StatusCode::kCancelled) return status;
  const std::chrono::system_clock::time_point deadline = context.deadline();
  if (deadline == std::chrono::system_clock::time_point::max()) return status;
  if (absl::Now() + kDeadlineTolerance < absl::FromChrono(deadline)) return status;
  return absl::DeadlineExceededError(
      "the deadline passed before the work finished; allow more time or send a smaller "
      "document");
}

// Indices of the methods in v1::AlignmentService::Service, in the proto's order.
constexpr int kAlignMethod = 0;
constexpr int kAlignStreamMethod = 1;
constexpr int kSegmentMethod = 2;

}  // namespace

void LogToStderr(absl::string_view line) {
  std::string with_newline = absl::StrCat(line, "\n");
  std::fwrite(with_newline.data(), 1, with_newline.size(), stderr);
}

absl::Status ServiceOptions::Validate() const {
  if (align_limits.max_document_bytes == 0) {
    return absl::InvalidArgumentError("align_limits.max_document_bytes must be positive");
  }
  if (align_limits.max_sentences <= 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "align_limits.max_sentences must be positive, got ", align_limits.max_sentences));
  }
  if (align_limits.max_memory_bytes < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "align_limits.max_memory_bytes must be 0 (no budget) or more, got ",
        align_limits.max_memory_bytes));
  }
  if (workers < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("workers must be 0 (one per CPU) or more, got ", workers));
  }
  if (queue < 0) {
    return absl::InvalidArgumentError(absl::StrCat("queue must be 0 or more, got ", queue));
  }
  if (threads_per_call < 1 || threads_per_call > 64) {
    return absl::InvalidArgumentError(
        absl::StrCat("threads_per_call must be between 1 and 64, got ", threads_per_call));
  }
  if (queue_bytes < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("queue_bytes must be 0 (no bound) or more, got ", queue_bytes));
  }
  if (!auth_token.empty()) {
    if (absl::Status valid = ValidateToken(auth_token); !valid.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("auth_token: ", valid.message()));
    }
  }
  return absl::OkStatus();
}

int ServiceOptions::EffectiveWorkers() const {
  if (workers > 0) return workers;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

StopCondition CallStopCondition(const grpc::ServerContextBase& context) {
  const std::chrono::system_clock::time_point deadline = context.deadline();
  const absl::Time stop_at = deadline == std::chrono::system_clock::time_point::max()
                                 ? absl::InfiniteFuture()
                                 : absl::FromChrono(deadline);
  // gRPC's IsCancelled() takes locks and polls: asked at most once per kCancelProbePeriodNs of
  // the work, by whichever thread looks first.
  auto probe = std::make_shared<CancellationProbe>(
      [call = &context] { return call->IsCancelled(); }, kCancelProbePeriodNs);
  return StopCondition(stop_at, [probe] { return probe->Cancelled(); });
}

AlignmentServiceImpl::AlignmentServiceImpl(ServiceOptions options)
    : options_(std::move(options)),
      gate_(std::make_unique<CallGate>(options_.EffectiveWorkers(), options_.queue,
                                       options_.queue_bytes)) {
  using CheckedAlignRequest = CheckedRequest<v1::AlignRequest>;
  using AlignAnswer = DeterministicMessage<v1::AlignResponse>;
  MarkMethodStreamed(
      kAlignMethod,
      new grpc::internal::StreamedUnaryHandler<CheckedAlignRequest, AlignAnswer>(
          [this](grpc::ServerContext* context,
                 grpc::ServerUnaryStreamer<CheckedAlignRequest, AlignAnswer>* stream) {
            return CheckedAlign(context, stream);
          }));
  using CheckedAlignStreamRequest = CheckedRequest<v1::AlignStreamRequest>;
  using AlignStreamAnswer = DeterministicMessage<v1::AlignStreamResponse>;
  MarkMethodStreamed(
      kAlignStreamMethod,
      new grpc::internal::BidiStreamingHandler<AlignmentServiceImpl, CheckedAlignStreamRequest,
                                               AlignStreamAnswer>(
          [](AlignmentServiceImpl* service, grpc::ServerContext* context,
             grpc::ServerReaderWriter<AlignStreamAnswer, CheckedAlignStreamRequest>* stream) {
            return service->AlignStreamOf(context, stream);
          },
          this));
  using CheckedSegmentRequest = CheckedRequest<v1::SegmentRequest>;
  using SegmentAnswer = DeterministicMessage<v1::SegmentResponse>;
  MarkMethodStreamed(
      kSegmentMethod,
      new grpc::internal::StreamedUnaryHandler<CheckedSegmentRequest, SegmentAnswer>(
          [this](grpc::ServerContext* context,
                 grpc::ServerUnaryStreamer<CheckedSegmentRequest, SegmentAnswer>* stream) {
            return CheckedSegment(context, stream);
          }));
  if (options_.metrics) {
    options_.metrics->SetQueueGauges([gate = gate_.get()] {
      return std::make_pair(gate->running(), gate->waiting());
    });
  }
}

AlignmentServiceImpl::~AlignmentServiceImpl() {
  if (options_.metrics) options_.metrics->SetQueueGauges(nullptr);
}

absl::Status AlignmentServiceImpl::Authenticate(const grpc::ServerContext& context) const {
  if (options_.auth_token.empty()) return absl::OkStatus();
  const auto& metadata = context.client_metadata();
  const auto header = metadata.find(kAuthorizationHeader);
  if (header == metadata.end()) {
    return absl::UnauthenticatedError(
        "this server requires a token: send the metadata \"authorization: Bearer <token>\" "
        "(newsalign --auth_token_file=FILE)");
  }
  if (!BearerTokenMatches(absl::string_view(header->second.data(), header->second.size()),
                          options_.auth_token)) {
    return absl::UnauthenticatedError(
        "the \"authorization\" metadata is not \"Bearer <token>\" with this server's token");
  }
  return absl::OkStatus();
}

grpc::Status AlignmentServiceImpl::CheckedAlign(
    grpc::ServerContext* context,
    grpc::ServerUnaryStreamer<CheckedRequest<v1::AlignRequest>,
                              DeterministicMessage<v1::AlignResponse>>* stream) {
  const absl::Time start = absl::Now();
  if (absl::Status authenticated = Authenticate(*context); !authenticated.ok()) {
    Log({"Align", "", 0, 0, 0, 0}, authenticated.code(), start, authenticated.message());
    return ToGrpcStatus(authenticated);
  }
  CheckedRequest<v1::AlignRequest> request;
  if (!stream->Read(&request)) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "the call carried no AlignRequest");
  }
  if (!request.status.ok()) {
    Log({"Align", "", 0, 0, 0, 0}, request.status.code(), start, request.status.message());
    return ToGrpcStatus(request.status);
  }
  v1::AlignResponse response;
  const grpc::Status status = Align(context, &request.message, &response);
  if (status.ok()) stream->Write(DeterministicMessage<v1::AlignResponse>(response));
  return status;
}

grpc::Status AlignmentServiceImpl::CheckedSegment(
    grpc::ServerContext* context,
    grpc::ServerUnaryStreamer<CheckedRequest<v1::SegmentRequest>,
                              DeterministicMessage<v1::SegmentResponse>>* stream) {
  const absl::Time start = absl::Now();
  if (absl::Status authenticated = Authenticate(*context); !authenticated.ok()) {
    Log({"Segment", "", 0, 0, 0, 0, /*pair=*/false}, authenticated.code(), start,
        authenticated.message());
    return ToGrpcStatus(authenticated);
  }
  CheckedRequest<v1::SegmentRequest> request;
  if (!stream->Read(&request)) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "the call carried no SegmentRequest");
  }
  if (!request.status.ok()) {
    Log({"Segment", "", 0, 0, 0, 0, /*pair=*/false}, request.status.code(), start,
        request.status.message());
    return ToGrpcStatus(request.status);
  }
  v1::SegmentResponse response;
  const grpc::Status status = Segment(context, &request.message, &response);
  if (status.ok()) stream->Write(DeterministicMessage<v1::SegmentResponse>(response));
  return status;
}

std::shared_ptr<const Lexicon> AlignmentServiceImpl::LexiconFor(
    const v1::AlignRequest& request, std::shared_ptr<const Lexicon> caller) const {
  std::shared_ptr<const Lexicon> built_in =
      options_.lexicons == nullptr
          ? nullptr
          : options_.lexicons->Find(request.source().language(), request.target().language());
  if (caller == nullptr) return built_in;
  if (built_in == nullptr) return caller;
  auto merged = std::make_shared<Lexicon>(*built_in);
  merged->Merge(*caller);
  return merged;
}

namespace {

// Most requests of one AlignStream aligned at once (fewer with fewer workers).
constexpr int kMostStreamRequestsAtOnce = 4;

}  // namespace

absl::Status AlignmentServiceImpl::AlignOne(
    const v1::AlignRequest& request, const StopCondition& stop, v1::AlignResponse* response,
    std::shared_ptr<WordAssociations> associations) const {
  const int64_t request_bytes = static_cast<int64_t>(request.ByteSizeLong());
  const TrimAfterLargeCall trim(request_bytes);
  // Runs on one of the gate's workers once one is free (or is turned away when the queue is
  // full).
  return gate_->Run(stop, request_bytes, [&]() -> absl::Status {
    AlignResources resources;
    ASSIGN_OR_RETURN(AlignOptions options,
                     ToAlignOptions(request.options(), options_.align_limits,
                                    request.source().language(), request.target().language(),
                                    &resources));
    resources.lexicon = LexiconFor(request, std::move(resources.lexicon));
    resources.batch_associations = std::move(associations);
    // Words this worker has stemmed for earlier calls are not stemmed again.
    resources.word_keys = word_keys_->Lease();
    options.threads = options_.threads_per_call;
    ASSIGN_OR_RETURN(ReportOptions report_options, ToReportOptions(request.options()));
    report_options.threads = options_.threads_per_call;
    const DocumentInput source = ToDocumentInput(request.source());
    const DocumentInput target = ToDocumentInput(request.target());
    ASSIGN_OR_RETURN(DocumentAlignment alignment,
                     AlignDocuments(source, target, options, resources, stop));
    ASSIGN_OR_RETURN(DocumentReport report, BuildReport(alignment, report_options, stop));
    response->set_id(request.id());
    ToProto(std::move(alignment), response);
    ToProto(std::move(report), response);
    if (request.options().omit_text()) {
      for (v1::Sentence& sentence : *response->mutable_source()->mutable_sentences()) {
        sentence.clear_text();
      }
      for (v1::Sentence& sentence : *response->mutable_target()->mutable_sentences()) {
        sentence.clear_text();
      }
    }
    if (options_.metrics) options_.metrics->RecordAlignment(*response);
    return absl::OkStatus();
  });
}

grpc::Status AlignmentServiceImpl::Align(grpc::ServerContext* context,
                                         const v1::AlignRequest* request,
                                         v1::AlignResponse* response) {
  const absl::Time start = absl::Now();
  const absl::Status status =
      ExplainStop(AlignOne(*request, CallStopCondition(*context), response), *context);
  Log({"Align", request->id(), DocumentBytes(request->source()), DocumentBytes(request->target()),
       response->source().sentences_size(), response->target().sentences_size()},
      status.code(), start);
  return ToGrpcStatus(status);
}

grpc::Status AlignmentServiceImpl::AlignInProcess(const v1::AlignRequest& request,
                                                  absl::Time deadline,
                                                  v1::AlignResponse* response) {
  const absl::Time start = absl::Now();
  // Past the deadline the stop condition itself says DEADLINE_EXCEEDED, and nothing else
  // cancels the call.
  const absl::Status status = AlignOne(request, StopCondition(deadline), response);
  Log({"Align", request.id(), DocumentBytes(request.source()), DocumentBytes(request.target()),
       response->source().sentences_size(), response->target().sentences_size()},
      status.code(), start);
  return ToGrpcStatus(status);
}

grpc::Status AlignmentServiceImpl::AlignStream(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<v1::AlignStreamResponse, v1::AlignStreamRequest>* stream) {
  return AlignStreamOf(context, stream);
}

template <class Request, class Written>
grpc::Status AlignmentServiceImpl::AlignStreamOf(
    grpc::ServerContext* context, grpc::ServerReaderWriterInterface<Written, Request>* stream) {
  const absl::Time stream_start = absl::Now();
  if (absl::Status authenticated = Authenticate(*context); !authenticated.ok()) {
    if (options_.log) {
      options_.log(CallLogLine("AlignStream", authenticated.code(), absl::Now())
                       .Add("requests", 0)
                       .Add("failed", 0)
                       .Add("error", authenticated.message())
                       .Json());
    }
    return ToGrpcStatus(authenticated);
  }
  const StopCondition stop = CallStopCondition(*context);
  int requests = 0;
  int failed = 0;
  absl::Status stream_status;
  // Word co-occurrences shared by the documents that ask for it, per language pair.
  absl::flat_hash_map<std::pair<std::string, std::string>, std::shared_ptr<WordAssociations>>
      shared_associations;
  // The next requests are read (and parsed) by a reader thread while this one aligns: at most
  // kReadAhead wait, so a fast client cannot fill the server's memory.
  constexpr size_t kReadAhead = 2;
  std::mutex inbox_mutex;
  std::condition_variable inbox_changed;
  std::deque<Request> inbox;
  bool reading_done = false;
  bool stop_reading = false;
  std::thread reader([&] {
    Request next;
    while (stream->Read(&next)) {
      std::unique_lock<std::mutex> lock(inbox_mutex);
      inbox_changed.wait(lock, [&] { return inbox.size() < kReadAhead || stop_reading; });
      if (stop_reading) break;
      inbox.push_back(std::move(next));
      next = Request();
      inbox_changed.notify_all();
    }
    std::lock_guard<std::mutex> lock(inbox_mutex);
    reading_done = true;
    inbox_changed.notify_all();
  });
  // Up to `side_by_side` requests of the stream are aligned at once, each through the gate as
  // a call is, so a batch sent over one stream uses every worker; the answers are written in
  // the order of the requests, each as soon as it and those before it are ready (a client may
  // wait for one answer before it sends the next request). A request that learns across the
  // stream waits for those before it and runs alone: it must see their word associations, and
  // add its own before the next.
  const size_t side_by_side =
      static_cast<size_t>(std::clamp(options_.EffectiveWorkers(), 1, kMostStreamRequestsAtOnce));
  struct Outcome {
    v1::AlignStreamResponse answer;
    absl::Status status;
  };
  struct InFlight {
    std::future<Outcome> outcome;
    // Set (under inbox_mutex, then inbox_changed is notified) once the outcome is computed.
    std::shared_ptr<bool> done;
  };
  auto align = [this, &stop, context, &inbox_mutex, &inbox_changed](
                   Request request, std::shared_ptr<WordAssociations> associations,
                   std::shared_ptr<bool> done) {
    const absl::Time start = absl::Now();
    Outcome outcome;
    const v1::AlignRequest& message = MessageOf(request);
    v1::AlignResponse& response = *outcome.answer.mutable_response();
    const absl::Status parsed = ParseStatusOf(request);
    outcome.status =
        parsed.ok()
            ? ExplainStop(AlignOne(message, stop, &response, std::move(associations)), *context)
            : parsed;
    Log({"AlignStream", message.id(), DocumentBytes(message.source()),
         DocumentBytes(message.target()), response.source().sentences_size(),
         response.target().sentences_size()},
        outcome.status.code(), start);
    if (!outcome.status.ok()) outcome.answer.clear_response();
    outcome.answer.set_id(message.id());
    outcome.answer.mutable_status()->set_code(static_cast<int>(outcome.status.code()));
    outcome.answer.mutable_status()->set_message(std::string(outcome.status.message()));
    {
      std::lock_guard<std::mutex> lock(inbox_mutex);
      *done = true;
    }
    inbox_changed.notify_all();
    return outcome;
  };
  std::deque<InFlight> in_flight;
  // Writes the oldest request's answer (waiting for it); false when the stream must end.
  auto write_oldest = [&]() -> bool {
    Outcome outcome = in_flight.front().outcome.get();
    in_flight.pop_front();
    if (!outcome.status.ok()) {
      // The call as a whole has run out of time or was cancelled: no later request can succeed.
      if (!stop.Check().ok()) {
        stream_status = ExplainStop(outcome.status, *context);
        return false;
      }
      ++failed;
    }
    if (!stream->Write(AsWritten(outcome.answer, static_cast<const Written*>(nullptr)))) {
      stream_status = absl::CancelledError("the client closed the stream before all responses");
      return false;
    }
    return true;
  };
  bool writing = true;
  while (writing) {
    if (in_flight.size() >= side_by_side) {
      writing = write_oldest();
      continue;
    }
    // The next request, unless the oldest answer is ready first or the client is done.
    Request next;
    bool got = false;
    {
      std::unique_lock<std::mutex> lock(inbox_mutex);
      inbox_changed.wait(lock, [&] {
        return !inbox.empty() || reading_done || (!in_flight.empty() && *in_flight.front().done);
      });
      if (!inbox.empty()) {
        next = std::move(inbox.front());
        inbox.pop_front();
        got = true;
        inbox_changed.notify_all();
      } else if (in_flight.empty()) {
        break;  // the client is done and every answer written
      }
    }
    if (!got) {
      writing = write_oldest();
      continue;
    }
    ++requests;
    const v1::AlignRequest& request = MessageOf(next);
    std::shared_ptr<WordAssociations> associations;
    const bool learns = request.options().learn_across_stream();
    if (learns) {
      auto& slot = shared_associations[{PrimaryLanguage(request.source().language()),
                                        PrimaryLanguage(request.target().language())}];
      if (slot == nullptr) slot = std::make_shared<WordAssociations>();
      associations = slot;
      while (writing && !in_flight.empty()) writing = write_oldest();
      if (!writing) break;
    }
    auto done = std::make_shared<bool>(false);
    in_flight.push_back({std::async(std::launch::async, align, std::move(next),
                                    std::move(associations), done),
                         done});
    if (learns) writing = write_oldest();
  }
  {
    std::lock_guard<std::mutex> lock(inbox_mutex);
    stop_reading = true;
    inbox_changed.notify_all();
  }
  // A stream ended early may leave the reader waiting for the client: cancelling the call
  // ends its Read. Not at the deadline, which ends it anyway: the client would see the
  // server's CANCELLED instead of its own DEADLINE_EXCEEDED when that arrived first.
  if (!stream_status.ok() && stream_status.code() != absl::StatusCode::kDeadlineExceeded) {
    context->TryCancel();
  }
  // Requests still aligning when the stream ended stop at their next check.
  in_flight.clear();
  reader.join();
  if (options_.log) {
    const absl::Time now = absl::Now();
    options_.log(CallLogLine("AlignStream", stream_status.code(), now)
                     .Add("requests", requests)
                     .Add("failed", failed)
                     .Add("elapsed_ms", absl::ToDoubleMilliseconds(now - stream_start))
                     .Json());
  }
  return ToGrpcStatus(stream_status);
}

grpc::Status AlignmentServiceImpl::Segment(grpc::ServerContext* context,
                                           const v1::SegmentRequest* request,
                                           v1::SegmentResponse* response) {
  const absl::Time start = absl::Now();
  absl::StatusOr<SegmentedDocument> document =
      SegmentDocument(ToDocumentInput(request->document()), "document", options_.align_limits);
  absl::Status status = document.status();
  // Segmentation is quick, but the caller may already have given up.
  if (status.ok()) status = ExplainStop(CallStopCondition(*context).Check(), *context);
  if (status.ok()) {
    response->set_id(request->id());
    ToProto(*std::move(document), response->mutable_document());
  }
  Log({"Segment", request->id(), DocumentBytes(request->document()), 0,
       response->document().sentences_size(), 0, /*pair=*/false},
      status.code(), start);
  return ToGrpcStatus(status);
}

void AlignmentServiceImpl::Log(const CallRecord& record, absl::StatusCode code,
                               absl::Time start, absl::string_view error) const {
  Count(record, code, start);
  if (!options_.log) return;
  const absl::Time now = absl::Now();
  CallLogLine line(record.method, code, now);
  line.Add("id", record.id);
  if (record.pair) {
    line.Add("source_bytes", static_cast<int64_t>(record.source_bytes))
        .Add("target_bytes", static_cast<int64_t>(record.target_bytes))
        .Add("source_sentences", record.source_sentences)
        .Add("target_sentences", record.target_sentences);
  } else {
    line.Add("document_bytes", static_cast<int64_t>(record.source_bytes))
        .Add("sentences", record.source_sentences);
  }
  line.Add("elapsed_ms", absl::ToDoubleMilliseconds(now - start));
  if (!error.empty()) line.Add("error", error);
  options_.log(line.Json());
}

void AlignmentServiceImpl::Count(const CallRecord& record, absl::StatusCode code,
                                 absl::Time start) const {
  if (!options_.metrics) return;
  options_.metrics->RecordCall(record.method, code, absl::ToDoubleSeconds(absl::Now() - start));
  if (record.source_bytes > 0 || record.target_bytes > 0) {
    options_.metrics->RecordDocuments(static_cast<int64_t>(record.source_bytes),
                                      record.pair ? static_cast<int64_t>(record.target_bytes)
                                                  : -1);
  }
}

}  // namespace newsalign
