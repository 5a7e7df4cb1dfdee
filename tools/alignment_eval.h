// Scoring sentence alignments against gold beads: strict and lax precision, recall and F1 as
// defined by Sennrich and Volk (2010) and computed by ../shared/eval/score.py, pooled over
// documents; plus a confusion table of bead types and a calibration table of confidences.
#ifndef NEWSALIGN_TOOLS_ALIGNMENT_EVAL_H_
#define NEWSALIGN_TOOLS_ALIGNMENT_EVAL_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace newsalign {

// A bead as in the vecalign files: source and target sentence indices.
struct EvalBead {
  std::vector<int> source;
  std::vector<int> target;
  double confidence = 1.0;
  bool operator==(const EvalBead& o) const { return source == o.source && target == o.target; }
  bool operator<(const EvalBead& o) const {
    return std::tie(source, target) < std::tie(o.source, o.target);
  }
};

// Parses one line "[0, 1]:[2]"; returns INVALID_ARGUMENT when it is not of that form.
absl::StatusOr<EvalBead> ParseVecalignLine(absl::string_view line);

// Returns `beads` with source and target swapped, ordered by source (the other language first).
std::vector<EvalBead> MirrorBeads(const std::vector<EvalBead>& beads);

// Formats a bead as one vecalign line, "[0, 1]:[2]" (no newline).
std::string FormatVecalignLine(const std::vector<int>& source, const std::vector<int>& target);

// Pooled counts; add documents one by one, then read the scores.
class AlignmentScorer {
 public:
  void AddDocument(const std::vector<EvalBead>& gold, const std::vector<EvalBead>& test);

  double precision_strict() const;
  double recall_strict() const;
  double f1_strict() const;
  double precision_lax() const;
  double recall_lax() const;
  double f1_lax() const;

  // Gold bead type -> test bead type -> count, over gold beads whose exact source side (or,
  // for additions, target side) appears in a test bead.
  const std::map<std::string, std::map<std::string, int>>& confusion() const { return confusion_; }

  // Omitted source sentences (in a bead with no target) and added target sentences (in a bead
  // with no source), pooled over documents as ../shared/eval/omission_score.py counts them.
  double precision_omitted() const;
  double recall_omitted() const;
  double f1_omitted() const;
  double precision_added() const;
  double recall_added() const;
  double f1_added() const;
  // Gold omitted source sentences and gold added target sentences, over every document.
  long gold_omitted() const { return omitted_[0] + omitted_[2]; }
  long gold_added() const { return added_[0] + added_[2]; }
  // Sentences the test leaves alone that the gold does not.
  long false_omitted() const { return omitted_[1]; }
  long false_added() const { return added_[1]; }

  // Calibration: test beads bucketed by confidence (lower bound of bucket) -> (correct, total).
  const std::map<double, std::pair<int, int>>& calibration() const { return calibration_; }

 private:
  // tp_strict, fp_strict, tp_lax, fp_lax
  long precision_[4] = {0, 0, 0, 0};
  long recall_[4] = {0, 0, 0, 0};
  // true positives, false positives, false negatives
  long omitted_[3] = {0, 0, 0};
  long added_[3] = {0, 0, 0};
  std::map<std::string, std::map<std::string, int>> confusion_;
  std::map<double, std::pair<int, int>> calibration_;
};

}  // namespace newsalign

#endif  // NEWSALIGN_TOOLS_ALIGNMENT_EVAL_H_
