// Fuzzes SplitSentences(): the first byte picks the language tag, the rest is the text (any
// bytes: the splitter reads invalid UTF-8 without going past the end). On valid UTF-8 it checks
// the header's invariant: segments are ordered, non-empty, do not overlap, neither start nor end
// with whitespace, only whitespace lies between and around them, and paragraphs never go back.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "fuzz/fuzz_check.h"
#include "text/sentence_splitter.h"
#include "text/utf8.h"

namespace {

// Well-formed tags with their own rules, tags ICU knows without ours, and malformed ones.
constexpr absl::string_view kLanguages[] = {
    "fr", "ar", "de", "en", "fr-u-ss-standard", "ar-EG", "de-CH", "fr-CA", "ja", "th",
    "und", "x-private", "", "fr_FR", "zz-ZZ-1234567890", "ar-u-nu-arab"};

// The splitter's whitespace: Unicode White_Space, U+200B and U+FEFF.
bool IsSpace(UChar32 c) { return u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF; }

// Returns true when [begin, end) of valid UTF-8 `text` is all whitespace.
bool AllSpace(absl::string_view text, size_t begin, size_t end) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  for (int32_t i = static_cast<int32_t>(begin); i < static_cast<int32_t>(end);) {
    UChar32 c;
    U8_NEXT(s, i, static_cast<int32_t>(end), c);
    if (c < 0 || !IsSpace(c)) return false;
  }
  return true;
}

// Returns the first and the last code point of [begin, end), a non-empty range of valid UTF-8.
UChar32 First(absl::string_view text, size_t begin, size_t end) {
  int32_t i = static_cast<int32_t>(begin);
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(end), c);
  return c;
}
UChar32 Last(absl::string_view text, size_t begin, size_t end) {
  int32_t i = static_cast<int32_t>(end);
  UChar32 c;
  U8_PREV(reinterpret_cast<const uint8_t*>(text.data()), static_cast<int32_t>(begin), i, c);
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using newsalign::fuzz::Select;
  const auto [selector, text] = Select(data, size);
  const absl::string_view language = kLanguages[selector % std::size(kLanguages)];
  const absl::StatusOr<std::vector<newsalign::Segment>> segments =
      newsalign::SplitSentences(text, language);
  if (!segments.ok()) {
    FUZZ_CHECK(segments.status().code() == absl::StatusCode::kInvalidArgument,
               "the splitter fails only with INVALID_ARGUMENT");
    return 0;
  }
  if (!newsalign::ValidateUtf8(text, "text").ok()) return 0;
  size_t previous_end = 0;
  int previous_paragraph = 0;
  for (const newsalign::Segment& s : *segments) {
    FUZZ_CHECK(s.begin < s.end && s.end <= text.size(), "a segment is a non-empty range");
    FUZZ_CHECK(previous_end <= s.begin, "segments are ordered and do not overlap");
    FUZZ_CHECK(AllSpace(text, previous_end, s.begin), "only whitespace lies between segments");
    FUZZ_CHECK(!IsSpace(First(text, s.begin, s.end)) && !IsSpace(Last(text, s.begin, s.end)),
               "a segment has no leading or trailing whitespace");
    FUZZ_CHECK(First(text, s.begin, s.end) >= 0 && Last(text, s.begin, s.end) >= 0,
               "a segment starts and ends on character boundaries");
    FUZZ_CHECK(s.paragraph >= previous_paragraph, "paragraph numbers never go back");
    previous_end = s.end;
    previous_paragraph = s.paragraph;
  }
  FUZZ_CHECK(AllSpace(text, previous_end, text.size()), "only whitespace follows the last segment");
  return 0;
}
