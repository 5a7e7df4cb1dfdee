#include "server/deterministic_message.h"

#include <cstdint>
#include <limits>

#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "grpcpp/support/slice.h"

namespace newsalign {
namespace {

// Writes `message` (whose cached sizes are set: ByteSizeLong() was just called, giving `size`)
// into the `size` bytes at `out`. False when the stream fails.
bool WriteInto(const google::protobuf::MessageLite& message, size_t size, uint8_t* out) {
  google::protobuf::io::ArrayOutputStream array(out, static_cast<int>(size));
  google::protobuf::io::CodedOutputStream coded(&array);
  coded.SetSerializationDeterministic(true);
  message.SerializeWithCachedSizes(&coded);
  coded.Trim();
  return !coded.HadError() && coded.ByteCount() == static_cast<int64_t>(size);
}

}  // namespace

std::string SerializeDeterministically(const google::protobuf::MessageLite& message) {
  const size_t size = message.ByteSizeLong();
  std::string bytes(size, '\0');
  if (size > static_cast<size_t>(std::numeric_limits<int>::max()) ||
      !WriteInto(message, size, reinterpret_cast<uint8_t*>(bytes.data()))) {
    return std::string();
  }
  return bytes;
}

grpc::Status SerializeDeterministically(const google::protobuf::MessageLite& message,
                                        grpc::ByteBuffer* buffer) {
  const size_t size = message.ByteSizeLong();
  if (size > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return grpc::Status(grpc::StatusCode::INTERNAL,
                        "the response is over protobuf's 2 GiB limit for one message");
  }
  grpc::Slice slice(size);
  if (!WriteInto(message, size, const_cast<uint8_t*>(slice.begin()))) {
    return grpc::Status(grpc::StatusCode::INTERNAL, "the response could not be serialized");
  }
  grpc::ByteBuffer bytes(&slice, 1);
  buffer->Swap(&bytes);
  return grpc::Status::OK;
}

}  // namespace newsalign
