// The soak test's client (server_soak_e2e_test.sh): a bounded number of mixed calls from several
// threads against a real newsalign-server on loopback, each checked:
//   - valid Align calls and valid AlignStream pairs must answer exactly what the same request
//     answered when it was sent alone, before the soak (compared field by field);
//   - invalid requests must answer INVALID_ARGUMENT;
//   - calls the client cancels mid-way must end CANCELLED, calls with a short deadline
//     DEADLINE_EXCEEDED (both on a long pair the server cannot finish in time);
// and the server's resident memory (read from /proc/PID/status) after a warm-up round and at
// the end must not grow by more than --rss_margin_mib.
//
//   soak_client --server=127.0.0.1:PORT --server_pid=PID --example_dir=examples/mali-minusma
//
// Prints the counts by status code and the memory figures; exits 1 on any wrong answer,
// unexpected code or memory growth past the margin, 2 on bad flags or inputs.
#include <atomic>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/grpcpp.h"
#include "newsalign/v1/alignment.grpc.pb.h"

ABSL_FLAG(std::string, server, "", "server address on loopback (127.0.0.1:PORT)");
ABSL_FLAG(int, server_pid, 0, "the server's process id, to read its memory");
ABSL_FLAG(std::string, example_dir, "", "folder with fr.txt and ar.txt");
ABSL_FLAG(int, calls, 480, "calls after the warm-up (a stream counts as one call)");
ABSL_FLAG(int, warmup_calls, 96, "calls before the first memory reading");
ABSL_FLAG(int, threads, 6, "client threads, each with calls in flight one at a time");
ABSL_FLAG(int, rss_margin_mib, 48, "allowed growth of the server's RSS after the warm-up");

namespace {

using newsalign::v1::AlignRequest;
using newsalign::v1::AlignResponse;
using newsalign::v1::AlignStreamRequest;
using newsalign::v1::AlignStreamResponse;
using newsalign::v1::AlignmentService;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The server's resident set in KiB, or -1.
long ResidentKib(int pid) {
  std::ifstream status(absl::StrFormat("/proc/%d/status", pid));
  std::string line;
  while (std::getline(status, line)) {
    long kib = 0;
    if (std::sscanf(line.c_str(), "VmRSS: %ld kB", &kib) == 1) return kib;
  }
  return -1;
}

AlignRequest MakeRequest(const std::string& id, const std::string& source_lang,
                         const std::string& source, const std::string& target_lang,
                         const std::string& target) {
  AlignRequest request;
  request.set_id(id);
  request.mutable_source()->set_language(source_lang);
  request.mutable_source()->set_text(source);
  request.mutable_target()->set_language(target_lang);
  request.mutable_target()->set_text(target);
  return request;
}

// The first `paragraphs` paragraphs (blank-line separated) of `text`.
std::string FirstParagraphs(const std::string& text, size_t paragraphs) {
  std::vector<std::string> parts = absl::StrSplit(text, "\n\n");
  if (parts.size() > paragraphs) parts.resize(paragraphs);
  return absl::StrJoin(parts, "\n\n");
}

// What each kind of call must end with.
enum class Kind { kValid, kStream, kInvalid, kCancelled, kShortDeadline };

class Soak {
 public:
  Soak(std::shared_ptr<grpc::Channel> channel, std::vector<AlignRequest> valid,
       std::vector<AlignRequest> invalid, AlignRequest long_pair)
      : stub_(AlignmentService::NewStub(channel)),
        valid_(std::move(valid)),
        invalid_(std::move(invalid)),
        long_pair_(std::move(long_pair)) {}

  // Sends each valid request alone and keeps its answer. False when one fails.
  bool RecordExpected() {
    for (const AlignRequest& request : valid_) {
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
      AlignResponse response;
      const grpc::Status status = stub_->Align(&context, request, &response);
      if (!status.ok()) {
        std::fprintf(stderr, "soak: %s alone: %d %s\n", request.id().c_str(),
                     status.error_code(), status.error_message().c_str());
        return false;
      }
      expected_.push_back(response);
    }
    return true;
  }

