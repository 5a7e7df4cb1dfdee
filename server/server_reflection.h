// gRPC server reflection, both versions: grpc.reflection.v1.ServerReflection, which grpcurl,
// grpcui and Postman ask for first, and grpc.reflection.v1alpha.ServerReflection, the only one
// gRPC 1.51 serves (libgrpc++_reflection). The two protocols differ only in their package
// (proto/grpc/reflection/v1*/reflection.proto), so one implementation answers both, over the
// process's generated descriptor pool: every .proto compiled into the server.
//
//   grpc::ServerBuilder builder;
//   builder.SetOption(ServerReflectionOption());
//   builder.RegisterService(&service);
//   std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
//
// A request asking for a file, a symbol, an extension or a type the server does not know is
// answered on the stream with an error_response (NOT_FOUND), and the stream goes on; a request
// with none of the known kinds gets UNIMPLEMENTED there. The call itself ends OK when the
// client closes its side. Reflection needs no token: the schema is public in proto/.
//
// A program using this must not link gRPC::grpc++_reflection, which defines the v1alpha
// messages too.
#ifndef NEWSALIGN_SERVER_SERVER_REFLECTION_H_
#define NEWSALIGN_SERVER_SERVER_REFLECTION_H_

#include <memory>

#include "grpcpp/impl/server_builder_option.h"

namespace newsalign {

// The full names of the two reflection services.
inline constexpr char kReflectionV1ServiceName[] = "grpc.reflection.v1.ServerReflection";
inline constexpr char kReflectionV1alphaServiceName[] = "grpc.reflection.v1alpha.ServerReflection";

// Returns a builder option that adds both reflection services to the server it builds; their
// list_services answers name every service of that server, themselves included.
std::unique_ptr<grpc::ServerBuilderOption> ServerReflectionOption();

}  // namespace newsalign

#endif  // NEWSALIGN_SERVER_SERVER_REFLECTION_H_
