#include "server/server_reflection.h"

#include <atomic>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "grpc/health/v1/health.pb.h"
#include "grpc/reflection/v1/reflection.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "grpcpp/impl/server_builder_plugin.h"
#include "grpcpp/impl/server_initializer.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/status.h"
#include "grpcpp/support/sync_stream.h"

namespace newsalign {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::DescriptorPool;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::FileDescriptor;

// The names of the server's services, known once the server has started (gRPC hands plugins
// the list after Start()); nullptr before.
using ServiceList = std::atomic<const std::vector<std::string>*>;

// Adds `file` and, after it, every file it imports, directly or not, each once: a client can
// build the file from one answer. The requested file comes first.
template <typename Response>
void AddFileAndDependencies(const FileDescriptor* file, absl::flat_hash_set<std::string>* seen,
                            Response* response) {
  if (!seen->insert(file->name()).second) return;
  google::protobuf::FileDescriptorProto proto;
  file->CopyTo(&proto);
  proto.SerializeToString(
      response->mutable_file_descriptor_response()->add_file_descriptor_proto());
  for (int i = 0; i < file->dependency_count(); ++i) {
    AddFileAndDependencies(file->dependency(i), seen, response);
  }
}

template <typename Response>
grpc::Status AnswerWithFile(const FileDescriptor* file, Response* response) {
  absl::flat_hash_set<std::string> seen;
  AddFileAndDependencies(file, &seen, response);
  return grpc::Status::OK;
}

grpc::Status NotFound(absl::string_view what, absl::string_view name) {
  return grpc::Status(grpc::StatusCode::NOT_FOUND,
                      absl::StrCat(what, " \"", name, "\" is not known to this server"));
}

// Fills `response` with the answer to `request`, or returns the error to put in its
// error_response. One function for both versions: their messages have the same fields.
template <typename Request, typename Response>
grpc::Status Answer(const Request& request, const std::vector<std::string>* services,
                    Response* response) {
  const DescriptorPool* pool = DescriptorPool::generated_pool();
  switch (request.message_request_case()) {
    case Request::kFileByFilename: {
      const FileDescriptor* file = pool->FindFileByName(request.file_by_filename());
      if (file == nullptr) return NotFound("file", request.file_by_filename());
      return AnswerWithFile(file, response);
    }
    case Request::kFileContainingSymbol: {
      const FileDescriptor* file = pool->FindFileContainingSymbol(request.file_containing_symbol());
      if (file == nullptr) return NotFound("symbol", request.file_containing_symbol());
      return AnswerWithFile(file, response);
    }
    case Request::kFileContainingExtension: {
      const auto& extension = request.file_containing_extension();
      const Descriptor* type = pool->FindMessageTypeByName(extension.containing_type());
      if (type == nullptr) return NotFound("message type", extension.containing_type());
      const FieldDescriptor* field =
          pool->FindExtensionByNumber(type, extension.extension_number());
      if (field == nullptr) {
        return NotFound("extension", absl::StrCat(extension.containing_type(), "(",
                                                  extension.extension_number(), ")"));
      }
      return AnswerWithFile(field->file(), response);
    }
    case Request::kAllExtensionNumbersOfType: {
      const Descriptor* type = pool->FindMessageTypeByName(request.all_extension_numbers_of_type());
      if (type == nullptr) return NotFound("message type", request.all_extension_numbers_of_type());
      std::vector<const FieldDescriptor*> extensions;
      pool->FindAllExtensions(type, &extensions);
      auto* numbers = response->mutable_all_extension_numbers_response();
      numbers->set_base_type_name(type->full_name());
      for (const FieldDescriptor* field : extensions) {
        numbers->add_extension_number(field->number());
      }
      return grpc::Status::OK;
    }
    case Request::kListServices: {
      if (services == nullptr) {
        return grpc::Status(grpc::StatusCode::UNAVAILABLE, "the server is still starting");
      }
      auto* list = response->mutable_list_services_response();
      for (const std::string& name : *services) list->add_service()->set_name(name);
      return grpc::Status::OK;
    }
    default:
      // Nothing set, or a kind of request newer than this server's copy of the protocol.
      return grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                          "no request this server knows: set file_by_filename, "
                          "file_containing_symbol, file_containing_extension, "
                          "all_extension_numbers_of_type or list_services");
  }
}

// One version of the reflection service: `Generated` is that version's generated service
// class (grpc::reflection::v1::ServerReflection), Request and Response its messages.
template <typename Generated, typename Request, typename Response>
class ReflectionService final : public Generated::Service {
 public:
  explicit ReflectionService(std::shared_ptr<const ServiceList> services)
      : services_(std::move(services)) {}

  grpc::Status ServerReflectionInfo(grpc::ServerContext* /*context*/,
                                    grpc::ServerReaderWriter<Response, Request>* stream) override {
    Request request;
    while (stream->Read(&request)) {
      Response response;
      const grpc::Status status = Answer(request, services_->load(), &response);
      if (!status.ok()) {
        response.mutable_error_response()->set_error_code(status.error_code());
        response.mutable_error_response()->set_error_message(status.error_message());
      }
      response.set_valid_host(request.host());
      *response.mutable_original_request() = request;
      if (!stream->Write(response)) break;
    }
    return grpc::Status::OK;
  }

 private:
  std::shared_ptr<const ServiceList> services_;
};

using ReflectionV1 = ReflectionService<grpc::reflection::v1::ServerReflection,
                                       grpc::reflection::v1::ServerReflectionRequest,
                                       grpc::reflection::v1::ServerReflectionResponse>;
using ReflectionV1alpha = ReflectionService<grpc::reflection::v1alpha::ServerReflection,
                                            grpc::reflection::v1alpha::ServerReflectionRequest,
                                            grpc::reflection::v1alpha::ServerReflectionResponse>;

// Registers both services on the server being built and, once it has started, gives them the
// list of its services.
class ReflectionPlugin final : public grpc::ServerBuilderPlugin {
 public:
  ReflectionPlugin()
      : services_(std::make_shared<ServiceList>(nullptr)),
        v1_(std::make_shared<ReflectionV1>(services_)),
        v1alpha_(std::make_shared<ReflectionV1alpha>(services_)) {
    // gRPC's default health service is built without protobuf descriptors; naming the
    // project's copy of its proto links it in, so the listed grpc.health.v1.Health can be
    // described too.
    grpc::health::v1::HealthCheckRequest::descriptor();
  }

  std::string name() override { return "newsalign_server_reflection"; }
  void InitServer(grpc::ServerInitializer* initializer) override {
    initializer->RegisterService(v1_);
    initializer->RegisterService(v1alpha_);
  }
  void Finish(grpc::ServerInitializer* initializer) override {
    // The server's own list, filled before it started and not changed after.
    services_->store(initializer->GetServiceList());
  }
  void ChangeArguments(const std::string& /*name*/, void* /*value*/) override {}
  bool has_sync_methods() const override { return true; }

 private:
  std::shared_ptr<ServiceList> services_;
  std::shared_ptr<ReflectionV1> v1_;
  std::shared_ptr<ReflectionV1alpha> v1alpha_;
};

class ReflectionOption final : public grpc::ServerBuilderOption {
 public:
  void UpdateArguments(grpc::ChannelArguments* /*arguments*/) override {}
  void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>* plugins) override {
    plugins->push_back(std::make_unique<ReflectionPlugin>());
  }
};

}  // namespace

std::unique_ptr<grpc::ServerBuilderOption> ServerReflectionOption() {
  return std::make_unique<ReflectionOption>();
}

}  // namespace newsalign
