// Requests that reach the service even when protobuf cannot parse them, so the service can say
// why. Protobuf's C++ parser refuses a proto3 string field holding invalid UTF-8 and gRPC then
// answers INTERNAL with an empty message before any service code runs; a client other than
// `newsalign` (which checks first) learns nothing. CheckedRequest<M> is a request type with its
// own grpc::SerializationTraits: it parses M as usual and, when that fails, keeps the parse
// error (INVALID_ARGUMENT naming the field and the byte offset) for the handler to report.
//
//   CheckedRequest<v1::AlignRequest> request;
//   stream->Read(&request);
//   if (!request.status.ok()) return ToGrpcStatus(request.status);  // "source.text: invalid..."
//   Use(request.message);
#ifndef NEWSALIGN_SERVER_CHECKED_REQUEST_H_
#define NEWSALIGN_SERVER_CHECKED_REQUEST_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "grpcpp/impl/serialization_traits.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/slice.h"
#include "grpcpp/support/status.h"

namespace newsalign {

// A request message and whether it parsed.
template <class Message>
struct CheckedRequest {
  // The request; empty when `status` is not OK.
  Message message;
  // OK, or INVALID_ARGUMENT from DiagnoseUnparsableMessage().
  absl::Status status;
};

// Returns INVALID_ARGUMENT saying why `bytes` do not parse as a `type` message: the first string
// field that is not valid UTF-8, by its path and the offset of the bad byte in it
// ("source.text: invalid UTF-8 at byte 17", "target.sentences[1]: invalid UTF-8 at byte 14"),
// or else that the bytes are not that message at all.
absl::Status DiagnoseUnparsableMessage(absl::string_view bytes,
                                       const google::protobuf::Descriptor& type);

// Parses `bytes` into `message`; on failure clears it and returns DiagnoseUnparsableMessage().
absl::Status ParseChecked(absl::string_view bytes, google::protobuf::Message& message);

}  // namespace newsalign

namespace grpc {

// Reads a CheckedRequest from the wire. Never fails the call itself: a request that does not
// parse arrives with its `status` set, so the handler answers INVALID_ARGUMENT and logs it.
template <class Message>
class SerializationTraits<newsalign::CheckedRequest<Message>, void> {
 public:
  static Status Deserialize(ByteBuffer* buffer, newsalign::CheckedRequest<Message>* request) {
    std::vector<Slice> slices;
    const Status dumped = buffer->Dump(&slices);
    buffer->Clear();
    if (!dumped.ok()) return dumped;
    std::string bytes;
    for (const Slice& slice : slices) {
      bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
    }
    request->status = newsalign::ParseChecked(bytes, request->message);
    return Status::OK;
  }
};

}  // namespace grpc

#endif  // NEWSALIGN_SERVER_CHECKED_REQUEST_H_
