// Fuzzes the parallel-corpus readers of `newsalign lexicon train` on any bytes: the first byte
// picks the reader (ParseTmx with one of several language pairs, ParseParallelTsv, or
// ZipLineAligned over the text cut at its first NUL). Checks that errors are INVALID_ARGUMENT and
// that every pair read is valid UTF-8 (invalid input must be an error), with no line break in a
// TMX segment and no tab or line break in a TSV field.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "alignment/ibm_model1.h"
#include "alignment/utf8.h"
#include "client/parallel_corpus.h"
#include "fuzz/fuzz_check.h"

namespace {

constexpr std::pair<absl::string_view, absl::string_view> kPairs[] = {
    {"fr", "ar"}, {"ar", "fr"}, {"de", "fr"}, {"FR", "ar-EG"}, {"en", "en"}, {"", ""}};

bool IsUtf8(absl::string_view text) { return newsalign::ValidateUtf8(text, "pair").ok(); }

void CheckPairs(const absl::StatusOr<std::vector<newsalign::SentencePair>>& pairs,
                absl::string_view forbidden) {
  if (!pairs.ok()) {
    FUZZ_CHECK(pairs.status().code() == absl::StatusCode::kInvalidArgument,
               "a corpus reader fails only with INVALID_ARGUMENT");
    return;
  }
  for (const newsalign::SentencePair& pair : *pairs) {
    FUZZ_CHECK(IsUtf8(pair.source) && IsUtf8(pair.target), "a pair read is valid UTF-8");
    FUZZ_CHECK(absl::string_view(pair.source).find_first_of(forbidden) == absl::string_view::npos &&
                   absl::string_view(pair.target).find_first_of(forbidden) ==
                       absl::string_view::npos,
               "a pair holds no separator of its format");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto [selector, text] = newsalign::fuzz::Select(data, size);
  const int mode = selector % 8;
  if (mode < static_cast<int>(std::size(kPairs))) {
    const auto& [source, target] = kPairs[mode];
    CheckPairs(newsalign::client::ParseTmx(text, source, target, "fuzz.tmx"), "\n\r");
  } else if (mode == 6) {
    CheckPairs(newsalign::client::ParseParallelTsv(text, "fuzz.tsv"), "\t\n");
  } else {
    const size_t cut = text.find('\0');
    const absl::string_view source = text.substr(0, cut);
    const absl::string_view target =
        cut == absl::string_view::npos ? absl::string_view() : text.substr(cut + 1);
    CheckPairs(newsalign::client::ZipLineAligned(source, "fuzz.fr", target, "fuzz.ar"), "\n");
  }
  return 0;
}
