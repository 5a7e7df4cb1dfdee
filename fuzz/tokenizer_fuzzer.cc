// Fuzzes Tokenize(), NormalizeWord() and StemArabic() on any valid UTF-8 text (the tokenizer's
// contract; other bytes are left out as every caller validates first). Checks that tokens are
// ordered, non-empty, non-overlapping byte ranges on character boundaries, that every normalised
// form and stem is valid UTF-8 (they end up in protobuf strings), and that normalising is
// idempotent.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "fuzz/fuzz_check.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

namespace {

bool IsUtf8(absl::string_view text) { return newsalign::ValidateUtf8(text, "text").ok(); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  if (!IsUtf8(text)) return 0;
  size_t previous_end = 0;
  for (const newsalign::Token& t : newsalign::Tokenize(text)) {
    FUZZ_CHECK(t.begin < t.end && t.end <= text.size(), "a token is a non-empty range");
    FUZZ_CHECK(previous_end <= t.begin, "tokens are ordered and do not overlap");
    previous_end = t.end;
    const absl::string_view surface = text.substr(t.begin, t.end - t.begin);
    FUZZ_CHECK(IsUtf8(surface), "a token starts and ends on character boundaries");
    FUZZ_CHECK(IsUtf8(t.norm), "a normalised form is valid UTF-8");
    const std::string stem = newsalign::StemArabic(t.norm);
    FUZZ_CHECK(IsUtf8(stem), "a stem is valid UTF-8");
    FUZZ_CHECK(newsalign::NormalizeWord(t.norm) == t.norm, "normalising twice changes nothing");
  }
  const std::string norm = newsalign::NormalizeWord(text);
  FUZZ_CHECK(IsUtf8(norm), "NormalizeWord gives valid UTF-8");
  FUZZ_CHECK(IsUtf8(newsalign::StemArabic(norm)), "StemArabic gives valid UTF-8");
  return 0;
}
