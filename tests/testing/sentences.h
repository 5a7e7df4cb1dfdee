// The sentences SplitSentences() finds, as strings, for tests that compare text.
//
//   EXPECT_THAT(Sentences("Il part. Elle reste.", "fr"), ElementsAre("Il part.", "Elle reste."));
#ifndef NEWSALIGN_TESTS_TESTING_SENTENCES_H_
#define NEWSALIGN_TESTS_TESTING_SENTENCES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "tests/testing/status_matchers.h"
#include "text/sentence_splitter.h"

namespace newsalign::testing {

// Returns the sentences of `text` as strings; fails the test (and returns none) when
// SplitSentences() fails.
inline std::vector<std::string> Sentences(absl::string_view text, absl::string_view language) {
  const absl::StatusOr<std::vector<Segment>> segments = SplitSentences(text, language);
  EXPECT_THAT(segments, IsOk());
  std::vector<std::string> sentences;
  if (!segments.ok()) return sentences;
  for (const Segment& s : *segments) {
    sentences.emplace_back(text.substr(s.begin, s.end - s.begin));
  }
  return sentences;
}

}  // namespace newsalign::testing

#endif  // NEWSALIGN_TESTS_TESTING_SENTENCES_H_
