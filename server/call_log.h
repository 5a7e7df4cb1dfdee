// One structured line per call for the server's log: a JSON object with the time (UTC,
// RFC 3339, milliseconds), a level chosen from the status code, and the call's fields, in the
// order they were added. Never the documents' text: ids are cut at 64 bytes.
//
//   CallLogLine line("Align", absl::StatusCode::kOk, absl::Now());
//   line.Add("id", request.id()).Add("source_bytes", 1234).Add("elapsed_ms", 12.5);
//   sink(line.Json());
//   // {"time":"2026-12-03T18:06:31.123Z","level":"INFO","method":"Align","code":"OK",
//   //  "id":"pair-3","source_bytes":1234,"elapsed_ms":12.5}
#ifndef NEWSALIGN_SERVER_CALL_LOG_H_
#define NEWSALIGN_SERVER_CALL_LOG_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace newsalign {

// "INFO" for OK; "WARNING" for what the caller can mend or chose (bad input, deadline,
// cancellation, limits, authentication); "ERROR" for the server's own failures (INTERNAL,
// UNKNOWN, UNAVAILABLE, DATA_LOSS, UNIMPLEMENTED).
absl::string_view LogLevelOf(absl::StatusCode code);

// `text` as the inside of a JSON string: quotes, backslashes and control characters escaped
// (\n, \t, \u001b ...); other bytes as they are.
std::string JsonEscape(absl::string_view text);

class CallLogLine {
 public:
  CallLogLine(absl::string_view method, absl::StatusCode code, absl::Time now);

  // A string field (escaped); "id" is cut at 64 bytes on a character boundary, marked "...".
  CallLogLine& Add(absl::string_view key, absl::string_view value);
  CallLogLine& Add(absl::string_view key, const char* value) {
    return Add(key, absl::string_view(value));
  }
  CallLogLine& Add(absl::string_view key, int64_t value);
  CallLogLine& Add(absl::string_view key, int value) { return Add(key, int64_t{value}); }
  // A number with one decimal (milliseconds).
  CallLogLine& Add(absl::string_view key, double value);

  // The line, without a final newline.
  std::string Json() const { return fields_ + "}"; }

 private:
  std::string fields_;
};

}  // namespace newsalign

#endif  // NEWSALIGN_SERVER_CALL_LOG_H_
