// Reading ../shared/eval and the generated lexicons in tests: a document's lines, views of them
// as the aligner takes them, and a lexicon of the build (build/lexicon/PAIR.tsv).
#ifndef NEWSALIGN_TESTS_TESTING_EVAL_DATA_H_
#define NEWSALIGN_TESTS_TESTING_EVAL_DATA_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "lexicon/lexicon.h"
#include "tests/testing/files.h"

namespace newsalign::testing {

// The lexicon of `pair` ("fr-ar") read from `source` to `target`, or null when the build has
// not generated it or it does not parse.
inline std::shared_ptr<const Lexicon> LoadLexicon(const std::string& pair,
                                                  const std::string& source,
                                                  const std::string& target) {
  const std::string tsv = ReadFile(absl::StrCat(NEWSALIGN_LEXICON_DIR, "/", pair, ".tsv"));
  auto parsed = Lexicon::FromTsv(tsv, source, target);
  if (tsv.empty() || !parsed.ok()) return nullptr;
  return std::make_shared<const Lexicon>(*std::move(parsed));
}

// The lines of the file at `path`, without the empty one after its last line break.
inline std::vector<std::string> Lines(const std::string& path) {
  std::vector<std::string> lines = absl::StrSplit(ReadFile(path), '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

inline std::vector<absl::string_view> Views(const std::vector<std::string>& lines) {
  return std::vector<absl::string_view>(lines.begin(), lines.end());
}

}  // namespace newsalign::testing

#endif  // NEWSALIGN_TESTS_TESTING_EVAL_DATA_H_
