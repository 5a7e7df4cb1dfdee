// newsalign-server: serves newsalign.v1.AlignmentService, health checking and reflection.
//
//   newsalign-server --listen=127.0.0.1:50051 --threads=8
//
// SIGTERM or SIGINT: health checks turn NOT_SERVING while the server still listens and serves
// for --drain_seconds (load balancers and probes see it leave; a second signal ends this at
// once), then it stops accepting calls (new ones get UNAVAILABLE), calls in flight get
// --shutdown_grace_seconds to finish, and the server exits 0.
#include <pthread.h>
#include <signal.h>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/str_join.h"
#include "server/lexicon_loader.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "server/alignment_server.h"
#include "server/host_port.h"
#include "server/security.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "host:port to listen on; port 0 picks a free port (printed at start)");
ABSL_FLAG(int32_t, max_request_bytes, 16 << 20, "largest request message gRPC accepts, in bytes");
ABSL_FLAG(int64_t, max_document_bytes,
          static_cast<int64_t>(newsalign::AlignLimits().max_document_bytes),
          "largest document, in bytes of UTF-8 (raw text, or all its sentences together)");
ABSL_FLAG(int32_t, max_sentences, newsalign::AlignLimits().max_sentences,
          "most sentences in one document");
ABSL_FLAG(int64_t, max_call_memory_mib, 1024,
          "memory budget of one alignment, in MiB (features and search, estimated before they "
          "are allocated; 0 for none): the server's peak is about this times --workers");
ABSL_FLAG(int32_t, workers, 0,
          "most alignments at once (Align calls and AlignStream requests); 0: one per CPU");
ABSL_FLAG(int32_t, queue, newsalign::ServiceOptions().queue,
          "most alignments waiting for a worker; calls beyond it fail at once with "
          "RESOURCE_EXHAUSTED");
ABSL_FLAG(int64_t, queue_mib, newsalign::ServiceOptions().queue_bytes >> 20,
          "most MiB of requests the waiting alignments hold between them (0 for no bound); a "
          "request that would pass it fails at once with RESOURCE_EXHAUSTED. The server's "
          "memory is about --workers x (--max_call_memory_mib + a request) + this");
ABSL_FLAG(int32_t, threads_per_call, newsalign::ServiceOptions().threads_per_call,
          "threads each alignment may use, 1 to 64: more makes one long call finish sooner on "
          "idle CPUs; the result is the same");
ABSL_FLAG(std::string, metrics_listen, "",
          "HOST:PORT to serve Prometheus metrics on at /metrics over plain HTTP (port 0 picks a "
          "free one), or empty for none; keep it on loopback or a private network");
ABSL_FLAG(int32_t, threads, 0,
          "most gRPC threads, 0 (no limit: let --workers and --queue bound the work) or at least "
          "2; calls beyond threads-1 fail at once with RESOURCE_EXHAUSTED, so keep it above "
          "workers + queue");
ABSL_FLAG(int32_t, idle_threads, 0,
          "most gRPC threads kept waiting for calls between calls, 0 to 4096; 0: twice --workers, "
          "at least 16. Fewer make a busy server start and end a thread for most calls");
ABSL_FLAG(std::string, lexicon_dir, newsalign::DefaultLexiconDir(),
          "folder of <source>-<target>.tsv lexicons (built from FreeDict by the build); "
          "empty for none");
ABSL_FLAG(std::string, tls_cert, "",
          "PEM file of the server's certificate chain; with --tls_key, serve TLS only");
ABSL_FLAG(std::string, tls_key, "", "PEM file of the private key of --tls_cert");
ABSL_FLAG(std::string, tls_client_ca, "",
          "PEM file of the CA(s) that sign client certificates: mutual TLS, every client must "
          "present one (needs --tls_cert)");
ABSL_FLAG(std::string, auth_token_file, "",
          "file holding a bearer token (one line); AlignmentService calls without "
          "\"authorization: Bearer <token>\" get UNAUTHENTICATED (health stays open)");
ABSL_FLAG(bool, reflection, true,
          "serve gRPC server reflection (lists the services and their schema; no token needed)");
ABSL_FLAG(double, drain_seconds, 5,
          "on SIGTERM or SIGINT, how long health checks say NOT_SERVING while the server still "
          "listens and serves, before it stops accepting calls; a second signal ends it at once");
ABSL_FLAG(double, shutdown_grace_seconds, 10,
          "once the server stops accepting calls, how long calls in flight may run before they "
          "are cancelled");

