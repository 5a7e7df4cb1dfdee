#include "text/utf8.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/str_cat.h"

namespace newsalign {
namespace {

// Returns the length of the well-formed UTF-8 sequence at `text[i]`, or 0 when it is malformed
// (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
size_t SequenceLength(absl::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(text[k]); };
  const uint8_t b0 = byte(i);
  if (b0 < 0x80) return 1;
  size_t length;
  uint8_t low = 0x80, high = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    if (b0 == 0xE0) low = 0xA0;   // overlong
    if (b0 == 0xED) high = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    if (b0 == 0xF0) low = 0x90;   // overlong
    if (b0 == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (size_t k = 2; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  return length;
}

}  // namespace

absl::Status ValidateUtf8(absl::string_view text, absl::string_view field) {
  size_t i = 0;
  while (i < text.size()) {
    const size_t length = SequenceLength(text, i);
    if (length == 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, ": invalid UTF-8 at byte ", i, "; send the text encoded as UTF-8"));
    }
    i += length;
  }
  return absl::OkStatus();
}

size_t CountCodePoints(absl::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if ((static_cast<uint8_t>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

CodePointIndex::CodePointIndex(absl::string_view text) : text_(text) {
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<uint8_t>(text[i]) & 0xC0) != 0x80) {
      if (count % 64 == 0) checkpoints_.push_back(i);
      ++count;
    }
  }
}

size_t CodePointIndex::CodePointOffset(size_t byte_offset) const {
  // The last checkpoint at or before byte_offset.
  auto it = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), byte_offset);
  if (it == checkpoints_.begin()) return 0;
  --it;
  size_t index = static_cast<size_t>(it - checkpoints_.begin()) * 64;
  return index + CountCodePoints(text_.substr(*it, byte_offset - *it));
}

}  // namespace newsalign
