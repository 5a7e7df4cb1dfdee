// Fuzzes `newsalign lexicon train` on any bytes: the first byte picks the corpus reader
// (ParseTmx with one of several language pairs, ParseParallelTsv, or ZipLineAligned over the
// text cut at its first NUL). Checks that errors are INVALID_ARGUMENT and that every pair read is
// valid UTF-8 (invalid input must be an error), with no line break in a TMX segment and no tab or
// line break in a TSV field. Then trains a small IBM Model 1 on the pairs, as the command does,
// and checks that the lexicon file it would write is one `newsalign align --lexicon` reads.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "client/lexicon_command.h"
#include "client/parallel_corpus.h"
#include "fuzz/fuzz_check.h"
#include "lexicon/ibm_model1.h"
#include "lexicon/lexicon.h"
#include "newsalign/v1/alignment.pb.h"
#include "text/utf8.h"

namespace {

constexpr std::pair<absl::string_view, absl::string_view> kPairs[] = {
    {"fr", "ar"}, {"ar", "fr"}, {"de", "fr"}, {"FR", "ar-EG"}, {"en", "en"}, {"", ""}};

bool IsUtf8(absl::string_view text) { return newsalign::ValidateUtf8(text, "pair").ok(); }

// Trains on `pairs` with small limits and checks the lexicon's TSV reads back.
void Train(const std::vector<newsalign::SentencePair>& pairs, absl::string_view source_language,
           absl::string_view target_language) {
  newsalign::IbmModel1Options options;
  options.iterations = 2;
  options.min_count = 1;
  options.max_cooccurrences = 100000;
  const absl::StatusOr<newsalign::Lexicon> lexicon =
      newsalign::TrainIbmModel1(pairs, source_language, target_language, options);
  if (!lexicon.ok()) {
    FUZZ_CHECK(lexicon.status().code() == absl::StatusCode::kInvalidArgument ||
                   lexicon.status().code() == absl::StatusCode::kResourceExhausted,
               "training fails only with INVALID_ARGUMENT or RESOURCE_EXHAUSTED");
    return;
  }
  const std::string tsv = lexicon->ToTsv();
  const absl::StatusOr<newsalign::Lexicon> read =
      newsalign::Lexicon::FromTsv(tsv, source_language, target_language);
  FUZZ_CHECK(read.ok() && read->size() == lexicon->size(), "a trained lexicon reads back");
  newsalign::v1::AlignOptions request_options;
  FUZZ_CHECK(newsalign::client::AddUserLexicon(tsv, source_language, target_language,
                                               &request_options)
                 .ok(),
             "a trained lexicon can be sent with a request");
}

void CheckPairs(const absl::StatusOr<std::vector<newsalign::SentencePair>>& pairs,
                absl::string_view forbidden, absl::string_view source_language = "fr",
                absl::string_view target_language = "ar") {
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
  Train(*pairs, source_language, target_language);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto [selector, text] = newsalign::fuzz::Select(data, size);
  const int mode = selector % 8;
  if (mode < static_cast<int>(std::size(kPairs))) {
    const auto& [source, target] = kPairs[mode];
    CheckPairs(newsalign::client::ParseTmx(text, source, target, "fuzz.tmx"), "\n\r", source,
               target);
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
