#include "server/security.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace newsalign {
namespace {

// Largest PEM or token file read.
constexpr size_t kMaxSecretFileBytes = 1 << 20;
// Longest token.
constexpr size_t kMaxTokenBytes = 4096;

}  // namespace

absl::StatusOr<std::string> ReadPemFile(const std::string& path, absl::string_view flag) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    const int error = errno;
    const std::string message =
        absl::StrCat(flag, ": cannot read \"", path, "\": ", std::strerror(error));
    if (error == EACCES || error == EPERM) return absl::PermissionDeniedError(message);
    return absl::NotFoundError(message);
  }
  std::string content(kMaxSecretFileBytes + 1, '\0');
  file.read(content.data(), static_cast<std::streamsize>(content.size()));
  if (file.bad()) {
    return absl::DataLossError(absl::StrCat(flag, ": cannot read \"", path, "\""));
  }
  content.resize(static_cast<size_t>(file.gcount()));
  if (content.size() > kMaxSecretFileBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": \"", path, "\" is larger than ", kMaxSecretFileBytes, " bytes"));
  }
  if (content.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(flag, ": \"", path, "\" is empty"));
  }
  return content;
}

absl::StatusOr<std::string> ReadTokenFile(const std::string& path, absl::string_view flag) {
  absl::StatusOr<std::string> content = ReadPemFile(path, flag);
  if (!content.ok()) return content.status();
  absl::string_view token = *content;
  if (absl::ConsumeSuffix(&token, "\n")) absl::ConsumeSuffix(&token, "\r");
  if (absl::Status valid = ValidateToken(token); !valid.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(flag, ": \"", path, "\": ", valid.message()));
  }
  return std::string(token);
}

absl::Status ValidateToken(absl::string_view token) {
  if (token.empty()) return absl::InvalidArgumentError("the token is empty");
  if (token.size() > kMaxTokenBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("the token has ", token.size(), " bytes; the limit is ", kMaxTokenBytes));
  }
  for (size_t i = 0; i < token.size(); ++i) {
    const auto c = static_cast<unsigned char>(token[i]);
    if (c <= 0x20 || c >= 0x7f) {
      return absl::InvalidArgumentError(
          absl::StrCat("the token has a space, control or non-ASCII byte at offset ", i,
                       "; use visible ASCII only (e.g. openssl rand -hex 32)"));
    }
  }
  return absl::OkStatus();
}

bool BearerTokenMatches(absl::string_view header, absl::string_view token) {
  if (!absl::ConsumePrefix(&header, "Bearer ")) return false;
  // Every byte of `token` is compared whatever `header` holds; only the token's length shows.
  volatile unsigned char difference = header.size() == token.size() ? 0 : 1;
  for (size_t i = 0; i < token.size(); ++i) {
    const unsigned char given = i < header.size() ? static_cast<unsigned char>(header[i]) : 0;
    difference = difference | (given ^ static_cast<unsigned char>(token[i]));
  }
  return difference == 0;
}

}  // namespace newsalign
