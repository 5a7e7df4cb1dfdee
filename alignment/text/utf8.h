// UTF-8 validation and offset conversion.
//
// Every text that enters newsalign is validated here first, so the rest of the core can assume
// well-formed UTF-8. Offsets elsewhere are byte offsets; these helpers convert them to Unicode
// code-point offsets for callers that count characters.
//
//   RETURN_IF_ERROR(ValidateUtf8(request_text, "source.text"));
//   CodePointIndex index(text);
//   size_t cp = index.CodePointOffset(byte_offset);
#ifndef NEWSALIGN_ALIGNMENT_TEXT_UTF8_H_
#define NEWSALIGN_ALIGNMENT_TEXT_UTF8_H_

#include <cstddef>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace newsalign {

// Returns OK when `text` is well-formed UTF-8 (no overlongs, surrogates or code points above
// U+10FFFF), else INVALID_ARGUMENT naming `field` and the byte offset of the first bad byte.
absl::Status ValidateUtf8(absl::string_view text, absl::string_view field);

// Returns the number of code points in `text` (which must be valid UTF-8).
size_t CountCodePoints(absl::string_view text);

// Maps byte offsets of one valid UTF-8 text to code-point offsets in O(log n) per lookup.
class CodePointIndex {
 public:
  explicit CodePointIndex(absl::string_view text);

  // Returns the code-point offset of `byte_offset`, which must lie on a character boundary
  // in [0, text.size()].
  size_t CodePointOffset(size_t byte_offset) const;

 private:
  // Byte offset of every 64th code point, so lookups scan at most 64 characters.
  std::vector<size_t> checkpoints_;
  absl::string_view text_;
};

}  // namespace newsalign

#endif  // NEWSALIGN_ALIGNMENT_TEXT_UTF8_H_
