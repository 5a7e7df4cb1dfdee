#include "report/repeats.h"

#include <string>

#include "absl/algorithm/container.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "report/text_helpers.h"

namespace newsalign::report_internal {
namespace {

// Shortest sentence, in code points without white space (LengthOf), that counts as repeated
// when it occurs twice: shorter lines ("Source", "Photo : AFP") legitimately do.
constexpr double kMinRepeatedLength = 20;

// Returns, for each sentence, the index of an earlier identical sentence of the same document
// (of kMinRepeatedLength or more), or -1.
std::vector<int> EarlierCopies(const std::vector<Sentence>& sentences) {
  std::vector<int> copies(sentences.size(), -1);
  absl::flat_hash_map<std::string, int> first;
  for (size_t i = 0; i < sentences.size(); ++i) {
    if (LengthOf(MatchingText(sentences[i])) < kMinRepeatedLength) continue;
    auto [it, inserted] =
        first.emplace(CollapseSpaces(MatchingText(sentences[i])), static_cast<int>(i));
    if (!inserted) copies[i] = it->second;
  }
  return copies;
}

}  // namespace

std::vector<int> FindRepeats(const DocumentAlignment& alignment) {
  const std::vector<int> target_copies = EarlierCopies(alignment.target.sentences);
  const std::vector<int> source_copies = EarlierCopies(alignment.source.sentences);
  std::vector<bool> has_source(alignment.target.sentences.size(), false);
  std::vector<bool> source_repeats(alignment.target.sentences.size(), false);
  for (const Bead& bead : alignment.beads) {
    const bool repeated = absl::c_any_of(bead.source, [&](int s) { return source_copies[s] >= 0; });
    for (int t : bead.target) {
      has_source[t] = !bead.source.empty();
      source_repeats[t] = repeated;
    }
  }
  std::vector<int> repeats(alignment.target.sentences.size(), -1);
  for (size_t t = 0; t < repeats.size(); ++t) {
    const int original = target_copies[t];
    if (original >= 0 && has_source[t] && has_source[original] && !source_repeats[t]) {
      repeats[t] = original;
    }
  }
  return repeats;
}

bool CheckRepeats(const Bead& bead, const std::vector<int>& repeats, Finding* finding) {
  std::vector<int> copies, originals;
  for (int t : bead.target) {
    if (repeats[t] < 0) continue;
    copies.push_back(t);
    originals.push_back(repeats[t]);
  }
  if (copies.empty()) return false;
  *finding = {FindingKind::kAddition,
              Severity::kError,
              absl::StrCat("target ", copies.size() == 1 ? "sentence " : "sentences ",
                           absl::StrJoin(copies, ", "), copies.size() == 1 ? " repeats" : " repeat",
                           " target ", originals.size() == 1 ? "sentence " : "sentences ",
                           absl::StrJoin(originals, ", ")),
              {},
              {},
              {}};
  return true;
}

}  // namespace newsalign::report_internal
