// Fuzzes anchor extraction: ExtractNumbers(), ExtractDates(), LatinSkeleton(),
// ArabicSkeletons() and the whole ExtractRawAnchors() on any valid UTF-8 sentence (their
// contract; callers validate first). The first byte picks the language and the two scripts.
// Checks that every value is non-empty valid UTF-8, that numbers are canonical decimals (digits,
// at most one point, no sign) and dates "month:1".."month:12" or "weekday:1".."weekday:7".
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "align/sentence_features.h"
#include "anchors/dates.h"
#include "anchors/numbers.h"
#include "fuzz/fuzz_check.h"
#include "text/name_skeletons.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

namespace {

constexpr absl::string_view kLanguages[] = {"fr", "ar", "de", "en", "fr-CA", "ar-MA", "es", "und"};
constexpr newsalign::Script kScripts[] = {newsalign::Script::kLatin, newsalign::Script::kArabic,
                                          newsalign::Script::kOther};

bool IsUtf8(absl::string_view text) { return newsalign::ValidateUtf8(text, "value").ok(); }

// Returns true for "15000", "3.5": digits with at most one point between digits.
bool IsCanonicalNumber(absl::string_view value) {
  int points = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '.') {
      if (i == 0 || i + 1 == value.size() || ++points > 1) return false;
    } else if (value[i] < '0' || value[i] > '9') {
      return false;
    }
  }
  return !value.empty();
}

// Returns true for "month:1".."month:12" and "weekday:1".."weekday:7".
bool IsDate(absl::string_view value) {
  int n = 0;
  if (absl::ConsumePrefix(&value, "month:")) {
    return absl::SimpleAtoi(value, &n) && n >= 1 && n <= 12;
  }
  if (absl::ConsumePrefix(&value, "weekday:")) {
    return absl::SimpleAtoi(value, &n) && n >= 1 && n <= 7;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto [selector, text] = newsalign::fuzz::Select(data, size);
  if (!IsUtf8(text)) return 0;
  const absl::string_view language = kLanguages[selector % std::size(kLanguages)];
  const newsalign::Script own = kScripts[(selector / 8) % 3];
  const newsalign::Script other = kScripts[(selector / 24) % 3];

  for (const std::string& number : newsalign::ExtractNumbers(text)) {
    FUZZ_CHECK(IsCanonicalNumber(number), "a number is a canonical decimal");
  }
  const std::vector<newsalign::Token> tokens = newsalign::Tokenize(text);
  for (const std::string& date : newsalign::ExtractDates(tokens)) {
    FUZZ_CHECK(IsDate(date), "a date is month:1..12 or weekday:1..7");
  }
  for (const newsalign::Token& t : tokens) {
    FUZZ_CHECK(IsUtf8(newsalign::LatinSkeleton(t.norm)), "a Latin skeleton is valid UTF-8");
    for (const std::string& skeleton : newsalign::ArabicSkeletons(t.norm)) {
      FUZZ_CHECK(!skeleton.empty() && IsUtf8(skeleton), "an Arabic skeleton is valid UTF-8");
    }
  }
  for (const newsalign::RawAnchor& anchor :
       newsalign::ExtractRawAnchors(text, language, own, other)) {
    FUZZ_CHECK(!anchor.value.empty() && IsUtf8(anchor.value),
               "an anchor value is non-empty valid UTF-8");
  }
  return 0;
}