int main(int argc, char** argv) {
  newsalign::SkipMutexDeadlockDetection();
  absl::SetProgramUsageMessage(
      "Serves newsalign.v1.AlignmentService (Align, AlignStream, Segment) with gRPC health "
      "checking and reflection.\nUsage: newsalign-server [--listen=HOST:PORT] "
      "[--workers=N] [--queue=N] [--idle_threads=N] [--threads_per_call=N] [--queue_mib=N] [--metrics_listen=HOST:PORT] [--max_request_bytes=N] [--max_document_bytes=N] "
      "[--max_sentences=N] [--max_call_memory_mib=N] [--tls_cert=PEM --tls_key=PEM [--tls_client_ca=PEM]] "
      "[--auth_token_file=FILE] [--reflection=false] [--drain_seconds=S] "
      "[--shutdown_grace_seconds=S]");
  absl::FlagsUsageConfig usage;
  // --help lists this file's flags (absl's default looks for files named after the binary).
  usage.contains_help_flags = [](absl::string_view path) {
    return absl::EndsWith(path, "server_main.cc");
  };
  usage.contains_helpshort_flags = usage.contains_help_flags;
  // --version: the project's version, the API and what it was built with (absl's default says
  // "Debug build" whenever NDEBUG is not set on the binary itself).
  usage.version_string = [] {
    return absl::StrCat("newsalign-server ", NEWSALIGN_VERSION, " (API newsalign.v1, gRPC ",
                        grpc::Version(), ", ", NEWSALIGN_BUILD_TYPE, " build)\n");
  };
  absl::SetFlagsUsageConfig(usage);
  absl::ParseCommandLine(argc, argv);

  newsalign::ServerOptions options;
  options.listen_address = absl::GetFlag(FLAGS_listen);
  if (options.listen_address.empty()) {
    std::cerr << "newsalign-server: --listen must not be empty\n";
    return 2;
  }
  if (absl::Status valid = newsalign::ValidateHostPort(options.listen_address,
                                                       newsalign::PortZero::kAllowed);
      !valid.ok()) {
    std::cerr << "newsalign-server: --listen: " << valid.message() << "\n";
    return 2;
  }
  options.max_receive_message_bytes = absl::GetFlag(FLAGS_max_request_bytes);
  options.max_threads = absl::GetFlag(FLAGS_threads);
  options.idle_threads = absl::GetFlag(FLAGS_idle_threads);
  options.metrics_listen_address = absl::GetFlag(FLAGS_metrics_listen);
  if (!options.metrics_listen_address.empty()) {
    if (absl::Status valid = newsalign::ValidateHostPort(options.metrics_listen_address,
                                                         newsalign::PortZero::kAllowed);
        !valid.ok()) {
      std::cerr << "newsalign-server: --metrics_listen: " << valid.message() << "\n";
      return 2;
    }
  }
  options.service.workers = absl::GetFlag(FLAGS_workers);
  options.service.queue = absl::GetFlag(FLAGS_queue);
  options.service.threads_per_call = absl::GetFlag(FLAGS_threads_per_call);
  const int64_t queue_mib = absl::GetFlag(FLAGS_queue_mib);
  if (queue_mib < 0 || queue_mib > (int64_t{1} << 40)) {
    std::cerr << "newsalign-server: --queue_mib must be between 0 (no bound) and "
              << (int64_t{1} << 40) << ", got " << queue_mib << "\n";
    return 2;
  }
  options.service.queue_bytes = queue_mib << 20;
  const int64_t max_document_bytes = absl::GetFlag(FLAGS_max_document_bytes);
  if (max_document_bytes <= 0) {
    std::cerr << "newsalign-server: --max_document_bytes must be positive, got "
              << max_document_bytes << "\n";
    return 2;
  }
  options.service.align_limits.max_document_bytes = static_cast<size_t>(max_document_bytes);
  options.service.align_limits.max_sentences = absl::GetFlag(FLAGS_max_sentences);
  const int64_t memory_mib = absl::GetFlag(FLAGS_max_call_memory_mib);
  if (memory_mib < 0 || memory_mib > (int64_t{1} << 40)) {
    std::cerr << "newsalign-server: --max_call_memory_mib must be between 0 (no budget) and "
              << (int64_t{1} << 40) << ", got " << memory_mib << "\n";
    return 2;
  }
  options.service.align_limits.max_memory_bytes = memory_mib << 20;
  options.service.align_limits.memory_limit_name = "--max_call_memory_mib";
  if (const std::string dir = absl::GetFlag(FLAGS_lexicon_dir); !dir.empty()) {
    absl::StatusOr<newsalign::LexiconSet> lexicons = newsalign::LoadLexiconDir(dir);
    if (!lexicons.ok()) {
      std::cerr << "newsalign-server: --lexicon_dir: " << lexicons.status().message() << "\n";
      return 2;
    }
    std::cerr << "newsalign-server: lexicons " << absl::StrJoin(lexicons->Pairs(), ", ")
              << " from " << dir << "\n";
    options.service.lexicons =
        std::make_shared<const newsalign::LexiconSet>(*std::move(lexicons));
  }

  options.reflection = absl::GetFlag(FLAGS_reflection);
  struct PemFlag {
    const char* flag;
    std::string path;
    std::string* pem;
  };
  for (const PemFlag& pem :
       {PemFlag{"--tls_cert", absl::GetFlag(FLAGS_tls_cert), &options.tls_cert_pem},
        PemFlag{"--tls_key", absl::GetFlag(FLAGS_tls_key), &options.tls_key_pem},
        PemFlag{"--tls_client_ca", absl::GetFlag(FLAGS_tls_client_ca),
                &options.tls_client_ca_pem}}) {
    if (pem.path.empty()) continue;
    absl::StatusOr<std::string> content = newsalign::ReadPemFile(pem.path, pem.flag);
    if (!content.ok()) {
      std::cerr << "newsalign-server: " << content.status().message() << "\n";
      return 2;
    }
    *pem.pem = *std::move(content);
  }
  if (const std::string path = absl::GetFlag(FLAGS_auth_token_file); !path.empty()) {
    absl::StatusOr<std::string> token = newsalign::ReadTokenFile(path, "--auth_token_file");
    if (!token.ok()) {
      std::cerr << "newsalign-server: " << token.status().message() << "\n";
      return 2;
    }
    options.service.auth_token = *std::move(token);
  }
  const double drain_seconds = absl::GetFlag(FLAGS_drain_seconds);
  const double grace_seconds = absl::GetFlag(FLAGS_shutdown_grace_seconds);
  if (!(std::isfinite(drain_seconds) && drain_seconds >= 0 && drain_seconds <= 86400)) {
    std::cerr << "newsalign-server: --drain_seconds must be between 0 and 86400, got "
              << drain_seconds << "\n";
    return 2;
  }
  if (!(std::isfinite(grace_seconds) && grace_seconds >= 0 && grace_seconds <= 86400)) {
    std::cerr << "newsalign-server: --shutdown_grace_seconds must be between 0 and 86400, got "
              << grace_seconds << "\n";
    return 2;
  }

  // Block the signals before gRPC starts its threads, so they all inherit the mask and the
  // signals reach only the sigwait() below: no gRPC call ever runs inside a signal handler.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  absl::StatusOr<std::unique_ptr<newsalign::AlignmentServer>> server =
      newsalign::AlignmentServer::Start(options);
  if (!server.ok()) {
    std::cerr << "newsalign-server: " << server.status().message() << "\n";
    return server.status().code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
  }
  std::cerr << "newsalign-server: " << (options.tls_cert_pem.empty() ? "plaintext" : "TLS")
            << (options.tls_client_ca_pem.empty() ? "" : " with client certificates")
            << (options.service.auth_token.empty() ? ", no token" : ", bearer token required")
            << (options.reflection ? ", reflection on" : ", reflection off") << "\n";
  std::cout << "listening on " << (*server)->address() << std::endl;
  if (!(*server)->metrics_address().empty()) {
    std::cout << "metrics on http://" << (*server)->metrics_address() << "/metrics" << std::endl;
  }

  int signal_number = 0;
  sigwait(&signals, &signal_number);
  std::cerr << "newsalign-server: " << (signal_number == SIGTERM ? "SIGTERM" : "SIGINT")
            << ", draining: health NOT_SERVING, still serving for up to " << drain_seconds
            << " s (signal again to stop now)" << std::endl;
  (*server)->SetNotServing();
  // Waits out the drain, or until a second signal.
  const absl::Time drain_end = absl::Now() + absl::Seconds(drain_seconds);
  for (absl::Duration left = drain_end - absl::Now(); left > absl::ZeroDuration();
       left = drain_end - absl::Now()) {
    const timespec timeout = absl::ToTimespec(left);
    if (sigtimedwait(&signals, nullptr, &timeout) >= 0 || errno != EINTR) break;
  }
  std::cerr << "newsalign-server: shutting down: new calls get UNAVAILABLE, calls in flight have "
            << grace_seconds << " s" << std::endl;
  (*server)->Shutdown(absl::Now() + absl::Seconds(grace_seconds));
  std::cerr << "newsalign-server: stopped\n";
  return 0;
}
