// The server's and the client's secrets: TLS certificate files and the bearer token, read with
// a bound and checked, and the token compared in constant time.
//
//   ASSIGN_OR_RETURN(std::string token, ReadTokenFile("/run/secrets/newsalign-token",
//                                                     "--auth_token_file"));
//   if (!BearerTokenMatches(metadata_value, token)) return UNAUTHENTICATED;
#ifndef NEWSALIGN_SERVER_SECURITY_H_
#define NEWSALIGN_SERVER_SECURITY_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace newsalign {

// The metadata key of the bearer token ("authorization: Bearer <token>").
inline constexpr char kAuthorizationHeader[] = "authorization";

// Returns the content of a PEM file (certificate, key or CA bundle), at most 1 MiB; errors name
// `flag` and the file (NOT_FOUND, PERMISSION_DENIED, INVALID_ARGUMENT when empty or larger).
absl::StatusOr<std::string> ReadPemFile(const std::string& path, absl::string_view flag);

// Returns the token in a token file: its content without one final "\n" or "\r\n". Errors as
// ReadPemFile(), and INVALID_ARGUMENT when the token is not ValidateToken()'s.
absl::StatusOr<std::string> ReadTokenFile(const std::string& path, absl::string_view flag);

// Returns OK for a token an HTTP/2 header can carry: 1 to 4096 visible ASCII characters
// (no spaces, no controls); INVALID_ARGUMENT saying what is wrong (never the token) otherwise.
absl::Status ValidateToken(absl::string_view token);

// Returns true when `header` is "Bearer <token>", comparing the token in time that depends on
// its length only, not on where the first difference is.
bool BearerTokenMatches(absl::string_view header, absl::string_view token);

}  // namespace newsalign

#endif  // NEWSALIGN_SERVER_SECURITY_H_
