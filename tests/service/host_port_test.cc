// ValidateHostPort(): the addresses --listen and --server accept, and the ones gRPC would
// quietly misread.
#include "server/host_port.h"

#include <string>

#include "gtest/gtest.h"

namespace newsalign {
namespace {

TEST(HostPortTest, AcceptsHostAndPortInRange) {
  for (const char* address : {"127.0.0.1:50051", "127.0.0.1:0", "[::1]:0", "[::]:65535",
                              "localhost:1", "0.0.0.0:50051"}) {
    EXPECT_TRUE(ValidateHostPort(address, PortZero::kAllowed).ok()) << address;
  }
  EXPECT_TRUE(ValidateHostPort("[::1]:50051", PortZero::kRefused).ok());
}

TEST(HostPortTest, RefusesPortsOutsideTheRangeThatGrpcWouldWrap) {
  // gRPC 1.51 listens on 105537 mod 65536 = 40001.
  const absl::Status status = ValidateHostPort("127.0.0.1:105537", PortZero::kAllowed);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "port \"105537\" of \"127.0.0.1:105537\" is not a port number: use 0 to 65535 (0 "
            "picks a free port)");
  EXPECT_EQ(ValidateHostPort("127.0.0.1:65536", PortZero::kAllowed).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidateHostPort("127.0.0.1:99999999999", PortZero::kAllowed).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(HostPortTest, RefusesPortsThatAreNotDecimalNumbers) {
  for (const char* address : {"127.0.0.1:http", "127.0.0.1:", "127.0.0.1:-1", "127.0.0.1:+80",
                              "127.0.0.1:8 0", "127.0.0.1:0x50"}) {
    EXPECT_EQ(ValidateHostPort(address, PortZero::kAllowed).code(),
              absl::StatusCode::kInvalidArgument)
        << address;
  }
}

TEST(HostPortTest, RefusesPortZeroForATarget) {
  const absl::Status status = ValidateHostPort("127.0.0.1:0", PortZero::kRefused);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "port \"0\" of \"127.0.0.1:0\" is not a port number: use 1 to 65535");
}

TEST(HostPortTest, RefusesAMissingHostOrPortAndBareIpv6) {
  EXPECT_EQ(ValidateHostPort("127.0.0.1", PortZero::kAllowed).message(),
            "\"127.0.0.1\" has no port: expected HOST:PORT, e.g. 127.0.0.1:50051");
  EXPECT_EQ(ValidateHostPort(":50051", PortZero::kAllowed).message(),
            "\":50051\" has no host: expected HOST:PORT, e.g. 127.0.0.1:50051");
  EXPECT_EQ(ValidateHostPort("::1:50051", PortZero::kAllowed).message(),
            "\"::1:50051\": write an IPv6 address in brackets, e.g. [::1]:50051");
}

}  // namespace
}  // namespace newsalign
