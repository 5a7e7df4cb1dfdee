// Load generator for newsalign-server: sends a bounded number of Align calls (the sample article
// by default, or the pairs of a list in turn) from several threads and reports throughput and
// latency percentiles. Loopback targets only; bounded in count and in time.
//
// It shares the machine with the server, so it spends as little CPU as it can: the request is
// serialized once and sent as bytes, and each answer is compared as bytes with the answer of one
// call made before the timing (parsed once, and checked to hold pairs). An answer that differs
// counts as an error: the server must give the same bytes for the same request (with --pairs,
// each answer is compared with the first answer to the same pair). Parsing every
// answer instead (the generated stub, before 2026-12-06) took about 0.45 ms of CPU a call, an
// eighth of what the server took. --stream does the same over AlignStream.
//
//   build/server/newsalign-server --listen=127.0.0.1:50051 &
//   build/bench/load_generator --server=127.0.0.1:50051 --requests=400 --concurrency=4
//   build/bench/load_generator --pairs=pairs.tsv --requests=400 --concurrency=8
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
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
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
ABSL_FLAG(std::string, pairs, "",
          "instead of --source and --target, the pairs of this list, sent in turn: "
          "SOURCE<TAB>TARGET lines (paths relative to the list's folder; # starts a comment)");
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

  // The pairs sent in turn: --pairs' list, or --source and --target.
  std::vector<std::pair<std::string, std::string>> paths;
  const std::string list_path = absl::GetFlag(FLAGS_pairs);
  if (!list_path.empty()) {
    const std::string list = ReadFile(list_path);
    const size_t slash = list_path.rfind('/');
    const std::string folder = slash == std::string::npos ? "" : list_path.substr(0, slash + 1);
    int line_number = 0;
    for (absl::string_view line : absl::StrSplit(list, '\n')) {
      ++line_number;
      line = absl::StripAsciiWhitespace(line);
      if (line.empty() || absl::StartsWith(line, "#")) continue;
      const std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
      if (fields.size() < 2) {
        std::fprintf(stderr, "load_generator: %s:%d: expected SOURCE<TAB>TARGET\n",
                     list_path.c_str(), line_number);
        return 2;
      }
      auto resolve = [&folder](absl::string_view path) {
        return absl::StartsWith(path, "/") ? std::string(path) : folder + std::string(path);
      };
      paths.emplace_back(resolve(fields[0]), resolve(fields[1]));
    }
    if (paths.empty()) {
      std::fprintf(stderr, "load_generator: --pairs=%s holds no pair\n", list_path.c_str());
      return 2;
    }
  } else {
    paths.emplace_back(absl::GetFlag(FLAGS_source), absl::GetFlag(FLAGS_target));
  }

  auto channel = grpc::CreateChannel(server, grpc::InsecureChannelCredentials());
  grpc::GenericStub generic_stub(channel);
  const double deadline_seconds = absl::GetFlag(FLAGS_deadline_seconds);
  const bool use_stream = absl::GetFlag(FLAGS_stream);
  // Each pair's request as bytes, serialized once (wrapped in an AlignStreamRequest with
  // --stream), each call or stream message sending a reference to them; and the answer every
  // call must give for it, from one made before the timing.
  struct Pair {
    std::string serialized;
    grpc::ByteBuffer bytes;
    std::string reference;
  };
  std::vector<Pair> pairs(paths.size());
  size_t request_bytes_total = 0, answer_bytes_total = 0;
  for (size_t p = 0; p < paths.size(); ++p) {
    newsalign::v1::AlignRequest request;
    request.set_id("load");
    request.mutable_source()->set_language(absl::GetFlag(FLAGS_source_lang));
    request.mutable_source()->set_text(ReadFile(paths[p].first));
    request.mutable_target()->set_language(absl::GetFlag(FLAGS_target_lang));
    request.mutable_target()->set_text(ReadFile(paths[p].second));
    if (request.source().text().empty() || request.target().text().empty()) {
      std::fprintf(stderr, "load_generator: cannot read %s or %s\n", paths[p].first.c_str(),
                   paths[p].second.c_str());
      return 2;
    }
    Pair& pair = pairs[p];
    if (use_stream) {
      newsalign::v1::AlignStreamRequest wrapped;
      *wrapped.mutable_request() = request;
      pair.serialized = wrapped.SerializeAsString();
    } else {
      pair.serialized = request.SerializeAsString();
    }
    grpc::Slice request_slice(pair.serialized);
    pair.bytes = grpc::ByteBuffer(&request_slice, 1);
    grpc::Status first_status;
    bool first_has_beads = false;
    if (use_stream) {
      grpc::ClientContext context;
      context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(deadline_seconds)));
      auto stream = OpenStream(channel.get(), &context);
      grpc::ByteBuffer response;
      const bool sent = stream->Write(pair.bytes);
      const bool read = sent && stream->Read(&response);
      stream->WritesDone();
      first_status = stream->Finish();
      if (first_status.ok() && !read) {
        first_status = grpc::Status(grpc::StatusCode::INTERNAL, "the stream gave no answer");
      }
      pair.reference = BytesOf(response);
      newsalign::v1::AlignStreamResponse parsed;
      first_has_beads = parsed.ParseFromString(pair.reference) &&
                        parsed.status().code() == 0 && parsed.response().beads_size() > 0;
    } else {
      grpc::CompletionQueue queue;
      grpc::ByteBuffer response;
      first_status = CallAlign(generic_stub, queue, pair.bytes, deadline_seconds, &response);
      queue.Shutdown();
      void* tag;
      bool ok;
      while (queue.Next(&tag, &ok)) {
      }
      pair.reference = BytesOf(response);
      newsalign::v1::AlignResponse parsed;
      first_has_beads = parsed.ParseFromString(pair.reference) && parsed.beads_size() > 0;
    }
    if (!first_status.ok()) {
      std::fprintf(stderr, "load_generator: the first call (%s) failed: %d %s\n",
                   paths[p].first.c_str(), first_status.error_code(),
                   first_status.error_message().c_str());
      return 1;
    }
    if (!first_has_beads) {
      std::fprintf(stderr,
                   "load_generator: the first answer (%s, %zu bytes) is no alignment with beads\n",
                   paths[p].first.c_str(), pair.reference.size());
      return 1;
    }
    request_bytes_total += pair.serialized.size();
    answer_bytes_total += pair.reference.size();
  }
  // DATA_LOSS for an answer whose bytes are not those of the first answer to its pair.
  auto check = [&pairs](const grpc::ByteBuffer& answer, size_t p) {
    const std::string& reference = pairs[p].reference;
    if (SameBytes(answer, reference)) return grpc::Status::OK;
    return grpc::Status(grpc::StatusCode::DATA_LOSS,
                        absl::StrFormat("the answer (%d bytes) differs from the first one to "
                                        "the same pair (%d bytes)",
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
    // When each request in flight was written, and its pair.
    std::deque<std::pair<absl::Time, size_t>> sent;
    std::thread writer([&] {
      for (int k = next.fetch_add(1); k < requests && absl::Now() < stop_at;
           k = next.fetch_add(1)) {
        const size_t p = static_cast<size_t>(k) % pairs.size();
        {
          absl::MutexLock lock(&sent_mu);
          sent.emplace_back(absl::Now(), p);
        }
        if (!stream->Write(pairs[p].bytes)) break;
      }
      stream->WritesDone();
    });
    grpc::ByteBuffer response;
    while (stream->Read(&response)) {
      std::pair<absl::Time, size_t> begin;
      {
        absl::MutexLock lock(&sent_mu);
        begin = sent.front();
        sent.pop_front();
      }
      record(check(response, begin.second),
             absl::ToDoubleMilliseconds(absl::Now() - begin.first));
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
      for (int k = next.fetch_add(1); k < requests && absl::Now() < stop_at;
           k = next.fetch_add(1)) {
        const size_t p = static_cast<size_t>(k) % pairs.size();
        grpc::ByteBuffer response;
        const absl::Time begin = absl::Now();
        grpc::Status status =
            CallAlign(generic_stub, queue, pairs[p].bytes, deadline_seconds, &response);
        const double ms = absl::ToDoubleMilliseconds(absl::Now() - begin);
        if (status.ok()) status = check(response, p);
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
  if (pairs.size() == 1) {
    std::printf("request %zu bytes, answer %zu bytes\n", request_bytes_total, answer_bytes_total);
  } else {
    std::printf("%zu different pairs in turn: requests %zu bytes, answers %zu bytes on average\n",
                pairs.size(), request_bytes_total / pairs.size(),
                answer_bytes_total / pairs.size());
  }
  std::printf("latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f\n", percentile(0.5),
              percentile(0.9), percentile(0.99), latencies_ms.empty() ? 0.0 : latencies_ms.back());
  return errors == 0 ? 0 : 1;
}
