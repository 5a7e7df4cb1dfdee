#include "server/host_port.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace newsalign {

absl::Status ValidateHostPort(absl::string_view address, PortZero port_zero) {
  const absl::string_view range =
      port_zero == PortZero::kAllowed ? "0 to 65535 (0 picks a free port)" : "1 to 65535";
  const size_t colon = address.rfind(':');
  if (colon == absl::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", address, "\" has no port: expected HOST:PORT, e.g. 127.0.0.1:50051"));
  }
  const absl::string_view host = address.substr(0, colon);
  const absl::string_view port = address.substr(colon + 1);
  if (host.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", address, "\" has no host: expected HOST:PORT, e.g. 127.0.0.1:50051"));
  }
  const bool bracketed = host.front() == '[' && host.back() == ']';
  if (!bracketed && host.find(':') != absl::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", address, "\": write an IPv6 address in brackets, e.g. [::1]:50051"));
  }
  bool digits = !port.empty() && port.size() <= 5;
  for (const char c : port) digits = digits && absl::ascii_isdigit(static_cast<unsigned char>(c));
  int value = -1;
  if (digits) {
    value = 0;
    for (const char c : port) value = value * 10 + (c - '0');
  }
  const int lowest = port_zero == PortZero::kAllowed ? 0 : 1;
  if (value < lowest || value > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("port \"", port, "\" of \"", address, "\" is not a port number: use ", range));
  }
  return absl::OkStatus();
}

}  // namespace newsalign
