// Checks "host:port" addresses before gRPC sees them: gRPC 1.51 reads the port modulo 65536
// ("127.0.0.1:105537" listens on 40001) and takes a name without a port as given, so a typo
// would listen or connect somewhere else without a word.
//
//   if (absl::Status valid = ValidateHostPort(address, PortZero::kAllowed); !valid.ok()) ...
#ifndef NEWSALIGN_SERVER_HOST_PORT_H_
#define NEWSALIGN_SERVER_HOST_PORT_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace newsalign {

// Whether port 0 ("pick a free port") makes sense: for a listening address, not for a target.
enum class PortZero { kAllowed, kRefused };

// Returns OK when `address` is HOST:PORT with a non-empty HOST (an IPv6 address in brackets,
// "[::1]:50051") and PORT decimal digits within 0..65535 (1..65535 with PortZero::kRefused);
// INVALID_ARGUMENT saying what is wrong and what is expected otherwise.
absl::Status ValidateHostPort(absl::string_view address, PortZero port_zero);

}  // namespace newsalign

#endif  // NEWSALIGN_SERVER_HOST_PORT_H_
