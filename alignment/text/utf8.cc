#include "text/utf8.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/str_cat.h"

namespace newsalign {

absl::Status ValidateUtf8(absl::string_view text, absl::string_view field) {
  size_t i = 0;
  while (i < text.size()) {
    const size_t length = Utf8SequenceLength(text, i);
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

size_t CountCodePointsExcept(absl::string_view text, absl::string_view skipped) {
  // The skipped bytes as a table, looked up without a branch (a search of `skipped` for every
  // byte was most of the time of the sentence lengths and the report's length checks).
  bool skip[256] = {};
  for (char c : skipped) skip[static_cast<uint8_t>(c)] = true;
  size_t count = 0;
  for (char c : text) {
    // A skipped character is ASCII, so never a byte of a longer sequence.
    const auto byte = static_cast<uint8_t>(c);
    count += static_cast<size_t>(((byte & 0xC0) != 0x80) & !skip[byte]);
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
