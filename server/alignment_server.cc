#include "server/alignment_server.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/resource_quota.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "grpcpp/support/channel_arguments.h"
#include "server/host_port.h"
#include "server/server_reflection.h"

namespace newsalign {
namespace {

// Returns the credentials `options` ask for: TLS (and mutual TLS) or plaintext.
std::shared_ptr<grpc::ServerCredentials> Credentials(const ServerOptions& options) {
  if (options.tls_cert_pem.empty()) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions tls(
      options.tls_client_ca_pem.empty()
          ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
          : GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  tls.pem_root_certs = options.tls_client_ca_pem;
  tls.pem_key_cert_pairs.push_back({options.tls_key_pem, options.tls_cert_pem});
  return grpc::SslServerCredentials(tls);
}

// Returns `address` with its port replaced by `port` ("[::]:0" -> "[::]:43125").
std::string WithPort(const std::string& address, int port) {
  const size_t colon = address.rfind(':');
  if (colon == std::string::npos) return absl::StrCat(address, ":", port);
  return absl::StrCat(address.substr(0, colon + 1), port);
}

}  // namespace

void SkipMutexDeadlockDetection() {
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
}

absl::Status ServerOptions::Validate() const {
  if (!listen_address.empty()) {
    if (absl::Status valid = ValidateHostPort(listen_address, PortZero::kAllowed); !valid.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("listen_address: ", valid.message()));
    }
  }
  if (max_receive_message_bytes <= 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "max_receive_message_bytes must be positive, got ", max_receive_message_bytes));
  }
  if (tls_cert_pem.empty() != tls_key_pem.empty()) {
    return absl::InvalidArgumentError(
        "tls_cert_pem and tls_key_pem go together: give both (TLS) or neither (plaintext)");
  }
  if (!tls_client_ca_pem.empty() && tls_cert_pem.empty()) {
    return absl::InvalidArgumentError(
        "tls_client_ca_pem (mutual TLS) needs TLS: give tls_cert_pem and tls_key_pem too");
  }
  if (!metrics_listen_address.empty()) {
    if (absl::Status valid = ValidateHostPort(metrics_listen_address, PortZero::kAllowed);
        !valid.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("metrics_listen_address: ", valid.message()));
    }
  }
  if (idle_threads < 0 || idle_threads > 4096) {
    return absl::InvalidArgumentError(absl::StrCat(
        "idle_threads must be between 0 (twice the workers, at least ", kDefaultIdleThreads,
        ") and 4096, got ", idle_threads));
  }
  if (max_threads < 0 || max_threads == 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "max_threads must be 0 (no limit) or at least 2 (one thread waits for calls, the others "
        "serve them), got ",
        max_threads));
  }
  return service.Validate();
}

int ServerOptions::EffectiveIdleThreads() const {
  if (idle_threads > 0) return idle_threads;
  return std::max(kDefaultIdleThreads, 2 * service.EffectiveWorkers());
}

absl::StatusOr<std::unique_ptr<AlignmentServer>> AlignmentServer::Start(
    const ServerOptions& options) {
  if (absl::Status valid = options.Validate(); !valid.ok()) return valid;

  // A process-wide switch read by every ServerBuilder built afterwards.
  grpc::EnableDefaultHealthCheckService(true);

  ServiceOptions service_options = options.service;
  std::unique_ptr<MetricsHttpServer> metrics_http;
  if (!options.metrics_listen_address.empty()) {
    if (service_options.metrics == nullptr) service_options.metrics = std::make_shared<Metrics>();
    absl::StatusOr<std::unique_ptr<MetricsHttpServer>> started =
        MetricsHttpServer::Start(options.metrics_listen_address, service_options.metrics);
    if (!started.ok()) return started.status();
    metrics_http = *std::move(started);
  }
  auto service = std::make_unique<AlignmentServiceImpl>(service_options);
  grpc::ServerBuilder builder;
  if (options.reflection) builder.SetOption(ServerReflectionOption());
  builder.RegisterService(service.get());
  builder.SetMaxReceiveMessageSize(options.max_receive_message_bytes);
  if (options.max_threads > 0) {
    grpc::ResourceQuota quota("newsalign-server");
    quota.SetMaxThreads(options.max_threads);
    builder.SetResourceQuota(quota);
  }
  // Threads that finish a call go back to waiting for the next one instead of ending, up to
  // this many (ServerOptions::idle_threads).
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS,
                              options.EffectiveIdleThreads());
  int port = 0;
  if (!options.listen_address.empty()) {
    builder.AddListeningPort(options.listen_address, Credentials(options), &port);
  }
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || (!options.listen_address.empty() && port == 0)) {
    return absl::UnavailableError(absl::StrCat("cannot listen on \"", options.listen_address,
                                               "\"; is the address valid and the port free?"));
  }
  grpc::HealthCheckServiceInterface* health = server->GetHealthCheckService();
  health->SetServingStatus("", true);
  health->SetServingStatus(kAlignmentServiceName, true);
  std::string address =
      options.listen_address.empty() ? "" : WithPort(options.listen_address, port);
  auto result = std::unique_ptr<AlignmentServer>(
      new AlignmentServer(std::move(service), std::move(server), std::move(address)));
  result->metrics_http_ = std::move(metrics_http);
  return result;
}

AlignmentServer::AlignmentServer(std::unique_ptr<AlignmentServiceImpl> service,
                                 std::unique_ptr<grpc::Server> server, std::string address)
    : service_(std::move(service)), server_(std::move(server)), address_(std::move(address)) {}

AlignmentServer::~AlignmentServer() { Shutdown(absl::Now()); }

std::shared_ptr<grpc::Channel> AlignmentServer::InProcessChannel() const {
  grpc::ChannelArguments arguments;
  // Responses carry both documents' sentences; do not cap them below what requests may carry.
  arguments.SetMaxReceiveMessageSize(-1);
  return server_->InProcessChannel(arguments);
}

void AlignmentServer::SetNotServing() {
  // Shutdown() of the health service sets every name NOT_SERVING and freezes them.
  server_->GetHealthCheckService()->Shutdown();
}

void AlignmentServer::Shutdown(absl::Time deadline) {
  if (shut_down_) return;
  shut_down_ = true;
  SetNotServing();
  server_->Shutdown(absl::ToChronoTime(deadline));
  server_->Wait();
}

}  // namespace newsalign
