#include "server/alignment_server.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/resource_quota.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "grpcpp/support/channel_arguments.h"
#include "server/host_port.h"

namespace newsalign {
namespace {

// Returns `address` with its port replaced by `port` ("[::]:0" -> "[::]:43125").
std::string WithPort(const std::string& address, int port) {
  const size_t colon = address.rfind(':');
  if (colon == std::string::npos) return absl::StrCat(address, ":", port);
  return absl::StrCat(address.substr(0, colon + 1), port);
}

}  // namespace

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
  if (max_threads < 0 || max_threads == 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "max_threads must be 0 (no limit) or at least 2 (one thread waits for calls, the others "
        "serve them), got ",
        max_threads));
  }
  return service.Validate();
}

absl::StatusOr<std::unique_ptr<AlignmentServer>> AlignmentServer::Start(
    const ServerOptions& options) {
  if (absl::Status valid = options.Validate(); !valid.ok()) return valid;

  // Both are process-wide switches read by every ServerBuilder built afterwards.
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  auto service = std::make_unique<AlignmentServiceImpl>(options.service);
  grpc::ServerBuilder builder;
  builder.RegisterService(service.get());
  builder.SetMaxReceiveMessageSize(options.max_receive_message_bytes);
  if (options.max_threads > 0) {
    grpc::ResourceQuota quota("newsalign-server");
    quota.SetMaxThreads(options.max_threads);
    builder.SetResourceQuota(quota);
  }
  int port = 0;
  if (!options.listen_address.empty()) {
    builder.AddListeningPort(options.listen_address, grpc::InsecureServerCredentials(), &port);
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
  return std::unique_ptr<AlignmentServer>(
      new AlignmentServer(std::move(service), std::move(server), std::move(address)));
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
