// The gRPC face of the core: newsalign.v1.AlignmentService on top of AlignDocuments() and
// SegmentDocument(). It converts wire types, applies the server's limits, passes each call's
// deadline and cancellation to the core, maps absl::Status to grpc::Status one to one (same code,
// same message) and logs one line per call: never the documents' text.
//
//   ServiceOptions options;
//   options.align_limits.max_document_bytes = 1 << 20;
//   AlignmentServiceImpl service(options);
//   grpc::ServerBuilder builder;
//   builder.RegisterService(&service);
//
// See server/alignment_server.h for the whole server (health, reflection, shutdown).
#ifndef NEWSALIGN_SERVER_ALIGNMENT_SERVICE_H_
#define NEWSALIGN_SERVER_ALIGNMENT_SERVICE_H_

#include <cstddef>
#include <functional>
#include <memory>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "align/aligner.h"
#include "align/document_aligner.h"
#include "base/stop_condition.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/status.h"
#include "grpcpp/support/sync_stream.h"
#include "lexicon/lexicon.h"
#include "lexicon/word_associations.h"
#include "newsalign/v1/alignment.grpc.pb.h"
#include "server/call_gate.h"
#include "server/checked_request.h"
#include "server/deterministic_message.h"
#include "server/metrics.h"
#include "server/word_key_pool.h"

namespace newsalign {

// Receives one log line, without its final newline. Called from many threads at once.
using LogSink = std::function<void(absl::string_view line)>;

// Writes `line` and a newline to stderr in one write.
void LogToStderr(absl::string_view line);

struct ServiceOptions {
  // Limits on each document of a request and on its alignment (bytes, sentences, memory),
  // checked before any work.
  AlignLimits align_limits;
  // Most alignments run at once (Align calls and AlignStream requests); 0 means one per CPU.
  int workers = 0;
  // Most alignments waiting for a worker; one more is turned away with RESOURCE_EXHAUSTED.
  int queue = 64;
  // Most bytes of requests the waiting alignments hold between them (0: no bound); a request
  // that would pass it is turned away with RESOURCE_EXHAUSTED. With the memory budget of each
  // alignment it bounds the server's memory: about workers × (budget + request) + this.
  int64_t queue_bytes = int64_t{256} << 20;
  // Threads each alignment may use (AlignOptions::threads), 1 to 64. More than one makes a long
  // call finish sooner when CPUs are idle; a server kept busy by --workers calls gains nothing.
  int threads_per_call = 1;
  // Built-in lexicons by language pair (FreeDict), used for the pairs they cover; null for none.
  std::shared_ptr<const LexiconSet> lexicons;
  // Where the per-call log lines go; empty discards them (tests).
  LogSink log = LogToStderr;
  // When set, every AlignmentService call must carry the metadata "authorization: Bearer
  // <auth_token>", else UNAUTHENTICATED (checked before the request is read; compared in
  // constant time). Health checking and reflection are other services and stay open, so probes
  // need no token. Visible ASCII, see ValidateToken().
  std::string auth_token;
  // When set, every call is counted in it (server/metrics.h), and its queue gauges read this
  // service's work queue.
  std::shared_ptr<Metrics> metrics;

  // Returns INVALID_ARGUMENT naming the first limit that is not positive.
  absl::Status Validate() const;
  // The number of workers `workers` means (0: the CPUs).
  int EffectiveWorkers() const;
};

// Returns the stop condition of a server call: its deadline (none when the client set none)
// and its cancellation.
StopCondition CallStopCondition(const grpc::ServerContextBase& context);

// Registered on a grpc::ServerBuilder, the service reads its requests as CheckedRequest<> (see
// server/checked_request.h): a request protobuf cannot parse, such as a string field with invalid
// UTF-8 from a client that does not check, gets INVALID_ARGUMENT naming the field and the byte
// offset ("source.text: invalid UTF-8 at byte 17") and a log line, instead of gRPC's INTERNAL
// with no message. For that, Align and Segment are registered as "streamed unary" methods (one
// request, one response, as gRPC's own WithStreamedUnaryMethod_ does); on the wire and for
// clients they are unchanged. Their responses are written as DeterministicMessage<>s
// (server/deterministic_message.h): the same request gets the same bytes back.
class AlignmentServiceImpl final : public v1::AlignmentService::Service {
 public:
  // `options` must be valid (see ServiceOptions::Validate()).
  explicit AlignmentServiceImpl(ServiceOptions options);
  ~AlignmentServiceImpl() override;

