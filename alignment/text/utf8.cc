#include "text/utf8.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/str_cat.h"

#if defined(__SSE2__) && defined(__x86_64__)
#define NEWSALIGN_UTF8_SSE2 1
#include <emmintrin.h>
#endif

namespace newsalign {
namespace {

// Most skipped characters CountCodePointsExcept compares sixteen bytes at a time with.
[[maybe_unused]] constexpr size_t kMostVectorSkipped = 8;

}  // namespace

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
  size_t count = 0;
  size_t i = 0;
#if defined(NEWSALIGN_UTF8_SSE2)
  // Sixteen bytes at a time: a byte counts unless it continues a sequence (10xxxxxx) or equals
  // one of `skipped` (7 instructions a byte one at a time, a tenth of a server call's alignment
  // and report).
  if (skipped.size() <= kMostVectorSkipped) {
    __m128i skip[kMostVectorSkipped];
    for (size_t k = 0; k < skipped.size(); ++k) skip[k] = _mm_set1_epi8(skipped[k]);
    const __m128i top_bits = _mm_set1_epi8(static_cast<char>(0xC0));
    const __m128i continuation = _mm_set1_epi8(static_cast<char>(0x80));
    for (; i + 16 <= text.size(); i += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      __m128i left_out = _mm_cmpeq_epi8(_mm_and_si128(bytes, top_bits), continuation);
      for (size_t k = 0; k < skipped.size(); ++k) {
        left_out = _mm_or_si128(left_out, _mm_cmpeq_epi8(bytes, skip[k]));
      }
      count += 16 - static_cast<size_t>(__builtin_popcount(_mm_movemask_epi8(left_out)));
    }
  }
#endif
  // The rest a byte at a time, the skipped bytes as a table looked up without a branch (a
  // search of `skipped` for every byte cost more than the count).
  bool skip[256] = {};
  for (char c : skipped) skip[static_cast<uint8_t>(c)] = true;
  for (; i < text.size(); ++i) {
    // A skipped character is ASCII, so never a byte of a longer sequence.
    const auto byte = static_cast<uint8_t>(text[i]);
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
