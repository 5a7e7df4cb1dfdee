// Load generator for newsalign-server: sends a bounded number of Align calls (the sample article
// by default) from several threads and reports throughput and latency percentiles. Loopback
// targets only; bounded in count and in time.
//
// It shares the machine with the server, so it spends as little CPU as it can: the request is
// serialized once and sent as bytes, and each answer is compared as bytes with the answer of one
// call made before the timing (parsed once, and checked to hold pairs). An answer that differs
// counts as an error: the server must give the same bytes for the same request. Parsing every
// answer instead (the generated stub, before 2026-12-06) took about 0.45 ms of CPU a call, an
// eighth of what the server took. --stream does the same over AlignStream.
//
//   build/server/newsalign-server --listen=127.0.0.1:50051 &
//   build/bench/load_generator --server=127.0.0.1:50051 --requests=400 --concurrency=4
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <deque>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"
#include "newsalign/v1/alignment.grpc.pb.h"

ABSL_FLAG(std::string, server, "127.0.0.1:50051", "server address (loopback only)");
ABSL_FLAG(std::string, source, "examples/mali-minusma/fr.txt", "source document");
ABSL_FLAG(std::string, target, "examples/mali-minusma/ar.txt", "target document");
ABSL_FLAG(std::string, source_lang, "fr", "source language");
ABSL_FLAG(std::string, target_lang, "ar", "target language");
ABSL_FLAG(int, requests, 200, "total Align calls (at most 100000)");
ABSL_FLAG(int, concurrency, 4, "calls in flight at once (threads, at most 64)");
ABSL_FLAG(double, max_seconds, 60, "stop sending after this many seconds (at most 600)");
ABSL_FLAG(double, deadline_seconds, 30, "deadline of each call (of each stream with --stream)");
ABSL_FLAG(bool, stream, false,
          "send the pairs over one AlignStream per thread (written while responses are read) "
          "instead of one Align call each");

namespace {

constexpr char kAlignMethod[] = "/newsalign.v1.AlignmentService/Align";
constexpr char kAlignStreamMethod[] = "/newsalign.v1.AlignmentService/AlignStream";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

bool IsLoopback(const std::string& address) {
  return absl::StartsWith(address, "127.") || absl::StartsWith(address, "localhost:") ||
         absl::StartsWith(address, "[::1]:") || absl::StartsWith(address, "ipv4:127.") ||
         absl::StartsWith(address, "ipv6:[::1]");
}

// The bytes of `buffer`, in one string.
std::string BytesOf(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (!buffer.Dump(&slices).ok()) return bytes;
  for (const grpc::Slice& slice : slices) {
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return bytes;
}

// Whether `buffer` holds exactly `bytes`, compared slice by slice.
bool SameBytes(const grpc::ByteBuffer& buffer, const std::string& bytes) {
  if (buffer.Length() != bytes.size()) return false;
  std::vector<grpc::Slice> slices;
  if (!buffer.Dump(&slices).ok()) return false;
  size_t at = 0;
  for (const grpc::Slice& slice : slices) {
    if (bytes.compare(at, slice.size(), reinterpret_cast<const char*>(slice.begin()),
                      slice.size()) != 0) {
      return false;
    }
    at += slice.size();
  }
  return true;
}

// One Align call with `request` (serialized) as bytes, waiting on its own completion queue.
grpc::Status CallAlign(grpc::GenericStub& stub, grpc::CompletionQueue& queue,
                       const grpc::ByteBuffer& request, double deadline_seconds,
                       grpc::ByteBuffer* response) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(deadline_seconds)));
  std::unique_ptr<grpc::GenericClientAsyncResponseReader> call =
      stub.PrepareUnaryCall(&context, kAlignMethod, request, &queue);
  grpc::Status status;
  call->StartCall();
  call->Finish(response, &status, reinterpret_cast<void*>(1));
  void* tag = nullptr;
  bool ok = false;
  if (!queue.Next(&tag, &ok) || !ok) {
    return grpc::Status(grpc::StatusCode::INTERNAL, "the completion queue failed");
  }
  return status;
}

