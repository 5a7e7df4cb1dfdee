// The whole newsalign server: AlignmentService plus standard health checking and reflection on
// one grpc::Server, listening on a TCP address or on none at all (in-process only, for the
// client's local mode and for tests), and an orderly shutdown.
//
//   ServerOptions options;
//   options.listen_address = "127.0.0.1:0";
//   ASSIGN_OR_RETURN(std::unique_ptr<AlignmentServer> server, AlignmentServer::Start(options));
//   std::cout << "listening on " << server->address() << "\n";
//   ...
//   server->Shutdown(absl::Now() + absl::Seconds(10));
#ifndef NEWSALIGN_SERVER_ALIGNMENT_SERVER_H_
#define NEWSALIGN_SERVER_ALIGNMENT_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/server.h"
#include "server/alignment_service.h"
#include "server/metrics.h"

namespace newsalign {

// Switches off Abseil's lock-order check, for a process that serves or calls gRPC: call it at
// the start of main(). Debian builds Abseil without NDEBUG, so every absl::Mutex acquisition
// (gRPC's locks are absl::Mutex) records the locks held in one graph under a global lock, to
// report a possible deadlock by aborting the process. That bookkeeping is for debug builds:
// at 8 calls in flight it took 2-3 % of the server's calls/s (bench/RESULTS.md, 2026-12-06,
// sixth session).
void SkipMutexDeadlockDetection();

// The name health checks use for the alignment service ("" means the whole server).
inline constexpr char kAlignmentServiceName[] = "newsalign.v1.AlignmentService";

struct ServerOptions {
  // "host:port" to listen on (port 0 picks a free port), or "" to listen nowhere and serve
  // only InProcessChannel().
  std::string listen_address;
  // Largest request message gRPC accepts, in bytes (gRPC's own default is 4 MiB).
  int max_receive_message_bytes = 16 << 20;
  // Most threads of the server (gRPC resource quota), 0 or at least 2; 0 means no limit
  // (gRPC's default: one thread per call in flight). One thread waits for calls, so at most
  // max_threads - 1 calls run at once; gRPC fails the calls beyond that at once with
  // RESOURCE_EXHAUSTED ("Server Threadpool Exhausted"), which clients may retry.
  int max_threads = 0;
  // Most threads kept waiting for calls between calls (gRPC's MAX_POLLERS), 0 to 4096; 0 means
  // kDefaultIdleThreads or twice the service's workers, whichever is more. Each call in flight
  // holds a thread (waiting ones too, in the work queue). gRPC's own default of 2 made a busy
  // server start and end a thread for most calls: at 8 calls in flight, 306 threads started
  // in 800 calls, each leaving memory for the allocator to hand back (483 madvise calls).
  int idle_threads = 0;
  static constexpr int kDefaultIdleThreads = 16;
  // TLS: the server's PEM certificate chain and private key. Both empty: plaintext (keep it on
  // loopback, or behind a proxy that terminates TLS).
  std::string tls_cert_pem;
  std::string tls_key_pem;
  // Mutual TLS: PEM CA certificates. When set (with TLS), every client must present a
  // certificate signed by one of them; the handshake of one that does not fails, and its
  // calls end with UNAVAILABLE.
  std::string tls_client_ca_pem;
  // Serve gRPC server reflection (grpc.reflection.v1 and v1alpha.ServerReflection,
  // server/server_reflection.h), which lists the services and their descriptors (public in
  // proto/ anyway) and needs no token.
  bool reflection = true;
  // The service's limits, log and bearer token (ServiceOptions::auth_token).
  ServiceOptions service;
  // "host:port" to serve Prometheus metrics on at /metrics over plain HTTP (port 0 picks a free
  // port), or "" for none. Keep it on loopback or a private network: it needs no token.
  std::string metrics_listen_address;

  // Returns INVALID_ARGUMENT naming the first field out of range, or a TLS field without its
  // companion (a certificate without its key, a client CA without TLS).
  absl::Status Validate() const;
  // The threads `idle_threads` means (0: the default).
  int EffectiveIdleThreads() const;
};

class AlignmentServer {
 public:
  // Starts a server with AlignmentService, health checking (SERVING for "" and
  // kAlignmentServiceName) and, if options.reflection, reflection; over TLS when
  // options.tls_cert_pem is set. INVALID_ARGUMENT for bad options, UNAVAILABLE when
  // the address cannot be listened on.
  static absl::StatusOr<std::unique_ptr<AlignmentServer>> Start(const ServerOptions& options);

  AlignmentServer(const AlignmentServer&) = delete;
  AlignmentServer& operator=(const AlignmentServer&) = delete;
  // Shuts down at once (cancelling calls in flight) if Shutdown() was not called.
  ~AlignmentServer();

  // Returns the address listened on with the port actually bound ("127.0.0.1:43125"), or ""
  // when the server listens nowhere.
  const std::string& address() const { return address_; }
  // The metrics address with the port actually bound, or "" when metrics are not served.
  std::string metrics_address() const { return metrics_http_ ? metrics_http_->address() : ""; }

  // Returns a channel to the server that bypasses the network. It must not be used after
  // Shutdown() (gRPC does not guard in-process calls to a stopped server).
  std::shared_ptr<grpc::Channel> InProcessChannel() const;

  // The service itself, for a client in this process that calls it without gRPC
  // (AlignmentServiceImpl::AlignInProcess). It must not be used after Shutdown().
  AlignmentServiceImpl& service() const { return *service_; }

  // Makes health checks answer NOT_SERVING for every service, for good (load balancers stop
  // sending calls); the server still serves calls.
  void SetNotServing();

  // SetNotServing(), stops accepting calls, lets calls in flight finish until `deadline` and
  // cancels those still running then; returns when all have ended. Idempotent.
  void Shutdown(absl::Time deadline);

 private:
  AlignmentServer(std::unique_ptr<AlignmentServiceImpl> service,
                  std::unique_ptr<grpc::Server> server, std::string address);

  // Declared first so the server, which refers to it, is destroyed first.
  std::unique_ptr<AlignmentServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
  bool shut_down_ = false;
  // Declared last, so it stops first (it reads the service's queue).
  std::unique_ptr<MetricsHttpServer> metrics_http_;
};

}  // namespace newsalign

#endif  // NEWSALIGN_SERVER_ALIGNMENT_SERVER_H_
