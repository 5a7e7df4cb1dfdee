// Responses that go on the wire as the same bytes every time. Protobuf's C++ serializer writes
// the entries of a map field in its hash table's order, and 3.21 seeds each map's table from
// its address and the processor's clock: the same AlignResponse (the summary's bead_counts, the
// report's finding_counts) left the server as different bytes from one call to the next, though
// every field was equal. DeterministicMessage<M> is a response type with its own
// grpc::SerializationTraits: it writes M with CodedOutputStream::SetSerializationDeterministic,
// map entries in key order, as the client's JSON printer already does.
//
//   v1::AlignResponse response = ...;
//   stream->Write(DeterministicMessage<v1::AlignResponse>(response));
#ifndef NEWSALIGN_SERVER_DETERMINISTIC_MESSAGE_H_
#define NEWSALIGN_SERVER_DETERMINISTIC_MESSAGE_H_

#include <string>

#include "google/protobuf/message_lite.h"
#include "grpcpp/impl/serialization_traits.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/status.h"

namespace newsalign {

// A message to be written with its map entries in key order. Holds a reference: `message` must
// outlive it (a gRPC write serializes the message before it returns).
template <class Message>
class DeterministicMessage {
 public:
  explicit DeterministicMessage(const Message& message) : message_(&message) {}

  const Message& message() const { return *message_; }

 private:
  const Message* message_;
};

// Returns `message`'s wire bytes with every map field's entries in key order: the same message
// gives the same bytes (within one build of protobuf). Empty past protobuf's 2 GiB limit.
std::string SerializeDeterministically(const google::protobuf::MessageLite& message);

// Serializes `message` as SerializeDeterministically() does, into `buffer` (one slice).
// INTERNAL when the message is over protobuf's 2 GiB limit.
grpc::Status SerializeDeterministically(const google::protobuf::MessageLite& message,
                                        grpc::ByteBuffer* buffer);

}  // namespace newsalign

namespace grpc {

// Writes a DeterministicMessage to the wire (a server writes responses; it never reads one).
template <class Message>
class SerializationTraits<newsalign::DeterministicMessage<Message>, void> {
 public:
  static Status Serialize(const newsalign::DeterministicMessage<Message>& wrapped,
                          ByteBuffer* buffer, bool* own_buffer) {
    *own_buffer = true;
    return newsalign::SerializeDeterministically(wrapped.message(), buffer);
  }
};

}  // namespace grpc

#endif  // NEWSALIGN_SERVER_DETERMINISTIC_MESSAGE_H_