  // Calls number `begin` to `end`, spread over `threads` threads. The kind of call i is fixed
  // by i, so every run sends the same mix.
  void Run(int begin, int end, int threads) {
    std::atomic<int> next{begin};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&] {
        for (int i = next.fetch_add(1); i < end; i = next.fetch_add(1)) Call(i);
      });
    }
    for (std::thread& thread : pool) thread.join();
  }

  int Report() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::string codes;
    for (const auto& [code, count] : codes_) {
      absl::StrAppendFormat(&codes, " %s=%d", code, count);
    }
    std::printf("soak: %d calls (%d stream pairs), wrong answers %d, unexpected codes %d;"
                " codes:%s\n",
                calls_, stream_pairs_, wrong_answers_, unexpected_, codes.c_str());
    return wrong_answers_ + unexpected_;
  }

 private:
  static constexpr const char* kCodeNames[] = {
      "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
      "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
      "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
      "UNAUTHENTICATED"};

  static Kind KindOf(int i) {
    switch (i % 8) {
      case 3: return Kind::kStream;
      case 4: return Kind::kInvalid;
      case 5: return Kind::kCancelled;
      case 6: return Kind::kShortDeadline;
      default: return Kind::kValid;
    }
  }

  void Call(int i) {
    switch (KindOf(i)) {
      case Kind::kValid: {
        const size_t which = static_cast<size_t>(i) % valid_.size();
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
        AlignResponse response;
        const grpc::Status status = stub_->Align(&context, valid_[which], &response);
        Record(i, status, grpc::StatusCode::OK);
        if (status.ok()) CheckAnswer(i, which, response);
        return;
      }
      case Kind::kStream: {
        // Every valid pair in turn, the writer running ahead of the reader.
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
        auto stream = stub_->AlignStream(&context);
        std::thread writer([&] {
          AlignStreamRequest request;
          for (const AlignRequest& pair : valid_) {
            *request.mutable_request() = pair;
            if (!stream->Write(request)) break;
          }
          stream->WritesDone();
        });
        AlignStreamResponse response;
        size_t read = 0;
        while (stream->Read(&response)) {
          if (read < valid_.size()) CheckStreamAnswer(i, read, response);
          ++read;
        }
        writer.join();
        const grpc::Status status = stream->Finish();
        Record(i, status, grpc::StatusCode::OK);
        std::lock_guard<std::mutex> lock(mu_);
        stream_pairs_ += static_cast<int>(read);
        if (status.ok() && read != valid_.size()) {
          ++wrong_answers_;
          std::fprintf(stderr, "soak: call %d: the stream answered %zu of %zu pairs\n", i, read,
                       valid_.size());
        }
        return;
      }
      case Kind::kInvalid: {
        grpc::ClientContext context;
        AlignResponse response;
        const grpc::Status status =
            stub_->Align(&context, invalid_[static_cast<size_t>(i) % invalid_.size()], &response);
        Record(i, status, grpc::StatusCode::INVALID_ARGUMENT);
        return;
      }
      case Kind::kCancelled: {
        // Cancelled while the server aligns the long pair (it takes seconds).
        grpc::ClientContext context;
        AlignResponse response;
        std::thread canceller([&] {
          absl::SleepFor(absl::Milliseconds(20 + i % 40));
          context.TryCancel();
        });
        const grpc::Status status = stub_->Align(&context, long_pair_, &response);
        canceller.join();
        Record(i, status, grpc::StatusCode::CANCELLED);
        return;
      }
      case Kind::kShortDeadline: {
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() +
                             std::chrono::milliseconds(30 + i % 50));
        AlignResponse response;
        const grpc::Status status = stub_->Align(&context, long_pair_, &response);
        Record(i, status, grpc::StatusCode::DEADLINE_EXCEEDED);
        return;
      }
    }
  }

  void Record(int i, const grpc::Status& status, grpc::StatusCode want) {
    std::lock_guard<std::mutex> lock(mu_);
    ++calls_;
    const int code = status.error_code();
    ++codes_[code >= 0 && code <= 16 ? kCodeNames[code] : "?"];
    if (status.error_code() != want) {
      ++unexpected_;
      std::fprintf(stderr, "soak: call %d: expected %s, got %s: %s\n", i, kCodeNames[want],
                   code >= 0 && code <= 16 ? kCodeNames[code] : "?",
                   status.error_message().c_str());
    }
  }

  // As CheckAnswer(), for a stream's answer: OK, with its pair's id and alignment.
  void CheckStreamAnswer(int i, size_t which, const AlignStreamResponse& answer) {
    if (answer.status().code() == 0 && answer.id() == valid_[which].id()) {
      CheckAnswer(i, which, answer.response());
      return;
    }
    std::lock_guard<std::mutex> lock(mu_);
    ++wrong_answers_;
    std::fprintf(stderr, "soak: call %d: the stream answered %s with %d %s\n", i,
                 answer.id().c_str(), answer.status().code(), answer.status().message().c_str());
  }

  void CheckAnswer(int i, size_t which, const AlignResponse& response) {
    if (google::protobuf::util::MessageDifferencer::Equals(response, expected_[which])) return;
    std::lock_guard<std::mutex> lock(mu_);
    ++wrong_answers_;
    std::fprintf(stderr, "soak: call %d: the answer to %s differs from its answer alone\n", i,
                 valid_[which].id().c_str());
  }

  std::unique_ptr<AlignmentService::Stub> stub_;
  const std::vector<AlignRequest> valid_;
  const std::vector<AlignRequest> invalid_;
  const AlignRequest long_pair_;
  std::vector<AlignResponse> expected_;

  mutable std::mutex mu_;
  std::map<std::string, int> codes_;
  int calls_ = 0;
  int stream_pairs_ = 0;
  int wrong_answers_ = 0;
  int unexpected_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::string server = absl::GetFlag(FLAGS_server);
  const int pid = absl::GetFlag(FLAGS_server_pid);
  const std::string dir = absl::GetFlag(FLAGS_example_dir);
  const int calls = absl::GetFlag(FLAGS_calls);
  const int warmup = absl::GetFlag(FLAGS_warmup_calls);
  const int threads = absl::GetFlag(FLAGS_threads);
  if (server.rfind("127.0.0.1:", 0) != 0 && server.rfind("[::1]:", 0) != 0) {
    std::fprintf(stderr, "soak: --server must be a loopback address, got '%s'\n", server.c_str());
    return 2;
  }
  if (pid <= 0 || ResidentKib(pid) < 0) {
    std::fprintf(stderr, "soak: --server_pid=%d: no such process\n", pid);
    return 2;
  }
  if (calls < 8 || calls > 100000 || warmup < 8 || warmup > 100000 || threads < 1 ||
      threads > 64) {
    std::fprintf(stderr,
                 "soak: --calls and --warmup_calls must be 8..100000, --threads 1..64\n");
    return 2;
  }
  const std::string fr = ReadFile(dir + "/fr.txt");
  const std::string ar = ReadFile(dir + "/ar.txt");
  if (fr.empty() || ar.empty()) {
    std::fprintf(stderr, "soak: cannot read fr.txt and ar.txt in --example_dir='%s'\n",
                 dir.c_str());
    return 2;
  }

  // Three valid pairs: the article both ways, and its first half.
  std::vector<AlignRequest> valid = {
      MakeRequest("fr-ar", "fr", fr, "ar", ar),
      MakeRequest("ar-fr", "ar", ar, "fr", fr),
      MakeRequest("fr-ar-half", "fr", FirstParagraphs(fr, 4), "ar", FirstParagraphs(ar, 4)),
  };
  // Three invalid ones: an empty source, no target language, a negative band.
  std::vector<AlignRequest> invalid = {
      MakeRequest("empty", "fr", "", "ar", ar),
      MakeRequest("no-language", "fr", fr, "", ar),
      MakeRequest("bad-band", "fr", fr, "ar", ar),
  };
  invalid[2].mutable_options()->set_band(-3);
  // The long pair: the article 60 times a side (about 2,000 sentences, seconds of work).
  std::string long_fr, long_ar;
  for (int k = 0; k < 60; ++k) {
    long_fr += fr + "\n\n";
    long_ar += ar + "\n\n";
  }
  AlignRequest long_pair = MakeRequest("long", "fr", long_fr, "ar", long_ar);

  Soak soak(grpc::CreateChannel(server, grpc::InsecureChannelCredentials()), std::move(valid),
            std::move(invalid), std::move(long_pair));
  if (!soak.RecordExpected()) return 1;
  const absl::Time start = absl::Now();
  soak.Run(0, warmup, threads);
  const long warm_kib = ResidentKib(pid);
  // The memory after each quarter of the calls, to show its course.
  std::string course = absl::StrFormat("%.1f", warm_kib / 1024.0);
  long end_kib = warm_kib;
  for (int quarter = 0; quarter < 4; ++quarter) {
    soak.Run(warmup + calls * quarter / 4, warmup + calls * (quarter + 1) / 4, threads);
    end_kib = ResidentKib(pid);
    absl::StrAppendFormat(&course, " -> %.1f", end_kib / 1024.0);
  }
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);

  int failures = soak.Report();
  const long margin_kib = static_cast<long>(absl::GetFlag(FLAGS_rss_margin_mib)) * 1024;
  std::printf("soak: %.1f s; server RSS (MiB) after the warm-up, then after each quarter: %s"
              " (margin %ld MiB)\n",
              seconds, course.c_str(), margin_kib / 1024);
  if (warm_kib < 0 || end_kib < 0 || end_kib - warm_kib > margin_kib) {
    std::fprintf(stderr, "soak: the server's memory grew past the margin\n");
    ++failures;
  }
  return failures == 0 ? 0 : 1;
}
