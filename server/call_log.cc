#include "server/call_log.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"

namespace newsalign {
namespace {

constexpr size_t kMaxIdBytes = 64;

}  // namespace

absl::string_view LogLevelOf(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return "INFO";
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDataLoss:
    case absl::StatusCode::kUnimplemented:
      return "ERROR";
    default:
      return "WARNING";
  }
}

std::string JsonEscape(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const unsigned char byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (byte < 0x20 || byte == 0x7f) {
          absl::StrAppendFormat(&out, "\\u%04x", byte);
        } else {
          out += c;
        }
    }
  }
  return out;
}

CallLogLine::CallLogLine(absl::string_view method, absl::StatusCode code, absl::Time now) {
  fields_ = absl::StrCat(
      "{\"time\":\"", absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", now, absl::UTCTimeZone()),
      "\",\"level\":\"", LogLevelOf(code), "\",\"method\":\"", JsonEscape(method),
      "\",\"code\":\"", absl::StatusCodeToString(code), "\"");
}

CallLogLine& CallLogLine::Add(absl::string_view key, absl::string_view value) {
  bool cut = false;
  if (key == "id" && value.size() > kMaxIdBytes) {
    size_t end = kMaxIdBytes;
    // Back to the first byte of a UTF-8 character.
    while (end > 0 && (static_cast<unsigned char>(value[end]) & 0xC0) == 0x80) --end;
    value = value.substr(0, end);
    cut = true;
  }
  absl::StrAppend(&fields_, ",\"", JsonEscape(key), "\":\"", JsonEscape(value), cut ? "..." : "",
                  "\"");
  return *this;
}

CallLogLine& CallLogLine::Add(absl::string_view key, int64_t value) {
  absl::StrAppend(&fields_, ",\"", JsonEscape(key), "\":", value);
  return *this;
}

CallLogLine& CallLogLine::Add(absl::string_view key, double value) {
  if (!std::isfinite(value)) value = 0;
  absl::StrAppendFormat(&fields_, ",\"%s\":%.1f", JsonEscape(key), value);
  return *this;
}

}  // namespace newsalign