// An AlignStream whose messages are bytes (AlignStreamRequest out, AlignStreamResponse in).
std::unique_ptr<grpc::ClientReaderWriter<grpc::ByteBuffer, grpc::ByteBuffer>> OpenStream(
    grpc::ChannelInterface* channel, grpc::ClientContext* context) {
  return std::unique_ptr<grpc::ClientReaderWriter<grpc::ByteBuffer, grpc::ByteBuffer>>(
      grpc::internal::ClientReaderWriterFactory<grpc::ByteBuffer, grpc::ByteBuffer>::Create(
          channel,
          grpc::internal::RpcMethod(kAlignStreamMethod,
                                    grpc::internal::RpcMethod::BIDI_STREAMING),
          context));
}

}  // namespace

int main(int argc, char** argv) {
  // As the server does (SkipMutexDeadlockDetection, server/alignment_server.h): Debian's Abseil
  // checks the lock order of every absl::Mutex acquisition, gRPC's too, and this load
  // generator shares the server's CPUs.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  absl::ParseCommandLine(argc, argv);
  const std::string server = absl::GetFlag(FLAGS_server);
  if (!IsLoopback(server)) {
    std::fprintf(stderr, "load_generator: only loopback servers (127.x, localhost, [::1])\n");
    return 2;
  }
  const int requests = std::clamp(absl::GetFlag(FLAGS_requests), 1, 100000);
  const int concurrency = std::clamp(absl::GetFlag(FLAGS_concurrency), 1, 64);
  const absl::Duration budget =
      absl::Seconds(std::clamp(absl::GetFlag(FLAGS_max_seconds), 1.0, 600.0));

  newsalign::v1::AlignRequest request;
  request.mutable_source()->set_language(absl::GetFlag(FLAGS_source_lang));
  request.mutable_source()->set_text(ReadFile(absl::GetFlag(FLAGS_source)));
  request.mutable_target()->set_language(absl::GetFlag(FLAGS_target_lang));
  request.mutable_target()->set_text(ReadFile(absl::GetFlag(FLAGS_target)));
  if (request.source().text().empty() || request.target().text().empty()) {
    std::fprintf(stderr, "load_generator: cannot read --source or --target\n");
    return 2;
  }

  auto channel = grpc::CreateChannel(server, grpc::InsecureChannelCredentials());
  grpc::GenericStub generic_stub(channel);
  const double deadline_seconds = absl::GetFlag(FLAGS_deadline_seconds);
  request.set_id("load");
  const bool use_stream = absl::GetFlag(FLAGS_stream);
  // The request as bytes, serialized once (wrapped in an AlignStreamRequest with --stream);
  // each call or stream message sends a reference to them.
  std::string serialized;
  if (use_stream) {
    newsalign::v1::AlignStreamRequest wrapped;
    *wrapped.mutable_request() = request;
    serialized = wrapped.SerializeAsString();
  } else {
    serialized = request.SerializeAsString();
  }
  grpc::Slice request_slice(serialized);
  const grpc::ByteBuffer request_bytes(&request_slice, 1);
  // The answer every call (stream message) must give, from one made before the timing.
  std::string reference;
  grpc::Status first_status;
  bool first_has_beads = false;
  if (use_stream) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(deadline_seconds)));
    auto stream = OpenStream(channel.get(), &context);
    grpc::ByteBuffer response;
    const bool sent = stream->Write(request_bytes);
    const bool read = sent && stream->Read(&response);
    stream->WritesDone();
    first_status = stream->Finish();
    if (first_status.ok() && !read) {
      first_status = grpc::Status(grpc::StatusCode::INTERNAL, "the stream gave no answer");
    }
    reference = BytesOf(response);
    newsalign::v1::AlignStreamResponse parsed;
    first_has_beads = parsed.ParseFromString(reference) && parsed.status().code() == 0 &&
                      parsed.response().beads_size() > 0;
  } else {
    grpc::CompletionQueue queue;
    grpc::ByteBuffer response;
    first_status = CallAlign(generic_stub, queue, request_bytes, deadline_seconds, &response);
    queue.Shutdown();
    void* tag;
    bool ok;
    while (queue.Next(&tag, &ok)) {
    }
    reference = BytesOf(response);
    newsalign::v1::AlignResponse parsed;
    first_has_beads = parsed.ParseFromString(reference) && parsed.beads_size() > 0;
  }
  if (!first_status.ok()) {
    std::fprintf(stderr, "load_generator: the first call failed: %d %s\n",
                 first_status.error_code(), first_status.error_message().c_str());
    return 1;
  }
  if (!first_has_beads) {
    std::fprintf(stderr,
                 "load_generator: the first answer (%zu bytes) is no alignment with beads\n",
                 reference.size());
    return 1;
  }
  // DATA_LOSS for an answer whose bytes are not the reference's.
  auto check = [&reference](const grpc::ByteBuffer& answer) {
    if (SameBytes(answer, reference)) return grpc::Status::OK;
    return grpc::Status(grpc::StatusCode::DATA_LOSS,
                        absl::StrFormat("the answer (%d bytes) differs from the first one "
                                        "(%d bytes)",
                                        answer.Length(), reference.size()));
  };
  std::atomic<int> next{0};
  absl::Mutex mu;
  std::vector<double> latencies_ms;
  int errors = 0;
  const absl::Time start = absl::Now();
  const absl::Time stop_at = start + budget;
  std::vector<std::thread> threads;
  auto record = [&](const grpc::Status& status, double ms) {
    absl::MutexLock lock(&mu);
    if (status.ok()) {
      latencies_ms.push_back(ms);
    } else {
      ++errors;
      if (errors <= 3) {
        std::fprintf(stderr, "load_generator: %d %s\n", status.error_code(),
                     status.error_message().c_str());
      }
    }
  };
  // One AlignStream per thread: a writer sends the pairs while this thread reads the answers;
  // each pair's latency runs from its write to its answer.
  auto run_stream = [&] {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(deadline_seconds)));
    auto stream = OpenStream(channel.get(), &context);
    absl::Mutex sent_mu;
    std::deque<absl::Time> sent;
    std::thread writer([&] {
      while (next.fetch_add(1) < requests && absl::Now() < stop_at) {
        {
          absl::MutexLock lock(&sent_mu);
          sent.push_back(absl::Now());
        }
        if (!stream->Write(request_bytes)) break;
      }
      stream->WritesDone();
    });
    grpc::ByteBuffer response;
    while (stream->Read(&response)) {
      absl::Time begin;
      {
        absl::MutexLock lock(&sent_mu);
        begin = sent.front();
        sent.pop_front();
      }
      record(check(response), absl::ToDoubleMilliseconds(absl::Now() - begin));
    }
    writer.join();
    const grpc::Status status = stream->Finish();
    if (!status.ok()) record(status, 0);
  };
  for (int t = 0; t < concurrency; ++t) {
    threads.emplace_back([&] {
      if (use_stream) {
        run_stream();
        return;
      }
      grpc::CompletionQueue queue;
      while (next.fetch_add(1) < requests && absl::Now() < stop_at) {
        grpc::ByteBuffer response;
        const absl::Time begin = absl::Now();
        grpc::Status status = CallAlign(generic_stub, queue, request_bytes, deadline_seconds,
                                        &response);
        const double ms = absl::ToDoubleMilliseconds(absl::Now() - begin);
        if (status.ok()) status = check(response);
        record(status, ms);
      }
      queue.Shutdown();
      void* tag;
      bool ok;
      while (queue.Next(&tag, &ok)) {
      }
    });
  }
  for (std::thread& t : threads) t.join();
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  std::sort(latencies_ms.begin(), latencies_ms.end());
  auto percentile = [&](double p) {
    if (latencies_ms.empty()) return 0.0;
    return latencies_ms[std::min(latencies_ms.size() - 1,
                                 static_cast<size_t>(p * latencies_ms.size()))];
  };
  std::printf("%s ok %zu, errors %d, %.2f s, %.1f pairs/s, concurrency %d\n",
              use_stream ? "stream pairs" : "calls", latencies_ms.size(), errors, seconds,
              latencies_ms.size() / seconds, concurrency);
  std::printf("request %zu bytes, answer %zu bytes\n", serialized.size(), reference.size());
  std::printf("latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f\n", percentile(0.5),
              percentile(0.9), percentile(0.99), latencies_ms.empty() ? 0.0 : latencies_ms.back());
  return errors == 0 ? 0 : 1;
}