  // Aligns one pair. INVALID_ARGUMENT naming the field for a bad request or a document over
  // the limits; DEADLINE_EXCEEDED or CANCELLED when the call stops before the work is done.
  grpc::Status Align(grpc::ServerContext* context, const v1::AlignRequest* request,
                     v1::AlignResponse* response) override;

  // Align() for a client in this process, without gRPC: the request is neither serialized
  // nor parsed (its strings must be valid UTF-8, as the client checks them) and the response
  // is built in place. The same work, limits, errors and log line as Align(); `deadline` is
  // the call's (absl::InfiniteFuture() for none).
  grpc::Status AlignInProcess(const v1::AlignRequest& request, absl::Time deadline,
                              v1::AlignResponse* response);

  // Aligns each request of the stream in turn; each response carries the request's id and its
  // own status, so a failed request does not end the stream. Fails the stream only when the
  // call's deadline passes or it is cancelled (or the token is wrong).
  grpc::Status AlignStream(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<v1::AlignStreamResponse, v1::AlignStreamRequest>* stream)
      override;

  // Splits one document. Errors as Align(), naming "document".
  grpc::Status Segment(grpc::ServerContext* context, const v1::SegmentRequest* request,
                       v1::SegmentResponse* response) override;

 private:
  // What one log line reports about a request.
  struct CallRecord {
    absl::string_view method;
    absl::string_view id;
    size_t source_bytes = 0;
    size_t target_bytes = 0;
    int source_sentences = 0;
    int target_sentences = 0;
    // False for one-document calls (Segment), which log only the source fields.
    bool pair = true;
  };

  // Returns UNAUTHENTICATED unless the call carries options_.auth_token (when there is one).
  absl::Status Authenticate(const grpc::ServerContext& context) const;
  // The handlers gRPC runs: they check the token, read CheckedRequest<>s and call the methods
  // above.
  grpc::Status CheckedAlign(
      grpc::ServerContext* context,
      grpc::ServerUnaryStreamer<CheckedRequest<v1::AlignRequest>,
                                DeterministicMessage<v1::AlignResponse>>* stream);
  grpc::Status CheckedSegment(
      grpc::ServerContext* context,
      grpc::ServerUnaryStreamer<CheckedRequest<v1::SegmentRequest>,
                                DeterministicMessage<v1::SegmentResponse>>* stream);
  // AlignStream() over `stream`, whose requests are v1::AlignStreamRequest or CheckedRequest<>
  // and whose responses are written as v1::AlignStreamResponse or DeterministicMessage<> of it.
  template <class Request, class Written>
  grpc::Status AlignStreamOf(grpc::ServerContext* context,
                             grpc::ServerReaderWriterInterface<Written, Request>* stream);

  // Returns the lexicon for the request's languages: the built-in one, the caller's own
  // (`caller`, from the request's options), or both merged.
  std::shared_ptr<const Lexicon> LexiconFor(const v1::AlignRequest& request,
                                            std::shared_ptr<const Lexicon> caller) const;
  // Aligns one request into `response` (which it fills only on success). `associations`, when
  // given, are the word co-occurrences of the earlier documents of the stream
  // (AlignOptions.learn_across_stream).
  absl::Status AlignOne(const v1::AlignRequest& request, const StopCondition& stop,
                        v1::AlignResponse* response,
                        std::shared_ptr<WordAssociations> associations = nullptr) const;

  // Logs one line for a finished request: `record`, the status code, the time since `start`
  // and, when given, `error` (escaped; for requests that did not parse, which have no id).
  void Log(const CallRecord& record, absl::StatusCode code, absl::Time start,
           absl::string_view error = "") const;
  // Counts the request in options_.metrics, when set (Log() does it).
  void Count(const CallRecord& record, absl::StatusCode code, absl::Time start) const;

  ServiceOptions options_;
  // Admits at most options_.workers alignments at once, options_.queue more waiting.
  std::unique_ptr<CallGate> gate_;
  // The word-key memos of the alignments running, one leased per call (see WordKeyPool).
  std::unique_ptr<WordKeyPool> word_keys_ = std::make_unique<WordKeyPool>();
};

}  // namespace newsalign

#endif  // NEWSALIGN_SERVER_ALIGNMENT_SERVICE_H_
