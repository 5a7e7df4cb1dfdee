// UTF-8 validation, decoding and offset conversion.
//
// Every text that enters newsalign is validated here first, so the rest of the core can assume
// well-formed UTF-8. Offsets elsewhere are byte offsets; these helpers convert them to Unicode
// code-point offsets for callers that count characters, and decode the code points of a text
// for the loops that read them one by one (inline: the tokenizer's loop is the hot path).
//
//   RETURN_IF_ERROR(ValidateUtf8(request_text, "source.text"));
//   CodePointIndex index(text);
//   size_t cp = index.CodePointOffset(byte_offset);
//   ForEachCodePoint(word, [&](UChar32 c) { if (c == 0x061F) ++questions; });  // ؟
#ifndef NEWSALIGN_ALIGNMENT_TEXT_UTF8_H_
#define NEWSALIGN_ALIGNMENT_TEXT_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "unicode/umachine.h"
#include "unicode/utf8.h"

namespace newsalign {

// Returns OK when `text` is well-formed UTF-8 (no overlongs, surrogates or code points above
// U+10FFFF), else INVALID_ARGUMENT naming `field` and the byte offset of the first bad byte.
absl::Status ValidateUtf8(absl::string_view text, absl::string_view field);

// Returns the number of code points in `text` (which must be valid UTF-8).
size_t CountCodePoints(absl::string_view text);

// Returns the number of code points in `text` other than the ASCII characters of `skipped`:
// a sentence's length as the models count it, without its white space (the length model skips
// " \t", the QA report " \t\r\n").
size_t CountCodePointsExcept(absl::string_view text, absl::string_view skipped);

// Returns the length in bytes of the well-formed UTF-8 sequence that starts at `text[i]`
// (`i` < text.size()), or 0 when it is malformed (RFC 3629: no overlongs, no surrogates, nothing
// above U+10FFFF, not cut by the end of `text`).
inline size_t Utf8SequenceLength(absl::string_view text, size_t i) {
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

// Returns the code point that starts at byte `i` of `text` (`i` < text.size()) and stores its
// length in `*length`. A byte that does not start a well-formed sequence (Utf8SequenceLength()
// is 0) decodes as U+FFFD of length 1; no read goes past the end of `text`.
inline UChar32 DecodeUtf8At(absl::string_view text, size_t i, size_t* length) {
  const size_t n = Utf8SequenceLength(text, i);
  if (n == 0) {
    *length = 1;
    return 0xFFFD;
  }
  *length = n;
  const uint8_t b0 = static_cast<uint8_t>(text[i]);
  if (n == 1) return b0;
  UChar32 c = b0 & (0x7F >> n);  // the lead byte's payload: 5, 4 or 3 bits
  for (size_t k = 1; k < n; ++k) c = (c << 6) | (static_cast<uint8_t>(text[i + k]) & 0x3F);
  return c;
}

// Returns the code point that ends at byte `i` of `text` (`lower` < `i`) and stores where it
// starts in `*start`, never before `lower`. An ill-formed sequence decodes as U+FFFD of length 1.
inline UChar32 DecodeUtf8Before(absl::string_view text, size_t lower, size_t i, size_t* start) {
  size_t j = i - 1;
  while (j > lower && i - j < 4 && (static_cast<uint8_t>(text[j]) & 0xC0) == 0x80) --j;
  size_t length;
  const UChar32 c = DecodeUtf8At(text, j, &length);
  if (j + length != i) {  // ill-formed: step back one byte
    *start = i - 1;
    return 0xFFFD;
  }
  *start = j;
  return c;
}

// Returns the code point that starts at byte `*i` of `text` (`*i` < text.size(), text shorter
// than 2 GiB) and moves `*i` past it, as ICU's U8_NEXT reads it: a malformed sequence gives a
// negative value (U_SENTINEL) and `*i` moves past its longest well-formed start.
inline UChar32 NextCodePoint(absl::string_view text, size_t* i) {
  int32_t k = static_cast<int32_t>(*i);
  UChar32 c;
  U8_NEXT(text.data(), k, static_cast<int32_t>(text.size()), c);
  *i = static_cast<size_t>(k);
  return c;
}

// Calls `f(c)` for each code point `c` of `text` in order, read as NextCodePoint() reads them
// (negative for a malformed sequence).
template <typename F>
void ForEachCodePoint(absl::string_view text, F&& f) {
  size_t i = 0;
  while (i < text.size()) f(NextCodePoint(text, &i));
}

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
